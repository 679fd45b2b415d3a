"""Resolution: choose the place a mention means, in the context of its document.

Each candidate of a name (:mod:`~geo_syria.resolve.candidates`) starts from its
gazetteer prior (feature type, population, in Syria or not) and is weighed by the
document's context (:mod:`~geo_syria.resolve.context`): the governorates the text
names ("Hama province", "in Idlib") and nearness to the document's other confident
places; then by the claims that locate it (:mod:`~geo_syria.resolve.evidence`: "20 km
north of Hama" picks the Suran near Hama over the one near Aleppo). Anaphoric anchors
("it", "the capital", "the Old City") are resolved too (:mod:`~geo_syria.resolve.anaphora`).
A name with no candidate stays a ``Resolution(place=None)``.

Examples
--------
>>> from geo_syria import load_default_gazetteer
>>> from geo_syria.documents import Document
>>> from geo_syria.recognize import Recognizer
>>> rec = Recognizer(load_default_gazetteer())
>>> doc = Document(id="a", text="Rebels attacked Suran in Hama province.")
>>> [r.place.admin1 for r in resolve(rec.find(doc), [], doc, recognizer=rec)]
['Hama', 'Hama']
"""

from __future__ import annotations

import logging
import re
from collections.abc import MutableMapping, Sequence
from typing import TYPE_CHECKING, Any

from geo_syria.admin import governorate
from geo_syria.resolve.by_claims import weigh_claims
from geo_syria.resolve.candidates import Surface, confidence
from geo_syria.resolve.context import Scored, Weighed, reasons, weigh
from geo_syria.resolve.estimate import context_estimate, outside_area
from geo_syria.resolve.evidence import ClaimEvidence
from geo_syria.resolve.resolution import Estimate, How, Resolution, how_of

if TYPE_CHECKING:
    from geo_syria.documents import Document
    from geo_syria.gazetteer import Match
    from geo_syria.place import Place
    from geo_syria.recognize import Mention, Recognizer

__all__ = ["ClaimEvidence", "Estimate", "How", "Resolution", "resolve"]

logger = logging.getLogger(__name__)

_ADMIN_CUE = re.compile(
    r"\s+(?:province|governorate|countryside|region)\b|(?<=countryside of )", re.IGNORECASE
)


def resolve(
    mentions: Sequence[Mention],
    claims: Sequence[ClaimEvidence],
    document: Document,
    *,
    recognizer: Recognizer,
    surfaces: MutableMapping | None = None,
    claim_cache: Any = None,
) -> list[Resolution]:
    """Return a resolution for every mention and every anaphoric claim anchor.

    Parameters
    ----------
    mentions : sequence of Mention
        The document's mentions (from :meth:`Recognizer.find <geo_syria.recognize.Recognizer>`).
    claims : sequence of ClaimEvidence
        The document's claims, read but not checked; they help choose places.
    document : Document
        The text, for admin context.
    recognizer : Recognizer
        The gazetteer's names: where candidates come from.
    surfaces : mutable mapping, optional
        A memo of each name's candidates by ``(surface, mention source)``, for a corpus
        (:class:`geo_syria.pipeline.Analyzer` owns one per gazetteer).
    claim_cache : object, optional
        Handed to each claim's ``fit`` (its geometry memo).

    Returns
    -------
    list of Resolution
        In text order; anaphor mentions of the claims ("it", "the capital") included.
    """
    surfaces = {} if surfaces is None else surfaces
    context = _Context(document.text)
    items: list[tuple[Mention, Surface]] = []
    for mention in mentions:
        key = (mention.text, mention.source)
        surf = surfaces.get(key)
        if surf is None:
            surf = surfaces[key] = Surface.of(recognizer, mention)
        items.append((mention, surf))
        context.add(mention, surf)
    multi = [(k, m, s) for k, (m, s) in enumerate(items) if s.multi]
    weighed = weigh(multi, context.govs, context.by_sentence, context.confident) if multi else []
    fixed: dict[tuple[int, int], tuple[Place | None, str, How]] = {}
    if claims:
        scored = [Scored(surf, w) for (_, _, surf), w in zip(multi, weighed, strict=True)]
        with_scores: list[tuple[Mention, Any]] = list(items)
        for (k, mention, _), s in zip(multi, scored, strict=True):
            with_scores[k] = (mention, s)
        fixed = weigh_claims(claims, recognizer.gazetteer, with_scores, claim_cache)
        weighed = [s.weighed() if s.claims else w for s, w in zip(scored, weighed, strict=True)]
        items.extend(with_scores[len(items) :])  # anaphor anchors that are no mention
    out = [_resolution(mention, surf) for mention, surf in items]
    chosen: dict[int, tuple[Place, float, tuple[Match, ...], tuple[str, ...], How]] = {}
    for (k, mention, surf), w in zip(multi, weighed, strict=True):
        # mentions weighed alike share their weighed tuple, and so their choice
        fields = chosen.get(id(w))
        if fields is None:
            fields = chosen[id(w)] = _choose(surf, w)
        place, conf, alternatives, why, how = fields
        out[k] = Resolution(mention, place, conf, alternatives, why, how=how)
    for k, (mention, _) in enumerate(items):
        found = fixed.get((mention.start, mention.end))
        if found is not None:
            place, reason, how = found
            out[k] = Resolution(mention, place, 0.8 if place else 0.0, (), (reason,), how=how)
    out.sort(key=lambda r: (r.mention.start, r.mention.end))
    return [_in_area(r, context, recognizer) for r in out]


