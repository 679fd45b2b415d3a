"""Hand-built reports shared by the export and CLI tests (no pipeline needed).

The text is our own: one short document naming Damascus, Hama, Soran, Geneva and a
village the gazetteer lacks, with three claims (consistent, inconsistent, unverifiable).
"""

from __future__ import annotations

import datetime as dt
import math

from geo_syria.claims import Claim, ClaimCheck
from geo_syria.documents import Document
from geo_syria.place import Place, Provenance
from geo_syria.recognize import Mention
from geo_syria.report import DocumentStatus, Report, ReportPlace
from geo_syria.resolve import Resolution

TEXT = (
    "Rebels took Soran, 20 km north of Hama. "
    "Others said Soran lies 20 km south of Hama. "
    "Shelling hit the village of Tell Qarn, 5 km east of Damascus. "
    "Talks in Geneva stalled. Fighting reached the village of Wadi Zayt."
)
EMPTY_TEXT = "Nothing happened today."

DAMASCUS = Place(
    id="geonames:170654",
    name="Damascus",
    lat=33.5102,
    lon=36.2913,
    feature_type="city",
    admin1="Damascus",
    provenance=(Provenance("geonames:170654", "geonames-cities500", "CC BY 4.0"),),
)
HAMA = Place(
    id="geonames:170017",
    name="Hama",
    lat=35.1318,
    lon=36.7578,
    feature_type="city",
    admin1="Hama",
    provenance=(Provenance("geonames:170017", "geonames-cities500", "CC BY 4.0"),),
)
SORAN = Place(
    id="curated:soran-hama",
    name="Soran",
    lat=35.2913,
    lon=36.7447,
    feature_type="town",
    admin1="Hama",
    provenance=(Provenance("curated:soran-hama", "curated"),),
)
GENEVA = Place(
    id="geonames:2660646",
    name="Geneva",
    lat=46.2022,
    lon=6.1457,
    feature_type="city",
    country="CH",
    provenance=(Provenance("geonames:2660646", "geonames-cities500", "CC BY 4.0"),),
)


def _mention(name: str, occurrence: int = 0, *, source: str = "gazetteer") -> Mention:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(name, start + 1)
    sentence_start = TEXT.rfind(". ", 0, start) + 2 if ". " in TEXT[:start] else 0
    sentence_end = TEXT.find(". ", start)
    sentence = TEXT[sentence_start : sentence_end + 1 if sentence_end >= 0 else len(TEXT)]
    return Mention(
        doc_id="doc1",
        start=start,
        end=start + len(name),
        text=name,
        sentence=sentence,
        sentence_start=sentence_start,
        cue="the village of" if source == "cue" else None,
        source=source,
    )


def _sector(lat: float, lon: float, r_min_km: float, r_max_km: float, bearing: float, half: float):
    """An annular sector around (lat, lon), built in a local projection like the checker does."""
    from shapely.geometry import Polygon

    from geo_syria._geom import local_projection

    _to_local, to_lonlat = local_projection(lat, lon)
    steps = 16
    angles = [bearing - half + 2 * half * i / steps for i in range(steps + 1)]
    outer = [
        (r_max_km * 1000 * math.sin(math.radians(a)), r_max_km * 1000 * math.cos(math.radians(a)))
        for a in angles
    ]
    inner = [
        (r_min_km * 1000 * math.sin(math.radians(a)), r_min_km * 1000 * math.cos(math.radians(a)))
        for a in reversed(angles)
    ]
    ring = [to_lonlat.transform(x, y) for x, y in outer + inner]
    return Polygon(ring)


