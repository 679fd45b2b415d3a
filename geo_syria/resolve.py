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
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from geo_syria.admin import governorate

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
_GOV_SUFFIX = re.compile(r"\s+(?:province|governorate|countryside|region)$", re.IGNORECASE)
_KIND_SUFFIX = re.compile(r"^(?P<name>.+?)\s+(?P<kind>city|town|village)$", re.IGNORECASE)
_MAX_CANDIDATES = 8


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


def _candidates(gazetteer: Gazetteer, mention: Mention) -> list[Match]:
    """Return the candidates of a mention's name (memoised per gazetteer and surface)."""
    from geo_syria.gazetteer.index import Match, place_prior
    from geo_syria.recognize import Recognizer

    rec = Recognizer.for_gazetteer(gazetteer)
    memo = rec.memos["candidates"]
    key = (mention.text, mention.source == "gazetteer")
    if key in memo:
        return memo[key]
    found: dict[str, Match] = {}
    for place in rec.candidates(mention.text):
        found[place.id] = Match(place, place_prior(place), mention.text, "exact", 1.0)
    fuzzy = mention.source != "gazetteer"
    for m in gazetteer.search(mention.text, fuzzy=fuzzy, min_score=0.88, limit=10):
        if m.how != "exact" and not m.place.in_syria:
            continue  # a loose spelling of a foreign name: Qaboun is not Gabon
        if m.place.id not in found or found[m.place.id].score < m.score:
            found[m.place.id] = m
    return memo.put(key, sorted(found.values(), key=lambda m: -m.score)[:_MAX_CANDIDATES])


def _gov_of(place: Place) -> str | None:
    if not place.in_syria:
        return None
    gov = governorate(place.admin1 or "") or governorate(place.admin1_pcode or "")
    return gov.name if gov else None


@dataclass(slots=True)
class _Scored:
    mention: Mention
    matches: list[Match]
    scores: list[float]
    reasons: list[list[str]]

    def best(self) -> tuple[int, float] | None:
        if not self.matches:
            return None
        i = max(range(len(self.scores)), key=self.scores.__getitem__)
        return i, self.scores[i]

    def place(self) -> Place | None:
        best = self.best()
        return self.matches[best[0]].place if best else None


def _admin_context(text: str, scored: list[_Scored]) -> tuple[Counter, dict[int, set[str]]]:
    """Governorates the document names, overall and per sentence."""
    doc_govs: Counter = Counter()
    by_sentence: dict[int, set[str]] = {}
    for s in scored:
        name, cued = _GOV_SUFFIX.subn("", s.mention.text)
        gov = governorate(name)
        if gov is None:
            continue
        after = text[s.mention.end : s.mention.end + 14]
        before = text[max(0, s.mention.start - 16) : s.mention.start]
        weight = 2 if cued or _ADMIN_CUE.match(after) or "countryside of" in before else 1
        doc_govs[gov.name] += weight
        by_sentence.setdefault(s.mention.sentence_start, set()).add(gov.name)
    return doc_govs, by_sentence


