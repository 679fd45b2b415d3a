"""Bidi controls never reach a popup, a label, a panel or the claims table as controls."""

from __future__ import annotations

import dataclasses

import pytest
from _reports import export_report, map_report

from geo_syria.render.safe_text import BIDI_CONTROLS, BIDI_MARKER, safe_text

#: Every bidi control, by name.
CONTROLS = {
    "LRM": "\u200e",
    "RLM": "\u200f",
    "ALM": "\u061c",
    "LRE": "\u202a",
    "RLE": "\u202b",
    "PDF": "\u202c",
    "LRO": "\u202d",
    "RLO": "\u202e",
    "LRI": "\u2066",
    "RLI": "\u2067",
    "FSI": "\u2068",
    "PDI": "\u2069",
}


def _bidi_in(text: str) -> list[str]:
    """The bidi controls in ``text``, raw or as JSON ``\\uXXXX`` escapes."""
    lowered = text.lower()
    return [
        name for name, char in CONTROLS.items() if char in text or f"\\u{ord(char):04x}" in lowered
    ]


def test_the_list_is_complete():
    assert set(CONTROLS.values()) == BIDI_CONTROLS


@pytest.mark.parametrize("name", sorted(CONTROLS))
def test_each_control_becomes_the_marker(name):
    text = f"Soran{CONTROLS[name]} 20 km north of Hama"
    shown = safe_text(text)
    assert shown == f"Soran{BIDI_MARKER} 20 km north of Hama"
    assert len(shown) == len(text)  # offsets into the text still hold


@pytest.mark.parametrize(
    "text", ["", "Hama", "حماة", "Ḥamāh — 20 km", "a\u200db"]
)  # Arabic letters and a zero-width joiner are text, not controls
def test_text_without_controls_is_unchanged(text):
    assert safe_text(text) == text


def test_place_popup_with_a_right_to_left_override():
    from geo_syria.render.popups import place_popup

    report = map_report()
    rp = report.places[0]
    spoofed = dataclasses.replace(rp.place, name="Jobar\u202e ,rabaj", admin1="Damascus\u2066")
    popup = place_popup(dataclasses.replace(rp, place=spoofed), {})
    assert _bidi_in(popup) == []
    assert f"Jobar{BIDI_MARKER} ,rabaj" in popup


def test_claim_popup_with_bidi_controls_in_its_sentence():
    from geo_syria.render.popups import claim_popup

    claim = export_report().claims[0]
    sentence = f"Rebels took \u2067Soran\u2069, \u202e{claim.text}\u202c, on Tuesday."
    popup = claim_popup(dataclasses.replace(claim, sentence=sentence), {})
    assert _bidi_in(popup) == []
    assert "<mark>" in popup  # the phrase is still found and marked


def test_claims_table_with_a_right_to_left_override():
    from geo_syria.cli.claims import claims_table

    report = export_report()
    spoofed = dataclasses.replace(report.claims[0], text="some 20 km \u202eamaH fo htron")
    table = claims_table(dataclasses.replace(report, claims=(spoofed,)))
    assert _bidi_in(table) == []
    assert f"some 20 km {BIDI_MARKER}amaH" in table


def test_map_of_an_article_full_of_bidi_controls(tmp_path, capsys):
    from geo_syria.cli import main

    article = tmp_path / "bidi.txt"
    text = (
        "Rebels took \u202eSoran\u202c, 20 km north of Hama.\n"
        + "".join(CONTROLS.values())
        + " Shelling hit Jobar\u2067 on Monday, a \u200fresident said.\n"
    )
    article.write_text(text, encoding="utf-8")
    out = tmp_path / "map.html"
    assert main(["map", str(article), "-o", str(out), "--title", "Map \u202eof\u202c"]) == 0
    page = out.read_text(encoding="utf-8")
    assert _bidi_in(page) == []
    assert BIDI_MARKER in page or "\\ufffd" in page.lower()


def test_marker_hover_title_with_a_right_to_left_override():
    # the marker's title (its hover text) is shown by the browser as plain text: no
    # markup to escape, but a bidi control would still reverse it
    from geo_syria.render import render_map

    report = map_report()
    rp = report.places[0]
    spoofed = dataclasses.replace(rp.place, name="Jobar\u202e ,rabaj")
    report = dataclasses.replace(report, places=(dataclasses.replace(rp, place=spoofed),))
    html = render_map(report, cdn=True).get_root().render()
    assert "\u202e" not in html
    assert f"Jobar{BIDI_MARKER} ,rabaj" in html
