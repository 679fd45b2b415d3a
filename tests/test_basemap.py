"""The tile-free basemap: world-atlas TopoJSON fetched from a (local) registry, decoded, drawn."""

from __future__ import annotations

import json
import re

import pytest
from _assets import make_tarball, map_assets, npm_registry  # noqa: F401 - fixture
from _reports import map_report

from geo_syria.exc import OfflineError
from geo_syria.render import SYRIA_BOUNDS, render_map
from geo_syria.render.basemap import country_outlines, topojson_features

#: Two quantised squares sharing an edge (Syria, Lebanon), a far one (Narnia), a MultiPolygon.
TOPOLOGY = {
    "type": "Topology",
    "transform": {"scale": [0.01, 0.01], "translate": [30, 30]},
    "arcs": [
        [[600, 300], [300, 0], [0, 300], [-300, 0]],  # Syria: 36..39 E, 33..36 N, closed
        [[500, 300], [100, 0], [0, 300], [-100, 0], [0, -300]],  # Lebanon
        [[9000, 9000], [10, 0], [0, 10], [-10, -10]],  # Narnia, far away
        [[300, 300], [100, 0], [0, 100], [-100, -100]],  # Cyprus (part of a MultiPolygon)
    ],
    "objects": {
        "countries": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "arcs": [[0]], "properties": {"name": "Syria"}},
                {"type": "Polygon", "arcs": [[1]], "properties": {"name": "Lebanon"}},
                {"type": "Polygon", "arcs": [[2]], "properties": {"name": "Narnia"}},
                {"type": "MultiPolygon", "arcs": [[[3]], [[~3]]], "properties": {"name": "Cyprus"}},
            ],
        }
    },
}


def test_topojson_arcs_are_decoded_with_deltas_and_reversal():
    features = topojson_features(TOPOLOGY, "countries")
    syria = features[0]["geometry"]["coordinates"][0]
    assert syria == [[36.0, 33.0], [39.0, 33.0], [39.0, 36.0], [36.0, 36.0]]
    cyprus = features[3]["geometry"]
    assert cyprus["type"] == "MultiPolygon"
    assert cyprus["coordinates"][1][0] == cyprus["coordinates"][0][0][::-1]


def test_topojson_keep_filters_by_name():
    kept = topojson_features(TOPOLOGY, "countries", keep={"Syria", "Cyprus"})
    assert [f["properties"]["name"] for f in kept] == ["Syria", "Cyprus"]


@pytest.fixture
def atlas_registry():
    """A local npm-like registry serving a small world-atlas tarball; counts requests."""
    tarball = make_tarball({"countries-50m.json": json.dumps(TOPOLOGY).encode()})
    with npm_registry("world-atlas", tarball) as served:
        yield served


def test_outlines_fetched_once_clipped_and_filtered(tmp_path, monkeypatch, atlas_registry):
    url, package, requests = atlas_registry
    monkeypatch.setenv("GEO_SYRIA_CACHE", str(tmp_path))
    first = country_outlines(registry=url, package=package, bbox=(35.0, 32.0, 45.0, 37.0))
    again = country_outlines(registry=url, package=package, bbox=(35.0, 32.0, 45.0, 37.0))
    assert first == again and len(requests) == 1  # cached after the first fetch
    names = {f["properties"]["name"]: f["properties"]["syria"] for f in first}
    assert names == {"Syria": True, "Lebanon": False}  # Narnia: not a neighbour; Cyprus: clipped
    assert (tmp_path / "assets" / "world-atlas-9.9.9.tgz").is_file()


def test_outlines_offline_and_not_cached_is_a_one_line_error(tmp_path, monkeypatch):
    monkeypatch.setenv("GEO_SYRIA_CACHE", str(tmp_path))
    with pytest.raises(OfflineError, match=r"^[^\n]*run 'geo-syria assets fetch'[^\n]*$"):
        country_outlines(registry="http://127.0.0.1:9")


def test_outlines_from_an_assets_dir_without_the_tarball(tmp_path):
    with pytest.raises(
        FileNotFoundError, match=r"world-atlas-2\.0\.2\.tgz is missing.*assets fetch"
    ):
        country_outlines(assets_dir=tmp_path)


def test_real_outlines_of_syria_and_neighbours(map_assets):  # noqa: F811
    names = {f["properties"]["name"] for f in country_outlines(assets_dir=map_assets)}
    assert {"Syria", "Turkey", "Iraq", "Jordan", "Lebanon", "Israel", "Cyprus"} <= names


def test_offline_map_draws_the_outlines_and_fits_syria(map_assets):  # noqa: F811
    page = render_map(map_report(), assets_dir=map_assets).get_root().render()
    assert '"Countries (Natural Earth)"' in page and "gs-country-syria" in page
    assert str(SYRIA_BOUNDS) in page  # the first view: Syria
    assert "L.tileLayer" not in page


def test_offline_map_without_the_atlas_still_renders(tmp_path, map_assets, caplog):  # noqa: F811
    import shutil

    for tarball in map_assets.glob("*.tgz"):
        if not tarball.name.startswith("world-atlas"):
            shutil.copy(tarball, tmp_path / tarball.name)
    page = render_map(map_report(), assets_dir=tmp_path).get_root().render()
    assert "gs-country-syria" not in page and "window.L = " not in page[:0]
    assert "no country outlines" in caplog.text and "world-atlas-2.0.2.tgz" in caplog.text


def test_online_map_has_a_basemap_switcher_over_the_outlines():
    page = render_map(map_report(), cdn=True).get_root().render()
    for host in ("tile.openstreetmap.org", "tile.opentopomap.org", "arcgisonline.com"):
        assert host in page
    assert len(re.findall(r"L\.tileLayer\(", page)) >= 3
    assert "gs-country-syria" in page  # outlines drawn above the tiles, unfilled
