"""Reading claims: find relative-location statements in a text, with subject and anchor.

Four kinds of phrase are read, each by its own pattern, tried only where the cheap scans
of :mod:`~geo_syria.claims.scan` say it may match: a distance ("some 20 km (12 miles) north
of Hama city"), a direction ("to the east of the capital", a fronted "North of Hama, ...
Soran and Maardas"), "near"/"on the outskirts of", and "between X and Y". The subject is
the nearest place mention before the phrase in its sentence (or the words there), the
anchor the mention (or anaphor: "it", "the capital") right after it.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from geo_syria.claims.lexicon import (
    COMPASS_RE,
    NUMBER_RE,
    NUMBER_WORD_RE,
    QUALIFIERS,
    UNITS_KM,
    parse_bearing,
    stated_distance,
)
from geo_syria.claims.model import ClaimDraft
from geo_syria.claims.parts import (
    AFTER_ANCHOR_RE,
    ANAPHOR_RE,
    CLOSE_GAP,
    JOIN_RE,
    LONG_ANCHOR_GAP,
    SUBJECT_GAP,
    Mentions,
    after_the_or_in,
    anchor_at,
    anchor_landmark,
    may_be_between,
    subject_before,
)
from geo_syria.claims.scan import (
    between_starts,
    direction_and_edge_starts,
    distance_starts,
    lowered,
    matches_at,
    near_starts,
)
from geo_syria.claims.subject import Subject, read_subject
from geo_syria.exc import InvalidOptionError
from geo_syria.recognize import Mention
from geo_syria.spans import SpanSet
from geo_syria.text import Sentences

if TYPE_CHECKING:
    from geo_syria.documents import Document

__all__ = ["find_claims", "find_phrases"]

logger = logging.getLogger(__name__)

_QUAL = "|".join(sorted((q.replace(" ", r"\s+") for q in QUALIFIERS), key=len, reverse=True))
_NUM = rf"(?:{NUMBER_RE}|{NUMBER_WORD_RE})"
#: What a writer (or a bad conversion) may put where a number goes, and is no distance:
#: "1e309", "20.5.3", "inf", "NaN", superscript digits. Read so as to say why.
_NOT_A_NUMBER = r"(?:[\d⁰¹²³⁴⁵⁶⁷⁸⁹][\w.,+⁰¹²³⁴⁵⁶⁷⁸⁹-]*|inf(?:inity)?|nan)"
_UNIT = "|".join(sorted(UNITS_KM, key=len, reverse=True))
#: From the unit on: what follows a distance's number.
_DISTANCE_TAIL = (
    rf"(?P<unit>{_UNIT})\b"
    r"(?P<conv>\s*\([^()]{0,40}\))?"
    r"\s+(?:(?:(?P<to_the>to\s+the|in\s+the\s+direction\s+of)\s+)?"
    rf"(?P<dir>{COMPASS_RE})\s+(?:of|from)|(?P<conn>(?:away\s+)?from|outside(?:\s+of)?|of))\b"
)
_DISTANCE_RE = re.compile(
    rf"\b(?:(?P<qual>{_QUAL})\s+)?(?:between\s+)?(?P<num>{_NUM}|{_NOT_A_NUMBER})"
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


def find_claims(
    document: Document, mentions: Sequence[Mention], *, sentences: Sentences | None = None
) -> list[ClaimDraft]:
    """Return the relative-location claims stated in ``document``, in text order.

    Parameters
    ----------
    document : Document
        The text.
    mentions : sequence of Mention
        Its place mentions (any order); subjects and anchors are taken from them.
    sentences : Sentences, optional
        The document's sentences, when the caller split them already.

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
    return _Reader(document, mentions, sentences or Sentences(document.text)).read()


