"""Recognition: gazetteer names, cues, blocked organisations and persons, HTML, NER plug-in."""

from __future__ import annotations

import pytest

from geo_syria._recognize_sentences import SentenceFinder
from geo_syria.documents import Document
from geo_syria.recognize import Recognizer, fold, mask_html, recognize, sentence_spans


def found(text, gazetteer, **kw):
    return [(m.text, m.source) for m in recognize(Document("t", text), gazetteer, **kw)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rebels shelled Aleppo on Monday.", [("Aleppo", "gazetteer")]),
        ("Fighters entered Qaboun and Jobar.", [("Qaboun", "gazetteer"), ("Jobar", "gazetteer")]),
        # Arabic script is matched too
        ("قصف على حلب اليوم", [("حلب", "gazetteer")]),
        # diacritics in the text are folded
        ("Fighting in Ḩamāh continued.", [("Ḩamāh", "gazetteer")]),
        # a name the gazetteer lacks, found by its cue, kept as an unresolved mention
        ("Shells hit the village of Umm Zaytouna.", [("Umm Zaytouna", "cue")]),
        ("Clashes in the Zizoun area went on.", [("Zizoun", "cue")]),
        (
            "Raids on villages including Tall Faris and Kafr Qasim.",
            [("Tall Faris", "cue"), ("Kafr Qasim", "cue")],
        ),
    ],
)
def test_places_found(gazetteer, text, expected):
    assert found(text, gazetteer) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The Free Syrian Army said so.",
        "The Syrian Observatory for Human Rights, a Britain-based monitor, said so.",
        "A British-based group said so.",
        "Allied Russian and Iranian forces advanced.",
        "Hezbollah fighters and Tahrir al-Sham clashed.",
        "The Nusra Front and Islamic State withdrew.",
        "said Abu Abdo, a field commander.",
        "The White House and the Kremlin disagreed.",
        "Reading the news is nice.",
        "SANA reported the attack.",
    ],
)
def test_no_false_places(gazetteer, text):
    assert [m for m in found(text, gazetteer) if m[1] == "gazetteer"] == []


def test_offsets_point_into_the_text(gazetteer):
    text = "<p>Rebels took <b>Jobar</b>.</p><script>var Aleppo = 1;</script> Then Hama."
    mentions = recognize(Document("t", text), gazetteer)
    assert [m.text for m in mentions] == ["Jobar", "Hama"]
    for m in mentions:
        assert text[m.start : m.end] == m.text
        assert m.text in m.sentence


def test_tag_names_are_not_places(gazetteer):
    assert found("<html><body><div class='Aleppo'>x</div></body></html>", gazetteer) == []


def test_mentions_keep_their_sentence(gazetteer):
    text = "Rebels took Jobar. Then they lost Hama.\nAleppo was quiet."
    ms = recognize(Document("t", text), gazetteer)
    assert [(m.text, m.sentence) for m in ms] == [
        ("Jobar", "Rebels took Jobar."),
        ("Hama", "Then they lost Hama."),
        ("Aleppo", "Aleppo was quiet."),
    ]
    for m in ms:
        assert text[m.sentence_start :].startswith(m.sentence)


def test_empty_and_whitespace(gazetteer):
    assert found("", gazetteer) == []
    assert found(" \n\t ", gazetteer) == []


def test_recognizer_is_built_once_per_gazetteer(gazetteer):
    assert Recognizer.for_gazetteer(gazetteer) is Recognizer.for_gazetteer(gazetteer)


def test_fold_keeps_length():
    text = "Şūrān, Ma’arrat al-Nu’man İstanbul"
    assert len(fold(text)) == len(text)
    assert len(mask_html("<a href='x'>Hama</a>")) == len("<a href='x'>Hama</a>")


def _fold_each(text):
    from geo_syria.recognize import _fold_char

    return "".join(_fold_char(c) for c in text)


@pytest.mark.parametrize(
    "text",
    [
        "Rebels took JOBAR, 2 km east.",  # ASCII: the byte table
        "Fighting in \u1e28am\u0101h \u2019s outskirts \ufffd",  # a few others, then ASCII
        "\u0642\u0635\u0641 \u0639\u0644\u0649 \u062d\u0644\u0628 in Aleppo",  # Arabic
        "\u0130dlib and \u0130STANBUL",  # dotted capital I folds to a lower-case i
        "Stra\u00dfe \u00c6 \u2160 \u00bd \u212a",  # no ASCII base: kept in lower case
    ],
)
def test_fold_is_the_same_on_every_path(text):
    assert fold(text) == _fold_each(text)
    assert len(fold(text)) == len(text)


