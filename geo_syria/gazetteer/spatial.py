"""Distances and point queries over the gazetteer's coordinates."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

__all__ = ["EARTH_RADIUS_KM", "bbox_mask", "haversine_km"]

#: Mean Earth radius (IUGG), km.
EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2, lon2):
    """Return great-circle distances in km from one point to one or many points.

    Parameters
    ----------
    lat1, lon1 : float
        The first point, degrees.
    lat2, lon2 : float or array-like
        One or many other points, degrees.

    Returns
    -------
    float or numpy.ndarray
        Distances in km.

    Examples
    --------
    >>> round(haversine_km(33.5102, 36.2913, 35.1318, 36.7578))
    185
    """
    import numpy as np

    p1, p2 = np.radians(lat1), np.radians(lat2)
    dphi = p2 - p1
    dlmb = np.radians(np.asarray(lon2) - lon1)
    a = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(a, 1.0)))


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
