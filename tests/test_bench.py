"""The benches: public API only, the measurement they run in a subprocess, the scoring rules."""

from __future__ import annotations

import ast
import importlib
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
#: What the pipeline and accuracy benches may import of geo_syria: the public API that
#: survives the rebuild of the core (a bench also measures an older checkout with it).
PUBLIC = {"geo_syria", "geo_syria.gazetteer.build", "geo_syria.gazetteer.store"}
PUBLIC_NAMES = {
    "geo_syria": {"analyze", "load_default_gazetteer", "OfflineGeocoder", "read_documents"},
    "geo_syria.gazetteer.build": {"build_gazetteer"},
    "geo_syria.gazetteer.store": {"load_store", "write_store"},
}


@pytest.fixture(scope="module")
def bench():
    sys.path.insert(0, str(BENCH))
    try:
        yield {
            name: importlib.import_module(name)
            for name in ("pipeline_bench", "_score", "cold_bench")
        }
    finally:
        sys.path.remove(str(BENCH))


@pytest.mark.parametrize("name", ["pipeline_bench.py", "accuracy.py", "_score.py"])
def test_benches_import_only_the_public_api(name):
    tree = ast.parse((BENCH / name).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("geo_syria"):
                    assert alias.name in PUBLIC, (name, alias.name)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("geo_syria"):
            assert node.module in PUBLIC, (name, node.module)
            assert {a.name for a in node.names} <= PUBLIC_NAMES[node.module], (name, node.module)
        elif (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "geo_syria"
        ):
            assert node.attr in PUBLIC_NAMES["geo_syria"] | {"__file__"}, (name, node.attr)


@pytest.mark.parametrize(
    ("ours", "base", "flag"),
    [(100.0, 100.0, "within"), (86.0, 100.0, "within"), (85.0, 100.0, "within"),
     (84.9, 100.0, "MORE THAN"), (150.0, 100.0, "within")],
)  # fmt: skip
def test_compare_flags_more_than_15_percent_slower(bench, ours, base, flag):
    line = bench["pipeline_bench"].compare(ours, base)
    assert line.startswith(f"{ours / base:.3f}x") and flag in line


def test_paired_ratios_compare_the_runs_of_each_round(bench):
    ours = [{"articles": 10, "first_cpu_s": t} for t in (2.0, 1.0, 4.0)]
    base = [{"articles": 10, "first_cpu_s": t} for t in (1.0, 1.0, 1.0)]
    assert bench["pipeline_bench"].paired_ratios(ours, base) == [0.5, 1.0, 0.25]
    with pytest.raises(ValueError, match="shorter"):
        bench["pipeline_bench"].paired_ratios(ours, base[:2])


@pytest.fixture(scope="module")
def tiny_corpus(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "tiny.csv"
    path.write_text(
        "unit_id,article_title,article_content,source,date,location,labels\n"
        '1,t,"Soran, some 20 km north of Hama, fell.",x,3/1/2017,Hama,1\n'
        '2,t,"Shelling hit Jobar and Qaboun in Damascus.",x,3/2/2017,Damascus,0\n',
        encoding="utf-8",
    )
    return path


def test_measure_times_the_passes_in_a_fresh_process(bench, tiny_corpus):
    pb = bench["pipeline_bench"]
    result = pb.measure_in(sys.executable, tiny_corpus, None, repeat=1)
    assert result["articles"] == 2 and result["gazetteer"] == "embedded default"
    assert result["first_s"] > 0 and result["warm_s"] > 0 and result["first_cpu_s"] > 0
    assert result["claims"] == 1
    # the subprocess imports the geo_syria of its python: here, the one of this process
    import geo_syria

    assert Path(result["geo_syria"]) == Path(geo_syria.__file__).parent


@pytest.mark.parametrize(
    ("gold", "capital"),
    [("Aleppo town", True), ("Ar Raqqah town", True), ("Deir ez Zor town", True),
     ("Damascus city", True), ("Al Bab town", False), ("Khan Shaykhun town", False),
     ("Marea town", False)],
)  # fmt: skip
def test_capitals_by_gold_name(bench, gold, capital):
    assert bench["_score"].is_capital(gold) is capital


def test_claim_names_fit_as_score_dev_says(bench):
    fits = bench["_score"].fits
    assert fits("Tabqa|Tabaqa", {"tabqa"}) and fits("*", set())
    assert fits("Kafar Naya|Kafr Naya", {"kafrnaya"})  # a long name inside a wanted one
    assert not fits("Hama", {"ham"}) and not fits("Maan", {"tamanah"})


def test_headlines_scored_by_distance_and_name(bench):
    s = bench["_score"]
    rows = [
        {"headline": "", "gold_name": "Al Bab town", "lat": "36.37", "lon": "37.52"},
        {"headline": "", "gold_name": "Aleppo town", "lat": "36.20", "lon": "37.16"},
    ]
    found = [
        [("al-Bab", 36.38, 37.52), ("Damascus", 33.51, 36.29)],
        [("Aleppo countryside", 36.0, 37.6)],
    ]
    score = s.score_headlines(rows, found)
    assert (score.hits, score.n_noncapital, score.hits_noncapital) == (1, 1, 1)
    assert (score.gold_mentions, score.gold_mentions_near) == (2, 1)
    assert (score.far_places, score.far_headlines) == (1, 1)


@pytest.fixture(scope="module")
def cold(bench):
    return bench["cold_bench"]


def _timed(wall, cpu):
    return {"wall": wall, "cpu": cpu}


@pytest.mark.parametrize(
    ("imports_wall", "out_of_reach"), [(0.45, True), (0.40, True), (0.25, False)]
)
def test_cold_report_shows_the_import_floor(cold, imports_wall, out_of_reach):
    result = {
        "ours": _timed(0.75, 0.86),
        "geotext": _timed(0.15, 0.14),
        "python": _timed(0.02, 0.02),
        "imports": _timed(imports_wall, 0.5),
    }
    lines = cold.report(result, target=0.4)
    floor = next(line for line in lines if line.lstrip().startswith("floor"))
    assert f"wall {imports_wall:.3f} s" in floor and f"({imports_wall / 0.75:.0%} of ours)" in floor
    assert any("out of reach" in line for line in lines) is out_of_reach
    assert "misses it" in lines[4]


def test_cold_report_without_floor_has_no_floor_line(cold):
    lines = cold.report({"ours": _timed(0.3, 0.3), "geotext": _timed(0.15, 0.14)}, target=0.4)
    assert "meets it" in lines[-1] and not any("floor" in line for line in lines)


def test_imported_modules_lists_what_a_run_ends_with(cold):
    import os

    names = cold.imported_modules("import json.decoder", dict(os.environ))
    assert "json" in names and "json.decoder" in names and "__main__" not in names
    assert "csv" not in names  # what the run did not import


def test_third_party_leaves_out_the_standard_library_and_ours(cold):
    names = [
        "json",
        "json.decoder",
        "numpy",
        "numpy._core",
        "geo_syria",
        "geo_syria.geo",
        "shapely",
    ]
    assert cold.third_party(names) == ["numpy", "numpy._core", "shapely"]


def test_cold_report_shows_the_libraries_floor(cold):
    result = {
        "ours": _timed(0.6, 0.6),
        "geotext": _timed(0.15, 0.14),
        "python": _timed(0.05, 0.05),
        "libraries": _timed(0.21, 0.2),
        "imports": _timed(0.42, 0.4),
    }
    lines = cold.report(result, target=0.4)
    assert "third-party libraries alone (numpy, shapely, ...): wall 0.210 s" in lines[-2]
