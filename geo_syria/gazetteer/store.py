"""The on-disk gazetteer store: one SQLite file with places, a name index and an R*Tree.

Tables:

* ``meta(key, value)`` — ``format`` (``geo_syria-gazetteer``), ``format_version``, the
  place count, and ``records_sha256``, a digest of every place row.
* ``places(rowid, id, name, feature_type, lat, lon, data, extent)`` — one row per place;
  ``data`` is the record as compact JSON, ``extent`` the polygon as WKB.
* ``names(key, place)`` — every name's variant key, for look-ups on disk.
* ``labels(place, label, exact, variant)`` — every name of every place with its two
  keys, so that loading a store does not work them out again.
* ``place_bbox`` — an SQLite R*Tree over each place's extent (or point), for
  bounding-box queries without loading the store.
* ``tables(name, value)`` — the gazetteer's name tables as JSON
  (:mod:`~geo_syria.gazetteer.tables`), with their digest ``tables_sha256`` in ``meta``:
  ``load_store(..., lazy=True)`` reads them instead of working them out from every name,
  and builds each place only when it is first used.

A store holds data only: loading one never runs code from it. Every row is checked on
load (types, ranges, feature types, the columns against the JSON record, the digest), and
anything wrong raises :class:`~geo_syria.exc.GazetteerFormatError` naming the row.

A store is written (:mod:`~geo_syria.gazetteer.store_write`) to a temporary file in the
target directory and moved into place (:func:`geo_syria.fileio.atomic_path`), so a failed
build never leaves a half-written store and never replaces a good one.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from geo_syria.exc import GazetteerFormatError
from geo_syria.gazetteer.index import Gazetteer
from geo_syria.gazetteer.store_rows import name_keys, place_from_row
from geo_syria.gazetteer.store_write import (
    FORMAT,
    FORMAT_VERSION,
    columns_digest,
    digest_row,
    tables_digest,
    write_store,
)
from geo_syria.gazetteer.tables import (
    LazyPlaces,
    NameTables,
    columns_intact,
    decode_tables,
    gc_paused,
    keys_digest,
)
from geo_syria.place import Place

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "load_store",
    "store_bbox",
    "store_digest",
    "store_lookup",
    "write_store",
]

logger = logging.getLogger(__name__)

#: The columns every query reads, in this order.
_COLUMNS = "p.rowid, p.id, p.name, p.feature_type, p.lat, p.lon, p.data, p.extent"


def _connect(path: str | Path) -> tuple[sqlite3.Connection, dict[Any, Any]]:
    path = Path(path)
    if not path.is_file():
        what = "no such gazetteer store"
        if path.exists():
            what = "not a gazetteer store: not a regular file (a directory, device or FIFO)"
        raise GazetteerFormatError(what, path=str(path))
    con = None
    try:
        # As a URI, so '#', '?' and '%' in the path are escaped rather than read as URI syntax.
        con = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
    except (sqlite3.Error, OSError, UnicodeDecodeError) as err:
        if con is not None:
            con.close()
        raise GazetteerFormatError(
            f"not a geo_syria gazetteer store ({err}); build one with "
            "'geo-syria gazetteer build SOURCE... -o FILE'",
            path=str(path),
        ) from None
    if meta.get("format") != FORMAT or meta.get("format_version") != str(FORMAT_VERSION):
        con.close()
        raise GazetteerFormatError(
            f"store format {meta.get('format')!r} version {meta.get('format_version')!r} is not "
            f"{FORMAT!r} version {FORMAT_VERSION}; rebuild it with 'geo-syria gazetteer build'",
            path=str(path),
        )
    return con, meta


def _rows(con: sqlite3.Connection, sql: str, params: tuple = (), *, path: str) -> list[tuple]:
    try:
        return con.execute(sql, params).fetchall()
    except (sqlite3.Error, UnicodeDecodeError) as err:  # damaged pages, text that is not UTF-8
        raise GazetteerFormatError(f"corrupt gazetteer store: {err}", path=path) from None


def load_store(path: str | Path, *, name: str | None = None, lazy: bool = False) -> Gazetteer:
    """Load a store written by :func:`write_store` as a :class:`Gazetteer`.

    The store is data only; every row is checked (types, ranges, feature types, columns
    against the record, the digest of all rows) before any place is built.

    Parameters
    ----------
    path : str or Path
        The store file.
    name : str, optional, keyword-only
        The gazetteer's name; the path by default.
    lazy : bool, keyword-only
        Read the store's name tables and build each place the first time it is used
        (a run that needs a few places builds a few). On load, the digests of the
        records, of the columns beside them and of the tables are checked, and every
        row's column types and ranges; each record is checked when its place is built.
        A store without name tables (or written by another geo_syria version), or one
        that fails any of these checks, is loaded eagerly, which names the bad row.

    Returns
    -------
    Gazetteer
        An empty store gives an empty gazetteer, with a logged warning.

    Raises
    ------
    GazetteerFormatError
        For a missing file, a file that is not a store, a store of another format
        version, or a corrupt record (naming its row and what is wrong).

    Examples
    --------
    >>> load_store("/nonexistent.sqlite")
    Traceback (most recent call last):
    ...
    geo_syria.exc.GazetteerFormatError: file '/nonexistent.sqlite': no such gazetteer store
    """
    spath = str(path)
    name = spath if name is None else name
    con, meta = _connect(path)
    with closing(con):
        rows = _rows(con, f"SELECT {_COLUMNS} FROM places p ORDER BY p.rowid", path=spath)
        with gc_paused():
            tables = _name_tables(con, meta, len(rows), path=spath) if lazy else None
        labels = _labels(con, path=spath) if tables is None and _own_keys(meta, spath) else None
    if meta.get("places") is not None and meta.get("places") != str(len(rows)):
        raise GazetteerFormatError(
            f"corrupt gazetteer store: it says it holds {meta.get('places')!r} places "
            f"but has {len(rows)} rows",
            path=spath,
        )
    expected = meta.get("records_sha256")
    if (
        tables is not None
        and rows
        and columns_intact(rows)
        and columns_digest(rows) == meta.get("columns_sha256")
        and _records_digest(rows) == expected
    ):
        return _gazetteer(LazyPlaces(rows, path=spath), name, tables=tables, meta=meta)
    # eager: every row is decoded and checked first, so a bad one is named
    places = [place_from_row(row, path=spath) for row in rows]
    if expected is not None and _records_digest(rows) != expected:
        raise GazetteerFormatError(
            "corrupt gazetteer store: the place rows do not match their digest "
            "(the file was changed or damaged); rebuild it",
            path=spath,
        )
    if not places:
        logger.warning("gazetteer store %s holds no places", spath)
    keys = name_keys(places, labels, path=spath) if labels is not None else None
    return _gazetteer(places, name, keys=keys, meta=meta)


def _records_digest(rows: list[tuple]) -> str:
    digest = hashlib.sha256()
    for row in rows:
        digest_row(digest, row[6], row[7])
    return digest.hexdigest()


def _gazetteer(places: Any, name: str, *, meta: dict, **kwargs: Any) -> Gazetteer:
    spath = getattr(places, "_path", name)
    try:
        return Gazetteer(places, name=name, content_hash=meta.get("records_sha256"), **kwargs)
    except ValueError as err:  # e.g. an id twice, which the UNIQUE column should prevent
        raise GazetteerFormatError(f"corrupt gazetteer store: {err}", path=spath) from None


def _name_tables(
    con: sqlite3.Connection, meta: dict, places: int, *, path: str
) -> NameTables | None:
    """Return a store's name tables, or None when it has none usable (logged when damaged)."""
    from geo_syria import __version__

    if meta.get("geo_syria_version") != __version__ or "tables_sha256" not in meta:
        return None  # written by another version, or before stores held tables
    if not _own_keys(meta, path):
        return None
    if "tables" not in _table_names(con, path=path):
        return None
    texts = dict(_rows(con, "SELECT name, value FROM tables", path=path))
    try:
        if tables_digest(texts) != meta["tables_sha256"]:
            raise ValueError("the name tables do not match their digest")
        return decode_tables(texts, places=places)
    except (ValueError, TypeError) as err:
        logger.warning("gazetteer store %s: %s; working them out from its names", path, err)
        return None


