"""Running the real `newsarchive` command in subprocesses, for tests that kill, interrupt or
race it: a launcher that slows the parser and shrinks batches (so signals land among many
commits), readers for its output, and checks on the archive it leaves."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

LAUNCHER = """
import sys, time
import newsarchive.parse, newsarchive.pipeline

delay, batch_size = float(sys.argv.pop(1)), int(sys.argv.pop(1))
real_parse = newsarchive.parse.parse

def slow_parse(data, path="-"):
    time.sleep(delay)
    return real_parse(data, path)

newsarchive.parse.parse = slow_parse
real_ingest = newsarchive.pipeline.ingest
newsarchive.pipeline.ingest = lambda *a, **k: real_ingest(*a, **{**k, "batch_size": batch_size})
from newsarchive.cli import cli
cli()
"""


def write_inputs(folder: Path, count: int, prefix: str = "") -> Path:
    """`count` small distinct articles in `folder`, named `<prefix>0000.txt`…"""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        text = f"Headline of {prefix}story {i}\n\n{prefix}Story {i} opens with this paragraph.\n\nIt ends {i * 7}.\n"
        (folder / f"{prefix}{i:04d}.txt").write_text(text)
    return folder


def start_ingest(
    tmp_path: Path, db: Path, *inputs: Path, jobs: int, delay: float = 0.02, batch_size: int = 8
) -> subprocess.Popen[bytes]:
    """Start `newsarchive ingest` in its own session, parsing each input `delay` s slower."""
    launcher = tmp_path / "launch.py"
    launcher.write_text(LAUNCHER)
    command = [sys.executable, str(launcher), str(delay), str(batch_size), "--archive", str(db), "ingest"]
    command += [str(p) for p in inputs] + ["-j", str(jobs)]
    # Unbuffered, so a line read with readline() leaves the rest in the pipe for communicate().
    return subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path, start_new_session=True, bufsize=0
    )


def run_cli(*args: str, cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run `newsarchive ARGS` to completion."""
    return subprocess.run(
        [sys.executable, "-m", "newsarchive", *args], capture_output=True, text=True, cwd=cwd, timeout=timeout
    )


def reported(stdout: bytes) -> list[dict[str, Any]]:
    """The JSON lines printed before the process ended (a torn last line is ignored)."""
    lines = stdout.split(b"\n")
    return [json.loads(line) for line in lines[:-1] if line.strip()]


def session_processes(sid: int) -> list[int]:
    """Live processes of the session `sid` (an ingest and its workers)."""
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
    """Wait for the session's processes to exit; kill and return any still alive after `seconds`."""
    deadline = time.monotonic() + seconds
    while (alive := session_processes(sid)) and time.monotonic() < deadline:
        time.sleep(0.05)
    for pid in alive:  # leave nothing behind, whatever the test concludes
        os.kill(pid, signal.SIGKILL)
    return alive


def check_archive(db: Path) -> set[str]:
    """Assert the file is sound and every record is whole; return the stored ids."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        ids = {i for (i,) in conn.execute("SELECT id FROM articles")}
        raws = {i for (i,) in conn.execute("SELECT id FROM raw_sources")}
        (indexed,) = conn.execute("SELECT count(*) FROM articles_fts").fetchone()
    finally:
        conn.close()
    assert raws == ids
    assert indexed == len(ids)
    return ids
