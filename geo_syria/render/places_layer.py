"""The places layers: one marker per resolved place, and precision circles or extents.

Markers are built in the browser from one JSON array (not one folium object per
place), so 10,000 places make one script block (their popups' HTML is a JSON block
apart, parsed at the first click); above a threshold they go into a
MarkerCluster group with chunked loading, which keeps the page responsive.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from jinja2 import Template

from geo_syria.render._elements import SafeLayer
from geo_syria.render._js import to_js, to_js_chunks
from geo_syria.render.popups import esc, place_popup
from geo_syria.render.safe_text import safe_text

if TYPE_CHECKING:
    from geo_syria.documents import Document
    from geo_syria.report import ReportPlace

__all__ = [
    "AREA_TYPES",
    "KIND_COLOURS",
    "PlacesLayer",
    "PrecisionLayer",
    "marker_kind",
]

#: Feature types drawn as areas (a precision circle, or their extent when known).
AREA_TYPES = frozenset({"country", "governorate", "district", "subdistrict", "region"})

#: Marker colour by kind of place.
KIND_COLOURS: Mapping[str, str] = {
    "admin": "#6a3d9a",
    "settlement": "#1f78b4",
    "quarter": "#e6550d",
    "feature": "#33a02c",
}

_KINDS = {
    "admin": AREA_TYPES,
    "settlement": frozenset({"city", "town", "village"}),
    "quarter": frozenset({"neighbourhood", "camp", "landmark"}),
}

#: Places whose precision radius exceeds this get a precision circle, in metres.
APPROXIMATE_M = 1_500.0

_MARKER_SIZE = {"city": 16, "town": 13, "country": 16, "governorate": 16}


def marker_kind(feature_type: str) -> str:
    """Return the marker kind (legend entry) of a feature type.

    Examples
    --------
    >>> marker_kind("village"), marker_kind("neighbourhood"), marker_kind("mountain")
    ('settlement', 'quarter', 'feature')
    """
    for kind, types in _KINDS.items():
        if feature_type in types:
            return kind
    return "feature"


def _first_date(rp: ReportPlace, documents: Mapping[str, Document]) -> str | None:
    dates = [
        documents[r.mention.doc_id].published
        for r in rp.resolutions
        if r.mention.doc_id in documents and documents[r.mention.doc_id].published is not None
    ]
    return min(dates).isoformat() if dates else None


def _marker_size(feature_type: str, mentions: int) -> int:
    """Return a marker's size in pixels: by feature type, larger with more mentions."""
    return _MARKER_SIZE.get(feature_type, 11) + min(8, round(2 * math.log2(max(1, mentions))))


def place_records(
    places: Sequence[ReportPlace], documents: Mapping[str, Document]
) -> list[dict[str, Any]]:
    """Return the JSON records the browser builds markers from (one per place).

    Smaller features come first, so the labels of broader places are drawn on top.
    """
    from geo_syria.place import FEATURE_TYPES

    # small features first, so the labels of cities and regions are drawn on top
    rank = {t: i for i, t in enumerate(FEATURE_TYPES)}
    ordered = sorted(places, key=lambda rp: -rank[rp.place.feature_type])
    # labels are placed most mentioned first, broader places first among equals
    label_order = sorted(
        range(len(ordered)),
        key=lambda i: (-ordered[i].n_mentions, rank[ordered[i].place.feature_type]),
    )
    label_rank = {i: n for n, i in enumerate(label_order)}
    records = []
    for i, rp in enumerate(ordered):
        place = rp.place
        kind = marker_kind(place.feature_type)
        where = "gs-in" if place.in_syria else "gs-out"
        records.append(
            {
                "y": round(place.lat, 6),
                "x": round(place.lon, 6),
                "c": f"gs-{kind} gs-{place.feature_type} {where}",
                "s": _marker_size(place.feature_type, rp.n_mentions),
                "r": label_rank[i],
                "n": esc(place.name),
                "t": safe_text(place.name),
                "p": place_popup(rp, documents),
                "d": _first_date(rp, documents),
            }
        )
    return records


