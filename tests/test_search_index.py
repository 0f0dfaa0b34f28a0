"""The search index: CJK words inside sentences are found, and the file's index is the kind
sqlite-utils and datasette detect (external content over `articles`, migration m004)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from newsarchive.cjk import cjk_query, cjk_terms
from newsarchive.migrations import MIGRATIONS, m001_initial, m002_index_inserts_in_batches
from newsarchive.store import Archive

from .conftest import index_matches_content
from .test_store_query import put, searched


def snippet_for(archive: Archive, query: str) -> str:
    expression, _ = archive.fts_expression(query)
    hits = list(archive.search(expression, snippets=True, marks=("[", "]")))
    assert hits, f"no hit for {query!r}"
    return str(hits[0][1])


@pytest.mark.parametrize(
    ("query", "headline", "body"),
    [
        ("中美", "外国专家：中美合作共赢是正确选择", "专家认为双方应当加强交流。"),
        ("保障", "社会新闻", "政府宣布加强社会保障体系建设，并增加投入。"),
        ("六四", "悼念活动", "市民在维园参加六四悼念晚会，人数比去年多。"),
        ("暴動", "香港の夜", "警察は昨夜の暴動について説明した。"),
        ("경제", "한국 뉴스", "정부는한국경제성장률을발표했다."),
    ],
    ids=["han-headline", "han-body", "digits-free-han", "kanji-in-japanese", "hangul-run"],
)
def test_a_two_character_word_inside_a_cjk_run_is_found(archive: Archive, query: str, headline: str, body: str) -> None:
    put(archive, headline, body=body)
    put(archive, "Unrelated English story", body="Nothing to see here.")
    assert searched(archive, query) == [headline]


def test_a_longer_cjk_query_must_appear_as_written(archive: Archive) -> None:
    put(archive, "中美合作共赢", body="文字。")
    put(archive, "美中合作", body="文字。")  # the same characters in another order
    assert searched(archive, "中美合作") == ["中美合作共赢"]
    assert searched(archive, '"中美合作"') == ["中美合作共赢"]


def test_cjk_terms_combine_with_fts_operators(archive: Archive) -> None:
    put(archive, "中美贸易谈判", body="双方讨论关税。")
    put(archive, "中美科技竞争", body="双方讨论芯片。")
    assert searched(archive, "中美 NOT 关税") == ["中美科技竞争"]
    assert sorted(searched(archive, "关税 OR 芯片")) == ["中美科技竞争", "中美贸易谈判"]


def test_a_cjk_headline_match_ranks_above_a_body_match(archive: Archive) -> None:
    put(archive, "普通新闻", body="这篇报道很长，" * 10 + "保障。")
    put(archive, "社会保障改革", body="这篇报道很长，" * 10)
    for n in range(4):  # bm25 needs the word to be rare to give it any weight
        put(archive, f"其他新闻{n}", body="天气晴朗。")
    assert searched(archive, "保障") == ["社会保障改革", "普通新闻"]


def test_a_cjk_snippet_marks_the_word_where_it_stands(archive: Archive) -> None:
    body = "开头的几句话没有关键词，" * 5 + "政府宣布加强社会保障体系建设。"
    put(archive, "新闻", body=body)
    snippet = snippet_for(archive, "保障")
    assert "社会[保障]体系" in snippet
    assert snippet.startswith("…")  # cut before, close to the match


def test_an_english_snippet_still_comes_from_fts5(archive: Archive) -> None:
    put(archive, "Fuel prices rise", body="Drivers paid more for fuel in March than ever before.")
    assert "[fuel]" in snippet_for(archive, "fuel").lower()


def test_a_column_filter_finds_a_cjk_word_inside_a_run(archive: Archive) -> None:
    put(archive, "外国专家：中美合作共赢是正确选择", body="专家认为双方应当加强交流。")
    put(archive, "社会新闻", body="中美合作共赢，专家说。")
    assert searched(archive, "headline:中美") == ["外国专家：中美合作共赢是正确选择"]
    assert searched(archive, "body:中美") == ["社会新闻"]
    assert searched(archive, "{headline summary}: 中美合作") == ["外国专家：中美合作共赢是正确选择"]
    assert searched(archive, "- headline: 中美") == ["社会新闻"]


def test_cjk_query_widens_column_filters_only_outside_quotes() -> None:
    assert cjk_query("headline:中美") == '{headline headline_cjk}:"中美"'
    assert cjk_query('"body: 中美"') == '"body:  中美 "'
    assert cjk_query("publisher:x 中美") == 'publisher:x "中美"'


def test_cjk_query_rewrites_runs_and_leaves_the_rest() -> None:
    assert cjk_query("中美合作") == '"中美 美合 合作"'
    assert cjk_query("中") == "中*"
    assert cjk_query('trade AND "中美 talks"') == 'trade AND " 中美  talks"'
    assert cjk_query("headline:brexit") == "headline:brexit"
    assert cjk_terms("No CJK here") is None
    assert cjk_terms("中美 a 六 b") == "中美 六"


def test_the_index_keeps_no_copy_of_the_text(archive: Archive) -> None:
    put(archive, "Fuel prices rise", body="Drivers paid more for fuel.")
    tables = {n for (n,) in archive.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "articles_fts_content" not in tables
    assert index_matches_content(archive.conn)


def test_sqlite_utils_finds_the_index_and_searches_it(db_path: Path) -> None:
    with Archive.open(db_path) as archive:
        put(archive, "Fuel prices rise", body="Drivers paid more for fuel.")
        put(archive, "Weather", body="Sunny spells later.")
    db = sqlite_utils.Database(db_path)
    table = db.table("articles")
    assert table.detect_fts() == "articles_fts"
    assert [row["headline"] for row in table.search("fuel")] == ["Fuel prices rise"]


def test_datasette_detects_the_index(db_path: Path) -> None:
    # datasette.utils.detect_fts_sql, the query datasette runs to decide `_search=` works.
    detect = """
        select name from sqlite_master where rootpage = 0 and (
            sql like '%VIRTUAL TABLE%USING FTS%content="articles"%'
            or sql like '%VIRTUAL TABLE%USING FTS%content=[articles]%'
            or (tbl_name = "articles" and sql like '%VIRTUAL TABLE%USING FTS%'))
    """
    Archive.open(db_path).close()
    assert sqlite3.connect(db_path).execute(detect).fetchall() == [("articles_fts",)]


def v1_archive(db_path: Path) -> sqlite3.Connection:
    """An open connection to a new archive at schema v1 (migrations m001 and m002 only)."""
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    m001_initial(conn)
    m002_index_inserts_in_batches(conn)
    for name in ("m001_initial", "m002_index_inserts_in_batches"):
        conn.execute("INSERT INTO _migrations VALUES (?, datetime('now'))", (name,))
    return conn


def test_an_archive_from_before_m004_is_reindexed_with_cjk_terms(db_path: Path) -> None:
    conn = v1_archive(db_path)
    record = {"headline": "外国专家：中美合作共赢", "summary": None, "body": "Fuel 保障 text."}
    conn.execute(
        "INSERT INTO articles (id, sha256, path, headline, format, word_count, record)"
        " VALUES ('00aa11bb22cc33dd', 'x', 'old.txt', ?, 'text', 3, ?)",
        (record["headline"], json.dumps(record, ensure_ascii=False)),
    )
    conn.execute(
        "INSERT INTO articles_fts (rowid, headline, summary, body) VALUES (1, ?, NULL, ?)",
        (record["headline"], record["body"]),
    )
    conn.commit()
    conn.close()
    with Archive.open(db_path) as archive:
        assert searched(archive, "中美") == [record["headline"]]
        assert searched(archive, "保障") == [record["headline"]]
        assert searched(archive, "fuel") == [record["headline"]]
        assert index_matches_content(archive.conn)
        names = [n for (n,) in archive.conn.execute("SELECT name FROM _migrations")]
    assert "m004_external_content_cjk_index" in names


def test_an_archive_from_before_m006_gets_the_larger_index_buffer_and_a_bulk_build_still_matches(
    db_path: Path,
) -> None:
    """m006 raises FTS5's buffer of pending terms (fewer, larger segments in a bulk build):
    a v1 archive gets it, and imported records indexed in one pass are found and match."""
    from newsarchive.importer import record_row
    from newsarchive.migrations import FTS_HASH_BYTES

    conn = v1_archive(db_path)
    conn.commit()
    conn.close()
    with Archive.open(db_path) as archive:
        config = dict(archive.conn.execute("SELECT k, v FROM articles_fts_config").fetchall())
        assert config.get("hashsize") == FTS_HASH_BYTES
        put(archive, "Harbour story", body="The harbour reopened; 中美合作.")
        text = archive.get_json(archive.conn.execute("SELECT id FROM articles").fetchone()[0])
    with Archive.open(db_path.with_name("copy.db")) as archive:
        row = record_row(json.loads(text), text)
        assert not isinstance(row, str)
        archive.put_imported([row])
        assert archive.unindexed() == 1
        for _ in archive.index_pending():
            pass
        assert index_matches_content(archive.conn)
        assert searched(archive, "harbour") == searched(archive, "中美") == ["Harbour story"]


def test_an_archive_from_before_m007_gets_the_body_column_last_and_keeps_its_index_in_step(
    db_path: Path,
) -> None:
    """m007 moves the virtual `body` column to the end of `articles` (so an import can take
    it off and add it back leaving the definition as it was): rows, bodies, search and the
    triggers that keep the index in step on another program's writes are as before."""
    from newsarchive.migrations import BODY_COLUMN

    conn = v1_archive(db_path)
    for n, (headline, body) in enumerate((("Harbour story", "The harbour reopened."), ("中美合作", "Fuel 保障."))):
        record = {"headline": headline, "summary": None, "body": body}
        conn.execute(
            "INSERT INTO articles (id, sha256, path, headline, format, word_count, record)"
            " VALUES (?, 'x', 'old.txt', ?, 'text', 3, ?)",
            (f"00aa11bb22cc33d{n}", headline, json.dumps(record, ensure_ascii=False)),
        )
    conn.commit()
    conn.close()
    with Archive.open(db_path) as archive:
        (sql,) = archive.conn.execute("SELECT sql FROM sqlite_master WHERE name = 'articles'").fetchone()
        assert sql.endswith(f", body_cjk TEXT, {BODY_COLUMN})")
        columns = [row[1] for row in archive.conn.execute("PRAGMA table_xinfo(articles)")]
        assert columns[-4:] == ["headline_cjk", "summary_cjk", "body_cjk", "body"]
        triggers = {n for (n,) in archive.conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        assert triggers == {"articles_ad", "articles_au"}
        assert archive.conn.execute("SELECT body FROM articles ORDER BY pk").fetchall() == [
            ("The harbour reopened.",), ("Fuel 保障.",)]  # fmt: skip
        assert searched(archive, "harbour") == ["Harbour story"]
        assert searched(archive, "保障") == ["中美合作"]
    assert another_program_updates_and_deletes(db_path, ("Harbour story", "Port story"), "中美合作")


def test_rows_deleted_or_updated_by_another_program_leave_the_index_in_step(db_path: Path) -> None:
    with Archive.open(db_path) as archive:
        put(archive, "中美合作", body="one")
        put(archive, "Fuel", body="two")
    assert another_program_updates_and_deletes(db_path, ("Fuel", "Petrol"), "中美合作")


def another_program_updates_and_deletes(db_path: Path, renamed: tuple[str, str], deleted: str) -> bool:
    """Whether the index still matches `articles` after another connection renames one
    headline and deletes the record of another (the triggers' work)."""
    conn = sqlite3.connect(db_path)
    try:
        conn.execute("UPDATE articles SET headline = ? WHERE headline = ?", (renamed[1], renamed[0]))
        conn.execute("DELETE FROM articles WHERE headline = ?", (deleted,))
        conn.commit()
        return index_matches_content(conn)
    finally:
        conn.close()


def test_migrations_run_in_the_order_of_their_numbers() -> None:
    names = [m.__name__ for m in MIGRATIONS]
    assert names == sorted(names)


@pytest.mark.parametrize(
    ("query", "marked", "unmarked"),
    [
        ("fuel", "[fuel]", None),
        ('"fuel prices"', "[fuel prices]", None),
        ("clim*", "[climate]", None),
        ("fuel NOT diesel OR opinion", "[fuel]", None),
        ("election", "[Élection]", None),  # diacritics folded by the index: FTS5 cuts this one
    ],
    ids=["word", "phrase", "prefix", "not", "folded"],
)
def test_snippets_mark_what_the_query_matched(archive: Archive, query: str, marked: str, unmarked: str | None) -> None:
    body = "Drivers said fuel prices rose again; the climate of opinion shifted. Élection day. No petrol."
    put(archive, "Filler", body="Nothing here at all.")
    put(archive, "Story", body=body)
    snippet = snippet_for(archive, query)
    assert marked in snippet
    if unmarked:
        assert f"[{unmarked}]" not in snippet


def test_terms_after_not_are_never_marked() -> None:
    from newsarchive.store import query_words

    pattern = query_words('fuel NOT petrol AND "sea level"')
    assert pattern is not None
    assert pattern.search("petrol") is None
    assert pattern.search("Fuel") and pattern.search("sea  level")
