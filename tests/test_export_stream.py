"""geo_syria.export.stream: exports written as documents finish, complete or absent."""

from __future__ import annotations

import io
import json
import sys

import pytest

from geo_syria.exc import InvalidOptionError
from geo_syria.export import csv_paths, open_writer, write_report
from geo_syria.export.parquet import parquet_paths
from geo_syria.fold import PlaceFold
from geo_syria.pipeline import analyze, iter_reports

TEXTS = [
    "Rebels took Soran, 20 km north of Hama, on Tuesday.",
    "Shelling hit Aleppo; residents of Aleppo fled toward Kafr Zaytoun, 10 km west of Hama.",
    "",
    "Government forces entered Douma, 10 km north-east of Damascus.",
]


def stream(target, *, format=None, batch_size=5000, gazetteer=None):
    """Write TEXTS through a streamed writer; return the writer."""
    fold = PlaceFold()
    with open_writer(target, format=format, batch_size=batch_size) as writer:
        for part in iter_reports(TEXTS, gazetteer=gazetteer):
            writer.write(part)
            fold.add(part)
        writer.close(places=fold.places())
    return writer


@pytest.fixture(scope="module")
def whole(gazetteer):
    return analyze(TEXTS, gazetteer=gazetteer)


def test_geojson_is_one_valid_collection_with_every_mention(gazetteer, whole):
    out = io.StringIO()
    writer = stream(out, gazetteer=gazetteer)
    features = json.loads(out.getvalue())["features"]
    kinds = [f["properties"]["kind"] for f in features]
    n_mentions = sum(len(p.resolutions) for p in whole.places)
    assert kinds.count("mention") == n_mentions == writer.counts["mention"]
    assert kinds.count("claim") == len(whole.claims) >= 3
    assert kinds.count("place") == len(whole.places)
    assert kinds[-len(whole.places) :] == ["place"] * len(whole.places)  # places last
    aleppo = next(f for f in features[-len(whole.places) :] if f["properties"]["name"] == "Aleppo")
    assert aleppo["properties"]["n_mentions"] == 2 and aleppo["properties"]["n_docs"] == 1
    assert "NaN" not in out.getvalue()


@pytest.mark.parametrize("format", ["geojson", "geojsonseq"])
def test_no_features_is_still_valid(format):
    out = io.StringIO()
    with open_writer(out, format=format) as writer:
        writer.close()
    if format == "geojson":
        assert json.loads(out.getvalue()) == {"type": "FeatureCollection", "features": []}
    else:
        assert out.getvalue() == ""


def test_geojsonseq_is_rfc_8142_and_holds_the_collections_features(gazetteer, tmp_path):
    target = tmp_path / "run.geojsonl"
    stream(target, gazetteer=gazetteer)
    text = target.read_text(encoding="utf-8")
    lines = text.split("\n")  # not splitlines(): it splits at the record separator too
    assert lines.pop() == ""
    assert lines and all(line.startswith("\x1e{") for line in lines)
    out = io.StringIO()
    stream(out, gazetteer=gazetteer)
    assert [json.loads(line[1:]) for line in lines] == json.loads(out.getvalue())["features"]
    import pyogrio

    if "GeoJSONSeq" in pyogrio.list_drivers():
        frame = pyogrio.read_dataframe(target)
        assert len(frame) == len(lines)


def test_csv_streamed_equals_the_whole_report_csv(gazetteer, whole, tmp_path):
    stream(tmp_path / "streamed.csv", gazetteer=gazetteer)
    write_report(whole, tmp_path / "whole.csv")
    streamed, full = csv_paths(tmp_path / "streamed.csv"), csv_paths(tmp_path / "whole.csv")
    for kind in streamed:
        assert streamed[kind].read_bytes() == full[kind].read_bytes(), kind


