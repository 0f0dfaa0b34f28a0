"""Shared fixtures: every test gets its own archive path under tmp_path, never a real one."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from newsarchive.cli import cli

# Tests write only under their temporary folders: no Spark class-data archive in the user's
# cache (tests that check it give it a folder of their own).
os.environ["NEWSARCHIVE_SPARK_CDS"] = "0"
from newsarchive.serialize import schema
from newsarchive.store import Archive

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_9215014d73318523.txt"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="Rewrite golden JSON files.")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(autouse=True)
def isolated_archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the default archive into tmp_path so no test can touch a real one."""
    path = tmp_path / "default.db"
    monkeypatch.setenv("NEWSARCHIVE_DB", str(path))
    return path


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.db"


@pytest.fixture
def archive(db_path: Path) -> Iterator[Archive]:
    with Archive.open(db_path) as opened:
        yield opened


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def index_matches_content(conn: sqlite3.Connection) -> bool:
    """True when the search index holds exactly the rows of `articles`, no more, no fewer.

    The index is external-content, so reading it returns `articles`' rows whatever it holds;
    FTS5's integrity check with rank 1 compares the index with the content instead.
    """
    try:
        conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
    except sqlite3.DatabaseError:
        return False
    return True


def invoke(runner: CliRunner, *args: str, expect: int = 0, input: bytes | str | None = None) -> Result:
    """Run the CLI and fail with its output when the exit status is not `expect`."""
    result = runner.invoke(cli, list(args), input=input, catch_exceptions=False)
    assert result.exit_code == expect, f"exit {result.exit_code}\nstdout:{result.stdout}\nstderr:{result.stderr}"
    return result


_VALIDATOR: Any = None


def assert_valid_record(record: dict[str, Any]) -> None:
    """Fail unless `record` validates against the shipped JSON Schema."""
    global _VALIDATOR
    if _VALIDATOR is None:
        import jsonschema

        _VALIDATOR = jsonschema.Draft202012Validator(schema())
    errors = sorted(_VALIDATOR.iter_errors(record), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


def jsonl(text: str) -> list[dict[str, Any]]:
    """Parse JSON Lines output."""
    return [json.loads(line) for line in text.splitlines() if line.strip()]
