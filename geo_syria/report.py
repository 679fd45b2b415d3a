"""The report of an analysis: places merged across mentions and documents, claims, unresolved."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from geo_syria.claims import Claim
    from geo_syria.documents import Document
    from geo_syria.place import Place
    from geo_syria.recognize import Mention
    from geo_syria.resolve import Resolution

__all__ = ["DocumentStatus", "Report", "ReportPlace"]


@dataclass(frozen=True, slots=True)
class DocumentStatus:
    """What became of one input document: every document is accounted for.

    Parameters
    ----------
    document : Document
    status : str
        ``"ok"``, ``"empty"`` (nothing found) or ``"failed"``.
    error : str or None
        The error message of a failed document.
    n_mentions, n_claims : int
    """

    document: Document
    status: str
    error: str | None = None
    n_mentions: int = 0
    n_claims: int = 0


@dataclass(frozen=True, slots=True)
class ReportPlace:
    """A place found in the documents, with every mention of it.

    Parameters
    ----------
    place : Place
    resolutions : tuple of Resolution
        Each mention resolved to this place (the mention keeps doc, offsets, sentence).
    confidence : float
        The highest confidence of its resolutions.
    """

    place: Place
    resolutions: tuple[Resolution, ...]
    confidence: float

    @property
    def mentions(self) -> tuple[Mention, ...]:
        """The mentions of this place."""
        return tuple(r.mention for r in self.resolutions)


@dataclass(frozen=True, slots=True)
class Report:
    """Everything an analysis found.

    Parameters
    ----------
    documents : tuple of DocumentStatus
        One per input document, in input order.
    places : tuple of ReportPlace
        Resolved places, merged across mentions and documents.
    resolutions : tuple of Resolution
        Every mention with its resolution (resolved or not), in document order.
    claims : tuple of Claim
        Every relative-location claim, checked.
    """

    documents: tuple[DocumentStatus, ...]
    places: tuple[ReportPlace, ...]
    resolutions: tuple[Resolution, ...]
    claims: tuple[Claim, ...]

    @property
    def unresolved(self) -> tuple[Resolution, ...]:
        """Mentions of names no place was chosen for.

        Anaphors left unresolved ("it" with nothing to refer to) are not names and
        are left out; their claims stay ``unverifiable``.
        """
        return tuple(
            r for r in self.resolutions if r.place is None and r.mention.source != "anaphor"
        )

    @property
    def unresolved_names(self) -> tuple[Resolution, ...]:
        """Every name no place was chosen for, once each.

        :attr:`unresolved`, then the unresolved subjects of claims that are not among
        them (a subject read from words, such as "the rebel-held town", is found by its
        claim, not by recognition), in claim order; two are one name when their
        document and offsets are.

        Examples
        --------
        >>> Report((), (), (), ()).unresolved_names
        ()
        """
        found = {_span(r): r for r in self.unresolved}
        for claim in self.claims:
            subject = claim.subject
            if subject is not None and subject.place is None:
                found.setdefault(_span(subject), subject)
        return tuple(found.values())

    def document(self, doc_id: str) -> Document:
        """Return the input document with this id."""
        for status in self.documents:
            if status.document.id == doc_id:
                return status.document
        raise KeyError(doc_id)


def _span(resolution: Resolution) -> tuple[str, int, int]:
    m = resolution.mention
    return (m.doc_id, m.start, m.end)
