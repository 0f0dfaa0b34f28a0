"""Every path an input was ingested from is remembered: `show PATH`, `rm PATH`, `rm ID`,
skipped files counted, and unreadable inputs failing alone."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsarchive.store import Archive

from .conftest import invoke, jsonl

STORY = b"Harbour bridge reopens\n\nThe harbour bridge reopened on Monday after repairs.\n\nTraffic resumed at noon.\n"
OTHER = b"Council approves budget\n\nThe council approved the budget on Tuesday.\n\nSpending rises next year.\n"


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_the_same_bytes_at_a_second_path_are_remembered(runner: CliRunner, tmp_path: Path) -> None:
    first = write(tmp_path / "a" / "story.txt", STORY)
    second = write(tmp_path / "b" / "copy.txt", STORY)
    (added,) = jsonl(invoke(runner, "ingest", str(first)).stdout)
    (again,) = jsonl(invoke(runner, "ingest", str(second)).stdout)
    assert again["status"] == "unchanged" and again["id"] == added["id"]
    second.unlink()  # now only the remembered path can name it
    assert json.loads(invoke(runner, "show", str(second)).stdout)["id"] == added["id"]


def test_show_path_finds_a_file_by_its_bytes_from_anywhere(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    story = write(tmp_path / "in" / "story.txt", STORY)
    monkeypatch.chdir(tmp_path / "in")
    (added,) = jsonl(invoke(runner, "ingest", "./story.txt").stdout)
    for ref in ("story.txt", "./story.txt", str(story)):
        assert json.loads(invoke(runner, "show", ref).stdout)["id"] == added["id"], ref
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(story, elsewhere / "renamed.txt")
    monkeypatch.chdir(elsewhere)
    assert json.loads(invoke(runner, "show", "renamed.txt").stdout)["id"] == added["id"]  # a copy, by its bytes
    assert json.loads(invoke(runner, "show", "../in/story.txt").stdout)["id"] == added["id"]


def test_show_path_finds_a_deleted_file_by_its_remembered_path_normalised(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    story = write(tmp_path / "story.txt", STORY)
    monkeypatch.chdir(tmp_path)
    (added,) = jsonl(invoke(runner, "ingest", "story.txt").stdout)
    story.unlink()
    for ref in ("./story.txt", str(story)):
        assert json.loads(invoke(runner, "show", ref).stdout)["id"] == added["id"], ref


def test_rm_path_removes_only_that_path_and_the_record_goes_with_its_last(
    runner: CliRunner, tmp_path: Path
) -> None:
    first = write(tmp_path / "a.txt", STORY)
    second = write(tmp_path / "b.txt", STORY)
    invoke(runner, "ingest", str(first), str(second))
    invoke(runner, "rm", str(first))
    assert len(jsonl(invoke(runner, "list").stdout)) == 1  # still reachable from b.txt
    invoke(runner, "show", str(second))
    first.unlink()
    invoke(runner, "show", str(first), expect=1)
    invoke(runner, "rm", str(second))
    assert jsonl(invoke(runner, "list").stdout) == []


def test_rm_id_removes_the_record_with_every_path(runner: CliRunner, tmp_path: Path, isolated_archive: Path) -> None:
    first = write(tmp_path / "a.txt", STORY)
    second = write(tmp_path / "b.txt", STORY)
    (added, _) = jsonl(invoke(runner, "ingest", str(first), str(second)).stdout)
    invoke(runner, "rm", added["id"][:8])
    assert jsonl(invoke(runner, "list").stdout) == []
    with sqlite3.connect(isolated_archive) as conn:
        assert conn.execute("SELECT count(*) FROM locations").fetchone()[0] == 0


def test_a_path_with_new_bytes_keeps_the_old_record_while_another_path_holds_it(
    runner: CliRunner, tmp_path: Path
) -> None:
    first = write(tmp_path / "a.txt", STORY)
    second = write(tmp_path / "b.txt", STORY)
    invoke(runner, "ingest", str(first), str(second))
    first.write_bytes(OTHER)
    (outcome,) = jsonl(invoke(runner, "ingest", str(first)).stdout)
    assert outcome["status"] == "updated"
    headlines = sorted(r["headline"] for r in jsonl(invoke(runner, "list").stdout))
    assert headlines == ["Council approves budget", "Harbour bridge reopens"]


def test_a_skipped_file_is_counted_and_listed_with_verbose(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder / "story.txt", STORY)
    write(folder / "photo.png", b"\x89PNG")
    write(folder / "data.jsonl", b"{}\n")
    result = invoke(runner, "ingest", str(folder))
    assert "3 inputs: 1 added" in result.stderr and "(2 skipped: 2 not an article file)" in result.stderr
    assert [o["status"] for o in jsonl(result.stdout)] == ["added"]
    verbose = jsonl(invoke(runner, "ingest", str(folder), "-v").stdout)
    assert sorted(o["path"] for o in verbose if o["status"] == "skipped") == [
        str(folder / "data.jsonl"), str(folder / "photo.png"),
    ]  # fmt: skip


def test_a_folder_of_only_skipped_files_creates_no_archive(
    runner: CliRunner, tmp_path: Path, isolated_archive: Path
) -> None:
    write(tmp_path / "in" / "photo.png", b"\x89PNG")
    result = invoke(runner, "ingest", str(tmp_path / "in"))
    assert "1 input: 0 added" in result.stderr and "1 skipped" in result.stderr
    assert not isolated_archive.exists()


def test_an_unreadable_file_named_on_the_command_line_fails_alone(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", STORY)
    locked = write(tmp_path / "locked.txt", OTHER)
    locked.chmod(0)
    archive = str(tmp_path / "a.db")
    command = [sys.executable, "-m", "newsarchive", "--archive", archive, "ingest", str(good), str(locked)]
    if os.geteuid() == 0:  # root reads any file unless it gives up the capability to
        setpriv = shutil.which("setpriv")
        assert setpriv, "running this test as root needs util-linux's setpriv"
        command = [setpriv, "--bounding-set=-dac_override,-dac_read_search", *command]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 3, done.stderr
    assert {o["path"]: o["status"] for o in jsonl(done.stdout)} == {str(good): "added", str(locked): "failed"}
    assert f"failed: {locked}: permission denied" in done.stderr
    assert "Usage:" not in done.stderr


def test_an_unreadable_input_is_not_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    # Whoever runs the tests (root reads anything), click must not refuse the command itself:
    # a directory given where a file is read fails as that input, with exit 3.
    good = write(tmp_path / "good.txt", STORY)
    fifo_free = tmp_path / "a-directory.txt"
    fifo_free.mkdir()
    write(fifo_free / "inner.txt", OTHER)
    result = invoke(runner, "ingest", str(good), str(tmp_path / "missing.txt"), expect=3)
    assert "Usage:" not in result.stderr
    assert [o["status"] for o in jsonl(result.stdout)] == ["added", "failed"]


def test_a_v1_archive_is_migrated_to_v2_with_its_paths(tmp_path: Path) -> None:
    path = tmp_path / "v1.db"
    conn = sqlite3.connect(path)
    conn.isolation_level = None
    from newsarchive.migrations import m001_initial, m002_index_inserts_in_batches

    conn.execute("BEGIN")
    conn.execute("CREATE TABLE _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    for migration in (m001_initial, m002_index_inserts_in_batches):
        migration(conn)
        conn.execute("INSERT INTO _migrations VALUES (?, datetime('now'))", (migration.__name__,))
    v1 = {
        "schema_version": 1, "id": "0123456789abcdef", "headline": "Old story", "summary": None, "publisher": None,
        "date": None, "date_raw": None, "date_modified": None, "byline": [], "sections": [], "links": [],
        "captions": [], "tags": [], "language": None, "url": "https://www.news.example/old", "body": "",
        "word_count": 0,
        "source": {"path": "seeds/old.txt", "sha256": "0123456789abcdef" * 4, "format": "text", "encoding": "utf-8",
                   "bytes": 3},
        "ingested_at": "2024-01-01T00:00:00+00:00", "warnings": [],
    }  # fmt: skip
    conn.execute(
        "INSERT INTO articles (id, sha256, path, headline, format, word_count, ingested_at, record)"
        " VALUES (?, ?, ?, ?, 'text', 0, ?, ?)",
        (v1["id"], v1["source"]["sha256"], "seeds/old.txt", "Old story", v1["ingested_at"], json.dumps(v1)),  # type: ignore[index]
    )
    conn.execute("COMMIT")
    conn.close()
    with Archive.open(path) as archive:
        record = json.loads(archive.get_json("seeds/old.txt"))
        assert record["schema_version"] == 2 and record["source"]["member"] is None
        assert {k: v for k, v in record.items() if k not in ("schema_version", "source")} == {
            k: v for k, v in v1.items() if k not in ("schema_version", "source")
        }
        assert archive.resolve("https://www.news.example/old") == "0123456789abcdef"
        assert [p.path for p in archive.locations("0123456789abcdef")] == ["seeds/old.txt"]
        site = archive.conn.execute("SELECT site FROM articles").fetchone()[0]
    assert site == "news.example"


README_TEXT = b"""Consists of 2225 documents from a news website corresponding to stories in five topical areas.
Natural Classes: 5 (business, entertainment, politics, sport, tech)

