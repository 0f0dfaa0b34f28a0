"""Small web archives for tests, written with warcio's own writer (and by hand where broken)."""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ARTICLE = (
    b"<html><head><title>Harbour bridge reopens after repairs</title>"
    b'<meta property="og:type" content="article"></head><body><article>'
    b"<h1>Harbour bridge reopens after repairs</h1>"
    b"<p>The harbour bridge reopened on Monday after six months of repairs to its deck, "
    b"the city council said in a statement.</p>"
    b"<p>Engineers replaced the worn steel plates and repainted the main span, which carries "
    b"forty thousand vehicles a day.</p></article></body></html>"
)


def article(n: int) -> bytes:
    """A distinct small article page (its own bytes, so its own id)."""
    return ARTICLE.replace(b"six months", b"%d months" % (n + 2))


def chunked(data: bytes, size: int = 50) -> bytes:
    """`data` in HTTP/1.1 chunked transfer encoding."""
    out = io.BytesIO()
    for i in range(0, len(data), size):
        piece = data[i : i + size]
        out.write(b"%x\r\n" % len(piece) + piece + b"\r\n")
    out.write(b"0\r\n\r\n")
    return out.getvalue()


@dataclass
class Rec:
    """One record to write: type, URI, HTTP status line and headers, payload as sent."""

    rec_type: str = "response"
    uri: str = "https://news.example/2024/05/harbour-bridge"
    payload: bytes = ARTICLE
    status: str = "200 OK"
    headers: list[tuple[str, str]] = field(default_factory=lambda: [("Content-Type", "text/html")])
    warc_headers: dict[str, str] = field(default_factory=dict)


def build(records: Sequence[Rec], *, gzipped: bool = False, warcinfo: bool = True) -> bytes:
    """A WARC holding `records`, per-record gzip when `gzipped`."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    if warcinfo:
        writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "tests"}))
    for rec in records:
        http = None
        if rec.rec_type in ("response", "request", "revisit") and rec.uri.startswith("http"):
            if rec.rec_type == "request":
                http = StatusAndHeaders("GET / HTTP/1.1", rec.headers, is_http_request=True)
            else:
                http = StatusAndHeaders(rec.status, rec.headers, protocol="HTTP/1.1")
        kwargs = {}
        if rec.rec_type == "resource":
            kwargs["warc_content_type"] = dict(rec.headers).get("Content-Type", "text/html")
        record = writer.create_warc_record(
            rec.uri,
            rec.rec_type,
            payload=io.BytesIO(rec.payload),
            http_headers=http,
            warc_headers_dict=rec.warc_headers,
            **kwargs,
        )
        writer.write_record(record)
        record.raw_stream.close()  # the writer's buffer for digesting the payload
    return out.getvalue()


def gzip_response(data: bytes, encoding: str = "gzip") -> Rec:
    """A 200 response sent chunked and content-encoded, without a charset."""
    if encoding == "gzip":
        body = gzip.compress(data)
    elif encoding == "deflate":
        body = zlib.compress(data)
    else:
        import brotli  # type: ignore[import-untyped]

        body = brotli.compress(data)
    return Rec(
        payload=chunked(body),
        headers=[("Content-Type", "text/html"), ("Content-Encoding", encoding), ("Transfer-Encoding", "chunked")],
    )


def hand_record(block: bytes, *, uri: str = "https://news.example/a", length: int | None = None,
                rec_type: str = "response", extra: bytes = b"") -> bytes:  # fmt: skip
    """One uncompressed WARC record written by hand; `length` overrides Content-Length (-1: none)."""
    head = b"WARC/1.1\r\nWARC-Type: " + rec_type.encode() + b"\r\nWARC-Target-URI: " + uri.encode()
    head += b"\r\nWARC-Date: 2024-05-01T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:0000>\r\n"
    head += b"Content-Type: application/http; msgtype=response\r\n" + extra
    if length != -1:
        head += b"Content-Length: %d\r\n" % (len(block) if length is None else length)
    return head + b"\r\n" + block + b"\r\n\r\n"


def http_block(payload: bytes, headers: bytes = b"Content-Type: text/html\r\n") -> bytes:
    return b"HTTP/1.1 200 OK\r\n" + headers + b"\r\n" + payload