def test_fold_lowers_the_dotted_capital_i(gazetteer):
    assert fold("\u0130dlib") == "idlib"
    assert found("Shelling hit \u0130dlib.", gazetteer) == [("\u0130dlib", "gazetteer")]


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        ("Mr. Assad spoke. Rebels left.", [0, 17]),
        # initials and titles are no sentence end; "!" after a title is
        ("The U.S. Army left. Gen. Smith stayed! Dr.. Ali came.", [0, 20, 39]),
        ("Hama fell.\n\nAleppo held?  \u201cYes.\u201d They left.", [0, 12, 26, 33]),
        ("Numbers like 3.5 km are no end. Next", [0, 32]),
        ("White space at the end starts nothing.   \n", [0]),
        ("No. 5 fell.", [0]),
    ],
)
def test_sentence_spans(text, starts):
    assert sentence_spans(text) == starts


_SENTENCE_TEXTS = [
    "Mr. Assad spoke. Rebels left.",
    "The U.S. Army left. Gen. Smith stayed! Dr.. Ali came.",
    "Hama fell.\n\nAleppo held?  \u201cYes.\u201d They left.",
    "Numbers like 3.5 km are no end. Next",
    "White space at the end starts nothing.   \n",
    "   White space opens it. And then... it went on?! Yes (they said.) Then",
    "No. 5 fell. St. Simeon held. Mrs. Ali left. Ben. Taken. Qaboun.\tJobar.",
    "He said \u201cgo.\u201d\u2019 Then [left.] Then.\n  \n Last one",
    "One line only",
    "...",
    "Ends with a stop.",
]


@pytest.mark.parametrize("text", _SENTENCE_TEXTS)
def test_sentence_finder_agrees_with_sentence_spans(text):
    starts = sentence_spans(text)
    ends = [*starts[1:], len(text)]
    spans = list(zip(starts, ends, strict=True))
    expected = [(s, e) for at in range(len(text)) for s, e in spans if s <= at < e]
    forward = SentenceFinder(text)
    assert [forward.bounds(at) for at in range(len(text))] == expected
    backward = SentenceFinder(text)  # out of order: no reuse of a wrong sentence
    assert [backward.bounds(at) for at in reversed(range(len(text)))] == expected[::-1]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Shelling hit the Zizoun rural area.", [("Zizoun", "X area")]),
        ("Shelling hit the eastern district.", []),
        ("Rebels held the Zizoun district.", [("Zizoun", "X district")]),
        ("Rebels held the zizoun district.", []),
        ("Rebels held the Zor Zor \narea.", [("Zor Zor", "X area")]),
        ("Fighting in Zizoun countryside went on.", [("Zizoun", "X countryside")]),
        ("Fighting in the city such as Zor Zor.", [("Zor Zor", "the city of")]),
        # at most three capitalised words (and their articles) before the kind
        (
            "Shells Hit By Rebels On Tuesday Near Zor Zor district.",
            [("Near Zor Zor", "X district")],
        ),
        (
            "Fighters of al-Nusra Front al Zor Zor Kafr district.",
            [("al Zor Zor Kafr", "X district")],
        ),
    ],
)
def test_cue_names_before_and_after(gazetteer, text, expected):
    mentions = recognize(Document("t", text), gazetteer)
    assert [(m.text, m.cue) for m in mentions if m.source == "cue"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a person cue is a whole word before the name
        ("Abu Hama spoke in Aleppo.", ["Aleppo"]),
        ("President.  Hama said so in Aleppo.", ["Aleppo"]),
        ("A fighter (Abu) Hama was hit.", ["Hama"]),
        ("Fighters of Kafr-Abu Hama.", ["Hama"]),
        # organisations are matched as written (case matters), and blocked whole
        (
            "Fighters of Tahrir al Sham and the Islamic State of Iraq and Syria left Idlib.",
            ["Idlib"],
        ),
        ("The Damascus University campus was hit.", []),
    ],
)
def test_person_and_organisation_blocks(gazetteer, text, expected):
    assert [t for t, source in found(text, gazetteer) if source == "gazetteer"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Shells hit the town of Zor Zor.", [("Zor Zor", "cue")]),
        # cue words are matched in lower case only, and as whole words
        ("Shells hit Town of Zor Zor.", []),
        ("Shells hit the townships of Zor Zor.", []),
        (
            "Raids on towns including Zor Zor and Tal Zizo.",
            [("Zor Zor", "cue"), ("Tal Zizo", "cue")],
        ),
        # "cities" is the plural of "city"
        ("Raids on cities including Zor Zor.", [("Zor Zor", "cue")]),
    ],
)
def test_cue_words(gazetteer, text, expected):
    assert [m for m in found(text, gazetteer) if m[1] == "cue"] == expected


