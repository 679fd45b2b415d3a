"""Character spans ``(start, end)``: a set with overlap queries, and longest-span picks.

Used by recognition (names, organisations, cue names) and by claim reading (phrases taken).

Examples
--------
>>> taken = SpanSet([(0, 5), (10, 14)])
>>> taken.hit(3, 8), taken.hit(5, 10), taken.overlaps(12, 20)
((0, 5), None, True)
>>> longest([(0, 4), (0, 9), (5, 7), (12, 14)])
[(0, 9), (12, 14)]
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable

__all__ = ["SpanSet", "leftmost_longest", "longest"]


class SpanSet:
    """Spans kept sorted by start, with a logarithmic overlap query.

    Parameters
    ----------
    spans : iterable of (int, int), optional
        The first spans.
    """

    __slots__ = ("_longest", "spans", "starts")

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        self._longest = max((e - s for s, e in self.spans), default=0)

    def __bool__(self) -> bool:
        return bool(self.spans)

    def __len__(self) -> int:
        return len(self.spans)

    def add(self, start: int, end: int) -> None:
        """Add the span ``(start, end)``."""
        insort(self.spans, (start, end))
        insort(self.starts, start)
        self._longest = max(self._longest, end - start)

    def hit(self, start: int, end: int) -> tuple[int, int] | None:
        """Return the last span starting before ``end`` that overlaps ``(start, end)``, or None."""
        i = bisect_left(self.starts, end) - 1
        lowest = start - self._longest  # spans starting before this end before ``start``
        spans = self.spans
        while i >= 0 and spans[i][0] >= lowest:
            s, e = spans[i]
            if e > start and s < end:
                return s, e
            i -= 1
        return None

    def overlaps(self, start: int, end: int) -> bool:
        """Whether any span overlaps ``(start, end)``."""
        return self.hit(start, end) is not None


def longest(found: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Keep the longest of overlapping spans (the first of equals), in text order.

    Examples
    --------
    >>> longest([(3, 5), (0, 4), (2, 9)])
    [(2, 9)]
    """
    out: list[tuple[int, int]] = []
    for start, end in sorted(found):  # at one start the shorter comes first, the longer replaces it
        if out and start < out[-1][1]:
            if end - start > out[-1][1] - out[-1][0]:
                out[-1] = (start, end)
            continue
        out.append((start, end))
    return out


def leftmost_longest(found: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Keep the spans a scan trying the longest first at each start would match.

    Examples
    --------
    >>> leftmost_longest([(4, 9), (0, 5), (0, 3), (6, 8)])
    [(0, 5), (6, 8)]
    """
    out: list[tuple[int, int]] = []
    for start, end in sorted(found, key=lambda s: (s[0], -s[1])):
        if not out or start >= out[-1][1]:
            out.append((start, end))
    return out
