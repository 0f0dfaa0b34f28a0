"""`import`'s bulk path: records go in without search-index rows, listed as pending in the
same transaction; `search` (or `index`, or `import --index`) indexes them first, a read-only
archive says what to do instead of searching without them, and a killed import never leaves
the index silently stale. Slices read by worker processes give the same outcomes, in the
same order, as reading in one process, and each record keeps its own line number."""

from __future__ import annotations

import gzip
import hashlib
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsarchive.cjk import has_cjk
from newsarchive.importer import import_files, iter_import_files
from newsarchive.store import Archive

from .conftest import index_matches_content, invoke, jsonl
from .test_cli_archive import run_cli

STORIES = [
    ("Harbour reopens after storm", "The harbour of Kirkwall reopened on Monday after the storm."),
    ("Élection à Zürich", "Les électeurs ont voté pour le nouveau conseil."),
    ("外国专家：中美合作共赢", "专家表示，中美合作共赢是大势所趋。"),
    ("Budget day brings “surprises”", "The chancellor’s budget held few surprises — or so it seemed."),
]


@pytest.fixture
def export_lines(runner: CliRunner, tmp_path: Path) -> list[str]:
    """The export (JSON Lines) of an archive holding the four STORIES."""
    folder = tmp_path / "stories"
    folder.mkdir()
    for n, (headline, body) in enumerate(STORIES):
        (folder / f"{n}.txt").write_text(f"{headline}\n\n{body}\n", encoding="utf-8")
    source = tmp_path / "source.db"
    invoke(runner, "--archive", str(source), "ingest", str(folder))
    return invoke(runner, "--archive", str(source), "export").stdout.splitlines()


def copies(lines: list[str], count: int) -> list[str]:
    """`count` export lines: the given records, then copies of them under new ids and paths."""
    out = []
    for n in range(count):
        record = json.loads(lines[n % len(lines)])
        edition = n // len(lines)
        if edition:
            sha = hashlib.sha256(f"{record['source']['sha256']}:{edition}".encode()).hexdigest()
            record["source"]["sha256"], record["id"] = sha, sha[:16]
            record["source"]["path"] = f"copy-{edition}/{record['source']['path']}"
        out.append(json.dumps(record, ensure_ascii=False, separators=(",", ":")))
    return out


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def pending(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute("SELECT count(*) FROM fts_pending").fetchone()[0])
    finally:
        conn.close()


def test_search_after_import_indexes_first_and_finds_every_record(
    runner: CliRunner, export_lines: list[str], tmp_path: Path
) -> None:
    dump = write_lines(tmp_path / "dump.jsonl", copies(export_lines, 40))
    db = tmp_path / "target.db"
    result = invoke(runner, "--archive", str(db), "import", str(dump))
    assert "40 added" in result.stderr
    assert "40 records wait for the search index" in result.stderr
    assert pending(db) == 40
    searched = invoke(runner, "--archive", str(db), "search", "harbour", "--format", "jsonl")
    assert "note: adding 40 imported records to the search index first" in searched.stderr
    assert len(jsonl(searched.stdout)) == 10  # every copy of the harbour story
    for word, hits in (("électeurs", 10), ("中美", 10), ("surprises", 10)):
        assert len(jsonl(invoke(runner, "--archive", str(db), "search", word, "--format", "jsonl").stdout)) == hits
    again = invoke(runner, "--archive", str(db), "search", "harbour", "--format", "jsonl")
    assert again.stderr == ""  # indexed once
    assert pending(db) == 0
    with Archive.open(db) as archive:
        assert index_matches_content(archive.conn)


def test_import_with_index_and_the_index_command_build_it_at_once(
    runner: CliRunner, export_lines: list[str], tmp_path: Path
) -> None:
    dump = write_lines(tmp_path / "dump.jsonl", export_lines)
    first, second = tmp_path / "first.db", tmp_path / "second.db"
    assert "search index: 4 records added" in invoke(runner, "--archive", str(first), "import", "--index",
                                                      str(dump)).stderr  # fmt: skip
    assert pending(first) == 0
    invoke(runner, "--archive", str(second), "import", str(dump))
    assert "search index: 4 records added" in invoke(runner, "--archive", str(second), "index").stderr
    assert "search index: up to date" in invoke(runner, "--archive", str(second), "index").stderr
    for db in (first, second):
        with Archive.open(db) as archive:
            assert index_matches_content(archive.conn)


