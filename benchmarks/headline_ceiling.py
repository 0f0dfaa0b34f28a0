"""How often a whole-page dump prints its truth title where a line reader can find it.

    .venv/bin/python benchmarks/headline_ceiling.py [--corpus DIR] [--dumps DIR] [--fold A|B|all]
                                                      [--kinds html2text,w3m,traf-md]

For each kind and fold, over the pages whose truth has a title, the share where the title
(compared as the headline score compares: `scoring.headline_form`, case kept, typographic quotes
read as ASCII ones) equals:
- **line**: one line of the dump, its markup taken off (`#` marks, `**`/`__`, list marks,
  `[text](url)` → text, `![alt](src)` dropped);
- **1–2 lines**: one line, or two adjacent lines joined by a space (a title wrapped over two);
- **1–3 lines**: up to three adjacent lines;
- **anywhere**: any stretch of the dump's text (whitespace collapsed): what no line reader can
  beat. A title printed only inside a longer line (`Title | Site`, a kicker glued before it)
  counts here and not above.
- **folded**: any stretch of the text once case, quotes and dashes are folded as well (a title
  printed in capitals, `-` for `–`): what the exact score loses to the way a tool prints it.
The headline score's ceiling for a line-based reading is the `1–3 lines` column; the parser's
own score, compared as `accuracy_dumps.py` compares it (`scoring.exact`), is printed beside it
(`got`). `--dumps DIR` reads another folder in the corpus's layout (`make_dumps.py`'s tools).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from scoring import CORPUS, exact, fold_of, headline_form, normalize, read_truth

from newsarchive.errors import ParseError
from newsarchive.parse import parse
from newsarchive.parse.encoding import decode_text

KINDS = ("html2text", "w3m", "traf-md")
_IMAGE_RE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK_RE = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_LEAD_RE = re.compile(r"^\s*(?:#{1,6}\s+|[*+•·-]\s+|\d{1,3}[.)]\s+|>\s*)*")
_EMPHASIS_RE = re.compile(r"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)")
_LYNX_RE = re.compile(r"\[\d{1,5}\]")
# `folded` also reads dashes as `-` and ignores case.
_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-"})


def clean_line(line: str) -> str:
    line = _IMAGE_RE.sub("", line)
    line = _LINK_RE.sub(r"\1", line)
    line = _LYNX_RE.sub("", line)
    line = _LEAD_RE.sub("", line)
    line = _EMPHASIS_RE.sub("", line)
    return normalize(line.replace("\\", ""))


def ceiling(text: str, title: str) -> tuple[bool, bool, bool, bool, bool]:
    want = headline_form(title)
    lines = [headline_form(clean_line(line)) for line in text.splitlines()]
    lines = [line for line in lines if line]
    one = want in lines
    two = one or any(f"{a} {b}" == want for a, b in zip(lines, lines[1:], strict=False))
    three = two or any(f"{a} {b} {c}" == want for a, b, c in zip(lines, lines[1:], lines[2:], strict=False))
    anywhere = want in " ".join(lines)
    folded = anywhere or want.translate(_DASHES).casefold() in " ".join(lines).translate(_DASHES).casefold()
    return one, two, three, anywhere, folded


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    options.add_argument("--corpus", type=Path, default=CORPUS)
    options.add_argument("--fold", default="all", choices=("A", "B", "all"))
    options.add_argument("--kinds", default=",".join(KINDS))
    options.add_argument("--dumps", type=Path, default=None, help="dumps folder (default CORPUS/dumps)")
    args = options.parse_args(argv)
    dumps = args.dumps or args.corpus / "dumps"
    if not dumps.is_dir():
        print(f"No dumps found under {dumps}; nothing to measure.")
        return 0
    folds = ("A", "B") if args.fold == "all" else (args.fold,)
    counts: dict[tuple[str, str], list[int]] = {}
    for truth in sorted(dumps.glob("*/*/truth.jsonl")):
        kind = truth.parent.name
        if kind not in args.kinds.split(","):
            continue
        for record in read_truth(truth.parent):
            fold = fold_of(record)
            if not record.get("title") or fold not in folds:
                continue
            data = (truth.parent / record["file"]).read_bytes()
            row = counts.setdefault((kind, fold), [0] * 7)
            row[0] += 1
            for n, hit in enumerate(ceiling(decode_text(data)[0], record["title"]), start=1):
                row[n] += hit
            try:
                got = parse(data, record["file"]).headline
            except ParseError:
                got = None
            row[6] += exact(got, record["title"])
    print("| kind | fold | titled | line | 1–2 lines | 1–3 lines | anywhere | folded | got |")
    print("|---|---|---|---|---|---|---|---|---|")
    for (kind, fold), row in sorted(counts.items()):
        cells = " | ".join(f"{value / row[0]:.3f}" for value in row[1:])
        print(f"| {kind} | {fold} | {row[0]} | {cells} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
