"""A name's candidates and what resolution needs of them, worked out once per gazetteer.

:class:`Surface` holds a surface name's candidates (best first) with their priors,
governorates and coordinates; the caller memoises it by (surface, mention source).

Examples
--------
>>> from geo_syria import load_default_gazetteer
>>> from geo_syria.recognize import Mention, Recognizer
>>> rec = Recognizer(load_default_gazetteer())
>>> surf = Surface.of(rec, Mention("d", 0, 5, "Suran", "Suran", 0))
>>> surf.multi, sorted(g for g in surf.govs if g)[:2]
(True, ['Aleppo', 'Hama'])
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from geo_syria.admin import governorate
from geo_syria.gazetteer.fuzzy import spelling_agrees
from geo_syria.gazetteer.index import Match, place_prior
from geo_syria.gazetteer.scoring import name_counts
from geo_syria.geo import haversine_km

if TYPE_CHECKING:
    from geo_syria.place import Place
    from geo_syria.recognize import Mention, Recognizer

__all__ = ["CUE_MIN_RATIO", "NO_CANDIDATE", "Surface", "candidates", "confidence", "gov_of"]

_GOV_SUFFIX = re.compile(r"\s+(?:province|governorate|countryside|region)$", re.IGNORECASE)
_MAX_CANDIDATES = 8
#: Lowest spelling ratio of a likeness of a cue name (its consonants must agree too):
#: "Khan Shekhon" is 0.875 like "Khan Sheikhoun"; lower ratios cost more search than they find.
CUE_MIN_RATIO = 0.85
#: Admin units named after a settlement, and the settlements they are named after.
_ADMIN_UNITS = frozenset({"district", "subdistrict"})
_SETTLEMENTS = frozenset({"city", "town", "village"})
#: The farthest an admin unit's point lies from its seat, in km.
_SEAT_KM = 40.0


def confidence(top: float, total: float) -> float:
    """Return the confidence of a choice scoring ``top`` of ``total`` (3 decimals)."""
    return round(min(1.0, (top / total) * min(1.0, 0.5 + top)), 3)


def gov_of(place: Place) -> str | None:
    """Return the name of a Syrian place's governorate (None abroad or unknown)."""
    if not place.in_syria:
        return None
    gov = governorate(place.admin1 or "") or governorate(place.admin1_pcode or "")
    return gov.name if gov else None


def candidates(recognizer: Recognizer, mention: Mention) -> list[Match]:
    """Return the candidates of a mention's name, best first."""
    found: dict[str, Match] = {}
    for place in recognizer.candidates(mention.text):
        found[place.id] = Match(place, place_prior(place), mention.text, "exact", 1.0)
    # a cue name ("the village of X", "Khan Shekhon") may be a spelling the gazetteer
    # lacks: a close likeness counts when its consonants agree (below)
    fuzzy = mention.source != "gazetteer"
    searched = recognizer.gazetteer.search(
        mention.text, fuzzy=fuzzy, min_score=CUE_MIN_RATIO, limit=10, rated=False
    )
    for m in searched:
        if not name_counts(m):
            continue  # a loose spelling of a foreign name: Qaboun is not Gabon
        if m.how == "fuzzy" and not spelling_agrees(mention.text, m.matched_name):
            continue  # a likeness whose consonants disagree: Al Bahrah is not Berea (Aleppo)
        if m.place.id not in found or found[m.place.id].score < m.score:
            found[m.place.id] = m
    return sorted(_prefer_seats(list(found.values())), key=lambda m: -m.score)[:_MAX_CANDIDATES]


def _prefer_seats(matches: list[Match]) -> list[Match]:
    """Return the candidates with each admin unit ranked below the settlement it is named after.

    A district or subdistrict shares its name with its seat ("Al Mansoura" the
    town and the Mansura subdistrict around it): news naming it means the town.
    An admin unit with a settlement of the same name in its governorate, within
    :data:`_SEAT_KM`, scores at most half that settlement.
    """
    seats = [m for m in matches if m.place.feature_type in _SETTLEMENTS and m.place.in_syria]
    if not seats or len(seats) == len(matches):
        return matches
    out = []
    for m in matches:
        place = m.place
        if place.feature_type in _ADMIN_UNITS and place.in_syria:
            gov = gov_of(place)
            near = [
                s.score
                for s in seats
                if gov_of(s.place) == gov
                and haversine_km(place.lat, place.lon, s.place.lat, s.place.lon) <= _SEAT_KM
            ]
            if near and m.score > 0.5 * max(near):
                m = replace(m, score=0.5 * max(near))
        out.append(m)
    return out


class Surface:
    """What resolution needs of one surface name, worked out once per gazetteer.

    Its candidates (best first) with their priors, governorates, coordinates and
    first reasons; whether its best candidate is a confident Syrian place
    (``conf``: its id and (name, lat, lon)); the governorate the name itself
    names (``gov``, ``cued`` by "province"); and, with one candidate or none,
    its whole resolution apart from the mention (``place1``, ``confidence``,
    ``reasons``).
    """

    __slots__ = (
        "base",
        "conf",
        "confidence",
        "context",
        "cued",
        "gov",
        "govs",
        "govset",
        "kms",
        "matches",
        "multi",
        "place1",
        "places",
        "reasons",
        "scores",
        "text",
    )

    def __init__(self, text: str, matches: list[Match]) -> None:
        self.text = text
        self.matches = matches
        self.multi = len(matches) > 1
        self.scores = [m.score for m in matches]
        self.base = [f"{m.how} name match, prior {m.score:.2f}" for m in matches]
        self.places = [m.place for m in matches]
        self.govs = [gov_of(p) for p in self.places]
        self.govset = frozenset(g for g in self.govs if g)
        name, self.cued = _GOV_SUFFIX.subn("", text)
        gov = governorate(name)
        self.gov = gov.name if gov is not None else None
        self.conf = None
        if len(matches) == 1 or (len(matches) > 1 and matches[0].score >= 2 * matches[1].score):
            place = matches[0].place
            if place.in_syria:
                self.conf = (place.id, (text, float(place.lat), float(place.lon)))
        self.context = self.gov is not None or self.conf is not None
        self.confidence = 0.0
        self.reasons: tuple[str, ...] = ("no gazetteer candidate",)
        if len(matches) == 1:
            self.confidence = confidence(self.scores[0], sum(self.scores) or 1.0)
            self.reasons = (self.base[0],)
        self.place1 = matches[0].place if len(matches) == 1 else None
        # other place id -> km from each candidate
        self.kms: dict[str, list[float]] = {}

    @classmethod
    def of(cls, recognizer: Recognizer, mention: Mention) -> Surface:
        """Return the surface of a mention's name (memoise it: this searches)."""
        matches = [] if mention.source == "anaphor" else candidates(recognizer, mention)
        return cls(mention.text, matches)

    def place(self) -> Place | None:
        """Return the only candidate's place (None when there are none or several)."""
        return self.place1


NO_CANDIDATE = Surface("", [])
