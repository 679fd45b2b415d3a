"""Scale benchmark: corpora of 10,000 and 100,000 articles on 1 and 2 Dask workers, two ways.

Run: ``python bench/scale_bench.py [--shared ../shared] [--articles 10000 100000]
[--workers 1 2] [--paths stream ranges] [--format geojsonl]``.

For each size it writes a synthetic corpus CSV to a temporary folder (the 384 articles of
``../shared/corpus/fakes_dev.csv`` repeated, with new ids ``rep<k>:<id>``; written row by
row, never held whole). Each (size, path, workers) run is a fresh Python process with a
``LocalCluster(n_workers=N, threads_per_worker=1, processes=True)``; the workers load the
gazetteer before the clock starts (a worker does it once). Two paths:

- ``stream``, as ``geo-syria extract CORPUS --workers N -o OUT.geojsonl`` runs: the client
  reads the documents, sends partitions (a bounded number in flight), receives every
  document's mentions and claims, writes them as they come back, folds the places;
- ``ranges``, as ``geo-syria extract CORPUS --workers N -o OUT/`` runs
  (``write_on_cluster``): each worker reads its own byte ranges of the CSV and writes its
  partitions of GeoParquet; the client cuts the file, places each range (rows, ids), and
  folds the places each partition sends back (counts only, once a place's sample is full).

It prints articles/s, worker CPU and client CPU per article (which the load of a shared
machine changes far less than wall time; the load average is printed), the speed-up of the
second worker count over the first beside the speed-up the measured CPU allows on this
machine's cores, peak RSS of the client and of each worker process, memory at the largest
size over the smallest, output sizes, and what the per-core rate means for 10 M and 100 M
articles on a 64-core cluster.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def write_corpus(shared: Path, n: int, path: Path) -> Path:
    """Write the dev corpus repeated to ``n`` rows with new ids (``rep<k>:<id>``)."""
    source = shared / "corpus" / "fakes_dev.csv"
    csv.field_size_limit(sys.maxsize)
    with open(source, encoding="utf-8", newline="") as f:
        base = [(row["unit_id"], row["article_content"]) for row in csv.DictReader(f)]
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["unit_id", "article_content"])
        for i in range(n):
            uid, text = base[i % len(base)]
            writer.writerow([f"rep{i // len(base)}:{uid}", text])
    return path


def peak_rss_mb() -> float:
    """This process's peak resident set size in MB (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    """This process's CPU time so far (user + system)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _warm(_: object = None) -> int:
    """Load the default gazetteer and its analyzer in a worker (once)."""
    from geo_syria.cluster import analyze_partition

    analyze_partition([])
    return 0


def timed(workers: int, work: Callable[[Any], dict]) -> dict:
    """Run ``work(client)`` on a fresh local cluster; add its time, CPU and memory.

    ``work`` returns at least ``articles`` (and ``counts``, ``output_mb``); the workers
    load the gazetteer before the clock starts.
    """
    from geo_syria.cluster import local_client

    with local_client(workers) as client:
        client.run(_warm)
        cpu_before = sum(client.run(cpu_seconds).values())
        start = time.perf_counter()
        client_before = cpu_seconds()
        done = work(client)
        seconds = time.perf_counter() - start
        client_cpu = cpu_seconds() - client_before
        cpu = sum(client.run(cpu_seconds).values()) - cpu_before
        worker_rss = sorted(client.run(peak_rss_mb).values())
    n = done["articles"]
    return {
        **done,
        "workers": workers,
        "seconds": seconds,
        "rate": n / seconds,
        "cpu_rate": n / cpu,
        "worker_cpu": cpu,
        "client_cpu": client_cpu,
        "client_rss": peak_rss_mb(),
        "worker_rss": worker_rss,
    }


def _documents(corpus: Path) -> Any:
    from geo_syria.documents import read_documents

    return read_documents(corpus, text_column="article_content", id_column="unit_id")


