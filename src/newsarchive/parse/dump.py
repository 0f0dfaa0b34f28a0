"""The page-dump reading of the text parser: a whole-page dump → `Draft`.

`dump_region` finds the article's units; this module reads the record from them. Rules, in
order:
1. **Region.** The best-scoring run of units (`dump_region.find_region`). When its content
   mass is below `MIN_ARTICLE_CHARS` (`MIN_ARTICLE_CJK_CHARS` for Chinese/Japanese) the dump
   has no article (a menu page, an error page) and the draft stays empty, which `parse`
   refuses with "no article text found". A region that is a cookie-consent dialog speaking
   to its reader gives way to the run above it that holds an article's prose and speaks to its
   reader `ADDRESS_RATIO` times less (`dump_region.consent_region`: a dialog printed after the
   footer, parted from a short article by teasers), and so does it to the best run above it that
   outweighs it once its consent notices speaking to their reader count as no content (a review
   that speaks to its reader as much as the dialog). A region whose head, the units before its first
   gap of `GAP_UNITS` without content, holds a cookie-consent notice starts past it when the run
   after the gap holds more prose speaking less to its reader (`dump_region.consent_head`: a
   dialog above menus that print no links).
2. **Headline** (`_pick_headline`): of the candidate units around the region's start
   (`dump_model.candidate_range`, and those just over the region's first dateline or byline
   below them when none is among them: `dateline_window`), the one the headline model scores
   highest. The model is linear over shallow evidence (`dump_model.features`: heading level, words, closing
   punctuation, distance to the region, a byline or dateline right after it, list items
   around it, repetition, credit words, its words in the URL slug and share links the dump
   prints, its text printed again inside a longer line…), trained by `benchmarks/train_dump_model.py`. Lines
   with link targets or markup broken over lines are never candidates. The model's pick yields
   to the title it stands for: a breadcrumb trail to the line beside it that the trail prints
   as its last item (`Home » Title`), a label of up to two words scored just above a
   title-shaped line beside it to that line, or a line of up to three words (a label, a photo
   caption) scored just above a title-shaped line with a byline under it to that line
   (`_title_for`); a name with its job title after it is a byline, never the headline
   (`_not_a_byline`). What stood above the
   headline inside the region is dropped from it, unless as much prose stands above the
   headline as below it, or the heaviest run that gaps part in the region stands above it
   (`_inside_article`: the headline read is then a crosshead of a long article, or a teaser's
   title in a grid of cards below it, and the article's opening stays). The body region is then the best-scoring
   run after the headline that crosses no gap of `GAP_UNITS` units without content
   (comments, sign-in dialogs and teaser blocks follow an article after such a gap), the run
   above it when the best one speaks to its reader and that one, long enough to be an
   article, does not (`dump_region.unaddressed_run`: a cookie dialog outweighing a short
   article), carried
   over a gap of at most `dump_region.BRIDGE_UNITS` after which long paragraphs resume
   (`bridge_gaps`: a related-links box inside the article) and over a list its last line
   introduces with a colon (`carry_lists`: entries without links, such as facts or dates),
   without the prose closing it that speaks to its reader while the article does not
   (`dump_region.trim_tail`: promotions, newsletter and donation boxes, cookie notices).
3. **Header zone**: the units between the headline and the first long paragraph (at most
   `MAX_HEADER_UNITS`; when no prose follows that soon, as when the headline stands above
   teaser lists, the run of short lines right under the headline). Read there: datelines and
   labelled date lines (`Published`, `Veröffentlicht`, `Publié`…, `2025/01/31`, in any
   language `html_dates.find_text_date` reads; a date after an `Updated` label is
   `date_modified`; a metadata line opening with a publication label is one however long its
   tail of authors, categories and tags runs), bylines (`By`/`Von`/`Par`/`Por`/`Di`… words, a prefix standing alone on
   its line joined to the name after it, a prefix glued to the name (`ByJane Doe`), a line
   ending in one (`Written on Mar 27 by`) with the name on the next line, `Author:` labels, a
   role line after them or a role in brackets; the name ends before a word with a colon or a
   `©` (the caption of the photo under it) and loses an outlet logo's alt text; failing those,
   a line that is only a name, or names joined by `and`/`und`/`,`…, or a name with its job
   title after it, which a `By` line further down the header zone outranks, as does a
   dateline naming its author after a byline word, `8. Januar 2020 · by Jane Doe`),
   photo captions with credits (a caption printed twice is one caption; an image's alt text,
   unless a caption line follows it, with a `Foto: X` credit line), and prose (a standfirst),
   which stays in the body. Other short units there (kickers, share buttons, reading times)
   are dropped.
4. **Body**: the region's units after the header zone, as markdown, read by the plain text
   reading (inline links, related-link lists, captions, crossheads, bylines inside the body),
   without link-heavy units, without runs of list items without content between a headline
   printed above the region and the region (`_menus`: menus and share bars, which dumps
   printing no link targets show as plain lists), without short lines printed elsewhere on the page and without
   the units printed twice within the body (`body_repeats`: a video player's notice, a
   caption under each picture of a gallery). A line
   printed again at once with a photo credit after it (an image's alt text, then its caption)
   is one caption (`doubled_caption`); so is a short unit ending in a bracketed photo credit
   (`bracket_credited_caption`: `(AP Photo/X)`, `[사진 = X]`), two neighbouring units
   printing nearly the same words (`printed_twice`: alt text, then the caption with a `more`
   button or a credit), and a unit printing one text twice in a row, a credit after it at most
   (`glued_twice`: the alt text and the caption joined into one paragraph). Bylines inside
   the body count only when nothing above credited the article (else they are teasers'
   bylines). The list
   of links right after the region (under at most one short label) is the article's related
   links (`related_after`); lists further down belong to the page.
   lynx/w3m `[12]` markers become links to the targets the dump's closing `References` list
   gives (`dump_refs.link_list`, `numbered_links`); the markers never reach the body.
5. **Date fallback**: when the header zone printed none, a dateline in the units just before
   the headline, among the body's first units, or just after the region (an article's date
   printed in its footer). Teaser dates elsewhere on the page are never read. Relative dates
   (`3 hours ago`) are not read: a dump carries no absolute reference for them.
6. **Byline fallback**, when the header zone named no one, first found wins: a name printed
   on the article's dateline beside its date (`dateline_people`: `Jane Doe / Agency / Sep 2,
   2024`, `Veröffentlicht am 3. Mai 2022 von Jane Doe`); a byline or links to author pages
   (`/author/…`, `/autores/…`, `/author-jane-doe-12.cms`, `/@name`, a `mailto:` link whose
   text is a name; `lexicon.AUTHOR_PATHS`) near the headline (down to `UNDER_HEADLINE_UNITS`
   under it, past share bars), around the start of the article's text, or in an author box
   after the article (`credit_search_order`), where a name with its job title after it
   (`Jane Doe – Journalist`, co-authors printed so under it) counts as a byline too; the name
   opening an author bio (`Jane Doe is a staff writer…`) or the link to the author's other
   articles (`More by Jane Doe`, `Alles von Anna Müller`); a line that is only a name or a
   news agency (`dpa`) next to
   a dateline near the headline or around the start of the article's text, with the name
   lines right above and below it (co-authors printed one per line); a line that is only a
   name within `NAME_ABOVE_HEADLINE_UNITS` units above the headline (a name printed between a
   kicker and the title); last, Korean, Japanese and Chinese names printed with their job
   title on lines of their own (`배윤경 기자`) anywhere above the article's end. A name printed twice is one person.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Container, Iterable, Sequence
from functools import lru_cache
from operator import itemgetter
from urllib.parse import unquote_plus

from ..cjk import CJK_CLASS
from ..model import Person
from ..normalize import clean_text, parse_date
from .common import MAX_CREDITED_CHARS, TITLE_SEPARATORS_RE, split_bracket_credit, split_credit
from .dump_model import (
    DEFERRED_FEATURES,
    FEATURE_NAMES,
    LINK_FEATURES,
    LOOKBACK,
    MAX_CHARS,
    LinkWords,
    PrintedInside,
    candidate_range,
    content_words,
    features,
    headline_score,
    score_range,
    with_deferred,
)
from .dump_refs import (
    LinkTargets,
    bracketed_addresses,
    capital_headings,
    in_capitals,
    link_list,
    raw_html,
    reference_links,
    setext_headings,
    unwrap_markdown,
)
from .dump_region import (
    GAP_UNITS,
    GOOD_CHARS,
    SHORT_CHARS,
    Unit,
    bridge_gaps,
    carry_lists,
    consent_head,
    consent_region,
    find_region,
    folded_lines,
    folded_without_marks,
    is_dump,
    may_be_dump,
    trim_tail,
    unaddressed_run,
    units_of,
)
from .html_byline import GLUED_BY_RE, is_agency, is_role, people_from_text
from .html_dates import find_text_date
from .lexicon import (
    ALL_STOPWORDS,
    AUTHOR_ARCHIVE_LABELS,
    AUTHOR_PATHS,
    AUTHOR_PHOTO_PREFIXES,
    BYLINE_LABELS,
    BYLINE_PREFIXES,
    CAPTION_CREDITS,
    CASED_BYLINE_PREFIXES,
    NAME_JOINERS,
    NAME_TRAILING_LABELS,
    NOT_NAME_WORDS,
    PUBLISHED_LABELS,
    ROLE_SUFFIXES,
    STOPWORDS,
    TITLE_CASE_MINOR_WORDS,
    UPDATED_LABELS,
    alternation,
)
from .markdown_lines import DUMP_BULLET_MARK_RE

__all__ = ["DumpReading", "headline_candidates", "headline_raw", "headline_text", "page_units", "read_dump", "recased"]

MIN_ARTICLE_CHARS = 250
MIN_ARTICLE_CJK_CHARS = 80
MAX_HEADER_UNITS = 12
# A paragraph this long opens the body proper; shorter prose may still be a standfirst.
BODY_OPENING_CHARS = 200
MAX_DATELINE_CHARS = 120
# A line opening with a publication label is read as a dateline up to this long (its date among
# its first `MAX_DATELINE_CHARS` characters).
MAX_LABELLED_LINE_CHARS = 400
# A byline line is at most this long (`is_byline`); a longer unit opening with one is a byline
# glued to the text after it (`_OPENING_BYLINE_RE`).
MAX_BYLINE_CHARS = 160
# Candidates also this many units above and below the first dateline or byline of the region
# below the candidate window (`dateline_window`).
DATELINE_LOOKBACK = 8
DATELINE_LOOKAHEAD = 2
# Bylines are looked for this many units under the headline (`credit_search_order`).
UNDER_HEADLINE_UNITS = 16
# A name line this many units above the headline at most is read as its byline (a last resort:
# `Jane Doe` between a kicker and the title).
NAME_ABOVE_HEADLINE_UNITS = 3
# A label (a kicker, a section name: `Essay`, `Gesellschaft`) of at most `LABEL_WORDS` words that
# the model scores at most `LABEL_MARGIN` above a title-shaped line of `TITLE_MIN_WORDS` words or
# more beside it stands for that line; a line of at most `CAPTION_WORDS` words (a label, a photo
# caption: `Texas State Capitol`) stands for a title-shaped line anywhere among the candidates
# with a byline under it (`_title_for`). A short line shares the title's context (the
# byline under both, its one or two words in the opening paragraph) by chance; the margin is
# about one piece of strong evidence (a heading mark weighs 1.3, a byline under a line 2.7).
LABEL_WORDS = 2
CAPTION_WORDS = 3
LABEL_MARGIN = 1.5
TITLE_MIN_WORDS = 4
_BYLINE_NEXT = FEATURE_NAMES.index("byline_next3")
_NAME_ONLY = FEATURE_NAMES.index("name_only")

# A byline opens with a prefix word (`By`, `Von`, `Par`…) or a label (`Autor:`, `Written by`).
_BYLINE_WORDS = rf"(?:{alternation(BYLINE_LABELS)}\s*:?|{alternation(BYLINE_PREFIXES)}:?)"
_BYLINE_PREFIX_RE = re.compile(rf"^{_BYLINE_WORDS}\s+", re.IGNORECASE)
_LONE_PREFIX_RE = re.compile(rf"^{_BYLINE_WORDS}\s*:?$", re.IGNORECASE)
# The longest text `_LONE_PREFIX_RE` can match in a unit's visible text (one space between words):
# the longest word or label, a space and a colon twice.
_LONE_PREFIX_CHARS = max(map(len, (*BYLINE_LABELS, *BYLINE_PREFIXES))) + 4
# A label before the names (`Auteur: Anna Kubišta`): dropped before the names are read.
_LABEL_RE = re.compile(rf"^{alternation(BYLINE_LABELS)}\s*:\s*", re.IGNORECASE)
# A noun label (`Text`, `Author`, not `Written by`) without its colon before a single word is an
# interface label (`Text Size` over a font-size menu), not a byline.
_BARE_LABEL_RE = re.compile(
    rf"^{alternation(w for w in BYLINE_LABELS if w.rsplit(' ', 1)[-1] not in BYLINE_PREFIXES)}\s+[^\s:]+$",
    re.IGNORECASE,
)
_LEAD_MARKS = frozenset("/|•·>-–—")
_LEAD_MARKS_RE = re.compile(r"^[/|•·>\-–—]+\s*")
# A line opening with a publication label (`Published:`, `Veröffentlicht am`), list or rule marks
# before it allowed.
_LABEL_FIRST_RE = re.compile(rf"^[^\w]{{0,3}}{alternation(PUBLISHED_LABELS)}\b", re.IGNORECASE)
# A name glued to the publication label after it, opening a line (`Jane DoePublished Jul 17`).
_NAME_THEN_LABEL_RE = re.compile(
    r"^[A-ZÀ-Þ][\w'’.-]*(?: [A-ZÀ-Þ][\w'’.-]*){1,3}?(?<=[a-zà-ÿ])(?:"
    + "|".join(w.capitalize() for w in PUBLISHED_LABELS if " " not in w)
    + r")\b"
)
_DATE_LABEL_RE = re.compile(rf"\b{alternation(UPDATED_LABELS)}\b|更新", re.IGNORECASE)
# A link to an author's page (`/author/jane-doe`, `/autoren/…`, `/author-jane-doe-12.cms`, `/@jane`)
# names an author; so does a `mailto:` link whose text is a name (`[Jane Doe](mailto:…)`).
_AUTHOR_LINK_RE = re.compile(
    r"\[(?P<text>[^\[\]]{2,80})\]\(\s*<?(?P<href>[^)\s>]*?/(?:"
    + alternation(AUTHOR_PATHS)
    + r")/[^)\s>]+|[^)\s>]*?/author[-_][^)\s>/]+|[^)\s>]*?/@[\w.-]+[^)\s>]*|mailto:[^)>]*?)>?(?:\s+\"[^\"]*\")?\s*\)",
    re.IGNORECASE,
)
# Link targets and markup broken over lines: never a title.
# (The first characters as a class, the rest read behind them: see `dump_region._SENTENCE_RE`.)
_URL_DEBRIS_RE = re.compile(r"[h%\]_)](?:(?<=h)ttps?:|(?<=%)[0-9A-F]{2}|(?<=\])\(|(?<=_)_|(?<=\))\])")
# A heading that is one link and nothing else: a post's title linking to its own page (a
# permalink), as blogs print it (`## [Title](https://…/title/ "Permalink to Title")`).
_LINKED_HEADING_RE = re.compile(r'\[([^\[\]]+)\]\(\s*<?[^()\s<>]+>?(?:\s+"[^"]*")?\s*\)')
# `2025/01/31`, `2025.01.31`: year first, as Japanese, Chinese and Korean pages print dates.
_YEAR_FIRST_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})[/.]\s?(\d{1,2})[/.]\s?(\d{1,2})(?!\d)")
_DIGIT_RE = re.compile(r"\d")
# A breadcrumb trail's separator (`Home » Title`), and one closing the trail's items before the
# last (`Home »`, `News ›`).
_TRAIL_MARK_RE = re.compile(r"[»›>|]")
_CRUMB_HEAD_RE = re.compile(r"\w\s*[»›>|]\s*$")
_WORD_RE = re.compile(r"\w+")
_TIME_ONLY_RE = re.compile(r"\b(?:ago|vor \d|il y a|hace|fa\b)", re.IGNORECASE)
# Links without text (`[ ](whatsapp://send?text=…)`): icon buttons, share bars. Their targets may
# hold spaces, which the link pattern of the region scoring does not take.
_EMPTY_LINKS_RE = re.compile(r"^\s*(?:[-*+•]\s+)?(?:\[\s*\]\([^()]*\)\s*)+$")
_IMAGE_PLACEHOLDER_RE = re.compile(r"^(?:\[[^\[\]]{0,80}\]\s*)+$")
# A unit printing one address and nothing else (`https://www.facebook.com/sharer/sharer.php?u=…`,
# `whatsapp://send?text=…`): a converter printing an icon link by its target.
_LONE_ADDRESS_RE = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.)\S+$", re.IGNORECASE)
_LYNX_REF_RE = re.compile(r"\[(?:\d{1,5}|IMG|INLINE|BUTTON)\]")
_INNER_MARK_RE = re.compile(r"^(?:#{1,6}|>)[ \t]+")
# A picture file's extension (an image's name or address).
PICTURE_EXTENSIONS = r"(?:jpe?g|png|gif|svg|webp|avif|bmp|tiff?|heic)"
_IMAGE_NAME_RE = re.compile(rf"\[[^\[\]\s]{{1,200}}\.{PICTURE_EXTENSIONS}(?:\?[^\[\]\s]*)?\](?!\()", re.IGNORECASE)
# lynx -dump (and w3m with link numbers) print `[12]` before a link's text and list the targets
# at the end (`dump_refs.link_list`). The dump does not print where a numbered link's text
# ends: inside a sentence it is taken to run to the next marker or punctuation, at most
# `MAX_REFERENCE_WORDS` words.
MAX_REFERENCE_WORDS = 6
_REF_WORD = r"[^\s\[\]().,;:!?\"“”«»]+"
_NUMBERED_LINK_RE = re.compile(rf"\[(\d{{1,5}})\]({_REF_WORD}(?: {_REF_WORD}){{0,{MAX_REFERENCE_WORDS - 1}}})")
_WHOLE_NUMBERED_LINK_RE = re.compile(r"^\[(\d{1,5})\]([^\[\]]+)$")


class DumpReading:
    """Where the article stands in a dump: units, headline index, header zone, body run."""

    __slots__ = ("_lower_words", "body_start", "end", "header", "headline", "references", "shared", "start", "units")

    def __init__(
        self, units: list[Unit], start: int, end: int, headline: int | None, references: dict[str, str] | None = None
    ) -> None:
        self.units = units
        self.references = references or {}
        self.start = start
        self.end = end
        self.headline = headline
        first = start if headline is None else min(start, headline + 1)
        self.body_start = body_opening(units, first, end)
        self.header = list(range(first, self.body_start))
        self._lower_words: LowerCaseWords | None = None
        self.shared: list[str] | None = None  # the page's share link texts (`link_texts`), once read

    @property
    def lower_words(self) -> LowerCaseWords:
        """`LowerCaseWords` of the page, made on first use."""
        if self._lower_words is None:
            self._lower_words = LowerCaseWords(self.units)
        return self._lower_words

    @property
    def body(self) -> list[Unit]:
        return self.units[self.body_start : self.end]


def body_opening(units: list[Unit], first: int, end: int) -> int:
    """Index of the first long paragraph at or after `first` (the end of the header zone);
    else of the first prose unit; else of the first unit after the run of short lines that
    follows `first` (a headline printed above the article's region keeps its byline and
    dateline lines: `_header_run`)."""
    limit = min(end, first + MAX_HEADER_UNITS)
    prose: int | None = None
    for index in range(first, limit):
        unit = units[index]
        if unit.quality >= 1.0:
            if unit.chars >= BODY_OPENING_CHARS:
                return index
            if prose is None:
                prose = index
        if unit.heading and index > first:
            return index
    return prose if prose is not None else _header_run(units, first, limit)


def _header_run(units: list[Unit], first: int, limit: int) -> int:
    """The end of the short lines right after `first`: a headline standing apart from the
    article's text (in a top bar, above teasers) is followed by its byline and dateline, as
    short lines, before the page's lists and teasers go on."""
    index = first
    while index < limit:
        unit = units[index]
        if unit.bullet or unit.heading or unit.link_density > 0.5 or unit.chars > MAX_DATELINE_CHARS:
            break
        index += 1
    return index


