"""A basemap that needs no tiles: Natural Earth outlines of Syria and its neighbours.

The outlines come from the npm package ``world-atlas`` (Natural Earth's 1:50m countries,
public domain, as TopoJSON), pinned by its ``sha512`` integrity and fetched once into the
same cache as the Leaflet files (``geo-syria assets fetch``). Here the TopoJSON arcs are
decoded into GeoJSON, the countries around Syria kept and clipped to :data:`BASEMAP_BBOX`,
and drawn as a plain background layer under the places. Online (``cdn=True``) a switcher
of tile layers (OpenStreetMap, a topographic and a satellite map) sits under the outlines.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from jinja2 import Template

from geo_syria.exc import DownloadError
from geo_syria.render._elements import SafeLayer
from geo_syria.render._js import to_js
from geo_syria.render.assets import WORLD_ATLAS, NpmPackage, fetch_assets, read_member

if TYPE_CHECKING:
    import folium

__all__ = [
    "BASEMAP_BBOX",
    "BASEMAP_TILES",
    "NEIGHBOURS",
    "CountriesLayer",
    "add_tile_switcher",
    "country_outlines",
    "topojson_features",
]

logger = logging.getLogger(__name__)

#: ``(min lon, min lat, max lon, max lat)`` the outlines are clipped to: Syria and around.
BASEMAP_BBOX = (29.0, 27.5, 50.0, 41.5)

#: Natural Earth names (as ``world-atlas`` spells them) of the countries drawn.
NEIGHBOURS = frozenset(
    {
        "Syria",
        "Turkey",
        "Iraq",
        "Jordan",
        "Lebanon",
        "Israel",
        "Palestine",
        "Cyprus",
        "N. Cyprus",
        "Egypt",
        "Saudi Arabia",
        "Iran",
        "Kuwait",
        "Georgia",
        "Armenia",
        "Azerbaijan",
        "Greece",
    }
)

#: The tile layers offered online, under the outlines (xyzservices names).
BASEMAP_TILES = ("OpenStreetMap.Mapnik", "OpenTopoMap", "Esri.WorldImagery")

_TOPOLOGY_FILE = "countries-50m.json"  # 1:50m: a quarter of 10m's size, ample at country zoom


class _Arcs:
    """A topology's arcs as absolute ``(lon, lat)`` points, decoded when first used."""

    def __init__(self, topology: dict[str, Any]) -> None:
        self._raw = topology["arcs"]
        self._transform = topology.get("transform")
        self._decoded: dict[int, list[tuple[float, float]]] = {}

    def __getitem__(self, index: int) -> list[tuple[float, float]]:
        if index not in self._decoded:
            arc = self._raw[index]
            if self._transform is None:
                points = [(float(x), float(y)) for x, y, *_ in arc]
            else:  # quantised: integer deltas from the previous point
                (sx, sy), (tx, ty) = self._transform["scale"], self._transform["translate"]
                x = y = 0
                points = []
                for dx, dy, *_ in arc:
                    x, y = x + dx, y + dy
                    points.append((x * sx + tx, y * sy + ty))
            self._decoded[index] = points
        return self._decoded[index]


def _ring(indices: Sequence[int], arcs: _Arcs) -> list[list[float]]:
    ring: list[tuple[float, float]] = []
    for index in indices:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points[1:] if ring else points)  # arcs share their end points
    return [[round(lon, 4), round(lat, 4)] for lon, lat in ring]


def topojson_features(
    topology: dict[str, Any], name: str, *, keep: Iterable[str] | None = None
) -> list[dict[str, Any]]:
    """Return the polygons of one TopoJSON object as GeoJSON features.

    Parameters
    ----------
    topology : dict
        A parsed TopoJSON ``Topology``.
    name : str
        The object (``"countries"``).
    keep : iterable of str, optional
        Keep only geometries whose ``properties.name`` is one of these.

    Returns
    -------
    list of dict
        GeoJSON ``Feature`` dicts (Polygon or MultiPolygon) with the object's properties.

    Raises
    ------
    KeyError
        The topology has no object called ``name``.

    Examples
    --------
    >>> topo = {"type": "Topology", "arcs": [[[0, 0], [1, 0], [1, 1], [0, 0]]],
    ...         "objects": {"c": {"type": "GeometryCollection", "geometries": [
    ...             {"type": "Polygon", "arcs": [[0]], "properties": {"name": "Sq"}}]}}}
    >>> topojson_features(topo, "c")[0]["geometry"]["coordinates"]
    [[[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]]]
    """
    arcs = _Arcs(topology)
    wanted = None if keep is None else set(keep)
    features = []
    for geometry in topology["objects"][name].get("geometries", ()):
        properties = dict(geometry.get("properties") or {})
        if wanted is not None and properties.get("name") not in wanted:
            continue
        kind = geometry.get("type")
        if kind == "Polygon":
            coordinates: list = [_ring(r, arcs) for r in geometry["arcs"]]
        elif kind == "MultiPolygon":
            coordinates = [[_ring(r, arcs) for r in polygon] for polygon in geometry["arcs"]]
        else:
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": kind, "coordinates": coordinates},
                "properties": properties,
            }
        )
    return features


