"""Records to JSON and back.

`to_dict` is the one place that turns an `Article` into SPEC.md's JSON shape (keys are the
dataclass field names, tuples become lists); `from_dict` is its inverse, so
`from_dict(to_dict(a)) == a`. Written by hand rather than with `dataclasses.asdict`
because ingest serializes every record and asdict's deep copies are several times slower.
"""

from __future__ import annotations

import hashlib
import json
import json.decoder
import re
from collections.abc import Callable
from importlib import resources
from typing import Any

from .model import Article, Caption, Link, Member, Person, Section, Source

ID_LENGTH = 16  # hex chars of the SHA-256 kept as the record id (SPEC.md)

# Order of keys in every record's JSON, as SPEC.md lists them.
RECORD_KEYS = (
    "schema_version", "id", "headline", "summary", "publisher", "date", "date_raw",
    "date_modified", "byline", "sections", "links", "captions", "tags", "language", "url",
    "body", "word_count", "source", "ingested_at", "warnings",
)  # fmt: skip


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of `data` as 64 lowercase hex characters."""
    return hashlib.sha256(data).hexdigest()


def record_id(sha256: str) -> str:
    """The record id for a source whose SHA-256 is `sha256`."""
    return sha256[:ID_LENGTH]


def to_dict(article: Article) -> dict[str, Any]:
    """The record as SPEC.md's JSON object (plain dicts and lists)."""
    a = article
    s = a.source
    return {
        "schema_version": a.schema_version,
        "id": a.id,
        "headline": a.headline,
        "summary": a.summary,
        "publisher": a.publisher,
        "date": a.date,
        "date_raw": a.date_raw,
        "date_modified": a.date_modified,
        "byline": [{"name": p.name, "role": p.role, "section": p.section} for p in a.byline],
        "sections": [
            {"heading": x.heading, "level": x.level, "paragraphs": list(x.paragraphs)}
            for x in a.sections
        ],
        "links": [
            {"text": x.text, "href": x.href, "section": x.section, "kind": x.kind} for x in a.links
        ],
        "captions": [
            {"text": c.text, "credit": c.credit, "src": c.src, "section": c.section}
            for c in a.captions
        ],
        "tags": list(a.tags),
        "language": a.language,
        "url": a.url,
        "body": a.body,
        "word_count": a.word_count,
        "source": {
            "path": s.path,
            "sha256": s.sha256,
            "format": s.format,
            "encoding": s.encoding,
            "bytes": s.bytes,
            "member": None if s.member is None else member_dict(s.member),
        },
        "ingested_at": a.ingested_at,
        "warnings": list(a.warnings),
    }


def from_dict(record: dict[str, Any]) -> Article:
    """Rebuild an `Article` from its JSON object (the inverse of `to_dict`)."""
    r = record
    return Article(
        schema_version=r["schema_version"],
        id=r["id"],
        headline=r["headline"],
        summary=r["summary"],
        publisher=r["publisher"],
        date=r["date"],
        date_raw=r["date_raw"],
        date_modified=r["date_modified"],
        byline=tuple(Person(**p) for p in r["byline"]),
        sections=tuple(
            Section(heading=x["heading"], level=x["level"], paragraphs=tuple(x["paragraphs"]))
            for x in r["sections"]
        ),
        links=tuple(Link(**x) for x in r["links"]),
        captions=tuple(Caption(**c) for c in r["captions"]),
        tags=tuple(r["tags"]),
        language=r["language"],
        url=r["url"],
        body=r["body"],
        word_count=r["word_count"],
        source=_source(r["source"]),
        ingested_at=r["ingested_at"],
        warnings=tuple(r["warnings"]),
    )


def member_dict(m: Member) -> dict[str, Any]:
    """A web-archive member as SPEC.md's `source.member` object."""
    return {
        "kind": m.kind,
        "record_id": m.record_id,
        "offset": m.offset,
        "uri": m.uri,
        "captured_at": m.captured_at,
        "status": m.status,
        "content_type": m.content_type,
    }


