import pickle

from geo_syria.gazetteer import default
from geo_syria.gazetteer.index import Gazetteer


def _load(**kwargs):
    return default.load_default_gazetteer.__wrapped__(**kwargs)  # bypass the in-memory cache


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
