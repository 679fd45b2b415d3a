"""``extract ... --workers N -o DIR/``: a folder of partitioned GeoParquet written by the workers.

Each Dask worker reads its own byte ranges of the corpus files and writes its partitions
(see :func:`geo_syria.cluster_parquet.write_on_cluster`); the command's process cuts the
files, folds the places the partitions send back and writes ``DIR/places.parquet`` and,
last, ``DIR/_manifest.json``. It does little per article, so the workers have the cores.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from geo_syria.cli._cluster import cluster_client, cluster_name
from geo_syria.cli._reading import (
    Analysis,
    Failure,
    check_something_read,
    check_worker_store,
    exit_code,
    read_inputs,
    show_progress,
)
from geo_syria.exc import DocumentError, InvalidOptionError
from geo_syria.text import count

__all__ = ["is_folder", "write_dataset"]


def is_folder(output: str | None, fmt: str | None = None) -> bool:
    """Return whether ``-o`` asks for a folder of GeoParquet.

    It does when it ends in a slash, or names an existing folder that no other format
    is asked for (by ``--format`` or by the folder's suffix: ``-o results.csv`` naming
    a folder stays the error it was).

    Examples
    --------
    >>> is_folder("out/"), is_folder("out.parquet"), is_folder(None)
    (True, False, False)
    """
    if output in (None, "-"):
        return False
    if output.endswith(("/", os.sep)):
        return True
    path = Path(output)
    asked = fmt or ("parquet" if path.suffix in ("", ".parquet") else None)
    return asked == "parquet" and path.is_dir()


def write_dataset(args: argparse.Namespace) -> int:
    """Analyse the files on Dask into the folder ``-o``; return the exit code.

    Raises
    ------
    InvalidOptionError
        Without ``--workers``/``--scheduler``, or with a format other than parquet.
    DocumentError
        When no document could be read (the folder then has no manifest).
    """
    out = Path(args.output)
    if args.format not in (None, "parquet"):
        raise InvalidOptionError(
            f"-o {args.output!r} is a folder: only --format parquet writes a folder "
            "(partitioned GeoParquet); give a file name for --format " + args.format
        )
    if cluster_name(args) is None:
        raise InvalidOptionError(
            f"-o {args.output!r} is a folder: a folder of partitioned GeoParquet is written "
            "by Dask workers; add --workers N (or --scheduler ADDRESS), or give -o "
            "OUT.parquet for one file per table"
        )
    check_worker_store(args)
    from geo_syria.cluster_parquet import MANIFEST, write_on_cluster

    with cluster_client(args) as client:
        write_on_cluster(
            read_inputs(args),
            out,
            client=client,
            gazetteer_path=args.gazetteer,
            progress=show_progress(args),
            frames=False,
        )
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    analysis = Analysis(())
    analysis.n_documents = manifest["documents"]
    analysis.failures = [
        Failure(f["source"], f["id"], f["error"] or "failed", f["line"])
        for part in manifest["partitions"]
        for f in part["failures"]
    ]
    verbose = args.verbose > 0
    try:
        check_something_read(analysis, verbose=verbose)
    except DocumentError:
        (out / MANIFEST).unlink()  # not an output to be read
        raise
    status = exit_code(analysis, verbose=verbose)
    parts = manifest["partitions"]
    counts = {k: sum(p["counts"][k] for p in parts) for k in ("claim", "unresolved")}
    print(
        f"wrote {count(manifest['places'], 'place')}, {count(counts['claim'], 'claim')} and "
        f"{count(counts['unresolved'], 'unresolved name')} from "
        f"{count(analysis.n_documents, 'document')} ({len(analysis.failures)} failed) to "
        f"{out}/ ({count(len(manifest['partitions']), 'partition')} of GeoParquet, "
        f"complete when {MANIFEST} is there)",
        file=sys.stderr,
    )
    return status
