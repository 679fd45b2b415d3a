"""A corpus on a Dask cluster to partitioned GeoParquet: each worker writes its own partitions.

:func:`write_on_cluster` sends the documents to the cluster in partitions; the worker
that analyses a partition writes its mentions, claims and unresolved names to
``OUT/<table>/part-NNNNN.parquet`` (``mentions``, ``claims``, ``unresolved``; each
file written to a temporary file and renamed), and sends back only the partition's
folded places and counts. The client folds the places, writes ``OUT/places.parquet``
and, last, ``OUT/_manifest.json`` (the partitions, their counts and files, the
geo_syria version). A run that is interrupted, or whose task fails, leaves no
manifest: a folder without one is not a complete output.

Each table folder is a partitioned GeoParquet dataset: ``dask_geopandas.read_parquet(
"OUT/mentions")`` or ``geopandas.read_parquet`` of each part reads it, in input order
by part number.

Examples
--------
>>> from distributed import Client, LocalCluster  # doctest: +SKIP
>>> with LocalCluster(n_workers=2) as cluster, Client(cluster) as client:  # doctest: +SKIP
...     tables = write_on_cluster(["Rebels took Soran, 20 km north of Hama."], "out",
...                               client=client)
>>> sorted(tables)  # doctest: +SKIP
['claim', 'mention', 'place', 'unresolved']
"""

from __future__ import annotations

import contextlib
import json
import logging
import sys
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo_syria.cluster import (
    PARTITION_SIZE,
    _as_items,
    _check_size,
    _numbered,
    _partitions,
    bounded_in_flight,
    partition_reports,
)
from geo_syria.cluster_ranges import settled_ranges
from geo_syria.documents.ranges import RANGE_BYTES
from geo_syria.export._fields import place_record, records
from geo_syria.export._output import output_path
from geo_syria.export.parquet import PARQUET_TABLES, parquet_table
from geo_syria.fold import PlaceFold

if TYPE_CHECKING:
    from distributed import Client

    from geo_syria.documents import Document, DocumentFailure
    from geo_syria.documents.ranges import CorpusRange

__all__ = ["MANIFEST", "write_on_cluster", "write_partition", "write_range"]

logger = logging.getLogger(__name__)

#: The file written last: its presence says the output is complete.
MANIFEST = "_manifest.json"

#: Seconds a run lasts before its progress bar is drawn (short runs show none).
PROGRESS_DELAY = 1.0

#: The kinds each worker writes (the places are folded and written by the client).
_PART_KINDS = ("mention", "claim", "unresolved")


def _write_table(path: Path, kind: str, rows: list) -> None:
    import pyarrow.parquet as pq

    with output_path(path) as tmp:
        pq.write_table(parquet_table(kind, rows), tmp)


