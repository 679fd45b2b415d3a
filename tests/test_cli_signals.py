"""Ctrl-C and SIGTERM: exit 130 / 143 with one line, no traceback, no file left behind.

The subprocess tests start ``python -m geo_syria extract`` on a generated corpus, wait
until the temporary file of the output beside the target holds rows (the run is then
writing), send the signal, and check the exit status, standard error, and the folder.
"""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from geo_syria.cli import main

PARAGRAPH = (
    "Rebels took Soran, 20 km north of Hama, on Tuesday. Shelling hit Jobar in Damascus. "
    "Khattab, about 10 km northwest of Hama, was bombed. Maardas lies 15 km north of Hama. "
)


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(PARAGRAPH, encoding="utf-8")
    return path


@pytest.fixture
def out_dir(tmp_path):
    path = tmp_path / "out"
    path.mkdir()
    return path


def _interrupt_while_writing(monkeypatch, deliver):
    """Make the CSV writer write a row, then ``deliver()`` a signal, then go on writing."""
    from geo_syria.export.csv import CSVWriter

    real_emit = CSVWriter._emit

    def emit(self, kind, props, geometry):
        real_emit(self, kind, props, geometry)
        deliver()
        time.sleep(0.5)  # the handler runs here, in the middle of the write

    monkeypatch.setattr(CSVWriter, "_emit", emit)


def test_sigterm_while_writing_csv(capsys, article, out_dir, monkeypatch):
    _interrupt_while_writing(monkeypatch, lambda: os.kill(os.getpid(), signal.SIGTERM))
    before = signal.getsignal(signal.SIGTERM)
    assert main(["extract", str(article), "-o", str(out_dir / "out.csv")]) == 143
    assert capsys.readouterr().err.splitlines() == ["geo-syria: terminated"]
    assert list(out_dir.iterdir()) == []
    assert signal.getsignal(signal.SIGTERM) == before  # the handler is put back


def test_keyboard_interrupt_while_writing_csv(capsys, article, out_dir, monkeypatch):
    def interrupt():
        raise KeyboardInterrupt

    _interrupt_while_writing(monkeypatch, interrupt)
    assert main(["extract", str(article), "-o", str(out_dir / "out.csv")]) == 130
    assert capsys.readouterr().err.splitlines() == ["geo-syria: interrupted"]
    assert list(out_dir.iterdir()) == []


def test_sigterm_while_writing_gpkg_leaves_no_journal(capsys, article, out_dir, monkeypatch):
    import pyogrio

    real = pyogrio.write_dataframe
    calls = []

    def write_dataframe(frame, path, **kwargs):
        real(frame, path, **kwargs)
        calls.append(path)
        if len(calls) == 2:
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(0.5)

    monkeypatch.setattr(pyogrio, "write_dataframe", write_dataframe)
    assert main(["extract", str(article), "-o", str(out_dir / "out.gpkg")]) == 143
    assert len(calls) == 2
    assert list(out_dir.iterdir()) == []  # no .tmp.gpkg, no -journal


def test_sigterm_while_writing_the_map(capsys, article, out_dir, monkeypatch):
    real = Path.write_text

    def write_text(self, data, *args, **kwargs):
        real(self, data[:100], *args, **kwargs)
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(0.5)

    monkeypatch.setattr(Path, "write_text", write_text)
    assert main(["map", str(article), "-o", str(out_dir / "map.html")]) == 143
    assert capsys.readouterr().err.splitlines() == ["geo-syria: terminated"]
    assert list(out_dir.iterdir()) == []


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory):
    """2,000 articles with 9 claims each: a run that streams rows for seconds.

    The run writes as documents finish (and its memo makes repeated text fast): a
    corpus much shorter ends before a signal sent at its first flushed row arrives.
    """
    path = tmp_path_factory.mktemp("big") / "big.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "text"])
        for i in range(2000):
            writer.writerow([i, PARAGRAPH * 3])
    return path


def _has_rows(paths) -> bool:
    try:
        return any(p.stat().st_size > 0 for p in paths)
    except FileNotFoundError:  # renamed or removed between listing and stat
        return False


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _wait_for(predicate, *, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.002)
    return False


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize(
    ("signum", "status", "line"),
    [
        (signal.SIGINT, 130, "geo-syria: interrupted"),
        (signal.SIGTERM, 143, "geo-syria: terminated"),
    ],
    ids=["SIGINT", "SIGTERM"],
)
def test_signal_while_extracting_a_big_corpus(big_corpus, out_dir, signum, status, line):
    target = out_dir / "out.csv"
    argv = [sys.executable, "-m", "geo_syria", "extract", str(big_corpus), "-o", str(target)]
    proc = subprocess.Popen(
        argv,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # Ctrl-C as at a terminal: a shell's background job (a CI script's "cmd &") starts
        # with SIGINT ignored, and Python keeps it ignored, as it should
        preexec_fn=_default_sigint,
    )
    try:
        # a temp file with rows in it: the run is writing (not between creating it and
        # entering the block that removes it, a window of microseconds in fileio)
        writing = _wait_for(lambda: _has_rows(out_dir.glob(".out_*.csv.*.tmp")), timeout=120)
        proc.send_signal(signum)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:  # pragma: no cover - only when the test fails
            proc.kill()
            proc.wait()
    assert writing, "the run never started writing"
    assert proc.returncode == status, err
    assert err.splitlines() == [line]
    assert out == ""
    assert list(out_dir.iterdir()) == []  # no target, no .tmp


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigterm_while_building_a_gazetteer_leaves_no_journal(reference_dir, out_dir):
    """The store is written by SQLite: SIGTERM must remove its ``.tmp`` and ``-journal``."""
    sources = [reference_dir / "ocha_syr_cod_2016", reference_dir / "geonames_sy_cities500.tsv"]
    target = out_dir / "g.sqlite"
    argv = [sys.executable, "-m", "geo_syria", "gazetteer", "build", *map(str, sources)]
    proc = subprocess.Popen(
        [*argv, "-o", str(target)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        # the store's temporary file (and SQLite's journal, if any) appear beside the target
        writing = _wait_for(lambda: any(p.stat().st_size for p in out_dir.iterdir()), timeout=120)
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:  # pragma: no cover - only when the test fails
            proc.kill()
            proc.wait()
    assert writing, "the build never started writing"
    assert proc.returncode == 143, err
    assert err.splitlines()[-1] == "geo-syria: terminated" and "Traceback" not in err
    assert list(out_dir.iterdir()) == []  # no store, no .tmp, no -journal


def test_keyboard_interrupt_while_starting(capsys, monkeypatch):
    def build_parser():
        raise KeyboardInterrupt

    monkeypatch.setattr("geo_syria.cli.build_parser", build_parser)
    assert main(["extract", "x.txt"]) == 130
    assert capsys.readouterr().err.splitlines() == ["geo-syria: interrupted"]
