"""A geopy-compatible geocoder over the local gazetteer: no server, no network."""

from __future__ import annotations

import logging
import re
import warnings
from typing import TYPE_CHECKING, Any

from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from geo_syria.checks import check_latlon, check_positive
from geo_syria.exc import InvalidOptionError
from geo_syria.gazetteer.confidence import MATCH_THRESHOLD, rate_pairs
from geo_syria.gazetteer.search import check_confidence

if TYPE_CHECKING:
    from geo_syria.gazetteer.index import Gazetteer, Match
    from geo_syria.place import Place

__all__ = ["MATCH_THRESHOLD", "OfflineGeocoder", "query_forms"]

logger = logging.getLogger(__name__)

#: Words that say what kind of place a name is, written after it ("Qadsiya suburb").
#: Words for a facility at a place (airbase, prison, checkpoint) are not among them:
#: the facility may lie kilometres from the place it is named after.
TYPE_WORDS = frozenset(
    {
        "area",
        "camp",
        "castle",
        "district",
        "farm",
        "farms",
        "hill",
        "hills",
        "mountain",
        "neighborhood",
        "neighbourhood",
        "suburb",
        "town",
        "village",
    }
)
_ALTERNATIVES = re.compile(r"[/()]")


def query_forms(query: str) -> list[str]:
    """Return the other forms of a query to try when the query itself matches nothing.

    Alternatives written with a slash or in parentheses ("Abu Rasin/Zarkan",
    "Qurt Qulaq (Kurtkulak)") are tried one by one, each without a trailing
    type word ("Qadsiya suburb" → "Qadsiya").

    Parameters
    ----------
    query : str
        The name as asked.

    Returns
    -------
    list of str
        Empty when the query has no other form.

    Examples
    --------
    >>> query_forms("Abu Rasin/Zarkan"), query_forms("Qadsiya suburb"), query_forms("Hama")
    (['Abu Rasin', 'Zarkan'], ['Qadsiya'], [])
    """
    forms = []
    for part in _ALTERNATIVES.split(query):
        words = part.split()
        while len(words) > 1 and words[-1].lower() in TYPE_WORDS:
            words.pop()
        form = " ".join(words)
        if form and form != query.strip() and form not in forms:
            forms.append(form)
    return forms


def _location(place: Place, *, score: float | None = None, **extra: Any) -> Location:
    raw = place.to_dict()
    if score is not None:
        raw["score"] = round(score, 4)
    raw.update(extra)
    label = ", ".join(
        dict.fromkeys(
            p for p in (place.name, place.admin1, "Syria" if place.in_syria else place.country) if p
        )
    )
    return Location(label, Point(place.lat, place.lon), raw)


