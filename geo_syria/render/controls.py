"""Map furniture: admin boundaries, legend, title, unresolved names, minimap.

Everything here is plain Leaflet (no jQuery, no extra plugins), so it works in a
self-contained file; every text is escaped before it reaches ``innerHTML``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from jinja2 import Template

from geo_syria.render._elements import SafeLayer, SafeMacro
from geo_syria.render._js import to_js, to_js_chunks
from geo_syria.render.popups import esc, mention_item

if TYPE_CHECKING:
    from geo_syria.place import Place
    from geo_syria.report import Report

__all__ = [
    "CSS",
    "BoundariesLayer",
    "InfoControl",
    "LayerMemory",
    "OutlineMiniMap",
    "boundary_records",
    "legend_html",
    "unresolved_html",
]

#: Page styles of markers, labels and panels.
CSS = """
<style>
.folium-map.gs-plain { background: #e8edf1; }
.gs-marker { border-radius: 50%; border: 2px solid #fff; box-shadow: 0 0 2px #333; }
.gs-marker.gs-admin { background: #6a3d9a; border-radius: 3px; }
.gs-marker.gs-settlement { background: #1f78b4; }
.gs-marker.gs-quarter { background: #e6550d; }
.gs-marker.gs-feature { background: #33a02c; border-radius: 2px; transform: rotate(45deg); }
.gs-marker.gs-out { opacity: .75; border: 2px dashed #222; }
.gs-label { background: rgba(255,255,255,.85); border: 0; box-shadow: none; padding: 0 3px;
            font: 600 11px/1.3 sans-serif; }
.gs-label::before { display: none; }
.gs-zoom-low .gs-label-gs-neighbourhood, .gs-zoom-low .gs-label-gs-camp,
.gs-zoom-low .gs-label-gs-landmark, .gs-zoom-low .gs-label-gs-road,
.gs-zoom-low .gs-label-gs-crossing { display: none; }
.gs-claim-label { font: 11px/1.3 sans-serif; padding: 1px 4px; }
.gs-panel { background: rgba(255,255,255,.93); padding: 6px 9px; border-radius: 5px;
            box-shadow: 0 1px 4px rgba(0,0,0,.35); font: 12px/1.4 sans-serif;
            max-width: 280px; max-height: 40vh; overflow: auto; }
.gs-panel h4 { margin: 0 0 4px; font-size: 13px; }
.gs-panel ul { margin: 0; padding-left: 16px; }
.gs-swatch { display: inline-block; width: 11px; height: 11px; margin-right: 5px;
             vertical-align: -1px; border-radius: 50%; }
.gs-title { font: 600 15px/1.3 sans-serif; }
.gs-popup h4 { margin: 0 0 4px; }
.gs-popup q { quotes: none; display: block; margin: 3px 0; }
.gs-popup mark { background: #ffe066; padding: 0 1px; }
.gs-popup .gs-doc, .gs-popup .gs-why { color: #555; font-size: 11px; }
.gs-mentions { padding-left: 18px; margin: 0; }
.gs-verdict.gs-consistent { color: #1a9850; }
.gs-verdict.gs-inconsistent { color: #d73027; }
.gs-verdict.gs-unverifiable { color: #878787; }
.gs-slider { width: 240px; }
.gs-range { position: relative; height: 22px; }
.gs-range::before { content: ""; position: absolute; left: 8px; right: 8px; top: 9px;
                    height: 4px; border-radius: 2px; background: #b8c2cc; }
.gs-toggles { display: grid; grid-template-columns: auto auto; column-gap: 8px; }
.gs-range input { position: absolute; left: 0; top: 0; width: 100%; margin: 0;
                  pointer-events: none; background: none; -webkit-appearance: none; }
.gs-range input::-webkit-slider-thumb { pointer-events: auto; position: relative; z-index: 2; }
.gs-range input::-moz-range-thumb { pointer-events: auto; }
.gs-range input.gs-from { z-index: 1; }
.gs-play { font: 12px sans-serif; margin-top: 2px; }
.gs-filters h4 { margin: 4px 0 2px; font-size: 12px; }
.gs-filters summary, .gs-unresolved-panel summary { cursor: pointer; }
.gs-toggle { display: block; white-space: nowrap; }
.gs-select { display: block; margin-top: 4px; }
.gs-select select { max-width: 200px; }
.gs-search input { width: 180px; }
.gs-search-results { list-style: none; padding: 0; margin: 2px 0 0; max-width: 240px; }
.gs-search-results li { cursor: pointer; padding: 1px 2px; }
.gs-search-results li:hover { background: #e8edf1; }
.gs-search-results:empty { display: none; }
.gs-panel.gs-search { max-height: none; }
.gs-unresolved-panel { max-height: 30vh; max-width: 260px; }
.gs-unresolved-name summary { list-style-position: outside; }
.gs-unresolved-name .gs-mentions { font-size: 11px; }
.gs-pager { margin-top: 4px; white-space: nowrap; }
.gs-pager button { font: 12px sans-serif; padding: 0 6px; cursor: pointer; }
.gs-pager-at { color: #555; font-size: 11px; white-space: normal; }
</style>
"""

#: Feature types whose extents are drawn as administrative boundaries.
BOUNDARY_TYPES = ("country", "governorate")


def boundary_records(places: Iterable[Place] | None) -> list[dict[str, Any]]:
    """Return GeoJSON features of the country and governorate extents among ``places``.

    Examples
    --------
    >>> boundary_records(None)
    []
    """
    if places is None:
        return []
    from shapely.geometry import mapping

    return [
        {
            "type": "Feature",
            "geometry": mapping(p.extent),
            "properties": {"name": esc(p.name), "type": p.feature_type},
        }
        for p in places
        if p.feature_type in BOUNDARY_TYPES and p.extent is not None and not p.extent.is_empty
    ]


class BoundariesLayer(SafeLayer):
    """Country and governorate outlines, in a pane under the places (also the tile-free basemap)."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function (map) {
    var pane = map.getPane("boundaries") || map.createPane("boundaries");
    pane.style.zIndex = 250;
    var features = {{ this.data_js }};
    return L.geoJSON({type: "FeatureCollection", features: features}, {
        pane: "boundaries",
        style: function (f) {
            return f.properties.type === "country"
                ? {color: "#444", weight: 2, fillColor: "#fbfaf5", fillOpacity: 1}
                : {color: "#777", weight: 1, dashArray: "3 3", fillOpacity: 0};
        },
        onEachFeature: function (f, layer) { layer.bindTooltip(f.properties.name); }
    });
})({{ this._parent.get_name() }});
window.geoSyria = window.geoSyria || {};
window.geoSyria.boundaries = {{ this.get_name() }};
{% endmacro %}
"""
    )

    def __init__(self, features: list[dict[str, Any]], *, name: str = "Admin boundaries") -> None:
        super().__init__(name=name, overlay=True, control=True, show=True)
        self._name = "GeoSyriaBoundaries"
        self.data_js = to_js(features)


#: A closed ``<details>`` panel longer than this is filled when first opened.
_LAZY_CHARS = 20_000


class InfoControl(SafeMacro):
    """A Leaflet control showing fixed HTML (legend, title, unresolved names).

    A long panel that starts closed (``<details>``) shows its summary, and its whole
    content is put in when the reader opens it.

    Parameters
    ----------
    html : str
        Already-escaped HTML.
    position : str
        ``"topright"``, ``"bottomleft"``, ...
    css_class : str
        Extra class of the panel.
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function (map) {
    var control = L.control({position: {{ this.position_js }}});
    control.onAdd = function () {
        var div = L.DomUtil.create("div", "gs-panel " + {{ this.class_js }});
        {%- if this.data_json %}
        // a closed panel: its list is built when first opened (thousands of nodes)
        div.innerHTML = {{ this.html_js }};
        var shell = div.querySelector("details");
        shell.addEventListener("toggle", function () {
            if (!shell.open || !div.contains(shell)) { return; }
            div.innerHTML = window.geoSyriaData("{{ this.get_name() }}");
            div.querySelector("details").open = true;
        });
        {%- else %}
        div.innerHTML = {{ this.html_js }};
        {%- endif %}
        L.DomEvent.disableClickPropagation(div);
        L.DomEvent.disableScrollPropagation(div);
        return div;
    };
    control.addTo(map);
})({{ this._parent.get_name() }});
{% endmacro %}
"""
    )

    def __init__(self, html: str, *, position: str, css_class: str) -> None:
        super().__init__()
        self._name = "GeoSyriaInfo"
        self.data_json = None
        head, cut, _ = html.partition("</summary>")
        if html.startswith("<details>") and cut and len(html) > _LAZY_CHARS:
            self.data_json = to_js_chunks(html)
            html = f"{head}</summary></details>"
        self.html_js = to_js(html)
        self.position_js = to_js(position)
        self.class_js = to_js(css_class)


def legend_html(
    *, kinds: Iterable[str], verdicts: Iterable[str], estimates: bool, outside: bool = True
) -> str:
    """Return the legend: marker kinds present, outside-Syria style, claim verdicts."""
    from geo_syria.render.claims_layer import ESTIMATE_COLOUR, VERDICT_COLOURS
    from geo_syria.render.places_layer import KIND_COLOURS

    labels = {
        "admin": "country / governorate / district",
        "settlement": "city / town / village",
        "quarter": "neighbourhood / camp / landmark",
        "feature": "other feature",
    }
    rows = [
        f'<li><span class="gs-swatch" style="background:{KIND_COLOURS[k]}"></span>{labels[k]}</li>'
        for k in KIND_COLOURS
        if k in set(kinds)
    ]
    if outside:
        rows.append(
            '<li><span class="gs-swatch" style="border:2px dashed #222"></span>outside Syria</li>'
        )
    for verdict in (v for v in VERDICT_COLOURS if v in set(verdicts)):
        colour = VERDICT_COLOURS[verdict]
        rows.append(
            f'<li><span class="gs-swatch" style="background:{colour};border-radius:0">'
            f"</span>claim {verdict}</li>"
        )
    if estimates:
        rows.append(
            f'<li><span class="gs-swatch" style="border:3px solid {ESTIMATE_COLOUR}"></span>'
            "estimated position (unresolved)</li>"
        )
    return '<h4>Legend</h4><ul class="gs-legend">' + "".join(rows) + "</ul>"


def unresolved_html(
    report: Report,
    *,
    estimated: Iterable[str] = (),
    counts: Mapping[str, int] | None = None,
    limit: int = 200,
    max_sentences: int = 50,
    open_up_to: int = 8,
) -> str:
    """Return the panel of unresolved names, each opening its sentences ("" when none).

    The names are :attr:`Report.unresolved_names`: claim subjects read from words too
    (but for blank ones; their estimates are on the map). The panel is collapsed when
    it lists more than ``open_up_to`` names; each name is a collapsed entry listing up
    to ``max_sentences`` of its sentences with their documents. ``counts`` gives each
    name's true count when the report holds a sample of its mentions.
    """
    by_name: dict[str, list] = {}
    for r in report.unresolved_names:
        if r.mention.text.strip():
            by_name.setdefault(r.mention.text, []).append(r)
    if not by_name:
        return ""
    documents = {s.document.id: s.document for s in report.documents}
    estimated = set(estimated)
    given = counts or {}
    totals = Counter({name: given.get(name, len(rs)) for name, rs in by_name.items()})
    items = []
    for name, n in totals.most_common(limit):
        sentences = "".join(mention_item(r, documents) for r in by_name[name][:max_sentences])
        if n > max_sentences:
            sentences += f"<li>… and {n - max_sentences} more</li>"
        items.append(
            f'<li><details class="gs-unresolved-name"><summary>{esc(name)}'
            + (f" ×{n}" if n > 1 else "")
            + (" (≈ estimated)" if name in estimated else "")
            + f'</summary><ol class="gs-mentions">{sentences}</ol></details></li>'
        )
    more = len(totals) - limit
    if more > 0:
        items.append(f"<li>… and {more} more</li>")
    state = " open" if len(totals) <= open_up_to else ""
    return (
        f"<details{state}><summary><b>Unresolved names ({len(totals)})</b></summary>"
        f'<ul class="gs-unresolved">{"".join(items)}</ul></details>'
    )


class OutlineMiniMap(SafeMacro):
    """A minimap without tiles: it shows the boundaries, or the places as dots."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function (map) {
    var layer = L.geoJSON({type: "FeatureCollection", features: {{ this.data_js }}}, {
        style: function () { return {color: "#555", weight: 1, fillColor: "#fbfaf5",
                                     fillOpacity: 1}; },
        pointToLayer: function (f, ll) {
            return L.circleMarker(ll, {radius: 2, weight: 0, fillColor: "#1f78b4",
                                       fillOpacity: 0.9});
        }
    });
    new L.Control.MiniMap(layer, {toggleDisplay: true, zoomLevelOffset: -5}).addTo(map);
})({{ this._parent.get_name() }});
{% endmacro %}
"""
    )

    default_js = [  # noqa: RUF012 - folium's attribute
        (
            "Control_MiniMap_js",
            "https://cdnjs.cloudflare.com/ajax/libs/leaflet-minimap/3.6.1/Control.MiniMap.js",
        )
    ]
    default_css = [  # noqa: RUF012 - folium's attribute
        (
            "Control_MiniMap_css",
            "https://cdnjs.cloudflare.com/ajax/libs/leaflet-minimap/3.6.1/Control.MiniMap.css",
        )
    ]

    def __init__(self, features: list[dict[str, Any]]) -> None:
        super().__init__()
        self._name = "GeoSyriaMiniMap"
        self.data_js = to_js(features)


class LayerMemory(SafeMacro):
    """Remembers in the page (``localStorage``) which overlays the user turned on or off.

    Parameters
    ----------
    layers : dict of str to str
        Each overlay's name in the layer control, to its JavaScript variable.
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function (map) {
    var layers = { {%- for name, var in this.layers.items() %}
        {{ this.js(name) }}: {{ var }}{{ "," if not loop.last }}{% endfor %} };
    var key = ["geoSyria", "layers", location.pathname, document.title].join(":"), saved = {};
    try { saved = JSON.parse(localStorage.getItem(key)) || {}; } catch (e) { saved = {}; }
    Object.keys(saved).forEach(function (name) {
        var layer = layers[name];
        if (!layer || saved[name] === map.hasLayer(layer)) { return; }
        if (saved[name]) { map.addLayer(layer); } else { map.removeLayer(layer); }
    });
    function remember(on) {
        return function (e) {
            if (!(e.name in layers)) { return; }
            saved[e.name] = on;
            try { localStorage.setItem(key, JSON.stringify(saved)); } catch (err) { /* private */ }
        };
    }
    map.on("overlayadd", remember(true));
    map.on("overlayremove", remember(false));
})({{ this._parent.get_name() }});
{% endmacro %}
"""
    )

    def __init__(self, layers: dict[str, str]) -> None:
        super().__init__()
        self._name = "GeoSyriaLayerMemory"
        self.layers = layers
        self.js = to_js

    @classmethod
    def of(cls, m: Any) -> LayerMemory:
        """Return the memory of the overlays a map lists in its layer control."""
        from folium.map import Layer

        return cls(
            {
                layer.layer_name: layer.get_name()
                for layer in m._children.values()
                if isinstance(layer, Layer) and layer.overlay and layer.control
            }
        )
