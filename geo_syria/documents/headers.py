"""What a text says about itself: a ``date`` line, a headline, a dateline; dates checked.

A first line ``date YYYY-MM-DD`` sets the publication date, a headline-like first line
the title, and a dateline such as ``BEIRUT (AP)`` the source. A date that is not a
calendar date (``2017-13-45``, ``2017-02-30``) is not dropped silently: it is logged
and recorded in the document's notes.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable

from geo_syria.documents.model import Document

__all__ = ["date_note", "document_from_text", "parse_date"]

logger = logging.getLogger(__name__)

_DATE_LINE = re.compile(r"\A\s*date[:\s]\s*(\d{4}-\d{1,2}-\d{1,2})\b", re.IGNORECASE)
_DATELINE = re.compile(
    r"(?m)^\s*([A-Z][A-Z .'-]{1,40}?)(?:,\s*[A-Z][A-Za-z .]+)?\s*\((AP|AFP|Reuters|UPI|SANA|DPA)\)"
)
_DATE_FORMATS = (
    "%Y-%m-%d",
    "%m/%d/%Y",
    "%d.%m.%Y",
    "%d %b %Y",
    "%d %B %Y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%a %d %b %Y",
    "%Y/%m/%d",
)


def parse_date(value: str | None) -> dt.date | None:
    """Return the date in a string in one of the common formats, or ``None``.

    Examples
    --------
    >>> parse_date("4/5/2017"), parse_date("2017-03-31"), parse_date("soon")
    (datetime.date(2017, 4, 5), datetime.date(2017, 3, 31), None)
    >>> parse_date("2017-02-30") is None
    True
    """
    if not value:
        return None
    value = value.strip()
    head = value[:10]
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", head):
        value = head
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def date_note(value: str, *, where: str) -> str:
    """Log and return the note for a date that could not be read.

    Examples
    --------
    >>> date_note("2017-13-45", where="date line of 'a.txt'")
    "date line of 'a.txt': '2017-13-45' is not a valid date; the publication date is left unknown"
    """
    note = f"{where}: {value[:40]!r} is not a valid date; the publication date is left unknown"
    logger.warning("%s", note)
    return note


def _looks_like_title(line: str, rest: str) -> bool:
    line = line.strip()
    return (
        0 < len(line) <= 160
        and bool(rest.strip())
        and not line.endswith((".", ":", ";", ",", "”", '"'))
        and line[:1].isupper()
    )


def document_from_text(
    text: str,
    *,
    id: str,
    source: str | None = None,
    title: str | None = None,
    notes: Iterable[str] = (),
) -> Document:
    r"""Build a document from text, reading an optional date line, headline and dateline.

    Parameters
    ----------
    text : str
        The text; it is kept as given.
    id : str
        The document id.
    source : str, optional
        Where it came from; a dateline agency (``AP``) is used when not given.
    title : str, optional
        Headline; a headline-like first line is used when not given.
    notes : iterable of str
        Reading notes; an invalid date line adds one.

    Returns
    -------
    Document

    Examples
    --------
    >>> d = document_from_text("Rebels gain near Hama\nBEIRUT (AP) Fighting raged.", id="x")
    >>> d.title, d.source
    ('Rebels gain near Hama', 'AP')
    >>> d = document_from_text("date 2017-02-30 Rebels entered Jobar.", id="y")
    >>> d.published, d.notes
    (None, ("date line of 'y': '2017-02-30' is not a valid date; the publication date is left unknown",))
    """  # noqa: E501
    notes = tuple(notes)
    published = None
    date_match = _DATE_LINE.match(text)
    if date_match:
        published = parse_date(date_match.group(1))
        if published is None:
            notes += (date_note(date_match.group(1), where=f"date line of {id!r}"),)
    elif title is None:
        first, _, rest = text.lstrip().partition("\n")
        if _looks_like_title(first, rest):
            title = first.strip()
    if source is None:
        dateline = _DATELINE.search(text, 0, 20_000)
        if dateline:
            source = dateline.group(2)
    return Document(id=id, text=text, published=published, source=source, title=title, notes=notes)
