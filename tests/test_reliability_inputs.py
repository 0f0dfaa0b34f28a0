"""Bad inputs never cost the batch: each fails alone with one stderr line naming the file and
the reason, the good inputs around it are stored, and the exit status is 3. Inputs that are
merely awkward (odd encodings, NUL bytes, huge or deeply nested pages) are stored correctly."""

from __future__ import annotations

import gzip
import json
import os
import random
import sqlite3
import subprocess
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from newsarchive.errors import ParseError
from newsarchive.parse import parse
from newsarchive.serialize import to_dict

from .conftest import assert_valid_record, invoke, jsonl

GOOD_A = b"First good headline\n\nA paragraph that any parser can read.\n"
GOOD_B = b"Second good headline\n\nAnother paragraph, also perfectly ordinary.\n"


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def batch_dir(tmp_path: Path) -> Path:
    """A folder holding two good articles, sorted around whatever bad file a test adds."""
    folder = tmp_path / "in"
    write(folder / "a_good.txt", GOOD_A)
    write(folder / "z_good.txt", GOOD_B)
    return folder


def ingest(runner: CliRunner, db: Path, *args: str, expect: int) -> Result:
    return invoke(runner, "--archive", str(db), "ingest", *args, expect=expect)


def failed_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("failed:")]


def stored_records(db: Path) -> list[dict[str, Any]]:
    with sqlite3.connect(db) as conn:
        return [json.loads(r) for (r,) in conn.execute("SELECT record FROM articles ORDER BY path")]


def assert_fails_alone(result: Result, db: Path, bad: Path, reason: str) -> None:
    """One `failed:` line naming `bad` with `reason`, both good files stored, no traceback."""
    assert "Traceback" not in result.stderr
    (line,) = failed_lines(result)
    assert line.startswith(f"failed: {bad}: ")
    assert reason in line
    statuses = {o["path"]: o["status"] for o in jsonl(result.stdout)}
    assert statuses[str(bad)] == "failed"
    good = [p for p, s in statuses.items() if p.endswith("_good.txt") and s == "added"]
    assert len(good) == 2
    assert len(stored_records(db)) == 2


