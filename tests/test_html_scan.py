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
        root, html_page._FLAG_CACHE, value_flags, INTERESTING | html_page.F_NAMES_BYLINE, INTERESTING,
        html_page._LABEL_WORDS, html_page._AUTHOR_PATH_WORDS, html_page._SPECIAL_TAGS, html_page._RARE_NAMES,
    )


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


def test_screen_reads_values_new_to_the_cache_through_value_flags() -> None:
    """Why: a class value not in the flag cache gets its flags from `value_flags` (which caches
    them, as the loop body would), and the element is kept only if they are ones the loop reads."""
    root = _parse_tree(
        b"<html><body><div class='plain-new-value-7f3a'>x</div><div class='byline-new-value-7f3a'>y</div></body></html>"
    )
    assert root is not None
    assert cached_flags("plain-new-value-7f3a") is None and cached_flags("byline-new-value-7f3a") is None
    assert [e.get("class") for e in _candidates(root)] == ["byline-new-value-7f3a"]
    assert cached_flags("plain-new-value-7f3a") == 0 and cached_flags("byline-new-value-7f3a")


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


PROSE = (
    "<p>" + "A sentence of the article that runs long enough to count as prose, with commas, and more. " * 2 + "</p>"
)


def _cleaning_page() -> bytes:
    """Every case `clean_tree` decides: dropped tags, hidden blocks, figures, related and boilerplate boxes."""
    return f"""<html><head><title>T</title></head><body class="related">
    <nav class="menu"><a href="/">Home</a></nav><nav>{PROSE * 12}</nav><aside class="related">{PROSE}</aside>
    <main class="sidebar"><article id="comments">
    <div style="display:none">hidden</div><div style="color:red" class="related-links"><a href="/x">x</a></div>
    <div hidden>{PROSE * 12}</div><span aria-hidden="true">icon</span><div aria-hidden="false">shown</div>
    <figure><figcaption class="related">A caption</figcaption><div class="share">s</div></figure>
    <figure style="width:50%"><div class="related">inside a figure</div></figure>
    <figure style="display:none">{PROSE * 12}<div class="related">r</div></figure>
    <figure style="display:none"><img src="x.png"></figure><FIGURE><div class="share">s2</div></FIGURE>
    <div class="related-posts"><a href="/a">A</a></div><div class="entry-content">{PROSE}
      <div class="related">first</div><ul class="share-buttons"><li>f</li></ul></div>
    <div class="comments-area">{PROSE * 12}</div><div class="social-embed"><blockquote>post</blockquote></div>
    <p>Text <a class="meta-org" href="/o">Org</a> and <span class="tag">t</span> more.</p>
    <p class="meta">By line</p><p class="tagline">{PROSE}</p><div class="Related">second</div>
    <DIV CLASS="RELATED">third</DIV><button>b</button><form>{PROSE * 12}</form><label>l</label>
    <section class="newsletter"><div class="related">nested</div></section><div class="caption credit">c</div>
    <div class="new-to-the-cache-related-9d2b">n</div>
    <div class="byline">by</div><div class="story-body">{PROSE}</div><span class="sr-only">sr</span>
    </article></main><footer class="footer">f</footer></body></html>""".encode()


def _cleaned() -> tuple[bytes, list[bytes]]:
    from newsarchive.parse.body import clean_tree

    root = _parse_tree(_cleaning_page())
    assert root is not None
    body = root.find("body")
    assert body is not None
    body.insert(0, etree.Comment("a comment the parser would have dropped"))
    body.append(etree.ProcessingInstruction("pi", "x"))
    related = clean_tree(root)
    return etree.tostring(root), [etree.tostring(r) for r in related]


