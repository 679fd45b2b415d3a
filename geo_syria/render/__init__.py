"""The map: a report drawn with folium, every point showing its evidence.

:func:`render_map` returns a :class:`folium.Map` (it shows inline in a notebook);
writing the file is the caller's business (``m.save("map.html")``, or the
``geo-syria map`` command). By default the page inlines Leaflet and its plugins (see
:mod:`geo_syria.render.assets`) and has no tiles, so it opens with no network at all;
``cdn=True`` loads them from CDNs and draws tiles instead.

folium is imported inside the functions, so ``import geo_syria`` stays light.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from geo_syria.exc import InvalidOptionError

if TYPE_CHECKING:
    import folium

    from geo_syria.place import Place
    from geo_syria.render.assets import AssetBundle
    from geo_syria.report import Report

__all__ = ["SYRIA_BOUNDS", "render_map", "resolve_tiles"]

logger = logging.getLogger(__name__)

#: South-west and north-east corners of Syria, ``[[lat, lon], [lat, lon]]``.
SYRIA_BOUNDS = [[32.3, 35.6], [37.4, 42.4]]

#: Claim labels are shown permanently up to this many claims (else on hover).
MAX_CLAIM_LABELS = 5

#: Claims are drawn at first up to this many (else the layer control turns them on).
MAX_SHOWN_CLAIMS = 25

_TILE_ALIASES = {"openstreetmap": "OpenStreetMap.Mapnik", "osm": "OpenStreetMap.Mapnik"}
_TILE_EXAMPLES = ("OpenStreetMap", "OpenTopoMap", "CartoDB.Positron", "Esri.WorldImagery")


def resolve_tiles(name: str) -> Any:
    """Return the xyzservices tile provider called ``name`` (case and dots ignored).

    Raises
    ------
    InvalidOptionError
        No provider has that name.

    Examples
    --------
    >>> resolve_tiles("OpenStreetMap").name
    'OpenStreetMap.Mapnik'
    >>> resolve_tiles("Narnia.Streets")
    Traceback (most recent call last):
    ...
    geo_syria.exc.InvalidOptionError: tiles='Narnia.Streets' is not an xyzservices provider; ...
    """
    import xyzservices.providers as providers

    query = _TILE_ALIASES.get(str(name).lower(), name)
    try:
        return providers.query_name(query)
    except (ValueError, TypeError):
        examples = ", ".join(repr(e) for e in _TILE_EXAMPLES)
        raise InvalidOptionError(
            f"tiles={name!r} is not an xyzservices provider; use a name such as {examples} "
            "(all: xyzservices.providers.flatten())"
        ) from None


def _page_class() -> type:
    from branca.element import Figure

    class _Page(Figure):
        """The HTML page; inlines assets on render when it has a bundle."""

        bundle: AssetBundle | None = None

        def render(self, **kwargs: Any) -> str:
            from geo_syria.render._inline import drop_unused, inline_assets

            html = super().render(**kwargs)
            if self.bundle is not None:
                return inline_assets(html, self.bundle)
            return drop_unused(html)

    return _Page


def _bounds(report: Report) -> list[list[float]] | None:
    points: list[tuple[float, float, bool]] = [
        (rp.place.lat, rp.place.lon, rp.place.in_syria) for rp in report.places
    ]
    for claim in report.claims:
        check = claim.check
        if check is not None and check.region is not None and not check.region.is_empty:
            minx, miny, maxx, maxy = check.region.bounds
            points += [(miny, minx, True), (maxy, maxx, True)]
        if check is not None and check.estimate_lat is not None:
            points.append((check.estimate_lat, check.estimate_lon, True))
    if not points or any(syria for _, _, syria in points):
        return None  # the first view is Syria, not the places abroad
    lats, lons = zip(*[(lat, lon) for lat, lon, _ in points], strict=True)
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def render_map(
    report: Report,
    *,
    tiles: str | None = None,
    cdn: bool = False,
    self_contained: bool | None = None,
    boundaries: Iterable[Place] | None = None,
    cluster_threshold: int = 50,
    title: str | None = None,
    assets_dir: str | os.PathLike[str] | None = None,
    unresolved_counts: Mapping[str, int] | None = None,
) -> folium.Map:
    """Draw a report: places with their evidence, claims, estimates, unresolved names.

    Parameters
    ----------
    report : Report
        What :func:`geo_syria.pipeline.analyze` returned.
    tiles : str or None
        With ``cdn=True``: an xyzservices provider name (``"OpenStreetMap"``,
        ``"CartoDB.Positron"``, ...); ``None`` means OpenStreetMap. An offline map has no tiles.
    cdn : bool
        Load Leaflet and the plugins from CDNs and draw tiles. By default (``False``)
        they are inlined and no tiles are drawn: the saved file needs no network. The
        first offline map downloads the npm tarballs into the cache (or reads
        ``assets_dir``); ``geo-syria assets fetch`` does it ahead.
    self_contained : bool, optional
        The former name of ``not cdn`` (``True`` is the default now).
    boundaries : iterable of Place, optional
        Places whose ``extent`` outlines are drawn when they are countries or
        governorates — e.g. a :class:`~geo_syria.gazetteer.Gazetteer`. In a
        self-contained map they are the basemap.
    cluster_threshold : int
        With more places than this, markers cluster at country zoom (and the
        permanent name labels are left out); with fewer, each place is labelled.
    title : str, optional
        Shown on the map and as the page title.
    assets_dir : path, optional
        A directory of ``npm pack`` tarballs to inline instead of the cache.
    unresolved_counts : mapping of str to int, optional
        How often each unresolved name was met in all, when the report holds only a
        sample of their mentions (:meth:`~geo_syria.fold.PlaceFold.unresolved_counts`).

    Returns
    -------
    folium.Map
        Fitted to Syria (to the places when none is in Syria), over the outlines of
        Syria and its neighbours (:mod:`geo_syria.render.basemap`).

    Raises
    ------
    InvalidOptionError
        Unknown ``tiles``, tiles asked for in an offline map, contradicting ``cdn`` and
        ``self_contained``, or a bad threshold.
    OfflineError
        An offline map whose assets are neither cached nor downloadable.

    Examples
    --------
    >>> from geo_syria.report import Report
    >>> m = render_map(Report((), (), (), ()), cdn=True, title="Empty")
    >>> "Empty" in m.get_root().render()
    True
    """
    import folium

    from geo_syria.checks import check_positive
    from geo_syria.render import controls, filters

    check_positive("cluster_threshold", cluster_threshold, allow_zero=True)
    cdn = _use_cdn(cdn=cdn, self_contained=self_contained)
    provider = _tile_provider(tiles, cdn=cdn)
    bundle = None
    if not cdn:
        from geo_syria.render.assets import load_assets

        bundle = load_assets(assets_dir=assets_dir)
    documents = {s.document.id: s.document for s in report.documents}
    boundary_features = controls.boundary_records(boundaries)
    countries = _countries(assets_dir, cdn=cdn)
    m = _new_map(title=title, bundle=bundle, provider=provider)
    if countries:
        from geo_syria.render.basemap import CountriesLayer

        CountriesLayer(countries, filled=provider is None).add_to(m)
    _, has_estimates = _add_layers(
        m, report, documents, boundary_features, cluster_threshold=cluster_threshold
    )
    _add_tools(m, report, provider, boundary_features or countries)
    _add_panels(m, report, title=title, estimates=has_estimates, counts=unresolved_counts)
    filters.add_controls(m, report, documents)
    folium.LayerControl(position="topright", collapsed=True).add_to(m)
    controls.LayerMemory.of(m).add_to(m)
    _fit(m, _bounds(report))
    return m


def _countries(assets_dir: str | os.PathLike[str] | None, *, cdn: bool) -> list[dict]:
    """Return the basemap's country outlines, or ``[]`` (with a warning) when unavailable."""
    from geo_syria.exc import DownloadError
    from geo_syria.render.basemap import country_outlines

    try:
        return country_outlines(assets_dir=assets_dir, fetch=cdn or assets_dir is None)
    except (DownloadError, FileNotFoundError) as err:
        logger.warning("the map has no country outlines: %s", err)
        return []


