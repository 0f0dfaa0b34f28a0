"""schema.org JSON-LD blocks → the article's metadata fields.

Pages embed one or more `<script type="application/ld+json">` blocks. This module reads them
leniently (real pages ship trailing `;`, HTML comments, CDATA wrappers, raw control
characters, HTML entities and several concatenated objects), flattens lists, `@graph` arrays
and `mainEntity` wrappers into one list of objects, and picks the object that describes the
article.

Choice of the article object (first rule that matches wins):
1. A news type (`NewsArticle`, `ReportageNewsArticle`, `AnalysisNewsArticle`, …).
2. Another article type (`Article`, `BlogPosting`, `Report`, `ScholarlyArticle`, …).
3. A `WebPage`/`ItemPage` whose `headline` or `author` is set (some CMSs describe the
   article on the page object).
Within a rule, the object with the longest `articleBody`, then the first one, wins.

Nothing here touches the HTML tree: the caller passes the script texts in.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

__all__ = ["JsonLdArticle", "extract_jsonld", "loads_lenient"]

NEWS_TYPES = frozenset(
    t.lower()
    for t in (
        "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
        "BackgroundNewsArticle", "ReviewNewsArticle", "AskPublicNewsArticle", "LiveBlogPosting",
    )
)  # fmt: skip
ARTICLE_TYPES = frozenset(
    t.lower()
    for t in (
        "Article", "BlogPosting", "Blog", "SocialMediaPosting", "Report", "ScholarlyArticle",
        "TechArticle", "SatiricalArticle", "Review", "CreativeWork", "MedicalWebPage",
        "DiscussionForumPosting", "VideoObject", "Recipe", "HowTo", "Event",
    )
)  # fmt: skip
PAGE_TYPES = frozenset(("webpage", "itempage", "collectionpage", "aboutpage", "profilepage"))
ORGANIZATION_TYPES = frozenset(("organization", "newsmediaorganization", "corporation"))

# Objects nested deeper than this are ignored: real pages need a handful of levels, and the
# cap keeps hostile input from exhausting the explicit stack.
MAX_DEPTH = 12
# A JSON-LD block larger than this is not metadata anyone wrote by hand; skip it.
MAX_BLOCK_CHARS = 2_000_000

_COMMENT_RE = re.compile(r"<!--|-->|^\s*//[^\n]*$|/\*.*?\*/", re.MULTILINE | re.DOTALL)
_CDATA_RE = re.compile(r"<!\[CDATA\[|\]\]>")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_TRAILING_COMMA_RE = re.compile(r",\s*([}\]])")


@dataclass
class JsonLdPerson:
    """An author (or contributor) as JSON-LD states it."""

    name: str
    role: str | None = None
    is_organization: bool = False


@dataclass
class JsonLdArticle:
    """The fields read from the article's JSON-LD object (all optional)."""

    type: str = ""
    headline: str | None = None
    alternative_headline: str | None = None
    description: str | None = None
    date_published: str | None = None
    date_modified: str | None = None
    date_created: str | None = None
    authors: list[JsonLdPerson] = field(default_factory=list)
    publisher: str | None = None
    url: str | None = None
    keywords: list[str] = field(default_factory=list)
    language: str | None = None
    article_body: str | None = None
    section: str | None = None
    site_name: str | None = None


def loads_lenient(text: str) -> Any:
    """Parse a JSON-LD block as leniently as browsers' consumers do; None when hopeless.

    Tries, in order: the text as is; with comments, CDATA markers, control characters and
    trailing `;`/`,` removed; with HTML entities unescaped; and finally as several JSON
    values written one after another (returned as a list).
    """
    if len(text) > MAX_BLOCK_CHARS:
        return None
    try:
        return json.loads(text, strict=False)  # most blocks: the cleaning below is not needed
    except (ValueError, RecursionError):
        pass
    cleaned = _CONTROL_RE.sub(" ", _CDATA_RE.sub("", _COMMENT_RE.sub("", text))).strip()
    cleaned = _TRAILING_COMMA_RE.sub(r"\1", cleaned.rstrip(";, \t\r\n"))
    attempts = [cleaned]
    if "&" in cleaned:
        attempts.append(html.unescape(cleaned))
    for attempt in attempts:
        try:
            return json.loads(attempt, strict=False)
        except (ValueError, RecursionError):
            continue
    return _loads_concatenated(cleaned)


def _loads_concatenated(text: str) -> list[Any] | None:
    """Values written back to back (`{...}{...}` or `{...};\n{...}`)."""
    decoder = json.JSONDecoder(strict=False)
    values: list[Any] = []
    index = 0
    while index < len(text):
        while index < len(text) and text[index] in " \t\r\n;,":
            index += 1
        if index >= len(text):
            break
        try:
            value, index = decoder.raw_decode(text, index)
        except (ValueError, RecursionError):
            break
        values.append(value)
    return values or None


def _types(obj: dict[str, Any]) -> list[str]:
    raw = obj.get("@type", ())
    items = raw if isinstance(raw, list) else [raw]
    return [t.rsplit("/", 1)[-1].lower() for t in items if isinstance(t, str)]


