"""Resolution: choose the place a mention means, in the context of its document.

Each candidate of a name starts from its gazetteer prior (feature type,
population, in Syria or not) and is weighed by the document's context: the
governorates the text names ("Hama province", "in Idlib"), nearness to the
document's other confident places, and the claims that locate it ("20 km north
of Hama" picks the Suran near Hama over the one near Aleppo). Anaphoric anchors
("it", "the capital", "the provincial capital", "the Old City") are resolved
too. A name with no candidate stays a ``Resolution(place=None)``.

Examples
--------
>>> from geo_syria import load_default_gazetteer
>>> from geo_syria.documents import Document
>>> from geo_syria.recognize import recognize
>>> gaz = load_default_gazetteer()
>>> doc = Document(id="a", text="Rebels attacked Suran in Hama province.")
>>> [r.place.admin1 for r in resolve(recognize(doc, gaz), [], gaz, doc)]
['Hama', 'Hama']
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from geo_syria._fastinit import fast_constructor
from geo_syria._resolve_context import (
    NO_CANDIDATE,
    Scored,
    Surface,
    gov_of,
    reasons,
    weigh,
)
from geo_syria.recognize import Recognizer

if TYPE_CHECKING:
    from geo_syria._memo import BoundedMemo
    from geo_syria.documents import Document
    from geo_syria.gazetteer.index import Gazetteer, Match
    from geo_syria.place import Place
    from geo_syria.recognize import Mention

__all__ = ["Resolution", "resolve"]

logger = logging.getLogger(__name__)

_ADMIN_CUE = re.compile(
    r"\s+(?:province|governorate|countryside|region)\b|(?<=countryside of )", re.IGNORECASE
)
_KIND_SUFFIX = re.compile(r"^(?P<name>.+?)\s+(?P<kind>city|town|village)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Resolution:
    """A mention and the place chosen for it (``place is None`` when unresolved).

    Parameters
    ----------
    mention : Mention
        The name as written.
    place : Place or None
        The chosen gazetteer record.
    confidence : float
        0..1.
    alternatives : tuple of Match
        The other candidates considered, best first.
    reasons : tuple of str
        Why this place was chosen ("admin context: Hama province", "20 km claim fits").
    """

    mention: Mention
    place: Place | None
    confidence: float = 0.0
    alternatives: tuple[Match, ...] = ()
    reasons: tuple[str, ...] = ()

    @property
    def resolved(self) -> bool:
        """Whether a place was chosen."""
        return self.place is not None

    @property
    def precision_m(self) -> float | None:
        """The chosen place's precision radius in metres."""
        return self.place.precision_m if self.place is not None else None


#: ``Resolution(mention, place, confidence, alternatives, reasons)``, built faster.
_resolution = fast_constructor(Resolution)


def _lookup_one(gazetteer: Gazetteer, name: str, **kw: Any) -> Place | None:
    hits = gazetteer.search(name, fuzzy=False, limit=5, **kw)
    return hits[0].place if hits else None


def _resolve_anaphor(
    mention: Mention,
    draft: Any,
    gazetteer: Gazetteer,
    by_span: dict[tuple[int, int], Any],
    previous_anchor: Place | None,
    placed: tuple[list[int], list[Place]],
) -> tuple[Place | None, str]:
    phrase = " ".join(mention.text.lower().split())
    n = bisect.bisect_left(placed[0], mention.start)
    lo = max(0, n - 40)
    subject = draft.subject_mention if draft is not None else None
    skip = subject.start if subject is not None else -1  # "it" is not the claim's subject
    preceding = [p for at, p in zip(placed[0][lo:n], placed[1][lo:n], strict=True) if at != skip]
    last_syrian = next((p for p in reversed(preceding) if p.in_syria), None)
    if "provincial capital" in phrase:
        gov = gov_of(last_syrian) if last_syrian else None
        if gov:
            place = _lookup_one(gazetteer, gov, in_syria=True, feature_types=("city",))
            return place, f"'{mention.text}': the capital of {gov} governorate in context"
    if "capital" in phrase:
        place = _lookup_one(gazetteer, "Damascus", in_syria=True, feature_types=("city",))
        return place, f"'{mention.text}': Damascus, the capital"
    if "old city" in phrase:
        centre = next(
            (p for p in reversed(preceding) if p.in_syria and p.feature_type == "city"), None
        )
        centre = centre or _lookup_one(gazetteer, "Damascus", in_syria=True)
        hits = gazetteer.search("Old City", fuzzy=False, limit=10, in_syria=True, near=centre)
        if hits:
            where = centre.name if centre else "Syria"
            return hits[0].place, f"'{mention.text}': the Old City of {where} in context"
        return centre, f"'{mention.text}': no Old City record, the city in context"
    kind = _KIND_SUFFIX.match(mention.text.strip())
    if kind and kind.group("name").lower() not in ("the", "this", "that", "a"):
        types = ("city",) if kind.group("kind").lower() == "city" else ("town", "village", "city")
        place = _lookup_one(gazetteer, kind.group("name"), feature_types=types)
        if place is not None:
            return place, f"'{mention.text}': the {kind.group('kind').lower()} named"
    antecedent = draft.anchor_antecedent if draft is not None else None
    if antecedent is not None:
        s = by_span.get((antecedent.start, antecedent.end))
        if s is not None and s.place() is not None:
            return s.place(), f"'{mention.text}' refers to {antecedent.text}"
    if previous_anchor is not None:
        return previous_anchor, f"'{mention.text}': the previous claim's anchor"
    if preceding:
        return preceding[-1], f"'{mention.text}': the nearest preceding place"
    return None, f"'{mention.text}': nothing to refer to"


