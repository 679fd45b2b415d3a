"""Data written into the page: compact, the same with orjson or json, safe in a script."""

from __future__ import annotations

import json
import math
import sys

import numpy as np
import pytest

from geo_syria.render._js import to_js

VALUES = [
    {"n": "</script><!-- Jobar", "y": 33.52961, "k": ["jubar", "جوبر"], "d": None},
    [[36.75, 35.1], [36.75001, 35.10001]],
    {"arabicFold": {1577: "ا", 1571: "ا"}},  # int keys, as the search rules have
    {"x": np.float64(36.5), "n": np.int64(3)},  # numpy scalars, as shapely gives
    "{{ 7*7 }} \u2028 {% x %}",
]


@pytest.fixture(params=["orjson", "json"])
def encoder(request, monkeypatch):
    if request.param == "orjson":
        pytest.importorskip("orjson")
    else:
        monkeypatch.setitem(sys.modules, "orjson", None)  # import fails: json is used
    return request.param


@pytest.mark.parametrize("value", VALUES)
def test_compact_json_safe_in_a_script(encoder, value):
    text = to_js(value)
    assert ": " not in text and ", " not in text.replace('", "', "")  # no spaces added
    assert "<" not in text and "{{" not in text and "\u2028" not in text
    expected = json.loads(json.dumps(value, default=lambda v: v.item()))
    if isinstance(expected, dict) and "arabicFold" in expected:
        expected = {"arabicFold": {str(k): v for k, v in expected["arabicFold"].items()}}
    assert json.loads(text) == expected


@pytest.mark.parametrize("bad", [math.nan, math.inf, [1.0, -math.inf], {"a": {"b": math.nan}}])
def test_nan_is_refused_by_either_encoder(encoder, bad):
    with pytest.raises(ValueError, match="JSON compliant"):
        to_js(bad)


def test_an_object_neither_encoder_knows_is_refused(encoder):
    with pytest.raises(TypeError, match="not JSON serializable"):
        to_js({"x": object()})
