"""Normalise place names as English news writes them, so variant spellings meet.

Two keys are made for each name:

* :func:`normalize` — the *exact* key: ASCII, lower case, no diacritics,
  apostrophes or ʿayn/hamza marks, articles (al-, el-, ad-, ash-, ...) dropped,
  one space between words. ``"Ma'ardes"`` → ``"maardes"``.
* :func:`variant_key` — the *variant* key: the exact key with the spelling
  habits of Arabic transliteration folded: ou/u/o/aw/ow → u, ee/ei/ay/ai → i,
  e → a, doubled letters single, q/k/g → k, kh → h, th → s,
  dh → z, assimilated articles glued to a word (``Ezzor``) dropped, and generic
  words (Kfar → Kafr, Tell → Tal, Dayr → Deir) mapped. ``"Jawbar"``,
  ``"Jowbar"``, ``"Joubar"`` and ``"Jobar"`` all give ``"jubar"``.

Arabic script is normalised in its own script (harakat, tatweel and the
definite article dropped, alef/ya/ta-marbuta forms unified).

Examples
--------
>>> normalize("Deir ez-Zor"), normalize("Şūrān")
('deir zor', 'suran')
>>> {variant_key(n) for n in ("Deir ez-Zor", "Deir Ezzor", "Dayr az Zawr")}
{'dirzur'}
>>> variant_key("Ain Tarma") == variant_key("Ein Terma")
True
>>> normalize("دير الزور")
'ديرزور'
"""

from __future__ import annotations

import operator
import re
import unicodedata
from functools import lru_cache

from geo_syria.text import ARABIC_RE, ARTICLES

__all__ = ["has_marks", "is_arabic", "normalize", "variant_key"]

_HARAKAT = re.compile(r"[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")
_ARABIC_FOLD = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي", "ء": ""}
)
_MARKS = re.compile(r"['’‘`ʿʾʻʼ´]")
_SPLIT = re.compile(r"[^0-9a-z]+")
#: Generic words of place names and their one spelling in the variant key.
GENERIC_WORDS = {
    "kfar": "kafr",
    "kafar": "kafr",
    "kefr": "kafr",
    "kfr": "kafr",
    "kafer": "kafr",
    "kefer": "kafr",
    "kfer": "kafr",
    "tell": "tal",
    "tel": "tal",
    "til": "tal",
    "dayr": "deir",
    "dair": "deir",
    "der": "deir",
    "dier": "deir",
    "ayn": "ain",
    "ein": "ain",
    "ayin": "ain",
    "en": "ain",
    "maarrat": "maarat",
    "marat": "maarat",
    "maaret": "maarat",
    "marrat": "maarat",
    "khirbat": "khirbet",
    "kherbet": "khirbet",
    "khirba": "khirbet",
    "khirbeh": "khirbet",
    "jisr": "jisr",
    "jsr": "jisr",
    "sheikh": "shaykh",
    "shaikh": "shaykh",
    "shekh": "shaykh",
    "sheik": "shaykh",
    "abu": "abu",
    "abou": "abu",
    # zuhur ("noon", as in Abu al-Duhur): its dh/z/d and its lost h
    "duhur": "zuhur",
    "dhuhur": "zuhur",
    "douhour": "zuhur",
    "dhour": "zuhur",
    "dhur": "zuhur",
}
_GLUED_ARTICLE = re.compile(r"^[ae](?=(sh|th|dh|[dnrstz])\1[a-z]{2})")
_DIGRAPHS = (
    ("kh", "h"),
    ("gh", "k"),
    ("th", "s"),
    ("dh", "z"),
    ("sh", "x"),
    ("ch", "x"),
    ("ph", "f"),
    ("q", "k"),
    ("c", "k"),
    ("g", "k"),
)
_DIPHTHONG_U = re.compile(r"(?:aw|ow)(?![aeiou])")
_DIPHTHONG_I = re.compile(r"(?:ay|ey|ai|ei)(?![aeiou])")
_DOUBLE = re.compile(r"(.)\1+")
_DOUBLE_CONSONANT = re.compile(r"([b-df-hj-np-tv-z])\1+")
_FINAL_H = re.compile(r"(?<=[aeiou])h$")
#: A match's first group: as ``r"\1"`` in a substitution, without a template to expand.
_FIRST_GROUP = operator.methodcaller("group", 1)