def _claim_fit(draft: Any, subject: Place, anchor: Place, memo: BoundedMemo) -> float:
    key = (
        subject.id,
        anchor.id,
        draft.relation,
        draft.distance_min_km,
        draft.distance_max_km,
        draft.bearing_deg,
        draft.bearing_tolerance_deg,
        draft.from_extent,
    )
    fit = memo.get(key)
    if fit is None:
        from geo_syria.claims import claim_fit

        fit = memo.put(key, claim_fit(draft, subject, anchor))
    return fit


def resolve(
    mentions: Sequence[Mention],
    drafts: Sequence[Any],
    gazetteer: Gazetteer,
    document: Document,
) -> list[Resolution]:
    """Return a resolution for every mention and every anaphoric claim anchor.

    Parameters
    ----------
    mentions : sequence of Mention
        The document's mentions (from :func:`~geo_syria.recognize.recognize`).
    drafts : sequence of ClaimDraft
        The document's claims, read but not checked; they help choose places.
    gazetteer : Gazetteer
        Where candidates come from.
    document : Document
        The text, for admin context.

    Returns
    -------
    list of Resolution
        In text order; anaphor mentions of the claims ("it", "the capital") included.
    """
    text = document.text
    memo = Recognizer.for_gazetteer(gazetteer).memos
    surfaces = memo["candidates"]
    out: list[Any] = []  # Resolution, or None until an ambiguous name is weighed
    multi: list[tuple[int, Mention, Surface]] = []  # ambiguous names and their place in out
    doc_govs: dict[str, int] = {}
    by_sentence: dict[int, set[str]] = {}
    confident: dict[str, tuple[str, float, float]] = {}
    get_surface = surfaces.get
    make = _resolution
    add = out.append
    last = -1  # the last mention's start: whether the mentions come in text order
    in_order = True
    for mention in mentions:
        key = (mention.text, mention.source)
        surf = get_surface(key)
        if surf is None:
            surf = surfaces.put(key, Surface.of(gazetteer, mention))
        start = mention.start
        if start <= last:
            in_order = False
        last = start
        if surf.multi:
            multi.append((len(out), mention, surf))
            add(None)
        else:  # one candidate or none: all known beforehand
            add(make(mention, surf.place1, surf.confidence, (), surf.reasons))
        if not surf.context:
            continue
        gov = surf.gov
        if gov is not None:  # the name is a governorate's: admin context
            # a cue ("Hama province") counts twice; counts above 3 weigh no more
            count = doc_govs.get(gov, 0)
            if count >= 2:
                doc_govs[gov] = 3
            else:
                end = mention.end
                if (
                    surf.cued
                    or _ADMIN_CUE.match(text[end : end + 14])
                    or "countryside of" in text[start - 16 if start > 16 else 0 : start]
                ):
                    doc_govs[gov] = count + 2
                else:
                    doc_govs[gov] = count + 1
            by_sentence.setdefault(mention.sentence_start, set()).add(gov)
        conf = surf.conf
        if conf is not None and conf[0] not in confident:
            confident[conf[0]] = conf[1]
    weighed = weigh(multi, doc_govs, by_sentence, confident) if multi else []
    fixed = None
    if drafts:
        items: list[tuple[Mention, Any]] = [
            (m, surfaces.get((m.text, m.source)) or Surface.of(gazetteer, m)) for m in mentions
        ]
        scored = []
        for (k, mention, surf), w in zip(multi, weighed, strict=True):
            s = Scored(surf, w)
            items[k] = (mention, s)
            scored.append(s)
        fixed = _weigh_claims(drafts, gazetteer, items, memo["fit"])
        for n, s in enumerate(scored):
            if s.claims:
                weighed[n] = (s.scores, s.govs, s.dists, s.claims)
        if len(items) > len(out):  # anaphor anchors that are no mention
            in_order = False
            out.extend([None] * (len(items) - len(out)))
    chosen: dict[int, tuple[Place, float, tuple[Match, ...], tuple[str, ...]]] = {}
    for (k, mention, surf), w in zip(multi, weighed, strict=True):
        # mentions weighed alike share their weighed tuple, and so their choice
        fields = chosen.get(id(w))
        if fields is None:
            fields = chosen[id(w)] = _choose(surf, *w)
        out[k] = make(mention, *fields)
    if fixed:
        for k, (mention, _) in enumerate(items):
            found = fixed.get((mention.start, mention.end))
            if found is not None:
                place, reason = found
                out[k] = _resolution(mention, place, 0.8 if place else 0.0, (), (reason,))
    if not in_order:
        out.sort(key=lambda r: (r.mention.start, r.mention.end))
    return out


