"""CLI habits: "did you mean" for typos, an example and a description in every ``--help``."""

from __future__ import annotations

import argparse

import pytest

from geo_syria.cli import EXAMPLES, _subcommands, build_parser, main


def _all_commands(parser=None, words=""):
    parser = parser or build_parser()
    for name, (sub, _) in _subcommands(parser).items():
        path = f"{words} {name}".strip()
        yield path, sub
        yield from _all_commands(sub, path)


COMMANDS = [path for path, _ in _all_commands()]


@pytest.mark.parametrize(
    ("argv", "suggestion"),
    [
        (["mpa"], "did you mean 'map'?"),
        (["extarct"], "did you mean 'extract'?"),
        (["claim"], "did you mean 'claims'?"),
        (["gazetteer", "serch"], "did you mean 'search'?"),
        (["gazeteer"], "did you mean 'gazetteer'?"),
    ],
)
def test_did_you_mean(capsys, argv, suggestion):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    assert suggestion in capsys.readouterr().err


def test_no_suggestion_for_a_word_far_from_every_command(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["xyzzy"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'xyzzy'" in err and "did you mean" not in err


def test_every_command_is_covered():
    assert {"extract", "claims", "map", "gazetteer search", "gazetteer download"} <= set(COMMANDS)
    assert set(EXAMPLES) == set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_help_has_a_description_and_an_example(capsys, command):
    with pytest.raises(SystemExit) as exc:
        main([*command.split(), "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    usage, description = out.split("\n\n")[:2]
    assert usage.startswith("usage: geo-syria")
    assert not description.startswith(("positional arguments:", "options:"))
    assert "example" in out
    for example in EXAMPLES[command]:
        assert example.splitlines()[0] in out  # kept as written, not re-wrapped
        assert example.startswith(f"geo-syria {command.split()[0]}")


@pytest.mark.parametrize("command", COMMANDS)
def test_help_fits_100_columns(capsys, command, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    with pytest.raises(SystemExit):
        main([*command.split(), "--help"])
    assert max(len(line) for line in capsys.readouterr().out.splitlines()) <= 100


def test_examples_parse():
    """Each example is a valid command line (the parser accepts it)."""
    import shlex

    parser = build_parser()
    for examples in EXAMPLES.values():
        for example in examples:
            words = shlex.split(example.replace("\\\n", " ").split(">")[0])
            assert words[0] == "geo-syria"
            parser.parse_args(words[1:])


def test_parser_is_an_argument_parser():
    assert isinstance(build_parser(), argparse.ArgumentParser)