def _use_cdn(*, cdn: bool, self_contained: bool | None) -> bool:
    """Return whether the map loads its assets from CDNs (``self_contained`` is the old name)."""
    if self_contained is None:
        return bool(cdn)
    if cdn and self_contained:
        raise InvalidOptionError(
            "cdn=True contradicts self_contained=True: pass only cdn "
            "(False, the default: offline; True: Leaflet from CDNs, with tiles)"
        )
    return not self_contained


def _tile_provider(tiles: str | None, *, cdn: bool) -> Any:
    """Return the xyzservices provider to draw, or ``None`` for a plain background."""
    provider = resolve_tiles(tiles if tiles is not None else "OpenStreetMap")
    if cdn:
        return provider
    if tiles is not None and str(tiles).lower() not in _TILE_ALIASES:
        raise InvalidOptionError(
            f"tiles={tiles!r} needs cdn=True: an offline map (the default) has no tiles; "
            "pass cdn=True (--cdn) for tiles, or drop tiles"
        )
    return None


def _new_map(*, title: str | None, bundle: AssetBundle | None, provider: Any) -> folium.Map:
    """Return an empty map in its page, with the house CSS and the base layer (tiles or plain)."""
    import folium

    from geo_syria.render import controls
    from geo_syria.render.popups import esc

    m = folium.Map(
        location=[35.0, 38.5], zoom_start=7, tiles=None, control_scale=True, maxZoom=18, minZoom=2
    )
    page = _page_class()(title=esc(title) if title else "geo_syria map")
    page.bundle = bundle
    m._parent = None
    page.add_child(m)
    page.header.add_child(folium.Element(controls.CSS), name="gs_css")
    if provider is not None:
        from geo_syria.render.basemap import BASEMAP_TILES, add_tile_switcher

        others = [resolve_tiles(n) for n in BASEMAP_TILES if n != provider.name]
        add_tile_switcher(m, [provider, *others])
    else:
        m.get_root().script.add_child(
            folium.Element(f'document.getElementById("{m.get_name()}").classList.add("gs-plain");'),
            name="gs_plain",
        )
    return m


