"""The SQLite gazetteer store: round trip, bounding-box and name queries, atomic writes."""

from __future__ import annotations

import json
import logging
import os
import pickle
import sqlite3
from contextlib import closing

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely.geometry import Point, box

from geo_syria.exc import GazetteerFormatError, InvalidOptionError
from geo_syria.gazetteer.store import (
    load_store,
    store_bbox,
    store_digest,
    store_lookup,
    write_store,
)
from geo_syria.gazetteer.tables import LazyPlaces
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


# -- bad rows: each names the row and the problem, never another exception ----------------


def _set_data(store, rowid, data):
    with sqlite3.connect(store) as con:
        con.execute("UPDATE places SET data = ? WHERE rowid = ?", (data, rowid))
    con.close()


def _edit_record(store, rowid, **changes):
    with sqlite3.connect(store) as con:
        record = json.loads(
            con.execute("SELECT data FROM places WHERE rowid = ?", (rowid,)).fetchone()[0]
        )
    con.close()
    record.update(changes)
    _set_data(store, rowid, json.dumps(record))


def test_store_row_json_null_names_the_row(store):
    _set_data(store, 2, "null")
    with pytest.raises(
        GazetteerFormatError, match=r"row 2 \(id 'geonames:163076'\): data is null, not an object"
    ):
        load_store(store)


def test_store_row_deep_nesting_names_the_row(store):
    _set_data(store, 1, "[" * 100_000 + "]" * 100_000)
    with pytest.raises(GazetteerFormatError, match=r"row 1 \(id 'ocha:N0030'\): data is nested"):
        load_store(store)


def test_store_row_deep_nesting_in_raw_names_the_row(store):
    deep: dict = {}
    for _ in range(50):
        deep = {"x": deep}
    _edit_record(store, 1, raw=deep)
    with pytest.raises(GazetteerFormatError, match=r"row 1 .*raw is nested deeper than 4 levels"):
        load_store(store)


@pytest.mark.parametrize(
    ("changes", "match"),
    [
        ({"name": None}, r"name=None is not a non-empty string"),
        ({"name": 17}, r"name=17 is not a non-empty string"),
        ({"id": ["x"]}, r"id=\['x'\] is not a non-empty string"),
        ({"lat": "35.29"}, r"lat='35.29' is not a number"),
        ({"lat": True}, r"lat=True is not a number"),
        ({"lat": 1.6e35}, r"lat=1\.6e\+35 is out of range -90\.\.90"),
        ({"lon": -181}, r"lon=-181 is out of range -180\.\.180"),
        ({"lon": float("nan")}, r"lon=nan is out of range"),
        ({"feature_type": "hamlet"}, r"feature_type='hamlet' is not one of country, "),
        ({"variants": "Suran"}, r"variants='Suran' is not a list of strings"),
        ({"variants": ["Suran", None]}, r"variants=\['Suran', None\] is not a list of strings"),
        ({"admin1": {"a": 1}}, r"admin1=\{'a': 1\} is not a string or null"),
        ({"population": -5}, r"population=-5 is not a whole number >= 0 or null"),
        ({"population": 1.5}, r"population=1\.5 is not a whole number"),
        ({"precision_m": "far"}, r"precision_m='far' is not a number or null"),
        ({"provenance": {"a": 1}}, r"provenance=\{'a': 1\} is not a list"),
        ({"provenance": [{"source_id": 1, "dataset": "x"}]}, r"provenance entry .* strings"),
        ({"provenance": [{"dataset": "x"}]}, r"provenance entry .*source_id and dataset required"),
        ({"raw": [1, 2]}, r"raw is an array, not an object"),
    ],
)
def test_store_row_wrong_types_name_the_row(store, changes, match):
    _edit_record(store, 2, **changes)
    with pytest.raises(GazetteerFormatError, match=r"row 2 \(id '[^']+'\): " + match):
        load_store(store)


