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
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from ..model import Section
from ..normalize import clean_text, normalize_language
from .body import class_words, is_hidden, text_head, text_of, words_of
from .common import Draft, strip_site_suffix
from .common import norm_key as _norm
from .jsonld import JsonLdArticle, extract_jsonld
from .lexicon import DATE_LABELS, PUBLISHED_LABELS, UPDATED_LABELS, alternation
from .meta import (
    DESCRIPTION_KEYS,
    LANGUAGE_KEYS,
    PUBLISHER_KEYS,
    TAG_KEYS,
    URL_KEYS,
    MetaTags,
    collect_meta,
)

__all__ = ["decode_html", "normalize_language", "parse_html", "strip_site_suffix"]

if TYPE_CHECKING:
    from lxml.etree import _Element as Element

DECLARATION_BYTES = 8192
# How far around the h1 the header scan looks for a printed date: ancestor levels, and
# characters of each ancestor's text (dates sit next to the headline, not pages below).
HEADER_LEVELS = 3
# An h1 shorter than this (in words) may be a section label or logo, not a headline.
MIN_H1_WORDS = 3
MAX_HEADLINE_CHARS = 300
# h2s read to confirm that a metadata title is shown on the page.
MAX_SUBHEADS = 12
# A standfirst of at least this many words that the body lacks opens the body.
MIN_LEAD_WORDS = 8
# Searched without word boundaries: page text glues labels to names (`Jane DoeUpdated:`).
_UPDATE_LABEL_RE = re.compile(alternation(UPDATED_LABELS), re.IGNORECASE)
_PUBLISHED_LABEL_RE = re.compile(
    # not preceded by a letter (a digit may touch it: `14:49Erschienen am` after a <br>)
    rf"(?<![^\W\d_]){alternation(PUBLISHED_LABELS + DATE_LABELS)}(?:\s+(?:on|am|el|le|il))?\b\s*:?\s*",
    re.IGNORECASE,
)
MAX_BYLINE_ELEMENTS = 12
# An element holding only an author label (`Autor`, `by`, `Texte :`) whose next sibling holds the name.
_AUTHOR_LABEL_RE = re.compile(
    r"^\s*(?:by|von|par|por|text|texte|texto|words|autor|autorin|autoren|author|authors|written by|verfasst von|"
    r"geschrieben von|ein beitrag von)\s*:?\s*$",
    re.IGNORECASE,
)
MAX_LABEL_CHARS = 30
# A link to an author's page (`/autoren/kim-ott-123`, `/author/kim`): its text names the author.
_AUTHOR_PATH_RE = re.compile(r"/(?:author|authors|autor|autoren|autorin|journalist|journalists)/[^/?#]", re.IGNORECASE)
HEADER_CHARS = 1500
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
# Control characters lxml refuses in text (all C0 controls but tab, newline and CR).
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# The same characters as UTF-8 bytes: in UTF-8 they stand only for themselves, so the
# encoded page holds one of these bytes exactly when the text holds one of the characters,
# and `bytes.translate` finds out several times faster than a regex search of the text.
_CONTROL_BYTES = bytes(c for c in range(32) if c not in (9, 10, 13))
_SAVED_FROM_RE = re.compile(r"<!--\s*saved from url=\(\d+\)\s*(\S+?)\s*-->", re.IGNORECASE)
_DATE_CLASS_WORDS = frozenset(("date", "time", "published", "publish", "pubdate", "dateline", "timestamp", "datum",
                               "posted", "meta", "byline", "datetime", "entry"))  # fmt: skip
_BYLINE_WORDS = frozenset(("byline", "author", "authors", "autor", "autoren", "writer", "reporter", "creator",
                           "contributor", "bylines", "journalist", "verfasser"))  # fmt: skip