def _weigh_context(text: str, scored: list[_Scored]) -> None:
    from geo_syria.gazetteer.index import haversine_km

    doc_govs, by_sentence = _admin_context(text, scored)
    import numpy as np

    confident: dict[str, tuple[str, float, float]] = {}
    for s in scored:
        if len(s.matches) == 1 or (
            len(s.matches) > 1 and s.matches[0].score >= 2 * s.matches[1].score
        ):
            place = s.matches[0].place
            if place.in_syria:
                confident.setdefault(place.id, (s.mention.text, place.lat, place.lon))
    done: dict[tuple[str, int], list[tuple[float, str | None]]] = {}
    for s in scored:
        if len(s.matches) < 2:
            continue
        sentence_govs = by_sentence.get(s.mention.sentence_start, set())
        key = (s.mention.text, s.mention.sentence_start)
        if key not in done:
            others = [(lat, lon) for n, lat, lon in confident.values() if n != s.mention.text]
            coords = np.array(others, dtype=float).reshape(-1, 2)
            factors = []
            for m in s.matches:
                if len(coords):
                    d = float(
                        np.min(haversine_km(m.place.lat, m.place.lon, coords[:, 0], coords[:, 1]))
                    )
                    factors.append(
                        (
                            1.0 + 0.6 / (1.0 + d / 30.0),
                            f"{d:.0f} km from other places of the document" if d < 60 else None,
                        )
                    )
                else:
                    factors.append((1.0, None))
            done[key] = factors
        for i, m in enumerate(s.matches):
            gov = _gov_of(m.place)
            if gov and gov in sentence_govs:
                s.scores[i] *= 3.0 if doc_govs.get(gov, 0) < 2 else 4.0
                s.reasons[i].append(f"admin context: {gov} named in the sentence")
            elif gov and sentence_govs:
                s.scores[i] *= 0.7
            elif gov and doc_govs.get(gov):
                s.scores[i] *= 1.3 + 0.1 * min(doc_govs[gov], 3)
                s.reasons[i].append(f"admin context: {gov} named in the document")
            factor, reason = done[key][i]
            s.scores[i] *= factor
            if reason:
                s.reasons[i].append(reason)


def _lookup_one(gazetteer: Gazetteer, name: str, **kw: Any) -> Place | None:
    hits = gazetteer.search(name, fuzzy=False, limit=5, **kw)
    return hits[0].place if hits else None


def _resolve_anaphor(
    mention: Mention,
    draft: Any,
    gazetteer: Gazetteer,
    by_span: dict[tuple[int, int], _Scored],
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
        gov = _gov_of(last_syrian) if last_syrian else None
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
    scored: list[_Scored] = []
    by_span: dict[tuple[int, int], _Scored] = {}
    for mention in mentions:
        matches = _candidates(gazetteer, mention) if mention.source != "anaphor" else []
        s = _Scored(mention, matches, [m.score for m in matches], [[] for _ in matches])
        for i, m in enumerate(matches):
            s.reasons[i].append(f"{m.how} name match, prior {m.score:.2f}")
        scored.append(s)
        by_span[(mention.start, mention.end)] = s
    _weigh_context(text, scored)

    placed: tuple[list[int], list[Place]] = ([], [])
    for s in scored:
        place = s.place()
        if place is not None:
            placed[0].append(s.mention.start)
            placed[1].append(place)
    from geo_syria.recognize import Recognizer

    fit_memo = Recognizer.for_gazetteer(gazetteer).memos["fit"]
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
                    s = _Scored(anchor, [], [], [])
                    scored.append(s)
                    by_span[span] = s
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
        for i, m in enumerate(s.matches):
            fit = _claim_fit(draft, m.place, anchor_place, fit_memo)
            s.scores[i] *= 0.15 + 1.85 * fit
            s.reasons[i].append(f"claim '{draft.text}' fit {fit:.2f}")

    out = []
    for s in sorted(scored, key=lambda s: (s.mention.start, s.mention.end)):
        span = (s.mention.start, s.mention.end)
        if span in fixed:
            place, reason = fixed[span]
            out.append(Resolution(s.mention, place, 0.8 if place else 0.0, (), (reason,)))
            continue
        best = s.best()
        if best is None:
            out.append(Resolution(s.mention, None, 0.0, (), ("no gazetteer candidate",)))
            continue
        i, top = best
        order = sorted(range(len(s.matches)), key=lambda j: -s.scores[j])
        total = sum(s.scores[j] for j in order[:3]) or 1.0
        confidence = round(min(1.0, (top / total) * min(1.0, 0.5 + top)), 3)
        out.append(
            Resolution(
                s.mention,
                s.matches[i].place,
                confidence,
                tuple(s.matches[j] for j in order if j != i),
                tuple(s.reasons[i]),
            )
        )
    return out
