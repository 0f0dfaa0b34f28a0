"""Saved HTML pages → `Draft`: decoding, the metadata cascade, and the body.

The page is parsed once with lxml's HTML parser (no network, comments and processing
instructions dropped, nesting depth capped by libxml2 so hostile input degrades instead of
raising). Metadata is read from the untouched tree first; `body.extract_body` then prunes the
same tree in place to find the article text.

Decoding (`decode_html`), first rule that applies:
1. A byte-order mark.
2. The encoding the page declares in its first `DECLARATION_BYTES` (`<meta charset>`,
   `http-equiv` Content-Type, XML declaration); a single-byte declaration is overruled when
   the bytes are valid UTF-8 with multi-byte sequences (pages re-saved as UTF-8 keep their old
   declaration), and a UTF-16/32 declaration on ASCII-compatible bytes is ignored.
3. `encoding.decode_text`'s detector: UTF-8, mostly-UTF-8, else Windows-1252.

Each field's cascade is documented on the function that computes it (`_headline`,
`_dates`, `_authors`, `_publisher`, `_language`, `_canonical_url`, `_tags`, `_summary`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import urljoin, urlsplit

from ..model import Person, Section
from ..normalize import clean_text, is_ambiguous_numeric_date, normalize_language, parse_date
from .body import class_words, is_hidden, text_of, words_of
from .common import TITLE_SEPARATORS_RE as _SUFFIX_SEPARATORS_RE
from .common import Draft, strip_site_suffix
from .common import norm_key as _norm
from .jsonld import JsonLdArticle, extract_jsonld
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
    MetaTags,
    collect_meta,
)

__all__ = ["decode_html", "normalize_language", "parse_html", "strip_site_suffix"]

Element = Any  # lxml element

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
# How far after the headline the last-resort date search reads (dates sit by the headline).
NEAR_H1_CHARS = 1500
# ... and, failing that, how much of the page's text it reads from the top.
FIRST_DATE_CHARS = 5000
# A printed date preceded (within this many characters) by an update label is the update.
UPDATE_LABEL_CHARS = 40
_UPDATE_LABEL_RE = re.compile(
    r"updated|update|aktualisiert|zuletzt|geändert|modified|actualizado|mis à jour|modifié|aggiornato|edited",
    re.IGNORECASE,
)
_PUBLISHED_LABEL_RE = re.compile(
    # not preceded by a letter (a digit may touch it: `14:49Erschienen am` after a <br>)
    r"(?<![^\W\d_])(?:published(?: on)?|posted(?: on)?|erschienen(?: am)?|veröffentlicht(?: am)?|"
    r"publiziert(?: am)?|stand|datum|publicado(?: el)?|publié le|pubblicato(?: il)?|date)\b\s*:?\s*",
    re.IGNORECASE,
)
MAX_BYLINE_ELEMENTS = 12
# `By Name` printed next to the headline without any byline markup.
_HEADER_BY_RE = re.compile(r"(?:^|\s|\W)((?:By|Von|Par|Por)\s*[A-ZÀ-Þ][\w.'’-]+(?:\s+[A-ZÀ-Þ][\w.'’-]+){1,3})")
# An element holding only an author label (`Autor`, `by`, `Texte :`) whose next sibling holds the name.
_AUTHOR_LABEL_RE = re.compile(
    r"^\s*(?:by|von|par|por|text|texte|texto|words|autor|autorin|autoren|author|authors|written by|verfasst von|"
    r"geschrieben von|ein beitrag von)\s*:?\s*$",
    re.IGNORECASE,
)
MAX_LABEL_CHARS = 30
# A link to an author's page (`/autoren/kim-ott-123`, `/author/kim`): its text names the author.
_AUTHOR_PATH_RE = re.compile(r"/(?:author|authors|autor|autoren|autorin|journalist|journalists)/[^/?#]", re.IGNORECASE)
# A byline element longer than this is a teaser or a paragraph, not a credit (unless it
# opens with `By`, when only its start is read).
MAX_BYLINE_CHARS = 200
_STARTS_WITH_BY_RE = re.compile(r"^\s*(?:by|von|par|por)\b", re.IGNORECASE)
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
_SAVED_FROM_RE = re.compile(r"<!--\s*saved from url=\(\d+\)\s*(\S+?)\s*-->", re.IGNORECASE)
_URL_DATE_RE = re.compile(
    r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|[-_.]|$)|"
    r"[/_-]((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)"
)
_DATE_CLASS_WORDS = frozenset(("date", "time", "published", "publish", "pubdate", "dateline", "timestamp", "datum",
                               "posted", "meta", "byline", "datetime", "entry"))  # fmt: skip
_BYLINE_WORDS = frozenset(("byline", "author", "authors", "autor", "autoren", "writer", "reporter", "creator",
                           "contributor", "bylines", "journalist", "verfasser"))  # fmt: skip
_BYLINE_EXCLUDE_WORDS = frozenset(("comment", "comments", "related", "sidebar", "teaser", "teasers", "recommended",
                                   "footer", "widget", "promo", "more", "popular", "trending", "avatar",
                                   "bio", "biography", "about", "description", "image", "photo", "img",
                                   "follow", "social", "share", "nav", "menu"))  # fmt: skip
# Parts of a byline element that never hold the name.
_BYLINE_SKIP_TAGS = frozenset(("time", "script", "style", "img", "svg", "button", "figure", "picture"))
_BYLINE_SKIP_WORDS = frozenset(("date", "time", "published", "updated", "timestamp", "dateline", "follow", "social",
                                "twitter", "email", "mail", "bio", "image", "avatar", "photo", "share", "icon",
                                "label", "meta", "datetime", "reading", "readtime", "comments"))  # fmt: skip
# A role element longer than this is a biography, not a job title.
MAX_ROLE_CHARS = 80
# An h1 under one of these (within a few levels) is a logo, a greeting or hidden.
# Classes of the short label set above or inside a headline (`Genetik`, `Brexit`).
_KICKER_WORDS = frozenset(("kicker", "overline", "topline", "dachzeile", "roofline", "eyebrow", "supertitle",
                           "pretitle", "spitzmarke", "overhead", "superheadline", "subject"))  # fmt: skip
MAX_KICKER_CHARS = 60
_LOGO_WORDS = frozenset(("logo", "brand", "branding", "masthead", "modal", "popup", "overlay", "sitename", "hide",
                         "hidden"))  # fmt: skip
# A nav/aside whose class says it holds the byline (`pst-by`, `article-meta`).
_BYLINE_AREA_WORDS = frozenset(("by", "byline", "author", "authors", "meta", "info", "credits"))
# A byline-looking element that is itself a comment form or a comment's author.
_BYLINE_SELF_EXCLUDE = frozenset(("comment", "comments", "form", "reply", "input", "avatar", "image", "img"))
_ARTICLE_WORDS = frozenset(("article", "post", "entry", "blog", "story", "content", "main", "hentry"))
_ROLE_CLASS_WORDS = frozenset(("title", "role", "job", "position", "jobtitle", "description"))
_STANDFIRST_TOKENS = frozenset(
    "standfirst dek deck subheadline subhead articlesummary summary excerpt articleintro intro strapline "
    "articlelead articleteaser storyintro lede leadtext sapo chapo description articledescription "
    "subtitle articlesubtitle underline introduction teasertext".split()
)
_CAMEL_RE = re.compile(r"(?<=[a-z])(?=[A-Z])")
_YEAR_RE = re.compile(r"(?:19|20)\d{2}")
_ISO_START_RE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_TIME_IN_TEXT_RE = re.compile(r"\b\d{1,2}:\d{2}\b")
# `2022-01-10T22:06:08:684Z`: milliseconds written after a colon instead of a dot.
_ISO_MILLIS_COLON_RE = re.compile(r"(T\d{2}:\d{2}:\d{2}):(?=\d{3}(?!\d))")
# Host labels that never name a site (`www.bbc.co.uk` → `bbc`).
_HOST_NOISE = frozenset(("www", "m", "amp", "com", "co", "org", "net", "de", "uk", "fr", "at", "ch", "es", "it"))
_WORD_RE = re.compile(r"[a-z]+")


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
    header_root: Element = None
    date_elements: list[Element] = field(default_factory=list)
    standfirsts: list[str] = field(default_factory=list)
    header_texts: list[str] = field(default_factory=list)
    h1_in_article: bool = False
    root: Element = None
    _visible: str | None = None
    subheads: list[str] = field(default_factory=list)
    kickers: list[str] = field(default_factory=list)
    soft_kickers: list[str] = field(default_factory=list)


def _mentions(page: _Page, people: list[tuple[str, str | None]]) -> bool:
    """True when any of `people` is named in the text around the headline."""
    if page._visible is None:
        page._visible = " ".join(page.header_texts[:2]).lower()
    return any(name.lower() in page._visible for name, _ in people)


def decode_html(data: bytes) -> tuple[str, str, list[str]]:
    """Decode an HTML page's bytes: `(text, encoding, warnings)` (rules in the module doc)."""
    from .encoding import bom_encoding, decode_text

    if bom_encoding(data):
        return decode_text(data)
    declared = None
    match = _CHARSET_RE.search(data[:DECLARATION_BYTES])
    if match:
        declared = (match.group(1) or match.group(2) or b"").decode("ascii", "replace").strip().lower()
        if declared.startswith(("utf-16", "utf16", "utf-32", "ucs")) and b"\x00" not in data[:DECLARATION_BYTES]:
            declared = None
        elif declared and declared.replace("-", "").replace("_", "") not in ("utf8",):
            if _UTF8_MULTIBYTE_RE.search(data):
                try:
                    return data.decode("utf-8"), "utf-8", []
                except UnicodeDecodeError:
                    pass
    return decode_text(data, declared or None)


