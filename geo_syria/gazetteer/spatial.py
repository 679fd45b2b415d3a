"""Distances and point queries over the gazetteer's coordinates."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

from geo_syria.geo import EARTH_RADIUS_KM, haversine_km

__all__ = ["EARTH_RADIUS_KM", "bbox_mask", "haversine_km"]


def bbox_mask(
    coords: np.ndarray, min_lat: float, min_lon: float, max_lat: float, max_lon: float
) -> np.ndarray:
    """Return a boolean mask of the ``(lat, lon)`` rows inside a bounding box.

    Examples
    --------
    >>> import numpy as np
    >>> bbox_mask(np.array([[33.5, 36.3], [41.0, 28.9]]), 32, 35, 37, 42).tolist()
    [True, False]
    """
    return (
        (coords[:, 0] >= min_lat)
        & (coords[:, 0] <= max_lat)
        & (coords[:, 1] >= min_lon)
        & (coords[:, 1] <= max_lon)
    )
