"""The report: unresolved names hold only names that look like place names."""

from __future__ import annotations

import pytest

from geo_syria.pipeline import analyze
from geo_syria.report import place_like


@pytest.mark.parametrize(
    "name",
    ["Kefraya", "al-Fouaa", "Tal al Jayer", "Kafr Hamra", "Zor Zor", "قرية السيال", "Bab al-Nasr"],
)
def test_place_like_names(name):
    assert place_like(name)


@pytest.mark.parametrize(
    "name",
    [
        "",
        "It",
        '"They',
        "The area",
        # communities and faiths
        "Druze",
        "Alawite",
        # a possessive that lost its apostrophe
        "Syrias Aleppo",
        "Turkeys Hatay",
        # words a claim reader took for a subject
        "bomb attack on a regime position",
        "Syrian rebels advanced",
        "recent weeks government troops have advanced",
    ],
)
def test_not_place_like(name):
    assert not place_like(name)


def test_unresolved_names_leave_out_communities(gazetteer):
    report = analyze(
        "Shelling hit the Druze village and the village of Zor Zor on Monday.",
        gazetteer=gazetteer,
    )
    assert [r.mention.text for r in report.unresolved_names] == ["Zor Zor"]
