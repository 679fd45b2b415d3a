"""The dev corpus's offline map in headless Chromium, network blocked: outlines, no requests.

With ``GEO_SYRIA_UPDATE_SCREENSHOT=1`` the overview is written to ``docs/map_overview.png``.
"""

from __future__ import annotations

import os
import shutil

import pytest
from _assets import map_assets  # noqa: F401 - fixture
from test_browser import ROOT, Opened, browser  # noqa: F401 - fixture

from geo_syria.render import render_map

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def corpus_report(corpus_documents, gazetteer):
    from geo_syria.pipeline import analyze

    return analyze(list(corpus_documents), gazetteer=gazetteer)


def test_corpus_map_offline(browser, tmp_path, corpus_report, gazetteer, map_assets):  # noqa: F811
    path = tmp_path / "corpus.html"
    render_map(
        corpus_report, boundaries=gazetteer, assets_dir=map_assets, title="geo_syria: dev corpus"
    ).save(str(path))
    opened = Opened(browser, path)
    try:
        assert opened.requests == []  # no request left the page
        assert opened.count("path.gs-country-syria") >= 1  # Syria's outline is drawn
        assert opened.count("path.gs-country") > 5  # and its neighbours'
        box = opened.page.locator("path.gs-country-syria").first.bounding_box()
        assert box["width"] > 300 and box["height"] > 300  # the first view is Syria
        n = len(corpus_report.places)
        assert opened.page.evaluate("() => window.geoSyria.places.getLayers().length") == n
        in_syria = sum(rp.place.in_syria for rp in corpus_report.places)
        assert opened.places_drawn() >= in_syria * 0.9  # places abroad may lie off the view
        assert opened.errors == []
        shot = tmp_path / "overview.png"
        opened.screenshot(shot)
        if os.environ.get("GEO_SYRIA_UPDATE_SCREENSHOT") == "1":
            target = ROOT / "docs" / "map_overview.png"
            target.parent.mkdir(exist_ok=True)
            shutil.copyfile(shot, target)
            print(f"README screenshot updated: {target}")
    finally:
        opened.page.close()
