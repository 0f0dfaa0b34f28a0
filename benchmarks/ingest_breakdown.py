"""Where ingest time goes: CPU microseconds per article for each stage, in one process.

Runs every stage of ingesting a text article by hand, in order, on N articles made from
../shared/corpus/bbc-text (see perfutil.write_editions), timing each with the process CPU
clock, and prints the median over `--runs` passes of the per-article cost. Stages, as the
pipeline runs them:

- in a worker: read the file, hash it, check for binary junk, sniff the format, decode,
  the text parser proper, `finish` (ids, body, word count, the frozen record), `to_dict`
  and JSON encoding, compressing the source;
- in the writing process: `Archive.put_many` in batches of 500 (rows, raw bytes, the
  search index, the commit).

With `--profile` it also prints the functions with the most own time over the whole path
(cProfile), which is where to look when one stage grows.

Run:
    .venv/bin/python benchmarks/ingest_breakdown.py --count 5000 --runs 3 [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import tempfile
import time
import zlib
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from perfutil import add_corpus_option, machine, median, use_corpus, write_editions

from newsarchive.model import Article
from newsarchive.parse import is_binary, sniff_format
from newsarchive.parse.common import finish
from newsarchive.parse.encoding import decode_text
from newsarchive.parse.text import parse_text
from newsarchive.serialize import dumps, sha256_hex, to_dict
from newsarchive.sources import read_source
from newsarchive.store import SMALL_SOURCE_BYTES, ZLIB_LEVEL, Archive, Row, row_for

BATCH = 500
WORKER_STAGES = ("read", "sha256", "is_binary", "sniff_format", "decode_text", "parse_text", "finish",
                 "to_dict + JSON", "compress source")  # fmt: skip


def _encode(article: Article) -> str:
    return dumps(to_dict(article))


def one_pass(paths: list[Path], db: Path) -> dict[str, float]:
    """CPU seconds per stage for one pass over `paths`, writing into a new archive at `db`."""
    spent: dict[str, float] = defaultdict(float)
    clock = time.process_time

    def timed(stage: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        started = clock()
        result = fn(*args, **kwargs)
        spent[stage] += clock() - started
        return result

    rows: list[Row] = []
    with Archive.open(db) as archive:
        for path in paths:
            label = str(path)
            data = timed("read", read_source, label).data
            timed("sha256", sha256_hex, data)
            timed("is_binary", is_binary, data)
            timed("sniff_format", sniff_format, data)
            text, encoding, _ = timed("decode_text", decode_text, data)
            draft = timed("parse_text", parse_text, text)
            article = timed("finish", finish, draft, data=data, path=label, encoding=encoding)
            timed("to_dict + JSON", _encode, article)
            level = 1 if len(data) < SMALL_SOURCE_BYTES else ZLIB_LEVEL
            timed("compress source", zlib.compress, data, level)
            rows.append(row_for(article, data))
            if len(rows) == BATCH:
                timed("write (put_many)", archive.put_many, rows)
                rows = []
        if rows:
            timed("write (put_many)", archive.put_many, rows)
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=5000, help="articles (default 5000)")
    parser.add_argument("--runs", type=int, default=3, help="passes to take the median of (default 3)")
    parser.add_argument("--profile", action="store_true", help="also print the top functions by own time")
    add_corpus_option(parser)
    args = parser.parse_args()
    use_corpus(args.corpus)
    with tempfile.TemporaryDirectory(prefix="newsarchive-breakdown-") as tmp:
        paths = write_editions(Path(tmp) / "editions", args.count)
        passes = [one_pass(paths, Path(tmp) / f"archive-{n}.db") for n in range(args.runs)]
        profile = None
        if args.profile:
            profile = cProfile.Profile(time.process_time)
            profile.runcall(one_pass, paths, Path(tmp) / "archive-profiled.db")
    per_article = {stage: median([p[stage] for p in passes]) / args.count * 1e6 for stage in passes[0]}
    worker = sum(per_article[s] for s in WORKER_STAGES)
    total = sum(per_article.values())
    print(f"machine: {machine()}")
    print(f"{args.count:,} bbc-text articles, CPU time per article, median of {args.runs} passes\n")
    print("| stage | where | µs per article | share |")
    print("|---|---|---:|---:|")
    for stage, micros in per_article.items():
        where = "worker" if stage in WORKER_STAGES else "writer"
        print(f"| {stage} | {where} | {micros:,.0f} | {micros / total:.0%} |")
    print(f"| **worker total** | | **{worker:,.0f}** | {worker / total:.0%} |")
    print(f"| **all** | | **{total:,.0f}** | |")
    if profile is not None:
        print()
        pstats.Stats(profile).sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
