"""JSON-LD reading: lenient parsing of real-world blocks and the choice of the article object."""

from __future__ import annotations

import pytest

from newsarchive.parse.jsonld import extract_jsonld, iter_objects, loads_lenient


@pytest.mark.parametrize(
    "block",
    [
        '{"@type": "NewsArticle", "headline": "A"};',
        '<!-- {"@type": "NewsArticle", "headline": "A"} -->',
        '<![CDATA[{"@type": "NewsArticle", "headline": "A"}]]>',
        '{"@type": "NewsArticle", /* cms */ "headline": "A",}',
        '{"@type": "NewsArticle", "headline": "A\tB"}',
        '{"@type": "NewsArticle", "headline": "A"} {"@type": "WebSite", "name": "S"}',
    ],
    ids=["trailing-semicolon", "html-comment", "cdata", "comment-and-trailing-comma", "control-char",
         "concatenated"],
)  # fmt: skip
def test_loads_lenient_reads_malformed_blocks(block: str) -> None:
    article = extract_jsonld([block])
    assert article is not None
    assert article.headline is not None and article.headline.startswith("A")


def test_loads_lenient_returns_none_for_garbage() -> None:
    assert loads_lenient("function() { not json at all") is None


def test_graph_objects_are_flattened() -> None:
    data = {"@graph": [{"@type": "WebSite"}, {"@type": "NewsArticle", "headline": "H"}]}
    types = [o.get("@type") for o in iter_objects(data)]
    assert types == [None, "WebSite", "NewsArticle"]


def test_news_article_wins_over_webpage_and_article() -> None:
    blocks = [
        '{"@type": "WebPage", "headline": "Page"}',
        '{"@type": "Article", "headline": "Generic"}',
        '{"@type": "NewsArticle", "headline": "News"}',
    ]
    article = extract_jsonld(blocks)
    assert article is not None and article.headline == "News"


def test_author_referenced_by_id_is_resolved() -> None:
    block = """{"@graph": [
        {"@type": "Person", "@id": "#p1", "name": "Ana Ruiz", "jobTitle": "Editor"},
        {"@type": "NewsArticle", "headline": "H", "author": {"@id": "#p1"}}]}"""
    article = extract_jsonld([block])
    assert article is not None
    assert [(p.name, p.role) for p in article.authors] == [("Ana Ruiz", "Editor")]


def test_author_list_and_organisation_are_kept_apart() -> None:
    block = """{"@type": "NewsArticle", "author": [{"@type": "Person", "name": "A One"},
        {"@type": "Organization", "name": "Wire Desk"}, "B Two"]}"""
    article = extract_jsonld([block])
    assert article is not None
    assert [(p.name, p.is_organization) for p in article.authors] == [
        ("A One", False), ("Wire Desk", True), ("B Two", False)]  # fmt: skip


def test_html_entities_in_values_are_decoded() -> None:
    article = extract_jsonld(['{"@type": "NewsArticle", "headline": "Salt &amp; pepper"}'])
    assert article is not None and article.headline == "Salt & pepper"


def test_keywords_string_is_split() -> None:
    article = extract_jsonld(['{"@type": "NewsArticle", "keywords": "rail, travel; europe"}'])
    assert article is not None and article.keywords == ["rail", "travel", "europe"]


def test_deeply_nested_json_does_not_raise() -> None:
    block = "[" * 5000 + "]" * 5000
    assert extract_jsonld([block]) is None


def test_website_name_is_read_when_no_article() -> None:
    article = extract_jsonld(['{"@type": "WebSite", "name": "The Example Times"}'])
    assert article is not None and article.site_name == "The Example Times" and article.headline is None
