"""Every command's --help shows a usage example; --version prints the version."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from newsarchive import __version__
from newsarchive.cli import cli

from .conftest import invoke

COMMANDS = sorted(cli.commands)


def test_every_spec_command_is_registered() -> None:
    expected = {"ingest", "show", "list", "search", "export", "parse", "reparse", "rm", "stats", "schema"}
    assert expected <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_command_help_has_an_example_block(runner: CliRunner, command: str) -> None:
    out = invoke(runner, command, "--help").stdout
    examples = out.split("Examples:", 1)
    assert len(examples) == 2, f"{command} --help has no Examples: block"
    lines = [line.strip() for line in examples[1].splitlines() if line.strip()]
    assert lines and lines[0].startswith("newsarchive ")


@pytest.mark.parametrize("command", COMMANDS)
def test_example_lines_keep_their_line_breaks(runner: CliRunner, command: str) -> None:
    # The `\b` marker stops click from rewrapping the examples into one paragraph.
    written = (cli.commands[command].help or "").split("Examples:", 1)[1]
    shown = {line.strip() for line in invoke(runner, command, "--help").stdout.splitlines()}
    for example in (line.strip() for line in written.splitlines() if line.strip()):
        assert example in shown


def test_group_help_lists_commands_and_examples(runner: CliRunner) -> None:
    out = invoke(runner, "--help").stdout
    assert "Examples:" in out
    for command in COMMANDS:
        assert command in out


def test_short_help_option(runner: CliRunner) -> None:
    assert "Examples:" in invoke(runner, "list", "-h").stdout


def test_version(runner: CliRunner) -> None:
    assert invoke(runner, "--version").stdout.strip() == f"newsarchive, version {__version__}"
