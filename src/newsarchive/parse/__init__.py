"""Raw article bytes to `Article`: sniff the format by content, run that format's parser.

`parse` is a pure function of its bytes (and the path label it records). Format modules are
imported on first use so that commands which never parse do not pay for lxml or dateutil.
"""

from __future__ import annotations

import re

from ..errors import NotAnArticle, ParseError
from ..model import Article, Format, Member
from .encoding import bom_encoding, bomless_utf16, decode_text

__all__ = ["parse", "sniff_format"]

SNIFF_BYTES = 4096
# Share of control bytes (other than tab, newline, CR, form feed, ESC) above which an input
# is binary junk rather than text with a few stray bytes.
BINARY_CONTROL_SHARE = 0.05
_BINARY_MAGIC = (
    b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x7fELF", b"BZh",
    b"\xfd7zXZ", b"7z\xbc\xaf", b"SQLite format 3", b"\x1f\x8b", b"RIFF", b"OggS", b"ID3",
)  # fmt: skip
_HTML_RE = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|article|div|p|section|main|table|script|link|style"
    r"|h[1-6]|header|nav|aside|footer|ul|ol|blockquote|span|font|center|form|noscript|base)[\s>/]",
    re.IGNORECASE | re.DOTALL,
)
# Markdown lines (`_markdown_with_html_blocks`): a `#` heading, a list item, a link's `](`.
_MARKDOWN_LINE_RE = re.compile(r"\n(?:#{1,6} |[-*+] +\S|\d{1,3}\. +\S)|\]\(")
# Tags markdown never needs: paragraphs and line breaks are written without tags.
_DOCUMENT_TAG_RE = re.compile(r"<(?:p|br|body|head|meta|title)[\s/>]", re.IGNORECASE)
# A newsarchive export (JSON Lines, or a JSON array, of records: every record opens with its
# schema_version and id) or Parquet file: these come back with `newsarchive import`, never
# as one article holding the whole export.
_EXPORT_RE = re.compile(rb'\A\s*\[?\s*\{\s*"schema_version"\s*:\s*\d+\s*,\s*"id"\s*:\s*"[0-9a-f]{16}"')
_PARQUET_MAGIC = b"PAR1"
EXPORT_REASON = "this is an export; use `newsarchive import`"
_CONTROL = bytes(c for c in range(32) if c not in (9, 10, 12, 13, 27))


def _head_text(data: bytes, size: int = SNIFF_BYTES) -> str:
    sample = data[:size]
    if bom_encoding(sample) or bomless_utf16(sample):
        return decode_text(sample)[0]
    # Every encoding we read is ASCII-compatible here, and sniffing only looks at ASCII
    # markup, so Latin-1 (which cannot fail) is a safe and fast way to see it.
    return sample.decode("latin-1")


def is_binary(data: bytes) -> bool:
    """True when `data` is not text in any encoding we read (images, archives, junk)."""
    if data.startswith(_BINARY_MAGIC):
        return True
    sample = data[:SNIFF_BYTES]
    if bom_encoding(sample) or bomless_utf16(sample):
        return False
    controls = len(sample) - len(sample.translate(None, _CONTROL))
    return controls > BINARY_CONTROL_SHARE * max(len(sample), 1)


def sniff_format(data: bytes) -> Format:
    """`"html"` when the content is an HTML document or fragment, else `"text"`.

    Text vs markdown is decided later by the text parser, which knows what it found.
    """
    head = _head_text(data)
    if re.search(r"<html[\s>]|<!doctype html", head[:2048], re.IGNORECASE):
        return "html"
    if _HTML_RE.match(head):
        return "text" if _markdown_with_html_blocks(head, data) else "html"
    return "text"


def _markdown_with_html_blocks(head: str, data: bytes) -> bool:
    """True when a text opening with a tag is markdown with raw HTML blocks (CommonMark keeps
    what markdown has no syntax for as HTML: `pandoc -t gfm` prints a page's `<div>`s around
    its markdown): the head shows markdown lines (a `#` heading, a list item, a `](` link) and
    none of the tags markdown writes without (a paragraph, a line break, the document's own).
    A head without markdown lines (a page's header bar of nested `<div>`s with their long
    attributes fills the first 4 KB) decides nothing: then the whole text is, when its markdown
    lines outnumber those tags (a raw block may keep a `<br />`; HTML writes every paragraph
    as a `<p>`)."""
    if _MARKDOWN_LINE_RE.search(head) is not None:
        return _DOCUMENT_TAG_RE.search(head) is None
    if len(data) <= SNIFF_BYTES:
        return False
    text = _head_text(data, len(data))
    return len(_MARKDOWN_LINE_RE.findall(text)) > len(_DOCUMENT_TAG_RE.findall(text))


def parse(data: bytes, path: str = "-", member: Member | None = None) -> Article:
    """Parse one article's bytes (already decompressed) into an `Article`.

    Args:
        data: the source bytes.
        path: the label recorded as `source.path` and used in error messages.
        member: where in a web archive the bytes were captured: recorded as `source.member`;
            its HTTP charset goes into the decoding cascade, its captured URI is the `url`
            when the page names no canonical URL, and an index page is no article there.

    Raises:
        ParseError: the bytes are empty, binary, a newsarchive export, or hold no article text.
        NotAnArticle: (a ParseError) a web-archive page is an index page (see `index_page`),
            or a text is documentation, not an article (a README, a manifest; see `shape`).
    """
    if not data or data.isspace():  # `not data.strip()` without copying the whole file
        raise ParseError(path, "file is empty")
    if data.startswith(_PARQUET_MAGIC) or _EXPORT_RE.match(data, 0, SNIFF_BYTES):
        raise ParseError(path, EXPORT_REASON)
    if is_binary(data):
        raise ParseError(path, "binary data, not a text or HTML article")
    from .common import finish

    if sniff_format(data) == "html":
        from .html import parse_html

        draft, encoding = parse_html(data, _http_charset(member))
    else:
        from .text import parse_text

        text, encoding, notes = decode_text(data)
        draft = parse_text(text)
        draft.warnings[:0] = notes
    if draft.headline is None and not any(s.paragraphs for s in draft.sections):
        raise ParseError(path, "no article text found")
    article = finish(draft, data=data, path=path, encoding=encoding)
    if draft.format != "html":
        from .dump_refs import raw_html
        from .shape import document_reason

        # Judged on the text as read: raw HTML blocks' tags are markup, not lines of a document.
        reason = document_reason(raw_html(text), article)
        if reason is not None:
            raise NotAnArticle(path, reason)
    if member is None:
        return article
    from dataclasses import replace

    from .index_page import index_page_reason

    reason = index_page_reason(data, article, member.uri)
    if reason is not None:
        raise NotAnArticle(path, reason)
    return replace(article, url=article.url or member.uri or None, source=replace(article.source, member=member))


def _http_charset(member: Member | None) -> str | None:
    """The charset parameter of a member's HTTP Content-Type, if any."""
    if member is None or not member.content_type:
        return None
    match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", member.content_type, re.IGNORECASE)
    return match.group(1) if match else None
