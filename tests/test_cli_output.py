"""Outputs of ``extract`` and ``map``: one-line errors for unwritable targets, never a traceback.

Each test feeds one bad target (or a fault while writing) to the command and checks
the exit status, the single error line, and that nothing is left: no target, no
temporary file.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from _assets import map_assets  # noqa: F401 - fixture
from test_export_output import full_disk_streams

from geo_syria.cli import main


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "in" / "article.txt"
    path.parent.mkdir()
    path.write_text("Rebels took Soran, 20 km north of Hama, on Tuesday.\n", encoding="utf-8")
    return path


@pytest.fixture
def out_dir(tmp_path):
    path = tmp_path / "out"
    path.mkdir()
    return path


def _one_error_line(err: str, pattern: str) -> None:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("geo-syria: error: "), err
    assert "Traceback" not in err
    import re

    assert re.search(pattern, lines[0]), lines[0]


COMMANDS = {
    "extract-geojson": ["extract", "{article}", "-o", "{out}.geojson"],
    "extract-csv": ["extract", "{article}", "-o", "{out}.csv"],
    "extract-gpkg": ["extract", "{article}", "-o", "{out}.gpkg"],
    "map": ["map", "{article}", "-o", "{out}.html"],
}


def _argv(command: str, article: Path, out: str | Path) -> list[str]:
    return [a.format(article=article, out=out) for a in COMMANDS[command]]


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_output_onto_a_folder(capsys, article, out_dir, command):
    folder = out_dir / "results.d"
    argv = _argv(command, article, folder)
    Path(argv[-1]).mkdir()  # a folder named like the file
    assert main(argv) == 1
    _one_error_line(capsys.readouterr().err, r"it is a folder; give a file name")
    assert [p.name for p in out_dir.rglob("*")] == [Path(argv[-1]).name]


@pytest.mark.skipif(not Path("/proc/self").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_output_in_proc(capsys, article, command):
    assert main(_argv(command, article, "/proc/nope")) == 1
    _one_error_line(capsys.readouterr().err, r"cannot write '/proc/nope\.\w+': No such file")


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_output_under_a_parent_that_cannot_be_created(capsys, article, out_dir, command):
    blocker = out_dir / "plain-file"
    blocker.write_text("x")
    assert main(_argv(command, article, blocker / "sub" / "out")) == 1
    _one_error_line(capsys.readouterr().err, r"plain-file' is a file, not a folder")
    assert [p.name for p in out_dir.iterdir()] == ["plain-file"]


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_output_in_a_missing_folder_is_created(capsys, article, out_dir, command):
    argv = _argv(command, article, out_dir / "new" / "deeper" / "out")
    assert main(argv) == 0
    written = [Path(argv[-1])]
    if command == "extract-csv":  # one table per kind: out_places.csv, out_claims.csv, ...
        from geo_syria.export import csv_paths

        written = list(csv_paths(argv[-1]).values())
    assert sorted(Path(argv[-1]).parent.iterdir()) == sorted(written)


@pytest.fixture
def full_disk(monkeypatch):
    """Writing fails half way with ENOSPC, for every format and the map."""
    import pyogrio

    real_write_text = Path.write_text
    real_write_dataframe = pyogrio.write_dataframe

    def enospc():
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def write_text(self, data, *args, **kwargs):
        real_write_text(self, data[: len(data) // 2], *args, **kwargs)
        enospc()

    def write_dataframe(frame, path, **kwargs):
        real_write_dataframe(frame, path, **kwargs)
        enospc()

    monkeypatch.setattr(Path, "write_text", write_text)
    monkeypatch.setattr(pyogrio, "write_dataframe", write_dataframe)
    full_disk_streams(monkeypatch)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_output_on_a_full_disk(capsys, article, out_dir, full_disk, command):
    assert main(_argv(command, article, out_dir / "out")) == 1
    _one_error_line(capsys.readouterr().err, r"cannot write '.*out\.\w+': No space left on device")
    assert list(out_dir.iterdir()) == []  # no truncated file, no temp file, no -journal


def test_output_on_a_full_disk_keeps_the_previous_map(capsys, article, out_dir, full_disk):
    previous = out_dir / "out.html"
    previous.write_bytes(b"<html>yesterday</html>")
    assert main(_argv("map", article, out_dir / "out")) == 1
    assert previous.read_bytes() == b"<html>yesterday</html>"
    assert list(out_dir.iterdir()) == [previous]


def test_self_contained_map_with_one_tarball_missing(capsys, article, out_dir, map_assets):  # noqa: F811
    import shutil

    partial = out_dir.parent / "partial"
    shutil.copytree(map_assets, partial)
    (partial / "leaflet-minimap-3.6.1.tgz").unlink()
    argv = ["map", str(article), "-o", str(out_dir / "m.html"), "--self-contained"]
    assert main([*argv, "--assets-dir", str(partial)]) == 1
    _one_error_line(capsys.readouterr().err, r"'.*partial' lacks leaflet-minimap-3\.6\.1\.tgz;")
    assert list(out_dir.iterdir()) == []


@pytest.mark.parametrize("assets", ["empty", "missing"])
def test_self_contained_map_without_assets(capsys, article, out_dir, tmp_path, assets):
    folder = tmp_path / "assets"
    if assets == "empty":
        folder.mkdir()
    argv = ["map", str(article), "-o", str(out_dir / "m.html"), "--self-contained"]
    assert main([*argv, "--assets-dir", str(folder)]) == 1
    what = "holds none of the tarballs" if assets == "empty" else "does not exist"
    _one_error_line(
        capsys.readouterr().err,
        rf"--self-contained: --assets-dir '.*assets' {what}.*run 'geo-syria assets fetch",
    )
    assert list(out_dir.iterdir()) == []


def test_self_contained_map_with_assets(capsys, article, out_dir, map_assets):  # noqa: F811
    argv = ["map", str(article), "-o", str(out_dir / "m.html"), "--self-contained"]
    assert main([*argv, "--assets-dir", str(map_assets)]) == 0
    assert [p.name for p in out_dir.iterdir()] == ["m.html"]


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_document_failed_leaves_no_output(capsys, tmp_path, out_dir, command):
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"\x00\x01" * 50)
    assert main(_argv(command, broken, out_dir / "out")) == 1
    err = capsys.readouterr().err
    assert "error: no document could be read (1 failed, listed above); nothing written" in err
    assert list(out_dir.iterdir()) == []


def test_every_document_failed_prints_nothing_on_stdout(capsys, tmp_path):
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"\x00\x01" * 50)
    assert main(["extract", str(broken)]) == 1
    assert capsys.readouterr().out == ""


def test_empty_corpus_leaves_no_output(capsys, tmp_path, out_dir):
    corpus = tmp_path / "empty.csv"
    corpus.write_text("id,text\n", encoding="utf-8")
    assert main(["extract", str(corpus), "-o", str(out_dir / "out.csv")]) == 1
    assert "the input holds no documents; nothing written" in capsys.readouterr().err
    assert list(out_dir.iterdir()) == []


def test_geojson_to_stdout_when_no_output(capsys, article):
    import json

    assert main(["extract", str(article), "--format", "geojson"]) == 0
    assert json.loads(capsys.readouterr().out)["type"] == "FeatureCollection"


def test_unexpected_error_is_one_line(capsys, article, monkeypatch):
    def broken_analysis(args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("geo_syria.cli.extract.analyze_files", broken_analysis)
    assert main(["extract", str(article)]) == 1
    _one_error_line(capsys.readouterr().err, r"unexpected RuntimeError: a bug \(-v shows")


def test_unexpected_error_with_verbose_shows_the_traceback(capsys, article, monkeypatch):
    def broken_analysis(args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("geo_syria.cli.extract.analyze_files", broken_analysis)
    assert main(["-v", "extract", str(article)]) == 1
    assert "Traceback" in capsys.readouterr().err


def test_input_that_is_a_folder_is_not_a_traceback(capsys, tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    assert main(["extract", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "geo-syria: error:" in err
