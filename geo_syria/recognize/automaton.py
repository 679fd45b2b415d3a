"""The name automaton: a gazetteer's names, organisations, cue words and person cues, one pass.

One Aho-Corasick automaton over the folded names finds, in one pass over a text, the
gazetteer's names, the organisation names that block the place names inside them ("Free
Syrian Army"), the cue words ("village", "district") and the person cues ("Abu",
"President") that block the name after them.

Examples
--------
>>> from geo_syria import load_default_gazetteer
>>> rec = Recognizer(load_default_gazetteer())
>>> [p.name for p in rec.candidates("Aleppo")][:1]
['Aleppo']
>>> names, cues = rec.scan("The Free Syrian Army shelled Hama villages.")
>>> names, [(c.start, c.word.kind) for c in cues]
([(29, 33)], [(34, 'village')])
"""

from __future__ import annotations

import logging
import unicodedata
from itertools import chain
from typing import TYPE_CHECKING, Any, NamedTuple

from geo_syria.gazetteer.tables import gc_paused
from geo_syria.recognize.cues import (
    CUE_WORDS,
    CueWord,
    FoundCue,
    cue_spans,
    generic_name_spans,
    split_at_settlements,
)
from geo_syria.recognize.mention import Mention
from geo_syria.recognize.runs import VariantNames, part_of_longer, variant_tables
from geo_syria.recognize.snapshot import (
    RecognizerTables,
    read_snapshot,
    snapshot_path,
    write_snapshot,
)
from geo_syria.recognize.words import (
    COMMON_WORDS,
    NEVER_NAMES,
    ONLY_WITH_CUE,
    ORGANISATIONS,
    PERSON_CUES,
)
from geo_syria.spans import SpanSet, leftmost_longest, longest
from geo_syria.text import ARABIC_RE, ARTICLE_PREFIXES, Sentences, fold, mask_html

if TYPE_CHECKING:
    from geo_syria.documents import Document
    from geo_syria.gazetteer import Gazetteer
    from geo_syria.place import Place

__all__ = ["Recognizer"]

logger = logging.getLogger(__name__)

#: Feature types of a town or city: a cue name that opens with one holds two names.
_SETTLEMENTS = frozenset({"city", "town"})
#: Articles a name key may open with, as folded words ("al bab" is also "bab").
_KEY_ARTICLES = tuple(f"{a} " for a in ARTICLE_PREFIXES)


class _Key(NamedTuple):
    """What one automaton key stands for: a gazetteer name and/or another word."""

    size: int  #: length of the key
    name: str | None  #: the folded name when the key is a gazetteer name
    latin: bool  #: the name is in Latin letters: it starts with a capital or no letter
    common: bool  #: the name is a common English word: not in lower case, not first
    short: bool  #: four letters at most: not when written in capitals (an acronym)
    organisations: tuple[str, ...]  #: organisation spellings, as written, with this key
    cue: tuple[str, CueWord] | None  #: the cue word (as written, lower case) and its kind
    person: bool  #: a person cue ("abu", "president")


def _name_keys(name: str) -> list[str]:
    key = " ".join(fold(name).split())
    keys = [key]
    for article in _KEY_ARTICLES:
        if key.startswith(article) and len(key) > len(article) + 2:
            keys.append(key[len(article) :])
    return keys


def _usable(name: str) -> bool:
    """Whether a name is written in Latin or Arabic letters (other scripts are not read)."""
    if ARABIC_RE.search(name):
        return True
    return all(ord(c) < 0x250 or unicodedata.category(c)[0] in "MPZ" for c in name)


def _place_keys(gazetteer: Gazetteer) -> dict[str, list[str]]:
    """Return each folded name key of the gazetteer and the ids of its places."""
    places: dict[str, list[str]] = {}
    for name, place in gazetteer.names():
        if not _usable(name):
            continue
        for key in _name_keys(name):
            if len(key.replace(" ", "")) < 3 and not ARABIC_RE.search(key):
                continue
            if key in NEVER_NAMES or key in ONLY_WITH_CUE:
                continue  # "al-Sham", "Mustafa", "Sarin": only a cue makes them places
            if not place.in_syria and (
                key in COMMON_WORDS or (name != place.name and len(key) < 5)
            ):
                continue  # foreign codes and short variants: "Led", "NGO", "Rim"
            bucket = places.setdefault(key, [])
            if place.id not in bucket:
                bucket.append(place.id)
    return places


def _tables(gazetteer: Gazetteer, *, cache: bool) -> RecognizerTables:
    """Return the recognizer's tables of a gazetteer: cached, or built (and cached)."""
    path = snapshot_path(gazetteer) if cache else None
    tables = read_snapshot(path, gazetteer=gazetteer) if path is not None else None
    if tables is None:
        tables = RecognizerTables(_place_keys(gazetteer), variant_tables(gazetteer))
        if path is not None:
            write_snapshot(path, tables, gazetteer=gazetteer)
    return tables


