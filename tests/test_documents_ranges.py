"""geo_syria.documents.ranges: a corpus read in byte ranges equals the corpus read whole."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo_syria.cluster_ranges import settled_ranges
from geo_syria.documents import read_documents
from geo_syria.documents.corpus import Columns
from geo_syria.documents.ranges import plan_ranges, read_range, scan_range


class _Done:
    """A finished computation, as a Dask future gives it back."""

    def __init__(self, value):
        self.value = value

    def result(self):
        return self.value

    def release(self):
        pass

    def cancel(self):
        pass


class InProcess:
    """Runs what a Dask client would submit, here and at once."""

    def __init__(self):
        self.scanned = []

    def submit(self, function, rng, *, pure):
        self.scanned.append((rng.start, rng.end))
        return _Done(function(rng))


def in_ranges(stream, size, client=None):
    """Every document of a stream, read range by range as the workers read them."""
    client = client or InProcess()
    ranges = stream.ranges(size)
    assert ranges is not None
    return [doc for rng in settled_ranges(client, ranges, in_flight=3) for doc in read_range(rng)]


def whole(stream):
    return list(stream)


def write(path, text):
    path.write_bytes(text.encode("utf-8"))
    return path


MULTILINE = (
    'id,text,date\n1,"Rebels took Soran,\n20 km north of Hama.",2017-03-31\n'
    '2,"He said ""Homs""\r\nand Idlib",\n,Daraa,bad date\n1,"repeat id",\n'
    '3,5 "km" north of Aleppo,\n\n4,"last\rline"\n'
)


@pytest.mark.parametrize("size", [1, 7, 30, 64, 10_000])
def test_multiline_quoted_fields_read_in_ranges_equal_the_whole_file(tmp_path, size):
    path = write(tmp_path / "c.csv", MULTILINE)
    stream = read_documents(path, id_column="id", date_column="date")
    got = in_ranges(stream, size)
    assert got == whole(stream)
    assert [d.id for d in got] == ["1", "2", "c:4", "1:5", "3", "4"]


def test_a_stray_quote_joins_the_range_that_ended_inside_quotes(tmp_path):
    # the quote in 'a "b' makes the count odd: the cut lands inside the next quoted field
    text = 'id,text\n1,a "b\n2,"one\nfield, two\nlines"\n3,Homs\n'
    path = write(tmp_path / "c.csv", text)
    client = InProcess()
    stream = read_documents(path, id_column="id")
    assert in_ranges(stream, 12, client) == whole(stream)
    assert [(r.start, r.end) for r in stream.ranges(12)] == [(0, 22), (22, 47)]
    assert client.scanned == [(0, 22), (22, 47), (0, 47)]  # the first ended inside quotes


def test_a_quote_left_open_reads_to_the_end_as_one_pass_does(tmp_path):
    path = write(tmp_path / "c.csv", 'id,text\n1,Homs\n2,"open\n3,Hama\n4,Idlib\n')
    stream = read_documents(path, id_column="id")
    got = in_ranges(stream, 4)
    assert got == whole(stream)
    assert [type(d).__name__ for d in got][:2] == ["Document", "DocumentFailure"]


def test_jsonl_and_files_in_sequence_keep_ids_and_lines(tmp_path):
    a = write(tmp_path / "a.jsonl", '{"text": "Homs"}\n\n[1]\n{"text": "Hama", "id": "a:1"}\n')
    b = write(tmp_path / "b.csv", "id,text\n,Idlib\n,Daraa\n")
    stream = read_documents([a, b], id_column="id")
    got = in_ranges(stream, 5)
    assert got == whole(stream)
    assert [d.id for d in got] == ["a:1", "a:3", "a:1:4", "b:2", "b:3"]
    assert got[1].line == 3


def test_files_not_read_in_ranges_are_left_to_the_stream(tmp_path):
    text = write(tmp_path / "a.txt", "Rebels shelled Aleppo.")
    corpus = write(tmp_path / "b.csv", "body\nHoms\n")
    assert read_documents([text]).ranges() is None
    assert read_documents([corpus]).ranges() is None  # no "text" column
    assert read_documents([corpus], text_column="body", on_error="raise").ranges() is None
    assert plan_ranges(tmp_path / "missing.csv", key="m", columns=Columns()) is None


def test_utf16_is_one_range(tmp_path):
    path = tmp_path / "c.csv"
    path.write_bytes("text\nHoms\nHama\n".encode("utf-16"))
    ranges = read_documents(path).ranges(2)
    assert [(r.start, r.end) for r in ranges] == [(0, path.stat().st_size)]
    assert in_ranges(read_documents(path), 2) == whole(read_documents(path))


def test_scan_counts_lines_of_every_line_end(tmp_path):
    path = write(tmp_path / "c.csv", 'text\n"a\r\nb\rc"\n')
    (rng,) = plan_ranges(path, key="c", columns=Columns())
    assert scan_range(rng).lines == 4


_cell = st.text(alphabet='ab ,"\n\r\t', max_size=8)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(st.tuples(st.sampled_from(["", "1", "2", "x"]), _cell), max_size=12),
    stray=st.booleans(),
    size=st.integers(1, 40),
)
def test_any_csv_read_in_ranges_equals_the_whole_file(tmp_path_factory, rows, stray, size):
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(["id", "text"])
    for uid, text in rows:
        writer.writerow([uid, text])
    body = out.getvalue()
    if stray and rows:  # a quote inside an unquoted field, or one left open
        body = body.replace("\n", '\n"', 1) if len(rows) % 2 else body + 'x,a "b\n'
    path = write(tmp_path_factory.mktemp("c") / "c.csv", body)
    stream = read_documents(path, id_column="id")
    assert in_ranges(stream, size) == whole(stream)
