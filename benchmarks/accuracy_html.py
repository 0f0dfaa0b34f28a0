"""Accuracy and speed of `newsarchive.parse` on the HTML sources of the shared corpus,
side by side with trafilatura, newspaper4k and resiliparse when they are installed
(`pip install -e '.[bench]'`, `pip install resiliparse`).

    .venv/bin/python benchmarks/accuracy_html.py [--corpus DIR] [--tools newsarchive,trafilatura,...]
        [--sources aeb,fundus,...] [--folds A,B] [--limit N] [--fresh] [--misses SOURCE:METRIC]

Reads `../shared/corpus` (next to the repository) unless `--corpus` says otherwise; prints a
notice and exits 0 when it is absent. Every tool parses the same bytes in the same process.

**Folds.** Every source is split by site into two folds: the page's domain (from its `url`,
else the name of the page's folder in the source repository without trailing digits) is
hashed with CRC-32 and even hashes fall in fold A, odd ones in B. All pages of one site land
in the same fold, so rules developed on fold A are measured on sites they never saw in B.
Figures are printed per source and fold, with an `all` row per source.

**Cache.** The other tools' outputs are cached per page (by the SHA-256 of its bytes and the
tool's version) under `benchmarks/out/cache/`, so a rerun only recomputes newsarchive;
their parse times are cached too, and the speed line says so. `--fresh` recomputes
everything in this run (use it for speed ratios: they must come from one run).

Scores, per source and tool (records lacking the truth value are left out of that metric):
- **body F1**: 4-token shingles exactly as article-extraction-benchmark's `evaluate.py`
  computes them: case-sensitive `\\w+` tokens, per-page true/false positives and negatives
  normalised to sum 1, precision and recall averaged over pages, F1 of the two averages.
  Scored where the truth has a `body` (aeb is human-annotated; the newspaper snapshots are a
  tool's output and shown for reference only). newsarchive's text is its sections in order,
  each heading followed by its paragraphs (the record's `body` plus the section headings,
  which the annotators kept in the body); the other tools' text is their main text.
- **headline**: exact match after whitespace/NFKC normalisation (`scoring.exact`).
- **date**: same calendar day. When the truth is a UTC instant (`…Z`) and the prediction has
  an offset, the prediction is converted to UTC first; a naive prediction is compared as is.
- **author F1**: mean per-page multiset F1 of names, compared case-insensitively. Truth
  strings are not split in the corpus (`"A, B and C"`), so each one is split the way a
  reader would: a leading `By`/`Von` removed, then split on `,` `;` `&` `and` `und`, the
  lower-case `et` `y` `e` (French, Spanish, Italian and Portuguese lists) and line breaks
  (readability's raw `byline` likewise; its lines after the first, e.g. a publication
  name, are dropped). Pages without an author in the truth are left out.
- **with / without**: share of trafilatura's `with` snippets found in the body, and of
  `without` snippets absent from it (whitespace-normalised substring test).
- **link recall**: share of readability's `content_links` whose href appears among the
  record's links; `http://fakehost/…` truth hrefs (relative links resolved by readability's
  test harness) match on their path and query.
- **caption F1** (fundus): mean per-page multiset F1 of figure captions against the truth's
  `image_captions[].caption` (normalised exact text); **credit** is the share of truth
  captions with `authors` whose matched caption carries a credit containing each author.
- **pages/s**: files parsed per second of wall-clock parse time over every file of every
  selected source (reading files excluded).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scoring import CORPUS, author_f1, fold_of, mean, normalize, read_truth, score_metadata

SOURCES = ("aeb", "fundus", "trafilatura", "htmldate", "postlight", "readability", "newspaper4k", "newspaper3k")
TARGETS = {
    ("aeb", "body F1"): 0.97,
    ("fundus", "body F1"): 0.95,
    ("fundus", "headline"): 0.90,
    ("fundus", "date"): 0.95,
    ("fundus", "author F1"): 0.87,
    ("trafilatura", "headline"): 0.90,
    ("postlight", "headline"): 0.90,
    ("htmldate", "date"): 0.93,
    ("trafilatura", "date"): 0.92,
    ("postlight", "date"): 0.82,
    ("trafilatura", "author F1"): 0.75,
    ("trafilatura", "with"): 0.92,
    ("trafilatura", "without"): 0.93,
    ("postlight", "author F1"): 0.80,
    ("readability", "author F1"): 0.75,
    ("readability", "link recall"): 0.90,
}
METRICS = ("body F1", "headline", "date", "author F1", "with", "without", "link recall", "caption F1", "credit")
CACHE = Path(__file__).resolve().parent / "out" / "cache"


@dataclass
class Prediction:
    """What one tool extracted from one page, in comparable form."""

    headline: str | None = None
    date: str | None = None
    authors: list[str] = field(default_factory=list)
    body: str = ""
    links: list[str] | None = None  # None: the tool does not report links
    captions: list[tuple[str, str | None]] | None = None  # None: the tool does not report captions
    metadata: bool = True  # False: the tool extracts the body only (no headline, date, authors)
    failed: bool = False


# --- tools -------------------------------------------------------------------------------


def run_newsarchive(data: bytes, url: str | None) -> Prediction:
    from newsarchive.errors import ParseError
    from newsarchive.parse import parse

    try:
        article = parse(data, "page.html")
    except ParseError:
        return Prediction(failed=True, links=[])
    return Prediction(
        headline=article.headline,
        date=article.date,
        authors=[p.name for p in article.byline],
        body="\n\n".join(p for s in article.sections for p in (s.heading, *s.paragraphs) if p),
        links=[link.href for link in article.links],
        captions=[(c.text, c.credit) for c in article.captions],
    )


def run_trafilatura(data: bytes, url: str | None) -> Prediction:
    import trafilatura

    document = trafilatura.bare_extraction(data, url=url, with_metadata=True)
    if document is None:
        return Prediction(failed=True)

    def get(key: str) -> Any:
        return document.get(key) if isinstance(document, dict) else getattr(document, key, None)

    author = get("author") or ""
    return Prediction(
        headline=get("title"),
        date=get("date"),
        authors=[a.strip() for a in re.split(r";", author) if a.strip()],
        body=get("text") or "",
    )


def _offline_tldextract() -> None:
    """newspaper4k calls tldextract, which would download the public suffix list; use the
    snapshot bundled with tldextract instead (the benchmark never touches the network)."""
    from tldextract import tldextract as module

    if not getattr(module, "_offline", False):
        module.TLD_EXTRACTOR = module.TLDExtract(suffix_list_urls=(), cache_dir=None)
        module._offline = True  # type: ignore[attr-defined]


def run_newspaper4k(data: bytes, url: str | None) -> Prediction:
    from newspaper import Article

    _offline_tldextract()

    # fetch_images=False: newspaper4k would otherwise download images to rank them.
    article = Article(url or "http://example.com/article.html", fetch_images=False)
    try:
        article.download(input_html=data.decode("utf-8", "replace"))
        article.parse()
    except Exception:  # noqa: BLE001 - a third-party failure is a failed page, not a crash
        return Prediction(failed=True)
    published = article.publish_date
    return Prediction(
        headline=article.title or None,
        date=published.isoformat() if isinstance(published, datetime) else (str(published) if published else None),
        authors=list(article.authors or []),
        body=article.text or "",
    )


def run_resiliparse(data: bytes, url: str | None) -> Prediction:
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.encoding import bytes_to_str, detect_encoding

    text = extract_plain_text(bytes_to_str(data, detect_encoding(data)), main_content=True)
    return Prediction(body=text or "", metadata=False)


TOOLS: dict[str, Callable[[bytes, str | None], Prediction]] = {
    "newsarchive": run_newsarchive,
    "trafilatura": run_trafilatura,
    "newspaper4k": run_newspaper4k,
    "resiliparse": run_resiliparse,
}
TOOL_MODULES = {
    "newsarchive": "newsarchive",
    "trafilatura": "trafilatura",
    "newspaper4k": "newspaper",
    "resiliparse": "resiliparse",
}


def tool_version(tool: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version({"newspaper4k": "newspaper4k"}.get(tool, TOOL_MODULES[tool]))
    except PackageNotFoundError:
        return "0"


def cached_run(tool: str, data: bytes, url: str | None, *, fresh: bool) -> tuple[Prediction, float, bool]:
    """`(prediction, seconds, from_cache)`; newsarchive is never cached."""
    path = CACHE / tool / f"{hashlib.sha256(data).hexdigest()[:32]}-{tool_version(tool)}.json"
    if tool != "newsarchive" and not fresh and path.is_file():
        stored = json.loads(path.read_text(encoding="utf-8"))
        seconds = stored.pop("seconds")
        return Prediction(**stored), seconds, True
    start = time.perf_counter()
    try:
        prediction = TOOLS[tool](data, url)
    except Exception as error:  # noqa: BLE001 - report and go on
        if tool == "newsarchive":
            raise
        print(f"{tool} failed: {error!r}", file=sys.stderr)
        prediction = Prediction(failed=True)
    seconds = time.perf_counter() - start
    if tool != "newsarchive":
        path.parent.mkdir(parents=True, exist_ok=True)
        record = {**prediction.__dict__, "seconds": seconds}
        path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    return prediction, seconds, False


# --- scoring -----------------------------------------------------------------------------

_AEB_TOKEN_RE = re.compile(r"\w+", re.UNICODE)


def aeb_counts(predicted: str, expected: str, n: int = 4) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) over 4-token shingles, as article-extraction-benchmark counts."""

    def grams(text: str) -> dict[tuple[str, ...], int]:
        tokens = _AEB_TOKEN_RE.findall(text or "")
        counts: dict[tuple[str, ...], int] = {}
        for i in range(max(1, len(tokens) - n + 1)):
            gram = tuple(tokens[i : i + n])
            if gram:
                counts[gram] = counts.get(gram, 0) + 1
        return counts

    truth, pred = grams(expected), grams(predicted)
    tp = fp = fn = 0.0
    for key in set(truth) | set(pred):
        t, p = truth.get(key, 0), pred.get(key, 0)
        tp += min(t, p)
        fp += max(0, p - t)
        fn += max(0, t - p)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def aeb_f1(counts: list[tuple[float, float, float]]) -> float:
    """F1 of mean precision and mean recall over pages (article-extraction-benchmark)."""

    def precision(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else 0.0 if tp == fp == 0 else tp / (tp + fp)

    def recall(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else 0.0 if tp == fn == 0 else tp / (tp + fn)

    p = mean([precision(*c) for c in counts if c[0] + c[1] > 0])
    r = mean([recall(*c) for c in counts if c[0] + c[2] > 0])
    return 2 * p * r / (p + r) if p + r else 0.0


def _snippet_key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _href_key(href: str) -> str:
    parts = urlsplit(href.strip())
    path = parts.path.rstrip("/") or "/"
    key = f"{path}?{parts.query}" if parts.query else path
    return f"{key}#{parts.fragment}" if parts.fragment else key


def link_recall(predicted: list[str], expected: list[dict[str, str]]) -> float | None:
    hrefs = [e["href"] for e in expected if e.get("href")]
    if not hrefs:
        return None
    full = {h.strip() for h in predicted}
    keys = {_href_key(h) for h in predicted}
    found = 0
    for href in hrefs:
        if href.startswith("#"):
            found += any(h.endswith(href) for h in full)
        elif href.startswith("http://fakehost"):
            found += _href_key(href) in keys
        else:
            found += href.strip() in full or _href_key(href) in keys
    return found / len(hrefs)


# --- driver ------------------------------------------------------------------------------


@dataclass
class Scores:
    values: dict[str, list[float]] = field(default_factory=dict)
    counts: list[tuple[float, float, float]] = field(default_factory=list)
    seconds: float = 0.0
    pages: int = 0

    def add(self, metric: str, value: float) -> None:
        self.values.setdefault(metric, []).append(value)

    def get(self, metric: str) -> tuple[int, float] | None:
        if metric == "body F1":
            return (len(self.counts), aeb_f1(self.counts)) if self.counts else None
        values = self.values.get(metric)
        return (len(values), mean(values)) if values else None


def score_record(scores: Scores, record: dict[str, Any], prediction: Prediction, misses: list[str], want: str) -> None:
    name = record["file"]
    if record.get("body"):
        scores.counts.append(aeb_counts(prediction.body, record["body"]))
        if want == "body F1":
            tp, fp, fn = scores.counts[-1]
            misses.append(f"{tp:.2f}/{fp:.2f}/{fn:.2f} {name}")
    if prediction.metadata:
        found = (prediction.headline, prediction.date, prediction.authors)
        score_metadata(scores.add, record, found, misses, want)
    body = _snippet_key(prediction.body)
    for snippet in record.get("with") or ():
        found = _snippet_key(snippet) in body
        scores.add("with", float(found))
        if not found and want == "with":
            misses.append(f"{name}: missing {snippet[:80]!r}")
    for snippet in record.get("without") or ():
        absent = _snippet_key(snippet) not in body
        scores.add("without", float(absent))
        if not absent and want == "without":
            misses.append(f"{name}: has {snippet[:80]!r}")
    truth_captions = [c for c in record.get("image_captions") or () if c.get("caption")]
    if truth_captions and prediction.captions is not None:
        got = {normalize(text): credit or "" for text, credit in prediction.captions}
        value = multiset_f1_keys(list(got), [normalize(c["caption"]) for c in truth_captions])
        scores.add("caption F1", value)
        if value < 1 and want == "caption F1":
            misses.append(
                f"{value:.2f} {name}: got {list(got)[:3]!r} want {[c['caption'] for c in truth_captions][:3]!r}"
            )
        for caption in truth_captions:
            if caption.get("authors"):
                credit = got.get(normalize(caption["caption"]), "")
                scores.add("credit", float(all(normalize(a) in normalize(credit) for a in caption["authors"])))
    recall = None
    if prediction.links is not None:
        recall = link_recall(prediction.links or [], record.get("content_links") or [])
    if recall is not None:
        scores.add("link recall", recall)
        if recall < 1 and want == "link recall":
            misses.append(f"{recall:.2f} {name}")


def multiset_f1_keys(predicted: list[str], expected: list[str]) -> float:
    """Multiset F1 of already normalised strings."""
    return author_f1(predicted, expected) if predicted or expected else 1.0


def available(tool: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(TOOL_MODULES[tool]) is not None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--tools", default="newsarchive,trafilatura,newspaper4k,resiliparse")
    parser.add_argument("--sources", default=",".join(SOURCES))
    parser.add_argument("--folds", default="A,B", help="which site folds to run (A, B or A,B)")
    parser.add_argument("--limit", type=int, default=0, help="at most N files per source")
    parser.add_argument("--fresh", action="store_true", help="recompute the other tools instead of using the cache")
    parser.add_argument("--misses", default="", help="SOURCE:METRIC to list newsarchive's misses for")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus not found at {args.corpus}: nothing to measure (this benchmark needs ../shared/corpus)")
        return 0
    tools = [t for t in args.tools.split(",") if t]
    missing = [t for t in tools if t not in TOOLS or not available(t)]
    for tool in missing:
        print(f"{tool}: not installed, skipped (pip install -e '.[bench]')", file=sys.stderr)
    tools = [t for t in tools if t not in missing]
    folds = [f for f in args.folds.split(",") if f]
    miss_source, _, miss_metric = args.misses.partition(":")
    results: dict[tuple[str, str, str], Scores] = {}
    totals = {tool: Scores() for tool in tools}
    cached = dict.fromkeys(tools, False)
    import logging
    import warnings

    logging.disable(logging.CRITICAL)  # third-party tools log every failure
    warnings.simplefilter("ignore")
    misses: list[str] = []
    for source in args.sources.split(","):
        folder = args.corpus / source
        if not (folder / "truth.jsonl").is_file():
            continue
        records = [r for r in read_truth(folder) if fold_of(r) in folds]
        if args.limit:
            records = records[: args.limit]
        for tool in tools:
            for record in records:
                path = folder / record["file"]
                if not path.is_file():
                    continue
                data = path.read_bytes()
                prediction, elapsed, hit = cached_run(tool, data, record.get("url"), fresh=args.fresh)
                cached[tool] |= hit
                totals[tool].seconds += elapsed
                totals[tool].pages += 1
                want = miss_metric if (tool == "newsarchive" and source == miss_source) else ""
                for fold in (fold_of(record), "all"):
                    scores = results.setdefault((source, fold, tool), Scores())
                    scores.seconds += elapsed
                    scores.pages += 1
                    score_record(scores, record, prediction, misses if fold == "all" else [], want)
    print_report(results, totals, tools, folds, cached)
    if misses:
        print(f"\nnewsarchive misses on {args.misses}:")
        for line in misses:
            print("  " + line)
    return 0


def print_report(results: dict[tuple[str, str, str], Scores], totals: dict[str, Scores], tools: list[str],
                 folds: list[str], cached: dict[str, bool]) -> None:  # fmt: skip
    sources = list(dict.fromkeys(s for s, _, _ in results))
    header = f"| source | fold | metric | n | {' | '.join(tools)} | target |"
    print(header)
    print("|" + "---|" * (5 + len(tools)))
    shown = [*folds, "all"] if len(folds) > 1 else folds
    for source in sources:
        for fold in shown:
            for metric in METRICS:
                cells = [
                    results[(source, fold, t)].get(metric) if (source, fold, t) in results else None for t in tools
                ]
                if all(c is None for c in cells):
                    continue
                n = next(c[0] for c in cells if c is not None)
                target = TARGETS.get((source, metric))
                values = " | ".join("-" if c is None else f"{c[1]:.3f}" for c in cells)
                mark = ""
                if target is not None and cells[0] is not None and tools[0] == "newsarchive":
                    mark = f"≥ {target:.2f} " + ("ok" if cells[0][1] >= target - 1e-9 else "MISSED")
                print(f"| {source} | {fold} | {metric} | {n} | {values} | {mark} |")
    speeds = " | ".join(
        (f"{totals[t].pages / totals[t].seconds:.1f}" + (" (cached)" if cached[t] else ""))
        if totals[t].seconds
        else "-"
        for t in tools
    )
    pages = max((totals[t].pages for t in tools), default=0)
    print(f"| all | | pages/s | {pages} | {speeds} | ≥ 3× trafilatura (same run: --fresh) |")


if __name__ == "__main__":
    raise SystemExit(main())
