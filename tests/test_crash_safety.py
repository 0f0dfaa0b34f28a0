"""An ingest killed at any moment costs nothing committed: after SIGKILL the archive passes
`PRAGMA integrity_check`, holds every record the ingest reported as stored before it died
(and each with its raw source and search row), and a re-run completes the job. Ctrl-C stops
after the current batch with a summary and exit 130, keeping what was committed.

The CLI runs in a subprocess through a small launcher (cli_process.py) that slows the parser
a little and shrinks batches, so kills and interrupts land among many commits, not after one.
Each signal is sent once the process shows it has reached the moment the test is about (records
committed, a parse under way, the first Ctrl-C heard), never after a guessed delay."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from .cli_process import (
    PATIENCE,
    check_archive,
    end_session,
    parses_started,
    read_until,
    reported,
    start_ingest,
    wait_for_session_to_end,
    wait_until,
    write_inputs,
)

INPUTS = 300
SLOW_PARSE = 30.0  # seconds each parse takes in test_second_ctrl_c_stops_at_once
SEED = int(os.environ.get("NEWSARCHIVE_KILL_SEED", random.randrange(1 << 30)))


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    return write_inputs(tmp_path / "in", INPUTS)


def start(tmp_path: Path, db: Path, folder: Path, jobs: int, delay: float = 0.02) -> subprocess.Popen[bytes]:
    return start_ingest(tmp_path, db, folder, jobs=jobs, delay=delay)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to find worker processes")
def test_sigkill_at_random_moments_loses_nothing_committed(tmp_path: Path, inputs: Path) -> None:
    db = tmp_path / "archive.db"
    rng = random.Random(SEED)
    seen_stored: set[str] = set()
    counts_after_kills = []
    for attempt in range(5):
        jobs = 1 + attempt % 2
        proc = start(tmp_path, db, inputs, jobs)
        # Once this run has committed a few records (each is reported after its commit), let
        # it go on a random while: the kill lands at a random point of the work, however
        # slowly the process started. A run adds at most ~40 records before its kill, so five
        # runs never finish the 300.
        target = rng.randint(1, 12)
        early = read_until(proc, lambda out, n=target: added(out) >= n, what=f"{target} records added")
        time.sleep(rng.uniform(0.0, 0.2))
        proc.kill()  # the writing process only, as the OOM killer would; workers must follow
        rest, _ = proc.communicate(timeout=PATIENCE)
        stdout = early + rest
        orphans = wait_for_session_to_end(proc.pid)
        context = f"seed {SEED}, kill {attempt + 1}, jobs {jobs}"
        assert orphans == [], f"worker processes outlived the killed ingest ({context})"
        ids = check_archive(db)
        counts_after_kills.append(len(ids))
        stored_now = {o["id"] for o in reported(stdout) if o["status"] in ("added", "updated", "unchanged")}
        seen_stored |= stored_now
        assert seen_stored <= ids, f"reported as stored but missing: {sorted(seen_stored - ids)[:5]} ({context})"
    # Every kill landed mid-job, each after more had been committed.
    assert 0 < counts_after_kills[0] and counts_after_kills[-1] < INPUTS, (SEED, counts_after_kills)
    assert counts_after_kills == sorted(set(counts_after_kills)), (SEED, counts_after_kills)
    # A plain re-run finishes the job.
    proc = start(tmp_path, db, inputs, jobs=2, delay=0)
    stdout, stderr = proc.communicate(timeout=PATIENCE * 2)
    assert proc.returncode == 0, stderr.decode()
    outcomes = reported(stdout)
    assert len(outcomes) == INPUTS
    assert {o["status"] for o in outcomes} <= {"added", "unchanged"}
    ids = check_archive(db)
    assert len(ids) == INPUTS
    assert seen_stored <= ids


def added(stdout: bytes) -> int:
    return sum(o["status"] == "added" for o in reported(stdout))


def check_after_kill(db: Path) -> None:
    """A file killed while being created is sound, and is either a whole archive or has no
    tables yet (its first transaction creates them all at once)."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.close()
    if tables:
        check_archive(db)


