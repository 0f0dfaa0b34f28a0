"""The article's main content → sections, links, captions (and credits standing in the body).

Pipeline (each step iterates over the tree with an explicit stack, so pathological nesting
never reaches Python's recursion limit):

1. `clean_tree` drops what is never content: scripts, styles, forms' controls, navigation,
   hidden elements, and blocks whose class/id names boilerplate (share bars, newsletter and
   cookie boxes, comments, ads, sidebars, related-story teasers, fact boxes behind an
   `expandable`/`accordion` toggle). A block that holds most of
   the page's text is kept whatever its class says (`<div class="main has-comments">`).
   "Related" boxes are replaced by a placeholder so their links are still reported as
   `kind: related` when they stand inside the article.
2. `choose_content` picks the content root(s), first rule that applies:
   1. `[itemprop=articleBody]` / `[property=articleBody]` elements, when they hold a fair
      share of the text the scorer finds (`SELECTOR_MIN_SHARE`);
   2. elements with a well-known content class (`KNOWN_CONTENT`), same check;
   3. readability-style scoring: every paragraph scores by length and commas and passes its
      score to its ancestors; the best ancestor (times one minus its link density) wins,
      joined by siblings that score nearly as well.
   JSON-LD `articleBody`, when the page has one, is a cross-check: a candidate that covers
   too little of it loses to one that covers more.
   Fallback chain: a jusText-style reading (prose paragraphs per container) is compared with
   the choice; its best container wins when it holds `PROSE_READING_GAIN` times the choice's
   text and, with an `articleBody`, covers more of it.
3. `walk` linearises the content: `h1`–`h6` start sections (a heading equal to the headline
   is skipped), `p`/`li`/`blockquote`/`pre`/`td` and loose text become paragraphs, `<a href>`
   become links (absolute against the base URL), `figure` and caption blocks become captions
   with their credit split off (`split_credit`), and short `By …` lines become credits.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from lxml import etree

from ..cjk import CJK_CLASS
from ..model import Caption, Link, LinkKind, Person, Section
from ..normalize import clean_text
from .common import CAPTION_LABEL_RE as _LABEL_PREFIX_RE
from .common import CREDIT_LABEL_RE as _CREDIT_LABEL_RE
from .common import LABEL_LINE_RE, MAX_CAPTION_CHARS, norm_key, split_bracket_credit, split_credit, strip_non_word
from .lexicon import (
    ALL_STOPWORDS,
    BYLINE_LABELS,
    BYLINE_PREFIXES,
    CAPTION_CREDITS,
    CASED_BYLINE_PREFIXES,
    CJK_FUNCTION_CHARS,
    DATE_LABELS,
    PUBLISHED_LABELS,
    READING_TIME_AFTER,
    READING_TIME_LABELS,
    SENTENCE_END_MARKS,
    TEASER_PHRASES,
    UPDATED_LABELS,
    alternation,
    stopword_share,
)

__all__ = ["Body", "clean_tree", "choose_content", "extract_body", "split_credit"]

# lxml's element type (lxml-stubs); only named in annotations, so importing this module
# does not import lxml.
if TYPE_CHECKING:
    from lxml.etree import _Element as Element

_CleanWalk = Callable[
    [
        "Element",
        Callable[["Element"], bool],
        dict[str, int],
        Callable[[str], int],
        int,
        frozenset[str],
        frozenset[str],
        frozenset[str],
        frozenset[str],
    ],
    None,
]
_Scored = Callable[["Element", frozenset[str], frozenset[str], frozenset[str], int], list["Element"]]
_AsciiFlags = Callable[[str, dict[str, int], dict[str, int], list[tuple[str, int]], int], "int | None"]
_clean_walk: _CleanWalk | None
_scored: _Scored | None
_ascii_flags: _AsciiFlags | None
_collapsed_len: Callable[[str], int] | None
_raw_len_c: Callable[[Element], int] | None
try:  # cleaning's walk, scoring's screen and class words in C (`_scan.c`), an optional
    # extension: without it every element is read here and `plain_value_flags` splits every value
    from ._scan import ascii_flags as _ascii_flags
    from ._scan import clean_walk as _clean_walk
    from ._scan import collapsed_len as _collapsed_len
    from ._scan import raw_len as _raw_len_c
    from ._scan import scored as _scored
except ImportError:  # pragma: no cover - the package was installed without its extension
    _clean_walk = _scored = _ascii_flags = _collapsed_len = _raw_len_c = None

# Removed wholesale before anything else (their text is never content).
STRIP_TAGS = ("script", "style", "noscript", "template", "svg", "head", "iframe", "object", "embed", "math")
DROP_TAGS = frozenset(
    "script style noscript template svg iframe object embed button input select textarea "
    "canvas video audio map area head title meta link nav aside option datalist dialog menu "
    "label math".split()
)
# Tags `clean_tree` decides on whatever their attributes: a `<form>` (a sign-up or comment
# form) goes unless it holds the article (pages built as one form keep their text).
_DECIDED_TAGS = DROP_TAGS | {"form"}
BLOCK_TAGS = frozenset(
    "address article aside blockquote body center dd details dir div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main nav ol p pre section "
    "summary table tbody td tfoot th thead tr ul caption".split()
)
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
NEVER_DROP = frozenset(("html", "body", "main", "article"))

# Class/id words that mark boilerplate. Matched against whole words of the class and id
# (split on `-`, `_`, spaces and camelCase), so `ad` never matches `head` or `shadow`.
# A block named by one of these is dropped even when its class also names content.
BOILERPLATE_WORDS = frozenset(
    """share shares sharing sharebar sharetools social socials sns newsletter newsletters subscribe
    subscription signup promo promos promotion advert adverts advertisement advertising ad ads
    adslot adunit adsense dfp sponsor sponsored cookie cookies consent gdpr banner breadcrumb
    breadcrumbs comment comments disqus footer nav navbar navigation sidebar outbrain taboola
    login signin register donate rss recirc recirculation outstream preroll popular trending
    reply replies community kommentar kommentare commentaire commentaires comentarios""".split()
)
# Weaker boilerplate words: they drop a block only when its class names no content
# (`modal-enabled article` and `widget Blog` are article wrappers on real sites).
WEAK_BOILERPLATE_WORDS = frozenset(
    """menu widget widgets popup modal overlay hidden offscreen screenreader tags tag taglist
    keywords bio byline bylines dateline meta toolbar rating ratings pagination pager follow
    masthead print skip subnav newsfeed topics author authors timestamp published updated
    utility tools contact expandable accordion postmetadata""".split()
)
# Words that also mark boilerplate, but whose links are worth keeping as `kind: related`.
RELATED_WORDS = frozenset(
    "related relatedarticles readmore read-more more-stories morestories morelinks recommended recommendations "
    "recommendation teaser teasers suggested also seealso further".split()
)
# Full class tokens (hyphens and underscores removed) that name the article body itself:
# never dropped, and preferred as content roots.
CONTENT_TOKENS = frozenset(
    """articlebody articlecontent articletext articlebodytext storybody storybodyinner
    storycontent storytext entrycontent entrybody postcontent postbody posttext bodytext
    contentbody textcontent maincontent articleinner articlemain richtext articlecopy
    newscontent newstext newsbody blogpost blogcontent postentry singlecontent contentarticle
    tdpostcontent cententrycontent fieldbody fielditems articlesection storyarticle
    paywallarticle articlewrapper content""".split()
)
# `content` alone is too common a class to choose a root by.
_KNOWN_TOKENS = CONTENT_TOKENS - {"content"}
# Words that mark a class as content for the scorer (readability's "positive" set).
POSITIVE_WORDS = frozenset("article body content entry hentry main page post text blog story copy prose".split())
CREDIT_WORDS = frozenset(
    "credit credits copyright photographer attribution courtesy source byline rights author".split()
)
CAPTION_WORDS = frozenset(("caption", "captions", "figcaption", "legend", "subtitle", "description", "desc"))
LABEL_WORDS = frozenset(("offscreen", "hidden", "screenreader", "sronly", "visuallyhidden", "srtext"))

# A block whose text exceeds this share of the whole page is never dropped for its class.
PROTECT_SHARE = 0.4
# ... nor one holding this many characters of real paragraphs (each at least
# PROSE_PARAGRAPH_CHARS long): related teasers and share bars never do, layout wrappers do.
PROSE_PROTECT_CHARS = 1000
PROSE_PARAGRAPH_CHARS = 80
# ... or at least this much prose that is over this share of the page's (a short article).
MIN_MAJORITY_PROSE = 2 * PROSE_PARAGRAPH_CHARS
PROSE_MAJORITY = 0.5
# Comment threads hold prose too, so these class and id words drop a block whatever it holds
# (`lexicon.COMMENT_WORDS` are the words a comment section prints, for text dumps).
COMMENT_CLASS_WORDS = frozenset(("comment", "comments", "disqus", "reply", "replies", "kommentar", "kommentare",
                                 "commentaire", "commentaires", "comentarios"))  # fmt: skip
# A selector-chosen root must hold at least this share of the scorer's best text.
SELECTOR_MIN_SHARE = 0.45
# Paragraph text shorter than this does not score (readability uses the same threshold).
MIN_SCORED_CHARS = 25
# A list or box whose text is at least this much link text is a link list, not prose.
LINK_LIST_DENSITY = 0.65
# A coverage of the JSON-LD articleBody below this means the root missed the article.
ARTICLE_BODY_MIN_COVERAGE = 0.6
# The prose reading (`_prose_reading`) replaces the chosen root(s) only when the container it
# finds holds this many times as much prose as the chosen root(s) hold text.
PROSE_READING_GAIN = 2.0
CAPTION_BLOCK_TAGS = frozenset(("div", "span", "p", "table"))
# Words outside the links that make a link-dense block a sentence with links (`_linked_sentence`).
LINKED_SENTENCE_WORDS = 5
# Blocks checked for link density, and the limits of an in-article related-links list
# (BBC-style `ul` of story headlines): at most this many items of at least this many words.
LINK_BOX_TAGS = frozenset(("div", "section", "ul", "ol", "table", "header", "footer", "dl", "span", "nav", "p"))
MAX_RELATED_ITEMS = 8
MIN_RELATED_WORDS = 2.5
# A short line that only says when the article was published or updated.
DATELINE_RE = re.compile(
    rf"^(?:{alternation(PUBLISHED_LABELS + UPDATED_LABELS)}\b|{alternation(DATE_LABELS)}\s*:)", re.IGNORECASE
)
MAX_DATELINE_CHARS = 100
# A line holding only a date and/or a time (`25.10.2025 - 15:26 Uhr`, `18/07/2024 11:48 GMT`).
_DATE_ONLY_RE = re.compile(
    r"^(?=[^\d]*\d{1,4}(?:[./-]\d{1,2}[./-]\d{2,4}|:\d{2}))[\d\s.:/,|–—-]+"
    r"(?:uhr|h|am|pm|a\.m\.|p\.m\.|gmt|utc|cet|cest|bst|est|edt|et)?\.?$",
    re.IGNORECASE,
)
# A reading-time note (`Lesezeit: 5 Min.`, `2 minute read`, `4 min de lecture`).
_READING_TIME_RE = re.compile(
    rf"{alternation(READING_TIME_LABELS)}\s*:?\s*(?:ca\.?\s*|~\s*)?\d+\s*min"
    rf"|\b\d+\s*-?\s*min(?:ute|uto|uti)?s?\.?\s+{alternation(READING_TIME_AFTER)}(?:\b|(?-i:(?=[A-Z])))",
    re.IGNORECASE,
)
# A line this short that is a date written in words (and at most one other word) is no text.
MAX_DATE_LINE_CHARS = 48
# A kicker printed before the headline is at most this long, before a headline of at least
# this many words.
MAX_KICKER_CHARS = 60
MIN_H1_WORDS = 3
# Leading lines of up to three words before the first real paragraph are kickers and section
# labels (`Opinion`, `Commentary`), not text; a real paragraph has at least this many words.
KICKER_MAX_WORDS = 3
REAL_PARAGRAPH_WORDS = 8
# A heading or label line announcing teasers: what follows it, up to the next heading, is not
# the article (its links are kept as `kind: related`).
TEASER_HEADING_RE = re.compile(rf"^(?:{'|'.join(TEASER_PHRASES)})[\s.:!…]*$", re.IGNORECASE)
_CAMEL_RE = re.compile(r"(?<=[a-z])(?=[A-Z])")
# A class naming the article's comment setting (`comments-enabled`, `has-comments`), not a
# comment thread: removed before the value's words are looked up.
_COMMENT_STATE_RE = re.compile(
    r"(?<![^\s])(?:comments?[-_]?(?:enabled|open|closed|disabled|allowed|on|off)|(?:has|no|allow)[-_]?comments?)(?![^\s])",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"[a-z]+")
_DIGIT_RE = re.compile(r"\d")
_ASCII_DIGIT_RE = re.compile(r"[0-9]")
_BLANK_LINE_RE = re.compile(r"\n[ \t\r\f\v\u00a0]*\n")  # two <br> in a row end a paragraph
# A byline line: a prefix (`By`, `Von`…) before a word, or a label with a colon (`Autor: X`).
_BY_LINE_RE = re.compile(
    rf"^(?:{alternation(set(BYLINE_PREFIXES) - set(CASED_BYLINE_PREFIXES))}|text|words|texto)\s+\S"
    rf"|^(?:{alternation(BYLINE_LABELS)}|{alternation(BYLINE_PREFIXES)})\s*:\s*\S",
    re.IGNORECASE,
)
_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_COMMAS = (",", "，", "、", "،")  # counted one by one: several times faster than a regex
_WORD_RE_ANY = re.compile(r"[^\W\d_]+")
_CJK_FUNCTION_RE = re.compile("[" + re.escape("".join(sorted(CJK_FUNCTION_CHARS))) + "]")
# A line ending in punctuation continues or ends a sentence; labels and buttons end bare.
_SENTENCE_END_RE = re.compile(r"[.!?…。！？:;,、，]['\"’”)\]」』）]*$")
CELL_TAGS = frozenset(("li", "td", "th", "dd", "dt"))
# A block this short linking its author and its category (`rel`) is a post's metadata line.
POST_META_TAGS = frozenset(("div", "p", "span", "footer", "section"))
MAX_POST_META_CHARS = 200
# A block's text this much longer than every alt text of the picture before it spells none.
ALT_SLACK_CHARS = 20
# A link holding one of these headings is a teaser card.
_CARD_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# A same-class part of a split article joins only with less link text than this share.
PART_MAX_LINK_DENSITY = 0.3
# A later section with this many linked lines, mostly link text, is a list of teasers.
MIN_TEASERS = 3
# The lead block ends at the first paragraph of this many words; a line that credits the
# author is at most this long.
LONG_PARAGRAPH_WORDS = 20
MAX_CREDIT_LINE_CHARS = 60
# A line this short, printed twice in one article, is a button or label.
MAX_REPEATED_CHARS = 100
# A run of this many paragraphs or more printed again, in the same order, is a copy.
MIN_COPY_PARAGRAPHS = 2
# jusText-style prose: a paragraph of at least this many characters whose words are at least
# this share function words, with link text under `LINK_TEXT_SHARE` × 0.4 of it.
PROSE_CHARS = 70
PROSE_STOPWORDS = 0.2
# A trailing block whose link text is over this share of it is a teaser or link list.
LINK_TEXT_SHARE = 0.5
# A paragraph whose link text is over this share of it is a link (an archive's, a teaser's).
LINKED_PARAGRAPH_SHARE = 0.9
# ... tested on lines up to this long (an archive's or teaser's line; longer text is prose).
MAX_LINKED_LINE_CHARS = 200


@dataclass
class Body:
    """What the body walk found; `section` fields index `sections`."""

    sections: list[Section] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    credits: list[Person] = field(default_factory=list)
    # Short lines that may credit the author: those of the lead block (before the first long
    # paragraph, dropped kickers included) and the article's last line, in that order.
    edge_lines: list[str] = field(default_factory=list)


@lru_cache(maxsize=65536)
def words_of(raw: str) -> tuple[frozenset[str], frozenset[str]]:
    """`(words, tokens)` of a class/id attribute value (see `class_words`); cached because
    pages repeat the same few class strings thousands of times."""
    tokens = frozenset(t.replace("-", "").replace("_", "").lower() for t in raw.split())
    lowered = raw.lower()
    # Without capitals there is no camelCase to split (most class values).
    words = frozenset(_WORD_RE.findall(lowered if lowered == raw else _CAMEL_RE.sub(" ", raw).lower()))
    return words, tokens


_EMPTY: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())


def class_words(element: Element) -> tuple[frozenset[str], frozenset[str]]:
    """`(words, tokens)` of an element's class and id: words split on `-_` and camelCase,
    tokens whole (lowercased, `-`/`_` removed)."""
    css = element.get("class")
    ident = element.get("id")
    if css and ident:
        a, b = words_of(css), words_of(ident)
        return a[0] | b[0], a[1] | b[1]
    if css or ident:
        return words_of(css or ident)
    return _EMPTY


# --- class flags: what a class/id names, as bits ------------------------------------------
# Each stage asks whether an element's class/id words (or tokens) meet a word set. Such a
# test distributes over the class and the id (the words of both are the union of each's), so
# every registered set gets a bit, each attribute value's bits are computed once and cached,
# and an element's bits are its class's OR its id's: two dictionary look-ups instead of
# building and intersecting sets for every element of every pass.
_WORD_BITS: dict[str, int] = {}  # word → the bits of the registered sets holding it
_TOKEN_BITS: dict[str, int] = {}  # the same for sets tested against whole tokens
_SUBSTRING_BITS: list[tuple[str, int]] = []  # the same for sets tested anywhere in the lowercased value
_FLAG_COUNT = [0]
# The registered tokens, for one test in C before a value's tokens are looked up one by one.
_TOKEN_KEYS = _TOKEN_BITS.keys()
# Every byte but a-z, to a space (a table for `bytes.translate`).
_NOT_WORD = bytes(c if 97 <= c <= 122 else 32 for c in range(256))


def ascii_words(text: str) -> list[str]:
    """`_WORD_RE.findall(text)` for an ASCII text: its other characters made spaces and split,
    in C (a tenth of the regex's instructions on a class value; `str.translate` costs a
    look-up per distinct character)."""
    return text.encode().translate(_NOT_WORD).decode().split()
_FLAG_CACHE: dict[str, int] = {}
# Ids are mostly unique to their page, so the cache is emptied when it grows this large.
MAX_FLAG_CACHE = 65536


def class_flag(words: frozenset[str], *, tokens: bool = False, substrings: bool = False) -> int:
    """Register a word set (tested against the class/id words, with `tokens` against the
    whole tokens, see `class_words`, with `substrings` anywhere in the whole lowercased value);
    returns its bit for `class_flags`."""
    bit = 1 << _FLAG_COUNT[0]
    _FLAG_COUNT[0] += 1
    if substrings:
        _SUBSTRING_BITS.extend((word, bit) for word in sorted(words))
    else:
        table = _TOKEN_BITS if tokens else _WORD_BITS
        for word in words:
            table[word] = table.get(word, 0) | bit
    _FLAG_CACHE.clear()
    return bit


def plain_value_flags(raw: str) -> int:
    """The bits of the registered sets that one class or id value meets (its words as
    `words_of` splits them, each looked up once): the definition `value_flags` computes."""
    found = 0
    value = _COMMENT_STATE_RE.sub(" ", raw) if "omment" in raw else raw
    lowered = value.lower()
    spaced = lowered if lowered == value else _CAMEL_RE.sub(" ", value).lower()
    words = ascii_words(spaced) if spaced.isascii() else _WORD_RE.findall(spaced)
    word_bits = _WORD_BITS.get  # a look-up per word: cheaper than a set intersection for a few words
    for word in words:
        bits = word_bits(word)
        if bits:
            found |= bits
    tokens = lowered.replace("-", "").replace("_", "").split()
    if not _TOKEN_KEYS.isdisjoint(tokens):  # one test in C: few values hold a registered token
        token_bits = _TOKEN_BITS.get
        for token in tokens:
            bits = token_bits(token)
            if bits:
                found |= bits
    whole = lowered if value is raw else raw.lower()
    for part, bit in _SUBSTRING_BITS:
        if part in whole:
            found |= bit
    return found


def value_flags(raw: str | None) -> int:
    """`plain_value_flags(raw)`, cached; an ASCII value (99.8% of those new to the cache) is
    computed in C when the extension is there (`_scan.ascii_flags`, about a third of the time)."""
    if not raw:
        return 0
    found = _FLAG_CACHE.get(raw)
    if found is None:
        if _ascii_flags is not None:
            found = _ascii_flags(raw, _WORD_BITS, _TOKEN_BITS, _SUBSTRING_BITS, _FLAG_COUNT[0])
        if found is None:
            found = plain_value_flags(raw)
        if len(_FLAG_CACHE) >= MAX_FLAG_CACHE:
            _FLAG_CACHE.clear()
        _FLAG_CACHE[raw] = found
    return found


# The flags of a value seen before, else None (then `value_flags`): hot loops save the call.
cached_flags = _FLAG_CACHE.get


def class_flags(element: Element) -> int:
    """The bits of the registered sets that the element's class/id words meet (0 without either)."""
    flags = 0
    css = element.get("class")
    if css:
        found = cached_flags(css)
        flags = value_flags(css) if found is None else found
    ident = element.get("id")
    if ident:
        found = cached_flags(ident)
        flags |= value_flags(ident) if found is None else found
    return flags


