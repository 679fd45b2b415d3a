"""A corpus-size map in headless Chromium, network blocked: everything still works.

The dev corpus's results cloned to about 10,000 articles (no text analysed again):
popups page within the page's evidence budget and say how many mentions there are,
the search box, the date range, the verdict toggles and the heatmap work, and the
data sits in pieces parsed when first used.
"""

from __future__ import annotations

import re

import pytest
from _assets import map_assets  # noqa: F401 - fixture
from _reports import clone_report
from test_browser import Opened, browser, save  # noqa: F401 - fixture
from test_browser_controls import set_range, toggle, visible

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def corpus_map(corpus_documents, gazetteer, tmp_path_factory, map_assets):  # noqa: F811
    from geo_syria.pipeline import analyze

    dev = analyze(list(corpus_documents), gazetteer=gazetteer)
    report = clone_report(dev, 25)
    path = tmp_path_factory.mktemp("corpus10k") / "corpus10k.html"
    return report, save(report, path, map_assets, title="geo_syria: 10,000 articles")


def test_a_ten_thousand_article_map_works(browser, corpus_map):  # noqa: F811
    from playwright.sync_api import expect

    report, path = corpus_map
    assert len(report.documents) > 9_900
    page_text = path.read_text(encoding="utf-8")
    pieces = re.findall(r'<script type="application/json" data-gs="[^"]+">', page_text)
    assert len(pieces) > 10  # the data in pieces, not one parser-blocking element
    opened = Opened(browser, path)
    try:
        everything = visible(opened)
        assert everything["places"] == len(report.places)
        # the busiest place: its popup says how many mentions, the pager how many it holds
        busiest = max(report.places, key=lambda rp: len(rp.resolutions))
        total = len(busiest.resolutions)
        search = opened.page.locator(".gs-search input")
        search.fill(busiest.place.name)
        search.press("Enter")
        pager = opened.page.locator(".leaflet-popup-content .gs-pager")
        pager.wait_for()
        assert f"{total:,} mentions" in opened.page.locator(".leaflet-popup-content").inner_text()
        pager.locator('button[data-gs-go="last"]').click()
        # the page turns when the evidence is parsed: wait for it (a busy machine is slow)
        expect(pager).to_contain_text(f"of {total:,} · the first")
        assert "are in this map, all in the export" in pager.inner_text()
        opened.page.keyboard.press("Escape")
        # the verdict toggles and the date range
        verdict = next(iter({c.verdict for c in report.claims}))
        toggle(opened, f"verdict:{verdict}")
        assert visible(opened)["claims"] < everything["claims"]
        toggle(opened, f"verdict:{verdict}")
        last = opened.page.evaluate("() => +document.querySelector('.gs-to').max")
        set_range(opened, 0, last // 4)
        assert 0 < visible(opened)["places"] < everything["places"]
        set_range(opened, 0, last)
        assert visible(opened) == everything
        # the heatmap, off at first, on from the layer control
        assert opened.count("canvas.leaflet-heatmap-layer") == 0
        # (the open filter panel pushes the layer list over the date range: click by event)
        opened.page.locator(".leaflet-control-layers-overlays label", has_text="heatmap").locator(
            "input"
        ).dispatch_event("click")
        assert opened.count("canvas.leaflet-heatmap-layer") == 1
        assert opened.errors == [] and opened.requests == []
    finally:
        opened.page.close()
