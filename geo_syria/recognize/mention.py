"""A place name as written in a document: the result of recognition."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Mention"]


@dataclass(frozen=True, slots=True)
class Mention:
    """A place name as written in a document.

    Parameters
    ----------
    doc_id : str
        The document.
    start, end : int
        Character offsets of the name in the document text (``text[start:end]``).
    text : str
        The surface form.
    sentence : str
        The sentence it stands in (:class:`geo_syria.text.Sentences`), stripped.
    sentence_start : int
        Offset of the sentence in the document text.
    cue : str or None
        The context cue that found it ("the village of", "X district"), if any.
    source : str
        ``"gazetteer"``, ``"cue"``, ``"anaphor"`` or ``"ner"``.
    """

    doc_id: str
    start: int
    end: int
    text: str
    sentence: str
    sentence_start: int
    cue: str | None = None
    source: str = "gazetteer"
