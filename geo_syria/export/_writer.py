"""What every streamed export shares: write each finished document, the places last, or nothing.

A :class:`StreamWriter` is a context manager. :meth:`~StreamWriter.write` takes the
report of one or more finished documents (see :func:`geo_syria.pipeline.iter_reports`)
and writes its mentions, claims and unresolved names at once;
:meth:`~StreamWriter.close` writes the places (folded across the documents by
:class:`geo_syria.fold.PlaceFold`) and renames the temporary files onto the targets.
An exception in the ``with`` block removes the temporary files: the targets are
complete or as they were.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, TextIO

from geo_syria.exc import OutputError
from geo_syria.export._fields import part_records, place_record
from geo_syria.export._output import output_path

if TYPE_CHECKING:
    from pathlib import Path

    from shapely.geometry.base import BaseGeometry

    from geo_syria.report import Report, ReportPlace

__all__ = ["BATCH_SIZE", "TABLE_FILES", "StreamWriter", "table_paths", "tables_error"]

#: The file-name part of each kind's table, for the formats of one file per kind
#: (``OUT_<part>.csv``, ``OUT_<part>.parquet``).
TABLE_FILES = {
    "place": "places",
    "claim": "claims",
    "mention": "mentions",
    "unresolved": "unresolved",
}

#: Rows buffered per table before a batch is written (GeoPackage, GeoParquet).
BATCH_SIZE = 5000


class _Aborted(Exception):
    """Stands for the reason of an :meth:`StreamWriter.abort` called outside an exception."""


class StreamWriter:
    """The base of the streamed writers: counts what was written, commits or aborts.

    Attributes
    ----------
    format : str
        The format written.
    counts : dict of str to int
        Features or rows written of each kind (``place``, ``mention``, ``claim``,
        ``unresolved``).
    documents : int
        Documents written.
    """

    format = ""

    def __init__(self) -> None:
        self.counts = {"place": 0, "mention": 0, "claim": 0, "unresolved": 0}
        self.documents = 0
        self._stack = contextlib.ExitStack()
        self._closed = False
        #: The path given and the files written for it, when they are several tables.
        self._tables: tuple[str | Path, Iterable[Path]] | None = None

    def __enter__(self) -> StreamWriter:
        return self

    def __exit__(self, kind: Any, error: Any, traceback: Any) -> bool:
        if kind is None:
            self.close()
        elif not self._closed:
            self._closed = True
            with self._naming():
                self._stack.__exit__(kind, error, traceback)
        return False

    @contextlib.contextmanager
    def _naming(self) -> Iterator[None]:
        """Name the path given, not one of its tables, in an error of a multi-table writer."""
        try:
            yield
        except OutputError as err:
            if self._tables is None or err.__cause__ is None:
                raise
            raise tables_error(err, *self._tables) from err

    @contextlib.contextmanager
    def _opening(self) -> Iterator[None]:
        """Wrap a writer's opening: on any error, remove what it made and raise it."""
        with self._naming():
            try:
                yield
            except BaseException as err:
                self._closed = True
                if not self._stack.__exit__(type(err), err, err.__traceback__):
                    raise

    def _temporary(self, target: str | Path, *, suffix: str = ".tmp") -> Path:
        """Return a temporary file renamed onto ``target`` by :meth:`close` (removed on abort)."""
        return self._stack.enter_context(output_path(target, suffix=suffix))

    def _text(self, target: str | Path | TextIO, *, newline: str | None = None) -> TextIO:
        """Return an open text file: ``target`` itself, or a temporary file beside it."""
        if hasattr(target, "write"):
            return target  # type: ignore[return-value]
        tmp = self._temporary(target)  # type: ignore[arg-type]
        return self._stack.enter_context(open(tmp, "w", encoding="utf-8", newline=newline))

    def write(self, part: Report) -> None:
        """Write the mentions, claims and unresolved names of finished documents."""
        self._check_open()
        counts = self.counts
        for kind, props, geometry in part_records(part):
            self._emit(kind, props, geometry)
            counts[kind] += 1
        self.documents += len(part.documents)
        self._documents(part)

    def write_records(self, rows: Iterable[tuple[dict[str, Any], BaseGeometry | None]]) -> None:
        """Write ``(properties, geometry)`` records of any kind (their ``kind`` property says)."""
        self._check_open()
        for props, geometry in rows:
            self._emit(props["kind"], props, geometry)
            self.counts[props["kind"]] += 1

    def close(self, *, places: Iterable[ReportPlace] = ()) -> None:
        """Write the places, finish every file and rename it onto its target."""
        if self._closed:
            return
        try:
            for rp in places:
                props, geometry = place_record(rp)
                self._emit("place", props, geometry)
                self.counts["place"] += 1
            self._finish()
        except BaseException as err:
            self.__exit__(type(err), err, err.__traceback__)
            raise
        self._closed = True
        with self._naming():
            self._stack.close()

    def abort(self) -> None:
        """Remove the temporary files: the targets are left as they were."""
        if not self._closed:
            self._closed = True
            self._stack.__exit__(_Aborted, _Aborted("aborted"), None)

    def _check_open(self) -> None:
        if self._closed:
            from geo_syria.exc import InvalidOptionError

            raise InvalidOptionError(f"this {self.format} writer is closed; open a new one")

    def _emit(self, kind: str, props: dict[str, Any], geometry: BaseGeometry | None) -> None:
        raise NotImplementedError  # pragma: no cover - every writer has its own

    def _documents(self, part: Report) -> None:
        """Write the statuses of the part's documents (the formats with such a table)."""

    def _finish(self) -> None:
        """Write what is buffered and the end of every file."""


def tables_error(err: OutputError, path: str | Path, targets: Iterable[Path]) -> OutputError:
    """Return the error of a run written to several tables, naming the path it was given.

    Examples
    --------
    >>> from pathlib import Path
    >>> cause = OSError(28, "No space left on device")
    >>> err = OutputError("cannot write 'a_places.csv'")
    >>> err.__cause__ = cause
    >>> str(tables_error(err, "a.csv", [Path("a_places.csv")]))
    "cannot write 'a.csv': No space left on device (while writing its tables 'a_places.csv')"
    """
    cause = err.__cause__
    reason = (cause.strerror or str(cause)) if isinstance(cause, OSError) else str(err)
    return OutputError(
        f"cannot write {str(path)!r}: {reason} (while writing its tables "
        f"{', '.join(repr(p.name) for p in targets)})"
    )


def table_paths(path: str | Path, parts: dict[str, str], suffix: str) -> dict[str, Path]:
    """Return the file of each kind's table beside ``path``: ``<stem>_<part><suffix>``.

    Examples
    --------
    >>> table_paths("out/run.csv", {"place": "places"}, ".csv")
    {'place': PosixPath('out/run_places.csv')}
    """
    from pathlib import Path

    path = Path(path)
    return {kind: path.with_name(f"{path.stem}_{part}{suffix}") for kind, part in parts.items()}
