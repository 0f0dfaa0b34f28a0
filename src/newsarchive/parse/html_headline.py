"""The headline cascade of an HTML page (`headline`), read from the page `html` collected.

The rules are documented on `pick_headline`; the site names a title may carry come from
`site_names`, and `common.strip_site_suffix` removes them.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..normalize import clean_text, word_count
from .body import KICKER_MAX_WORDS, text_of
from .common import TITLE_SEPARATORS_RE, strip_site_suffix
from .common import norm_key as _norm
from .html_page import MAX_HEADLINE_CHARS, MAX_KICKER_CHARS, MIN_H1_WORDS, Page
from .meta import PUBLISHER_KEYS, TITLE_KEYS

__all__ = [
    "headline",
    "item_headline",
    "kicker_headline",
    "linked_site",
    "pick_headline",
    "printed_heading",
    "shortened_title",
    "site_names",
]

# Host labels that never name a site (`www.bbc.co.uk` → `bbc`).
# What may stand between a kicker and the title it opens (`Kenia: `, `Demo / `, `Topic – `).
_KICKER_SEPARATORS = " :|/–—-·•"
_WORD_RE = re.compile(r"\w+")
_HOST_NOISE = frozenset(("www", "m", "amp", "com", "co", "org", "net", "de", "uk", "fr", "at", "ch", "es", "it"))


def linked_site(page: Page) -> str | None:
    """The host most of the page's absolute links lead to, as a URL (`http://host/`), when it
    takes at least half of them: a page that does not give its own address (no canonical link,
    no `og:url`) links mostly to its own site, whose name a title's suffix may then spell."""
    if page.root is None:
        return None
    hosts: dict[str, int] = {}
    total = 0
    for anchor in page.root.iter("a"):
        href = (anchor.get("href") or "").strip()
        if href.startswith(("http://", "https://")):
            host = (urlsplit(href).hostname or "").removeprefix("www.")
            if host:
                hosts[host] = hosts.get(host, 0) + 1
                total += 1
    if not hosts:
        return None
    host, count = max(hosts.items(), key=lambda item: item[1])
    return f"http://{host}/" if 2 * count >= total else None


def site_names(page: Page, url: str | None) -> list[str]:
    names = [page.meta.first(("og:site_name",)), page.jsonld.publisher if page.jsonld else None,
             page.jsonld.site_name if page.jsonld else None, page.meta.first(PUBLISHER_KEYS[1:])]  # fmt: skip
    if url:
        host = urlsplit(url).hostname or ""
        labels = [lab for lab in host.split(".") if lab not in _HOST_NOISE]
        names.extend(labels)
        names.append(host.removeprefix("www."))
    return [n for n in names if n]


def _published_titles(page: Page, sites: list[str]) -> list[str]:
    """The metadata titles without site suffixes, og:title first (the title the publisher
    sets for every share), then JSON-LD `headline` and the other meta titles."""
    titles = page.meta.all(TITLE_KEYS[:1])
    if page.jsonld and page.jsonld.headline:
        titles.append(page.jsonld.headline)
    titles.extend(page.meta.all(TITLE_KEYS[1:]))
    return [strip_site_suffix(t, sites) for t in titles]


def kicker_headline(page: Page, url: str | None) -> str | None:
    """The headline of a heading set as kicker + title, as the publisher's own title spells it.

    A heading (the h1s, else the h2s) that opens with a kicker (`<span class="topline">Kenia
    </span>Nairobi von unten`, or a first element of its own) is read against the metadata
    titles, og:title first: the first title that spells the whole heading (`Kenia: Nairobi von
    unten`) keeps the kicker (as the heading writes it when it sets a separator and a space
    after the kicker, else as the title does: the markup glued them); the first that is the
    rest alone drops it. None when no title is either.
    """
    pairs = page.h1_kickers if page.h1s else page.h2_kickers
    split: list[tuple[str, str, str]] = []  # (heading, whole heading key, rest as written)
    for heading, kicker in pairs:
        if heading.startswith(kicker):
            rest = heading[len(kicker) :].lstrip(_KICKER_SEPARATORS)
            if _norm(rest):
                split.append((heading, _norm(heading), rest))
        elif kicker not in heading:  # the kicker stands just before the heading
            split.append((heading, _norm(kicker + heading), heading))
    if not split:
        return None
    for title in _published_titles(page, site_names(page, url)):
        key = _norm(title)
        for heading, whole, rest in split:
            if key == whole:
                opening = heading[: len(heading) - len(rest)]
                typeset = opening != opening.rstrip() and opening.rstrip().endswith(tuple(_KICKER_SEPARATORS))
                return heading if typeset else title
            if key == _norm(rest):
                return rest
    return None


