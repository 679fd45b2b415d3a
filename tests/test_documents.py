"""Readers: text files, corpora, bad input."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import re
import signal
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


def test_cp1252_text_is_detected_warned_and_recorded(tmp_path):
    path = tmp_path / "b.txt"
    path.write_bytes("Rebels near Hama \u2013 caf\u00e9.".encode("cp1252"))
    with pytest.warns(UnicodeWarning, match="not valid UTF-8"):
        doc = read_text_file(path)
    assert doc.text == "Rebels near Hama \u2013 caf\u00e9."
    assert doc.notes and "read as cp1252" in doc.notes[0]


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


def test_bad_jsonl_line_is_reported_and_the_lines_after_it_are_read(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text('{"text": "a"}\nnot json\n{"text": "b"}\n')
    first, bad, last = read_corpus(path)
    assert (first.text, last.text) == ("a", "b")
    assert isinstance(bad, DocumentFailure)
    assert bad.line == 2 and bad.source == str(path)
    assert re.search(r"c\.jsonl' line 2: not JSON", bad.error)
    with pytest.raises(DocumentError, match="line 2: not JSON"):
        list(read_documents(path, on_error="raise"))


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


# -- encodings ----------------------------------------------------------------------

ARABIC = "قصفت القوات الحكومية مدينة حماة يوم الأحد."


def test_cp1256_arabic_decodes_as_arabic(tmp_path):
    path = tmp_path / "ar.txt"
    path.write_bytes(f"Hama: {ARABIC}".encode("cp1256"))
    with pytest.warns(UnicodeWarning, match="read as cp1256"):
        doc = read_text_file(path)
    assert doc.text == f"Hama: {ARABIC}"
    assert "charset-normalizer" in doc.notes[0]


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom_decode(tmp_path, codec):
    path = tmp_path / "w.txt"
    body = f"Rebels entered Jobar. {ARABIC}"
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(codec, b"")
    path.write_bytes(bom + body.encode(codec))
    doc = read_text_file(path)
    assert doc.text == body
    assert doc.notes == ()


def test_utf16_bom_with_an_odd_byte_is_a_clear_error(tmp_path):
    path = tmp_path / "w.txt"
    path.write_bytes("Jobar".encode("utf-16") + b"\x00")
    with pytest.raises(DocumentError, match="UTF-16 byte-order mark but is not valid UTF-16"):
        read_text_file(path)


def test_utf16_csv_with_bom_is_a_corpus(tmp_path):
    path = tmp_path / "c.csv"
    path.write_bytes(f"id,text\n1,{ARABIC}\n".encode("utf-16"))
    (doc,) = read_corpus(path, id_column="id")
    assert doc.text == ARABIC


def test_cp1256_jsonl_decodes_as_arabic(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_bytes(json.dumps({"text": ARABIC}, ensure_ascii=False).encode("cp1256"))
    with pytest.warns(UnicodeWarning, match="cp1256"):
        (doc,) = read_corpus(path)
    assert doc.text == ARABIC
    assert "cp1256" in doc.notes[0]


def test_unknown_encoding_name_is_an_error(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Jobar")
    with pytest.raises(DocumentError, match="encoding='klingon' is not an encoding"):
        read_text_file(path, encoding="klingon")


# -- files that must not be read -------------------------------------------------------


@pytest.fixture
def alarm():
    """Fail instead of hanging (a FIFO opened for reading blocks until a writer comes)."""

    def hang(signum, frame):
        raise TimeoutError("the reader hung")

    old = signal.signal(signal.SIGALRM, hang)
    signal.alarm(5)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
def test_dev_zero_is_refused_without_reading(alarm):
    with pytest.raises(DocumentError, match="'/dev/zero' is a character device, not a regular"):
        read_text_file("/dev/zero")
    (failure,) = read_documents(["/dev/zero"])
    assert "character device" in failure.error


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("name", ["pipe.txt", "pipe.csv", "pipe.jsonl"])
def test_fifo_is_refused_without_hanging(tmp_path, alarm, name):
    path = tmp_path / name
    os.mkfifo(path)
    (failure,) = read_documents([path])
    assert isinstance(failure, DocumentFailure)
    assert "FIFO (named pipe), not a regular file" in failure.error


def test_folder_is_refused(tmp_path):
    (tmp_path / "d.txt").mkdir()
    with pytest.raises(DocumentError, match="is a folder, not a regular file"):
        read_text_file(tmp_path / "d.txt")


def test_text_file_over_max_bytes_is_a_failure(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("Jobar. " * 20)
    with pytest.raises(DocumentError, match=r"is 140 bytes, over max_bytes=100"):
        read_text_file(path, max_bytes=100)
    (failure,) = read_documents([path], max_bytes=100)
    assert "max_bytes=100" in failure.error
    (doc,) = read_documents([path], max_bytes=None)
    assert isinstance(doc, Document)


def test_corpus_row_over_max_bytes_is_a_failure_and_the_next_row_is_read(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(f"id,text\n1,{'Jobar. ' * 50}\n2,Hama.\n")
    big, small = read_documents([path], id_column="id", max_bytes=200)
    assert isinstance(big, DocumentFailure) and big.line == 2
    assert "350 bytes, over max_bytes=200" in big.error
    assert small.text == "Hama."


@pytest.mark.parametrize("value", [0, -1, "10", 1.5, True])
def test_bad_max_bytes_option(value):
    with pytest.raises(InvalidOptionError, match=r"max_bytes=.* is not allowed"):
        read_documents([], max_bytes=value)


def test_missing_file_in_a_batch_is_one_failure_and_the_rest_are_read(tmp_path):
    good = tmp_path / "g.txt"
    good.write_text("Rebels took Jobar.")
    items = list(read_documents([tmp_path / "gone.txt", good]))
    assert [type(i).__name__ for i in items] == ["DocumentFailure", "Document"]
    assert "No such file" in items[0].error and items[0].id == "gone"


# -- dates -------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["2017-13-45", "2017-02-30"])
def test_invalid_date_line_is_logged_and_noted(tmp_path, caplog, value):
    path = tmp_path / "d.txt"
    path.write_text(f"date {value}\nRebels took Jobar.")
    doc = read_text_file(path)
    assert doc.published is None
    assert doc.notes == (
        f"date line of 'd': {value!r} is not a valid date; the publication date is left unknown",
    )
    assert value in caplog.text


def test_invalid_date_column_is_logged_and_noted(tmp_path, caplog):
    path = tmp_path / "c.csv"
    path.write_text("id,day,text\n1,2017-02-30,Jobar.\n2,,Hama.\n3,4/5/2017,Homs.\n")
    bad, empty, good = read_corpus(path, id_column="id", date_column="day")
    assert (
        bad.published is None and "line 2, 'day': '2017-02-30' is not a valid date" in bad.notes[0]
    )
    assert empty.published is None and empty.notes == ()
    assert good.published == dt.date(2017, 4, 5) and good.notes == ()
    assert "2017-02-30" in caplog.text


# -- JSONL records -----------------------------------------------------------------------


def _jsonl(tmp_path, *lines: str):
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_jsonl_deep_nesting_is_one_line_failure(tmp_path):
    path = _jsonl(tmp_path, '{"text": "a"}', "[" * 100_000 + "]" * 100_000, '{"text": "b"}')
    items = list(read_documents(path))
    assert [type(i).__name__ for i in items] == ["Document", "DocumentFailure", "Document"]
    assert "line 2" in items[1].error and "not JSON" in items[1].error


def test_jsonl_5000_digit_id_is_one_line_failure(tmp_path):
    path = _jsonl(tmp_path, '{"id": ' + "9" * 5000 + ', "text": "a"}', '{"id": 2, "text": "b"}')
    bad, good = read_documents(path, id_column="id")
    assert isinstance(bad, DocumentFailure) and bad.line == 1 and "not JSON" in bad.error
    assert good.id == "2"


def test_jsonl_row_without_the_text_key_is_a_failure(tmp_path):
    path = _jsonl(tmp_path, '{"id": "a", "body": "Jobar."}', '{"id": "b", "text": "Hama."}')
    bad, good = read_documents(path, id_column="id")
    assert isinstance(bad, DocumentFailure)
    assert re.search(r"line 1: no 'text' field \(text_column; fields: 'id', 'body'\)", bad.error)
    assert good.id == "b"


@pytest.mark.parametrize(
    ("line", "match"),
    [("[1, 2]", "expected a JSON object, got a list"), ('{"text": null}', "no 'text' field")],
    ids=["array-line", "null-text"],
)
def test_jsonl_line_that_holds_no_text_is_a_failure(tmp_path, line, match):
    (failure,) = read_documents(_jsonl(tmp_path, line))
    assert isinstance(failure, DocumentFailure)
    assert match in failure.error


# -- CSV records -------------------------------------------------------------------------


def test_csv_row_without_the_text_field_is_a_failure(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("id,title,text\n1,Short row\n2,Fine,Hama.\n")
    bad, good = read_documents(path, id_column="id")
    assert isinstance(bad, DocumentFailure) and bad.line == 2
    assert "no 'text' field" in bad.error
    assert good.text == "Hama."


def test_csv_unbalanced_quote_is_a_failure_naming_the_line(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text('id,text\n1,Jobar.\n2,"Rebels took\n3,Hama.\n4,"Homs."\n5,Idlib.\n')
    items = list(read_documents(path, id_column="id"))
    assert [i.id for i in items if isinstance(i, Document)] == ["1", "3", "4", "5"]
    (failure,) = [i for i in items if isinstance(i, DocumentFailure)]
    assert failure.line == 3
    assert re.search(r"c\.csv' line 3: .*quote left open", failure.error)


def test_csv_unbalanced_quote_at_the_end_is_a_failure(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text('id,text\n1,Jobar.\n2,"Rebels took\n3,Hama.\n')
    items = list(read_documents(path, id_column="id"))
    assert [type(i).__name__ for i in items] == ["Document", "DocumentFailure", "Document"]
    assert "unexpected end of data" in items[1].error


def test_csv_row_with_extra_fields_is_a_failure(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("id,text\n1,Rebels took Jobar, then Hama.\n2,Homs.\n")
    bad, good = read_documents(path, id_column="id")
    assert isinstance(bad, DocumentFailure)
    assert "3 fields where the header has 2" in bad.error
    assert good.text == "Homs."


def test_records_in_equal_documents_plus_failures(tmp_path):
    path = tmp_path / "c.jsonl"
    lines = ['{"text": "a"}', "{", "", '{"text": 1}', "7", '{"text": ["x"]}', '{"text": "b"}']
    path.write_text("\n".join(lines))
    items = list(read_documents(path))
    assert len(items) == sum(1 for line in lines if line.strip())
    assert [isinstance(i, Document) for i in items] == [True, False, True, False, False, True]
    assert items[2].text == "1"


# -- ids and re-reading ------------------------------------------------------------------


def test_same_stem_in_two_folders_gets_distinct_path_ids(tmp_path):
    for folder, day in (("a", "2017-03-01"), ("b", "2017-04-01")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.txt").write_text(f"date {day}\nRebels took Jobar.")
    one = tmp_path / "y.txt"
    one.write_text("Hama.")
    docs = list(read_documents([tmp_path / "a" / "x.txt", tmp_path / "b" / "x.txt", one]))
    assert [d.id for d in docs] == ["a/x.txt", "b/x.txt", "y"]
    assert [d.published.month for d in docs[:2]] == [3, 4]


def test_same_row_ids_in_two_corpora_are_distinct(tmp_path):
    for name in ("a.csv", "b.csv"):
        (tmp_path / name).write_text("id,text\n7,Jobar.\n")
    docs = list(read_documents([tmp_path / "a.csv", tmp_path / "b.csv"], id_column="id"))
    assert [d.id for d in docs] == ["7", "b:7"]


def test_read_documents_can_be_iterated_twice(tmp_path):
    good = tmp_path / "g.txt"
    good.write_text("Rebels took Jobar.")
    stream = read_documents([good, tmp_path / "gone.txt"])
    first, second = list(stream), list(stream)
    assert first == second and len(first) == 2
    assert [f.id for f in stream.failures] == ["gone"]
    assert "2 files, 1 failures" in repr(stream)


def test_read_documents_reads_lazily(tmp_path):
    path = tmp_path / "g.txt"
    stream = read_documents([path])  # absent now: nothing is read yet
    path.write_text("Rebels took Jobar.")
    (doc,) = stream
    assert doc.text == "Rebels took Jobar."


def test_analysing_the_stream_twice_gives_the_same_report(tmp_path, gazetteer):
    from geo_syria import analyze

    path = tmp_path / "g.txt"
    path.write_text("Rebels took Jobar.")
    stream = read_documents([path])
    first, second = analyze(stream, gazetteer=gazetteer), analyze(stream, gazetteer=gazetteer)
    assert len(first.documents) == len(second.documents) == 1
    assert [p.place.id for p in first.places] == [p.place.id for p in second.places]


# -- properties: whatever the bytes, no exception escapes and every record is accounted for


PROPERTY = settings(max_examples=60, deadline=None, database=None)


def _read_all(suffix: str, data: bytes, **kwargs) -> list:
    """Write ``data`` to a file with ``suffix``, read it, check each item's type."""
    import warnings

    with tempfile.TemporaryDirectory(prefix="gs-prop-") as folder:
        path = Path(folder) / f"p{suffix}"
        path.write_bytes(data)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UnicodeWarning)
            items = list(read_documents([path], **kwargs))
    assert all(isinstance(i, Document | DocumentFailure) for i in items)
    return items


