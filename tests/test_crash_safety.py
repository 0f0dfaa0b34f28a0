"""An ingest killed at any moment costs nothing committed: after SIGKILL the archive passes
`PRAGMA integrity_check`, holds every record the ingest reported as stored before it died
(and each with its raw source and search row), and a re-run completes the job. Ctrl-C stops
after the current batch with a summary and exit 130, keeping what was committed.

The CLI runs in a subprocess through a small launcher (cli_process.py) that slows the parser
a little and shrinks batches, so kills and interrupts land among many commits, not after one."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest

from .cli_process import check_archive, reported, start_ingest, wait_for_session_to_end, write_inputs

INPUTS = 300
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
        wait_for_file(db)  # startup time varies with load; the kill should land in the work
        time.sleep(rng.uniform(0.0, 1.0))
        proc.kill()  # the writing process only, as the OOM killer would; workers must follow
        stdout, _ = proc.communicate()
        orphans = wait_for_session_to_end(proc.pid)
        context = f"seed {SEED}, kill {attempt + 1}, jobs {jobs}"
        assert orphans == [], f"worker processes outlived the killed ingest ({context})"
        if not db.exists():
            continue  # killed before the archive was created
        ids = check_archive(db)
        counts_after_kills.append(len(ids))
        stored_now = {o["id"] for o in reported(stdout) if o["status"] in ("added", "updated", "unchanged")}
        seen_stored |= stored_now
        assert seen_stored <= ids, f"reported as stored but missing: {sorted(seen_stored - ids)[:5]} ({context})"
    # The kills must have landed mid-job for this test to mean anything.
    assert sum(0 < n < INPUTS for n in counts_after_kills) >= 3, counts_after_kills
    # A plain re-run finishes the job.
    proc = start(tmp_path, db, inputs, jobs=2, delay=0)
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 0, stderr.decode()
    outcomes = reported(stdout)
    assert len(outcomes) == INPUTS
    assert {o["status"] for o in outcomes} <= {"added", "unchanged"}
    ids = check_archive(db)
    assert len(ids) == INPUTS
    assert seen_stored <= ids


def wait_for_file(path: Path, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.01)


def test_sigkill_while_the_archive_is_being_created_leaves_it_usable(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    folder = write_inputs(tmp_path / "in", 20)
    for attempt in range(3):
        db = tmp_path / f"new-{attempt}" / "archive.db"
        proc = start(tmp_path, db, folder, jobs=1, delay=0)
        wait_for_file(db.parent)
        time.sleep(rng.uniform(0.0, 0.3))
        proc.kill()
        proc.communicate()
        if db.exists():
            check_archive(db)
        again = start(tmp_path, db, folder, jobs=1, delay=0)
        _, stderr = again.communicate(timeout=60)
        assert again.returncode == 0, f"seed {SEED}: {stderr.decode()}"
        assert len(check_archive(db)) == 20


@pytest.mark.parametrize("jobs", [1, 2])
def test_ctrl_c_stops_after_the_batch_and_keeps_committed_work(tmp_path: Path, inputs: Path, jobs: int) -> None:
    db = tmp_path / "archive.db"
    proc = start(tmp_path, db, inputs, jobs, delay=0.01)
    assert proc.stdout is not None
    first = proc.stdout.readline()  # something is committed
    assert json.loads(first)["status"] == "added"
    # A terminal's Ctrl-C reaches the whole foreground process group, workers included.
    os.killpg(proc.pid, signal.SIGINT)
    interrupted = time.monotonic()
    rest, stderr = proc.communicate(timeout=60)
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
    assert took < 10
    assert wait_for_session_to_end(proc.pid) == []
    # The next run picks up where this one stopped.
    again = start(tmp_path, db, inputs, jobs, delay=0)
    stdout, stderr = again.communicate(timeout=120)
    assert again.returncode == 0, stderr.decode()
    assert len(check_archive(db)) == INPUTS


def test_second_ctrl_c_stops_at_once(tmp_path: Path, inputs: Path) -> None:
    db = tmp_path / "archive.db"
    proc = start(tmp_path, db, inputs, jobs=1, delay=5.0)
    deadline = time.monotonic() + 30
    while not db.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # now inside the first (slow) parse
    os.kill(proc.pid, signal.SIGINT)  # would wait for that parse to finish...
    time.sleep(0.2)
    os.kill(proc.pid, signal.SIGINT)  # ...but a second Ctrl-C does not
    interrupted = time.monotonic()
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert time.monotonic() - interrupted < 3
    assert stderr.decode().splitlines()[-1].endswith("(interrupted)")
    added = {o["id"] for o in reported(stdout) if o["status"] == "added"}
    assert check_archive(db) == added
