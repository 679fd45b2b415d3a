"""Recognition: find every toponym mention in a document, with offsets and sentence.

One pass of an Aho-Corasick automaton over every Latin and Arabic name of the
gazetteer finds the names the gazetteer knows; context cues ("the village of X",
"X district", "towns including X and Y") add the names it lacks, as mentions to
be reported unresolved rather than dropped. Names inside organisation names
("Free Syrian Army"), before ``-based`` or after person cues ("Abu", "President")
are not places.

Examples
--------
>>> from geo_syria import load_default_gazetteer
>>> from geo_syria.documents import Document
>>> text = "The Free Syrian Army shelled Hama. Fighting hit the village of Zor Zor."
>>> doc = Document(id="a", text=text)
>>> [(m.text, m.source) for m in recognize(doc, load_default_gazetteer())]
[('Hama', 'gazetteer'), ('Zor Zor', 'cue')]
"""

from __future__ import annotations

import logging
import re
import unicodedata
import weakref
from bisect import bisect_left
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from geo_syria._fastinit import fast_constructor
from geo_syria._memo import BoundedMemo
from geo_syria._recognize_cues import CUE_WORDS, cue_spans
from geo_syria._recognize_sentences import SentenceFinder, sentence_spans
from geo_syria._recognize_spans import _hits, _leftmost_longest, _longest, _person_before, _Spans
from geo_syria._recognize_words import (
    COMMON_WORDS,
    NEVER_NAMES,
    ORGANISATIONS,
    PERSON_CUES,
)

if TYPE_CHECKING:
    from geo_syria.documents import Document
    from geo_syria.gazetteer.index import Gazetteer
    from geo_syria.place import Place