def _binary(items: list) -> bool:
    return len(items) == 1 and isinstance(items[0], DocumentFailure) and "binary" in items[0].error


@PROPERTY
@given(st.text())
def test_property_text_file_reads_back_its_text(text):
    items = _read_all(".txt", text.encode("utf-8"))
    assert len(items) == 1
    if not _binary(items):
        (doc,) = items
        assert doc.text == text.removeprefix("\ufeff")  # offsets point into the file's text


@PROPERTY
@given(st.binary(max_size=4000))
def test_property_any_bytes_as_a_text_file_give_one_record(data):
    assert len(_read_all(".txt", data)) == 1


@PROPERTY
@given(st.lists(st.text(), max_size=8), st.sampled_from([".csv", ".tsv"]))
def test_property_csv_rows_read_back_their_texts(texts, suffix):
    import io

    out = io.StringIO(newline="")
    writer = csv.writer(out, dialect="excel-tab" if suffix == ".tsv" else "excel")
    writer.writerow(["id", "text"])
    writer.writerows([str(n), t] for n, t in enumerate(texts))
    items = _read_all(suffix, out.getvalue().encode("utf-8"), id_column="id")
    if not _binary(items):
        assert [(d.id, d.text) for d in items] == [(str(n), t) for n, t in enumerate(texts)]


