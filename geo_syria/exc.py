"""Exceptions raised by geo_syria.

Every exception derives from :class:`GeoSyriaError` and also from the builtin
that matches it, so ``except ValueError`` keeps working for callers who do not
know this package.
"""

from __future__ import annotations

__all__ = [
    "DocumentError",
    "DownloadError",
    "GazetteerFormatError",
    "GeoSyriaError",
    "InvalidOptionError",
    "MissingDependencyError",
    "OfflineError",
    "OutputError",
    "PlaceNotFoundError",
]


class GeoSyriaError(Exception):
    """Root of every error this package raises."""


class InvalidOptionError(GeoSyriaError, ValueError):
    """An argument has a value outside what is allowed; the message lists what is."""


class GazetteerFormatError(GeoSyriaError, ValueError):
    """A gazetteer source or store is malformed.

    Parameters
    ----------
    message : str
        What is wrong.
    path : str or None
        The file.
    line : int or None
        1-based line (or record) number in the file.
    column : str or None
        The column or field at fault.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        column: str | None = None,
    ) -> None:
        self.path = path
        self.line = line
        self.column = column
        where = ", ".join(
            part
            for part in (
                f"file {path!r}" if path is not None else "",
                f"line {line}" if line is not None else "",
                f"column {column!r}" if column is not None else "",
            )
            if part
        )
        super().__init__(f"{where}: {message}" if where else message)


class PlaceNotFoundError(GeoSyriaError, LookupError):
    """A place name or id is not in the gazetteer."""


class DocumentError(GeoSyriaError, ValueError):
    """A document cannot be read: binary, undecodable, or missing a required column."""


class MissingDependencyError(GeoSyriaError, ImportError):
    """An optional package a feature needs is not installed; the message says what to install."""


class OutputError(GeoSyriaError, OSError):
    """An output file cannot be written: a folder, an unwritable place, a full disk.

    The message names the target and the reason; nothing is left at the target.
    """


class DownloadError(GeoSyriaError, OSError):
    """A download failed or delivered something that is not what was asked for."""


class OfflineError(DownloadError, ConnectionError):
    """The network cannot be reached; the message says which offline path to take."""