def test_cleaning_walk_in_c_cleans_as_the_python_walk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Why: the C walk calls `decide` only where it may act, in the order of the Python walk; the
    rest it enters, as `decide` would have said (figures not entered, dropped blocks not walked)."""
    from newsarchive.parse import body

    fast = _cleaned()
    monkeypatch.setattr(body, "_clean_walk", None)
    slow = _cleaned()
    assert fast == slow
    tree, related = fast
    # the page exercises each case
    assert len(related) >= 4 and b"inside a figure" in tree and b">hidden<" not in tree and b"s2" in tree


def test_cleaning_walk_asks_only_about_elements_it_may_act_on() -> None:
    """Why: elements without a dropped tag, a hiding attribute or a deciding class flag are entered without a call."""
    from newsarchive.parse.body import (
        _FLAG_CACHE,
        DECIDING_FLAGS,
        DROP_TAGS,
        F_CAPTION,
        F_CONTENT,
        HIDING_ATTRIBUTES,
        NEVER_DROP,
        READ_WHOLE,
    )

    root = _parse_tree(
        b"<html><body><div><p>a <b>b</b></p><div class='plain'>c</div><nav>n</nav>"
        b"<div class='caption'>d</div><div id='entry-content'>e</div><div class='share-bar'>f</div></div></body></html>"
    )
    assert root is not None
    assert value_flags("caption") & F_CAPTION and value_flags("entry-content") & F_CONTENT
    assert not (value_flags("caption") | value_flags("entry-content") | value_flags("plain")) & DECIDING_FLAGS
    asked: list[str] = []

    def decide(child: etree._Element) -> bool:
        asked.append(str(child.tag))
        return True

    scan.clean_walk(
        root, decide, _FLAG_CACHE, value_flags, DECIDING_FLAGS, DROP_TAGS, NEVER_DROP, HIDING_ATTRIBUTES, READ_WHOLE
    )
    assert asked == ["nav", "div"]  # the nav and the share bar: flags without a deciding one are entered


def test_hidden_elements_carry_a_hiding_attribute() -> None:
    """Why: the C walk asks about an element as possibly hidden only when it has one of `HIDING_ATTRIBUTES`."""
    from newsarchive.parse.body import HIDING_ATTRIBUTES, is_hidden

    root = _parse_tree(_cleaning_page())
    assert root is not None
    hidden = [e for e in root.iter(etree.Element) if is_hidden(e)]
    assert hidden and all(not HIDING_ATTRIBUTES.isdisjoint(e.attrib.keys()) for e in hidden)


SCORED_TEXTS = (
    "", "   \n\t  ", "short", "a b c d e f g h i j k l", "a b c d e f g h i j k l m", "x" * 24, "x" * 25,
    "  spaced   out   words   that   shrink  ", "\u00a0\u00a0" * 12, "ü" * 13, "ü" * 12, "word\x1c" * 6,
)  # fmt: skip


def _scoring_page() -> bytes:
    """Paragraphs and containers around the length `score_candidates` needs, loose text split by children."""
    parts = ["<html><body>"]
    for text in SCORED_TEXTS:
        parts += [f"<p>{text}</p>", f"<div>{text}</div>", f"<li>{text}<br>{text}</li>", f"<td>{text}</td>"]
        parts += [f"<div>{text}<span>{text}</span></div>", f"<section>{text}<p>{text}</p>{text}</section>"]
        parts += [f"<dd><em>{text}</em>{text}<div>{text}</div></dd>", f"<blockquote><b>{text}</b></blockquote>"]
        parts += [f"<div>ab<b>cd</b>{text}<!-- {text} -->ef</div>", f"<pre>{text}\n{text}</pre>"]
    parts.append("</body></html>")
    return "".join(parts).encode("utf-8")


def test_scoring_screen_scores_as_visiting_every_element(monkeypatch: pytest.MonkeyPatch) -> None:
    """Why: the screen drops only elements whose cleaned text cannot reach MIN_SCORED_CHARS, which
    `score_candidates` skips anyway; the scores and their order stay the same."""
    from newsarchive.parse import body

    root = _parse_tree(_scoring_page())
    assert root is not None

    def scores() -> list[tuple[str, float]]:
        return [(root.getroottree().getpath(e), s) for e, s in body.score_candidates(root).items()]

    fast = scores()
    monkeypatch.setattr(body, "_scored", None)
    assert fast == scores() and len(fast) >= 8
    kept = scan.scored(root, body._SCORED_TAG_SET, body._SCORED_CONTAINERS, body._INLINE_SCORED, 25)
    assert len(kept) < len(list(root.iter(*body._SCORED_TAGS))) - 20  # most short ones are not handed over


def test_cleaning_walk_on_a_wide_page_cleans_as_the_python_walk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Why: the C walk's child list and stack grow past their first sizes (64 children, 256 pending)."""
    from newsarchive.parse import body

    rows = "".join(
        f"<div class='{'related' if n % 7 == 0 else 'row'}'><span>{n}</span>{PROSE}</div>" for n in range(400)
    )
    page = f"<html><body><main>{rows}</main></body></html>".encode()

    def cleaned() -> tuple[bytes, int]:
        root = _parse_tree(page)
        assert root is not None
        related = body.clean_tree(root)
        return etree.tostring(root), len(related)

    fast = cleaned()
    monkeypatch.setattr(body, "_clean_walk", None)
    assert fast == cleaned() and fast[1] == 58


