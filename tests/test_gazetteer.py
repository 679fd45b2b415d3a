"""The embedded default gazetteer resolves the names news reports use (issue 2, "Done when")."""

from __future__ import annotations

import pytest

from geo_syria.exc import InvalidOptionError, PlaceNotFoundError
from geo_syria.gazetteer.index import Gazetteer, haversine_km
from geo_syria.place import Place

# True positions, written independently of curated.csv: OCHA COD 2016 neighbourhood
# points (N####), IOM DTM / HOTOSM points (C####), GeoNames cities500, or, for places
# absent from every reference, well-known map positions (marked "map").
JOBAR = (33.5226, 36.3309)  # OCHA N0030 Joubar Gharbi
QABOUN = (33.5461, 36.3403)  # OCHA N0007
BARZEH = (33.5585, 36.3205)  # OCHA N0002 Barza Al Balad (Damascus, not Burza in Homs)
ABBASIYIN = (33.5250, 36.3220)  # map: Abbasiyin square/stadium/garages area
TIJARA = (33.5245, 36.3110)  # map: between al-Qusour and Abbasiyin
GHOUTA = (33.5400, 36.4000)  # map: middle of the Douma-Jobar-Kafr Batna pocket
HARASTA = (33.5577, 36.3668)  # IOM C2342
DOUMA = (33.5697, 36.4013)  # IOM C2338
ZAMALKA = (33.5262, 36.3511)  # IOM C2320
AIN_TARMA = (33.5140, 36.3570)  # map: south of Zamalka
SURAN_HAMA = (35.2906, 36.7484)  # IOM C3026
KHATTAB = (35.1958, 36.6680)  # IOM C2991
MAARDAS = (35.2850, 36.7230)  # map: between Suran and Taybat al-Imam
TAYBAT = (35.2659, 36.7122)  # GeoNames 163270
HALFAYA = (35.2610, 36.6067)  # IOM C3453
MHARDEH = (35.2479, 36.5725)  # GeoNames 166742
HAMA = (35.1318, 36.7578)  # GeoNames 170017
DAMASCUS = (33.5102, 36.2913)  # GeoNames 170654
ALEPPO = (36.2012, 37.1612)  # GeoNames 170063
DEIR_EZ_ZOR = (35.3359, 40.1408)  # GeoNames 170794
IDLIB = (35.9306, 36.6339)  # GeoNames 169389
RAQQA = (35.9528, 39.0079)  # GeoNames 172955
DARAA = (32.6189, 36.1021)  # GeoNames 170905

HAMA_BIAS = {"admin1": "Hama"}

CASES = [
    ("Jobar", JOBAR, {}),
    ("Joubar", JOBAR, {}),
    ("Jawbar", JOBAR, {}),
    ("Jowbar", JOBAR, {}),
    ("Qaboun", QABOUN, {}),
    ("Qabun", QABOUN, {}),  # must not fall to Gabon (same variant key)
    # Barzeh: the Damascus district; a Burza village near Homs exists in OSM.
    ("Barzeh", BARZEH, {}),
    ("Barza", BARZEH, {}),
    ("Burza", BARZEH, {}),
    ("Abbasiyin", ABBASIYIN, {}),
    ("Tijara", TIJARA, {}),
    ("Eastern Ghouta", GHOUTA, {}),
    ("Ghouta", GHOUTA, {}),  # must not fall to Quetta or Kota
    ("al-Ghouta al-Sharqiya", GHOUTA, {}),
    ("Harasta", HARASTA, {}),
    ("Douma", DOUMA, {}),
    ("Duma", DOUMA, {}),  # also a village in Sweida (OSM); the Ghouta city is meant
    ("Zamalka", ZAMALKA, {}),
    ("Ain Tarma", AIN_TARMA, {}),
    ("Ein Terma", AIN_TARMA, {}),
    # Soran: one town in Hama (north of the city), one village in Aleppo (Azaz district).
    ("Soran", SURAN_HAMA, HAMA_BIAS),
    ("Suran", SURAN_HAMA, HAMA_BIAS),
    ("Şūrān", SURAN_HAMA, HAMA_BIAS),
    ("Soran", SURAN_HAMA, {"near": HAMA}),
    ("Khattab", KHATTAB, {}),
    ("Maardas", MAARDAS, {}),
    ("Ma'ardes", MAARDAS, {}),
    ("Maar Dis", MAARDAS, {}),
    ("Taybat al-Imam", TAYBAT, {}),
    ("Halfaya", HALFAYA, {}),
    ("Mhardeh", MHARDEH, {}),
    ("Mahardah", MHARDEH, {}),
    ("Hama", HAMA, {}),  # the city, not the governorate or a village
    ("Damascus", DAMASCUS, {}),
    ("Aleppo", ALEPPO, {}),
    ("Deir ez-Zor", DEIR_EZ_ZOR, {}),
    ("Deir Ezzor", DEIR_EZ_ZOR, {}),
    ("Dayr az Zawr", DEIR_EZ_ZOR, {}),
    ("Idlib", IDLIB, {}),
    ("Idleb", IDLIB, {}),
    ("Raqqa", RAQQA, {}),
    ("Ar Raqqah", RAQQA, {}),
    ("Daraa", DARAA, {}),
    ("Dar'a", DARAA, {}),
    ("Deraa", DARAA, {}),
    # Arabic script
    ("جوبر", JOBAR, {}),
    ("حماة", HAMA, {}),
    ("دير الزور", DEIR_EZ_ZOR, {}),
    ("الغوطة الشرقية", GHOUTA, {}),
]


