"""Recognition: find every toponym mention in a document, with offsets and sentence.

One pass of an Aho-Corasick automaton over every Latin and Arabic name of the
gazetteer finds the names the gazetteer knows (:mod:`~geo_syria.recognize.automaton`);
context cues ("the village of X", "X district", "towns including X and Y") add the
names it lacks (:mod:`~geo_syria.recognize.cues`), as mentions to be reported
unresolved rather than dropped. Names inside organisation names ("Free Syrian
Army"), before ``-based`` or after person cues ("Abu", "President") are not places
(:mod:`~geo_syria.recognize.words`).

Examples
--------
>>> from geo_syria import load_default_gazetteer
>>> from geo_syria.documents import Document
>>> text = "The Free Syrian Army shelled Hama. Fighting hit the village of Zor Zor."
>>> rec = Recognizer(load_default_gazetteer())
>>> [(m.text, m.source) for m in rec.find(Document(id="a", text=text))]
[('Hama', 'gazetteer'), ('Zor Zor', 'cue')]
"""

from __future__ import annotations

from geo_syria.recognize.automaton import Recognizer
from geo_syria.recognize.cues import CUE_WORDS
from geo_syria.recognize.mention import Mention

__all__ = ["CUE_WORDS", "Mention", "Recognizer"]
