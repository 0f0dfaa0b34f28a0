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
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from html_equivalence import differences
from scoring import CORPUS

from newsarchive.errors import ParseError
from newsarchive.parse import parse
from newsarchive.serialize import to_dict


def corpus_dumps(corpus: Path, limit: int = 0) -> Iterator[tuple[str, bytes]]:
    """`(dumps-relative path, bytes)` of every dump, in a fixed order; `limit` per kind folder."""
    top = corpus / "dumps"
    for folder in sorted(p for p in top.glob("*/*") if p.is_dir()):
        files = sorted(p for p in folder.iterdir() if p.is_file() and p.name != "truth.jsonl")
        for path in files[:limit] if limit else files:
            yield str(path.relative_to(top)), path.read_bytes()


def records(corpus: Path, limit: int = 0) -> dict[str, Any]:
    """`{dumps-relative path: record dict or {"error": message}}` for every dump."""
    out: dict[str, Any] = {}
    for label, data in corpus_dumps(corpus, limit):
        try:
            out[label] = to_dict(parse(data, label))
        except ParseError as error:
            out[label] = {"error": str(error)}
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--save", type=Path, metavar="FILE", help="write every record to FILE")
    mode.add_argument("--check", type=Path, metavar="FILE", help="compare every record with FILE")
    parser.add_argument("--limit", type=int, default=0, help="at most N dumps per source and kind")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="corpus folder (default ../shared/corpus)")
    args = parser.parse_args()
    if not (args.corpus / "dumps").is_dir():
        print(f"dumps not found under {args.corpus}: nothing to compare (this script needs ../shared/corpus)")
        return 0
    current = records(args.corpus, args.limit)
    if args.save:
        with args.save.open("w", encoding="utf-8") as out:
            for label, record in current.items():
                out.write(json.dumps({"page": label, "record": record}, ensure_ascii=False) + "\n")
        print(f"{len(current)} records written to {args.save}")
        return 0
    before: dict[str, Any] = {}
    with args.check.open(encoding="utf-8") as lines:
        for line in lines:
            item = json.loads(line)
            before[item["page"]] = item["record"]
    if args.limit:
        before = {k: v for k, v in before.items() if k in current}
    changed = differences(before, current)
    for line in changed:
        print(line)
    dumps = len({line.split(": ")[0] for line in changed})
    print(f"{len(current)} dumps parsed, {dumps} differ from {args.check}")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
