"""`<meta>` collection: every naming attribute, both value attributes, key precedence."""

from __future__ import annotations

import lxml.html

from newsarchive.parse.meta import AUTHOR_KEYS, DATE_KEYS, TITLE_KEYS, collect_meta


def meta_of(head: str):  # type: ignore[no-untyped-def]
    tree = lxml.html.document_fromstring(f"<html><head>{head}</head><body><p>x</p></body></html>")
    return collect_meta(tree.iter("meta"))


def test_content_attribute_is_read() -> None:
    tags = meta_of('<meta property="og:title" content="Title A">')
    assert tags.first(TITLE_KEYS) == "Title A"


def test_value_attribute_is_read_like_content() -> None:
    tags = meta_of('<meta name="og:title" value="Title B">')
    assert tags.first(TITLE_KEYS) == "Title B"


def test_keys_are_case_insensitive() -> None:
    tags = meta_of('<meta NAME="Author" content="Jo Park">')
    assert tags.first(AUTHOR_KEYS) == "Jo Park"


def test_itemprop_and_http_equiv_are_keys() -> None:
    tags = meta_of(
        '<meta itemprop="datePublished" content="2020-01-02"><meta http-equiv="Content-Language" content="de">'
    )
    assert tags.first(DATE_KEYS) == "2020-01-02"
    assert tags.first(("content-language",)) == "de"


def test_published_time_outranks_generic_date() -> None:
    tags = meta_of(
        '<meta name="date" content="2019-01-01"><meta property="article:published_time" content="2019-05-06T10:00:00Z">'
    )
    assert tags.first(DATE_KEYS) == "2019-05-06T10:00:00Z"


def test_several_values_keep_document_order() -> None:
    tags = meta_of('<meta property="article:tag" content="one"><meta property="article:tag" content="two">')
    assert tags.all(("article:tag",)) == ["one", "two"]


def test_space_separated_rdfa_properties_each_become_keys() -> None:
    tags = meta_of('<meta property="og:title twitter:title" content="Both">')
    assert tags.first(("twitter:title",)) == "Both"


def test_empty_values_are_ignored() -> None:
    tags = meta_of('<meta name="author" content="  "><meta name="byl" content="By Kim Lee">')
    assert tags.first(AUTHOR_KEYS) == "By Kim Lee"
