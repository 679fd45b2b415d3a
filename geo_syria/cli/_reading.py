"""Options and steps shared by the commands that read articles (``extract``, ``claims``)."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from geo_syria.cli._cluster import add_cluster_arguments, analyze_items, cluster_name
from geo_syria.exc import DocumentError, InvalidOptionError
from geo_syria.render.safe_text import safe_text

if TYPE_CHECKING:
    from geo_syria.documents import Document, DocumentFailure, DocumentStream
    from geo_syria.gazetteer import Gazetteer
    from geo_syria.report import Report

__all__ = [
    "EXIT_SOME_FAILED",
    "EXIT_STATUS",
    "Analysis",
    "ExitStatusHelpFormatter",
    "Failure",
    "add_input_arguments",
    "analyze_files",
    "check_something_read",
    "exit_code",
    "list_failures",
    "load_gazetteer",
    "one_line",
    "read_inputs",
]

logger = logging.getLogger(__name__)

#: Seconds a run lasts before its progress bar is drawn (short runs show none).
PROGRESS_DELAY = 1.0

#: Exit status of a run in which some documents failed (the others were written).
EXIT_SOME_FAILED = 3

#: The exit statuses, for the ``--help`` of the commands that read articles.
EXIT_STATUS = """\
exit status:
  0    every document was read
  1    error, nothing written: a bad option, an output that cannot be written,
       or no document could be read
  2    usage error: an unknown option or a missing argument
  3    some documents failed: they are listed on standard error (file, line or
       row, reason) and the others are written
  130  interrupted (Ctrl-C), 143 terminated (SIGTERM): no output file is left
"""


class ExitStatusHelpFormatter(argparse.HelpFormatter):
    """Wrap descriptions as usual but keep the examples and exit-status table as written."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if text.startswith(("exit status:", "example")):
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)


