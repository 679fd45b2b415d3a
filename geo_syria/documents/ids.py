"""Document ids unique across every input of a run.

A text file's id is its stem (``x`` for ``a/x.txt``), or its path when another input has
the same stem (``a/x.txt`` and ``b/x.txt``). A corpus row's id is its id column, or
``"<file id>:<row>"``. An id already taken gets the row (same file) or the file id (another
file) added, so two inputs never share an id or mix their dates.
"""

from __future__ import annotations

import logging
import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

__all__ = ["IdSet", "file_keys"]

logger = logging.getLogger(__name__)


def file_keys(paths: Sequence[Path]) -> list[str]:
    """Return each file's id: its stem, or its path from the colliding files' common folder.

    Examples
    --------
    >>> file_keys([Path("a/x.txt"), Path("b/x.txt"), Path("c/y.txt")])
    ['a/x.txt', 'b/x.txt', 'y']
    """
    stems = Counter(p.stem for p in paths)
    keys = []
    for path in paths:
        if stems[path.stem] == 1:
            keys.append(path.stem)
            continue
        same = [os.path.abspath(p) for p in paths if p.stem == path.stem]
        common = os.path.commonpath(same)
        relative = os.path.relpath(os.path.abspath(path), common)
        keys.append(Path(path.name if relative == "." else relative).as_posix())
    return keys


class IdSet:
    """The ids given so far in one pass over the inputs.

    Examples
    --------
    >>> ids = IdSet()
    >>> [ids.claim("7", key=key, row=row) for key, row in (("a", 2), ("a", 3), ("b", 2))]
    ['7', '7:3', 'b:7']
    """

    def __init__(self) -> None:
        self._owner: dict[str, str] = {}

    def claim(self, wanted: str, *, key: str, row: int | None = None) -> str:
        """Return ``wanted``, or a variant of it no earlier document has, and take it."""
        chosen = wanted
        if chosen in self._owner:
            same_file = self._owner[chosen] == key
            chosen = f"{wanted}:{row}" if same_file and row is not None else f"{key}:{wanted}"
            n = 2
            while chosen in self._owner:
                chosen, n = f"{wanted}~{n}", n + 1
            where = f"{key} row {row}" if row is not None else key
            logger.warning("%s: id %r repeats; using %r", where, wanted, chosen)
        self._owner[chosen] = key
        return chosen
