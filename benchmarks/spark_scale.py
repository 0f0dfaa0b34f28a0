"""Spark local against the CLI, per core, on the same inputs; and `import` of the Spark output.

For N text articles made from ../shared/corpus/bbc-text (perfutil.write_editions, in a
temporary directory), `--runs` times each, alternating so both see the same machine load:

- the CLI: `newsarchive ingest DIR --jobs C` into a new archive (C = `--cores`);
- Spark, whole process: `newsarchive spark DIR --output OUT --master local[C]`, exactly as a
  user runs it: starting the JVM and the session, the one job, stopping;
- Spark, warm session: `run_job` (what that command runs) in a process that first starts
  its session and runs a warm-up job on 400 other files; the job time is the timed job
  alone, read in that process (what a long job on a cluster sees per document).

Both use C cores, so their per-core rates compare as their rates do. Then the Spark output
is imported (`newsarchive import OUT --index`, which builds the search index as well) into a
new archive, timed, and compared with the CLI's archive record for record (`ingested_at`
aside). It prints medians and ratios, and the load average.

With `--warc`, the same comparison runs on one WARC (gzipped per record) of every HTML page
of the corpus, built as benchmarks/warc.py builds it; Spark splits it into byte ranges.

Run:
    .venv/bin/python benchmarks/spark_scale.py --count 20000 --warc --cores 2 --runs 3
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from perfutil import add_corpus_option, cli_command, machine, median, use_corpus, write_editions

WARM_UP_FILES = 400
CHILD = """
import json, sys, time
started = time.perf_counter()
from newsarchive.spark import run_job, start_session
session = start_session(sys.argv[3])
ready = time.perf_counter()
run_job([sys.argv[4]], sys.argv[2] + "-warm-up", spark=session)
warm = time.perf_counter()
summary = run_job([sys.argv[1]], sys.argv[2], spark=session)
finished = time.perf_counter()
session.stop()
print(json.dumps({"startup": ready - started, "warm_up": warm - ready, "job": finished - warm,
                  "records": summary.records, "failed": summary.failed}))
"""


def spark_run(inputs: Path, warm_up: Path, output: Path, cores: int) -> dict[str, float]:
    """One Spark process: wall seconds; start-up, warm-up job and timed job seconds."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(inputs), str(output), f"local[{cores}]", str(warm_up)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"spark run failed (exit {done.returncode}):\n{done.stderr[-3000:]}")
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return {**figures, "wall": wall}


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 3):
        raise SystemExit(f"{command[1:3]} failed (exit {done.returncode}):\n{done.stderr[-2000:]}")
    return seconds


def records(db: Path) -> dict[str, dict[str, Any]]:
    """id → record without `ingested_at`, read with plain sqlite3."""
    conn = sqlite3.connect(db)
    try:
        found: dict[str, dict[str, Any]] = {}
        for (text,) in conn.execute("SELECT record FROM articles"):
            record = json.loads(text)
            record.pop("ingested_at")
            found[record["id"]] = record
        return found
    finally:
        conn.close()


