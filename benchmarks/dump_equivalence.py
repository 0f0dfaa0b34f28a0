"""Check that a change to the text parser leaves every corpus dump's record exactly as it was.

Speed work on the page-dump reading (`parse/dump*.py`, `parse/text.py`) must not change what it
extracts. This script parses every dump under ../shared/corpus/dumps/ (every source and kind,
the files `accuracy_dumps.py` scores) and writes each record's JSON (or its ParseError) to one
JSON-lines file; run it with `--save` before a change and with `--check` after, and it lists
every dump whose record differs, field by field.

    .venv/bin/python benchmarks/dump_equivalence.py --save /tmp/dumps-before.jsonl
    ... change the parser ...
    .venv/bin/python benchmarks/dump_equivalence.py --check /tmp/dumps-before.jsonl

Exits 1 when any record differs (or a dump is missing from either side), else 0. The snapshot
holds corpus text, so keep it outside the repository (the default is under /tmp).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from html_equivalence import parsed, save_or_check
from scoring import CORPUS


def corpus_dumps(corpus: Path, limit: int = 0, top: Path | None = None) -> Iterator[tuple[str, bytes]]:
    """`(dumps-relative path, bytes)` of every dump, in a fixed order; `limit` per kind folder.

    `top` is the dumps folder (`SOURCE/KIND/files`), `corpus / "dumps"` when not given.
    """
    top = corpus / "dumps" if top is None else top
    for folder in sorted(p for p in top.glob("*/*") if p.is_dir()):
        files = sorted(p for p in folder.iterdir() if p.is_file() and p.name != "truth.jsonl")
        for path in files[:limit] if limit else files:
            yield str(path.relative_to(top)), path.read_bytes()


def records(corpus: Path, limit: int = 0, top: Path | None = None) -> dict[str, Any]:
    """`{dumps-relative path: record dict or {"error": message}}` for every dump."""
    return parsed(corpus_dumps(corpus, limit, top))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--save", type=Path, metavar="FILE", help="write every record to FILE")
    mode.add_argument("--check", type=Path, metavar="FILE", help="compare every record with FILE")
    parser.add_argument("--limit", type=int, default=0, help="at most N dumps per source and kind")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="corpus folder (default ../shared/corpus)")
    parser.add_argument(
        "--dumps",
        type=Path,
        metavar="DIR",
        help="the dumps folder itself (DIR/SOURCE/KIND/files, as make_dumps.py --out writes), "
        "instead of CORPUS/dumps",
    )
    args = parser.parse_args()
    top = args.dumps if args.dumps is not None else args.corpus / "dumps"
    if not top.is_dir():
        print(f"dumps not found under {top}: nothing to compare (this script needs ../shared/corpus)")
        return 0
    return save_or_check(
        records(args.corpus, args.limit, top), args.save, args.check, partial=bool(args.limit), noun="dumps"
    )


if __name__ == "__main__":
    sys.exit(main())
