"""Merge records of the same place that come from different sources."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from geo_syria.geo import haversine_km
from geo_syria.names import variant_key
from geo_syria.place import Place

__all__ = ["merge_places", "same_place"]

logger = logging.getLogger(__name__)

_POPULATED = frozenset({"city", "town", "village", "neighbourhood", "camp"})
_ADMIN_FIELDS = ("admin1", "admin2", "admin3", "admin1_pcode", "admin2_pcode", "admin3_pcode")


def _km(a: Place, b: Place) -> float:
    return haversine_km(a.lat, a.lon, float(b.lat), float(b.lon))


def _compatible(a: str, b: str) -> bool:
    return a == b or (a in _POPULATED and b in _POPULATED)


def same_place(a: Place, b: Place) -> bool:
    """Return whether two records describe one place.

    They must share a name (by variant key), have compatible feature types and lie
    within the larger of their precisions (at least 1.5 km) of each other.

    Examples
    --------
    >>> a = Place(id="ocha:N1", name="Qaboun", lat=33.546, lon=36.340,
    ...           feature_type="neighbourhood")
    >>> b = Place(id="osm:node/1", name="Al-Qabun", lat=33.549, lon=36.342,
    ...           feature_type="village")
    >>> same_place(a, b)
    True
    """
    if a.country != b.country or not _compatible(a.feature_type, b.feature_type):
        return False
    keys = {variant_key(n) for n in a.names}
    if keys.isdisjoint(variant_key(n) for n in b.names):
        return False
    return _km(a, b) <= max(a.precision_m, b.precision_m, 1500.0) / 1000.0


def _absorb(keep: Place, other: Place) -> Place:
    changes: dict = {
        "variants": tuple(
            dict.fromkeys(n for n in (*keep.variants, *other.names) if n != keep.name)
        ),
        "provenance": tuple(dict.fromkeys((*keep.provenance, *other.provenance))),
        "raw": {
            **(
                {"merged": [*keep.raw.get("merged", []), other.id]}
                if keep.raw
                else {"merged": [other.id]}
            ),
            **keep.raw,
        },
    }
    for name in _ADMIN_FIELDS:
        if getattr(keep, name) is None and getattr(other, name) is not None:
            changes[name] = getattr(other, name)
    if keep.population is None and other.population is not None:
        changes["population"] = other.population
    if keep.extent is None and other.extent is not None:
        changes["extent"] = other.extent
    return keep.evolve(**changes)


def merge_places(places: Iterable[Place]) -> list[Place]:
    """Merge records of the same place; earlier records win and absorb later ones.

    The kept record carries every variant name and every provenance of the records
    merged into it, and fills its missing admin names, P-codes, population and extent
    from them. Records are merged only when :func:`same_place` agrees, even when they
    share an id: a later record whose id is taken by a different place (another
    Suran, 100 km away) is kept too, as ``<id>~2`` (``~3``, ...), with a warning.

    Parameters
    ----------
    places : iterable of Place
        Records in priority order (curated first).

    Returns
    -------
    list of Place

    Examples
    --------
    >>> a = Place(id="ocha:N1", name="Qaboun", lat=33.546, lon=36.340,
    ...           feature_type="neighbourhood")
    >>> b = Place(id="osm:node/1", name="Al-Qabun", lat=33.549, lon=36.342,
    ...           feature_type="village", admin1="Damascus")
    >>> [m] = merge_places([a, b])
    >>> m.id, m.sources, m.admin1
    ('ocha:N1', ('ocha:N1', 'osm:node/1'), 'Damascus')
    >>> hama = Place(id="user:suran", name="Suran", lat=35.29, lon=36.75, feature_type="town")
    >>> aleppo = hama.evolve(lat=36.47, lon=37.43)
    >>> [p.id for p in merge_places([hama, aleppo])]
    ['user:suran', 'user:suran~2']
    """
    kept: list[Place] = []
    by_key: dict[str, list[int]] = {}
    by_id: dict[str, int] = {}
    merged = 0
    for place in places:
        if not place.provenance:
            place = place.evolve(provenance=(_self_provenance(place),))
        target = None
        if place.id in by_id and same_place(kept[by_id[place.id]], place):
            target = by_id[place.id]
        else:
            for key in {variant_key(n) for n in place.names}:
                for i in by_key.get(key, ()):
                    if same_place(kept[i], place):
                        target = i
                        break
                if target is not None:
                    break
        if target is None:
            if place.id in by_id:
                place = _renamed(place, by_id)
            by_id[place.id] = len(kept)
            kept.append(place)
            target = len(kept) - 1
        else:
            kept[target] = _absorb(kept[target], place)
            by_id.setdefault(place.id, target)
            merged += 1
        for key in {variant_key(n) for n in kept[target].names}:
            bucket = by_key.setdefault(key, [])
            if target not in bucket:
                bucket.append(target)
    logger.debug("merge: %d records merged into others, %d places kept", merged, len(kept))
    return kept


def _renamed(place: Place, by_id: dict[str, int]) -> Place:
    """Give a record whose id is taken by a different place the next free ``id~N``."""
    n = 2
    while f"{place.id}~{n}" in by_id:
        n += 1
    new_id = f"{place.id}~{n}"
    logger.warning(
        "merge: %r (%s, %.4f, %.4f) is not the place already holding that id; kept as %r",
        place.id,
        place.name,
        place.lat,
        place.lon,
        new_id,
    )
    return place.evolve(id=new_id)


def _self_provenance(place: Place):
    from geo_syria.place import Provenance

    return Provenance(place.id, place.id.split(":", 1)[0])
