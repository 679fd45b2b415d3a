"""The reading pipeline in one call: documents in, a :class:`~geo_syria.report.Report` out.

:class:`Analyzer` runs the stages (recognize → read claims → resolve → check claims) with
one gazetteer and owns every cache built from it; :func:`analyze` uses a default analyzer
per gazetteer.

Examples
--------
>>> report = analyze("Soran, 20 km south of Hama, fell to rebels.")
>>> sorted({p.place.admin1 for p in report.places})
['Hama']
>>> report.claims[0].verdict
'inconsistent'
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, ClassVar

from geo_syria.cache import BoundedCache, place_key
from geo_syria.claims import Claim, ClaimGeometry, check_claim, claim_resolutions, find_claims
from geo_syria.claims.model import stated
from geo_syria.claims.verdict import judge
from geo_syria.documents import Document, DocumentFailure
from geo_syria.exc import InvalidOptionError
from geo_syria.fold import report_places
from geo_syria.recognize import Recognizer
from geo_syria.report import DocumentStatus, Report
from geo_syria.resolve import resolve
from geo_syria.text import Sentences

if TYPE_CHECKING:
    from geo_syria.claims import ClaimDraft
    from geo_syria.gazetteer import Gazetteer
    from geo_syria.recognize import Mention
    from geo_syria.resolve import Resolution

__all__ = [
    "Analyzer",
    "analyze",
    "analyze_document",
    "find_mentions",
    "iter_reports",
    "report_places",
]

logger = logging.getLogger(__name__)

DocumentLike = Document | DocumentFailure | str

#: The most entries of each memo table an :class:`Analyzer` keeps (emptied when full).
CACHE_SIZES = {"surfaces": 50_000, "checks": 20_000}


class Analyzer:
    """Reads documents with one gazetteer: recognizes, resolves and checks; owns the caches.

    Every cache built from the gazetteer lives here, keyed by value and bounded: the
    name automaton, each name's candidates (``surfaces``), the claim geometry and the
    claim checks (``checks``). :meth:`clear` empties them all.

    Parameters
    ----------
    gazetteer : Gazetteer
        The places.

    Examples
    --------
    >>> from geo_syria import load_default_gazetteer
    >>> analyzer = Analyzer(load_default_gazetteer())
    >>> report = analyzer.analyze(["Rebels took Soran, 20 km north of Hama."])
    >>> [c.verdict for c in report.claims]
    ['consistent']
    >>> analyzer.clear()
    """

    #: The default analyzer of each live gazetteer (:meth:`for_gazetteer`).
    _defaults: ClassVar[weakref.WeakKeyDictionary[Any, Analyzer]] = weakref.WeakKeyDictionary()

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.recognizer = Recognizer(gazetteer)
        self.geometry = ClaimGeometry()
        self.surfaces = BoundedCache(CACHE_SIZES["surfaces"])
        self.checks = BoundedCache(CACHE_SIZES["checks"])

    @classmethod
    def for_gazetteer(cls, gazetteer: Gazetteer) -> Analyzer:
        """Return the default analyzer of a gazetteer, built the first time it is asked for."""
        analyzer = cls._defaults.get(gazetteer)
        if analyzer is None:
            analyzer = cls._defaults[gazetteer] = cls(gazetteer)
        return analyzer

    def clear(self) -> None:
        """Empty every cache but the name automaton (which is the gazetteer's, not the texts')."""
        self.recognizer.clear()
        self.geometry.clear()
        self.surfaces.clear()
        self.checks.clear()

    def find_mentions(self, document: Document, *, nlp: Any = None) -> list[Mention]:
        """Return the place mentions of a document, in text order."""
        return self.recognizer.find(document, nlp=nlp)

    def analyze_document(
        self, document: Document, *, nlp: Any = None
    ) -> tuple[list[Resolution], list[Claim]]:
        """Recognise, resolve and check one document; return its resolutions and claims."""
        sentences = Sentences(document.text)
        mentions = self.recognizer.find(document, sentences=sentences, nlp=nlp)
        if not mentions:
            return [], []
        drafts = find_claims(document, mentions, sentences=sentences)
        # claim subjects the recognizer did not know ("Hassia 40 km south of Homs") are
        # mentions too: resolved by their name, reported when unresolved
        known = {(m.start, m.end) for m in mentions}
        extra = {
            (d.subject_mention.start, d.subject_mention.end): d.subject_mention
            for d in drafts
            if d.subject_mention is not None
            and d.subject_mention.source == "cue"
            and (d.subject_mention.start, d.subject_mention.end) not in known
        }
        resolutions = resolve(
            [*mentions, *extra.values()],
            drafts,
            document,
            recognizer=self.recognizer,
            surfaces=self.surfaces,
            claim_cache=self.geometry,
        )
        if not drafts:
            return resolutions, []
        by_span = {(r.mention.start, r.mention.end): r for r in resolutions}
        claims = [self._claim(draft, by_span) for draft in drafts]
        # a phrase whose subject is its own anchor ("Hama is 10 km north of Hama") is no claim
        return resolutions, [c for c in claims if not _self_located(c)]

    def _claim(self, draft: ClaimDraft, by_span: dict) -> Claim:
        """Return a draft's checked claim, reusing the check of the same places and numbers."""

        def res(mention):
            return by_span.get((mention.start, mention.end)) if mention is not None else None

        subject, anchor, anchor2 = claim_resolutions(
            draft, res(draft.subject_mention), res(draft.anchor_mention), res(draft.anchor2_mention)
        )
        anchor2_place = anchor2.place if anchor2 is not None else None
        if anchor.place is None or (draft.anchor2_mention is not None and anchor2_place is None):
            check = check_claim(draft, subject.place, anchor.place, anchor2_place=anchor2_place)
        else:  # the same places and statement: the same geometry, the same check
            key = (
                place_key(subject.place),
                draft.subject_text if subject.place is None else None,  # named in the reason
                place_key(anchor.place),
                place_key(anchor2_place),
                draft.spec,
            )
            check = self.checks.get(key)
            if check is None:
                check = check_claim(
                    draft,
                    subject.place,
                    anchor.place,
                    anchor2_place=anchor2_place,
                    geometry=self.geometry,
                )
                self.checks.put(key, check)
        check = judge(draft, subject, anchor, check)
        return Claim(**stated(draft), subject=subject, anchor=anchor, anchor2=anchor2, check=check)

    def analyze(
        self, documents: DocumentLike | Iterable[DocumentLike], *, nlp: Any = None
    ) -> Report:
        """Find, resolve and check the places and claims of news texts (see :func:`analyze`)."""
        statuses: list[DocumentStatus] = []
        all_resolutions: list[Resolution] = []
        all_claims: list[Claim] = []
        for part in self.iter_reports(documents, nlp=nlp):
            statuses.extend(part.documents)
            all_resolutions.extend(part.resolutions)
            all_claims.extend(part.claims)
        return Report(
            documents=tuple(statuses),
            places=tuple(report_places(all_resolutions)),
            resolutions=tuple(all_resolutions),
            claims=tuple(all_claims),
        )

    def iter_reports(
        self, documents: DocumentLike | Iterable[DocumentLike], *, nlp: Any = None
    ) -> Iterator[Report]:
        """Yield one small report per input document, in input order (see :func:`iter_reports`)."""
        for n, item in enumerate(_as_documents(documents), 1):
            status, resolutions, claims = self._one(n, item, nlp)
            yield Report(
                documents=(status,),
                places=tuple(report_places(resolutions)),
                resolutions=tuple(resolutions),
                claims=tuple(claims),
            )

    def _one(self, n: int, item: Any, nlp: Any) -> tuple[DocumentStatus, list, list]:
        """Analyse item ``n`` of a run; a failure is its status, never the run's end."""
        if isinstance(item, DocumentFailure):
            return DocumentStatus(item.as_document(), "failed", error=item.error), [], []
        if isinstance(item, str):
            item = Document(id=f"doc{n}", text=item)
        if not isinstance(item, Document):
            error = f"item {n} is a {type(item).__name__}, not a Document or str"
            return DocumentStatus(Document(id=f"doc{n}", text=""), "failed", error=error), [], []
        try:
            resolutions, claims = self.analyze_document(item, nlp=nlp)
        except Exception as err:  # one bad document never ends the run (partial results)
            logger.exception("document %r failed: %s", item.id, err)
            error = f"{type(err).__name__}: {err}"
            return DocumentStatus(item, "failed", error=error), [], []
        status = "ok" if resolutions or claims else "empty"
        return (
            DocumentStatus(item, status, None, len(resolutions), len(claims)),
            resolutions,
            claims,
        )