def add_input_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``FILE...``, ``--gazetteer`` and the corpus column options."""
    parser.formatter_class = ExitStatusHelpFormatter
    parser.epilog = EXIT_STATUS
    parser.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="articles (.txt) and corpora (.csv, .tsv, .jsonl)",
    )
    parser.add_argument(
        "--gazetteer",
        metavar="STORE",
        help="a gazetteer store built by 'geo-syria gazetteer build' (default: the embedded one)",
    )
    group = parser.add_argument_group("corpus columns")
    group.add_argument("--text-column", default="text", metavar="COL", help="default: text")
    group.add_argument("--id-column", metavar="COL", help="default: the row number")
    group.add_argument("--title-column", metavar="COL", help="default: a headline-like first line")
    group.add_argument("--date-column", metavar="COL", help="default: a date line in the text")
    group.add_argument(
        "--source-column", metavar="COL", help="the outlet or agency (default: the file name)"
    )
    group.add_argument("--url-column", metavar="COL", help="the article's address (default: none)")
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="no progress bar (one is shown on a terminal once a run lasts over a second)",
    )
    add_cluster_arguments(parser)


def load_gazetteer(store: str | None) -> Gazetteer | None:
    """Return the gazetteer of a store path, or None (the pipeline's default) when not given.

    Raises
    ------
    InvalidOptionError
        When the store does not exist.
    GazetteerFormatError
        When it is not a readable store.
    """
    if store is None:
        return None
    if not Path(store).exists():
        raise InvalidOptionError(f"--gazetteer={store!r} does not exist; give a store path")
    from geo_syria.gazetteer.store import load_store

    return load_store(store)


@dataclass(frozen=True, slots=True)
class Failure:
    """One input document that failed, as listed on standard error.

    Parameters
    ----------
    source : str
        The file it came from.
    doc_id : str
        The document id (the file stem, or a corpus row's id).
    reason : str
        Why it failed.
    line : int or None
        The line or row in ``source`` (when the reader tells it).

    Examples
    --------
    >>> str(Failure("news.csv", "17", "no text column", line=18))
    "news.csv, line 18 (document '17'): no text column"
    >>> str(Failure("a/broken.txt", "broken", "binary"))
    'a/broken.txt: binary'
    >>> str(Failure("news.csv", "news:18", "'news.csv' line 18: no text", line=18))
    "'news.csv' line 18: no text"
    """

    source: str
    doc_id: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        reason = one_line(" ".join(self.reason.split()))
        if self._placed(self.reason):  # the reader's message names file and line already
            return reason
        where = one_line(self.source or self.doc_id)
        if self.line is not None:
            where += f", line {self.line}"
        if self.source and Path(self.source).stem != self.doc_id:
            where += f" (document {one_line(repr(self.doc_id))})"
        return f"{where}: {reason}"

    def _placed(self, reason: str) -> bool:
        if not self.source or repr(self.source) not in reason:
            return False
        return self.line is None or f"line {self.line}" in reason


def one_line(text: str) -> str:
    r"""Return ``text`` fit for one line of a terminal: bidi controls shown, others escaped.

    Examples
    --------
    >>> one_line("a\nb\u2028c\td")
    'a\\nb\\u2028c\\td'
    """
    text = safe_text(text)
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


class Analysis:
    """The documents named on the command line, analysed as they are read.

    Iterating yields one report per document (see
    :func:`geo_syria.pipeline.iter_reports`) and tallies what became of each, so a
    command writes each document as it finishes and keeps no more than it needs.
    A progress bar counts the documents on standard error when asked for.

    Parameters
    ----------
    parts : iterable of Report
        The reports of the documents, in input order.
    lines : dict, keyword-only, optional
        The lines of the reader's failures by ``(id, source)`` (filled as they are read).
    progress : bool, keyword-only
        Show a progress bar (tqdm, on standard error) once the run lasts over a second.
    where : str, keyword-only, optional
        Where the documents are analysed, shown before the count ("on 2 Dask workers").

    Attributes
    ----------
    n_documents : int
        Documents seen so far.
    failures : list of Failure
        One per failed document, in input order (reading and analysis failures).

    Examples
    --------
    >>> from geo_syria.report import Report
    >>> analysis = Analysis.from_report(Report((), (), (), ()))
    >>> analysis.failures, analysis.n_documents
    ([], 0)
    """

    def __init__(
        self,
        parts: Iterable[Report],
        *,
        lines: dict[tuple[str, str], list[int | None]] | None = None,
        progress: bool = False,
        where: str | None = None,
    ) -> None:
        self._parts = parts
        self._lines = {} if lines is None else lines
        self._progress = progress
        self._where = where
        self._tallied = False
        self.n_documents = 0
        self.failures: list[Failure] = []

    @classmethod
    def from_report(cls, report: Report, read: Sequence[DocumentFailure] = ()) -> Analysis:
        """Return the analysis of a whole report; ``read`` are the reader's failures (their lines).

        The report is tallied at once (its parts are yielded as they are).
        """
        from geo_syria.fold import split_report

        lines: dict[tuple[str, str], list[int | None]] = {}
        for item in read:
            lines.setdefault((item.id, item.source), []).append(_line_of(item))
        analysis = cls(list(split_report(report)), lines=lines)
        for part in analysis._parts:  # type: ignore[union-attr]
            analysis._tally(part)
        analysis._tallied = True
        return analysis

    def _tally(self, part: Report) -> None:
        for status in part.documents:
            self.n_documents += 1
            if status.status != "failed":
                continue
            doc = status.document
            found = self._lines.get((doc.id, doc.source or ""))
            self.failures.append(
                Failure(
                    source=doc.source or "",
                    doc_id=doc.id,
                    reason=status.error or "failed",
                    line=found.pop(0) if found else None,
                )
            )

    def __iter__(self) -> Iterator[Report]:
        from tqdm import tqdm

        with tqdm(
            desc=self._where,
            unit=" documents",
            file=sys.stderr,
            delay=PROGRESS_DELAY,
            disable=not self._progress,
        ) as bar:
            for part in self._parts:
                if not self._tallied:
                    self._tally(part)
                bar.update(len(part.documents))
                yield part

    def __enter__(self) -> Analysis:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the analysis (and the Dask cluster it runs on) where it is."""
        close = getattr(self._parts, "close", None)
        if close is not None:
            close()

    @property
    def n_read(self) -> int:
        """How many documents were read and analysed (empty ones included)."""
        return self.n_documents - len(self.failures)


def _line_of(failure: DocumentFailure) -> int | None:
    for name in ("line", "row", "line_number"):
        value = getattr(failure, name, None)
        if isinstance(value, int):
            return value
    return None


def show_progress(args: argparse.Namespace) -> bool:
    """Whether a run draws a progress bar: on a terminal, unless ``--quiet``."""
    return not getattr(args, "quiet", False) and sys.stderr.isatty()


def check_worker_store(args: argparse.Namespace) -> None:
    """Raise the error of a ``--gazetteer`` store that is missing, before workers load it."""
    if args.gazetteer is not None and not Path(args.gazetteer).exists():
        load_gazetteer(args.gazetteer)  # its error: each worker loads the store itself


def analyze_files(args: argparse.Namespace, *, gazetteer: Gazetteer | None = None) -> Analysis:
    """Read the files named on the command line and analyse them, one document at a time.

    Nothing is read before the returned :class:`Analysis` is iterated. A file that
    cannot be read is a failed document, not an error: the others are still read.
    The gazetteer is the one given, else the ``--gazetteer`` store, else the default.
    """
    on_dask = getattr(args, "workers", None) is not None or getattr(args, "scheduler", None)
    if gazetteer is None and not on_dask:
        gazetteer = load_gazetteer(args.gazetteer)
    elif on_dask:
        check_worker_store(args)
    items = read_inputs(args)
    lines: dict[tuple[str, str], list[int | None]] = {}
    parts = analyze_items(_noting(items, lines), args, gazetteer=gazetteer)  # or on Dask
    return Analysis(parts, lines=lines, progress=show_progress(args), where=cluster_name(args))


def read_inputs(args: argparse.Namespace) -> DocumentStream:
    """Return the documents of the files named on the command line, read lazily."""
    from geo_syria.documents import read_documents

    return read_documents(
        args.files,
        text_column=args.text_column,
        id_column=args.id_column,
        title_column=args.title_column,
        date_column=args.date_column,
        source_column=getattr(args, "source_column", None),
        url_column=getattr(args, "url_column", None),
    )


def _noting(
    items: Iterable[Document | DocumentFailure], lines: dict[tuple[str, str], list[int | None]]
) -> Iterator[Document | DocumentFailure]:
    """Pass the items on, noting the line of each reader's failure as it is read."""
    from geo_syria.documents import DocumentFailure

    for item in items:
        if isinstance(item, DocumentFailure):
            lines.setdefault((item.id, item.source), []).append(_line_of(item))
        yield item


def check_something_read(analysis: Analysis, *, verbose: bool = False) -> None:
    """Raise when no document was read: list the failures, and write nothing.

    Raises
    ------
    DocumentError
        When every document failed, or the input holds none.
    """
    total = analysis.n_documents
    if analysis.n_read > 0:
        return
    if total == 0:
        raise DocumentError("the input holds no documents; nothing written")
    list_failures(analysis, verbose=verbose)
    raise DocumentError(
        f"no document could be read ({total} failed, listed above); nothing written"
    )


def list_failures(analysis: Analysis, *, limit: int = 20, verbose: bool = False) -> None:
    """Print the failed documents on standard error, one a line (all of them when verbose)."""
    failures = analysis.failures
    if not failures:
        return
    total = analysis.n_documents
    print(f"geo-syria: {len(failures)} of {total} documents failed:", file=sys.stderr)
    shown = failures if verbose else failures[:limit]
    for failure in shown:
        print(f"  {failure}", file=sys.stderr)
    if len(shown) < len(failures):
        print(f"  ... and {len(failures) - len(shown)} more (-v lists all)", file=sys.stderr)


def exit_code(analysis: Analysis, *, verbose: bool = False) -> int:
    """List the failed documents on standard error; return 3 when some failed, else 0."""
    list_failures(analysis, verbose=verbose)
    return EXIT_SOME_FAILED if analysis.failures else 0
