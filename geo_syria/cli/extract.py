"""``geo-syria extract FILE...``: places, claims and unresolved names as GeoJSON, CSV or GPKG."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from geo_syria.cli._reading import (
    add_input_arguments,
    analyze_files,
    check_something_read,
    exit_code,
)
from geo_syria.exc import InvalidOptionError
from geo_syria.export import FORMATS, SUFFIXES, csv_paths, format_from_path, write_report
from geo_syria.export._output import check_output


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``extract`` command."""
    parser = subparsers.add_parser(
        "extract",
        help="write the places, claims and unresolved names of articles as GeoJSON, CSV or GPKG",
        description=(
            "Find and resolve the places in articles, check their distance and direction "
            "claims, and write everything as GeoJSON (default, to standard output), CSV, "
            "or a GeoPackage (needs -o). CSV is one table per kind: -o OUT.csv writes "
            "OUT_places.csv, OUT_claims.csv, OUT_mentions.csv (one row per mention: "
            "document, date, source, place, lat/lon, sentence) and OUT_unresolved.csv, "
            "each with lon, lat and a wkt geometry column that GDAL, QGIS and "
            "geopandas.read_file read as geometry (EPSG:4326). Files given with -o are "
            "written to temporary files beside them and renamed at the end: complete or "
            "absent, never half written, and nothing is written when no document could be "
            "read."
        ),
    )
    add_input_arguments(parser)
    parser.add_argument(
        "--format",
        "-f",
        choices=FORMATS,
        help=(
            "default: from the suffix of -o (.geojson/.json, .csv, .gpkg; another suffix "
            "is an error), else geojson"
        ),
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help=(
            "output file (default: standard output); for csv, the stem of the four tables "
            "(-o out.csv writes out_places.csv, out_claims.csv, out_mentions.csv, "
            "out_unresolved.csv)"
        ),
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Analyse the files and write the export; return the exit code."""
    if args.format is None:
        args.format = "geojson"
        if args.output not in (None, "-") and Path(args.output).suffix:
            try:
                args.format = format_from_path(args.output)
            except InvalidOptionError:
                suffixes = ", ".join(repr(s) for s in SUFFIXES)
                formats = ", ".join(FORMATS)
                raise InvalidOptionError(
                    f"-o {args.output!r}: cannot tell the format from the suffix "
                    f"{Path(args.output).suffix!r}; use a suffix in {suffixes} "
                    f"or give --format {{{formats}}}"
                ) from None
    if args.format == "gpkg" and args.output in (None, "-"):
        raise InvalidOptionError(
            "--format gpkg needs -o OUT.gpkg: a GeoPackage is a database file and "
            "cannot go to standard output"
        )
    if args.format == "csv" and args.output in (None, "-"):
        raise InvalidOptionError(
            "--format csv needs -o OUT.csv: CSV is one table per kind, written to "
            "OUT_places.csv, OUT_claims.csv, OUT_mentions.csv and OUT_unresolved.csv"
        )
    to_file = args.output not in (None, "-")
    if to_file:
        check_output(args.output)  # before the work: a folder, /proc, a read-only place
    analysis = analyze_files(args)
    verbose = args.verbose > 0
    check_something_read(analysis, verbose=verbose)
    report = analysis.report
    write_report(report, args.output if to_file else sys.stdout, format=args.format)
    status = exit_code(analysis, verbose=verbose)
    if to_file:
        failed = len(analysis.failures)
        where = args.output
        if args.format == "csv":
            where = ", ".join(str(p) for p in csv_paths(args.output).values())
        print(
            f"wrote {len(report.places)} places, {len(report.claims)} claims and "
            f"{len(report.unresolved_names)} unresolved names from "
            f"{len(report.documents)} documents ({failed} failed) to {where}",
            file=sys.stderr,
        )
    return status