def page_units(text: str) -> tuple[list[Unit], dict[str, str]] | None:
    """`(units, link targets)` of a text that may be a dump (its closing link list cut off,
    hard-wrapped markdown rejoined), None when it cannot be one; the headline ranker is
    trained on the same units (`benchmarks/train_dump_model.py`)."""
    text, references = link_list(text)
    linked = reference_links(text)
    addressed = bracketed_addresses(linked)
    text = setext_headings(unwrap_markdown(raw_html(addressed)))
    if addressed is not linked:
        # A serialiser printing links as `text [address]` prints headings in capitals.
        text = capital_headings(text)
    if not may_be_dump(text):
        return None
    units = units_of(text)
    if not units:
        return None
    mark_alone(units, text)
    return units, references


# A blank line (any whitespace but a line break, as the units read a blank line): the end of a
# paragraph block.
_BLANK_LINE_RE = re.compile(r"\n[^\S\n]*\n")
# A block longer than this holds no headline candidate (`dump_model.MAX_CHARS`, with room for
# the indentation and line breaks a text browser prints inside it).
ALONE_MAX_CHARS = 600


def mark_alone(units: list[Unit], text: str) -> None:
    """Set `Unit.alone` on each unit that is a whole block of `text` (the text `units_of`
    cut), blank lines around it: text browsers print menus, labels and link lists line after
    line, but a heading as a paragraph of its own, which in a dump without markup is the only
    trace of it."""
    blocks = {
        " ".join(block.lstrip().lstrip("#").split())
        for block in _BLANK_LINE_RE.split(text)
        if len(block) <= ALONE_MAX_CHARS
    }
    for unit in units:
        if unit.chars <= ALONE_MAX_CHARS:
            unit.alone = " ".join(unit.raw.split()) in blocks


def read_dump(text: str) -> DumpReading | None:
    """The article's place in a whole-page dump; None when `text` is not one (no boilerplate
    outside its best region); a reading with no region when no article is in it."""
    page = page_units(text)
    if page is None:
        return None
    units, references = page
    start, end, _ = find_region(units)
    if not is_dump(units, start, end):
        return None
    content = sum(u.chars for u in units[start:end] if u.quality > 0)
    # Whether the region is Chinese/Japanese matters only below the longer of the two minimums.
    if content < max(MIN_ARTICLE_CHARS, MIN_ARTICLE_CJK_CHARS):
        cjk = sum(1 for u in units[start:end] if u.cjk) * 2 > max(end - start, 1)
        if content < (MIN_ARTICLE_CJK_CHARS if cjk else MIN_ARTICLE_CHARS):
            return DumpReading(units, 0, 0, None)
    start, end = consent_region(units, start, end, MIN_ARTICLE_CHARS)
    start = consent_head(units, start, end, MIN_ARTICLE_CHARS)
    texts = link_texts(units, references)
    headline = _pick_headline(units, start, end, references, texts)
    if headline is not None and headline >= start and not _inside_article(units, start, headline, end):
        start = headline + 1  # what stood above the headline in the region was not the article
    hi, lo = end, start
    start, end, _ = find_region(units, start, end, gap=GAP_UNITS)
    if headline is not None:
        start, end = unaddressed_run(units, lo, start, end, MIN_ARTICLE_CHARS)
    end = bridge_gaps(units, end, hi)
    end = carry_lists(units, end)
    end = trim_tail(units, start, end)
    reading = DumpReading(units, start, end, headline, references)
    reading.shared = texts
    return reading


def _inside_article(units: list[Unit], start: int, headline: int, end: int) -> bool:
    """True when the headline chosen stands inside the article's region with at least as much
    prose above it as below, or below the heaviest run that gaps part in the region (the run
    above it outweighing every run under it): a crosshead of a long article, or a teaser's
    title in a grid of cards under it whose summaries add up to more prose than the article but
    which titles and dates split; the article's opening stays in the body."""
    above = sum(u.chars for u in units[start:headline] if u.quality > 0)
    below = sum(u.chars for u in units[headline + 1 : end] if u.quality > 0)
    if above >= below > 0:
        return True
    if not above or not below:
        return False
    upper = find_region(units, start, headline, gap=GAP_UNITS)[2]
    return upper > find_region(units, headline + 1, end, gap=GAP_UNITS)[2]


# -- headline ---------------------------------------------------------------------------

# The same short lines are asked for a date by the headline ranker, the header zone and the
# date and byline fallbacks: each line's answer is read once (`find_text_date` is pure).
_text_date = lru_cache(maxsize=4096)(find_text_date)


# A run of this many characters without a space is no word of a dateline (an address, a query).
_MAX_WORD_CHARS = 40


def _without_addresses(unit: Unit) -> tuple[str, int]:
    """`(text, length)` of a unit's visible text, the addresses printed bare in it (words holding
    `://`, runs of `_MAX_WORD_CHARS` characters without a space) left out when it is longer than
    a dateline: a serialiser printing links by their targets glues the share buttons' addresses
    to the date (`December 22, 2016 https://www.facebook.com/sharer/…`)."""
    visible = unit.visible
    if unit.chars <= MAX_DATELINE_CHARS or "://" not in visible:
        return visible, unit.chars
    visible = " ".join(word for word in visible.split() if "://" not in word and len(word) < _MAX_WORD_CHARS)
    return visible, len(visible)


def is_dateline(unit: Unit) -> bool:
    """A short line printing a date, or a long metadata line opening with a publication label
    and printing its date among its first `MAX_DATELINE_CHARS` characters (as `dateline_of`),
    addresses printed bare in it left out (`_without_addresses`)."""
    visible, chars = _without_addresses(unit)
    if chars > MAX_DATELINE_CHARS:
        if chars > MAX_LABELLED_LINE_CHARS or not _LABEL_FIRST_RE.match(visible):
            return False
        visible = visible[:MAX_DATELINE_CHARS]
    return bool(_DIGIT_RE.search(visible)) and bool(_text_date(visible))


def is_byline(unit: Unit) -> bool:
    if unit.chars > MAX_BYLINE_CHARS:
        return False
    text = byline_text(unit)
    return bool(_BYLINE_PREFIX_RE.match(text)) and not text.endswith(".")


def byline_text(unit: Unit) -> str:
    """A unit's text without the rule marks a page may print before a byline (`// By …`)."""
    return _LEAD_MARKS_RE.sub("", unit.visible) if unit.visible[:1] in _LEAD_MARKS else unit.visible


