"""Dump conventions shared by text browsers, read from content before the dump is cut into units.

Text browsers and converters print a page by a few widespread conventions that say nothing
about the article but get in the way of reading it. This module recognises them from the text
alone (never from a tool's or a file's name) and returns the dump in the shape the page-dump
reading (`dump_region`, `dump`) reads:

- **Closing link list** (`link_list`): `lynx -dump`, `elinks -dump` and `w3m` with link numbers
  print `[12]` before a link's text and list the targets at the end, under `References`,
  `Visible links`, `Hidden links` or `Links:`, one `12. https://…` (or `[12] https://…`) a line;
  a target that holds line breaks (a `mailto:` body) runs on over the next lines. The list is
  cut from the text and returned as targets by number: it is never body, and its lines must
  not be scored as page content. It is taken only when the text before it prints markers for
  its numbers (a section merely titled `References` is left alone).
- **Hard-wrapped markdown** (`unwrap_markdown`): html2text at its default 78 columns (pandoc
  at 72) breaks paragraphs, and the `[text](url)` links inside them, over lines; a line breaks
  at a space or after a hyphen (`computer-` / `coding`, a URL's `entertainment-` / `arts/…`).
  The wrap column is measured as the page-dump reading measures a text browser's
  (`dump_region.wrap_width`), over the lines that can wrap: not list items (left unwrapped),
  headings, code, lines holding a word too long to break (a URL) or a `|` (a table, which
  html2text leaves as it is), and again over the lines a paragraph goes on after when that is
  lower (`dump_region.continued_width`: titles and tag-stripped lines longer than pandoc's 72
  columns set the first measure at 78 and left wrapped paragraphs half joined). A line broken
  because the next word did not fit is joined to the next one (without a space after a
  hyphen), unless it ends a paragraph in markdown terms (a hard break of two trailing spaces)
  or the next line opens a block (a heading, a list item, a quote, a rule, a fence, a table);
  code stays as printed. The page then reads as the unwrapped markdown html2text prints.
- **Raw HTML in markdown** (`raw_html`): markdown keeps what it has no syntax for as HTML
  (CommonMark's HTML blocks): `pandoc -t gfm` prints every `<div>`, `<figure>` and `<img>` of a
  page, its attributes running over several lines. Those tags are markup, not text: where many
  lines open with a tag, every tag is taken out (the text between tags stays), so that attribute
  lines are not read as short units of the page. What the tags told is kept first: a `<figure>`
  becomes the lone image `![caption](src)` on a paragraph of its own, its caption the
  `<figcaption>`'s words (else the figure's text), as dumps print a picture's caption; a raw
  link (`<a href>`, which pandoc keeps when it has a `class`) becomes `[text](href)`, so that
  menus and teaser lists stay links; the text of an element marked as the author's
  (`rel="author"`, `itemprop="author"`), or of a markdown link into an author folder (pandoc
  writes a link without attributes as markdown), is put on one line, so that a byline the converter
  wrapped inside the name reads whole, and so are the lines of its paragraph (a byline naming
  several people wrapped between their links); a date element (`<time datetime>`, printed by
  pandoc as `<span datetime>`, or `itemprop="datePublished"` with `content`) keeps its printed
  date on one line when the date reading reads it, else gives its machine-readable date. pandoc
  wraps raw HTML at its column with the tags counted, so a line the tags filled breaks before
  its text does (`…target="_blank">Jane` / `Doe</a>`): taken out, the tags would leave `Jane`
  alone under the column, which `unwrap_markdown` never joins. Before the tags go, a line
  holding a tag (or before one) is joined to the next where the next word did not fit the column
  measured on the lines as printed, unless the next opens a block or list item or the text (tags
  out, a tag running over lines included) would run past the column.
- **Reference links** (`reference_links`): markdown may write a link `[text][1]` and define
  its target on a line of its own, `[1]: https://…` (CommonMark's link reference definitions;
  html2text with `inline_links` off, pandoc with `--reference-links`). Where a text defines
  targets, each `[text][label]` (and `[text][]`) whose label is defined is written
  `[text](target)`, as the units read links, and the definitions are cut out: they are never
  body, and menus keep their link density.
- **Setext headings** (`setext_headings`): markdownify (and pandoc's markdown) underline a
  title with `===` (level 1) or `---` (level 2) on the next line; the page-dump units know
  `#` headings only, so a one-line title opening its paragraph over such a line is written
  `# Title` (a line of dashes after a blank line stays a rule).
- **Addresses in brackets after a link's text** (`bracketed_addresses`): plain-text serialisers
  (html-to-text and the like) print a link as `Sport [/sport/]` and an image as its address
  alone, `[https://…/photo.jpg]`. Where at least five such addresses stand and outnumber
  markdown links, each is written `[text](address)` with up to three words before it on its
  line as the text (where the text begins is not printed; lynx's `[12]` markers count three
  words after them), an address with no words before it `![](address)`: menus keep their link
  density, and an author page's address names the author.
- **Headings in capitals** (`capital_headings`): plain-text serialisers (html-to-text and the
  like) print a heading as its text in capitals on a paragraph of its own, with no `#` mark.
  Where a text marks no heading with `#` and at most a quarter of its paragraphs are in capitals, a
  paragraph of at least two words and `MIN_CAPITAL_LETTERS` letters, all capitals, that is no
  list item is written `# TEXT` (its wrapped lines joined; no level is printed), so that the
  page-dump reading sees the page's headings; the headline is given back in the page's case
  (`dump.recased`). It is read only where links are printed as `text [address]`
  (`dump.page_units`): a text browser prints a site's own capitals (a kicker, a crosshead) and
  marks none of the other headings, so that only those would stand out.
"""