@PROPERTY
@given(st.lists(st.text(), max_size=8), st.booleans())
def test_property_jsonl_lines_read_back_their_texts(texts, ascii_only):
    lines = [json.dumps({"id": n, "text": t}, ensure_ascii=ascii_only) for n, t in enumerate(texts)]
    items = _read_all(".jsonl", "\n".join(lines).encode("utf-8"), id_column="id")
    if not _binary(items):
        assert [(d.id, d.text) for d in items] == [(str(n), t) for n, t in enumerate(texts)]


@PROPERTY
@given(st.lists(st.text(max_size=30), min_size=1, max_size=6), st.data())
def test_property_truncated_jsonl_accounts_for_every_line(texts, data):
    lines = [json.dumps({"text": t}, ensure_ascii=False) for t in texts]
    raw = "\n".join(lines).encode("utf-8")
    cut = raw[: data.draw(st.integers(0, len(raw)))]
    items = _read_all(".jsonl", cut)
    if not _binary(items):
        text = cut.decode("utf-8", "replace")
        assert len(items) == sum(1 for line in text.split("\n") if line.strip())


@PROPERTY
@given(st.lists(st.text(max_size=30), min_size=1, max_size=6), st.data())
def test_property_truncated_csv_never_raises(texts, data):
    import io

    out = io.StringIO(newline="")
    csv.writer(out).writerows([["text"], *([t] for t in texts)])
    raw = out.getvalue().encode("utf-8")
    cut = raw[: data.draw(st.integers(0, len(raw)))]
    items = _read_all(".csv", cut)
    # an open quote's swallowed lines are read again, one item at most per physical line
    lines = cut.decode("utf-8", errors="replace").splitlines()
    assert len(items) <= max(len(texts), len(lines)) + 1


def test_csv_header_with_an_open_quote_is_a_failure_naming_line_1(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text('id,"text\n1,Jobar.\n2,Hama.\n')
    (failure,) = read_documents(path)
    assert isinstance(failure, DocumentFailure) and failure.line == 1
    assert "line 1: the header is not valid CSV" in failure.error
