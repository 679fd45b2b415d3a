"""Place labels on the samples' map in headless Chromium: no two shown labels overlap.

The Hama front (Suran, Maardas, Khattab, Hama) and Damascus beside Eastern Ghouta and
Jobar crowd each other at country zoom; the page shows a label only where it does not
intersect one already shown (most mentioned first), and a hidden label's place still
shows its name while the pointer is over its marker.
"""

from __future__ import annotations

import pytest
from _assets import map_assets  # noqa: F401 - fixture
from test_browser import Opened, browser, save  # noqa: F401 - fixture

pytestmark = pytest.mark.browser

#: The boxes of the labels the page shows, by place name.
_SHOWN = """() => {
    const out = [];
    document.querySelectorAll('.gs-label').forEach(el => {
        const s = getComputedStyle(el), b = el.getBoundingClientRect();
        if (s.display === 'none' || s.visibility === 'hidden' || b.width === 0) { return; }
        out.push({name: el.textContent, left: b.left, right: b.right, top: b.top,
                  bottom: b.bottom});
    });
    return out;
}"""


def overlapping(boxes: list[dict]) -> list[tuple[str, str]]:
    return [
        (a["name"], b["name"])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a["left"] < b["right"]
        and b["left"] < a["right"]
        and a["top"] < b["bottom"]
        and b["top"] < a["bottom"]
    ]


@pytest.fixture(scope="module")
def samples_map(samples_dir, tmp_path_factory, map_assets):  # noqa: F811
    from geo_syria.documents import read_documents
    from geo_syria.pipeline import analyze

    report = analyze(list(read_documents(sorted(samples_dir.glob("*.txt")))))
    path = tmp_path_factory.mktemp("labels") / "samples.html"
    return report, save(report, path, map_assets, title="geo_syria: samples")


def set_view(opened: Opened, centre, zoom) -> None:
    opened.page.evaluate(
        "([c, z]) => window[document.querySelector('.folium-map').id].setView(c, z)",
        [centre, zoom],
    )
    opened.page.wait_for_timeout(400)


def test_labels_do_not_overlap_and_hidden_ones_show_on_hover(browser, samples_map):  # noqa: F811
    report, path = samples_map
    names = {rp.place.name for rp in report.places}
    assert {"Hama", "Damascus", "Eastern Ghouta"} <= names
    opened = Opened(browser, path)
    try:
        shown = opened.page.evaluate(_SHOWN)
        assert len(shown) >= 3 and overlapping(shown) == []
        hidden = opened.page.evaluate(
            "() => Array.from(document.querySelectorAll('.gs-label.gs-label-hidden'))"
            ".map(el => el.textContent)"
        )
        assert hidden, "the overview crowds some labels: they are hidden"
        # the most mentioned of a crowded pair keeps its label
        most = max(report.places, key=lambda rp: len(rp.resolutions)).place.name
        assert most in {b["name"] for b in shown}
        # a hidden label's place still shows its name while the pointer is on its marker
        name = hidden[0]
        marker = opened.page.locator(f'.leaflet-marker-icon[title="{name}"]').first
        marker.hover(force=True)
        opened.page.wait_for_timeout(100)
        assert name in {b["name"] for b in opened.page.evaluate(_SHOWN)}
        opened.page.mouse.move(2, 2)
        opened.page.wait_for_timeout(100)
        assert name not in {b["name"] for b in opened.page.evaluate(_SHOWN)}
        # zoomed in on the Hama front and on Damascus: still no overlap, more labels shown
        for centre, zoom in (([35.21, 36.76], 10), ([33.52, 36.34], 11), ([33.52, 36.34], 13)):
            set_view(opened, centre, zoom)
            boxes = opened.page.evaluate(_SHOWN)
            assert boxes and overlapping(boxes) == [], (centre, zoom)
        assert opened.errors == [] and opened.requests == []
        opened.screenshot(path.parent / "labels.png")
    finally:
        opened.page.close()
