"""Leaflet and plugin JS/CSS for self-contained maps: npm tarballs, pinned, cached, read.

A self-contained map must open with no network at all, so every ``<script src=…>``
and ``<link href=…>`` folium writes is replaced by the file's contents. The files
come from the npm registry's tarballs (``leaflet-1.9.3.tgz`` …), pinned by their
``sha512`` integrity, downloaded once into ``cache_dir() / "assets"`` — or read
from a directory of ``npm pack`` tarballs (``--assets-dir``). They are never part
of this repository. Putting the files into a page is :mod:`geo_syria.render._inline`'s job
(:func:`inline_assets` is re-exported here).
"""

from __future__ import annotations

import base64
import hashlib
import io
import logging
import mimetypes
import os
import posixpath
import re
import tarfile
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from geo_syria.exc import DownloadError, OfflineError
from geo_syria.fileio import atomic_path
from geo_syria.render._inline import _lookup, inline_assets  # noqa: F401 (_lookup: test_browser)

__all__ = [
    "DEFAULT_REGISTRY",
    "LEAFLET_PACKAGES",
    "PACKAGES",
    "WORLD_ATLAS",
    "AssetBundle",
    "NpmPackage",
    "fetch_assets",
    "inline_assets",
    "load_assets",
    "read_member",
]

logger = logging.getLogger(__name__)

#: The npm registry tarballs come from (``$GEO_SYRIA_NPM_REGISTRY`` overrides it).
DEFAULT_REGISTRY = "https://registry.npmjs.org"


@dataclass(frozen=True, slots=True)
class NpmPackage:
    """One npm package release, pinned by its registry integrity string.

    Parameters
    ----------
    name : str
        Package name (``leaflet``).
    version : str
        Exact version (``1.9.3``).
    integrity : str
        The registry's ``dist.integrity`` (``sha512-<base64>``).

    Examples
    --------
    >>> NpmPackage("leaflet", "1.9.3", "sha512-x").filename
    'leaflet-1.9.3.tgz'
    """

    name: str
    version: str
    integrity: str

    @property
    def filename(self) -> str:
        """The tarball's file name, as ``npm pack`` writes it."""
        return f"{self.name.split('/')[-1]}-{self.version}.tgz"

    def url(self, registry: str) -> str:
        """Return the tarball URL in a registry."""
        return f"{registry.rstrip('/')}/{self.name}/-/{self.filename}"


#: The packages inlined into a map, at the versions folium 0.20 references.
LEAFLET_PACKAGES: tuple[NpmPackage, ...] = (
    NpmPackage(
        "leaflet",
        "1.9.3",
        "sha512-iB2cR9vAkDOu5l3HAay2obcUHZ7xwUBBjph8+PGtmW/2lYhbLizWtG7nTeYht36WfOslixQF9D/uSIzhZgGMfQ==",
    ),
    NpmPackage(
        "leaflet.markercluster",
        "1.1.0",
        "sha512-eI+XkCiLiHwCC3uZ4/n4+Vq3rXcqEHN2lhHRVG1WVziy/3Q0TTipWkzEa1zO0dKZI2AnI5ppFDWrOjnQ7MJLKQ==",
    ),
    NpmPackage(
        "leaflet.fullscreen",
        "3.0.0",
        "sha512-81wWSUXz1ZtdneR0v5eJDWXUSx+Zo5J50WXWeydG/UcILfIEAgz/iOjZSi3p00Z9MJ/FC/P5i3CgdYuEAos0yQ==",
    ),
    NpmPackage(
        "leaflet-measure",
        "2.1.7",
        "sha512-IvoHIoVTIQSXUgaNnAMF17qXFB+dF5ICdwmY8BHyq/Hh33/xeGqQUUYlz0pRMzFN9NUcjsT6JBhCr1ia0CG5ug==",
    ),
    NpmPackage(
        "leaflet-minimap",
        "3.6.1",
        "sha512-6px8f6cfv1rKB6ACpL6bbUFGxipZOq4KsntJgBj9nOcW1RYa5+xFp8emOZwks9X+VtVVsQEwWwfgT1kTTL/LzA==",
    ),
    NpmPackage(
        "leaflet.heat",
        "0.2.0",
        "sha512-Cd5PbAA/rX3X3XKxfDoUGi9qp78FyhWYurFg3nsfhntcM/MCNK08pRkf4iEenO1KNqwVPKCmkyktjW3UD+h9bQ==",
    ),
)

