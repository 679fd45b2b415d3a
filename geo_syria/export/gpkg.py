"""GeoPackage: one layer per kind, readable by QGIS, GDAL and geopandas.

Layers
------
places
    Points of resolved places (``mentions`` and ``sources`` as JSON text).
claims
    Claimed regions (polygons; no geometry when a claim has none).
claim_lines
    A line from anchor to subject for each claim with both ends resolved.
unresolved
    Estimated points of unresolved names (no geometry when not estimated).
mentions
    One point per mention of a resolved place, with its document, date, source, URL
    and sentence (see :func:`~geo_syria.export.frame.to_geodataframe`, ``kind="mention"``).
documents
    A table without geometry: every input document and what became of it.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from geo_syria.export._fields import CLAIM_FIELDS, claim_lines
from geo_syria.export._output import output_path
from geo_syria.export.frame import to_geodataframe

if TYPE_CHECKING:
    import geopandas
    import pandas

    from geo_syria.report import Report

__all__ = ["LAYERS", "documents_frame", "write_gpkg"]

logger = logging.getLogger(__name__)

#: Layer names, in the order they are written.
LAYERS = ("places", "claims", "claim_lines", "unresolved", "mentions", "documents")

_GEOMETRY_TYPES = {
    "places": "Point",
    "claims": "Polygon",
    "claim_lines": "LineString",
    "unresolved": "Point",
    "mentions": "Point",
}


def _json_columns(frame: geopandas.GeoDataFrame) -> geopandas.GeoDataFrame:
    """Turn list columns into JSON text, which every GIS can store."""
    for name in ("mentions", "sources"):
        if name in frame.columns:
            frame[name] = [json.dumps(v, ensure_ascii=False) for v in frame[name]]
    return frame


def documents_frame(report: Report) -> pandas.DataFrame:
    """Return one row per input document: id, title, date, source, status, error, counts.

    Examples
    --------
    >>> from geo_syria.documents import Document
    >>> from geo_syria.report import DocumentStatus, Report
    >>> r = Report((DocumentStatus(Document("a", "x"), "empty"),), (), (), ())
    >>> documents_frame(r)[["doc", "status"]].values.tolist()
    [['a', 'empty']]
    """
    import pandas as pd

    rows = [
        {
            "doc": s.document.id,
            "title": s.document.title,
            "published": s.document.published.isoformat() if s.document.published else None,
            "source": s.document.source,
            "status": s.status,
            "error": s.error,
            "n_mentions": s.n_mentions,
            "n_claims": s.n_claims,
        }
        for s in report.documents
    ]
    columns = ["doc", "title", "published", "source", "status", "error", "n_mentions", "n_claims"]
    return pd.DataFrame(rows, columns=columns)


def _lines_frame(report: Report) -> geopandas.GeoDataFrame:
    import geopandas
    import pandas as pd

    rows, geometries = [], []
    for props, geometry in claim_lines(report):
        rows.append([props[name] for name in CLAIM_FIELDS])
        geometries.append(geometry)
    frame = pd.DataFrame(rows, columns=list(CLAIM_FIELDS))
    for name in ("start", "end"):
        frame[name] = frame[name].astype("Int64")
    return geopandas.GeoDataFrame(
        frame, geometry=geopandas.GeoSeries(geometries, crs="EPSG:4326"), crs="EPSG:4326"
    )


def write_gpkg(report: Report, path: str | Path) -> None:
    """Write the report to a GeoPackage with the layers of :data:`LAYERS`.

    An existing file at ``path`` is replaced only when every layer is written: the
    layers go to a temporary file beside it, renamed at the end (removed, with
    SQLite's journal, on any error or signal). Every layer is written, empty or not,
    so a QGIS project pointing at the file always finds its layers.

    Parameters
    ----------
    report : Report
    path : str or Path
        The ``.gpkg`` file to write.

    Raises
    ------
    OutputError
        When the path cannot be written (a folder, no permission, a full disk).

    Examples
    --------
    >>> import pyogrio, tempfile, pathlib
    >>> from geo_syria.report import Report
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "empty.gpkg"
    >>> write_gpkg(Report((), (), (), ()), path)
    >>> [name for name, _ in pyogrio.list_layers(path)]
    ['places', 'claims', 'claim_lines', 'unresolved', 'mentions', 'documents']
    """
    import pyogrio

    frames = {
        "places": to_geodataframe(report, kind="place"),
        "claims": to_geodataframe(report, kind="claim"),
        "claim_lines": _lines_frame(report),
        "unresolved": to_geodataframe(report, kind="unresolved"),
        "mentions": to_geodataframe(report, kind="mention"),
    }
    with output_path(path, suffix=".tmp.gpkg") as tmp:
        tmp.unlink()  # GDAL creates the database; it cannot open an empty file
        for layer, frame in frames.items():
            frame = _json_columns(frame)
            geometry_type = _GEOMETRY_TYPES[layer]
            present = set(frame.geometry.dropna().geom_type)
            if present - {geometry_type}:  # e.g. a MultiPolygon region: let GDAL take any type
                geometry_type = "Unknown"
            pyogrio.write_dataframe(
                frame, tmp, layer=layer, driver="GPKG", geometry_type=geometry_type
            )
        pyogrio.write_dataframe(documents_frame(report), tmp, layer="documents", driver="GPKG")
    logger.info("wrote GeoPackage %s", path)
