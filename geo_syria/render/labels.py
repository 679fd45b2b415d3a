"""Place labels that don't collide: greedy placement in screen space, names on hover.

On a map small enough to label each place, the page lays the labels out after every
zoom (and whenever the filters change what is shown): in order of mention count
(most mentioned first; broader places first among equals), a label is shown only
where its box does not intersect a label already shown. A place whose label is
hidden still shows its name while the pointer is over its marker.
"""

from __future__ import annotations

from jinja2 import Template

from geo_syria.render._elements import SafeMacro

__all__ = ["LABEL_CSS", "LabelLayout"]

#: Styles of hidden labels and of a hidden label shown on hover.
LABEL_CSS = """
<style>
.gs-label.gs-label-hidden { visibility: hidden; }
.gs-label.gs-label-hover { visibility: visible; display: block !important; z-index: 1000; }
</style>
"""


class LabelLayout(SafeMacro):
    """The page script placing the places layer's permanent labels without overlaps.

    It reads the markers of ``window.geoSyria.places`` (each with its ``gsRank``:
    lower is placed first) and exposes ``window.geoSyria.layoutLabels``.
    """

    _template = Template(
        """
{% macro header(this, kwargs) %}
{{ this.css }}
{% endmacro %}
{% macro script(this, kwargs) %}
(function (map) {
    var gs = window.geoSyria = window.geoSyria || {}, MARGIN = 1;
    function labelOf(marker) {
        var tip = marker.getTooltip && marker.getTooltip();
        var el = tip && tip.getElement && tip.getElement();
        return el && el.isConnected ? el : null;
    }
    function overlaps(a, b) {
        return a.left < b.right + MARGIN && b.left < a.right + MARGIN
            && a.top < b.bottom + MARGIN && b.top < a.bottom + MARGIN;
    }
    function layout() {
        var group = gs.places;
        if (!group || !group.gsMarkers) { return; }
        var labelled = [];
        group.gsMarkers.forEach(function (m) {
            var el = labelOf(m);
            if (el) { el.classList.remove("gs-label-hidden"); labelled.push([m, el]); }
        });
        labelled.sort(function (a, b) { return a[0].gsRank - b[0].gsRank; });
        var shown = [];
        labelled.forEach(function (pair) {
            var box = pair[1].getBoundingClientRect();
            if (box.width === 0 && box.height === 0) { return; }  // hidden by the CSS
            if (shown.some(function (s) { return overlaps(box, s); })) {
                pair[1].classList.add("gs-label-hidden");
            } else {
                shown.push(box);
            }
        });
    }
    function later() { window.requestAnimationFrame(layout); }
    function hover(on) {
        return function (e) {
            var el = labelOf(e.layer || e.target);
            if (el) { el.classList.toggle("gs-label-hover", on); }
        };
    }
    gs.layoutLabels = layout;
    map.on("zoomend overlayadd", later);
    map.whenReady(layout);
    if (gs.places) {
        gs.places.on("mouseover", hover(true));
        gs.places.on("mouseout", hover(false));
    }
})({{ this._parent.get_name() }});
{% endmacro %}
"""
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "GeoSyriaLabels"
        self.css = LABEL_CSS
