"""The geometry of a claim: claimed regions and measurements, in a local projection.

Every region is built in an azimuthal-equidistant projection centred on the anchor
(:func:`geo_syria.geo.local_projection`), where distances from the anchor and bearings
are true, then returned in lon/lat. :class:`ClaimGeometry` builds them and memoises
what it built, keyed by value (:func:`geo_syria.cache.place_key`); the
:class:`~geo_syria.pipeline.Analyzer` owns one per gazetteer.

A check and a candidate's fit need only how far a subject lies from the region: a
:class:`Core` holds the region as a shape and a reach around it (the sector and the
anchor's precision, the anchor's extent and the "near" reach), and the distance to the
region is the distance to the shape less the reach. The dilated polygon is drawn only
for a map, an export or an estimate (:meth:`ClaimGeometry.region`).

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
* **Direction only** ("east of the capital"): the region drawn runs from 0 to
  :data:`DIRECTION_ONLY_MAX_KM`, for an estimate of an unresolved subject; the verdict
  (:mod:`geo_syria.claims.verdict`) goes by the bearing alone.
* **near** / "close to" / "just outside": within :func:`near_km` (40 km around a city,
  15 around a town, :data:`NEAR_KM` around anything else) of the anchor's
  extent, or of its precision disk. **outskirts**: within :data:`OUTSKIRTS_KM`.
  **between X and Y**: the segment X–Y buffered by a quarter of its length (at
  least :data:`NEAR_KM`), after both precision disks.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from geo_syria.cache import BoundedCache, place_key
from geo_syria.geo import geodesic_inverse, local_projection

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from geo_syria.place import Place

__all__ = [
    "DIRECTION_ONLY_MAX_KM",
    "FIT_SCALE_KM",
    "NEAR_BY_TYPE_KM",
    "NEAR_KM",
    "OUTSKIRTS_KM",
    "ClaimGeometry",
    "Core",
    "RegionSpec",
    "angle_off",
    "near_km",
]

#: Reach of a direction without a distance ("east of the capital"), km.
DIRECTION_ONLY_MAX_KM = 50.0
#: Reach of "near", "close to", "just outside", beyond the anchor's extent or precision, km.
NEAR_KM = 10.0
#: Reach of "near" by what it is near, km: a city's surroundings are wider than a village's.
NEAR_BY_TYPE_KM = {"city": 40.0, "town": 15.0}


def near_km(anchor: Place) -> float:
    """Return how far "near" reaches around an anchor, beyond its extent or precision, km.

    Examples
    --------
    >>> from geo_syria.place import Place
    >>> near_km(Place(id="c:d", name="Damascus", lat=33.5, lon=36.3, feature_type="city"))
    40.0
    """
    return NEAR_BY_TYPE_KM.get(anchor.feature_type, NEAR_KM)


#: Reach of "on the outskirts of" beyond the anchor's extent or precision, km.
OUTSKIRTS_KM = 5.0
#: Vertices per degree of arc in sectors.
_ARC_STEP_DEG = 1.0


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


def _sector(min_m: float, max_m: float, bearing: float, tolerance: float) -> BaseGeometry:
    """Return the points ``min_m..max_m`` from the origin, at ``bearing ± tolerance``.

    An annular sector whose arcs have a vertex every :data:`_ARC_STEP_DEG` (x east,
    y north); the whole ring when the tolerance is 180° or more.
    """
    import numpy as np
    import shapely

    if tolerance >= 180 or max_m <= 0:
        return _ring(min_m, max_m)
    steps = max(2, math.ceil(2 * tolerance / _ARC_STEP_DEG))
    theta = np.radians(np.linspace(bearing - tolerance, bearing + tolerance, steps + 1))
    arc = np.column_stack([np.sin(theta), np.cos(theta)])
    inner = min_m * arc[::-1] if min_m > 0 else np.zeros((1, 2))
    return shapely.polygons(np.concatenate([max_m * arc, inner]))


def _ring(min_m: float, max_m: float, base=None):
    """Points at distance ``min_m..max_m`` from ``base`` (the origin when None)."""
    from shapely.geometry import Point

    shape = base if base is not None else Point(0.0, 0.0)
    outer = shape.buffer(max_m, quad_segs=90) if max_m > 0 else shape
    if min_m <= 0:
        return outer
    return outer.difference(shape.buffer(min_m, quad_segs=90))


@dataclass(frozen=True, slots=True)
class RegionSpec:
    """What a claim states about where its subject is, as the region builder reads it."""

    relation: str
    distance_min_km: float | None = None
    distance_max_km: float | None = None
    bearing_deg: float | None = None
    bearing_tolerance_deg: float | None = None
    from_extent: bool = False


class _Frame:
    """An anchor's local projection, and its shape and boundary there (made on demand)."""

    __slots__ = ("_parts", "_shape", "place", "to_local", "to_lonlat")

    def __init__(self, place: Place) -> None:
        self.place = place
        self.to_local, self.to_lonlat = local_projection(place.lat, place.lon)
        self._shape: BaseGeometry | None = None
        self._parts: tuple[BaseGeometry, tuple[float, float]] | None = None

    def shape(self, disks: BoundedCache) -> BaseGeometry:
        """Return the anchor's local shape: its extent, or its precision disk."""
        if self._shape is None:
            if self.place.extent is not None:
                self._shape = _project(self.place.extent, self.to_local)
            else:
                self._shape = _disk(disks, self.place.precision_m, quad_segs=32)
        return self._shape

    def boundary_and_centre(self, disks: BoundedCache) -> tuple[BaseGeometry, tuple[float, float]]:
        """Return the shape's boundary (local) and its centroid's ``(lat, lon)``."""
        if self._parts is None:
            shape = self.shape(disks)
            lon, lat = self.to_lonlat.transform(shape.centroid.x, shape.centroid.y)
            self._parts = (shape.boundary, (lat, lon))
        return self._parts


