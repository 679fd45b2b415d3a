"""A mention and the place chosen for it: the result of resolution."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from geo_syria.gazetteer import Match
    from geo_syria.place import Place
    from geo_syria.recognize import Mention

__all__ = ["Estimate", "How", "Resolution", "how_of"]


class How(enum.Flag):
    """How a resolution was reached, where that bears on trusting it (flags).

    Examples
    --------
    >>> How.FUZZY in How.FUZZY | How.POSITIONAL, How.FUZZY in How.PLAIN
    (True, False)
    """

    #: Nothing to doubt in how: a name as the gazetteer writes it or a variant spelling,
    #: an anaphor bound by its words ("the capital", "the Old City").
    PLAIN = 0
    #: The name matches the place only by a loose (fuzzy) spelling.
    FUZZY = enum.auto()
    #: An anaphor ("it", "the town") bound by its position only: the nearest preceding
    #: place, the previous claim's anchor, the antecedent before it.
    POSITIONAL = enum.auto()


def how_of(match: Match) -> How:
    """Return how a resolution to a gazetteer match was reached: by a loose spelling or plainly.

    Examples
    --------
    >>> from geo_syria.gazetteer import Match
    >>> from geo_syria.place import Place
    >>> place = Place(id="c:j", name="Jobar", lat=33.53, lon=36.33, feature_type="town")
    >>> loose, exact = Match(place, .5, "Jobar", "fuzzy", .9), Match(place, 1, "Jobar", "exact", 1)
    >>> how_of(loose), how_of(exact)
    (<How.FUZZY: 1>, <How.PLAIN: 0>)
    """
    return How.FUZZY if match.how == "fuzzy" else How.PLAIN


@dataclass(frozen=True, slots=True)
class Estimate:
    """Where an unresolved name lies by its context: an estimate, never a place.

    Parameters
    ----------
    lat, lon : float
        The estimated point (the centre of the area the text puts the name in).
    radius_m : float
        The radius within which the name lies: the area's.
    area : Place
        The area ("Hama Governorate", "Albu Kamal" for its countryside).
    reason : str
        The estimate in words ("estimated from its context: in the northern part of
        Hama Governorate (± 110 km)").
    """

    lat: float
    lon: float
    radius_m: float
    area: Place
    reason: str


@dataclass(frozen=True, slots=True)
class Resolution:
    """A mention and the place chosen for it (``place is None`` when unresolved).

    Parameters
    ----------
    mention : Mention
        The name as written.
    place : Place or None
        The chosen gazetteer record.
    confidence : float
        0..1.
    alternatives : tuple of Match
        The other candidates considered, best first.
    reasons : tuple of str
        Why this place was chosen ("admin context: Hama province", "20 km claim fits").
    estimate : Estimate or None
        For an unresolved name the text places in an area ("X in the Idlib
        countryside"): where it lies, flagged as an estimate.
    how : How
        How the place was reached, where that bears on trusting it: by a loose
        spelling, or (an anaphor) by its position only. The reasons say it in words.
    """

    mention: Mention
    place: Place | None
    confidence: float = 0.0
    alternatives: tuple[Match, ...] = ()
    reasons: tuple[str, ...] = ()
    estimate: Estimate | None = None
    how: How = How.PLAIN

    @property
    def resolved(self) -> bool:
        """Whether a place was chosen."""
        return self.place is not None

    @property
    def precision_m(self) -> float | None:
        """The chosen place's precision radius in metres."""
        return self.place.precision_m if self.place is not None else None
