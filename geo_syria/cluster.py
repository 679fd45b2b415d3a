"""Analyse a corpus on a Dask cluster: the same :class:`~geo_syria.report.Report`, more cores.

:func:`analyze_on_cluster` cuts the documents into partitions, runs
:meth:`Analyzer.analyze <geo_syria.pipeline.Analyzer.analyze>` on each one on a
``distributed.Client`` and puts the partitions' results back together in input order, so
the report equals the one :func:`geo_syria.analyze` makes of the same inputs in one
process. Each worker process loads the gazetteer once (from a store path, or the default
cache) and keeps its analyzer for the tasks that follow: the gazetteer never travels with
a task. A worker that dies mid-run has its partitions run again elsewhere by Dask.

Dask (``pip install 'geo_syria[cluster]'``) is imported only when a function here runs.

Examples
--------
>>> from distributed import Client, LocalCluster  # doctest: +SKIP
>>> with LocalCluster(n_workers=2) as cluster, Client(cluster) as client:  # doctest: +SKIP
...     report = analyze_on_cluster(["Rebels took Soran, 20 km north of Hama."], client=client)
>>> [c.verdict for c in report.claims]  # doctest: +SKIP
['consistent']
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import sys
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo_syria.cluster_client import (
    _INSTALL_HINT,
    MESSAGE_LOG_LENGTH,
    local_client,
    short_message_logs,
)
from geo_syria.documents import Document, DocumentFailure, read_documents
from geo_syria.exc import InvalidOptionError
from geo_syria.fold import report_places
from geo_syria.pipeline import Analyzer
from geo_syria.report import Report

if TYPE_CHECKING:
    from dask.bag import Bag
    from distributed import Client

__all__ = [
    "MESSAGE_LOG_LENGTH",
    "PARTITION_SIZE",
    "analyze_on_cluster",
    "analyze_partition",
    "iter_on_cluster",
    "local_client",
    "partition_reports",
    "short_message_logs",
]

logger = logging.getLogger(__name__)

#: Documents per task by default: news articles are small, a task should last ~1 s or more.
PARTITION_SIZE = 64

#: The analyzer of each gazetteer path in this (worker) process: built by the first task.
_ANALYZERS: dict[str | None, Analyzer] = {}
_ANALYZERS_LOCK = threading.Lock()


def _worker_analyzer(gazetteer_path: str | None) -> Analyzer:
    """Return this process's analyzer of a gazetteer store (None: the default), built once."""
    with _ANALYZERS_LOCK:
        analyzer = _ANALYZERS.get(gazetteer_path)
        if analyzer is None:
            if gazetteer_path is None:
                from geo_syria.gazetteer import load_default_gazetteer

                gazetteer = load_default_gazetteer()
            else:
                from geo_syria.gazetteer.store import load_store

                gazetteer = load_store(gazetteer_path)
            logger.info("worker loaded the gazetteer %s", gazetteer_path or "(default)")
            analyzer = _ANALYZERS[gazetteer_path] = Analyzer(gazetteer)
        return analyzer


def analyze_partition(
    items: list[Document | DocumentFailure], gazetteer_path: str | None = None
) -> Report:
    """Analyse one partition with the worker's analyzer (runs on a worker).

    Parameters
    ----------
    items : list of Document or DocumentFailure
        Documents already numbered (see :func:`_numbered`).
    gazetteer_path : str, optional
        A gazetteer store; the default gazetteer when not given.

    Returns
    -------
    Report
        The partition's report (its ``places`` are merged again on the client).

    Examples
    --------
    >>> analyze_partition([Document("a", "Rebels shelled Aleppo.")]).documents[0].status
    'ok'
    """
    return _worker_analyzer(gazetteer_path).analyze(items)


def partition_reports(
    items: list[Document | DocumentFailure], gazetteer_path: str | None = None
) -> list[Report]:
    """Analyse one partition with the worker's analyzer: one report per document (on a worker).

    Examples
    --------
    >>> parts = partition_reports([Document("a", ""), Document("b", "Homs.")])
    >>> [r.documents[0].status for r in parts]
    ['empty', 'ok']
    """
    return list(_worker_analyzer(gazetteer_path).iter_reports(items))