F_CONTENT = class_flag(CONTENT_TOKENS, tokens=True)
F_KNOWN = class_flag(_KNOWN_TOKENS, tokens=True)
F_POSITIVE = class_flag(POSITIVE_WORDS)
F_BOILERPLATE = class_flag(BOILERPLATE_WORDS)
F_COMMENT = class_flag(COMMENT_CLASS_WORDS)
# `social` names share bars, and also the wrapper of a post the article embeds (`social-embed`).
F_SOCIAL = class_flag(frozenset(("social", "socials")))
F_RELATED = class_flag(RELATED_WORDS)
F_WEAK = class_flag(WEAK_BOILERPLATE_WORDS)
F_WEAK_TOKEN = class_flag(WEAK_BOILERPLATE_WORDS, tokens=True)
F_CAPTION = class_flag(CAPTION_WORDS)
F_CREDIT = class_flag(CREDIT_WORDS)
F_IMAGE = class_flag(frozenset(("image",)))
F_CAPTION_STRICT = class_flag(CAPTION_WORDS - {"description", "desc", "subtitle"})
F_CAPTION_NOT_DESCRIPTION = class_flag(CAPTION_WORDS - {"description"})
F_CAPTION_NAMED = class_flag(frozenset(("caption", "captions", "figcaption")))
F_LABEL_TOKEN = class_flag(LABEL_WORDS, tokens=True)
F_OFF = class_flag(frozenset(("off",)))
F_SCREEN = class_flag(frozenset(("screen",)))
# Screen-reader labels named inside a longer class (`h-offscreen`, `u-visuallyhidden`).
F_SCREEN_READER = class_flag(frozenset(("offscreen", "visuallyhidden", "screenreader", "sronly")))


def _text_raw(element: Element) -> str:
    """The element's text as libxml2 serialises it (`method="text"`, without the tail). A leaf
    (no child of any kind: element, comment or instruction) holds only text, which `.text`
    gives whole; reading it skips the serialiser's set-up, most of the cost for a short
    link (pages hold hundreds, each measured for link density and read for its text)."""
    if not len(element):
        return element.text or ""
    return str(etree.tostring(element, method="text", encoding="unicode", with_tail=False))


