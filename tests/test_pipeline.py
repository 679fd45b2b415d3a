"""analyze(): the acceptance list on the samples, claims, the corpus, bad input."""

from __future__ import annotations

import re

import pytest

from geo_syria.documents import Document, DocumentFailure, read_documents
from geo_syria.exc import InvalidOptionError
from geo_syria.pipeline import analyze
from geo_syria.report import Report


@pytest.fixture(scope="module")
def sample_report(samples_dir, gazetteer):
    docs = list(read_documents(sorted(samples_dir.glob("*.txt"))))
    return analyze(docs, gazetteer=gazetteer)


def _near(place, lat, lon, km):
    from geo_syria.gazetteer.index import haversine_km

    return float(haversine_km(place.lat, place.lon, lat, lon)) <= km + place.precision_m / 1000


# Reference positions (approximate, from public maps) and a tolerance in km.
ACCEPTANCE = [
    ("Damascus", 33.51, 36.29, 5),
    ("Jobar", 33.53, 36.33, 2),
    ("Abbasiyin", 33.52, 36.32, 2),
    ("Tijara", 33.52, 36.32, 2),
    ("Old City", 33.51, 36.31, 2),
    ("Eastern Ghouta", 33.55, 36.45, 15),
    ("Qaboun", 33.54, 36.32, 2),
    ("Barzeh", 33.55, 36.32, 2),
    ("Hama", 35.13, 36.75, 5),
    ("Suran", 35.29, 36.75, 3),  # Hama's Suran, not Aleppo's
    ("Maardas", 35.27, 36.70, 4),
    ("Khattab", 35.19, 36.67, 4),
    ("Aleppo", 36.20, 37.16, 6),
]


@pytest.mark.parametrize(("name", "lat", "lon", "km"), ACCEPTANCE, ids=[a[0] for a in ACCEPTANCE])
def test_acceptance_places_found_and_resolved(sample_report, name, lat, lon, km):
    places = [p for p in sample_report.places if name.lower() in p.place.name.lower()]
    assert places, f"{name} not found"
    assert any(_near(p.place, lat, lon, km) for p in places), [p.place for p in places]
    assert all(p.place.in_syria for p in places)


@pytest.mark.parametrize("name", ["Geneva", "Beirut"])
def test_foreign_places_flagged_outside_syria(sample_report, name):
    (place,) = [p for p in sample_report.places if p.place.name == name]
    assert not place.place.in_syria


@pytest.mark.parametrize(
    "phrase",
    [
        "Free Syrian Army",
        "Syrian Observatory for Human Rights",
        "Britain-based",
        "Russian",
        "Iranian",
    ],
)
def test_nothing_mapped_for_organisations_and_adjectives(sample_report, phrase):
    for r in sample_report.resolutions:
        if r.mention.source == "anaphor":
            continue
        doc = sample_report.document(r.mention.doc_id)
        for m in re.finditer(re.escape(phrase), doc.text):
            assert not (m.start() < r.mention.end and r.mention.start < m.end()), r


def _claim(report, subject, anchor_text=None, contains=None):
    out = [
        c
        for c in report.claims
        if c.subject.place is not None
        and subject.lower() in c.subject.place.name.lower()
        and (contains is None or contains in c.text)
        and (anchor_text is None or anchor_text.lower() in c.anchor.mention.text.lower())
    ]
    assert out, [(c.text, c.subject.mention.text) for c in report.claims]
    return out


@pytest.mark.parametrize(
    ("subject", "contains", "anchor"),
    [
        ("Suran", "20 km", "Hama"),
        ("Khattab", "10 km", "Hama"),
        ("Jobar", "2 km", "Old City of Damascus"),
        ("Eastern Ghouta", "east of the capital", "Damascus"),
        ("Suran", "North of Hama", "Hama"),
        ("Maardas", "North of Hama", "Hama"),
    ],
)
def test_sample_claims_are_consistent(sample_report, subject, contains, anchor):
    for claim in _claim(sample_report, subject, contains=contains):
        assert claim.anchor.place is not None and claim.anchor.place.name == anchor
        assert claim.verdict == "consistent", claim.check.reason


def test_own_inconsistent_claim_has_measured_numbers(gazetteer):
    report = analyze("Soran, 20 km south of Hama, fell to rebels.", gazetteer=gazetteer)
    (claim,) = report.claims
    assert claim.verdict == "inconsistent"
    assert claim.subject.place.admin1 == "Hama"
    assert 10 < claim.check.measured_distance_km < 30
    assert claim.check.measured_bearing_deg > 300 or claim.check.measured_bearing_deg < 60
    assert claim.check.bearing_off_deg > 45


