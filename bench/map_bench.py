"""Map size and load at corpus size: the dev corpus repeated to 10,000 and 100,000 articles.

The 384 dev articles (``../shared/corpus/fakes_dev.csv``) are analysed once; their
per-document results are then cloned under new document ids (``tests/_reports.py``'s
``clone_report``: no text is analysed again) into corpora of about 10,000 and 100,000
articles (and the dev corpus itself, the baseline: what any map of its places costs). For
each, it prints the time ``render_map`` and the HTML take (CPU), the
self-contained file's size, and — in headless Chromium with the network blocked —
the time from navigation to Leaflet's ``load`` with every marker in its layer, and the
longest task the page ran (``PerformanceObserver("longtask")``, installed before the
page's scripts), medians of three loads. Beside them: the map before this work
(:data:`BEFORE`). Targets: the 100,000-article map loads in under 5 s with
no task over 500 ms.

Run: ``python bench/map_bench.py [--articles 10000 100000] [--no-browser]``
(``--places N ...`` also times the synthetic one-mention-per-place maps).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from _reports import big_report, clone_report  # noqa: E402

from geo_syria.render import render_map  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
CORPUS = Path(os.environ.get("GEO_SYRIA_SHARED", ROOT.parent / "shared")) / "corpus"

#: The map before this work: MB and the longest task in ms. 10,000 articles: main at
#: f80800c measured by this bench on the same machine (its 9.6 s load is not shown);
#: 100,000: issue 12's numbers (the old map of that corpus needs gigabytes to write).
BEFORE = {10_000: (110.9, 4_881.0), 100_000: (393.0, 16_000.0)}

# installed before any page script: records the longest task from the start
_LONG_TASKS = """
window.__gsLongest = 0;
new PerformanceObserver(list => list.getEntries().forEach(e => {
    window.__gsLongest = Math.max(window.__gsLongest, e.duration);
})).observe({entryTypes: ["longtask"]});
"""

# Leaflet's load event can fire before this runs: the map's _loaded flag says so
_LOADED = """
(n) => new Promise(resolve => {
    const check = () => {
        const map = window[(document.querySelector('.folium-map') || {}).id];
        const ok = map && map._loaded && window.geoSyria && window.geoSyria.places
            && window.geoSyria.places.getLayers().length === n;
        if (ok) { resolve(performance.now()); } else { setTimeout(check, 20); }
    };
    check();
})
"""


def dev_report():
    """The dev corpus analysed once (with its titles, dates and sources)."""
    from geo_syria import load_default_gazetteer
    from geo_syria.documents import read_documents
    from geo_syria.pipeline import analyze

    docs = read_documents(
        CORPUS / "fakes_dev.csv",
        text_column="article_content",
        id_column="unit_id",
        title_column="article_title",
        date_column="date",
        source_column="source",
    )
    return analyze(list(docs), gazetteer=load_default_gazetteer())


def render(report) -> tuple[float, str]:
    """CPU seconds of ``render_map`` and the page's HTML, and the HTML."""
    start = time.process_time()
    html = render_map(report).get_root().render()
    return time.process_time() - start, html


def browser_times(path: Path, places: int, *, runs: int = 3) -> tuple[float, float]:
    """Milliseconds to a loaded map with all its markers, and the longest task (medians).

    Each run opens the page in a new page of one headless Chromium; the median of
    ``runs`` tames the noise of a shared machine.
    """
    from statistics import median

    from playwright.sync_api import sync_playwright

    loads, longest = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1280, "height": 860})
            page.add_init_script(_LONG_TASKS)
            page.route(
                "**/*",
                lambda r: (
                    r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort()
                ),
            )
            page.goto(path.as_uri(), wait_until="commit", timeout=300_000)
            loads.append(page.evaluate(_LOADED, places))
            page.wait_for_timeout(1500)  # chunked loading and label layout finish
            longest.append(page.evaluate("() => window.__gsLongest"))
            page.close()
        browser.close()
    return median(loads), median(longest)


def corpus_rows(sizes: list[int], *, browser: bool) -> None:
    dev = dev_report()
    n_dev = len(dev.documents)
    print(
        f"dev corpus: {n_dev} articles, {len(dev.places)} places, "
        f"{len(dev.resolutions)} mentions, {len(dev.claims)} claims (analysed once)"
    )
    print(
        f"{'articles':>8} {'mentions':>9} {'claims':>7} {'render s':>9} {'map MB':>7} "
        f"{'load ms':>8} {'longest task ms':>16} {'before MB':>10} {'before longest ms':>18}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            report = clone_report(dev, max(0, round(size / n_dev) - 1))
            seconds, html = render(report)
            path = Path(tmp) / f"map_{size}.html"
            path.write_text(html, encoding="utf-8")
            loaded = longest = float("nan")
            if browser and Path(CHROMIUM).exists():
                loaded, longest = browser_times(path, len(report.places))
            old_mb, old_longest = BEFORE.get(size, (float("nan"), float("nan")))
            print(
                f"{len(report.documents):>8} {len(report.resolutions):>9} "
                f"{len(report.claims):>7} {seconds:>9.2f} {len(html.encode()) / 1e6:>7.2f} "
                f"{loaded:>8.0f} {longest:>16.0f} {old_mb:>10.0f} {old_longest:>18.0f}"
            )
            del report, html


def place_rows(sizes: list[int], *, browser: bool) -> None:
    print(f"{'places':>8} {'render s':>9} {'map MB':>7} {'load ms':>8} {'longest task ms':>16}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            seconds, html = render(big_report(n))
            path = Path(tmp) / f"places_{n}.html"
            path.write_text(html, encoding="utf-8")
            loaded = longest = float("nan")
            if browser and Path(CHROMIUM).exists():
                loaded, longest = browser_times(path, n)
            print(
                f"{n:>8} {seconds:>9.2f} {len(html.encode()) / 1e6:>7.2f} "
                f"{loaded:>8.0f} {longest:>16.0f}"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="*", default=[384, 10_000, 100_000])
    parser.add_argument("--places", type=int, nargs="*", default=[])
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args(argv)
    render_map(big_report(10))  # warm imports and the asset cache
    if args.articles:
        if not (CORPUS / "fakes_dev.csv").exists():
            print(f"{CORPUS / 'fakes_dev.csv'} is absent: no corpus rows")
        else:
            corpus_rows(args.articles, browser=not args.no_browser)
    if args.places:
        place_rows(args.places, browser=not args.no_browser)
    return 0


if __name__ == "__main__":
    sys.exit(main())
