"""Streaming figures for list / export / search: time to the first output line, total time,
and peak memory, on synthetic archives of growing size.

    .venv/bin/python benchmarks/query_streaming.py [--sizes 2000,20000] [--words 400]

Records are written straight into temporary archives (outside the repository) with made-up
words, so the script needs no corpus. Flat memory shows as the same peak RSS at every size;
streaming shows as a first line that arrives in milliseconds whatever the archive's size.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newsarchive.model import Article, Person, Section, Source
from newsarchive.serialize import record_id, sha256_hex
from newsarchive.store import Archive, row_for

VOCABULARY = [f"w{n}" for n in range(5000)] + ["harbour", "budget", "election"]
PUBLISHERS = ["Daily Planet", "Le Monde", "BBC News", None]

COMMANDS = {
    "list (jsonl)": ["list"],
    "list --format json": ["list", "--format", "json"],
    "list --format csv": ["list", "--format", "csv"],
    "export": ["export"],
    "search harbour (jsonl)": ["search", "harbour"],
    "search harbour --format table": ["search", "harbour", "--format", "table"],
}

MEASURE_RSS = (
    "import resource, subprocess, sys;"
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True);"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def build(path: Path, records: int, words: int) -> None:
    rng = random.Random(records)
    with Archive.open(path) as archive:
        for start in range(0, records, 1000):
            with archive.transaction():
                for n in range(start, min(start + 1000, records)):
                    body = " ".join(rng.choice(VOCABULARY) for _ in range(words))
                    data = f"Headline {n}\n\n{body}\n".encode()
                    digest = sha256_hex(data)
                    article = Article(
                        id=record_id(digest),
                        source=Source(path=f"{n}.txt", sha256=digest, format="text", encoding="utf-8", bytes=len(data)),
                        headline=f"Headline {n} {rng.choice(VOCABULARY)}",
                        publisher=rng.choice(PUBLISHERS),
                        date=f"{rng.randint(1998, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                        byline=(Person(name=f"Author {rng.randint(1, 300)}"),),
                        sections=(Section(paragraphs=(body,)),),
                        body=body,
                        word_count=words,
                    )
                    archive.put(row_for(article, data))


def first_line_and_total(db: Path, args: list[str]) -> tuple[float, float, int]:
    started = time.perf_counter()
    with subprocess.Popen(
        [sys.executable, "-m", "newsarchive", "--archive", str(db), *args], stdout=subprocess.PIPE
    ) as proc:
        assert proc.stdout is not None
        proc.stdout.readline()
        first = time.perf_counter() - started
        size = sum(len(chunk) for chunk in iter(lambda: proc.stdout.read(1 << 16), b""))  # type: ignore[union-attr]
    return first, time.perf_counter() - started, size


def peak_rss_kib(db: Path, args: list[str]) -> int:
    command = [sys.executable, "-c", MEASURE_RSS, sys.executable, "-m", "newsarchive", "--archive", str(db), *args]
    return int(subprocess.run(command, capture_output=True, text=True, check=True).stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="2000,20000", help="archive sizes (records), comma-separated")
    parser.add_argument("--words", type=int, default=400, help="words per synthetic body")
    options = parser.parse_args()
    sizes = [int(s) for s in options.sizes.split(",")]
    print(f"{'command':<32}{'records':>9}{'first line':>12}{'total':>9}{'output':>10}{'peak RSS':>11}")
    with tempfile.TemporaryDirectory(prefix="newsarchive-bench-") as tmp:
        for size in sizes:
            db = Path(tmp) / f"{size}.db"
            started = time.perf_counter()
            build(db, size, options.words)
            built = time.perf_counter() - started
            print(f"# built {size} records ({db.stat().st_size / 1e6:.0f} MB) in {built:.1f} s")
            for name, args in COMMANDS.items():
                first, total, output = first_line_and_total(db, args)
                rss = peak_rss_kib(db, args)
                print(
                    f"{name:<32}{size:>9}{first * 1000:>10.0f}ms{total:>8.2f}s"
                    f"{output / 1e6:>8.1f}MB{rss / 1024:>9.0f}MB"
                )


if __name__ == "__main__":
    main()
