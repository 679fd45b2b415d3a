"""In-memory name and spatial indexes over place records."""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from geo_syria.checks import check_latlon, check_option, check_positive
from geo_syria.exc import InvalidOptionError, PlaceNotFoundError
from geo_syria.names import normalize, variant_key

if TYPE_CHECKING:
    import numpy as np

    from geo_syria.place import Place

__all__ = ["Gazetteer", "Match", "haversine_km"]

logger = logging.getLogger(__name__)

EARTH_RADIUS_KM = 6371.0088
#: How much a feature type is worth when several places share a name.
TYPE_PRIOR = {
    "country": 1.0,
    "governorate": 0.9,
    "city": 0.85,
    "region": 0.8,
    "district": 0.6,
    "town": 0.6,
    "subdistrict": 0.45,
    "neighbourhood": 0.5,
    "village": 0.4,
    "camp": 0.4,
    "landmark": 0.45,
    "road": 0.2,
    "water": 0.3,
    "mountain": 0.3,
    "military": 0.35,
    "crossing": 0.35,
}
#: Name score of a key match: the exact key, or only the folded variant key.
#: Most fuzzy look-ups remembered per gazetteer (a corpus repeats its unknown names).
_FUZZY_MEMO_SIZE = 4096
HOW_SCORE = {"exact": 1.0, "variant": 0.8}
#: Fuzzy name scores are scaled by this, so a fuzzy match never ties a key match.
FUZZY_SCALE = 0.75
#: Lowest population-like salience of a hand-curated place: it is in the curated
#: file because news reporting names it, whatever its population.
CURATED_SALIENCE = 0.75
#: Score factors for a place inside / outside the governorate asked for with ``admin1``.
ADMIN_BIAS, ADMIN_PENALTY = 1.5, 0.3


def haversine_km(lat1: float, lon1: float, lat2, lon2):
    """Return great-circle distances in km from one point to one or many points.

    Examples
    --------
    >>> round(haversine_km(33.5102, 36.2913, 35.1318, 36.7578))
    185
    """
    import numpy as np

    p1, p2 = np.radians(lat1), np.radians(lat2)
    dphi = p2 - p1
    dlmb = np.radians(np.asarray(lon2) - lon1)
    a = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(a, 1.0)))


@dataclass(frozen=True, slots=True)
class Match:
    """A gazetteer candidate for a name, with how it matched and its score.

    Parameters
    ----------
    place : Place
        The candidate.
    score : float
        0..1; the name match times the place's prior and any bias.
    matched_name : str
        The place's name or variant that matched.
    how : str
        ``"exact"``, ``"variant"`` or ``"fuzzy"``.
    name_score : float
        The name match alone, 0..1.
    distance_km : float or None
        Distance to the bias point, when one was given.
    """

    place: Place
    score: float
    matched_name: str
    how: str
    name_score: float
    distance_km: float | None = None


def _fuzzy_script(label: str) -> bool:
    """Return whether every letter of a label is Latin or Arabic script."""
    import unicodedata

    for ch in label:
        if ch.isalpha() and not ch.isascii():
            name = unicodedata.name(ch, "")
            if not name.startswith(("LATIN", "ARABIC")):
                return False
    return True


def place_prior(place: Place) -> float:
    """Return a 0..1 prior of a place being the one meant, from its type and population.

    Examples
    --------
    >>> from geo_syria.place import Place
    >>> big = Place(id="x:1", name="A", lat=35, lon=36, feature_type="city", population=900000)
    >>> small = Place(id="x:2", name="A", lat=35, lon=36, feature_type="village")
    >>> place_prior(big) > place_prior(small)
    True
    >>> place_prior(small.evolve(id="curated:a")) > place_prior(small)
    True
    """
    type_part = TYPE_PRIOR.get(place.feature_type, 0.3)
    pop_part = min(math.log10((place.population or 0) + 1) / 7.0, 1.0)
    if place.id.startswith("curated:"):
        pop_part = max(pop_part, CURATED_SALIENCE)
    syria_part = 1.0 if place.in_syria else 0.6
    return (0.55 * type_part + 0.45 * pop_part) * syria_part


