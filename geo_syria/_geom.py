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


#: The PROJ pipelines of an azimuthal-equidistant projection on WGS84, lon/lat degrees ↔ metres.
#: They are what ``Transformer.from_crs("EPSG:4326", aeqd, always_xy=True)`` builds (and its
#: inverse), written out so that no CRS is looked up in the PROJ database: 0.1 ms, not 10 ms.
_AEQD = "+proj=aeqd +lat_0={lat!r} +lon_0={lon!r} +x_0=0 +y_0=0 +ellps=WGS84"
_FORWARD = "+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad +step " + _AEQD
_INVERSE = "+proj=pipeline +step +inv " + _AEQD + " +step +proj=unitconvert +xy_in=rad +xy_out=deg"


@lru_cache(maxsize=1024)
def _aeqd(lat: float, lon: float) -> tuple[Transformer, Transformer]:
    from pyproj import Transformer

    forward = Transformer.from_pipeline(_FORWARD.format(lat=lat, lon=lon))
    inverse = Transformer.from_pipeline(_INVERSE.format(lat=lat, lon=lon))
    return forward, inverse


def local_projection(lat: float, lon: float) -> tuple[Transformer, Transformer]:
    """Return ``(to_local, to_lonlat)`` transformers of an azimuthal-equidistant CRS centred here.

    Both use lon/lat (x, y) order on the geographic side and metres on the local side.

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
    """
    return _aeqd(round(lat, 6), round(lon, 6))