def write_partition(
    items: list[Document | DocumentFailure],
    index: int,
    out_dir: str,
    gazetteer_path: str | None = None,
    *,
    full: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """Analyse one partition and write its tables (runs on a worker).

    Parameters
    ----------
    items : list of Document or DocumentFailure
    index : int
        The partition's number (its part files are ``part-<index>``).
    out_dir : str
    gazetteer_path : str, optional
    full : frozenset of str, keyword-only
        Places whose sample the client has filled already: only their counts are sent
        back (a sample of mentions, with the place, is some kilobytes a place).

    Returns
    -------
    dict
        ``index``, ``documents``, ``failed`` and ``failures`` (id, source, error, line),
        the rows of each kind (``counts``), the files written (``files``, relative to
        ``out_dir``) and the partition's folded places (first-met order) for the client
        to merge: ``places`` with their sample of mentions, ``tallies`` (id, mentions,
        documents, confidence) for those in ``full``.

    Examples
    --------
    >>> import tempfile
    >>> from geo_syria.documents import Document
    >>> done = write_partition([Document("a", "Rebels shelled Aleppo.")], 0, tempfile.mkdtemp())
    >>> done["counts"], done["files"]["mention"]
    ({'mention': 1, 'claim': 0, 'unresolved': 0}, 'mentions/part-00000.parquet')
    """
    parts = partition_reports(items, gazetteer_path)
    fold = PlaceFold()
    rows: dict[str, list] = {kind: [] for kind in _PART_KINDS}
    failures = []
    for item, part in zip(items, parts, strict=True):
        fold.add(part)
        failures.extend(_failure(item, s) for s in part.documents if s.status == "failed")
        for kind in _PART_KINDS:
            rows[kind].extend(records(part, kind=kind))
    places = fold.places(by_count=False)
    files = {}
    for kind in _PART_KINDS:
        name = f"{PARQUET_TABLES[kind]}/part-{index:05d}.parquet"
        _write_table(Path(out_dir) / name, kind, rows[kind])
        files[kind] = name
    return {
        "index": index,
        "documents": len(parts),
        "failed": len(failures),
        "failures": failures,
        "counts": {kind: len(rows[kind]) for kind in _PART_KINDS},
        "files": files,
        "places": [rp for rp in places if rp.place.id not in full],
        "tallies": [
            (rp.place.id, rp.n_mentions, rp.n_docs, rp.confidence)
            for rp in places
            if rp.place.id in full
        ],
    }


def _failure(item: Document | DocumentFailure, status: Any) -> dict[str, Any]:
    """Return a failed document for the manifest: id, source, reason, line (a reader's)."""
    doc = status.document
    line = getattr(item, "line", None)
    return {"id": doc.id, "source": doc.source or "", "error": status.error, "line": line}


def write_range(
    rng: CorpusRange,
    index: int,
    out_dir: str,
    gazetteer_path: str | None = None,
    *,
    full: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """Read a settled byte range of a corpus and write its partition (runs on a worker).

    Returns
    -------
    dict
        As :func:`write_partition` returns.
    """
    from geo_syria.documents.ranges import read_range

    return write_partition(list(read_range(rng)), index, out_dir, gazetteer_path, full=full)


def write_on_cluster(
    documents: Any,
    out_dir: str | Path,
    *,
    client: Client,
    gazetteer_path: str | Path | None = None,
    partition_size: int = PARTITION_SIZE,
    range_bytes: int = RANGE_BYTES,
    in_flight: int | None = None,
    progress: bool | None = False,
    frames: bool = True,
) -> dict[str, Any]:
    """Analyse documents on a Dask cluster into a folder of partitioned GeoParquet.

    Corpus files (CSV/TSV/JSONL, given as a :class:`~geo_syria.documents.DocumentStream`
    from :func:`~geo_syria.documents.read_documents` or as :class:`pathlib.Path` objects)
    are read by the workers themselves, in byte ranges: one partition per range, its
    texts never sent from the client (see :mod:`geo_syria.cluster_ranges`). Other
    inputs are read here and sent in partitions of ``partition_size`` documents.

    Parameters
    ----------
    documents : DocumentStream, Path or paths; or iterable of Document, DocumentFailure, str
        As for :func:`geo_syria.cluster.iter_on_cluster` (read lazily).
    out_dir : str or Path
        The folder (made if missing; every worker must be able to write there: a
        shared file system on a cluster of several machines, where the corpus files
        must be at the same paths too). A manifest left by an earlier run is removed
        first.
    client : distributed.Client, keyword-only
    gazetteer_path : str or Path, keyword-only, optional
        A gazetteer store every worker can read; the embedded default when not given.
    partition_size : int, keyword-only
        Documents per task (and per part file) for inputs read here.
    range_bytes : int, keyword-only
        Bytes of corpus per task (and per part file) for corpora the workers read.
    in_flight : int, keyword-only, optional
        Partitions submitted and not yet done; twice the cluster's threads by default.
    progress : bool, keyword-only, optional
        Count the documents as their partitions finish (tqdm on standard error); None:
        on a terminal only.
    frames : bool, keyword-only
        Return lazy ``dask_geopandas`` frames where that library is installed; False:
        the files (a command line that only writes need not import it).

    Returns
    -------
    dict of str to dask_geopandas.GeoDataFrame or list of Path
        By kind (``place``, ``mention``, ``claim``, ``unresolved``): a lazy
        ``dask_geopandas`` frame where that library is installed, else the files.

    Raises
    ------
    InvalidOptionError
        When ``partition_size``, ``range_bytes`` or ``in_flight`` is not a whole number >= 1.
    Exception
        The error of a failed task (after Dask's retries); no manifest is written.
    """
    _check_size(partition_size)
    _check_size(range_bytes, name="range_bytes")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    (out / MANIFEST).unlink(missing_ok=True)  # from here on, the folder is not complete
    in_flight = bounded_in_flight(client, in_flight)
    store = None if gazetteer_path is None else str(gazetteer_path)
    fold, done = PlaceFold(), []
    pending: deque = deque()
    with _bar(progress) as bar:
        try:
            for index, (task, arg) in enumerate(
                _tasks(documents, client, partition_size, range_bytes, in_flight)
            ):
                full = fold.full_places()
                pending.append(
                    client.submit(task, arg, index, str(out), store, full=full, pure=False)
                )
                if len(pending) >= in_flight:
                    done.append(_merged(pending.popleft(), fold, bar))
            while pending:
                done.append(_merged(pending.popleft(), fold, bar))
        finally:
            for future in pending:
                future.cancel()
    places = fold.places()
    _write_table(out / "places.parquet", "place", [place_record(rp) for rp in places])
    _write_manifest(out, done, len(places))
    logger.info("wrote %d partitions of GeoParquet to %s", len(done), out)
    return _tables(out, len(done), frames=frames)


def _tasks(
    documents: Any, client: Client, partition_size: int, range_bytes: int, in_flight: int
) -> Iterator[tuple[Callable, Any]]:
    """Yield ``(function, its first argument)`` per partition, in input order."""
    from geo_syria.documents import DocumentStream, read_documents

    if isinstance(documents, Path) or (
        isinstance(documents, list | tuple)
        and documents
        and all(isinstance(d, Path) for d in documents)
    ):
        documents = read_documents(documents)
    ranges = documents.ranges(range_bytes) if isinstance(documents, DocumentStream) else None
    if ranges is not None:
        for rng in settled_ranges(client, ranges, in_flight=in_flight):
            yield write_range, rng
        return
    for chunk in _partitions(_numbered(_as_items(documents)), partition_size):
        yield write_partition, chunk


@contextlib.contextmanager
def _bar(progress: bool | None) -> Iterator[Any]:
    from tqdm import tqdm

    if progress is None:
        progress = sys.stderr.isatty()
    with tqdm(
        unit=" documents", file=sys.stderr, delay=PROGRESS_DELAY, disable=not progress
    ) as bar:
        yield bar


def _write_manifest(out: Path, done: list[dict[str, Any]], n_places: int) -> None:
    from geo_syria import __version__

    manifest = {
        "geo_syria": __version__,
        "documents": sum(d["documents"] for d in done),
        "failed": sum(d["failed"] for d in done),
        "places": n_places,
        "tables": {kind: PARQUET_TABLES[kind] for kind in ("place", *_PART_KINDS)},
        "partitions": done,
    }
    with output_path(out / MANIFEST) as tmp:
        tmp.write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")


def _merged(future: Any, fold: PlaceFold, bar: Any) -> dict[str, Any]:
    """Fold a finished partition's places in; return its manifest entry."""
    result = future.result()
    future.release()
    fold.merge(result.pop("places"))
    fold.merge_tallies(result.pop("tallies"))
    bar.update(result["documents"])
    return result


def _tables(out: Path, n_parts: int, *, frames: bool) -> dict[str, Any]:
    paths: dict[str, Any] = {"place": [out / "places.parquet"]}
    for kind in _PART_KINDS:
        folder = out / PARQUET_TABLES[kind]
        paths[kind] = [folder / f"part-{i:05d}.parquet" for i in range(n_parts)]
    if not frames:
        return paths
    try:
        import dask_geopandas
    except ImportError:
        return paths
    if n_parts == 0:  # nothing to read lazily
        return paths
    return {
        kind: dask_geopandas.read_parquet([str(p) for p in files]) for kind, files in paths.items()
    }
