"""The calibrated confidence of gazetteer matches and the spelling test of fuzzy likenesses."""

from __future__ import annotations

import pytest

from geo_syria.gazetteer import Gazetteer, Match
from geo_syria.gazetteer.confidence import MATCH_THRESHOLD, name_evidence, rate, rate_pairs
from geo_syria.gazetteer.fuzzy import spelling_agrees
from geo_syria.place import Place

SURAN_HAMA = Place(id="x:suran-hama", name="Suran", lat=35.29, lon=36.75, feature_type="town")
SURAN_ALEPPO = Place(id="x:suran-alep", name="Suran", lat=36.57, lon=37.23, feature_type="village")
NAYRAB = Place(id="ocha:N1", name="Al-Nayrab", lat=36.19, lon=37.20, feature_type="neighbourhood")
JOBAR = Place(id="curated:jobar", name="Jobar", lat=33.52, lon=36.33, feature_type="neighbourhood")
MADRID = Place(id="w:madrid", name="Madrid", lat=40.4, lon=-3.7, feature_type="city", country="ES")


def _exact(place, score=0.5):
    return Match(place, score, place.name, "exact", 1.0)


@pytest.mark.parametrize(
    ("query", "label", "agrees"),
    [
        ("Dibsi Afnan", "Debsi Afnan", True),  # vowels differ
        ("Shaykh Damis", "Ash-Sheikh Dames", True),  # article and generic word fold
        ("Kudayran", "Kdeiran", True),
        ("Maarzita", "Madrid", False),
        ("Sayjar", "Sinjar", False),  # a consonant more: another name
        ("Tall Abu Saad", "Tal Abiad", False),  # a word more
        ("Saida", "Soueida", False),  # too few consonants to tell
        ("Bawabiyah", "Бавабия", False),  # not Latin or Arabic script
    ],
)
def test_spelling_agrees(query, label, agrees):
    assert spelling_agrees(query, label) is agrees


def test_a_foreign_place_is_evidence_only_on_its_exact_name():
    assert name_evidence("Madrid", _exact(MADRID)) == 1.0
    assert name_evidence("Madrit", Match(MADRID, 0.4, "Madrid", "variant", 0.8)) == 0.0
    assert name_evidence("Maarzita", Match(MADRID, 0.2, "Madrid", "fuzzy", 0.5)) == 0.0


def test_a_bare_neighbourhood_name_is_weak_unless_curated():
    assert name_evidence("Nayrab", _exact(NAYRAB)) < MATCH_THRESHOLD
    assert name_evidence("Jobar", _exact(JOBAR)) == 1.0


def test_namesakes_far_apart_share_the_confidence():
    rated = rate("Suran", [_exact(SURAN_HAMA, 0.6), _exact(SURAN_ALEPPO, 0.4)])
    assert [m.confidence for m in rated] == [0.6, 0.4]
    assert all(m.confidence < MATCH_THRESHOLD for m in rated[1:])


def test_a_bias_makes_a_namesake_stand_out():
    rated = rate("Suran", [_exact(SURAN_HAMA, 0.9), _exact(SURAN_ALEPPO, 0.12)])
    assert rated[0].confidence >= MATCH_THRESHOLD > rated[1].confidence


def test_candidates_near_each_other_do_not_compete():
    near = SURAN_HAMA.evolve(id="x:suran-2", lat=35.30)
    rated = rate("Suran", [_exact(SURAN_HAMA), _exact(near)])
    assert [m.confidence for m in rated] == [1.0, 1.0]


def test_forms_that_agree_support_each_other():
    other = SURAN_HAMA.evolve(id="x:soran", name="Soran")
    rated = rate_pairs([("Suran", _exact(SURAN_HAMA)), ("Soran", _exact(other))])
    assert all(m.confidence == 1.0 for m in rated)


def test_search_rates_every_match_and_filters_by_min_confidence():
    gaz = Gazetteer([SURAN_HAMA, SURAN_ALEPPO])
    assert all(m.confidence is not None for m in gaz.search("Suran"))
    assert [m.place.id for m in gaz.search("Suran", min_confidence=MATCH_THRESHOLD)] == [
        "x:suran-hama"
    ]


@pytest.mark.parametrize("bad", [-1, 1.01, float("nan"), None, "0.5x"])
def test_search_checks_min_confidence(bad):
    with pytest.raises(ValueError, match=r"min_confidence=.* is out of range; allowed 0\.\.1"):
        Gazetteer([]).search("Suran", min_confidence=bad)


def test_an_explicit_min_score_keeps_any_close_likeness():
    # The reading pipeline vouches for a name after a place cue and gives min_score=0.88.
    gaz = Gazetteer([Place(id="x:h", name="Harasta", lat=33.56, lon=36.37, feature_type="city")])
    assert gaz.search("Harastra") == []
    assert [m.how for m in gaz.search("Harastra", min_score=0.88)] == ["fuzzy"]
