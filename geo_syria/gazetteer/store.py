"""The on-disk gazetteer store: one SQLite file with places, a name index and an R*Tree.

Tables:

* ``meta(key, value)`` — ``format`` (``geo_syria-gazetteer``), ``format_version``, counts.
* ``places(rowid, id, name, feature_type, lat, lon, data, extent)`` — one row per place;
  ``data`` is the record as compact JSON, ``extent`` the polygon as WKB.
* ``names(key, place)`` — every name's variant key, for look-ups on disk.
* ``place_bbox`` — an SQLite R*Tree over each place's extent (or point), for
  bounding-box queries without loading the store.

A store is written to a temporary file in the target directory and moved into
place with :func:`os.replace`, so a failed build never leaves a half-written store.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import tempfile
from collections.abc import Iterable
from contextlib import closing
from pathlib import Path
from typing import Any

from geo_syria.exc import GazetteerFormatError
from geo_syria.gazetteer.index import Gazetteer
from geo_syria.place import Place

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


def _encode(place: Place) -> str:
    data = place.to_dict()
    del data["extent_wkt"]
    data["raw"] = dict(place.raw)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)


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
        When the directory cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = Place(id="curated:x", name="Jobar", lat=33.52, lon=36.33, feature_type="town")
    >>> path = write_store([p], pathlib.Path(tempfile.mkdtemp()) / "g.sqlite")
    >>> [q.id for q in load_store(path).lookup("Joubar")]
    ['curated:x']
    """
    import shapely

    from geo_syria.names import variant_key

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        with closing(sqlite3.connect(tmp)) as con:
            con.executescript(_SCHEMA)
            count = 0
            seen: set[str] = set()
            for rowid, place in enumerate(places, start=1):
                if place.id in seen:
                    raise GazetteerFormatError(
                        f"place id {place.id!r} occurs twice; ids must be unique", path=str(path)
                    )
                seen.add(place.id)
                extent = shapely.to_wkb(place.extent) if place.extent is not None else None
                con.execute(
                    "INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        rowid,
                        place.id,
                        place.name,
                        place.feature_type,
                        place.lat,
                        place.lon,
                        _encode(place),
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
            from geo_syria import __version__

            con.executemany(
                "INSERT INTO meta VALUES (?, ?)",
                [
                    ("format", FORMAT),
                    ("format_version", str(FORMAT_VERSION)),
                    ("geo_syria_version", __version__),
                    ("places", str(count)),
                ],
            )
            con.commit()
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    logger.info("wrote %d places to %s", count, path)
    return path


def _connect(path: str | Path) -> sqlite3.Connection:
    path = Path(path)
    if not path.is_file():
        raise GazetteerFormatError("no such gazetteer store", path=str(path))
    # As a URI, so '#', '?' and '%' in the path are escaped rather than read as URI syntax.
    con = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.DatabaseError as err:
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
    return con


def _decode(data: str, extent: Any) -> Place:
    return Place.from_dict(json.loads(data), extent=extent)


def _places(con: sqlite3.Connection, sql: str, params: tuple = (), *, path: str) -> list[Place]:
    import shapely

    try:
        rows = con.execute(sql, params).fetchall()
        extents = shapely.from_wkb([r[1] for r in rows])
        return [_decode(r[0], g) for r, g in zip(rows, extents, strict=True)]
    except (sqlite3.DatabaseError, ValueError, KeyError, TypeError) as err:
        raise GazetteerFormatError(f"corrupt gazetteer store: {err}", path=path) from None
    except shapely.errors.ShapelyError as err:
        raise GazetteerFormatError(f"corrupt extent in store: {err}", path=path) from None


def load_store(path: str | Path) -> Gazetteer:
    """Load a store written by :func:`write_store` as a :class:`Gazetteer`.

    Parameters
    ----------
    path : str or Path
        The store file.

    Returns
    -------
    Gazetteer

    Raises
    ------
    GazetteerFormatError
        For a missing file, a file that is not a store, a store of another format
        version, or a corrupt record.

    Examples
    --------
    >>> load_store("/nonexistent.sqlite")
    Traceback (most recent call last):
    ...
    geo_syria.exc.GazetteerFormatError: file '/nonexistent.sqlite': no such gazetteer store
    """
    with closing(_connect(path)) as con:
        places = _places(con, "SELECT data, extent FROM places ORDER BY rowid", path=str(path))
    return Gazetteer(places, name=str(path))


def store_bbox(
    path: str | Path, min_lat: float, min_lon: float, max_lat: float, max_lon: float
) -> list[Place]:
    """Return the places of a store whose extent or point meets a bounding box.

    The query runs on disk through the R*Tree; the store is not loaded.

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
    with closing(_connect(path)) as con:
        return _places(
            con,
            "SELECT p.data, p.extent FROM place_bbox b JOIN places p ON p.rowid = b.id "
            "WHERE b.max_lat >= ? AND b.min_lat <= ? AND b.max_lon >= ? AND b.min_lon <= ? "
            "ORDER BY p.rowid",
            (min_lat, max_lat, min_lon, max_lon),
            path=str(path),
        )


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

    with closing(_connect(path)) as con:
        return _places(
            con,
            "SELECT p.data, p.extent FROM names n JOIN places p ON p.rowid = n.place "
            "WHERE n.key = ? ORDER BY p.rowid",
            (variant_key(name),),
            path=str(path),
        )
