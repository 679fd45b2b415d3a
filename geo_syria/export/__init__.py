"""Exports of a report: GeoJSON, CSV, GeoPackage and a geopandas GeoDataFrame.

One module per format (:mod:`~geo_syria.export.geojson`,
:mod:`~geo_syria.export.csv`, :mod:`~geo_syria.export.gpkg`,
:mod:`~geo_syria.export.frame`), all built from the same records
(:mod:`~geo_syria.export._fields`), so every format carries the same fields.
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

if TYPE_CHECKING:
    from geo_syria.report import Report

__all__ = [
    "FORMATS",
    "KINDS",
    "SUFFIXES",
    "TABLE_KINDS",
    "csv_paths",
    "format_from_path",
    "to_geodataframe",
    "to_geojson",
    "write_csv",
    "write_geojson",
    "write_gpkg",
    "write_report",
]

#: Export formats and the file suffixes that imply them.
FORMATS: tuple[str, ...] = ("geojson", "csv", "gpkg")
#: File suffixes and the formats they imply.
SUFFIXES = {".geojson": "geojson", ".json": "geojson", ".csv": "csv", ".gpkg": "gpkg"}


def format_from_path(path: str | Path) -> str:
    """Return the export format a file name implies.

    Raises
    ------
    InvalidOptionError
        When the suffix is not one of ``.geojson``, ``.json``, ``.csv``, ``.gpkg``.

    Examples
    --------
    >>> format_from_path("out/places.gpkg")
    'gpkg'
    >>> format_from_path("places.xlsx")
    Traceback (most recent call last):
    ...
    geo_syria.exc.InvalidOptionError: cannot tell the format of 'places.xlsx' from its suffix \
'.xlsx'; give format= one of 'geojson', 'csv', 'gpkg' or a suffix in '.geojson', '.json', \
'.csv', '.gpkg'
    """
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        formats = ", ".join(repr(f) for f in FORMATS)
        suffixes = ", ".join(repr(s) for s in SUFFIXES)
        raise InvalidOptionError(
            f"cannot tell the format of {str(path)!r} from its suffix {suffix!r}; "
            f"give format= one of {formats} or a suffix in {suffixes}"
        )
    return SUFFIXES[suffix]


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
    format : {"geojson", "csv", "gpkg"} or None
        The format; when None, taken from the file suffix. CSV is one file per kind
        (see :func:`~geo_syria.export.csv.write_csv`).
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
    {
     "type": "FeatureCollection",
     "features": []
    }
    >>> write_report(Report((), (), (), ()), format="shp")
    Traceback (most recent call last):
    ...
    geo_syria.exc.InvalidOptionError: format='shp' is not allowed; choose one of 'geojson', \
'csv', 'gpkg'
    """
    to_stream = path_or_file is None or path_or_file == "-" or hasattr(path_or_file, "write")
    if format is None:
        if to_stream:
            format = "geojson"
        else:
            format = format_from_path(path_or_file)  # type: ignore[arg-type]
    check_option("format", format, FORMATS)
    if to_stream and format == "gpkg":
        raise InvalidOptionError(
            "format='gpkg' cannot be written to a stream: a GeoPackage is a database file; "
            "give a path ending in .gpkg"
        )
    target = sys.stdout if path_or_file in (None, "-") else path_or_file
    if format == "geojson":
        write_geojson(report, target)  # type: ignore[arg-type]
    elif format == "csv":
        write_csv(report, target, kind=kind)  # type: ignore[arg-type]
    else:
        write_gpkg(report, target)  # type: ignore[arg-type]