from __future__ import annotations

import re

from ..normalize import parse_date
from .dump_region import continued_width, screen_columns, wrap_width
from .html_dates import find_text_date
from .lexicon import AUTHOR_PATHS, alternation
from .markdown_lines import DUMP_BULLET_MARK_RE, SETEXT_UNDERLINE_RE

__all__ = [
    "MIN_CAPITAL_LETTERS",
    "bracketed_addresses",
    "capital_headings",
    "in_capitals",
    "link_list", "raw_html", "reference_links", "setext_headings", "unwrap_markdown"
]

# A heading opening a closing link list, alone on its line.
_LIST_HEAD_RE = re.compile(r"^[ \t]*(?:References|Visible links|Hidden links|Links)[ \t]*:?[ \t]*$", re.MULTILINE)
# The same heading after a line break (`_list_heads`): a pattern opening with a literal
# character is searched for in C, one opening with `^` is tried at every position of the text.
_LIST_HEAD_LINE_RE = re.compile(
    r"\n([ \t]*(?:References|Visible links|Hidden links|Links)[ \t]*:?[ \t]*)$", re.MULTILINE
)
# One entry: `  12. https://…`, `[12] https://…`; a target is a URL with a scheme. What follows
# it on the line is kept apart (`LinkTargets.printed`).
_ENTRY_RE = re.compile(
    r"^[ \t]*(?:(\d{1,5})\.|\[(\d{1,5})\])[ \t]+([a-z][a-z0-9+.-]*:\S*)([ \t]+[^\n]*\S)?",
    re.IGNORECASE | re.MULTILINE,
)
_LABEL_RE = re.compile(r"^[ \t]*(?:Visible|Hidden) links[ \t]*:?[ \t]*$", re.IGNORECASE)
# The markers in the text that a list's numbers answer.
_MARKER_RE = re.compile(r"\[(\d{1,5})\]")
# Of a list's numbers, at least this share must be printed as markers before it.
MIN_MARKED_SHARE = 0.5


class LinkTargets(dict[str, str]):
    """A closing link list's targets by number (an address ends at the first space), with
    `printed`: the whole line of each entry whose query parameters run on past a space, as a
    text browser prints a parameter the page wrote with spaces (`mailto:?subject=The title&body=…`:
    a share link carrying the title, read by `dump.link_texts`)."""

    __slots__ = ("printed",)

    def __init__(self) -> None:
        super().__init__()
        self.printed: dict[str, str] = {}


