"""Which archive a command uses, and how: global options after the command name, the default
archive and `~`, folders never invented, read-only archives, closed pipes, and messages."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsarchive.model import Article, Source
from newsarchive.serialize import sha256_hex
from newsarchive.sources import ARTICLE_SUFFIXES
from newsarchive.store import Archive, row_for

from .conftest import invoke, jsonl
from .test_store_query import put

ARTICLE = b"A headline for the archive\n\nA paragraph that any parser can read, about harbours.\n"


@pytest.fixture
def seeded(isolated_archive: Path) -> Iterator[Path]:
    with Archive.open(isolated_archive) as archive:
        put(archive, "Budget day", date="2019-03-25", publisher="BBC News")
        put(archive, "Harbour reopens", date="2020-01-02", publisher="Le Monde")
    yield isolated_archive


def run_cli(*args: str, cwd: Path, env: dict[str, str] | None = None, unprivileged: bool = False,
            input: bytes | None = None) -> subprocess.CompletedProcess[bytes]:  # fmt: skip
    """The CLI in a fresh process. `unprivileged`: file permissions apply even when the tests
    run as root (root without CAP_DAC_OVERRIDE is held to a file's mode bits like anyone)."""
    command = [sys.executable, "-m", "newsarchive", *args]
    if unprivileged and os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        assert setpriv, "running these tests as root needs util-linux's setpriv"
        command = [setpriv, "--bounding-set=-dac_override,-dac_read_search", *command]
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(command, cwd=cwd, env=full_env, capture_output=True, timeout=120, input=input)


# -- 10: global options after the command name -----------------------------------------------


@pytest.mark.parametrize(
    ("command", "shows"),
    [(["list"], "Budget day"), (["search", "budget"], "Budget day"), (["export"], "Budget day"),
     (["stats", "--format", "json"], '"records": 1')],
)  # fmt: skip
def test_archive_option_works_after_the_command_name(
    runner: CliRunner, tmp_path: Path, command: list[str], shows: str
) -> None:
    db = tmp_path / "elsewhere.db"
    with Archive.open(db) as archive:
        put(archive, "Budget day", date="2019-03-25")
    result = invoke(runner, *command, "--archive", str(db))
    assert shows in result.stdout


def test_archive_option_after_the_command_wins_over_the_environment(runner: CliRunner, seeded: Path,
                                                                    tmp_path: Path) -> None:  # fmt: skip
    other = tmp_path / "other.db"
    with Archive.open(other) as archive:
        put(archive, "Only in the other archive")
    assert [r["headline"] for r in jsonl(invoke(runner, "list", "--archive", str(other)).stdout)] == [
        "Only in the other archive"
    ]


def test_ingest_takes_the_archive_option_after_its_inputs(runner: CliRunner, tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_bytes(ARTICLE)
    db = tmp_path / "after.db"
    invoke(runner, "ingest", str(story), "--archive", str(db))
    with Archive.open(db) as archive:
        assert archive.count() == 1


# -- 5: the default archive ------------------------------------------------------------------


def test_a_tilde_in_the_archive_path_means_the_home_folder(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (tmp_path / "story.txt").write_bytes(ARTICLE)
    env = {"HOME": str(home), "NEWSARCHIVE_DB": "~/news.db"}
    done = run_cli("ingest", "story.txt", cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    assert (home / "news.db").is_file()
    assert not (tmp_path / "~").exists()
    listed = run_cli("list", "--archive", "~/news.db", cwd=tmp_path, env={"HOME": str(home)})
    assert b"A headline for the archive" in listed.stdout


def test_ingest_never_creates_missing_folders_for_an_archive(runner: CliRunner, tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_bytes(ARTICLE)
    db = tmp_path / "no" / "such" / "dir" / "x.db"
    result = invoke(runner, "--archive", str(db), "ingest", str(story), expect=1)
    assert "does not exist" in result.stderr
    assert not (tmp_path / "no").exists()


def test_the_default_archive_gets_its_data_folder_and_says_it_is_new(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_bytes(ARTICLE)
    env = {k: v for k, v in os.environ.items() if k != "NEWSARCHIVE_DB"}
    done = subprocess.run([sys.executable, "-m", "newsarchive", "ingest", "story.txt"], cwd=tmp_path, env=env,
                          capture_output=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "data" / "newsarchive.db").is_file()
    assert "new archive: data/newsarchive.db" in done.stderr.decode()


@pytest.mark.parametrize("command", [["list"], ["search", "harbour"], ["export"], ["stats"]])
def test_reading_a_missing_archive_names_it_on_stderr(runner: CliRunner, tmp_path: Path, command: list[str]) -> None:
    db = tmp_path / "missing.db"
    result = invoke(runner, "--archive", str(db), *command)
    assert f"no archive at {db}" in result.stderr
    assert not db.exists()


def test_reading_an_empty_archive_says_it_holds_no_records(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    Archive.open(db).close()
    result = invoke(runner, "--archive", str(db), "list")
    assert f"the archive {db} holds no records" in result.stderr


def test_reading_an_archive_with_records_prints_no_note(runner: CliRunner, seeded: Path) -> None:
    assert invoke(runner, "list").stderr == ""


# -- 6: read-only archives -------------------------------------------------------------------


@pytest.fixture
def read_only_archive(tmp_path: Path) -> Iterator[Path]:
    """An archive with records, then its file and folder made read-only."""
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "archive.db"
    with Archive.open(db) as archive:
        put(archive, "Harbour reopens", date="2020-01-02", publisher="Le Monde")
        put(archive, "Budget day", date="2019-03-25", publisher="BBC News")
    db.chmod(0o444)
    folder.chmod(0o555)
    yield db
    folder.chmod(0o755)
    db.chmod(0o644)


def test_ingest_into_a_read_only_archive_is_one_error_up_front(read_only_archive: Path, tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    for n in range(30):
        (inputs / f"{n}.txt").write_bytes(ARTICLE + f"Edition {n}.\n".encode())
    done = run_cli("--archive", str(read_only_archive), "ingest", str(inputs), cwd=tmp_path, unprivileged=True)
    assert done.returncode == 1, done.stderr
    lines = done.stderr.decode().splitlines()
    assert len(lines) == 1 and "read-only" in lines[0], lines
    assert done.stdout == b""


@pytest.mark.parametrize("command", [["reparse"], ["rm", "{id}"]])
def test_writing_commands_on_a_read_only_archive_fail_once(read_only_archive: Path, tmp_path: Path,
                                                           command: list[str]) -> None:  # fmt: skip
    with Archive.open(read_only_archive) as archive:
        some_id = next(iter(archive.known_ids()))
    args = [part.replace("{id}", some_id) for part in command]
    done = run_cli("--archive", str(read_only_archive), *args, cwd=tmp_path, unprivileged=True)
    assert done.returncode == 1, done.stderr
    assert "read-only" in done.stderr.decode()
    assert len(done.stderr.decode().splitlines()) <= 2


@pytest.mark.parametrize("command", [["list"], ["search", "harbour"], ["show", "--archive", "{db}", "{id}"],
                                     ["stats", "--format", "json"], ["export"]])  # fmt: skip
def test_an_archive_in_a_read_only_folder_can_be_read_and_gains_no_side_files(
    read_only_archive: Path, tmp_path: Path, command: list[str]
) -> None:
    with Archive.open(read_only_archive) as archive:
        some_id = next(iter(archive.known_ids()))
    args = [part.replace("{db}", str(read_only_archive)).replace("{id}", some_id) for part in command]
    done = run_cli("--archive", str(read_only_archive), *args, cwd=tmp_path, unprivileged=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip()
    assert sorted(p.name for p in read_only_archive.parent.iterdir()) == ["archive.db"]


def test_a_read_only_file_in_a_writable_folder_is_read_without_side_files(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    with Archive.open(db) as archive:
        put(archive, "Harbour reopens")
    db.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    try:
        done = run_cli("--archive", str(db), "list", cwd=tmp_path, unprivileged=True)
        assert done.returncode == 0, done.stderr
        assert b"Harbour reopens" in done.stdout
        assert not any(p.name.startswith("archive.db-") for p in tmp_path.iterdir())
    finally:
        db.chmod(0o644)


# -- 11: closed pipes ------------------------------------------------------------------------


@pytest.fixture
def big_archive(tmp_path: Path) -> Path:
    """Enough records that `list` writes far more than a pipe buffer holds."""
    db = tmp_path / "big.db"
    with Archive.open(db) as archive, archive.transaction():
        for n in range(600):
            put(archive, f"Headline number {n}", body="word " * 100, date=f"2020-01-{n % 28 + 1:02d}")
    return db


@pytest.mark.parametrize("command", ["list", "export", "search word", "list --format csv"])
def test_a_closed_pipe_is_exit_0_under_pipefail(big_archive: Path, command: str) -> None:
    bash = shutil.which("bash")
    assert bash
    script = f"set -o pipefail; '{sys.executable}' -m newsarchive {command} | head -1"
    done = subprocess.run([bash, "-c", script], capture_output=True, timeout=120,
                          env={**os.environ, "NEWSARCHIVE_DB": str(big_archive)})  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    assert len(done.stdout.splitlines()) == 1


# -- 14: messages ----------------------------------------------------------------------------


def test_an_ambiguous_prefix_lists_the_candidates(runner: CliRunner, isolated_archive: Path) -> None:
    with Archive.open(isolated_archive) as archive:
        for n, headline in enumerate(["Budget day", "Harbour reopens", "Élection municipale"]):
            data = f"{headline} {n}".encode()
            article = Article(
                id=f"abcdef{n:010x}",
                source=Source(path=f"{n}.txt", sha256=sha256_hex(data), format="text", encoding="utf-8",
                              bytes=len(data)),  # fmt: skip
                headline=headline,
            )
            archive.put(row_for(article, data))
    result = invoke(runner, "show", "abcdef", expect=1)
    for n, headline in enumerate(["Budget day", "Harbour reopens", "Élection municipale"]):
        assert f"abcdef{n:010x} {headline}" in result.stderr
    assert "give more characters" in result.stderr


@pytest.mark.parametrize("value", ["19", "3", "next week", "12:30"])
def test_a_date_without_a_year_is_refused(runner: CliRunner, seeded: Path, value: str) -> None:
    result = invoke(runner, "list", "--since", value, expect=2)
    assert "not a date I can read" in result.stderr


@pytest.mark.parametrize("value", ["2019", "March 2019", "25 March 2019", "2019-03-25", "25/03/2019"])
def test_dates_with_a_year_are_read(runner: CliRunner, seeded: Path, value: str) -> None:
    invoke(runner, "list", "--since", value)


def test_the_command_list_gives_each_first_sentence_whole(runner: CliRunner) -> None:
    result = invoke(runner, "--help")
    commands = result.stdout.split("Commands:")[1]
    assert "..." not in commands
    flat = " ".join(result.stdout.split())
    assert "Write every record (or those the filters keep), newest first, as JSON or Parquet." in flat


def test_ingest_help_names_every_extension_the_walk_takes(runner: CliRunner) -> None:
    flat = " ".join(invoke(runner, "ingest", "--help").stdout.split())
    for suffix in ARTICLE_SUFFIXES:
        assert suffix in flat, suffix
