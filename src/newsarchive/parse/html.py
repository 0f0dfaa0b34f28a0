"""Saved HTML pages → `Draft`: decoding, the metadata cascade, and the body.

The page is parsed once with lxml's HTML parser (no network, comments and processing
instructions dropped, nesting depth capped by libxml2 so hostile input degrades instead of
raising). Metadata is read from the untouched tree first; `body.extract_body` then prunes the
same tree in place to find the article text.

Decoding (`decode_html`), first rule that applies:
1. A byte-order mark.
2. The charset of the HTTP Content-Type (web archives), else the encoding the page declares
   in its first `DECLARATION_BYTES` (`<meta charset>`,
   `http-equiv` Content-Type, XML declaration); a single-byte declaration is overruled when
   the bytes are valid UTF-8 with multi-byte sequences (pages re-saved as UTF-8 keep their old
   declaration), and a UTF-16/32 declaration on ASCII-compatible bytes is ignored.
3. `encoding.decode_text`'s detector: UTF-8, mostly-UTF-8, else Windows-1252.

Each field's cascade is documented on the function that computes it: the headline in
`html_headline.headline`, dates in `html_dates.dates`, authors in `html_byline.authors`, and
here `_publisher`, `_language`, `_canonical_url`, `_tags`, `_summary`.
"""

from __future__ import annotations

import codecs
import re
import threading
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from ..model import Caption, Link, Person, Section
from ..normalize import clean_text, normalize_language
from .common import Draft, move_items, strip_site_suffix
from .common import norm_key as _norm
from .html_page import Page, read_page
from .meta import (
    DESCRIPTION_KEYS,
    LANGUAGE_KEYS,
    PUBLISHER_KEYS,
    TAG_KEYS,
    URL_KEYS,
)

__all__ = ["decode_html", "normalize_language", "parse_html", "strip_site_suffix"]

if TYPE_CHECKING:
    from lxml import etree
    from lxml.etree import _Element as Element

DECLARATION_BYTES = 8192
# A standfirst of at least this many words that the body lacks opens the body.
MIN_LEAD_WORDS = 8
# The JSON-LD `articleBody` stands in for the body read off the page when it is at least this
# long and the page's reading holds under `ARTICLE_BODY_FALLBACK_SHARE` of its words.
ARTICLE_BODY_FALLBACK_CHARS = 500
ARTICLE_BODY_FALLBACK_SHARE = 0.5
_MARKUP_RE = re.compile(r"</?[a-zA-Z][^<>]*>")
_WORD_TOKEN_RE = re.compile(r"\w+")
_CHARSET_RE = re.compile(
    rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:\-]+)|<\?xml[^>]{0,100}encoding\s*=\s*["']([a-zA-Z0-9_.:\-]+)""",
    re.IGNORECASE,
)
_UTF8_MULTIBYTE_RE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")
# Consecutive tags with nothing but whitespace between them, this many or more: only
# pathological pages nest like that, and libxml2 drops what lies beneath 256 levels.
DEEP_TAG_RUN = 64
_TAG_RUN_RE = re.compile(
    rb"(?:<(?!(?:html|head|body|title)\b)[a-zA-Z][^<>]{0,200}>\s*){%d,}|(?:</(?!(?:html|head|body|title)\b)[a-zA-Z][^<>]{0,20}>\s*){%d,}"
    % (DEEP_TAG_RUN, DEEP_TAG_RUN),
    re.IGNORECASE,
)
# A link's campaign parameters (`?utm_source=site&utm_medium=teaser`): the publisher's marketing
# tags its own offers so, an article's links to its sources carry none.
CAMPAIGN_PARAM_RE = re.compile(r"[?&;]utm_(?:source|medium|campaign|content|term)=", re.IGNORECASE)
# Control characters lxml refuses in text (all C0 controls but tab, newline and CR).
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# The same characters as UTF-8 bytes: in UTF-8 they stand only for themselves, so the
# encoded page holds one of these bytes exactly when the text holds one of the characters.
# One `memchr` per byte value (`int in bytes`) finds out about twice as fast as
# `bytes.translate` and several times faster than a regex search of the text.
_CONTROL_BYTES = bytes(c for c in range(32) if c not in (9, 10, 13))


