"""geo_syria.cluster_parquet: partitioned GeoParquet written by the workers, a manifest last."""

from __future__ import annotations

import json

import pytest

distributed = pytest.importorskip("distributed", reason="the cluster extra is not installed")
geopandas = pytest.importorskip("geopandas")
pytest.importorskip("pyarrow", reason="GeoParquet needs pyarrow")

from geo_syria.cluster_parquet import MANIFEST, write_on_cluster  # noqa: E402
from geo_syria.export import open_writer  # noqa: E402
from geo_syria.export.parquet import parquet_paths  # noqa: E402
from geo_syria.fold import PlaceFold  # noqa: E402
from geo_syria.pipeline import iter_reports  # noqa: E402


def single_process(documents, target, gazetteer):
    fold = PlaceFold()
    with open_writer(target) as writer:
        for part in iter_reports(documents, gazetteer=gazetteer):
            writer.write(part)
            fold.add(part)
        writer.close(places=fold.places())
    return {kind: geopandas.read_parquet(p) for kind, p in parquet_paths(target).items()}


def read_parts(files):
    frames = [geopandas.read_parquet(p) for p in files]
    return geopandas.GeoDataFrame(geopandas.pd.concat(frames, ignore_index=True), crs=frames[0].crs)


def test_partitions_equal_the_single_process_output(
    local_client, corpus_documents, gazetteer, tmp_path
):
    documents = list(corpus_documents[:20])
    tables = write_on_cluster(documents, tmp_path / "out", client=local_client, partition_size=6)
    single = single_process(documents, tmp_path / "one.parquet", gazetteer)
    manifest = json.loads((tmp_path / "out" / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["documents"] == 20 and len(manifest["partitions"]) == 4
    assert [p["index"] for p in manifest["partitions"]] == [0, 1, 2, 3]
    for kind in ("mention", "claim", "unresolved"):
        files = [tmp_path / "out" / p["files"][kind] for p in manifest["partitions"]]
        got = read_parts(files)
        assert got.equals(single[kind]), kind
        assert sum(p["counts"][kind] for p in manifest["partitions"]) == len(single[kind])
    places = geopandas.read_parquet(tmp_path / "out" / "places.parquet")
    assert places.drop(columns="mentions").equals(single["place"].drop(columns="mentions"))
    assert list(places["n_mentions"]) == list(single["place"]["n_mentions"])
    dask_geopandas = pytest.importorskip("dask_geopandas")
    assert isinstance(tables["mention"], dask_geopandas.GeoDataFrame)
    assert len(tables["mention"].compute()) == len(single["mention"])


def test_a_failed_task_leaves_no_manifest(local_client, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / MANIFEST).write_text("{}", encoding="utf-8")  # an earlier run's
    with pytest.raises(Exception, match=r"nope\.sqlite"):
        write_on_cluster(
            ["Rebels shelled Aleppo."] * 4,
            out,
            client=local_client,
            gazetteer_path=tmp_path / "nope.sqlite",  # every worker fails to load it
            partition_size=2,
        )
    assert not (out / MANIFEST).exists()
    assert not list(out.rglob(".*"))  # no temporary file either


def test_workers_reading_byte_ranges_equal_the_single_process_output(
    local_client, corpus_csv, gazetteer, tmp_path
):
    from geo_syria.documents import read_documents

    options = {"text_column": "article_content", "id_column": "unit_id", "date_column": "date"}
    stream = read_documents(corpus_csv, **options)
    tables = write_on_cluster(stream, tmp_path / "out", client=local_client, range_bytes=1 << 16)
    single = single_process(stream, tmp_path / "one.parquet", gazetteer)
    manifest = json.loads((tmp_path / "out" / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["documents"] == len(list(stream)) and len(manifest["partitions"]) > 8
    for kind in ("mention", "claim", "unresolved"):
        got = read_parts(tables[kind] if isinstance(tables[kind], list) else _files(tmp_path, kind))
        assert got.equals(single[kind]), kind
    places = geopandas.read_parquet(tmp_path / "out" / "places.parquet")
    assert places.drop(columns="mentions").equals(single["place"].drop(columns="mentions"))


def test_multiline_quoted_fields_on_two_workers_equal_one_process(
    local_client, gazetteer, tmp_path
):
    from geo_syria.documents import read_documents

    path = tmp_path / "c.csv"
    head = (
        'id,text\n1,"Rebels took Soran,\n20 km north of Hama."\n2,"He said ""Homs""\r\n'
        'was shelled, 5 km east of Aleppo"\n1,"Idlib was shelled, 3 ""km"" from\nDaraa"\n'
        '3,5 "km" north of Aleppo\n4,"Rebels\nshelled\nJobar."\n,"Fighting in\nDeir ez-Zor"\n'
    )
    path.write_text(head + "5,Raqqa\n" * 30, encoding="utf-8")
    stream = read_documents(path, id_column="id")
    write_on_cluster(stream, tmp_path / "out", client=local_client, range_bytes=40)
    single = single_process(stream, tmp_path / "one.parquet", gazetteer)
    manifest = json.loads((tmp_path / "out" / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["documents"] == 36 and len(manifest["partitions"]) > 5
    for kind in ("mention", "claim"):
        got = read_parts(_files(tmp_path, kind))
        assert got.equals(single[kind]), kind
    docs = list(dict.fromkeys(read_parts(_files(tmp_path, "mention"))["doc"]))
    assert docs[:3] == ["1", "2", "1:4"]  # the repeated id renamed as one pass renames it


def test_a_failed_record_is_listed_in_the_manifest_and_the_others_land(local_client, tmp_path):
    from geo_syria.documents import read_documents

    path = tmp_path / "c.csv"
    path.write_text("id,text\n1,Rebels shelled Aleppo.\n2,a,b\n3,Homs\n", encoding="utf-8")
    write_on_cluster(read_documents(path, id_column="id"), tmp_path / "out", client=local_client)
    manifest = json.loads((tmp_path / "out" / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["documents"] == 3 and manifest["failed"] == 1
    (failure,) = manifest["partitions"][0]["failures"]
    assert failure["id"] == "c:3" and failure["line"] == 3
    assert "3 fields where the header has 2" in failure["error"]


def _files(tmp_path, kind):
    manifest = json.loads((tmp_path / "out" / MANIFEST).read_text(encoding="utf-8"))
    return [tmp_path / "out" / p["files"][kind] for p in manifest["partitions"]]


def test_cli_folder_output_on_workers_equals_one_process_files(tmp_path, capsys):
    from geo_syria.cli import main

    path = tmp_path / "c.csv"
    rows = ['1,"Rebels took Soran,\n20 km north of Hama."', "2,a,b", '3,"Homs\r\nand Idlib"']
    path.write_text("id,text\n" + "\n".join(rows * 4) + "\n", encoding="utf-8")
    options = [str(path), "--id-column", "id", "-q"]
    assert main(["extract", *options, "-o", str(tmp_path / "one.parquet")]) == 3
    listed = capsys.readouterr().err.splitlines()[:5]
    folder = tmp_path / "out"
    assert main(["extract", *options, "--workers", "2", "-o", f"{folder}/"]) == 3
    err = capsys.readouterr().err
    assert err.splitlines()[:5] == listed  # the same failures, lines and all
    assert "4 of 12 documents failed" in err and "c.csv' line 9: 3 fields" in err
    assert "(4 failed) to" in err and "complete when _manifest.json is there" in err
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["documents"] == 12 and manifest["failed"] == 4
    single = {
        k: geopandas.read_parquet(p) for k, p in parquet_paths(tmp_path / "one.parquet").items()
    }
    for kind in ("mention", "claim", "unresolved"):
        got = read_parts([folder / p["files"][kind] for p in manifest["partitions"]])
        assert got.equals(single[kind]), kind


def test_cli_folder_output_needs_a_cluster(tmp_path, capsys):
    from geo_syria.cli import main

    path = tmp_path / "c.csv"
    path.write_text("text\nHoms\n", encoding="utf-8")
    assert main(["extract", str(path), "-o", f"{tmp_path}/"]) == 1
    assert "written by Dask workers; add --workers N" in capsys.readouterr().err
    assert main(["extract", str(path), "--workers", "1", "-f", "csv", "-o", f"{tmp_path}/"]) == 1
    assert "only --format parquet writes a folder" in capsys.readouterr().err
    assert main(["extract", str(path), "--workers", "1", "-f", "csv", "-o", str(tmp_path)]) == 1
    assert "it is a folder; give a file name" in capsys.readouterr().err  # as without workers
    assert not (tmp_path / MANIFEST).exists()


def test_a_worker_killed_while_reading_ranges_changes_nothing(corpus_csv, gazetteer, tmp_path):
    # a LocalCluster of 2 worker processes reads the dev corpus (three times over) in byte
    # ranges; one worker is killed (SIGKILL) while it runs a range: Dask runs its tasks
    # again on the worker its nanny starts, and the parts equal the single-process tables
    import csv
    import os
    import signal
    import time
    from concurrent.futures import ThreadPoolExecutor

    from geo_syria.cluster import local_client
    from geo_syria.documents import read_documents

    options = {"text_column": "article_content", "id_column": "unit_id"}
    corpus = tmp_path / "three.csv"
    with open(corpus, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["unit_id", "article_content"])
        for copy in range(3):
            writer.writerows(
                [f"{d.id}#{copy}", d.text] for d in read_documents(corpus_csv, **options)
            )
    stream = read_documents(corpus, **options)
    folder = tmp_path / "out"
    with local_client(2) as client, ThreadPoolExecutor(1) as pool:
        pids = client.run(os.getpid)
        run = pool.submit(
            write_on_cluster, stream, folder, client=client, range_bytes=1 << 15, frames=False
        )
        deadline = time.monotonic() + 120
        while not list(folder.glob("mentions/part-*")) and time.monotonic() < deadline:
            time.sleep(0.02)
        running = [address for address, keys in client.processing().items() if keys]
        assert running and not run.done(), "no range in flight: the kill would test nothing"
        os.kill(pids[running[0]], signal.SIGKILL)
        run.result(timeout=300)
        after = client.run(os.getpid)
    assert set(after.values()) != set(pids.values())  # the killed worker was replaced
    single = single_process(stream, tmp_path / "one.parquet", gazetteer)
    for kind in ("mention", "claim", "unresolved"):
        assert read_parts(_files(tmp_path, kind)).equals(single[kind]), kind


def test_progress_counts_the_documents_on_stderr_when_asked(
    local_client, tmp_path, monkeypatch, capsys
):
    import geo_syria.cluster_parquet as cluster_parquet
    from geo_syria.documents import read_documents

    monkeypatch.setattr(cluster_parquet, "PROGRESS_DELAY", 0)  # a short run shows it too
    path = tmp_path / "c.csv"
    path.write_text("text\n" + "Rebels shelled Aleppo.\n" * 30, encoding="utf-8")
    docs = read_documents(path)
    write_on_cluster(docs, tmp_path / "on", client=local_client, range_bytes=200, progress=True)
    captured = capsys.readouterr()
    assert "30 documents" in captured.err and not captured.out
    write_on_cluster(docs, tmp_path / "off", client=local_client, range_bytes=200)
    assert "documents" not in capsys.readouterr().err
