"""The geometry of a claim: claimed regions and measurements, in a local projection.

Helpers of :mod:`geo_syria.claims`. Every region is built in an azimuthal-equidistant
projection centred on the anchor (:func:`geo_syria._geom.local_projection`), where
distances from the anchor and bearings are true, then returned in lon/lat.

Choices, documented once here:

* **Anchor precision.** The anchor lies somewhere within ``precision_m`` of its
  point, so the region is the stated annular sector *dilated* by that radius
  (a Minkowski sum: ``sector.buffer(precision_m)``). This both grows the outer
  ring and shrinks the inner one by the precision, and widens the wedge near
  the apex.
* **From an extent** ("2 km east of the Old City walls"): distances are measured
  from the extent's boundary, so the ring is ``extent.buffer(max) - extent.buffer(min)``,
  intersected with the bearing wedge from the extent's centroid. The extent is
  taken as exact (no further dilation).
* **Direction only** ("east of the capital"): the distance runs from 0 to
  :data:`DIRECTION_ONLY_MAX_KM`.
* **near** / "close to" / "just outside": within :data:`NEAR_KM` of the anchor's
  extent, or of its precision disk. **outskirts**: within :data:`OUTSKIRTS_KM`.
  **between X and Y**: the segment X–Y buffered by a quarter of its length (at
  least :data:`NEAR_KM`), after both precision disks.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from geo_syria._geom import local_projection
from geo_syria._memo import BoundedMemo

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from geo_syria.place import Place

#: Reach of a direction without a distance ("east of the capital"), km.
DIRECTION_ONLY_MAX_KM = 50.0
#: Reach of "near", "close to", "just outside", beyond the anchor's extent or precision, km.
NEAR_KM = 10.0
#: Reach of "on the outskirts of" beyond the anchor's extent or precision, km.
OUTSKIRTS_KM = 5.0
#: Vertices per degree of arc in sectors.
_ARC_STEP_DEG = 1.0

# Memos (bounded; shapely geometries are immutable, so sharing them is safe). Entries
# keyed by a place id keep the place and are used only for that same (or an equal) place.
#: place id -> [place, to_local, to_lonlat, local shape, (boundary, centroid lat/lon) or None]
_ANCHORS = BoundedMemo(1024)
#: Shapes in local metres that do not depend on where the anchor is (disks, sectors).
_SHAPES = BoundedMemo(512)
#: (anchor ids, claim geometry) -> (anchor, anchor2, region_local's result).
_REGIONS = BoundedMemo(512)
#: (id(region), id(to_lonlat)) -> (region, to_lonlat, lon/lat region).
_LONLAT = BoundedMemo(512)
#: geopy's WGS-84 geodesic in km (built once): ``Inverse(...)["s12"]`` is ``geodesic(a, b).km``.
_GEODESIC = []


def _project(geom: BaseGeometry, transformer: Any) -> BaseGeometry:
    import shapely

    return shapely.transform(geom, transformer.transform, interleaved=False)


def _wedge(radius_m: float, bearing: float, tolerance: float, origin=(0.0, 0.0)):
    """Return a pie slice of ``radius_m`` around ``bearing ± tolerance`` (x east, y north)."""
    import shapely

    if tolerance >= 180:
        from shapely.geometry import Point

        return Point(origin).buffer(radius_m, quad_segs=90)
    steps = max(2, math.ceil(2 * tolerance / _ARC_STEP_DEG))
    ox, oy = origin
    sin, cos, radians = math.sin, math.cos, math.radians
    ring = [origin]
    for i in range(steps + 1):
        theta = radians(bearing - tolerance + 2 * tolerance * i / steps)
        ring.append((ox + radius_m * sin(theta), oy + radius_m * cos(theta)))
    ring.append(origin)
    return shapely.polygons(ring)


def _ring(min_m: float, max_m: float, base=None):
    """Points at distance ``min_m..max_m`` from ``base`` (the origin when None)."""
    from shapely.geometry import Point

    shape = base if base is not None else Point(0.0, 0.0)
    outer = shape.buffer(max_m, quad_segs=90) if max_m > 0 else shape
    if min_m <= 0:
        return outer
    return outer.difference(shape.buffer(min_m, quad_segs=90))


def _same(stored: Place | None, place: Place | None) -> bool:
    return stored is place or (stored is not None and place is not None and stored == place)


def _anchor_entry(place: Place) -> list:
    """Return the memo entry of ``place``: its projections (its local shape filled on demand)."""
    entry = _ANCHORS.get(place.id)
    if entry is not None and _same(entry[0], place):
        return entry
    to_local, to_lonlat = local_projection(place.lat, place.lon)
    return _ANCHORS.put(place.id, [place, to_local, to_lonlat, None, None])


def _anchor_shape(entry: list) -> BaseGeometry:
    """Return the local shape of a memo entry's place: its extent, or its precision disk."""
    shape = entry[3]
    if shape is not None:
        return shape
    place = entry[0]
    if place.extent is not None:
        shape = _project(place.extent, entry[1])
    else:
        shape = _SHAPES.get(("disk", place.precision_m))
        if shape is None:
            from shapely.geometry import Point

            disk = Point(0.0, 0.0).buffer(place.precision_m, quad_segs=32)
            shape = _SHAPES.put(("disk", place.precision_m), disk)
    entry[3] = shape
    return shape


