"""Check that a change to the HTML parser leaves every corpus record exactly as it was.

Speed work on `newsarchive.parse` must not change what it extracts. This script parses every
HTML page of ../shared/corpus (the sources `html_speed.py` times) and writes each record's
JSON (or its ParseError) to one JSON-lines file; run it with `--save` before a change and
with `--check` after, and it lists every page whose record differs, field by field.

    .venv/bin/python benchmarks/html_equivalence.py --save /tmp/records-before.jsonl
    ... change the parser ...
    .venv/bin/python benchmarks/html_equivalence.py --check /tmp/records-before.jsonl

Exits 1 when any record differs (or a page is missing from either side), else 0. The
snapshot holds corpus text, so keep it outside the repository (the default is under /tmp).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from html_speed import corpus_pages
from scoring import CORPUS

from newsarchive.errors import ParseError
from newsarchive.parse import parse
from newsarchive.serialize import to_dict


def parsed(documents: Iterable[tuple[str, bytes]]) -> dict[str, Any]:
    """`{label: record dict or {"error": message}}` for `(label, bytes)` documents."""
    out: dict[str, Any] = {}
    for label, data in documents:
        try:
            out[label] = to_dict(parse(data, label))
        except ParseError as error:
            out[label] = {"error": str(error)}
    return out


def records(limit: int, corpus: Path) -> dict[str, Any]:
    """`{corpus-relative path: record dict or {"error": message}}` for every HTML page."""
    return parsed(corpus_pages(limit, corpus=corpus))


def save_or_check(current: dict[str, Any], save: Path | None, check: Path | None, *, partial: bool, noun: str) -> int:
    """Write `current` to `save`, or compare it with the snapshot `check` and print what differs.

    `partial`: `current` covers part of the corpus (`--limit`), so the snapshot's other
    entries are not reported missing. Returns the exit status: 1 when anything differs.
    """
    if save:
        with save.open("w", encoding="utf-8") as out:
            for label, record in current.items():
                out.write(json.dumps({"page": label, "record": record}, ensure_ascii=False) + "\n")
        print(f"{len(current)} records written to {save}")
        return 0
    assert check is not None
    before: dict[str, Any] = {}
    with check.open(encoding="utf-8") as lines:
        for line in lines:
            item = json.loads(line)
            before[item["page"]] = item["record"]
    if partial:
        before = {k: v for k, v in before.items() if k in current}
    changed = differences(before, current)
    for line in changed:
        print(line)
    differing = len({line.split(": ")[0] for line in changed})
    print(f"{len(current)} {noun} parsed, {differing} differ from {check}")
    return 1 if changed else 0


def differences(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """One line per changed field (or page present on one side only)."""
    lines: list[str] = []
    for label in sorted(set(before) | set(after)):
        if label not in after:
            lines.append(f"{label}: missing now")
            continue
        if label not in before:
            lines.append(f"{label}: not in the snapshot")
            continue
        old, new = before[label], after[label]
        for key in sorted(set(old) | set(new)):
            if old.get(key) != new.get(key):
                was, now = json.dumps(old.get(key))[:300], json.dumps(new.get(key))[:300]
                lines.append(f"{label}: {key}\n    was {was}\n    now {now}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--save", type=Path, metavar="FILE", help="write every record to FILE")
    mode.add_argument("--check", type=Path, metavar="FILE", help="compare every record with FILE")
    parser.add_argument("--limit", type=int, default=0, help="at most N pages per source")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="corpus folder (default ../shared/corpus)")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus not found at {args.corpus}: nothing to compare (this script needs ../shared/corpus)")
        return 0
    return save_or_check(
        records(args.limit, args.corpus), args.save, args.check, partial=bool(args.limit), noun="pages"
    )


if __name__ == "__main__":
    sys.exit(main())
