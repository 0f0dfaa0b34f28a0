"""Startup cost: loading the command line must not load the heavy parsing libraries.

`show`, `list`, `search` and friends never parse, so lxml, bs4 and dateutil are imported
only on the code paths that need them. Each check runs in a fresh interpreter, because the
test process itself has imported everything by the time it runs.
"""

from __future__ import annotations

import json
import subprocess
import sys

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
