"""Claims: reading relative-location statements, their regions, checks and fit."""

from __future__ import annotations

import csv
import math
import re

import pytest
from shapely.geometry import Polygon

from geo_syria import analyze
from geo_syria.claims import (
    VERDICTS,
    Claim,
    ClaimDraft,
    check_claim,
    claim_fit,
    claimed_region,
    distance_precision,
    distance_range,
    find_claims,
    make_claim,
    parse_bearing,
    parse_number,
)
from geo_syria.documents import Document
from geo_syria.exc import InvalidOptionError
from geo_syria.place import Place
from geo_syria.recognize import Mention
from geo_syria.resolve import Resolution

# Names our test sentences (and the sample articles) use; a stand-in for recognition.
NAMES = (
    "Eastern Ghouta",
    "Old City",
    "Abbasiyin",
    "Abassiyin",
    "Damascus",
    "Khattab",
    "Maardas",
    "Aleppo",
    "Qaboun",
    "Douma",
    "Jobar",
    "Qabun",
    "Soran",
    "Hama",
)
_NAME_RE = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in NAMES) + r")\b")


def mentions_of(doc: Document) -> list[Mention]:
    return [
        Mention(doc.id, m.start(), m.end(), m.group(), doc.text, 0)
        for m in _NAME_RE.finditer(doc.text)
    ]


def claims_in(text: str) -> list[ClaimDraft]:
    doc = Document("t", text)
    return find_claims(doc, mentions_of(doc))


def one_claim(text: str) -> ClaimDraft:
    drafts = claims_in(text)
    assert len(drafts) == 1, [d.text for d in drafts]
    return drafts[0]


# --- places, with real coordinates --------------------------------------------------------

HAMA = Place(id="test:hama", name="Hama", lat=35.1318, lon=36.7578, feature_type="city")
SURAN = Place(id="test:suran", name="Suran", lat=35.2906, lon=36.7484, feature_type="town")
# The other Suran, in Aleppo governorate near A'zaz: the wrong candidate for "north of Hama".
SURAN_ALEPPO = Place(
    id="test:suran-aleppo", name="Suran", lat=36.4528, lon=37.1903, feature_type="village"
)
KHATTAB = Place(id="test:khattab", name="Khattab", lat=35.1958, lon=36.6680, feature_type="town")
MAARDAS = Place(  # position estimated from maps; hence the wider precision
    id="test:maardas", name="Maardas", lat=35.27, lon=36.73, feature_type="town", precision_m=3000
)
DAMASCUS = Place(id="test:damascus", name="Damascus", lat=33.5102, lon=36.2913, feature_type="city")
JOBAR = Place(id="test:jobar", name="Jobar", lat=33.524, lon=36.336, feature_type="neighbourhood")
OLD_CITY = Place(
    id="test:old-city",
    name="Old City",
    lat=33.511,
    lon=36.309,
    feature_type="neighbourhood",
    extent=Polygon([(36.300, 33.507), (36.318, 33.507), (36.318, 33.515), (36.300, 33.515)]),
)
EASTERN_GHOUTA = Place(
    id="test:eastern-ghouta", name="Eastern Ghouta", lat=33.55, lon=36.40, feature_type="region"
)


# --- reading ----------------------------------------------------------------------------


def test_two_claims_with_converted_unit_and_it_anaphor():
    drafts = claims_in(
        "Insurgents attacked towns including Soran, some 20 km (12 miles) north of Hama city, "
        "and Khattab, about 10 km northwest of it."
    )
    assert len(drafts) == 2  # "12 miles" is the same claim, not a second one
    soran, khattab = drafts
    assert soran.subject_mention.text == "Soran"
    assert soran.anchor_mention.text == "Hama"
    assert soran.text == "some 20 km (12 miles) north of Hama city"
    assert (soran.distance_km, soran.distance_min_km, soran.distance_max_km) == (20, 15, 25)
    assert (soran.bearing_deg, soran.bearing_tolerance_deg, soran.qualifier) == (0, 45, "some")
    assert khattab.subject_mention.text == "Khattab"
    assert khattab.anchor_mention.source == "anaphor"
    assert khattab.anchor_mention.text == "it"
    assert khattab.anchor_antecedent.text == "Hama"
    assert (khattab.bearing_deg, khattab.bearing_tolerance_deg) == (315, 22.5)