def _clip(features: list[dict[str, Any]], bbox: Sequence[float]) -> list[dict[str, Any]]:
    import shapely
    from shapely.geometry import mapping, shape

    clipped = []
    for feature in features:
        geometry = shapely.clip_by_rect(shape(feature["geometry"]), *bbox)
        if geometry.is_empty:
            continue
        geometry = shapely.set_precision(geometry, 1e-4)
        clipped.append({**feature, "geometry": json.loads(json.dumps(mapping(geometry)))})
    return clipped


def country_outlines(
    *,
    assets_dir: str | os.PathLike[str] | None = None,
    fetch: bool = True,
    bbox: Sequence[float] = BASEMAP_BBOX,
    registry: str | None = None,
    package: NpmPackage = WORLD_ATLAS,
) -> list[dict[str, Any]]:
    """Return Syria's and its neighbours' outlines, clipped to ``bbox``, as GeoJSON features.

    Parameters
    ----------
    assets_dir : path, optional
        A directory holding ``world-atlas-2.0.2.tgz``; default the download cache.
    fetch : bool
        Whether to download the tarball into the cache when it is missing.
    bbox : sequence of float
        ``(min lon, min lat, max lon, max lat)``.
    registry : str, optional
        npm registry base URL for fetching.
    package : NpmPackage
        The pinned release (default :data:`~geo_syria.render.assets.WORLD_ATLAS`).

    Returns
    -------
    list of dict
        One feature per country, ``properties``: ``name`` and ``syria`` (bool).

    Raises
    ------
    OfflineError
        Not cached and the npm registry cannot be reached (the message names
        ``geo-syria assets fetch``).
    FileNotFoundError
        ``assets_dir`` lacks the tarball.
    """
    if assets_dir is None:
        directory = fetch_assets(packages=(package,) if fetch else (), registry=registry)
    else:
        directory = assets_dir
    try:
        topology = json.loads(read_member(directory, package, _TOPOLOGY_FILE))
    except (KeyError, ValueError) as err:
        raise DownloadError(f"{package.filename} has no readable {_TOPOLOGY_FILE}") from err
    features = _clip(topojson_features(topology, "countries", keep=NEIGHBOURS), bbox)
    for feature in features:
        feature["properties"] = {
            "name": feature["properties"].get("name"),
            "syria": feature["properties"].get("name") == "Syria",
        }
    return features


class CountriesLayer(SafeLayer):
    """Country outlines under everything else: the basemap offline, borders over tiles online."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function (map) {
    var pane = map.getPane("countries") || map.createPane("countries");
    pane.style.zIndex = 210;
    pane.style.pointerEvents = "none";
    var filled = {{ this.filled_js }};
    return L.geoJSON({type: "FeatureCollection", features: {{ this.data_js }}}, {
        pane: "countries",
        interactive: false,
        style: function (f) {
            var syria = f.properties.syria;
            return {
                className: "gs-country" + (syria ? " gs-country-syria" : ""),
                color: syria ? "#555" : "#999", weight: syria ? 1.6 : 0.8,
                fillColor: syria ? "#fdfcf7" : "#efede6",
                fillOpacity: filled ? 1 : 0
            };
        }
    });
})({{ this._parent.get_name() }});
window.geoSyria = window.geoSyria || {};
window.geoSyria.countries = {{ this.get_name() }};
{% endmacro %}
"""
    )

    def __init__(self, features: list[dict[str, Any]], *, filled: bool = True) -> None:
        super().__init__(name="Countries (Natural Earth)", overlay=True, control=True, show=True)
        self._name = "GeoSyriaCountries"
        self.data_js = to_js(features)
        self.filled_js = "true" if filled else "false"


def add_tile_switcher(m: folium.Map, providers: Iterable[Any]) -> None:
    """Add one base layer per tile provider (the first shown), for the layer control."""
    import folium

    for index, provider in enumerate(providers):
        folium.TileLayer(
            tiles=provider.build_url(),
            attr=provider.get("html_attribution") or provider.get("attribution") or provider.name,
            name=provider.name,
            max_zoom=provider.get("max_zoom", 18),
            overlay=False,
            control=True,
            show=index == 0,
        ).add_to(m)
