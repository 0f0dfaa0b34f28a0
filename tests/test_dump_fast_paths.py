"""The page-dump reading's fast paths give what their plain definitions give.

Each fast path (a lookup answered on demand, a pass shared by several stages) is checked
against the straightforward code it stands for, on small hand-written pages.
"""

from __future__ import annotations

import re

from newsarchive.parse import dump_region, text
from newsarchive.parse.dump import LowerCaseWords, lower_case_words
from newsarchive.parse.dump_region import units_of
from newsarchive.parse.lexicon import READER_ADDRESS_CAPITALISED, alternation

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


MARKED_TEXTS = (
    "* Home\n- News\n+ Sport\n• Weather\n1. First\n12) Twelfth\n1234. Not a mark\n  o Item\no\nO Capital\n",
    "\tO Ö and ß\n\n   ● STRASSE\n·  Café\n□ box\n☆ star\n◦ ring\n▪ square\n○ circle\n3.5 million\nOtto Orr",
    "O\tTabbed capital\nNo mark here\n-no space\n*\n٣. Arabic-Indic digit\n１. fullwidth digit\nΣΊΣΥΦΟΣ",
    "",
    "\n\n* leading blank lines\n",
)


def test_bullet_marks_removed_after_line_breaks_as_the_line_start_pattern_removes_them() -> None:
    """`markdown_lines.without_bullet_marks` (a pattern opening with a newline, searched for in
    C) removes what `DUMP_BULLET_MARKS_RE` (`^` in multi-line mode) removes."""
    from newsarchive.parse.markdown_lines import DUMP_BULLET_MARKS_RE, without_bullet_marks

    for marked in MARKED_TEXTS:
        assert without_bullet_marks(marked) == DUMP_BULLET_MARKS_RE.sub("", marked), repr(marked)
    assert without_bullet_marks(MARKED_TEXTS[0]) != MARKED_TEXTS[0]


def test_marks_left_out_of_the_folded_text_as_out_of_the_text_then_folded() -> None:
    """`dump_region.folded_without_marks` reads the list marks off the case-folded text, which
    `_score` folded once a page: the same as removing them first and folding after, also where
    a line opens with a capital `O` and a space (folded, a mark `o `)."""
    from newsarchive.parse.markdown_lines import DUMP_BULLET_MARKS_RE

    for marked in (*MARKED_TEXTS, "Otto\nO. Henry\nÖ umlaut\nİstanbul\nﬁne ligature"):
        expected = DUMP_BULLET_MARKS_RE.sub("", marked).casefold()
        assert dump_region.folded_without_marks(marked.casefold(), marked) == expected, repr(marked)
    assert dump_region.folded_without_marks("o capital", "O Capital") == "o capital"


def test_units_keep_their_folded_text_as_the_rules_fold_it() -> None:
    """`Unit.folded` (kept by `_score`) is each unit's visible text case-folded; `folded_lines`
    folds the units `_score` has not read."""
    units = units_of(PAGE + "\nİSTANBUL ﬁnal STRASSE Größe\n")
    assert all(unit.folded is not None for unit in units)
    assert dump_region.folded_lines(units) == [unit.visible.casefold() for unit in units]
    fresh = [dump_region.Unit(unit.raw, visible=unit.visible, chars=unit.chars) for unit in units]
    assert dump_region.folded_lines(fresh) == [unit.visible.casefold() for unit in units]


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


# The patterns as first written, opening with a lookahead: the class-first forms must match alike.
_REFERENCE_FORMS = {
    "_SENTENCE_RE": r"(?=[.!?…؟۔。！？।॥])(?:(?:(?<!\d)\.|[!?…؟۔])[\"'’”»)]*(?:\s|$)|[。！？।॥])",
    "_SENTENCE_LINES_RE": r"(?=[.!?…؟۔。！？।॥])(?:(?:(?<!\d)\.|[!?…؟۔])[\"'’”»)]*(?:[^\S\n]|(?=\n)|$)|[。！？।॥])",
    "_MARKUP_LINES_RE": r"(?=[*_#>`|\\<])(?:[*_#>`|\\]+|<[^<>\n]{0,200}>)",
}
PATTERN_LINES = (
    'He said "Yes." Then 3.5 km. U.S. law! Why? Wait… end.\nNext line.” 「好。」中文！ हिंदी। x॥',
    "**bold** __under__ # head > quote `code` | cell \\ <b>tag</b> < not a tag\n<unclosed and *",
    "v1.2.3 a.b 1. 2) ...\n.\n!\n? )",
)


