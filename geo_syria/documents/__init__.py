"""Documents: the news texts that go into the pipeline, and readers for files and corpora.

Readers keep the text as it was written (a byte-order mark aside), so the character
offsets of every mention point into the file's own text. Every input record comes out as
a :class:`Document` or as a :class:`DocumentFailure` naming its file, line and reason:
records in = documents + failures. One module per job: :mod:`.model` (the two types),
:mod:`.headers` (date line, headline, dateline), :mod:`.decoding` (safe opening,
encodings), :mod:`.rows` (CSV and JSONL records), :mod:`.corpus` (records to documents),
:mod:`.ids` (ids unique across inputs), :mod:`.reading` (files, the re-iterable stream).

Examples
--------
>>> doc = document_from_text("date 2017-03-31 Rebels entered Jobar.", id="a")
>>> doc.published, doc.text[:4]
(datetime.date(2017, 3, 31), 'date')
"""

from __future__ import annotations

from geo_syria.documents.corpus import CORPUS_SUFFIXES, MAX_BYTES, read_corpus
from geo_syria.documents.headers import document_from_text, parse_date
from geo_syria.documents.model import Document, DocumentFailure
from geo_syria.documents.reading import ON_ERROR, DocumentStream, read_documents, read_text_file

__all__ = [
    "CORPUS_SUFFIXES",
    "MAX_BYTES",
    "ON_ERROR",
    "Document",
    "DocumentFailure",
    "DocumentStream",
    "document_from_text",
    "parse_date",
    "read_corpus",
    "read_documents",
    "read_text_file",
]
