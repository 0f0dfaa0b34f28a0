"""The archive: one SQLite file holding every record, its raw source and a search index.

Layout (see migrations.py): `articles` has one row per record, with the record's JSON in
`record` and copies of the fields `list` filters on in their own indexed columns; list
fields (byline, links…) live only inside the JSON (query them with `json_each`).
`raw_sources` keeps each source's bytes, zlib-compressed, so `reparse` can rebuild records.
`articles_fts` is an external-content FTS5 index over headline, summary, body (a virtual
generated column of `articles`) and their CJK bigram terms (`*_cjk` columns, migration m004):
the text is stored once, and sqlite-utils and datasette find the index. `put_many` adds each
new record's index row itself, after the batch's other writes; triggers keep it in step on
update and delete. (An insert trigger would cost three times as much: FTS5 flushes its
pending terms at every statement savepoint, and a trigger gives every insert one.)
`put_imported` (bulk `import`) writes no index rows: it lists the new rows in `fts_pending`
in the same transaction (migration m005), and `index_pending` indexes them later, so the
index is never silently stale: a search raises `SearchIndexPending` until it is built.

Invariants: every write happens inside `transaction()` (BEGIN IMMEDIATE … COMMIT), so a
batch lands whole or not at all and a killed process leaves the file valid (WAL mode).
All SQL values are bound parameters. A file that is not an SQLite database, or is some
other program's SQLite database, is never opened for writing, let alone overwritten. This
module never imports a parser.
"""

from __future__ import annotations

import itertools
import os
import re
import sqlite3
import threading
import unicodedata
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NamedTuple

from .cjk import CJK_RUN_RE, cjk_query, cjk_terms, has_cjk, query_terms, run_bigrams
from .errors import AmbiguousId, ArticleNotFound, SearchIndexPending, StoreError
from .migrations import MIGRATIONS, body_aside, build_deferred_indexes, drop_deferrable_indexes

if TYPE_CHECKING:
    from .model import Article, Member
    from .sources import FileRef
# model, serialize and sources are imported where they are used: `show`, `list` and
# `search` read stored JSON and need none of them, and start faster without them.

PutStatus = Literal["added", "unchanged", "updated"]
ImportStatus = Literal["added", "unchanged"]

# How long a writer waits for another process's transaction before giving up: long enough
# for a concurrent ingest's batch to commit, short enough to surface a stuck lock.
BUSY_TIMEOUT_MS = 60_000
MIN_PREFIX = 6  # shortest id prefix `show`/`rm` accept (SPEC.md)
AMBIGUOUS_SHOWN = 5  # candidates an ambiguous prefix's error names
SHORT_ID = 8  # id characters shown when listing candidates
SQLITE_MAGIC = b"SQLite format 3\x00"
ZLIB_LEVEL = 6  # zlib's default: most of the gain of level 9 at a third of the time
# Sources below this size (text articles) are compressed at level 1: on a 2 KB article it
# takes three quarters of level 6's time for a result 4% larger, where a 200 KB HTML page
# gains 16% from level 6 and its parse dwarfs the compression anyway.
SMALL_SOURCE_BYTES = 32 * 1024
# Page size of new archives (existing ones keep theirs). A record's JSON, several KB, then
# needs one page rather than a chain of overflow pages, which halves the system time of a
# bulk ingest (fewer, larger writes to the WAL) without growing the file.
PAGE_SIZE = 16384


@dataclass(frozen=True, slots=True)
class Row:
    """A record ready for the database: JSON and raw bytes already encoded.

    Built by `row_for` (in ingest workers, off the writing process).
    """

    id: str
    sha256: str
    path: str
    headline: str | None
    summary: str | None
    publisher: str | None
    date: str | None
    format: str
    word_count: int
    ingested_at: str | None
    record: str
    raw: bytes  # zlib-compressed source bytes
    body: str  # the record's body, for the search index (saves parsing `record` again)
    cjk: tuple[str | None, str | None, str | None] = (None, None, None)  # CJK pairs of headline, summary, body
    url: str | None = None
    site: str | None = None
    place: Place | None = None  # where this input was read from (None for stdin)

    def __reduce__(self) -> tuple[type[Row], tuple[object, ...]]:
        # Rows cross from ingest workers by pickle; the slots dataclass default (a Python
        # __getstate__/__setstate__ pair walking fields()) cost more than the row's bytes.
        return Row, tuple(getattr(self, name) for name in Row.__slots__)


# The `articles` columns an imported record fills, in the order of `Imported.columns`.
IMPORT_COLUMNS = ("id", "sha256", "path", "headline", "summary", "publisher", "date", "format", "word_count",
                  "ingested_at", "record", "headline_cjk", "summary_cjk", "body_cjk", "url", "site")  # fmt: skip
# Pending rows indexed per transaction by `index_pending`: large enough that FTS5 writes each
# slice's terms in a few large segments, small enough that a kill loses little of the work.
INDEX_SLICE = 20_000


# How large the write-ahead log may grow during an import before a transaction waits for
# the background checkpoint to catch up, so the log can start again from its beginning
# (`Archive.bulk_import`): a few batches' worth, so most checkpoints overlap the writing.
IMPORT_WAL_BYTES = 256 << 20
# The page cache of an import's writing connection, in KiB (`Archive.bulk_import`): more than
# a batch of 5,000 text records touches, so none of its pages is written out and read back.
IMPORT_CACHE_KIB = 65536
# SQLite's own defaults, which an archive's connection keeps outside an import: the WAL
# checkpointed by the committing connection past 1,000 pages, a 2,000 KiB page cache.
AUTOCHECKPOINT_PAGES = 1000
CACHE_KIB = 2000


# A finished record for `Archive.put_imported`: (id, columns, raw, place) as in `Imported`.
ImportRow = tuple[str, tuple[object, ...], bytes, "tuple[object, ...] | None"]
# NULL in the nullable text columns of an `ImportRow` (`IMPORT_NULLABLE`, and the place's
# text values). Python's sqlite3 module (3.11) binds None only after looking for an adapter,
# which raises and clears an AttributeError each time: with a dozen empty fields a record,
# that was a tenth of the import's writing. An int binds at once, and the INSERT turns it back
# into NULL (`NULLIF(?, 0)`); a text column never holds an int (`importer` checks).
NULL_TEXT = 0
IMPORT_NULLABLE = frozenset(("headline", "summary", "publisher", "date", "ingested_at", "headline_cjk", "summary_cjk",
                             "body_cjk", "url", "site"))  # fmt: skip
_PLACE_COLUMNS = ("path", "real_path", "offset", "uri", "captured_at", "record_id", "seen_at")
_PLACE_NULLABLE = frozenset(("real_path", "uri", "captured_at", "record_id", "seen_at"))


# `record` may come as UTF-8 bytes (see `Imported`): CAST makes them the same text a str gives.
_INSERT_IMPORTED = (
    f"INSERT OR IGNORE INTO articles ({', '.join(IMPORT_COLUMNS)}) VALUES ("
    + ", ".join(f"NULLIF(?, {NULL_TEXT})" if name in IMPORT_NULLABLE else "CAST(? AS TEXT)" if name == "record" else "?"
                for name in IMPORT_COLUMNS)
    + ")"
)  # fmt: skip
_INSERT_IMPORTED_PLACE = (
    f"INSERT OR IGNORE INTO locations (id, {', '.join(_PLACE_COLUMNS)}) VALUES (?, "
    + ", ".join(f"NULLIF(?, {NULL_TEXT})" if name in _PLACE_NULLABLE else "?" for name in _PLACE_COLUMNS)
    + ")"
)


