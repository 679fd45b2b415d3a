"""``geo-syria map`` and ``geo-syria assets fetch``: real reading and analysis, HTML written."""

from __future__ import annotations

import dataclasses
import json
import re

import pytest
from _assets import map_assets  # noqa: F401 - fixture
from _reports import HAMA_GOVERNORATE
from test_render import REMOTE_REF, data_of

from geo_syria.cli import main

PLANTED = (
    "Shelling hit <script>window.__pwned=1</script> Jobar on Monday, "
    'a <img src=x onerror="window.__pwned=2"> resident said. Rebels took Soran, '
    "20 km north of Hama.\n"
)


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "planted.txt"
    path.write_text(PLANTED, encoding="utf-8")
    return path


def test_map_of_an_article(tmp_path, article, capsys):
    out = tmp_path / "maps" / "map.html"
    argv = ["map", str(article), "-o", str(out), "--title", "Test <map>", "--cdn"]
    assert main(argv) == 0
    page = out.read_text(encoding="utf-8")
    names = {r["t"] for r in data_of(page, "geo_syria_places")}
    assert {"Jobar", "Hama"} <= names and names & {"Soran", "Suran"}
    assert "tile.openstreetmap.org" in page
    assert "<script>window.__pwned" not in page and 'onerror="window' not in page
    assert "Test &lt;map&gt;" in page
    assert re.search(r"wrote a map of \d+ places, \d+ claims? and", capsys.readouterr().err)


def test_map_of_a_corpus_column(tmp_path, capsys):
    corpus = tmp_path / "corpus.csv"
    corpus.write_text('uid,body\n1,"Rebels entered Jobar."\n', encoding="utf-8")
    out = tmp_path / "map.html"
    argv = ["map", str(corpus), "--text-column", "body", "--id-column", "uid", "-o", str(out)]
    assert main(argv) == 0
    assert [r["t"] for r in data_of(out.read_text(encoding="utf-8"), "geo_syria_places")] == [
        "Jobar"
    ]


def test_self_contained_map(tmp_path, article, map_assets, capsys):  # noqa: F811
    out = tmp_path / "map.html"
    argv = [
        "map",
        str(article),
        "-o",
        str(out),
        "--self-contained",
        "--assets-dir",
        str(map_assets),
    ]
    assert main(argv) == 0
    page = out.read_text(encoding="utf-8")
    assert not REMOTE_REF.search(page) and "tile.openstreetmap.org" not in page
    assert "self-contained" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--tiles", "Narnia"], r"tiles='Narnia' is not an xyzservices provider"),
        (["-o", "map.png"], r"-o .*map\.png' must end in \.html"),
        (["--gazetteer", "/nonexistent/store.sqlite"], r"--gazetteer=.* does not exist"),
    ],
)
def test_bad_options_exit_1_with_a_message(tmp_path, article, capsys, extra, message):
    argv = ["map", str(article), "-o", str(tmp_path / "map.html"), *extra]
    assert main(argv) == 1
    assert re.search(message, capsys.readouterr().err)


def test_missing_file_writes_no_map(tmp_path, capsys):
    assert main(["map", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "m.html")]) == 1
    assert "error: no document could be read" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_assets_fetch_uses_the_cache(map_assets, capsys):  # noqa: F811
    assert main(["assets", "fetch", "--dir", str(map_assets)]) == 0
    printed = capsys.readouterr().out.split()
    assert any(p.endswith("leaflet-1.9.3.tgz") for p in printed)


def test_assets_fetch_offline_is_a_clear_error(tmp_path, capsys):
    argv = ["assets", "fetch", "--dir", str(tmp_path), "--registry", "http://127.0.0.1:9"]
    assert main(argv) == 1
    assert "cannot reach" in capsys.readouterr().err


