"""Repeated claims in headless Chromium, network blocked: one feature listing its reports.

Also the layer control's choices, remembered in the page across a reload.
"""

from __future__ import annotations

import pytest
from _assets import map_assets  # noqa: F401 - fixture
from _reports import copy_document, map_report
from test_browser import Opened, browser, claim_shapes, save  # noqa: F401 - fixture
from test_render_repeated import WIRE_COPY

pytestmark = pytest.mark.browser


def test_two_reports_of_a_claim_are_one_feature_listing_both(browser, tmp_path, map_assets):  # noqa: F811
    single = map_report()
    twice = copy_document(single, "b", WIRE_COPY)
    assert len(twice.claims) == 2 * len(single.claims)
    opened = Opened(browser, save(twice, tmp_path / "twice.html", map_assets))
    try:
        # as many shapes as one report's claims draw: each repeated claim is drawn once
        assert opened.count(".leaflet-claims-pane path") == claim_shapes(single) == 6
        opened.page.locator(".leaflet-claims-pane path.gs-claim-line").first.dispatch_event("click")
        popup = opened.page.locator(".leaflet-popup-content")
        popup.wait_for()
        text = popup.inner_text()
        assert "reported 2 times" in text
        assert "Hama offensive" in text and "2017-03-23" in text
        assert "Hama offensive (wire)" in text and "2017-03-24" in text
        assert popup.locator(".gs-mentions > li").count() == 2
        assert opened.errors == [] and opened.requests == []
    finally:
        opened.page.close()


def test_layer_choices_are_remembered(browser, tmp_path, map_assets):  # noqa: F811
    opened = Opened(browser, save(map_report(), tmp_path / "layers.html", map_assets))
    try:
        page = opened.page
        assert opened.count(".leaflet-claims-pane path") == 6
        page.locator(".leaflet-control-layers").hover()
        claims = page.locator(".leaflet-control-layers-overlays label", has_text="Claims")
        claims.locator("input").click()
        heat = page.locator(".leaflet-control-layers-overlays label", has_text="heatmap")
        heat.locator("input").click()
        assert opened.count(".leaflet-claims-pane path") == 0
        page.reload()
        page.wait_for_function("() => window.geoSyria && window.geoSyria.visible")
        assert opened.count(".leaflet-claims-pane path") == 0  # still off
        assert page.evaluate("() => !!window.geoSyria.heat._map")  # the heatmap still on
        assert claims.locator("input").is_checked() is False
        assert opened.errors == [] and opened.requests == []
    finally:
        opened.page.close()
