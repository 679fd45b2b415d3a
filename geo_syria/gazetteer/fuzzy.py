"""Fuzzy name matching: which keys take part, how they are bucketed, when a likeness counts.

A fuzzy candidate comes from :func:`rapidfuzz.fuzz.ratio` over the variant keys
that share the query's first consonant. A likeness is only evidence when it is
the kind of difference transliteration makes (:func:`spelling_agrees`): the
vowels differ, the consonants do not. "Dibsi Afnan" and "Debsi Afnan" agree;
"Maarzita" and "Madrid", "Sayjar" and "Sinjar" do not.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from geo_syria.names import normalize, variant_key

__all__ = ["MIN_SKELETON", "bucket_by_initial", "fuzzy_script", "skeleton", "spelling_agrees"]

#: Fewest consonants a fuzzy match must agree on: shorter names have too many namesakes.
MIN_SKELETON = 4
_VOWELS = re.compile(r"[aeiou]")


def fuzzy_script(label: str) -> bool:
    """Return whether every letter of a label is Latin or Arabic script.

    Examples
    --------
    >>> fuzzy_script("Jobar"), fuzzy_script("جوبر"), fuzzy_script("Жобар")
    (True, True, False)
    """
    for ch in label:
        if ch.isalpha() and not ch.isascii():
            name = unicodedata.name(ch, "")
            if not name.startswith(("LATIN", "ARABIC")):
                return False
    return True


def initial(key: str) -> str:
    """Return the bucket of a variant key: its first consonant, or ``"a"`` for any vowel.

    Spellings of one name agree on their first consonant (q/k/g and kh/h are
    already folded); a leading vowel varies (Idlib/Edleb), so all vowels share one bucket.

    Examples
    --------
    >>> initial("idlib"), initial("adlab"), initial("jubar")
    ('a', 'a', 'j')
    """
    return "a" if key[:1] in "aeiouy" else key[:1]


def bucket_by_initial(keys: Iterable[str]) -> dict[str, list[str]]:
    """Return the keys grouped by :func:`initial`.

    Examples
    --------
    >>> bucket_by_initial(["jubar", "idlib", "jasim"])
    {'j': ['jubar', 'jasim'], 'a': ['idlib']}
    """
    buckets: dict[str, list[str]] = {}
    for key in keys:
        buckets.setdefault(initial(key), []).append(key)
    return buckets


def skeleton(key: str) -> str:
    """Return the consonants of a variant key (w and y count as consonants).

    Examples
    --------
    >>> skeleton(variant_key("Uwayjil")), skeleton(variant_key("Uweijel"))
    ('wjl', 'wjl')
    """
    return _VOWELS.sub("", key)


def spelling_agrees(query: str, label: str) -> bool:
    """Return whether a fuzzy likeness is a spelling of the same name.

    The variant keys' consonants must be equal and at least :data:`MIN_SKELETON`
    long, and both names must have the same number of words (articles aside).

    Parameters
    ----------
    query : str
        The name asked for.
    label : str
        The gazetteer name it looks like.

    Returns
    -------
    bool

    Examples
    --------
    >>> spelling_agrees("Dibsi Afnan", "Debsi Afnan"), spelling_agrees("Maarzita", "Madrid")
    (True, False)
    >>> spelling_agrees("Tall Abu Saad", "Tal Abiad")  # a word too many
    False
    """
    if not fuzzy_script(label):
        return False
    q, c = skeleton(variant_key(query)), skeleton(variant_key(label))
    if q != c or len(q) < MIN_SKELETON:
        return False
    return len(normalize(query).split()) == len(normalize(label).split())


def extract(
    key: str, buckets: dict[str, list[str]], *, min_score: float, limit: int
) -> Sequence[tuple[str, float, int]]:
    """Return ``(key, ratio 0..100, index)`` for the keys of the query's bucket, closest first.

    Examples
    --------
    >>> [k for k, _, _ in extract("jubar", {"j": ["jubar", "jabal"]}, min_score=0.75, limit=5)]
    ['jubar']
    """
    from rapidfuzz import fuzz, process

    return process.extract(
        key,
        buckets.get(initial(key), ()),
        scorer=fuzz.ratio,
        score_cutoff=min_score * 100,
        limit=limit * 4,
    )
