"""The floor: the least work any ingest of these files must do, as a bare loop on one core.

For each file it reads the bytes, hashes them (SHA-256), decodes them, splits paragraphs on
blank lines, and inserts the raw bytes, a small JSON record and an FTS5 row into SQLite
(WAL, synchronous=NORMAL, 500 files per transaction, like the archive). No format
sniffing, no field extraction, no compression, no worker processes. `newsarchive ingest`
does all of that and more, so its rate is reported as a share of this one, measured on the
same files in the same run (ingest_scale.py imports `floor_seconds`).

Run:
    .venv/bin/python benchmarks/floor.py --count 20000 --runs 3
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sqlite3
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from perfutil import add_corpus_option, machine, median, use_corpus, write_editions

BATCH = 500

SCHEMA = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = NORMAL",
    "CREATE TABLE articles (pk INTEGER PRIMARY KEY, id TEXT UNIQUE, path TEXT, headline TEXT, record TEXT)",
    "CREATE TABLE raw_sources (id TEXT PRIMARY KEY, data BLOB)",
    "CREATE VIRTUAL TABLE articles_fts USING fts5(headline, body)",
)


def floor_seconds(paths: Sequence[Path], db: Path) -> float:
    """Seconds the bare loop takes to store `paths` in a new database at `db`."""
    started = time.perf_counter()
    conn = sqlite3.connect(db, isolation_level=None)
    for statement in SCHEMA:
        conn.execute(statement)
    conn.execute("BEGIN")
    for n, path in enumerate(paths, 1):
        str_path = str(path)
        with open(str_path, "rb") as handle:
            data = handle.read()
        digest = hashlib.sha256(data).hexdigest()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", "replace")
        paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
        headline = paragraphs[0] if paragraphs else None
        body = "\n\n".join(paragraphs[1:])
        record = json.dumps(
            {"id": digest[:16], "headline": headline, "paragraphs": paragraphs[1:], "body": body},
            ensure_ascii=False,
        )
        cursor = conn.execute(
            "INSERT INTO articles (id, path, headline, record) VALUES (?, ?, ?, ?)",
            (digest[:16], str_path, headline, record),
        )
        conn.execute("INSERT INTO raw_sources (id, data) VALUES (?, ?)", (digest[:16], data))
        conn.execute(
            "INSERT INTO articles_fts (rowid, headline, body) VALUES (?, ?, ?)",
            (cursor.lastrowid, headline, body),
        )
        if n % BATCH == 0:
            conn.execute("COMMIT")
            conn.execute("BEGIN")
    conn.execute("COMMIT")
    conn.close()
    return time.perf_counter() - started


def floor_rate(paths: Sequence[Path], runs: int) -> float:
    """Median files/s of the floor loop over `runs` runs, each into a fresh database."""
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="newsarchive-floor-") as tmp:
            times.append(floor_seconds(paths, Path(tmp) / "floor.db"))
    return len(paths) / median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=20_000, help="articles to generate (default 20000)")
    parser.add_argument("--runs", type=int, default=3, help="runs to take the median of (default 3)")
    add_corpus_option(parser)
    args = parser.parse_args()
    use_corpus(args.corpus)
    with tempfile.TemporaryDirectory(prefix="newsarchive-editions-") as tmp:
        paths = write_editions(Path(tmp), args.count)
        rate = floor_rate(paths, args.runs)
    print(f"machine: {machine()}")
    print(f"floor (bare loop, 1 core): {rate:,.0f} files/s over {args.count:,} files, median of {args.runs}")


if __name__ == "__main__":
    main()
