"""Exports of a report: GeoJSON, CSV, GeoPackage, GeoParquet and a geopandas GeoDataFrame.

One module per format (:mod:`~geo_syria.export.geojson`,
:mod:`~geo_syria.export.csv`, :mod:`~geo_syria.export.gpkg`,
:mod:`~geo_syria.export.parquet`, :mod:`~geo_syria.export.frame`), all built from the
same records
(:mod:`~geo_syria.export._fields`), so every format carries the same fields.
:func:`open_writer` (:mod:`~geo_syria.export.stream`) writes a corpus as its documents
finish; :func:`write_report` writes a whole report.
geopandas and pyogrio are imported only by the functions that need them.

Examples
--------
>>> from geo_syria.report import Report
>>> to_geojson(Report(documents=(), places=(), resolutions=(), claims=()))["type"]
'FeatureCollection'
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING

from geo_syria.checks import check_option
from geo_syria.exc import InvalidOptionError
from geo_syria.export._fields import KINDS, TABLE_KINDS
from geo_syria.export.csv import csv_paths, write_csv
from geo_syria.export.frame import to_geodataframe
from geo_syria.export.geojson import to_geojson, write_geojson
from geo_syria.export.gpkg import write_gpkg
from geo_syria.export.stream import FORMATS, SUFFIXES, format_from_path, open_writer

if TYPE_CHECKING:
    from geo_syria.report import Report

__all__ = [
    "FORMATS",
    "KINDS",
    "SUFFIXES",
    "TABLE_KINDS",
    "csv_paths",
    "format_from_path",
    "open_writer",
    "to_geodataframe",
    "to_geojson",
    "write_csv",
    "write_geojson",
    "write_gpkg",
    "write_report",
]


def write_report(
    report: Report,
    path_or_file: str | Path | IO[str] | None = None,
    *,
    format: str | None = None,
    kind: str | None = None,
) -> None:
    """Write a report in one of :data:`FORMATS`.

    Parameters
    ----------
    report : Report
        The result of :func:`geo_syria.analyze`.
    path_or_file : str, Path, text file, ``"-"`` or None
        Where to write. ``None`` or ``"-"`` is standard output (GeoJSON and CSV only).
    format : {"geojson", "geojsonseq", "csv", "gpkg", "parquet"} or None
        The format; when None, taken from the file suffix. CSV and GeoParquet are one
        file per kind (see :func:`~geo_syria.export.csv.write_csv`); GeoJSON text
        sequences and GeoParquet are written as :func:`open_writer` writes them (every
        mention a feature or row).
    kind : {"place", "claim", "mention", "unresolved"} or None
        CSV only: write this kind's table alone (needed on a stream).

    Raises
    ------
    InvalidOptionError
        For an unknown format, a suffix that implies none, a GeoPackage asked
        for on standard output or an open text file, or CSV on a stream without ``kind``.
    OutputError
        When the path cannot be written (a folder, no permission, a full disk); a
        path is written to a temporary file beside it and renamed at the end, so it
        is never left half written.

    Examples
    --------
    >>> from geo_syria.report import Report
    >>> write_report(Report((), (), (), ()), format="geojson")
    {"type": "FeatureCollection", "features": [
    ]}
    >>> write_report(Report((), (), (), ()), format="shp")
    Traceback (most recent call last):
    ...
    geo_syria.exc.InvalidOptionError: format='shp' is not allowed; choose one of 'geojson', \
'geojsonseq', 'csv', 'gpkg', 'parquet'
    """
    to_stream = path_or_file is None or path_or_file == "-" or hasattr(path_or_file, "write")
    if format is None:
        if to_stream:
            format = "geojson"
        else:
            format = format_from_path(path_or_file)  # type: ignore[arg-type]
    check_option("format", format, FORMATS)
    if to_stream and format in ("gpkg", "parquet"):
        raise InvalidOptionError(
            f"format={format!r} cannot be written to a stream: it is a binary file; "
            f"give a path ending in .{format}"
        )
    target = sys.stdout if path_or_file in (None, "-") else path_or_file
    if format == "geojson":
        write_geojson(report, target)  # type: ignore[arg-type]
    elif format == "csv":
        write_csv(report, target, kind=kind)  # type: ignore[arg-type]
    elif format == "gpkg":
        write_gpkg(report, target)  # type: ignore[arg-type]
    else:
        _write_streamed(report, target, format)


def _write_streamed(report: Report, target: str | Path | IO[str], format: str) -> None:
    """Write a whole report as a streamed export (GeoJSON text sequences, GeoParquet)."""
    with open_writer(target, format=format) as writer:
        writer.write(report)
        writer.close(places=report.places)
