r"""Gated searches: long claim patterns tried only near a cheap keyword hit.

:class:`GatedPattern` finds what ``pattern.finditer`` finds, in time linear in the
text; the gates below hit wherever a unit ("km", "miles"), a compass word or a
word of "near" can start. Used by :mod:`geo_syria._claimread`.

Examples
--------
>>> import re
>>> gated = GatedPattern(re.compile(r"\d+\s*km\s+north"), UNIT_GATE_RE,
...                      prefix_others=5, phrase_others=20)
>>> [m.group() for m in gated.finditer("Soran, 20 km north of Hama; 5km north of it.")]
['20 km north', '5km north']
"""

from __future__ import annotations

import re

__all__ = ["COMPASS_GATE_RE", "NEAR_GATE_RE", "UNIT_GATE_RE", "GatedPattern"]

#: Where a distance's unit can start ("km", "miles", ...): after a digit, a space or a
#: hyphen ("20 km", "20km", "20-km") or glued to a number word ("tenkm"); a superset, found
#: fast because the pattern opens with a character set. See :class:`GatedPattern`.
_NUM_WORD_TAILS = (
    "a an few of several hundred one two three four five six seven eight nine ten eleven "
    "twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty "
    "fifty sixty seventy eighty ninety"
).split()
UNIT_GATE_RE = re.compile(
    r"[kKmM\u212a](?:(?<=[\d\s-].)|(?i:"
    + "|".join(rf"(?<=\b{w}.)" for w in _NUM_WORD_TAILS)
    + r"))(?i:ms?|ilomet(?:re|er)s?|iles?|i|etres?|eters?)?\b"
)
#: Where a compass word ("north", ...) or a word of "near", "on the outskirts of", ... can start.
COMPASS_GATE_RE = re.compile(r"[nNsSeEwW\u017f](?<!\w.)(?i:orth|outh|ast|est)")
NEAR_GATE_RE = re.compile(r"[nNcCoOeEfFsS\u017f](?<!\w.)(?i:ear|lose|uts|dge|ringe|uburb)")
#: Characters a phrase may repeat without limit (spaces, digits, "1,000.5", "10-15").
_CHEAP = frozenset(" \t\n\r\f\v0123456789.,-–")


class GatedPattern:
    """A pattern searched in time linear in the text, fast: tried only near hits of a gate.

    ``finditer`` yields what ``pattern.finditer(text)`` yields. The gate is a cheap
    pattern (opening with a character set) that hits wherever a keyword of the
    pattern (a unit, a compass word) can start: a superset. A match holds at most
    ``prefix_others`` characters outside :data:`_CHEAP` before its keyword and
    ``phrase_others`` in all, so no match starts before the window searched around
    a hit, and an attempt starting at or before the hit never reads past the
    window's end: within the window, results for starts up to the hit are those
    of the whole text. Starts after it are left to the next hit.
    """

    def __init__(self, pattern, gate, *, prefix_others: int, phrase_others: int):
        self.pattern, self.gate, self.prefix_others = pattern, gate, prefix_others
        self._reach = re.compile(rf"(?:[\s\d.,\-–]*[^\s\d.,\-–]){{1,{phrase_others}}}")

    def finditer(self, text: str):
        pos, size = 0, len(text)
        while True:
            gate = self.gate.search(text, pos)
            if gate is None:
                return
            hit = gate.start()
            start, others = hit, 0
            while start > pos and others < self.prefix_others:
                start -= 1
                others += text[start] not in _CHEAP
            reach = self._reach.match(text, hit)
            end = min(size, (reach.end() if reach else hit) + 1)
            match = self.pattern.search(text, start, end)
            if match is not None and match.start() <= hit:
                yield match
                pos = match.end()
            else:
                pos = hit + 1
