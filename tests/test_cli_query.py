"""CLI list/search/export/stats/rm/reparse: every filter, format and exit status; stdout
carries only data; reading commands never create an archive; the FTS index follows the
records through ingest, update, rm and reparse."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsarchive.cli.output import fit, text_width, write_rows
from newsarchive.model import Article, Caption, Link, Person, Section, Source
from newsarchive.serialize import RECORD_KEYS, record_id, sha256_hex
from newsarchive.store import Archive, row_for

from .conftest import assert_valid_record, index_matches_content, invoke, jsonl
from .test_store_query import put

FRONT = "---\ntitle: {title}\ndate: {date}\nauthor: {author}\n---\n{body}\n"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def seeded(isolated_archive: Path) -> Iterator[Path]:
    """The default archive with four records of known date, publisher and byline."""
    with Archive.open(isolated_archive) as archive:
        put(archive, "Undated notes", body="nothing dated here")
        put(archive, "Budget day", date="2019-03-25", publisher="BBC News", authors=("Jane Doe",))
        put(archive, "Harbour reopens", date="2020-01-02T09:00:00", publisher="Le Monde", authors=("José Núñez",))
        put(archive, "Élection municipale", date="2021-06-01", publisher="Le Monde", authors=("Jane Doe", "Ann Lee"))
    yield isolated_archive


def headlines(text: str) -> list[str]:
    return [record["headline"] for record in jsonl(text)]


def fts_matches_records(db: Path) -> bool:
    conn = sqlite3.connect(db)
    try:
        return index_matches_content(conn)
    finally:
        conn.close()


# -- list ------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["list"], ["search", "x"], ["export"], ["list", "--format", "table"]])
def test_reading_a_missing_archive_prints_no_records_and_creates_nothing(
    runner: CliRunner, isolated_archive: Path, command: list[str]
) -> None:
    result = invoke(runner, *command)
    # A table is for a person: its header and "no records"; other formats print nothing.
    assert result.stdout.splitlines()[-1:] == (["no records"] if "table" in command else [])
    assert not isolated_archive.exists()


@pytest.mark.parametrize("command", [["list"], ["search", "x"], ["export"]])
def test_empty_archive_prints_nothing(runner: CliRunner, isolated_archive: Path, command: list[str]) -> None:
    Archive.open(isolated_archive).close()
    assert invoke(runner, *command).stdout == ""


def test_list_piped_is_json_lines_of_full_records_newest_first(runner: CliRunner, seeded: Path) -> None:
    records = jsonl(invoke(runner, "list").stdout)
    assert [r["headline"] for r in records] == ["Élection municipale", "Harbour reopens", "Budget day", "Undated notes"]
    for record in records:
        assert list(record) == list(RECORD_KEYS)
        assert_valid_record(record)


def test_list_writes_non_ascii_as_itself(runner: CliRunner, seeded: Path) -> None:
    out = invoke(runner, "list").stdout
    assert "Élection" in out and "\\u00c9" not in out


def test_list_format_json_is_one_array_of_the_same_records(runner: CliRunner, seeded: Path) -> None:
    array = json.loads(invoke(runner, "list", "--format", "json").stdout)
    assert array == jsonl(invoke(runner, "list", "--format", "jsonl").stdout)


def test_list_format_json_on_empty_result_is_an_empty_array(runner: CliRunner, seeded: Path) -> None:
    assert json.loads(invoke(runner, "list", "--format", "json", "--publisher", "nobody").stdout) == []


@pytest.mark.parametrize(
    ("option", "value", "expected"),
    [
        ("--since", "2020-01-02", ["Élection municipale", "Harbour reopens"]),
        ("--since", "2 January 2020", ["Élection municipale", "Harbour reopens"]),
        ("--until", "2020-01-02", ["Harbour reopens", "Budget day"]),
        ("--until", "Jan 2020", ["Harbour reopens", "Budget day"]),
        ("--until", "2019", ["Budget day"]),
        ("--since", "2021", ["Élection municipale"]),
        ("--publisher", "le monde", ["Élection municipale", "Harbour reopens"]),
        ("--publisher", "Le", []),
        ("--author", "JANE DOE", ["Élection municipale", "Budget day"]),
        ("--author", "josé núñez", ["Harbour reopens"]),
        ("--limit", "1", ["Élection municipale"]),
        ("--limit", "0", []),
    ],
    ids=lambda v: str(v) if not isinstance(v, list) else "",
)
def test_list_filters(runner: CliRunner, seeded: Path, option: str, value: str, expected: list[str]) -> None:
    assert headlines(invoke(runner, "list", option, value).stdout) == expected


def test_list_since_and_until_together(runner: CliRunner, seeded: Path) -> None:
    out = invoke(runner, "list", "--since", "2019-01-01", "--until", "2020-12-31").stdout
    assert headlines(out) == ["Harbour reopens", "Budget day"]


@pytest.mark.parametrize(
    "args",
    [
        ["--since", "yesterday-ish"],
        ["--until", "32/13/2020"],
        ["--since", "2021-01-01", "--until", "2020-01-01"],
        ["--limit", "-1"],
        ["--format", "xml"],
        ["--fields", "id,nope"],
        ["--fields", ","],
    ],
    ids=" ".join,
)
def test_list_bad_options_are_usage_errors(runner: CliRunner, seeded: Path, args: list[str]) -> None:
    result = invoke(runner, "list", *args, expect=2)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr


def test_list_fields_picks_keys_in_the_order_given(runner: CliRunner, seeded: Path) -> None:
    records = jsonl(invoke(runner, "list", "--fields", "headline,id", "--limit", "1").stdout)
    assert [list(r) for r in records] == [["headline", "id"]]


def test_list_csv_flattens_lists(runner: CliRunner, isolated_archive: Path) -> None:
    data = b"csv source"
    digest = sha256_hex(data)
    article = Article(
        id=record_id(digest),
        source=Source(path="c.txt", sha256=digest, format="text", encoding="utf-8", bytes=len(data)),
        headline='Comma, "quoted" headline',
        byline=(Person(name="Jane Doe"), Person(name="Ann Lee", role="Editor")),
        sections=(Section(paragraphs=("One.",)), Section(heading="Two", paragraphs=("Two.",))),
        links=(Link(text="a", href="https://a.example"), Link(text="b", href="/b", kind="related")),
        captions=(Caption(text="A photo", credit="Reuters"),),
        tags=("politics", "economy"),
        body="One.\n\nTwo.",
        word_count=2,
    )
    with Archive.open(isolated_archive) as archive:
        archive.put(row_for(article, data))
    out = invoke(runner, "list", "--format", "csv").stdout
    (row,) = list(csv.DictReader(io.StringIO(out)))
    assert row["headline"] == 'Comma, "quoted" headline'
    assert row["byline"] == "Jane Doe; Ann Lee"
    assert (row["sections"], row["links"], row["captions"]) == ("2", "2", "1")
    assert row["tags"] == "politics; economy"
    assert row["source.path"] == "c.txt"
    assert row["date"] == ""
    assert row["body"] == "One.\n\nTwo."


def test_list_csv_fields_choose_the_columns(runner: CliRunner, seeded: Path) -> None:
    out = invoke(runner, "list", "--format", "csv", "--fields", "id,date,source", "--limit", "1").stdout
    header = next(csv.reader(io.StringIO(out)))
    assert header == ["id", "date", "source.path", "source.sha256", "source.format", "source.encoding", "source.bytes"]


def test_list_csv_on_empty_result_is_the_header_alone(runner: CliRunner, seeded: Path) -> None:
    out = invoke(runner, "list", "--format", "csv", "--fields", "id,headline", "--author", "nobody").stdout
    assert out == "id,headline\n"


def test_list_table_fits_the_terminal_width(runner: CliRunner, seeded: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    lines = invoke(runner, "list", "--format", "table").stdout.splitlines()
    assert lines[0].split() == ["ID", "DATE", "PUBLISHER", "HEADLINE"]
    assert len(lines) == 5
    assert all(text_width(line) <= 60 for line in lines)
    assert "2020-01-02  Le Monde" in lines[2]  # the day alone, not the time
    assert "\x1b[" not in "".join(lines)  # no styling when not on a terminal


def test_list_table_truncates_long_headlines_with_an_ellipsis(
    runner: CliRunner, isolated_archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Archive.open(isolated_archive) as archive:
        put(archive, "A very long headline " * 10)
        put(archive, "東京の長い見出し" * 10)
    monkeypatch.setenv("COLUMNS", "80")
    lines = invoke(runner, "list", "--format", "table").stdout.splitlines()
    # A wide character that would straddle the edge is left out, so a line may end one cell short.
    assert all(line.endswith("…") and 79 <= text_width(line) <= 80 for line in lines[1:])


def test_table_strips_control_characters_from_records(runner: CliRunner, isolated_archive: Path) -> None:
    with Archive.open(isolated_archive) as archive:
        put(archive, "Red \x1b[31malert\x1b]0;pwned\x07 here", body="terminal \x1b[2J escape")
    for args in (["list"], ["search", "escape"]):
        out = invoke(runner, *args, "--format", "table").stdout
        assert "\x1b" not in out and "\x07" not in out
        assert "Red [31malert]0;pwned here" in out


def test_fit_counts_wide_characters_as_two_cells() -> None:
    assert text_width("東京") == 4
    assert fit("東京東京", 5) == "東京…"
    assert fit("ab", 4, pad=True) == "ab  "


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv", "table"])
def test_renderers_write_each_row_before_reading_the_next(fmt: str) -> None:
    # Streaming: the first row is written out before the second is asked for.
    out = io.StringIO()

    def rows() -> Iterator[tuple[str, None]]:
        yield json.dumps({"id": "abc", "headline": "first", "byline": []}), None
        raise RuntimeError(out.getvalue())

    with pytest.raises(RuntimeError) as stopped:
        write_rows(out, rows(), fmt, fields=("id", "headline") if fmt != "table" else None, width=80)
    assert "first" in str(stopped.value)


# -- search ----------------------------------------------------------------------------------


def test_search_finds_ranked_records(runner: CliRunner, isolated_archive: Path) -> None:
    with Archive.open(isolated_archive) as archive:
        put(archive, "Rates in the body", body="central bank rates " + "padding " * 10)
        put(archive, "Rates rise again", body="padding " * 10)
    assert headlines(invoke(runner, "search", "rates").stdout) == ["Rates rise again", "Rates in the body"]


def test_search_takes_the_list_filters(runner: CliRunner, seeded: Path) -> None:
    out = invoke(runner, "search", "budget OR harbour OR élection", "--publisher", "le monde").stdout
    assert sorted(headlines(out)) == ["Harbour reopens", "Élection municipale"]
    out = invoke(runner, "search", "budget OR harbour", "--author", "jane doe", "--until", "2019-12-31").stdout
    assert headlines(out) == ["Budget day"]


def test_search_no_match_is_exit_0_with_no_output(runner: CliRunner, seeded: Path) -> None:
    result = invoke(runner, "search", "zebra")
    assert (result.stdout, result.stderr) == ("", "")


@pytest.mark.parametrize("query", ['"unbalanced', "AND OR", "budget AND", "day:budget", "(("])
def test_search_with_bad_fts_syntax_falls_back_to_plain_words(runner: CliRunner, seeded: Path, query: str) -> None:
    result = invoke(runner, "search", query)
    assert "Traceback" not in result.stderr
    assert "plain words" in result.stderr
    assert all(line.startswith("{") for line in result.stdout.splitlines())


def test_search_plain_words_fallback_finds_the_words(runner: CliRunner, seeded: Path) -> None:
    assert headlines(invoke(runner, "search", '"budget').stdout) == ["Budget day"]


def test_search_table_shows_a_snippet_with_the_match(runner: CliRunner, isolated_archive: Path) -> None:
    with Archive.open(isolated_archive) as archive:
        put(archive, "Weather", body="Early frost damaged the vineyards across the valley this week.")
    lines = invoke(runner, "search", "vineyards", "--format", "table").stdout.splitlines()
    assert lines[0].split() == ["ID", "DATE", "PUBLISHER", "HEADLINE"]
    assert "Weather" in lines[1]
    assert "[vineyards]" in lines[2]


def test_search_fields_and_json_format(runner: CliRunner, seeded: Path) -> None:
    out = invoke(runner, "search", "budget", "--format", "json", "--fields", "id,headline").stdout
    (record,) = json.loads(out)
    assert list(record) == ["id", "headline"]


@pytest.mark.parametrize("query", ["", "  "], ids=repr)
def test_an_empty_search_query_is_a_usage_error(runner: CliRunner, seeded: Path, query: str) -> None:
    result = invoke(runner, "search", query, expect=2)
    assert result.stdout == ""
    assert "query is empty" in result.stderr


def test_a_column_filter_on_a_column_search_lacks_says_so(runner: CliRunner, seeded: Path) -> None:
    result = invoke(runner, "search", "publisher:bbc")
    assert "publisher is not a searchable column" in result.stderr
    assert "headline, summary or body" in result.stderr


# -- export ----------------------------------------------------------------------------------


def test_export_defaults_to_json_lines_of_every_record(runner: CliRunner, seeded: Path) -> None:
    assert jsonl(invoke(runner, "export").stdout) == jsonl(invoke(runner, "list").stdout)


def test_export_json_array_and_filters(runner: CliRunner, seeded: Path) -> None:
    out = invoke(runner, "export", "--format", "json", "--publisher", "BBC NEWS").stdout
    assert [r["headline"] for r in json.loads(out)] == ["Budget day"]


def test_export_to_file_replaces_it_atomically(runner: CliRunner, seeded: Path, tmp_path: Path) -> None:
    target = write(tmp_path, "out/backup.jsonl", "old contents\n")
    result = invoke(runner, "export", "-o", str(target))
    assert result.stdout == ""
    assert "4 records" in result.stderr
    assert len(jsonl(target.read_text(encoding="utf-8"))) == 4
    assert sorted(p.name for p in target.parent.iterdir()) == ["backup.jsonl"]  # no temp file left
    assert target.stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_export_failure_leaves_the_old_file(
    runner: CliRunner, seeded: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsarchive.cli.output as output

    target = write(tmp_path, "backup.jsonl", "old contents\n")

    def fail(*args: object, **kwargs: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output, "_write_jsonl", fail)
    result = invoke(runner, "export", "-o", str(target), expect=1)
    assert "No space left on device" in result.stderr and "Traceback" not in result.stderr
    assert target.read_text() == "old contents\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".backup")] == []


def test_export_into_a_missing_folder_is_a_one_line_error(runner: CliRunner, seeded: Path, tmp_path: Path) -> None:
    result = invoke(runner, "export", "-o", str(tmp_path / "no" / "such" / "dir.jsonl"), expect=1)
    assert result.stderr.startswith("Error:") and result.stderr.count("\n") == 1


# -- stats -----------------------------------------------------------------------------------


def test_stats_json(runner: CliRunner, seeded: Path) -> None:
    stats = json.loads(invoke(runner, "stats", "--format", "json").stdout)
    assert stats["records"] == 4
    assert stats["words"] == sum(r["word_count"] for r in jsonl(invoke(runner, "list").stdout))
    assert stats["size_bytes"] == seeded.stat().st_size
    assert stats["by_publisher"] == {"Le Monde": 2, "(none)": 1, "BBC News": 1}
    assert stats["by_year"] == {"2021": 1, "2020": 1, "2019": 1, "(none)": 1}
    assert stats["by_format"] == {"text": 4}


def test_stats_table(runner: CliRunner, seeded: Path) -> None:
    out = invoke(runner, "stats", "--format", "table").stdout
    assert out.splitlines()[0].split() == ["records", "4"]
    assert any(line.split() == ["Le", "Monde", "2"] for line in out.splitlines())


def test_stats_of_a_missing_archive_is_zeros(runner: CliRunner, isolated_archive: Path) -> None:
    stats = json.loads(invoke(runner, "stats", "--format", "json").stdout)
    assert (stats["records"], stats["words"], stats["size_bytes"], stats["by_year"]) == (0, 0, 0, {})
    assert not isolated_archive.exists()


# -- rm --------------------------------------------------------------------------------------


def test_rm_by_id_prefix_and_path(runner: CliRunner, tmp_path: Path, isolated_archive: Path) -> None:
    paths = [write(tmp_path, f"{n}.txt", f"Story {n}\n\nBody {n}.\n") for n in range(4)]
    ids = [o["id"] for o in jsonl(invoke(runner, "ingest", *map(str, paths)).stdout)]
    result = invoke(runner, "rm", ids[0], ids[1][:6], str(paths[2]))
    assert result.stdout == ""
    assert result.stderr.count("removed") == 3
    assert [r["id"] for r in jsonl(invoke(runner, "list").stdout)] == [ids[3]]
    conn = sqlite3.connect(isolated_archive)
    assert [i for (i,) in conn.execute("SELECT id FROM raw_sources")] == [ids[3]]
    conn.close()
    assert fts_matches_records(isolated_archive)


@pytest.mark.parametrize("bad", ["ffffffffffff", "abc", "nowhere.txt"])
def test_rm_with_any_unknown_id_removes_nothing(runner: CliRunner, seeded: Path, bad: str) -> None:
    good = jsonl(invoke(runner, "list").stdout)[0]["id"]
    result = invoke(runner, "rm", good, bad, expect=1)
    assert bad in result.stderr and "nothing removed" in result.stderr
    assert len(jsonl(invoke(runner, "list").stdout)) == 4


def test_rm_ambiguous_prefix_removes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    # Two real sources sharing a 6-character id prefix are costly to find; write the rows directly.
    db = tmp_path / "amb.db"
    with Archive.open(db) as archive:
        for suffix in ("0000000001", "0000000002"):
            archive.conn.execute(
                "INSERT INTO articles (id, sha256, path, format, word_count, record) VALUES (?, ?, ?, 'text', 0, '{}')",
                ("abcdef" + suffix, "abcdef" + suffix, suffix),
            )
    result = invoke(runner, "--archive", str(db), "rm", "abcdef", expect=1)
    assert "several" in result.stderr
    with Archive.open(db) as archive:
        assert archive.count() == 2


def test_rm_on_a_missing_archive_is_exit_1_and_creates_nothing(runner: CliRunner, isolated_archive: Path) -> None:
    invoke(runner, "rm", "abcdef", expect=1)
    assert not isolated_archive.exists()


def test_rm_needs_an_id(runner: CliRunner) -> None:
    invoke(runner, "rm", expect=2)


# -- reparse ---------------------------------------------------------------------------------


def _make_stale(db: Path, path: Path) -> None:
    """Overwrite a stored record's headline and body as an older parser might have left them."""
    conn = sqlite3.connect(db)
    with conn:
        conn.execute(
            "UPDATE articles SET headline = 'Stale words', record = json_set(record, '$.headline', 'Stale words',"
            " '$.body', 'obsolete wording') WHERE path = ?",
            (str(path),),
        )
    conn.close()


