"""``geo-syria gazetteer build`` and ``geo-syria gazetteer download``."""

from __future__ import annotations

import argparse
import sys
from collections import Counter

__all__ = ["register"]


def register(group: argparse._SubParsersAction) -> None:
    """Add ``build`` and ``download`` to the ``gazetteer`` command group."""
    build = group.add_parser(
        "build",
        help="compile gazetteer sources into an on-disk SQLite store",
        description=(
            "Import GeoNames dumps (.txt/.zip), OCHA COD layers (.shp or their CSVs), point "
            "layers (.gpkg/.geojson/.csv) and plain user CSVs (name,lat,lon), merge records "
            "of the same place, and write an indexed SQLite store."
        ),
    )
    build.add_argument("sources", nargs="+", metavar="SOURCE", help="source files")
    build.add_argument("-o", "--output", required=True, metavar="FILE", help="the store to write")
    build.add_argument(
        "--no-default",
        dest="include_default",
        action="store_false",
        help="do not start from the embedded default gazetteer",
    )
    build.add_argument(
        "--country", default=None, metavar="CC", help="keep only this country's GeoNames rows"
    )
    build.set_defaults(func=run_build)

    download = group.add_parser(
        "download",
        help="download a source (GeoNames country dump) from the internet",
        description=(
            "Download a GeoNames country dump (SY.zip from download.geonames.org, or "
            "--base-url) into --dest, to be compiled with 'geo-syria gazetteer build'. "
            "This is the only command that needs the network."
        ),
    )
    download.add_argument("source", choices=("geonames",), help="which source")
    download.add_argument("country", nargs="?", default="SY", help="country code (default SY)")
    download.add_argument("--dest", default=".", metavar="DIR", help="directory to write into")
    download.add_argument("--base-url", default=None, metavar="URL", help="export server URL")
    download.add_argument(
        "--no-progress", dest="progress", action="store_false", help="print no progress bar"
    )
    download.set_defaults(func=run_download)


def run_build(args: argparse.Namespace) -> int:
    """Build the store and print a summary; return the exit code."""
    from geo_syria.gazetteer.build import build_gazetteer_report
    from geo_syria.gazetteer.store import write_store

    result = build_gazetteer_report(
        args.sources, include_default=args.include_default, country=args.country
    )
    try:
        path = write_store(result.places, args.output)
    except OSError as err:  # nothing is left behind: the store is written beside and renamed
        print(f"geo-syria: error: {err}", file=sys.stderr)
        return 1
    if result.default_count:
        print(f"embedded default: {result.default_count} places")
    for imp in result.imports:
        print(imp.summary())
        reasons = Counter(f"{s.column or 'row'}: {s.reason}" for s in imp.skipped)
        for reason, n in reasons.most_common(10):
            print(f"  skipped {n} x {reason}")
        if len(reasons) > 10:
            print(f"  ... and {len(reasons) - 10} other reasons")
        for row in imp.skipped[:5]:
            print(f"    e.g. {row}")
        if len(imp.skipped) > 5:
            print(f"    ... {len(imp.skipped) - 5} more skipped rows")
    print(
        f"merged: {result.read_count} records -> {len(result.places)} places "
        f"({result.merged_count} merged into others)"
    )
    print(f"rows skipped: {len(result.skipped)}")
    print(f"wrote {path}")
    return 0


def run_download(args: argparse.Namespace) -> int:
    """Download a GeoNames dump; return the exit code."""
    from geo_syria.gazetteer.download import GEONAMES_URL, download_geonames

    path = download_geonames(
        args.country,
        dest_dir=args.dest,
        base_url=args.base_url or GEONAMES_URL,
        progress=args.progress and sys.stderr.isatty(),
    )
    print(f"wrote {path}")
    print(f"next: geo-syria gazetteer build {path} -o gazetteer.sqlite")
    return 0