def test_class_first_patterns_match_as_their_lookahead_forms() -> None:
    from newsarchive.parse import dump, dump_model

    references = {
        **{name: (getattr(dump_region, name), form) for name, form in _REFERENCE_FORMS.items()},
        "_SEPARATOR_RE": (dump_model._SEPARATOR_RE, r"(?=[|»›>·•■ ])(?:[|»›>·•■]| - | – )"),
        "_URL_DEBRIS_RE": (dump._URL_DEBRIS_RE, r"(?=[h%\]_)])(?:https?:|%[0-9A-F]{2}|\]\(|__|\)\])"),
        "_MARKED_RE": (dump._MARKED_RE, r"[*_`]{1,2}\S|\]\("),
        "_GLUED_RE": (dump_model._GLUED_RE, r"(?<=[^\W\d_]{2})[a-zß-ÿ][A-ZÀ-Þ][a-zß-ÿ]"),
    }
    lines = (*PATTERN_LINES, "Home | News » Sport - a – b -c ·x • y ■ z › w > v")
    lines += ("see https://x.org %2F ](a) __ )] h%_", "**Jane** _x_ `y` ** *\n]( ] ( a]b [l](m) ** __")
    lines += ("Skip to contentSkip to site index", "aBc 1aBc xaBc é_aBc JaneDoeTwitter ÄußerÜbel\naBc")
    for name, (pattern, form) in references.items():
        reference = re.compile(form)
        for line in lines:
            expected = [m.span() for m in reference.finditer(line)]
            assert [m.span() for m in pattern.finditer(line)] == expected, (name, line)
        assert any(reference.search(line) for line in lines), name  # the lines exercise it


def test_a_lone_byline_prefix_is_never_longer_than_its_screen() -> None:
    from newsarchive.parse import dump
    from newsarchive.parse.lexicon import BYLINE_LABELS, BYLINE_PREFIXES

    for word in (*BYLINE_LABELS, *BYLINE_PREFIXES):
        for line in (word, f"{word}:", f"{word} : :", word.upper() + " :"):
            if dump._LONE_PREFIX_RE.match(line):
                assert len(line) <= dump._LONE_PREFIX_CHARS, line
    assert dump._LONE_PREFIX_RE.match("veröffentlicht von : :")


def _reference_wrapped_parts(lines: list[str], width: int) -> list[tuple[str, bool, int]]:
    """Joining of wrapped lines as first written: a closure flushes the unit, every line's
    next word measured; a line closing a sentence is full only when the next word could not fit."""
    from newsarchive.parse.dump_region import (
        _SENTENCE_END_RE,
        DUMP_BULLET_RE,
        WRAP_SLACK,
        _columns,
        _first_word_length,
        _heading_level,
        _join_wrapped,
    )

    parts: list[tuple[str, bool, int]] = []
    current: list[str] = []
    bullet, heading, previous_full, pending_heading = False, 0, False, 0

    def flush() -> None:
        nonlocal current, bullet, heading
        if current:
            parts.append((_join_wrapped(current), bullet, heading))
        current, bullet, heading = [], False, 0

    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            flush()
            previous_full = False
            continue
        starts_bullet = bool(DUMP_BULLET_RE.match(line))
        level = _heading_level(line, stripped) if stripped[0] == "#" else -1
        if level >= 0:
            flush()
            title = stripped.lstrip("#").strip()
            if not title:
                pending_heading = level if level <= 6 else 0
                continue
            heading, current = level, [title]
            flush()
            previous_full = False
            continue
        if starts_bullet or not previous_full:
            flush()
            bullet = starts_bullet
            if pending_heading and not starts_bullet:
                heading = pending_heading
            pending_heading = 0
        current.append(stripped)
        columns = _columns(line.rstrip())
        following = lines[index + 1] if index + 1 < len(lines) else ""
        fits_next = columns + 1 + _first_word_length(following) <= width
        previous_full = not fits_next or (columns >= width - WRAP_SLACK and not _SENTENCE_END_RE.search(stripped))
    flush()
    return parts