def _parse_tree(text: str) -> Element | None:
    """Parse with libxml2's resource limits on; past a limit, parse again with help.

    1. A normal parse (nesting capped at 256 levels, text nodes at 10 MB).
    2. If libxml2 reports excessive depth, runs of `DEEP_TAG_RUN`+ consecutive start tags
       or end tags (which no real page has; `html`, `head`, `body`, `title` excepted) are
       removed and the page is parsed again, so text buried under thousands of wrappers
       survives while the tree depth stays bounded.
    3. If it reports an oversized buffer, the page is parsed again with `huge_tree`.
    """
    from lxml import etree

    data = text.encode("utf-8", "surrogatepass")
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
        texts.append(_text(ancestor)[:HEADER_CHARS])
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
    for element in root.iter():
        tag = element.tag
        if not isinstance(tag, str):
            continue
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
                rel = element.get("rel")
                if rel and "author" in rel.lower().split() and not _in_excluded_area(element, allow_aside=True):
                    page.rel_authors.append(_text(element))
                elif len(page.author_links) < MAX_BYLINE_ELEMENTS and _AUTHOR_PATH_RE.search(element.get("href") or ""):
                    page.author_links.append(element)
        if (
            len(element) == 0
            and element.text
            and len(element.text) <= MAX_LABEL_CHARS
            and len(page.author_labels) < MAX_BYLINE_ELEMENTS
            and _AUTHOR_LABEL_RE.match(element.text)
        ):
            page.author_labels.append(element)
        test_id = element.get("data-testid") or element.get("data-component")
        if test_id and _names_byline(test_id) and len(page.byline_elements) < MAX_BYLINE_ELEMENTS:
            page.byline_elements.append(element)
        itemprop = element.get("itemprop")
        if itemprop:
            for prop in itemprop.split():
                page.itemprops.setdefault(prop.lower(), []).append(element)
        if (element.get("class") or element.get("id")) and tag not in ("body", "html"):
            words, tokens = class_words(element)
            if (words & _BYLINE_WORDS or _names_byline(element.get("class") or "")) and len(
                page.byline_elements
            ) < MAX_BYLINE_ELEMENTS:
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


