"""Output files with clear errors: every export and map goes through :func:`output_path`.

:func:`output_path` wraps :func:`geo_syria.fileio.atomic_path` (a temporary file
beside the target, renamed onto it at the end, removed on any error or signal) and
turns the operating system's errors into one :class:`~geo_syria.exc.OutputError`
naming the target and the reason. :func:`check_output` tells, before any work, whether
a target can be written at all.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from geo_syria.exc import OutputError
from geo_syria.fileio import atomic_path

__all__ = ["check_output", "output_path"]

#: Files SQLite (and so GDAL's GeoPackage driver) keeps beside a database while writing.
_SIDECARS = ("-journal", "-wal", "-shm")


def _reason(err: OSError) -> str:
    return err.strerror or str(err) or type(err).__name__


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _nearest_existing(path: Path) -> Path:
    for parent in path.parents:
        if parent.exists():
            return parent
    return Path(path.anchor or ".")  # pragma: no cover - the root always exists


def check_output(target: str | os.PathLike[str]) -> Path:
    """Return the target's path when a file can be written there; raise otherwise.

    The target must not be a folder, and its nearest existing folder must accept a
    new file (a temporary file is opened and closed to find out). Nothing is left
    behind, not even a missing parent folder.

    Parameters
    ----------
    target : path-like
        The file to be written.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    OutputError
        When the target is a folder, sits under a file, or its folder cannot take
        a new file (read-only, ``/proc``, no permission).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> check_output(folder / "new" / "out.csv").name
    'out.csv'
    >>> check_output(folder)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    geo_syria.exc.OutputError: cannot write '...': it is a folder; give a file name ...
    """
    path = Path(target)
    if path.is_dir():
        example = path / f"out{path.suffix or '.geojson'}"
        raise OutputError(
            f"cannot write {str(path)!r}: it is a folder; give a file name such as {str(example)!r}"
        )
    folder = _nearest_existing(path)
    if not folder.is_dir():
        raise OutputError(f"cannot write {str(path)!r}: {str(folder)!r} is a file, not a folder")
    try:
        # an unnamed file where the system allows it (O_TMPFILE): nothing to leave behind
        with tempfile.TemporaryFile(prefix=".geo_syria-check.", dir=folder):
            pass
    except OSError as err:
        raise OutputError(f"cannot write {str(path)!r}: {_reason(err)}") from None
    return path


@contextlib.contextmanager
def output_path(target: str | os.PathLike[str], *, suffix: str = ".tmp") -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it onto ``target`` when the block ends.

    On any error, interruption or signal the temporary file and SQLite's sidecar files
    (``-journal``, ``-wal``, ``-shm``) are removed and ``target`` is left as it was.

    Parameters
    ----------
    target : path-like
        The file to create or replace; a missing folder is created.
    suffix : str
        Suffix of the temporary file (``.tmp.gpkg`` keeps GDAL's driver happy).

    Yields
    ------
    pathlib.Path
        An empty file to be written or replaced by the caller.

    Raises
    ------
    OutputError
        For any operating-system error while writing (a folder as target, no
        permission, a full disk), naming the target and the reason.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "a.geojson"
    >>> with output_path(out) as tmp:
    ...     _ = tmp.write_text("{}")
    >>> out.read_text(), len(list(out.parent.iterdir()))
    ('{}', 1)
    """
    path = check_output(target)
    tmp: Path | None = None
    try:
        with atomic_path(path, suffix=suffix) as tmp:
            yield tmp
            if tmp.exists():  # the temporary file is private (0600): give it a new file's mode
                tmp.chmod(0o666 & ~_umask())
    except OutputError:
        raise
    except OSError as err:
        raise OutputError(f"cannot write {str(path)!r}: {_reason(err)}") from err
    finally:
        if tmp is not None:
            for sidecar in _SIDECARS:
                Path(f"{tmp}{sidecar}").unlink(missing_ok=True)
