"""sources: inputs are expanded in order, read as bytes, gunzipped with a cap, errors name the input."""

from __future__ import annotations

import gzip
import io
import os
from pathlib import Path

import pytest

from newsarchive.errors import InputError
from newsarchive.sources import gunzip, iter_paths, read_source


def test_directory_walk_is_sorted_recursive_and_skips_hidden_and_non_articles(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.html").write_text("x")
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "c.md.gz").write_bytes(gzip.compress(b"x"))
    (tmp_path / "photo.jpg").write_bytes(b"x")
    (tmp_path / ".hidden.txt").write_text("x")
    (tmp_path / "NOEXT").write_text("x")
    found = [p for p in iter_paths([str(tmp_path)]) if isinstance(p, str)]
    names = [os.path.relpath(p, tmp_path) for p in found]
    assert names == ["NOEXT", "a.txt", os.path.join("b", "2.html"), "c.md.gz"]


def test_named_file_is_taken_whatever_its_name(tmp_path: Path) -> None:
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"x")
    assert list(iter_paths([str(photo)])) == [str(photo)]


def test_missing_input_is_an_error_naming_it(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.txt")
    (item,) = iter_paths([missing])
    assert isinstance(item, InputError)
    assert item.source == missing


def test_symlink_loop_is_reported_not_followed(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text("x")
    os.symlink(tmp_path / "d", tmp_path / "d" / "loop")
    items = list(iter_paths([str(tmp_path / "d")]))
    assert [i for i in items if isinstance(i, str)] == [str(tmp_path / "d" / "a.txt")]
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(errors) == 1 and "loop" in errors[0].reason


def test_gzip_file_is_decompressed(tmp_path: Path) -> None:
    path = tmp_path / "a.txt.gz"
    path.write_bytes(gzip.compress(b"Headline\n\nBody."))
    assert read_source(str(path)).data == b"Headline\n\nBody."


def test_gzip_is_detected_by_content_on_stdin() -> None:
    doc = read_source("-", stdin=io.BytesIO(gzip.compress(b"Hello")))
    assert doc.path == "-" and doc.data == b"Hello"


def test_truncated_gzip_is_an_error() -> None:
    with pytest.raises(InputError, match="truncated"):
        gunzip(gzip.compress(b"x" * 10_000)[:-12], "a.gz")


def test_gzip_bomb_stops_at_the_cap() -> None:
    bomb = gzip.compress(b"\0" * 5_000_000)
    with pytest.raises(InputError, match="limit"):
        gunzip(bomb, "bomb.gz", max_bytes=1_000_000)


def test_file_over_the_cap_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 2000)
    with pytest.raises(InputError, match="limit"):
        read_source(str(path), max_bytes=1000)
