"""``geo-syria claims``: an aligned table of claims and verdicts."""

from __future__ import annotations

from dataclasses import replace

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
    header, rule, *rows = lines
    assert header.split() == ["doc", "subject", "stated", "anchor", "measured", "verdict"]
    assert set(rule.replace(" ", "")) == {"-"}
    # every column starts at the same offset in every row; the claim is on the line below
    verdict_at = header.index("verdict")
    cells = [row for row in rows if row and not row.startswith(" ")][:3]
    assert [row[verdict_at:].split()[0] for row in cells] == [
        "consistent",
        "inconsistent",
        "unverifiable",
    ]
    assert "20 km N" in cells[0] and "17.7 km N" in cells[0]
    assert "20 km S" in cells[1]
    assert "Tell Qarn?" in cells[2]  # unresolved subject shown as written, with ?
    notes = [row for row in rows if row.startswith("    ")]
    assert notes[0].strip().startswith("“") and "north of Hama" in notes[0]
    assert any("131° off" in note for note in notes)
    assert lines[-1] == "3 claims in 2 documents: 1 consistent, 1 inconsistent, 1 unverifiable"


def test_verdict_filter():
    table = claims_table(export_report(), verdicts=["inconsistent"])
    assert table.splitlines()[-1] == "1 claim in 2 documents: 1 inconsistent (of 3 claims)"
    assert "unverifiable" not in table.splitlines()[2]
    assert (
        claims_table(export_report(), verdicts=["consistent", "unverifiable"])
        .splitlines()[-1]
        .startswith("2 claims")
    )


def test_repeated_rows_are_shown_once():
    report = export_report()
    doubled = replace(report, claims=(report.claims[0], report.claims[0], *report.claims[1:]))
    table = claims_table(doubled)
    assert "(2×) “" in table
    rows = [line for line in table.splitlines()[2:] if line and not line.startswith(" ")]
    assert len(rows) == 4  # three rows and the summary line


def test_rounded_numbers():
    claim = replace(export_report().claims[0], distance_km=43.4523)
    assert stated(claim) == "43.5 km N"


def test_stated_and_measured():
    consistent, _, unverifiable = export_report().claims
    assert stated(consistent) == "20 km N"
    assert measured(consistent) == "17.7 km N"
    assert stated(unverifiable) == "5 km E"
    assert measured(unverifiable) == "-"


def test_no_claims():
    assert claims_table(empty_report()) == "no claims found in 1 document"


def test_long_texts_are_shown_in_full_within_100_columns():
    report = export_report()
    subject = replace(
        report.claims[0].subject,
        place=replace(report.claims[0].subject.place, name="Subject " + "long " * 10 + "end"),
    )
    long = replace(
        report.claims[0], text="some 20 km " + "very " * 30 + "north of Hama", subject=subject
    )
    table = claims_table(replace(report, claims=(long,)))
    assert max(len(line) for line in table.splitlines()) <= 100
    flat = " ".join(line.strip() for line in table.splitlines())
    assert "very " * 30 in flat  # the claim in full, wrapped
    assert "subject: Subject " + "long " * 10 + "end" in flat  # the cut subject in full


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
    rows = [line for line in lines[2:-2] if not line.startswith(" ")]
    subject_at, stated_at = header.index("subject"), header.index("stated")
    anchor_at, measured_at = header.index("anchor"), header.index("measured")
    verdict_at = header.index("verdict")
    # the list: Soran, Khattab and Maardas located from Hama, all consistent
    around_hama = {
        row[subject_at:stated_at].strip(): row[verdict_at:].strip()
        for row in rows
        if row[anchor_at:measured_at].strip() == "Hama"
        and row[subject_at:stated_at].strip() in {"Suran", "Soran", "Khattab", "Maardas"}
    }
    assert {"Khattab", "Maardas"} <= set(around_hama)
    assert set(around_hama.values()) == {"consistent"}
    assert lines[-1].startswith("") and " claims in 2 documents" in lines[-1]


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


@pytest.fixture
def fake_claims(monkeypatch):
    from geo_syria.cli._reading import Analysis

    monkeypatch.setattr(
        "geo_syria.cli.claims.analyze_files", lambda args: Analysis.from_report(export_report())
    )


def test_json_format_parses(capsys, article, fake_claims):
    import json

    assert main(["claims", str(article), "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [r["verdict"] for r in records] == ["consistent", "inconsistent", "unverifiable"]
    assert records[0]["measured_distance_km"] == pytest.approx(17.7, abs=0.05)
    assert "kind" not in records[0]


def test_csv_format_parses(capsys, article, fake_claims):
    import csv
    import io

    assert main(["claims", str(article), "-f", "csv", "--verdict", "inconsistent"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out, newline="")))
    assert [r["verdict"] for r in rows] == ["inconsistent"]
    assert rows[0]["subject"] and rows[0]["text"]


def test_verdict_option_is_repeatable_and_checked(capsys, article, fake_claims):
    assert (
        main(["claims", str(article), "--verdict", "consistent", "--verdict", "unverifiable"]) == 0
    )
    assert capsys.readouterr().out.splitlines()[-1].endswith("(of 3 claims)")
    with pytest.raises(SystemExit) as exc:
        main(["claims", str(article), "--verdict", "inconsistant"])
    assert exc.value.code == 2
    assert "did you mean 'inconsistent'?" in capsys.readouterr().err


def test_table_of_the_dev_corpus_fits_100_columns(capsys, corpus_csv):
    argv = ["claims", str(corpus_csv), "--text-column", "article_content"]
    argv += ["--id-column", "unit_id", "--source-column", "source", "--date-column", "date"]
    assert main(argv) in (0, 3)
    lines = capsys.readouterr().out.splitlines()
    assert max(len(line) for line in lines) <= 100
    rows = [line for line in lines[2:-2] if not line.startswith(" ")]
    assert len(rows) > 50
    assert "…" not in "\n".join(rows) or any(
        ln.lstrip().startswith(("doc:", "subject:", "anchor:")) for ln in lines
    )
    blocks = []  # a row and its second line: no two the same
    for i, line in enumerate(lines[2:-2], start=2):
        if not line.startswith(" "):
            blocks.append((line, lines[i + 1]))
    assert len(blocks) == len(set(blocks))
