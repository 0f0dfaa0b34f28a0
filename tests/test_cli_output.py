"""What list, search, show, export and stats print: tables on a real terminal (a pty), field
names, search scores and snippets when piped, several ids, compressed exports, stats."""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsarchive.store import Archive

from .cli_process import run_on_terminal
from .conftest import invoke, jsonl
from .test_store_query import put

LONG_CJK = "这是一段很长的中文句子没有任何标点符号一直写下去直到最后才提到社会保障体系的改革方向"


@pytest.fixture
def seeded(isolated_archive: Path) -> Iterator[Path]:
    with Archive.open(isolated_archive) as archive:
        put(archive, "Budget day", body="The budget was read in parliament.", date="2019-03-25",
            publisher="BBC News")  # fmt: skip
        put(archive, "Harbour reopens", body="Boats are back in the harbour.", date="2020-01-02",
            publisher="Le Monde")  # fmt: skip
        put(archive, "Budget reactions", body="Critics of the budget spoke.", date="2019-03-26",
            publisher="BBC News")  # fmt: skip
        put(archive, "社会新闻", body=LONG_CJK, date="2021-05-05", publisher="香港新聞")
    yield isolated_archive


def on_terminal(db: Path, *args: str, columns: int = 80) -> str:
    """Run the CLI with stdout on a pseudo-terminal `columns` wide; what the terminal shows."""
    env = {"NEWSARCHIVE_DB": str(db), "COLUMNS": str(columns), "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"}
    status, shown, stderr = run_on_terminal(list(args), env, stderr_on_terminal=False)
    assert status == 0, stderr
    return shown.replace("\r\n", "\n")


# -- 12: tables on a terminal ----------------------------------------------------------------


def test_a_table_shows_the_eight_character_short_id(seeded: Path) -> None:
    with Archive.open(seeded) as archive:
        ids = archive.known_ids()
    shown = on_terminal(seeded, "list")
    for full in ids:
        assert full[:8] in shown
        assert full not in shown
    assert shown.splitlines()[0].split() == ["ID", "DATE", "PUBLISHER", "HEADLINE"]


def test_the_short_id_leaves_the_headline_room_at_80_columns(isolated_archive: Path) -> None:
    headline = "A fairly long headline about the harbour reopening after the winter storms"
    with Archive.open(isolated_archive) as archive:
        put(archive, headline, date="2020-01-02", publisher="Le Monde")
    shown = on_terminal(isolated_archive, "list", columns=80)
    assert "A fairly long headline about the" in shown


def test_table_headers_are_never_cut(seeded: Path) -> None:
    shown = on_terminal(seeded, "list", "--fields", "id,word_count,source.format,schema_version", columns=80)
    assert shown.splitlines()[0].split() == ["ID", "WORD_COUNT", "SOURCE.FORMAT", "SCHEMA_VERSION"]


def test_a_cjk_snippet_shows_the_match_even_late_in_a_long_run(seeded: Path) -> None:
    shown = on_terminal(seeded, "search", "保障", columns=60)
    snippet = shown.splitlines()[2]
    assert "[保障]" in snippet


def test_a_match_after_a_long_cjk_token_is_not_cut_off(isolated_archive: Path) -> None:
    # unicode61 makes the whole run one token, so the word-based snippet starts with it:
    # 84 terminal cells before the match on a 60-column terminal.
    with Archive.open(isolated_archive) as archive:
        put(archive, "Mixed text", body=LONG_CJK + " harbour reopens")
    shown = on_terminal(isolated_archive, "search", "harbour", columns=60)
    snippet = shown.splitlines()[2]
    assert "[harbour]" in snippet
    assert snippet.strip().startswith("…")


def test_an_empty_result_on_a_terminal_prints_the_header_and_no_records(seeded: Path) -> None:
    shown = on_terminal(seeded, "search", "zebra")
    lines = [line for line in shown.splitlines() if line.strip()]
    assert lines[0].split() == ["ID", "DATE", "PUBLISHER", "HEADLINE"]
    assert lines[1] == "no records"


def test_an_empty_list_on_a_terminal_says_so_too(seeded: Path) -> None:
    shown = on_terminal(seeded, "list", "--publisher", "Nobody")
    assert "no records" in shown


# -- 13: fields and formats ------------------------------------------------------------------


@pytest.mark.parametrize("spelling", ["id,source.format", "ID,Source.Format", "Id, SOURCE.FORMAT"])
def test_fields_take_the_csv_and_table_names_in_any_case(runner: CliRunner, seeded: Path, spelling: str) -> None:
    rows = jsonl(invoke(runner, "list", "--fields", spelling).stdout)
    assert all(list(row) == ["id", "source.format"] and row["source.format"] == "text" for row in rows)
    table = list(csv.reader(io.StringIO(invoke(runner, "list", "--fields", spelling, "-f", "csv").stdout)))
    assert table[0] == ["id", "source.format"]


