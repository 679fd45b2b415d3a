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

import bisect
import logging
import re
import unicodedata
import weakref
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from geo_syria._fastinit import fast_constructor
from geo_syria._memo import BoundedMemo
from geo_syria._recognize_words import (
    COMMON_WORDS,
    NEVER_NAMES,
    NOT_NAMES,
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

_ART = r"(?:al|el|ad|ar|as|ash|at|az|ez)[- ]"
_CUE_NAME = r"((?:" + _ART + r")?[A-Z][\w'’]+(?:[- ](?:" + _ART + r")?[A-Z][\w'’]+){0,2})"
_CUE_KINDS = (
    r"(?:village|town|city|district|neighbou?rhood|suburb|area|region|hamlet|quarter|camp"
    r"|hill|mountain|countryside)"
)
#: Words that cue a place name next to them, as written (lower case): each kind and its
#: plural in -s or -es, to ``(kind, plural)``.
_CUE_WORDS = {
    kind + ending: (kind, bool(ending))
    for kind in (
        "village town city district neighbourhood neighborhood suburb area region"
        " hamlet quarter camp hill mountain countryside province governorate front"
    ).split()
    for ending in ("", "s", "es")
}
_CUE_WORDS["cities"] = ("city", True)
#: Kinds written after a name: "Jobar district", "Hama countryside".
_KIND_AFTER = frozenset(
    "district neighbourhood neighborhood suburb countryside province governorate quarter"
    " camp".split()
)
_AFTER = (" of", " including", " such as", " like")
_NAME_AFTER = re.compile(r"(?:" + "|".join(_AFTER) + r"),? " + _CUE_NAME)
_NAME_BEFORE = re.compile(_CUE_NAME + r" $")
_THE_NAME_BEFORE = re.compile(r"\b[Tt]he " + _CUE_NAME + r" (?:[a-z]+ )?$")
_LIST_MORE = re.compile(r"(?:,| and|, and) " + _CUE_NAME)
_HTML = re.compile(
    r"<(script|style)\b[^>]*>.*?</\1\s*>|<!--.*?-->|</?[A-Za-z][^<>]{0,2000}>",
    re.IGNORECASE | re.DOTALL,
)
#: A sentence end: full stops, ! or ? then closing quotes and white space; or a new line.
#: It opens with a character set, which the regex engine scans for fast.
_SENTENCE_END = re.compile(r"[.!?\n](?:(?<=\n)\s*|[.!?]*[\"”’)\]]*\s+)")
_ABBREVIATION = re.compile(r"(?:\b[A-Z]|\bMrs?|\bDr|\bSt|\bGen|\bNo)\.\Z")
_ARABIC = re.compile(r"[\u0600-\u06FF]")


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


def sentence_spans(text: str) -> list[int]:
    r"""Return the start offset of every sentence of ``text``.

    Examples
    --------
    >>> sentence_spans("Rebels took Jobar. Hama fell.\nNext.")
    [0, 19, 30]
    """
    starts = [0]
    for m in _SENTENCE_END.finditer(text):
        at = m.start()
        if text[at] == "." and _ABBREVIATION.search(text, max(0, at - 4), at + 1):
            continue  # "Mr.", "U.S."
        starts.append(m.end())
    if len(starts) > 1 and starts[-1] == len(text):
        starts.pop()  # white space closing the text starts no sentence
    return starts


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
        ``"candidates"`` (resolve: (surface, is a gazetteer mention) → candidate matches),
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
        # cues in one pass: each key " folded words " maps to (its length, place key,
        # place key is a common word, organisation spellings, cue word, person cue)
        words: dict[str, list[Any]] = {key: [key, None, None, False] for key in self._places}
        for org in ORGANISATIONS:
            entry = words.setdefault(" ".join(fold(org).split()), [None, None, None, False])
            entry[1] = (entry[1] or ()) + (org,)
        for word, cue in _CUE_WORDS.items():
            words.setdefault(word, [None, None, None, False])[2] = (word, *cue)
        for word in PERSON_CUES:
            words.setdefault(word, [None, None, None, False])[3] = True
        automaton = ahocorasick.Automaton()
        for key, (place_key, orgs, cue, person) in words.items():
            common = place_key is not None and place_key in COMMON_WORDS
            automaton.add_word(f" {key} ", (len(key), place_key, common, orgs, cue, person))
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
        # " " + folded text + " ": the match " key " ends at end_index, so the key starts
        # at end_index - size - 1 in the text; matches come in the order of their ends
        for end_index, (
            size,
            place_key,
            common,
            org_spellings,
            cue,
            person,
        ) in self._automaton.iter(" " + fold(text) + " "):
            start = end_index - size - 1
            end = start + size
            if person:
                persons[end] = start
            if org_spellings is not None and text[start:end] in org_spellings:
                orgs.append((start, end))
            if cue is not None and text[start:end] == cue[0]:  # as written, lower case
                cues.append((start, end, cue[1], cue[2]))
            if place_key is None:
                continue
            first = text[start]
            if not first.isupper() and first.isalpha() and not _ARABIC.match(first):
                continue
            if common and (text[start:end].islower() or start == 0):
                continue
            if end - start <= 4 and text[start:end].isupper():
                continue  # acronyms: "SANA", "FNA"
            if text.startswith("-based", end):
                continue
            if persons and _person_before(text, start, persons):
                continue
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
        return _longest(found), cues

    def _cue_spans(self, text: str, cue_words) -> list[tuple[int, int, str]]:
        out: list[tuple[int, int, str]] = []
        for kw_start, kw_end, kind, plural in cue_words:
            spans: list[tuple[int, int, str]] = []
            after = _NAME_AFTER.match(text, kw_end) if text.startswith(_AFTER, kw_end) else None
            if after and (plural or text[max(0, kw_start - 4) : kw_start] in ("the ", "The ")):
                label = f"{text[kw_start:kw_end]} including" if plural else f"the {kind} of"
                spans.append((after.start(1), after.end(1), label))
                pos = after.end(1)
                while more := _LIST_MORE.match(text, pos):
                    spans.append((more.start(1), more.end(1), label))
                    pos = more.end(1)
            elif not plural:
                window_start = max(0, kw_start - 70)
                window = text[window_start:kw_start]
                if kind in _KIND_AFTER:
                    before = _NAME_BEFORE.search(window) if _ends_a_word(window) else None
                else:
                    before = _THE_NAME_BEFORE.search(window) if "he " in window else None
                if before:
                    start = window_start + before.start(1)
                    spans.append((start, window_start + before.end(1), f"X {kind}"))
            for start, end, label in spans:
                words = text[start:end].split(" ")
                while words and (words[0] in NOT_NAMES or words[0].lower() in COMMON_WORDS):
                    start += len(words.pop(0)) + 1
                if words and start < end:
                    out.append((start, end, label))
        return out

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
        starts = sentence_spans(text)
        taken = _Spans(spans, disjoint=True)  # spans: sorted and disjoint
        kinds: dict[tuple[int, int], tuple[str | None, str]] = {
            sp: (None, "gazetteer") for sp in spans
        }
        extra: list[tuple[int, int, str | None, str]] = []
        for start, end, label in self._cue_spans(text, cue_words):
            hit = _hits(taken, start, end)
            if (
                hit is not None
                and start <= hit[0]
                and hit[1] <= end
                and end - start > hit[1] - hit[0]
            ):
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
        mentions = []
        doc_id = document.id
        sentences: dict[int, tuple[str, int]] = {}  # sentence index -> (text, start)
        for (start, end), (cue, source) in sorted(kinds.items()):
            i = bisect_right(starts, start) - 1
            sentence = sentences.get(i)
            if sentence is None:
                s0 = starts[i]
                whole = raw[s0 : starts[i + 1] if i + 1 < len(starts) else len(text)]
                lead = len(whole) - len(whole.lstrip())
                sentence = sentences[i] = (whole.strip(), s0 + lead)
            mentions.append(
                _make_mention(doc_id, start, end, raw[start:end], *sentence, cue, source)
            )
        return mentions


def _ends_a_word(window: str) -> bool:
    """Whether a word, then one space, ends ``window`` (else no name can end there)."""
    last = window[-2:-1]
    return window[-1:] == " " and last != "" and (last.isalnum() or last in "_'’")


class _Spans:
    """Sorted, non-overlapping spans with a logarithmic overlap query."""

    __slots__ = ("spans", "starts")

    def __init__(self, spans, *, disjoint: bool = False) -> None:
        self.spans = list(spans) if disjoint else _longest(list(spans))
        self.starts = [s for s, _ in self.spans]

    def __bool__(self) -> bool:
        return bool(self.spans)


def _hits(spans: _Spans, start: int, end: int) -> tuple[int, int] | None:
    i = bisect.bisect_left(spans.starts, end) - 1
    while i >= 0:
        s, e = spans.spans[i]
        if e <= start:
            return None
        if s < end and start < e:
            return (s, e)
        i -= 1
    return None


def _person_before(text: str, start: int, persons: dict[int, int]) -> bool:
    """Whether the word before ``start`` (past spaces and full stops) is a person cue.

    ``persons`` maps the end of each person cue of the text to its start.
    """
    lowest = max(0, start - 16)  # the cue ends within 16 characters
    end = start
    while end > lowest and text[end - 1] in " .":
        end -= 1
    cue = persons.get(end)
    if cue is None or cue < lowest or (cue > lowest and not text[cue - 1].isspace()):
        return False  # a word begins after white space: "(Abu" is no cue
    return text[cue:end].lower() in PERSON_CUES


def _leftmost_longest(found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Keep the spans a regex alternation of the longest first would match, scanning."""
    found.sort(key=lambda s: (s[0], -s[1]))
    out: list[tuple[int, int]] = []
    for start, end in found:
        if not out or start >= out[-1][1]:
            out.append((start, end))
    return out


def _longest(found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Keep the longest of overlapping spans (the first of equals), in text order."""
    found.sort()  # at one start the shorter comes first and the longer replaces it
    out: list[tuple[int, int]] = []
    for start, end in found:
        if out and start < out[-1][1]:
            if end - start > out[-1][1] - out[-1][0]:
                out[-1] = (start, end)
            continue
        out.append((start, end))
    return out


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
