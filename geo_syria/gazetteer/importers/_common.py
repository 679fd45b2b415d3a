"""Shared pieces of the importers: the import result, bad-row bookkeeping, text and CSV reading."""

from __future__ import annotations

import contextlib
import csv
import io
import logging
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from geo_syria.exc import GazetteerFormatError, InvalidOptionError
from geo_syria.place import Place

__all__ = ["ImportResult", "SkippedRow"]

logger = logging.getLogger("geo_syria.gazetteer.importers")

_SURROGATE = re.compile("[\udc80-\udcff]")

#: Longest cell a gazetteer table may hold (the csv module's own default limit); a row
#: with a longer one is reported and skipped instead of stopping the whole file.
MAX_CELL_CHARS = 131_072
#: Delimiters a table's header is tried with, in this order.
DELIMITERS = (",", "\t", ";", "|")
_DELIMITER_NAMES = {",": "comma", "\t": "tab", ";": "semicolon", "|": "pipe"}


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

    def skip(self, line: int | None, column: str | None, reason: str, *, log: bool = True) -> None:
        row = SkippedRow(self.path, line, column, reason)
        if log:
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
        # in file order, whichever check (the table's shape, a row's values) reported each
        skipped = sorted(self.skipped, key=lambda row: -1 if row.line is None else row.line)
        if not self.places and skipped:
            raise GazetteerFormatError(
                f"no usable row; {len(skipped)} rows skipped, first: {skipped[0]}",
                path=self.path,
            )
        return ImportResult(self.path, self.importer, tuple(self.places), tuple(skipped))


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


def sniff_delimiter(header_line: str, required: Sequence[str] = ()) -> str:
    r"""Return the delimiter of a table from its header line.

    The first of :data:`DELIMITERS` whose split holds every ``required`` column wins;
    without one, the delimiter that splits the header into the most columns (comma on a tie).

    Examples
    --------
    >>> sniff_delimiter("name\tlat\tlon", ("name", "lat", "lon"))
    '\t'
    >>> sniff_delimiter("name;lat;lon"), sniff_delimiter("name,variants"), sniff_delimiter("x")
    (';', ',', ',')
    """
    best, most = ",", 0
    for delimiter in DELIMITERS:
        cells = [c.strip() for c in next(csv.reader([header_line], delimiter=delimiter), [])]
        if required and all(r in cells for r in required):
            return delimiter
        if len(cells) > most:
            best, most = delimiter, len(cells)
    return best


def delimiter_name(delimiter: str) -> str:
    r"""Return ``"comma"``, ``"tab"``, ... for a delimiter.

    Examples
    --------
    >>> delimiter_name(","), delimiter_name("\t")
    ('comma', 'tab')
    """
    return _DELIMITER_NAMES.get(delimiter, repr(delimiter))


@contextlib.contextmanager
def _field_size_limit(size: int) -> Iterator[None]:
    # The limit is process-wide; it is raised only while one table is read, then restored.
    old = csv.field_size_limit()
    csv.field_size_limit(max(old, size))
    try:
        yield
    finally:
        csv.field_size_limit(old)


def _swallows_rows(cells: Sequence[str], delimiter: str) -> bool:
    """Return whether a cell spanning lines also holds the delimiter: rows merged by a quote.

    A place name or note may hold a line break; one that also holds the delimiter is
    what a quote left open makes of the rows after it.
    """
    return any(("\n" in cell or "\r" in cell) and delimiter in cell for cell in cells)


def read_table(
    text: str, *, out: Collector, required: Sequence[str] = ()
) -> tuple[list[str], str, list[tuple[int, dict[str, str]]]]:
    r"""Read a delimited table: its header, its delimiter, and ``(line, row)`` for each good row.

    The delimiter is sniffed from the header (:func:`sniff_delimiter`). Cells of any size
    are parsed; a row is reported to ``out`` and skipped, with its first line, when it has
    the wrong number of cells or a cell longer than :data:`MAX_CELL_CHARS`. A quote left
    open that swallows the lines after it (a quoted cell spanning lines and holding the
    delimiter) is reported on its line, and every line it swallowed is reported too, so
    the lines of the file equal the rows read plus the rows reported (plus blank lines).

    Examples
    --------
    >>> out = Collector("t.csv", "user_csv")
    >>> text = 'name\tlat\n"Hama\t35\nSoran\t36\nKafr\t37\n'
    >>> read_table(text, out=out)
    (['name', 'lat'], '\t', [])
    >>> [(s.line, s.reason[:24]) for s in out.skipped]  # doctest: +NORMALIZE_WHITESPACE
    [(2, 'unbalanced quote: the qu'), (3, 'swallowed by the unbalan'),
     (4, 'swallowed by the unbalan')]
    """
    first = text.lstrip("\r\n").split("\n", 1)[0].rstrip("\r")
    delimiter = sniff_delimiter(first, required)
    header: list[str] | None = None
    rows: list[tuple[int, dict[str, str]]] = []
    with _field_size_limit(len(text) + 1):
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        end = 0
        for cells in reader:
            start, end = end + 1, reader.line_num
            if not cells:  # a blank line
                continue
            if header is None:
                header = [c.strip() for c in cells]
                continue
            if end > start and _swallows_rows(cells, delimiter):
                out.skip(
                    start,
                    None,
                    f"unbalanced quote: the quoted cell opened on line {start} runs to line "
                    f"{end} and swallows {end - start} lines that look like rows; close the "
                    'quote, or double a quote meant as text ("")',
                )
                for line in range(start + 1, end + 1):
                    reason = f"swallowed by the unbalanced quote opened on line {start}"
                    out.skip(line, None, reason, log=False)
                continue
            if len(cells) != len(header):
                out.skip(
                    start,
                    None,
                    f"expected {len(header)} {delimiter_name(delimiter)}-separated columns, "
                    f"found {len(cells)}",
                )
                continue
            long = next((i for i, c in enumerate(cells) if len(c) > MAX_CELL_CHARS), None)
            if long is not None:
                out.skip(
                    start,
                    header[long],
                    f"a cell of {len(cells[long]):,} characters is longer than the "
                    f"{MAX_CELL_CHARS:,} allowed",
                )
                continue
            rows.append((start, dict(zip(header, cells, strict=True))))
    return header or [], delimiter, rows
