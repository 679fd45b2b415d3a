"""Claims: relative-location statements ("20 km north of Hama"), parsed and checked.

Four steps, each a public function the pipeline calls:

* :func:`find_claims` reads a document and its place mentions and returns
  :class:`ClaimDraft` values: distance, qualifier, bearing, relation, subject and anchor.
* :func:`claimed_region` turns a draft and its anchor place into the region the
  claim allows (a shapely polygon in lon/lat).
* :func:`check_claim` measures anchor → subject and returns a :class:`ClaimCheck`;
  :func:`claim_fit` scores how well a candidate pair fits (for the resolver).
* :func:`make_claim` joins a draft with its resolutions into a :class:`Claim`.

Precision rules (MaNIS/VertNet) are in :mod:`geo_syria._claimtext`, geometric
choices in :mod:`geo_syria._claimgeom`.

Examples
--------
>>> from geo_syria.documents import Document
>>> from geo_syria.recognize import Mention
>>> text = "Soran, some 20 km north of Hama, fell."
>>> def m(name):
...     i = text.index(name)
...     return Mention("d", i, i + len(name), name, text, 0)
>>> [d.text for d in find_claims(Document("d", text), [m("Soran"), m("Hama")])]
['some 20 km north of Hama']
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from geo_syria import _claimgeom
from geo_syria._claimread import find_claims
from geo_syria._claimtext import distance_precision, distance_range, parse_bearing, parse_number
from geo_syria._validate import check_option
from geo_syria.recognize import Mention

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from geo_syria.place import Place
    from geo_syria.resolve import Resolution

__all__ = [
    "RELATIONS",
    "VERDICTS",
    "Claim",
    "ClaimCheck",
    "ClaimDraft",
    "check_claim",
    "claim_fit",
    "claimed_region",
    "distance_precision",
    "distance_range",
    "find_claims",
    "make_claim",
    "parse_bearing",
    "parse_number",
]

logger = logging.getLogger(__name__)

#: Possible verdicts of a checked claim.
VERDICTS = ("consistent", "inconsistent", "unverifiable")
#: Relations a claim may state.
RELATIONS = ("direction", "near", "outskirts", "between")


@dataclass(frozen=True, slots=True)
class ClaimCheck:
    """The measurement and verdict of one claim.

    Parameters
    ----------
    verdict : str
        One of :data:`VERDICTS`.
    measured_distance_km, measured_bearing_deg : float or None
        Geodesic distance and initial bearing from anchor to subject.
    distance_off_km, bearing_off_deg : float or None
        How far outside the claimed ranges the subject lies (0 when inside).
    region : shapely Polygon or None
        The claimed region (an annular sector, or a buffer for "near"), lon/lat.
    estimate_lat, estimate_lon, estimate_radius_m : float or None
        For an unresolved subject: the region's centroid and radius, its estimated location.
    reason : str
        A sentence explaining the verdict.
    """

    verdict: str
    measured_distance_km: float | None = None
    measured_bearing_deg: float | None = None
    distance_off_km: float | None = None
    bearing_off_deg: float | None = None
    region: BaseGeometry | None = None
    estimate_lat: float | None = None
    estimate_lon: float | None = None
    estimate_radius_m: float | None = None
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Claim:
    """A relative-location statement and its check.

    Parameters
    ----------
    doc_id : str
        The document.
    text : str
        The claim phrase as written ("some 20 km (12 miles) north of Hama city").
    start, end : int
        Offsets of the phrase in the document text.
    sentence : str
        Its sentence.
    relation : str
        ``"direction"`` (distance and/or bearing), ``"near"``, ``"outskirts"``, ``"between"``.
    subject, anchor : Resolution
        What is located, and what it is located from. ``anchor2`` for "between X and Y".
    distance_km : float or None
        Stated distance, in km (the middle of a range).
    distance_min_km, distance_max_km : float or None
        The claimed distance range after the qualifier and precision are applied.
    qualifier : str or None
        "some", "about", "up to", "within", "more than", ...
    bearing_deg : float or None
        Stated compass bearing from the anchor to the subject.
    bearing_tolerance_deg : float or None
        Half the compass sector (N: 45, NE: 22.5, ENE: 11.25).
    check : ClaimCheck
        The measurement and verdict.
    from_extent : bool
        Measured from the anchor's extent ("2 km east of the Old City walls").
    """

    doc_id: str
    text: str
    start: int
    end: int
    sentence: str
    relation: str
    subject: Resolution
    anchor: Resolution
    distance_km: float | None = None
    distance_min_km: float | None = None
    distance_max_km: float | None = None
    qualifier: str | None = None
    bearing_deg: float | None = None
    bearing_tolerance_deg: float | None = None
    anchor2: Resolution | None = None
    check: ClaimCheck | None = None
    from_extent: bool = False

    @property
    def verdict(self) -> str:
        """The check's verdict, ``"unverifiable"`` when not checked."""
        return self.check.verdict if self.check is not None else "unverifiable"


