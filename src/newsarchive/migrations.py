"""Schema migrations: an append-only list of functions, each recorded in `_migrations`.

Never edit or reorder a migration that has shipped; add a new one. Each runs inside the
caller's write transaction, so a migration either applies whole or not at all.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

Migration = Callable[[sqlite3.Connection], None]

# The search index's columns (m004): the record's text, then the CJK bigram terms of each
# field (cjk.py). store.SEARCH_WEIGHTS gives one weight per column, in this order.
FTS_COLUMNS = ("headline", "summary", "body", "headline_cjk", "summary_cjk", "body_cjk")


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


def site_of(url: str | None) -> str | None:
    """The host a URL names, lowercased, without a leading `www.` (what `--site` matches)."""
    if not url or "://" not in url:
        return None
    from urllib.parse import urlsplit

    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.rstrip(".")
    return host[4:] if host.startswith("www.") else host


def m003_documents_and_locations(conn: sqlite3.Connection) -> None:
    """Schema v2: records say where in a web archive they came from; every location is kept.

    - Each record becomes `schema_version` 2 with `source.member` null (a v1 record always
      came from a plain file).
    - `locations`: every place a record was ingested from, one row each: the path as given,
      the absolute path it named (NULL where unknown, as for v1 rows), and for a web-archive
      member its record's offset, captured URI, capture time and record id (`offset` -1 for
      a plain file). A record with several paths, or captured twice, has several rows.
      Rows go with their record (ON DELETE CASCADE). v1 archives get one row per record
      from `articles.path` (stdin, `-`, is no place and gets none).
    - `articles.url` and `articles.site` (the url's host without `www.`): what `show URL`
      and `--site` look up, indexed.

    Safe to run again on an archive that has it (as every migration here).
    """
    for statement in (
        "UPDATE articles SET record = json_set(record, '$.schema_version', 2, '$.source.member', NULL)"
        " WHERE json_extract(record, '$.schema_version') = 1",
        """CREATE TABLE IF NOT EXISTS locations (
            pk INTEGER PRIMARY KEY,
            id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            path TEXT NOT NULL,
            real_path TEXT,
            offset INTEGER NOT NULL DEFAULT -1,
            uri TEXT,
            captured_at TEXT,
            record_id TEXT,
            seen_at TEXT
        )""",
        "CREATE UNIQUE INDEX IF NOT EXISTS locations_place ON locations(coalesce(real_path, path), offset)",
        "CREATE INDEX IF NOT EXISTS locations_id ON locations(id)",
        "CREATE INDEX IF NOT EXISTS locations_path ON locations(path)",
        "CREATE INDEX IF NOT EXISTS locations_uri ON locations(uri)",
        "INSERT OR IGNORE INTO locations (id, path, seen_at) SELECT id, path, ingested_at FROM articles"
        " WHERE path != '-' ORDER BY pk",
    ):
        conn.execute(statement)
    columns = {name for (_, name, *_) in conn.execute("PRAGMA table_info(articles)")}
    for column in ("url", "site"):
        if column not in columns:
            conn.execute(f"ALTER TABLE articles ADD COLUMN {column} TEXT")
    conn.create_function("newsarchive_site", 1, site_of, deterministic=True)
    conn.execute(
        "UPDATE articles SET url = json_extract(record, '$.url'),"
        " site = newsarchive_site(json_extract(record, '$.url'))"
    )
    conn.execute("CREATE INDEX IF NOT EXISTS articles_url ON articles(url)")
    conn.execute("CREATE INDEX IF NOT EXISTS articles_site ON articles(site)")


def m004_external_content_cjk_index(conn: sqlite3.Connection) -> None:
    """Rebuild the search index as an external-content FTS5 table over `articles`, with CJK bigrams.

    - `content="articles"` is the layout sqlite-utils and datasette look for, so
      `sqlite-utils search FILE articles WORD` and datasette's `_search=` work on the file;
      the index no longer keeps its own copy of the text (about a quarter of the file).
    - `articles.body` is a virtual generated column (the record's `$.body`, stored nowhere)
      that the index reads its body from.
    - `articles.headline_cjk`, `summary_cjk` and `body_cjk` hold the overlapping character
      pairs of every Han, Kana and Hangul run of that field (NULL without one), so a
      two-character word inside a Chinese sentence is found (cjk.py), and a headline match
      outranks a body match as in other scripts (store.SEARCH_WEIGHTS).
    Triggers keep the index in step when a row is updated or deleted, by any program;
    `Archive.put_many` indexes new rows itself, in one statement per batch (m002).
    """
    from .cjk import cjk_terms, has_cjk

    for statement in (
        "DROP TRIGGER IF EXISTS articles_ai",
        "DROP TRIGGER IF EXISTS articles_ad",
        "DROP TRIGGER IF EXISTS articles_au",
        "DROP TABLE IF EXISTS articles_fts",
    ):
        conn.execute(statement)
    columns = {row[1] for row in conn.execute("PRAGMA table_xinfo(articles)")}
    if "body" not in columns:
        conn.execute(
            "ALTER TABLE articles ADD COLUMN body TEXT GENERATED ALWAYS AS (json_extract(record, '$.body')) VIRTUAL"
        )
    for name in ("headline_cjk", "summary_cjk", "body_cjk"):
        if name not in columns:
            conn.execute(f"ALTER TABLE articles ADD COLUMN {name} TEXT")
    updates = [
        (cjk_terms(headline), cjk_terms(summary), cjk_terms(body), pk)
        for pk, headline, summary, body in conn.execute("SELECT pk, headline, summary, body FROM articles")
        if has_cjk(headline) or has_cjk(summary) or has_cjk(body)
    ]
    conn.executemany("UPDATE articles SET headline_cjk = ?, summary_cjk = ?, body_cjk = ? WHERE pk = ?", updates)
    fields = ", ".join(FTS_COLUMNS)
    old = ", ".join(f"old.{c}" for c in FTS_COLUMNS)
    new = ", ".join(f"new.{c}" for c in FTS_COLUMNS)
    for statement in (
        f"""CREATE VIRTUAL TABLE articles_fts USING fts5(
            {fields},
            content="articles", content_rowid="pk",
            tokenize = 'unicode61 remove_diacritics 2'
        )""",
        "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')",
        f"""CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, {fields}) VALUES ('delete', old.pk, {old});
        END""",
        f"""CREATE TRIGGER articles_au AFTER UPDATE OF headline, summary, record, headline_cjk, summary_cjk, body_cjk
        ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, {fields}) VALUES ('delete', old.pk, {old});
            INSERT INTO articles_fts(rowid, {fields}) VALUES (new.pk, {new});
        END""",
    ):
        conn.execute(statement)


_FIELDS = ", ".join(FTS_COLUMNS)
_OLD = ", ".join(f"old.{c}" for c in FTS_COLUMNS)
_NEW = ", ".join(f"new.{c}" for c in FTS_COLUMNS)
# The triggers m005 puts on `articles` (their text as m005 has always written it): the index
# kept in step on another program's update or delete, a row still pending skipped.
PENDING_DELETE_TRIGGER = f"""CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, {_FIELDS}) SELECT 'delete', old.pk, {_OLD}
            WHERE NOT EXISTS (SELECT 1 FROM fts_pending WHERE pk = old.pk);
            DELETE FROM fts_pending WHERE pk = old.pk;
        END"""
PENDING_UPDATE_TRIGGER = (
    "CREATE TRIGGER articles_au AFTER UPDATE OF headline, summary, record, headline_cjk, summary_cjk, body_cjk"
    f"""
        ON articles WHEN NOT EXISTS (SELECT 1 FROM fts_pending WHERE pk = old.pk) BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, {_FIELDS}) VALUES ('delete', old.pk, {_OLD});
            INSERT INTO articles_fts(rowid, {_FIELDS}) VALUES (new.pk, {_NEW});
        END"""
)
# Those triggers by name. Both fire on update and delete only, and both name `body`.
ARTICLE_TRIGGERS = (("articles_ad", PENDING_DELETE_TRIGGER), ("articles_au", PENDING_UPDATE_TRIGGER))


def m005_search_index_pending(conn: sqlite3.Connection) -> None:
    """`fts_pending`: rows of `articles` not in the search index yet (an `import` defers them).

    `import` writes its rows without index rows and lists their `pk` here, in the same
    transaction, so a killed import leaves either both or neither; `Archive.index_pending`
    indexes the listed rows and empties the list in one transaction per slice. The update and
    delete triggers skip the index for a listed row (it holds none yet: an external-content
    index given a 'delete' for a row it never indexed would be damaged), and a deleted row
    leaves the list with it. An empty list means the index matches `articles`.
    """
    for statement in (
        "CREATE TABLE IF NOT EXISTS fts_pending (pk INTEGER PRIMARY KEY)",
        "DROP TRIGGER IF EXISTS articles_ad",
        "DROP TRIGGER IF EXISTS articles_au",
        PENDING_DELETE_TRIGGER,
        PENDING_UPDATE_TRIGGER,
    ):
        conn.execute(statement)


# Bytes of new index terms FTS5 holds in memory before writing them out as a segment (its own
# default is 1 MB). A bulk build (`Archive.index_pending`, 20,000 records a transaction)
# then writes a few large segments instead of one every few hundred records, each merged
# again later. Building the index of 20,000 text records (callgrind, instructions a
# record): 624,000 with 1 MB, 353,000 with 8 MB, 218,000 with 16 MB, 315,000 with 32 or 64 MB.
FTS_HASH_BYTES = 16 << 20


def m006_search_index_build_buffer(conn: sqlite3.Connection) -> None:
    """Let the search index buffer `FTS_HASH_BYTES` of terms before it writes a segment.

    FTS5 keeps the setting in its own `articles_fts_config` table, so it holds for every
    connection; an SQLite too old to know it passes it by. Only the index's write pattern
    changes: what it holds, and every query, stay the same.
    """
    conn.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES ('hashsize', ?)", (FTS_HASH_BYTES,))


# The virtual `body` column as m004 added it: the record's `$.body`, stored nowhere.
BODY_COLUMN = "body TEXT GENERATED ALWAYS AS (json_extract(record, '$.body')) VIRTUAL"


def _body_is_last(conn: sqlite3.Connection) -> bool:
    """True when `body` is the last column of `articles`, as m007 makes it, and the table's
    triggers are m005's alone, as written: what `body_aside` can take off and put back."""
    if sqlite3.sqlite_version_info < (3, 35, 0):  # no DROP COLUMN before SQLite 3.35
        return False
    row = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'articles'").fetchone()
    return row is not None and str(row[0]).endswith(f", {BODY_COLUMN})") and _triggers_are_ours(conn)


