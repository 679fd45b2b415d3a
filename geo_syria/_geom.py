"""The one place where (lat, lon) meets shapely's (x=lon, y=lat), and local projections."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyproj import Transformer
    from shapely.geometry import Point


def to_point(lat: float, lon: float) -> Point:
    """Return a shapely point for a latitude and longitude (x is lon, y is lat).

    Examples
    --------
    >>> to_point(33.5, 36.3).coords[0]
    (36.3, 33.5)
    """
    from shapely.geometry import Point

    return Point(lon, lat)


def from_point(point: Point) -> tuple[float, float]:
    """Return ``(lat, lon)`` from a shapely point in lon/lat order.

    Examples
    --------
    >>> from_point(to_point(33.5, 36.3))
    (33.5, 36.3)
    """
    return point.y, point.x


@lru_cache(maxsize=256)
def _aeqd(lat: float, lon: float) -> tuple[Transformer, Transformer]:
    from pyproj import CRS, Transformer

    local = CRS.from_proj4(f"+proj=aeqd +lat_0={lat} +lon_0={lon} +datum=WGS84 +units=m")
    forward = Transformer.from_crs("EPSG:4326", local, always_xy=True)
    inverse = Transformer.from_crs(local, "EPSG:4326", always_xy=True)
    return forward, inverse


def local_projection(lat: float, lon: float) -> tuple[Transformer, Transformer]:
    """Return ``(to_local, to_lonlat)`` transformers of an azimuthal-equidistant CRS centred here.

    Both use lon/lat (x, y) order on the geographic side and metres on the local side.

    Examples
    --------
    >>> to_local, to_lonlat = local_projection(35.0, 36.0)
    >>> [round(v) for v in to_local.transform(36.0, 35.0)]
    [0, 0]
    """
    return _aeqd(round(lat, 6), round(lon, 6))