def test_reparse_rebuilds_changed_records_and_keeps_ids(
    runner: CliRunner, tmp_path: Path, isolated_archive: Path
) -> None:
    a = write(tmp_path, "a.txt", "Fresh headline\n\nFresh paragraph about tulips.\n")
    b = write(tmp_path, "b.txt", "Other headline\n\nUntouched text.\n")
    invoke(runner, "ingest", str(a), str(b))
    before = {r["id"]: r for r in jsonl(invoke(runner, "list").stdout)}
    _make_stale(isolated_archive, a)
    assert headlines(invoke(runner, "search", "obsolete").stdout) == ["Stale words"]
    result = invoke(runner, "reparse")
    assert "1 changed, 1 unchanged, 0 failed" in result.stderr
    assert sorted(o["status"] for o in jsonl(result.stdout)) == ["changed", "unchanged"]
    after = {r["id"]: r for r in jsonl(invoke(runner, "list").stdout)}
    assert after == before  # same ids, paths and ingested_at; content rebuilt from the raw bytes
    assert invoke(runner, "search", "obsolete").stdout == ""
    assert headlines(invoke(runner, "search", "tulips").stdout) == ["Fresh headline"]
    assert fts_matches_records(isolated_archive)


def test_reparse_with_worker_processes(runner: CliRunner, tmp_path: Path, isolated_archive: Path) -> None:
    paths = [write(tmp_path, f"{n}.txt", f"Story {n}\n\nText number {n}.\n") for n in range(5)]
    invoke(runner, "ingest", *map(str, paths))
    _make_stale(isolated_archive, paths[3])
    result = invoke(runner, "reparse", "--jobs", "2")
    assert "1 changed, 4 unchanged, 0 failed" in result.stderr
    assert "Story 3" in headlines(invoke(runner, "list").stdout)