@pytest.mark.parametrize(("name", "truth", "bias"), CASES, ids=[c[0] for c in CASES])
def test_default_gazetteer_resolves_within_precision(gazetteer, name, truth, bias):
    matches = gazetteer.search(name, **bias)
    assert matches, f"{name!r} did not resolve"
    best = matches[0]
    km = float(haversine_km(truth[0], truth[1], best.place.lat, best.place.lon))
    assert km * 1000 <= best.place.precision_m, (
        f"{name!r} -> {best.place.id} {best.place.name!r} is {km:.2f} km from the true "
        f"position; its precision is {best.place.precision_m} m"
    )
    assert best.place.in_syria
    assert best.how in {"exact", "variant"}


def test_hama_is_the_city_not_the_governorate(gazetteer):
    best = gazetteer.search("Hama")[0].place
    assert best.feature_type == "city"
    assert "geonames:170017" in best.sources  # the GeoNames city was absorbed


@pytest.mark.parametrize(("name", "pcode"), [("Hama province", "SY05"), ("Idlib province", "SY07")])
def test_province_names_give_the_governorate(gazetteer, name, pcode):
    best = gazetteer.search(name)[0].place
    assert (best.feature_type, best.admin1_pcode) == ("governorate", pcode)


def test_soran_biased_to_aleppo_gives_the_aleppo_village(gazetteer):
    best = gazetteer.search("Suran", admin1="Aleppo")[0].place
    assert best.admin1 == "Aleppo"
    assert best.lat > 36


@pytest.mark.parametrize("name", ["Jobar", "Hama", "Harasta", "Douma", "Suran"])
def test_one_place_per_name_after_merging(gazetteer, name):
    # Curated rows absorb the GeoNames rows of the same place: no duplicate in Syria
    # of the same feature within a few km.
    matches = gazetteer.search(name, in_syria=True)
    near_first = [
        m
        for m in matches[1:]
        if haversine_km(matches[0].place.lat, matches[0].place.lon, m.place.lat, m.place.lon) < 5
    ]
    assert near_first == []


@pytest.mark.parametrize(
    ("name", "country"), [("Geneva", "CH"), ("Beirut", "LB"), ("Moscow", "RU"), ("Ankara", "TR")]
)
def test_world_places_are_flagged_outside_syria(gazetteer, name, country):
    best = gazetteer.search(name)[0].place
    assert best.country == country
    assert best.in_syria is False


@pytest.mark.parametrize(
    ("misspelling", "correct"),
    [
        ("Khan Shekhun", "Khan Sheikhoun"),
        ("Harasata", "Harasta"),  # a vowel more: a transliteration's difference
        ("Zamalika", "Zamalka"),
    ],
)
def test_fuzzy_fallback_scores_below_exact(gazetteer, misspelling, correct):
    fuzzy = gazetteer.search(misspelling)
    exact = gazetteer.search(correct)
    assert fuzzy and fuzzy[0].how == "fuzzy"
    assert fuzzy[0].place.id == exact[0].place.id
    assert exact[0].how == "exact"
    assert fuzzy[0].score < exact[0].score
    assert fuzzy[0].name_score < exact[0].name_score == 1.0


@pytest.mark.parametrize(
    "name",
    [
        "Jorbar",  # a consonant more than Jobar: as often another name (Sayjar is not Sinjar)
        "Harastra",
        "Aleppio",  # too few consonants to tell a spelling from a namesake
        "Bawabiyah",  # not Jakarta
        "Fouy",  # not Huế
    ],
)
def test_search_says_not_found_rather_than_a_far_fetched_likeness(gazetteer, name):
    assert gazetteer.search(name) == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Rai", ["Ar Rā‘ī"]),  # Praia's airport code RAI is no name of Praia
        ("Beirut", ["Beirut"]),  # a place abroad on its own name
    ],
)
def test_places_abroad_only_on_their_names_not_codes(gazetteer, name, expected):
    assert [m.place.name for m in gazetteer.search(name)][:1] == expected