def local_anchor(place: Place) -> tuple[Any, Any, BaseGeometry]:
    """Return ``(to_local, to_lonlat, anchor_shape)``: the extent, or the precision disk."""
    entry = _anchor_entry(place)
    return entry[1], entry[2], _anchor_shape(entry)


def region_local(
    anchor: Place,
    *,
    relation: str,
    distance_min_km: float | None,
    distance_max_km: float | None,
    bearing_deg: float | None,
    bearing_tolerance_deg: float | None,
    from_extent: bool,
    anchor2: Place | None = None,
) -> tuple[BaseGeometry, Any, Any]:
    """Return ``(region in local metres, to_local, to_lonlat)`` for a claim on ``anchor``."""
    key = (
        anchor.id,
        None if anchor2 is None else anchor2.id,
        relation,
        distance_min_km,
        distance_max_km,
        bearing_deg,
        bearing_tolerance_deg,
        from_extent,
    )
    hit = _REGIONS.get(key)
    if hit is not None and _same(hit[0], anchor) and _same(hit[1], anchor2):
        return hit[2]
    result = _build_region(anchor, anchor2, *key[2:])
    _REGIONS.put(key, (anchor, anchor2, result))
    return result


def _build_region(
    anchor: Place, anchor2: Place | None, relation: str, *claim: Any
) -> tuple[BaseGeometry, Any, Any]:
    """Build :func:`region_local`'s result; ``claim`` is its numbers, in its key's order."""
    distance_min_km, distance_max_km, bearing_deg, bearing_tolerance_deg, from_extent = claim
    from shapely.geometry import LineString, Point

    entry = _anchor_entry(anchor)
    to_local, to_lonlat = entry[1], entry[2]
    if relation in ("near", "outskirts") or (relation == "between" and anchor2 is None):
        reach = OUTSKIRTS_KM if relation == "outskirts" else NEAR_KM
        shape = _anchor_shape(entry)
        if anchor.extent is not None:
            return shape.buffer(reach * 1000.0, quad_segs=32), to_local, to_lonlat
        key = ("near", anchor.precision_m, reach)
        region = _SHAPES.get(key)
        if region is None:
            region = _SHAPES.put(key, shape.buffer(reach * 1000.0, quad_segs=32))
        return region, to_local, to_lonlat
    if relation == "between":
        x2, y2 = to_local.transform(anchor2.lon, anchor2.lat)
        line = LineString([(0.0, 0.0), (x2, y2)])
        width = max(NEAR_KM * 1000.0, line.length / 4)
        disks = (
            Point(0.0, 0.0)
            .buffer(anchor.precision_m)
            .union(Point(x2, y2).buffer(anchor2.precision_m))
        )
        return line.buffer(width).union(disks.buffer(width)), to_local, to_lonlat
    lo_m = (distance_min_km or 0.0) * 1000.0
    hi_m = (distance_max_km if distance_max_km is not None else DIRECTION_ONLY_MAX_KM) * 1000.0
    tolerance = 180.0 if bearing_deg is None else float(bearing_tolerance_deg or 45.0)
    bearing = float(bearing_deg or 0.0)
    if from_extent and anchor.extent is not None:
        shape = _anchor_shape(entry)
        centre = shape.centroid
        ring = _ring(lo_m, hi_m, shape)
        reach = hi_m + math.sqrt(shape.area) * 4 + 1000.0
        wedge = _wedge(reach, bearing, tolerance, origin=(centre.x, centre.y))
        return ring.intersection(wedge), to_local, to_lonlat
    key = ("sector", lo_m, hi_m, bearing, tolerance, anchor.precision_m)
    region = _SHAPES.get(key)
    if region is None:
        sector = _ring(lo_m, hi_m).intersection(_wedge(hi_m * 1.01 + 1.0, bearing, tolerance))
        region = _SHAPES.put(key, sector.buffer(anchor.precision_m, quad_segs=32))
    return region, to_local, to_lonlat


