"""Repeated claims drawn once, and claim shapes at the precision they carry.

A claim that several reports make — the same subject place, anchor place and
statement (relation, distance range, bearing) — is one feature on the map: its
popup says how many reports made it and lists them (document, date, sentence),
paged like a place's mentions. A corpus that repeats a wire story then draws one
sector, not hundreds stacked on each other.

Claim regions are annular sectors or buffers traced with hundreds of vertices at
full float precision; their stated distances are good to a kilometre at best. They
go to the page simplified (tolerance a fraction of a percent of the region's size,
at most about 100 m) with coordinates rounded to 5 decimals (about 1 m).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from geo_syria.render.popups import MAX_MENTIONS, claim_head, pager_html, report_item
from geo_syria.text import count

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from geo_syria.claims import Claim
    from geo_syria.documents import Document
    from geo_syria.resolve import Resolution

__all__ = ["claim_groups", "claim_key", "compact_geometry", "group_popup"]

#: Decimals kept in claim coordinates (1e-5 degrees is about a metre).
DECIMALS = 5

#: Simplification tolerance: this fraction of the region's larger side, in degrees ...
_TOLERANCE_SHARE = 1 / 500
#: ... and never more than this (about 100 m), nor less than the rounding.
_MAX_TOLERANCE = 1e-3


def _who(resolution: Resolution | None) -> tuple[str, str] | None:
    """Return a resolution as part of a key: its place id, else its name as written (folded)."""
    if resolution is None:
        return None
    if resolution.place is not None:
        return ("place", resolution.place.id)
    return ("name", " ".join(resolution.mention.text.casefold().split()))


def claim_key(claim: Claim) -> tuple:
    """Return what makes two claims the same statement about the same places.

    The subject, anchor (and second anchor) by place id — by name when unresolved —,
    the relation, the stated distance range, qualifier, bearing and sector, whether it
    is measured from the anchor's extent, and the verdict (so that claims whose
    checks disagree are never merged).

    Examples
    --------
    >>> import sys; sys.path.insert(0, "tests")
    >>> from _reports import map_report
    >>> a, b, _ = map_report().claims
    >>> claim_key(a) == claim_key(a), claim_key(a) == claim_key(b)
    (True, False)
    """
    return (
        _who(claim.subject),
        _who(claim.anchor),
        _who(claim.anchor2),
        claim.relation,
        claim.distance_km,
        claim.distance_min_km,
        claim.distance_max_km,
        claim.qualifier,
        claim.bearing_deg,
        claim.bearing_tolerance_deg,
        claim.from_extent,
        claim.verdict,
    )


def claim_groups(claims: Sequence[Claim]) -> list[tuple[Claim, ...]]:
    """Return the claims grouped by :func:`claim_key`, in order of first appearance.

    Examples
    --------
    >>> import sys; sys.path.insert(0, "tests")
    >>> from _reports import map_report
    >>> claims = map_report().claims
    >>> [len(g) for g in claim_groups(claims + claims[:1])]
    [2, 1, 1]
    """
    groups: dict[tuple, list[Claim]] = {}
    for claim in claims:
        groups.setdefault(claim_key(claim), []).append(claim)
    return [tuple(group) for group in groups.values()]


def compact_geometry(geom: BaseGeometry, *, decimals: int = DECIMALS) -> dict[str, Any]:
    """Return ``geom`` as GeoJSON, simplified and rounded to the precision a claim carries.

    The tolerance is 1/500 of the geometry's larger side in degrees (about 60 m for a
    30 km sector), at most ``1e-3`` and at least the rounding step; topology is kept.

    Examples
    --------
    >>> from shapely.geometry import Point
    >>> disk = Point(36.7, 35.1).buffer(0.2, quad_segs=64)
    >>> small = compact_geometry(disk)
    >>> len(disk.exterior.coords), len(small["coordinates"][0]) < 70
    (257, True)
    >>> max(len(repr(c).split(".")[1]) for xy in small["coordinates"][0] for c in xy) <= 5
    True
    """
    import numpy as np
    import shapely
    from shapely.geometry import mapping

    minx, miny, maxx, maxy = geom.bounds
    step = 10.0**-decimals
    tolerance = min(_MAX_TOLERANCE, max(step, max(maxx - minx, maxy - miny) * _TOLERANCE_SHARE))
    simple = geom.simplify(tolerance, preserve_topology=True)
    if simple.is_empty:
        simple = geom
    rounded = shapely.transform(simple, lambda xy: np.round(xy, decimals))
    return _plain(mapping(rounded))


def _plain(value: Any) -> Any:
    """Return a GeoJSON mapping with lists for tuples and Python floats (for any encoder)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, str | int):
        return value
    return float(value)


def group_popup(
    group: Sequence[Claim],
    documents: Mapping[str, Document],
    *,
    key: str,
    per_page: int = MAX_MENTIONS,
) -> str:
    """Return the popup of a claim made by one or more reports: the claim, then its reports.

    Past ``per_page`` reports a pager turns the pages; ``key`` names the group's
    reports in the page's evidence (:mod:`geo_syria.render.evidence`).
    """
    n = len(group)
    pager = pager_html(key, n, per_page, noun="reports") if n > per_page else ""
    items = "".join(report_item(c, documents) for c in group[:per_page])
    return (
        f'<div class="gs-popup gs-claim">{claim_head(group[0])}'
        f"<p>reported {count(n, 'time')}:</p>"
        f'{pager}<ol class="gs-mentions">{items}</ol></div>'
    )
