"""Running the real `newsarchive` command in subprocesses, for tests that kill, interrupt or
race it: a launcher that slows the parser and shrinks batches (so signals land among many
commits), readers for its output, and checks on the archive it leaves.

Tests built on these never assume how fast a process starts or works (the machine may be
busy with other work): before they act, they wait, with a generous deadline, for something
the process shows (outcome lines on stdout, a message on stderr, a parse starting)."""

from __future__ import annotations

import json
import os
import select
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from .conftest import index_matches_content

# How long a test waits for a subprocess to show progress before it gives up. Far above
# what any step takes on a loaded machine: reaching it means the process is stuck.
PATIENCE = 60.0

# The launcher appends each input's path to this file (in its working folder) as that
# input's parse starts, so a test can tell that the process is inside a parse.
PARSE_LOG = "parses.log"

LAUNCHER = """
import os, time
import newsarchive.parse, newsarchive.pipeline

# Read from the environment, not argv, and patched at import: a worker that a forkserver starts
# imports this file again (as __mp_main__), and gets the same slow parser and batch size.
delay, batch_size = float(os.environ["NEWSARCHIVE_TEST_DELAY"]), int(os.environ["NEWSARCHIVE_TEST_BATCH"])
real_parse = newsarchive.parse.parse

def slow_parse(data, path="-"):
    with open(PARSE_LOG, "a") as log:
        log.write(path + "\\n")
    time.sleep(delay)
    return real_parse(data, path)

newsarchive.parse.parse = slow_parse
real_ingest = newsarchive.pipeline.ingest
newsarchive.pipeline.ingest = lambda *a, **k: real_ingest(*a, **{**k, "batch_size": batch_size})

if __name__ == "__main__":  # not when a forkserver imports it to start a worker
    from newsarchive.cli import cli
    cli()
""".replace("PARSE_LOG", repr(PARSE_LOG))


def write_inputs(folder: Path, count: int, prefix: str = "") -> Path:
    """`count` small distinct articles in `folder`, named `<prefix>0000.txt`…"""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        text = f"Headline of {prefix}story {i}\n\n{prefix}Story {i} opens with this paragraph.\n\nIt ends {i * 7}.\n"
        (folder / f"{prefix}{i:04d}.txt").write_text(text)
    return folder


def start_ingest(
    tmp_path: Path,
    db: Path,
    *inputs: Path,
    jobs: int,
    delay: float = 0.02,
    batch_size: int = 8,
    stdout: int | IO[Any] = subprocess.PIPE,
) -> subprocess.Popen[bytes]:
    """Start `newsarchive ingest` in its own session, parsing each input `delay` s slower.

    It runs in `tmp_path`, so its parse log is `tmp_path / PARSE_LOG`.
    """
    launcher = tmp_path / "launch.py"
    launcher.write_text(LAUNCHER)
    command = [sys.executable, str(launcher), "--archive", str(db), "ingest"]
    command += [str(p) for p in inputs] + ["-j", str(jobs)]
    # Unbuffered, so what read_until() has not consumed stays in the pipe for communicate().
    return subprocess.Popen(
        command,
        stdout=stdout,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
        start_new_session=True,
        bufsize=0,
        env={**os.environ, "NEWSARCHIVE_TEST_DELAY": str(delay), "NEWSARCHIVE_TEST_BATCH": str(batch_size)},
    )


def run_cli(*args: str, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run `newsarchive ARGS` to completion."""
    return subprocess.run(
        [sys.executable, "-m", "newsarchive", *args], capture_output=True, text=True, cwd=cwd, timeout=timeout
    )


def reported(stdout: bytes) -> list[dict[str, Any]]:
    """The JSON lines printed before the process ended (a torn last line is ignored)."""
    lines = stdout.split(b"\n")
    return [json.loads(line) for line in lines[:-1] if line.strip()]


def read_until(
    proc: subprocess.Popen[bytes],
    done: Callable[[bytes], bool],
    *,
    stream: str = "stdout",
    what: str = "",
    seconds: float = PATIENCE,
) -> bytes:
    """Read `proc`'s stdout (or stderr) until `done(everything read)`; return what was read.

    Fails if the process closes the stream first, or after `seconds` (it is stuck). What is
    read here is gone from the pipe: pass it on to whatever reads the rest.
    """
    pipe = proc.stdout if stream == "stdout" else proc.stderr
    assert pipe is not None
    data = b""
    deadline = time.monotonic() + seconds
    while not done(data):
        left = deadline - time.monotonic()
        assert left > 0, f"gave up after {seconds:g} s waiting for {what or 'output'}; {stream} so far: {data!r}"
        ready, _, _ = select.select([pipe.fileno()], [], [], left)
        if ready:
            chunk = os.read(pipe.fileno(), 1 << 16)
            assert chunk, f"{stream} closed before {what or 'the expected output'}; {stream}: {data!r}"
            data += chunk
    return data


def wait_until(condition: Callable[[], bool], what: str, seconds: float = PATIENCE) -> None:
    """Poll `condition` until it holds; fail after `seconds`."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"gave up after {seconds:g} s waiting for {what}"
        time.sleep(0.01)


def parses_started(tmp_path: Path) -> int:
    """How many parses the launcher has started in `tmp_path` (all its runs together)."""
    try:
        return (tmp_path / PARSE_LOG).read_text().count("\n")
    except FileNotFoundError:
        return 0


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


def wait_for_session_to_end(sid: int, seconds: float = PATIENCE) -> list[int]:
    """Wait for the session's processes to exit; kill and return any still alive after `seconds`."""
    deadline = time.monotonic() + seconds
    while (alive := session_processes(sid)) and time.monotonic() < deadline:
        time.sleep(0.05)
    for pid in alive:  # leave nothing behind, whatever the test concludes
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    return alive


def end_session(proc: subprocess.Popen[bytes]) -> None:
    """Kill an ingest started by `start_ingest` and its workers, if any are left (clean-up)."""
    if proc.poll() is None:
        proc.kill()
    proc.communicate()
    wait_for_session_to_end(proc.pid, seconds=0)


def check_archive(db: Path) -> set[str]:
    """Assert the file is sound and every record is whole; return the stored ids."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        ids = {i for (i,) in conn.execute("SELECT id FROM articles")}
        raws = {i for (i,) in conn.execute("SELECT id FROM raw_sources")}
        (indexed,) = conn.execute("SELECT count(*) FROM articles_fts_docsize").fetchone()
        assert index_matches_content(conn)
    finally:
        conn.close()
    assert raws == ids
    assert indexed == len(ids)
    return ids


def run_on_terminal(args: list[str], env: dict[str, str], *, stderr_on_terminal: bool = True) -> tuple[int, str, str]:
    """Run the CLI with stdout on a pseudo-terminal (stderr too, unless `stderr_on_terminal`
    is False): `(exit status, what the terminal shows, stderr when it was piped)`.

    A thread drains the terminal while the command runs, so a long output never blocks it.
    """
    leader, follower = os.openpty()
    chunks: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO once the terminal has no writer left
                return
            if not chunk:
                return
            chunks.append(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        done = subprocess.run([sys.executable, "-m", "newsarchive", *args], stdout=follower,
                              stderr=follower if stderr_on_terminal else subprocess.PIPE,
                              env={**os.environ, **env}, timeout=120, check=False)  # fmt: skip
    finally:
        os.close(follower)
        reader.join(10)
        os.close(leader)
    stderr = "" if stderr_on_terminal else done.stderr.decode("utf-8", "replace")
    return done.returncode, b"".join(chunks).decode("utf-8", "replace"), stderr
