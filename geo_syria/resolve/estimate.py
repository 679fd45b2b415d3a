"""Context estimates: where a name the gazetteer lacks lies, by the area its text puts it in.

"the village of X in the northern Hama countryside", "X, Raqqa governorate", "X
village, Abu Kamal countryside": news places a small village by the governorate or
town around it. :func:`area_after` reads that area right after the name;
:func:`context_estimate` turns it into an :class:`Estimate`: the area's point with an
honest radius (the governorate's, or its named part's when the gazetteer has the
governorate's outline; :data:`COUNTRYSIDE_KM` around a town), flagged as an estimate
with the reason in words. It is never a place: the name stays unresolved.

The same area rules out a lone candidate far outside it (:func:`outside_area`):
"al Qadissiya, Raqqa governorate" is not the Qudsaya near Damascus.

Examples
--------
>>> text = "Shelling hit Zor Zor village in the northern Hama countryside."
>>> area = area_after(text, 20)
>>> area.name, area.kind, area.part
('Hama', 'countryside', 'north')
>>> area_after("Zor Zor, Raqqa governorate, Syria", 7).name
'Raqqa'
>>> area_after("Zor Zor and Hama were shelled.", 7) is None
True
"""

from __future__ import annotations

import math
import re
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from geo_syria.admin import Governorate, governorate
from geo_syria.geo import haversine_km
from geo_syria.resolve.candidates import gov_of
from geo_syria.resolve.resolution import Estimate

if TYPE_CHECKING:
    from geo_syria.place import Place
    from geo_syria.recognize import Recognizer

__all__ = ["CITY_KM", "COUNTRYSIDE_KM", "Area", "area_after", "context_estimate", "outside_area"]

#: The radius of "the countryside of" a town (not a governorate), in km.
COUNTRYSIDE_KM = 25.0
#: The least radius of a part of a city ("X neighbourhood in Raqqa"), in km.
CITY_KM = 5.0
#: How far outside its named area (beyond the area's radius) a lone candidate may lie, in km.
OUTSIDE_SLACK_KM = 15.0

#: The parts of an area a text may name ("the northern Hama countryside").
_PARTS = frozenset("north northeast east southeast south southwest west northwest".split())
_PART = (
    r"(?P<part>(?i:(?:north|south)(?:[- ]?(?:east|west))?(?:ern)?|(?:east|west)(?:ern)?))"
    r"(?:\s+part\s+of\s+the)?"
)
_AREA = r"(?P<area>(?:(?i:al|el|ar|as|ad|ash|at|az)[- ])?[A-Z][\w'’]*(?:[ -][A-Z][\w'’]*){0,2})"
_KIND = r"(?P<kind>(?i:countryside|province|governorate|region|desert|outskirts))"
_TYPE = (
    r"(?:\s+(?i:village|town|city|farm|area|camp|hill|neighbou?rhood|district|suburb|quarter)s?)?"
)
#: A part of a city: "al-Sinaa neighbourhood in Raqqa", "the Jobar district of Damascus".
_CITY_PART = r"\s+(?i:neighbou?rhoods?|district|quarter|suburb)"
_IN_CITY = (
    r",?\s+(?i:in|of)\s+(?:(?i:the)\s+(?i:city)\s+of\s+)?"
    rf"{_AREA}(?:\s+(?P<kind>(?i:city)))?(?![\w'’-])(?!\s+(?i:countryside|province|governorate))"
)
_ART = r"(?:(?i:al|el|ar|as|ad|ash|at|az)[- ])?"
#: Names listed after the name: "Masqan and Ehras in ...", "Ratlah and Al Aekershi villages, ...".
_LIST = rf"(?:(?:,|,?\s+and|,?\s+or)\s+{_ART}[A-Z][\w'’]*(?:[ -]{_ART}[A-Z][\w'’]*){{0,3}}){{1,4}}"
_PLURAL = r"\s+(?i:villages|towns|farms|areas)"
_IN_AREA = (
    rf",?\s+(?i:in|of|at|near)\s+(?:(?i:the)\s+)?(?:{_PART}\s+)?{_AREA}\s+{_KIND}\b",
    rf",?\s+(?i:in|of|at|near)\s+(?i:the)\s+(?:{_PART}\s+)?{_KIND}\s+of\s+{_AREA}\b",
)
_COMMA_AREA = rf",\s+(?:(?i:the)\s+)?(?:{_PART}\s+)?{_AREA}\s+{_KIND}\b"
#: What may follow a name and put it in an area: "in the northern Hama countryside",
#: "in the countryside of Idlib", ", Raqqa governorate"; after a list of names, "in"
#: or a plural kind ("villages, Raqqa governorate") says the area is the list's.
_AFTER = tuple(
    re.compile(form)
    for form in (
        *(_TYPE + f for f in _IN_AREA),
        _TYPE + _COMMA_AREA,
        *(_LIST + _TYPE + f for f in _IN_AREA),
        _LIST + _PLURAL + _COMMA_AREA,
        _CITY_PART + _IN_CITY,
    )
)


