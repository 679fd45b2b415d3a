"""The place record every gazetteer source is turned into."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from geo_syria.checks import check_latlon, check_option, check_positive
from geo_syria.exc import InvalidOptionError

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

__all__ = ["DEFAULT_PRECISION_M", "FEATURE_TYPES", "Place", "Provenance"]

#: Feature types a place may have, broadest first.
FEATURE_TYPES: tuple[str, ...] = (
    "country",
    "governorate",
    "district",
    "subdistrict",
    "region",
    "city",
    "town",
    "village",
    "neighbourhood",
    "camp",
    "landmark",
    "road",
    "water",
    "mountain",
    "military",
    "crossing",
)

#: Precision (metres) used when a source does not state one, by feature type.
DEFAULT_PRECISION_M: Mapping[str, float] = {
    "country": 400_000.0,
    "governorate": 60_000.0,
    "district": 30_000.0,
    "subdistrict": 12_000.0,
    "region": 15_000.0,
    "city": 5_000.0,
    "town": 2_000.0,
    "village": 1_000.0,
    "neighbourhood": 700.0,
    "camp": 1_000.0,
    "landmark": 300.0,
    "road": 2_000.0,
    "water": 5_000.0,
    "mountain": 3_000.0,
    "military": 1_000.0,
    "crossing": 500.0,
}


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a place record came from.

    Parameters
    ----------
    source_id : str
        The namespaced id in that source (``geonames:170654``, ``ocha:N0030``).
    dataset : str
        The dataset (``geonames-cities500``, ``ocha-cod-2016``, ``curated``, ...).
    licence : str
        Its licence (``CC BY 4.0``, ``ODbL 1.0``, ...).
    note : str
        Free text, e.g. the reference a curated row was checked against.
    """

    source_id: str
    dataset: str
    licence: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class Place:
    """A place in the gazetteer.

    Parameters
    ----------
    id : str
        Namespaced id: ``geonames:170654``, ``ocha:N0030``, ``osm:node/…``, ``curated:jobar``.
    name : str
        Preferred English name.
    lat, lon : float
        WGS84 position in degrees (a representative point for areas).
    feature_type : str
        One of :data:`FEATURE_TYPES`.
    variants : tuple of str
        Other names, Latin and Arabic script.
    country : str
        ISO 3166 alpha-2 code; ``"SY"`` for Syria.
    admin1, admin2, admin3 : str or None
        Governorate, district and sub-district names.
    admin1_pcode, admin2_pcode, admin3_pcode : str or None
        Their OCHA P-codes.
    population : int or None
        Population where the source gives one.
    precision_m : float
        Radius in metres within which the true position lies; a finite number > 0.
        NaN (the default) or None takes the feature type's value from
        :data:`DEFAULT_PRECISION_M`.
    extent : shapely geometry or None
        Polygon of an area (the Old City, a governorate), in lon/lat.
    provenance : tuple of Provenance
        Every source that contributed to this record.
    raw : mapping
        The source record(s) as read; not compared or hashed.

    Examples
    --------
    >>> p = Place(id="curated:x", name="X", lat=33.5, lon=36.3, feature_type="town")
    >>> p.precision_m, p.in_syria
    (2000.0, True)
    >>> Place(id="curated:x", name="X", lat=33.5, lon=36.3, feature_type="hamlet")
    Traceback (most recent call last):
    ...
    geo_syria.exc.InvalidOptionError: feature_type='hamlet' is not allowed; choose one of ...
    >>> Place(id="curated:x", name="X", lat=33.5, lon=36.3, feature_type="town", precision_m=0)
    Traceback (most recent call last):
    ...
    geo_syria.exc.InvalidOptionError: place 'curated:x': precision_m=0 must be a finite number > 0
    """

    id: str
    name: str
    lat: float
    lon: float
    feature_type: str
    variants: tuple[str, ...] = ()
    country: str = "SY"
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    admin1_pcode: str | None = None
    admin2_pcode: str | None = None
    admin3_pcode: str | None = None
    population: int | None = None
    precision_m: float = math.nan
    extent: BaseGeometry | None = field(default=None, compare=False)
    provenance: tuple[Provenance, ...] = ()
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def __post_init__(self) -> None:
        check_option("feature_type", self.feature_type, FEATURE_TYPES)
        lat, lon = check_latlon(self.lat, self.lon, name=f"place {self.id!r}")
        object.__setattr__(self, "lat", lat)
        object.__setattr__(self, "lon", lon)
        if not self.id or ":" not in self.id:
            raise ValueError(f"id={self.id!r} must be namespaced, like 'geonames:170654'")
        precision = self.precision_m
        if precision is None or precision != precision:  # None/NaN: the feature type's default
            precision = DEFAULT_PRECISION_M[self.feature_type]
        try:
            precision = check_positive("precision_m", precision)
        except InvalidOptionError as err:
            raise InvalidOptionError(f"place {self.id!r}: {err}") from None
        object.__setattr__(self, "precision_m", precision)
        if not isinstance(self.variants, tuple):
            object.__setattr__(self, "variants", tuple(self.variants))

    @property
    def in_syria(self) -> bool:
        """Whether the place lies in Syria."""
        return self.country == "SY"

    @property
    def names(self) -> tuple[str, ...]:
        """The preferred name followed by every variant, without repeats."""
        return tuple(dict.fromkeys((self.name, *self.variants)))

    @property
    def sources(self) -> tuple[str, ...]:
        """The source ids of every provenance, each once (``('geonames:170654', 'ocha:N0030')``).

        A curated row checked against a record and that record itself, merged in,
        name the same source id once.

        Examples
        --------
        >>> p = Place(id="curated:hama", name="Hama", lat=35.13, lon=36.76, feature_type="city",
        ...           provenance=(Provenance("geonames:170017", "curated"),
        ...                       Provenance("geonames:170017", "geonames-cities500")))
        >>> p.sources
        ('geonames:170017',)
        """
        return tuple(dict.fromkeys(p.source_id for p in self.provenance))

    def point(self):
        """Return the position as a shapely point (x=lon, y=lat)."""
        from geo_syria.geo import to_point

        return to_point(self.lat, self.lon)

    def evolve(self, **changes: Any) -> Place:
        """Return a copy with some fields changed.

        Examples
        --------
        >>> p = Place(id="curated:x", name="X", lat=33.5, lon=36.3, feature_type="town")
        >>> p.evolve(name="Y").name
        'Y'
        """
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict of the record (extent as WKT)."""
        return {
            "id": self.id,
            "name": self.name,
            "lat": self.lat,
            "lon": self.lon,
            "feature_type": self.feature_type,
            "variants": list(self.variants),
            "country": self.country,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "admin3": self.admin3,
            "admin1_pcode": self.admin1_pcode,
            "admin2_pcode": self.admin2_pcode,
            "admin3_pcode": self.admin3_pcode,
            "population": self.population,
            "precision_m": self.precision_m,
            "extent_wkt": self.extent.wkt if self.extent is not None else None,
            "provenance": [
                {
                    "source_id": p.source_id,
                    "dataset": p.dataset,
                    "licence": p.licence,
                    "note": p.note,
                }
                for p in self.provenance
            ],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, extent: BaseGeometry | None = None) -> Place:
        """Build a place from :meth:`to_dict` output.

        Parameters
        ----------
        data : mapping
            A :meth:`to_dict` record; a ``raw`` key, when present, becomes :attr:`raw`.
        extent : shapely geometry, optional, keyword-only
            An extent already parsed (the store keeps it as WKB); when not given it is
            read from ``data["extent_wkt"]``.

        Returns
        -------
        Place

        Raises
        ------
        InvalidOptionError
            For a bad feature type, position or precision.

        Examples
        --------
        >>> p = Place(id="curated:x", name="X", lat=33.5, lon=36.3, feature_type="town")
        >>> Place.from_dict(p.to_dict()) == p
        True
        >>> Place.from_dict({**p.to_dict(), "precision_m": 0})
        Traceback (most recent call last):
        ...
        geo_syria.exc.InvalidOptionError: place 'curated:x': precision_m=0 must be ... > 0
        """
        if extent is None and data.get("extent_wkt"):
            from shapely import wkt

            extent = wkt.loads(data["extent_wkt"])
        precision = data.get("precision_m")
        return cls(
            id=data["id"],
            name=data["name"],
            lat=data["lat"],
            lon=data["lon"],
            feature_type=data["feature_type"],
            variants=tuple(data.get("variants") or ()),
            country=data.get("country") or "SY",
            admin1=data.get("admin1"),
            admin2=data.get("admin2"),
            admin3=data.get("admin3"),
            admin1_pcode=data.get("admin1_pcode"),
            admin2_pcode=data.get("admin2_pcode"),
            admin3_pcode=data.get("admin3_pcode"),
            population=data.get("population"),
            precision_m=math.nan if precision is None else precision,
            extent=extent,
            provenance=tuple(Provenance(**p) for p in data.get("provenance") or ()),
            raw=data.get("raw") or {},
        )