_BYLINE_EXCLUDE_WORDS = frozenset(("comment", "comments", "related", "sidebar", "teaser", "teasers", "recommended",
                                   "footer", "widget", "promo", "more", "popular", "trending", "avatar",
                                   "bio", "biography", "about", "description", "image", "photo", "img",
                                   "follow", "social", "share", "nav", "menu"))  # fmt: skip
# An h1 under one of these (within a few levels) is a logo, a greeting or hidden.
# Classes of the short label set above or inside a headline (`Genetik`, `Brexit`).
_KICKER_WORDS = frozenset(("kicker", "overline", "topline", "dachzeile", "roofline", "eyebrow", "supertitle",
                           "pretitle", "spitzmarke", "overhead", "superheadline", "subject"))  # fmt: skip
MAX_KICKER_CHARS = 60
_LOGO_WORDS = frozenset(("logo", "brand", "branding", "masthead", "modal", "popup", "overlay", "sitename", "hide",
                         "hidden"))  # fmt: skip
# A nav/aside whose class says it holds the byline (`pst-by`, `article-meta`).
_BYLINE_AREA_WORDS = frozenset(("by", "byline", "author", "authors", "meta", "info", "credits"))
_ARTICLE_WORDS = frozenset(("article", "post", "entry", "blog", "story", "content", "main", "hentry"))
_STANDFIRST_TOKENS = frozenset(
    "standfirst dek deck subheadline subhead articlesummary summary excerpt articleintro intro strapline "
    "articlelead articleteaser storyintro lede leadtext sapo chapo description articledescription "
    "subtitle articlesubtitle underline introduction teasertext".split()
)


@dataclass
class _Page:
    """Everything read from the untouched tree before the body is pruned."""

    meta: MetaTags
    jsonld: JsonLdArticle | None
    title: str | None = None
    h1s: list[str] = field(default_factory=list)
    html_lang: str | None = None
    canonical: str | None = None
    base_href: str | None = None
    saved_from: str | None = None
    times: list[tuple[str, str, bool]] = field(default_factory=list)  # datetime, text, looks-published
    modified_times: list[str] = field(default_factory=list)
    itemprops: dict[str, list[Element]] = field(default_factory=dict)
    byline_elements: list[Element] = field(default_factory=list)
    rel_authors: list[str] = field(default_factory=list)
    author_labels: list[Element] = field(default_factory=list)
    author_links: list[Element] = field(default_factory=list)
    header_root: Element | None = None
    date_elements: list[Element] = field(default_factory=list)
    standfirsts: list[str] = field(default_factory=list)
    header_texts: list[str] = field(default_factory=list)
    h1_in_article: bool = False
    root: Element | None = None
    _visible: str | None = None
    subheads: list[str] = field(default_factory=list)
    kickers: list[str] = field(default_factory=list)
    soft_kickers: list[str] = field(default_factory=list)


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
        parser = etree.HTMLParser(
            encoding="utf-8", no_network=True, remove_comments=True, remove_pis=True, collect_ids=False,
            huge_tree=huge,
        )  # fmt: skip
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


def _words(element: Element) -> frozenset[str]:
    return class_words(element)[0]


def _tokens(element: Element) -> frozenset[str]:
    raw = element.get("class")
    return words_of(raw)[1] if raw else frozenset()


_text = text_of


def _in_excluded_area(element: Element, limit: int = 8, *, allow_aside: bool = False) -> bool:
    """True when an ancestor's class marks comments, teasers, sidebars or related boxes
    (a class that also names the article, `widget Blog`, does not count)."""
    for depth, ancestor in enumerate(element.iterancestors()):
        if depth >= limit:
            break
        tag = ancestor.tag
        if tag == "footer":
            return True
        if tag in ("nav", "aside"):
            if not allow_aside or not (_words(ancestor) & _BYLINE_AREA_WORDS or _inside_article(ancestor)):
                return True
        words = _words(ancestor)
        if words & _BYLINE_EXCLUDE_WORDS and not words & _ARTICLE_WORDS:
            return True
    return False


