"""Checks of a gazetteer store's rows: every field's type and range, before a place is built.

A store holds data only; :func:`place_from_row` decodes one ``places`` row, checks it and
raises :class:`~geo_syria.exc.GazetteerFormatError` naming the row when anything is wrong.
"""

from __future__ import annotations

import json
import math
from typing import Any

from geo_syria.exc import GazetteerFormatError
from geo_syria.place import FEATURE_TYPES, Place

__all__ = ["MAX_RAW_DEPTH", "column_problem", "name_keys", "place_from_row"]

#: Deepest nesting of lists and objects a record's ``raw`` field may have.
MAX_RAW_DEPTH = 4

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


def place_from_row(row: tuple, *, path: str) -> Place:
    """Return the place of one ``places`` row, checked; raise naming the row when it is none.

    The row is (rowid, id, name, feature type, lat, lon, JSON data, extent WKB).
    """
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
        import shapely  # only for the few places with an extent

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


def column_problem(row: tuple) -> str | None:
    """Return what is wrong with the columns of one ``places`` row (not its record), or None.

    Examples
    --------
    >>> column_problem((1, "curated:x", "X", "town", 33.5, 36.3, "{}", None)) is None
    True
    >>> column_problem((2, "curated:y", "Y", "town", 1.6e35, 36.3, "{}", None))
    'lat=1.6e+35 is out of range -90..90'
    """
    _, pid, name, ftype, lat, lon, data, blob = row
    if type(data) is not str:
        return f"data is {type(data).__name__}, not JSON text"
    if blob is not None and type(blob) is not bytes:
        return f"extent is {type(blob).__name__}, not WKB"
    return _record_problem({"id": pid, "name": name, "lat": lat, "lon": lon, "feature_type": ftype})


def name_keys(
    places: list[Place], labels: list[tuple], *, path: str
) -> list[tuple[tuple[str, str], ...]]:
    """Return each place's (exact, variant) name keys from a store's ``labels`` rows.

    The rows must give every name of every place, in order, with two text keys; anything
    else raises :class:`GazetteerFormatError` naming the row.
    """
    out: list[tuple[tuple[str, str], ...]] = []
    at = 0
    for rowid, place in enumerate(places, start=1):
        names = place.names
        rows = labels[at : at + len(names)]
        at += len(names)
        keys = []
        for row, label in zip(rows, names, strict=False):
            if (
                row[0] != rowid
                or row[1] != label
                or type(row[2]) is not str
                or type(row[3]) is not str
            ):
                raise GazetteerFormatError(
                    f"corrupt gazetteer store: labels of row {rowid} (id {place.id!r}) do not "
                    f"match its names (found {row[:2]!r} for {label!r})",
                    path=path,
                )
            keys.append((row[2], row[3]))
        if len(keys) != len(names):
            raise GazetteerFormatError(
                f"corrupt gazetteer store: row {rowid} (id {place.id!r}) lacks name labels",
                path=path,
            )
        out.append(tuple(keys))
    if at != len(labels):
        raise GazetteerFormatError(
            f"corrupt gazetteer store: {len(labels) - at} name labels belong to no place",
            path=path,
        )
    return out
