"""What the HTML parser reads from the untouched tree before the body is pruned: `Page`.

`read_page` walks the tree once and collects every metadata source the field cascades use
(meta tags, JSON-LD, `<title>`, h1/h2 with their kickers, `<time>` elements, byline and
date elements by class, itemprops, author links and labels, standfirsts). The cascades
(`html_headline`, `html_dates`, `html_byline`, and `html` for the rest) read only `Page`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ..normalize import clean_text
from .body import (
    _FLAG_CACHE,
    F_KNOWN,
    Selected,
    cached_flags,
    class_flag,
    class_flags,
    class_words,
    is_hidden,
    text_head,
    text_of,
    value_flags,
)
from .jsonld import JsonLdArticle, extract_jsonld
from .lexicon import (
    AUTHOR_PATHS,
    BYLINE_LABELS,
    BYLINE_PREFIXES,
    DATE_LABELS,
    PUBLISHED_LABELS,
    UPDATED_LABELS,
    alternation,
)
from .meta import MetaTags, collect_meta

if TYPE_CHECKING:
    from collections.abc import Iterable

    from lxml.etree import _Element as Element

_Screen = Callable[
    [
        "Element",
        dict[str, int],
        Callable[[str], int],
        int,
        int,
        frozenset[str],
        frozenset[str],
        frozenset[str],
        frozenset[str],
    ],
    list["Element"],
]
_candidates: _Screen | None
try:  # the loop's screen in C (`_scan.c`), an optional extension: without it every element is visited
    from ._scan import candidates as _candidates
except ImportError:  # pragma: no cover - the package was installed without its extension
    _candidates = None

# How far around the h1 the header scan looks for a printed date: ancestor levels, and
# characters of each ancestor's text (dates sit next to the headline, not pages below).
HEADER_LEVELS = 3
# An h1 shorter than this (in words) may be a section label or logo, not a headline.
MIN_H1_WORDS = 3
MAX_HEADLINE_CHARS = 300
# h2s read to confirm that a metadata title is shown on the page.
MAX_SUBHEADS = 12
# Searched without word boundaries: page text glues labels to names (`Jane DoeUpdated:`).
UPDATE_LABEL_RE = re.compile(alternation(UPDATED_LABELS), re.IGNORECASE)
PUBLISHED_LABEL_RE = re.compile(
    # not preceded by a letter (a digit may touch it: `14:49Erschienen am` after a <br>)
    rf"(?<![^\W\d_]){alternation(PUBLISHED_LABELS + DATE_LABELS)}(?:\s+(?:on|am|el|le|il))?\b\s*:?\s*",
    re.IGNORECASE,
)
MAX_BYLINE_ELEMENTS = 12
# An element holding only an author label (`Autor`, `by`, `Texte :`) whose next sibling holds the name.
_AUTHOR_LABEL_RE = re.compile(rf"^\s*{alternation(BYLINE_PREFIXES + BYLINE_LABELS)}\s*:?\s*$", re.IGNORECASE)
MAX_LABEL_CHARS = 30
# A link to an author's page (`/autoren/kim-ott-123`, `/author/kim`): its text names the author.
_AUTHOR_PATH_RE = re.compile(rf"/{alternation(AUTHOR_PATHS)}/[^/?#]", re.IGNORECASE)
# The same words as sets, for the look-ups that settle most texts without the regexes.
_LABEL_WORDS = frozenset(w.lower() for w in BYLINE_PREFIXES + BYLINE_LABELS)
_AUTHOR_PATH_WORDS = frozenset(w.lower() for w in AUTHOR_PATHS)
HEADER_CHARS = 1500
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

F_BYLINE = class_flag(_BYLINE_WORDS)
F_DATE_CLASS = class_flag(_DATE_CLASS_WORDS)
F_STANDFIRST = class_flag(_STANDFIRST_TOKENS, tokens=True)
F_BYLINE_EXCLUDE = class_flag(_BYLINE_EXCLUDE_WORDS)
F_ARTICLE = class_flag(_ARTICLE_WORDS)
F_BYLINE_AREA = class_flag(_BYLINE_AREA_WORDS)
F_KICKER = class_flag(_KICKER_WORDS)
F_LOGO = class_flag(_LOGO_WORDS)
F_NAMES_ARTICLE = class_flag(frozenset(("article", "story", "post", "entry")))
# A class value with `author`/`byline` inside a word (`authorname-txt`).
F_NAMES_BYLINE = class_flag(frozenset(("author", "byline")), substrings=True)


@dataclass
class Page:
    """Everything read from the untouched tree before the body is pruned."""

    meta: MetaTags
    jsonld: JsonLdArticle | None
    title: str | None = None
    h1s: list[str] = field(default_factory=list)
    # The h1s but those set in a link to another page (teasers' titles; all h1s when every one
    # is), and whether the first of them is in the article: what the headline cascade reads.
    own_h1s: list[str] = field(default_factory=list)
    own_h1_in_article: bool = False
    html_lang: str | None = None
    canonical: str | None = None
    base_href: str | None = None
    saved_from: str | None = None
    times: list[tuple[str, str, bool]] = field(default_factory=list)  # datetime, text, looks-published
    modified_times: list[str] = field(default_factory=list)
    itemprops: dict[str, list[Element]] = field(default_factory=dict)
    byline_elements: list[Element] = field(default_factory=list)
    rel_authors: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)  # `rel="category tag"` link texts
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
    # (heading text, a kicker in or just before it): `kickers` and `soft_kickers` by heading
    h1_kickers: list[tuple[str, str]] = field(default_factory=list)
    h2_kickers: list[tuple[str, str]] = field(default_factory=list)
    content_selected: Selected = field(default_factory=Selected)  # what the body's selectors match


def element_words(element: Element) -> frozenset[str]:
    return class_words(element)[0]


def in_excluded_area(element: Element, limit: int = 8, *, allow_aside: bool = False) -> bool:
    """True when an ancestor's class marks comments, teasers, sidebars or related boxes
    (a class that also names the article, `widget Blog`, does not count)."""
    for depth, ancestor in enumerate(element.iterancestors()):
        if depth >= limit:
            break
        tag = ancestor.tag
        if tag == "footer":
            return True
        flags = class_flags(ancestor)
        if tag in ("nav", "aside"):
            if not allow_aside or not (flags & F_BYLINE_AREA or _inside_article(ancestor)):
                return True
        if flags & F_BYLINE_EXCLUDE and not flags & F_ARTICLE:
            return True
    return False


_SPECIAL_TAGS = frozenset(("meta", "script", "link", "base", "title", "h1", "h2", "time", "a"))
# The attributes besides class and id that `read_page` reads.
_RARE_NAMES = frozenset(("data-testid", "data-component", "itemprop", "property"))


def is_author_label(text: str) -> bool:
    """True for a text that is only an author label (`_AUTHOR_LABEL_RE`: `By`, `Autor:`).

    An ASCII text is settled by a set look-up (a page has hundreds of short texts, and the
    case-insensitive regex is several times slower): for ASCII, the regex's match is the
    stripped text, less one closing colon, being a label in lower case."""
    if not text.isascii():
        return _AUTHOR_LABEL_RE.match(text) is not None
    core = text.strip()
    if core.endswith(":"):
        core = core[:-1].rstrip()
    return core.lower() in _LABEL_WORDS


def is_author_path(href: str) -> bool:
    """True for a link into an author folder (`_AUTHOR_PATH_RE`: `/autoren/kim-ott-123`).

    The regex runs only when an ASCII link has a path segment that is such a folder's name
    (for ASCII the regex's match needs one), which most of a page's links do not."""
    if href.isascii() and _AUTHOR_PATH_WORDS.isdisjoint(href.lower().split("/")):
        return False
    return _AUTHOR_PATH_RE.search(href) is not None


def _read_time(page: Page, element: Element) -> None:
    """A `<time>` element: publication or update, by its own and its parent's class."""
    value = element.get("datetime") or element.get("content") or ""
    parent = element.getparent()
    words = element_words(element) | (element_words(parent) if parent is not None else frozenset())
    text = text_of(element)
    if words & {"updated", "modified", "update", "aktualisiert"} or UPDATE_LABEL_RE.match(text):
        page.modified_times.append(value or text)
        return
    if in_excluded_area(element, 6):
        return  # a teaser's or a comment's time: another text's date
    published = element.get("pubdate") is not None or bool(
        words & {"published", "publish", "pubdate", "date", "created", "posted", "datepublished"}
        or PUBLISHED_LABEL_RE.match(text)
    )
    page.times.append((value, text, published))


def _kickers(heading: Element) -> list[str]:
    """Texts of kicker/overline elements inside a heading, or just before it."""
    found = [
        text_of(e) for e in heading.iter()
        if e is not heading and isinstance(e.tag, str) and class_flags(e) & F_KICKER
    ]  # fmt: skip
    previous = heading.getprevious()
    if previous is not None and isinstance(previous.tag, str) and class_flags(previous) & F_KICKER:
        found.append(text_of(previous))
    return [k for k in found if k and len(k) <= MAX_KICKER_CHARS]


def _broken_kicker(heading: Element) -> str | None:
    """The text of an element that opens a heading (`<h1><span>Energy:</span><br>Title</h1>`):
    a kicker if a metadata title is the rest of the heading (`_headline` checks)."""
    if (heading.text or "").strip() or not len(heading):
        return None
    first = heading[0]
    if not isinstance(first.tag, str) or first.tag in ("br", "a"):
        return None
    text = text_of(first)
    return text if text and len(text) <= MAX_KICKER_CHARS else None


def _is_logo(h1: Element, text: str) -> bool:
    """An h1 that holds the site's logo or a modal's greeting, not the headline."""
    if "logo" in text.lower().split():
        return True
    for depth, node in enumerate((h1, *h1.iterancestors())):
        if depth > 4:
            break
        if class_flags(node) & F_LOGO or is_hidden(node):
            return True
    for anchor in h1.iter("a"):
        href = (anchor.get("href") or "").strip()
        parts = urlsplit(href) if href.startswith("http") else None
        if href in ("/", "./") or (parts is not None and parts.path in ("", "/") and not parts.query):
            return True  # the h1 links to the home page: a logo
    return False


def _inside_article(element: Element) -> bool:
    return any(a.tag in ("article", "main") for a in element.iterancestors())


def in_article(element: Element) -> bool:
    """True inside `<article>`/`<main>` or an element whose class names the article."""
    for ancestor in element.iterancestors():
        if ancestor.tag in ("article", "main") or class_flags(ancestor) & F_NAMES_ARTICLE:
            return True
    return False


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


def read_page(root: Element, text: str) -> Page:
    """One pass over the tree for every metadata source.

    Most elements need only their tag, whether they are a short leaf and their class/id
    bits, so the loop tests those first and binds everything it calls to locals."""
    metas: list[Element] = []
    scripts: list[str] = []
    page = Page(meta=MetaTags(), jsonld=None, root=root)
    saved = _SAVED_FROM_RE.search(text[:4096])
    if saved:
        page.saved_from = saved.group(1)
    lang = root.get("lang") or root.get("xml:lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    page.html_lang = lang
    from lxml import etree

    author_labels = page.author_labels
    byline_elements = page.byline_elements
    date_elements = page.date_elements
    itemprops = page.itemprops
    author_links = page.author_links
    author_path = is_author_path
    marked = page.content_selected.marked
    known = page.content_selected.known
    label_match = is_author_label
    flags_of = cached_flags
    wanted = F_BYLINE | F_DATE_CLASS | F_STANDFIRST
    interesting = wanted | F_KNOWN
    links_open = labels_open = True  # fewer than MAX_BYLINE_ELEMENTS author links, labels found
    elements: Iterable[Element]
    if _candidates is None:
        elements = root.iter(etree.Element)  # elements only, filtered in C
    else:  # only those the loop body below may act on (`_scan.c`)
        elements = _candidates(root, _FLAG_CACHE, value_flags, interesting | F_NAMES_BYLINE, interesting,
                               _LABEL_WORDS, _AUTHOR_PATH_WORDS, _SPECIAL_TAGS, _RARE_NAMES)  # fmt: skip
    for element in elements:
        tag = element.tag
        if tag in _SPECIAL_TAGS:
            if tag != "a" or element.get("rel") is not None:
                _read_special(page, element, tag, metas, scripts)
                links_open = len(author_links) < MAX_BYLINE_ELEMENTS
            elif links_open and author_path(element.get("href") or ""):
                author_links.append(element)  # a link without `rel` (most): only its path can count
                links_open = len(author_links) < MAX_BYLINE_ELEMENTS
        if labels_open and not len(element):
            label = element.text
            if label and len(label) <= MAX_LABEL_CHARS and label_match(label):
                author_labels.append(element)
                labels_open = len(author_labels) < MAX_BYLINE_ELEMENTS
        attributes = element.attrib
        count = len(attributes)
        if not count:
            continue  # nothing below can apply
        css = attributes.get("class")
        if count > (css is not None):  # more than a class (else no id to look up)
            # One list of names says which look-ups can find something (each costs more).
            names = attributes.keys()
            ident = attributes.get("id") if "id" in names else None
            # The rarer attributes are read only when the element names one of them.
            rare = count > (css is not None) + (ident is not None) and not _RARE_NAMES.isdisjoint(names)
        else:
            ident = None
            rare = False
        if rare:
            test_id = attributes.get("data-testid") or attributes.get("data-component")
            if test_id and len(byline_elements) < MAX_BYLINE_ELEMENTS:
                found = flags_of(test_id)
                if (value_flags(test_id) if found is None else found) & F_NAMES_BYLINE:
                    byline_elements.append(element)
            itemprop = attributes.get("itemprop")
            if itemprop:
                for prop in itemprop.split():
                    itemprops.setdefault(prop.lower(), []).append(element)
                if "articleBody" in itemprop:
                    marked.append(element)
            rdfa = attributes.get("property")
            if rdfa and "articleBody" in rdfa and (not marked or marked[-1] is not element):
                marked.append(element)
        if css:
            css_flags = flags_of(css)
            if css_flags is None:
                css_flags = value_flags(css)
            if ident:
                found = flags_of(ident)
                flags = css_flags | (value_flags(ident) if found is None else found)
            else:
                flags = css_flags
        elif ident:
            css_flags = 0
            found = flags_of(ident)
            flags = value_flags(ident) if found is None else found
        else:
            continue
        if not (flags & interesting or css_flags & F_NAMES_BYLINE):
            continue  # most class values: one test
        if flags & F_KNOWN:
            known.append(element)
        if not (flags & wanted or css_flags & F_NAMES_BYLINE) or tag in ("body", "html"):
            continue
        if (flags & F_BYLINE or css_flags & F_NAMES_BYLINE) and len(byline_elements) < MAX_BYLINE_ELEMENTS:
            byline_elements.append(element)
        if flags & F_DATE_CLASS and len(date_elements) < 20:
            date_elements.append(element)
        if len(page.standfirsts) < 3 and flags & F_STANDFIRST:
            text_value = text_of(element)
            if 30 <= len(text_value) <= 600 and not in_excluded_area(element):
                page.standfirsts.append(text_value)
    if not page.own_h1s:  # every h1 is a link's (a blog index, or a permalink title): all count
        page.own_h1s, page.own_h1_in_article = list(page.h1s), page.h1_in_article
    page.meta = collect_meta(metas)
    page.jsonld = extract_jsonld(scripts)
    return page


def _links_away(h1: Element, text: str, canonical: str | None) -> bool:
    """True when the h1 is set in a link (`<a href="/other-story"><h1>…</h1></a>`, or a link
    holding all its `text`) to another page than the page's own address: a teaser's title."""
    link = next((a for a in islice(h1.iterancestors(), 2) if a.tag == "a"), None)
    if link is None:
        inner = next(h1.iter("a"), None)
        if inner is None or text_of(inner) != text:
            return False
        link = inner
    href = (link.get("href") or "").strip()
    if not href or href.startswith(("#", "javascript:")):
        return False
    return canonical is None or urlsplit(href).path.rstrip("/") != urlsplit(canonical).path.rstrip("/")


def _read_special(page: Page, element: Element, tag: str, metas: list[Element], scripts: list[str]) -> None:
    """What `read_page` reads from the elements of `_SPECIAL_TAGS` (by their tag)."""
    if tag == "meta":
        metas.append(element)
    elif tag == "a":
        rel_value = element.get("rel")
        if rel_value:
            rel = rel_value.lower().split()
            if "author" in rel and not in_excluded_area(element, allow_aside=True):
                page.rel_authors.append(text_of(element))
                return
            if "category" in rel and len(page.categories) < MAX_SUBHEADS:
                page.categories.append(text_of(element))
                return
        if len(page.author_links) < MAX_BYLINE_ELEMENTS and is_author_path(element.get("href") or ""):
            page.author_links.append(element)
    elif tag == "script":
        if "ld+json" in (element.get("type") or "").lower() and element.text:  # type first: code can be long
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
        # Five h1s are read, and past them the first that is not a teaser's (`own_h1s`).
        if len(page.h1s) < 5 or not page.own_h1s:
            h1 = text_of(element)
            if h1 and not in_excluded_area(element, 4) and not _is_logo(element, h1):
                if not _links_away(element, h1, page.canonical):
                    if not page.own_h1s:
                        page.own_h1_in_article = in_article(element)
                    page.own_h1s.append(h1)
                if len(page.h1s) < 5:
                    page.h1s.append(h1)
                    kickers = _kickers(element)
                    page.kickers.extend(kickers)
                    broken = _broken_kicker(element)
                    if broken:
                        page.soft_kickers.append(broken)
                    page.h1_kickers.extend((h1, k) for k in (*kickers, broken) if k)
                    if not page.header_texts:
                        page.header_texts = _header_texts(element)
                        page.header_root = _header_root(element)
                        page.h1_in_article = in_article(element)
    elif tag == "h2":
        if len(page.subheads) < MAX_SUBHEADS:
            subhead = text_of(element)
            page.subheads.append(subhead)
            kickers = _kickers(element)
            page.kickers.extend(kickers)
            broken = _broken_kicker(element)
            page.h2_kickers.extend((subhead, k) for k in (*kickers, broken) if k)
    elif tag == "time":
        _read_time(page, element)