def text_of(element: Element) -> str:
    """The element's text (all descendants), whitespace collapsed."""
    return clean_text(_text_raw(element))


def text_head(element: Element, limit: int) -> str:
    """`text_of(element)[:limit]`, cleaning only as much of a large element's text as that
    needs: whitespace runs collapse and invisible characters go one at a time, so the cleaned
    start of a text is the start of the cleaned text. libxml2 serialises the whole text in C
    (cheaper than collecting its pieces in Python), then prefixes twice as long each time are
    cleaned until one gives `limit` characters."""
    raw = _text_raw(element)
    size = 2 * limit
    while size < len(raw):
        head = clean_text(raw[:size])
        if len(head) >= limit:
            return head[:limit]
        size *= 2
    return clean_text(raw)[:limit]


def _raw_len(element: Element) -> int:
    """The length of the element's visible text: whitespace runs count as one space (the
    source's indentation is no text: counted whole, it dilutes a pretty-printed link list's
    link density). Counted in C when the extension is there (`_scan.raw_len`: the same count
    read from the text nodes, without serialising them, splitting the text into words and
    joining them again; `_scan.collapsed_len` for a tree it does not read)."""
    if _raw_len_c is not None:
        measured = _raw_len_c(element)  # read from the text nodes, without serialising them
        if measured >= 0:
            return measured
    if _collapsed_len is not None:
        return _collapsed_len(_text_raw(element))
    text = _text_raw(element).strip()
    if "  " not in text and text.isprintable():
        return len(text)  # most texts (a link's, a line's): no run to collapse, no list to build
    return len(" ".join(text.split()))


class RawLengths(dict["Element", int]):
    """`_raw_len` of the elements of a tree that no longer changes (after `clean_tree`), each
    computed once: link density and link boxes add up the same anchors' text at every level
    of nesting, which costs a serialisation per anchor per level without it."""

    def __init__(self) -> None:
        super().__init__()
        self.unlinked: dict[Element, tuple[int, int]] = {}  # `unlinked_words`, filled as asked

    def __missing__(self, element: Element) -> int:
        value = self[element] = _raw_len(element)
        return value

    def link_chars(self, element: Element) -> int:
        """`_link_chars(element)`: the text length of every link in `element`."""
        return sum(map(self.__getitem__, element.iter("a")))

    def unlinked_words(self, element: Element) -> tuple[int, int]:
        """`(words, function words)` of `_unlinked_text(element)`, as `_linked_sentence` counts
        them, each element's own text counted once: its parts are joined with spaces, so no
        word spans two of them and the counts of nested elements add up. Link boxes nest (a
        menu inside a header inside a page wrapper), and each level read its whole text again."""
        counts = self.unlinked.get(element)
        if counts is None:
            parts = [element.text or ""]
            words = hits = 0
            for child in element:
                if isinstance(child.tag, str) and child.tag != "a":
                    inner, inner_hits = self.unlinked_words(child)
                    words += inner
                    hits += inner_hits
                if child.tail:
                    parts.append(child.tail)
            joined = " ".join(parts)
            if joined and not joined.isspace():  # most wrappers hold only whitespace between children
                own = _WORD_RE_ANY.findall(joined.lower())
                words += len(own)
                hits += sum(map(ALL_STOPWORDS.__contains__, own))
            counts = self.unlinked[element] = (words, hits)
        return counts


# Elements cleaning does not enter: the walker reads them whole.
READ_WHOLE = frozenset(("figure",))
# The attributes `is_hidden` reads: an element without any of them is not hidden.
HIDING_ATTRIBUTES = frozenset(("hidden", "aria-hidden", "style"))


def is_hidden(element: Element) -> bool:
    """True for elements the page hides (`hidden`, `aria-hidden`, `display:none`)."""
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    style = element.get("style")
    return bool(style and _HIDDEN_STYLE_RE.search(style))


def clean_tree(root: Element) -> list[Element]:
    """Drop non-content elements in place (see the module rules); returns the removed
    "related" boxes, each replaced in the tree by a `<na-related data-index=…>` placeholder."""
    from lxml import etree

    etree.strip_elements(root, *STRIP_TAGS, with_tail=False)
    body = root.find("body")
    # The share of the page's source text, as served (a whole page's text is too long to
    # collapse its whitespace for one comparison).
    protect = max(int(len(_text_raw(body if body is not None else root).strip()) * PROTECT_SHARE), 2000)

    page_prose: list[int] = []  # the page's prose, counted once when first needed
    paragraph_prose: dict[Element, int] = {}  # a paragraph's length when prose, else 0

    def prose_of(paragraph: Element) -> int:
        """The paragraph's length when it has `PROSE_PARAGRAPH_CHARS` or more with at most
        half of it in links, else 0; measured once (the first read stands for the page)."""
        found = paragraph_prose.get(paragraph)
        if found is None:
            chars = _raw_len(paragraph)
            ok = chars >= PROSE_PARAGRAPH_CHARS and 2 * _link_chars(paragraph) <= chars
            found = paragraph_prose[paragraph] = chars if ok else 0
        return found

    def keeps_prose(element: Element) -> bool:
        """True for a block holding real paragraphs: layout wrappers named `…-sidebar`, and
        a short article's wrapper, which holds most of the page's prose."""
        prose = 0
        for paragraph in element.iter("p"):
            chars = _raw_len(paragraph)
            if chars >= PROSE_PARAGRAPH_CHARS:
                prose += chars
                if prose >= PROSE_PROTECT_CHARS:
                    return True
        if len(_text_raw(element).strip()) >= protect:
            return True
        if prose < MIN_MAJORITY_PROSE:
            return False
        if not page_prose:
            page_prose.append(sum(map(prose_of, root.iter("p"))))
        return sum(map(prose_of, element.iter("p"))) > PROSE_MAJORITY * page_prose[0]

    related: list[Element] = []

    def decide(child: Element) -> bool:
        """Drop, replace or keep a child of the element being cleaned; True to enter it."""
        tag = child.tag
        if not isinstance(tag, str):
            _remove(child)  # comments and processing instructions
            return False
        tag = tag.lower()
        attributes = child.attrib
        # An element without attributes (about one in six) is neither hidden nor flagged,
        # nor one whose only attributes are a class and an id (most others).
        if attributes:
            css = attributes.get("class")
            ident = attributes.get("id")
            other_attributes = len(attributes) > (css is not None) + (ident is not None)
        else:
            css = ident = None
            other_attributes = False
        if tag in ("aside", "button") and _captioned_picture(child):
            child.tag = tag = "figure"
        if tag == "form" and not keeps_prose(child):
            _remove(child)
            return False
        if tag in DROP_TAGS or (other_attributes and is_hidden(child)):
            if tag in ("nav", "aside", "form") or tag not in DROP_TAGS:
                if keeps_prose(child):
                    return True
            _remove(child)
            return False
        if tag in READ_WHOLE:
            return False  # read whole by the walker
        flags = 0  # `class_flags(child)`, from the values read above
        if tag not in NEVER_DROP:
            if css:
                found = cached_flags(css)
                flags = value_flags(css) if found is None else found
            if ident:
                found = cached_flags(ident)
                flags |= value_flags(ident) if found is None else found
        if flags and not flags & F_CONTENT and not _is_caption_block(flags):
            element = child.getparent()
            assert element is not None
            if flags & F_RELATED:
                if not keeps_prose(child):
                    placeholder = child.makeelement("na-related", {"data-index": str(len(related))})
                    placeholder.tail = child.tail
                    child.addprevious(placeholder)
                    child.tail = None
                    element.remove(child)
                    related.append(child)
                    return False
            elif flags & F_BOILERPLATE:
                if (flags & F_COMMENT or not keeps_prose(child)) and not _embeds_post(child, flags):
                    _remove(child)
                    return False
            elif (
                flags & F_WEAK
                and not flags & F_POSITIVE
                and not (tag in _INLINE_SCORED and element.tag == "p")  # `<a class="meta-org">` in a sentence
                and not keeps_prose(child)
                and not (not flags & F_WEAK_TOKEN and _is_prose_paragraph(child))
                and not (next(child.iter("figcaption"), None) is not None and _captioned_picture(child))
            ):
                _remove(child)
                return False
        return True

    if _clean_walk is not None:
        # The same walk in C, calling `decide` only for the nodes it may act on (`_scan.c`).
        _clean_walk(
            root, decide, _FLAG_CACHE, value_flags, DECIDING_FLAGS, _DECIDED_TAGS, NEVER_DROP, HIDING_ATTRIBUTES,
            READ_WHOLE,
        )
        return related
    stack = [root]
    while stack:
        element = stack.pop()
        for child in element[:]:  # type: ignore[index]  # a copy (children are removed); the stubs lack slices
            if decide(child):
                stack.append(child)
    return related


def _captioned_picture(element: Element) -> bool:
    """An `<aside>` or `<button>` (a lightbox opener) holding one picture and its caption (a
    `<figcaption>` or a caption-classed block), or a block of a weak boilerplate class
    (`widget`) holding one picture and its `<figcaption>`, and little else is a figure, not a
    sidebar, a control or a widget: read as one."""
    images = element.iter("img")
    if next(images, None) is None or next(images, None) is not None or _raw_len(element) > MAX_CAPTION_CHARS:
        return False
    return any(e.tag == "figcaption" or _is_caption_class(e) for e in element.iter() if isinstance(e.tag, str))


def _in_sentence(element: Element, tag: str) -> bool:
    """A `<span>` set directly in a paragraph's text (`Gov. <span><a>Kristi Noem</a><span
    class="hovercard">…links…</span></span> (R) said`) is part of its sentence: not dropped
    whole as a link box; the link boxes inside it (the hover card) still are."""
    if tag != "span":
        return False
    parent = element.getparent()
    return parent is not None and parent.tag == "p"


def _embeds_post(element: Element, flags: int) -> bool:
    """A `social`-classed block holding a blockquote: a post the article quotes (`<div
    class="social-media-embed"><blockquote class="twitter-tweet">`, Instagram's and TikTok's
    embeds are blockquotes too), which is text of the article; share bars hold no blockquote."""
    return bool(flags & F_SOCIAL) and not flags & F_COMMENT and next(element.iter("blockquote"), None) is not None


def _is_prose_paragraph(element: Element) -> bool:
    """A `<p>` of running prose: a weak word inside a longer class name (`tag` in `tagStyle_x1`)
    names no box, and a paragraph of sentences is none (a class that is the word, `meta`, still drops it)."""
    return element.tag == "p" and is_prose(text_of(element), _link_chars(element))


# The class flags `clean_tree`'s `decide` acts on: a child whose class and id have none of them
# (and no dropped tag or hiding attribute) is entered as it is.
DECIDING_FLAGS = F_RELATED | F_BOILERPLATE | F_WEAK


def _is_caption_block(flags: int) -> bool:
    return bool(flags & F_CAPTION) or (bool(flags & F_CREDIT) and bool(flags & F_IMAGE))


def _remove(element: Element) -> None:
    """Remove `element` but keep its tail text in the document flow."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail and tail.strip():
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _link_chars(element: Element) -> int:
    total = 0
    for anchor in element.iter("a"):
        total += _raw_len(anchor)
    return total


def link_density(element: Element, lengths: RawLengths) -> float:
    """Share of the element's text that sits inside links."""
    total = lengths[element]
    return lengths.link_chars(element) / total if total else 0.0


def _class_weight(element: Element) -> int:
    flags = class_flags(element)
    weight = 0
    if flags & (F_POSITIVE | F_CONTENT):
        weight += 25
    if flags & (F_BOILERPLATE | F_RELATED | F_WEAK):
        weight -= 25
    return weight


