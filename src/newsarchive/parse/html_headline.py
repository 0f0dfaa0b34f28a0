"""The headline cascade of an HTML page (`headline`), read from the page `html` collected.

The rules are documented on `pick_headline`; the site names a title may carry come from
`site_names`, and `common.strip_site_suffix` removes them.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .common import TITLE_SEPARATORS_RE, strip_site_suffix
from .common import norm_key as _norm
from .html_page import MAX_HEADLINE_CHARS, MIN_H1_WORDS, Page
from .meta import PUBLISHER_KEYS, TITLE_KEYS

__all__ = ["headline", "pick_headline", "site_names"]

# Host labels that never name a site (`www.bbc.co.uk` → `bbc`).
_HOST_NOISE = frozenset(("www", "m", "amp", "com", "co", "org", "net", "de", "uk", "fr", "at", "ch", "es", "it"))


def site_names(page: Page, url: str | None) -> list[str]:
    names = [page.meta.first(("og:site_name",)), page.jsonld.publisher if page.jsonld else None,
             page.jsonld.site_name if page.jsonld else None, page.meta.first(PUBLISHER_KEYS[1:])]  # fmt: skip
    if url:
        host = urlsplit(url).hostname or ""
        labels = [lab for lab in host.split(".") if lab not in _HOST_NOISE]
        names.extend(labels)
        names.append(host.removeprefix("www."))
    return [n for n in names if n]


def headline(page: Page, url: str | None) -> str | None:
    """The headline (`pick_headline`) without a kicker the page sets apart in its heading
    (`<span class="kicker">Genetik</span>: Title` → `Title`), or that opens the heading on a
    line of its own (`<span>Energy:</span><br>Title`) when a metadata title is the rest."""
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
       h2; then an h1 matching `<title>` (metadata titles outrank `<title>`).
    1c. An h1 holding the title plus a label (`Local News | Title`): the title.
    1d. Otherwise the visible headline still wins over the metadata when it is unambiguous:
       the only h1 of at least `MIN_H1_WORDS` words, or the first such h1 inside the article.
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