def test_map_of_the_samples(tmp_path, samples_dir, article, capsys):
    out = tmp_path / "samples.html"
    files = [str(p) for p in sorted(samples_dir.glob("*.txt"))] + [str(article)]
    assert main(["map", *files, "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    names = {r["t"] for r in data_of(page, "geo_syria_places")}
    assert {"Damascus", "Jobar", "Eastern Ghouta", "Hama", "Khattab", "Maardas"} <= names
    assert names & {"Soran", "Suran"}  # the gazetteer spells it Suran
    claims = data_of(page, "geo_syria_claims")
    assert claims and all(r["v"] in {"consistent", "inconsistent", "unverifiable"} for r in claims)
    assert json.loads(json.dumps(claims))  # valid JSON all the way


def test_gazetteer_store_boundaries_are_drawn(tmp_path, article, gazetteer, map_assets, capsys):  # noqa: F811
    from geo_syria.gazetteer.store import write_store

    hama_governorate = dataclasses.replace(
        HAMA_GOVERNORATE, id="test:SY05", name="Hama <governorate>"
    )
    store = write_store([*gazetteer, hama_governorate], tmp_path / "store.sqlite")
    out = tmp_path / "map.html"
    argv = ["map", str(article), "--gazetteer", str(store), "-o", str(out), "--self-contained"]
    argv += ["--assets-dir", str(map_assets)]
    assert main(argv) == 0
    page = out.read_text(encoding="utf-8")
    assert '"Admin boundaries"' in page
    assert "Hama \\u0026lt;governorate\\u0026gt;" in page  # escaped, then JSON-safe
    assert not REMOTE_REF.search(page)


def test_default_gazetteer_gives_the_boundaries(tmp_path, article, gazetteer, monkeypatch, capsys):
    import geo_syria.render

    seen = {}
    real_render_map = geo_syria.render.render_map

    def render_map(report, **kwargs):
        seen.update(kwargs)
        return real_render_map(report, **kwargs)

    monkeypatch.setattr(geo_syria.render, "render_map", render_map)
    assert main(["map", str(article), "-o", str(tmp_path / "m.html")]) == 0
    assert seen["boundaries"] is gazetteer  # the embedded default, not None


def test_failed_documents_are_listed_and_exit_3(tmp_path, article, capsys):
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"\x00\x01\x02" * 40)
    out = tmp_path / "m.html"
    assert main(["map", str(article), str(broken), "-o", str(out)]) == 3
    assert any(
        ln.startswith("  ") and str(broken) in ln for ln in capsys.readouterr().err.splitlines()
    )
    assert out.exists()


def test_every_document_failed_leaves_no_map(tmp_path, capsys):
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"\x00\x01\x02" * 40)
    out = tmp_path / "m.html"
    assert main(["map", str(broken), "-o", str(out)]) == 1
    assert "error: no document could be read (1 failed" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.txt"]


def test_map_and_extract_count_unresolved_names_alike(tmp_path, capsys):
    """One definition (``Report.unresolved_names``): a claim subject read from words counts."""
    article = tmp_path / "words.txt"
    article.write_text(
        "Fighters captured the village of Tell Zaytun, 12 km north of Hama, on Monday. "
        "The rebel-held town, about 20 km east of Homs, was shelled.\n",
        encoding="utf-8",
    )
    assert main(["map", str(article), "-o", str(tmp_path / "m.html")]) == 0
    on_map = re.search(r"([\d,]+) unresolved names?", capsys.readouterr().err).group(1)
    assert main(["extract", str(article), "-o", str(tmp_path / "x.geojson")]) == 0
    extracted = re.search(r"([\d,]+) unresolved names?", capsys.readouterr().err).group(1)
    features = json.loads((tmp_path / "x.geojson").read_text(encoding="utf-8"))["features"]
    exported = sum(1 for f in features if f["properties"]["kind"] == "unresolved")
    assert int(on_map) == int(extracted) == exported >= 1


def test_unresolved_claim_subjects_count_on_the_map(tmp_path, monkeypatch, capsys):
    """A claim's unresolved subject that recognition did not find counts as on the export."""
    from _reports import export_report

    from geo_syria.cli._reading import Analysis

    report = export_report()
    report = dataclasses.replace(
        report, resolutions=tuple(r for r in report.resolutions if r.place is not None)
    )
    assert len(report.unresolved) == 0 and len(report.unresolved_names) == 1
    fake = lambda args, **kwargs: Analysis.from_report(report)  # noqa: E731
    monkeypatch.setattr("geo_syria.cli.map.analyze_files", fake)
    monkeypatch.setattr("geo_syria.cli.extract.analyze_files", fake)
    article = tmp_path / "a.txt"
    article.write_text("x", encoding="utf-8")
    assert main(["map", str(article), "-o", str(tmp_path / "m.html")]) == 0
    assert "and 1 unresolved name from" in capsys.readouterr().err
    assert main(["extract", str(article), "-o", str(tmp_path / "x.csv")]) == 0
    assert "and 1 unresolved name from" in capsys.readouterr().err


def test_the_panel_counts_every_mention_of_an_unresolved_name(tmp_path, capsys):
    """The map keeps the first mentions of a name (NAME_SAMPLE_SIZE) but counts them all."""
    from geo_syria.cli.map import map_report
    from geo_syria.fold import NAME_SAMPLE_SIZE
    from geo_syria.pipeline import iter_reports
    from geo_syria.render.controls import unresolved_html

    n = NAME_SAMPLE_SIZE + 10
    text = "Fighters captured the village of Tell Zaytun."
    report, counts = map_report(iter_reports([text] * n))
    assert len(report.unresolved_names) == NAME_SAMPLE_SIZE and counts == {"Tell Zaytun": n}
    panel = unresolved_html(report, counts=counts)
    assert f"Tell Zaytun ×{n}</summary>" in panel and "<li>… and 10 more</li>" in panel
    # the command line passes the counts to the map and says the total
    corpus = tmp_path / "corpus.csv"
    corpus.write_text("uid,body\n" + "".join(f'{i},"{text}"\n' for i in range(n)), "utf-8")
    out = tmp_path / "map.html"
    argv = ["map", str(corpus), "--text-column", "body", "--id-column", "uid", "-o", str(out)]
    assert main(argv) == 0
    assert f"{n} unresolved names" in capsys.readouterr().err
    assert f"Tell Zaytun ×{n}\\u003c/summary" in out.read_text(encoding="utf-8")
