"""The search box: jump to a place by any of its names, spelt as the news spells it.

Each place carries the :func:`~geo_syria.names.variant_key` of every name it has;
the page folds the typed query with the same rules (the regular expressions and
tables of :mod:`geo_syria.names`, shipped to the page), so "Joubar" finds Jobar.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from jinja2 import Template

from geo_syria.render._elements import SafeMacro
from geo_syria.render._js import to_js
from geo_syria.render.popups import esc

if TYPE_CHECKING:
    from geo_syria.report import ReportPlace

__all__ = ["SearchControl", "fold_rules", "search_records"]

#: Code point ranges whose letters the page transliterates as the package does.
_TRANSLIT_RANGES = ((0x00C0, 0x0530), (0x1E00, 0x1F00))


def fold_rules() -> dict[str, Any]:
    """Return the folding rules of :func:`~geo_syria.names.variant_key`, for the page.

    Examples
    --------
    >>> fold_rules()["generic"]["kfar"]
    'kafr'
    """
    from anyascii import anyascii

    from geo_syria import names
    from geo_syria.text import ARABIC_RE, ARTICLES

    # the transliteration of anyascii for the Latin, Greek and Cyrillic letters
    letters = (chr(c) for r in _TRANSLIT_RANGES for c in range(*r))
    return {
        "translit": {c: anyascii(c) for c in letters if c.isalpha()},
        "arabic": ARABIC_RE.pattern,
        "marks": names._MARKS.pattern,
        "articles": sorted(ARTICLES),
        "generic": dict(names.GENERIC_WORDS),
        "glued": names._GLUED_ARTICLE.pattern,
        "finalH": names._FINAL_H.pattern,
        "digraphs": [list(d) for d in names._DIGRAPHS],
        "doubleConsonant": names._DOUBLE_CONSONANT.pattern,
        "diphU": names._DIPHTHONG_U.pattern,
        "diphI": names._DIPHTHONG_I.pattern,
        "double": names._DOUBLE.pattern,
        "harakat": names._HARAKAT.pattern,
        "arabicFold": {k: v for k, v in names._ARABIC_FOLD.items() if isinstance(k, int)},
    }


def search_records(places: Sequence[ReportPlace]) -> list[dict[str, Any]]:
    """Return, in marker order, each place's shown name, other names and variant keys.

    Examples
    --------
    >>> from geo_syria.place import Place
    >>> from geo_syria.report import ReportPlace
    >>> rp = ReportPlace(Place("curated:jobar", "Jobar", 33.5, 36.3, "neighbourhood",
    ...                        variants=("Jawbar", "جوبر")), (), 1.0)
    >>> search_records([rp])[0]["k"]
    ['jubar', 'جوبر']
    """
    from geo_syria.names import variant_key

    records = []
    for rp in places:
        place = rp.place
        keys = dict.fromkeys(k for k in (variant_key(n) for n in place.names) if k)
        records.append(
            {
                "n": esc(place.name),
                "a": esc(", ".join(n for n in place.names[1:6])),
                "k": list(keys),
                "y": place.lat,
                "x": place.lon,
            }
        )
    return records


class SearchControl(SafeMacro):
    """A search box (top left): matches listed as typed, Enter or a click jumps there."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function (map) {
    var places = {{ this.data_js }}, R = {{ this.rules_js }};
    var marks = new RegExp(R.marks, "g"), harakat = new RegExp(R.harakat, "g");
    var articles = new Set(R.articles), arabic = new RegExp(R.arabic);
    function fold(name) {
        if (arabic.test(name)) {
            var a = name.normalize("NFC").replace(harakat, "");
            a = Array.from(a).map(function (c) {
                var f = R.arabicFold[c.charCodeAt(0)];
                return f === undefined ? c : f;
            }).join("");
            return a.split(/\\s+/).map(function (w) {
                return w.indexOf("\\u0627\\u0644") === 0 && w.length > 3 ? w.slice(2) : w;
            }).filter(function (w) { return w && w !== "\\u0627\\u0644" && w !== "\\u0648"; })
              .join("");
        }
        var text = Array.from(name.replace(marks, "").normalize("NFC")).map(function (c) {
            var t = R.translit[c];
            return t !== undefined ? t
                : c.normalize("NFKD").replace(/[\\u0300-\\u036f]/g, "");
        }).join("").toLowerCase().replace(marks, "");
        var tokens = text.split(/[^0-9a-z]+/).filter(Boolean);
        var kept = tokens.filter(function (t) { return !articles.has(t); });
        if (kept.length) { tokens = kept; }
        text = tokens.map(function (t) {
            t = R.generic[t] || t;
            return t.replace(new RegExp(R.glued), "").replace(new RegExp(R.finalH), "");
        }).join("");
        R.digraphs.forEach(function (d) { text = text.split(d[0]).join(d[1]); });
        text = text.replace(new RegExp(R.doubleConsonant, "g"), "$1")
            .replace(new RegExp(R.diphU, "g"), "u").replace(new RegExp(R.diphI, "g"), "i")
            .replace(/oo/g, "u").replace(/ou/g, "u").replace(/o/g, "u")
            .replace(/ee/g, "i").replace(/e/g, "a");
        return text.replace(new RegExp(R["double"], "g"), "$1");
    }
    function find(query) {
        var q = fold(query);
        if (!q) { return []; }
        var exact = [], start = [], inside = [];
        places.forEach(function (p, i) {
            var best = p.k.indexOf(q) >= 0 ? exact
                : p.k.some(function (k) { return k.indexOf(q) === 0; }) ? start
                : q.length > 2 && p.k.some(function (k) { return k.indexOf(q) > 0; })
                ? inside : null;
            if (best) { best.push(i); }
        });
        return exact.concat(start, inside).slice(0, 8);
    }
    function jump(i) {
        var results = document.querySelector(".gs-search-results");
        if (results) { results.innerHTML = ""; }
        var group = window.geoSyria.places, marker = group.gsMarkers[i], p = places[i];
        function open() {
            marker.fire("click", {latlng: marker.getLatLng()}, true);
        }
        if (!group.hasLayer(marker)) {
            map.setView([p.y, p.x], Math.max(map.getZoom(), 13));
            L.popup().setLatLng([p.y, p.x])
                .setContent("<b>" + p.n + "</b><br>hidden by the filters").openOn(map);
        } else if (group.zoomToShowLayer) {
            map.setView([p.y, p.x], Math.max(map.getZoom(), 13), {animate: false});
            group.zoomToShowLayer(marker, open);
        } else {
            map.setView([p.y, p.x], Math.max(map.getZoom(), 13), {animate: false});
            open();
        }
    }
    var control = L.control({position: "topleft"});
    control.onAdd = function () {
        var div = L.DomUtil.create("div", "gs-panel gs-search");
        var input = L.DomUtil.create("input", "", div);
        input.type = "search"; input.placeholder = "Find a place…";
        input.setAttribute("aria-label", "Find a place by any of its names");
        var list = L.DomUtil.create("ul", "gs-search-results", div);
        var found = [];
        function show() {
            found = find(input.value);
            list.innerHTML = found.map(function (i) {
                var p = places[i];
                return '<li data-gs-i="' + i + '">' + p.n
                    + (p.a ? ' <span class="gs-doc">' + p.a + "</span>" : "") + "</li>";
            }).join("");
        }
        input.addEventListener("input", show);
        input.addEventListener("keydown", function (e) {
            if (e.key === "Enter" && found.length) { jump(found[0]); }
        });
        list.addEventListener("click", function (e) {
            var li = e.target.closest("li");
            if (li) { jump(+li.getAttribute("data-gs-i")); }
        });
        L.DomEvent.disableClickPropagation(div);
        L.DomEvent.disableScrollPropagation(div);
        return div;
    };
    control.addTo(map);
    window.geoSyria = window.geoSyria || {};
    window.geoSyria.fold = fold;
    window.geoSyria.find = find;
})({{ this._parent.get_name() }});
{% endmacro %}
"""
    )

    def __init__(self, records: list[dict[str, Any]]) -> None:
        super().__init__()
        self._name = "GeoSyriaSearch"
        self.data_js = to_js(records)
        self.rules_js = to_js(fold_rules())