def _disk(disks: BoundedCache, radius_m: float, *, quad_segs: int) -> BaseGeometry:
    """Return a disk of ``radius_m`` around the origin (memoised: it depends on nothing else)."""
    key = ("disk", radius_m, quad_segs)
    disk = disks.get(key)
    if disk is None:
        from shapely.geometry import Point

        disk = disks.put(key, Point(0.0, 0.0).buffer(radius_m, quad_segs=quad_segs))
    return disk


#: The most entries each memo table of a :class:`ClaimGeometry` keeps.
MEMO_SIZES = {
    "frames": 1024,
    "shapes": 512,
    "cores": 512,
    "regions": 512,
    "lonlat": 512,
    "subjects": 1024,
    "fits": 100_000,
}
#: Gap (km) outside the region at which :meth:`ClaimGeometry.fit` falls to 1/e, at least.
FIT_SCALE_KM = 5.0


@dataclass(frozen=True, slots=True)
class Core:
    """A claimed region as a shape and a reach: every point within ``reach_m`` of ``shape``.

    In the anchor's local metres. The distance from a point to the region is the
    distance to the shape less the reach (0 inside), exactly, so a check measures it
    without the dilated polygon, which only a drawing needs (:meth:`ClaimGeometry.region`).
    """

    shape: BaseGeometry
    reach_m: float = 0.0

    def gap_m(self, point: BaseGeometry) -> float:
        """Return metres between ``point`` and the region (0 inside)."""
        return max(0.0, self.shape.distance(point) - self.reach_m)