def test_the_library_search_refuses_while_records_wait_for_the_index(export_lines: list[str], tmp_path: Path) -> None:
    from newsarchive.errors import SearchIndexPending

    dump = write_lines(tmp_path / "dump.jsonl", export_lines)
    with Archive.open(tmp_path / "target.db") as archive:
        list(import_files(archive, iter_import_files([str(dump)])))
        with pytest.raises(SearchIndexPending, match="4 imported records are not in the search index"):
            list(archive.search("harbour"))
        assert [done for done in archive.index_pending(slice_size=3)] == [3, 4]
        assert [json.loads(r)["headline"] for r, _ in archive.search("harbour")] == [STORIES[0][0]]


def test_reimport_while_the_index_is_pending_changes_nothing(
    runner: CliRunner, export_lines: list[str], tmp_path: Path
) -> None:
    dump = write_lines(tmp_path / "dump.jsonl", export_lines)
    db = tmp_path / "target.db"
    invoke(runner, "--archive", str(db), "import", str(dump))
    result = invoke(runner, "--archive", str(db), "import", str(dump))
    assert "0 added, 4 unchanged, 0 failed" in result.stderr
    assert pending(db) == 4


def test_removing_or_reparsing_a_pending_record_keeps_the_index_in_step(
    runner: CliRunner, export_lines: list[str], tmp_path: Path
) -> None:
    dump = tmp_path / "dump.jsonl"
    source = tmp_path / "source.db"
    invoke(runner, "--archive", str(source), "import", str(write_lines(tmp_path / "plain.jsonl", export_lines)))
    invoke(runner, "--archive", str(source), "export", "--with-source", "-o", str(dump))
    db = tmp_path / "target.db"
    invoke(runner, "--archive", str(db), "import", str(dump))
    harbour = json.loads(export_lines[[json.loads(x)["headline"] for x in export_lines].index(STORIES[0][0])])["id"]
    invoke(runner, "--archive", str(db), "rm", harbour)
    conn = sqlite3.connect(db)
    conn.execute("UPDATE articles SET headline = 'Changed by hand' WHERE headline = ?", (STORIES[1][0],))
    conn.commit()
    conn.close()
    assert pending(db) == 3
    invoke(runner, "--archive", str(db), "reparse")
    with Archive.open(db) as archive:
        for _ in archive.index_pending():
            pass
        assert index_matches_content(archive.conn)
    assert jsonl(invoke(runner, "--archive", str(db), "search", "harbour", "--format", "jsonl").stdout) == []


@pytest.mark.parametrize("gzipped", [False, True])
def test_slices_read_by_workers_give_the_outcomes_of_one_process_and_true_line_numbers(
    export_lines: list[str], tmp_path: Path, gzipped: bool
) -> None:
    lines = copies(export_lines, 60)
    lines[7] = "not json"
    lines[31] = lines[31].replace('"id":"', '"id":"0', 1)
    lines[44] = ""
    text = "".join(line + "\n" for line in lines).encode()
    dump = tmp_path / ("dump.jsonl.gz" if gzipped else "dump.jsonl")
    dump.write_bytes(gzip.compress(text) if gzipped else text)
    outcomes = {}
    for jobs in (1, 2):
        with Archive.open(tmp_path / f"jobs{jobs}.db") as archive:
            found = import_files(archive, iter_import_files([str(dump)]), jobs=jobs, slice_bytes=2000, batch_size=7)
            outcomes[jobs] = [(o.where, o.status, o.reason and o.reason.split(" (")[0]) for o in found]
            assert archive.count() == 57
            assert archive.unindexed() == 57
    assert outcomes[1] == outcomes[2]
    failed = [(where, reason) for where, status, reason in outcomes[2] if status == "failed"]
    assert failed == [(f"{dump}:8", "not valid JSON"), (f"{dump}:32", "id '0" + json.loads(lines[31])["id"][1:] + "'"
                      " is not 16 lowercase hex characters")]  # fmt: skip
    numbers = [int(where.rsplit(":", 1)[1]) for where, _, _ in outcomes[2]]
    assert sorted(numbers) == [n + 1 for n in range(60) if n != 44]


