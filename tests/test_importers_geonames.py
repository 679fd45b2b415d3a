"""GeoNames importer on small GeoNames-format fixtures written for these tests."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from geo_syria.exc import GazetteerFormatError
from geo_syria.gazetteer.importers import import_source, sniff
from geo_syria.gazetteer.importers.geonames import GEONAMES_COLUMNS, feature_type, read_geonames

GN = Path(__file__).resolve().parent / "fixtures" / "geonames"


def _row(**changes) -> str:
    row = dict(
        zip(
            GEONAMES_COLUMNS,
            [
                "999",
                "Khattab",
                "Khattab",
                "Khatab",
                "35.1958",
                "36.668",
                "P",
                "PPL",
                "SY",
                "",
                "10",
                "",
                "",
                "",
                "0",
                "",
                "300",
                "Asia/Damascus",
                "2024-01-01",
            ],
            strict=True,
        )
    )
    row.update(changes)
    return "\t".join(row.values())


@pytest.fixture
def dump_dir(tmp_path):
    """A copy of the fixture directory we can add bad files to."""
    for f in GN.iterdir():
        shutil.copy(f, tmp_path / f.name)
    return tmp_path


def test_txt_reads_every_row_with_types_and_admin():
    result = read_geonames(GN / "SY.txt")
    by_id = {p.id: p for p in result.places}
    assert len(by_id) == 7 and not result.skipped
    damascus = by_id["geonames:170654"]
    assert damascus.feature_type == "city"
    assert (damascus.admin1, damascus.admin1_pcode) == ("Damascus", "SY01")
    assert "دمشق" in damascus.variants and "Dimashq" in damascus.variants
    assert damascus.population == 1569394
    assert by_id["geonames:7535707"].feature_type == "neighbourhood"
    assert by_id["geonames:170652"].feature_type == "governorate"
    assert by_id["geonames:170000"].feature_type == "water"
    suran = by_id["geonames:163076"]
    assert suran.feature_type == "village" and suran.admin1 == "Hama"
    # admin2Codes.txt beside the dump names the district
    assert suran.admin2 == "Muhradah District"
    # outside Syria, admin1 comes from admin1CodesASCII.txt
    beirut = by_id["geonames:276781"]
    assert beirut.country == "LB" and beirut.admin1 == "Beyrouth" and not beirut.in_syria
    assert all(p.provenance[0].dataset == "geonames-SY" for p in result.places)


def test_country_filter():
    result = read_geonames(GN / "SY.txt", country="lb")
    assert [p.name for p in result.places] == ["Beirut"]


def test_zip_equals_txt():
    txt, zipped = read_geonames(GN / "SY.txt"), read_geonames(GN / "SY.zip")
    assert [p.id for p in zipped.places] == [p.id for p in txt.places]


def test_allcountries_zip_member_found(tmp_path):
    with zipfile.ZipFile(tmp_path / "allCountries.zip", "w") as zf:
        zf.write(GN / "SY.txt", "allCountries.txt")
    result = read_geonames(tmp_path / "allCountries.zip", country="SY")
    assert len(result.places) == 6


def test_headed_tsv_like_reference(reference_dir):
    result = import_source(reference_dir / "geonames_sy_cities500.tsv")
    assert result.importer == "geonames"
    assert len(result.places) == 308 and not result.skipped
    halfaya = [p for p in result.places if "Halfaya" in p.names or "Ḩalfāyā" in p.names]
    assert halfaya and halfaya[0].admin1 == "Hama"


@pytest.mark.parametrize(
    ("fclass", "fcode", "pop", "expected"),
    [
        ("P", "PPLC", None, "city"),
        ("P", "PPLX", 0, "neighbourhood"),
        ("P", "PPL", 20000, "town"),
        ("A", "ADM2", None, "district"),
        ("A", "ADM3", None, "subdistrict"),
        ("A", "PCLI", None, "country"),
        ("L", "CMPRF", None, "camp"),
        ("S", "AIRB", None, "military"),
        ("T", "MT", None, "mountain"),
        ("S", "HTL", None, "landmark"),
    ],
)
def test_feature_type(fclass, fcode, pop, expected):
    assert feature_type(fclass, fcode, pop) == expected


@pytest.mark.parametrize(
    ("line", "column", "reason"),
    [
        (_row(latitude="95.0"), "latitude", "out of range"),
        (_row(longitude="east"), "longitude", "not a number"),
        (_row(name=""), "name", "empty"),
        ("\t".join(["1", "Short", "row"]), None, "expected 19 columns"),
    ],
)
def test_bad_row_is_reported_and_skipped(dump_dir, line, column, reason):
    path = dump_dir / "SY.txt"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + line + "\n" + _row(geonameid="1000") + "\n", encoding="utf-8")
    result = read_geonames(path)
    assert [p.id for p in result.places][-1] == "geonames:1000"
    assert len(result.places) == 8
    [skipped] = result.skipped
    assert (skipped.path, skipped.line, skipped.column) == (str(path), 8, column)
    assert reason in skipped.reason


def test_non_utf8_row_is_reported_and_skipped(dump_dir):
    path = dump_dir / "SY.txt"
    path.write_bytes(path.read_bytes() + _row(name="Caf\xe9").encode("latin-1") + b"\n")
    result = read_geonames(path)
    assert len(result.places) == 7
    assert result.skipped[0].line == 8 and "not UTF-8" in result.skipped[0].reason


def test_truncated_last_line_is_named(dump_dir):
    path = dump_dir / "SY.txt"
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 40])
    result = read_geonames(path)
    assert result.skipped[-1].line == 7
    assert "truncated" in result.skipped[-1].reason


@pytest.mark.parametrize(
    ("content", "match"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02binary", "binary"),
        (b"just,a,csv\n1,2,3\n", "not a GeoNames dump"),
        (b"geonameid\tname\n1\tX\n", "missing columns"),
    ],
)
def test_bad_file_raises(format_error, content, match):
    format_error(read_geonames, "SY.txt", content, match)


def test_truncated_zip_raises(tmp_path):
    data = (GN / "SY.zip").read_bytes()
    path = tmp_path / "SY.zip"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(GazetteerFormatError, match="zip"):
        read_geonames(path)


def test_all_rows_bad_raises(tmp_path):
    path = tmp_path / "SY.txt"
    path.write_text(_row(latitude="x") + "\n" + _row(latitude="y") + "\n", encoding="utf-8")
    with pytest.raises(GazetteerFormatError, match="no usable row"):
        read_geonames(path)


def test_sniff_recognises_dumps():
    assert sniff(GN / "SY.txt") == "geonames"
    assert sniff(GN / "SY.zip") == "geonames"
