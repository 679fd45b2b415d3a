"""OCHA COD importer on the real shapefiles and CSVs in ../shared/reference."""

from __future__ import annotations

import shutil

import pytest

from geo_syria.exc import GazetteerFormatError
from geo_syria.gazetteer.importers import import_source, sniff
from geo_syria.gazetteer.importers.ocha import level_of, read_ocha


@pytest.fixture(scope="module")
def cod(reference_dir):
    return reference_dir / "ocha_syr_cod_2016"


def test_admin1_has_the_14_governorates(cod):
    result = read_ocha(cod / "syr_admin1.shp")
    assert len(result.places) == 14 and not result.skipped
    assert {p.id for p in result.places} == {f"ocha:SY{i:02d}" for i in range(1, 15)}
    hama = next(p for p in result.places if p.id == "ocha:SY05")
    assert hama.name == "Hama" and hama.feature_type == "governorate"
    assert hama.admin1_pcode == "SY05" and "حماة" in hama.variants
    assert hama.extent is not None and hama.extent.contains(hama.point())


@pytest.mark.parametrize(
    ("layer", "count", "ftype"),
    [("syr_admin2.shp", 62, "district"), ("syr_admin3.shp", 272, "subdistrict")],
)
def test_admin2_3_levels(cod, layer, count, ftype):
    result = read_ocha(cod / layer)
    assert len(result.places) == count
    assert {p.feature_type for p in result.places} == {ftype}
    # every record knows its governorate, by name and P-code
    assert all(p.admin1 and p.admin1_pcode.startswith("SY") for p in result.places)


def test_joubar_gharbi_neighbourhood(cod):
    result = read_ocha(cod / "city_neighbourhoods.shp")
    assert len(result.places) == 414
    jobar = next(p for p in result.places if p.id == "ocha:N0030")
    assert jobar.name == "Joubar Gharbi" and jobar.feature_type == "neighbourhood"
    assert (jobar.admin1, jobar.admin1_pcode, jobar.admin3_pcode) == (
        "Damascus",
        "SY01",
        "SY010000",
    )
    assert jobar.extent is not None and jobar.extent.geom_type in ("Polygon", "MultiPolygon")
    assert jobar.extent.buffer(1e-4).contains(jobar.point())
    assert abs(jobar.lat - 33.5226) < 1e-3 and abs(jobar.lon - 36.3309) < 1e-3
    assert jobar.raw["AREA_EN"] == "Jowbar"
    # the Arabic name with an embedded newline (N0164) is made one line
    assert all("\n" not in v for p in result.places for v in p.variants)


def test_csv_tables_agree_with_shapefiles(reference_dir, cod):
    shp = {p.id: p for p in read_ocha(cod / "city_neighbourhoods.shp").places}
    csv = {
        p.id: p for p in import_source(reference_dir / "ocha_syr_city_neighbourhoods.csv").places
    }
    assert shp.keys() == csv.keys()
    assert csv["ocha:N0030"].extent is None  # the CSV has a bbox only
    assert abs(csv["ocha:N0030"].lat - shp["ocha:N0030"].lat) < 1e-9
    admin3 = import_source(reference_dir / "ocha_syr_admin3.csv")
    assert len(admin3.places) == 272 and admin3.importer == "ocha"


def test_admin0_is_syria(cod):
    [syria] = read_ocha(cod / "syr_admin0.shp").places
    assert (syria.id, syria.feature_type, syria.country) == ("ocha:SY", "country", "SY")
    assert "Syria" in syria.variants and syria.extent.contains(syria.point())


def test_sniff_picks_ocha(cod, reference_dir):
    assert sniff(cod / "syr_admin1.shp") == "ocha"
    assert sniff(reference_dir / "ocha_syr_admin1.csv") == "ocha"


def test_level_of():
    assert [level_of(c) for c in ("SY", "SY01", "SY0100", "SY010000", "N0030", "C2320")] == [
        "country",
        "governorate",
        "district",
        "subdistrict",
        "neighbourhood",
        "village",
    ]


def test_missing_crs_with_degrees_is_taken_as_wgs84(cod, tmp_path, caplog):
    for ext in ("shp", "shx", "dbf", "cpg"):
        shutil.copy(cod / f"syr_admin1.{ext}", tmp_path / f"syr_admin1.{ext}")
    result = read_ocha(tmp_path / "syr_admin1.shp")
    assert len(result.places) == 14
    assert "no CRS" in caplog.text