def headline_candidates(
    units: list[Unit], start: int, end: int, references: dict[str, str] | None = None, *, contenders: bool = False
) -> list[tuple[int, list[float]]]:
    """`(index, features)` of every unit that may be the headline (`dump_model`); `references`
    are the numbered links' targets (`dump_refs.link_list`). With `contenders`, only the
    candidates that may score highest (`_contenders`), the others left out unread; when one
    alone is left, its link targets' features (`dump_model.LINK_FEATURES`) are left at 0
    unread (no other candidate can reach its score whatever they hold)."""
    window = candidate_range(start, end)
    stop = min(len(units), window.stop + 3)
    datelines = [False] * len(units)
    bylines = [False] * len(units)
    for index in range(window.start, stop):
        datelines[index] = is_dateline(units[index])
        bylines[index] = is_byline(units[index])
    # A window holding a dateline or byline holds the title's: no second window is looked for.
    around = range(0) if any(datelines[i] or bylines[i] for i in window) else dateline_window(units, window, end)
    for index in range(max(stop, around.start), min(len(units), around.stop + 3)) if around else ():
        datelines[index] = is_dateline(units[index])
        bylines[index] = is_byline(units[index])
    indexes_in = [*window, *around]
    h1 = [i for i, u in enumerate(units) if u.heading == 1]
    has_headings = any(u.heading for u in units[window.start : window.stop])
    # The article's opening paragraphs: a headline shares its words with them. One of them
    # compared with the openings would share all its words with itself, so it is compared
    # with the others only.
    opening = [i for i in range(start, end) if units[i].quality >= 1.0][:3]
    body_words = frozenset(content_words(" ".join(units[i].visible for i in opening)))
    names = [False] * len(units)  # a candidate's own entry only is read: filled in as it comes
    elsewhere = other_form_elsewhere(units, indexes_in)
    inside = [False] * len(units)  # the text printed inside a longer line: filled in as `names`
    printed = PrintedInside(units)

    def vector(index: int, name_lines: list[bool] | None, links: LinkWords) -> list[float] | None:
        return features(
            units,
            index,
            start,
            datelines=datelines,
            bylines=bylines,
            h1_count=len(h1),
            first_h1=h1[0] if h1 else None,
            has_headings=has_headings,
            body_words=body_words if index not in opening else _words_of(units, opening, index),
            names=name_lines,
            elsewhere=elsewhere,
            links=links,
            inside=inside if name_lines is not None else None,
        )

    links = LinkWords(units, indexes_in, references)
    indexes = [index for index in indexes_in if _may_be_title(units[index])]
    if contenders:
        # The deferred features (`dump_model.DEFERRED_FEATURES`: the name line, the text
        # printed inside a longer line, the link targets) left at 0 first; then the name lines
        # and longer lines read for the candidates that may still score highest, and the link
        # targets for those that still may after that. A candidate left alone is the highest:
        # its link targets are not read.
        # Each candidate's vector is measured once: the deferred features, which alone differ
        # between the three readings (`features` reads nothing else of `names`, `inside` and
        # `links.asked`), are set in a copy of it (`dump_model.with_deferred`).
        links.asked = ()
        partial = {index: found_vector for index in indexes if (found_vector := vector(index, None, links)) is not None}
        indexes = _contenders(list(partial.items()))
        for index in indexes:
            names[index] = _may_be_name(units[index]) and bool(name_line(units[index]))
            inside[index] = printed.holds(index)
        named = [(index, with_deferred(partial[index], names[index], inside[index])) for index in indexes]
        indexes = _contenders(named, LINK_FEATURES)
        if len(indexes) == 1:
            return [(index, found_vector) for index, found_vector in named if index == indexes[0]]
        links.asked = set(indexes)
        return [
            (index, with_deferred(partial[index], names[index], inside[index], links.agreement(units, index)))
            for index in indexes
        ]
    found: list[tuple[int, list[float]]] = []
    for index in indexes:
        names[index] = _may_be_name(units[index]) and bool(name_line(units[index]))
        inside[index] = printed.holds(index)
        found_vector = vector(index, names, links)
        if found_vector is not None:
            found.append((index, found_vector))
    return found


def dateline_window(units: list[Unit], window: range, end: int) -> range:
    """The units around the first dateline or byline of the region below the candidate
    `window` (up to the region's `end`), asked for when the window holds none: a region may
    open on a cookie notice, a standfirst or a list of teasers far above the title, which is
    printed just over its dateline and byline."""
    for index in range(window.stop, end):
        unit = units[index]
        if unit.chars <= MAX_LABELLED_LINE_CHARS and (is_dateline(unit) or is_byline(unit)):
            return range(max(window.stop, index - DATELINE_LOOKBACK), min(len(units), index + DATELINE_LOOKAHEAD + 1))
    return range(0)


def _may_be_title(unit: Unit) -> bool:
    """False for a unit holding link targets or markup broken over lines, never a title, but a
    heading that is one link and nothing else: a post's title linking to its own page."""
    return not _URL_DEBRIS_RE.search(unit.raw) or bool(unit.heading and _LINKED_HEADING_RE.fullmatch(unit.raw))


def _contenders(
    partial: Sequence[tuple[int, list[float] | None]], deferred: tuple[str, ...] = DEFERRED_FEATURES
) -> list[int]:
    """Indexes of the candidates whose score, once their `deferred` features are read, may
    reach the highest: `partial` holds their vectors with those features at 0 (None: no
    candidate). A candidate whose highest possible score is below another's lowest is never
    picked."""
    ranges = [(index, score_range(vector, deferred)) for index, vector in partial if vector is not None]
    if not ranges:
        return []
    floor = max(low for _, (low, _) in ranges)
    return [index for index, (_, high) in ranges if high >= floor]


# A name has at most this many words (`Jean-Pierre de la Fontaine` runs to four).
NAME_WORDS = 4


def _may_be_name(unit: Unit) -> bool:
    """False for a line `name_line` would refuse, told cheaply: a name line holds two to four
    words per name (`MAX_LISTED_NAMES`), most of them capitalised, and no sentence; in capitals,
    where a capital says nothing, one name only (a headline in capitals is no list of names)."""
    if not (2 <= unit.words <= 4 * MAX_LISTED_NAMES and unit.chars <= MAX_NAMES_CHARS) or unit.sentences:
        return False
    if unit.words > NAME_WORDS and in_capitals(unit.visible):
        return False
    capitals = sum(map(str.isupper, map(itemgetter(0), unit.visible.split())))
    return capitals >= 2 and capitals * 2 >= unit.words


def _words_of(units: list[Unit], indexes: list[int], left_out: int) -> frozenset[str]:
    """`content_words` of the units at `indexes` but `left_out`."""
    return frozenset(content_words(" ".join(units[i].visible for i in indexes if i != left_out)))


def other_form_elsewhere(units: list[Unit], window: Iterable[int]) -> list[bool]:
    """Per unit, True for a candidate in `window` whose text the page prints again in the other
    form: a line printed elsewhere as a list item, or a list item printed elsewhere as a line
    (an article's title is the last item of its breadcrumb trail and the heading; a menu item
    or a teaser is printed as items only)."""
    found = [False] * len(units)
    candidates = [i for i in window if 8 <= units[i].chars <= 300]
    if not candidates:
        return found
    # Each set is made by one pass of C over the texts (case-folded as `_score` folded them).
    kept = [unit for unit in units if 8 <= unit.chars <= 300]
    listed = [unit for unit in kept if unit.bullet]
    items = set(
        folded_without_marks("\n".join(folded_lines(listed)), "\n".join([u.visible for u in listed])).split("\n")
    )
    lines = set("\n".join(folded_lines([unit for unit in kept if not unit.bullet])).split("\n"))
    for index in candidates:
        unit = units[index]
        if unit.bullet:
            found[index] = DUMP_BULLET_MARK_RE.sub("", unit.visible, count=1).casefold() in lines
        else:
            found[index] = unit.visible.casefold() in items
    return found


def _pick_headline(
    units: list[Unit], start: int, end: int, references: dict[str, str], texts: Sequence[str] = ()
) -> int | None:
    """The line printing the title the page's share links carry near the model's pick
    (`_shared_line`; `texts`: the page's `link_texts`), else the model's pick (`_model_pick`)."""
    index = _model_pick(units, start, end, references)
    return _shared_line(units, index, end, texts) if index is not None and texts else index


def _model_pick(units: list[Unit], start: int, end: int, references: dict[str, str]) -> int | None:
    """The candidate the headline model scores highest (`dump_model`), or the title that a
    label or a breadcrumb trail it picked stands for (`_title_for`), or the next one when it
    picked a date line (`_not_a_dateline`) or a name with its job title (`_not_a_byline`)."""
    best: tuple[float, int] | None = None
    for index, vector in headline_candidates(units, start, end, references, contenders=True):
        score = headline_score(vector)
        if best is None or score > best[0]:
            best = (score, index)
    if best is None:
        return None
    index = best[1]
    unit = units[index]
    if _short_dateline(unit):
        index = _not_a_dateline(units, index, dict(headline_candidates(units, start, end, references)))
        unit = units[index]
    titled = _may_be_name(unit) and any(person.role for person in name_line(unit))
    if unit.words > CAPTION_WORDS and not titled and not _TRAIL_MARK_RE.search(unit.visible):
        return index
    candidates = dict(headline_candidates(units, start, end, references))
    if titled:
        return _not_a_byline(units, index, candidates)
    return _title_for(units, index, candidates)


# A line printing a share link's title stands this many units from the model's pick at most
# (`dump_model.LOOKBACK`, the candidate window's reach above the region).
SHARED_REACH = LOOKBACK


def _shared_line(units: list[Unit], index: int, end: int, texts: Sequence[str]) -> int:
    """The line nearest the model's pick `index`, `SHARED_REACH` units at most away and above
    the region's `end` (under the article, a teaser's), that prints one of the page's share
    link texts (`link_texts`) of `SHARED_MIN_WORDS` words or more, whole or with a kicker before
    it or a site's name after it (`shared_part`): the title a share link carries, printed where
    the candidate window does not reach or ranked below a label. `index`
    when the pick prints such a text (or holds it: `shared_part`) or no line does. A list item
    or a link (a teaser), a line closing with a full stop (a share link's description is the
    standfirst) or a longer one is none."""
    keys = {text.casefold() for text in texts if text.count(" ") >= SHARED_MIN_WORDS - 1}
    if not keys:
        return index
    picked = units[index].visible.casefold()
    if any(key in picked for key in keys):
        return index
    found: int | None = None
    for i in range(max(0, index - SHARED_REACH), min(end, index + SHARED_REACH + 1)):
        unit = units[i]
        if unit.chars > MAX_CHARS or unit.bullet or unit.link_chars or unit.visible.rstrip().endswith("."):
            continue
        nearer = found is None or abs(i - index) < abs(found - index)
        line = " ".join(unit.visible.split())
        if nearer and (line.casefold() in keys or shared_part(line, texts) != line):
            found = i
    return found if found is not None else index


def _short_dateline(unit: Unit) -> bool:
    return unit.chars <= MAX_DATELINE_CHARS and is_dateline(unit)


def _not_a_dateline(units: list[Unit], index: int, candidates: dict[int, list[float]]) -> int:
    """The highest-scoring candidate that is no short dateline: a date line over a byline and
    beside the title (`March 9 2017 4:21 PM`) can outscore a short title on its neighbours'
    evidence, but a date is never the title; `index` when no other candidate is left."""
    others = [(headline_score(vector), i) for i, vector in candidates.items() if not _short_dateline(units[i])]
    return max(others)[1] if others else index


def _not_a_byline(units: list[Unit], index: int, candidates: dict[int, list[float]]) -> int:
    """The highest-scoring candidate but `index`, a name with its job title (`Jane Doe Deputy
    Editor`: a byline, never a title), and but other name lines; `index` when none is left."""
    others = [
        (headline_score(vector), i)
        for i, vector in candidates.items()
        if i != index and not (_may_be_name(units[i]) and name_line(units[i]))
    ]
    return max(others)[1] if others else index


def _title_for(units: list[Unit], index: int, candidates: dict[int, list[float]]) -> int:
    """The title that the candidate at `index` (the model's pick; `candidates`: every
    candidate's full vector) stands for: the line beside a breadcrumb trail printing it as the
    trail's last item (`Home » Title` over `Title`); a title-shaped line (`_title_shaped`)
    scoring at most `LABEL_MARGIN` below a label of at most `LABEL_WORDS` words beside it, or
    below a line of at most `CAPTION_WORDS` words anywhere when a byline stands under it (a
    teaser prints a date, seldom a byline); else `index`."""
    unit = units[index]
    trail = unit.visible.casefold().rstrip()
    for i in (index - 1, index + 1) if _TRAIL_MARK_RE.search(trail) else ():
        item = units[i].visible.strip().casefold() if i in candidates else ""
        if len(item) >= 3 and len(trail) > len(item) and trail.endswith(item):
            if _CRUMB_HEAD_RE.search(trail[: -len(item)]):
                return i
    if unit.words > CAPTION_WORDS or index not in candidates:
        return index
    floor = headline_score(candidates[index]) - LABEL_MARGIN
    found: tuple[float, int] | None = None
    for i, vector in candidates.items():
        beside = abs(i - index) == 1 and unit.words <= LABEL_WORDS
        bylined = vector[_BYLINE_NEXT] and not vector[_NAME_ONLY]  # a line of names over a byline is none
        if not (beside or bylined) or not _title_shaped(units[i]):
            continue
        score = headline_score(vector)
        if score >= floor and (found is None or score > found[0]):
            found = (score, i)
    return found[1] if found is not None else index


def _title_shaped(unit: Unit) -> bool:
    """A line that may be a title rather than a label: `TITLE_MIN_WORDS` words or more, no list
    or blockquote mark (an epigraph), link, closing full stop, date or byline."""
    return (
        unit.words >= TITLE_MIN_WORDS
        and not unit.bullet
        and unit.raw[0] != ">"
        and not unit.link_chars
        and not unit.visible.rstrip().endswith(".")
        and not is_dateline(unit)
        and not is_byline(unit)
    )


# -- markdown for the plain reading -------------------------------------------------------


def headline_raw(unit: Unit) -> str:
    """A headline unit's text without what a text browser prints around a heading: the `[12]`
    marker of a heading that is a link, an image's name in brackets (lynx prints `[logo.png]`
    for an image without alt text), a list mark (and a heading or quote mark inside the item:
    html2text prints a heading in a list item as `* # Title`)."""
    raw = unit.raw
    if "[" in raw:
        raw = _IMAGE_NAME_RE.sub("", _LYNX_REF_RE.sub("", raw)).strip()
    if unit.bullet:
        raw = _INNER_MARK_RE.sub("", DUMP_BULLET_MARK_RE.sub("", raw, count=1), count=1)
    return raw


