"""``geo-syria claims FILE...``: a table of every distance and direction claim and its verdict."""

from __future__ import annotations

import argparse
from collections import Counter
from typing import TYPE_CHECKING

from geo_syria.cli._reading import (
    add_input_arguments,
    analyze_files,
    check_something_read,
    exit_code,
    one_line,
)
from geo_syria.export._fields import compass, finite

if TYPE_CHECKING:
    from geo_syria.claims import Claim
    from geo_syria.report import Report

__all__ = ["claims_table", "register", "run"]

HEADER = ("doc", "subject", "claim", "anchor", "stated", "measured", "verdict")
_WIDTHS = {"doc": 24, "subject": 22, "claim": 44, "anchor": 22}


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``claims`` command."""
    parser = subparsers.add_parser(
        "claims",
        help="print every distance/direction claim of articles with its verdict",
        description=(
            "Find the relative-location claims in articles ('20 km north of Hama'), "
            "measure them against the gazetteer and print a table of verdicts."
        ),
    )
    add_input_arguments(parser)
    parser.set_defaults(func=run)


def shorten(text: str, width: int) -> str:
    r"""Return ``text`` on one line, cut to ``width`` characters with an ellipsis.

    Bidi controls are shown as a marker (see :func:`~geo_syria.render.safe_text.safe_text`)
    and other control characters as escapes, so a right-to-left override or a terminal
    escape sequence in an article cannot reverse or recolour the rest of the row.

    Examples
    --------
    >>> shorten("some 20 km\nnorth of Hama", 40)
    'some 20 km north of Hama'
    >>> shorten("some 20 km north of Hama", 12)
    'some 20 km …'
    >>> shorten("Hama\u202e north", 40) == "Hama\ufffd north"
    True
    >>> shorten("\x1b[31mHama", 40)
    '\\x1b[31mHama'
    """
    text = one_line(" ".join(text.split()))
    return text if len(text) <= width else text[: width - 1] + "…"


def stated(claim: Claim) -> str:
    """Return what the claim states, like ``"20 km N"``, ``"N"`` or ``"near"``."""
    parts = []
    distance = finite(claim.distance_km)
    if distance is not None:
        parts.append(f"{distance:g} km")
    if finite(claim.bearing_deg) is not None:
        parts.append(compass(claim.bearing_deg))
    if not parts:
        return claim.relation
    return " ".join(parts)


def measured(claim: Claim) -> str:
    """Return the measurement, like ``"17.7 km N"``, or ``"-"`` when there is none."""
    check = claim.check
    distance = finite(check.measured_distance_km) if check else None
    if distance is None:
        return "-"
    return f"{distance:.1f} km {compass(check.measured_bearing_deg)}".strip()


def _verdict(claim: Claim) -> str:
    check = claim.check
    if claim.verdict != "inconsistent" or check is None:
        return claim.verdict
    off = []
    if finite(check.distance_off_km):
        off.append(f"{check.distance_off_km:.1f} km")
    if finite(check.bearing_off_deg):
        off.append(f"{check.bearing_off_deg:.0f}°")
    return f"inconsistent ({', '.join(off)} off)" if off else "inconsistent"


def _name(res) -> str:
    return res.place.name if res.place is not None else f"{res.mention.text}?"


def claims_table(report: Report) -> str:
    """Return the report's claims as an aligned text table with a summary line.

    An unresolved subject or anchor is shown as written, followed by ``?``.
    """
    n_docs = len(report.documents)
    docs = f"{n_docs} document{'s' if n_docs != 1 else ''}"
    if not report.claims:
        return f"no claims found in {docs}"
    rows = [HEADER]
    for claim in report.claims:
        rows.append(
            (
                shorten(claim.doc_id, _WIDTHS["doc"]),
                shorten(_name(claim.subject), _WIDTHS["subject"]),
                shorten(claim.text, _WIDTHS["claim"]),
                shorten(_name(claim.anchor), _WIDTHS["anchor"]),
                stated(claim),
                measured(claim),
                _verdict(claim),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADER))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    counts = Counter(c.verdict for c in report.claims)
    summary = ", ".join(f"{counts[v]} {v}" for v in ("consistent", "inconsistent", "unverifiable"))
    lines.append("")
    n_claims = len(report.claims)
    lines.append(f"{n_claims} claim{'s' if n_claims != 1 else ''} in {docs}: {summary}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Analyse the files and print the claims table; return the exit code."""
    analysis = analyze_files(args)
    verbose = args.verbose > 0
    check_something_read(analysis, verbose=verbose)
    print(claims_table(analysis.report))
    return exit_code(analysis, verbose=verbose)
