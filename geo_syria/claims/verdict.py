"""The verdict policy: a claim is called inconsistent only when nothing in the reading is a guess.

A false "inconsistent" accuses a reporter, so the geometric verdict of
:func:`~geo_syria.claims.check.check_claim` is only the first word. :func:`judge` keeps an
"inconsistent" verdict only when

* the subject was read from the claim's own syntax ("X, 20 km north of Y", "It lies ...",
  "the village of X"), not guessed as the nearest name in the clause;
* subject and anchor are resolved with confidence: neither is a loose (fuzzy) spelling, a
  weakly chosen namesake, or an anaphor bound only to "the nearest preceding place";
* the anchor is the place itself, not a landmark named after it ("the Tishrin Dam", "the
  border with Turkey"), and the subject is neither the anchor nor a country;
* the subject lies clearly outside: a compass word is loose by half a sector
  (:data:`LOOSE_BEARING_DEG`), and a stated distance up to :data:`ROAD_RATIO` times the
  straight line is what a road distance is ("stated distance matches a road distance"),
  and a vague count ("several kilometres", "a few km") holds the reporter to no distance:
  only its bearing can be found wrong;
* "near" goes both ways: "Manbij, near the Tishrin Dam" is as near as "the Tishrin Dam,
  near Manbij", so the reach of "near" is that of the larger of the two places
  (:func:`~geo_syria.claims.geometry.near_km`: a city's 40 km, not a landmark's 10).

Otherwise the verdict is "unverifiable" (or "consistent", for a road distance) with the
reason in words. Direction-only claims ("east of the capital") are judged by their bearing
alone: no maximum distance is implied.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from geo_syria.claims.geometry import near_km
from geo_syria.resolve import How

if TYPE_CHECKING:
    from geo_syria.claims.model import ClaimCheck, ClaimDraft
    from geo_syria.resolve import Resolution

__all__ = ["LOOSE_BEARING_DEG", "MIN_CONFIDENCE", "ROAD_RATIO", "judge"]

#: Degrees beyond a compass word's sector that a writer's direction may still mean.
LOOSE_BEARING_DEG = 22.5
#: Stated distances from these multiples of the straight line are read as road distances.
ROAD_RATIO_MIN, ROAD_RATIO = 1.1, 1.5
#: ... and at least this many km longer: a few km are the places' own size, not a road.
ROAD_MIN_KM = 5.0
#: Least resolution confidence of subject and anchor for an "inconsistent" verdict.
MIN_CONFIDENCE = 0.75
#: Vague counts of a distance ("several kilometres"): no distance a reporter is held to.
_VAGUE = re.compile(r"\b(?:a\s+few|a\s+couple\s+of|several)\b", re.IGNORECASE)
#: Feature types that have no single point a distance could be measured from.
_AREAS = frozenset({"country", "governorate", "region", "district", "subdistrict"})


def _unverifiable(check: ClaimCheck, why: str, *, keep_region: bool = True) -> ClaimCheck:
    return replace(
        check,
        verdict="unverifiable",
        reason=f"{why}; {check.reason}" if check.reason else why,
        claimed=check.claimed if keep_region else None,
        estimate_lat=check.estimate_lat if keep_region else None,
        estimate_lon=check.estimate_lon if keep_region else None,
        estimate_radius_m=check.estimate_radius_m if keep_region else None,
    )


def _doubt(resolution: Resolution, role: str) -> str | None:
    """Return why a resolution is too weak to accuse on, or None."""
    place = resolution.place
    name = resolution.mention.text if resolution.mention is not None else place.name
    if How.FUZZY in resolution.how:
        return f"the {role} {name!r} matches {place.name!r} only by a loose spelling"
    anaphor = resolution.mention is not None and resolution.mention.source == "anaphor"
    if role == "anchor" and anaphor and How.POSITIONAL in resolution.how:
        return f"the {role} {name!r} is bound to {place.name} only by its position"
    # an anchor's namesakes that are areas (Raqqa governorate for Raqqa) are not what a
    # distance is measured from: they leave no doubt about the city
    areas_only = place.feature_type not in _AREAS and all(
        m.place.feature_type in _AREAS for m in resolution.alternatives
    )
    if resolution.confidence < MIN_CONFIDENCE and not (role == "anchor" and areas_only):
        return (
            f"the {role} {name!r} is {place.name} with confidence {resolution.confidence:.2f} "
            "only (another place of that name may be meant)"
        )
    return None


def _guess(draft: ClaimDraft, subject: Resolution, anchor: Resolution) -> str | None:
    """Return why the reading of a claim rests on a guess, or None when it does not."""
    if draft.subject_how == "qualified":
        return (
            f"the subject is {draft.subject_text!r}: a part of {subject.place.name} or a place "
            f"measured from it, not {subject.place.name} itself"
        )
    if draft.subject_how not in ("apposition", "anaphor"):
        return (
            f"the subject {draft.subject_text!r} is the nearest name before the phrase, "
            "not read from the claim's own words"
        )
    if subject.place.feature_type in _AREAS:
        return f"{subject.place.name} is a {subject.place.feature_type}, not a located place"
    return _doubt(subject, "subject") or _doubt(anchor, "anchor")


def judge(
    draft: ClaimDraft, subject: Resolution, anchor: Resolution, check: ClaimCheck
) -> ClaimCheck:
    """Return the check of a claim with the policy applied (see the module's text).

    Parameters
    ----------
    draft : ClaimDraft
        The claim as read.
    subject, anchor : Resolution
        Its resolved subject and anchor.
    check : ClaimCheck
        The geometric check (:func:`~geo_syria.claims.check.check_claim`).

    Returns
    -------
    ClaimCheck
    """
    if draft.distance_problem is not None:
        kept = replace(check, reason="the claim is kept without its distance")
        return _unverifiable(kept, draft.distance_problem, keep_region=False)
    if anchor.place is None:
        return check
    if draft.anchor_landmark is not None:
        return _unverifiable(
            check,
            f"the phrase measures from {draft.anchor_landmark!r}, which the gazetteer does not "
            f"hold; {anchor.place.name} only names it",
            keep_region=False,
        )
    if draft.relation in ("near", "outskirts") and anchor.place.feature_type in _AREAS:
        return _unverifiable(
            check, f"'near' a {anchor.place.feature_type} ({anchor.place.name}) has no set reach"
        )
    if subject.place is None:
        return check
    if subject.place.id == anchor.place.id:
        return _unverifiable(check, "the subject is the anchor itself: no claim to check")
    road = _road_distance(draft, check)
    if check.verdict == "consistent" and road is not None:
        return replace(check, reason=f"{check.reason}; {road}")
    if check.verdict != "inconsistent":
        return check
    if road is not None:
        return replace(check, verdict="consistent", reason=f"{check.reason}; {road}")
    if draft.relation == "near":
        check = _near_both_ways(subject, anchor, check)
        if check.verdict != "inconsistent":
            return check
    if draft.relation == "direction" and draft.distance_max_km is None:
        return _bearing_only(draft, subject, anchor, check)
    vague = _VAGUE.search(draft.text)
    if vague is not None and (check.bearing_off_deg or 0.0) <= LOOSE_BEARING_DEG:
        return _unverifiable(
            check, f"{vague.group().lower()!r} is a vague count: no distance to hold it to"
        )
    doubt = _guess(draft, subject, anchor)
    if doubt is not None:
        return _unverifiable(check, doubt)
    if (check.distance_off_km or 0.0) == 0.0 and (
        check.bearing_off_deg or 0.0
    ) <= LOOSE_BEARING_DEG:
        return _unverifiable(
            check,
            f"{check.bearing_off_deg:.0f}° outside the stated direction, within the looseness "
            "of a compass word",
        )
    return check


def _near_both_ways(subject: Resolution, anchor: Resolution, check: ClaimCheck) -> ClaimCheck:
    """Judge "near" by the larger reach of subject and anchor (nearness is symmetric).

    The region's reach is the anchor's; a subject with a wider one (a city near a dam) is
    near when its own reach covers the gap. Only the gap beyond the wider reach is off.
    """
    wider = near_km(subject.place) - near_km(anchor.place)
    if wider <= 0 or check.distance_off_km is None or check.measured_distance_km is None:
        return check
    off = round(max(0.0, check.distance_off_km - wider), 3)
    where = (
        f"{subject.place.name} lies {check.measured_distance_km:.1f} km from {anchor.place.name}"
    )
    reach = (
        f"'near' reaches {near_km(subject.place):.0f} km around {subject.place.name}, a "
        f"{subject.place.feature_type}, and nearness goes both ways"
    )
    if off == 0.0:
        return replace(check, verdict="consistent", distance_off_km=0.0, reason=f"{where}: {reach}")
    return replace(
        check, distance_off_km=off, reason=f"{where}: {off:.1f} km beyond that reach; {reach}"
    )


def _road_distance(draft: ClaimDraft, check: ClaimCheck) -> str | None:
    """Say so when a stated distance is what the straight line measures along a road."""
    measured, stated = check.measured_distance_km, draft.distance_km
    if (
        draft.relation != "direction"
        or not stated
        or not measured
        or (check.bearing_off_deg or 0.0) > 0.0
    ):
        return None
    ratio = stated / measured
    if not ROAD_RATIO_MIN <= ratio <= ROAD_RATIO or stated - measured < ROAD_MIN_KM:
        return None
    return (
        f"stated distance matches a road distance ({stated:.0f} km stated, {ratio:.2f} times "
        f"the {measured:.0f} km straight line)"
    )


def _bearing_only(
    draft: ClaimDraft, subject: Resolution, anchor: Resolution, check: ClaimCheck
) -> ClaimCheck:
    """Judge a direction-only claim by its bearing: no distance is implied."""
    off = check.bearing_off_deg or 0.0
    where = (
        f"{subject.place.name} lies {check.measured_distance_km:.1f} km at "
        f"{check.measured_bearing_deg:.0f}° from {anchor.place.name}"
    )
    if off == 0.0:
        return replace(
            check,
            verdict="consistent",
            distance_off_km=0.0,
            reason=f"{where}, in the stated direction (no distance is stated)",
        )
    doubt = _guess(draft, subject, anchor)
    if doubt is None and off > LOOSE_BEARING_DEG:
        return replace(
            check, distance_off_km=0.0, reason=f"{where}: {off:.0f}° outside the stated direction"
        )
    return _unverifiable(
        replace(check, distance_off_km=0.0, reason=where),
        doubt or f"{off:.0f}° outside the stated direction, within the looseness of a compass word",
    )
