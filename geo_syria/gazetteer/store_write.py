"""Writing a gazetteer store (:mod:`geo_syria.gazetteer.store` reads it): schema, records, digests.

A store is written to a temporary file in the target directory and moved into place
(:func:`geo_syria.fileio.atomic_path`), so a failed build never leaves a half-written
store and never replaces a good one.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
from collections.abc import Iterable
from contextlib import closing
from pathlib import Path
from typing import Any

from geo_syria.exc import GazetteerFormatError
from geo_syria.fileio import atomic_path
from geo_syria.gazetteer.tables import TABLE_NAMES, build_tables, encode_tables, keys_digest
from geo_syria.place import Place

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "columns_digest",
    "digest_row",
    "tables_digest",
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
CREATE TABLE labels (place INTEGER NOT NULL, label TEXT NOT NULL, exact TEXT NOT NULL,
                     variant TEXT NOT NULL);
CREATE VIRTUAL TABLE place_bbox USING rtree(id, min_lat, max_lat, min_lon, max_lon);
CREATE TABLE tables (name TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


def _encode(place: Place) -> str:
    data = place.to_dict()
    del data["extent_wkt"]
    data["raw"] = dict(place.raw)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)


def digest_row(digest: Any, data: str, extent: bytes | None) -> None:
    """Add one place row (its JSON record and extent WKB) to a ``records_sha256`` digest."""
    encoded = data.encode("utf-8", errors="surrogatepass")
    digest.update(len(encoded).to_bytes(8, "little"))
    digest.update(encoded)
    digest.update(b"\x00" if extent is None else b"\x01" + len(extent).to_bytes(8, "little"))
    if extent is not None:
        digest.update(extent)


def columns_digest(rows: Iterable[tuple]) -> str:
    """Return the ``columns_sha256`` of place rows: their rowid, id, name, type, lat and lon.

    ``records_sha256`` covers each row's record; this covers the columns beside it, so a
    lazy load (which checks a record against its columns only when it builds the place)
    finds a changed column on load.
    """
    digest = hashlib.sha256()
    for rowid, pid, name, ftype, lat, lon, *_ in rows:
        line = f"{rowid}\x1f{pid}\x1f{name}\x1f{ftype}\x1f{float(lat)!r}\x1f{float(lon)!r}\x1e"
        digest.update(line.encode("utf-8", errors="surrogatepass"))
    return digest.hexdigest()


def tables_digest(tables: dict[str, str]) -> str:
    """Return the ``tables_sha256`` of a store's name tables (JSON text by table name)."""
    digest = hashlib.sha256()
    for name in TABLE_NAMES:
        encoded = tables.get(name, "").encode("utf-8", errors="surrogatepass")
        digest.update(len(encoded).to_bytes(8, "little"))
        digest.update(encoded)
    return digest.hexdigest()


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
    >>> from geo_syria.gazetteer.store import load_store
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
    from geo_syria.names import normalize, variant_key

    with closing(sqlite3.connect(tmp)) as con:
        # The file is renamed into place only when complete: no rollback journal needed.
        con.execute("PRAGMA journal_mode = OFF")
        con.executescript(_SCHEMA)
        written: list[Place] = []
        keys: list[list[tuple[str, str]]] = []
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
            digest_row(digest, data, extent)
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
            written.append(place)
            keys.append([(normalize(n), variant_key(n)) for n in place.names])
            variants = {v for _, v in keys[-1]} - {""}
            con.executemany("INSERT INTO names VALUES (?, ?)", [(k, rowid) for k in variants])
            con.executemany(
                "INSERT INTO labels VALUES (?, ?, ?, ?)",
                [(rowid, n, *k) for n, k in zip(place.names, keys[-1], strict=True)],
            )
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
        count = len(written)
        columns = [
            (i, p.id, p.name, p.feature_type, p.lat, p.lon) for i, p in enumerate(written, 1)
        ]
        tables = encode_tables(build_tables(written, keys))
        con.executemany("INSERT INTO tables VALUES (?, ?)", tables.items())
        con.execute("CREATE INDEX names_key ON names (key)")
        con.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            [
                ("format", FORMAT),
                ("format_version", str(FORMAT_VERSION)),
                ("geo_syria_version", __version__),
                ("places", str(count)),
                ("records_sha256", digest.hexdigest()),
                ("tables_sha256", tables_digest(tables)),
                ("columns_sha256", columns_digest(columns)),
                ("keys_sha256", keys_digest()),
            ],
        )
        con.commit()
    return count
