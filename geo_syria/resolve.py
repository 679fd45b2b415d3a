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
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from operator import mul
from typing import TYPE_CHECKING, Any

from geo_syria.admin import governorate
from geo_syria.gazetteer.index import EARTH_RADIUS_KM, Match, place_prior
from geo_syria.recognize import Recognizer

if TYPE_CHECKING:
    from geo_syria._memo import BoundedMemo
    from geo_syria.documents import Document
    from geo_syria.gazetteer.index import Gazetteer
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
#: Most other places whose distances one surface name remembers.
_MAX_DIST_CACHE = 512
_TWO_R = 2 * EARTH_RADIUS_KM


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


class _Surface:
    """What resolution needs of one surface name, worked out once per gazetteer.

    Its candidates (best first) with their priors, governorates, coordinates and
    first reasons; whether its best candidate is a confident Syrian place; the
    governorate the name itself names; and, with one candidate or none, its whole
    resolution apart from the mention.
    """

    __slots__ = (
        "base",
        "conf",
        "confidence",
        "context",
        "cued",
        "dists",
        "gov",
        "govs",
        "govset",
        "matches",
        "place1",
        "points",
        "reasons",
        "scores",
        "text",
    )

    def __init__(self, text: str, matches: list[Match]) -> None:
        self.text = text
        self.matches = matches
        self.scores = [m.score for m in matches]
        self.base = [f"{m.how} name match, prior {m.score:.2f}" for m in matches]
        self.govs = [_gov_of(m.place) for m in matches]
        self.govset = frozenset(g for g in self.govs if g)
        # (radians(lat), cos(radians(lat)), lon) per candidate, for _km
        self.points = [_point(m.place.lat, m.place.lon) for m in matches]
        name, self.cued = _GOV_SUFFIX.subn("", text)
        gov = governorate(name)
        self.gov = gov.name if gov is not None else None
        self.conf = None
        if len(matches) == 1 or (len(matches) > 1 and matches[0].score >= 2 * matches[1].score):
            place = matches[0].place
            if place.in_syria:
                self.conf = (place.id, text, float(place.lat), float(place.lon))
        self.context = self.gov is not None or self.conf is not None
        self.confidence = 0.0
        self.reasons: tuple[str, ...] = ("no gazetteer candidate",)
        if len(matches) == 1:
            top = self.scores[0]
            self.confidence = _confidence(top, sum(self.scores) or 1.0)
            self.reasons = (self.base[0],)
        self.place1 = matches[0].place if len(matches) == 1 else None
        # other place id -> (km from each candidate, each candidate's nearness factor)
        self.dists: dict[str, tuple[list[float], list[float]]] = {}

    def place(self) -> Place | None:
        return self.place1


def _point(lat: float, lon: float) -> tuple[float, float, float]:
    p = math.radians(lat)
    return p, math.cos(p), float(lon)