@pytest.mark.filterwarnings("ignore:'crs' was not provided")
def test_unknown_crs_on_projected_coordinates_raises(tmp_path):
    import geopandas as gpd
    from shapely.geometry import Point

    frame = gpd.GeoDataFrame(
        {"PCODE": ["N0001"], "NAME_EN": ["X"]}, geometry=[Point(500000, 3700000)], crs=None
    )
    path = tmp_path / "projected.shp"
    frame.to_file(path)
    with pytest.raises(GazetteerFormatError, match="unknown CRS") as info:
        read_ocha(path)
    assert info.value.path == str(path)


def test_projected_crs_is_reprojected(tmp_path):
    import geopandas as gpd
    from shapely.geometry import Point

    frame = gpd.GeoDataFrame(
        {"PCODE": ["N0001"], "NAME_EN": ["X"]}, geometry=[Point(36.33, 33.52)], crs=4326
    ).to_crs(32637)
    path = tmp_path / "utm.gpkg"
    frame.to_file(path)
    [place] = read_ocha(path).places
    assert abs(place.lat - 33.52) < 1e-6 and abs(place.lon - 36.33) < 1e-6


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("NAME,LAT\nx,1\n", "missing columns"),
        ("PCODE,NAME_EN\nN1,X\n", "missing coordinate columns"),
        ("PCODE,NAME_EN,LATITUDE,LONGITUDE\n", "no rows"),
    ],
)
def test_bad_csv_raises(format_error, text, match):
    format_error(read_ocha, "ocha.csv", text, match)


def test_bad_csv_rows_are_reported(tmp_path):
    path = tmp_path / "ocha.csv"
    path.write_text(
        "PCODE,NAME_EN,LATITUDE,LONGITUDE\n"
        "N0001,Good,33.5,36.3\n"
        "N0002,,33.5,36.3\n"
        "N0003,Far,133.5,36.3\n"
        "XYZ,Odd,33.5,36.3\n"
        "N0005,Short\n",
        encoding="utf-8",
    )
    result = read_ocha(path)
    assert [p.id for p in result.places] == ["ocha:N0001"]
    assert [(s.line, s.column) for s in result.skipped] == [
        (3, "NAME_EN"),
        (4, "LATITUDE"),
        (5, "PCODE"),
        (6, None),
    ]


@pytest.mark.parametrize("name", ["ocha.tsv", "ocha.csv"])
def test_tab_separated_table_is_read(tmp_path, name):
    path = tmp_path / name
    path.write_text("PCODE\tNAME_EN\tLATITUDE\tLONGITUDE\nN0030\tJoubar Gharbi\t33.52\t36.33\n")
    [place] = read_ocha(path).places
    assert place.id == "ocha:N0030"


def test_unbalanced_quote_in_a_table_reports_every_swallowed_row(tmp_path):
    path = tmp_path / "ocha.csv"
    path.write_text(
        "PCODE,NAME_EN,LATITUDE,LONGITUDE\n"
        "N0001,Good,33.5,36.3\n"
        'N0002,"Open,33.5,36.3\n'
        "N0003,Lost,33.5,36.3\n"
        "N0004,Lost too,33.5,36.3\n",
        encoding="utf-8",
    )
    result = read_ocha(path)
    assert [p.id for p in result.places] == ["ocha:N0001"]
    assert [s.line for s in result.skipped] == [3, 4, 5]
    assert "unbalanced quote" in result.skipped[0].reason


def test_huge_cell_in_a_table_is_reported(tmp_path):
    path = tmp_path / "ocha.csv"
    path.write_text(
        "PCODE,NAME_EN,NAME_AR,LATITUDE,LONGITUDE\n"
        f"N0001,Good,{'ج' * 200_000},33.5,36.3\n"
        "N0002,Also good,,33.5,36.3\n",
        encoding="utf-8",
    )
    result = read_ocha(path)
    assert [p.id for p in result.places] == ["ocha:N0002"]
    assert [(s.line, s.column) for s in result.skipped] == [(2, "NAME_AR")]
