"""Resolution in context: admin context, claims, anaphors, unresolved names."""

from __future__ import annotations

import pytest

from geo_syria.documents import Document
from geo_syria.pipeline import analyze_document
from geo_syria.recognize import recognize
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
    out = resolve(recognize(doc, gazetteer), [], gazetteer, doc)
    by_text = {r.mention.text: r for r in out}
    assert by_text["Qqxzyw"].place is None and not by_text["Qqxzyw"].resolved
    assert by_text["Qqxzyw"].reasons == ("no gazetteer candidate",)
    assert by_text["Aleppo"].resolved and by_text["Aleppo"].precision_m > 0


def test_loose_spelling_never_lands_abroad(gazetteer):
    # "Qabun" and "Qaboun" fold like "Gabon"; only the Damascus district may be chosen
    for name in ("Qabun", "Qaboun"):
        r = resolved(f"Fighting in {name} continued.", gazetteer)[name]
        assert r.place is not None and r.place.in_syria


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


def test_resolution_memos_are_bounded(gazetteer):
    from geo_syria.recognize import MEMO_SIZES, Recognizer

    memos = Recognizer.for_gazetteer(gazetteer).memos
    assert set(memos) == set(MEMO_SIZES)
    resolved("Rebels attacked Suran, 20 km north of Hama.", gazetteer)
    assert memos["candidates"] and memos["fit"]
    assert all(0 < len(memo) <= MEMO_SIZES[name] for name, memo in memos.items())
