"""A file passed as `--archive` that is not a sound newsarchive archive (not SQLite at all,
another program's SQLite database, a truncated or garbled archive) gets a one-line error
naming it, exit 1, no traceback from any command, and is never written to: its bytes are
the same afterwards and no side files are left next to it."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsarchive.cli import cli
from newsarchive.migrations import MIGRATIONS

from .conftest import invoke, jsonl

PAGE = 4096


def make_archive(runner: CliRunner, path: Path, tmp_path: Path, count: int = 40) -> list[str]:
    """A real archive of `count` records; returns their ids."""
    folder = tmp_path / "seed-inputs"
    folder.mkdir(exist_ok=True)
    for i in range(count):
        (folder / f"{i:03d}.txt").write_text(f"Archived headline {i}\n\nArchived body {i} " + "words " * 200)
    result = invoke(runner, "--archive", str(path), "ingest", str(folder), "-j", "1")
    return [o["id"] for o in jsonl(result.stdout)]


def text_file(path: Path, runner: CliRunner, tmp_path: Path) -> None:
    path.write_text("My shopping list\n- eggs\n- milk\n")


def binary_file(path: Path, runner: CliRunner, tmp_path: Path) -> None:
    path.write_bytes(random.Random(1).randbytes(3 * PAGE))


def magic_prefix(path: Path, runner: CliRunner, tmp_path: Path) -> None:
    path.write_bytes(b"SQLite fo")  # shorter than the header it starts like


def foreign_sqlite(path: Path, runner: CliRunner, tmp_path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
        conn.execute("INSERT INTO contacts VALUES ('Ada', '555-0100')")
    conn.close()


def truncated_archive(path: Path, runner: CliRunner, tmp_path: Path) -> None:
    make_archive(runner, path, tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[: 2 * PAGE])  # the schema page survives; the tables' pages are gone


def garbled_archive(path: Path, runner: CliRunner, tmp_path: Path) -> None:
    make_archive(runner, path, tmp_path)
    data = bytearray(path.read_bytes())
    noise = random.Random(2).randbytes(len(data) - PAGE)
    path.write_bytes(bytes(data[:PAGE]) + noise)  # every page after the schema page is junk


def garbled_archive_due_an_upgrade(path: Path, runner: CliRunner, tmp_path: Path) -> None:
    make_archive(runner, path, tmp_path)
    with sqlite3.connect(path) as conn:  # as if written by an older newsarchive
        conn.execute("DELETE FROM _migrations WHERE name = ?", (MIGRATIONS[-1].__name__,))
    conn.close()
    data = bytearray(path.read_bytes())
    middle = len(data) // 2 // PAGE * PAGE
    data[middle : middle + 2 * PAGE] = random.Random(3).randbytes(2 * PAGE)
    path.write_bytes(bytes(data))


BAD_ARCHIVES: dict[str, Callable[[Path, CliRunner, Path], None]] = {
    "text file": text_file,
    "binary file": binary_file,
    "short file starting like SQLite": magic_prefix,
    "another program's SQLite database": foreign_sqlite,
    "truncated archive": truncated_archive,
    "garbled archive": garbled_archive,
}

COMMANDS = {
    "ingest": ["ingest", "{input}"],
    "show": ["show", "{id}"],
    "list": ["list"],
    "search": ["search", "headline"],
    "export": ["export"],
    "stats": ["stats"],
    "reparse": ["reparse"],
    "rm": ["rm", "{id}"],
}


@pytest.mark.parametrize("command", list(COMMANDS), ids=list(COMMANDS))
@pytest.mark.parametrize("kind", list(BAD_ARCHIVES), ids=list(BAD_ARCHIVES))
def test_bad_archive_is_refused_with_one_line_and_left_untouched(
    runner: CliRunner, tmp_path: Path, kind: str, command: str
) -> None:
    target = tmp_path / "place" / "archive.db"
    target.parent.mkdir()
    BAD_ARCHIVES[kind](target, runner, tmp_path)
    before = target.read_bytes()
    article = tmp_path / "new.txt"
    article.write_text("A new headline\n\nA new body.\n")
    args = [a.format(input=article, id="0123456789abcdef") for a in COMMANDS[command]]
    result = runner.invoke(cli, ["--archive", str(target), *args])
    assert result.exit_code == 1, (result.exit_code, result.stdout, result.stderr)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"Error: {target}: ")
    assert "Traceback" not in result.stderr
    assert target.read_bytes() == before
    assert sorted(p.name for p in target.parent.iterdir()) == ["archive.db"]


def test_damaged_archive_is_not_upgraded(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "archive.db"
    garbled_archive_due_an_upgrade(target, runner, tmp_path)
    before = target.read_bytes()
    result = runner.invoke(cli, ["--archive", str(target), "list"])
    assert result.exit_code == 1
    assert "the archive is damaged" in result.stderr
    assert target.read_bytes() == before


def test_sound_archive_due_an_upgrade_is_upgraded(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "archive.db"
    ids = make_archive(runner, target, tmp_path)
    with sqlite3.connect(target) as conn:
        conn.execute("DELETE FROM _migrations WHERE name = ?", (MIGRATIONS[-1].__name__,))
    conn.close()
    assert len(jsonl(invoke(runner, "--archive", str(target), "list").stdout)) == len(ids)
    with sqlite3.connect(target) as conn:
        assert MIGRATIONS[-1].__name__ in {n for (n,) in conn.execute("SELECT name FROM _migrations")}
    conn.close()


def test_archive_path_that_is_a_folder_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    result = runner.invoke(cli, ["--archive", str(folder), "list"])
    assert result.exit_code == 2
    assert list(folder.iterdir()) == []