def test_walls_measure_from_the_extent():
    draft = one_claim(
        "Clashes hit the Abbasiyin area of Jobar, some 2 km east of the Old City walls."
    )
    assert draft.subject_mention.text == "Jobar"  # the nearest place before the phrase
    assert draft.anchor_mention.text == "Old City"
    assert draft.from_extent
    assert draft.text.endswith("walls")
    assert draft.bearing_deg == 90


def test_direction_without_distance_and_capital_anaphor():
    draft = one_claim("Fighters left their Eastern Ghouta base to the east of the capital at dawn.")
    assert draft.subject_mention.text == "Eastern Ghouta"
    assert (draft.anchor_mention.text, draft.anchor_mention.source) == ("the capital", "anaphor")
    assert draft.distance_km is None and draft.bearing_deg == 90


def test_fronted_direction_gives_a_claim_per_subject():
    drafts = claims_in(
        "North of Hama, insurgents said they entered the towns of Soran and Maardas."
    )
    assert [d.subject_mention.text for d in drafts] == ["Soran", "Maardas"]
    assert {d.anchor_mention.text for d in drafts} == {"Hama"}
    assert {d.bearing_deg for d in drafts} == {0}


@pytest.mark.parametrize(
    ("text", "distance", "low", "high"),
    [
        ("Maardas lies 10-15 km north of Hama.", 12.5, 10, 15),
        ("Maardas lies 10 to 15 km north of Hama.", 12.5, 10, 15),
        ("Soran is two kilometres south of Hama.", 2, 1.5, 2.5),
        ("Soran is a kilometre south of Hama.", 1, 0.5, 1.5),
        ("Soran is a few kilometers south of Hama.", 3, 1, 5),
        ("Soran is several km south of Hama.", 5, 2, 9),
        ("Soran is twenty-five kilometres south of Hama.", 25, 24.5, 25.5),
        ("Soran is 10.5 km south of Hama.", 10.5, 10, 11),
        ("Soran is within a few km of Hama.", 3, 0, 5),
        ("Soran is 2 to 4 miles south of Hama.", 3 * 1.609344, 2 * 1.609344, 4 * 1.609344),
        ("Soran lies more than 30 km south of Hama.", 30, 30, 90),
        ("Jobar, 500 metres east of Qabun, was hit.", 0.5, 0.45, 0.55),
        ("Khattab, 6 miles west of Hama, was hit.", 6 * 1.609344, 5.5 * 1.609344, 6.5 * 1.609344),
        ("Khattab, about 12 km west of Hama, was hit.", 12, 9.6, 14.4),
    ],
)
def test_distances(text, distance, low, high):
    draft = one_claim(text)
    assert draft.distance_km == pytest.approx(distance)
    assert (draft.distance_min_km, draft.distance_max_km) == (
        pytest.approx(low),
        pytest.approx(high),
    )


@pytest.mark.parametrize(
    ("text", "bearing", "tolerance"),
    [
        ("Khattab, 10 km NW of Hama, fell.", 315, 22.5),
        ("Khattab, 10 km NNW of Hama, fell.", 337.5, 11.25),
        ("Khattab, 10 km north-northwestern of Hama, fell.", 337.5, 11.25),
        ("Khattab, 10 km north-west of Hama, fell.", 315, 22.5),
        ("Khattab, 10 km to the west of Hama, fell.", 270, 45),
        ("Khattab, 10 km E of Hama, fell.", 90, 45),
        ("Khattab, 10 km from Hama, fell.", None, None),
    ],
)
def test_directions(text, bearing, tolerance):
    draft = one_claim(text)
    assert (draft.bearing_deg, draft.bearing_tolerance_deg) == (bearing, tolerance)
    assert draft.anchor_mention.text == "Hama"


