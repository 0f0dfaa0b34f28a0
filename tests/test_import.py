"""`import` brings exports back without reparsing: same ids, same stored JSON, idempotent;
sources come along with `export --with-source`; bad records are reported and skipped; and
`ingest` refuses an export instead of storing it as one article."""

from __future__ import annotations

import gzip
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsarchive.importer import record_row

from .conftest import invoke, jsonl

FRONT = "---\ntitle: {title}\ndate: {date}\nauthor: {author}\n---\n{body}\n"


@pytest.fixture
def source_archive(runner: CliRunner, tmp_path: Path) -> Path:
    """An archive holding four small articles (dated and undated, non-ASCII, gzipped)."""
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "plain.txt").write_text("Plain headline\n\nA paragraph of plain text.\n", encoding="utf-8")
    (folder / "front.md").write_text(
        FRONT.format(title="Front matter story", date="2020-01-02", author="Jane Doe", body="Body text."),
        encoding="utf-8",
    )
    (folder / "accents.txt").write_text("Élection à Zürich\n\nLes électeurs ont voté.\n", encoding="utf-8")
    (folder / "packed.txt.gz").write_bytes(gzip.compress(b"Packed headline\n\nCompressed body.\n"))
    db = tmp_path / "source.db"
    invoke(runner, "--archive", str(db), "ingest", str(folder))
    return db


def stored(db: Path) -> dict[str, str]:
    """id → the record's stored JSON text, read with plain sqlite3."""
    conn = sqlite3.connect(db)
    try:
        return {i: r for i, r in conn.execute("SELECT id, record FROM articles")}
    finally:
        conn.close()


def sources_of(db: Path) -> set[str]:
    conn = sqlite3.connect(db)
    try:
        return {i for (i,) in conn.execute("SELECT id FROM raw_sources")}
    finally:
        conn.close()


@pytest.mark.parametrize("fmt", ["jsonl", "json", "parquet"])
def test_import_of_an_export_stores_the_same_ids_and_json_text(
    runner: CliRunner, source_archive: Path, tmp_path: Path, fmt: str
) -> None:
    dump = tmp_path / f"dump.{fmt}"
    invoke(runner, "--archive", str(source_archive), "export", "--format", fmt, "-o", str(dump))
    target = tmp_path / "target.db"
    result = invoke(runner, "--archive", str(target), "import", str(dump))
    assert "4 added" in result.stderr
    assert stored(target) == stored(source_archive)


COPIED_COLUMNS = ("id, sha256, path, headline, summary, publisher, date, format, word_count, ingested_at, record,"
                  " headline_cjk, summary_cjk, body_cjk, url, site, body")


def rows_of(db: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db)
    try:
        return sorted(conn.execute(sql).fetchall(), key=repr)
    finally:
        conn.close()


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_import_fills_every_column_as_ingest_did_with_nulls_kept_null(
    runner: CliRunner, source_archive: Path, tmp_path: Path, fmt: str
) -> None:
    dump = tmp_path / f"dump.{fmt}"
    invoke(runner, "--archive", str(source_archive), "export", "--format", fmt, "-o", str(dump))
    target = tmp_path / "target.db"
    invoke(runner, "--archive", str(target), "import", str(dump))
    columns = f"SELECT {COPIED_COLUMNS} FROM articles"
    assert rows_of(target, columns) == rows_of(source_archive, columns)
    assert any(value is None for row in rows_of(target, columns) for value in row)  # the fixture has empty fields
    # The text columns hold text or NULL, never the int that stands for NULL while binding.
    for table, cols in (("articles", COPIED_COLUMNS.replace("word_count, ", "")),
                        ("locations", "path, real_path, uri, captured_at, record_id, seen_at")):  # fmt: skip
        check = "SELECT count(*) FROM {} WHERE {}".format(
            table, " OR ".join(f"typeof({c.strip()}) = 'integer'" for c in cols.split(",")))  # fmt: skip
        assert rows_of(target, check) == [(0,)], table
    # The JSON text, read from the export as bytes, is stored as text, as ingest stores it.
    assert rows_of(target, "SELECT DISTINCT typeof(record) FROM articles") == [("text",)]
    locations = "SELECT id, path, offset FROM locations"
    assert len(rows_of(target, locations)) == 4


