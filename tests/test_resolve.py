"""Resolution in context: admin context, claims, anaphors, unresolved names."""

from __future__ import annotations

import pytest

from geo_syria.documents import Document
from geo_syria.pipeline import Analyzer, analyze_document
from geo_syria.resolve import Resolution, resolve


def resolved(text, gazetteer):
    doc = Document("t", text)
    resolutions, _ = analyze_document(doc, gazetteer)
    return {r.mention.text: r for r in resolutions}


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        # Suran: a town north of Hama and a village in Aleppo governorate
        ("Rebels attacked Suran in Hama province.", "Hama"),
        ("Rebels attacked Suran in Aleppo province.", "Aleppo"),
        ("Rebels attacked Suran in the northern countryside of Aleppo.", "Aleppo"),
        # the claim decides: 20 km north of Hama is the Hama one
        ("Rebels attacked Suran, 20 km north of Hama.", "Hama"),
        ("Suran, 30 km north of Aleppo, fell.", "Aleppo"),
    ],
)
def test_ambiguous_suran_follows_its_context(gazetteer, text, admin1):
    r = resolved(text, gazetteer)["Suran"]
    assert r.place is not None and r.place.admin1 == admin1
    assert r.alternatives, "the other Suran was considered"
    assert any(a.place.admin1 != admin1 for a in r.alternatives)
    assert r.reasons and 0 < r.confidence <= 1


def test_claim_fit_is_a_reason(gazetteer):
    r = resolved("Rebels attacked Suran, 20 km north of Hama.", gazetteer)["Suran"]
    assert any("fit" in reason for reason in r.reasons)


@pytest.mark.parametrize(
    ("text", "anaphor", "expected"),
    [
        ("Ghouta lies 10 km east of the capital.", "the capital", "Damascus"),
        (
            "Rebels took Soran, 20 km north of Hama, and Khattab, 10 km northwest of it.",
            "it",
            "Hama",
        ),
        (
            "Jobar lies 2 km east of the Old City walls in Damascus.",
            "Old City",
            "Old City of Damascus",
        ),
    ],
)
def test_anaphoric_anchors(gazetteer, text, anaphor, expected):
    doc = Document("t", text)
    _, claims = analyze_document(doc, gazetteer)
    anchors = {c.anchor.mention.text: c.anchor for c in claims}
    assert anaphor in anchors, anchors
    assert anchors[anaphor].place is not None
    assert anchors[anaphor].place.name == expected


def test_unknown_name_stays_unresolved_and_others_resolve(gazetteer):
    doc = Document("t", "Shells hit the village of Qqxzyw near Aleppo.")
    recognizer = Analyzer.for_gazetteer(gazetteer).recognizer
    out = resolve(recognizer.find(doc), [], doc, recognizer=recognizer)
    by_text = {r.mention.text: r for r in out}
    assert by_text["Qqxzyw"].place is None and not by_text["Qqxzyw"].resolved
    assert by_text["Qqxzyw"].reasons == ("no gazetteer candidate",)
    assert by_text["Aleppo"].resolved and by_text["Aleppo"].precision_m > 0


def test_loose_spelling_never_lands_abroad(gazetteer):
    # "Qabun" and "Qaboun" fold like "Gabon"; only the Damascus district may be chosen
    for name in ("Qabun", "Qaboun"):
        r = resolved(f"Fighting in {name} continued.", gazetteer)[name]
        assert r.place is not None and r.place.in_syria


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # likenesses whose consonants disagree: Berea (Aleppo's old name), Maarat al-Numan
        ("IS attacked the Al Bahrah village this evening.", "Al Bahrah"),
        ("Shelling hit the town of Maarrat al-Na’asan in the north.", "Maarrat al-Na’asan"),
    ],
)
def test_loose_likeness_of_another_name_is_no_candidate(gazetteer, text, name):
    r = resolved(text, gazetteer)[name]
    assert r.place is None and r.reasons == ("no gazetteer candidate",)


def test_resolution_type():
    assert Resolution.__dataclass_params__.frozen


def test_named_anchor_without_candidates_is_not_an_anaphor(gazetteer):
    # "Zor Zor" is a cue name the gazetteer lacks: no guess from the preceding Hama
    doc = Document("t", "Rebels took Hama. Kafr Qulla lies 5 km north of the village of Zor Zor.")
    _, claims = analyze_document(doc, gazetteer)
    (claim,) = claims
    assert claim.anchor.mention.text == "Zor Zor"
    assert claim.anchor.mention.source == "cue"
    assert claim.anchor.place is None
    assert claim.verdict == "unverifiable"


