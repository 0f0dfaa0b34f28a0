"""Shared helpers for the performance benchmarks (floor.py, ingest_scale.py, latency.py).

- the corpus: `../shared/corpus` beside the project, never copied into it; scripts call
  `corpus_dir()` and exit 0 with a message when it is absent;
- `write_editions`: a synthetic archive of N text articles made from bbc-text, each source
  file repeated in several editions that differ only in their last line (so every edition
  has its own bytes, hence its own id), written to a temporary directory outside the repo;
- `run_measured`: wall time and peak memory of a command and all its child processes;
- `machine`: one line describing where the figures came from.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from scoring import CORPUS

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
SAMPLE_SECONDS = 0.05  # /proc sampling period for peak memory: workers live far longer, and
# sampling more often would take CPU from the run it measures


_corpus = CORPUS  # set from --corpus by use_corpus()


def add_corpus_option(parser: argparse.ArgumentParser) -> None:
    """The `--corpus DIR` option every corpus-reading benchmark takes."""
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="corpus folder (default ../shared/corpus)")


def use_corpus(path: Path) -> None:
    """Read the corpus from `path` (the value of `--corpus`)."""
    global _corpus
    _corpus = path


def corpus_dir(name: str) -> Path:
    """`<corpus>/<name>`, or print why not and exit 0 when it is absent."""
    path = _corpus / name
    if not path.is_dir():
        print(f"corpus not found at {path}: nothing to measure (give --corpus DIR, default ../shared/corpus)")
        raise SystemExit(0)
    return path


def bbc_files() -> list[Path]:
    """The bbc-text articles, in a fixed order."""
    top = corpus_dir("bbc-text")
    return sorted(p for p in top.rglob("*.txt") if p.name != "README.TXT")


def write_editions(dest: Path, count: int) -> list[Path]:
    """Write `count` text articles under `dest`: bbc-text files in editions 1, 2, 3…

    Edition k of a file is the file with one last line naming the edition, so its bytes
    (and id) differ from every other edition's while the parser sees the same article.
    Files go into one folder per edition, as a newsroom export might lay them out. The
    dataset holds a few byte-identical files; only the first of each is used, so every
    written file is a distinct record.
    """
    unique: dict[bytes, tuple[str, str]] = {}
    for p in bbc_files():
        unique.setdefault(p.read_bytes().rstrip(), (p.parent.name, p.stem))
    sources = [(category, stem, body) for body, (category, stem) in unique.items()]
    written: list[Path] = []
    for i in range(count):
        category, stem, body = sources[i % len(sources)]
        edition = i // len(sources) + 1
        folder = dest / f"edition-{edition:03d}"
        if i % len(sources) == 0:
            folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{category}-{stem}.txt"
        path.write_bytes(body + f"\n\nArchive edition {edition}.\n".encode())
        written.append(path)
    return written


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def cli_command(*args: str) -> list[str]:
    """The installed `newsarchive` command with `args`."""
    exe = VENV_BIN / "newsarchive"
    return [str(exe) if exe.exists() else sys.executable, *([] if exe.exists() else ["-m", "newsarchive"]), *args]


@dataclass(frozen=True)
class Measured:
    """One command's run: wall seconds, peak memory, CPU time, exit status and stderr."""

    seconds: float
    peak_rss: int  # bytes: the sum over the process tree of each process's peak RSS
    cpu: float  # user + system seconds of the command and its children
    others: float  # average cores other processes on the machine kept busy meanwhile
    returncode: int
    stderr: str


def _descendants(pid: int) -> list[int]:
    found: list[int] = []
    todo = [pid]
    while todo:
        current = todo.pop()
        try:
            tasks = os.listdir(f"/proc/{current}/task")
        except OSError:
            continue
        for tid in tasks:
            try:
                with open(f"/proc/{current}/task/{tid}/children") as handle:
                    kids = [int(k) for k in handle.read().split()]
            except OSError:
                continue
            found.extend(kids)
            todo.extend(kids)
    return found


def _peak_rss(pid: int) -> int | None:
    """VmHWM (the process's own peak RSS so far) in bytes, or None once it is gone."""
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def _busy_seconds() -> float | None:
    """CPU seconds the whole machine has spent busy since boot (from /proc/stat), or None."""
    try:
        with open("/proc/stat") as handle:
            fields = [int(v) for v in handle.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def run_measured(command: Sequence[str], *, env: dict[str, str] | None = None) -> Measured:
    """Run `command` (stdout to /dev/null), sampling its process tree's memory.

    Peak memory is the sum, over the command and every child it started, of that process's
    own peak RSS (VmHWM). That is an upper bound on the tree's true peak: pages a forked
    worker shares with its parent are counted in both, and the peaks need not coincide.
    `others` is how busy the rest of the machine was meanwhile, in cores, to read the wall
    time against (this box is shared).
    """
    peaks: dict[int, int] = {}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    busy_before = _busy_seconds()
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    assert proc.stderr is not None
    os.set_blocking(proc.stderr.fileno(), False)
    chunks: list[bytes] = []
    while proc.poll() is None:
        for pid in (proc.pid, *_descendants(proc.pid)):
            rss = _peak_rss(pid)
            if rss is not None and rss > peaks.get(pid, 0):
                peaks[pid] = rss
        try:
            chunk = proc.stderr.read()
        except BlockingIOError:
            chunk = None
        if chunk:
            chunks.append(chunk)
        time.sleep(SAMPLE_SECONDS)
    seconds = time.perf_counter() - started
    busy_after = _busy_seconds()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    others = 0.0
    if busy_before is not None and busy_after is not None:
        others = max(0.0, (busy_after - busy_before - cpu) / seconds)
    # The largest single process, as the kernel saw it at exit, bounds the sampled sum below.
    peak = max(sum(peaks.values()), after.ru_maxrss * 1024)
    os.set_blocking(proc.stderr.fileno(), True)
    chunks.append(proc.stderr.read())
    stderr = b"".join(chunks).decode("utf-8", "replace")
    return Measured(seconds, peak, cpu, others, proc.returncode, stderr)


def time_command(command: Sequence[str], *, env: dict[str, str] | None = None) -> float:
    """Wall seconds of one run of `command`, stdout discarded; raises if it fails."""
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, check=True)
    return time.perf_counter() - started


def archive_bytes(path: Path) -> int:
    """Size on disk of an archive file with its WAL and shared-memory files."""
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")) if p.exists())


def machine() -> str:
    """One line: CPU model, usable cores, RAM, OS, Python and SQLite versions."""
    model = platform.processor() or "unknown CPU"
    try:
        with open("/proc/cpuinfo") as handle:
            for line in handle:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    memory = ""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f", {pages / 2**30:.0f} GiB RAM"
    except (ValueError, OSError):
        pass
    return (
        f"{model}, {cores} cores{memory}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}"
    )


def mb(value: float) -> str:
    return f"{value / 1e6:.0f} MB"
