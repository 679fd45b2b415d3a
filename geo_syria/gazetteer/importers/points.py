"""Import generic point layers: GeoPackage, GeoJSON or CSV with name and coordinate columns.

Columns are chosen by option or found among common names. Made for layers such as
the IOM DTM community list matched to HOTOSM points (``hot_id`` ``node/…`` becomes
``osm:node/…``; ``hot_name_en`` the name; ``hot_name``, ``hot_name_latin`` and
``location_name`` variants; ``hot_place`` the feature type; ``adm1..3`` P-codes).
"""

from __future__ import annotations

import csv
import io
import logging
import math
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from geo_syria.exc import GazetteerFormatError
from geo_syria.gazetteer.importers._common import (
    Collector,
    ImportResult,
    bad_text,
    clean,
    read_text,
    to_float,
    to_int,
    unique,
)
from geo_syria.place import FEATURE_TYPES, Provenance

__all__ = ["NAME_COLUMNS", "PLACE_TYPES", "read_points"]

logger = logging.getLogger(__name__)

#: Candidate columns, first found wins.
NAME_COLUMNS = ("name", "name_en", "hot_name_en", "NAME_EN", "location_name", "title")
LAT_COLUMNS = ("lat", "latitude", "LATITUDE", "Latitude", "y", "Y")
LON_COLUMNS = ("lon", "lng", "long", "longitude", "LONGITUDE", "Longitude", "x", "X")
ID_COLUMNS = ("id", "hot_id", "osm_id", "place_id", "pcode", "PCODE", "location_pcode")
VARIANT_COLUMNS = (
    "name_ar",
    "hot_name",
    "hot_name_latin",
    "hot_matching_name",
    "location_name",
    "NAME_AR",
    "alt_name",
    "name_latin",
    "variants",
)
TYPE_COLUMNS = ("feature_type", "hot_place", "place", "fclass", "type")
POPULATION_COLUMNS = ("population", "total_population")

#: OSM ``place=*`` values (and a few others) to our feature types.
PLACE_TYPES = {
    "hamlet": "village",
    "isolated_dwelling": "village",
    "locality": "village",
    "farm": "village",
    "suburb": "neighbourhood",
    "quarter": "neighbourhood",
    "neighborhood": "neighbourhood",
    "city_block": "neighbourhood",
    "municipality": "town",
    "state": "governorate",
    "province": "governorate",
    "county": "district",
    "island": "region",
    "refugee_camp": "camp",
}
_OSM_ID = re.compile(r"^(node|way|relation)/\d+$")


def _pick(header: Sequence[str], wanted: str | None, candidates: Sequence[str], what: str, path):
    if wanted is not None:
        if wanted not in header:
            raise GazetteerFormatError(
                f"{what} column {wanted!r} is not in the file; columns are {list(header)}",
                path=path,
                line=1,
                column=wanted,
            )
        return wanted
    return next((c for c in candidates if c in header), None)


def _feature(value: str, default: str) -> str:
    value = clean(value).lower()
    if not value:
        return default
    if value in FEATURE_TYPES:
        return value
    return PLACE_TYPES.get(value, default)


def _place_id(value: str, prefix: str) -> str:
    value = clean(value)
    if _OSM_ID.match(value):
        return f"osm:{value}"
    if ":" in value:
        return value
    return f"{prefix}:{value}"


