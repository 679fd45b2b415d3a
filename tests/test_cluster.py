"""geo_syria.cluster and --workers/--scheduler: the same report on a Dask cluster."""

from __future__ import annotations

import csv
import itertools
import os
import pickle
import shutil
import signal
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

import geo_syria
from geo_syria.cli import main
from geo_syria.documents import read_documents
from geo_syria.exc import InvalidOptionError

distributed = pytest.importorskip("distributed", reason="the cluster extra is not installed")

from geo_syria.cluster import analyze_on_cluster  # noqa: E402

CORPUS_OPTIONS = ["--text-column", "article_content", "--id-column", "unit_id"]


def plain(report):
    """The report as tuples of plain values (ids, offsets, place ids, verdicts)."""
    docs = tuple(
        (s.document.id, s.status, s.error, s.n_mentions, s.n_claims) for s in report.documents
    )
    res = tuple(
        (r.mention.doc_id, r.mention.start, r.mention.end, r.place and r.place.id, r.confidence)
        for r in report.resolutions
    )
    places = tuple((p.place.id, len(p.resolutions), p.confidence) for p in report.places)
    claims = tuple(
        (
            c.doc_id,
            c.start,
            c.end,
            c.subject.place and c.subject.place.id,
            c.anchor.place and c.anchor.place.id,
            c.check.verdict,
            c.check.measured_distance_km,
        )
        for c in report.claims
    )
    return docs, res, places, claims


@pytest.fixture(scope="module")
def subset(corpus_documents):
    """The first 24 documents of the dev corpus (enough for several partitions)."""
    return list(corpus_documents[:24])


def test_local_cluster_equals_one_process(local_client, subset, gazetteer):
    report = analyze_on_cluster(subset, client=local_client, partition_size=4)
    single = geo_syria.analyze(subset, gazetteer=gazetteer)
    assert plain(report) == plain(single)
    assert report == single
    # both workers took part, each with its own analyzer
    assert len(local_client.scheduler_info()["workers"]) == 2
    assert pickle.loads(pickle.dumps(report.claims)) == report.claims


def test_bag_of_texts_is_numbered_across_partitions(local_client, gazetteer):
    import dask.bag as db

    texts = ["Rebels shelled Aleppo.", "", "Rebels took Soran, 20 km north of Hama.", 7]
    report = analyze_on_cluster(db.from_sequence(texts, npartitions=3), client=local_client)
    single = geo_syria.analyze(texts, gazetteer=gazetteer)
    assert [s.document.id for s in report.documents] == ["doc1", "doc2", "doc3", "doc4"]
    assert plain(report) == plain(single)


def test_progress_bar_is_drawn_on_stderr(local_client, capsys):
    report = analyze_on_cluster(
        ["Rebels shelled Aleppo.", "Aleppo"], client=local_client, partition_size=1, progress=True
    )
    captured = capsys.readouterr()
    assert captured.out == ""  # standard output is kept for the data
    assert "100%" in captured.err
    assert [s.status for s in report.documents] == ["ok", "ok"]


@pytest.mark.parametrize("size", [0, -1, 2.5, True, "8"])
def test_partition_size_is_checked(local_client, size):
    with pytest.raises(InvalidOptionError, match=r"partition_size=.* whole number >= 1"):
        analyze_on_cluster(["Aleppo"], client=local_client, partition_size=size)


@pytest.mark.parametrize("value", ["0", "-2", "two"])
def test_workers_option_is_checked(value, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["claims", "x.txt", "--workers", value])
    assert exit_info.value.code == 2
    assert "--workers" in capsys.readouterr().err


