"""The README's newcomer examples run as written, on the files in ``examples/``.

The ``bash`` and ``python`` blocks of the sections "One article" and "A corpus" are taken
from the README itself, so a renamed option or a moved file breaks this test, not a reader.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from _assets import map_assets  # noqa: F401 - fixture

from geo_syria.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
SECTIONS = ("One article", "A corpus")


def _section(title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## )", README, re.M | re.S)
    assert match, f"README has no section {title!r}"
    return match.group(1)


def _blocks(language: str) -> list[tuple[str, str]]:
    return [
        (title, block)
        for title in SECTIONS
        for block in re.findall(rf"^```{language}\n(.*?)^```", _section(title), re.M | re.S)
    ]


def _commands() -> list[str]:
    commands = []
    for _, block in _blocks("bash"):
        for line in block.replace("\\\n", " ").splitlines():
            line = line.split("#")[0].strip()
            if line.startswith("geo-syria "):
                commands.append(line)
    return commands


def test_the_sections_hold_commands_and_code():
    assert len(_commands()) >= 6
    assert {title for title, _ in _blocks("python")} == set(SECTIONS)


@pytest.mark.parametrize("command", _commands())
def test_readme_command_runs(command, tmp_path, monkeypatch, capsys, request):
    argv = shlex.split(command)[1:]
    if argv[0] == "map":
        request.getfixturevalue("map_assets")
    argv = [str(ROOT / a) if a.startswith("examples/") else a for a in argv]
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 0, capsys.readouterr().err
    if "-o" in argv:
        assert (tmp_path / argv[argv.index("-o") + 1]).stat().st_size > 0


def test_the_corpus_has_the_inconsistent_claim_the_readme_names(capsys):
    (command,) = [c for c in _commands() if "--verdict inconsistent" in c]
    argv = [str(ROOT / a) if a.startswith("examples/") else a for a in shlex.split(command)[1:]]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "Douma" in out and "1 inconsistent" in out
    assert re.search(r"Douma, about 60 km south\s+of Damascus", README)  # as the README says


def test_readme_python_runs_in_order(monkeypatch, map_assets):  # noqa: F811
    """A reader runs the blocks one after the other in one session."""
    monkeypatch.chdir(ROOT)
    namespace: dict = {}
    for title, code in _blocks("python"):
        namespace.pop("report", None)
        exec(compile(code, f"README.md, {title}", "exec"), namespace)
        assert len(namespace["report"].documents) >= 1, title
    assert len(namespace["report"].claims) == 5  # the example corpus's five claims
