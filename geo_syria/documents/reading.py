"""Reading files: one article per text file, corpora by row, every input accounted for."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from geo_syria.checks import check_option
from geo_syria.documents.corpus import CORPUS_SUFFIXES, MAX_BYTES, Columns, corpus_items
from geo_syria.documents.decoding import BytesSource, choose_decoding, open_regular
from geo_syria.documents.headers import document_from_text
from geo_syria.documents.ids import IdSet, file_keys
from geo_syria.documents.model import Document, DocumentFailure
from geo_syria.documents.ranges import RANGE_BYTES, CorpusRange, plan_ranges
from geo_syria.exc import DocumentError, InvalidOptionError

__all__ = ["ON_ERROR", "DocumentStream", "read_documents", "read_text_file"]

logger = logging.getLogger(__name__)

ON_ERROR = ("record", "raise")


def _read_limited(path: Path, max_bytes: int | None) -> bytes:
    with open_regular(path) as fh:
        size = os.fstat(fh.fileno()).st_size
        data = fh.read() if max_bytes is None else fh.read(max_bytes + 1)
    if max_bytes is not None and max(size, len(data)) > max_bytes:
        raise DocumentError(
            f"{str(path)!r} is {max(size, len(data)):,} bytes, over max_bytes={max_bytes:,} "
            "(one document's limit); pass a larger max_bytes= to read it"
        )
    return data


def read_text_file(
    path: str | Path,
    *,
    encoding: str | None = None,
    max_bytes: int | None = MAX_BYTES,
    id: str | None = None,
) -> Document:
    """Read a ``.txt`` article into a :class:`Document` (id: the file stem).

    Parameters
    ----------
    path : str or Path
        The file; only a regular file is read (devices, FIFOs and folders are refused).
    encoding : str, optional
        Force an encoding; by default a byte-order mark decides (UTF-8, UTF-16, UTF-32),
        else UTF-8, else the encoding charset-normalizer detects, with a warning and a note.
    max_bytes : int or None
        Largest file read, in bytes; ``None`` for no limit.
    id : str, optional
        The document id; default the file stem.

    Returns
    -------
    Document
        Its ``text`` is the file's decoded text (a byte-order mark aside), so mention
        offsets point into the file.

    Raises
    ------
    DocumentError
        For a missing, special (device, FIFO), oversized, binary or undecodable file.

    Examples
    --------
    >>> read_text_file("/nonexistent/a.txt")
    Traceback (most recent call last):
    ...
    geo_syria.exc.DocumentError: cannot read '/nonexistent/a.txt': No such file or directory
    """
    path = Path(path)
    data = _read_limited(path, max_bytes)
    decoding = choose_decoding(BytesSource(data), path=str(path), encoding=encoding)
    text = data.decode(decoding.codec, decoding.errors)
    notes = (decoding.note,) if decoding.note else ()
    return document_from_text(text, id=id or path.stem, notes=notes)


class DocumentStream:
    """The documents of some files, read lazily again on every iteration.

    Iterating yields a :class:`Document` or a :class:`DocumentFailure` for every input
    record, so it can be analysed twice (a notebook cell run again) without holding a
    corpus in memory. :attr:`failures` holds the failures of the last full pass.

    Examples
    --------
    >>> stream = read_documents(["/nonexistent/a.txt"])
    >>> len(list(stream)) == len(list(stream)) == 1
    True
    >>> [f.id for f in stream.failures]
    ['a']
    """

    def __init__(
        self,
        paths: Iterable[str | os.PathLike[str]],
        *,
        columns: Columns,
        encoding: str | None,
        max_bytes: int | None,
        on_error: str,
    ) -> None:
        self.paths = tuple(Path(p) for p in paths)
        self._keys = file_keys(self.paths)
        self._columns = columns
        self._encoding = encoding
        self._max_bytes = max_bytes
        self._on_error = on_error
        self.failures: tuple[DocumentFailure, ...] = ()

    def __repr__(self) -> str:
        return f"<DocumentStream of {len(self.paths)} files, {len(self.failures)} failures>"

    def __iter__(self) -> Iterator[Document | DocumentFailure]:
        failures: list[DocumentFailure] = []
        ids = IdSet()
        for path, key in zip(self.paths, self._keys, strict=True):
            for item in self._read_one(path, key, ids):
                if isinstance(item, DocumentFailure):
                    if self._on_error == "raise":
                        raise DocumentError(item.error)
                    failures.append(item)
                yield item
        self.failures = tuple(failures)

    def ranges(self, size: int = RANGE_BYTES) -> list[CorpusRange] | None:
        """Return the byte ranges of every file, in order, for workers to read; else None.

        None when a file cannot be read in ranges (a text file, an unreadable file, a
        header without a chosen column) or with ``on_error="raise"``: iterate the stream
        instead, which reports each failure.

        Examples
        --------
        >>> read_documents(["/nonexistent/a.txt"]).ranges() is None
        True
        """
        if self._on_error != "record":
            return None
        ranges: list[CorpusRange] = []
        for path, key in zip(self.paths, self._keys, strict=True):
            if path.suffix.lower() not in CORPUS_SUFFIXES:
                return None
            planned = plan_ranges(
                path,
                key=key,
                columns=self._columns,
                encoding=self._encoding,
                max_bytes=self._max_bytes,
                size=size,
            )
            if planned is None:
                return None
            ranges.extend(planned)
        return ranges

    def _read_one(self, path: Path, key: str, ids: IdSet) -> Iterator[Document | DocumentFailure]:
        corpus = path.suffix.lower() in CORPUS_SUFFIXES
        doc_id = key if corpus else ids.claim(key, key=key)
        try:
            if corpus:
                yield from corpus_items(
                    path,
                    key=key,
                    columns=self._columns,
                    encoding=self._encoding,
                    max_bytes=self._max_bytes,
                    ids=ids,
                )
            else:
                yield read_text_file(
                    path, encoding=self._encoding, max_bytes=self._max_bytes, id=doc_id
                )
        except DocumentError as err:
            logger.warning("%s", err)
            if corpus:
                doc_id = ids.claim(key, key=key)
            yield DocumentFailure(id=doc_id, source=str(path), error=str(err))


def read_documents(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    text_column: str = "text",
    id_column: str | None = None,
    title_column: str | None = None,
    date_column: str | None = None,
    source_column: str | None = None,
    url_column: str | None = None,
    encoding: str | None = None,
    max_bytes: int | None = MAX_BYTES,
    on_error: str = "record",
) -> DocumentStream:
    """Read text files and corpora: a document, or a failure, for every input record.

    ``.csv``, ``.tsv``, ``.jsonl`` and ``.ndjson`` files are corpora (see
    :func:`~geo_syria.documents.read_corpus`); any other file is one article (see
    :func:`read_text_file`). Ids are unique across the inputs: a text file's id is its
    stem, or its path when two inputs share a stem.

    Parameters
    ----------
    paths : path or iterable of paths
        Files to read.
    text_column, id_column, title_column, date_column, source_column, url_column : str
        Corpus columns (see :func:`~geo_syria.documents.read_corpus`).
    encoding : str, optional
        Force an encoding.
    max_bytes : int or None
        Largest document, in bytes (a text file; a corpus record's text as UTF-8);
        default 10 MB; ``None`` for no limit.
    on_error : {"record", "raise"}
        ``"record"`` yields a :class:`DocumentFailure` for a file or record that cannot
        be read, so it is accounted for in the report; ``"raise"`` raises.

    Returns
    -------
    DocumentStream
        Iterable as often as needed; each pass reads the files again, lazily.

    Raises
    ------
    InvalidOptionError
        For an unknown ``on_error`` or a ``max_bytes`` below 1.
    DocumentError
        With ``on_error="raise"``, while iterating, for the first failure.

    Examples
    --------
    >>> [type(d).__name__ for d in read_documents(["/nonexistent/a.txt"])]
    ['DocumentFailure']
    """
    check_option("on_error", on_error, ON_ERROR)
    if max_bytes is not None and (
        isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes < 1
    ):
        raise InvalidOptionError(
            f"max_bytes={max_bytes!r} is not allowed; give a whole number of bytes >= 1, "
            "or None for no limit"
        )
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    columns = Columns(text_column, id_column, title_column, date_column, source_column, url_column)
    return DocumentStream(
        paths, columns=columns, encoding=encoding, max_bytes=max_bytes, on_error=on_error
    )