def _site_names(page: _Page, url: str | None) -> list[str]:
    names = [page.meta.first(("og:site_name",)), page.jsonld.publisher if page.jsonld else None,
             page.jsonld.site_name if page.jsonld else None, page.meta.first(PUBLISHER_KEYS[1:])]  # fmt: skip
    if url:
        host = urlsplit(url).hostname or ""
        labels = [lab for lab in host.split(".") if lab not in _HOST_NOISE]
        names.extend(labels)
        names.append(host.removeprefix("www."))
    return [n for n in names if n]


def _headline(page: _Page, url: str | None) -> str | None:
    """The headline (`_pick_headline`) without a kicker the page sets apart in its heading
    (`<span class="kicker">Genetik</span>: Title` → `Title`), or that opens the heading on a
    line of its own (`<span>Energy:</span><br>Title`) when a metadata title is the rest."""
    headline = _pick_headline(page, url)
    if headline:
        for kicker in page.kickers:
            match = re.match(re.escape(kicker) + r"\s*[:|–—-]?\s+", headline)
            if match and len(headline) > match.end():
                return headline[match.end() :]
        if page.soft_kickers:
            sites = _site_names(page, url)
            titles = [page.jsonld.headline if page.jsonld else None, *page.meta.all(TITLE_KEYS), page.title]
            keys = {_norm(strip_site_suffix(t, sites)) for t in titles if t}
            for kicker in page.soft_kickers:
                match = re.match(re.escape(kicker) + r"\s*[:|–—-]?\s*", headline)
                if match and _norm(headline[match.end() :]) in keys:
                    return headline[match.end() :]
    return headline


