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
- **unit**: one of the units the dump reading cuts the page into and the headline ranker picks
  from (`dump.page_units`: wrapped lines joined, closing link list cut), as the parser would
  print it (`dump.headline_raw`, markup taken off): a title wrapped over lines that the units join
  counts here, one the units split does not;
- **candidate**: one of the units the ranker is shown (`dump.headline_candidates`: the
  windows around the article region's start and its first dateline, the region found as
  `train_dump_model.py` finds it) is the title: `unit` minus `candidate` is the windows' loss;
- **ranked**: the unit the headline ranker scores highest (`dump_model.headline_score` over
  `dump.headline_candidates`, the region found as `train_dump_model.py` finds it), printed as a
  headline, is the title: what the ranker alone gets, before the parser's later steps (a label
  or a breadcrumb trail read as the title beside it, a date line passed over, a title recased or
  cut). `candidate` minus `ranked` is the ranker's loss; `ranked` against `got` the later steps' net;
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
from newsarchive.parse.dump import headline_candidates, headline_raw, page_units
from newsarchive.parse.dump_model import headline_score
from newsarchive.parse.dump_region import find_region
from newsarchive.parse.encoding import decode_text
from newsarchive.parse.text import plain_inline

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


def as_unit(text: str, title: str) -> tuple[bool, bool, bool]:
    """`(unit, candidate, ranked)`: True when one of the dump reading's units, printed as a
    headline, is the title; when one of the headline ranker's candidates is; when the one it
    scores highest is."""
    page = page_units(text)
    if page is None:
        return False, False, False
    units, references = page
    want = headline_form(title)

    def is_title(index: int) -> bool:
        return headline_form(plain_inline(headline_raw(units[index]))[0]) == want

    if not any(map(is_title, range(len(units)))):
        return False, False, False
    start, end, _ = find_region(units)
    candidates = headline_candidates(units, start, end, references) if end > start else []
    if not candidates:
        return True, False, False
    best = max(candidates, key=lambda candidate: headline_score(candidate[1]))[0]
    return True, any(is_title(index) for index, _ in candidates), is_title(best)


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
            row = counts.setdefault((kind, fold), [0] * 10)
            row[0] += 1
            text = decode_text(data)[0]
            one, two, three, anywhere, folded = ceiling(text, record["title"])
            unit, candidate, ranked = as_unit(text, record["title"])
            for n, hit in enumerate((one, two, three, unit, candidate, ranked, anywhere, folded), start=1):
                row[n] += hit
            try:
                got = parse(data, record["file"]).headline
            except ParseError:
                got = None
            row[9] += exact(got, record["title"])
    columns = ("line", "1–2 lines", "1–3 lines", "unit", "candidate", "ranked", "anywhere", "folded", "got")
    print("| kind | fold | titled | " + " | ".join(columns) + " |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for (kind, fold), row in sorted(counts.items()):
        cells = " | ".join(f"{value / row[0]:.3f}" for value in row[1:])
        print(f"| {kind} | {fold} | {row[0]} | {cells} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