def _other_words(places: dict[str, list[str]]) -> dict[str, _Key]:
    """Return the keys that are (also) an organisation, a cue word or a person cue."""
    others: dict[str, dict] = {}
    for org in ORGANISATIONS:
        entry = others.setdefault(" ".join(fold(org).split()), {})
        entry["organisations"] = (*entry.get("organisations", ()), org)
    for word, cue in CUE_WORDS.items():
        others.setdefault(word, {})["cue"] = (word, cue)
    for word in PERSON_CUES:
        others.setdefault(word, {})["person"] = True
    keys = {}
    for key, entry in others.items():
        name = key if key in places else None
        keys[key] = _Key(
            size=len(key),
            name=name,
            latin=name is not None and not ARABIC_RE.match(name),
            common=name in COMMON_WORDS,
            short=len(key) <= 4,
            organisations=entry.get("organisations", ()),
            cue=entry.get("cue"),
            person=entry.get("person", False),
        )
    return keys


def _name_key(key: str) -> _Key:
    """Return what a gazetteer name key that is no other kind of word stands for."""
    size = len(key)
    return _Key(
        size, key, not ARABIC_RE.match(key), key in COMMON_WORDS, size <= 4, (), None, False
    )


def _automaton(places: dict[str, list[str]], others: dict[str, _Key]) -> Any:
    """Return the automaton over the name keys and the other words, each as ``" key "``.

    It stores each key's length only (``STORE_LENGTH``): the key is the text it matched,
    and what it stands for is :func:`_name_key` of it, or its entry in ``others``, read
    when met; no value is made for each of the tens of thousands of keys (twice as fast
    to build). It is built, not cached: reading a saved automaton back
    (``ahocorasick.load``) takes as long as this build, 0.03-0.06 s for the default
    gazetteer's 19,865 keys.
    """
    import ahocorasick

    automaton = ahocorasick.Automaton(ahocorasick.STORE_LENGTH)
    add = automaton.add_word
    for key in chain(places, others):
        add(f" {key} ")
    automaton.make_automaton()
    return automaton


