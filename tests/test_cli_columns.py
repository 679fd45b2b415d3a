"""``--source-column`` and ``--url-column``: each document's source and address from the corpus."""

from __future__ import annotations

import csv
import json

import pytest

from geo_syria.cli import main
from geo_syria.documents import read_documents


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "news.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["uid", "body", "outlet", "link", "day"])
        writer.writerow(
            [
                "a1",
                "Rebels took Soran, 20 km north of Hama.",
                "Reuters",
                "https://e.x/a1",
                "2017-03-31",
            ]
        )
        writer.writerow(["a2", "Shelling hit Jobar on Monday.", "SANA", "", "2017-04-02"])
    return path


def test_reader_takes_source_and_url_columns(corpus):
    docs = list(
        read_documents(corpus, text_column="body", source_column="outlet", url_column="link")
    )
    assert [(d.source, d.url) for d in docs] == [("Reuters", "https://e.x/a1"), ("SANA", None)]


def test_missing_url_column_names_the_columns(corpus):
    from geo_syria.exc import DocumentError

    stream = read_documents(corpus, text_column="body", url_column="href", on_error="raise")
    with pytest.raises(DocumentError, match=r"url_column='href' is not a column of .*'link'"):
        list(stream)


def test_mentions_table_carries_source_url_and_date(tmp_path, corpus):
    out = tmp_path / "out.csv"
    argv = ["extract", str(corpus), "--text-column", "body", "--id-column", "uid"]
    argv += ["--source-column", "outlet", "--url-column", "link", "--date-column", "day"]
    assert main([*argv, "-o", str(out)]) == 0
    with (tmp_path / "out_mentions.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    hama = next(r for r in rows if r["name"] == "Hama")
    assert (hama["doc"], hama["source"], hama["url"], hama["date"]) == (
        "a1",
        "Reuters",
        "https://e.x/a1",
        "2017-03-31",
    )
    jobar = next(r for r in rows if r["text"] == "Jobar")
    assert (jobar["source"], jobar["url"]) == ("SANA", "")
    assert "Jobar" in jobar["sentence"]


def test_geojson_output_is_unchanged_by_the_columns(capsys, corpus):
    argv = ["extract", str(corpus), "--text-column", "body", "--source-column", "outlet"]
    assert main(argv) == 0
    kinds = {f["properties"]["kind"] for f in json.loads(capsys.readouterr().out)["features"]}
    assert kinds <= {"place", "mention", "claim", "unresolved"}
