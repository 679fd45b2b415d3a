"""The hand-curated gazetteer file: every row valid, and true to the reference records it names."""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

import pytest

from geo_syria.exc import GazetteerFormatError
from geo_syria.gazetteer.curated import CURATED_COLUMNS, read_curated
from geo_syria.gazetteer.index import haversine_km
from geo_syria.place import FEATURE_TYPES

ROOT = Path(__file__).resolve().parents[1]
CURATED = ROOT / "gazetteer" / "curated.csv"
TEXT = CURATED.read_text(encoding="utf-8")
ROWS = list(csv.DictReader(TEXT.splitlines()))
SOURCES = {"ocha-cod-2016", "iom-dtm-osm-2026", "geonames-cities500", "curated-estimate"}
SOURCE_ID = re.compile(
    r"^(ocha:(N\d{4}|C\d{4}|SY\d{2,6})|osm:(node|way|relation)/\d+|geonames:\d+|curated:estimate)$"
)
REFERENCED = [r for r in ROWS if r["source_id"] != "curated:estimate"]


def test_header_is_the_schema():
    assert tuple(TEXT.splitlines()[0].split(",")) == CURATED_COLUMNS


def test_file_has_a_few_hundred_rows():
    assert 200 <= len(ROWS) <= 600


def test_every_row_reads_as_a_place():
    places = list(read_curated(TEXT, path=str(CURATED)))
    assert len(places) == len(ROWS)
    assert {p.feature_type for p in places} <= set(FEATURE_TYPES)


def test_ids_are_unique_slugs():
    ids = [r["id"] for r in ROWS]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)


def _row_problems(row: dict) -> list[str]:
    """Return what is wrong with one curated row (empty when it is valid)."""
    problems = []
    if row["feature_type"] not in FEATURE_TYPES:
        problems.append(f"feature_type {row['feature_type']!r} is not one of FEATURE_TYPES")
    try:
        lat, lon, precision = float(row["lat"]), float(row["lon"]), float(row["precision_m"])
    except ValueError as err:
        return [*problems, f"not a number: {err}"]
    # Syria's bounding box (the Golan and the borders included)
    if not (32.3 <= lat <= 37.4 and 35.6 <= lon <= 42.4):
        problems.append(f"({lat}, {lon}) is outside Syria's box")
    if not precision > 0:
        problems.append(f"precision_m={row['precision_m']!r} is not > 0")
    if row["source"] not in SOURCES:
        problems.append(f"source {row['source']!r} is not one of {sorted(SOURCES)}")
    if not SOURCE_ID.match(row["source_id"]):
        problems.append(f"source_id {row['source_id']!r} has no known form")
    if (row["source"] == "curated-estimate") != (row["source_id"] == "curated:estimate"):
        problems.append("source and source_id disagree on curated-estimate")
    if not row["licence"].strip():
        problems.append("licence is empty")
    if not row["name_ar"].strip():
        problems.append("name_ar is empty")
    if row["variants"] and not all(v.strip() for v in row["variants"].split("|")):
        problems.append(f"variants {row['variants']!r} hold an empty name")
    # A hand-placed neighbourhood or town claims no more than a reference point would.
    generous = {"neighbourhood", "town", "village", "city"}
    if row["source"] == "curated-estimate" and row["feature_type"] in generous:
        if precision < 800:
            problems.append(f"hand-placed {row['feature_type']} with precision_m {precision} < 800")
    return problems


def _table_report(bad: dict[str, list[str]]) -> str:
    return f"{len(bad)} bad rows:\n" + "\n".join(
        f"  {row_id}: {'; '.join(problems)}" for row_id, problems in bad.items()
    )


def test_every_row_is_valid():
    bad = {r["id"]: p for r in ROWS if (p := _row_problems(r))}
    assert not bad, _table_report(bad)


def test_table_check_names_every_bad_row():
    good = dict(ROWS[0])
    rows = [
        good,
        {**good, "id": "far", "lat": "50.0"},
        {**good, "id": "nameless", "name_ar": " ", "source": "nowhere"},
    ]
    bad = {r["id"]: p for r in rows if (p := _row_problems(r))}
    assert list(bad) == ["far", "nameless"]
    report = _table_report(bad)
    assert "far: (50.0," in report
    assert "nameless: source 'nowhere'" in report and "name_ar is empty" in report


# -- reference records --------------------------------------------------------------


def _read_csv(path: Path, **kwargs) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh, **kwargs))


