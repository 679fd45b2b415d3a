"""build_gazetteer_report: every skipped row of every source is counted and logged."""

from __future__ import annotations

import logging

from geo_syria.gazetteer.build import build_gazetteer_report


def test_build_report_counts_and_logs_the_rows_it_skipped(tmp_path, caplog):
    a = tmp_path / "a.csv"
    a.write_text("name,lat,lon\nSoran,35.2919,36.7485\nNowhere,135,36\n")
    b = tmp_path / "b.tsv"
    b.write_text('name\tlat\tlon\nMaardas\t35.2\t36.7\n"Open\t35\t36\nLost\t35.1\t36.1\n')
    with caplog.at_level(logging.WARNING, logger="geo_syria.gazetteer.build"):
        result = build_gazetteer_report([a, b], include_default=False)
    assert sorted(p.name for p in result.places) == ["Maardas", "Soran"]
    assert [(s.path, s.line) for s in result.skipped] == [(str(a), 3), (str(b), 3), (str(b), 4)]
    assert "3 source rows were skipped" in caplog.text and f"{a}, line 3" in caplog.text


def test_build_report_without_skipped_rows_logs_no_warning(tmp_path, caplog):
    a = tmp_path / "a.csv"
    a.write_text("name,lat,lon\nSoran,35.2919,36.7485\n")
    with caplog.at_level(logging.WARNING, logger="geo_syria.gazetteer.build"):
        result = build_gazetteer_report([a], include_default=False)
    assert result.skipped == () and "skipped" not in caplog.text