_INLINE_SCORED = frozenset(("a", "span", "b", "strong", "em", "i"))
_SCORED_TAGS = ("p", "pre", "td", "blockquote", "div", "section", "li", "dd")
_SCORED_TAG_SET = frozenset(_SCORED_TAGS)
# Scored by their loose text (their own and their children's tails) unless they hold inline markup.
_SCORED_CONTAINERS = frozenset(("div", "section", "li", "dd"))
_TAG_BIAS = {"div": 5, "article": 8, "main": 3, "section": 3, "pre": 3, "td": 3, "blockquote": 3}


def score_candidates(root: Element, lengths: RawLengths | None = None) -> dict[Element, float]:
    """Readability-style scores for the ancestors of every paragraph, before the link
    density discount (`_Ranking` applies it), in the order the ancestors were first met.
    A line whose text is nearly all link text (`LINKED_PARAGRAPH_SHARE`: an archive's or a
    teaser list's item) scores nothing: hundreds of them would outweigh the article."""
    if lengths is None:
        lengths = RawLengths()
    scores: dict[Element, float] = {}
    elements: Iterable[Element]
    if _scored is None:
        elements = root.iter(*_SCORED_TAGS)
    else:  # only those whose cleaned text can reach MIN_SCORED_CHARS (`_scan.c`)
        elements = _scored(root, _SCORED_TAG_SET, _SCORED_CONTAINERS, _INLINE_SCORED, MIN_SCORED_CHARS)
    for element in elements:
        tag = element.tag
        if tag in _SCORED_CONTAINERS:
            # Loose text in a container counts like a paragraph (direct text only): its own
            # text and the tails of its inline children, unless it holds only inline markup.
            parts = [element.text or ""]
            inline = block = broken = False
            for child in element:
                child_tag = child.tag
                if not isinstance(child_tag, str):
                    continue
                if child_tag in _INLINE_SCORED:
                    inline = True
                elif child_tag == "br":
                    broken = True
                if child_tag.lower() in BLOCK_TAGS:
                    block = True
                elif child.tail:
                    parts.append(child.tail)
            whole = (inline or broken) and not block
            raw = _text_raw(element) if whole else "".join(parts)
            # Loose text beside blocks or between `<br>`s is the container's own paragraphs
            # (readability wraps them in `<p>`s inside it): the container is their parent.
            own = block or broken
        else:
            whole = True
            own = False
            raw = _text_raw(element)
        if len(raw) < MIN_SCORED_CHARS:
            continue  # cleaning never lengthens a text
        text = clean_text(raw)
        if len(text) < MIN_SCORED_CHARS:
            continue
        if whole and len(text) <= MAX_LINKED_LINE_CHARS and element.find(".//a") is not None:
            if lengths.link_chars(element) > LINKED_PARAGRAPH_SHARE * len(text):
                continue
        score = 1.0 + sum(map(text.count, _COMMAS)) + min(len(text) // 100, 3)
        ancestor = element if own else element.getparent()
        level = 0
        while ancestor is not None and level < 5:
            if ancestor not in scores:
                scores[ancestor] = float(_TAG_BIAS.get(str(ancestor.tag), 0) + _class_weight(ancestor))
            divider = 1 if level == 0 else 2 if level == 1 else level * 3
            scores[ancestor] += score / divider
            ancestor = ancestor.getparent()
            level += 1
    return scores


class _Ranking:
    """Candidates with a positive score, each worth its score times one minus its link
    density. The density (the text of the element and of every link in it) is computed only
    for the elements that can still matter: the best one is found by visiting candidates by
    falling raw score and stopping once a raw score is below the best discounted one (a
    discount never raises a score); ties go to the candidate met first, as a stable sort would."""

    def __init__(self, scores: dict[Element, float], lengths: RawLengths) -> None:
        self.raw = {e: s for e, s in scores.items() if s > 0}
        self.lengths = lengths
        self.discounted: dict[Element, float] = {}

    def score(self, element: Element) -> float | None:
        """The discounted score of a candidate; None for an element that is not one."""
        raw = self.raw.get(element)
        if raw is None:
            return None
        found = self.discounted.get(element)
        if found is None:
            found = self.discounted[element] = raw * (1 - link_density(element, self.lengths))
        return found

    def best(self) -> tuple[float, Element] | None:
        order = {e: n for n, e in enumerate(self.raw)}
        top: tuple[float, Element] | None = None
        for element, raw in sorted(self.raw.items(), key=lambda pair: -pair[1]):
            if top is not None and raw < top[0]:
                break
            value = self.score(element)
            assert value is not None
            if top is None or value > top[0] or (value == top[0] and order[element] < order[top[1]]):
                top = (value, element)
        return top


def _outermost(elements: list[Element]) -> list[Element]:
    chosen = set(elements)
    return [e for e in elements if not any(a in chosen for a in e.iterancestors())]


def _tokens(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


@dataclass
class Selected:
    """The elements the content selectors match, in document order: `[itemprop=articleBody]` /
    `[property=articleBody]` (`marked`) and a known content class or id (`known`). The page's
    metadata pass collects them from the untouched tree (`choose_content` keeps those that
    cleaning left in it), which saves the body a pass over every element."""

    marked: list[Element] = field(default_factory=list)
    known: list[Element] = field(default_factory=list)


def select_content(root: Element) -> Selected:
    """`Selected` for the tree under `root`, in one pass."""
    selected = Selected()
    for e in root.iter(etree.Element):
        attributes = e.attrib
        if not attributes:
            continue
        if "articleBody" in (attributes.get("itemprop") or "") or "articleBody" in (attributes.get("property") or ""):
            selected.marked.append(e)
        flags = 0
        for value in (attributes.get("class"), attributes.get("id")):
            if value:
                found = cached_flags(value)
                flags |= value_flags(value) if found is None else found
        if flags & F_KNOWN:
            selected.known.append(e)
    return selected


def _still_under(root: Element, elements: list[Element]) -> list[Element]:
    """`elements` that are (still) `root` or inside it: cleaning removes subtrees."""
    kept = []
    for element in elements:
        top = element
        for ancestor in element.iterancestors():
            top = ancestor
        if top is root:
            kept.append(element)
    return kept


def choose_content(
    root: Element,
    article_body: str | None = None,
    selected: Selected | None = None,
    lengths: RawLengths | None = None,
) -> list[Element]:
    """The content root(s), in document order (see the module rules). `selected`: what the
    selectors matched before cleaning (`select_content` runs when it is None); `lengths`: the
    cleaned tree's text lengths, shared with the walk."""
    if lengths is None:
        lengths = RawLengths()
    ranking = _Ranking(score_candidates(root, lengths), lengths)
    best: list[Element] = []
    top = ranking.best()
    if top is not None:
        best = _with_siblings(top[1], top[0], ranking)
    candidates: list[list[Element]] = []
    if selected is None:
        selected = select_content(root)
        marked, known = selected.marked, selected.known
    else:
        marked, known = _still_under(root, selected.marked), _still_under(root, selected.known)
    if marked:
        candidates.append(_outermost(marked))
    if known:
        outer = _outermost(known)
        # Prefer the group of matches sharing the first match's class (multi-part bodies).
        first_class = outer[0].get("class")
        group = [e for e in outer if e.get("class") == first_class]
        candidates.append(group)
        if len(outer) > len(group):
            largest = max(outer, key=lengths.__getitem__)
            candidates.append([largest])
    chosen = best
    best_chars = sum(map(lengths.__getitem__, best)) if candidates else 0
    for candidate in candidates:
        chars = sum(map(lengths.__getitem__, candidate))
        if chars >= SELECTOR_MIN_SHARE * best_chars and chars > 0:
            chosen = candidate
            break
    if article_body and len(article_body) > 200 and chosen is not best and best:
        truth = _tokens(article_body)
        if truth:
            cover_chosen = len(truth & _tokens(" ".join(text_of(e) for e in chosen))) / len(truth)
            if cover_chosen < ARTICLE_BODY_MIN_COVERAGE:
                cover_best = len(truth & _tokens(" ".join(text_of(e) for e in best))) / len(truth)
                if cover_best > cover_chosen:
                    chosen = best
    chosen = _better_supported(root, chosen, article_body, lengths)
    if not chosen:
        body = root.find(".//body")
        chosen = [body if body is not None else root]
    return _with_parts(chosen, lengths)


def _prose_reading(root: Element, lengths: RawLengths) -> dict[Element, int]:
    """A jusText-style reading: characters of prose paragraphs (`is_prose`: length, function
    words, link text) per parent container; it finds the article where the scorer's evidence
    (commas, class names) misleads, as in scripts without spaces or commas."""
    totals: dict[Element, int] = {}
    for paragraph in root.iter("p"):
        text = text_of(paragraph)
        if len(text) >= PROSE_CHARS // 2 and is_prose(text, lengths.link_chars(paragraph)):
            parent = paragraph.getparent()
            if parent is not None:
                totals[parent] = totals.get(parent, 0) + len(text)
    return totals


def _better_supported(
    root: Element, chosen: list[Element], article_body: str | None, lengths: RawLengths
) -> list[Element]:
    """Fallback chain: the chosen root(s) give way to the prose reading's best container when
    that holds `PROSE_READING_GAIN` times their prose (and, with a JSON-LD `articleBody`,
    covers more of it), so one misread signal cannot hide the article."""
    held = sum(map(lengths.__getitem__, chosen))  # all its text: prose may stand outside <p>
    if PROSE_READING_GAIN * held > lengths[root]:
        return chosen  # no container can hold that much more prose than the page has text
    totals = _prose_reading(root, lengths)
    if not totals:
        return chosen
    best = max(totals, key=totals.__getitem__)
    taken = set(chosen)
    if best in taken or any(a in taken for a in best.iterancestors()) or any(best in c.iterancestors() for c in chosen):
        return chosen  # inside the choice, or around it (widening adds what the choice left out)
    if totals[best] < PROSE_READING_GAIN * held:
        return chosen
    if article_body and len(article_body) > 200:
        truth = _tokens(article_body)
        chosen_text = " ".join(text_of(e) for e in chosen)
        if len(truth & _tokens(text_of(best))) <= len(truth & _tokens(chosen_text)):
            return chosen
    return [best]


def _with_parts(chosen: list[Element], lengths: RawLengths) -> list[Element]:
    """The chosen root(s) plus the other parts of an article split into several containers
    of the same tag and first class (text blocks between ads and embeds): every such element under
    the same `<article>`/`<main>` (or the root's grandparent) that holds prose (`is_prose`)
    and little link text joins, in document order."""
    first = chosen[0]
    css = (first.get("class") or "").split()
    if not css or first.tag in ("body", "html", "article", "main"):
        return chosen
    name = css[0]  # the component's name; modifiers follow (`RichText RichText--last`)
    scope = next((a for a in first.iterancestors() if a.tag in ("article", "main")), None)
    if scope is None:
        grandparent = first.getparent()
        scope = grandparent.getparent() if grandparent is not None else None
    if scope is None or scope.tag in ("body", "html"):
        return chosen
    taken = set(chosen)
    parts = [
        e for e in scope.iter(first.tag)
        if (e.get("class") or "").split()[:1] == [name] and e not in taken
        and not any(a in taken for a in e.iterancestors()) and not any(c in taken for c in e.iterdescendants())
        and link_density(e, lengths) < PART_MAX_LINK_DENSITY and is_prose(text_of(e))
    ]  # fmt: skip
    if not parts:
        return chosen
    order = {e: i for i, e in enumerate(scope.iter())}
    return sorted([*chosen, *parts], key=lambda e: order.get(e, -1))


def _only_child(parent: Element, child: Element) -> bool:
    """True when `child` is `parent`'s only element and `parent` holds no text of its own."""
    if (parent.text or "").strip():
        return False
    for other in parent:
        if other is not child and isinstance(other.tag, str):
            return False
        if (other.tail or "").strip():
            return False
    return True


def _with_siblings(top: Element, top_score: float, scores: _Ranking) -> list[Element]:
    """The top candidate plus siblings that look like more of the same article."""
    parent = top.getparent()
    while parent is not None and parent.tag not in NEVER_DROP and _only_child(parent, top):
        top, parent = parent, parent.getparent()  # a wrapper around the text alone: its siblings
    if parent is None:
        return [top]
    threshold = max(10.0, top_score * 0.2)
    top_class = top.get("class")
    chosen: list[Element] = []
    for sibling in parent:
        if sibling is top:
            chosen.append(sibling)
            continue
        if not isinstance(sibling.tag, str):
            continue
        bonus = top_score * 0.2 if top_class and sibling.get("class") == top_class else 0.0
        score = scores.score(sibling)
        if score is not None and score + bonus >= threshold:
            chosen.append(sibling)
        elif sibling.tag == "p":
            text = text_of(sibling)
            density = link_density(sibling, scores.lengths)
            if (len(text) > 80 and density < 0.25) or (
                0 < len(text) <= 80 and density == 0 and re.search(r"\.( |$)", text)
            ):
                chosen.append(sibling)
    return chosen


@lru_cache(maxsize=4096)
def _join_url(base: str, href: str) -> str:
    """`href` made absolute against `base` (`href` itself when it cannot be); cached because
    pages repeat links (navigation, citations) and `urljoin` is slow (several µs a link).

    The two commonest relative links, a path from the root (`/wiki/Page?x=1#s`) and a
    fragment (`#cite-3`), are joined by prefixing what `urljoin` would put before them
    (`_url_prefixes`); only plain ones take this path: no tab or line break (`urljoin`
    deletes them), no dot segment, no `;` parameters, and no empty `?` or `#` (which it drops)."""
    prefixes = _url_prefixes(base)
    if prefixes is not None and "\t" not in href and "\r" not in href and "\n" not in href:
        first = href[:1]
        if first == "#":
            if len(href) > 1:
                return prefixes[1] + href
        elif first == "/" and href[1:2] != "/":
            before, hash_mark, fragment = href.partition("#")
            path, query_mark, query = before.partition("?")
            if (fragment or not hash_mark) and (query or not query_mark) and ";" not in path and "/." not in path:
                return prefixes[0] + href
    try:
        return urljoin(base, href)
    except ValueError:
        return href


@lru_cache(maxsize=64)
def _url_prefixes(base: str) -> tuple[str, str] | None:
    """For an http(s) base: what `urljoin` puts before a path from the root (`https://host`)
    and before a fragment (the base without its fragment), read off two joins; None for
    other bases."""
    try:
        root = urljoin(base, "/")
        fragment = urljoin(base, "#x")
    except ValueError:
        return None
    if not root.startswith(("http://", "https://")) or not root.endswith("/") or not fragment.endswith("#x"):
        return None
    return root[:-1], fragment[:-2]


# Every tag one of the walk's tests names; any other element only adds its text.
_WALK_TESTED = frozenset(
    {"na-related", "figure", "figcaption", "img", "br", "ul", "ol"}
    | DROP_TAGS | HEADINGS.keys() | CAPTION_BLOCK_TAGS | LINK_BOX_TAGS | BLOCK_TAGS
)


class _Walker:
    """Linearises content roots into sections; see `walk`."""

    def __init__(
        self,
        base_url: str | None,
        headline: str | None,
        related: list[Element],
        summary: str | None = None,
        lengths: RawLengths | None = None,
    ) -> None:
        self.base_url = base_url
        self.lengths = RawLengths() if lengths is None else lengths  # of the walked (cleaned) tree
        self.headline_key = norm_key(headline) if headline else None
        self.headline_words = [norm_key(w) for w in headline.lower().split()] if headline else []
        self.summary_key = norm_key(summary) if summary else None
        self.related = related
        self.sections: list[tuple[str | None, int, list[str]]] = [(None, 2, [])]
        self.links: list[tuple[str, str, int, LinkKind]] = []  # text, href, raw section, kind
        self.captions: list[tuple[str, str | None, str | None, int]] = []
        self.credits: list[tuple[str, str | None, int]] = []
        self.parts: list[str] = []  # the text of the paragraph being collected
        self.open_links: list[tuple[str, int]] = []
        self.pending_links: list[tuple[str, str]] = []
        self.last_image: str | None = None
        self.seen_captions: set[str] = set()
        self.roots: set[Element] = set()
        self.cards: set[Element] = set()  # see `_mark`
        self.rel_holders: set[Element] = set()
        self.after_alt: set[Element] = set()
        self.skipping = False  # inside a teaser block announced by TEASER_HEADING_RE
        # ... announced by a line of text (`Lue myös:`), not a heading: a prose paragraph ends it
        self.label_skip = False
        self.skip_scope: Element | None = None  # the box that teaser heading titles, if any
        self.linked: dict[str, int] = {}  # paragraph text → characters of link text in it
        self.repeated: set[str] = set()  # short paragraphs printed more than once
        self.cells = 0  # depth of list items and table cells being walked
        self.structured: set[str] = set()  # paragraphs read from list items and table cells

    # --- helpers -------------------------------------------------------------------------
    def absolute(self, href: str) -> str:
        href = href.strip()
        if self.base_url and not href.startswith(("http://", "https://", "mailto:", "tel:")):
            return _join_url(self.base_url, href)
        return href

    def flush(self) -> None:
        """Close the paragraph being collected."""
        parts = self.parts
        if not parts:
            return  # nothing collected (most closing tags): the empty block stays
        self.parts = []
        raw = "".join(parts)
        if raw.isspace():  # `not raw.strip()` for a non-empty text, without copying it
            return
        pieces = [clean_text(p) for p in _BLANK_LINE_RE.split(raw)] if "\n" in raw else [clean_text(raw)]
        pieces = [p for p in pieces if p]
        if self.label_skip and len(pieces) == 1:
            linked = sum(len(link) for link, _ in self.pending_links if link and link in pieces[0])
            text = pieces[0]
            if not linked and len(text) >= PROSE_CHARS and text.rstrip("\"'”’»)").endswith(tuple(SENTENCE_END_MARKS)):
                self.skipping = self.label_skip = False  # unlinked sentences: the article goes on
        if self.skipping or (len(pieces) == 1 and TEASER_HEADING_RE.match(pieces[0])):
            self.label_skip = self.label_skip or not self.skipping
            self.skipping = True
            section = len(self.sections) - 1
            self.links.extend((text, href, section, "related") for text, href in self.pending_links)
            self.pending_links = []
            return
        kept = [p for p in pieces if not self._is_noise(p)]
        if not kept:
            self.pending_links = []
            return
        section = len(self.sections) - 1
        for text in kept:
            if self._credit_line(text, section):
                continue
            self.sections[-1][2].append(text)
            if self.cells or len(kept) > 1:
                self.structured.add(text)  # list items, table cells, `<br>`-separated lines
            linked = sum(len(link) for link, _ in self.pending_links if link and link in text)
            if linked:
                self.linked[text] = max(linked, self.linked.get(text, 0))
        for text, href in self.pending_links:
            self.links.append((text, href, section, "inline"))
        self.pending_links = []
        self.last_image = None

    def _is_noise(self, text: str) -> bool:
        """Label lines, datelines, a date or time alone outside tables (`25.10.2025 - 15:26 Uhr`,
        `Montag, 3. März 2024`), a short line giving the reading time (`Lesezeit: 5 Min.`), and
        the headline repeated, alone or after its kicker
        (`Kicker Headline`) before any text."""
        if LABEL_LINE_RE.match(text):
            return True
        if len(text) <= MAX_DATELINE_CHARS and DATELINE_RE.match(text) and has_digit(text):
            return True
        if not self.cells and len(text) <= MAX_DATELINE_CHARS and _DATE_ONLY_RE.match(text):
            return True
        if len(text) <= MAX_DATELINE_CHARS and _DIGIT_RE.search(text) and _READING_TIME_RE.search(text):
            return True  # the article's reading time, alone or in its date line (it needs a digit)
        if not self.cells and len(text) <= MAX_DATE_LINE_CHARS and has_digit(text):
            from .html_dates import find_text_date

            found = find_text_date(text)
            rest = text.replace(found[0], " ").strip(" /|,;·•–—-") if found else None
            if rest is not None and len(rest) <= MAX_DATE_LINE_CHARS // 4 and len(rest.split()) <= 1:
                return True  # a date in words alone, or after a weekday (`/ January 11, 2024`)
        if self.headline_key is None:
            return False
        lowered = text.lower()
        # Both tests below need a key at most `MAX_KICKER_CHARS` longer than the headline's:
        # the key of a prefix is a prefix of the key, so a long text's start settles it.
        most = len(self.headline_key) + MAX_KICKER_CHARS
        if len(lowered) > 2 * most and len(strip_non_word(lowered[: 2 * most])) > most:
            return False
        # The key keeps some of the text's characters: a text shorter than the headline's key
        # can neither equal it nor be too long for the kicker test, so it needs no key.
        short = len(lowered) < len(self.headline_key)
        key = "" if short else strip_non_word(lowered)
        if key == self.headline_key:
            return True
        # The heading block read again as text: a short kicker, then the headline.
        headline_words = self.headline_words
        if len(headline_words) < MIN_H1_WORDS:
            return False
        words = lowered.split(None, len(headline_words) + KICKER_MAX_WORDS)  # more words fail the test
        return (
            len(headline_words) < len(words) <= len(headline_words) + KICKER_MAX_WORDS
            and [norm_key(w) for w in words[-len(headline_words) :]] == headline_words
            and (short or len(key) - len(self.headline_key) <= MAX_KICKER_CHARS)
            and not _SENTENCE_END_RE.search(text)
            and not any(ps for _, _, ps in self.sections)
        )

    def _credit_line(self, text: str, section: int) -> bool:
        """A short `By Name` line inside the body: record a credit instead of a paragraph."""
        if len(text) > 80:
            return False
        match = _BY_LINE_RE.match(text)
        if not match:
            return False
        words = text[match.end() - 1 :].split()
        if len(words) > 1 and words[0][:1].islower() and words[1][:1].islower():
            return False  # `Text: the ruling runs …`: a sentence, not names (`by someuser | May 3` is one)
        from .html_byline import people_from_text

        people = people_from_text(text)
        if not people:
            return False
        for name, role in people:
            self.credits.append((name, role, section))
        return True

    def heading(self, level: int, text: str) -> None:
        self.flush()
        if not text or (self.headline_key is not None and norm_key(text) == self.headline_key):
            return
        self.label_skip = False
        if TEASER_HEADING_RE.match(text):
            self.skipping = True
            return
        self.skipping = False
        if self.summary_key and norm_key(text) == self.summary_key and not any(s[2] for s in self.sections):
            return  # the standfirst set as a heading above the text
        if level == 1 and not any(s[2] for s in self.sections) and len(self.sections) == 1:
            return  # an h1 before any text is the page title, not a section
        self.sections.append((text, level, []))

    # --- figures and captions ------------------------------------------------------------
    def figure(self, element: Element) -> None:
        """Read a figure (or caption block) whole: image src, caption text, credit."""
        self.flush()
        section = len(self.sections) - 1
        if element.tag == "figure" and (pictures := _gallery_figures(element)):
            own = [c for c in element.iter("figcaption") if not any(c in p.iter("figcaption") for p in pictures)]
            for part in [*pictures, *own[:1]]:
                self.figure(part)
            return
        for anchor in element.iter("a"):
            href = anchor.get("href")
            if href and _is_followable(href):
                self.links.append((_link_text(anchor), self.absolute(href), section, "inline"))
        if _quote_attribution(element) or _plays_for(element):
            self.last_image = None
            return
        src = _image_src(element) or self.last_image
        credits: list[str] = []
        caption_parts: list[str] = []
        caption_nodes = [
            e
            for e in element.iter()
            if isinstance(e.tag, str) and (e.tag == "figcaption" or (e is not element and _is_caption_class(e)))
        ]
        # A caption block is read whole: a caption-classed part inside it (`<span class=caption>(Image:
        # Getty)</span>`) is its credit or a piece of it, not the caption.
        caption_nodes = _outermost(caption_nodes) if element.tag == "figure" else [element]
        inside = set(caption_nodes)
        for node in element.iter():
            if not isinstance(node.tag, str) or node is element:
                continue
            flags = class_flags(node)
            if flags & F_CREDIT and (
                not flags & F_CAPTION_NOT_DESCRIPTION or any(a in inside for a in node.iterancestors())
            ):  # fmt: skip
                credit = text_of(node)
                if credit and not _LABEL_PREFIX_RE.fullmatch(credit):
                    credits.append(_LABEL_PREFIX_RE.sub("", credit))
        for node in caption_nodes or ([element] if element.tag != "figure" else []):
            caption_parts.append(_caption_text(node))
        # A figure printing its caption twice (one for narrow screens, one for wide) has it once.
        text = clean_text(" ".join(p for p in dict.fromkeys(caption_parts) if p))
        for credit in credits:
            if credit and text.endswith(credit) and _apart(text[: -len(credit)][-1:]):
                text = text[: -len(credit)].rstrip(" |–—-/")
            elif credit and text.startswith(credit) and _apart(text[len(credit) :][:1]):
                text = text[len(credit) :].lstrip(" |–—-/")
        if credits and (distributor := _DISTRIBUTOR_RE.search(text)):
            text = text[: distributor.start()]
            credits[-1] = f"{credits[-1]} / {distributor.group('name')}"
        if text and not _has_words(text):
            self.last_image = None
            return
        text, inline_credit = split_credit(text)
        if inline_credit is None and (bracketed := split_bracket_credit(text)):
            text, inline_credit = bracketed
        credit_text = clean_text(" ".join(dict.fromkeys(credits))) or inline_credit
        if credit_text:
            if credit_text[:1] in "([" and credit_text[-1:] in ")]" and len(credit_text) > 2:
                credit_text = credit_text[1:-1].strip()  # a credit element's own brackets: `(Photo: X)`
            credit_text = _CREDIT_LABEL_RE.sub("", credit_text).strip() or None
        if text:  # a credit alone captions nothing (the alt text is read to screen readers, not printed)
            key = f"{text}|{src}"
            if key not in self.seen_captions:
                self.seen_captions.add(key)
                self.captions.append((text, credit_text, self.absolute(src) if src else None, section))
        self.last_image = None

    # --- the walk ------------------------------------------------------------------------
    def walk(self, roots: list[Element]) -> None:
        """Visit every element of `roots` in document order. libxml2 steps through the tree
        (`iterwalk`, a start and an end event per element); an element read whole, or not at
        all, is skipped there (`skip_subtree`), its end event ignored."""
        from lxml import etree

        self.roots = set(roots)
        self._mark(roots)
        # The lowercased tag of every element entered and not yet left, None for one skipped.
        entered: list[str | None] = []
        for root in roots:
            walker = etree.iterwalk(root, events=("start", "end"))
            skip = walker.skip_subtree
            for event, element in walker:
                if event == "end":
                    leaving = entered.pop()
                    if leaving is None:
                        continue  # skipped on the way in: its tail is read already
                    if leaving in BLOCK_TAGS or leaving == "a" or element is self.skip_scope:
                        self.leave(element, leaving)
                    else:  # most closing tags (inline markup): only the tail follows
                        tail = element.tail
                        if tail:
                            self.parts.append(tail)
                    continue
                tag = element.tag.lower()
                if tag not in _WALK_TESTED:  # inline markup (`a`, `sup`, `b`, `cite`, …): no test below applies
                    if tag == "a" and element in self.cards:
                        self.teaser_card(element)  # a link around a heading: a teaser card
                        skip()
                        entered.append(None)
                        self.text(element.tail)
                        continue
                    if tag == "a" and (href := element.get("href")):
                        self.open_links.append((href, len(self.parts)))
                    text = element.text
                    if text:
                        self.parts.append(text)
                    entered.append(tag)
                    continue
                if self._skipped(element, tag):
                    skip()
                    entered.append(None)
                    self.text(element.tail)
                    continue
                if tag in BLOCK_TAGS:
                    self.flush()
                    if tag in CELL_TAGS:
                        self.cells += 1
                elif tag == "a" and (href := element.get("href")):
                    self.open_links.append((href, len(self.parts)))
                self.text(element.text)
                entered.append(tag)

    def _mark(self, roots: list[Element]) -> None:
        """Find, once per walk, the few elements three of the walk's tests can take, so that
        the other elements are passed over with a set look-up (the tree no longer changes):
        the links holding a heading (`cards`: teaser cards), the elements holding a link with
        `rel` (`rel_holders`: `element.find(".//a[@rel]")` finds one), and the elements right
        after a picture with an alt or title text (`after_alt`: `_spells_alt` may hold), each
        among the descendants of `roots` (a root's own previous sibling is tested as it is)."""
        cards: set[Element] = set()
        holders: set[Element] = set()
        pictured: set[Element] = set()
        for root in roots:
            for heading in root.iter(*_CARD_HEADINGS):
                cards.update(heading.iterancestors("a"))
            for anchor in root.iterdescendants("a"):
                if anchor.get("rel") is not None:
                    for ancestor in anchor.iterancestors():
                        if ancestor in holders:
                            break  # its ancestors are in already
                        holders.add(ancestor)
            for image in root.iter("img"):
                if any(v and not v.isspace() for v in (image.get("alt"), image.get("title"))):
                    pictured.add(image)
                    for ancestor in image.iterancestors():
                        if ancestor in pictured:
                            break
                        pictured.add(ancestor)
        self.cards = cards
        self.rel_holders = holders
        self.after_alt = {after for after in map(_next_sibling, pictured) if after is not None}

    def _skipped(self, element: Element, tag: str) -> bool:
        """Read `element` whole, or drop it, when one of the walk's tests takes it (a related
        box's placeholder, a dropped tag, a heading, a figure or caption, an image, a line
        break, a related-links list, a link box, a time line): True when the walk is not to
        descend into it."""
        if tag == "na-related":
            self.related_box(element)
            return True
        if tag in DROP_TAGS:
            return True
        if tag in HEADINGS:
            self.heading(HEADINGS[tag], text_of(element))
            if self.skipping:
                self.skip_scope = self._teaser_scope(element)
            section = len(self.sections) - 1
            for anchor in element.iter("a"):
                href = anchor.get("href")
                if href and _is_followable(href):
                    self.links.append((_link_text(anchor), self.absolute(href), section, "inline"))
            return True
        if (
            tag in ("figure", "figcaption")
            or (tag in CAPTION_BLOCK_TAGS and _is_caption_block_element(element))
        ) and self.lengths[element] <= MAX_CAPTION_CHARS:
            previous = element.getprevious()
            if (
                tag in ("figure", "figcaption", "p") or _has_image(element) or self.last_image
                or (previous is not None and isinstance(previous.tag, str) and _has_image(previous))
            ):  # fmt: skip
                self.figure(element)
                return True
        if tag in CAPTION_BLOCK_TAGS:  # the class first: a length costs a serialisation
            flags = class_flags(element)
            if (flags & F_CAPTION_NAMED or (flags & F_CREDIT and flags & F_IMAGE)) and (
                self.lengths[element] <= MAX_CAPTION_CHARS
            ):
                # A block named a caption or a picture's credit with no picture in sight (a
                # lazily loaded one, or a widget's small print): not article text, and no
                # caption to report either.
                self.flush()
                return True
        if (
            tag in CAPTION_BLOCK_TAGS
            and (element in self.after_alt or element in self.roots)
            and _spells_alt(element, element.getprevious())
            and self.lengths[element] <= MAX_CAPTION_CHARS
        ):
            self.figure(element)
            return True
        if tag == "img":
            self.last_image = _image_src(element)
            return True
        if tag == "br":
            self.parts.append("\n")
            return True
        if tag in ("ul", "ol") and self.link_list(element):
            return True
        if (
            tag in LINK_BOX_TAGS
            and element not in self.roots
            and not _in_sentence(element, tag)
            and self.link_box(element)
        ):
            return True
        if (
            tag in POST_META_TAGS
            and element in self.rel_holders
            and self.lengths[element] <= MAX_POST_META_CHARS
            and _post_meta(element)
        ):
            return True
        return tag in BLOCK_TAGS and next(element.iterchildren("time"), None) is not None and self._time_line(element)

    @staticmethod
    def _time_line(element: Element) -> bool:
        """A short block made of a `<time>` and a few words (`21 mins ago 11:48 Jon King`, a
        live-blog entry's time and author): the entry's metadata, not its text."""
        text = text_of(element)
        return len(text) <= MAX_DATELINE_CHARS and not _SENTENCE_END_RE.search(text)

    def _teaser_scope(self, heading: Element) -> Element | None:
        """The box a teaser heading (`Most Read`) titles: its highest ancestor inside the content
        root that holds no prose paragraph (`is_prose`). Skipping ends with the box, so an
        article that goes on after a teaser box set in its text keeps its later paragraphs; a
        heading standing directly among the article's paragraphs skips to the next heading."""
        box = None
        for ancestor in heading.iterancestors():
            if ancestor in self.roots or any(
                is_prose(text_of(p), self.lengths.link_chars(p)) for p in ancestor.iter("p")
            ):
                break
            box = ancestor
        return box

    def leave(self, element: Element, tag: str) -> None:
        """Close `element` (its lowercased `tag`): a block's paragraph, a link's text."""
        if element is self.skip_scope:
            self.flush()  # what the box held is still skipped
            self.skipping = self.label_skip = False
            self.skip_scope = None
        if tag in BLOCK_TAGS:
            self.flush()
            if tag in CELL_TAGS:
                self.cells -= 1
        elif tag == "a" and element.get("href") and self.open_links:
            href, _ = self.open_links.pop()
            if _is_followable(href):
                self.pending_links.append((_link_text(element), self.absolute(href)))
        self.text(element.tail)

    def text(self, value: str | None) -> None:
        if value:
            self.parts.append(value)

    def link_list(self, element: Element) -> bool:
        """A list whose items are each one link: related links (kept as paragraphs too)."""
        # Its `li` children, found in C and taken only up to one past the most that can pass
        # (a list of references or comments holds hundreds).
        items = list(islice(element.iterchildren("li"), MAX_RELATED_ITEMS + 1))
        if not items or len(items) > MAX_RELATED_ITEMS:
            return False
        anchors: list[tuple[str, str]] = []
        for item in items:
            links = [a for a in item.iter("a") if a.get("href")]
            if len(links) != 1:
                return False
            item_text = text_of(item)
            link_text = text_of(links[0])
            if not link_text or len(link_text) < 0.8 * len(item_text):
                return False
            anchors.append((link_text, self.absolute(links[0].get("href") or "")))
        if sum(len(text.split()) for text, _ in anchors) < MIN_RELATED_WORDS * len(anchors):
            return False  # one- or two-word items: a menu or a tag list, not headlines
        self.flush()
        section = len(self.sections) - 1
        for text, href in anchors:
            self.sections[-1][2].append(text)
            self.linked[text] = len(text)
            self.links.append((text, href, section, "related"))
        return True

    def link_box(self, element: Element) -> bool:
        """A block that is mostly links (menus, share bars, tag clouds): skipped whole."""
        found = element.iter("a")
        first = next(found, None)
        second = next(found, None) if first is not None else None
        if first is None or second is None:
            return False  # checked first: it needs no text, and most blocks stop here
        lengths = self.lengths
        chars = lengths[element]
        if not chars:
            return False
        linked = lengths[first] + lengths[second] + sum(map(lengths.__getitem__, found))
        return linked / chars >= LINK_LIST_DENSITY and not _linked_sentence(element, lengths)

    def teaser_card(self, anchor: Element) -> None:
        """A link wrapped around a heading (a card: picture, kicker, title, snippet) is a
        teaser for another page, not text: its link is kept as related."""
        self.flush()
        href = anchor.get("href")
        text = text_of(anchor)
        if href and text and _is_followable(href):
            self.links.append((text, self.absolute(href), len(self.sections) - 1, "related"))

    def related_box(self, placeholder: Element) -> None:
        """Links of a related-stories box that stood inside the article."""
        index = int(placeholder.get("data-index") or 0)
        if index >= len(self.related):
            return
        self.flush()
        section = len(self.sections) - 1
        for anchor in self.related[index].iter("a"):
            href = anchor.get("href")
            text = text_of(anchor)
            if href and text and not href.startswith(("#", "javascript:")):
                self.links.append((text, self.absolute(href), section, "related"))

    # --- result --------------------------------------------------------------------------
    def _drop_kickers(self) -> None:
        """Remove lines of a few words (no sentence end) standing before the first real paragraph."""
        heading, level, paragraphs = self.sections[0]
        first_real = next(
            (i for i, p in enumerate(paragraphs) if len(p.split()) >= REAL_PARAGRAPH_WORDS), len(paragraphs)
        )
        later_text = any(len(p.split()) >= REAL_PARAGRAPH_WORDS for _, _, ps in self.sections[1:] for p in ps)
        if first_real == len(paragraphs) and not later_text:
            return
        kept = [
            p for i, p in enumerate(paragraphs)
            if i >= first_real or len(p.split()) > KICKER_MAX_WORDS or p.rstrip()[-1:] in ".!?\"”"
        ]  # fmt: skip
        self.sections[0] = (heading, level, kept)

    def _drop_copies(self) -> None:
        """Drop a run of `MIN_COPY_PARAGRAPHS` or more paragraphs, outside lists and tables,
        one of them prose longer than a label (`MAX_REPEATED_CHARS`), that repeats an earlier run
        of the body in the same order: the same text set twice
        (for narrow and wide screens, or a slideshow's intro on every slide) is read once,
        while a line repeated alone (an interview's recurring question) and repeated lines
        of data (a meal plan's recurring entries) stay."""
        flat = [(i, n, text) for i, (_, _, ps) in enumerate(self.sections) for n, text in enumerate(ps)]
        first: dict[str, int] = {}
        drop: set[tuple[int, int]] = set()
        k = 0
        while k < len(flat):
            start = first.get(flat[k][2])
            if start is None or flat[k][2] in self.structured:
                first.setdefault(flat[k][2], k)
                k += 1
                continue
            run = 0
            while (
                k + run < len(flat) and start + run < k
                and flat[start + run][2] == flat[k + run][2] and flat[k + run][2] not in self.structured
            ):  # fmt: skip
                run += 1
            copy = flat[k : k + run]
            if run >= MIN_COPY_PARAGRAPHS and any(len(t) > MAX_REPEATED_CHARS and is_prose(t) for _, _, t in copy):
                drop.update((i, n) for i, n, _ in copy)
                k += run
            else:
                k += 1
        if drop:
            self.sections = [
                (heading, level, [p for n, p in enumerate(ps) if (i, n) not in drop])
                for i, (heading, level, ps) in enumerate(self.sections)
            ]

    def _trim_tail(self) -> None:
        """Remove what follows the last prose paragraph (`is_prose`) in its section when it is
        mostly link text (teaser headlines, `Submit a correction`) or a short line printed more
        than once outside lists and tables (`Log in`, `Up next`): pages put such blocks after
        the article inside the same container, and buttons repeat where sentences do not.
        A sentence printed more than once (a widget's notice) is not the article's last prose.
        A later section whose text is mostly link text, in `MIN_TEASERS` linked lines or more
        (`More in Politics` over teaser headlines and their linked snippets), is a teaser list
        and goes, heading included."""
        counts: dict[str, int] = {}
        for _, _, paragraphs in self.sections:
            for text in paragraphs:
                if len(text) <= MAX_REPEATED_CHARS:
                    counts[text] = counts.get(text, 0) + 1
        self.repeated = {text for text, count in counts.items() if count > 1}
        last = next(
            (
                (index, position)
                for index in range(len(self.sections) - 1, -1, -1)
                for position in range(len(self.sections[index][2]) - 1, -1, -1)
                if (text := self.sections[index][2][position]) not in self.repeated
                and is_prose(text, self.linked.get(text, 0))
            ),
            None,
        )  # the last prose paragraph: searched from the end
        if last is None:
            return
        index, position = last
        for later in range(index, len(self.sections)):
            heading, level, paragraphs = self.sections[later]
            start = position + 1 if later == index else 0
            kept = paragraphs[:start] + [p for p in paragraphs[start:] if not self._is_tail_noise(p, later == index)]
            if later > index and kept:
                linked = [min(self.linked.get(p, 0), len(p)) for p in kept]
                teasers = sum(1 for p, n in zip(kept, linked, strict=True) if n > LINK_TEXT_SHARE * len(p))
                if teasers >= MIN_TEASERS and sum(linked) > LINK_TEXT_SHARE * sum(len(p) for p in kept):
                    heading, kept = None, []  # a teaser list under its own heading
            self.sections[later] = (heading, level, kept)

    def _is_tail_noise(self, text: str, same_section: bool) -> bool:
        if not same_section:
            return False  # under a later heading, even links and repeats are the article's own
        if self.linked.get(text, 0) > LINK_TEXT_SHARE * len(text):
            return True
        return text in self.repeated and text not in self.structured

    def result(self) -> Body:
        self.flush()
        self._drop_copies()
        self._trim_tail()
        edge_lines = self._edge_lines()
        self._drop_kickers()
        # Drop empty sections and trailing headings with nothing under them, remapping indexes.
        keep: list[int] = [i for i, (h, _, ps) in enumerate(self.sections) if ps or h]
        while keep and not self.sections[keep[-1]][2]:
            keep.pop()
        mapping: dict[int, int] = {}
        for new, old in enumerate(keep):
            mapping[old] = new

        def remap(raw: int) -> int | None:
            for candidate in range(raw, len(self.sections)):
                if candidate in mapping:
                    return mapping[candidate]
            for candidate in range(raw, -1, -1):
                if candidate in mapping:
                    return mapping[candidate]
            return None

        body = Body()
        body.sections = [
            Section(heading=self.sections[i][0], level=self.sections[i][1], paragraphs=tuple(self.sections[i][2]))
            for i in keep
        ]
        seen_links: set[tuple[str, str, str]] = set()
        for text, href, section, kind in self.links:
            key = (text, href, kind)
            if key in seen_links or not href:
                continue
            seen_links.add(key)
            body.links.append(Link(text=text, href=href, section=remap(section), kind=kind))
        body.captions = [Caption(text=t, credit=c, src=s, section=remap(i)) for t, c, s, i in self.captions]
        body.credits = [Person(name=n, role=r, section=remap(i)) for n, r, i in self.credits]
        body.edge_lines = edge_lines
        return body

    def _edge_lines(self) -> list[str]:
        """Short lines of the lead block (up to the first paragraph of `LONG_PARAGRAPH_WORDS`)
        and the last line of the article: where print-style pages set the author's name."""
        lines: list[str] = []
        for text in self.sections[0][2]:
            if len(text.split()) >= LONG_PARAGRAPH_WORDS:
                break
            if len(text) <= MAX_CREDIT_LINE_CHARS:
                lines.append(text)
        last = next((ps[-1] for _, _, ps in reversed(self.sections) if ps), None)
        if last and len(last) <= MAX_CREDIT_LINE_CHARS and last not in lines:
            lines.append(last)
        return lines


def has_digit(text: str) -> bool:
    """`any(c.isdigit() for c in text)`; in an ASCII text the digits are `0`-`9`, which a regex
    finds in C (most short lines have none, and the generator stepped through every character)."""
    if text.isascii():
        return _ASCII_DIGIT_RE.search(text) is not None
    return any(c.isdigit() for c in text)


def is_prose(text: str, linked: int = 0) -> bool:
    """jusText's "good" paragraph: long enough (`PROSE_CHARS`, half for CJK), little link
    text, and written in sentences (function words at `PROSE_STOPWORDS` or more, or CJK
    particles and a full stop)."""
    if linked > LINK_TEXT_SHARE * len(text) * 0.4:
        return False
    cjk = len(_CJK_FUNCTION_RE.findall(text, 0, 200))
    if cjk >= 3:
        return len(text) >= PROSE_CHARS // 2 and ("。" in text or "." in text)
    if len(text) < PROSE_CHARS:
        return False
    return stopword_share(_WORD_RE_ANY.findall(text.lower())) >= PROSE_STOPWORDS


def _unlinked_text(element: Element) -> str:
    """The text of `element` outside its links."""
    parts: list[str] = []

    def walk(node: Element) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str) and child.tag != "a":
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return " ".join(parts)


def _linked_sentence(element: Element, lengths: RawLengths | None = None) -> bool:
    """Links set in a sentence (`Neil has patches up to <a>fix X</a>, and <a>show Y</a>`): the
    words between the links are a sentence's (`LINKED_SENTENCE_WORDS` or more, function words
    at `PROSE_STOPWORDS` or more), where a menu or share bar puts separators or a label.
    With `lengths` (the walk's, of a tree that no longer changes) the words are counted once
    per element (`RawLengths.unlinked_words`)."""
    if lengths is None:
        words = _WORD_RE_ANY.findall(_unlinked_text(element).lower())
        return len(words) >= LINKED_SENTENCE_WORDS and stopword_share(words) >= PROSE_STOPWORDS
    count, hits = lengths.unlinked_words(element)
    return count >= LINKED_SENTENCE_WORDS and hits / count >= PROSE_STOPWORDS


def _is_followable(href: str) -> bool:
    return bool(href.strip()) and not href.strip().lower().startswith(("javascript:", "data:"))


def _link_text(anchor: Element) -> str:
    """A link's text, or the alt text of the image it wraps."""
    text = text_of(anchor)
    if not text:
        image = next(anchor.iter("img"), None)
        text = clean_text(image.get("alt") or "") if image is not None else ""
    return text




# What a caption's text keeps after its credit element when the distributor follows that
# element (`<span class=credit>Photo by X</span> /<span>AP</span>`): a short name after a slash.
_DISTRIBUTOR_RE = re.compile(r"\s+[/|]\s*(?P<name>[^\W\d_][^/|.!?]{0,39})$")
# A line of text set after a picture, alone in the picture's block, is its caption when it has
# this many words (or CJK script) and is at most this long: longer text is the article's.
CAPTION_LINE_WORDS = 4
MAX_CAPTION_LINE_CHARS = 400
_CJK_RE = re.compile(f"[{CJK_CLASS}]")
# Photo agencies that may close a line (`Bloomberg via Getty Images`), longest first, and the
# words joining one to what it follows.
_CREDIT_NAMES = sorted({name.lower() for name in CAPTION_CREDITS}, key=len, reverse=True)
_CREDIT_JOINERS = (" via", "/", ",")
# A picture declared this small or smaller on both sides is an icon or an author's avatar.
MAX_ICON_PIXELS = 150
# A word of four letters, or a CJK ideograph / kana / hangul: caption text holds one.
_WORD_IN_CAPTION_RE = re.compile(f"[^\\W\\d_]{{4,}}|[{CJK_CLASS}]")


def _apart(character: str) -> bool:
    """A credit printed at an end of the caption text stands apart from it (`Etlaq` before
    `Etlaq’s launch site` is the caption's first word, not its credit)."""
    return not character or not (character.isalnum() or character in "’'")


def _has_words(text: str) -> bool:
    """A figcaption holding only a date, a clock time or a duration (`15.05.2023`, `01:48
    min`) labels a video player or a teaser, not a photo: caption text has a word."""
    return bool(_WORD_IN_CAPTION_RE.search(text))


def _gallery_figures(element: Element) -> list[Element]:
    """A `<figure>` holding two or more captioned figures is a gallery: each picture keeps its
    own caption (read as one, the captions ran together and took each other's credits)."""
    inner = _outermost(
        [f for f in element.iter("figure") if f is not element and next(f.iter("figcaption"), None) is not None]
    )
    return inner if len(inner) > 1 else []


def _plays_for(element: Element) -> bool:
    """A caption block stating a running time (`<time datetime="PT1M48S">01:48 min</time>`,
    an ISO 8601 duration) is a video's, not a photo's."""
    return any((t.get("datetime") or "").strip().upper().startswith("P") for t in element.iter("time"))


def _quote_attribution(element: Element) -> bool:
    """A `<figure>` around a `<blockquote>` with no picture, or the figcaption inside or right
    after one, sets a pull quote and its speaker's name: no photo caption."""
    if element.tag == "figcaption":
        parent = element.getparent()
        if parent is not None and parent.tag == "figure":
            element = parent
        else:
            previous = element.getprevious()
            if previous is None or previous.tag != "figure":
                return False
            element = previous
    if element.tag != "figure" or next(element.iter("blockquote"), None) is None:
        return False
    return next(element.iter("img", "picture", "video", "iframe"), None) is None


def _is_caption_class(element: Element) -> bool:
    return bool(class_flags(element) & F_CAPTION_STRICT)


def _is_caption_block_element(element: Element) -> bool:
    """`_is_caption_class(element) or _credited_description(element)`, reading the class once."""
    flags = class_flags(element)
    return bool(flags & F_CAPTION_STRICT) or (bool(flags & F_CAPTION) and _credited_description(element))


def _credited_description(element: Element) -> bool:
    """A `description`-classed block with a credit set right after its picture (`<picture>…
    </picture><div class="description">A notch-free display © Jo Doe</div>`): a caption.
    The caller has checked its class (`F_CAPTION`)."""
    previous = element.getprevious()
    if previous is None or not isinstance(previous.tag, str) or not _has_image(previous):
        return False
    return split_credit(text_of(element))[1] is not None


def _post_meta(element: Element) -> bool:
    """True for a line linking both its author (`rel="author"`) and its category or tags
    (`rel="category tag"`): a post's metadata line (`By X on 21/02/2021. Filed under Y.`)."""
    author = category = False
    for anchor in element.iter("a"):
        rel = (anchor.get("rel") or "").lower().split()
        author = author or "author" in rel
        category = category or "tag" in rel or "category" in rel
    return author and category


def _has_image(element: Element) -> bool:
    return next(element.iter("img", "picture"), None) is not None


def _next_sibling(element: Element) -> Element | None:
    return element.getnext()


def _spells_alt(element: Element, previous: Element | None) -> bool:
    """True for a block set right after a picture whose text is the picture's alt or title
    text: the publisher printed the picture's description under it, a caption."""
    if previous is None or not isinstance(previous.tag, str):
        return False
    images = [previous] if previous.tag == "img" else list(previous.iter("img"))
    values = [v for image in images for v in (image.get("alt"), image.get("title")) if v and not v.isspace()]
    if not values:
        return False
    limit = max(map(len, values)) + ALT_SLACK_CHARS  # a longer text cannot spell any of them
    text = text_head(element, limit)
    if not text or len(text) >= limit:
        return False
    key = norm_key(text)
    return any(norm_key(value) == key for value in values)


def _image_src(element: Element) -> str | None:
    images = [element] if element.tag == "img" else list(element.iter("img"))
    for image in images:
        for attribute in ("src", "data-src", "data-lazy-src", "data-original", "data-url"):
            value = image.get(attribute)
            if value and not value.startswith("data:"):
                return str(value).strip()
        srcset = image.get("srcset") or image.get("data-srcset")
        if srcset and str(srcset).split():
            return str(srcset).split(",")[0].split()[0]
    for node in element.iter():
        if isinstance(node.tag, str):
            value = node.get("data-src")
            if value and not value.startswith("data:"):
                return str(value).strip()
    return None


def _caption_text(node: Element) -> str:
    """Caption text without screen-reader labels and credit elements."""
    parts: list[str] = []
    stack: list[tuple[Element, bool]] = [(node, False)]
    while stack:
        element, leaving = stack.pop()
        if leaving:
            if element is not node and element.tail:
                parts.append(element.tail)
            continue
        if not isinstance(element.tag, str):
            if element.tail:
                parts.append(element.tail)
            continue
        flags = class_flags(element)
        if element is not node and (
            flags & (F_CREDIT | F_LABEL_TOKEN | F_SCREEN_READER)
            or (flags & F_OFF and flags & F_SCREEN)
            or element.tag in ("script", "style", "button", "svg")
        ):
            if element.tail:
                parts.append(element.tail)
            continue
        if element.text:
            parts.append(element.text)
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(element))
    return _LABEL_PREFIX_RE.sub("", clean_text(" ".join(parts)))


