"""Sentences of recognition: every sentence start, or the sentence around one offset.

:func:`sentence_spans` splits a whole text; :class:`SentenceFinder` finds the same
sentence around an offset by reading only near it, for texts where few sentences
hold a place name. Kept apart from :mod:`geo_syria.recognize` (re-exported there).

Examples
--------
>>> text = "Rebels took Jobar. Mr. Ali left Hama."
>>> sentence_spans(text)
[0, 19]
>>> SentenceFinder(text).bounds(32)
(19, 37)
"""

from __future__ import annotations

import re
from bisect import bisect_right

__all__ = ["SentenceFinder", "sentence_spans"]

#: A sentence end: full stops, ! or ? then closing quotes and white space; or a new line.
#: It opens with a character set, which the regex engine scans for fast.
_SENTENCE_END = re.compile(r"[.!?\n](?:(?<=\n)\s*|[.!?]*[\"”’)\]]*\s+)")
_ABBREVIATION = re.compile(r"(?:\b[A-Z]|\bMrs?|\bDr|\bSt|\bGen|\bNo)\.\Z")
#: The last two letters before the full stop of the abbreviations in lower case.
_ABBREVIATION_ENDS = frozenset({"Mr", "rs", "Dr", "St", "en", "No"})
#: The characters a sentence end is made of, besides white space.
_END_CHARS = frozenset('.!?\n"”’)]')
_TERMINATORS = ".!?\n"


def _abbreviation(text: str, at: int) -> bool:
    """Whether the sentence end opening at ``at`` is the full stop of "Mr.", "U.S."."""
    if text[at] != "." or at == 0:
        return False
    last = text[at - 1]
    if not ("A" <= last <= "Z" or text[at - 2 : at] in _ABBREVIATION_ENDS):
        return False  # no abbreviation ends so
    return _ABBREVIATION.search(text, max(0, at - 4), at + 1) is not None


def sentence_spans(text: str) -> list[int]:
    r"""Return the start offset of every sentence of ``text``.

    Examples
    --------
    >>> sentence_spans("Rebels took Jobar. Hama fell.\nNext.")
    [0, 19, 30]
    """
    starts = [0]
    for m in _SENTENCE_END.finditer(text):
        if not _abbreviation(text, m.start()):
            starts.append(m.end())
    if len(starts) > 1 and starts[-1] == len(text):
        starts.pop()  # white space closing the text starts no sentence
    return starts


def _inside_an_end(text: str, at: int) -> bool:
    """Whether ``at`` may fall inside a sentence end (both its neighbours could be in one)."""
    if at <= 0 or at >= len(text):
        return False
    after = text[at]
    if not (after in _END_CHARS or after.isspace()):
        return False
    before = text[at - 1]
    return before in _END_CHARS or before.isspace()


class SentenceFinder:
    r"""The sentence around an offset, as :func:`sentence_spans` bounds it.

    Sentence ends are matched from a point no end straddles (the regex scan from
    there meets the same ends as a scan from the start), so only the text near the
    offset is read. Offsets asked in increasing order reuse the last sentence.

    Parameters
    ----------
    text : str
        The text.

    Examples
    --------
    >>> finder = SentenceFinder("Hama fell. Dr. Ali left.\nIdlib held.")
    >>> finder.bounds(0), finder.bounds(15), finder.bounds(26)
    ((0, 11), (11, 25), (25, 36))
    """

    __slots__ = ("_dots", "_end", "_spans", "_start", "_terms", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._terms = [c for c in _TERMINATORS if c in text]
        self._dots = self._terms == ["."]  # the usual text: only full stops end sentences
        self._start = self._end = 0  # the last sentence found
        self._spans: list[int] | None = None

    def bounds(self, at: int) -> tuple[int, int]:
        """Return ``(start, end)`` of the sentence holding offset ``at`` (0 <= at < length).

        The sentence is ``text[start:end]``: from the start :func:`sentence_spans`
        gives it to the next start, or to the end of the text.
        """
        if self._start <= at < self._end:
            return self._start, self._end
        text = self.text
        if self._dots and self._end <= at and text[at].isalnum():
            # the usual case, inline: the next sentence of a text with only full stops
            lo = self._end
            start = text.rfind(".", lo, at)
            if start < 0:
                start = lo  # no full stop since the last sentence: it goes on
            elif not (
                start > 0
                and text[start - 1].isalnum()  # no sentence end straddles the full stop
                and text[start + 1 : start + 2] == " "
                and not text[start + 2 : start + 3].isspace()  # ". X"
                and not (
                    "A" <= text[start - 1] <= "Z" or text[start - 2 : start] in _ABBREVIATION_ENDS
                )
            ):
                start = self._start_before(at, lo)
            else:
                start += 2
            end = len(text)
            pos = at
            while (dot := text.find(".", pos)) >= 0:
                if text[dot + 1 : dot + 2] == " " and not text[dot + 2 : dot + 3].isspace():
                    after = dot + 2  # ". X": the end the regex would match, read directly
                else:
                    m = _SENTENCE_END.match(text, dot)
                    if m is None:
                        pos = dot + 1
                        continue
                    after = m.end()
                last = text[dot - 1]  # "Mr.", "U.S." (the prefilter of _abbreviation)
                if ("A" <= last <= "Z" or text[dot - 2 : dot] in _ABBREVIATION_ENDS) and (
                    _abbreviation(text, dot)
                ):
                    pos = after
                else:
                    end = after
                    break
            self._start, self._end = start, end
            return start, end
        if _inside_an_end(text, at):
            if self._spans is None:
                self._spans = sentence_spans(text)
            spans = self._spans
            i = bisect_right(spans, at) - 1
            return spans[i], spans[i + 1] if i + 1 < len(spans) else len(text)
        lo = self._end if self._end <= at else 0  # a sentence start at or before ``at``
        start = self._start_before(at, lo)
        end = self._end_after(at)
        self._start, self._end = start, end
        return start, end

    def _start_before(self, at: int, lo: int) -> int:
        # the last sentence end in [lo, at): no end straddles ``at`` nor ``lo``
        text = self.text
        terms = self._terms
        hi = at
        while True:
            if len(terms) == 1:
                last = text.rfind(terms[0], lo, hi)
            else:
                last = max([text.rfind(c, lo, hi) for c in terms], default=-1)
            if last < 0:
                return lo
            safe = last  # back to a point no sentence end straddles
            while safe > lo and (text[safe - 1] in _END_CHARS or text[safe - 1].isspace()):
                safe -= 1
            found = -1
            pos = safe  # every character from here to ``last`` may be in a sentence end
            while pos <= last:
                m = _SENTENCE_END.match(text, pos) if text[pos] in _TERMINATORS else None
                if m is None:
                    pos += 1
                    continue
                if not _abbreviation(text, pos):
                    found = m.end()
                pos = m.end()
            if found >= 0:
                return found
            hi = safe

    def _end_after(self, at: int) -> int:
        text = self.text
        pos = at
        if self._dots:  # the next full stop that ends a sentence
            while (dot := text.find(".", pos)) >= 0:
                m = _SENTENCE_END.match(text, dot)
                if m is None:
                    pos = dot + 1
                elif _abbreviation(text, dot):
                    pos = m.end()
                else:
                    return m.end()
            return len(text)
        while (m := _SENTENCE_END.search(text, pos)) is not None:
            if not _abbreviation(text, m.start()):
                return m.end()
            pos = m.end()
        return len(text)
