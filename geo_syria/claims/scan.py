r"""Where claims can be: long claim patterns tried only where a cheap scan says they may match.

The scans run on :func:`lowered` (the text in lower case) with regexes opening with a
literal word ("of", "near", the "m" of a unit), which ``re`` finds at C speed; they list
every offset where a match may start (:func:`distance_starts`,
:func:`direction_and_edge_starts`, :func:`near_starts`, :func:`between_starts`) and the
pattern is tried there only (:func:`matches_at`): what ``pattern.finditer`` finds, 40x
faster on the dev corpus, as most texts hold no such place. A text whose offsets
lower-casing would move (:func:`lowered` gives None) is searched with ``finditer``.

Examples
--------
>>> import re
>>> text = "Soran, 20 km north of Hama; 5km north of it."
>>> pattern = re.compile(r"\d+\s*km\s+north\s+of", re.IGNORECASE)
>>> tail = re.compile(r"km\s+north\s+of", re.IGNORECASE)
>>> [m.group() for m in matches_at(pattern, text, distance_starts(text, lowered(text), tail))]
['20 km north of', '5km north of']
"""

from __future__ import annotations

import re

__all__ = [
    "between_starts",
    "direction_and_edge_starts",
    "distance_starts",
    "lowered",
    "matches_at",
    "near_starts",
]

# --- Fast candidate positions, found in the lower-cased text ------------------------------
#
# Each scan below is a regex opening with a literal word, which ``re`` finds at C speed;
# lookarounds keep only the places a claim pattern could use. They run on ``lowered(text)``,
# the text lower-cased position by position, so a hit there is a case-insensitive hit in
# the text. The claim patterns themselves are then tried on the text, at those places only.

#: Characters ``re.IGNORECASE`` matches to an ASCII letter but ``str.lower`` does not map.
_ODD_FOLDS = ("\u017f", "\u0131")  # long s, dotless i


def lowered(text: str) -> str | None:
    """Return ``text`` lower-cased with its offsets kept, or None when they would move.

    None for a text ``str.lower`` lengthens ("İ") or holding a character that a
    case-insensitive pattern matches to an ASCII letter while ``str.lower`` keeps it
    ("ſ", "ı"); callers then search the text itself.

    Examples
    --------
    >>> lowered("North of HAMA"), lowered("\u0130dlib"), lowered("\u017fouth")
    ('north of hama', None, None)
    """
    low = text.lower()
    if not text.isascii() and (len(low) != len(text) or any(c in low for c in _ODD_FOLDS)):
        return None
    return low


#: Where a unit starts ("km", "kilometres", "miles", "m", ...): after a digit, a white space
#: or a hyphen, ending at a word boundary; found by its "m" (every unit has one).
_UNIT_HIT_RE = re.compile(
    r"m(?=\W|i\W|ile|et(?:re|er)|s\W)(?:(?<=[\d\s-]m)|(?<=[\d\s-]km)|(?<=[\d\s-]kilom))"
)
#: "of" after white space and a compass word ("north of", "south-east of") or "outskirts",
#: "edge(s)", "fringes", "suburbs" (their last two letters tried first), or after two white
#: spaces (any word: checked in Python).
_OF_HIT_RE = re.compile(
    r"of(?<=\sof)(?<=(?:th|st|ts|ge|es|bs|[\s\S]\s)\sof)(?:"
    + "|".join(
        rf"(?<={word}\sof)"
        for word in ("north", "south", "east", "west", "outskirts", "edge", "edges", "fringes")
    )
    + r"|(?<=suburbs\sof)|(?<=\s\sof))\b"
)
_COMPASS = ("north", "south", "east", "west")
_NORTH_SOUTH = ("north", "south")
_EDGES = ("outskirts", "edge", "edges", "fringes", "suburbs")
#: Words that open "near", "close to", "just outside".
_NEAR_HIT_RES = (
    re.compile(r"near(?<!\wnear)(?=\s)"),
    re.compile(r"close(?<!\wclose)(?=\s+to\s)"),
    re.compile(r"just(?<!\wjust)(?=\s+outside\s)"),
)
_BETWEEN_HIT_RE = re.compile(r"between(?<!\wbetween)(?=\s)")


def _word_before(low: str, pos: int, word: str) -> int:
    """Return where ``word`` starts when it and then white space end at ``pos``, else -1."""
    end = pos
    while end > 0 and low[end - 1].isspace():
        end -= 1
    start = end - len(word)
    if end == pos or start < 0 or not low.startswith(word, start):
        return -1
    return start