FLAG_VALUES = (
    "byline", "post-date", "article__byline", "authorName", "AuthorName", "XMLHttpRequest", "aB", "Ab", "a-B", "ABC",
    "entry-content", "entry_content", "entry-Content", "Entry-Content", "c-12345", "nav menu", "nav\x1cmenu",
    "nav\x0bmenu\x1fsocial", "  related-posts  ", "-", "_ - _", "x-author-box", "authorbox", "sr-only", "srOnly",
    "h-offscreen", "u-visuallyHidden", "comments-enabled", "has-comments", "Comment", "comment-list", "omment",
    "caption2credit", "img-caption", "9byline9", "by line", "a" * 600 + " byline", "byline " * 200,
    "crédit", "autor-ü", "\u00a0byline", "ﬁgure", "",
)  # fmt: skip


def test_class_words_in_c_give_the_python_definition() -> None:
    """Why: `value_flags` computes an ASCII value's bits in C (`ascii_flags`); they must be those
    of `plain_value_flags` (camelCase breaks, tokens without `-`/`_`, `str.split` whitespace,
    substrings, long values), and values it leaves (non-ASCII, `omment`) come back as None."""
    from newsarchive.parse import body

    for value in FLAG_VALUES:
        fast = scan.ascii_flags(value, body._WORD_BITS, body._TOKEN_BITS, body._SUBSTRING_BITS, body._FLAG_COUNT[0])
        if value.isascii() and "omment" not in value:
            assert fast == body.plain_value_flags(value), value
        else:
            assert fast is None, value
    assert any(body.plain_value_flags(value) for value in FLAG_VALUES)


def test_value_flags_with_and_without_the_extension_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    """Why: the flag cache holds one value per class or id, whichever path computed it."""
    from newsarchive.parse import body

    body._FLAG_CACHE.clear()
    fast = [value_flags(value) for value in FLAG_VALUES]
    monkeypatch.setattr(body, "_ascii_flags", None)
    body._FLAG_CACHE.clear()
    assert [value_flags(value) for value in FLAG_VALUES] == fast
    body._FLAG_CACHE.clear()


def test_class_words_in_c_follow_newly_registered_words() -> None:
    """Why: the C word tables are copies; a word set registered later (a new version) or another
    table must be seen, and words or bits they cannot hold go back to the Python definition."""
    words = {"alpha": 1}
    assert scan.ascii_flags("alpha-beta", words, {}, [], 0) == 1
    words["beta"] = 2
    assert scan.ascii_flags("alpha-beta", words, {}, [], 1) == 3
    assert scan.ascii_flags("alpha-beta", {"beta": 4}, {"alphabeta": 8}, [("ha-b", 16)], 1) == 28
    assert scan.ascii_flags("alpha", {"a" * 64: 1}, {}, [], 2) is None
    assert scan.ascii_flags("alpha", {"alpha": 1 << 64}, {}, [], 3) is None
    assert scan.ascii_flags("alpha", {"alpha": 1}, {}, [], 4) == 1


COLLAPSE_TEXTS = (
    "", " ", "word", "  two  words  ", "a\nb\tc\rd\x0be\x0cf", "\x1c\x1d\x1e\x1fsep", "nbsp\u00a0and\u0085nel",
    "ideographic\u3000space", "line\u2028para\u2029", "zero\u200bwidth", "caf\u00e9  \u4e2d\u6587 \U0001f600  x",
    "\n\n   \t", "end ", " start",
)  # fmt: skip


@pytest.mark.parametrize("text", COLLAPSE_TEXTS)
def test_collapsed_length_in_c_is_that_of_the_split_and_joined_text(text: str) -> None:
    """Why: `_raw_len` counts whitespace runs as one space through `collapsed_len`; it must give
    `len(" ".join(text.split()))` for every whitespace `str.split` knows, in every string width."""
    assert scan.collapsed_len(text) == len(" ".join(text.split()))
    assert scan.collapsed_len(text * 3) == len(" ".join((text * 3).split()))