class _Ent:
    def __init__(self, text, start, label):
        self.start_char, self.end_char, self.label_ = start, start + len(text), label


class _FakeNlp:
    """A stand-in for a spaCy Language: returns fixed entities."""

    def __init__(self, ents):
        self.ents = ents

    def __call__(self, text):
        return self


def test_ner_plugin_adds_unresolved_mentions(gazetteer):
    text = "Rebels reached Zarzour near Aleppo."
    nlp = _FakeNlp(
        [_Ent("Zarzour", 15, "GPE"), _Ent("Aleppo", 28, "GPE"), _Ent("Rebels", 0, "ORG")]
    )
    assert found(text, gazetteer, nlp=nlp) == [("Zarzour", "ner"), ("Aleppo", "gazetteer")]


def test_samples_find_the_acceptance_names(gazetteer, samples_dir):
    from geo_syria.documents import read_documents

    surfaces = set()
    for doc in read_documents(sorted(samples_dir.glob("*.txt"))):
        surfaces |= {m.text for m in recognize(doc, gazetteer)}
    for name in ("Damascus", "Jobar", "Tijara", "Hama", "Soran", "Maardas", "Khattab", "Aleppo"):
        assert name in surfaces
    for name in ("Free Syrian Army", "Britain-based", "Russian", "Iranian", "Syrian"):
        assert name not in surfaces
    assert {"Geneva", "Qaboun", "Eastern Ghouta"} <= surfaces


def test_bounded_memo_empties_when_full():
    from geo_syria._memo import BoundedMemo

    memo = BoundedMemo(3)
    for i in range(7):
        assert memo.put(i, i * i) == i * i
        assert len(memo) <= 3
    assert memo[6] == 36


def test_word_lists_stay_importable_from_recognize():
    from geo_syria.recognize import COMMON_WORDS, ORGANISATIONS, PERSON_CUES

    assert "the" in COMMON_WORDS and "abu" in PERSON_CUES
    assert "Free Syrian Army" in ORGANISATIONS


@pytest.mark.parametrize(
    ("spans", "kept"),
    [
        ([(0, 4), (5, 9), (9, 12)], [(0, 4), (5, 9), (9, 12)]),  # disjoint: all kept
        ([(5, 9), (0, 7), (0, 4)], [(0, 7)]),  # the longest at the leftmost start
        ([(0, 4), (2, 9), (9, 12)], [(0, 4), (9, 12)]),  # then the next free start
    ],
)
def test_leftmost_longest(spans, kept):
    from geo_syria._recognize_spans import _leftmost_longest

    assert _leftmost_longest(list(spans)) == kept


def test_two_cue_names_over_one_gazetteer_name(gazetteer):
    # "Zor Zor Jobar" (the village of ...) and "Jobar Abu" (... district) both hold Jobar:
    # the first cue name takes it, and the second neither fails nor maps Jobar again
    text = "Shells hit the village of Zor Zor Jobar Abu district on Monday."
    assert found(text, gazetteer) == [("Zor Zor Jobar", "cue")]