@pytest.mark.parametrize(
    ("data", "match"),
    [
        ("[1, 2]", r"data is an array, not an object"),
        ('"text"', r"data is a string, not an object"),
        ("7", r"data is a number, not an object"),
        ("{broken", r"data is not JSON"),
        ('{"population": ' + "9" * 5000 + "}", r"data is not JSON"),
    ],
)
def test_store_row_not_an_object_names_the_row(store, data, match):
    _set_data(store, 3, data)
    with pytest.raises(GazetteerFormatError, match=r"row 3 \(id 'geonames:276781'\): " + match):
        load_store(store)


def test_store_row_data_as_blob_names_the_row(store):
    with sqlite3.connect(store) as con:
        con.execute("UPDATE places SET data = CAST(data AS BLOB) WHERE rowid = 2")
    con.close()
    with pytest.raises(GazetteerFormatError, match=r"row 2 .*data is bytes, not JSON text"):
        load_store(store)


def test_store_row_column_disagreeing_with_its_record_names_the_row(store):
    with sqlite3.connect(store) as con:
        con.execute("UPDATE places SET lat = 75.0 WHERE rowid = 2")
    con.close()
    with pytest.raises(GazetteerFormatError, match=r"row 2 .*column lat=75\.0 differs"):
        load_store(store)


@pytest.mark.parametrize(
    ("extent", "match"),
    [
        (b"\x01\x03\x00garbage", r"extent is not WKB"),
        ("POLYGON", r"extent is str, not WKB"),
        (box(0, 0, 500, 500).wkb, r"extent Polygon has bounds .* not lon/lat degrees"),
        (Point().wkb, r"extent Point has bounds \(nan"),
    ],
)
def test_store_row_bad_extent_names_the_row(store, extent, match):
    with sqlite3.connect(store) as con:
        con.execute("UPDATE places SET extent = ? WHERE rowid = 1", (extent,))
    con.close()
    with pytest.raises(GazetteerFormatError, match=r"row 1 \(id 'ocha:N0030'\): " + match):
        load_store(store)


def test_store_row_changed_within_range_fails_the_digest(store):
    # a flipped letter in a variant: valid JSON, valid types, columns agree; the digest sees it
    _edit_record(store, 2, variants=["Suran", "Sorax"])
    with pytest.raises(GazetteerFormatError, match=r"do not match their digest"):
        load_store(store)


def test_store_missing_rows_fail_the_count(store):
    with sqlite3.connect(store) as con:
        con.execute("DELETE FROM places WHERE rowid = 3")
    con.close()
    with pytest.raises(GazetteerFormatError, match=r"says it holds '3' places but has 2 rows"):
        load_store(store)


def test_store_without_digest_still_loads(store):
    # stores written before the digest existed have no records_sha256
    with sqlite3.connect(store) as con:
        con.execute("DELETE FROM meta WHERE key = 'records_sha256'")
    con.close()
    assert len(load_store(store)) == 3


def test_empty_store_loads_with_a_warning(tmp_path, caplog):
    path = write_store([], tmp_path / "empty.sqlite")
    with caplog.at_level(logging.WARNING, logger="geo_syria.gazetteer.store"):
        gaz = load_store(path)
    assert len(gaz) == 0
    assert f"gazetteer store {path} holds no places" in caplog.text


def test_load_store_takes_a_name(store):
    assert load_store(store, name="mine").name == "mine"


def test_bad_rows_are_checked_on_disk_queries_too(store):
    _set_data(store, 2, "null")
    with pytest.raises(GazetteerFormatError, match=r"row 2 .*data is null"):
        store_lookup(store, "Soran")
    with pytest.raises(GazetteerFormatError, match=r"row 2 .*data is null"):
        store_bbox(store, 35, 36, 36, 37)


def test_write_store_onto_a_directory_leaves_no_temp_file(tmp_path):
    target = tmp_path / "g.sqlite"
    target.mkdir()
    with pytest.raises(OSError):
        write_store(PLACES, target)
    assert [p.name for p in tmp_path.iterdir()] == ["g.sqlite"]