def test_a_record_whose_text_field_is_not_a_string_fails_by_name(
    runner: CliRunner, source_archive: Path, tmp_path: Path
) -> None:
    lines = jsonl(invoke(runner, "--archive", str(source_archive), "export").stdout)
    lines[0]["headline"] = 0
    lines[1]["url"] = ["http://example.com/"]
    lines[2]["body"] = ["A paragraph.", "Another."]
    dump = tmp_path / "dump.jsonl"
    dump.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    target = tmp_path / "target.db"
    result = invoke(runner, "--archive", str(target), "import", str(dump), expect=3)
    assert f"failed: {dump}:1: headline is not a string" in result.stderr
    assert f"failed: {dump}:2: url is not a string" in result.stderr
    assert f"failed: {dump}:3: body is not a string" in result.stderr
    assert "1 added, 0 unchanged, 3 failed" in result.stderr


def test_a_batch_with_a_stored_record_and_a_repeat_reports_each(source_archive: Path, tmp_path: Path) -> None:
    from newsarchive.store import Archive

    texts = list(stored(source_archive).values())
    rows = [record_row(json.loads(text), text) for text in texts]
    assert all(not isinstance(row, str) for row in rows)
    with Archive.open(tmp_path / "target.db") as archive:
        assert archive.put_imported([rows[0]]) == ["added"]  # type: ignore[list-item]
        statuses = archive.put_imported([rows[1], rows[0], rows[2], rows[1], rows[3]])  # type: ignore[list-item]
        assert statuses == ["added", "unchanged", "added", "unchanged", "added"]
        assert archive.put_imported(rows) == ["unchanged"] * 4  # type: ignore[arg-type]
        assert archive.put_imported([]) == []
        assert archive.unindexed() == 4


def test_importing_twice_changes_nothing(runner: CliRunner, source_archive: Path, tmp_path: Path) -> None:
    dump = tmp_path / "dump.jsonl"
    invoke(runner, "--archive", str(source_archive), "export", "-o", str(dump))
    target = tmp_path / "target.db"
    invoke(runner, "--archive", str(target), "import", str(dump))
    before = stored(target)
    result = invoke(runner, "--archive", str(target), "import", str(dump))
    assert "0 added, 4 unchanged, 0 failed" in result.stderr
    assert stored(target) == before


def test_import_without_sources_stores_records_only(runner: CliRunner, source_archive: Path, tmp_path: Path) -> None:
    dump = tmp_path / "dump.jsonl"
    invoke(runner, "--archive", str(source_archive), "export", "-o", str(dump))
    target = tmp_path / "target.db"
    invoke(runner, "--archive", str(target), "import", str(dump))
    assert sources_of(target) == set()
    # Records without a source are passed by, not failed, when the archive is reparsed.
    assert invoke(runner, "--archive", str(target), "reparse").exit_code == 0


def test_reparse_says_how_many_imported_records_it_could_not_rebuild(
    runner: CliRunner, source_archive: Path, tmp_path: Path
) -> None:
    """Records imported without their source are passed by; saying so keeps "0 records" from
    reading as an empty archive."""
    dump = tmp_path / "dump.jsonl"
    invoke(runner, "--archive", str(source_archive), "export", "-o", str(dump))
    target = tmp_path / "target.db"
    invoke(runner, "--archive", str(target), "import", str(dump))
    result = invoke(runner, "--archive", str(target), "reparse")
    assert "note: left 4 records as stored: no source to reparse" in result.stderr
    assert "--with-source" in result.stderr
    # An archive whose records all carry their source says nothing of the kind.
    assert "no source" not in invoke(runner, "--archive", str(source_archive), "reparse").stderr


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_with_source_export_lets_the_imported_archive_reparse(
    runner: CliRunner, source_archive: Path, tmp_path: Path, fmt: str
) -> None:
    dump = tmp_path / f"dump.{fmt}"
    invoke(runner, "--archive", str(source_archive), "export", "--with-source", "--format", fmt, "-o", str(dump))
    target = tmp_path / "target.db"
    invoke(runner, "--archive", str(target), "import", str(dump))
    assert sources_of(target) == set(stored(source_archive))
    reparsed = invoke(runner, "--archive", str(target), "reparse")
    assert "4 unchanged" in reparsed.stderr
    assert stored(target) == stored(source_archive)


