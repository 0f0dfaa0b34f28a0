"""HTML ingest with one worker process against two: does `--jobs 2` use both cores?

    .venv/bin/python benchmarks/html_ingest_jobs.py [--corpus DIR] [--runs R] [--jobs 1,2]

Ingests every HTML page of ../shared/corpus (the folders `html_speed.py` reads) into a new
archive in a temporary directory, once per `--jobs` value, R times with the values
interleaved, each run in a fresh process. Prints per run the wall time, pages/s and the CPU
time of the ingesting process (reading the folder, writing the archive, and with one job
parsing too) and of its workers, then the ratio of each rate to `--jobs 1`'s in the same
round. The 2-core target is ≥ 1.8×; on a machine other work keeps busy the wall-clock
ratio is capped by the idle cores, so the CPU columns say what the ingest itself needs:
with N jobs the wall time cannot drop below (total CPU) / N, nor below the writing
process's own CPU.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from html_speed import SOURCES
from perfutil import machine
from scoring import CORPUS

# Runs in the child: the CLI in-process, so the CPU of this process and of its workers
# (children, reaped) can be told apart.
CHILD = """
import json, resource, sys, time
from newsarchive.cli import cli
started = time.perf_counter()
try:
    cli.main(sys.argv[1:], standalone_mode=False)
except SystemExit:
    pass
wall = time.perf_counter() - started
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "self": me.ru_utime + me.ru_stime, "workers": kids.ru_utime + kids.ru_stime}),
      file=sys.stderr)
"""


def run(jobs: int, folders: list[str], tmp: Path, n: int) -> dict[str, float]:
    db = tmp / f"archive-{jobs}-{n}.db"
    done = subprocess.run(
        [sys.executable, "-c", CHILD, "--archive", str(db), "ingest", *folders, "--jobs", str(jobs)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    lines = [line for line in done.stderr.splitlines() if line.startswith("{")]
    if not lines:
        raise SystemExit(f"ingest --jobs {jobs} failed:\n{done.stderr[-2000:]}")
    result: dict[str, float] = json.loads(lines[-1])
    result["pages"] = sum(1 for line in done.stdout.splitlines() if line.startswith("{"))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="corpus folder (default ../shared/corpus)")
    parser.add_argument("--runs", type=int, default=2, help="rounds of every --jobs value (default 2)")
    parser.add_argument("--jobs", default="1,2", help="worker counts to compare (default 1,2)")
    args = parser.parse_args()
    folders = [str(args.corpus / s / "html") for s in SOURCES if (args.corpus / s / "html").is_dir()]
    if not folders:
        print(f"corpus not found at {args.corpus}: nothing to measure (this benchmark needs ../shared/corpus)")
        return
    counts = [int(j) for j in args.jobs.split(",")]
    print(f"machine: {machine()}; load average {os.getloadavg()[0]:.1f} at the start")
    print("| round | --jobs | pages | wall s | pages/s | CPU s, ingesting process | CPU s, workers | × --jobs 1 |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    ratios: dict[int, list[float]] = {j: [] for j in counts}
    ceilings: dict[int, list[float]] = {j: [] for j in counts}
    with tempfile.TemporaryDirectory(prefix="newsarchive-jobs-") as tmp:
        for n in range(args.runs):
            rates, floors = {}, {}
            for jobs in counts if n % 2 == 0 else counts[::-1]:
                r = run(jobs, folders, Path(tmp), n)
                rates[jobs] = r["pages"] / r["wall"]
                # the shortest wall time this CPU allows on `jobs` idle cores
                floors[jobs] = max((r["self"] + r["workers"]) / jobs, r["self"] if jobs > 1 else 0.0)
                print(f"| {n + 1} | {jobs} | {r['pages']:.0f} | {r['wall']:.1f} | {rates[jobs]:.1f} | "
                      f"{r['self']:.1f} | {r['workers']:.1f} | |")  # fmt: skip
            for jobs in counts:
                ratios[jobs].append(rates[jobs] / rates[counts[0]])
                ceilings[jobs].append(floors[counts[0]] / floors[jobs])
    print()
    for jobs in counts[1:]:
        each = ", ".join(f"{r:.2f}×" for r in ratios[jobs])
        print(f"--jobs {jobs} / --jobs {counts[0]}: median {statistics.median(ratios[jobs]):.2f}× wall clock "
              f"(rounds: {each}); {statistics.median(ceilings[jobs]):.2f}× on idle cores, from the CPU times")


if __name__ == "__main__":
    main()
