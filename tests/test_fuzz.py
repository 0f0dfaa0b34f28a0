"""Fuzzing the parsers: whatever bytes come in (random, random text, text-dump-like lines,
tag soup, or small real-looking pages with random damage), `parse` either returns a record
that validates against the shipped JSON Schema and keeps the record's own invariants, or
raises `ParseError`. Nothing else: no other exception, no hang.

Examples per test: `FUZZ_EXAMPLES` (env `NEWSARCHIVE_FUZZ_EXAMPLES`, default 300), drawn the
same way on every run; set `NEWSARCHIVE_FUZZ_RANDOM=1` (and more examples) to explore. No
example database is written (tests write only under tmp_path). Inputs fuzzing has found to
break the parsers are kept below as regression cases.
"""

from __future__ import annotations

import hashlib
import json
import os
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsarchive.errors import ParseError
from newsarchive.parse import parse
from newsarchive.serialize import from_dict, to_dict

from .conftest import assert_valid_record

FUZZ_EXAMPLES = int(os.environ.get("NEWSARCHIVE_FUZZ_EXAMPLES", "300"))
FUZZ = settings(
    max_examples=FUZZ_EXAMPLES,
    # The same examples on every run, so the suite is stable; NEWSARCHIVE_FUZZ_RANDOM=1 explores.
    derandomize=os.environ.get("NEWSARCHIVE_FUZZ_RANDOM") != "1",
    deadline=None,  # parse time varies with machine load; hangs are the time-limit tests' job
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)


def check(data: bytes) -> None:
    """The property: a valid record with consistent derived fields, or ParseError."""
    try:
        article = parse(data, "fuzz/input.txt")
    except ParseError as exc:
        assert exc.source == "fuzz/input.txt"
        assert exc.reason and "\n" not in exc.reason
        return
    record = to_dict(article)
    assert_valid_record(record)
    digest = hashlib.sha256(data).hexdigest()
    assert record["source"]["sha256"] == digest
    assert record["id"] == digest[:16]
    assert record["source"]["bytes"] == len(data)
    assert record["source"]["path"] == "fuzz/input.txt"
    assert record["body"] == "\n\n".join(p for s in record["sections"] for p in s["paragraphs"])
    assert "\x00" not in json.dumps(record, ensure_ascii=False)
    assert from_dict(record) == article


# -- strategies -----------------------------------------------------------------------------

WORDS = st.sampled_from(
    "the a Minister said on Tuesday Reuters Getty Images BBC News Nicolás Zürich 2019 March "
    "25 & < > \" ' — … ** __ # ## [ ] ( ) - * | : ; ,".split()
    + ["\u00a0", "\u200b", "\ufeff", "\t", "\r", "\x0c", "\ufffd", "日本語", "مرحبا", "😀"]
)
phrase = st.lists(WORDS, min_size=0, max_size=12).map(" ".join)

TEXT_LINES = st.one_of(
    phrase,
    phrase.map(lambda p: f"## {p}"),
    phrase.map(lambda p: f"# {p}"),
    phrase.map(lambda p: f"**{p}**"),
    st.tuples(phrase, phrase).map(lambda t: f"- [{t[0]}]({t[1]})"),
    phrase.map(lambda p: f"By {p}"),
    st.sampled_from(["---", "***", "", " ", "title: A title", "date: 2019-03-25", "Author: Jane Roe"]),
    st.sampled_from(["BBC News, 25 March 2019", "Reuters, 2019-03-25T14:03:00Z", "Updated 31 February 2019"]),
    phrase.map(lambda p: f"ReutersA {p}"),
    phrase.map(lambda p: f"Getty Images {p}"),
    st.sampled_from(["Published: yesterday", "Date: 99/99/9999", "1 January 0001", "32 Smarch 20199"]),
)
text_dumps = st.tuples(
    st.lists(TEXT_LINES, max_size=40),
    st.sampled_from(["\n", "\n\n", "\r\n", "\r\n\r\n"]),
    st.sampled_from(["utf-8", "utf-16", "latin-1", "cp1252"]),
).map(lambda t: t[1].join(t[0]).encode(t[2], errors="replace"))

TAGS = ["p", "div", "span", "a", "h1", "h2", "figure", "figcaption", "article", "section", "time",
        "script", "style", "ul", "li", "table", "td", "b", "i", "header", "footer", "nav", "aside",
        "main", "br", "img", "meta", "title", "noscript", "template", "svg", "iframe", "blockquote"]  # fmt: skip
ATTRS = st.sampled_from([
    "", ' class="byline"', ' itemprop="author"', ' rel="author"', ' datetime="2019-03-25T14:03:00Z"',
    ' datetime="not a date"', ' href="/relative"', ' href="javascript:alert(1)"', ' src="http://127.0.0.1:9/x.png"',
    ' property="og:title" content="OG title"', ' name="description" content="A description"',
    ' type="application/ld+json"', ' charset="utf-8"', ' charset="no-such-charset"', ' lang="en"',
    ' class="caption"', ' id="x" id="y"', ' onload="x()"', " data-x='1'",
])  # fmt: skip


def tag_soup(depth: int = 3) -> st.SearchStrategy[str]:
    leaf = st.one_of(
        phrase, st.sampled_from(["&amp;", "&nbsp;", "&#0;", "&#xD800;", "&bogus;", "<!-- c -->", "<![CDATA[x]]>"])
    )
    if depth == 0:
        return leaf
    element = st.tuples(st.sampled_from(TAGS), ATTRS, st.lists(tag_soup(depth - 1), max_size=4), st.booleans()).map(
        lambda t: f"<{t[0]}{t[1]}>{''.join(t[2])}" + (f"</{t[0]}>" if t[3] else "")
    )
    return st.one_of(leaf, element)


