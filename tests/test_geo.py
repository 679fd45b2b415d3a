import math

import numpy as np
import pytest

from geo_syria.geo import geodesic_inverse, local_projection


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ((35.1318, 36.7578), (35.2906, 36.7484)),  # Hama to Soran
        ((33.5102, 36.2913), (36.2021, 37.1343)),  # Damascus to Aleppo
        ((35.3359, 40.1408), (35.3359, 40.1408)),  # no distance
        ((-33.9, 151.2), (51.5, -0.13)),  # Sydney to London
    ],
)
def test_geodesic_is_what_geopy_gives(a, b):
    from geopy.distance import geodesic

    km, azimuth = geodesic_inverse(*a, *b)
    assert km == pytest.approx(geodesic(a, b).km, abs=1e-9)
    assert 0.0 <= azimuth < 360.0


@pytest.mark.parametrize(
    ("centre", "point"),
    [
        ((35.1318, 36.7578), (35.2906, 36.7484)),  # Hama: Soran, 17.6 km north
        ((33.5102, 36.2913), (36.2021, 37.1343)),  # Damascus: Aleppo, 300 km north
        ((35.3359, 40.1408), (35.3359, 40.1408)),  # the centre itself
        ((35.3359, 40.1408), (35.3359, 40.1408 + 1e-12)),  # within PROJ's EPS10 of it
        ((36.2021, 37.1343), (36.2021, 36.1343)),  # due west, 90 km
        ((32.6189, 36.1021), (37.0, 42.2)),  # Daraa to the north-east corner
    ],
)
def test_one_point_is_what_proj_gives(centre, point):
    # one point is geographiclib's geodesic, arrays PROJ's aeqd: the same algorithm
    to_local, to_lonlat = local_projection(*centre)
    x, y = to_local.transform(point[1], point[0])
    xs, ys = to_local.transform(np.array([point[1]]), np.array([point[0]]))
    assert math.hypot(x - xs[0], y - ys[0]) < 1e-6  # metres
    lon, lat = to_lonlat.transform(x, y)
    lons, lats = to_lonlat.transform(np.array([x]), np.array([y]))
    assert abs(lon - lons[0]) < 1e-11 and abs(lat - lats[0]) < 1e-11  # about a micrometre
    assert lat == pytest.approx(point[0], abs=1e-11) and lon == pytest.approx(point[1], abs=1e-11)


def test_one_point_keeps_distance_and_bearing():
    # Soran from Hama: the local plane keeps the geodesic distance and the initial bearing
    to_local, _ = local_projection(35.1318, 36.7578)
    x, y = to_local.transform(36.7484, 35.2906)
    km, azimuth = geodesic_inverse(35.1318, 36.7578, 35.2906, 36.7484)
    assert math.hypot(x, y) / 1000 == pytest.approx(km, abs=1e-9)
    assert math.degrees(math.atan2(x, y)) % 360 == pytest.approx(azimuth, abs=1e-9)


def test_a_shape_goes_through_proj_and_back():
    import shapely
    from shapely.geometry import Polygon

    to_local, to_lonlat = local_projection(35.1318, 36.7578)
    square = Polygon([(36.7, 35.1), (36.8, 35.1), (36.8, 35.2), (36.7, 35.2)])
    local = shapely.transform(square, to_local.transform, interleaved=False)
    back = shapely.transform(local, to_lonlat.transform, interleaved=False)
    assert local.area == pytest.approx(1.01e8, rel=0.01)  # about 9.1 by 11.1 km
    assert back.equals_exact(square, 1e-9)
    assert "LocalProjection(35.1318, 36.7578" in repr(to_local)
