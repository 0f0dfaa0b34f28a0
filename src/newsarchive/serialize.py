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
import json.encoder
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


# The C encoder `json.dumps(..., ensure_ascii=False, separators=(",", ":"))` builds on every
# call, built once: the same text (check_circular aside; a record holds no cycle) for some
# 20,000 fewer instructions a call, a quarter of writing the short part of a record again.
_make_encoder: Callable[..., Callable[[object, int], list[str]]] | None = getattr(json.encoder, "c_make_encoder")  # noqa: B009
_COMPACT = None if _make_encoder is None else _make_encoder(
    None, json.JSONEncoder().default, json.encoder.encode_basestring, None, ":", ",", False, False, True
)  # fmt: skip


# The same encoder writing strings with the C writer of `ensure_ascii=True`, about twice as
# fast on ASCII text; its output is `dumps`'s wherever it escaped no character past ASCII
# (`_WIDE_ESCAPE` finds one: `\\u` followed by anything but a control character's `00XX`).
_COMPACT_ASCII = None if _make_encoder is None else _make_encoder(
    None, json.JSONEncoder().default, json.encoder.encode_basestring_ascii, None, ":", ",", False, False, True
)  # fmt: skip
_WIDE_ESCAPE = re.compile(r"\\u(?!00[01])")


def dumps(record: dict[str, Any], *, pretty: bool = False) -> str:
    """JSON text for a record: UTF-8 friendly (non-ASCII as itself), compact or indented."""
    if pretty:
        return json.dumps(record, ensure_ascii=False, indent=2)
    if _COMPACT is None or _COMPACT_ASCII is None:
        return json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    body = record.get("body")
    if type(body) is not str or body.isascii():  # isascii is a flag of the string: no scan
        # A record's strings are mostly its body and paragraphs: ASCII text is written by the
        # quicker ASCII writer, and kept when that escaped nothing past ASCII.
        text = "".join(_COMPACT_ASCII(record, 0))
        if not _WIDE_ESCAPE.search(text):
            return text
    return "".join(_COMPACT(record, 0))


def _dumps_short(record: dict[str, Any]) -> str:
    """`dumps` of a record without its long texts (see `is_compact_form`): the ASCII writer's
    route gains nothing on a few hundred characters, and its check costs about a microsecond."""
    if _COMPACT is None:
        return json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    return "".join(_COMPACT(record, 0))


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
    pieces = _dumps_short(short).split(_LONG_JSON)
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


# Where `read_compact` cuts a record's long texts out: the body's value (the last such key:
# in the compact form of a record nothing after its body holds one, and a cut of any other
# leaves the record's body in the skeleton, which is then refused) and every `paragraphs` list.
_BODY_KEY = ',"body":'
_PARAGRAPHS_KEY = '"paragraphs":'
# The JSON parser's own reader of one value (C): (text, index) -> (value, index after it);
# StopIteration when no value starts at the index. What `json.loads` calls, without its
# whitespace matches around it (a skeleton with trailing text fails its comparison anyway).
_scan_value: Callable[[str, int], tuple[Any, int]] = getattr(json.JSONDecoder(), "scan_once")  # noqa: B009
# Where two strings of a list meet in its JSON, and how the body's blank lines are written.
_STRINGS_MEET = '","'
_BLANK_LINE_JSON = "\\n\\n"


def _joined_paragraphs(text: str, start: int, end: int) -> list[tuple[int, int, str]] | None:
    """Where each `paragraphs` list before the body (`text[start:end]`, a JSON string the C
    string reader has read) lies, as `read_compact` cuts them, when the lists' strings joined
    by blank lines are the body (SPEC.md: the body is all section paragraphs joined by blank
    lines); None otherwise, or when this cannot tell. For a body in which every backslash
    starts an escape `dumps` writes (`read_compact` checks that; `\\\\` fails it).

    The lists are then known to be whole JSON strings without reading them: the body's JSON
    between its quotes has every `"` escaped, and the lists' text between their outer quotes,
    joined by `","`, equals it once each `","` (where two strings meet) is written as the
    body's `\\n\\n`. So every other `"` in them is escaped too, and no string ends on a
    backslash (its `\\` and the `\\n` after it would be the body's, failing its escape check). Each
    list is found from its `["` to the first `"]}` after it (a list of strings is the last
    key of its section): a `"]}` inside a paragraph is `\\"]}`, a piece ending on a
    backslash, refused as above. Every piece is part of the body's JSON, so the body's escape
    check covers theirs.
    """
    cuts: list[tuple[int, int, str]] = []
    pieces: list[str] = []
    at = 0
    while (at := text.find(_PARAGRAPHS_KEY, at, start)) >= 0:
        first = at = at + len(_PARAGRAPHS_KEY)
        if text.startswith("[]", at):
            at += 2
        else:
            if not text.startswith('["', at):
                return None
            close = text.find('"]}', at + 2, start)
            if close < 0:
                return None
            pieces.append(text[at + 2 : close])
            at = close + 2
        cuts.append((first, at, "[]"))
    if _STRINGS_MEET.join(pieces).replace(_STRINGS_MEET, _BLANK_LINE_JSON) != text[start + 1 : end - 1]:
        return None
    return cuts


