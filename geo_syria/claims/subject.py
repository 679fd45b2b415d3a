"""The subject of a claim, read the way a careful reader does: from the words before the phrase.

"Soran, some 20 km north of Hama": the name right before the phrase (over a comma, a
verb such as "lies" or "is located", a kind word such as "village" or "a town") is the
subject, *read from the claim's syntax*; so is an anaphor there ("It lies ...", "The town
lies ...") once bound to its antecedent. Only when nothing stands right before the phrase
does the reader fall back on the nearest place mention within the clause, and such a
subject is a guess: a claim about it may be reported, never judged inconsistent
(:mod:`geo_syria.claims.verdict`).

Examples
--------
>>> from geo_syria.recognize import Mention
>>> from geo_syria.claims.parts import Mentions
>>> text = "Rebels took al-Ghabra village 130 km southeast of Deir Ezzor."
>>> subject = read_subject(text, text.index("130"), text, 0, Mentions([]), "d")
>>> subject.text, subject.how, subject.mention.source
('al-Ghabra', 'apposition', 'cue')
>>> text = "Hama fell. It lies about 210 km north of Damascus."
>>> subject = read_subject(text, text.index("about"), text[11:], 11, Mentions([]), "d")
>>> subject.text, subject.how
('It', 'anaphor')
>>> text = "Strikes hit east of Palmyra near Arak."
>>> subject = read_subject(text, text.index("near"), text, 0, Mentions([]), "d")
>>> subject.text, subject.how, subject.mention.text
('east of Palmyra', 'qualified', 'Palmyra')
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from geo_syria.claims.parts import Mentions, subject_before, subject_words
from geo_syria.recognize import Mention
from geo_syria.recognize.words import COMMON_WORDS, NOT_NAMES
from geo_syria.text import ARTICLE_PREFIXES

__all__ = ["SUBJECT_HOW", "Subject", "read_subject"]

#: How a subject was read: from the claim's syntax (a name or an anaphor right before the
#: phrase), or guessed (the nearest mention in the clause, or the words there); or a name
#: qualified by the words before it ("Eastern Aleppo", "east of Palmyra"): a part of the
#: place, or a place measured from it, not the place itself.
SUBJECT_HOW = ("apposition", "anaphor", "nearest", "words", "qualified")

#: What may stand between a subject and its phrase: commas, brackets, "which is", verbs of
#: location, qualifiers the phrase pattern did not take.
_LINK = re.compile(
    r"(?:[\s,(]|\b(?:which|that|is|are|was|were|lies|lie|lay|lying|located|situated|sits|"
    r"stands|now|only|still|also|about|some|around|roughly|approximately|nearly|almost|just)\b)*\Z",
    re.IGNORECASE,
)
#: A kind word after the subject's name ("al-Ghabra village", "Madaya, a town").
_KIND = re.compile(
    r"(?:,?\s+(?:a|an|the)(?:\s+[a-z][\w-]*)?)?\s+(?:village|town|city|area|district|"
    r"neighbou?rhood|suburb|camp|hill|region|quarter|countryside)s?\Z"
)
#: An anaphor standing for the subject: "It lies ...", "The town lies ...".
_ANAPHOR = re.compile(
    r"(?:\b(?:it|It)|\b[Tt]he\s+(?:(?:small|nearby|besieged|rebel-held|strategic)\s+)?"
    r"(?:town|village|city|area|capital))\Z"
)
_ART = "|".join(sorted(ARTICLE_PREFIXES, key=len, reverse=True))
#: A capitalised name (with its articles) ending the text: the subject as written.
_WORD = rf"(?:(?:{_ART})[- ])?[A-Z][\w'’]*"
_NAME = re.compile(rf"(?<![\w'’-])({_WORD}(?:[- ]{_WORD}){{0,3}})\Z")

#: Words before a subject's name that make it a part of the place ("Eastern Aleppo", "the
#: countryside of Idlib") or a place measured from it ("east of Palmyra", "5 km from Hama"):
#: then the phrase that follows is not about the named place itself.
_QUALIFIER = re.compile(
    r"\b(?:(?:(?:north|south)-?)?(?:east|west)(?:ern)?|north(?:ern)?|south(?:ern)?|"
    r"countryside|outskirts|suburbs|edges?|rural|km|kilometres|kilometers|miles)"
    r"(?:\s+(?:of|from))?\s+(?:the\s+)?\Z",
    re.IGNORECASE,
)

#: How far before its phrase a subject is looked for, in characters.
_REACH = 300


class Subject(NamedTuple):
    """The subject of a claim as read: a mention (None for bare words), its text and span."""

    mention: Mention | None
    text: str
    start: int | None
    end: int | None
    how: str  #: one of :data:`SUBJECT_HOW`


def _name_at_end(text: str, floor: int, end: int) -> tuple[int, int] | None:
    """Return the span of the capitalised name ending at ``end``, leading non-names left out."""
    found = _NAME.search(text, max(floor, end - 80), end)
    if found is None:
        return None
    start = found.start(1)
    words = text[start:end].split(" ")
    while words and (words[0] in NOT_NAMES or words[0].lower() in COMMON_WORDS):
        start += len(words.pop(0)) + 1
    return (start, end) if words and start < end else None


def _mention_ending(mentions: Mentions, start: int, end: int) -> Mention | None:
    """Return the mention ending at ``end`` and starting at or after ``start``, if any."""
    i = bisect.bisect_left(mentions.starts, end)
    for mention in mentions[max(0, i - 4) : i]:
        if mention.end == end and mention.start >= start:
            return mention
    return None


def read_subject(
    text: str,
    pos: int,
    sentence: str,
    floor: int,
    mentions: Mentions,
    doc_id: str,
    *,
    gap: int = 45,
) -> Subject:
    """Return the subject of the claim phrase starting at ``pos``.

    Parameters
    ----------
    text : str
        The document text.
    pos : int
        Where the claim phrase starts.
    sentence, floor : str, int
        The phrase's sentence (stripped) and where it starts.
    mentions : Mentions
        The document's place mentions, sorted.
    doc_id : str
        The document's id (for a subject that is no recognised mention).
    gap : int
        How far before the phrase the nearest mention may end, for a guessed subject.
    """
    near = max(floor, pos - _REACH)
    end = near + _LINK.search(text[near:pos]).start()
    kind = _KIND.search(text, floor, end)
    name_end = kind.start() if kind else end
    anaphor = _ANAPHOR.search(text, floor, end)
    if anaphor is not None:
        mention = Mention(doc_id, anaphor.start(), end, anaphor.group(), sentence, floor,
                          cue="claim subject", source="anaphor")  # fmt: skip
        return Subject(mention, mention.text, mention.start, mention.end, "anaphor")
    span = _name_at_end(text, floor, name_end) if name_end > floor else None
    if span is not None:
        # the recognizer's mention ending there, with any words of the name it knows before
        # the span ("Western Ghouta", not "Ghouta" once "Western" is left out)
        mention = _mention_ending(mentions, max(floor, span[0] - 40), span[1])
        if mention is None:  # a name the recognizer did not know: read it as a cue name
            mention = Mention(doc_id, span[0], span[1], text[span[0] : span[1]], sentence, floor,
                              cue="claim subject", source="cue")  # fmt: skip
        qualifier = _QUALIFIER.search(text, max(floor, mention.start - 40), mention.start)
        if qualifier is not None:  # "Eastern Aleppo near ...": the subject is not Aleppo
            words = text[qualifier.start() : mention.end]
            return Subject(mention, words, qualifier.start(), mention.end, "qualified")
        return Subject(mention, mention.text, mention.start, mention.end, "apposition")
    mention = subject_before(text, pos, floor, mentions, gap)
    if mention is not None:
        return Subject(mention, mention.text, mention.start, mention.end, "nearest")
    words, start, stop = subject_words(text, pos, floor)
    return Subject(None, words, start, stop, "words")
