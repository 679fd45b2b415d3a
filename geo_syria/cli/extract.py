"""``geo-syria extract FILE...``: places, claims and unresolved names as GeoJSON, CSV or GPKG."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from geo_syria.cli._dataset import is_folder, write_dataset
from geo_syria.cli._reading import (
    add_input_arguments,
    analyze_files,
    check_something_read,
    exit_code,
)
from geo_syria.exc import InvalidOptionError
from geo_syria.export import FORMATS, SUFFIXES, csv_paths, format_from_path, open_writer
from geo_syria.export._output import check_output
from geo_syria.export.parquet import parquet_paths
from geo_syria.export.stream import FILE_FORMATS
from geo_syria.fold import PlaceFold
from geo_syria.text import count

#: What each file format needs -o for, and the files it writes.
_NEEDS_PATH = {
    "gpkg": "a GeoPackage is a database file and cannot go to standard output",
    "csv": "CSV is one table per kind, written to OUT_places.csv, OUT_claims.csv, "
    "OUT_mentions.csv and OUT_unresolved.csv",
    "parquet": "GeoParquet is one file per kind, written to OUT_places.parquet, "
    "OUT_claims.parquet, OUT_mentions.parquet and OUT_unresolved.parquet",
}
_EXAMPLE = {"gpkg": "OUT.gpkg", "csv": "OUT.csv", "parquet": "OUT.parquet"}


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``extract`` command."""
    parser = subparsers.add_parser(
        "extract",
        help="write the places, claims and unresolved names of articles as GeoJSON, CSV or GPKG",
        description=(
            "Find and resolve the places in articles, check their distance and direction "
            "claims, and write everything as GeoJSON (default, to standard output), GeoJSON "
            "text sequences (RFC 8142, one feature a line), CSV, a GeoPackage or GeoParquet "
            "(these three need -o). Documents are read, analysed and written one at a "
            "time, so a corpus of any size runs in flat memory: each mention, claim and "
            "unresolved name is written as its document finishes, the places (merged across "
            "documents, with their true mention counts) last. CSV is one table per kind: "
            "-o OUT.csv writes OUT_places.csv, OUT_claims.csv, OUT_mentions.csv (one row per "
            "mention: document, date, source, place, lat/lon, sentence) and "
            "OUT_unresolved.csv, each with lon, lat and a wkt geometry column that GDAL, "
            "QGIS and geopandas.read_file read as geometry (EPSG:4326); GeoParquet likewise "
            "(OUT_places.parquet, ..., for geopandas.read_parquet and "
            "dask_geopandas.read_parquet). Files given with -o are "
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
            "default: from the suffix of -o (.geojson/.json, .geojsonl/.geojsons, .csv, "
            ".gpkg, .parquet; another suffix is an error), else geojson"
        ),
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help=(
            "output file (default: standard output); for csv and parquet, the stem of the "
            "four tables (-o out.csv writes out_places.csv, out_claims.csv, "
            "out_mentions.csv, out_unresolved.csv). A folder (existing, or ending in /) "
            "with --workers or --scheduler: partitioned GeoParquet that each worker writes "
            "from the byte ranges of the corpus it reads itself (OUT/mentions/"
            "part-00000.parquet, ..., OUT/places.parquet, OUT/_manifest.json last), the "
            "fastest way through a large CSV/JSONL corpus"
        ),
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Analyse the files and write the export; return the exit code."""
    if is_folder(args.output, args.format):
        return write_dataset(args)
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
    to_file = args.output not in (None, "-")
    if args.format in FILE_FORMATS and not to_file:
        raise InvalidOptionError(
            f"--format {args.format} needs -o {_EXAMPLE[args.format]}: {_NEEDS_PATH[args.format]}"
        )
    if to_file:
        check_output(args.output)  # before the work: a folder, /proc, a read-only place
    analysis = analyze_files(args)
    verbose = args.verbose > 0
    fold = PlaceFold()
    with analysis, open_writer(args.output if to_file else sys.stdout, format=args.format) as out:
        for part in analysis:
            out.write(part)
            fold.add(part)
        check_something_read(analysis, verbose=verbose)  # else nothing is written
        out.close(places=fold.places())
    status = exit_code(analysis, verbose=verbose)
    if to_file:
        failed = len(analysis.failures)
        where = args.output
        tables = {"csv": csv_paths, "parquet": parquet_paths}.get(args.format)
        if tables is not None:
            where = ", ".join(str(p) for p in tables(args.output).values())
        counts = out.counts
        print(
            f"wrote {count(counts['place'], 'place')}, {count(counts['claim'], 'claim')} and "
            f"{count(counts['unresolved'], 'unresolved name')} from "
            f"{count(analysis.n_documents, 'document')} ({failed} failed) to {where}",
            file=sys.stderr,
        )
    return status
