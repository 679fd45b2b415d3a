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
from dataclasses import KW_ONLY, dataclass, fields
from typing import TYPE_CHECKING

from geo_syria._claimcheck import FIT_SCALE_KM, check_claim, claim_fit, claimed_region
from geo_syria._claimread import find_claims
from geo_syria._claimtext import distance_precision, distance_range, parse_bearing, parse_number
from geo_syria._validate import check_option
from geo_syria.recognize import Mention

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from geo_syria.resolve import Resolution

__all__ = [
    "FIT_SCALE_KM",
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
class _Statement:
    """What a claim phrase states: the fields :class:`ClaimDraft` and :class:`Claim` share.

    The phrase and its relation are positional; the stated numbers and
    ``from_extent`` are keyword-only, so that each subclass adds its own
    positional fields after ``relation``. :func:`make_claim` copies them from
    a draft to its claim with :func:`_stated`.
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


def _stated(statement: _Statement) -> dict:
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

    def __post_init__(self) -> None:
        check_option("relation", self.relation, RELATIONS)
        for name in ("distance_km", "distance_min_km", "distance_max_km"):
            value = getattr(self, name)
            if value is not None and (math.isnan(value) or value < 0):
                from geo_syria.exc import InvalidOptionError

                raise InvalidOptionError(f"{name}={value!r} must be a number >= 0 (km)")


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
    subject, anchor, anchor2 = _resolutions(
        draft, subject_resolution, anchor_resolution, anchor2_resolution
    )
    return _claim(draft, subject, anchor, anchor2, _check(draft, subject, anchor, anchor2))


def _check(
    draft: ClaimDraft, subject: Resolution, anchor: Resolution, anchor2: Resolution | None
) -> ClaimCheck:
    """Check a draft against the places of its resolutions (see :func:`check_claim`)."""
    anchor2_place = anchor2.place if anchor2 is not None else None
    return check_claim(draft, subject.place, anchor.place, anchor2_place=anchor2_place)


def _claim(
    draft: ClaimDraft,
    subject: Resolution,
    anchor: Resolution,
    anchor2: Resolution | None,
    check: ClaimCheck,
) -> Claim:
    """Return the :class:`Claim` of a draft, its resolutions and its check."""
    return Claim(**_stated(draft), subject=subject, anchor=anchor, anchor2=anchor2, check=check)


def _resolutions(
    draft: ClaimDraft,
    subject_resolution: Resolution | None,
    anchor_resolution: Resolution | None,
    anchor2_resolution: Resolution | None,
) -> tuple[Resolution, Resolution, Resolution | None]:
    """Return the subject, anchor and second anchor of a claim: unresolved ones stand in.

    An unresolved subject without a mention is the words :func:`find_claims` read.
    """
    from geo_syria.resolve import Resolution

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