def test_raw_len_with_and_without_the_extension_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    """Why: the pure-Python `_raw_len` is the fallback of a build without the extension."""
    from newsarchive.parse import body

    root = _tree()
    with_c = [body._raw_len(element) for element in root.iter()]
    monkeypatch.setattr(body, "_raw_len_c", None)
    assert [body._raw_len(element) for element in root.iter()] == with_c
    monkeypatch.setattr(body, "_collapsed_len", None)
    assert [body._raw_len(element) for element in root.iter()] == with_c


AUTHOR_PAGE = (
    "<html><body><article><p>By <a href='/by/jane-doe'>Jane Doe</a> and <a href='/by/kim'>  @KIMOTT </a></p>"
    "<p>Text <a href='#top'>Jane Doe</a> <a href='javascript:x()'>Jane Doe</a> <a href='mailto:j@x'>Jane Doe</a>"
    " <a>Jane Doe</a> <a href=''>Jane Doe</a> <a href='/x'><b> Jane</b> <i>Doe</i></a> <a href='/y'>@ Jane Doe</a>"
    " <a href='/z'>\u00a0Jane Doe</a> <a href='/w'>Ödön Árpád</a> <a href='/v'>jane doe</a> <a href='/u'>@@janedoe</a>"
    " <a href='/t'>Other Name</a></p>"
    "<p>  Jane Doe is a reporter. Follow <span><b><a href='/tw'>her</a></b></span> <a href='/rss'>feed</a>.</p>"
    "<p><b> </b><i>Kim Ott, a writer,</i> on <a href='/k'>X</a></p><p>\u00a0Ödön Árpád writes <a href='/o'>here</a></p>"
    "<div><p>Janet Doe <a href='/not-note'>link</a></p></div><p>Other text <a href='/plain'>Plain</a></p>"
    "</article><footer><a href='/by/jane-doe-2'>Jane Doe</a></footer></body></html>"
)
AUTHOR_NAMES = (["Jane Doe", "Kim Ott", "Ödön Árpád"], ["Kim Ott"], ["Jane Doe"], ["jane doe"], ["Solo"], [])


@pytest.mark.parametrize("names", AUTHOR_NAMES)
def test_author_link_screen_keeps_every_link_and_paragraph_the_loop_acts_on(
    names: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Why: `author_link_refs` reads only the links and paragraphs `author_link_candidates` hands
    over; it must find the same links as reading every `a` and `p` (text split by markup, `@`
    handles, non-ASCII names and blanks, skipped hrefs, authors' notes a few levels up)."""
    from newsarchive.parse import html_byline

    root = _parse_tree(AUTHOR_PAGE.encode("utf-8"))
    assert root is not None
    screened = html_byline.author_link_refs(root, names)
    monkeypatch.setattr(html_byline, "_author_link_candidates", None)
    assert html_byline.author_link_refs(root, names) == screened
    if names == AUTHOR_NAMES[0]:
        assert len(screened) >= 4


def test_author_link_screen_is_in_document_order_and_leaves_most_out() -> None:
    """Why: the loop relies on a paragraph coming before its links; the screen must also pass over
    what cannot be a name (the point of screening)."""
    root = _parse_tree(AUTHOR_PAGE.encode("utf-8"))
    assert root is not None
    every = list(root.iter("a", "p"))
    kept = scan.author_link_candidates(root, "j", "J")
    assert kept == [e for e in every if e in set(kept)]
    assert 0 < len(kept) < len(every)


RAW_LEN_PAGE = (
    "<html><body><div> Plain  text\n\t<b>bold</b>\u00a0nbsp <a href='/x'> link\u3000ideographic </a>"
    "<p>caf\u00e9 \U0001f600 \u2028 line\u0085nel</p><span></span><i>   </i>&amp; &lt;tag&gt;"
    "<ul><li>one</li><li>two <em>three</em></li></ul><textarea>  raw <b>text</b> </textarea></div></body></html>"
)


def test_raw_length_read_from_the_nodes_is_that_of_the_serialised_text() -> None:
    """Why: `_raw_len` reads the collapsed length from libxml2's text nodes (`raw_len`); it must
    equal `collapsed_len` of what `tostring(method="text")` gives, for every element, whitespace
    of every kind and multi-byte characters included."""
    from newsarchive.parse.body import _text_raw

    root = _parse_tree(RAW_LEN_PAGE.encode("utf-8"))
    assert root is not None
    for element in root.iter():
        assert scan.raw_len(element) == scan.collapsed_len(_text_raw(element)), element.tag
    assert scan.raw_len(root) > 0