__all__ = ["Mention", "Recognizer", "recognize", "sentence_spans"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Mention:
    """A place name as written in a document.

    Parameters
    ----------
    doc_id : str
        The document.
    start, end : int
        Character offsets of the name in the document text (``text[start:end]``).
    text : str
        The surface form.
    sentence : str
        The sentence it stands in.
    sentence_start : int
        Offset of the sentence in the document text.
    cue : str or None
        The context cue that found it ("the village of", "X district"), if any.
    source : str
        ``"gazetteer"``, ``"cue"``, ``"anaphor"`` or ``"ner"``.
    """

    doc_id: str
    start: int
    end: int
    text: str
    sentence: str
    sentence_start: int
    cue: str | None = None
    source: str = "gazetteer"


_make_mention = fast_constructor(Mention)
_GAZETTEER = (None, "gazetteer")  # the (cue, source) of a name the gazetteer found

_HTML = re.compile(
    r"<(script|style)\b[^>]*>.*?</\1\s*>|<!--.*?-->|</?[A-Za-z][^<>]{0,2000}>",
    re.IGNORECASE | re.DOTALL,
)
_ARABIC = re.compile(r"[\u0600-\u06FF]")


#: The checks of :meth:`Recognizer._scan` a name key needs: its first letter is Latin
#: (a capital or no letter), it is a common word (not all lower case nor first), it may
#: be an acronym (4 letters at most: not all upper case).
_LATIN, _COMMON, _SHORT = 1, 2, 4
_CHECKS = (_LATIN, _COMMON, _SHORT)
#: Letters from the most to the least frequent in English text.
_FREQUENT = {ch: i for i, ch in enumerate(" etaoinshrdlcumwfgypbvkjxqz0123456789")}


def _checks(key: str | None) -> int | None:
    """Return the :data:`_CHECKS` a name key needs when found, or None for no name.

    Examples
    --------
    >>> _checks("aleppo") == _LATIN, _checks("tal") == _LATIN | _SHORT, _checks(None)
    (True, True, None)
    """
    if key is None:
        return None
    checks = 0 if _ARABIC.match(key) else _LATIN  # text[start] is Arabic as its fold is
    if key in COMMON_WORDS:
        checks |= _COMMON
    if len(key) <= 4:
        checks |= _SHORT
    return checks


def _frequency_order(key: str) -> list[int]:
    """Sort key putting the words of frequent letters first, letter by letter.

    Examples
    --------
    >>> sorted(["zor", "tal", "al bab", "حلب"], key=_frequency_order)
    ['tal', 'al bab', 'zor', 'حلب']
    """
    return [_FREQUENT.get(ch, 100 + ord(ch)) for ch in key]


def _fold_char(ch: str) -> str:
    if ch.isalnum():
        low = ch.lower()
        if len(low) != 1:
            low = ch
        if ord(low) < 128 or _ARABIC.match(low):
            return low
        base = unicodedata.normalize("NFKD", low)[:1]
        return base.lower() if base.isascii() and base.isalnum() else low  # "İ": "i"
    return " "


_FOLD_CACHE: dict[int, str] = {code: _fold_char(chr(code)) for code in range(128)}
#: :func:`_fold_char` of every ASCII character, as a byte table.
_ASCII_FOLD = bytes(ord(_fold_char(chr(code))) if code < 128 else code for code in range(256))
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _fold_match(match: re.Match) -> str:
    code = ord(match.group())
    folded = _FOLD_CACHE.get(code)
    if folded is None:
        folded = _FOLD_CACHE[code] = _fold_char(chr(code))
    return folded


def fold(text: str) -> str:
    """Return ``text`` folded for matching, one character for one (offsets are kept).

    Letters are lower-cased and stripped of diacritics; everything that is not a
    letter or digit becomes a space.

    Examples
    --------
    >>> fold("Şūrān, al-Qaboun's")
    'suran  al qaboun s'
    """
    if not text.isascii():
        # fold the few other characters (quotes, accents) one by one, then the rest fast
        swapped = _NON_ASCII.sub(_fold_match, text)
        if not swapped.isascii():
            return swapped.translate(_FOLD_CACHE)  # Arabic script: every folding is known
        text = swapped
    return text.encode("ascii").translate(_ASCII_FOLD).decode("ascii")


def _name_keys(name: str) -> list[str]:
    key = " ".join(fold(name).split())
    keys = [key]
    for article in ("al ", "el ", "ad ", "ar ", "as ", "ash ", "at ", "az ", "ad "):
        if key.startswith(article) and len(key) > len(article) + 2:
            keys.append(key[len(article) :])
    return keys


def _usable(name: str) -> bool:
    if _ARABIC.search(name):
        return True
    return all(ord(c) < 0x250 or unicodedata.category(c)[0] in "MPZ" for c in name)


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


#: The memo tables of :attr:`Recognizer.memos` and the most entries each keeps.
MEMO_SIZES = {"candidates": 50_000, "fit": 100_000, "check": 20_000}


class Recognizer:
    """Finds place names of one gazetteer in texts; build once, use for many documents.

    Parameters
    ----------
    gazetteer : Gazetteer
        The names to look for.

    Attributes
    ----------
    memos : dict of str to BoundedMemo
        The memo tables of the later stages for this gazetteer, each bounded by
        :data:`MEMO_SIZES` (emptied when full) and living as long as the recognizer:
        ``"candidates"`` (resolve: (surface, mention source) → the name's candidates and facts),
        ``"fit"`` (resolve: (subject, anchor, claim numbers) → claim fit) and
        ``"check"`` (pipeline: (places, claim numbers) → checked claim).

    Examples
    --------
    >>> from geo_syria import load_default_gazetteer
    >>> rec = Recognizer.for_gazetteer(load_default_gazetteer())
    >>> [p.name for p in rec.candidates("Aleppo")][:1]
    ['Aleppo']
    """

    _cache: ClassVar[weakref.WeakKeyDictionary[Any, Recognizer]] = weakref.WeakKeyDictionary()

    def __init__(self, gazetteer: Gazetteer) -> None:
        import ahocorasick

        self.gazetteer = gazetteer
        self._places: dict[str, list[Place]] = {}
        for name, place in gazetteer.names():
            if not _usable(name):
                continue
            for key in _name_keys(name):
                if len(key.replace(" ", "")) < 3 and not _ARABIC.search(key):
                    continue
                if key in NEVER_NAMES:
                    continue
                if not place.in_syria and (
                    key in COMMON_WORDS or (name != place.name and len(key) < 5)
                ):
                    continue  # foreign codes and short variants: "Led", "NGO", "Rim"
                bucket = self._places.setdefault(key, [])
                if place not in bucket:
                    bucket.append(place)
        # one automaton finds the names, the organisations, the cue words and the person
        # cues in one pass: each key " folded words " maps to (its length, the checks of
        # :data:`_CHECKS` its name needs or None if no name, None or (organisation
        # spellings, cue word, person cue))
        words: dict[str, list[Any]] = {key: [key, None, None, False] for key in self._places}
        for org in ORGANISATIONS:
            entry = words.setdefault(" ".join(fold(org).split()), [None, None, None, False])
            entry[1] = (entry[1] or ()) + (org,)
        for word, cue in CUE_WORDS.items():
            words.setdefault(word, [None, None, None, False])[2] = (word, *cue)
        for word in PERSON_CUES:
            words.setdefault(word, [None, None, None, False])[3] = True
        automaton = ahocorasick.Automaton()
        # the automaton seeks each letter among a node's children in the order they were
        # added: keys added in the order of letter frequency put frequent letters first
        for key in sorted(words, key=_frequency_order):
            place_key, orgs, cue, person = words[key]
            other = None if orgs is None and cue is None and not person else (orgs, cue, person)
            automaton.add_word(f" {key} ", (len(key), _checks(place_key), other))
        automaton.make_automaton()
        self._automaton = automaton
        self.memos = {name: BoundedMemo(size) for name, size in MEMO_SIZES.items()}
        logger.debug("recognizer for %r: %d name keys", gazetteer, len(self._places))

    @classmethod
    def for_gazetteer(cls, gazetteer: Gazetteer) -> Recognizer:
        """Return the cached recognizer of a gazetteer, building it the first time."""
        try:
            return cls._cache[gazetteer]
        except KeyError:
            rec = cls._cache[gazetteer] = cls(gazetteer)
            return rec

    def candidates(self, surface: str) -> list[Place]:
        """Return the places with a name written exactly like ``surface`` (after folding)."""
        return list(self._places.get(" ".join(fold(surface).split()), ()))

    # -- finding ------------------------------------------------------------
    def _scan(self, text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int, str, bool]]]:
        """Return the gazetteer name spans and the cue words ``(start, end, kind, plural)``."""
        found: list[tuple[int, int]] = []
        orgs: list[tuple[int, int]] = []
        cues: list[tuple[int, int, str, bool]] = []
        persons: dict[int, int] = {}  # end -> start of person cues ("President", "Abu")
        last_person = -99  # the end of the last person cue met
        based = "-based" in text
        overlap = False  # whether found spans overlap (else they are sorted and disjoint)
        last_end = 0
        # " " + folded text + " ": the match " key " ends at end_index, so the key starts
        # at end_index - size - 1 in the text; matches come in the order of their ends
        for end_index, (size, checks, other) in self._automaton.iter(" " + fold(text) + " "):
            end = end_index - 1
            start = end - size
            if other is not None:
                org_spellings, cue, person = other
                if person:
                    persons[end] = start
                    last_person = end
                if org_spellings is not None and text[start:end] in org_spellings:
                    orgs.append((start, end))
                if cue is not None and text.startswith(cue[0], start):  # as written, lower case
                    cues.append((start, end, cue[1], cue[2]))
                if checks is None:
                    continue  # no name
            if checks & _LATIN:  # a name in Latin letters starts with a capital or no letter
                first = text[start]
                if not first.isupper() and first.isalpha():
                    continue
            if checks > _LATIN:
                if checks & _COMMON and (start == 0 or text[start:end].islower()):
                    continue
                if checks & _SHORT and text[start:end].isupper():
                    continue  # acronyms: "SANA", "FNA"
            if based and text.startswith("-based", end):
                continue
            # a person cue ends within 16 characters before the name, so was met already
            if last_person >= start - 16 and _person_before(text, start, persons):
                continue
            if start < last_end:
                overlap = True
            last_end = end
            found.append((start, end))
        if orgs:  # a few a text: "Free Syrian Army", "Syrian Observatory for Human Rights"
            blocked = _leftmost_longest(orgs)  # sorted and disjoint: so are their ends
            starts = [b for b, _ in blocked]
            ends = [c for _, c in blocked]
            # a span overlaps an organisation if the last one starting before its end
            # reaches past its start
            found = [
                (s, e) for s, e in found if (i := bisect_left(starts, e) - 1) < 0 or ends[i] <= s
            ]
        # found comes in the order of the ends: without overlaps it is in text order
        return (_longest(found) if overlap else found), cues

    def recognize(self, document: Document, *, nlp: Any = None) -> list[Mention]:
        """Return the place mentions of a document, in text order.

        Parameters
        ----------
        document : Document
            The text.
        nlp : spaCy Language, optional
            Adds GPE/LOC/FAC entities the gazetteer and cues missed, as ``"ner"`` mentions.

        Returns
        -------
        list of Mention
        """
        raw = document.text
        if not raw or raw.isspace():
            return []
        text = mask_html(raw)
        spans, cue_words = self._scan(text)
        cued = cue_spans(text, cue_words) if cue_words else []
        if cued or nlp is not None:
            items = sorted(_labelled(text, spans, cued, nlp).items())
        else:  # the names alone, sorted already
            items = [(span, _GAZETTEER) for span in spans]
        mentions: list[Mention] = []
        add = mentions.append
        make = _make_mention
        doc_id = document.id
        bounds = SentenceFinder(text).bounds
        sentence_end = -1
        sentence, sentence_start = "", 0
        for (start, end), (cue, source) in items:
            if start >= sentence_end:  # mentions come in text order: a new sentence
                s0, sentence_end = bounds(start)
                whole = raw[s0:sentence_end]
                sentence = whole.strip()
                # past the leading white space: the first of the sentence's first character
                sentence_start = s0 + whole.find(sentence[0]) if sentence else sentence_end
            add(make(doc_id, start, end, raw[start:end], sentence, sentence_start, cue, source))
        return mentions