def _triggers_are_ours(conn: sqlite3.Connection) -> bool:
    stored = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'articles'")
    return sorted(stored) == sorted(ARTICLE_TRIGGERS)


def _drop_body(conn: sqlite3.Connection) -> bool:
    """Drop the `body` column and the triggers naming it, in a savepoint; False (nothing
    dropped) when SQLite refuses, as it does for a column a view or an index names."""
    conn.execute("SAVEPOINT body_aside")
    try:
        for name, _ in ARTICLE_TRIGGERS:
            conn.execute(f"DROP TRIGGER {name}")
        conn.execute("ALTER TABLE articles DROP COLUMN body")
    except sqlite3.OperationalError:
        conn.execute("ROLLBACK TO body_aside")
        conn.execute("RELEASE body_aside")
        return False
    conn.execute("RELEASE body_aside")
    return True


def _add_body(conn: sqlite3.Connection) -> None:
    """Add the `body` column back, last, and the triggers naming it."""
    conn.execute(f"ALTER TABLE articles ADD COLUMN {BODY_COLUMN}")
    for _, statement in ARTICLE_TRIGGERS:
        conn.execute(statement)


def body_aside(conn: sqlite3.Connection) -> Callable[[], None] | None:
    """Take the virtual `body` column off `articles` inside an import's open transaction;
    returns what adds it back before the commit (None when the column stays).

    SQLite computes every generated column of a row it inserts, a virtual one too although
    it stores it nowhere: for `body` that is `json_extract` parsing the whole record, about
    90,000 of the 200,000 instructions an imported row cost the writing process, for a value
    nothing reads then (the search index is built later, from the column put back). A
    virtual column lives only in the table's definition, so dropping it and adding it again
    changes the schema alone, and no row is rewritten. Both happen inside the transaction:
    every committed state, whatever another connection reads, has the column, and a killed
    or failed import rolls back with its rows.

    Only where adding it back leaves the definition as it was: an SQLite with `DROP COLUMN`
    (3.35), the column last in the table (m007), and m005's triggers alone on it (they name
    `body`, so they go and come back too; they fire on update and delete only, which an
    import never does). Anything else (another program's trigger, or a view or index naming
    `body`, which SQLite refuses to drop it under) leaves the column in place.
    """
    if not _body_is_last(conn) or not _drop_body(conn):
        return None
    return lambda: _add_body(conn)


