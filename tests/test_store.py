"""store: records go in once, updates replace by path, ids resolve by prefix or path, the FTS index follows."""

from __future__ import annotations

import sqlite3
import zlib
from dataclasses import replace
from pathlib import Path

import pytest

from newsarchive.errors import AmbiguousId, ArticleNotFound, StoreError
from newsarchive.model import Article, Section, Source
from newsarchive.serialize import record_id, sha256_hex
from newsarchive.store import Archive, Row, row_for

from .conftest import index_matches_content


def make(data: bytes, path: str = "a.txt", headline: str = "Headline") -> tuple[Row, Article]:
    digest = sha256_hex(data)
    article = Article(
        id=record_id(digest),
        source=Source(path=path, sha256=digest, format="text", encoding="utf-8", bytes=len(data)),
        headline=headline,
        sections=(Section(paragraphs=(data.decode(),)),),
        body=data.decode(),
        word_count=len(data.split()),
    )
    return row_for(article, data), article


def index_in_step(archive: Archive) -> bool:
    """True when the search index holds exactly the stored rows (FTS5 checks it against `articles`)."""
    return index_matches_content(archive.conn)


def test_put_adds_then_reports_unchanged(archive: Archive) -> None:
    row, _ = make(b"alpha beta")
    assert archive.put(row) == "added"
    assert archive.put(row) == "unchanged"
    assert archive.count() == 1


def test_same_path_new_bytes_is_an_update_replacing_the_old_record(archive: Archive) -> None:
    old, _ = make(b"first version")
    new, _ = make(b"second version")
    archive.put(old)
    assert archive.put(new) == "updated"
    assert archive.known_ids() == {new.id}
    assert archive.conn.execute("SELECT count(*) FROM raw_sources").fetchone()[0] == 1


def test_stdin_inputs_never_replace_each_other(archive: Archive) -> None:
    archive.put(make(b"one", path="-")[0])
    assert archive.put(make(b"two", path="-")[0]) == "added"
    assert archive.count() == 2


def test_resolve_by_prefix_full_id_and_path(archive: Archive) -> None:
    row, _ = make(b"alpha", path="dir/a.txt")
    archive.put(row)
    assert archive.resolve(row.id[:6]) == row.id
    assert archive.resolve(row.id.upper()) == row.id
    assert archive.resolve("dir/a.txt") == row.id
    assert archive.resolve("./dir/a.txt") == row.id


def test_resolve_refuses_short_prefixes_and_unknown_ids(archive: Archive) -> None:
    row, _ = make(b"alpha")
    archive.put(row)
    with pytest.raises(ArticleNotFound, match="6"):
        archive.resolve(row.id[:5])
    with pytest.raises(ArticleNotFound):
        archive.resolve("ffffffffffff")


def test_ambiguous_prefix_is_an_error(archive: Archive) -> None:
    one, _ = make(b"one", path="1.txt")
    two, _ = make(b"two", path="2.txt")
    archive.put(replace(one, id="abcdef0000000001"))
    archive.put(replace(two, id="abcdef0000000002"))
    with pytest.raises(AmbiguousId):
        archive.resolve("abcdef")
    assert archive.resolve("abcdef0000000002") == "abcdef0000000002"


def test_get_returns_the_stored_article(archive: Archive) -> None:
    row, article = make(b"alpha")
    archive.put(row)
    assert archive.get(row.id[:8]) == article


def test_raw_bytes_are_kept_compressed_and_returned_whole(archive: Archive) -> None:
    data = b"alpha " * 1000
    row, _ = make(data)
    archive.put(row)
    stored = archive.conn.execute("SELECT compression, data FROM raw_sources").fetchone()
    assert stored[0] == "zlib" and len(stored[1]) < len(data)
    assert zlib.decompress(stored[1]) == data
    assert archive.raw(row.id) == data


def test_fts_index_follows_insert_update_and_remove(archive: Archive) -> None:
    first, _ = make(b"zebra crossing", path="a.txt")
    archive.put(first)
    archive.put(make(b"giraffe neck", path="b.txt")[0])
    assert index_in_step(archive)
    archive.put(make(b"okapi forest", path="a.txt")[0])
    assert index_in_step(archive)
    hits = archive.conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'zebra'").fetchall()
    assert hits == []
    archive.remove([first.id])
    assert index_in_step(archive)


def test_failed_batch_rolls_back_whole(archive: Archive) -> None:
    with pytest.raises(RuntimeError):
        with archive.transaction():
            archive.put(make(b"one", path="1.txt")[0])
            raise RuntimeError("boom")
    assert archive.count() == 0


def test_archive_file_is_wal_and_opens_in_plain_sqlite(db_path: Path) -> None:
    with Archive.open(db_path) as archive:
        archive.put(make(b"alpha")[0])
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("SELECT json_extract(record, '$.headline') FROM articles").fetchone()[0] == "Headline"


def test_open_creates_missing_folders(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "x.db"
    Archive.open(path).close()
    assert path.exists()


def test_open_without_create_does_not_make_a_file(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    with pytest.raises(StoreError, match="no archive"):
        Archive.open(path, create=False)
    assert not path.exists()


def test_non_sqlite_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"my precious notes\n")
    with pytest.raises(StoreError, match="not a newsarchive archive"):
        Archive.open(path)
    assert path.read_bytes() == b"my precious notes\n"
