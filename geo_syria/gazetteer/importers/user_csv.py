"""Import a plain user CSV: ``name, lat, lon`` and optional columns.

Optional columns: ``id``, ``feature_type`` (default ``village``), ``variants``
(``|``-separated), ``name_ar``, ``country``, ``admin1``, ``admin2``, ``admin3`` and
their ``_pcode`` columns, ``population``, ``precision_m``, ``source``, ``licence``.
"""

from __future__ import annotations

import csv
import io
import logging
import math
from pathlib import Path

from geo_syria.exc import GazetteerFormatError
from geo_syria.gazetteer.importers._common import (
    Collector,
    ImportResult,
    bad_text,
    clean,
    read_text,
    to_float,
    to_int,
    unique,
)
from geo_syria.place import FEATURE_TYPES, Provenance

__all__ = ["USER_COLUMNS", "USER_REQUIRED", "read_user_csv"]

logger = logging.getLogger(__name__)

USER_REQUIRED = ("name", "lat", "lon")
#: Every column the user CSV may have.
USER_COLUMNS = (
    *USER_REQUIRED,
    "id",
    "feature_type",
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
    "precision_m",
    "source",
    "licence",
)


def read_user_csv(path: str | Path, *, dataset: str = "user") -> ImportResult:
    r"""Read a plain user CSV into places.

    Parameters
    ----------
    path : str or Path
        The CSV (UTF-8, comma-separated, header row).
    dataset : str, keyword-only
        Id prefix and dataset label for rows without an ``id``/``source``.

    Returns
    -------
    ImportResult

    Raises
    ------
    GazetteerFormatError
        For a missing ``name``/``lat``/``lon`` column or an empty or binary file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "mine.csv"
    >>> _ = f.write_text("name,lat,lon,feature_type,variants\n"
    ...                  "Maardas,35.2,36.7,village,Ma'ardes|Maar Dis\n"
    ...                  "Nowhere,95,36.7,,\n")
    >>> r = read_user_csv(f)
    >>> [(p.id, p.variants) for p in r.places]
    [('user:maardas', ("Ma'ardes", 'Maar Dis'))]
    >>> r.skipped[0].line, r.skipped[0].column
    (3, 'lat')
    """
    path = Path(path)
    spath = str(path)
    text = read_text(path)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in reader.fieldnames or []]
    reader.fieldnames = header
    missing = [c for c in USER_REQUIRED if c not in header]
    if missing:
        raise GazetteerFormatError(
            f"missing columns {missing}; a user CSV needs {list(USER_REQUIRED)} "
            f"and may have {list(USER_COLUMNS[3:])}",
            path=spath,
            line=1,
            column=missing[0],
        )
    out = Collector(spath, "user_csv")
    start = 1
    for row in reader:
        line = start + 1
        start = reader.line_num
        if None in row or any(v is None for v in row.values()):
            out.skip(line, None, f"expected {len(header)} columns")
            continue
        bad = next((c for c, v in row.items() if bad_text(v)), None)
        if bad is not None:
            out.skip(line, bad, "not UTF-8")
            continue
        _row_place(out, line, row, dataset=dataset)
    if not out.places and not out.skipped:
        raise GazetteerFormatError("no rows after the header", path=spath, line=2)
    result = out.result()
    logger.info("%s", result.summary())
    return result


def _slug(name: str) -> str:
    from geo_syria.names import normalize

    return "-".join(normalize(name).split()) or "row"


def _row_place(out: Collector, line: int, row: dict, *, dataset: str) -> None:
    name = clean(row["name"])
    if not name:
        out.skip(line, "name", "empty name")
        return
    coords = {}
    for column, bound in (("lat", 90.0), ("lon", 180.0)):
        value = to_float(row[column])
        if value is None:
            out.skip(line, column, f"{row[column]!r} is not a number")
            return
        if not -bound <= value <= bound:
            out.skip(line, column, f"{value!r} is out of range -{bound:g}..{bound:g}")
            return
        coords[column] = value
    ftype = clean(row.get("feature_type")).lower() or "village"
    if ftype not in FEATURE_TYPES:
        out.skip(line, "feature_type", f"{ftype!r} is not one of {FEATURE_TYPES}")
        return
    raw_id = clean(row.get("id"))
    place_id = raw_id if ":" in raw_id else f"{dataset}:{raw_id or _slug(name)}"
    precision = to_float(row.get("precision_m"))
    population = to_int(row.get("population"))
    out.add(
        line,
        id=place_id,
        name=name,
        lat=coords["lat"],
        lon=coords["lon"],
        feature_type=ftype,
        variants=unique([*clean(row.get("variants")).split("|"), row.get("name_ar")], exclude=name),
        country=clean(row.get("country")).upper() or "SY",
        admin1=clean(row.get("admin1")) or None,
        admin2=clean(row.get("admin2")) or None,
        admin3=clean(row.get("admin3")) or None,
        admin1_pcode=clean(row.get("admin1_pcode")) or None,
        admin2_pcode=clean(row.get("admin2_pcode")) or None,
        admin3_pcode=clean(row.get("admin3_pcode")) or None,
        population=population,
        precision_m=precision if precision and precision > 0 else math.nan,
        provenance=(
            Provenance(place_id, clean(row.get("source")) or dataset, clean(row.get("licence"))),
        ),
        raw=dict(row),
    )
