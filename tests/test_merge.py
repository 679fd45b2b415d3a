"""Merging records of one place from several sources; keeping apart places that share an id."""

from __future__ import annotations

import logging

from geo_syria.gazetteer.merge import merge_places, same_place
from geo_syria.place import Place

# Suran (Hama) and Suran (Aleppo): one name, about 150 km apart.
SURAN_HAMA = Place(
    id="user:suran", name="Suran", lat=35.2919, lon=36.7485, feature_type="town", admin1="Hama"
)
SURAN_ALEPPO = SURAN_HAMA.evolve(lat=36.4706, lon=37.4350, admin1="Aleppo")


def test_same_id_far_apart_keeps_both(caplog):
    assert not same_place(SURAN_HAMA, SURAN_ALEPPO)
    with caplog.at_level(logging.WARNING, logger="geo_syria.gazetteer.merge"):
        merged = merge_places([SURAN_HAMA, SURAN_ALEPPO])
    assert [(p.id, p.admin1) for p in merged] == [
        ("user:suran", "Hama"),
        ("user:suran~2", "Aleppo"),
    ]
    assert "'user:suran'" in caplog.text and "'user:suran~2'" in caplog.text


def test_renaming_is_deterministic_and_skips_taken_ids():
    third = SURAN_HAMA.evolve(lat=33.0, lon=36.0, admin1="Daraa")
    merged = merge_places([SURAN_HAMA, SURAN_ALEPPO, third])
    assert [p.id for p in merged] == ["user:suran", "user:suran~2", "user:suran~3"]
    assert [p.id for p in merge_places([SURAN_HAMA, SURAN_ALEPPO, third])] == [p.id for p in merged]


def test_same_id_same_place_still_merges():
    # The same record read twice (a few hundred metres apart) stays one place.
    again = SURAN_HAMA.evolve(lat=35.2930, variants=("Soran",), admin1=None, population=5000)
    [merged] = merge_places([SURAN_HAMA, again])
    assert merged.id == "user:suran"
    assert "Soran" in merged.variants and merged.population == 5000


def test_far_record_with_taken_id_can_still_merge_by_name():
    # A later "user:suran" that is really the Aleppo record joins it, not Hama's.
    aleppo = SURAN_ALEPPO.evolve(id="osm:node/1")
    later = SURAN_ALEPPO.evolve(lat=36.4710)
    merged = merge_places([SURAN_HAMA, aleppo, later])
    assert [p.id for p in merged] == ["user:suran", "osm:node/1"]
    assert "user:suran" in merged[1].raw["merged"]
