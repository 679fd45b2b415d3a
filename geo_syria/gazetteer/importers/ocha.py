"""Import OCHA COD layers: admin 1–3 polygons and ``city_neighbourhoods``.

Shapefiles (or any OGR layer) are read with pyogrio and reprojected to EPSG:4326;
the CSV tables derived from them (``ocha_syr_admin1.csv``, ...,
``ocha_syr_city_neighbourhoods.csv``) are read too. The level comes from the
P-code: ``SY`` country, ``SY01`` governorate, ``SY0100`` district, ``SY010000``
sub-district, ``N0030`` neighbourhood.
"""

from __future__ import annotations

import logging
import math
import re
from pathlib import Path
from typing import Any

from geo_syria.exc import GazetteerFormatError
from geo_syria.gazetteer.importers._common import (
    Collector,
    ImportResult,
    bad_text,
    clean,
    delimiter_name,
    looks_lonlat,
    read_table,
    read_text,
    to_float,
    unique,
)
from geo_syria.place import Provenance

__all__ = ["OCHA_REQUIRED", "level_of", "read_ocha"]

logger = logging.getLogger(__name__)

LICENCE = "CC BY-IGO (OCHA COD via HDX)"
DATASET = "ocha-cod-2016"
#: Columns every OCHA layer must have.
OCHA_REQUIRED = ("PCODE", "NAME_EN")

_LEVELS = (
    (re.compile(r"^[A-Z]{2}$"), "country"),
    (re.compile(r"^SY\d{2}$"), "governorate"),
    (re.compile(r"^SY\d{4}$"), "district"),
    (re.compile(r"^SY\d{6}$"), "subdistrict"),
    (re.compile(r"^N\d{3,}$"), "neighbourhood"),
    (re.compile(r"^C\d{3,}$"), "village"),
)


def level_of(pcode: str) -> str | None:
    """Return the feature type an OCHA P-code stands for, or None.

    Examples
    --------
    >>> level_of("SY05"), level_of("SY050100"), level_of("N0030"), level_of("X")
    ('governorate', 'subdistrict', 'neighbourhood', None)
    """
    for pattern, ftype in _LEVELS:
        if pattern.match(pcode):
            return ftype
    return None


def _km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    y = math.radians(lat2 - lat1)
    return 6371.0088 * math.hypot(x, y)


def _precision(lat: float, lon: float, bounds: tuple[float, float, float, float]) -> float:
    minx, miny, maxx, maxy = bounds
    far = max(_km_between(lat, lon, y, x) for x in (minx, maxx) for y in (miny, maxy))
    return max(200.0, round(far * 1000.0, -1))


def _admin(row: dict[str, Any], level: int) -> tuple[str | None, str | None]:
    name, pcode = clean(row.get(f"ADM{level}_EN")), clean(row.get(f"ADM{level}_PCODE"))
    return name or None, pcode or None


def _add(out: Collector, row: dict[str, Any], line: int, *, lat, lon, bounds, extent) -> None:
    pcode = clean(row.get("PCODE"))
    name = clean(row.get("NAME_EN"))
    for column, value in (("PCODE", pcode), ("NAME_EN", name)):
        if not value:
            out.skip(line, column, "empty required value")
            return
    for column, value in row.items():
        if isinstance(value, str) and bad_text(value):
            out.skip(line, column, "not UTF-8")
            return
    ftype = level_of(pcode)
    if ftype is None:
        out.skip(line, "PCODE", f"{pcode!r} is not an OCHA P-code (SY.., SY...., N...., C....)")
        return
    if lat is None or lon is None:
        out.skip(line, "geometry", "no position (empty geometry or blank coordinates)")
        return
    fields: dict[str, Any] = {}
    if ftype == "governorate":
        fields.update(admin1=name, admin1_pcode=pcode)
    elif ftype == "district":
        fields.update(admin2=name, admin2_pcode=pcode)
    elif ftype == "subdistrict":
        fields.update(admin3=name, admin3_pcode=pcode)
    for level, key in ((1, "admin1"), (2, "admin2"), (3, "admin3")):
        if key not in fields:
            n, p = _admin(row, level)
            fields.update({key: n, f"{key}_pcode": p})
    variants = unique(
        [
            row.get("NAM_EN_REF"),
            row.get("NAME_AR"),
            row.get("NAM_AR_REF"),
            "Syria" if pcode == "SY" else "",
        ],
        exclude=name,
    )
    raw = {
        k: (v if isinstance(v, str | int | float) or v is None else str(v)) for k, v in row.items()
    }
    out.add(
        line,
        id=f"ocha:{pcode}",
        name=name,
        lat=lat,
        lon=lon,
        feature_type=ftype,
        variants=variants,
        country="SY",
        precision_m=_precision(lat, lon, bounds) if bounds else math.nan,
        extent=extent,
        provenance=(Provenance(f"ocha:{pcode}", DATASET, LICENCE),),
        raw=raw,
        **fields,
    )


