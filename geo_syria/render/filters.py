"""Layers and filters: toggles, a document/source filter and a from–to date range.

The verdict and feature-type toggles, the document/source filter and the date range
(two handles, with play) are remembered in the page (``localStorage``).

:func:`add_controls` is the one call :func:`~geo_syria.render.render_map` makes: it
adds the filter panel, the search box (:mod:`geo_syria.render.search`) and the popup
pager (:mod:`geo_syria.render.evidence`). The page filters what the places and claims
layers drew, by position: places in marker order (:func:`marker_order`), claims in the
order of :func:`~geo_syria.render.claims_layer.claim_records`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from jinja2 import Template

from geo_syria.render._elements import SafeMacro
from geo_syria.render._js import to_js
from geo_syria.render.popups import esc

if TYPE_CHECKING:
    import folium

    from geo_syria.documents import Document
    from geo_syria.report import Report, ReportPlace

__all__ = ["FilterControl", "add_controls", "filter_records", "marker_order"]

#: Verdicts in the order of their toggles.
VERDICTS = ("consistent", "inconsistent", "unverifiable")


def marker_order(places: Sequence[ReportPlace]) -> list[ReportPlace]:
    """Return the places in the order the places layer draws its markers (small types first).

    Examples
    --------
    >>> marker_order(())
    []
    """
    from geo_syria.place import FEATURE_TYPES

    rank = {t: i for i, t in enumerate(FEATURE_TYPES)}
    return sorted(places, key=lambda rp: -rank[rp.place.feature_type])


#: With more documents than this the page filters by source and date, not by document.
MAX_DOCUMENT_FILTER = 2_000


def _document_table(
    documents: Mapping[str, Document], *, by_document: bool
) -> tuple[list[list[Any]], dict[str, int], list[str]]:
    """Return the page's document rows, each document's row index, and the sources.

    By document: ``[escaped title, date, source index]`` per document. Otherwise one
    row per distinct (date, source), titled by its count: all the date range and the
    source filter need, at a size that does not grow with the corpus.
    """
    sources = sorted({d.source for d in documents.values() if d.source})
    source_index = {s: i for i, s in enumerate(sources)}
    rows: list[list[Any]] = []
    row_of: dict[str, int] = {}
    groups: dict[tuple, int] = {}
    for doc_id, d in documents.items():
        date = d.published.isoformat() if d.published is not None else None
        source = source_index.get(d.source, -1) if d.source else -1
        if by_document:
            row_of[doc_id] = len(rows)
            rows.append([esc(d.title or d.id), date, source])
            continue
        row = groups.setdefault((date, source), len(rows))
        if row == len(rows):
            rows.append([0, date, source])
        rows[row][0] += 1
        row_of[doc_id] = row
    if not by_document:
        for row in rows:
            row[0] = f"{row[0]} documents"
    return rows, row_of, sources


def filter_records(report: Report, documents: Mapping[str, Document]) -> dict[str, Any]:
    """Return what the filter panel needs: documents, and each place's and claim's docs.

    Returns
    -------
    dict
        ``docs``: ``[escaped title, date or None, source index]`` (past
        :data:`MAX_DOCUMENT_FILTER` documents, one row per date and source, and
        ``byDocument`` false: no document filter); ``sources``: escaped source names;
        ``dates``: distinct ISO dates, sorted; ``places``: ``[type, [doc row, ...]]``
        in marker order; ``claims``: ``[verdict, [doc row, ...], layers]`` per group
        of repeated claims, in the claims layer's order; ``types`` and ``verdicts``
        present, and ``swatches``: each toggle's colour.

    Examples
    --------
    >>> from geo_syria.report import Report
    >>> filter_records(Report((), (), (), ()), {})["places"]
    []
    """
    from geo_syria.place import FEATURE_TYPES
    from geo_syria.render.claims_layer import VERDICT_COLOURS, drawn_groups, layer_count
    from geo_syria.render.places_layer import KIND_COLOURS, marker_kind

    by_document = len(documents) <= MAX_DOCUMENT_FILTER
    docs, index, sources = _document_table(documents, by_document=by_document)
    places = [
        [
            rp.place.feature_type,
            sorted({index[r.mention.doc_id] for r in rp.resolutions if r.mention.doc_id in index}),
        ]
        for rp in marker_order(report.places)
    ]
    claims = [
        [g[0].verdict, sorted({index[c.doc_id] for c in g if c.doc_id in index}), layer_count(g[0])]
        for g in drawn_groups(report.claims)
    ]
    present = {p[0] for p in places}
    types = [t for t in FEATURE_TYPES if t in present]
    verdicts = [v for v in VERDICTS if any(c[0] == v for c in claims)]
    swatches = {f"verdict:{v}": VERDICT_COLOURS[v] for v in verdicts}
    swatches.update({f"type:{t}": KIND_COLOURS[marker_kind(t)] for t in types})
    return {
        "docs": docs,
        "byDocument": by_document,
        "sources": [esc(s) for s in sources],
        "dates": sorted({d[1] for d in docs if d[1] is not None}),
        "places": places,
        "claims": claims,
        "types": types,
        "verdicts": verdicts,
        "swatches": swatches,
    }


def add_controls(m: folium.Map, report: Report, documents: Mapping[str, Document]) -> None:
    """Add the filter panel, the search box and the popup pager to a map of ``report``.

    Parameters
    ----------
    m : folium.Map
        A map whose places (and claims) layers are already added.
    report : Report
    documents : mapping of str to Document
        The report's documents by id.
    """
    from geo_syria.render.claims_layer import drawn_groups
    from geo_syria.render.evidence import EvidencePager, evidence_records, report_records
    from geo_syria.render.search import SearchControl, search_records

    ordered = marker_order(report.places)
    if ordered:
        SearchControl(search_records(ordered)).add_to(m)
    evidence = evidence_records(report.places, documents)
    evidence.update(report_records(drawn_groups(report.claims), documents))
    if evidence:
        EvidencePager(evidence).add_to(m)
    FilterControl(filter_records(report, documents)).add_to(m)


class FilterControl(SafeMacro):
    """The filter panel (verdicts, feature types, source, document) and the date range."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function (map) {
    var D = {{ this.data_js }}, gs = window.geoSyria = window.geoSyria || {};
    // keyed by the page and its data, so a map written anew over the old one starts clean
    var key = ["geoSyria", location.pathname, document.title, D.docs.length,
               D.places.length, D.claims.length].join(":"), state = {};
    try { state = JSON.parse(localStorage.getItem(key)) || {}; } catch (e) { state = {}; }
    state.off = state.off || {};
    var last = Math.max(0, D.dates.length - 1);
    var range = {from: 0, to: last};
    function save() {
        try { localStorage.setItem(key, JSON.stringify(state)); } catch (e) { /* private */ }
    }
    function docOk(i) {
        var all = range.from === 0 && range.to === last;
        if (i < 0) { return !state.doc && !state.source && all; }
        var d = D.docs[i];
        if (state.doc && +state.doc !== i) { return false; }
        if (state.source && d[2] !== +state.source) { return false; }
        return all || (d[1] !== null && d[1] >= D.dates[range.from] && d[1] <= D.dates[range.to]);
    }
    function setShown(group, on, off) {
        on = on.filter(function (l) { return !group.hasLayer(l); });
        off = off.filter(function (l) { return group.hasLayer(l); });
        if (group.removeLayers) { group.removeLayers(off); group.addLayers(on); }
        else {
            off.forEach(function (l) { group.removeLayer(l); });
            on.forEach(function (l) { group.addLayer(l); });
        }
    }
    var claimLayers = null;
    function apply() {
        var visible = {places: 0, claims: 0};
        var places = gs.places;
        if (places && places.gsMarkers) {
            var on = [], off = [];
            places.gsMarkers.forEach(function (m, i) {
                var p = D.places[i];
                var ok = p && !state.off["type:" + p[0]] && (p[1].length === 0
                    ? docOk(-1) : p[1].some(docOk));
                (ok ? on : off).push(m);
            });
            setShown(places, on, off);
            visible.places = on.length;
        }
        if (gs.claims) {
            if (claimLayers === null) { claimLayers = gs.claims.getLayers(); }
            var at = 0, cOn = [], cOff = [];
            D.claims.forEach(function (c) {
                var ok = !state.off["verdict:" + c[0]]
                    && (c[1].length === 0 ? docOk(-1) : c[1].some(docOk));
                for (var j = 0; j < c[2]; j++) { (ok ? cOn : cOff).push(claimLayers[at + j]); }
                at += c[2];
                if (ok) { visible.claims += 1; }
            });
            setShown(gs.claims, cOn.filter(Boolean), cOff.filter(Boolean));
        }
        gs.visible = visible;
        if (gs.layoutLabels) { gs.layoutLabels(); }
    }
    function checkbox(parent, id, label) {
        var row = L.DomUtil.create("label", "gs-toggle", parent);
        var box = L.DomUtil.create("input", "", row);
        box.type = "checkbox"; box.checked = !state.off[id];
        box.setAttribute("data-gs-toggle", id);
        var sw = L.DomUtil.create("span", "gs-swatch", row);
        sw.style.background = D.swatches[id] || "#999";
        row.appendChild(document.createTextNode(label));
        box.addEventListener("change", function () {
            if (box.checked) { delete state.off[id]; } else { state.off[id] = true; }
            save(); apply();
        });
    }
    function select(parent, id, label, options) {
        var row = L.DomUtil.create("label", "gs-select", parent);
        row.appendChild(document.createTextNode(label + " "));
        var s = L.DomUtil.create("select", "", row);
        s.setAttribute("data-gs-filter", id);
        s.innerHTML = '<option value="">all</option>' + options.map(function (o) {
            return '<option value="' + o[0] + '">' + o[1] + "</option>";
        }).join("");
        s.value = state[id] || "";
        s.addEventListener("change", function () { state[id] = s.value; save(); apply(); });
    }
    var panel = L.control({position: "topright"});
    panel.onAdd = function () {
        var div = L.DomUtil.create("div", "gs-panel gs-filters");
        var box = L.DomUtil.create("details", "", div);
        box.open = state.open === true;  // collapsed at first: the map comes first
        box.addEventListener("toggle", function () { state.open = box.open; save(); });
        L.DomUtil.create("summary", "", box).innerHTML = "<b>Filters</b>";
        if (D.verdicts.length) {
            L.DomUtil.create("h4", "", box).textContent = "Claims";
            D.verdicts.forEach(function (v) {
                checkbox(box, "verdict:" + v, v);
            });
        }
        if (D.types.length) {
            L.DomUtil.create("h4", "", box).textContent = "Places";
            var grid = L.DomUtil.create("div", "gs-toggles", box);
            D.types.forEach(function (t) { checkbox(grid, "type:" + t, t); });
        }
        if (D.sources.length > 1) {
            select(box, "source", "Source", D.sources.map(function (s, i) { return [i, s]; }));
        }
        if (D.byDocument && D.docs.length > 1) {
            select(box, "doc", "Document", D.docs.map(function (d, i) {
                return [i, (d[1] ? d[1] + " " : "") + d[0]];
            }));
        }
        L.DomEvent.disableClickPropagation(div);
        L.DomEvent.disableScrollPropagation(div);
        return div;
    };
    panel.addTo(map);
    {%- if this.dated %}
    var slider = L.control({position: "bottomright"});
    slider.onAdd = function () {
        var div = L.DomUtil.create("div", "gs-panel gs-slider");
        var label = L.DomUtil.create("div", "gs-range-label", div);
        var track = L.DomUtil.create("div", "gs-range", div);
        // the "to" handle first: moving it alone is the old "reported up to" slider
        var to = L.DomUtil.create("input", "gs-to", track);
        var from = L.DomUtil.create("input", "gs-from", track);
        [from, to].forEach(function (input) {
            input.type = "range"; input.min = 0; input.max = last; input.step = 1;
        });
        from.value = 0; to.value = last;
        from.setAttribute("aria-label", "from date"); to.setAttribute("aria-label", "to date");
        var play = L.DomUtil.create("button", "gs-play", div);
        play.type = "button"; play.textContent = "▶ play";
        var timer = null;
        function show(moved) {
            var a = +from.value, b = +to.value;
            if (a > b) { if (moved === from) { to.value = b = a; } else { from.value = a = b; } }
            range.from = a; range.to = b;
            label.textContent = a === 0 && b === last ? "All dates (" + D.dates[0] + " – "
                + D.dates[last] + ")" : "From " + D.dates[a] + " to " + D.dates[b];
            apply();
        }
        from.addEventListener("input", function () { show(from); });
        to.addEventListener("input", function () { show(to); });
        play.addEventListener("click", function () {
            if (timer) { clearInterval(timer); timer = null; play.textContent = "▶ play"; return; }
            to.value = from.value; show(to); play.textContent = "❚❚ pause";
            timer = setInterval(function () {
                if (+to.value >= last) {
                    clearInterval(timer); timer = null; play.textContent = "▶ play"; return;
                }
                to.value = +to.value + 1; show(to);
            }, 700);
        });
        show(to);
        L.DomEvent.disableClickPropagation(div);
        return div;
    };
    slider.addTo(map);
    {%- endif %}
    apply();
    gs.applyFilters = apply;
})({{ this._parent.get_name() }});
{% endmacro %}
"""
    )

    def __init__(self, records: dict[str, Any]) -> None:
        super().__init__()
        self._name = "GeoSyriaFilters"
        self.data_js = to_js(records)
        self.dated = bool(records["dates"])
