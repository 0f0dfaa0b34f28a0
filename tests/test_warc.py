"""Reading web archives: which records become documents, what is skipped, and breakage."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest

from newsarchive.errors import InputError
from newsarchive.warc import Document, Skipped, iter_warc, sniff_web_archive

from .warcs import ARTICLE, Rec, article, build, chunked, gzip_response, hand_record, http_block

Item = Document | Skipped | InputError


def read(data: bytes, tmp_path: Path, name: str = "crawl.warc", **kwargs: object) -> list[Item]:
    path = tmp_path / name
    path.write_bytes(data)
    return list(iter_warc(path, **kwargs))  # type: ignore[arg-type]


def docs(items: list[Item]) -> list[Document]:
    return [i for i in items if isinstance(i, Document)]


def errors(items: list[Item]) -> list[InputError]:
    return [i for i in items if isinstance(i, InputError)]


def skips(items: list[Item]) -> list[str]:
    return [i.reason for i in items if isinstance(i, Skipped)]


@pytest.mark.parametrize("gzipped", [False, True], ids=["plain", "gzip-per-record"])
def test_a_200_html_response_is_one_document_with_its_provenance(tmp_path: Path, gzipped: bool) -> None:
    data = build([Rec(warc_headers={"WARC-Date": "2024-05-01T10:00:00Z"})], gzipped=gzipped)
    (doc,) = docs(read(data, tmp_path, "c.warc.gz" if gzipped else "c.warc"))
    assert doc.data == ARTICLE
    assert doc.member is not None
    assert doc.member.kind == "warc"
    assert doc.member.uri == "https://news.example/2024/05/harbour-bridge"
    assert doc.member.status == 200
    assert doc.member.content_type == "text/html"
    assert doc.member.captured_at == "2024-05-01T10:00:00+00:00"
    assert doc.member.record_id and doc.member.record_id.startswith("<urn:uuid:")
    # The offset points at the record: reading from there gives the same document first.
    again = docs(list(iter_warc(tmp_path / ("c.warc.gz" if gzipped else "c.warc"), start=doc.member.offset)))
    assert again[0].member == doc.member


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "br"])
def test_chunked_and_content_encoded_payloads_are_decoded(tmp_path: Path, encoding: str) -> None:
    (doc,) = docs(read(build([gzip_response(ARTICLE, encoding)], gzipped=True), tmp_path))
    assert doc.data == ARTICLE


def test_the_http_charset_is_kept_in_the_content_type(tmp_path: Path) -> None:
    rec = Rec(headers=[("Content-Type", "text/html; charset=windows-1251")])
    (doc,) = docs(read(build([rec]), tmp_path))
    assert doc.member is not None and doc.member.content_type == "text/html; charset=windows-1251"


def test_non_article_records_are_skipped_with_their_reason(tmp_path: Path) -> None:
    records = [
        Rec(rec_type="request", payload=b""),
        Rec(rec_type="metadata", uri="https://news.example/a", payload=b"via: x\r\n"),
        Rec(status="301 Moved Permanently", headers=[("Location", "https://news.example/b")], payload=b""),
        Rec(status="404 Not Found", payload=b"<html>gone</html>"),
        Rec(headers=[("Content-Type", "image/png")], payload=b"\x89PNG..."),
        Rec(headers=[("Content-Type", "application/pdf")], payload=b"%PDF-1.4"),
        Rec(uri="https://news.example/robots.txt", headers=[("Content-Type", "text/html")], payload=b"User-agent: *"),
        Rec(headers=[("Content-Type", "application/json")], payload=b"{}"),
        Rec(payload=article(1)),
    ]
    items = read(build(records), tmp_path)
    assert skips(items) == [
        "warcinfo", "request", "metadata", "redirect", "HTTP error", "image", "PDF", "robots.txt", "not HTML",
    ]  # fmt: skip
    assert [d.data for d in docs(items)] == [article(1)]
    assert not errors(items)


def test_a_revisit_record_is_skipped(tmp_path: Path) -> None:
    data = hand_record(b"HTTP/1.1 200 OK\r\n\r\n", rec_type="revisit")
    assert skips(read(data, tmp_path)) == ["revisit"]


def test_a_resource_record_is_a_document_when_its_payload_is_html(tmp_path: Path) -> None:
    records = [
        Rec(rec_type="resource", uri="file:///saved/page.html", headers=[("Content-Type", "text/html")]),
        Rec(rec_type="resource", uri="file:///saved/logo.png", headers=[("Content-Type", "image/png")],
            payload=b"\x89PNG"),
    ]  # fmt: skip
    items = read(build(records, warcinfo=False), tmp_path)
    (doc,) = docs(items)
    assert doc.data == ARTICLE and doc.member is not None and doc.member.status == 200
    assert skips(items) == ["image"]


def test_a_file_that_is_not_a_web_archive_is_one_error(tmp_path: Path) -> None:
    (error,) = read(b"<html>not a warc</html>", tmp_path)
    assert isinstance(error, InputError) and "not a WARC or ARC file" in error.reason


def test_sniffing_recognises_warc_and_arc_gzipped_or_not() -> None:
    warc = build([Rec()])
    assert sniff_web_archive(warc) == "warc"
    assert sniff_web_archive(gzip.compress(warc)) == "warc"
    assert sniff_web_archive(b"filedesc://x.arc 0.0.0.0 20240501100000 text/plain 10\n") == "arc"
    assert sniff_web_archive(b"<html>") is None


def test_a_file_gzipped_whole_is_read_too(tmp_path: Path) -> None:
    data = gzip.compress(build([Rec(payload=article(1)), Rec(payload=article(2))]))
    items = read(data, tmp_path, "c.warc.gz")
    assert [d.data for d in docs(items)] == [article(1), article(2)]
    assert not errors(items)


def test_a_pipe_is_read_straight_through(tmp_path: Path) -> None:
    class Pipe(io.RawIOBase):
        def __init__(self, data: bytes) -> None:
            self.inner = io.BytesIO(data)

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
            chunk = self.inner.read(len(buffer))
            buffer[: len(chunk)] = chunk
            return len(chunk)

    data = build([Rec(payload=article(1)), Rec(payload=article(2))], gzipped=True)
    items = list(iter_warc(io.BufferedReader(Pipe(data)), label="-"))
    assert [d.data for d in docs(items)] == [article(1), article(2)]
    assert all(d.label == "-" for d in docs(items))


@pytest.mark.parametrize("gzipped", [False, True], ids=["plain", "gzip-per-record"])
def test_byte_ranges_that_tile_a_file_read_every_record_once(tmp_path: Path, gzipped: bool) -> None:
    data = build([Rec(payload=article(n), uri=f"https://news.example/{n}") for n in range(12)], gzipped=gzipped)
    path = tmp_path / "c.warc"
    path.write_bytes(data)
    whole = [d.member.offset for d in docs(list(iter_warc(path))) if d.member]
    cuts = [0, 1, len(data) // 3, len(data) // 3 + 7, len(data) // 2, len(data) - 5, len(data)]
    pieces = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        pieces += [d.member.offset for d in docs(list(iter_warc(path, start=start, end=end))) if d.member]
    assert len(whole) == 12
    assert pieces == whole


def test_a_file_truncated_mid_record_keeps_the_records_before_and_names_the_offset(tmp_path: Path) -> None:
    data = build([Rec(payload=article(1)), Rec(payload=article(2))])
    cut = data[: len(data) - 100]
    items = read(cut, tmp_path)
    assert [d.data for d in docs(items)] == [article(1)]
    (error,) = errors(items)
    offset = data.rindex(b"WARC/1.", 0, len(data) - 100)
    assert "truncated" in error.reason and f"{offset:,}" in error.reason


def test_a_gzipped_file_truncated_mid_record_keeps_the_records_before(tmp_path: Path) -> None:
    data = build([Rec(payload=article(1)), Rec(payload=article(2))], gzipped=True)
    items = read(data[:-60], tmp_path, "c.warc.gz")
    assert [d.data for d in docs(items)] == [article(1)]
    (error,) = errors(items)
    assert "offset" in error.reason


def test_a_bad_chunk_length_fails_that_record_only(tmp_path: Path) -> None:
    bad = http_block(b"zz\r\nnot hex\r\n0\r\n\r\n", b"Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n")
    good = http_block(chunked(article(2)), b"Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n")
    items = read(hand_record(bad) + hand_record(good, uri="https://news.example/b"), tmp_path)
    (error,) = errors(items)
    assert "bad chunked encoding" in error.reason and "offset 0" in error.reason
    assert [d.data for d in docs(items)] == [article(2)]


def test_a_missing_content_length_fails_that_record_and_reading_goes_on(tmp_path: Path) -> None:
    first = hand_record(http_block(article(1)), length=-1)
    second = hand_record(http_block(article(2)), uri="https://news.example/b")
    items = read(first + second, tmp_path)
    (error,) = errors(items)
    assert "no valid Content-Length" in error.reason and "offset 0" in error.reason
    assert [d.data for d in docs(items)] == [article(2)]


@pytest.mark.parametrize("delta", [-20, 15], ids=["too-short", "too-long"])
def test_a_wrong_content_length_fails_that_record_and_reading_goes_on(tmp_path: Path, delta: int) -> None:
    block = http_block(article(1))
    first = hand_record(block, length=len(block) + delta)
    second = hand_record(http_block(article(2)), uri="https://news.example/b")
    third = hand_record(http_block(article(3)), uri="https://news.example/c")
    items = read(first + second + third, tmp_path)
    assert len(errors(items)) == 1
    assert "offset 0" in errors(items)[0].reason
    assert article(3) in [d.data for d in docs(items)]
    assert article(1) not in [d.data for d in docs(items)]


def test_a_record_over_max_bytes_fails_alone(tmp_path: Path) -> None:
    big = Rec(payload=ARTICLE + b" " * 5000, uri="https://news.example/big")
    items = read(build([big, Rec(payload=article(2))]), tmp_path, max_bytes=2000)
    (error,) = errors(items)
    assert "2,000-byte limit" in error.reason
    assert [d.data for d in docs(items)] == [article(2)]


def test_a_gzip_bomb_inside_a_record_is_capped(tmp_path: Path) -> None:
    bomb = Rec(
        payload=gzip.compress(b"<html>" + b"\0" * (20 << 20)),
        headers=[("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
    )
    items = read(build([bomb, Rec(payload=article(2))], gzipped=True), tmp_path, max_bytes=1 << 20)
    (error,) = errors(items)
    assert "limit once decoded" in error.reason
    assert [d.data for d in docs(items)] == [article(2)]


def test_a_space_in_the_target_uri_is_percent_encoded(tmp_path: Path) -> None:
    data = hand_record(http_block(article(1)), uri="https://news.example/a story")
    (doc,) = docs(read(data, tmp_path))
    assert doc.member is not None and doc.member.uri == "https://news.example/a%20story"


def arc_file(*records: tuple[str, bytes]) -> bytes:
    version = b"1 0 Test\nURL IP-address Archive-date Content-type Archive-length\n"
    out = b"filedesc://test.arc 0.0.0.0 20240501100000 text/plain %d\n" % len(version) + version
    for uri, block in records:
        out += b"\n" + uri.encode() + b" 1.2.3.4 20240501100000 text/html %d\n" % len(block) + block
    return out + b"\n"


def test_an_arc_file_gives_its_html_responses(tmp_path: Path) -> None:
    data = arc_file(
        ("http://news.example/a", http_block(article(1))), ("http://news.example/b", http_block(article(2)))
    )
    items = read(data, tmp_path, "c.arc")
    found = docs(items)
    assert [d.data for d in found] == [article(1), article(2)]
    assert all(d.member is not None and d.member.kind == "arc" and d.member.record_id is None for d in found)
    assert found[0].member is not None and found[0].member.captured_at.startswith("2024-05-01T10:00:00")
    assert not errors(items)


def test_an_arc_header_that_is_not_arc_fails_that_record(tmp_path: Path) -> None:
    good = arc_file(("http://news.example/a", http_block(article(1))))
    broken = good + b"this is not an arc header line\n" + http_block(article(2)) + b"\n"
    items = read(broken, tmp_path, "c.arc")
    assert [d.data for d in docs(items)] == [article(1)]
    (error,) = errors(items)
    assert "offset" in error.reason


def test_iter_documents_gives_one_document_for_a_plain_file_and_many_for_a_warc(tmp_path: Path) -> None:
    from newsarchive.sources import iter_documents

    page = tmp_path / "story.html"
    page.write_bytes(article(1))
    crawl = tmp_path / "crawl.bin"  # recognised by content, whatever its name
    crawl.write_bytes(build([Rec(payload=article(2)), Rec(payload=article(3))], gzipped=True))
    (plain,) = list(iter_documents(str(page)))
    assert isinstance(plain, Document) and plain.data == article(1) and plain.member is None
    from_warc = [d for d in iter_documents(str(crawl)) if isinstance(d, Document)]
    assert [d.data for d in from_warc] == [article(2), article(3)]
    assert all(d.label == str(crawl) for d in from_warc)


def test_iter_documents_streams_a_warc_from_stdin(tmp_path: Path) -> None:
    from newsarchive.sources import iter_documents

    stdin = io.BufferedReader(io.BytesIO(build([Rec(payload=article(4))])))  # type: ignore[arg-type]
    found = [d for d in iter_documents("-", stdin=stdin) if isinstance(d, Document)]
    assert [d.data for d in found] == [article(4)] and found[0].label == "-"
