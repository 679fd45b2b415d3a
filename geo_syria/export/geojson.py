"""GeoJSON (RFC 7946): a FeatureCollection of places, claims and unresolved names.

The schema is documented in ``docs/geojson_schema.md``. Coordinates are
``[lon, lat]`` in WGS84; every number is finite (NaN becomes ``null``).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from geo_syria.export._fields import finite, records
from geo_syria.export._output import output_path

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from geo_syria.report import Report

__all__ = ["dumps", "to_geojson", "write_geojson"]

logger = logging.getLogger(__name__)


def _clean(value: Any) -> Any:
    """Replace NaN and infinities anywhere in nested lists/tuples/dicts by ``None``."""
    if isinstance(value, float):
        return finite(value)
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


def _geometry(geometry: BaseGeometry | None) -> dict[str, Any] | None:
    if geometry is None or geometry.is_empty:
        return None
    from shapely.geometry import MultiPolygon, mapping
    from shapely.geometry.polygon import orient

    # RFC 7946 section 3.1.6: exterior rings counterclockwise, holes clockwise.
    if geometry.geom_type == "Polygon":
        geometry = orient(geometry, sign=1.0)
    elif geometry.geom_type == "MultiPolygon":
        geometry = MultiPolygon([orient(part, sign=1.0) for part in geometry.geoms])
    return _clean(mapping(geometry))


def to_geojson(report: Report) -> dict[str, Any]:
    """Return the report as a GeoJSON FeatureCollection (a JSON-ready dict).

    Parameters
    ----------
    report : Report
        The result of :func:`geo_syria.analyze`.

    Returns
    -------
    dict
        ``{"type": "FeatureCollection", "features": [...]}``: places, then claims,
        then unresolved names, each with a ``kind`` property.

    Examples
    --------
    >>> from geo_syria.report import Report
    >>> to_geojson(Report(documents=(), places=(), resolutions=(), claims=()))
    {'type': 'FeatureCollection', 'features': []}
    """
    features = [
        {"type": "Feature", "geometry": _geometry(geometry), "properties": _clean(props)}
        for props, geometry in records(report)
    ]
    return {"type": "FeatureCollection", "features": features}


def dumps(report: Report, *, indent: int | None = None) -> str:
    """Return the report's GeoJSON as a string (strict JSON: no NaN).

    Examples
    --------
    >>> from geo_syria.report import Report
    >>> dumps(Report(documents=(), places=(), resolutions=(), claims=()))
    '{"type": "FeatureCollection", "features": []}'
    """
    return json.dumps(to_geojson(report), ensure_ascii=False, allow_nan=False, indent=indent)


def write_geojson(report: Report, path_or_file: str | Path | IO[str], *, indent: int = 1) -> None:
    """Write the report's GeoJSON to a path or an open text file (UTF-8).

    A path is written to a temporary file beside it and renamed at the end, so it
    is never left half written.

    Parameters
    ----------
    report : Report
    path_or_file : str, Path or text file
        Where to write.
    indent : int
        JSON indentation.

    Raises
    ------
    OutputError
        When the path cannot be written (a folder, no permission, a full disk).

    Examples
    --------
    >>> import io
    >>> from geo_syria.report import Report
    >>> out = io.StringIO()
    >>> write_geojson(Report(documents=(), places=(), resolutions=(), claims=()), out)
    >>> out.getvalue().startswith('{')
    True
    """
    text = dumps(report, indent=indent) + "\n"
    if hasattr(path_or_file, "write"):
        path_or_file.write(text)  # type: ignore[union-attr]
        return
    with output_path(path_or_file) as tmp:  # type: ignore[arg-type]
        tmp.write_text(text, encoding="utf-8")
    logger.info("wrote GeoJSON to %s", path_or_file)
