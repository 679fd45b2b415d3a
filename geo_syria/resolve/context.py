"""A document's context applied to ambiguous names: governorates named, nearby places.

Each ambiguous name's candidates (:class:`~geo_syria.resolve.candidates.Surface`) are
weighed by the governorates the document and the mention's sentence name, then by
nearness to the document's confident places (:func:`weigh`).
"""

from __future__ import annotations

from operator import mul
from typing import TYPE_CHECKING, NamedTuple

from geo_syria.admin import GOVERNORATES
from geo_syria.geo import haversine_km

if TYPE_CHECKING:
    from geo_syria.place import Place
    from geo_syria.recognize import Mention
    from geo_syria.resolve.candidates import Surface

__all__ = ["Scored", "Weighed", "reasons", "weigh"]

_MAX_CANDIDATES = 8
#: Most other places whose distances one surface name remembers.
_MAX_DIST_CACHE = 512
_IN_SENTENCE = {g.name: f"admin context: {g.name} named in the sentence" for g in GOVERNORATES}
_IN_DOCUMENT = {g.name: f"admin context: {g.name} named in the document" for g in GOVERNORATES}
# defaults for dict.get mapped over a name's candidates
_SEVENTHS = (0.7,) * _MAX_CANDIDATES
#: a governorate's factor by how often the document names it (a cue counts twice)
_DOC_FACTOR = {count: 1.3 + 0.1 * count for count in (1, 2, 3)}
_ONES = (1.0,) * _MAX_CANDIDATES


class Weighed(NamedTuple):
    """An ambiguous name's candidates as weighed, in the order of its matches."""

    scores: list[float]  #: each candidate's score
    admin: list[str | None] | None  #: each candidate's admin-context reason, if any
    near_km: list[float] | None  #: each candidate's km to the nearest confident place
    claims: list[tuple[str, list[float]]] | None  #: claims: text and each candidate's fit


class Scored:
    """An ambiguous mention's weighed candidates, as claims change them.

    ``scores`` is replaced, never changed in place (it may be shared).
    """

    __slots__ = ("claims", "dists", "govs", "matches", "scores", "surf")

    def __init__(self, surf: Surface, weighed: Weighed) -> None:
        self.surf = surf
        self.matches = surf.matches
        self.scores, self.govs, self.dists = weighed.scores, weighed.admin, weighed.near_km
        self.claims: list[tuple[str, list[float]]] = []

    def weighed(self) -> Weighed:
        """Return the candidates as weighed now, claims included."""
        return Weighed(self.scores, self.govs, self.dists, self.claims)

    def place(self) -> Place | None:
        """Return the best-scoring candidate's place."""
        scores = self.scores
        return self.matches[max(range(len(scores)), key=scores.__getitem__)].place


def reasons(surf: Surface, i: int, weighed: Weighed) -> tuple[str, ...]:
    """Return why candidate ``i`` of a weighed name was chosen."""
    out = [surf.base[i]]
    if weighed.admin is not None and weighed.admin[i] is not None:
        out.append(weighed.admin[i])
    if weighed.near_km is not None and weighed.near_km[i] < 60:
        out.append(f"{weighed.near_km[i]:.0f} km from other places of the document")
    for text, fits in weighed.claims or ():
        out.append(f"claim '{text}' fit {fits[i]:.2f}")
    return tuple(out)


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
                _, lat, lon = confident[pid]
                cache[pid] = [
                    haversine_km(lat, lon, m.place.lat, m.place.lon) for m in surf.matches
                ]
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
        weighed = done[key] = Weighed(scores, govs, rows, None)
        out.append(weighed)
    return out