def test_gpkg_in_batches_has_every_row_and_typed_columns(gazetteer, whole, tmp_path):
    import pyogrio

    target = tmp_path / "run.gpkg"
    writer = stream(target, format="gpkg", batch_size=2, gazetteer=gazetteer)
    layers = [name for name, _ in pyogrio.list_layers(target)]
    assert layers == ["places", "claims", "claim_lines", "unresolved", "mentions", "documents"]
    claims = pyogrio.read_dataframe(target, layer="claims")
    assert len(claims) == len(whole.claims) and claims["distance_off_km"].dtype == "float64"
    mentions = pyogrio.read_dataframe(target, layer="mentions")
    assert len(mentions) == writer.counts["mention"] and mentions.crs.to_epsg() == 4326
    documents = pyogrio.read_dataframe(target, layer="documents")
    assert documents["status"].tolist() == ["ok", "ok", "empty", "ok"]
    assert [p.name for p in tmp_path.iterdir()] == ["run.gpkg"]


def test_geoparquet_is_read_by_geopandas_and_dask_geopandas(gazetteer, whole, tmp_path):
    import geopandas

    target = tmp_path / "run.parquet"
    writer = stream(target, batch_size=2, gazetteer=gazetteer)
    paths = parquet_paths(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in paths.values())
    mentions = geopandas.read_parquet(paths["mention"])
    assert len(mentions) == writer.counts["mention"] and mentions.crs.to_epsg() == 4326
    assert list(mentions["name"]) == [r.place.name for r in whole.resolutions if r.place]
    places = geopandas.read_parquet(paths["place"])
    assert list(places["id"]) == [p.place.id for p in whole.places]
    assert list(places["n_mentions"]) == [p.n_mentions for p in whole.places]
    claims = geopandas.read_parquet(paths["claim"])
    assert set(claims.geometry.geom_type) <= {"Polygon", "MultiPolygon", None}
    dask_geopandas = pytest.importorskip("dask_geopandas")
    frame = dask_geopandas.read_parquet(paths["mention"]).compute()
    assert len(frame) == len(mentions)


@pytest.mark.parametrize("suffix", [".geojson", ".geojsonl", ".csv", ".gpkg", ".parquet"])
def test_an_error_while_writing_leaves_no_file(gazetteer, tmp_path, suffix):
    with pytest.raises(RuntimeError, match="stop"), open_writer(tmp_path / f"x{suffix}") as w:
        for part in iter_reports(TEXTS[:2], gazetteer=gazetteer):
            w.write(part)
        raise RuntimeError("stop")
    assert list(tmp_path.iterdir()) == []


def test_abort_leaves_the_previous_file(tmp_path):
    target = tmp_path / "x.geojson"
    target.write_text("old", encoding="utf-8")
    writer = open_writer(target)
    writer.abort()
    assert target.read_text(encoding="utf-8") == "old" and len(list(tmp_path.iterdir())) == 1
    with pytest.raises(InvalidOptionError, match="this geojson writer is closed; open a new one"):
        writer.write(analyze(""))


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"format": "shp"}, r"format='shp' is not allowed; choose one of 'geojson', 'geojsonseq'"),
        ({"format": "gpkg"}, r"format='gpkg' cannot be written to a stream; give a path"),
        ({"format": "parquet"}, r"format='parquet' cannot be written to a stream"),
        ({"batch_size": 0}, r"batch_size=0 is not allowed; give a whole number >= 1"),
    ],
)
def test_bad_options(kwargs, match):
    with pytest.raises(InvalidOptionError, match=match):
        open_writer(io.StringIO(), **kwargs)


def test_suffix_of_no_format(tmp_path):
    with pytest.raises(InvalidOptionError, match=r"cannot tell the format of '.*x\.shp'"):
        open_writer(tmp_path / "x.shp")
    assert list(tmp_path.iterdir()) == []


def test_geoparquet_without_pyarrow_says_what_to_install(tmp_path, monkeypatch):
    from geo_syria.exc import MissingDependencyError

    monkeypatch.setitem(sys.modules, "pyarrow", None)  # as if it were not installed
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(MissingDependencyError, match=r"needs pyarrow.*geo_syria\[parquet\]"):
        open_writer(tmp_path / "out.parquet")
    assert list(tmp_path.iterdir()) == []
    assert issubclass(MissingDependencyError, ImportError)
