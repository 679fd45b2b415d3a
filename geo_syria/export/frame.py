"""GeoDataFrame: the report as a geopandas table: places, claims, mentions or unresolved names."""

from __future__ import annotations

from typing import TYPE_CHECKING

from geo_syria.checks import check_option
from geo_syria.export._fields import FIELDS, KINDS, TABLE_KINDS, records

if TYPE_CHECKING:
    import geopandas

    from geo_syria.report import Report

__all__ = ["columns", "to_geodataframe"]

#: Nullable dtypes for columns that rows of other kinds leave empty.
_DTYPES = {"start": "Int64", "end": "Int64", "in_syria": "boolean", "from_extent": "boolean"}


def columns(kind: str | None = None) -> list[str]:
    """Return the property columns of one kind, or of every kind (union, in order).

    Examples
    --------
    >>> columns("unresolved")[:3]
    ['kind', 'name', 'doc']
    >>> columns("mention")[:4]
    ['kind', 'doc', 'date', 'source']
    >>> columns().count("kind")
    1
    """
    if kind is not None:
        return list(FIELDS[kind])
    return list(dict.fromkeys(name for k in KINDS for name in FIELDS[k]))


def to_geodataframe(report: Report, *, kind: str | None = None) -> geopandas.GeoDataFrame:
    """Return the report as a GeoDataFrame in WGS84 (EPSG:4326).

    Parameters
    ----------
    report : Report
        The result of :func:`geo_syria.analyze`.
    kind : {"place", "claim", "mention", "unresolved"} or None
        Only rows of this kind; places, claims and unresolved names (with a ``kind``
        column) when None. ``"mention"`` is the long table analysts pivot on: one row
        per mention of a resolved place, with the document (``doc``, ``date``,
        ``source``, ``title``, ``url``), the place (``place_id``, ``name``, ``lat``,
        ``lon``, ``feature_type``, ``admin1``), the ``confidence``, the name as
        written (``text``), its ``sentence`` and its offsets (``start``, ``end``).

    Returns
    -------
    geopandas.GeoDataFrame
        The columns of :func:`columns` plus ``geometry``: points for places, mentions
        and estimated unresolved names, claimed regions (polygons) for claims, None
        where there is no geometry. ``mentions`` and ``sources`` hold lists.

    Raises
    ------
    InvalidOptionError
        For an unknown ``kind``.

    Examples
    --------
    >>> from geo_syria.report import Report
    >>> gdf = to_geodataframe(Report((), (), (), ()), kind="place")
    >>> len(gdf), gdf.crs.to_epsg(), list(gdf.columns)[:3]
    (0, 4326, ['kind', 'id', 'name'])
    >>> list(to_geodataframe(Report((), (), (), ()), kind="mention").columns)[-4:]
    ['sentence', 'start', 'end', 'geometry']
    """
    import geopandas

    if kind is not None:
        check_option("kind", kind, TABLE_KINDS)
    cols = columns(kind)
    rows, geometries = [], []
    for props, geometry in records(report, kind=kind):
        rows.append([props.get(name) for name in cols])
        geometries.append(geometry)
    import pandas as pd

    frame = pd.DataFrame(rows, columns=cols)
    for name, dtype in _DTYPES.items():
        if name in frame.columns:
            frame[name] = frame[name].astype(dtype)
    return geopandas.GeoDataFrame(
        frame, geometry=geopandas.GeoSeries(geometries, crs="EPSG:4326"), crs="EPSG:4326"
    )
