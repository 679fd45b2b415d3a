"""Claims as evidence for resolution: what resolution needs of a claim, as a Protocol.

Claims are read before places are resolved: "Soran, 20 km north of Hama" picks the
Suran near Hama over the one near Aleppo. Resolution needs only what
:class:`ClaimEvidence` declares; :class:`geo_syria.claims.ClaimDraft` implements it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from geo_syria.place import Place
    from geo_syria.recognize import Mention

__all__ = ["ClaimEvidence"]


class ClaimEvidence(Protocol):
    """What resolution needs of a claim read in the text (before its places are known)."""

    text: str  #: the claim phrase
    start: int  #: its offset in the document
    relation: str  #: "direction", "near", "outskirts" or "between"
    subject_mention: Mention | None  #: the place located, when a mention
    anchor_mention: Mention  #: what it is located from (a mention or an anaphor)
    anchor2_mention: Mention | None  #: the second anchor of "between X and Y"
    anchor_antecedent: Mention | None  #: what an "it" anchor most likely refers to

    def fit(self, subject: Place, anchor: Place, *, cache: Any = None) -> float:
        """Return 0..1: how well the claim fits this subject and anchor (1: inside)."""
        ...
