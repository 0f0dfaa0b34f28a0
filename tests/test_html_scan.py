"""The metadata pass's screen in C (`parse/_scan.c`) keeps every element `read_page` acts on.

`read_page` runs its loop body only over the elements the screen returns; the screen may keep
too many, never too few. Each test compares the screen with the Python predicates it stands
for, or `read_page` with the screen against `read_page` visiting every element.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

import pytest
from lxml import etree

from newsarchive.parse import html_page
from newsarchive.parse.body import _FLAG_COUNT, cached_flags, value_flags
from newsarchive.parse.html import _parse_tree

scan = pytest.importorskip("newsarchive.parse._scan")

INTERESTING = html_page.F_BYLINE | html_page.F_DATE_CLASS | html_page.F_STANDFIRST | html_page.F_KNOWN
LABEL_TEXTS = (
    "By", "by:", " BY : ", "\tAutor:\n", "Written by", "written  by", "\x1cby\x1f", "by\x0b", "Von", "Bylines",
    "By Kim Ott", "Authors:", "::by", "by::", "\u00a0By", "Veröffentlicht von", "Auteur\u00a0:", "", "   ", "123",
    "Text", "Texte :", "a" * 31, "by" + " " * 29, "AUTHOR", "Autorin:", "ДАТА", "by\u200b",
)  # fmt: skip
HREFS = (
    "/autoren/kim-ott-123", "/AUTHOR/kim", "https://example.com/author/kim", "/news/author-kim", "/news/x",
    "/profile", "profile/", "//authors//", "/stáff/x", "/staff/x?a=b", "", "author", "/team#x", "/teams/x",
)  # fmt: skip
CLASSES = (
    "byline", "post-date", "article__byline", "authorName", "entry-content", "standfirst", "plain", "nav menu",
    "x-author-box", "article-body", "", "c-12345", "meta", "timestamp",
)  # fmt: skip


def _page() -> bytes:
    """A page with leaves of every label text, links to every href, and every class as a class and an id."""
    parts = ["<html lang='en'><head><title>T</title><meta property='og:title' content='T'></head><body>"]
    parts += [f"<span>{text}</span>" for text in LABEL_TEXTS]
    parts += [f"<a href='{href}'>Kim</a><a rel='nofollow' href='{href}'>x</a>" for href in HREFS]
    parts += [f"<div class='{css}'><p>x</p></div><b id='{css}'>y</b>" for css in CLASSES]
    parts += [
        "<div itemprop='articleBody'><p>a</p></div>", "<div property='articleBody'>b</div>",
        "<div data-testid='author-name'>c</div>", "<div data-component='byline'>d</div>", "<div class>e</div>",
        "<div class=''>f</div>", "<div id='byline' class='plain'>g</div>", "<div title='byline'>h</div>",
        "<h1>A headline of the page</h1><h2>Sub</h2><time datetime='2024-01-02'>2 Jan</time>",
        "<p>By<b>Kim</b></p>", "<p>Autor:<!-- c --></p>", "<svg><path d='M0'/></svg>", "<br><img src='x.png'>",
    ]  # fmt: skip
    parts.append("</body></html>")
    return "".join(parts).encode("utf-8")


def _tree() -> etree._Element:
    root = _parse_tree(_page())
    assert root is not None
    return root


def _candidates(root: etree._Element) -> list[etree._Element]:
    return scan.candidates(
        root, html_page._FLAG_CACHE, INTERESTING | html_page.F_NAMES_BYLINE, INTERESTING,
        html_page._LABEL_WORDS, html_page._AUTHOR_PATH_WORDS, html_page._SPECIAL_TAGS, html_page._RARE_NAMES,
    )  # fmt: skip


def _acts(element: etree._Element) -> bool:
    """Whether `read_page`'s loop body may act on `element`, by the Python predicates."""
    tag = element.tag
    if tag in html_page._SPECIAL_TAGS and (tag != "a" or element.get("rel") is not None):
        return True
    if tag == "a" and html_page.is_author_path(element.get("href") or ""):
        return True
    label = element.text
    if not len(element) and label and len(label) <= html_page.MAX_LABEL_CHARS and html_page.is_author_label(label):
        return True
    if not html_page._RARE_NAMES.isdisjoint(element.attrib.keys()):
        return True
    css_flags = value_flags(element.get("class"))
    flags = css_flags | value_flags(element.get("id"))
    return bool(flags & INTERESTING or css_flags & html_page.F_NAMES_BYLINE)


def test_flags_fit_the_screens_64_bit_masks() -> None:
    """Why: the screen tests the cached flags as 64-bit integers."""
    assert _FLAG_COUNT[0] <= 64


def test_screen_keeps_every_element_the_loop_acts_on() -> None:
    """Why: an element the screen drops is never read by the loop body, so it must be one it would pass over."""
    root = _tree()
    for element in root.iter(etree.Element):  # every value cached, as after a page's first read
        value_flags(element.get("class"))
        value_flags(element.get("id"))
    candidates = _candidates(root)
    kept = {id(e) for e in candidates}  # the proxies stay alive in `candidates`, so ids stay theirs
    elements = list(root.iter(etree.Element))
    acting = [e for e in elements if _acts(e)]
    assert len(acting) > 20
    assert all(id(e) in kept for e in acting), [etree.tostring(e) for e in acting if id(e) not in kept]
    # and it drops most of the rest: plain leaves, links, classes the loop passes over
    assert len(kept) < len(elements) - 30


def test_screen_keeps_elements_in_document_order_from_the_root() -> None:
    """Why: the loop's caps (12 bylines, 20 date elements) count in document order."""
    root = _tree()
    elements = list(root.iter(etree.Element))
    order = {id(e): n for n, e in enumerate(elements)}
    kept = _candidates(root)
    assert [order[id(e)] for e in kept] == sorted(order[id(e)] for e in kept)
    body = root.find("body")
    assert body is not None
    assert all(e is body or body in e.iterancestors() for e in _candidates(body))


def test_screen_keeps_values_new_to_the_cache() -> None:
    """Why: a class value not in the flag cache still needs `value_flags`, which the loop body calls."""
    root = _parse_tree(b"<html><body><div class='never-seen-before-value-7f3a'>x</div></body></html>")
    assert root is not None
    assert cached_flags("never-seen-before-value-7f3a") is None
    assert [e.get("class") for e in _candidates(root)] == ["never-seen-before-value-7f3a"]
    value_flags("never-seen-before-value-7f3a")
    assert _candidates(root) == []


def _comparable(value: Any, root: etree._Element) -> Any:
    tree = root.getroottree()
    if isinstance(value, etree._Element):
        return tree.getpath(value)
    if isinstance(value, (list, tuple)):
        return [_comparable(v, root) for v in value]
    if isinstance(value, dict):
        return {k: _comparable(v, root) for k, v in value.items()}
    if hasattr(value, "__dataclass_fields__"):
        return {f.name: _comparable(getattr(value, f.name), root) for f in fields(value)}
    return value


def test_read_page_with_the_screen_reads_what_visiting_every_element_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    """Why: the screen only skips elements; the page read must be the same either way."""
    root = _tree()
    text = _page().decode("utf-8")
    fast = _comparable(html_page.read_page(root, text), root)
    monkeypatch.setattr(html_page, "_candidates", None)
    slow = _comparable(html_page.read_page(root, text), root)
    assert fast == slow
    assert fast["author_labels"] and fast["author_links"] and fast["byline_elements"] and fast["itemprops"]

