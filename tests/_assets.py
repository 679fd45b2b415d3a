"""The npm tarballs self-contained maps inline: fetched once into the cache, or skipped."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import tarfile

import pytest
from conftest import skip_or_fail_in_ci


@pytest.fixture(scope="session")
def map_assets():
    """The asset cache directory (downloads the tarballs on first use; skips when offline)."""
    from geo_syria.exc import OfflineError
    from geo_syria.render.assets import fetch_assets

    try:
        return fetch_assets()
    except OfflineError as err:
        skip_or_fail_in_ci(f"self-contained map assets are not cached and cannot be fetched: {err}")


@contextlib.contextmanager
def npm_registry(name: str, tarball: bytes):
    """Serve one npm tarball ``name``-9.9.9 from a local registry on 127.0.0.1.

    Yields ``(registry url, NpmPackage pinned to the tarball, list of requested paths)``.
    """
    import http.server
    import threading

    from geo_syria.render.assets import NpmPackage

    requests: list[str] = []
    path = f"/{name}/-/{name}-9.9.9.tgz"

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            if self.path == path:
                self.send_response(200)
                self.send_header("Content-Length", str(len(tarball)))
                self.end_headers()
                self.wfile.write(tarball)
            else:
                self.send_error(404)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        package = NpmPackage(name, "9.9.9", integrity(tarball))
        yield f"http://127.0.0.1:{server.server_port}", package, requests
    finally:
        server.shutdown()
        server.server_close()


def make_tarball(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(f"package/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return out.getvalue()


def integrity(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
