"""``geo-syria gazetteer ...``: build, download and search gazetteers.

The group's actions live in their own modules (``gazetteer_build``,
``gazetteer_search``), each exposing ``register(group_subparsers)``.
"""

from __future__ import annotations

import argparse
from importlib import import_module

_ACTIONS = ("gazetteer_build", "gazetteer_search")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``gazetteer`` command group."""
    parser = subparsers.add_parser("gazetteer", help="build, download and search gazetteers")
    group = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    for name in _ACTIONS:
        try:
            module = import_module(f"geo_syria.cli.{name}")
        except ModuleNotFoundError as err:
            if err.name != f"geo_syria.cli.{name}":
                raise
            continue
        module.register(group)