def test_sigkill_while_the_archive_is_being_created_leaves_it_usable(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    folder = write_inputs(tmp_path / "in", 20)
    for attempt in range(3):
        db = tmp_path / f"new-{attempt}" / "archive.db"
        db.parent.mkdir()  # ingest makes no folder but the default's data/
        proc = start(tmp_path, db, folder, jobs=1, delay=0)
        wait_until(lambda db=db, proc=proc: db.exists() or proc.poll() is not None, "the archive's file")
        time.sleep(rng.uniform(0.0, 0.3))
        proc.kill()
        proc.communicate(timeout=PATIENCE)
        if db.exists():
            check_after_kill(db)
        again = start(tmp_path, db, folder, jobs=1, delay=0)
        _, stderr = again.communicate(timeout=PATIENCE)
        assert again.returncode == 0, f"seed {SEED}: {stderr.decode()}"
        assert len(check_archive(db)) == 20


@pytest.mark.parametrize("jobs", [1, 2])
def test_ctrl_c_stops_after_the_batch_and_keeps_committed_work(tmp_path: Path, inputs: Path, jobs: int) -> None:
    db = tmp_path / "archive.db"
    proc = start(tmp_path, db, inputs, jobs, delay=0.01)
    first = read_until(proc, lambda out: len(reported(out)) >= 1, what="a first outcome")  # committed
    assert reported(first)[0]["status"] == "added"
    # A terminal's Ctrl-C reaches the whole foreground process group, workers included.
    os.killpg(proc.pid, signal.SIGINT)
    interrupted = time.monotonic()
    rest, stderr = proc.communicate(timeout=PATIENCE)
    took = time.monotonic() - interrupted
    assert proc.returncode == 130
    messages = stderr.decode().splitlines()
    assert "Traceback" not in stderr.decode()
    assert messages[-1].endswith("(interrupted)")
    outcomes = reported(first + rest)
    added = {o["id"] for o in outcomes if o["status"] == "added"}
    assert messages[-1].startswith(f"{len(outcomes)} inputs: {len(added)} added")
    assert check_archive(db) == added  # every committed record was reported, and kept
    assert len(added) < INPUTS
    assert took < 20  # well under a second normally; the bound only catches a hang
    assert wait_for_session_to_end(proc.pid) == []
    # The next run picks up where this one stopped.
    again = start(tmp_path, db, inputs, jobs, delay=0)
    stdout, stderr = again.communicate(timeout=PATIENCE * 2)
    assert again.returncode == 0, stderr.decode()
    assert len(check_archive(db)) == INPUTS


def test_second_ctrl_c_stops_at_once(tmp_path: Path, inputs: Path) -> None:
    db = tmp_path / "archive.db"
    proc = start(tmp_path, db, inputs, jobs=1, delay=SLOW_PARSE)
    try:
        wait_until(lambda: parses_started(tmp_path) > 0, "the first (slow) parse to start")
        os.kill(proc.pid, signal.SIGINT)  # would wait for that parse to finish...
        heard = read_until(proc, lambda err: b"Ctrl-C again" in err, stream="stderr", what="the first Ctrl-C heard")
        os.kill(proc.pid, signal.SIGINT)  # ...but a second Ctrl-C does not
        interrupted = time.monotonic()
        stdout, stderr = proc.communicate(timeout=PATIENCE)
        took = time.monotonic() - interrupted
    finally:
        end_session(proc)
    assert proc.returncode == 130
    assert took < SLOW_PARSE / 2  # under a second normally; the parse it cut short had far longer to go
    assert (heard + stderr).decode().splitlines()[-1].endswith("(interrupted)")
    assert parses_started(tmp_path) == 1
    added = {o["id"] for o in reported(stdout) if o["status"] == "added"}
    assert check_archive(db) == added
