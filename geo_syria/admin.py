"""Syria's governorates: OCHA names and P-codes, GeoNames admin1 codes, common spellings."""

from __future__ import annotations

from dataclasses import dataclass

from geo_syria.names import variant_key

__all__ = ["GOVERNORATES", "Governorate", "governorate"]


@dataclass(frozen=True, slots=True)
class Governorate:
    """One of Syria's 14 governorates (OCHA COD 2016 names and P-codes)."""

    name: str
    pcode: str
    geonames_code: str
    name_ar: str
    variants: tuple[str, ...] = ()


GOVERNORATES: tuple[Governorate, ...] = (
    Governorate("Damascus", "SY01", "13", "دمشق", ("Dimashq", "Damascus city")),
    Governorate("Aleppo", "SY02", "09", "حلب", ("Halab",)),
    Governorate(
        "Rural Damascus",
        "SY03",
        "08",
        "ريف دمشق",
        ("Rif Dimashq", "Damascus countryside", "Reef Damascus", "Damascus province"),
    ),
    Governorate("Homs", "SY04", "11", "حمص", ("Hims",)),
    Governorate("Hama", "SY05", "10", "حماة", ("Hamah",)),
    Governorate("Lattakia", "SY06", "02", "اللاذقية", ("Latakia", "Al-Ladhiqiyah")),
    Governorate("Idleb", "SY07", "12", "إدلب", ("Idlib",)),
    Governorate("Al-Hasakeh", "SY08", "01", "الحسكة", ("Hasakah", "Hasaka", "Hassakeh")),
    Governorate("Deir-ez-Zor", "SY09", "07", "دير الزور", ("Deir ez-Zor", "Deir Ezzor")),
    Governorate("Tartous", "SY10", "14", "طرطوس", ("Tartus",)),
    Governorate("Ar-Raqqa", "SY11", "04", "الرقة", ("Raqqa", "Ar Raqqah")),
    Governorate("Dar'a", "SY12", "06", "درعا", ("Daraa", "Deraa")),
    Governorate("As-Sweida", "SY13", "05", "السويداء", ("Sweida", "Suwayda", "As-Suwayda")),
    Governorate("Quneitra", "SY14", "03", "القنيطرة", ("Qunaytirah",)),
)

_BY_KEY = {
    key: g
    for g in GOVERNORATES
    for key in (
        g.pcode.lower(),
        g.geonames_code,
        variant_key(g.name),
        variant_key(g.name_ar),
        *(variant_key(v) for v in g.variants),
    )
}


def governorate(value: str) -> Governorate | None:
    """Return the governorate for a name (any spelling), P-code or GeoNames admin1 code.

    Examples
    --------
    >>> governorate("Idlib").pcode, governorate("SY05").name, governorate("08").name
    ('SY07', 'Hama', 'Rural Damascus')
    >>> governorate("Narnia") is None
    True
    """
    if not value:
        return None
    value = value.strip()
    return _BY_KEY.get(value.lower()) or _BY_KEY.get(value) or _BY_KEY.get(variant_key(value))
