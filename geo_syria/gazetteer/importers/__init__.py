"""Gazetteer importers, one module per source format.

* :mod:`.geonames` — GeoNames dumps (``XX.txt``, ``XX.zip``, ``allCountries``, ``cities500``).
* :mod:`.ocha` — OCHA COD admin 1–3 polygons and city neighbourhoods (and their CSVs).
* :mod:`.points` — generic point layers: GeoPackage, GeoJSON, CSV.
* :mod:`.user_csv` — a plain ``name, lat, lon`` CSV.

:func:`import_source` picks the importer by extension and content. Every importer
returns an :class:`ImportResult`: the places, and each bad row reported and skipped
(file, line, column, reason). Whole-file trouble raises
:class:`~geo_syria.exc.GazetteerFormatError`.
"""

from __future__ import annotations

import csv
import logging
from pathlib import Path

from geo_syria.exc import GazetteerFormatError
from geo_syria.gazetteer.importers._common import ImportResult, SkippedRow, sniff_delimiter

__all__ = ["IMPORTERS", "ImportResult", "SkippedRow", "expand_sources", "import_source", "sniff"]

logger = logging.getLogger(__name__)

#: Importer names :func:`import_source` accepts.
IMPORTERS = ("geonames", "ocha", "points", "user_csv", "curated")
_VECTOR = (".shp", ".gpkg", ".geojson", ".json", ".fgb", ".gml", ".kml")
_CURATED = {"id", "name", "lat", "lon", "feature_type", "precision_m", "source", "source_id"}


#: What a directory given as a source expands to: its vector layers and GeoNames zips.
_DIRECTORY_MEMBERS = (".shp", ".gpkg", ".geojson", ".fgb", ".zip")


def expand_sources(sources) -> list[Path]:
    """Return the source files, a directory standing for its vector layers and zips.

    A directory (such as an OCHA COD shapefile folder) is read as every
    ``.shp``, ``.gpkg``, ``.geojson``, ``.fgb`` and ``.zip`` directly inside it, in
    name order; tables (CSV, TSV) inside a directory are not guessed at and must
    be named one by one.

    Raises
    ------
    GazetteerFormatError
        For a directory with none of those files.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> for name in ("b.shp", "b.dbf", "a.gpkg", "notes.csv"):
    ...     _ = (d / name).write_text("x")
    >>> [p.name for p in expand_sources([d])]
    ['a.gpkg', 'b.shp']
    """
    out: list[Path] = []
    for source in sources:
        path = Path(source)
        if not path.is_dir():
            out.append(path)
            continue
        members = sorted(
            p for p in path.iterdir() if p.is_file() and p.suffix.lower() in _DIRECTORY_MEMBERS
        )
        if not members:
            allowed = ", ".join(_DIRECTORY_MEMBERS)
            raise GazetteerFormatError(
                f"directory holds no gazetteer source ({allowed}); name its files one by one",
                path=str(path),
            )
        out.extend(members)
    return out


def _header(path: Path) -> list[str]:
    with path.open("rb") as fh:
        first = fh.readline(65536)
    if not first.strip():
        raise GazetteerFormatError("the file is empty", path=str(path))
    if b"\x00" in first:
        raise GazetteerFormatError("binary data or not UTF-8 (NUL bytes found)", path=str(path))
    text = first.decode("utf-8", errors="replace").removeprefix("\ufeff").rstrip("\r\n")
    if "\t" in text:
        return text.split("\t")
    return next(csv.reader([text], delimiter=sniff_delimiter(text)), [])


def sniff(path: str | Path) -> str:
    r"""Return which importer reads this file: one of :data:`IMPORTERS`.

    Raises
    ------
    GazetteerFormatError
        For a missing, empty or unrecognised file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "mine.csv"
    >>> _ = f.write_text("name,lat,lon\nSoran,35.29,36.75\n")
    >>> sniff(f)
    'user_csv'
    >>> _ = f.write_text("name;lat;lon\nSoran;35.29;36.75\n")
    >>> sniff(f)
    'user_csv'
    """
    path = Path(path)
    if not path.is_file():
        raise GazetteerFormatError("no such file", path=str(path))
    suffix = path.suffix.lower()
    if suffix == ".zip":
        return "geonames"
    if suffix in _VECTOR:
        import pyogrio

        try:
            fields = set(pyogrio.read_info(path)["fields"])
        except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as err:
            raise GazetteerFormatError(
                f"cannot read as a vector layer: {err}", path=str(path)
            ) from None
        return "ocha" if {"PCODE", "NAME_EN"} <= fields else "points"
    header = _header(path)
    if header and header[0].strip().lower() == "geonameid":
        return "geonames"
    if len(header) == 19 and header[0].strip().isdigit():
        return "geonames"
    names = {h.strip() for h in header}
    if {"PCODE", "NAME_EN"} <= names:
        return "ocha"
    if _CURATED <= names:
        return "curated"
    if {"name", "lat", "lon"} <= names:
        return "user_csv"
    if suffix in (".csv", ".tsv", ".txt"):
        return "points"
    raise GazetteerFormatError(
        f"unrecognised source {path.name!r}; give a GeoNames dump (.txt/.zip), an OCHA "
        "layer, a point layer (.gpkg/.geojson/.csv) or a user CSV (name,lat,lon)",
        path=str(path),
    )


def import_source(
    path: str | Path, *, importer: str | None = None, country: str | None = None
) -> ImportResult:
    """Read one gazetteer source with the right importer.

    Parameters
    ----------
    path : str or Path
        The file.
    importer : str, optional, keyword-only
        One of :data:`IMPORTERS`; found by :func:`sniff` when not given.
    country : str, optional, keyword-only
        For GeoNames dumps, keep only this country (``"SY"``).

    Returns
    -------
    ImportResult

    Raises
    ------
    GazetteerFormatError
        For whole-file trouble, naming file (and line and column where they apply).
    InvalidOptionError
        For an unknown ``importer``.

    Examples
    --------
    >>> import_source("x.csv", importer="excel")
    Traceback (most recent call last):
    ...
    geo_syria.exc.InvalidOptionError: importer='excel' is not allowed; choose one of ...
    """
    from geo_syria.checks import check_option

    if importer is not None:
        check_option("importer", importer, IMPORTERS)
    path = Path(path)
    kind = importer or sniff(path)
    logger.debug("%s: reading with the %s importer", path, kind)
    if kind == "geonames":
        from geo_syria.gazetteer.importers.geonames import read_geonames

        return read_geonames(path, country=country)
    if kind == "ocha":
        from geo_syria.gazetteer.importers.ocha import read_ocha

        return read_ocha(path)
    if kind == "points":
        from geo_syria.gazetteer.importers.points import read_points

        return read_points(path)
    if kind == "user_csv":
        from geo_syria.gazetteer.importers.user_csv import read_user_csv

        return read_user_csv(path)
    from geo_syria.gazetteer.curated import read_curated
    from geo_syria.gazetteer.importers._common import read_text

    places = tuple(read_curated(read_text(path), path=str(path)))
    return ImportResult(str(path), "curated", places)
