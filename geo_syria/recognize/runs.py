"""Runs of capitalised words: names found by variant key, and parts of longer names.

The automaton finds names as the gazetteer writes them (folded). News writes
them in other spellings too: "Jisr al-Shughur" for "Jisr ash-Shughur",
"Maaret Misrin" for "Maarrat Misrin". :class:`VariantNames` looks each run of
capitalised words up by :func:`~geo_syria.names.variant_key`, the key
:meth:`Gazetteer.search <geo_syria.gazetteer.Gazetteer.search>` matches exactly,
so every spelling search finds exactly is recognised. :func:`part_of_longer`
tells a name that is only part of a longer capitalised name ("Hamra" of "Kafr
Hamra", "Khan" of "Khan Shekhon").

Examples
--------
>>> from geo_syria import load_default_gazetteer
>>> names = VariantNames(load_default_gazetteer(), {})
>>> text = "Shelling hit Jisr al-Shughur."
>>> [text[s:e] for s, e in names.spans(text)]
['Jisr al-Shughur']
>>> text = "Clashes in Kafr Hamra."
>>> part_of_longer(text, 16, 21)
True
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container
from typing import TYPE_CHECKING

from geo_syria.cache import BoundedCache
from geo_syria.names import has_marks, normalize, variant_key
from geo_syria.recognize.words import (
    COMMON_WORDS,
    FIRST_NAMES,
    GENERIC_WORDS,
    NEVER_NAMES,
    NOT_NAMES,
    ONLY_WITH_CUE,
)
from geo_syria.text import ARABIC_RE, ARTICLE_PREFIXES, ARTICLES, fold

if TYPE_CHECKING:
    from geo_syria.gazetteer import Gazetteer

__all__ = ["VariantNames", "part_of_longer", "variant_tables"]

#: An article inside a name: "al" and "el" before a space or hyphen, the others before a
#: hyphen only ("as", "at" and "an" are English words too).
_ART = r"(?:(?:al|el)[- ‐]|(?:as|ash|ad|ar|at|az|an|ez)[-‐])"
_ART_ANY_CASE = r"(?:(?i:al|el)[- ‐]|(?i:as|ash|ad|ar|at|az|an|ez)[-‐])"
#: A run of capitalised words, with the articles between them ("Jisr al-Shughur",
#: "Marea’"). The look-behind follows the first capital: a pattern that opens with a
#: character set scans faster.
_WORD = r"[A-Z]\w*(?:[’']\w+)*"
_RUN = re.compile(r"[A-Z](?<![\w’'][A-Z])\w*(?:[’']\w+)*(?:[- ]" + _ART + "?" + _WORD + ")*")
#: A word of a run, with its article in any case: "al-Shughur", "Al-Atareb".
_RUN_WORD = re.compile(_ART_ANY_CASE + "?" + _WORD)
#: A word of a name, with its article: "Jisr", "ash-Shughur", "Al Karamah".
_NAME_WORD = re.compile(r"(?:(?:al|el|as|ash|ad|ar|at|az|an|ez)[- ‐])?[^\s-]+", re.IGNORECASE)
#: The word just before a name, when only a space or hyphen parts them.
_WORD_BEFORE = re.compile(r"(?<![\w’'])([A-Z][a-z]+)[- ]\Z")
#: An article just before a name: "al-Bab", "Al Tal".
_ARTICLE_BEFORE = re.compile(r"(?<![\w’'])(?:(?:[Aa]l|[Ee]l)[- ]|(?:[Aa][dnrstz]|[Aa]sh)-)\Z")
_KEY_ARTICLES = tuple(f"{a} " for a in ARTICLE_PREFIXES)
#: The most runs whose names one :class:`VariantNames` remembers.
RUN_MEMO_SIZE = 50_000
#: The most words of a name tried.
_MAX_WORDS = 5


def _latin(name: str) -> bool:
    return not ARABIC_RE.search(name) and all(
        ord(c) < 0x250 or unicodedata.category(c)[0] in "MPZ" for c in name
    )


class VariantNames:
    """The Syrian names of a gazetteer by variant key, found in runs of capitalised words.

    Build once per gazetteer (a :class:`~geo_syria.recognize.Recognizer` owns one);
    it remembers the names of each run and the key of each word met (bounded:
    :data:`RUN_MEMO_SIZE` each).

    Parameters
    ----------
    gazetteer : Gazetteer
        The names.
    known : container of str
        Folded names the automaton matches as written: left to it.
    tables : (frozenset, frozenset), keyword-only, optional
        The :func:`variant_tables` of the gazetteer, when already known (a cache).
    """

    def __init__(
        self,
        gazetteer: Gazetteer,
        known: Container[str],
        *,
        tables: tuple[frozenset[str], frozenset[str]] | None = None,
    ) -> None:
        keys, firsts = tables if tables is not None else variant_tables(gazetteer)
        self._keys = keys
        self._firsts = firsts
        self._known = known
        self._memo = BoundedCache(RUN_MEMO_SIZE)
        self._words = BoundedCache(RUN_MEMO_SIZE)

    def clear(self) -> None:
        """Forget the runs and words met."""
        self._memo.clear()
        self._words.clear()

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Return the spans of the names by variant key in a text, in text order.

        An article before a name is the name's ("al-Karama").
        """
        memo = self._memo
        get = memo.get
        out = []
        for run in _RUN.finditer(text):
            found = get(run.group())
            if found is None:
                found = memo.put(run.group(), self._names_in(run.group()))
            if not found:
                continue  # most runs: "The", "Syrian", "Aleppo"
            at = run.start()
            for rel_start, rel_end in found:
                begin = at + rel_start
                if rel_start == 0 and (article := _ARTICLE_BEFORE.search(text, begin - 4, begin)):
                    if article.group()[0].islower():
                        begin = article.start()
                out.append((begin, at + rel_end))
        return out

    def _names_in(self, run: str) -> tuple[tuple[int, int], ...]:
        """Return the offsets of the names a run holds by variant key only.

        At each word, the longest name (five words at most) is taken; names the
        automaton knows as written are left to it (it found them, or had reasons
        not to), and so are acronyms ("SANA").
        """
        keys, known, key = self._keys, self._known, self._key
        if " " not in run and "-" not in run:  # one word, as most runs are
            if (
                run.isupper()
                or run in NOT_NAMES
                or run.lower() in COMMON_WORDS
                or run.lower() in ONLY_WITH_CUE
                or " ".join(fold(run).split()) in known
                or (key(run) not in keys and normalize(run) not in keys)
            ):
                return ()
            return ((0, len(run)),)
        words = [m.span() for m in _RUN_WORD.finditer(run)]
        if len(words) == 1:  # one word with its article: "Al-Atareb"
            return ((0, len(run)),) if key(run) in keys else ()
        texts = [run[begin:end] for begin, end in words]
        word_keys: list[str | None] = [None] * len(words)
        out = []
        i = 0
        while i < len(words):
            first = texts[i]
            if first not in NOT_NAMES and key(first) in self._firsts:
                # two words at least: one word of a longer run is part of a longer name
                for j in range(min(len(words), i + _MAX_WORDS), i + 1, -1):
                    begin, end = words[i][0], words[j - 1][1]
                    if " ".join(fold(run[begin:end]).split()) in known:
                        i = j - 1
                        break  # the automaton's
                    last = texts[j - 1].lower()
                    if last in ARTICLES or last in COMMON_WORDS or last.title() in NOT_NAMES:
                        continue  # "Daraa An", "Homs The"
                    for n in range(i, j):
                        if word_keys[n] is None:
                            word_keys[n] = key(texts[n])
                    if "".join(word_keys[i:j]) in keys:  # type: ignore[arg-type]
                        out.append((begin, end))
                        i = j - 1
                        break
            i += 1
        return tuple(out)

    def _key(self, words: str) -> str:
        """Return the variant key of some words of a run (remembered)."""
        found = self._words.get(words)
        if found is None:
            found = self._words.put(words, variant_key(words))
        return found


