"""Reading claims: find relative-location statements in a text, with subject and anchor.

The implementation of :func:`geo_syria.claims.find_claims` (re-exported there).
"""

from __future__ import annotations

import bisect
import logging
import math
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from geo_syria._claimtext import (
    AT_LEAST_FACTOR,
    COMPASS_RE,
    NUMBER_RE,
    NUMBER_WORD_RE,
    QUALIFIERS,
    UNITS_KM,
    distance_range,
    parse_bearing,
    parse_number,
)
from geo_syria.recognize import Mention

if TYPE_CHECKING:
    from geo_syria.claims import ClaimDraft
    from geo_syria.documents import Document

logger = logging.getLogger(__name__)

_QUAL = "|".join(sorted((q.replace(" ", r"\s+") for q in QUALIFIERS), key=len, reverse=True))
_NUM = rf"(?:{NUMBER_RE}|{NUMBER_WORD_RE})"
_UNIT = "|".join(sorted(UNITS_KM, key=len, reverse=True))
_DISTANCE_RE = re.compile(
    rf"\b(?:(?P<qual>{_QUAL})\s+)?(?:between\s+)?(?P<num>{_NUM})"
    rf"(?:\s*(?:-|–|to|and)\s*(?P<num2>{_NUM}))?(?:\s*|-)(?P<unit>{_UNIT})\b"
    r"(?P<conv>\s*\([^()]{0,40}\))?"
    r"\s+(?:(?:(?P<to_the>to\s+the|in\s+the\s+direction\s+of)\s+)?"
    rf"(?P<dir>{COMPASS_RE})\s+(?:of|from)|(?P<conn>(?:away\s+)?from|outside(?:\s+of)?|of))\b",
    re.IGNORECASE,
)
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
_BETWEEN_RE = re.compile(r"\bbetween\s", re.IGNORECASE)
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
_SENTENCE_RE = re.compile(r"[^\n]+?(?:[.!?](?=\s+[\"“‘'(\[]?[A-Z0-9])|\n|$)", re.DOTALL)
_SUBJECT_GAP = 120
_CLOSE_GAP = 45
_ANCHOR_GAP = 40


class _Mentions(list):
    """Mentions sorted by start, with their starts kept for bisection."""

    def __init__(self, mentions):
        super().__init__(sorted(mentions, key=lambda m: (m.start, -m.end)))
        self.starts = [m.start for m in self]


def _starts(mentions: _Mentions) -> list[int]:
    return mentions.starts


def _sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _SENTENCE_RE.finditer(text) if m.group().strip()]


