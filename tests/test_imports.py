"""Startup cost: loading the command line must not load the heavy parsing libraries.

`show`, `list`, `search` and friends never parse, so lxml, bs4 and dateutil are imported
only on the code paths that need them. Each check runs in a fresh interpreter, because the
test process itself has imported everything by the time it runs.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("lxml", "bs4", "dateutil")


def _modules_after(statement: str) -> set[str]:
    """Top-level package names in sys.modules after running `statement` in a clean interpreter."""
    report = "import json, sys\nprint(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    code = f"{statement}\n{report}"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(json.loads(done.stdout.splitlines()[-1]))


@pytest.mark.parametrize(
    "statement",
    [
        "import newsarchive.cli",
        "import newsarchive",
        "import newsarchive.store",
        "from newsarchive.cli import cli",
    ],
    ids=["cli", "package", "store", "cli-group"],
)
def test_importing_does_not_load_heavy_parsing_libraries(statement: str) -> None:
    loaded = _modules_after(statement)
    assert not loaded & set(HEAVY), f"{statement!r} imported {sorted(loaded & set(HEAVY))}"


def test_every_registered_command_loads_without_heavy_parsing_libraries() -> None:
    # Building each command's help touches every option type and callback at import time.
    statement = (
        "from newsarchive.cli import cli\n"
        "import click\n"
        "ctx = click.Context(cli)\n"
        "for name in cli.list_commands(ctx):\n"
        "    cli.get_command(ctx, name).get_help(click.Context(cli.get_command(ctx, name)))"
    )
    loaded = _modules_after(statement)
    assert not loaded & set(HEAVY), f"command modules imported {sorted(loaded & set(HEAVY))}"


def test_the_check_itself_sees_a_heavy_import() -> None:
    # Guards the helper: if it stopped seeing imports, the tests above would pass vacuously.
    assert "dateutil" in _modules_after("import dateutil.parser")


def _modules_running(tmp_archive: str, *args: str) -> set[str]:
    """Every module in sys.modules after the CLI ran `args` in a clean interpreter."""
    code = (
        "import json, sys\n"
        "from newsarchive.cli import cli\n"
        f"sys.argv = ['newsarchive', '--archive', {tmp_archive!r}, *{list(args)!r}]\n"
        "try:\n    cli()\nexcept SystemExit:\n    pass\n"
        "print('\\n' + json.dumps(sorted(sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(json.loads(done.stdout.splitlines()[-1]))


# What the reading commands people run one at a time never need: logging, the parsers'
# record classes and serialiser, the input walker, other commands' modules, CSV and gzip.
NOT_AT_START_UP = (
    "logging", "csv", "gzip", "tempfile", "newsarchive.model", "newsarchive.serialize", "newsarchive.sources",
    "newsarchive.cli.core", "newsarchive.cli.bulk", "newsarchive.pipeline",
)  # fmt: skip


@pytest.mark.parametrize(
    "args",
    [["show", "{id}"], ["list", "--limit", "20"], ["search", "harbour", "--limit", "20"]],
    ids=["show", "list", "search"],
)
def test_reading_commands_start_without_what_they_do_not_use(tmp_path: Path, args: list[str]) -> None:
    from newsarchive.store import Archive

    from .test_store_query import put

    db = tmp_path / "archive.db"
    with Archive.open(db) as archive:
        some_id = put(archive, "Harbour reopens", body="Boats are back in the harbour.")
    loaded = _modules_running(str(db), *(a.replace("{id}", some_id) for a in args))
    assert "newsarchive.store" in loaded  # the command did run
    assert not loaded & set(NOT_AT_START_UP), sorted(loaded & set(NOT_AT_START_UP))