def test_reparse_failure_keeps_the_old_record_and_exits_3(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsarchive.parse
    from newsarchive.errors import ParseError

    path = write(tmp_path, "a.txt", "Kept headline\n\nKept body.\n")
    invoke(runner, "ingest", str(path))
    before = invoke(runner, "list").stdout

    def broken(data: bytes, path: str = "-") -> Article:
        raise ParseError(path, "cannot read this any more")

    monkeypatch.setattr(newsarchive.parse, "parse", broken)
    result = invoke(runner, "reparse", expect=3)
    assert "failed:" in result.stderr and "cannot read this any more" in result.stderr
    assert "0 changed, 0 unchanged, 1 failed" in result.stderr
    assert invoke(runner, "list").stdout == before


def test_reparse_of_a_missing_archive_does_nothing(runner: CliRunner, isolated_archive: Path) -> None:
    """Like the reading commands, a reparse that finds no archive says which file it looked for."""
    result = invoke(runner, "reparse")
    assert "0 records" in result.stderr
    assert f"note: no archive at {isolated_archive}" in result.stderr
    assert not isolated_archive.exists()


# -- the search index follows the records ----------------------------------------------------


def test_fts_index_follows_ingest_update_and_rm(runner: CliRunner, tmp_path: Path, isolated_archive: Path) -> None:
    path = write(tmp_path, "a.txt", "Version one\n\nThe word walrus appears here.\n")
    other = write(tmp_path, "b.txt", "Another\n\nA pelican story.\n")
    invoke(runner, "ingest", str(path), str(other))
    assert fts_matches_records(isolated_archive)
    path.write_text("Version two\n\nNow the word narwhal appears instead.\n", encoding="utf-8")
    invoke(runner, "ingest", str(path))
    assert fts_matches_records(isolated_archive)
    assert invoke(runner, "search", "walrus").stdout == ""
    assert headlines(invoke(runner, "search", "narwhal").stdout) == ["Version two"]
    invoke(runner, "rm", str(other))
    assert fts_matches_records(isolated_archive)
    assert invoke(runner, "search", "pelican").stdout == ""


# -- front matter dates and authors, end to end ------------------------------------------------


def test_front_matter_dates_and_authors_drive_list_filters(runner: CliRunner, tmp_path: Path) -> None:
    for n, (day, author) in enumerate([("2020-01-02", "Jane Doe"), ("2020-03-04", "John Roe")]):
        write(tmp_path, f"fm/{n}.md", FRONT.format(title=f"Story {n}", date=day, author=author, body="Body."))
    invoke(runner, "ingest", str(tmp_path / "fm"))
    records = jsonl(invoke(runner, "list").stdout)
    assert [(r["headline"], r["date"]) for r in records] == [("Story 1", "2020-03-04"), ("Story 0", "2020-01-02")]
    assert headlines(invoke(runner, "list", "--until", "2020-01-02").stdout) == ["Story 0"]
    assert headlines(invoke(runner, "list", "--author", "john roe").stdout) == ["Story 1"]


# -- real pipes and terminals ----------------------------------------------------------------


def _run_env(db: Path) -> dict[str, str]:
    return {**os.environ, "NEWSARCHIVE_DB": str(db), "PYTHONIOENCODING": "utf-8"}


@pytest.fixture
def big_archive(tmp_path: Path) -> Path:
    """Enough records that `list` writes far more than a pipe buffer holds."""
    db = tmp_path / "big.db"
    with Archive.open(db) as archive, archive.transaction():
        for n in range(600):
            put(archive, f"Headline number {n}", body="word " * 100, date=f"2020-01-{n % 28 + 1:02d}")
    return db


def test_list_into_a_closed_pipe_ends_quietly(big_archive: Path) -> None:
    with subprocess.Popen(
        [sys.executable, "-m", "newsarchive", "list"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_run_env(big_archive),
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        first = proc.stdout.readline()
        proc.stdout.close()  # what `| head -1` does
        stderr = proc.stderr.read().decode()
        proc.wait(timeout=60)
    assert json.loads(first)["headline"].startswith("Headline number")
    assert "Traceback" not in stderr and "Exception" not in stderr, stderr


def test_list_through_head_prints_one_line_without_traceback(big_archive: Path) -> None:
    result = subprocess.run(
        f"'{sys.executable}' -m newsarchive list | head -1",
        shell=True,
        capture_output=True,
        env=_run_env(big_archive),
        timeout=60,
    )
    assert len(result.stdout.decode().splitlines()) == 1
    assert result.stderr == b""


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_list_on_a_terminal_is_a_table(seeded: Path) -> None:
    leader, follower = os.openpty()
    env = {**_run_env(seeded), "COLUMNS": "70"}
    env.pop("NO_COLOR", None)
    try:
        subprocess.run([sys.executable, "-m", "newsarchive", "list"], stdout=follower, env=env, timeout=60, check=True)
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO once the terminal has nothing more
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(leader)
    text = b"".join(chunks).decode()
    plain = text.replace("\x1b[1m", "").replace("\x1b[0m", "")
    lines = [line for line in plain.splitlines() if line.strip()]
    assert lines[0].split() == ["ID", "DATE", "PUBLISHER", "HEADLINE"]
    assert len(lines) == 5
    assert "\x1b[1m" in text  # the header is bold on a terminal