class OfflineGeocoder(Geocoder):
    """Geocode place names against a local :class:`~geo_syria.gazetteer.Gazetteer`.

    It plugs in wherever geopy geocoders are used (``geopy.extra.rate_limiter``,
    ``geopandas.tools.geocode(..., provider=OfflineGeocoder())``) and never opens a
    connection.

    Parameters
    ----------
    gazetteer : Gazetteer, optional
        Defaults to :func:`~geo_syria.gazetteer.load_default_gazetteer`.
    admin1 : str, optional
        Prefer places in this governorate (name in any spelling, or P-code).
    near : (lat, lon), str or Place, optional
        Prefer places near this point, or near the best match of this name.
    radius_km : float, optional
        With ``near``, keep only places within this radius.

    Examples
    --------
    >>> geocoder = OfflineGeocoder()
    >>> loc = geocoder.geocode("Dayr az Zawr")
    >>> loc.raw["id"], round(loc.latitude, 1)
    ('curated:deir-ez-zor', 35.3)
    >>> [loc.raw["name"] for loc in geocoder.reverse((33.5102, 36.2913), exactly_one=False)][:1]
    ['Damascus']
    """

    def __init__(
        self,
        gazetteer: Gazetteer | None = None,
        *,
        admin1: str | None = None,
        near: tuple[float, float] | str | Place | None = None,
        radius_km: float | None = None,
    ) -> None:
        super().__init__(user_agent="geo_syria-offline")
        if gazetteer is None:
            from geo_syria.gazetteer import load_default_gazetteer

            gazetteer = load_default_gazetteer()
        self.gazetteer = gazetteer
        self.admin1 = admin1
        self.near = near
        self.radius_km = radius_km

    def _resolve_near(self, near):
        if near is None or isinstance(near, tuple) or hasattr(near, "lat"):
            return near
        if isinstance(near, str):
            hits = self.gazetteer.search(near, limit=1)
            if not hits:
                from geo_syria.exc import PlaceNotFoundError

                raise PlaceNotFoundError(
                    f"near={near!r} matches no place in gazetteer {self.gazetteer.name!r}"
                )
            return hits[0].place
        raise InvalidOptionError(
            f"near={near!r} is not allowed; give (lat, lon), a place name or a Place"
        )

    def candidates(
        self,
        query: str,
        *,
        limit: int = 10,
        admin1: str | None = None,
        near: tuple[float, float] | str | Place | None = None,
        radius_km: float | None = None,
        fuzzy: bool = True,
        min_confidence: float = 0.0,
    ) -> list[Match]:
        """Return the gazetteer matches for ``query``, best first (see ``Gazetteer.search``).

        Every candidate with some name evidence is listed, namesakes included,
        each with its calibrated ``confidence``; ``min_confidence`` drops the
        less likely ones.

        Examples
        --------
        >>> [m.place.admin1 for m in OfflineGeocoder().candidates("Suran", admin1="Hama")][:1]
        ['Hama']
        """
        if not isinstance(query, str) or not query.strip():
            raise InvalidOptionError(f"query={query!r} must be a non-empty place name")
        return self.gazetteer.search(
            query,
            limit=limit,
            admin1=admin1 if admin1 is not None else self.admin1,
            near=self._resolve_near(near if near is not None else self.near),
            radius_km=radius_km if radius_km is not None else self.radius_km,
            fuzzy=fuzzy,
            min_confidence=min_confidence,
        )

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        limit: int | None = None,
        admin1: str | None = None,
        near: tuple[float, float] | str | Place | None = None,
        radius_km: float | None = None,
        fuzzy: bool = True,
        min_confidence: float = MATCH_THRESHOLD,
        timeout: object = None,
    ) -> Location | list[Location] | None:
        """Return the place meant by a name, or None when no place fits well enough.

        A query that matches nothing is tried in its other forms
        (:func:`query_forms`: "A/B", "A (B)", "A suburb"). A candidate is an
        answer only when its calibrated confidence is at least
        ``min_confidence`` (default :data:`MATCH_THRESHOLD`, 0.55; see
        :mod:`geo_syria.gazetteer.confidence`): its name must be the name asked
        for, or a spelling of it that differs only in vowels, and it must stand
        out from any namesake more than 25 km away. A place outside Syria is
        answered only on its exact name ("Beirut"), never on a likeness
        ("Maarzita" is not Madrid). Below the threshold the answer is None, as
        geopy geocoders answer when nothing is found. On 300 real UCDP spellings
        (``../shared/corpus/ucdp_names_dev.tsv``) at most 5% of names get an
        answer more than 25 km off.

        Parameters
        ----------
        query : str
            The place name, any spelling.
        exactly_one : bool
            Return one :class:`geopy.location.Location` (or None) rather than a list.
        limit : int, optional
            Most answers when ``exactly_one`` is False (default 10).
        admin1, near, radius_km : optional
            Biases; see the class parameters. They make a namesake stand out.
        fuzzy : bool
            Allow the fuzzy fallback.
        min_confidence : float
            Lowest confidence of an answer, 0..1; 0 answers with the best candidate
            whatever its confidence.
        timeout : object
            Accepted for geopy compatibility; unused (nothing goes over a network).

        Returns
        -------
        Location, list of Location, or None
            ``.raw`` is the place record plus ``score``, ``confidence`` and ``how``
            it matched. A list holds only the answers at or above ``min_confidence``,
            most confident first.

        Raises
        ------
        InvalidOptionError
            For an empty query or a bad option.

        Examples
        --------
        >>> OfflineGeocoder().geocode("Nowhere-on-earth-xyz") is None
        True
        >>> OfflineGeocoder().geocode("Bawabiyah") is None  # not Jakarta
        True
        >>> OfflineGeocoder().geocode("Beirut").raw["country"]
        'LB'
        """
        limit = 1 if exactly_one else int(check_positive("limit", 10 if limit is None else limit))
        options = {"admin1": admin1, "near": near, "radius_km": radius_km, "fuzzy": fuzzy}
        min_confidence = check_confidence("min_confidence", min_confidence)
        matches = self.candidates(query, limit=50, **options)
        if not any(m.confidence for m in matches):
            pairs = [(f, m) for f in query_forms(query) for m in self.candidates(f, **options)]
            matches = rate_pairs(pairs) or matches
        best: dict[str, Match] = {}
        for m in matches:
            if m.confidence >= min_confidence and (
                m.place.id not in best or best[m.place.id].confidence < m.confidence
            ):
                best[m.place.id] = m
        matches = sorted(best.values(), key=lambda m: (-m.confidence, -m.score))
        locations = [
            _location(
                m.place,
                score=m.score,
                confidence=m.confidence,
                how=m.how,
                matched_name=m.matched_name,
                distance_km=m.distance_km,
            )
            for m in matches[:limit]
        ]
        if exactly_one:
            return locations[0] if locations else None
        return locations

    def reverse(
        self,
        query: tuple[float, float] | str | Point,
        *,
        exactly_one: bool = True,
        limit: int = 5,
        max_km: float | None = None,
        feature_types: tuple[str, ...] | None = None,
        timeout: object = None,
    ) -> Location | list[Location] | None:
        """Return the nearest place(s) to a point.

        Parameters
        ----------
        query : (lat, lon), "lat, lon" or geopy Point
        exactly_one : bool
            Return the nearest only.
        limit : int
            Most places when ``exactly_one`` is False.
        max_km : float, optional
            Ignore places farther than this.
        feature_types : tuple of str, optional
            Only these feature types.
        timeout : object
            Accepted for geopy compatibility; unused.

        Returns
        -------
        Location, list of Location, or None
            ``.raw`` has ``distance_km``.

        Examples
        --------
        >>> OfflineGeocoder().reverse("95, 0")
        Traceback (most recent call last):
        ...
        geo_syria.exc.InvalidOptionError: query='95, 0' is not a valid point: ...
        """
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)  # geopy's pole-normalisation note
                point = Point(query)
            if isinstance(query, (tuple, list)):
                check_latlon(*query, name="query")
        except (ValueError, TypeError) as err:
            raise InvalidOptionError(
                f"query={query!r} is not a valid point: {err}; give (lat, lon) in degrees"
            ) from None
        nearest = self.gazetteer.nearest(
            point.latitude,
            point.longitude,
            limit=1 if exactly_one else limit,
            max_km=max_km,
            feature_types=feature_types,
        )
        locations = [_location(p, distance_km=round(d, 3)) for p, d in nearest]
        if exactly_one:
            return locations[0] if locations else None
        return locations