def test_maarzita_is_the_idlib_village_not_madrid(gazetteer):
    found = gazetteer.search("Maarzita")
    assert [m.place.name for m in found] == ["Maarzita"] and found[0].place.admin1 == "Idleb"


def test_foua_is_the_idlib_town_not_hue(gazetteer):
    found = gazetteer.search("Foua")
    assert [m.place.name for m in found] == ["Al-Fu'ah"] and found[0].place.in_syria


def test_fuzzy_off_returns_nothing_for_a_misspelling(gazetteer):
    assert gazetteer.search("Jorbar", fuzzy=False) == []


def test_lookup_is_the_exact_path(gazetteer):
    assert [p.id for p in gazetteer.lookup("Jowbar")][:1] == ["curated:jobar"]
    assert gazetteer.lookup("Jorbar") == []


@pytest.mark.parametrize(("name", "expected"), [("Jobarr", "Jobar"), ("Damascos", "Damascus")])
def test_variant_key_match_scores_below_exact(gazetteer, name, expected):
    variant, exact = gazetteer.search(name)[0], gazetteer.search(expected)[0]
    assert variant.how == "variant" and variant.place.id == exact.place.id
    assert variant.score < exact.score


def test_old_city_extent_contains_the_umayyad_mosque(gazetteer):
    old_city = gazetteer.search("Old City of Damascus")[0].place
    mosque = gazetteer.search("Umayyad Mosque")[0].place
    assert old_city.extent is not None
    assert old_city.extent.contains(mosque.point())
    assert not old_city.extent.contains(gazetteer.get("curated:mezzeh").point())


def test_ghouta_extent_contains_its_towns(gazetteer):
    ghouta = gazetteer.get("curated:eastern-ghouta")
    for town in ("Douma", "Harasta", "Zamalka", "Kafr Batna", "Saqba", "Arbin"):
        place = gazetteer.search(town)[0].place
        assert ghouta.extent.contains(place.point()), town


def test_feature_type_filter_and_radius(gazetteer):
    only = gazetteer.search("Hama", feature_types=["governorate"])
    assert [m.place.feature_type for m in only] == ["governorate"] * len(only)
    near = gazetteer.search("Suran", near=HAMA, radius_km=30)
    assert near and all(m.distance_km <= 30 for m in near)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"limit": 0}, "limit=0"),
        ({"feature_types": ["hamlet"]}, "feature_types='hamlet'"),
        ({"near": (95.0, 36.0)}, "near"),
        ({"radius_km": -1, "near": HAMA}, "radius_km=-1"),
        # a radius alone has no centre: the message repeats it and says what to add
        ({"radius_km": 30}, r"radius_km=30 needs a centre: give near=\(lat, lon\) or near=<Place>"),
    ],
)
def test_search_rejects_bad_options(kwargs, message):
    with pytest.raises(InvalidOptionError, match=message):
        Gazetteer([]).search("Hama", **kwargs)


def test_get_unknown_id_raises():
    with pytest.raises(PlaceNotFoundError, match="curated:nowhere"):
        Gazetteer([]).get("curated:nowhere")


def test_duplicate_ids_are_rejected():
    p = Place(id="curated:x", name="X", lat=33.5, lon=36.3, feature_type="town")
    with pytest.raises(ValueError, match="occurs twice"):
        Gazetteer([p, p])


def _curated_names(gazetteer):
    for place in gazetteer:
        if place.id.startswith("curated:"):
            raw = place.raw
            for label in (raw["name"], raw.get("name_ar"), *raw.get("variants", "").split("|")):
                if label:
                    yield place.id, label


def test_every_curated_name_and_variant_resolves_to_its_own_row(gazetteer):
    # A variant that resolves elsewhere is ambiguous and belongs in a note, not in variants.
    wrong = {
        (pid, label, gazetteer.search(label)[0].place.id)
        for pid, label in _curated_names(gazetteer)
        if gazetteer.search(label)[0].place.id != pid
    }
    assert wrong == set()


def test_curated_rows_absorb_their_geonames_record(gazetteer):
    for place in gazetteer:
        if place.id.startswith("curated:"):
            source = place.provenance[0].source_id
            if source.startswith("geonames:"):
                assert source not in gazetteer, place.id
                assert source in place.sources