@pytest.mark.parametrize(
    "documents", ["", "   \n\t  ", Document("d", ""), [Document("d", " ")]], ids=repr
)
def test_empty_input_gives_valid_empty_report(gazetteer, documents):
    report = analyze(documents, gazetteer=gazetteer)
    assert isinstance(report, Report)
    assert [s.status for s in report.documents] == ["empty"]
    assert report.places == () and report.claims == () and report.resolutions == ()


def test_no_documents_gives_empty_report(gazetteer):
    assert analyze([], gazetteer=gazetteer).documents == ()


def test_html_and_script_do_not_crash_or_invent_places(gazetteer):
    text = (
        "<html><head><style>.Aleppo{}</style><script>var Homs = '<b>';</script></head>"
        "<body><p>Rebels took <i>Jobar</i>.</p><!-- Raqqa --></body></html>"
    )
    report = analyze(text, gazetteer=gazetteer)
    assert [p.place.name for p in report.places] == ["Jobar"]
    (r,) = report.resolutions
    assert text[r.mention.start : r.mention.end] == "Jobar"


def test_failures_are_accounted_for(gazetteer, tmp_path):
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\x00\x01" * 50)
    nocol = tmp_path / "c.csv"
    nocol.write_text("body\nJobar\n")
    good = tmp_path / "g.txt"
    good.write_text("Rebels took Jobar.")
    items = list(read_documents([binary, nocol, good]))
    assert sum(isinstance(i, DocumentFailure) for i in items) == 2
    report = analyze(items, gazetteer=gazetteer)
    assert [s.status for s in report.documents] == ["failed", "failed", "ok"]
    assert "binary" in report.documents[0].error
    assert "text_column" in report.documents[1].error


def test_bad_documents_argument(gazetteer):
    with pytest.raises(InvalidOptionError, match="bytes"):
        analyze(b"Jobar", gazetteer=gazetteer)
    with pytest.raises(InvalidOptionError, match="documents=5"):
        analyze(5, gazetteer=gazetteer)
    report = analyze(["Rebels took Jobar.", 5], gazetteer=gazetteer)
    assert [s.status for s in report.documents] == ["ok", "failed"]


def test_places_merge_across_documents(gazetteer):
    report = analyze(["Rebels took Jobar.", "Jobar fell again."], gazetteer=gazetteer)
    (place,) = report.places
    assert {m.doc_id for m in place.mentions} == {"doc1", "doc2"}


def test_large_text_is_linear(gazetteer):
    # ~6 MB: a quadratic step would not finish; speed itself is measured in bench/
    unit = "Rebels took Jobar and shelled Aleppo from the Hama countryside. " * 40
    unit += "Soran lies 20 km north of Hama. "
    text = (unit + "\n") * 2000
    report = analyze(text, gazetteer=gazetteer)
    (status,) = report.documents
    assert status.status == "ok"
    assert status.n_mentions >= 120 * 2000
    assert status.n_claims == 2000
    assert {c.verdict for c in report.claims} == {"consistent"}


