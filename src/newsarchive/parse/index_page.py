"""Is a captured page an index page (home page, section front, tag page) rather than an article?

A crawl captures every page of a site; its home page, section fronts and tag pages parse into
a headline and some text, but they are lists of other articles. No single sign settles it,
so the evidence is scored, each sign with its weight (positive: index page):

1. OpenGraph `og:type`: `article` is the page's own claim to be one (-3); `website`, what
   sites put on their home and section pages, (+2).
2. JSON-LD `@type`: an `Article` type (NewsArticle, BlogPosting, ReportageNewsArticle…) (-3);
   `CollectionPage`, `ItemList`, `SearchResultsPage` (+3). (`WebSite` and `WebPage` appear
   on every kind of page and say nothing.)
3. URL shape (of the page's canonical URL when it names one, else the captured URI): the
   site root (+3); a first path segment that names a listing (`tag`,
   `category`, `section`, `topics`, `author`, `archive`, `page`, `search`) (+2); a last
   segment that reads like a story (a slug of `SLUG_WORDS`+ words, or a long number) or a
   date in the path (-2).
4. Main text: under `SHORT_BODY_WORDS` words (+1); over `LONG_BODY_WORDS` (-2).
5. Link density: links in the page per word of main text; a listing is mostly links
   (over `LIST_LINKS_PER_WORD`, +2; over half that, +1).

A page scoring `INDEX_SCORE` or more is an index page. No site names: only conventions
(schema.org, OpenGraph, URL paths) and measurements.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..model import Article

INDEX_SCORE = 3
SHORT_BODY_WORDS = 150  # shorter than most news stories' main text
LONG_BODY_WORDS = 400  # index pages' extracted text is teasers; this much prose is a story
LIST_LINKS_PER_WORD = 1.0  # a listing carries about one link per word of its text, or more
SLUG_WORDS = 3  # hyphenated words in a story slug (`harbour-bridge-reopens`)
HEAD_BYTES = 200_000  # metadata sits in the head; scripts may push JSON-LD down a little

_OG_TYPE_RE = re.compile(
    rb"""<meta\b[^>]*?(?:property|name)\s*=\s*["']og:type["'][^>]*?content\s*=\s*["']\s*([\w.:-]+)"""
    rb"""|<meta\b[^>]*?content\s*=\s*["']\s*([\w.:-]+)["'][^>]*?(?:property|name)\s*=\s*["']og:type["']""",
    re.IGNORECASE,
)
_LD_TYPE_RE = re.compile(rb""""@type"\s*:\s*(?:\[\s*)?"([A-Za-z]+)""")
_ANCHOR_RE = re.compile(rb"<a\s[^>]*href", re.IGNORECASE)
ARTICLE_TYPES = frozenset({
    "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "liveblogposting", "scholarlyarticle",
    "techarticle", "report",
})  # fmt: skip
LISTING_TYPES = frozenset({"collectionpage", "itemlist", "searchresultspage"})
LISTING_SEGMENTS = frozenset({
    "tag", "tags", "category", "categories", "section", "sections", "topic", "topics", "author", "authors",
    "archive", "archives", "page", "search", "label",
})  # fmt: skip
_DATE_PATH_RE = re.compile(r"/(?:19|20)\d\d/(?:0?[1-9]|1[0-2])/|/(?:19|20)\d\d-\d\d-\d\d")
_LONG_NUMBER_RE = re.compile(r"\d{5,}")


def index_page_score(data: bytes, article: Article, uri: str) -> int:
    """The evidence score of the page (see the module doc); higher means more like an index."""
    head = data[:HEAD_BYTES]
    score = 0
    og = next((m.group(1) or m.group(2) for m in _OG_TYPE_RE.finditer(head)), None)
    if og is not None:
        kind = og.lower()
        if kind == b"article" or kind.endswith(b".article"):
            score -= 3
        elif kind == b"website":
            score += 2
    ld_types = {t.decode("ascii").lower() for t in _LD_TYPE_RE.findall(head)}
    if ld_types & ARTICLE_TYPES:
        score -= 3
    elif ld_types & LISTING_TYPES:
        score += 3
    # The page's own canonical URL says what it is better than the address it was fetched at
    # (a story reached through a short link or a query string).
    score += _url_score(article.url or uri)
    words = article.word_count
    if words < SHORT_BODY_WORDS:
        score += 1
    elif words > LONG_BODY_WORDS:
        score -= 2
    links = len(_ANCHOR_RE.findall(data))
    density = links / max(words, 1)
    if density > LIST_LINKS_PER_WORD:
        score += 2
    elif density > LIST_LINKS_PER_WORD / 2:
        score += 1
    return score


def _url_score(uri: str) -> int:
    try:
        parts = urlsplit(uri)
    except ValueError:
        return 0
    path = parts.path or "/"
    segments = [s for s in path.split("/") if s]
    if not segments or (len(segments) == 1 and segments[0].lower().startswith("index.")):
        return 3 if not parts.query else 1
    score = 0
    if segments[0].lower() in LISTING_SEGMENTS:
        score += 2
    last = segments[-1].rsplit(".", 1)[0]
    if len([w for w in re.split(r"[-_]", last) if w]) >= SLUG_WORDS or _LONG_NUMBER_RE.search(last):
        score -= 2
    elif _DATE_PATH_RE.search(path):
        score -= 2
    return score


def index_page_reason(data: bytes, article: Article, uri: str) -> str | None:
    """`"not an article: index page"` when the evidence says so, else None."""
    if index_page_score(data, article, uri) >= INDEX_SCORE:
        return "not an article: index page"
    return None
