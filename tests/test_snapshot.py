"""The recognizer's tables cached on disk: same mentions as fresh ones, rebuilt when unusable."""

import logging
import os
import pickle
import time
from pathlib import Path

import pytest

from geo_syria.documents import Document
from geo_syria.gazetteer import Gazetteer
from geo_syria.place import Place
from geo_syria.recognize import Recognizer, automaton, snapshot

ROOT = Path(__file__).resolve().parents[1]
LOGGER = "geo_syria.recognize.snapshot"

SMALL = (
    Place(id="curated:hama", name="Hama", lat=35.1318, lon=36.7578, feature_type="city"),
    Place(
        id="curated:jisr",
        name="Jisr ash-Shughur",
        variants=("Jisr al-Shughur",),
        lat=35.8124,
        lon=36.3175,
        feature_type="city",
    ),
    Place(id="curated:soran", name="Soran", lat=35.2919, lon=36.7485, feature_type="town"),
)
TEXTS = (
    "Rebels took Soran, 20 km north of Hama.",
    "Shelling hit Jisr al-Shughur and the Free Syrian Army withdrew from Hama.",
)


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A private cache folder."""
    monkeypatch.setenv("GEO_SYRIA_CACHE", str(tmp_path))
    return tmp_path


@pytest.fixture
def small():
    return Gazetteer(SMALL, content_hash="5a" * 32)


def _mentions(recognizer, documents):
    return [
        [(m.start, m.end, m.text, m.cue, m.source) for m in recognizer.find(d)] for d in documents
    ]


def _candidates(recognizer, mentions):
    return [[p.id for p in recognizer.candidates(m[2])] for doc in mentions for m in doc]


def _no_build(monkeypatch):
    """Make building the tables fail: what follows must read them from the cache."""

    def fail(gazetteer):
        raise AssertionError("the tables were built, not read from the cache")

    monkeypatch.setattr(automaton, "_place_keys", fail)


def _documents(request):
    """The 384 dev articles when ../shared is there, else the example article."""
    from tests.conftest import SHARED

    if (SHARED / "corpus" / "fakes_dev.csv").is_file():
        return list(request.getfixturevalue("corpus_documents"))
    text = (ROOT / "examples" / "example_article.txt").read_text(encoding="utf-8")
    return [Document(id="example", text=text), *(Document(id=t, text=t) for t in TEXTS)]


def test_cached_tables_find_exactly_the_mentions_fresh_ones_find(
    request, gazetteer, cache, monkeypatch
):
    documents = _documents(request)
    fresh = Recognizer(gazetteer, cache=False)
    assert list(cache.iterdir()) == []
    Recognizer(gazetteer)  # writes the cache
    [path] = cache.iterdir()
    assert path == snapshot.snapshot_path(gazetteer)
    _no_build(monkeypatch)
    cached = Recognizer(gazetteer)
    expected = _mentions(fresh, documents)
    assert sum(map(len, expected)) > len(documents)  # the comparison is not vacuous
    assert _mentions(cached, documents) == expected
    assert _candidates(cached, expected) == _candidates(fresh, expected)
    assert cached._places == fresh._places
    assert cached._variant_names._keys == fresh._variant_names._keys
    assert cached._variant_names._firsts == fresh._variant_names._firsts


def test_the_cache_is_named_by_content_hash_and_code(small, cache):
    path = snapshot.snapshot_path(small)
    assert path.parent == cache
    assert path.name == f"recognizer-{'5a' * 8}-{snapshot.code_key()[:16]}.json"
    other = Gazetteer(SMALL, content_hash="5b" * 32)
    assert snapshot.snapshot_path(other) != path


def test_a_gazetteer_without_content_hash_is_not_cached(cache):
    rec = Recognizer(Gazetteer(SMALL))
    assert [m.text for m in rec.find(Document(id="a", text=TEXTS[0]))] == ["Soran", "Hama"]
    assert list(cache.iterdir()) == []


def _rebuilt_with_warning(small, cache, caplog, reason):
    """Build a recognizer; assert it warned with ``reason`` and left a valid cache."""
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        rec = Recognizer(small)
    assert "ignoring unreadable recognizer cache" in caplog.text
    assert reason in caplog.text
    assert [m.text for m in rec.find(Document(id="a", text=TEXTS[0]))] == ["Soran", "Hama"]
    path = snapshot.snapshot_path(small)
    assert sorted(p.name for p in cache.iterdir()) == [path.name]  # no temp file
    assert snapshot.read_snapshot(path, gazetteer=small) == rec_tables(small)


def rec_tables(gazetteer):
    return automaton._tables(gazetteer, cache=False)


def test_flipped_byte_in_the_tables_is_rebuilt_with_warning(small, cache, caplog):
    Recognizer(small)
    path = snapshot.snapshot_path(small)
    data = bytearray(path.read_bytes())
    data[data.index(b"curated:soran") + 8] ^= 0x01  # still JSON: only the digest sees it
    path.write_bytes(bytes(data))
    _rebuilt_with_warning(small, cache, caplog, "do not match their digest")


def test_truncated_cache_is_rebuilt_with_warning(small, cache, caplog):
    Recognizer(small)
    path = snapshot.snapshot_path(small)
    path.write_bytes(path.read_bytes()[:100])
    _rebuilt_with_warning(small, cache, caplog, "ignoring unreadable recognizer cache")


class _Payload:
    """Pickles to a call of exec() that leaves a marker file: proof the cache was executed."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return exec, (f"open({self.marker!r}, 'w').write('ran')",)


