"""A mention and the place chosen for it: the result of resolution."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from geo_syria.gazetteer import Match
    from geo_syria.place import Place
    from geo_syria.recognize import Mention

__all__ = ["Estimate", "Resolution"]


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
    """

    mention: Mention
    place: Place | None
    confidence: float = 0.0
    alternatives: tuple[Match, ...] = ()
    reasons: tuple[str, ...] = ()
    estimate: Estimate | None = None

    @property
    def resolved(self) -> bool:
        """Whether a place was chosen."""
        return self.place is not None

    @property
    def precision_m(self) -> float | None:
        """The chosen place's precision radius in metres."""
        return self.place.precision_m if self.place is not None else None
