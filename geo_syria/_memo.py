"""A bounded memo table: a dict that empties itself when it grows too large.

The per-gazetteer memo tables live on :class:`geo_syria.recognize.Recognizer`
(its ``memos`` attribute documents them); this is their type.
"""

from __future__ import annotations

from typing import Any

__all__ = ["BoundedMemo"]


class BoundedMemo(dict):
    """A dict for memoised results, cleared whenever it would exceed ``max_size`` entries.

    Clearing all at once keeps the common case (a hit) a plain dict lookup, and
    bounds memory over long runs of different documents.

    Parameters
    ----------
    max_size : int
        The most entries kept.

    Examples
    --------
    >>> memo = BoundedMemo(2)
    >>> memo.put("a", 1), memo.put("b", 2), memo.put("c", 3)
    (1, 2, 3)
    >>> sorted(memo)
    ['c']
    """

    __slots__ = ("max_size",)

    def __init__(self, max_size: int) -> None:
        super().__init__()
        self.max_size = max_size

    def put(self, key: Any, value: Any) -> Any:
        """Store ``value`` under ``key`` (emptying the table first when full); return it."""
        if len(self) >= self.max_size:
            self.clear()
        self[key] = value
        return value
