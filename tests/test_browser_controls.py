"""The map's controls in headless Chromium, network blocked: filters, search, evidence.

A small invented report (:func:`_reports.map_report`) checks each toggle and the date
range; the self-contained map of the dev corpus checks the search box ("Joubar" finds
Jobar), a popup paged to its last mention and an unresolved name opening its
sentences. With ``GEO_SYRIA_UPDATE_SCREENSHOT=1`` a popup is saved to
``docs/map_popup.png``.
"""

from __future__ import annotations

import os
import re
import shutil

import pytest
from _assets import map_assets  # noqa: F401 - fixture
from _reports import map_report
from test_browser import ROOT, Opened, browser, save  # noqa: F401 - fixture

pytestmark = pytest.mark.browser

#: Names in the scripts the page folds exactly like :func:`geo_syria.names.variant_key`.
FOLDED = re.compile(r"^[\u0000-\u052f\u1e00-\u1eff\u0600-\u06ff\u2018\u2019\u02be\u02bf]*$")


def visible(opened: Opened) -> dict:
    return opened.page.evaluate("() => window.geoSyria.visible")


def toggle(opened: Opened, name: str) -> None:
    if opened.page.locator(".gs-filters details").get_attribute("open") is None:
        opened.page.locator(".gs-filters summary").click()
    opened.page.locator(f'input[data-gs-toggle="{name}"]').click()


def set_range(opened: Opened, lo: int, hi: int) -> None:
    opened.page.evaluate(
        """([lo, hi]) => {
            const from = document.querySelector('.gs-from'), to = document.querySelector('.gs-to');
            to.value = hi; to.dispatchEvent(new Event('input'));
            from.value = lo; from.dispatchEvent(new Event('input'));
        }""",
        [lo, hi],
    )


def test_toggles_and_date_range(browser, tmp_path, map_assets):  # noqa: F811
    report = map_report()
    opened = Opened(browser, save(report, tmp_path / "fixture.html", map_assets))
    try:
        everything = visible(opened)
        assert everything == {"places": 9, "claims": 3}
        paths = opened.count(".leaflet-claims-pane path")
        for verdict in ("consistent", "inconsistent", "unverifiable"):
            toggle(opened, f"verdict:{verdict}")
            assert visible(opened)["claims"] == 2
            assert opened.count(".leaflet-claims-pane path") < paths
            toggle(opened, f"verdict:{verdict}")
            assert visible(opened) == everything
        types = opened.page.evaluate(
            """() => Array.from(document.querySelectorAll('input[data-gs-toggle^="type:"]'))
                          .map(b => b.getAttribute('data-gs-toggle'))"""
        )
        assert len(types) >= 4
        for name in types:
            toggle(opened, name)
            assert visible(opened)["places"] < 9
            assert opened.count(".leaflet-marker-icon") == visible(opened)["places"]
            toggle(opened, name)
            assert visible(opened) == everything
        # the toggles are remembered in the page
        toggle(opened, "verdict:consistent")
        opened.page.reload()
        opened.page.wait_for_function("() => window.geoSyria && window.geoSyria.visible")
        assert visible(opened)["claims"] == 2
        toggle(opened, "verdict:consistent")
        # the date range: the first date alone, the last alone, then all again
        set_range(opened, 0, 0)
        first = opened.count(".leaflet-marker-icon")
        set_range(opened, 1, 1)
        second = opened.count(".leaflet-marker-icon")
        assert 0 < first < 9 and 0 < second < 9
        assert "From" in opened.page.locator(".gs-range-label").inner_text()
        set_range(opened, 0, 1)
        assert opened.count(".leaflet-marker-icon") == 9
        assert opened.errors == [] and opened.requests == []
    finally:
        opened.page.close()


@pytest.fixture(scope="module")
def corpus_map(corpus_documents, gazetteer, tmp_path_factory, map_assets):  # noqa: F811
    from geo_syria.pipeline import analyze

    report = analyze(list(corpus_documents), gazetteer=gazetteer)
    path = tmp_path_factory.mktemp("corpus") / "corpus.html"
    return report, save(report, path, map_assets, title="geo_syria: dev corpus")


def test_search_jumps_to_jobar_by_joubar(browser, corpus_map):  # noqa: F811
    from geo_syria.names import variant_key

    report, path = corpus_map
    opened = Opened(browser, path)
    try:
        assert opened.page.evaluate("() => window.geoSyria.fold('Joubar')") == "jubar"
        # the page folds Latin, Greek, Cyrillic and Arabic names as the package does
        # (other scripts need anyascii, which the page lacks)
        names = sorted(
            n for n in {n for rp in report.places for n in rp.place.names} if FOLDED.match(n)
        )
        folded = opened.page.evaluate("(ns) => ns.map(window.geoSyria.fold)", names)
        differ = [(n, f) for n, f in zip(names, folded, strict=True) if variant_key(n) != f]
        assert len(names) > 1000 and differ == []
        search = opened.page.locator(".gs-search input")
        search.fill("Joubar")
        assert opened.page.locator(".gs-search-results li").first.inner_text().startswith("Jobar")
        search.press("Enter")
        popup = opened.page.locator(".leaflet-popup-content h4")
        popup.wait_for()
        assert popup.first.inner_text() == "Jobar"
        assert opened.errors == [] and opened.requests == []
    finally:
        opened.page.close()


