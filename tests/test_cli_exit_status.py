"""Exit statuses (0 ok, 1 error, 2 usage, 3 some documents failed) and the failure list."""

from __future__ import annotations

import dataclasses
import json
import logging

import pytest

from geo_syria.cli import main
from geo_syria.cli._reading import Analysis, Failure
from geo_syria.documents import Document, DocumentFailure


@dataclasses.dataclass(frozen=True)
class LinedFailure(DocumentFailure):
    """A reader's failure that tells its line (as the rebuilt readers do)."""

    line: int | None = None


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text("Rebels took Soran, 20 km north of Hama, on Tuesday.\n", encoding="utf-8")
    return path


@pytest.fixture
def broken(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes(b"\x00\x01\x02" * 40)
    return path


@pytest.mark.parametrize("command", [[], ["extract"], ["claims"], ["map"]])
def test_help_lists_the_exit_statuses(capsys, command):
    with pytest.raises(SystemExit) as exc:
        main([*command, "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert "exit status:" in out
    for row in ("  0    every", "  1    error", "  2    usage", "  3    some documents failed"):
        assert row in out
    assert "130  interrupted" in out and "143 terminated" in out


@pytest.mark.parametrize("command", ["extract", "claims"])
def test_every_document_read_exits_0(capsys, article, command):
    assert main([command, str(article)]) == 0
    assert "failed" not in capsys.readouterr().err


@pytest.mark.parametrize("command", ["extract", "claims"])
def test_unknown_option_exits_2(capsys, article, command):
    with pytest.raises(SystemExit) as exc:
        main([command, str(article), "--no-such-option"])
    assert exc.value.code == 2


@pytest.mark.parametrize("command", ["extract", "claims"])
def test_one_failed_document_exits_3(capsys, article, broken, command):
    assert main([command, str(article), str(broken)]) == 3
    err = capsys.readouterr().err
    assert "geo-syria: 1 of 2 documents failed:" in err
    assert (
        any(ln.startswith("  ") and str(broken) in ln for ln in err.splitlines())
        and "binary" in err
    )


def test_one_failed_document_exits_3_for_the_map(capsys, tmp_path, article, broken):
    assert main(["map", str(article), str(broken), "-o", str(tmp_path / "m.html")]) == 3


@pytest.fixture
def reader(monkeypatch):
    """Replace the reading layer by one yielding the given items."""
    items: list = []

    def read_documents(paths, **kwargs):
        yield from items

    monkeypatch.setattr("geo_syria.documents.read_documents", read_documents)
    return items


def test_failure_with_a_line_names_file_and_line(capsys, article, reader):
    reader += [
        Document("1", "Rebels took Jobar.", source="news.jsonl"),
        LinedFailure(id="2", source="news.jsonl", error="invalid JSON", line=2),
        Document("3", "Shelling hit Hama.", source="news.jsonl"),
    ]
    assert main(["extract", str(article)]) == 3
    captured = capsys.readouterr()
    assert "  news.jsonl, line 2 (document '2'): invalid JSON" in captured.err.splitlines()
    assert json.loads(captured.out)["features"]


def test_failed_analysis_of_a_document_is_listed(capsys, article, reader, monkeypatch):
    """A document read but failed by the analysis (no reader's failure, so no line)."""
    from geo_syria.report import DocumentStatus, Report

    def iter_reports(items, **kwargs):
        ok, boom = items
        yield Report((DocumentStatus(ok, "empty"),), (), (), ())
        yield Report((DocumentStatus(boom, "failed", "RuntimeError: x"),), (), (), ())

    monkeypatch.setattr("geo_syria.pipeline.iter_reports", iter_reports)
    reader += [
        Document("a", "Rebels took Jobar.", source="a.txt"),
        Document("b", "boom in Hama.", source="b.txt"),
    ]
    assert main(["claims", str(article)]) == 3
    err = capsys.readouterr().err
    assert "  b.txt: RuntimeError: x" in err.splitlines()


def test_many_failures_are_cut_to_20_lines(capsys, article, reader):
    reader += [Document("ok", "Rebels took Jobar.", source="ok.txt")]
    reader += [DocumentFailure(id=f"f{i}", source=f"f{i}.txt", error="binary") for i in range(25)]
    assert main(["extract", str(article)]) == 3
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == "geo-syria: 25 of 26 documents failed:"
    assert lines[1:21] == [f"  f{i}.txt: binary" for i in range(20)]
    assert lines[21] == "  ... and 5 more (-v lists all)"


def test_many_failures_with_verbose_are_all_listed(capsys, article, reader):
    reader += [Document("ok", "Rebels took Jobar.", source="ok.txt")]
    reader += [DocumentFailure(id=f"f{i}", source=f"f{i}.txt", error="binary") for i in range(25)]
    assert main(["-v", "extract", str(article)]) == 3
    err = capsys.readouterr().err
    assert "  f24.txt: binary" in err and "more (-v lists all)" not in err


def test_failure_reason_with_newlines_and_bidi_is_one_safe_line():
    failure = Failure("a.txt", "a", "bad\nthing \u202eat\u202c end")
    assert str(failure) == "a.txt: bad thing \ufffdat\ufffd end"


@pytest.mark.parametrize(
    "nasty",
    [
        "a\nb",
        "a\r\nb",
        "x\u2028y",
        "x\u2029y",
        "x\x85y",
        "x\x0by\x0cz",
        "\u202eexe.txt",
        "\x1b[31m",
    ],
)
def test_failure_with_line_breaks_or_controls_is_one_line(nasty):
    from geo_syria.render.safe_text import BIDI_CONTROLS

    shown = str(Failure(f"{nasty}.csv", nasty, f"bad {nasty} row", line=3))
    assert len(shown.splitlines()) == 1
    assert not BIDI_CONTROLS & set(shown) and "\x1b" not in shown


def test_analysis_from_report_matches_lines_to_failures():
    from geo_syria.pipeline import analyze

    items = [
        LinedFailure(id="x", source="c.csv", error="bad row", line=7),
        Document("y", "Rebels took Jobar.", source="c.csv"),
        LinedFailure(id="x", source="c.csv", error="bad row", line=9),
    ]
    read = [i for i in items if isinstance(i, DocumentFailure)]
    analysis = Analysis.from_report(analyze(items), read)
    assert [f.line for f in analysis.failures] == [7, 9]
    assert analysis.n_read == 1


def test_log_lines_carry_no_traceback_unless_verbose():
    from geo_syria.cli import _Formatter

    try:
        raise RuntimeError("deep")
    except RuntimeError:
        record = logging.getLogger("x").makeRecord(
            "x", logging.ERROR, __file__, 1, "document %r failed", ("d",), exc_info=True
        )
        import sys

        record.exc_info = sys.exc_info()
    quiet = _Formatter("%(message)s", tracebacks=False).format(record)
    assert quiet == "document 'd' failed"
    record.exc_text = None
    loud = _Formatter("%(message)s", tracebacks=True).format(record)
    assert "Traceback" in loud
