"""Streamed exports: each document written as it finishes, the folded places last.

:func:`open_writer` returns the writer of a format (a context manager, see
:class:`~geo_syria.export._writer.StreamWriter`). With
:func:`geo_syria.pipeline.iter_reports` and :class:`geo_syria.fold.PlaceFold`, a corpus
of any size is exported with memory for one document (and the places) at a time:

>>> import io
>>> from geo_syria.fold import PlaceFold
>>> from geo_syria.pipeline import iter_reports
>>> out, fold = io.StringIO(), PlaceFold()
>>> with open_writer(out, format="geojsonseq") as writer:
...     for part in iter_reports(["Rebels shelled Aleppo.", "Aleppo was quiet."]):
...         writer.write(part)
...         fold.add(part)
...     writer.close(places=fold.places())
>>> writer.counts
{'place': 1, 'mention': 2, 'claim': 0, 'unresolved': 0}

A streamed export holds every mention as a feature or row of kind ``mention`` (the
places' ``mentions`` lists keep the first :data:`~geo_syria.fold.SAMPLE_SIZE`, their
``n_mentions`` counts them all). Formats: GeoJSON (a FeatureCollection, one feature a
line), GeoJSON text sequences (RFC 8142), CSV and GeoParquet (one file per kind) and
GeoPackage (one layer per kind, in batches).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO

from geo_syria.checks import check_option
from geo_syria.exc import InvalidOptionError
from geo_syria.export._writer import BATCH_SIZE, StreamWriter

__all__ = ["FILE_FORMATS", "FORMATS", "SUFFIXES", "format_from_path", "open_writer"]

#: Export formats and the file suffixes that imply them.
FORMATS: tuple[str, ...] = ("geojson", "geojsonseq", "csv", "gpkg", "parquet")
#: File suffixes and the formats they imply.
SUFFIXES = {
    ".geojson": "geojson",
    ".json": "geojson",
    ".geojsonl": "geojsonseq",
    ".geojsons": "geojsonseq",
    ".csv": "csv",
    ".gpkg": "gpkg",
    ".parquet": "parquet",
}
#: Formats that need a path (several files, or a database): not standard output.
FILE_FORMATS = ("csv", "gpkg", "parquet")


def format_from_path(path: str | Path) -> str:
    """Return the export format a file name implies.

    Raises
    ------
    InvalidOptionError
        When the suffix is not one of :data:`SUFFIXES`.

    Examples
    --------
    >>> format_from_path("out/places.gpkg"), format_from_path("run.geojsonl")
    ('gpkg', 'geojsonseq')
    >>> format_from_path("places.xlsx")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    geo_syria.exc.InvalidOptionError: cannot tell the format of 'places.xlsx' from its suffix \
'.xlsx'; give format= one of 'geojson', 'geojsonseq', 'csv', 'gpkg', 'parquet' or a suffix \
in '.geojson', ...
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


def open_writer(
    path_or_file: str | Path | IO[str] | None = None,
    *,
    format: str | None = None,
    batch_size: int = BATCH_SIZE,
) -> StreamWriter:
    """Open a streamed export: ``write(part)`` per finished document, ``close(places=...)``.

    Parameters
    ----------
    path_or_file : str, Path, text file, ``"-"`` or None
        Where to write; ``None`` or ``"-"`` is standard output (GeoJSON formats only).
        CSV and GeoParquet write one file per kind beside the path
        (:func:`~geo_syria.export.csv.csv_paths`,
        :func:`~geo_syria.export.parquet.parquet_paths`). Files are written to
        temporary files and renamed when the writer closes: complete or absent.
    format : {"geojson", "geojsonseq", "csv", "gpkg", "parquet"} or None
        When None, taken from the suffix (:data:`SUFFIXES`); GeoJSON on a stream.
    batch_size : int
        Rows per batch of the GeoPackage and GeoParquet writers.

    Returns
    -------
    StreamWriter
        A context manager: leaving its block closes it (no places), an exception in
        the block removes the temporary files.

    Raises
    ------
    InvalidOptionError
        For an unknown format, a suffix that implies none, or a file format on a stream.
    OutputError
        When the path cannot be written.

    Examples
    --------
    >>> open_writer(format="gpkg")
    Traceback (most recent call last):
    ...
    geo_syria.exc.InvalidOptionError: format='gpkg' cannot be written to a stream; give a path
    """
    to_stream = path_or_file is None or path_or_file == "-" or hasattr(path_or_file, "write")
    if format is None:
        format = "geojson" if to_stream else format_from_path(path_or_file)  # type: ignore[arg-type]
    check_option("format", format, FORMATS)
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise InvalidOptionError(
            f"batch_size={batch_size!r} is not allowed; give a whole number >= 1"
        )
    if to_stream and format in FILE_FORMATS:
        raise InvalidOptionError(f"format={format!r} cannot be written to a stream; give a path")
    target = sys.stdout if path_or_file in (None, "-") else path_or_file
    if format in ("geojson", "geojsonseq"):
        from geo_syria.export.geojson import GeoJSONWriter

        return GeoJSONWriter(target, seq=format == "geojsonseq")  # type: ignore[arg-type]
    if format == "csv":
        from geo_syria.export.csv import CSVWriter

        return CSVWriter(target)  # type: ignore[arg-type]
    if format == "gpkg":
        from geo_syria.export.gpkg import GPKGWriter

        return GPKGWriter(target, batch_size=batch_size)  # type: ignore[arg-type]
    from geo_syria.export.parquet import ParquetWriter

    return ParquetWriter(target, batch_size=batch_size)  # type: ignore[arg-type]
