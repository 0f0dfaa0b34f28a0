"""`import` speed: records/s of JSON Lines and Parquet exports with the search index left
pending, and the index build, each against a baseline measured in the same process, on the
same rows.

Input: an export (JSON Lines) of `--count` distinct text records: the bbc-text articles
(perfutil.write_editions), ingested once into a scratch archive and exported, then copied
under new ids and paths up to the count, as a large export of distinct records would be;
and the same records as Parquet (`export --format parquet`'s layout).

Each run (`--runs`, medians printed), in this process, each into a new archive file:

- baseline: a plain `executemany` of the same rows (the `articles` columns `import` writes,
  computed beforehand, untimed, NULL as None) into a new archive, in transactions of 5,000:
  the SQL alone, as a straightforward loader would write it;
- `import` of the JSON Lines export and of the Parquet file, one process (`jobs=1`: reading,
  checking and writing) and with two reading processes while this one writes (`jobs=2`), the
  search index left pending (the CLI's default: `importer.default_readers`, `jobs=1` on two
  cores, `jobs=2` on three or more);
- the index build (`index_pending`) of what an import left pending: what the first `search`
  (or `newsarchive index`, or `import --index`) pays once.

Wall time and CPU time (this process and its reaped workers) are both printed, and each
against the baseline's; on a loaded machine read the ratios, as the baseline shares the same
load. The main figure is `import` at its default on this machine in records/s of wall time, measured
here, with its ratio to the baseline of the same run; on a loaded machine only the ratio
means something. The load average is printed at the start and the end.

Run:
    .venv/bin/python benchmarks/import_speed.py --count 20000 --runs 3
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from perfutil import add_corpus_option, cli_command, machine, median, use_corpus, write_editions

BASELINE = "baseline: executemany of the rows"
SOURCE_FILES = 2200  # distinct bbc-text records to copy from (the dataset holds about 2,100)


def make_export(folder: Path, count: int) -> Path:
    """An export of `count` distinct records (see the module docstring)."""
    articles = folder / "articles"
    write_editions(articles, min(count, SOURCE_FILES))
    env = {**os.environ, "NEWSARCHIVE_DB": str(folder / "source.db")}
    subprocess.run(cli_command("ingest", str(articles)), env=env, check=True, capture_output=True)
    lines = subprocess.run(cli_command("export"), env=env, check=True, capture_output=True,
                           text=True).stdout.splitlines()  # fmt: skip
    path = folder / "export.jsonl"
    with open(path, "w", encoding="utf-8") as out:
        for n in range(count):
            record = json.loads(lines[n % len(lines)])
            edition = n // len(lines)
            if edition:
                sha = hashlib.sha256(f"{record['source']['sha256']}:{edition}".encode()).hexdigest()
                record["source"]["sha256"], record["id"] = sha, sha[:16]
                record["source"]["path"] = f"copy-{edition}/{record['source']['path']}"
            out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
    return path


def cpu_seconds() -> float:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def timed(work: Callable[[], object]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of `work()`."""
    cpu = cpu_seconds()
    started = time.perf_counter()
    work()
    return time.perf_counter() - started, cpu_seconds() - cpu


def fresh(path: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=20000, help="records in the export")
    parser.add_argument("--runs", type=int, default=3)
    add_corpus_option(parser)
    args = parser.parse_args()
    use_corpus(args.corpus)

    from newsarchive.importer import default_readers, import_files, iter_import_files, record_row
    from newsarchive.parquet import write_parquet
    from newsarchive.pipeline import default_jobs
    from newsarchive.store import IMPORT_COLUMNS, IMPORT_NULLABLE, NULL_TEXT, Archive

    print(machine())
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory(prefix="import-speed-") as temp:
        folder = Path(temp)
        export = make_export(folder, args.count)
        lines = export.read_text(encoding="utf-8").splitlines()
        parquet = folder / "export.parquet"
        write_parquet(parquet, ((line, None) for line in lines))
        nullable = [name in IMPORT_NULLABLE for name in IMPORT_COLUMNS]
        rows = []
        for line in lines:
            row = record_row(json.loads(line), line)
            assert not isinstance(row, str), row
            rows.append(tuple(None if null and value == NULL_TEXT else value
                              for null, value in zip(nullable, row.columns, strict=True)))  # fmt: skip
        count = len(rows)
        insert = (f"INSERT INTO articles ({', '.join(IMPORT_COLUMNS)})"
                  f" VALUES ({', '.join('?' for _ in IMPORT_COLUMNS)})")  # fmt: skip
        db = folder / "target.db"
        figures: dict[str, list[tuple[float, float]]] = {}

        def record(label: str, figure: tuple[float, float]) -> None:
            figures.setdefault(label, []).append(figure)

        for _ in range(args.runs):
            with Archive.open(fresh(db)) as archive:

                def baseline(archive: Archive = archive) -> None:
                    for start in range(0, count, 5000):
                        with archive.transaction() as conn:
                            conn.executemany(insert, rows[start : start + 5000])

                record(BASELINE, timed(baseline))
            for name, path in (("JSON Lines", export), ("Parquet", parquet)):
                for jobs in (2, 1):
                    with Archive.open(fresh(db)) as archive:

                        def run(archive: Archive = archive, jobs: int = jobs, path: Path = path) -> None:
                            outcomes = list(import_files(archive, iter_import_files([str(path)]), jobs=jobs))
                            assert sum(o.status == "added" for o in outcomes) == count

                        record(f"import {name}, jobs={jobs}", timed(run))
                        if jobs == 1 and name == "JSON Lines":

                            def build(archive: Archive = archive) -> None:
                                for _ in archive.index_pending():
                                    pass

                            record("index build", timed(build))
                            assert archive.unindexed() == 0

        base_wall = median([wall for wall, _ in figures[BASELINE]])
        base_cpu = median([cpu for _, cpu in figures[BASELINE]])
        print(f"\n{count:,} records ({export.stat().st_size / 1e6:.0f} MB of JSON Lines,"
              f" {parquet.stat().st_size / 1e6:.0f} MB of Parquet), median of {args.runs} runs")  # fmt: skip
        print(f"{'':36} {'wall s':>7} {'records/s':>10} {'vs base':>8} {'CPU s':>7} {'rec/CPU s':>10} {'vs base':>8}")
        for label, values in figures.items():
            wall = median([w for w, _ in values])
            cpu = median([c for _, c in values])
            print(f"{label:36} {wall:7.2f} {count / wall:10,.0f} {base_wall / wall:8.2f}"
                  f" {cpu:7.2f} {count / cpu:10,.0f} {base_cpu / cpu:8.2f}")  # fmt: skip
        jobs = default_readers(default_jobs())
        print(f"\nmain figure (import at its default here, jobs={jobs}, index pending; wall time):")
        for name in ("JSON Lines", "Parquet"):
            wall = median([w for w, _ in figures[f"import {name}, jobs={jobs}"]])
            print(f"  {name:10} {count / wall:,.0f} records/s,"
                  f" {base_wall / wall:.2f} x the baseline's {count / base_wall:,.0f} in this run")  # fmt: skip
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