class PlacesLayer(SafeLayer):
    """Markers for resolved places, clustered above ``cluster_threshold`` places.

    Parameters
    ----------
    records : list of dict
        From :func:`place_records`.
    cluster : bool
        Put markers in a MarkerCluster group (country zoom shows clusters).
    labels : bool
        Show each place's name permanently beside its marker (small maps).
    name : str
        Layer name in the layer control.
    """

    _template = Template(
        """
{% macro header(this, kwargs) %}
<style>
/* grey clusters: the legend's colours (purple, blue, orange, green) stay the feature types' */
.marker-cluster.gs-cluster { background-color: rgba(90, 90, 90, .35); }
.marker-cluster.gs-cluster div { background-color: rgba(50, 50, 50, .82); color: #fff; }
</style>
{% endmacro %}
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function () {
    function gsClusterIcon(cluster) {
        return L.divIcon({html: "<div><span>" + cluster.getChildCount() + "</span></div>",
                          className: "marker-cluster gs-cluster", iconSize: L.point(40, 40)});
    }
    var data = {{ this.data_js }};
    var group = {{ "L.markerClusterGroup({chunkedLoading: true, showCoverageOnHover: false,"
                   " disableClusteringAtZoom: 11, maxClusterRadius: 60,"
                   " iconCreateFunction: gsClusterIcon})"
                   if this.cluster else "L.featureGroup()" }};
    var markers = [];
    for (var i = 0; i < data.length; i++) {
        var d = data[i];
        var icon = L.divIcon({className: "gs-marker " + d.c, iconSize: [d.s, d.s]});
        var m = L.marker([d.y, d.x], {icon: icon, title: d.t});
        m.gsIndex = i;
        m.gsDate = d.d;
        m.gsRank = d.r;
        {%- if this.labels %}
        m.bindTooltip(d.n, {permanent: true, direction: "right", offset: [6, 0],
                            className: "gs-label gs-label-" + d.c.split(" ")[1]});
        {%- endif %}
        markers.push(m);
    }
    if (group._moveEnd) {
        // MarkerCluster 1.1.0 throws on a "moveend" while chunked loading still builds its
        // clusters (a pan ending early, on a slow machine): skip those; the load redraws
        var moveEnd = group._moveEnd;
        group.options.chunkProgress = function (done, total) { group.gsLoading = done < total; };
        group._moveEnd = function () {
            if (this._currentShownBounds && !this.gsLoading) { moveEnd.apply(this, arguments); }
        };
        group.gsLoading = true;
    }
    if (group.addLayers) { group.addLayers(markers); }
    else { markers.forEach(function (m) { group.addLayer(m); }); }
    var popups = null;  // parsed at the first click, not while the map loads
    group.on("click", function (e) {
        if (popups === null) {
            popups = window.geoSyriaData("{{ this.get_name() }}");
        }
        L.popup({maxWidth: 440, maxHeight: 360, offset: [0, -4]})
            .setLatLng(e.layer.getLatLng()).setContent(popups[e.layer.gsIndex])
            .openOn({{ this._parent.get_name() }});
    });
    group.gsMarkers = markers;
    // below zoom 10, neighbourhood labels would bury their city's: the CSS hides them
    var map = {{ this._parent.get_name() }};
    function zoomClass() {
        map.getContainer().classList.toggle("gs-zoom-low", map.getZoom() < 10);
    }
    map.on("zoomend", zoomClass);
    map.whenReady(zoomClass);
    return group;
})();
window.geoSyria = window.geoSyria || {};
window.geoSyria.places = {{ this.get_name() }};
{% endmacro %}
"""
    )

    default_js = [  # noqa: RUF012 - folium's attribute
        (
            "markerclusterjs",
            "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/leaflet.markercluster.js",
        )
    ]
    default_css = [  # noqa: RUF012 - folium's attribute
        (
            "markerclustercss",
            "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/MarkerCluster.css",
        ),
        (
            "markerclusterdefaultcss",
            "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/MarkerCluster.Default.css",
        ),
    ]

    def __init__(
        self,
        records: list[dict[str, Any]],
        *,
        cluster: bool,
        labels: bool,
        name: str = "Places",
    ) -> None:
        super().__init__(name=name, overlay=True, control=True, show=True)
        self._name = "GeoSyriaPlaces"
        # the popups apart, read at the first click
        self.data_js = to_js([{k: v for k, v in r.items() if k != "p"} for r in records])
        self.data_json = to_js_chunks([r["p"] for r in records])
        self.cluster = cluster
        self.labels = labels
        if not cluster:  # no MarkerCluster files on the page
            self.default_js, self.default_css = [], []


def precision_records(places: Sequence[ReportPlace]) -> list[dict[str, Any]]:
    """Return extents (GeoJSON) and precision circles of areas and approximate places.

    Countries get no circle (a 400 km disc says nothing); their extent is drawn when known.
    """
    from shapely.geometry import mapping

    records: list[dict[str, Any]] = []
    for rp in places:
        place = rp.place
        colour = KIND_COLOURS[marker_kind(place.feature_type)]
        if place.extent is not None:
            records.append({"g": mapping(place.extent), "c": colour, "n": esc(place.name)})
        elif place.feature_type != "country" and (
            place.feature_type in AREA_TYPES or place.precision_m > APPROXIMATE_M
        ):
            records.append(
                {
                    "y": place.lat,
                    "x": place.lon,
                    "r": place.precision_m,
                    "c": colour,
                    "n": esc(place.name),
                }
            )
    return records


class PrecisionLayer(SafeLayer):
    """Precision circles and extents of areas and approximate places (canvas-drawn)."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function () {
    var data = {{ this.data_js }};
    var renderer = L.canvas({padding: 0.3});
    var group = L.featureGroup();
    data.forEach(function (d) {
        var style = {color: d.c, weight: 1, opacity: 0.6,
                     fillOpacity: d.r > 20000 ? 0.02 : 0.06,
                     dashArray: "4 4", renderer: renderer, interactive: false};
        if (d.g) { L.geoJSON(d.g, {style: function () { return style; }}).addTo(group); }
        else { L.circle([d.y, d.x], L.extend({radius: d.r}, style)).addTo(group); }
    });
    return group;
})();
{% endmacro %}
"""
    )

    def __init__(
        self, records: list[dict[str, Any]], *, show: bool = True, name: str = "Place precision"
    ) -> None:
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "GeoSyriaPrecision"
        self.data_js = to_js(records)
