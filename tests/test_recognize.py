"""Recognition: gazetteer names, cues, blocked organisations and persons, HTML, NER plug-in."""

from __future__ import annotations

import pytest

from geo_syria.documents import Document
from geo_syria.pipeline import find_mentions
from geo_syria.text import fold, mask_html


def recognize(document, gazetteer, **kw):
    return find_mentions(document, gazetteer, **kw)


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


def test_fold_keeps_length():
    text = "Şūrān, Ma’arrat al-Nu’man İstanbul"
    assert len(fold(text)) == len(text)
    assert len(mask_html("<a href='x'>Hama</a>")) == len("<a href='x'>Hama</a>")


def _fold_each(text):
    return "".join(fold(c) for c in text)


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
        # "X village" and "X town" need no "the" (headlines drop it); communities are no name
        ("Clashes near Tiwes/Zizoun village.", [("Zizoun", "X village")]),
        ("(S1338) al Zizoun village, Syria", [("al Zizoun", "X village")]),
        ("the fighters of Zizoun town withdrew", [("Zizoun", "X town")]),
        ("Shells hit the Druze village.", []),
        ("Shells hit a Kurdish town.", []),
        ("Shells hit a rebel-held town.", []),
        # a list before a plural kind, Arabic spellings between
        (
            "(S487) رطلة Zor Zor and العكيرشي Al Zizoun villages, Syria",
            [("Zor Zor", "X villages"), ("Al Zizoun", "X villages")],
        ),
        (
            "Zor Zor, Tal Zizo and Kafr Zuzu villages",
            [("Zor Zor", "X villages"), ("Tal Zizo", "X villages"), ("Kafr Zuzu", "X villages")],
        ),
        ("Rebels took the Alawite villages.", []),
        ("On Monday town residents fled; the ISIS town fell.", []),
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
        # keys that are both a gazetteer name and an organisation: the organisation wins
        ("The White House said Hama fell.", ["Hama"]),
        ("Students of Aleppo University left Aleppo.", ["Aleppo"]),
        ("The United States struck Raqqa.", ["Raqqa"]),
        ("The Syrian Arab Republic said so.", []),
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


def test_two_cue_names_over_one_gazetteer_name(gazetteer):
    # "Zor Zor Jobar" (the village of ...) and "Jobar Abu" (... district) both hold Jobar:
    # the first cue name takes it, and the second neither fails nor maps Jobar again
    text = "Shells hit the village of Zor Zor Jobar Abu district on Monday."
    assert found(text, gazetteer) == [("Zor Zor Jobar", "cue")]


# -- variant spellings, organisations in any case, generic words, first names ----------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the gazetteer writes "Jisr ash-Shughur": the variant key finds "al-Shughur" too
        ("Artillery struck Jisr al-Shughur overnight.", ["Jisr al-Shughur"]),
        ("Jets circled over Maaret Misrin on Friday.", ["Maaret Misrin"]),
        # a closing apostrophe is no part of the name
        ("Kurdish units shelled Marea’ at dawn.", ["Marea"]),
        # a lower-case article before a variant spelling is the name's
        ("Fighters held the al-Karama area.", ["al-Karama"]),
    ],
)
def test_variant_spellings_found(gazetteer, text, expected):
    assert [m for m, _ in found(text, gazetteer)] == expected


def test_every_exact_variant_of_search_is_recognised(gazetteer):
    # whatever Gazetteer.search finds by variant key, written in a sentence, is recognised
    for name in ("Jisr al-Shughur", "Maaret Misrin", "Qal’aat al-Madiq", "Khan al-Shekh"):
        hits = gazetteer.search(name, fuzzy=False)
        if not hits:
            continue
        text = f"Reports came from {name} on Monday."
        assert [m.text for m in recognize(Document("t", text), gazetteer)] == [name]


@pytest.mark.parametrize(
    "text",
    [
        # organisation names in any case
        "Fighters of Hayat Tahrir Al-Sham and Ahrar Al-Sham pulled back.",
        "JAISH AL-ISLAM and Jabhat Fateh al-Sham signed the truce.",
        "The al-Nusra Front claimed the attack.",
        # generic words that are only part of a longer name the gazetteer lacks
        "Engineers inspected the al-Baath Dam yesterday.",
        "Residents fled Khan Shekhon after the raid.",
        "Mortars fell on Kafr Hamra.",
        "Gunmen attacked Bab Antakya at night.",
        # first and family names of people
        "Mustafa said the Asad regime would fall.",
        "Rami and Wael left for Beirut's airport.",
        # chemical agents: "Sarin" spells like the village Şirrīn
        "Inspectors found Sarin traces in the soil samples.",
        "Chlorine canisters were dropped on the town.",
    ],
)
def test_organisations_generic_words_and_names_are_no_places(gazetteer, text):
    names = [m for m, source in found(text, gazetteer) if source == "gazetteer"]
    assert names in ([], ["Beirut"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the article makes the generic word a name: al-Bab, the town (found as "Bab")
        ("Rebels took al-Bab on Sunday.", ["Bab"]),
        # a governorate's name followed by a capitalised word stays a place
        ("The Aleppo Governor visited Hama.", ["Aleppo", "Hama"]),
        # a place cue makes a generic word or a first name a place
        ("The village of Rami was shelled.", ["Rami"]),
        ("Jets struck the village of Sarin.", ["Sarin"]),
    ],
)
def test_names_next_to_capitalised_words_kept(gazetteer, text, expected):
    assert [m for m, _ in found(text, gazetteer)] == expected