def _self_located(claim: Claim) -> bool:
    """Whether a claim's subject and anchor are one place."""
    subject, anchor = claim.subject.place, claim.anchor.place
    return subject is not None and anchor is not None and subject.id == anchor.id


def _default(gazetteer: Gazetteer | None) -> Analyzer:
    if gazetteer is None:
        from geo_syria.gazetteer import load_default_gazetteer

        gazetteer = load_default_gazetteer()
    return Analyzer.for_gazetteer(gazetteer)


def find_mentions(
    document: Document | str, gazetteer: Gazetteer | None = None, *, nlp: Any = None
) -> list[Mention]:
    """Return the place mentions of a document, in text order (recognition only).

    Parameters
    ----------
    document : Document or str
        The text.
    gazetteer : Gazetteer, optional
        The names to look for; the embedded default when not given.
    nlp : spaCy Language, optional
        An NER model adding entities the gazetteer misses.

    Returns
    -------
    list of Mention

    Examples
    --------
    >>> [m.text for m in find_mentions("Abu Hama, a Britain-based monitor, was in Aleppo.")]
    ['Aleppo']
    """
    if isinstance(document, str):
        document = Document(id="doc1", text=document)
    return _default(gazetteer).find_mentions(document, nlp=nlp)


def analyze_document(
    document: Document, gazetteer: Gazetteer, *, nlp: Any = None
) -> tuple[list[Resolution], list[Claim]]:
    """Recognise, resolve and check one document with a gazetteer's default analyzer.

    Returns
    -------
    (list of Resolution, list of Claim)
    """
    return Analyzer.for_gazetteer(gazetteer).analyze_document(document, nlp=nlp)