# The places of rows `_plain_place` accepts, copied from the rows `_put_imported` has just
# added (those above the `pk` it read first), in their order.
_INSERT_PLAIN_PLACES = (
    f"INSERT OR IGNORE INTO locations (id, {', '.join(_PLACE_COLUMNS)})"
    " SELECT id, path, NULL, -1, NULL, NULL, NULL, ingested_at FROM articles WHERE pk > ? AND path != '-' ORDER BY pk"
)
_PATH = IMPORT_COLUMNS.index("path")
_INGESTED_AT = IMPORT_COLUMNS.index("ingested_at")


class Imported(NamedTuple):
    """A finished record for `Archive.put_imported` (built by `importer`, cheaper than a `Row`).

    `columns` holds the `articles` values in `IMPORT_COLUMNS` order (`NULL_TEXT` for NULL in
    a text column; `record` as a str or as its UTF-8 bytes, in a bytearray); `raw` the
    compressed source (empty without one); `place` the `locations` values after the id (path,
    real_path, offset, uri, captured_at, record_id, seen_at), None for no place.
    """

    id: str
    columns: tuple[object, ...]
    raw: bytes
    place: tuple[object, ...] | None


@dataclass(frozen=True, slots=True)
class Match:
    """The records a reference names and, when it names a path, the location rows it matched."""

    ids: tuple[str, ...]
    locations: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Place:
    """One place a record was ingested from: a row of `locations` (see migrations.m003).

    `path` as given; `real_path` the absolute path it named (None where unknown); `offset`
    the record's offset in a web archive, -1 for a plain file; the rest as in `Member`.
    """

    path: str
    real_path: str | None = None
    offset: int = -1
    uri: str | None = None
    captured_at: str | None = None
    record_id: str | None = None

    def __reduce__(self) -> tuple[type[Place], tuple[object, ...]]:
        return Place, (self.path, self.real_path, self.offset, self.uri, self.captured_at, self.record_id)


def place_for(path: str, member: Member | None = None, *, real_path: str | None = None) -> Place | None:
    """The `Place` of an input read from `path` (None for stdin, which is no place).

    `real_path` defaults to `path` made absolute, symlinks resolved, so the same file named
    from another folder is the same place.
    """
    if path == "-":
        return None
    if real_path is None:
        try:
            real_path = os.path.realpath(path)
        except (OSError, ValueError):
            real_path = None
    from .sources import display_path

    path = display_path(path)
    real_path = None if real_path is None else display_path(real_path)
    if member is None:
        return Place(path, real_path)
    return Place(path, real_path, member.offset, member.uri, member.captured_at, member.record_id)


def row_for(article: Article, data: bytes, *, ingested_at: str | None = None, place: Place | None = None) -> Row:
    """Encode `article` and its source bytes `data` for `Archive.put`.

    `ingested_at`, when given, stamps the record with that time instead of the article's own
    (cheaper than a `dataclasses.replace` of the whole article first). `place` is where the
    input was read from, remembered in `locations`.
    """
    from .migrations import site_of
    from .serialize import dumps, to_dict

    record = to_dict(article)
    if ingested_at is not None:
        record["ingested_at"] = ingested_at
    return Row(
        id=article.id,
        sha256=article.source.sha256,
        path=article.source.path,
        headline=article.headline,
        summary=article.summary,
        publisher=article.publisher,
        date=article.date,
        format=article.source.format,
        word_count=article.word_count,
        ingested_at=record["ingested_at"],
        record=dumps(record),
        raw=compress_source(data),
        body=article.body,
        cjk=cjk_columns(article.headline, article.summary, article.body),
        url=article.url,
        site=site_of(article.url),
        place=place,
    )


def cjk_columns(headline: str | None, summary: str | None, body: str) -> tuple[str | None, str | None, str | None]:
    """The `*_cjk` columns of a record: CJK character pairs of each field, all None without CJK text."""
    if has_cjk(headline) or has_cjk(summary) or has_cjk(body):
        return cjk_terms(headline), cjk_terms(summary), cjk_terms(body)
    return None, None, None


def compress_source(data: bytes) -> bytes:
    """Source bytes as `raw_sources` keeps them (zlib; see SMALL_SOURCE_BYTES for the level)."""
    return zlib.compress(data, 1 if len(data) < SMALL_SOURCE_BYTES else ZLIB_LEVEL)


BUSY_MESSAGE = "the archive is busy (another process kept it locked); try again"


def _is_busy(exc: sqlite3.Error) -> bool:
    """True when SQLite gave up waiting for another connection's lock (not damage)."""
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in str(exc) or "busy" in str(exc))