#: Natural Earth's countries as TopoJSON (public domain): the tile-free basemap's outlines.
WORLD_ATLAS = NpmPackage(
    "world-atlas",
    "2.0.2",
    "sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ==",
)

#: Everything ``geo-syria assets fetch`` downloads: the inlined files and the outlines.
PACKAGES: tuple[NpmPackage, ...] = (*LEAFLET_PACKAGES, WORLD_ATLAS)


def _registry() -> str:
    return os.environ.get("GEO_SYRIA_NPM_REGISTRY") or DEFAULT_REGISTRY


def _default_dir() -> Path:
    from geo_syria.gazetteer.default import cache_dir

    return cache_dir() / "assets"


def _check_integrity(data: bytes, package: NpmPackage, *, where: str) -> None:
    algo, _, expected = package.integrity.partition("-")
    if algo not in {"sha512", "sha384", "sha256", "sha1"}:
        raise DownloadError(f"integrity={package.integrity!r} of {package.name} is not understood")
    actual = base64.b64encode(hashlib.new(algo, data).digest()).decode()
    if actual != expected:
        raise DownloadError(
            f"{where} is not {package.name}@{package.version}: its {algo} is {actual!r}, "
            f"the registry's integrity is {expected!r}; delete it and fetch again"
        )


def _offline_hint(packages: Sequence[NpmPackage]) -> str:
    names = ", ".join(p.filename for p in packages)
    return (
        "run 'geo-syria assets fetch' once where the npm registry is reachable, or pass "
        f"--assets-dir DIR (assets_dir=) holding the tarballs {names} "
        "(from 'npm pack NAME@VERSION')"
    )


def _download(url: str, *, timeout: float, packages: Sequence[NpmPackage]) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read()
    except urllib.error.HTTPError as err:
        raise DownloadError(f"{url} answered HTTP {err.code} {err.reason}") from err
    except (urllib.error.URLError, TimeoutError, ConnectionError) as err:
        reason = getattr(err, "reason", err)
        raise OfflineError(
            f"map assets not downloaded and cannot reach {url} ({reason}): "
            "run 'geo-syria assets fetch' once online (or pass --assets-dir DIR holding "
            f"{', '.join(p.filename for p in packages)}, or --cdn for a map that needs the network)"
        ) from err


def fetch_assets(
    *,
    cache: str | os.PathLike[str] | None = None,
    registry: str | None = None,
    packages: Sequence[NpmPackage] = PACKAGES,
    timeout: float = 30.0,
) -> Path:
    """Download the map's npm tarballs into the cache, once; return the cache directory.

    Tarballs already cached with the right integrity are not downloaded again. Each
    download is checked against the pinned integrity and written atomically.

    Parameters
    ----------
    cache : path, optional
        Where the tarballs go; default ``cache_dir() / "assets"``.
    registry : str, optional
        npm registry base URL; default ``$GEO_SYRIA_NPM_REGISTRY`` or
        :data:`DEFAULT_REGISTRY`.
    packages : sequence of NpmPackage
        What to fetch; default :data:`PACKAGES`.
    timeout : float
        Seconds per download.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    OfflineError
        The registry cannot be reached and a tarball is not cached.
    DownloadError
        The registry answered with an error or with bytes of the wrong integrity.

    Examples
    --------
    >>> fetch_assets(packages=(), cache="/nonexistent/never-created").name
    'never-created'
    """
    directory = Path(cache) if cache is not None else _default_dir()
    registry = registry or _registry()
    for package in packages:
        path = directory / package.filename
        if path.is_file():
            try:
                _check_integrity(path.read_bytes(), package, where=str(path))
                continue
            except DownloadError:
                logger.warning("%s is corrupt; downloading it again", path)
        url = package.url(registry)
        logger.info("downloading %s", url)
        data = _download(url, timeout=timeout, packages=packages)
        _check_integrity(data, package, where=url)
        with atomic_path(path, suffix=".part") as tmp:
            tmp.write_bytes(data)
    return directory