WRAPPED_PAGE = """\
   * Home
   * News
#
The harbour race was held on Sunday morning, and the crowd on the pier cheered for the
rowers who crossed the line first, as they do every year when the
supercalifragilisticexpialidocious trophy is handed over to the winning team of the day.
## Results
   1. Jane Doe, who rowed for the harbour club and won the race in record time this year
      again
Short line
A sentence that closes a line of the wrapped page, long enough to be near the wrap column.
The next line stands on its own, since the sentence above ends and the word would have fit.
中文的段落在这里被折行了，浏览器按照屏幕的列数来折行，每个汉字占两列的宽度，所以这一行比较短一些但是已经
满了。下一行继续。
last line of the page, which is long enough to have been wrapped if anything followed it"""


def test_wrapped_lines_are_joined_as_the_plain_definition_joins_them() -> None:
    lines = WRAPPED_PAGE.split("\n")
    for width in (60, 80, 90, 100):
        columns = dump_region._line_columns(WRAPPED_PAGE, lines)
        expected = _reference_wrapped_parts(lines, width)
        assert dump_region._wrapped_parts(lines, width, columns) == expected, width
    assert any(bullet for _, bullet, _ in expected) and any(level for _, _, level in expected)
    assert any(len(text) > 150 for text, _, _ in expected)  # lines were joined


def test_unwrapped_lines_are_found_as_the_single_pattern_finds_them() -> None:
    from newsarchive.parse.dump_refs import _unwrapped

    reference = re.compile(r"^(?:[ \t]*(?:[-*+•][ \t]|\d{1,3}[.)][ \t]|#)| {4}|\t)|\S{40}|\|")
    lines = (
        "a line of prose that wraps at the column like any other line of the page",
        "see https://example.org/a/very/long/path/to/the/article-page-2024.html here",
        "  * a list item",
        "12. numbered",
        "## heading",
        "    code",
        "\tcode",
        "a | b | c",
        "\x0c" * 25,
        "\u3000" * 25,
        "x" * 39 + " y",
        "x" * 20 + "\u00a0" + "y" * 20,
        "",
    )
    for line in lines:
        assert _unwrapped(line) == bool(reference.search(line)), repr(line)
    assert not all(_unwrapped(line) for line in lines) and any(_unwrapped(line) for line in lines)


def test_closing_link_list_headings_are_found_as_the_line_pattern_finds_them() -> None:
    from newsarchive.parse.dump_refs import _LIST_HEAD_RE, _list_heads

    pages = (
        "References\n\n   1. https://a.org/\n",
        "Text [1] here\n\nReferences\nVisible links:\n  1. https://a.org/\nHidden links:\n  2. https://b.org/",
        "  Links  \nLinks\n\nno Links here\nReferences:\n\nReferencesX\n \tHidden links : \n",
        "menu\nsee the References below\n",
        "",
    )
    for page in pages:
        assert _list_heads(page) == [m.span() for m in _LIST_HEAD_RE.finditer(page)], page
    assert len(_list_heads(pages[2])) == 4


HEADLINE_PAGE = """* [Home](/)
* [News](/news)
* [Sport](/sport)
* [Weather](/weather)
* [Contact](/contact)
* [About us](/about)

[Share on X](https://x.example/share?text=Harbour%20race%20ends%20in%20a%20photo%20finish)

# Harbour race ends in a photo finish

Jane Doe

12 March 2024

The harbour race ended in a photo finish on Sunday, with two crews crossing the line together
while the crowd on the pier cheered. Judges studied the pictures for an hour before they
declared a tie, the first in the race's long history of close finishes.

Both crews will share the trophy this year, the organisers said, and the prize money will go to
the rowing club's youth programme, which trains about forty young rowers every summer.

Related stories

* [Rowing club opens new boathouse](/news/rowing-club-opens-new-boathouse)
* [Mayor backs harbour festival](/news/mayor-backs-harbour-festival)

3 comments on Harbour race ends in a photo finish
"""


def _page(text: str) -> tuple[list[dump_region.Unit], int, int, dict[str, str]]:
    from newsarchive.parse.dump import page_units

    page = page_units(text)
    assert page is not None
    units, references = page
    start, end, _ = dump_region.find_region(units)
    return units, start, end, references


