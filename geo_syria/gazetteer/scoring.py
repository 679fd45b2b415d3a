"""How a gazetteer candidate is ranked: place priors, name-match weights, the Match record."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from geo_syria.place import Place

__all__ = [
    "ADMIN_BIAS",
    "ADMIN_PENALTY",
    "CURATED_SALIENCE",
    "FOREIGN_ALIAS_LETTERS",
    "FUZZY_SCALE",
    "HOW_SCORE",
    "TYPE_PRIOR",
    "Match",
    "name_counts",
    "place_prior",
]

#: How much a feature type is worth when several places share a name.
TYPE_PRIOR = {
    "country": 1.0,
    "governorate": 0.9,
    "city": 0.85,
    "region": 0.8,
    "district": 0.6,
    "town": 0.6,
    "subdistrict": 0.45,
    "neighbourhood": 0.5,
    "village": 0.4,
    "camp": 0.4,
    "landmark": 0.45,
    "road": 0.2,
    "water": 0.3,
    "mountain": 0.3,
    "military": 0.35,
    "crossing": 0.35,
}
#: Name score of a key match: the exact key, or only the folded variant key.
HOW_SCORE = {"exact": 1.0, "variant": 0.8}
#: Fuzzy name scores are scaled by this, so a fuzzy match never ties a key match.
FUZZY_SCALE = 0.75
#: Lowest population-like salience of a hand-curated place: it is in the curated
#: file because news reporting names it, whatever its population.
CURATED_SALIENCE = 0.75
#: Score factors for a place inside / outside the governorate asked for with ``admin1``.
ADMIN_BIAS, ADMIN_PENALTY = 1.5, 0.3
#: Fewest letters of another name of a place outside Syria that count as its name:
#: shorter ones are codes and nicknames ("RAI", Praia's airport, is not al-Rai).
FOREIGN_ALIAS_LETTERS = 5


@dataclass(frozen=True, slots=True)
class Match:
    """A gazetteer candidate for a name, with how it matched and its scores.

    Parameters
    ----------
    place : Place
        The candidate.
    score : float
        0..1; the name match times the place's prior and any bias: the ranking score.
    matched_name : str
        The place's name or variant that matched.
    how : str
        ``"exact"``, ``"variant"`` or ``"fuzzy"``.
    name_score : float
        The name match alone, 0..1.
    distance_km : float or None
        Distance to the bias point, when one was given.
    confidence : float or None
        Calibrated 0..1 chance that this is the place meant, among the other
        candidates of the same search (see
        :mod:`geo_syria.gazetteer.confidence`); None on a match not rated yet.

    Examples
    --------
    >>> from geo_syria.place import Place
    >>> hama = Place(id="x:1", name="Hama", lat=35.13, lon=36.76, feature_type="city")
    >>> m = Match(hama, 0.9, "Hama", "exact", 1.0)
    >>> m.how, m.confidence
    ('exact', None)
    """

    place: Place
    score: float
    matched_name: str
    how: str
    name_score: float
    distance_km: float | None = None
    confidence: float | None = None


def place_prior(place: Place) -> float:
    """Return a 0..1 prior of a place being the one meant, from its type and population.

    Parameters
    ----------
    place : Place
        The candidate.

    Returns
    -------
    float

    Examples
    --------
    >>> from geo_syria.place import Place
    >>> big = Place(id="x:1", name="A", lat=35, lon=36, feature_type="city", population=900000)
    >>> small = Place(id="x:2", name="A", lat=35, lon=36, feature_type="village")
    >>> place_prior(big) > place_prior(small)
    True
    >>> place_prior(small.evolve(id="curated:a")) > place_prior(small)
    True
    """
    type_part = TYPE_PRIOR.get(place.feature_type, 0.3)
    pop_part = min(math.log10((place.population or 0) + 1) / 7.0, 1.0)
    if place.id.startswith("curated:"):
        pop_part = max(pop_part, CURATED_SALIENCE)
    syria_part = 1.0 if place.in_syria else 0.6
    return (0.55 * type_part + 0.45 * pop_part) * syria_part


def name_counts(match: Match) -> bool:
    """Return whether a key match's name is evidence for its place at all.

    A place in Syria counts on any key match. A place outside Syria counts only
    on its exact name, or on the exact key of another name of it at least
    :data:`FOREIGN_ALIAS_LETTERS` letters long and not written in capitals (a
    code): "Beirut" is Beirut, but "Rai" is not Praia (airport code RAI) and
    "Qabun" is not Gabon.

    Parameters
    ----------
    match : Match
        An exact or variant key match.

    Returns
    -------
    bool

    Examples
    --------
    >>> from geo_syria.place import Place
    >>> praia = Place(id="w:1", name="Praia", lat=14.9, lon=-23.5, feature_type="city",
    ...               country="CV")
    >>> name_counts(Match(praia, 0.5, "RAI", "exact", 1.0))
    False
    >>> name_counts(Match(praia, 0.5, "Praia", "exact", 1.0))
    True
    """
    place = match.place
    if place.in_syria:
        return True
    if match.how != "exact":
        return False
    name = match.matched_name
    if name == place.name:
        return True
    return not name.isupper() and sum(c.isalpha() for c in name) >= FOREIGN_ALIAS_LETTERS