def test_an_unknown_field_is_a_usage_error_naming_the_choices(runner: CliRunner, seeded: Path) -> None:
    result = invoke(runner, "list", "--fields", "id,colour", expect=2)
    assert "'colour'" in result.stderr and "source.format" in result.stderr


def test_piped_search_carries_score_and_snippet(runner: CliRunner, seeded: Path) -> None:
    with Archive.open(seeded) as archive:
        for n in range(6):  # bm25 gives a word found in half the records no weight at all
            put(archive, f"Weather {n}", body="Sunny spells later.")
    hits = jsonl(invoke(runner, "search", "budget").stdout)
    assert len(hits) == 2
    for hit in hits:
        assert isinstance(hit["score"], float) and hit["score"] > 0
        assert "[" in hit["snippet"] and "budget" in hit["snippet"].lower()
    assert hits[0]["score"] >= hits[-1]["score"]
    picked = jsonl(invoke(runner, "search", "budget", "--fields", "id,Score").stdout)
    assert all(list(hit) == ["id", "score"] for hit in picked)
    header = invoke(runner, "search", "budget", "-f", "csv").stdout.splitlines()[0].split(",")
    assert header[-2:] == ["score", "snippet"]


def test_score_and_snippet_are_search_fields_only(runner: CliRunner, seeded: Path) -> None:
    invoke(runner, "list", "--fields", "id,score", expect=2)


def test_export_takes_fields_and_csv(runner: CliRunner, seeded: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(invoke(runner, "export", "-f", "csv", "--fields", "id,headline").stdout)))
    assert {row["headline"] for row in rows} == {"Budget day", "Harbour reopens", "Budget reactions", "社会新闻"}
    assert all(set(row) == {"id", "headline"} for row in rows)
    picked = jsonl(invoke(runner, "export", "--fields", "headline", "--publisher", "le monde").stdout)
    assert picked == [{"headline": "Harbour reopens"}]


def test_show_prints_several_records_in_the_order_given(runner: CliRunner, seeded: Path) -> None:
    by_headline = {r["headline"]: r["id"] for r in jsonl(invoke(runner, "list").stdout)}
    wanted = ["Harbour reopens", "Budget day"]
    out = invoke(runner, "show", *(by_headline[h][:8] for h in wanted)).stdout
    decoder = json.JSONDecoder()
    records, pos = [], 0
    while pos < len(out.rstrip()):
        record, end = decoder.raw_decode(out, pos)
        records.append(record)
        pos = end + 1
    assert [r["headline"] for r in records] == wanted


def test_show_with_one_unknown_id_prints_nothing(runner: CliRunner, seeded: Path) -> None:
    some = jsonl(invoke(runner, "list").stdout)[0]["id"]
    result = invoke(runner, "show", some, "ffffffffff", expect=1)
    assert result.stdout == ""
    assert "ffffffffff" in result.stderr


def test_export_to_a_gz_name_is_gzipped(runner: CliRunner, seeded: Path, tmp_path: Path) -> None:
    target = tmp_path / "backup.jsonl.gz"
    invoke(runner, "export", "-o", str(target))
    assert target.read_bytes()[:2] == b"\x1f\x8b"
    with gzip.open(target, "rt", encoding="utf-8") as handle:
        assert handle.read() == invoke(runner, "export").stdout


def test_stats_top_keeps_the_largest_groups_and_sums_the_rest(runner: CliRunner, seeded: Path) -> None:
    stats = json.loads(invoke(runner, "stats", "--format", "json", "--top", "1").stdout)
    assert stats["by_publisher"] == {"BBC News": 2, "(others)": 2}
    everything = json.loads(invoke(runner, "stats", "--format", "json", "--top", "0").stdout)
    assert len(everything["by_publisher"]) == 3


def test_stats_table_gives_a_human_size(runner: CliRunner, seeded: Path) -> None:
    table = invoke(runner, "stats", "--format", "table").stdout
    size_line = next(line for line in table.splitlines() if line.startswith("size"))
    assert size_line.split()[-1] in {"KB", "MB"}


def test_stats_top_defaults_to_twenty(runner: CliRunner, isolated_archive: Path) -> None:
    with Archive.open(isolated_archive) as archive:
        for n in range(25):
            put(archive, f"Story {n}", publisher=f"Publisher {n:02d}")
    stats = json.loads(invoke(runner, "stats", "--format", "json").stdout)
    assert len(stats["by_publisher"]) == 21 and stats["by_publisher"]["(others)"] == 5