# A printed address or handle (`[https://…]`, `/sport/`, `@name`): its words are a slug's, not prose.
_ADDRESS_RE = re.compile(r"\S*(?:://|www\.|[/@=%])\S*")
_CASED_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# After these a word opens a sentence (or a quotation), so its capital says nothing of the word.
_SENTENCE_OPENERS = frozenset(".!?:;\"'„“‘«»‹›¿¡")


def _opens_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return not before or before[-1] in _SENTENCE_OPENERS


def recased(
    headline: str, units: Sequence[Unit], references: dict[str, str] | None = None, texts: Sequence[str] | None = None
) -> str:
    """A headline printed in capitals in the case its page writes it: some converters set every
    heading in capitals, and the title's words are printed elsewhere in the page.

    The whole title as a link's query parameters print it wins (`linked_title`: a share link's
    `?text=`; `references`: the closing link list's targets; `texts`: the `link_texts` read
    already), then another printing of it not in
    capitals (a teaser, a quotation inside a longer line: the share links point at the article
    itself); else each word takes the form the
    page prints it in away from a sentence's opening (lower case when it is ever printed so, else
    its most frequent form; a possessive `Trump's` as its stem `Trump`), the title's first word and
    a word opening a sentence or quotation inside it capitalised. A word printed nowhere else is
    lower case (most headline words are common ones) unless the page capitalises most words it
    prints after the title's word before it (`NEXT_CAPITAL_MIN`: a noun after a German article
    or `im`). On a page whose other titles are in title case (`_title_case_words`) such a word is
    capitalised, as is a word the page prints only in lower case, unless its titles print it in
    lower case (`of`, `to`) or, with no such evidence, it is a minor word
    (`lexicon.TITLE_CASE_MINOR_WORDS`).
    """
    if not in_capitals(headline):
        return headline
    title = " ".join(headline.split())
    linked = linked_title(title, link_texts(units, references) if texts is None else texts)
    if linked is not None:
        return linked
    texts = [" ".join(unit.visible.split()) for unit in units if unit.visible and not in_capitals(unit.visible)]
    whole = re.compile(re.escape(title), re.IGNORECASE)
    for text in texts:
        for found in whole.finditer(text):
            if found.group() != found.group().upper():
                return found.group()
    forms: dict[str, Counter[str]] = {}
    # Per word, how often the word printed right after it (a space between) is capitalised, and
    # how often not: after an article, a German page prints a noun (`im Überblick`).
    next_capital: dict[str, list[int]] = {}
    for text in texts:
        text = _ADDRESS_RE.sub(" ", text)  # a printed address's words are not cased as prose
        previous: re.Match[str] | None = None
        for word in _CASED_WORD_RE.finditer(text):
            if not _opens_sentence(text, word.start()):
                forms.setdefault(word.group().casefold(), Counter())[word.group()] += 1
                if previous is not None and previous.end() + 1 == word.start() and text[previous.end()] == " ":
                    next_capital.setdefault(previous.group().casefold(), [0, 0])[word.group()[0].isupper()] += 1
            previous = word
    in_titles = _title_case_words(texts)

    def page_form(key: str) -> str | None:
        """The form the page prints `key` in (lower case when ever printed so), None if nowhere."""
        seen = forms.get(key)
        if not seen:
            return None
        return key if key in seen else seen.most_common(1)[0][0]

    title_words = list(_CASED_WORD_RE.finditer(title))
    previous_word = {
        word.start(): before.group().casefold()
        for before, word in zip(title_words, title_words[1:], strict=False)
        if title[before.end() : word.start()] == " "
    }

    def cased(word: re.Match[str]) -> str:
        lower = word.group().lower()
        key = word.group().casefold()
        form = page_form(key)
        if form is None and (stem := _POSSESSIVE_STEM_RE.match(lower)):
            stem_form = page_form(stem.group(1).casefold())
            form = stem_form + lower[len(stem_form) :] if stem_form is not None else None
        after_digit = title[word.start() - 1 : word.start()].isdigit()  # `40th`, `3D`: no word of its own
        if in_titles is not None and (form is None or form == lower) and not after_digit:
            minor = in_titles.get(key)
            form = lower if (minor if minor is not None else key in TITLE_CASE_MINOR_WORDS) else lower.capitalize()
        if form is None:
            # Printed nowhere, the word is guessed a common one, capitalised where the page
            # capitalises what follows the word before it.
            before = previous_word.get(word.start())
            lower_after, capital_after = next_capital.get(before, (0, 0)) if before else (0, 0)
            capital = capital_after >= NEXT_CAPITAL_MIN and capital_after >= 2 * lower_after
            form = lower.capitalize() if capital else lower
        if _opens_sentence(title, word.start()):
            form = form[0].upper() + form[1:]
        return form

    return _CASED_WORD_RE.sub(cased, title)


# A link's query parameter value (`?text=…`, `&title=…`, `?subject=…`): percent-encoded, or with
# its spaces left in (html2text prints a target as the page wrote it, up to the next parameter).
_QUERY_VALUE_RE = re.compile(r"[?&][\w.\-]+=([^&\n<>\[\]\"]+)")
# A share link passes on an address: a parameter is one (`&url=https%3A…`, `&body=https://…`,
# `?u=www.…`), or a share text ends with one (`?text=Title%20https%3A…`). Other links'
# parameters (a search's `?title=Resolved bugs`) are no share text.
_SHARED_RE = re.compile(r"(?:=|%20|\+|\s)(?:https?(?::|%3A)|www\.)", re.IGNORECASE)
# A share text ends where the address it shares begins (`?text=Title https://…`).
_SHARED_ADDRESS_RE = re.compile(r"\s+(?:https?://|www\.)")


def link_texts(units: Sequence[Unit], references: dict[str, str] | None = None) -> list[str]:
    """The texts the page's share links carry in their query parameters (links passing on an
    address, `_SHARED_RE`), decoded, whitespace collapsed, the address after the text cut off: a
    share link carries the page's title so (`?text=Voters%20pass…`, `mailto:?subject=…`), as
    the page's `<title>` writes it; `references`: the closing link list's targets."""
    raws = [unit.raw for unit in units if "=" in unit.raw]
    raws += ({**references, **references.printed} if isinstance(references, LinkTargets) else references or {}).values()
    values = [value for raw in raws if _SHARED_RE.search(raw) for value in _QUERY_VALUE_RE.findall(raw)]
    texts = []
    for value in values:
        text = _SHARED_ADDRESS_RE.split(unquote_plus(value), 1)[0]
        if text.endswith(")") and text.count(")") > text.count("("):
            text = text[:-1]  # the end of a markdown link's target
        text = " ".join(text.split())
        if text:
            texts.append(text)
    return texts


def linked_title(title: str, texts: Sequence[str]) -> str | None:
    """The whole `title` (printed in capitals) as the page's link texts (`link_texts`) print it,
    not in capitals, the form printed most often (the first on a tie), None when none does: a
    converter printing headings in capitals keeps the title's case in a share link's address."""
    words = title.split()
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)", re.IGNORECASE)
    forms: Counter[str] = Counter()
    for text in texts:
        if len(text) >= len(title):
            for found in pattern.finditer(text):
                form = " ".join(found.group().split())
                if not in_capitals(form):
                    forms[form] += 1
    return forms.most_common(1)[0][0] if forms else None


# A link text of fewer words is no title (`shared_part`).
SHARED_MIN_WORDS = 3


def shared_part(headline: str, texts: Sequence[str]) -> str:
    """The longest of the page's link texts (`link_texts`) of `SHARED_MIN_WORDS` words or more
    that `headline` prints whole, and that is at least half of it: the title a share link
    carries, the kicker or section label the page prints before it (`Minderheit in Syrien -
    Title`, `Meinung Title`) or the site's name after a title separator (`Title - Site`,
    `common.TITLE_SEPARATORS_RE`) left out; `headline` itself when none is. A share text the
    headline goes on after without a separator is a shortened one (a tweet's), not the title."""
    key = headline.casefold()
    found: str | None = None
    for text in texts:
        if not len(headline) > len(text) >= len(headline) / 2 or (found is not None and len(text) <= len(found)):
            continue
        if text.count(" ") < SHARED_MIN_WORDS - 1:
            continue  # a tag or a campaign's name (`?utm_campaign=future`), not a title
        at = key.find(text.casefold())
        if at < 0:
            continue
        before, after = headline[:at], headline[at + len(text) :]
        if (before and before[-1].isalnum()) or (after and not TITLE_SEPARATORS_RE.match(after)):
            continue  # inside a word, or a shortened share text (`…missing person` of `…person found`)
        found = text
    return found if found is not None else headline


def headline_text(
    headline: str, units: Sequence[Unit], references: dict[str, str] | None = None, texts: list[str] | None = None
) -> str:
    """The headline unit's text (markup taken off) as the page's title: in capitals, in the case
    the page writes it (`recased`), then cut to the title its share links carry (`shared_part`;
    `texts`: the page's `link_texts`, read from `units` and `references` when None)."""
    if texts is None:
        texts = link_texts(units, references)
    return shared_part(recased(headline, units, texts=texts), texts)


# A word the page prints nowhere else is capitalised after a word that the page follows with a
# capitalised one at least this many times and twice as often as not.
NEXT_CAPITAL_MIN = 3
# A page writes its titles in title case when this many of its other title-shaped lines are.
TITLE_CASE_LINES = 2
# A title-shaped line: this many words (a label or a menu run is shorter) up to `TITLE_MAX_WORDS`.
TITLE_CASE_MIN_WORDS = 5
TITLE_MAX_WORDS = 20
# A word of this many letters or more is capitalised in a title-case line (a minor one may not be).
TITLE_CASE_LONG_WORD = 4
# Title case is an English convention: a page is read for it when this share of the function
# words its lines print are English ones.
ENGLISH_SHARE = 0.6
_POSSESSIVE_STEM_RE = re.compile(r"^([^\W\d_]+)['’]s$")


def _title_case_words(texts: Sequence[str]) -> dict[str, bool] | None:
    """None unless the page writes its titles in title case (`Voters Pass Increase for Workers`):
    it is English (`ENGLISH_SHARE`), and at least `TITLE_CASE_LINES` of its title-shaped lines
    (teasers, headings: `TITLE_CASE_MIN_WORDS` to `TITLE_MAX_WORDS` words, no closing full stop)
    capitalise every long word after their first while leaving a minor one in lower case (a run of
    menu labels capitalises them all), more of them than leave two long words in lower case
    (sentence case). Then, per word those lines print after their first, True when they print it
    in lower case more often than capitalised (a minor word of the page's style: `of`, `to`)."""
    title_lines = 0
    sentence_lines = 0
    english = 0
    function = 0
    seen: dict[str, list[int]] = {}
    for text in texts:
        words = [w for w in _CASED_WORD_RE.finditer(text)]
        for word in words:
            key = word.group().casefold()
            if key in ALL_STOPWORDS:
                function += 1
                english += key in ENGLISH_STOPWORDS
        if text.endswith(".") or not TITLE_CASE_MIN_WORDS <= len(words) <= TITLE_MAX_WORDS or _ADDRESS_RE.search(text):
            continue
        inner = [w.group() for w in words[1:] if not _opens_sentence(text, w.start())]
        long_lower = sum(1 for w in inner if len(w) >= TITLE_CASE_LONG_WORD and w[0].islower())
        long_words = sum(1 for w in inner if len(w) >= TITLE_CASE_LONG_WORD)
        if long_words >= 2 and long_lower == 0 and any(w[0].islower() for w in inner):
            title_lines += 1
            for w in inner:
                counts = seen.setdefault(w.casefold(), [0, 0])
                counts[w[0].islower()] += 1
        elif long_lower >= 2:
            sentence_lines += 1
    if title_lines < TITLE_CASE_LINES or title_lines <= sentence_lines or english < function * ENGLISH_SHARE:
        return None
    return {word: low > capital for word, (capital, low) in seen.items()}


def unit_markdown(unit: Unit, references: dict[str, str] | None = None) -> str:
    """A unit as the plain text reading expects it: `#` headings, `- ` list items; lynx
    `[12]` markers become markdown links to their `references` target (`numbered_links`), or
    are dropped when the dump lists no target."""
    raw = unit.raw
    if "[" in raw and _LYNX_REF_RE.search(raw):
        if references:
            text = DUMP_BULLET_MARK_RE.sub("", raw, count=1) if unit.bullet else raw
            raw = raw[: len(raw) - len(text)] + numbered_links(text, references)
        raw = _LYNX_REF_RE.sub("", raw)
    if unit.heading:
        return "#" * unit.heading + " " + raw
    if unit.bullet:
        return "- " + DUMP_BULLET_MARK_RE.sub("", raw, count=1)
    return raw


def numbered_links(raw: str, references: dict[str, str]) -> str:
    """`[12]text` → `[text](target 12)`. A unit that is one numbered link (a list item, a menu
    line) links its whole text; inside a sentence the link text runs to the next marker or
    punctuation mark, at most `MAX_REFERENCE_WORDS` words (the dump does not print its end)."""

    def link(match: re.Match[str]) -> str:
        href = references.get(match.group(1))
        label = match.group(2).strip()
        if href is None or not label or any(ch in href for ch in "()<>"):
            return match.group(0)
        return f"[{label}]({href})" + match.group(2)[len(match.group(2).rstrip()) :]

    whole = _WHOLE_NUMBERED_LINK_RE.match(raw.strip())
    if whole:
        return link(whole)
    return _NUMBERED_LINK_RE.sub(link, raw)


def _is_caption(unit: Unit, split_caption: Callable[[str], tuple[str, str | None] | None]) -> bool:
    """A photo caption with its credit, as the plain reading or `bracket_credited_caption` reads one."""
    return split_caption(unit.visible) is not None or bracket_credited_caption(unit) is not None