def test_write_store_leaves_no_journal(tmp_path):
    path = write_store(PLACES, tmp_path / "g.sqlite")
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


# -- property: a damaged store loads as the original or raises GazetteerFormatError --------

_VALID_STORE: dict[str, bytes] = {}
#: Examples per property; raise it for a long local run (4,000 found nothing more).
FUZZ_EXAMPLES = int(os.environ.get("GEO_SYRIA_FUZZ_EXAMPLES", "150"))
_FUZZ = settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def _valid_store_bytes(tmp_path_factory) -> bytes:
    if "bytes" not in _VALID_STORE:
        path = write_store(PLACES, tmp_path_factory.mktemp("valid") / "g.sqlite")
        _VALID_STORE["bytes"] = path.read_bytes()
    return _VALID_STORE["bytes"]


def _load_damaged(path, damaged: bytes, *, lazy: bool = False):
    path.write_bytes(damaged)
    try:
        gaz = load_store(path, lazy=lazy)
    except GazetteerFormatError:
        return
    # Whatever loads is the original, to the last field: nothing wrong gets through.
    assert list(gaz) == PLACES
    assert [p.raw for p in gaz] == [dict(p.raw) for p in PLACES]
    assert gaz.get("ocha:N0030").extent.equals(PLACES[0].extent)


@_FUZZ
@given(data=st.data())
def test_store_loader_with_random_byte_corruptions(tmp_path, tmp_path_factory, data):
    valid = _valid_store_bytes(tmp_path_factory)
    # half the flips land where the JSON records are, the rest anywhere in the file
    records = valid.index(b'{"id":')
    offsets = st.one_of(
        st.integers(0, len(valid) - 1), st.integers(records, min(len(valid), records + 1500) - 1)
    )
    flips = data.draw(st.lists(st.tuples(offsets, st.integers(1, 255)), min_size=1, max_size=8))
    damaged = bytearray(valid)
    for offset, mask in flips:
        damaged[offset] ^= mask
    _load_damaged(tmp_path / "damaged.sqlite", bytes(damaged))
    _load_damaged(tmp_path / "damaged.sqlite", bytes(damaged), lazy=True)


@_FUZZ
@given(data=st.data())
def test_store_loader_with_random_truncations(tmp_path, tmp_path_factory, data):
    valid = _valid_store_bytes(tmp_path_factory)
    size = data.draw(st.integers(0, len(valid) - 1))
    extra = data.draw(st.binary(max_size=64))
    _load_damaged(tmp_path / "damaged.sqlite", valid[:size] + extra)
    _load_damaged(tmp_path / "damaged.sqlite", valid[:size] + extra, lazy=True)


def test_store_row_raw_four_levels_deep_loads(store):
    with sqlite3.connect(store) as con:
        record = json.loads(con.execute("SELECT data FROM places WHERE rowid = 2").fetchone()[0])
    con.close()
    record["raw"] = {"a": {"b": [{"c": 1}]}}
    _set_data(store, 2, json.dumps(record))
    with sqlite3.connect(store) as con:  # an edit by hand: drop the digest it breaks
        con.execute("DELETE FROM meta WHERE key = 'records_sha256'")
    con.close()
    assert load_store(store).get("geonames:163076").raw == {"a": {"b": [{"c": 1}]}}


def test_directory_or_fifo_as_store_raises(tmp_path):
    (tmp_path / "dir.sqlite").mkdir()
    os.mkfifo(tmp_path / "fifo.sqlite")
    for name in ("dir.sqlite", "fifo.sqlite"):
        with pytest.raises(GazetteerFormatError, match="not a regular file"):
            load_store(tmp_path / name)


def test_name_keys_are_read_from_the_store_not_worked_out_again(store):
    from geo_syria.gazetteer.index import Gazetteer

    loaded = load_store(store)
    fresh = Gazetteer(PLACES)
    for name in ("Jowbar", "Joubar Gharbi", "Soran", "جوبر الغربي", "Beirut"):
        assert [p.id for p in loaded.lookup(name)] == [p.id for p in fresh.lookup(name)]


