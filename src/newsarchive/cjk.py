"""Search terms for Chinese, Japanese and Korean text: overlapping character bigrams.

SQLite's `unicode61` tokenizer splits words at spaces and punctuation, so a run of Han,
Kana or Hangul characters — often a whole clause — becomes one token, and a two-character
word inside it (`中美` in `中美合作共赢`) cannot be found. The standard remedy (Lucene's CJK
analyzer) indexes every pair of neighbouring characters: `中美合作` becomes `中美 美合 合作`,
and a query is turned into the same pairs, searched as a phrase. A lone character between
non-CJK text is kept as itself.

The archive keeps these pairs in columns of their own (`articles.headline_cjk`,
`summary_cjk`, `body_cjk`, see migration m004), filled only where a record has such text; `store.Archive.fts_expression`
rewrites the CJK runs of a query the same way. This module is pure and imports nothing
heavy, so ingest workers and the CLI can both use it.
"""

from __future__ import annotations

import re

# Han (with extensions and compatibility ideographs, and the iteration mark 々), Hiragana,
# Katakana (with phonetic extensions and half-width forms) and Hangul (syllables and jamo).
CJK_CLASS = (
    "\u1100-\u11ff\u3005\u3040-\u309f\u30a0-\u30ff\u3130-\u318f\u31f0-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff\uf900-\ufaff"
    "\uff66-\uff9f\U00020000-\U0003134f"
)
CJK_RUN_RE = re.compile(f"[{CJK_CLASS}]+")


def has_cjk(text: str | None) -> bool:
    """True when `text` holds any Han, Kana or Hangul character.

    Every such character is above U+10FF, so a text of ASCII or Latin-1 characters holds
    none: CPython knows the first from how it stores the text (O(1)), and encodes the second
    to Latin-1 at copying speed, where the pattern search checks every character in Python's
    regular-expression engine (most of the cost of importing an English record).
    """
    if not text or text.isascii():
        return False
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return CJK_RUN_RE.search(text) is not None
    return False


def run_bigrams(run: str) -> list[str]:
    """The overlapping pairs of a run of CJK characters (a lone character is its own term)."""
    if len(run) < 2:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def cjk_terms(text: str | None) -> str | None:
    """The bigram terms of every CJK run in `text`, space-separated; None when there are none.

    This is what the index's `*_cjk` columns hold for a record's headline, summary and body.
    """
    if not text:
        return None
    terms = [pair for run in CJK_RUN_RE.findall(text) for pair in run_bigrams(run)]
    return " ".join(terms) if terms else None


# The text columns whose CJK pairs live in a `*_cjk` column of their own.
PAIRED_COLUMNS = ("headline", "summary", "body")
_COLUMN_FILTER_RE = re.compile(r"(?<![\w\"])(\{[^{}\"]*\}|\w+)(\s*:)")


def _with_pair_columns(segment: str) -> str:
    """Column filters of an unquoted stretch of a query widened to their pair columns
    (`headline:` → `{headline headline_cjk}:`), so a filtered CJK word is found where its
    pairs are indexed. The pair columns hold only CJK pairs, so other terms match as before."""

    def widen(match: re.Match[str]) -> str:
        names = match.group(1).strip("{}").split()
        if not any(name.lower() in PAIRED_COLUMNS for name in names):
            return match.group(0)
        widened = [
            n for name in names for n in ((name, f"{name.lower()}_cjk") if name.lower() in PAIRED_COLUMNS else (name,))
        ]
        return "{" + " ".join(widened) + "}" + match.group(2)

    return _COLUMN_FILTER_RE.sub(widen, segment)


def cjk_query(query: str) -> str:
    """`query` (FTS5 syntax) with each CJK run replaced by its bigrams.

    Outside double quotes a run becomes a quoted phrase of its bigrams (`中美合作` →
    `"中美 美合 合作"`), a lone character a prefix term (`中` → `中*`, matching the pairs
    that start with it); inside quotes the bigrams join the phrase. A column filter
    (`headline:`, `{headline body}:`, `-body:`) also covers that column's pairs. Everything
    else is left as written.
    """
    if not has_cjk(query):
        return query
    parts = query.split('"')
    query = '"'.join(_with_pair_columns(part) if i % 2 == 0 else part for i, part in enumerate(parts))
    out: list[str] = []
    quoted = False
    pos = 0
    for match in CJK_RUN_RE.finditer(query):
        before = query[pos : match.start()]
        quoted ^= before.count('"') % 2 == 1
        out.append(before)
        run = match.group(0)
        if quoted:
            out.append(" " + " ".join(run_bigrams(run)) + " ")
        elif len(run) == 1:
            followed_by_star = query[match.end() : match.end() + 1] == "*"
            out.append(run if followed_by_star else run + "*")
        else:
            out.append('"' + " ".join(run_bigrams(run)) + '"')
        pos = match.end()
    out.append(query[pos:])
    return "".join(out)


def query_terms(expression: str) -> list[str]:
    """The CJK terms of a rewritten expression (what a snippet should mark), longest first."""
    terms = {run for run in CJK_RUN_RE.findall(expression)}
    return sorted(terms, key=len, reverse=True)
