"""Exports: GeoJSON schema, CSV, GeoPackage and GeoDataFrame, each read back."""

from __future__ import annotations

import csv
import io
import itertools
import json
import math

import pytest
from _reports import empty_report, export_report

import geo_syria
from geo_syria.exc import InvalidOptionError
from geo_syria.export import (
    format_from_path,
    to_geodataframe,
    to_geojson,
    write_csv,
    write_gpkg,
    write_report,
)
from geo_syria.export.csv import csv_columns, csv_paths
from geo_syria.export.gpkg import LAYERS

PLACE_KEYS = {"kind", "id", "name", "feature_type", "confidence", "precision_m", "mentions"}
CLAIM_KEYS = {
    "kind",
    "text",
    "subject",
    "anchor",
    "stated_distance_km",
    "stated_bearing_deg",
    "measured_distance_km",
    "measured_bearing_deg",
    "verdict",
}
UNRESOLVED_KEYS = {"kind", "name", "doc", "start", "end", "estimate_radius_m"}


@pytest.fixture(scope="module")
def report():
    return export_report()


@pytest.fixture(scope="module")
def collection(report):
    return to_geojson(report)


def _by_kind(collection, kind):
    return [f for f in collection["features"] if f["properties"]["kind"] == kind]


def _numbers(value):
    if isinstance(value, float):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _numbers(v)
    elif isinstance(value, list):
        for v in value:
            yield from _numbers(v)


def test_geojson_is_strict_json_with_every_kind(collection, report):
    assert set(collection) == {"type", "features"}  # RFC 7946: no "crs" member
    text = json.dumps(collection, allow_nan=False)  # raises on NaN or inf
    assert json.loads(text)["type"] == "FeatureCollection"
    assert len(_by_kind(collection, "place")) == len(report.places)
    assert len(_by_kind(collection, "claim")) == len(report.claims)
    assert len(_by_kind(collection, "unresolved")) == len(report.unresolved)
    assert all(math.isfinite(x) for x in _numbers(collection))


def test_geojson_place_features(collection):
    places = {f["properties"]["name"]: f for f in _by_kind(collection, "place")}
    for feature in places.values():
        assert feature["type"] == "Feature"
        assert PLACE_KEYS <= feature["properties"].keys()
        assert feature["geometry"]["type"] == "Point"
    # [lon, lat] order, RFC 7946
    assert places["Hama"]["geometry"]["coordinates"] == [36.7578, 35.1318]
    soran = places["Soran"]["properties"]
    assert [(m["doc"], m["text"]) for m in soran["mentions"]] == [("doc1", "Soran")] * 2
    assert soran["mentions"][0]["end"] - soran["mentions"][0]["start"] == len("Soran")
    assert places["Geneva"]["properties"]["in_syria"] is False
    assert places["Hama"]["properties"]["in_syria"] is True
    assert places["Hama"]["properties"]["sources"] == ["geonames:170017"]


def test_geojson_claim_features(collection):
    claims = _by_kind(collection, "claim")
    assert {f["properties"]["verdict"] for f in claims} == {
        "consistent",
        "inconsistent",
        "unverifiable",
    }
    for feature in claims:
        assert CLAIM_KEYS <= feature["properties"].keys()
        assert feature["geometry"]["type"] == "Polygon"
        ring = feature["geometry"]["coordinates"][0]
        assert ring[0] == ring[-1]
        # exterior ring counterclockwise (RFC 7946 3.1.6): positive shoelace area
        area = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring))
        assert area > 0
    first = claims[0]["properties"]
    assert (first["subject"], first["anchor"]) == ("Soran", "Hama")
    assert (first["stated_distance_km"], first["stated_bearing_deg"]) == (20.0, 0.0)
    assert first["measured_distance_km"] == pytest.approx(17.7)
    # the inconsistent claim's NaN distance_off_km comes out as null
    bad = next(f["properties"] for f in claims if f["properties"]["verdict"] == "inconsistent")
    assert bad["distance_off_km"] is None
    assert bad["bearing_off_deg"] == pytest.approx(131.4)
    unverifiable = next(
        f["properties"] for f in claims if f["properties"]["verdict"] == "unverifiable"
    )
    assert unverifiable["subject"] == "Tell Qarn"
    assert unverifiable["subject_id"] is None
    assert unverifiable["measured_distance_km"] is None


