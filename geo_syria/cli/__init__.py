"""The ``geo-syria`` command line.

Each subcommand lives in its own module, which exposes ``register(subparsers)``
adding its parser with ``set_defaults(func=...)``. A command function takes the
parsed arguments, calls library functions, prints, and returns an exit code.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from geo_syria.exc import GeoSyriaError

__all__ = ["build_parser", "main"]

#: Subcommand modules, in help order.
_COMMANDS = ("gazetteer", "extract", "claims", "map")


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser with every subcommand registered."""
    from geo_syria import __version__

    parser = argparse.ArgumentParser(
        prog="geo-syria",
        description="Find, resolve, map and check the places in news on the Syrian war, offline.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    register_modules(sub, _COMMANDS)
    return parser


def register_modules(subparsers: argparse._SubParsersAction, names: Sequence[str]) -> None:
    """Let each module ``geo_syria.cli.<name>`` add its parser to ``subparsers``."""
    from importlib import import_module

    for name in names:
        import_module(f"geo_syria.cli.{name}").register(subparsers)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 ok, 1 error, 2 usage)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    level = (logging.WARNING, logging.INFO, logging.DEBUG)[min(args.verbose, 2)]
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    try:
        return int(args.func(args) or 0)
    except GeoSyriaError as err:
        print(f"geo-syria: error: {err}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        return 0
