"""A small hand-made report for the map tests (our own sentences, no pipeline needed).

Two dated documents name Damascus, Jobar, the Old City (with an extent), Eastern
Ghouta, Hama, Soran, Khattab, Maardas, Geneva (outside Syria) and "Tell Zaytun" (a
village the gazetteer lacks, placed by an estimate). Three claims: consistent,
inconsistent and unverifiable, each with a shapely sector region.
"""

from __future__ import annotations

import datetime as dt
import math

from geo_syria._geom import local_projection
from geo_syria.claims import Claim, ClaimCheck
from geo_syria.documents import Document
from geo_syria.place import Place, Provenance
from geo_syria.recognize import Mention
from geo_syria.report import DocumentStatus, Report, ReportPlace
from geo_syria.resolve import Resolution

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


def _p(pid, name, lat, lon, ftype, *, country="SY", admin1=None, extent=None, precision=math.nan):
    return Place(
        id=pid,
        name=name,
        lat=lat,
        lon=lon,
        feature_type=ftype,
        country=country,
        admin1=admin1,
        extent=extent,
        precision_m=precision,
        provenance=(Provenance(pid, "fixture", "CC0"),),
    )


def sector(lat, lon, r_min_km, r_max_km, bearing, tolerance):
    """An annular sector around (lat, lon), in lon/lat, built in a local projection."""
    from shapely.geometry import Polygon

    _to_local, to_lonlat = local_projection(lat, lon)
    angles = [bearing - tolerance + i * (2 * tolerance) / 16 for i in range(17)]

    def ring(r_km, angs):
        return [
            (r_km * 1000 * math.sin(math.radians(a)), r_km * 1000 * math.cos(math.radians(a)))
            for a in angs
        ]

    local = ring(r_max_km, angles) + ring(r_min_km, reversed(angles))
    return Polygon([to_lonlat.transform(x, y) for x, y in local])


def old_city_extent():
    from shapely.geometry import box

    return box(36.300, 33.505, 36.318, 33.515)


DAMASCUS = _p("geonames:170654", "Damascus", 33.5102, 36.2913, "city", admin1="Damascus")
JOBAR = _p("curated:jobar", "Jobar", 33.5296, 36.3276, "neighbourhood", admin1="Damascus")
OLD_CITY = _p(
    "curated:old-city", "Old City", 33.5108, 36.3090, "neighbourhood", extent=old_city_extent()
)
GHOUTA = _p("curated:eastern-ghouta", "Eastern Ghouta", 33.55, 36.45, "region")
HAMA = _p("geonames:170017", "Hama", 35.1318, 36.7578, "city", admin1="Hama")
SORAN = _p("curated:soran-hama", "Soran", 35.2913, 36.7447, "town", admin1="Hama")
KHATTAB = _p("curated:khattab", "Khattab", 35.1953, 36.7847, "village", admin1="Hama")
MAARDAS = _p("curated:maardas", "Maardas", 35.2222, 36.7472, "village", admin1="Hama")
GENEVA = _p("geonames:2660646", "Geneva", 46.2022, 6.1457, "city", country="CH")

DOC_A = Document("a", TEXT_A, dt.date(2017, 3, 21), "fixture", "Jobar attack")
DOC_B = Document("b", TEXT_B, dt.date(2017, 3, 23), "fixture", "Hama offensive")


