"""Repeated claims drawn once, with their reports; claim shapes simplified and rounded."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re

import pytest
from _reports import DOC_B, clone_report, copy_document, map_report
from shapely.geometry import Point, shape

from geo_syria.documents import Document
from geo_syria.render import MAX_SHOWN_CLAIMS, render_map
from geo_syria.render.claims_layer import claim_records, drawn_groups
from geo_syria.render.evidence import report_records
from geo_syria.render.filters import filter_records
from geo_syria.render.repeated import claim_groups, claim_key, compact_geometry

#: Another outlet carrying the Hama story a day later (the same three claims).
WIRE_COPY = Document("c", DOC_B.text, dt.date(2017, 3, 24), "wire", "Hama offensive (wire)")


def documents_of(report) -> dict:
    return {s.document.id: s.document for s in report.documents}


@pytest.fixture(scope="module")
def twice():
    return copy_document(map_report(), "b", WIRE_COPY)


def test_a_claim_two_reports_make_is_one_record_listing_both(twice):
    assert len(twice.claims) == 6
    records = claim_records(twice.claims, documents_of(twice))
    assert [r["n"] for r in records] == [2, 2, 2]
    first = records[0]
    assert first["t"] == "claimed 20 km N · measured 17.8 km N · 2 reports"
    assert "reported 2 times" in first["p"] and first["p"].count("<li>") == 2
    assert "Hama offensive</b> · 2017-03-23" in first["p"]
    assert "Hama offensive (wire)</b> · 2017-03-24" in first["p"]
    assert first["p"].count("<mark>20 km north of Hama</mark>") == 2


def test_the_filters_know_every_document_of_a_repeated_claim(twice):
    data = filter_records(twice, documents_of(twice))
    docs = [d[0] for d in data["docs"]]
    assert [[docs[i] for i in c[1]] for c in data["claims"]] == [
        ["Hama offensive", "Hama offensive (wire)"]
    ] * 3
    assert [c[2] for c in data["claims"]] == [2, 2, 2]  # a region and a line each


def test_claims_differing_in_statement_or_place_stay_apart():
    claims = map_report().claims
    moved = dataclasses.replace(claims[0], distance_km=21)
    other = dataclasses.replace(
        claims[0], anchor=dataclasses.replace(claims[0].anchor, place=claims[1].subject.place)
    )
    assert len({claim_key(c) for c in (claims[0], moved, other)}) == 3
    assert [len(g) for g in claim_groups([claims[0], moved, claims[0], other])] == [2, 1, 1]


def test_many_reports_are_paged_and_all_in_the_page():
    report = clone_report(map_report(), 29, only="b")
    groups = drawn_groups(report.claims)
    assert [len(g) for g in groups] == [30, 30, 30]
    records = claim_records(report.claims, documents_of(report))
    assert "reports 1–20 of 30" in records[0]["p"] and records[0]["p"].count("<li>") == 20
    evidence = report_records(groups, documents_of(report))
    assert sorted(evidence) == ["claim:0", "claim:1", "claim:2"]
    assert len(evidence["claim:0"]) == 30
    page = render_map(report, cdn=True).get_root().render()
    assert '"claim:2":[' in page and 'data-gs-noun=\\"reports\\"' in page


def test_claim_regions_are_simplified_and_rounded():
    claim = map_report().claims[0]
    region = claim.check.region
    compact = compact_geometry(region)
    ring = compact["coordinates"][0]
    assert len(ring) < len(region.exterior.coords) / 2
    decimals = re.findall(r"\.(\d+)", json.dumps(compact))
    assert decimals and max(len(d) for d in decimals) <= 5
    # still the claimed region: within about 100 m of it all round
    assert shape(compact).hausdorff_distance(region) < 1e-3
    assert shape(compact).symmetric_difference(region).area < 0.01 * region.area


@pytest.mark.parametrize("radius", [0.001, 0.05, 1.0])
def test_compact_geometry_keeps_small_and_large_shapes(radius):
    disk = Point(36.75, 35.13).buffer(radius, quad_segs=64)
    compact = shape(compact_geometry(disk))
    assert compact.is_valid and not compact.is_empty
    assert abs(compact.area - disk.area) < 0.02 * disk.area


def test_claims_off_at_first_past_a_count_of_distinct_claims():
    report = map_report()
    claim = report.claims[0]
    distinct = tuple(
        dataclasses.replace(claim, distance_km=claim.distance_km + k)
        for k in range(MAX_SHOWN_CLAIMS + 1)
    )
    repeated = (claim,) * (MAX_SHOWN_CLAIMS + 1)
    add = re.compile(r"geo_syria_claims_\w+\.addTo\(map_\w+\)")

    def page(claims):
        return render_map(dataclasses.replace(report, claims=claims), cdn=True).get_root().render()

    assert add.search(page(repeated))  # one feature: shown
    hidden = page(distinct)
    assert not add.search(hidden) and '"Claims"' in hidden  # in the layer control


def test_estimates_off_at_first_past_a_count():
    """Like claims, estimated positions would hide the places of a corpus: off at first."""
    report = map_report()
    estimated = next(c for c in report.claims if c.check.estimate_lat is not None)
    check = estimated.check
    many = tuple(  # one subject estimated at as many places
        dataclasses.replace(
            estimated, check=dataclasses.replace(check, estimate_lat=check.estimate_lat + k / 100)
        )
        for k in range(MAX_SHOWN_CLAIMS + 1)
    )
    add = re.compile(r"geo_syria_estimates_\w+\.addTo\(map_\w+\)")

    def page(claims):
        return render_map(dataclasses.replace(report, claims=claims), cdn=True).get_root().render()

    assert add.search(page((estimated,)))
    hidden = page(many)
    assert not add.search(hidden) and '"Estimates"' in hidden  # in the layer control
