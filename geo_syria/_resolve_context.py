"""Per-name facts and document context that :mod:`geo_syria.resolve` weighs candidates by.

A surface name's candidates, priors, governorates and coordinates are worked
out once per gazetteer (:class:`Surface`, memoised by the caller); a document's
context (the governorates it names, its confident places) is then applied to
each ambiguous name with plain-Python arithmetic. The arithmetic repeats the
original numpy formulas operation for operation, so scores are the same floats.
"""

from __future__ import annotations

import math
import re
from operator import mul
from typing import TYPE_CHECKING

from geo_syria.admin import GOVERNORATES, governorate
from geo_syria.gazetteer.index import EARTH_RADIUS_KM, Match, place_prior
from geo_syria.recognize import Recognizer

if TYPE_CHECKING:
    from geo_syria.gazetteer.index import Gazetteer
    from geo_syria.place import Place
    from geo_syria.recognize import Mention

_GOV_SUFFIX = re.compile(r"\s+(?:province|governorate|countryside|region)$", re.IGNORECASE)
_MAX_CANDIDATES = 8
#: Most other places whose distances one surface name remembers.
_MAX_DIST_CACHE = 512
_TWO_R = 2 * EARTH_RADIUS_KM
_IN_SENTENCE = {g.name: f"admin context: {g.name} named in the sentence" for g in GOVERNORATES}
_IN_DOCUMENT = {g.name: f"admin context: {g.name} named in the document" for g in GOVERNORATES}
# defaults for dict.get mapped over a name's candidates
_SEVENTHS = (0.7,) * _MAX_CANDIDATES
#: a governorate's factor by how often the document names it (a cue counts twice)
_DOC_FACTOR = {count: 1.3 + 0.1 * count for count in (1, 2, 3)}
_ONES = (1.0,) * _MAX_CANDIDATES

#: (scores, each candidate's admin-context reason or None, km to the nearest other
#: place, claims: text and each candidate's fit) of a weighed name
Weighed = tuple[
    list[float],
    "list[str | None] | None",
    "list[float] | None",
    "list[tuple[str, list[float]]] | None",
]


def point(lat: float, lon: float) -> tuple[float, float, float]:
    """Return ``(radians(lat), cos(radians(lat)), lon)`` for :func:`km`."""
    p = math.radians(lat)
    return p, math.cos(p), float(lon)


