"""The record newsarchive produces: frozen, pure values.

Field names are the JSON keys of SPEC.md's record (schema_version 1); nothing here
does I/O, parsing or SQL. Lists are tuples so that records are hashable and equal
input bytes give equal records.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

SCHEMA_VERSION = 1

Format = Literal["text", "markdown", "html"]
LinkKind = Literal["related", "inline"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Person:
    """One credited person; `section` indexes `Article.sections`, None when heading the article."""

    name: str
    role: str | None = None
    section: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Section:
    """A run of body paragraphs under one heading (None for an untitled opening)."""

    heading: str | None = None
    level: int = 2
    paragraphs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Link:
    """A hyperlink found in the body (`inline`) or in a related-links list (`related`)."""

    text: str
    href: str
    section: int | None = None
    kind: LinkKind = "inline"


@dataclass(frozen=True, slots=True, kw_only=True)
class Caption:
    """A photo caption with its credit split off the text."""

    text: str
    credit: str | None = None
    src: str | None = None
    section: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Source:
    """Where a record came from; `bytes` is the size after gzip decompression."""

    path: str
    sha256: str
    format: Format
    encoding: str
    bytes: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """One parsed news article. Pure value: equal input bytes, equal records."""

    id: str
    source: Source
    headline: str | None = None
    summary: str | None = None
    publisher: str | None = None
    date: str | None = None
    date_raw: str | None = None
    date_modified: str | None = None
    byline: tuple[Person, ...] = ()
    sections: tuple[Section, ...] = ()
    links: tuple[Link, ...] = ()
    captions: tuple[Caption, ...] = ()
    tags: tuple[str, ...] = ()
    language: str | None = None
    url: str | None = None
    body: str = ""
    word_count: int = 0
    ingested_at: str | None = None
    warnings: tuple[str, ...] = ()
    schema_version: int = SCHEMA_VERSION