def test_within_without_direction():
    draft = one_claim("Rebels came within 12 miles of Hama on Monday.")
    assert draft.qualifier == "within"
    assert draft.bearing_deg is None
    assert draft.distance_min_km == 0
    assert draft.subject_mention is None and draft.subject_text == "Rebels came"
    text = "Rebels came within 12 miles of Hama on Monday."
    assert text[draft.subject_start : draft.subject_end] == "Rebels came"


@pytest.mark.parametrize(
    ("text", "relation", "subject", "anchor"),
    [
        ("A car bomb hit a post between Jobar and Qabun districts.", "between", None, "Jobar"),
        ("Douma, on the outskirts of Damascus, was shelled.", "outskirts", "Douma", "Damascus"),
        ("Khattab, near Aleppo, was shelled.", "near", "Khattab", "Aleppo"),
    ],
)
def test_relations(text, relation, subject, anchor):
    draft = one_claim(text)
    assert draft.relation == relation
    assert (draft.subject_mention.text if draft.subject_mention else None) == subject
    assert draft.anchor_mention.text == anchor
    if relation == "between":
        assert draft.anchor2_mention.text == "Qabun"
        assert draft.subject_text.endswith("a post")


def test_anchor_after_a_long_title():
    # the anchor comes more than 40 characters after "of", behind a title ending "capital of"
    draft = one_claim(
        "Soran lies some 50 km east of the rebel alliance's de facto capital of Hama."
    )
    assert draft.anchor_mention.text == "Hama" and draft.subject_mention.text == "Soran"
    assert (draft.distance_km, draft.bearing_deg) == (50.0, 90.0)


_SCAN_TEXTS = [
    "Soran, some 20 km north of Hama, and Khattab, 10-15 kilometres (6-9 miles) from it.",
    "They came within a few km of Jobar; I am from Aleppo, tenkm away from it.",
    "Twenty-five miles north-west of Hama and 1,000.5 m   \n\n  from Douma 5km",
    "between 3 and 4 KM south of Damascus, up to 200 metres outside of Qabun",
    "no distance at all, just from them and some km",
    "Douma lies just outside of Damascus, on the edges of Jobar, to the  south-east of Hama",
    "Khattab, close to Hama and in the suburbs of Aleppo; West of Soran, in the north of Hama",
    "Soran lies 12 MILES NW of Hama; Khattab, 500m from Douma, and 5-km east of it",
    "Jobar, 1,000,000.5 kms north   north\teast of Qabun; TO THE\nWEST   OF Douma",
    "Maardas lies NORTH-NORTHWEST of Hama, near\tAleppo, Close  to Douma, Just\noutside Jobar",
    "Soran is on the fringes of Hama, in the outskirts  of Aleppo and On The Edge of Douma",
    "beast of Hama; northeast of Aleppo; south - east of Douma; a hundred metres off Jobar",
    "Soran is a couple of kilometers (about two miles) in the direction of north of Hama",
    "Soran, twenty five km from Hama; Khattab, several kilometre outside Aleppo",
    "Soran lies north  west\tof Hama, south-north-east of Aleppo and north north-west of Jobar",
]


@pytest.mark.parametrize("text", _SCAN_TEXTS)
def test_literal_scans_find_what_the_full_patterns_find(text):
    # find_claims tries each pattern only where a scan of the lower-cased text says a
    # match may start: it must find every match the pattern finds
    from geo_syria.claims.read import find_phrases

    for repeat in (1, 3):
        big = " ".join([text] * repeat)
        scanned, searched = find_phrases(big), find_phrases(big, scan=False)
        assert [[(m.span(), m.groupdict()) for m in found] for found in scanned] == [
            [(m.span(), m.groupdict()) for m in found] for found in searched
        ]