def _mention(doc, name, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(name, start + 1)
    sent_start = max(doc.text.rfind(". ", 0, start) + 2, 0) if ". " in doc.text[:start] else 0
    sent_end = doc.text.find(". ", start)
    sent_end = len(doc.text) if sent_end < 0 else sent_end + 1
    return Mention(
        doc.id, start, start + len(name), name, doc.text[sent_start:sent_end], sent_start
    )


def _res(doc, name, place, nth=0, confidence=0.9):
    return Resolution(_mention(doc, name, nth), place, confidence)


def make_report() -> Report:
    """The fixture report: 9 places, one unresolved name, 3 claims."""
    res = [
        _res(DOC_A, "Jobar", JOBAR),
        _res(DOC_A, "Damascus", DAMASCUS),
        _res(DOC_A, "Old City", OLD_CITY),
        _res(DOC_A, "Eastern Ghouta", GHOUTA),
        _res(DOC_B, "Soran", SORAN),
        _res(DOC_B, "Hama", HAMA),
        _res(DOC_B, "Khattab", KHATTAB),
        _res(DOC_B, "Hama", HAMA, nth=1),
        _res(DOC_B, "Maardas", MAARDAS),
        _res(DOC_B, "Geneva", GENEVA),
        _res(DOC_B, "Tell Zaytun", None, confidence=0.0),
        _res(DOC_B, "Hama", HAMA, nth=2),
    ]
    by_place: dict[str, list[Resolution]] = {}
    for r in res:
        if r.place is not None:
            by_place.setdefault(r.place.id, []).append(r)
    places = tuple(
        ReportPlace(rs[0].place, tuple(rs), max(r.confidence for r in rs))
        for rs in by_place.values()
    )
    hama = HAMA
    claims = (
        Claim(
            "b",
            "20 km north of Hama",
            TEXT_B.index("20 km"),
            TEXT_B.index("20 km") + 19,
            res[4].mention.sentence,
            "direction",
            res[4],
            res[5],
            distance_km=20,
            distance_min_km=15,
            distance_max_km=25,
            bearing_deg=0,
            bearing_tolerance_deg=45,
            check=ClaimCheck(
                "consistent",
                measured_distance_km=17.8,
                measured_bearing_deg=356,
                distance_off_km=0,
                bearing_off_deg=0,
                region=sector(hama.lat, hama.lon, 15, 25, 0, 45),
                reason="Soran lies 17.8 km N of Hama, inside the claimed sector.",
            ),
        ),
        Claim(
            "b",
            "10 km south of Hama",
            TEXT_B.index("10 km"),
            TEXT_B.index("10 km") + 19,
            res[6].mention.sentence,
            "direction",
            res[6],
            res[7],
            distance_km=10,
            distance_min_km=7,
            distance_max_km=13,
            bearing_deg=180,
            bearing_tolerance_deg=45,
            check=ClaimCheck(
                "inconsistent",
                measured_distance_km=8.0,
                measured_bearing_deg=20,
                distance_off_km=0,
                bearing_off_deg=115,
                region=sector(hama.lat, hama.lon, 7, 13, 180, 45),
                reason="Khattab lies N of Hama, not S.",
            ),
        ),
        Claim(
            "b",
            "15 km west of Hama",
            TEXT_B.index("15 km"),
            TEXT_B.index("15 km") + 18,
            res[10].mention.sentence,
            "direction",
            res[10],
            res[11],
            distance_km=15,
            distance_min_km=11,
            distance_max_km=19,
            bearing_deg=270,
            bearing_tolerance_deg=45,
            check=ClaimCheck(
                "unverifiable",
                region=sector(hama.lat, hama.lon, 11, 19, 270, 45),
                estimate_lat=35.13,
                estimate_lon=36.59,
                estimate_radius_m=9000,
                reason="Tell Zaytun is not in the gazetteer; its position is estimated.",
            ),
        ),
    )
    documents = (
        DocumentStatus(DOC_A, "ok", n_mentions=4),
        DocumentStatus(DOC_B, "ok", n_mentions=8, n_claims=3),
    )
    return Report(documents, places, tuple(res), claims)


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
        place = _p(
            f"synthetic:{i}",
            f"Place {i}",
            rng.uniform(32.5, 37.0),
            rng.uniform(35.9, 42.0),
            types[i % len(types)],
        )
        sentence = f"Fighting was reported in Place {i} on Monday."
        mention = Mention(doc.id, 25, 25 + len(f"Place {i}"), f"Place {i}", sentence, 0)
        places.append(ReportPlace(place, (Resolution(mention, place, 0.8),), 0.8))
    return Report(tuple(docs), tuple(places), tuple(r for p in places for r in p.resolutions), ())