class Area(NamedTuple):
    """The area a text puts a name in: its name as written, kind and part (a compass point).

    ``kind`` is "countryside", "province", "governorate", "region", "desert" or
    "outskirts", or "city" for a part of a city ("X neighbourhood in Homs").
    """

    name: str
    kind: str
    part: str | None


def area_after(text: str, end: int) -> Area | None:
    """Return the area the words after ``text[:end]`` (a name) put it in, if any.

    Parameters
    ----------
    text : str
        The document text.
    end : int
        Where the name ends.

    Returns
    -------
    Area or None

    Examples
    --------
    >>> area_after("Zor Zor in the southern countryside of Idlib", 7)
    Area(name='Idlib', kind='countryside', part='south')
    >>> area_after("the al-Zor neighborhood in Homs", 10)
    Area(name='Homs', kind='city', part=None)
    """
    stop = min(len(text), end + 120)
    found = next(filter(None, (form.match(text, end, stop) for form in _AFTER)), None)
    if found is None:
        return None
    part = found.groupdict().get("part")
    if part:
        part = part.lower().replace("-", "").replace(" ", "").removesuffix("ern")
        part = part if part in _PARTS else None
    kind = (found.group("kind") or "city").lower()
    return Area(found.group("area"), kind, part)


@dataclass(frozen=True, slots=True)
class _Circle:
    """An area's point and radius, and the place it is."""

    lat: float
    lon: float
    radius_km: float
    place: Place
    words: str  # the area in words: "Hama Governorate", "the countryside of Albu Kamal"


#: Each gazetteer's governorate places, by governorate name (memo).
_GOVERNORATES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _governorate_place(recognizer: Recognizer, gov: Governorate) -> Place | None:
    """Return the gazetteer's record of a governorate (one with an outline first)."""
    memo = _GOVERNORATES.setdefault(recognizer.gazetteer, {})
    if gov.name not in memo:
        found = []
        for name in (gov.name, *gov.variants):
            for suffix in (" Governorate", " province", ""):
                for place in recognizer.candidates(name + suffix):
                    if place.feature_type == "governorate" and gov_of(place) == gov.name:
                        found.append(place)
        found.sort(key=lambda p: p.extent is None)
        memo[gov.name] = found[0] if found else None
    return memo[gov.name]


def _area_circle(
    recognizer: Recognizer, area: Area, sentence_govs: frozenset[str]
) -> _Circle | None:
    """Return the point and radius of an area, or None when it is unknown or ambiguous."""
    gov = None
    if area.kind != "city":
        gov = governorate(f"{area.name} {area.kind}") or governorate(area.name)
    if gov is not None:
        place = _governorate_place(recognizer, gov)
        if place is None:
            return None
        return _Circle(place.lat, place.lon, place.precision_m / 1000, place, place.name)
    if area.kind in ("province", "governorate"):
        return None
    found = recognizer.gazetteer.search(area.name, fuzzy=False, limit=10, rated=False)
    towns = {
        m.place.id: m.place
        for m in found
        if m.place.in_syria and m.place.feature_type in ("city", "town", "village")
    }
    if len(towns) > 1 and sentence_govs:
        towns = {k: p for k, p in towns.items() if gov_of(p) in sentence_govs}
    if len(towns) != 1:
        return None
    (place,) = towns.values()
    if area.kind == "city":
        radius = max(CITY_KM, place.precision_m / 1000)
        return _Circle(place.lat, place.lon, radius, place, place.name)
    radius = max(COUNTRYSIDE_KM, place.precision_m / 1000)
    return _Circle(place.lat, place.lon, radius, place, f"the countryside of {place.name}")


