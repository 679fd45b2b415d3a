"""``geo-syria gazetteer build`` and ``download`` through geo_syria.cli.main."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from geo_syria.cli import main
from geo_syria.gazetteer.store import load_store

GN = Path(__file__).resolve().parent / "fixtures" / "geonames"


@pytest.fixture(scope="module")
def reference_sources(reference_dir):
    cod = reference_dir / "ocha_syr_cod_2016"
    return [
        *(str(cod / f"syr_admin{i}.shp") for i in (1, 2, 3)),
        str(cod / "city_neighbourhoods.shp"),
        str(reference_dir / "iom_dtm_syr_2026" / "iom_locations_matched_osm_points.csv"),
        str(reference_dir / "geonames_sy_cities500.tsv"),
    ]


def test_build_from_reference_files(reference_sources, tmp_path, capsys):
    out = tmp_path / "syria.sqlite"
    assert main(["gazetteer", "build", *reference_sources, "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "syr_admin1.shp (ocha): 14 places" in printed
    assert "iom_locations_matched_osm_points.csv (points): 2455 places" in printed
    assert "merged:" in printed and "rows skipped: 0" in printed
    gaz = load_store(out)
    assert "ocha:N0030" in gaz and "ocha:SY05" in gaz
    assert any(p.id.startswith("curated:") for p in gaz)  # the default is included
    assert [p.id for p in gaz.lookup("Joubar Gharbi")] == ["ocha:N0030"]


def test_build_without_default_from_geonames_fixture(tmp_path, capsys):
    out = tmp_path / "g.sqlite"
    code = main(["gazetteer", "build", str(GN / "SY.zip"), "-o", str(out), "--no-default",
                 "--country", "SY"])  # fmt: skip
    assert code == 0
    assert "6 places" in capsys.readouterr().out
    assert {p.country for p in load_store(out)} == {"SY"}


def test_build_reports_skipped_rows(tmp_path, capsys):
    src = tmp_path / "mine.csv"
    src.write_text("name,lat,lon\nSoran,35.2919,36.7485\nNowhere,135,36\n", encoding="utf-8")
    out = tmp_path / "g.sqlite"
    assert main(["gazetteer", "build", str(src), "-o", str(out), "--no-default"]) == 0
    printed = capsys.readouterr().out
    assert "rows skipped: 1" in printed
    assert f"{src}, line 3, column 'lat'" in printed


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"a,b\n1,2\n", "missing coordinate columns"),
        (b"name,lat\nX,1\n", "unrecognised source|missing"),
    ],
)
def test_bad_input_exits_1_and_writes_nothing(tmp_path, capsys, content, message):
    import re

    src = tmp_path / "bad.csv"
    src.write_bytes(content)
    out = tmp_path / "g.sqlite"
    assert main(["gazetteer", "build", str(src), "-o", str(out), "--no-default"]) == 1
    err = capsys.readouterr().err
    assert str(src) in err and re.search(message, err)
    assert not out.exists()


def test_download_offline_exits_1(tmp_path, capsys):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code = main(["gazetteer", "download", "geonames", "SY", "--dest", str(tmp_path),
                 "--base-url", f"http://127.0.0.1:{port}/"])  # fmt: skip
    assert code == 1
    assert "offline" in capsys.readouterr().err


def test_build_from_a_directory_of_shapefiles(tmp_path, reference_dir, capsys):
    store = tmp_path / "cod.sqlite"
    assert main(["gazetteer", "build", str(reference_dir / "ocha_syr_cod_2016"),
                 "--no-default", "-o", str(store)]) == 0  # fmt: skip
    gaz = load_store(store)
    kinds = {p.feature_type for p in gaz}
    assert {"governorate", "district", "subdistrict", "neighbourhood"} <= kinds
    assert gaz.get("ocha:N0030").extent is not None


def test_build_from_a_directory_without_sources_fails(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("nothing here")
    assert main(["gazetteer", "build", str(tmp_path), "-o", str(tmp_path / "x.sqlite")]) == 1
    assert "directory holds no gazetteer source" in capsys.readouterr().err
    assert not (tmp_path / "x.sqlite").exists()


def test_build_reports_rows_swallowed_by_an_unbalanced_quote(tmp_path, capsys):
    src = tmp_path / "mine.csv"
    rows = "".join(f"Village {i},35.{i},36.5\n" for i in range(1, 9))
    src.write_text(f'name,lat,lon\nSoran,35.2919,36.7485\n"Maardas,35.2,36.7\n{rows}')
    out = tmp_path / "g.sqlite"
    assert main(["gazetteer", "build", str(src), "-o", str(out), "--no-default"]) == 0
    printed = capsys.readouterr().out
    assert "mine.csv (user_csv): 1 places, 9 rows skipped" in printed
    assert "skipped 8 x row: swallowed by the unbalanced quote opened on line 3" in printed
    assert f"e.g. {src}, line 3: unbalanced quote" in printed
    assert "... 4 more skipped rows" in printed and "rows skipped: 9" in printed


def test_build_reads_a_tab_separated_user_file(tmp_path, capsys):
    src = tmp_path / "mine.tsv"
    src.write_text("name\tlat\tlon\nSoran\t35.2919\t36.7485\n")
    out = tmp_path / "g.sqlite"
    assert main(["gazetteer", "build", str(src), "-o", str(out), "--no-default"]) == 0
    assert [p.id for p in load_store(out)] == ["user:soran"]


def test_build_onto_a_directory_exits_1_with_one_line(tmp_path, capsys):
    src = tmp_path / "mine.csv"
    src.write_text("name,lat,lon\nSoran,35.2919,36.7485\n")
    out = tmp_path / "g.sqlite"
    out.mkdir()
    assert main(["gazetteer", "build", str(src), "-o", str(out), "--no-default"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("geo-syria: error:") and str(out) in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.sqlite", "mine.csv"]