def link_list(text: str) -> tuple[str, dict[str, str]]:
    """`(text without its closing link list, targets by number)`; `(text, {})` when the text
    closes with no such list (module docstring)."""
    if "[" not in text:
        return text, {}
    heads = _list_heads(text)
    if not heads:
        return text, {}
    # The first heading of the closing run of headings (`References`, then `Visible links:`):
    # walk back from the last one while only list lines stand between two of them.
    start = heads[-1]
    for head in reversed(heads[:-1]):
        between = text[head[1] : start[0]]
        if not _only_entries(between):
            break
        start = head
    found = LinkTargets()
    lines = 0
    for match in _ENTRY_RE.finditer(text, start[1]):
        number, target = match.group(1) or match.group(2), match.group(3)
        found[number] = target
        if match.group(4) and "=" in target:
            found.printed[number] = target + match.group(4)
        lines += 1
    if not found:
        return text, {}
    before = text[: start[0]]
    marked = {m.group(1) for m in _MARKER_RE.finditer(before)}
    if len(marked.intersection(found)) < MIN_MARKED_SHARE * len(found):
        return text, {}
    return before, found


def _list_heads(text: str) -> list[tuple[int, int]]:
    """Spans of the lines `_LIST_HEAD_RE` finds, in order: the first line, then those after a
    line break (found by `_LIST_HEAD_LINE_RE`, the heading its group)."""
    first = _LIST_HEAD_RE.match(text)
    heads = [first.span()] if first else []
    heads += [match.span(1) for match in _LIST_HEAD_LINE_RE.finditer(text)]
    return heads


def _only_entries(between: str) -> bool:
    """True when the lines between two list headings are mostly entries (a target holding line
    breaks runs on over a few lines that are not)."""
    entries = len(_ENTRY_RE.findall(between))
    other = sum(1 for line in between.split("\n") if line.strip()) - entries
    return entries >= other


# -- hard-wrapped markdown ----------------------------------------------------------------

# Lines that open a markdown block (never a paragraph's continuation): headings, list items,
# quotes, rules, fences, tables.
_BLOCK_START_RE = re.compile(r"^[ \t]*(?:#{1,6}(?:[ \t]|$)|>|```|~~~|\||(?:[-*_][ \t]*){3,}$)")
# A list item's mark. After a broken line of prose, a line starting so is the sentence going on
# (`… in aller Munde` / `- jedoch …`, `… mehr als zu` / `18. aus den …`): a list follows prose
# after a blank line.
_LIST_START_RE = re.compile(r"^[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]")
# Lines that never wrap: list items, headings, code, a word too long to break, and lines
# holding a `|` (html2text leaves what may be a table as it is).
# (`_unwrapped` reads its three conditions apart: a `|` and a word of 40 characters are found by
# str methods, where one pattern, `^(?:…)|\S{40}|\|`, tried `\S{40}` at every position of a line.)
_UNWRAPPED_START_RE = re.compile(r"(?:[ \t]*(?:[-*+•][ \t]|\d{1,3}[.)][ \t]|#)| {4}|\t)")
_LONG_WORD = 40


def _unwrapped(line: str) -> bool:
    r"""A line that never wraps: a `|`, a list, heading or code opening, or a run of 40
    characters that are not spaces (a word of 40: `str.split` splits on what `\s` matches)."""
    return (
        "|" in line
        or _UNWRAPPED_START_RE.match(line) is not None
        or (len(line) >= _LONG_WORD and max(map(len, line.split()), default=0) >= _LONG_WORD)
    )


# A hyphen a wrapped line may break after, as Python's textwrap (html2text's wrapping) breaks:
# after two letters, before a letter (`computer-` / `coding`, not `2019-` / `11-12`).
_HYPHEN_BREAK_RE = re.compile(r"(?:(?<=[^\W\d]{2})|(?<=[^\W\d]-[^\W\d]))-(?=[^\W\d]-?[^\W\d])")
_HYPHEN_END_RE = re.compile(r"(?:[^\W\d]{2}|[^\W\d]-[^\W\d])-$")
_LETTER_RE = re.compile(r"[^\W\d]")
# Markdown a page must show for its wrapping to be read as markdown's: links or images.
_MARKDOWN_LINK = "]("
MIN_MARKDOWN_LINKS = 5
# A wrapped page breaks at least this many lines (an unwrapped one may hold a few line breaks
# inside a link's text or target).
MIN_BROKEN_LINES = 10


