"""CPU time of `parse()` + JSON against another checkout's, page by page in one process.

    .venv/bin/python benchmarks/html_interleaved.py --baseline /tmp/speed-base [--passes 2] [--limit N]

The other checkout's `newsarchive` package is copied to a temporary folder under another name
(`newsarchive_baseline`; the package imports itself relatively), so both parsers live in one
process. Every page is parsed by both, one right after the other, the order flipped from page
to page, and each call's CPU time (`time.process_time`) is added to its parser's total. On a
shared machine whose load drifts from minute to minute, both parsers meet the same load, so
the ratio holds where runs in separate processes (`html_speed.py --baseline`) swing by ±20%.
Start-up is not counted (see `html_speed.py` for rates with start-up included).
"""

from __future__ import annotations

import argparse
import importlib
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from html_speed import SOURCES, corpus_pages
from scoring import CORPUS

BASELINE_PACKAGE = "newsarchive_baseline"


def _runner(package: str) -> Callable[[bytes], object]:
    """`parse()` + JSON from `package` (`newsarchive` or the copied baseline)."""
    errors = importlib.import_module(f"{package}.errors")
    parse = importlib.import_module(f"{package}.parse").parse
    serialize = importlib.import_module(f"{package}.serialize")

    def run(data: bytes) -> object:
        try:
            return serialize.dumps(serialize.to_dict(parse(data, "page.html")))
        except errors.ParseError:
            return None

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, required=True, help="another checkout (its src/newsarchive)")
    parser.add_argument("--passes", type=int, default=2, help="passes over the pages")
    parser.add_argument("--limit", type=int, default=0, help="at most N pages per source")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    pages = [data for _, data in corpus_pages(args.limit, SOURCES, args.corpus)]
    with tempfile.TemporaryDirectory() as folder:
        shutil.copytree(args.baseline / "src" / "newsarchive", Path(folder) / BASELINE_PACKAGE)
        sys.path.insert(0, folder)
        runners = (_runner("newsarchive"), _runner(BASELINE_PACKAGE))
        for data in pages[:3]:  # first-use set-up of both
            for run in runners:
                run(data)
        spent = [0.0, 0.0]
        for number in range(args.passes):
            for index, data in enumerate(pages):
                order = (0, 1) if (index + number) % 2 else (1, 0)
                for which in order:
                    started = time.process_time()
                    runners[which](data)
                    spent[which] += time.process_time() - started
    count = len(pages) * args.passes
    print(f"{len(pages)} pages, {args.passes} pass(es), CPU time of parse() + JSON, page by page")
    print(f"newsarchive            {spent[0] / count * 1000:.3f} ms/page")
    print(f"newsarchive (baseline) {spent[1] / count * 1000:.3f} ms/page")
    print(f"newsarchive / baseline: {spent[1] / spent[0]:.3f}x")


if __name__ == "__main__":
    main()
