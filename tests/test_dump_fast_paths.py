"""The page-dump reading's fast paths give what their plain definitions give.

Each fast path (a lookup answered on demand, a pass shared by several stages) is checked
against the straightforward code it stands for, on small hand-written pages.
"""

from __future__ import annotations

import re

from newsarchive.parse import dump_region, text
from newsarchive.parse.dump import LowerCaseWords, lower_case_words
from newsarchive.parse.dump_region import units_of

PAGE = """* [Home](/)
* [News](/news)

# Jane Doe wins the harbour race

Jane Doe crossed the line first on Sunday, and the crowd on the pier cheered for doe-eyed
rowers, o'clock starters and well-known faces alike. The mayor's race is held every year.

Straße und café: die Ruderer sind müde, aber glücklich über das Rennen am Hafen heute.

Share Tweet
"""


def test_lower_case_word_lookup_agrees_with_the_collected_set() -> None:
    units = units_of(PAGE)
    collected = lower_case_words(units)
    lookup = LowerCaseWords(units)
    asked = {"jane", "doe", "crossed", "the", "eyed", "clock", "mayor", "well", "race", "straße", "café"}
    asked |= {"müde", "rennen", "share", "tweet", "news", "x", "harbour", "known", "rowers", "ruderer"}
    assert asked & collected, "the page prints some of the asked words in lower case"
    assert asked - collected, "and some not"
    for word in asked | collected:
        assert (word in lookup) == (word in collected), word


# The link patterns as first written, with alternations: the unrolled patterns must match alike.
_REFERENCE_LINK = re.compile(
    r"\[(?P<text>(?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*<?(?P<href>(?:[^()\s<>]|\([^()\s]*\))*)>?"
    r"(?:\s+[\"'][^\"']*[\"'])?\s*\)"
)
_REFERENCE_UNIT_LINK = re.compile(r"\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\s*\)")
LINK_LINES = (
    'See [the [full] report](https://example.org/a_(b)_c "Report") and [more](/m).',
    "[]() [x]((y)) [a](b(c)d(e)f) [[nested]](/n) [open](/no-close [two] [l](<https://x.org/a b>)",
    "![alt [1]](/img(1).png) text [12] after [a]([b](c)) ] [ ) (",
)


def test_unrolled_link_patterns_match_as_the_alternation_forms_do() -> None:
    for line in LINK_LINES:
        expected = [(m.span(), m.groups()) for m in _REFERENCE_LINK.finditer(line)]
        assert [(m.span(), m.groups()) for m in text._LINK_RE.finditer(line)] == expected
        expected = [(m.span(), m.groups()) for m in _REFERENCE_UNIT_LINK.finditer(line)]
        assert [(m.span(), m.groups()) for m in dump_region._MD_LINK_RE.finditer(line)] == expected
    assert text.plain_inline(LINK_LINES[0]) == (
        "See the [full] report and more.",
        [("the [full] report", "https://example.org/a_(b)_c"), ("more", "/m")],
    )


def test_emphasis_is_stripped_whichever_delimiters_a_paragraph_holds() -> None:
    assert text.plain_inline("**Bold** and *em* and _under_ and __strong__ and snake_case_name")[0] == (
        "Bold and em and under and strong and snake_case_name"
    )
    assert text.plain_inline("A ref [link][1] and a lone ] [bracket")[0] == "A ref link and a lone ] [bracket"


def test_language_evidence_of_a_page_at_once_equals_that_of_each_unit_alone() -> None:
    texts = [
        "The council's plan, approved on Tuesday, will cost $2.5m — and that is the U.S. way of it.",
        "Don't e-mail snake_case names to the mayor… he said: «non è vero» and left at 10:30 a.m.",
        "Die Stadt hat am Dienstag\u00a0den Plan gebilligt, und der Bürgermeister war sehr zufrieden damit.",
        "Городской совет одобрил план во вторник, и мэр был очень доволен этим решением сегодня.",
        "Menu Home News Sport Weather Contact Privacy Terms Cookies Subscribe Newsletter Login Register",
    ]
    assert dump_region._languages(texts) == [dump_region._language_of(t) for t in texts]


def test_credit_patterns_still_read_credits_that_open_with_a_name_a_slash_or_via() -> None:
    assert text.split_caption("ReutersA Russian aircraft lands at the base") == (
        "A Russian aircraft lands at the base",
        "Reuters",
    )
    assert text.split_caption("Jeff J Mitchell/Getty Images Protesters gather outside the hall") == (
        "Protesters gather outside the hall",
        "Jeff J Mitchell/Getty Images",
    )
    assert text.split_caption("Jane Doe via Getty Images A man walks past the closed shop") == (
        "A man walks past the closed shop",
        "Jane Doe via Getty Images",
    )
    assert text.split_caption("The council met on Tuesday to approve the ferry plan.") is None
    draft = text.parse_text("Headline\n\nGetty Images\n\nA crowd waits at the pier\n\nThe council met on Tuesday.")
    assert [(c.text, c.credit) for c in draft.captions] == [("A crowd waits at the pier", "Getty Images")]


def test_links_of_a_whole_page_are_removed_and_counted_as_unit_by_unit() -> None:
    raws = [
        '* [Home](/) [News](/news "Latest")',
        "A paragraph citing [the report](https://example.org/a_(b)) and [12]the council [IMG]",
        '[unclosed](/u "title',
        '")  ![a photo](/p.jpg) text after [3]',
        "[1]Next unit starts with a reference and ends with one [2]",
        "no links at all",
    ]
    one_by_one = [dump_region._unlinked(raw) if "[" in raw else (raw, 0) for raw in raws]
    joined, links = dump_region._unlinked_page(raws)
    assert joined.split("\n") == [text for text, _ in one_by_one]
    assert links == [count for _, count in one_by_one]
    assert links[0] == len("Home") + len("News") and links[5] == 0


def test_a_long_line_costs_no_python_call_per_word() -> None:
    from tests.test_dump_linear_work import SMALL, calls, page_with_line

    calls(page_with_line(SMALL // 10).encode())  # imports and compiled patterns are ready
    small, large = calls(page_with_line(SMALL).encode()), calls(page_with_line(SMALL * 10).encode())
    assert large <= small + 100, (small, large)  # the work counted does not grow with the line