def body_repeats(body: list[Unit]) -> set[str]:
    """Case-folded texts of the units of at least `SHORT_CHARS` printed more than once within
    the body: a video player's notice or a caption printed under each picture is a widget's;
    the article's own paragraphs are printed once in it (a page printing its article twice
    prints the copies apart, not both in one region)."""
    counts: Counter[str] = Counter(
        unit.visible.casefold() for unit in body if unit.repeated and unit.chars >= SHORT_CHARS
    )
    return {key for key, count in counts.items() if count > 1}


def body_units(reading: DumpReading, seen: set[str]) -> list[Unit]:
    """The body run's units that are body text (`keep_in_body`), without the units printed
    twice within it (`body_repeats`) but for one copy of a photo caption with its credit,
    which the plain reading makes a caption."""
    from .text import split_caption

    twice = body_repeats(reading.body)
    units = reading.units
    kept: list[Unit] = []
    menus = _menus(units, reading.body_start, reading.start)
    for index in range(reading.body_start, reading.end):
        if index in menus:
            continue
        unit = units[index]
        if twice and unit.visible.casefold() in twice:
            if unit.visible.casefold() in seen or not _is_caption(unit, split_caption):
                continue
        if keep_in_body(unit, seen):
            kept.append(unit)
    return kept


def _menus(units: list[Unit], body_start: int, start: int) -> set[int]:
    """Indexes of the runs of at least `GAP_UNITS` list items without content (units showing
    nothing passed over, and left to `keep_in_body`: an image's alt text is a caption)
    between `body_start` and the region's `start`: the menus and share bars under a headline
    printed above the region, which the gap rule kept out of it."""
    menus: set[int] = set()
    run: list[int] = []
    for index in range(body_start, start + 1):
        unit = units[index] if index < start else None
        if unit is not None and (not unit.chars or (unit.bullet and unit.quality <= 0)):
            run.append(index)
            continue
        if sum(1 for i in run if units[i].chars) >= GAP_UNITS:
            menus.update(i for i in run if units[i].chars)  # an image in it may be captioned
        run = []
    return menus


def keep_in_body(unit: Unit, seen: set[str]) -> bool:
    """False for link-heavy prose, image placeholders, images without alt text, links without
    text (icon buttons), and short lines printed elsewhere too."""
    if unit.chars == 0:
        return image_alt(unit) is not None  # an image with alt text: the plain reading captions it
    raw = unit.raw
    if "[" in raw and (_IMAGE_PLACEHOLDER_RE.match(raw.strip()) or _EMPTY_LINKS_RE.match(raw)):
        return False  # (both patterns need a bracket)
    if unit.link_density > 0.5 and not unit.bullet:
        return False
    if _LONE_ADDRESS_RE.match(unit.visible):
        return False  # a link printed as its target alone: an icon button (share, print), no text
    key = unit.visible.casefold()
    if unit.repeated and (unit.chars < SHORT_CHARS or key in seen):
        return False
    seen.add(key)
    return True


# A line ending in a byline word (`Written on Mar 27 by`): the name follows on the next line.
_TRAILING_PREFIX_RE = re.compile(rf"\s(?:{'|'.join(w for w in BYLINE_PREFIXES if w not in CASED_BYLINE_PREFIXES)})$")
# A wrapped standfirst with the byline glued to its end (a dump that joins wrapped lines reads a
# `By` line under it as part of it): a capitalised byline word after its last sentence, then only
# names (`…in NYC. By Jane Doe and John Roe`), or closing it with the names on the next line.
_TITLED_PREFIXES = "|".join(w.title() for w in BYLINE_PREFIXES if w not in CASED_BYLINE_PREFIXES)
_TAIL_BYLINE_RE = re.compile(rf"[.!?…]['\"’”]?\s+(?:{_TITLED_PREFIXES})(?:[Bb]y)?\s+(?P<names>[^.!?…]+)$")
_TAIL_PREFIX_RE = re.compile(rf"\s(?:{_TITLED_PREFIXES})$")
# A byline and its dateline opening a long unit (`By Jane Doe Published in Metro December 14,
# 2016 …`: the lines under the headline joined with the caption and the lead after them).
_OPENING_BYLINE_RE = re.compile(
    rf"^(?:{_TITLED_PREFIXES})\s+(?P<name>[A-ZÀ-Þ][\w'’.-]*(?:\s+[A-ZÀ-Þ][\w'’.-]*){{1,3}}?)\s+"
    rf"(?i:{alternation((*PUBLISHED_LABELS, *UPDATED_LABELS))})\b"
)
# A label or a copyright sign after a byline's name starts something else, such as the caption
# of the photo under it (`von Jane Doe Barisic: Foto: © GEPA`): the name ends before its word.
_LABEL_TAIL_RE = re.compile(r"^(?P<keep>.*?\S\s+\S.*?)\s+(?:[^\W\d_]+:|©)(?:\s.*)?$")
# An e-mail address printed beside a byline's name (`By Jane Doe | jdoe@example.com`).
_EMAIL_RE = re.compile(r"(?:(?<=\s)|^)[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def byline_people(units: list[Unit], index: int) -> tuple[list[Person], int]:
    """People credited by the byline at `index` (and the units it consumed), or `([], 0)`; an
    e-mail address printed beside the name is no part of it. A byline glued to a long unit
    counts at the unit's end (`_tail_names`, `_TAIL_PREFIX_RE`) or opening (`_OPENING_BYLINE_RE`);
    a noun label before one word without a colon (`Text Size`, `_BARE_LABEL_RE`) is none."""
    unit = units[index]
    text = byline_text(unit)
    used = 1
    # A lone prefix is a word or label and a colon: longer text skips the pattern.
    if len(text) <= _LONE_PREFIX_CHARS and _LONE_PREFIX_RE.match(text) and index + 1 < len(units):
        if unit.bullet:
            return [], 0  # `• Texte`, `• Autoren`: a menu entry, not a label over a name
        if is_image_placeholder(units[index + 1]) and index + 2 < len(units):
            used += 1  # an author photo between the label and the name
        name = units[index + used]
        if name.chars > 60 or name.quality >= 0.5 or not name.visible:
            return [], 0
        if name.bullet:
            return _listed_names(units, index + used)
        text = f"{text} {without_placeholders(name.visible)}"
        used += 1
    elif text[-1:].isalpha() and len(text) <= MAX_DATELINE_CHARS and _TRAILING_PREFIX_RE.search(text):
        return _name_after(units, index)
    elif unit.chars > MAX_DATELINE_CHARS and text.endswith(_TAIL_ENDINGS) and _TAIL_PREFIX_RE.search(text):
        return _name_after(units, index)
    elif unit.chars > MAX_DATELINE_CHARS and (tail := _tail_names(text)):
        return tail, 1
    elif unit.chars > MAX_BYLINE_CHARS and (opening := _OPENING_BYLINE_RE.match(text)):
        return (_people(opening.group("name")), 1) if _is_name(opening.group("name")) else ([], 0)
    elif not is_byline(unit) and not (GLUED_BY_RE.match(text) and unit.chars <= MAX_DATELINE_CHARS):
        return [], 0  # (`ByJane Doe`: text browsers glue the prefix to a linked name)
    if used == 1 and len(text) <= _LONE_PREFIX_CHARS + MAX_NAME_CHARS and _BARE_LABEL_RE.match(text):
        return [], 0
    text = _LABEL_RE.sub("", text, count=1)
    if "](" not in text and "@" in text:
        text = _EMAIL_RE.sub("", text).strip(" |/·•–—-")
    people = []
    if ":" in text or "©" in text:
        people = _people(_LABEL_TAIL_RE.sub(r"\g<keep>", text))  # (a label before the name keeps it)
    people = people or _people(text)
    if not people:
        return [], 0
    if index + used < len(units):
        nxt = units[index + used]
        if (
            nxt.chars <= 60
            and not nxt.sentences
            and is_role(nxt.visible)
            and len(people) == 1
            and people[0].role is None
        ):
            people = [Person(name=people[0].name, role=clean_text(nxt.visible))]
            used += 1
    return people, used


# What a list of authors prints around each name: a joining comma or `&`, a footnote mark
# (`Jane Doe^1,`; a superscript kept, `Jane Doe¹,`, or printed as a digit glued to the name,
# `Jane Doe1,`), an ellipsis standing for the names a `Show authors` button hides.
_LISTED_NAME_TAIL_RE = re.compile(r"(?:\^\d+|(?<=[^\W\d_])\d{1,2}|[⁰¹²³⁴⁵⁶⁷⁸⁹]+)?\s*(?:,|&|\band)?\s*$")


_TAIL_ENDINGS = tuple(w.title() for w in BYLINE_PREFIXES if w not in CASED_BYLINE_PREFIXES)


def _tail_names(text: str) -> list[Person]:
    """The names of a byline glued to the end of a long unit after its last sentence
    (`_TAIL_BYLINE_RE`), when every one is printed as a name (`_is_name`)."""
    found = _TAIL_BYLINE_RE.search(text[-MAX_NAMES_CHARS - 12 :]) if text[-1:].isalpha() else None
    if found is None:
        return []
    names = _NAMES_SPLIT_RE.split(found.group("names").strip())
    if len(names) > MAX_LISTED_NAMES or not all(_is_name(name) for name in names):
        return []
    return _people(found.group("names"))


def _listed_names(units: list[Unit], start: int) -> tuple[list[Person], int]:
    """The names a lone `By` heads as a list, one per item (`• Jane Doe^1,` / `• John Roe`),
    and the units read (the label's included); `([], 0)` when an item is no name."""
    people: list[Person] = []
    index = start
    while index < len(units) and units[index].bullet and len(people) < 2 * MAX_LISTED_NAMES:
        text = _LISTED_NAME_TAIL_RE.sub("", units[index].visible.lstrip("•·*-– ")).strip()
        if text not in ("…", "..."):
            if not _is_name(text):
                break
            people.extend(_people(text))
        index += 1
    return (people, index - start + 1) if people else ([], 0)


# An image printed as its `[alt]` placeholder beside a name (pandoc's plain text and lynx without
# its link list print an author photo so: `[] Jane Doe`, `[Jane Doe] Jane Doe`, `Jane Doe []`).
_PLACEHOLDER_RE = re.compile(r"\[[^\[\]]{0,40}\](?!\()")
# An image's alt text printed bare before a name, as a file's slug (`lynx -nolist` prints an
# author photo so: `jdoe-headshot Jane Doe`): lower-case words joined by hyphens.
_ALT_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)+ +(?=[A-ZÀ-Þ])")


def without_placeholders(text: str) -> str:
    """`text` without the images' `[alt]` placeholders printed on its line (`_PLACEHOLDER_RE`),
    or the alt text printed bare as a slug before it (`_ALT_SLUG_RE`); `text` itself when nothing
    else is printed there."""
    if "[" not in text:
        return _ALT_SLUG_RE.sub("", text) if "-" in text else text
    rest = " ".join(_PLACEHOLDER_RE.sub(" ", text).split())
    return rest or text


def is_image_placeholder(unit: Unit) -> bool:
    """A line that is only images' `[placeholders]` (text browsers print an image so)."""
    raw = unit.raw.strip()
    return raw[:1] == "[" and bool(_IMAGE_PLACEHOLDER_RE.match(raw))


def _name_after(units: list[Unit], index: int) -> tuple[list[Person], int]:
    """The name printed on the line after a line ending in a byline word (`Written on Mar 27
    by`, `10.12.2022 18:27 von`), an author photo's `[placeholder]` allowed between."""
    used = 1
    for following in units[index + 1 : index + 3]:
        used += 1
        if is_image_placeholder(following):
            continue
        name = without_placeholders(following.visible)
        if following.chars <= MAX_NAME_CHARS and _is_name(name.rstrip(",")):
            return _people(name), used
        break
    return [], 0


# Element texts a dump joins without a space: a year glued to the next date or time (`3. April
# 20223. April 2022`, published and updated dates side by side; `April 25, 20232:26 PM`).
_GLUED_DATE_RE = re.compile(r"(?<=[\s,.](?:19|20)\d\d)(?=\d{1,2}[.:])")


def dateline_of(unit: Unit) -> tuple[str, str, bool] | None:
    """`(as printed, iso, modified)` of a short unit that prints a date (addresses printed bare
    in it left out: `_without_addresses`)."""
    visible, chars = _without_addresses(unit)
    if chars > MAX_DATELINE_CHARS:
        # A metadata line that opens with a publication label (`Veröffentlicht: 05.01.2020 |
        # Autor: … | Abgelegt unter: … | Tags: …`), or with a name glued to one (`Jane
        # DoePublished Jul 17, 2024…`), is a dateline however long its tail runs.
        labelled = _LABEL_FIRST_RE.match(visible) or _NAME_THEN_LABEL_RE.match(visible)
        if chars > MAX_LABELLED_LINE_CHARS or not labelled:
            return None
        visible = visible[:MAX_DATELINE_CHARS]
    elif unit.quality >= 1.0:
        return None
    relative = _TIME_ONLY_RE.search(visible)
    found = _text_date(visible)
    if not found:
        ymd = _YEAR_FIRST_RE.search(visible)
        iso = parse_date(f"{ymd.group(1)}-{int(ymd.group(2)):02d}-{int(ymd.group(3)):02d}") if ymd else None
        if ymd is None or iso is None:
            found = _text_date(_GLUED_DATE_RE.sub(" ", visible)) if _GLUED_DATE_RE.search(visible) else None
            if found is None:
                return None
        else:
            found = ymd.group(0), iso
    at = visible.find(found[0])
    # `3 hours ago`: the time since publication, no date of it (but `…, 2023 Updated 9 min ago`).
    if relative is not None and not (
        0 <= at < relative.start() and _DATE_LABEL_RE.search(visible, at, relative.start())
    ):
        return None
    before = visible[: max(at, 0)]
    return found[0], found[1], bool(_DATE_LABEL_RE.search(before))