def test_candidates_without_their_deferred_features_differ_only_there() -> None:
    """The score bounds of `dump_model.score_range` hold only if `features` without `names`,
    `links` and `inside` leaves exactly the deferred features at 0, each read between 0 and 1."""
    from newsarchive.parse import dump_model
    from newsarchive.parse.dump import headline_candidates

    units, start, end, references = _page(HEADLINE_PAGE)
    full = dict(headline_candidates(units, start, end, references))
    deferred = {dump_model.FEATURE_NAMES.index(name) for name in dump_model.DEFERRED_FEATURES}
    read = {position for vector in full.values() for position in deferred if vector[position]}
    assert read == deferred, "the page sets every deferred feature on some candidate"
    for index in full:
        common: dict[str, object] = {"datelines": [False] * len(units), "bylines": [False] * len(units)}
        partial = dump_model.features(units, index, start, h1_count=0, first_h1=None, **common)  # type: ignore[arg-type]
        complete = dump_model.features(
            units, index, start, h1_count=0, first_h1=None, names=[True] * len(units),
            links=dump_model.LinkWords(units, range(len(units)), references), inside=[True] * len(units),
            **common,  # type: ignore[arg-type]
        )  # fmt: skip
        assert partial is not None and complete is not None
        for position, value in enumerate(complete):
            if position in deferred:
                assert partial[position] == 0.0 and 0.0 <= value <= 1.0
            else:
                assert partial[position] == value, dump_model.FEATURE_NAMES[position]
        low, high = dump_model.score_range(partial)
        assert low <= dump_model.headline_score(complete) <= high


def test_the_contenders_hold_the_candidate_scoring_highest() -> None:
    """`_pick_headline` reads the deferred features of the contenders only: the best of them
    is the best of all candidates, and their vectors are the full ones (but for the link
    targets' features of a contender left alone, unread)."""
    from newsarchive.parse.dump import headline_candidates
    from newsarchive.parse.dump_model import FEATURE_NAMES, LINK_FEATURES, headline_score

    link_features = [FEATURE_NAMES.index(name) for name in LINK_FEATURES]
    rival = HEADLINE_PAGE.replace("Jane Doe\n", "# Harbour race ends in a tie on Sunday\n\nJane Doe\n")
    seen = set()
    for page in (HEADLINE_PAGE, rival):
        units, start, end, references = _page(page)
        full = headline_candidates(units, start, end, references)
        contenders = headline_candidates(units, start, end, references, contenders=True)
        assert 0 < len(contenders) < len(full), "some candidates are left out unread"
        for index, vector in contenders:
            expected = dict(full)[index]
            if len(contenders) == 1:
                expected = [0.0 if i in link_features else value for i, value in enumerate(expected)]
            assert vector == expected
        best = max(full, key=lambda candidate: headline_score(candidate[1]))
        assert max(contenders, key=lambda candidate: headline_score(candidate[1]))[0] == best[0]
        assert page != HEADLINE_PAGE or units[best[0]].visible == "Harbour race ends in a photo finish"
        seen.add(len(contenders) > 1)
    assert seen == {True, False}, "one page leaves a contender alone, the other reads the targets"


def test_deferred_features_set_in_a_copy_equal_the_features_measured_again() -> None:
    """`dump_model.with_deferred` (the contenders' vectors: the first vector with the name line,
    the text printed inside and the link targets' agreement set) is what `features` gives when
    it is measured again with them, for every candidate of a page and either answer."""
    from newsarchive.parse import dump_model

    units, start, end, references = _page(HEADLINE_PAGE)
    links = dump_model.LinkWords(units, range(len(units)), references)
    common: dict[str, object] = {"datelines": [False] * len(units), "bylines": [False] * len(units)}
    agreeing = 0
    for index in range(len(units)):
        first = dump_model.features(units, index, start, h1_count=0, first_h1=None, **common)  # type: ignore[arg-type]
        if first is None:
            continue
        for answer in (False, True):
            flags = [answer] * len(units)
            again = dump_model.features(
                units, index, start, h1_count=0, first_h1=None, names=flags, links=links, inside=flags,
                **common,  # type: ignore[arg-type]
            )  # fmt: skip
            agreement = links.agreement(units, index)
            agreeing += agreement != (0.0, 0)
            assert dump_model.with_deferred(first, answer, answer, agreement) == again, (index, answer)
        assert dump_model.with_deferred(first, False, False) == first
    assert agreeing, "some candidate agrees with the page's link targets"