class _Reader:
    """The claims of one document, read pattern by pattern; later ones skip spans taken."""

    def __init__(
        self, document: Document, mentions: Sequence[Mention], sentences: Sentences
    ) -> None:
        self.text = document.text
        self.doc_id = document.id
        self.mentions = Mentions(mentions)
        self.sentences = sentences
        self.drafts: list[ClaimDraft] = []
        self.taken = SpanSet()
        # "it" anchors waiting for an antecedent: (index in drafts, nearest mention before)
        self.pending: list[tuple[int, Mention | None]] = []

    def read(self) -> list[ClaimDraft]:
        """Return the drafts of every kind of phrase, in text order."""
        found = find_phrases(self.text)
        if not any(found):
            return []
        distances, directions, nears, betweens = found
        for match in distances:
            self._distance(match)
        for match in self._unclaimed(directions):
            self._direction(match)
        for match in self._unclaimed(nears):
            self._near(match)
        for match in self._unclaimed(betweens):
            self._between(match)
        if self.pending:
            _link_antecedents(self.drafts, self.pending)
        self.drafts.sort(key=lambda d: (d.start, d.subject_start or 0))
        return self.drafts

    # -- the kinds of phrase -----------------------------------------------------------------
    def _distance(self, match: re.Match) -> None:
        conn = (match.group("conn") or "").lower()
        qual = " ".join((match.group("qual") or "").lower().split())
        if conn == "of" and QUALIFIERS.get(qual) != "at most":
            return  # "1000 kilometres of territory"
        sent = self.sentences.bounds(match.start())
        anchor = (
            self._anchor_after(match.end(), sent, strict=False)
            if self._may_anchor(match.end())
            else None
        )
        if anchor is None:
            logger.debug("no anchor after %r in %s", match.group(), self.doc_id)
            return
        try:
            bearing = parse_bearing(match.group("dir")) if match.group("dir") else (None, None)
        except InvalidOptionError as err:  # "north south east of": no bearing
            logger.debug("skipping %r: %s", match.group(), err)
            return
        numbers = match.group("num", "num2", "unit", "qual")
        problem = _negative(self.text, match)
        distance = low = high = qualifier = None
        if problem is None:
            try:
                distance, low, high, qualifier = stated_distance(*numbers)
            except (InvalidOptionError, ValueError, OverflowError) as err:
                shown = _shown(match.group("num"))
                problem = f"the stated distance {shown!r} is unreadable: {_shown(str(err), 120)}"
        subject = self._subject(match, sent, SUBJECT_GAP)
        self._emit(
            match, "direction", subject, anchor, sent,
            distance_km=distance, distance_min_km=low, distance_max_km=high, qualifier=qualifier,
            bearing_deg=bearing[0], bearing_tolerance_deg=bearing[1], distance_problem=problem,
        )  # fmt: skip

    def _direction(self, match: re.Match) -> None:
        text, start = self.text, match.start()
        if not match.group("to_the") and after_the_or_in(text, start):
            return  # "in the north of X": inside, not a relation
        if not self._may_anchor(match.end()):
            return
        sent = self.sentences.bounds(start)
        fronted = not text[sent[0] : start].strip(" \t\n\"“‘'")
        if not fronted and subject_before(text, start, 0, self.mentions, CLOSE_GAP) is None:
            return  # neither a subject mention before nor fronted
        anchor = self._anchor_after(match.end(), sent)
        if anchor is None:
            return
        try:
            bearing, tolerance = parse_bearing(match.group("dir"))
        except InvalidOptionError as err:  # "north south east of": no bearing
            logger.debug("skipping %r: %s", match.group(), err)
            return
        comma = text.find(",", anchor.end, sent[1])
        if fronted and comma >= 0 and not text[anchor.end : comma].strip():
            # "North of Hama, ... Soran and Maardas": every place after the comma
            starts = self.mentions.starts
            lo, hi = (bisect.bisect_right(starts, p) for p in (comma, sent[1] - 1))
            same = anchor.text.lower()
            subjects = [
                Subject(m, m.text, m.start, m.end, "apposition")
                for m in self.mentions[lo:hi]
                if m.text.lower() != same
            ]
        else:
            subjects = [self._subject(match, sent)]
        for subject in subjects:
            if subject.mention is not None:
                self._emit(
                    match, "direction", subject, anchor, sent,
                    bearing_deg=bearing, bearing_tolerance_deg=tolerance,
                )  # fmt: skip

    def _near(self, match: re.Match) -> None:
        if not self._mention_after(match.end() - 1) or (
            subject_before(self.text, match.start(), 0, self.mentions, CLOSE_GAP) is None
        ):
            return  # no anchor or no subject, in any sentence
        sent = self.sentences.bounds(match.start())
        anchor = self._anchor_after(match.end() - 1, sent)
        subject = self._subject(match, sent)
        if anchor is None or anchor.source == "anaphor" or subject.mention is None:
            return
        outskirts = re.search(r"outskirts|edge|fringe|suburb", match.group("rel"), re.I)
        relation = "outskirts" if outskirts else "near"
        self._emit(match, relation, subject, anchor, sent, from_extent=bool(outskirts))

    def _between(self, match: re.Match) -> None:
        if not may_be_between(self.text, match.end() - 1, self.mentions):
            return
        sent = self.sentences.bounds(match.start())
        first = self._anchor_after(match.end() - 1, sent)
        if first is None or first.source == "anaphor":
            return
        join = JOIN_RE.match(self.text, first.end)
        second = None
        if join:
            pos = join.end() - 1
            i = bisect.bisect_left(self.mentions.starts, pos)
            second = next((m for m in self.mentions[i : i + 1] if m.start <= pos + 2), None)
        if second is None:
            return
        subject = self._subject(match, sent)
        self._emit(match, "between", subject, first, sent, end=second.end, anchor2_mention=second)

    # -- parts of a phrase -------------------------------------------------------------------
    def _unclaimed(self, matches: list[re.Match]):
        """Yield the matches that overlap no claim found so far."""
        for match in matches:
            if not self.taken.overlaps(match.start(), match.end()):
                yield match

    def _mention_after(self, pos: int) -> bool:
        """Whether a mention starts close enough after ``pos`` to be an anchor."""
        starts = self.mentions.starts
        i = bisect.bisect_left(starts, pos)
        return i < len(starts) and starts[i] - pos <= LONG_ANCHOR_GAP

    def _may_anchor(self, pos: int) -> bool:
        """Whether an anchor may follow ``pos``: a mention close after, or an anaphor."""
        return self._mention_after(pos) or ANAPHOR_RE.match(self.text, pos) is not None

    def _anchor_after(self, pos: int, sent: tuple[int, int], *, strict: bool = True):
        sentence, start = self.sentences.around(sent[0])
        return anchor_at(
            self.text, pos, sent[1], self.mentions, self.doc_id, sentence, start, strict=strict
        )

    def _subject(self, match: re.Match, sent: tuple[int, int], gap: int = CLOSE_GAP) -> Subject:
        sentence, start = self.sentences.around(sent[0])
        return read_subject(
            self.text, match.start(), sentence, start, self.mentions, self.doc_id, gap=gap
        )

    def _emit(self, match, relation, subject, anchor, sent, *, end=0, from_extent=False, **extra):
        text, start = self.text, match.start()
        sentence, s_start = self.sentences.around(sent[0])
        end = max(end, anchor.end)
        after = AFTER_ANCHOR_RE.match(text, anchor.end)
        walls = bool(after.group("walls"))
        if after.end() > anchor.end and (after.group("kind") or walls):
            end = after.end()
        landmark = None if after.group("kind") else anchor_landmark(text, match.end(), anchor)
        if anchor.source == "anaphor" and anchor.text.lower() == "it":
            i = bisect.bisect_left(self.mentions.starts, start)
            before = [
                m
                for m in self.mentions[max(0, i - 4) : i]
                if m.end <= start and m is not subject.mention
            ]
            self.pending.append((len(self.drafts), before[-1] if before else None))
        self.drafts.append(
            ClaimDraft(
                doc_id=self.doc_id, text=text[start:end], start=start, end=end,
                sentence=sentence, relation=relation, subject_mention=subject.mention,
                subject_text=subject.text, anchor_mention=anchor, subject_start=subject.start,
                subject_end=subject.end, sentence_start=s_start, from_extent=walls or from_extent,
                subject_how=subject.how, anchor_landmark=landmark, **extra,
            )
        )  # fmt: skip
        self.taken.add(start, end)


