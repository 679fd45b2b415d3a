"""A claim's subject as a careful reader reads it; a verdict policy that never accuses on a guess.

Every sentence here is written for the test (none is copied from an article).
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from geo_syria import analyze
from geo_syria.claims import find_claims, make_claim
from geo_syria.documents import Document
from geo_syria.place import Place
from geo_syria.recognize import Mention
from geo_syria.resolve import How, Resolution


def only_claim(text, gazetteer):
    report = analyze(text, gazetteer=gazetteer)
    assert [s.status for s in report.documents] == ["ok"]
    (claim,) = report.claims
    return claim


@pytest.mark.parametrize(
    ("text", "subject", "how"),
    [
        # a name the gazetteer lacks, right before the phrase, is the subject (not a guess)
        ("Jets struck Zor Zor village 12 km north of Hama on Monday.", "Zor Zor", "apposition"),
        (
            "Shells fell on the besieged Zor Zor town 10 km to the north of Idlib.",
            "Zor Zor",
            "apposition",
        ),
        (
            "Fighting went on in the direction of Zor Zor 30 km north of Hama city.",
            "Zor Zor",
            "apposition",
        ),
        # ... and is preferred to an earlier recognised place in the clause
        (
            "A man from Lebanon died in Zor Zor village 130 km southeast of Deir Ezzor city.",
            "Zor Zor",
            "apposition",
        ),
        (
            "Army units took Aleppo's outskirts as well as Zor Zor 25 km north of Aleppo.",
            "Zor Zor",
            "apposition",
        ),
        # verbs of location and commas link a subject to its phrase
        ("Khattab lies about 10 km northwest of Hama.", "Khattab", "apposition"),
        ("Khattab, which is located some 10 km northwest of Hama, fell.", "Khattab", "apposition"),
        # the recognizer's whole name, not the part after a compass word
        ("Jets hit Western Ghouta near Damascus.", "Western Ghouta", "apposition"),
        # a name qualified by the words before it: a part of the place, or a place
        # measured from it
        ("Jets struck southern Raqqa near the Tishrin Dam.", "southern Raqqa", "qualified"),
        ("Bombers struck east of Palmyra near Arak.", "east of Palmyra", "qualified"),
        # anaphors
        ("Hama is an old city. It lies about 210 km north of Damascus.", "It", "anaphor"),
        ("Rebels neared Tabqa. The town lies some 40 km west of Raqqa.", "The town", "anaphor"),
        # nothing right before the phrase: the nearest name is only a guess
        ("Fighters from Egypt were killed south of Deir Ezzor.", "Egypt", "nearest"),
    ],
)
def test_subject_read_from_the_claims_syntax(gazetteer, text, subject, how):
    from geo_syria.claims import find_claims
    from geo_syria.documents import Document
    from geo_syria.pipeline import find_mentions

    doc = Document("t", text)
    (draft,) = find_claims(doc, find_mentions(doc, gazetteer))
    assert (draft.subject_text, draft.subject_how) == (subject, how)


@pytest.mark.parametrize(
    ("text", "antecedent"),
    [
        ("Hama is an old city. It lies about 210 km north of Damascus.", "Hama"),
        ("Rebels neared Tabqa. The town lies some 40 km west of Raqqa.", "Tabqa"),
    ],
)
def test_anaphoric_subject_is_bound_to_the_nearest_compatible_place(gazetteer, text, antecedent):
    claim = only_claim(text, gazetteer)
    assert claim.subject.place is not None and claim.subject.place.name == antecedent
    assert "refers to" in claim.subject.reasons[0]


def test_anaphoric_subject_with_a_wrong_direction_is_inconsistent(gazetteer):
    # Tabqa lies west-southwest of Raqqa: "east" is wrong, read from the claim's own words
    claim = only_claim("Rebels neared Tabqa. The town lies some 40 km east of Raqqa.", gazetteer)
    assert claim.verdict == "inconsistent"


def test_road_distance_is_said_and_not_an_accusation(gazetteer):
    claim = only_claim("Hama is an old city. It lies about 210 km north of Damascus.", gazetteer)
    assert claim.verdict == "consistent"
    assert "stated distance matches a road distance" in claim.check.reason


@pytest.mark.parametrize(
    ("text", "why"),
    [
        # a country is never a located subject, and a loose subject is never accused
        ("Fighters from Egypt were killed south of Deir Ezzor.", "nearest name"),
        # measured from a landmark named after the place, not from the place
        (
            "A bomb went off 12 km from the border crossing on the Damascus-Beirut highway.",
            "border",
        ),
        ("Clashes erupted in Hama near the Rastan Dam.", "'Dam'"),
        ("Rebels shelled Al-Bab town near the border with Turkey.", "border"),
        # a name qualified by the words before it is a part of the place, or a place
        # measured from it: the phrase is not about the place itself
        ("Jets struck southern Raqqa near the Tishrin Dam.", "a part of Raqqa"),
        ("Bombers struck east of Palmyra near Arak.", "measured from it"),
        ("Jets struck Eastern Aleppo near the Tishrin Dam.", "not a located place"),
        ("Shells hit the countryside of Raqqa near the Tishrin Dam.", "not Raqqa itself"),
        # a vague count holds the reporter to no distance (Hazano is 19 km from Idlib)
        ("Clashes hit Hazano town several kilometers away from Idlib.", "vague count"),
        # "near" a governorate or a country has no reach
        ("Clashes hit Khattab near Hama province.", "no set reach"),
    ],
)
def test_guesses_are_unverifiable_with_the_reason(gazetteer, text, why):
    report = analyze(text, gazetteer=gazetteer)
    assert report.claims, "the phrase is still reported"
    for claim in report.claims:
        assert claim.verdict != "inconsistent"
    assert any(why in c.check.reason for c in report.claims)


def test_landmark_claim_draws_no_region(gazetteer):
    (claim,) = analyze("Clashes erupted in Hama near the Rastan Dam.", gazetteer=gazetteer).claims
    assert claim.check.region is None and claim.check.estimate_lat is None


@pytest.mark.parametrize(
    "text",
    [
        # "near" scales with what it is near: 25-30 km from a capital city is near it
        "Buses left Zabadani near Damascus.",
        "Buses left Madaya, a town near Damascus.",
        # "near" goes both ways: a city 26 km from a dam is near it, as the dam is near the city
        "Clashes erupted in Manbij near the Tishrin Dam.",
        "Manbij, near the Tishrin Dam, was shelled.",
        # a direction with no distance implies no maximum distance
        "Raids hit Albu Kamal southeast of Deir Ezzor.",
    ],
)
def test_honest_claims_are_consistent(gazetteer, text):
    assert only_claim(text, gazetteer).verdict == "consistent"


@pytest.mark.parametrize(
    ("text", "off_km"),
    [
        # a town 51 km from a dam is near neither way (a town's "near" reaches 15 km)
        ("Clashes erupted in Jarablus near the Tishrin Dam.", 31.3),
        # the dam's 10 km and Raqqa's 40 km both fall short of 88 km
        ("Clashes erupted in Raqqa near the Tishrin Dam.", 41.1),
    ],
)
def test_near_is_judged_by_the_wider_reach_of_the_two(gazetteer, text, off_km):
    claim = only_claim(text, gazetteer)
    assert claim.verdict == "inconsistent"
    assert claim.check.distance_off_km == pytest.approx(off_km, abs=0.1)
    assert "nearness goes both ways" in claim.check.reason


def test_vague_count_in_the_wrong_direction_is_still_inconsistent(gazetteer):
    # Khan Shaykhun lies 54 km south of Idlib: the bearing, not the count, is wrong
    claim = only_claim("Clashes hit Khan Shaykhun, a few km north of Idlib.", gazetteer)
    assert claim.verdict == "inconsistent"
    assert claim.check.bearing_off_deg > 90


def test_direction_only_claim_off_by_a_little_is_not_accused(gazetteer):
    # Albu Kamal lies at about 144° from Deir Ezzor: "east" is off by 9°, a loose compass word
    claim = only_claim("Raids hit Albu Kamal east of Deir Ezzor.", gazetteer)
    assert claim.verdict == "unverifiable"
    assert "looseness of a compass word" in claim.check.reason


HAMA = Place(id="test:hama", name="Hama", lat=35.1318, lon=36.7578, feature_type="city")
SURAN = Place(id="test:suran", name="Suran", lat=35.2906, lon=36.7484, feature_type="town")


def _suran_south_of_hama():
    """A claim read from its own syntax whose subject lies north of the anchor, not south."""
    text = "Soran, 20 km south of Hama, fell."
    doc = Document("t", text)
    (draft,) = find_claims(
        doc, [Mention("t", 0, 5, "Soran", text, 0), Mention("t", 22, 26, "Hama", text, 0)]
    )
    return draft


@pytest.mark.parametrize(
    ("subject_how", "anchor_how", "anchor_source", "verdict", "why"),
    [
        (How.PLAIN, How.PLAIN, "gazetteer", "inconsistent", "outside the claimed"),
        # the words of the reasons are the same in every case: the verdict reads the flags
        (How.FUZZY, How.PLAIN, "gazetteer", "unverifiable", "only by a loose spelling"),
        (How.PLAIN, How.FUZZY, "gazetteer", "unverifiable", "only by a loose spelling"),
        (How.PLAIN, How.POSITIONAL, "anaphor", "unverifiable", "only by its position"),
        # bound by position, but no anaphor: the flag alone is no doubt
        (How.PLAIN, How.POSITIONAL, "gazetteer", "inconsistent", "outside the claimed"),
    ],
)
def test_verdict_doubts_what_the_resolution_says_of_how_it_was_reached(
    subject_how, anchor_how, anchor_source, verdict, why
):
    draft = _suran_south_of_hama()
    anchor_mention = replace(draft.anchor_mention, source=anchor_source)
    reasons = ("exact name match, prior 0.90",)
    subject = Resolution(draft.subject_mention, SURAN, 0.9, (), reasons, how=subject_how)
    anchor = Resolution(anchor_mention, HAMA, 0.9, (), reasons, how=anchor_how)
    claim = make_claim(draft, subject, anchor)
    assert claim.verdict == verdict
    assert why in claim.check.reason


@pytest.mark.parametrize(
    ("text", "name", "how"),
    [
        ("Rebels attacked Suran in Hama province.", "Suran", How.PLAIN),
        # a transliteration the gazetteer does not hold, found by a loose spelling
        ("Shells fell on the town of Harasata in the Damascus countryside.", "Harasata", How.FUZZY),
        # anaphors bound by their position, and by their words
        ("Hama is an old city. It lies about 210 km north of Damascus.", "It", How.POSITIONAL),
        ("Ghouta lies 10 km east of the capital.", "the capital", How.PLAIN),
    ],
)
def test_resolution_says_how_it_was_reached(gazetteer, text, name, how):
    report = analyze(text, gazetteer=gazetteer)
    (found,) = [r for r in report.resolutions if r.mention.text == name]
    assert found.place is not None and found.how == how