def test_popup_pages_to_the_last_mention(browser, corpus_map):  # noqa: F811
    from playwright.sync_api import expect

    report, path = corpus_map
    from geo_syria.render.places_layer import AREA_TYPES

    # the busiest town or quarter (Aleppo on the dev corpus), not a country
    busiest = max(
        (rp for rp in report.places if rp.place.feature_type not in AREA_TYPES),
        key=lambda rp: len(rp.resolutions),
    )
    total = len(busiest.resolutions)
    assert total > 20
    opened = Opened(browser, path)
    try:
        opened.page.evaluate(
            """(id) => {
                const ids = Object.keys(window.geoSyria.evidence);
                return ids.includes(id);
            }""",
            busiest.place.id,
        )
        search = opened.page.locator(".gs-search input")
        search.fill(busiest.place.name)
        search.press("Enter")
        pager = opened.page.locator(".leaflet-popup-content .gs-pager")
        pager.wait_for()
        assert f"mentions 1–20 of {total}" in pager.inner_text()
        pager.locator('button[data-gs-go="next"]').click()
        expect(pager).to_contain_text(f"mentions 21–40 of {total}")  # waits for the turn
        pager.locator('button[data-gs-go="last"]').click()
        expect(pager).to_contain_text(f"–{total} of {total}")
        assert pager.inner_text().endswith(f"–{total} of {total}")
        items = opened.page.locator(".leaflet-popup-content .gs-mentions > li")
        start = int(
            opened.page.locator(".leaflet-popup-content .gs-mentions").get_attribute("start")
        )
        assert start + items.count() - 1 == total
        last = busiest.resolutions[-1].mention
        assert last.text in items.last.inner_text()
        pager.locator('button[data-gs-go="first"]').click()
        if os.environ.get("GEO_SYRIA_UPDATE_SCREENSHOT") == "1":
            target = ROOT / "docs" / "map_popup.png"
            opened.screenshot(path.parent / "popup.png")
            shutil.copyfile(path.parent / "popup.png", target)
        assert opened.errors == [] and opened.requests == []
    finally:
        opened.page.close()


def test_unresolved_name_opens_its_sentences(browser, corpus_map):  # noqa: F811
    report, path = corpus_map
    assert report.unresolved_names
    opened = Opened(browser, path)
    try:
        panel = opened.page.locator(".gs-unresolved-panel")
        outer = panel.locator("details").first
        if outer.get_attribute("open") is None:
            panel.locator("summary").first.click()
        entry = panel.locator("details.gs-unresolved-name").first
        assert entry.locator(".gs-mentions").is_visible() is False
        entry.locator("summary").click()
        sentences = entry.locator(".gs-mentions > li")
        assert sentences.first.is_visible()
        assert sentences.first.locator("mark").count() == 1
        assert sentences.first.locator(".gs-doc").inner_text()
        assert opened.errors == [] and opened.requests == []
    finally:
        opened.page.close()


def test_corpus_toggles_and_date_range(browser, corpus_map):  # noqa: F811
    report, path = corpus_map
    opened = Opened(browser, path)
    try:
        everything = visible(opened)
        assert everything["places"] == len(report.places)
        verdicts = {c.verdict for c in report.claims}
        toggles = opened.page.evaluate(
            """() => Array.from(document.querySelectorAll('input[data-gs-toggle]'))
                          .map(b => b.getAttribute('data-gs-toggle'))"""
        )
        assert {t for t in toggles if t.startswith("verdict:")} == {
            f"verdict:{v}" for v in verdicts
        }
        for name in toggles:
            toggle(opened, name)
            after = visible(opened)
            assert after != everything, name
            assert after["places"] <= everything["places"]
            assert after["claims"] <= everything["claims"]
            toggle(opened, name)
            assert visible(opened) == everything
        # the date range: the first year alone, then everything again
        last = opened.page.evaluate("() => +document.querySelector('.gs-to').max")
        set_range(opened, 0, last // 4)
        assert 0 < visible(opened)["places"] < everything["places"]
        set_range(opened, 0, last)
        assert visible(opened) == everything
        assert opened.errors == [] and opened.requests == []
    finally:
        opened.page.close()
