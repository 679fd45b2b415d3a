"""Asset tarballs: fetched from a local registry, integrity-checked, cached, inlined."""

from __future__ import annotations

import pytest
from _assets import integrity, make_tarball, npm_registry

from geo_syria.exc import DownloadError, OfflineError
from geo_syria.render.assets import AssetBundle, NpmPackage, fetch_assets, inline_assets

LEAFLET_JS = b"window.L = {version: 'test'}; // </script> inside code\n"
LEAFLET_CSS = b".leaflet-control-layers-toggle { background-image: url(images/layers.png); }\n"
PNG = b"\x89PNG\r\n\x1a\nfake"


@pytest.fixture
def registry():
    """A local npm-like registry on 127.0.0.1 serving one leaflet tarball; counts requests."""
    tarball = make_tarball(
        {
            "dist/leaflet.js": LEAFLET_JS,
            "dist/leaflet.css": LEAFLET_CSS,
            "dist/images/layers.png": PNG,
        }
    )
    with npm_registry("leaflet", tarball) as served:
        yield served


def test_fetch_downloads_once_and_caches(tmp_path, registry):
    url, package, requests = registry
    directory = fetch_assets(cache=tmp_path, registry=url, packages=(package,))
    assert (directory / "leaflet-9.9.9.tgz").is_file()
    assert not list(tmp_path.glob("*.part"))  # atomic: no leftovers
    fetch_assets(cache=tmp_path, registry=url, packages=(package,))
    assert requests == ["/leaflet/-/leaflet-9.9.9.tgz"]  # the second call used the cache


def test_fetch_rejects_wrong_integrity(tmp_path, registry):
    url, package, _ = registry
    wrong = NpmPackage(package.name, package.version, integrity(b"something else"))
    with pytest.raises(DownloadError, match=r"is not leaflet@9\.9\.9: its sha512 is"):
        fetch_assets(cache=tmp_path, registry=url, packages=(wrong,))
    assert not (tmp_path / "leaflet-9.9.9.tgz").exists()


def test_fetch_replaces_corrupt_cached_file(tmp_path, registry):
    url, package, requests = registry
    (tmp_path / "leaflet-9.9.9.tgz").write_bytes(b"truncated")
    fetch_assets(cache=tmp_path, registry=url, packages=(package,))
    assert len(requests) == 1
    AssetBundle(tmp_path, packages=(package,))  # now valid


def test_fetch_http_error_is_a_download_error(tmp_path, registry):
    url, _, _ = registry
    missing = NpmPackage("leaflet", "0.0.1", "sha512-AAAA")
    with pytest.raises(DownloadError, match="answered HTTP 404"):
        fetch_assets(cache=tmp_path, registry=url, packages=(missing,))


def test_offline_and_not_cached_is_an_offline_error(tmp_path, registry):
    _, package, _ = registry
    # port 9 on localhost: nothing listens, the connection is refused at once
    with pytest.raises(OfflineError, match=r"cannot reach .*geo-syria assets fetch.*--assets-dir"):
        fetch_assets(cache=tmp_path, registry="http://127.0.0.1:9", packages=(package,))


def test_bundle_reports_missing_tarball(tmp_path):
    package = NpmPackage("leaflet", "9.9.9", "sha512-AAAA")
    with pytest.raises(FileNotFoundError, match=r"leaflet-9\.9\.9\.tgz is missing"):
        AssetBundle(tmp_path, packages=(package,))


def test_inline_replaces_scripts_and_stylesheets(tmp_path, registry):
    url, package, _ = registry
    bundle = AssetBundle(
        fetch_assets(cache=tmp_path, registry=url, packages=(package,)), packages=(package,)
    )
    page = (
        '<head><script src="https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"></script>'
        '<script src="https://code.jquery.com/jquery-3.7.1.min.js"></script>'
        '<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css"/>'
        "</head>"
    )
    out = inline_assets(page, bundle)
    assert "https://" not in out and "jquery" not in out
    assert "window.L = {version: 'test'}" in out
    assert "<\\/script> inside code" in out  # cannot end the inline element early
    assert 'url("data:image/png;base64,' in out


def test_inline_refuses_unknown_remote_files(tmp_path, registry):
    url, package, _ = registry
    bundle = AssetBundle(
        fetch_assets(cache=tmp_path, registry=url, packages=(package,)), packages=(package,)
    )
    page = '<script src="https://example.org/unknown-plugin.js"></script>'
    with pytest.raises(DownloadError, match=r"cannot inline 1 file.*unknown-plugin\.js"):
        inline_assets(page, bundle)


def test_fetch_cut_off_by_a_full_disk_leaves_no_file(tmp_path, registry, monkeypatch):
    import errno
    from pathlib import Path

    url, package, _ = registry

    def full_disk(self, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", full_disk)
    with pytest.raises(OSError, match="No space left"):
        fetch_assets(cache=tmp_path, registry=url, packages=(package,))
    assert list(tmp_path.iterdir()) == []  # no tarball, no temp file


def test_inlining_needs_only_a_text_method():
    class Files:
        def text(self, package, path):
            return f"/* {package}:{path} */"

    html = '<script src="https://cdn.example/leaflet.js"></script>'
    assert inline_assets(html, Files()) == "<script>/* leaflet:dist/leaflet.js */</script>"