_SPECIAL_TAGS = frozenset(("meta", "script", "link", "base", "title", "h1", "h2", "time", "a"))


def _read_time(page: _Page, element: Element) -> None:
    """A `<time>` element: publication or update, by its own and its parent's class."""
    value = element.get("datetime") or element.get("content") or ""
    parent = element.getparent()
    words = _words(element) | (_words(parent) if parent is not None else frozenset())
    text = _text(element)
    if words & {"updated", "modified", "update", "aktualisiert"} or _UPDATE_LABEL_RE.match(text):
        page.modified_times.append(value or text)
        return
    if _in_excluded_area(element, 6):
        return  # a teaser's or a comment's time: another text's date
    published = element.get("pubdate") is not None or bool(
        words & {"published", "publish", "pubdate", "date", "created", "posted", "datepublished"}
        or _PUBLISHED_LABEL_RE.match(text)
    )
    page.times.append((value, text, published))


def _kickers(heading: Element) -> list[str]:
    """Texts of kicker/overline elements inside a heading, or just before it."""
    found = [
        _text(e) for e in heading.iter()
        if e is not heading and isinstance(e.tag, str) and _words(e) & _KICKER_WORDS
    ]  # fmt: skip
    previous = heading.getprevious()
    if previous is not None and isinstance(previous.tag, str) and _words(previous) & _KICKER_WORDS:
        found.append(_text(previous))
    return [k for k in found if k and len(k) <= MAX_KICKER_CHARS]


def _broken_kicker(heading: Element) -> str | None:
    """The text of an element that opens a heading (`<h1><span>Energy:</span><br>Title</h1>`):
    a kicker if a metadata title is the rest of the heading (`_headline` checks)."""
    if (heading.text or "").strip() or not len(heading):
        return None
    first = heading[0]
    if not isinstance(first.tag, str) or first.tag in ("br", "a"):
        return None
    text = _text(first)
    return text if text and len(text) <= MAX_KICKER_CHARS else None


def _is_logo(h1: Element, text: str) -> bool:
    """An h1 that holds the site's logo or a modal's greeting, not the headline."""
    if "logo" in text.lower().split():
        return True
    for depth, node in enumerate((h1, *h1.iterancestors())):
        if depth > 4:
            break
        if _words(node) & _LOGO_WORDS or is_hidden(node):
            return True
    for anchor in h1.iter("a"):
        href = (anchor.get("href") or "").strip()
        parts = urlsplit(href) if href.startswith("http") else None
        if href in ("/", "./") or (parts is not None and parts.path in ("", "/") and not parts.query):
            return True  # the h1 links to the home page: a logo
    return False


def _inside_article(element: Element) -> bool:
    return any(a.tag in ("article", "main") for a in element.iterancestors())


def _in_article(element: Element) -> bool:
    """True inside `<article>`/`<main>` or an element whose class names the article."""
    for ancestor in element.iterancestors():
        if ancestor.tag in ("article", "main") or _words(ancestor) & {"article", "story", "post", "entry"}:
            return True
    return False


@lru_cache(maxsize=16384)
def _names_byline(raw_class: str) -> bool:
    """A class value with `author`/`byline` inside a word (`authorname-txt`)."""
    lowered = raw_class.lower()
    return "author" in lowered or "byline" in lowered


def _header_texts(h1: Element) -> list[str]:
    """Text around the headline (its parent and grandparent, bounded), where pages print
    the date and byline."""
    texts: list[str] = []
    ancestor = h1.getparent()
    for _ in range(HEADER_LEVELS):
        if ancestor is None or ancestor.tag in ("body", "html"):
            break
        texts.append(text_head(ancestor, HEADER_CHARS))
        ancestor = ancestor.getparent()
    return texts


def _header_root(h1: Element) -> Element:
    """The headline's block: the ancestor `HEADER_LEVELS` up (or the highest below body)."""
    root = h1
    for depth, ancestor in enumerate(h1.iterancestors()):
        if ancestor.tag in ("body", "html") or depth >= HEADER_LEVELS:
            break
        root = ancestor
    return root


