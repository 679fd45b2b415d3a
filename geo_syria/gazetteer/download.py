"""Download GeoNames country dumps, with a progress bar, size checks and an atomic write."""

from __future__ import annotations

import http.client
import logging
import re
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

from geo_syria.exc import DownloadError, InvalidOptionError, OfflineError
from geo_syria.fileio import atomic_path

__all__ = ["GEONAMES_URL", "MIN_ZIP_BYTES", "download_geonames"]

logger = logging.getLogger(__name__)

GEONAMES_URL = "https://download.geonames.org/export/dump/"
#: A country zip smaller than this is an error page, not a dump.
MIN_ZIP_BYTES = 100
_CHUNK = 1 << 16
_COUNTRY = re.compile(r"^([A-Z]{2}|allCountries|cities(500|1000|5000|15000))$")


def _offline(url: str, reason: object) -> OfflineError:
    return OfflineError(
        f"cannot reach {url} ({reason}); you seem to be offline. Offline, use the embedded "
        "default gazetteer (no download needed), or pass a GeoNames dump you already have "
        "to 'geo-syria gazetteer build FILE -o STORE'"
    )


def download_geonames(
    country: str = "SY",
    *,
    dest_dir: str | Path,
    base_url: str = GEONAMES_URL,
    progress: bool = True,
    timeout: float = 30.0,
) -> Path:
    """Fetch a GeoNames dump zip (``SY.zip``) from the GeoNames export server.

    The file is written to a temporary file beside the target and moved into
    place only once its size matches ``Content-Length`` and it is a zip holding
    ``<country>.txt``; a failed download leaves no partial file.

    Parameters
    ----------
    country : str
        ISO 3166 alpha-2 code (``"SY"``), or ``allCountries`` / ``cities500``.
    dest_dir : str or Path, keyword-only
        Directory to write ``<country>.zip`` into.
    base_url : str, keyword-only
        The export directory URL.
    progress : bool, keyword-only
        Show a tqdm progress bar on stderr.
    timeout : float, keyword-only
        Socket timeout in seconds.

    Returns
    -------
    Path
        The downloaded zip.

    Raises
    ------
    InvalidOptionError
        For a malformed country code.
    OfflineError
        When the server cannot be reached; the message names the offline paths.
    DownloadError
        For an HTTP error, a truncated download or something that is not the dump.

    Examples
    --------
    >>> download_geonames("Syria", dest_dir=".")
    Traceback (most recent call last):
    ...
    geo_syria.exc.InvalidOptionError: country='Syria' is not a GeoNames dump name; ...
    """
    code = country.upper() if len(country) == 2 else country
    if not _COUNTRY.match(code):
        raise InvalidOptionError(
            f"country={country!r} is not a GeoNames dump name; give an ISO 3166 alpha-2 "
            "code such as 'SY', or 'allCountries', 'cities500', 'cities1000', 'cities5000', "
            "'cities15000'"
        )
    dest_dir = Path(dest_dir)
    dest_dir.mkdir(parents=True, exist_ok=True)
    url = base_url.rstrip("/") + f"/{code}.zip"
    target = dest_dir / f"{code}.zip"
    request = urllib.request.Request(url, headers={"User-Agent": "geo-syria gazetteer download"})
    try:
        response = urllib.request.urlopen(request, timeout=timeout)
    except urllib.error.HTTPError as err:
        raise DownloadError(f"{url}: HTTP {err.code} {err.reason}") from None
    except urllib.error.URLError as err:
        raise _offline(url, err.reason) from None
    except (TimeoutError, ConnectionError) as err:
        raise _offline(url, err) from None
    with response, atomic_path(target, suffix=".part") as tmp:
        with tmp.open("wb") as out:
            expected = response.headers.get("Content-Length")
            expected = int(expected) if expected and expected.isdigit() else None
            received = _copy(response, out, url=url, total=expected, progress=progress)
        if expected is not None and received != expected:
            raise DownloadError(
                f"{url}: received {received} bytes but the server announced {expected}; "
                "the download was cut short, try again"
            )
        if received < MIN_ZIP_BYTES:
            raise DownloadError(f"{url}: only {received} bytes; not a GeoNames dump")
        _check_zip(tmp, code, url=url)
    logger.info("downloaded %s (%d bytes) to %s", url, received, target)
    return target


def _copy(response, out, *, url: str, total: int | None, progress: bool) -> int:
    bar = None
    if progress:
        try:
            from tqdm import tqdm
        except ImportError:  # pragma: no cover - tqdm is a dependency
            tqdm = None
        if tqdm is not None:
            bar = tqdm(total=total, unit="B", unit_scale=True, desc=url.rsplit("/", 1)[-1])
    received = 0
    try:
        while True:
            try:
                chunk = response.read(_CHUNK)
            except (OSError, ValueError, http.client.HTTPException) as err:  # cut off
                raise DownloadError(
                    f"{url}: the download broke off after {received} bytes: {err}"
                ) from None
            if not chunk:
                break
            out.write(chunk)
            received += len(chunk)
            if bar is not None:
                bar.update(len(chunk))
    finally:
        if bar is not None:
            bar.close()
    return received


def _check_zip(path: Path, code: str, *, url: str) -> None:
    try:
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
            if f"{code}.txt" not in names:
                raise DownloadError(f"{url}: the zip holds {names!r}, not {code}.txt")
            bad = zf.testzip()
            if bad is not None:
                raise DownloadError(f"{url}: {bad} in the zip is corrupt")
    except zipfile.BadZipFile as err:
        raise DownloadError(f"{url}: not a valid zip ({err})") from None