def unwrap_markdown(text: str) -> str:
    """`text` with its hard-wrapped markdown paragraphs on one line each (module docstring);
    `text` itself when it is no markdown or is not wrapped."""
    if text.count(_MARKDOWN_LINK) < MIN_MARKDOWN_LINKS:
        return text
    lines = text.split("\n")
    # A line of under 20 characters takes under 40 columns, which the wrap measure never reads:
    # the pattern is not run on it.
    # No line left holds a word too long to wrap (`_unwrapped`): the measure need not look for one.
    width = wrap_width([line for line in lines if len(line) >= 20 and not _unwrapped(line)], screened=True)
    if width:
        width = continued_width(lines, width)
    if not width or _broken_lines(lines, width) < MIN_BROKEN_LINES:
        return text
    out: list[str] = []
    current: list[str] = []  # the paragraph being joined, as pieces
    last = ""  # its last line as printed
    code = False  # inside an indented code block
    listed = False  # the paragraph is a list item
    for line in lines:
        stripped = line.strip()
        if not stripped:
            if current:
                out.append("".join(current))
                current = []
            out.append(line)
            last = ""
            continue
        if not last:
            code = line.startswith(("    ", "\t")) and not _BLOCK_START_RE.match(line)
        piece = _continuation(last, line, stripped, width, listed) if current and not code else None
        if piece is not None:
            current.append(piece)
        else:
            if current:
                out.append("".join(current))
            current = [line]
            listed = bool(_LIST_START_RE.match(line))
        last = line
    if current:
        out.append("".join(current))
    return "\n".join(out)


def _broken_lines(lines: list[str], width: int) -> int:
    """How many of `lines` continue on the next line (`_continuation`)."""
    broken = 0
    last = ""
    listed = False
    for line in lines:
        stripped = line.strip()
        if stripped and last and _continuation(last, line, stripped, width, listed) is not None:
            broken += 1
        elif stripped:
            listed = bool(_LIST_START_RE.match(line))
        last = line if stripped else ""
    return broken


def _continuation(last: str, line: str, stripped: str, width: int, listed: bool) -> str | None:
    """What `line` adds to the paragraph whose last line is `last` (with the space or not
    it was broken at), or None when it starts another. It continues when `last` was broken
    because `line`'s first word did not fit in `width` columns (a hyphenated word breaks after
    a hyphen between letters) and neither ends a paragraph: `last` with no hard break, `line`
    opening no block (a quote's line goes on in the next quote line; in a list, `listed`, a
    list mark opens the next item)."""
    if last.endswith("  "):
        return None
    if stripped[0] == ">" and last.lstrip()[:1] == ">":
        stripped = stripped.lstrip("> ")
        if not stripped:
            return None
    elif _BLOCK_START_RE.match(line) or (listed and _LIST_START_RE.match(line)):
        return None
    end = stripped.find(" ")
    word = stripped if end < 0 else stripped[:end]
    hyphen = _HYPHEN_BREAK_RE.search(word) if "-" in word else None
    if hyphen:
        word = word[: hyphen.end()]
    if screen_columns(last.rstrip()) + 1 + screen_columns(word) <= width:
        return None
    return stripped if _HYPHEN_END_RE.search(last) and _LETTER_RE.match(stripped) else " " + stripped


# -- raw HTML in markdown -----------------------------------------------------------------

# An HTML tag (its attributes may run over lines) or comment.
_TAG_RE = re.compile(r"<(?:/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?|!--(?:[^-]|-(?!->))*--)>")
# A line opening with a tag (after a line break: a pattern opening with a literal character is
# searched for in C).
_TAG_LINE_RE = re.compile(r"\n[ \t]*</?[A-Za-z][A-Za-z0-9-]*(?:[\s/>]|$)", re.MULTILINE)
# A text holding raw HTML blocks opens at least this many lines with a tag (an article quoting
# a tag or two is left as it is).
MIN_TAG_LINES = 10


def raw_html(text: str) -> str:
    """`text` without the HTML tags of its raw HTML blocks (module docstring); `text` itself
    when fewer than `MIN_TAG_LINES` lines open with a tag."""
    if "<" not in text:
        return text
    tag_lines = 0
    for _ in _TAG_LINE_RE.finditer(text):
        tag_lines += 1
        if tag_lines >= MIN_TAG_LINES:
            kept = _AUTHOR_RE.sub(_author_name, _FIGURE_RE.sub(_figure_image, text))
            kept = _bylines_joined(_MARKDOWN_AUTHOR_RE.sub(_markdown_author, kept))
            kept = _LINK_RE.sub(_markdown_link, _DATE_ELEMENT_RE.sub(_date_text, kept))
            return _TAG_RE.sub("", _join_wrapped_tags(kept))
    return text