def check_archive_file(path: Path) -> None:
    """Raise `StoreError` if `path` exists and is not an SQLite database (so we never clobber it)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except FileNotFoundError:
        return
    except IsADirectoryError as exc:
        raise StoreError(f"{path}: is a directory, not an archive file") from exc
    except OSError as exc:
        raise StoreError(f"{path}: cannot read archive ({exc.strerror})") from exc
    if head and head != SQLITE_MAGIC:
        raise StoreError(f"{path}: not a newsarchive archive (not an SQLite database); left untouched")


def is_writable(path: Path) -> bool:
    """True when this process may write `path` and create files beside it (WAL's -wal/-shm)."""
    folder = path.parent if str(path.parent) else Path(".")
    return os.access(path, os.W_OK, effective_ids=os.access in os.supports_effective_ids) and os.access(
        folder, os.W_OK | os.X_OK, effective_ids=os.access in os.supports_effective_ids
    )


class Archive:
    """A newsarchive archive over one SQLite connection.

    Use `Archive.open(path)` for a file (created with its folder on first use unless
    `create=False`) or `Archive(sqlite3.connect(":memory:"))` in tests.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path | None = None, *, read_only: bool = False) -> None:
        self.conn = conn
        self.path = path
        self.read_only = read_only
        conn.isolation_level = None  # we issue BEGIN/COMMIT ourselves
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        self._depth = 0
        self._checkpointer: _Checkpointer | None = None  # see `bulk_import`
        self.migrate()

    @classmethod
    def open(cls, path: str | Path, *, create: bool = True) -> Archive:
        """Open the archive at `path`.

        An existing archive this process cannot write (a read-only file, or one in a
        read-only folder) is opened immutable: reading works, and no -wal/-shm files are
        made beside it. Writing to it then fails with `StoreError`.

        Raises:
            StoreError: the file is missing (with `create=False`), not an SQLite database,
                or cannot be opened.
        """
        path = Path(path)
        check_archive_file(path)
        if not path.exists():
            if not create:
                raise StoreError(f"{path}: no archive here yet (run `newsarchive ingest` first)")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"{path}: cannot create the archive's folder ({exc.strerror})") from exc
        read_only = path.exists() and not is_writable(path)
        try:
            if read_only:
                # Nobody can write a file we may not: `immutable` lets SQLite read it without
                # the shared-memory file a WAL database otherwise needs beside it.
                target = path.resolve().as_uri() + "?immutable=1"
                conn = sqlite3.connect(target, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
            else:
                conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: cannot open archive ({exc})") from exc
        try:
            return cls(conn, path, read_only=read_only)
        except BaseException as exc:
            conn.close()  # at once: a connection left to the garbage collector leaves -wal/-shm files
            if isinstance(exc, sqlite3.DatabaseError):
                raise StoreError(f"{path}: cannot open archive ({exc})") from exc
            raise

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction (nested calls become savepoints); rolls back on error."""
        if self._depth:
            # SQLite stacks savepoints of the same name, so one constant name serves any depth.
            self.conn.execute("SAVEPOINT nested")
            self._depth += 1
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK TO nested")
                self.conn.execute("RELEASE nested")
                raise
            finally:
                self._depth -= 1
            self.conn.execute("RELEASE nested")
            return
        if self.read_only:
            raise StoreError(f"{self.path}: the archive is read-only (no write access to it or its folder)")
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            if _is_busy(exc):
                raise StoreError(f"{self.path or ':memory:'}: {BUSY_MESSAGE}") from exc
            raise StoreError(f"{self.path or ':memory:'}: cannot write to the archive ({exc})") from exc
        self._depth = 1
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            raise StoreError(f"{self.path or ':memory:'}: write failed, nothing from it kept ({exc})") from exc
        except BaseException:
            self._rollback()
            raise
        finally:
            self._depth = 0

    def _rollback(self) -> None:
        """Roll back the open transaction, if SQLite has not already done so after an error."""
        if self.conn.in_transaction:
            try:
                self.conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass  # the original error is the one worth reporting

    def migrate(self) -> None:
        """Apply the migrations this file lacks; a no-op (and no write lock) when up to date."""
        try:
            # Per connection, so set on every open (it reads the schema, hence in here): in WAL
            # mode a commit then waits for no fsync, and a killed process loses nothing committed.
            self.conn.execute("PRAGMA synchronous = NORMAL")
            applied = self._applied()
            if applied >= {m.__name__ for m in MIGRATIONS}:
                return
            if self.read_only:
                raise StoreError(
                    f"{self.path}: the archive is read-only and needs upgrading for this version;"
                    " open it once with write access"
                )
            if self._is_foreign():
                raise StoreError(
                    f"{self.path or ':memory:'}: an SQLite database but not a newsarchive archive"
                    " (it holds other tables); left untouched"
                )
            if applied:
                # Upgrading an existing archive: never write into one that is damaged.
                (verdict,) = self.conn.execute("PRAGMA quick_check(1)").fetchone()
                if verdict != "ok":
                    raise StoreError(
                        f"{self.path or ':memory:'}: the archive is damaged ({' '.join(verdict.split())});"
                        " left untouched."
                        " Restore it from a backup, or try `sqlite3 FILE .recover`."
                    )
            if not applied:
                # A new file: set before its first table and before WAL, as SQLite requires
                # (a no-op when another process has just created the file).
                self.conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
            if self.path is not None:
                self._enable_wal()
            with self.transaction() as conn:
                conn.execute(
                    "CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
                )
                applied = self._applied()
                for migration in MIGRATIONS:
                    if migration.__name__ not in applied:
                        migration(conn)
                        conn.execute(
                            "INSERT INTO _migrations (name, applied_at) VALUES (?, datetime('now'))",
                            (migration.__name__,),
                        )
        except sqlite3.DatabaseError as exc:
            if _is_busy(exc):
                raise StoreError(f"{self.path or ':memory:'}: {BUSY_MESSAGE}") from exc
            raise StoreError(f"{self.path or ':memory:'}: not a usable archive ({exc})") from exc

    def _enable_wal(self) -> None:
        """Switch the file to WAL, waiting out another process doing the same.

        Changing the journal mode needs the file to itself, and SQLite reports "locked" at
        once rather than calling the busy handler, so two first ingests racing to create an
        archive would fail one of them; retry until the busy timeout instead.
        """
        import time

        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                self.conn.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.01)

    def _is_foreign(self) -> bool:
        """True when the database holds tables but no `_migrations`: some other program's file."""
        names = {
            name
            for (name,) in self.conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
            )
        }
        return bool(names) and "_migrations" not in names

    def _applied(self) -> set[str]:
        exists = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_migrations'"
        ).fetchone()
        if not exists:
            return set()
        return {name for (name,) in self.conn.execute("SELECT name FROM _migrations")}

    # -- writing ---------------------------------------------------------------------------

    def put(self, row: Row) -> PutStatus:
        """Store one record (see `put_many`, which a batch should use instead)."""
        return self.put_many([row])[0]

    def put_many(self, rows: Iterable[Row]) -> list[PutStatus]:
        """Store records in one transaction (a savepoint inside an open one); a status each.

        A record is `"unchanged"` when the same bytes are stored already (its place is then
        remembered too), `"updated"` when its place (`row.place`; for a row without one, its
        path unless `-`) last held other bytes, else `"added"`. A record that loses its
        last place to an update goes. Search index rows go in last, all together, so FTS5
        buffers the whole batch's terms in memory and writes them once at commit.
        """
        statuses: list[PutStatus] = []
        indexed: list[tuple[int | str | None, ...]] = []
        with self.transaction() as conn:
            for row in rows:
                place = row.place if row.place is not None or row.path == "-" else Place(row.path)
                if conn.execute("SELECT 1 FROM articles WHERE id = ?", (row.id,)).fetchone():
                    if place is not None:
                        self._settle(conn, row.id, place, row.ingested_at)
                    statuses.append("unchanged")
                    continue
                cursor = conn.execute(
                    "INSERT INTO articles (id, sha256, path, headline, summary, publisher, date, format,"
                    " word_count, ingested_at, record, headline_cjk, summary_cjk, body_cjk, url, site)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (row.id, row.sha256, row.path, row.headline, row.summary, row.publisher, row.date,
                     row.format, row.word_count, row.ingested_at, row.record, *row.cjk, row.url, row.site),
                )  # fmt: skip
                conn.execute(
                    "INSERT INTO raw_sources (id, compression, data) VALUES (?, 'zlib', ?)",
                    (row.id, row.raw),
                )
                assert cursor.lastrowid is not None
                indexed.append((cursor.lastrowid, row.headline, row.summary, row.body, *row.cjk))
                displaced = place is not None and self._settle(conn, row.id, place, row.ingested_at)
                statuses.append("updated" if displaced else "added")
            conn.executemany(
                "INSERT INTO articles_fts (rowid, headline, summary, body, headline_cjk, summary_cjk, body_cjk)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                indexed,
            )
        return statuses

    def put_imported(self, rows: Sequence[ImportRow]) -> list[ImportStatus]:
        """Store finished records as they are (from an export), in one transaction; a status each.

        Unlike `put_many`, nothing is replaced: a record whose id is stored already (or comes
        earlier in `rows`) stays as it is (`"unchanged"`), whatever its path, so importing
        twice is a no-op. A row without `raw` is stored without a source (`reparse` passes it
        by). The rows go in with one statement per table, and get no search-index rows: they
        are listed in `fts_pending` in the same transaction, for `index_pending`.
        """
        if not rows:
            return []
        with self.importing() as put:
            return put(rows)

    @contextmanager
    def importing(
        self, *, defer_indexes: bool = False
    ) -> Iterator[Callable[[Sequence[ImportRow]], list[ImportStatus]]]:
        """One write transaction of an import, holding every `put(rows)` made in it.

        `put` stores rows as `put_imported` does, without a transaction of its own (nor a
        savepoint), so a bulk import writes each part of a batch as soon as it is read
        while the batch still commits, or rolls back, whole. The virtual `body` column is
        off `articles` until just before the commit (`migrations.body_aside`: SQLite would
        otherwise compute it, parsing the whole record, for every row inserted). With
        `defer_indexes`, the secondary indexes go in this transaction too and stay off
        until `build_deferred_indexes` (see `defer_indexes`).
        """
        checkpointer = self._checkpointer
        if checkpointer is not None:
            checkpointer.before_transaction()
        with self.transaction() as conn:
            restore = body_aside(conn)
            if defer_indexes:
                drop_deferrable_indexes(conn)
            yield lambda rows: _put_imported(conn, rows)
            if restore is not None:
                restore()
        if checkpointer is not None:
            checkpointer.after_commit()

    @contextmanager
    def bulk_import(self) -> Iterator[None]:
        """Settings for a bulk import's transactions (`importing`); SQLite's defaults again on leaving.

        - **Checkpoints in a thread of their own.** SQLite otherwise checkpoints in the
          committing thread once the WAL passes 1,000 pages, so each batch of an import
          waited for its own pages to be copied into the file and both files synced (a fifth
          of its writing time or more). Here a thread with its own connection runs a PASSIVE
          checkpoint after each commit, which copies only committed pages and never blocks
          the writer; the WAL starts again from its beginning only at a transaction that
          begins once every page is copied, so when it has grown past `IMPORT_WAL_BYTES` the
          next transaction first waits for the checkpoint. On leaving, every committed page
          has been copied (the last checkpoint is waited for).
        - **A page cache of `IMPORT_CACHE_KIB`**, so a batch's pages stay in memory until its
          commit: with SQLite's default 2 MB, a batch of text records spilled its pages to
          the WAL and read them back (313 MB read for 20,000 records).

        Nothing here changes what a commit guarantees. A no-op for an in-memory or read-only
        archive.
        """
        if self.path is None or self.read_only or self._checkpointer is not None:
            yield
            return
        checkpointer = _Checkpointer(self.path, self.wal_path)
        self.conn.execute("PRAGMA wal_autocheckpoint = 0")
        self.conn.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
        self._checkpointer = checkpointer
        try:
            yield
        finally:
            self._checkpointer = None
            checkpointer.close()
            self.conn.execute(f"PRAGMA wal_autocheckpoint = {AUTOCHECKPOINT_PAGES}")
            self.conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")

    def size_bytes(self) -> int:
        """The archive's size in bytes as SQLite counts it (its pages), cheap to ask."""
        (pages,) = self.conn.execute("PRAGMA page_count").fetchone()
        (size,) = self.conn.execute("PRAGMA page_size").fetchone()
        return int(pages) * int(size)

    def deferred_indexes(self) -> list[str]:
        """The secondary indexes an import dropped and that are not built again yet (see m008)."""
        return [str(name) for (name,) in self.conn.execute("SELECT name FROM _deferred_indexes ORDER BY name")]

    def build_deferred_indexes(self) -> int:
        """Build the indexes `deferred_indexes` lists (`migrations.build_deferred_indexes`), in
        one transaction that also empties the list; how many were built. A no-op (and no
        write lock) when none is listed, or for a read-only archive, whose queries then run
        without them (the same answers, slower)."""
        if self.read_only or not self.conn.execute("SELECT 1 FROM _deferred_indexes LIMIT 1").fetchone():
            return 0
        if self._checkpointer is not None:
            # Inside `bulk_import`: every committed page copied into the file first, so the
            # build reads the table through the map rather than page by page from the WAL
            # (the 20,000-record Parquet import read 15,500 pages from it otherwise), and its
            # own pages go to a WAL started again from its beginning.
            self._checkpointer.wait()
        with self.transaction() as conn:
            built = build_deferred_indexes(conn)
        if self._checkpointer is not None:  # inside `bulk_import`: its pages copied before it ends
            self._checkpointer.after_commit()
        return built

    @property
    def wal_path(self) -> Path | None:
        """The archive's write-ahead log file (None in memory)."""
        return None if self.path is None else self.path.with_name(self.path.name + "-wal")

    def unindexed(self) -> int:
        """How many records are not in the search index yet (imported since it was last built)."""
        return int(self.conn.execute("SELECT count(*) FROM fts_pending").fetchone()[0])

    def index_pending(self, *, slice_size: int = INDEX_SLICE) -> Iterator[int]:
        """Add every record `unindexed` counts to the search index; yields the records indexed so far.

        Each slice of `slice_size` records is indexed and taken off the list in one
        transaction, so an interrupted build keeps what it finished and the rest stays listed.
        """
        self.build_deferred_indexes()  # left by an import that was interrupted, if any
        done = 0
        while True:
            with self.transaction() as conn:
                bounds = conn.execute(
                    "SELECT min(pk), max(pk), count(*) FROM (SELECT pk FROM fts_pending ORDER BY pk LIMIT ?)",
                    (slice_size,),
                ).fetchone()
                if not bounds[2]:
                    return
                conn.execute(
                    "INSERT INTO articles_fts (rowid, headline, summary, body, headline_cjk, summary_cjk, body_cjk)"
                    " SELECT a.pk, a.headline, a.summary, a.body, a.headline_cjk, a.summary_cjk, a.body_cjk"
                    " FROM fts_pending p JOIN articles a ON a.pk = p.pk WHERE p.pk BETWEEN ? AND ?",
                    bounds[:2],
                )
                conn.execute("DELETE FROM fts_pending WHERE pk BETWEEN ? AND ?", bounds[:2])
            done += int(bounds[2])
            yield done

    def iter_export(
        self, filters: Filters | None = None, *, limit: int | None = None, with_source: bool = False
    ) -> Iterator[tuple[str, bytes]]:
        """`(record JSON, raw source bytes)` for `export`, in `iter_records`' order.

        The bytes are empty without `with_source`, and for a record stored without its
        source (one imported from an export that did not carry it).
        """
        if not with_source:
            for record in self.iter_records(filters, limit=limit):
                yield record, b""
            return
        where, params = _where(self.conn, filters or Filters())
        sql = (
            f"SELECT a.record, r.data FROM articles a LEFT JOIN raw_sources r ON r.id = a.id{where}"
            " ORDER BY a.date DESC, a.pk DESC LIMIT ?"
        )
        for record, data in self.conn.execute(sql, (*params, -1 if limit is None else limit)):
            yield str(record), zlib.decompress(data) if data is not None else b""

    def remember(self, places: Iterable[tuple[str, Place]], seen_at: str | None = None) -> list[bool]:
        """Record that each stored record `id` was (also) read from `place`; True where that
        place last held another record (which goes if it has no place left)."""
        with self.transaction() as conn:
            return [self._settle(conn, article_id, place, seen_at) for article_id, place in places]

    def holds(self, article_id: str, place: Place) -> bool:
        """True when `place` is remembered as a location of `article_id` already (a read, no lock)."""
        row = self.conn.execute(
            "SELECT id FROM locations WHERE coalesce(real_path, path) IN (?, ?) AND offset = ?",
            (place.real_path or place.path, place.path, place.offset),
        ).fetchall()
        return bool(row) and all(i == article_id for (i,) in row)

    def _settle(self, conn: sqlite3.Connection, article_id: str, place: Place, seen_at: str | None) -> bool:
        """Make `place` a location of `article_id`; True when it was another record's.

        A place matches a stored location by its real path, or, for a location stored
        without one (from a v1 archive), by the path as given.
        """
        keys = (place.real_path or place.path, place.path)
        displaced = False
        for pk, old_id in conn.execute(
            "SELECT pk, id FROM locations WHERE coalesce(real_path, path) IN (?, ?) AND offset = ?",
            (*keys, place.offset),
        ).fetchall():
            if old_id == article_id:
                continue
            displaced = True
            conn.execute("DELETE FROM locations WHERE pk = ?", (pk,))
            if not conn.execute("SELECT 1 FROM locations WHERE id = ? LIMIT 1", (old_id,)).fetchone():
                conn.execute("DELETE FROM articles WHERE id = ?", (old_id,))
        conn.execute(
            "INSERT OR REPLACE INTO locations (id, path, real_path, offset, uri, captured_at, record_id, seen_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (article_id, place.path, place.real_path, place.offset, place.uri, place.captured_at, place.record_id,
             seen_at),
        )  # fmt: skip
        return displaced

    def replace_record(self, article: Article) -> bool:
        """Overwrite the stored record for `article.id` (same source); True if it changed."""
        row = row_for(article, b"")
        with self.transaction() as conn:
            cursor = conn.execute(
                "UPDATE articles SET headline = ?, summary = ?, publisher = ?, date = ?, format = ?,"
                " word_count = ?, record = ?, headline_cjk = ?, summary_cjk = ?, body_cjk = ?, url = ?, site = ?"
                " WHERE id = ? AND record IS NOT ?",
                (row.headline, row.summary, row.publisher, row.date, row.format, row.word_count,
                 row.record, *row.cjk, row.url, row.site, row.id, row.record),
            )  # fmt: skip
            return cursor.rowcount == 1

    def remove(self, ids: list[str]) -> None:
        """Delete the records with these full ids (with their raw bytes and index entries)."""
        with self.transaction() as conn:
            conn.executemany("DELETE FROM articles WHERE id = ?", [(i,) for i in ids])

    # -- reading ---------------------------------------------------------------------------

    def known_ids(self) -> set[str]:
        """Every stored id."""
        return {i for (i,) in self.conn.execute("SELECT id FROM articles")}

    def match(self, ref: str, *, file: FileRef | None = None) -> Match:
        """What `ref` names, tried in this order (the first that matches wins):

        1. an id, or a unique id prefix of `MIN_PREFIX`+ hex characters;
        2. a URL (`scheme://…`): records whose `url`, or a captured URI, is that URL (a
           trailing slash does not matter);
        3. a file that exists (`file`, as `sources.identify_file` describes it): a web
           archive names the records captured in it; any other file the record of its bytes;
        4. a path once ingested: the locations whose path as given, after normalising
           (`./x` is `x`), or whose absolute path, is `ref`'s.

        A path (3 or 4) also gives the matching location rows, for `rm PATH`.

        Raises:
            ArticleNotFound: nothing matches.
            AmbiguousId: a prefix matches several records.
        """
        if not ref.isascii():
            # A file name that is not UTF-8 was stored with U+FFFD for its bad bytes (see
            # sources.display_path); match it the same way rather than fail to encode it.
            ref = os.fsencode(ref).decode("utf-8", "replace")
        ref_l = ref.lower()
        if len(ref_l) >= MIN_PREFIX and all(c in "0123456789abcdef" for c in ref_l):
            # Prefix match as a range scan on the unique index: ids are lowercase hex.
            rows = self.conn.execute(
                "SELECT id, headline FROM articles WHERE id >= ? AND id < ? ORDER BY id LIMIT ?",
                (ref_l, ref_l + "g", AMBIGUOUS_SHOWN + 1),
            ).fetchall()
            if len(rows) == 1:
                return Match((str(rows[0][0]),))
            if len(rows) > 1:
                shown = "; ".join(f"{i} {headline or '(no headline)'}" for i, headline in rows[:AMBIGUOUS_SHOWN])
                more = " and more" if len(rows) > AMBIGUOUS_SHOWN else ""
                raise AmbiguousId(f"{ref}: matches several records ({shown}{more}); give more characters")
        if "://" in ref:
            forms = (ref, ref.rstrip("/"), ref.rstrip("/") + "/")
            ids = [
                str(i)
                for (i,) in self.conn.execute(
                    "SELECT id FROM articles WHERE url IN (?, ?, ?) UNION"
                    " SELECT id FROM locations WHERE uri IN (?, ?, ?)",
                    (*forms, *forms),
                )
            ]
            if ids:
                return Match(tuple(sorted(ids)))
            raise ArticleNotFound(f"{ref}: no record has this url or captured URI")
        places = self._places(ref, file)
        if file is not None and file.id is not None:
            if self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (file.id,)).fetchone():
                mine = tuple(pk for pk, i in places if i == file.id)
                return Match((file.id,), mine)
        if places:
            return Match(tuple(dict.fromkeys(i for _, i in places)), tuple(pk for pk, _ in places))
        if len(ref_l) < MIN_PREFIX and os.path.sep not in ref:
            raise ArticleNotFound(f"{ref}: no such record (an id prefix needs {MIN_PREFIX}+ characters)")
        raise ArticleNotFound(f"{ref}: no such record")

    def _places(self, ref: str, file: FileRef | None) -> list[tuple[int, str]]:
        """`(location pk, id)` of the stored locations `ref` names as a path."""
        absolute = os.path.abspath(ref)
        values = (ref, os.path.normpath(ref), absolute, file.real_path if file else absolute)
        return [
            (int(pk), str(i))
            for pk, i in self.conn.execute(
                "SELECT pk, id FROM locations WHERE path IN (?, ?) OR real_path IN (?, ?) ORDER BY pk", values
            )
        ]

    def resolve(self, ref: str, *, file: FileRef | None = None) -> str:
        """The one record `ref` names (see `match`).

        Raises:
            ArticleNotFound: nothing matches.
            AmbiguousId: `ref` names several records (a prefix, a web archive, a URL
                captured as different pages); the message lists some.
        """
        found = self.match(ref, file=file)
        if len(found.ids) == 1:
            return found.ids[0]
        shown = ", ".join(i[:SHORT_ID] for i in found.ids[:5]) + (", …" if len(found.ids) > 5 else "")
        raise AmbiguousId(f"{ref}: names {len(found.ids)} records ({shown}); give one id")

    def remove_locations(self, pks: Iterable[int]) -> list[str]:
        """Forget these locations; records left without any go too. Returns the removed ids."""
        removed: list[str] = []
        with self.transaction() as conn:
            for pk in pks:
                row = conn.execute("SELECT id FROM locations WHERE pk = ?", (pk,)).fetchone()
                if row is None:
                    continue
                conn.execute("DELETE FROM locations WHERE pk = ?", (pk,))
                if not conn.execute("SELECT 1 FROM locations WHERE id = ? LIMIT 1", (row[0],)).fetchone():
                    conn.execute("DELETE FROM articles WHERE id = ?", (row[0],))
                    removed.append(str(row[0]))
        return removed

    def locations(self, article_id: str) -> list[Place]:
        """Every place the record was ingested from, oldest first."""
        return [
            Place(*row)
            for row in self.conn.execute(
                "SELECT path, real_path, offset, uri, captured_at, record_id FROM locations WHERE id = ? ORDER BY pk",
                (article_id,),
            )
        ]

    def get_json(self, ref: str, *, file: FileRef | None = None) -> str:
        """The stored JSON text of the record `ref` names (see `resolve`)."""
        full = self.resolve(ref, file=file)
        (record,) = self.conn.execute("SELECT record FROM articles WHERE id = ?", (full,)).fetchone()
        return str(record)

    def get(self, ref: str) -> Article:
        """The record `ref` names, as an `Article`."""
        import json

        from .serialize import from_dict

        return from_dict(json.loads(self.get_json(ref)))

    def raw(self, article_id: str) -> bytes:
        """The original source bytes of a stored record."""
        row = self.conn.execute(
            "SELECT compression, data FROM raw_sources WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            raise ArticleNotFound(f"{article_id}: no stored source")
        return zlib.decompress(row[1])

    def is_empty(self) -> bool:
        """True when no record is stored."""
        return self.conn.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is None

    def count(self) -> int:
        """How many records are stored."""
        return int(self.conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def count_without_source(self) -> int:
        """How many records have no stored source (imported from an export made without one)."""
        sql = "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM raw_sources r WHERE r.id = a.id)"
        return int(self.conn.execute(sql).fetchone()[0])

    def iter_sources(self) -> Iterator[tuple[str, str, str | None, bytes, Member | None]]:
        """Every stored record's `(id, path, ingested_at, raw bytes, web-archive member)`, oldest first."""
        import json

        from .model import Member

        cursor = self.conn.execute(
            "SELECT a.id, a.path, a.ingested_at, r.data, json_extract(a.record, '$.source.member')"
            " FROM articles a JOIN raw_sources r USING (id) ORDER BY a.pk"
        )
        for article_id, path, ingested_at, data, member in cursor:
            found = None if member is None else Member(**json.loads(member))
            yield article_id, path, ingested_at, zlib.decompress(data), found

    # -- querying (list, search, export, stats) ---------------------------------------------

    def iter_records(self, filters: Filters | None = None, *, limit: int | None = None) -> Iterator[str]:
        """The JSON text of every record `filters` keeps, newest first, undated last.

        Rows come straight off the cursor, ordered by the `date` index (no sort step), so
        the first record arrives at once and memory stays flat however large the archive.
        """
        where, params = _where(self.conn, filters or Filters())
        sql = f"SELECT a.record FROM articles a{where} ORDER BY a.date DESC, a.pk DESC LIMIT ?"
        for (record,) in self.conn.execute(sql, (*params, -1 if limit is None else limit)):
            yield str(record)

    def fts_expression(self, text: str) -> tuple[str, str | None]:
        """The FTS5 MATCH expression for a user's query, and why it was rewritten (None: it was not).

        `text` is used as written when it is valid FTS5 syntax (`climate AND "sea level"`,
        `warm*`, `headline:brexit`); otherwise every whitespace-separated token is quoted,
        so it is searched as plain words (`"unbalanced` finds `unbalanced`). Runs of CJK
        characters become phrases of their character pairs either way (`cjk.cjk_query`).
        """
        expression = cjk_query(text)
        try:
            self.conn.execute(
                "SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? LIMIT 1", (expression,)
            ).fetchall()
            return expression, None
        except sqlite3.OperationalError as exc:
            column = re.match(r"no such column: (\w+)", str(exc))
            if column:
                reason = (
                    f"{column.group(1)} is not a searchable column (a query can name headline, summary or body;"
                    " filter on others with --publisher, --author, --since, --until)"
                )
            else:
                reason = "it is not FTS5 query syntax"

            def pairs(match: re.Match[str]) -> str:
                return " " + " ".join(run_bigrams(match.group(0))) + " "

            words = ['"' + CJK_RUN_RE.sub(pairs, token).replace('"', '""') + '"' for token in text.split()]
            return " ".join(words), reason

    def search(
        self,
        expression: str,
        filters: Filters | None = None,
        *,
        limit: int | None = None,
        snippets: bool = False,
        marks: tuple[str, str] = ("[", "]"),
    ) -> Iterator[tuple[str, str | None]]:
        """Records matching the FTS5 `expression`, best first, as `(record JSON, snippet)`.

        See `search_scored`, which also gives each record's score.
        """
        for record, snippet, _ in self.search_scored(expression, filters, limit=limit, snippets=snippets, marks=marks):
            yield record, snippet

    def search_scored(
        self,
        expression: str,
        filters: Filters | None = None,
        *,
        limit: int | None = None,
        snippets: bool = False,
        marks: tuple[str, str] = ("[", "]"),
    ) -> Iterator[tuple[str, str | None, float]]:
        """Records matching the FTS5 `expression`, best first, as `(record JSON, snippet, score)`.

        The score is bm25's relevance, negated so that higher is better (it is only
        comparable between the results of one query).

        Ranked by bm25 with a headline match worth more than a summary match, worth more
        than a body match (`SEARCH_WEIGHTS`). Only (rank, pk) pairs go through SQLite's
        sorter; each record (and its snippet, when `snippets`, between `marks`) is read
        as it is yielded. See `fts_expression` for turning user text into `expression`.

        Raises:
            StoreError: `expression` is not valid FTS5 syntax.
            SearchIndexPending: records imported since the index was last built are not in it
                yet (`index_pending` adds them); searching without them would miss them.
        """
        if not expression.strip():
            return
        if self.conn.execute("SELECT 1 FROM fts_pending LIMIT 1").fetchone():
            raise SearchIndexPending(
                f"{self.path or ':memory:'}: {self.unindexed():,} imported records are not in the search index yet"
            )
        where, params = _where(self.conn, filters or Filters())
        weights = ", ".join(str(w) for w in SEARCH_WEIGHTS)
        ranked = (
            f"SELECT a.pk, bm25(articles_fts, {weights}) AS score FROM articles_fts"
            f" JOIN articles a ON a.pk = articles_fts.rowid{where}"
            f"{' AND' if where else ' WHERE'} articles_fts MATCH ?"
            f" ORDER BY score, a.pk LIMIT ?"
        )
        try:
            cursor = self.conn.execute(ranked, (*params, expression, -1 if limit is None else limit))
        except sqlite3.OperationalError as exc:
            raise StoreError(f"{expression}: not a valid search ({exc})") from exc
        fetch = self.conn.cursor()
        terms = query_terms(expression)
        words = query_words(expression) if snippets and not terms else None
        for pk, bm25 in cursor:
            score = round(-float(bm25), 4) + 0.0  # + 0.0: never print -0.0
            if snippets and terms:
                # The index matched character pairs; cut the snippet from the text itself.
                (record,) = fetch.execute("SELECT record FROM articles WHERE pk = ?", (pk,)).fetchone()
                yield str(record), text_snippet(record, terms, marks), score
            elif snippets:
                # Most matches are the query's words as written: cut the snippet around the
                # first of them directly (FTS5's snippet() re-tokenises the whole record, which
                # dominated a search printing thousands of hits); the rest go to FTS5.
                record, headline, summary, body = fetch.execute(
                    "SELECT record, headline, summary, body FROM articles WHERE pk = ?", (pk,)
                ).fetchone()
                snippet = word_snippet(words, (body, summary, headline), marks) if words else None
                if snippet is None:
                    (snippet,) = fetch.execute(
                        "SELECT snippet(articles_fts, -1, ?, ?, '…', ?) FROM articles_fts"
                        " WHERE articles_fts MATCH ? AND articles_fts.rowid = ?",
                        (*marks, SNIPPET_TOKENS, expression, pk),
                    ).fetchone()
                yield str(record), str(snippet), score
            else:
                (record,) = fetch.execute("SELECT record FROM articles WHERE pk = ?", (pk,)).fetchone()
                yield str(record), None, score

    def stats(self) -> ArchiveStats:
        """Counts by publisher, year and source format, and totals."""
        records, words = self.conn.execute(
            "SELECT count(*), coalesce(sum(word_count), 0) FROM articles"
        ).fetchone()

        def counts(sql: str) -> list[tuple[str | None, int]]:
            return [(key, int(n)) for key, n in self.conn.execute(sql)]

        if self.path is not None and self.path.exists():
            size = self.path.stat().st_size
        else:
            page_count, page_size = (
                self.conn.execute(f"PRAGMA {name}").fetchone()[0] for name in ("page_count", "page_size")
            )
            size = int(page_count) * int(page_size)
        return ArchiveStats(
            records=int(records),
            words=int(words),
            size_bytes=size,
            by_publisher=counts(
                "SELECT publisher, count(*) AS n FROM articles GROUP BY publisher ORDER BY n DESC, publisher"
            ),
            by_year=counts(
                "SELECT substr(date, 1, 4) AS year, count(*) FROM articles GROUP BY year ORDER BY year DESC"
            ),
            by_format=counts("SELECT format, count(*) AS n FROM articles GROUP BY format ORDER BY n DESC, format"),
        )


# bm25 weights for (headline, summary, body): a word in the headline says more about what
# an article is about than the same word in its lead, and far more than one in the body.
SEARCH_WEIGHTS = (10.0, 5.0, 1.0, 10.0, 5.0, 1.0)  # the same again for their CJK pairs
SNIPPET_TOKENS = 12  # words of context in a search snippet: about one terminal line
SNIPPET_BEFORE = 12  # CJK snippets: characters kept before the first match…
SNIPPET_CHARS = 48  # …and in all, about one terminal line of double-width characters


_FTS_TOKEN_RE = re.compile(r'"((?:[^"]|"")*)"\*?|[^\s()"]+')
_FTS_OPERATORS = {"AND", "OR", "NOT", "NEAR"}
SNIPPET_WORDS_BEFORE = 3  # words of context kept before the first match
SNIPPET_REACH = 80  # characters searched back for them
_WORD_RE = re.compile(r"\S+")


def query_words(expression: str) -> re.Pattern[str] | None:
    """A case-insensitive pattern for the words and phrases of an FTS5 `expression` that a
    snippet should mark (terms after NOT left out), or None when it has none."""
    parts: list[str] = []
    skip = False
    for match in _FTS_TOKEN_RE.finditer(expression):
        token = match.group(0)
        if token in _FTS_OPERATORS:
            skip = token == "NOT"
            continue
        if token.startswith("NEAR("):
            continue
        if skip:
            skip = False
            continue
        if match.group(1) is not None:
            words = re.findall(r"\w+", match.group(1).replace('""', '"'))
            prefix = token.endswith("*")
        else:
            token = token.split(":", 1)[-1].lstrip("^{}-")
            prefix = token.endswith("*")
            words = re.findall(r"\w+", token)
        if not words:
            continue
        tail = r"\w*" if prefix else r"\b"
        parts.append(r"\b" + r"\W+".join(re.escape(w) for w in words) + tail)
    if not parts:
        return None
    return re.compile("|".join(parts), re.IGNORECASE)


def word_snippet(pattern: re.Pattern[str], texts: tuple[str | None, ...], marks: tuple[str, str]) -> str | None:
    """About SNIPPET_TOKENS words around the first match of `pattern` in the first of `texts`
    holding one, every match in it between `marks`; None when none holds one."""
    for text in texts:
        if not text:
            continue
        first = pattern.search(text)
        if first is None:
            continue
        # Only the text near the match is split into words: a snippet needs a dozen of them.
        lead = max(0, first.start() - SNIPPET_REACH)
        before = [m.start() for m in _WORD_RE.finditer(text, lead, first.start())]
        if lead:
            before = before[1:]  # the first may be a word cut in two at `lead`
        if len(before) >= SNIPPET_WORDS_BEFORE:
            start = before[-SNIPPET_WORDS_BEFORE]
        else:
            start = (before[0] if before else first.start()) if lead else 0
        keep = SNIPPET_TOKENS - min(len(before), SNIPPET_WORDS_BEFORE)
        after = list(itertools.islice(_WORD_RE.finditer(text, first.start()), keep))
        end = after[-1].end() if len(after) >= keep else len(text)
        window = text[start:end]
        marked = pattern.sub(lambda m: marks[0] + m.group(0) + marks[1], window)
        return ("…" if start else "") + " ".join(marked.split()) + ("…" if end < len(text) else "")
    return None


def text_snippet(record: str, terms: list[str], marks: tuple[str, str]) -> str:
    """A snippet of the record's headline, summary or body around the first of `terms`,
    each occurrence in it between `marks` (for CJK matches, which FTS5 cannot place)."""
    import json

    data = json.loads(record)
    pattern = re.compile("|".join(re.escape(t) for t in terms))
    texts = [t for t in (data.get("headline"), data.get("summary"), data.get("body")) if t]
    for text in texts:
        first = pattern.search(text)
        if first is None:
            continue
        start = max(0, first.start() - SNIPPET_BEFORE)
        end = min(len(text), start + SNIPPET_CHARS)
        window = text[start:end]
        # Mark the union of the matches (overlapping pairs of one phrase become one span).
        spans: list[list[int]] = []
        for pos in range(len(window)):
            hit = pattern.match(window, pos)
            if hit:
                if spans and pos <= spans[-1][1]:
                    spans[-1][1] = max(spans[-1][1], hit.end())
                else:
                    spans.append([pos, hit.end()])
        pieces: list[str] = []
        cursor = 0
        for a, b in spans:
            pieces += [window[cursor:a], marks[0], window[a:b], marks[1]]
            cursor = b
        pieces.append(window[cursor:])
        return ("…" if start else "") + "".join(pieces) + ("…" if end < len(text) else "")
    return ""


@dataclass(frozen=True, slots=True)
class Filters:
    """What `list`, `search` and `export` narrow records by; None means no constraint.

    `since` and `until` compare on the day and both include their day; `publisher` is a
    case-insensitive exact match; `author` matches any byline name, case-insensitively;
    `site` a domain: records whose url's host is it or one of its subdomains (`www.` ignored).
    """

    since: date | None = None
    until: date | None = None
    publisher: str | None = None
    author: str | None = None
    site: str | None = None


@dataclass(frozen=True, slots=True)
class ArchiveStats:
    """What `stats` reports. Keys of the count lists are None where the field is missing."""

    records: int = 0
    words: int = 0
    size_bytes: int = 0
    by_publisher: list[tuple[str | None, int]] = field(default_factory=list)
    by_year: list[tuple[str | None, int]] = field(default_factory=list)
    by_format: list[tuple[str | None, int]] = field(default_factory=list)


def fold(text: str) -> str:
    """Text for a case-insensitive comparison (Unicode-aware: `JOSÉ` equals `josé`)."""
    return unicodedata.normalize("NFC", text).casefold()


def _fold_sql(value: str | None) -> str | None:
    return fold(value) if isinstance(value, str) else value


def _where(conn: sqlite3.Connection, filters: Filters) -> tuple[str, list[object]]:
    """A WHERE clause over `articles a` for `filters`, with its bound values."""
    clauses: list[str] = []
    params: list[object] = []
    if filters.since is not None:
        # Dates are ISO text, so a day's times sort after the day itself: `>=` the day
        # keeps them, and the comparison can use the date index.
        clauses.append("a.date >= ?")
        params.append(filters.since.isoformat())
    if filters.until is not None:
        clauses.append("a.date < ?")
        params.append((filters.until + timedelta(days=1)).isoformat())
    if filters.publisher is not None or filters.author is not None:
        # SQLite's NOCASE folds ASCII only; a Python function folds any script.
        conn.create_function("newsarchive_fold", 1, _fold_sql, deterministic=True)
    if filters.publisher is not None:
        clauses.append("newsarchive_fold(a.publisher) = ?")
        params.append(fold(filters.publisher))
    if filters.author is not None:
        clauses.append(
            "EXISTS (SELECT 1 FROM json_each(a.record, '$.byline') AS b"
            " WHERE newsarchive_fold(json_extract(b.value, '$.name')) = ?)"
        )
        params.append(fold(filters.author))
    if filters.site is not None:
        from .migrations import site_of

        domain = site_of("http://" + filters.site.strip().strip("/").split("://")[-1]) or filters.site.lower()
        clauses.append("(a.site = ? OR a.site LIKE ? ESCAPE '\\')")
        params.extend([domain, "%." + domain.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")])
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def _put_imported(conn: sqlite3.Connection, rows: Sequence[ImportRow]) -> list[ImportStatus]:
    """`Archive.put_imported` inside the caller's write transaction."""
    if not rows:
        return []
    # Rowids of new rows are above every stored one (SQLite takes max(pk) + 1), and
    # nothing else writes inside this transaction: what lies above `last` is ours.
    (last,) = conn.execute("SELECT coalesce(max(pk), 0) FROM articles").fetchone()
    inserted = conn.executemany(_INSERT_IMPORTED, [columns for _, columns, _, _ in rows]).rowcount
    if not inserted:
        return ["unchanged"] * len(rows)
    conn.execute("INSERT INTO fts_pending (pk) SELECT pk FROM articles WHERE pk > ?", (last,))
    # Every row went in (the usual case: no id was stored already or repeated), or
    # those that did are read back.
    added = None if inserted == len(rows) else {str(i) for (i,) in conn.execute(
        "SELECT id FROM articles WHERE pk > ?", (last,))}  # fmt: skip
    kept: Sequence[ImportRow] = rows
    if added is None:
        statuses: list[ImportStatus] = ["added"] * len(rows)
    else:
        statuses, kept = [], []
        for row in rows:
            if row[0] not in added:
                statuses.append("unchanged")
                continue
            added.discard(row[0])  # a repeat later in `rows` was ignored: unchanged
            statuses.append("added")
            kept.append(row)
    sources = [(article_id, raw) for article_id, _, raw, _ in kept if raw]
    if sources:
        conn.executemany("INSERT INTO raw_sources (id, compression, data) VALUES (?, 'zlib', ?)", sources)
    # Where each record was first ingested, as a location here. A plain file's place is the
    # row's own path and ingestion time: such rows' locations are copied from `articles` in
    # one statement (no values bound, one step); any other place is written as given.
    if all(_plain_place(columns, place) for _, columns, _, place in kept):
        conn.execute(_INSERT_PLAIN_PLACES, (last,))
    else:
        places = [(article_id, *place) for article_id, _, _, place in kept if place is not None]
        conn.executemany(_INSERT_IMPORTED_PLACE, places)
    return statuses


def _plain_place(columns: tuple[object, ...], place: tuple[object, ...] | None) -> bool:
    """Whether `place` is what `_INSERT_PLAIN_PLACES` writes for a row of `columns`: none for
    the path `-` (standard input), else a plain file's (offset -1, no real path or member) at
    the row's path, seen when the row was ingested."""
    if place is None:
        return columns[_PATH] == "-"
    return place[0] == columns[_PATH] != "-" and place[1:] == (
        NULL_TEXT, -1, NULL_TEXT, NULL_TEXT, NULL_TEXT, columns[_INGESTED_AT])  # fmt: skip


class _Checkpointer:
    """The checkpointing thread of `Archive.bulk_import`: a PASSIVE checkpoint after each commit."""

    def __init__(self, path: Path, wal: Path | None) -> None:
        self._path = path
        self._wal = wal
        self._lock = threading.Condition()
        self._asked = 0  # commits signalled so far
        self._done = 0  # of those, how many a finished checkpoint covers
        self._closing = False
        self._conn: sqlite3.Connection | None = None
        self._thread = threading.Thread(target=self._run, name="newsarchive-checkpoint", daemon=True)
        self._thread.start()

    def after_commit(self) -> None:
        with self._lock:
            self._asked += 1
            self._lock.notify_all()

    def before_transaction(self) -> None:
        """Wait for the checkpoint to catch up when the WAL has grown past `IMPORT_WAL_BYTES`."""
        try:
            size = os.path.getsize(self._wal) if self._wal is not None else 0
        except OSError:
            return
        if size > IMPORT_WAL_BYTES:
            self.wait()

    def wait(self) -> None:
        """Until a checkpoint that began after the last commit has finished."""
        with self._lock:
            while self._done < self._asked and self._thread.is_alive():
                self._lock.wait(0.5)

    def close(self) -> None:
        self.wait()
        with self._lock:
            self._closing = True
            self._lock.notify_all()
        self._thread.join()

    def _run(self) -> None:
        try:
            conn = sqlite3.connect(self._path, timeout=BUSY_TIMEOUT_MS / 1000)
        except sqlite3.Error:
            return  # the writer's own checkpoints do the work then (see `close`)
        try:
            while True:
                with self._lock:
                    while self._done == self._asked and not self._closing:
                        self._lock.wait()
                    if self._done == self._asked:
                        return
                    target = self._asked
                try:
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                except sqlite3.Error:
                    pass  # left for a later checkpoint, or the connection's own at close
                with self._lock:
                    self._done = target
                    self._lock.notify_all()
        finally:
            conn.close()
