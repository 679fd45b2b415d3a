"""The parts of a claim phrase: its subject before it, its anchor after it.

Helpers of :mod:`geo_syria.claims.read`: a subject is the nearest place mention before
the phrase in its sentence (or the words there); an anchor is the mention reached over
lower-case filler after it, or an anaphor ("it", "the capital", "the town").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from geo_syria.recognize import Mention

__all__ = [
    "AFTER_ANCHOR_RE",
    "ANAPHOR_RE",
    "CLOSE_GAP",
    "JOIN_RE",
    "LONG_ANCHOR_GAP",
    "SUBJECT_GAP",
    "Mentions",
    "after_the_or_in",
    "anchor_at",
    "anchor_landmark",
    "may_be_between",
    "subject_before",
    "subject_words",
]

ANAPHOR_RE = re.compile(
    r"\s*(?P<ana>it|the\s+provincial\s+capital|the\s+(?:(?:syrian|ancient|country['’]s)\s+)?"
    r"capital|the\s+old\s+city|the\s+city|the\s+town|the\s+village)\b",
    re.IGNORECASE,
)
_FILLER_RE = re.compile(r"\s*(?:(?:[a-z][\w'’-]*|\[)\s*){0,6}")
_STRICT_FILLER_RE = re.compile(
    r"\s*(?:(?:the|a|an)\s+)?(?:[a-z][\w'’-]*\s+){0,2}?"
    r"(?:(?:city|town|village|province|district|area|capital|countryside|governorate|"
    r"neighbou?rhood|suburb|side|edge|centre|center|outskirts|border\s+with)s?\s+(?:of\s+)?)?"
)
AFTER_ANCHOR_RE = re.compile(
    r"\]?(?P<kind>\s+(?:city|town|village)\b)?(?P<walls>['’]?s?\s+walls\b)?"
)
_AFTER_THE_OR_IN_RE = re.compile(r"\b(?:the|in)\Z")
_CLAUSE_BREAK_RE = re.compile(r"[.;:!?]")
JOIN_RE = re.compile(r"\s*(?:and|&)\s")
SUBJECT_GAP = 120
CLOSE_GAP = 45
_ANCHOR_GAP = 40
LONG_ANCHOR_GAP = 100
#: A long title before the anchor: "the group's de facto capital of" Raqqa.
_TITLE_FILLER_RE = re.compile(
    r"\s*the\s+(?:[\w'’-]+\s+){0,8}?(?:capital|city|town|stronghold|province)\s+of\s+"
)


def anchor_at(text, pos, limit, mentions, doc_id, sentence, sent_start, *, strict=False):
    """Return the anchor after ``pos``: a mention reached over lower-case filler, or an anaphor."""
    i = bisect.bisect_left(mentions.starts, pos)
    for mention in mentions[i : i + 1]:
        gap = text[pos : mention.start]
        if mention.start > limit or len(gap) > LONG_ANCHOR_GAP:
            break
        if len(gap) <= _ANCHOR_GAP and (_STRICT_FILLER_RE if strict else _FILLER_RE).fullmatch(gap):
            return mention
        if not strict and _TITLE_FILLER_RE.fullmatch(gap):
            return mention
    ana = ANAPHOR_RE.match(text, pos)
    if ana and ana.end() <= limit:
        return Mention(
            doc_id,
            ana.start("ana"),
            ana.end("ana"),
            text[ana.start("ana") : ana.end("ana")],
            sentence,
            sent_start,
            cue=None,
            source="anaphor",
        )
    return None


#: Nouns of places that are no gazetteer record: a phrase measured from one of them ("12 km
#: from the border crossing on the Damascus-Beirut highway", "near the Rastan Dam") is not
#: measured from the named place.
_LANDMARK = (
    r"border|borders|frontier|crossing|highway|motorway|road|airport|airbase|air\s+base|"
    r"base|dam|lake|river|bridge|hospital|prison|checkpoint|factory|plant|field|oilfield|"
    r"station|university|school|mosque|church|market|stadium|port|harbour|harbor|"
    r"junction|roundabout|square|street|gate|citadel|palace|barracks"
)
_LANDMARK_IN_GAP = re.compile(rf"\b(?:{_LANDMARK})\b", re.IGNORECASE)
#: After the anchor's name: a landmark noun or a longer capitalised name ("Rastan Dam",
#: "Qamishli National Hospital", "the Damascus-Beirut highway").
_AFTER_NAME = re.compile(
    rf"(?:[-–][A-Z][\w'’]*)?\s*(?P<landmark>(?i:\b(?:{_LANDMARK})\b))"
    r"|(?P<name>[-–][A-Z][\w'’]*"
    r"|[ ](?!(?:City|Province|Governorate|Countryside)\b)[A-Z][a-z][\w'’]*)"
)


def anchor_landmark(text: str, pos: int, anchor: Mention) -> str | None:
    """Return the landmark a phrase ending at ``pos`` measures from, when not the anchor place.

    Examples
    --------
    >>> text = "It lies 12 km from the border crossing on the Damascus-Beirut highway."
    >>> at = text.index("Damascus")
    >>> anchor_landmark(text, text.index("from") + 4, Mention("d", at, at + 8, "Damascus", text, 0))
    'border'
    >>> text = "Soran lies 20 km north of Hama city."
    >>> at = text.index("Hama")
    >>> anchor_landmark(text, at, Mention("d", at, at + 4, "Hama", text, 0)) is None
    True
    """
    if anchor.source == "anaphor":
        return None
    found = _LANDMARK_IN_GAP.search(text, pos, anchor.start)
    if found is not None:
        return found.group().lower()
    after = _AFTER_NAME.match(text, anchor.end)
    if after is None:
        return None
    if after.group("landmark"):
        return after.group("landmark")
    return text[anchor.start : after.end()].strip()


def may_be_between(text: str, pos: int, mentions: Mentions) -> bool:
    """Whether "between" may have two anchors after ``pos``: the tests of the loop, early.

    The first anchor can only be the next mention, the second the mention after "and".
    """
    starts = mentions.starts
    i = bisect.bisect_left(starts, pos)
    if i == len(starts) or starts[i] - pos > LONG_ANCHOR_GAP:
        return False
    join = JOIN_RE.match(text, mentions[i].end)
    if join is None:
        return False
    j = bisect.bisect_left(starts, join.end() - 1)
    return j < len(starts) and starts[j] <= join.end() + 1


def subject_before(text, pos, floor, mentions, gap_limit):
    """Return the nearest mention ending before ``pos`` in the sentence, within ``gap_limit``."""
    i = bisect.bisect_left(mentions.starts, pos)
    for k in range(i - 1, max(-1, i - 5), -1):  # the last of the 4 mentions before
        best = mentions[k]
        if best.end <= pos:
            break
    else:
        return None
    if best.start < floor or pos - best.end > gap_limit:
        return None
    if _CLAUSE_BREAK_RE.search(text, best.end, pos):
        return None
    return best


def subject_words(text, pos, floor):
    """Return the words before ``pos`` back to a clause break: the subject as written.

    Returns ``(text, start, end)``; trailing verbs and prepositions ("lies", "is
    located", "advanced to") and leading prepositions are left out.
    """
    head = text[floor:pos]
    cut = max(head.rfind(c) for c in ",;:(")
    clause_start = floor + cut + 1 if cut >= 0 else floor
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text[clause_start:pos])]
    words = [(clause_start + s, clause_start + e) for s, e in words]
    while words and text[words[-1][0] : words[-1][1]].lower() in _TRAILING_WORDS:
        words.pop()
    words = words[-6:]
    while words and text[words[0][0] : words[0][1]].lower() in _LEADING_WORDS:
        words.pop(0)
    if not words:
        return "", None, None
    start, end = words[0][0], words[-1][1]
    return " ".join(text[start:end].split()), start, end


_TRAILING_WORDS = frozenset(
    "which that is are was were lies lie lay located situated lying now only still about some "
    "to at in on by from of the a an and".split()
)
_LEADING_WORDS = frozenset("in on at to by from of and".split())


def after_the_or_in(text: str, pos: int) -> bool:
    r"""Whether ``text[:pos]`` ends with "the" or "in", then white space: ``\b(?:the|in)\s+$``."""
    end = pos
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end < pos and _AFTER_THE_OR_IN_RE.search(text, max(0, end - 3), end) is not None


class Mentions(list):
    """Mentions sorted by start, with their starts kept for bisection."""

    def __init__(self, mentions: Sequence[Mention]) -> None:
        super().__init__(sorted(mentions, key=lambda m: (m.start, -m.end)))
        self.starts = [m.start for m in self]