@pytest.mark.parametrize(
    ("text", "relation", "bearing"),
    [
        ("Khattab lies 10 km NW of Hama.", "direction", 315),
        ("Khattab lies 10 km north-west of Hama.", "direction", 315),
        ("Khattab lies NORTH-WEST OF Hama.", "direction", 315),
        ("Khattab lies north  west\tof Hama.", "direction", 315),
        ("Khattab lies 12 miles south of Hama.", "direction", 180),
        ("Khattab lies two kilometres east of Hama.", "direction", 90),
        ("Khattab lies 500m from Hama.", "direction", None),
        ("Khattab lies 3 KMS to the west of Hama.", "direction", 270),
        ("Khattab lies to  the \t south of Hama.", "direction", 180),
        ("Khattab lies within 12 miles of Hama.", "direction", None),
        ("Khattab, on the outskirts of Hama, fell.", "outskirts", None),
        ("Khattab, in the suburbs of Hama, fell.", "outskirts", None),
        ("Khattab, on the edges of Hama, fell.", "outskirts", None),
        ("Khattab, just outside Hama, fell.", "near", None),
        ("Khattab, close to Hama, fell.", "near", None),
        ("Khattab, NEAR Hama, fell.", "near", None),
        ("A post between Soran and Hama fell.", "between", None),
        ("North of Hama, Khattab fell.", "direction", 0),
    ],
)
def test_unusual_spellings_still_yield_claims(text, relation, bearing):
    draft = one_claim(text)
    assert (draft.relation, draft.bearing_deg) == (relation, bearing)
    assert "Hama" in (draft.anchor_mention.text, getattr(draft.anchor2_mention, "text", None))


def test_text_whose_case_folding_moves_offsets_is_searched_directly():
    # "İ" lower-cases to two characters and "ſ" matches "s" only case-insensitively
    from geo_syria.claims.scan import lowered

    for text in (
        "\u0130dlib: Soran, 20 km north of Hama.",
        "Soran, 20 km north of Hama, \u017fays Khattab.",
    ):
        assert lowered(text) is None
        draft = one_claim(text)
        assert (draft.subject_mention.text, draft.anchor_mention.text) == ("Soran", "Hama")


def test_claim_and_mention_share_one_sentence_rule(gazetteer):
    # "Gen." ends no sentence: the claim's sentence is the mention's
    text = "Gen. Ali said Soran lies 20 km north of Hama."
    (claim,) = analyze(text, gazetteer=gazetteer).claims
    assert claim.sentence == claim.subject.mention.sentence == text


@pytest.mark.parametrize(
    "text",
    [
        "Jets struck eastern Damascus overnight.",
        "Rebels advanced in the northern countryside of Hama.",
        "Fighting raged in the north of Aleppo.",
        "The front stretched for 15 kilometres (nine miles) across Hama.",
        "They seized 1000 kilometres of territory near the border.",
        "Their situation is hard near Damascus.",  # no place is said to be near
    ],
)
def test_no_claim(text):
    assert claims_in(text) == []


# --- helpers and validators ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "precision"),
    [("20", 5), ("12", 0.5), ("2", 0.5), ("150", 5), ("100", 50), ("10.5", 0.5), ("10.3", 0.1)],
)
def test_distance_precision_follows_the_guidelines(number, precision):
    assert distance_precision(number) == precision


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("north", (0, 45)),
        ("Northeast", (45, 22.5)),
        ("north-east", (45, 22.5)),
        ("northeastern", (45, 22.5)),
        ("ENE", (67.5, 11.25)),
        ("south-southwest", (202.5, 11.25)),
        ("W", (270, 45)),
    ],
)
def test_parse_bearing(word, expected):
    assert parse_bearing(word) == expected


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: parse_bearing("up"), r"direction='up' is not a compass point"),
        (lambda: parse_bearing("NSE"), r"direction='NSE'"),
        (lambda: distance_range(-1, 0.5), r"distance=-1 must be a finite number >= 0"),
        (lambda: distance_range(math.nan, 0.5), r"distance=nan"),
        (lambda: distance_range(5, -1), r"precision=-1"),
        (lambda: distance_range(5, 1, qualifier="maybe"), r"qualifier='maybe' is not allowed"),
        (lambda: parse_number("lots"), r"number='lots' is not a number"),
        (lambda: distance_precision("-3"), r"number='-3' must be a finite number >= 0"),
    ],
)
def test_validators(call, match):
    with pytest.raises(InvalidOptionError, match=match):
        call()


