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
from typing import TYPE_CHECKING, Any

from geo_syria.export._fields import CLAIM_FIELDS, claim_lines
from geo_syria.export._output import output_path
from geo_syria.export._writer import BATCH_SIZE, StreamWriter
from geo_syria.export.frame import to_geodataframe

if TYPE_CHECKING:
    import geopandas
    import pandas
    from shapely.geometry.base import BaseGeometry

    from geo_syria.report import Report

__all__ = ["LAYERS", "GPKGWriter", "documents_frame", "write_gpkg"]

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
    frame = pd.DataFrame(rows, columns=_DOCUMENT_COLUMNS)
    return frame.astype({"n_mentions": "int64", "n_claims": "int64"})


_DOCUMENT_COLUMNS = [
    "doc",
    "title",
    "published",
    "source",
    "status",
    "error",
    "n_mentions",
    "n_claims",
]


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


#: The layer of each kind of record a streamed GeoPackage gets.
_KIND_LAYERS = {
    "place": "places",
    "claim": "claims",
    "claim_line": "claim_lines",
    "unresolved": "unresolved",
    "mention": "mentions",
}


def _text_columns(frame: pandas.DataFrame) -> pandas.DataFrame:
    """Give text columns a text type: an empty batch must still make a text field."""
    from geo_syria.export._schema import field_type

    for name in frame.columns:
        if name != "geometry" and field_type(name) in ("str", "strings", "mentions"):
            frame[name] = frame[name].astype("string")
    return frame


class GPKGWriter(StreamWriter):
    """Write a GeoPackage in batches as documents finish: the layers of :data:`LAYERS`.

    Every layer is made (empty) when the writer opens, with its column types (see
    :mod:`~geo_syria.export._schema`); rows are appended in batches of ``batch_size``.
    The claims layer takes any geometry type (a claimed region may be a MultiPolygon).

    Parameters
    ----------
    path : str or Path
        The ``.gpkg`` file; written to a temporary file beside it, renamed by :meth:`close`.
    batch_size : int, keyword-only
        Rows per appended batch.

    Examples
    --------
    >>> import pyogrio, tempfile, pathlib
    >>> from geo_syria.report import Report
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "run.gpkg"
    >>> with GPKGWriter(path) as writer:
    ...     writer.write(Report((), (), (), ()))
    >>> [name for name, _ in pyogrio.list_layers(path)][:3]
    ['places', 'claims', 'claim_lines']
    """

    format = "gpkg"

    def __init__(self, path: str | Path, *, batch_size: int = BATCH_SIZE) -> None:
        super().__init__()
        self.path = path
        self.batch_size = batch_size
        self._rows: dict[str, list] = {layer: [] for layer in LAYERS}
        with self._opening():
            self._tmp = self._temporary(path, suffix=".tmp.gpkg")
            self._tmp.unlink()  # GDAL creates the database; it cannot open an empty file
            for kind, layer in _KIND_LAYERS.items():
                self._flush(kind, layer, append=False)
            self._flush_documents(append=False)

    def write(self, part: Report) -> None:
        """Write the part's records, its claim lines and its documents' statuses."""
        super().write(part)
        for props, geometry in claim_lines(part):
            self._emit("claim_line", props, geometry)

    def _emit(self, kind: str, props: dict[str, Any], geometry: BaseGeometry | None) -> None:
        layer = _KIND_LAYERS[kind]
        rows = self._rows[layer]
        rows.append((props, geometry))
        if len(rows) >= self.batch_size:
            self._flush(kind, layer)

    def _documents(self, part: Report) -> None:
        rows = self._rows["documents"]
        rows.append(documents_frame(part))
        if len(rows) >= self.batch_size:
            self._flush_documents()

    def _flush(self, kind: str, layer: str, *, append: bool = True) -> None:
        import geopandas
        import pyogrio

        from geo_syria.export._schema import typed_frame

        rows = self._rows[layer]
        fields = "claim" if kind == "claim_line" else kind
        frame = typed_frame(fields, [props for props, _ in rows])
        geometries = geopandas.GeoSeries([g for _, g in rows], crs="EPSG:4326")
        frame = _json_columns(geopandas.GeoDataFrame(frame, geometry=geometries, crs="EPSG:4326"))
        frame = _text_columns(frame)
        geometry_type = "Unknown" if layer == "claims" else _GEOMETRY_TYPES[layer]
        pyogrio.write_dataframe(
            frame, self._tmp, layer=layer, driver="GPKG", geometry_type=geometry_type, append=append
        )
        rows.clear()

    def _flush_documents(self, *, append: bool = True) -> None:
        import pandas as pd
        import pyogrio

        rows = self._rows["documents"]
        if not rows:
            from geo_syria.report import Report

            rows = [documents_frame(Report((), (), (), ()))]
        frame = _text_columns(pd.concat(rows))
        pyogrio.write_dataframe(frame, self._tmp, layer="documents", driver="GPKG", append=append)
        rows.clear()

    def _finish(self) -> None:
        for kind, layer in _KIND_LAYERS.items():
            if self._rows[layer]:
                self._flush(kind, layer)
        if self._rows["documents"]:
            self._flush_documents()
        logger.info("wrote GeoPackage %s", self.path)
