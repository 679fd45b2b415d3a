"""What the benchmarks share: the reference sources and running on one core."""

from __future__ import annotations

import os
from pathlib import Path


def pin_one_core() -> None:
    """Run this process on one core, so rates are per core."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def reference_sources(ref: Path) -> list[Path]:
    """The files of ``../shared/reference`` the full store is built from (those present)."""
    cod = ref / "ocha_syr_cod_2016"
    paths = [
        *(cod / f"syr_admin{i}.shp" for i in range(4)),
        cod / "city_neighbourhoods.shp",
        ref / "iom_dtm_syr_2026" / "iom_locations_matched_osm_points.csv",
        ref / "geonames_sy_cities500.tsv",
    ]
    return [p for p in paths if p.exists()]
