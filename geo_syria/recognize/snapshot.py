"""The recognizer's tables of a gazetteer, cached on disk under the gazetteer's content hash.

Working out a gazetteer's name keys (every name folded, with and without its article,
filtered) and its variant keys takes most of a second for the default gazetteer; a
one-sentence run would spend it on every start. :class:`RecognizerTables` holds what
they come to, and is written once to the user cache directory
(:func:`~geo_syria.gazetteer.default.cache_dir`) as JSON (data only: reading it never
runs code), named by the gazetteer's content hash
(:attr:`~geo_syria.gazetteer.Gazetteer.content_hash`) and by :func:`code_key` (the
geo_syria version and the code that shapes the tables). A changed gazetteer or package
reads another file, never a stale one.

The file is one header line (format, version, content hash, code key, the SHA-256 of the
rest) and the tables. A file that cannot be read, is another's, fails its digest or its
checks is logged as a warning and rebuilt; it is written atomically
(:func:`~geo_syria.fileio.write_bytes_atomic`), so a reader never sees half of one.

Examples
--------
>>> import pathlib, tempfile
>>> from geo_syria.gazetteer import Gazetteer
>>> from geo_syria.place import Place
>>> gaz = Gazetteer([Place(id="curated:hama", name="Hama", lat=35.13, lon=36.76,
...                        feature_type="city")], content_hash="ab" * 32)
>>> tables = RecognizerTables({"hama": ["curated:hama"]}, (frozenset({"hama"}), frozenset()))
>>> path = pathlib.Path(tempfile.mkdtemp()) / "r.json"
>>> write_snapshot(path, tables, gazetteer=gaz)
>>> read_snapshot(path, gazetteer=gaz) == tables
True
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from geo_syria.fileio import (
    STALE_AFTER_DAYS,
    mark_used,
    package_bytes,
    prune_stale,
    write_bytes_atomic,
)
from geo_syria.gazetteer.tables import bucket_table, buckets_column, join_lines, split_lines

if TYPE_CHECKING:
    from geo_syria.gazetteer import Gazetteer

__all__ = [
    "FORMAT",
    "RecognizerTables",
    "code_key",
    "read_snapshot",
    "snapshot_path",
    "write_snapshot",
]

logger = logging.getLogger(__name__)

FORMAT = "geo_syria-recognizer"
FORMAT_VERSION = 1
#: The modules whose code shapes the tables: a change to any of them is another cache.
_KEY_MODULES = (
    "names.py",
    "place.py",
    "text.py",
    "gazetteer/tables.py",
    "recognize/automaton.py",
    "recognize/cues.py",
    "recognize/runs.py",
    "recognize/snapshot.py",
    "recognize/words.py",
)


class RecognizerTables(NamedTuple):
    """What a :class:`~geo_syria.recognize.Recognizer` builds from its gazetteer's names."""

    #: Each folded name key and the ids of its places, in the gazetteer's order.
    places: dict[str, list[str]]
    #: The variant keys of the Syrian names, and of their first words
    #: (:class:`~geo_syria.recognize.runs.VariantNames`).
    variant: tuple[frozenset[str], frozenset[str]]


@lru_cache(maxsize=1)
def code_key() -> str:
    """Return a digest of the geo_syria version and the code that shapes the tables.

    Examples
    --------
    >>> len(code_key())
    64
    """
    from geo_syria import __version__

    digest = hashlib.sha256(f"{FORMAT}|{FORMAT_VERSION}|{__version__}".encode())
    for module in _KEY_MODULES:
        digest.update(package_bytes("geo_syria", module))
    return digest.hexdigest()


def snapshot_path(gazetteer: Gazetteer) -> Path | None:
    """Return the cache file of a gazetteer's tables, or None when it has no content hash.

    Examples
    --------
    >>> from geo_syria.gazetteer import Gazetteer
    >>> snapshot_path(Gazetteer([])) is None
    True
    >>> snapshot_path(Gazetteer([], content_hash="0" * 64)).name.startswith("recognizer-0000")
    True
    """
    from geo_syria.gazetteer.default import cache_dir

    if not gazetteer.content_hash:
        return None
    return cache_dir() / f"recognizer-{gazetteer.content_hash[:16]}-{code_key()[:16]}.json"


def _header(gazetteer: Gazetteer) -> dict[str, object]:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "gazetteer": gazetteer.content_hash,
        "code": code_key(),
    }


def write_snapshot(path: Path, tables: RecognizerTables, *, gazetteer: Gazetteer) -> None:
    """Write the tables of a gazetteer to ``path``, atomically; log (info) when it cannot."""
    keys, firsts = tables.variant
    body = {  # columns of lines: a split reads them back (tables.join_lines)
        "keys": join_lines(list(tables.places)),
        "places": buckets_column(tables.places.values()),
        "variant_keys": join_lines(sorted(keys)),
        "variant_firsts": join_lines(sorted(firsts)),
    }
    payload = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    data = payload.encode("utf-8", errors="surrogatepass")
    header = {**_header(gazetteer), "sha256": hashlib.sha256(data).hexdigest()}
    try:
        write_bytes_atomic(path, json.dumps(header).encode("ascii") + b"\n" + data)
    except OSError as err:  # a read-only home, a full disk, a directory in the way
        logger.info("could not write recognizer cache %s: %s", path, err)
        return
    for old in prune_stale(path, ("recognizer-*.json",)):
        logger.info("removed recognizer cache %s, unused for %g days", old, STALE_AFTER_DAYS)


def read_snapshot(path: Path, *, gazetteer: Gazetteer) -> RecognizerTables | None:
    """Return the tables cached at ``path``, or None (a warning logged when it is unusable).

    None without a warning when there is no file; any file that is not the tables of
    this gazetteer by this code, intact, is ignored with a warning (and rebuilt by the
    caller).
    """
    if not os.path.lexists(path):
        return None
    try:
        tables = _decode(Path(path).read_bytes(), gazetteer)
    except Exception as err:  # noqa: BLE001 - whatever is wrong with the cache, rebuild it
        logger.warning(
            "ignoring unreadable recognizer cache %s (%s: %s); rebuilding it",
            path,
            type(err).__name__,
            err,
        )
        return None
    mark_used(path)
    return tables


def _decode(data: bytes, gazetteer: Gazetteer) -> RecognizerTables:
    line, _, payload = data.partition(b"\n")
    header = json.loads(line)
    if type(header) is not dict or any(header.get(k) != v for k, v in _header(gazetteer).items()):
        raise ValueError("not the recognizer tables of this gazetteer by this geo_syria")
    if hashlib.sha256(payload).hexdigest() != header.get("sha256"):
        raise ValueError("the tables do not match their digest (changed or damaged)")
    body = json.loads(payload.decode("utf-8", errors="surrogatepass"))
    column = body["places"]
    if type(column) is not list:
        raise ValueError("'places' is not an array")
    ids = {i for i in column if type(i) is not list}
    ids.update(chain.from_iterable(i for i in column if type(i) is list))
    if not all(type(i) is str and i in gazetteer for i in ids):
        raise ValueError("'places' names places the gazetteer does not have")
    keys = split_lines(body["keys"]) if body["keys"] else []
    places = bucket_table(keys, column, {i: [i] for i in ids})
    variant = tuple(
        frozenset(split_lines(body[name]) if body[name] else ())
        for name in ("variant_keys", "variant_firsts")
    )
    return RecognizerTables(places, variant)
