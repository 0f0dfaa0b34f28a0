"""Accuracy of `newsarchive.parse` on the text sources of the shared corpus.

    .venv/bin/python benchmarks/accuracy_text.py [--corpus DIR] [--show-misses N]

Reads `../shared/corpus` (next to the repository) unless `--corpus` says otherwise, and
prints one table per source. When the corpus is absent it says so and exits 0.

Scores (helpers in `scoring.py`):
- bbc-text: every `truth.jsonl` record. `headline` = exact match after whitespace/NFKC
  normalisation; `body F1` = mean F1 over 4-token shingles of `body` vs the truth body.
- hkcnews: the `raw/` file of every record (front matter + markdown).
  `headline` = exact match (records with a `title`); `date` = same calendar day (records
  with a `date`); `author-name F1` = mean multiset F1 of byline names vs `authors`
  (records with a non-empty author). The truth keeps role prefixes glued to names
  (`記者戴晴曦`, "reporter 戴晴曦") while the parser splits them into role and name, so a
  predicted person counts as matching a truth string equal to its name or to role + name;
  every other name is compared as written.
Also printed: mean parse time per file during scoring, and for bbc-text a steadier figure:
the best of `TIMING_ROUNDS` passes over all files held in memory, for `parse()` (bytes to
record: sniffing, decoding, hashing included) and for `parse_text()` alone (one process).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from scoring import CORPUS, exact, mean, multiset_f1, normalize, print_table, same_day, shingle_f1

from newsarchive.errors import ParseError
from newsarchive.model import Article, Person
from newsarchive.parse import parse

TIMING_ROUNDS = 5
TARGETS = {
    ("bbc-text", "headline"): 0.99,
    ("bbc-text", "body F1"): 0.99,
    ("hkcnews", "headline"): 0.95,
    ("hkcnews", "date"): 0.95,
    ("hkcnews", "author-name F1"): 0.80,
}


def read_truth(folder: Path) -> Iterator[dict[str, Any]]:
    with (folder / "truth.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


def timed_parse(path: Path, timings: list[float]) -> Article | None:
    data = path.read_bytes()
    start = time.perf_counter()
    try:
        article = parse(data, path.name)
    except ParseError:
        article = None
    timings.append(time.perf_counter() - start)
    return article


def person_form(person: Person, truth: list[str]) -> str:
    """The person as the truth would write them: name, or role + name if that is in the truth."""
    wanted = {normalize(t) for t in truth}
    if person.role:
        for joined in (person.role + person.name, f"{person.role} {person.name}"):
            if normalize(joined) in wanted:
                return joined
    return person.name


def score_bbc(folder: Path, show: int) -> None:
    headlines: list[float] = []
    bodies: list[float] = []
    timings: list[float] = []
    misses: list[str] = []
    for record in read_truth(folder):
        article = timed_parse(folder / record["file"], timings)
        headline = article.headline if article else None
        body = article.body if article else ""
        hit = exact(headline, record.get("title"))
        headlines.append(float(hit))
        f1 = shingle_f1(body, record.get("body", ""))
        bodies.append(f1)
        if not hit:
            misses.append(f"{record['file']}: headline {headline!r} != {record.get('title')!r}")
        if f1 < 0.95:
            misses.append(f"{record['file']}: body F1 {f1:.3f}")
    print_table(
        f"bbc-text ({len(headlines)} files, {1000 * mean(timings):.3f} ms/file parse)",
        [
            ("headline", len(headlines), mean(headlines), TARGETS["bbc-text", "headline"]),
            ("body F1 (4-token shingles)", len(bodies), mean(bodies), TARGETS["bbc-text", "body F1"]),
        ],
    )
    for miss in misses[:show]:
        print("   ", miss)
    time_bbc(folder)
    print()


def time_bbc(folder: Path) -> None:
    """Best-of-N per-file times over bbc-text held in memory (no file I/O)."""
    from newsarchive.parse.encoding import decode_text
    from newsarchive.parse.text import parse_text

    sources = [(folder / record["file"]).read_bytes() for record in read_truth(folder)]
    texts = [decode_text(data)[0] for data in sources]
    best_parse = best_text = float("inf")
    for _ in range(TIMING_ROUNDS):
        start = time.perf_counter()
        for data in sources:
            parse(data, "-")
        best_parse = min(best_parse, (time.perf_counter() - start) / len(sources))
        start = time.perf_counter()
        for text in texts:
            parse_text(text)
        best_text = min(best_text, (time.perf_counter() - start) / len(texts))
    print(
        f"  timing (best of {TIMING_ROUNDS}): parse() {1000 * best_parse:.3f} ms/file, "
        f"parse_text() {1000 * best_text:.3f} ms/file"
    )


def score_hkcnews(folder: Path, show: int) -> None:
    headlines: list[float] = []
    dates: list[float] = []
    authors: list[float] = []
    timings: list[float] = []
    misses: list[str] = []
    for record in read_truth(folder):
        article = timed_parse(folder / record["raw_file"], timings)
        name = record["raw_file"]
        if record.get("title"):
            hit = article is not None and exact(article.headline, record["title"])
            headlines.append(float(hit))
            if not hit:
                misses.append(f"{name}: headline {article.headline if article else None!r} != {record['title']!r}")
        if record.get("date"):
            hit = article is not None and same_day(article.date, record["date"])
            dates.append(float(hit))
            if not hit:
                misses.append(f"{name}: date {article.date if article else None!r} != {record['date']!r}")
        truth = [a for a in record.get("authors") or [] if normalize(a)]
        if truth:
            predicted = [person_form(p, truth) for p in article.byline] if article else []
            f1 = multiset_f1(predicted, truth)
            authors.append(f1)
            if f1 < 1.0:
                misses.append(f"{name}: authors {predicted!r} vs {truth!r}")
    print_table(
        f"hkcnews raw/ ({len(timings)} files, {1000 * mean(timings):.3f} ms/file parse)",
        [
            ("headline", len(headlines), mean(headlines), TARGETS["hkcnews", "headline"]),
            ("date (same day)", len(dates), mean(dates), TARGETS["hkcnews", "date"]),
            ("author-name F1", len(authors), mean(authors), TARGETS["hkcnews", "author-name F1"]),
        ],
    )
    for miss in misses[:show]:
        print("   ", miss)
    print()


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    options.add_argument("--corpus", type=Path, default=CORPUS, help="corpus folder")
    options.add_argument("--show-misses", type=int, default=0, metavar="N", help="list up to N misses per source")
    args = options.parse_args(argv)
    corpus: Path = args.corpus
    found = False
    parse(b"Warm-up\n\nImports and compiled patterns are ready before timing starts.\n", "-")
    if (corpus / "bbc-text" / "truth.jsonl").is_file():
        found = True
        score_bbc(corpus / "bbc-text", args.show_misses)
    if (corpus / "hkcnews" / "truth.jsonl").is_file():
        found = True
        score_hkcnews(corpus / "hkcnews", args.show_misses)
    if not found:
        print(f"No text corpus found under {corpus} (expected bbc-text/ and hkcnews/); nothing to score.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