@lru_cache(maxsize=1)
def _reference_points(reference_dir: Path) -> dict[str, tuple[float, float]]:
    points: dict[str, tuple[float, float]] = {}
    for r in _read_csv(reference_dir / "ocha_syr_city_neighbourhoods.csv"):
        points[f"ocha:{r['PCODE']}"] = (float(r["LATITUDE"]), float(r["LONGITUDE"]))
    for level in (1, 2, 3):
        for r in _read_csv(reference_dir / f"ocha_syr_admin{level}.csv"):
            points[f"ocha:{r['PCODE']}"] = (float(r["centroid_lat"]), float(r["centroid_lon"]))
    iom = reference_dir / "iom_dtm_syr_2026" / "iom_locations_matched_osm_points.csv"
    for r in _read_csv(iom):
        points[f"osm:{r['hot_id']}"] = (float(r["latitude"]), float(r["longitude"]))
    for r in _read_csv(reference_dir / "geonames_sy_cities500.tsv", delimiter="\t"):
        points[f"geonames:{r['geonameid']}"] = (float(r["latitude"]), float(r["longitude"]))
    return points


def test_rows_lie_within_their_precision_of_the_reference_records(reference_dir):
    points = _reference_points(reference_dir)
    bad = {}
    for row in REFERENCED:
        if row["source_id"] not in points:
            bad[row["id"]] = [f"{row['source_id']} is not in {reference_dir}"]
            continue
        ref_lat, ref_lon = points[row["source_id"]]
        km = float(haversine_km(float(row["lat"]), float(row["lon"]), ref_lat, ref_lon))
        if km * 1000 > float(row["precision_m"]):
            bad[row["id"]] = [
                f"{km:.2f} km from {row['source_id']}, precision {row['precision_m']} m"
            ]
    assert not bad, _table_report(bad)


def test_reference_rows_are_a_choice_not_an_export(reference_dir):
    # Each source contributes chosen records only, never a whole file.
    by_source: dict[str, int] = {}
    for row in REFERENCED:
        by_source[row["source"]] = by_source.get(row["source"], 0) + 1
    assert by_source["geonames-cities500"] < 308 / 2
    assert by_source["ocha-cod-2016"] < 414 / 4


# -- errors name file, line and column ------------------------------------------------

HEADER = ",".join(CURATED_COLUMNS)
GOOD = "jobar,Jobar,33.5239,36.3362,neighbourhood,900,ocha-cod-2016,ocha:N0030" + "," * 13


BAD_WKT = '"POLYGON ((1 2"'


def _with(column: str, value: str) -> str:
    cells = GOOD.split(",")
    cells[CURATED_COLUMNS.index(column)] = value
    return ",".join(cells)


@pytest.mark.parametrize(
    ("text", "match"),
    [
        (f"{HEADER}\n{GOOD}\n{GOOD.replace('33.5239', '95.1')}\n", r"bad\.csv.*line 3.*lat"),
        (f"{HEADER}\n{GOOD.replace('33.5239', 'north')}\n", r"bad\.csv.*line 2.*lat.*'north'"),
        (f"{HEADER}\n{GOOD.replace(',900,', ',,')}\n", r"bad\.csv.*line 2.*precision_m"),
        (
            f"{HEADER}\n{GOOD.replace(',900,', ',0,')}\n",
            r"file 'bad\.csv', line 2, column 'precision_m': precision_m='0' must be .* > 0",
        ),
        (
            f"{HEADER}\n{GOOD.replace(',900,', ',-900,')}\n",
            r"line 2, column 'precision_m': precision_m='-900'",
        ),
        (f"{HEADER}\n{GOOD.replace('neighbourhood', 'hamlet')}\n", r"bad\.csv.*line 2.*hamlet"),
        (
            f"{HEADER}\n{_with('extent_wkt', BAD_WKT)}\n",
            "file 'bad.csv', line 2, column 'extent_wkt'",
        ),
        ("id,name,lat,lon\njobar,Jobar,33.5,36.3\n", r"bad\.csv.*line 1.*feature_type"),
    ],
    ids=[
        "lat-out-of-range",
        "lat-not-a-number",
        "empty-precision",
        "zero-precision",
        "negative-precision",
        "bad-type",
        "bad-wkt",
        "missing-columns",
    ],
)
def test_errors_name_file_line_and_column(text, match):
    with pytest.raises(GazetteerFormatError, match=match):
        list(read_curated(text, path="bad.csv"))