def m007_body_column_last(conn: sqlite3.Connection) -> None:
    """Make the virtual `body` column the last of `articles` (m004 added it before the `*_cjk` columns).

    An import then takes the column off for the length of its transaction and adds it back
    (`body_aside`), which leaves the table's definition as it was only when the column is
    last. A virtual column is stored nowhere, so moving it rewrites no row: only the table's
    definition changes (and `SELECT *` lists `body` last). m005's triggers name the column,
    so they go and come back with it. An SQLite without `DROP COLUMN` (before 3.35), triggers
    other than m005's, or a view or index of another program's naming `body` leave the column
    where it is (an import then computes it for each row, as before).
    """
    if sqlite3.sqlite_version_info < (3, 35, 0) or not _triggers_are_ours(conn) or _body_is_last(conn):
        return
    if _drop_body(conn):
        _add_body(conn)


# The indexes a large import into an empty or small archive leaves off while it writes and
# builds once at its end (`drop_deferrable_indexes`, `build_deferred_indexes`): the
# non-unique indexes of `articles` (m001, m003) and `locations` (m003), each with its text
# as SQLite keeps it. The unique ones (`articles.id`, `locations_place`, `raw_sources.id`)
# stay: the import's `INSERT OR IGNORE` needs them.
DEFERRABLE_INDEXES = (
    ("articles_path", "CREATE INDEX articles_path ON articles(path)"),
    ("articles_date", "CREATE INDEX articles_date ON articles(date)"),
    ("articles_publisher", "CREATE INDEX articles_publisher ON articles(publisher COLLATE NOCASE)"),
    ("articles_url", "CREATE INDEX articles_url ON articles(url)"),
    ("articles_site", "CREATE INDEX articles_site ON articles(site)"),
    ("locations_id", "CREATE INDEX locations_id ON locations(id)"),
    ("locations_path", "CREATE INDEX locations_path ON locations(path)"),
    ("locations_uri", "CREATE INDEX locations_uri ON locations(uri)"),
)
# How much of the file `build_deferred_indexes` maps into memory while it builds (1 TiB:
# SQLite maps no more than the file holds, nor more than it was built to allow).
INDEX_BUILD_MMAP_BYTES = 1_099_511_627_776