def _shown(words: str, most: int = 24) -> str:
    """Return ``words`` cut to ``most`` characters for a reason ("1000…(400 characters)")."""
    return words if len(words) <= most else f"{words[: most - 4]}… ({len(words)} characters)"


def _negative(text: str, match: re.Match) -> str | None:
    """Say so when a distance's number is written with a minus sign ("-5 km")."""
    start = match.start("num")
    if text[start - 1 : start] in ("-", "−") and (start < 2 or text[start - 2].isspace()):
        return f"the stated distance '-{match.group('num')}' is negative"
    return None


def find_phrases(text: str, *, scan: bool = True) -> tuple[list[re.Match], ...]:
    """Return the matches of the four claim patterns: distances, directions, nears, betweens.

    With ``scan`` (the default) each pattern is tried only where the scans of
    :mod:`~geo_syria.claims.scan` say a match may start; without, it is searched
    everywhere (``finditer``). Both give the same matches.

    Examples
    --------
    >>> text = "Soran, 20 km north of Hama, lies between Hama and Khattab."
    >>> [[m.group() for m in found] for found in find_phrases(text)]
    [['20 km north of'], ['north of'], [], ['between ']]
    """
    low = lowered(text) if scan else None
    if low is None:  # (or offsets of the lower-cased text would move) the text itself
        patterns = (_DISTANCE_RE, _DIRECTION_RE, _NEAR_RE, _BETWEEN_RE)
        return tuple(list(p.finditer(text)) for p in patterns)
    directions, edges = direction_and_edge_starts(low)
    return (
        matches_at(_DISTANCE_RE, text, distance_starts(text, low, _DISTANCE_TAIL_RE)),
        matches_at(_DIRECTION_RE, text, directions),
        matches_at(_NEAR_RE, text, near_starts(low, edges)),
        matches_at(_BETWEEN_RE, text, between_starts(low)),
    )


def _link_antecedents(drafts: list[ClaimDraft], pending: list[tuple[int, Mention | None]]) -> None:
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