def _as_documents(documents: DocumentLike | Iterable[DocumentLike]) -> Iterable[DocumentLike]:
    if isinstance(documents, (str, Document, DocumentFailure)):
        return [documents]
    if isinstance(documents, (bytes, bytearray)):
        raise InvalidOptionError(
            "documents is bytes; decode it or read the file with geo_syria.read_documents"
        )
    try:
        return iter(documents)
    except TypeError:
        raise InvalidOptionError(
            f"documents={documents!r} is not a Document, a str or an iterable of them"
        ) from None


def analyze(
    documents: DocumentLike | Iterable[DocumentLike],
    *,
    gazetteer: Gazetteer | None = None,
    nlp: Any = None,
) -> Report:
    """Find, resolve and check the places and claims of news texts.

    Parameters
    ----------
    documents : Document, str, or iterable of them
        The texts; a ``str`` becomes a document with id ``doc1``, ``doc2``, ...
        :class:`~geo_syria.documents.DocumentFailure` items (from
        :func:`~geo_syria.documents.read_documents`) are reported as failed.
    gazetteer : Gazetteer, optional
        The places; the embedded default gazetteer when not given. Its default
        :class:`Analyzer` (built once) does the work.
    nlp : spaCy Language, optional
        An NER model adding GPE/LOC entities the gazetteer misses (unresolved).

    Returns
    -------
    Report
        Every document accounted for (``ok``, ``empty`` or ``failed``), places merged
        across mentions and documents, every resolution and every checked claim.

    Raises
    ------
    InvalidOptionError
        When ``documents`` is not a document, a string or an iterable of them.

    Examples
    --------
    >>> report = analyze(["", "Rebels shelled Aleppo."])
    >>> [s.status for s in report.documents], [p.place.name for p in report.places]
    (['empty', 'ok'], ['Aleppo'])
    """
    return _default(gazetteer).analyze(documents, nlp=nlp)


def iter_reports(
    documents: DocumentLike | Iterable[DocumentLike],
    *,
    gazetteer: Gazetteer | None = None,
    nlp: Any = None,
) -> Iterator[Report]:
    """Yield the report of each document as it is read: a corpus of any size at flat memory.

    Each report holds one document's status (``failed`` ones included), its
    resolutions, its claims and its own places; nothing is kept between documents,
    so a caller writing each report out (:func:`geo_syria.export.open_writer`) and
    folding its places (:class:`geo_syria.fold.PlaceFold`) needs memory for one
    document at a time. :func:`analyze` is the same run gathered into one report.

    Parameters
    ----------
    documents : Document, str, or iterable of them
        As for :func:`analyze`; an iterator is read lazily, one item at a time.
    gazetteer : Gazetteer, optional
        The places; the embedded default gazetteer when not given.
    nlp : spaCy Language, optional
        An NER model adding GPE/LOC entities the gazetteer misses.

    Yields
    ------
    Report
        One per input item, in input order.

    Raises
    ------
    InvalidOptionError
        When ``documents`` is not a document, a string or an iterable of them.

    Examples
    --------
    >>> parts = iter_reports(["Rebels shelled Aleppo.", ""])
    >>> [(p.documents[0].status, [x.place.name for x in p.places]) for p in parts]
    [('ok', ['Aleppo']), ('empty', [])]
    """
    return _default(gazetteer).iter_reports(documents, nlp=nlp)
