"""Streaming keeps memory flat: 2,000 documents through the CLI take no more than 250 do.

A run on a Dask cluster keeps no partition it is done with (Dask's message logs held them).

Behaviour, not speed: the peak of Python allocations (tracemalloc) while ``extract``
streams a corpus of 2,000 copies of a short text is within 1.5x of the peak for 250
copies (it was linear before: every mention and claim was kept to the end), and the
places keep a bounded sample of their mentions (the export has all).
"""

from __future__ import annotations

import csv
import gc
import json
import tracemalloc

import pytest

from geo_syria.cli import main
from geo_syria.documents import Document
from geo_syria.fold import SAMPLE_SIZE

#: Written for this test: two places, a claim and an unresolved name per document.
TEXT = "Rebels took Soran, 20 km north of Hama, and shelled Kafr Zaytoun near Aleppo."


def corpus(path, n):
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "text"])
        writer.writerows([f"a{k}", TEXT] for k in range(n))
    return path


def peak(tmp_path, n, suffix=".geojsonl"):
    """Return the allocation peak of one streamed extract of ``n`` documents."""
    source = corpus(tmp_path / f"in{n}.csv", n)
    out = tmp_path / f"out{n}{suffix}"
    argv = ["extract", str(source), "--id-column", "id", "--quiet", "-o", str(out)]
    tracemalloc.start()
    try:
        assert main(argv) == 0
        return tracemalloc.get_traced_memory()[1], out
    finally:
        tracemalloc.stop()


def test_memory_is_flat_in_the_number_of_documents(tmp_path, suffix=".geojsonl"):
    main(
        [
            "extract",
            str(corpus(tmp_path / "warm.csv", 3)),
            "--quiet",
            "-o",
            str(tmp_path / "w.geojson"),
        ]
    )
    small, _ = peak(tmp_path, 250, suffix)
    large, out = peak(tmp_path, 2000, suffix)
    assert large < 1.5 * small, (small, large)
    if suffix == ".geojsonl":
        lines = out.read_text(encoding="utf-8").split("\n")[:-1]
        features = [json.loads(line[1:])["properties"] for line in lines]
        hama = [p for p in features if p["kind"] == "place" and p["name"] == "Hama"]
        assert hama[0]["n_mentions"] == 2000 and hama[0]["n_docs"] == 2000
        assert len(hama[0]["mentions"]) == SAMPLE_SIZE
        mentions = [p for p in features if p["kind"] == "mention" and p["name"] == "Hama"]
        assert len(mentions) == 2000  # every mention is in the export


def test_a_cluster_keeps_no_finished_partition(local_client):
    # Dask's connections log their last batches of messages sent (1,000 by default), each
    # kept whole: every partition's documents stayed in the client, and in the local
    # scheduler it hosts, long after their task (memory grew with the corpus up to
    # 64,000 texts). A client of local_client keeps a few.
    pytest.importorskip("distributed", reason="the cluster extra is not installed")
    from geo_syria.cluster import MESSAGE_LOG_LENGTH, iter_on_cluster

    def documents():
        for k in range(600):
            yield Document(f"kept?{k}", TEXT)

    n = 0
    for part in iter_on_cluster(documents(), client=local_client, partition_size=2, in_flight=2):
        n += len(part.documents)
    del part
    gc.collect()
    alive = [o for o in gc.get_objects() if type(o) is Document and o.id.startswith("kept?")]
    assert n == 600
    # at most a few logged batches per connection (client, scheduler to each worker)
    assert len(alive) <= 3 * 2 * MESSAGE_LOG_LENGTH < 300, len(alive)
