"""Place records: the checks made when one is built."""

from __future__ import annotations

import math

import pytest

from geo_syria.exc import InvalidOptionError
from geo_syria.place import DEFAULT_PRECISION_M, Place


def _place(**changes):
    fields = {"id": "curated:suran", "name": "Suran", "lat": 35.29, "lon": 36.75}
    return Place(**{**fields, "feature_type": "town", **changes})


@pytest.mark.parametrize("value", [0, 0.0, -1, -250.5, math.inf, -math.inf, "wide"])
def test_precision_must_be_positive(value):
    # A zero radius would make every claim about the place fail or divide by zero.
    with pytest.raises(InvalidOptionError, match=rf"place 'curated:suran': precision_m={value!r}"):
        _place(precision_m=value)


@pytest.mark.parametrize("value", [math.nan, None])
def test_missing_precision_takes_the_feature_type_default(value):
    assert _place(precision_m=value).precision_m == DEFAULT_PRECISION_M["town"]


def test_precision_is_kept_as_a_float():
    place = _place(precision_m=1500)
    assert place.precision_m == 1500.0 and isinstance(place.precision_m, float)


@pytest.mark.parametrize("value", [0, -5])
def test_from_dict_rejects_a_bad_precision(value):
    # from_dict used to read 0 as "missing" and silently give the default.
    data = {**_place().to_dict(), "precision_m": value}
    with pytest.raises(InvalidOptionError, match=rf"precision_m={value!r}"):
        Place.from_dict(data)


def test_from_dict_takes_a_parsed_extent():
    from shapely.geometry import box

    area = box(36.7, 35.2, 36.8, 35.3)
    data = {**_place().to_dict(), "extent_wkt": "POINT (0 0)"}
    assert Place.from_dict(data, extent=area).extent.equals(area)
    assert Place.from_dict(data).extent.equals(area) is False