def km(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    """Return the same float as ``haversine_km`` from point ``a`` to point ``b``.

    Examples
    --------
    >>> from geo_syria.gazetteer.index import haversine_km
    >>> km(point(33.5102, 36.2913), point(35.1318, 36.7578)) == float(
    ...     haversine_km(33.5102, 36.2913, [35.1318], [36.7578])[0]
    ... )
    True
    """
    s1 = math.sin((b[0] - a[0]) / 2)
    s2 = math.sin(math.radians(b[2] - a[2]) / 2)
    h = s1 * s1 + a[1] * b[1] * (s2 * s2)
    return _TWO_R * math.asin(math.sqrt(min(h, 1.0)))


def confidence(top: float, total: float) -> float:
    """Return the confidence of a choice scoring ``top`` of ``total`` (3 decimals)."""
    return round(min(1.0, (top / total) * min(1.0, 0.5 + top)), 3)


def gov_of(place: Place) -> str | None:
    """Return the name of a Syrian place's governorate (None abroad or unknown)."""
    if not place.in_syria:
        return None
    gov = governorate(place.admin1 or "") or governorate(place.admin1_pcode or "")
    return gov.name if gov else None


def candidates(gazetteer: Gazetteer, mention: Mention) -> list[Match]:
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


class Surface:
    """What resolution needs of one surface name, worked out once per gazetteer.

    Its candidates (best first) with their priors, governorates, coordinates and
    first reasons; whether its best candidate is a confident Syrian place
    (``conf``: its id and (name, lat, lon)); the governorate the name itself
    names (``gov``, ``cued`` by "province"); and, with one candidate or none,
    its whole resolution apart from the mention (``place1``, ``confidence``,
    ``reasons``).
    """

    __slots__ = (
        "base",
        "conf",
        "confidence",
        "context",
        "cued",
        "gov",
        "govs",
        "govset",
        "kms",
        "matches",
        "multi",
        "place1",
        "points",
        "reasons",
        "scores",
        "text",
    )

    def __init__(self, text: str, matches: list[Match]) -> None:
        self.text = text
        self.matches = matches
        self.multi = len(matches) > 1
        self.scores = [m.score for m in matches]
        self.base = [f"{m.how} name match, prior {m.score:.2f}" for m in matches]
        self.govs = [gov_of(m.place) for m in matches]
        self.govset = frozenset(g for g in self.govs if g)
        self.points = [point(m.place.lat, m.place.lon) for m in matches]
        name, self.cued = _GOV_SUFFIX.subn("", text)
        gov = governorate(name)
        self.gov = gov.name if gov is not None else None
        self.conf = None
        if len(matches) == 1 or (len(matches) > 1 and matches[0].score >= 2 * matches[1].score):
            place = matches[0].place
            if place.in_syria:
                self.conf = (place.id, (text, float(place.lat), float(place.lon)))
        self.context = self.gov is not None or self.conf is not None
        self.confidence = 0.0
        self.reasons: tuple[str, ...] = ("no gazetteer candidate",)
        if len(matches) == 1:
            self.confidence = confidence(self.scores[0], sum(self.scores) or 1.0)
            self.reasons = (self.base[0],)
        self.place1 = matches[0].place if len(matches) == 1 else None
        # other place id -> km from each candidate
        self.kms: dict[str, list[float]] = {}

    @classmethod
    def of(cls, gazetteer: Gazetteer, mention: Mention) -> Surface:
        """Return the surface of a mention's name (memoise it: this searches)."""
        matches = [] if mention.source == "anaphor" else candidates(gazetteer, mention)
        return cls(mention.text, matches)

    def place(self) -> Place | None:
        """Return the only candidate's place (None when there are none or several)."""
        return self.place1


NO_CANDIDATE = Surface("", [])


class Scored:
    """An ambiguous mention's weighed candidates, as claims change them.

    ``scores`` is replaced, never changed in place (it may be shared).
    """

    __slots__ = ("claims", "dists", "govs", "matches", "scores", "surf")

    def __init__(self, surf: Surface, weighed: Weighed) -> None:
        self.surf = surf
        self.matches = surf.matches
        self.scores, self.govs, self.dists, _ = weighed
        self.claims: list[tuple[str, list[float]]] = []

    def place(self) -> Place | None:
        """Return the best-scoring candidate's place."""
        scores = self.scores
        return self.matches[max(range(len(scores)), key=scores.__getitem__)].place


def reasons(
    surf: Surface,
    i: int,
    govs: list[str | None] | None,
    dists: list[float] | None,
    claims: list[tuple[str, list[float]]] | None,
) -> tuple[str, ...]:
    """Return why candidate ``i`` of a weighed name was chosen."""
    first = surf.base[i]
    admin = govs[i] if govs is not None else None
    near = None
    if dists is not None:
        d = dists[i]
        if d < 60:
            near = f"{d:.0f} km from other places of the document"
    if claims:
        out = [first]
        if admin is not None:
            out.append(admin)
        if near is not None:
            out.append(near)
        for text, fits in claims:
            out.append(f"claim '{text}' fit {fits[i]:.2f}")
        return tuple(out)
    if admin is None:
        return (first,) if near is None else (first, near)
    return (first, admin) if near is None else (first, admin, near)


def _near(
    surf: Surface, others: list[str], confident: dict[str, tuple[str, float, float]]
) -> list[float] | None:
    """Return each candidate's km to the nearest of ``others`` (ids of ``confident`` places).

    The nearness factor falls with the km (each float operation of it is
    monotonic), so the factor of the smallest km is the largest of the factors to
    each place: the caller works it out once, from that km.
    """
    if not others:
        return None
    cache = surf.kms
    if len(cache) > _MAX_DIST_CACHE:
        cache.clear()
    kms = list(map(cache.get, others))
    if None in kms:
        for pid in others:
            if pid not in cache:
                b = point(confident[pid][1], confident[pid][2])
                cache[pid] = [km(a, b) for a in surf.points]
        kms = list(map(cache.get, others))
    return kms[0] if len(kms) == 1 else list(map(min, *kms))


def weigh(
    multi: list[tuple[int, Mention, Surface]],
    doc_govs: dict[str, int],
    by_sentence: dict[int, set[str]],
    confident: dict[str, tuple[str, float, float]],
) -> list[Weighed]:
    """Weigh the candidates of ambiguous names by governorates and nearby places.

    A candidate in a governorate the mention's sentence names scores 3x (4x when
    the document names it more), one in another governorate 0.7x; with no
    governorate in the sentence, one the document names scores 1.4-1.6x. Then
    each candidate scores up to 1.6x by nearness to the document's other
    confident places.

    Two mentions of a name whose sentences name the same of its candidates'
    governorates (or none) weigh alike: they share one (identical) result.
    """
    out: list[Weighed] = []
    done: dict[object, Weighed] = {}
    near: dict[str, list[float] | None] = {}
    doc_factor: dict[str | None, float] | None = None  # made when first needed
    doc_why: dict[str | None, str] = {}
    sentence_tables: dict[int, tuple[dict[str | None, float], dict[str, str]]] = {}
    conf_ids = list(confident)
    conf_names = {place[0] for place in confident.values()}
    for _, mention, surf in multi:
        govset = surf.govset
        sentence_govs = by_sentence.get(mention.sentence_start) if govset and doc_govs else None
        # what of the sentence matters: which candidates' governorates it names
        key = (surf, govset & sentence_govs) if sentence_govs else surf
        weighed = done.get(key)
        if weighed is not None:
            out.append(weighed)
            continue
        scores = surf.scores
        govs = None
        if sentence_govs:
            at = mention.sentence_start
            table = sentence_tables.get(at)
            if table is None:
                factor: dict[str | None, float] = {None: 1.0}
                why = {}
                for gov in sentence_govs:
                    factor[gov] = 3.0 if doc_govs[gov] < 2 else 4.0
                    why[gov] = _IN_SENTENCE[gov]
                table = sentence_tables[at] = (factor, why)
            factor, why = table
            scores = list(map(mul, scores, map(factor.get, surf.govs, _SEVENTHS)))
            if not govset.isdisjoint(sentence_govs):
                govs = list(map(why.get, surf.govs))
        elif govset and doc_govs and not govset.isdisjoint(doc_govs):
            if doc_factor is None:  # every count is 1 to 3
                doc_factor = {gov: _DOC_FACTOR[count] for gov, count in doc_govs.items()}
                doc_why = {gov: _IN_DOCUMENT[gov] for gov in doc_govs}
            scores = list(map(mul, scores, map(doc_factor.get, surf.govs, _ONES)))
            govs = list(map(doc_why.get, surf.govs))
        rows = None
        if confident:
            text = mention.text
            if text in near:
                found = near[text]
            else:
                if text in conf_names:  # not near itself
                    others = [pid for pid, place in confident.items() if place[0] != text]
                else:
                    others = conf_ids
                found = near[text] = _near(surf, others, confident)
            if found is not None:
                scores = [
                    x * (1.0 + 0.6 / (1.0 + d / 30.0)) for x, d in zip(scores, found, strict=False)
                ]
                rows = found
        weighed = done[key] = (scores, govs, rows, None)
        out.append(weighed)
    return out
