"""The Dask clients geo_syria makes: a local cluster, and short message logs for any client.

Dask (``pip install 'geo_syria[cluster]'``) is imported only when a function here runs.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from distributed import Client

__all__ = ["MESSAGE_LOG_LENGTH", "QUIET_CLUSTER", "local_client", "short_message_logs"]

#: Messages (and transitions, events) a Dask client, scheduler or worker made under
#: :func:`short_message_logs` keeps for debugging; Dask's default is 1,000.
MESSAGE_LOG_LENGTH = 32

#: Dask settings of the local cluster that cut its own upkeep: the workers' statistical
#: profiler (a stack sample every 10 ms), and the system and memory monitors polled 2 and
#: 10 times a second in the client's process (which hosts the scheduler and the nannies).
#: Idle, the client's process spent 0.07 CPU-seconds a second on 2 workers; with these,
#: 0.02: on 2 cores that is time the workers get back.
QUIET_CLUSTER = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.tick.interval": "100ms",
}

_INSTALL_HINT = "the Dask cluster needs dask.distributed: pip install 'geo_syria[cluster]'"


@contextlib.contextmanager
def short_message_logs(length: int = MESSAGE_LOG_LENGTH) -> Iterator[None]:
    """Make the Dask clients, schedulers and workers started in this block keep short logs.

    Each Dask connection keeps its last ``distributed.admin.low-level-log-length``
    (1,000) batches of messages sent for debugging, each under 1 MB kept whole: a
    partition of documents sent to the scheduler, and by it to a worker, stays in
    memory long after its task is done. Streaming a corpus, that held 1,000 partitions
    (64,000 texts) per connection: the client of a local cluster (which hosts its
    scheduler) grew by 4.5 MB a thousand documents up to 40,000 documents.

    Examples
    --------
    >>> import dask
    >>> with short_message_logs():
    ...     dask.config.get("distributed.admin.low-level-log-length")
    32
    """
    import dask

    with dask.config.set({"distributed.admin.low-level-log-length": length}):
        yield


@contextlib.contextmanager
def local_client(n_workers: int, *, log_level: int = logging.CRITICAL) -> Iterator[Client]:
    """Yield the client of a local Dask cluster of ``n_workers`` single-threaded processes.

    Analysis is pure Python (one thread per process uses one core); no dashboard is
    started, the cluster's own start/stop logging is kept below ``log_level``, and its
    message logs are short (:func:`short_message_logs`): they would hold the texts. The
    cluster's own upkeep is cut (:data:`QUIET_CLUSTER`).

    Raises
    ------
    ImportError
        When dask.distributed is not installed.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError as err:
        raise ImportError(_INSTALL_HINT) from err
    logging.getLogger("distributed").setLevel(log_level)
    import dask

    with (
        short_message_logs(),
        dask.config.set(QUIET_CLUSTER),
        LocalCluster(
            n_workers=n_workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=log_level,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client
