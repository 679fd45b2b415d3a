"""GeoParquet: one file per kind, written in row groups as documents finish.

``-o OUT.parquet`` writes ``OUT_places.parquet``, ``OUT_claims.parquet``,
``OUT_mentions.parquet`` and ``OUT_unresolved.parquet`` (see :func:`parquet_paths`):
GeoParquet 1.0 (WKB geometry in a ``geometry`` column, WGS84, the ``geo`` metadata),
which ``geopandas.read_parquet``, ``dask_geopandas.read_parquet``, DuckDB, GDAL and QGIS
read. Column types are those of :mod:`~geo_syria.export._schema` (``sources`` a list of
text, a place's ``mentions`` a list of ``{doc, start, end, text}``). pyarrow is imported
only when a file is written.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo_syria.exc import MissingDependencyError
from geo_syria.export._output import check_output
from geo_syria.export._writer import BATCH_SIZE, TABLE_FILES, StreamWriter, table_paths

if TYPE_CHECKING:
    import pyarrow
    from shapely.geometry.base import BaseGeometry

__all__ = ["PARQUET_TABLES", "ParquetWriter", "geo_metadata", "parquet_paths", "parquet_table"]

logger = logging.getLogger(__name__)

#: The file-name part of each kind's table (``OUT_<part>.parquet``).
PARQUET_TABLES = TABLE_FILES

#: The geometry types each kind's table holds (GeoParquet ``geometry_types``; [] is any).
_GEOMETRY_TYPES = {"place": ["Point"], "claim": [], "mention": ["Point"], "unresolved": ["Point"]}


def parquet_paths(path: str | Path) -> dict[str, Path]:
    """Return the file each kind's table goes to when a run is written to ``path``.

    Examples
    --------
    >>> [p.name for p in parquet_paths("out/run.parquet").values()]
    ['run_places.parquet', 'run_claims.parquet', 'run_mentions.parquet', \
'run_unresolved.parquet']
    """
    return table_paths(path, PARQUET_TABLES, ".parquet")


def geo_metadata(kind: str) -> dict[str, Any]:
    """Return the GeoParquet 1.0 ``geo`` metadata of one kind's table.

    Examples
    --------
    >>> meta = geo_metadata("place")
    >>> meta["primary_column"], meta["columns"]["geometry"]["geometry_types"]
    ('geometry', ['Point'])
    """
    from pyproj import CRS

    return {
        "version": "1.0.0",
        "primary_column": "geometry",
        "columns": {
            "geometry": {
                "encoding": "WKB",
                "geometry_types": _GEOMETRY_TYPES[kind],
                "crs": CRS.from_epsg(4326).to_json_dict(),
            }
        },
    }


def _schema(kind: str) -> pyarrow.Schema:
    from geo_syria.export._schema import arrow_schema

    meta = json.dumps(geo_metadata(kind)).encode()
    return arrow_schema(kind).with_metadata({b"geo": meta})


def parquet_table(
    kind: str, rows: list[tuple[dict[str, Any], BaseGeometry | None]]
) -> pyarrow.Table:
    """Return records of one kind as an Arrow table with the GeoParquet metadata.

    Examples
    --------
    >>> from geo_syria.geo import to_point
    >>> table = parquet_table("unresolved", [({"name": "Kefraya"}, to_point(33.6, 35.7))])
    >>> table.num_rows, table.schema.field("name").type
    (1, DataType(string))
    """
    import pyarrow as pa
    import shapely

    schema = _schema(kind)
    names = schema.names[:-1]
    columns: dict[str, list] = {name: [props.get(name) for props, _ in rows] for name in names}
    columns["geometry"] = list(shapely.to_wkb([g for _, g in rows])) if rows else []
    return pa.Table.from_pydict(columns, schema=schema)


class ParquetWriter(StreamWriter):
    """Write the GeoParquet files of :func:`parquet_paths`, a row group per batch.

    Parameters
    ----------
    path : str or Path
        ``OUT.parquet``; each file is written to a temporary file beside it and renamed
        by :meth:`close`, all or none.
    batch_size : int, keyword-only
        Rows per row group.

    Examples
    --------
    >>> import geopandas, pathlib, tempfile
    >>> from geo_syria.report import Report
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "run.parquet"
    >>> with ParquetWriter(out) as writer:
    ...     writer.write(Report((), (), (), ()))
    >>> geopandas.read_parquet(out.parent / "run_claims.parquet").crs.to_epsg()
    4326
    """

    format = "parquet"

    def __init__(self, path: str | Path, *, batch_size: int = BATCH_SIZE) -> None:
        try:
            import pyarrow.parquet as pq
        except ImportError:
            raise MissingDependencyError(
                f"{str(path)!r}: GeoParquet output needs pyarrow; install it with "
                "pip install 'geo_syria[parquet]', or choose another format "
                "(geojson, geojsonseq, csv, gpkg)"
            ) from None

        super().__init__()
        self.paths = parquet_paths(check_output(path))
        self._tables = (path, tuple(self.paths.values()))
        self.batch_size = batch_size
        self._writers = {}
        with self._opening():
            temps = {kind: self._temporary(target) for kind, target in self.paths.items()}
            for kind, tmp in temps.items():
                writer = pq.ParquetWriter(tmp, _schema(kind))
                self._stack.callback(writer.close)  # closed before the rename
                self._writers[kind] = writer
        self._rows: dict[str, list] = {kind: [] for kind in self.paths}

    def _emit(self, kind: str, props: dict[str, Any], geometry: BaseGeometry | None) -> None:
        rows = self._rows[kind]
        rows.append((props, geometry))
        if len(rows) >= self.batch_size:
            self._flush(kind)

    def _flush(self, kind: str) -> None:
        rows = self._rows[kind]
        self._writers[kind].write_table(parquet_table(kind, rows))
        rows.clear()

    def _finish(self) -> None:
        for kind, rows in self._rows.items():
            if rows:
                self._flush(kind)
        logger.info("wrote GeoParquet %s", ", ".join(str(p) for p in self.paths.values()))
