"""The self-contained map in headless Chromium, with every network request blocked.

Checks that Leaflet loads from the inlined assets, that the drawn markers and claim
shapes match the report, that popups show their evidence, that a ``<script>``
planted in an article never runs, and that the console stays clean. Screenshots are
saved under the test's tmp dir (paths printed); with
``GEO_SYRIA_UPDATE_SCREENSHOT=1`` the samples' map is also written to
``docs/map_screenshot.png`` for the README.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from _assets import map_assets  # noqa: F401 - fixture
from _reports import big_report, map_report
from conftest import skip_or_fail_in_ci

from geo_syria.render import render_map

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[1]
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

PLANTED = (
    "Shelling hit <script>window.__pwned=1;document.title='pwned'</script> Jobar on Monday, "
    'a <img src=x onerror="window.__pwned=2"> resident said. Rebels took Soran, '
    "20 km north of Hama.\n"
)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        skip_or_fail_in_ci(
            f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


class Opened:
    """A page with a map loaded, and what went wrong while loading it."""

    def __init__(self, browser, path: Path, *, cdn=None) -> None:
        self.cdn = cdn
        self.page = browser.new_page(viewport={"width": 960, "height": 720})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.route("**/*", self._route)
        self.page.goto(path.as_uri())
        self.page.wait_for_function(
            "() => window.L && window.geoSyria && window.geoSyria.places && "
            "window[document.querySelector('.folium-map').id]._loaded === true"
        )
        self.page.wait_for_timeout(300)  # chunked cluster loading and label layout

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:")):
            route.continue_()
            return
        target = self._local(url)
        if target is None:
            self.requests.append(url)
            route.abort()
        else:
            kind = "text/css" if ".css" in url else "application/javascript"
            route.fulfill(status=200, body=target, content_type=kind)

    def _local(self, url: str) -> str | None:
        """A CDN file served from the asset tarballs (only when ``cdn`` was given)."""
        if self.cdn is None:
            return None
        from geo_syria.render.assets import _lookup

        try:
            target = _lookup(url)
        except KeyError:
            return None
        return "" if target is None else self.cdn.text(*target)

    def count(self, selector: str) -> int:
        return self.page.locator(selector).count()

    def places_drawn(self) -> int:
        """Single markers plus the places counted inside cluster icons."""
        return self.page.evaluate(
            """() => {
                let n = 0;
                document.querySelectorAll('.leaflet-marker-icon').forEach(el => {
                    n += el.classList.contains('marker-cluster') ? +el.textContent : 1;
                });
                return n;
            }"""
        )

    def screenshot(self, path: Path) -> None:
        self.page.screenshot(path=str(path))
        print(f"screenshot: {path}")


def claim_shapes(report) -> int:
    """Paths the claims pane should hold: a region and a line per drawable claim.

    A claim several reports make is drawn once (one group of repeated claims).
    """
    from geo_syria.render.repeated import claim_groups

    n = 0
    for group in claim_groups(report.claims):
        check = group[0].check
        n += check is not None and check.region is not None and not check.region.is_empty
        subject = group[0].subject.place is not None or (
            check is not None and check.estimate_lat is not None
        )
        n += group[0].anchor.place is not None and subject
    return n


#: The samples' screenshots: the whole map, then Hama's and Damascus's surroundings.
VIEWS = (
    ("overview", None, None),
    ("hama", [35.21, 36.76], 11),
    ("damascus", [33.52, 36.34], 12),
    ("jobar", [33.522, 36.322], 14),  # Jobar, Abbasiyin, Tijara, the Old City walls
)


def compose(browser, images: list[Path], out: Path) -> Path:
    """Place screenshots two to a row in one PNG (drawn by the browser: no imaging library)."""
    import base64

    tags = "".join(
        f'<img src="data:image/png;base64,{base64.b64encode(p.read_bytes()).decode()}">'
        for p in images
    )
    columns = min(2, len(images))
    rows = -(-len(images) // columns)
    page = browser.new_page(viewport={"width": 960 * columns, "height": 720 * rows})
    try:
        page.set_content(
            f"<style>body{{margin:0;display:flex;flex-wrap:wrap;width:{960 * columns}px}}"
            "img{width:960px;height:720px;box-sizing:border-box;border:1px solid #fff}"
            f"</style>{tags}"
        )
        page.screenshot(path=str(out))
    finally:
        page.close()
    print(f"screenshot: {out}")
    return out


def save(report, path: Path, assets: Path, **kwargs) -> Path:
    m = render_map(report, assets_dir=assets, **kwargs)
    m.save(str(path))
    return path


def test_fixture_map(browser, tmp_path, map_assets):  # noqa: F811
    report = map_report()
    opened = Opened(browser, save(report, tmp_path / "fixture.html", map_assets))
    try:
        assert opened.count(".leaflet-marker-icon") == len(report.places) == 9
        assert opened.count(".leaflet-claims-pane path") == claim_shapes(report) == 6
        assert opened.count(".leaflet-estimates-pane path") == 2  # circle and dot
        assert opened.count(".leaflet-control-layers") == 1
        assert opened.count(".leaflet-control-minimap") == 1
        popup_text = open_popup(opened, "Hama")
        assert "Hama offensive" in popup_text and "2017-03-23" in popup_text
        assert "geonames:170017" in popup_text
        assert opened.page.locator(".leaflet-popup-content mark").first.inner_text() == "Hama"
        # the time slider: back to the first date leaves doc a's four places
        opened.page.evaluate(
            """() => { const s = document.querySelector('.gs-slider input');
                       s.value = 0; s.dispatchEvent(new Event('input')); }"""
        )
        assert opened.count(".leaflet-marker-icon") == 4
        assert opened.errors == [] and opened.requests == []
        opened.screenshot(tmp_path / "fixture.png")
    finally:
        opened.page.close()


def open_popup(opened: Opened, name: str) -> str:
    opened.page.locator(f'.leaflet-marker-icon[title="{name}"]').first.dispatch_event("click")
    popup = opened.page.locator(".leaflet-popup-content")
    popup.wait_for()
    return popup.inner_text()


def test_ten_thousand_places_cluster(browser, tmp_path, map_assets):  # noqa: F811
    report = big_report(10_000)
    opened = Opened(browser, save(report, tmp_path / "big.html", map_assets))
    try:
        opened.page.wait_for_function(
            "() => window.geoSyria.places.getLayers().length === 10000", timeout=30_000
        )
        assert opened.count(".marker-cluster") > 0
        assert opened.places_drawn() == 10_000
        # a clustered marker opens its popup once its cluster is spread out
        name = opened.page.evaluate(
            """() => new Promise(done => {
                const m = window.geoSyria.places.gsMarkers[0];
                window.geoSyria.places.zoomToShowLayer(m, () => done(m.options.title));
            })"""
        )
        assert f"<mark>{name}</mark>" not in open_popup(opened, name)  # text, not markup
        assert opened.page.locator(".leaflet-popup-content mark").first.inner_text() == name
        assert opened.errors == [] and opened.requests == []
    finally:
        opened.page.close()


def test_samples_map(browser, tmp_path, samples_dir, map_assets):  # noqa: F811
    from geo_syria.documents import read_documents
    from geo_syria.pipeline import analyze

    planted = tmp_path / "planted.txt"
    planted.write_text(PLANTED, encoding="utf-8")
    samples = sorted(samples_dir.glob("*.txt"))
    report = analyze(list(read_documents([*samples, planted])))
    page_path = save(report, tmp_path / "samples.html", map_assets, title="geo_syria: samples")
    opened = Opened(browser, page_path)
    try:
        assert opened.places_drawn() == len(report.places)
        assert opened.count(".leaflet-claims-pane path") == claim_shapes(report) > 0
        assert opened.page.evaluate("() => window.__pwned") is None
        assert opened.page.title() != "pwned"
        popup_text = open_popup(opened, "Jobar")
        # the planted markup is shown as text, not run
        assert "<script>window.__pwned=1;" in popup_text
        assert opened.count(".leaflet-popup-content script") == 0
        assert opened.count(".leaflet-popup-content img") == 0
        assert opened.page.evaluate("() => window.__pwned") is None
        assert opened.errors == [] and opened.requests == []
        opened.page.keyboard.press("Escape")
        opened.page.evaluate("() => window[document.querySelector('.folium-map').id].closePopup()")
        # Damascus's and Hama's places lie a few km apart: zoomed views beside the overview
        views = []
        for name, centre, zoom in VIEWS:
            if centre is not None:
                opened.page.evaluate(
                    "([c, z]) => window[document.querySelector('.folium-map').id].setView(c, z)",
                    [centre, zoom],
                )
                opened.page.wait_for_timeout(500)
            views.append(tmp_path / f"samples_{name}.png")
            opened.screenshot(views[-1])
        composite = compose(browser, views, tmp_path / "samples_views.png")
        if os.environ.get("GEO_SYRIA_UPDATE_SCREENSHOT") == "1":
            target = ROOT / "docs" / "map_screenshot.png"
            target.parent.mkdir(exist_ok=True)
            shutil.copyfile(composite, target)
            print(f"README screenshot updated: {target}")
    finally:
        opened.page.close()


def test_tiled_map_with_the_cdn_served_locally(browser, tmp_path, map_assets):  # noqa: F811
    """The ``cdn=True`` page: CDN files answered from the tarballs, tiles cut."""
    from geo_syria.render.assets import AssetBundle

    report = map_report()
    path = tmp_path / "tiled.html"
    render_map(report, cdn=True).save(str(path))
    opened = Opened(browser, path, cdn=AssetBundle(map_assets))
    try:
        assert opened.count(".leaflet-marker-icon") == len(report.places)
        assert opened.count(".leaflet-claims-pane path") == claim_shapes(report)
        assert "OpenStreetMap" in opened.page.locator(".leaflet-control-attribution").inner_text()
        assert any("tile.openstreetmap.org" in url for url in opened.requests)
        page_errors = [e for e in opened.errors if "Failed to load resource" not in e]
        assert page_errors == []
    finally:
        opened.page.close()
