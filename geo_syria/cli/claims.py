"""``geo-syria claims FILE...``: a table of every distance and direction claim and its verdict."""

from __future__ import annotations

import argparse
import itertools
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import IO, TYPE_CHECKING

from geo_syria.cli._reading import (
    add_input_arguments,
    analyze_files,
    check_something_read,
    exit_code,
    one_line,
)
from geo_syria.export._fields import compass, finite
from geo_syria.text import count

if TYPE_CHECKING:
    from geo_syria.claims import Claim
    from geo_syria.report import Report

__all__ = [
    "CLAIM_FORMATS",
    "VERDICTS",
    "ClaimTable",
    "claims_records",
    "claims_table",
    "register",
    "run",
    "write_claims_csv",
]

VERDICTS = ("consistent", "inconsistent", "unverifiable")
CLAIM_FORMATS = ("table", "csv", "json")

HEADER = ("doc", "subject", "stated", "anchor", "measured", "verdict")
#: Most characters of each column; a longer doc, subject or anchor is shortened in its
#: cell and shown in full on the row's second line. The widest row is 95 characters.
_WIDTHS = {"doc": 14, "subject": 20, "stated": 11, "anchor": 16, "measured": 12, "verdict": 12}
#: Width of the table, and indent of each row's second line (the claim as written).
TABLE_WIDTH = 100
_INDENT = "    "


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``claims`` command."""
    parser = subparsers.add_parser(
        "claims",
        help="print every distance/direction claim of articles with its verdict",
        description=(
            "Find the relative-location claims in articles ('20 km north of Hama'), "
            "measure them against the gazetteer and print their verdicts: a table that "
            "fits 100 columns (each claim as written on its second line; identical rows "
            "once, with a count), or every field as CSV or JSON for a spreadsheet or a "
            "script."
        ),
    )
    add_input_arguments(parser)
    parser.add_argument(
        "--format",
        "-f",
        choices=CLAIM_FORMATS,
        default="table",
        help="table (default), csv or json (one record per claim, every field)",
    )
    parser.add_argument(
        "--verdict",
        action="append",
        choices=VERDICTS,
        help="only claims with this verdict (repeat for several; default: all)",
    )
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
    """Return what the claim states, like ``"20 km N"``, ``"N"`` or ``"near"``.

    Distances are rounded to 0.1 km (``"19.3 km"`` for "12 miles").
    """
    parts = []
    distance = finite(claim.distance_km)
    if distance is not None:
        parts.append(f"{round(distance, 1):g} km")
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


def off(claim: Claim) -> str:
    """Return how far an inconsistent claim is off, like ``"12.3 km, 131° off"``, or ``""``."""
    check = claim.check
    if claim.verdict != "inconsistent" or check is None:
        return ""
    parts = []
    if finite(check.distance_off_km):
        parts.append(f"{check.distance_off_km:.1f} km")
    if finite(check.bearing_off_deg):
        parts.append(f"{check.bearing_off_deg:.0f}°")
    return f"{', '.join(parts)} off" if parts else ""


def _name(res) -> str:
    return res.place.name if res.place is not None else f"{res.mention.text}?"


def _cells(claim: Claim) -> tuple[tuple[str, ...], str]:
    """Return a claim's cells and its second line (the claim as written, and what was cut)."""
    full = {
        "doc": one_line(claim.doc_id),
        "subject": one_line(_name(claim.subject)),
        "anchor": one_line(_name(claim.anchor)),
    }
    cells = (
        shorten(full["doc"], _WIDTHS["doc"]),
        shorten(full["subject"], _WIDTHS["subject"]),
        stated(claim),
        shorten(full["anchor"], _WIDTHS["anchor"]),
        measured(claim),
        claim.verdict,
    )
    notes = [f"{name}: {value}" for name, value in full.items() if len(value) > _WIDTHS[name]]
    notes.append(f"“{shorten(claim.text, 10_000)}”")
    if off(claim):
        notes.append(off(claim))
    elif claim.verdict == "unverifiable" and claim.check is not None and claim.check.reason:
        notes.append(one_line(" ".join(claim.check.reason.split())))
    return cells, "; ".join(notes)


