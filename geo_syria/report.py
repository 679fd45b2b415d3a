"""The report of an analysis: places merged across mentions and documents, claims, unresolved."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from geo_syria.recognize.cues import CUE_WORDS
from geo_syria.recognize.words import COMMON_WORDS, COUNTRY_WORDS, GROUP_WORDS, NOT_NAMES
from geo_syria.text import ARABIC_RE

if TYPE_CHECKING:
    from geo_syria.claims import Claim
    from geo_syria.documents import Document
    from geo_syria.place import Place
    from geo_syria.recognize import Mention
    from geo_syria.resolve import Resolution

__all__ = ["DocumentStatus", "Report", "ReportPlace", "place_like"]


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
    """A place found in the documents, with its mentions (all, or a sample of them).

    Parameters
    ----------
    place : Place
    resolutions : tuple of Resolution
        Each mention resolved to this place (the mention keeps doc, offsets, sentence);
        of a corpus folded by :class:`~geo_syria.fold.PlaceFold`, the first ones only
        (without the alternatives each considered).
    confidence : float
        The highest confidence of all its mentions.
    n_mentions : int, optional
        How many mentions the place has in all; ``len(resolutions)`` when not given.
    n_docs : int, optional
        How many documents mention it; counted from ``resolutions`` when not given.

    Examples
    --------
    >>> from geo_syria.place import Place
    >>> rp = ReportPlace(Place("p:1", "Hama", 35.1, 36.8, "city"), (), 0.9, n_mentions=250)
    >>> rp.n_mentions, rp.n_docs
    (250, 0)
    """

    place: Place
    resolutions: tuple[Resolution, ...]
    confidence: float
    n_mentions: int = None  # type: ignore[assignment]  # filled in by __post_init__
    n_docs: int = None  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.n_mentions is None:
            object.__setattr__(self, "n_mentions", len(self.resolutions))
        if self.n_docs is None:
            docs = {r.mention.doc_id for r in self.resolutions}
            object.__setattr__(self, "n_docs", len(docs))

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
        them (a subject read from words, such as "Kafr Zaytoun", is found by its
        claim, not by recognition), in claim order; two are one name when their
        document and offsets are. Only names that look like place names are listed
        (:func:`place_like`), and subjects that describe a place ("The rebel-held
        town"): not "It", "Druze" or "bomb attack on a regime position".

        Examples
        --------
        >>> Report((), (), (), ()).unresolved_names
        ()
        """
        found = {_span(r): r for r in self.unresolved if place_like(r.mention.text)}
        for claim in self.claims:
            subject = claim.subject
            if subject is not None and subject.place is None and _subject_like(subject):
                found.setdefault(_span(subject), subject)
        return tuple(found.values())

    def document(self, doc_id: str) -> Document:
        """Return the input document with this id."""
        for status in self.documents:
            if status.document.id == doc_id:
                return status.document
        raise KeyError(doc_id)


#: Lower-case words a place name may hold between its capitalised words.
_JOINERS = frozenset("al el ad ar as ash at az ez an bin ibn bani of de".split())
_EDGE_PUNCTUATION = "\"'“”‘’()[],.;:"


def place_like(name: str) -> bool:
    """Whether a name as written looks like a place name.

    Every word is capitalised ("Kafr Zaytoun"), opens with an article before a
    capital ("al-Fouaa") or is an article between names ("Tal al Jayer"); the name
    is not a pronoun or other common word ("It", "The town"), a community
    ("Druze") or a possessive that lost its apostrophe ("Syrias Aleppo").

    Examples
    --------
    >>> [place_like(n) for n in ("Kefraya", "al-Fouaa", "Tal al Jayer", "قرية السيال")]
    [True, True, True, True]
    >>> [place_like(n) for n in ("It", "The town", "Druze", "Syrias Aleppo", "rebels advanced")]
    [False, False, False, False, False]
    """
    words = name.strip(_EDGE_PUNCTUATION + " ").split()
    if not words:
        return False
    if ARABIC_RE.search(name):
        return True
    for n, word in enumerate(words):
        bare = word.strip(_EDGE_PUNCTUATION)
        low = bare.lower()
        head, _, tail = low.partition("-")
        if not bare:
            continue
        if bare[0].isupper():
            if (bare in NOT_NAMES and n == 0) or low in COMMON_WORDS or low in GROUP_WORDS:
                return False
            if low.endswith("s") and low[:-1] in COUNTRY_WORDS:
                return False
        elif not (low in _JOINERS and 0 < n < len(words) - 1) and not (
            head in _JOINERS and tail and bare[len(head) + 1 :][:1].isupper()
        ):
            return False
    return True


def _subject_like(subject: Resolution) -> bool:
    """Whether a claim's unresolved subject names or describes a place ("the town")."""
    text = subject.mention.text
    if place_like(text):
        return True
    words = text.split()
    return len(words) > 1 and words[0] in ("the", "The") and words[-1].lower() in _KINDS


#: The kinds of place a description ends with: "the rebel-held town".
_KINDS = frozenset(kind for kind, cue in CUE_WORDS.items() if not cue.plural)


def _span(resolution: Resolution) -> tuple[str, int, int]:
    m = resolution.mention
    return (m.doc_id, m.start, m.end)