def run_one(corpus: Path, workers: int, out: Path) -> dict:
    """Stream one corpus through a local cluster of ``workers`` processes (in this process)."""
    from geo_syria.cluster import iter_on_cluster
    from geo_syria.export import open_writer
    from geo_syria.fold import PlaceFold

    def work(client: Any) -> dict:
        fold, n = PlaceFold(), 0
        with open_writer(out) as writer:
            for part in iter_on_cluster(_documents(corpus), client=client):
                writer.write(part)
                fold.add(part)
                n += len(part.documents)
            writer.close(places=fold.places())
        size = sum(p.stat().st_size for p in out.parent.glob(f"{out.stem}*"))
        return {"path": "stream", "articles": n, "output_mb": size / 1e6, "counts": writer.counts}

    return timed(workers, work)


def run_ranges(corpus: Path, workers: int, out: Path) -> dict:
    """Run ``write_on_cluster`` on a local cluster: the workers read the corpus in byte ranges.

    Each worker reads its ranges of the CSV, analyses them and writes its partitions of
    GeoParquet; the client cuts the file, settles each range (rows, lines, ids), folds
    the places each partition sends back and writes the manifest.
    """
    from geo_syria.cluster_parquet import MANIFEST, write_on_cluster

    def work(client: Any) -> dict:
        write_on_cluster(_documents(corpus), out, client=client, frames=False)
        manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        parts = manifest["partitions"]
        counts = {"place": manifest["places"]}
        for kind in ("mention", "claim", "unresolved"):
            counts[kind] = sum(p["counts"][kind] for p in parts)
        size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
        return {
            "path": "ranges",
            "articles": manifest["documents"],
            "partitions": len(parts),
            "output_mb": size / 1e6,
            "counts": counts,
        }

    return timed(workers, work)


