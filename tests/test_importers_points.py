"""Point-layer and user-CSV importers; merging OCHA neighbourhoods with OSM points."""

from __future__ import annotations

import re

import pytest

from geo_syria.exc import InvalidOptionError
from geo_syria.gazetteer.build import build_gazetteer, build_gazetteer_report
from geo_syria.gazetteer.importers import import_source, sniff
from geo_syria.gazetteer.importers.points import read_points
from geo_syria.gazetteer.importers.user_csv import read_user_csv
from geo_syria.gazetteer.merge import merge_places


@pytest.fixture(scope="module")
def iom(reference_dir):
    return reference_dir / "iom_dtm_syr_2026"


def test_iom_csv_points(iom):
    result = read_points(iom / "iom_locations_matched_osm_points.csv")
    assert len(result.places) == 2455 and not result.skipped
    assert all(p.id.startswith("osm:node/") for p in result.places)
    zamalka = next(p for p in result.places if p.name == "Zamalka")
    assert "زملكا" in zamalka.variants
    assert (zamalka.admin1_pcode, zamalka.admin3) == ("SY03", "Arbin")
    assert abs(zamalka.lat - 33.5262) < 1e-3 and abs(zamalka.lon - 36.3511) < 1e-3
    assert zamalka.sources == (zamalka.id, "iom:C2320")
    assert zamalka.provenance[0].licence == "ODbL 1.0"
    assert {p.feature_type for p in result.places} <= {"city", "town", "village"}


def test_rows_without_english_name_fall_back_to_other_names(iom):
    result = read_points(iom / "iom_locations_matched_osm_points.csv")
    assert all(p.name for p in result.places)


def test_iom_gpkg_matches_csv(iom):
    gpkg = read_points(iom / "iom_displacement_return_locations_validated.gpkg")
    csv = read_points(iom / "iom_locations_matched_osm_points.csv")
    assert sniff(iom / "iom_displacement_return_locations_validated.gpkg") == "points"
    assert [p.id for p in gpkg.places] == [p.id for p in csv.places]
    assert all(abs(a.lat - b.lat) < 1e-6 for a, b in zip(gpkg.places, csv.places, strict=True))


def test_geojson_with_chosen_columns(tmp_path):
    path = tmp_path / "p.geojson"
    path.write_text(
        '{"type":"FeatureCollection","features":[{"type":"Feature",'
        '"geometry":{"type":"Point","coordinates":[36.6058,35.2601]},'
        '"properties":{"label":"Halfaya","ar":"حلفايا","kind":"town"}}]}',
        encoding="utf-8",
    )
    [place] = read_points(
        path, name_column="label", variant_columns=["ar"], type_column="kind"
    ).places
    assert (place.name, place.variants, place.feature_type) == ("Halfaya", ("حلفايا",), "town")
    assert place.id == "p:1"


def test_points_csv_bad_rows(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text(
        "id,name,latitude,longitude\n1,A,33.5,36.3\n2,B,,36.3\n3,C,33.5,200\n4,,33.5,36.3\n",
        encoding="utf-8",
    )
    result = read_points(path)
    assert [p.id for p in result.places] == ["p:1"]
    assert [(s.line, s.column) for s in result.skipped] == [
        (3, "latitude"),
        (4, "longitude"),
        (5, "name"),
    ]


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [({"name_column": "nom"}, "name column 'nom'"), ({"lat_column": "y2"}, "latitude column")],
)
def test_points_unknown_column_raises(format_error, kwargs, match):
    format_error(
        lambda path: read_points(path, **kwargs), "p.csv", "name,lat,lon\nA,33.5,36.3\n", match
    )


def test_points_bad_feature_type_option(tmp_path):
    with pytest.raises(InvalidOptionError, match="feature_type='hamlet'"):
        read_points(tmp_path / "p.csv", feature_type="hamlet")


def test_user_csv(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text(
        "name,lat,lon,feature_type,variants,admin1,precision_m\n"
        "Maardas,35.2406,36.7236,village,Ma'ardes|Maar Dis,Hama,1500\n"
        "Bad type,35.2,36.7,hamlet,,,\n",
        encoding="utf-8",
    )
    assert sniff(path) == "user_csv"
    result = import_source(path)
    [place] = result.places
    assert (place.id, place.precision_m, place.admin1) == ("user:maardas", 1500.0, "Hama")
    assert place.variants == ("Ma'ardes", "Maar Dis")
    assert (result.skipped[0].line, result.skipped[0].column) == (3, "feature_type")


def test_user_csv_two_places_with_one_name(tmp_path):
    # Suran in Hama and Suran in Aleppo, 90 km apart: no id column, so ids come from
    # the name; the second gets its line number and both survive the merge.
    path = tmp_path / "mine.csv"
    path.write_text(
        "name,lat,lon,admin1\nSuran,35.2919,36.7485,Hama\nSuran,36.4706,37.4350,Aleppo\n",
        encoding="utf-8",
    )
    result = read_user_csv(path)
    assert [(p.id, p.admin1) for p in result.places] == [
        ("user:suran", "Hama"),
        ("user:suran-3", "Aleppo"),
    ]
    merged = merge_places(result.places)
    assert [p.admin1 for p in merged] == ["Hama", "Aleppo"]


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("0", r"precision_m='0' must be a finite number > 0"),
        ("-20", r"precision_m='-20' must be a finite number > 0"),
        ("wide", r"'wide' is not a number"),
    ],
)
def test_user_csv_bad_precision_is_reported(tmp_path, cell, reason):
    path = tmp_path / "mine.csv"
    path.write_text(
        f"name,lat,lon,precision_m\nSoran,35.2919,36.7485,{cell}\nHama,35.13,36.75,\n",
        encoding="utf-8",
    )
    result = read_user_csv(path)
    assert [p.name for p in result.places] == ["Hama"]
    [skipped] = result.skipped
    assert (skipped.line, skipped.column) == (2, "precision_m")
    assert re.search(reason, skipped.reason)


