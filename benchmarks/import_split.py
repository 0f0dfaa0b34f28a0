"""`import`'s CPU by process, and the reading alone (for instruction counts).

`import_speed.py` times whole imports; this splits one: how much CPU the writing process
(`RUSAGE_SELF`: the writing thread, the thread feeding the readers, the checkpoints) and the
reading processes (`RUSAGE_CHILDREN`) spend a record, with `jobs=2` and `jobs=1`. With
`--read-only N` it reads the first N lines of the export in this process and nothing else,
which is what to run under callgrind (subtract a run with `--read-only 1`).

The export is `import_speed.py`'s (bbc-text records copied up to `--count`); `--keep DIR`
writes it there once and reuses it (`DIR/export.jsonl`, `DIR/export.parquet`).

Run:
    .venv/bin/python benchmarks/import_split.py --keep /tmp/import-split --count 20000
    valgrind --tool=callgrind .venv/bin/python benchmarks/import_split.py --keep /tmp/import-split --read-only 2000
    valgrind --tool=callgrind .venv/bin/python benchmarks/import_split.py --keep /tmp/import-split --read-only 1
Against another checkout's code: `PYTHONPATH=OTHER/src .venv/bin/python benchmarks/import_split.py ...`.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from pathlib import Path

from perfutil import add_corpus_option, machine, use_corpus


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=20000, help="records in the export (when it is made)")
    parser.add_argument("--keep", type=Path, help="folder to keep the export in and reuse it from")
    parser.add_argument("--read-only", type=int, metavar="N", help="only read the first N lines of the export")
    parser.add_argument("--runs", type=int, default=2, help="imports per jobs setting")
    add_corpus_option(parser)
    args = parser.parse_args()
    use_corpus(args.corpus)

    import newsarchive
    from newsarchive.importer import Slice, _read, import_files, iter_import_files
    from newsarchive.parquet import write_parquet
    from newsarchive.store import Archive

    with tempfile.TemporaryDirectory(prefix="import-split-") as temp:
        folder = args.keep or Path(temp)
        folder.mkdir(parents=True, exist_ok=True)
        export = folder / "export.jsonl"
        if not export.exists():
            from import_speed import make_export

            make_export(folder, args.count)
            lines = export.read_text(encoding="utf-8").splitlines()
            write_parquet(folder / "export.parquet", ((line, None) for line in lines))
        if args.read_only is not None:
            data = export.read_bytes()
            end = 0
            for _ in range(args.read_only):
                end = data.index(b"\n", end) + 1
            read, _ = _read(Slice(str(export), "lines", 0, end, data=data[:end]))
            print(f"{len(read)} lines read")
            return
        print(machine())
        print(f"code: {Path(newsarchive.__file__).parent}")
        print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        for path in (export, folder / "export.parquet"):
            for jobs in (2, 1):
                for _ in range(args.runs):
                    db = Path(temp) / "target.db"
                    with Archive.open(db) as archive:
                        mine, kids = _cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN)
                        started = time.perf_counter()
                        outcomes = list(import_files(archive, iter_import_files([str(path)]), jobs=jobs))
                        wall = time.perf_counter() - started
                        mine, kids = _cpu(resource.RUSAGE_SELF) - mine, _cpu(resource.RUSAGE_CHILDREN) - kids
                    for suffix in ("", "-wal", "-shm"):
                        Path(f"{db}{suffix}").unlink(missing_ok=True)
                    n = sum(o.status == "added" for o in outcomes)
                    print(f"{path.suffix[1:]:8} jobs={jobs}  {n:,} records  wall {wall:5.2f} s  writing process"
                          f" {1e6 * mine / n:5.1f} µs a record  readers {1e6 * kids / n:5.1f}")  # fmt: skip
        print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