def _shortens(short: str, full: str) -> bool:
    """True when `short` keeps at least `MIN_H1_WORDS` of `full`'s words, fewer than all, in order."""
    kept, words = _WORD_RE.findall(short.lower()), _WORD_RE.findall(full.lower())
    rest = iter(words)
    return MIN_H1_WORDS <= len(kept) < len(words) and all(w in rest for w in kept)


def shortened_title(page: Page, url: str | None) -> str | None:
    """og:title when it is the printed h1 shortened (its words a subsequence of the h1's) and
    `<title>` repeats the h1: the publisher wrote the share title as the article's short headline.
    An og:title ending in an ellipsis is the h1 cut for length, not a headline of its own."""
    og = page.meta.first(TITLE_KEYS[:1])
    if not og or not page.h1s or not page.title:
        return None
    sites = site_names(page, url)
    og, h1 = strip_site_suffix(og, sites), page.h1s[0]
    if og.endswith(("…", "...")):
        return None
    if _norm(strip_site_suffix(page.title, sites, page.h1s)) == _norm(h1) and _shortens(og, h1):
        return og
    return None


def item_headline(page: Page) -> str | None:
    """The article's printed heading where the page's h1 stands outside the article's
    schema.org item (the item holding its `articleBody`): the item's visible
    `itemprop="headline"` element (not an h1), whose markup names it the article's headline
    while the h1 labels a trail or section.

    A short first element the heading's own text follows (`<span>Kind krank</span> Was …`)
    is a kicker set apart by markup and is dropped. None when the page has no h1 or the item
    holds one (then the h1 is the article's own heading).
    """
    if not page.h1s:
        return None
    for element in page.itemprops.get("headline", ()):
        if element.tag in ("meta", "link", "h1") or any(a.tag == "h1" for a in element.iterancestors()):
            continue
        item = next((a for a in element.iterancestors() if a.get("itemscope") is not None), None)
        if item is None or next(item.iter("h1"), None) is not None:
            return None
        if not any(item in body.iterancestors() for body in page.itemprops.get("articlebody", ())):
            return None  # the item is not the article (a teaser's card): its headline is the teaser's
        text = text_of(element)
        if len(text.split()) < MIN_H1_WORDS or len(text) > MAX_HEADLINE_CHARS:
            return None
        if len(element) and not (element.text or "").strip() and isinstance(element[0].tag, str):
            kicker, rest = text_of(element[0]), clean_text(element[0].tail or "")
            if kicker and len(kicker) <= MAX_KICKER_CHARS and len(kicker.split()) <= KICKER_MAX_WORDS and rest:
                if len(element) == 1 and len(rest.split()) >= MIN_H1_WORDS:
                    return rest
        return text
    return None


def printed_heading(page: Page, headline: str | None) -> str | None:
    """The heading the body prints for the headline: the h1 a shortened headline comes from
    (`shortened_title`), else the headline itself."""
    if headline and page.h1s and _shortens(headline, page.h1s[0]):
        return page.h1s[0]
    return headline


def headline(page: Page, url: str | None) -> str | None:
    """The article item's printed headline where the h1 stands outside it (`item_headline`),
    else the publisher's short title for its h1 (`shortened_title`), else the headline as the
    publisher's title spells a kicker heading (`kicker_headline`), else
    the headline (`pick_headline`) without a kicker the page sets apart in its heading
    (`<span class="kicker">Genetik</span>: Title` → `Title`), or that opens the heading on a
    line of its own (`<span>Energy:</span><br>Title`) when a metadata title is the rest."""
    found = item_headline(page) or shortened_title(page, url) or kicker_headline(page, url)
    if found:
        return found
    headline = pick_headline(page, url)
    if headline:
        for kicker in page.kickers:
            match = re.match(re.escape(kicker) + r"\s*[:|–—-]?\s+", headline)
            if match and len(headline) > match.end():
                return headline[match.end() :]
        if page.soft_kickers:
            sites = site_names(page, url)
            titles = [page.jsonld.headline if page.jsonld else None, *page.meta.all(TITLE_KEYS), page.title]
            keys = {_norm(strip_site_suffix(t, sites)) for t in titles if t}
            for kicker in page.soft_kickers:
                match = re.match(re.escape(kicker) + r"\s*[:|–—-]?\s*", headline)
                if match and _norm(headline[match.end() :]) in keys:
                    return headline[match.end() :]
    return headline