JSON_LD = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), phrase),
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.sampled_from(
                [
                    "@type",
                    "@context",
                    "@graph",
                    "headline",
                    "datePublished",
                    "dateModified",
                    "author",
                    "name",
                    "publisher",
                    "description",
                    "keywords",
                    "url",
                    "image",
                    "articleBody",
                    "inLanguage",
                    "mainEntityOfPage",
                ]
            ),  # fmt: skip
            children,
            max_size=6,
        ),
    ),
    max_leaves=15,
)

html_pages = st.tuples(
    st.sampled_from(["", "<!DOCTYPE html>", '<?xml version="1.0" encoding="utf-8"?>', "<!doctype html>\n"]),
    st.lists(tag_soup(), max_size=8),
    st.lists(JSON_LD.map(json.dumps), max_size=2),
    st.sampled_from(["utf-8", "utf-16", "latin-1"]),
).map(
    lambda t: (
        f"{t[0]}<html><head><title>Fuzzed page</title>"
        + "".join(f'<script type="application/ld+json">{j}</script>' for j in t[2])
        + f"</head><body>{''.join(t[1])}</body></html>"
    ).encode(t[3], errors="replace")
)

SEED_TEXT = (
    b"## Parliament votes on the new budget\n\nBBC News, 25 March 2019\n\n"
    b"ReutersA minister speaks in the chamber\n\n**The vote came after a long debate.**\n\n"
    b"The budget passed with a narrow margin, officials said.\n\n- [Related story](https://example.com/a)\n\n"
    b"By Jane Roe\n\nPolitical correspondent\n\n---\n"
)
SEED_HTML = (
    b'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Budget passes - Example News</title>'
    b'<meta property="og:title" content="Budget passes"><script type="application/ld+json">'
    b'{"@type": "NewsArticle", "headline": "Budget passes", "datePublished": "2019-03-25T14:03:00Z",'
    b' "author": {"@type": "Person", "name": "Jane Roe"}}</script></head><body><article><h1>Budget passes</h1>'
    b'<p class="byline">By Jane Roe</p><time datetime="2019-03-25">25 March 2019</time>'
    b'<figure><img src="a.jpg"><figcaption>The chamber. Photo: Reuters</figcaption></figure>'
    b"<p>The budget passed with a narrow margin.</p><p>Officials welcomed the <a href='/x'>result</a>.</p>"
    b"</article></body></html>"
)


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    """`seed` with a few random edits: flips, insertions, deletions, repeats, truncation."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 8))):
        op = draw(st.sampled_from(["flip", "insert", "delete", "repeat", "truncate", "splice"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if op == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif op == "insert":
            data[at:at] = draw(
                st.sampled_from([b"\x00", b"\xff\xfe", b"<", b"</p>", b"<div>", b"\r", b"\n\n", b"&", b"**", b"## "])
            )
        elif op == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        elif op == "repeat":
            data[at:at] = data[at : at + draw(st.integers(1, 60))] * draw(st.integers(2, 30))
        elif op == "truncate":
            del data[at:]
        elif op == "splice":
            data[at:at] = draw(st.binary(max_size=30))
    return bytes(data)


# -- properties -----------------------------------------------------------------------------


@FUZZ
@given(st.binary(max_size=3000))
def test_random_bytes(data: bytes) -> None:
    check(data)


@FUZZ
@given(st.text(max_size=2000), st.sampled_from(["utf-8", "utf-16", "utf-32", "latin-1"]))
def test_random_text(text: str, encoding: str) -> None:
    check(text.encode(encoding, errors="replace"))


@FUZZ
@given(text_dumps)
def test_text_dump_like_inputs(data: bytes) -> None:
    check(data)


@FUZZ
@given(html_pages)
def test_tag_soup_pages(data: bytes) -> None:
    check(data)


@FUZZ
@given(mutated(SEED_TEXT))
def test_mutated_text_dump(data: bytes) -> None:
    check(data)


@FUZZ
@given(mutated(SEED_HTML))
def test_mutated_html_page(data: bytes) -> None:
    check(data)


@FUZZ
@given(st.lists(st.sampled_from(list(string.printable)), max_size=500).map("".join))
def test_printable_noise(text: str) -> None:
    check(text.encode())


# Found by this file's fuzzing (fixed): lxml refuses to set element text holding control
# characters that its HTML parser let through (the HTML parser now blanks them first), and
# a date the third-party date parser choked on with an arithmetic error.
FOUND_BY_FUZZING = {
    "form feed after a removed byline": b'<html><head><title>Fuzzed page</title></head><body><p><br class="byline">'
    b"the\x0c</body></html>",
    "control bytes before the title": b'\x01!DOCTYPE html><html lang="en"><head><meta charset="utf-8"\x00'
    b"<title>Budget passes</title></head><body><p>The budget passed.</p></body></html>",
    # dateutil raised decimal.InvalidOperation on minutes with 29 digits.
    "date with a huge minutes field": b'<html><head><script type="application/ld+json">{"@type": "NewsArticle",'
    b' "datePublished": "2019-03-25T14:030303030303030303030303030303:00Z"}</script></head>'
    b"<body><p>The budget passed.</p></body></html>",
}


@pytest.mark.parametrize("name", list(FOUND_BY_FUZZING), ids=list(FOUND_BY_FUZZING))
def test_inputs_found_by_fuzzing(name: str) -> None:
    check(FOUND_BY_FUZZING[name])