_KM_DIRECTION = re.compile(
    r"\b\d+(?:\.\d+)?\s*(?:km|kilometers|kilometres)\s+(?:\([^)]*\)\s+)?"
    r"(?:north|south|east|west)\w*\s+of\b",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def corpus_report(corpus_documents, gazetteer):
    return analyze(list(corpus_documents), gazetteer=gazetteer)


def test_corpus_runs_without_error(corpus_report):
    assert len(corpus_report.documents) == 384
    assert not [s for s in corpus_report.documents if s.status == "failed"]
    assert corpus_report.claims and corpus_report.places


def test_corpus_every_km_direction_phrase_yields_a_claim(corpus_report):
    report = corpus_report
    claims_by_doc = {}
    for c in report.claims:
        claims_by_doc.setdefault(c.doc_id, []).append((c.start, c.end))
    missing = []
    for status in report.documents:
        doc = status.document
        for m in _KM_DIRECTION.finditer(doc.text):
            spans = claims_by_doc.get(doc.id, [])
            if not any(s <= m.start() < e or m.start() <= s < m.end() for s, e in spans):
                missing.append((doc.id, m.group()))
    assert not missing


def test_unexpected_error_in_one_document_keeps_the_others(gazetteer, monkeypatch, caplog):
    import geo_syria.pipeline

    real_resolve = geo_syria.pipeline.resolve

    def flaky_resolve(mentions, drafts, document, **kw):
        if document.id == "bad":
            raise RuntimeError("stage broke on purpose")
        return real_resolve(mentions, drafts, document, **kw)

    monkeypatch.setattr(geo_syria.pipeline, "resolve", flaky_resolve)
    docs = [
        Document(id="bad", text="Rebels shelled Aleppo."),
        Document(id="good", text="Rebels shelled Aleppo."),
    ]
    with caplog.at_level("ERROR", logger="geo_syria.pipeline"):
        report = analyze(docs, gazetteer=gazetteer)
    assert [s.status for s in report.documents] == ["failed", "ok"]
    assert report.documents[0].error == "RuntimeError: stage broke on purpose"
    assert [p.place.name for p in report.places] == ["Aleppo"]
    (record,) = [r for r in caplog.records if "'bad'" in r.getMessage()]
    assert record.exc_info is not None and record.exc_info[0] is RuntimeError


def test_nonsense_compass_phrase_does_not_fail_the_document(gazetteer):
    report = analyze("Jobar lies north south east of Hama.", gazetteer=gazetteer)
    assert report.documents[0].status == "ok"
    assert report.claims == ()


def test_unresolved_anaphor_is_not_an_unresolved_name(gazetteer):
    report = analyze("Rebels left. Soran lies 10 km north of it.", gazetteer=gazetteer)
    (claim,) = report.claims
    assert claim.anchor.mention.text == "it" and claim.anchor.place is None
    assert claim.verdict == "unverifiable"
    assert "it" not in [r.mention.text for r in report.unresolved]
    assert any(r.mention.text == "it" for r in report.resolutions)


#: Pieces of text that have tripped readers: names, cues, claims, stops, scripts, markup.
_PIECES = (
    "Hama", "Aleppo", "Soran", "Jobar", "Damascus", "Deir", "ez-Zor", "al-", "\u0130dlib",
    "\u015e\u016br\u0101n", "\u062d\u0644\u0628", "\u017fouth", "\ufffd",
    " ", "  ", "\t", "\n", "\n\n",
    ".", ". ", "...", "!", "?!", "Mr.", "U.S.", "No.", "(", ")", "\u201c", "\u201d", "'", ",",
    "20 km", "12 miles", "1,000.5", "2", "-", "\u2013", "some", "about", "north of",
    "north-west of", "NW of", "it", "the capital", "Old City walls", "between", "and", "near",
    "on the outskirts of", "the village of Zor Zor", "towns including Tal Abu and Kafr Zita",
    "district", "countryside", "province", "Free Syrian Army", "Abu", "President", "-based",
    "<b>", "</b>", "<script>x</script>",
)  # fmt: skip


def test_random_compositions_never_fail_and_keep_offsets(gazetteer):
    import random

    from geo_syria.text import Sentences

    rng = random.Random(7)
    texts = [
        "".join(rng.choice(_PIECES) + rng.choice(("", " ", " ")) for _ in range(rng.randint(0, 40)))
        for _ in range(300)
    ]
    report = analyze(texts, gazetteer=gazetteer)
    assert [s.error for s in report.documents if s.status == "failed"] == []
    by_id = {s.document.id: s.document.text for s in report.documents}
    for r in report.resolutions:
        m, text = r.mention, by_id[r.mention.doc_id]
        if m.source != "anaphor":
            assert text[m.start : m.end] == m.text
        # the sentence is stripped and stands in the text where it says
        assert text[m.sentence_start :].startswith(m.sentence)
        assert m.sentence == m.sentence.strip()
        # one sentence rule: every mention, anaphors included, stands in its sentence
        starts = Sentences(text).starts
        assert m.sentence_start >= max(s for s in starts if s <= m.start)


def test_iter_reports_yields_one_report_per_document_in_order(gazetteer):
    from geo_syria.documents import DocumentFailure
    from geo_syria.pipeline import iter_reports

    items = [
        "Rebels took Soran, 20 km north of Hama.",
        DocumentFailure(id="bad", source="x.csv", error="invalid row"),
        "",
        42,
    ]
    parts = list(iter_reports(items, gazetteer=gazetteer))
    assert [p.documents[0].status for p in parts] == ["ok", "failed", "empty", "failed"]
    assert [p.documents[0].document.id for p in parts] == ["doc1", "bad", "doc3", "doc4"]
    assert [c.verdict for c in parts[0].claims] == ["consistent"]
    assert {p.place.name for p in parts[0].places} == {"Suran", "Hama"}
    whole = analyze(items, gazetteer=gazetteer)
    assert tuple(s for p in parts for s in p.documents) == whole.documents
    assert tuple(r for p in parts for r in p.resolutions) == whole.resolutions


def test_iter_reports_reads_its_input_lazily(gazetteer):
    from geo_syria.pipeline import iter_reports

    seen = []

    def texts():
        for n in range(3):
            seen.append(n)
            yield "Rebels shelled Aleppo."

    parts = iter_reports(texts(), gazetteer=gazetteer)
    next(parts)
    assert seen == [0]
