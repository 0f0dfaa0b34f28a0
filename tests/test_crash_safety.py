"""An ingest killed at any moment costs nothing committed: after SIGKILL the archive passes
`PRAGMA integrity_check`, holds every record the ingest reported as stored before it died
(and each with its raw source and search row), and a re-run completes the job. Ctrl-C stops
after the current batch with a summary and exit 130, keeping what was committed.

The CLI runs in a subprocess through a small launcher that slows the parser a little and
shrinks batches, so kills and interrupts land among many commits rather than after one."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

INPUTS = 300
LAUNCHER = """
import sys, time
import newsarchive.parse, newsarchive.pipeline

real_parse = newsarchive.parse.parse
delay = float(sys.argv.pop(1))

def slow_parse(data, path="-"):
    time.sleep(delay)
    return real_parse(data, path)

newsarchive.parse.parse = slow_parse
real_ingest = newsarchive.pipeline.ingest
newsarchive.pipeline.ingest = lambda *a, **k: real_ingest(*a, **{**k, "batch_size": 8})
from newsarchive.cli import cli
cli()
"""
SEED = int(os.environ.get("NEWSARCHIVE_KILL_SEED", random.randrange(1 << 30)))


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(INPUTS):
        text = f"Headline of story {i}\n\nStory {i} opens with this paragraph.\n\nIt ends with {i * 7}.\n"
        (folder / f"{i:04d}.txt").write_text(text)
    return folder


def start(tmp_path: Path, db: Path, folder: Path, jobs: int, delay: float = 0.02) -> subprocess.Popen[bytes]:
    launcher = tmp_path / "launch.py"
    launcher.write_text(LAUNCHER)
    command = [sys.executable, str(launcher), str(delay), "--archive", str(db), "ingest", str(folder), "-j", str(jobs)]
    # Unbuffered, so a line read with readline() leaves the rest in the pipe for communicate().
    return subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path, start_new_session=True, bufsize=0
    )


def reported(stdout: bytes) -> list[dict[str, Any]]:
    """The JSON lines printed before the process ended (a torn last line is ignored)."""
    lines = stdout.split(b"\n")
    return [json.loads(line) for line in lines[:-1] if line.strip()]


def session_processes(sid: int) -> list[int]:
    """Live processes of the session `sid` (the ingest and its workers)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path("/proc", entry, "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if fields[0] != "Z" and int(fields[3]) == sid:
            found.append(int(entry))
    return found


def wait_for_session_to_end(sid: int, seconds: float = 10.0) -> list[int]:
    deadline = time.monotonic() + seconds
    while (alive := session_processes(sid)) and time.monotonic() < deadline:
        time.sleep(0.05)
    for pid in alive:  # leave nothing behind, whatever the test concludes
        os.kill(pid, signal.SIGKILL)
    return alive


def check_archive(db: Path) -> set[str]:
    """Assert the file is sound and every record is whole; return the stored ids."""
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        ids = {i for (i,) in conn.execute("SELECT id FROM articles")}
        raws = {i for (i,) in conn.execute("SELECT id FROM raw_sources")}
        (indexed,) = conn.execute("SELECT count(*) FROM articles_fts").fetchone()
    conn.close()
    assert raws == ids
    assert indexed == len(ids)
    return ids


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to find worker processes")
def test_sigkill_at_random_moments_loses_nothing_committed(tmp_path: Path, inputs: Path) -> None:
    db = tmp_path / "archive.db"
    rng = random.Random(SEED)
    seen_stored: set[str] = set()
    counts_after_kills = []
    for attempt in range(5):
        jobs = 1 + attempt % 2
        proc = start(tmp_path, db, inputs, jobs)
        time.sleep(rng.uniform(0.2, 1.2))
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
