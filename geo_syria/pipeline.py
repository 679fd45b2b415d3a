"""The reading pipeline in one call: documents in, a :class:`~geo_syria.report.Report` out.

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
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from geo_syria import claims as claims_mod
from geo_syria import resolve as resolve_mod
from geo_syria._fastinit import fast_constructor
from geo_syria.documents import Document, DocumentFailure
from geo_syria.exc import InvalidOptionError
from geo_syria.recognize import Recognizer, recognize
from geo_syria.report import DocumentStatus, Report, ReportPlace

if TYPE_CHECKING:
    from geo_syria.claims import Claim
    from geo_syria.gazetteer.index import Gazetteer
    from geo_syria.resolve import Resolution

__all__ = ["analyze", "analyze_document"]

logger = logging.getLogger(__name__)

DocumentLike = Document | DocumentFailure | str

#: ``DocumentStatus(document, status, error, n_mentions, n_claims)``, built faster.
_status = fast_constructor(DocumentStatus)
#: ``ReportPlace(place, resolutions, confidence)``, built faster.
_report_place = fast_constructor(ReportPlace)


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


def analyze_document(
    document: Document, gazetteer: Gazetteer, *, nlp: Any = None
) -> tuple[list[Resolution], list[Claim]]:
    """Recognise, resolve and check one document.

    Parameters
    ----------
    document : Document
        The text.
    gazetteer : Gazetteer
        The places.
    nlp : spaCy Language, optional
        An NER model adding recall.

    Returns
    -------
    (list of Resolution, list of Claim)
    """
    mentions = recognize(document, gazetteer, nlp=nlp)
    if not mentions:
        return [], []
    drafts = claims_mod.find_claims(document, mentions)
    resolutions = resolve_mod.resolve(mentions, drafts, gazetteer, document)
    if not drafts:
        return resolutions, []
    by_span = {(r.mention.start, r.mention.end): r for r in resolutions}
    claims = []
    # claim checks already made with this gazetteer: one per (places, stated numbers)
    memo = Recognizer.for_gazetteer(gazetteer).memos["check"]

    def res(mention):
        return by_span.get((mention.start, mention.end)) if mention is not None else None

    for draft in drafts:
        subject, anchor, anchor2 = claims_mod._resolutions(
            draft,
            res(draft.subject_mention),
            res(draft.anchor_mention),
            res(draft.anchor2_mention),
        )
        key = _check_key(draft, subject, anchor, anchor2)
        done = memo.get(key) if key is not None else None
        if done is None:
            check = claims_mod._check(draft, subject, anchor, anchor2)
        else:  # the same places and stated numbers: reuse the geometric check
            check = done.check
        claim = claims_mod._claim(draft, subject, anchor, anchor2, check)
        if done is None and key is not None:
            memo.put(key, claim)
        claims.append(claim)
    return resolutions, claims


def _check_key(draft, subject, anchor, anchor2) -> tuple | None:
    """Return what a claim's check depends on, or None when it needs no memo.

    The places by id and the stated numbers; for an unresolved subject, whose check
    estimates its location from the region, the subject's words (in the reason).
    """
    if anchor.place is None:
        return None  # unverifiable, without a region: cheap
    if draft.anchor2_mention is not None and anchor2.place is None:
        return None
    subject_place = subject.place
    return (
        subject_place.id if subject_place is not None else None,
        draft.subject_text if subject_place is None else None,
        anchor.place.id,
        anchor2.place.id if anchor2 is not None and anchor2.place is not None else None,
        draft.relation,
        draft.distance_km,
        draft.distance_min_km,
        draft.distance_max_km,
        draft.qualifier,
        draft.bearing_deg,
        draft.bearing_tolerance_deg,
        draft.from_extent,
    )


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
        The places; the embedded default gazetteer when not given.
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
    if gazetteer is None:
        from geo_syria.gazetteer import load_default_gazetteer

        gazetteer = load_default_gazetteer()
    statuses: list[DocumentStatus] = []
    all_resolutions: list[Resolution] = []
    all_claims: list[Claim] = []
    for n, item in enumerate(_as_documents(documents), 1):
        if isinstance(item, DocumentFailure):
            statuses.append(DocumentStatus(item.as_document(), "failed", error=item.error))
            continue
        if isinstance(item, str):
            item = Document(id=f"doc{n}", text=item)
        if not isinstance(item, Document):
            statuses.append(
                DocumentStatus(
                    Document(id=f"doc{n}", text=""),
                    "failed",
                    error=f"item {n} is a {type(item).__name__}, not a Document or str",
                )
            )
            continue
        try:
            resolutions, claims = analyze_document(item, gazetteer, nlp=nlp)
        except Exception as err:  # one bad document never ends the run (partial results)
            logger.exception("document %r failed: %s", item.id, err)
            statuses.append(DocumentStatus(item, "failed", error=f"{type(err).__name__}: {err}"))
            continue
        status = "ok" if resolutions or claims else "empty"
        statuses.append(_status(item, status, None, len(resolutions), len(claims)))
        all_resolutions.extend(resolutions)
        all_claims.extend(claims)
    return Report(
        documents=tuple(statuses),
        places=tuple(_merge_places(all_resolutions)),
        resolutions=tuple(all_resolutions),
        claims=tuple(all_claims),
    )


def _merge_places(resolutions: Iterable[Resolution]) -> list[ReportPlace]:
    """Return one place per chosen place id: most mentioned first, then by name.

    Places mentioned as often and named alike keep the order they first appear in.
    """
    groups: dict[str, list[Resolution]] = {}
    get = groups.get
    for r in resolutions:
        place = r.place
        if place is not None:
            group = get(place.id)
            if group is None:
                groups[place.id] = [r]
            else:
                group.append(r)
    keyed = [
        (-len(group), group[0].place.name, n, group) for n, group in enumerate(groups.values())
    ]
    keyed.sort()
    return [
        _report_place(group[0].place, tuple(group), max([r.confidence for r in group]))
        for _, _, _, group in keyed
    ]
