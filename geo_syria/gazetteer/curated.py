"""Read the hand-curated gazetteer CSV (schema in ``gazetteer/README.md``)."""

from __future__ import annotations

import csv
import io
import logging
import math
from collections.abc import Callable, Iterator, Mapping, Sequence

from geo_syria.checks import check_option, check_positive
from geo_syria.exc import GazetteerFormatError, InvalidOptionError
from geo_syria.gazetteer.importers._common import clean, unique
from geo_syria.place import FEATURE_TYPES, Place, Provenance

__all__ = ["CURATED_COLUMNS", "CURATED_REQUIRED", "read_curated", "row_to_place", "slug"]

logger = logging.getLogger(__name__)

#: Columns of the curated CSV; the first eight are required.
CURATED_COLUMNS = (
    "id",
    "name",
    "lat",
    "lon",
    "feature_type",
    "precision_m",
    "source",
    "source_id",
    "variants",
    "name_ar",
    "country",
    "admin1",
    "admin1_pcode",
    "admin2",
    "admin2_pcode",
    "admin3",
    "admin3_pcode",
    "population",
    "extent_wkt",
    "licence",
    "note",
)
#: The columns a curated row must fill.
CURATED_REQUIRED = CURATED_COLUMNS[:8]


def read_curated(text: str, *, path: str = "<curated>") -> Iterator[Place]:
    r"""Yield the places of a curated CSV text.

    Parameters
    ----------
    text : str
        The CSV content.
    path : str, keyword-only
        Its path, for error messages.

    Yields
    ------
    Place

    Raises
    ------
    GazetteerFormatError
        For a missing column or a malformed row, naming file, line and column.

    Examples
    --------
    >>> row = ("id,name,lat,lon,feature_type,precision_m,source,source_id,variants\n"
    ...        "jobar,Jobar,33.5239,36.3364,neighbourhood,900,ocha,ocha:N0030,Joubar|Jowbar\n")
    >>> [p.variants for p in read_curated(row)]
    [('Joubar', 'Jowbar')]
    """
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in CURATED_REQUIRED if c not in (reader.fieldnames or ())]
    if missing:
        raise GazetteerFormatError(
            f"missing columns {missing}; required are {list(CURATED_REQUIRED)}", path=path, line=1
        )
    for row in reader:
        line = reader.line_num
        yield row_to_place(row, path=path, line=line, required=CURATED_REQUIRED)


class _RowError(Exception):
    def __init__(self, column: str | None, reason: str) -> None:
        super().__init__(reason)
        self.column = column
        self.reason = reason


def _number(row: Mapping[str, str | None], column: str, *, integer: bool = False):
    value = clean(row.get(column))
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        raise _RowError(column, f"{value!r} is not a number") from None
    if not math.isfinite(number):
        raise _RowError(column, f"{value!r} is not finite")
    if integer:
        if not number.is_integer() or number < 0:
            raise _RowError(column, f"{value!r} is not a whole number >= 0")
        return int(number)
    return number


def slug(name: str) -> str:
    """Return an id slug made from a name.

    Examples
    --------
    >>> slug("Tell Abyad")
    'tell-abyad'
    """
    from geo_syria.names import normalize

    return "-".join(normalize(name).split()) or "row"


