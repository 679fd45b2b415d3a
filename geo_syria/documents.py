"""Documents: the news texts that go into the pipeline, and readers for files and corpora.

Readers keep the text as it was written (a UTF-8 byte-order mark aside), so the
character offsets of every mention point into the file's own text. A first line
``date YYYY-MM-DD`` sets the publication date, a headline-like first line the
title, and a dateline such as ``BEIRUT (AP)`` the source.

Examples
--------
>>> doc = document_from_text("date 2017-03-31 Rebels entered Jobar.", id="a")
>>> doc.published, doc.text[:4]
(datetime.date(2017, 3, 31), 'date')
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import logging
import re
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from geo_syria.checks import check_option
from geo_syria.exc import DocumentError

__all__ = [
    "Document",
    "DocumentFailure",
    "document_from_text",
    "parse_date",
    "read_corpus",
    "read_documents",
    "read_text_file",
]

logger = logging.getLogger(__name__)

#: File suffixes read as corpora (one document per row or line).
CORPUS_SUFFIXES = (".csv", ".tsv", ".jsonl", ".ndjson")
ON_ERROR = ("record", "raise")

_DATE_LINE = re.compile(r"\A\s*date[:\s]\s*(\d{4}-\d{1,2}-\d{1,2})\b", re.IGNORECASE)
_DATELINE = re.compile(
    r"(?m)^\s*([A-Z][A-Z .'-]{1,40}?)(?:,\s*[A-Z][A-Za-z .]+)?\s*\((AP|AFP|Reuters|UPI|SANA|DPA)\)"
)
_DATE_FORMATS = (
    "%Y-%m-%d",
    "%m/%d/%Y",
    "%d.%m.%Y",
    "%d %b %Y",
    "%d %B %Y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%a %d %b %Y",
    "%Y/%m/%d",
)


@dataclass(frozen=True, slots=True)
class Document:
    """One news text.

    Parameters
    ----------
    id : str
        Unique within a run (file stem, corpus row id).
    text : str
        The body text.
    published : datetime.date or None
        Publication date, when known.
    source : str or None
        Where it came from: a path, a corpus name, an agency from the dateline.
    title : str or None
        Headline.
    notes : tuple of str
        What the reader had to do to read it (an encoding fallback, ...).

    Examples
    --------
    >>> Document(id="a", text="Rebels entered Jobar.").title is None
    True
    """

    id: str
    text: str
    published: dt.date | None = None
    source: str | None = None
    title: str | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DocumentFailure:
    """A document (or a whole file) that could not be read, kept so it is accounted for.

    Parameters
    ----------
    id : str
        The document id, or the file stem for a file-level failure.
    source : str
        The path it came from.
    error : str
        The error message.

    Examples
    --------
    >>> DocumentFailure(id="x", source="x.bin", error="binary").as_document().text
    ''
    """

    id: str
    source: str
    error: str

    def as_document(self) -> Document:
        """Return an empty :class:`Document` standing for the failed input."""
        return Document(id=self.id, text="", source=self.source)


def parse_date(value: str | None) -> dt.date | None:
    """Return the date in a string in one of the common formats, or ``None``.

    Examples
    --------
    >>> parse_date("4/5/2017"), parse_date("2017-03-31"), parse_date("soon")
    (datetime.date(2017, 4, 5), datetime.date(2017, 3, 31), None)
    """
    if not value:
        return None
    value = value.strip()
    head = value[:10]
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", head):
        value = head
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def _looks_like_title(line: str, rest: str) -> bool:
    line = line.strip()
    return (
        0 < len(line) <= 160
        and bool(rest.strip())
        and not line.endswith((".", ":", ";", ",", "”", '"'))
        and line[:1].isupper()
    )


def document_from_text(
    text: str, *, id: str, source: str | None = None, title: str | None = None, notes=()
) -> Document:
    r"""Build a document from text, reading an optional date line, headline and dateline.

    Parameters
    ----------
    text : str
        The text; it is kept as given.
    id : str
        The document id.
    source : str, optional
        Where it came from; a dateline agency (``AP``) is used when not given.
    title : str, optional
        Headline; a headline-like first line is used when not given.
    notes : tuple of str
        Reading notes.

    Returns
    -------
    Document

    Examples
    --------
    >>> d = document_from_text("Rebels gain near Hama\nBEIRUT (AP) Fighting raged.", id="x")
    >>> d.title, d.source
    ('Rebels gain near Hama', 'AP')
    """
    published = None
    date_match = _DATE_LINE.match(text)
    if date_match:
        published = parse_date(date_match.group(1))
    elif title is None:
        first, _, rest = text.lstrip().partition("\n")
        if _looks_like_title(first, rest):
            title = first.strip()
    if source is None:
        dateline = _DATELINE.search(text, 0, 20_000)
        if dateline:
            source = dateline.group(2)
    return Document(
        id=id, text=text, published=published, source=source, title=title, notes=tuple(notes)
    )


def _decode(data: bytes, *, path: str, encoding: str | None) -> tuple[str, tuple[str, ...]]:
    head = data[:8192]
    if b"\x00" in head:
        raise DocumentError(f"{path!r} is binary (it contains NUL bytes); give a text file")
    if head:
        control = sum(1 for b in head if b < 9 or 13 < b < 32)
        if control / len(head) > 0.1:
            raise DocumentError(f"{path!r} is binary ({control} control bytes); give a text file")
    if encoding is not None:
        try:
            return data.decode(encoding), ()
        except (UnicodeDecodeError, LookupError) as err:
            raise DocumentError(
                f"{path!r} cannot be decoded as encoding={encoding!r}: {err}"
            ) from None
    try:
        return data.decode("utf-8-sig"), ()
    except UnicodeDecodeError as err:
        note = f"{path!r} is not valid UTF-8 ({err.reason} at byte {err.start}); read as CP1252"
        logger.warning(note)
        warnings.warn(note, UnicodeWarning, stacklevel=3)
        return data.decode("cp1252", errors="replace"), (note,)


def read_text_file(path: str | Path, *, encoding: str | None = None) -> Document:
    """Read a ``.txt`` article into a :class:`Document` (id: the file stem).

    Parameters
    ----------
    path : str or Path
        The file.
    encoding : str, optional
        Force an encoding; by default UTF-8 (with or without BOM), falling back to
        CP1252 with a warning.

    Returns
    -------
    Document

    Raises
    ------
    DocumentError
        For a binary, unreadable or undecodable file.

    Examples
    --------
    >>> read_text_file("/nonexistent/a.txt")
    Traceback (most recent call last):
    ...
    geo_syria.exc.DocumentError: cannot read '/nonexistent/a.txt': No such file or directory
    """
    path = Path(path)
    text, notes = _read_text(path, encoding=encoding)
    return document_from_text(text, id=path.stem, notes=notes)


def _read_text(path: Path, *, encoding: str | None) -> tuple[str, tuple[str, ...]]:
    try:
        data = path.read_bytes()
    except OSError as err:
        raise DocumentError(f"cannot read {str(path)!r}: {err.strerror or err}") from None
    return _decode(data, path=str(path), encoding=encoding)


def _raise_csv_field_limit() -> None:
    """Allow CSV fields as long as whole articles (a process-wide setting, set once)."""
    limit = 2**31 - 1
    if csv.field_size_limit() < limit:
        csv.field_size_limit(limit)


_raise_csv_field_limit()


def _jsonl_rows(path: Path, text: str) -> Iterator[tuple[int, dict]]:
    # Split on "\n" only: str.splitlines also splits on U+2028, U+0085, ..., which
    # JSON strings may hold unescaped.
    for n, line in enumerate(text.split("\n"), 1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            raise DocumentError(f"{str(path)!r} line {n}: not JSON ({err.msg})") from None
        if not isinstance(row, dict):
            raise DocumentError(f"{str(path)!r} line {n}: expected a JSON object")
        yield n, row


def _rows(path: Path, text: str) -> tuple[list[str] | None, Iterator[tuple[int, dict]]]:
    """Return the header (``None`` for JSONL, where rows may differ) and the rows."""
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return None, _jsonl_rows(path, text)
    dialect = "excel-tab" if suffix == ".tsv" else "excel"
    # newline="" lets the csv module see line ends itself: only \r and \n end a
    # row, and quoted fields keep theirs as written.
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    return list(reader.fieldnames or []), enumerate(reader, 2)


def _check_columns(path: Path, present: list[str], wanted: dict[str, str | None]) -> None:
    for option, column in wanted.items():
        if column is not None and column not in present:
            listed = ", ".join(repr(c) for c in present)
            raise DocumentError(
                f"{option}={column!r} is not a column of {str(path)!r}; columns: {listed}"
            )


def read_corpus(
    path: str | Path,
    *,
    text_column: str = "text",
    id_column: str | None = None,
    title_column: str | None = None,
    date_column: str | None = None,
    source_column: str | None = None,
    encoding: str | None = None,
) -> Iterator[Document]:
    r"""Yield one :class:`Document` per row of a CSV/TSV file or line of a JSONL file.

    Parameters
    ----------
    path : str or Path
        The corpus file.
    text_column : str
        The column holding the article text.
    id_column, title_column, date_column, source_column : str, optional
        Columns for id (default: ``"<stem>:<row>"``; a repeated id gets ``":<row>"``
        appended, so ids stay unique), headline, date and source
        (default: the file name).
    encoding : str, optional
        Force an encoding (default UTF-8 with CP1252 fallback).

    Yields
    ------
    Document

    Raises
    ------
    DocumentError
        When the file cannot be read, or lacks a chosen column (the message lists the
        columns present).

    Examples
    --------
    >>> import tempfile, os
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = os.path.join(d, "c.csv")
    ...     _ = open(p, "w").write("body\nRebels entered Jobar.\n")
    ...     next(read_corpus(p, text_column="text"))
    Traceback (most recent call last):
    ...
    geo_syria.exc.DocumentError: text_column='text' is not a column of '...c.csv'; columns: 'body'
    """
    path = Path(path)
    text, notes = _read_text(path, encoding=encoding)
    wanted = {
        "text_column": text_column,
        "id_column": id_column,
        "title_column": title_column,
        "date_column": date_column,
        "source_column": source_column,
    }
    header, rows = _rows(path, text)
    if header:
        _check_columns(path, header, wanted)
    checked = header is not None
    seen: set[str] = set()
    for n, row in rows:
        if not checked:
            _check_columns(path, list(row), wanted)
            checked = True
        doc_id = (str(row.get(id_column) or "") if id_column else "") or f"{path.stem}:{n}"
        if doc_id in seen:
            logger.warning("%s row %d: id %r repeats; using %r", path, n, doc_id, f"{doc_id}:{n}")
            doc_id = f"{doc_id}:{n}"
        seen.add(doc_id)
        body = row.get(text_column)
        body = body if isinstance(body, str) else ("" if body is None else str(body))
        source = (str(row.get(source_column) or "") or None) if source_column else path.name
        doc = document_from_text(body, id=doc_id, source=source, notes=notes)
        if title_column:
            doc = replace(doc, title=str(row.get(title_column) or "") or None)
        if date_column:
            doc = replace(doc, published=parse_date(str(row.get(date_column) or "")))
        yield doc


def read_documents(
    paths: str | Path | Iterable[str | Path],
    *,
    text_column: str = "text",
    id_column: str | None = None,
    title_column: str | None = None,
    date_column: str | None = None,
    source_column: str | None = None,
    encoding: str | None = None,
    on_error: str = "record",
) -> Iterator[Document | DocumentFailure]:
    """Read text files and corpora, yielding documents and, for what fails, failures.

    ``.csv``, ``.tsv``, ``.jsonl`` and ``.ndjson`` files are corpora (see
    :func:`read_corpus`); any other file is one article (see :func:`read_text_file`).

    Parameters
    ----------
    paths : path or iterable of paths
        Files to read.
    text_column, id_column, title_column, date_column, source_column : str
        Corpus columns (see :func:`read_corpus`).
    encoding : str, optional
        Force an encoding.
    on_error : {"record", "raise"}
        ``"record"`` yields a :class:`DocumentFailure` for a file that cannot be
        read, so it is accounted for in the report; ``"raise"`` raises.

    Yields
    ------
    Document or DocumentFailure

    Raises
    ------
    InvalidOptionError
        For an unknown ``on_error``.
    DocumentError
        With ``on_error="raise"``, for the first file that cannot be read.

    Examples
    --------
    >>> [type(d).__name__ for d in read_documents(["/nonexistent/a.txt"])]
    ['DocumentFailure']
    """
    check_option("on_error", on_error, ON_ERROR)
    if isinstance(paths, (str, Path)):
        paths = [paths]
    for raw in paths:
        path = Path(raw)
        try:
            if path.suffix.lower() in CORPUS_SUFFIXES:
                yield from read_corpus(
                    path,
                    text_column=text_column,
                    id_column=id_column,
                    title_column=title_column,
                    date_column=date_column,
                    source_column=source_column,
                    encoding=encoding,
                )
            else:
                yield read_text_file(path, encoding=encoding)
        except DocumentError as err:
            if on_error == "raise":
                raise
            logger.warning("%s", err)
            yield DocumentFailure(id=path.stem, source=str(path), error=str(err))