def is_prose(unit: Unit) -> bool:
    return unit.quality >= 0.5 and (unit.chars >= GOOD_CHARS or unit.sentences >= 1)


# A paragraph of the article this long is its running text, no standfirst over a byline.
MIN_RUNNING_PARAGRAPH_CHARS = 400


def after_prose(units: list[Unit], reading: DumpReading, index: int) -> bool:
    """True when a paragraph of the article's running text (`MIN_RUNNING_PARAGRAPH_CHARS` or
    more) stands between the article's start and `index`: a name with a job title printed there
    is a quoted speaker's or a photo's caption (`Jane Doe – President`), for a byline opens
    the article."""
    start = min(reading.start, reading.body_start)
    return any(u.chars >= MIN_RUNNING_PARAGRAPH_CHARS and is_prose(u) for u in units[start:index])


def related_after(reading: DumpReading) -> list[Unit]:
    """The list of links right after the article (under at most one short label line):
    the article's related links. Lists further down are the page's (most read, footer)."""
    units, index = reading.units, reading.end
    if index < len(units) and not units[index].bullet and units[index].chars < SHORT_CHARS:
        index += 1
    found: list[Unit] = []
    while index < len(units) and units[index].bullet and units[index].link_chars:
        found.append(units[index])
        index += 1
    return found


def author_links(unit: Unit, references: dict[str, str] | None = None) -> list[Person]:
    """People named by links to author pages in one unit (html2text and markdown dumps; a
    numbered `[12]Jane Doe` link of lynx and w3m read with its target from `references`)."""
    raw = unit.raw
    if references and "[" in raw and "](" not in raw and _LYNX_REF_RE.search(raw):
        raw = numbered_links(raw, references)
    if "](" not in raw or unit.chars > 400:
        return []
    people: list[Person] = []
    for match in _AUTHOR_LINK_RE.finditer(raw):
        if "/@" in match.group("href") and len(match.group("text").split()) < 2:
            continue  # a handle link with a one-word text: a platform's name, not a person's
        if match.group("href").lower().startswith("mailto:") and not _is_name(match.group("text")):
            continue  # an address behind a label (`Contact us`, `Send e-mail`), not a byline
        for person in _people(match.group("text")):
            if not any(p.name == person.name for p in people) and not any(ch.isdigit() for ch in person.name):
                people.append(person)
    return people


def credit_search_order(reading: DumpReading) -> list[int]:
    """Where bylines and author links are looked for, nearest to the headline first: the
    header zone, the units just above the headline, those around the start of the article's
    text, the body's first units, then the units after the article (an author box)."""
    units = reading.units
    top = reading.headline if reading.headline is not None else reading.start
    order = [*reading.header]
    order += range(top - 1, max(-1, top - 9), -1)
    # Under the headline past its header zone: share bars and teaser lists may stand between.
    order += range(top + 1, min(len(units), top + 1 + UNDER_HEADLINE_UNITS))
    # Around the start of the article's text, when the headline stands apart from it.
    order += range(max(0, reading.start - 5), min(reading.end, reading.start + 3))
    order += range(reading.body_start, min(reading.end, reading.body_start + 5))
    order += range(reading.end, min(len(units), reading.end + 25))
    return list(dict.fromkeys(order))  # each unit once, at its first place (the ranges overlap)


_NAME_WORD_RE = re.compile(r"^(?:[A-ZÀ-ÞŁŚŻ][\w'’.-]*|de|da|di|du|del|der|den|van|von|le|la|bin|al)$")
# Emphasis or link markup around a line: a label or a button, not a printed byline.
# (The first characters as a class, the rest read behind them: see `dump_region._SENTENCE_RE`.)
_MARKED_RE = re.compile(r"[*_`\]](?:(?<=\])\(|(?<!\])[*_`]?\S)")
# A line opening with a bold run (`**Jane Doe**`, `**Jane Doe** Reporter`): bylines are often bold.
_BOLD_OPENING_RE = re.compile(r"^(?P<mark>\*\*|__)(?P<name>[^*_`\[\]]+?)(?P=mark)(?=\s|$)")
# A line that is one markdown link and nothing else (a list mark allowed): `[Jane Doe](/u/jdoe)`.
_WHOLE_LINK_RE = re.compile(
    r"^\s*(?:[-*+•]\s+)?\[(?P<text>[^\[\]]+)\]\(\s*(?P<href>[^()\s]+)(?:\s+\"[^\"]*\")?\s*\)\s*$"
)


def _named_address(href: str, text: str) -> bool:
    """True when the last part of a link's address spells a word of three letters or more of
    the link's text, accents dropped (`/u/ganevatana` for `Tana Ganeva`): a person's page is
    addressed by the person's name, a menu or a button is not."""
    return _spells(href.rstrip("/").rsplit("/", 1)[-1], text)


def _spells(label: str, name: str) -> bool:
    """True when `label` holds a word of three letters or more of `name`, accents and case dropped."""
    folded = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode().lower()
    words = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower().split()
    return any(len(word) >= 3 and word in folded for word in words)


# An image as a dump prints it: markdown's `![alt](src)`, a text browser's `[alt or file name]`.
_IMAGE_TEXT_RE = re.compile(r"!\[(?P<alt>[^\[\]]{0,200})\]\((?P<src>[^()\s]*)|\[(?P<placeholder>[^\[\]]{1,80})\](?!\()")


def photo_author(units: list[Unit], index: int, common_words: Container[str] = frozenset()) -> list[Person]:
    """The person a line that is only one name credits when the author's photo stands beside
    it: an image on the line or on the line above whose alt text or file name spells a word of
    the name (`[Nurminen_T]` or `![](/img/nurminen-tapio.png)` over `Tapio Nurminen`). An author
    box prints its photo so; a name without its photo may be anyone's."""
    people = name_line(units[index], common_words)
    if len(people) != 1:
        return []
    for unit in (units[index], units[index - 1]) if index else (units[index],):
        if "[" not in unit.raw:
            continue
        for match in _IMAGE_TEXT_RE.finditer(unit.raw):
            shown = match.group("placeholder") or f"{match.group('alt')} {match.group('src').rsplit('/', 1)[-1]}"
            if _spells(shown, people[0].name):
                return people
    return []


# Photo credits and copyright lines look like names but credit pictures.
_CREDIT_WORDS_RE = re.compile(rf"\b{alternation(CAPTION_CREDITS)}\b|Copyright|©")
_LEADING_MARK_RE = re.compile(r"^(?:\d{1,3}[.)]|[-*•·])\s+")
_PAREN_ROLE_RE = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<role>[^()]{2,40})\)?$")


def _people(text: str) -> list[Person]:
    """`people_from_text`, with a role in brackets after a name kept as its role
    (`Jane Doe (reporting)`), a label printed after the name dropped (`Jane Doe Image`,
    `Jane DoePublished`), an author photo's alt text before it dropped (`Photo of Jane Doe`, or
    its `[placeholder]`: `without_placeholders`), a name holding an interface word refused
    (`_interface_label`), and each name once."""
    people: list[Person] = []
    text = _PHOTO_OF_RE.sub("", without_placeholders(text), count=1)
    for raw_name, role in people_from_text(_AFFILIATION_RE.sub("", text)):
        name = raw_name.strip("*_ ")  # emphasis around a linked name (`[**Jane Doe**](…)`)
        bracket = _PAREN_ROLE_RE.match(name)
        if bracket and role is None:
            name, role = bracket.group("name").strip(), bracket.group("role").strip()
        name = _once(_TRAILING_LABEL_RE.sub("", _GLUED_DATE_LABEL_RE.sub("", _LOGO_TAIL_RE.sub(r"\g<name>", name))))
        if not name or _DIGIT_RE.search(name) or _interface_label(name) or _lower_phrase(name):
            continue
        if not any(p.name.casefold() == name.casefold() for p in people):
            people.append(Person(name=name, role=role))
    return people


# `Jane Doe Image`, `Jane DoeTwitter`: a label printed after the name (`lexicon.NAME_TRAILING_LABELS`);
# in capitals after a name in capitals (`JANE DOETWITTER`: a page setting its byline in capitals
# sets the label beside it so too).
_TRAILING_LABEL_RE = re.compile(
    rf"(?<=[a-zà-ÿ.])\s*{alternation(NAME_TRAILING_LABELS)}$"
    rf"|(?<=[A-ZÀ-Þ]{{2}})\s*{alternation(tuple(label.upper() for label in NAME_TRAILING_LABELS))}$"
)
# `Jane Doe KTRK logo`: the alt text of the outlet's logo printed after the name.
_LOGO_TAIL_RE = re.compile(r"^(?P<name>\S+(?:\s+\S+)+?)\s+\S+\s+[Ll]ogo$")
# `Photo of Jane Doe`, `Profilbild von Anna Müller`: an author photo's alt text before the name.
_PHOTO_OF_RE = re.compile(rf"^\s*(?i:{alternation(AUTHOR_PHOTO_PREFIXES)})\s+(?=\S)")
# `Jane DoePublished`: a date label glued to the name (the dateline follows it on the page).
_GLUED_DATE_LABEL_RE = re.compile(
    "(?<=[a-zà-ÿ])(?:"
    + "|".join(w.capitalize() for w in (*PUBLISHED_LABELS, *UPDATED_LABELS) if " " not in w)
    + ")$"
)
# `Jane Doe For Dailymail.com`: the outlet a byline writes for is no part of the name.
_AFFILIATION_RE = re.compile(r"\s+(?:for|für)\s+[^,;&]+?(?=\s+(?:and|und)\s|[,;&]|$)", re.IGNORECASE)


def without_outlet(byline: list[Person], units: list[Unit]) -> list[Person]:
    """`byline` with the words closing a name dropped when the page prints them as a line of
    their own (`von Jane Doe Harbour Gazette` under the site's `Harbour Gazette` bar): the
    outlet printed after the name, not part of it. What stays must read as a name of two words
    or more (`Alles von Jane Doe` over an author box's `Jane Doe` keeps its name)."""
    cleaned: list[Person] = []
    lines: set[str] | None = None
    for person in byline:
        words = person.name.split()
        if len(words) > 2:
            if lines is None:
                lines = {unit.visible.casefold() for unit in units if 0 < unit.chars <= MAX_NAME_CHARS}
            for size in range(len(words) - 2, 0, -1):
                if " ".join(words[-size:]).casefold() in lines and _one_name(" ".join(words[:-size]), ()):
                    person = Person(name=" ".join(words[:-size]), role=person.role, section=person.section)
                    break
        cleaned.append(person)
    return cleaned


def dump_names(byline: list[Person]) -> list[Person]:
    """`byline` with each name read again by `_people`: a byline line the body reading takes
    (`By Jane Doe For Dailymail.com`, `By Jane DoeTwitter`) keeps its outlet or glued label, which
    a dump prints after the name; a name `_people` refuses (`author image`) is dropped."""
    cleaned: list[Person] = []
    for person in byline:
        for found in _people(person.name):
            cleaned.append(Person(name=found.name, role=person.role or found.role, section=person.section))
    return cleaned


def _lower_phrase(name: str) -> bool:
    """True for words opening in lower case with a word that is no particle (`Von unserer
    Redaktion`, `by our correspondent`): a phrase standing for the newsroom, not a name."""
    first, _, rest = name.partition(" ")
    return bool(rest) and first[:1].islower() and first not in _NAME_PARTICLES


def _interface_label(name: str) -> bool:
    """True when a word of `name` is an interface word (`lexicon.NOT_NAME_WORDS`): an author
    photo's placeholder (`author image`) or a share bar (`Teilen Twittern Senden`) is no name."""
    return any(word.strip(".,:;!?()[]*_").casefold() in NOT_NAME_WORDS for word in name.split())


def _once(name: str) -> str:
    """A name printed twice in a row (`Joe S. Joe S`, `Newsdesk Newsdesk`: text browsers
    print an author photo's alt text and the author link side by side) as one."""
    words = name.replace(".", " ").split()
    half = len(words) // 2
    if half and len(words) % 2 == 0 and words[:half] == words[half:]:
        return " ".join(name.split()[:half]).rstrip(".") if len(name.split()) == len(words) else " ".join(words[:half])
    return name


def _is_name(text: str) -> bool:
    """Two to four capitalised words (a particle allowed): how a person's name is printed."""
    words = text.split()
    return 2 <= len(words) <= 4 and all(_NAME_WORD_RE.match(word) for word in words) and not is_role(text)


# An image printed as markdown on a name's line (html2text without links prints an author photo
# so: `![jdoe-headshot](https://…/jdoe.jpg) Jane Doe`): no markup around the name.
_MD_IMAGE_RE = re.compile(r"!\[[^\[\]]{0,200}\]\(\s*[^()\s]*\s*\)")


