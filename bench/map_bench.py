"""Map rendering speed and size for 100, 1,000 and 10,000 places, and browser load time.

Synthetic reports put places at random points in Syria (one mention each, dated).
For each size it prints the time ``render_map`` + HTML rendering takes, the size of
the tiled and of the self-contained file, and — for the self-contained file, in
headless Chromium with the network blocked — how long the page takes to reach
Leaflet's ``load`` event and to have every marker in its cluster group.

Run: ``python bench/map_bench.py [--sizes 100 1000 10000] [--no-browser]``
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from _reports import big_report  # noqa: E402

from geo_syria.render import render_map  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]

# Leaflet's load event can fire before this script is injected, so the page records it
# in a listener added right after the map is created (folium's map variable is global).
_LOAD_PROBE = """
() => new Promise(resolve => {
    const map = window[document.querySelector('.folium-map').id];
    const done = () => resolve(performance.now());
    if (map._loaded) { done(); } else { map.once('load', done); }
})
"""


def render(n: int, *, self_contained: bool) -> tuple[float, str]:
    report = big_report(n)
    start = time.perf_counter()
    m = render_map(
        report, tiles=None if self_contained else "OpenStreetMap", self_contained=self_contained
    )
    html = m.get_root().render()
    return time.perf_counter() - start, html


def browser_times(path: Path, n: int) -> tuple[float, float]:
    """Milliseconds from navigation to Leaflet's load, and to all markers clustered."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 860})
        page.route(
            "**/*",
            lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort(),
        )
        page.goto(path.as_uri(), wait_until="domcontentloaded")
        loaded = page.evaluate(_LOAD_PROBE)
        page.wait_for_function(
            f"() => window.geoSyria.places.getLayers().length === {n}", timeout=120_000
        )
        markers = page.evaluate("() => performance.now()")
        browser.close()
    return loaded, markers


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1_000, 10_000])
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args(argv)
    render_map(big_report(10), tiles=None, self_contained=True)  # warm imports and asset cache
    header = (
        f"{'places':>7} {'render s':>9} {'tiled MB':>9} {'render s (sc)':>14} "
        f"{'self-contained MB':>18} {'load ms':>8} {'markers ms':>11}"
    )
    print(header)
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            t_tiled, html_tiled = render(n, self_contained=False)
            t_sc, html_sc = render(n, self_contained=True)
            path = Path(tmp) / f"map_{n}.html"
            path.write_text(html_sc, encoding="utf-8")
            loaded = markers = float("nan")
            if not args.no_browser and Path(CHROMIUM).exists():
                loaded, markers = browser_times(path, n)
            print(
                f"{n:>7} {t_tiled:>9.2f} {len(html_tiled.encode()) / 1e6:>9.2f} {t_sc:>14.2f} "
                f"{len(html_sc.encode()) / 1e6:>18.2f} {loaded:>8.0f} {markers:>11.0f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
