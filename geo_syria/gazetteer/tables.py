"""A gazetteer's name tables, and places decoded from store rows only when asked for.

:class:`NameTables` holds what :class:`~geo_syria.gazetteer.index.Gazetteer` looks names up
in: places by exact key and by variant key, the label of each (place, variant key) and the
keys fuzzy matching runs over. A store keeps them as JSON (data only), so loading a
gazetteer need not work them out from every name again; :class:`LazyPlaces` keeps each
place's store row and builds the :class:`~geo_syria.place.Place` the first time it is used,
so a run that needs ten places builds ten.

Examples
--------
>>> from geo_syria.place import Place
>>> tables = build_tables([Place(id="curated:jobar", name="Jobar", variants=("Joubar",),
...                              lat=33.52, lon=36.33, feature_type="town")])
>>> tables.variant["jubar"], tables.labels[(0, "jubar")]
([0], 'Jobar')
>>> decode_tables(encode_tables(tables), places=1) == tables
True
"""

from __future__ import annotations

import gc
import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from geo_syria.fileio import package_bytes
from geo_syria.gazetteer import fuzzy as _fuzzy
from geo_syria.gazetteer.store_rows import column_problem, place_from_row
from geo_syria.names import normalize, variant_key
from geo_syria.place import Place

__all__ = [
    "KEY_MODULES",
    "LazyPlaces",
    "NameTables",
    "bucket_table",
    "buckets_column",
    "build_tables",
    "columns_intact",
    "decode_tables",
    "encode_tables",
    "gc_paused",
    "join_lines",
    "keys_digest",
    "split_lines",
]

#: The tables of a store, by name, in the order they are written.
TABLE_NAMES = ("exact", "variant", "labels", "fuzzy")


@dataclass(frozen=True, slots=True)
class NameTables:
    """The name tables of a gazetteer; place numbers index its places in order.

    Attributes
    ----------
    exact, variant : dict of str to list of int
        The places (in order, each once) of each ``normalize`` key and ``variant_key``.
    labels : dict of (int, str) to str
        The first name of a place that has a variant key.
    fuzzy : list of str
        The sorted variant keys of names in Latin or Arabic script (fuzzy matching's).
    """

    exact: dict[str, list[int]]
    variant: dict[str, list[int]]
    labels: dict[tuple[int, str], str]
    fuzzy: list[str]


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while tables of many small lists are built.

    Tens of thousands of new lists and tuples (none in a cycle) would otherwise set off
    collections that go over every object again and again, a fifth of the time it
    takes to read a gazetteer's tables. The collector is left as it was found.

    Examples
    --------
    >>> import gc
    >>> with gc_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def build_tables(
    places: Sequence[Place], keys: Sequence[Sequence[tuple[str, str]]] | None = None
) -> NameTables:
    """Return the name tables of some places.

    ``keys`` gives, for each place, the ``(normalize(name), variant_key(name))`` of each
    of its names when already known (a store holds them); worked out when not given.
    """
    exact: dict[str, list[int]] = {}
    variant: dict[str, list[int]] = {}
    labels: dict[tuple[int, str], str] = {}
    fuzzy: set[str] = set()
    for i, place in enumerate(places):
        names = place.names
        pairs = keys[i] if keys is not None else [(normalize(n), variant_key(n)) for n in names]
        for label, (exact_key, variant_k) in zip(names, pairs, strict=True):
            for table, key in ((exact, exact_key), (variant, variant_k)):
                if key:
                    bucket = table.setdefault(key, [])
                    if not bucket or bucket[-1] != i:
                        bucket.append(i)
            labels.setdefault((i, variant_k), label)
            # ASCII transliterations of Hebrew, Cyrillic or Chinese names are kept for
            # exact look-ups but are noise to a spelling-distance search
            if variant_k and _fuzzy.fuzzy_script(label):
                fuzzy.add(variant_k)
    return NameTables(exact, variant, labels, sorted(fuzzy))


def join_lines(strings: Sequence[str]) -> str | list[str]:
    r"""Return strings joined by newlines (split back in one call), or else as a list.

    A list when a string holds a newline or is empty: a join could not be split back.

    Examples
    --------
    >>> join_lines(["hama", "homs"]), join_lines(["a\nb"]), split_lines("hama\nhoms")
    ('hama\nhoms', ['a\nb'], ['hama', 'homs'])
    """
    if strings and all(s and "\n" not in s for s in strings):
        return "\n".join(strings)
    return list(strings)


def split_lines(value: object) -> list[str]:
    """Return the strings of a :func:`join_lines` value; raise ValueError for anything else."""
    if type(value) is str:
        return value.split("\n")
    if type(value) is list and all(type(s) is str for s in value):
        return value
    raise ValueError(f"{type(value).__name__} is not a column of strings")


def buckets_column(buckets: Iterable[list]) -> list:
    """Return the buckets of a table as one column: a bucket of one as its item alone."""
    return [bucket[0] if len(bucket) == 1 else bucket for bucket in buckets]