def _source(s: dict[str, Any]) -> Source:
    member = s.get("member")  # absent in schema_version 1 records
    return Source(
        path=s["path"],
        sha256=s["sha256"],
        format=s["format"],
        encoding=s["encoding"],
        bytes=s["bytes"],
        member=None if member is None else Member(**member),
    )


def dumps(record: dict[str, Any], *, pretty: bool = False) -> str:
    """JSON text for a record: UTF-8 friendly (non-ASCII as itself), compact or indented."""
    if pretty:
        return json.dumps(record, ensure_ascii=False, indent=2)
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


# A backslash in a record's JSON text that does not start an escape `dumps` writes: `dumps`
# escapes only `"`, the backslash, the five short control escapes, and the other control
# characters as lowercase \u00XX. An escaped backslash matches too (its second backslash is
# not followed by one of those), so where this finds nothing every backslash starts an escape.
_UNCERTAIN_ESCAPE = re.compile(r'\\(?!["nrtbf]|u00(?:0[0-7bef]|1[0-9a-f]))')
# The parser's own reader of one JSON string (C): (text, index after the opening quote) ->
# (the string, index after its closing quote). Public in `json.decoder`, not in its stubs.
_scanstring: Callable[[str, int], tuple[str, int]] = getattr(json.decoder, "scanstring")  # noqa: B009
_LONG = "\x00"  # stands in for a long text while the rest of the record is written
_LONG_JSON = '"\\u0000"'  # ... and how `dumps` writes it


def is_compact_form(text: str, record: dict[str, Any]) -> bool:
    """True when `text` is exactly `dumps(record)`, where `record` is what `text` parses to.

    The same answer as `dumps(record) == text`, at a fraction of its cost on article
    records: writing the long texts (the body and the paragraphs) is most of `dumps`'s work,
    so the record is written with each long text replaced by a placeholder, and `text` is
    compared with those pieces, each long text in between read back where it stands
    (`scanstring`, the parser's own C reader) and compared with the record's. A text read
    back equal is written the way `dumps` writes it because no escape in `text` is one
    `dumps` would not write (checked first).
    """
    if _UNCERTAIN_ESCAPE.search(text):
        return dumps(record) == text
    short = dict(record)
    long: list[str] = []
    sections = record.get("sections")
    if type(sections) is list:
        marked_sections: list[object] = []
        for section in sections:
            paragraphs = section.get("paragraphs") if type(section) is dict else None
            if type(paragraphs) is list:
                marked: list[object] = []
                for paragraph in paragraphs:
                    if type(paragraph) is str:
                        long.append(paragraph)
                        marked.append(_LONG)
                    else:
                        marked.append(paragraph)
                section = {**section, "paragraphs": marked}
            marked_sections.append(section)
        short["sections"] = marked_sections
    body = record.get("body")
    if type(body) is str:
        long.append(body)
        short["body"] = _LONG
    pieces = dumps(short).split(_LONG_JSON)
    if len(pieces) != len(long) + 1:  # the record holds the placeholder itself somewhere
        return dumps(record) == text
    at = 0
    for piece, value in zip(pieces[:-1], long, strict=True):
        if not text.startswith(piece, at):
            return False
        at += len(piece)
        if not text.startswith('"', at):
            return False
        try:
            read, at = _scanstring(text, at + 1)
        except ValueError:
            return False
        if read != value:
            return False
    return len(text) - at == len(pieces[-1]) and text.endswith(pieces[-1])


def schema_text() -> str:
    """The JSON Schema (draft 2020-12) of the record, as shipped in the package."""
    return resources.files("newsarchive").joinpath("schema.json").read_text(encoding="utf-8")


def schema() -> dict[str, Any]:
    """The JSON Schema of the record as a dict."""
    loaded: dict[str, Any] = json.loads(schema_text())
    return loaded
