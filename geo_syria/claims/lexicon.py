"""The words of a relative-location claim: numbers, units, qualifiers, compass points.

The public ones are re-exported by :mod:`geo_syria.claims`.

Distance precision follows the MaNIS/VertNet georeferencing guidelines
(Wieczorek et al. 2004; Chapman & Wieczorek 2020, "uncertainty from distance
precision"), read so as to give the issue's two examples:

* a whole number is taken to be given to the nearest power of ten of its last
  non-zero digit, and is uncertain by half of that: "20 km" ±5 km, "150 km"
  ±5 km, "12 km" ±0.5 km, "2 km" ±0.5 km;
* a decimal is uncertain by the step of its fraction, which is read as the
  coarsest of halves, quarters or tenths that writes it: "10.5 km" ±0.5 km,
  "2.25 km" ±0.25 km, "10.3 km" ±0.1 km.

Qualifiers then widen or open the range (see :func:`distance_range`).
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation

from geo_syria.checks import check_option
from geo_syria.exc import InvalidOptionError
from geo_syria.geo import COMPASS_POINTS

__all__ = [
    "QUALIFIERS",
    "UNITS_KM",
    "distance_precision",
    "distance_range",
    "parse_bearing",
    "parse_number",
]

#: Kilometres per unit, by the unit's spelling (lower case).
UNITS_KM: dict[str, float] = {
    "km": 1.0,
    "kms": 1.0,
    "kilometre": 1.0,
    "kilometres": 1.0,
    "kilometer": 1.0,
    "kilometers": 1.0,
    "mile": 1.609344,
    "miles": 1.609344,
    "mi": 1.609344,
    "m": 0.001,
    "metre": 0.001,
    "metres": 0.001,
    "meter": 0.001,
    "meters": 0.001,
}

#: Qualifiers understood before a distance, and their effect on the range.
QUALIFIERS: dict[str, str] = {
    "some": "approximate",
    "about": "approximate",
    "around": "approximate",
    "approximately": "approximate",
    "roughly": "approximate",
    "nearly": "below",
    "almost": "below",
    "up to": "at most",
    "within": "at most",
    "less than": "at most",
    "under": "at most",
    "more than": "at least",
    "over": "at least",
    "just": "exact",
    "only": "exact",
}

#: The longest distance between two points of the earth (half a meridian), km: a stated
#: distance beyond it is no distance.
MAX_DISTANCE_KM = 20_004.0

#: The largest number read as a distance in any unit (metres included).
_LARGEST = 1e9

#: An approximate qualifier widens the tolerance to at least this share of the distance.
APPROXIMATE_SHARE = 0.2
#: "more than 10 km" is read as 10 km up to this multiple of it.
AT_LEAST_FACTOR = 3.0

_SMALL = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "a hundred": 100,
}
#: Vague counts: (central value, low, high), in the stated unit.
_VAGUE = {
    "a few": (3.0, 1.0, 5.0),
    "a couple of": (2.0, 1.0, 3.0),
    "several": (5.0, 2.0, 9.0),
}

NUMBER_WORD_RE = (
    r"(?:a\s+few|a\s+couple\s+of|several|a\s+hundred|an?|"
    r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|three|four|"
    r"five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred)"
)
NUMBER_RE = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"

_BEARING = {p: i * 22.5 for i, p in enumerate(COMPASS_POINTS)}
_LETTER = {"north": "N", "south": "S", "east": "E", "west": "W"}

#: One compass word in any spelling: "north", "north-west", "northwestern", "NNW".
COMPASS_RE = (
    r"(?:(?:north|south)[-\s]?(?:north|south)?[-\s]?(?:east|west)(?:ern|erly|wards?)?"
    r"|(?:north|south|east|west)(?:ern|erly|wards?)?"
    r"|(?-i:[NS]?[NS]?[EW]|[NS]))"
)


def parse_bearing(word: str) -> tuple[float, float]:
    """Return ``(bearing_deg, tolerance_deg)`` for a compass word in any spelling.

    The tolerance is half the sector the word names: a cardinal point ±45°,
    an intercardinal ±22.5°, a tertiary point ±11.25°.

    Raises
    ------
    InvalidOptionError
        If ``word`` is not a compass direction.

    Examples
    --------
    >>> parse_bearing("north-west")
    (315.0, 22.5)
    >>> parse_bearing("North-Northwestern")
    (337.5, 11.25)
    >>> parse_bearing("ENE")
    (67.5, 11.25)
    >>> parse_bearing("up")
    Traceback (most recent call last):
    ...
    geo_syria.exc.InvalidOptionError: direction='up' is not a compass point; ...
    """
    raw = str(word).strip()
    key = raw.lower().replace("-", "").replace(" ", "")
    key = re.sub(r"(?:ern|erly|wards|ward)$", "", key)
    letters = ""
    rest = key
    while rest:
        for full, letter in _LETTER.items():
            if rest.startswith(full):
                letters += letter
                rest = rest[len(full) :]
                break
        else:
            break
    if rest or not letters:
        letters = raw.upper() if re.fullmatch(r"[NSEW]{1,3}", raw) else ""
    if letters not in _BEARING:
        raise InvalidOptionError(
            f"direction={word!r} is not a compass point; use one of the 16 points "
            f"in any spelling: {', '.join(COMPASS_POINTS)}, 'north-west', 'northwestern', ..."
        )
    return _BEARING[letters], 45.0 / (2 ** (len(letters) - 1))


def parse_number(text: str) -> tuple[float, float, float | None, float | None]:
    """Return ``(value, precision, low, high)`` of a number in digits or words.

    ``low`` and ``high`` are set for vague counts ("a few": 1..5).

    Examples
    --------
    >>> parse_number("20")
    (20.0, 5.0, None, None)
    >>> parse_number("10.5")
    (10.5, 0.5, None, None)
    >>> parse_number("two")
    (2.0, 0.5, None, None)
    >>> parse_number("a few")
    (3.0, 2.0, 1.0, 5.0)
    >>> parse_number("lots")
    Traceback (most recent call last):
    ...
    geo_syria.exc.InvalidOptionError: number='lots' is not a number in digits or words ...
    """
    key = re.sub(r"\s+", " ", str(text).strip().lower())
    if key in _VAGUE:
        value, low, high = _VAGUE[key]
        return value, (high - low) / 2, low, high
    if key in _SMALL:
        return float(_SMALL[key]), distance_precision(str(_SMALL[key])), None, None
    parts = re.fullmatch(r"(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ](\w+)", key)
    if parts and parts.group(2) in _SMALL and _SMALL[parts.group(2)] < 10:
        value = _SMALL[parts.group(1)] + _SMALL[parts.group(2)]
        return float(value), 0.5, None, None
    digits = key.replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", digits):
        value = float(digits)
        if not math.isfinite(value) or value > _LARGEST:
            raise InvalidOptionError(
                f"a number of {len(digits)} digits is too large to be a distance"
            )
        return value, distance_precision(digits), None, None
    raise InvalidOptionError(
        f"number={text!r} is not a number in digits or words "
        "(allowed: '20', '10.5', '1,000', 'two', 'twenty-five', 'a few', 'several')"
    )


def distance_precision(number: str) -> float:
    """Return the uncertainty of a distance written as ``number`` (same unit).

    Whole numbers: half the power of ten of the last non-zero digit.
    Decimals: the step of the fraction (halves, quarters, else tenths/hundredths).

    Examples
    --------
    >>> [distance_precision(n) for n in ("20", "12", "2", "150", "10.5", "2.25", "10.3")]
    [5.0, 0.5, 0.5, 5.0, 0.5, 0.25, 0.1]
    """
    try:
        dec = Decimal(str(number).replace(",", ""))
    except InvalidOperation:
        raise InvalidOptionError(f"number={number!r} is not a decimal number") from None
    if not dec.is_finite() or dec < 0:
        raise InvalidOptionError(f"number={number!r} must be a finite number >= 0")
    text = format(dec, "f")
    if "." in text and text.rstrip("0").split(".")[1]:
        frac = Decimal("0." + text.rstrip("0").split(".")[1])
        for step in (Decimal("0.5"), Decimal("0.25")):
            if frac % step == 0:
                return float(step)
        return 10.0 ** -len(text.rstrip("0").split(".")[1])
    whole = int(dec)
    if whole == 0:
        return 0.5
    zeros = len(str(whole)) - len(str(whole).rstrip("0"))
    return 10.0**zeros / 2


def distance_range(
    value: float, precision: float, *, qualifier: str | None = None
) -> tuple[float, float]:
    """Return the claimed ``(min, max)`` distance for a stated value and its precision.

    ``None`` or "just"/"only": value ± precision. "some", "about", "around",
    "approximately", "roughly": the tolerance is at least 20 % of the value.
    "nearly", "almost": from value minus that tolerance up to value plus precision.
    "up to", "within", "less than", "under": 0 to value (+ precision for the
    first two). "more than", "over": value to 3 × value.

    Raises
    ------
    InvalidOptionError
        For a negative or non-finite distance or precision, or an unknown qualifier.

    Examples
    --------
    >>> distance_range(20, 5)
    (15.0, 25.0)
    >>> distance_range(12, 0.5, qualifier="about")
    (9.6, 14.4)
    >>> distance_range(10, 5, qualifier="within")
    (0.0, 15.0)
    >>> distance_range(-3, 0.5)
    Traceback (most recent call last):
    ...
    geo_syria.exc.InvalidOptionError: distance=-3 must be a finite number >= 0 (km)
    """
    for name, number in (("distance", value), ("precision", precision)):
        if not isinstance(number, (int, float)) or not math.isfinite(number) or number < 0:
            raise InvalidOptionError(f"{name}={number!r} must be a finite number >= 0 (km)")
    value, precision = float(value), float(precision)
    key = None if qualifier is None else re.sub(r"\s+", " ", qualifier.strip().lower())
    if key is not None:
        check_option("qualifier", key, QUALIFIERS)
    kind = QUALIFIERS.get(key or "", "exact")
    approximate = max(precision, APPROXIMATE_SHARE * value)
    if kind == "approximate":
        low, high = value - approximate, value + approximate
    elif kind == "below":
        low, high = value - approximate, value + precision
    elif kind == "at most":
        low, high = 0.0, value + (precision if key in ("up to", "within") else 0.0)
    elif kind == "at least":
        low, high = value, max(AT_LEAST_FACTOR * value, value + precision)
    else:
        low, high = value - precision, value + precision
    return round(max(0.0, low), 9), round(high, 9)


def stated_distance(
    number: str, number2: str | None, unit: str, qualifier: str | None
) -> tuple[float, float, float, str | None]:
    """Return ``(distance_km, min_km, max_km, qualifier)`` of a distance as written.

    A range ("10-15 km": ``number2`` is "15") or a vague count ("a few km": 1..5)
    gives its bounds directly; a qualifier still opens them ("within" from 0,
    "more than" to 3 ×). Otherwise :func:`distance_range` applies. The qualifier
    comes back in lower case, its white space folded.

    Examples
    --------
    >>> stated_distance("20", None, "km", "Some")
    (20.0, 15.0, 25.0, 'some')
    >>> stated_distance("10", "15", "km", None)
    (12.5, 10.0, 15.0, None)
    >>> stated_distance("a few", None, "km", "within")
    (3.0, 0.0, 5.0, 'within')
    """
    factor = UNITS_KM[unit.lower()]
    qualifier = re.sub(r"\s+", " ", qualifier.lower()) if qualifier else None
    value, prec, low, high = parse_number(number)
    if number2:
        value2 = parse_number(number2)[0]
        low, high = min(value, value2), max(value, value2)
        value = (low + high) / 2
    if low is None:
        lo, hi = distance_range(value, prec, qualifier=qualifier)
    else:
        kind = QUALIFIERS.get(qualifier or "", "exact")
        lo = 0.0 if kind == "at most" else low
        hi = AT_LEAST_FACTOR * high if kind == "at least" else high
    if value * factor > MAX_DISTANCE_KM:
        raise InvalidOptionError(
            f"distance={value * factor:g} km is beyond any distance on earth "
            f"(at most {MAX_DISTANCE_KM:g} km)"
        )
    return value * factor, lo * factor, hi * factor, qualifier
