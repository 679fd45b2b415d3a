"""The shared text helpers: folding, HTML masking, the one sentence rule."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geo_syria.text import Sentences, fold, mask_html, sentence_starts


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
        # one rule for mentions and claims: a title's full stop ends no sentence
        ("Gen. Ali said Soran lies 20 km north of Hama.", [0]),
        # a sentence may open in lower case
        ("Hama fell. rebels left.", [0, 11]),
    ],
)
def test_sentence_starts(text, starts):
    assert sentence_starts(text) == starts


@given(st.text(alphabet=st.sampled_from('ab .!?\n"”)GenMr'), max_size=60))
def test_sentences_cover_every_offset_once(text):
    sentences = Sentences(text)
    starts = sentence_starts(text)
    for at in range(len(text)):
        start, end = sentences.bounds(at)
        assert start <= at < end and start in starts
        sentence, offset = sentences.around(at)
        assert text[offset : offset + len(sentence)] == sentence == text[start:end].strip()


@given(st.text(max_size=80))
def test_fold_and_mask_keep_offsets(text):
    assert len(fold(text)) == len(text)
    assert len(mask_html(text)) == len(text)


def test_fold_is_one_character_for_one():
    assert fold("Şūrān, al-Qaboun's") == "suran  al qaboun s"
    assert fold("\u0130dlib") == "idlib"


def test_mask_html_blanks_scripts_and_tags():
    assert mask_html("<b>Hama</b><script>Aleppo()</script>").split() == ["Hama"]
