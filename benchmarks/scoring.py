"""Scoring helpers shared by the accuracy benchmarks (text and HTML).

Everything here is pure and dependency-free so that any benchmark script can import it
(`from scoring import ...` when run as `python benchmarks/<script>.py`, since the script's
folder is on `sys.path`).

Conventions, stated once so every benchmark scores the same way:
- **Normalisation** (`normalize`): Unicode NFKC, whitespace runs (including NBSP and the
  ideographic space) collapsed to one space, stripped. Case is kept for exact matches.
- **Tokens** (`tokens`): lowercased runs of letters/digits; every CJK ideograph, kana or
  hangul syllable is a token on its own, because those scripts do not put spaces between words.
- **Body F1** (`shingle_f1`): F1 over the multisets of 4-token shingles (4 consecutive tokens)
  of the predicted and expected text. A text shorter than 4 tokens is a single shingle.
  Two empty texts score 1.0; exactly one empty text scores 0.0.
- **Names** (`multiset_f1`): F1 over multisets of normalised strings (order ignored).
- **Headlines** (`exact`): equal after `normalize`, typographic quotes and apostrophes
  read as ASCII `'` and `"` (publishers print `It’s` and share `It's`: the same headline).
- **Dates** (`same_day`): the first 10 characters (`YYYY-MM-DD`) of two ISO values are equal;
  when the truth is a UTC instant (`…Z`) a prediction with an offset is converted to UTC first.
- **Authors** (`split_truth_authors`, `author_f1`): truth strings split the way a reader would
  (a leading `By`/`Von` removed, then split on `,` `;` `&` `and` `und`, the lower-case `et` `y`
  `e` and line breaks), then a multiset F1 of names compared case-insensitively.
- **Folds** (`site_of`, `fold_of`): a page's site is its URL's host without `www.`, else the
  name of its folder in the source repository without trailing digits; CRC-32 of the site,
  even in fold A, odd in B. Every benchmark uses this one split, so a page and its text dumps
  always fall in the same fold.
"""

from __future__ import annotations

import json
import re
import unicodedata
import zlib
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

T = TypeVar("T", bound=Hashable)

# The shared evaluation corpus, beside the repository and never copied into it.
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

SHINGLE_SIZE = 4

_SPACE_RE = re.compile(r"\s+")
# A CJK character (one token each) or a run of other word characters.
_TOKEN_RE = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]|[^\W_]+",
    re.UNICODE,
)
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")


def normalize(text: str | None) -> str:
    """NFKC, whitespace collapsed to single spaces, stripped; None becomes ""."""
    if not text:
        return ""
    return _SPACE_RE.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def tokens(text: str | None) -> list[str]:
    """Lowercased word tokens; each CJK character is a token of its own."""
    if not text:
        return []
    folded = unicodedata.normalize("NFKC", text).lower()
    return _TOKEN_RE.findall(folded)


