"""Web archives (WARC 1.0/1.1 and ARC, plain or gzipped) → documents, streaming.

The public entry point is `iter_warc`: it reads one web archive, from a path or a binary file
object, and yields, in file order, one item per record:

- a `Document` for each HTML page captured with status 200 (a `response` record, or a
  `resource` record whose payload is HTML): its HTTP payload, de-chunked and
  content-decoded (gzip, deflate, br), with a `Member` saying where it was captured;
- a `Skipped` for every other record (requests, metadata, revisits, warcinfo, redirects,
  4xx/5xx, images, PDFs, robots.txt, anything not HTML), with a short reason to count;
- an `InputError` for a record that cannot be read (truncated, bad chunk length, missing or
  wrong Content-Length, over `max_bytes` once decoded, a header that is neither WARC nor
  ARC), naming the archive and the record's offset. Reading goes on at the next record when
  the file allows it; a file that ends mid-record ends with one such error.

Nothing is ever read whole: records are streamed and each payload is read up to `max_bytes`
(a gzip bomb inside a record is stopped there), so memory stays flat however large the file.

Offsets (`Member.offset`, `start`, `end`) are byte positions in the file as stored. For a
file gzipped record by record (what crawlers write, and what CDX indexes point into) that is
the start of the record's gzip member; for an uncompressed file, the start of its header
line. A file gzipped whole (one gzip stream) cannot be entered mid-way; its offsets are
positions in the decompressed stream, and it can only be read from the start.

Splitting: a reader given `start` and `end` yields exactly the records whose first byte lies
in `[start, end)`, finding the first record boundary at or after `start` by itself. So any
byte ranges that tile a file (as Spark's input splits do) read every record exactly once.

Reading goes through warcio (see the README's "Web archives" section for why it was chosen
over FastWARC): it reads ARC as well as WARC, and de-chunks and decodes payloads itself.
"""

from __future__ import annotations

import logging
import os
import re
import zlib
from collections.abc import Iterator
from typing import IO, Any, BinaryIO
from urllib.parse import urlsplit

from .errors import InputError
from .model import Member, MemberKind
from .sources import Document, Skipped

__all__ = ["Document", "Skipped", "iter_warc", "sniff_web_archive"]

GZIP_MAGIC = b"\x1f\x8b"
READ_CHUNK = 1 << 16
# How far `_gzip_layout` inflates the first gzip member to tell a record-by-record file from
# one gzipped whole: a first record (warcinfo, or a page) is far smaller than this.
LAYOUT_PROBE_BYTES = 8 << 20
# Bytes scanned per step when looking for the next record boundary.
SCAN_BLOCK = 1 << 20
# Content types read as HTML pages; a payload without a type is sniffed.
HTML_TYPES = ("text/html", "application/xhtml+xml", "application/xml+xhtml")
_ARC_LINE_RE = re.compile(rb"\S+ \d{1,3}(?:\.\d{1,3}){3} \d{14} \S+ \d+\r?\n")
_WARC_START_RE = re.compile(rb"WARC/\d\.\d+\r?\n")

# warcio logs (and prints) what it repairs, such as spaces in a target URI; the reader reports
# problems itself, one line each, so warcio's own messages must not reach the terminal.
logging.getLogger("warcio").addHandler(logging.NullHandler())
logging.getLogger("warcio").propagate = False


def sniff_web_archive(head: bytes) -> MemberKind | None:
    """`"warc"` or `"arc"` when `head` (a file's first bytes, gzipped or not) starts one, else None."""
    if head.startswith(GZIP_MAGIC):
        try:
            head = zlib.decompressobj(wbits=31).decompress(head, 64)
        except zlib.error:
            return None
    if _WARC_START_RE.match(head):
        return "warc"
    if head.startswith(b"filedesc://"):
        return "arc"
    return None