def _pick_headline(page: _Page, url: str | None) -> str | None:
    """The visible headline, without site suffixes.

    Rules, first that applies:
    1. An h1 (outside comments/sidebars) that matches the JSON-LD headline, og:title /
       Twitter / Dublin Core title or `<title>` (equal, or equal once the site suffix is
       removed) is taken as written on the page.
    1b. A JSON-LD/meta title (as is, or without its site suffix) that the page shows as an
       h2; then an h1 matching `<title>` (metadata titles outrank `<title>`).
    1c. An h1 holding the title plus a label (`Local News | Title`): the title.
    1d. Otherwise the visible headline still wins over the metadata when it is unambiguous:
       the only h1 of at least `MIN_H1_WORDS` words, or the first such h1 inside the article.
    2. JSON-LD `headline`, then the meta titles (`TITLE_KEYS` order), with site suffixes removed.
    3. `<title>` with site suffixes removed.
    4. The first h1.
    """
    sites = _site_names(page, url)
    candidates = []
    if page.jsonld and page.jsonld.headline:
        candidates.append(page.jsonld.headline)
    candidates.extend(page.meta.all(TITLE_KEYS))
    if page.title:
        candidates.append(page.title)
    h1s = [h for h in page.h1s if _norm(h) and not any(_norm(h) == _norm(s) for s in sites)]
    if h1s:
        h1_keys = {_norm(h): h for h in h1s}
        metas = candidates[: len(candidates) - (1 if page.title else 0)]

        def shown_as(pool: list[str], shown: dict[str, str], *, as_written: bool) -> str | None:
            for candidate in pool:
                for cut in (candidate, strip_site_suffix(candidate, sites), strip_site_suffix(candidate, sites, h1s)):
                    if _norm(cut) in shown:
                        return shown[_norm(cut)] if as_written else cut
            return None

        found = shown_as(metas, h1_keys, as_written=True)
        if found:
            return found
        found = shown_as(metas, {_norm(h): h for h in page.subheads}, as_written=False)
        if found:
            return found
        found = shown_as(candidates[len(metas) :], h1_keys, as_written=True)
        if found:
            return found
        for h1 in h1s:
            # The h1 holds the title plus a label (`Local News | Title`): take the title.
            parts = _SUFFIX_SEPARATORS_RE.split(h1)
            if len(parts) > 1:
                segments = {_norm(part) for part in parts}
                for candidate in candidates:
                    if _norm(candidate) in segments and len(candidate.split()) >= MIN_H1_WORDS:
                        return candidate
        subheads = {_norm(h): h for h in page.subheads}
        for candidate in candidates:
            for cut in (candidate, strip_site_suffix(candidate, sites)):
                if _norm(cut) in subheads:
                    return cut
        # An h1 that only opens the metadata title (`Artist` of `Artist: Album`) is a label;
        # one that ends it (`Kicker: Title`) is the headline without its kicker.
        inside = {_norm(h) for h in h1s if any(_norm(c).startswith(_norm(h)) for c in candidates)}
        visible = [
            h for h in h1s
            if MIN_H1_WORDS <= len(h.split()) and len(h) <= MAX_HEADLINE_CHARS and _norm(h) not in inside
        ]  # fmt: skip
        if len(visible) == 1 or (visible and page.h1_in_article):
            return visible[0]
    for candidate in candidates:
        cut = strip_site_suffix(candidate, sites)
        if cut and not any(_norm(cut) == _norm(s) for s in sites):
            return cut
    if h1s:
        return h1s[0]
    return candidates[0] if candidates else None