def test_geojson_unresolved_features(collection):
    unresolved = {f["properties"]["name"]: f for f in _by_kind(collection, "unresolved")}
    assert set(unresolved) == {"Tell Qarn", "Wadi Zayt"}
    for feature in unresolved.values():
        assert UNRESOLVED_KEYS <= feature["properties"].keys()
    estimated = unresolved["Tell Qarn"]
    assert estimated["geometry"]["type"] == "Point"
    lon, lat = estimated["geometry"]["coordinates"]
    assert 36.29 < lon < 36.4 and 33.45 < lat < 33.56  # east of Damascus
    assert estimated["properties"]["estimate_radius_m"] == 4500.0
    assert estimated["properties"]["estimated_by"] == "5 km east of Damascus"
    assert unresolved["Wadi Zayt"]["geometry"] is None
    assert unresolved["Wadi Zayt"]["properties"]["estimate_radius_m"] is None


def test_empty_report_exports_empty_collection():
    assert to_geojson(empty_report()) == {"type": "FeatureCollection", "features": []}


def test_geojson_round_trip_through_geopandas(tmp_path, report):
    import geopandas

    path = tmp_path / "report.geojson"
    write_report(report, path)
    frame = geopandas.read_file(path)
    assert len(frame) == len(report.places) + len(report.claims) + len(report.unresolved)
    assert frame.crs.to_epsg() == 4326
    assert list(frame["kind"]).count("claim") == 3
    assert set(frame.loc[frame["kind"] == "claim", "verdict"]) == {
        "consistent",
        "inconsistent",
        "unverifiable",
    }
    assert frame.geometry.isna().sum() == 1  # Wadi Zayt has no estimate


def test_geodataframe_kinds(report):
    everything = to_geodataframe(report)
    assert list(everything["kind"]) == ["place"] * 4 + ["claim"] * 3 + ["unresolved"] * 2
    places = to_geodataframe(report, kind="place")
    assert list(places["name"]) == ["Soran", "Hama", "Damascus", "Geneva"]
    assert places.crs.to_epsg() == 4326
    assert places.geometry.geom_type.unique().tolist() == ["Point"]
    claims = geo_syria.to_geodataframe(report, kind="claim")
    assert claims.geometry.geom_type.unique().tolist() == ["Polygon"]
    assert claims["measured_distance_km"].iloc[0] == pytest.approx(17.7)
    assert "mentions" not in claims.columns


@pytest.mark.parametrize("kind", ["places", "Place", "point", ""])
def test_geodataframe_bad_kind(report, kind):
    with pytest.raises(InvalidOptionError, match=r"kind=.* is not allowed; choose one of 'place'"):
        to_geodataframe(report, kind=kind)


def test_gpkg_layers_round_trip(tmp_path, report):
    import geopandas
    import pyogrio

    path = tmp_path / "report.gpkg"
    write_gpkg(report, path)
    layers = dict(pyogrio.list_layers(path))
    assert list(layers) == list(LAYERS)
    assert layers["places"] == "Point"
    assert layers["claims"] == "Polygon"
    assert layers["claim_lines"] == "LineString"
    assert layers["unresolved"] == "Point"
    assert layers["mentions"] == "Point"
    for layer in ("places", "claims", "claim_lines", "unresolved", "mentions"):
        # what QGIS reads: the layer's CRS and its spatial index
        info = pyogrio.read_info(path, layer=layer)
        assert info["crs"] == "EPSG:4326"
        assert info["capabilities"]["fast_spatial_filter"]
    places = geopandas.read_file(path, layer="places")
    assert len(places) == 4 and places.crs.to_epsg() == 4326
    assert json.loads(places.loc[places["name"] == "Soran", "mentions"].iloc[0])[0]["doc"] == "doc1"
    claims = geopandas.read_file(path, layer="claims")
    assert sorted(claims["verdict"]) == ["consistent", "inconsistent", "unverifiable"]
    mentions = geopandas.read_file(path, layer="mentions")
    assert len(mentions) == sum(len(p.resolutions) for p in report.places)
    assert {"doc", "date", "source", "url", "sentence"} <= set(mentions.columns)
    lines = geopandas.read_file(path, layer="claim_lines")
    assert len(lines) == 2  # the unverifiable claim has no resolved subject
    unresolved = geopandas.read_file(path, layer="unresolved")
    assert sorted(unresolved["name"]) == ["Tell Qarn", "Wadi Zayt"]
    documents = pyogrio.read_dataframe(path, layer="documents")
    assert list(documents["status"]) == ["ok", "empty"]
    # writing again replaces the file instead of appending
    write_gpkg(report, path)
    assert len(geopandas.read_file(path, layer="places")) == 4


