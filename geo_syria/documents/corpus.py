"""Corpora: one document per CSV/TSV row or JSONL line, each record read or reported.

A corpus file is streamed: its encoding is chosen in one pass over its bytes (never held
whole), then its records are decoded and read one at a time. A broken record (bad quoting,
bad JSON, no text field, text over the size limit) becomes a
:class:`~geo_syria.documents.model.DocumentFailure` naming the file and the line, and the
records after it are still read. A missing chosen column in a CSV header is an error for
the whole file.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from geo_syria.documents.decoding import FileSource, choose_decoding, open_regular
from geo_syria.documents.headers import date_note, document_from_text, parse_date
from geo_syria.documents.ids import IdSet
from geo_syria.documents.model import Document, DocumentFailure
from geo_syria.documents.rows import Record, csv_records, jsonl_records
from geo_syria.exc import DocumentError

__all__ = [
    "CORPUS_SUFFIXES",
    "MAX_BYTES",
    "Columns",
    "check_header",
    "read_corpus",
    "record_document",
    "record_text",
    "wanted_id",
]

logger = logging.getLogger(__name__)

#: File suffixes read as corpora (one document per row or line).
CORPUS_SUFFIXES = (".csv", ".tsv", ".jsonl", ".ndjson")
#: Default size limit of one document, in bytes (a text file, or a row's text as UTF-8).
MAX_BYTES = 10_000_000


@dataclass(frozen=True, slots=True)
class Columns:
    """The corpus columns (or JSON keys) to read, by option name.

    Examples
    --------
    >>> Columns(text="body").chosen()["text_column"]
    'body'
    """

    text: str = "text"
    id: str | None = None
    title: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None

    def chosen(self) -> dict[str, str | None]:
        """Return ``{option name: column}`` for the options as a caller spells them."""
        return {
            "text_column": self.text,
            "id_column": self.id,
            "title_column": self.title,
            "date_column": self.date,
            "source_column": self.source,
            "url_column": self.url,
        }


def check_header(path: Path, header: list[str], columns: Columns) -> None:
    """Raise :class:`DocumentError` when a chosen column is not in a file's header.

    Examples
    --------
    >>> check_header(Path("c.csv"), ["id", "body"], Columns(text="text"))
    Traceback (most recent call last):
    ...
    geo_syria.exc.DocumentError: text_column='text' is not a column of 'c.csv'; columns: ...
    """
    for option, column in columns.chosen().items():
        if column is not None and column not in header:
            listed = ", ".join(repr(c) for c in header)
            raise DocumentError(
                f"{option}={column!r} is not a column of {str(path)!r}; columns: {listed}"
            )


def _value(fields: dict[str, Any], column: str | None) -> str | None:
    if column is None:
        return None
    value = fields.get(column)
    return None if value is None or value == "" else str(value)


def _text(fields: dict[str, Any], columns: Columns, max_bytes: int | None) -> str:
    """Return the record's text; raise ``ValueError`` with the reason it has none."""
    if columns.text not in fields or fields[columns.text] is None:
        present = ", ".join(repr(k) for k in list(fields)[:20])
        raise ValueError(f"no {columns.text!r} field (text_column; fields: {present})")
    body = fields[columns.text]
    if isinstance(body, dict | list):
        raise ValueError(f"{columns.text!r} is a JSON {type(body).__name__}, not text")
    body = body if isinstance(body, str) else str(body)
    if max_bytes is not None and len(body) * 4 > max_bytes:
        size = len(body.encode("utf-8", "surrogatepass"))
        if size > max_bytes:
            raise ValueError(f"its text is {size:,} bytes, over max_bytes={max_bytes:,}")
    return body


def record_text(
    record: Record, *, columns: Columns, max_bytes: int | None
) -> tuple[str | None, str | None]:
    """Return ``(text, None)`` for a record that makes a document, else ``(None, reason)``.

    Examples
    --------
    >>> record_text(Record(2, 2, {"text": "Homs."}), columns=Columns(), max_bytes=None)
    ('Homs.', None)
    >>> record_text(Record(2, 2, {"body": "Homs."}), columns=Columns(), max_bytes=None)
    (None, "no 'text' field (text_column; fields: 'body')")
    """
    try:
        if record.fields is None:
            raise ValueError(record.error)
        return _text(record.fields, columns, max_bytes), None
    except ValueError as err:
        return None, str(err)


def wanted_id(record: Record, *, columns: Columns, max_bytes: int | None) -> str | None:
    """Return the id a record asks for (its id column), or None for ``"<file>:<row>"``.

    This is the id :func:`record_document` claims for the record, before any repeat
    is renamed.

    Examples
    --------
    >>> wanted_id(Record(2, 2, {"id": "7", "text": "Homs."}), columns=Columns(id="id"),
    ...           max_bytes=None)
    '7'
    """
    body, _ = record_text(record, columns=columns, max_bytes=max_bytes)
    if body is None or record.fields is None:
        return None
    return _value(record.fields, columns.id)


