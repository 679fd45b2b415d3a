"""Argument checks shared by every entry point."""

from __future__ import annotations

import math
from collections.abc import Iterable

from geo_syria.exc import InvalidOptionError


def check_option(name: str, value: object, allowed: Iterable[object]) -> object:
    """Return ``value`` if it is one of ``allowed``, else raise naming all of them.

    Examples
    --------
    >>> check_option("format", "csv", ("csv", "geojson"))
    'csv'
    >>> check_option("format", "xls", ("csv", "geojson"))
    Traceback (most recent call last):
    ...
    geo_syria.exc.InvalidOptionError: format='xls' is not allowed; choose one of 'csv', 'geojson'
    """
    allowed = tuple(allowed)
    if value not in allowed:
        choices = ", ".join(repr(a) for a in allowed)
        raise InvalidOptionError(f"{name}={value!r} is not allowed; choose one of {choices}")
    return value


def check_latlon(lat: object, lon: object, *, name: str = "location") -> tuple[float, float]:
    """Return ``(lat, lon)`` as floats, rejecting NaN, infinities and out-of-range values.

    Examples
    --------
    >>> check_latlon("33.5", 36.3)
    (33.5, 36.3)
    >>> check_latlon(95, 0)
    Traceback (most recent call last):
    ...
    geo_syria.exc.InvalidOptionError: location latitude 95.0 is out of range; allowed -90..90
    """
    try:
        lat_f, lon_f = float(lat), float(lon)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InvalidOptionError(
            f"{name}=({lat!r}, {lon!r}) is not a pair of numbers; give (lat, lon) in degrees"
        ) from None
    if not (math.isfinite(lat_f) and math.isfinite(lon_f)):
        raise InvalidOptionError(f"{name}=({lat!r}, {lon!r}) is not finite; give (lat, lon)")
    if not -90.0 <= lat_f <= 90.0:
        raise InvalidOptionError(f"{name} latitude {lat_f!r} is out of range; allowed -90..90")
    if not -180.0 <= lon_f <= 180.0:
        raise InvalidOptionError(f"{name} longitude {lon_f!r} is out of range; allowed -180..180")
    return lat_f, lon_f


def check_positive(name: str, value: object, *, allow_zero: bool = False) -> float:
    """Return ``value`` as a float if it is a finite positive number.

    Examples
    --------
    >>> check_positive("limit", 3)
    3.0
    >>> check_positive("limit", -1)
    Traceback (most recent call last):
    ...
    geo_syria.exc.InvalidOptionError: limit=-1 must be a finite number > 0
    """
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        number = math.nan
    ok = math.isfinite(number) and (number >= 0 if allow_zero else number > 0)
    if not ok:
        bound = ">= 0" if allow_zero else "> 0"
        raise InvalidOptionError(f"{name}={value!r} must be a finite number {bound}")
    return number