def test_store_with_name_labels_of_another_place_raises(store):
    with sqlite3.connect(store) as con:
        con.execute("UPDATE labels SET label = 'Aleppo' WHERE place = 2 AND label = 'Suran'")
    with pytest.raises(GazetteerFormatError, match=r"labels of row 2 \(id 'geonames:163076'\)"):
        load_store(store)


def test_store_without_name_labels_still_loads(store):
    # a store written before the labels table: its keys are worked out on load
    with sqlite3.connect(store) as con:
        con.execute("DROP TABLE labels")
    assert [p.id for p in load_store(store).lookup("Soran")] == ["geonames:163076"]


# -- lazy loading: the stored name tables, each place built when first used ---------------


def _same_answers(a, b):
    for name in ("Jowbar", "Joubar Gharbi", "Soran", "Sooran", "جوبر الغربي", "Beirut"):
        assert [(m.place.id, m.score, m.matched_name, m.how) for m in a.search(name)] == [
            (m.place.id, m.score, m.matched_name, m.how) for m in b.search(name)
        ]
        assert a.lookup(name) == b.lookup(name)


def test_lazy_load_answers_as_the_eager_load_and_builds_only_what_is_used(store):
    lazy, eager = load_store(store, lazy=True), load_store(store)
    assert type(lazy._places) is LazyPlaces and lazy._places.decoded() == 0
    assert len(lazy) == 3 and "geonames:163076" in lazy
    assert [p.id for p in lazy.lookup("Soran")] == ["geonames:163076"]
    assert lazy._places.decoded() == 1
    _same_answers(lazy, eager)
    assert lazy._exact == eager._exact and lazy._variant == eager._variant
    assert lazy._names == eager._names and lazy._fuzzy_keys() == eager._fuzzy_keys()
    assert list(lazy.places) == list(eager.places) == PLACES
    assert lazy.get("ocha:N0030") is lazy.places[0]  # built once
    assert lazy.get("ocha:N0030").extent.equals(PLACES[0].extent)
    assert [p.raw for p in lazy] == [dict(p.raw) for p in PLACES]
    assert lazy.content_hash == eager.content_hash == store_digest(store)


def test_lazy_gazetteer_pickles(store):
    lazy = load_store(store, lazy=True)
    lazy.lookup("Soran")
    back = pickle.loads(pickle.dumps(lazy))
    assert list(back) == PLACES and back.content_hash == lazy.content_hash


def test_the_content_hash_changes_with_any_record(tmp_path):
    one = store_digest(write_store(PLACES, tmp_path / "a.sqlite"))
    moved = [PLACES[0], PLACES[1].evolve(lat=35.3), PLACES[2]]
    assert store_digest(write_store(moved, tmp_path / "b.sqlite")) != one
    assert store_digest(write_store(PLACES, tmp_path / "c.sqlite")) == one


@pytest.mark.parametrize(
    ("sql", "reason"),
    [
        ("UPDATE tables SET value = '{}' WHERE name = 'exact'", "do not match their digest"),
        ("UPDATE meta SET value = 'x' WHERE key = 'tables_sha256'", "do not match their digest"),
    ],
)
def test_damaged_name_tables_are_worked_out_again_with_a_warning(store, caplog, sql, reason):
    with sqlite3.connect(store) as con:
        con.execute(sql)
    con.close()
    with caplog.at_level(logging.WARNING, logger="geo_syria.gazetteer.store"):
        gaz = load_store(store, lazy=True)
    assert reason in caplog.text and type(gaz._places) is tuple  # loaded eagerly
    _same_answers(gaz, load_store(store))


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ('["suran",[[0,7]]]', "name table is not of place numbers 0..2"),
        ('["suran",[7]]', "a bucket holds an item the table may not have"),
        ('["suran",[-1]]', "a bucket holds an item the table may not have"),
        ('["suran\\nsoran",[1]]', "the keys and their buckets do not pair up"),
        ('{"suran":[1]}', "is not a pair of columns"),
    ],
)
def test_name_tables_with_consistent_digest_but_bad_numbers_are_not_used(
    store, caplog, value, reason
):
    from geo_syria.gazetteer.store_write import tables_digest

    with sqlite3.connect(store) as con:
        con.execute("UPDATE tables SET value = ? WHERE name = 'variant'", (value,))
        texts = dict(con.execute("SELECT name, value FROM tables"))
        con.execute(
            "UPDATE meta SET value = ? WHERE key = 'tables_sha256'", (tables_digest(texts),)
        )
    con.close()
    with caplog.at_level(logging.WARNING, logger="geo_syria.gazetteer.store"):
        gaz = load_store(store, lazy=True)
    assert reason in caplog.text
    assert [p.id for p in gaz.lookup("Suran")] == ["geonames:163076"]