def _has_control_bytes(encoded: bytes) -> bool:
    return any(byte in encoded for byte in _CONTROL_BYTES)


def decode_html(data: bytes, charset: str | None = None) -> tuple[str, str, list[str]]:
    """Decode an HTML page's bytes: `(text, encoding, warnings)` (rules in the module doc).

    `charset` is the one the HTTP Content-Type gave (web archives); as in browsers, it comes
    after a BOM and before the page's own declaration.
    """
    from .encoding import bom_encoding, decode_text

    if bom_encoding(data):
        return decode_text(data)
    declared = charset.strip().lower() if charset else None
    match = None if declared else _CHARSET_RE.search(data[:DECLARATION_BYTES])
    if match:
        declared = (match.group(1) or match.group(2) or b"").decode("ascii", "replace").strip().lower()
    if declared:
        if declared.startswith(("utf-16", "utf16", "utf-32", "ucs")) and b"\x00" not in data[:DECLARATION_BYTES]:
            declared = None
        elif declared and declared.replace("-", "").replace("_", "") not in ("utf8",):
            if _UTF8_MULTIBYTE_RE.search(data):
                try:
                    return data.decode("utf-8"), "utf-8", []
                except UnicodeDecodeError:
                    pass
    return decode_text(data, declared or None)


_PARSERS = threading.local()  # a parser serves one parse at a time: one set per thread


def _parser(huge: bool) -> etree.HTMLParser:
    """This thread's HTML parser (with `huge_tree` or without), made once: making one costs
    about a tenth of parsing a page, and each parse starts a fresh error log."""
    from lxml import etree

    parsers: dict[bool, etree.HTMLParser] | None = getattr(_PARSERS, "parsers", None)
    if parsers is None:
        parsers = _PARSERS.parsers = {}
    parser = parsers.get(huge)
    if parser is None:
        parser = parsers[huge] = etree.HTMLParser(
            encoding="utf-8", no_network=True, remove_comments=True, remove_pis=True, collect_ids=False,
            huge_tree=huge,
        )  # fmt: skip
    return parser


def _parse_tree(data: bytes) -> Element | None:
    """Parse the page (UTF-8 bytes) with libxml2's resource limits on; past a limit, parse again with help.

    1. A normal parse (nesting capped at 256 levels, text nodes at 10 MB).
    2. If libxml2 reports excessive depth, runs of `DEEP_TAG_RUN`+ consecutive start tags
       or end tags (which no real page has; `html`, `head`, `body`, `title` excepted) are
       removed and the page is parsed again, so text buried under thousands of wrappers
       survives while the tree depth stays bounded.
    3. If it reports an oversized buffer, the page is parsed again with `huge_tree`.
    """
    from lxml import etree

    huge = False
    root = None
    for _ in range(3):
        parser = _parser(huge)
        try:
            root = etree.fromstring(data, parser)
        except (etree.ParserError, etree.XMLSyntaxError, ValueError):
            return None
        limits = " ".join(str(e.message) for e in parser.error_log if e.type_name == "ERR_RESOURCE_LIMIT").lower()
        if not limits:
            return root
        if "depth" in limits:
            flattened = _TAG_RUN_RE.sub(b" ", data)
            if flattened == data:
                return root
            data = flattened
        elif not huge:
            huge = True
        else:
            return root
    return root


# ---------------------------------------------------------------------------------------
# Field cascades
# ---------------------------------------------------------------------------------------


def _publisher(page: Page) -> str | None:
    """og:site_name, then JSON-LD `publisher.name`, then the JSON-LD WebSite name, then the
    other `PUBLISHER_KEYS` meta tags."""
    return (
        page.meta.first(("og:site_name",))
        or (page.jsonld.publisher if page.jsonld else None)
        or (page.jsonld.site_name if page.jsonld else None)
        or page.meta.first(PUBLISHER_KEYS[1:])
    )


