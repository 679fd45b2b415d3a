"""Shared pieces of the importers: the import result, bad-row bookkeeping, text reading."""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from geo_syria.exc import GazetteerFormatError, InvalidOptionError
from geo_syria.place import Place

__all__ = ["ImportResult", "SkippedRow"]

logger = logging.getLogger("geo_syria.gazetteer.importers")

_SURROGATE = re.compile("[\udc80-\udcff]")


@dataclass(frozen=True, slots=True)
class SkippedRow:
    """A source row that was reported and skipped.

    Parameters
    ----------
    path : str
        The file.
    line : int or None
        1-based line (or record) number.
    column : str or None
        The column at fault, when one is.
    reason : str
        What is wrong.
    """

    path: str
    line: int | None
    column: str | None
    reason: str

    def __str__(self) -> str:
        where = [self.path]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        return f"{', '.join(where)}: {self.reason}"


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an importer read from one source.

    Parameters
    ----------
    path : str
        The source file.
    importer : str
        Which importer read it (``"geonames"``, ``"ocha"``, ``"points"``, ``"user_csv"``).
    places : tuple of Place
        The places read.
    skipped : tuple of SkippedRow
        Every row reported and skipped, with the reason.
    """

    path: str
    importer: str
    places: tuple[Place, ...]
    skipped: tuple[SkippedRow, ...] = ()

    def summary(self) -> str:
        """Return a one-line summary.

        Examples
        --------
        >>> ImportResult("a.txt", "geonames", ()).summary()
        'a.txt (geonames): 0 places, 0 rows skipped'
        """
        return (
            f"{self.path} ({self.importer}): {len(self.places)} places, "
            f"{len(self.skipped)} rows skipped"
        )


@dataclass(slots=True)
class Collector:
    """Mutable bookkeeping while an importer runs (not public)."""

    path: str
    importer: str
    places: list[Place] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)

    def skip(self, line: int | None, column: str | None, reason: str) -> None:
        row = SkippedRow(self.path, line, column, reason)
        logger.warning("skipped row: %s", row)
        self.skipped.append(row)

    def add(self, line: int | None, **fields) -> Place | None:
        """Build a place, or report and skip the row when the values are invalid."""
        try:
            place = Place(**fields)
        except (InvalidOptionError, ValueError, TypeError) as err:
            column = None
            text = str(err)
            if "latitude" in text:
                column = "lat"
            elif "longitude" in text:
                column = "lon"
            elif "feature_type" in text:
                column = "feature_type"
            elif "precision_m" in text:
                column = "precision_m"
            self.skip(line, column, text)
            return None
        self.places.append(place)
        return place

    def result(self) -> ImportResult:
        if not self.places and self.skipped:
            raise GazetteerFormatError(
                f"no usable row; {len(self.skipped)} rows skipped, first: {self.skipped[0]}",
                path=self.path,
            )
        return ImportResult(self.path, self.importer, tuple(self.places), tuple(self.skipped))


def read_text(path: str | Path) -> str:
    """Return a text file's content, UTF-8 (BOM allowed), undecodable bytes kept as surrogates.

    Raises
    ------
    GazetteerFormatError
        For a missing, empty or binary file.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise GazetteerFormatError(f"cannot read: {err.strerror or err}", path=str(path)) from None
    return decode_bytes(data, path=str(path))


def decode_bytes(data: bytes, *, path: str) -> str:
    """Decode UTF-8 bytes, refusing empty or binary data."""
    if not data.strip():
        raise GazetteerFormatError("the file is empty", path=path)
    if b"\x00" in data[:65536]:
        raise GazetteerFormatError(
            "binary data or not UTF-8 (NUL bytes found); give a UTF-8 text file", path=path
        )
    text = data.decode("utf-8", errors="surrogateescape")
    return text.removeprefix("\ufeff")


def bad_text(value: str) -> bool:
    """Return whether a decoded value held bytes that were not UTF-8."""
    return bool(_SURROGATE.search(value))


def to_float(value: object) -> float | None:
    """Return a finite float, or None for blanks and garbage."""
    if value is None:
        return None
    try:
        number = float(str(value).strip())
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def to_int(value: object) -> int | None:
    """Return an int from ``"1200"`` or ``"1200.0"``, or None."""
    number = to_float(value)
    return int(number) if number is not None else None


def clean(value: object) -> str:
    """Return a value as a stripped string with runs of whitespace (newlines) made one space."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return " ".join(str(value).split())


def unique(names: Iterable[str], *, exclude: str = "") -> tuple[str, ...]:
    """Return non-empty names without repeats, leaving out ``exclude``."""
    return tuple(dict.fromkeys(n for n in (clean(x) for x in names) if n and n != exclude))


def looks_lonlat(minx: float, miny: float, maxx: float, maxy: float) -> bool:
    """Return whether bounds fit in longitude/latitude degrees."""
    return -180.0 <= minx <= maxx <= 180.0 and -90.0 <= miny <= maxy <= 90.0