def test_feature_vectors_hold_floats_whatever_form_computes_them() -> None:
    """`features` writes a truth value as `1.0 if … else 0.0` (no `float()` call): every entry
    of every candidate's vector is still a float, and a candidate read through its fields (not
    its properties) is measured first."""
    from newsarchive.parse import dump_model
    from newsarchive.parse.dump import headline_candidates

    units, start, end, references = _page(HEADLINE_PAGE)
    vectors = dict(headline_candidates(units, start, end, references))
    assert vectors and all(type(value) is float for vector in vectors.values() for value in vector)
    assert {value for vector in vectors.values() for value in vector[:8]} == {0.0, 1.0}
    fresh = dump_region.Unit("Harbour race ends in a photo finish on Sunday", chars=45)
    fresh.visible = fresh.raw
    common: dict[str, object] = {"datelines": [False], "bylines": [False]}
    vector = dump_model.features([fresh], 0, 0, h1_count=0, first_h1=None, **common)  # type: ignore[arg-type]
    assert vector is not None and fresh.measured
    assert vector[dump_model.FEATURE_NAMES.index("words_6_15")] == 1.0
    assert vector[dump_model.FEATURE_NAMES.index("stopwords")] == fresh.stopwords > 0


def test_link_words_read_as_asked_are_the_candidates_content_words() -> None:
    """`LinkWords` reads a candidate's content words when first asked: each is what
    `content_words` gives (None outside the window or the candidates' lengths), and the
    agreement read after some were asked equals the one read with all read at once."""
    from newsarchive.parse.dump_model import MAX_CHARS, LinkWords, content_words

    units, start, end, references = _page(HEADLINE_PAGE)
    window = range(max(0, start - 5), min(len(units), end))
    lazy, eager = LinkWords(units, window, references), LinkWords(units, window, references)
    for index in window:
        eager.words_of(index)
    for index in range(len(units)):
        inside = index in window and 3 <= units[index].chars <= MAX_CHARS
        expected = content_words(units[index].visible) if inside else None
        assert lazy.words_of(index) == expected, index
        if index % 2:
            continue
        assert lazy.agreement(units, index) == eager.agreement(units, index), index
    assert any(eager.agreement(units, index) != (0.0, 0) for index in window)


def test_link_words_read_for_the_asked_candidates_agree_with_those_read_for_all() -> None:
    """`LinkWords.asked` reads the targets for some candidates' words only: their agreement is
    what reading every candidate's words gives, also where one candidate's word is another
    form of another's (`Café` and `Cafe` both slug as `cafe`)."""
    from newsarchive.parse.dump_model import LinkWords

    for page in (
        HEADLINE_PAGE,
        HEADLINE_PAGE.replace("Mayor backs harbour festival", "Café owners back harbour festival").replace(
            "mayor-backs", "cafe-owners-back"
        )
        + "\nCafe owners back the harbour festival plans\n",
    ):
        units, _, _, references = _page(page)
        window = range(len(units))
        every = LinkWords(units, window, references)
        expected = {index: every.agreement(units, index) for index in window}
        assert any(share for share, _ in expected.values()), "some candidate agrees with a target"
        for asked in ({i for i, (share, _) in expected.items() if share}, set(list(window)[::3]), set()):
            some = LinkWords(units, window, references)
            some.asked = asked
            for index in window:
                assert some.agreement(units, index) == (expected[index] if index in asked else (0.0, 0)), index


