"""Claim values: what a claim states (:class:`ClaimDraft`), its check and the checked claim."""

from __future__ import annotations

import math
from dataclasses import KW_ONLY, dataclass, field, fields
from typing import TYPE_CHECKING

from geo_syria.checks import check_option
from geo_syria.claims.geometry import ClaimGeometry, RegionSpec
from geo_syria.exc import InvalidOptionError

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from geo_syria.place import Place
    from geo_syria.recognize import Mention
    from geo_syria.resolve import Resolution

__all__ = [
    "RELATIONS",
    "VERDICTS",
    "Claim",
    "ClaimCheck",
    "ClaimDraft",
    "ClaimedRegion",
    "spec_of",
    "stated",
]

#: Possible verdicts of a checked claim.
VERDICTS = ("consistent", "inconsistent", "unverifiable")
#: Relations a claim may state.
RELATIONS = ("direction", "near", "outskirts", "between")


@dataclass(frozen=True, slots=True)
class ClaimedRegion:
    """The region a claim allows around its anchor: drawn (in lon/lat) when first asked for.

    A check measures the distance to the region without drawing it
    (:meth:`ClaimGeometry.core <geo_syria.claims.geometry.ClaimGeometry.core>`); only a map
    or an export needs the polygon, which :attr:`polygon` builds once and keeps.

    Parameters
    ----------
    anchor : Place
        The place the claim measures from.
    spec : RegionSpec
        What the claim states.
    anchor2 : Place or None
        The second anchor of "between X and Y".
    geometry : ClaimGeometry, optional
        The builder whose memos to use (a fresh one when None).

    Examples
    --------
    >>> from geo_syria.place import Place
    >>> hama = Place(id="curated:hama", name="Hama", lat=35.1318, lon=36.7578,
    ...              feature_type="city", precision_m=1000)
    >>> region = ClaimedRegion(hama, RegionSpec("direction", 15, 25, 0.0, 45.0))
    >>> region.polygon.bounds[1] > hama.lat
    True
    """

    anchor: Place
    spec: RegionSpec
    anchor2: Place | None = None
    geometry: ClaimGeometry | None = field(default=None, repr=False, compare=False)
    _polygon: BaseGeometry | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def polygon(self) -> BaseGeometry:
        """The region in lon/lat (a shapely polygon), built on first use."""
        if self._polygon is None:
            geometry = self.geometry or ClaimGeometry()
            drawn = geometry.region(self.anchor, self.spec, self.anchor2)[0]
            object.__setattr__(self, "_polygon", drawn)  # a memo: the value follows the fields
        return self._polygon


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
    claimed : ClaimedRegion or None
        The claimed region, drawn when :attr:`region` is first read.
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
    claimed: ClaimedRegion | None = None
    estimate_lat: float | None = None
    estimate_lon: float | None = None
    estimate_radius_m: float | None = None
    reason: str = ""

    @property
    def region(self) -> BaseGeometry | None:
        """The claimed region (an annular sector, or a buffer for "near"), lon/lat, or None."""
        return self.claimed.polygon if self.claimed is not None else None


@dataclass(frozen=True, slots=True)
class _Statement:
    """What a claim phrase states: the fields :class:`ClaimDraft` and :class:`Claim` share.

    The phrase and its relation are positional; the stated numbers and
    ``from_extent`` are keyword-only, so that each subclass adds its own
    positional fields after ``relation``. :func:`stated` copies them from
    a draft to its claim.
    """

    doc_id: str
    text: str
    start: int
    end: int
    sentence: str
    relation: str
    _: KW_ONLY
    distance_km: float | None = None
    distance_min_km: float | None = None
    distance_max_km: float | None = None
    qualifier: str | None = None
    bearing_deg: float | None = None
    bearing_tolerance_deg: float | None = None
    from_extent: bool = False


#: The names of the fields of :class:`_Statement`.
_STATED = tuple(f.name for f in fields(_Statement))


def stated(statement: _Statement) -> dict:
    """Return the fields of :class:`_Statement` of a draft or claim, by name."""
    return {name: getattr(statement, name) for name in _STATED}


@dataclass(frozen=True, slots=True)
class Claim(_Statement):
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

    subject: Resolution
    anchor: Resolution
    _: KW_ONLY
    anchor2: Resolution | None = None
    check: ClaimCheck | None = None

    @property
    def verdict(self) -> str:
        """The check's verdict, ``"unverifiable"`` when not checked."""
        return self.check.verdict if self.check is not None else "unverifiable"


@dataclass(frozen=True, slots=True)
class ClaimDraft(_Statement):
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
    sentence_start : int
        Offset of ``sentence`` in the document text.
    subject_how : str
        How the subject was read (:data:`geo_syria.claims.subject.SUBJECT_HOW`):
        ``"apposition"`` or ``"anaphor"`` from the claim's syntax; ``"nearest"``
        (the nearest mention in the clause) or ``"words"`` when guessed; ``"qualified"``
        for a name qualified by the words before it ("Eastern Aleppo", "east of Palmyra").
    distance_problem : str or None
        Why the stated distance could not be read ("-5", "1e309", a number out of
        range): the claim is kept, without a distance, and is unverifiable.
    anchor_landmark : str or None
        The landmark the phrase measures from when it is not the anchor place itself
        ("border", "airport", "Dam" in "the Rastan Dam"): the anchor place then only
        names it.
    """

    subject_mention: Mention | None
    subject_text: str
    anchor_mention: Mention
    anchor2_mention: Mention | None = None
    _: KW_ONLY
    subject_start: int | None = None
    subject_end: int | None = None
    anchor_antecedent: Mention | None = None
    sentence_start: int = 0
    subject_how: str = "nearest"
    anchor_landmark: str | None = None
    distance_problem: str | None = None

    def __post_init__(self) -> None:
        check_option("relation", self.relation, RELATIONS)
        for name in ("distance_km", "distance_min_km", "distance_max_km"):
            value = getattr(self, name)
            if value is not None and (math.isnan(value) or value < 0):
                raise InvalidOptionError(f"{name}={value!r} must be a number >= 0 (km)")

    @property
    def spec(self) -> RegionSpec:
        """What the claim states about where its subject is, for the region builder."""
        return spec_of(self)

    def fit(self, subject: Place, anchor: Place, *, cache: ClaimGeometry | None = None) -> float:
        """Return 0..1: how well this claim fits a subject and anchor (see :func:`claim_fit`).

        ``cache`` is the geometry builder that memoises regions (a fresh one when None).
        """
        if self.relation == "between":
            return 0.0  # a second anchor is needed
        return (cache or ClaimGeometry()).fit(self.spec, subject, anchor)


def spec_of(statement: _Statement) -> RegionSpec:
    """Return what a draft or claim states about where its subject is."""
    return RegionSpec(
        statement.relation,
        statement.distance_min_km,
        statement.distance_max_km,
        statement.bearing_deg,
        statement.bearing_tolerance_deg,
        statement.from_extent,
    )