@pytest.mark.parametrize(
    ("sql", "match"),
    [
        # a column changed: the lazy load sees the columns' digest and names the row
        ("UPDATE places SET name = 'Suran' WHERE rowid = 2", "row 2 .*column name='Suran'"),
        ("UPDATE places SET lat = 1.6e35 WHERE rowid = 2", r"row 2 .*column lat=1.6e\+35"),
        ("UPDATE places SET id = 'x:y' WHERE rowid = 2", "row 2 .*column id='x:y'"),
    ],
)
def test_lazy_load_of_a_changed_column_names_the_row(store, sql, match):
    with sqlite3.connect(store) as con:
        con.execute(sql)
    con.close()
    with pytest.raises(GazetteerFormatError, match=match):
        load_store(store, lazy=True)


def test_lazy_load_of_a_changed_record_fails_the_digest(store):
    _edit_record(store, 2, variants=["Suran", "Sorax"])
    with pytest.raises(GazetteerFormatError, match=r"do not match their digest"):
        load_store(store, lazy=True)


@pytest.mark.parametrize(
    "sql",
    [
        "DROP TABLE tables",  # a store written before stores held name tables
        "UPDATE meta SET value = '0.0.1' WHERE key = 'geo_syria_version'",  # another version
        "DELETE FROM meta WHERE key = 'columns_sha256'",
    ],
)
def test_lazy_load_without_usable_tables_loads_eagerly(store, sql):
    with sqlite3.connect(store) as con:
        con.execute(sql)
    con.close()
    gaz = load_store(store, lazy=True)
    assert type(gaz._places) is tuple and list(gaz) == PLACES
    assert [p.id for p in gaz.lookup("Soran")] == ["geonames:163076"]


def _keys_by_other_code(path) -> None:
    """Make a store look written by code with other name keys (stale variant keys)."""
    with closing(sqlite3.connect(path)) as con:
        con.execute("UPDATE meta SET value = 'other' WHERE key = 'keys_sha256'")
        con.execute("UPDATE labels SET variant = 'stale' WHERE variant = 'suran'")
        con.execute("UPDATE names SET key = 'stale' WHERE key = 'suran'")
        con.commit()


@pytest.mark.parametrize("lazy", [True, False])
def test_keys_made_by_other_code_are_worked_out_again(store, caplog, lazy):
    _keys_by_other_code(store)
    with caplog.at_level(logging.INFO, logger="geo_syria.gazetteer.store"):
        gaz = load_store(store, lazy=lazy)
    assert [p.id for p in gaz.lookup("Soran")] == ["geonames:163076"]
    assert "name keys were made by other code" in caplog.text
    assert [p.id for p in store_lookup(store, "Suran")] == ["geonames:163076"]


def test_keys_of_this_code_are_read_from_the_store(store):
    with closing(sqlite3.connect(store)) as con:  # a stale key the digest vouches for is used
        con.execute("UPDATE names SET key = 'stale' WHERE key = 'suran'")
        con.commit()
    assert store_lookup(store, "Suran") == []
