import pickle

import pytest

from geo_syria.gazetteer import default
from geo_syria.gazetteer.index import Gazetteer


@pytest.fixture(autouse=True)
def _fresh_memory():
    # Each test starts and ends without a gazetteer in memory, so the next load reads
    # the (possibly monkeypatched) disk cache.
    default.clear_cache()
    yield
    default.clear_cache()


def _load(**kwargs):
    default.clear_cache()  # bypass the in-memory cache
    return default.load_default_gazetteer(**kwargs)


def test_first_load_writes_cache_and_second_reads_it(tmp_path, monkeypatch):
    monkeypatch.setenv("GEO_SYRIA_CACHE", str(tmp_path))
    first = _load()
    [cached] = tmp_path.glob("default-*.pickle")
    monkeypatch.setattr(default, "build_default_gazetteer", lambda: 1 / 0)  # must not rebuild
    second = _load()
    assert isinstance(second, Gazetteer) and len(second) == len(first)
    assert second.lookup("Jowbar")[0].id == first.lookup("Jowbar")[0].id
    assert cached.stat().st_size > 0


def test_corrupt_cache_is_ignored_and_replaced(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("GEO_SYRIA_CACHE", str(tmp_path))
    path = tmp_path / default._cache_key(default.curated_text())
    path.write_bytes(b"not a pickle")
    gaz = _load()
    assert gaz.lookup("Hama") and "ignoring unreadable gazetteer cache" in caplog.text
    with path.open("rb") as fh:
        assert isinstance(pickle.load(fh), Gazetteer)


def test_unwritable_cache_dir_still_loads(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("GEO_SYRIA_CACHE", str(blocker / "sub"))
    assert _load().lookup("Damascus")


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
