"""geo_syria.fold: places folded from per-document reports with bounded memory."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from geo_syria.exc import InvalidOptionError
from geo_syria.fold import NAME_SAMPLE_SIZE, SAMPLE_SIZE, PlaceFold, report_places, split_report
from geo_syria.pipeline import analyze, iter_reports

TEXTS = [
    "Rebels shelled Aleppo and Hama on Tuesday.",
    "Government forces entered Aleppo; the monitor said Aleppo was calm by night.",
    "Fighting near Kefraya and Hama went on.",
    "",
    "Rebels took Soran, 20 km north of Hama.",
]


def plain(places):
    return [
        (p.place.id, p.n_mentions, p.n_docs, round(p.confidence, 6), len(p.resolutions))
        for p in places
    ]


def test_fold_equals_report_places_when_the_sample_holds_everything(gazetteer):
    fold = PlaceFold()
    for part in iter_reports(TEXTS, gazetteer=gazetteer):
        fold.add(part)
    whole = analyze(TEXTS, gazetteer=gazetteer)
    assert plain(fold.places()) == plain(whole.places)
    # a kept mention is the mention, its place, confidence and reasons: not the alternatives
    lean = [[dataclasses.replace(r, alternatives=()) for r in p.resolutions] for p in whole.places]
    assert [list(p.resolutions) for p in fold.places()] == lean
    assert any(r.alternatives for p in whole.places for r in p.resolutions)
    assert fold.n_unresolved == len(whole.unresolved_names)


def test_kept_mentions_share_one_place_object_whatever_the_copies(gazetteer):
    # reports from a Dask cluster come unpickled: each partition brings its own copy of a
    # place (extent and source record included); the fold keeps one of each
    texts = [
        "Rebels shelled Aleppo and Hama.",
        "Airstrikes hit the village of Tal Mardikhoun in northern Hama countryside.",
    ] * 4
    fold = PlaceFold()
    for part in iter_reports(texts, gazetteer=gazetteer):
        fold.add(pickle.loads(pickle.dumps(part)))
    places = fold.places()
    for rp in places:
        assert {id(r.place) for r in rp.resolutions} == {id(rp.place)}
        assert all(r.alternatives == () for r in rp.resolutions)
    by_name = {rp.place.name: rp for rp in places}
    assert {name: rp.n_mentions for name, rp in by_name.items()} == {
        "Hama": 4, "Aleppo": 4, "Hama Governorate": 4
    }  # fmt: skip
    areas = [r.estimate.area for r in fold.unresolved()]  # estimated: in Hama Governorate
    assert len(areas) == 4 and {id(a) for a in areas} == {id(by_name["Hama Governorate"].place)}


def test_fold_keeps_counts_but_only_a_sample(gazetteer):
    texts = ["Rebels shelled Aleppo. Aleppo burned."] * 30
    fold = PlaceFold(sample_size=7)
    for part in iter_reports(texts, gazetteer=gazetteer):
        fold.add(part)
    (aleppo,) = fold.places()
    assert (aleppo.n_mentions, aleppo.n_docs, len(aleppo.resolutions)) == (60, 30, 7)
    assert [r.mention.doc_id for r in aleppo.resolutions] == [
        "doc1", "doc1", "doc2", "doc2", "doc3", "doc3", "doc4"
    ]  # fmt: skip


def test_unresolved_names_are_folded_by_name(gazetteer):
    texts = ["Fighting reached Kafr Zaytoun, 10 km north of Hama."] * 5
    fold = PlaceFold(name_sample_size=2)
    for part in iter_reports(texts, gazetteer=gazetteer):
        fold.add(part)
    counts = fold.unresolved_counts()
    assert counts and all(n == 5 for n in counts.values())
    assert len(fold.unresolved()) == 2 * len(counts)


@pytest.mark.parametrize("size", [0, -1, 1.5, True, "200"])
def test_sample_size_is_checked(size):
    with pytest.raises(InvalidOptionError, match=r"^sample_size=.* is not allowed; give a whole"):
        PlaceFold(sample_size=size)
    with pytest.raises(InvalidOptionError, match=r"^name_sample_size=.* is not allowed; give a"):
        PlaceFold(name_sample_size=size)


def test_sample_size_is_a_documented_constant():
    assert SAMPLE_SIZE == PlaceFold().sample_size == 200
    assert NAME_SAMPLE_SIZE == PlaceFold().name_sample_size == 50  # the map lists 50 a name


def test_split_report_gives_back_the_parts(gazetteer):
    whole = analyze(TEXTS, gazetteer=gazetteer)
    parts = list(split_report(whole))
    assert parts == list(iter_reports(TEXTS, gazetteer=gazetteer))
    assert report_places(r for p in parts for r in p.resolutions) == list(whole.places)


def test_kept_claims_share_places_and_regions_whatever_the_copies(gazetteer):
    texts = ["Rebels took Soran, 20 km north of Hama.", "Soran lies 20 km north of Hama."]
    fold = PlaceFold()
    claims = [
        fold.kept_claim(c)
        for part in iter_reports(texts * 3, gazetteer=gazetteer)
        for c in pickle.loads(pickle.dumps(part)).claims  # as from a cluster: copies
    ]
    assert len(claims) == 6 and {c.verdict for c in claims} == {"consistent"}
    assert len({id(c.check.region) for c in claims}) == 1
    assert len({id(c.anchor.place) for c in claims}) == 1
    assert all(c.subject.alternatives == () for c in claims)
    whole = analyze(texts * 3, gazetteer=gazetteer).claims
    assert [(c.doc_id, c.start, c.text) for c in claims] == [
        (c.doc_id, c.start, c.text) for c in whole
    ]
    assert claims[0].check.region.equals(whole[0].check.region)