def test_planted_pickle_is_not_executed_and_rebuilt(small, cache, caplog, tmp_path_factory):
    marker = tmp_path_factory.mktemp("marker") / "executed"
    snapshot.snapshot_path(small).write_bytes(pickle.dumps(_Payload(marker)))
    _rebuilt_with_warning(small, cache, caplog, "ignoring unreadable recognizer cache")
    assert not marker.exists()


def test_tables_of_another_gazetteer_are_rebuilt_with_warning(small, cache, caplog):
    other = Gazetteer(SMALL, content_hash="5b" * 32)
    Recognizer(other)
    snapshot.snapshot_path(other).rename(snapshot.snapshot_path(small))
    _rebuilt_with_warning(small, cache, caplog, "not the recognizer tables of this gazetteer")


def test_tables_naming_places_the_gazetteer_lacks_are_rebuilt(small, cache, caplog):
    tables = snapshot.RecognizerTables({"aleppo": ["curated:aleppo"]}, (frozenset(), frozenset()))
    snapshot.write_snapshot(snapshot.snapshot_path(small), tables, gazetteer=small)
    _rebuilt_with_warning(small, cache, caplog, "names places the gazetteer does not have")


def test_a_directory_in_the_way_is_left_alone(small, cache, caplog):
    path = snapshot.snapshot_path(small)
    path.mkdir()
    with caplog.at_level(logging.INFO, logger=LOGGER):
        rec = Recognizer(small)
    assert [m.text for m in rec.find(Document(id="a", text=TEXTS[0]))] == ["Soran", "Hama"]
    assert "could not write recognizer cache" in caplog.text
    assert sorted(p.name for p in cache.iterdir()) == [path.name] and path.is_dir()


def test_unwritable_cache_dir_still_recognizes(small, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("GEO_SYRIA_CACHE", str(blocker / "sub"))
    rec = Recognizer(small)
    assert [m.text for m in rec.find(Document(id="a", text=TEXTS[1]))] == [
        "Jisr al-Shughur",
        "Hama",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


def test_a_new_snapshot_removes_old_ones_unused_for_30_days(small, cache):
    old, recent = cache / "recognizer-old.json", cache / "recognizer-recent.json"
    for path, days in ((old, 31), (recent, 29)):
        path.write_bytes(b"{}")
        when = time.time() - days * 86400
        os.utime(path, (when, when))
    Recognizer(small)
    path = snapshot.snapshot_path(small)
    assert sorted(p.name for p in cache.iterdir()) == sorted([path.name, recent.name])
    when = time.time() - 40 * 86400
    os.utime(path, (when, when))
    Recognizer(small)  # read back: marked as used
    assert time.time() - path.stat().st_mtime < 3600