def variant_tables(gazetteer: Gazetteer) -> tuple[frozenset[str], frozenset[str]]:
    """Return the variant keys of a gazetteer's Syrian names, and those of their first words.

    Names that are no place on their own ("Khan", "al-Sham", first names) and keys
    shorter than four letters are left out; but a one-word name written with an ʿayn or
    hamza mark ("Ar Rā‘ī"), which the automaton matches only as written, is keyed by its
    exact key without the mark ("rai", for "al-Rai") from three letters. A name's words
    are keyed one by one too, as :meth:`VariantNames.spans` keys the words of a run.

    Examples
    --------
    >>> from geo_syria.place import Place
    >>> from geo_syria.gazetteer import Gazetteer
    >>> gaz = Gazetteer([Place(id="curated:j", name="Jisr ash-Shughur", lat=35.81, lon=36.32,
    ...                        feature_type="city")])
    >>> keys, firsts = variant_tables(gaz)
    >>> sorted(firsts)
    ['jisr']
    """
    keys: set[str] = set()
    firsts: set[str] = set()
    for name, place in gazetteer.names():
        if not place.in_syria or not _latin(name):
            continue
        bare = " ".join(fold(name).split())
        for article in _KEY_ARTICLES:
            bare = bare.removeprefix(article)
        if bare in COMMON_WORDS or bare in NEVER_NAMES or bare in GENERIC_WORDS:
            continue  # "Khan", "Dam", "al-Sham": no place on their own
        if bare in ONLY_WITH_CUE:
            continue
        key = variant_key(name)
        if len(key) < 4 and has_marks(name):
            keys.update(_unmarked_key(name))
        if len(key) >= 4:
            words = _NAME_WORD.findall(name)
            keys.add(key)
            # a run's words are keyed one by one: the name's words are too
            keys.add("".join(map(variant_key, words)))
            firsts.add(variant_key(words[0]) if words else key)
    return frozenset(keys), frozenset(firsts)


