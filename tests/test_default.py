import logging
import os
import pickle
import sqlite3
import time

import pytest

from geo_syria.gazetteer import default
from geo_syria.gazetteer.index import Gazetteer
from geo_syria.gazetteer.store import load_store, write_store
from geo_syria.place import Place

SMALL = (
    Place(id="curated:hama", name="Hama", lat=35.1318, lon=36.7578, feature_type="city"),
    Place(id="curated:soran", name="Soran", lat=35.2919, lon=36.7485, feature_type="town"),
    Place(id="curated:maardas", name="Maardas", lat=35.2, lon=36.7, feature_type="village"),
)


@pytest.fixture(autouse=True)
def _fresh_memory():
    # Each test starts and ends without a gazetteer in memory, so the next load reads
    # the (possibly monkeypatched) disk cache.
    default.clear_cache()
    yield
    default.clear_cache()


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A private cache folder; returns the default cache file's path in it."""
    monkeypatch.setenv("GEO_SYRIA_CACHE", str(tmp_path))
    return tmp_path / default._cache_key(default.curated_text())


@pytest.fixture
def builds(monkeypatch):
    """Replace the (slow) default build by a three-place one; returns the list of builds."""
    made = []

    def build():
        made.append(Gazetteer(SMALL, name="default"))
        return made[-1]

    monkeypatch.setattr(default, "build_default_gazetteer", build)
    return made


def _load(**kwargs):
    default.clear_cache()  # bypass the in-memory cache
    return default.load_default_gazetteer(**kwargs)


def _rebuilt_with_warning(cache, builds, caplog, reason):
    """Load; assert it rebuilt once, warned with ``reason`` and left a valid cache."""
    with caplog.at_level(logging.WARNING, logger="geo_syria.gazetteer.default"):
        gaz = _load()
    assert len(builds) == 1 and gaz is builds[0]
    assert "ignoring unreadable gazetteer cache" in caplog.text
    assert reason in caplog.text
    assert [p.id for p in load_store(cache)] == [p.id for p in SMALL]
    assert sorted(p.name for p in cache.parent.iterdir()) == [cache.name]  # no temp file


def test_first_load_writes_cache_and_second_reads_it(cache, monkeypatch):
    first = _load()
    assert cache.is_file() and cache.suffix == ".sqlite"
    monkeypatch.setattr(default, "build_default_gazetteer", lambda: 1 / 0)  # must not rebuild
    second = _load()
    assert isinstance(second, Gazetteer) and second is not first
    assert second.name == "default" and len(second) == len(first)
    assert second.lookup("Jowbar")[0].id == first.lookup("Jowbar")[0].id
    assert list(second.places) == list(first.places)
    assert [p.raw for p in second] == [dict(p.raw) for p in first]  # the evidence survives
    assert sorted(p.name for p in cache.parent.iterdir()) == [cache.name]


def test_cache_key_names_an_sqlite_store():
    assert default._cache_key("x").startswith("default-")
    assert default._cache_key("x").endswith(".sqlite")
    assert default._cache_key("x") != default._cache_key("y")


