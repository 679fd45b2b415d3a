"""The map as rendered HTML: markers, escaped popups, legend, layers, tiles, self-contained."""

from __future__ import annotations

import dataclasses
import html
import json
import re

import pytest
from _assets import map_assets  # noqa: F401 - fixture
from _reports import DOC_A, HAMA_GOVERNORATE, JOBAR, big_report, map_report

from geo_syria.exc import InvalidOptionError
from geo_syria.recognize import Mention
from geo_syria.render import render_map, resolve_tiles
from geo_syria.render.popups import MAX_SENTENCE_CHARS, claim_label, highlight
from geo_syria.report import DocumentStatus, Report, ReportPlace
from geo_syria.resolve import Resolution

REMOTE_REF = re.compile(
    r"""<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.IGNORECASE
)


def html_of(report, **kwargs):
    kwargs.setdefault("cdn", "self_contained" not in kwargs)
    return render_map(report, **kwargs).get_root().render()


def data_of(html, layer):
    """The JSON array a geo_syria layer builds its features from (popups put back in)."""
    match = re.search(
        rf"var {layer}_\w+ = \(function \((?:map)?\) \{{.*?"
        r"var data = (\[.*?\])(?:, popups = null)?;\n",
        html,
        re.S,
    )
    assert match, f"no {layer} data in the page"
    records = json.loads(match.group(1))
    name = re.search(rf"var ({layer}_\w+) = ", html).group(1)
    pieces = re.findall(rf'<script type="application/json" data-gs="{name}">(.*?)</script>', html)
    popups = [p for piece in pieces for p in json.loads(piece)]
    if popups:  # the places' and claims' popups, read at the first click
        for record, popup in zip(records, popups, strict=True):
            record["p"] = popup
    return records


@pytest.fixture(scope="module")
def report():
    return map_report()


@pytest.fixture(scope="module")
def page(report):
    return html_of(report, title="Fixture map")


def test_one_marker_per_resolved_place(report, page):
    records = data_of(page, "geo_syria_places")
    assert len(records) == len(report.places) == 9
    assert {r["t"] for r in records} == {rp.place.name for rp in report.places}


def test_markers_styled_by_feature_type_and_syria(page):
    classes = {r["t"]: r["c"] for r in data_of(page, "geo_syria_places")}
    assert "gs-settlement" in classes["Hama"] and "gs-in" in classes["Hama"]
    assert "gs-quarter" in classes["Jobar"]
    assert "gs-admin" in classes["Eastern Ghouta"]
    assert "gs-out" in classes["Geneva"]


def test_popup_lists_every_mention_with_evidence(page):
    popups = {r["t"]: r["p"] for r in data_of(page, "geo_syria_places")}
    hama = popups["Hama"]
    assert hama.count("<li>") == 3 and hama.count("<mark>Hama</mark>") == 3
    assert "Hama offensive" in hama and "2017-03-23" in hama and "fixture" in hama
    assert "geonames:170017" in hama and "precision ±5 km" in hama
    jobar = popups["Jobar"]
    assert "Rebels attacked <mark>Jobar</mark> in Damascus on Tuesday." in jobar


def test_precision_circles_and_extents(page):
    records = data_of(page, "geo_syria_precision")
    names = {r["n"] for r in records}
    assert "Old City" in names and "Eastern Ghouta" in names and "Hama" in names
    assert "Jobar" not in names  # 700 m neighbourhood: precise enough, no circle
    old_city = next(r for r in records if r["n"] == "Old City")
    assert old_city["g"]["type"] == "Polygon"


def test_claims_layer_lines_regions_and_labels(report, page):
    records = data_of(page, "geo_syria_claims")
    assert [r["v"] for r in records] == ["consistent", "inconsistent", "unverifiable"]
    assert all(r["g"]["type"] == "Polygon" and r["l"] for r in records)
    assert records[0]["t"] == "claimed 20 km N · measured 17.8 km N"
    assert records[0]["c"] != records[1]["c"] != records[2]["c"]
    # the unverifiable claim's line goes to the estimate of the unresolved subject
    assert records[2]["l"][1] == [35.13, 36.59]


def test_estimates_unresolved_panel_legend_title(page):
    estimates = data_of(page, "geo_syria_estimates")
    assert len(estimates) == 1 and estimates[0]["t"].startswith("≈ Tell Zaytun")
    assert "Unresolved names (1)" in page and "Tell Zaytun (≈ estimated)" in page
    for entry in ("claim consistent", "claim inconsistent", "claim unverifiable", "outside Syria"):
        assert entry in page
    assert "Fixture map" in page and "<title>Fixture map</title>" in page


def test_layer_control_names_and_plugins(page):
    for layer in ('"Places"', '"Claims"', '"Estimates"', '"Place precision"'):
        assert layer in page
    assert '"Admin boundaries"' not in page  # no boundaries given
    for plugin in ("L.control.fullscreen", "L.Control.Measure", "L.Control.MiniMap"):
        assert plugin in page
    assert "tile.openstreetmap.org" in page and "openstreetmap.org/copyright" in page
    assert "fitBounds" in page


def test_admin_boundaries_layer_when_given(report):
    page = html_of(report, boundaries=[HAMA_GOVERNORATE, JOBAR])
    assert '"Admin boundaries"' in page and '"governorate"' in page


def test_time_slider_only_with_dates(report, page):
    assert '"2017-03-21","2017-03-23"' in page and 'type = "range"' in page
    undated = Report(
        tuple(
            DocumentStatus(dataclasses.replace(s.document, published=None), s.status)
            for s in report.documents
        ),
        report.places,
        report.resolutions,
        report.claims,
    )
    assert 'type = "range"' not in html_of(undated)


def test_clusters_above_threshold():
    small, big = html_of(big_report(20)), html_of(big_report(60))
    assert "L.markerClusterGroup" not in small and "markercluster" not in small
    assert "L.markerClusterGroup" in big and "leaflet.markercluster.js" in big
    assert "gsClusterIcon" in big and ".marker-cluster.gs-cluster {" in big  # grey clusters


def test_empty_report_is_a_valid_page_centred_on_syria():
    page = html_of(Report((), (), (), ()))
    assert "fitBounds" in page and "[[32.3, 35.6], [37.4, 42.4]]" in page
    assert data_of(page, "geo_syria_places") == []
    assert "Unresolved names" not in page and 'type = "range"' not in page


HOSTILE = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    'O\'Brien "quoted" </script><!-- & stuff',
    "\u2028line separator\u2029",
]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_article_text_and_names_are_escaped(hostile):
    text = f"Jobar {hostile} fell."
    doc = dataclasses.replace(DOC_A, text=text, title=hostile)
    mention = Mention(doc.id, 0, 5, "Jobar", text, 0)
    place = dataclasses.replace(JOBAR, name=f"Jobar {hostile}")
    rp = ReportPlace(place, (Resolution(mention, place, 0.9),), 0.9)
    unresolved = Resolution(Mention(doc.id, 6, 6 + len(hostile), hostile, text, 0), None)
    report = Report((DocumentStatus(doc, "ok"),), (rp,), (rp.resolutions[0], unresolved), ())
    page = html_of(report, title=hostile)
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert all(hostile not in script for script in scripts)  # never raw inside JS
    assert hostile not in page or html.escape(hostile) == hostile  # nor raw in HTML
    assert "<script>window.__pwned" not in page and 'onerror="window' not in page
    assert page.count("</script>") == page.count("<script")
    record = data_of(page, "geo_syria_places")[0]
    assert record["t"] == place.name  # the raw name is only used as a text property
    assert "<script" not in record["p"] and "<img" not in record["p"]
    assert "&lt;" in record["p"] or "&#x27;" in record["p"] or "\u2028" in record["p"]


def test_long_sentence_is_truncated_with_ellipsis():
    sentence = "Jobar " + "word " * 200_000 + "end."
    assert len(sentence) > 1_000_000
    doc = dataclasses.replace(DOC_A, text=sentence)
    mention = Mention(doc.id, 0, 5, "Jobar", sentence, 0)
    rp = ReportPlace(JOBAR, (Resolution(mention, JOBAR, 0.9),), 0.9)
    page = html_of(Report((DocumentStatus(doc, "ok"),), (rp,), rp.resolutions, ()))
    popup = data_of(page, "geo_syria_places")[0]["p"]
    assert "<mark>Jobar</mark>" in popup and "…" in popup
    assert len(page) < 600_000 and len(popup) < MAX_SENTENCE_CHARS + 1_000


@pytest.mark.parametrize(
    ("sentence", "start", "end", "expected"),
    [
        ("Soran fell.", 0, 5, "<mark>Soran</mark> fell."),
        ("a<b Hama", 4, 8, "a&lt;b <mark>Hama</mark>"),
        ("Hama", 10, 20, "Hama<mark></mark>"),  # offsets past the end are clamped
    ],
)
def test_highlight(sentence, start, end, expected):
    assert highlight(sentence, start, end) == expected


def test_claim_label_of_fixture(report):
    assert claim_label(report.claims[1]) == "claimed 10 km S · measured 8 km NNE"


@pytest.mark.parametrize(
    "name", ["OpenStreetMap", "openstreetmap", "CartoDB.Positron", "OpenTopoMap"]
)
def test_tiles_accepts_xyzservices_names(name):
    assert resolve_tiles(name).build_url(apikey="x").startswith("https://")


@pytest.mark.parametrize("bad", ["Narnia", "", "OpenStreetMap.Nope", "http://x/{z}/{x}/{y}.png"])
def test_tiles_rejects_unknown_names(report, bad):
    with pytest.raises(InvalidOptionError, match=r"tiles=.* is not an xyzservices provider.*"):
        render_map(report, tiles=bad, cdn=True)


@pytest.mark.parametrize("kwargs", [{}, {"self_contained": True}])
def test_offline_map_rejects_tiles(report, kwargs):
    with pytest.raises(InvalidOptionError, match=r"tiles='CartoDB.Positron' needs cdn=True"):
        render_map(report, tiles="CartoDB.Positron", **kwargs)


def test_cdn_and_self_contained_contradict(report):
    with pytest.raises(InvalidOptionError, match="cdn=True contradicts self_contained=True"):
        render_map(report, cdn=True, self_contained=True)


@pytest.mark.parametrize("bad", [-1, float("nan"), "many"])
def test_cluster_threshold_validated(report, bad):
    with pytest.raises(InvalidOptionError, match="cluster_threshold="):
        render_map(report, cluster_threshold=bad, cdn=True)


@pytest.mark.parametrize("kwargs", [{"cdn": False}, {"self_contained": True}])
def test_offline_page_has_no_remote_references(report, map_assets, kwargs):  # noqa: F811
    page = html_of(report, assets_dir=map_assets, **kwargs)
    assert not REMOTE_REF.search(page)
    assert not re.search(r"""<script src=["']?http|<link href=["']?http""", page)
    assert "L.Icon.Default.imagePath" in page  # the measure tool's marker icon inlined
    assert "tile.openstreetmap.org" not in page and "{z}" not in page
    assert "L.markerClusterGroup" in page or "Leaflet" in page
    assert "gs-plain" in page  # a plain background instead of tiles
    assert "L.Control.MiniMap = " in page or "Control.MiniMap" in page
    assert "data:image/png;base64," in page  # CSS images inlined


def test_import_geo_syria_does_not_import_folium():
    import subprocess
    import sys

    code = (
        "import sys, geo_syria, geo_syria.render, geo_syria.render.popups; "
        "print([m for m in ('folium', 'branca', 'playwright') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_offline_and_not_cached_is_a_one_line_error(report, tmp_path, monkeypatch):
    from geo_syria.exc import OfflineError

    monkeypatch.setenv("GEO_SYRIA_CACHE", str(tmp_path))
    monkeypatch.setenv("GEO_SYRIA_NPM_REGISTRY", "http://127.0.0.1:9")
    message = (
        r"^map assets not downloaded and cannot reach .*leaflet-1\.9\.3\.tgz.*: "
        r"run 'geo-syria assets fetch' once online[^\n]*$"
    )
    with pytest.raises(OfflineError, match=message):
        render_map(report)


def test_cdn_page_loads_no_unused_libraries(page):
    assert "jquery" not in page.lower() and "bootstrap" not in page.lower()
    assert "awesome" not in page.lower()
    assert "unpkg.com/leaflet" in page or "cdn.jsdelivr.net/npm/leaflet" in page


def test_quarter_labels_hidden_at_country_zoom(page):
    assert ".gs-zoom-low .gs-label-gs-neighbourhood," in page
    assert '"gs-zoom-low", map.getZoom() < 10' in page


def test_popup_shows_why_a_place_was_chosen():
    from geo_syria.render.popups import place_popup

    mention = Mention("a", 16, 21, "Jobar", "Rebels attacked Jobar.", 0)
    why = ("admin context: Damascus <city>", "neighbourhood cue")
    rp = ReportPlace(JOBAR, (Resolution(mention, JOBAR, 0.87, reasons=why),), 0.87)
    popup = place_popup(rp, {"a": DOC_A})
    assert "why: admin context: Damascus &lt;city&gt;; neighbourhood cue (0.87)" in popup


@pytest.mark.parametrize(
    "template_code",
    [
        "{{ 7*7 }}",
        "{% if true %}yes{% endif %}",
        "{# hidden #}",
        "{{ cycler.__init__.__globals__.os.getcwd() }}",
    ],
)
def test_article_text_is_never_template_code(template_code):
    """branca re-parses rendered scripts as Jinja; article text must come out as written."""
    text = f"Jobar {template_code} fell."
    doc = dataclasses.replace(DOC_A, text=text, title=template_code)
    mention = Mention(doc.id, 0, 5, "Jobar", text, 0)
    place = dataclasses.replace(JOBAR, name=f"Jobar {template_code}")
    rp = ReportPlace(place, (Resolution(mention, place, 0.9),), 0.9)
    unresolved = Resolution(
        Mention(doc.id, 6, 6 + len(template_code), template_code, text, 0), None
    )
    report = Report((DocumentStatus(doc, "ok"),), (rp,), (rp.resolutions[0], unresolved), ())
    page = html_of(report, title=template_code)
    record = data_of(page, "geo_syria_places")[0]
    assert record["t"] == place.name  # the JSON decodes back to the exact text
    assert html.escape(template_code) in record["p"]
    scripts = "".join(re.findall(r"<script>(.*?)</script>", page, re.S))
    assert "{{" not in scripts and "{%" not in scripts and "{#" not in scripts
    assert f"<title>{html.escape(template_code)}</title>" in page  # shown as written
    assert "Jobar 49" not in page and "Jobar yes" not in page


def test_unresolved_panel_lists_claim_subjects_read_from_words(gazetteer):
    from geo_syria import analyze

    # "The town" is no gazetteer name: its claim reads it from the words before it
    report = analyze(
        "The town lies 20 km north of Hama. Rebels shelled the village of Zor Zor.",
        gazetteer=gazetteer,
    )
    assert [r.mention.text for r in report.unresolved] == ["Zor Zor"]
    page = html_of(report, title="Subjects")
    assert "Unresolved names (2)" in page
    assert "The town (≈ estimated)" in page


def test_heatmap_of_mentions_hidden_at_first(page, report):
    assert '"Mentions heatmap"' in page and "L.heatLayer(" in page
    assert "leaflet-heat.js" in page  # cdn page: from the npm package's CDN path


def test_marker_size_grows_with_mentions():
    from geo_syria.render.places_layer import _marker_size

    assert (
        _marker_size("village", 1)
        == 11
        < _marker_size("village", 4)
        < _marker_size("village", 10**6)
    )
    assert _marker_size("village", 10**6) == 19  # capped
