"""In-memory name and spatial indexes over place records.

The indexes live here; how candidates are ranked is in
:mod:`~geo_syria.gazetteer.scoring`, how sure an answer is in
:mod:`~geo_syria.gazetteer.confidence`, fuzzy likeness in
:mod:`~geo_syria.gazetteer.fuzzy`, search options in
:mod:`~geo_syria.gazetteer.search` and distances in
:mod:`~geo_syria.gazetteer.spatial`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from geo_syria.checks import check_latlon, check_positive
from geo_syria.exc import PlaceNotFoundError
from geo_syria.gazetteer import fuzzy as _fuzzy
from geo_syria.gazetteer.confidence import rate
from geo_syria.gazetteer.scoring import (
    FUZZY_SCALE,
    HOW_SCORE,
    TYPE_PRIOR,
    Match,
    name_counts,
    place_prior,
)
from geo_syria.gazetteer.search import apply_biases, check_search_options
from geo_syria.gazetteer.spatial import EARTH_RADIUS_KM, bbox_mask, haversine_km
from geo_syria.gazetteer.tables import LazyPlaces, NameTables, build_tables
from geo_syria.names import normalize, variant_key

if TYPE_CHECKING:
    import numpy as np

    from geo_syria.place import Place

__all__ = [
    "EARTH_RADIUS_KM",
    "TYPE_PRIOR",
    "Gazetteer",
    "Match",
    "haversine_km",
    "place_prior",
]

logger = logging.getLogger(__name__)

#: Lowest spelling ratio of a fuzzy candidate when the caller gives no ``min_score``.
FUZZY_MIN_SCORE = 0.75
#: Most fuzzy look-ups remembered per gazetteer (a corpus repeats its unknown names).
_FUZZY_MEMO_SIZE = 4096


class Gazetteer:
    """Name and spatial indexes over a collection of places.

    Parameters
    ----------
    places : iterable of Place
        The records. Ids must be unique.
    name : str, keyword-only
        A label for logs and reports (``"default"``, a store's path).
    keys : sequence, keyword-only, optional
        For each place, the ``(normalize(name), variant_key(name))`` of each of its names,
        in order, when already known (a store holds them); worked out when not given.
    tables : NameTables, keyword-only, optional
        The name tables, when already built (a store holds them); ``keys`` is then unused.
    content_hash : str, keyword-only, optional
        A digest of the places' records (a store's): what is built from the gazetteer
        (the recognizer's tables) is cached under it; None when unknown (not cached).

    Examples
    --------
    >>> from geo_syria.place import Place
    >>> gaz = Gazetteer([Place(id="curated:jobar", name="Jobar", variants=("Joubar",),
    ...                        lat=33.5239, lon=36.3364, feature_type="neighbourhood")])
    >>> [p.id for p in gaz.lookup("Jowbar")]
    ['curated:jobar']
    >>> gaz.search("Jobaz")  # another consonant: not a spelling of Jobar
    []
    """

    def __init__(
        self,
        places: Iterable[Place],
        *,
        name: str = "custom",
        keys: Sequence[Sequence[tuple[str, str]]] | None = None,
        tables: NameTables | None = None,
        content_hash: str | None = None,
    ) -> None:
        self.name = name
        #: A digest of the places' records (a store's), naming what is built from them.
        self.content_hash = content_hash
        lazy = isinstance(places, LazyPlaces)
        self._places: Sequence[Place] = places if lazy else tuple(places)
        self._by_id: dict[str, int] = {}
        for i, place_id in enumerate(places.ids if lazy else (p.id for p in self._places)):
            if place_id in self._by_id:
                raise ValueError(f"places: id {place_id!r} occurs twice; ids must be unique")
            self._by_id[place_id] = i
        if tables is None:
            tables = build_tables(self._places, keys)
        self._exact = tables.exact
        self._variant = tables.variant
        self._names = tables.labels
        self._fuzzy_list = tables.fuzzy
        self._variant_keys: dict[str, _fuzzy.Bucket] | None = None
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
        """Every place, in the order given (a lazily loaded gazetteer builds them all)."""
        if not isinstance(self._places, tuple):
            self._places = tuple(self._places)
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
        # Only names written in Latin or Arabic script take part in fuzzy matching
        # (:func:`~geo_syria.gazetteer.tables.build_tables`).
        return self._fuzzy_list

    def _fuzzy_matches(self, name: str, *, min_score: float, limit: int) -> list[Match]:
        key = variant_key(name)
        if len(key) < 3:
            return []
        if self._variant_keys is None:
            self._variant_keys = _fuzzy.bucket_by_initial(self._fuzzy_keys())
        memo = self.__dict__.setdefault("_fuzzy_memo", {})
        memo_key = (key, min_score, limit)
        hits = memo.get(memo_key)
        if hits is None:
            hits = _fuzzy.extract(key, self._variant_keys, min_score=min_score, limit=limit)
            if len(memo) >= _FUZZY_MEMO_SIZE:
                memo.clear()
            memo[memo_key] = hits
        out = []
        for other, ratio in hits:
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
        min_score: float | None = None,
        limit: int = 10,
        min_confidence: float = 0.0,
        rated: bool = True,
    ) -> list[Match]:
        """Return candidates for a name, best first, with scores and optional biases.

        A search says "not found" (an empty list) rather than give a far-fetched
        answer: a place outside Syria is a candidate only on its exact name, and a
        fuzzy likeness only when its consonants agree with the name's
        (:func:`~geo_syria.gazetteer.fuzzy.spelling_agrees`), unless the caller
        gives ``min_score``. Every match carries
        its calibrated ``confidence`` (:mod:`~geo_syria.gazetteer.confidence`);
        ``OfflineGeocoder.geocode`` answers only at or above
        :data:`~geo_syria.gazetteer.confidence.MATCH_THRESHOLD` (0.55).

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
        min_score : float, optional
            Accept any fuzzy likeness whose spelling ratio (0..1) reaches this, whether
            or not its consonants agree: for a caller whose context vouches for the
            name (the reading pipeline gives 0.85 for a name after a place cue).
            By default a likeness needs a ratio of 0.75 and agreeing consonants.
        limit : int
            Most candidates returned.
        min_confidence : float
            Lowest calibrated confidence (0..1) returned; 0 keeps every candidate.
        rated : bool
            Work out each match's calibrated ``confidence``; the reading pipeline, which
            weighs candidates by their document's context instead, passes False (and
            ``confidence`` stays None).

        Returns
        -------
        list of Match
            Ranked by ``score``; empty when nothing fits.

        Raises
        ------
        InvalidOptionError
            For a bad ``near``, ``radius_km``, ``limit``, ``min_confidence`` or feature type.

        Examples
        --------
        >>> from geo_syria.place import Place
        >>> gaz = Gazetteer([Place(id="x:1", name="Debsi Afnan", lat=35.89, lon=38.71,
        ...                        feature_type="village")])
        >>> [(m.how, m.confidence) for m in gaz.search("Dibsi Afnan")]
        [('fuzzy', 0.8)]
        >>> gaz.search("Debsi Faraj")
        []
        >>> Gazetteer([]).search("Hama", limit=0)
        Traceback (most recent call last):
        ...
        geo_syria.exc.InvalidOptionError: limit=0 must be a finite number > 0
        """
        options = check_search_options(
            near=near,
            radius_km=radius_km,
            admin1=admin1,
            feature_types=feature_types,
            in_syria=in_syria,
            limit=limit,
            min_confidence=min_confidence,
        )
        matches = [m for m in self._key_matches(name) if name_counts(m)]
        if not matches and fuzzy:
            cutoff = FUZZY_MIN_SCORE if min_score is None else min_score
            found = self._fuzzy_matches(name, min_score=cutoff, limit=options.limit)
            matches = [
                m
                for m in found
                if m.place.in_syria
                and (min_score is not None or _fuzzy.spelling_agrees(name, m.matched_name))
            ]
        biased = apply_biases(matches, options)
        if not rated:
            return biased[: options.limit]
        found = rate(name, biased)
        return [m for m in found if m.confidence >= options.min_confidence][: options.limit]

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
        mask = bbox_mask(coords, min_lat, min_lon, max_lat, max_lon)
        return [self._places[int(i)] for i in mask.nonzero()[0]]
