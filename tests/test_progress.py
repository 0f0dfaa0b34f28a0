"""The ingest progress bar on a real terminal: results above it, failures once, bytes counted."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .cli_process import run_on_terminal
from .warcs import Rec, article, build

pytestmark = pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")


def run_ingest_on_terminal(args: list[str], archive: Path) -> str:
    """Run the CLI with stdout and stderr on one pseudo-terminal; everything it wrote."""
    return run_on_terminal(args, {"NEWSARCHIVE_DB": str(archive), "COLUMNS": "100"})[1]


def folder_with_one_bad(tmp_path: Path, count: int = 8) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(count):
        (folder / f"a{n:02d}.txt").write_bytes(f"Headline {n}\n\nParagraph number {n} of the batch.\n".encode())
    (folder / "a03.txt").write_bytes(b"")  # fails: empty
    return folder


@pytest.mark.parametrize("verbose", [[], ["-v"]], ids=["quiet", "verbose"])
def test_a_failure_prints_once_on_its_own_line_above_the_bar(tmp_path: Path, verbose: list[str]) -> None:
    folder = folder_with_one_bad(tmp_path)
    text = run_ingest_on_terminal(["ingest", str(folder), "-j", "1", *verbose], tmp_path / "a.db")
    bad = f"failed: {folder / 'a03.txt'}: file is empty"
    assert text.count(bad) == 1, text
    before = text[text.index(bad) - 1]
    assert before in "\r\n", f"glued to the bar: {text!r}"
    assert "ingesting" in text  # the bar was drawn
    assert "8 inputs: 7 added, 0 updated, 0 unchanged, 1 failed" in text
    if verbose:
        assert text.count("added ") == 7


def test_the_bar_counts_bytes_of_a_web_archive(tmp_path: Path) -> None:
    crawl = tmp_path / "crawl.warc.gz"
    crawl.write_bytes(build([Rec(uri=f"https://news.example/2024/05/story-{n}", payload=article(n)) for n in range(6)],
                            gzipped=True))  # fmt: skip
    text = run_ingest_on_terminal(["ingest", str(crawl)], tmp_path / "a.db")
    assert "ingesting" in text and "B" in text.split("ingesting", 1)[1]  # a byte count, not an input count
    assert "6 added" in text