def shingles(text: str | None, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """The multiset of `size`-token shingles of `text` (one shingle when shorter)."""
    words = tokens(text)
    if not words:
        return Counter()
    if len(words) < size:
        return Counter([tuple(words)])
    return Counter(tuple(words[i : i + size]) for i in range(len(words) - size + 1))


def f1_counts(predicted: Counter[T], expected: Counter[T]) -> float:
    """F1 of two multisets: 1.0 when both are empty, 0.0 when only one is."""
    if not predicted and not expected:
        return 1.0
    if not predicted or not expected:
        return 0.0
    overlap = sum((predicted & expected).values())
    if not overlap:
        return 0.0
    precision = overlap / sum(predicted.values())
    recall = overlap / sum(expected.values())
    return 2 * precision * recall / (precision + recall)


def shingle_f1(predicted: str | None, expected: str | None, size: int = SHINGLE_SIZE) -> float:
    """F1 over 4-token shingles of two texts (the body score)."""
    return f1_counts(shingles(predicted, size), shingles(expected, size))


def multiset_f1(predicted: Iterable[str], expected: Iterable[str]) -> float:
    """F1 over normalised strings, order ignored (the author-name score)."""
    return f1_counts(
        Counter(normalize(p) for p in predicted if normalize(p)),
        Counter(normalize(e) for e in expected if normalize(e)),
    )


# Typographic quotes and apostrophes read as their ASCII forms: a title's share copy
# (`og:title`, `It's`) and its printed heading (`It’s`) are the same headline.
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'",
                         "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"'})  # fmt: skip


def headline_form(text: str | None) -> str:
    """`text` as the headline score compares it: `normalize`, typographic quotes read as ASCII ones."""
    return normalize(text).translate(_QUOTES)


def exact(predicted: str | None, expected: str | None) -> bool:
    """Equal after `normalize` and with typographic quotes read as ASCII ones (the headline score)."""
    return headline_form(predicted) == headline_form(expected)


def same_day(predicted: str | None, expected: str | None) -> bool:
    """Same calendar day; a prediction with an offset moves to UTC when the truth is UTC."""
    if not predicted or not expected:
        return False
    if expected.endswith("Z") and len(predicted) > 10:
        try:
            value = datetime.fromisoformat(predicted.replace("Z", "+00:00"))
        except ValueError:
            value = None
        if value is not None and value.tzinfo is not None:
            predicted = value.astimezone(timezone.utc).isoformat()
    return predicted[:10] == expected[:10]


def has_cjk(text: str) -> bool:
    """True when `text` holds any CJK character."""
    return bool(_CJK_RE.search(text))


def mean(values: Sequence[float]) -> float:
    """Arithmetic mean; 0.0 for no values."""
    return sum(values) / len(values) if values else 0.0


def print_table(title: str, rows: Sequence[tuple[str, int, float, float | None]]) -> None:
    """Print `(metric, n, score, target)` rows as an aligned plain-text table."""
    print(title)
    print(f"  {'metric':<28} {'n':>6} {'score':>8} {'target':>8}  ok")
    for metric, count, score, target in rows:
        target_text = f"{target:.2f}" if target is not None else "-"
        ok = "" if target is None else ("yes" if score >= target else "NO")
        print(f"  {metric:<28} {count:>6} {score:>8.4f} {target_text:>8}  {ok}")


# --- corpus truth and folds --------------------------------------------------------------


def read_truth(folder: Path) -> Iterator[dict[str, Any]]:
    """The rows of `folder/truth.jsonl`."""
    with (folder / "truth.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


_TRAILING_DIGITS_RE = re.compile(r"[-_.]?\d+$")


def site_of(record: dict[str, Any]) -> str:
    """The page's site: its URL's host without `www.`, else its source folder's name."""
    host = urlsplit(record.get("url") or record.get("canonical_url") or "").hostname or ""
    if host:
        return host.removeprefix("www.")
    origin = Path(record.get("source_path") or record["file"])
    name = origin.parent.name if origin.parent.name not in ("", "html") else origin.stem
    return _TRAILING_DIGITS_RE.sub("", name.split(".")[0]) or name


def fold_of(record: dict[str, Any]) -> str:
    """`A` or `B`: a stable hash of the page's site (all pages of a site share a fold)."""
    return "AB"[zlib.crc32(site_of(record).encode("utf-8")) % 2]


# --- headline, date and author scores ----------------------------------------------------

_SPLIT_RE = re.compile(r"\s*(?:,|;|&|\b(?i:and|und)\b|\b(?:et|y|e)\b|\n)\s*")
_BY_RE = re.compile(r"^\s*(?:by|von)\s+", re.IGNORECASE)


def split_truth_authors(values: list[str]) -> list[str]:
    """Truth author strings split into names (see the module docstring)."""
    names: list[str] = []
    for value in values:
        for piece in _SPLIT_RE.split(_BY_RE.sub("", value.strip())):
            piece = _BY_RE.sub("", piece).strip(" .")
            if piece:
                names.append(piece)
    return names


def _name_key(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", name).lower().replace(".", " ").split())


def author_f1(predicted: list[str], expected: list[str]) -> float:
    """Multiset F1 of names, case-insensitive, dots as spaces."""
    pred = [_name_key(p) for p in predicted if _name_key(p)]
    truth = [_name_key(t) for t in expected if _name_key(t)]
    if not pred and not truth:
        return 1.0
    if not pred or not truth:
        return 0.0
    remaining = list(truth)
    hits = 0
    for name in pred:
        if name in remaining:
            remaining.remove(name)
            hits += 1
    if not hits:
        return 0.0
    precision, recall = hits / len(pred), hits / len(truth)
    return 2 * precision * recall / (precision + recall)


def truth_authors(record: dict[str, Any]) -> list[str]:
    """The record's author names split as a reader would (readability's raw `byline`: its first line)."""
    authors = record.get("authors")
    if not authors and record.get("byline"):
        authors = [record["byline"].strip().split("\n")[0]]
    if not authors or not any(a.strip() for a in authors):
        return []
    return split_truth_authors(authors)


def score_metadata(
    add: Callable[[str, float], None],
    record: dict[str, Any],
    found: tuple[str | None, str | None, list[str]] | None,
    misses: list[str],
    want: str,
) -> None:
    """Score `found` = (headline, date, authors) against the record's truth; None: nothing found.

    Adds `headline` (exact after `normalize`), `date` (`same_day`) and `author F1` where the
    truth has the value, and lists the misses of the metric named by `want`."""
    name = record["file"]
    headline, date, authors = found if found is not None else (None, None, [])
    if record.get("title"):
        ok = found is not None and exact(headline, record["title"])
        add("headline", float(ok))
        if not ok and want == "headline":
            misses.append(f"{name}\n    got  {headline!r}\n    want {record['title']!r}")
    truth_date = record.get("date") or record.get("publishedTime")
    if truth_date:
        ok = found is not None and same_day(date, truth_date)
        add("date", float(ok))
        if not ok and want == "date":
            misses.append(f"{name}: got {date!r} want {truth_date!r}")
    expected = truth_authors(record)
    if expected:
        value = author_f1(authors, expected)
        add("author F1", value)
        if value < 1 and want == "author F1":
            misses.append(f"{value:.2f} {name}: got {authors!r} want {expected!r}")