def read_ocha(path: str | Path, *, layer: str | None = None) -> ImportResult:
    r"""Read an OCHA COD layer (shapefile, GeoPackage layer) or a CSV derived from one.

    Parameters
    ----------
    path : str or Path
        ``syr_admin1.shp`` ... ``city_neighbourhoods.shp``, or their CSV tables.
    layer : str, optional, keyword-only
        Layer name for multi-layer files.

    Returns
    -------
    ImportResult

    Raises
    ------
    GazetteerFormatError
        For a missing ``PCODE``/``NAME_EN`` column, an unreadable file or an unknown CRS.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "n.csv"
    >>> _ = f.write_text("PCODE,NAME_EN,LATITUDE,LONGITUDE\nN0030,Joubar Gharbi,33.52,36.33\n")
    >>> [p] = read_ocha(f).places
    >>> p.id, p.feature_type
    ('ocha:N0030', 'neighbourhood')
    """
    path = Path(path)
    if not path.is_file():
        raise GazetteerFormatError("no such file", path=str(path))
    if path.suffix.lower() in (".csv", ".tsv", ".txt"):
        return _read_csv(path)
    return _read_layer(path, layer=layer)


def _read_csv(path: Path) -> ImportResult:
    spath = str(path)
    text = read_text(path)
    out = Collector(spath, "ocha")
    header, delimiter, rows = read_table(text, out=out, required=OCHA_REQUIRED)
    missing = [c for c in OCHA_REQUIRED if c not in header]
    if missing:
        raise GazetteerFormatError(
            f"missing columns {missing}; an OCHA table needs {list(OCHA_REQUIRED)} (the "
            f"header, read as {delimiter_name(delimiter)}-separated, has {header[:10]})",
            path=spath,
            line=1,
        )
    has_point = "LATITUDE" in header and "LONGITUDE" in header
    has_centroid = "centroid_lat" in header and "centroid_lon" in header
    if not (has_point or has_centroid):
        raise GazetteerFormatError(
            "missing coordinate columns; need LATITUDE/LONGITUDE or centroid_lat/centroid_lon",
            path=spath,
            line=1,
        )
    for line, row in rows:
        lat_col, lon_col = (
            ("LATITUDE", "LONGITUDE") if has_point else ("centroid_lat", "centroid_lon")
        )
        lat, lon = to_float(row[lat_col]), to_float(row[lon_col])
        if lat is None or lon is None:
            out.skip(line, lat_col if lat is None else lon_col, "not a number")
            continue
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            out.skip(line, lat_col, f"({lat}, {lon}) is out of range")
            continue
        bounds = tuple(
            to_float(row.get(c))
            for c in ("bbox_minlon", "bbox_minlat", "bbox_maxlon", "bbox_maxlat")
        )
        _add(
            out,
            row,
            line,
            lat=lat,
            lon=lon,
            bounds=bounds if None not in bounds else None,
            extent=None,
        )
    if not out.places and not out.skipped:
        raise GazetteerFormatError("no rows after the header", path=spath, line=2)
    result = out.result()
    logger.info("%s", result.summary())
    return result


def _read_layer(path: Path, *, layer: str | None) -> ImportResult:
    spath = str(path)
    frame = read_frame(path, layer=layer)
    missing = [c for c in OCHA_REQUIRED if c not in frame.columns]
    if missing:
        raise GazetteerFormatError(
            f"missing columns {missing}; an OCHA layer needs {list(OCHA_REQUIRED)}", path=spath
        )
    out = Collector(spath, "ocha")
    from shapely import force_2d

    for i, (geom, row) in enumerate(
        zip(frame.geometry, frame.drop(columns="geometry").to_dict("records"), strict=True),
        start=1,
    ):
        if geom is None or geom.is_empty:
            out.skip(i, "geometry", "empty geometry")
            continue
        geom = force_2d(geom)
        lat, lon = to_float(row.get("LATITUDE")), to_float(row.get("LONGITUDE"))
        if lat is None or lon is None or not (lat or lon):
            if geom.geom_type == "Point":
                lon, lat = geom.x, geom.y
            else:
                centre = geom.centroid
                if not geom.contains(centre):
                    centre = geom.representative_point()
                lon, lat = centre.x, centre.y
        extent = None if geom.geom_type == "Point" else geom
        _add(out, row, i, lat=lat, lon=lon, bounds=geom.bounds, extent=extent)
    result = out.result()
    logger.info("%s", result.summary())
    return result


def read_frame(path: Path, *, layer: str | None = None):
    """Read a vector layer into a GeoDataFrame in EPSG:4326.

    A missing CRS is taken as EPSG:4326 (with a warning) when the coordinates fit
    in degrees; projected-looking coordinates without a CRS are an error.

    Raises
    ------
    GazetteerFormatError
        For an unreadable layer or an unknown CRS.
    """
    import pyogrio

    spath = str(path)
    try:
        frame = pyogrio.read_dataframe(path, layer=layer, encoding=None)
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as err:
        raise GazetteerFormatError(f"cannot read as a vector layer: {err}", path=spath) from None
    except UnicodeDecodeError as err:
        raise GazetteerFormatError(f"not UTF-8: {err}", path=spath) from None
    if frame.empty:
        raise GazetteerFormatError("the layer has no features", path=spath)
    bounds = tuple(frame.total_bounds)
    if frame.crs is None:
        if not looks_lonlat(*bounds):
            raise GazetteerFormatError(
                f"unknown CRS: the layer has no CRS (.prj) and its bounds {bounds!r} "
                "are not degrees; add the .prj or reproject to EPSG:4326",
                path=spath,
            )
        logger.warning("%s has no CRS; taking its degree coordinates as EPSG:4326", spath)
        return frame.set_crs(4326)
    if frame.crs.to_epsg() != 4326:
        try:
            frame = frame.to_crs(4326)
        except Exception as err:  # noqa: BLE001 - pyproj raises several kinds
            raise GazetteerFormatError(
                f"cannot reproject from CRS {frame.crs!s} to EPSG:4326: {err}", path=spath
            ) from None
    return frame