def iter_objects(data: Any) -> Iterator[dict[str, Any]]:
    """Every dict in `data`, walking lists, `@graph` and nested values (iteratively)."""
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            continue
        if isinstance(value, list):
            stack.extend((item, depth + 1) for item in reversed(value))
        elif isinstance(value, dict):
            yield value
            children = [v for k, v in value.items() if isinstance(v, (dict, list)) and k != "@context"]
            stack.extend((child, depth + 1) for child in reversed(children))


def _text(value: Any) -> str | None:
    """A clean string from a JSON-LD value that may be a string, list, or `{"@value": …}`."""
    if isinstance(value, list):
        for item in value:
            found = _text(item)
            if found:
                return found
        return None
    if isinstance(value, dict):
        return _text(value.get("@value") or value.get("name"))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        return None
    text = " ".join(html.unescape(value).split())
    return text or None


def _people(value: Any, by_id: dict[str, dict[str, Any]]) -> list[JsonLdPerson]:
    items = value if isinstance(value, list) else [value]
    people: list[JsonLdPerson] = []
    for item in items:
        if isinstance(item, str):
            name = _text(item)
            if name:
                people.append(JsonLdPerson(name=name))
            continue
        if not isinstance(item, dict):
            continue
        if set(item) <= {"@id", "@type"} and isinstance(item.get("@id"), str):
            item = by_id.get(item["@id"], item)
        name = _text(item.get("name"))
        if not name:
            given, family = _text(item.get("givenName")), _text(item.get("familyName"))
            name = " ".join(p for p in (given, family) if p) or None
        if not name:
            continue
        role = _text(item.get("jobTitle")) or _text(item.get("roleName"))
        types = _types(item)
        people.append(
            JsonLdPerson(name=name, role=role, is_organization=any(t in ORGANIZATION_TYPES for t in types))
        )
    return people


def _keywords(value: Any) -> list[str]:
    if isinstance(value, str):
        return [k.strip() for k in re.split(r"[,;]", html.unescape(value)) if k.strip()]
    if isinstance(value, list):
        out: list[str] = []
        for item in value:
            out.extend(_keywords(item) if isinstance(item, str) else [t for t in [_text(item)] if t])
        return out
    return []


def _rank(obj: dict[str, Any]) -> int:
    types = _types(obj)
    if any(t in NEWS_TYPES for t in types):
        return 3
    if any(t in ARTICLE_TYPES for t in types):
        return 2
    if any(t in PAGE_TYPES for t in types) and (obj.get("headline") or obj.get("author")):
        return 1
    return 0


def extract_jsonld(blocks: Iterable[str]) -> JsonLdArticle | None:
    """The article described by the page's JSON-LD `blocks` (script texts), or None."""
    objects: list[dict[str, Any]] = []
    for block in blocks:
        data = loads_lenient(block)
        if data is not None:
            objects.extend(iter_objects(data))
    if not objects:
        return None
    by_id = {o["@id"]: o for o in objects if isinstance(o.get("@id"), str) and len(o) > 2}
    best: dict[str, Any] | None = None
    best_key: tuple[int, int] = (0, 0)
    for obj in objects:
        rank = _rank(obj)
        if not rank:
            continue
        body = obj.get("articleBody")
        key = (rank, len(body) if isinstance(body, str) else 0)
        if best is None or key > best_key:
            best, best_key = obj, key
    site_name = None
    for obj in objects:
        if "website" in _types(obj):
            site_name = _text(obj.get("name"))
            if site_name:
                break
    if best is None:
        return JsonLdArticle(site_name=site_name) if site_name else None
    article = JsonLdArticle(type=_types(best)[0] if _types(best) else "", site_name=site_name)
    article.headline = _text(best.get("headline")) or _text(best.get("name"))
    article.alternative_headline = _text(best.get("alternativeHeadline"))
    article.description = _text(best.get("description"))
    article.date_published = _text(best.get("datePublished"))
    article.date_modified = _text(best.get("dateModified"))
    article.date_created = _text(best.get("dateCreated"))
    article.authors = _people(best.get("author") or best.get("creator"), by_id)
    publisher = best.get("publisher")
    if isinstance(publisher, dict) and set(publisher) <= {"@id", "@type"}:
        publisher = by_id.get(str(publisher.get("@id")), publisher)
    article.publisher = _text(publisher.get("name") if isinstance(publisher, dict) else publisher)
    url = best.get("url") or best.get("mainEntityOfPage")
    if isinstance(url, dict):
        url = url.get("@id") or url.get("url")
    article.url = _text(url) if isinstance(url, str) and url.startswith(("http://", "https://")) else None
    article.keywords = _keywords(best.get("keywords"))
    article.language = _text(best.get("inLanguage"))
    body = best.get("articleBody")
    article.article_body = body if isinstance(body, str) and body.strip() else None
    article.section = _text(best.get("articleSection"))
    return article
