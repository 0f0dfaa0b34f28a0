"""Accuracy of `newsarchive.parse` on whole-page text dumps (`../shared/corpus/dumps/`).

    .venv/bin/python benchmarks/accuracy_dumps.py [--corpus DIR] [--fold A|B|all] [--kinds html2text,w3m,traf-md]
                                                  [--sources aeb,fundus,...] [--no-html] [--misses KIND:METRIC]
                                                  [--speed] [--dumps DIR]

Every `dumps/<source>/<kind>/` folder holds one dump per page of `<source>/` and a `truth.jsonl`
whose rows are that page's truth. Each kind is scored per field, records lacking the truth value
left out of that field; the same pages parsed from their HTML are scored alongside as the
reference (`--no-html` skips it). Pages are split into two folds by site with
`scoring.fold_of`, the split of `accuracy_html.py`, so every dump falls in its HTML page's fold.
Development happens on fold A; both are reported. `--dumps DIR` scores dumps written elsewhere in
the same layout, such as `make_dumps.py`'s lynx, links and elinks dumps of the same pages: tools
the reading was never developed on; without `--kinds` it scores every kind found there.

Scores (headline, date and authors by `scoring.score_metadata`, as in `accuracy_html.py`):
- **headline**: exact match after whitespace/NFKC normalisation (`scoring.exact`).
- **date**: same calendar day (`scoring.same_day`: a UTC truth converts an offset prediction).
- **author F1**: mean per-page F1 of names, truth strings split the way a reader would
  (`scoring.split_truth_authors`; readability's raw `byline` its first line).
- **body F1 / P**: mean per-page F1 (and precision) over 4-token shingles of the record's body
  (section headings included, as annotators keep them) against the truth body (aeb, fundus).
- **captions**: mean per-page recall of the truth's caption texts (fundus `image_captions`,
  readability `content_figcaptions`) among the record's captions (a caption counts when its
  normalised text contains, or is contained in, the truth text).
- **refused**: share of pages the parser refused (`ParseError`).
With `--speed`: `dump_speed.py`'s figures over the selected dumps held in memory: dumps/s per
core of `parse()` against the plain reading and a floor (decoding the dump and touching each line
once) measured in the same run (median of 3), and a 1 MB against a 10 MB single-line dump.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scoring import CORPUS, f1_counts, fold_of, mean, normalize, read_truth, score_metadata, shingles

from newsarchive.errors import ParseError
from newsarchive.model import Article
from newsarchive.parse import parse

KINDS = ("html2text", "w3m", "traf-md")
SOURCES = ("aeb", "fundus", "htmldate", "postlight", "readability", "trafilatura")
METRICS = ("headline", "date", "author F1", "body F1", "body P", "captions", "refused")
WHOLE_PAGE_TARGETS = {"headline": 0.85, "date": 0.60, "author F1": 0.55, "body F1": 0.88}
READER_TARGETS = {"body F1": 0.95}


def body_with_headings(article: Article) -> str:
    return "\n\n".join(p for s in article.sections for p in (s.heading, *s.paragraphs) if p)


@dataclass
class Scores:
    values: dict[str, list[float]] = field(default_factory=dict)

    def add(self, metric: str, value: float) -> None:
        self.values.setdefault(metric, []).append(value)

    def get(self, metric: str) -> tuple[int, float] | None:
        values = self.values.get(metric)
        return (len(values), mean(values)) if values else None


def caption_recall(article: Article, truth: list[str]) -> float:
    found = [normalize(c.text) for c in article.captions]
    hits = 0
    for text in truth:
        want = normalize(text)
        hits += any(want in got or (got and got in want) for got in found)
    return hits / len(truth)


def truth_captions(record: dict[str, Any]) -> list[str]:
    captions = [c.get("caption") or "" for c in record.get("image_captions") or []]
    captions += list(record.get("content_figcaptions") or [])
    return [c for c in captions if normalize(c)]


def score(scores: Scores, record: dict[str, Any], article: Article | None, misses: list[str], want: str) -> None:
    name = record["file"]
    scores.add("refused", float(article is None))
    found = (article.headline, article.date, [p.name for p in article.byline]) if article else None
    score_metadata(scores.add, record, found, misses, want)
    if record.get("body"):
        predicted = shingles(body_with_headings(article) if article else "")
        expected_sh = shingles(record["body"])
        f1 = f1_counts(predicted, expected_sh)
        overlap = sum((predicted & expected_sh).values())
        precision = overlap / sum(predicted.values()) if predicted else 0.0
        scores.add("body F1", f1)
        scores.add("body P", precision)
        if want == "body F1" and f1 < 0.9:
            misses.append(f"{f1:.2f} (P {precision:.2f}) {name}")
    captions = truth_captions(record)
    if captions:
        value = caption_recall(article, captions) if article else 0.0
        scores.add("captions", value)
        if want == "captions" and value < 1:
            misses.append(f"{value:.2f} {name}")


def parse_or_none(data: bytes, name: str) -> Article | None:
    try:
        return parse(data, name)
    except ParseError:
        return None


def html_file(corpus: Path, source: str, dump_name: str, by_stem: dict[str, str]) -> Path | None:
    found = by_stem.get(dump_name.rsplit(".", 1)[0])
    return corpus / source / found if found else None


def kinds_in(dumps: Path, sources: list[str], chosen: Path | None) -> list[str]:
    """The corpus kinds, or, for a folder given with `--dumps`, every kind a source holds there
    (`make_dumps.py --out` writes `<source>/<kind>/truth.jsonl`), sorted by name."""
    if chosen is None:
        return list(KINDS)
    return sorted({truth.parent.name for source in sources for truth in (dumps / source).glob("*/truth.jsonl")})


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    options.add_argument("--corpus", type=Path, default=CORPUS)
    options.add_argument("--fold", default="all", choices=("A", "B", "all"))
    options.add_argument(
        "--kinds", default=None, help="comma-separated (default: the corpus kinds, or every kind under --dumps)"
    )
    options.add_argument("--sources", default=",".join(SOURCES))
    options.add_argument("--no-html", action="store_true", help="skip the HTML reference")
    options.add_argument("--misses", default="", metavar="KIND:METRIC", help="list misses for one kind and metric")
    options.add_argument("--speed", action="store_true", help="also time parse() over the selected dumps")
    options.add_argument("--dumps", type=Path, default=None, help="dumps folder (default CORPUS/dumps)")
    args = options.parse_args(argv)
    dumps = args.dumps or args.corpus / "dumps"
    if not dumps.is_dir():
        print(f"No dumps found under {dumps}; nothing to score.")
        return 0
    sources = [s for s in args.sources.split(",") if s]
    kinds = [k for k in args.kinds.split(",") if k] if args.kinds is not None else kinds_in(dumps, sources, args.dumps)
    folds = ("A", "B") if args.fold == "all" else (args.fold,)
    miss_kind, _, miss_metric = args.misses.partition(":")
    results: dict[tuple[str, str], Scores] = {}
    misses: list[str] = []
    texts: list[bytes] = []
    parse(b"Warm-up\n\nImports and compiled patterns are ready before timing starts.\n", "-")
    for source in sources:
        by_stem: dict[str, str] = {}
        if not args.no_html and (args.corpus / source / "truth.jsonl").is_file():
            for row in read_truth(args.corpus / source):
                by_stem[row["file"].replace("/", "_").rsplit(".", 1)[0]] = row["file"]
        for kind in kinds:
            folder = dumps / source / kind
            if not (folder / "truth.jsonl").is_file():
                continue
            for record in read_truth(folder):
                fold = fold_of(record)
                if fold not in folds:
                    continue
                data = (folder / record["file"]).read_bytes()
                texts.append(data)
                want = miss_metric if kind == miss_kind else ""
                score(
                    results.setdefault((kind, fold), Scores()),
                    record,
                    parse_or_none(data, record["file"]),
                    misses,
                    want,
                )
                if not args.no_html and kind == kinds[0]:
                    page = html_file(args.corpus, source, record["file"], by_stem)
                    if page is not None and page.is_file():
                        article = parse_or_none(page.read_bytes(), page.name)
                        score(results.setdefault(("html (reference)", fold), Scores()), record, article, [], "")
    report(results, kinds, folds)
    if args.speed:
        speed(texts)
    if misses:
        print(f"\nmisses on {args.misses}:")
        for line in misses:
            print("  " + line)
    return 0


def report(results: dict[tuple[str, str], Scores], kinds: list[str], folds: tuple[str, ...]) -> None:
    rows = [*kinds, "html (reference)"]
    header = "| kind | fold | n | " + " | ".join(METRICS) + " |"
    print(header)
    print("|" + "---|" * (3 + len(METRICS)))
    for kind in rows:
        for fold in folds:
            scores = results.get((kind, fold))
            if scores is None:
                continue
            cells = []
            for metric in METRICS:
                got = scores.get(metric)
                cells.append("-" if got is None else f"{got[1]:.3f} ({got[0]})")
            n = len(scores.values.get("refused", []))
            print(f"| {kind} | {fold} | {n} | " + " | ".join(cells) + " |")
    print(
        "targets: whole-page dumps "
        + ", ".join(f"{m} ≥ {t:.2f}" for m, t in WHOLE_PAGE_TARGETS.items())
        + "; reader-mode markdown: header fields as given, "
        + ", ".join(f"{m} ≥ {t:.2f}" for m, t in READER_TARGETS.items())
    )


def speed(sources: list[bytes]) -> None:
    """`dump_speed.py`'s figures over the selected dumps: dumps/s per core against the plain
    reading and the floor (median of 3 runs), then the 1 MB and 10 MB single-line dumps."""
    import dump_speed

    dump_speed.speed(sources, 3)
    dump_speed.linearity()


if __name__ == "__main__":
    sys.exit(main())