def _sentence_of(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    i = bisect.bisect_right(spans, (pos, math.inf)) - 1
    if i >= 0 and spans[i][0] <= pos < spans[i][1]:
        return spans[i]
    return pos, pos


def _anchor_at(text, pos, limit, mentions, doc_id, sentence, sent_start, *, strict=False):
    """Return the anchor after ``pos``: a mention reached over lower-case filler, or an anaphor."""
    i = bisect.bisect_left(_starts(mentions), pos)
    for mention in mentions[i : i + 1]:
        gap = text[pos : mention.start]
        if mention.start > limit or len(gap) > _ANCHOR_GAP:
            break
        if (_STRICT_FILLER_RE if strict else _FILLER_RE).fullmatch(gap):
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


def _subject_before(text, pos, floor, mentions, gap_limit):
    """Return the nearest mention ending before ``pos`` in the sentence, within ``gap_limit``."""
    i = bisect.bisect_left(_starts(mentions), pos)
    best = next((m for m in reversed(mentions[max(0, i - 4) : i]) if m.end <= pos), None)
    if best is None or best.start < floor:
        return None
    gap = text[best.end : pos]
    if len(gap) > gap_limit or re.search(r"[.;:!?]", gap):
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


def _distance(match: re.Match) -> tuple[float, float, float, str | None]:
    """Return ``(distance_km, min_km, max_km, qualifier)`` of a distance match.

    A range ("10-15 km") or a vague count ("a few km": 1..5) gives its bounds
    directly; a qualifier still opens them ("within" from 0, "more than" to 3 ×).
    """
    factor = UNITS_KM[match.group("unit").lower()]
    qual = match.group("qual")
    qual = re.sub(r"\s+", " ", qual.lower()) if qual else None
    value, prec, low, high = parse_number(match.group("num"))
    if match.group("num2"):
        value2 = parse_number(match.group("num2"))[0]
        low, high = min(value, value2), max(value, value2)
        value = (low + high) / 2
    if low is None:
        lo, hi = distance_range(value, prec, qualifier=qual)
    else:
        kind = QUALIFIERS.get(qual or "", "exact")
        lo = 0.0 if kind == "at most" else low
        hi = AT_LEAST_FACTOR * high if kind == "at least" else high
    return value * factor, lo * factor, hi * factor, qual


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
    doc_id = document.id
    mentions = _Mentions(mentions)
    spans = _sentences(text)
    drafts: list[ClaimDraft] = []
    taken: list[tuple[int, int]] = []

    def overlaps(start: int, end: int) -> bool:
        return any(start < t_end and t_start < end for t_start, t_end in taken)

    def emit(start, end, relation, subject, anchor, sent, **extra):
        s_start, s_end = sent
        sentence = text[s_start:s_end]
        if subject is not None:
            subject_text, sub_start, sub_end = subject.text, subject.start, subject.end
        else:
            subject_text, sub_start, sub_end = _subject_words(text, start, s_start)
        end = max(end, anchor.end)
        after = _AFTER_ANCHOR_RE.match(text, anchor.end)
        walls = bool(after.group("walls"))
        if after.end() > anchor.end and (after.group("kind") or walls):
            end = after.end()
        antecedent = None
        if anchor.source == "anaphor" and anchor.text.lower() == "it":
            earlier = [d.anchor_mention for d in drafts if d.anchor_mention.source != "anaphor"]
            i = bisect.bisect_left(mentions.starts, start)
            before = [m for m in mentions[max(0, i - 4) : i] if m.end <= start and m is not subject]
            antecedent = earlier[-1] if earlier else (before[-1] if before else None)
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
                anchor_antecedent=antecedent,
                from_extent=walls or extra.pop("from_extent", False),
                **extra,
            )
        )
        taken.append((start, end))

    for match in _DISTANCE_RE.finditer(text):
        conn = (match.group("conn") or "").lower()
        qual = (match.group("qual") or "").lower()
        if conn == "of" and QUALIFIERS.get(re.sub(r"\s+", " ", qual)) != "at most":
            continue  # "1000 kilometres of territory"
        sent = _sentence_of(spans, match.start())
        anchor = _anchor_at(text, match.end(), sent[1], mentions, doc_id, *_sent(text, sent))
        if anchor is None:
            logger.debug("no anchor after %r in %s", match.group(), doc_id)
            continue
        try:
            distance, low, high, qualifier = _distance(match)
            bearing = parse_bearing(match.group("dir")) if match.group("dir") else (None, None)
        except ValueError as err:
            logger.debug("skipping %r: %s", match.group(), err)
            continue
        subject = _subject_before(text, match.start(), sent[0], mentions, _SUBJECT_GAP)
        emit(
            match.start(),
            anchor.end,
            "direction",
            subject,
            anchor,
            sent,
            distance_km=distance,
            distance_min_km=low,
            distance_max_km=high,
            qualifier=qualifier,
            bearing_deg=bearing[0],
            bearing_tolerance_deg=bearing[1],
        )

    for match in _DIRECTION_RE.finditer(text):
        if overlaps(match.start(), match.end()):
            continue
        if not match.group("to_the") and re.search(r"\b(?:the|in)\s+$", text[: match.start()]):
            continue  # "in the north of X": inside, not a relation
        sent = _sentence_of(spans, match.start())
        anchor = _anchor_at(
            text, match.end(), sent[1], mentions, doc_id, *_sent(text, sent), strict=True
        )
        if anchor is None:
            continue
        bearing, tolerance = parse_bearing(match.group("dir"))
        fronted = not text[sent[0] : match.start()].strip(" \t\"“‘'")
        comma = text.find(",", anchor.end, sent[1])
        if fronted and comma >= 0 and not text[anchor.end : comma].strip():
            lo, hi = (bisect.bisect_right(mentions.starts, p) for p in (comma, sent[1] - 1))
            for subject in mentions[lo:hi]:
                if subject.text.lower() != anchor.text.lower():
                    emit(
                        match.start(),
                        anchor.end,
                        "direction",
                        subject,
                        anchor,
                        sent,
                        bearing_deg=bearing,
                        bearing_tolerance_deg=tolerance,
                    )
            continue
        subject = _subject_before(text, match.start(), sent[0], mentions, _CLOSE_GAP)
        if subject is not None:
            emit(
                match.start(),
                anchor.end,
                "direction",
                subject,
                anchor,
                sent,
                bearing_deg=bearing,
                bearing_tolerance_deg=tolerance,
            )

    for match in _NEAR_RE.finditer(text):
        if overlaps(match.start(), match.end()):
            continue
        sent = _sentence_of(spans, match.start())
        anchor = _anchor_at(
            text, match.end() - 1, sent[1], mentions, doc_id, *_sent(text, sent), strict=True
        )
        subject = _subject_before(text, match.start(), sent[0], mentions, _CLOSE_GAP)
        if anchor is None or anchor.source == "anaphor" or subject is None:
            continue
        outskirts = re.search(r"outskirts|edge|fringe|suburb", match.group("rel"), re.I)
        emit(
            match.start(),
            anchor.end,
            "outskirts" if outskirts else "near",
            subject,
            anchor,
            sent,
            from_extent=bool(outskirts),
        )

    for match in _BETWEEN_RE.finditer(text):
        if overlaps(match.start(), match.end()):
            continue
        sent = _sentence_of(spans, match.start())
        first = _anchor_at(
            text, match.end() - 1, sent[1], mentions, doc_id, *_sent(text, sent), strict=True
        )
        if first is None or first.source == "anaphor":
            continue
        join = re.match(r"\s*(?:and|&)\s", text[first.end :])
        second = None
        if join:
            pos = first.end + join.end() - 1
            i = bisect.bisect_left(mentions.starts, pos)
            second = next((m for m in mentions[i : i + 1] if m.start <= pos + 2), None)
        if second is None:
            continue
        subject = _subject_before(text, match.start(), sent[0], mentions, _CLOSE_GAP)
        emit(match.start(), second.end, "between", subject, first, sent, anchor2_mention=second)

    drafts.sort(key=lambda d: (d.start, d.subject_start or 0))
    return drafts


def _sent(text: str, span: tuple[int, int]) -> tuple[str, int]:
    return text[span[0] : span[1]], span[0]
