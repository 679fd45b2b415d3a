import sys
import zipfile

import pytest

from geo_syria.fileio import package_bytes, write_bytes_atomic


def test_package_bytes_reads_the_packages_own_files():
    from importlib import resources

    expected = resources.files("geo_syria._data").joinpath("curated.csv").read_bytes()
    assert package_bytes("geo_syria._data", "curated.csv") == expected
    assert package_bytes("geo_syria", "gazetteer/tables.py").startswith(b'"""')


def test_package_bytes_reads_a_package_in_a_zip_through_importlib_resources(tmp_path, monkeypatch):
    # a zip has no folder on disk: the file comes through importlib.resources
    archive = tmp_path / "pkgs.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("zipped_pkg/__init__.py", "")
        z.writestr("zipped_pkg/data/names.txt", "Hama\nHoms\n")
    monkeypatch.syspath_prepend(str(archive))
    try:
        assert package_bytes("zipped_pkg", "data/names.txt") == b"Hama\nHoms\n"
        with pytest.raises(FileNotFoundError):
            package_bytes("zipped_pkg", "data/absent.txt")
    finally:
        sys.modules.pop("zipped_pkg", None)


def test_package_bytes_of_a_missing_file_raises(tmp_path):
    with pytest.raises(FileNotFoundError):
        package_bytes("geo_syria", "no_such_module.py")


def test_write_bytes_atomic_replaces_the_file(tmp_path):
    out = write_bytes_atomic(tmp_path / "a" / "b.bin", b"one")
    write_bytes_atomic(out, b"two")
    assert out.read_bytes() == b"two" and sorted(p.name for p in out.parent.iterdir()) == ["b.bin"]


def test_prune_stale_keeps_the_new_file_recent_ones_and_other_kinds(tmp_path):
    import os
    import time

    from geo_syria.fileio import prune_stale

    names = ["default-new.sqlite", "default-old.sqlite", "default-recent.sqlite", "other.txt"]
    for name in names:
        (tmp_path / name).write_bytes(b"")
    for name in ("default-new.sqlite", "default-old.sqlite", "other.txt"):
        os.utime(tmp_path / name, (time.time() - 90 * 86400,) * 2)
    (tmp_path / "default-dir.sqlite").mkdir()  # not a file: left alone
    removed = prune_stale(tmp_path / "default-new.sqlite", ("default-*.sqlite",))
    assert [p.name for p in removed] == ["default-old.sqlite"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "default-dir.sqlite", "default-new.sqlite", "default-recent.sqlite", "other.txt",
    ]  # fmt: skip