class _Payload:
    """Pickles to a call of exec() that leaves a marker file: proof the cache was executed."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return exec, (f"open({self.marker!r}, 'w').write('ran')",)


def test_planted_pickle_in_the_cache_dir_is_not_executed_and_rebuilt(
    cache, builds, caplog, tmp_path_factory
):
    marker = tmp_path_factory.mktemp("marker") / "executed"
    payload = pickle.dumps(_Payload(marker))
    cache.write_bytes(payload)
    cache.with_suffix(".pickle").write_bytes(payload)  # where the old cache lived
    with caplog.at_level(logging.WARNING, logger="geo_syria.gazetteer.default"):
        _load()
    assert not marker.exists()
    assert len(builds) == 1 and "ignoring unreadable gazetteer cache" in caplog.text
    assert [p.id for p in load_store(cache)] == [p.id for p in SMALL]
    assert cache.with_suffix(".pickle").read_bytes() == payload  # never read, left alone


def test_flipped_bytes_in_a_record_are_rebuilt_with_warning(cache, builds, caplog):
    write_store(SMALL, cache)
    data = bytearray(cache.read_bytes())
    at = data.index(b"Soran", data.index(b'"name":"Soran"'))
    data[at] ^= 0x01  # 'S' -> 'R': still JSON, still a string: only the digest sees it
    cache.write_bytes(bytes(data))
    _rebuilt_with_warning(cache, builds, caplog, "differs from the record")


def test_flipped_bytes_in_the_file_header_are_rebuilt_with_warning(cache, builds, caplog):
    write_store(SMALL, cache)
    data = bytearray(cache.read_bytes())
    data[0:16] = bytes(b ^ 0xFF for b in data[0:16])
    cache.write_bytes(bytes(data))
    _rebuilt_with_warning(cache, builds, caplog, "not a geo_syria gazetteer store")


def test_truncated_cache_is_rebuilt_with_warning(cache, builds, caplog):
    write_store(SMALL, cache)
    cache.write_bytes(cache.read_bytes()[:3000])
    _rebuilt_with_warning(cache, builds, caplog, "GazetteerFormatError")


def test_a_latitude_of_1_6e35_in_the_cache_is_rejected_and_rebuilt(cache, builds, caplog):
    write_store(SMALL, cache)
    with sqlite3.connect(cache) as con:
        data = con.execute("SELECT data FROM places WHERE rowid = 2").fetchone()[0]
        con.execute(
            "UPDATE places SET lat = 1.6e35, data = ? WHERE rowid = 2",
            (data.replace('"lat":35.2919', '"lat":1.6e35'),),
        )
    con.close()
    _rebuilt_with_warning(cache, builds, caplog, "lat=1.6e+35 is out of range -90..90")


def test_empty_store_as_cache_is_rebuilt(cache, builds, caplog):
    write_store([], cache)
    _rebuilt_with_warning(cache, builds, caplog, "the cache holds no places")


def test_any_exception_while_loading_the_cache_rebuilds(cache, builds, caplog, monkeypatch):
    write_store(SMALL, cache)

    def explode(*args, **kwargs):
        raise MemoryError("out of memory while reading")

    monkeypatch.setattr(default, "load_store", explode)
    with caplog.at_level(logging.WARNING, logger="geo_syria.gazetteer.default"):
        gaz = _load()
    assert gaz is builds[0] and "MemoryError: out of memory while reading" in caplog.text


def test_cache_entry_that_is_a_directory_leaks_no_temp_file(cache, builds, caplog):
    cache.mkdir()
    (cache / "keep.txt").write_text("someone's file")
    for _ in range(3):
        assert [p.id for p in _load()] == [p.id for p in SMALL]
    assert len(builds) == 3  # rebuilt each time, since the cache cannot be written
    assert sorted(p.name for p in cache.parent.iterdir()) == [cache.name]
    assert [p.name for p in cache.iterdir()] == ["keep.txt"]  # left alone


def test_cache_entry_that_is_a_dangling_symlink_is_replaced(cache, builds, caplog):
    cache.symlink_to(cache.parent / "nowhere")
    _rebuilt_with_warning(cache, builds, caplog, "no such gazetteer store")


def test_unwritable_cache_dir_still_loads(tmp_path, monkeypatch, builds):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("GEO_SYRIA_CACHE", str(blocker / "sub"))
    assert _load().lookup("Hama")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_cache_dir_still_loads(cache, builds):
    cache.parent.chmod(0o500)
    try:
        assert _load().lookup("Hama")
    finally:
        cache.parent.chmod(0o700)
    assert list(cache.parent.iterdir()) == []


def test_use_cache_false_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("GEO_SYRIA_CACHE", str(tmp_path))
    _load(use_cache=False)
    assert list(tmp_path.iterdir()) == []


def test_memory_holds_one_gazetteer_whatever_use_cache_says(tmp_path, monkeypatch):
    monkeypatch.setenv("GEO_SYRIA_CACHE", str(tmp_path))
    first = default.load_default_gazetteer(use_cache=True)
    monkeypatch.setattr(default, "build_default_gazetteer", lambda: 1 / 0)  # must not rebuild
    assert default.load_default_gazetteer(use_cache=False) is first
    assert default.load_default_gazetteer() is first


def test_clear_cache_forgets_the_gazetteer_in_memory(tmp_path, monkeypatch):
    monkeypatch.setenv("GEO_SYRIA_CACHE", str(tmp_path))
    first = default.load_default_gazetteer(use_cache=False)
    default.clear_cache()
    second = default.load_default_gazetteer(use_cache=False)
    assert second is not first and len(second) == len(first)
    assert list(tmp_path.iterdir()) == []  # use_cache=False still decides the disk I/O


def test_second_load_builds_places_only_when_used(cache):
    from geo_syria.gazetteer.tables import LazyPlaces

    first = _load()
    assert first.content_hash is not None  # the build is named by the cache it wrote
    second = _load()
    assert type(second._places) is LazyPlaces and second._places.decoded() == 0
    assert second.content_hash == first.content_hash
    assert second.lookup("Joubar")[0].id == first.lookup("Joubar")[0].id
    assert 0 < second._places.decoded() <= 3


def test_cache_with_unreadable_name_tables_is_rebuilt_with_warning(cache, builds, caplog):
    write_store(SMALL, cache)
    with sqlite3.connect(cache) as con:
        con.execute("UPDATE tables SET value = '{}' WHERE name = 'exact'")
    con.close()
    _rebuilt_with_warning(cache, builds, caplog, "name tables cannot be read")
    default.clear_cache()
    assert type(default.load_default_gazetteer()._places).__name__ == "LazyPlaces"


def _age(path, days):
    """Set a file's modification time ``days`` back."""
    when = time.time() - days * 86400
    os.utime(path, (when, when))


def test_a_new_cache_removes_old_ones_unused_for_30_days(cache, builds):
    old = cache.parent / "default-00000000000000aa.sqlite"
    recent = cache.parent / "default-00000000000000bb.sqlite"
    pickled = cache.parent / "default-00000000000000cc.pickle"
    other = cache.parent / "recognizer-00.json"  # another kind: not this loader's to remove
    for path in (old, recent, pickled, other):
        path.write_bytes(b"x")
    for path in (old, pickled, other):
        _age(path, 31)
    _age(recent, 29)  # another installed version may still use it
    _load()
    assert sorted(p.name for p in cache.parent.iterdir()) == sorted(
        [cache.name, recent.name, other.name]
    )


def test_reading_the_cache_marks_it_used(cache, builds):
    _load()
    _age(cache, 40)
    _load()
    assert len(builds) == 1, "read from the cache, not rebuilt"
    assert time.time() - cache.stat().st_mtime < 3600