def bomb(path: Path, size: int) -> Path:
    """A gzip file inflating to `size` zero bytes, compressed in a single member."""
    deflate = zlib.compressobj(1, zlib.DEFLATED, 31)
    chunk = bytes(1 << 20)
    with open(path, "wb") as handle:
        for _ in range(size // len(chunk)):
            handle.write(deflate.compress(chunk))
        handle.write(deflate.flush())
    return path


BAD_FILES: dict[str, tuple[str, bytes, str]] = {
    "empty": ("m_empty.txt", b"", "file is empty"),
    "blank": ("m_blank.txt", b"  \n\n\t \n", "file is empty"),
    "binary junk": ("m_junk.txt", random.Random(5).randbytes(8192), "binary data"),
    "a png named .html": ("m_photo.html", b"\x89PNG\r\n\x1a\n" + bytes(200), "binary data"),
    "all NUL bytes": ("m_nul.txt", bytes(4096), "binary data"),
    "truncated gzip": ("m_cut.txt.gz", gzip.compress(GOOD_A * 50)[:60], "truncated gzip"),
    "corrupt gzip": ("m_bad.txt.gz", b"\x1f\x8b\x08\x00" + b"\xff" * 200, "corrupt gzip"),
}


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("kind", list(BAD_FILES), ids=list(BAD_FILES))
def test_bad_file_fails_alone_with_one_line_and_exit_3(
    runner: CliRunner, tmp_path: Path, db_path: Path, kind: str, jobs: str
) -> None:
    folder = batch_dir(tmp_path)
    name, data, reason = BAD_FILES[kind]
    bad = write(folder / name, data)
    result = ingest(runner, db_path, str(folder), "-j", jobs, expect=3)
    assert_fails_alone(result, db_path, bad, reason)


def test_summary_counts_the_failure(runner: CliRunner, tmp_path: Path, db_path: Path) -> None:
    folder = batch_dir(tmp_path)
    write(folder / "m_empty.txt", b"")
    result = ingest(runner, db_path, str(folder), expect=3)
    assert result.stderr.splitlines()[-1] == "3 inputs: 2 added, 0 updated, 0 unchanged, 1 failed"


def test_file_over_the_size_cap_fails_before_it_is_read(runner: CliRunner, tmp_path: Path, db_path: Path) -> None:
    folder = batch_dir(tmp_path)
    big = write(folder / "m_big.txt", b"Big headline\n\n" + b"word " * 2000)
    result = ingest(runner, db_path, str(folder), "--max-bytes", "1000", expect=3)
    assert_fails_alone(result, db_path, big, "over the 1,000-byte limit")


def test_gzip_bomb_is_stopped_at_the_cap(runner: CliRunner, tmp_path: Path, db_path: Path) -> None:
    folder = batch_dir(tmp_path)
    bad = bomb(folder / "m_bomb.txt.gz", 64 << 20)
    result = ingest(runner, db_path, str(folder), "--max-bytes", "1000000", expect=3)
    assert_fails_alone(result, db_path, bad, "decompresses to over the 1,000,000-byte limit")


# A bomb of this size would need over 400 MB to inflate; the cap must stop it long before.
BOMB_BYTES = 400 << 20
PEAK_RSS_CAP = 150 << 20  # interpreter + parser (~30 MB) + the 50 MB default cap, with room
# The process's own peak comes from /proc (VmHWM starts afresh at exec), not from
# getrusage(RUSAGE_SELF): Linux carries ru_maxrss across fork+exec, so a child of a large
# pytest process would report pytest's own peak.
MEASURE = """
import atexit, resource, sys
def own_peak_kb():
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
def report():
    peak = max(own_peak_kb(), resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    sys.stderr.write(f"peak-rss-kb {peak}\\n")
atexit.register(report)
from newsarchive.cli import cli
cli()
"""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_gzip_bomb_memory_stays_low_with_the_default_cap(tmp_path: Path, jobs: str) -> None:
    bad = bomb(tmp_path / "bomb.txt.gz", BOMB_BYTES)
    assert bad.stat().st_size < 5 << 20
    good = write(tmp_path / "good.txt", GOOD_A)
    proc = subprocess.run(
        [sys.executable, "-c", MEASURE, "--archive", str(tmp_path / "a.db"), "ingest", str(bad), str(good), "-j", jobs],
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
    )  # fmt: skip
    assert proc.returncode == 3, proc.stderr
    assert "decompresses to over the 52,428,800-byte limit" in proc.stderr
    peak_kb = int(proc.stderr.split("peak-rss-kb ")[1].split()[0])
    assert peak_kb * 1024 < PEAK_RSS_CAP, f"peak RSS {peak_kb} KB"


def test_directory_symlink_loop_is_reported_not_followed(runner: CliRunner, tmp_path: Path, db_path: Path) -> None:
    folder = batch_dir(tmp_path)
    (folder / "sub").mkdir()
    os.symlink("..", folder / "sub" / "up")
    result = ingest(runner, db_path, str(folder), expect=3)
    assert_fails_alone(result, db_path, folder / "sub" / "up", "directory symlink loop, not followed")


def test_dangling_symlink_fails_with_its_reason(runner: CliRunner, tmp_path: Path, db_path: Path) -> None:
    folder = batch_dir(tmp_path)
    os.symlink(tmp_path / "gone.txt", folder / "m_link.txt")
    result = ingest(runner, db_path, str(folder), expect=3)
    assert_fails_alone(result, db_path, folder / "m_link.txt", "no such file or directory")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_file_vanishing_after_the_walk_fails_alone(
    runner: CliRunner, tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    import newsarchive.cli.core as core

    folder = batch_dir(tmp_path)
    doomed = write(folder / "m_doomed.txt", GOOD_A + b"\nDoomed.\n")
    real_walk = core.iter_paths

    def walk_then_delete(inputs: Any) -> Any:
        found = list(real_walk(inputs))
        doomed.unlink()  # listed by the walk, gone before it is read
        return iter(found)

    monkeypatch.setattr(core, "iter_paths", walk_then_delete)
    result = ingest(runner, db_path, str(folder), "-j", jobs, expect=3)
    assert_fails_alone(result, db_path, doomed, "no such file or directory")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_unreadable_file_fails_alone(
    runner: CliRunner, tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    # chmod 000 does not stop root, so the refusal comes from `open` itself (workers are
    # forked, so they inherit the patch).
    import newsarchive.sources as sources

    folder = batch_dir(tmp_path)
    locked = write(folder / "m_locked.txt", GOOD_A + b"\nLocked.\n")

    def guarded_open(path: Any, *args: Any, **kwargs: Any) -> Any:
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return open(path, *args, **kwargs)

    monkeypatch.setattr(sources, "open", guarded_open, raising=False)
    result = ingest(runner, db_path, str(folder), "-j", jobs, expect=3)
    assert_fails_alone(result, db_path, locked, "permission denied")


def test_folder_vanishing_during_the_walk_is_reported(
    runner: CliRunner, tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    import newsarchive.sources as sources

    folder = batch_dir(tmp_path)
    write(folder / "m_sub" / "inner.txt", GOOD_A + b"\nInner.\n")
    real_list = sources._list_directory

    def list_then_delete(directory: str, seen: set[tuple[int, int]]) -> Any:
        listing = real_list(directory, seen)
        if directory == str(folder):
            shutil.rmtree(folder / "m_sub")  # listed as a folder, gone before the walk enters it
        return listing

    monkeypatch.setattr(sources, "_list_directory", list_then_delete)
    result = ingest(runner, db_path, str(folder), expect=3)
    assert_fails_alone(result, db_path, folder / "m_sub", "no such file or directory")


def test_unreadable_folder_is_reported(
    runner: CliRunner, tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = batch_dir(tmp_path)
    locked = folder / "m_locked"
    write(locked / "inner.txt", GOOD_A + b"\nInner.\n")
    real_scandir = os.scandir

    def guarded_scandir(path: Any) -> Any:
        if str(path) == str(locked):  # chmod 000 does not stop root, so refuse here
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", guarded_scandir)
    result = ingest(runner, db_path, str(folder), expect=3)
    assert_fails_alone(result, db_path, locked, "permission denied")


def test_fifo_in_a_folder_is_reported_not_opened(tmp_path: Path) -> None:
    # Opening a FIFO blocks until something writes to it, so this runs with a time limit.
    folder = batch_dir(tmp_path)
    os.mkfifo(folder / "m_pipe.txt")
    proc = subprocess.run(
        [sys.executable, "-m", "newsarchive", "--archive", str(tmp_path / "a.db"), "ingest", str(folder), "-j", "1"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 3
    (line,) = [x for x in proc.stderr.splitlines() if x.startswith("failed:")]
    assert line == f"failed: {folder / 'm_pipe.txt'}: not a regular file (FIFO, socket or device), skipped"
    assert len(stored_records(tmp_path / "a.db")) == 2


@pytest.fixture
def deep_tree(tmp_path: Path) -> Iterator[Path]:
    """A folder nested deeper than Python's recursion limit, holding one article at the bottom.

    Removed bottom-up afterwards: pytest's own clean-up of old temporary folders recurses
    per level and would fail on it.
    """
    top = tmp_path / "in"
    top.mkdir()
    levels = [top]
    for _ in range(sys.getrecursionlimit() + 200):
        levels.append(levels[-1] / "d")
        levels[-1].mkdir()  # os.makedirs itself recurses per level
    story = write(levels[-1] / "story.txt", GOOD_A)
    yield top
    story.unlink()
    for level in reversed(levels):
        level.rmdir()


def test_very_deep_folder_tree_is_walked(runner: CliRunner, deep_tree: Path, db_path: Path) -> None:
    # The walk must not recurse per level, or it dies with RecursionError.
    result = ingest(runner, db_path, str(deep_tree), "-j", "1", expect=0)
    (outcome,) = jsonl(result.stdout)
    assert outcome["status"] == "added"


def deep_html(levels: int, tag: str = "div", close: bool = True) -> bytes:
    inner = "<p>Text at the bottom of a very deep page.</p>"
    closing = f"</{tag}>" * levels if close else ""
    return (
        f"<html><head><title>Deep page</title></head><body>{f'<{tag}>' * levels}{inner}{closing}</body></html>".encode()
    )


DEEP_PAGES = {
    "closed divs": deep_html(20_000),
    "unclosed divs": deep_html(20_000, close=False),
    "nested spans": deep_html(20_000, "span"),
    "nested lists": (
        "<html><body>" + "<ul><li>" * 10_000 + "Deep item" + "</li></ul>" * 10_000 + "</body></html>"
    ).encode(),
    "nested tables": ("<html><body>" + "<table><tr><td>" * 7_000 + "Deep cell" + "</td></tr></table>" * 7_000).encode(),
}


@pytest.mark.parametrize("name", list(DEEP_PAGES), ids=list(DEEP_PAGES))
def test_deeply_nested_html_parses_or_raises_parse_error(name: str) -> None:
    try:
        article = parse(DEEP_PAGES[name], "deep.html")
    except ParseError:
        return
    assert_valid_record(to_dict(article))


def test_deeply_nested_html_in_a_batch_never_costs_the_batch(runner: CliRunner, tmp_path: Path, db_path: Path) -> None:
    from newsarchive.cli import cli

    folder = batch_dir(tmp_path)
    deep = write(folder / "m_deep.html", DEEP_PAGES["closed divs"])
    result = runner.invoke(cli, ["--archive", str(db_path), "ingest", str(folder), "-j", "1"])
    assert "Traceback" not in result.stderr and "RecursionError" not in result.stderr
    # Stored (exit 0), or refused cleanly on one line (exit 3); the good files land either way.
    assert (result.exit_code, len(failed_lines(result))) in ((0, 0), (3, 1))
    assert all(line.startswith(f"failed: {deep}: ") for line in failed_lines(result))
    assert sum(1 for r in stored_records(db_path) if r["source"]["path"].endswith("_good.txt")) == 2


def test_ten_megabyte_single_paragraph_is_stored(runner: CliRunner, tmp_path: Path, db_path: Path) -> None:
    words = 2_000_000
    big = write(tmp_path / "big.txt", b"A very long story\n\n" + b"word " * words)
    assert big.stat().st_size > 10_000_000
    result = ingest(runner, db_path, str(big), "-j", "1", expect=0)
    (outcome,) = jsonl(result.stdout)
    assert outcome["status"] == "added"
    (record,) = stored_records(db_path)
    assert record["headline"] == "A very long story"
    assert record["word_count"] == words


@pytest.mark.parametrize("kind", ["text", "html"])
def test_nul_bytes_inside_text_are_dropped_not_fatal(
    runner: CliRunner, tmp_path: Path, db_path: Path, kind: str
) -> None:
    if kind == "text":
        data = b"Headline with\x00 a NUL\n\nBody text\x00 with NUL\x00 bytes inside it.\n"
    else:
        data = b"<html><head><title>Headline\x00 here</title></head>"
        data += b"<body><p>Body\x00 text with NUL bytes.</p></body></html>"
    path = write(tmp_path / f"nul.{'txt' if kind == 'text' else 'html'}", data)
    invoke(runner, "--archive", str(db_path), "ingest", str(path), expect=0)
    (record,) = stored_records(db_path)
    assert_valid_record(record)
    assert "\x00" not in json.dumps(record, ensure_ascii=False)
    assert "NUL bytes" in record["body"]


def test_invalid_utf8_mid_file_is_replaced_and_warned(runner: CliRunner, tmp_path: Path, db_path: Path) -> None:
    data = "Café headline\n\nNicolás wrote from Zürich, naïvely.\n\n".encode() + b"Broken \xe2\x80 bytes here.\n"
    path = write(tmp_path / "mixed.txt", data)
    invoke(runner, "--archive", str(db_path), "ingest", str(path), expect=0)
    (record,) = stored_records(db_path)
    assert record["headline"] == "Café headline"
    assert "Nicolás wrote from Zürich, naïvely." in record["body"]
    assert "\ufffd" in record["body"]
    assert record["source"]["encoding"] == "utf-8"
    assert any("UTF-8" in w for w in record["warnings"])


HEADLINE = "Café owner Nicolás reopens in Zürich"
BODY = "Señora Müller said the crème brûlée was «très bien»."
TEXT = f"{HEADLINE}\n\n{BODY}\n"
HTML = f"<html><head><title>{HEADLINE}</title></head><body><p>{BODY}</p></body></html>"

ENCODED = {
    "utf-16 with BOM": TEXT.encode("utf-16"),
    "utf-16-le no BOM": TEXT.encode("utf-16-le"),
    "utf-16-be with BOM": b"\xfe\xff" + TEXT.encode("utf-16-be"),
    "utf-8 with BOM": b"\xef\xbb\xbf" + TEXT.encode(),
    "latin-1": TEXT.encode("latin-1"),
    "html utf-16 with BOM": HTML.encode("utf-16"),
    "html latin-1 declared": HTML.replace("<head>", '<head><meta charset="iso-8859-1">').encode("latin-1"),
    "html latin-1 undeclared": HTML.encode("latin-1"),
}


@pytest.mark.parametrize("name", list(ENCODED), ids=list(ENCODED))
def test_other_encodings_are_stored_without_mojibake(
    runner: CliRunner, tmp_path: Path, db_path: Path, name: str
) -> None:
    suffix = ".html" if name.startswith("html") else ".txt"
    path = write(tmp_path / f"story{suffix}", ENCODED[name])
    invoke(runner, "--archive", str(db_path), "ingest", str(path), expect=0)
    (record,) = stored_records(db_path)
    assert_valid_record(record)
    assert record["headline"] == HEADLINE
    assert BODY in record["body"]
    assert "\ufffd" not in json.dumps(record, ensure_ascii=False)


def test_file_name_that_is_not_utf8_is_stored_and_findable(runner: CliRunner, tmp_path: Path, db_path: Path) -> None:
    folder = batch_dir(tmp_path)
    raw_name = os.fsencode(folder) + b"/m_caf\xe9.txt"  # Latin-1 byte in a UTF-8 file system
    with open(raw_name, "wb") as handle:
        handle.write(b"Odd name headline\n\nStored all the same.\n")
    result = ingest(runner, db_path, str(folder), "-j", "2", expect=0)
    shown = f"{folder}/m_caf\ufffd.txt"
    assert {o["path"] for o in jsonl(result.stdout)} >= {shown}
    record = json.loads(invoke(runner, "--archive", str(db_path), "show", os.fsdecode(raw_name)).stdout)
    assert record["source"]["path"] == shown
    assert any("not valid UTF-8" in w for w in record["warnings"])


# Without help, libxml2 silently drops text nested deeper than 256 elements and text nodes
# over 10 MB; the HTML parser retries past those limits, so these pages keep their text.


def test_deeply_nested_html_keeps_its_text() -> None:
    article = parse(DEEP_PAGES["closed divs"], "deep.html")
    assert "Text at the bottom of a very deep page." in article.body


def test_ten_megabyte_html_paragraph_is_kept() -> None:
    words = 2_400_000
    page = b"<html><head><title>Big</title></head><body><p>" + b"word " * words + b"</p></body></html>"
    assert parse(page, "big.html").word_count == words


def refuse_rows(monkeypatch: pytest.MonkeyPatch, error: sqlite3.Error, when: str) -> None:
    """Make the archive refuse any write whose rows include a path ending in `when`."""
    from newsarchive.errors import StoreError
    from newsarchive.store import Archive

    real_put_many = Archive.put_many

    def put_many(self: Archive, rows: Any) -> Any:
        rows = list(rows)
        if any(row.path.endswith(when) for row in rows):
            raise StoreError(f"{self.path}: write failed, nothing from it kept ({error})") from error
        return real_put_many(self, rows)

    monkeypatch.setattr(Archive, "put_many", put_many)


def test_record_the_database_refuses_fails_alone(
    runner: CliRunner, tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = batch_dir(tmp_path)
    refused = write(folder / "m_refused.txt", GOOD_A + b"\nRefused.\n")
    refuse_rows(monkeypatch, sqlite3.IntegrityError("UNIQUE constraint failed"), when="m_refused.txt")
    result = ingest(runner, db_path, str(folder), "-j", "1", expect=3)
    assert_fails_alone(result, db_path, refused, "UNIQUE constraint failed")


def test_archive_refusing_every_write_fails_the_batch_with_the_reason(
    runner: CliRunner, tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = batch_dir(tmp_path)
    refuse_rows(monkeypatch, sqlite3.OperationalError("database or disk is full"), when=".txt")
    result = ingest(runner, db_path, str(folder), "-j", "1", expect=3)
    assert "Traceback" not in result.stderr
    assert len(failed_lines(result)) == 2
    assert all("database or disk is full" in line for line in failed_lines(result))
    assert stored_records(db_path) == []