def test_draft_rejects_bad_relation_and_negative_distance():
    anchor = Mention("t", 0, 4, "Hama", "Hama", 0)
    with pytest.raises(InvalidOptionError, match=r"relation='inside' is not allowed"):
        ClaimDraft("t", "x", 0, 1, "x", "inside", None, "", anchor)
    with pytest.raises(InvalidOptionError, match=r"distance_km=-2"):
        ClaimDraft("t", "x", 0, 1, "x", "direction", None, "", anchor, distance_km=-2)


# --- checking ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "subject", "anchor"),
    [
        ("Soran, some 20 km (12 miles) north of Hama city, fell.", SURAN, HAMA),
        ("Khattab, about 10 km northwest of Hama, fell.", KHATTAB, HAMA),
        ("Jobar, some 2 km east of the Old City walls, burned.", JOBAR, OLD_CITY),
        (
            "Rebels used their Eastern Ghouta base to the east of Damascus.",
            EASTERN_GHOUTA,
            DAMASCUS,
        ),
        ("North of Hama, rebels took Soran.", SURAN, HAMA),
        ("North of Hama, rebels took Maardas.", MAARDAS, HAMA),
        ("Douma, near Damascus, burned.", JOBAR, DAMASCUS),
    ],
)
def test_sample_claims_are_consistent(text, subject, anchor):
    check = check_claim(one_claim(text), subject, anchor)
    assert check.verdict == "consistent", check.reason
    assert check.region.intersects(subject.point().buffer(0.05))
    assert check.distance_off_km == 0 and check.bearing_off_deg == 0


def test_walls_distance_is_from_the_boundary():
    check = check_claim(one_claim("Jobar, 2 km east of the Old City walls."), JOBAR, OLD_CITY)
    assert 1.5 < check.measured_distance_km < 2.5  # about 3 km from the centre point
    assert 30 < check.measured_bearing_deg < 90


def test_wrong_direction_is_inconsistent_with_numbers():
    check = check_claim(one_claim("Soran, 20 km south of Hama, fell."), SURAN, HAMA)
    assert check.verdict == "inconsistent"
    assert check.measured_distance_km == pytest.approx(17.7, abs=0.2)
    assert check.measured_bearing_deg == pytest.approx(357, abs=1)
    assert check.bearing_off_deg > 90
    assert check.distance_off_km == 0  # the distance itself fits
    assert "17.6 km" in check.reason


def test_wrong_distance_is_inconsistent_with_numbers():
    check = check_claim(one_claim("Soran, 80 km north of Hama, fell."), SURAN, HAMA)
    assert check.verdict == "inconsistent"
    assert check.distance_off_km > 40
    assert check.bearing_off_deg == 0


def test_unresolved_subject_gets_an_estimate_inside_the_region():
    draft = one_claim("The village lies 20 km north of Hama.")
    check = check_claim(draft, None, HAMA)
    assert check.verdict == "unverifiable"
    assert "estimate" in check.reason
    assert check.region.contains(
        Place(
            id="test:estimate",
            name="e",
            lat=check.estimate_lat,
            lon=check.estimate_lon,
            feature_type="village",
        ).point()
    )
    assert check.estimate_lat > HAMA.lat + 0.1
    assert 5_000 < check.estimate_radius_m < 40_000


def test_unresolved_anchor_is_unverifiable_without_region():
    check = check_claim(one_claim("Soran, 20 km north of Hama, fell."), SURAN, None)
    assert check.verdict == "unverifiable" and check.region is None
    assert "'Hama' is not resolved" in check.reason


def test_region_is_an_annular_sector_north_of_the_anchor():
    region = claimed_region(HAMA, one_claim("Soran, 20 km north of Hama, fell."))
    assert not region.contains(HAMA.point())
    assert region.contains(SURAN.point())
    _, miny, _, maxy = region.bounds
    assert miny > HAMA.lat  # inner ring 15 km minus 5 km anchor precision
    assert maxy < HAMA.lat + 0.3  # 25 km plus 5 km