def test_gpkg_of_empty_report_has_every_layer(tmp_path):
    import pyogrio

    path = tmp_path / "empty.gpkg"
    write_report(empty_report(), path, format="gpkg")
    assert [name for name, _ in pyogrio.list_layers(path)] == list(LAYERS)


def test_csv_round_trip(tmp_path, report):
    """One file per kind, no JSON in cells, geometry as WKT."""
    import pandas as pd
    from shapely import wkt

    path = tmp_path / "report.csv"
    write_csv(report, path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        p.name for p in csv_paths(path).values()
    )
    tables = {kind: pd.read_csv(p) for kind, p in csv_paths(path).items()}
    for kind, frame in tables.items():
        assert list(frame.columns) == list(csv_columns(kind))
    assert {kind: len(f) for kind, f in tables.items()} == {
        "place": 4,
        "claim": 3,
        "mention": sum(len(p.resolutions) for p in report.places),
        "unresolved": 2,
    }
    places = tables["place"]
    hama = places[places["name"] == "Hama"].iloc[0]
    assert (hama["lat"], hama["lon"]) == (35.1318, 36.7578)
    assert wkt.loads(hama["wkt"]).x == 36.7578
    assert hama["n_mentions"] >= 1 and not str(hama["sources"]).startswith("[")
    region = wkt.loads(tables["claim"]["wkt"].iloc[0])
    assert region.geom_type == "Polygon"
    mentions = tables["mention"]
    assert "Hama" in set(mentions["text"]) and mentions["sentence"].notna().all()
    unresolved = tables["unresolved"]
    wadi = unresolved[unresolved["name"] == "Wadi Zayt"].iloc[0]
    assert pd.isna(wadi["wkt"]) and pd.isna(wadi["lat"])


@pytest.mark.parametrize("kind", ["place", "claim", "mention", "unresolved"])
def test_csv_tables_read_back_with_geometry_in_geopandas(tmp_path, report, kind):
    """geopandas.read_file (GDAL's CSV driver) takes the column named wkt as the geometry."""
    import geopandas

    path = tmp_path / "report.csv"
    write_report(report, path)
    frame = geopandas.read_file(csv_paths(path)[kind])
    assert isinstance(frame, geopandas.GeoDataFrame)
    expected = to_geodataframe(report, kind=kind)
    assert len(frame) == len(expected)
    assert frame.geometry.notna().sum() == expected.geometry.notna().sum()
    for got, want in zip(frame.geometry, expected.geometry, strict=True):
        assert (got is None) == (want is None)
        if want is not None:
            assert got.equals_exact(want, 1e-9)


def test_csv_one_kind_to_a_path(tmp_path, report):
    import pandas as pd

    write_report(report, tmp_path / "claims.csv", kind="claim")
    assert [p.name for p in tmp_path.iterdir()] == ["claims.csv"]
    assert len(pd.read_csv(tmp_path / "claims.csv")) == len(report.claims)


def test_csv_to_stream():
    out = io.StringIO()
    write_report(export_report(), out, format="csv", kind="place")
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == 4 and "kind" not in rows[0]


def test_csv_to_stream_needs_a_kind():
    with pytest.raises(InvalidOptionError, match=r"kind=None cannot be written .* 'mention'"):
        write_report(export_report(), io.StringIO(), format="csv")
    with pytest.raises(InvalidOptionError, match=r"kind='places' is not allowed"):
        write_csv(export_report(), io.StringIO(), kind="places")


def test_mention_table(report):
    frame = to_geodataframe(report, kind="mention")
    assert len(frame) == sum(len(p.resolutions) for p in report.places)
    assert set(frame["kind"]) == {"mention"}
    for column in ("doc", "date", "source", "title", "url", "place_id", "name", "lat", "lon"):
        assert column in frame.columns
    for column in ("feature_type", "confidence", "text", "sentence", "start", "end"):
        assert column in frame.columns
    row = frame[frame["text"] == "Hama"].iloc[0]
    assert (row["lat"], row["lon"]) == (35.1318, 36.7578)
    assert (row.geometry.x, row.geometry.y) == (36.7578, 35.1318)
    assert row["text"] in row["sentence"]
    keys = list(zip(frame["doc"], frame["start"], strict=True))
    order = {s.document.id: i for i, s in enumerate(report.documents)}
    assert keys == sorted(keys, key=lambda k: (order[k[0]], k[1]))  # document, then text order


