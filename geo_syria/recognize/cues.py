"""Cue names: the names context cue words point at, gazetteer or not.

"the village of X", "villages including X and Y", "X district", "the X area": the
automaton finds the cue words (:data:`CUE_WORDS`) and :func:`cue_spans` reads the
names next to them, so that names the gazetteer lacks are reported, not dropped.

Examples
--------
>>> text = "They shelled the village of Zor Zor and the Jobar district."
>>> cues = [FoundCue(17, 24, CUE_WORDS["village"]), FoundCue(50, 58, CUE_WORDS["district"])]
>>> cue_spans(text, cues)
[(28, 35, 'the village of'), (44, 49, 'X district')]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import NamedTuple

from geo_syria.recognize.words import COMMON_WORDS, GENERIC_WORDS, GROUP_WORDS, NOT_NAMES
from geo_syria.text import ARTICLE_PREFIXES, ARTICLES

__all__ = [
    "CUE_WORDS",
    "CueWord",
    "FoundCue",
    "cue_spans",
    "generic_name_spans",
    "split_at_settlements",
]


class CueWord(NamedTuple):
    """What a cue word says: the kind of place it names, and whether it is a plural."""

    kind: str
    plural: bool


class FoundCue(NamedTuple):
    """A cue word met in a text."""

    start: int
    end: int
    word: CueWord


_ART = r"\b(?:" + "|".join(sorted(ARTICLE_PREFIXES, key=len, reverse=True)) + ")[- ]"
_CUE_NAME = r"((?:" + _ART + r")?[A-Z][\w'’]+(?:[- ](?:" + _ART + r")?[A-Z][\w'’]+){0,2})"
#: Words that cue a place name next to them, as written (lower case): each kind and its
#: plural in -s or -es.
CUE_WORDS = {
    kind + ending: CueWord(kind, bool(ending))
    for kind in (
        "village town city district neighbourhood neighborhood suburb area region"
        " hamlet quarter camp hill mountain countryside province governorate front"
    ).split()
    for ending in ("", "s", "es")
}
CUE_WORDS["cities"] = CueWord("city", True)
#: Kinds written after a name: "Jobar district", "Hama countryside".
_KIND_AFTER = frozenset(
    "district neighbourhood neighborhood suburb countryside province governorate quarter"
    " camp village town".split()
)
#: How a name after its cue word is introduced.
_AFTER = (" of", " including", " such as", " like")
_NAME_AFTER = re.compile(r"(?:" + "|".join(_AFTER) + r"),? " + _CUE_NAME)
_NAME_BEFORE = re.compile(_CUE_NAME + " $")
_THE_NAME_BEFORE = re.compile(r"\b[Tt]he " + _CUE_NAME + r" (?:[a-z]+ )?$")
_LIST_MORE = re.compile(r"(?:,| and|, and) " + _CUE_NAME)
#: How far before its cue word a name may start, in characters.
_WINDOW = 70


def _capital_in_word(window: str, space: int) -> bool:
    """Whether the word ending just before ``window[space - 1]`` holds a capital."""
    return not window[window.rfind(" ", 0, space) + 1 : space - 1].islower()


def _names_after(text: str, cue: FoundCue) -> list[tuple[int, int, str]]:
    """Return the names after a cue word: "the village of X", "villages including X, Y and Z"."""
    after = _NAME_AFTER.match(text, cue.end) if text.startswith(_AFTER, cue.end) else None
    start = cue.start
    if not after or not (cue.word.plural or text[max(0, start - 4) : start] in ("the ", "The ")):
        return []
    if cue.word.plural:
        label = f"{text[start : cue.end]} including"
    else:
        label = f"the {cue.word.kind} of"
    spans = [(after.start(1), after.end(1), label)]
    pos = after.end(1)
    while more := _LIST_MORE.match(text, pos):
        spans.append((more.start(1), more.end(1), label))
        pos = more.end(1)
    return spans


def _name_before(text: str, cue: FoundCue) -> tuple[int, int, str] | None:
    """Return the name before a cue word: "Jobar district", "the Zizoun area"."""
    window_start = max(0, cue.start - _WINDOW)
    window = text[window_start : cue.start]
    before = None
    if cue.word.kind in _KIND_AFTER:
        last = window[-2:-1]
        ends = window[-1:] == " " and last != "" and (last.isalnum() or last in "_'’")
        if ends and _capital_in_word(window, len(window) - 1):
            head = window[:-1].rsplit(" ", 6)  # a name holds at most 5 spaces
            before = _NAME_BEFORE.search(window, len(head[0]) if len(head) == 7 else 0)
    elif "he " in window:
        last = window.rfind(" ", 0, -1)
        if (
            window[-1:] != " "
            or last <= 0
            or _capital_in_word(window, len(window) - 1)
            or _capital_in_word(window, last)
        ):
            before = _THE_NAME_BEFORE.search(window)
    if before is None:
        return None
    return window_start + before.start(1), window_start + before.end(1), f"X {cue.word.kind}"


#: Plural kinds a list of names may come before: "Ratlah and Al Aekershi villages".
_LISTED_BEFORE = frozenset({"village", "town"})
_LIST_BEFORE = re.compile(_CUE_NAME + r"(?:,| and|, and) (?:[\u0600-\u06FF]+ )*$")


def _names_listed_before(text: str, cue: FoundCue) -> list[tuple[int, int, str]]:
    """Return the names listed before a plural kind: "Ratlah and Al Aekershi villages"."""
    last = _name_before(text, FoundCue(cue.start, cue.end, CueWord(cue.word.kind, False)))
    if last is None:
        return []
    label = f"X {cue.word.kind}s"
    spans = [(last[0], last[1], label)]
    while len(spans) < 6:
        window_start = max(0, spans[-1][0] - _WINDOW)
        more = _LIST_BEFORE.search(text, window_start, spans[-1][0])
        if more is None:
            break
        spans.append((more.start(1), more.end(1), label))
    return spans[::-1]


def cue_spans(text: str, cues: Iterable[FoundCue]) -> list[tuple[int, int, str]]:
    """Return ``(start, end, cue label)`` of the names the cue words point at.

    Parameters
    ----------
    text : str
        The text (HTML masked).
    cues : iterable of FoundCue
        The cue words of :data:`CUE_WORDS` met in the text.

    Returns
    -------
    list of tuple
        The names in the order of their cue words, leading words that are no
        name ("Eastern", "the") left out.
    """
    spans: list[tuple[int, int, str]] = []
    for cue in cues:
        after = _names_after(text, cue)
        if after:
            spans.extend(after)
        elif not cue.word.plural and (before := _name_before(text, cue)) is not None:
            spans.append(before)
        elif cue.word.plural and cue.word.kind in _LISTED_BEFORE:
            spans.extend(_names_listed_before(text, cue))
    out: list[tuple[int, int, str]] = []
    for start, end, label in spans:
        words = text[start:end].split(" ")
        while words and (
            words[0] in NOT_NAMES
            or words[0].lower() in COMMON_WORDS
            or words[0].lower() in GROUP_WORDS  # "the Druze village"
            or (words[0].isupper() and len(words[0]) <= 5)  # "the ISIS town", "SDF villages"
        ):
            start += len(words.pop(0)) + 1
        if words and start < end:
            out.append((start, end, label))
    return out


#: Generic words that open a place name ("khan", "kafr", "tal"); "dam" follows its name
#: ("Tishrin Dam") and opens none.
_OPENERS = frozenset(GENERIC_WORDS - {"dam", "dams"})
#: A capitalised word before a space or hyphen: a generic word may open a name there.
_OPENER = re.compile(r"[A-Z][a-z]{1,7}(?=[- ])")
#: The rest of a name after its generic word: "-al-Shughur", " Shekhon".
_GENERIC_REST = re.compile(r"[- ](?:(?i:" + _ART + r"))?[A-Z][\w'’]+")
#: The cue label of a name opened by a generic word.
GENERIC_CUE = "generic word"


def generic_name_spans(text: str) -> list[tuple[int, int, str]]:
    """Return the names opened by a capitalised generic word: "Khan Shekhon", "Kafer Nabudah".

    A generic word ("Khan", "Kafr", "Tal", "Maarat") followed by a capitalised word
    is the start of a place name, whether or not the gazetteer writes it so; the
    name is a cue name, looked up by its spelling (a namesake of "Khan" or of the
    second word alone is no candidate).

    Parameters
    ----------
    text : str
        The text (HTML masked).

    Returns
    -------
    list of tuple
        ``(start, end, cue label)`` in text order.

    Examples
    --------
    >>> text = "Shelling on Khan Shekhon, Kafr Hamra and Tal Al Senowbarat; the Khan of Tal."
    >>> [text[s:e] for s, e, _ in generic_name_spans(text)]
    ['Khan Shekhon', 'Kafr Hamra', 'Tal Al Senowbarat']
    """
    out = []
    for m in _OPENER.finditer(text):
        start = m.start()
        if m.group().lower() not in _OPENERS:
            continue
        if start and (text[start - 1].isalnum() or text[start - 1] in "’'-_"):
            continue  # part of a longer word: "al-Bab Sbaa" is al-Bab's
        rest = _GENERIC_REST.match(text, m.end())
        if rest is None:
            continue
        last = rest.group().rsplit(None, 1)[-1].split("-")[-1]
        if last in NOT_NAMES or last.lower() in COMMON_WORDS or last.lower() in ARTICLES:
            continue  # "Tal The", "Khan On", "Tal Al" (line end)
        out.append((start, rest.end(), GENERIC_CUE))
    return out


_NEXT_WORD = re.compile(r"[\s,-]+(?=[A-Z]|" + _ART + ")")
#: Words that make a town's name the name of another place: "Shahba al-Jadida" (New
#: Shahba, a district of Aleppo) is no part of Shahba.
_QUALIFIERS = frozenset(
    """jadida jadidah jdeideh jdeidet qadima qadimeh kabir kabira kbir saghir saghira sghir
    sharqi sharqiya gharbi gharbiya shamali shamaliya janoubi janoubiya janubi fawqani
    tahtani wusta""".split()
)
#: Kinds of a part of a city: "Homs Akrameh neighbourhood" is Homs's Akrameh.
_CITY_PARTS = ("neighbourhood", "neighborhood", "district", "quarter", "suburb")


def split_at_settlements(
    text: str,
    cued: list[tuple[int, int, str]],
    names: dict[int, int],
    is_settlement: Callable[[str], bool],
) -> list[tuple[int, int, str]]:
    """Return the cue names with a leading Syrian town or city name cut off.

    A cue name that opens with the name of a Syrian town or city the gazetteer
    knows, then more capitalised words, is two names run together: a list that
    lost its commas ("towns including Mesraba Harasta", "the city of Qamishli
    Hasaka"), or a town and a part of it ("Homs Akrameh neighbourhood"). The town
    stays the gazetteer's name; the cue names the rest, but a part of a city the
    gazetteer does not know is left out (its name alone would be looked up far
    from its city). A generic word ("Tal" of "Tal Halaf") is no town's name, and a
    qualifier after the town ("Shahba al-Jadida") makes the whole one name.

    Parameters
    ----------
    text : str
        The text.
    cued : list of (start, end, label)
        The cue names (:func:`cue_spans`).
    names : dict
        The gazetteer names found in the text, as start -> end.
    is_settlement : callable
        Whether a name (as written) is the name of a Syrian town or city.

    Returns
    -------
    list of (start, end, label)

    Examples
    --------
    >>> text = "Shells hit the towns of Mesraba Harasta and the Daraa al-Mahatta neighborhood."
    >>> cued = [(24, 39, "towns including"), (48, 64, "X neighborhood")]
    >>> towns = {"Mesraba", "Daraa"}.__contains__
    >>> [text[s:e] for s, e, _ in split_at_settlements(text, cued, {24: 31, 48: 53}, towns)]
    ['Harasta']
    >>> text = "Rockets struck the Shahba al-Jadida district."
    >>> split_at_settlements(text, [(19, 35, "X district")], {19: 25}, {"Shahba"}.__contains__)
    [(19, 35, 'X district')]
    """
    out = []
    for start, end, label in cued:
        name_end = names.get(start)
        rest = _NEXT_WORD.match(text, name_end, end) if name_end is not None else None
        if rest is None:
            out.append((start, end, label))
            continue
        name = text[start:name_end]
        first = text[rest.end() : end].replace("-", " ").split()
        qualified = any(w.lower() in _QUALIFIERS for w in first[:2])
        if qualified or name.lower() in GENERIC_WORDS or not is_settlement(name):
            out.append((start, end, label))
        elif rest.end() in names or "including" in label or not label.endswith(_CITY_PARTS):
            out.append((rest.end(), end, label))
    return out
