"""The two things a reader yields: a :class:`Document`, or a :class:`DocumentFailure`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

__all__ = ["Document", "DocumentFailure"]


@dataclass(frozen=True, slots=True)
class Document:
    """One news text.

    Parameters
    ----------
    id : str
        Unique within a run (file stem, or its path when stems collide; corpus row id).
    text : str
        The body text.
    published : datetime.date or None
        Publication date, when known.
    source : str or None
        Where it came from: a path, a corpus name, an agency from the dateline.
    title : str or None
        Headline.
    notes : tuple of str
        What the reader had to do to read it (an encoding fallback, an invalid date, ...).
    url : str or None
        Address of the article, when the corpus gives one.

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
    notes: tuple[str, ...] = ()
    url: str | None = None


@dataclass(frozen=True, slots=True)
class DocumentFailure:
    """A record (a corpus row or line, or a whole file) that could not be read, kept so it counts.

    Parameters
    ----------
    id : str
        The id the document would have had (the file's id, or ``"<file>:<row>"``).
    source : str
        The path it came from.
    error : str
        What went wrong; it names the file and, for a corpus record, the line.
    line : int or None
        1-based line of the file where the record starts; ``None`` for a whole file.

    Examples
    --------
    >>> DocumentFailure(id="x", source="x.bin", error="binary").as_document().text
    ''
    """

    id: str
    source: str
    error: str
    line: int | None = None

    def as_document(self) -> Document:
        """Return an empty :class:`Document` standing for the failed input."""
        return Document(id=self.id, text="", source=self.source)
