"""Geography helpers of the whole package: lat/lon and shapely, distances, projections, compass.

The one place where (lat, lon) meets shapely's (x=lon, y=lat), where great-circle and
geodesic distances are computed, where a local azimuthal-equidistant projection is built,
and where a bearing gets its 16-point compass name.

Examples
--------
>>> round(haversine_km(33.5102, 36.2913, 35.1318, 36.7578))
185
>>> km, azimuth = geodesic_inverse(35.1318, 36.7578, 35.2906, 36.7484)
>>> round(km, 1), compass_point(azimuth)
(17.6, 'N')
"""

from __future__ import annotations

import math
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pyproj import Transformer
    from shapely.geometry import Point

__all__ = [
    "COMPASS_POINTS",
    "EARTH_RADIUS_KM",
    "LocalProjection",
    "compass_point",
    "geodesic_inverse",
    "haversine_km",
    "local_projection",
    "to_point",
]

#: Mean earth radius (IUGG), km.
EARTH_RADIUS_KM = 6371.0088
#: The 16 compass points, clockwise from north, 22.5° apart.
COMPASS_POINTS = (
    "N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE",
    "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW",
)  # fmt: skip


def to_point(lat: float, lon: float) -> Point:
    """Return a shapely point for a latitude and longitude (x is lon, y is lat).

    Examples
    --------
    >>> to_point(33.5, 36.3).coords[0]
    (36.3, 33.5)
    """
    from shapely.geometry import Point

    return Point(lon, lat)


def haversine_km(lat1: float, lon1: float, lat2: Any, lon2: Any) -> Any:
    """Return great-circle distances in km from one point to one point or to arrays of points.

    Plain floats give a float (no numpy call: resolution asks for many single distances);
    arrays or lists give a numpy array.

    Examples
    --------
    >>> round(haversine_km(33.5102, 36.2913, 35.1318, 36.7578), 3)
    185.333
    >>> [round(float(d)) for d in haversine_km(33.5102, 36.2913, [35.1318, 36.2], [36.7578, 37.16])]
    [185, 309]
    """
    if isinstance(lat2, (int, float)) and isinstance(lon2, (int, float)):
        p1, p2 = math.radians(lat1), math.radians(lat2)
        s1 = math.sin((p2 - p1) / 2)
        s2 = math.sin(math.radians(lon2 - lon1) / 2)
        h = s1 * s1 + math.cos(p1) * math.cos(p2) * s2 * s2
        return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(h, 1.0)))
    import numpy as np

    p1, p2 = np.radians(lat1), np.radians(np.asarray(lat2, dtype=float))
    dlmb = np.radians(np.asarray(lon2, dtype=float) - lon1)
    h = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(h, 1.0)))


#: The WGS-84 ellipsoid in km: equatorial radius and flattening (geopy's ``ELLIPSOIDS``).
_WGS84_KM = (6378.137, 1 / 298.257223563)


@cache
def _wgs84() -> Any:
    """Return the WGS-84 ellipsoid in km as a geographiclib ``Geodesic`` (built once).

    geographiclib directly: ``geopy.distance`` would import every geopy geocoder and
    ``requests`` on the way (a quarter of a second of a one-sentence run).
    """
    from geographiclib.geodesic import Geodesic

    return Geodesic(*_WGS84_KM)


def geodesic_inverse(lat1: float, lon1: float, lat2: float, lon2: float) -> tuple[float, float]:
    """Return the geodesic ``(distance_km, initial_bearing_deg)`` from point 1 to point 2.

    The distance is what ``geopy.distance.geodesic((lat1, lon1), (lat2, lon2)).km`` gives;
    the bearing is in ``[0, 360)``, clockwise from north.

    Examples
    --------
    >>> km, azimuth = geodesic_inverse(33.5102, 36.2913, 35.1318, 36.7578)
    >>> round(km, 1), round(azimuth)
    (184.9, 13)
    """
    from geographiclib.geodesic import Geodesic

    line = _wgs84().Inverse(
        float(lat1), float(lon1), float(lat2), float(lon2), Geodesic.DISTANCE | Geodesic.AZIMUTH
    )
    return line["s12"], line["azi1"] % 360.0


def compass_point(bearing_deg: float) -> str:
    """Return the 16-point compass name of a bearing in degrees.

    Examples
    --------
    >>> compass_point(0), compass_point(356.4), compass_point(101.25), compass_point(-45)
    ('N', 'N', 'ESE', 'NW')
    """
    return COMPASS_POINTS[int((bearing_deg % 360) / 22.5 + 0.5) % 16]