def name_line(
    unit: Unit, common_words: Container[str] = frozenset(), *, bold: bool = False, linked: bool = False
) -> list[Person]:
    """A line that is only a person's name (two to four capitalised words, a particle allowed,
    a list mark or a trailing comma tolerated), or only names joined by commas, `&` or a joining
    word (`Jane Doe and John Roe`, `lexicon.NAME_JOINERS`): dumps without link markup print the
    byline so, next to the headline and the dateline (an author photo's `[alt]` placeholder
    before it and the time since publication after a bullet, `• 8h`, are left out). Interface
    labels look alike (`Share Tweet Share`, `Log In`, `Get Started`), so a name is refused when
    a word repeats in it, when a word other than a particle is a function word, when it ends on
    a particle, or when one of its words is printed in lower case elsewhere on the page
    (`common_words`: names are not common words). Emphasis or link markup makes a label or a
    button, but for a name opening the line in bold where the caller knows a byline stands
    (`bold`: right above the dateline or the article's text, `**Jane Doe**`), and for a line
    that is one link whose text is the name where the caller knows a dateline stands beside it
    (`linked`: markdown dumps print an author's name as the link to the author's page, whatever
    the site calls that folder, an address spelling the name, `[Jane Doe](/u/jane-doe)`)."""
    raw = _MD_IMAGE_RE.sub(" ", unit.raw) if "![" in unit.raw else unit.raw
    if bold and raw.startswith(("**", "__")):
        raw = _BOLD_OPENING_RE.sub(r"\g<name>", raw, count=1)  # a byline printed in bold, `**Jane Doe**`
    whole_link = _WHOLE_LINK_RE.match(raw) if linked and "](" in raw else None
    if whole_link is not None and not _named_address(whole_link.group("href"), whole_link.group("text")):
        whole_link = None  # a link to a page not named after its text: a menu, a button
    if whole_link is not None:
        raw = whole_link.group("text")  # the link's text alone: its markup says nothing against a name
    if unit.chars > MAX_NAMES_CHARS or unit.sentences or _MARKED_RE.search(raw):
        return []
    if unit.link_density > 0.5 and whole_link is None and not _NUMBERED_ONLY_RE.match(unit.raw):
        return []
    text = _LEADING_MARK_RE.sub("", without_placeholders(unit.visible)).rstrip(",;")
    pieces = _PIECE_SPLIT_RE.split(text)
    if len(pieces) > 1 and all(
        (len(piece) <= 20 and _DIGIT_RE.search(piece)) or _LABEL_FIRST_RE.match(piece) for piece in pieces[1:]
    ):
        text = pieces[0]  # `Jane Doe • 8h`, `Jane Doe|Published 4 months ago`: the time since publication
    if _BARE_LABEL_RE.match(text):
        return []  # `Text Size`: an interface label
    names = _NAMES_SPLIT_RE.split(text)
    if len(names) > MAX_LISTED_NAMES or (len(names) == 1 and len(text) > MAX_NAME_CHARS):
        return []
    if not all(_one_name(name, common_words) for name in names):
        return _name_and_role(text, common_words)
    return _people(text)


def titled_name(units: list[Unit], index: int, common_words: Container[str] = frozenset()) -> tuple[list[Person], int]:
    """A name with its job title printed after it, on its line (`Jane Doe – Journalist`) or on
    the next (`Jane Doe` / `Senior reporter`: an author box prints the title under the name),
    and the units read; `([], 0)` when the unit at `index` is no such name."""
    people = name_line(units[index], common_words)
    titled = [p for p in people if p.role]
    if titled:
        return titled, 1
    if len(people) != 1 or index + 1 >= len(units):
        return [], 0
    under = units[index + 1]
    if under.bullet or under.chars > MAX_NAME_CHARS or under.sentences or not is_role(under.visible):
        return [], 0
    if name_line(under, common_words):
        return [], 0  # a second name line (`Jane Doe` / `Sarah Editor`), not a job title
    return [Person(name=people[0].name, role=clean_text(under.visible))], 2


def agency_line(unit: Unit) -> list[Person]:
    """A line that is only a news agency's name (`dpa`, `The Associated Press`): beside the
    dateline, the article's credit."""
    text = unit.visible.strip(" .,;:()[]|•·-–—")
    if unit.chars > MAX_NAME_CHARS or not text or not is_agency(text):
        return []
    return [Person(name=text, role="agency")]


def _name_and_role(text: str, common_words: Container[str]) -> list[Person]:
    """A name with the job title printed after it on its line (`Jane Doe Deputy Editor`,
    `Jane Doe – Journalist`): the first two to four words a name, the rest a role."""
    words = text.split()
    for size in range(2, min(4, len(words) - 1) + 1):
        name, role = " ".join(words[:size]), " ".join(words[size:]).strip(" –—-|,")
        if role and is_role(role) and not is_role(name) and _one_name(name, common_words):
            return [Person(name=name, role=role)]
    return []


# A line whose links are all numbered (`[12]Jane Doe and [13]John Roe`, lynx and w3m with link
# numbers) or marked as images (`[IMG] Jane Doe`, links and elinks print an author photo so): its
# text reads as a dump without link markers prints it, so its link density does not refuse it as
# a name line.
_NUMBERED_ONLY_RE = re.compile(r"^\s*(?:[-*+•]\s+)?[^\[\]]*(?:\[(?:\d{1,5}|IMG|INLINE)\][^\[\]]*)+$")
# The pieces of a line a bullet or a bar separates or a date label glued to the name starts
# (`Jane Doe • 8h`, `Jane DoePublished 4 months ago`).
_PIECE_SPLIT_RE = re.compile(
    r"\s+[•·]\s+|\s*\|\s*|(?<=[a-zà-ÿ])(?=(?:"
    + "|".join(w.capitalize() for w in (*PUBLISHED_LABELS, *UPDATED_LABELS) if " " not in w)
    + r")\b)"
)
# A line naming one person is at most this long; one listing several, this.
MAX_NAME_CHARS = 48
MAX_NAMES_CHARS = 120
MAX_LISTED_NAMES = 4
_NAMES_SPLIT_RE = re.compile(rf"\s*(?:,|&|\s(?:{alternation(NAME_JOINERS)})\s)\s*")


def _one_name(text: str, common_words: Container[str]) -> bool:
    """Two to four capitalised words that `looks_like_name` accepts (`name_line`)."""
    words = text.split()
    if not 2 <= len(words) <= 4 or any(ch.isdigit() for ch in text):
        return False
    first = words[0].lower()
    if first in _NAME_PARTICLES or _function_word(first, common_words):
        return False
    if not all(_NAME_WORD_RE.match(word) for word in words) or is_role(text) or _CREDIT_WORDS_RE.search(text):
        return False
    return looks_like_name(text, common_words)


ENGLISH_STOPWORDS = STOPWORDS["en"]
# `Today's Paper`, `Editor’s Picks`: a possessive makes a label, not a name.
_POSSESSIVE_RE = re.compile(r"\w['’]s\b")
_NAME_PARTICLES = frozenset(("de", "da", "di", "du", "del", "der", "den", "van", "von", "le", "la", "bin", "al"))
_PLAIN_WORD_RE = re.compile(r"[^\W\d_]+")
_LOWER_WORD_RE = re.compile(r"(?<![\w'’-])[^\W\d_A-ZÀ-ÞĀ-Ž]{2,}(?![\w'’-])")
_LOWER_WORD_ONLY_RE = re.compile(r"[^\W\d_A-ZÀ-ÞĀ-Ž]{2,}")


def looks_like_name(text: str, common_words: Container[str]) -> bool:
    """False for a line of capitalised words that is no name (see `name_line`)."""
    words = [w.casefold() for w in _PLAIN_WORD_RE.findall(text)]
    if len(set(words)) < len(words) or (words and words[-1] in _NAME_PARTICLES) or _POSSESSIVE_RE.search(text):
        return False
    if any(w not in _NAME_PARTICLES and _function_word(w, common_words) for w in words):
        return False
    return not any(w in common_words for w in words if w not in _NAME_PARTICLES)


def _function_word(word: str, common_words: Container[str]) -> bool:
    """True for a function word (`lexicon.STOPWORDS`) in a line of capitalised words: an
    English one (interface labels are English on pages in any language: `About Us`), or
    another language's that the page prints in lower case (`Zum`, `Und`). Another language's
    the page never prints in lower case is a first name there (`Jen`, `Per`, `Han`). With no
    page's words to ask (`common_words` empty), any language's."""
    if word not in ALL_STOPWORDS:
        return False
    return word in ENGLISH_STOPWORDS or not common_words or word in common_words


def lower_case_words(units: list[Unit]) -> frozenset[str]:
    """Words the page prints in lower case (common words; a name is not among them)."""
    found: set[str] = set()
    for unit in units:
        if unit.chars >= SHORT_CHARS:
            found.update(_LOWER_WORD_RE.findall(unit.visible))
    return frozenset(found)


_WORD_EDGE = frozenset("_'’-")


class LowerCaseWords(Container[str]):
    """`word in LowerCaseWords(units)` is `word in lower_case_words(units)`, answered one word
    at a time: a page is asked about the few words of its candidate name lines, so the page's
    text is searched for those (`str.find`) instead of every word of it being collected."""

    __slots__ = ("_known", "_text")

    def __init__(self, units: list[Unit]) -> None:
        self._text = "\n".join([unit.visible for unit in units if unit.chars >= SHORT_CHARS])
        self._known: dict[str, bool] = {}

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        known = self._known.get(word)
        if known is None:
            known = self._known[word] = bool(_LOWER_WORD_ONLY_RE.fullmatch(word)) and self._printed(word)
        return known

    def _printed(self, word: str) -> bool:
        """True when `word` stands in the text with no word character, apostrophe or hyphen
        on either side (the edges `_LOWER_WORD_RE` asks for)."""
        text, size = self._text, len(word)
        at = text.find(word)
        while at >= 0:
            before = text[at - 1] if at else " "
            after = text[at + size : at + size + 1] or " "
            if not (before.isalnum() or before in _WORD_EDGE or after.isalnum() or after in _WORD_EDGE):
                return True
            at = text.find(word, at + 1)
        return False


# What a dateline prints around its date besides a name: labels, times, `on`/`am`, sources.
_DATELINE_NOISE_RE = re.compile(
    rf"\b(?:{alternation(PUBLISHED_LABELS)}|{alternation(UPDATED_LABELS)})\b\s*:?"
    r"|\b\d{1,2}[:.]\d{2}(?:\s*(?:Uhr|h|[AP]M|[ap]m|[A-Z]{2,4}))?\b|\b(?:am|on|at|le|el|il|op|um)\b",
    re.IGNORECASE,
)
_DATELINE_SPLIT_RE = re.compile(r"\s*(?:[/|•·,;]|\s[-–—]\s)\s*")
_DATELINE_BY_RE = re.compile(rf"(?:^|\s){alternation(BYLINE_PREFIXES)}\s+(?P<names>.+)$", re.IGNORECASE)


def prefixed_dateline(unit: Unit, date_raw: str) -> bool:
    """True when the dateline names its author after a byline word (`8. Januar 2020 · by Jane
    Doe · in Gefühle`): as strong a credit as a `By` line."""
    return bool(_DATELINE_BY_RE.search(unit.visible.replace(date_raw, " | ", 1)))


# The next label of a metadata line (`Abgelegt unter:`, `Tags:`): a word or two and a colon.
_NEXT_LABEL_RE = re.compile(r"\s+(?=[^\W\d_]+(?:\s[^\W\d_]+)?:)")


def dateline_people(unit: Unit, date_raw: str, common_words: Container[str] = frozenset()) -> list[Person]:
    """The person a dateline names beside its date (`Jane Doe / Agency / Sep 2, 2024`,
    `Veröffentlicht am 3. Mai 2022 von Jane Doe`, `25.10.2022 - Jane Doe`): bylines and
    datelines often share one line. What is left once the date, the time and the labels are
    taken out must be a name (`_is_name`, `looks_like_name`), follow a byline word, or follow a
    byline label and its colon in one of the line's pieces (`| Autor: jdoe |`)."""
    rest = without_placeholders(unit.visible.replace(date_raw, " | ", 1))
    by = _DATELINE_BY_RE.search(rest)
    if by is not None:
        pieces = [_DATELINE_NOISE_RE.split(by.group("names"), maxsplit=1)[0]]
    else:
        pieces = _DATELINE_SPLIT_RE.split(_DATELINE_NOISE_RE.sub(" ", rest))
        for piece in pieces:
            label = _LABEL_RE.match(piece.strip())
            if label is not None:  # `Veröffentlicht: 05.01.2020 | Autor: jdoe | Abgelegt unter: …`
                # (the next label ends the name where the dump dropped the bar between them)
                return _people(_NEXT_LABEL_RE.split(piece.strip()[label.end() :], maxsplit=1)[0])
    for piece in pieces:
        piece = _DATELINE_NOISE_RE.sub(" ", piece).strip(" .:-–—●•·▪◦")
        if not piece:
            continue
        if by is not None:
            return _people(_DATELINE_SPLIT_RE.split(piece)[0])
        if _is_name(piece) and looks_like_name(piece, common_words) and not _CREDIT_WORDS_RE.search(piece):
            return _people(piece)
        return []
    return []


# An author box's bio opens with the name: `Jane Doe is a staff writer…`, `Anna Müller ist
# Redakteurin…`, `Jean Dupont est journaliste…`.
_BIO_RE = re.compile(
    r"^(?P<name>[A-ZÀ-Þ][\w'’.-]+(?:\s+(?:[A-ZÀ-Þ][\w'’.-]+|de|da|van|von|der|le|la)){1,3})\s+"
    r"(?:is|was|ist|war|est|était|es|era|è|é)\s+(?:a|an|the|ein|eine|einer|un|une|el|la|il|uma?|one|our|unser\w*|"
    r"\w+(?:in|er|or|ist|iste|eur|euse))\b"
)


_ARCHIVE_LINK_RE = re.compile(rf"^{alternation(AUTHOR_ARCHIVE_LABELS)}:?\s+(?P<name>.+)$", re.IGNORECASE)


def archive_author(unit: Unit, common_words: Container[str] = frozenset()) -> list[Person]:
    """The person an author box's link to their other articles names (`More by Jane Doe`,
    `Alles von Anna Müller`: `lexicon.AUTHOR_ARCHIVE_LABELS`); the rest must read as a name."""
    if unit.chars > MAX_NAME_CHARS + 24:
        return []
    match = _ARCHIVE_LINK_RE.match(unit.visible)
    if match is None:
        return []
    name = match.group("name").strip(" .:")
    return _people(name) if _one_name(name, common_words) else []


# `배윤경 기자`, `山田太郎記者`: a CJK name of two to four characters and its job title
# (`lexicon.ROLE_SUFFIXES`), alone on a line.
_CJK_TITLED_NAME_RE = re.compile(rf"^[{CJK_CLASS}]{{2,4}}\s?{alternation(ROLE_SUFFIXES)}$")