def _labelled(text: str, spans, cued, nlp) -> dict[tuple[int, int], tuple[str | None, str]]:
    """Map each mention span to ``(cue, source)``: gazetteer spans, then cue and NER ones."""
    taken = _Spans(spans, disjoint=True)  # spans: sorted and disjoint
    kinds: dict[tuple[int, int], tuple[str | None, str]] = dict.fromkeys(spans, _GAZETTEER)
    extra: list[tuple[int, int, str | None, str]] = []
    for start, end, label in cued:
        hit = _hits(taken, start, end)
        if hit is not None and hit not in kinds:
            continue  # a longer cue name took this name already
        if hit is not None and start <= hit[0] and hit[1] <= end and end - start > hit[1] - hit[0]:
            # the cue's name is longer: "villages including Tall Faris" is not Al-Tall
            del kinds[hit]
            kinds[(start, end)] = (label, "cue")
        elif hit is not None:
            kinds[hit] = (label, "gazetteer")
        else:
            extra.append((start, end, label, "cue"))
    if nlp is not None:
        for ent in nlp(text).ents:
            if ent.label_ in ("GPE", "LOC", "FAC") and ent.end_char > ent.start_char:
                extra.append((ent.start_char, ent.end_char, None, "ner"))
    if extra:
        kept = _longest([(s, e) for s, e, _, _ in extra])
        labels = {(s, e): (c, src) for s, e, c, src in reversed(extra)}
        for sp in kept:
            if _hits(taken, *sp) is None:
                kinds[sp] = labels[sp]
    return kinds


def recognize(document: Document, gazetteer: Gazetteer, *, nlp: Any = None) -> list[Mention]:
    """Return the place mentions of a document (see :meth:`Recognizer.recognize`).

    Parameters
    ----------
    document : Document
        The text.
    gazetteer : Gazetteer
        The names to look for; its recognizer is built once and cached.
    nlp : spaCy Language, optional
        An NER model adding entities the gazetteer misses.

    Returns
    -------
    list of Mention

    Examples
    --------
    >>> from geo_syria import load_default_gazetteer
    >>> from geo_syria.documents import Document
    >>> doc = Document(id="a", text="Abu Hama, a Britain-based monitor, was in Aleppo.")
    >>> [m.text for m in recognize(doc, load_default_gazetteer())]
    ['Aleppo']
    """
    return Recognizer.for_gazetteer(gazetteer).recognize(document, nlp=nlp)
