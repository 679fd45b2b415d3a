"""The fields every export shares: one flat record per place, claim and unresolved name.

Each export format (GeoJSON, CSV, GeoPackage, GeoDataFrame) is built from the
records here, so the formats cannot drift apart. A record is ``(properties,
geometry)`` where the geometry is a shapely object in lon/lat or ``None``.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from geo_syria.geo import compass_point
from geo_syria.report import _span

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from geo_syria.claims import Claim
    from geo_syria.report import Report, ReportPlace
    from geo_syria.resolve import Resolution

__all__ = [
    "CLAIM_FIELDS",
    "KINDS",
    "MENTION_FIELDS",
    "PLACE_FIELDS",
    "TABLE_KINDS",
    "UNRESOLVED_FIELDS",
    "compass",
    "finite",
    "part_records",
    "records",
]

#: Feature kinds, in output order.
KINDS = ("place", "claim", "unresolved")
#: Kinds of table rows: the feature kinds and ``"mention"`` (one row per mention of a place).
TABLE_KINDS = ("place", "claim", "mention", "unresolved")

#: Property names of each kind, in output order (``kind`` first).
PLACE_FIELDS = (
    "kind",
    "id",
    "name",
    "feature_type",
    "confidence",
    "precision_m",
    "in_syria",
    "country",
    "admin1",
    "sources",
    "mentions",
    "n_mentions",
    "n_docs",
)
CLAIM_FIELDS = (
    "kind",
    "doc",
    "start",
    "end",
    "text",
    "relation",
    "subject",
    "subject_id",
    "anchor",
    "anchor_id",
    "qualifier",
    "stated_distance_km",
    "stated_distance_min_km",
    "stated_distance_max_km",
    "stated_bearing_deg",
    "stated_bearing_tolerance_deg",
    "measured_distance_km",
    "measured_bearing_deg",
    "distance_off_km",
    "bearing_off_deg",
    "from_extent",
    "verdict",
    "reason",
    "estimate_lat",
    "estimate_lon",
    "estimate_radius_m",
)
UNRESOLVED_FIELDS = (
    "kind",
    "name",
    "doc",
    "start",
    "end",
    "cue",
    "estimate_radius_m",
    "estimated_by",
)

MENTION_FIELDS = (
    "kind",
    "doc",
    "date",
    "source",
    "title",
    "url",
    "place_id",
    "name",
    "lat",
    "lon",
    "feature_type",
    "admin1",
    "confidence",
    "text",
    "sentence",
    "start",
    "end",
)

FIELDS = {
    "place": PLACE_FIELDS,
    "claim": CLAIM_FIELDS,
    "mention": MENTION_FIELDS,
    "unresolved": UNRESOLVED_FIELDS,
}


def finite(value: object) -> float | None:
    """Return ``value`` as a float, or ``None`` for missing, NaN and infinite values.

    JSON has no NaN: every number an export writes passes through here.

    Examples
    --------
    >>> finite(1), finite(float("nan")), finite(None), finite(float("inf"))
    (1.0, None, None, None)
    """
    if value is None:
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def compass(bearing_deg: float | None) -> str:
    """Return the 16-point compass name of a bearing (``""`` when unknown).

    Examples
    --------
    >>> compass(0), compass(356.4), compass(315), compass(101.25), compass(None)
    ('N', 'N', 'NW', 'ESE', '')
    """
    bearing = finite(bearing_deg)
    return "" if bearing is None else compass_point(bearing)


def _round(value: object, ndigits: int) -> float | None:
    number = finite(value)
    return None if number is None else round(number, ndigits)


@functools.lru_cache(maxsize=8192)
def _place_point(lat: float, lon: float) -> BaseGeometry:
    """Return the point of a place, made once: a corpus mentions a few places many times."""
    from geo_syria.geo import to_point

    return to_point(lat, lon)


def _label(res: Resolution | None) -> str | None:
    """Return the resolved place's name, else the name as written ("it" stays "it")."""
    if res is None:
        return None
    return res.place.name if res.place is not None else res.mention.text


def place_record(rp: ReportPlace) -> tuple[dict[str, Any], BaseGeometry]:
    """Return the properties and point of a resolved place."""
    from geo_syria.geo import to_point

    place = rp.place
    props = {
        "kind": "place",
        "id": place.id,
        "name": place.name,
        "feature_type": place.feature_type,
        "confidence": _round(rp.confidence, 4),
        "precision_m": finite(place.precision_m),
        "in_syria": place.in_syria,
        "country": place.country,
        "admin1": place.admin1,
        "sources": list(place.sources),
        "mentions": [
            {"doc": m.doc_id, "start": m.start, "end": m.end, "text": m.text} for m in rp.mentions
        ],
        "n_mentions": rp.n_mentions,  # all of them: "mentions" may be the first ones only
        "n_docs": rp.n_docs,
    }
    return props, to_point(place.lat, place.lon)


