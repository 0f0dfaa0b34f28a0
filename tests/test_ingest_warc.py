"""Ingesting web archives end to end: one record per page, provenance, skips, breakage, reparse."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsarchive.parse import parse
from newsarchive.serialize import to_dict

from .conftest import assert_valid_record, invoke, jsonl
from .warcs import ARTICLE, Rec, article, build, gzip_response

INDEX_PAGE = (
    b'<html><head><title>News Example - Home</title><meta property="og:type" content="website"></head><body>'
    + b"".join(b'<h2><a href="/2024/05/story-%d">Story number %d headline here</a></h2>' % (n, n) for n in range(40))
    + b"</body></html>"
)


def crawl(tmp_path: Path, records: list[Rec], name: str = "crawl.warc.gz", gzipped: bool = True) -> Path:
    path = tmp_path / name
    path.write_bytes(build(records, gzipped=gzipped))
    return path


def pages(n: int) -> list[Rec]:
    out: list[Rec] = []
    for i in range(n):
        out.append(Rec(rec_type="request", uri=f"https://news.example/2024/05/story-{i}", payload=b""))
        out.append(Rec(uri=f"https://news.example/2024/05/story-{i}", payload=article(i)))
    return out


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_each_page_of_a_warc_is_one_record_with_its_member(runner: CliRunner, tmp_path: Path, jobs: str) -> None:
    path = crawl(tmp_path, pages(3))
    result = invoke(runner, "ingest", str(path), "-j", jobs)
    outcomes = jsonl(result.stdout)
    assert [o["status"] for o in outcomes] == ["added"] * 3
    assert all(o["path"] == str(path) and o["offset"] > 0 and o["uri"] for o in outcomes)
    assert "3 added" in result.stderr and "(4 skipped: 3 request, 1 warcinfo)" in result.stderr
    records = jsonl(invoke(runner, "list").stdout)
    assert len(records) == 3
    for record in records:
        assert_valid_record(record)
        member = record["source"]["member"]
        assert record["schema_version"] == 2 and member["kind"] == "warc" and member["status"] == 200
        assert record["url"] == member["uri"]  # the page names no canonical URL
        assert record["source"]["path"] == str(path)


def test_the_summary_counts_what_a_warc_skips(runner: CliRunner, tmp_path: Path) -> None:
    path = crawl(tmp_path, [Rec(rec_type="request", payload=b""), Rec(status="302 Found", payload=b""), Rec()])
    result = invoke(runner, "ingest", str(path))
    assert "(3 skipped: 1 warcinfo, 1 request, 1 redirect)" in result.stderr
    assert [o["status"] for o in jsonl(result.stdout)] == ["added"]
    verbose = invoke(runner, "ingest", str(path), "-v")
    reasons = [o["reason"] for o in jsonl(verbose.stdout) if o["status"] == "skipped"]
    assert reasons == ["warcinfo", "request", "redirect"]


def test_a_page_from_a_warc_has_the_fields_it_has_as_a_file(runner: CliRunner, tmp_path: Path) -> None:
    path = crawl(tmp_path, [gzip_response(ARTICLE)])
    invoke(runner, "ingest", str(path))
    (record,) = jsonl(invoke(runner, "list").stdout)
    as_file = to_dict(parse(ARTICLE, "page.html"))
    for key in ("id", "headline", "body", "date", "byline", "sections", "links", "captions", "language"):
        assert record[key] == as_file[key], key
    assert record["source"]["sha256"] == as_file["source"]["sha256"]


def test_reingesting_a_warc_is_all_unchanged(runner: CliRunner, tmp_path: Path) -> None:
    path = crawl(tmp_path, pages(4))
    invoke(runner, "ingest", str(path))
    again = jsonl(invoke(runner, "ingest", str(path), "-j", "2").stdout)
    assert [o["status"] for o in again] == ["unchanged"] * 4


def test_the_same_page_captured_twice_is_one_record_with_both_captures(
    runner: CliRunner, tmp_path: Path, isolated_archive: Path
) -> None:
    twice = [
        Rec(uri="https://news.example/a", payload=article(1)),
        Rec(uri="https://news.example/a?x", payload=article(1)),
    ]
    path = crawl(tmp_path, twice)
    statuses = [o["status"] for o in jsonl(invoke(runner, "ingest", str(path)).stdout)]
    assert sorted(statuses) == ["added", "unchanged"]
    assert len(jsonl(invoke(runner, "list").stdout)) == 1
    with sqlite3.connect(isolated_archive) as conn:
        uris = [u for (u,) in conn.execute("SELECT uri FROM locations ORDER BY offset")]
    assert uris == ["https://news.example/a", "https://news.example/a?x"]


def test_show_finds_a_record_by_its_url_or_captured_uri(runner: CliRunner, tmp_path: Path) -> None:
    canonical = article(1).replace(b"<head>", b'<head><link rel="canonical" href="https://news.example/canonical">')
    path = crawl(tmp_path, [Rec(uri="https://news.example/captured?utm=1", payload=canonical)])
    (outcome,) = jsonl(invoke(runner, "ingest", str(path)).stdout)
    by_url = json.loads(invoke(runner, "show", "https://news.example/canonical").stdout)
    by_uri = json.loads(invoke(runner, "show", "https://news.example/captured?utm=1").stdout)
    assert by_url["id"] == by_uri["id"] == outcome["id"]
    assert by_url["url"] == "https://news.example/canonical"
    missing = invoke(runner, "show", "https://news.example/nothing", expect=1)
    assert "no record has this url" in missing.stderr


def test_list_search_and_export_take_a_site(runner: CliRunner, tmp_path: Path) -> None:
    records = [
        Rec(uri="https://www.news.example/2024/05/harbour-story", payload=article(1)),
        Rec(uri="https://sport.news.example/2024/05/harbour-match", payload=article(2)),
        Rec(uri="https://other.example/2024/05/harbour-other", payload=article(3)),
    ]
    invoke(runner, "ingest", str(crawl(tmp_path, records)))
    listed = {r["url"] for r in jsonl(invoke(runner, "list", "--site", "news.example").stdout)}
    assert listed == {"https://www.news.example/2024/05/harbour-story", "https://sport.news.example/2024/05/harbour-match"}
    found = jsonl(invoke(runner, "search", "harbour", "--site", "other.example").stdout)
    assert [r["url"] for r in found] == ["https://other.example/2024/05/harbour-other"]
    exported = jsonl(invoke(runner, "export", "--site", "sport.news.example").stdout)
    assert [r["url"] for r in exported] == ["https://sport.news.example/2024/05/harbour-match"]


def test_an_index_page_is_skipped_as_not_an_article(runner: CliRunner, tmp_path: Path) -> None:
    path = crawl(tmp_path, [Rec(uri="https://news.example/", payload=INDEX_PAGE), Rec(payload=article(1))])
    result = invoke(runner, "ingest", str(path))
    assert [o["status"] for o in jsonl(result.stdout)] == ["added"]
    assert "1 not an article: index page" in result.stderr


def test_a_truncated_warc_stores_the_pages_before_and_fails_once(runner: CliRunner, tmp_path: Path) -> None:
    data = build(pages(3), gzipped=False)
    path = tmp_path / "cut.warc"
    path.write_bytes(data[:-200])
    result = invoke(runner, "ingest", str(path), expect=3)
    assert sorted(o["status"] for o in jsonl(result.stdout)) == ["added", "added", "failed"]
    failures = [line for line in result.stderr.splitlines() if line.startswith("failed:")]
    assert len(failures) == 1 and str(path) in failures[0] and "offset" in failures[0] and "truncated" in failures[0]
    assert "Traceback" not in result.stderr


def test_a_directory_walk_takes_web_archives(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "crawls"
    folder.mkdir()
    crawl(folder, pages(2), name="a.warc.gz")
    crawl(folder, [Rec(uri="https://news.example/x", payload=article(7))], name="b.warc", gzipped=False)
    outcomes = jsonl(invoke(runner, "ingest", str(folder)).stdout)
    assert [o["status"] for o in outcomes] == ["added"] * 3


def test_a_warc_on_stdin_is_read(runner: CliRunner, tmp_path: Path) -> None:
    result = invoke(runner, "ingest", "-", input=build(pages(2), gzipped=True))
    assert [(o["status"], o["path"]) for o in jsonl(result.stdout)] == [("added", "-")] * 2


def test_reparse_rebuilds_a_warc_member_from_its_stored_payload(
    runner: CliRunner, tmp_path: Path, isolated_archive: Path
) -> None:
    invoke(runner, "ingest", str(crawl(tmp_path, pages(2))))
    before = jsonl(invoke(runner, "list").stdout)
    with sqlite3.connect(isolated_archive) as conn:  # as an older parser might have left it
        conn.execute("UPDATE articles SET record = json_set(record, '$.headline', 'stale')")
    result = invoke(runner, "reparse")
    assert "2 changed" in result.stderr
    after = jsonl(invoke(runner, "list").stdout)
    assert after == before  # member, url and fields all rebuilt from the raw payload


def test_parse_reads_a_warc_too(runner: CliRunner, tmp_path: Path) -> None:
    records = jsonl(invoke(runner, "parse", str(crawl(tmp_path, pages(2)))).stdout)
    assert [r["source"]["member"]["uri"] for r in records] == [
        "https://news.example/2024/05/story-0", "https://news.example/2024/05/story-1",
    ]  # fmt: skip


def test_show_and_rm_of_a_warc_path_name_its_captures(runner: CliRunner, tmp_path: Path) -> None:
    path = crawl(tmp_path, pages(3))
    invoke(runner, "ingest", str(path))
    shown = invoke(runner, "show", str(path), expect=1)
    assert "names 3 records" in shown.stderr  # a crawl is many records: show wants one
    invoke(runner, "rm", str(path))
    assert jsonl(invoke(runner, "list").stdout) == []