#: The PROJ pipelines of an azimuthal-equidistant projection on WGS84, lon/lat degrees ↔ metres.
#: They are what ``Transformer.from_crs("EPSG:4326", aeqd, always_xy=True)`` builds (and its
#: inverse), written out so that no CRS is looked up in the PROJ database: 0.1 ms, not 10 ms.
_AEQD = "+proj=aeqd +lat_0={lat!r} +lon_0={lon!r} +x_0=0 +y_0=0 +ellps=WGS84"
_FORWARD = "+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad +step " + _AEQD
_INVERSE = "+proj=pipeline +step +inv " + _AEQD + " +step +proj=unitconvert +xy_in=rad +xy_out=deg"
#: PROJ's ``EPS10``: a point this close to the centre (radians; metres / equatorial radius)
#: is the centre.
_EPS10 = 1e-10


class LocalProjection:
    """One direction of an azimuthal-equidistant projection centred at ``(lat, lon)``.

    ``transform(x, y)`` maps lon/lat degrees to local metres (x east, y north), or back
    when ``inverse``, as a pyproj ``Transformer`` does. One point (two numbers) is one
    geodesic problem of geographiclib, the algorithm of PROJ's ellipsoidal ``aeqd``
    (Karney 2013), without importing pyproj (a tenth of a one-sentence run); arrays (a
    shape's vertices, :func:`shapely.transform`) go through PROJ, vectorised, built on
    first use. Both agree to well under a micrometre.
    """

    __slots__ = ("_proj", "inverse", "lat", "lon")

    def __init__(self, lat: float, lon: float, *, inverse: bool = False) -> None:
        self.lat, self.lon, self.inverse = lat, lon, inverse
        self._proj: Transformer | None = None

    def __repr__(self) -> str:
        way = "metres to lon/lat" if self.inverse else "lon/lat to metres"
        return f"LocalProjection({self.lat!r}, {self.lon!r}: {way})"

    def transform(self, x: Any, y: Any) -> tuple[Any, Any]:
        """Return the transformed ``(x, y)`` of one point (floats) or of arrays of points."""
        if isinstance(x, (int, float)) and isinstance(y, (int, float)):
            return self._inverse_one(x, y) if self.inverse else self._forward_one(x, y)
        if self._proj is None:
            from pyproj import Transformer

            pipeline = _INVERSE if self.inverse else _FORWARD
            self._proj = Transformer.from_pipeline(pipeline.format(lat=self.lat, lon=self.lon))
        return self._proj.transform(x, y)

    def _forward_one(self, lon: float, lat: float) -> tuple[float, float]:
        dlon, dlat = math.radians(lon - self.lon), math.radians(lat - self.lat)
        if abs(dlon) < _EPS10 and abs(dlat) < _EPS10:
            return 0.0, 0.0
        km, azimuth = geodesic_inverse(self.lat, self.lon, lat, lon)
        s12, azimuth = km * 1000.0, math.radians(azimuth)
        return s12 * math.sin(azimuth), s12 * math.cos(azimuth)

    def _inverse_one(self, x: float, y: float) -> tuple[float, float]:
        km = math.hypot(x, y) / 1000.0
        if km / _WGS84_KM[0] < _EPS10:
            return self.lon, self.lat
        from geographiclib.geodesic import Geodesic

        line = _wgs84().Direct(
            self.lat, self.lon, math.degrees(math.atan2(x, y)), km,
            Geodesic.LATITUDE | Geodesic.LONGITUDE,
        )  # fmt: skip
        return line["lon2"], line["lat2"]


def local_projection(lat: float, lon: float) -> tuple[LocalProjection, LocalProjection]:
    """Return ``(to_local, to_lonlat)``: an azimuthal-equidistant projection centred here.

    Both use lon/lat (x, y) order on the geographic side and metres on the local side.
    Distances from the centre and bearings at it are true in the local plane. Each has a
    ``transform(x, y)`` method for one point or arrays of points (:class:`LocalProjection`).

    Examples
    --------
    >>> to_local, to_lonlat = local_projection(35.0, 36.0)
    >>> [round(v) for v in to_local.transform(36.0, 35.0)]
    [0, 0]
    >>> x, y = to_local.transform(36.3, 35.5)
    >>> round(x), round(y)
    (27219, 55514)
    >>> [round(v, 9) for v in to_lonlat.transform(x, y)]
    [36.3, 35.5]
    >>> [[round(v) for v in a] for a in to_local.transform([36.0, 36.3], [35.0, 35.5])]
    [[0, 27219], [0, 55514]]
    """
    lat, lon = round(float(lat), 6), round(float(lon), 6)
    return LocalProjection(lat, lon), LocalProjection(lat, lon, inverse=True)