def test_with_source_json_lines_carry_base64_sources(runner: CliRunner, source_archive: Path) -> None:
    import base64

    lines = jsonl(invoke(runner, "--archive", str(source_archive), "export", "--with-source").stdout)
    by_headline = {line["headline"]: base64.b64decode(line["raw_source"]) for line in lines}
    assert by_headline["Packed headline"] == b"Packed headline\n\nCompressed body.\n"


def test_parquet_export_has_the_record_keys_as_columns(
    runner: CliRunner, source_archive: Path, tmp_path: Path
) -> None:
    import pyarrow.parquet as pq

    from newsarchive.serialize import RECORD_KEYS

    dump = tmp_path / "dump.parquet"
    invoke(runner, "--archive", str(source_archive), "export", "--format", "parquet", "-o", str(dump))
    table = pq.read_table(dump)
    assert tuple(table.column_names) == RECORD_KEYS
    rows = {row["headline"]: row for row in table.to_pylist()}
    assert rows["Front matter story"]["byline"] == [{"name": "Jane Doe", "role": None, "section": None}]
    exported = {json.loads(text)["id"]: json.loads(text) for text in stored(source_archive).values()}
    assert {row["id"]: row for row in table.to_pylist()} == exported


def test_parquet_export_needs_an_output_file(runner: CliRunner, source_archive: Path) -> None:
    result = invoke(runner, "--archive", str(source_archive), "export", "--format", "parquet", expect=2)
    assert "-o FILE" in result.stderr


def test_bad_records_fail_with_their_line_and_the_rest_is_imported(
    runner: CliRunner, source_archive: Path, tmp_path: Path
) -> None:
    lines = jsonl(invoke(runner, "--archive", str(source_archive), "export").stdout)
    lines[1]["id"] = "0" * 16  # no longer the start of source.sha256
    del lines[2]["body"]
    dump = tmp_path / "dump.jsonl"
    dump.write_text("\n".join(json.dumps(line) for line in lines) + "\nnot json\n", encoding="utf-8")
    target = tmp_path / "target.db"
    result = invoke(runner, "--archive", str(target), "import", str(dump), expect=3)
    assert f"failed: {dump}:2: id 0000000000000000 is not the start of source.sha256" in result.stderr
    assert f"failed: {dump}:3: not a newsarchive record (missing body)" in result.stderr
    assert f"failed: {dump}:5: not valid JSON" in result.stderr
    assert "2 added, 0 unchanged, 3 failed" in result.stderr
    assert len(stored(target)) == 2


@pytest.mark.parametrize("as_array", [False, True])
def test_a_record_with_an_unpaired_surrogate_escape_fails_alone(
    runner: CliRunner, source_archive: Path, tmp_path: Path, as_array: bool
) -> None:
    """JSON may escape half a UTF-16 pair; that record fails by name, its batch is stored."""
    export = invoke(runner, "--archive", str(source_archive), "export").stdout.splitlines()
    lines = [json.loads(line) for line in export]
    lines[1]["body"] = "half \ud800 a pair"
    lines[2]["headline"] += " \ud83d\ude00"  # a whole pair, escaped: valid text
    texts = [json.dumps(line) for line in lines]  # ASCII, every non-ASCII character escaped
    texts[3] = export[3].replace('"body":"', '"body":"\\udc00', 1)  # the compact form, edited
    dump = tmp_path / ("dump.json" if as_array else "dump.jsonl")
    dump.write_text("[" + ",".join(texts) + "]" if as_array else "\n".join(texts) + "\n", encoding="utf-8")
    target = tmp_path / "target.db"
    result = invoke(runner, "--archive", str(target), "import", str(dump), expect=3)
    at = "#" if as_array else ":"
    assert f"failed: {dump}{at}2: not valid Unicode text (an unpaired surrogate \\ud800)" in result.stderr
    assert f"failed: {dump}{at}4: not valid Unicode text (an unpaired surrogate \\udc00)" in result.stderr
    assert "2 added, 0 unchanged, 2 failed" in result.stderr
    records = {json.loads(text)["id"]: json.loads(text) for text in stored(target).values()}
    assert records[lines[2]["id"]]["headline"].endswith(" \U0001f600")