def build_report() -> Report:
    """A report with every kind of feature, each verdict, and one NaN measurement."""
    res_soran1 = Resolution(_mention("Soran", 0), SORAN, 0.9, reasons=("20 km claim fits",))
    res_hama1 = Resolution(_mention("Hama", 0), HAMA, 0.95)
    res_soran2 = Resolution(_mention("Soran", 1), SORAN, 0.8)
    res_hama2 = Resolution(_mention("Hama", 1), HAMA, 0.95)
    res_tell = Resolution(_mention("Tell Qarn", source="cue"), None)
    res_damascus = Resolution(_mention("Damascus"), DAMASCUS, 0.99)
    res_geneva = Resolution(_mention("Geneva"), GENEVA, 0.7)
    res_wadi = Resolution(_mention("Wadi Zayt", source="cue"), None)

    def claim_span(phrase: str, occurrence: int = 0) -> tuple[str, int, int]:
        start = -1
        for _ in range(occurrence + 1):
            start = TEXT.index(phrase, start + 1)
        return phrase, start, start + len(phrase)

    text1, s1, e1 = claim_span("20 km north of Hama")
    consistent = Claim(
        doc_id="doc1",
        text=text1,
        start=s1,
        end=e1,
        sentence=res_soran1.mention.sentence,
        relation="direction",
        subject=res_soran1,
        anchor=res_hama1,
        distance_km=20.0,
        distance_min_km=15.0,
        distance_max_km=25.0,
        bearing_deg=0.0,
        bearing_tolerance_deg=45.0,
        check=ClaimCheck(
            verdict="consistent",
            measured_distance_km=17.7,
            measured_bearing_deg=356.4,
            distance_off_km=0.0,
            bearing_off_deg=0.0,
            region=_sector(HAMA.lat, HAMA.lon, 15, 25, 0, 45),
            reason="Soran lies 17.7 km N of Hama, inside the claimed 15-25 km N.",
        ),
    )
    text2, s2, e2 = claim_span("20 km south of Hama")
    inconsistent = Claim(
        doc_id="doc1",
        text=text2,
        start=s2,
        end=e2,
        sentence=res_soran2.mention.sentence,
        relation="direction",
        subject=res_soran2,
        anchor=res_hama2,
        distance_km=20.0,
        distance_min_km=15.0,
        distance_max_km=25.0,
        bearing_deg=180.0,
        bearing_tolerance_deg=45.0,
        check=ClaimCheck(
            verdict="inconsistent",
            measured_distance_km=17.7,
            measured_bearing_deg=356.4,
            distance_off_km=math.nan,  # a NaN that must come out as null
            bearing_off_deg=131.4,
            region=_sector(HAMA.lat, HAMA.lon, 15, 25, 180, 45),
            reason="Soran lies N of Hama, not S.",
        ),
    )
    text3, s3, e3 = claim_span("5 km east of Damascus")
    region3 = _sector(DAMASCUS.lat, DAMASCUS.lon, 4, 6, 90, 45)
    centroid = region3.centroid
    unverifiable = Claim(
        doc_id="doc1",
        text=text3,
        start=s3,
        end=e3,
        sentence=res_tell.mention.sentence,
        relation="direction",
        subject=res_tell,
        anchor=res_damascus,
        distance_km=5.0,
        distance_min_km=4.0,
        distance_max_km=6.0,
        qualifier=None,
        bearing_deg=90.0,
        bearing_tolerance_deg=45.0,
        check=ClaimCheck(
            verdict="unverifiable",
            region=region3,
            estimate_lat=centroid.y,
            estimate_lon=centroid.x,
            estimate_radius_m=4500.0,
            reason="Tell Qarn is not in the gazetteer; its position is estimated.",
        ),
    )
    resolutions = tuple(
        sorted(
            (
                res_soran1,
                res_hama1,
                res_soran2,
                res_hama2,
                res_tell,
                res_damascus,
                res_geneva,
                res_wadi,
            ),
            key=lambda r: r.mention.start,
        )
    )
    places = (
        ReportPlace(SORAN, (res_soran1, res_soran2), 0.9),
        ReportPlace(HAMA, (res_hama1, res_hama2), 0.95),
        ReportPlace(DAMASCUS, (res_damascus,), 0.99),
        ReportPlace(GENEVA, (res_geneva,), 0.7),
    )
    documents = (
        DocumentStatus(
            Document("doc1", TEXT, published=dt.date(2017, 3, 22), source="test", title="Test"),
            "ok",
            n_mentions=len(resolutions),
            n_claims=3,
        ),
        DocumentStatus(Document("doc2", EMPTY_TEXT), "empty"),
    )
    return Report(
        documents=documents,
        places=places,
        resolutions=resolutions,
        claims=(consistent, inconsistent, unverifiable),
    )


def empty_report() -> Report:
    """A report of one document that yielded nothing."""
    return Report(
        documents=(DocumentStatus(Document("doc2", EMPTY_TEXT), "empty"),),
        places=(),
        resolutions=(),
        claims=(),
    )