def _join_wrapped_tags(text: str) -> str:
    """`text` with the lines of its paragraphs holding tags joined where the converter wrapped
    them: the wrap is measured on the lines as printed, tags included, which taking the tags out
    would shorten (`…target="_blank">Jane` / `Doe</a>` would read as two lines, `Jane` alone
    under the column). A line breaks there at a space only (pandoc breaks no word at a hyphen);
    a line opening a block or a list item, or one after a hard break, is never joined, nor are
    lines whose text (tags out) would run past the column: `unwrap_markdown` measures the
    column again on the text. Lines holding no tag on either side of the break are left to it."""
    lines = text.split("\n")
    # A line of under 40 columns is not measured (`wrap_width`): an ASCII one takes a column a
    # character.
    shortest = 40 if text.isascii() else 20
    width = wrap_width([line for line in lines if len(line) >= shortest and not _unwrapped(line)], screened=True)
    if not width:
        return text
    out: list[str] = []
    last = ""  # the line before as printed, "" after a blank line
    last_tag = False
    for line in lines:
        tag = "<" in line
        if (
            (tag or last_tag)
            and last
            # ASCII lines take a column a character: two that fit the column together are no
            # wrap, told without measuring the next word.
            and (len(last) + len(line) >= width or not (last.isascii() and line.isascii()))
            and _wrapped_here(last, line, out[-1], width)
        ):
            out[-1] += " " + line.strip()
        else:
            out.append(line)
        last = line if line and not line.isspace() else ""
        last_tag = tag
    return "\n".join(out)


def _wrapped_here(last: str, line: str, joined: str, width: int) -> bool:
    """True when `line` goes on the paragraph whose last printed line is `last` (joined so far
    into `joined`), as `_join_wrapped_tags` reads it."""
    stripped = line.strip()
    return (
        bool(stripped)
        and screen_columns(last.rstrip()) + 1 + screen_columns(stripped.split(" ", 1)[0]) > width
        and not last.endswith(("  ", "\\"))
        and not _BLOCK_START_RE.match(line)
        and not _LIST_START_RE.match(line)
        and _text_columns(joined + " " + stripped) <= width
    )


def _text_columns(line: str) -> int:
    """Screen columns of `line`'s text once its tags are out, a tag running over lines included."""
    return screen_columns(" ".join(_PARTIAL_TAG_RE.sub("", _TAG_RE.sub("", line)).split()))


# What of a tag a line holds when the tag runs over lines: its close at the line's start, its
# open at the end.
_PARTIAL_TAG_RE = re.compile(r"^[^<>]*>|<[A-Za-z/][^<>]*$")


# A `<figure>` block (its tags and text over lines), its `<figcaption>`, an image's `src`.
_FIGURE_RE = re.compile(r"<figure\b[^>]*>((?:[^<]|<(?!/?figure\b)){0,20000})</figure\s*>", re.IGNORECASE)
_FIGCAPTION_RE = re.compile(r"<figcaption\b[^>]*>(.*?)</figcaption\s*>", re.IGNORECASE | re.DOTALL)
_IMG_SRC_RE = re.compile(r"<img\b[^>]*?\ssrc=[\"']([^\"'\s<>()]+)", re.IGNORECASE)
_IMAGE_ALT_UNSAFE_RE = re.compile(r"[\[\]\\]")


def _figure_image(figure: re.Match[str]) -> str:
    """A `<figure>` as the lone markdown image `![caption](src)` on a paragraph of its own, the
    caption its `<figcaption>`'s text (else the figure's own text): dumps read a picture's
    caption from its image's alt text, which taking the tags out would lose. A figure printing
    no text is taken out with its tags."""
    inner = figure.group(1)
    caption = _FIGCAPTION_RE.search(inner)
    words = " ".join(_TAG_RE.sub(" ", caption.group(1) if caption else inner).split())
    if not words:
        return ""
    src = _IMG_SRC_RE.search(inner)
    alt = _IMAGE_ALT_UNSAFE_RE.sub(lambda char: "\\" + char.group(0), words)
    return f"\n\n![{alt}]({src.group(1) if src else ''})\n\n"