def iter_on_cluster(
    documents: Any,
    *,
    client: Client,
    gazetteer_path: str | Path | None = None,
    partition_size: int = PARTITION_SIZE,
    in_flight: int | None = None,
) -> Iterator[Report]:
    """Yield the report of each document, in input order, analysed on a Dask cluster.

    Partitions are submitted as the input is read, at most ``in_flight`` at a time,
    and their reports yielded in input order as each completes: memory stays flat
    whatever the size of the corpus (see :func:`geo_syria.pipeline.iter_reports`, of
    which this is the cluster's twin).

    Parameters
    ----------
    documents : iterable of Document, DocumentFailure or str; or paths
        As for :func:`analyze_on_cluster` (not a bag); read lazily.
    client : distributed.Client, keyword-only
        Made under :func:`short_message_logs` (as :func:`local_client` makes its own),
        or its log of messages sent keeps the last 1,000 partitions' texts.
    gazetteer_path : str or Path, keyword-only, optional
        A gazetteer store every worker can read; the embedded default when not given.
    partition_size : int, keyword-only
        Documents per task.
    in_flight : int, keyword-only, optional
        Partitions submitted and not yet yielded; twice the cluster's worker threads
        by default.

    Yields
    ------
    Report
        One per input item, equal to what :func:`geo_syria.pipeline.iter_reports` yields.

    Raises
    ------
    InvalidOptionError
        When ``partition_size`` or ``in_flight`` is not a whole number >= 1.
    """
    from collections import deque

    _check_size(partition_size)
    in_flight = bounded_in_flight(client, in_flight)
    store = None if gazetteer_path is None else str(gazetteer_path)
    pending: deque = deque()
    try:
        for chunk in _partitions(_numbered(_as_items(documents)), partition_size):
            pending.append(client.submit(partition_reports, chunk, store, pure=False))
            if len(pending) >= in_flight:
                yield from _take(pending.popleft())
        while pending:
            yield from _take(pending.popleft())
    finally:
        for future in pending:  # stopped early (an error, an interruption): drop the rest
            future.cancel()


def bounded_in_flight(client: Client, in_flight: int | None) -> int:
    """Return ``in_flight`` checked, or by default twice the cluster's worker threads.

    Raises
    ------
    InvalidOptionError
        When ``in_flight`` is not a whole number >= 1.
    """
    if in_flight is None:
        threads = sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values())
        in_flight = 2 * max(1, threads)
    _check_size(in_flight, name="in_flight")
    return in_flight


def _take(future: Any) -> list[Report]:
    """Return a partition's reports and let the cluster forget them."""
    reports = future.result()
    future.release()
    return reports


def _numbered(items: Iterable[Any], start: int = 1) -> Iterator[Document | DocumentFailure]:
    """Give each item the id :func:`geo_syria.analyze` would give it at its place in the run."""
    for n, item in enumerate(items, start):
        if isinstance(item, (Document, DocumentFailure)):
            yield item
        elif isinstance(item, str):
            yield Document(id=f"doc{n}", text=item)
        else:
            error = f"item {n} is a {type(item).__name__}, not a Document or str"
            yield DocumentFailure(id=f"doc{n}", source=None, error=error)  # type: ignore[arg-type]


def _as_items(documents: Any) -> Iterable[Any]:
    """Return the input as a lazy iterable of items: paths are read, texts and documents pass."""
    if isinstance(documents, (str, Path)):
        documents = [documents]
    if isinstance(documents, (bytes, bytearray)):
        raise InvalidOptionError("documents is bytes; decode it or give file paths")
    iterator = iter(documents)
    first = next(iterator, None)
    if first is None:
        return []
    if isinstance(first, Path):  # paths (few): their documents are read one at a time
        return read_documents([first, *iterator])
    return itertools.chain([first], iterator)


