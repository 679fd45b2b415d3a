"""``geo-syria extract|claims|map`` stream: formats, progress bar, --quiet, Dask in order."""

from __future__ import annotations

import csv
import io
import json
import sys

import pytest

from geo_syria.cli import main
from geo_syria.export.parquet import parquet_paths

TEXTS = [
    "Rebels took Soran, 20 km north of Hama, on Tuesday.",
    "Shelling hit Aleppo; residents fled to Kafr Zaytoun, 10 km west of Hama.",
    "Government forces entered Douma, 10 km north-east of Damascus.",
] * 4


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "news.csv"
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "text"])
        writer.writerows([f"n{k}", text] for k, text in enumerate(TEXTS))
    return path


def test_geojsonseq_to_stdout(capsys, corpus):
    assert main(["extract", str(corpus), "--id-column", "id", "--format", "geojsonseq"]) == 0
    records = capsys.readouterr().out.split("\n")
    assert records.pop() == ""
    kinds = [json.loads(r.lstrip("\x1e"))["properties"]["kind"] for r in records]
    assert kinds.count("claim") == 12 and kinds[-1] == "place"


@pytest.mark.parametrize("name", ["out.parquet", "out.geojsonl", "out.gpkg"])
def test_file_formats_from_the_suffix(capsys, corpus, tmp_path, name):
    out = tmp_path / name
    assert main(["extract", str(corpus), "--id-column", "id", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "12 claims" in err and "from 12 documents (0 failed)" in err
    if name.endswith(".parquet"):
        import geopandas

        claims = geopandas.read_parquet(parquet_paths(out)["claim"])
        assert list(claims["doc"]) == [f"n{k}" for k in range(12)]
    else:
        assert out.stat().st_size > 0


def test_parquet_needs_a_path(capsys, corpus):
    assert main(["extract", str(corpus), "--format", "parquet"]) == 1
    assert "--format parquet needs -o OUT.parquet" in capsys.readouterr().err


def _terminal(monkeypatch):
    """Standard error is a terminal; the bar is drawn from the first document."""
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    monkeypatch.setattr("geo_syria.cli._reading.PROGRESS_DELAY", 0)


@pytest.mark.parametrize("command", ["extract", "claims"])
def test_progress_bar_on_a_terminal(capsys, monkeypatch, corpus, command, tmp_path):
    argv = [command, str(corpus), "--id-column", "id"]
    if command == "extract":
        argv += ["-o", str(tmp_path / "x.geojson")]
    _terminal(monkeypatch)
    assert main(argv) == 0
    assert "12 documents [" in capsys.readouterr().err  # tqdm: "12 documents [00:00, ...]"


def test_quiet_silences_the_progress_bar(capsys, monkeypatch, corpus, tmp_path):
    _terminal(monkeypatch)
    assert main(["extract", str(corpus), "--quiet", "-o", str(tmp_path / "x.geojson")]) == 0
    assert "documents [" not in capsys.readouterr().err


def test_no_progress_bar_off_a_terminal(capsys, monkeypatch, corpus, tmp_path):
    monkeypatch.setattr("geo_syria.cli._reading.PROGRESS_DELAY", 0)
    assert main(["extract", str(corpus), "-o", str(tmp_path / "x.geojson")]) == 0
    assert "documents [" not in capsys.readouterr().err


def test_claims_json_streams_one_list(capsys, corpus):
    assert main(["claims", str(corpus), "--id-column", "id", "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [r["doc"] for r in records] == [f"n{k}" for k in range(12)]


def test_claims_csv_streams_rows(capsys, corpus):
    assert main(["claims", str(corpus), "--id-column", "id", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["doc"] for r in rows] == [f"n{k}" for k in range(12)]


def test_map_counts_every_mention(capsys, corpus, tmp_path):
    out = tmp_path / "m.html"
    assert main(["map", str(corpus), "--id-column", "id", "-o", str(out)]) == 0
    assert "from 12 documents" in capsys.readouterr().err
    assert "4 mentions" in out.read_text(encoding="utf-8")  # Soran, in 4 documents


def test_progress_bar_names_the_dask_workers(capsys, monkeypatch, corpus, tmp_path):
    pytest.importorskip("distributed", reason="the cluster extra is not installed")
    _terminal(monkeypatch)
    out = tmp_path / "x.geojsonl"
    argv = ["extract", str(corpus), "--id-column", "id", "--workers", "2", "-o", str(out)]
    assert main(argv) == 0
    assert "on 2 Dask workers: 12 documents [" in capsys.readouterr().err
    assert main([*argv, "--quiet"]) == 0
    assert "documents [" not in capsys.readouterr().err