def _wrapped_at(words: list[str], column: int) -> list[str]:
    """`words` wrapped into lines of at most `column` characters, as a converter wraps them."""
    wrapped, line = [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > column:
            wrapped.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    wrapped.append(line)
    return wrapped


def _reference_wrap_width(lines: list[str], columns: list[int]) -> int:
    """The wrap measure as first written: a Python step per line."""
    lengths = sorted(
        n for n, line in zip(columns, lines, strict=True) if n >= 40 and not re.search(r"[!-~]{40,}", line)
    )
    if len(lengths) < dump_region.MIN_WRAPPED_LINES:
        return 0
    width = lengths[(len(lengths) * 95) // 100]
    if width > dump_region.MAX_WRAP_COLUMNS:
        return 0
    near = sum(1 for length in lengths if width - dump_region.WRAP_SLACK <= length <= width)
    return width if near >= dump_region.MIN_WRAPPED_LINES and near * 4 >= len(lengths) else 0


def _reference_continued_width(lines: list[str], columns: list[int], width: int) -> int:
    """`_continued_width` as first written: every long line tested, the measure run again."""
    continued = [
        index
        for index in range(len(lines) - 1)
        if columns[index] >= 40
        and lines[index + 1].strip()
        and "|" not in lines[index]
        and "](" not in lines[index]
        and not lines[index].endswith("  ")
        and not dump_region.DUMP_BULLET_RE.match(lines[index])
        and not dump_region.DUMP_BULLET_RE.match(lines[index + 1])
        and not lines[index + 1].lstrip().startswith(("---", "==="))
    ]
    if len(continued) < dump_region.MIN_WRAPPED_LINES:
        return width
    again = _reference_wrap_width([lines[i] for i in continued], [columns[i] for i in continued])
    if not again or (width and width <= again):
        return width
    near = [i for i in continued if again - dump_region.WRAP_SLACK <= columns[i] <= again]
    broken = sum(1 for i in near if again < columns[i] + 1 + dump_region._first_word_length(lines[i + 1]))
    return again if broken >= dump_region.MIN_BROKEN_SHARE * len(near) else width


def test_the_wrap_column_is_measured_as_the_plain_definition_measures_it() -> None:
    """The long, breakable lines are picked out once for both wrap measures (`_breakable`), and
    lines before a blank line by their 0 columns: both columns are what a step per line gives."""
    prose = (
        "The harbour race ended in a photo finish on Sunday, with two crews crossing the line together "
        "while the crowd on the pier cheered and judges studied the pictures for an hour before they "
        "declared a tie, the first in the long history of the race, which is held every year in March "
    ) * 3
    words = prose.split()
    pages = []
    for column in (60, 72, 100):
        wrapped = _wrapped_at(words, column)
        heading = "# A heading printed on one line, far longer than the wrap column of this page, unwrapped"
        link = "See https://example.org/a/very/long/address/that/cannot/wrap/anywhere/at/all for more"
        pages.append("\n".join([heading, "", *wrapped[:6], "", link, *wrapped[6:], "", "* item", "-----"]))
        pages.append("\n".join(f"{line}\n" for line in wrapped))  # every line a paragraph of its own
        pages.append("\n".join([*wrapped, "中文標題中文標題中文標題中文標題中文標題中文標題", "short", "   "]))
    seen = set()
    for page in pages:
        lines = page.split("\n")
        columns = dump_region._line_columns(page, lines)
        measured = [dump_region._columns(line.rstrip()) if len(line) >= 20 else 0 for line in lines]
        width = dump_region._wrap_width(lines, columns)
        assert width == _reference_wrap_width(lines, measured)
        expected = _reference_continued_width(lines, measured, width)
        assert dump_region._continued_width(lines, columns, width) == expected
        breakable = dump_region._breakable(lines, columns)
        assert dump_region._continued_width(lines, columns, width, breakable) == expected
        seen.add((bool(width), expected != width))
    assert {(True, False), (False, True)} <= seen, "a column over all lines, one over continued lines"


# Patterns as first written (a lookbehind, or `^` in multi-line mode, opening them): the forms
# opening with a character class or a line break must find what these find.
_REFERENCE_FORMAL = re.compile(rf"(?<=[^\s.!?:;„“\"»«])\s+{alternation(READER_ADDRESS_CAPITALISED)}\b")
_REFERENCE_MARKDOWN_HINT = re.compile(
    r"^ {0,3}#{1,6}\s|\*\*\S|\]\([^)\n]{0,1000}\)|^ {0,3}>\s|^ {0,3}```|<figure\b|^ {0,3}[-*+]\s+\[",
    re.MULTILINE | re.IGNORECASE,
)
FORMAL_TEXTS = (
    "Wir danken Ihnen für Ihre Geduld, und Sie können Ihren Eintrag jederzeit ändern.",
    "Sie sagte: Ihr Plan war gut. Sie ging. „Sie kommen“, rief er, und\u00a0Sie  kamen\tIhnen nach.",
    "SieIhnen xSie Sie, Ihres Ihrer Ihrem Ihre Siemens Ihrig; Sie! Ihr? nein: Sie.",
    "Nothing formal here at all, only you and your reader.",
)
MARKDOWN_HINT_TEXTS = (
    "# Title\n\ntext",
    "text\n   ## Heading\nmore",
    "text\n    # four spaces is code\n",
    "a line\n> quoted\n",
    "a line\n>not quoted\n",
    "text\n```\ncode\n```",
    "x **bold** y",
    "x ** not bold",
    "see [a](https://example.org/a)",
    "see [a](broken\n)",
    "<FIGURE class=x>",
    "<figures>",
    "intro\n- [a link](x)\n",
    "intro\n  *   [spaced](x)\n",
    "plain text only, with a > sign and a # sign inside lines <b>",
)


def test_formal_address_form_opening_with_a_space_counts_as_the_lookbehind_form() -> None:
    for line in FORMAL_TEXTS:
        assert dump_region._FORMAL_RE.findall(line) == _REFERENCE_FORMAL.findall(line), line
    assert dump_region.address_share(FORMAL_TEXTS[0])[1] >= 4
    assert dump_region.address_share(FORMAL_TEXTS[3]) == (10, 2)  # no formal form: the screen skips the search


def test_markdown_hints_searched_after_line_breaks_agree_with_the_multiline_form() -> None:
    for sample in MARKDOWN_HINT_TEXTS:
        expected = _REFERENCE_MARKDOWN_HINT.search(sample) is not None
        assert text._is_markdown(sample) == expected, sample
    assert text._is_markdown(MARKDOWN_HINT_TEXTS[1]) and not text._is_markdown(MARKDOWN_HINT_TEXTS[-1])


def test_wide_or_cjk_screen_lets_in_every_wide_and_every_cjk_character() -> None:
    """A page the screen finds nothing in is measured as holding no wide and no CJK character:
    the screen must match each of them (checked over every code point up to U+3FFFF)."""
    every = "".join(map(chr, range(0x1000, 0x40000)))
    screen = dump_region._WIDE_OR_CJK_RE
    for pattern in (dump_region._WIDE_RE, dump_region._CJK_RE):
        found = pattern.findall(every)
        assert found and all(screen.match(char) for char in found)
    page = "Ein Titel\n\nDer Text des Artikels, mit „Anführungszeichen“ – und einem Gedankenstrich.\n\nMenu"
    assert screen.search(page) is None
    lines = page.split("\n")
    assert dump_region._line_columns(page, lines, -1) == dump_region._line_columns(page, lines)
    parts = dump_region._unwrapped_parts(lines)
    assert dump_region._measured(parts, False) == dump_region._measured(parts)


def test_the_markdown_wrap_measure_of_screened_lines_matches_the_full_measure() -> None:
    """`unwrap_markdown` and the raw-HTML join leave out every line holding a word of 40
    characters (`_unwrapped`) before measuring the column (`screened=True`: no long-word search):
    the column is the one the full measure gives, and the screen agrees with `split` on lines
    of every length."""
    from newsarchive.parse.dump_refs import _unwrapped

    prose = (
        "Wahlen in der Stadt: die Kandidatinnen und Kandidaten sprachen am Abend über Straßen, "
        "Schulen und Wohnungen, und das Publikum fragte nach, bis der Saal um zehn Uhr schloss. "
    ) * 8
    long_word = "https://example.org/" + "x" * 30
    for column in (50, 64, 80):
        wrapped = _wrapped_at(prose.split(), column)
        lines = [*wrapped, f"see {long_word} now", "中文標題" * 6, "| a | b |", "* a list item"]
        extra = [" ".join([long_word[:39]] * 3), "short line of text.", long_word[:39], long_word[:40]]
        for line in lines + extra:
            assert _unwrapped(line) == (
                "|" in line
                or re.match(r"(?:[ \t]*(?:[-*+•][ \t]|\d{1,3}[.)][ \t]|#)| {4}|\t)", line) is not None
                or max(map(len, line.split()), default=0) >= 40
            ), line
        for measured in (lines, lines + extra):
            kept = [line for line in measured if len(line) >= 20 and not _unwrapped(line)]
            assert dump_region._wrap_width(kept, screened=True) == dump_region._wrap_width(kept)
        kept = [line for line in lines if len(line) >= 20 and not _unwrapped(line)]
        assert dump_region._wrap_width(kept, screened=True) > 0, "the wrapped prose gives a column"


def test_the_reader_address_count_is_read_once_per_text_and_answers_as_counted_afresh() -> None:
    """`address_share` keeps its answers (the same paragraphs are counted by several rules of a
    page): asked again, or for an equal text built anew, it gives what counting afresh gives."""
    texts = [
        "Sign up for our newsletter and we will send you the best of our reporting every week.",
        '"You will regret this," she told us, and we left the harbour before you could answer.',
        "Wenn Sie Fragen haben, schreiben Sie uns: Ihre Meinung ist uns wichtig, sagt der Verlag.",
        "– Do you think so? asked the skipper, and the crew laughed at your joke.",
        "The race ended in a tie on Sunday, the first in its history.",
    ]
    dump_region.address_share.cache_clear()
    for _ in range(2):
        for raw in texts:
            fresh = dump_region.address_share.__wrapped__(raw)
            assert dump_region.address_share(raw) == fresh
            assert dump_region.address_share("".join(list(raw))) == fresh, "an equal text built anew"
    assert dump_region.address_share.cache_info().hits >= len(texts) * 3
    assert dump_region.address_share(texts[0])[1] > 0 and dump_region.address_share(texts[4])[1] == 0


def _reference_find_region(
    units: list[dump_region.Unit], lo: int = 0, hi: int | None = None, *, gap: int = 0
) -> tuple[int, int, float]:
    """`find_region` as first written: each unit's weight read through `Unit.weight` (`max`)."""
    best = (lo, lo, 0.0)
    total = 0.0
    start = lo
    empty_run = 0
    for index in range(lo, len(units) if hi is None else hi):
        unit = units[index]
        weight = unit.weight
        if gap:
            if weight > 0:
                empty_run = 0
            elif not unit.separator:
                empty_run += 1
        if total <= 0 or (gap and empty_run >= gap):
            total = 0.0
            start = index
        total += weight
        if total > best[2]:
            best = (start, index + 1, total)
    return best


def test_the_region_is_found_from_weights_computed_at_once_as_unit_by_unit() -> None:
    """`find_region` computes each unit's weight inline (a comparison for `max`) and resets a
    run crossing a gap through its total: the same run and the same score as the first form,
    with and without a gap, over any span."""
    import random

    generator = random.Random(7)
    for _ in range(300):
        units = [
            dump_region.Unit(
                "x",
                chars=generator.choice([0, 5, 30, 80, 200, 900]),
                quality=generator.choice([-1.0, -0.5, -0.3, -0.2, 0.0, 0.4, 0.5, 0.7, 1.0]),
                separator=generator.random() < 0.1,
            )
            for _ in range(generator.randint(0, 40))
        ]
        lo = generator.randint(0, len(units))
        for hi in (None, generator.randint(lo, len(units)), lo):
            for gap in (0, 2, dump_region.GAP_UNITS):
                expected = _reference_find_region(units, lo, hi, gap=gap)
                assert dump_region.find_region(units, lo, hi, gap=gap) == expected, (lo, hi, gap)


def test_a_credit_opening_a_text_is_screened_by_its_first_two_characters() -> None:
    """`_may_open_with_credit` tries the known credit names only on a text opening with the
    first two characters of one: the answer is the one testing every name gives."""
    assert all(len(start) >= 2 for start in text._CREDIT_STARTS), "the screen reads two characters"
    samples = ["", "A", "The harbour race", "Reuters/Jane Doe", "via AFP", "AFP Jane Doe crossed the line"]
    samples += [start + tail for start in text._CREDIT_STARTS for tail in ("", " Photo", "x")]
    samples += [start[:1] + "z" + start[2:] for start in text._CREDIT_STARTS]
    opened = 0
    for sample in samples:
        expected = "/" in sample or "via" in sample or sample.startswith(text._CREDIT_STARTS)
        assert text._may_open_with_credit(sample) == expected, sample
        opened += expected
    assert 0 < opened < len(samples)


def test_a_unit_without_links_is_never_link_heavy() -> None:
    """`_quality` and the language evidence's screen ask `_link_heavy` only of units holding
    link characters: without any, no length or list mark makes a unit navigation."""
    for chars in (0, 1, 10, 29, 30, 149, 150, 151, 1000):
        for bullet in (False, True):
            assert not dump_region._link_heavy(chars, 0, bullet)
            assert dump_region._link_heavy(chars, chars, bullet) == (chars > 0), (chars, bullet)
    bare = dump_region.Unit("Home", bullet=True, chars=4, link_chars=0, visible="Home")
    linked = dump_region.Unit("[Home](/)", bullet=True, chars=4, link_chars=4, visible="Home")
    assert dump_region._quality(bare) == -0.3 and dump_region._quality(linked) == -1.0
