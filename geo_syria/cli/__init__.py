"""The ``geo-syria`` command line.

Each subcommand lives in its own module, which exposes ``register(subparsers)``
adding its parser with ``set_defaults(func=...)``. A command function takes the
parsed arguments, calls library functions, prints, and returns an exit code.

:func:`main` turns every error into one line on standard error and an exit status
(0 ok, 1 error, 2 usage, 3 some documents failed, 130 interrupted, 143 terminated);
SIGTERM raises an exception, like Ctrl-C does, so temporary files are removed on the
way out.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import logging
import os
import signal
import sys
import traceback
from collections.abc import Callable, Sequence

from geo_syria.exc import GeoSyriaError

__all__ = ["EXIT_INTERRUPTED", "EXIT_TERMINATED", "Terminated", "build_parser", "main"]

#: Subcommand modules, in help order.
_COMMANDS = ("gazetteer", "extract", "claims", "map")

#: An example for the ``--help`` of every command, by its words after ``geo-syria``.
EXAMPLES = {
    "extract": (
        "geo-syria extract article.txt > places.geojson",
        "geo-syria extract news.csv --text-column body --date-column published \\\n"
        "      --source-column outlet --url-column link -o news.csv",
    ),
    "claims": (
        "geo-syria claims article.txt",
        "geo-syria claims news.csv --text-column body --verdict inconsistent --format csv",
    ),
    "map": (
        "geo-syria map news.csv --text-column body --source-column outlet \\\n"
        "      --url-column link -o news.html",
        "geo-syria map article.txt --cdn --tiles OpenTopoMap -o online.html",
    ),
    "assets": ("geo-syria assets fetch",),
    "assets fetch": ("geo-syria assets fetch --dir ./assets",),
    "gazetteer": ("geo-syria gazetteer search Joubar",),
    "gazetteer build": ("geo-syria gazetteer build SY.txt curated.csv -o syria.sqlite",),
    "gazetteer download": ("geo-syria gazetteer download geonames SY --dest data/",),
    "gazetteer search": ("geo-syria gazetteer search Suran --near Hama --limit 3",),
}


class _Parser(argparse.ArgumentParser):
    """An argument parser that suggests the nearest choice for a typo ("did you mean 'map'?")."""

    def _check_value(self, action: argparse.Action, value: object) -> None:
        choices = action.choices
        if choices is None or value in choices:
            return
        allowed = ", ".join(repr(c) for c in choices)
        message = f"invalid choice: {value!r} (choose from {allowed})"
        close = difflib.get_close_matches(str(value), [str(c) for c in choices], n=1, cutoff=0.5)
        if close:
            message = (
                f"invalid choice: {value!r}; did you mean {close[0]!r}? (choose from {allowed})"
            )
        raise argparse.ArgumentError(action, message)


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, tuple[argparse.ArgumentParser, str]]:
    """Return ``{name: (parser, help)}`` of the subcommands of a parser."""
    found = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help or "" for a in action._choices_actions}
            for name, sub in action.choices.items():
                found[name] = (sub, helps.get(name, ""))
    return found


def _finish_help(parser: argparse.ArgumentParser, words: str = "") -> None:
    """Give every subcommand a description (its help, when it has none) and an example."""
    from geo_syria.cli._reading import ExitStatusHelpFormatter

    for name, (sub, help_text) in _subcommands(parser).items():
        path = f"{words} {name}".strip()
        if not sub.description and help_text:
            sub.description = help_text[0].upper() + help_text[1:] + "."
        examples = EXAMPLES.get(path)
        if examples:
            lines = "".join(f"  {example}\n" for example in examples)
            sub.epilog = f"example{'s' if len(examples) > 1 else ''}:\n{lines}" + (
                f"\n{sub.epilog}" if sub.epilog else ""
            )
            sub.formatter_class = ExitStatusHelpFormatter
        _finish_help(sub, path)


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser with every subcommand registered."""
    from geo_syria import __version__
    from geo_syria.cli._reading import EXIT_STATUS, ExitStatusHelpFormatter

    parser = _Parser(
        prog="geo-syria",
        description="Find, resolve, map and check the places in news on the Syrian war, offline.",
        epilog=EXIT_STATUS,
        formatter_class=ExitStatusHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    register_modules(sub, _COMMANDS)
    _finish_help(parser)
    return parser


def register_modules(subparsers: argparse._SubParsersAction, names: Sequence[str]) -> None:
    """Let each module ``geo_syria.cli.<name>`` add its parser to ``subparsers``."""
    from importlib import import_module

    for name in names:
        import_module(f"geo_syria.cli.{name}").register(subparsers)


#: Exit statuses of a run stopped by Ctrl-C and by SIGTERM (128 + the signal number).
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143


class Terminated(BaseException):
    """Raised in the main thread by the SIGTERM handler :func:`main` installs.

    Like :class:`KeyboardInterrupt` it is no :class:`Exception`, so it is not caught as
    a document's failure; it unwinds every ``with`` block, removing temporary files.
    """


def _on_sigterm(signum: int, frame: object) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second one must not stop the cleanup
    raise Terminated


def _install_sigterm() -> Callable[[], None]:
    """Install the SIGTERM handler; return what puts the previous one back."""
    try:
        previous = signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:  # not the main thread (an embedding program): leave signals alone
        return lambda: None
    if previous is None:  # installed outside Python: cannot be put back, keep the default
        previous = signal.SIG_DFL
    return lambda: signal.signal(signal.SIGTERM, previous)


class _Formatter(logging.Formatter):
    """Log lines without tracebacks unless asked for (``-v``): one line per problem."""

    def __init__(self, fmt: str, *, tracebacks: bool) -> None:
        super().__init__(fmt)
        self.tracebacks = tracebacks

    def formatException(self, ei) -> str:
        return super().formatException(ei) if self.tracebacks else ""


def _configure_logging(verbose: int) -> None:
    level = (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    handler = logging.StreamHandler()
    handler.setFormatter(_Formatter("%(levelname)s %(name)s: %(message)s", tracebacks=verbose > 0))
    logging.basicConfig(level=level, handlers=[handler])


def _error(message: object) -> None:
    from geo_syria.render.safe_text import safe_text

    print(f"geo-syria: error: {safe_text(message)}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status.

    0: every document was read; 1: an error (one line on standard error, nothing
    written); 2: a usage error (from argparse); 3: some documents failed (listed on
    standard error, the others written); 130: interrupted; 143: terminated.
    """
    try:
        args = build_parser().parse_args(argv)
    except KeyboardInterrupt:  # while importing, before any work
        print("geo-syria: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    _configure_logging(args.verbose)
    restore = _install_sigterm()
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("geo-syria: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Terminated:
        print("geo-syria: terminated", file=sys.stderr)
        return EXIT_TERMINATED
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        # keep the interpreter from complaining while flushing at exit
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (GeoSyriaError, OSError) as err:
        _error(err)
        return 1
    except Exception as err:  # noqa: BLE001 - a bug: one line, the traceback with -v
        if args.verbose:
            traceback.print_exc()
        _error(f"unexpected {type(err).__name__}: {err} (-v shows the traceback)")
        return 1
    finally:
        restore()
