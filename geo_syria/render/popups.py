"""Popup and label HTML for the map: every piece of article text goes through ``html.escape``.

Popups show the evidence of a point: each mention's sentence with the name marked,
the document's title, date and source, the gazetteer id and sources, the precision.
The HTML built here is passed to Leaflet as a string (``bindPopup``), which sets it
as ``innerHTML``: escaping everything that came from an article or a gazetteer is
what keeps a ``<script>`` or ``onerror=`` in an article from running. :func:`esc` also
makes bidi controls visible (:func:`~geo_syria.render.safe_text.safe_text`), so a
right-to-left override cannot reverse what a popup, label or panel shows.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import TYPE_CHECKING

from geo_syria.geo import compass_point
from geo_syria.render.safe_text import safe_text
from geo_syria.text import count

if TYPE_CHECKING:
    from geo_syria.claims import Claim
    from geo_syria.documents import Document
    from geo_syria.place import Place
    from geo_syria.report import ReportPlace
    from geo_syria.resolve import Resolution

__all__ = [
    "MAX_MENTIONS",
    "MAX_SENTENCE_CHARS",
    "claim_head",
    "claim_label",
    "claim_popup",
    "document_line",
    "format_distance",
    "highlight",
    "mention_item",
    "pager_html",
    "place_popup",
    "report_item",
    "source_list",
]

#: Longest sentence excerpt shown in a popup, in characters (longer ones are cut with "…").
MAX_SENTENCE_CHARS = 400
#: Mentions on one page of a popup (a pager turns the others).
MAX_MENTIONS = 20


def esc(value: object) -> str:
    r"""Return ``value`` as text safe inside HTML elements and quoted attributes.

    Bidi controls are replaced by a visible marker (see
    :func:`~geo_syria.render.safe_text.safe_text`) before escaping.

    Examples
    --------
    >>> esc('<img src=x onerror="alert(1)">')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
    >>> "\u202e" in esc("Hama\u202e")
    False
    """
    return html.escape(safe_text(value), quote=True)


def format_distance(km: float) -> str:
    """Return a distance the way a reader says it.

    Examples
    --------
    >>> format_distance(20), format_distance(17.84), format_distance(0.35)
    ('20 km', '17.8 km', '350 m')
    """
    if km < 1:
        return f"{km * 1000:.0f} m"
    if abs(km - round(km)) < 0.05:
        return f"{round(km)} km"
    return f"{km:.1f} km"


def highlight(sentence: str, start: int, end: int, *, max_chars: int = MAX_SENTENCE_CHARS) -> str:
    """Return the escaped sentence with ``sentence[start:end]`` in ``<mark>``, cut to length.

    A sentence longer than ``max_chars`` is cut around the name, and each cut is
    shown with an ellipsis ("…").

    Examples
    --------
    >>> highlight("Rebels entered <b>Jobar</b>.", 18, 23)
    'Rebels entered &lt;b&gt;<mark>Jobar</mark>&lt;/b&gt;.'
    >>> highlight("x" * 50 + " Hama " + "y" * 50, 51, 55, max_chars=20)
    '…xxxxxxx <mark>Hama</mark> yyyyyyy…'
    """
    start = max(0, min(start, len(sentence)))
    end = max(start, min(end, len(sentence)))
    lo, hi = 0, len(sentence)
    if hi > max_chars:
        room = max(0, max_chars - (end - start))
        lo = max(0, start - room // 2)
        hi = min(len(sentence), end + room - (start - lo))
        lo = max(0, min(lo, hi - max_chars))
    before = ("…" if lo > 0 else "") + esc(sentence[lo:start])
    after = esc(sentence[end:hi]) + ("…" if hi < len(sentence) else "")
    return f"{before}<mark>{esc(sentence[start:end])}</mark>{after}"


def _link(value: str) -> str:
    """Return an http(s) address as an escaped link that opens in a new tab."""
    return f'<a href="{esc(value)}" target="_blank" rel="noopener noreferrer">{esc(value)}</a>'


def document_line(doc: Document | None, doc_id: str) -> str:
    """Return the escaped line naming a document: title, date, source, address (when known).

    An ``http(s)`` source or id is shown as a link.

    Examples
    --------
    >>> import datetime as dt
    >>> from geo_syria.documents import Document
    >>> doc = Document("a", "...", dt.date(2017, 3, 1), "https://x.org/<a>", "Hama")
    >>> document_line(doc, "a")  # doctest: +NORMALIZE_WHITESPACE
    '<span class="gs-doc"><b>Hama</b> · 2017-03-01 · <a href="https://x.org/&lt;a&gt;"
    target="_blank" rel="noopener noreferrer">https://x.org/&lt;a&gt;</a></span>'
    """
    if doc is None:
        return f'<span class="gs-doc">{esc(doc_id)}</span>'
    parts = [f"<b>{esc(doc.title or doc.id)}</b>"]
    if doc.published is not None:
        parts.append(esc(doc.published.isoformat()))
    for value in dict.fromkeys(v for v in (doc.source, doc.id if doc.title else None) if v):
        if value.startswith(("http://", "https://")):
            parts.append(_link(value))
        elif value == doc.source:
            parts.append(esc(value))
    return '<span class="gs-doc">' + " · ".join(parts) + "</span>"


def mention_item(resolution: Resolution, documents: Mapping[str, Document]) -> str:
    """Return one mention as an escaped ``<li>``.

    It holds the sentence with the name marked, the document line and why the name
    was resolved so.
    """
    m = resolution.mention
    offset = m.start - m.sentence_start
    sentence = highlight(m.sentence, offset, offset + (m.end - m.start))
    why = ""
    if resolution.reasons:
        reasons = "; ".join(esc(r) for r in resolution.reasons)
        why = f'<br><span class="gs-why">why: {reasons} ({resolution.confidence:.2f})</span>'
    document = document_line(documents.get(m.doc_id), m.doc_id)
    return f"<li><q>{sentence}</q><br>{document}{why}</li>"


def _precision(metres: float) -> str:
    return f"±{format_distance(metres / 1000)}"


def place_popup(
    report_place: ReportPlace,
    documents: Mapping[str, Document],
    *,
    max_mentions: int = MAX_MENTIONS,
) -> str:
    """Return the popup HTML of a place: its record, then every mention with its sentence.

    Parameters
    ----------
    report_place : ReportPlace
    documents : mapping of str to Document
        The report's documents by id.
    max_mentions : int
        Mentions per page; with more, a pager turns the pages (from the evidence
        the page script holds, see :mod:`geo_syria.render.evidence`).

    Returns
    -------
    str
        HTML in which all text is escaped.
    """
    place = report_place.place
    where = "in Syria" if place.in_syria else f"outside Syria ({esc(place.country)})"
    admin = ", ".join(esc(a) for a in (place.admin2, place.admin1) if a)
    sources = source_list(place)
    resolutions = report_place.resolutions
    total = report_place.n_mentions  # all of them; ``resolutions`` may be a sample
    items = "".join(mention_item(r, documents) for r in resolutions[:max_mentions])
    pager = ""
    if len(resolutions) > max_mentions:
        pager = pager_html(place.id, total, max_mentions)
    return (
        f'<div class="gs-popup"><h4>{esc(place.name)}</h4>'
        f"<p>{esc(place.feature_type)} · {where}" + (f" · {admin}" if admin else "") + "<br>"
        f"gazetteer id <code>{esc(place.id)}</code>"
        + (f"<br>sources: {sources}" if sources else "")
        + f"<br>precision {_precision(place.precision_m)}"
        f" · confidence {report_place.confidence:.2f}</p>"
        f"<p>{count(total, 'mention')}:</p>"
        f'{pager}<ol class="gs-mentions">{items}</ol></div>'
    )


def source_list(place: Place) -> str:
    """Return the place's sources, each id once with its datasets: ``a (d1, d2), b``.

    Examples
    --------
    >>> from geo_syria.place import Place, Provenance
    >>> p = Place("geonames:1", "Aleppo", 36.2, 37.2, "city", provenance=(
    ...     Provenance("geonames:1", "cities500"), Provenance("geonames:1", "curated"),
    ...     Provenance("ocha:N1", "")))
    >>> source_list(p)
    'geonames:1 (cities500, curated), ocha:N1'
    """
    datasets: dict[str, dict[str, None]] = {}
    for p in place.provenance:
        datasets.setdefault(p.source_id, {})
        if p.dataset:
            datasets[p.source_id][p.dataset] = None
    return ", ".join(
        f"{esc(sid)} ({', '.join(esc(d) for d in ds)})" if ds else esc(sid)
        for sid, ds in datasets.items()
    )


def pager_html(place_id: str, total: int, per_page: int, *, noun: str = "mentions") -> str:
    """Return the pager under a popup's list (the page script turns its pages).

    ``place_id`` is the key of the list's items in the page's evidence; ``noun`` names
    them ("mentions", "reports").

    Examples
    --------
    >>> "1–20 of 618" in pager_html("geonames:1", 618, 20)
    True
    """
    pages = -(-total // per_page)
    buttons = "".join(
        f'<button type="button" data-gs-go="{go}" title="{title}">{label}</button>'
        for go, label, title in (
            ("first", "«", "first page"),
            ("prev", "‹", "previous page"),
            ("next", "›", "next page"),
            ("last", "»", "last page"),
        )
    )
    return (
        f'<div class="gs-pager" data-gs-place="{esc(place_id)}" data-gs-page="0" '
        f'data-gs-pages="{pages}" data-gs-per="{per_page}" data-gs-total="{total}" '
        f'data-gs-noun="{esc(noun)}">{buttons} '
        f'<span class="gs-pager-at">{esc(noun)} 1–{per_page} of {total}</span></div>'
    )


def claim_label(claim: Claim) -> str:
    """Return a one-line plain-text label, like ``claimed 20 km N · measured 17.8 km N``.

    Examples
    --------
    >>> from geo_syria.claims import Claim, ClaimCheck
    >>> from geo_syria.recognize import Mention
    >>> from geo_syria.resolve import Resolution
    >>> r = Resolution(Mention("d", 0, 4, "Hama", "Hama.", 0), None)
    >>> check = ClaimCheck("consistent", measured_distance_km=17.84, measured_bearing_deg=3)
    >>> c = Claim("d", "20 km north of Hama", 0, 19, "", "direction", r, r,
    ...           distance_km=20, bearing_deg=0, check=check)
    >>> claim_label(c)
    'claimed 20 km N · measured 17.8 km N'
    """
    if claim.relation == "direction":
        stated = " ".join(
            part
            for part in (
                format_distance(claim.distance_km) if claim.distance_km is not None else "",
                compass_point(claim.bearing_deg) if claim.bearing_deg is not None else "",
            )
            if part
        )
    else:
        stated = claim.relation
    text = f"claimed {stated or claim.relation}"
    check = claim.check
    if check is not None and check.measured_distance_km is not None:
        measured = format_distance(check.measured_distance_km)
        if check.measured_bearing_deg is not None:
            measured += f" {compass_point(check.measured_bearing_deg)}"
        text += f" · measured {measured}"
    elif check is not None and check.estimate_lat is not None:
        text += " · subject estimated"
    return text


def _claim_quote(claim: Claim) -> str:
    """Return the claim's sentence, escaped, with its phrase marked (when found in it)."""
    sentence = claim.sentence
    at = sentence.find(claim.text) if claim.text else -1
    return highlight(sentence, at, at + len(claim.text)) if at >= 0 else highlight(sentence, 0, 0)


