import json

import pytest
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from geo_syria.cli import main
from geo_syria.exc import InvalidOptionError, PlaceNotFoundError
from geo_syria.gazetteer.index import haversine_km
from geo_syria.geocoder import OfflineGeocoder


@pytest.fixture(scope="module")
def geocoder(gazetteer):
    return OfflineGeocoder(gazetteer)


def test_is_a_geopy_geocoder(geocoder):
    assert isinstance(geocoder, Geocoder)


@pytest.mark.parametrize(
    ("query", "lat", "lon", "tolerance_km"),
    [
        ("Dayr az Zawr", 35.336, 40.141, 10),
        ("Idleb", 35.931, 36.633, 8),
        ("Hamah", 35.132, 36.758, 8),
        ("Damascus", 33.510, 36.291, 10),
    ],
)
def test_geocode_returns_location_with_raw_record(geocoder, query, lat, lon, tolerance_km):
    loc = geocoder.geocode(query)
    assert isinstance(loc, Location)
    assert haversine_km(lat, lon, loc.latitude, loc.longitude) < tolerance_km
    assert loc.raw["id"] and loc.raw["feature_type"] and 0 < loc.raw["score"] <= 1.5


def test_geocode_many_is_sorted_best_first(geocoder):
    locs = geocoder.geocode("Suran", exactly_one=False, limit=5)
    scores = [loc.raw["score"] for loc in locs]
    assert len(locs) >= 2 and scores == sorted(scores, reverse=True)


@pytest.mark.parametrize("bias", [{"admin1": "Hama"}, {"near": "Hama"}, {"near": (35.13, 36.76)}])
def test_bias_picks_hamas_suran(geocoder, bias):
    # Two Surans: one north of Hama city, one in Aleppo governorate.
    loc = geocoder.geocode("Suran", **bias)
    assert loc.raw["admin1"] == "Hama"
    assert haversine_km(35.2906, 36.7484, loc.latitude, loc.longitude) < 3


def test_radius_excludes_far_places(geocoder):
    assert geocoder.geocode("Aleppo", near=(33.51, 36.29), radius_km=50) is None


def test_geocode_unknown_is_none(geocoder):
    assert geocoder.geocode("Xqzzyvv") is None


def test_reverse_returns_nearest_with_distance(geocoder):
    locs = geocoder.reverse("35.13, 36.76", exactly_one=False, limit=3)
    assert len(locs) == 3
    distances = [loc.raw["distance_km"] for loc in locs]
    assert distances == sorted(distances) and distances[0] < 5


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"query": ""}, InvalidOptionError, "non-empty place name"),
        ({"query": "Hama", "exactly_one": False, "limit": 0}, InvalidOptionError, "limit=0"),
        ({"query": "Hama", "near": 5}, InvalidOptionError, "near=5"),
        ({"query": "Hama", "near": "Xqzzyvv"}, PlaceNotFoundError, "matches no place"),
        ({"query": "Hama", "near": (95, 0)}, InvalidOptionError, "out of range"),
    ],
)
def test_geocode_rejects_bad_input(geocoder, kwargs, error, match):
    with pytest.raises(error, match=match):
        geocoder.geocode(**kwargs)


@pytest.mark.parametrize("query", ["95, 0", "not a point", (33.5, 200)])
def test_reverse_rejects_bad_points(geocoder, query):
    with pytest.raises(InvalidOptionError, match="query="):
        geocoder.reverse(query)


def test_cli_search_json(capsys):
    assert main(["gazetteer", "search", "Suran", "--near", "Hama", "--limit", "2", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 2
    assert {"id", "name", "lat", "lon", "feature_type", "admin1", "score"} <= rows[0].keys()
    assert rows[0]["admin1"] == "Hama" and rows[0]["score"] >= rows[1]["score"]


def test_cli_search_no_match_exits_1(capsys):
    assert main(["gazetteer", "search", "Xqzzyvv"]) == 1
    assert "no place matches" in capsys.readouterr().out