def test_user_csv_follows_the_curated_row_rules(tmp_path):
    # One parser serves both: cells are cleaned, name_ar joins the variants, a whole
    # population may be written "1200.0", and a bad one is reported with its column.
    path = tmp_path / "mine.csv"
    path.write_text(
        "name,lat,lon,name_ar,population,country\n"
        "  Maardas ,35.2406,36.7236,معردس,1200.0,sy\n"
        "Halfaya,35.26,36.60,,many,\n",
        encoding="utf-8",
    )
    result = read_user_csv(path)
    [place] = result.places
    assert (place.name, place.variants, place.population, place.country) == (
        "Maardas",
        ("معردس",),
        1200,
        "SY",
    )
    assert (result.skipped[0].line, result.skipped[0].column) == (3, "population")


@pytest.mark.parametrize(
    ("content", "match"),
    [
        (b"", "empty"),
        (b"name,lat\nX,1\n", "missing columns \\['lon'\\]"),
        (b"\xff\xfen\x00a\x00m\x00e\x00", "NUL bytes"),
        (b"name,lat,lon\n", "no rows"),
    ],
)
def test_user_csv_bad_file(format_error, content, match):
    format_error(read_user_csv, "mine.csv", content, match)


def test_user_csv_non_utf8_row(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_bytes(b"name,lat,lon\nGood,33.5,36.3\nCaf\xe9,33.5,36.3\n")
    result = read_user_csv(path)
    assert len(result.places) == 1
    assert (result.skipped[0].line, result.skipped[0].column) == (3, "name")


def test_ocha_neighbourhood_and_osm_point_merge(reference_dir, tmp_path):
    # An OSM point for Qaboun a few hundred metres from the OCHA neighbourhood's point:
    # the two records become one place with both provenances and every name.
    osm = tmp_path / "osm.csv"
    osm.write_text(
        "hot_id,hot_name_en,hot_name,hot_place,latitude,longitude\n"
        "node/42,Al-Qabun,القابون,suburb,33.5480,36.3420\n",
        encoding="utf-8",
    )
    neighbourhoods = reference_dir / "ocha_syr_cod_2016" / "city_neighbourhoods.shp"
    places = build_gazetteer([neighbourhoods, osm], include_default=False)
    assert len(places) == 414
    [qaboun] = [p for p in places if "osm:node/42" in p.sources]
    assert qaboun.id == "ocha:N0007"
    assert set(qaboun.sources) == {"ocha:N0007", "osm:node/42"}
    assert {"Al-Qabun", "القابون"} <= set(qaboun.variants)
    assert qaboun.extent is not None


def test_build_with_default_puts_curated_first(reference_dir):
    result = build_gazetteer_report(
        [reference_dir / "ocha_syr_cod_2016" / "city_neighbourhoods.shp"]
    )
    assert result.default_count > 1000
    ids = [p.id for p in result.places]
    assert ids[0].startswith("curated:")
    assert result.merged_count == result.read_count - len(result.places)
    assert len(set(ids)) == len(ids)


def test_points_csv_with_an_open_quote_reports_the_row_and_reads_on(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text(
        'id,name,latitude,longitude\n1,A,33.5,36.3\n2,"B,33.5,36.3\n3,C,33.5,36.3\n'
        '4,"D",33.5,36.3\n5,E,33.5,36.3\n',
        encoding="utf-8",
    )
    result = read_points(path)
    assert [p.id for p in result.places] == ["p:1", "p:5"]
    ((line, reason),) = [(s.line, s.reason) for s in result.skipped]
    assert line == 3 and "not valid CSV" in reason and "lines 3-5" in reason


def test_points_csv_with_a_field_over_the_csv_limit_is_a_skipped_row(tmp_path):
    import csv

    path = tmp_path / "p.csv"
    path.write_text(
        f"id,name,latitude,longitude\n1,{'A' * 300_000},33.5,36.3\n2,B,33.5,36.3\n",
        encoding="utf-8",
    )
    before = csv.field_size_limit()
    try:
        csv.field_size_limit(131_072)
        result = read_points(path)
    finally:
        csv.field_size_limit(before)
    assert [p.id for p in result.places] == ["p:2"]
    assert "field larger than field limit" in result.skipped[0].reason


def test_points_csv_header_with_an_open_quote_is_a_format_error(format_error):
    format_error(read_points, "p.csv", 'id,"name,latitude\n1,A,33\n', r"line 1.*not valid CSV")