def read_points(
    path: str | Path,
    *,
    name_column: str | None = None,
    lat_column: str | None = None,
    lon_column: str | None = None,
    id_column: str | None = None,
    variant_columns: Sequence[str] | None = None,
    type_column: str | None = None,
    feature_type: str = "village",
    dataset: str | None = None,
    licence: str = "",
    layer: str | None = None,
) -> ImportResult:
    r"""Read a point layer into places.

    Parameters
    ----------
    path : str or Path
        A ``.gpkg``, ``.geojson``/``.json``, ``.shp`` or ``.csv``/``.tsv`` file.
    name_column, lat_column, lon_column, id_column : str, optional, keyword-only
        Columns to use; found among common names when not given.
        ``lat_column``/``lon_column`` apply to CSV only (other layers have a geometry).
    variant_columns : sequence of str, optional
        Columns holding other names; a ``|`` inside a value separates names.
    type_column : str, optional
        Column of feature types (ours, or OSM ``place=*`` values such as ``hamlet``).
    feature_type : str
        Feature type when no type column says otherwise.
    dataset : str, optional
        Dataset label; defaults to the file stem.
    licence : str
        Licence of the data. An ``osm:`` id implies ODbL 1.0 when none is given.
    layer : str, optional
        Layer of a multi-layer file.

    Returns
    -------
    ImportResult

    Raises
    ------
    GazetteerFormatError
        For a missing name or coordinate column, an unreadable file or an unknown CRS.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "pts.csv"
    >>> _ = f.write_text("hot_id,hot_name_en,hot_name,hot_place,latitude,longitude\n"
    ...                  "node/1,Zamalka,زملكا,town,33.5262,36.3511\n", encoding="utf-8")
    >>> [p] = read_points(f).places
    >>> p.id, p.variants, p.feature_type, p.provenance[0].licence
    ('osm:node/1', ('زملكا',), 'town', 'ODbL 1.0')
    """
    from geo_syria.checks import check_option

    check_option("feature_type", feature_type, FEATURE_TYPES)
    path = Path(path)
    spath = str(path)
    if not path.is_file():
        raise GazetteerFormatError("no such file", path=spath)
    dataset = dataset or path.stem
    if path.suffix.lower() in (".csv", ".tsv", ".txt"):
        header, lat_col, lon_col, records = _csv_records(path, lat_column, lon_column)
    else:
        header, lat_col, lon_col, records = _frame_records(path, layer)
    name_col = _pick(header, name_column, NAME_COLUMNS, "name", spath)
    if name_col is None:
        raise GazetteerFormatError(
            f"missing name column; looked for {list(NAME_COLUMNS)}, found {header}; "
            "pass name_column=",
            path=spath,
            line=1,
        )
    id_col = _pick(header, id_column, ID_COLUMNS, "id", spath)
    if variant_columns is None:
        variant_columns = [c for c in VARIANT_COLUMNS if c in header and c != name_col]
    else:
        for c in variant_columns:
            _pick(header, c, (), "variant", spath)
    type_col = _pick(header, type_column, TYPE_COLUMNS, "type", spath)
    pop_col = next((c for c in POPULATION_COLUMNS if c in header), None)
    out = Collector(spath, "points")
    for line, coords, row in records:
        _row_place(
            out,
            line,
            coords,
            row,
            cols=(name_col, lat_col, lon_col, id_col, type_col, pop_col),
            variant_columns=variant_columns,
            default_type=feature_type,
            dataset=dataset,
            licence=licence,
        )
    if not out.places and not out.skipped:
        raise GazetteerFormatError("no rows after the header", path=spath, line=2)
    result = out.result()
    logger.info("%s", result.summary())
    return result


#: One record of a layer: its line (or feature number), (lat, lon) or None, its attributes.
_Record = tuple[int, tuple[Any, Any] | None, dict[str, Any]]


def _csv_records(
    path: Path, lat_column: str | None, lon_column: str | None
) -> tuple[list[str], str, str, Iterator[_Record]]:
    """Return a CSV/TSV layer's header, coordinate columns and records (by line)."""
    spath = str(path)
    text = read_text(path)
    tab = path.suffix.lower() == ".tsv" or "\t" in text[:2000].split("\n")[0]
    reader = csv.DictReader(
        io.StringIO(text, newline=""), dialect="excel-tab" if tab else "excel", strict=True
    )
    try:
        header = list(reader.fieldnames or [])
    except csv.Error as err:
        raise GazetteerFormatError(
            f"the header is not valid CSV ({err})", path=spath, line=1
        ) from None
    if not header:
        raise GazetteerFormatError("no header row", path=spath, line=1)
    lat_col = _pick(header, lat_column, LAT_COLUMNS, "latitude", spath)
    lon_col = _pick(header, lon_column, LON_COLUMNS, "longitude", spath)
    if lat_col is None or lon_col is None:
        raise GazetteerFormatError(
            f"missing coordinate columns; looked for {list(LAT_COLUMNS)} and "
            f"{list(LON_COLUMNS)}, found {header}; pass lat_column=/lon_column=",
            path=spath,
            line=1,
        )

    def rows() -> Iterator[_Record]:
        start = 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as err:  # a quote left open, a field over the csv limit
                line, start = start + 1, reader.reader.line_num
                bad = f"not valid CSV ({err}); lines {line}-{start} are skipped with it"
                yield line, None, {"__bad__": bad}
                continue
            line = start + 1
            start = reader.line_num
            if None in row or any(v is None for v in row.values()):
                yield line, None, {"__bad__": f"expected {len(header)} columns"}
                continue
            yield line, (row[lat_col], row[lon_col]), row

    return header, lat_col, lon_col, rows()


