"""Hostile numbers and texts in claims: a clear unverifiable claim, never a failed document."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo_syria import analyze
from geo_syria.claims import find_claims
from geo_syria.documents import Document
from geo_syria.recognize import Mention


def _claim(text, gazetteer):
    report = analyze(text, gazetteer=gazetteer)
    assert [s.status for s in report.documents] == ["ok"], report.documents
    (claim,) = report.claims
    return claim


@pytest.mark.parametrize(
    ("number", "why"),
    [
        ("1" + "0" * 400, "too large"),  # once an OverflowError that failed the document
        ("1e309", "not a number"),
        ("inf", "not a number"),
        ("NaN", "not a number"),
        ("\u00b2\u2070", "not a number"),  # superscript digits
        ("20.5.3", "not a number"),
        ("30000", "beyond any distance on earth"),
        ("-5", "negative"),
    ],
    ids=["400-digit number", "1e309", "inf", "NaN", "superscript digits", "two decimal points",
         "30000 km", "minus 5"],
)  # fmt: skip
def test_unreadable_distance_keeps_the_claim_unverifiable(gazetteer, number, why):
    claim = _claim(f"Soran lies {number} km north of Hama.", gazetteer)
    assert claim.distance_km is None
    assert claim.verdict == "unverifiable"
    assert why in claim.check.reason and len(claim.check.reason) < 400
    assert claim.check.region is None


def test_subject_that_is_its_anchor_is_no_claim(gazetteer):
    report = analyze("Hama is 10 km north of Hama.", gazetteer=gazetteer)
    assert [s.status for s in report.documents] == ["ok"]
    assert report.claims == ()
    assert [r.place.name for r in report.resolutions] == ["Hama", "Hama"]  # nothing lost


@pytest.mark.parametrize("direction", ["north", "south"])
def test_distance_far_from_the_measured_one_is_inconsistent_whatever_the_precision(
    gazetteer, direction
):
    # Suran lies 2.4 km from Maardas: "10 km" is not said of it, north or south
    claim = _claim(f"Soran is 10 km {direction} of Maardas.", gazetteer)
    assert claim.verdict == "inconsistent"
    assert claim.check.distance_off_km > 5


_PIECES = st.sampled_from(
    [
        "Soran", "Hama", "Zor Zor", " lies ", " is located ", "some ", "about ", "20", "1e309",
        "-5", "\u00b2", "10-15", " km ", " miles ", "north", "north-west", " of ", "it", "It",
        "The town", " near ", "between ", " and ", ", ", ". ", "\n", "\u0130", "\u017f",
        "village", "the border with ", "Dam", "(12 miles) ",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=25))
def test_claim_reader_never_fails_and_keeps_offsets(pieces):
    text = "".join(pieces)
    mentions = [
        Mention("d", i, i + len(name), name, text, 0)
        for name in ("Soran", "Hama")
        for i in range(len(text))
        if text.startswith(name, i)
    ]
    for draft in find_claims(Document("d", text), mentions):
        assert text[draft.start : draft.end] == draft.text
        assert draft.distance_km is None or 0 <= draft.distance_km <= 20_004
        if draft.subject_start is not None:
            assert text[draft.subject_start : draft.subject_end] == draft.subject_text
        assert draft.sentence in text
