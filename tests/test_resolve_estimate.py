"""Context estimates and the area a text puts a name in (geo_syria.resolve.estimate)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geo_syria.documents import Document
from geo_syria.geo import haversine_km
from geo_syria.pipeline import analyze_document
from geo_syria.resolve.estimate import area_after


def resolved(text, gazetteer):
    resolutions, _ = analyze_document(Document("t", text), gazetteer)
    return {r.mention.text: r for r in resolutions}


@pytest.mark.parametrize(
    ("text", "name", "area"),
    [
        ("the village of Zor Zor in the northern Hama countryside", "Zor Zor", ("Hama", "north")),
        ("Zor Zor in the countryside of Idlib was shelled", "Zor Zor", ("Idlib", None)),
        ("Zor Zor in the southern countryside of Idlib", "Zor Zor", ("Idlib", "south")),
        ("(S487) Zor Zor, Raqqa governorate, Syria", "Zor Zor", ("Raqqa", None)),
        ("al Zor village, western Raqqa countryside, Syria", "al Zor", ("Raqqa", "west")),
        ("Zor Zor village, Abu Kamal countryside, Deir Ezzor", "Zor Zor", ("Abu Kamal", None)),
        ("Hadar village in the countryside of Quneitra province", "Hadar", ("Quneitra", None)),
        ("the villages of Masqan and Ehras in the north-eastern countryside of Aleppo", "Masqan",
         ("Aleppo", "northeast")),
        ("Ratlah and Al Aekershi villages, Ar Raqqah governorate", "Ratlah", ("Ar Raqqah", None)),
        ("al-Sinaa neighborhood in Al-Raqqah forces", "al-Sinaa", ("Al-Raqqah", None)),
        ("the Zor district in the city of Homs", "Zor", ("Homs", None)),
    ],
)  # fmt: skip
def test_area_after_reads_the_area_a_name_is_put_in(text, name, area):
    found = area_after(text, text.index(name) + len(name))
    assert found is not None and (found.name, found.part) == area


@pytest.mark.parametrize(
    "text",
    [
        "Zor Zor and Hama were shelled.",
        "Zor Zor in the eastern countryside was shelled.",  # no area named
        "Zor Zor, Raqqa and Kafr Nabl, Aleppo countryside",  # a list, not Zor Zor's area
        "Zor Zor in Hama city",
        "Zor Zor neighbourhood in Hama countryside is no city's",
    ],
)
def test_area_after_reads_no_area(text):
    area = area_after(text, text.index("Zor Zor") + 7)
    assert area is None or area.kind == "countryside"


def test_name_the_gazetteer_lacks_is_estimated_by_its_context(gazetteer):
    r = resolved(
        "Rebels seized the village of Zor Zor in the northern Hama countryside.", gazetteer
    )
    zor = r["Zor Zor"]
    assert zor.place is None, "an estimate is never a place"
    est = zor.estimate
    assert est is not None and est.area.feature_type == "governorate"
    assert est.area.admin1 == "Hama" and est.radius_m >= 50_000
    assert "estimated from its context" in est.reason and "northern" in est.reason
    assert est.reason in zor.reasons


def test_countryside_of_a_town_is_a_town_sized_estimate(gazetteer):
    text = "(S1338) al Zorzor village, Abu Kamal countryside, Deir Ezzor governorate, Syria"
    est = resolved(text, gazetteer)["al Zorzor"].estimate
    assert est is not None and est.area.name == "Albu Kamal"
    assert haversine_km(est.lat, est.lon, est.area.lat, est.area.lon) < 1
    assert 20_000 <= est.radius_m <= 30_000


@pytest.mark.parametrize(
    "text",
    [
        "Rebels attacked Zor Zor village near the road.",
        "Rebels attacked Zor Zor in the eastern countryside.",
        "Rebels attacked the village of Zor Zor in the Narnia countryside.",
    ],
)
def test_no_estimate_without_a_known_area(gazetteer, text):
    r = resolved(text, gazetteer).get("Zor Zor")
    assert r is None or (r.place is None and r.estimate is None)


def test_lone_candidate_far_outside_the_named_area_is_not_chosen(gazetteer):
    # the gazetteer's only Duma (Douma) lies north-east of Damascus, 100 km from Sweida's
    r = resolved("Two were killed at the entrance of Duma in Sweida province.", gazetteer)
    duma = r["Duma"]
    assert duma.place is None
    assert any("where the text puts this name" in reason for reason in duma.reasons)
    assert duma.estimate is not None and duma.estimate.area.admin1 == "As-Sweida"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Shelling on Damascus, Aleppo province and Idlib.", "Damascus"),
        ("the town of Kobane on the border with Turkey in northern Aleppo province.", "Turkey"),
        ("Rebels attacked Suran in Hama province.", "Suran"),
    ],
)
def test_places_in_or_beside_the_named_area_stay(gazetteer, text, name):
    r = resolved(text, gazetteer)[name]
    assert r.place is not None and r.estimate is None


@pytest.mark.parametrize(
    ("text", "name", "city"),
    [
        ("Explosion kills 3 in al-Zahraa neighborhood in Homs", "al-Zahraa", "Homs"),
        ("Forces advance in al-Sinaa neighborhood in Al-Raqqah", "al-Sinaa", "Raqqa"),
        ("Artillery hit Ashrafiyah neighborhood in Afrin city center", "Ashrafiyah", "Afrin"),
    ],
)
def test_a_part_of_a_city_is_estimated_in_that_city(gazetteer, text, name, city):
    # the gazetteer's namesakes (Zahraa and Ashrafiyeh near Aleppo) are not chosen
    r = resolved(text, gazetteer)[name]
    assert r.place is None and r.estimate is not None
    assert r.estimate.area.name == city and 5_000 <= r.estimate.radius_m <= 10_000


_PIECES = [*"ab AZ,-'’", " in the ", " countryside", " of ", "Hama", " northern", " city"]


@given(
    pieces=st.lists(st.sampled_from(_PIECES), max_size=40),
    end=st.integers(min_value=0, max_value=200),
)
def test_area_after_reads_any_text(pieces, end):
    text = "".join(pieces)
    end = min(end, len(text))
    area = area_after(text, end)
    assert area is None or (area.name in text[end:] and area.kind in text[end:].lower())
