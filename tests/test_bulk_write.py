"""Bulk writes: `Archive.put_many` stores a batch in one transaction, indexes each new record
exactly once, and leaves nothing behind when the batch fails; archives made before the
batched index are upgraded so that records are not indexed twice."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from newsarchive.errors import StoreError
from newsarchive.migrations import m001_initial
from newsarchive.model import Article, Section, Source
from newsarchive.serialize import record_id, sha256_hex
from newsarchive.store import Archive, Row, row_for

from .conftest import index_matches_content


def make_row(text: str, path: str) -> Row:
    data = text.encode()
    digest = sha256_hex(data)
    article = Article(
        id=record_id(digest),
        source=Source(path=path, sha256=digest, format="text", encoding="utf-8", bytes=len(data)),
        headline=f"About {text.split()[0]}",
        sections=(Section(paragraphs=(text,)),),
        body=text,
        word_count=len(text.split()),
    )
    return row_for(article, data)


def search_paths(archive: Archive, word: str) -> list[str]:
    return [
        p
        for (p,) in archive.conn.execute(
            "SELECT a.path FROM articles_fts JOIN articles a ON a.pk = articles_fts.rowid"
            " WHERE articles_fts MATCH ? ORDER BY a.path",
            (word,),
        )
    ]


def index_matches_articles(archive: Archive) -> bool:
    return index_matches_content(archive.conn)


def test_put_many_reports_a_status_per_row_in_order(archive: Archive) -> None:
    archive.put(make_row("walrus tusks", "old.txt"))
    statuses = archive.put_many(
        [
            make_row("zebra stripes", "a.txt"),
            make_row("walrus tusks", "old.txt"),  # same bytes again
            make_row("okapi forest", "old.txt"),  # new bytes from a stored path
            make_row("zebra stripes", "a.txt"),  # repeated inside the batch
        ]
    )
    assert statuses == ["added", "unchanged", "updated", "unchanged"]
    assert archive.count() == 2


def test_put_many_makes_every_new_record_searchable(archive: Archive) -> None:
    rows = [make_row(f"animal{n} shared savanna", f"{n}.txt") for n in range(50)]
    archive.put_many(rows)
    assert search_paths(archive, "animal7") == ["7.txt"]
    assert len(search_paths(archive, "savanna")) == 50
    assert index_matches_articles(archive)


def test_put_many_indexes_headline_and_body(archive: Archive) -> None:
    archive.put_many([make_row("giraffe necks are long", "g.txt")])
    hits = archive.conn.execute("SELECT headline, body FROM articles_fts WHERE articles_fts MATCH 'giraffe'").fetchall()
    assert hits == [("About giraffe", "giraffe necks are long")]


def test_put_many_of_nothing_writes_nothing(archive: Archive) -> None:
    assert archive.put_many([]) == []
    assert archive.count() == 0


def test_a_failing_batch_keeps_none_of_its_rows(archive: Archive) -> None:
    good = make_row("lion pride", "lion.txt")
    broken = make_row("hyena laugh", "hyena.txt")
    # A NOT NULL column left null makes the second insert fail mid-batch.
    broken = Row(**{**{f: getattr(broken, f) for f in Row.__slots__}, "format": None})  # type: ignore[arg-type]
    with pytest.raises(StoreError):
        archive.put_many([good, broken])
    assert archive.count() == 0
    assert archive.conn.execute("SELECT count(*) FROM articles_fts_docsize").fetchone() == (0,)


def test_put_many_inside_an_open_transaction_rolls_back_with_it(archive: Archive) -> None:
    with pytest.raises(RuntimeError):
        with archive.transaction():
            archive.put_many([make_row("meerkat burrow", "m.txt")])
            raise RuntimeError("stop")
    assert archive.count() == 0
    assert search_paths(archive, "meerkat") == []


def test_an_archive_from_the_first_schema_indexes_new_records_once(db_path: Path) -> None:
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("CREATE TABLE _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    m001_initial(conn)
    conn.execute("INSERT INTO _migrations VALUES ('m001_initial', datetime('now'))")
    conn.close()
    with Archive.open(db_path) as archive:
        archive.put_many([make_row("pangolin scales", "p.txt"), make_row("aardvark snout", "a.txt")])
        assert search_paths(archive, "pangolin") == ["p.txt"]
        assert index_matches_articles(archive)


def test_updates_and_removals_still_keep_the_index_in_step(archive: Archive) -> None:
    first = make_row("tapir trunk", "t.txt")
    archive.put_many([first, make_row("ibex horns", "i.txt")])
    archive.put_many([make_row("tapir swims", "t.txt")])
    assert search_paths(archive, "trunk") == []
    assert search_paths(archive, "swims") == ["t.txt"]
    archive.remove([archive.resolve("i.txt")])
    assert search_paths(archive, "ibex") == []
    assert index_matches_articles(archive)


def _open_when_released(path: str, barrier: Any, results: Any) -> None:
    barrier.wait()
    try:
        Archive.open(path).close()
        results.put("ok")
    except StoreError as exc:
        results.put(str(exc))


def test_processes_creating_the_same_archive_at_once_all_succeed(tmp_path: Path) -> None:
    # Switching a new file to WAL fails at once, without waiting, while another connection
    # holds it; both openers must still get a working archive.
    import multiprocessing

    context = multiprocessing.get_context("fork")
    failures = []
    for attempt in range(40):
        path = str(tmp_path / f"race{attempt}" / "archive.db")
        barrier = context.Barrier(2)
        results = context.Queue()
        openers = [context.Process(target=_open_when_released, args=(path, barrier, results)) for _ in range(2)]
        for opener in openers:
            opener.start()
        for opener in openers:
            opener.join(60)
        failures += [r for r in (results.get(timeout=5), results.get(timeout=5)) if r != "ok"]
    assert failures == []
