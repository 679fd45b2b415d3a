"""``geo-syria claims``: an aligned table of claims and verdicts."""

from __future__ import annotations

import pytest
from _reports import empty_report, export_report

from geo_syria.cli import main
from geo_syria.cli.claims import claims_table, measured, stated


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text("Rebels took Soran, 20 km north of Hama, on Tuesday.\n", encoding="utf-8")
    return path


def test_table_rows_and_alignment():
    lines = claims_table(export_report()).splitlines()
    header, rule, *rows = lines[:5]
    assert header.split() == ["doc", "subject", "claim", "anchor", "stated", "measured", "verdict"]
    assert set(rule.replace(" ", "")) == {"-"}
    # every column starts at the same offset in every row
    verdict_at = header.index("verdict")
    assert [row[verdict_at:].split()[0] for row in rows[:3]] == [
        "consistent",
        "inconsistent",
        "unverifiable",
    ]
    assert "20 km N" in rows[0] and "17.7 km N" in rows[0]
    assert "20 km S" in rows[1] and "(131° off)" in rows[1]
    assert "Tell Qarn?" in rows[2]  # unresolved subject shown as written, with ?
    assert lines[-1] == "3 claims in 2 documents: 1 consistent, 1 inconsistent, 1 unverifiable"


def test_stated_and_measured():
    consistent, _, unverifiable = export_report().claims
    assert stated(consistent) == "20 km N"
    assert measured(consistent) == "17.7 km N"
    assert stated(unverifiable) == "5 km E"
    assert measured(unverifiable) == "-"


def test_no_claims():
    assert claims_table(empty_report()) == "no claims found in 1 document"


def test_long_claim_text_is_shortened():
    from dataclasses import replace

    report = export_report()
    long = replace(report.claims[0], text="some 20 km " + "very " * 30 + "north of Hama")
    table = claims_table(replace(report, claims=(long,)))
    row = table.splitlines()[2]
    assert "…" in row and "very " * 30 not in row


def test_command_prints_table(capsys, article, monkeypatch):
    from geo_syria.cli._reading import Analysis

    monkeypatch.setattr(
        "geo_syria.cli.claims.analyze_files", lambda args: Analysis.from_report(export_report())
    )
    assert main(["claims", str(article)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split()[0] == "doc"
    assert "inconsistent" in out


def test_claims_samples_end_to_end(capsys, samples_dir):
    files = sorted(str(p) for p in samples_dir.glob("*.txt"))
    assert main(["claims", *files]) == 0
    lines = capsys.readouterr().out.splitlines()
    header = lines[0]
    rows = lines[2:-2]
    subject_at, claim_at = header.index("subject"), header.index("claim")
    anchor_at, verdict_at = header.index("anchor"), header.index("verdict")
    # the list: Soran, Khattab and Maardas located from Hama, all consistent
    around_hama = {
        row[subject_at:claim_at].strip(): row[verdict_at:].strip()
        for row in rows
        if row[anchor_at:].startswith("Hama")
        and row[subject_at:claim_at].strip() in {"Suran", "Soran", "Khattab", "Maardas"}
    }
    assert {"Khattab", "Maardas"} <= set(around_hama)
    assert set(around_hama.values()) == {"consistent"}
    assert lines[-1].startswith(f"{len(rows)} claims in 2 documents")


def test_failed_documents_are_listed_and_exit_3(tmp_path, article, capsys):
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"\x00\x01\x02" * 40)
    assert main(["claims", str(article), str(broken)]) == 3
    captured = capsys.readouterr()
    assert "geo-syria: 1 of 2 documents failed:" in captured.err
    assert any(ln.startswith("  ") and str(broken) in ln for ln in captured.err.splitlines())
    assert "20 km north of Hama" in captured.out


def test_every_document_failed_prints_no_table_and_exits_1(tmp_path, capsys):
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"\x00\x01\x02" * 40)
    assert main(["claims", str(broken)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert any(ln.startswith("  ") and str(broken) in ln for ln in captured.err.splitlines())
    assert "error: no document could be read (1 failed, listed above)" in captured.err


def test_claim_text_with_a_terminal_escape_is_shown_escaped():
    from dataclasses import replace

    report = export_report()
    spoofed = replace(report.claims[0], text="\x1b[2J\x1b[31m20 km north of Hama")
    table = claims_table(replace(report, claims=(spoofed,)))
    assert "\x1b" not in table
    assert "\\x1b[2J" in table