def _language(page: Page) -> str | None:
    """`<html lang>`, then Content-Language/`language` meta, then og:locale, then JSON-LD
    `inLanguage`; normalised to BCP 47."""
    for raw in (page.html_lang, page.meta.first(LANGUAGE_KEYS[:4]), page.meta.first(("og:locale",)),
                page.jsonld.language if page.jsonld else None):  # fmt: skip
        language = normalize_language(raw)
        if language:
            return language
    return None


def _absolute(url: str | None, base: str | None = None) -> str | None:
    if not url:
        return None
    url = url.strip()
    if url.startswith("//"):
        url = "https:" + url
    if url.startswith(("http://", "https://")):
        return url
    if base and base.startswith(("http://", "https://")):
        try:
            return urljoin(base, url)
        except ValueError:
            return None
    return None


def _add_author_links(draft: Draft, refs: list[tuple[str, str]], base: str | None) -> None:
    """The byline's and the author's note's links (`author_link_refs`), read outside the body's
    text, join its links as `inline` ones heading the article (section null), once per href."""
    seen = {link.href for link in draft.links}
    for text, raw in refs:
        href = _absolute(raw, base) or raw
        if href not in seen:
            seen.add(href)
            draft.links.append(Link(text=text, href=href, section=None, kind="inline"))


def _canonical_url(page: Page) -> str | None:
    """`<link rel=canonical>` > og:url (and other `URL_KEYS`) > JSON-LD `url` > the
    `<!-- saved from url=… -->` comment; relative values are resolved against the later ones."""
    fallback = page.meta.first(URL_KEYS) or (page.jsonld.url if page.jsonld else None) or page.saved_from
    fallback = _absolute(fallback)
    return _absolute(page.canonical, fallback) or fallback


def _tags(page: Page) -> list[str]:
    """`article:tag` meta, JSON-LD `keywords`, then `news_keywords`/`keywords` meta (split on
    commas); repeats removed case-insensitively, order kept."""
    raw: list[str] = list(page.meta.all(TAG_KEYS[:2]))
    if page.jsonld:
        raw.extend(page.jsonld.keywords)
    for value in page.meta.all(TAG_KEYS[2:]):
        raw.extend(re.split(r"[,;]", value))
    tags: list[str] = []
    seen: set[str] = set()
    for tag in raw:
        text = clean_text(tag)
        if text and len(text) <= 80 and text.lower() not in seen:
            seen.add(text.lower())
            tags.append(text)
    return tags


def _summary(page: Page) -> str | None:
    """A standfirst/dek element on the page (class `standfirst`, `dek`, `subheadline`,
    `summary`, `intro`…), else og:description / description / Twitter meta, else JSON-LD
    `description`."""
    if page.standfirsts:
        return page.standfirsts[0]
    return page.meta.first(DESCRIPTION_KEYS) or (page.jsonld.description if page.jsonld else None)


def _shown_description(root: Element, description: str | None) -> str | None:
    """The meta description when the page also prints it as a paragraph (a standfirst set under
    the headline without a standfirst class): the printed text, else None."""
    if not description or len(description.split()) < MIN_LEAD_WORDS:
        return None
    from lxml import etree

    from .body import text_of

    start = " ".join(description.split()[:MIN_LEAD_WORDS])
    found = root.xpath("descendant-or-self::p[starts-with(normalize-space(.), $start)]", start=start)
    for element in found if isinstance(found, list) else []:
        if isinstance(element, etree._Element):
            printed = text_of(element)
            if _norm(printed) == _norm(description):
                return printed
    return None