def extract_body(
    root: Element,
    *,
    base_url: str | None = None,
    headline: str | None = None,
    article_body: str | None = None,
    summary: str | None = None,
    selected: Selected | None = None,
) -> Body:
    """Extract the main content of the parsed page `root` (modified in place).

    Args:
        root: the page's root element (lxml).
        base_url: URL to resolve relative links and image sources against.
        headline: the article's headline, skipped when the body repeats it.
        article_body: JSON-LD `articleBody`, used only to cross-check the chosen root.
        summary: the standfirst, skipped when the page sets it as a heading above the text.
        selected: what the content selectors matched before cleaning, if known (`Selected`).
    """
    related = clean_tree(root)
    lengths = RawLengths()
    roots = choose_content(root, article_body, selected, lengths)
    walker = _Walker(base_url, headline, related, summary, lengths)
    for figure in _lead_figures(roots):
        walker.figure(figure)
    walker.walk(roots)
    return walker.result()


def _mark_picture_block(image: Element, scope: Element) -> Element | None:
    """A block holding a picture and, after it, one short line of text and nothing else (`<div>
    <picture>…</picture><p>Ministers in Madrid. <span>EFE</span></p></div>`) is a figure set
    without figure markup: it becomes a `<figure>`, the line its `<figcaption>`; returned, or
    None. `image` is outside the text roots (the caller's check)."""
    if _is_icon(image):
        return None
    block, picture = _picture_block(image, scope)
    if block is None or picture is None:
        return None
    caption = _line_after(block, picture)
    if caption is None or any(a.tag == "figure" for a in block.iterancestors()):
        return None
    block.tag = "figure"
    caption.tag = "figcaption"
    return block


