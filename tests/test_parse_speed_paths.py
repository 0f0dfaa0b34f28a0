"""The HTML parser's shortcuts give what the slower computations they stand for give.

Each shortcut (a substring test instead of a regex search, a check skipped when its outcome
is already known) is checked against the computation it replaces on hand-written inputs,
tricky ones included, so a shortcut that drifts from its original fails here.
"""

from __future__ import annotations

import re

import pytest

from newsarchive.errors import ParseError
from newsarchive.model import Section
from newsarchive.normalize import _INVISIBLE_RE, clean_text
from newsarchive.parse import parse
from newsarchive.parse.body import _READING_TIME_RE, _Walker
from newsarchive.parse.common import norm_key, strip_non_word
from newsarchive.parse.html import _CONTROL_RE, _has_control_bytes, _in_body
from newsarchive.parse.jsonld import loads_lenient

CONTROL_TEXTS = (
    "", "plain text", "tab\tnewline\ncr\r", "bell\x07", "nul\x00", "vt\x0b", "ff\x0c", "so\x0e", "us\x1f",
    "space \x20", "del \x7f", "é \u2028", "\x1b[0m", "ünïcödé \x08",
)  # fmt: skip


def test_control_bytes_found_as_the_regex_finds_control_characters() -> None:
    """Why: the page is checked as UTF-8 bytes, where a control character is its own byte."""
    assert any(_CONTROL_RE.search(text) for text in CONTROL_TEXTS)
    for text in CONTROL_TEXTS:
        assert _has_control_bytes(text.encode("utf-8")) == bool(_CONTROL_RE.search(text)), repr(text)


@pytest.mark.parametrize("char", sorted(set(re.findall(r"[^\[\]]", _INVISIBLE_RE.pattern))))
def test_clean_text_drops_every_invisible_character(char: str) -> None:
    """Why: the substring tests must cover each character the regex names, alone or among others."""
    assert clean_text(f"Pal\u00e4s{char}tina") == "Pal\u00e4stina"
    assert clean_text(f"{char}a {char} b{char}") == "a b"


LEADS = (
    "Council approves the new budget after a long night of debate",
    "council approves the NEW budget - after a long night, of debate",
    "Council approves the new budget after a long",
    "The Council approves the new budget",
    "ΟΔΟΣ ΑΘΗΝΩΝ ΚΛΕΙΣΤΗ",
    "ΑΘΗΝΩΝ ΚΛΕΙΣΤΗΣ",  # printed inside `ΚΛΕΙΣΤΗΣΑΝ`, but its last letter lower-cases to a final sigma
    "Ödön ÁRPÁD said the budget was fine",
    "",
)
PARAGRAPHS = (
    ("Council approves the new budget after a long night of debate, its members said.",),
    ("Earlier text.", "The Council approves the new", "budget after a long night of debate."),
    ("ΟΔΟΣ ΑΘΗΝΩΝ ΚΛΕΙΣΤΗΣΑΝ σήμερα",),
    ("ödön árpád said the budget was fine.",),
    ("Nothing related here.",),
)


def test_lead_in_body_agrees_with_comparing_the_keys() -> None:
    """Why: a lead printed as it is inside a paragraph needs no key of the whole body."""
    results = []
    for paragraphs in PARAGRAPHS:
        sections = [Section(heading=None, level=2, paragraphs=paragraphs)]
        for lead in LEADS:
            expected = norm_key(lead) in norm_key(" ".join(paragraphs))
            assert _in_body(lead, sections) == expected, (lead, paragraphs)
            results.append(expected)
    assert any(results) and not all(results)


NOISE_TEXTS = (
    "Council approves the new budget",  # the headline again
    "Politics: Council approves the new budget",  # after its kicker
    "Council",  # shorter than the headline: text
    "Budget news",
    "5 min read",  # a reading time
    "Lesezeit: 4 Min.",
    "min read",  # no number: no reading time
    "Reading time",
    "A sentence with 3 numbers and the word minute in it, long enough to be text.",
)


def test_noise_shortcuts_agree_with_the_full_tests() -> None:
    """Why: a text shorter than the headline's key, or without a digit, skips work that cannot match."""
    walker = _Walker(None, "Council approves the new budget", [])
    verdicts = {text: walker._is_noise(text) for text in NOISE_TEXTS}
    assert verdicts["Council approves the new budget"] and verdicts["Politics: Council approves the new budget"]
    assert verdicts["5 min read"] and verdicts["Lesezeit: 4 Min."]
    assert not verdicts["Council"] and not verdicts["Budget news"] and not verdicts["min read"]
    assert not verdicts["Reading time"]
    for text in NOISE_TEXTS:
        if not any(c.isdigit() for c in text):
            assert not _READING_TIME_RE.search(text), text


