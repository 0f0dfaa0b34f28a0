"""Does a text file have the shape of an article, or of documentation (a README, a manifest)?

A folder of articles often holds a README or a MANIFEST as well. Both parse into a
headline and paragraphs, but they are documentation: tables, code, lists and key lines with
little running prose, and none of an article's metadata. No single sign settles it, so the
evidence is scored, each sign with its weight (positive: not an article):

1. Markdown tables (`TABLE_ROWS`+ rows `| … |`) (+2) and fenced code blocks (+2).
2. Running prose (paragraphs of `PROSE_WORDS`+ words ending a sentence) is under
   `PROSE_SHARE` of the words (+1), or fewer than `PROSE_PARAGRAPHS` such paragraphs (+1).
3. The first line is a sentence (`FIRST_SENTENCE_WORDS`+ words ending in a full stop), not a
   headline (+1).
4. A line that is only a URL, or a short contact line with an e-mail address (+1).
5. No publication date found (+1).
6. Article evidence: a front-matter block (`---` … `---`, how article exports carry their
   metadata) (-3); a page dump's many links (`DUMP_LINKS_PER_LINE`+ markdown links a line)
   (-2); a byline (-2).

A text scoring `DOCUMENT_SCORE` or more is not an article. Only text (not HTML) is judged,
and only where the caller asks (a directory walk's files; see `pipeline`). `document_reason`
reads the cheap signs first and stops when the rest cannot reach `DOCUMENT_SCORE` (a page
dump's links and byline settle it before its paragraphs are read); the verdict is the same.
"""

from __future__ import annotations

import re

from ..cjk import CJK_CLASS
from ..model import Article
from .lexicon import CLOSING_MARKS, SENTENCE_END_MARKS
from .markdown_lines import FENCE_RE, HEADING_MARK_RE, LIST_MARK_RE

DOCUMENT_SCORE = 4
TABLE_ROWS = 3
PROSE_WORDS = 15
CJK_PROSE_CHARS = 40  # a CJK paragraph of this many characters is running prose
PROSE_SHARE = 0.2
PROSE_PARAGRAPHS = 3
FIRST_SENTENCE_WORDS = 12
SHORT_LINE_WORDS = 12
DUMP_LINKS_PER_LINE = 0.2

_TABLE_RE = re.compile(r"^\s*\|.*\|\s*$")
_URL_LINE_RE = re.compile(r"^\s*<?https?://\S+>?\s*$")
_EMAIL_RE = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")
_SENTENCE_END_RE = re.compile(f"[{re.escape(SENTENCE_END_MARKS)}][{re.escape(CLOSING_MARKS)}]*\\s*$")
_CJK_RE = re.compile(f"[{CJK_CLASS}]")
_MD_LINK_RE = re.compile(r"\]\([^)\s]+\)")
_FRONT_MATTER_RE = re.compile(r"\A\ufeff?---\s*\n.*?\n---\s*\n", re.DOTALL)
_PARAGRAPH_SPLIT_RE = re.compile(r"\n\s*\n")


def document_score(text: str, article: Article) -> int:
    """The evidence score of `text` (see the module doc); higher is more like documentation."""
    return _score(text, article, None)


# What the signs still unread can add at most: prose (2), the first line (1), a URL line (1).
_UNREAD_PROSE_MAX = 2
_UNREAD_LINES_MAX = 2


def _score(text: str, article: Article, enough: int | None) -> int:
    """`document_score`; with `enough`, it stops as soon as the signs not yet read cannot lift
    the score to `enough` (a score below it is then returned): the signs cheap to read (the
    record's date and byline, front matter, links, tables, code) go first, the per-line and
    per-paragraph ones last."""
    lines = list(filter(str.strip, text.splitlines()))  # the lines not blank, picked out in C
    if not lines:
        return 0
    score = 0
    if article.date is None:
        score += 1
    if _FRONT_MATTER_RE.match(text):
        score -= 3
    if len(_MD_LINK_RE.findall(text)) >= DUMP_LINKS_PER_LINE * len(lines):
        score -= 2
    if article.byline:
        score -= 2
    # Each pattern needs a character most lines lack: screen for it before matching.
    if "|" in text and sum(1 for line in lines if "|" in line and _TABLE_RE.match(line)) >= TABLE_ROWS:
        score += 2
    if ("```" in text or "~~~" in text) and sum(1 for line in lines if FENCE_RE.match(line)) >= 2:
        score += 2
    if enough is not None and score + _UNREAD_LINES_MAX + _UNREAD_PROSE_MAX < enough:
        return score
    first = lines[0].strip()
    if len(first.split()) >= FIRST_SENTENCE_WORDS and first.endswith("."):
        score += 1
    if any(
        ("http" in line and _URL_LINE_RE.match(line))
        or ("@" in line and _EMAIL_RE.search(line) and len(line.split()) < SHORT_LINE_WORDS)
        for line in lines
    ):
        score += 1
    if enough is not None and score + _UNREAD_PROSE_MAX < enough:
        return score
    cjk = _CJK_RE.search(text) is not None
    prose_words, prose_paragraphs = _prose(text, cjk)
    total_words = sum(_words(line, cjk) for line in lines)
    if prose_words < PROSE_SHARE * max(total_words, 1):
        score += 1
    if prose_paragraphs < PROSE_PARAGRAPHS:
        score += 1
    return score


def _words(text: str, cjk: bool = True) -> int:
    return len(text.split()) + (len(_CJK_RE.findall(text)) // 2 if cjk else 0)


def _prose(text: str, cjk: bool = True) -> tuple[int, int]:
    """Words in running-prose paragraphs, and how many such paragraphs there are."""
    words = paragraphs = 0
    for block in _PARAGRAPH_SPLIT_RE.split(text):
        block = block.strip()
        if not block or LIST_MARK_RE.match(block) or _TABLE_RE.match(block) or HEADING_MARK_RE.match(block):
            continue
        if not _SENTENCE_END_RE.search(block):
            continue
        if len(block.split()) >= PROSE_WORDS or (cjk and len(_CJK_RE.findall(block)) >= CJK_PROSE_CHARS):
            words += _words(block, cjk)
            paragraphs += 1
    return words, paragraphs


def document_reason(text: str, article: Article) -> str | None:
    """`"not an article: documentation (tables, lists, little prose)"` when the evidence says so."""
    if _score(text, article, DOCUMENT_SCORE) >= DOCUMENT_SCORE:
        return "not an article: documentation (tables, lists, little prose)"
    return None
