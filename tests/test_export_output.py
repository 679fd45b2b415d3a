"""``export._output``: every export is complete or absent, with one clear error."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest
from _reports import export_report

from geo_syria.exc import GeoSyriaError, OutputError
from geo_syria.export import FORMATS, csv_paths, write_report
from geo_syria.export._output import check_output, output_path
from geo_syria.export.parquet import parquet_paths


def _no_temp_files(folder: Path) -> bool:
    return not [p.name for p in folder.iterdir() if p.name.startswith(".")]


def test_output_error_is_a_geo_syria_error_and_an_os_error():
    assert issubclass(OutputError, GeoSyriaError) and issubclass(OutputError, OSError)


@pytest.mark.parametrize("fmt", FORMATS)
def test_write_onto_a_folder(tmp_path, fmt):
    with pytest.raises(OutputError, match=r"it is a folder; give a file name such as"):
        write_report(export_report(), tmp_path, format=fmt)
    assert _no_temp_files(tmp_path)


@pytest.mark.skipif(not Path("/proc/self").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize("fmt", FORMATS)
def test_write_under_proc(fmt):
    with pytest.raises(OutputError, match=r"cannot write '/proc/nope\.\w+': No such file"):
        write_report(export_report(), f"/proc/nope.{fmt}", format=fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_write_under_a_file_posing_as_a_folder(tmp_path, fmt):
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    target = blocker / "sub" / f"out.{fmt}"
    with pytest.raises(OutputError, match=r"'.*file\.txt' is a file, not a folder"):
        write_report(export_report(), target, format=fmt)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_write_into_a_missing_folder_creates_it(tmp_path, fmt):
    target = tmp_path / "a" / "b" / f"out.{fmt}"
    write_report(export_report(), target, format=fmt)
    paths = {"csv": csv_paths, "parquet": parquet_paths}
    written = list(paths[fmt](target).values()) if fmt in paths else [target]
    assert all(path.stat().st_size > 0 for path in written)
    assert sorted(target.parent.iterdir()) == sorted(written)  # no temp file


def test_written_file_has_a_new_files_mode(tmp_path):
    target = tmp_path / "out.geojson"
    write_report(export_report(), target)
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask  # not mkstemp's 0600


def _full_disk(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.fixture
def full_disk(monkeypatch):
    """Every format's write fails half way with ENOSPC (after writing something)."""
    import pyogrio

    real_write_text = Path.write_text
    real_write_dataframe = pyogrio.write_dataframe

    def write_text(self, data, *args, **kwargs):
        real_write_text(self, data[: len(data) // 2], *args, **kwargs)
        _full_disk()

    def write_dataframe(frame, path, **kwargs):
        real_write_dataframe(frame, path, **kwargs)  # one layer lands, then the disk is full
        _full_disk()

    monkeypatch.setattr(Path, "write_text", write_text)
    monkeypatch.setattr(pyogrio, "write_dataframe", write_dataframe)
    full_disk_streams(monkeypatch)


class _FullFile:
    """A text file that takes a few characters, then reports a full disk."""

    def __init__(self, out):
        self.out = out

    def write(self, text):
        self.out.write(text[:8])
        _full_disk()


def full_disk_streams(monkeypatch):
    """The streamed writers' files (GeoJSON, CSV) and row groups (GeoParquet) hit a full disk."""
    import pyarrow.parquet

    from geo_syria.export._writer import StreamWriter

    real_text = StreamWriter._text

    def text(self, target, **kwargs):
        return _FullFile(real_text(self, target, **kwargs))

    monkeypatch.setattr(StreamWriter, "_text", text)
    monkeypatch.setattr(pyarrow.parquet.ParquetWriter, "write_table", _full_disk)


@pytest.mark.parametrize("fmt", FORMATS)
def test_full_disk_leaves_the_old_file_and_no_temp_file(tmp_path, full_disk, fmt):
    target = tmp_path / f"out.{fmt}"
    target.write_bytes(b"the previous export")
    with pytest.raises(OutputError, match=r"cannot write '.*out\.\w+': No space left on device"):
        write_report(export_report(), target, format=fmt)
    assert target.read_bytes() == b"the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]  # no .tmp, no -journal


def test_full_disk_on_a_new_file_leaves_nothing(tmp_path, full_disk):
    with pytest.raises(OutputError, match="No space left on device"):
        write_report(export_report(), tmp_path / "out.gpkg")
    assert list(tmp_path.iterdir()) == []


def test_interrupted_write_removes_the_temp_file_and_sqlite_sidecars(tmp_path):
    target = tmp_path / "out.gpkg"
    with pytest.raises(KeyboardInterrupt), output_path(target, suffix=".tmp.gpkg") as tmp:
        tmp.write_bytes(b"SQLite format 3\x00")
        Path(f"{tmp}-journal").write_bytes(b"journal")
        raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []


def test_check_output_leaves_nothing_behind(tmp_path):
    assert check_output(tmp_path / "new" / "out.csv") == tmp_path / "new" / "out.csv"
    assert list(tmp_path.iterdir()) == []  # not even the missing folder


def test_check_output_in_a_read_only_folder(tmp_path, monkeypatch):
    import tempfile

    def temporary_file(*args, **kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(tempfile, "TemporaryFile", temporary_file)
    with pytest.raises(OutputError, match=r"cannot write '.*out\.csv': Permission denied"):
        check_output(tmp_path / "out.csv")