def _dates(page: _Page, url: str | None) -> tuple[str | None, str | None, str | None]:
    """`(date, date_raw, date_modified)`.

    Publication date, first source with a readable value:
    1. JSON-LD `datePublished`, then `dateCreated`.
    2. Meta tags in `DATE_KEYS` order (`article:published_time`, parsely, sailthru, Dublin Core …).
    3. `itemprop="datePublished"` elements (`datetime`/`content` attribute, else their text).
    4. `<time>` elements marked as publication (`pubdate`, class `published`/`date`, text
       opening with a label such as `Published`/`Publié le`), then any `<time datetime>` not
       marked as an update (by class or an `Updated` label). A `<time>` inside comments,
       teasers, sidebars or a footer dates another text and is never read.
    5. A date in the URL (`/2019/03/25/`, `-20190325-`).
    6. Dates written in words or digits (`html_dates.find_text_date`, many languages) in
       `<time>` text, in elements whose class names a date (`date`, `published`, `dateline`,
       `meta`) outside comments and teasers, then in the text around the h1, then in such
       elements inside an `<aside>`.
    7. A date printed after a label (`Published on`, `Erschienen am`) anywhere in the page,
       else the first date printed just after the headline, else near the top of the page.
    Values without a written year are ignored (no parser may supply the current year). When
    several sources give the same moment in different offsets, the one whose day matches the
    date printed by the headline is kept.
    The date printed in the headline block wins over a metadata date more than a day earlier
    (pages re-dated in print keep a stale `datePublished`), or a day apart when the metadata
    states no offset; an ambiguous `03/04/2019` never does, nor does any printed date when
    the URL's date confirms the metadata day, and one preceded by an update label
    (`Updated`, `Aktualisiert`) becomes the modification date instead.
    A machine value with a day but a time in no standard form (`2017-03-13|19h18`) gives its day.
    Modification date: JSON-LD `dateModified`, meta `MODIFIED_KEYS`, `itemprop="dateModified"`,
    `<time>` marked as an update. A modification date earlier than the publication is dropped.
    """
    raw_candidates: list[str] = []
    if page.jsonld:
        raw_candidates += [d for d in (page.jsonld.date_published, page.jsonld.date_created) if d]
    raw_candidates += page.meta.all(DATE_KEYS)
    for element in page.itemprops.get("datepublished", []) + page.itemprops.get("datecreated", []):
        value = (element.get("datetime") or element.get("content") or element.get("value")
                 or element.get("title") or _text(element))  # fmt: skip
        if value:
            raw_candidates.append(value)
    raw_candidates += [v for v, _, published in page.times if published and v]
    raw_candidates += [t for v, t, published in page.times if published and not v and t]
    raw_candidates += [v for v, _, published in page.times if not published and v]
    date = date_raw = None
    printed = _printed_date(page)
    for raw in raw_candidates:
        iso = _read_date(raw)
        if iso and date is None:
            date, date_raw = iso, clean_text(raw)
            if not printed or iso[:10] == printed[1]:
                break
        elif iso and printed and iso[:10] == printed[1] and _same_instant(iso, date):
            # The same moment written in the offset the page prints its date in.
            date, date_raw = iso, clean_text(raw)
            break
    url_date = _url_date(page, url)
    if date is None and url_date:
        date_raw, date = url_date
    if date is None:
        from .html_dates import find_text_date

        texts = [t for _, t, _ in page.times if t]
        asides: list[str] = []
        for element in page.date_elements:
            if not _in_excluded_area(element, 6, allow_aside=True):
                value = element.get("datetime") or element.get("content") or element.get("title")
                values = [v for v in (value, _text(element)[:300]) if v]
                (asides if _in_excluded_area(element, 6) else texts).extend(values)
        texts.extend(page.header_texts)
        texts.extend(_text(e)[:300] for e in page.byline_elements[:4] if not _in_excluded_area(e, 6))
        texts.extend(asides)
        for text_value in texts:
            found = find_text_date(text_value)
            if found:
                date_raw, date = found
                break
    if date is None:
        found = _page_text_date(page)
        if found:
            date_raw, date = found
    printed_modified = None
    ambiguous = "/" in (printed[0] if printed else "") and is_ambiguous_numeric_date(printed[0] if printed else "")
    confirmed = url_date is not None and date is not None and url_date[1] == date[:10]
    if date and printed and _overrides(printed[1], date) and not ambiguous and not confirmed:
        if printed[2]:
            printed_modified = printed[1]
        else:
            date_raw, date = printed[0], printed[1]
    modified = None
    modified_candidates: list[str] = [printed_modified] if printed_modified else []
    if page.jsonld and page.jsonld.date_modified:
        modified_candidates.append(page.jsonld.date_modified)
    modified_candidates += page.meta.all(MODIFIED_KEYS)
    for element in page.itemprops.get("datemodified", []):
        value = element.get("datetime") or element.get("content") or _text(element)
        if value:
            modified_candidates.append(value)
    modified_candidates += page.modified_times
    for raw in modified_candidates:
        iso = _read_date(raw)
        if iso:
            modified = iso
            break
    if modified and date and modified[:10] < date[:10]:
        modified = None
    return date, date_raw, modified


