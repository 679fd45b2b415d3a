"""``geo-syria extract``: GeoJSON to stdout, CSV and GeoPackage to files, clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _reports import export_report

from geo_syria.cli import main


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text("Rebels took Soran, 20 km north of Hama, on Tuesday.\n", encoding="utf-8")
    return path


@pytest.fixture
def fake_analysis(monkeypatch):
    """Replace reading and analysis by the hand-built report, to test the command alone."""
    seen = {}

    def analyze_files(args):
        from geo_syria.cli._reading import Analysis

        seen["args"] = args
        return Analysis.from_report(export_report())

    monkeypatch.setattr("geo_syria.cli.extract.analyze_files", analyze_files)
    return seen


def test_geojson_to_stdout_by_default(capsys, article, fake_analysis):
    assert main(["extract", str(article)]) == 0
    collection = json.loads(capsys.readouterr().out)
    kinds = [f["properties"]["kind"] for f in collection["features"]]
    assert kinds.count("place") == 4 and kinds.count("claim") == 3
    assert fake_analysis["args"].files == [str(article)]


def test_corpus_column_options_are_passed(article, fake_analysis, capsys):
    argv = ["extract", str(article), "--text-column", "body", "--id-column", "uid"]
    argv += ["--title-column", "headline", "--date-column", "day"]
    argv += ["--source-column", "outlet", "--url-column", "link"]
    assert main(argv) == 0
    args = fake_analysis["args"]
    assert (args.text_column, args.id_column, args.title_column, args.date_column) == (
        "body",
        "uid",
        "headline",
        "day",
    )
    assert (args.source_column, args.url_column) == ("outlet", "link")


def test_csv_to_file(tmp_path, article, fake_analysis, capsys):
    out = tmp_path / "out.csv"
    assert main(["extract", str(article), "--format", "csv", "-o", str(out)]) == 0
    names = ["out_places.csv", "out_claims.csv", "out_mentions.csv", "out_unresolved.csv"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([article.name, *names])
    rows = {n: (tmp_path / n).read_text(encoding="utf-8").splitlines() for n in names}
    assert rows["out_places.csv"][0].startswith("id,name,")
    assert [len(rows[n]) - 1 for n in names if n != "out_mentions.csv"] == [4, 3, 2]
    err = capsys.readouterr().err
    assert "wrote 4 places, 3 claims and 2 unresolved names" in err
    assert "out_mentions.csv" in err


def test_csv_to_stdout_is_an_error(capsys, article, fake_analysis):
    assert main(["extract", str(article), "--format", "csv"]) == 1
    assert "--format csv needs -o OUT.csv" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("name", "first_bytes"),
    [
        ("out.gpkg", b"SQLite format 3"),
        ("out.csv", b"id,name,"),
        ("out.json", b"{"),
        ("out", b"{"),
    ],
)
def test_format_follows_output_suffix(tmp_path, article, fake_analysis, name, first_bytes):
    out = tmp_path / name
    assert main(["extract", str(article), "-o", str(out)]) == 0
    if out.suffix == ".csv":
        out = out.with_name("out_places.csv")
    assert out.read_bytes().startswith(first_bytes)


def test_gpkg_to_file(tmp_path, article, fake_analysis, capsys):
    import pyogrio

    out = tmp_path / "out.gpkg"
    assert main(["extract", str(article), "--format", "gpkg", "-o", str(out)]) == 0
    assert "places" in dict(pyogrio.list_layers(out))


@pytest.mark.parametrize("output", [[], ["-o", "-"]])
def test_gpkg_without_output_is_an_error(capsys, article, fake_analysis, output):
    assert main(["extract", str(article), "--format", "gpkg", *output]) == 1
    err = capsys.readouterr().err
    assert "--format gpkg needs -o OUT.gpkg" in err
    assert "args" not in fake_analysis  # failed before any work


def test_unknown_format_is_a_usage_error(capsys, article):
    with pytest.raises(SystemExit) as exc:
        main(["extract", str(article), "--format", "shp"])
    assert exc.value.code == 2
    assert "invalid choice: 'shp'" in capsys.readouterr().err


def test_missing_gazetteer_store(capsys, article, tmp_path):
    missing = tmp_path / "nope.sqlite"
    assert main(["extract", str(article), "--gazetteer", str(missing)]) == 1
    assert f"--gazetteer={str(missing)!r} does not exist" in capsys.readouterr().err


def test_gazetteer_store_is_loaded(tmp_path):
    from _reports import DAMASCUS, HAMA

    from geo_syria.cli._reading import load_gazetteer
    from geo_syria.gazetteer.store import write_store

    store = write_store([DAMASCUS, HAMA], tmp_path / "store.sqlite")
    gazetteer = load_gazetteer(str(store))
    assert gazetteer.lookup("Hama")[0].id == HAMA.id
    assert load_gazetteer(None) is None  # the pipeline's default


def test_gazetteer_option_rejects_a_file_that_is_not_a_store(capsys, article, tmp_path):
    store = tmp_path / "store.sqlite"
    store.write_bytes(b"not sqlite at all")
    assert main(["extract", str(article), "--gazetteer", str(store)]) == 1
    assert "store.sqlite" in capsys.readouterr().err


def test_missing_file_alone_is_an_error(capsys, tmp_path):
    missing = tmp_path / "nope.txt"
    assert main(["extract", str(missing)]) == 1
    captured = capsys.readouterr()
    assert any(ln.startswith("  ") and str(missing) in ln for ln in captured.err.splitlines())
    assert "error: no document could be read" in captured.err
    assert captured.out == ""  # no empty FeatureCollection either


def test_missing_file_in_a_batch_is_a_failed_document(capsys, tmp_path, article):
    missing = tmp_path / "nope.txt"
    assert main(["extract", str(missing), str(article)]) == 3
    captured = capsys.readouterr()
    assert any(ln.startswith("  ") and str(missing) in ln for ln in captured.err.splitlines())
    assert json.loads(captured.out)["features"]  # the other article is still read


def test_extract_samples_end_to_end(capsys, samples_dir):
    files = sorted(str(p) for p in samples_dir.glob("*.txt"))
    assert main(["extract", *files]) == 0
    collection = json.loads(capsys.readouterr().out)
    names = {
        f["properties"]["name"]
        for f in collection["features"]
        if f["properties"]["kind"] == "place"
    }
    assert {"Damascus", "Hama"} <= names
    claims = [f for f in collection["features"] if f["properties"]["kind"] == "claim"]
    assert claims and all(f["properties"]["verdict"] for f in claims)


EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "example_article.txt"


def test_extract_example_article_end_to_end(capsys):
    """The project's own example article (the notebook's fallback) needs no shared data."""
    assert main(["extract", str(EXAMPLE)]) == 0
    features = json.loads(capsys.readouterr().out)["features"]
    places = {
        f["properties"]["name"]: f["properties"]
        for f in features
        if f["properties"]["kind"] == "place"
    }
    assert {"Damascus", "Jobar", "Eastern Ghouta", "Hama", "Khattab", "Maardas"} <= set(places)
    assert places["Geneva"]["in_syria"] is False
    claims = {f["properties"]["subject"]: f for f in features if f["properties"]["kind"] == "claim"}
    assert claims["Khattab"]["properties"]["anchor"] == "Hama"  # "about 10 km northwest of it"
    assert claims["Jobar"]["properties"]["from_extent"] is True  # from the Old City walls
    assert {c["properties"]["verdict"] for c in claims.values()} == {"consistent"}
    assert all(c["geometry"]["type"] == "Polygon" for c in claims.values())


@pytest.mark.parametrize("name", ["out.shp", "out.xlsx"])
def test_output_suffix_of_no_known_format_is_an_error(
    tmp_path, article, fake_analysis, capsys, name
):
    out = tmp_path / name
    assert main(["extract", str(article), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"-o {str(out)!r}" in err and repr(out.suffix) in err
    assert "'.geojson', '.json', '.geojsonl', '.geojsons', '.csv', '.gpkg', '.parquet'" in err
    assert "--format {geojson, geojsonseq, csv, gpkg, parquet}" in err
    assert not out.exists()
    assert "args" not in fake_analysis  # failed before any work


def test_explicit_format_overrides_an_unknown_suffix(tmp_path, article, fake_analysis):
    out = tmp_path / "out.txt"
    assert main(["extract", str(article), "--format", "csv", "-o", str(out)]) == 0
    assert (tmp_path / "out_claims.txt").read_bytes().startswith(b"doc,start,end,")


@pytest.fixture
def broken(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes(b"\x00\x01\x02" * 40)  # binary: fails to read
    return path


def test_some_documents_failed_exits_3_with_the_failures_listed(article, broken, capsys):
    assert main(["extract", str(article), str(broken)]) == 3
    captured = capsys.readouterr()
    assert "geo-syria: 1 of 2 documents failed:" in captured.err
    assert any(ln.startswith("  ") and str(broken) in ln for ln in captured.err.splitlines())
    assert json.loads(captured.out)["type"] == "FeatureCollection"


def test_every_document_failed_writes_nothing_and_exits_1(tmp_path, broken, capsys):
    out = tmp_path / "out.geojson"
    assert main(["extract", str(broken), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "error: no document could be read (1 failed, listed above); nothing written" in err
    assert list(tmp_path.iterdir()) == [broken]


def test_summary_line_counts_one_document_in_the_singular(tmp_path, capsys):
    article = tmp_path / "one.txt"
    article.write_text("Rebels took Soran, 20 km north of Hama.", encoding="utf-8")
    assert main(["extract", str(article), "-o", str(tmp_path / "out.geojson")]) == 0
    err = capsys.readouterr().err
    assert "1 claim and 0 unresolved names from 1 document (0 failed)" in err