def _picture_block(image: Element, scope: Element) -> tuple[Element | None, Element | None]:
    """The nearest ancestor of `image` holding text, and its child that holds the picture (with
    no text of its own); (None, None) past `scope` or in a figure already."""
    picture = image
    block = image.getparent()
    while block is not None and block is not scope:
        if block.tag in ("figure", "figcaption", "a"):
            return None, None
        if _holds_text(block):
            return block, picture
        picture, block = block, block.getparent()
    return None, None


def _holds_text(element: Element) -> bool:
    """True when any text under `element` is more than whitespace (read up to the first)."""
    return any(part.strip() for part in element.itertext())


def _line_after(block: Element, picture: Element) -> Element | None:
    """The one child after `picture` in `block` holding text, when it is a short line of words
    (`CAPTION_LINE_WORDS`..`MAX_CAPTION_LINE_CHARS`) without links, pictures or headings, and
    nothing else in `block` holds text; else None."""
    if (block.text or "").strip() or (picture.tail or "").strip() or block[0] is not picture:
        return None
    line: Element | None = None
    for child in block:
        if child is picture or not isinstance(child.tag, str):
            continue
        if not _holds_text(child) and next(child.iter("img"), None) is None:
            continue
        if line is not None or child.tag not in CAPTION_BLOCK_TAGS or (child.tail or "").strip():
            return None
        line = child
    if line is None or next(line.iter("a", "img", "picture", *_CARD_HEADINGS), None) is not None:
        return None
    text = text_of(line)
    if len(text) > MAX_CAPTION_LINE_CHARS or not _has_words(text):
        return None
    if _CJK_RE.search(text):
        return line
    words = text.split()
    if len(words) < CAPTION_LINE_WORDS:
        return None  # a name, not a caption
    if len(_without_closing_credits(split_credit(text)[0]).split()) < CAPTION_LINE_WORDS:
        return None  # a credit (`Bloomberg via Getty Images`), not a caption
    return line


