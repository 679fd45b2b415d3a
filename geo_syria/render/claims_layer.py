"""The claims layer (anchor→subject lines and claimed regions) and the estimates layer.

Each checked claim draws, in its own ``claims`` map pane, the claimed region
(an annular sector, shaded) and a line from the anchor to the subject — or to the
subject's estimated position when it is unresolved — labelled like
``claimed 20 km N · measured 17.8 km N`` and coloured by verdict.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from jinja2 import Template

from geo_syria.render._elements import SafeLayer
from geo_syria.render._js import to_js, to_js_chunks
from geo_syria.render.popups import claim_label, esc
from geo_syria.render.repeated import DECIMALS, claim_groups, compact_geometry, group_popup

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from geo_syria.claims import Claim
    from geo_syria.documents import Document

__all__ = [
    "VERDICT_COLOURS",
    "ClaimsLayer",
    "EstimatesLayer",
    "claim_records",
    "drawn_groups",
    "estimate_records",
    "layer_count",
]

#: Colour of a claim by verdict.
VERDICT_COLOURS: Mapping[str, str] = {
    "consistent": "#1a9850",
    "inconsistent": "#d73027",
    "unverifiable": "#878787",
}

#: Colour of estimated positions of unresolved subjects.
ESTIMATE_COLOUR = "#b15928"


def _subject_point(claim: Claim) -> tuple[float, float] | None:
    if claim.subject.place is not None:
        return claim.subject.place.lat, claim.subject.place.lon
    check = claim.check
    if check is not None and check.estimate_lat is not None and check.estimate_lon is not None:
        return check.estimate_lat, check.estimate_lon
    return None


def _line(claim: Claim) -> list[list[float]] | None:
    """Return the anchor→subject line of a claim (to the estimate when unresolved), or None."""
    anchor = claim.anchor.place
    subject = _subject_point(claim)
    if anchor is None or subject is None:
        return None
    points = ((anchor.lat, anchor.lon), subject)
    return [[round(lat, DECIMALS), round(lon, DECIMALS)] for lat, lon in points]


def _region(claim: Claim) -> BaseGeometry | None:
    region = claim.check.region if claim.check is not None else None
    return None if region is None or region.is_empty else region


def layer_count(claim: Claim) -> int:
    """Return how many Leaflet layers the claims layer draws for a claim (region, line)."""
    return int(_region(claim) is not None) + int(_line(claim) is not None)


def drawn_groups(claims: Sequence[Claim]) -> list[tuple[Claim, ...]]:
    """Return the groups of repeated claims (:func:`claim_groups`) the layer draws, in order.

    A group is drawn when its claim has a region or a line (its anchor resolved, its
    subject resolved or estimated); the others stay in the report. The page names
    group ``i`` ``"claim:i"`` (its reports in the evidence, its filter entry).
    """
    return [
        g
        for g in claim_groups(claims)
        if (g[0].check is not None and g[0].check.region is not None) or _line(g[0]) is not None
    ]


def claim_records(
    claims: Sequence[Claim], documents: Mapping[str, Document]
) -> list[dict[str, Any]]:
    """Return the JSON records of the claims layer: region, line, label, popup, colour.

    Repeated claims are one record (:func:`drawn_groups`), whose popup lists the reports
    (``n``: how many); regions are simplified and rounded (:func:`compact_geometry`).
    """
    records = []
    for i, group in enumerate(drawn_groups(claims)):
        claim = group[0]
        region = _region(claim)
        label = claim_label(claim) + (f" · {len(group)} reports" if len(group) > 1 else "")
        records.append(
            {
                "g": compact_geometry(region) if region is not None else None,
                "l": _line(claim),
                "c": VERDICT_COLOURS.get(claim.verdict, VERDICT_COLOURS["unverifiable"]),
                "v": claim.verdict,
                "n": len(group),
                "t": esc(label),
                "p": group_popup(group, documents, key=f"claim:{i}"),
            }
        )
    return records


class ClaimsLayer(SafeLayer):
    """Claimed regions and anchor→subject lines, SVG paths in the ``claims`` pane.

    Parameters
    ----------
    records : list of dict
        From :func:`claim_records`.
    labels : bool
        Show each claim's label permanently on its line (small maps).
    show : bool
        Shown at first (else only listed in the layer control).
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function (map) {
    var pane = map.getPane("claims") || map.createPane("claims");
    pane.style.zIndex = 420;
    var renderer = L.svg({pane: "claims"});
    var data = {{ this.data_js }}, popups = null;
    var group = L.featureGroup();
    data.forEach(function (d, i) {
        function popup() {  // the popups are parsed at the first click, not while loading
            if (popups === null) {
                popups = window.geoSyriaData("{{ this.get_name() }}");
            }
            return popups[i];
        }
        if (d.g) {
            L.geoJSON(d.g, {pane: "claims", style: function () {
                return {color: d.c, weight: 1, opacity: 0.6, fillColor: d.c, fillOpacity: 0.06,
                        renderer: renderer, className: "gs-region gs-" + d.v};
            }}).bindPopup(popup, {maxWidth: 440}).addTo(group);
        }
        if (d.l) {
            L.polyline(d.l, {pane: "claims", renderer: renderer, color: d.c, weight: 2,
                             opacity: 0.7,
                             dashArray: d.v === "consistent" ? null : "6 5",
                             className: "gs-claim-line gs-" + d.v})
                .bindTooltip(d.t, {permanent: {{ "true" if this.labels else "false" }},
                                   direction: "center", className: "gs-claim-label"})
                .bindPopup(popup, {maxWidth: 440}).addTo(group);
        }
    });
    return group;
})({{ this._parent.get_name() }});
window.geoSyria = window.geoSyria || {};
window.geoSyria.claims = {{ this.get_name() }};
{% endmacro %}
"""
    )

    def __init__(
        self,
        records: list[dict[str, Any]],
        *,
        labels: bool,
        name: str = "Claims",
        show: bool = True,
    ) -> None:
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "GeoSyriaClaims"
        # the popups apart, read at the first click
        self.data_js = to_js([{k: v for k, v in r.items() if k != "p"} for r in records])
        self.data_json = to_js_chunks([r["p"] for r in records])
        self.labels = labels


def estimate_records(claims: Sequence[Claim]) -> list[dict[str, Any]]:
    """Return the estimated positions of unresolved claim subjects (centre and radius)."""
    records = []
    seen = set()
    for claim in claims:
        check = claim.check
        if claim.subject.place is not None or check is None or check.estimate_lat is None:
            continue
        key = (claim.subject.mention.text, check.estimate_lat, check.estimate_lon)
        if key in seen:
            continue
        seen.add(key)
        anchor = claim.anchor.mention.text
        records.append(
            {
                "y": check.estimate_lat,
                "x": check.estimate_lon,
                "r": check.estimate_radius_m or 0,
                "t": f"≈ {esc(claim.subject.mention.text)} (estimated from "
                f"{esc(claim_label(claim))} of {esc(anchor)})",
            }
        )
    return records


class EstimatesLayer(SafeLayer):
    """Estimated positions of unresolved subjects: a dashed circle and a hollow dot."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function (map) {
    var pane = map.getPane("estimates") || map.createPane("estimates");
    pane.style.zIndex = 430;
    var data = {{ this.data_js }};
    var group = L.featureGroup();
    data.forEach(function (d) {
        if (d.r > 0) {
            L.circle([d.y, d.x], {pane: "estimates", radius: d.r, color: "{{ this.colour }}",
                                  weight: 2, dashArray: "2 6", fillOpacity: 0.05})
                .bindTooltip(d.t).addTo(group);
        }
        L.circleMarker([d.y, d.x], {pane: "estimates", radius: 7, color: "{{ this.colour }}",
                                    weight: 3, fill: true, fillColor: "#fff", fillOpacity: 1,
                                    className: "gs-estimate"})
            .bindTooltip(d.t).addTo(group);
    });
    return group;
})({{ this._parent.get_name() }});
{% endmacro %}
"""
    )

    def __init__(
        self, records: list[dict[str, Any]], *, name: str = "Estimates", show: bool = True
    ) -> None:
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "GeoSyriaEstimates"
        self.data_js = to_js(records)
        self.colour = ESTIMATE_COLOUR
