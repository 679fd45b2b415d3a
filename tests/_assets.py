"""The npm tarballs self-contained maps inline: fetched once into the cache, or skipped."""

from __future__ import annotations

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
