"""Records of a corpus file, one at a time, each with its line, or the reason it is broken.

CSV/TSV is parsed strictly, so a quote left open (which would swallow the rows after it
into one field) is an error naming the line where the broken record starts; reading then
starts again on the next line, so the rows it swallowed are read after all. A JSONL line
that is not a JSON object (bad syntax, nesting too deep, a number too long to convert) is
an error for that line only.
"""

from __future__ import annotations

import csv
import json
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

__all__ = ["Record", "csv_records", "csv_rows_after", "jsonl_records"]

#: Memory kept for replaying one CSV record after a quoting error, in characters.
REPLAY_LIMIT = 64 << 20


@dataclass(frozen=True, slots=True)
class Record:
    """One record of a corpus: its fields, or why it could not be parsed.

    Parameters
    ----------
    line : int
        1-based line of the file where the record starts.
    row : int
        1-based record number counting the header as 1 (CSV), or the line (JSONL).
    fields : dict or None
        The record's fields by column; ``None`` when ``error`` is set.
    error : str or None
        Why the record is broken.
    quoting : bool
        The record is broken by its quoting (a quote left open): the records after it
        are found again by reading its lines again.
    """

    line: int
    row: int
    fields: dict[str, Any] | None
    error: str | None = None
    quoting: bool = False


def _raise_csv_field_limit() -> None:
    """Allow CSV fields as long as whole articles (a process-wide setting, set once)."""
    limit = 2**31 - 1
    if csv.field_size_limit() < limit:
        csv.field_size_limit(limit)


_raise_csv_field_limit()


class _Lines:
    """Physical lines with their numbers; keeps the current record's lines to replay them."""

    def __init__(self, lines: Iterable[str], first_line: int = 1) -> None:
        self._source = iter(lines)
        self._pending: deque[tuple[int, str]] = deque()
        self._next = first_line
        self.taken: list[tuple[int, str]] = []
        self._size = 0
        self.overflow = False

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self._pending:
            number, text = self._pending.popleft()
        else:
            text = next(self._source)
            number, self._next = self._next, self._next + 1
        if not self.overflow:
            self.taken.append((number, text))
            self._size += len(text)
            self.overflow = self._size > REPLAY_LIMIT
        return text

    def start(self) -> None:
        self.taken, self._size, self.overflow = [], 0, False

    def first_line(self) -> int:
        return self.taken[0][0] if self.taken else self._next

    def last_line(self) -> int:
        return self.taken[-1][0] if self.taken else self._next - 1

    def replay_after_first(self) -> None:
        """Read again every line of the broken record but its first."""
        if not self.overflow:
            self._pending.extendleft(reversed(self.taken[1:]))


def csv_records(
    lines: Iterable[str], *, delimiter: str
) -> tuple[list[str] | None, Iterator[Record]]:
    r"""Return the header (``None`` for an empty file) and the records of a CSV/TSV text.

    ``lines`` are the file's physical lines with their line ends (a file opened with
    ``newline=""``).

    Examples
    --------
    >>> header, records = csv_records(['id,text\n', '1,"open\n', '2,fine\n'], delimiter=",")
    >>> [(r.line, r.fields, r.error) for r in records]  # doctest: +NORMALIZE_WHITESPACE
    [(2, None, 'unexpected end of data in the record starting on line 2
    (a quote left open swallows the lines after it); lines 3 on are read again'),
     (3, {'id': '2', 'text': 'fine'}, None)]
    """
    source = _Lines(lines)
    reader = csv.reader(source, delimiter=delimiter, strict=True)
    header: list[str] | None = None
    while header is None:
        try:
            first = next(reader)
        except StopIteration:
            return None, iter(())
        except csv.Error as err:
            line = source.first_line()
            error = f"the header is not valid CSV ({err}); no row of this file can be read"
            return None, iter((Record(line, 1, None, error),))
        if first:
            header = first
    return header, _csv_rows(reader, source, header)


def csv_rows_after(
    lines: Iterable[str], *, delimiter: str, header: list[str], row: int, line: int
) -> Iterator[Record]:
    r"""Yield the records of CSV/TSV lines that start at a record boundary after the header.

    ``row`` is the row number of the record before the first (the header's is 1) and
    ``line`` the file line of the first line given, so the records are numbered as
    :func:`csv_records` numbers them reading the whole file.

    Examples
    --------
    >>> [(r.line, r.row, r.fields) for r in csv_rows_after(
    ...     ['7,"two\n', 'lines"\n'], delimiter=",", header=["id", "text"], row=4, line=9)]
    [(9, 5, {'id': '7', 'text': 'two\nlines'})]
    """
    source = _Lines(lines, line)
    reader = csv.reader(source, delimiter=delimiter, strict=True)
    return _csv_rows(reader, source, header, row)


def _csv_rows(reader: Any, source: _Lines, header: list[str], row: int = 1) -> Iterator[Record]:
    while True:
        source.start()
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            row += 1
            start, end = source.first_line(), source.last_line()
            again = (
                f"; lines {start + 1} on are read again"
                if end > start and not source.overflow
                else ""
            )
            yield Record(
                start,
                row,
                None,
                f"{err} in the record starting on line {start} "
                f"(a quote left open swallows the lines after it){again}",
                quoting=True,
            )
            source.replay_after_first()
            continue
        if not fields:  # a blank line is no record
            continue
        row += 1
        line = source.first_line()
        if len(fields) > len(header):
            yield Record(
                line,
                row,
                None,
                f"{len(fields)} fields where the header has {len(header)} "
                "(a delimiter inside an unquoted field?)",
            )
            continue
        yield Record(line, row, dict(zip(header, fields, strict=False)))


def _json_error(err: Exception) -> str:
    if isinstance(err, RecursionError):
        return "not JSON this reader can hold (nested too deeply)"
    if isinstance(err, json.JSONDecodeError):
        return f"not JSON ({err.msg} at column {err.colno})"
    return f"not JSON this reader can hold ({str(err)[:120]})"


def jsonl_records(lines: Iterable[str], *, first_line: int = 1) -> Iterator[Record]:
    r"""Yield one record per non-blank line of a JSONL text (lines end with ``\n`` only).

    Examples
    --------
    >>> [(r.line, r.fields, r.error) for r in jsonl_records(['{"text": "a"}\n', '[1]\n'])]
    [(1, {'text': 'a'}, None), (2, None, 'expected a JSON object, got a list')]
    """
    for n, line in enumerate(lines, first_line):
        line = line.removesuffix("\n").removesuffix("\r")
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except (ValueError, RecursionError) as err:
            yield Record(n, n, None, _json_error(err))
            continue
        if not isinstance(value, dict):
            yield Record(n, n, None, f"expected a JSON object, got a {type(value).__name__}")
            continue
        yield Record(n, n, value)