def test_between_region_holds_the_segment():
    draft = one_claim("A car bomb hit a post between Jobar and Damascus.")
    check = check_claim(draft, None, JOBAR, anchor2_place=DAMASCUS)
    mid = Place(id="t:m", name="m", lat=33.517, lon=36.314, feature_type="landmark")
    assert check.region.contains(mid.point())
    assert check_claim(draft, mid, JOBAR).verdict == "unverifiable"  # second anchor missing


def test_claim_fit_prefers_the_suran_near_hama():
    draft = one_claim("Soran, 20 km north of Hama, fell.")
    near, far = claim_fit(draft, SURAN, HAMA), claim_fit(draft, SURAN_ALEPPO, HAMA)
    assert near == 1.0
    assert 0 <= far < 0.01
    assert claim_fit(draft, None, HAMA) == 0.0
    off = one_claim("Soran, 5 km north of Hama, fell.")  # 17.7 km: a little outside
    assert 0.2 < claim_fit(off, SURAN, HAMA) < 1.0


def test_make_claim_fills_the_claim():
    draft = one_claim("Soran, 20 km south of Hama, fell.")
    subject = Resolution(draft.subject_mention, SURAN, confidence=0.9)
    anchor = Resolution(draft.anchor_mention, HAMA, confidence=0.9)
    claim = make_claim(draft, subject, anchor)
    assert isinstance(claim, Claim)
    assert claim.verdict == "inconsistent" and claim.verdict in VERDICTS
    assert claim.subject is subject and claim.anchor is anchor
    assert (claim.bearing_deg, claim.distance_min_km, claim.distance_max_km) == (180, 15, 25)
    unresolved = make_claim(one_claim("The village lies 20 km north of Hama."), None, anchor)
    assert unresolved.subject.place is None
    assert unresolved.subject.mention.text == "The village"
    assert unresolved.check.estimate_lat is not None


# --- real articles (read by path, never copied) -----------------------------------------


def test_sample_articles_claims(samples_dir):
    found = {}
    for path in sorted(samples_dir.glob("*.txt")):
        doc = Document(path.stem, path.read_text(encoding="utf-8-sig"))
        for d in find_claims(doc, mentions_of(doc)):
            subject = d.subject_mention.text if d.subject_mention else None
            found.setdefault((subject, d.anchor_mention.text), d)
    places = {
        "Soran": SURAN,
        "Khattab": KHATTAB,
        "Jobar": JOBAR,
        "Maardas": MAARDAS,
        "Eastern Ghouta": EASTERN_GHOUTA,
        "Hama": HAMA,
        "it": HAMA,
        "Old City": OLD_CITY,
        "the capital": DAMASCUS,
    }
    expected = [
        ("Soran", "Hama"),
        ("Khattab", "it"),
        ("Jobar", "Old City"),
        ("Eastern Ghouta", "the capital"),
        ("Maardas", "Hama"),
    ]
    for subject, anchor in expected:
        draft = found[(subject, anchor)]
        check = check_claim(draft, places[subject], places[anchor])
        assert check.verdict == "consistent", (subject, anchor, check.reason)
    assert found[("Jobar", "Old City")].from_extent
    assert found[("Khattab", "it")].anchor_antecedent.text == "Hama"


_PHRASE_RE = re.compile(
    r"\b\d+(?:\.\d+)?\s*(?:km|kilomet(?:re|er)s?|miles?)\b(?:\s*\([^()]*\))?\s+"
    r"(?:to\s+the\s+)?(?:north|south|east|west)[\w-]*\s+of\s+\S+",
    re.IGNORECASE,
)
_CAPITALISED_RE = re.compile(r"\b[A-Z][\w'’-]+(?:\s+(?:al-|el-)?[A-Z][\w'’-]+)*")


