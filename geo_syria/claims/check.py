"""Checking claims: the region a claim allows, its verdict, the fit score, the checked claim.

Geometry is built by :class:`~geo_syria.claims.geometry.ClaimGeometry`; every function
takes one as ``geometry`` (the :class:`~geo_syria.pipeline.Analyzer`'s, which memoises)
or builds a fresh one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from geo_syria.claims.geometry import ClaimGeometry, angle_off
from geo_syria.claims.model import Claim, ClaimCheck, ClaimDraft, ClaimedRegion, stated
from geo_syria.claims.verdict import judge
from geo_syria.recognize import Mention
from geo_syria.resolve import Resolution

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from geo_syria.place import Place

__all__ = ["check_claim", "claim_fit", "claim_resolutions", "claimed_region", "make_claim"]


def claimed_region(
    anchor_place: Place,
    draft: ClaimDraft,
    *,
    anchor2_place: Place | None = None,
    geometry: ClaimGeometry | None = None,
) -> BaseGeometry:
    """Return the region a claim allows for its subject, as a lon/lat polygon.

    An annular sector (distance range × bearing ± tolerance) in an
    azimuthal-equidistant projection centred on the anchor, dilated by the
    anchor's precision; from the anchor's extent for "walls"; a buffer for
    "near"/"outskirts"; a band for "between X and Y". See :mod:`geo_syria.claims.geometry`;
    ``geometry`` memoises what it builds (a fresh builder when None).

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
    geometry = geometry or ClaimGeometry()
    return geometry.region(anchor_place, draft.spec, anchor2_place)[0]


def _estimate(region_local, to_lonlat) -> tuple[float, float, float]:
    centre = region_local.centroid
    if not region_local.contains(centre):
        centre = region_local.representative_point()
    import shapely

    coords = shapely.get_coordinates(region_local)
    radius = float(((coords - (centre.x, centre.y)) ** 2).sum(axis=1).max() ** 0.5)
    lon, lat = to_lonlat.transform(centre.x, centre.y)
    return lat, lon, radius


#: A measured distance this many times shorter or longer than the stated one is far from it,
#: whatever the places' precision: "10 km north of X" is not said of a place 2 km away.
FAR_FACTOR = 3.0


def _far_from_stated(draft: ClaimDraft, measured_km: float) -> float | None:
    """Return how many km a measured distance is far from the stated one, or None.

    Only for stated distances of 3 km or more, where a factor of :data:`FAR_FACTOR`
    cannot come from where in a place its point was put.

    Examples
    --------
    >>> from types import SimpleNamespace as S
    >>> _far_from_stated(S(relation="direction", distance_km=10.0), 2.4)
    7.6
    >>> _far_from_stated(S(relation="direction", distance_km=10.0), 7.0) is None
    True
    """
    stated = draft.distance_km
    if draft.relation != "direction" or not stated or stated < 3.0:
        return None
    if stated / FAR_FACTOR <= measured_km <= stated * FAR_FACTOR:
        return None
    return round(abs(stated - measured_km), 9)