def unit_hits(low: str) -> list[int]:
    """Return where a unit of a distance can start in folded text (a superset)."""
    hits = []
    for match in _UNIT_HIT_RE.finditer(low):
        m = match.start()
        prev = low[m - 1]
        hits.append(m - 1 if prev == "k" else m - 4 if prev == "o" else m)
    return hits


#: Words a distance holds before its unit, at most: "more than" (2), "between",
#: "a couple of" (3), "to", "twenty-five" (2); a word opening after "," or "." (in "1,000.5")
#: is not counted.
_DISTANCE_WORDS = 12


def distance_starts(text: str, low: str, tail: re.Pattern) -> list[int]:
    """Return where a distance phrase can start (a sorted superset).

    ``tail`` is the part of the distance pattern from the unit on: a unit hit it does
    not match at is no distance's unit. A distance opens at a word boundary, at one
    of the :data:`_DISTANCE_WORDS` words before its unit.
    """
    starts: list[int] = []
    for unit in unit_hits(low):
        if tail.match(text, unit) is None:
            continue
        pos, count = unit, _DISTANCE_WORDS
        while count > 0:
            while pos > 0 and not ((c := low[pos - 1]).isalnum() or c == "_"):
                pos -= 1
            if pos == 0:
                break
            while pos > 0 and ((c := low[pos - 1]).isalnum() or c == "_"):  # \w
                pos -= 1
            starts.append(pos)
            if pos == 0 or low[pos - 1] not in ",.":
                count -= 1
    starts.sort()
    return starts


def _compass_starts(low: str, end: int, starts: list[int]) -> None:
    r"""Add where a compass word of ``_DIRECTION_RE`` ending at ``end`` can start.

    "north", "south", "east", "west", or "(north|south)[-\s]?(north|south)?[-\s]?(east|west)".
    """
    if not low.endswith(("east", "west"), 0, end):
        starts.append(end - 5)
        return
    last = end - 4
    starts.append(last)
    # the first word ends 0-2 characters (two optional separators) before the last word,
    # or 5-7 before it with a middle "north"/"south"
    for stop in (last, last - 1, last - 2, last - 5, last - 6, last - 7):
        if stop >= 5 and low.startswith(_NORTH_SOUTH, stop - 5):
            starts.append(stop - 5)


def direction_and_edge_starts(low: str) -> tuple[list[int], list[int]]:
    """Return where a direction ("[to the] north of") and an edge phrase can start.

    The edge phrases are "on the outskirts of", "in the suburbs of", ... of ``_NEAR_RE``.
    Both lists are sorted supersets, found from the "of" that ends every such phrase.
    """
    directions: list[int] = []
    edges: list[int] = []
    for match in _OF_HIT_RE.finditer(low):
        end = match.start()
        while end > 0 and low[end - 1].isspace():
            end -= 1
        if low.endswith(_COMPASS, 0, end):
            words: list[int] = []
            _compass_starts(low, end, words)
            for word in words:
                the = _word_before(low, word, "the")
                if the >= 0 and (to := _word_before(low, the, "to")) >= 0:
                    directions.append(to)
                directions.append(word)
        elif low.endswith(_EDGES, 0, end):
            word = end - len(next(w for w in _EDGES if low.endswith(w, 0, end)))
            the = _word_before(low, word, "the")
            if the >= 0:
                edges.extend(s for s in (_word_before(low, the, w) for w in ("on", "in")) if s >= 0)
    directions.sort()
    return directions, edges


def near_starts(low: str, edges: list[int]) -> list[int]:
    """Return where a "near", "close to", "on the outskirts of" phrase can start (a superset).

    ``edges`` are the starts of edge phrases from :func:`direction_and_edge_starts`.
    """
    starts = list(edges)
    for scan in _NEAR_HIT_RES:
        starts.extend(_hits(scan, low))
    starts.sort()
    return starts


def between_starts(low: str) -> list[int]:
    """Return where "between" opens a phrase (a superset)."""
    return _hits(_BETWEEN_HIT_RE, low)


def _hits(scan: re.Pattern, low: str) -> list[int]:
    """Return where ``scan`` matches; one search when it does not (mostly)."""
    first = scan.search(low)
    if first is None:
        return []
    return [m.start() for m in scan.finditer(low, first.start())]


def matches_at(pattern: re.Pattern, text: str, starts: list[int]) -> list[re.Match]:
    """Return what ``pattern.finditer(text)`` yields, given every place a match can start.

    ``starts`` (sorted) holds every offset where ``pattern.match(text, offset)``
    may succeed: the first that does from the current position is the leftmost match.
    """
    found: list[re.Match] = []
    pos = 0
    match_at = pattern.match
    for start in starts:
        if start >= pos:
            match = match_at(text, start)
            if match is not None:
                found.append(match)
                pos = match.end()
    return found
