"""Whole-page text dumps: find the article's lines among menus, teasers and footers.

A browser's "save as text", `w3m -dump`, `lynx -dump` or html2text print the whole page. This
module cuts such a dump into units and scores each one on evidence, jusText/boilerpipe style,
then picks the article as the best-scoring stretch. It knows no site.

Units (`units_of`): one paragraph each. Blank lines separate units; a line starting with a
bullet (`*`, `-`, `+`, `•`, `□`, `☆`, `◦`, `o`, `1.`) or a markdown heading starts one. When the
dump is hard-wrapped (w3m at 100 columns, lynx at 79: detected from the line lengths, a
line holding a URL too long to wrap left out of the measure), a line
that was broken because the next word did not fit is joined to the next, and so is a paragraph's
opening word left on a line of its own over the rest of its sentence (a converter keeping the
page source's line breaks: `Fire` / `is seen on a plane…`, `KATHMANDU,` / `April 25 …`);
otherwise every line is its own unit (html2text and browsers print a paragraph on one line). Lengths are screen
columns, as text browsers count them when they wrap: a Chinese, Japanese or Korean character takes
two, and wrapped lines of such characters are joined without a space.

Evidence per unit (`_measured`, over the whole page at once):
- visible length (markup, URLs and `[12]` reference numbers removed) and word count;
- link density: characters inside `[text](url)` links or after lynx `[n]` references, and of
  web addresses printed bare in a unit they make at least half of (`_bare_addresses`);
- stopword share: function words of many languages (`lexicon.STOPWORDS`); for Chinese and
  Japanese, function characters and full-width sentence punctuation;
- sentence ends (`.`, `!`, `?`, `。`, `।`, `؟`…) followed by more text or closing the unit;
- repetition: the same text printed elsewhere on the page (menus printed twice, teasers).

Quality (`_quality`), per unit, in [-1, 1]: link-heavy units and list items made of links are
-1; long units with sentence punctuation and a prose-like stopword share are +1; medium prose is
+0.5; a unit with sentence ends in a script no stopword list covers (Hindi `।`, Korean, Gujarati…:
mostly letters past the Cyrillic block, no listed function word, at least 80 characters or 40 of
Hangul/CJK) +1 with two sentences, +0.5 with one; other long units of several sentences +0.7; short units
are mildly negative, so that a run of them (a menu) costs, while a crosshead between
paragraphs does not break the article apart. A repeated unit scores at most -0.5, except the
first copy of a long paragraph (pages that print their article twice).

Region (`find_region`): the contiguous run of units with the largest sum of
`quality × max(length, MIN_WEIGHT_CHARS)` (Kadane's algorithm, one linear pass): long prose
outweighs the short boilerplate between its paragraphs, and menus or footers on either side
only lower the sum. A gap the region would not cross is crossed when long paragraphs resume
right after it (`bridge_gaps`: a related-links box inside the article), and over a list that
its last line introduces with a colon (`carry_lists`: entries without links of a few words
each, such as facts, dates or results). The region's closing
prose that speaks to its reader (you, your, we, our: `lexicon.READER_ADDRESS_WORDS`, outside
quotes) while the article before it does not is a promotion, a newsletter or donation box or
a cookie notice, and is cut off (`trim_tail`). A run under the headline that such prose
outweighs (a consent dialog printed at length after the page's footer) is the article when its
own prose does not speak to its reader (`unaddressed_run`); so is the run above the page's best
region when that region is a consent dialog (`consent_region`).

A text is read as a dump (`is_dump`) only when boilerplate stands outside that region: a clean
article file (its headline, then paragraphs) is left to the plain reading.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, filterfalse
from operator import and_, attrgetter, not_

from ..cjk import CJK_CLASS
from .lexicon import (
    ALL_STOPWORDS,
    CJK_FUNCTION_CHARS,
    READER_ADDRESS_CAPITALISED,
    READER_ADDRESS_WORDS,
    alternation,
    consent_notice,
)
from .markdown_lines import DUMP_BULLET_RE, HEADING_MARK_RE, without_bullet_marks

__all__ = [
    "Unit",
    "find_region",
    "is_dump",
    "may_be_dump",
    "bridge_gaps",
    "consent_head",
    "consent_region",
    "carry_lists",
    "continued_width",
    "screen_columns",
    "trim_tail",
    "unaddressed_run",
    "units_of",
    "wrap_width",
]

# Units shorter than this (visible characters) weigh as if they were this long, so that a
# long run of one-word menu items costs as much as the characters it spans on screen.
MIN_WEIGHT_CHARS = 20
# Below this many visible characters a unit is "short": headings, menu items, labels.
SHORT_CHARS = 40
# Prose of at least this length with sentence punctuation and function words is content.
GOOD_CHARS = 80
# A unit whose share of function words reaches this reads as running prose.
GOOD_STOPWORDS = 0.22
NEAR_STOPWORDS = 0.12
# Units with more than this share of their characters inside links are navigation.
MAX_LINK_DENSITY = 0.5
# A hard-wrapped dump has many lines ending within this many characters of the wrap column.
WRAP_SLACK = 14
MIN_WRAPPED_LINES = 4
MAX_WRAP_COLUMNS = 200
# A word this long (a URL; not a line of Chinese or Japanese, written without spaces) cannot be
# wrapped: its line says nothing of the wrap column.
_UNBREAKABLE_RE = re.compile(r"[!-~]{40,}")
# A run of this many units without content in a row separates the article from what follows
# (comments, sign-in dialogs, teaser blocks with summaries): the region never spans it.
GAP_UNITS = 6
# A short line printed this many times on a page, most copies between two paragraphs, is a
# separator (`Advertisement`, `Article content`): it never counts towards a gap.
SEPARATOR_REPEATS = 3
# A gap of at most this many units without content inside an article (a related-links box)
# is crossed when this many long paragraphs in a row follow it (`bridge_gaps`).
BRIDGE_UNITS = 2 * GAP_UNITS
RESUMED_PARAGRAPHS = 3
# Boilerplate outside the region makes a dump: at least this many short or link units.
MIN_BOILERPLATE_UNITS = 5
# The quality of a unit showing nothing, or of text without content evidence.
NO_CONTENT_QUALITY = -0.2

# Bracketed and parenthesised runs are written as unrolled loops (`a*(?:\[a*\]a*)*` rather than
# `(?:a|\[a*\])*`): the same matches, several times faster in Python's regex engine.
_MD_LINK_RE = re.compile(
    r"\[([^\[\]]*(?:\[[^\[\]]*\][^\[\]]*)*)\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+\"[^\"]*\")?\s*\)"
)
# The same over units joined by newlines: no part matches a newline, so no match spans two units.
_MD_LINK_LINES_RE = re.compile(
    r"\[([^\[\]\n]*(?:\[[^\[\]\n]*\][^\[\]\n]*)*)\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*"
    r"(?:[^\S\n]+\"[^\"\n]*\")?[^\S\n]*\)"
)
_MD_IMAGE_LINES_RE = re.compile(
    r"!\[[^\[\]\n]*\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:[^\S\n]+\"[^\"\n]*\")?[^\S\n]*\)"
)
_MD_IMAGE_RE = re.compile(r"!\[[^\[\]]*\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+\"[^\"]*\")?\s*\)")
_LYNX_REF_RE = re.compile(r"\[(?:\d{1,5}|IMG|INLINE|BUTTON)\]")
# A web address printed bare, a word of its own (`https://…`, `www.…`): a link's target shown as text.
_BARE_ADDRESS_RE = re.compile(r"(?<!\S)(?:https?://|www\.)[^\s()\[\]<>]+")
# Each pattern opens with a character class naming every first character its matches can have,
# the other conditions read behind that character: Python's engine then skips in C to those
# characters (it does not for a pattern opening with a lookahead or a lookbehind; about 2x).
# A sentence end: `.` not after a digit or `!?…؟۔`, closing quotes, then a space or the end; or
# a full-width or Devanagari end alone.
_SENTENCE_RE = re.compile(r"[.!?…؟۔。！？।॥](?:(?<=[。！？।॥])|(?<!\d\.)(?<=[.!?…؟۔])[\"'’”»)]*(?:\s|$))")
# Punctuation around words, turned into spaces before words are looked up.
_WORD_RE = re.compile(r"\w+")
# Every sentence end needs one of these characters: screened for before the full pattern.
_SENTENCE_SCREEN_RE = re.compile(r"[.!?…。！？।॥؟۔]")
_MARKUP_SCREEN_RE = re.compile(r"[*_#>`|\\<]")
# The same patterns over units joined by newlines: none matches across a newline.
# Markup: a run of `*_#>`|\` marks, or a tag `<…>` within a line.
_MARKUP_LINES_RE = re.compile(r"[*_#>`|\\<](?:(?<=<)[^<>\n]{0,200}>|(?<!<)[*_#>`|\\]*)")
_SENTENCE_LINES_RE = re.compile(
    r"[.!?…؟۔。！？।॥](?:(?<=[。！？।॥])|(?<!\d\.)(?<=[.!?…؟۔])[\"'’”»)]*(?:[^\S\n]|(?=\n)|$))"
)
_CJK_RE = re.compile(f"[{CJK_CLASS}]")
# A line ending a sentence (a full stop, question or exclamation mark, a closing quote after it).
_SENTENCE_END_RE = re.compile(r"[.!?…。！？।]['\"’”»)]*$")
# East Asian wide characters (two screen columns each): CJK ideographs and punctuation, kana,
# Hangul syllables, full-width forms.
_WIDE_RE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3040-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60"
    "\uffe0-\uffe6\U00020000-\U0003fffd]"
)
# Every wide (`_WIDE_RE`) and every CJK (`CJK_CLASS`) character is one of these (ranges of
# both merged, a few others between them let in): a page holding none is measured without
# looking for either again, line by line or over its long units (one scan of the page instead
# of two; the engine reads a class's ranges in turn, so fewer ranges scan faster).
_WIDE_OR_CJK_RE = re.compile(
    "[\u1100-\u11ff\u2e80-\ua4cf\ua960-\ud7ff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffe6\U00020000-\U0003fffd]"
)
_CJK_PUNCT = frozenset("。，、！？；：「」『』（）")
_CJK_FUNCTION = frozenset(CJK_FUNCTION_CHARS) | _CJK_PUNCT


@dataclass(slots=True)
class Unit:
    """One paragraph of a dump with the evidence measured on it."""

    raw: str  # the text as printed (markup kept), wrapped lines joined with a space
    bullet: bool = False
    heading: int = 0  # markdown heading level, 0 when none
    chars: int = 0  # visible characters
    link_chars: int = 0
    repeated: bool = False
    quality: float = 0.0
    visible: str = ""
    # Language evidence, measured on first use (`_language`): most units (menus, links,
    # labels) are scored without it.
    measured: bool = False
    words_: int = 0
    stopwords_: float = 0.0
    sentences_: int = 0
    cjk_: bool = False
    separator: bool = False  # a short line printed between paragraphs again and again (`_score`)
    # A paragraph of its own: a blank line (or the text's start or end) before and after it, as
    # a text browser prints a heading; set by `dump.page_units`, False until then.
    alone: bool = False
    # `visible` case-folded, read once a page by `_score` (its repetition key) for every rule
    # comparing units' texts (`folded_lines`); None until `_score` has run.
    folded: str | None = None

    def measure(self) -> None:
        """Read the language evidence (`words_`, `stopwords_`, `sentences_`, `cjk_`) unless read:
        for a caller reading those fields rather than the properties, each a call."""
        if not self.measured:
            _language(self)

    @property
    def words(self) -> int:
        if not self.measured:
            _language(self)
        return self.words_

    @property
    def stopwords(self) -> float:
        """Share of function words (for Chinese and Japanese, of function characters × 3)."""
        if not self.measured:
            _language(self)
        return self.stopwords_

    @property
    def sentences(self) -> int:
        if not self.measured:
            _language(self)
        return self.sentences_

    @property
    def cjk(self) -> bool:
        if not self.measured:
            _language(self)
        return self.cjk_

    @property
    def link_density(self) -> float:
        return self.link_chars / self.chars if self.chars else 0.0

    @property
    def weight(self) -> float:
        return self.quality * max(self.chars, MIN_WEIGHT_CHARS)


def _line_columns(text: str, lines: list[str], wide_or_cjk: int = 0) -> list[int]:
    """Screen columns of each line of `text` without its trailing spaces (`_columns`),
    measured once for the wrap width and the joining of wrapped lines; -1 for a line of under
    20 characters on a page with wide characters (under 40 columns: no wrap width reads it;
    `_wrapped_parts` measures it when it needs it). `wide_or_cjk`: where `_WIDE_OR_CJK_RE`
    first matches in `text` (-1: nowhere), when looked for already."""
    if text.isascii() or wide_or_cjk < 0 or _WIDE_RE.search(text, wide_or_cjk) is None:
        return list(map(len, map(str.rstrip, lines)))  # no wide character: a column each (in C)
    return [_columns(line.rstrip()) if len(line) >= 20 else -1 for line in lines]


def _wrap_width(lines: list[str], columns: list[int] | None = None, *, screened: bool = False) -> int:
    """The column a hard-wrapped dump breaks at, or 0 when lines are not wrapped; `columns`
    are the lines' `_line_columns` when measured already. `screened`: the caller left out every
    line holding a word of 40 characters (a word too long to wrap needs 40), so none is looked for."""
    if columns is None:
        columns = [_columns(line.rstrip()) if len(line) >= 20 else 0 for line in lines]
    if screened:
        return _width_of(list(filter((40).__le__, columns)))  # `_breakable`'s lines, found in C
    return _width_of(list(map(columns.__getitem__, _breakable(lines, columns))))


def _breakable(lines: list[str], columns: list[int]) -> list[int]:
    """Indexes of the lines the wrap measure reads, in order: those of 40 columns or more
    without a word too long to wrap. (Picked out in C: the long lines, then those without such
    a word.)"""
    # A line of under 20 characters takes under 40 columns: not measured. Nor is a line holding
    # a word too long to wrap (a URL in a closing link list, a markdown link's target): it
    # runs past the wrap column.
    long = list(compress(range(len(lines)), map((40).__le__, columns)))
    return list(compress(long, map(not_, map(_UNBREAKABLE_RE.search, map(lines.__getitem__, long)))))


def _width_of(lengths: list[int], percentile: int = 95) -> int:
    """The wrap column of lines of these `lengths` (the `_breakable` lines' columns), or 0: the
    `percentile` of the lengths, when enough of them end near it."""
    if len(lengths) < MIN_WRAPPED_LINES:
        return 0
    lengths.sort()
    width = lengths[(len(lengths) * percentile) // 100]
    if width > MAX_WRAP_COLUMNS:
        return 0
    near = bisect_right(lengths, width) - bisect_left(lengths, width - WRAP_SLACK)  # sorted: no loop
    return width if near >= MIN_WRAPPED_LINES and near * 4 >= len(lengths) else 0


def _columns(text: str) -> int:
    """Screen columns `text` takes in a terminal: East Asian wide characters take two, as
    text browsers count them when they wrap lines."""
    if text.isascii():
        return len(text)
    return len(text) + len(_WIDE_RE.findall(text))


def _first_word_length(line: str) -> int:
    stripped = line.lstrip()
    end = stripped.find(" ")
    return _columns(stripped if end < 0 else stripped[:end])


def _join_wrapped(lines: list[str]) -> str:
    """Wrapped lines as one paragraph: a space between them, none between two wide
    (Chinese, Japanese) characters, which are written without spaces."""
    if len(lines) == 1:
        return lines[0]
    spaced = " ".join(lines)
    if spaced.isascii():
        return spaced  # no wide character: a space everywhere
    joined = lines[0]
    for line in lines[1:]:
        glue = "" if _WIDE_RE.match(joined[-1]) and _WIDE_RE.match(line[0]) else " "
        joined += glue + line
    return joined


def units_of(text: str) -> list[Unit]:
    """Cut a dump into paragraph units (see the module docstring), measured and scored."""
    lines = text.split("\n")
    found = None if text.isascii() else _WIDE_OR_CJK_RE.search(text)
    columns = _line_columns(text, lines, -1 if found is None else found.start())
    breakable = _breakable(lines, columns)
    width = _continued_width(lines, columns, _width_of(list(map(columns.__getitem__, breakable))), breakable)
    parts = _unwrapped_parts(lines) if not width else _wrapped_parts(lines, width, columns)
    units = _measured(parts, found is not None)
    _score(units)
    return units


def paragraph_units(paragraphs: list[tuple[str, int]]) -> list[Unit]:
    """Units of an article's paragraphs already read (`(text, heading level)`, markup gone),
    measured and scored as `units_of` scores a dump's, for the region rules (`trim_tail`)."""
    units = _measured([(" ".join(text.split()), False, level) for text, level in paragraphs])
    _score(units)
    return units


# Of the lines a wrap column is measured on again (`_continued_width`), at least this share
# must have been broken at it: shorter than it, and too long for the next line's first word.
MIN_BROKEN_SHARE = 0.75
# The percentiles of those lines' columns tried as the column, in turn, when the first measure
# found none: a tenth of them may run past it (link texts and labels pandoc leaves whole).
CONTINUED_PERCENTILES = (95, 90)


def _continued_width(lines: list[str], columns: list[int], width: int, breakable: list[int] | None = None) -> int:
    """The wrap column measured again over the lines a paragraph goes on after, when it is
    lower than `width` (or `width` is 0): pandoc and other converters leave headings and
    one-line paragraphs longer than the column unwrapped, and where such lines are many the
    measure over all lines lands on them (or on nothing). A line followed by a blank line, a
    list item or an underline (`---`, `===`: a setext title), a table row (`|`), a markdown link
    or a hard break (two trailing spaces) says nothing of the column and is left out. The new
    column is kept only when most of those lines ending near it were broken at it
    (`MIN_BROKEN_SHARE`): a line followed by a list of links or table rows of similar lengths is
    not wrapped prose (a dump that also prints short lines one after the other, as w3m does,
    still is). When the first measure found no column, the 90th percentile is tried after the
    95th (`CONTINUED_PERCENTILES`: pandoc's raw HTML leaves link texts and labels longer than its
    column line after line). `breakable`: the lines' `_breakable` indexes when picked out already."""
    # The lines of 40 columns or more (the wrap measure reads no other) followed by a line that
    # is not blank (0 columns), picked out in C.
    long_lines = compress(range(len(lines) - 1), map(and_, map((40).__le__, columns), map(bool, columns[1:])))
    continued = [
        index
        for index in long_lines
        if lines[index + 1].strip()
        and "|" not in lines[index]
        and "](" not in lines[index]
        and not lines[index].endswith("  ")
        and not DUMP_BULLET_RE.match(lines[index])
        and not DUMP_BULLET_RE.match(lines[index + 1])
        and not lines[index + 1].lstrip().startswith(("---", "==="))
    ]
    if len(continued) < MIN_WRAPPED_LINES:
        return width
    if breakable is None:
        breakable = _breakable(lines, columns)
    kept = set(breakable)
    lengths = [columns[i] for i in continued if i in kept]
    for percentile in CONTINUED_PERCENTILES if not width else CONTINUED_PERCENTILES[:1]:
        again = _width_of(lengths, percentile)
        if not again or (width and width <= again):
            continue
        # Of the lines ending near the column (those its measure stands on), the share broken at it.
        near = [i for i in continued if again - WRAP_SLACK <= columns[i] <= again]
        broken = sum(1 for i in near if again < columns[i] + 1 + _first_word_length(lines[i + 1]))
        if broken >= MIN_BROKEN_SHARE * len(near):
            return again
    return width


# `(raw, bullet, heading level)` of each unit, in order.
_Part = tuple[str, bool, int]


def _heading_level(line: str, stripped: str) -> int:
    """The `#` count of a markdown heading line (or a line of `#` only), else -1."""
    if HEADING_MARK_RE.match(line) or stripped.strip("#") == "":
        return len(stripped) - len(stripped.lstrip("#"))
    return -1


def _unwrapped_parts(lines: list[str]) -> list[_Part]:
    """Units of a dump that is not hard-wrapped: every line its own unit (html2text and
    browsers print a paragraph on one line); an empty `#` line heads the unit after it."""
    parts: list[_Part] = []
    append = parts.append
    bullet_match = DUMP_BULLET_RE.match
    pending_heading = 0
    for line in lines:
        stripped = line.strip()
        if not stripped:
            continue
        first = stripped[0]
        if first == "#":
            level = _heading_level(line, stripped)
            if level >= 0:
                title = stripped.lstrip("#").strip()
                if title:
                    append((title, False, level))
                else:
                    pending_heading = level if level <= 6 else 0
                continue
        starts_bullet = (first in "-*+•□☆◦▪●○·o" or first.isdigit()) and bool(bullet_match(line))
        append((stripped, starts_bullet, pending_heading if pending_heading and not starts_bullet else 0))
        pending_heading = 0
    return parts


def _wrapped_parts(lines: list[str], width: int, line_columns: list[int]) -> list[_Part]:
    """Units of a hard-wrapped dump: a line broken because the next word did not fit is
    joined to the next one (`line_columns`: each line's `_line_columns`). One Python step per
    line: the unit in progress is flushed inline, and the next line's first word is measured
    only when the line it follows is not full already and that whole next line might not fit."""
    parts: list[_Part] = []
    append = parts.append
    current: list[str] = []
    bullet = False
    heading = 0
    previous_full = False
    pending_heading = 0  # an empty `#` line heads the unit after it
    count = len(lines)
    bullet_match = DUMP_BULLET_RE.match
    full = width - WRAP_SLACK
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            if current:
                append((_join_wrapped(current), bullet, heading))
                current = []
            bullet = False
            heading = 0
            previous_full = False
            continue
        first = stripped[0]
        if first == "#":
            level = _heading_level(line, stripped)
            if level >= 0:
                if current:
                    append((_join_wrapped(current), bullet, heading))
                    current = []
                bullet = False
                title = stripped.lstrip("#").strip()
                if not title:
                    heading = 0
                    pending_heading = level if level <= 6 else 0
                    continue
                append((title, False, level))
                heading = 0
                previous_full = False
                continue
        starts_bullet = (first in "-*+•□☆◦▪●○·o" or first.isdigit()) and bool(bullet_match(line))
        if starts_bullet or not previous_full:
            if current:
                append((_join_wrapped(current), bullet, heading))
                current = []
            bullet = starts_bullet
            heading = pending_heading if pending_heading and not starts_bullet else 0
            pending_heading = 0
        current.append(stripped)
        # Broken because the next word did not fit: the paragraph goes on on the next line.
        columns = line_columns[index]
        if columns < 0:
            columns = _columns(line.rstrip())
        # A line closing a sentence ends its paragraph unless the next word could not have fit on
        # it: the slack, which stands for a wrap column measured a little short, does not apply.
        if columns >= full and not _SENTENCE_END_RE.search(stripped):
            previous_full = True
        elif index + 1 < count:
            nxt = lines[index + 1].lstrip()
            # The first word takes at most the whole next line's characters, each at most two columns.
            previous_full = (columns + 1 + 2 * len(nxt) > width and columns + 1 + _first_word_length(nxt) > width) or (
                len(current) == 1 and _opening_word(stripped, nxt)
            )
        else:
            previous_full = columns + 1 > width
    if current:
        append((_join_wrapped(current), bullet, heading))
    return parts


# A paragraph's opening word a converter left on a line of its own (it kept the page source's
# line break after it): a word of letters (an opening quotation mark before it allowed), over a
# line of at least `OPENED_LINE_CHARS` characters going on in lower case (`Fire` / `is seen on a
# plane…`), or a word and a comma (`KATHMANDU,` / `April 25 (Reuters) - …`).
OPENED_LINE_CHARS = 40
_OPENING_WORD_RE = re.compile(r"[\"“„«‘']?[^\W\d_]+(?:['’-][^\W\d_]+)*,?")


def _opening_word(line: str, following: str) -> bool:
    """True when `line` (stripped), opening a paragraph, holds only its first word and the
    sentence goes on on the `following` line (stripped of its indent): it opens in lower case, or
    `line` ends in a comma."""
    return (
        (following[:1].islower() or line.endswith(","))
        and len(following) >= OPENED_LINE_CHARS
        and _OPENING_WORD_RE.fullmatch(line) is not None
        and following.split(" ", 1)[0].rstrip(",;:").isalpha()  # a word, not a URL or a mark
    )


def _measured(parts: list[_Part], cjk: bool = True) -> list[Unit]:
    """Units with their visible text, link characters and language evidence, measured over
    the whole page at once: the units' texts joined by newlines (which no unit holds) go
    through each pattern once, and per-unit Python work is left to units with links. `cjk`:
    False when the page holds no CJK character (its units are not searched for one)."""
    # Links, images and lynx references come out unit by unit (their characters are counted);
    # markup and runs of spaces come out of all units at once.
    joined, links = _unlinked_page([raw for raw, _, _ in parts])
    if _MARKUP_SCREEN_RE.search(joined):
        joined = _MARKUP_LINES_RE.sub("", joined)
    visible = [" ".join(text.split()) for text in joined.split("\n")] if parts else []
    for index, link_chars in enumerate(links):
        if link_chars:
            links[index] = min(link_chars, len(visible[index]))
    # Language evidence for the units `_quality` reads it on (long, not link-heavy), at once;
    # the others measure it on first use (most of a page: menus, links, labels).
    needed = [
        len(text) >= SHORT_CHARS and not (link_chars and _link_heavy(len(text), link_chars, bullet))
        for (_, bullet, _), text, link_chars in zip(parts, visible, links, strict=True)
    ]
    evidence = iter(_languages([text for text, need in zip(visible, needed, strict=True) if need], cjk))
    units: list[Unit] = []
    append = units.append
    for (raw, bullet, heading), text, link_chars, need in zip(parts, visible, links, needed, strict=True):
        if need:
            words, stopwords, sentences, cjk = next(evidence)
            append(Unit(raw, bullet, heading, len(text), link_chars, False, 0.0, text, True, words, stopwords,
                        sentences, cjk))  # fmt: skip
        else:
            append(Unit(raw, bullet, heading, len(text), link_chars, False, 0.0, text))
    return units


def _link_heavy(chars: int, link_chars: int, bullet: bool) -> bool:
    """Navigation by its links alone: most characters inside links, or a short list item with one."""
    return (chars > 0 and link_chars / chars > MAX_LINK_DENSITY) or (bullet and bool(link_chars) and chars < 150)


def _languages(texts: list[str], may_hold_cjk: bool = True) -> list[tuple[int, float, int, bool]]:
    """`(words, function-word share, sentence ends, CJK)` of each text, as `_language`
    measures one: the sentence and word patterns run once over the texts joined by newlines.
    `may_hold_cjk`: False when the texts are known to hold no CJK character (not searched for then)."""
    if not texts:
        return []
    joined = "\n".join(texts)
    if "\x00" in joined:
        return [_language_of(text) for text in texts]
    if _SENTENCE_SCREEN_RE.search(joined):
        sentences = [line.count("\x00") for line in _SENTENCE_LINES_RE.sub("\x00", joined).split("\n")]
    else:
        sentences = [0] * len(texts)
    cjk_page = may_hold_cjk and not joined.isascii() and _CJK_RE.search(joined) is not None
    found: list[tuple[int, float, int, bool]] = []
    contains = ALL_STOPWORDS.__contains__
    find_words = _WORD_RE.findall
    for text, count, line in zip(texts, sentences, joined.lower().split("\n"), strict=True):
        if cjk_page and not text.isascii():
            cjk = len(_CJK_RE.findall(text)) if _CJK_RE.search(text, 0, 60) else 0
            if cjk and cjk * 2 >= len(text):
                function = sum(map(_CJK_FUNCTION.__contains__, text))
                found.append((len(text) // 2, function / len(text) * 3, count, True))
                continue
        # Words are runs of word characters. A space-separated token of letters and digits only
        # is one word as it stands; the pattern splits only the others (`don't`, `end.`, `U.S.`).
        tokens = line.split()
        odd = list(filterfalse(str.isalnum, tokens))  # in C: no Python step per word
        if odd:
            pieces = find_words(" ".join(odd))
            words = len(tokens) - len(odd) + len(pieces)
            stopwords = sum(map(contains, tokens)) + sum(map(contains, pieces))  # no stopword holds a mark
        else:
            words = len(tokens)
            stopwords = sum(map(contains, tokens))
        found.append((words, stopwords / words if words else 0.0, count, False))
    return found


def _language_of(text: str) -> tuple[int, float, int, bool]:
    unit = Unit(text, chars=len(text), visible=text)
    _language(unit)
    return unit.words_, unit.stopwords_, unit.sentences_, unit.cjk_


def _unlinked(raw: str) -> tuple[str, int]:
    """`(text, characters inside links)` of a unit's raw text with markdown images removed,
    links replaced by their text and lynx `[12]` references removed."""
    link_chars = 0
    text = raw
    if "](" in text:
        if "![" in text:
            text = _MD_IMAGE_RE.sub("", text)
        # Split on links: their labels stand at the odd places, joined back they replace the links.
        pieces = _MD_LINK_RE.split(text)
        if len(pieces) > 1:
            link_chars = sum(map(len, map(str.strip, pieces[1::2])))
            text = "".join(pieces)
    if "[" in text:
        refs = list(_LYNX_REF_RE.finditer(text))
        if refs:
            for ref in refs:
                # A lynx reference marks a link whose text follows; count up to three words.
                tail = text[ref.end() : ref.end() + 40].split(" ")
                link_chars += sum(len(w) + 1 for w in tail[:3])
            text = _LYNX_REF_RE.sub("", text)
    return text, link_chars


def _unlinked_page(raws: list[str]) -> tuple[str, list[int]]:
    """`_unlinked` of every unit of a page at once: `(the texts joined by newlines, characters
    inside links per unit)`. Each pattern goes over the joined texts once (their `_LINES`
    forms never match across a newline), and a unit's link characters are found by counting
    the newlines before each link."""
    joined = "\n".join(raws)
    links = [0] * len(raws)
    if "](" in joined:
        if "![" in joined:
            joined = _MD_IMAGE_LINES_RE.sub("", joined)
        pieces = _MD_LINK_LINES_RE.split(joined)  # labels at the odd places, as in `_unlinked`
        if len(pieces) > 1:
            index = 0
            for place in range(1, len(pieces), 2):
                index += pieces[place - 1].count("\n")
                links[index] += len(pieces[place].strip())
            joined = "".join(pieces)
    if "[" in joined:
        index = previous = 0
        found = False
        for ref in _LYNX_REF_RE.finditer(joined):
            found = True
            index += joined.count("\n", previous, ref.start())
            previous = ref.start()
            tail = joined[ref.end() : ref.end() + 40]
            if "\n" in tail:
                tail = tail[: tail.index("\n")]  # the unit ends there
            links[index] += sum(len(w) + 1 for w in tail.split(" ")[:3])
        if found:
            joined = _LYNX_REF_RE.sub("", joined)
    if "://" in joined or "www." in joined:
        _bare_addresses(joined, links)
    return joined, links


def _bare_addresses(joined: str, links: list[int]) -> None:
    """Add to `links` (per unit of the newline-joined `joined`) the characters of web addresses
    printed bare (`https://…`, `www.…` as words of their own) in the units they make at least
    `MAX_LINK_DENSITY` of: a share bar, a footer or a link's targets printed as text (html-to-text
    prints `[image]https://…`, lines of `https://twitter.com/…`), not prose citing an address."""
    bare = [0] * len(links)
    index = previous = 0
    for address in _BARE_ADDRESS_RE.finditer(joined):
        index += joined.count("\n", previous, address.start())
        previous = address.start()
        bare[index] += len(address.group())
    texts = joined.split("\n")
    for index, chars in enumerate(bare):
        if chars and chars >= MAX_LINK_DENSITY * len(texts[index].strip()):
            links[index] += chars


def _language(unit: Unit) -> None:
    """Words, function-word share, sentence ends and script of a unit's visible text."""
    unit.measured = True
    text = unit.visible
    chars = unit.chars
    if chars < SHORT_CHARS // 2:
        unit.words_ = text.count(" ") + 1 if text else 0
        return
    unit.sentences_ = len(_SENTENCE_RE.findall(text)) if _SENTENCE_SCREEN_RE.search(text) else 0
    if text.isascii():
        cjk = 0
    else:
        cjk = len(_CJK_RE.findall(text)) if _CJK_RE.search(text, 0, 60) else 0
    if cjk and cjk * 2 >= chars:
        unit.cjk_ = True
        function = sum(map(_CJK_FUNCTION.__contains__, text))
        unit.stopwords_ = function / chars * 3  # on the scale of the word-based share
        unit.words_ = chars // 2
        return
    # Runs of word characters, as `[^\w\s]` turned to spaces then split would give.
    words = _WORD_RE.findall(text.lower())
    unit.words_ = len(words)
    unit.stopwords_ = sum(map(ALL_STOPWORDS.__contains__, words)) / len(words) if words else 0.0


def _quality(unit: Unit) -> float:
    """Content evidence of one unit in [-1, 1] (module docstring)."""
    chars = unit.chars
    if chars == 0:
        return NO_CONTENT_QUALITY
    link_chars = unit.link_chars
    if link_chars and _link_heavy(chars, link_chars, unit.bullet):  # (never without links: no call)
        return -1.0
    if chars < SHORT_CHARS:
        quality = -0.3  # every branch below needs a longer unit: no language evidence is read
        if link_chars:
            quality -= link_chars / chars
        return min(quality, -0.5) if unit.repeated else quality
    if not unit.measured:
        _language(unit)
    stopwords = unit.stopwords_
    sentences = unit.sentences_
    if chars >= GOOD_CHARS and stopwords >= GOOD_STOPWORDS and sentences >= 1:
        quality = 1.0
    elif sentences >= 1 and stopwords >= NEAR_STOPWORDS:
        quality = 0.5
    elif chars >= GOOD_CHARS * 2 and stopwords >= NEAR_STOPWORDS:
        quality = 0.4  # long text without sentence punctuation (a table, a long list line)
    elif sentences >= 1 and not link_chars and _unlisted_script(unit):
        # A paragraph in a script no stopword list covers (Hindi, Korean…): its sentences tell.
        quality = 1.0 if sentences >= 2 else 0.5
    elif chars >= GOOD_CHARS * 2 and sentences >= 2 and not link_chars:
        quality = 0.7  # prose in a language without a stopword list: its sentences tell
    else:
        quality = NO_CONTENT_QUALITY
    if unit.bullet and quality > 0:
        quality *= 0.5
    if link_chars:
        quality -= link_chars / chars
    if unit.repeated:
        quality = min(quality, -0.5)
    return quality


def _unlisted_script(unit: Unit) -> bool:
    """Mostly letters outside the Latin, Greek and Cyrillic ranges, with no function word of
    any listed language: the stopword share says nothing about such text, its sentences do."""
    text = unit.visible
    if unit.stopwords or text.isascii() or (unit.chars < GOOD_CHARS and not unit.cjk):
        return False  # a syllable script (Hangul) packs a sentence in fewer characters
    letters = [ch for ch in text if ch.isalpha()]
    return sum(1 for ch in letters if ch > "\u052f") * 2 > len(letters)


def _score(units: list[Unit]) -> None:
    if not units:
        return
    # Repetition keys: the visible texts case-folded at once (case folding never makes a newline).
    folded = "\n".join([unit.visible for unit in units]).casefold().split("\n")
    keys = [key if unit.chars >= 8 else "" for unit, key in zip(units, folded, strict=True)]
    seen = Counter(keys)
    first: set[str] = set()
    for unit, key, text in zip(units, keys, folded, strict=True):
        unit.folded = text
        if key and seen[key] > 1:
            unit.repeated = True
        unit.quality = _quality(unit)
        if unit.repeated and unit.chars >= GOOD_CHARS and key not in first:
            # A page that prints its article twice (print view, AMP copy): the first copy is prose.
            unit.repeated = False
            unit.quality = _quality(unit)
            unit.repeated = True
        if key:
            first.add(key)
    _mark_separators(units, keys, seen)


def folded_lines(units: list[Unit]) -> list[str]:
    """The units' visible texts case-folded (`Unit.folded`, kept by `_score`; folded here for
    units it has not scored)."""
    folded = list(map(_FOLDED, units))
    if None in folded:
        return [unit.visible.casefold() for unit in units]
    return folded


_FOLDED = attrgetter("folded")
# A line opening with a capital `O` and a space: case-folded, it opens with a list mark (`o `).
_CAPITAL_O_MARK_RE = re.compile(r"\n[ \t]*O[ \t]")


def folded_without_marks(folded: str, text: str) -> str:
    """`without_bullet_marks(text).casefold()` from `folded`, `text` case-folded already: the
    marks are left out of the folded text, which prints them as `text` does (case folding
    changes no space, digit or mark, and makes no newline), but where a line of `text` opens
    with `O ` (folded, a mark `o `)."""
    if "O" in text and _CAPITAL_O_MARK_RE.search("\n" + text):
        return without_bullet_marks(text).casefold()
    return without_bullet_marks(folded)


def _mark_separators(units: list[Unit], keys: list[str], seen: Counter[str]) -> None:
    """Mark the separators: short lines printed at least `SEPARATOR_REPEATS` times, most copies
    standing next to a paragraph (`Advertisement`, `Article content` between paragraphs). Ad placeholders printed
    in a sidebar or a footer stand among other boilerplate and are not separators."""
    candidates = {key for key, count in seen.items() if key and count >= SEPARATOR_REPEATS}
    if not candidates:
        return
    between: Counter[str] = Counter()
    index, count = 0, len(units)
    while index < count:
        key = keys[index]
        end = index + 1
        if key not in candidates:
            index = end
            continue
        while end < count and keys[end] == key:
            end += 1  # a run of copies in a row: its neighbours are the run's
        if (index > 0 and units[index - 1].quality > 0) or (end < count and units[end].quality > 0):
            between[key] += end - index
        index = end
    for unit, key in zip(units, keys, strict=True):
        if key in candidates and unit.chars < SHORT_CHARS and between[key] * 2 >= seen[key]:
            unit.separator = True


def find_region(units: list[Unit], lo: int = 0, hi: int | None = None, *, gap: int = 0) -> tuple[int, int, float]:
    """`(start, end, score)`: the run of `units[lo:hi]` with the largest summed weight; with
    `gap`, a run that crosses no `gap` units without content in a row (comments, sign-in
    dialogs and teaser blocks with summaries follow an article after such a gap)."""
    best_start = best_end = start = lo
    best = total = 0.0
    empty_run = 0
    for index, unit in enumerate(units[lo:hi], lo):
        chars = unit.chars
        # `Unit.weight` (a comparison, not a call of `max`: the loop runs for every unit).
        weight = unit.quality * (chars if chars >= MIN_WEIGHT_CHARS else MIN_WEIGHT_CHARS)
        if gap:  # runs without content are counted only when they end the region
            if weight > 0:
                empty_run = 0
            elif not unit.separator:  # a separator printed between the paragraphs is no gap
                empty_run += 1
            if empty_run >= gap:
                total = 0.0
        if total <= 0:
            total = 0.0
            start = index
        total += weight
        if total > best:
            best_start, best_end, best = start, index + 1, total
    return best_start, best_end, best


def _long_paragraph(unit: Unit, level: float = 1.0) -> bool:
    """Prose of at least `GOOD_CHARS` scoring as full prose (or as the article's own paragraphs
    score, `level`) but for the links it holds."""
    return unit.chars >= GOOD_CHARS and unit.quality + unit.link_density >= level


# The article's paragraphs read to set the level resumed prose must reach (`_paragraph_level`).
LEVEL_PARAGRAPHS = 12


def _paragraph_level(units: list[Unit], end: int) -> float:
    """The score of the article's paragraphs above `end` (the median of its last
    `LEVEL_PARAGRAPHS` content units of `GOOD_CHARS` or more), at most full prose's 1.0: in a
    language whose function words no list holds well (Indonesian, Malay), the article's own
    paragraphs score as near prose, and prose resuming after a box inside it scores so too."""
    scores: list[float] = []
    index = end - 1
    while index >= 0 and len(scores) < LEVEL_PARAGRAPHS:
        unit = units[index]
        if unit.quality > 0 and unit.chars >= GOOD_CHARS:
            scores.append(unit.quality + unit.link_density)
        index -= 1
    if not scores:
        return 1.0
    scores.sort()
    return min(1.0, scores[len(scores) // 2])


def bridge_gaps(units: list[Unit], end: int, hi: int) -> int:
    """The end of a region ending at `end` carried over the gaps after it (up to `hi`)
    that at most `BRIDGE_UNITS` units without content make (units showing nothing, an image
    or a link without text, not counted) and after which the article's prose resumes:
    `RESUMED_PARAGRAPHS` long paragraphs in a row (`_long_paragraph`: a related-links box or
    a teaser block inside the article stood there), or that many among one unit more, all of
    them content (`_resumes`). Comments, dialogs and teasers with
    summaries after an article do not open with such a run."""
    while True:
        index = end
        seen = 0
        while index < hi and units[index].quality <= 0 and seen < BRIDGE_UNITS:
            seen += 1 if units[index].chars else 0  # an image or an empty link shows nothing
            index += 1
        if index >= hi or units[index].quality <= 0 or seen >= BRIDGE_UNITS:
            return end
        if not _resumes(units[index : min(hi, index + RESUMED_PARAGRAPHS + 1)], _paragraph_level(units, end)):
            return end
        resumed, resumed_end, _ = find_region(units, index, _gap_at(units, index, hi) or hi, gap=GAP_UNITS)
        if resumed != index:
            return end
        end = resumed_end


def _resumes(units: list[Unit], level: float = 1.0) -> bool:
    """True when `units` open with `RESUMED_PARAGRAPHS` long paragraphs in a row, or with that
    many among one unit more that all hold content (a paragraph a link's address broke in two)."""
    run = 0
    while run < len(units) and _long_paragraph(units[run], level):
        run += 1
    if run >= RESUMED_PARAGRAPHS:
        return True
    long = sum(_long_paragraph(unit, level) for unit in units)
    return all(unit.quality > 0 for unit in units) and long >= RESUMED_PARAGRAPHS


# A list introduced by a line ending in a colon is read to its end, at most this many units;
# its entries hold at least this many words (a label between them, such as a group's name,
# may be shorter, but not two in a row: a row of tags is no list of facts).
MAX_LIST_UNITS = 60
MIN_ENTRY_WORDS = 3


def _introduces(unit: Unit) -> bool:
    """A line without links ending in a colon: it announces what follows (`Here is the plan:`)."""
    return not unit.link_chars and not unit.repeated and unit.visible.rstrip().endswith((":", "："))


def _list_entry(unit: Unit) -> bool:
    """A unit that may stand in the article's own list: no link in it (nor an address printed
    as text: a link list's targets), printed once, no prose (a unit of prose is the article
    resuming)."""
    return not unit.link_chars and not unit.repeated and unit.quality <= 0 and "://" not in unit.visible


def _entry_words(unit: Unit) -> int:
    """Words of a list entry: runs of word characters (a bullet is none), two characters
    to a word in Chinese or Japanese prose."""
    return unit.chars // 2 if unit.cjk else len(_WORD_RE.findall(unit.visible))


def _list_end(units: list[Unit], first: int) -> int:
    """The end of the list opening at `first`: entries of `MIN_ENTRY_WORDS` words or more,
    a single shorter label allowed between them (units showing nothing, an image, passed
    over); the list ends on an entry."""
    end = index = first
    limit = min(len(units), first + MAX_LIST_UNITS)
    label = False  # the unit before was a short label
    while index < limit and _list_entry(units[index]):
        unit = units[index]
        index += 1
        if not unit.chars:
            continue
        if _entry_words(unit) >= MIN_ENTRY_WORDS:
            end, label = index, False
        elif label:
            break
        else:
            label = True
    return end


def carry_lists(units: list[Unit], end: int) -> int:
    """The end of a region ending at `end` carried over the list that its last unit, or the
    line right after it, introduces with a colon (`Here's what to look for:`, `Tour dates:`):
    the entries without links that follow (`_list_end`: tour dates, results, bullet points of
    facts), and the article's prose when it resumes right after them (`find_region` with the
    gap rule). A list of links (related articles, a menu) holds links and is not carried,
    nor a row of one-word tags after `Topics:`."""
    count = len(units)
    while end < count:
        if end and _introduces(units[end - 1]):
            first = end
        elif _introduces(units[end]) and units[end].quality <= 0:
            first = end + 1
        else:
            return end
        index = _list_end(units, first)
        if index == first:
            return end
        end = index
        if index < count and units[index].quality > 0:
            # The prose resuming there, to its first gap: a better run further down (the
            # article going on past another list or box) does not hide it.
            resumed, resumed_end, _ = find_region(units, index, _gap_at(units, index), gap=GAP_UNITS)
            if resumed == index:
                end = resumed_end
    return end


def _gap_at(units: list[Unit], start: int, stop: int | None = None) -> int | None:
    """The index where the first run of `GAP_UNITS` units without content in `units[start:stop]`
    ends (separators passed over, as `find_region` counts them); None when none does."""
    empty_run = 0
    for index in range(start, len(units) if stop is None else stop):
        unit = units[index]
        if unit.quality > 0:
            empty_run = 0
        elif not unit.separator:
            empty_run += 1
            if empty_run >= GAP_UNITS:
                return index + 1
    return None


# Prose closing the region speaks to its reader when this share of its words addresses them,
# and this many times the share of the rest of the region's prose (`trim_tail`).
ADDRESS_SHARE = 0.04
ADDRESS_RATIO = 3
# Quoted speech: a speaker's `we` and `you` address no reader.
# A formal `Sie`, `Ihr` inside a sentence (at its start it may be `she`, `they`, `her`): the
# spaces before it after a character that ends no sentence. (The pattern opens with the space,
# the character before it read behind: the engine skips to spaces in C, where a pattern opening
# with a lookbehind is tried at every position.)
_FORMAL_RE = re.compile(rf"\s(?<=[^\s.!?:;„“\"»«]\s)\s*{alternation(READER_ADDRESS_CAPITALISED)}\b")
# Every formal form holds one of these (the forms no other form opens): a text holding none is
# not searched.
_FORMAL_SCREEN = tuple(
    form
    for form in READER_ADDRESS_CAPITALISED
    if not any(o != form and form.startswith(o) for o in READER_ADDRESS_CAPITALISED)
)
# Punctuation read as a space between words (one substitution in C: `str.translate` with a table
# reaching outside ASCII looks each character up in a dict, about twice as slow).
_PUNCTUATION_RE = re.compile("[" + re.escape(".,;:!?\"'’‘“”„«»()[]{}…–—-/|*_#<>") + "]")
_OPENING_QUOTES = frozenset("\"“„«‘‚'»")
# A paragraph opening with a dash and a space is a speaker's line (Nordic, French, Spanish dialogue).
_SPEECH_DASHES = frozenset(("– ", "— "))
_QUOTED_RE = re.compile(r"„[^“”\n]*[“”]|“[^”\n]*”|«[^»\n]*»|\"[^\"\n]*\"")


# The same paragraphs are counted by several rules of one page (the tail's totals, the runs
# under the headline, the reader-mode body's screen and its tail): each text is read once.
@lru_cache(maxsize=2048)
def address_share(text: str) -> tuple[int, int]:
    """`(words, reader-address words)` of `text` outside quoted speech (a paragraph opening
    with a quotation mark is speech however it closes: a quote running over paragraphs); the
    formal capitalised forms (`Sie`, `Ihnen`) count inside a sentence. (A pure function of
    `text`, its answers kept for the texts read last.)"""
    if text[:1] in _OPENING_QUOTES or text[:2] in _SPEECH_DASHES:
        return len(_WORD_RE.findall(text)), 0
    if '"' in text or "“" in text or "«" in text or "„" in text:
        text = _QUOTED_RE.sub(" ", text)
    words = _PUNCTUATION_RE.sub(" ", text.lower()).split()  # in C, as `_WORD_RE` would cut them
    address = sum(map(READER_ADDRESS_WORDS.__contains__, words))
    if any(map(text.__contains__, _FORMAL_SCREEN)):
        address += len(_FORMAL_RE.findall(text))
    return len(words), address


def trim_tail(units: list[Unit], start: int, end: int) -> int:
    """The end of the region `units[start:end]` before the prose closing it that speaks to its
    reader while the article does not (module docstring): from the first unit where at least
    `ADDRESS_SHARE` of the words (outside quotes) are `lexicon.READER_ADDRESS_WORDS` (you, your,
    we, our), `ADDRESS_RATIO` times the share of the prose above it, and such prose outweighs
    the other prose below it, which is shorter than the prose above. Promotions, newsletter and
    donation boxes and cookie notices follow the article's last paragraph; the units without
    content before them go with them."""
    indexes = [
        index
        for index in range(start, end)
        if (unit := units[index]).quality > 0 and not unit.repeated and unit.chars >= SHORT_CHARS
    ]
    if len(indexes) < 2:
        return end
    total_chars = sum(units[index].chars for index in indexes)
    totals: tuple[int, int] | None = None  # words and address words of all the prose, when needed
    shares: dict[int, tuple[int, int]] = {}
    cut: int | None = None
    below_words = below_address = below_chars = addressing_chars = 0
    for index in reversed(indexes):
        chars = units[index].chars
        below_chars += chars
        if below_chars * 2 >= total_chars:
            break  # the prose above a cut must outweigh the prose below it
        words, address = shares[index] = address_share(units[index].visible)
        below_words += words
        below_address += address
        if words and address >= ADDRESS_SHARE * words:
            addressing_chars += chars
            if addressing_chars * 2 <= below_chars:
                continue  # the addressing prose must outweigh the rest below the cut
            if totals is None:
                counted = [shares[i] if i in shares else address_share(units[i].visible) for i in indexes]
                totals = sum(w for w, _ in counted), sum(a for _, a in counted)
            above_words = totals[0] - below_words
            above_address = totals[1] - below_address
            if above_address * ADDRESS_RATIO * words <= address * above_words:
                cut = index
    if cut is None:
        return end
    index = cut
    while index > start and units[index - 1].quality <= 0:
        index -= 1
    return index


def _prose(units: list[Unit], start: int, end: int) -> list[Unit]:
    """The prose of `units[start:end]` that `trim_tail` reads: content of at least
    `SHORT_CHARS`, printed once."""
    return [u for u in units[start:end] if u.quality > 0 and not u.repeated and u.chars >= SHORT_CHARS]


def _address(prose: list[Unit]) -> tuple[int, int]:
    """`(words, reader-address words)` of `prose` (`address_share`)."""
    words = address = 0
    for unit in prose:
        counted = address_share(unit.visible)
        words += counted[0]
        address += counted[1]
    return words, address


def unaddressed_run(units: list[Unit], lo: int, start: int, end: int, min_chars: int) -> tuple[int, int]:
    """`(start, end)` of the article among the runs that gaps part under its headline: the run
    `units[start:end]` chosen for its weight, unless its prose speaks to its reader (at least
    `ADDRESS_SHARE` of its words) and a run above it, from `lo` (under the headline), holds
    `min_chars` of prose that speaks to the reader `ADDRESS_RATIO` times less: a cookie or
    privacy dialog printed at length under a short article outweighs it, never its headline."""
    if start - lo < GAP_UNITS:
        return start, end
    above, above_end, _ = find_region(units, lo, start, gap=GAP_UNITS)
    prose = _prose(units, above, above_end)
    if sum(unit.chars for unit in prose) < min_chars:
        return start, end
    run_words, run_address = _address(_prose(units, start, end))
    if run_address < ADDRESS_SHARE * run_words:
        return start, end
    words, address = _address(prose)
    if address * ADDRESS_RATIO * run_words > run_address * words:
        return start, end
    return above, above_end


def consent_region(units: list[Unit], start: int, end: int, min_chars: int) -> tuple[int, int]:
    """`(start, end)` of the article when the page's best region `units[start:end]` is a
    cookie-consent dialog (its prose holds a consent notice, `consent_notice`, and speaks to its
    reader): the run above it holding `min_chars` of prose that speaks to the reader
    `ADDRESS_RATIO` times less (`unaddressed_run` from the page's top). A dialog printed at
    length after the footer outweighs a short article once the teasers and links between them
    part the two. Failing that, the best run above it when it outweighs the region once the
    region's consent notices speaking to their reader count as no content (`_without_notices`)."""
    notices = [unit for unit in _prose(units, start, end) if consent_notice(unit.visible)]
    if not notices:
        return start, end
    found = unaddressed_run(units, 0, start, end, min_chars)
    if found != (start, end):
        return found
    return _without_notices(units, start, end, notices, min_chars)


def _without_notices(units: list[Unit], start: int, end: int, notices: list[Unit], min_chars: int) -> tuple[int, int]:
    """`(start, end)` of the best run above the region `units[start:end]` when it holds `min_chars`
    of prose and outweighs the region once the region's consent notices that speak to their
    reader count as units without content: a dialog whose paragraphs outweigh a review that
    speaks to its reader too (`If you want a book…`) is still no article."""
    notices = [unit for unit in notices if _speaks_to_reader(unit)]
    if not notices or start == 0:
        return start, end
    above, above_end, above_weight = find_region(units, 0, start)
    if sum(unit.chars for unit in _prose(units, above, above_end)) < min_chars:
        return start, end
    kept = [unit.quality for unit in notices]
    for unit in notices:
        unit.quality = NO_CONTENT_QUALITY
    try:
        weight = find_region(units, start, end)[2]
    finally:
        for unit, quality in zip(notices, kept, strict=True):
            unit.quality = quality
    return (above, above_end) if above_weight > weight else (start, end)


def _speaks_to_reader(unit: Unit) -> bool:
    """True when at least `ADDRESS_SHARE` of the unit's words address its reader (`address_share`)."""
    words, address = address_share(unit.visible)
    return address >= ADDRESS_SHARE * words > 0


def consent_head(units: list[Unit], start: int, end: int, min_chars: int) -> int:
    """The start of the region `units[start:end]` past its head when that head, the units before
    its first gap of `GAP_UNITS` without content, holds a cookie-consent notice
    (`consent_notice`) and the run after the gap holds more prose than the head, at least
    `min_chars`, speaking to its reader `ADDRESS_RATIO` times less: a consent dialog printed
    above the page's menus, which the region joins to the article below when the menus print
    no links (the headline is then looked for around the dialog)."""
    gap_end = _gap_at(units, start, end)
    if gap_end is None:
        return start
    index = gap_end - 1  # the unit completing the gap
    head = _prose(units, start, index)
    if not any(consent_notice(unit.visible) for unit in head):
        return start
    after, after_end, _ = find_region(units, index + 1, end, gap=GAP_UNITS)
    prose = _prose(units, after, after_end)
    if sum(unit.chars for unit in prose) < max(min_chars, sum(unit.chars for unit in head)):
        return start
    words, address = _address(head)
    run_words, run_address = _address(prose)
    if run_address * ADDRESS_RATIO * words > address * run_words:
        return start
    return after


def is_dump(units: list[Unit], start: int, end: int) -> bool:
    """True when page boilerplate stands outside the article region: a run of short or
    link-heavy units before it (navigation), or link lists and menus around it. Short lines
    after a clean article (a results table, a credits list) are not enough."""
    before = [u for u in units[:start] if u.quality < 0]
    if len(before) >= MIN_BOILERPLATE_UNITS and sum(max(u.chars, MIN_WEIGHT_CHARS) for u in before) >= 150:
        return True
    navigation = sum(1 for u in (*units[:start], *units[end:]) if u.quality < 0 and (u.bullet or u.link_chars))
    return navigation >= MIN_BOILERPLATE_UNITS


def may_be_dump(text: str) -> bool:
    """Cheap screen before any scoring: a dump has at least a few short lines (menus, labels)."""
    # Menus stand at the top: the whole lines of the first 4,000 characters (at most 4,000
    # lines, all among those read below) usually settle it without splitting the whole text.
    head = text[: text.rfind("\n", 0, 4000) + 1]
    return _short_lines(head.split("\n")) or _short_lines(text.split("\n", 4000))


def _short_lines(lines: list[str]) -> bool:
    """True when `MIN_BOILERPLATE_UNITS` of `lines` are short (not blank)."""
    short = 0
    for line in lines:
        if 0 < len(line.strip()) < SHORT_CHARS:
            short += 1
            if short >= MIN_BOILERPLATE_UNITS:
                return True
    return False


# The wrap measure, shared with the reading of text browsers' conventions (`dump_refs`).
wrap_width = _wrap_width


def continued_width(lines: list[str], width: int) -> int:
    """`width` measured again over the lines a paragraph goes on after (`_continued_width`),
    for the reading of hard-wrapped markdown (`dump_refs.unwrap_markdown`)."""
    return _continued_width(lines, _line_columns("\n".join(lines), lines), width)
screen_columns = _columns