def _read_paragraphs(text: str) -> list[tuple[int, int, str]] | None:
    """Where each `paragraphs` list of `text` lies, each of its strings read in place by the C
    string reader (ValueError when one is not a JSON string); None when one is no list."""
    cuts: list[tuple[int, int, str]] = []
    at = 0
    while (at := text.find(_PARAGRAPHS_KEY, at)) >= 0:
        first = at = at + len(_PARAGRAPHS_KEY)
        if not text.startswith("[", at):
            return None
        at += 1
        if text.startswith('"', at):
            _, at = _scanstring(text, at + 1)
            while text.startswith(',"', at):
                _, at = _scanstring(text, at + 2)
        if not text.startswith("]", at):
            return None
        at += 1
        cuts.append((first, at, "[]"))
    return cuts


def read_compact(text: str) -> tuple[dict[str, Any], str] | None:
    """`(record, body)` for a `text` that is exactly `dumps(record)`, reading little more than
    the record's short fields; None when it may not be (read it then with `json.loads`, and
    check it with `is_compact_form`).

    Most of an article record's JSON is its long texts, the body and the paragraphs, and
    decoding them is most of `json.loads`'s work. So the body and each `paragraphs` list are
    cut out: the body read where it stands by the JSON parser's own C string reader
    (`scanstring`: it finds where the string ends and rejects what JSON does not allow) and
    its escapes checked to be ones `dumps` writes (as in `is_compact_form`); the paragraphs
    compared with it as text when they are the body's (`_joined_paragraphs`, as in every
    record `parse` makes: their escapes are then the body's), else each read in place too
    after the escapes of the whole text are checked. The few hundred bytes left (with the
    body's placeholder the only one in them) are parsed, and written again to compare with
    what they were read from, which checks their escapes too. Exact: the cut pieces are whole
    JSON strings (a list of them) with only escapes `dumps` writes, and the rest is `dumps`'s
    own output, so `dumps(json.loads(text)) == text`. `record` is the record with every
    `paragraphs` list empty (import needs none of them); `body` is its body.
    """
    at = text.rfind(_BODY_KEY)
    if at < 0 or not text.startswith('"', at + len(_BODY_KEY)):
        return None
    start = at + len(_BODY_KEY)
    try:
        body, end = _scanstring(text, start + 1)
    except ValueError:  # not a JSON string: an unterminated one, or a raw control character
        return None
    if _UNCERTAIN_ESCAPE.search(text, start, end):
        return None  # an escape `dumps` may not write
    cuts = _joined_paragraphs(text, start, end)
    if cuts is None:
        if _UNCERTAIN_ESCAPE.search(text):
            return None
        try:
            cuts = _read_paragraphs(text)
        except ValueError:
            return None
        if cuts is None:
            return None
    cuts.append((start, end, _LONG_JSON))
    cuts.sort()
    parts: list[str] = []
    last = 0
    for start, end, placeholder in cuts:
        if start < last:
            return None
        parts += (text[last:start], placeholder)
        last = end
    parts.append(text[last:])
    skeleton = "".join(parts)
    if skeleton.count(_LONG_JSON) != 1:
        return None  # the placeholder itself elsewhere: the body read may not be the record's
    try:
        record, _ = _scan_value(skeleton, 0)
    except (json.JSONDecodeError, StopIteration):
        return None
    if type(record) is not dict or record.get("body") != _LONG or _dumps_short(record) != skeleton:
        return None
    return record, body


def schema_text() -> str:
    """The JSON Schema (draft 2020-12) of the record, as shipped in the package."""
    return resources.files("newsarchive").joinpath("schema.json").read_text(encoding="utf-8")


def schema() -> dict[str, Any]:
    """The JSON Schema of the record as a dict."""
    loaded: dict[str, Any] = json.loads(schema_text())
    return loaded