def record_document(
    record: Record,
    *,
    path: Path,
    key: str,
    columns: Columns,
    notes: tuple[str, ...],
    ids: IdSet,
    max_bytes: int | None,
) -> Document | DocumentFailure:
    """Turn one parsed record into a document, or a failure naming the file and the line."""
    where = f"{str(path)!r} line {record.line}"
    fallback_id = f"{key}:{record.row}"
    body, error = record_text(record, columns=columns, max_bytes=max_bytes)
    if body is None or record.fields is None:
        logger.warning("%s: %s", where, error)
        return DocumentFailure(
            id=ids.claim(fallback_id, key=key, row=record.row),
            source=str(path),
            error=f"{where}: {error}",
            line=record.line,
        )
    fields = record.fields
    doc_id = ids.claim(_value(fields, columns.id) or fallback_id, key=key, row=record.row)
    source = _value(fields, columns.source) if columns.source else path.name
    doc = document_from_text(body, id=doc_id, source=source, notes=notes)
    if columns.title:
        doc = replace(doc, title=_value(fields, columns.title))
    if columns.url:
        doc = replace(doc, url=_value(fields, columns.url))
    if columns.date:
        raw_date = _value(fields, columns.date)
        published = parse_date(raw_date)
        if raw_date is not None and published is None:
            note = date_note(raw_date, where=f"{where}, {columns.date!r}")
            doc = replace(doc, notes=(*doc.notes, note))
        doc = replace(doc, published=published)
    return doc


def corpus_items(
    path: Path,
    *,
    key: str,
    columns: Columns,
    encoding: str | None,
    max_bytes: int | None,
    ids: IdSet,
) -> Iterator[Document | DocumentFailure]:
    """Yield a document or a failure for every record of one corpus file.

    Raises
    ------
    DocumentError
        For the whole file: unreadable, binary, undecodable, or a chosen column missing
        from the CSV header.
    """
    with open_regular(path) as raw:
        decoding = choose_decoding(FileSource(raw), path=str(path), encoding=encoding)
        notes = (decoding.note,) if decoding.note else ()
        raw.seek(0)
        jsonl = path.suffix.lower() in (".jsonl", ".ndjson")
        # JSONL lines end with "\n" only (U+2028 may sit unescaped in a JSON string); the
        # csv module wants newline="" to see the line ends inside quoted fields itself.
        text = io.TextIOWrapper(
            raw, encoding=decoding.codec, errors=decoding.errors, newline="\n" if jsonl else ""
        )
        if jsonl:
            records = jsonl_records(text)
        else:
            tab = path.suffix.lower() == ".tsv"
            header, records = csv_records(text, delimiter="\t" if tab else ",")
            if header is not None:
                check_header(path, header, columns)
        for record in records:
            yield record_document(
                record,
                path=path,
                key=key,
                columns=columns,
                notes=notes,
                ids=ids,
                max_bytes=max_bytes,
            )


def read_corpus(
    path: str | Path,
    *,
    text_column: str = "text",
    id_column: str | None = None,
    title_column: str | None = None,
    date_column: str | None = None,
    source_column: str | None = None,
    url_column: str | None = None,
    encoding: str | None = None,
    max_bytes: int | None = MAX_BYTES,
) -> Iterator[Document | DocumentFailure]:
    r"""Yield one :class:`Document` per row of a CSV/TSV file or line of a JSONL file.

    A record that cannot be read yields a :class:`DocumentFailure` naming the file and the
    line instead, and reading goes on.

    Parameters
    ----------
    path : str or Path
        The corpus file.
    text_column : str
        The column (or JSON key) holding the article text.
    id_column, title_column, date_column, source_column : str, optional
        Columns for id (default: ``"<stem>:<row>"``; a repeated id gets ``":<row>"``
        appended, so ids stay unique), headline, date (an unreadable date is logged and
        noted) and source (default: the file name).
    url_column : str, optional
        Column of the article's address (default: none).
    encoding : str, optional
        Force an encoding (default: by byte-order mark, else UTF-8, else detected).
    max_bytes : int or None
        Largest text of one record, in UTF-8 bytes; ``None`` for no limit.

    Yields
    ------
    Document or DocumentFailure

    Raises
    ------
    DocumentError
        When the file cannot be read, or its header lacks a chosen column (the message
        lists the columns present).

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
    columns = Columns(text_column, id_column, title_column, date_column, source_column, url_column)
    yield from corpus_items(
        path,
        key=path.stem,
        columns=columns,
        encoding=encoding,
        max_bytes=max_bytes,
        ids=IdSet(),
    )
