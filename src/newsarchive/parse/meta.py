"""`<meta>` tags (OpenGraph, `article:*`, Twitter, Dublin Core, `itemprop`, parsely,
sailthru) → candidate values for the article fields.

`collect_meta` reads every `<meta>` once into a `MetaTags` map keyed by the lowercased
`property`, `name`, `itemprop` or `http-equiv`, with the value from `content=` or, as in
pages preprocessed by some readers, `value=`. The `*_KEYS` tuples below list, per field,
the keys in the order they are trusted: the first key with a usable value wins.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass, field

__all__ = [
    "AUTHOR_KEYS", "DATE_KEYS", "DESCRIPTION_KEYS", "LANGUAGE_KEYS", "MODIFIED_KEYS",
    "MetaTags", "PUBLISHER_KEYS", "TAG_KEYS", "TITLE_KEYS", "URL_KEYS", "collect_meta",
]  # fmt: skip

TITLE_KEYS = (
    "og:title", "twitter:title", "dc.title", "dcterms.title", "parsely-title", "sailthru.title",
    "headline", "title",
)  # fmt: skip
DESCRIPTION_KEYS = (
    "og:description", "description", "twitter:description", "dc.description",
    "dcterms.description", "sailthru.description", "summary",
)  # fmt: skip
# Publication time first, then the generic `date`-style keys that sites use for it.
DATE_KEYS = (
    "article:published_time", "og:article:published_time", "article:published", "og:published_time",
    "published_time", "datepublished", "article.published", "parsely-pub-date", "sailthru.date",
    "dc.date.issued", "dcterms.issued", "dcterms.created", "dc.date.created", "dc.date", "dcterms.date",
    "date", "pubdate", "publishdate", "publish-date", "publish_date", "publication_date",
    "date_published", "og:pubdate", "article_date_original", "cxenseparse:recs:publishtime",
    "originalpublicationdate", "datecreated", "citation_publication_date", "citation_date",
    "displaydate", "dc.date.published", "release_date", "created", "date.release",
)  # fmt: skip
MODIFIED_KEYS = (
    "article:modified_time", "og:article:modified_time", "datemodified", "og:updated_time",
    "article:modified", "dcterms.modified", "dc.date.modified", "last-modified", "lastmod",
    "article.updated", "modified_time", "updated_time", "sailthru.lastmodified",
)  # fmt: skip
AUTHOR_KEYS = (
    "author", "article:author", "og:article:author", "article:author_name", "parsely-author",
    "sailthru.author", "dc.creator", "dcterms.creator", "byl", "citation_author", "creator",
    "cxenseparse:author", "authors", "book:author", "shareaholic:article_author_name",
)  # fmt: skip
PUBLISHER_KEYS = (
    "og:site_name", "publisher", "dc.publisher", "dcterms.publisher", "article:publisher",
    "application-name", "al:android:app_name", "al:ios:app_name", "twitter:app:name:iphone",
)  # fmt: skip
LANGUAGE_KEYS = ("content-language", "language", "dc.language", "dcterms.language", "og:locale", "inlanguage")
URL_KEYS = ("og:url", "twitter:url", "parsely-link", "sailthru.url")
TAG_KEYS = ("article:tag", "og:article:tag", "news_keywords", "keywords", "parsely-tags", "sailthru.tags")


@dataclass
class MetaTags:
    """Every `<meta>` value on the page, by lowercased key, in document order."""

    values: dict[str, list[str]] = field(default_factory=dict)

    def add(self, key: str, value: str) -> None:
        """Record one value (whitespace collapsed, entities that survived parsing decoded)."""
        text = " ".join(html.unescape(value).split())
        if text:
            self.values.setdefault(key.strip().lower(), []).append(text)

    def first(self, keys: Iterable[str]) -> str | None:
        """The first value of the first key in `keys` that the page sets."""
        for key in keys:
            found = self.values.get(key)
            if found:
                return found[0]
        return None

    def first_with_key(self, keys: Iterable[str]) -> tuple[str, str] | None:
        """Like `first`, but also says which key supplied the value."""
        for key in keys:
            found = self.values.get(key)
            if found:
                return key, found[0]
        return None

    def all(self, keys: Iterable[str]) -> list[str]:
        """Every value of every key in `keys`, in key order then document order."""
        out: list[str] = []
        for key in keys:
            out.extend(self.values.get(key, ()))
        return out


def collect_meta(elements: Iterable[object]) -> MetaTags:
    """Build `MetaTags` from the page's `<meta>` elements (lxml elements)."""
    tags = MetaTags()
    for element in elements:
        get = getattr(element, "get", None)
        if get is None:
            continue
        value = get("content")
        if value is None:
            value = get("value")
        if value is None:
            continue
        for attribute in ("property", "name", "itemprop", "http-equiv"):
            key = get(attribute)
            if key:
                # `property` may hold several space-separated RDFa terms.
                for part in key.split():
                    tags.add(part, value)
    return tags