class AssetBundle:
    """Files read from a directory of npm tarballs, checked against their integrity.

    Parameters
    ----------
    directory : path
        Holds ``<name>-<version>.tgz`` for every package.
    packages : sequence of NpmPackage
        The packages to read; default :data:`LEAFLET_PACKAGES`.

    Raises
    ------
    FileNotFoundError
        A tarball is missing (the message names it and how to get it).
    DownloadError
        A tarball has the wrong integrity.
    """

    def __init__(
        self,
        directory: str | os.PathLike[str],
        *,
        packages: Sequence[NpmPackage] = LEAFLET_PACKAGES,
    ) -> None:
        self.directory = Path(directory)
        self._files: dict[str, dict[str, bytes]] = {}
        for package in packages:
            path = self.directory / package.filename
            if not path.is_file():
                raise FileNotFoundError(f"{path} is missing; {_offline_hint(packages)}")
            data = path.read_bytes()
            _check_integrity(data, package, where=str(path))
            self._files[package.name] = _untar(data)

    def read(self, package: str, path: str) -> bytes:
        """Return one file of a package (``read("leaflet", "dist/leaflet.js")``)."""
        try:
            return self._files[package][path]
        except KeyError:
            raise KeyError(f"{package}:{path} is not in the asset tarballs") from None

    def data_uri(self, package: str, path: str) -> str:
        """Return one file as a ``data:`` URI (``data:image/png;base64,...``)."""
        mime = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return f"data:{mime};base64,{base64.b64encode(self.read(package, path)).decode()}"

    def text(self, package: str, path: str) -> str:
        """Return a JS or CSS file, with CSS ``url(...)`` references inlined as data URIs."""
        text = self.read(package, path).decode("utf-8")
        if path.endswith(".css"):
            text = _inline_css_urls(text, self._files[package], posixpath.dirname(path))
        return text


def read_member(directory: str | os.PathLike[str], package: NpmPackage, path: str) -> bytes:
    """Return one file of a cached tarball, after checking the tarball's integrity.

    Raises
    ------
    FileNotFoundError
        The tarball is missing (the message says how to get it).
    DownloadError
        Wrong integrity.
    KeyError
        The tarball has no such file.
    """
    tarball = Path(directory) / package.filename
    if not tarball.is_file():
        raise FileNotFoundError(f"{tarball} is missing; {_offline_hint((package,))}")
    data = tarball.read_bytes()
    _check_integrity(data, package, where=str(tarball))
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        for member in tar:
            if member.isfile() and member.name.split("/", 1)[-1] == path:
                extracted = tar.extractfile(member)
                if extracted is not None:
                    return extracted.read()
    raise KeyError(f"{package.name}:{path} is not in {tarball}")


def _untar(data: bytes) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        for member in tar.getmembers():
            if not member.isfile():
                continue
            name = member.name.split("/", 1)[1] if "/" in member.name else member.name
            extracted = tar.extractfile(member)
            if extracted is not None:
                files[name] = extracted.read()
    return files


_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")


def _inline_css_urls(css: str, files: dict[str, bytes], base: str) -> str:
    def replace(match: re.Match[str]) -> str:
        ref = match.group(2)
        if ref.startswith(("data:", "#", "http:", "https:", "//")):
            return match.group(0)
        key = posixpath.normpath(posixpath.join(base, ref.split("?")[0].split("#")[0]))
        if key not in files:
            logger.debug("CSS reference %r not in the tarball; left as is", ref)
            return match.group(0)
        mime = mimetypes.guess_type(key)[0] or "application/octet-stream"
        return f'url("data:{mime};base64,{base64.b64encode(files[key]).decode()}")'

    return _CSS_URL.sub(replace, css)


def load_assets(
    *,
    assets_dir: str | os.PathLike[str] | None = None,
    registry: str | None = None,
    fetch: bool = True,
) -> AssetBundle:
    """Return the asset bundle, fetching missing tarballs into the cache first.

    Parameters
    ----------
    assets_dir : path, optional
        A directory of ``npm pack`` tarballs to use instead of the cache (never fetched into).
    registry : str, optional
        npm registry base URL for fetching.
    fetch : bool
        Whether to download missing tarballs into the cache.

    Returns
    -------
    AssetBundle

    Raises
    ------
    OfflineError
        Not cached and the registry cannot be reached.
    """
    if assets_dir is not None:
        return AssetBundle(assets_dir)
    directory = fetch_assets(registry=registry) if fetch else _default_dir()
    return AssetBundle(directory)
