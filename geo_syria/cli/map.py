"""``geo-syria map FILE... -o map.html`` and ``geo-syria assets fetch``.

``map`` reads articles, analyses them and writes the HTML map; by default the file
inlines Leaflet and works with no network (``--cdn``: Leaflet from CDNs, with tiles).
``assets fetch`` downloads the npm tarballs a self-contained map inlines into the
cache, so later maps can be made offline.
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import sys
from collections.abc import Iterable
from pathlib import Path

from geo_syria.cli._reading import (
    add_input_arguments,
    analyze_files,
    check_something_read,
    exit_code,
    load_gazetteer,
)
from geo_syria.exc import InvalidOptionError
from geo_syria.export._output import check_output, output_path
from geo_syria.report import Report
from geo_syria.text import count

__all__ = ["map_report", "register", "run", "run_assets"]

logger = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``map`` and ``assets`` commands."""
    parser = subparsers.add_parser(
        "map",
        help="write an HTML map of the places and claims in articles",
        description=(
            "Find and resolve the places in articles, check their distance and direction "
            "claims, and write a Leaflet map: a marker per place whose popup shows every "
            "sentence naming it, claim sectors coloured by verdict, unresolved names. "
            "The file is written to a temporary file beside -o and renamed at the end: it "
            "is complete or absent, and not written when no document could be read."
        ),
    )
    add_input_arguments(parser)
    parser.add_argument("-o", "--output", required=True, metavar="MAP.html", help="output file")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--self-contained",
        action="store_true",
        help="inline Leaflet and plugins and use no tiles: the file opens with no network "
        "(the default)",
    )
    mode.add_argument(
        "--cdn",
        action="store_true",
        help="load Leaflet and plugins from CDNs and draw tiles (the map needs the network)",
    )
    parser.add_argument(
        "--tiles",
        metavar="NAME",
        help="with --cdn: xyzservices tile provider (default: OpenStreetMap)",
    )
    parser.add_argument("--title", help="title shown on the map")
    parser.add_argument(
        "--assets-dir",
        metavar="DIR",
        help="directory of npm pack tarballs to inline (default: the download cache)",
    )
    parser.set_defaults(func=run)

    assets = subparsers.add_parser(
        "assets",
        help="download the map files offline maps carry inside them (Leaflet, outlines)",
        description=(
            "Manage the npm tarballs an offline (self-contained, the default) map inlines: "
            "Leaflet and its plugins, and world-atlas's Natural Earth country outlines. "
            "Fetched once into the cache and checked by hash."
        ),
    )
    sub = assets.add_subparsers(dest="assets_command", metavar="ACTION", required=True)
    fetch = sub.add_parser("fetch", help="download the tarballs into the cache (once)")
    fetch.add_argument(
        "--registry", metavar="URL", help="npm registry (default: registry.npmjs.org)"
    )
    fetch.add_argument("--dir", metavar="DIR", help="where to put them (default: the cache)")
    fetch.set_defaults(func=run_assets)


def run(args: argparse.Namespace) -> int:
    """Analyse the files and write the map; return the exit code."""
    from geo_syria.render import render_map, resolve_tiles

    out = Path(args.output)
    if out.suffix.lower() not in {".html", ".htm"}:
        raise InvalidOptionError(f"-o {args.output!r} must end in .html")
    check_output(out)  # before the work: a folder, /proc, a read-only place
    if args.tiles is not None:
        resolve_tiles(args.tiles)  # an unknown name first: its message lists good ones
    if args.tiles is not None and not args.cdn:
        raise InvalidOptionError(
            f"--tiles {args.tiles!r} needs --cdn: the default map is offline and has no tiles"
        )
    if not args.cdn:
        _check_assets(args.assets_dir)
    gazetteer = load_gazetteer(args.gazetteer)
    if gazetteer is None:
        from geo_syria import load_default_gazetteer

        # the embedded gazetteer, so its governorate and country outlines are drawn too
        gazetteer = load_default_gazetteer()
    analysis = analyze_files(args, gazetteer=gazetteer)
    verbose = args.verbose > 0
    with analysis:
        report, unresolved_counts = map_report(analysis)
    check_something_read(analysis, verbose=verbose)
    m = render_map(
        report,
        tiles=args.tiles,
        cdn=args.cdn,
        boundaries=gazetteer,
        title=args.title,
        assets_dir=args.assets_dir,
        unresolved_counts=unresolved_counts,
    )
    html = m.get_root().render()
    with output_path(out) as tmp:
        tmp.write_text(html, encoding="utf-8")
    status = exit_code(analysis, verbose=verbose)
    failed = len(analysis.failures)
    n_unresolved = sum(unresolved_counts.values())
    print(
        f"wrote a map of {count(len(report.places), 'place')}, "
        f"{count(len(report.claims), 'claim')} and {count(n_unresolved, 'unresolved name')} "
        f"from {count(analysis.n_documents, 'document')} ({failed} failed) to {out} "
        f"({len(html.encode()) / 1e6:.1f} MB"
        + (", Leaflet from CDNs" if args.cdn else ", self-contained")
        + ")",
        file=sys.stderr,
    )
    return status


