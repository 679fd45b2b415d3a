"""CSV: one table per kind (places, claims, mentions, unresolved names), each with geometry.

``write_csv(report, "out.csv")`` writes four files beside each other:
``out_places.csv``, ``out_claims.csv``, ``out_mentions.csv`` and ``out_unresolved.csv``
(see :func:`csv_paths`). Each has the columns of its kind (see
:func:`geo_syria.export.frame.columns`, without ``kind``), then ``lon`` and ``lat``
(the point of a place, a mention or an unresolved name's estimate; empty for claims)
and ``wkt``: the geometry as WKT (a point, or a claim's region). GDAL (and so
``geopandas.read_file`` and QGIS) takes a column named ``wkt`` as the geometry; the
coordinates are WGS84 (EPSG:4326), which GDAL cannot read from a CSV, so set it
(``gdf.set_crs(4326)``). Cells hold no JSON: a place's ``sources`` are joined with
``"; "`` and its mentions are counted (``n_mentions``, ``n_docs``), each being a row of
the mentions table. Empty cells mean "none".

A text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
leading ``'`` so spreadsheets show it as text instead of running it as a formula (CSV
injection). In QGIS: *Add Delimited Text Layer*, geometry definition *WKT*, field
``wkt``, CRS EPSG:4326 (or *Point coordinates* with ``lon``/``lat`` for points).
"""

from __future__ import annotations

import csv
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from geo_syria.checks import check_option
from geo_syria.exc import InvalidOptionError
from geo_syria.export._fields import TABLE_KINDS, records
from geo_syria.export._output import check_output
from geo_syria.export._writer import TABLE_FILES, StreamWriter, table_paths
from geo_syria.export.frame import columns

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from geo_syria.report import Report

__all__ = ["CSV_TABLES", "CSVWriter", "csv_columns", "csv_paths", "write_csv"]

logger = logging.getLogger(__name__)

#: The table of each kind and the file-name part it gets (``out_<part>.csv``).
CSV_TABLES = TABLE_FILES

#: First characters that make a spreadsheet read a cell as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_columns(kind: str) -> tuple[str, ...]:
    """Return the CSV header of one kind's table.

    Examples
    --------
    >>> csv_columns("place")[-6:]
    ('sources', 'n_mentions', 'n_docs', 'lon', 'lat', 'wkt')
    >>> csv_columns("mention")[:3], csv_columns("mention")[-1]
    (('doc', 'date', 'source'), 'wkt')
    """
    check_option("kind", kind, TABLE_KINDS)
    names = [name for name in columns(kind) if name not in ("kind", "mentions")]
    names.extend(name for name in ("lon", "lat") if name not in names)
    return (*names, "wkt")


def csv_paths(path: str | Path) -> dict[str, Path]:
    """Return the file each kind's table goes to when the report is written to ``path``.

    Examples
    --------
    >>> {kind: p.name for kind, p in csv_paths("out/report.csv").items()}
    {'place': 'report_places.csv', 'claim': 'report_claims.csv', \
'mention': 'report_mentions.csv', 'unresolved': 'report_unresolved.csv'}
    """
    return table_paths(path, CSV_TABLES, Path(path).suffix or ".csv")


def _cell(value: object) -> object:
    """Return a CSV cell: ``""`` for None, formula-like text quoted.

    Examples
    --------
    >>> _cell("=HYPERLINK(1)"), _cell("-5 km"), _cell("Hama"), _cell(-5.0), _cell(None)
    ("'=HYPERLINK(1)", "'-5 km", 'Hama', -5.0, '')
    """
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _row(kind: str, props: dict[str, Any], geometry: BaseGeometry | None) -> dict[str, object]:
    props = dict(props)
    props.pop("kind", None)
    if kind == "place":
        del props["mentions"]  # each a row of the mentions table; counted in n_mentions
        props["sources"] = "; ".join(props["sources"])
    row = {name: _cell(value) for name, value in props.items()}
    if geometry is not None:
        if geometry.geom_type == "Point":
            row["lon"], row["lat"] = geometry.x, geometry.y
        row["wkt"] = geometry.wkt
    return row