def _own_keys(meta: dict, path: str) -> bool:
    """Whether a store's name keys were made by this code (else they are worked out again)."""
    if meta.get("keys_sha256") == keys_digest():
        return True
    logger.info(
        "gazetteer store %s: its name keys were made by other code; working them out again "
        "(rebuild it with 'geo-syria gazetteer build' to load faster)",
        path,
    )
    return False


def _table_names(con: sqlite3.Connection, *, path: str) -> set[str]:
    return {r[0] for r in _rows(con, "SELECT name FROM sqlite_master", path=path)}


def _labels(con: sqlite3.Connection, *, path: str) -> list[tuple] | None:
    """Return the rows of the ``labels`` table, or None for a store written without it."""
    if "labels" not in _table_names(con, path=path):
        return None
    return _rows(con, "SELECT place, label, exact, variant FROM labels ORDER BY rowid", path=path)


def store_digest(path: str | Path) -> str | None:
    """Return a store's ``records_sha256`` (the content hash of its places), or None.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = Place(id="curated:x", name="Jobar", lat=33.52, lon=36.33, feature_type="town")
    >>> path = write_store([p], pathlib.Path(tempfile.mkdtemp()) / "g.sqlite")
    >>> store_digest(path) == load_store(path).content_hash
    True
    """
    con, meta = _connect(path)
    con.close()
    return meta.get("records_sha256")