def _km(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    """Return the same float as ``haversine_km`` from point ``a`` to point ``b``."""
    s1 = math.sin((b[0] - a[0]) / 2)
    s2 = math.sin(math.radians(b[2] - a[2]) / 2)
    h = s1 * s1 + a[1] * b[1] * (s2 * s2)
    return _TWO_R * math.asin(math.sqrt(min(h, 1.0)))


def _confidence(top: float, total: float) -> float:
    return round(min(1.0, (top / total) * min(1.0, 0.5 + top)), 3)


def _new_surface(gazetteer: Gazetteer, mention: Mention) -> _Surface:
    """Return the :class:`_Surface` of a mention's name (memoised by the caller)."""
    matches = [] if mention.source == "anaphor" else _candidates(gazetteer, mention)
    return _Surface(mention.text, matches)


def _candidates(gazetteer: Gazetteer, mention: Mention) -> list[Match]:
    """Return the candidates of a mention's name, best first."""
    found: dict[str, Match] = {}
    for place in Recognizer.for_gazetteer(gazetteer).candidates(mention.text):
        found[place.id] = Match(place, place_prior(place), mention.text, "exact", 1.0)
    fuzzy = mention.source != "gazetteer"
    for m in gazetteer.search(mention.text, fuzzy=fuzzy, min_score=0.88, limit=10):
        if m.how != "exact" and not m.place.in_syria:
            continue  # a loose spelling of a foreign name: Qaboun is not Gabon
        if m.place.id not in found or found[m.place.id].score < m.score:
            found[m.place.id] = m
    return sorted(found.values(), key=lambda m: -m.score)[:_MAX_CANDIDATES]


def _gov_of(place: Place) -> str | None:
    if not place.in_syria:
        return None
    gov = governorate(place.admin1 or "") or governorate(place.admin1_pcode or "")
    return gov.name if gov else None


class _Scored:
    """A mention with several candidates and their scores in this document.

    ``scores`` is replaced, never changed in place (weighed lists are shared).
    The reasons beyond the first are kept as numbers and written out only for
    the chosen candidate: ``govs`` (1 the sentence, 2 the document names its
    governorate), ``dists`` (km to the document's other places) and ``claims``
    (claim text and each candidate's fit).
    """

    __slots__ = ("claims", "dists", "govs", "matches", "scores", "surf")

    dists: list[list[float]] | None

    def __init__(self, surf: _Surface) -> None:
        self.surf = surf
        self.matches = surf.matches
        self.scores = surf.scores
        self.govs: list[int] | None = None
        self.dists = None  # km from each candidate to each other place
        self.claims: list[tuple[str, list[float]]] = []

    def place(self) -> Place | None:
        scores = self.scores
        return self.matches[max(range(len(scores)), key=scores.__getitem__)].place

    def reasons(self, i: int) -> tuple[str, ...]:
        out = [self.surf.base[i]]
        if self.govs is not None and self.govs[i]:
            where = "sentence" if self.govs[i] == 1 else "document"
            out.append(f"admin context: {self.surf.govs[i]} named in the {where}")
        dists = self.dists
        if dists is not None:
            d = dists[0][i] if len(dists) == 1 else min([row[i] for row in dists])
            if d < 60:
                out.append(f"{d:.0f} km from other places of the document")
        for text, fits in self.claims:
            out.append(f"claim '{text}' fit {fits[i]:.2f}")
        return tuple(out)


def _near(
    surf: _Surface, text: str, confident: dict[str, tuple[str, float, float]]
) -> tuple[list[float], list[list[float]]] | None:
    """Return each candidate's nearness factor to the document's other confident places.

    The factor falls with the km to the nearest of them, so it is the largest of
    the factors to each; the km rows come along for the reasons.
    """
    cache = surf.dists
    if len(cache) > _MAX_DIST_CACHE:
        cache.clear()
    rows = []
    for pid, (name, lat, lon) in confident.items():
        if name == text:
            continue
        row = cache.get(pid)
        if row is None:
            b = _point(lat, lon)
            km = [_km(a, b) for a in surf.points]
            row = cache[pid] = (km, [1.0 + 0.6 / (1.0 + d / 30.0) for d in km])
        rows.append(row)
    if not rows:
        return None
    if len(rows) == 1:
        return rows[0][1], [rows[0][0]]
    return list(map(max, zip(*[r[1] for r in rows], strict=True))), [r[0] for r in rows]


def _admin_weights(
    govs: list[str | None], sentence_govs: set[str] | None, doc_govs: dict[str, int]
) -> tuple[list[float], list[int]]:
    """Return each candidate's admin-context factor and reason code (1 sentence, 2 document)."""
    factors = []
    codes = []
    for gov in govs:
        if not gov:
            factors.append(1.0)
            codes.append(0)
        elif sentence_govs and gov in sentence_govs:
            factors.append(3.0 if doc_govs.get(gov, 0) < 2 else 4.0)
            codes.append(1)
        elif sentence_govs:
            factors.append(0.7)
            codes.append(0)
        elif doc_govs.get(gov):
            factors.append(1.3 + 0.1 * min(doc_govs[gov], 3))
            codes.append(2)
        else:
            factors.append(1.0)
            codes.append(0)
    return factors, codes


def _weigh(
    multi: list[tuple[Mention, _Scored]],
    doc_govs: dict[str, int],
    by_sentence: dict[int, set[str]],
    confident: dict[str, tuple[str, float, float]],
) -> None:
    """Weigh the candidates of ambiguous names by governorates and nearby places."""
    near: dict[str, tuple[list[float], list[list[float]]] | None] = {}
    for mention, s in multi:
        surf = s.surf
        scores = surf.scores
        if doc_govs and surf.govset:
            sentence_govs = by_sentence.get(mention.sentence_start)
            if sentence_govs or not surf.govset.isdisjoint(doc_govs):
                factors, codes = _admin_weights(surf.govs, sentence_govs, doc_govs)
                scores = list(map(mul, scores, factors))
                if any(codes):
                    s.govs = codes
        if confident:
            text = mention.text
            if text in near:
                found = near[text]
            else:
                found = near[text] = _near(surf, text, confident)
            if found is not None:
                scores = list(map(mul, scores, found[0]))
                s.dists = found[1]
        s.scores = scores


_NO_CANDIDATE = _Surface("", [])
# Resolution(*fields) without the frozen dataclass's per-field object.__setattr__ calls
_NEW = object.__new__
_SET_FIELDS = tuple(Resolution.__dict__[name].__set__ for name in Resolution.__slots__)
assert Resolution.__slots__ == ("mention", "place", "confidence", "alternatives", "reasons")


def _resolution(
    mention: Mention,
    place: Place | None,
    confidence: float,
    alternatives: tuple[Match, ...],
    reasons: tuple[str, ...],
) -> Resolution:
    """Return ``Resolution(mention, place, confidence, alternatives, reasons)``, faster."""
    r = _NEW(Resolution)
    s1, s2, s3, s4, s5 = _SET_FIELDS
    s1(r, mention)
    s2(r, place)
    s3(r, confidence)
    s4(r, alternatives)
    s5(r, reasons)
    return r


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
    memo = Recognizer.for_gazetteer(gazetteer).memos
    surfaces = memo["candidates"]
    out: list[Any] = []  # Resolution, or None until an ambiguous name is weighed
    objs: list[Any] = []  # each mention's _Surface or _Scored
    multi: list[tuple[Mention, _Scored]] = []
    pending: list[int] = []  # the places in ``out`` of ``multi``
    doc_govs: dict[str, int] = {}
    by_sentence: dict[int, set[str]] = {}
    confident: dict[str, tuple[str, float, float]] = {}
    in_order = True
    last = -1
    new = _NEW
    set_mention, set_place, set_confidence, set_alternatives, set_reasons = _SET_FIELDS
    for mention in mentions:
        key = (mention.text, mention.source)
        surf = surfaces.get(key)
        if surf is None:
            surf = surfaces.put(key, _new_surface(gazetteer, mention))
        start = mention.start
        if start <= last:
            in_order = False  # maybe: sorted below
        last = start
        if len(surf.matches) > 1:
            s = _Scored(surf)
            multi.append((mention, s))
            objs.append(s)
            pending.append(len(out))
            out.append(None)
        else:  # one candidate or none: all known beforehand
            objs.append(surf)
            r = new(Resolution)
            set_mention(r, mention)
            set_place(r, surf.place1)
            set_confidence(r, surf.confidence)
            set_alternatives(r, ())
            set_reasons(r, surf.reasons)
            out.append(r)
        if not surf.context:
            continue
        gov = surf.gov
        if gov is not None:  # the name is a governorate's: admin context
            end = mention.end
            if (
                surf.cued
                or _ADMIN_CUE.match(text[end : end + 14])
                or "countryside of" in text[max(0, start - 16) : start]
            ):
                doc_govs[gov] = doc_govs.get(gov, 0) + 2
            else:
                doc_govs[gov] = doc_govs.get(gov, 0) + 1
            by_sentence.setdefault(mention.sentence_start, set()).add(gov)
        conf = surf.conf
        if conf is not None and conf[0] not in confident:
            confident[conf[0]] = conf[1:]
    if multi:
        _weigh(multi, doc_govs, by_sentence, confident)
    fixed = None
    if drafts:
        items = list(zip(mentions, objs, strict=True))
        fixed = _weigh_claims(drafts, gazetteer, items, memo["fit"])
        if len(items) > len(objs):  # anaphor anchors that are no mention
            in_order = False
            out.extend([None] * (len(items) - len(objs)))

    for k, (mention, s) in zip(pending, multi, strict=True):
        scores = s.scores
        matches = s.matches
        if len(scores) == 2:
            i, j = (1, 0) if scores[1] > scores[0] else (0, 1)
            top = scores[i]
            total = top + scores[j] or 1.0
            alternatives: tuple[Match, ...] = (matches[j],)
        else:
            order = sorted(range(len(scores)), key=scores.__getitem__, reverse=True)
            i = order[0]
            top = scores[i]
            total = sum([scores[j] for j in order[:3]]) or 1.0
            alternatives = tuple([matches[j] for j in order[1:]])
        share = 0.5 + top
        confidence = (top / total) * (share if share < 1.0 else 1.0)
        out[k] = _resolution(
            mention,
            matches[i].place,
            round(confidence if confidence < 1.0 else 1.0, 3),
            alternatives,
            s.reasons(i),
        )
    if fixed:
        for k, (mention, _) in enumerate(items):
            found = fixed.get((mention.start, mention.end))
            if found is not None:
                place, reason = found
                out[k] = _resolution(mention, place, 0.8 if place else 0.0, (), (reason,))
    if not in_order:
        out.sort(key=lambda r: (r.mention.start, r.mention.end))
    return out


def _weigh_claims(
    drafts: Sequence[Any],
    gazetteer: Gazetteer,
    items: list[tuple[Mention, Any]],
    fit_memo: BoundedMemo,
) -> dict[tuple[int, int], tuple[Place | None, str]]:
    """Weigh candidates by the claims that locate them; resolve the claims' anaphors.

    ``items`` pairs each mention with its ``_Surface`` or ``_Scored``. Returns
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
                    by_span[span] = _NO_CANDIDATE
                    items.append((anchor, _NO_CANDIDATE))
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
