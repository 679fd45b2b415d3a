"""Spans for reading claims: mentions in order, the sentence around a place, spans taken.

Helpers of :mod:`geo_syria._claimread`.

Examples
--------
>>> text = "Soran fell. It lies 20 km north of Hama. More."
>>> start, end = _sentence_at(text, text.index("20"))
>>> text[start:end]
' It lies 20 km north of Hama.'
"""

from __future__ import annotations

import bisect
import re

#: The sentences a claim is read in; none crosses a newline.
_SENTENCE_RE = re.compile(r"[^\n]+?(?:[.!?](?=\s+[\"“‘'(\[]?[A-Z0-9])|\n|$)", re.DOTALL)


class _Mentions(list):
    """Mentions sorted by start, with their starts kept for bisection."""

    def __init__(self, mentions):
        mentions = list(mentions)
        starts = [m.start for m in mentions]
        if starts != sorted(starts) or len(set(starts)) < len(starts):
            mentions = sorted(mentions, key=lambda m: (m.start, -m.end))
            starts = [m.start for m in mentions]
        super().__init__(mentions)  # (already in order when the starts rise)
        self.starts = starts


#: A sentence end ``_SENTENCE_RE`` takes: a stop before white space and a capital or digit.
_STOP_RE = re.compile(r"[.!?](?=\s+[\"“‘'(\[]?[A-Z0-9])")
_STOP_CHAR_RE = re.compile(r"[.!?]")


def _sentence_at(text: str, pos: int) -> tuple[int, int]:
    """Return the span of the ``_SENTENCE_RE`` sentence holding ``pos``, or ``(pos, pos)``.

    Splitting a line from its start, ``_SENTENCE_RE`` ends a sentence after every
    stop of ``_STOP_RE`` but one opening the line (a sentence holds a character
    before its stop; a stop is followed by white space, so no later sentence opens
    with one), and the line's last sentence takes its newline. So the sentence
    holding ``pos`` runs from after the last such stop before ``pos`` to after the
    first one at or after it, found without splitting the line.
    """
    line = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", line)
    end = len(text) if end < 0 else end
    start, bound = line, pos
    while bound > line + 1:  # the last stop before pos, after the line's first character
        stop = max(text.rfind(".", line + 1, bound), text.rfind("!", line + 1, bound))
        stop = max(stop, text.rfind("?", line + 1, bound))
        if stop < 0:
            break
        if _STOP_RE.match(text, stop):
            start = stop + 1
            break
        bound = stop
    stop_end = end + 1 if end < len(text) else end
    for stop in _STOP_CHAR_RE.finditer(text, max(pos, line + 1), end):
        if _STOP_RE.match(text, stop.start()):  # its white space may run past the line
            stop_end = stop.end()
            break
    if start < line or pos >= stop_end or not text[start:stop_end].strip():
        return pos, pos
    return start, stop_end


class _Spans:
    """Claimed spans, for the overlap test of later patterns (sorted by start)."""

    def __init__(self):
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.longest = 0

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_right(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)
        self.longest = max(self.longest, end - start)

    def overlaps(self, start: int, end: int) -> bool:
        if not self.starts:
            return False
        # only spans starting within ``longest`` before ``start`` can reach it
        lo = bisect.bisect_right(self.starts, start - self.longest)
        hi = bisect.bisect_left(self.starts, end)
        return any(self.ends[i] > start for i in range(lo, hi))