@pytest.mark.parametrize(
    "block",
    ['{"@type": "NewsArticle", "headline": "A"}', '{"@type": "NewsArticle", "headline": "A",}', '/* c */ {"a": 1};'],
)
def test_json_ld_blocks_read_with_or_without_cleaning(block: str) -> None:
    """Why: a block that parses as it is skips the cleaning; one that does not is cleaned."""
    value = loads_lenient(block)
    assert isinstance(value, dict) and value


KEY_TEXTS = (
    "".join(map(chr, range(128))), "Breaking: Council approves the new_budget (2024)!", "a-b_c d.e", "",
    "Ünïcödé & ascii", "K\u212a-Kelvin", "\u0130stanbul", "ΟΔΟΣ ΑΘΗΝΩΝ", "２０２４年 ニュース", "tab\tand\u00a0nbsp",
    "Don\u2019t \u2013 \u201cquoted\u201d\u2026 ½ x² snake_case", "emoji \U0001f600 end_", "lone \ud800 surrogate",
    "«Zitat» — ١٢٣ \u00b7 \u200b\u00ad", "\u2014\u2014", "ÿ\u0080\u009f\u00a0",
)  # fmt: skip


@pytest.mark.parametrize("text", KEY_TEXTS)
def test_strip_non_word_agrees_with_the_regex(text: str) -> None:
    """Why: ASCII characters go with one bytes.translate (the whole of an ASCII text), only the
    non-ASCII rest of other texts meets the regex: together they drop what `\\W` matches."""
    assert strip_non_word(text) == re.sub(r"\W+", "", text)
    assert norm_key(text) == re.sub(r"\W+", "", text.lower())


@pytest.mark.parametrize("data", [b"", b" ", b" \t\n\r\x0b\x0c", b"\x1c\x1d", b"\xa0", b" x ", b"\x00"])
def test_empty_file_found_without_copying_it(data: bytes) -> None:
    """Why: an empty or whitespace-only file is told apart with `bytes.isspace`, not a stripped copy."""
    try:
        parse(data, "f.txt")
        reason = None
    except ParseError as error:
        reason = str(error)
    assert (reason is not None and reason.endswith("file is empty")) == (not data.strip())


@pytest.mark.parametrize("limit", [1, 3, 4, 7, 8, 9, 50])
def test_text_head_cleans_growing_prefixes_as_the_whole_text_cleans(limit: int) -> None:
    """Why: `text_head` cleans prefixes of the serialised text, not the whole; runs of
    whitespace and invisible characters across a prefix's end must not change its start."""
    from lxml import etree

    from newsarchive.parse.body import _text_raw, text_head

    pieces = (
        "  a" + " " * 40 + "\u00ad\u200b b\u00a0\u00a0c", "\n" * 30 + "dd\u2060d ", "  é" * 9, "\ufeff" * 5 + "end",
    )  # fmt: skip
    markup = "".join(f"<span>{piece}</span>" for piece in pieces)
    root = etree.fromstring(f"<html><body><div>{markup} tail  </div></body></html>", etree.HTMLParser())
    div = root.find(".//div")
    assert div is not None
    assert text_head(div, limit) == clean_text(_text_raw(div))[:limit]
    assert len(text_head(div, limit)) == min(limit, len(clean_text(_text_raw(div))))


MONTH_FIRST_TEXTS = (
    "March 5, 2024", "Updated March 5th 2024 at 10:00", "Sept. 12,  2019", "Mai 3 2021", "am 3. März 2024",
    "March 2024", "5 March 2024", "Jan 123 2024", "March 5, 20245", "March 5 1899", "no date here 2024",
    "Posted on April 1st, 2023 by Kim", "मार्च 5, 2024", "January\u00a05,\u00a02020", "Oct 31,\n2022",
)  # fmt: skip


def test_month_first_dates_need_a_day_and_year_after_the_month() -> None:
    """Why: `find_text_date` skips the month-first pattern for texts its day-and-year tail misses."""
    from newsarchive.parse.html_dates import _DAY_YEAR_RE, _MONTH_DAY_YEAR_RE

    assert any(_MONTH_DAY_YEAR_RE.search(text) for text in MONTH_FIRST_TEXTS)
    for text in MONTH_FIRST_TEXTS:
        if _MONTH_DAY_YEAR_RE.search(text):
            assert _DAY_YEAR_RE.search(text), text