def iter_warc(
    source: str | os.PathLike[str] | BinaryIO,
    *,
    label: str | None = None,
    start: int = 0,
    end: int | None = None,
    max_bytes: int = 50 * 1024 * 1024,
) -> Iterator[Document | Skipped | InputError]:
    """Read a WARC or ARC file record by record (see the module doc for what comes out).

    Args:
        source: a path, or a binary file object (seekable for `start` > 0 and to resume
            after a broken record; a pipe is read straight through).
        label: the name documents and errors carry (default: the path, or `-`).
        start: read only records whose first byte is at or after this offset; the reader
            finds the next record boundary itself.
        end: read only records whose first byte is before this offset (None: to the end).
        max_bytes: largest decoded payload read; a larger one is an `InputError`.

    Never raises for bad content: every problem is an `InputError` item, and the items
    before it stand. Opening a missing path yields one `InputError` too.
    """
    name = label if label is not None else (os.fsdecode(source) if isinstance(source, (str, os.PathLike)) else "-")
    if isinstance(source, (str, os.PathLike)):
        try:
            handle: BinaryIO = open(source, "rb")  # noqa: SIM115 (closed below)
        except OSError as exc:
            yield InputError(name, (exc.strerror or str(exc)).lower())
            return
        try:
            yield from _read(handle, name, start, end, max_bytes)
        finally:
            handle.close()
    else:
        yield from _read(source, name, start, end, max_bytes)


def _read(handle: BinaryIO, name: str, start: int, end: int | None, max_bytes: int) -> Iterator[
    Document | Skipped | InputError
]:
    try:
        seekable = handle.seekable()
    except (OSError, ValueError):
        seekable = False
    if not seekable:
        if start:
            yield InputError(name, "cannot start mid-file: the input is not seekable")
            return
        yield from _read_stream(_Tellable(handle), name, None, end, max_bytes, gzipped_whole=False)
        return
    try:
        handle.seek(0)
        head = handle.read(READ_CHUNK)
    except OSError as exc:
        yield InputError(name, (exc.strerror or str(exc)).lower())
        return
    kind = sniff_web_archive(head)
    if kind is None:
        first = head.split(b"\n", 1)[0][:60].decode("latin-1")
        yield InputError(name, f"not a WARC or ARC file (it starts {first!r})")
        return
    layout = _gzip_layout(handle) if head.startswith(GZIP_MAGIC) else "plain"
    if layout == "whole":
        if start:
            yield InputError(name, "cannot start mid-file: the file is gzipped whole, not record by record")
            return
        import gzip

        handle.seek(0)
        stream: Any = gzip.GzipFile(fileobj=handle, mode="rb")
        yield from _read_stream(_Tellable(stream), name, kind, end, max_bytes, gzipped_whole=True)
        return
    position: int | None = start
    while position is not None:
        handle.seek(position)
        if position:
            found = _next_boundary(handle, position, gzipped=layout == "members")
            if found is None:
                return
            handle.seek(found)
        resume: list[int] = []
        yield from _read_stream(handle, name, kind, end, max_bytes, gzipped_whole=False, resume=resume)
        position = resume[0] if resume else None


