"""Text helpers of the whole package: folding for matching, HTML masking, the one sentence rule.

Every helper keeps offsets: a folded or masked text has the length of the text it came
from, so a position in one is the same position in the other.

Examples
--------
>>> fold("Şūrān, al-Qaboun's")
'suran  al qaboun s'
>>> Sentences("Rebels took Jobar. Mr. Ali left Hama.").around(30)
('Mr. Ali left Hama.', 19)
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right

__all__ = [
    "ARABIC_RE",
    "ARTICLES",
    "ARTICLE_PREFIXES",
    "Sentences",
    "count",
    "fold",
    "mask_html",
    "sentence_starts",
]

#: Arabic script: the Arabic block, its supplement and both presentation-form blocks.
ARABIC_RE = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
#: The Arabic definite article as a prefix of a place name ("al-Bab", "ash-Shaar",
#: "Deir ez-Zor"): a name is also known without it, and a capitalised name may open with it.
ARTICLE_PREFIXES = ("al", "el", "ad", "ar", "as", "ash", "at", "az", "ez")
#: Every spelling of the article that name keys drop (:func:`geo_syria.names.normalize`):
#: the prefixes and rarer transliterations, some of them English words ("an", "at").
ARTICLES = frozenset((*ARTICLE_PREFIXES, *"il ul ed ar er es esh et ath adh an en al- l".split()))

_HTML = re.compile(
    r"<(script|style)\b[^>]*>.*?</\1\s*>|<!--.*?-->|</?[A-Za-z][^<>]{0,2000}>",
    re.IGNORECASE | re.DOTALL,
)


def mask_html(text: str) -> str:
    """Return ``text`` with HTML tags, comments and script/style blocks blanked out.

    The result has the same length, so offsets still point into ``text``.

    Examples
    --------
    >>> mask_html("<b>Hama</b><script>Aleppo()</script>")
    '   Hama                             '
    """
    if "<" not in text:
        return text
    return _HTML.sub(lambda m: " " * (m.end() - m.start()), text)


def _fold_char(ch: str) -> str:
    if not ch.isalnum():
        return " "
    low = ch.lower()
    if len(low) != 1:
        low = ch
    if ord(low) < 128 or ARABIC_RE.match(low):
        return low
    base = unicodedata.normalize("NFKD", low)[:1]
    return base.lower() if base.isascii() and base.isalnum() else low  # "İ": "i"


#: :func:`_fold_char` of every ASCII character, as a byte table for ``bytes.translate``.
_ASCII_FOLD = bytes(ord(_fold_char(chr(code))) if code < 128 else code for code in range(256))


class _FoldTable(dict):
    """``str.translate`` table folding any character, filled as characters are met."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLD = _FoldTable()


def count(n: int, noun: str) -> str:
    """Return ``n`` and its noun, plural unless one: "1 document", "2 unresolved names".

    Examples
    --------
    >>> count(1, "document"), count(0, "claim"), count(12000, "unresolved name")
    ('1 document', '0 claims', '12,000 unresolved names')
    """
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"


def fold(text: str) -> str:
    """Return ``text`` folded for matching, one character for one (offsets are kept).

    Letters are lower-cased and stripped of diacritics; everything that is not a
    letter or digit becomes a space.

    Examples
    --------
    >>> fold("Şūrān, al-Qaboun's"), fold("İdlib")
    ('suran  al qaboun s', 'idlib')
    """
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_FOLD).decode("ascii")
    return text.translate(_FOLD)


# -- the sentence rule -------------------------------------------------------------------------

#: A sentence end: full stops, ! or ? then closing quotes and white space; or a new line.
_SENTENCE_END = re.compile(r"[.!?\n](?:(?<=\n)\s*|[.!?]*[\"”’)\]]*\s+)")
#: A full stop that ends an abbreviation, not a sentence: "Mr.", "Gen.", "U.S.".
_ABBREVIATION = re.compile(r"(?:\b[A-Z]|\bMrs?|\bDr|\bSt|\bGen|\bNo)\.\Z")


def sentence_starts(text: str) -> list[int]:
    r"""Return the start offset of every sentence of ``text`` (the package's one rule).

    A sentence ends at ``.``, ``!`` or ``?`` (then closing quotes or brackets) before white
    space, or at a new line; a full stop after an abbreviation ("Mr.", "Gen.", "U.S.") ends
    none.

    Examples
    --------
    >>> sentence_starts("Rebels took Jobar. Hama fell.\nNext.")
    [0, 19, 30]
    >>> sentence_starts("Gen. Ali said Soran lies 20 km north of Hama.")
    [0]
    """
    starts = [0]
    for m in _SENTENCE_END.finditer(text):
        at = m.start()
        if text[at] == "." and _ABBREVIATION.search(text, max(0, at - 4), at + 1):
            continue
        starts.append(m.end())
    if len(starts) > 1 and starts[-1] == len(text):
        starts.pop()  # white space closing the text starts no sentence
    return starts


class Sentences:
    r"""The sentences of one text, split once by :func:`sentence_starts`.

    HTML markup is masked first (:func:`mask_html`): a full stop inside a tag ends no
    sentence. The sentences themselves are slices of the text as given.

    Parameters
    ----------
    text : str
        The text.

    Examples
    --------
    >>> s = Sentences("Hama fell. Dr. Ali left.\nIdlib held.")
    >>> s.bounds(0), s.bounds(15), s.bounds(26)
    ((0, 11), (11, 25), (25, 36))
    >>> s.around(15)
    ('Dr. Ali left.', 11)
    """

    __slots__ = ("starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = sentence_starts(mask_html(text))

    def bounds(self, at: int) -> tuple[int, int]:
        """Return ``(start, end)`` of the sentence holding offset ``at``, white space included."""
        starts = self.starts
        i = bisect_right(starts, at) - 1
        return starts[i], starts[i + 1] if i + 1 < len(starts) else len(self.text)

    def around(self, at: int) -> tuple[str, int]:
        """Return the sentence holding offset ``at``, stripped, and where it starts."""
        start, end = self.bounds(at)
        whole = self.text[start:end]
        sentence = whole.strip()
        return sentence, start + len(whole) - len(whole.lstrip())