class ClaimGeometry:
    """Builds claimed regions and measures claims, memoising what it built.

    Every memo is keyed by value (a place's id, point, precision and extent), bounded
    by :data:`MEMO_SIZES`, and emptied by :meth:`clear`. A builder pickles as a fresh,
    empty one (its memos are caches).

    Examples
    --------
    >>> from geo_syria.place import Place
    >>> hama = Place(id="curated:hama", name="Hama", lat=35.1318, lon=36.7578,
    ...              feature_type="city", precision_m=1000)
    >>> geometry = ClaimGeometry()
    >>> region, _ = geometry.region(hama, RegionSpec("direction", 15, 25, 0.0, 45.0))
    >>> region.contains(hama.point()), region.bounds[1] > hama.lat
    (False, True)
    """

    def __init__(self) -> None:
        self._memos = {name: BoundedCache(size) for name, size in MEMO_SIZES.items()}

    def __reduce__(self) -> tuple:
        return (ClaimGeometry, ())

    def clear(self) -> None:
        """Empty every memo table."""
        for memo in self._memos.values():
            memo.clear()

    def _memoised(self, table: str, key: Any, build: Callable[[], Any]) -> Any:
        """Return what ``key`` holds in a memo table, built by ``build()`` when absent."""
        memo = self._memos[table]
        hit = memo.get(key)
        return hit if hit is not None else memo.put(key, build())

    def frame(self, place: Place) -> _Frame:
        """Return the local frame of ``place`` (its projections, shape and boundary)."""
        return self._memoised("frames", place_key(place), lambda: _Frame(place))

    def core(
        self, anchor: Place, spec: RegionSpec, anchor2: Place | None = None
    ) -> tuple[Core, _Frame]:
        """Return a claim's region as a :class:`Core` in the anchor's local frame, and the frame."""
        key = (place_key(anchor), place_key(anchor2), spec)
        return self._memoised("cores", key, lambda: self._build(anchor, spec, anchor2))

    def region_local(
        self, anchor: Place, spec: RegionSpec, anchor2: Place | None = None
    ) -> tuple[BaseGeometry, _Frame]:
        """Return the region a claim allows in the anchor's local metres, and the frame."""

        def dilated() -> tuple[BaseGeometry, _Frame]:
            core, frame = self.core(anchor, spec, anchor2)
            local = core.shape.buffer(core.reach_m, quad_segs=32) if core.reach_m else core.shape
            return local, frame

        return self._memoised("regions", (place_key(anchor), place_key(anchor2), spec), dilated)

    def region(
        self, anchor: Place, spec: RegionSpec, anchor2: Place | None = None
    ) -> tuple[BaseGeometry, BaseGeometry]:
        """Return the region a claim allows in lon/lat, and in the anchor's local metres."""
        local, frame = self.region_local(anchor, spec, anchor2)
        key = (place_key(anchor), place_key(anchor2), spec)
        return self._memoised("lonlat", key, lambda: _project(local, frame.to_lonlat)), local

    def subject_gap_m(self, core: Core, place: Place, frame: _Frame) -> float:
        """Return metres between a region (a core in an anchor's frame) and a subject's disk.

        The disk is the subject's precision around its point: the gap is the point's
        distance less the radius, 0 when the disk meets the region.
        """
        from shapely.geometry import Point

        point = self._memoised(
            "subjects",
            (place_key(place), place_key(frame.place)),
            lambda: Point(*frame.to_local.transform(place.lon, place.lat)),
        )
        return max(0.0, core.gap_m(point) - place.precision_m)

    def fit(
        self, spec: RegionSpec, subject: Place, anchor: Place, anchor2: Place | None = None
    ) -> float:
        """Return 0..1: how well a subject fits the region a claim allows around an anchor.

        1 when the subject's precision disk meets the region, then ``exp(-gap / scale)``
        with ``scale = max(FIT_SCALE_KM, distance_max / 4)``.
        """

        def fit() -> float:
            core, frame = self.core(anchor, spec, anchor2)
            gap_km = self.subject_gap_m(core, subject, frame) / 1000.0
            scale = max(FIT_SCALE_KM, (spec.distance_max_km or 0.0) / 4)
            return 1.0 if gap_km <= 0 else math.exp(-gap_km / scale)

        key = (place_key(subject), place_key(anchor), place_key(anchor2), spec)
        return self._memoised("fits", key, fit)

    def measure(self, anchor: Place, subject: Place, *, from_extent: bool) -> tuple[float, float]:
        """Return geodesic ``(distance_km, initial_bearing_deg)`` from anchor to subject.

        From an extent, the distance runs from the nearest point of its boundary
        (0 inside) and the bearing from its centroid.
        """
        if not (from_extent and anchor.extent is not None):
            return geodesic_inverse(anchor.lat, anchor.lon, subject.lat, subject.lon)
        from shapely.geometry import Point
        from shapely.ops import nearest_points

        frame = self.frame(anchor)
        boundary, (clat, clon) = frame.boundary_and_centre(self._memos["shapes"])
        sx, sy = frame.to_local.transform(subject.lon, subject.lat)
        distance = 0.0
        if not frame.shape(self._memos["shapes"]).contains(Point(sx, sy)):
            near = nearest_points(boundary, Point(sx, sy))[0]
            lon, lat = frame.to_lonlat.transform(near.x, near.y)
            distance = geodesic_inverse(lat, lon, subject.lat, subject.lon)[0]
        return distance, geodesic_inverse(clat, clon, subject.lat, subject.lon)[1]

    def _build(self, anchor: Place, spec: RegionSpec, anchor2: Place | None) -> tuple[Core, _Frame]:
        frame = self.frame(anchor)
        shapes = self._memos["shapes"]
        if spec.relation in ("near", "outskirts") or (
            spec.relation == "between" and anchor2 is None
        ):
            reach = (OUTSKIRTS_KM if spec.relation == "outskirts" else near_km(anchor)) * 1000.0
            return Core(frame.shape(shapes), reach), frame
        if spec.relation == "between":
            return Core(_between(frame, anchor, anchor2)), frame
        lo_m = (spec.distance_min_km or 0.0) * 1000.0
        hi_m = (
            spec.distance_max_km if spec.distance_max_km is not None else DIRECTION_ONLY_MAX_KM
        ) * 1000.0
        tolerance = 180.0 if spec.bearing_deg is None else float(spec.bearing_tolerance_deg or 45.0)
        bearing = float(spec.bearing_deg or 0.0)
        if spec.from_extent and anchor.extent is not None:
            shape = frame.shape(shapes)
            centre = shape.centroid
            ring = _ring(lo_m, hi_m, shape)
            reach = hi_m + math.sqrt(shape.area) * 4 + 1000.0
            wedge = _wedge(reach, bearing, tolerance, (centre.x, centre.y))
            return Core(ring.intersection(wedge)), frame
        key = ("sector", lo_m, hi_m, bearing, tolerance)
        sector = self._memoised("shapes", key, lambda: _sector(lo_m, hi_m, bearing, tolerance))
        return Core(sector, anchor.precision_m), frame


def _between(frame: _Frame, anchor: Place, anchor2: Place) -> BaseGeometry:
    """Return the band between two anchors: their segment, buffered by a quarter of its length."""
    from shapely.geometry import LineString, Point

    x2, y2 = frame.to_local.transform(anchor2.lon, anchor2.lat)
    line = LineString([(0.0, 0.0), (x2, y2)])
    width = max(NEAR_KM * 1000.0, line.length / 4)
    disks = (
        Point(0.0, 0.0).buffer(anchor.precision_m).union(Point(x2, y2).buffer(anchor2.precision_m))
    )
    return line.buffer(width).union(disks.buffer(width))


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
