"""Ingest throughput, peak memory, archive size and search latency as the archive grows.

For each size N it writes N text articles made from ../shared/corpus/bbc-text (each file
in several editions, see perfutil.write_editions) to a temporary directory, then, `--runs`
times each, alternating so both see the same machine load:

- the floor (floor.py): a bare one-core loop that reads, hashes, splits and inserts;
- `newsarchive ingest DIR` as a user runs it: the installed command in a subprocess, into
  a new archive, stdout to /dev/null (so one JSON line per input is written, as when piped).

It prints medians: seconds, files/s, our rate as a share of the floor's, wall and CPU time
per 1,000 articles (flat across sizes = linear growth), peak memory (the sum over the
command and its worker processes of each one's peak RSS), archive size, the wall time of
a cold `newsarchive search` on the archive just built, and how many cores other processes
kept busy during the ingest runs (this machine is shared; read the wall times against it).

Run:
    .venv/bin/python benchmarks/ingest_scale.py --sizes 1000,5000,20000 --runs 3
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from floor import floor_seconds
from perfutil import (
    add_corpus_option,
    archive_bytes,
    cli_command,
    machine,
    median,
    run_measured,
    time_command,
    use_corpus,
    write_editions,
)

SEARCHES = (("fuel prices", ["fuel prices"]), ("Eddington --limit 20", ["Eddington", "--limit", "20"]))


def measure_size(count: int, runs: int, jobs: int | None, search_runs: int, tmp: Path) -> dict[str, float]:
    """Every figure for one archive size (medians over `runs`)."""
    corpus = tmp / f"editions-{count}"
    paths = write_editions(corpus, count)
    floor_times: list[float] = []
    ingest_times: list[float] = []
    peaks: list[int] = []
    cpus: list[float] = []
    others: list[float] = []
    archive = tmp / f"archive-{count}.db"
    env = {**os.environ, "NEWSARCHIVE_DB": str(archive)}
    for run in range(runs):
        floor_db = tmp / f"floor-{count}-{run}.db"
        floor_times.append(floor_seconds(paths, floor_db))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{floor_db}{suffix}").unlink(missing_ok=True)
            Path(f"{archive}{suffix}").unlink(missing_ok=True)
        command = cli_command("ingest", str(corpus), *(["--jobs", str(jobs)] if jobs else []))
        measured = run_measured(command, env=env)
        if measured.returncode != 0:
            raise SystemExit(f"ingest failed (exit {measured.returncode}):\n{measured.stderr[-2000:]}")
        ingest_times.append(measured.seconds)
        peaks.append(measured.peak_rss)
        cpus.append(measured.cpu)
        others.append(measured.others)
    figures = {
        "count": count,
        "floor_rate": count / median(floor_times),
        "seconds": median(ingest_times),
        "rate": count / median(ingest_times),
        "peak": median(peaks),
        "cpu": median(cpus),
        "others": median(others),
        "size": archive_bytes(archive),
    }
    for label, args in SEARCHES:
        times = [time_command(cli_command("search", *args), env=env) for _ in range(search_runs)]
        figures[f"search {label}"] = median(times)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,5000,20000", help="article counts (default 1000,5000,20000)")
    parser.add_argument("--runs", type=int, default=3, help="ingest and floor runs per size (default 3)")
    parser.add_argument("--jobs", type=int, default=None, help="pass --jobs to ingest (default: its own)")
    parser.add_argument("--search-runs", type=int, default=7, help="cold search runs per size (default 7)")
    add_corpus_option(parser)
    args = parser.parse_args()
    use_corpus(args.corpus)
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    with tempfile.TemporaryDirectory(prefix="newsarchive-scale-") as tmp:
        for count in sizes:
            rows.append(measure_size(count, args.runs, args.jobs, args.search_runs, Path(tmp)))
    print(f"machine: {machine()}")
    print(
        f"ingest: `newsarchive ingest DIR`{f' --jobs {args.jobs}' if args.jobs else ''}, cold archive, "
        f"median of {args.runs} runs; floor: benchmarks/floor.py in the same run; "
        f"search: median of {args.search_runs} cold runs, output piped\n"
    )
    labels = [label for label, _ in SEARCHES]
    headers = ["articles", "ingest s", "files/s", "floor files/s", "share of floor", "wall ms per 1k",
               "CPU ms per 1k", "peak memory", "archive", "KB per article",
               *(f"search `{label}`" for label in labels), "other load (cores)"]  # fmt: skip
    print("| " + " | ".join(headers) + " |")
    print("|---:" * len(headers) + "|")
    for row in rows:
        cells = [
            f"{row['count']:,.0f}",
            f"{row['seconds']:.2f}",
            f"{row['rate']:,.0f}",
            f"{row['floor_rate']:,.0f}",
            f"{row['rate'] / row['floor_rate']:.0%}",
            f"{row['seconds'] / row['count'] * 1e6:,.0f}",
            f"{row['cpu'] / row['count'] * 1e6:,.0f}",
            f"{row['peak'] / 1e6:.0f} MB",
            f"{row['size'] / 1e6:.0f} MB",
            f"{row['size'] / row['count'] / 1e3:.1f}",
            *(f"{row[f'search {label}'] * 1e3:.0f} ms" for label in labels),
            f"{row['others']:.1f}",
        ]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
