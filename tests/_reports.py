"""Hand-made reports for the map, export and CLI tests (our own sentences, no pipeline).

One set of builders (:func:`place`, :func:`mention`, :func:`resolution`,
:func:`direction_claim`, :func:`report_of`) makes three reports:

* :func:`map_report`: two dated documents naming Damascus, Jobar, the Old City (with an
  extent), Eastern Ghouta, Hama, Soran, Khattab, Maardas, Geneva (outside Syria) and
  "Tell Zaytun" (a village the gazetteer lacks, placed by an estimate): 9 places, one
  unresolved name, three claims (consistent, inconsistent, unverifiable).
* :func:`export_report`: one document naming Soran and Hama twice, Damascus, Geneva and
  two cued villages the gazetteer lacks (Tell Qarn, estimated by a claim; Wadi Zayt,
  not), plus an empty document: 4 places, 2 unresolved names, the same three verdicts
  and one NaN measurement.
* :func:`big_report`: ``n`` synthetic places, for the benches.

Claim regions and verdicts come from :func:`geo_syria.claims.check_claim`; the few
measurements the tests assert on as round numbers are pinned.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math

from shapely.geometry import box

from geo_syria.claims import Claim, ClaimDraft, check_claim
from geo_syria.documents import Document
from geo_syria.place import Place, Provenance
from geo_syria.recognize import Mention
from geo_syria.report import DocumentStatus, Report, ReportPlace
from geo_syria.resolve import Resolution

# --- builders ------------------------------------------------------------------------


def place(pid, name, lat, lon, feature_type, *, country="SY", admin1=None, extent=None):
    """A fixture place (default precision for its feature type)."""
    return Place(
        id=pid,
        name=name,
        lat=lat,
        lon=lon,
        feature_type=feature_type,
        country=country,
        admin1=admin1,
        extent=extent,
        provenance=(Provenance(pid, "fixture", "CC0"),),
    )


def _find(text: str, phrase: str, nth: int = 0) -> int:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return start


def mention(doc: Document, name: str, nth: int = 0, *, cue: str | None = None) -> Mention:
    """The ``nth`` mention of ``name`` in ``doc``, in its sentence; ``cue`` makes it cued."""
    start = _find(doc.text, name, nth)
    sent_start = doc.text.rfind(". ", 0, start) + 2 if ". " in doc.text[:start] else 0
    sent_end = doc.text.find(". ", start)
    sent_end = len(doc.text) if sent_end < 0 else sent_end + 1
    return Mention(
        doc.id,
        start,
        start + len(name),
        name,
        doc.text[sent_start:sent_end],
        sent_start,
        cue=cue,
        source="gazetteer" if cue is None else "cue",
    )


def resolution(doc, name, place, nth=0, confidence=0.9, *, cue=None, reasons=()):
    """The ``nth`` mention of ``name`` resolved to ``place`` (None: unresolved)."""
    return Resolution(mention(doc, name, nth, cue=cue), place, confidence, reasons=reasons)


def direction_claim(
    doc: Document,
    subject: Resolution,
    anchor: Resolution,
    phrase: str,
    *,
    distance: tuple[float, float, float],
    bearing: float,
    nth: int = 0,
    **pinned,
) -> Claim:
    """The claim ``phrase`` ("20 km north of Hama"), checked by ``check_claim``.

    ``distance`` is (stated, min, max) km; ``pinned`` replaces fields of the check.
    """
    start = _find(doc.text, phrase, nth)
    fields = {
        "doc_id": doc.id,
        "text": phrase,
        "start": start,
        "end": start + len(phrase),
        "sentence": subject.mention.sentence,
        "relation": "direction",
        "distance_km": float(distance[0]),
        "distance_min_km": float(distance[1]),
        "distance_max_km": float(distance[2]),
        "bearing_deg": float(bearing),
        "bearing_tolerance_deg": 45.0,
    }
    draft = ClaimDraft(
        **fields,
        subject_mention=subject.mention,
        subject_text=subject.mention.text,
        anchor_mention=anchor.mention,
        sentence_start=subject.mention.sentence_start,
    )
    check = check_claim(draft, subject.place, anchor.place)
    return Claim(
        **fields, subject=subject, anchor=anchor, check=dataclasses.replace(check, **pinned)
    )


def report_of(documents, resolutions, claims=()) -> Report:
    """A report whose places group ``resolutions`` by place, in order of first mention."""
    by_place: dict[str, list[Resolution]] = {}
    for r in resolutions:
        if r.place is not None:
            by_place.setdefault(r.place.id, []).append(r)
    places = tuple(
        ReportPlace(rs[0].place, tuple(rs), max(r.confidence for r in rs))
        for rs in by_place.values()
    )
    return Report(tuple(documents), places, tuple(resolutions), tuple(claims))


# --- places ----------------------------------------------------------------------------


DAMASCUS = place("geonames:170654", "Damascus", 33.5102, 36.2913, "city", admin1="Damascus")
JOBAR = place("curated:jobar", "Jobar", 33.5296, 36.3276, "neighbourhood", admin1="Damascus")
OLD_CITY = place(
    "curated:old-city",
    "Old City",
    33.5108,
    36.3090,
    "neighbourhood",
    extent=box(36.300, 33.505, 36.318, 33.515),
)
GHOUTA = place("curated:eastern-ghouta", "Eastern Ghouta", 33.55, 36.45, "region")
HAMA = place("geonames:170017", "Hama", 35.1318, 36.7578, "city", admin1="Hama")
SORAN = place("curated:soran-hama", "Soran", 35.2913, 36.7447, "town", admin1="Hama")
KHATTAB = place("curated:khattab", "Khattab", 35.1953, 36.7847, "village", admin1="Hama")
MAARDAS = place("curated:maardas", "Maardas", 35.2222, 36.7472, "village", admin1="Hama")
GENEVA = place("geonames:2660646", "Geneva", 46.2022, 6.1457, "city", country="CH")
#: An admin boundary for the map's boundaries layer.
HAMA_GOVERNORATE = place(
    "ocha:SY05", "Hama", 35.2, 36.8, "governorate", extent=box(36.0, 34.7, 37.9, 35.6)
)

# --- the map report -------------------------------------------------------------------

TEXT_A = (
    "Rebels attacked Jobar in Damascus on Tuesday. "
    "Shells fell near the Old City. "
    "Fighting spread across Eastern Ghouta."
)
TEXT_B = (
    "Rebels took Soran, 20 km north of Hama. "
    "Khattab, 10 km south of Hama, was shelled. "
    "Maardas was quiet. Talks in Geneva stalled. "
    "Troops massed at Tell Zaytun, 15 km west of Hama."
)
DOC_A = Document("a", TEXT_A, dt.date(2017, 3, 21), "fixture", "Jobar attack")
DOC_B = Document("b", TEXT_B, dt.date(2017, 3, 23), "fixture", "Hama offensive")
ESTIMATE_TELL_ZAYTUN = {"estimate_lat": 35.13, "estimate_lon": 36.59, "estimate_radius_m": 9000}


def map_report() -> Report:
    """9 places, one unresolved name (with an estimate), 3 claims."""
    res = [
        resolution(DOC_A, "Jobar", JOBAR),
        resolution(DOC_A, "Damascus", DAMASCUS),
        resolution(DOC_A, "Old City", OLD_CITY),
        resolution(DOC_A, "Eastern Ghouta", GHOUTA),
        resolution(DOC_B, "Soran", SORAN),
        resolution(DOC_B, "Hama", HAMA),
        resolution(DOC_B, "Khattab", KHATTAB),
        resolution(DOC_B, "Hama", HAMA, nth=1),
        resolution(DOC_B, "Maardas", MAARDAS),
        resolution(DOC_B, "Geneva", GENEVA),
        resolution(DOC_B, "Tell Zaytun", None, confidence=0.0),
        resolution(DOC_B, "Hama", HAMA, nth=2),
    ]

    def measured(km, deg):
        return {"measured_distance_km": km, "measured_bearing_deg": deg}

    claims = tuple(
        direction_claim(DOC_B, res[s], res[a], phrase, distance=d, bearing=b, **pinned)
        for s, a, phrase, d, b, pinned in (
            (4, 5, "20 km north of Hama", (20, 15, 25), 0, measured(17.8, 356)),
            (6, 7, "10 km south of Hama", (10, 7, 13), 180, measured(8.0, 20)),
            (10, 11, "15 km west of Hama", (15, 11, 19), 270, ESTIMATE_TELL_ZAYTUN),
        )
    )
    documents = (
        DocumentStatus(DOC_A, "ok", n_mentions=4),
        DocumentStatus(DOC_B, "ok", n_mentions=8, n_claims=3),
    )
    return report_of(documents, res, claims)


# --- the export report ----------------------------------------------------------------

EXPORT_TEXT = (
    "Rebels took Soran, 20 km north of Hama. "
    "Others said Soran lies 20 km south of Hama. "
    "Shelling hit the village of Tell Qarn, 5 km east of Damascus. "
    "Talks in Geneva stalled. Fighting reached the village of Wadi Zayt."
)
EXPORT_DOC = Document("doc1", EXPORT_TEXT, dt.date(2017, 3, 22), "test", "Test")
EMPTY_DOC = Document("doc2", "Nothing happened today.")


def export_report() -> Report:
    """4 places, 2 unresolved names (one estimated), each verdict, one NaN measurement."""
    village = "the village of"
    soran1 = resolution(EXPORT_DOC, "Soran", SORAN, 0, 0.9, reasons=("20 km claim fits",))
    hama1 = resolution(EXPORT_DOC, "Hama", HAMA, 0, 0.95)
    soran2 = resolution(EXPORT_DOC, "Soran", SORAN, 1, 0.8)
    hama2 = resolution(EXPORT_DOC, "Hama", HAMA, 1, 0.95)
    tell = resolution(EXPORT_DOC, "Tell Qarn", None, confidence=0.0, cue=village)
    damascus = resolution(EXPORT_DOC, "Damascus", DAMASCUS, 0, 0.99)
    geneva = resolution(EXPORT_DOC, "Geneva", GENEVA, 0, 0.7)
    wadi = resolution(EXPORT_DOC, "Wadi Zayt", None, confidence=0.0, cue=village)
    resolutions = (soran1, hama1, soran2, hama2, tell, damascus, geneva, wadi)
    claims = (
        direction_claim(
            EXPORT_DOC,
            soran1,
            hama1,
            "20 km north of Hama",
            distance=(20, 15, 25),
            bearing=0,
            measured_distance_km=17.7,
        ),
        direction_claim(
            EXPORT_DOC,
            soran2,
            hama2,
            "20 km south of Hama",
            distance=(20, 15, 25),
            bearing=180,
            measured_distance_km=17.7,
            bearing_off_deg=131.4,
            distance_off_km=math.nan,  # a NaN that must come out as null
        ),
        direction_claim(
            EXPORT_DOC,
            tell,
            damascus,
            "5 km east of Damascus",
            distance=(5, 4, 6),
            bearing=90,
            estimate_radius_m=4500.0,
        ),
    )
    documents = (
        DocumentStatus(EXPORT_DOC, "ok", n_mentions=len(resolutions), n_claims=3),
        DocumentStatus(EMPTY_DOC, "empty"),
    )
    return report_of(documents, resolutions, claims)


def empty_report() -> Report:
    """A report of one document that yielded nothing."""
    return Report((DocumentStatus(EMPTY_DOC, "empty"),), (), (), ())


# --- the bench report -----------------------------------------------------------------


def big_report(n: int, *, seed: int = 0, dated: bool = True) -> Report:
    """A synthetic report of ``n`` places at random points in Syria (for benches)."""
    import random

    rng = random.Random(seed)
    docs = []
    places = []
    types = ("village", "town", "city", "neighbourhood")
    for i in range(n):
        doc = Document(
            f"d{i % 50}", "", dt.date(2016, 1, 1) + dt.timedelta(days=i % 50) if dated else None
        )
        if i < 50:
            docs.append(DocumentStatus(doc, "ok"))
        synthetic = place(
            f"synthetic:{i}",
            f"Place {i}",
            rng.uniform(32.5, 37.0),
            rng.uniform(35.9, 42.0),
            types[i % len(types)],
        )
        sentence = f"Fighting was reported in Place {i} on Monday."
        m = Mention(doc.id, 25, 25 + len(f"Place {i}"), f"Place {i}", sentence, 0)
        places.append(ReportPlace(synthetic, (Resolution(m, synthetic, 0.8),), 0.8))
    return Report(tuple(docs), tuple(places), tuple(r for p in places for r in p.resolutions), ())


# --- copies of documents (repeated reports; the corpus-size map bench) ------------------


def _moved(r: Resolution | None, doc_id: str) -> Resolution | None:
    if r is None:
        return None
    return dataclasses.replace(r, mention=dataclasses.replace(r.mention, doc_id=doc_id))


def copy_document(report: Report, doc_id: str, document: Document) -> Report:
    """``report`` plus a copy of document ``doc_id``'s results as ``document`` (a new id).

    Its mentions and claims are copied with the new document id, and the places
    regrouped: the copy is another report making the same statements.
    """
    return clone_report(report, 1, only=doc_id, renamed=lambda d, _: document)


def clone_report(report: Report, copies: int, *, only: str | None = None, renamed=None) -> Report:
    """``report`` with its documents' results repeated ``copies`` more times under new ids.

    Copy ``k`` of document ``d`` is ``d`` with id ``f"{d.id}~{k}"`` (or what ``renamed(d,
    k)`` returns), with every mention and claim moved to it; places are regrouped from
    all the resolutions (the pipeline's own :func:`~geo_syria.pipeline.report_places`).
    No text is analysed again: this builds a corpus of any size from one analysis.
    """
    from geo_syria.pipeline import report_places

    statuses = list(report.documents)
    resolutions = list(report.resolutions)
    claims = list(report.claims)
    by_doc: dict[str, tuple[list, list]] = {}
    for r in report.resolutions:
        by_doc.setdefault(r.mention.doc_id, ([], []))[0].append(r)
    for c in report.claims:
        by_doc.setdefault(c.doc_id, ([], []))[1].append(c)
    for k in range(1, copies + 1):
        for status in report.documents:
            doc = status.document
            if only is not None and doc.id != only:
                continue
            new = renamed(doc, k) if renamed else dataclasses.replace(doc, id=f"{doc.id}~{k}")
            statuses.append(dataclasses.replace(status, document=new))
            doc_resolutions, doc_claims = by_doc.get(doc.id, ([], []))
            resolutions += [_moved(r, new.id) for r in doc_resolutions]
            claims += [
                dataclasses.replace(
                    c,
                    doc_id=new.id,
                    subject=_moved(c.subject, new.id),
                    anchor=_moved(c.anchor, new.id),
                    anchor2=_moved(c.anchor2, new.id),
                )
                for c in doc_claims
            ]
    places = tuple(report_places(resolutions))
    return Report(tuple(statuses), places, tuple(resolutions), tuple(claims))