def _read_page(root: Element, text: str) -> _Page:
    """One pass over the tree for every metadata source."""
    metas: list[Element] = []
    scripts: list[str] = []
    page = _Page(meta=MetaTags(), jsonld=None, root=root)
    saved = _SAVED_FROM_RE.search(text[:4096])
    if saved:
        page.saved_from = saved.group(1)
    lang = root.get("lang") or root.get("xml:lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    page.html_lang = lang
    from lxml import etree

    for element in root.iter(etree.Element):  # elements only, filtered in C
        tag = element.tag
        if tag in _SPECIAL_TAGS:
            if tag == "meta":
                metas.append(element)
            elif tag == "script":
                if element.text and "ld+json" in (element.get("type") or "").lower():
                    scripts.append(element.text)
            elif tag == "link":
                rel = (element.get("rel") or "").lower().split()
                if "canonical" in rel and element.get("href") and not page.canonical:
                    page.canonical = element.get("href", "").strip()
            elif tag == "base":
                page.base_href = page.base_href or element.get("href", "").strip()
            elif tag == "title":
                if page.title is None:
                    page.title = clean_text(element.text or "") or None
            elif tag == "h1":
                if len(page.h1s) < 5:
                    h1 = _text(element)
                    if h1 and not _in_excluded_area(element, 4) and not _is_logo(element, h1):
                        page.h1s.append(h1)
                        page.kickers.extend(_kickers(element))
                        broken = _broken_kicker(element)
                        if broken:
                            page.soft_kickers.append(broken)
                        if not page.header_texts:
                            page.header_texts = _header_texts(element)
                            page.header_root = _header_root(element)
                            page.h1_in_article = _in_article(element)
            elif tag == "h2":
                if len(page.subheads) < MAX_SUBHEADS:
                    page.subheads.append(_text(element))
                    page.kickers.extend(_kickers(element))
            elif tag == "time":
                _read_time(page, element)
            elif tag == "a":
                rel_value = element.get("rel")
                if (
                    rel_value
                    and "author" in rel_value.lower().split()
                    and not _in_excluded_area(element, allow_aside=True)
                ):
                    page.rel_authors.append(_text(element))
                elif len(page.author_links) < MAX_BYLINE_ELEMENTS and _AUTHOR_PATH_RE.search(element.get("href") or ""):
                    page.author_links.append(element)
        if not len(element) and len(page.author_labels) < MAX_BYLINE_ELEMENTS:
            label = element.text
            if label and len(label) <= MAX_LABEL_CHARS and _AUTHOR_LABEL_RE.match(label):
                page.author_labels.append(element)
        attributes = element.attrib
        if not attributes:
            continue  # most elements: nothing below can apply
        test_id = attributes.get("data-testid") or attributes.get("data-component")
        if test_id and _names_byline(test_id) and len(page.byline_elements) < MAX_BYLINE_ELEMENTS:
            page.byline_elements.append(element)
        itemprop = attributes.get("itemprop")
        if itemprop:
            for prop in itemprop.split():
                page.itemprops.setdefault(prop.lower(), []).append(element)
        css = attributes.get("class")
        if (css or attributes.get("id")) and tag not in ("body", "html"):
            words, tokens = class_words(element)
            if (words & _BYLINE_WORDS or _names_byline(css or "")) and len(page.byline_elements) < MAX_BYLINE_ELEMENTS:
                page.byline_elements.append(element)
            if words & _DATE_CLASS_WORDS and len(page.date_elements) < 20:
                page.date_elements.append(element)
            if len(page.standfirsts) < 3 and tokens & _STANDFIRST_TOKENS:
                text_value = _text(element)
                if 30 <= len(text_value) <= 600 and not _in_excluded_area(element):
                    page.standfirsts.append(text_value)
    page.meta = collect_meta(metas)
    page.jsonld = extract_jsonld(scripts)
    return page


# ---------------------------------------------------------------------------------------
# Field cascades
# ---------------------------------------------------------------------------------------


def _publisher(page: _Page) -> str | None:
    """og:site_name, then JSON-LD `publisher.name`, then the JSON-LD WebSite name, then the
    other `PUBLISHER_KEYS` meta tags."""
    return (
        page.meta.first(("og:site_name",))
        or (page.jsonld.publisher if page.jsonld else None)
        or (page.jsonld.site_name if page.jsonld else None)
        or page.meta.first(PUBLISHER_KEYS[1:])
    )


def _language(page: _Page) -> str | None:
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


def _canonical_url(page: _Page) -> str | None:
    """`<link rel=canonical>` > og:url (and other `URL_KEYS`) > JSON-LD `url` > the
    `<!-- saved from url=… -->` comment; relative values are resolved against the later ones."""
    fallback = page.meta.first(URL_KEYS) or (page.jsonld.url if page.jsonld else None) or page.saved_from
    fallback = _absolute(fallback)
    return _absolute(page.canonical, fallback) or fallback


def _tags(page: _Page) -> list[str]:
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


def _summary(page: _Page) -> str | None:
    """A standfirst/dek element on the page (class `standfirst`, `dek`, `subheadline`,
    `summary`, `intro`…), else og:description / description / Twitter meta, else JSON-LD
    `description`."""
    if page.standfirsts:
        return page.standfirsts[0]
    return page.meta.first(DESCRIPTION_KEYS) or (page.jsonld.description if page.jsonld else None)


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
    if len(encoded.translate(None, _CONTROL_BYTES)) != len(encoded):
        text = _CONTROL_RE.sub(" ", text)
        encoded = text.encode("utf-8", "surrogatepass")
    draft = Draft(format="html", warnings=list(notes))
    root = _parse_tree(encoded)
    if root is None:
        draft.warnings.append("The HTML could not be parsed.")
        return draft, encoding
    page = _read_page(root, text)
    from lxml import etree

    from .html_byline import authors
    from .html_dates import dates, local_date
    from .html_headline import headline

    # Scripts and styles are read (JSON-LD); from here on their text would only be noise.
    etree.strip_elements(root, "script", "style", "noscript", "template", with_tail=False)
    draft.url = _canonical_url(page)
    draft.publisher = _publisher(page)
    draft.headline = headline(page, draft.url)
    draft.language = _language(page)
    draft.date, draft.date_raw, draft.date_modified = dates(page, draft.url)
    local = local_date(page, draft.date, draft.date_raw, draft.language, draft.url)
    if local:
        draft.date, draft.date_raw, note = local
        draft.warnings.append(note)
    draft.byline = authors(page, draft.publisher)
    draft.tags = _tags(page)
    draft.summary = _summary(page)
    base = _absolute(page.base_href, draft.url) or draft.url
    from .body import extract_body

    body = extract_body(
        root,
        base_url=base,
        headline=draft.headline,
        article_body=page.jsonld.article_body if page.jsonld else None,
        summary=draft.summary,
    )
    draft.sections = body.sections
    if page.standfirsts and draft.sections and draft.sections[0].heading is None:
        lead = page.standfirsts[0]
        body_text = _norm(" ".join(p for section in draft.sections for p in section.paragraphs))
        if _norm(lead) not in body_text and len(lead.split()) >= MIN_LEAD_WORDS:
            # The lead printed above the article's root is part of the text readers see.
            first = draft.sections[0]
            draft.sections[0] = Section(heading=None, level=first.level, paragraphs=(lead, *first.paragraphs))
    draft.links = body.links
    draft.captions = body.captions
    known = {_norm(p.name) for p in draft.byline}
    for person in body.credits:
        if _norm(person.name) not in known:
            known.add(_norm(person.name))
            draft.byline.append(person)
    if not draft.byline:
        draft.warnings.append("No author found.")
    return draft, encoding