def bucket_table(keys: list[str], column: object, singles: dict) -> dict[str, list]:
    """Return ``{key: bucket}`` from a :func:`buckets_column`; a bucket of one is ``singles``'.

    Buckets of one item are shared (``singles`` maps each item to its list), so reading
    tens of thousands of keys builds no list per key. ``singles`` also says which items
    may stand alone. Raises ValueError for a column of another length or another item.
    """
    if type(column) is not list or len(column) != len(keys):
        raise ValueError("the keys and their buckets do not pair up")
    try:
        buckets = [singles[item] if type(item) is not list else item for item in column]
    except (KeyError, TypeError):
        raise ValueError("a bucket holds an item the table may not have") from None
    return dict(zip(keys, buckets, strict=True))


def encode_tables(tables: NameTables) -> dict[str, str]:
    """Return each table as compact JSON text, by the names of :data:`TABLE_NAMES`.

    Keys and labels are columns of lines and buckets of one place a bare number: reading
    them back is a split and a short list, not tens of thousands of JSON objects.
    """
    values: dict[str, Any] = {
        name: [join_lines(list(table)), buckets_column(table.values())]
        for name, table in (("exact", tables.exact), ("variant", tables.variant))
    }
    values["labels"] = [  # three columns: place numbers, variant keys, labels
        [i for i, _ in tables.labels],
        join_lines([key for _, key in tables.labels]),
        join_lines(list(tables.labels.values())),
    ]
    values["fuzzy"] = join_lines(tables.fuzzy)
    return {
        name: json.dumps(values[name], ensure_ascii=False, separators=(",", ":"))
        for name in TABLE_NAMES
    }


def decode_tables(texts: dict[str, str], *, places: int) -> NameTables:
    """Return the tables of :func:`encode_tables` text, checked against ``places`` places.

    Raises
    ------
    ValueError
        When a table is missing, is not JSON of the right shape, or names a place number
        outside ``0..places-1``.
    """
    try:
        exact, variant, labels, fuzzy = (json.loads(texts[name]) for name in TABLE_NAMES)
    except KeyError as err:
        raise ValueError(f"the {err.args[0]!r} name table is missing") from None
    # a bucket of one is the list of ``singles``, which holds the numbers 0..places-1 only;
    # a longer bucket must be checked
    singles = {i: [i] for i in range(places)}
    tables = []
    for name, pair in (("exact", exact), ("variant", variant)):
        if type(pair) is not list or len(pair) != 2:
            raise ValueError(f"the {name!r} name table is not a pair of columns")
        table = bucket_table(split_lines(pair[0]) if pair[0] else [], pair[1], singles)
        longer = [item for item in pair[1] if type(item) is list]
        if not all(
            bucket and all(type(i) is int and 0 <= i < places for i in bucket) for bucket in longer
        ):
            raise ValueError(f"the {name!r} name table is not of place numbers 0..{places - 1}")
        tables.append(table)
    if type(labels) is not list or len(labels) != 3:
        raise ValueError("the 'labels' name table is not three columns")
    numbers, keys, names = labels[0], split_lines(labels[1]), split_lines(labels[2])
    by_key = dict(zip(zip(numbers, keys, strict=True), names, strict=True))
    return NameTables(*tables, by_key, split_lines(fuzzy) if fuzzy else [])


class LazyPlaces(Sequence):
    """The places of store rows, each decoded and checked the first time it is used.

    Parameters
    ----------
    rows : sequence of tuple
        ``places`` rows: (rowid, id, name, feature type, lat, lon, JSON data, extent WKB).
    path : str
        The store, named in errors.
    """

    __slots__ = ("_made", "_path", "_rows", "ids")

    def __init__(self, rows: Sequence[tuple], *, path: str) -> None:
        self._rows = rows
        self._path = path
        self._made: list[Place | None] = [None] * len(rows)
        #: Each place's id, in order (from the rows: no place is decoded to list them).
        self.ids: list[str] = [row[1] for row in rows]

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        place = self._made[index]
        if place is None:
            place = self._made[index] = place_from_row(self._rows[index], path=self._path)
        return place

    def __iter__(self) -> Iterator[Place]:
        for i in range(len(self._rows)):
            yield self[i]

    def decoded(self) -> int:
        """Return how many places were built so far."""
        return sum(p is not None for p in self._made)

    def __reduce__(self):
        return _lazy_places, (self._rows, self._path)


def _lazy_places(rows: Sequence[tuple], path: str) -> LazyPlaces:
    return LazyPlaces(rows, path=path)


def columns_intact(rows: Sequence[tuple]) -> bool:
    """Whether the columns of every row have their types and ranges (no record is decoded)."""
    return all(column_problem(row) is None for row in rows)


#: The modules whose code makes name keys and tables: a store's keys made by other code
#: are worked out again from its names (they would miss spellings the code now folds).
KEY_MODULES = ("names.py", "gazetteer/tables.py", "gazetteer/fuzzy.py")


@lru_cache(maxsize=1)
def keys_digest() -> str:
    """Return a digest of the code that makes name keys and tables (a store records it).

    Examples
    --------
    >>> len(keys_digest())
    64
    """
    digest = hashlib.sha256()
    for module in KEY_MODULES:
        digest.update(package_bytes("geo_syria", module))
    return digest.hexdigest()
