"""Options and steps shared by the commands that read articles (``extract``, ``claims``)."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from geo_syria.exc import InvalidOptionError

if TYPE_CHECKING:
    from geo_syria.gazetteer import Gazetteer
    from geo_syria.report import Report

__all__ = ["add_input_arguments", "analyze_files", "failure_exit_code", "load_gazetteer"]

logger = logging.getLogger(__name__)


def add_input_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``FILE...``, ``--gazetteer`` and the corpus column options."""
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
    group.add_argument("--title-column", metavar="COL")
    group.add_argument("--date-column", metavar="COL")


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


def analyze_files(args: argparse.Namespace, *, gazetteer: Gazetteer | None = None) -> Report:
    """Read the files named on the command line and analyse them.

    The gazetteer is the one given, else the ``--gazetteer`` store, else the default.
    """
    for name in args.files:
        if not Path(name).exists():
            raise InvalidOptionError(f"FILE {name!r} does not exist")
    if gazetteer is None:
        gazetteer = load_gazetteer(args.gazetteer)
    from geo_syria.documents import read_documents
    from geo_syria.pipeline import analyze

    documents = list(
        read_documents(
            args.files,
            text_column=args.text_column,
            id_column=args.id_column,
            title_column=args.title_column,
            date_column=args.date_column,
        )
    )
    logger.info("read %d documents from %d files", len(documents), len(args.files))
    return analyze(documents, gazetteer=gazetteer)


def failure_exit_code(report: Report, *, limit: int = 20) -> int:
    """Tell standard error which documents failed; return 1 when every one did, else 0.

    Some failed: a warning line naming them (the run still succeeded, with partial
    results). All failed: an error line, and exit code 1.
    """
    failed = [s.document.id for s in report.documents if s.status == "failed"]
    if not failed:
        return 0
    names = ", ".join(repr(name) for name in failed[:limit])
    if len(failed) > limit:
        names += f" and {len(failed) - limit} more"
    total = len(report.documents)
    if len(failed) == total:
        print(f"geo-syria: error: every document failed ({total}): {names}", file=sys.stderr)
        return 1
    print(
        f"geo-syria: warning: {len(failed)} of {total} documents failed: {names}",
        file=sys.stderr,
    )
    return 0