def to_lonlat_geom(geom: BaseGeometry, to_lonlat: Any) -> BaseGeometry:
    """Return a local-metre geometry in lon/lat."""
    key = (id(geom), id(to_lonlat))
    hit = _LONLAT.get(key)
    if hit is not None and hit[0] is geom and hit[1] is to_lonlat:
        return hit[2]
    return _LONLAT.put(key, (geom, to_lonlat, _project(geom, to_lonlat)))[2]


def measure(anchor: Place, subject: Place, *, from_extent: bool) -> tuple[float, float]:
    """Return geodesic ``(distance_km, initial_bearing_deg)`` from anchor to subject.

    From an extent, the distance runs from the nearest point of its boundary
    (0 inside) and the bearing from its centroid.
    """
    from geographiclib.geodesic import Geodesic

    if not _GEODESIC:
        from geopy.distance import ELLIPSOIDS

        major, _, flattening = ELLIPSOIDS["WGS-84"]
        _GEODESIC.append(Geodesic(major, flattening))
    geod = _GEODESIC[0]
    lat2, lon2 = float(subject.lat), float(subject.lon)
    if not (from_extent and anchor.extent is not None):
        # What geopy's geodesic(a, b).km computes, with the azimuth from the same call
        # (the azimuth does not depend on the ellipsoid's unit of length).
        line = geod.Inverse(
            float(anchor.lat), float(anchor.lon), lat2, lon2, Geodesic.DISTANCE | Geodesic.AZIMUTH
        )
        return line["s12"], line["azi1"] % 360.0
    from shapely.geometry import Point

    entry = _anchor_entry(anchor)
    _, to_local, to_lonlat, _, parts = entry
    shape = _anchor_shape(entry)
    if parts is None:
        cx, cy = to_lonlat.transform(shape.centroid.x, shape.centroid.y)
        parts = entry[4] = (shape.boundary, (cy, cx))
    boundary, start = parts
    sx, sy = to_local.transform(subject.lon, subject.lat)
    if shape.contains(Point(sx, sy)):
        distance = 0.0
    else:
        from shapely.ops import nearest_points

        near = nearest_points(boundary, Point(sx, sy))[0]
        lon, lat = to_lonlat.transform(near.x, near.y)
        distance = geod.Inverse(lat, lon, lat2, lon2, Geodesic.DISTANCE)["s12"]
    azimuth = Geodesic.WGS84.Inverse(start[0], start[1], lat2, lon2)["azi1"]
    return distance, azimuth % 360.0


def angle_off(measured: float, bearing: float, tolerance: float) -> float:
    """Degrees by which ``measured`` lies outside ``bearing ± tolerance`` (0 inside).

    Examples
    --------
    >>> angle_off(357.0, 180.0, 45.0)
    132.0
    >>> angle_off(10.0, 350.0, 22.5)
    0.0
    """
    diff = abs((measured - bearing + 180.0) % 360.0 - 180.0)
    return round(max(0.0, diff - tolerance), 9)
