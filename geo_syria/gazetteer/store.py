"""The on-disk gazetteer store: one SQLite file with places, a name index and an R*Tree.

Tables:

* ``meta(key, value)`` — ``format`` (``geo_syria-gazetteer``), ``format_version``, the
  place count, and ``records_sha256``, a digest of every place row.
* ``places(rowid, id, name, feature_type, lat, lon, data, extent)`` — one row per place;
  ``data`` is the record as compact JSON, ``extent`` the polygon as WKB.
* ``names(key, place)`` — every name's variant key, for look-ups on disk.
* ``place_bbox`` — an SQLite R*Tree over each place's extent (or point), for
  bounding-box queries without loading the store.

A store holds data only: loading one never runs code from it. Every row is checked on
load (types, ranges, feature types, the columns against the JSON record, the digest), and
anything wrong raises :class:`~geo_syria.exc.GazetteerFormatError` naming the row.

A store is written to a temporary file in the target directory and moved into
place (:func:`geo_syria.fileio.atomic_path`), so a failed build never leaves a
half-written store and never replaces a good one.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import sqlite3
from collections.abc import Iterable
from contextlib import closing
from pathlib import Path
from typing import Any

from geo_syria.exc import GazetteerFormatError
from geo_syria.fileio import atomic_path
from geo_syria.gazetteer.index import Gazetteer
from geo_syria.place import FEATURE_TYPES, Place

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "load_store",
    "store_bbox",
    "store_lookup",
    "write_store",
]

logger = logging.getLogger(__name__)

FORMAT = "geo_syria-gazetteer"
FORMAT_VERSION = 1

#: Deepest nesting of lists and objects a record's ``raw`` field may have.
MAX_RAW_DEPTH = 4

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    feature_type TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    data TEXT NOT NULL,
    extent BLOB
);
CREATE TABLE names (key TEXT NOT NULL, place INTEGER NOT NULL);
CREATE VIRTUAL TABLE place_bbox USING rtree(id, min_lat, max_lat, min_lon, max_lon);
"""
#: The columns every query reads, in this order.
_COLUMNS = "p.rowid, p.id, p.name, p.feature_type, p.lat, p.lon, p.data, p.extent"
_FEATURE_TYPES = frozenset(FEATURE_TYPES)
_OPTIONAL_TEXT = (
    "country",
    "admin1",
    "admin2",
    "admin3",
    "admin1_pcode",
    "admin2_pcode",
    "admin3_pcode",
)
_PROVENANCE_KEYS = frozenset({"source_id", "dataset", "licence", "note"})
_CONTAINERS = (dict, list)
_STR = {str}


def _encode(place: Place) -> str:
    data = place.to_dict()
    del data["extent_wkt"]
    data["raw"] = dict(place.raw)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)


def _digest_row(digest: Any, data: str, extent: bytes | None) -> None:
    encoded = data.encode("utf-8", errors="surrogatepass")
    digest.update(len(encoded).to_bytes(8, "little"))
    digest.update(encoded)
    digest.update(b"\x00" if extent is None else b"\x01" + len(extent).to_bytes(8, "little"))
    if extent is not None:
        digest.update(extent)


def write_store(places: Iterable[Place], path: str | Path) -> Path:
    """Write places to an SQLite store, atomically.

    Parameters
    ----------
    places : iterable of Place
        The records; ids must be unique.
    path : str or Path
        The store file; replaced only once the new one is complete.

    Returns
    -------
    Path
        The store path.

    Raises
    ------
    GazetteerFormatError
        For duplicate ids.
    OSError
        When the file cannot be written (an unwritable folder, a full disk, a directory
        in the way); the target is left as it was and no temporary file remains.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = Place(id="curated:x", name="Jobar", lat=33.52, lon=36.33, feature_type="town")
    >>> path = write_store([p], pathlib.Path(tempfile.mkdtemp()) / "g.sqlite")
    >>> [q.id for q in load_store(path).lookup("Joubar")]
    ['curated:x']
    """
    path = Path(path)
    try:
        with atomic_path(path) as tmp:
            count = _write(places, tmp, path=path)
    except sqlite3.Error as err:
        raise OSError(f"cannot write gazetteer store {str(path)!r}: {err}") from None
    logger.info("wrote %d places to %s", count, path)
    return path


