"""Checking claims: the region a claim allows, its verdict, and the resolver's fit score.

The implementation of :func:`geo_syria.claims.check_claim`,
:func:`~geo_syria.claims.claim_fit` and :func:`~geo_syria.claims.claimed_region`
(re-exported there); geometry in :mod:`geo_syria._claimgeom`.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from geo_syria import _claimgeom
from geo_syria._memo import BoundedMemo

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from geo_syria.claims import ClaimCheck, ClaimDraft
    from geo_syria.place import Place

__all__ = ["FIT_SCALE_KM", "check_claim", "claim_fit", "claimed_region"]

#: (place id, id(to_local)) -> (place, to_local, precision disk in that projection).
_DISKS = BoundedMemo(1024)


def _region_local(anchor_place: Place, draft: ClaimDraft, anchor2_place: Place | None):
    return _claimgeom.region_local(
        anchor_place,
        relation=draft.relation,
        distance_min_km=draft.distance_min_km,
        distance_max_km=draft.distance_max_km,
        bearing_deg=draft.bearing_deg,
        bearing_tolerance_deg=draft.bearing_tolerance_deg,
        from_extent=draft.from_extent,
        anchor2=anchor2_place,
    )


def claimed_region(
    anchor_place: Place, draft: ClaimDraft, *, anchor2_place: Place | None = None
) -> BaseGeometry:
    """Return the region a claim allows for its subject, as a lon/lat polygon.

    An annular sector (distance range × bearing ± tolerance) in an
    azimuthal-equidistant projection centred on the anchor, dilated by the
    anchor's precision; from the anchor's extent for "walls"; a buffer for
    "near"/"outskirts"; a band for "between X and Y". See :mod:`geo_syria._claimgeom`.

    Examples
    --------
    >>> from geo_syria.claims import find_claims
    >>> from geo_syria.documents import Document
    >>> from geo_syria.recognize import Mention
    >>> from geo_syria.place import Place
    >>> hama = Place(id="curated:hama", name="Hama", lat=35.1318, lon=36.7578,
    ...              feature_type="city", precision_m=1000)
    >>> doc = Document("d", "Soran, 20 km north of Hama.")
    >>> draft = find_claims(doc, [Mention("d", 0, 5, "Soran", doc.text, 0),
    ...                           Mention("d", 22, 26, "Hama", doc.text, 0)])[0]
    >>> region = claimed_region(hama, draft)
    >>> region.contains(hama.point()), region.bounds[1] > hama.lat
    (False, True)
    """
    region, _, to_lonlat = _region_local(anchor_place, draft, anchor2_place)
    return _claimgeom.to_lonlat_geom(region, to_lonlat)


def _disk_local(place: Place, to_local) -> BaseGeometry:
    """Return the precision disk of ``place`` in the anchor's local projection."""
    key = (place.id, id(to_local))
    hit = _DISKS.get(key)
    if hit is not None and hit[1] is to_local and _claimgeom._same(hit[0], place):
        return hit[2]
    from shapely.geometry import Point

    x, y = to_local.transform(place.lon, place.lat)
    return _DISKS.put(key, (place, to_local, Point(x, y).buffer(place.precision_m, quad_segs=16)))[
        2
    ]


def _estimate(region_local, to_lonlat) -> tuple[float, float, float]:
    centre = region_local.centroid
    if not region_local.contains(centre):
        centre = region_local.representative_point()
    import shapely

    coords = shapely.get_coordinates(region_local)
    radius = float(((coords - (centre.x, centre.y)) ** 2).sum(axis=1).max() ** 0.5)
    lon, lat = to_lonlat.transform(centre.x, centre.y)
    return lat, lon, radius


