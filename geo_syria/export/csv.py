"""CSV: one row per place, claim and unresolved name, with a ``kind`` column.

Columns are those of every kind (see :func:`geo_syria.export.frame.columns`),
then ``lat`` and ``lon`` (the point of a place or of an unresolved name's
estimate; empty for claims) and ``wkt`` (the geometry as WKT: the point, or a
claim's region). ``mentions`` and ``sources`` are JSON text. Empty cells mean
"none". A text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return gets a leading ``'`` so spreadsheets show it as text instead of running it
as a formula (CSV injection). In QGIS: *Add Delimited Text Layer*, geometry definition *WKT*, field
``wkt``, CRS EPSG:4326 (or *Point coordinates* with ``lon``/``lat`` for points).
"""

from __future__ import annotations

import csv
import json
import logging
from pathlib import Path
from typing import IO, TYPE_CHECKING

from geo_syria.export._fields import records
from geo_syria.export._output import output_path
from geo_syria.export.frame import columns

if TYPE_CHECKING:
    from geo_syria.report import Report

__all__ = ["CSV_COLUMNS", "write_csv"]

logger = logging.getLogger(__name__)

#: The CSV header.
CSV_COLUMNS: tuple[str, ...] = (*columns(), "lat", "lon", "wkt")


#: First characters that make a spreadsheet read a cell as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    """Return a CSV cell: ``""`` for None, JSON for lists, formula-like text quoted.

    Examples
    --------
    >>> _cell("=HYPERLINK(1)"), _cell("-5 km"), _cell("Hama"), _cell(-5.0), _cell(None)
    ("'=HYPERLINK(1)", "'-5 km", 'Hama', -5.0, '')
    """
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _write(report: Report, out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    n = 0
    for props, geometry in records(report):
        row = {name: _cell(value) for name, value in props.items()}
        if geometry is not None:
            if geometry.geom_type == "Point":
                row["lat"], row["lon"] = geometry.y, geometry.x
            row["wkt"] = geometry.wkt
        writer.writerow(row)
        n += 1
    return n


def write_csv(report: Report, path_or_file: str | Path | IO[str]) -> None:
    """Write the report as CSV (UTF-8) to a path or an open text file.

    Parameters
    ----------
    report : Report
    path_or_file : str, Path or text file
        Where to write; a file opened by the caller should use ``newline=""``. A path
        is written to a temporary file beside it and renamed at the end.

    Raises
    ------
    OutputError
        When the path cannot be written (a folder, no permission, a full disk).

    Examples
    --------
    >>> import io
    >>> from geo_syria.report import Report
    >>> out = io.StringIO()
    >>> write_csv(Report((), (), (), ()), out)
    >>> out.getvalue().split(",")[:3]
    ['kind', 'id', 'name']
    """
    if hasattr(path_or_file, "write"):
        _write(report, path_or_file)  # type: ignore[arg-type]
        return
    with (
        output_path(path_or_file) as tmp,  # type: ignore[arg-type]
        open(tmp, "w", encoding="utf-8", newline="") as out,
    ):
        n = _write(report, out)
    logger.info("wrote %d CSV rows to %s", n, path_or_file)
