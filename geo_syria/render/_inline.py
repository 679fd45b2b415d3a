"""Putting a bundle's files into a rendered page: remote ``<script>``/``<link>`` become inline.

Folium writes CDN references; each one known here maps to a file in one of the pinned npm
tarballs (:mod:`geo_syria.render.assets`). References to libraries the maps never use
(jQuery, Bootstrap, icon fonts) are dropped; an unknown one is an error, so a
self-contained map never silently reaches for the network.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Protocol

from geo_syria.exc import DownloadError
from geo_syria.text import count

__all__ = ["drop_unused", "inline_assets"]


class _Files(Protocol):
    """What inlining needs of a bundle (:class:`~geo_syria.render.assets.AssetBundle`)."""

    def text(self, package: str, path: str) -> str:
        """Return one JS or CSS file of a package, ready to inline."""
        ...


#: Leaflet's default marker images (the measure tool's markers use them), as data URIs:
#: without this Leaflet guesses an image folder and requests ``marker-icon.png`` from it.
_DEFAULT_ICONS = (
    ("iconUrl", "dist/images/marker-icon.png"),
    ("iconRetinaUrl", "dist/images/marker-icon-2x.png"),
    ("shadowUrl", "dist/images/marker-shadow.png"),
)


def _default_icon_script(bundle: _Files) -> str:
    """Return the script giving Leaflet its marker images inline ("" without them)."""
    data_uri = getattr(bundle, "data_uri", None)  # AssetBundle's; not part of the protocol
    try:
        options = ", ".join(f'{key}: "{data_uri("leaflet", path)}"' for key, path in _DEFAULT_ICONS)
    except (TypeError, KeyError):
        return ""
    return f'\nL.Icon.Default.imagePath = "";\nL.Icon.Default.mergeOptions({{{options}}});\n'


#: CDN file name pattern -> (package, path in its tarball). ``None``: not needed, dropped.
_URL_MAP: tuple[tuple[str, tuple[str, str] | None], ...] = (
    (r"/leaflet(?:\.min)?\.js$", ("leaflet", "dist/leaflet.js")),
    (r"/leaflet\.css$", ("leaflet", "dist/leaflet.css")),
    (r"/leaflet\.markercluster\.js$", ("leaflet.markercluster", "dist/leaflet.markercluster.js")),
    (r"/MarkerCluster\.css$", ("leaflet.markercluster", "dist/MarkerCluster.css")),
    (
        r"/MarkerCluster\.Default\.css$",
        ("leaflet.markercluster", "dist/MarkerCluster.Default.css"),
    ),
    (r"/Control\.FullScreen(?:\.min)?\.js$", ("leaflet.fullscreen", "Control.FullScreen.js")),
    (r"/Control\.FullScreen\.css$", ("leaflet.fullscreen", "Control.FullScreen.css")),
    (r"/leaflet-measure(?:\.min)?\.js$", ("leaflet-measure", "dist/leaflet-measure.js")),
    (r"/leaflet-measure(?:\.min)?\.css$", ("leaflet-measure", "dist/leaflet-measure.css")),
    (r"/Control\.MiniMap(?:\.min)?\.js$", ("leaflet-minimap", "dist/Control.MiniMap.min.js")),
    (r"/Control\.MiniMap(?:\.min)?\.css$", ("leaflet-minimap", "dist/Control.MiniMap.min.css")),
    (r"/leaflet-heat\.js$", ("leaflet.heat", "dist/leaflet-heat.js")),
    # folium's defaults that geo_syria maps never use (no jQuery, Bootstrap or icon fonts)
    (r"jquery", None),
    (r"bootstrap", None),
    (r"awesome", None),
    (r"fontawesome", None),
)


_SCRIPT_SRC = re.compile(
    r"""<script\b[^>]*\bsrc\s*=\s*["']([^"']+)["'][^>]*>\s*</script>""", re.IGNORECASE
)
_LINK_HREF = re.compile(r"""<link\b[^>]*\bhref\s*=\s*["']([^"']+)["'][^>]*/?>""", re.IGNORECASE)


def _lookup(url: str) -> tuple[str, str] | None:
    for pattern, target in _URL_MAP:
        if re.search(pattern, url, flags=re.IGNORECASE):
            return target
    raise KeyError(url)


def _safe_in_tag(text: str, tag: str) -> str:
    # a closing tag inside inlined code would end the element early
    return re.sub(rf"</({tag})", r"<\\/\1", text, flags=re.IGNORECASE)


def inline_assets(html: str, bundle: _Files) -> str:
    """Replace every remote ``<script src>`` and stylesheet ``<link href>`` by inline contents.

    Parameters
    ----------
    html : str
        A rendered folium page.
    bundle : AssetBundle
        Where the files come from (anything with its ``text(package, path)``).

    Returns
    -------
    str
        The page; references to files maps do not use (jQuery, Bootstrap, icon fonts) are
        dropped.

    Raises
    ------
    DownloadError
        A referenced file is not one geo_syria knows how to inline.
    """
    unknown: list[str] = []

    def inline(tag: str, *, only_if: str | None = None):
        def replace(match: re.Match[str]) -> str:
            url = match.group(1)
            if only_if is not None and only_if not in match.group(0).lower():
                return match.group(0)
            try:
                target = _lookup(url)
            except KeyError:
                unknown.append(url)
                return match.group(0)
            if target is None:
                return ""
            text = bundle.text(*target)
            if target == ("leaflet", "dist/leaflet.js"):
                text += _default_icon_script(bundle)
            return f"<{tag}>{_safe_in_tag(text, tag)}</{tag}>"

        return replace

    script = inline("script")
    link = inline("style", only_if="stylesheet")

    html = _SCRIPT_SRC.sub(script, html)
    html = _LINK_HREF.sub(link, html)
    if unknown:
        raise DownloadError(
            f"cannot inline {_plural(unknown)} for a self-contained map: "
            + ", ".join(repr(u) for u in unknown)
        )
    return html


def drop_unused(html: str) -> str:
    """Remove the ``<script>``/``<link>`` references to libraries maps never use.

    folium's page loads jQuery, Bootstrap and Font Awesome from CDNs; geo_syria maps use
    none of them, so a map that loads Leaflet from a CDN (``cdn=True``) still leaves them out.

    Parameters
    ----------
    html : str
        A rendered folium page.

    Returns
    -------
    str

    Examples
    --------
    >>> drop_unused('<script src="https://x/jquery.min.js"></script><p>')
    '<p>'
    """

    def drop(match: re.Match[str]) -> str:
        try:
            return "" if _lookup(match.group(1)) is None else match.group(0)
        except KeyError:
            return match.group(0)

    return _LINK_HREF.sub(drop, _SCRIPT_SRC.sub(drop, html))


def _plural(items: Iterable[str]) -> str:
    return count(len(list(items)), "file")
