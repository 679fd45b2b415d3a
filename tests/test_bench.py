"""The pipeline bench's floor: the bare output it times must stay what it says it is."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

from geo_syria.documents import Document
from geo_syria.recognize import Recognizer, recognize

BENCH = Path(__file__).resolve().parents[1] / "bench"


@pytest.fixture(scope="module")
def pipeline_bench():
    sys.path.insert(0, str(BENCH))
    try:
        yield importlib.import_module("pipeline_bench")
    finally:
        sys.path.remove(str(BENCH))


@pytest.mark.parametrize(
    "text",
    [
        "Rebels took Jobar. The Free Syrian Army said Hama fell.\nAleppo was quiet.",
        "Soran, some 20 km north of Hama, and the village of Zor Zor. قصف على حلب",
    ],
)
def test_floor_builds_a_mention_and_resolution_for_every_name(pipeline_bench, gazetteer, text):
    doc = Document("d", text)
    floor = pipeline_bench._floor(Recognizer.for_gazetteer(gazetteer), [doc])
    # no filtering: every name recognition keeps is there (and names it drops, unfiltered)
    kept = {(m.start, m.end) for m in recognize(doc, gazetteer) if m.source == "gazetteer"}
    assert kept and kept <= {(r.mention.start, r.mention.end) for r in floor}
    for r in floor:
        assert text[r.mention.start : r.mention.end] == r.mention.text
        assert r.mention.text in r.mention.sentence and r.place is not None
