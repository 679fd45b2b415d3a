"""A heatmap of mentions: each place weighted by how often the articles name it.

Drawn with Leaflet.heat (the npm ``leaflet.heat`` package, pinned and inlined like the other
plugins, see :mod:`geo_syria.render.assets`); hidden at first, listed in the layer control.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from jinja2 import Template

from geo_syria.render._elements import SafeLayer
from geo_syria.render._js import to_js
from geo_syria.render.popups import mention_count

if TYPE_CHECKING:
    from geo_syria.report import ReportPlace

__all__ = ["HEAT_JS", "HeatLayer", "heat_points"]

#: Where a ``cdn=True`` page loads Leaflet.heat from (offline: inlined from the tarball).
HEAT_JS = "https://cdn.jsdelivr.net/npm/leaflet.heat@0.2.0/dist/leaflet-heat.js"


def heat_points(places: Sequence[ReportPlace]) -> list[list[float]]:
    """Return ``[lat, lon, mentions]`` per place.

    Examples
    --------
    >>> heat_points(())
    []
    """
    return [[round(rp.place.lat, 5), round(rp.place.lon, 5), mention_count(rp)] for rp in places]


class HeatLayer(SafeLayer):
    """Mentions as a heatmap (off at first; the layer control shows it)."""

    default_js = [("leaflet_heat_js", HEAT_JS)]  # noqa: RUF012 - folium's attribute

    _template = Template(
        """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function () {
    // intensity: the square root of the mentions, so one city does not drown the rest
    var points = {{ this.data_js }}.map(function (p) { return [p[0], p[1], Math.sqrt(p[2])]; });
    var most = points.reduce(function (m, p) { return Math.max(m, p[2]); }, 1);
    return L.heatLayer(points, {radius: 22, blur: 18, minOpacity: 0.25, max: most});
})();
window.geoSyria = window.geoSyria || {};
window.geoSyria.heat = {{ this.get_name() }};
{% endmacro %}
"""
    )

    def __init__(self, points: list[list[float]], *, show: bool = False) -> None:
        super().__init__(name="Mentions heatmap", overlay=True, control=True, show=show)
        self._name = "GeoSyriaHeat"
        self.data_js = to_js(points)
