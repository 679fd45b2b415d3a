"""Fuzzy name matching: which keys take part, how they are bucketed, when a likeness counts.

A fuzzy candidate comes from :func:`rapidfuzz.fuzz.ratio` over the variant keys
that share the query's first consonant. A likeness is only evidence when it is
the kind of difference transliteration makes (:func:`spelling_agrees`): the
vowels differ, the consonants do not. "Dibsi Afnan" and "Debsi Afnan" agree;
"Maarzita" and "Madrid", "Sayjar" and "Sinjar" do not.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable
from typing import NamedTuple

from geo_syria.names import normalize, variant_key

__all__ = [
    "MIN_SKELETON",
    "Bucket",
    "bucket_by_initial",
    "extract",
    "fuzzy_script",
    "skeleton",
    "spelling_agrees",
]

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
    if label.isascii():
        return True
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


class Bucket(NamedTuple):
    """The keys that share an initial, shortest first (then alphabetical), and their lengths."""

    keys: list[str]
    lengths: list[int]


def bucket_by_initial(keys: Iterable[str]) -> dict[str, Bucket]:
    """Return the keys grouped by :func:`initial`, each group ordered by length.

    Examples
    --------
    >>> buckets = bucket_by_initial(["jubar", "idlib", "jasim", "jub"])
    >>> buckets["j"].keys, buckets["a"].keys
    (['jub', 'jasim', 'jubar'], ['idlib'])
    """
    grouped: dict[str, list[str]] = {}
    for key in keys:
        grouped.setdefault(initial(key), []).append(key)
    buckets = {}
    for first, group in grouped.items():
        group.sort(key=lambda k: (len(k), k))
        buckets[first] = Bucket(group, [len(k) for k in group])
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
    key: str, buckets: dict[str, Bucket], *, min_score: float, limit: int
) -> list[tuple[str, float]]:
    """Return ``(key, ratio 0..100)`` for the keys of the query's bucket, closest first.

    Ties are in alphabetical order. Only keys of a length that can reach ``min_score``
    are compared: :func:`rapidfuzz.fuzz.ratio` of lengths ``n`` and ``m`` is at most
    ``2 min(n, m) / (n + m)``.

    Examples
    --------
    >>> [k for k, _ in extract("jubar", bucket_by_initial(["jubar", "jabal"]), min_score=0.75,
    ...                        limit=5)]
    ['jubar']
    """
    from rapidfuzz import fuzz, process

    bucket = buckets.get(initial(key))
    if bucket is None:
        return []
    n, cut = len(key), min_score
    lo = bisect.bisect_left(bucket.lengths, n * cut / (2 - cut) - 1e-9)
    hi = bisect.bisect_right(bucket.lengths, n * (2 - cut) / cut + 1e-9)
    hits = process.extract(
        key, bucket.keys[lo:hi], scorer=fuzz.ratio, score_cutoff=cut * 100, limit=None
    )
    hits.sort(key=lambda hit: (-hit[1], hit[0]))
    return [(other, ratio) for other, ratio, _ in hits[: limit * 4]]
