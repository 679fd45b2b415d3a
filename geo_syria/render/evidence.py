"""Evidence one click away: every mention of a place, paged in its popup.

A popup shows the first :data:`~geo_syria.render.popups.MAX_MENTIONS` mentions and a
pager (:func:`~geo_syria.render.popups.pager_html`); the page holds the escaped
mention items of each place with more, and :class:`EvidencePager` turns the pages
in place, up to the last mention.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from jinja2 import Template

from geo_syria.render._elements import SafeMacro
from geo_syria.render._js import to_js
from geo_syria.render.popups import MAX_MENTIONS, mention_item

if TYPE_CHECKING:
    from geo_syria.documents import Document
    from geo_syria.report import ReportPlace

__all__ = ["EvidencePager", "evidence_records"]


def evidence_records(
    places: Sequence[ReportPlace],
    documents: Mapping[str, Document],
    *,
    per_page: int = MAX_MENTIONS,
) -> dict[str, list[str]]:
    """Return, for each place with more than ``per_page`` mentions, all its mention items.

    Parameters
    ----------
    places : sequence of ReportPlace
    documents : mapping of str to Document
        The report's documents by id.
    per_page : int
        Mentions on one popup page.

    Returns
    -------
    dict of str to list of str
        Escaped ``<li>`` items by place id.

    Examples
    --------
    >>> evidence_records((), {})
    {}
    """
    return {
        rp.place.id: [mention_item(r, documents) for r in rp.resolutions]
        for rp in places
        if len(rp.resolutions) > per_page
    }


class EvidencePager(SafeMacro):
    """The page script turning the pages of popups (a click on a pager button)."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function (map) {
    var evidence = {{ this.data_js }};
    window.geoSyria = window.geoSyria || {};
    window.geoSyria.evidence = evidence;
    function turn(pager, go) {
        var items = evidence[pager.getAttribute("data-gs-place")];
        if (!items) { return; }
        var per = +pager.getAttribute("data-gs-per");
        var pages = Math.ceil(items.length / per);
        var page = +pager.getAttribute("data-gs-page");
        page = go === "first" ? 0 : go === "last" ? pages - 1
             : go === "next" ? Math.min(pages - 1, page + 1) : Math.max(0, page - 1);
        pager.setAttribute("data-gs-page", page);
        var list = pager.parentNode.querySelector(".gs-mentions");
        var lo = page * per, hi = Math.min(items.length, lo + per);
        list.innerHTML = items.slice(lo, hi).join("");
        list.setAttribute("start", lo + 1);
        var box = pager.closest(".leaflet-popup-content");
        if (box) { box.scrollTop = 0; }
        pager.querySelector(".gs-pager-at").textContent =
            "mentions " + (lo + 1) + "–" + hi + " of " + items.length;
    }
    map.getContainer().addEventListener("click", function (e) {
        var button = e.target.closest && e.target.closest(".gs-pager button");
        if (!button) { return; }
        e.preventDefault();
        e.stopPropagation();
        turn(button.parentNode, button.getAttribute("data-gs-go"));
    });
})({{ this._parent.get_name() }});
{% endmacro %}
"""
    )

    def __init__(self, records: dict[str, list[str]]) -> None:
        super().__init__()
        self._name = "GeoSyriaEvidence"
        self.data_js = to_js(records)
