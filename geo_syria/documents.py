"""Documents: the news texts that go into the pipeline, and readers for files and corpora."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

__all__ = ["Document"]


@dataclass(frozen=True, slots=True)
class Document:
    """One news text.

    Parameters
    ----------
    id : str
        Unique within a run (file stem, corpus row id).
    text : str
        The body text.
    published : datetime.date or None
        Publication date, when known.
    source : str or None
        Where it came from: a path, a corpus name, an agency from the dateline.
    title : str or None
        Headline.

    Examples
    --------
    >>> Document(id="a", text="Rebels entered Jobar.").title is None
    True
    """

    id: str
    text: str
    published: dt.date | None = None
    source: str | None = None
    title: str | None = None
