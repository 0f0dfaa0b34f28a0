"""Exported records survive a round trip: importing an export into a new archive gives the
same ids and records (ingesting the same sources again gives them too, but for the ingest
time); and the archive file is plain SQLite that other tools can read."""

from __future__ import annotations

import gzip
import json
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newsarchive.serialize import record_id, sha256_hex

from .conftest import invoke, jsonl

FRONT = "---\ntitle: {title}\ndate: {date}\nauthor: {author}\n---\n{body}\n"


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    """A folder of small article files: plain text, front matter, non-ASCII, gzipped."""
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "plain.txt").write_text("Plain headline\n\nA paragraph of plain text.\n", encoding="utf-8")
    (folder / "front.md").write_text(
        FRONT.format(title="Front matter story", date="2020-01-02", author="Jane Doe", body="Body text."),
        encoding="utf-8",
    )
    (folder / "accents.txt").write_text("Élection à Zürich\n\nLes électeurs ont voté.\n", encoding="utf-8")
    (folder / "packed.txt.gz").write_bytes(gzip.compress(b"Packed headline\n\nCompressed body.\n"))
    return folder


def without_ingest_time(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k != "ingested_at"}


def test_export_then_import_keeps_ids_and_records(runner: CliRunner, sources: Path, tmp_path: Path) -> None:
    # The export itself goes back in (not the sources again): every record comes back as it was.
    first, second = tmp_path / "first.db", tmp_path / "second.db"
    invoke(runner, "--archive", str(first), "ingest", str(sources))
    dump = tmp_path / "dump.jsonl"
    invoke(runner, "--archive", str(first), "export", "-o", str(dump))
    exported = {r["id"]: r for r in jsonl(dump.read_text(encoding="utf-8"))}
    assert len(exported) == 4

    invoke(runner, "--archive", str(second), "import", str(dump))
    again = {r["id"]: r for r in jsonl(invoke(runner, "--archive", str(second), "export").stdout)}
    assert again == exported


def test_reingesting_the_sources_gives_the_same_records_but_the_ingest_time(
    runner: CliRunner, sources: Path, tmp_path: Path
) -> None:
    first, second = tmp_path / "first.db", tmp_path / "second.db"
    invoke(runner, "--archive", str(first), "ingest", str(sources))
    invoke(runner, "--archive", str(second), "ingest", str(sources))
    exported = {r["id"]: r for r in jsonl(invoke(runner, "--archive", str(first), "export").stdout)}
    again = {r["id"]: r for r in jsonl(invoke(runner, "--archive", str(second), "export").stdout)}
    assert again.keys() == exported.keys()
    for record_id_ in exported:
        assert without_ingest_time(again[record_id_]) == without_ingest_time(exported[record_id_])


def test_exported_ids_are_the_hash_of_each_source(runner: CliRunner, sources: Path) -> None:
    invoke(runner, "ingest", str(sources))
    exported = {Path(r["source"]["path"]).name: r["id"] for r in jsonl(invoke(runner, "export").stdout)}
    expected = {
        path.name: record_id(sha256_hex(gzip.decompress(data) if path.suffix == ".gz" else data))
        for path in sources.iterdir()
        for data in [path.read_bytes()]
    }
    assert exported == expected


def test_json_array_export_holds_the_same_records_as_json_lines(runner: CliRunner, sources: Path) -> None:
    invoke(runner, "ingest", str(sources))
    assert json.loads(invoke(runner, "export", "--format", "json").stdout) == jsonl(invoke(runner, "export").stdout)


def test_sources_moved_elsewhere_keep_their_ids(runner: CliRunner, sources: Path, tmp_path: Path) -> None:
    # Identity comes from the bytes, not the path.
    invoke(runner, "ingest", str(sources))
    moved = tmp_path / "moved"
    shutil.copytree(sources, moved)
    db = tmp_path / "moved.db"
    invoke(runner, "--archive", str(db), "ingest", str(moved))
    ids = {r["id"] for r in jsonl(invoke(runner, "export").stdout)}
    assert {r["id"] for r in jsonl(invoke(runner, "--archive", str(db), "export").stdout)} == ids


def test_archive_opens_in_plain_sqlite(runner: CliRunner, sources: Path, isolated_archive: Path) -> None:
    invoke(runner, "ingest", str(sources))
    conn = sqlite3.connect(isolated_archive)  # no newsarchive code involved from here on
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        headlines = {h for (h,) in conn.execute("SELECT json_extract(record, '$.headline') FROM articles")}
        assert "Élection à Zürich" in headlines
        authors = [
            name
            for (name,) in conn.execute(
                "SELECT json_extract(b.value, '$.name') FROM articles, json_each(articles.record, '$.byline') AS b"
            )
        ]
        assert authors == ["Jane Doe"]
        (hits,) = conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'electeurs'").fetchone()
        assert hits == 1
        dated = conn.execute("SELECT date FROM articles WHERE date IS NOT NULL").fetchall()
        assert dated == [("2020-01-02",)]
    finally:
        conn.close()


@pytest.mark.skipif(shutil.which("sqlite3") is None, reason="the sqlite3 shell is not installed")
def test_archive_opens_in_the_sqlite3_shell(runner: CliRunner, sources: Path, isolated_archive: Path) -> None:
    invoke(runner, "ingest", str(sources))
    result = subprocess.run(
        ["sqlite3", str(isolated_archive), "SELECT count(*), sum(json_extract(record, '$.word_count')) FROM articles"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    count, words = result.stdout.strip().split("|")
    assert int(count) == 4 and int(words) > 0