@dataclass(frozen=True, slots=True)
class ClaimDraft:
    """A relative-location statement as read, before its places are resolved.

    Parameters
    ----------
    doc_id : str
        The document.
    text : str
        The claim phrase ("some 20 km (12 miles) north of Hama city").
    start, end : int
        Offsets of the phrase in the document text.
    sentence : str
        Its sentence.
    relation : str
        One of :data:`RELATIONS`.
    subject_mention : Mention or None
        The place located; None when no place mention is the subject.
    subject_text : str
        The subject as written (the mention's text, or the words before the phrase).
    anchor_mention : Mention
        What it is located from: a place mention, or ``source="anaphor"`` for
        "it", "the capital", "the city", "the Old City", ...
    anchor2_mention : Mention or None
        The second anchor of "between X and Y".
    distance_km : float or None
        Stated distance in km (middle of a range); None for direction only.
    distance_min_km, distance_max_km : float or None
        The range after precision and qualifier.
    qualifier : str or None
        "some", "about", "within", "more than", ...
    bearing_deg, bearing_tolerance_deg : float or None
        Compass bearing anchor → subject and half its sector.
    from_extent : bool
        Measured from the anchor's extent ("walls", "outskirts").
    subject_start, subject_end : int or None
        Offsets of ``subject_text``.
    anchor_antecedent : Mention or None
        For an "it" anchor: the place it most likely refers to (the previous
        claim's anchor, or the nearest preceding place mention).
    """

    doc_id: str
    text: str
    start: int
    end: int
    sentence: str
    relation: str
    subject_mention: Mention | None
    subject_text: str
    anchor_mention: Mention
    anchor2_mention: Mention | None = None
    distance_km: float | None = None
    distance_min_km: float | None = None
    distance_max_km: float | None = None
    qualifier: str | None = None
    bearing_deg: float | None = None
    bearing_tolerance_deg: float | None = None
    from_extent: bool = False
    subject_start: int | None = None
    subject_end: int | None = None
    anchor_antecedent: Mention | None = None

    def __post_init__(self) -> None:
        check_option("relation", self.relation, RELATIONS)
        for name in ("distance_km", "distance_min_km", "distance_max_km"):
            value = getattr(self, name)
            if value is not None and (math.isnan(value) or value < 0):
                from geo_syria.exc import InvalidOptionError

                raise InvalidOptionError(f"{name}={value!r} must be a number >= 0 (km)")


# --- checking --------------------------------------------------------------------------


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
    >>> from geo_syria.documents import Document
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
    >>> from geo_syria.documents import Document
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
        missing = "anchor" if anchor_place is None else "second anchor"
        return ClaimCheck(
            verdict="unverifiable",
            reason=f"the {missing} {draft.anchor_mention.text!r} is not resolved",
        )
    from shapely.geometry import Point

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
    x, y = to_local.transform(subject_place.lon, subject_place.lat)
    disk = Point(x, y).buffer(subject_place.precision_m, quad_segs=16)
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
    >>> from geo_syria.documents import Document
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
    from shapely.geometry import Point

    region_local, to_local, _ = _region_local(anchor_place, draft, anchor2_place)
    x, y = to_local.transform(subject_place.lon, subject_place.lat)
    gap_km = region_local.distance(Point(x, y).buffer(subject_place.precision_m)) / 1000.0
    if gap_km <= 0:
        return 1.0
    scale = max(FIT_SCALE_KM, (draft.distance_max_km or 0.0) / 4)
    return math.exp(-gap_km / scale)


def make_claim(
    draft: ClaimDraft,
    subject_resolution: Resolution | None,
    anchor_resolution: Resolution | None,
    anchor2_resolution: Resolution | None = None,
) -> Claim:
    """Return the :class:`Claim` of a draft and its resolutions, checked.

    A missing resolution stands for an unresolved name: the claim keeps a
    ``Resolution(place=None)`` for it and its check is ``unverifiable``.

    Examples
    --------
    >>> from geo_syria.documents import Document
    >>> doc = Document("d", "The town lies 20 km north of Hama.")
    >>> draft = find_claims(doc, [Mention("d", 29, 33, "Hama", doc.text, 0)])[0]
    >>> claim = make_claim(draft, None, None)
    >>> claim.subject.mention.text, claim.verdict
    ('The town', 'unverifiable')
    """
    from geo_syria.resolve import Resolution

    def unresolved(mention: Mention | None) -> Resolution:
        return Resolution(mention=mention, place=None, reasons=("not resolved",))

    subject_mention = draft.subject_mention
    if subject_mention is None:
        start = draft.subject_start if draft.subject_start is not None else draft.start
        subject_mention = Mention(
            draft.doc_id,
            start,
            draft.subject_end if draft.subject_end is not None else start,
            draft.subject_text,
            draft.sentence,
            0,
            cue="claim subject",
            source="cue",
        )
    subject = subject_resolution or unresolved(subject_mention)
    anchor = anchor_resolution or unresolved(draft.anchor_mention)
    anchor2 = anchor2_resolution
    if anchor2 is None and draft.anchor2_mention is not None:
        anchor2 = unresolved(draft.anchor2_mention)
    check = check_claim(
        draft,
        subject.place,
        anchor.place,
        anchor2_place=anchor2.place if anchor2 is not None else None,
    )
    return Claim(
        doc_id=draft.doc_id,
        text=draft.text,
        start=draft.start,
        end=draft.end,
        sentence=draft.sentence,
        relation=draft.relation,
        subject=subject,
        anchor=anchor,
        distance_km=draft.distance_km,
        distance_min_km=draft.distance_min_km,
        distance_max_km=draft.distance_max_km,
        qualifier=draft.qualifier,
        bearing_deg=draft.bearing_deg,
        bearing_tolerance_deg=draft.bearing_tolerance_deg,
        anchor2=anchor2,
        check=check,
        from_extent=draft.from_extent,
    )
