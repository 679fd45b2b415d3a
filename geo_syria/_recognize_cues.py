"""Cue names of recognition: the names context cue words point at.

"the village of X", "villages including X and Y", "X district", "the X area": the
recogniser finds the cue words (:data:`CUE_WORDS`) in its automaton pass and
:func:`cue_spans` reads the names next to them. Kept apart from
:mod:`geo_syria.recognize` so the recogniser's code stays short.

Examples
--------
>>> text = "They shelled the village of Zor Zor and the Jobar district."
>>> cue_spans(text, [(17, 24, "village", False), (50, 58, "district", False)])
[(28, 35, 'the village of'), (44, 49, 'X district')]
"""

from __future__ import annotations

import re
import string

from geo_syria._recognize_words import COMMON_WORDS, NOT_NAMES

__all__ = ["CUE_WORDS", "cue_spans"]

_ART = r"(?:al|el|ad|ar|as|ash|at|az|ez)[- ]"
_CUE_NAME = r"((?:" + _ART + r")?[A-Z][\w'’]+(?:[- ](?:" + _ART + r")?[A-Z][\w'’]+){0,2})"
#: Words that cue a place name next to them, as written (lower case): each kind and its
#: plural in -s or -es, to ``(kind, plural)``.
CUE_WORDS = {
    kind + ending: (kind, bool(ending))
    for kind in (
        "village town city district neighbourhood neighborhood suburb area region"
        " hamlet quarter camp hill mountain countryside province governorate front"
    ).split()
    for ending in ("", "s", "es")
}
CUE_WORDS["cities"] = ("city", True)
#: Kinds written after a name: "Jobar district", "Hama countryside".
_KIND_AFTER = frozenset(
    "district neighbourhood neighborhood suburb countryside province governorate quarter"
    " camp".split()
)
#: How a name after its cue word is introduced, as :data:`_NAME_AFTER` reads it.
_AFTER = (" of", " including", " such as", " like")
_NAME_AFTER = re.compile(r"(?:" + "|".join(_AFTER) + r"),? " + _CUE_NAME)
#: ``_CUE_NAME + " $"``, its first letter written as alternatives of single letters: the
#: regex engine then only tries the positions of these letters (the same matches).
_NAME_BEFORE = re.compile(
    r"((?:a(?:l|d|r|s|sh|t|z)[- ][A-Z]|e(?:l|z)[- ][A-Z]|"
    + "|".join(string.ascii_uppercase)
    + r")[\w'’]+(?:[- ](?:"
    + _ART
    + r")?[A-Z][\w'’]+){0,2}) $"
)
_THE_NAME_BEFORE = re.compile(r"\b[Tt]he " + _CUE_NAME + r" (?:[a-z]+ )?$")
_LIST_MORE = re.compile(r"(?:,| and|, and) " + _CUE_NAME)
#: The characters a name's last word ends with, besides letters and digits.
_WORD_END = "_'’"


def cue_spans(text: str, cue_words) -> list[tuple[int, int, str]]:
    """Return ``(start, end, cue label)`` of the names the cue words point at.

    Parameters
    ----------
    text : str
        The text (HTML masked).
    cue_words : iterable of tuple
        ``(start, end, kind, plural)`` of each cue word of :data:`CUE_WORDS` met.

    Returns
    -------
    list of tuple
        The names in the order of their cue words, leading words that are no
        name ("Eastern", "the") left out.
    """
    spans: list[tuple[int, int, str]] = []
    for kw_start, kw_end, kind, plural in cue_words:
        after = _NAME_AFTER.match(text, kw_end) if text.startswith(_AFTER, kw_end) else None
        if after and (plural or text[max(0, kw_start - 4) : kw_start] in ("the ", "The ")):
            label = f"{text[kw_start:kw_end]} including" if plural else f"the {kind} of"
            spans.append((after.start(1), after.end(1), label))
            pos = after.end(1)
            while more := _LIST_MORE.match(text, pos):
                spans.append((more.start(1), more.end(1), label))
                pos = more.end(1)
            continue
        if plural:
            continue
        # the window is text[window_start:kw_start]: checked in place, sliced for a regex.
        # A name [A-Z][\w'’]+ ending at a space holds a capital in the word before that
        # space (but its last letter): a word with letters, none in upper case, holds none
        window_start = kw_start - 70 if kw_start > 70 else 0
        ends_space = kw_start > 0 and text[kw_start - 1] == " "
        before = None
        if kind in _KIND_AFTER:
            # a word, then one space, ends the window (else no name ends there)
            if not ends_space or kw_start < 2:
                continue
            last = text[kw_start - 2]
            if not (last.isalnum() or last in _WORD_END):
                continue
            space = text.rfind(" ", window_start, kw_start - 1)
            if text[space + 1 if space >= 0 else window_start : kw_start - 2].islower():
                continue  # that word holds no capital: "the eastern district"
            window = text[window_start:kw_start]
            # a name holds at most 5 spaces: it starts after the 6th last
            head = window[:-1].rsplit(" ", 6)
            before = _NAME_BEFORE.search(window, len(head[0]) if len(head) == 7 else 0)
        elif text.find("he ", window_start, kw_start) >= 0:
            if ends_space:
                space = text.rfind(" ", window_start, kw_start - 1)  # before the last word
                if space <= window_start:
                    pass  # the regex decides
                elif text[space + 1 : kw_start - 2].islower():
                    # "the Zizoun rural area": the word before the last may hold the name
                    other = text.rfind(" ", window_start, space)
                    if text[other + 1 if other >= 0 else window_start : space - 1].islower():
                        continue
            # the regex's "$" also matches before a last "\n": it decides
            before = _THE_NAME_BEFORE.search(text[window_start:kw_start])
        if before:
            start = window_start + before.start(1)
            spans.append((start, window_start + before.end(1), f"X {kind}"))
    out: list[tuple[int, int, str]] = []
    for start, end, label in spans:
        words = text[start:end].split(" ")
        while words and (words[0] in NOT_NAMES or words[0].lower() in COMMON_WORDS):
            start += len(words.pop(0)) + 1
        if words and start < end:
            out.append((start, end, label))
    return out