def _add_layers(
    m: folium.Map,
    report: Report,
    documents: dict,
    boundary_features: list,
    *,
    cluster_threshold: int,
) -> tuple[Any, bool]:
    """Draw outlines, precision circles, places, claims and estimates; return the places layer."""
    from geo_syria.render import controls
    from geo_syria.render.claims_layer import (
        ClaimsLayer,
        EstimatesLayer,
        claim_records,
        estimate_records,
    )
    from geo_syria.render.places_layer import (
        PlacesLayer,
        PrecisionLayer,
        place_records,
        precision_records,
    )

    if boundary_features:
        controls.BoundariesLayer(boundary_features).add_to(m)
    precision = precision_records(report.places)
    if precision:
        # hidden at first on big maps (in the layer control), to keep them light
        PrecisionLayer(precision, show=len(report.places) <= cluster_threshold).add_to(m)
    labels = len(report.places) <= cluster_threshold
    places = PlacesLayer(
        place_records(report.places, documents),
        cluster=len(report.places) > cluster_threshold,
        labels=labels,
    ).add_to(m)
    if labels:
        from geo_syria.render.labels import LabelLayout

        LabelLayout().add_to(m)
    claims = claim_records(report.claims, documents)
    if claims:
        ClaimsLayer(
            claims, labels=len(claims) <= MAX_CLAIM_LABELS, show=len(claims) <= MAX_SHOWN_CLAIMS
        ).add_to(m)
    if report.places:
        from geo_syria.render.heat_layer import HeatLayer, heat_points

        HeatLayer(heat_points(report.places)).add_to(m)
    estimates = estimate_records(report.claims)
    if estimates:  # like claims: past a count they would hide the places, so off at first
        EstimatesLayer(estimates, show=len(estimates) <= MAX_SHOWN_CLAIMS).add_to(m)
    return places, bool(estimates)


def _add_tools(m: folium.Map, report: Report, provider: Any, boundary_features: list) -> None:
    """Add full screen, the measure tool and the minimap (tiles, or outlines when offline)."""
    import folium
    import folium.plugins

    from geo_syria.render import controls

    folium.plugins.Fullscreen(position="topleft").add_to(m)
    folium.plugins.MeasureControl(
        position="topleft", primary_length_unit="kilometers", secondary_length_unit="miles"
    ).add_to(m)
    if provider is not None:
        folium.plugins.MiniMap(
            tile_layer=folium.TileLayer(tiles=provider.build_url(), attr=" "),
            toggle_display=True,
            position="bottomright",
        ).add_to(m)
        return
    minimap_features = boundary_features or [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [rp.place.lon, rp.place.lat]},
            "properties": {},
        }
        for rp in report.places[:2000]
    ]
    controls.OutlineMiniMap(minimap_features).add_to(m)


def _add_panels(
    m: folium.Map, report: Report, *, title: str | None, estimates: bool, counts: Mapping | None
) -> None:
    """Add the title, the legend and the unresolved names panel."""
    from geo_syria.render import controls
    from geo_syria.render.places_layer import marker_kind
    from geo_syria.render.popups import esc

    if title:
        controls.InfoControl(
            f'<div class="gs-title">{esc(title)}</div>', position="topright", css_class="gs-head"
        ).add_to(m)
    controls.InfoControl(
        controls.legend_html(
            kinds={marker_kind(rp.place.feature_type) for rp in report.places},
            verdicts={c.verdict for c in report.claims},
            estimates=estimates,
            outside=any(not rp.place.in_syria for rp in report.places),
        ),
        position="bottomleft",
        css_class="gs-legend-panel",
    ).add_to(m)
    estimated_names = {
        c.subject.mention.text
        for c in report.claims
        if c.subject.place is None and c.check and c.check.estimate_lat is not None
    } | {r.mention.text for r in report.unresolved if r.estimate is not None}
    unresolved = controls.unresolved_html(report, estimated=estimated_names, counts=counts)
    if unresolved:
        controls.InfoControl(
            unresolved, position="topright", css_class="gs-unresolved-panel"
        ).add_to(m)


def _fit(m: folium.Map, bounds: list[list[float]] | None) -> None:
    """Fit the view to the bounds (Syria when there are none; a small box around one point)."""
    if bounds is None:
        m.fit_bounds(SYRIA_BOUNDS)
    elif bounds[0] == bounds[1]:
        lat, lon = bounds[0]
        m.fit_bounds([[lat - 0.05, lon - 0.05], [lat + 0.05, lon + 0.05]])
    else:
        m.fit_bounds(bounds, padding=(30, 30))