def check_claim(
    draft: ClaimDraft,
    subject_place: Place | None,
    anchor_place: Place | None,
    *,
    anchor2_place: Place | None = None,
    geometry: ClaimGeometry | None = None,
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
    geometry : ClaimGeometry, optional
        Builds and memoises the claimed regions (a fresh builder when None).

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
    geometry = geometry or ClaimGeometry()
    region = ClaimedRegion(anchor_place, draft.spec, anchor2_place, geometry)
    if subject_place is None:
        region_local, frame = geometry.region_local(anchor_place, draft.spec, anchor2_place)
        lat, lon, radius = _estimate(region_local, frame.to_lonlat)
        return ClaimCheck(
            verdict="unverifiable",
            claimed=region,
            estimate_lat=lat,
            estimate_lon=lon,
            estimate_radius_m=radius,
            reason=(
                f"the subject {draft.subject_text!r} is not resolved; its location is "
                f"estimated from the claim as ({lat:.4f}, {lon:.4f}) ± {radius / 1000:.1f} km"
            ),
        )
    distance, bearing = geometry.measure(anchor_place, subject_place, from_extent=draft.from_extent)
    core, frame = geometry.core(anchor_place, draft.spec, anchor2_place)
    gap_m = geometry.subject_gap_m(core, subject_place, frame)
    measured = {"measured_distance_km": distance, "measured_bearing_deg": bearing}
    far = _far_from_stated(draft, distance)
    if gap_m <= 0 and far is None:
        return ClaimCheck(
            verdict="consistent",
            distance_off_km=0.0,
            bearing_off_deg=0.0,
            claimed=region,
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
        off_km = gap_m / 1000.0
    off_deg = 0.0
    if draft.bearing_deg is not None:
        off_deg = angle_off(bearing, draft.bearing_deg, draft.bearing_tolerance_deg)
    if far is not None:
        off_km = max(off_km, far)
    return ClaimCheck(
        verdict="inconsistent",
        distance_off_km=off_km,
        bearing_off_deg=off_deg,
        claimed=region,
        reason=(
            f"{subject_place.name} lies {distance:.1f} km at {bearing:.0f}° from "
            f"{anchor_place.name}: {off_km:.1f} km outside the claimed distance and "
            f"{off_deg:.0f}° outside the claimed bearing"
        ),
        **measured,
    )


def claim_fit(
    draft: ClaimDraft,
    subject_place: Place | None,
    anchor_place: Place | None,
    *,
    anchor2_place: Place | None = None,
    geometry: ClaimGeometry | None = None,
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
    geometry = geometry or ClaimGeometry()
    return geometry.fit(draft.spec, subject_place, anchor_place, anchor2_place)


def make_claim(
    draft: ClaimDraft,
    subject_resolution: Resolution | None,
    anchor_resolution: Resolution | None,
    anchor2_resolution: Resolution | None = None,
    *,
    geometry: ClaimGeometry | None = None,
) -> Claim:
    """Return the :class:`Claim` of a draft and its resolutions, checked.

    A missing resolution stands for an unresolved name: the claim keeps a
    ``Resolution(place=None)`` for it and its check is ``unverifiable``. The verdict
    policy of :func:`geo_syria.claims.verdict.judge` is applied. ``geometry``
    memoises the claimed regions (a fresh builder when None).

    Examples
    --------
    >>> from geo_syria.claims import find_claims
    >>> from geo_syria.documents import Document
    >>> doc = Document("d", "The town lies 20 km north of Hama.")
    >>> draft = find_claims(doc, [Mention("d", 29, 33, "Hama", doc.text, 0)])[0]
    >>> claim = make_claim(draft, None, None)
    >>> claim.subject.mention.text, claim.verdict
    ('The town', 'unverifiable')
    """
    subject, anchor, anchor2 = claim_resolutions(
        draft, subject_resolution, anchor_resolution, anchor2_resolution
    )
    anchor2_place = anchor2.place if anchor2 is not None else None
    check = check_claim(
        draft, subject.place, anchor.place, anchor2_place=anchor2_place, geometry=geometry
    )
    check = judge(draft, subject, anchor, check)
    return Claim(**stated(draft), subject=subject, anchor=anchor, anchor2=anchor2, check=check)


def claim_resolutions(
    draft: ClaimDraft,
    subject_resolution: Resolution | None,
    anchor_resolution: Resolution | None,
    anchor2_resolution: Resolution | None,
) -> tuple[Resolution, Resolution, Resolution | None]:
    """Return the subject, anchor and second anchor of a claim: unresolved ones stand in.

    An unresolved subject without a mention is the words :func:`find_claims` read.
    """

    def unresolved(mention: Mention | None) -> Resolution:
        return Resolution(mention=mention, place=None, reasons=("not resolved",))

    if subject_resolution is None:
        subject_mention = draft.subject_mention
        if subject_mention is None:
            start = draft.subject_start if draft.subject_start is not None else draft.start
            subject_mention = Mention(
                draft.doc_id,
                start,
                draft.subject_end if draft.subject_end is not None else start,
                draft.subject_text,
                draft.sentence,
                draft.sentence_start,
                cue="claim subject",
                source="cue",
            )
        subject_resolution = unresolved(subject_mention)
    anchor = anchor_resolution or unresolved(draft.anchor_mention)
    anchor2 = anchor2_resolution
    if anchor2 is None and draft.anchor2_mention is not None:
        anchor2 = unresolved(draft.anchor2_mention)
    return subject_resolution, anchor, anchor2