If you make use of the dataset, please consider citing the publication:
- A. Author and B. Author. "A Paper Title", Proc. Conference 2006.

Contact A. Author <a.author@example.org> for further information.
http://data.example/datasets/news.html
"""

MANIFEST_TEXT = b"""# corpus manifest

| source | files | bytes |
| --- | ---: | ---: |
| aeb | 181 | 32,391,415 |
| fundus | 249 | 73,600,000 |

## Layout

- `truth.jsonl` holds one object per file
- `html/` holds the pages
"""


def test_documentation_in_a_folder_is_skipped_with_a_reason(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder / "story.txt", STORY)
    write(folder / "README.TXT", README_TEXT)
    write(folder / "MANIFEST.md", MANIFEST_TEXT)
    result = invoke(runner, "ingest", str(folder), "-v")
    statuses = {Path(o["path"]).name: (o["status"], o["reason"]) for o in jsonl(result.stdout)}
    assert statuses["story.txt"][0] == "added"
    for name in ("README.TXT", "MANIFEST.md"):
        status, reason = statuses[name]
        assert status == "skipped" and reason.startswith("not an article: documentation"), name
    assert "2 skipped" in result.stderr and "failed" not in result.stderr.split("0 failed")[0]


def test_a_short_article_without_a_date_is_still_an_article(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path / "note.txt", b"Council approves budget\n\nThe council approved the budget on Tuesday.\n")
    assert [o["status"] for o in jsonl(invoke(runner, "ingest", str(path)).stdout)] == ["added"]
