"""Spark local against the CLI, per core, on the same inputs; and `import` of the Spark output.

Two figures answer two questions, and this script prints both:

- **steady state, per core**: what each engine does per core once running, the rate a long
  job sees (the target's measure). It is the *marginal* rate: each engine runs the inputs
  and a quarter of them, and rate = (records - quarter's records) / (time - quarter's time),
  so any cost paid once per process or per job falls out of the difference.
- **whole process**: one command as a user types it, start to exit, for these inputs. It
  includes each engine's fixed cost, which is then stated: time - records / steady rate.
  For Spark that is the JVM and session start-up (measured on its own), the first job's
  class loading and Python worker imports, and each job's own overhead (listing, the
  repeated-id pass, committing the output).

For N text articles made from ../shared/corpus/bbc-text (perfutil.write_editions, in a
temporary directory, and N/4 more for the quarter), `--runs` times each, alternating so both
see the same machine load:

- the CLI: `newsarchive ingest DIR --jobs C` into a new archive (C = `--cores`), on the
  inputs and on the quarter;
- Spark, whole process: `newsarchive spark DIR --output OUT --master local[C]`, exactly as a
  user runs it: starting the JVM and the session, the one job, stopping;
- Spark, warm session: one process starts its session (timed), runs a warm-up job on 400
  other files (timed), then `run_job` on the quarter and on the inputs (each timed).

One untimed `newsarchive spark` run comes first, so that the class-data archive a local
session reads (written by the first local run on a machine; see newsarchive.spark) exists.

Both use C cores, so their per-core rates compare as their rates do. Then the Spark output
is imported (`newsarchive import OUT --index`, which builds the search index as well) into a
new archive, timed, and compared with the CLI's archive record for record (`ingested_at`
aside). It prints medians, ratios and the load average.

With `--warc`, the same comparison runs on one WARC (gzipped per record) of every HTML page
of the corpus, built as benchmarks/warc.py builds it, and one of its first quarter; Spark
splits them into byte ranges. From its steady per-core rate and Spark's fixed cost the script
then prints the cost model: one month of CC-NEWS (`--month-pages`, 15 million by default:
check the month's `warc.paths`) on 1, 16, 64 and 256 cores.

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
QUARTER = 4  # the smaller input set is a quarter of the inputs
MONTH_PAGES = 15_000_000  # HTML pages in one month of CC-NEWS (order of magnitude; see warc.paths)
CORES_MODELLED = (1, 16, 64, 256)
CHILD = """
import json, sys, time
started = time.perf_counter()
from newsarchive.spark import run_job, start_session
session = start_session(sys.argv[4])
ready = time.perf_counter()
run_job([sys.argv[5]], sys.argv[3] + "-warm-up", spark=session)
warm = time.perf_counter()
small = run_job([sys.argv[2]], sys.argv[3] + "-small", spark=session)
small_done = time.perf_counter()
summary = run_job([sys.argv[1]], sys.argv[3], spark=session)
finished = time.perf_counter()
session.stop()
print(json.dumps({"startup": ready - started, "warm_up": warm - ready, "small": small_done - warm,
                  "small_records": small.records, "job": finished - small_done,
                  "records": summary.records, "failed": summary.failed}))
"""


def spark_run(inputs: Path, small: Path, warm_up: Path, output: Path, cores: int) -> dict[str, float]:
    """One warm-session Spark process: its start-up, warm-up job, small job and job, in seconds."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(inputs), str(small), str(output), f"local[{cores}]", str(warm_up)],
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


