"""Readers: text files, corpora, bad input."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from geo_syria.documents import (
    Document,
    DocumentFailure,
    document_from_text,
    parse_date,
    read_corpus,
    read_documents,
    read_text_file,
)
from geo_syria.exc import DocumentError, InvalidOptionError


def test_utf8_with_bom_is_read_without_it(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffRebels entered Jobar.".encode())
    doc = read_text_file(path)
    assert doc.text == "Rebels entered Jobar."
    assert doc.id == "a"
    assert doc.notes == ()


def test_cp1252_fallback_warns_and_is_recorded(tmp_path):
    path = tmp_path / "b.txt"
    path.write_bytes("Rebels near Hama \u2013 caf\u00e9.".encode("cp1252"))
    with pytest.warns(UnicodeWarning, match="not valid UTF-8"):
        doc = read_text_file(path)
    assert "\u2013" in doc.text
    assert doc.notes and "CP1252" in doc.notes[0]


@pytest.mark.parametrize(
    "data", [b"\x00\x01\x02PK\x03\x04" * 100, bytes(range(32)) * 50], ids=["nul", "control"]
)
def test_binary_file_is_a_clear_error(tmp_path, data):
    path = tmp_path / "c.txt"
    path.write_bytes(data)
    with pytest.raises(DocumentError, match="binary"):
        read_text_file(path)
    (failure,) = read_documents([path])
    assert isinstance(failure, DocumentFailure)
    assert "binary" in failure.error


def test_forced_wrong_encoding_is_an_error(tmp_path):
    path = tmp_path / "d.txt"
    path.write_bytes("Ḩamāh".encode())
    with pytest.raises(DocumentError, match="encoding='ascii'"):
        read_text_file(path, encoding="ascii")


def test_missing_file_is_an_error():
    with pytest.raises(DocumentError, match="cannot read"):
        read_text_file("/nonexistent/x.txt")


def test_date_line_and_dateline(tmp_path):
    path = tmp_path / "e.txt"
    path.write_text(" date 2017-03-31 Fighting continued.\n\nBEIRUT (AP) Rebels advanced.\n")
    doc = read_text_file(path)
    assert doc.published == dt.date(2017, 3, 31)
    assert doc.source == "AP"
    assert doc.text.startswith(" date")  # kept as written: offsets point into the file


def test_headline_first_line_becomes_title():
    doc = document_from_text("Rebels attack Damascus\nRebels attacked Jobar on Sunday.", id="x")
    assert doc.title == "Rebels attack Damascus"
    one_line = document_from_text("Rebels attacked Jobar on Sunday.", id="y")
    assert one_line.title is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("4/5/2017", dt.date(2017, 4, 5)),
        ("2017-03-31", dt.date(2017, 3, 31)),
        ("2017-03-31T10:00:00", dt.date(2017, 3, 31)),
        ("5 April 2017", dt.date(2017, 4, 5)),
        ("", None),
        ("yesterday", None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_csv_corpus_columns(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("uid,headline,body,day\n7,Title,Rebels entered Jobar.,4/5/2017\n8,,,\n")
    docs = list(
        read_corpus(
            path, text_column="body", id_column="uid", title_column="headline", date_column="day"
        )
    )
    assert [d.id for d in docs] == ["7", "8"]
    assert docs[0].title == "Title"
    assert docs[0].published == dt.date(2017, 4, 5)
    assert docs[1].text == ""


def test_csv_without_text_column_names_column_file_and_columns(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("uid,body\n1,Rebels entered Jobar.\n")
    with pytest.raises(DocumentError, match=r"text_column='text'.*c\.csv.*'uid', 'body'"):
        list(read_corpus(path))
    (failure,) = read_documents([path])
    assert isinstance(failure, DocumentFailure)
    with pytest.raises(DocumentError, match="text_column"):
        list(read_documents([path], on_error="raise"))


def test_jsonl_corpus(tmp_path):
    path = tmp_path / "c.jsonl"
    rows = [{"id": "a", "text": "Rebels entered Jobar."}, {"id": "b", "text": "Hama."}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n")
    docs = list(read_documents(path, id_column="id"))
    assert [d.id for d in docs] == ["a", "b"]
    assert all(isinstance(d, Document) for d in docs)


def test_bad_jsonl_line_is_reported(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text('{"text": "a"}\nnot json\n')
    with pytest.raises(DocumentError, match="line 2"):
        list(read_corpus(path))


def test_bad_on_error_option():
    with pytest.raises(InvalidOptionError, match="on_error='ignore'"):
        list(read_documents([], on_error="ignore"))


def test_samples_are_read(samples_dir):
    docs = list(read_documents(sorted(samples_dir.glob("*.txt"))))
    assert len(docs) == 2
    assert all(isinstance(d, Document) and d.text.strip() for d in docs)
    assert any(d.published == dt.date(2017, 3, 31) for d in docs)


def test_corpus_is_read_with_its_columns(corpus_documents):
    docs = corpus_documents
    assert len(docs) == 384
    assert len({d.id for d in docs}) == 384
    assert all(isinstance(d, Document) and d.published is not None for d in docs)


def test_jsonl_line_with_unicode_line_separators_is_one_row(tmp_path):
    # U+2028, U+2029 and U+0085 are valid unescaped inside JSON strings; they are
    # not line ends of a JSONL file.
    path = tmp_path / "c.jsonl"
    body = "Rebels entered Jobar.\u2028Fighting went on\u0085 near Hama.\u2029"
    rows = [{"id": "a", "text": body}, {"id": "b", "text": "Hama."}]
    text = "\r\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\r\n"
    path.write_bytes(text.encode())
    docs = list(read_corpus(path, id_column="id"))
    assert [d.id for d in docs] == ["a", "b"]
    assert docs[0].text == body


def test_csv_field_with_unicode_line_separator_stays_one_document(tmp_path):
    path = tmp_path / "c.csv"
    body = "Rebels entered Jobar.\u2028Fighting went on near Hama.\u0085Then it stopped."
    path.write_bytes(f'id,text\n1,{body}\n2,"Quoted\r\nlines kept"\n'.encode())
    docs = list(read_corpus(path, id_column="id"))
    assert [d.id for d in docs] == ["1", "2"]
    assert docs[0].text == body
    assert docs[1].text == "Quoted\r\nlines kept"


def test_reading_a_corpus_leaves_the_csv_field_limit_alone(tmp_path):
    import csv

    path = tmp_path / "c.csv"
    path.write_text("text\nRebels entered Jobar.\n")
    before = csv.field_size_limit()
    try:
        csv.field_size_limit(1000)
        list(read_corpus(path))
        assert csv.field_size_limit() == 1000
    finally:
        csv.field_size_limit(before)


def test_long_csv_field_is_read(tmp_path):
    path = tmp_path / "c.csv"
    body = "Rebels entered Jobar. " * 10_000  # over the csv module's 128 KiB default
    path.write_text(f"text\n{body}\n")
    (doc,) = read_corpus(path)
    assert doc.text == body


@pytest.mark.parametrize(
    ("option", "content"),
    [("text_column", "uid,body\n"), ("id_column", "text\n"), ("date_column", "text,day\r\n")],
)
def test_header_only_csv_with_wrong_column_is_an_error(tmp_path, option, content):
    path = tmp_path / "h.csv"
    path.write_text(content)
    kwargs = {option: "nope"} if option != "text_column" else {}
    with pytest.raises(DocumentError, match=rf"{option}='(nope|text)'.*h\.csv.*columns: '"):
        list(read_corpus(path, **kwargs))


def test_header_only_csv_with_right_columns_is_empty(tmp_path):
    path = tmp_path / "h.csv"
    path.write_text("id,text\n")
    assert list(read_corpus(path, id_column="id")) == []