def _initial(key: str) -> str:
    # Spellings of one name agree on their first consonant (q/k/g and kh/h are already
    # folded); a leading vowel varies (Idlib/Edleb), so all vowels share one bucket.
    return "a" if key[:1] in "aeiouy" else key[:1]


def _bucket_by_initial(keys: Iterable[str]) -> dict[str, list[str]]:
    buckets: dict[str, list[str]] = {}
    for key in keys:
        buckets.setdefault(_initial(key), []).append(key)
    return buckets


class Gazetteer:
    """Name and spatial indexes over a collection of places.

    Parameters
    ----------
    places : iterable of Place
        The records. Ids must be unique.
    name : str, keyword-only
        A label for logs and reports (``"default"``, a store's path).

    Examples
    --------
    >>> from geo_syria.place import Place
    >>> gaz = Gazetteer([Place(id="curated:jobar", name="Jobar", variants=("Joubar",),
    ...                        lat=33.5239, lon=36.3364, feature_type="neighbourhood")])
    >>> [p.id for p in gaz.lookup("Jowbar")]
    ['curated:jobar']
    >>> gaz.search("Jobaz")[0].how
    'fuzzy'
    """

    def __init__(self, places: Iterable[Place], *, name: str = "custom") -> None:
        self.name = name
        self._places: tuple[Place, ...] = tuple(places)
        self._by_id: dict[str, int] = {}
        for i, place in enumerate(self._places):
            if place.id in self._by_id:
                raise ValueError(f"places: id {place.id!r} occurs twice; ids must be unique")
            self._by_id[place.id] = i
        self._exact: dict[str, list[int]] = {}
        self._variant: dict[str, list[int]] = {}
        self._names: dict[tuple[int, str], str] = {}
        for i, place in enumerate(self._places):
            for label in place.names:
                for table, key in (
                    (self._exact, normalize(label)),
                    (self._variant, variant_key(label)),
                ):
                    if key:
                        bucket = table.setdefault(key, [])
                        if not bucket or bucket[-1] != i:
                            bucket.append(i)
                self._names.setdefault((i, variant_key(label)), label)
        self._variant_keys: dict[str, list[str]] | None = None
        self._coords: np.ndarray | None = None
        logger.debug(
            "gazetteer %r: %d places, %d keys", name, len(self._places), len(self._variant)
        )

    # -- container protocol -------------------------------------------------
    def __len__(self) -> int:
        return len(self._places)

    def __iter__(self) -> Iterator[Place]:
        return iter(self._places)

    def __contains__(self, place_id: object) -> bool:
        return place_id in self._by_id

    def __repr__(self) -> str:
        return f"Gazetteer(name={self.name!r}, places={len(self._places)})"

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["_coords"] = None
        state["_variant_keys"] = None
        state.pop("_fuzzy_memo", None)
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)

    @property
    def places(self) -> tuple[Place, ...]:
        """Every place, in the order given."""
        return self._places

    def get(self, place_id: str) -> Place:
        """Return the place with this id.

        Raises
        ------
        PlaceNotFoundError
            If there is none.

        Examples
        --------
        >>> Gazetteer([]).get("curated:nowhere")
        Traceback (most recent call last):
        ...
        geo_syria.exc.PlaceNotFoundError: place_id='curated:nowhere' is not in gazetteer 'custom'
        """
        try:
            return self._places[self._by_id[place_id]]
        except KeyError:
            raise PlaceNotFoundError(
                f"place_id={place_id!r} is not in gazetteer {self.name!r}"
            ) from None

    def names(self) -> Iterator[tuple[str, Place]]:
        """Yield ``(name, place)`` for every name and variant of every place."""
        for place in self._places:
            for label in place.names:
                yield label, place

    # -- name look-ups ------------------------------------------------------
    def lookup(self, name: str) -> list[Place]:
        """Return the places that have this name, by exact or variant key, best first.

        This is the O(1) path: two dictionary look-ups, no fuzzy matching.

        Examples
        --------
        >>> Gazetteer([]).lookup("Jobar")
        []
        """
        return [m.place for m in self._key_matches(name)]

    def _key_matches(self, name: str) -> list[Match]:
        seen: dict[int, Match] = {}
        for how, table, key in (
            ("exact", self._exact, normalize(name)),
            ("variant", self._variant, variant_key(name)),
        ):
            for i in table.get(key, ()):
                if i not in seen:
                    place = self._places[i]
                    label = self._names.get((i, variant_key(name)), place.name)
                    s = HOW_SCORE[how]
                    seen[i] = Match(place, s * place_prior(place), label, how, s)
        return sorted(seen.values(), key=lambda m: -m.score)

    def _fuzzy_keys(self) -> list[str]:
        # Only names written in Latin or Arabic script take part in fuzzy matching:
        # ASCII transliterations of Hebrew, Cyrillic or Chinese alternate names are
        # kept for exact look-ups but are noise to a spelling-distance search.
        keys = {
            variant_key(label)
            for place in self._places
            for label in place.names
            if _fuzzy_script(label)
        }
        return sorted(k for k in keys if k)

    def _fuzzy_matches(self, name: str, *, min_score: float, limit: int) -> list[Match]:
        from rapidfuzz import fuzz, process

        key = variant_key(name)
        if len(key) < 3:
            return []
        if self._variant_keys is None:
            self._variant_keys = _bucket_by_initial(self._fuzzy_keys())
        memo = self.__dict__.setdefault("_fuzzy_memo", {})
        memo_key = (key, min_score, limit)
        hits = memo.get(memo_key)
        if hits is None:
            hits = process.extract(
                key,
                self._variant_keys.get(_initial(key), ()),
                scorer=fuzz.ratio,
                score_cutoff=min_score * 100,
                limit=limit * 4,
            )
            if len(memo) >= _FUZZY_MEMO_SIZE:
                memo.clear()
            memo[memo_key] = hits
        out = []
        for other, ratio, _ in hits:
            # The name score is scaled below any key match; the ranking score weighs
            # closeness of spelling (4th power) above the place's prior, so a close
            # misspelling of a village beats a loose likeness to a capital.
            r = ratio / 100.0
            s = FUZZY_SCALE * r
            for i in self._variant[other]:
                place = self._places[i]
                label = self._names.get((i, other), place.name)
                out.append(Match(place, s * r**3 * place_prior(place), label, "fuzzy", s))
        return out

    def search(
        self,
        name: str,
        *,
        near: tuple[float, float] | Place | None = None,
        radius_km: float | None = None,
        admin1: str | None = None,
        feature_types: Sequence[str] | None = None,
        in_syria: bool | None = None,
        fuzzy: bool = True,
        min_score: float = 0.75,
        limit: int = 10,
    ) -> list[Match]:
        """Return candidates for a name, best first, with scores and optional biases.

        Parameters
        ----------
        name : str
            The name as written.
        near : (lat, lon) or Place, optional
            Prefer places close to this point; with ``radius_km``, keep only those within it.
        radius_km : float, optional
            Radius around ``near``; requires ``near``.
        admin1 : str, optional
            Prefer places in this governorate (name or P-code, any spelling).
        feature_types : sequence of str, optional
            Keep only these feature types.
        in_syria : bool, optional
            Keep only places inside (True) or outside (False) Syria.
        fuzzy : bool
            Fall back to fuzzy matching when no exact or variant key matches.
        min_score : float
            Lowest fuzzy name score (0..1) kept.
        limit : int
            Most candidates returned.

        Returns
        -------
        list of Match

        Raises
        ------
        InvalidOptionError
            For a bad ``near``, ``radius_km``, ``limit`` or feature type.

        Examples
        --------
        >>> Gazetteer([]).search("Hama", limit=0)
        Traceback (most recent call last):
        ...
        geo_syria.exc.InvalidOptionError: limit=0 must be a finite number > 0
        """
        from geo_syria.place import FEATURE_TYPES

        limit = int(check_positive("limit", limit))
        for ft in feature_types or ():
            check_option("feature_types", ft, FEATURE_TYPES)
        point = None
        if near is not None:
            point = (
                (near.lat, near.lon) if hasattr(near, "lat") else check_latlon(*near, name="near")
            )
        if radius_km is not None:
            check_positive("radius_km", radius_km)
            if point is None:
                raise InvalidOptionError(
                    f"radius_km={radius_km!r} needs a centre: give near=(lat, lon) or "
                    "near=<Place> as well"
                )
        matches = self._key_matches(name)
        if not matches and fuzzy:
            matches = self._fuzzy_matches(name, min_score=min_score, limit=limit)
        best: dict[str, Match] = {}
        admin_key = variant_key(admin1) if admin1 else None
        for m in matches:
            p = m.place
            if feature_types and p.feature_type not in feature_types:
                continue
            if in_syria is not None and p.in_syria != in_syria:
                continue
            score, dist = m.score, None
            if admin_key is not None:
                in_admin = admin_key in {
                    variant_key(p.admin1 or ""),
                    variant_key(p.admin1_pcode or ""),
                } or admin_key == variant_key(p.name)
                score *= ADMIN_BIAS if in_admin else ADMIN_PENALTY
            if point is not None:
                dist = float(haversine_km(point[0], point[1], p.lat, p.lon))
                if radius_km is not None and dist > radius_km:
                    continue
                score *= 1.0 / (1.0 + dist / 50.0)
            score = min(score, 1.0)
            if p.id not in best or best[p.id].score < score:
                best[p.id] = Match(p, score, m.matched_name, m.how, m.name_score, dist)
        return sorted(best.values(), key=lambda m: -m.score)[:limit]

    # -- spatial look-ups ---------------------------------------------------
    def _coord_array(self) -> np.ndarray:
        import numpy as np

        if self._coords is None:
            self._coords = np.array([(p.lat, p.lon) for p in self._places], dtype=float).reshape(
                -1, 2
            )
        return self._coords

    def nearest(
        self,
        lat: float,
        lon: float,
        *,
        limit: int = 5,
        feature_types: Sequence[str] | None = None,
        max_km: float | None = None,
    ) -> list[tuple[Place, float]]:
        """Return the places nearest a point as ``(place, distance_km)``, nearest first.

        Examples
        --------
        >>> Gazetteer([]).nearest(33.5, 36.3)
        []
        """
        import numpy as np

        lat, lon = check_latlon(lat, lon)
        limit = int(check_positive("limit", limit))
        if not self._places:
            return []
        coords = self._coord_array()
        dist = haversine_km(lat, lon, coords[:, 0], coords[:, 1])
        out = []
        for i in np.argsort(dist):
            place = self._places[int(i)]
            if max_km is not None and dist[i] > max_km:
                break
            if feature_types and place.feature_type not in feature_types:
                continue
            out.append((place, float(dist[i])))
            if len(out) >= limit:
                break
        return out

    def within_bbox(
        self, min_lat: float, min_lon: float, max_lat: float, max_lon: float
    ) -> list[Place]:
        """Return the places whose point lies in a bounding box.

        Examples
        --------
        >>> Gazetteer([]).within_bbox(32, 35, 37, 42)
        []
        """
        if not self._places:
            return []
        coords = self._coord_array()
        mask = (
            (coords[:, 0] >= min_lat)
            & (coords[:, 0] <= max_lat)
            & (coords[:, 1] >= min_lon)
            & (coords[:, 1] <= max_lon)
        )
        return [self._places[int(i)] for i in mask.nonzero()[0]]