def _frame_records(path: Path, layer: str | None) -> tuple[list[str], str, str, Iterator[_Record]]:
    """Return a GIS layer's attribute columns and records (by feature number, points for shapes)."""
    from geo_syria.gazetteer.importers.ocha import read_frame

    frame = read_frame(path, layer=layer)
    header = [c for c in frame.columns if c != "geometry"]

    def rows() -> Iterator[_Record]:
        attrs = frame.drop(columns="geometry").to_dict("records")
        for i, (geom, row) in enumerate(zip(frame.geometry, attrs, strict=True), start=1):
            if geom is None or geom.is_empty:
                yield i, None, row
                continue
            point = geom if geom.geom_type == "Point" else geom.representative_point()
            yield i, (point.y, point.x), row

    return header, "geometry", "geometry", rows()


def _row_place(
    out, line, coords, row: dict[str, Any], *, cols, variant_columns, default_type, dataset, licence
):
    name_col, lat_col, lon_col, id_col, type_col, pop_col = cols
    if "__bad__" in row:
        out.skip(line, None, row["__bad__"])
        return
    for column, value in row.items():
        if isinstance(value, str) and bad_text(value):
            out.skip(line, column, "not UTF-8")
            return
    if coords is None:
        out.skip(line, "geometry", "empty geometry")
        return
    name = clean(row.get(name_col))
    if not name:  # fall back on the variant columns (an OSM point without name:en)
        name = next((n for c in variant_columns if (n := clean(row.get(c)))), "")
    if not name:
        out.skip(line, name_col, "empty name")
        return
    lat, lon = to_float(coords[0]), to_float(coords[1])
    if lat is None:
        out.skip(line, lat_col, f"{coords[0]!r} is not a number")
        return
    if lon is None:
        out.skip(line, lon_col, f"{coords[1]!r} is not a number")
        return
    if not -90 <= lat <= 90:
        out.skip(line, lat_col, f"latitude {lat!r} is out of range -90..90")
        return
    if not -180 <= lon <= 180:
        out.skip(line, lon_col, f"longitude {lon!r} is out of range -180..180")
        return
    raw_id = clean(row.get(id_col)) if id_col else ""
    place_id = _place_id(raw_id, dataset) if raw_id else f"{dataset}:{line}"
    names = []
    for c in variant_columns:
        names.extend(clean(row.get(c)).split("|"))
    population = to_int(row.get(pop_col)) if pop_col else None
    extra = {}
    for level in (1, 2, 3):
        extra[f"admin{level}"] = (
            clean(row.get(f"adm{level}_name") or row.get(f"admin{level}")) or None
        )
        extra[f"admin{level}_pcode"] = (
            clean(row.get(f"adm{level}_pcode") or row.get(f"admin{level}_pcode")) or None
        )
    provenance = [
        Provenance(
            place_id, dataset, licence or ("ODbL 1.0" if place_id.startswith("osm:") else "")
        )
    ]
    loc = clean(row.get("location_pcode"))
    if loc and place_id != f"iom:{loc}" and id_col != "location_pcode":
        provenance.append(
            Provenance(f"iom:{loc}", "iom-dtm", "IOM DTM terms", "matched to this point")
        )
    raw = {
        k: (None if isinstance(v, float) and math.isnan(v) else v)
        for k, v in row.items()
        if isinstance(v, str | int | float) or v is None
    }
    out.add(
        line,
        id=place_id,
        name=name,
        lat=lat,
        lon=lon,
        feature_type=_feature(row.get(type_col) or "", default_type) if type_col else default_type,
        variants=unique(names, exclude=name),
        country=clean(row.get("country")) or "SY",
        population=population or None,
        provenance=tuple(provenance),
        raw=raw,
        **extra,
    )
