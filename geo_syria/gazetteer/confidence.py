"""A calibrated confidence for gazetteer matches, and the threshold below which none is given.

The confidence of a candidate is its *name evidence* times its *share* of the
weight of all candidates for the same name:

* name evidence: 1.0 for an exact key, 0.95 for a variant key, 0.8 for a fuzzy
  likeness that :func:`~geo_syria.gazetteer.fuzzy.spelling_agrees` accepts, and
  0 for any other likeness, and for a place outside Syria matched by anything
  but the exact key of its name (so "Qabun" is never Gabon, nor "Foua" Huế, nor
  "Rai" Praia by its airport code; :func:`~geo_syria.gazetteer.scoring.name_counts`); halved for a
  neighbourhood, whose name alone, without its city, is usually a village's;
* share: the candidate's weight (evidence × place prior × any ``admin1`` or
  ``near`` bias) over itself plus every candidate more than
  :data:`NAMESAKE_KM` away. A name shared by several places far apart is a
  guess between them.

:data:`MATCH_THRESHOLD` (0.55) is where an answer stops being a guess: at most one
group of candidates within 25 km of each other can pass it, and a name shared by
distant places passes only when one of them outweighs the others (a bias helps).
Calibrated on the 300 UCDP names of ``../shared/corpus/ucdp_names_dev.tsv`` (real
spellings, no context), the class of each error, not each case: with the store
built from ``../shared/reference``, 88% of the best candidates at or above the
threshold lie within 25 km of the truth, against 30% below it; 95% of the fuzzy
likenesses whose consonants disagree lie more than 25 km off. At 0.5, 6% of the
names got an answer more than 25 km off; at 0.55, under 5% (4.7% with the
reference store, 4.3% with the embedded default).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from geo_syria.gazetteer.fuzzy import spelling_agrees
from geo_syria.gazetteer.scoring import Match, name_counts
from geo_syria.gazetteer.spatial import haversine_km

__all__ = [
    "EVIDENCE",
    "MATCH_THRESHOLD",
    "NAMESAKE_KM",
    "TYPE_FACTOR",
    "name_evidence",
    "rate",
    "rate_pairs",
]

#: Lowest confidence of an answer (``OfflineGeocoder.geocode`` returns None below it).
MATCH_THRESHOLD = 0.55
#: Name evidence by how a candidate matched (a fuzzy one only when the spelling agrees).
EVIDENCE = {"exact": 1.0, "variant": 0.95, "fuzzy": 0.8}
#: Evidence factor of feature types whose bare name is weak evidence.
TYPE_FACTOR = {"neighbourhood": 0.45}
#: Candidates farther apart than this are different places (namesakes).
NAMESAKE_KM = 25.0


def name_evidence(query: str, match: Match) -> float:
    """Return the 0..1 evidence that ``match``'s name is the name asked for.

    Parameters
    ----------
    query : str
        The name as asked.
    match : Match
        A candidate from :meth:`Gazetteer.search <geo_syria.gazetteer.Gazetteer.search>`.

    Returns
    -------
    float
        0 when the match is no evidence at all.

    Examples
    --------
    >>> from geo_syria.place import Place
    >>> madrid = Place(id="w:1", name="Madrid", lat=40.4, lon=-3.7, feature_type="city",
    ...                country="ES")
    >>> name_evidence("Maarzita", Match(madrid, 0.2, "Madrid", "fuzzy", 0.5))
    0.0
    >>> name_evidence("Madrid", Match(madrid, 0.5, "Madrid", "exact", 1.0))
    1.0
    """
    if not name_counts(match):
        return 0.0
    if match.how == "fuzzy" and not spelling_agrees(query, match.matched_name):
        return 0.0
    evidence = EVIDENCE.get(match.how, 0.0)
    if match.place.id.startswith("curated:"):
        return evidence  # in the curated file because news reporting names it
    return evidence * TYPE_FACTOR.get(match.place.feature_type, 1.0)


def rate(query: str, matches: Sequence[Match]) -> list[Match]:
    """Return the matches, each with its calibrated ``confidence``.

    The order is kept; a match that is no evidence (:func:`name_evidence` 0) gets
    confidence 0. See the module docstring for the formula.

    Parameters
    ----------
    query : str
        The name as asked.
    matches : sequence of Match
        All the candidates of one search (after biases, before any limit).

    Returns
    -------
    list of Match

    Examples
    --------
    >>> from geo_syria.place import Place
    >>> a = Place(id="x:1", name="Suran", lat=35.29, lon=36.75, feature_type="town")
    >>> b = Place(id="x:2", name="Suran", lat=36.57, lon=37.23, feature_type="village")
    >>> [round(m.confidence, 2) for m in rate("Suran", [Match(a, 0.6, "Suran", "exact", 1.0)])]
    [1.0]
    >>> rated = rate("Suran", [Match(a, 0.6, "Suran", "exact", 1.0),
    ...                        Match(b, 0.4, "Suran", "exact", 1.0)])
    >>> [round(m.confidence, 2) for m in rated]  # two namesakes 150 km apart: a guess
    [0.6, 0.4]
    """
    return rate_pairs([(query, m) for m in matches])


def rate_pairs(pairs: Sequence[tuple[str, Match]]) -> list[Match]:
    """Return the matches of several forms of one name, each with its ``confidence``.

    Like :func:`rate`, but each match is judged against the form that found it
    (``"Abu Rasin"`` and ``"Zarkan"`` for ``"Abu Rasin/Zarkan"``), and the
    share is taken over the candidates of every form, so forms that agree on a
    place support each other and forms that disagree make a guess.

    Parameters
    ----------
    pairs : sequence of (str, Match)
        Each match with the form of the name that found it.

    Returns
    -------
    list of Match
        In the order given.

    Examples
    --------
    >>> rate_pairs([])
    []
    """
    import numpy as np

    kept = [(m, name_evidence(query, m)) for query, m in pairs]
    if not kept:
        return []
    weights = np.array([e * (m.score / m.name_score if m.name_score else 0.0) for m, e in kept])
    lat = np.array([m.place.lat for m, _ in kept])
    lon = np.array([m.place.lon for m, _ in kept])
    out = []
    for i, (m, e) in enumerate(kept):
        far = haversine_km(m.place.lat, m.place.lon, lat, lon) > NAMESAKE_KM
        total = weights[i] + float(weights[far].sum())
        share = float(weights[i] / total) if total > 0 else 0.0
        out.append(replace(m, confidence=round(e * share, 4)))
    return out
