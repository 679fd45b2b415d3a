"""The options of a gazetteer search, checked once, and the biases they put on candidates."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from geo_syria.checks import check_latlon, check_option, check_positive
from geo_syria.exc import InvalidOptionError
from geo_syria.gazetteer.scoring import ADMIN_BIAS, ADMIN_PENALTY, Match
from geo_syria.gazetteer.spatial import haversine_km
from geo_syria.names import variant_key

if TYPE_CHECKING:
    from geo_syria.place import Place

__all__ = ["SearchOptions", "apply_biases", "check_confidence", "check_search_options"]


def check_confidence(name: str, value: object) -> float:
    """Return ``value`` as a float if it is a confidence between 0 and 1.

    Raises
    ------
    InvalidOptionError
        Naming the argument, the value and the allowed range.

    Examples
    --------
    >>> check_confidence("min_confidence", 0.55)
    0.55
    >>> check_confidence("min_confidence", "high")
    Traceback (most recent call last):
    ...
    geo_syria.exc.InvalidOptionError: min_confidence='high' is out of range; allowed 0..1
    """
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        number = float("nan")
    if not 0.0 <= number <= 1.0:
        raise InvalidOptionError(f"{name}={value!r} is out of range; allowed 0..1")
    return number


@dataclass(frozen=True, slots=True)
class SearchOptions:
    """The checked options of :meth:`Gazetteer.search <geo_syria.gazetteer.Gazetteer.search>`.

    Parameters
    ----------
    point : (lat, lon) or None
        The ``near`` bias point.
    radius_km : float or None
        Keep only places within this radius of ``point``.
    admin_key : str or None
        Variant key of the ``admin1`` bias.
    feature_types : tuple of str
        Keep only these types (empty: all).
    in_syria : bool or None
        Keep only places inside (True) or outside (False) Syria.
    limit : int
        Most candidates returned.
    min_confidence : float
        Lowest calibrated confidence returned.
    """

    point: tuple[float, float] | None
    radius_km: float | None
    admin_key: str | None
    feature_types: tuple[str, ...]
    in_syria: bool | None
    limit: int
    min_confidence: float


def check_search_options(
    *,
    near: tuple[float, float] | Place | None,
    radius_km: float | None,
    admin1: str | None,
    feature_types: Sequence[str] | None,
    in_syria: bool | None,
    limit: int,
    min_confidence: float,
) -> SearchOptions:
    """Return the search options checked, raising on the first bad one.

    Raises
    ------
    InvalidOptionError
        For a bad ``near``, ``radius_km``, ``limit``, ``min_confidence`` or feature type.

    Examples
    --------
    >>> check_search_options(near=None, radius_km=None, admin1=None, feature_types=None,
    ...                      in_syria=None, limit=3, min_confidence=0.0).limit
    3
    >>> check_search_options(near=None, radius_km=None, admin1=None, feature_types=None,
    ...                      in_syria=None, limit=3, min_confidence=1.5)
    Traceback (most recent call last):
    ...
    geo_syria.exc.InvalidOptionError: min_confidence=1.5 is out of range; allowed 0..1
    """
    from geo_syria.place import FEATURE_TYPES

    limit = int(check_positive("limit", limit))
    for ft in feature_types or ():
        check_option("feature_types", ft, FEATURE_TYPES)
    min_confidence = check_confidence("min_confidence", min_confidence)
    point = None
    if near is not None:
        point = (near.lat, near.lon) if hasattr(near, "lat") else check_latlon(*near, name="near")
    if radius_km is not None:
        check_positive("radius_km", radius_km)
        if point is None:
            raise InvalidOptionError(
                f"radius_km={radius_km!r} needs a centre: give near=(lat, lon) or "
                "near=<Place> as well"
            )
    return SearchOptions(
        point=point,
        radius_km=radius_km,
        admin_key=variant_key(admin1) if admin1 else None,
        feature_types=tuple(feature_types or ()),
        in_syria=in_syria,
        limit=limit,
        min_confidence=min_confidence,
    )


def apply_biases(matches: Iterable[Match], options: SearchOptions) -> list[Match]:
    """Return the matches filtered and re-scored by the options, one per place, best first.

    Examples
    --------
    >>> opts = check_search_options(near=None, radius_km=None, admin1=None,
    ...                             feature_types=None, in_syria=None, limit=3,
    ...                             min_confidence=0.0)
    >>> apply_biases([], opts)
    []
    """
    best: dict[str, Match] = {}
    for m in matches:
        p = m.place
        if options.feature_types and p.feature_type not in options.feature_types:
            continue
        if options.in_syria is not None and p.in_syria != options.in_syria:
            continue
        score, dist = m.score, None
        if options.admin_key is not None:
            in_admin = options.admin_key in {
                variant_key(p.admin1 or ""),
                variant_key(p.admin1_pcode or ""),
            } or options.admin_key == variant_key(p.name)
            score *= ADMIN_BIAS if in_admin else ADMIN_PENALTY
        if options.point is not None:
            dist = float(haversine_km(options.point[0], options.point[1], p.lat, p.lon))
            if options.radius_km is not None and dist > options.radius_km:
                continue
            score *= 1.0 / (1.0 + dist / 50.0)
        score = min(score, 1.0)
        if p.id not in best or best[p.id].score < score:
            best[p.id] = Match(p, score, m.matched_name, m.how, m.name_score, dist)
    return sorted(best.values(), key=lambda m: -m.score)
