"""The SQLite gazetteer store: round trip, bounding-box and name queries, atomic writes."""

from __future__ import annotations

import sqlite3

import pytest
from shapely.geometry import box

from geo_syria.exc import GazetteerFormatError, InvalidOptionError
from geo_syria.gazetteer.store import load_store, store_bbox, store_lookup, write_store
from geo_syria.place import Place, Provenance

PLACES = [
    Place(
        id="ocha:N0030",
        name="Joubar Gharbi",
        lat=33.5226,
        lon=36.3309,
        feature_type="neighbourhood",
        variants=("جوبر الغربي", "Jobar"),
        admin1="Damascus",
        admin1_pcode="SY01",
        extent=box(36.32, 33.51, 36.34, 33.53),
        provenance=(Provenance("ocha:N0030", "ocha-cod-2016", "CC BY-IGO"),),
        raw={"AREA_EN": "Jowbar"},
    ),
    Place(
        id="geonames:163076",
        name="Şūrān",
        lat=35.2919,
        lon=36.7485,
        feature_type="village",
        variants=("Suran", "Soran"),
        admin1="Hama",
        population=0,
        precision_m=1500.0,
        provenance=(Provenance("geonames:163076", "geonames-SY", "CC BY 4.0"),),
    ),
    Place(
        id="geonames:276781",
        name="Beirut",
        lat=33.893,
        lon=35.502,
        feature_type="city",
        country="LB",
        population=1916100,
    ),
]


@pytest.fixture
def store(tmp_path):
    return write_store(PLACES, tmp_path / "g.sqlite")


def test_round_trip(store):
    gaz = load_store(store)
    assert [p for p in gaz] == PLACES  # Place equality ignores extent and raw
    jobar = gaz.get("ocha:N0030")
    assert jobar.extent.equals(PLACES[0].extent)
    assert jobar.raw == {"AREA_EN": "Jowbar"}
    assert jobar.provenance == PLACES[0].provenance
    assert gaz.get("geonames:163076").precision_m == 1500.0
    assert [p.id for p in gaz.lookup("Soran")] == ["geonames:163076"]
    assert gaz.name == str(store)


def test_bbox_query_on_disk(store):
    # a box touching only the extent of Joubar Gharbi, not its point
    assert [p.id for p in store_bbox(store, 33.505, 36.315, 33.515, 36.325)] == ["ocha:N0030"]
    ids = {p.id for p in store_bbox(store, 32.0, 35.0, 36.0, 37.0)}
    assert ids == {"ocha:N0030", "geonames:163076", "geonames:276781"}
    assert store_bbox(store, 0, 0, 1, 1) == []


def test_bbox_checks_coordinates(store):
    with pytest.raises(InvalidOptionError, match=r"latitude 95\.0 is out of range"):
        store_bbox(store, 95, 0, 96, 1)


def test_lookup_on_disk(store):
    assert [p.id for p in store_lookup(store, "Suran")] == ["geonames:163076"]
    assert [p.id for p in store_lookup(store, "جوبر الغربي")] == ["ocha:N0030"]
    assert store_lookup(store, "Nowhere") == []


def test_failed_build_leaves_no_file(tmp_path):
    def places():
        yield PLACES[0]
        raise RuntimeError("importer crashed")

    path = tmp_path / "g.sqlite"
    with pytest.raises(RuntimeError):
        write_store(places(), path)
    assert list(tmp_path.iterdir()) == []


def test_failed_build_keeps_the_old_store(store):
    before = store.read_bytes()
    with pytest.raises(GazetteerFormatError, match="occurs twice"):
        write_store([PLACES[0], PLACES[0]], store)
    assert store.read_bytes() == before
    assert [p.name for p in store.parent.iterdir()] == ["g.sqlite"]
    assert len(load_store(store)) == 3


def test_corrupt_store_raises(tmp_path):
    path = tmp_path / "g.sqlite"
    path.write_bytes(b"this is not a database, only some text" * 100)
    with pytest.raises(GazetteerFormatError, match="not a geo_syria gazetteer store") as info:
        load_store(path)
    assert info.value.path == str(path)


def test_other_sqlite_file_raises(tmp_path):
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE t (x)")
    with pytest.raises(GazetteerFormatError, match="not a geo_syria gazetteer store"):
        load_store(path)


def test_wrong_version_raises(store):
    with sqlite3.connect(store) as con:
        con.execute("UPDATE meta SET value = '99' WHERE key = 'format_version'")
    with pytest.raises(GazetteerFormatError, match="version '99'"):
        load_store(store)


def test_corrupt_record_raises(store):
    with sqlite3.connect(store) as con:
        con.execute("UPDATE places SET data = '{broken' WHERE rowid = 2")
    with pytest.raises(GazetteerFormatError, match="corrupt"):
        load_store(store)


def test_missing_store_raises(tmp_path):
    with pytest.raises(GazetteerFormatError, match="no such gazetteer store"):
        load_store(tmp_path / "absent.sqlite")


@pytest.mark.parametrize("dirname", ["a#b?c", "50% done", "x?mode=rw"])
def test_paths_with_uri_characters(tmp_path, dirname):
    # '#', '?' and '%' mean something in an SQLite URI; the store still opens read-only.
    path = write_store(PLACES, tmp_path / dirname / "g.sqlite")
    assert [p.id for p in load_store(path)] == [p.id for p in PLACES]
    assert [p.id for p in store_lookup(path, "Soran")] == ["geonames:163076"]
    assert [p.id for p in store_bbox(path, 33.8, 35.4, 34.0, 35.6)] == ["geonames:276781"]


def test_records_are_decoded_as_from_dict_does(store):
    # The store reads its JSON through Place.from_dict: the same checks apply.
    with sqlite3.connect(store) as con:
        data = con.execute("SELECT data FROM places WHERE rowid = 2").fetchone()[0]
        con.execute(
            "UPDATE places SET data = ? WHERE rowid = 2",
            (data.replace('"precision_m":1500.0', '"precision_m":0'),),
        )
    with pytest.raises(GazetteerFormatError, match=r"corrupt.*'geonames:163076'.*precision_m=0"):
        load_store(store)