def row_to_place(
    row: Mapping[str, str | None],
    *,
    path: str,
    line: int,
    namespace: str = "curated",
    required: Sequence[str] = ("name", "lat", "lon"),
    defaults: Mapping[str, str] | None = None,
    skip: Callable[[int, str | None, str], None] | None = None,
) -> Place | None:
    r"""Turn one row of a gazetteer CSV (curated or user schema) into a place.

    Cells are stripped and runs of whitespace made one space. The columns are those
    of :data:`CURATED_COLUMNS`; only ``name``, ``lat`` and ``lon`` are always needed.

    Parameters
    ----------
    row : mapping
        Column name to cell text (a :class:`csv.DictReader` row).
    path : str, keyword-only
        The file, for error messages.
    line : int, keyword-only
        The row's 1-based line number.
    namespace : str, keyword-only
        Id prefix for an ``id`` without one (``jobar`` becomes ``curated:jobar``), and
        dataset label when there is no ``source``.
    required : sequence of str, keyword-only
        Columns that must not be blank; :func:`read_curated` gives
        :data:`CURATED_REQUIRED`.
    defaults : mapping, keyword-only
        Values for blank cells (``{"feature_type": "village"}``). A row without an
        ``id`` takes one from its name; a row without a ``source_id`` takes its id.
    skip : callable, optional, keyword-only
        When given, a bad row is reported as ``skip(line, column, reason)`` and None
        returned; otherwise it raises.

    Returns
    -------
    Place or None
        None only for a row reported through ``skip``.

    Raises
    ------
    GazetteerFormatError
        For a bad row when ``skip`` is not given, naming file, line and column.

    Examples
    --------
    >>> row = {"name": "Suran", "lat": "35.29", "lon": "36.75", "precision_m": "0"}
    >>> defaults = {"feature_type": "village"}
    >>> row_to_place(row, path="mine.csv", line=2, namespace="user", defaults=defaults)
    Traceback (most recent call last):
    ...
    geo_syria.exc.GazetteerFormatError: file 'mine.csv', line 2, column 'precision_m': ...
    >>> bad = []
    >>> row_to_place(row, path="mine.csv", line=2, namespace="user", defaults=defaults,
    ...              skip=lambda *err: bad.append(err))
    >>> bad
    [(2, 'precision_m', "precision_m='0' must be a finite number > 0")]
    >>> p = row_to_place({**row, "precision_m": ""}, path="mine.csv", line=2, namespace="user",
    ...                  defaults=defaults)
    >>> p.id, p.precision_m
    ('user:suran', 1000.0)
    """
    try:
        return _parse_row(row, namespace=namespace, required=required, defaults=defaults or {})
    except _RowError as err:
        if skip is None:
            raise GazetteerFormatError(
                err.reason, path=path, line=line, column=err.column
            ) from None
        skip(line, err.column, err.reason)
        return None


def _parse_row(
    row: Mapping[str, str | None],
    *,
    namespace: str,
    required: Sequence[str],
    defaults: Mapping[str, str],
) -> Place:
    for column in required:
        if not clean(row.get(column)):
            raise _RowError(column, "empty required value")

    def cell(column: str) -> str:
        return clean(row.get(column)) or clean(defaults.get(column))

    name = cell("name")
    if not name:
        raise _RowError("name", "empty name")
    coords = []
    for column, bound in (("lat", 90.0), ("lon", 180.0)):
        value = _number(row, column)
        if value is None:
            raise _RowError(column, "empty required value")
        if not -bound <= value <= bound:
            raise _RowError(column, f"{value!r} is out of range; allowed -{bound:g}..{bound:g}")
        coords.append(value)
    feature_type = cell("feature_type").lower()
    precision = _number(row, "precision_m")
    try:
        check_option("feature_type", feature_type, FEATURE_TYPES)
    except InvalidOptionError as err:
        raise _RowError("feature_type", str(err)) from None
    if precision is not None:
        try:
            check_positive("precision_m", clean(row.get("precision_m")))
        except InvalidOptionError as err:
            raise _RowError("precision_m", str(err)) from None
    extent = None
    if clean(row.get("extent_wkt")):
        from shapely import wkt
        from shapely.errors import ShapelyError

        try:
            extent = wkt.loads(row["extent_wkt"])
        except ShapelyError as err:
            raise _RowError("extent_wkt", f"bad WKT: {err}") from None
    raw_id = cell("id")
    place_id = raw_id if ":" in raw_id else f"{namespace}:{raw_id or slug(name)}"
    try:
        return Place(
            id=place_id,
            name=name,
            lat=coords[0],
            lon=coords[1],
            feature_type=feature_type,
            variants=unique([*cell("variants").split("|"), cell("name_ar")], exclude=name),
            country=cell("country").upper() or "SY",
            admin1=cell("admin1") or None,
            admin2=cell("admin2") or None,
            admin3=cell("admin3") or None,
            admin1_pcode=cell("admin1_pcode") or None,
            admin2_pcode=cell("admin2_pcode") or None,
            admin3_pcode=cell("admin3_pcode") or None,
            population=_number(row, "population", integer=True),
            precision_m=math.nan if precision is None else precision,
            extent=extent,
            provenance=(
                Provenance(
                    cell("source_id") or place_id,
                    cell("source") or namespace,
                    cell("licence"),
                    cell("note"),
                ),
            ),
            raw=dict(row),
        )
    except ValueError as err:  # InvalidOptionError included
        raise _RowError(None, str(err)) from None
