"""Span helpers of recognition: overlap queries, longest-span picks, person cues.

Kept apart from :mod:`geo_syria.recognize` so the recogniser's code stays short.
"""

from __future__ import annotations

import bisect
from itertools import pairwise

from geo_syria._recognize_words import PERSON_CUES

__all__: list[str] = []


class _Spans:
    """Sorted, non-overlapping spans with a logarithmic overlap query."""

    __slots__ = ("spans", "starts")

    def __init__(self, spans, *, disjoint: bool = False) -> None:
        self.spans = list(spans) if disjoint else _longest(list(spans))
        self.starts = [s for s, _ in self.spans]

    def __bool__(self) -> bool:
        return bool(self.spans)


def _hits(spans: _Spans, start: int, end: int) -> tuple[int, int] | None:
    i = bisect.bisect_left(spans.starts, end) - 1
    while i >= 0:
        s, e = spans.spans[i]
        if e <= start:
            return None
        if s < end and start < e:
            return (s, e)
        i -= 1
    return None


def _person_before(text: str, start: int, persons: dict[int, int]) -> bool:
    """Whether the word before ``start`` (past spaces and full stops) is a person cue.

    ``persons`` maps the end of each person cue of the text to its start.
    """
    lowest = max(0, start - 16)  # the cue ends within 16 characters
    end = start
    while end > lowest and text[end - 1] in " .":
        end -= 1
    cue = persons.get(end)
    if cue is None or cue < lowest or (cue > lowest and not text[cue - 1].isspace()):
        return False  # a word begins after white space: "(Abu" is no cue
    return text[cue:end].lower() in PERSON_CUES


def _leftmost_longest(found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Keep the spans a regex alternation of the longest first would match, scanning."""
    if all(a[1] <= b[0] for a, b in pairwise(found)):
        return found  # sorted and disjoint already: every span is kept
    found.sort(key=lambda s: (s[0], -s[1]))
    out: list[tuple[int, int]] = []
    for start, end in found:
        if not out or start >= out[-1][1]:
            out.append((start, end))
    return out


def _longest(found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Keep the longest of overlapping spans (the first of equals), in text order."""
    found.sort()  # at one start the shorter comes first and the longer replaces it
    out: list[tuple[int, int]] = []
    for start, end in found:
        if out and start < out[-1][1]:
            if end - start > out[-1][1] - out[-1][0]:
                out[-1] = (start, end)
            continue
        out.append((start, end))
    return out