DATE_LINES = (
    "BBC News, 25 March 2019", "Posted 2021-07-04T19:30:00+08:00 by staff", "Room 101, 3 people",
    "March 25, 2019, 2:03 pm GMT and 2019-03-26", "99/99/2019 then 25 March 2019", "MAY 5TH, 2024 at 10.30 a.m.",
    "May 2019-03-25 march 3 2020", "12.13.2019 or 1/2/2020", "2019年3月25日", "Sept. 4 , 2021",
    "31 Feb 2020 1 Mar 2020",
    "jan 1 1999jan 2 1999", "1st of May 2020", "on 3 may, 2021, at 9:15 PM EST", "1234-56-78 2024-01-02",
    "Oct\u00a031,\u00a02022", "dec 32, 2020 dec 31, 2020", "no date at all", "", "2020", "May 5\n2020",
)  # fmt: skip


@pytest.mark.parametrize("line", DATE_LINES)
def test_date_matches_are_those_of_the_whole_alternation(line: str) -> None:
    """Why: `find_date` searches its patterns in two halves; the matches must be the single alternation's."""
    from newsarchive.normalize import DATE_PATTERNS, _date_matches, find_date, parse_date

    reference = re.compile("|".join(f"(?:{p})" for p in DATE_PATTERNS), re.IGNORECASE)
    assert [m.span() for m in _date_matches(line)] == [m.span() for m in reference.finditer(line)]
    expected = None
    for match in reference.finditer(line):
        iso = parse_date(match.group(0))
        if iso:
            expected = (match.group(0).strip(), iso)
            break
    assert find_date(line) == expected


DAY_FIRST_TEXTS = (
    "3 March 2024", "31. Oktober 2023", "123 March 2024", "x12 de marzo de 2021", "1.2.2024", "12.03.2024 and 5/6/2021",
    "3.12.03.2024", "2024 11/12/2019", "٣ مارس 2024", "5 मई 2024", "1st January 2000, 2nd January 2000",
    "7th\u00a0Mai 2019",
    "on 04/05/2019.", "0.5/6/2020", "99 99 2020", "10 June 1999 12.12.2012",
)  # fmt: skip


@pytest.mark.parametrize("text", DAY_FIRST_TEXTS)
def test_day_first_patterns_match_as_with_a_lookbehind_first(text: str) -> None:
    """Why: the day-first patterns open with a digit (a fast start) instead of the lookbehind they replace."""
    from newsarchive.parse.html_dates import _DAY_MONTH_YEAR_RE, _NUMERIC_RE, _WORD

    day_month_year = re.compile(
        rf"(?<!\d)(\d{{1,2}})(?:\.|st|nd|rd|th|er)?\s*(?:de\s+)?({_WORD})\.?,?\s*(?:de\s+)?((?:19|20)\d{{2}})(?!\d)"
    )
    numeric = re.compile(r"(?<![\d.])(\d{1,2})\s?[./]\s?(\d{1,2})\s?[./]\s?((?:19|20)\d{2})(?!\d)")
    for fast, reference in ((_DAY_MONTH_YEAR_RE, day_month_year), (_NUMERIC_RE, numeric)):
        found = [(m.span(), m.groups()) for m in fast.finditer(text)]
        assert found == [(m.span(), m.groups()) for m in reference.finditer(text)]
    assert any(_DAY_MONTH_YEAR_RE.search(t) for t in DAY_FIRST_TEXTS)
    assert any(_NUMERIC_RE.search(t) for t in DAY_FIRST_TEXTS)


def test_cleaning_tests_hidden_only_on_elements_with_more_than_a_class_and_an_id() -> None:
    """Why: `clean_tree` skips `is_hidden` for elements whose only attributes are a class and an id."""
    from lxml import etree

    from newsarchive.parse.body import clean_tree, is_hidden

    root = etree.fromstring(
        '<html><body><div class="story" id="a">kept</div><div class="story" id="b" style="display: none">styled</div>'
        '<p class="x" aria-hidden="true">aria</p><p id="c" hidden>bare</p><p class="y">plain</p></body></html>',
        etree.HTMLParser(),
    )
    for element in root.iter("div", "p"):
        if not set(element.attrib) - {"class", "id"}:
            assert not is_hidden(element)
    clean_tree(root)
    body = root.find("body")
    assert body is not None
    assert [e.text for e in body] == ["kept", "plain"]