def claim_head(claim: Claim) -> str:
    """Return the top of a claim's popup: subject ← anchor, verdict and label, reason."""
    reason = claim.check.reason if claim.check is not None else ""
    subject = claim.subject.mention.text
    anchor = claim.anchor.mention.text
    return (
        f"<h4>{esc(subject)} ← {esc(anchor)}</h4>"
        f'<p><b class="gs-verdict gs-{esc(claim.verdict)}">{esc(claim.verdict)}</b>: '
        f"{esc(claim_label(claim))}</p>" + (f"<p>{esc(reason)}</p>" if reason else "")
    )


def report_item(claim: Claim, documents: Mapping[str, Document]) -> str:
    """Return one report of a claim as an escaped ``<li>``: its sentence, then its document."""
    document = document_line(documents.get(claim.doc_id), claim.doc_id)
    return f"<li><q>{_claim_quote(claim)}</q><br>{document}</li>"


def claim_popup(claim: Claim, documents: Mapping[str, Document]) -> str:
    """Return the popup HTML of a claim: phrase, verdict, reason, sentence and document."""
    document = document_line(documents.get(claim.doc_id), claim.doc_id)
    return (
        f'<div class="gs-popup gs-claim">{claim_head(claim)}'
        f"<p><q>{_claim_quote(claim)}</q><br>{document}</p></div>"
    )