def _part(circle: _Circle, part: str) -> tuple[float, float, float, str]:
    """Return the point, radius (km) and words of a part of a governorate ("northern").

    With the governorate's outline, the part is the outline cut by the half of its
    bounds on that side (a quarter for "north-east"), its radius the farthest
    corner of the cut from its centroid; without, the whole governorate.
    """
    extent = circle.place.extent
    words = f"the {part}ern part of {circle.words}"
    if extent is None or extent.is_empty:
        return circle.lat, circle.lon, circle.radius_km, words
    from shapely.geometry import box

    west, south, east, north = extent.bounds
    mid_lon, mid_lat = (west + east) / 2, (south + north) / 2
    if "north" in part:
        south = mid_lat
    if "south" in part:
        north = mid_lat
    if "east" in part:
        west = mid_lon
    if "west" in part:
        east = mid_lon
    cut = extent.intersection(box(west, south, east, north))
    if cut.is_empty:
        return circle.lat, circle.lon, circle.radius_km, words
    centre = cut.centroid
    x0, y0, x1, y1 = cut.bounds
    radius = max(haversine_km(centre.y, centre.x, y, x) for x in (x0, x1) for y in (y0, y1))
    return centre.y, centre.x, radius, words


def context_estimate(
    recognizer: Recognizer, text: str, end: int, sentence_govs: frozenset[str] = frozenset()
) -> Estimate | None:
    """Return the estimated location of a name ending at ``end``, by the area after it.

    Parameters
    ----------
    recognizer : Recognizer
        The gazetteer's names: where the area is looked up.
    text : str
        The document text.
    end : int
        Where the name ends.
    sentence_govs : frozenset of str
        The governorates the sentence names (they tell a town's namesakes apart).

    Returns
    -------
    Estimate or None
        None when no area follows the name, or the area is unknown or ambiguous.

    Examples
    --------
    >>> from geo_syria import load_default_gazetteer
    >>> from geo_syria.recognize import Recognizer
    >>> rec = Recognizer(load_default_gazetteer())
    >>> text = "Shelling hit Zor Zor village in the northern Hama countryside."
    >>> est = context_estimate(rec, text, 20)
    >>> round(est.radius_m / 1000), est.reason
    (110, 'estimated from its context: in the northern part of Hama Governorate (± 110 km)')
    """
    area = area_after(text, end)
    if area is None:
        return None
    circle = _area_circle(recognizer, area, sentence_govs)
    if circle is None:
        return None
    lat, lon, radius, words = circle.lat, circle.lon, circle.radius_km, circle.words
    if area.part is not None and circle.place.feature_type == "governorate":
        lat, lon, radius, words = _part(circle, area.part)
    radius_m = math.ceil(radius) * 1000.0
    reason = f"estimated from its context: in {words} (± {radius_m / 1000:.0f} km)"
    return Estimate(lat, lon, radius_m, circle.place, reason)


def outside_area(
    recognizer: Recognizer, place: Place, text: str, end: int, sentence_govs: frozenset[str]
) -> str | None:
    """Return why ``place`` cannot be the name ending at ``end``, or None when it can.

    A place far outside the area the text puts the name in (beyond the area's
    radius and :data:`OUTSIDE_SLACK_KM`) is another place of that name. Places
    abroad, countries and governorates are not judged ("the border with Turkey in
    northern Aleppo province").

    Examples
    --------
    >>> from geo_syria import load_default_gazetteer
    >>> from geo_syria.recognize import Recognizer
    >>> rec = Recognizer(load_default_gazetteer())
    >>> (hader,) = rec.candidates("Hader")  # Al-Hader, south-west of Aleppo
    >>> text = "the entrance of Hader in Quneitra province"
    >>> outside_area(rec, hader, text, 21, frozenset())
    'Al-Hader lies 347 km from Quneitra Governorate, where the text puts this name'
    """
    if not place.in_syria or place.feature_type in ("country", "governorate"):
        return None  # "the border with Turkey in northern Aleppo province"
    area = area_after(text, end)
    if area is None:
        return None
    circle = _area_circle(recognizer, area, sentence_govs)
    if circle is None or circle.place.id == place.id:
        return None
    km = haversine_km(circle.lat, circle.lon, place.lat, place.lon)
    if km <= circle.radius_km + OUTSIDE_SLACK_KM:
        return None
    return f"{place.name} lies {km:.0f} km from {circle.words}, where the text puts this name"