def claim_record(claim: Claim) -> tuple[dict[str, Any], BaseGeometry | None]:
    """Return the properties and claimed region of a claim."""
    check = claim.check
    props = {
        "kind": "claim",
        "doc": claim.doc_id,
        "start": claim.start,
        "end": claim.end,
        "text": claim.text,
        "relation": claim.relation,
        "subject": _label(claim.subject),
        "subject_id": claim.subject.place.id if claim.subject.place is not None else None,
        "anchor": _label(claim.anchor),
        "anchor_id": claim.anchor.place.id if claim.anchor.place is not None else None,
        "qualifier": claim.qualifier,
        "stated_distance_km": finite(claim.distance_km),
        "stated_distance_min_km": finite(claim.distance_min_km),
        "stated_distance_max_km": finite(claim.distance_max_km),
        "stated_bearing_deg": finite(claim.bearing_deg),
        "stated_bearing_tolerance_deg": finite(claim.bearing_tolerance_deg),
        "measured_distance_km": _round(check.measured_distance_km if check else None, 3),
        "measured_bearing_deg": _round(check.measured_bearing_deg if check else None, 2),
        "distance_off_km": _round(check.distance_off_km if check else None, 3),
        "bearing_off_deg": _round(check.bearing_off_deg if check else None, 2),
        "from_extent": bool(getattr(claim, "from_extent", False)),
        "verdict": claim.verdict,
        "reason": check.reason if check else "",
        "estimate_lat": _round(check.estimate_lat if check else None, 6),
        "estimate_lon": _round(check.estimate_lon if check else None, 6),
        "estimate_radius_m": _round(check.estimate_radius_m if check else None, 1),
    }
    region = check.region if check is not None else None
    if region is not None and region.is_empty:
        region = None
    return props, region


def _estimates(report: Report) -> dict[tuple[str, int, int], Claim]:
    """Return the claim that estimated each unresolved subject, by mention."""
    found: dict[tuple[str, int, int], Claim] = {}
    for claim in report.claims:
        check = claim.check
        if (
            claim.subject.place is None
            and check is not None
            and finite(check.estimate_lat) is not None
            and finite(check.estimate_lon) is not None
        ):
            found.setdefault(_span(claim.subject), claim)
    return found


def unresolved_record(
    res: Resolution, estimate: Claim | None
) -> tuple[dict[str, Any], BaseGeometry | None]:
    """Return the properties and estimated point (or ``None``) of an unresolved name."""
    from geo_syria.geo import to_point

    m = res.mention
    props = {
        "kind": "unresolved",
        "name": m.text,
        "doc": m.doc_id,
        "start": m.start,
        "end": m.end,
        "cue": m.cue,
        "estimate_radius_m": None,
        "estimated_by": None,
    }
    geometry = None
    if estimate is not None and estimate.check is not None:
        check = estimate.check
        geometry = to_point(check.estimate_lat, check.estimate_lon)
        props["estimate_radius_m"] = _round(check.estimate_radius_m, 1)
        props["estimated_by"] = estimate.text
    elif res.estimate is not None:  # placed by its context: "X in the Idlib countryside"
        geometry = to_point(res.estimate.lat, res.estimate.lon)
        props["estimate_radius_m"] = _round(res.estimate.radius_m, 1)
        props["estimated_by"] = res.estimate.reason
    return props, geometry


def mention_records(report: Report) -> Iterator[tuple[dict[str, Any], BaseGeometry]]:
    """Yield one record per mention of a resolved place, in document and text order.

    The point is the place's; the document's date, source, title and URL come along,
    so the table can be pivoted by document, source, date or place.
    """
    order = {status.document.id: i for i, status in enumerate(report.documents)}
    docs = {status.document.id: status.document for status in report.documents}
    rows = [(rp, res) for rp in report.places for res in rp.resolutions]
    rows.sort(key=lambda r: (order.get(r[1].mention.doc_id, -1), r[1].mention.start))
    for rp, res in rows:
        place, m = rp.place, res.mention
        doc = docs.get(m.doc_id)
        published = doc.published if doc is not None else None
        props = {
            "kind": "mention",
            "doc": m.doc_id,
            "date": published.isoformat() if published is not None else None,
            "source": doc.source if doc is not None else None,
            "title": doc.title if doc is not None else None,
            "url": getattr(doc, "url", None),
            "place_id": place.id,
            "name": place.name,
            "lat": _round(place.lat, 6),
            "lon": _round(place.lon, 6),
            "feature_type": place.feature_type,
            "admin1": place.admin1,
            "confidence": _round(res.confidence, 4),
            "text": m.text,
            "sentence": m.sentence,
            "start": m.start,
            "end": m.end,
        }
        yield props, _place_point(place.lat, place.lon)


def records(
    report: Report, *, kind: str | None = None
) -> Iterator[tuple[dict[str, Any], BaseGeometry | None]]:
    """Yield ``(properties, geometry)`` for every place, claim and unresolved name.

    Parameters
    ----------
    report : Report
    kind : {"place", "claim", "mention", "unresolved"} or None
        Only this kind; places, claims and unresolved names when None (mentions are
        only given when asked for: they repeat the places, once per mention).
    """
    if kind == "mention":
        yield from mention_records(report)
        return
    if kind in (None, "place"):
        for rp in report.places:
            yield place_record(rp)
    if kind in (None, "claim"):
        for claim in report.claims:
            yield claim_record(claim)
    if kind in (None, "unresolved"):
        estimates = _estimates(report)
        for res in report.unresolved_names:
            yield unresolved_record(res, estimates.get(_span(res)))


def part_records(
    part: Report,
) -> Iterator[tuple[str, dict[str, Any], BaseGeometry | None]]:
    """Yield ``(kind, properties, geometry)`` for the mentions, claims and unresolved names.

    What a streamed export writes of each finished document (its places are folded
    and written last, see :mod:`geo_syria.export.stream`).
    """
    for kind in ("mention", "claim", "unresolved"):
        for props, geometry in records(part, kind=kind):
            yield kind, props, geometry


def claim_lines(report: Report) -> Iterator[tuple[dict[str, Any], BaseGeometry]]:
    """Yield a line from anchor to subject for each claim whose both ends are resolved."""
    from shapely.geometry import LineString

    for claim in report.claims:
        anchor, subject = claim.anchor.place, claim.subject.place
        if anchor is None or subject is None:
            continue
        props, _ = claim_record(claim)
        yield props, LineString([(anchor.lon, anchor.lat), (subject.lon, subject.lat)])