def _reference_cue_spans(text, cue_words):
    """The cue names as read before the in-place checks: window slices, regexes."""
    import re

    from geo_syria import _recognize_cues as c

    def capital_in_word(window, space):
        return not window[window.rfind(" ", 0, space) + 1 : space - 1].islower()

    out = []
    for kw_start, kw_end, kind, plural in cue_words:
        spans = []
        after = c._NAME_AFTER.match(text, kw_end) if text.startswith(c._AFTER, kw_end) else None
        if after and (plural or text[max(0, kw_start - 4) : kw_start] in ("the ", "The ")):
            label = f"{text[kw_start:kw_end]} including" if plural else f"the {kind} of"
            spans.append((after.start(1), after.end(1), label))
            pos = after.end(1)
            while more := c._LIST_MORE.match(text, pos):
                spans.append((more.start(1), more.end(1), label))
                pos = more.end(1)
        elif not plural:
            window_start = max(0, kw_start - 70)
            window = text[window_start:kw_start]
            before = None
            if kind in c._KIND_AFTER:
                last = window[-2:-1]
                ends = window[-1:] == " " and last != "" and (last.isalnum() or last in "_'’")
                if ends and capital_in_word(window, len(window) - 1):
                    head = window[:-1].rsplit(" ", 6)
                    before = re.compile(c._CUE_NAME + " $").search(
                        window, len(head[0]) if len(head) == 7 else 0
                    )
            elif "he " in window:
                last = window.rfind(" ", 0, -1)
                if (
                    window[-1:] != " "
                    or last <= 0
                    or capital_in_word(window, len(window) - 1)
                    or capital_in_word(window, last)
                ):
                    before = c._THE_NAME_BEFORE.search(window)
            if before:
                start = window_start + before.start(1)
                spans.append((start, window_start + before.end(1), f"X {kind}"))
        for start, end, label in spans:
            words = text[start:end].split(" ")
            while words and (words[0] in c.NOT_NAMES or words[0].lower() in c.COMMON_WORDS):
                start += len(words.pop(0)) + 1
            if words and start < end:
                out.append((start, end, label))
    return out


def _cue_words(text):
    import re

    from geo_syria._recognize_cues import CUE_WORDS

    words = "|".join(sorted(CUE_WORDS, key=len, reverse=True))
    return [
        (m.start(), m.end(), *CUE_WORDS[m.group()])
        for m in re.finditer(rf"(?<![\w])(?:{words})(?![\w])", text)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "They shelled the village of Zor Zor and the Jobar district.",
        "district of Hama. the Zizoun area. the Zizoun rural area, The eastern area",
        "the Tall\nvillage, the al-Bab  district, x district,  district",
        "Al-Tall_ district, Jobar' quarter, the the area, he Zor area",
        "towns including Tall Faris, Soran and Khattab, villages such as Maardas",
        "the town the Old City town of the Thaura camp, e area",
        "the Zizoun \nvillage. the Ghouta\narea and 1 district the al Bab ez-Zor area",
        "town the city",
    ],
)
def test_cue_spans_read_as_the_window_regexes(text):
    from geo_syria._recognize_cues import cue_spans

    cues = _cue_words(text)
    assert cues
    assert cue_spans(text, cues) == _reference_cue_spans(text, cues)
    # every cue word alone, at every start of the text
    for i in range(0, len(text), 7):
        part = text[i:]
        for cue in _cue_words(part):
            assert cue_spans(part, [cue]) == _reference_cue_spans(part, [cue])


def test_cue_spans_read_the_corpus_as_the_window_regexes(corpus_documents):
    from geo_syria._recognize_cues import cue_spans

    found = 0
    for doc in corpus_documents[:120]:
        cues = _cue_words(doc.text)
        spans = cue_spans(doc.text, cues)
        assert spans == _reference_cue_spans(doc.text, cues)
        found += len(spans)
    assert found > 50


def test_scan_checks_of_name_keys():
    from geo_syria.recognize import _COMMON, _LATIN, _SHORT, _checks, _frequency_order

    assert _checks(None) is None
    assert _checks("حلب") == _SHORT  # Arabic: no case to check
    assert _checks("aleppo") == _LATIN
    assert _checks("the") == _LATIN | _COMMON | _SHORT
    assert sorted(["b", "e", " ", "z", "ا"], key=_frequency_order) == [" ", "e", "b", "z", "ا"]


@pytest.mark.parametrize(
    "window",
    [
        "in ash-Shaar ",
        "the as Sukhnah ",
        "xal-Bab ",
        "near Tel el-Zor Abu ",
        "in ez Zor al-Bab Hama Jobar ",
        "asHama ",
        "the eastern ",
        "at-Tall_ ",
        "az-Zabadani’ ",
    ],
)
def test_name_before_reads_as_the_cue_name_regex(window):
    import re

    from geo_syria._recognize_cues import _CUE_NAME, _NAME_BEFORE

    reference = re.compile(_CUE_NAME + r" $")
    for pos in range(len(window)):
        ours, theirs = _NAME_BEFORE.search(window, pos), reference.search(window, pos)
        assert (ours and ours.span(1)) == (theirs and theirs.span(1))