def _declared_body(article_body: str | None, sections: list[Section]) -> list[Section] | None:
    """The JSON-LD `articleBody` as the body, one paragraph a line, when the page's reading
    misses most of it: a page whose text a script writes in (`Loading…` in the HTML), or whose
    reading went astray, still gives the text its publisher declares. None when the reading
    holds `ARTICLE_BODY_FALLBACK_SHARE` of its words or more, when it is shorter than
    `ARTICLE_BODY_FALLBACK_CHARS`, or when it is markup rather than text. The reading's words
    are taken a paragraph at a time, up to the share (no word spans two paragraphs)."""
    if not article_body or len(article_body) < ARTICLE_BODY_FALLBACK_CHARS or _MARKUP_RE.search(article_body):
        return None
    declared = set(_WORD_TOKEN_RE.findall(article_body.lower()))
    enough = ARTICLE_BODY_FALLBACK_SHARE * len(declared)
    unread = set(declared)
    if not enough:
        return None
    for section in sections:
        for text in (section.heading or "", *section.paragraphs):
            unread.difference_update(_WORD_TOKEN_RE.findall(text.lower()))
            if len(declared) - len(unread) >= enough:
                return None  # the reading holds the share: most pages stop half-way through it
    paragraphs = tuple(p for p in (clean_text(line) for line in article_body.splitlines()) if p)
    return [Section(heading=None, level=2, paragraphs=paragraphs)] if paragraphs else None


def _in_body(lead: str, sections: list[Section]) -> bool:
    """True when the lead's key (`norm_key`) is in the key of the body text.

    An ASCII lead printed as it is inside a paragraph settles it without keying the whole body
    (its characters lower-case one for one, so its key is part of that paragraph's key)."""
    paragraphs = [p for section in sections for p in section.paragraphs]
    if lead.isascii() and any(lead in paragraph for paragraph in paragraphs):
        return True
    return _norm(lead) in _norm(" ".join(paragraphs))


def _campaign_link(link: Link) -> bool:
    """An inline link with text whose URL carries campaign parameters (`CAMPAIGN_PARAM_RE`)."""
    return link.kind == "inline" and bool(link.text) and CAMPAIGN_PARAM_RE.search(link.href) is not None


def _trim_addressing_tail(draft: Draft) -> None:
    """Drop the body's closing paragraphs that speak to their reader while the article does not
    (`text.addressing_tail`, the rule reader-mode exports follow) when they link with campaign
    parameters (`CAMPAIGN_PARAM_RE`, `?utm_source=…`): the publisher's own offer of a shop, an
    issue or a newsletter, set inside the article's container. Their inline links go with them.
    Without the campaign link the reader-address evidence alone is not enough in HTML: articles
    that close by speaking to their reader (how-to advice, a blog's sign-off) would lose text."""
    if not any(_campaign_link(link) for link in draft.links):
        return  # the cut needs one; most pages have none, and measuring the tail costs more
    from .text import addressing_tail  # imported here: most HTML pages never load the text parser

    place = addressing_tail([(s.heading, s.level, s.paragraphs) for s in draft.sections])
    if place is None:
        return
    index, number = place
    cut = [
        text for at, section in enumerate(draft.sections[index:], index)
        for text in (section.paragraphs[number:] if at == index and number >= 0 else section.paragraphs)
    ]  # fmt: skip
    if not any(
        _campaign_link(link) and link.section is not None and link.section >= index
        and any(link.text in text for text in cut) for link in draft.links
    ):  # fmt: skip
        return
    sections = draft.sections[: index + 1] if number >= 0 else draft.sections[:index]
    if number >= 0:
        last = sections[index]
        sections[index] = Section(heading=last.heading, level=last.level, paragraphs=last.paragraphs[:number])
    draft.sections = sections
    end = len(sections) - 1
    kept = " ".join(sections[index].paragraphs) if number >= 0 else ""

    def goes(link: Link) -> bool:
        """An inline link of the cut paragraphs (not also printed in a kept one)."""
        if link.kind != "inline" or link.section is None or link.section < index:
            return False
        return link.section > end or any(link.text in text for text in cut) and link.text not in kept

    move_items(draft, lambda section: min(section, max(end, 0)), lambda link: not goes(link))