# An element marked as the author's (`rel="author"`, schema.org's `itemprop="author"`) or a link
# into an author folder (`href="/author/jane-doe/"`, `lexicon.AUTHOR_PATHS`), and its text up to
# its closing tag within a paragraph.
_AUTHOR_RE = re.compile(
    r"<(?P<tag>[A-Za-z][A-Za-z0-9]*)\b[^<>]*?\b(?:(?:rel|itemprop)=[\"']?author\b"
    rf"|href=[\"']?[^\"'\s<>]*?/{alternation(AUTHOR_PATHS)}/)[^<>]*>"
    r"(?P<inner>(?:[^\n]|\n(?!\s*\n)){0,300}?)</(?P=tag)\s*>",
    re.IGNORECASE,
)


# A raw link (`<a href="…">text</a>`, its tags and text over lines within a paragraph).
_LINK_RE = re.compile(
    r"<a\b[^<>]*?\shref=[\"'](?P<href>[^\"'\s<>()]+)[\"'][^<>]*>"
    r"(?P<inner>(?:[^\n<]|<(?!/?a\b)|\n(?!\s*\n)){0,300}?)</a\s*>",
    re.IGNORECASE,
)


def _markdown_link(element: re.Match[str]) -> str:
    """A raw link as the markdown link `[text](href)`, its text on one line: menus and teaser
    lists printed as raw `<a>` tags keep their text counted as links once the tags are out (they
    read as plain lines, and a menu glued into one line read as a paragraph); a link without
    text (an icon) is nothing."""
    words = " ".join(_TAG_RE.sub(" ", element.group("inner")).split())
    if not words:
        return ""
    text = _IMAGE_ALT_UNSAFE_RE.sub(lambda char: "\\" + char.group(0), words)
    return f"[{text}]({element.group('href')})"


def _author_name(element: re.Match[str]) -> str:
    """The text of an element marked as the author's, on one line: a converter breaks a name
    over lines where it wraps (`By Jane` / `Doe`), and the byline would be read as its first
    words only. (`_AUTHOR_MARK` after it, for `_bylines_joined`.)"""
    return " ".join(_TAG_RE.sub(" ", element.group("inner")).split()) + _AUTHOR_MARK


# A markdown link into an author folder, its text over lines within a paragraph (pandoc writes a
# link without attributes as markdown, wrapping inside it: `[Jane` / `Doe](https://…/authors/jdoe)`).
_MARKDOWN_AUTHOR_RE = re.compile(
    r"\[(?P<inner>(?:[^\[\]\n]|\n(?!\s*\n)){1,200})\]"
    rf"\((?P<href>[^()\s]*?/{alternation(AUTHOR_PATHS)}/[^()\s]*)\)",
    re.IGNORECASE,
)


def _markdown_author(element: re.Match[str]) -> str:
    """A markdown author link with its text on one line, as `_author_name` puts a raw author
    element's: the byline would be read as the name's first words (`By Jane`)."""
    return f"[{' '.join(element.group('inner').split())}]({element.group('href')})" + _AUTHOR_MARK


# Marks where an author element stood, until `_bylines_joined` has read the paragraphs holding
# one (a private-use character: no page prints it).
_AUTHOR_MARK = "\ue000"
# The blank lines between paragraphs (kept by `re.split` for its group).
_BLANK_LINES_RE = re.compile(r"(\n(?:[ \t]*\n)+)")


def _bylines_joined(text: str) -> str:
    """`text` with the lines of each paragraph holding an author element joined (markdown's
    soft line breaks): the converter wrapped a byline naming several people where the tags of
    their links filled the column (`Von Jane Doe,` / `John Roe` / `und Ann Poe`), and taking the
    tags out leaves each name on a line of its own; a line opening a block or a list item
    starts its own."""
    if _AUTHOR_MARK not in text:
        return text
    parts = _BLANK_LINES_RE.split(text)
    for index in range(0, len(parts), 2):
        if _AUTHOR_MARK in parts[index]:
            lines = parts[index].split("\n")
            joined = [lines[0]]
            for line in lines[1:]:
                if _BLOCK_START_RE.match(line) or _LIST_START_RE.match(line) or joined[-1].endswith(("  ", "\\")):
                    joined.append(line)
                else:
                    joined[-1] += " " + line.strip()
            parts[index] = "\n".join(joined)
    return "".join(parts).replace(_AUTHOR_MARK, "")


