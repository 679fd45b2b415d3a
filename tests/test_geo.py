import pytest

from geo_syria.geo import geodesic_inverse


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