def test_write_geojson_to_stdout(capsys, report):
    write_report(report)
    assert len(json.loads(capsys.readouterr().out)["features"]) == 9


@pytest.mark.parametrize("fmt", ["shp", "GeoJSON", "kml", ""])
def test_bad_format(tmp_path, report, fmt):
    with pytest.raises(InvalidOptionError, match=rf"format='{fmt}' is not allowed; choose one of"):
        write_report(report, tmp_path / "out.json", format=fmt)


@pytest.mark.parametrize("name", ["out.xlsx", "out", "out.shp"])
def test_format_not_implied_by_suffix(tmp_path, report, name):
    with pytest.raises(InvalidOptionError, match="cannot tell the format"):
        write_report(report, tmp_path / name)


@pytest.mark.parametrize(
    ("name", "fmt"), [("a.geojson", "geojson"), ("a.JSON", "geojson"), ("b.gpkg", "gpkg")]
)
def test_format_from_path(name, fmt):
    assert format_from_path(name) == fmt


@pytest.mark.parametrize("target", [None, "-", io.StringIO()])
def test_gpkg_needs_a_path(report, target):
    with pytest.raises(InvalidOptionError, match="format='gpkg' cannot be written to a stream"):
        write_report(report, target, format="gpkg")


@pytest.fixture(scope="module")
def samples_report(samples_dir):
    from geo_syria.documents import read_documents
    from geo_syria.pipeline import analyze

    return analyze(list(read_documents(sorted(samples_dir.glob("*.txt")))))


def test_samples_export_round_trips_in_every_format(tmp_path, samples_report):
    import geopandas
    import pandas as pd
    import pyogrio

    report = samples_report
    # unresolved names include claim subjects built from words ("the town"), which
    # recognition does not list in report.unresolved
    n = len(report.places) + len(report.claims) + len(report.unresolved_names)
    assert report.places and report.claims

    collection = to_geojson(report)
    json.dumps(collection, allow_nan=False)
    assert len(collection["features"]) == n
    names = {f["properties"]["name"] for f in _by_kind(collection, "place")}
    assert {"Damascus", "Hama", "Jobar", "Eastern Ghouta"} <= names
    abroad = {
        f["properties"]["name"]
        for f in _by_kind(collection, "place")
        if not f["properties"]["in_syria"]
    }
    assert "Geneva" in abroad

    write_report(report, tmp_path / "s.geojson")
    from_geojson = geopandas.read_file(tmp_path / "s.geojson")
    assert len(from_geojson) == n
    assert sorted(from_geojson.loc[from_geojson["kind"] == "place", "id"]) == sorted(
        rp.place.id for rp in report.places
    )

    write_report(report, tmp_path / "s.gpkg")
    layers = dict(pyogrio.list_layers(tmp_path / "s.gpkg"))
    assert list(layers) == list(LAYERS)
    places = geopandas.read_file(tmp_path / "s.gpkg", layer="places")
    claims = geopandas.read_file(tmp_path / "s.gpkg", layer="claims")
    assert len(places) == len(report.places) and len(claims) == len(report.claims)
    assert list(claims["verdict"]) == [c.verdict for c in report.claims]
    documents = pyogrio.read_dataframe(tmp_path / "s.gpkg", layer="documents")
    assert len(documents) == len(report.documents) == 2

    write_report(report, tmp_path / "s.csv")
    tables = {k: pd.read_csv(p) for k, p in csv_paths(tmp_path / "s.csv").items()}
    assert sum(len(tables[k]) for k in ("place", "claim", "unresolved")) == n
    assert len(tables["claim"]) == len(report.claims)


def test_claim_features_carry_the_estimate(collection):
    claims = {f["properties"]["verdict"]: f["properties"] for f in _by_kind(collection, "claim")}
    estimated = claims["unverifiable"]
    assert 36.29 < estimated["estimate_lon"] < 36.4 and 33.45 < estimated["estimate_lat"] < 33.56
    assert estimated["estimate_radius_m"] == 4500.0
    for resolved in (claims["consistent"], claims["inconsistent"]):
        assert resolved["estimate_lat"] is None
        assert resolved["estimate_lon"] is None
        assert resolved["estimate_radius_m"] is None


