"""Writing files so that a reader never sees half of one.

Every file the package writes (stores, caches, downloads, maps, exports) goes through
:func:`atomic_path`: the content is written to a temporary file beside the target and renamed
onto it only when the writer finished without an exception; on any error or interruption the
temporary file is removed and the target is left as it was. :func:`package_bytes` reads the
package's own files (its data, its code for cache keys).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

__all__ = [
    "STALE_AFTER_DAYS",
    "atomic_path",
    "mark_used",
    "package_bytes",
    "prune_stale",
    "write_bytes_atomic",
]


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike[str], *, suffix: str = ".tmp") -> Iterator[Path]:
    """Yield a temporary path beside *target*; rename it onto *target* when the block succeeds.

    Parameters
    ----------
    target : path-like
        The file to create or replace. Its folder is created when missing.
    suffix : str
        Suffix of the temporary file (``.part`` for downloads, for example).

    Yields
    ------
    pathlib.Path
        An empty file in the target's folder, to be written (or replaced) by the caller.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> with atomic_path(out) as tmp:
    ...     _ = tmp.write_text("done")
    >>> out.read_text()
    'done'
    >>> try:
    ...     with atomic_path(out) as tmp:
    ...         _ = tmp.write_text("half")
    ...         raise RuntimeError("interrupted")
    ... except RuntimeError:
    ...     pass
    >>> out.read_text(), sorted(p.name for p in out.parent.iterdir())
    ('done', ['a.txt'])
    """
    import tempfile  # here: a run that writes nothing need not import it (nor shutil, random)

    path = Path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_bytes_atomic(target: str | os.PathLike[str], data: bytes) -> Path:
    """Write *data* to *target* through :func:`atomic_path`; return the target's path.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> out = write_bytes_atomic(pathlib.Path(tempfile.mkdtemp()) / "b.bin", b"xy")
    >>> out.read_bytes()
    b'xy'
    """
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
    return Path(target)


def package_bytes(package: str, name: str) -> bytes:
    """Return the bytes of the file ``name`` (``/``-separated) of an importable package.

    Read from the package's folder when it is one on disk (an ordinary or editable
    install); through :mod:`importlib.resources` otherwise (a package in a zip file),
    which costs a tenth of a second less to skip on the way to one sentence's analysis.

    Examples
    --------
    >>> package_bytes("geo_syria._data", "curated.csv").startswith(b"id,")
    True
    >>> package_bytes("geo_syria", "fileio.py") == open(__file__, "rb").read()
    True
    """
    import importlib

    parts = name.split("/")
    spec = importlib.import_module(package).__spec__
    for folder in (spec.submodule_search_locations or []) if spec is not None else []:
        path = os.path.join(folder, *parts)
        if os.path.isfile(path):
            with open(path, "rb") as file:
                return file.read()
    from importlib import resources

    return resources.files(package).joinpath(*parts).read_bytes()


#: Cache files not used for this long are removed when a new one of their kind is written.
STALE_AFTER_DAYS = 30.0


def mark_used(path: str | os.PathLike[str]) -> None:
    """Set a cache file's modification time to now: it was just read (see :func:`prune_stale`).

    Errors (a read-only cache) are ignored: the mark only protects the file from pruning.
    """
    with contextlib.suppress(OSError):
        os.utime(path)


def prune_stale(
    keep: str | os.PathLike[str],
    patterns: tuple[str, ...],
    *,
    max_age_days: float = STALE_AFTER_DAYS,
) -> list[Path]:
    """Remove the cache files beside ``keep`` matching ``patterns`` unused for ``max_age_days``.

    Each upgrade or edit of the gazetteer writes its cache under a new key; the old files
    would pile up in the user cache. A file read or written within ``max_age_days`` stays
    (another installed version may still use it): reads mark it (:func:`mark_used`).

    Parameters
    ----------
    keep : path
        The cache file just written; never removed. Its folder is the one pruned.
    patterns : tuple of str
        Glob patterns of the files of its kind (``"default-*.sqlite"``).
    max_age_days : float, keyword-only
        Files not modified for longer are removed.

    Returns
    -------
    list of Path
        The files removed (those that could not be removed are left, silently).

    Examples
    --------
    >>> import tempfile, time
    >>> folder = Path(tempfile.mkdtemp())
    >>> old, new = folder / "default-old.sqlite", folder / "default-new.sqlite"
    >>> _ = old.write_bytes(b""), new.write_bytes(b"")
    >>> os.utime(old, (time.time() - 40 * 86400,) * 2)
    >>> [p.name for p in prune_stale(new, ("default-*.sqlite",))]
    ['default-old.sqlite']
    """
    import time

    keep = Path(keep)
    cutoff = time.time() - max_age_days * 86400
    removed = []
    for pattern in patterns:
        for path in keep.parent.glob(pattern):
            with contextlib.suppress(OSError):
                if path != keep and path.is_file() and path.stat().st_mtime < cutoff:
                    path.unlink()
                    removed.append(path)
    return removed
