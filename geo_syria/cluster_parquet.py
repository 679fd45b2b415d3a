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

import json
import logging
from collections import deque
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
from geo_syria.export._fields import place_record, records
from geo_syria.export._output import output_path
from geo_syria.export.parquet import PARQUET_TABLES, parquet_table
from geo_syria.fold import PlaceFold

if TYPE_CHECKING:
    from distributed import Client

    from geo_syria.documents import Document, DocumentFailure

__all__ = ["MANIFEST", "write_on_cluster", "write_partition"]

logger = logging.getLogger(__name__)

#: The file written last: its presence says the output is complete.
MANIFEST = "_manifest.json"

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
) -> dict[str, Any]:
    """Analyse one partition and write its tables (runs on a worker).

    Returns
    -------
    dict
        ``index``, ``documents``, ``failed``, the rows of each kind (``counts``), the
        files written (``files``, relative to ``out_dir``) and the partition's folded
        ``places`` (first-met order) for the client to merge.

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
    failed = 0
    for part in parts:
        fold.add(part)
        failed += sum(s.status == "failed" for s in part.documents)
        for kind in _PART_KINDS:
            rows[kind].extend(records(part, kind=kind))
    files = {}
    for kind in _PART_KINDS:
        name = f"{PARQUET_TABLES[kind]}/part-{index:05d}.parquet"
        _write_table(Path(out_dir) / name, kind, rows[kind])
        files[kind] = name
    return {
        "index": index,
        "documents": len(parts),
        "failed": failed,
        "counts": {kind: len(rows[kind]) for kind in _PART_KINDS},
        "files": files,
        "places": fold.places(by_count=False),
    }


def write_on_cluster(
    documents: Any,
    out_dir: str | Path,
    *,
    client: Client,
    gazetteer_path: str | Path | None = None,
    partition_size: int = PARTITION_SIZE,
    in_flight: int | None = None,
) -> dict[str, Any]:
    """Analyse documents on a Dask cluster into a folder of partitioned GeoParquet.

    Parameters
    ----------
    documents : iterable of Document, DocumentFailure or str; or paths
        As for :func:`geo_syria.cluster.iter_on_cluster` (read lazily).
    out_dir : str or Path
        The folder (made if missing; every worker must be able to write there: a
        shared file system on a cluster of several machines). A manifest left by an
        earlier run is removed first.
    client : distributed.Client, keyword-only
    gazetteer_path : str or Path, keyword-only, optional
        A gazetteer store every worker can read; the embedded default when not given.
    partition_size : int, keyword-only
        Documents per task (and per part file).
    in_flight : int, keyword-only, optional
        Partitions submitted and not yet done; twice the cluster's threads by default.

    Returns
    -------
    dict of str to dask_geopandas.GeoDataFrame or list of Path
        By kind (``place``, ``mention``, ``claim``, ``unresolved``): a lazy
        ``dask_geopandas`` frame where that library is installed, else the files.

    Raises
    ------
    InvalidOptionError
        When ``partition_size`` or ``in_flight`` is not a whole number >= 1.
    Exception
        The error of a failed task (after Dask's retries); no manifest is written.
    """
    from geo_syria import __version__

    _check_size(partition_size)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    (out / MANIFEST).unlink(missing_ok=True)  # from here on, the folder is not complete
    in_flight = bounded_in_flight(client, in_flight)
    store = None if gazetteer_path is None else str(gazetteer_path)
    fold, done = PlaceFold(), []
    pending: deque = deque()
    chunks = _partitions(_numbered(_as_items(documents)), partition_size)
    try:
        for index, chunk in enumerate(chunks):
            pending.append(
                client.submit(write_partition, chunk, index, str(out), store, pure=False)
            )
            if len(pending) >= in_flight:
                done.append(_merged(pending.popleft(), fold))
        while pending:
            done.append(_merged(pending.popleft(), fold))
    finally:
        for future in pending:
            future.cancel()
    places = fold.places()
    _write_table(out / "places.parquet", "place", [place_record(rp) for rp in places])
    manifest = {
        "geo_syria": __version__,
        "documents": sum(d["documents"] for d in done),
        "failed": sum(d["failed"] for d in done),
        "places": len(places),
        "tables": {kind: PARQUET_TABLES[kind] for kind in ("place", *_PART_KINDS)},
        "partitions": done,
    }
    with output_path(out / MANIFEST) as tmp:
        tmp.write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    logger.info("wrote %d partitions of GeoParquet to %s", len(done), out)
    return _tables(out, len(done))


def _merged(future: Any, fold: PlaceFold) -> dict[str, Any]:
    """Fold a finished partition's places in; return its manifest entry."""
    result = future.result()
    future.release()
    fold.merge(result.pop("places"))
    return result


def _tables(out: Path, n_parts: int) -> dict[str, Any]:
    paths: dict[str, Any] = {"place": [out / "places.parquet"]}
    for kind in _PART_KINDS:
        folder = out / PARQUET_TABLES[kind]
        paths[kind] = [folder / f"part-{i:05d}.parquet" for i in range(n_parts)]
    try:
        import dask_geopandas
    except ImportError:
        return paths
    if n_parts == 0:  # nothing to read lazily
        return paths
    return {
        kind: dask_geopandas.read_parquet([str(p) for p in files]) for kind, files in paths.items()
    }