def check_claim(
    draft: ClaimDraft,
    subject_place: Place | None,
    anchor_place: Place | None,
    *,
    anchor2_place: Place | None = None,
) -> ClaimCheck:
    """Measure a claim and judge it.

    Parameters
    ----------
    draft : ClaimDraft
        The claim as read.
    subject_place, anchor_place : Place or None
        The resolved subject and anchor (None when unresolved).
    anchor2_place : Place or None
        The second anchor of "between X and Y".

    Returns
    -------
    ClaimCheck
        ``consistent`` when the subject's precision disk meets the claimed region;
        ``inconsistent`` otherwise, with ``distance_off_km`` (beyond the distance
        range widened by both precisions) and ``bearing_off_deg`` (beyond the
        sector); ``unverifiable`` when subject or anchor is unknown. An unknown
        subject with a known anchor gets the region as its estimated location.

    Examples
    --------
    >>> from geo_syria.claims import find_claims
    >>> from geo_syria.documents import Document
    >>> from geo_syria.recognize import Mention
    >>> from geo_syria.place import Place
    >>> hama = Place(id="curated:hama", name="Hama", lat=35.1318, lon=36.7578,
    ...              feature_type="city")
    >>> soran = Place(id="curated:soran", name="Suran", lat=35.2906, lon=36.7484,
    ...               feature_type="town")
    >>> doc = Document("d", "Soran, 20 km south of Hama.")
    >>> draft = find_claims(doc, [Mention("d", 0, 5, "Soran", doc.text, 0),
    ...                           Mention("d", 22, 26, "Hama", doc.text, 0)])[0]
    >>> check = check_claim(draft, soran, hama)
    >>> check.verdict, round(check.measured_distance_km, 1), round(check.measured_bearing_deg)
    ('inconsistent', 17.6, 357)
    """
    from geo_syria.claims import ClaimCheck

    if anchor_place is None or (draft.relation == "between" and anchor2_place is None):
        if anchor_place is None:
            missing, mention = "anchor", draft.anchor_mention
        else:
            missing, mention = "second anchor", draft.anchor2_mention
        name = mention.text if mention is not None else None
        return ClaimCheck(
            verdict="unverifiable",
            reason=f"the {missing} {name!r} is not resolved",
        )
    region_local, to_local, to_lonlat = _region_local(anchor_place, draft, anchor2_place)
    region = _claimgeom.to_lonlat_geom(region_local, to_lonlat)
    if subject_place is None:
        lat, lon, radius = _estimate(region_local, to_lonlat)
        return ClaimCheck(
            verdict="unverifiable",
            region=region,
            estimate_lat=lat,
            estimate_lon=lon,
            estimate_radius_m=radius,
            reason=(
                f"the subject {draft.subject_text!r} is not resolved; its location is "
                f"estimated from the claim as ({lat:.4f}, {lon:.4f}) ± {radius / 1000:.1f} km"
            ),
        )
    distance, bearing = _claimgeom.measure(
        anchor_place, subject_place, from_extent=draft.from_extent
    )
    disk = _disk_local(subject_place, to_local)
    measured = {"measured_distance_km": distance, "measured_bearing_deg": bearing}
    if region_local.intersects(disk):
        return ClaimCheck(
            verdict="consistent",
            distance_off_km=0.0,
            bearing_off_deg=0.0,
            region=region,
            reason=(
                f"{subject_place.name} lies {distance:.1f} km at {bearing:.0f}° from "
                f"{anchor_place.name}, within the claimed region"
            ),
            **measured,
        )
    slack = (
        subject_place.precision_m
        + (
            0.0
            if draft.from_extent and anchor_place.extent is not None
            else anchor_place.precision_m
        )
    ) / 1000
    if draft.relation == "direction" and draft.distance_max_km is not None:
        lo, hi = (draft.distance_min_km or 0.0) - slack, draft.distance_max_km + slack
        off_km = max(0.0, distance - hi, lo - distance)
    else:
        off_km = region_local.distance(disk) / 1000.0
    off_deg = 0.0
    if draft.bearing_deg is not None:
        off_deg = _claimgeom.angle_off(bearing, draft.bearing_deg, draft.bearing_tolerance_deg)
    return ClaimCheck(
        verdict="inconsistent",
        distance_off_km=off_km,
        bearing_off_deg=off_deg,
        region=region,
        reason=(
            f"{subject_place.name} lies {distance:.1f} km at {bearing:.0f}° from "
            f"{anchor_place.name}: {off_km:.1f} km outside the claimed distance and "
            f"{off_deg:.0f}° outside the claimed bearing"
        ),
        **measured,
    )


#: Gap (km) outside the region at which :func:`claim_fit` falls to 1/e, at least.
FIT_SCALE_KM = 5.0


def claim_fit(
    draft: ClaimDraft,
    subject_place: Place | None,
    anchor_place: Place | None,
    *,
    anchor2_place: Place | None = None,
) -> float:
    """Score 0..1 how well a candidate (subject, anchor) pair fits a claim.

    1 when the subject's precision disk meets the claimed region, then
    ``exp(-gap / scale)`` with ``scale = max(5 km, distance_max / 4)``;
    0 when either place is missing (no evidence).

    Examples
    --------
    >>> from geo_syria.claims import find_claims
    >>> from geo_syria.documents import Document
    >>> from geo_syria.recognize import Mention
    >>> from geo_syria.place import Place
    >>> hama = Place(id="curated:hama", name="Hama", lat=35.1318, lon=36.7578,
    ...              feature_type="city")
    >>> suran_hama = Place(id="c:s1", name="Suran", lat=35.2906, lon=36.7484,
    ...                    feature_type="town")
    >>> suran_aleppo = Place(id="c:s2", name="Suran", lat=36.5, lon=37.2,
    ...                      feature_type="town")
    >>> doc = Document("d", "Soran, 20 km north of Hama.")
    >>> draft = find_claims(doc, [Mention("d", 0, 5, "Soran", doc.text, 0),
    ...                           Mention("d", 22, 26, "Hama", doc.text, 0)])[0]
    >>> claim_fit(draft, suran_hama, hama), round(claim_fit(draft, suran_aleppo, hama), 3)
    (1.0, 0.0)
    """
    if subject_place is None or anchor_place is None:
        return 0.0
    if draft.relation == "between" and anchor2_place is None:
        return 0.0
    region_local, to_local, _ = _region_local(anchor_place, draft, anchor2_place)
    gap_km = region_local.distance(_disk_local(subject_place, to_local)) / 1000.0
    if gap_km <= 0:
        return 1.0
    scale = max(FIT_SCALE_KM, (draft.distance_max_km or 0.0) / 4)
    return math.exp(-gap_km / scale)
