"""A large import into an empty or small archive leaves the secondary indexes off while it
writes and builds them once at its end (migration m008): the archive afterwards is the one an
import with the indexes on leaves, every committed state either has an index or lists it in
`_deferred_indexes`, and an import killed in between leaves the list for the next import (or
index build) to finish."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsarchive import importer
from newsarchive.importer import import_files, iter_import_files
from newsarchive.migrations import DEFERRABLE_INDEXES as DEFERRABLE
from newsarchive.store import Archive

from .conftest import invoke, jsonl
from .test_import_bulk import copies, export_lines, write_lines  # noqa: F401  (export_lines is a fixture)
from .test_search_index import v1_archive

DEFERRABLE_INDEXES = [name for name, _ in DEFERRABLE]
TABLES = ("articles", "raw_sources", "locations", "fts_pending")


def indexes(conn: sqlite3.Connection) -> dict[str, str]:
    """The archive's indexes with their SQL text (automatic ones have none and are left out)."""
    return dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"))


def contents(db: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(db)
    try:
        return {table: conn.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall() for table in TABLES}
    finally:
        conn.close()


def fresh_indexes(tmp_path: Path) -> dict[str, str]:
    with Archive.open(tmp_path / "fresh.db") as archive:
        return indexes(archive.conn)


def test_a_large_import_into_an_empty_archive_builds_its_indexes_once_at_the_end_and_stores_the_same(
    export_lines: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    """Each row inserted costs a B-tree insert per secondary index; building them once after
    the rows are in costs about half. Between batches the indexes are off and listed; at the
    end they are back with their own text, and the rows, sources, locations and pending list
    are those of an import that kept them on."""
    dump = write_lines(tmp_path / "dump.jsonl", copies(export_lines, 200))
    with Archive.open(tmp_path / "kept.db") as archive:
        list(import_files(archive, iter_import_files([str(dump)]), batch_size=50))
        assert archive.deferred_indexes() == []
    monkeypatch.setattr(importer, "_defers_indexes", lambda archive, paths: True)
    seen: list[tuple[set[str], list[str]]] = []
    with Archive.open(tmp_path / "deferred.db") as archive:
        for outcome in import_files(archive, iter_import_files([str(dump)]), batch_size=50):
            assert outcome.status == "added"
            seen.append((set(indexes(archive.conn)), archive.deferred_indexes()))
        assert indexes(archive.conn) == fresh_indexes(tmp_path)
        assert archive.deferred_indexes() == []
        (verdict,) = archive.conn.execute("PRAGMA integrity_check").fetchone()
    assert verdict == "ok"
    assert len(seen) == 200
    for present, listed in seen:  # every outcome comes after a commit: indexes off, and listed
        assert not present & set(DEFERRABLE_INDEXES)
        assert listed == sorted(DEFERRABLE_INDEXES)
    assert contents(tmp_path / "deferred.db") == contents(tmp_path / "kept.db")


def test_the_indexes_are_deferred_for_an_input_past_the_floor_and_as_large_as_the_archive(tmp_path: Path) -> None:
    """Deferring pays when the import brings at least as many rows as are stored (sizes
    stand for rows) and is not tiny (`DEFER_INDEXES_MIN_BYTES`)."""
    floor = importer.DEFER_INDEXES_MIN_BYTES
    large, small = tmp_path / "large.jsonl", tmp_path / "small.jsonl"
    large.write_bytes(b"x" * floor)
    small.write_bytes(b"x" * (floor - 1))
    with Archive.open(tmp_path / "target.db") as archive:
        assert importer._defers_indexes(archive, [str(large)])
        assert not importer._defers_indexes(archive, [str(small)])
        assert importer._defers_indexes(archive, [str(small), str(small)])  # the inputs together
        archive.conn.execute("CREATE TABLE filler (data BLOB)")
        archive.conn.execute("INSERT INTO filler VALUES (zeroblob(?))", (2 * floor,))
        assert not importer._defers_indexes(archive, [str(large)])  # the archive is larger


def test_an_import_smaller_than_the_archive_keeps_the_indexes_on(
    export_lines: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    """Building an index reads the whole table: for an import smaller than what is stored
    that costs more than the inserts it saves, so the indexes stay."""
    monkeypatch.setattr(importer, "DEFER_INDEXES_MIN_BYTES", 0)
    lines = copies(export_lines, 240)
    big, small = write_lines(tmp_path / "big.jsonl", lines[:200]), write_lines(tmp_path / "small.jsonl", lines[200:])
    with Archive.open(tmp_path / "target.db") as archive:
        list(import_files(archive, iter_import_files([str(big)])))
        dropped: list[bool] = []
        kept = set(fresh_indexes(tmp_path))
        for _ in import_files(archive, iter_import_files([str(small)]), batch_size=10):
            dropped.append(bool(archive.deferred_indexes()) or set(indexes(archive.conn)) != kept)
        assert dropped == [False] * 40
        assert archive.count() == 240


KILLER = """
import os, signal, sys
from newsarchive import importer
from newsarchive.store import Archive
importer._defers_indexes = lambda archive, paths: True
archive = Archive.open(sys.argv[1])
for n, outcome in enumerate(importer.import_files(archive, importer.iter_import_files([sys.argv[2]]), batch_size=50)):
    if n == 99:  # two batches committed with the indexes off: die before anything else
        os.kill(os.getpid(), signal.SIGKILL)
"""


def test_an_import_killed_with_its_indexes_off_leaves_them_listed_and_the_next_import_builds_them(
    runner: CliRunner, export_lines: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    """A kill between batches leaves a consistent archive without the indexes, which lists
    them: queries still answer (without them), and running the import again stores the rest
    and builds them, as does the first search's index build."""
    dump = write_lines(tmp_path / "dump.jsonl", copies(export_lines, 200))
    for db in (tmp_path / "again.db", tmp_path / "searched.db"):
        done = subprocess.run([sys.executable, "-c", KILLER, str(db), str(dump)], capture_output=True)
        assert done.returncode == -9, done.stderr
        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM articles").fetchone() == (100,)
        assert sorted(n for (n,) in conn.execute("SELECT name FROM _deferred_indexes")) == sorted(DEFERRABLE_INDEXES)
        assert not set(indexes(conn)) & set(DEFERRABLE_INDEXES)
        conn.close()
        shown = jsonl(invoke(runner, "--archive", str(db), "list", "--format", "jsonl").stdout)
        assert len(shown) == 100
    with Archive.open(tmp_path / "again.db") as archive:
        statuses = [o.status for o in import_files(archive, iter_import_files([str(dump)]))]
        assert statuses.count("unchanged") == 100 and statuses.count("added") == 100
        assert archive.deferred_indexes() == [] and indexes(archive.conn) == fresh_indexes(tmp_path)
    searched = tmp_path / "searched.db"
    hits = jsonl(invoke(runner, "--archive", str(searched), "search", "harbour", "--format", "jsonl").stdout)
    assert len(hits) == 25
    with Archive.open(tmp_path / "searched.db") as archive:
        assert archive.deferred_indexes() == [] and indexes(archive.conn) == fresh_indexes(tmp_path)


def test_a_rerun_that_defers_again_builds_what_the_killed_import_left_only_at_its_end(
    export_lines: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    """Running a killed bulk import again (still larger than what it stored) leaves the
    indexes it finds listed off until its own end rather than building them first and
    dropping them again; they are built once, when its rows are in."""
    dump = write_lines(tmp_path / "dump.jsonl", copies(export_lines, 200))
    db = tmp_path / "target.db"
    done = subprocess.run([sys.executable, "-c", KILLER, str(db), str(dump)], capture_output=True)
    assert done.returncode == -9, done.stderr
    monkeypatch.setattr(importer, "_defers_indexes", lambda archive, paths: True)
    with Archive.open(db) as archive:
        listed = [archive.deferred_indexes() for _ in import_files(archive, iter_import_files([str(dump)]))]
        assert listed == [sorted(DEFERRABLE_INDEXES)] * 200
        assert archive.deferred_indexes() == [] and indexes(archive.conn) == fresh_indexes(tmp_path)
        assert archive.count() == 200


def test_an_archive_from_v1_gets_the_deferred_index_list_and_imports_with_its_indexes_deferred(
    export_lines: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    """m008 adds `_deferred_indexes` to an archive of any earlier schema (here v1, whose
    indexes m003 completes); an import into it defers and builds them like a new archive's."""
    conn = v1_archive(tmp_path / "old.db")
    conn.commit()
    conn.close()
    monkeypatch.setattr(importer, "_defers_indexes", lambda archive, paths: True)
    dump = write_lines(tmp_path / "dump.jsonl", copies(export_lines, 60))
    with Archive.open(tmp_path / "old.db") as archive:
        assert archive.deferred_indexes() == []
        names = {n for (n,) in archive.conn.execute("SELECT name FROM _migrations")}
        assert "m008_deferred_indexes" in names
        before = indexes(archive.conn)
        assert set(DEFERRABLE_INDEXES) <= set(before)
        outcomes = import_files(archive, iter_import_files([str(dump)]), batch_size=20)
        listed = [archive.deferred_indexes() for _ in outcomes]
        assert listed == [sorted(DEFERRABLE_INDEXES)] * 60
        assert indexes(archive.conn) == before and archive.deferred_indexes() == []
        assert archive.count() == 60


def test_an_index_another_program_redefined_is_never_dropped(
    export_lines: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    """Only an index whose text is exactly the archive's own is dropped, so building it again
    gives back the same schema; one another program defined otherwise stays as it is."""
    monkeypatch.setattr(importer, "_defers_indexes", lambda archive, paths: True)
    dump = write_lines(tmp_path / "dump.jsonl", copies(export_lines, 40))
    mine = "CREATE INDEX articles_path ON articles(path, date)"
    with Archive.open(tmp_path / "target.db") as archive:
        archive.conn.execute("DROP INDEX articles_path")
        archive.conn.execute(mine)
        outcomes = import_files(archive, iter_import_files([str(dump)]), batch_size=10)
        listed = [archive.deferred_indexes() for _ in outcomes]
        assert listed == [sorted(set(DEFERRABLE_INDEXES) - {"articles_path"})] * 40
        assert indexes(archive.conn) == {**fresh_indexes(tmp_path), "articles_path": mine}
