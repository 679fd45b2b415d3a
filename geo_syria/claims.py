"""Claims: relative-location statements ("20 km north of Hama"), parsed and checked."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from geo_syria.resolve import Resolution

__all__ = ["VERDICTS", "Claim", "ClaimCheck"]

#: Possible verdicts of a checked claim.
VERDICTS = ("consistent", "inconsistent", "unverifiable")


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

    @property
    def verdict(self) -> str:
        """The check's verdict, ``"unverifiable"`` when not checked."""
        return self.check.verdict if self.check is not None else "unverifiable"