def compare(title: str, inputs: Path, warm_up: Path, tmp: Path, cores: int, runs: int) -> None:
    """CLI ingest against Spark on `inputs`, `runs` times alternating; then import and compare."""
    cli_times: list[float] = []
    spark_runs: list[dict[str, float]] = []
    import_times: list[float] = []
    whole_times: list[float] = []
    cli_db = tmp / f"cli-{inputs.name}.db"
    imported = tmp / f"imported-{inputs.name}.db"
    for run in range(runs):
        for db in (cli_db, imported):
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
        env = {**os.environ, "NEWSARCHIVE_DB": str(cli_db)}
        cli_times.append(timed(cli_command("ingest", str(inputs), "--jobs", str(cores)), env))
        whole = tmp / f"spark-whole-{inputs.name}-{run}"
        whole_times.append(timed(cli_command("spark", str(inputs), "--output", str(whole), "--master",
                                             f"local[{cores}]"), dict(os.environ)))  # fmt: skip
        shutil.rmtree(whole)
        output = tmp / f"spark-{inputs.name}-{run}"
        spark_runs.append(spark_run(inputs, warm_up, output, cores))
        import_env = {**os.environ, "NEWSARCHIVE_DB": str(imported)}
        import_times.append(timed(cli_command("import", str(output), "--index"), import_env))
        shutil.rmtree(f"{output}-warm-up")
        shutil.rmtree(output)
    expected, got = records(cli_db), records(imported)
    same = sum(1 for key, record in expected.items() if got.get(key) == record)
    count = len(expected)
    rows = [
        (f"CLI ingest --jobs {cores}", median(cli_times)),
        ("Spark local, whole process", median(whole_times)),
        ("Spark local, job (warm session)", median([r["job"] for r in spark_runs])),
    ]
    print(f"\n{title}: {count:,} records, {cores} cores each, median of {runs} runs")
    print(f"{'':32} {'seconds':>8} {'records/s':>10} {'per core':>9} {'vs CLI':>7}")
    for label, seconds in rows:
        rate = count / seconds
        print(f"{label:32} {seconds:8.2f} {rate:10.1f} {rate / cores:9.1f} {rows[0][1] / seconds:7.2f}")
    startup = median([r["startup"] for r in spark_runs])
    import_seconds = median(import_times)
    print(f"Spark start-up (JVM + session): {startup:.1f} s;"
          f" warm-up job on {WARM_UP_FILES} files: {median([r['warm_up'] for r in spark_runs]):.1f} s")  # fmt: skip
    print(f"import --index of the Spark output: {import_seconds:.2f} s, {count / import_seconds:,.0f} records/s")
    print(f"load average now: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"imported archive vs CLI archive: {same:,} of {count:,} records identical, {len(got):,} imported")
    sys.stdout.flush()


def corpus_warc(path: Path, corpus: Path) -> None:
    """Every HTML page of the corpus in one WARC, as benchmarks/warc.py builds it (gzipped per record)."""
    from html_speed import SOURCES, corpus_pages
    from warc import WarcBuilder

    with open(path, "wb") as handle:
        builder = WarcBuilder(handle, gzipped=True)
        for n, (name, html) in enumerate(corpus_pages(0, SOURCES, corpus)):
            builder.page(f"https://corpus.example/{name}", html, encoded=True)
            if n % 20 == 0:
                builder.noise(n)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=20000, help="text articles to generate (0: none)")
    parser.add_argument("--warc", action="store_true", help="also compare on a WARC of the corpus's HTML pages")
    parser.add_argument("--cores", type=int, default=2, help="cores for both (ingest --jobs, local[N])")
    parser.add_argument("--runs", type=int, default=3)
    add_corpus_option(parser)
    args = parser.parse_args()
    use_corpus(args.corpus)
    print(machine())
    with tempfile.TemporaryDirectory(prefix="spark-scale-") as temp:
        tmp = Path(temp)
        # A first job pays for the JVM's class loading and code generation and for each
        # Python worker's imports; on a cluster that is paid once per job of millions of
        # documents, so the timed job runs after a small warm-up job in the same session.
        warm_up = tmp / "warm-up"
        write_editions(warm_up, WARM_UP_FILES)
        if args.count:
            inputs = tmp / "articles"
            write_editions(inputs, args.count)
            compare(f"{args.count:,} text articles", inputs, warm_up, tmp, args.cores, args.runs)
        if args.warc:
            crawl = tmp / "corpus.warc.gz"
            corpus_warc(crawl, args.corpus)
            title = f"WARC of the corpus's HTML pages ({crawl.stat().st_size / 1e6:.0f} MB)"
            compare(title, crawl, warm_up, tmp, args.cores, args.runs)

if __name__ == "__main__":
    main()
