"""GeoNames download against a local HTTP server on 127.0.0.1."""

from __future__ import annotations

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from geo_syria.exc import DownloadError, InvalidOptionError, OfflineError
from geo_syria.gazetteer.download import download_geonames
from geo_syria.gazetteer.importers.geonames import read_geonames

ZIP = (Path(__file__).resolve().parent / "fixtures" / "geonames" / "SY.zip").read_bytes()

#: path -> (status, body, announced Content-Length)
ROUTES = {
    "/ok/SY.zip": (200, ZIP, len(ZIP)),
    "/short/SY.zip": (200, ZIP[:300], len(ZIP)),
    "/tiny/SY.zip": (200, b"PK", 2),
    "/html/SY.zip": (200, b"<html>" + b"x" * 500 + b"</html>", 513),
    "/wrongname/LB.zip": (200, ZIP, len(ZIP)),  # holds SY.txt
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        status, body, length = ROUTES.get(self.path, (404, b"not found", 9))
        self.send_response(status)
        self.send_header("Content-Length", str(length))
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()
        self.close_connection = True

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_download_success_is_readable(server, tmp_path):
    path = download_geonames("sy", dest_dir=tmp_path, base_url=f"{server}/ok/", progress=False)
    assert path == tmp_path / "SY.zip"
    assert path.read_bytes() == ZIP
    assert [p.name for p in tmp_path.iterdir()] == ["SY.zip"]  # no temp file left
    assert len(read_geonames(path).places) == 7


def test_download_with_progress_bar(server, tmp_path, capsys):
    download_geonames("SY", dest_dir=tmp_path, base_url=f"{server}/ok", progress=True)
    assert "SY.zip" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("route", "match"),
    [
        ("short", "cut short|broke off"),
        ("tiny", "only 2 bytes"),
        ("html", "not a valid zip"),
        ("missing", "HTTP 404"),
    ],
)
def test_bad_download_leaves_no_file(server, tmp_path, route, match):
    with pytest.raises(DownloadError, match=match):
        download_geonames("SY", dest_dir=tmp_path, base_url=f"{server}/{route}/", progress=False)
    assert list(tmp_path.iterdir()) == []


def test_bad_download_keeps_previous_file(server, tmp_path):
    (tmp_path / "SY.zip").write_bytes(ZIP)
    with pytest.raises(DownloadError):
        download_geonames("SY", dest_dir=tmp_path, base_url=f"{server}/short/", progress=False)
    assert (tmp_path / "SY.zip").read_bytes() == ZIP
    assert len(list(tmp_path.iterdir())) == 1


def test_zip_without_the_country_file(server, tmp_path):
    with pytest.raises(DownloadError, match=r"not LB\.txt"):
        download_geonames("LB", dest_dir=tmp_path, base_url=f"{server}/wrongname/", progress=False)
    assert list(tmp_path.iterdir()) == []


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_connection_refused_is_offline(tmp_path):
    url = f"http://127.0.0.1:{_closed_port()}/"
    with pytest.raises(OfflineError, match="offline") as info:
        download_geonames("SY", dest_dir=tmp_path, base_url=url, progress=False)
    message = str(info.value)
    assert "embedded default" in message and "gazetteer build" in message
    assert isinstance(info.value, DownloadError) and isinstance(info.value, ConnectionError)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("country", ["Syria", "S", "sy1", ""])
def test_bad_country(tmp_path, country):
    with pytest.raises(InvalidOptionError, match="not a GeoNames dump name"):
        download_geonames(country, dest_dir=tmp_path)
