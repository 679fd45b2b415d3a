"""Span sets and longest-span picks."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geo_syria.spans import SpanSet, leftmost_longest, longest


@pytest.mark.parametrize(
    ("spans", "kept"),
    [
        ([(0, 4), (5, 9), (9, 12)], [(0, 4), (5, 9), (9, 12)]),  # disjoint: all kept
        ([(5, 9), (0, 7), (0, 4)], [(0, 7)]),  # the longest at the leftmost start
        ([(0, 4), (2, 9), (9, 12)], [(0, 4), (9, 12)]),  # then the next free start
    ],
)
def test_leftmost_longest(spans, kept):
    assert leftmost_longest(spans) == kept


def test_longest_keeps_the_longer_of_overlaps():
    assert longest([(0, 4), (2, 9), (9, 12)]) == [(2, 9), (9, 12)]


_SPAN = st.tuples(st.integers(0, 50), st.integers(1, 12)).map(lambda t: (t[0], t[0] + t[1]))


@given(st.lists(_SPAN, max_size=12), _SPAN)
def test_span_set_hit_agrees_with_a_scan(spans, query):
    taken = SpanSet()
    for span in spans:
        taken.add(*span)
    start, end = query
    overlapping = [s for s in spans if s[0] < end and start < s[1]]
    hit = taken.hit(start, end)
    assert (hit is not None) == bool(overlapping)
    if hit is not None:
        assert hit in overlapping
    assert taken.overlaps(start, end) == bool(overlapping)
