"""folium elements whose rendered script is never parsed as a template again.

branca's ``MacroElement.render`` wraps each rendered script in ``Element(text)``,
which compiles the text as a Jinja template a second time. Article text inside a
map's data would then be template code: ``{{ 7*7 }}`` in a sentence became ``49``,
and worse expressions could run Python while the map is written. The elements here
add their output verbatim (and skip compiling megabytes of JSON, which is also
faster for 10,000 places). An element with ``data_json`` texts (from
:func:`~geo_syria.render._js.to_js_chunks`) also gets them as ``<script
type="application/json" data-gs="NAME">`` elements in the body, which its script reads
(``geoSyriaData(NAME)``) only when it needs them: a corpus map's evidence costs
nothing until a popup's pager is used.
"""

from __future__ import annotations

from typing import Any

from branca.element import CssLink, Element, Figure, JavascriptLink, MacroElement
from folium.elements import ElementAddToElement
from folium.map import Layer
from jinja2 import Template

__all__ = ["RawElement", "SafeLayer", "SafeMacro"]


class RawElement(Element):
    """Text added to the page as is (no template compilation of the text)."""

    _template = Template("{{ this.text }}")

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "RawElement"
        self.text = text


#: ``geoSyriaData(name)``: an element's data, its pieces parsed and put together.
_DATA_READER = """<script>
window.geoSyriaData = function (name) {
    var value = null;
    document.querySelectorAll('script[data-gs="' + name + '"]').forEach(function (el) {
        var part = JSON.parse(el.textContent);
        value = value === null ? part : typeof part === "string" ? value + part
            : Array.isArray(part) ? value.concat(part) : Object.assign(value, part);
    });
    return value;
};
</script>"""


def _render_macro(element: MacroElement, kwargs: dict[str, Any]) -> None:
    figure = element.get_root()
    if not isinstance(figure, Figure):
        raise TypeError("this element can only be rendered inside a Figure")
    for key, url in getattr(element, "default_js", ()):
        figure.header.add_child(JavascriptLink(url), name=key)
    for key, url in getattr(element, "default_css", ()):
        figure.header.add_child(CssLink(url), name=key)
    module = element._template.module.__dict__
    for part, target in (("header", figure.header), ("html", figure.html)):
        macro = module.get(part)
        if macro is not None:
            target.add_child(RawElement(macro(element, kwargs)), name=element.get_name())
    data = getattr(element, "data_json", None)
    if data is not None:  # read by the script when needed (JSON.parse), not parsed as code
        name = element.get_name()
        figure.header.add_child(RawElement(_DATA_READER), name="geo_syria_data_reader")
        figure.html.add_child(
            RawElement(
                "".join(
                    f'<script type="application/json" data-gs="{name}">{chunk}</script>'
                    for chunk in data
                )
            ),
            name=name + "_data",
        )
    script = module.get("script")
    if script is not None:
        figure.script.add_child(RawElement(script(element, kwargs)), name=element.get_name())
    for child in element._children.values():
        child.render(**kwargs)


class SafeMacro(MacroElement):
    """A MacroElement whose rendered output is added verbatim."""

    def render(self, **kwargs: Any) -> None:
        """Add this element's script (and its JS/CSS links) to the page."""
        _render_macro(self, kwargs)


class SafeLayer(Layer):
    """A folium Layer (listed in the layer control) whose output is added verbatim."""

    def render(self, **kwargs: Any) -> None:
        """Add the layer's script, then add the layer to the map when shown."""
        if self.show:
            self.add_child(
                ElementAddToElement(
                    element_name=self.get_name(), element_parent_name=self._parent.get_name()
                ),
                name=self.get_name() + "_add",
            )
        _render_macro(self, kwargs)
