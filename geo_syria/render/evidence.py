"""Evidence one click away: every mention of a place (every report of a claim), paged.

A popup shows the first :data:`~geo_syria.render.popups.MAX_MENTIONS` mentions and a
pager (:func:`~geo_syria.render.popups.pager_html`); the page holds the escaped
mention items of each place with more, and :class:`EvidencePager` turns the pages
in place, up to the last mention.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from jinja2 import Template

from geo_syria.render._elements import SafeMacro
from geo_syria.render._js import to_js_chunks
from geo_syria.render.popups import MAX_MENTIONS, mention_item, report_item

if TYPE_CHECKING:
    from geo_syria.claims import Claim
    from geo_syria.documents import Document
    from geo_syria.report import ReportPlace

__all__ = ["MAX_EVIDENCE", "EvidencePager", "evidence_records", "report_records", "share"]


#: Most list items (mentions, reports) the page holds for the pagers, all places together.
MAX_EVIDENCE = 10_000


def share(sizes: Sequence[int], budget: int, *, floor: int = MAX_MENTIONS) -> int:
    """Return the most items each list keeps so that all together keep at most ``budget``.

    Every list keeps at least ``floor`` items (its first page); lists shorter than the
    share keep all theirs (the largest equal share that fits: water-filling).

    Examples
    --------
    >>> share([5, 30, 618], 10_000)
    618
    >>> share([1000, 1000, 100], 1100)
    500
    """
    if sum(sizes) <= budget:
        return max(sizes, default=floor)
    ordered = sorted(sizes)
    left, lists = budget, len(ordered)
    for n in ordered:
        if n * lists > left:
            return max(floor, left // lists)
        left -= n
        lists -= 1
    return max(floor, ordered[-1])


def _paged(
    lists: Mapping[str, Sequence[Any]], item: Callable[[Any], str], *, per_page: int, budget: int
) -> dict[str, list[str]]:
    """Return the items of each list longer than a page, within the budget (:func:`share`)."""
    paged = {key: values for key, values in lists.items() if len(values) > per_page}
    keep = share([len(v) for v in paged.values()], budget, floor=per_page)
    return {key: [item(v) for v in values[:keep]] for key, values in paged.items()}


def evidence_records(
    places: Sequence[ReportPlace],
    documents: Mapping[str, Document],
    *,
    per_page: int = MAX_MENTIONS,
    budget: int = MAX_EVIDENCE,
) -> dict[str, list[str]]:
    """Return, for each place with more than ``per_page`` mentions, its mention items.

    Parameters
    ----------
    places : sequence of ReportPlace
    documents : mapping of str to Document
        The report's documents by id.
    per_page : int
        Mentions on one popup page.
    budget : int
        Most mention items for all places together: past it, each place keeps its
        first mentions, an equal share (:func:`share`; the pager says how many of
        how many), and the export has them all.

    Returns
    -------
    dict of str to list of str
        Escaped ``<li>`` items by place id.

    Examples
    --------
    >>> evidence_records((), {})
    {}
    """
    return _paged(
        {rp.place.id: rp.resolutions for rp in places},
        lambda r: mention_item(r, documents),
        per_page=per_page,
        budget=budget,
    )


def report_records(
    groups: Sequence[Sequence[Claim]],
    documents: Mapping[str, Document],
    *,
    per_page: int = MAX_MENTIONS,
    budget: int = MAX_EVIDENCE,
) -> dict[str, list[str]]:
    """Return the report items of each repeated claim with more than ``per_page`` reports.

    As :func:`evidence_records`, for the claims layer's groups
    (:func:`~geo_syria.render.claims_layer.drawn_groups`): group ``i`` is keyed
    ``"claim:i"``, as its popup's pager.

    Examples
    --------
    >>> report_records([], {})
    {}
    """
    return _paged(
        {f"claim:{i}": group for i, group in enumerate(groups)},
        lambda c: report_item(c, documents),
        per_page=per_page,
        budget=budget,
    )


class EvidencePager(SafeMacro):
    """The page script turning the pages of popups (a click on a pager button)."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function (map) {
    var evidence = null;
    function all() {  // parsed at the first turn of a page, not while the map loads
        if (evidence === null) {
            evidence = window.geoSyriaData("{{ this.get_name() }}");
        }
        return evidence;
    }
    window.geoSyria = window.geoSyria || {};
    Object.defineProperty(window.geoSyria, "evidence", {get: all, configurable: true});
    function turn(pager, go) {
        var items = all()[pager.getAttribute("data-gs-place")];
        if (!items) { return; }
        var per = +pager.getAttribute("data-gs-per");
        var pages = Math.ceil(items.length / per);
        var total = +pager.getAttribute("data-gs-total") || items.length;
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
            (pager.getAttribute("data-gs-noun") || "mentions") + " " + (lo + 1) + "–" + hi
            + " of " + (total > items.length ? total.toLocaleString("en") + " · the first "
            + items.length.toLocaleString("en") + " are in this map, all in the export"
            : items.length);
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
        self.data_json = to_js_chunks(records)
