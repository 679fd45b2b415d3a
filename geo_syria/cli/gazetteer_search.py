"""``geo-syria gazetteer search NAME``: candidates for a name, best first.

It says "no place matches NAME" (exit status 1) rather than print a far-fetched
likeness: a place abroad only on its exact name, a fuzzy match only when its
consonants agree with the name's. Each row shows the calibrated confidence
(``OfflineGeocoder.geocode`` answers only at or above 0.55).
"""

from __future__ import annotations

import argparse
import json


def register(group: argparse._SubParsersAction) -> None:
    """Add ``search`` to the ``gazetteer`` group."""
    parser = group.add_parser(
        "search",
        help="look a name up in the gazetteer",
        description=(
            "Look a place name up in the gazetteer (the embedded one, or --gazetteer) "
            "and print the candidates, best first; any spelling or script ('Joubar', "
            "'جوبر')."
        ),
    )
    parser.add_argument("name", help="place name, any spelling or script")
    parser.add_argument("--near", metavar="PLACE", help="prefer places near this place name")
    parser.add_argument("--admin1", metavar="GOVERNORATE", help="prefer this governorate")
    parser.add_argument("--limit", type=int, default=10, metavar="N", help="most candidates")
    parser.add_argument("--gazetteer", metavar="STORE", help="a store built by 'build'")
    parser.add_argument("--json", action="store_true", help="print a JSON list")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the candidates for ``args.name``."""
    from geo_syria.cli._reading import load_gazetteer
    from geo_syria.geocoder import OfflineGeocoder

    geocoder = OfflineGeocoder(load_gazetteer(args.gazetteer))
    matches = geocoder.candidates(args.name, limit=args.limit, admin1=args.admin1, near=args.near)
    rows = [
        {
            "id": m.place.id,
            "name": m.place.name,
            "lat": m.place.lat,
            "lon": m.place.lon,
            "feature_type": m.place.feature_type,
            "admin1": m.place.admin1,
            "country": m.place.country,
            "score": round(m.score, 4),
            "confidence": m.confidence,
            "how": m.how,
            "matched_name": m.matched_name,
            "precision_m": m.place.precision_m,
            "sources": list(m.place.sources),
        }
        for m in matches
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0 if rows else 1
    if not rows:
        print(f"no place matches {args.name!r}")
        return 1
    for r in rows:
        print(
            f"{r['score']:.3f}  {r['confidence']:.2f}  {r['id']:<24} {r['name']:<28} "
            f"{r['feature_type']:<13} "
            f"{r['admin1'] or r['country']:<16} {r['lat']:.4f}, {r['lon']:.4f}"
        )
    return 0