# An element giving a machine-readable date (`<time datetime>`, which pandoc prints as a
# `<span datetime>`, or schema.org's `itemprop="datePublished" content`), its text up to its
# closing tag within a paragraph, and that date.
_DATE_ELEMENT_RE = re.compile(
    r"<(?P<tag>[A-Za-z][A-Za-z0-9]*)\b(?P<attrs>[^<>]*?\s(?:datetime=|itemprop=[\"']?datePublished\b)[^<>]*)>"
    r"(?P<inner>(?:[^\n]|\n(?!\s*\n)){0,200}?)</(?P=tag)\s*>",
    re.IGNORECASE,
)
_DATE_VALUE_RE = re.compile(r"\s(?:datetime|content)=[\"']([^\"'<>]{4,40})[\"']", re.IGNORECASE)


def _date_text(element: re.Match[str]) -> str:
    """A date element's printed text on one line when the date reading reads a date in it, else
    its machine-readable date: a page may print `3 hours ago`, `11:15 05.10.18` or nothing
    where its markup holds the full date, which taking the tags out would lose."""
    printed = " ".join(_TAG_RE.sub(" ", element.group("inner")).split())
    if printed and find_text_date(printed) is not None:
        return printed
    value = _DATE_VALUE_RE.search(element.group("attrs"))
    if value is None or parse_date(value.group(1)) is None:
        return printed
    return value.group(1)


# -- setext headings ----------------------------------------------------------------------

# A title line that opens a block of its own kind, never a setext heading's text.
_NOT_TITLE_RE = re.compile(r"[ \t]*(?:#|>|\||```|~~~)")


def setext_headings(text: str) -> str:
    """`text` with its setext headings written as `#` headings (module docstring); `text`
    itself when it has none. Underlines are found first (a pattern opening with a line
    break is searched for in C); the title line above each is read in Python."""
    pieces: list[str] = []
    done = 0
    for match in SETEXT_UNDERLINE_RE.finditer(text):
        start = match.start()  # the line break ending the title line
        if start <= done:
            continue
        line_start = text.rfind("\n", done, start) + 1
        title = text[line_start:start]
        # The title opens its paragraph: the text's first line or one after a blank line.
        opens = line_start == 0 or (line_start >= 2 and text[line_start - 2] == "\n")
        if not title.strip() or not opens or _NOT_TITLE_RE.match(title) or DUMP_BULLET_MARK_RE.match(title):
            continue
        level = "# " if "=" in match.group() else "## "
        pieces += [text[done:line_start], level, title.strip()]
        done = match.end()
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


# -- reference links ----------------------------------------------------------------------

# A link reference definition on its own line: `   [1]: https://… "title"` (a pattern opening
# with a line break is searched for in C; a definition on the text's first line is no page's).
_DEFINITION_RE = re.compile(r"\n {0,3}\[([^\[\]\n]{1,100})\]:[ \t]*<?([^\s<>]+)>?[^\n]*(?=\n|$)")
# A full or collapsed reference link (its text may hold one level of brackets: an image).
_REFERENCE_RE = re.compile(r"\[([^\[\]\n]*(?:\[[^\[\]\n]*\][^\[\]\n]*)*)\]\[([^\[\]\n]{0,100})\]")


def reference_links(text: str) -> str:
    """`text` with its reference links written inline and its definitions cut out (module
    docstring); `text` itself when it defines no target."""
    if "]:" not in text:
        return text
    targets: dict[str, str] = {}
    for match in _DEFINITION_RE.finditer(text):
        targets.setdefault(_label(match.group(1)), match.group(2))
    if not targets:
        return text
    text = _DEFINITION_RE.sub("", text)

    def inline(match: re.Match[str]) -> str:
        target = targets.get(_label(match.group(2) or match.group(1)))
        return match.group() if target is None else f"[{match.group(1)}]({target})"

    # Twice: an image's reference inside a link's text is written once the link is.
    return _REFERENCE_RE.sub(inline, _REFERENCE_RE.sub(inline, text))


def _label(label: str) -> str:
    """A reference label as CommonMark matches it: case and runs of spaces do not count."""
    return " ".join(label.split()).casefold()


