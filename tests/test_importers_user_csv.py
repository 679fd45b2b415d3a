"""The user CSV importer: delimiters, huge cells, unbalanced quotes, every row accounted for."""

from __future__ import annotations

import csv
import logging
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo_syria.exc import GazetteerFormatError
from geo_syria.gazetteer.importers import import_source, sniff
from geo_syria.gazetteer.importers._common import MAX_CELL_CHARS
from geo_syria.gazetteer.importers.user_csv import read_user_csv

ROWS = [("Soran", "35.2919", "36.7485"), ("Maardas", "35.2", "36.7"), ("Halfaya", "35.26", "36.6")]


def _write(tmp_path, text, name="mine.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


@pytest.mark.parametrize(
    ("delimiter", "name"),
    [(",", "mine.csv"), ("\t", "mine.tsv"), ("\t", "mine.csv"), (";", "mine.csv"), ("|", "x.txt")],
)
def test_user_file_with_any_delimiter_is_read(tmp_path, delimiter, name):
    text = delimiter.join(["name", "lat", "lon", "feature_type"]) + "\n"
    text += "".join(delimiter.join([*row, "town"]) + "\n" for row in ROWS)
    path = _write(tmp_path, text, name)
    assert sniff(path) == "user_csv"
    result = import_source(path)
    assert [p.name for p in result.places] == [r[0] for r in ROWS]
    assert not result.skipped


def test_tsv_user_file_is_not_missing_columns(tmp_path):
    path = _write(tmp_path, "name\tlat\tlon\nSoran\t35.2919\t36.7485\n", "places.tsv")
    [place] = read_user_csv(path).places
    assert (place.id, place.lat, place.lon) == ("user:soran", 35.2919, 36.7485)


def test_missing_columns_names_the_header_as_read(tmp_path):
    path = _write(tmp_path, "name,latitude,lon\nSoran,35.2,36.7\n")
    with pytest.raises(GazetteerFormatError, match=r"missing columns \['lat'\].*comma-separated"):
        read_user_csv(path)


def test_huge_field_is_reported_not_a_crash(tmp_path, caplog):
    huge = "x" * (MAX_CELL_CHARS + 70_000)  # 201,072 characters: over the csv module's limit
    text = "name,lat,lon,variants\nSoran,35.2919,36.7485,\n" + f"Maardas,35.2,36.7,{huge}\n"
    text += "Halfaya,35.26,36.6,\n"
    limit = csv.field_size_limit()
    with caplog.at_level(logging.WARNING):
        result = read_user_csv(_write(tmp_path, text))
    assert [p.name for p in result.places] == ["Soran", "Halfaya"]
    [skip] = result.skipped
    assert (skip.line, skip.column) == (3, "variants")
    assert "a cell of 201,072 characters is longer than the 131,072 allowed" in skip.reason
    assert "line 3, column 'variants'" in caplog.text
    assert csv.field_size_limit() == limit  # the process-wide limit is restored


def test_huge_quoted_field_spanning_the_rest_of_the_file(tmp_path):
    text = 'name,lat,lon\nSoran,35.2919,36.7485\n"' + "y" * 200_000 + "\n"
    result = read_user_csv(_write(tmp_path, text))
    assert [p.name for p in result.places] == ["Soran"]
    assert [(s.line, s.reason[:20]) for s in result.skipped] == [(3, "expected 3 comma-sep")]


def test_unbalanced_quote_reports_every_swallowed_row(tmp_path, caplog):
    text = "name,lat,lon\nSoran,35.2919,36.7485\n" + '"Maardas,35.2,36.7\n'
    text += "".join(f"Village {i},35.{i},36.5\n" for i in range(1, 6))
    with caplog.at_level(logging.WARNING):
        result = read_user_csv(_write(tmp_path, text))
    assert [p.name for p in result.places] == ["Soran"]
    assert [s.line for s in result.skipped] == [3, 4, 5, 6, 7, 8]
    first, *swallowed = result.skipped
    assert "unbalanced quote: the quoted cell opened on line 3 runs to line 8" in first.reason
    assert "swallows 5 lines that look like rows" in first.reason
    assert {s.reason for s in swallowed} == {"swallowed by the unbalanced quote opened on line 3"}
    assert caplog.text.count("unbalanced quote") == 1  # one warning, six rows reported


def test_unbalanced_quote_closed_later_reports_the_rows_between(tmp_path):
    text = 'name,lat,lon\nSoran,"35.2919,36.7485\nMaardas,35.2,36.7\nHalfaya,35.26",36.6\n'
    text += "Kafr Zita,35.37,36.6\n"
    result = read_user_csv(_write(tmp_path, text))
    assert [p.name for p in result.places] == ["Kafr Zita"]
    assert [s.line for s in result.skipped] == [2, 3, 4]


def test_quoted_cell_with_a_line_break_but_no_rows_is_kept(tmp_path):
    text = 'name,lat,lon,name_ar\nSoran,35.2919,36.7485,"صوران\nريف حماة"\nMaardas,35.2,36.7,\n'
    result = read_user_csv(_write(tmp_path, text))
    assert [p.name for p in result.places] == ["Soran", "Maardas"]
    assert not result.skipped
    assert "صوران ريف حماة" in result.places[0].variants


def test_rows_with_wrong_cell_counts_are_reported_with_their_lines(tmp_path):
    text = "name,lat,lon\n\nSoran,35.2919,36.7485\nShort,35\n\nLong,35,36,37\nMaardas,35.2,36.7\n"
    result = read_user_csv(_write(tmp_path, text))
    assert [p.name for p in result.places] == ["Soran", "Maardas"]
    assert [(s.line, s.reason) for s in result.skipped] == [
        (4, "expected 3 comma-separated columns, found 2"),
        (6, "expected 3 comma-separated columns, found 4"),
    ]


# -- property: every line of a table is a place, a reported row, or blank ------------------

_CELL = st.text(st.sampled_from('ab ,"\n;\t1.'), max_size=6)
#: Examples per property; raise it for a long local run.
FUZZ_EXAMPLES = int(os.environ.get("GEO_SYRIA_FUZZ_EXAMPLES", "150"))


@settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    cells=st.lists(st.tuples(_CELL, _CELL, _CELL), min_size=1, max_size=8),
    quote=st.booleans(),
)
def test_every_row_is_a_place_or_reported(tmp_path, cells, quote):
    lines = [",".join(row).replace("\n", " ") for row in cells]
    if quote:
        lines[0] = '"' + lines[0]
    text = "name,lat,lon\n" + "".join(f"{line}\n" for line in lines)
    path = _write(tmp_path, text)
    try:
        result = read_user_csv(path)
    except GazetteerFormatError as err:
        assert "no usable row" in str(err) or "no rows after the header" in str(err)
        return
    reported = {s.line for s in result.skipped}
    blank = {i for i, line in enumerate(lines, start=2) if not line}
    # each place came from a line neither blank nor reported, and no line is lost
    assert len(result.places) + len(reported) + len(blank) == len(lines)