def _choose(
    surf: Surface,
    scores: list[float],
    govs: list[str | None] | None,
    dists: list[float] | None,
    claims: list[tuple[str, list[float]]] | None,
) -> tuple[Place, float, tuple[Match, ...], tuple[str, ...]]:
    """Return an ambiguous name's best-scoring place, confidence, alternatives and reasons."""
    matches = surf.matches
    if len(scores) == 2:
        i, j = (1, 0) if scores[1] > scores[0] else (0, 1)
        top = scores[i]
        total = top + scores[j] or 1.0
        alternatives: tuple[Match, ...] = (matches[j],)
    else:  # best first; equal scores keep their order
        order = sorted(range(len(scores)), key=scores.__getitem__, reverse=True)
        i = order[0]
        top = scores[i]
        total = scores[i] + scores[order[1]] + scores[order[2]] or 1.0  # as sum(top 3)
        alternatives = tuple(map(matches.__getitem__, order[1:]))
    share = 0.5 + top
    confidence = (top / total) * (share if share < 1.0 else 1.0)
    return (
        matches[i].place,
        round(confidence if confidence < 1.0 else 1.0, 3),
        alternatives,
        reasons(surf, i, govs, dists, claims),
    )


def _weigh_claims(
    drafts: Sequence[Any],
    gazetteer: Gazetteer,
    items: list[tuple[Mention, Any]],
    fit_memo: BoundedMemo,
) -> dict[tuple[int, int], tuple[Place | None, str]]:
    """Weigh candidates by the claims that locate them; resolve the claims' anaphors.

    ``items`` pairs each mention with its ``Surface`` or ``Scored``. Returns
    the anaphors' (place, reason) by span; an anaphor anchor that is no mention
    is added to ``items``.
    """
    by_span = {(mention.start, mention.end): s for mention, s in items}
    placed: tuple[list[int], list[Place]] = ([], [])
    if any(
        a is not None and a.source == "anaphor"
        for d in drafts
        for a in (d.anchor_mention, d.anchor2_mention)
    ):
        for mention, s in items:
            place = s.place()
            if place is not None:
                placed[0].append(mention.start)
                placed[1].append(place)
    previous_anchor: Place | None = None
    fixed: dict[tuple[int, int], tuple[Place | None, str]] = {}
    for draft in sorted(drafts, key=lambda d: d.start):
        anchor_places = []
        for anchor in (draft.anchor_mention, draft.anchor2_mention):
            if anchor is None:
                anchor_places.append(None)
                continue
            span = (anchor.start, anchor.end)
            s = by_span.get(span)
            if s is not None and s.matches:
                anchor_places.append(s.place())
                continue
            if anchor.source != "anaphor":
                # a name without candidates ("the village of Zor Zor") stays unresolved
                anchor_places.append(None)
                continue
            if span not in fixed:
                fixed[span] = _resolve_anaphor(
                    anchor, draft, gazetteer, by_span, previous_anchor, placed
                )
                if s is None:
                    by_span[span] = NO_CANDIDATE
                    items.append((anchor, NO_CANDIDATE))
            anchor_places.append(fixed[span][0])
        anchor_place = anchor_places[0]
        if anchor_place is not None:
            previous_anchor = anchor_place
        subject = draft.subject_mention
        if subject is None or anchor_place is None or draft.relation == "between":
            continue
        s = by_span.get((subject.start, subject.end))
        if s is None or len(s.matches) < 2:
            continue
        fits = [_claim_fit(draft, m.place, anchor_place, fit_memo) for m in s.matches]
        s.scores = [x * (0.15 + 1.85 * fit) for x, fit in zip(s.scores, fits, strict=True)]
        s.claims.append((draft.text, fits))
    return fixed