def _partitions(items: Iterable[Any], size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _check_size(size: int, *, name: str = "partition_size") -> None:
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise InvalidOptionError(f"{name}={size!r} is not allowed; give a whole number >= 1")


def analyze_on_cluster(
    documents: Any,
    *,
    client: Client,
    gazetteer_path: str | Path | None = None,
    partition_size: int = PARTITION_SIZE,
    progress: bool | None = None,
) -> Report:
    """Find, resolve and check the places and claims of documents on a Dask cluster.

    Parameters
    ----------
    documents : iterable of Document, DocumentFailure or str; paths; or dask.bag.Bag
        The texts, as :func:`geo_syria.analyze` takes them (a ``str`` becomes a document
        ``doc1``, ``doc2``, ... by its place in the input), or :class:`pathlib.Path` objects
        of files read with :func:`~geo_syria.documents.read_documents` (default columns),
        or a ``dask.bag`` of texts or documents (its partitions are the tasks).
    client : distributed.Client, keyword-only
        The cluster (a ``LocalCluster`` or a remote scheduler).
    gazetteer_path : str or Path, keyword-only, optional
        A gazetteer store every worker can read at this path; the embedded default when
        not given. Each worker process loads it once.
    partition_size : int, keyword-only
        Documents per task (not for a bag, whose partitions are kept).
    progress : bool, keyword-only, optional
        Show Dask's progress bar on standard error; by default only on a terminal.

    Returns
    -------
    Report
        Equal to ``geo_syria.analyze(documents)`` in one process, in the same order.

    Raises
    ------
    InvalidOptionError
        When ``partition_size`` is not a whole number >= 1, or ``documents`` is bytes.
    ImportError
        When dask.distributed is not installed.
    """
    _check_size(partition_size)
    try:
        from distributed import wait
    except ImportError as err:  # pragma: no cover - the cluster extra is in the test extra
        raise ImportError(_INSTALL_HINT) from err
    store = None if gazetteer_path is None else str(gazetteer_path)
    if _is_bag(documents):
        futures = _submit_bag(documents, client, store)
    else:
        chunks = _partitions(_numbered(_as_items(documents)), partition_size)
        futures = [client.submit(analyze_partition, chunk, store, pure=False) for chunk in chunks]
    if progress is None:
        progress = sys.stderr.isatty()
    if progress and futures:
        from distributed import progress as show_progress

        with contextlib.redirect_stdout(sys.stderr):  # Dask draws on stdout: keep it for data
            show_progress(futures, notebook=False)
    else:
        wait(futures)
    logger.info("analysed %d partitions on %s", len(futures), client)
    return _combine(client.gather(futures))


def _is_bag(documents: Any) -> bool:
    if "dask.bag" not in sys.modules:
        return False
    from dask.bag import Bag

    return isinstance(documents, Bag)


def _submit_bag(bag: Bag, client: Client, store: str | None) -> list:
    """Submit one task per partition of a bag, numbering its texts across partitions."""
    lengths = client.compute(bag.map_partitions(lambda part: [len(list(part))]), sync=True)
    starts = list(itertools.accumulate([1, *lengths[:-1]]))
    parts = bag.to_delayed()
    futures = []
    for part, start in zip(parts, starts, strict=True):
        numbered = _delayed_numbered(part, start)
        futures.append(client.compute(_delayed_analysis(numbered, store)))
    return futures


def _delayed_numbered(part: Any, start: int) -> Any:
    from dask import delayed

    return delayed(lambda items, first: list(_numbered(items, first)), pure=True)(part, start)


def _delayed_analysis(items: Any, store: str | None) -> Any:
    from dask import delayed

    return delayed(analyze_partition, pure=False)(items, store)


def _combine(reports: list[Report]) -> Report:
    """Join the partitions' reports in input order; merge the places across them."""
    statuses = tuple(s for r in reports for s in r.documents)
    resolutions = tuple(x for r in reports for x in r.resolutions)
    claims = tuple(c for r in reports for c in r.claims)
    return Report(
        documents=statuses,
        places=tuple(report_places(resolutions)),
        resolutions=resolutions,
        claims=claims,
    )