class _Tellable:
    """A forward-only stream that counts what it has read, so offsets work on pipes."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.offset = 0

    def tell(self) -> int:
        return self.offset

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.offset += len(data)
        return data


def _gzip_layout(handle: BinaryIO) -> str:
    """`"members"` when the first gzip member ends before the file does, else `"whole"`."""
    handle.seek(0)
    inflater = zlib.decompressobj(wbits=31)
    consumed = 0
    try:
        while not inflater.eof and consumed < LAYOUT_PROBE_BYTES:
            block = handle.read(READ_CHUNK)
            if not block:
                break
            consumed += len(block)
            pending = block
            while pending and not inflater.eof:
                inflater.decompress(pending, READ_CHUNK)  # output dropped: only the layout matters
                pending = inflater.unconsumed_tail
    except zlib.error:
        return "whole"  # a damaged first member: the stream reader reports it
    if not inflater.eof:
        return "whole"
    rest = inflater.unused_data
    if not rest:
        rest = handle.read(2)
    return "members" if rest.startswith(GZIP_MAGIC) else "whole"


def _next_boundary(handle: BinaryIO, position: int, *, gzipped: bool) -> int | None:
    """The offset of the first record that starts at or after `position`, or None.

    A candidate (a gzip header, or a `WARC/1.x` or ARC header line after a newline) counts
    only when a record header really starts there, so payload bytes that look like one do
    not split a record.
    """
    handle.seek(position)
    carry = b""
    base = position
    while True:
        block = handle.read(SCAN_BLOCK)
        if not block:
            return None
        data = carry + block
        if gzipped:
            candidates = (m.start() for m in re.finditer(re.escape(GZIP_MAGIC + b"\x08"), data))
        else:
            candidates = (
                m.start(1)
                for m in re.finditer(rb"(?:^|\n)((?:WARC/\d\.\d+\r?\n)|(?:\S+ \d{1,3}(?:\.\d{1,3}){3} \d{14} ))", data)
            )
        for index in candidates:
            offset = base + index
            if _record_starts(handle, offset, gzipped=gzipped):
                return offset
        keep = 64
        carry = data[-keep:]
        base += len(data) - len(carry)
        handle.seek(base + len(carry))


def _record_starts(handle: BinaryIO, offset: int, *, gzipped: bool) -> bool:
    here = handle.tell()
    try:
        handle.seek(offset)
        head = handle.read(4096)
        if gzipped:
            try:
                head = zlib.decompressobj(wbits=31).decompress(head, 256)
            except zlib.error:
                return False
        return bool(_WARC_START_RE.match(head) or _ARC_LINE_RE.match(head) or head.startswith(b"filedesc://"))
    finally:
        handle.seek(here)


def _read_stream(
    stream: Any,
    name: str,
    kind: MemberKind | None,
    end: int | None,
    max_bytes: int,
    *,
    gzipped_whole: bool,
    resume: list[int] | None = None,
) -> Iterator[Document | Skipped | InputError]:
    """Yield the items of the records in `stream` from where it stands.

    Each record is read to its end and its framing checked before its item is yielded, so a
    record whose Content-Length is wrong is reported, not stored with a neighbour's bytes.
    On a broken record, yields its `InputError` and, when the file can be re-entered
    (`resume` given), puts the offset to look for the next record from into `resume`.
    """
    records = _Iterator(stream, arc2warc=True, check_digests=False)
    offset = records.offset
    try:
        for record in records:
            offset = records.offset
            if end is not None and offset >= end:
                return
            if kind is None:
                kind = "arc" if record.format.startswith("arc") or record.rec_type == "arc_header" else "warc"
            if record.length is None or (record.format == "warc" and not _valid_length(record)):
                given = record.rec_headers.get_header("Content-Length")
                yield InputError(name, f"record at offset {offset:,} has no valid Content-Length ({given!r})")
                if resume is not None and not gzipped_whole:
                    resume.append(offset + 1)
                return
            item = _item(record, name, kind, offset, max_bytes)
            records.read_to_end()
            left = getattr(record.raw_stream, "limit", 0)
            if left > 0:
                if records.reader is not None and records.reader.decompressor is not None and not gzipped_whole:
                    yield InputError(
                        name,
                        f"record at offset {offset:,} is cut short: {left:,} bytes fewer than its"
                        " Content-Length (the file is truncated, or the length is wrong)",
                    )
                    continue
                yield InputError(name, f"the file ends inside the record at offset {offset:,} (truncated)")
                return
            following = records.next_line
            if following and not _record_line(following) and not records.blank_lines:
                # Payload bytes run on where the record should have ended: its length is wrong.
                # (After the usual blank lines, the next record's own header is what is broken.)
                yield InputError(
                    name, f"record at offset {offset:,}: its Content-Length does not match where the next record starts"
                )
                if resume is not None and not gzipped_whole:
                    resume.append(offset + 1)
                return
            yield item
    except Exception as exc:  # warcio raises many types for a damaged header or stream
        if isinstance(exc, EOFError):
            yield InputError(name, f"the file ends inside the record at offset {offset:,} (truncated)")
            return
        yield InputError(name, f"unreadable record at offset {offset:,}: {_reason(exc)}")
        if resume is not None and not gzipped_whole:
            resume.append(offset + 1)
    finally:
        records.close()


def _valid_length(record: Any) -> bool:
    given = record.rec_headers.get_header("Content-Length")
    return given is not None and given.strip().isdigit()


def _record_line(line: bytes) -> bool:
    """True when `line` can start a record: a WARC version line or an ARC header line."""
    return bool(_WARC_START_RE.match(line) or _ARC_LINE_RE.match(line))


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    if isinstance(exc, EOFError):
        return "the file ends inside it (truncated)"
    if len(text) > 160:
        text = text[:157] + "…"
    return text


def _make_iterator_class() -> type:
    from warcio.archiveiterator import ArchiveIterator

    class Iterator_(ArchiveIterator):  # type: ignore[misc]
        """warcio's iterator, with a record's stray trailing bytes reported by us, not printed."""

        blank_lines = 0  # blank lines between the last record read and `next_line`

        def _consume_blanklines(self) -> tuple[bytes | None, int]:
            skipped = 0
            self.blank_lines = 0
            while True:
                line = self.reader.readline()
                if not line:
                    return None, skipped
                if line.strip():
                    return line, skipped
                skipped += len(line)
                self.blank_lines += 1

    return Iterator_


class _LazyIterator:
    cls: type | None = None

    def __call__(self, stream: Any, **kwargs: Any) -> Any:
        if self.cls is None:
            self.cls = _make_iterator_class()
        return self.cls(stream, **kwargs)


_Iterator = _LazyIterator()


def _item(record: Any, name: str, kind: MemberKind, offset: int, max_bytes: int) -> Document | Skipped | InputError:
    """The item one record gives (its payload is read here, up to `max_bytes`)."""
    rec_type = record.rec_type
    headers = record.rec_headers
    uri = (headers.get_header("WARC-Target-URI") or "").strip()
    if rec_type not in ("response", "resource"):
        return Skipped(name, _TYPE_REASONS.get(rec_type, f"{rec_type} record"), offset, uri or None)
    http = record.http_headers if rec_type == "response" else None
    if rec_type == "response" and http is None:
        return Skipped(name, "not HTTP", offset, uri or None)
    status = 200
    content_type: str | None
    if http is not None:
        try:
            status = int(http.get_statuscode())
        except (TypeError, ValueError):
            return InputError(name, f"record at offset {offset:,} has no valid HTTP status line")
        content_type = http.get_header("Content-Type")
    else:
        content_type = headers.get_header("Content-Type")
    if 300 <= status < 400:
        return Skipped(name, "redirect", offset, uri)
    if status >= 400:
        return Skipped(name, "HTTP error", offset, uri)
    if status != 200:
        return Skipped(name, f"HTTP status {status}", offset, uri)
    if urlsplit(uri).path.lower().endswith("/robots.txt"):
        return Skipped(name, "robots.txt", offset, uri)
    media = (content_type or "").split(";", 1)[0].strip().lower()
    if media.startswith("image/"):
        return Skipped(name, "image", offset, uri)
    if media == "application/pdf":
        return Skipped(name, "PDF", offset, uri)
    if media and media not in HTML_TYPES:
        return Skipped(name, "not HTML", offset, uri)
    payload = _payload(record, http, name, offset, max_bytes)
    if isinstance(payload, InputError):
        return payload
    if not media and not _looks_like_html(payload):
        return Skipped(name, "not HTML", offset, uri)
    record_id = headers.get_header("WARC-Record-ID") if kind == "warc" else None
    member = Member(
        kind=kind,
        record_id=record_id,
        offset=offset,
        uri=uri,
        captured_at=_iso_date(headers.get_header("WARC-Date") or ""),
        status=status,
        content_type=content_type,
    )
    return Document(name, payload, member)


_TYPE_REASONS = {
    "request": "request",
    "metadata": "metadata",
    "revisit": "revisit",
    "warcinfo": "warcinfo",
    "arc_header": "warcinfo",
    "conversion": "conversion",
    "continuation": "continuation",
}


def _payload(record: Any, http: Any, name: str, offset: int, max_bytes: int) -> bytes | InputError:
    """The record's payload, de-chunked and content-decoded, at most `max_bytes`.

    gzip and deflate are decoded by warcio; br by the `brotli` module when it is installed
    (warcio's own br path fails with brotli 1.2), in bounded steps so a bomb stops at the cap.
    """
    from warcio.bufferedreaders import BufferedReader, ChunkedDataException, ChunkedDataReader

    stream: Any = record.raw_stream
    brotli_stream = False
    if http is not None:
        encoding = (http.get_header("Content-Encoding") or "").strip().lower() or None
        if encoding in ("identity", "none"):
            encoding = None
        if encoding == "br":
            brotli_stream = True
            encoding = None
        elif encoding is not None and encoding not in ("gzip", "x-gzip", "deflate"):
            return InputError(name, f"record at offset {offset:,}: unsupported Content-Encoding {encoding!r}")
        if encoding == "x-gzip":
            encoding = "gzip"
        chunked = (http.get_header("Transfer-Encoding") or "").strip().lower() == "chunked"
        if chunked:
            stream = ChunkedDataReader(stream, decomp_type=encoding, raise_exceptions=True)
        elif encoding:
            stream = BufferedReader(stream, decomp_type=encoding)
    over = InputError(
        name, f"record at offset {offset:,} is over the {max_bytes:,}-byte limit once decoded (see --max-bytes)"
    )
    parts: list[bytes] = []
    total = 0
    try:
        inflate = _brotli_steps() if brotli_stream else None
        while True:
            block = stream.read(READ_CHUNK)
            if not block:
                break
            for piece in inflate(block, max_bytes - total + 1) if inflate else (block,):
                total += len(piece)
                if total > max_bytes:
                    return over
                parts.append(piece)
    except ChunkedDataException as exc:
        detail = exc.args[0].decode("latin-1", "replace") if exc.args and isinstance(exc.args[0], bytes) else exc
        return InputError(name, f"record at offset {offset:,}: bad chunked encoding ({_reason(Exception(detail))})")
    except _Unsupported as exc:
        return InputError(name, f"record at offset {offset:,}: {exc}")
    except Exception as exc:  # zlib, brotli and warcio raise their own error types
        return InputError(name, f"record at offset {offset:,}: cannot decode the payload ({_reason(exc)})")
    return b"".join(parts)


class _Unsupported(Exception):
    """A content encoding this installation cannot decode."""


def _brotli_steps() -> Any:
    """A function `(compressed block, room) -> decoded pieces` for a br payload, in bounded steps."""
    try:
        import brotli  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except ImportError:
        raise _Unsupported("Content-Encoding 'br' needs the brotli module") from None
    decoder = brotli.Decompressor()

    def steps(block: bytes, room: int) -> Iterator[bytes]:
        limit = max(1, min(room, READ_CHUNK * 16))
        piece = decoder.process(block, output_buffer_limit=limit)
        yield piece
        while not decoder.can_accept_more_data():
            piece = decoder.process(b"", output_buffer_limit=limit)
            if not piece:
                break
            yield piece

    return steps


def _looks_like_html(data: bytes) -> bool:
    from .parse import sniff_format

    return sniff_format(data) == "html"


def _iso_date(value: str) -> str:
    """A WARC-Date as ISO 8601 (`Z` written `+00:00`, as everywhere else in a record)."""
    value = value.strip()
    if value.endswith("Z"):
        value = value[:-1] + "+00:00"
    return value