def _subject_only_in_claim(report):
    """The report with Tell Qarn known only as the claim's subject, not as a mention."""
    import dataclasses

    resolutions = tuple(r for r in report.resolutions if r.mention.text != "Tell Qarn")
    return dataclasses.replace(report, resolutions=resolutions)


def test_unresolved_claim_subject_is_exported_once_with_its_estimate(report):
    only_claim = _subject_only_in_claim(report)
    assert "Tell Qarn" not in {r.mention.text for r in only_claim.unresolved}
    for rep in (report, only_claim):  # listed by recognition or not: one feature
        features = _by_kind(to_geojson(rep), "unresolved")
        assert sorted(f["properties"]["name"] for f in features) == ["Tell Qarn", "Wadi Zayt"]
        tell = next(f for f in features if f["properties"]["name"] == "Tell Qarn")
        assert tell["geometry"]["type"] == "Point"
        assert tell["properties"]["estimated_by"] == "5 km east of Damascus"
    frame = to_geodataframe(only_claim, kind="unresolved")
    assert sorted(frame["name"]) == ["Tell Qarn", "Wadi Zayt"]


def test_subject_built_from_words_is_an_estimated_unresolved_feature(gazetteer):
    report = geo_syria.analyze(
        ["The rebel-held town lies 20 km north of Hama."], gazetteer=gazetteer
    )
    (claim,) = [f["properties"] for f in _by_kind(to_geojson(report), "claim")]
    assert claim["subject_id"] is None
    assert 35.2 < claim["estimate_lat"] < 35.4 and claim["estimate_radius_m"] > 0
    (unresolved,) = _by_kind(to_geojson(report), "unresolved")
    props = unresolved["properties"]
    assert props["name"] == "The rebel-held town"
    assert props["cue"] == "claim subject"
    assert (props["start"], props["end"]) == (0, 19)
    assert props["estimated_by"] == "20 km north of Hama"
    lon, lat = unresolved["geometry"]["coordinates"]
    assert (lat, lon) == pytest.approx((claim["estimate_lat"], claim["estimate_lon"]), abs=1e-5)
    assert 35.2 < lat < 35.4 and 36.6 < lon < 36.9  # north of Hama (35.13, 36.76)


@pytest.mark.parametrize("payload", ["=HYPERLINK(1)", "+1", "-2", "@SUM(1)", "\tx", "\rx"])
def test_csv_cells_that_look_like_formulas_are_quoted(payload):
    import dataclasses

    report = export_report()
    place = report.places[0]
    places = (
        dataclasses.replace(place, place=dataclasses.replace(place.place, name=payload)),
        *report.places[1:],
    )
    claim = dataclasses.replace(report.claims[0], text=payload + " km north of Hama")
    report = dataclasses.replace(report, places=places, claims=(claim, *report.claims[1:]))
    tables = {}
    for kind in ("place", "claim", "mention"):
        out = io.StringIO()
        write_csv(report, out, kind=kind)
        tables[kind] = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    rows = tables["place"]
    assert rows[0]["name"] == "'" + payload
    assert tables["claim"][0]["text"] == "'" + payload + " km north of Hama"
    assert next(r for r in rows if r["name"] == "Hama")["name"] == "Hama"
    assert "'" + payload in {r["name"] for r in tables["mention"]}
    assert rows[0]["lon"] == str(place.place.lon)  # numbers are left alone


def test_unresolved_name_estimated_by_its_context_is_exported_as_an_estimate(gazetteer):
    report = geo_syria.analyze(
        "Rebels seized the village of Zor Zor in the northern Hama countryside.",
        gazetteer=gazetteer,
    )
    unresolved = {f["properties"]["name"]: f for f in _by_kind(to_geojson(report), "unresolved")}
    zor = unresolved["Zor Zor"]
    assert zor["geometry"]["type"] == "Point"
    assert zor["properties"]["estimate_radius_m"] >= 50_000
    assert zor["properties"]["estimated_by"].startswith("estimated from its context: in the north")
    # an estimate is never a place
    assert "Zor Zor" not in {f["properties"]["name"] for f in _by_kind(to_geojson(report), "place")}