class ClaimTable:
    """The rows of a claims table, folded in as documents finish (each claim's cells only).

    Identical rows are one row with a count; the table is drawn by :meth:`render`.

    Parameters
    ----------
    verdicts : sequence of {"consistent", "inconsistent", "unverifiable"}, optional
        Only claims with these verdicts are rows.
    """

    def __init__(self, verdicts: Sequence[str] | None = None) -> None:
        self.verdicts = verdicts
        self.rows: dict[tuple[tuple[str, ...], str], int] = {}
        self.counts: Counter[str] = Counter()
        self.n_claims = 0

    def add(self, claims: Iterable[Claim]) -> None:
        """Fold in claims (of one or more documents)."""
        for claim in claims:
            self.n_claims += 1
            if self.verdicts and claim.verdict not in self.verdicts:
                continue
            self.counts[claim.verdict] += 1
            key = _cells(claim)
            self.rows[key] = self.rows.get(key, 0) + 1

    def render(self, n_docs: int) -> str:
        """Return the table of :func:`claims_table` for a run of ``n_docs`` documents."""
        import textwrap

        docs = count(n_docs, "document")
        if not self.rows:
            what = "claims" if not self.verdicts else f"{' or '.join(self.verdicts)} claims"
            return f"no {what} found in {docs}"
        rows = self.rows
        widths = [max(len(h), *(len(cells[i]) for cells, _ in rows)) for i, h in enumerate(HEADER)]
        lines = ["  ".join(h.ljust(w) for h, w in zip(HEADER, widths, strict=True)).rstrip()]
        lines.append("  ".join("-" * w for w in widths))
        for (cells, note), times in rows.items():
            lines.append("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip())
            note = f"({times}×) {note}" if times > 1 else note
            lines.extend(
                textwrap.wrap(
                    note,
                    TABLE_WIDTH,
                    initial_indent=_INDENT,
                    subsequent_indent=_INDENT,
                    break_on_hyphens=False,
                )
            )
        n = sum(self.counts.values())
        summary = ", ".join(f"{self.counts[v]} {v}" for v in VERDICTS if self.counts[v])
        line = f"{count(n, 'claim')} in {docs}: {summary}"
        if n != self.n_claims:
            line += f" (of {self.n_claims} claims)"
        return "\n".join([*lines, "", line])


def _selected(report: Report, verdicts: Sequence[str] | None) -> list[Claim]:
    return [c for c in report.claims if not verdicts or c.verdict in verdicts]


def claims_table(report: Report, *, verdicts: Sequence[str] | None = None) -> str:
    """Return the report's claims as an aligned text table, at most 100 characters wide.

    Each claim takes two lines: its cells, then, indented, the claim as written (in
    full, wrapped), how far off it is or why it is unverifiable, and in full any doc,
    subject or anchor too long for its column. A claim stated twice in the same words
    in one document (a headline repeated in the body) is one row, marked ``(2×)``. An
    unresolved subject or anchor is shown as written, followed by ``?``; distances are
    rounded to 0.1 km. The last line counts the claims by verdict.

    Parameters
    ----------
    report : Report
    verdicts : sequence of {"consistent", "inconsistent", "unverifiable"}, optional
        Only claims with these verdicts.
    """
    table = ClaimTable(verdicts)
    table.add(report.claims)
    return table.render(len(report.documents))


def claims_records(
    report: Report, *, verdicts: Sequence[str] | None = None
) -> list[dict[str, object]]:
    """Return one record per claim: every field of the GeoJSON claim properties, no ``kind``."""
    from geo_syria.export._fields import claim_record

    found = []
    for claim in _selected(report, verdicts):
        props, _ = claim_record(claim)
        props.pop("kind", None)
        found.append(props)
    return found


def write_claims_csv(records: Iterable[dict[str, object]], out: IO[str]) -> None:
    """Write claim records as CSV, formula-like cells quoted (see :mod:`geo_syria.export.csv`)."""
    import csv

    from geo_syria.export._fields import CLAIM_FIELDS
    from geo_syria.export.csv import _cell

    names = [name for name in CLAIM_FIELDS if name != "kind"]
    writer = csv.DictWriter(out, fieldnames=names, lineterminator="\r\n")
    writer.writeheader()
    for record in records:
        writer.writerow({name: _cell(value) for name, value in record.items()})


def _write_json(records: Iterable[dict[str, object]], out: IO[str]) -> None:
    """Write records as one JSON list (indent 1) as they come."""
    import json
    import textwrap

    opening = "[\n"
    for record in records:
        out.write(opening + textwrap.indent(json.dumps(record, ensure_ascii=False, indent=1), " "))
        opening = ",\n"
    out.write("[]\n" if opening == "[\n" else "\n]\n")


def run(args: argparse.Namespace) -> int:
    """Analyse the files and print the claims as their documents finish; return the exit code."""
    analysis = analyze_files(args)
    verbose = args.verbose > 0
    fmt = getattr(args, "format", "table")
    verdicts = getattr(args, "verdict", None)
    with analysis:
        if fmt == "table":
            table = ClaimTable(verdicts)
            for part in analysis:
                table.add(part.claims)
            check_something_read(analysis, verbose=verbose)
            print(table.render(analysis.n_documents))
        else:
            records = (r for part in analysis for r in claims_records(part, verdicts=verdicts))
            first = next(records, None)  # a claim: a document was read; none: all may have failed
            if first is None:
                check_something_read(analysis, verbose=verbose)
            records = itertools.chain([] if first is None else [first], records)
            if fmt == "json":
                _write_json(records, sys.stdout)
            else:
                write_claims_csv(records, sys.stdout)
            check_something_read(analysis, verbose=verbose)
    return exit_code(analysis, verbose=verbose)