# An address in brackets after a link's text, as plain-text serialisers print links
# (`Sport [/sport/]`, `the report [https://…]`, a share button's `[?subject=…]`, an image's
# `[data:image/…]`); not a markdown link's text (`[url](url)`).
_BRACKETED_ADDRESS_RE = re.compile(
    r"\[((?:https?://|www\.|(?:mailto|tel|data|javascript):|[/?#])[^\s\[\]]*)\](?![(\[])"
)
# The link text before such an address: up to three words on its line, after the last link
# or sentence end (a serialiser does not mark where the text begins; lynx's markers count so).
_ANCHOR_RE = re.compile(r"(?:[^\s\[\]().!?:;]+[ \t]){0,2}[^\s\[\]().!?:;]+[ \t]?$")
_ANCHOR_MARK_RE = re.compile(r"(?:[-*+•][ \t]+)?")
MIN_BRACKETED_ADDRESSES = 5


def bracketed_addresses(text: str) -> str:
    """`text` with links printed as `text [address]` written as markdown links (an address
    alone, an image's, as a markdown image), when such addresses outnumber markdown links
    and are at least `MIN_BRACKETED_ADDRESSES`; else `text` itself."""
    if "[" not in text:
        return text
    found = _BRACKETED_ADDRESS_RE.findall(text)
    if len(found) < MIN_BRACKETED_ADDRESSES or len(found) <= text.count(_MARKDOWN_LINK):
        return text
    out: list[str] = []
    position = 0
    for match in _BRACKETED_ADDRESS_RE.finditer(text):
        before = text[position : match.start()]
        line_start = before.rfind("\n") + 1
        anchor = _ANCHOR_RE.search(before, line_start)
        if anchor is None:
            out.append(f"{before}![]({match.group(1)})")
        else:
            mark = _ANCHOR_MARK_RE.match(anchor.group())
            start = anchor.start() + (mark.end() if mark else 0)  # a list mark stays outside
            words = before[start:].rstrip()
            out.append(f"{before[:start]}[{words}]({match.group(1)})")
        position = match.end()
    out.append(text[position:])
    return "".join(out)


# -- headings in capitals -----------------------------------------------------------------

# A text in capitals has at least this many cased letters (`USA`, `EU` are words, not a style).
MIN_CAPITAL_LETTERS = 8
# A heading in capitals: a paragraph of this many lines at most (a long title wraps once or twice).
CAPITAL_HEADING_LINES = 3
# Headings in capitals are a style of the page where it prints at least this many (one or two
# are a site's own capitals: a kicker, a label) and at most this share of its paragraphs is so.
CAPITAL_PARAGRAPHS_SHARE = 0.25
_MARKED_HEADING_RE = re.compile(r"^#{1,6}[ \t]", re.MULTILINE)
# A line with no ASCII lower-case letter and at least two capitals: only such paragraphs are read.
_CAPITALS_LINE_RE = re.compile(r"^[^a-z\n]*[A-Z][^a-z\n]*[A-Z][^a-z\n]*$", re.MULTILINE)
# Blank lines between paragraphs, kept as printed (a run of them is a gap the reading counts).
_BLANK_LINES_RE = re.compile(r"(\n(?:[ \t]*\n)+)")


def in_capitals(text: str) -> bool:
    """Every letter a capital, at least `MIN_CAPITAL_LETTERS` of them (a script without case, as
    Japanese, never is)."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= MIN_CAPITAL_LETTERS and all(c.isupper() for c in letters)


def capital_headings(text: str) -> str:
    """`text` with its paragraphs in capitals written as `#` headings (module docstring);
    `text` itself when it marks headings with `#`, prints none in capitals, or prints most of
    its paragraphs so (a page in capitals, not a heading style)."""
    if not _CAPITALS_LINE_RE.search(text) or _MARKED_HEADING_RE.search(text):
        return text
    parts = _BLANK_LINES_RE.split(text)  # paragraphs at even indexes, the blank lines between
    found = [
        i
        for i in range(0, len(parts), 2)
        if parts[i].count("\n") < CAPITAL_HEADING_LINES
        and len(parts[i].split()) >= 2
        and not DUMP_BULLET_MARK_RE.match(parts[i].lstrip())
        and in_capitals(parts[i])
    ]
    cased = sum(1 for i in range(0, len(parts), 2) if sum(map(str.isalpha, parts[i])) >= MIN_CAPITAL_LETTERS)
    if not found or len(found) > cased * CAPITAL_PARAGRAPHS_SHARE:
        return text
    for i in found:
        parts[i] = "# " + " ".join(parts[i].split())
    return "".join(parts)
