"""The record newsarchive produces: frozen, pure values.

Field names are the JSON keys of SPEC.md's record (schema_version 2); nothing here
does I/O, parsing or SQL. Lists are tuples so that records are hashable and equal
input bytes give equal records.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

SCHEMA_VERSION = 2

Format = Literal["text", "markdown", "html"]
LinkKind = Literal["related", "inline"]
MemberKind = Literal["warc", "arc"]


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
class Member:
    """Where in a web archive (WARC or ARC file) a document was captured.

    `offset` is where its record starts in the file as stored (for a file gzipped record by
    record, the offset of the record's gzip member, as CDX indexes give it); `uri` is the
    captured URI; `captured_at` the capture time (ISO 8601, UTC); `status` the HTTP status
    (200 for a `resource` record); `content_type` the HTTP Content-Type as sent, or None.
    """

    kind: MemberKind
    record_id: str | None
    offset: int
    uri: str
    captured_at: str
    status: int
    content_type: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Source:
    """Where a record came from.

    `bytes` and `sha256` describe the source after gzip decompression; for a document inside
    a web archive they describe its HTTP payload (de-chunked, content-decoded), and `member`
    says where in the archive it was; `member` is None for a plain file.
    """

    path: str
    sha256: str
    format: Format
    encoding: str
    bytes: int
    member: Member | None = None


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