def m008_deferred_indexes(conn: sqlite3.Connection) -> None:
    """`_deferred_indexes`: the secondary indexes an import has dropped and not built again yet.

    A large import into an empty or small archive drops `DEFERRABLE_INDEXES` in its first
    transaction, listing each one's name here in that same transaction
    (`drop_deferrable_indexes`), and builds them again once its rows are in, one sort each
    rather than a B-tree insert for every row and index, emptying the list in the same
    transaction (`build_deferred_indexes`). Every committed state therefore either has an
    index or lists it here: an import killed in between leaves the list, and the next
    import (or index build) builds what it names. Queries are correct without the indexes,
    only slower. Schema only.
    """
    conn.execute("CREATE TABLE IF NOT EXISTS _deferred_indexes (name TEXT PRIMARY KEY)")


def drop_deferrable_indexes(conn: sqlite3.Connection) -> list[str]:
    """Drop the `DEFERRABLE_INDEXES` the archive has exactly as listed there (so building them
    again gives the same schema; an index another program redefined stays), listing each in
    `_deferred_indexes`, inside the caller's transaction; the names dropped."""
    stored = set(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"))
    dropped = []
    for name, sql in DEFERRABLE_INDEXES:
        if (name, sql) in stored:
            conn.execute("INSERT OR IGNORE INTO _deferred_indexes (name) VALUES (?)", (name,))
            conn.execute(f"DROP INDEX {name}")
            dropped.append(name)
    return dropped


def build_deferred_indexes(conn: sqlite3.Connection) -> int:
    """Build every index `_deferred_indexes` lists and empty the list, inside the caller's
    transaction; how many were built. Each `CREATE INDEX` reads the whole table once, so the
    file is read through a memory map meanwhile (`INDEX_BUILD_MMAP_BYTES`): the pages are
    read where the operating system keeps them, not copied a page at a time, which halves
    the time of each index over `articles` (9.5 against 21 ms for the 20,000 benchmark
    records). An index of that name built meanwhile by another program is left as it is."""
    listed = {name for (name,) in conn.execute("SELECT name FROM _deferred_indexes")}
    present = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    built = 0
    conn.execute(f"PRAGMA mmap_size = {INDEX_BUILD_MMAP_BYTES}")
    try:
        for name, sql in DEFERRABLE_INDEXES:
            if name in listed and name not in present:
                conn.execute(sql)
                built += 1
        conn.execute("DELETE FROM _deferred_indexes")
    finally:
        conn.execute("PRAGMA mmap_size = 0")  # SQLite's default, which the archive's connections keep
    return built


def _number(migration: Migration) -> str:
    return getattr(migration, "__name__", "")


# Applied in the order of their numbers, whatever order they are listed in here.
MIGRATIONS: list[Migration] = sorted(
    [m001_initial, m002_index_inserts_in_batches, m003_documents_and_locations, m004_external_content_cjk_index,
     m005_search_index_pending, m006_search_index_build_buffer, m007_body_column_last,
     m008_deferred_indexes],
    key=_number,
)