def test_every_distance_direction_phrase_in_the_corpus_yields_a_claim(corpus_csv):
    phrases = missed = documents = 0
    with corpus_csv.open(encoding="utf-8", newline="") as handle:
        for row_number, row in enumerate(csv.DictReader(handle)):
            documents += 1
            doc = Document(str(row_number), row["article_content"] or "")
            # Trivial recognition: every capitalised run is a "place".
            mentions = [
                Mention(doc.id, m.start(), m.end(), m.group(), "", 0)
                for m in _CAPITALISED_RE.finditer(doc.text)
            ]
            drafts = find_claims(doc, mentions)
            for phrase in _PHRASE_RE.finditer(doc.text):
                phrases += 1
                missed += not any(d.start <= phrase.start() < d.end for d in drafts)
    assert documents == 384
    assert phrases >= 20  # 24 in fakes_dev.csv when written
    assert missed == 0


def test_it_takes_the_last_anchor_before_it_in_text_order():
    # distances are read before directions; "it" is still the direction's Hama
    text = (
        "Soran lies 5 km north of Aleppo. Maardas lies east of Hama. Khattab lies 10 km west of it."
    )
    by_anchor = {d.anchor_mention.text: d for d in claims_in(text)}
    assert set(by_anchor) == {"Aleppo", "Hama", "it"}
    assert by_anchor["it"].anchor_antecedent.text == "Hama"


def test_it_ignores_anchors_after_it():
    drafts = claims_in("Soran lies north of it. Later, Khattab, 10 km west of Aleppo, fell.")
    it = next(d for d in drafts if d.anchor_mention.text == "it")
    assert it.anchor_antecedent is None or it.anchor_antecedent.text != "Aleppo"


@pytest.mark.parametrize(
    "text",
    ["Jobar lies north south east of Hama.", "Jobar lies south north west of Hama."],
)
def test_nonsense_compass_phrase_is_skipped(text):
    assert claims_in(text) == []


def test_missing_second_anchor_is_named():
    draft = one_claim("A car bomb hit a post between Jobar and Damascus.")
    check = check_claim(draft, None, JOBAR)
    assert check.verdict == "unverifiable"
    assert "'Damascus'" in check.reason and "second anchor" in check.reason


def test_subject_from_words_keeps_its_sentence_start():
    text = "Rebels left. The town lies 20 km north of Hama."
    draft = one_claim(text)
    claim = make_claim(draft, None, None)
    assert claim.subject.mention.text == "The town"
    assert claim.subject.mention.sentence_start == text.index("The town")
    assert draft.sentence_start == text.index("The town")
    assert text[draft.sentence_start :].startswith(draft.sentence)


@pytest.mark.parametrize(
    ("sentence", "expected_km"),
    [
        ("I am from Aleppo and came to Hama.", None),  # "a" + "m" is not one metre
        ("Soran, 20km north of Hama, fell.", 20.0),
        ("Soran, 20 km north of Hama, fell.", 20.0),
        ("Soran, a kilometre north of Hama, fell.", 1.0),
        ("Soran, two-kilometres north of Hama, fell.", 2.0),
    ],
)
def test_unit_after_a_number_word_needs_a_separator(sentence, expected_km):
    import geo_syria

    claims = geo_syria.analyze(sentence).claims
    assert [c.distance_km for c in claims if c.distance_km is not None] == (
        [expected_km] if expected_km is not None else []
    )


@pytest.mark.parametrize(
    "text",
    [
        "Fighting reached Jobar, on the outskirts of the Old City walls.",
        "Jobar lies on the outskirts of Damascus Old City walls.",
    ],
)
def test_outskirts_of_the_walls_is_one_claim_from_their_extent(gazetteer, text):
    # both "outskirts" and "walls" measure from the anchor's extent: one flag, no failure
    report = analyze(text, gazetteer=gazetteer)
    assert [s.status for s in report.documents] == ["ok"]
    [claim] = report.claims
    assert (claim.relation, claim.from_extent, claim.verdict) == ("outskirts", True, "consistent")