def test_it_never_refers_to_the_claims_own_subject(gazetteer):
    # nothing before "it" but its subject Soran: the anchor stays unresolved
    doc = Document("t", "Soran lies north of it. Later, Khattab, 10 km west of Aleppo, fell.")
    _, claims = analyze_document(doc, gazetteer)
    first = next(c for c in claims if c.anchor.mention.text == "it")
    assert first.anchor.place is None
    assert first.verdict == "unverifiable"


def test_analyzer_caches_are_bounded_and_cleared(gazetteer):
    from geo_syria.pipeline import CACHE_SIZES

    analyzer = Analyzer(gazetteer)
    report = analyzer.analyze(["Rebels attacked Suran, 20 km north of Hama."])
    assert analyzer.surfaces and analyzer.checks
    assert len(analyzer.surfaces) <= CACHE_SIZES["surfaces"]
    analyzer.clear()
    assert not analyzer.surfaces and not analyzer.checks
    again = analyzer.analyze(["Rebels attacked Suran, 20 km north of Hama."])
    assert [c.check for c in again.claims] == [c.check for c in report.claims]


def test_default_analyzer_is_built_once_per_gazetteer(gazetteer):
    assert Analyzer.for_gazetteer(gazetteer) is Analyzer.for_gazetteer(gazetteer)


def test_claim_region_follows_the_anchor_extent_not_only_its_id(gazetteer):
    # two places with one id but different extents get different claim regions
    from shapely.geometry import box

    from geo_syria.claims import ClaimGeometry, claimed_region, find_claims
    from geo_syria.place import Place
    from geo_syria.recognize import Mention

    doc = Document("d", "Soran, 2 km east of the Qal walls.")
    at = doc.text.index("Qal")
    mentions = [
        Mention("d", 0, 5, "Soran", doc.text, 0),
        Mention("d", at, at + 3, "Qal", doc.text, 0),
    ]
    (draft,) = find_claims(doc, mentions)
    small = Place(id="c:q", name="Qal", lat=35.0, lon=36.0, feature_type="landmark",
                  extent=box(35.99, 34.99, 36.01, 35.01))  # fmt: skip
    large = small.evolve(extent=box(35.9, 34.9, 36.1, 35.1))
    assert small == large  # Place.__eq__ ignores the extent
    geometry = ClaimGeometry()
    first = claimed_region(small, draft, geometry=geometry)
    second = claimed_region(large, draft, geometry=geometry)
    assert first.bounds != second.bounds
    assert second.equals(claimed_region(large, draft))


def _seat_gazetteer():
    from geo_syria.gazetteer import Gazetteer
    from geo_syria.place import Place

    common = {"admin1": "Ar-Raqqa", "admin1_pcode": "SY11"}
    return Gazetteer(
        [
            # an invented subdistrict and the village it is named after, 24 km apart
            Place(
                id="t:sub",
                name="Qasrun",
                lat=35.62,
                lon=38.62,
                feature_type="subdistrict",
                **common,
            ),
            Place(
                id="t:town",
                name="Al Qasroun",
                lat=35.82,
                lon=38.72,
                feature_type="village",
                **common,
            ),
            Place(id="t:raqqa", name="Raqqa", lat=35.95, lon=39.01, feature_type="city", **common),
        ],
        name="seats",
    )


def test_admin_unit_yields_to_the_settlement_it_is_named_after():
    gaz = _seat_gazetteer()
    # the village's prior is below the subdistrict's: the seat rule decides
    found = resolved("Jets struck Qasrun, Raqqa governorate, on Monday.", gaz)
    assert found["Qasrun"].place.id == "t:town"
    assert found["Qasrun"].alternatives[0].place.id == "t:sub"


def test_admin_unit_alone_is_still_found():
    from geo_syria.gazetteer import Gazetteer

    gaz = Gazetteer([p for p in _seat_gazetteer() if p.id != "t:town"], name="no-seat")
    assert resolved("Jets struck Qasrun on Monday.", gaz)["Qasrun"].place.id == "t:sub"


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        # a cue name takes a likeness whose consonants agree: Khan Shekhon is Khan Sheikhoun
        ("4 civilians killed by bombardment in Khan Shekhon", "Khan Shekhon", "Khan Sheikhoun"),
        # "Rai" is also Praia's airport code: a foreign code is no candidate
        ("A checkpoint in al-Rai area northeast Aleppo.", "al-Rai", "Ar Rā‘ī"),
    ],
)
def test_spellings_and_marks_resolve_to_the_syrian_place(gazetteer, text, name, expected):
    r = resolved(text, gazetteer)[name]
    assert r.place is not None and r.place.name == expected and r.place.in_syria