def test_each_slice_is_written_as_it_comes_while_every_batch_commits_whole(
    export_lines: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The writing process writes a slice's rows as soon as the slice is read, into the
    open transaction, rather than waiting for a whole batch, so reading and writing overlap
    from the first slice; transactions still hold `batch_size` rows each, and another
    connection sees only committed batches."""
    from newsarchive import importer

    dump = write_lines(tmp_path / "dump.jsonl", copies(export_lines, 30))
    db = tmp_path / "target.db"
    seen: list[tuple[bool, int, int]] = []
    read_slice = importer.read_slice
    with Archive.open(db) as archive:
        other = sqlite3.connect(db)

        def observed(task: importer.Slice) -> importer.SliceRead:
            (own,) = archive.conn.execute("SELECT count(*) FROM articles").fetchone()
            (committed,) = other.execute("SELECT count(*) FROM articles").fetchone()
            seen.append((archive.conn.in_transaction, own, committed))
            return read_slice(task)

        monkeypatch.setattr(importer, "read_slice", observed)
        found = list(import_files(archive, iter_import_files([str(dump)]), slice_bytes=1, batch_size=7))
        other.close()
    assert [o.status for o in found] == ["added"] * 30
    assert seen == [(n % 7 != 0, n, 7 * (n // 7)) for n in range(30)]  # slice n is line n + 1


def schema(conn: sqlite3.Connection) -> set[tuple[str, str, str | None]]:
    return set(conn.execute("SELECT type, name, sql FROM sqlite_master"))


def body_column(conn: sqlite3.Connection) -> bool:
    return any(row[1] == "body" for row in conn.execute("PRAGMA table_xinfo(articles)"))


def test_an_import_writes_its_rows_with_the_body_column_aside_and_commits_it_back(
    export_lines: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite computes a virtual column for every row it inserts (`json_extract` of the whole
    record, for a value nothing reads then), so an import's transaction takes `body` off and
    adds it back before it commits: another connection only ever sees the column, and the
    archive's definition, rows and bodies come out as they were."""
    from newsarchive import importer

    dump = write_lines(tmp_path / "dump.jsonl", copies(export_lines, 12))
    db = tmp_path / "target.db"
    seen: list[tuple[bool, bool]] = []
    read_slice = importer.read_slice
    with Archive.open(db) as archive:
        before = schema(archive.conn)
        other = sqlite3.connect(db)

        def observed(task: importer.Slice) -> importer.SliceRead:
            seen.append((body_column(archive.conn), body_column(other)))
            return read_slice(task)

        monkeypatch.setattr(importer, "read_slice", observed)
        found = list(import_files(archive, iter_import_files([str(dump)]), slice_bytes=1, batch_size=5))
        other.close()
        assert [o.status for o in found] == ["added"] * 12
        assert schema(archive.conn) == before
        bodies = archive.conn.execute("SELECT body, json_extract(record, '$.body') FROM articles").fetchall()
        assert len(bodies) == 12 and all(body == value and body for body, value in bodies)
        for _ in archive.index_pending():
            pass
        assert index_matches_content(archive.conn)
    # slice n is line n + 1: a transaction opens at lines 1, 6 and 11, the column goes with it
    assert seen == [(True, True)] + [(n % 5 == 0, True) for n in range(1, 12)]


def test_an_import_keeps_the_body_column_where_another_program_uses_it(
    export_lines: list[str], tmp_path: Path
) -> None:
    """A view, an index or an insert trigger of another program's naming `body` would break
    or stop firing without the column: the import then leaves it in place, rows as before."""
    db = tmp_path / "target.db"
    Archive.open(db).close()
    conn = sqlite3.connect(db)
    conn.execute("CREATE VIEW bodies AS SELECT pk, body FROM articles")
    conn.execute("CREATE TABLE seen (pk INTEGER)")
    conn.execute("CREATE TRIGGER seen_ai AFTER INSERT ON articles BEGIN INSERT INTO seen VALUES (new.pk); END")
    conn.commit()
    conn.close()
    dump = write_lines(tmp_path / "dump.jsonl", export_lines)
    with Archive.open(db) as archive:
        before = schema(archive.conn)
        found = list(import_files(archive, iter_import_files([str(dump)])))
        assert [o.status for o in found] == ["added"] * 4
        assert schema(archive.conn) == before
        assert archive.conn.execute("SELECT count(*) FROM seen").fetchone() == (4,)
        assert sorted(b for (b,) in archive.conn.execute("SELECT body FROM bodies")) == sorted(
            json.loads(line)["body"] for line in export_lines
        )


def test_an_import_checkpoints_in_a_thread_of_its_own_and_leaves_every_page_copied(
    export_lines: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Copying committed pages from the WAL into the file (and syncing both) is left to a
    thread with its own connection, so the writing thread never waits for it at a commit,
    and the writing connection's page cache holds a batch; the import returns only once
    every committed page is copied, with the connection's own settings back and the thread
    gone."""
    import threading

    from newsarchive import importer
    from newsarchive.store import IMPORT_CACHE_KIB

    dump = write_lines(tmp_path / "dump.jsonl", copies(export_lines, 40))
    db = tmp_path / "target.db"
    during: list[tuple[int, int]] = []
    read_slice = importer.read_slice
    with Archive.open(db) as archive:

        def observed(task: importer.Slice) -> importer.SliceRead:
            settings = [archive.conn.execute(f"PRAGMA {name}").fetchone()[0] for name in ("wal_autocheckpoint",
                                                                                         "cache_size")]  # fmt: skip
            during.append((settings[0], settings[1]))
            return read_slice(task)

        before = archive.conn.execute("PRAGMA cache_size").fetchone()
        monkeypatch.setattr(importer, "read_slice", observed)
        found = list(import_files(archive, iter_import_files([str(dump)]), slice_bytes=1, batch_size=7))
        assert [o.status for o in found] == ["added"] * 40
        # The writing connection never checkpoints during the import, and keeps a batch in its cache.
        assert set(during) == {(0, -IMPORT_CACHE_KIB)}
        assert archive.conn.execute("PRAGMA wal_autocheckpoint").fetchone() == (1000,)
        assert archive.conn.execute("PRAGMA cache_size").fetchone() == before
        assert not [t for t in threading.enumerate() if t.name == "newsarchive-checkpoint"]
        other = sqlite3.connect(db)
        busy, frames, copied = other.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        other.close()
    assert busy == 0 and frames > 0 and copied == frames


def test_an_import_waits_for_the_checkpoint_once_the_wal_has_grown_past_its_bound(
    export_lines: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The WAL starts again from its beginning only at a transaction that begins once every
    page is copied: past `IMPORT_WAL_BYTES` each transaction waits for that, so the log
    stays about one batch long instead of growing by every batch of the import."""
    from newsarchive import store

    monkeypatch.setattr(store, "IMPORT_WAL_BYTES", 0)
    sizes = {}
    for count in (10, 120):  # one batch, twelve
        dump = write_lines(tmp_path / f"dump{count}.jsonl", copies(export_lines, count))
        with Archive.open(tmp_path / f"{count}.db") as archive:
            list(import_files(archive, iter_import_files([str(dump)]), slice_bytes=1, batch_size=10))
            sizes[count] = (tmp_path / f"{count}.db-wal").stat().st_size
    assert sizes[120] < 2 * sizes[10]


def test_reading_workers_run_without_the_cyclic_garbage_collector(
    export_lines: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reading worker makes thousands of small acyclic objects a slice; it runs with the
    cyclic collector off (its passes over them cost a few percent of the reading). The
    process that writes turns it off only while it writes, and back on at the end."""
    import gc

    from newsarchive import importer

    def tells(task: importer.Slice) -> importer.SliceRead:
        return task, [(0, f"collector {'on' if gc.isenabled() else 'off'}")], 0

    monkeypatch.setattr(importer, "read_slice", tells)
    dump = write_lines(tmp_path / "dump.jsonl", copies(export_lines, 20))
    with Archive.open(tmp_path / "target.db") as archive:
        found = list(import_files(archive, iter_import_files([str(dump)]), jobs=2, slice_bytes=1000))
    assert len(found) > 2 and {o.reason for o in found} == {"collector off"}
    assert gc.isenabled()


def test_reading_workers_keep_the_memory_they_free_and_ask_glibc_for_it(
    export_lines: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reading worker frees megabytes of rows and pickle every slice; by default glibc
    gives large blocks and the heap's top back to the system, and the next slice faults
    them in again page by page. Each worker sets both thresholds high (`mallopt`) once."""
    import ctypes
    import platform

    from newsarchive import importer, pool

    if platform.libc_ver()[0] != "glibc":
        pytest.skip("glibc's mallopt only")
    asked: list[tuple[int, int]] = []

    class FakeLibc:
        def __init__(self, name: str) -> None:
            self.mallopt = self

        def __call__(self, param: int, value: int) -> int:
            asked.append((param, value))
            return 1

    monkeypatch.setattr(ctypes, "CDLL", FakeLibc)
    assert pool.keep_freed_memory()
    assert asked == [(pool.M_MMAP_THRESHOLD, pool.WORKER_MMAP_THRESHOLD),
                     (pool.M_TRIM_THRESHOLD, pool.WORKER_TRIM_THRESHOLD)]  # fmt: skip
    monkeypatch.undo()
    real = "from newsarchive.pool import keep_freed_memory as keep; assert keep()"  # accepts both values
    assert subprocess.run([sys.executable, "-c", real], capture_output=True).returncode == 0
    called: list[bool] = []
    monkeypatch.setattr(pool, "keep_freed_memory", lambda: called.append(True) or True)
    importer._reader_setup(None)
    import gc

    gc.enable()
    assert called == [True]


def test_the_writing_process_imports_without_the_cyclic_collector_and_restores_it(
    export_lines: list[str], tmp_path: Path
) -> None:
    """The writing process unpickles thousands of acyclic row tuples a slice and the
    collector's passes over them cost it about a tenth of its work: it is off while the
    rows are written (seen between outcomes) and as it was before once the import ends,
    also when the caller had turned it off itself."""
    import gc

    dump = write_lines(tmp_path / "dump.jsonl", copies(export_lines, 3))
    with Archive.open(tmp_path / "target.db") as archive:
        seen = {gc.isenabled() for _ in import_files(archive, iter_import_files([str(dump)]))}
    assert seen == {False} and gc.isenabled()
    gc.disable()
    try:
        with Archive.open(tmp_path / "again.db") as archive:
            list(import_files(archive, iter_import_files([str(dump)])))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_first_slices_of_a_file_are_smaller(
    export_lines: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The writing process waits for a file's first slice before it writes anything, so the
    first slices start small and double up to the usual size."""
    from newsarchive import importer

    monkeypatch.setattr(importer, "FIRST_SLICE_BYTES", 1000)
    dump = write_lines(tmp_path / "dump.jsonl", copies(export_lines, 60))
    longest = max(len(line.encode()) + 1 for line in dump.read_text(encoding="utf-8").splitlines())
    sizes = [task.end - task.start for task in importer.slices(str(dump), slice_bytes=8000)]
    assert sum(sizes) == dump.stat().st_size and len(sizes) > 5
    for size, step in zip(sizes[:-1], [1000, 2000, 4000, 8000, 8000, 8000, 8000], strict=False):
        assert step <= size < step + longest


def test_a_slice_whose_reader_dies_fails_by_its_first_line_and_later_slices_keep_true_numbers(
    export_lines: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Slices are numbered by the writing process from the lines before them, so a slice
    whose worker was killed (and whose line count is unknown) must not shift the numbers
    of the slices after it."""
    import os
    import signal

    from newsarchive import importer

    lines = copies(export_lines, 40)
    dump = write_lines(tmp_path / "dump.jsonl", lines)
    cuts = [task.start for task in importer.slices(str(dump), slice_bytes=3000)]
    assert len(cuts) > 3
    doomed = cuts[1]
    first_doomed = dump.read_bytes()[:doomed].count(b"\n") + 1
    read_slice = importer.read_slice

    def dies_on_one(task: importer.Slice) -> importer.SliceRead:
        if task.start == doomed:
            os.kill(os.getpid(), signal.SIGKILL)
        return read_slice(task)

    monkeypatch.setattr(importer, "read_slice", dies_on_one)  # the forked workers inherit it
    with Archive.open(tmp_path / "target.db") as archive:
        found = list(import_files(archive, iter_import_files([str(dump)]), jobs=2, slice_bytes=3000))
    failed = [(o.where, o.reason) for o in found if o.status == "failed"]
    assert len(failed) == 1
    assert failed[0][0] == str(dump)
    assert (failed[0][1] or "").startswith(f"records from line {first_doomed} on were not read (")
    added = [int(o.where.rsplit(":", 1)[1]) for o in found if o.status == "added"]
    lost = dump.read_bytes()[doomed : cuts[2]].count(b"\n")
    assert added == [n for n in range(1, 41) if not first_doomed <= n < first_doomed + lost]


def test_an_import_closed_midway_stops_its_readers_and_keeps_what_it_committed(
    export_lines: list[str], tmp_path: Path
) -> None:
    """The readers run behind a feeder thread: closing the import (what Ctrl-C does) must
    stop that thread and its worker processes, and leave the committed batches stored."""
    import multiprocessing

    dump = write_lines(tmp_path / "dump.jsonl", copies(export_lines, 120))
    with Archive.open(tmp_path / "target.db") as archive:
        outcomes = import_files(archive, iter_import_files([str(dump)]), jobs=2, slice_bytes=3000, batch_size=10)
        seen = [next(outcomes) for _ in range(15)]
        assert multiprocessing.active_children()
        outcomes.close()
        assert multiprocessing.active_children() == []
        assert {o.status for o in seen} == {"added"}
        assert 15 <= archive.count() < 120
        assert archive.unindexed() == archive.count()
        assert archive.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


@pytest.mark.parametrize("gzipped", [False, True])
def test_records_read_by_workers_are_stored_as_the_very_lines_they_checked(
    export_lines: list[str], tmp_path: Path, gzipped: bool
) -> None:
    """Lines read by workers cross to the writer as bytes: each record must be its own line,
    byte for byte, past a byte-order mark and multi-byte characters, and a line not in the
    archive's form stored in that form."""
    lines = copies(export_lines, 48)
    spaced = json.dumps(json.loads(lines[9]), ensure_ascii=False)  # not the compact form
    lines[9] = spaced
    text = ("\ufeff" + "".join(line + "\n" for line in lines)).encode()
    dump = tmp_path / ("dump.jsonl.gz" if gzipped else "dump.jsonl")
    dump.write_bytes(gzip.compress(text) if gzipped else text)
    with Archive.open(tmp_path / "target.db") as archive:
        found = list(import_files(archive, iter_import_files([str(dump)]), jobs=2, slice_bytes=2500, batch_size=7))
        assert {o.status for o in found} == {"added"} and len(found) == 48
        stored = dict(archive.conn.execute("SELECT id, record FROM articles").fetchall())
    expected = {json.loads(line)["id"]: line for line in lines}
    expected[json.loads(spaced)["id"]] = json.dumps(json.loads(spaced), ensure_ascii=False, separators=(",", ":"))
    assert stored == expected


def test_parquet_row_groups_are_read_as_slices(export_lines: list[str], tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from newsarchive.parquet import arrow_schema

    records = [json.loads(line) for line in copies(export_lines, 30)]
    dump = tmp_path / "dump.parquet"
    pq.write_table(pa.Table.from_pylist(records, schema=arrow_schema()), dump, row_group_size=8)
    assert pq.ParquetFile(dump).num_row_groups == 4
    with Archive.open(tmp_path / "target.db") as archive:
        found = list(import_files(archive, iter_import_files([str(dump)]), jobs=2, slice_bytes=1))
        assert [o.where for o in found] == [f"{dump}#{n}" for n in range(1, 31)]
        assert {o.status for o in found} == {"added"}
        stored = {i: r for i, r in archive.conn.execute("SELECT id, record FROM articles")}
    assert stored == {r["id"]: json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in records}


def test_a_file_that_is_not_utf8_fails_only_on_its_bad_lines(export_lines: list[str], tmp_path: Path) -> None:
    dump = tmp_path / "dump.jsonl"
    dump.write_bytes(b"\n".join([export_lines[0].encode(), b'{"id": "\xff"}', export_lines[1].encode()]) + b"\n")
    with Archive.open(tmp_path / "target.db") as archive:
        found = [(o.where, o.status, o.reason) for o in import_files(archive, iter_import_files([str(dump)]))]
    assert sorted((where, status) for where, status, _ in found) == [
        (f"{dump}:1", "added"), (f"{dump}:2", "failed"), (f"{dump}:3", "added")]  # fmt: skip
    assert [reason for _, status, reason in found if status == "failed"][0].startswith("not UTF-8 text")


KILLER = """
import os, signal, sys
from newsarchive.importer import import_files, iter_import_files
from newsarchive.store import Archive
archive = Archive.open(sys.argv[1])
outcomes = 0
for outcome in import_files(archive, iter_import_files([sys.argv[2]]), batch_size=50):
    outcomes += 1
    if outcomes == 100:  # two batches committed: die inside the third one's transaction
        steps = [0]
        def die():
            steps[0] += 1
            if steps[0] > int(sys.argv[3]):
                os.kill(os.getpid(), signal.SIGKILL)
            return 0
        archive.conn.set_progress_handler(die, 100)
"""


@pytest.mark.parametrize("steps", [1, 10, 60])
def test_an_import_killed_mid_transaction_leaves_the_index_pending_not_stale(
    runner: CliRunner, export_lines: list[str], tmp_path: Path, steps: int
) -> None:
    dump = write_lines(tmp_path / "dump.jsonl", copies(export_lines, 200))
    db = tmp_path / "target.db"
    done = subprocess.run([sys.executable, "-c", KILLER, str(db), str(dump), str(steps)], capture_output=True)
    assert done.returncode == -9, done.stderr
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert body_column(conn)  # taken off inside the killed transaction: back with its rollback
    stored = {i for (i,) in conn.execute("SELECT id FROM articles")}
    assert len(stored) == 100  # the two committed batches, nothing of the third
    assert conn.execute("SELECT count(*) FROM fts_pending").fetchone() == (100,)
    assert conn.execute("SELECT count(*) FROM articles_fts_docsize").fetchone() == (0,)
    conn.close()
    hits = jsonl(invoke(runner, "--archive", str(db), "search", "harbour", "--format", "jsonl").stdout)
    assert len(hits) == 25
    result = invoke(runner, "--archive", str(db), "import", str(dump))
    assert "100 added, 100 unchanged, 0 failed" in result.stderr
    hits = jsonl(invoke(runner, "--archive", str(db), "search", "harbour", "--format", "jsonl").stdout)
    assert len(hits) == 50
    with Archive.open(db) as archive:
        assert index_matches_content(archive.conn)


def test_search_on_a_read_only_archive_with_a_pending_index_says_what_to_do(
    runner: CliRunner, export_lines: list[str], tmp_path: Path
) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "archive.db"
    invoke(runner, "--archive", str(db), "import", str(write_lines(tmp_path / "dump.jsonl", export_lines)))
    db.chmod(0o444)
    folder.chmod(0o555)
    try:
        done = run_cli("--archive", str(db), "search", "harbour", cwd=tmp_path, unprivileged=True)
        assert done.returncode == 1
        assert done.stdout == b""
        message = done.stderr.decode()
        assert "4 imported records are not in the search index yet and the archive is read-only" in message
        assert "newsarchive index" in message
        listed = run_cli("--archive", str(db), "list", cwd=tmp_path, unprivileged=True)
        assert listed.returncode == 0 and len(listed.stdout.splitlines()) == 4
    finally:
        folder.chmod(0o755)
        db.chmod(0o644)
    invoke(runner, "--archive", str(db), "index")
    db.chmod(0o444)
    folder.chmod(0o555)
    try:
        done = run_cli("--archive", str(db), "search", "harbour", cwd=tmp_path, unprivileged=True)
        assert done.returncode == 0, done.stderr
        assert [json.loads(line)["headline"] for line in done.stdout.splitlines()] == [STORIES[0][0]]
    finally:
        folder.chmod(0o755)
        db.chmod(0o644)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("plain ASCII", False), ("Zürich à £5", False), ("curly “quotes” — and a dash", False),
     ("外国专家", True), ("Tokyo 東京", True), ("한국어", True), (None, False), ("", False)],
)  # fmt: skip
def test_has_cjk_tells_cjk_text_from_latin_and_punctuation(text: str | None, expected: bool) -> None:
    assert has_cjk(text) is expected