# --- memoised geometry --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "subject", "anchor"),
    [
        ("Soran, 20 km north of Hama.", SURAN, HAMA),
        ("Soran, 20 km south of Hama.", SURAN, HAMA),
        ("Soran, near Hama.", SURAN, HAMA),
        ("Soran, on the outskirts of Hama.", SURAN, HAMA),
        ("Jobar, 2 km east of the Old City walls.", JOBAR, OLD_CITY),
        ("Jobar, near the Old City.", JOBAR, OLD_CITY),
    ],
)
def test_memoised_checks_equal_fresh_ones(text, subject, anchor):
    from geo_syria.claims import ClaimGeometry

    draft = one_claim(text)
    fresh = check_claim(draft, subject, anchor), claim_fit(draft, subject, anchor)
    geometry = ClaimGeometry()
    for _ in range(2):  # built, then from the memo
        memo = (
            check_claim(draft, subject, anchor, geometry=geometry),
            claim_fit(draft, subject, anchor, geometry=geometry),
        )
        assert memo == fresh
        assert memo[0].region.wkt == fresh[0].region.wkt
    geometry.clear()
    fit_first = (
        claim_fit(draft, subject, anchor, geometry=geometry),
        check_claim(draft, subject, anchor, geometry=geometry),
    )
    assert fit_first == (fresh[1], fresh[0])
    assert fit_first[1].region.wkt == fresh[0].region.wkt


def test_memo_tells_apart_places_sharing_an_id():
    draft = one_claim("Soran, 20 km north of Hama.")
    moved = Place(id=HAMA.id, name="Hama", lat=34.0, lon=36.7578, feature_type="city")
    wider = Place(id=HAMA.id, name="Hama", lat=HAMA.lat, lon=HAMA.lon, feature_type="town")
    near_hama = check_claim(draft, SURAN, HAMA)
    assert near_hama.verdict == "consistent"
    moved_check = check_claim(draft, SURAN, moved)
    assert moved_check.verdict == "inconsistent"
    assert moved_check.region.bounds[1] < near_hama.region.bounds[1]
    assert claimed_region(wider, draft).area < claimed_region(HAMA, draft).area
    twin = Place(id=HAMA.id, name="Hama", lat=HAMA.lat, lon=HAMA.lon, feature_type="city")
    assert check_claim(draft, SURAN, twin) == near_hama


@pytest.mark.parametrize(
    ("text", "anchor"),
    [
        ("Soran, 20 km north of Hama.", HAMA),  # a sector dilated by Hama's precision
        ("Soran, near Hama.", HAMA),  # Hama's precision disk and the reach of "near"
        ("Jobar, near the Old City.", OLD_CITY),  # an extent and the reach of "near"
        ("Jobar, 2 km east of the Old City walls.", OLD_CITY),  # from the extent: no reach
    ],
)
def test_core_gap_is_the_distance_to_the_drawn_region(text, anchor):
    # the check measures a core less its reach; the map draws the dilated polygon: the two
    # agree to the polygon's chords (32 segments a quarter circle: metres, not more)
    from shapely.geometry import Point

    from geo_syria.claims import ClaimGeometry

    spec = one_claim(text).spec
    geometry = ClaimGeometry()
    core, _ = geometry.core(anchor, spec)
    drawn, _ = geometry.region_local(anchor, spec)
    for km in (0, 3, 12, 25, 60):
        for bearing in range(0, 360, 30):
            point = Point(
                km * 1000 * math.sin(math.radians(bearing)),
                km * 1000 * math.cos(math.radians(bearing)),
            )
            assert core.gap_m(point) == pytest.approx(
                drawn.distance(point), abs=0.0005 * core.reach_m + 1e-6
            )


def test_check_keeps_what_its_region_is_drawn_from_and_travels_without_its_memos():
    import pickle

    from geo_syria.claims import ClaimGeometry

    draft = one_claim("Soran, 20 km north of Hama.")
    geometry = ClaimGeometry()
    check = check_claim(draft, SURAN, HAMA, geometry=geometry)
    assert (check.claimed.anchor, check.claimed.spec) == (HAMA, draft.spec)
    assert check.region.equals(claimed_region(HAMA, draft))
    assert check.region is check.region  # drawn once
    copy = pickle.loads(pickle.dumps(check))  # what a Dask worker sends back
    assert copy == check and copy.region.equals(check.region)
    assert copy.claimed.geometry is not geometry