def _write(places: Iterable[Place], tmp: Path, *, path: Path) -> int:
    import shapely

    from geo_syria import __version__
    from geo_syria.names import variant_key

    with closing(sqlite3.connect(tmp)) as con:
        # The file is renamed into place only when complete: no rollback journal needed.
        con.execute("PRAGMA journal_mode = OFF")
        con.executescript(_SCHEMA)
        count = 0
        seen: set[str] = set()
        digest = hashlib.sha256()
        for rowid, place in enumerate(places, start=1):
            if place.id in seen:
                raise GazetteerFormatError(
                    f"place id {place.id!r} occurs twice; ids must be unique", path=str(path)
                )
            seen.add(place.id)
            extent = shapely.to_wkb(place.extent) if place.extent is not None else None
            data = _encode(place)
            _digest_row(digest, data, extent)
            con.execute(
                "INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    rowid,
                    place.id,
                    place.name,
                    place.feature_type,
                    place.lat,
                    place.lon,
                    data,
                    extent,
                ),
            )
            keys = {variant_key(n) for n in place.names} - {""}
            con.executemany("INSERT INTO names VALUES (?, ?)", [(k, rowid) for k in keys])
            if place.extent is not None:
                minx, miny, maxx, maxy = place.extent.bounds
                minx, maxx = min(minx, place.lon), max(maxx, place.lon)
                miny, maxy = min(miny, place.lat), max(maxy, place.lat)
            else:
                minx = maxx = place.lon
                miny = maxy = place.lat
            con.execute(
                "INSERT INTO place_bbox VALUES (?, ?, ?, ?, ?)", (rowid, miny, maxy, minx, maxx)
            )
            count += 1
        con.execute("CREATE INDEX names_key ON names (key)")
        con.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            [
                ("format", FORMAT),
                ("format_version", str(FORMAT_VERSION)),
                ("geo_syria_version", __version__),
                ("places", str(count)),
                ("records_sha256", digest.hexdigest()),
            ],
        )
        con.commit()
    return count


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


def _json_type(value: object) -> str:
    return {
        type(None): "null",
        bool: "a boolean",
        int: "a number",
        float: "a number",
        str: "a string",
        list: "an array",
        dict: "an object",
    }.get(type(value), type(value).__name__)


def _is_number(value: object) -> bool:
    return type(value) in (int, float)


def _raw_problem(raw: object) -> str | None:
    """Return what is wrong with a record's ``raw`` field, or None."""
    if type(raw) is not dict:
        return f"raw is {_json_type(raw)}, not an object"
    level: list[Any] = [raw]
    for _ in range(MAX_RAW_DEPTH):  # level n holds the lists and objects n deep
        level = [
            child
            for value in level
            for child in (value.values() if type(value) is dict else value)
            if type(child) in _CONTAINERS
        ]
        if not level:
            return None
    return f"raw is nested deeper than {MAX_RAW_DEPTH} levels"


def _record_problem(record: dict[str, Any]) -> str | None:
    """Return what is wrong with a decoded record's fields and types, or None."""
    for key in ("id", "name"):
        value = record.get(key)
        if type(value) is not str or not value:
            return f"{key}={value!r} is not a non-empty string"
    for key, bound in (("lat", 90.0), ("lon", 180.0)):
        value = record.get(key)
        if not _is_number(value):
            return f"{key}={value!r} is not a number"
        if not math.isfinite(value) or not -bound <= value <= bound:
            return f"{key}={value!r} is out of range -{bound:g}..{bound:g}"
    ftype = record.get("feature_type")
    if type(ftype) is not str or ftype not in _FEATURE_TYPES:
        return f"feature_type={ftype!r} is not one of {', '.join(FEATURE_TYPES)}"
    variants = record.get("variants")
    if variants is not None and (
        type(variants) is not list or not set(map(type, variants)) <= _STR
    ):
        return f"variants={variants!r} is not a list of strings"
    for key in _OPTIONAL_TEXT:
        value = record.get(key)
        if value is not None and type(value) is not str:
            return f"{key}={value!r} is not a string or null"
    population = record.get("population")
    if population is not None and (type(population) is not int or population < 0):
        return f"population={population!r} is not a whole number >= 0 or null"
    precision = record.get("precision_m")
    if precision is not None and not _is_number(precision):
        return f"precision_m={precision!r} is not a number or null"
    provenance = record.get("provenance")
    if provenance is not None:
        if type(provenance) is not list:
            return f"provenance={provenance!r} is not a list"
        for item in provenance:
            if (
                type(item) is not dict
                or not {"source_id", "dataset"} <= item.keys() <= _PROVENANCE_KEYS
                or any(type(v) is not str for v in item.values())
            ):
                return (
                    f"provenance entry {item!r} is not an object of strings with keys "
                    f"{sorted(_PROVENANCE_KEYS)} (source_id and dataset required)"
                )
    raw = record.get("raw")
    return None if raw is None else _raw_problem(raw)


