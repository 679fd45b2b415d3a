"""Read the hand-curated gazetteer CSV (schema in ``gazetteer/README.md``)."""

from __future__ import annotations

import csv
import io
import logging
import math
from collections.abc import Iterator

from geo_syria.exc import GazetteerFormatError, InvalidOptionError
from geo_syria.place import Place, Provenance

__all__ = ["CURATED_COLUMNS", "read_curated"]

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
_REQUIRED = CURATED_COLUMNS[:8]


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
    missing = [c for c in _REQUIRED if c not in (reader.fieldnames or ())]
    if missing:
        raise GazetteerFormatError(
            f"missing columns {missing}; required are {list(_REQUIRED)}", path=path, line=1
        )
    for row in reader:
        line = reader.line_num
        yield _row_to_place(row, path=path, line=line)


def _number(row: dict, column: str, *, path: str, line: int, kind=float):
    value = (row.get(column) or "").strip()
    if not value:
        return None
    try:
        number = kind(value)
    except ValueError:
        raise GazetteerFormatError(
            f"{value!r} is not a number", path=path, line=line, column=column
        ) from None
    if isinstance(number, float) and not math.isfinite(number):
        raise GazetteerFormatError(f"{value!r} is not finite", path=path, line=line, column=column)
    return number


def _row_to_place(row: dict, *, path: str, line: int) -> Place:
    for column in _REQUIRED:
        if not (row.get(column) or "").strip():
            raise GazetteerFormatError("empty required value", path=path, line=line, column=column)
    lat = _number(row, "lat", path=path, line=line)
    lon = _number(row, "lon", path=path, line=line)
    extent = None
    if (row.get("extent_wkt") or "").strip():
        from shapely import wkt
        from shapely.errors import ShapelyError

        try:
            extent = wkt.loads(row["extent_wkt"])
        except ShapelyError as err:
            raise GazetteerFormatError(
                f"bad WKT: {err}", path=path, line=line, column="extent_wkt"
            ) from None
    variants = [v.strip() for v in (row.get("variants") or "").split("|") if v.strip()]
    if (row.get("name_ar") or "").strip():
        variants.append(row["name_ar"].strip())
    pop = _number(row, "population", path=path, line=line, kind=int)
    slug = row["id"].strip()
    try:
        return Place(
            id=slug if ":" in slug else f"curated:{slug}",
            name=row["name"].strip(),
            lat=lat,
            lon=lon,
            feature_type=row["feature_type"].strip(),
            variants=tuple(variants),
            country=(row.get("country") or "SY").strip() or "SY",
            admin1=(row.get("admin1") or None),
            admin2=(row.get("admin2") or None),
            admin3=(row.get("admin3") or None),
            admin1_pcode=(row.get("admin1_pcode") or None),
            admin2_pcode=(row.get("admin2_pcode") or None),
            admin3_pcode=(row.get("admin3_pcode") or None),
            population=pop,
            precision_m=_number(row, "precision_m", path=path, line=line),
            extent=extent,
            provenance=(
                Provenance(
                    row["source_id"].strip(),
                    row["source"].strip(),
                    (row.get("licence") or "").strip(),
                    (row.get("note") or "").strip(),
                ),
            ),
            raw=dict(row),
        )
    except InvalidOptionError as err:
        raise GazetteerFormatError(str(err), path=path, line=line) from None