def _unmarked_key(name: str) -> tuple[str, ...]:
    """Return the exact key of a short one-word name written with a mark, if it is a name.

    The automaton matches "Ar Rā‘ī" only as written; news writes "al-Rai". A mark
    between two vowels (Ra'i, Fu'a, Wa'er, Ma'an) is a sound of the word, so the
    spelling without it keeps two vowels; keys without (Wa'r, Dr'a, junk
    transliterations of consonants only) and first names (Wa'el) are left out.
    """
    unmarked = normalize(name)
    if (
        len(unmarked) < 3
        or " " in unmarked
        or sum(c in "aeiou" for c in unmarked) < 2
        or unmarked in ONLY_WITH_CUE
        or unmarked in COMMON_WORDS
    ):
        return ()
    return (unmarked,)


def part_of_longer(text: str, start: int, end: int) -> bool:
    """Whether the name ``text[start:end]`` is only part of a longer capitalised name.

    A generic word next to another capitalised word ("Khan" of "Khan Shekhon",
    "Dam" of "Baath Dam"), a name after a capitalised generic word ("Hamra" of
    "Kafr Hamra") and a name after a first name ("Bashar al-Assad") are no
    places on their own. (When the gazetteer knows the longer name, the longer
    span was found and this one is not asked about.)

    Examples
    --------
    >>> text = "Shelling hit Bab Sbaa and al-Bab."
    >>> part_of_longer(text, 13, 16), part_of_longer(text, 17, 21), part_of_longer(text, 26, 32)
    (True, True, False)
    """
    before = _WORD_BEFORE.search(text, max(0, start - 24), start)
    if before is not None:
        word = before.group(1).lower()
        if word in GENERIC_WORDS or word in FIRST_NAMES:
            return True
    if text[start:end].lower() not in GENERIC_WORDS:
        return False
    # a generic word alone is a name only with its article: "al-Bab", not "Bab Sbaa"
    return not _ARTICLE_BEFORE.search(text, max(0, start - 4), start)