def _place(row: tuple, *, path: str) -> Place:
    """Decode and check one ``places`` row (``_COLUMNS``); raise naming the row."""
    import shapely

    rowid, pid, name, ftype, lat, lon, data, blob = row
    where = f"row {rowid}" + (f" (id {pid!r})" if type(pid) is str else "")

    def bad(problem: str) -> GazetteerFormatError:
        return GazetteerFormatError(f"corrupt gazetteer store: {where}: {problem}", path=path)

    if type(data) is not str:
        raise bad(f"data is {type(data).__name__}, not JSON text")
    try:
        record = json.loads(data)
    except RecursionError:
        raise bad("data is nested too deeply to be a place record") from None
    except ValueError as err:
        raise bad(f"data is not JSON ({err})") from None
    if type(record) is not dict:
        raise bad(f"data is {_json_type(record)}, not an object")
    problem = _record_problem(record)
    if problem is not None:
        raise bad(problem)
    for column, value in (
        ("id", pid),
        ("name", name),
        ("feature_type", ftype),
        ("lat", lat),
        ("lon", lon),
    ):
        if record[column] != value:
            raise bad(f"column {column}={value!r} differs from the record's {record[column]!r}")
    extent = None
    if blob is not None:
        if type(blob) is not bytes:
            raise bad(f"extent is {type(blob).__name__}, not WKB")
        try:
            extent = shapely.from_wkb(blob)
        except (shapely.errors.ShapelyError, ValueError, TypeError) as err:
            raise bad(f"extent is not WKB ({err})") from None
        bounds = extent.bounds if not extent.is_empty else (math.nan,) * 4
        minx, miny, maxx, maxy = bounds
        if not (-180.0 <= minx <= maxx <= 180.0 and -90.0 <= miny <= maxy <= 90.0):
            raise bad(f"extent {extent.geom_type} has bounds {bounds!r}, not lon/lat degrees")
    try:
        return Place.from_dict(record, extent=extent)
    except (ValueError, TypeError) as err:
        raise bad(str(err)) from None


def _rows(con: sqlite3.Connection, sql: str, params: tuple = (), *, path: str) -> list[tuple]:
    try:
        return con.execute(sql, params).fetchall()
    except (sqlite3.Error, UnicodeDecodeError) as err:  # damaged pages, text that is not UTF-8
        raise GazetteerFormatError(f"corrupt gazetteer store: {err}", path=path) from None


def load_store(path: str | Path, *, name: str | None = None) -> Gazetteer:
    """Load a store written by :func:`write_store` as a :class:`Gazetteer`.

    The store is data only; every row is checked (types, ranges, feature types, columns
    against the record, the digest of all rows) before any place is built.

    Parameters
    ----------
    path : str or Path
        The store file.
    name : str, optional, keyword-only
        The gazetteer's name; the path by default.

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
    con, meta = _connect(path)
    with closing(con):
        rows = _rows(con, f"SELECT {_COLUMNS} FROM places p ORDER BY p.rowid", path=spath)
    places = [_place(row, path=spath) for row in rows]
    if meta.get("places") is not None and meta.get("places") != str(len(places)):
        raise GazetteerFormatError(
            f"corrupt gazetteer store: it says it holds {meta.get('places')!r} places "
            f"but has {len(places)} rows",
            path=spath,
        )
    expected = meta.get("records_sha256")
    if expected is not None:
        digest = hashlib.sha256()
        for row in rows:
            _digest_row(digest, row[6], row[7])
        if digest.hexdigest() != expected:
            raise GazetteerFormatError(
                "corrupt gazetteer store: the place rows do not match their digest "
                "(the file was changed or damaged); rebuild it",
                path=spath,
            )
    if not places:
        logger.warning("gazetteer store %s holds no places", spath)
    try:
        return Gazetteer(places, name=spath if name is None else name)
    except ValueError as err:  # e.g. an id twice, which the UNIQUE column should prevent
        raise GazetteerFormatError(f"corrupt gazetteer store: {err}", path=spath) from None


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
    return [_place(row, path=str(path)) for row in rows]


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

    con, _ = _connect(path)
    with closing(con):
        rows = _rows(
            con,
            f"SELECT {_COLUMNS} FROM names n JOIN places p ON p.rowid = n.place "
            "WHERE n.key = ? ORDER BY p.rowid",
            (variant_key(name),),
            path=str(path),
        )
    return [_place(row, path=str(path)) for row in rows]