def _local_date(
    page: _Page, date: str | None, date_raw: str | None, language: str | None, url: str | None
) -> tuple[str, str, str] | None:
    """`(day, date_raw, warning)` when `date` is a UTC-only timestamp whose day differs in the
    zone the page implies (`html_dates.page_zone`): the local day, as readers date the
    article. The day the page prints by its headline confirms it (and becomes `date_raw`);
    a printed UTC day vetoes it (the site dates its articles in UTC). A timestamp at exactly
    00:00:00 UTC is a bare day stored as midnight and keeps its day. No offset is added; the
    warning keeps the UTC timestamp."""
    if not date or not date.endswith("+00:00") or len(date) < 19 or date[11:19] == "00:00:00":
        return None
    from .html_dates import local_day, page_zone

    zone = page_zone(language, urlsplit(url).hostname if url else None)
    day = local_day(date, zone) if zone else None
    if not day or day == date[:10]:
        return None
    printed = _printed_date(page)
    if printed and printed[1] == date[:10]:
        return None
    raw = printed[0] if printed and printed[1] == day else (date_raw or date)
    return day, raw, f"The date is the day in {zone} (the page's region) of the UTC time {date}."


def _url_date(page: _Page, url: str | None) -> tuple[str, str] | None:
    """`(as_written, iso_day)` of a date in the canonical URL, og:url or the page URL."""
    for source in (page.canonical, page.meta.first(URL_KEYS), url):
        match = _URL_DATE_RE.search(source or "")
        if match:
            groups = [g for g in match.groups() if g]
            try:
                date = f"{int(groups[0]):04d}-{int(groups[1]):02d}-{int(groups[2]):02d}"
            except (ValueError, IndexError):
                continue
            if parse_date(date):
                return match.group(0).strip("/-_."), date
    return None


def _same_instant(first: str, second: str | None) -> bool:
    """True when two ISO timestamps with offsets name the same moment."""
    from datetime import datetime

    try:
        a, b = datetime.fromisoformat(first), datetime.fromisoformat(second or "")
    except ValueError:
        return False
    return a.tzinfo is not None and b.tzinfo is not None and a == b


def _overrides(printed: str, date: str) -> bool:
    """Whether the printed day replaces the metadata `date`: when it is more than a day later
    (a stale `datePublished`; an earlier printed date is more likely a quoted one), or a day
    apart and the metadata time carries no offset (a one-day gap under a stated offset is the
    time zone, and the timestamp says more)."""
    from datetime import date as day

    try:
        gap = (day.fromisoformat(printed) - day.fromisoformat(date[:10])).days
    except ValueError:
        return False
    has_offset = len(date) > 19 or date.endswith("Z")
    return gap > 1 or (abs(gap) == 1 and not has_offset)


def _printed_date(page: _Page) -> tuple[str, str, bool] | None:
    """The date printed in the headline block: `(as_written, iso_day, is_update)`;
    `is_update` when a label such as `Updated`/`Aktualisiert` stands just before it."""
    from .html_dates import find_text_date

    for text_value in page.header_texts[:2]:
        found = find_text_date(text_value)
        if found:
            index = text_value.find(found[0])
            before = text_value[max(0, index - UPDATE_LABEL_CHARS) : index]
            return found[0], found[1], bool(_UPDATE_LABEL_RE.search(before))
    return None


def _page_text_date(page: _Page) -> tuple[str, str] | None:
    """Last resort: a date the page prints after a publication label (`Published on`,
    `Erschienen am`, `Stand:`), else the first date printed within `NEAR_H1_CHARS` after the
    headline."""
    from .html_dates import find_text_date

    body = page.root.find("body") if page.root is not None else None
    if body is None:
        return None
    text = _text(body)
    for match in _PUBLISHED_LABEL_RE.finditer(text):
        found = find_text_date(text[match.end() : match.end() + 40])
        if found:
            return found
    start = text.find(page.h1s[0]) if page.h1s else -1
    if start >= 0:
        found = find_text_date(text[max(0, start - 200) : start + NEAR_H1_CHARS])
        if found:
            return found
    return find_text_date(text[:FIRST_DATE_CHARS])


