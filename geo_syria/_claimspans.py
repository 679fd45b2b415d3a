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
_STOP_OR_NEWLINE_RE = re.compile(r"[.!?\n]")
_NON_SPACE_RE = re.compile(r"\S")
#: How far each step of a backward search looks: searches cost what lies between ``pos``
#: and what they find, not the length of the line (an article may be one long line).
_STEP = 2048


def _rfind(text: str, chars: str, low: int, high: int) -> int:
    """Return the last index in ``[low, high)`` of any of ``chars`` in ``text``, or -1."""
    while high > low:
        step_low = max(low, high - _STEP)
        found = max(text.rfind(c, step_low, high) for c in chars)
        if found >= 0:
            return found
        high = step_low
    return -1


def _sentence_at(text: str, pos: int) -> tuple[int, int]:
    """Return the span of the ``_SENTENCE_RE`` sentence holding ``pos``, or ``(pos, pos)``.

    Splitting a line from its start, ``_SENTENCE_RE`` ends a sentence after every
    stop of ``_STOP_RE`` but one opening the line (a sentence holds a character
    before its stop; a stop is followed by white space, so no later sentence opens
    with one), and the line's last sentence takes its newline. So the sentence
    holding ``pos`` runs from after the last such stop before ``pos`` to after the
    first one at or after it, found without splitting the line.
    """
    # back from pos to the last newline or stop of _STOP_RE, whichever comes first: the
    # cost is what lies between, not the length of the line
    line, start, bound = 0, 0, pos
    while True:
        stop = _rfind(text, ".!?\n", 0, bound)
        if stop < 0:
            break  # the text's first line, no stop before pos
        if text[stop] == "\n":
            line = start = stop + 1
            break
        if stop == 0 or text[stop - 1] == "\n":  # a stop opening its line ends nothing
            line = start = stop
            break
        if _STOP_RE.match(text, stop):
            line, start = stop, stop + 1  # (the line begins at or before the stop)
            break
        bound = stop
    # the first stop at or after pos (after the line's first character) before the line's
    # end; else the line's end and its newline (its white space may run past the line)
    stop_end = len(text)
    if pos == line and text.startswith("\n", pos):
        stop_end = pos + 1  # an empty line
    else:
        for stop in _STOP_OR_NEWLINE_RE.finditer(text, max(pos, line + 1)):
            if stop.group() == "\n":
                stop_end = stop.end()
                break
            if _STOP_RE.match(text, stop.start()):
                stop_end = stop.end()
                break
    if start < line or pos >= stop_end or _NON_SPACE_RE.search(text, start, stop_end) is None:
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