def _without_closing_credits(text: str) -> str:
    """`text` without the photo agencies closing it (`Bloomberg via Getty Images` → `Bloomberg`),
    each a whole word, with the `via`, `/` or `,` joining it to what comes before."""
    rest = text.rstrip()
    while True:
        low = rest.lower()
        name = next(
            (n for n in _CREDIT_NAMES if low.endswith(n) and not low[-len(n) - 1 : -len(n)].isalnum()), None
        )
        if name is None:
            return rest
        rest = rest[: -len(name)].rstrip()
        joiner = next((j for j in _CREDIT_JOINERS if rest.lower().endswith(j)), None)
        if joiner is not None:
            rest = rest[: -len(joiner)].rstrip()


def _is_icon(image: Element) -> bool:
    """True for a picture whose declared width and height are both at most `MAX_ICON_PIXELS`
    (an author's avatar beside the name and date, a logo): no photo to caption."""
    sides = [image.get("width") or "", image.get("height") or ""]
    return all(side.strip().isdigit() and int(side) <= MAX_ICON_PIXELS for side in sides)


def _lead_figures(roots: list[Element]) -> list[Element]:
    """Captioned `<figure>`s of the article outside its text roots: the lead image set in the
    article's header, above the text, and a picture set between two blocks of the text. Only
    inside the `<article>` holding the first root, and only before the last root, so teaser
    and sidebar figures elsewhere on the page stay out; on a page without one, only between
    roots that are siblings (paragraphs chosen one by one), in the parent that holds them."""
    first = roots[0]
    scope = next((a for a in first.iterancestors() if a.tag == "article"), None)
    if scope is None:
        return _figures_between(roots)
    inside = set(roots)
    last = roots[-1]
    in_text = {image for root in roots[:-1] for image in root.iter("img")}  # the walk reads these
    found: list[Element] = []
    for element in scope.iter("figure", "img", str(last.tag)):  # renaming passed or later tags is safe
        if element is last:
            break  # only figures before the end of the text
        if element.tag == "img":
            if element not in in_text and (block := _mark_picture_block(element, scope)) is not None:
                if not any(a in inside for a in block.iterancestors()):
                    found.append(block)
            continue
        if element.tag != "figure" or any(a in inside for a in element.iterancestors()):
            continue
        if _captioned_figure(element) and not any(a.tag == "figure" for a in element.iterancestors()):
            found.append(element)
    return found


def _figures_between(roots: list[Element]) -> list[Element]:
    """Captioned figures set between text roots that are siblings: the pictures of an article
    whose paragraphs were chosen one by one stand among them, in the same parent."""
    parent = roots[0].getparent()
    if len(roots) < 2 or parent is None or any(r.getparent() is not parent for r in roots):
        return []
    inside = set(roots)
    found: list[Element] = []
    started = False
    for child in parent:
        if child is roots[-1]:
            break
        if child in inside:
            started = True
        elif started and isinstance(child.tag, str):
            for image in list(child.iter("img")):
                _mark_picture_block(image, parent)
            found.extend(f for f in _outermost(list(child.iter("figure"))) if _captioned_figure(f))
    return found


def _captioned_figure(figure: Element) -> bool:
    """A `<figure>` holding a `<figcaption>` or a caption-classed block (`<div
    class="ImageCaption">`): a picture the publisher captioned."""
    return figure.find(".//figcaption") is not None or any(
        _is_caption_class(e) for e in figure.iterdescendants() if isinstance(e.tag, str)
    )
