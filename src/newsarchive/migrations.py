"""Schema migrations: an append-only list of functions, each recorded in `_migrations`.

Never edit or reorder a migration that has shipped; add a new one. Each runs inside the
caller's write transaction, so a migration either applies whole or not at all.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

Migration = Callable[[sqlite3.Connection], None]


def m001_initial(conn: sqlite3.Connection) -> None:
    """Articles with their JSON and filter columns, raw sources, and the FTS5 index."""
    # One execute per statement: executescript() would COMMIT the caller's transaction.
    for statement in (
        """CREATE TABLE articles (
            pk INTEGER PRIMARY KEY,  -- the FTS rowid
            id TEXT NOT NULL UNIQUE,
            sha256 TEXT NOT NULL,
            path TEXT NOT NULL,
            headline TEXT,
            summary TEXT,
            publisher TEXT,
            date TEXT,
            format TEXT NOT NULL,
            word_count INTEGER NOT NULL,
            ingested_at TEXT,
            record TEXT NOT NULL
        )""",
        "CREATE INDEX articles_path ON articles(path)",
        "CREATE INDEX articles_date ON articles(date)",
        "CREATE INDEX articles_publisher ON articles(publisher COLLATE NOCASE)",
        """CREATE TABLE raw_sources (
            id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            compression TEXT NOT NULL,
            data BLOB NOT NULL
        )""",
        """CREATE VIRTUAL TABLE articles_fts USING fts5(
            headline, summary, body, tokenize = 'unicode61 remove_diacritics 2'
        )""",
        """CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, headline, summary, body)
            VALUES (new.pk, new.headline, new.summary, json_extract(new.record, '$.body'));
        END""",
        """CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
            DELETE FROM articles_fts WHERE rowid = old.pk;
        END""",
        """CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
            DELETE FROM articles_fts WHERE rowid = old.pk;
            INSERT INTO articles_fts(rowid, headline, summary, body)
            VALUES (new.pk, new.headline, new.summary, json_extract(new.record, '$.body'));
        END""",
    ):
        conn.execute(statement)


def m002_index_inserts_in_batches(conn: sqlite3.Connection) -> None:
    """Drop the insert trigger: `Archive.put_many` writes a batch's index rows together.

    A trigger gives every insert a statement savepoint, and FTS5 flushes its pending terms
    at each one, so a batch's index was written row by row (most of the ingest's write time).
    """
    conn.execute("DROP TRIGGER IF EXISTS articles_ai")


MIGRATIONS: list[Migration] = [m001_initial, m002_index_inserts_in_batches]
