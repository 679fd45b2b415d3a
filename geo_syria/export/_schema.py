"""The type of every export field, for tables written in batches (GeoPackage, GeoParquet).

A table written batch by batch needs its column types before it sees its values: a
batch whose ``stated_distance_min_km`` cells are all empty must still make a number
column. :func:`field_type` gives each field of :mod:`~geo_syria.export._fields` one of
``"float"``, ``"int"``, ``"bool"``, ``"str"``, ``"strings"`` (a list of text) or
``"mentions"`` (a place's list of ``{doc, start, end, text}``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from geo_syria.export._fields import FIELDS

if TYPE_CHECKING:
    import pandas
    import pyarrow

__all__ = ["arrow_schema", "field_type", "typed_frame"]

_FLOATS = frozenset(
    (
        "confidence precision_m stated_distance_km stated_distance_min_km stated_distance_max_km "
        "stated_bearing_deg stated_bearing_tolerance_deg measured_distance_km "
        "measured_bearing_deg distance_off_km bearing_off_deg estimate_lat estimate_lon "
        "estimate_radius_m lat lon"
    ).split()
)
_INTS = frozenset(("start", "end", "n_mentions", "n_docs"))
_BOOLS = frozenset(("in_syria", "from_extent"))
_OTHERS = {"sources": "strings", "mentions": "mentions"}


def field_type(name: str) -> str:
    """Return the type of an export field.

    Examples
    --------
    >>> [field_type(n) for n in ("lat", "start", "in_syria", "name", "sources")]
    ['float', 'int', 'bool', 'str', 'strings']
    """
    if name in _FLOATS:
        return "float"
    if name in _INTS:
        return "int"
    if name in _BOOLS:
        return "bool"
    return _OTHERS.get(name, "str")


_PANDAS = {"float": "float64", "int": "Int64", "bool": "boolean", "str": "object"}


def typed_frame(kind: str, rows: list[dict[str, Any]]) -> pandas.DataFrame:
    """Return one kind's rows as a DataFrame with the column types of :func:`field_type`.

    List fields (``sources``, ``mentions``) are left as they are.

    Examples
    --------
    >>> typed_frame("claim", [{"kind": "claim", "start": 3}]).dtypes["distance_off_km"]
    dtype('float64')
    """
    import pandas as pd

    names = FIELDS[kind]
    frame = pd.DataFrame([[row.get(n) for n in names] for row in rows], columns=list(names))
    for name in names:
        dtype = _PANDAS.get(field_type(name))
        if dtype is not None and dtype != "object":
            frame[name] = frame[name].astype(dtype)
    return frame


def arrow_schema(kind: str) -> pyarrow.Schema:
    """Return the Arrow schema of one kind's table: its fields, then a WKB ``geometry``.

    Examples
    --------
    >>> arrow_schema("unresolved").field("start").type
    DataType(int64)
    """
    import pyarrow as pa

    mention = pa.struct(
        [("doc", pa.string()), ("start", pa.int64()), ("end", pa.int64()), ("text", pa.string())]
    )
    types = {
        "float": pa.float64(),
        "int": pa.int64(),
        "bool": pa.bool_(),
        "str": pa.string(),
        "strings": pa.list_(pa.string()),
        "mentions": pa.list_(mention),
    }
    fields = [pa.field(name, types[field_type(name)]) for name in FIELDS[kind]]
    return pa.schema([*fields, pa.field("geometry", pa.binary())])