def fresh(db: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    return db


def marginal(records: int, seconds: float, small_records: int, small_seconds: float) -> float:
    """Records/s of the work the larger run does beyond the smaller one (fixed costs cancel)."""
    return (records - small_records) / max(seconds - small_seconds, 1e-9)


def compare(title: str, inputs: Path, small: Path, warm_up: Path, tmp: Path, cores: int, runs: int) -> dict[str, float]:
    """CLI ingest against Spark on `inputs` (and `small`), `runs` times alternating; then import and compare."""
    cli_times: list[float] = []
    cli_small_times: list[float] = []
    spark_runs: list[dict[str, float]] = []
    import_times: list[float] = []
    whole_times: list[float] = []
    cli_db, cli_small_db = tmp / f"cli-{inputs.name}.db", tmp / f"cli-small-{inputs.name}.db"
    imported = tmp / f"imported-{inputs.name}.db"
    for run in range(runs):
        for db in (cli_db, cli_small_db, imported):
            fresh(db)
        cli_times.append(timed(cli_command("ingest", str(inputs), "--jobs", str(cores)),
                               {**os.environ, "NEWSARCHIVE_DB": str(cli_db)}))  # fmt: skip
        cli_small_times.append(timed(cli_command("ingest", str(small), "--jobs", str(cores)),
                                     {**os.environ, "NEWSARCHIVE_DB": str(cli_small_db)}))  # fmt: skip
        whole = tmp / f"spark-whole-{inputs.name}-{run}"
        whole_times.append(timed(cli_command("spark", str(inputs), "--output", str(whole), "--master",
                                             f"local[{cores}]"), dict(os.environ)))  # fmt: skip
        shutil.rmtree(whole)
        output = tmp / f"spark-{inputs.name}-{run}"
        spark_runs.append(spark_run(inputs, small, warm_up, output, cores))
        import_env = {**os.environ, "NEWSARCHIVE_DB": str(imported)}
        import_times.append(timed(cli_command("import", str(output), "--index"), import_env))
        for folder in (f"{output}-warm-up", f"{output}-small", str(output)):
            shutil.rmtree(folder)
    expected, got = records(cli_db), records(imported)
    same = sum(1 for key, record in expected.items() if got.get(key) == record)
    count, small_count = len(expected), len(records(cli_small_db))
    spark_count, spark_small = int(spark_runs[0]["records"]), int(spark_runs[0]["small_records"])

    cli_whole, cli_small = median(cli_times), median(cli_small_times)
    spark_whole = median(whole_times)
    job, job_small = median([r["job"] for r in spark_runs]), median([r["small"] for r in spark_runs])
    cli_rate = marginal(count, cli_whole, small_count, cli_small)
    spark_rate = marginal(spark_count, job, spark_small, job_small)
    cli_fixed = cli_whole - count / cli_rate
    spark_fixed = spark_whole - spark_count / spark_rate
    startup = median([r["startup"] for r in spark_runs])
    warm_up = median([r["warm_up"] for r in spark_runs])
    job_fixed = job - spark_count / spark_rate

    print(f"\n{title}: {count:,} records ({small_count:,} in the quarter), {cores} cores each,"
          f" median of {runs} runs")  # fmt: skip
    print(f"{'':44} {'seconds':>8} {'records/s':>10} {'per core':>9} {'vs CLI':>7}")
    lines = [
        (f"whole process: CLI ingest --jobs {cores}", cli_whole, count / cli_whole, 1.0),
        (f"whole process: newsarchive spark local[{cores}]", spark_whole, count / spark_whole,
         cli_whole / spark_whole),
        ("steady state: CLI ingest (marginal)", cli_whole - cli_small, cli_rate, 1.0),
        ("steady state: Spark job (marginal)", job - job_small, spark_rate, spark_rate / cli_rate),
    ]  # fmt: skip
    for label, seconds, rate, ratio in lines:
        print(f"{label:44} {seconds:8.2f} {rate:10.1f} {rate / cores:9.1f} {ratio:7.2f}")
    print(f"steady-state per-core ratio, Spark / CLI: {spark_rate / cli_rate:.2f} (the target: >= 0.7)")
    print(f"whole-process ratio, Spark / CLI:         {cli_whole / spark_whole:.2f} (fixed costs included)")
    print(f"fixed cost (whole process - records / steady rate): CLI {cli_fixed:.1f} s, Spark {spark_fixed:.1f} s;"
          f" Spark's measured parts: JVM + session start-up {startup:.1f} s, warm-up job on {WARM_UP_FILES} files"
          f" {warm_up:.1f} s, a warm job's own overhead {job_fixed:.1f} s")  # fmt: skip
    import_seconds = median(import_times)
    print(f"import --index of the Spark output: {import_seconds:.2f} s, {count / import_seconds:,.0f} records/s")
    print(f"load average now: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"imported archive vs CLI archive: {same:,} of {count:,} records identical, {len(got):,} imported")
    sys.stdout.flush()
    return {"spark_core_rate": spark_rate / cores, "cli_core_rate": cli_rate / cores, "spark_fixed": spark_fixed,
            "startup": startup}  # fmt: skip


def cost_model(figures: dict[str, float], pages: int) -> None:
    """One month of CC-NEWS on N cores, from the WARC's steady per-core rates and Spark's fixed cost."""
    rate, fixed = figures["spark_core_rate"], figures["spark_fixed"]
    print(f"\nCost model: {pages:,} HTML pages (one month of CC-NEWS, assumed), at Spark's steady rate"
          f" of {rate:.1f} pages/s per core measured above, plus its fixed cost measured here ({fixed:.0f} s)")
    for cores in CORES_MODELLED:
        hours = (pages / (rate * cores) + fixed) / 3600
        print(f"  {cores:4d} cores: {hours:8.1f} hours")
    print(f"  the CLI on one core, for comparison: {pages / figures['cli_core_rate'] / 3600:.1f} hours")
    sys.stdout.flush()


def corpus_warc(path: Path, corpus: Path, *, fraction: int = 1) -> None:
    """Every HTML page of the corpus (or the first 1/`fraction` of them) in one WARC, as
    benchmarks/warc.py builds it (gzipped per record)."""
    from html_speed import SOURCES, corpus_pages
    from warc import WarcBuilder

    pages = list(corpus_pages(0, SOURCES, corpus))
    with open(path, "wb") as handle:
        builder = WarcBuilder(handle, gzipped=True)
        for n, (name, html) in enumerate(pages[: len(pages) // fraction]):
            builder.page(f"https://corpus.example/{name}", html, encoded=True)
            if n % 20 == 0:
                builder.noise(n)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=20000, help="text articles to generate (0: none)")
    parser.add_argument("--warc", action="store_true", help="also compare on a WARC of the corpus's HTML pages")
    parser.add_argument("--cores", type=int, default=2, help="cores for both (ingest --jobs, local[N])")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--month-pages", type=int, default=MONTH_PAGES, help="pages in a CC-NEWS month (cost model)")
    add_corpus_option(parser)
    args = parser.parse_args()
    use_corpus(args.corpus)
    print(machine())
    with tempfile.TemporaryDirectory(prefix="spark-scale-") as temp:
        tmp = Path(temp)
        # A first job pays for the JVM's class loading and code generation and for each
        # Python worker's imports: the warm session runs a small warm-up job first, timed.
        warm_up = tmp / "warm-up"
        write_editions(warm_up, WARM_UP_FILES)
        # A local Spark run writes its class-data archive once per machine (newsarchive.spark,
        # CDS_ENV), a run that takes longer; one untimed run first, so every timed run reads it.
        timed(cli_command("spark", str(warm_up), "--output", str(tmp / "first-run"), "--master",
                          f"local[{args.cores}]"), dict(os.environ))  # fmt: skip
        shutil.rmtree(tmp / "first-run")
        if args.count:
            inputs, small = tmp / "articles", tmp / "quarter"
            write_editions(inputs, args.count)
            write_editions(small, args.count // QUARTER)
            compare(f"{args.count:,} text articles", inputs, small, warm_up, tmp, args.cores, args.runs)
        if args.warc:
            crawl, small_crawl = tmp / "corpus.warc.gz", tmp / "quarter.warc.gz"
            corpus_warc(crawl, args.corpus)
            corpus_warc(small_crawl, args.corpus, fraction=QUARTER)
            title = f"WARC of the corpus's HTML pages ({crawl.stat().st_size / 1e6:.0f} MB)"
            figures = compare(title, crawl, small_crawl, warm_up, tmp, args.cores, args.runs)
            cost_model(figures, args.month_pages)


if __name__ == "__main__":
    main()
