"""The map's controls as rendered HTML: filters, search records, paged evidence."""

from __future__ import annotations

import dataclasses
import json
import re

from _reports import map_report

from geo_syria.place import Provenance
from geo_syria.render import render_map
from geo_syria.render.controls import unresolved_html
from geo_syria.render.evidence import evidence_records
from geo_syria.render.filters import filter_records, marker_order
from geo_syria.render.places_layer import place_records
from geo_syria.render.popups import place_popup, source_list
from geo_syria.render.search import fold_rules, search_records
from geo_syria.report import ReportPlace


def html_of(report, **kwargs) -> str:
    return render_map(report, tiles=None, **kwargs).get_root().render()


def documents_of(report) -> dict:
    return {s.document.id: s.document for s in report.documents}


def test_marker_order_is_the_places_layer_order():
    report = map_report()
    records = place_records(report.places, documents_of(report))
    assert [r["t"] for r in records] == [rp.place.name for rp in marker_order(report.places)]


def test_filter_records_of_the_fixture():
    report = map_report()
    data = filter_records(report, documents_of(report))
    assert len(data["dates"]) == 2 and len(data["docs"]) == 2
    assert data["verdicts"] == ["consistent", "inconsistent", "unverifiable"]
    assert [c[0] for c in data["claims"]] == data["verdicts"]
    assert len(data["places"]) == len(report.places) == 9
    assert all(p[1] for p in data["places"])  # every place has its documents
    assert set(data["swatches"]) == {f"verdict:{v}" for v in data["verdicts"]} | {
        f"type:{t}" for t in data["types"]
    }


def test_page_has_filters_range_and_search_but_no_one_handle_slider():
    page = html_of(map_report())
    assert "gs-filters" in page and 'input.type = "range"' in page and "gs-from" in page
    assert "gs-search" in page and "localStorage" in page
    assert "Reported up to" not in page


def test_search_records_hold_every_name_variant_key():
    report = map_report()
    records = search_records(marker_order(report.places))
    jobar = next(r for r in records if r["n"] == "Jobar")
    assert "jubar" in jobar["k"]
    rules = fold_rules()
    json.dumps(rules)  # all of it goes to the page
    assert ["kh", "h"] in rules["digraphs"]


def test_sources_are_listed_once():
    rp = map_report().places[0]
    place = dataclasses.replace(
        rp.place,
        provenance=(
            Provenance("geonames:163915", "cities500"),
            Provenance("geonames:163915", "curated"),
            Provenance("geonames:163915", "cities500"),
        ),
    )
    assert source_list(place) == "geonames:163915 (cities500, curated)"
    popup = place_popup(ReportPlace(place, rp.resolutions, rp.confidence), {})
    assert popup.count("geonames:163915") == 1


def test_popup_with_many_mentions_has_a_pager_and_the_page_all_its_mentions():
    report = map_report()
    rp = max(report.places, key=lambda rp: len(rp.resolutions))
    many = ReportPlace(rp.place, rp.resolutions * 30, rp.confidence)
    total = len(many.resolutions)
    popup = place_popup(many, documents_of(report))
    assert f"mentions 1–20 of {total}" in popup and "… and" not in popup
    assert popup.count("<li>") == 20
    evidence = evidence_records([many], documents_of(report))
    assert len(evidence[rp.place.id]) == total
    assert evidence_records(report.places, documents_of(report)) == {}


def test_unresolved_names_open_their_sentences():
    report = map_report()
    panel = unresolved_html(report)
    assert panel.startswith("<details open>")  # a short list is open
    entry = re.search(r'<details class="gs-unresolved-name">.*?</details>', panel).group(0)
    assert "Tell Zaytun" in entry and "<mark>Tell Zaytun</mark>" in entry
    assert 'class="gs-doc"' in entry  # the document of each sentence
    many = unresolved_html(report, open_up_to=0)
    assert many.startswith("<details>")  # a long list starts collapsed


def test_evidence_stays_within_its_budget_in_equal_shares():
    from geo_syria.render.evidence import share

    report = map_report()
    busy = [
        ReportPlace(rp.place, rp.resolutions * n, rp.confidence)
        for rp, n in zip(report.places[:3], (100, 40, 25), strict=True)
    ]
    sizes = [len(rp.resolutions) for rp in busy]
    assert min(sizes) > 20
    everything = evidence_records(busy, documents_of(report))
    assert [len(v) for v in everything.values()] == sizes
    kept = evidence_records(busy, documents_of(report), budget=sum(sizes) // 2)
    assert sum(len(v) for v in kept.values()) <= sum(sizes) // 2
    cap = share(sizes, sum(sizes) // 2)
    assert [len(v) for v in kept.values()] == [min(n, cap) for n in sizes]
    assert all(kept[k] == everything[k][: len(kept[k])] for k in kept)  # the first ones
    assert share([500, 500], 10) == 20  # never less than a page


def test_popup_pager_knows_the_whole_count():
    report = map_report()
    rp = report.places[0]
    popup = place_popup(ReportPlace(rp.place, rp.resolutions * 50, 1.0), documents_of(report))
    assert f'data-gs-total="{len(rp.resolutions) * 50}"' in popup


def test_past_a_corpus_size_the_filters_group_documents_by_date_and_source(monkeypatch):
    from _reports import clone_report

    from geo_syria.render import filters

    report = clone_report(map_report(), 4)
    documents = documents_of(report)
    by_document = filter_records(report, documents)
    assert by_document["byDocument"] and len(by_document["docs"]) == 10
    monkeypatch.setattr(filters, "MAX_DOCUMENT_FILTER", 5)
    grouped = filter_records(report, documents)
    assert grouped["byDocument"] is False
    assert grouped["docs"] == [["5 documents", "2017-03-21", 0], ["5 documents", "2017-03-23", 0]]
    assert grouped["dates"] == by_document["dates"]
    assert all(p[1] for p in grouped["places"]) and all(c[1] for c in grouped["claims"])


def test_layer_choices_and_long_panels_in_the_page():
    page = html_of(map_report())
    assert '"Claims":' in page and "overlayadd" in page and '"geoSyria", "layers"' in page
    from geo_syria.render.controls import InfoControl

    long = "<details><summary><b>Names (300)</b></summary><ul>" + "<li>x</li>" * 5000
    control = InfoControl(long + "</ul></details>", position="topright", css_class="x")
    assert control.data_json and "\\u003cli\\u003e" not in control.html_js
    short = InfoControl("<details open><summary>a</summary></details>", position="x", css_class="x")
    assert short.data_json is None


def test_a_place_with_a_sample_of_its_mentions_shows_its_true_count():
    """A report folded at corpus size keeps a sample of a place's mentions and their count."""
    report = map_report()
    rp = max(report.places, key=lambda rp: len(rp.resolutions))
    assert rp.n_mentions == len(rp.resolutions)
    folded = dataclasses.replace(rp, resolutions=rp.resolutions * 30, n_mentions=12_345)
    popup = place_popup(folded, documents_of(report))
    assert "12,345 mentions" in popup and 'data-gs-total="12345"' in popup
