"""Bounded memo tables, and the key that tells places apart by value.

The tables are owned by :class:`geo_syria.pipeline.Analyzer` (one set per gazetteer),
never by a module: :meth:`~geo_syria.pipeline.Analyzer.clear` empties them all.

Examples
--------
>>> memo = BoundedCache(2)
>>> memo.put("a", 1), memo.put("b", 2), memo.put("c", 3)
(1, 2, 3)
>>> sorted(memo)
['c']
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from geo_syria.place import Place

__all__ = ["BoundedCache", "place_key"]


class BoundedCache(dict):
    """A dict of memoised results, emptied whenever it would exceed ``max_size`` entries.

    Emptying all at once keeps a hit a plain dict look-up, and bounds memory over long
    runs of different documents.

    Parameters
    ----------
    max_size : int
        The most entries kept.
    """

    __slots__ = ("max_size",)

    def __init__(self, max_size: int) -> None:
        super().__init__()
        self.max_size = max_size

    def put(self, key: Any, value: Any) -> Any:
        """Store ``value`` under ``key`` (emptying the table first when full); return it."""
        if len(self) >= self.max_size:
            self.clear()
        self[key] = value
        return value


def place_key(place: Place | None) -> tuple | None:
    """Return what a place's geometry depends on: its id, point, precision and extent.

    ``Place.__eq__`` compares the id, name and point but not the extent; a memo keyed by
    this key never hands a place another extent's result.

    Examples
    --------
    >>> from geo_syria.place import Place
    >>> from shapely.geometry import box
    >>> a = Place(id="c:x", name="X", lat=1.0, lon=2.0, feature_type="town")
    >>> b = Place(id="c:x", name="X", lat=1.0, lon=2.0, feature_type="town",
    ...           extent=box(1.9, 0.9, 2.1, 1.1))
    >>> a == b, place_key(a) == place_key(b)
    (True, False)
    """
    if place is None:
        return None
    extent = place.extent
    return (
        place.id,
        place.lat,
        place.lon,
        place.precision_m,
        None if extent is None else _Same(extent),
    )


class _Same:
    """A geometry in a memo key: hashed and compared by identity, not by its coordinates.

    Hashing a shapely geometry serialises every vertex (a governorate has thousands);
    geometries are immutable and the key holds this one, so its identity stands for
    its value. An equal geometry in another object is only a memo miss.
    """

    __slots__ = ("geometry",)

    def __init__(self, geometry: object) -> None:
        self.geometry = geometry

    def __hash__(self) -> int:
        return id(self.geometry)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Same) and other.geometry is self.geometry