def _write(kind: str, rows: Iterable[tuple[dict[str, Any], Any]], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=csv_columns(kind), lineterminator="\r\n")
    writer.writeheader()
    n = 0
    for props, geometry in rows:
        writer.writerow(_row(kind, props, geometry))
        n += 1
    return n


class CSVWriter(StreamWriter):
    """Write the tables of :func:`csv_paths` row by row as documents finish; places last.

    Parameters
    ----------
    path : str or Path
        ``OUT.csv``: the tables go to ``OUT_places.csv``, ``OUT_claims.csv``,
        ``OUT_mentions.csv`` and ``OUT_unresolved.csv``, each written to a temporary
        file beside it and renamed by :meth:`close`, all or none.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from geo_syria.report import Report
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "run.csv"
    >>> with CSVWriter(out) as writer:
    ...     writer.write(Report((), (), (), ()))
    >>> sorted(p.name for p in out.parent.iterdir())[:2]
    ['run_claims.csv', 'run_mentions.csv']
    """

    format = "csv"

    def __init__(self, path: str | Path, *, kinds: Iterable[str] = TABLE_KINDS) -> None:
        super().__init__()
        path = check_output(path)
        kinds = tuple(kinds)
        targets = {kinds[0]: path} if len(kinds) == 1 else csv_paths(path)
        # every temporary file is set up (and its removal registered) before any writing,
        # so an interruption while writing leaves none of them behind
        self.paths = targets
        if len(targets) > 1:
            self._tables = (path, tuple(targets.values()))
        self._writers = {}
        with self._opening():
            files = {kind: self._text(target, newline="") for kind, target in targets.items()}
            for kind, out in files.items():
                writer = csv.DictWriter(out, fieldnames=csv_columns(kind), lineterminator="\r\n")
                writer.writeheader()
                self._writers[kind] = writer

    def _emit(self, kind: str, props: dict[str, Any], geometry: BaseGeometry | None) -> None:
        writer = self._writers.get(kind)
        if writer is not None:
            writer.writerow(_row(kind, props, geometry))

    def _finish(self) -> None:
        for kind, target in self.paths.items():
            logger.info("wrote %d CSV rows to %s", self.counts[kind], target)


def write_csv(
    report: Report, path_or_file: str | Path | IO[str], *, kind: str | None = None
) -> None:
    """Write the report as CSV (UTF-8): one table per kind, or one kind's table.

    Parameters
    ----------
    report : Report
    path_or_file : str, Path or text file
        Where to write. A path ``OUT.csv`` gets the four tables in the files of
        :func:`csv_paths` (``OUT_places.csv``, ``OUT_claims.csv``,
        ``OUT_mentions.csv``, ``OUT_unresolved.csv``), or, with ``kind``, that kind's
        table in ``OUT.csv`` itself. An open text file (opened with ``newline=""``)
        takes one table, so ``kind`` is needed. Files are written to temporary files
        beside them and renamed at the end, all or none.
    kind : {"place", "claim", "mention", "unresolved"} or None
        One table only.

    Raises
    ------
    InvalidOptionError
        For an unknown ``kind``, or no ``kind`` with an open file.
    OutputError
        When a file cannot be written (a folder, no permission, a full disk); the
        message names ``path_or_file``; no table is left.

    Examples
    --------
    >>> import io
    >>> from geo_syria.report import Report
    >>> out = io.StringIO()
    >>> write_csv(Report((), (), (), ()), out, kind="claim")
    >>> out.getvalue().split(",")[:3]
    ['doc', 'start', 'end']
    """
    if kind is not None:
        check_option("kind", kind, TABLE_KINDS)
    if hasattr(path_or_file, "write"):
        if kind is None:
            allowed = ", ".join(repr(k) for k in TABLE_KINDS)
            raise InvalidOptionError(
                f"kind=None cannot be written to an open file: CSV is one table per kind; "
                f"give kind= one of {allowed}, or a path for all four tables"
            )
        _write(kind, records(report, kind=kind), path_or_file)  # type: ignore[arg-type]
        return
    with CSVWriter(path_or_file, kinds=(kind,) if kind else TABLE_KINDS) as writer:  # type: ignore[arg-type]
        if kind in (None, "place"):
            writer.write_records(records(report, kind="place"))
        for one in ("mention", "claim", "unresolved"):
            if kind in (None, one):
                writer.write_records(records(report, kind=one))