def is_arabic(text: str) -> bool:
    """Return whether ``text`` contains Arabic script.

    Examples
    --------
    >>> is_arabic("جوبر"), is_arabic("Jobar")
    (True, False)
    """
    return bool(ARABIC_RE.search(text))


def has_marks(name: str) -> bool:
    """Return whether a name is written with an apostrophe, ʿayn or hamza mark.

    Examples
    --------
    >>> has_marks("Ar Rā‘ī"), has_marks("Ma'arrat"), has_marks("Hama")
    (True, True, False)
    """
    return _MARKS.search(name) is not None


def _arabic_key(name: str) -> str:
    text = _HARAKAT.sub("", unicodedata.normalize("NFC", name)).translate(_ARABIC_FOLD)
    words = [w[2:] if w.startswith("ال") and len(w) > 3 else w for w in text.split()]
    return "".join(w for w in words if w not in {"ال", "و"})


def _ascii_tokens(name: str) -> list[str]:
    text = _MARKS.sub("", name)
    if not text.isascii():
        from anyascii import anyascii

        text = _MARKS.sub("", anyascii(text))
    text = text.lower()
    tokens = [t for t in _SPLIT.split(text) if t]
    kept = [t for t in tokens if t not in ARTICLES]
    return kept or tokens


@lru_cache(maxsize=65536)
def normalize(name: str) -> str:
    """Return the exact lookup key of a place name.

    Parameters
    ----------
    name : str
        A place name in Latin or Arabic script.

    Returns
    -------
    str
        The key; empty for a name with no letters or digits.

    Examples
    --------
    >>> normalize("  Al-Qaboun ")
    'qaboun'
    >>> normalize("Ma'arrat al-Nu'man")
    'maarrat numan'
    """
    if is_arabic(name):
        return _arabic_key(name)
    return " ".join(_ascii_tokens(name))


@lru_cache(maxsize=65536)
def variant_key(name: str) -> str:
    """Return the variant key of a place name, folding transliteration habits.

    Parameters
    ----------
    name : str
        A place name in Latin or Arabic script.

    Returns
    -------
    str
        The key; empty for a name with no letters or digits.

    Examples
    --------
    >>> [variant_key(n) for n in ("Jobar", "Joubar", "Jawbar", "Jowbar")]
    ['jubar', 'jubar', 'jubar', 'jubar']
    >>> variant_key("Kfar Batna") == variant_key("Kafr Batna")
    True
    >>> variant_key("Ma'ardes") == variant_key("Maardas")
    True
    """
    if is_arabic(name):
        return _arabic_key(name)
    words = []
    for token in _ascii_tokens(name):
        token = GENERIC_WORDS.get(token, token)
        if token[0] in "ae":
            token = _GLUED_ARTICLE.sub("", token)
        if token[-1] == "h":
            token = _FINAL_H.sub("", token)
        words.append(token)
    text = "".join(words)
    for digraph, single in _DIGRAPHS:
        text = text.replace(digraph, single)
    # Doubled consonants first, so "Tayybat" and "Sayyida" meet "Taybat" and "Sayida".
    text = _DOUBLE_CONSONANT.sub(_FIRST_GROUP, text)
    text = _DIPHTHONG_U.sub("u", text)
    text = _DIPHTHONG_I.sub("i", text)
    text = text.replace("oo", "u").replace("ou", "u").replace("o", "u")
    text = text.replace("ee", "i").replace("e", "a")
    return _DOUBLE.sub(_FIRST_GROUP, text)
