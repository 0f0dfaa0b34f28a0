"""Every command's --help shows a usage example; --version prints the version."""

from __future__ import annotations

import importlib

import click
import pytest
from click.testing import CliRunner

from newsarchive import __version__
from newsarchive.cli import COMMAND_MODULES, cli

from .conftest import invoke

CONTEXT = click.Context(cli)
COMMANDS = cli.list_commands(CONTEXT)


def test_every_spec_command_is_registered() -> None:
    expected = {"ingest", "show", "list", "search", "export", "parse", "reparse", "rm", "stats", "schema"}
    assert expected <= set(COMMANDS)
    assert all(cli.get_command(CONTEXT, name) is not None for name in COMMANDS)


def test_the_table_of_command_modules_names_each_commands_home() -> None:
    # Commands load lazily from the module the table names; one left out of the table would
    # cost every other command the import of every module.
    for module in set(COMMAND_MODULES.values()):
        importlib.import_module(f"newsarchive.cli.{module}")
    assert set(cli.commands) == set(COMMAND_MODULES)
    for name, command in cli.commands.items():
        assert command.callback is not None
        assert command.callback.__module__ == f"newsarchive.cli.{COMMAND_MODULES[name]}", name


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
    found = cli.get_command(CONTEXT, command)
    assert found is not None
    written = (found.help or "").split("Examples:", 1)[1]
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
