"""The HTML parser's work grows linearly with the page, however deep it nests.

Work is counted, never timed: the Python function calls `parse` makes (cProfile's count,
builtins included) and the characters lxml serialises as text for it. A step that walks
every ancestor of every element, or serialises a subtree once per level, shows up as a
ratio far above the growth of the page.
"""

from __future__ import annotations

import cProfile
import pstats
from typing import Any

import pytest

from newsarchive.parse import parse

DEPTH = 20_000
# One block of article content: a heading, a paragraph with a link, a class to read.
BLOCK = (
    '<div class="story-body"><h2>Council budget</h2><p>'
    + "The council met again on Tuesday to discuss the budget for the coming year. " * 30
    + '<a href="/news/budget">The plan</a> was approved after a long debate.</p></div>\n'
)


def deep_page(size: int, depth: int = DEPTH) -> tuple[bytes, int]:
    """A page of about `size` bytes with content blocks before and inside `depth` nested
    divs; returns the page and its number of blocks."""
    head = "<html><head><title>Deep page</title></head><body><h1>Deep page</h1>"
    tail = "</body></html>"
    room = size - len(head) - len(tail) - depth * len("<div></div>")
    blocks = max(room // len(BLOCK), 2)
    page = head + BLOCK * (blocks // 2) + "<div>" * depth + BLOCK * (blocks - blocks // 2) + "</div>" * depth + tail
    return page.encode(), blocks


def work(data: bytes, monkeypatch: pytest.MonkeyPatch) -> tuple[int, int]:
    """`(function calls, characters serialised as text)` of parsing `data`."""
    from newsarchive.parse import body

    serialised = 0
    text_raw = body._text_raw

    def counting_text_raw(element: Any) -> str:
        nonlocal serialised
        text = text_raw(element)
        serialised += len(text)
        return text

    with monkeypatch.context() as patch:
        patch.setattr(body, "_text_raw", counting_text_raw)
        profile = cProfile.Profile()
        article = profile.runcall(parse, data, "deep.html")
    assert "The council met again on Tuesday" in article.body
    return pstats.Stats(profile).total_calls, serialised  # type: ignore[attr-defined]


def test_deep_ten_megabyte_page_costs_ten_one_megabyte_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    parse(deep_page(100_000)[0])  # first-use imports and caches out of the count
    small, small_blocks = deep_page(1_000_000)
    large, large_blocks = deep_page(10_000_000)
    assert len(large) > 9_900_000 and b"<div>" * DEPTH in large
    growth = large_blocks / small_blocks  # the content grows ~12x (the nesting is fixed)
    small_calls, small_chars = work(small, monkeypatch)
    large_calls, large_chars = work(large, monkeypatch)
    # Linear: each measure grows with the content, within 15% (a quadratic step would be ~growth²).
    assert large_calls / small_calls <= 1.15 * growth
    assert large_chars / small_chars <= 1.15 * growth


@pytest.mark.parametrize("limit", [1, 5, 12, 13, 14, 40, 1000])
def test_text_head_is_the_start_of_the_cleaned_text(limit: int) -> None:
    from lxml import etree

    from newsarchive.parse.body import text_head, text_of

    root = etree.fromstring(
        "<html><body><div>  Break\u00ading <b>news</b>\n\n   from <i> the </i>  coast:<p>ships\u200b "
        "sail</p>   again   <span></span>today.  </div></body></html>",
        etree.HTMLParser(),
    )
    div = root.find(".//div")
    assert div is not None
    assert text_head(div, limit) == text_of(div)[:limit]
    assert text_head(div, 1000) == "Breaking news from the coast:ships sail again today."