def pick_headline(page: Page, url: str | None) -> str | None:
    """The visible headline, without site suffixes.

    Rules, first that applies:
    1. An h1 (outside comments/sidebars) that matches the JSON-LD headline, og:title /
       Twitter / Dublin Core title or `<title>` (equal, or equal once the site suffix is
       removed) is taken as written on the page.
    1b. A JSON-LD/meta title (as is, or without its site suffix) that the page shows as an
       h2; then an h1 matching `<title>` (metadata titles outrank `<title>`). A page without
       an h1 takes the metadata title it shows as an h2 too, over those it does not print.
    1c. An h1 holding the title plus a label (`Local News | Title`): the title.
    1d. Otherwise the visible headline still wins over the metadata when it is unambiguous:
       the only h1 of at least `MIN_H1_WORDS` words, or the first such h1 inside the article
       (there a CJK character counts as a word, `normalize.word_count`).
    2. JSON-LD `headline`, then the meta titles (`TITLE_KEYS` order), with site suffixes removed.
    3. `<title>` with site suffixes removed.
    4. The first h1.
    """
    sites = site_names(page, url)
    candidates = []
    if page.jsonld and page.jsonld.headline:
        candidates.append(page.jsonld.headline)
    candidates.extend(page.meta.all(TITLE_KEYS))
    if page.title:
        candidates.append(page.title)
    named = {_norm(s) for s in sites}
    h1s = [h for h in page.own_h1s if _norm(h) and _norm(h) not in named]
    # A metadata title may match any h1: a teaser's h1 (left out of `own_h1s`) never spells it.
    shown_h1s = [h for h in dict.fromkeys([*page.own_h1s, *page.h1s]) if _norm(h) and _norm(h) not in named]
    metas = candidates[: len(candidates) - (1 if page.title else 0)]

    def shown_as(pool: list[str], shown: dict[str, str], *, as_written: bool) -> str | None:
        for candidate in pool:
            for cut in (candidate, strip_site_suffix(candidate, sites), strip_site_suffix(candidate, sites, h1s)):
                if _norm(cut) in shown:
                    return shown[_norm(cut)] if as_written else cut
        return None

    def shown_as_h2(pool: list[str]) -> str | None:
        """`shown_as` against the h2s, keyed only when there is a title to look for."""
        if not pool:
            return None
        keys = {key: h for h in page.subheads if (key := _norm(h)) and key not in named}
        return shown_as(pool, keys, as_written=False)

    if shown_h1s:
        h1_keys = {_norm(h): h for h in shown_h1s}
        found = shown_as(metas, h1_keys, as_written=True)
        if found:
            return found
        found = shown_as_h2(metas)
        if found:
            return found
        found = shown_as(candidates[len(metas) :], h1_keys, as_written=True)
        if found:
            return found
        for h1 in h1s:
            # The h1 holds the title plus a label (`Local News | Title`): take the title.
            parts = TITLE_SEPARATORS_RE.split(h1)
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
        # Inside the article a CJK character counts as a word (those scripts set no spaces);
        # outside it a short CJK h1 is a section or site label, as a short h1 is elsewhere.
        opening = page.own_h1s[0] if page.own_h1_in_article else None
        visible = [
            h for h in h1s
            if MIN_H1_WORDS <= (word_count(h) if h == opening else len(h.split()))
            and len(h) <= MAX_HEADLINE_CHARS and _norm(h) not in inside
        ]  # fmt: skip
        if len(visible) == 1 or (visible and page.own_h1_in_article):
            return visible[0]
    else:
        # No h1: the metadata title the page prints as an h2 is its visible headline (rule 1b).
        found = shown_as_h2(metas)
        if found:
            return found
    for candidate in candidates:
        cut = strip_site_suffix(candidate, sites)
        if cut and not any(_norm(cut) == _norm(s) for s in sites):
            return cut
    if h1s:
        return h1s[0]
    return candidates[0] if candidates else None
