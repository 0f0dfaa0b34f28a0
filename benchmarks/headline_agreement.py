"""How far the choice between a page's own titles can take the HTML headline score.

    .venv/bin/python benchmarks/headline_agreement.py [--corpus DIR] [--sources fundus,trafilatura,postlight]

Every page offers up to five titles: `og:title`, `twitter:title`, JSON-LD `headline`,
`<title>` (each without its site suffix, `common.strip_site_suffix`) and the first h1 the
parser accepts. The titles that read the same (`scoring.exact`) form one class, and the
page's **pattern** is which sources agree with which (`og+tw+ti / h1`: the share titles and
`<title>` agree against the h1). A rule that reads only agreement can do no more than pick,
per pattern, one class (by the sources in it) or leave the parser's choice. Per source and
fold, over the pages whose truth has a title:
- **parser**: `parse()`'s headline (the cascade in `html_headline`);
- **on the page**: the truth is one of the five titles (the ceiling of any choice among them);
- **best per pattern, same fold**: each pattern's best choice fitted on the fold it is scored
  on (all the sources listed at once, since one rule serves them all): an upper bound, not
  a rule;
- **fitted on the other fold**: the choices fitted on fold A scored on fold B, and the
  reverse: what such a rule would really do on sites it has not seen.
Then the patterns where fold A's best choice differs from the parser, with the pages won
and lost on each fold.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from scoring import _QUOTES, CORPUS, exact, fold_of, normalize, read_truth

from newsarchive.errors import ParseError
from newsarchive.parse import parse
from newsarchive.parse.common import strip_site_suffix
from newsarchive.parse.html import _parse_tree, decode_html
from newsarchive.parse.html_headline import site_names
from newsarchive.parse.html_page import read_page

SOURCES = ("fundus", "trafilatura", "postlight")


@dataclass
class Row:
    source: str
    fold: str
    pattern: tuple[str, ...]  # each class as its sources joined by `+`, sorted
    right: frozenset[str]  # the class (if any) that spells the truth
    parser_ok: bool


def _key(text: str) -> str:
    return normalize(text).translate(_QUOTES)


def read_row(source: str, record: dict[str, object], data: bytes) -> Row:
    text, _, _ = decode_html(data, None)
    root = _parse_tree(text.encode("utf-8", "surrogatepass"))
    truth = str(record["title"])
    try:
        got = parse(data, "page.html").headline
    except ParseError:
        got = None
    classes: dict[str, list[str]] = {}
    if root is not None:
        page = read_page(root, text)
        url = record.get("url")
        sites = site_names(page, url if isinstance(url, str) else None)
        found = [("og", page.meta.first(("og:title",))), ("tw", page.meta.first(("twitter:title",))),
                 ("ld", page.jsonld.headline if page.jsonld else None)]  # fmt: skip
        titles = [(name, strip_site_suffix(value, sites)) for name, value in found if value]
        if page.title:
            titles.append(("ti", strip_site_suffix(page.title, sites, page.h1s)))
        if page.h1s:
            titles.append(("h1", page.h1s[0]))
        for name, value in titles:
            classes.setdefault(_key(value), []).append(name)
    pattern = tuple(sorted("+".join(names) for names in classes.values()))
    right = frozenset("+".join(names) for key, names in classes.items() if key == _key(truth))
    return Row(source, fold_of(record), pattern, right, exact(got, truth))


def fit(rows: list[Row]) -> dict[tuple[str, ...], str | None]:
    """Per pattern, the class that spells the most truths, or None (the parser's choice)
    unless a class beats the parser."""
    by_pattern: dict[tuple[str, ...], list[Row]] = defaultdict(list)
    for row in rows:
        by_pattern[row.pattern].append(row)
    chosen: dict[tuple[str, ...], str | None] = {}
    for pattern, group in by_pattern.items():
        options: list[str | None] = [None, *sorted(pattern)]
        chosen[pattern] = max(options, key=lambda option: (sum(correct(r, option) for r in group), option is None))
    return chosen


def correct(row: Row, option: str | None) -> bool:
    return row.parser_ok if option is None else option in row.right


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    options.add_argument("--corpus", type=Path, default=CORPUS)
    options.add_argument("--sources", default=",".join(SOURCES))
    args = options.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus not found at {args.corpus}: nothing to measure")
        return 0
    rows: list[Row] = []
    for source in args.sources.split(","):
        folder = args.corpus / source
        if not (folder / "truth.jsonl").is_file():
            continue
        for record in read_truth(folder):
            path = folder / record["file"]
            if record.get("title") and path.is_file():
                rows.append(read_row(source, record, path.read_bytes()))
    fitted = {fold: fit([r for r in rows if r.fold == fold]) for fold in "AB"}
    print("| source | fold | pages | parser | on the page | best per pattern, same fold | fitted on the other fold |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for source in dict.fromkeys(r.source for r in rows):
        for fold, other in (("A", "B"), ("B", "A")):
            group = [r for r in rows if r.source == source and r.fold == fold]
            if not group:
                continue
            same = sum(correct(r, fitted[fold][r.pattern]) for r in group)
            across = sum(correct(r, fitted[other].get(r.pattern)) for r in group)
            cells = [sum(r.parser_ok for r in group), sum(bool(r.right) for r in group), same, across]
            print(f"| {source} | {fold} | {len(group)} | " + " | ".join(f"{c / len(group):.3f}" for c in cells) + " |")
    print("\nPatterns where fold A's best choice is not the parser's (pages won - lost, per fold and source):")
    for pattern, option in sorted(fitted["A"].items()):
        if option is None:
            continue
        effect: Counter[str] = Counter()
        for row in rows:
            if row.pattern == pattern:
                effect[f"{row.fold} {row.source}"] += correct(row, option) - row.parser_ok
        shown = ", ".join(f"{k} {v:+d}" for k, v in sorted(effect.items()) if v)
        print(f"  {' / '.join(pattern)} -> {option}: {shown or 'no change'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