def measure(corpus: Path, workers: int, out: Path, path: str = "stream") -> dict:
    """Run one measurement in a fresh process (its peak RSS is this run's alone)."""
    command = [sys.executable, __file__, "--one", path, str(corpus), str(workers), str(out)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def project(rate_per_core: float, efficiency: float) -> str:
    """What a per-core rate means for 10 M and 100 M articles on 64 cores."""
    cores = 64
    per_second = rate_per_core * cores * efficiency
    parts = [f"{n / 1e6:.0f} M articles: {n / per_second / 3600:.1f} h" for n in (1e7, 1e8)]
    return (
        f"on {cores} cores at {rate_per_core:.0f} articles per core-second and "
        f"{efficiency:.0%} parallel efficiency ({per_second:.0f} articles/s): " + ", ".join(parts)
    )


#: What each path is, for the report.
PATHS = {
    "stream": "streamed (client reads, sends every text, writes one .{format})",
    "ranges": "byte ranges (workers read the CSV and write GeoParquet parts)",
}


def report(results: list[dict], worker_counts: list[int], fmt: str = "geojsonl") -> None:
    """Print one line per run, the speed-ups, memory flatness, client cost and projection."""
    for r in results:
        rss = ", ".join(f"{mb:.0f}" for mb in r["worker_rss"])
        print(
            f"[{r['path']}] {r['articles']:>7} articles, {r['workers']} worker(s): "
            f"{r['seconds']:.1f} s, {r['rate']:.0f} articles/s, worker CPU "
            f"{1000 * r['worker_cpu'] / r['articles']:.2f} ms per article "
            f"({r['cpu_rate']:.0f} per worker CPU-second), client "
            f"{1000 * r['client_cpu'] / r['articles']:.2f} CPU-ms per article; "
            f"peak RSS client {r['client_rss']:.0f} MB, workers {rss} MB; "
            f"output {r['output_mb']:.1f} MB ({r['counts']['mention']} mentions, "
            f"{r['counts']['claim']} claims, {r['counts']['place']} places)"
        )
    first, last = worker_counts[0], worker_counts[-1]
    by = {(r["path"], r["articles"], r["workers"]): r for r in results}
    sizes = sorted({r["articles"] for r in results})
    for path in [p for p in PATHS if any(r["path"] == p for r in results)]:
        print(f"{PATHS[path].format(format=fmt)}:")
        for n in sizes:
            one, many = by.get((path, n, first)), by.get((path, n, last))
            if one and many and first != last:
                print(
                    f"  {n} articles: {last} workers {many['rate'] / one['rate']:.2f}x the "
                    f"throughput of {first}; {_bound(many, last)}"
                )
        if len(sizes) > 1:
            for w in worker_counts:
                small, large = by.get((path, sizes[0], w)), by.get((path, sizes[-1], w))
                if small and large:
                    ratio = max(large["worker_rss"]) / max(small["worker_rss"])
                    client = large["client_rss"] / small["client_rss"]
                    print(
                        f"  {w} worker(s): peak RSS at {sizes[-1]} over {sizes[0]} articles: "
                        f"workers {ratio:.2f}x, client {client:.2f}x"
                    )
        top = [r for r in results if r["path"] == path and r["articles"] == max(sizes)]
        client = min(r["client_cpu"] / r["articles"] for r in top)
        print(
            f"  the client takes {1000 * client:.2f} CPU-ms per article: it caps a cluster "
            f"at {1 / client:.0f} articles/s ({1e7 * client / 3600:.1f} h of client for 10 M)"
        )
    top = max(sizes)
    path = "ranges" if any(r["path"] == "ranges" for r in results) else "stream"
    one, many = by.get((path, top, first)), by.get((path, top, last))
    efficiency = 1.0
    if one and many and last > first:
        efficiency = min(1.0, (many["rate"] / one["rate"]) / (last / first))
    rate = max(r["cpu_rate"] for r in results if r["articles"] == top and r["path"] == path)
    print(f"{path}: " + project(rate, efficiency))


def _bound(run: dict, workers: int) -> str:
    """What the CPU the run spent allows on this machine's cores, whatever else runs on it."""
    cores = os.cpu_count() or 1
    n = run["articles"]
    worker, client = run["worker_cpu"] / n, run["client_cpu"] / n
    one = 1 / max(worker, client)  # one worker: the client runs beside it on another core
    many = min(workers / worker, cores / (worker + client))
    return (
        f"its CPU ({1000 * worker:.2f} ms a worker, {1000 * client:.2f} ms the client, per "
        f"article) allows {many / one:.2f}x on {cores} cores"
    )


def main(argv: list[str] | None = None) -> int:
    """Write the corpora, measure each size and worker count, print the numbers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--articles", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--format", default="geojsonl", help="output suffix (default geojsonl)")
    parser.add_argument(
        "--paths", nargs="+", default=list(PATHS), choices=list(PATHS), help="default: both"
    )
    parser.add_argument(
        "--one", nargs=4, metavar=("PATH", "CORPUS", "N", "OUT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.one:
        path, corpus, workers, out = args.one
        run = run_ranges if path == "ranges" else run_one
        print(json.dumps(run(Path(corpus), int(workers), Path(out))))
        return 0
    if not (args.shared / "corpus" / "fakes_dev.csv").exists():
        print(f"{args.shared}/corpus/fakes_dev.csv is absent: the bench needs ../shared")
        return 1
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    results = []
    with tempfile.TemporaryDirectory(prefix="scale_bench.") as folder:
        for n in args.articles:
            corpus = write_corpus(args.shared, n, Path(folder) / f"corpus{n}.csv")
            print(f"synthetic corpus: {n} articles, {corpus.stat().st_size / 1e6:.0f} MB CSV")
            for path in args.paths:
                for w in args.workers:
                    suffix = f".{args.format}" if path == "stream" else ""
                    out = Path(folder) / f"out{n}_{w}{suffix}"
                    results.append(measure(corpus, w, out, path))
                    took = results[-1]["seconds"]
                    print(f"  done: {path}, {w} worker(s), {took:.1f} s", flush=True)
                    for p in out.parent.glob(f"{out.stem}*"):
                        shutil.rmtree(p) if p.is_dir() else p.unlink()
            corpus.unlink()
    print(f"load average {os.getloadavg()[0]:.1f} after the runs")
    report(results, args.workers, args.format)
    return 0


if __name__ == "__main__":
    sys.exit(main())
