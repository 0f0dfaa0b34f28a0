"""Index pages (home, section and tag pages) in a crawl are told from articles on evidence."""

from __future__ import annotations

import pytest

from newsarchive.parse import parse
from newsarchive.parse.index_page import index_page_reason, index_page_score

PROSE = " ".join(f"Sentence number {n} of the story says what happened at the harbour today." for n in range(40))
TEASERS = "".join(f'<h3><a href="/2024/05/story-{n}">Teaser headline number {n}</a></h3>' for n in range(30))


def page(head: str = "", body: str = "", title: str = "A page") -> bytes:
    return f"<html><head><title>{title}</title>{head}</head><body>{body}</body></html>".encode()


def score(data: bytes, uri: str) -> int:
    return index_page_score(data, parse(data, "p.html"), uri)


def test_a_home_page_is_an_index_page() -> None:
    data = page('<meta property="og:type" content="website">', f"<h1>News Example</h1>{TEASERS}")
    assert index_page_reason(data, parse(data, "p.html"), "https://news.example/") == "not an article: index page"


def test_a_story_that_says_it_is_an_article_is_not() -> None:
    data = page('<meta property="og:type" content="article">', f"<h1>Harbour reopens</h1><p>{PROSE}</p>{TEASERS}")
    assert index_page_reason(data, parse(data, "p.html"), "https://news.example/") is None


@pytest.mark.parametrize(
    ("ld_type", "expected"), [("NewsArticle", False), ("CollectionPage", True)], ids=["article", "collection"]
)
def test_json_ld_type_counts(ld_type: str, expected: bool) -> None:
    ld = f'<script type="application/ld+json">{{"@context":"https://schema.org","@type":"{ld_type}"}}</script>'
    data = page(ld, f"<h1>Harbour</h1><p>{PROSE[:300]}</p>{TEASERS[:600]}")
    reason = index_page_reason(data, parse(data, "p.html"), "https://news.example/topics/harbour")
    assert (reason is not None) is expected


def test_the_url_shape_counts() -> None:
    data = page("", f"<h1>Harbour</h1><p>{PROSE[:400]}</p>")
    assert score(data, "https://news.example/tag/harbour") > score(data, "https://news.example/2024/05/harbour-bridge-reopens")
    assert score(data, "https://news.example/") > score(data, "https://news.example/news/12345678")


def test_long_main_text_and_few_links_say_article() -> None:
    long_story = page("", f"<h1>Harbour</h1><p>{PROSE}</p>")
    link_list = page("", f"<h1>Harbour</h1>{TEASERS}")
    assert score(long_story, "https://news.example/harbour") < score(link_list, "https://news.example/harbour")


def test_a_canonical_story_url_outweighs_a_bare_captured_address() -> None:
    data = page(
        '<meta property="og:type" content="website">'
        '<link rel="canonical" href="https://news.example/mac/meldung/Harbour-bridge-reopens-2596987.html">',
        f"<h1>Harbour</h1><p>{PROSE[:600]}</p>{TEASERS}{TEASERS}",
    )
    article = parse(data, "p.html")
    assert index_page_reason(data, article, "https://corpus.example/x/heise.html") is None
    uncanonical = data.replace(b'rel="canonical"', b'rel="alternate"')
    assert index_page_reason(uncanonical, parse(uncanonical, "p.html"), "https://corpus.example/x/heise.html")