def map_report(parts: Iterable[Report]) -> tuple[Report, dict[str, int]]:
    """Fold the reports of documents as they finish into the report a map draws.

    The places keep their first :data:`~geo_syria.fold.SAMPLE_SIZE` mentions and their
    true counts, each unresolved name its first mentions; the claims are kept (sharing
    the fold's places and one object per region:
    :meth:`~geo_syria.fold.PlaceFold.kept_claim`), and the documents without their text
    (the popups show title, date, source and sentence).

    Returns
    -------
    (Report, dict of str to int)
        The report to draw, and how often each unresolved name was met in all (the
        report holds the first mentions of each).

    Examples
    --------
    >>> from geo_syria.pipeline import iter_reports
    >>> report, names = map_report(iter_reports(["Rebels shelled Aleppo.", "Ratyan and Aleppo."]))
    >>> [(p.place.name, p.n_mentions) for p in report.places], report.documents[0].document.text
    ([('Aleppo', 2)], '')
    """
    from geo_syria.fold import PlaceFold

    fold = PlaceFold()
    statuses, claims = [], []
    for part in parts:
        fold.add(part)
        claims.extend(fold.kept_claim(c) for c in part.claims)
        statuses.extend(
            dataclasses.replace(s, document=dataclasses.replace(s.document, text=""))
            for s in part.documents
        )
    report = Report(
        documents=tuple(statuses),
        places=fold.places(),
        resolutions=fold.unresolved(),
        claims=tuple(claims),
    )
    return report, fold.unresolved_counts()


def run_assets(args: argparse.Namespace) -> int:
    """Download the asset tarballs; return the exit code."""
    from geo_syria.render.assets import PACKAGES, fetch_assets

    directory = fetch_assets(cache=args.dir, registry=args.registry)
    for package in PACKAGES:
        print(directory / package.filename)
    return 0


def _check_assets(assets_dir: str | None) -> None:
    """Fail before any work when ``--assets-dir`` lacks a tarball a self-contained map inlines.

    Only whether the files are there is checked (their integrity is checked when the map
    is drawn); without ``--assets-dir`` the cache is filled now, or the error is clear.

    Raises
    ------
    InvalidOptionError
        Naming the folder, the missing tarballs and how to get them.
    OfflineError
        Not cached and the npm registry cannot be reached.
    """
    from geo_syria.render.assets import PACKAGES, fetch_assets

    if assets_dir is None:
        fetch_assets()  # into the cache, once; offline and not cached: a one-line OfflineError
        return

    folder = Path(assets_dir)
    missing = [p.filename for p in PACKAGES if not (folder / p.filename).is_file()]
    if missing:
        if not folder.is_dir():
            what = "does not exist"
        elif len(missing) == len(PACKAGES):
            what = "holds none of the tarballs"
        else:
            what = f"lacks {', '.join(missing)}"
        raise InvalidOptionError(
            f"--self-contained: --assets-dir {assets_dir!r} {what}; run 'geo-syria assets "
            "fetch --dir DIR' once where the npm registry is reachable, or give a folder "
            "holding the tarballs of 'npm pack NAME@VERSION' for "
            + ", ".join(p.filename for p in PACKAGES)
        )