def store_bbox(
    path: str | Path, min_lat: float, min_lon: float, max_lat: float, max_lon: float
) -> list[Place]:
    """Return the places of a store whose extent or point meets a bounding box.

    The query runs on disk through the R*Tree; the store is not loaded. The rows
    found are checked as :func:`load_store` checks them.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = Place(id="curated:x", name="Jobar", lat=33.52, lon=36.33, feature_type="town")
    >>> path = write_store([p], pathlib.Path(tempfile.mkdtemp()) / "g.sqlite")
    >>> [q.id for q in store_bbox(path, 33.5, 36.3, 33.6, 36.4)], store_bbox(path, 0, 0, 1, 1)
    (['curated:x'], [])
    """
    from geo_syria.checks import check_latlon

    check_latlon(min_lat, min_lon, name="bbox minimum")
    check_latlon(max_lat, max_lon, name="bbox maximum")
    con, _ = _connect(path)
    with closing(con):
        rows = _rows(
            con,
            f"SELECT {_COLUMNS} FROM place_bbox b JOIN places p ON p.rowid = b.id "
            "WHERE b.max_lat >= ? AND b.min_lat <= ? AND b.max_lon >= ? AND b.min_lon <= ? "
            "ORDER BY p.rowid",
            (min_lat, max_lat, min_lon, max_lon),
            path=str(path),
        )
    return [place_from_row(row, path=str(path)) for row in rows]


def store_lookup(path: str | Path, name: str) -> list[Place]:
    """Return the places of a store that have this name (by variant key), without loading it.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = Place(id="curated:x", name="Qaboun", lat=33.54, lon=36.34, feature_type="town")
    >>> path = write_store([p], pathlib.Path(tempfile.mkdtemp()) / "g.sqlite")
    >>> [q.name for q in store_lookup(path, "Qabun")]
    ['Qaboun']
    """
    from geo_syria.names import variant_key

    con, meta = _connect(path)
    with closing(con):
        if not _own_keys(meta, str(path)):  # its keys may miss spellings: look at every name
            return load_store(path).lookup(name)
        rows = _rows(
            con,
            f"SELECT {_COLUMNS} FROM names n JOIN places p ON p.rowid = n.place "
            "WHERE n.key = ? ORDER BY p.rowid",
            (variant_key(name),),
            path=str(path),
        )
    return [place_from_row(row, path=str(path)) for row in rows]
