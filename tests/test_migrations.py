"""migrations: applied once each, recorded, and re-opening an up-to-date archive changes nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from newsarchive.migrations import MIGRATIONS
from newsarchive.store import Archive


def test_every_migration_is_recorded(db_path: Path) -> None:
    Archive.open(db_path).close()
    names = [n for (n,) in sqlite3.connect(db_path).execute("SELECT name FROM _migrations ORDER BY rowid")]
    assert names == [m.__name__ for m in MIGRATIONS]


def test_reopening_applies_nothing_twice(db_path: Path) -> None:
    Archive.open(db_path).close()
    Archive.open(db_path).close()
    count = sqlite3.connect(db_path).execute("SELECT count(*) FROM _migrations").fetchone()[0]
    assert count == len(MIGRATIONS)


def test_an_archive_at_an_older_schema_is_upgraded(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    conn.commit()
    conn.close()
    with Archive.open(db_path) as archive:
        tables = {n for (n,) in archive.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"articles", "raw_sources", "articles_fts"} <= tables