class Recognizer:
    """Finds the place names of one gazetteer in texts; build once, use for many documents.

    Parameters
    ----------
    gazetteer : Gazetteer
        The names to look for.
    cache : bool, keyword-only
        Read the tables built from the gazetteer's names from the user cache, and write
        them there when absent (:mod:`~geo_syria.recognize.snapshot`), when the gazetteer
        has a content hash (the default gazetteer, a store). False builds them afresh.
    """

    def __init__(self, gazetteer: Gazetteer, *, cache: bool = True) -> None:
        self.gazetteer = gazetteer
        with gc_paused():  # tens of thousands of lists and keys, none in a cycle
            tables = _tables(gazetteer, cache=cache)
            self._others = _other_words(tables.places)
            self._automaton = _automaton(tables.places, self._others)
        self._places = tables.places
        self._variant_names = VariantNames(gazetteer, self._places, tables=tables.variant)
        logger.debug("recognizer for %r: %d name keys", gazetteer, len(self._places))

    def clear(self) -> None:
        """Empty the memo of word runs read by variant key (the automaton stays)."""
        self._variant_names.clear()

    def candidates(self, surface: str) -> list[Place]:
        """Return the places with a name written exactly like ``surface`` (after folding)."""
        get = self.gazetteer.get
        return [get(place_id) for place_id in self._places.get(" ".join(fold(surface).split()), ())]

    def _is_settlement(self, surface: str) -> bool:
        """Whether a name, as written, is that of a Syrian town or city of the gazetteer."""
        return any(p.in_syria and p.feature_type in _SETTLEMENTS for p in self.candidates(surface))

    def scan(self, text: str) -> tuple[list[tuple[int, int]], list[FoundCue]]:
        """Return the gazetteer name spans (text order, disjoint) and the cue words met.

        Names inside organisation names, before "-based", after a person cue, common
        words in lower case or opening the text and acronyms are left out.
        """
        found: list[tuple[int, int]] = []
        orgs: list[tuple[int, int]] = []
        cues: list[FoundCue] = []
        persons: dict[int, int] = {}  # end -> start of the person cues met
        based = "-based" in text
        # " " + folded text + " ": the match " key " of ``length`` ends at end_index, so
        # the key is text[end_index - length + 1 : end_index - 1]
        haystack = " " + fold(text) + " "
        others = self._others
        for end_index, length in self._automaton.iter(haystack):
            start, end = end_index - length + 1, end_index - 1
            word = haystack[start + 1 : end_index]
            key = others.get(word) or _name_key(word)
            if key.person:
                persons[end] = start
            if key.organisations:  # any case: "Tahrir Al-Sham" is "Tahrir al-Sham"
                orgs.append((start, end))
            if key.cue is not None and text.startswith(key.cue[0], start):  # lower case
                cues.append(FoundCue(start, end, key.cue[1]))
            if key.name is not None and _is_name(text, start, end, key, based, persons):
                found.append((start, end))
        found.extend(self._variant_spans(text, found, based, persons))
        if orgs:  # "Free Syrian Army", "Syrian Observatory for Human Rights"
            blocked = SpanSet(leftmost_longest(orgs))
            found = [(s, e) for s, e in found if not blocked.overlaps(s, e)]
        return [span for span in longest(found) if not part_of_longer(text, *span)], cues

    def _variant_spans(
        self, text: str, found: list[tuple[int, int]], based: bool, persons: dict[int, int]
    ) -> list[tuple[int, int]]:
        """Return the spans of names the keys missed but a variant key knows ("Marea’").

        Those inside a name the automaton found are left out, and so are those
        before "-based" or after a person cue.
        """
        spans = self._variant_names.spans(text)
        if not spans:
            return []  # most texts
        taken = SpanSet(found)
        out = []
        for begin, end in spans:
            hit = taken.hit(begin, end)
            if hit is not None and hit[0] <= begin and end <= hit[1]:
                continue  # the automaton found this name or a longer one
            if (based and text.startswith("-based", end)) or (
                persons and _person_before(text, begin, persons)
            ):
                continue
            out.append((begin, end))
        return out

    def find(
        self, document: Document, *, sentences: Sentences | None = None, nlp: Any = None
    ) -> list[Mention]:
        """Return the place mentions of a document, in text order.

        Parameters
        ----------
        document : Document
            The text.
        sentences : Sentences, optional
            The document's sentences, when the caller split them already.
        nlp : spaCy Language, optional
            Adds GPE/LOC/FAC entities the gazetteer and cues missed, as ``"ner"`` mentions.

        Returns
        -------
        list of Mention

        Examples
        --------
        >>> from geo_syria import load_default_gazetteer
        >>> from geo_syria.documents import Document
        >>> doc = Document(id="a", text="Abu Hama, a Britain-based monitor, was in Aleppo.")
        >>> [m.text for m in Recognizer(load_default_gazetteer()).find(doc)]
        ['Aleppo']
        """
        raw = document.text
        if not raw or raw.isspace():
            return []
        text = mask_html(raw)
        spans, cues = self.scan(text)
        cued = cue_spans(text, cues) if cues else []
        if cued:
            cued = split_at_settlements(text, cued, dict(spans), self._is_settlement)
        taken = SpanSet(spans)  # a generic word opens a name the automaton did not find
        cued += [s for s in generic_name_spans(text) if taken.hit(s[0], s[1]) is None]
        labels = _labelled(text, spans, cued, nlp)
        sentences = sentences if sentences is not None else Sentences(raw)
        mentions = []
        for (start, end), (cue, source) in sorted(labels.items()):
            sentence, sentence_start = sentences.around(start)
            mentions.append(
                Mention(
                    document.id, start, end, raw[start:end], sentence, sentence_start, cue, source
                )
            )
        return mentions


def _is_name(text: str, start: int, end: int, key: _Key, based: bool, persons) -> bool:
    """Whether the key found at ``text[start:end]`` is written as a place name there."""
    if key.latin:  # a name in Latin letters starts with a capital or no letter
        first = text[start]
        if not first.isupper() and first.isalpha():
            return False
    if key.common and (start == 0 or text[start:end].islower()):
        return False
    if key.short and key.latin and text[start:end].isupper():
        return False  # acronyms: "SANA", "FNA"
    if based and text.startswith("-based", end):
        return False
    return not (persons and _person_before(text, start, persons))


def _person_before(text: str, start: int, persons: dict[int, int]) -> bool:
    """Whether the word before ``start`` (past spaces and full stops) is a person cue.

    ``persons`` maps the end of each person cue met so far to its start.
    """
    lowest = max(0, start - 16)  # the cue ends within 16 characters
    end = start
    while end > lowest and text[end - 1] in " .":
        end -= 1
    cue = persons.get(end)
    if cue is None or cue < lowest or (cue > lowest and not text[cue - 1].isspace()):
        return False  # a word begins after white space: "(Abu" is no cue
    return text[cue:end].lower() in PERSON_CUES


def _labelled(text: str, spans, cued, nlp) -> dict[tuple[int, int], tuple[str | None, str]]:
    """Map each mention span to ``(cue, source)``: gazetteer spans, then cue and NER ones."""
    taken = SpanSet(spans)
    kinds: dict[tuple[int, int], tuple[str | None, str]] = dict.fromkeys(spans, (None, "gazetteer"))
    extra: list[tuple[int, int, str | None, str]] = []
    for start, end, label in cued:
        hit = taken.hit(start, end)
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
        labels = {(s, e): (c, src) for s, e, c, src in reversed(extra)}
        for span in longest((s, e) for s, e, _, _ in extra):
            if taken.hit(*span) is None:
                kinds[span] = labels[span]
    return kinds