def _in_area(res: Resolution, context: _Context, recognizer: Recognizer) -> Resolution:
    """Return a resolution checked against the area its text puts the name in.

    A name the gazetteer lacks gets a context estimate ("X in the Idlib
    countryside"); a chosen place far outside that area gives way to the first
    candidate inside it, or leaves the name unresolved, with the estimate.
    """
    mention = res.mention
    if mention.source == "anaphor":
        return res
    text, end = context.text, mention.end
    govs = frozenset(context.by_sentence.get(mention.sentence_start, ()))
    if res.place is None:
        estimate = context_estimate(recognizer, text, end, govs)
        if estimate is None:
            return res
        return Resolution(
            mention, None, 0.0, res.alternatives, (*res.reasons, estimate.reason), estimate
        )
    if governorate(mention.text) is not None:
        return res  # "Damascus, Aleppo province": a list, not Damascus in Aleppo
    why = outside_area(recognizer, res.place, text, end, govs)
    if why is None:
        return res
    for k, alt in enumerate(res.alternatives):
        if outside_area(recognizer, alt.place, text, end, govs) is None:
            others = (*res.alternatives[:k], *res.alternatives[k + 1 :])
            reason = f"{why}; {alt.place.name} lies in it"
            return Resolution(
                mention,
                alt.place,
                res.confidence / 2,
                others,
                (*res.reasons, reason),
                how=how_of(alt),
            )
    estimate = context_estimate(recognizer, text, end, govs)
    reasons = (*res.reasons, why) + ((estimate.reason,) if estimate else ())
    return Resolution(mention, None, 0.0, res.alternatives, reasons, estimate)


def _resolution(mention: Mention, surf: Surface) -> Resolution:
    """Return the resolution of a name with one candidate or none (all known beforehand)."""
    how = how_of(surf.matches[0]) if surf.place1 is not None else How.PLAIN
    return Resolution(mention, surf.place1, surf.confidence, (), surf.reasons, how=how)


class _Context:
    """What a document says of where it is: governorates named, confident places."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.govs: dict[str, int] = {}  # governorate -> how often named (a cue counts twice)
        self.by_sentence: dict[int, set[str]] = {}  # sentence start -> governorates named
        self.confident: dict[str, tuple[str, float, float]] = {}  # id -> (name, lat, lon)

    def add(self, mention: Mention, surf: Surface) -> None:
        """Take the context a mention gives: the governorate it names, its confident place."""
        if not surf.context:
            return
        gov = surf.gov
        if gov is not None:  # counts above 3 weigh no more
            count = self.govs.get(gov, 0)
            self.govs[gov] = 3 if count >= 2 else count + (2 if self._cued(mention, surf) else 1)
            self.by_sentence.setdefault(mention.sentence_start, set()).add(gov)
        conf = surf.conf
        if conf is not None and conf[0] not in self.confident:
            self.confident[conf[0]] = conf[1]

    def _cued(self, mention: Mention, surf: Surface) -> bool:
        """Whether a governorate's name is cued: "Hama province", "the countryside of Hama"."""
        start, end = mention.start, mention.end
        return bool(
            surf.cued
            or _ADMIN_CUE.match(self.text[end : end + 14])
            or "countryside of" in self.text[max(0, start - 16) : start]
        )


def _choose(
    surf: Surface, weighed: Weighed
) -> tuple[Place, float, tuple[Match, ...], tuple[str, ...], How]:
    """Return an ambiguous name's best place, confidence, alternatives, reasons and how."""
    matches = surf.matches
    scores = weighed.scores
    order = sorted(range(len(scores)), key=scores.__getitem__, reverse=True)  # stable
    top = scores[order[0]]
    total = sum(scores[k] for k in order[:3]) or 1.0
    return (
        matches[order[0]].place,
        confidence(top, total),
        tuple(matches[k] for k in order[1:]),
        reasons(surf, order[0], weighed),
        how_of(matches[order[0]]),
    )