def _read_date(raw: str) -> str | None:
    """ISO date of a machine-written value (`2019-03-25T…`) or of a date written in words;
    None when no year is written (a parser would otherwise supply the current one)."""
    text = clean_text(raw)
    if not _YEAR_RE.search(text):
        return None
    if _ISO_START_RE.match(text):
        text = _ISO_MILLIS_COLON_RE.sub(r"\1.", text)
        # A day followed by a time in no standard form (`2017-03-13|19h18`) still gives the day.
        return parse_date(text) or parse_date(text[:10])
    from .html_dates import find_text_date

    found = find_text_date(text)
    if found:
        return parse_date(text) if _TIME_IN_TEXT_RE.search(text) and parse_date(text) else found[1]
    return None


def _people_from(raw: str) -> list[tuple[str, str | None]]:
    from .html_byline import people_from_text

    if raw.lower().startswith(("http://", "https://", "www.")) or "facebook.com" in raw.lower():
        return []
    return people_from_text(raw)


def _authors(page: _Page, publisher: str | None) -> list[Person]:
    """Credited people, in page order.

    Rules, first source that yields a name wins (all names from that source are kept):
    1. JSON-LD `author` (persons; `jobTitle` as role; names joined by `and`/`,` are split).
    2. Meta author tags in `AUTHOR_KEYS` order (URLs such as profile links are ignored).
    3. `itemprop="author"` elements (their `itemprop="name"` child when present), then
       `rel="author"` links, then elements whose class names a byline or author — outside
       comments, sidebars, teasers and related boxes — with a child whose class names a
       title/role giving the role, then a `By Name` line next to the headline.
       The visible byline also wins over rules 1–2 when none of their names appears in
       the page's text (metadata that credits a parent company or a stale name).
    4. Organisations: JSON-LD `author` organisations and author tags naming the site itself.
    """
    sites = {_norm(n) for n in (publisher, page.meta.first(("og:site_name",)), page.jsonld and page.jsonld.publisher,
                                 page.jsonld and page.jsonld.site_name) if n}  # fmt: skip
    persons: list[tuple[str, str | None]] = []
    organizations: list[tuple[str, str | None]] = []
    if page.jsonld:
        for person in page.jsonld.authors:
            names = _people_from(person.name)
            if person.is_organization or _norm(person.name) in sites:
                organizations.extend(names)
            else:
                persons.extend((n, person.role or r) for n, r in names)
    meta_people: list[tuple[str, str | None]] = []
    for raw in page.meta.all(AUTHOR_KEYS):
        named = _people_from(raw)
        if named and all(_norm(n) in sites for n, _ in named):
            organizations.extend(named)  # the site credited as author: a last resort
            continue
        if named:
            meta_people = named
            break
    dom_people = _dom_authors(page)
    found = persons or meta_people
    if found and dom_people and not {_norm(n) for n, _ in found} & {_norm(n) for n, _ in dom_people}:
        if not _mentions(page, found):
            found = dom_people  # metadata names nobody near the headline: trust the visible byline
    found = found or dom_people or organizations
    people: list[Person] = []
    seen: set[str] = set()
    for name, role in found:
        key = _norm(name)
        if key and key not in seen:
            seen.add(key)
            people.append(Person(name=name, role=role))
    return people


def _dom_authors(page: _Page) -> list[tuple[str, str | None]]:
    found: list[tuple[str, str | None]] = []
    first_group: Element = None
    for element in page.itemprops.get("author", []) + page.itemprops.get("creator", []):
        if _in_excluded_area(element, allow_aside=True):
            continue
        # Only the first credit block: later itemprop=author elements are teasers' bylines.
        group = _byline_group(element)
        if first_group is None:
            first_group = group
        elif group is not first_group:
            continue
        names = [e for e in element.iter() if isinstance(e.tag, str) and "name" in (e.get("itemprop") or "").split()]
        value = element.get("content") if element.tag == "meta" else None
        raw = value or (_text(names[0]) if names else _text(element))
        found.extend(_people_from(raw))
    if found:
        return found
    for raw in page.rel_authors:
        found.extend(_people_from(raw))
    if found:
        return found
    for element in page.byline_elements:
        if _in_excluded_area(element, allow_aside=True) or _words(element) & _BYLINE_SELF_EXCLUDE:
            continue
        role_nodes = [
            child for child in element.iter()
            if child is not element and isinstance(child.tag, str)
            and _words(child) & _ROLE_CLASS_WORDS and not _words(child) & {"name", "author"}
        ]  # fmt: skip
        role = _text(role_nodes[0]) if role_nodes else None
        if role and len(role) > MAX_ROLE_CHARS:
            role = None
        text_value = _byline_text(element, set(role_nodes))
        if len(text_value) > MAX_BYLINE_CHARS:
            if not _STARTS_WITH_BY_RE.match(text_value):
                continue
            text_value = text_value[:MAX_BYLINE_CHARS]  # `By A, B and C` then share buttons
        people = _people_from(text_value)
        if people:
            if role:
                people = [(name, person_role or role) for name, person_role in people]
            return people
    from .html_byline import people_from_text

    for text_value in page.header_texts[:2]:
        match = _HEADER_BY_RE.search(text_value)
        if match:
            people = people_from_text(match.group(1))
            if people:
                return people
    return _labelled_authors(page)