def test_help_documents_the_options(capsys):
    for command in ("extract", "claims", "map"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        out = capsys.readouterr().out
        assert "--workers N" in out and "--scheduler ADDRESS" in out


# --- a scheduler and two workers as separate processes (Dask's own commands) -----------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def external_cluster():
    """``dask scheduler`` and two ``dask worker`` processes on loopback: (address, workers)."""
    dask_cmd = shutil.which("dask", path=os.path.dirname(sys.executable)) or shutil.which("dask")
    if dask_cmd is None:
        pytest.skip("the 'dask' command is not installed")
    address = f"tcp://127.0.0.1:{_free_port()}"
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    port = address.rsplit(":", 1)[1]
    procs = [
        subprocess.Popen(
            [dask_cmd, "scheduler", "--host", "127.0.0.1", "--port", port, "--no-dashboard"],
            **quiet,
        )
    ]
    worker = [dask_cmd, "worker", address, "--nthreads", "1", "--no-nanny", "--no-dashboard"]
    procs += [subprocess.Popen(worker, **quiet) for _ in range(2)]
    try:
        with distributed.Client(address, timeout="30s") as client:
            client.wait_for_workers(2, timeout=60)
        yield address, procs[1:]
    finally:
        for proc in procs[1:]:
            proc.kill()  # the workers hold nothing worth a clean stop
        procs[0].terminate()
        for proc in procs:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


def test_scheduler_option_writes_the_same_output(external_cluster, corpus_csv, tmp_path):
    address, _ = external_cluster
    one, many = tmp_path / "one.geojson", tmp_path / "many.geojson"
    head = tmp_path / "head.csv"  # a subset of 16 rows, written outside the repo
    docs = read_documents(corpus_csv, text_column="article_content", id_column="unit_id")
    with open(head, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["unit_id", "article_content"])
        writer.writerows([d.id, d.text] for d in itertools.islice(docs, 16))
    args = ["extract", str(head), *CORPUS_OPTIONS]
    assert main([*args, "-o", str(one)]) in (0, 3)
    assert main([*args, "-o", str(many), "--scheduler", address]) in (0, 3)
    assert many.read_bytes() == one.read_bytes()


def test_a_worker_killed_mid_run_changes_nothing(external_cluster, corpus_documents, gazetteer):
    import dataclasses

    address, workers = external_cluster
    # enough work (480 documents in 240 partitions) that the run outlasts the poll on a fast,
    # idle machine: the kill lands mid-run
    docs = [
        dataclasses.replace(doc, id=f"{doc.id}#{copy}")
        for copy in range(8)
        for doc in corpus_documents[:60]
    ]
    with distributed.Client(address, timeout="30s") as client, ThreadPoolExecutor(1) as pool:
        run = pool.submit(analyze_on_cluster, docs, client=client, partition_size=2)
        deadline = time.monotonic() + 60
        while not _some_done(client) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not run.done(), "the run ended before a worker could be killed"
        workers[0].send_signal(signal.SIGKILL)
        report = run.result(timeout=120)
    workers[0].wait(timeout=10)
    assert plain(report) == plain(geo_syria.analyze(docs, gazetteer=gazetteer))


def _some_done(client) -> bool:
    """Whether both workers hold finished partitions (each one has loaded its gazetteer)."""
    held = client.has_what()
    return len(held) == 2 and all(held.values())


def test_iter_on_cluster_yields_the_single_process_parts_in_order(local_client, subset, gazetteer):
    from geo_syria.cluster import iter_on_cluster
    from geo_syria.pipeline import iter_reports

    parts = list(iter_on_cluster(iter(subset), client=local_client, partition_size=3, in_flight=2))
    single = list(iter_reports(subset, gazetteer=gazetteer))
    assert [p.documents[0].document.id for p in parts] == [d.id for d in subset]
    assert parts == single


def test_iter_on_cluster_keeps_a_bounded_number_in_flight(local_client, subset):
    from geo_syria.cluster import iter_on_cluster

    read = []

    def lazily():
        for doc in subset:
            read.append(doc.id)
            yield doc

    parts = iter_on_cluster(lazily(), client=local_client, partition_size=2, in_flight=2)
    next(parts)
    assert len(read) <= 2 * 2 + 1  # two partitions submitted (and the one being filled)
    parts.close()


@pytest.mark.parametrize("size", [0, True])
def test_in_flight_is_checked(local_client, size):
    from geo_syria.cluster import iter_on_cluster

    with pytest.raises(InvalidOptionError, match=r"in_flight=.* is not allowed; give a whole"):
        list(iter_on_cluster(["Homs."], client=local_client, in_flight=size))


def test_workers_option_streams_the_same_output(corpus_csv, tmp_path):
    head = tmp_path / "head.csv"
    docs = read_documents(corpus_csv, text_column="article_content", id_column="unit_id")
    with open(head, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["unit_id", "article_content"])
        writer.writerows([d.id, d.text] for d in itertools.islice(docs, 12))
    one, many = tmp_path / "one.geojsonl", tmp_path / "many.geojsonl"
    args = ["extract", str(head), *CORPUS_OPTIONS, "--quiet"]
    assert main([*args, "-o", str(one)]) in (0, 3)
    assert main([*args, "-o", str(many), "--workers", "2"]) in (0, 3)
    assert many.read_bytes() == one.read_bytes()


def _streamed(parts, path):
    """Write reports as the CLI does (each as it comes, the folded places last)."""
    from geo_syria.export import open_writer
    from geo_syria.fold import PlaceFold

    fold = PlaceFold()
    with open_writer(path) as writer:
        for part in parts:
            writer.write(part)
            fold.add(part)
        writer.close(places=fold.places())
    return path.read_bytes()


def _worker_with_work(client) -> str:
    """Return the address of a worker running a partition, else of one holding a result."""
    running = {a: len(keys) for a, keys in client.processing().items() if keys}
    holding = {a: len(keys) for a, keys in client.has_what().items() if keys}
    work = running or holding
    assert work, "no partition is in flight: the kill would test nothing"
    return max(work, key=work.get)


def test_a_worker_process_killed_mid_stream_changes_nothing(corpus_documents, gazetteer, tmp_path):
    # a LocalCluster of 2 worker processes; one is killed (SIGKILL) while partitions are
    # in flight on both: Dask runs its tasks again (its nanny starts a new worker) and the
    # streamed output is complete and identical to the single-process one
    from geo_syria.cluster import iter_on_cluster, local_client
    from geo_syria.pipeline import iter_reports

    docs = list(corpus_documents[:48])
    single = _streamed(iter_reports(docs, gazetteer=gazetteer), tmp_path / "one.geojsonl")
    with local_client(2) as client:
        pids = client.run(os.getpid)
        parts = iter_on_cluster(docs, client=client, partition_size=2, in_flight=6)

        def killing():
            for n, part in enumerate(parts):
                if n == 1:  # the first partitions are done, others run or wait for us
                    os.kill(pids[_worker_with_work(client)], signal.SIGKILL)
                yield part

        many = _streamed(killing(), tmp_path / "many.geojsonl")
        after = client.run(os.getpid)
    assert set(after.values()) != set(pids.values())  # the killed worker was replaced
    assert many == single
    assert many.count(b'"kind":"mention"') > 48
