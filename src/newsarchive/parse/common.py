"""What every format parser shares: the mutable `Draft` it fills, and `finish`, which turns a
draft into the frozen `Article` (id, source, body and word count are derived here, once)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Article, Caption, Format, Link, Person, Section, Source
from ..normalize import word_count
from ..serialize import record_id, sha256_hex


@dataclass(kw_only=True)
class Draft:
    """The fields a format parser found; everything optional, filled in any order."""

    format: Format = "text"
    headline: str | None = None
    summary: str | None = None
    publisher: str | None = None
    date: str | None = None
    date_raw: str | None = None
    date_modified: str | None = None
    byline: list[Person] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    language: str | None = None
    url: str | None = None
    warnings: list[str] = field(default_factory=list)


def body_text(sections: list[Section] | tuple[Section, ...]) -> str:
    """All section paragraphs as plain text joined by blank lines (SPEC.md's `body`)."""
    return "\n\n".join(p for s in sections for p in s.paragraphs)


def finish(draft: Draft, *, data: bytes, path: str, encoding: str) -> Article:
    """Freeze a draft into an Article for the source `data` read from `path`."""
    digest = sha256_hex(data)
    body = body_text(draft.sections)
    notes = list(dict.fromkeys(draft.warnings))  # keep order, drop repeats
    if draft.headline is None:
        notes.append("No headline found.")
    if draft.date is None:
        notes.append("No publication date found.")
    return Article(
        id=record_id(digest),
        source=Source(
            path=path, sha256=digest, format=draft.format, encoding=encoding, bytes=len(data)
        ),
        headline=draft.headline,
        summary=draft.summary,
        publisher=draft.publisher,
        date=draft.date,
        date_raw=draft.date_raw,
        date_modified=draft.date_modified,
        byline=tuple(draft.byline),
        sections=tuple(s for s in draft.sections if s.paragraphs or s.heading),
        links=tuple(draft.links),
        captions=tuple(draft.captions),
        tags=tuple(dict.fromkeys(draft.tags)),
        language=draft.language,
        url=draft.url,
        body=body,
        word_count=word_count(body),
        warnings=tuple(notes),
    )