def _labelled_authors(page: _Page) -> list[tuple[str, str | None]]:
    """The name in the element right after a label element (`<h4>Autor</h4><p>A B</p>`,
    `<span>by</span><h3>A B</h3>`), outside comments, sidebars and teasers."""
    for label in page.author_labels:
        name_element = label.getnext()
        if name_element is None or label.tail and label.tail.strip():
            continue
        if _in_excluded_area(label, allow_aside=True):
            continue
        text_value = _text(name_element)
        if not text_value or len(text_value) > MAX_ROLE_CHARS:
            continue
        people = _people_from(text_value)
        if people:
            return people
    header = page.header_root
    for link in page.author_links:
        if header is None or header not in link.iterancestors() or _in_excluded_area(link, allow_aside=True):
            continue
        names = [e for e in link.iter() if isinstance(e.tag, str) and "name" in (e.get("itemprop") or "").split()]
        people = _people_from(_text(names[0]) if names else _text(link))
        if people:
            return people
    return []


def _byline_group(element: Element) -> Element:
    """The block a credit stands in: its nearest ancestor that is not inline markup."""
    for ancestor in element.iterancestors():
        if ancestor.tag not in ("a", "span", "b", "strong", "em", "i", "small", "li", "address"):
            return ancestor
    return element


def _byline_text(element: Element, skip: set[Element]) -> str:
    """A byline element's text without its role, date, avatar and follow-me parts; line
    breaks between blocks are kept so a name on its own line stays separate."""
    parts: list[str] = []
    stack: list[tuple[Element, bool]] = [(element, False)]
    while stack:
        node, leaving = stack.pop()
        if leaving:
            if node.tag in ("br", "p", "div", "li") and parts:
                parts.append("\n")
            if node is not element and node.tail:
                parts.append(" ".join(node.tail.split("\n")))
            continue
        if not isinstance(node.tag, str):
            if node.tail:
                parts.append(" ".join(node.tail.split("\n")))
            continue
        if node is not element and (node in skip or node.tag in _BYLINE_SKIP_TAGS or _words(node) & _BYLINE_SKIP_WORDS):
            if node.tail:
                parts.append(" ".join(node.tail.split("\n")))
            continue
        if node.text:
            parts.append(" ".join(node.text.split("\n")))
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node))
    return "".join(parts)


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


def parse_html(data: bytes) -> tuple[Draft, str]:
    """Parse a saved HTML page.

    Returns:
        The draft record (`format="html"`) and the name of the encoding used to decode it.
        A page lxml cannot read at all gives an empty draft with a warning; the caller
        turns "no headline and no text" into a `ParseError`.
    """
    text, encoding, notes = decode_html(data)
    if _CONTROL_RE.search(text):
        text = _CONTROL_RE.sub(" ", text)
    draft = Draft(format="html", warnings=list(notes))
    root = _parse_tree(text)
    if root is None:
        draft.warnings.append("The HTML could not be parsed.")
        return draft, encoding
    page = _read_page(root, text)
    from lxml import etree

    # Scripts and styles are read (JSON-LD); from here on their text would only be noise.
    etree.strip_elements(root, "script", "style", "noscript", "template", with_tail=False)
    draft.url = _canonical_url(page)
    draft.publisher = _publisher(page)
    draft.headline = _headline(page, draft.url)
    draft.language = _language(page)
    draft.date, draft.date_raw, draft.date_modified = _dates(page, draft.url)
    local = _local_date(page, draft.date, draft.date_raw, draft.language, draft.url)
    if local:
        draft.date, draft.date_raw, note = local
        draft.warnings.append(note)
    draft.byline = _authors(page, draft.publisher)
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
