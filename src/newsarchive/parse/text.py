"""Text and markdown dumps → `Draft`.

One parser for the whole family of text exports: plain text (first line headline, then
paragraphs), the seed's markdown-ish page dumps, markdown with a YAML front-matter block,
and `Key: value` header dumps (`Title:`, `URL Source:`, `Published Time:`, `Markdown Content:`).
It is a pure function of the decoded text and runs in one linear pass over lines, then one
over blocks; every pattern is compiled once at import.

Stages:
1. Clean-up: NUL characters are removed (with a warning), CRLF/CR become LF, a BOM
   character is dropped.
2. Metadata: a leading `---` front-matter block (read by `read_front_matter`, a small safe
   subset of YAML: scalars, quoted strings, `[a, b]` and `- item` lists) or leading
   `Key: value` header lines. Both set `format = "markdown"`; otherwise the format is
   `markdown` when markdown markers appear (`#` headings, `**`, `](`, `>` quotes, fences,
   `<figure>`, link lists) and `text` when none do. Tags are `tags`/`keywords` then
   `categories`/`category`; the URL prefers `canonical_url`, then `original_url`, then `url`.
   A front matter copying a web page's `<head>` (`meta-og:title`, `viewport`, `canonical`,
   `base`, any `meta-` tag: `_page_head`) gives the fields as the HTML reading's keys do (`meta.TITLE_KEYS`…), and the
   text under it is read as a whole-page dump whose metadata outranks what it prints.
3. Blocks: lines are grouped into blocks: blank-line separated text, `#` headings, `---`
   rules, list runs, `>` quotes, fenced code, `<figure>…</figure>` HTML, lone images.
4. Trailing boilerplate: from the first `---` rule that is directly followed by
   subscription or author-bio text (`月費訂戶`, `Subscribe`, `**博客 | name**`…) to the end,
   blocks are dropped; so are such blocks standing last in the document, and short
   paragraphs naming a newsletter (its promotion) or cookies beside consent words (a
   cookie notice) wherever they stand. After reading, a reader-mode body (front matter) loses
   what stood above a heading printing its title when the text under it is longer (a kicker, a
   video label, a consent dialog above the article: `_Builder.start_at_title`), and the
   paragraphs closing it that speak to their reader while the article does not
   (`dump_region.trim_tail`), at most a quarter of its prose (`_Builder.trim_tail`), and the
   headings, short lines and linked paragraphs after its last paragraph of prose when one of them
   is mostly link text (a teaser box: `linked_tail`), a quarter at most too.
   Inside it, a run of headings, short lines and paragraphs holding two paragraphs or more that
   are mostly link text is a box of teaser links, no body (`link_boxes`); so is a lone paragraph or
   heading between the article's paragraphs that is one link and no sentence (`lone_links`).
   The comment cut (`comment_tail`) takes the heading over the line naming the comments.
5. Classification, block by block, first rule that applies:
   1. the headline: front matter / `Title:` first, else the first heading before any body,
      else (no heading) the first line when it is at most `MAX_HEADLINE_CHARS` long. A
      leading heading equal to a metadata title is dropped, not repeated as a section.
   2. a dateline, only before the body starts: `Publisher, 25 March 2019`, `25 March 2019`,
      `Published: …`, `Updated: …` (→ `date_modified`), ISO with time and offset.
      In a reader-mode export, a short line holding a date still above the first paragraph
      of running text is one too (`Stand: 22.04.2024, 06:00 Uhr` under a kicker).
   3. a byline `By Name[, role]` (or `Author: Name` before the body) with an optional
      role line after it (`Defence correspondent`: a short line holding a role word). Its
      section is the one it stands in, None when it heads the article before any body.
      Metadata authors are split with `split_authors`; a Chinese role prefix is split off
      the name (`記者吳婉英` → name `吳婉英`, role `記者`) only when 2-4 characters remain.
   4. a photo caption by shape (see `split_caption`); a lone credit line is dropped and
      credits the caption line after it. `<figure>` blocks give a caption from
      `<figcaption>` (else `alt`) with `src`, the credit split by `split_cjk_credit` for
      Chinese; a lone `![alt](src)` takes an italic or credit-shaped caption line after it,
      else its alt text. In a reader-mode export (front matter), a paragraph ending in its
      bracketed photo credit (`… (AP Photo/Jane Doe)`: `dump.bracket_credited_caption`) too.
   5. related links: a list item that is only a link, or a `相關報道：[…](…)`-style line; a
      teaser title after a label and a colon whose link the export dropped (`MORE : Title`,
      `lexicon.TEASER_LABELS`) is dropped.
      After the body has begun, a teaser heading (`Most read`, `You may also like...`) opens a
      run of links, images and titles (its links related) that ends at the next heading or
      sentence (a line that is only a link is a title, `?` or not); a comment-
      thread heading after `MIN_WORDS_BEFORE_COMMENTS` words ends the body for good.
   6. the lead: the first body paragraph written wholly in bold becomes `summary` and
      stays the first paragraph, when it has `MIN_LEAD_WORDS` words or ends like a sentence.
   7. a heading: `#` lines (level = number of `#`, setext `===` is 1); a short
      title-like plain or bold line (see `_is_title_like`) followed by body content, a
      byline or a caption gets level 2, the level crossheads have under a `##` headline.
      Plain Chinese lines are never promoted (no capitals to tell a title from a sentence).
   8. anything else is a paragraph: markup stripped, inline links recorded with their text
      kept in place.
6. Metadata fills what the body did not give (summary from `description`), and the body
   never overrides metadata (title, date, authors).

Sections are created only when a paragraph or heading needs one, so indexes never point at a
section that `finish` would drop. Captions and links standing before the first section get
the index of the section opened next (a caption above the lead belongs to section 0).

Language is set only from metadata (`lang`, `language`): the parser never guesses one.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING

from ..cjk import CJK_CLASS
from ..model import Caption, Link, Person, Section
from ..normalize import (
    clean_text,
    find_date,
    is_ambiguous_numeric_date,
    normalize_language,
    parse_date,
    split_authors,
)
from .common import LABEL_LINE_RE, MAX_CREDITED_CHARS, Draft, move_items, split_credit, strip_site_suffix
from .lexicon import (
    CAPTION_CREDITS,
    CLOSING_MARKS,
    COMMENT_HEADINGS,
    COMMENT_WORDS,
    DATE_LABELS,
    PUBLISHED_LABELS,
    ROLE_WORDS,
    SENTENCE_END_MARKS,
    SENTENCE_SUBJECT_CREDITS,
    TEASER_LABELS,
    TEASER_PHRASES,
    UPDATED_LABELS,
    alternation,
    consent_notice,
)
from .markdown_lines import FENCE_RE, HEADING_RE, LIST_ITEM_RE, SETEXT_H1_RE
from .meta import (
    AUTHOR_KEYS,
    DATE_KEYS,
    DESCRIPTION_KEYS,
    LANGUAGE_KEYS,
    MODIFIED_KEYS,
    PUBLISHER_KEYS,
    TAG_KEYS,
    TITLE_KEYS,
    URL_KEYS,
)

if TYPE_CHECKING:
    from .dump import DumpReading
    from .dump_region import Unit

__all__ = ["parse_text", "read_front_matter", "split_caption", "split_cjk_credit"]

# A first line longer than this is body text, not a headline (longest bbc-text title: 70).
MAX_HEADLINE_CHARS = 300
# Short-line headings: crossheads in news dumps are a few words; longer lines are text.
MAX_HEADING_WORDS = 12
MAX_HEADING_CHARS = 100
# A dateline is a short line; a paragraph that mentions a date is not one.
MAX_DATELINE_CHARS = 120
MAX_PUBLISHER_WORDS = 6
# A dateline above the article's text is a date and a label or two, not a sentence.
MAX_OPENING_DATE_WORDS = 10
# A line above the text printing the header's authors holds at most this many other words (`By`,
# the outlet, `and`): more, and it is a sentence naming them (`author_printed`).
MAX_AUTHOR_LINE_EXTRA_WORDS = 3
_LETTER_WORD_RE = re.compile(r"[^\W\d_]+")
# Captions are a sentence or two; a credit followed by more is a paragraph quoting an agency.
MAX_CAPTION_WORDS = 80
MIN_CAPTION_WORDS = 2
# Bold text at least this long (or ending like a sentence) is a lead, not a bold heading.
MIN_LEAD_WORDS = 8
# A comment-thread heading ends the article only after this much body text: above it, a
# `Comments (32)` line is the share bar's count, not the thread.
MIN_WORDS_BEFORE_COMMENTS = 150
# The addressing tail cut from a reader-mode body (`_Builder.trim_tail`) holds at most
# 1/MAX_TAIL_SHARE of its prose: beyond that, the article itself speaks to its reader.
MAX_TAIL_SHARE = 4
# A list item after the article this long is a teaser's title (share buttons are shorter).
TEASER_TITLE_CHARS = 30
# Front matter longer than this is not front matter but a document starting with a rule.
MAX_FRONT_MATTER_LINES = 200
MAX_FIGURE_LINES = 60

# -- credits ---------------------------------------------------------------------------

# Credits that news photos carry (`lexicon.CAPTION_CREDITS`), as they appear glued to or before
# a caption; `_ANY_NAMES` adds those that also open sentences (`Pool`), allowed only after a slash.
_NAMES = alternation(CAPTION_CREDITS)[3:-1]
_ANY_NAMES = alternation(CAPTION_CREDITS + SENTENCE_SUBJECT_CREDITS)[3:-1]
# `Jeff J Mitchell/Getty Images`, `AFP/Getty Images`, `Reuters/Alamy`, `X via Getty Images`,
# `AP Photo/Jane Doe`, or a bare known credit.
_PERSON = r"(?:[A-Z][\w.'’-]*\s){0,3}[A-Z][\w.'’-]*"
_CREDIT = (
    rf"(?:(?:{_PERSON}\s*/\s*)?(?:{_NAMES})(?:\s*/\s*(?:{_ANY_NAMES}|{_PERSON}))?(?:\svia\s(?:{_NAMES}))?"
    rf"|{_PERSON}\svia\s(?:{_NAMES}))"
)
# Caption text starts like a sentence: a capital then lower case/space, or a quote. Not a
# digit: `BBC1, Five Live and this website` is a channel list, not a credited caption.
_CAPTION_START = r"(?:[A-Z](?:[a-z'’ ,.-]|$)|[\"“‘'])"
# Glued to the text, a credit must end with a known name (`…/LightRocket via Getty Images`),
# never with a free-form name that could swallow the caption's first word.
_GLUED_CREDIT = rf"(?:{_PERSON}\s*/\s*)?(?:{_NAMES})(?:\s*/\s*(?:{_ANY_NAMES}))?(?:\svia\s(?:{_NAMES}))?"
_GLUED_CAPTION_RE = re.compile(rf"^(?P<credit>{_GLUED_CREDIT})(?P<text>{_CAPTION_START}.*)$")
# A credit at the start of a line opens with a known name, or holds a `/` or ` via ` before it:
# a line with none of these skips the credit patterns (most paragraphs).
_CREDIT_STARTS = tuple(CAPTION_CREDITS)
# Their first two characters (every known name has two or more): a text opening otherwise is
# not tried against each name (`startswith` with a tuple tests the names one by one).
_CREDIT_HEADS = frozenset(start[:2] for start in _CREDIT_STARTS)
_SPACED_CAPTION_RE = re.compile(rf"^(?P<credit>{_CREDIT})\s+(?P<text>{_CAPTION_START}.*)$")
_CREDIT_ONLY_RE = re.compile(rf"^(?:(?P<credit>{_CREDIT})|Image (?:copyright|source),?\s+(?P<labelled>[^.]{{1,80}}))$")
_IMAGE_COPYRIGHT_RE = re.compile(r"^Image (?:copyright|source),?\s+(?P<credit>.+?)\s+Image caption,?\s+(?P<text>.+)$")
_IMAGE_CAPTION_RE = re.compile(r"^(?:Image caption|Media caption|Caption)\s*[:,]?\s+(?P<text>.+)$")
_TRAILING_CREDIT_RE = re.compile(
    r"^(?P<text>.+?)\s*(?:\(\s*(?:Photo|Picture|Image|Credit|Photograph|Foto)s?(?:\s+credit)?\s*[:：]\s*"
    r"(?P<credit>[^()]{2,60}?)\s*\)|[|]\s*(?:Photo|Picture|Image|Credit)s?\s*[:：]?\s*(?P<credit2>[^|]{2,60}?)"
    r"|\s(?:Photo|Picture|Image|Credit|Photograph)s?(?:\s+credit)?\s*[:：]\s*(?P<credit3>[^.:]{2,60}?))\.?$"
)
_TRAILING_AGENCY_RE = re.compile(rf"^(?P<text>.+?)\s*\((?P<credit>{_CREDIT})\)$")
# Words that continue an agency's name into an organisation (`BBC News spoke to…`,
# `Reuters Television showed…`): the line is then a sentence about it, not a caption.
_ORG_CONTINUATIONS = frozenset(
    "News Sport World Radio Television TV Online Breaking Newsnight One Two Three Four Scotland Wales "
    "Africa Arabic Persian Monitoring Verify Studios Photo Photos Images Agency Group Media".split()
)
# A spaced caption is one sentence; `. The` inside means a paragraph that starts with a name.
_MULTI_SENTENCE_RE = re.compile(r"[.!?]\s+[A-Z]")
_TERMINAL_RE = re.compile(r"[.!?…:;,]['\"’”)]*$")

# Photographer credits at the end of Chinese captions: `…。何君健攝`, `…資料圖片`,
# `…醫管局提供`, `…網上圖片`, `…有線電視截圖`, `…。美聯社`. Only the last segment after a
# sentence end or a space is taken, only when it has one of these endings and is short.
_CJK_CREDIT_RE = re.compile(
    r"^(?P<text>.*?[。！？」）\s])\s*"
    r"(?P<credit>[^\s。！？]{0,12}(?:攝|攝影|提供|圖片|照片|相片|截圖|製圖|劇照|畫面)"
    r"|照片由[^\s。]{1,12}提供|(?:圖片|相片)?(?:來源|取自)[:：]?[^\s。]{1,24}"
    r"|美聯社|路透社|法新社|新華社|中新社|彭博|EPA|AFP|Reuters|AP)\s*$"
)

# -- lines and blocks ----------------------------------------------------------------------

_RULE_RE = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
_QUOTE_RE = re.compile(r"^ {0,3}>[ \t]?(.*)$")
_LONE_IMAGE_RE = re.compile(r"^\s*!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<src>[^)\s>]*)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)\s*$")
_HTML_IMG_RE = re.compile(r"^\s*<img\b[^>]*>\s*$", re.IGNORECASE)
# Static-site shortcodes (`{{< video src="…" >}}`): embeds, never text.
_SHORTCODE_RE = re.compile(r"^\{\{[<%].*[>%]\}\}$")
_FIGURE_START_RE = re.compile(r"^\s*<figure\b", re.IGNORECASE)
_FIGURE_END_RE = re.compile(r"</figure\s*>", re.IGNORECASE)
_SRC_RE = re.compile(r"""\bsrc\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_ALT_RE = re.compile(r"""\balt\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
_FIGCAPTION_RE = re.compile(r"<figcaption\b[^>]*>(.*?)</figcaption\s*>", re.IGNORECASE | re.DOTALL)
_TABLE_SEPARATOR_RE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")

# -- inline markup -------------------------------------------------------------------------

_MARKUP_CHARS_RE = re.compile(r"[<\[*_~`&\\]")
# A backslash escapes any ASCII punctuation (CommonMark): `\\<Title>` is text, not a tag.
_ESCAPE_RE = re.compile(r"\\([!-/:-@\[-`{-~])")
_ESCAPED_RE = re.compile("[\ue000-\ue07f]")
# Bracketed and parenthesised runs are written as unrolled loops (`a*(?:\(a*\)a*)*` rather than
# `(?:a|\(a*\))*`): the same matches, several times faster in Python's regex engine.
_INLINE_IMAGE_RE = re.compile(r"!\[[^\]]{0,1000}\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+[\"'][^\"']*[\"'])?\)")
_LINK_RE = re.compile(
    r"\[(?P<text>[^\[\]]*(?:\[[^\[\]]*\][^\[\]]*)*)\]\(\s*<?(?P<href>[^()\s<>]*(?:\([^()\s]*\)[^()\s<>]*)*)>?"
    r"(?:\s+[\"'][^\"']*[\"'])?\s*\)"
)
_REF_LINK_RE = re.compile(r"\[([^\[\]]+)\]\[[^\[\]]*\]")
_AUTOLINK_RE = re.compile(r"<(https?://[^>\s]+)>")
# Spans inside inline patterns exclude their own delimiter or are bounded, so that unclosed
# markup (`**a **a **a…`, `<a href="<a href="…`) costs linear time, not quadratic.
_HTML_LINK_RE = re.compile(
    r"""<a\b[^>]{0,500}?\bhref\s*=\s*["']([^"'<>]{0,2000})["'][^>]{0,500}>(.{0,2000}?)</a\s*>""",
    re.IGNORECASE | re.DOTALL,
)
_BR_RE = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAG_RE = re.compile(r"</?[A-Za-z][^<>]*>")
_STRONG_RE = re.compile(r"\*\*(?=\S)((?:[^*]|\*(?!\*))+?)(?<=\S)\*\*|__(?=\S)((?:[^_]|_(?!_))+?)(?<=\S)__")
_EM_STAR_RE = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*]+?)(?<=[^\s*])\*(?![\w*])")
_EM_UNDERSCORE_RE = re.compile(r"(?<![\w_])_(?=[^\s_])([^_]+?)(?<=[^\s_])_(?![\w_])")
_STRIKE_RE = re.compile(r"~~(?=\S)((?:[^~]|~(?!~))+?)(?<=\S)~~")
_CODE_RE = re.compile(r"`+([^`]+)`+")
_BOLD_BLOCK_RE = re.compile(r"^\s*(\*\*|__)(?=\S)(?P<inner>.+?)(?<=\S)\1\s*$", re.DOTALL)
_ITALIC_BLOCK_RE = re.compile(r"^\s*([*_])(?=[^\s*_])(?P<inner>.+?)(?<=[^\s*_])\1\s*$", re.DOTALL)
_LIST_LINK_RE = re.compile(
    r"^\s*(?:\*\*)?\[(?!\])(?P<text>[^\[\]]*(?:\[[^\[\]]*\][^\[\]]*)*)\]\(\s*<?(?P<href>[^()\s<>]*(?:\([^()\s]*\)[^()\s<>]*)*)>?"
    r"(?:\s+[\"'][^\"']*[\"'])?\s*\)(?:\*\*)?\s*$"
)
_RELATED_PREFIX = "(?:" + "|".join(TEASER_PHRASES) + ")"
_RELATED_LINE_RE = re.compile(
    rf"^\s*(?:\*\*)?{_RELATED_PREFIX}\s*[:：]?\s*(?:\*\*)?\s*(?=\[)(?P<links>.+)$", re.IGNORECASE
)
_RELATED_IN_LINK_RE = re.compile(rf"^\s*\[(?:\*\*)?{_RELATED_PREFIX}\s*[:：]", re.IGNORECASE)
_RELATED_LABEL_RE = re.compile(rf"^\s*{_RELATED_PREFIX}\s*[:：]\s*", re.IGNORECASE)
# A teaser's title after a label and a colon (`MORE : Title`, `Read more: Title`), at most this long.
_TEASER_LABEL_RE = re.compile(rf"^\s*{alternation(TEASER_LABELS)}\s*[:：]", re.IGNORECASE)
MAX_TEASER_LINE_CHARS = 160
# Once the body has begun, a heading that opens a comment thread ends the article, and one
# that announces teasers (`Most read`) holds teasers (links, images, titles) up to the next
# heading or sentence; what they hold is read only for its links (`kind: related`).
_COMMENT_HEADING_RE = re.compile(rf"^(?:{'|'.join(COMMENT_HEADINGS)})[\s.:!…]*$", re.IGNORECASE)
# A comment word at a word's start (`Kommentieren0`: a count glued after it).
_COMMENT_WORD_RE = re.compile(rf"(?<![^\W\d_]){alternation(COMMENT_WORDS)}", re.IGNORECASE)
# A line opening the comment section is short and no sentence (`0 Comments`, `All comments`).
MAX_COMMENT_LINE_CHARS = 60
_TEASER_HEADING_RE = re.compile(rf"^{_RELATED_PREFIX}[\s.:!…]*$", re.IGNORECASE)


def _card_title(heading: _Item, following: _Item | None) -> bool:
    """True when a heading is printed again at once as the text of a link (`## Title` over
    `[Title](https://…)`): a teaser card's title, not a section of the article."""
    if following is None:
        return False
    link = _LIST_LINK_RE.match(following.raw) if following.kind == "para" else None
    text = _plain(link.group("text")) if link else (following.raw if following.kind == "link" else "")
    return bool(text) and " ".join(text.split()).casefold() == " ".join(_plain(heading.raw).split()).casefold()

# -- bylines, roles, datelines ----------------------------------------------------------

_BYLINE_RE = re.compile(r"^(?:By|BY|Written by|Words by|Reporting by)\s+(?P<rest>[A-Z\u00c0-\u024f].*)$")
_AUTHOR_LINE_RE = re.compile(r"^(?:Authors?|Reporter|Byline)\s*[:：]\s*(?P<rest>\S.*)$", re.IGNORECASE)
_NAME_WORD_RE = re.compile(
    r"^(?:[A-Z\u00c0-\u00de][\w'’.\-\u00c0-\u024f]*|de|da|del|der|van|von|bin|al|le|la|di|du|dos|y)$"
)
_ROLE_WORDS_RE = re.compile(rf"\b(?:{alternation(ROLE_WORDS)[3:-1]}|team)s?\b", re.IGNORECASE)
_CJK_ROLE_RE = re.compile(
    r"^(?P<role>實習記者|特約記者|見習記者|攝影記者|首席記者|高級記者|記者|特約作者|編輯|撰文)"
    r"(?P<name>[\u4e00-\u9fff]{2,4})$"
)
_DATE_LABEL_RE = re.compile(
    rf"^(?P<label>{alternation(PUBLISHED_LABELS + UPDATED_LABELS + DATE_LABELS)})"
    r"(?:\s+(?:on|at|am|le|el|il))?\s*[:：]?\s*",
    re.IGNORECASE,
)
_MODIFIED_LABELS = frozenset(UPDATED_LABELS)
_DATELINE_SEPARATORS = " \t,|–—-·•:/"
_PUBLISHER_RE = re.compile(r"^[A-Z0-9][\w&.'’ -]*$")

# -- metadata --------------------------------------------------------------------------

_FRONT_MATTER_OPEN_RE = re.compile(r"\A\s*---[ \t]*\n")
_FRONT_MATTER_CLOSE_RE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
# A key may hold a colon not followed by a space, as YAML's plain scalars do (`og:title: …`).
_YAML_KEY_RE = re.compile(r"^(?P<key>[A-Za-z_](?:[\w.-]|:(?=[^\s:]))*)[ \t]*:(?:[ \t]+(?P<value>.*?))?[ \t]*$")
_YAML_ITEM_RE = re.compile(r"^[ \t]*-[ \t]+(?P<value>.*?)[ \t]*$")
_HEADER_KEY_RE = re.compile(
    r"^(?P<key>Title|URL Source|URL|Source URL|Canonical URL|Published Time|Published|Publish Date|"
    r"Date|Modified Time|Updated|Last Updated|Author|Authors|By|Description|Summary|Language|Lang|"
    r"Publisher|Site|Site Name|Source|Tags|Keywords|Markdown Content|Word Count|Image)"
    r"[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$",
    re.IGNORECASE,
)

# Trailing boilerplate: subscription pitches and author-bio blocks after the article.
_BOILERPLATE_RE = re.compile(
    r"月費訂戶|成為[^。]{0,12}訂戶|支持我們的工作|^\W*(?:!\[)?\W*(?:博客|主筆|Blogger|Columnist)\s*[|｜]"
    r"|^\W*(?:Subscribe|Sign up|Follow us|Support (?:us|our journalism))\b|[Aa]ll rights reserved|^©|^Copyright\s"
)
# Only short blocks are tested: boilerplate is brief, and long paragraphs cost time.
MAX_BOILERPLATE_CHARS = 600
# A newsletter named in a paragraph this short (and no longer) is a promotion of it.
MAX_PROMOTION_CHARS = 300
_PROMOTION_RE = re.compile(r"\bnewsletters?\b", re.IGNORECASE)

_CJK_RE = re.compile(f"[{CJK_CLASS}]")
# Markdown hints: a heading, a quote, a code fence or a list item of links opening a line
# (searched for after a line break, `\n` put before the text: a pattern opening with a literal
# character is searched for in C, where `^` in multi-line mode is tried at every position);
# bold text, a link, a raw `<figure>` anywhere (each opening with its literal character).
_MARKDOWN_LINE_HINT_RE = re.compile(r"\n {0,3}(?:#{1,6}\s|>\s|```|[-*+]\s+\[)")
_MARKDOWN_HINT_RE = re.compile(r"\*\*\S|\]\([^)\n]{0,1000}\)|<(?i:figure)\b")
_SENTENCE_END_RE = re.compile(f"[{re.escape(SENTENCE_END_MARKS)}][{re.escape(CLOSING_MARKS)}]*$")


# =========================================================================================
# Front matter and header lines
# =========================================================================================

MetaValue = str | list[str]


def _yaml_scalar(raw: str) -> str:
    """A YAML scalar as text: quotes removed and unescaped, trailing ` #comment` dropped."""
    value = raw.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        inner = value[1:-1]
        if "\\" in inner:
            try:
                inner = inner.encode("utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
            except (UnicodeDecodeError, UnicodeEncodeError):
                inner = inner.replace('\\"', '"').replace("\\\\", "\\")
        return inner
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'")
    hash_at = value.find(" #")
    if hash_at >= 0:
        value = value[:hash_at].rstrip()
    if value in ("~", "null", "Null", "NULL"):
        return ""
    return value


def _yaml_flow_list(raw: str) -> list[str]:
    """`[a, "b, c", 'd']` → `["a", "b, c", "d"]`."""
    items: list[str] = []
    current: list[str] = []
    quote = ""
    for ch in raw.strip()[1:-1]:
        if quote:
            current.append(ch)
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
            current.append(ch)
        elif ch == ",":
            items.append("".join(current))
            current = []
        else:
            current.append(ch)
    items.append("".join(current))
    return [v for v in (_yaml_scalar(i) for i in items) if v]


def read_front_matter(block: str) -> dict[str, MetaValue]:
    """Read the inside of a `---` front-matter block: a safe subset of YAML.

    Understood: `key: value` with plain, single- or double-quoted scalars; lists written
    `[a, b]` or as `- item` lines under an empty key; `|` / `>` block scalars. Nested
    mappings and anything else are skipped. Keys are lowercased.
    """
    meta: dict[str, MetaValue] = {}
    key: str | None = None
    block_lines: list[str] | None = None
    for line in block.split("\n"):
        if block_lines is not None and key is not None:
            if line.startswith((" ", "\t")) or not line.strip():
                block_lines.append(line.strip())
                continue
            meta[key] = clean_text(" ".join(block_lines))
            block_lines = None
        item = _YAML_ITEM_RE.match(line)
        if item and key is not None:
            existing = meta.get(key)
            values = existing if isinstance(existing, list) else []
            value = _yaml_scalar(item.group("value"))
            if value:
                values.append(value)
            meta[key] = values
            continue
        if line.startswith((" ", "\t")):
            continue  # nested mapping: not part of the record
        match = _YAML_KEY_RE.match(line)
        if not match:
            continue
        key = match.group("key").lower()
        raw = match.group("value") or ""
        if raw in ("|", ">", "|-", ">-", "|+", ">+"):
            block_lines = []
        elif raw.startswith("[") and raw.endswith("]"):
            meta[key] = _yaml_flow_list(raw)
        elif raw:
            meta[key] = _yaml_scalar(raw)
        else:
            meta[key] = []
    if block_lines is not None and key is not None:
        meta[key] = clean_text(" ".join(block_lines))
    return meta


def _split_front_matter(text: str) -> tuple[dict[str, MetaValue] | None, str]:
    """`(metadata, rest)` when `text` opens with a front-matter block, else `(None, text)`."""
    opening = _FRONT_MATTER_OPEN_RE.match(text)
    if not opening:
        return None, text
    start = opening.end()
    position = start
    for _ in range(MAX_FRONT_MATTER_LINES):
        end = text.find("\n", position)
        line = text[position:] if end < 0 else text[position:end]
        if _FRONT_MATTER_CLOSE_RE.match(line):
            inner = text[start:position]
            if not any(_YAML_KEY_RE.match(row) for row in inner.split("\n")):
                return None, text  # a rule, then text: not front matter
            return read_front_matter(inner), "" if end < 0 else text[end + 1 :]
        if end < 0:
            break
        position = end + 1
    return None, text


# A front matter copying a page's `<head>` names its `<meta>` tags, under this prefix or bare.
HEAD_KEY_PREFIX = "meta-"
# Keys only a web page's `<head>` sets (`viewport`, the `<link rel="canonical">` and `<base>`
# elements, OpenGraph, Twitter cards): not an article export's.
_HEAD_ONLY_KEYS = frozenset(("viewport", "canonical", "base"))
_HEAD_ONLY_PREFIXES = ("og:", "twitter:")


def _page_head(meta: dict[str, MetaValue]) -> dict[str, MetaValue] | None:
    """The article fields of a front matter that copies a web page's `<meta>` tags, else None.

    A whole-page converter may open its markdown with the page's `<head>`: every `<meta>` as
    `meta-og:title: …` (or bare `og:title: …`), `title`, `canonical` and `base`; a page without
    them, its `title` alone. Such a front matter
    says nothing of where the article stands in the text under it, which is the whole page.
    """
    tags = {key: value for key, value in meta.items() if not key.startswith(HEAD_KEY_PREFIX)}
    tags.update((key[len(HEAD_KEY_PREFIX) :], value) for key, value in meta.items() if key.startswith(HEAD_KEY_PREFIX))
    if not any(key.startswith(HEAD_KEY_PREFIX) for key in meta) and not any(
        key in _HEAD_ONLY_KEYS or key.startswith(_HEAD_ONLY_PREFIXES) for key in tags
    ) and set(tags) != {"title"}:
        return None  # (a `meta-` key names a `<meta>` tag: only a page's head holds one; a page
        # without any `<meta>` leaves its `<title>` alone, and `parse_text` reads the text under it
        # as an export's body unless it reads as a whole page)
    fields: dict[str, MetaValue] = {}
    named: tuple[tuple[str, tuple[str, ...]], ...] = (
        ("title", TITLE_KEYS), ("description", DESCRIPTION_KEYS), ("publisher", PUBLISHER_KEYS),
        ("language", LANGUAGE_KEYS), ("tags", TAG_KEYS), ("url", URL_KEYS), ("canonical_url", ("canonical",)),
    )  # fmt: skip
    for name, keys in named:
        value = _meta_text(tags, *keys)
        if value:
            fields[name] = value
    for name, keys in (("date", DATE_KEYS), ("last_updated", MODIFIED_KEYS)):
        dated = next((v for v in (_meta_text(tags, key) for key in keys) if v and parse_date(v)), None)
        if dated:
            fields[name] = dated
    for key in AUTHOR_KEYS:  # profile links (`article:author` as a URL) name nobody
        value = _meta_text(tags, key)
        if value and "://" not in value and not value.startswith(("/", "@")):
            fields["author"] = value
            break
    return fields


_HEADER_KEYS = {
    "title": "title", "url source": "url", "url": "url", "source url": "url",
    "canonical url": "canonical_url", "published time": "date", "published": "date",
    "publish date": "date", "date": "date", "modified time": "last_updated",
    "updated": "last_updated", "last updated": "last_updated", "author": "author",
    "authors": "author", "by": "author", "description": "description", "summary": "description",
    "language": "language", "lang": "language", "publisher": "publisher", "site": "publisher",
    "site name": "publisher", "source": "publisher", "tags": "tags", "keywords": "tags",
}  # fmt: skip


def _split_header_lines(text: str) -> tuple[dict[str, MetaValue] | None, str]:
    """Leading `Key: value` lines (r.jina.ai style) → `(metadata, rest)`, or `(None, text)`.

    Needs `Title:` or two known keys at the very top; stops at `Markdown Content:` or at
    the first line that is not a header line.
    """
    meta: dict[str, MetaValue] = {}
    position = 0
    seen = 0
    saw_title = False
    while position < len(text):
        end = text.find("\n", position)
        line = text[position:] if end < 0 else text[position:end]
        next_position = len(text) if end < 0 else end + 1
        if not line.strip():
            position = next_position
            continue
        match = _HEADER_KEY_RE.match(line)
        if not match:
            break
        key = match.group("key").lower()
        position = next_position
        if key == "markdown content":
            seen += 1
            break
        seen += 1
        saw_title = saw_title or key == "title"
        target = _HEADER_KEYS.get(key)
        value = match.group("value")
        if target and value:
            if target == "tags":
                meta[target] = [t.strip() for t in value.split(",") if t.strip()]
            else:
                meta.setdefault(target, value)
    if seen >= 2 or (saw_title and seen >= 1):
        return meta, text[position:]
    return None, text


def _meta_text(meta: dict[str, MetaValue], *keys: str) -> str | None:
    for key in keys:
        value = meta.get(key)
        if isinstance(value, list):
            value = value[0] if value else None
        if value and value.strip():
            return clean_text(value)
    return None


def _meta_list(meta: dict[str, MetaValue], *keys: str) -> list[str]:
    out: list[str] = []
    for key in keys:
        value = meta.get(key)
        if isinstance(value, str):
            value = [v for v in value.split(",")] if "," in value and key in ("tags", "keywords") else [value]
        for item in value or []:
            item = clean_text(item)
            if item:
                out.append(item)
    return out


# =========================================================================================
# Blocks
# =========================================================================================


@dataclass(slots=True)
class _Block:
    """One structural unit of the body, before classification."""

    kind: str  # "text", "heading", "rule", "list", "quote", "code", "figure", "image"
    lines: list[str] = field(default_factory=list)
    level: int = 0
    src: str | None = None
    alt: str = ""
    attached: bool = False  # text that followed an image with no blank line between


# First characters of every line that can be more than text (fences, HTML, headings, rules,
# setext underlines, images, lists, quotes); other lines skip the block patterns entirely.
_BLOCK_MARKERS = frozenset("`~<#=-*_!+•>")


def _blocks(lines: list[str]) -> Iterator[_Block]:
    """Group lines into blocks in one pass (see the module docstring, stage 3)."""
    current: _Block | None = None
    i = 0
    count = len(lines)
    after_image = False
    while i < count:
        line = lines[i]
        stripped = line.strip()
        i += 1
        if not stripped or (stripped[:2] == "{{" and _SHORTCODE_RE.match(stripped)):
            if current is not None:
                yield current
                current = None
            after_image = False
            continue
        if stripped[0] in _BLOCK_MARKERS or stripped[0].isdigit():
            fence = FENCE_RE.match(line)
            if fence:
                if current is not None:
                    yield current
                code = _Block("code")
                while i < count and not lines[i].strip().startswith(fence.group(1)):
                    code.lines.append(lines[i])
                    i += 1
                i += 1
                yield code
                current = None
                continue
            if _FIGURE_START_RE.match(line):
                end = i - 1
                limit = min(count, end + MAX_FIGURE_LINES)
                while end < limit and not _FIGURE_END_RE.search(lines[end]):
                    end += 1
                if end < limit:
                    if current is not None:
                        yield current
                        current = None
                    yield _Block("figure", lines[i - 1 : end + 1])
                    i = end + 1
                    continue
            heading = HEADING_RE.match(line)
            if heading:
                if current is not None:
                    yield current
                    current = None
                yield _Block("heading", [heading.group(2)], level=len(heading.group(1)))
                continue
            if SETEXT_H1_RE.match(line) and current is not None and current.kind == "text" and len(current.lines) == 1:
                yield _Block("heading", current.lines, level=1)
                current = None
                continue
            if _RULE_RE.match(line):
                if current is not None:
                    yield current
                    current = None
                yield _Block("rule")
                continue
            image = _LONE_IMAGE_RE.match(line)
            if image or _HTML_IMG_RE.match(line):
                if current is not None:
                    yield current
                    current = None
                if image:
                    yield _Block("image", src=image.group("src") or None, alt=image.group("alt"))
                else:
                    src = _SRC_RE.search(line)
                    alt = _ALT_RE.search(line)
                    yield _Block("image", src=src.group(1) if src else None, alt=alt.group(1) if alt else "")
                after_image = True
                continue
            item = LIST_ITEM_RE.match(line)
            if item and not _BOLD_BLOCK_RE.match(stripped):
                if current is None or current.kind != "list":
                    if current is not None:
                        yield current
                    current = _Block("list")
                current.lines.append(item.group(1))
                continue
            quote = _QUOTE_RE.match(line)
            if quote:
                if current is None or current.kind != "quote":
                    if current is not None:
                        yield current
                    current = _Block("quote")
                current.lines.append(quote.group(1))
                continue
        if current is not None and current.kind == "list" and line[:1] in " \t":
            current.lines[-1] += " " + stripped  # continuation of the last item
            continue
        if current is None or current.kind != "text":
            if current is not None:
                yield current
            current = _Block("text", attached=after_image)
        current.lines.append(line)
        after_image = False
    if current is not None:
        yield current


def _ends_sentence(text: str) -> bool:
    """True when `text` ends like a sentence (only its tail is examined, for speed)."""
    return bool(_SENTENCE_END_RE.search(text[-8:]))


def _is_hard_break(line: str) -> bool:
    return line.endswith(("  ", "\\")) or line.rstrip().endswith("<br>")


def _text_paragraphs(lines: list[str]) -> list[str]:
    """Raw paragraphs of a text block.

    Rules: one line is one paragraph; lines ending in a markdown hard break, lines of CJK
    text, and lines that mostly end like sentences are separate paragraphs; otherwise the
    block is hard-wrapped prose and its lines are joined with spaces.
    """
    if len(lines) == 1:
        return [lines[0].strip()]
    if _TABLE_SEPARATOR_RE.match(lines[1]) or all(line.lstrip().startswith("|") for line in lines):
        rows = [line for line in lines if not _TABLE_SEPARATOR_RE.match(line)]
        return [" ".join(cell.strip() for cell in row.strip().strip("|").split("|")) for row in rows]
    separate = any(_is_hard_break(line) for line in lines[:-1])
    if not separate:
        ends = sum(1 for line in lines[:-1] if _ends_sentence(line.rstrip()))
        separate = ends * 2 >= len(lines) - 1 or bool(_CJK_RE.search(lines[0][-3:]))
    if separate:
        return [p for p in (line.strip().rstrip("\\") for line in lines) if p]
    return [" ".join(line.strip() for line in lines)]


# =========================================================================================
# Inline markup
# =========================================================================================


def _protect_escapes(text: str) -> str:
    return _ESCAPE_RE.sub(lambda m: chr(0xE000 + ord(m.group(1))), text) if "\\" in text else text


def _restore_escapes(text: str) -> str:
    if text.isascii():
        return text  # no protected escape in it
    return _ESCAPED_RE.sub(lambda m: chr(ord(m.group(0)) - 0xE000), text)


def _strip_comments(text: str) -> str:
    """Remove `<!-- … -->` comments in one forward pass (an unclosed one is kept)."""
    kept: list[str] = []
    position = 0
    while True:
        start = text.find("<!--", position)
        end = text.find("-->", start + 4) if start >= 0 else -1
        if end < 0:
            break
        kept.append(text[position:start])
        position = end + 3
    kept.append(text[position:])
    return "".join(kept)


def _strip_emphasis(text: str) -> str:
    # Each pattern runs only when its delimiter is in the text (most paragraphs have none).
    if "**" in text or "__" in text:
        text = _STRONG_RE.sub(r"\1\2", text)
    if "*" in text:
        text = _EM_STAR_RE.sub(r"\1", text)
    if "_" in text:
        text = _EM_UNDERSCORE_RE.sub(r"\1", text)
    if "~~" in text:
        text = _STRIKE_RE.sub(r"\1", text)
    if "`" in text:
        text = _CODE_RE.sub(r"\1", text)
    return text


def plain_inline(raw: str) -> tuple[str, list[tuple[str, str]]]:
    """Markdown/HTML inline markup → `(plain text, [(link text, href), ...])`."""
    if not _MARKUP_CHARS_RE.search(raw):
        return clean_text(raw), []
    text = _protect_escapes(raw)
    links: list[tuple[str, str]] = []
    if "<" in text:
        text = _BR_RE.sub(" ", text)
        if "<!--" in text:
            text = _strip_comments(text)
        if "<a" in text or "<A" in text:

            def html_link(match: re.Match[str]) -> str:
                label = clean_text(_TAG_RE.sub("", match.group(2)))
                if label:
                    links.append((label, html.unescape(match.group(1))))
                return label

            text = _HTML_LINK_RE.sub(html_link, text)
        text = _AUTOLINK_RE.sub(r"\1", text)
        text = _TAG_RE.sub("", text)
    if "[" in text:
        if "![" in text:
            text = _INLINE_IMAGE_RE.sub("", text)

        def md_link(match: re.Match[str]) -> str:
            label = clean_text(_restore_escapes(_strip_emphasis(match.group("text"))))
            if label:
                links.append((label, _restore_escapes(match.group("href"))))
            return match.group("text")

        text = _LINK_RE.sub(md_link, text)
        if "][" in text:
            text = _REF_LINK_RE.sub(r"\1", text)
    text = _strip_emphasis(text)
    if "&" in text:
        text = html.unescape(text)
    return clean_text(_restore_escapes(text)), links


def _plain(raw: str) -> str:
    return plain_inline(raw)[0]


# =========================================================================================
# Captions and credits
# =========================================================================================


def _words(text: str) -> int:
    return len(text.split())


def split_cjk_credit(text: str) -> tuple[str, str | None]:
    """Split a photographer/source credit off the end of a Chinese caption.

    Only the last segment after a sentence end (`。！？」）`) or a space is taken, when it
    ends in a credit word (`攝`, `提供`, `圖片`, `照片`, `截圖`, `製圖`…), starts with
    `照片由`/`來源`/`取自`, or is a news agency's name; and only when text remains before it.
    `"…到實據。戴晴曦攝"` → `("…到實據。", "戴晴曦攝")`.
    """
    match = _CJK_CREDIT_RE.match(text)
    if not match or not match.group("text").strip():
        return text, None
    return match.group("text").strip(), match.group("credit").strip()


def split_caption(text: str, *, at_section_start: bool = False) -> tuple[str, str | None] | None:
    """`(caption, credit)` when `text` is shaped like a photo caption, else None.

    Shapes, in order:
    1. `Image copyright X Image caption Y` and `Image caption Y`.
    2. A credit glued to the caption (`ReutersA Russian aircraft…`): a known credit
       (`lexicon.CAPTION_CREDITS`, `X/Getty Images`, `X via Getty Images`) directly followed by a capital.
    3. A credit, a space, then caption text (`Getty Images Russia's President…`), when the
       text does not end like a sentence or stands under an image (`at_section_start`).
    4. Text ending in `(Photo: X)`, `Photo: X`, `| Credit X` or `(Reuters)`, with no
       terminal period after the credit.
    The caption must have `MIN_CAPTION_WORDS`..`MAX_CAPTION_WORDS` words.
    """
    if len(text) > 800 or not text:
        return None
    found: tuple[str, str | None] | None = None
    match = _IMAGE_COPYRIGHT_RE.match(text)
    if match:
        return match.group("text").strip(), match.group("credit").strip()
    match = _IMAGE_CAPTION_RE.match(text)
    if match:
        return match.group("text").strip(), None
    may_open_with_credit = _may_open_with_credit(text)  # (asked once for both shapes)
    match = _GLUED_CAPTION_RE.match(text) if may_open_with_credit else None
    if match:
        found = match.group("text"), match.group("credit")
    elif may_open_with_credit:
        match = _SPACED_CAPTION_RE.match(text)
        if (
            match
            and (at_section_start or not _TERMINAL_RE.search(text[-8:]))
            and match.group("text").split(None, 1)[0] not in _ORG_CONTINUATIONS
            and not _MULTI_SENTENCE_RE.search(match.group("text"))
        ):
            found = match.group("text"), match.group("credit")
    if (
        found is None
        and text[-1] in ")"
        and ("Photo" in text or "Picture" in text or "Image" in text or "Credit" in text)
    ):
        match = _TRAILING_CREDIT_RE.match(text)
        if match:
            found = match.group("text"), match.group("credit")
    elif found is None and ("Photo" in text or "Picture" in text or "Credit" in text or "Image" in text):
        match = _TRAILING_CREDIT_RE.match(text)
        if match:
            credit = match.group("credit") or match.group("credit2") or match.group("credit3")
            if credit and _words(credit) <= 6:
                found = match.group("text"), credit
    if found is None and text.endswith(")"):
        match = _TRAILING_AGENCY_RE.match(text)
        if match:
            found = match.group("text"), match.group("credit")
    if found is None:
        return None
    caption, credit = found[0].strip(), (found[1] or "").strip() or None
    if not MIN_CAPTION_WORDS <= _words(caption) <= MAX_CAPTION_WORDS:
        return None
    return caption, credit


def _bracket_credited(text: str) -> tuple[str, str | None] | None:
    """`dump.bracket_credited_caption` on one paragraph: a caption ending in its bracketed photo
    credit (`… (AP Photo/Jane Doe, File)`), which a reader-mode export prints as a paragraph."""
    from .dump import bracket_credited_caption
    from .dump_region import paragraph_units

    return bracket_credited_caption(paragraph_units([(text, 0)])[0])


def _may_open_with_credit(text: str) -> bool:
    """False when no credit can open `text` (`_CREDIT_STARTS`): it neither starts with a
    known name nor holds a `/` or `via`."""
    return "/" in text or "via" in text or (text[:2] in _CREDIT_HEADS and text.startswith(_CREDIT_STARTS))


def _figure_caption(lines: list[str]) -> tuple[str, str | None, str | None] | None:
    """`(text, credit, src)` of a `<figure>` block, None when it has no caption or alt text."""
    raw = "\n".join(lines)
    src_match = _SRC_RE.search(raw)
    src = html.unescape(src_match.group(1)) if src_match else None
    caption_match = _FIGCAPTION_RE.search(raw)
    text = ""
    if caption_match:
        text = clean_text(html.unescape(_TAG_RE.sub(" ", _BR_RE.sub(" ", caption_match.group(1)))))
    if not text:
        alt = _ALT_RE.search(raw)
        text = clean_text(html.unescape(alt.group(1))) if alt else ""
    if not text:
        return None
    caption, credit = _split_any_credit(text)
    return caption, credit, src


def _split_any_credit(text: str) -> tuple[str, str | None]:
    """Credit split for a text already known to be a caption (figure, image)."""
    if _CJK_RE.search(text):
        return split_cjk_credit(text)
    shaped = split_caption(text, at_section_start=True)
    if shaped:
        return shaped
    return split_credit(text)


# =========================================================================================
# Bylines, datelines, headings
# =========================================================================================


def _cjk_person(raw: str) -> Person:
    """`記者吳婉英` → name `吳婉英`, role `記者`; anything else is a name as written."""
    match = _CJK_ROLE_RE.match(raw)
    if match:
        return Person(name=match.group("name"), role=match.group("role"))
    return Person(name=raw)


def _people(raw: str) -> list[Person]:
    """Names from an author string, with Chinese role prefixes split off."""
    return [_cjk_person(name) for name in split_authors(raw)]


def _looks_like_names(text: str) -> bool:
    words = text.replace(",", " ").replace("&", " and ").split()
    if not words or len(words) > 15:
        return False
    return all(w in ("and", "And") or _NAME_WORD_RE.match(w) for w in words)


def _read_byline(text: str) -> tuple[list[str], str | None] | None:
    """`By A[, B and C][, role]` → `(names, role)`, or None when `text` is not a byline."""
    if len(text) > 160 or text.endswith((".", "!", "?")) and not text.endswith(("Jr.", "Sr.")):
        return None
    match = _BYLINE_RE.match(text)
    if not match:
        return None
    rest = match.group("rest").strip()
    role: str | None = None
    for separator in (" | ", " – ", " — ", " - ", ", "):
        head, found, tail = rest.partition(separator)
        if found and tail and (not _looks_like_names(tail) or _ROLE_WORDS_RE.search(tail)):
            if separator == ", " and _looks_like_names(head):
                rest, role = head, tail.strip()
                break
            if separator != ", ":
                rest, role = head, tail.strip()
                break
    if not _looks_like_names(rest):
        return None
    names = split_authors(rest)
    return (names, role) if names else None


def _is_role_line(text: str) -> bool:
    """A short line naming a job (`Defence correspondent`, `BBC News, Moscow editor`)."""
    if _words(text) > 8 or len(text) > 80 or _TERMINAL_RE.search(text[-8:]):
        return False
    return bool(_ROLE_WORDS_RE.search(text))


@dataclass(slots=True)
class _Dateline:
    raw: str
    iso: str
    publisher: str | None
    modified: bool


def _read_dateline(text: str) -> _Dateline | None:
    """`BBC News, 25 March 2019` / `Published: 2019-03-25` / `25/03/2019` → a `_Dateline`."""
    if len(text) > MAX_DATELINE_CHARS or not any(ch.isdigit() for ch in text):
        return None
    found = find_date(text)
    if not found:
        return None
    raw, iso = found
    start = text.find(raw)
    before = text[:start].strip(_DATELINE_SEPARATORS)
    after = text[start + len(raw) :].strip(_DATELINE_SEPARATORS)
    modified = False
    label = _DATE_LABEL_RE.match(text[:start]) if before else None
    if label:
        modified = label.group("label").lower() in _MODIFIED_LABELS
        before = text[label.end() : start].strip(_DATELINE_SEPARATORS)
    publisher_text = before or after
    if before and after:
        return None
    publisher: str | None = None
    if publisher_text:
        if _words(publisher_text) > MAX_PUBLISHER_WORDS or not _PUBLISHER_RE.match(publisher_text):
            return None
        publisher = publisher_text
    return _Dateline(raw=raw, iso=iso, publisher=publisher, modified=modified)


# A line ending in one of these stops mid-sentence (`…secured qualification for`).
_DANGLING_WORDS = frozenset(
    "a an the and or but of for to in on at by with from as than that which who whose his her its their "
    "our my your is are was were be been has have had will would".split()
)


def _is_title_like(text: str) -> bool:
    """A short line that reads like a crosshead: no terminal period, starts with a capital.

    Rules: at most `MAX_HEADING_WORDS` words and `MAX_HEADING_CHARS` characters; first
    letter upper case (after an opening quote); no final `.`, `,`, `;`, `:` or `!` (a
    question mark is allowed: `What's the background?`); not a bare number or date.
    """
    if not text or len(text) > MAX_HEADING_CHARS or _words(text) > MAX_HEADING_WORDS:
        return False
    if text[-1] in ".,;:!…" or text.endswith(("...", '."', ".”", ".'")):
        return False
    first = text.lstrip("\"'“‘(")[:1]
    if not first or not first.isupper() or text.count(",") >= 2:
        return False
    if text.rsplit(None, 1)[-1].lower() in _DANGLING_WORDS:
        return False  # a sentence broken off mid-way, not a heading
    return len(list(islice(filter(str.isalpha, text), 3))) == 3  # three letters, found in C


def _is_sentence_like(text: str) -> bool:
    return _ends_sentence(text) or _words(text) > MAX_HEADING_WORDS or len(text) > MAX_HEADING_CHARS


# =========================================================================================
# The parser
# =========================================================================================


@dataclass(slots=True)
class _Item:
    """A classified-to-be unit: one raw paragraph, or a non-text block."""

    kind: str  # "para", "heading", "rule", "link", "figure", "image", "code"
    raw: str = ""
    level: int = 0
    block: _Block | None = None
    href: str = ""
    from_list: bool = False
    attached: bool = False
    inline: tuple[str, list[tuple[str, str]]] | None = None  # `plain_inline(raw)`, read once (`_inline`)


def _inline(item: _Item) -> tuple[str, list[tuple[str, str]]]:
    """`plain_inline(item.raw)`, computed on first use: a paragraph is read by the rules
    around it too (is it the body a heading stands over, a role line after a byline)."""
    if item.inline is None:
        item.inline = plain_inline(item.raw)
    return item.inline


def _items(blocks: Iterator[_Block], *, title_line: bool) -> list[_Item]:
    """Flatten blocks into items: text blocks split into paragraphs, lists into entries.

    With `title_line`, a first text block whose first line does not end like a sentence
    has that line split off (plain text with the headline directly above the body).
    """
    items: list[_Item] = []
    for block in blocks:
        kind = block.kind
        if title_line and kind == "text" and len(block.lines) > 1:
            first = block.lines[0].strip()
            if len(first) <= MAX_HEADLINE_CHARS and not _ends_sentence(first):
                items.append(_Item("para", first))
                block.lines = block.lines[1:]
        if kind != "rule":
            title_line = False
        if kind == "text":
            for number, para in enumerate(_text_paragraphs(block.lines)):
                items.append(_Item("para", para, attached=block.attached and number == 0))
        elif kind == "list":
            for entry in block.lines:
                link = _LIST_LINK_RE.match(entry)
                if link:
                    items.append(_Item("link", link.group("text"), href=link.group("href"), from_list=True))
                else:
                    items.append(_Item("para", entry.strip(), from_list=True))
        elif kind == "quote":
            for para in _text_paragraphs([line for line in block.lines if line.strip()] or [""]):
                if para:
                    items.append(_Item("para", para))
        elif kind == "heading":
            items.append(_Item("heading", block.lines[0], level=block.level))
        elif kind == "code":
            code = "\n".join(block.lines).strip()
            if code:
                items.append(_Item("code", code))
        else:
            items.append(_Item(kind, block=block))
    return items


def _item_text(item: _Item) -> str:
    text = item.raw or (item.block.alt if item.block is not None else "")
    return text if len(text) <= MAX_BOILERPLATE_CHARS else ""


def _is_promotion(item: _Item) -> bool:
    """A short paragraph promoting the site's newsletter (`Sign up for our newsletter`,
    `skip past newsletter promotion`, `Newsletter: Sport inside`), or a cookie-consent
    notice's (`lexicon.consent_notice`): never the article's text."""
    if item.kind != "para" or len(item.raw) > MAX_BOILERPLATE_CHARS:
        return False
    if "ewsletter" in item.raw.casefold():
        return _promotes_newsletter(item)
    return consent_notice(item.raw)


def _credited(plain: str) -> tuple[str, str | None] | None:
    """`(caption, credit)` of a reader-mode paragraph `common.split_credit` reads a photo credit
    in (`… Foto: Privat`, `… Credit: X/AFP/Getty`, `© X`): the article's paragraphs end on their
    sentence, a caption on its credit. A copyright line alone (`Copyright: Agency, 2025`) gives
    an empty caption, which reads as no text."""
    text, credit = split_credit(plain)
    if credit is None:
        return None
    return (text, credit) if len(text.split()) >= 2 else ("", None)


def _promotes_newsletter(item: _Item) -> bool:
    """A paragraph of at most `MAX_PROMOTION_CHARS` naming a newsletter (`By signing up you
    consent to receive the above newsletter`, `skip past newsletter promotion`)."""
    return item.kind == "para" and len(item.raw) <= MAX_PROMOTION_CHARS and bool(_PROMOTION_RE.search(item.raw))


def _drop_boilerplate(items: list[_Item]) -> list[_Item]:
    """Cut trailing subscription/bio boilerplate (module docstring, stage 4) and newsletter
    promotions wherever they stand."""
    if any(map(_is_promotion, items)):
        items = [item for item in items if not _is_promotion(item)]
    for index, item in enumerate(items):
        if item.kind != "rule":
            continue
        following = items[index + 1] if index + 1 < len(items) else None
        if following is None:
            return items[:index]
        text = _item_text(following)
        if text and _BOILERPLATE_RE.search(text):
            return items[:index]
    end = len(items)
    while (
        end and items[end - 1].kind in ("para", "link", "image") and _BOILERPLATE_RE.search(_item_text(items[end - 1]))
    ):
        end -= 1
    return items[:end]


class _Builder:
    """Accumulates the draft's sections, links, captions and bylines as items are read."""

    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.sections: list[tuple[str | None, int, list[str]]] = []
        self.pending_sections: list[int] = []  # indexes to check once sections are known
        self.title_at: int | None = None  # the section a heading printing the title opens
        self.link_chars: dict[str, int] = {}  # a paragraph's characters of link text (`linked_tail`)
        self.linked_headings: set[str] = set()  # headings that are one link (`lone_links`)

    @property
    def has_body(self) -> bool:
        return bool(self.sections)

    def words(self) -> int:
        return sum(_words(p) for _, _, paragraphs in self.sections for p in paragraphs)

    def here(self) -> int:
        """Index of the section an item stands in (the next one to open, before the first)."""
        return len(self.sections) - 1 if self.sections else 0

    def heading(self, text: str, level: int, raw: str | None = None) -> None:
        """Open a section under `text`; `raw`, its markup, tells a heading that is one link."""
        self.sections.append((text, level, []))
        if raw is not None and "](" in raw:
            _, links = plain_inline(raw)
            if sum(len(label) for label, _ in links) >= len(text):
                self.linked_headings.add(text)

    def paragraph(self, raw: str, inline: tuple[str, list[tuple[str, str]]] | None = None) -> None:
        """Add a paragraph; `inline` is `plain_inline(raw)` when the caller has it already."""
        text, links = inline or plain_inline(raw)
        if not text:
            return
        if not self.sections:
            self.sections.append((None, 2, []))
        index = len(self.sections) - 1
        self.sections[index][2].append(text)
        linked = sum(len(label) for label, _ in links if not _ADDRESS_RE.search(label))
        if linked:
            self.link_chars[text] = linked
        for label, href in links:
            self.draft.links.append(Link(text=label, href=href, section=index, kind="inline"))

    def related(self, raw_text: str, href: str) -> None:
        label = clean_text(_RELATED_LABEL_RE.sub("", _plain(raw_text))) or _plain(raw_text)
        if label:
            self.draft.links.append(Link(text=label, href=href, section=self.here(), kind="related"))

    def caption(self, text: str, credit: str | None, src: str | None) -> None:
        text = _plain(text)
        if text:
            self.draft.captions.append(Caption(text=text, credit=credit, src=src, section=self.here()))

    def start_at_title(self) -> None:
        """Open the body under the heading that prints the title (`title_at`) when what stood
        above it is shorter than the text under it: a reader-mode export keeps what the page
        printed above its title (a kicker, a date line, a video player's label, a consent
        dialog's purposes), and the article starts at its title. The heading itself is the
        headline printed again; a picture above it keeps its caption."""
        at = self.title_at
        if not at:
            return
        above = sum(_words(p) for _, _, paragraphs in self.sections[:at] for p in paragraphs)
        below = sum(_words(p) for _, _, paragraphs in self.sections[at:] for p in paragraphs)
        if below <= above:
            return
        _, level, paragraphs = self.sections[at]
        self.sections[at] = (None, level, paragraphs)
        del self.sections[:at]
        move_items(
            self.draft,
            lambda section: max(section - at, 0),
            lambda link: link.section is None or link.section >= at or link.kind != "inline",
        )

    def trim_tail(self) -> None:
        """Drop the paragraphs closing the body that speak to their reader while the article
        does not (`addressing_tail`): a reader-mode export keeps the tip line, donation appeal
        or `Follow us` box under the article."""
        place = addressing_tail(self.sections)
        if place is not None:
            self.cut(*place)

    def cut(self, section: int, number: int) -> None:
        """End the body before paragraph `number` of `section` (-1: before its heading); links
        and captions standing below move to the last section kept."""
        if number < 0:
            del self.sections[section:]
        else:
            del self.sections[section][2][number:]
            del self.sections[section + 1 :]
        last = len(self.sections) - 1
        move_items(
            self.draft,
            lambda section: min(section, max(last, 0)),
            lambda link: link.section is None or link.section <= last or link.kind != "inline",
        )

    def trim_comments(self) -> None:
        """Drop the entries closing the body from a short line naming its comments (`comment_tail`);
        when that line opens a section, from the section's heading: the comment section's title
        (`Tell us what you think`, `Have your say`) stands over it."""
        place = comment_tail(self.sections)
        if place is not None:
            section, number = place
            self.cut(section, -1 if number == 0 and self.sections[section][0] and section > 0 else number)

    def trim_links(self) -> None:
        """Drop the entries closing the body after its last paragraph of prose when one of them
        is mostly link text (`linked_tail`): a reader-mode export keeps the teaser and link boxes
        under the article."""
        place = linked_tail(self.sections, self.link_chars)
        if place is not None:
            self.cut(*place)

    def drop_link_boxes(self) -> None:
        """Drop the link boxes inside the body (`link_boxes`): a reader-mode export keeps a
        box of teaser links between the article's paragraphs. A section whose heading was the
        box's goes on the section before, its links and captions with it."""
        boxed = link_boxes(self.sections, self.link_chars) | lone_links(
            self.sections, self.link_chars, self.linked_headings
        )
        if not boxed:
            return
        kept: list[tuple[str | None, int, list[str]]] = []
        new_index: list[int] = []
        for index, (heading, level, paragraphs) in enumerate(self.sections):
            texts = [p for number, p in enumerate(paragraphs) if (index, number) not in boxed]
            if (index, -1) in boxed and kept:
                kept[-1][2].extend(texts)  # its heading was the box's: the text goes on the section above
            elif (index, -1) in boxed and texts:
                kept.append((None, level, texts))
            elif heading or texts:
                kept.append((heading, level, texts))
            new_index.append(max(len(kept) - 1, 0))
        self.sections = kept
        move_items(self.draft, lambda section: new_index[section] if section < len(new_index) else section)

    def finish(self) -> None:
        """Store sections; items that stood before a body that never came lose their index."""
        self.draft.sections = [Section(heading=h, level=lv, paragraphs=tuple(p)) for h, lv, p in self.sections]
        if not self.sections:
            self.draft.links = [Link(text=x.text, href=x.href, section=None, kind=x.kind) for x in self.draft.links]
            self.draft.captions = [
                Caption(text=c.text, credit=c.credit, src=c.src, section=None) for c in self.draft.captions
            ]


def _title_repeats(title: str, heading: str) -> bool:
    """True when `heading` is `title`, or `title` is `heading` plus a site suffix."""
    title, heading = title.casefold(), heading.casefold()
    if title == heading:
        return True
    rest = title[len(heading) :] if title.startswith(heading) else ""
    return bool(rest) and rest[:3] in (" - ", " | ", " – ", " — ", " :: ")


# The tail of a link whose text ran over blank lines (`Title](https://…)`): the link markup was
# broken, and what is left is no text.
_BROKEN_LINK_RE = re.compile(r"\]\((?:https?:)?/")
# A `#` heading over the text sharing this share of its words with the front matter's title is
# the title as the page prints it (longer, shorter, without the site's name).
MIN_TITLE_SHARE = 0.5
_TITLE_TOKEN_RE = re.compile(rf"[{CJK_CLASS}]|[^\W_]+")


def _shares_title(title: str | None, heading: str) -> bool:
    """True when most of `heading`'s words (each CJK character a word) are `title`'s."""
    words = _TITLE_TOKEN_RE.findall(heading.casefold())
    known = set(_TITLE_TOKEN_RE.findall((title or "").casefold()))
    return bool(words) and sum(word in known for word in words) >= MIN_TITLE_SHARE * len(words)


def _prints_title(title: str | None, heading: str) -> bool:
    """True when `heading` holds every word of `title` and most of its words are the title's:
    the title as the page prints it (a site's name or a clause after it)."""
    words = set(_TITLE_TOKEN_RE.findall((title or "").casefold()))
    return bool(words) and words <= set(_TITLE_TOKEN_RE.findall(heading.casefold())) and _shares_title(title, heading)


class _TextParser:
    def __init__(self) -> None:
        self.draft = Draft()
        self.build = _Builder(self.draft)
        self.meta_title = False
        self.meta_summary: str | None = None
        self.prose_seen = False  # a paragraph of running text has been read into the body
        self.reader = False  # a reader-mode export (front matter): `run` reads its captions as dumps print them

    def title_printed(self, heading: str) -> None:
        """Remember the section `heading` opens when it prints the front matter's title inside
        the body (`_Builder.start_at_title`)."""
        build = self.build
        if not self.meta_title or build.title_at is not None or not build.has_body:
            return
        if _prints_title(self.draft.headline, heading):
            build.title_at = len(build.sections)

    # -- metadata --------------------------------------------------------------------
    def apply_meta(self, meta: dict[str, MetaValue]) -> None:
        draft = self.draft
        draft.headline = _meta_text(meta, "title", "headline")
        self.meta_title = draft.headline is not None
        draft.url = _meta_text(meta, "canonical_url", "canonical", "original_url", "url", "link", "permalink")
        draft.publisher = _meta_text(meta, "publisher", "sitename", "site_name", "site", "source", "publication")
        draft.language = normalize_language(_meta_text(meta, "lang", "language", "locale"))
        draft.tags = _meta_list(meta, "tags", "keywords", "categories", "category")
        raw_date = _meta_text(meta, "date", "published", "published_at", "pubdate", "date_published", "published_time")
        if raw_date:
            self.set_date(raw_date)
        raw_modified = _meta_text(
            meta, "last_updated", "modified", "updated", "date_modified", "lastmod", "last_modified"
        )
        if raw_modified:
            draft.date_modified = parse_date(raw_modified)
        for name in _meta_list(meta, "authors", "author", "byline", "creator"):
            for person in _people(name):
                draft.byline.append(person)
        description = _meta_text(meta, "description", "summary", "excerpt", "subtitle", "standfirst")
        self.meta_summary = _plain(description) if description else None

    def set_date(self, raw: str, iso: str | None = None) -> None:
        iso = iso or parse_date(raw)
        if iso is None:
            self.draft.warnings.append(f"Could not read the date {raw!r}.")
            return
        self.draft.date, self.draft.date_raw = iso, clean_text(raw)
        if is_ambiguous_numeric_date(raw):
            self.draft.warnings.append(f"The date {clean_text(raw)!r} could be day/month or month/day; read day first.")

    # -- body ------------------------------------------------------------------------
    def run(self, items: list[_Item]) -> None:
        draft, build = self.draft, self.build
        lead_done = False
        pending_credit: str | None = None
        i = 0
        count = len(items)
        ended = teasers = False
        card = False  # the teaser card read last: its summary, the paragraph after its link, is the card's
        while i < count:
            item = items[i]
            i += 1
            kind = item.kind
            if teasers and not ended and kind == "heading" and _card_title(item, items[i] if i < count else None):
                card = True  # a teaser card's title printed as a heading over the link it names
                continue
            if (
                teasers
                and not ended
                and (
                    kind == "heading"
                    or (
                        kind == "para"
                        and not item.from_list
                        and _is_sentence_like(_inline(item)[0])
                        and not _LIST_LINK_RE.match(item.raw)  # (a linked title may end in `?`)
                        and not card
                    )
                )
            ):
                teasers = False  # teasers are links, images and titles: the article resumes
            if teasers and kind == "para" and card and not _LIST_LINK_RE.match(item.raw):
                card = False  # the card's summary read, the next sentence is the article's again
                continue
            if kind == "rule":
                continue
            if ended or teasers:
                link = _LIST_LINK_RE.match(item.raw) if kind == "para" else None
                if kind == "link" or link:
                    build.related(link.group("text") if link else item.raw, link.group("href") if link else item.href)
                continue
            if kind == "heading":
                text = _plain(item.raw)
                if not text:
                    continue
                if build.has_body and (_TEASER_HEADING_RE.match(text) or self.comments_begin(text)):
                    ended = self.comments_begin(text)
                    teasers = True
                    continue
                if draft.headline is None and not build.has_body:
                    draft.headline = text
                elif self.meta_title and not build.has_body and _title_repeats(draft.headline or "", text):
                    draft.headline = text  # the title repeated as the first heading, without a site suffix
                    self.meta_title = False
                elif not (self.meta_title and not build.has_body and item.level <= 2) or not _shares_title(
                    draft.headline, text
                ):
                    self.title_printed(text)
                    build.heading(text, item.level, item.raw)  # (a `#`/`##` title in other words: none)
                continue
            if kind == "figure" and item.block is not None:
                found = _figure_caption(item.block.lines)
                if found:
                    build.caption(found[0], found[1], found[2])
                continue
            if kind == "image" and item.block is not None:
                i = self.image(item.block, items, i)
                continue
            if kind == "code":
                build.paragraph(item.raw)
                continue
            if kind == "link":
                build.related(item.raw, item.href)
                continue
            raw = item.raw
            inline = _inline(item)
            plain = inline[0]
            if not plain:
                continue
            if draft.headline is None and not build.has_body:
                if len(plain) <= MAX_HEADLINE_CHARS:
                    draft.headline = plain
                    continue
            if not build.has_body and self.dateline(plain):
                continue
            if self.reader and not self.prose_seen and self.opening_date(plain):
                continue
            if self.reader and not self.prose_seen and self.author_printed(plain):
                continue
            byline = _read_byline(plain) if plain[:1] in "BWR" else None
            if byline is None and not build.has_body and not draft.byline:
                author = _AUTHOR_LINE_RE.match(plain)
                if author:
                    byline = (split_authors(author.group("rest")), None)
            if byline is not None:
                names, role = byline
                if role is None and i < count and items[i].kind == "para" and _is_role_line(_inline(items[i])[0]):
                    role = _inline(items[i])[0]
                    i += 1
                section = build.here() if build.has_body else None
                for name in names:
                    draft.byline.append(Person(name=name, role=role, section=section))
                continue
            if self.reader and LABEL_LINE_RE.match(plain):
                continue  # a label, not content (`Tags: …`, `Foto: X`, `Advertisement`), as the HTML reading drops it
            if not item.from_list:
                credit_only = (
                    _CREDIT_ONLY_RE.match(plain) if _may_open_with_credit(plain) or plain[:6] == "Image " else None
                )
                if credit_only:
                    pending_credit = credit_only.group("credit") or credit_only.group("labelled")
                    continue
                # Only under an image may a credited line end like a sentence: after a heading
                # or at the top, `Pool Safety Week begins on Monday.` is body text.
                under_image = i >= 2 and items[i - 2].kind in ("figure", "image")
                shaped = split_caption(plain, at_section_start=under_image)
                if shaped is None and pending_credit and not _is_sentence_like(plain):
                    shaped = plain, pending_credit
                if shaped is None and self.reader and plain[-1:] in ")]）】":
                    shaped = _bracket_credited(plain)
                if shaped is None and self.reader and len(plain) <= MAX_CREDITED_CHARS:
                    shaped = _credited(plain)
                if shaped is not None:
                    build.caption(shaped[0], shaped[1] or pending_credit, None)
                    pending_credit = None
                    continue
            pending_credit = None
            if self.related_line(raw):
                continue
            if len(plain) <= MAX_TEASER_LINE_CHARS and _TEASER_LABEL_RE.match(plain):
                continue  # `MORE : Title`, `Read more: Title` whose link the export dropped: a teaser
            bold = _BOLD_BLOCK_RE.match(raw) if "**" in raw or "__" in raw else None
            if bold and not lead_done and not any(s[2] for s in build.sections):
                inner = _plain(bold.group("inner"))
                if _words(inner) >= MIN_LEAD_WORDS or _ends_sentence(inner):
                    draft.summary = inner
                    build.paragraph(bold.group("inner"))
                    lead_done = True
                    continue
            title_like = _is_title_like(plain)  # read once for the two rules below
            # (A teaser heading may close like a sentence: `You may also like...`.)
            teaser = build.has_body and len(plain) <= MAX_HEADING_CHARS and bool(_TEASER_HEADING_RE.match(plain))
            if teaser or (build.has_body and title_like and self.comments_begin(plain)):
                ended = self.comments_begin(plain)
                teasers = True
                continue
            if not item.from_list and title_like and self.followed_by_body(items, i):
                if bold or not _CJK_RE.search(plain):
                    self.title_printed(plain)
                    build.heading(plain, 2, raw)
                    continue
            if "](" in plain and _BROKEN_LINK_RE.search(plain):
                continue  # a link's tail whose opening bracket stood blocks above: markup debris
            build.paragraph(raw, inline)
            lead_done = True
            self.prose_seen = self.prose_seen or (_words(plain) >= MIN_LEAD_WORDS and _is_sentence_like(plain))

    def read_dump(self, reading: DumpReading) -> None:
        """The page-dump reading (see `dump`): headline, header zone, then the body run."""
        from .dump import (
            MAX_DATELINE_CHARS,
            body_dateline,
            body_units,
            bracket_credited_caption,
            byline_people,
            copyright_line,
            credited_caption,
            dateline_of,
            dateline_people,
            doubled_caption,
            dump_names,
            glued_twice,
            headline_raw,
            headline_text,
            image_alt,
            image_caption,
            is_byline,
            is_dateline,
            is_prose,
            keep_in_body,
            labelled_credit,
            name_line,
            prefixed_dateline,
            printed_twice,
            related_after,
            unit_markdown,
            without_outlet,
        )

        draft, build, units = self.draft, self.build, reading.units
        if reading.end <= reading.start:
            return  # no article: `parse` refuses the empty draft
        if reading.headline is not None:
            printed = _plain(headline_raw(units[reading.headline]))
            draft.headline = headline_text(printed, units, reading.references, reading.shared) or None
        seen: set[str] = set()
        if draft.headline:
            seen.add(draft.headline.casefold())
        opening: list[str] = []
        named: list[Person] = []  # a name printed on a dateline: the byline when no other is
        lines: list[Person] = []  # names printed alone on their line, which a `By` line outranks
        last_line = -1  # the index of the last of those lines
        header = reading.header
        position = 0
        while position < len(header):
            index = header[position]
            unit = units[index]
            position += 1
            people, used = byline_people(units, index)
            if people and lines:
                # `By Jane Doe` under a line printing only a name (a photo's subject, a
                # columnist's portrait): the prefixed byline is the credit.
                draft.byline = [p for p in draft.byline if p not in lines]
                lines = []
            # Co-authors printed one per line: a name line right under the one read before.
            co_author = bool(lines) and last_line == index - 1 and all(p in lines for p in draft.byline)
            if not people and (not draft.byline or co_author) and index != reading.body_start:
                # A name printed in bold is a byline right above the dateline or the text.
                following = units[index + 1] if index + 1 < len(units) else None
                bold = index + 1 == reading.body_start or (
                    following is not None and (is_dateline(following) or is_prose(following))
                )  # (the article's text may open on a paragraph shorter than the body proper's)
                people, used = name_line(unit, reading.lower_words, bold=bold), 1
                lines.extend(people)
                last_line = index if people else last_line
            if people:
                draft.byline.extend(p for p in people if all(p.name != q.name for q in draft.byline))
                position += used - 1
                self.byline_date(units[index : index + used])
                if unit.chars > MAX_DATELINE_CHARS and not is_byline(unit) and is_prose(unit):
                    if keep_in_body(unit, seen):  # a byline glued to the standfirst: its text stays
                        opening.append(unit_markdown(unit, reading.references))
                continue
            found = dateline_of(unit)
            if found is not None:
                raw, iso, modified = found
                if modified:
                    draft.date_modified = draft.date_modified or iso
                elif draft.date is None:
                    self.set_date(raw, iso)
                if not named:
                    named = dateline_people(unit, raw, reading.lower_words)
                    if named and prefixed_dateline(unit, raw) and all(p in lines for p in draft.byline):
                        # `8. Januar 2020 · by Jane Doe`: a byline word outranks a name printed alone.
                        draft.byline = list(named)
                        lines = []
                continue
            plain = unit.visible
            image = image_alt(unit) if not plain else None
            if image is not None:
                # An image in the header: its alt text is the caption, a `Foto: X` line its credit.
                following = units[header[position]] if position < len(header) else None
                shaped = split_caption(following.visible, at_section_start=True) if following is not None else None
                if following is not None and shaped is not None and not is_prose(following):
                    build.caption(shaped[0], shaped[1], image[1] or None)  # the printed caption wins
                    seen.add(following.visible.casefold())
                    position += 1
                    continue
                credit = labelled_credit(following) if following is not None else None
                position += credit is not None
                build.caption(image[0], credit, image[1] or None)
                seen.add(image[0].casefold())
                continue
            if not plain or plain.casefold() in seen:
                continue
            shaped = split_caption(plain, at_section_start=True)
            if shaped is not None and not is_prose(unit):
                build.caption(shaped[0], shaped[1], None)
                seen.add(plain.casefold())
                continue
            if unit.repeated and unit.sentences:
                # A caption printed twice (under the image and in a gallery).
                text, credit = _split_any_credit(plain)
                build.caption(text, credit, None)
                seen.add(plain.casefold())
                continue
            glued = image_caption(unit)
            if glued is not None:
                text, credit = _split_any_credit(glued[0])
                build.caption(text, credit, glued[1] or None)  # an image and its caption in one paragraph
                seen.add(plain.casefold())
                continue
            shaped = copyright_line(unit) or credited_caption(unit)
            if shaped is not None:
                if shaped[0]:
                    build.caption(shaped[0], shaped[1], None)  # a caption ending in its credit
                seen.add(plain.casefold())
                continue  # (else a rights line)
            if is_prose(unit) and keep_in_body(unit, seen):
                opening.append(unit_markdown(unit, reading.references))
        if draft.date is None:
            named = self.dump_date(reading) or named
        if not draft.byline and named:
            draft.byline.extend(named)
        if not draft.byline:
            self.dump_byline(reading)
        draft.byline = without_outlet(draft.byline, units)
        shown = body_units(reading, seen)
        body: list[str] = []
        index = 0
        while index < len(shown):
            pair = doubled_caption(shown[index], shown[index + 1]) if index + 1 < len(shown) else None
            if pair is not None:
                build.caption(pair[0], pair[1], None)  # an image's alt text, then its caption and credit
                index += 2
                continue
            twice = printed_twice(shown[index], shown[index + 1]) if index + 1 < len(shown) else None
            if twice is not None:
                build.caption(twice, None, None)  # one text printed twice in a row: a caption
                index += 2
                continue
            glued = image_caption(shown[index])
            if glued is not None:
                text, credit = _split_any_credit(glued[0])
                build.caption(text, credit, glued[1] or None)  # an image and its caption in one paragraph
                index += 1
                continue
            credited = bracket_credited_caption(shown[index]) or glued_twice(shown[index])
            if credited is not None:
                build.caption(credited[0], credited[1], None)  # a caption with its credit in brackets, or twice
                index += 1
                continue
            rights = copyright_line(shown[index])
            if rights is not None:
                if rights[0]:
                    build.caption(rights[0], rights[1], None)  # a caption with its `© X` credit
                index += 1  # (else a rights line: no body text)
                continue
            found = dateline_of(shown[index]) if body_dateline(shown[index]) else None
            if found is not None and (draft.date is not None or not found[2]):
                # The page's date printed again inside the body: no article text, a date still
                # (an `Updated` line alone is left to the body reading, which dates by it).
                if found[2]:
                    draft.date_modified = draft.date_modified or found[1]
                elif draft.date is None:
                    self.set_date(found[0], found[1])
                index += 1
                continue
            credited_text = credited_caption(shown[index])
            if credited_text is not None:
                build.caption(credited_text[0], credited_text[1], None)  # a caption ending in its credit
                index += 1
                continue
            body.append(unit_markdown(shown[index], reading.references))
            index += 1
        items = _items(_blocks("\n\n".join(opening + body).split("\n")), title_line=False)
        items = [item for item in items if not _promotes_newsletter(item)]  # a newsletter box's lines
        before_body = len(draft.byline)
        self.run(items)
        if before_body:
            # Bylines in the body of a page whose article is credited already are its
            # teasers' (`By Jane Doe` under each teaser title after the article).
            del draft.byline[before_body:]
        for unit in related_after(reading):
            link = _LIST_LINK_RE.match(unit_markdown(unit, reading.references)[2:])
            if link:
                build.related(link.group("text"), link.group("href"))
        kept: dict[str, Person] = {}
        for person in dump_names(draft.byline):
            kept.setdefault(person.name.casefold(), person)  # a byline printed twice names one person
        draft.byline = list(kept.values())

    def dump_byline(self, reading: DumpReading) -> None:
        """A byline or author-page links near the headline, else in an author box after the
        article (module `dump`): the first unit that names someone (a name with its job title
        beside or under it among them: `dump.titled_name`); else the name opening an
        author bio at the article's end; else a line that is only a name, next to a dateline
        near the headline (down to `dump.UNDER_HEADLINE_UNITS` under it: share bars may stand
        between) or around the start of the article's text, with the name lines right above
        and below it (co-authors); else a byline between a headline printed apart and the
        article's text; else a name line just above the headline (`dump.NAME_ABOVE_HEADLINE_UNITS`:
        a page may print the author between the kicker and the title)."""
        from .dump import (
            NAME_ABOVE_HEADLINE_UNITS,
            UNDER_HEADLINE_UNITS,
            after_prose,
            agency_line,
            archive_author,
            author_links,
            bio_author,
            body_opening,
            byline_people,
            cjk_name_line,
            cjk_titled_names,
            credit_search_order,
            is_dateline,
            is_image_placeholder,
            name_line,
            photo_author,
            titled_name,
        )

        units = reading.units
        for index in credit_search_order(reading):
            if not 0 <= index < len(units):
                continue
            if index >= reading.end and units[index - 1].bullet and units[index - 1].chars >= TEASER_TITLE_CHARS:
                continue  # after the article, a byline under a list item's title is that teaser's
            people = byline_people(units, index)[0] or author_links(units[index], reading.references)
            if not people and index < reading.end and not after_prose(units, reading, index):
                # A name with its job title after it (`Jane Doe – Journalist`) credits like a
                # byline, with the co-authors printed so under it (author photos between).
                at = index
                while at < len(units):
                    titled, used = titled_name(units, at, reading.lower_words)
                    if not titled and not is_image_placeholder(units[at]):
                        break
                    people.extend(titled)
                    at += used or 1
            if people:
                self.draft.byline.extend(people)
                return
        for index in range(max(reading.body_start, reading.end - 3), min(len(units), reading.end + 25)):
            people = (
                bio_author(units[index])
                or archive_author(units[index], reading.lower_words)
                or photo_author(units, index, reading.lower_words)
            )
            if people:
                self.draft.byline.extend(people)
                return
        top = reading.headline if reading.headline is not None else reading.start
        headline = (self.draft.headline or "").casefold()
        stop = min(len(units), max(reading.body_start + 3, top + 1 + UNDER_HEADLINE_UNITS))
        near = [*range(max(0, top - 8), stop), *range(max(0, reading.start - 5), min(reading.end, reading.start + 3))]
        # The short lines opening the article's text, down to its first long paragraph.
        near += range(reading.start + 3, body_opening(units, reading.start, reading.end))
        for index in dict.fromkeys(near):
            neighbours = (units[i] for i in (index - 1, index + 1) if 0 <= i < len(units))
            if index == top or not any(is_dateline(u) for u in neighbours):
                continue
            named = [
                p for p in name_line(units[index], reading.lower_words, linked=True) if p.name.casefold() != headline
            ]
            if not named and agency_line(units[index]):
                self.draft.byline.extend(agency_line(units[index]))
                return
            if named:
                # Co-authors printed one per line: the name lines right above and below.
                run = [index]
                words = reading.lower_words
                while run[0] - 1 != top and run[0] > 0 and name_line(units[run[0] - 1], words, linked=True):
                    run.insert(0, run[0] - 1)
                while run[-1] + 1 < len(units) and name_line(units[run[-1] + 1], words, linked=True):
                    run.append(run[-1] + 1)
                for at in run:
                    for person in name_line(units[at], reading.lower_words, linked=True):
                        if person.name.casefold() != headline:
                            self.draft.byline.append(person)
                return
        # A Chinese, Japanese or Korean name printed bare beside the dateline, above the
        # article's text (under it, a line so short may be a reader's comment).
        for index in dict.fromkeys(near):
            if index != top and index < reading.start and cjk_name_line(units, index):
                self.draft.byline.extend(cjk_name_line(units, index))
                return
        # Last, a byline between a headline printed apart (in a top bar, above teasers) and the
        # article's text, past where the search above stops: the article's own header.
        for index in range(top + 1 + UNDER_HEADLINE_UNITS, reading.start - 5):
            people = byline_people(units, index)[0] or author_links(units[index], reading.references)
            if people:
                self.draft.byline.extend(people)
                return
        # A name line printed just above the headline (between a kicker and the title).
        for index in range(top - 1, max(-1, top - 1 - NAME_ABOVE_HEADLINE_UNITS), -1):
            named = [p for p in name_line(units[index], reading.lower_words) if p.name.casefold() != headline]
            if named:
                self.draft.byline.extend(named)
                return
        self.draft.byline.extend(cjk_titled_names(units, reading.end))

    def byline_date(self, units: list[Unit]) -> None:
        """The date a byline line prints after the name (`By Jane Doe November 2, 2018`,
        `von Newsdesk 28. Januar 2022`): bylines and datelines often share one line."""
        from .dump import dateline_of

        for unit in units:
            found = dateline_of(unit)
            if found is not None:
                raw, iso, modified = found
                if modified:
                    self.draft.date_modified = self.draft.date_modified or iso
                elif self.draft.date is None:
                    self.set_date(raw, iso)
                return

    def dump_date(self, reading: DumpReading) -> list[Person]:
        """A dateline just before the headline, just around the start of the article's text
        (a page may print the headline apart from the article, in a top bar), among the
        body's first units (short lines only), or just after the article (module `dump`).
        Returns the person the dateline names beside its date (`dump.dateline_people`)."""
        from .dump import dateline_of, dateline_people

        units = reading.units
        top = reading.headline if reading.headline is not None else reading.start
        near = [
            *range(top - 1, max(-1, top - 9), -1),
            *range(reading.start - 1, max(top, reading.start - 6), -1),
            *range(reading.start, min(reading.end, reading.start + 5)),
            *range(reading.body_start, min(reading.end, reading.body_start + 10)),
            *range(reading.end, min(len(units), reading.end + 8)),
        ]
        for index in near:
            found = dateline_of(units[index])
            if found is not None and not found[2]:
                self.set_date(found[0], found[1])
                return dateline_people(units[index], found[0], reading.lower_words)
        return []

    def dateline(self, plain: str) -> bool:
        found = _read_dateline(plain)
        if found is None:
            return False
        draft = self.draft
        if found.modified:
            if draft.date_modified is None:
                draft.date_modified = found.iso
        elif draft.date is None:
            self.set_date(found.raw, found.iso)
        if found.publisher and draft.publisher is None:
            draft.publisher = found.publisher
        return True

    def opening_date(self, plain: str) -> bool:
        """A short line holding a date above the article's first paragraph of running text (a
        reader-mode export keeps the page's `Stand: 22.04.2024, 06:00 Uhr`, `기사입력 :[ 2018-08-25
        15:24 ]` over the text): a dateline, no body text."""
        if len(plain) > MAX_DATELINE_CHARS or _words(plain) > MAX_OPENING_DATE_WORDS:
            return False
        if not any(map(str.isdigit, plain)):
            return False
        from .html_dates import find_text_date

        found = find_text_date(plain)  # month names in the page's language (`22 de janeiro de 2018`)
        if found is None:
            return False
        if self.draft.date is None:
            self.set_date(*found)
        return True

    def author_printed(self, plain: str) -> bool:
        """A short line above the article's first paragraph of running text printing the header's
        author names with at most `MAX_AUTHOR_LINE_EXTRA_WORDS` other words (`By Jane Doe`,
        `Jane Doe / 12.03.2024`): the byline printed again, no body text."""
        if not self.draft.byline or len(plain) > MAX_DATELINE_CHARS:
            return False
        folded = plain.casefold()
        names = [p.name.casefold() for p in self.draft.byline if p.name]
        if not any(name in folded for name in names):
            return False
        for name in names:
            folded = folded.replace(name, " ")
        return len(_LETTER_WORD_RE.findall(folded)) <= MAX_AUTHOR_LINE_EXTRA_WORDS

    def related_line(self, raw: str) -> bool:
        """`相關報道：[text](href)` or `[相關報道：text](href)` lines → related links."""
        if "[" not in raw:
            return False  # both shapes hold a link
        match = _RELATED_LINE_RE.match(raw)
        if match is None:
            if not _RELATED_IN_LINK_RE.match(raw) or not _LIST_LINK_RE.match(raw):
                return False
            source = raw
        else:
            source = match.group("links")
        found = False
        for link in _LINK_RE.finditer(source):
            self.build.related(link.group("text"), link.group("href"))
            found = True
        return found

    def comments_begin(self, heading: str) -> bool:
        """A comment-thread heading after the article's text ends the article (comments are prose too)."""
        return bool(_COMMENT_HEADING_RE.match(heading)) and self.build.words() >= MIN_WORDS_BEFORE_COMMENTS

    def followed_by_body(self, items: list[_Item], index: int) -> bool:
        """True when the item at `index` is body content a heading can stand over."""
        if index >= len(items):
            return False
        nxt = items[index]
        if nxt.kind in ("figure", "image", "link", "code"):
            return True
        if nxt.kind != "para":
            return False
        text = _inline(nxt)[0]
        return (
            _is_sentence_like(text)
            or _read_byline(text) is not None
            or split_caption(text, at_section_start=True) is not None
        )

    def image(self, block: _Block, items: list[_Item], index: int) -> int:
        """A lone markdown/HTML image: caption from an obvious caption line, else its alt."""
        if index < len(items) and items[index].kind == "para":
            nxt = items[index].raw
            italic = _ITALIC_BLOCK_RE.match(nxt)
            plain = _inline(items[index])[0]
            if italic and not _BOLD_BLOCK_RE.match(nxt):
                text, credit = _split_any_credit(_plain(italic.group("inner")))
                self.build.caption(text, credit, block.src)
                return index + 1
            shaped = split_caption(plain, at_section_start=True)
            if shaped is None and items[index].attached and _words(plain) <= MAX_CAPTION_WORDS // 2:
                shaped = _split_any_credit(plain)
            if shaped is not None:
                self.build.caption(shaped[0], shaped[1], block.src)
                return index + 1
        alt = clean_text(block.alt)
        if alt and _words(alt) >= MIN_CAPTION_WORDS or _CJK_RE.search(alt) and len(alt) >= 4:
            text, credit = _split_any_credit(alt)
            self.build.caption(text, credit, block.src)
        return index


# Substrings without which no markdown hint can match: a cheap screen before the regex.
_MARKDOWN_SCREEN = ("#", "**", "](", ">", "```", "<")


def _is_markdown(text: str) -> bool:
    return any(mark in text for mark in _MARKDOWN_SCREEN) and (
        _MARKDOWN_HINT_RE.search(text) is not None or _MARKDOWN_LINE_HINT_RE.search("\n" + text) is not None
    )


# A link whose text is an address (`www.example.org`, `jane@example.org`) prints the article's
# contact details, not a teaser's title: its text is not counted as link text.
_ADDRESS_RE = re.compile(r"@|www\.|://|^\S+\.[a-z]{2,}$")
# A paragraph whose text is at least this share of link text is a link box's, not prose.
MIN_LINKED_SHARE = 0.5


# A run of entries holding this many paragraphs of link text is a box of links.
MIN_BOX_LINKS = 2


def link_boxes(
    sections: Sequence[tuple[str | None, int, Sequence[str]]], link_chars: dict[str, int]
) -> set[tuple[int, int]]:
    """The places (`(section, paragraph)`, -1 for a heading) of the runs of entries that are
    headings, short lines (under `dump_region.SHORT_CHARS`) or paragraphs at least
    `MIN_LINKED_SHARE` link text, holding `MIN_BOX_LINKS` such paragraphs or more: a box of
    teaser links; the article's paragraphs link a phrase or two."""
    from .dump_region import SHORT_CHARS

    boxed: set[tuple[int, int]] = set()
    run: list[tuple[int, int]] = []
    linked = 0
    for index, (heading, _level, paragraphs) in enumerate(sections):
        entries = [((index, -1), heading, False)] if heading else []
        entries += [
            ((index, number), text, link_chars.get(text, 0) >= MIN_LINKED_SHARE * len(text))
            for number, text in enumerate(paragraphs)
        ]
        for place, text, dense in entries:
            if dense or place[1] < 0 or len(text) < SHORT_CHARS:
                run.append(place)
                linked += dense
                continue
            if linked >= MIN_BOX_LINKS:
                boxed.update(run)
            run, linked = [], 0
    if linked >= MIN_BOX_LINKS:
        boxed.update(run)
    return boxed


# A sentence's stop anywhere in a line (not a number's point): `… continuum.'Click To Tweet` is a
# quotation linked to share, a sentence; a teaser's or promotion's title holds none.
_SENTENCE_STOP_RE = re.compile(r"[.!?。！？](?!\d)")


def lone_links(
    sections: Sequence[tuple[str | None, int, Sequence[str]]], link_chars: dict[str, int], headings: set[str]
) -> set[tuple[int, int]]:
    """The places of the paragraphs and headings between the article's paragraphs that are one link and no
    sentence (`GET THE APP BY CLICKING HERE`, a teaser's title): a reader-mode export keeps the
    promotion or related story a page set between its paragraphs; the article's paragraphs are
    sentences, and link a phrase or two of them."""
    places, texts = _entries(sections)
    found: set[tuple[int, int]] = set()
    for at in range(1, len(places) - 1):
        place, text = places[at], texts[at]
        whole = text in headings if place[1] < 0 else link_chars.get(text, 0) >= len(text)
        if not whole or _SENTENCE_STOP_RE.search(text):
            continue
        if places[at - 1][1] >= 0 and places[at + 1][1] >= 0:
            found.add(place)
    return found


def _entries(sections: Sequence[tuple[str | None, int, Sequence[str]]]) -> tuple[list[tuple[int, int]], list[str]]:
    """The body's entries in order: their places (`(section, paragraph)`, -1 for a heading) and texts."""
    places: list[tuple[int, int]] = []
    texts: list[str] = []
    for index, (heading, _level, paragraphs) in enumerate(sections):
        if heading:
            places.append((index, -1))
            texts.append(heading)
        for number, text in enumerate(paragraphs):
            places.append((index, number))
            texts.append(text)
    return places, texts


def linked_tail(
    sections: Sequence[tuple[str | None, int, Sequence[str]]], link_chars: dict[str, int]
) -> tuple[int, int] | None:
    """Where the run of entries after the body's last paragraph of prose begins, when a
    paragraph of that run is at least `MIN_LINKED_SHARE` link text (`link_chars`): headings,
    short lines (under `dump_region.SHORT_CHARS`) and linked paragraphs, a teaser or link box
    the export kept; None when there is no such paragraph or the run holds more than
    1/MAX_TAIL_SHARE of the body's characters."""
    from .dump_region import SHORT_CHARS

    places, texts = _entries(sections)
    start = len(texts)
    linked = below = 0
    while start > 1:
        text = texts[start - 1]
        dense = link_chars.get(text, 0) >= MIN_LINKED_SHARE * len(text)
        if places[start - 1][1] >= 0 and not dense and len(text) >= SHORT_CHARS:
            break  # the article's last paragraph of prose
        linked += dense and places[start - 1][1] >= 0
        below += len(text)
        start -= 1
    if not linked or start >= len(texts) or below * MAX_TAIL_SHARE > sum(map(len, texts)):
        return None
    return places[start]


def comment_tail(sections: Sequence[tuple[str | None, int, Sequence[str]]]) -> tuple[int, int] | None:
    """Where the comment section a reader-mode export kept under the article begins: the first
    entry of the body's last 1/MAX_TAIL_SHARE (by characters) that is a short line, no sentence,
    naming comments (`lexicon.COMMENT_WORDS`: `0 Comments`, `Kommentieren0`, `Sie müssen
    angemeldet sein um kommentieren zu können`); None when there is none."""
    places, texts = _entries(sections)
    budget = sum(map(len, texts)) / MAX_TAIL_SHARE
    found: tuple[int, int] | None = None
    below = 0
    for place, text in zip(reversed(places), reversed(texts), strict=True):
        below += len(text)
        if below > budget or place == places[0]:
            break
        if len(text) <= MAX_COMMENT_LINE_CHARS and not _ends_sentence(text) and _COMMENT_WORD_RE.search(text):
            found = place
    return found


def addressing_tail(sections: Sequence[tuple[str | None, int, Sequence[str]]]) -> tuple[int, int] | None:
    """Where the body's closing paragraphs that speak to their reader while the article does
    not begin (`dump_region.trim_tail`, the whole-page reading's rule, over the paragraphs and
    headings measured as dump units): `(section, paragraph)`, the paragraph -1 for the
    section's heading; None when no such tail holds less than 1/`MAX_TAIL_SHARE` of the prose
    (beyond that the article itself speaks to its reader)."""
    from .dump_region import paragraph_units, trim_tail

    places: list[tuple[int, int]] = []  # (section, paragraph; -1 for its heading)
    paragraphs: list[tuple[str, int]] = []
    for index, (heading, level, texts) in enumerate(sections):
        if heading:
            places.append((index, -1))
            paragraphs.append((heading, level))
        for number, text in enumerate(texts):
            places.append((index, number))
            paragraphs.append((text, 0))
    if not _may_end_addressing([text for text, _ in paragraphs]):
        return None
    units = paragraph_units(paragraphs)
    cut = trim_tail(units, 0, len(units))
    if cut == 0 or cut >= len(units):
        return None
    prose = [unit.chars if unit.quality > 0 else 0 for unit in units]
    if sum(prose[cut:]) * MAX_TAIL_SHARE > sum(prose):
        return None  # the export chose the article: what it kept around it is a box, not a quarter of it
    return places[cut]


def _may_end_addressing(paragraphs: list[str]) -> bool:
    """False when no cut `dump_region.trim_tail` could make within the body's last
    1/MAX_TAIL_SHARE (by characters) is possible, told without measuring units (most bodies
    never are): that quarter must hold a paragraph speaking to its reader, outweighing the
    rest below it and `ADDRESS_RATIO` times more addressing than all the text above it."""
    from .dump_region import ADDRESS_RATIO, ADDRESS_SHARE, SHORT_CHARS, address_share

    most = sum(map(len, paragraphs)) / MAX_TAIL_SHARE
    below = below_words = below_address = addressing = 0
    totals: tuple[int, int] | None = None
    for index in range(len(paragraphs) - 1, 0, -1):
        text = paragraphs[index]
        below += len(text)
        if below > most:
            return False
        words, address = address_share(text)
        below_words += words
        below_address += address
        if len(text) < SHORT_CHARS or not words or address < ADDRESS_SHARE * words:
            continue
        addressing += len(text)
        if addressing * 2 <= below:
            continue  # the addressing text must outweigh the rest below it (`trim_tail`)
        totals = totals or address_share("\n".join(paragraphs))
        if (totals[1] - below_address) * ADDRESS_RATIO * words <= address * (totals[0] - below_words):
            return True
    return False


def parse_text(text: str) -> Draft:
    """Parse a decoded text or markdown dump into a `Draft` (see the module docstring)."""
    notes: list[str] = []
    if "\x00" in text:
        notes.append(f"Removed {text.count(chr(0))} NUL characters from the text.")
        text = text.replace("\x00", "")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    parser = _TextParser()
    meta, body = _split_front_matter(text)
    head = _page_head(meta) if meta is not None else None
    if head is not None:
        meta = head
    if meta is None:
        meta, body = _split_header_lines(text)
    if meta is not None:
        parser.apply_meta(meta)
        parser.reader = True
    draft = parser.draft
    draft.format = "markdown" if meta is not None or _is_markdown(body) else "text"
    reading = None
    printed: list[str] = []  # the headline a page-head dump prints, to cut the meta title's site name by
    if meta is None or head is not None:
        from .dump import read_dump

        reading = read_dump(body)
    if reading is not None:
        given = (draft.headline, draft.date, draft.date_raw, list(draft.byline))
        parser.read_dump(reading)
        if head is not None:  # the page's metadata outranks what its text prints (as in `parse_html`)
            printed = [draft.headline] if draft.headline else []
            draft.headline = given[0] or draft.headline
            if given[1]:
                draft.date, draft.date_raw = given[1], given[2]
            if given[3]:
                draft.byline = given[3]
    else:
        items = _drop_boilerplate(_items(_blocks(body.split("\n")), title_line=draft.headline is None))
        parser.run(items)
        if meta is not None:  # a reader-mode export: the tail rule is the whole-page reading's
            parser.build.start_at_title()
            parser.build.trim_tail()
            parser.build.trim_comments()
            parser.build.trim_links()
            parser.build.drop_link_boxes()
    parser.build.finish()
    if draft.headline and parser.meta_title:
        draft.headline = strip_site_suffix(draft.headline, [draft.publisher] if draft.publisher else [], printed)
    if draft.summary is None and parser.meta_summary:
        draft.summary = parser.meta_summary
    draft.warnings[:0] = notes
    return draft
