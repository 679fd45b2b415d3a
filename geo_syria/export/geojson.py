"""GeoJSON (RFC 7946): a FeatureCollection of places, claims and unresolved names.

The schema is documented in ``docs/geojson_schema.md``. Coordinates are
``[lon, lat]`` in WGS84; every number is finite (NaN becomes ``null``).

Files are written by :class:`GeoJSONWriter`, one feature a line, encoded by orjson:
a FeatureCollection (valid JSON whatever the number of features), or a GeoJSON text
sequence (RFC 8142: each feature after a record separator, one a line).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TextIO

from geo_syria.export._fields import finite, records
from geo_syria.export._writer import StreamWriter

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from geo_syria.report import Report

__all__ = ["GeoJSONWriter", "dumps", "to_geojson", "write_geojson"]

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
    """Return a geometry as a GeoJSON mapping (tuples for coordinates), rings oriented."""
    if geometry is None:
        return None
    if geometry.geom_type == "Point":  # most features: no mapping() needed
        if geometry.is_empty:
            return None
        return {"type": "Point", "coordinates": (geometry.x, geometry.y)}
    if geometry.is_empty:
        return None
    from shapely.geometry import MultiPolygon, mapping
    from shapely.geometry.polygon import orient

    # RFC 7946 section 3.1.6: exterior rings counterclockwise, holes clockwise.
    if geometry.geom_type == "Polygon":
        geometry = orient(geometry, sign=1.0)
    elif geometry.geom_type == "MultiPolygon":
        geometry = MultiPolygon([orient(part, sign=1.0) for part in geometry.geoms])
    return mapping(geometry)


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
        {"type": "Feature", "geometry": _clean(_geometry(geometry)), "properties": _clean(props)}
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


#: The opening and the end of a streamed FeatureCollection.
_HEAD, _TAIL = '{"type": "FeatureCollection", "features": [\n', "\n]}\n"


class GeoJSONWriter(StreamWriter):
    r"""Write features as they come: a FeatureCollection, or a GeoJSON text sequence.

    Parameters
    ----------
    path_or_file : str, Path or text file
        A path is written to a temporary file beside it, renamed by :meth:`close`.
    seq : bool, keyword-only
        Write RFC 8142 (``application/geo+json-seq``): each feature after a record
        separator (``\x1e``) on a line of its own.

    Examples
    --------
    >>> import io
    >>> from geo_syria.report import Report
    >>> out = io.StringIO()
    >>> with GeoJSONWriter(out) as writer:
    ...     writer.write(Report((), (), (), ()))
    >>> json.loads(out.getvalue())
    {'type': 'FeatureCollection', 'features': []}
    """

    format = "geojson"

    def __init__(self, path_or_file: str | Path | IO[str], *, seq: bool = False) -> None:
        super().__init__()
        if seq:
            self.format = "geojsonseq"
        self._seq = seq
        self._to_file = not hasattr(path_or_file, "write")
        with self._opening():
            self._out: TextIO = self._text(path_or_file)  # type: ignore[arg-type]
        self._started = False  # on a stream, nothing is written before the first feature

    def _emit(self, kind: str, props: dict[str, Any], geometry: BaseGeometry | None) -> None:
        import orjson

        # orjson writes NaN and infinities as null: the text is strict JSON
        feature = {"type": "Feature", "geometry": _geometry(geometry), "properties": props}
        text = orjson.dumps(feature).decode()
        if self._seq:
            self._out.write(f"\x1e{text}\n")
        elif self._started:
            self._out.write(f",\n{text}")
        else:
            self._started = True
            self._out.write(_HEAD + text)

    def _finish(self) -> None:
        if not self._seq:
            self._out.write(_TAIL if self._started else _HEAD.rstrip() + _TAIL)
        self._out.flush()
        if self._to_file:
            logger.info("wrote %d GeoJSON features", sum(self.counts.values()))


def write_geojson(report: Report, path_or_file: str | Path | IO[str]) -> None:
    r"""Write the report's GeoJSON to a path or an open text file (UTF-8).

    Places, then claims, then unresolved names, one feature a line (as
    :func:`to_geojson` gives them). A path is written to a temporary file beside it
    and renamed at the end, so it is never left half written.

    Parameters
    ----------
    report : Report
    path_or_file : str, Path or text file
        Where to write.

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
    >>> out.getvalue()
    '{"type": "FeatureCollection", "features": [\n]}\n'
    """
    with GeoJSONWriter(path_or_file) as writer:
        writer.write_records(records(report))