def cjk_titled_names(units: list[Unit], stop: int) -> list[Person]:
    """The reporters a Korean, Japanese or Chinese page credits on lines of their own before
    `stop` (`배윤경 기자`, an e-mail line under each): the first run of such lines, each at
    most two lines under the one before. Read when nothing else credits the article."""
    people: list[Person] = []
    last = -1
    for index in range(min(stop, len(units))):
        unit = units[index]
        if people and index - last > 2:
            break
        if unit.chars <= 8 and _CJK_TITLED_NAME_RE.match(unit.visible.strip()):
            people.extend(p for p in _people(unit.visible) if p not in people)
            last = index
    return people


# `山田 太郎`, `島津健吾`, `배윤경`: a Chinese, Japanese or Korean name printed alone (two to
# four characters, or a family and a given name of one to three characters each, a space between).
_CJK_NAME_RE = re.compile(rf"^(?:[{CJK_CLASS}]{{2,4}}|[{CJK_CLASS}]{{1,3}}[ \u3000][{CJK_CLASS}]{{1,3}})$")


# `2025/1/21 20:50`, `2019.03.26 更新`: a line opening with a date in numbers, the year first
# (these pages' dateline; a date inside a line, `原文(投稿日：2019/02/16)`, dates something else).
_NUMERIC_DATE_RE = re.compile(r"(?:19|20)\d\d([/.-])(?:0?[1-9]|1[0-2])\1(?:0?[1-9]|[12]\d|3[01])(?!\d)")


def cjk_name_line(units: list[Unit], index: int) -> list[Person]:
    """A line that is only a Chinese, Japanese or Korean name (`_CJK_NAME_RE`) with a dateline
    at most two lines above or below it (a line opening with a date in numbers, `2025/1/21 20:50`,
    counts; an author photo may stand between): these pages print the byline bare, without a `By`, and no capitals
    mark it as a name. Section labels are as short (`社会`), but a page lists its
    sections in its menus, so a line whose text is printed elsewhere on the page as a list item
    or a link is refused, and so is a list item or a link itself."""
    unit = units[index]
    if unit.bullet or unit.link_chars or unit.chars > 8:
        return []
    text = without_placeholders(unit.visible).strip()
    if not _CJK_NAME_RE.match(text):
        return []
    beside = units[max(0, index - 2) : index] + units[index + 1 : index + 3]
    if not any(
        is_dateline(u) or _NUMERIC_DATE_RE.match(without_placeholders(u.visible))
        for u in beside
        if u.chars <= MAX_DATELINE_CHARS
    ):
        return []
    folded = text.casefold()
    for other in units:
        if other is not unit and (other.bullet or other.link_chars) and _LEADING_MARK_RE.sub(
            "", without_placeholders(other.visible)
        ).strip().casefold() == folded:
            return []
    return [Person(name=text)]


def bio_author(unit: Unit) -> list[Person]:
    """The person an author-box bio names in its opening words (`_BIO_RE`)."""
    if unit.chars < 40 or unit.chars > 600 or unit.link_density > 0.5:
        return []
    match = _BIO_RE.match(unit.visible)
    if match is None or not looks_like_name(match.group("name"), frozenset()):
        return []  # `Your DurbanLocal is the voice of…`: a function word makes no name
    return _people(match.group("name"))


_LONE_MD_IMAGE_RE = re.compile(r"^!\[(?P<alt>(?:[^\[\]\\]|\\.){3,500})\]\((?P<src>[^()\s]*)")
_LABELLED_CREDIT_RE = re.compile(
    r"^(?:Foto|Fotos|Photo|Photos|Bild|Image|Credit|Crédit|Crédito|Imagen)\s*:\s*(?P<credit>.{2,80})$"
)


# A paragraph opening with markdown images and going on with text (a list mark allowed).
_IMAGE_OPENED_RE = re.compile(
    r"^\s*(?:[-*+]\s+)?(?:!\[(?P<alt>(?:[^\[\]\\]|\\.){0,500})\]\((?P<src>[^()\s]*)(?:\s+\"[^\"]*\")?\)\s*)+"
    r"(?P<text>[^!\s].*)$",
    re.DOTALL,
)
# The address of a picture: an image file's extension, or the picture's data inline.
_PICTURE_ADDRESS_RE = re.compile(rf"(?:\.{PICTURE_EXTENSIONS}(?:[?#]|$)|^data:image/)", re.I)
# Text glued after an image is a caption up to this many words; a longer one is a paragraph
# opening with an inline picture.
MAX_GLUED_CAPTION_WORDS = 60


# A copyright notice: the sign, the word, or the phrase a rights line closes with.
_COPYRIGHT_RE = re.compile(r"©|\bCopyright\b|\bCOPYRIGHT\b|\([Cc]\)\s?(?:19|20)\d\d|\b[Aa]ll [Rr]ights [Rr]eserved\b")
# What each of its branches prints, looked for first: most units hold none (the same answers, faster).
_COPYRIGHT_MARKS = ("©", "Copyright", "COPYRIGHT", "(c)", "(C)", "eserved")
# A unit holding one is a rights line or a credited caption up to this long; a longer one is
# prose that speaks of copyright, unless it opens with the notice (a footer's terms).
MAX_COPYRIGHT_CHARS = 400


def _copyright_notice(text: str) -> bool:
    """True when `text` holds a copyright notice (`_COPYRIGHT_RE`)."""
    return any(mark in text for mark in _COPYRIGHT_MARKS) and _COPYRIGHT_RE.search(text) is not None


def copyright_line(unit: Unit) -> tuple[str, str | None] | None:
    """`(caption, credit)` of a short unit holding a copyright notice: a photo's caption with
    its `© X` credit (`("Smoke over the harbour.", "Jane Doe/Agency")`), or `("", None)` for a
    rights line (`© 2019 Gazette Media. All rights reserved.`, `Copyright: Agency, 2025`), which
    a page prints in its footer or under a syndicated article; None for other units. An article's
    own paragraphs carry no such notice."""
    if not _copyright_notice(unit.visible):
        return None
    if unit.chars > MAX_COPYRIGHT_CHARS:
        # A footer's rights notice opens with its sign however long its terms run.
        return ("", None) if _COPYRIGHT_RE.match(unit.visible.lstrip()) else None
    text, credit = split_credit(unit.visible)
    if credit and len(text.split()) >= 3 and not _copyright_notice(text):
        return text, credit
    return "", None


def body_dateline(unit: Unit) -> bool:
    """True for a short line in the body printing a date and no sentence (`First published on
    November 19, 2019 / 8:16 AM`, `05.01.2025, 15:23`, a second `Updated` line): the page's
    metadata printed again, no article text. A quoted post's signature (`— Jane Doe (@jdoe)
    November 18, 2019`) closes the quote and stays."""
    if unit.chars > MAX_DATELINE_CHARS or is_prose(unit) or "@" in unit.visible:
        return False
    if unit.visible.lstrip()[:1] in "—–-\"“„«'‘":
        return False
    return dateline_of(unit) is not None


def credited_caption(unit: Unit) -> tuple[str, str | None] | None:
    """`(caption, credit)` of a unit of at most `MAX_CREDITED_CHARS` that `common.split_credit`
    reads a photo credit in (`… Foto: Privat`, `… Photo by X /AFP via Getty Images`, `… Perry
    Knotts/Getty Images`, `… (C) imago/X`, `Image: …`): the article's paragraphs end on their
    sentence, a photo's caption on its credit. A caption whose label opens it (`Image: Jose
    Mourinho, left, …`) has no credit."""
    if unit.chars > MAX_CREDITED_CHARS or unit.link_chars:
        return None
    text, credit = split_credit(unit.visible)
    if credit is None:
        return None
    if len(text.split()) < 2:
        return credit, None  # the label opened the caption: what follows it is the caption
    return text, credit


def image_caption(unit: Unit) -> tuple[str, str] | None:
    """`(text, src)` of a unit opening with a markdown image (alt text, or a picture's address)
    and going on with text of a caption's length, no link in it: a converter prints a figure's
    image and its caption as one paragraph (`![](photo.jpg) Crowds gather… Photo: X`), where the
    article's paragraphs open with words."""
    raw = unit.raw
    if "![" not in raw[:12] or unit.link_chars:
        return None
    match = _IMAGE_OPENED_RE.match(raw)
    if match is None or not (match.group("alt").strip() or _PICTURE_ADDRESS_RE.search(match.group("src"))):
        return None  # an address without alt text that names no picture: a link a serialiser cut off
    text = " ".join(match.group("text").split())
    words = len(text.split())
    if not 2 <= words <= MAX_GLUED_CAPTION_WORDS or "](" in text:
        return None
    return text, match.group("src")


def image_alt(unit: Unit) -> tuple[str, str] | None:
    """`(alt text, src)` of a unit that is one markdown image with alt text of a few words."""
    match = _LONE_MD_IMAGE_RE.match(unit.raw)
    if match is None or not match.group(0):
        return None
    alt = clean_text(match.group("alt").replace("\\", ""))
    return (alt, match.group("src")) if len(alt.split()) >= 3 else None


def labelled_credit(unit: Unit) -> str | None:
    """The credit of a `Foto: X` / `Photo: X` line."""
    match = _LABELLED_CREDIT_RE.match(unit.visible) if unit.chars <= 90 else None
    return match.group("credit").strip() if match else None


# What follows a caption repeated with its credit: a copyright sign, an agency or photo library
# (`lexicon.CAPTION_CREDITS`), a credit label, or a `Agency/Photographer` pair.
_CREDIT_TAIL_RE = re.compile(
    rf"©|\b{alternation(CAPTION_CREDITS)}\b|/"
    r"|^(?i:Foto|Fotos|Photo|Photos|Bild|Bilder|Image|Credit|Crédit|Crédito|Imagen|Quelle|Source)\s*:"
)
MAX_CREDIT_TAIL_WORDS = 8
MIN_DOUBLED_CAPTION_CHARS = 15


def doubled_caption(unit: Unit, following: Unit) -> tuple[str, str] | None:
    """`(caption, credit)` when `following` prints `unit`'s text again with a photo credit after
    it (`Smoke over the harbour.` then `Smoke over the harbour. © Jane Doe/Agency`): text
    browsers print an image's alt text, then its caption with the credit, so the pair is one
    photo caption, not two body paragraphs."""
    text, longer = unit.visible, following.visible
    if len(text) < MIN_DOUBLED_CAPTION_CHARS or len(longer) <= len(text) or not longer.startswith(text):
        return None
    tail = longer[len(text) :].strip(" —–-|·,")
    if not tail or len(tail.split()) > MAX_CREDIT_TAIL_WORDS or not _CREDIT_TAIL_RE.search(tail):
        return None
    return text, tail


def glued_twice(unit: Unit) -> tuple[str, str | None] | None:
    """`(caption, credit)` when a unit prints one text twice in a row, with at most a photo
    credit after it (`Smoke over the harbour. Smoke over the harbour. © Jane Doe`): an image's
    alt text, then its caption, which a dump joined into one paragraph (html-to-text prints
    `alt [image address]` over the caption, and the long address joins the lines)."""
    text = unit.visible
    if len(text) < 2 * MIN_DOUBLED_CAPTION_CHARS:
        return None
    again = text.find(text[:MIN_DOUBLED_CAPTION_CHARS], 1)
    if again < MIN_DOUBLED_CAPTION_CHARS:
        return None
    first = text[:again].strip()
    if not text.startswith(first, again):
        return None
    tail = text[again + len(first) :].strip(" —–-|·,")
    if not tail:
        return first, None
    if len(tail.split()) > MAX_CREDIT_TAIL_WORDS or not _CREDIT_TAIL_RE.search(tail):
        return None
    return first, tail


# Two neighbouring units sharing this share of their words print one text twice.
TWICE_WORD_SHARE = 0.7


def printed_twice(unit: Unit, following: Unit) -> str | None:
    """The shorter text of two neighbouring units that open with the same three words and share
    `TWICE_WORD_SHARE` of their words (an image's alt text, then its caption with a credit or
    a `more` button): one caption, not two body paragraphs. None otherwise; entries of a list
    (`Jane Doe: charged with…`) share words but not their opening."""
    if unit.heading or following.heading or unit.bullet or following.bullet:
        return None
    if min(unit.chars, following.chars) < MIN_DOUBLED_CAPTION_CHARS * 2:
        return None
    first = _WORD_RE.search(unit.visible)
    second = _WORD_RE.search(following.visible)
    if first is None or second is None or first.group().casefold() != second.group().casefold():
        return None  # the common case, told without reading the texts through
    first_words = _WORD_RE.findall(unit.visible.casefold())
    second_words = _WORD_RE.findall(following.visible.casefold())
    if first_words[:3] != second_words[:3]:
        return None  # entries of a list share words, not their opening
    first_set, second_set = set(first_words), set(second_words)
    if len(first_set & second_set) < TWICE_WORD_SHARE * max(len(first_set), len(second_set)):
        return None
    return unit.visible if unit.chars <= following.chars else following.visible


MAX_BRACKET_CAPTION_CHARS = 400
# A caption is a sentence or two; more is a paragraph the dump glued to a caption.
MAX_BRACKET_CAPTION_SENTENCES = 2


def bracket_credited_caption(unit: Unit) -> tuple[str, str] | None:
    """`(caption, credit)` of a short body unit that ends with a bracketed photo credit: text
    dumps print a photo's caption as a paragraph of its own, and the credit in brackets at its
    end marks it as a caption, not article prose."""
    visible = unit.visible
    if (
        unit.heading
        or unit.bullet
        or len(visible) > MAX_BRACKET_CAPTION_CHARS
        or visible[-1:] not in ")]）】"
        or unit.sentences > MAX_BRACKET_CAPTION_SENTENCES
    ):
        return None
    found = split_bracket_credit(visible)
    if found is None:
        return None
    text, credit = found
    if len(text.split()) < 3 and len(text) < 15:
        return None
    return text, credit