def parse_html(data: bytes, charset: str | None = None) -> tuple[Draft, str]:
    """Parse a saved HTML page (`charset`: what the HTTP Content-Type said, if anything).

    Returns:
        The draft record (`format="html"`) and the name of the encoding used to decode it.
        A page lxml cannot read at all gives an empty draft with a warning; the caller
        turns "no headline and no text" into a `ParseError`.
    """
    text, encoding, notes = decode_html(data, charset)
    if encoding == "utf-8" and not notes and not data.startswith(codecs.BOM_UTF8):
        encoded = data  # read as strict UTF-8: encoding the text again gives these bytes
    else:
        encoded = text.encode("utf-8", "surrogatepass")
    if _has_control_bytes(encoded):
        text = _CONTROL_RE.sub(" ", text)
        encoded = text.encode("utf-8", "surrogatepass")
    draft = Draft(format="html", warnings=list(notes))
    root = _parse_tree(encoded)
    if root is None:
        draft.warnings.append("The HTML could not be parsed.")
        return draft, encoding
    page = read_page(root, text)
    from lxml import etree

    from .html_byline import (
        author_link_refs,
        authors,
        credit_line,
        is_weak_credit,
        section_keys,
        site_keys,
        sole_author_link,
    )
    from .html_dates import dates, local_date
    from .html_headline import headline, linked_site, printed_heading

    # Scripts and styles are read (JSON-LD); from here on their text would only be noise.
    etree.strip_elements(root, "script", "style", "noscript", "template", with_tail=False)
    draft.url = _canonical_url(page)
    draft.publisher = _publisher(page)
    draft.headline = headline(page, draft.url or linked_site(page))
    draft.language = _language(page)
    draft.date, draft.date_raw, draft.date_modified = dates(page, draft.url)
    local = local_date(page, draft.date, draft.date_raw, draft.language, draft.url)
    if local:
        draft.date, draft.date_raw, note = local
        draft.warnings.append(note)
    draft.byline = authors(page, draft.publisher)
    box_author = [] if draft.byline else sole_author_link(page)  # read before the body prunes the tree
    author_refs = author_link_refs(root, [p.name for p in draft.byline])  # likewise
    draft.tags = _tags(page)
    draft.summary = _summary(page)
    base = _absolute(page.base_href, draft.url) or draft.url
    shown_description = None if page.standfirsts else _shown_description(root, draft.summary)
    from .body import extract_body

    body = extract_body(
        root,
        base_url=base,
        headline=printed_heading(page, draft.headline),
        article_body=page.jsonld.article_body if page.jsonld else None,
        summary=draft.summary,
        selected=page.content_selected,
    )
    draft.sections = body.sections
    declared = _declared_body(page.jsonld.article_body if page.jsonld else None, body.sections)
    if declared is not None:
        draft.sections = declared
        body.links = [Link(text=k.text, href=k.href, section=0 if k.section is not None else None, kind=k.kind)
                      for k in body.links]  # fmt: skip
        body.captions = [Caption(text=c.text, credit=c.credit, src=c.src, section=0 if c.section is not None else None)
                         for c in body.captions]  # fmt: skip
    leads = page.standfirsts or ([shown_description] if shown_description else [])
    if leads and draft.sections and draft.sections[0].heading is None:
        lead = leads[0]
        if len(lead.split()) >= MIN_LEAD_WORDS and not _in_body(lead, draft.sections):
            # The lead printed above the article's root is part of the text readers see.
            first = draft.sections[0]
            draft.sections[0] = Section(heading=None, level=first.level, paragraphs=(lead, *first.paragraphs))
    draft.links = body.links
    if author_refs:
        _add_author_links(draft, author_refs, base)
    draft.captions = body.captions
    _trim_addressing_tail(draft)
    sites = site_keys(page, draft.publisher)
    if is_weak_credit(draft.byline, sites | section_keys(page)):
        for line in body.edge_lines:
            people = credit_line(line, sites)
            if people:
                # A line of names above or below the text credits the author the metadata missed.
                draft.byline = [Person(name=name, role=role) for name, role in people]
                draft.sections = [
                    Section(heading=s.heading, level=s.level, paragraphs=tuple(p for p in s.paragraphs if p != line))
                    for s in draft.sections
                ]
                break
    known = {_norm(p.name) for p in draft.byline}
    for person in body.credits:
        if _norm(person.name) not in known:
            known.add(_norm(person.name))
            draft.byline.append(person)
    if not draft.byline:
        draft.byline = [Person(name=name, role=role) for name, role in box_author]
    if not draft.byline:
        draft.warnings.append("No author found.")
    return draft, encoding
