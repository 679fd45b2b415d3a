"""Scale benchmark: articles/s on a local Dask cluster of 1 and of 2 worker processes.

Run: ``python bench/scale_bench.py [--shared ../shared] [--articles 10000] [--workers 1 2]``.

The synthetic corpus repeats the 384 articles of ``../shared/corpus/fakes_dev.csv`` to
``--articles`` documents with new ids (``rep<k>:<id>``), kept in memory (never written).
For each worker count it starts a ``LocalCluster(n_workers=N, threads_per_worker=1,
processes=True)``, has every worker load the default gazetteer (not timed: a worker does
it once), then times :func:`geo_syria.cluster.analyze_on_cluster` over the corpus (the
report gathered and merged on the client included). It prints articles/s, the speed-up
over the first worker count, articles per worker CPU-second (which the load of a shared
machine changes far less than wall time; the load average is printed), and the peak RSS
of the client and of each worker process.
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import os
import resource
import sys
import time
from pathlib import Path

from geo_syria.cluster import analyze_on_cluster, analyze_partition
from geo_syria.documents import read_documents

ROOT = Path(__file__).resolve().parents[1]


def synthetic_corpus(shared: Path, n: int) -> list:
    """The dev corpus repeated to ``n`` documents with new ids."""
    base = list(
        read_documents(
            shared / "corpus" / "fakes_dev.csv",
            text_column="article_content",
            id_column="unit_id",
        )
    )
    return [
        dataclasses.replace(base[i % len(base)], id=f"rep{i // len(base)}:{base[i % len(base)].id}")
        for i in range(n)
    ]


def peak_rss_mb() -> float:
    """This process's peak resident set size in MB (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    """This process's CPU time so far (user + system)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def measure(docs: list, workers: int, partition_size: int) -> dict:
    """Time one run over ``docs`` on a fresh local cluster of ``workers`` processes."""
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.CRITICAL,
        ) as cluster,
        Client(cluster) as client,
    ):
        client.run(analyze_partition, [])  # each worker loads the gazetteer (once)
        cpu_before = sum(client.run(cpu_seconds).values())
        client_before = cpu_seconds()
        start = time.perf_counter()
        report = analyze_on_cluster(
            docs, client=client, partition_size=partition_size, progress=False
        )
        seconds = time.perf_counter() - start
        client_cpu = cpu_seconds() - client_before
        cpu = sum(client.run(cpu_seconds).values()) - cpu_before
        rss = sorted(client.run(peak_rss_mb).values())
    return {
        "workers": workers,
        "seconds": seconds,
        "rate": len(docs) / seconds,
        "cpu_rate": len(docs) / cpu,
        "client_cpu": client_cpu,
        "worker_rss": rss,
        "claims": len(report.claims),
        "places": len(report.places),
    }


def main(argv: list[str] | None = None) -> int:
    """Build the corpus, measure each worker count, print the numbers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--partition-size", type=int, default=64)
    args = parser.parse_args(argv)
    corpus = args.shared / "corpus" / "fakes_dev.csv"
    if not corpus.exists():
        print(f"{corpus} is absent: the bench needs ../shared", file=sys.stderr)
        return 1
    logging.getLogger("distributed").setLevel(logging.CRITICAL)  # no start/stop chatter
    docs = synthetic_corpus(args.shared, args.articles)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"synthetic corpus: {len(docs)} articles (the dev corpus repeated, new ids)")
    results = [measure(docs, n, args.partition_size) for n in args.workers]
    first = results[0]
    for r in results:
        rss = ", ".join(f"{mb:.0f}" for mb in r["worker_rss"])
        print(
            f"{r['workers']} worker(s): {r['seconds']:.1f} s, {r['rate']:.0f} articles/s, "
            f"speed-up {r['rate'] / first['rate']:.2f}x over {first['workers']}; "
            f"{r['cpu_rate']:.0f} articles per worker CPU-second "
            f"(client: {r['client_cpu']:.1f} CPU-s); "
            f"peak RSS per worker {rss} MB; {r['claims']} claims, {r['places']} places"
        )
    print(f"load average {os.getloadavg()[0]:.1f} after the runs")
    print(f"client peak RSS {peak_rss_mb():.0f} MB (corpus, all partitions' results, report)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
