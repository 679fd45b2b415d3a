"""Reading claims: find relative-location statements in a text, with subject and anchor.

The implementation of :func:`geo_syria.claims.find_claims` (re-exported there).
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from geo_syria._claimgates import (
    COMPASS_GATE_RE,
    NEAR_GATE_RE,
    UNIT_GATE_RE,
    GatedPattern,
    between_starts,
    direction_and_edge_starts,
    distance_starts,
    lowered,
    matches_at,
    near_starts,
)
from geo_syria._claimspans import _Mentions, _sentence_at, _Spans
from geo_syria._claimtext import (
    COMPASS_RE,
    NUMBER_RE,
    NUMBER_WORD_RE,
    QUALIFIERS,
    UNITS_KM,
    parse_bearing,
    stated_distance,
)
from geo_syria.recognize import Mention

if TYPE_CHECKING:
    from geo_syria.claims import ClaimDraft
    from geo_syria.documents import Document

logger = logging.getLogger(__name__)

_QUAL = "|".join(sorted((q.replace(" ", r"\s+") for q in QUALIFIERS), key=len, reverse=True))
_NUM = rf"(?:{NUMBER_RE}|{NUMBER_WORD_RE})"
_UNIT = "|".join(sorted(UNITS_KM, key=len, reverse=True))
#: From the unit on: what follows a distance's number.
_DISTANCE_TAIL = (
    rf"(?P<unit>{_UNIT})\b"
    r"(?P<conv>\s*\([^()]{0,40}\))?"
    r"\s+(?:(?:(?P<to_the>to\s+the|in\s+the\s+direction\s+of)\s+)?"
    rf"(?P<dir>{COMPASS_RE})\s+(?:of|from)|(?P<conn>(?:away\s+)?from|outside(?:\s+of)?|of))\b"
)
_DISTANCE_RE = re.compile(
    rf"\b(?:(?P<qual>{_QUAL})\s+)?(?:between\s+)?(?P<num>{_NUM})"
    rf"(?:\s*(?:-|–|to|and)\s*(?P<num2>{_NUM}))?(?:(?<=\d)\s*|\s+|-){_DISTANCE_TAIL}",
    re.IGNORECASE,
)
_DISTANCE_TAIL_RE = re.compile(_DISTANCE_TAIL, re.IGNORECASE)
_PLAIN_COMPASS = (
    r"(?:(?:north|south)[-\s]?(?:north|south)?[-\s]?(?:east|west)|north|south|east|west)"
)
_DIRECTION_RE = re.compile(
    rf"\b(?:(?P<to_the>to\s+the)\s+)?(?P<dir>{_PLAIN_COMPASS})\s+of\b", re.IGNORECASE
)
_NEAR_RE = re.compile(
    r"\b(?P<rel>near|close\s+to|just\s+outside(?:\s+of)?|"
    r"on\s+the\s+(?:outskirts|edges?|fringes)\s+of|in\s+the\s+(?:outskirts|suburbs)\s+of)\s",
    re.IGNORECASE,
)
#: "\bbetween\s", opening with a character set so that searching it is fast.
_BETWEEN_RE = re.compile(r"[bB](?<!\w.)(?i:etween)\s")
_ANAPHOR_RE = re.compile(
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
_AFTER_ANCHOR_RE = re.compile(
    r"\]?(?P<kind>\s+(?:city|town|village)\b)?(?P<walls>['’]?s?\s+walls\b)?"
)
_AFTER_THE_OR_IN_RE = re.compile(r"\b(?:the|in)\Z")
_CLAUSE_BREAK_RE = re.compile(r"[.;:!?]")
_JOIN_RE = re.compile(r"\s*(?:and|&)\s")
_SUBJECT_GAP = 120
_CLOSE_GAP = 45
_ANCHOR_GAP = 40
_LONG_ANCHOR_GAP = 100
#: A long title before the anchor: "the group's de facto capital of" Raqqa.
_TITLE_FILLER_RE = re.compile(
    r"\s*the\s+(?:[\w'’-]+\s+){0,8}?(?:capital|city|town|stronghold|province)\s+of\s+"
)


def _anchor_at(text, pos, limit, mentions, doc_id, sentence, sent_start, *, strict=False):
    """Return the anchor after ``pos``: a mention reached over lower-case filler, or an anaphor."""
    i = bisect.bisect_left(mentions.starts, pos)
    for mention in mentions[i : i + 1]:
        gap = text[pos : mention.start]
        if mention.start > limit or len(gap) > _LONG_ANCHOR_GAP:
            break
        if len(gap) <= _ANCHOR_GAP and (_STRICT_FILLER_RE if strict else _FILLER_RE).fullmatch(gap):
            return mention
        if not strict and _TITLE_FILLER_RE.fullmatch(gap):
            return mention
    ana = _ANAPHOR_RE.match(text, pos)
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


_BEARINGS: dict[str, tuple[float, float]] = {}
_DISTANCES_READ: dict[tuple, tuple] = {}


def _bearing(word: str) -> tuple[float, float]:
    """:func:`parse_bearing`, remembered by spelling (a few dozen spellings)."""
    found = _BEARINGS.get(word)
    if found is None:
        found = parse_bearing(word)
        if len(_BEARINGS) < 10_000:
            _BEARINGS[word] = found
    return found


def _stated_distance(groups: tuple) -> tuple:
    """:func:`stated_distance` of (number, number2, unit, qualifier), remembered."""
    found = _DISTANCES_READ.get(groups)
    if found is None:
        found = stated_distance(*groups)
        if len(_DISTANCES_READ) < 10_000:
            _DISTANCES_READ[groups] = found
    return found


def _may_be_between(text: str, pos: int, mentions: _Mentions) -> bool:
    """Whether "between" may have two anchors after ``pos``: the tests of the loop, early.

    The first anchor can only be the next mention, the second the mention after "and".
    """
    starts = mentions.starts
    i = bisect.bisect_left(starts, pos)
    if i == len(starts) or starts[i] - pos > _LONG_ANCHOR_GAP:
        return False
    join = _JOIN_RE.match(text, mentions[i].end)
    if join is None:
        return False
    j = bisect.bisect_left(starts, join.end() - 1)
    return j < len(starts) and starts[j] <= join.end() + 1


def _may_open_sentence(text: str, pos: int) -> bool:
    """Whether only quotes and spaces may stand between a sentence start and ``pos``.

    A ``_SENTENCE_RE`` sentence opens a line or follows a stop.
    """
    while pos > 0 and text[pos - 1] in " \t\"“‘'":
        pos -= 1
    return pos == 0 or text[pos - 1] in ".!?\n"


def _subject_before(text, pos, floor, mentions, gap_limit):
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


def _subject_words(text, pos, floor):
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


#: The gated searches; the bounds exceed what each pattern can hold (45 and ~140 others
#: for a distance; 5 and ~25 for a direction or "near").
_DISTANCES = GatedPattern(_DISTANCE_RE, UNIT_GATE_RE, prefix_others=100, phrase_others=250)
_DIRECTIONS = GatedPattern(_DIRECTION_RE, COMPASS_GATE_RE, prefix_others=20, phrase_others=80)
_NEARS = GatedPattern(_NEAR_RE, NEAR_GATE_RE, prefix_others=20, phrase_others=80)


def _after_the_or_in(text: str, pos: int) -> bool:
    r"""Whether ``text[:pos]`` ends with "the" or "in", then white space: ``\b(?:the|in)\s+$``."""
    end = pos
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end < pos and _AFTER_THE_OR_IN_RE.search(text, max(0, end - 3), end) is not None


def find_claims(document: Document, mentions: Sequence[Mention]) -> list[ClaimDraft]:
    """Return the relative-location claims stated in ``document``, in text order.

    Parameters
    ----------
    document : Document
        The text.
    mentions : sequence of Mention
        Its place mentions (any order); subjects and anchors are taken from them.

    Returns
    -------
    list of ClaimDraft
        Distance/direction claims ("some 20 km north of Hama city", "about 10 km
        northwest of it", "to the east of the capital", a fronted "North of Hama,
        ... Soran and Maardas"), "near", "on the outskirts of", "between X and Y".
        Adjectives of position ("eastern Damascus", "the northern countryside of
        Hama", "in the north of X") are not claims.

    Examples
    --------
    >>> from geo_syria.documents import Document
    >>> doc = Document("d", "Khattab lies about 10 km northwest of it.")
    >>> d = find_claims(doc, [Mention("d", 0, 7, "Khattab", doc.text, 0)])[0]
    >>> d.anchor_mention.text, d.anchor_mention.source, d.bearing_deg, d.distance_max_km
    ('it', 'anaphor', 315.0, 15.0)
    """
    from geo_syria.claims import ClaimDraft

    text = document.text
    low = lowered(text)
    if low is None:  # offsets of the lower-cased text would move: search the text itself
        found = (
            list(_DISTANCES.finditer(text)),
            list(_DIRECTIONS.finditer(text)),
            list(_NEARS.finditer(text)),
            list(_BETWEEN_RE.finditer(text)),
        )
    else:
        directions, edges = direction_and_edge_starts(low)
        found = (
            matches_at(_DISTANCE_RE, text, distance_starts(text, low, _DISTANCE_TAIL_RE)),
            matches_at(_DIRECTION_RE, text, directions),
            matches_at(_NEAR_RE, text, near_starts(low, edges)),
            matches_at(_BETWEEN_RE, text, between_starts(low)),
        )
    if not any(found):
        return []
    distances, directions, nears, betweens = found
    doc_id = document.id
    mentions = _Mentions(mentions)
    drafts: list[ClaimDraft] = []
    taken = _Spans()
    overlaps = taken.overlaps
    # "it" anchors waiting for an antecedent: (index in drafts, nearest mention before)
    pending: list[tuple[int, Mention | None]] = []

    def emit(match, relation, subject, anchor, sent, *, end=0, from_extent=False, **extra):
        start = match.start()
        sentence, s_start = _sent(text, sent)  # stripped, as recognize's sentences
        if subject is not None:
            subject_text, sub_start, sub_end = subject.text, subject.start, subject.end
        else:
            subject_text, sub_start, sub_end = _subject_words(text, start, s_start)
        end = max(end, anchor.end)
        after = _AFTER_ANCHOR_RE.match(text, anchor.end)
        walls = bool(after.group("walls"))
        if after.end() > anchor.end and (after.group("kind") or walls):
            end = after.end()
        if anchor.source == "anaphor" and anchor.text.lower() == "it":
            i = bisect.bisect_left(mentions.starts, start)
            before = [m for m in mentions[max(0, i - 4) : i] if m.end <= start and m is not subject]
            pending.append((len(drafts), before[-1] if before else None))
        drafts.append(
            ClaimDraft(
                doc_id=doc_id,
                text=text[start:end],
                start=start,
                end=end,
                sentence=sentence,
                relation=relation,
                subject_mention=subject,
                subject_text=subject_text,
                anchor_mention=anchor,
                subject_start=sub_start,
                subject_end=sub_end,
                sentence_start=s_start,
                from_extent=walls or from_extent,
                **extra,
            )
        )
        taken.add(start, end)

    def anchor_after(pos, sent, *, strict=True):
        return _anchor_at(text, pos, sent[1], mentions, doc_id, *_sent(text, sent), strict=strict)

    def subject_before(match, sent, gap=_CLOSE_GAP):
        return _subject_before(text, match.start(), sent[0], mentions, gap)

    starts = mentions.starts

    def mention_after(pos):
        """Whether a mention starts close enough after ``pos`` to be an anchor."""
        i = bisect.bisect_left(starts, pos)
        return i < len(starts) and starts[i] - pos <= _LONG_ANCHOR_GAP

    def may_anchor(pos):
        """Whether ``_anchor_at`` may find an anchor after ``pos`` (in any sentence)."""
        return mention_after(pos) or _ANAPHOR_RE.match(text, pos) is not None

    def unclaimed(matches):
        """Yield the matches that overlap no claim found so far."""
        for match in matches:
            if not overlaps(match.start(), match.end()):
                yield match

    for match in distances:
        conn = (match.group("conn") or "").lower()
        qual = (match.group("qual") or "").lower()
        if conn == "of" and QUALIFIERS.get(re.sub(r"\s+", " ", qual)) != "at most":
            continue  # "1000 kilometres of territory"
        if not may_anchor(match.end()):
            logger.debug("no anchor after %r in %s", match.group(), doc_id)
            continue
        sent = _sentence_at(text, match.start())
        anchor = anchor_after(match.end(), sent, strict=False)
        if anchor is None:
            logger.debug("no anchor after %r in %s", match.group(), doc_id)
            continue
        try:
            distance, low, high, qualifier = _stated_distance(
                match.group("num", "num2", "unit", "qual")
            )
            bearing = _bearing(match.group("dir")) if match.group("dir") else (None, None)
        except ValueError as err:
            logger.debug("skipping %r: %s", match.group(), err)
            continue
        emit(
            match,
            "direction",
            subject_before(match, sent, _SUBJECT_GAP),
            anchor,
            sent,
            distance_km=distance,
            distance_min_km=low,
            distance_max_km=high,
            qualifier=qualifier,
            bearing_deg=bearing[0],
            bearing_tolerance_deg=bearing[1],
        )

    for match in unclaimed(directions):
        if not match.group("to_the") and _after_the_or_in(text, match.start()):
            continue  # "in the north of X": inside, not a relation
        if not may_anchor(match.end()) or (
            _subject_before(text, match.start(), 0, mentions, _CLOSE_GAP) is None
            and not _may_open_sentence(text, match.start())
        ):
            continue  # no anchor, or neither a subject before nor fronted
        sent = _sentence_at(text, match.start())
        anchor = anchor_after(match.end(), sent)
        if anchor is None:
            continue
        try:
            bearing, tolerance = _bearing(match.group("dir"))
        except ValueError as err:  # "north south east of": no bearing
            logger.debug("skipping %r: %s", match.group(), err)
            continue
        fronted = not text[sent[0] : match.start()].strip(" \t\"“‘'")
        comma = text.find(",", anchor.end, sent[1])
        if fronted and comma >= 0 and not text[anchor.end : comma].strip():
            # "North of Hama, ... Soran and Maardas": every place after the comma
            lo, hi = (bisect.bisect_right(mentions.starts, p) for p in (comma, sent[1] - 1))
            same = anchor.text.lower()
            subjects = [m for m in mentions[lo:hi] if m.text.lower() != same]
        else:
            subjects = [subject_before(match, sent)]
        for subject in subjects:
            if subject is not None:
                emit(
                    match,
                    "direction",
                    subject,
                    anchor,
                    sent,
                    bearing_deg=bearing,
                    bearing_tolerance_deg=tolerance,
                )

    for match in unclaimed(nears):
        if not mention_after(match.end() - 1) or (
            _subject_before(text, match.start(), 0, mentions, _CLOSE_GAP) is None
        ):
            continue  # no anchor or no subject, in any sentence
        sent = _sentence_at(text, match.start())
        anchor = anchor_after(match.end() - 1, sent)
        subject = subject_before(match, sent)
        if anchor is None or anchor.source == "anaphor" or subject is None:
            continue
        outskirts = re.search(r"outskirts|edge|fringe|suburb", match.group("rel"), re.I)
        relation = "outskirts" if outskirts else "near"
        emit(match, relation, subject, anchor, sent, from_extent=bool(outskirts))

    for match in unclaimed(betweens):
        if not _may_be_between(text, match.end() - 1, mentions):
            continue
        sent = _sentence_at(text, match.start())
        first = anchor_after(match.end() - 1, sent)
        if first is None or first.source == "anaphor":
            continue
        join = _JOIN_RE.match(text, first.end)
        second = None
        if join:
            pos = join.end() - 1
            i = bisect.bisect_left(mentions.starts, pos)
            second = next((m for m in mentions[i : i + 1] if m.start <= pos + 2), None)
        if second is None:
            continue
        subject = subject_before(match, sent)
        emit(match, "between", subject, first, sent, end=second.end, anchor2_mention=second)

    if pending:
        _link_antecedents(drafts, pending)
    drafts.sort(key=lambda d: (d.start, d.subject_start or 0))
    return drafts


def _link_antecedents(drafts: list[ClaimDraft], pending: list[tuple[int, Mention | None]]):
    """Give each "it" anchor its antecedent, in place, in text order.

    The antecedent is the anchor (not an anaphor) of the last claim ending before
    the "it", else the nearest place mention before the claim.
    """
    anchors = sorted(
        (d.anchor_mention for d in drafts if d.anchor_mention.source != "anaphor"),
        key=lambda m: (m.end, m.start),
    )
    ends = [m.end for m in anchors]
    for i, before in pending:
        draft = drafts[i]
        n = bisect.bisect_right(ends, draft.anchor_mention.start)
        drafts[i] = replace(draft, anchor_antecedent=anchors[n - 1] if n else before)


def _sent(text: str, span: tuple[int, int]) -> tuple[str, int]:
    """Return a sentence's text without its surrounding white space, and where that starts."""
    sentence = text[span[0] : span[1]]
    return sentence.strip(), span[0] + len(sentence) - len(sentence.lstrip())