@pytest.mark.parametrize(
    "text",
    [
        # one capitalised word of a longer run is part of a longer name: no variant match
        "Additional reporting by Erika Novak; editing by Gareth Lane.",
        "The Euphrates Rage campaign went on.",
        "The Affordable Care Act was debated.",
        # English words and numbers open sentences too
        "Nine civilians died. Great losses followed.",
        # "at" and "an" are no articles before a space
        "Engineers worked at Tabqua Dams on Monday.",
        # al-Qaeda is an organisation in every spelling
        "Al Qaeda and al-Qaida cells were named.",
    ],
)
def test_variant_pass_takes_no_english_words_or_person_names(gazetteer, text):
    assert [m for m, source in found(text, gazetteer) if source == "gazetteer"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a generic word opens a name the gazetteer writes otherwise: a cue name, looked up
        # by its spelling ("Khan" alone and "Hamra" alone are no places)
        ("Residents fled Khan Shekhon after the raid.", [("Khan Shekhon", "cue")]),
        ("Mortars fell on Kafr Hamra.", [("Kafr Hamra", "cue")]),
        # the article after the generic word, in any case, belongs to the name
        ("Fighters were killed in Tal Al Senowbarat.", [("Tal Al Senowbarat", "cue")]),
        # a name the automaton knows as written stays the gazetteer's
        ("Clashes in Khan Shaykhun and Tal Rifaat.", [("Khan Shaykhun", "gazetteer"),
                                                       ("Tal Rifaat", "gazetteer")]),
        # a generic word before a lower-case or English word opens no name
        ("The Khan of Tal spoke. Tal The end.", []),
    ],
)  # fmt: skip
def test_generic_word_opens_a_cue_name(gazetteer, text, expected):
    assert found(text, gazetteer) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the gazetteer writes "Ar Rā‘ī" with an ʿayn: news writes "al-Rai"
        ("A bomb hit a checkpoint in al-Rai area northeast Aleppo.", ["al-Rai", "Aleppo"]),
        ("Shells fell on Waer and Foua.", ["Waer", "Foua"]),
        # a mark between two letters only: "Wa'r" (War) and the first name "Wa'el" are no names
        ("The War went on, Wael said.", []),
    ],
)
def test_short_names_written_with_a_mark_are_found_without_it(gazetteer, text, expected):
    assert [m for m, _ in found(text, gazetteer)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a list that lost its commas: the town, then the rest of the list
        ("Jets hit the towns of Mesraba Harasta on Monday.", ["Mesraba", "Harasta"]),
        ("A blast hit the city of Qamishli Hasaka.", ["Qamishli", "Hasaka"]),
        # a town and a part of it the gazetteer lacks: the town, and no name looked up alone
        ("(S1327) Abu Kamal Sena’a neighbourhood near the bakery", ["Abu Kamal"]),
        # a qualifier makes one name: New Shahba, a district of Aleppo, is not Shahba
        ("A rocket struck the Shahba al-Jadida district.", ["Shahba al-Jadida"]),
        # a town abroad is no Syrian town: Baghdad Station is a neighbourhood of Aleppo
        ("Shells fell on neighborhoods including Baghdad Station.", ["Baghdad Station"]),
    ],
)
def test_cue_names_that_open_with_a_town(gazetteer, text, expected):
    assert [m for m, _ in found(text, gazetteer)] == expected


def test_an_agent_named_like_a_village_is_a_place_only_after_a_cue():
    from geo_syria.gazetteer import Gazetteer
    from geo_syria.place import Place

    # an invented village whose name is written as the nerve agent is
    village = Place(id="t:sarin", name="Sarin", lat=36.5, lon=38.3, feature_type="village")
    gaz = Gazetteer([village], name="agent")
    assert found("Inspectors found Sarin traces.", gaz) == []
    assert [m for m, _ in found("Jets struck the village of Sarin.", gaz)] == ["Sarin"]
