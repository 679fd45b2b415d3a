"""``geo-syria gazetteer ...``: build, download and search gazetteers.

The group's actions live in their own modules (``gazetteer_build``,
``gazetteer_search``), each exposing ``register(group_subparsers)``.
"""

from __future__ import annotations

import argparse

from geo_syria.cli import register_modules

_ACTIONS = ("gazetteer_build", "gazetteer_search")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``gazetteer`` command group."""
    parser = subparsers.add_parser(
        "gazetteer",
        help="build, download and search gazetteers",
        description=(
            "The gazetteer is the list of places names are resolved against: an embedded "
            "one ships with the package; 'build' compiles a larger store from GeoNames, "
            "OCHA or your own CSV, 'download' fetches a GeoNames dump, 'search' looks a "
            "name up."
        ),
    )
    group = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    register_modules(group, _ACTIONS)
