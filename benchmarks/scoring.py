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
- **Dates** (`same_day`): the first 10 characters (`YYYY-MM-DD`) of two ISO values are equal.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from pathlib import Path
from typing import TypeVar

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


def exact(predicted: str | None, expected: str | None) -> bool:
    """Equal after `normalize` (the headline score)."""
    return normalize(predicted) == normalize(expected)


def same_day(predicted: str | None, expected: str | None) -> bool:
    """Both ISO dates name the same calendar day."""
    if not predicted or not expected:
        return False
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