def test_a_file_that_is_not_an_export_fails_by_name(runner: CliRunner, tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    article.write_text("A headline\n\nA paragraph.\n", encoding="utf-8")
    result = invoke(runner, "import", str(article), str(tmp_path / "missing.jsonl"), expect=3)
    assert f"failed: {article}: not an export (JSON Lines, a JSON array or Parquet)" in result.stderr
    assert "missing.jsonl: no such file or directory" in result.stderr


def test_import_of_a_folder_takes_export_files_and_skips_hidden_ones(
    runner: CliRunner, source_archive: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "exports"
    (folder / "_failures").mkdir(parents=True)
    invoke(runner, "--archive", str(source_archive), "export", "-o", str(folder / "a.jsonl.gz.tmp"))
    (folder / "a.jsonl.gz").write_bytes(gzip.compress((folder / "a.jsonl.gz.tmp").read_bytes()))
    (folder / "a.jsonl.gz.tmp").unlink()
    (folder / "_SUCCESS").write_bytes(b"")
    (folder / "_failures" / "part-0.json").write_text('{"input": "x", "reason": "y"}\n', encoding="utf-8")
    (folder / "notes.txt").write_text("not an export\n", encoding="utf-8")
    target = tmp_path / "target.db"
    result = invoke(runner, "--archive", str(target), "import", str(folder))
    assert "4 added, 0 unchanged, 0 failed" in result.stderr
    assert stored(target) == stored(source_archive)


@pytest.mark.parametrize("fmt", ["jsonl", "json", "parquet"])
def test_ingest_of_an_export_says_to_use_import(
    runner: CliRunner, source_archive: Path, tmp_path: Path, fmt: str
) -> None:
    dump = tmp_path / f"dump.{fmt}"
    invoke(runner, "--archive", str(source_archive), "export", "--format", fmt, "-o", str(dump))
    result = invoke(runner, "--archive", str(tmp_path / "other.db"), "ingest", str(dump), expect=3)
    assert "this is an export; use `newsarchive import`" in result.stderr
    assert "0 added" in result.stderr


def test_row_for_a_record_keeps_its_text_and_filter_columns(source_archive: Path) -> None:
    from newsarchive.store import IMPORT_COLUMNS

    text = next(iter(stored(source_archive).values()))
    row = record_row(json.loads(text), text)
    assert not isinstance(row, str)
    columns = dict(zip(IMPORT_COLUMNS, row.columns, strict=True))
    assert columns["record"] is text  # the text read, stored as it is
    assert columns["id"] == row.id == json.loads(text)["id"]
    assert row.raw == b""


def test_imported_records_are_found_by_search(runner: CliRunner, source_archive: Path, tmp_path: Path) -> None:
    dump = tmp_path / "dump.jsonl"
    invoke(runner, "--archive", str(source_archive), "export", "-o", str(dump))
    target = tmp_path / "target.db"
    invoke(runner, "--archive", str(target), "import", str(dump))
    hits = jsonl(invoke(runner, "--archive", str(target), "search", "electeurs", "--format", "jsonl").stdout)
    assert [hit["headline"] for hit in hits] == ["Élection à Zürich"]


def test_lines_edited_in_their_paragraphs_fail_alone_or_are_stored_in_the_archive_form(
    runner: CliRunner, source_archive: Path, tmp_path: Path
) -> None:
    """`export`'s lines are read by comparing their paragraphs with the body as text: a line
    whose paragraphs (and body) were edited must still fail alone with its line, or be stored
    as the archive writes its record, never as it was read."""
    from newsarchive.serialize import dumps

    export = invoke(runner, "--archive", str(source_archive), "export").stdout.splitlines()
    first = next(n for n, line in enumerate(export) if '"paragraphs":["Les' in line)
    others = [n for n in range(len(export)) if n != first]
    texts = list(export)
    texts[first] = export[first].replace("Les", "Les \\udc00")  # body and paragraph alike
    texts[others[0]] = export[others[0]].replace('"paragraphs":["', '"paragraphs":["\t', 1)  # a raw tab
    texts[others[1]] = export[others[1]].replace('"paragraphs":["', '"paragraphs":["\\/', 1)  # another escape
    dump = tmp_path / "dump.jsonl"
    dump.write_text("\n".join(texts) + "\n", encoding="utf-8")
    target = tmp_path / "target.db"
    result = invoke(runner, "--archive", str(target), "import", str(dump), expect=3)
    assert f"failed: {dump}:{first + 1}: not valid Unicode text (an unpaired surrogate \\udc00)" in result.stderr
    assert f"failed: {dump}:{others[0] + 1}: not valid JSON" in result.stderr
    assert "2 added, 0 unchanged, 2 failed" in result.stderr
    edited = json.loads(texts[others[1]])
    records = stored(target)
    assert records[edited["id"]] == dumps(edited) != texts[others[1]]
    assert records[json.loads(export[others[2]])["id"]] == export[others[2]]


def test_plain_file_locations_are_copied_from_the_rows_and_any_other_place_is_written_as_given(
    source_archive: Path, tmp_path: Path
) -> None:
    """An imported plain-file record's location is its row's path and ingestion time, so a
    batch of only such rows (or of records read from standard input, which have none) gets
    its locations copied from `articles` in one statement; a batch holding any other place (a
    web-archive member, a place that is not the row's own) is written value by value. Both
    give exactly the locations the rows name, in the rows' order, repeats and stored records
    left out."""
    from newsarchive.store import NULL_TEXT, Archive

    texts = sorted(stored(source_archive).values())
    rows = [record_row(json.loads(text), text) for text in texts]
    assert all(not isinstance(row, str) for row in rows)
    a, b, c, d = rows  # type: ignore[misc]
    stdin = (c[0], tuple("-" if n == 2 else v for n, v in enumerate(c[1])), c[2], None)
    member = (d[0], d[1], d[2], (d[3][0], NULL_TEXT, 1234, "https://example.org/x", "2024-01-02T03:04:05Z",
                                 "<urn:uuid:1>", d[3][6]))  # fmt: skip
    elsewhere = (b[0], b[1], b[2], ("other.txt", *b[3][1:]))

    def locations(batches: list[list[object]]) -> list[tuple[object, ...]]:
        db = tmp_path / f"{len(list(tmp_path.iterdir()))}.db"
        with Archive.open(db) as archive:
            for batch in batches:
                archive.put_imported(batch)  # type: ignore[arg-type]
            return archive.conn.execute("SELECT * FROM locations ORDER BY pk").fetchall()

    def expected(kept: list[object]) -> list[tuple[object, ...]]:
        out = []
        for row in kept:
            article_id, _, _, place = row  # type: ignore[misc]
            if place is not None:
                values = [None if value == NULL_TEXT and n != 2 else value for n, value in enumerate(place)]
                out.append((len(out) + 1, article_id, *values))
        return out

    assert locations([[a, b, a, stdin]]) == expected([a, b, stdin])  # plain rows and stdin: copied
    assert locations([[a], [b, a, member, stdin]]) == expected([a, b, member])  # a member: as given
    assert locations([[elsewhere, a]]) == expected([elsewhere, a])  # a place not the row's own: as given
    assert [row[1:] for row in locations([[b, a]])] == [row[1:] for row in expected([b, a])]


def test_import_reads_in_the_writing_process_on_two_cores_and_beside_it_on_more() -> None:
    """On two cores two readers and the writer contend, so the reading stays in the writing
    process; from three cores on, two processes read while it writes."""
    from newsarchive.importer import default_readers

    assert [default_readers(cpus) for cpus in (1, 2, 3, 4, 16)] == [1, 1, 2, 2, 2]
