"""Two ingests into one archive at once both succeed, even when the archive does not exist
yet (they race to create it) and when they ingest the same files (each record is stored
once); a writer holding the lock makes an ingest wait, not fail; readers (`show`, `list`,
`search`, `stats`, plain sqlite3) work while an ingest is writing.

Nothing here assumes how fast a process runs: the lock is released once the waiting ingest
has shown it reached its commit, and readers start once the writer has shown a commit."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsarchive.cli import cli

from .cli_process import (
    PATIENCE,
    check_archive,
    end_session,
    parses_started,
    reported,
    run_cli,
    start_ingest,
    wait_until,
    write_inputs,
)
from .conftest import invoke

LOCK_HELD = 1.0  # seconds the lock stays held once the ingest waits for it (it would wait a minute)


@pytest.mark.parametrize("round_", range(3))
def test_two_first_ingests_race_to_create_the_archive_and_both_succeed(tmp_path: Path, round_: int) -> None:
    db = tmp_path / "new" / "archive.db"  # the file does not exist yet
    db.parent.mkdir()
    mine = write_inputs(tmp_path / "a", 60, prefix="a")
    theirs = write_inputs(tmp_path / "b", 60, prefix="b")
    first = start_ingest(tmp_path, db, mine, jobs=2, delay=0.002)
    second = start_ingest(tmp_path, db, theirs, jobs=2, delay=0.002)
    for proc in (first, second):
        _, stderr = proc.communicate(timeout=PATIENCE * 2)
        assert proc.returncode == 0, stderr.decode()
    assert len(check_archive(db)) == 120
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        migrations = [name for (name,) in conn.execute("SELECT name FROM _migrations")]
    conn.close()
    assert len(migrations) == len(set(migrations))  # each migration applied once


def test_two_ingests_of_the_same_files_store_each_record_once(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    shared = write_inputs(tmp_path / "shared", 150)
    procs = [start_ingest(tmp_path, db, shared, jobs=jobs, delay=0.003) for jobs in (1, 2)]
    added: list[str] = []
    for proc in procs:
        stdout, stderr = proc.communicate(timeout=PATIENCE * 2)
        assert proc.returncode == 0, stderr.decode()
        outcomes = reported(stdout)
        assert len(outcomes) == 150
        assert {o["status"] for o in outcomes} <= {"added", "unchanged"}
        added += [o["id"] for o in outcomes if o["status"] == "added"]
    assert len(added) == len(set(added)) == 150  # between them, each added exactly once
    assert check_archive(db) == set(added)


def test_ingest_waits_for_another_writer_instead_of_failing(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    assert run_cli("--archive", str(db), "ingest", str(write_inputs(tmp_path / "a", 5)), cwd=tmp_path).returncode == 0
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # the write lock, held by "another program"
    try:
        proc = start_ingest(tmp_path, db, write_inputs(tmp_path / "b", 5, "b"), jobs=1, delay=0)
        try:
            # All five parsed: the ingest is at its commit, waiting for the lock. It must still
            # be waiting a while later, having printed nothing (nothing is stored yet)…
            wait_until(lambda: parses_started(tmp_path) == 5, "the ingest to parse its inputs")
            time.sleep(LOCK_HELD)
            assert proc.poll() is None, proc.communicate()[1].decode()
        except BaseException:
            end_session(proc)
            raise
    finally:
        holder.execute("COMMIT")
        holder.close()
    stdout, stderr = proc.communicate(timeout=PATIENCE)
    assert proc.returncode == 0, stderr.decode()
    assert [o["status"] for o in reported(stdout)] == ["added"] * 5  # …and once it is free, stores everything
    assert len(check_archive(db)) == 10


def test_readers_work_while_an_ingest_is_writing(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    # At least 50 s of work (the parse delay alone): the readers finish long before. The
    # outcomes go to a file, so the writer never stalls on a pipe nobody reads.
    folder = write_inputs(tmp_path / "in", 1000)
    log = tmp_path / "outcomes.jsonl"
    with open(log, "wb") as out:
        writer = start_ingest(tmp_path, db, folder, jobs=1, delay=0.05, batch_size=4, stdout=out)
    try:

        def committed() -> int:
            return len(reported(log.read_bytes()))

        wait_until(lambda: committed() > 0, "a first commit")
        first = reported(log.read_bytes())[0]  # committed: readable from now on
        counts = []
        for _ in range(3):
            # Each round starts after a new commit, so the readers meet a writer at work.
            done = committed()
            wait_until(lambda done=done: committed() > done, "another commit")
            for args in (
                ("show", first["id"]),
                ("list", "--limit", "3"),
                ("search", "opens", "--limit", "3"),
                ("stats",),
            ):
                started = time.monotonic()
                result = run_cli("--archive", str(db), *args, cwd=tmp_path)
                assert result.returncode == 0, (args, result.stderr)
                assert result.stdout.strip()
                # Under a second normally (start-up included); only a reader stuck behind the
                # writer's lock, which it would wait up to a minute for, could come close.
                assert time.monotonic() - started < 30, args
            with sqlite3.connect(db, timeout=0.1) as conn:  # readers never wait for the writer
                counts.append(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
            conn.close()
        assert writer.poll() is None, "the ingest finished before the readers were done; slow it down"
        assert counts == sorted(counts) and counts[-1] > counts[0]  # the writer kept committing
    finally:
        end_session(writer)
    check_archive(db)


def test_archive_locked_past_the_busy_timeout_is_a_clear_error(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsarchive.store

    db = tmp_path / "archive.db"
    invoke(runner, "--archive", str(db), "ingest", str(write_inputs(tmp_path / "a", 3)), "-j", "1")
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")  # shuts every other connection out
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("DELETE FROM _migrations WHERE 0")
    monkeypatch.setattr(newsarchive.store, "BUSY_TIMEOUT_MS", 200)  # not a minute, for the test
    try:
        for args in (["list"], ["ingest", str(write_inputs(tmp_path / "b", 2, "b"))]):
            result = runner.invoke(cli, ["--archive", str(db), *args])
            assert result.exit_code == 1, (args, result.output)
            assert result.stderr.splitlines() == [
                f"Error: {db}: the archive is busy (another process kept it locked); try again"
            ]
    finally:
        holder.execute("ROLLBACK")
        holder.close()