@pytest.mark.parametrize(
    "raw",
    ["Tuesday, March 25, 2019, 3:45 PM", "Mon, 25 Mar 2019 14:03:00 GMT", "25 March 2019", "Posted 2019 at noon",
     "March 25, 2019 25:99", "Friday 12:30 2019"],
)  # fmt: skip
def test_read_date_reads_a_value_with_a_time_once(raw: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Why: a date value with a time is read whole (dateutil, ~100 µs) once, giving what reading
    it twice gave: the whole value when it reads, else the day found in it."""
    from newsarchive.parse import html_dates

    text = clean_text(raw)
    found = html_dates.find_text_date(text)
    timed = html_dates.parse_date(text) if html_dates._TIME_IN_TEXT_RE.search(text) else None
    expected = (timed if timed else found[1]) if found else None
    calls: list[str] = []
    real = html_dates.parse_date

    def counted(value: str | None) -> str | None:
        calls.append(value or "")
        return real(value)

    monkeypatch.setattr(html_dates, "parse_date", counted)
    assert html_dates._read_date(raw) == expected
    assert calls.count(text) <= 1


@pytest.mark.parametrize(
    "text",
    ["", "no digits here", "May 5", "x\u00b2", "\u2460 first", "\u0661\u0662", "\u216b", "\uff15 days", "caf\u00e9",
     "0", "\x00\x7f", "sentence. 2024!"],
)  # fmt: skip
def test_has_digit_agrees_with_testing_every_character(text: str) -> None:
    """Why: ASCII lines are searched for 0-9 by a regex instead of testing each character with isdigit."""
    from newsarchive.parse.body import has_digit

    assert has_digit(text) == any(c.isdigit() for c in text)


NESTED_LINKS = (
    "<html><body><div><section> Menu <div><a href='/a'> One </a><span><a href='/b'>Two"
    "<b>!</b></a></span></div> tail </section><p>Text with <a href='/c'>a link</a>.</p></div></body></html>"
)


def test_raw_lengths_agree_with_measuring_each_element_again() -> None:
    """Why: `RawLengths` stands for `_raw_len` and `_link_chars` on a tree that no longer changes."""
    from lxml import html as lxml_html

    from newsarchive.parse.body import RawLengths, _link_chars, _raw_len

    root = lxml_html.fromstring(NESTED_LINKS)
    lengths = RawLengths()
    for element in root.iter():
        assert lengths[element] == _raw_len(element)
        assert lengths.link_chars(element) == _link_chars(element)
    assert lengths.link_chars(root) == len("One") + len("Two!") + len("a link")


def test_walk_reads_inline_markup_as_the_tested_path_does() -> None:
    """Why: inline elements skip the walk's tests; their text, tails and links must still come out."""
    from lxml import html as lxml_html

    from newsarchive.parse.body import _WALK_TESTED

    assert not {"a", "b", "sup", "cite", "i", "em"} & _WALK_TESTED
    root = lxml_html.fromstring(
        "<div><p>The <b>council</b> met on <a href='/x'>Monday <i>night</i></a> and <sup>1</sup>"
        " voted.</p><p>Second paragraph, <span>with a span</span> in it.</p></div>"
    )
    walker = _Walker("https://example.org/", None, [])
    walker.walk([root])
    body = walker.result()
    assert body.sections[0].paragraphs == (
        "The council met on Monday night and 1 voted.",
        "Second paragraph, with a span in it.",
    )
    assert [(link.text, link.href) for link in body.links] == [("Monday night", "https://example.org/x")]


LEAVES_PAGE = (
    "<html><body><div><p>Plain &amp; simple &lt;tag&gt; caf\u00e9&nbsp;bar</p><p>  </p><p></p>"
    "<a href='/x'>  A link\n with  spaces </a><a href='/y'></a><a href='/z'><img alt='Pic'></a>"
    "<p>Before<!-- a comment -->after</p><p><!-- only a comment --></p>"
    "<script>if (a < b && c) { x = '<p>'; }</script><textarea>Some <b>raw</b> text</textarea>"
    "<span>\u4e2d\u6587\u200b \U0001f600</span><br><td>cell</td></div></body></html>"
)


@pytest.mark.parametrize("keep_comments", [False, True])
def test_leaf_text_read_as_libxml2_serialises_it(keep_comments: bool) -> None:
    """Why: `_text_raw` reads a leaf's `.text` instead of serialising it; for every element, leaf
    or not, it must give what `tostring(method="text")` gives (entities, blanks, empty elements,
    script and textarea contents, comments among the text)."""
    from lxml import etree

    from newsarchive.parse.body import _text_raw

    parser = etree.HTMLParser(remove_comments=not keep_comments, remove_pis=True)
    root = etree.fromstring(LEAVES_PAGE.encode("utf-8"), parser)
    leaves = 0
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        leaves += not len(element)
        expected = etree.tostring(element, method="text", encoding="unicode", with_tail=False)
        assert _text_raw(element) == expected, etree.tostring(element)
    assert leaves >= 10


def _headline_list(items: int) -> str:
    entries = "".join(
        f"<li><a href='/story-{i}'>Council story number {i} gets a long headline</a></li>"
        + ("<!-- ad slot -->" if i % 3 == 0 else "")
        for i in range(items)
    )
    return f"<ul>{entries}<div>not an item</div></ul>"


@pytest.mark.parametrize("items", [0, 1, 7, 8, 9, 40])
def test_link_list_counts_li_children_as_all_of_them_would(items: int) -> None:
    """Why: `link_list` takes a list's `li` children only up to one past `MAX_RELATED_ITEMS`; it
    must decide as when every `li` child (comments and other children aside) was counted."""
    from lxml import etree

    from newsarchive.parse.body import MAX_RELATED_ITEMS

    parser = etree.HTMLParser(remove_comments=False)
    root = etree.fromstring(_headline_list(items).encode(), parser)
    element = next(root.iter("ul"))
    all_items = [c for c in element if isinstance(c.tag, str) and c.tag == "li"]
    assert len(all_items) == items
    walker = _Walker("https://example.org/", None, [])
    assert walker.link_list(element) == (0 < items <= MAX_RELATED_ITEMS)


JOIN_BASES = (
    "https://example.org/news/story.html", "http://Example.ORG:8080/a/b/?q=1#top", "HTTPS://example.org",
    "https://user@example.org/path;params?query", "https://example.org/a/b?#", "http:relative/path",
    "https://[::1]/x", "https://[bad/x", "ftp://example.org/pub/", "/no/scheme", "mailto:someone@example.org",
)  # fmt: skip
JOIN_HREFS = (
    "/", "/a", "/wiki/Page_(film)", "/a/b/", "/a/../b", "/a/./b", "/./a", "/a/..", "/a/.hidden", "/a;p", "/a;",
    "/a/b;?q", "/a;p/b", "/a?", "/a?q=1", "/a?q=1;x", "/a#", "/a#f", "/a?q#f", "/a?#f", "/a#f?q", "/a#f#g", "/ä/ö?ü",
    "#", "#f", "#f#g", "#f?q", "#\tf", "/a\tb", "/a\nb", "//host/x", "///x", "?q", "rel/x", "./x", "../x",
)  # fmt: skip


def test_join_url_shortcuts_agree_with_urljoin() -> None:
    """Why: `_join_url` prefixes root paths and fragments itself; it must give what `urljoin` gives
    (or the link as it is where `urljoin` fails) for every base and link, odd ones included."""
    from urllib.parse import urljoin

    from newsarchive.parse.body import _join_url, _url_prefixes

    assert _url_prefixes(JOIN_BASES[0]) is not None  # the shortcut is taken
    for base in JOIN_BASES:
        for href in JOIN_HREFS:
            try:
                expected = urljoin(base, href)
            except ValueError:
                expected = href
            assert _join_url(base, href) == expected, (base, href)


CLASS_VALUES = (
    "", "entry-content", "post_title  byline", "articleBody", "HTMLParser fooBar aBC", "css-10gx9pb",
    "comment-2582179 comments-open", "has_comments no-comments", "tab\tnew\nline", "x\x1cy\x1fz", "a.b:c/d[e]",
    "Über-Autor", "K\u212aelvin", "\u0130talic", "ﬁrst author-box", "story--lead summary", "teaser__headline",
    "standfirst ArticleSummary article-summary", "AUTHOR-name", "0byline9", "{author}", "~related~",
)  # fmt: skip


def _flags_as_regexes_read_them(raw: str) -> int:
    """`value_flags` as it was written before its shortcuts: every word found by `_WORD_RE`,
    every token looked up."""
    from newsarchive.parse import body

    found = 0
    value = body._COMMENT_STATE_RE.sub(" ", raw) if "omment" in raw else raw
    lowered = value.lower()
    for word in body._WORD_RE.findall(lowered if lowered == value else body._CAMEL_RE.sub(" ", value).lower()):
        found |= body._WORD_BITS.get(word, 0)
    for token in lowered.replace("-", "").replace("_", "").split():
        found |= body._TOKEN_BITS.get(token, 0)
    whole = lowered if value is raw else raw.lower()
    for part, bit in body._SUBSTRING_BITS:
        if part in whole:
            found |= bit
    return found


@pytest.mark.parametrize("raw", CLASS_VALUES)
def test_class_words_split_in_c_as_the_word_regex_finds_them(raw: str) -> None:
    """Why: an ASCII value's words come from `bytes.translate` and `split`, which must give `_WORD_RE`'s runs."""
    from newsarchive.parse.body import _WORD_RE, ascii_words

    for text in (raw, raw.lower(), "".join(chr(c) for c in range(128))):
        if text.isascii():
            assert ascii_words(text) == _WORD_RE.findall(text), repr(text)


@pytest.mark.parametrize("raw", CLASS_VALUES)
def test_class_flags_agree_with_the_regex_reading(raw: str) -> None:
    """Why: the value's bits from the C split and the token pre-test must be those of the regex reading."""
    from newsarchive.parse import html_page  # noqa: F401  (registers the metadata pass's sets)
    from newsarchive.parse.body import _FLAG_CACHE, value_flags

    _FLAG_CACHE.pop(raw, None)
    assert value_flags(raw) == _flags_as_regexes_read_them(raw), repr(raw)
    assert _flags_as_regexes_read_them("standfirst ArticleSummary article-summary")  # the sets are registered


RARE_ATTRIBUTES_PAGE = b"""<html><head><meta property="og:title" content="T"><meta itemprop="name" content="N"></head>
<body><div class="wrap" id="w" style="x" data-testid="author-box"><a href="/a" itemprop="author url">Kim</a></div>
<span data-component="BylineAuthor" title="t">Kim Ott</span><p style="s" itemprop="description">Lead</p>
<section class="c" id="s" property="articleBody" lang="en"><p>Text</p></section>
<div class="c" id="d" itemprop="articleBody" data-x="1"><p>More</p></div>
<img src="x.png" alt="a" width="1"></body></html>"""


def test_rare_attributes_read_as_when_every_element_is_read() -> None:
    """Why: the metadata pass reads data-testid, itemprop and property only from elements naming one of them."""
    from newsarchive.parse import html_page
    from newsarchive.parse.html import _parse_tree

    class _Names:
        """Meets every list of names: every element with more than a class and an id is read."""

        def isdisjoint(self, names: object) -> bool:
            return False

    root = _parse_tree(RARE_ATTRIBUTES_PAGE)
    assert root is not None
    order = {element: number for number, element in enumerate(root.iter())}

    def seen(page: html_page.Page) -> tuple[dict[str, list[int]], list[int], list[int]]:
        props = {name: [order[e] for e in found] for name, found in page.itemprops.items()}
        return props, [order[e] for e in page.byline_elements], [order[e] for e in page.content_selected.marked]
    fast = seen(html_page.read_page(root, RARE_ATTRIBUTES_PAGE.decode()))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(html_page, "_RARE_NAMES", _Names())
        patch.setattr(html_page, "_candidates", None)  # every element visited, not only the screen's
        general = seen(html_page.read_page(root, RARE_ATTRIBUTES_PAGE.decode()))
    assert fast == general
    assert fast[0] and fast[1] and len(fast[2]) == 2


def test_rare_attribute_names_cover_every_attribute_the_pass_reads() -> None:
    """Why: an attribute read in the metadata pass but missing from `_RARE_NAMES` would never be read."""
    import inspect

    from newsarchive.parse import html_page

    read = set(re.findall(r'attributes\.get\("([^"]+)"\)', inspect.getsource(html_page.read_page)))
    assert read - {"class", "id"} == set(html_page._RARE_NAMES)


def test_id_read_unless_the_class_is_the_only_attribute() -> None:
    """Why: the metadata pass skips the id look-up only where the class is the element's one attribute."""
    from newsarchive.parse import html_page
    from newsarchive.parse.html import _parse_tree

    page = b"""<html><body><p class="byline">A</p><p id="byline">B</p><p class="x" id="author">C</p>
<p title="t" id="writer">D</p><p class="x" title="t">E</p><p class="meta" data-x="1">F</p></body></html>"""
    root = _parse_tree(page)
    assert root is not None
    found = html_page.read_page(root, page.decode())
    assert [e.text for e in found.byline_elements] == ["A", "B", "C", "D"]
    assert [e.text for e in found.date_elements] == ["A", "B", "F"]  # `byline` and `meta` name dates


_TAIL_ARTICLE = "".join(
    f"<p>Paragraph {n} of the council report says the libraries will open on Sundays again, staff said.</p>"
    for n in range(8)
)
_TAIL_OFFER = (
    "<p>Want more on your town? You can order our monthly print issue and we send it to your door: "
    "<a href='https://shop.example.org/issue{query}'>order your copy here</a>.</p>"
)
_CAMPAIGN = "?utm_source=site&amp;utm_medium=article"


def _tail_page(query: str, body_link: str = "") -> bytes:
    offer = _TAIL_OFFER.format(query=query)
    body = f"<article>{body_link}{_TAIL_ARTICLE}{offer}</article>"
    return f"<html><head><title>T</title></head><body>{body}</body></html>".encode()


def _without_shortcut(monkeypatch: pytest.MonkeyPatch, data: bytes) -> object:
    """The record with the reader-address tail measured on every page (no campaign-link screen)."""
    from newsarchive.parse import html

    with monkeypatch.context() as patch:
        calls = iter([True])  # the screen's `any` sees True once, then the real predicate runs
        original = html._campaign_link
        patch.setattr(html, "_campaign_link", lambda link: next(calls, None) or original(link))
        return parse(data, "page.html")


@pytest.mark.parametrize(
    "data",
    [
        _tail_page(_CAMPAIGN),
        _tail_page(""),
        _tail_page("?utm_source=site", "<p>Earlier: <a href='/x?utm_medium=mail'>a story</a> on the pool.</p>"),
        _tail_page("?UTM_CAMPAIGN=x"),
    ],
)
def test_reader_address_tail_measured_only_with_a_campaign_link(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    """Why: the tail is cut only for an inline campaign link, so a page without one skips measuring
    it; the record must be what measuring it on every page gives."""
    assert parse(data, "page.html") == _without_shortcut(monkeypatch, data)


def test_reader_address_tail_not_measured_without_a_campaign_link(monkeypatch: pytest.MonkeyPatch) -> None:
    """Why: measuring the body's paragraphs as dump units is the costly step the screen skips."""
    from newsarchive.parse import text

    def fail(*_: object) -> None:
        raise AssertionError("measured")

    monkeypatch.setattr(text, "addressing_tail", fail)
    parse(_tail_page(""), "page.html")
    with pytest.raises(AssertionError):
        parse(_tail_page(_CAMPAIGN), "page.html")


SENTENCE_BOXES = (
    "<html><body><div id='w'><nav><a href='/a'>Home</a> | <a href='/b'>News</a> | <a href='/c'>Sport</a></nav>"
    "<p>Neil has patches up to <a href='/d'>fix the build</a>, and the <a href='/e'>test suite</a> of it."
    "<!-- note --> And <span>the <b>rest</b> of</span> it</p><div><span><a href='/f'>Share</a></span>"
    "<span><a href='/g'>Tweet</a></span> ΣΟΦΟΣ ΚΑΙ Ο ΛΟΓΟΣ <a href='/h'>x</a>İstanbul'da</div></div></body></html>"
)


def test_unlinked_words_counted_per_element_as_the_joined_text_reads() -> None:
    """Why: `_linked_sentence` counts each element's words outside links once (`RawLengths.unlinked_words`);
    it must decide as reading every box's whole unlinked text again does."""
    from lxml import html as lxml_html

    from newsarchive.parse.body import _WORD_RE_ANY, RawLengths, _linked_sentence, _unlinked_text
    from newsarchive.parse.lexicon import ALL_STOPWORDS

    root = lxml_html.fromstring(SENTENCE_BOXES)
    lengths = RawLengths()
    decisions = []
    for element in reversed(list(root.iter())):  # inner boxes first, as the cache fills bottom-up
        words = _WORD_RE_ANY.findall(_unlinked_text(element).lower())
        assert lengths.unlinked_words(element) == (len(words), sum(w in ALL_STOPWORDS for w in words))
        decisions.append(_linked_sentence(element, lengths))
        assert decisions[-1] == _linked_sentence(element)
    assert True in decisions and False in decisions


MARKED_PAGE = (
    "<html><body><div id='w'><a href='/card'><img src='c.jpg'><h3>Card title</h3></a><a href='/plain'>Plain</a>"
    "<div><p>By <a rel='author' href='/kim'>Kim</a> in <a rel='category tag' href='/t'>News</a></p></div>"
    "<figure><img src='a.jpg' alt='A harbour at dawn'></figure><p>A harbour at dawn</p><p>Next</p>"
    "<div><img src='b.jpg' title=' '></div><span>After a blank title</span><img src='d.jpg' alt='Dog'>"
    "<!-- c --><div>Dog</div><section><a rel='' href='/r'>Empty rel</a></section></div></body></html>"
)


def test_walk_marks_agree_with_the_tests_they_stand_for() -> None:
    """Why: the walk takes teaser cards, post-meta lines and alt-text captions only among the
    elements `_Walker._mark` finds; every element the direct test takes must be among them."""
    from lxml import html as lxml_html

    from newsarchive.parse.body import _CARD_HEADINGS, _spells_alt

    root = lxml_html.fromstring(MARKED_PAGE)
    inner = next(e for e in root.iter("div") if e.get("id") == "w")
    walker = _Walker("https://example.org/", None, [])
    walker._mark([inner])
    for element in inner.iterdescendants():
        if not isinstance(element.tag, str):
            continue
        card = element.tag == "a" and next(element.iter(*_CARD_HEADINGS), None) is not None
        assert (element in walker.cards) == card, element.tag
        assert (element in walker.rel_holders) == (element.find(".//a[@rel]") is not None), element.tag
        if _spells_alt(element, element.getprevious()):
            assert element in walker.after_alt, element.tag
    assert walker.cards and walker.rel_holders and len(walker.after_alt) >= 2


DECLARED = "The council approved the harbour budget on Monday night. " * 12 + "ΟΔΟΣ ΚΛΕΙΣΤΗΣ. İstanbul'da."
READINGS = (
    (),
    (Section(heading=None, level=2, paragraphs=("Loading…",)),),
    (Section(heading="The council", level=2, paragraphs=("approved the harbour", "budget on Monday night.")),),
    (Section(heading=None, level=2, paragraphs=("The council approved", "ΟΔΟΣ ΚΛΕΙΣΤΗΣ")),),
    (Section(heading=None, level=2, paragraphs=("The council approved the harbour budget",)),),
)


@pytest.mark.parametrize("sections", READINGS)
@pytest.mark.parametrize("article_body", [DECLARED, "!? " * 200, DECLARED.replace("budget", "<b>budget</b>")])
def test_declared_body_read_a_paragraph_at_a_time_decides_as_the_whole_reading(
    article_body: str, sections: tuple[Section, ...]
) -> None:
    """Why: `_declared_body` stops reading paragraphs once the share is found; it must decide as
    the set of all the reading's words does."""
    from newsarchive.parse.html import _WORD_TOKEN_RE, ARTICLE_BODY_FALLBACK_SHARE, _declared_body

    declared = set(_WORD_TOKEN_RE.findall(article_body.lower()))
    read = " ".join(p for s in sections for p in (s.heading or "", *s.paragraphs))
    held = len(declared & set(_WORD_TOKEN_RE.findall(read.lower()))) >= ARTICLE_BODY_FALLBACK_SHARE * len(declared)
    result = _declared_body(article_body, list(sections))
    assert (result is None) == (held or "<b>" in article_body)


def test_an_html_page_without_campaign_links_does_not_load_the_text_parser() -> None:
    """Why: the text parser's module (about 30 ms of regex compilation) is needed in HTML only for the
    reader-address tail cut, which needs a campaign link; `newsarchive parse page.html` should not pay it."""
    import subprocess
    import sys

    page = (
        "<html><head><title>Budget passed</title></head><body><article><h1>Budget passed</h1>"
        "<p>The council approved the budget on Tuesday after a long debate that ran late into the night.</p>"
        "<p>Read the <a href='/plan'>plan</a>, or sign up for our newsletter to hear more from us.</p>"
        "</article></body></html>"
    )
    code = (
        "import sys\nfrom newsarchive.parse import parse\n"
        f"record = parse({page.encode()!r}, 'page.html')\n"
        "assert record.headline == 'Budget passed', record.headline\n"
        "print('newsarchive.parse.text' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
