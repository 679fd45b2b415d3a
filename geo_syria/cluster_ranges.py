"""Corpora read by the workers of a Dask cluster, in byte ranges: no text passes the client.

The client cuts each corpus file into byte ranges (one pass counting quotes and line
ends, see :mod:`geo_syria.documents.ranges`) and has the workers scan them, a bounded
number ahead: each scan sends back the ids its records ask for and its line count. In
input order, the client claims those ids (an id repeated across ranges is renamed as in
one pass), places each range after the ones before it (rows, lines), and hands it on;
the worker that runs it reads the range itself. A range that ended inside a quoted field
(a stray quote misled the cut) is joined to the next one and scanned again.

Examples
--------
>>> from distributed import Client, LocalCluster  # doctest: +SKIP
>>> from geo_syria.documents import read_documents
>>> with LocalCluster(n_workers=2) as cluster, Client(cluster) as client:  # doctest: +SKIP
...     ranges = read_documents("corpus.csv").ranges()
...     [r.row for r in settled_ranges(client, ranges, in_flight=4)][:2]
[0, 513]
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from geo_syria.documents.ids import IdSet
from geo_syria.documents.ranges import CorpusRange, joined, scan_range, settle_range

if TYPE_CHECKING:
    from distributed import Client

__all__ = ["settled_ranges"]

logger = logging.getLogger(__name__)


def settled_ranges(
    client: Client, ranges: Iterable[CorpusRange], *, in_flight: int
) -> Iterator[CorpusRange]:
    """Yield each range settled in its file (rows, lines, renamed ids), in input order.

    Ranges are scanned on the cluster, at most ``in_flight`` ahead of the one yielded;
    what comes back per range is its records' rows and wanted ids, and its line count.

    Parameters
    ----------
    client : distributed.Client
    ranges : iterable of CorpusRange
        From :meth:`DocumentStream.ranges <geo_syria.documents.DocumentStream.ranges>`.
    in_flight : int, keyword-only
        Scans submitted and not yet settled.

    Yields
    ------
    CorpusRange
        Ready for :func:`geo_syria.documents.ranges.read_range` on a worker.
    """
    ids = IdSet()
    todo = iter(ranges)
    scans: deque[tuple[CorpusRange, Any]] = deque()
    row = line = 0
    try:
        while True:
            while len(scans) < in_flight and (rng := next(todo, None)) is not None:
                scans.append((rng, client.submit(scan_range, rng, pure=False)))
            if not scans:
                return
            rng, future = scans.popleft()
            scan = future.result()
            future.release()
            if not scan.clean and not rng.at_end:
                rng = _joined_with_next(rng, scans, todo)
                logger.info("%s: a range ended inside quotes; scanning %d:%d", rng.path,
                            rng.start, rng.end)  # fmt: skip
                scans.appendleft((rng, client.submit(scan_range, rng, pure=False)))
                continue
            if rng.start == 0:  # a new file: the first range is numbered as the file is
                row = line = 0
            csv = rng.kind != "jsonl"
            settled = settle_range(rng, scan, ids, row=row if csv else line, line=line)
            yield settled
            line += scan.lines
            if csv:
                row = scan.wanted[-1][0] + settled.row if scan.wanted else max(row, 1)
    finally:
        for _, future in scans:
            future.cancel()


def _joined_with_next(
    rng: CorpusRange, scans: deque[tuple[CorpusRange, Any]], todo: Iterator[CorpusRange]
) -> CorpusRange:
    """Return ``rng`` joined to the range after it (whose scan, if submitted, is dropped)."""
    if scans:
        after, future = scans.popleft()
        future.cancel()
    else:
        after = next(todo)
    return joined(rng, after)
