"""Archive queries: list order and filters, FTS search and its plain-words fallback, stats,
and reparse, on records written straight into the archive (independent of any parser)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from newsarchive.errors import StoreError
from newsarchive.model import Article, Format, Person, Section, Source
from newsarchive.pipeline import reparse
from newsarchive.serialize import record_id, sha256_hex
from newsarchive.store import Archive, Filters, row_for


def put(
    archive: Archive,
    headline: str,
    *,
    body: str = "Some body text.",
    summary: str | None = None,
    date: str | None = None,
    publisher: str | None = None,
    authors: tuple[str, ...] = (),
    path: str | None = None,
    fmt: Format = "text",
) -> str:
    """Store a record whose source bytes are unique to its fields; returns its id."""
    data = json.dumps([headline, body, summary, date, publisher, authors]).encode()
    digest = sha256_hex(data)
    article = Article(
        id=record_id(digest),
        source=Source(path=path or f"{digest[:8]}.txt", sha256=digest, format=fmt, encoding="utf-8", bytes=len(data)),
        headline=headline,
        summary=summary,
        publisher=publisher,
        date=date,
        byline=tuple(Person(name=a) for a in authors),
        sections=(Section(paragraphs=(body,)),),
        body=body,
        word_count=len(body.split()),
        ingested_at="2024-01-01T00:00:00+00:00",
    )
    archive.put(row_for(article, data))
    return article.id


def headlines(archive: Archive, filters: Filters | None = None, limit: int | None = None) -> list[str]:
    return [json.loads(r)["headline"] for r in archive.iter_records(filters, limit=limit)]


def searched(archive: Archive, query: str, filters: Filters | None = None) -> list[str]:
    expression, _ = archive.fts_expression(query)
    return [json.loads(r)["headline"] for r, _ in archive.search(expression, filters)]


@pytest.fixture
def dated(archive: Archive) -> Archive:
    put(archive, "undated")
    put(archive, "old", date="2019-03-25")
    put(archive, "evening", date="2020-01-02T18:30:00+01:00")
    put(archive, "morning", date="2020-01-02")
    put(archive, "new", date="2021-06-01")
    return archive


class TestList:
    def test_newest_first_undated_last(self, dated: Archive) -> None:
        assert headlines(dated) == ["new", "evening", "morning", "old", "undated"]

    def test_since_and_until_compare_on_the_day_inclusively(self, dated: Archive) -> None:
        day = date(2020, 1, 2)
        assert headlines(dated, Filters(since=day, until=day)) == ["evening", "morning"]

    def test_since_drops_undated_and_earlier(self, dated: Archive) -> None:
        assert headlines(dated, Filters(since=date(2020, 1, 3))) == ["new"]

    def test_until_drops_undated_and_later(self, dated: Archive) -> None:
        assert headlines(dated, Filters(until=date(2020, 1, 1))) == ["old"]

    def test_limit(self, dated: Archive) -> None:
        assert headlines(dated, limit=2) == ["new", "evening"]

    def test_publisher_is_case_insensitive_and_exact(self, archive: Archive) -> None:
        put(archive, "a", publisher="Le Monde")
        put(archive, "b", publisher="Le Monde diplomatique")
        put(archive, "c", publisher="ÉLYSÉE TIMES")
        assert headlines(archive, Filters(publisher="le monde")) == ["a"]
        assert headlines(archive, Filters(publisher="élysée times")) == ["c"]

    def test_author_matches_any_byline_name_case_insensitively(self, archive: Archive) -> None:
        put(archive, "pair", authors=("Jane Doe", "José Núñez"))
        put(archive, "solo", authors=("John Roe",))
        put(archive, "none")
        assert headlines(archive, Filters(author="JOSÉ NÚÑEZ")) == ["pair"]
        assert headlines(archive, Filters(author="jane doe")) == ["pair"]
        assert headlines(archive, Filters(author="Doe")) == []

    def test_filters_combine(self, archive: Archive) -> None:
        put(archive, "hit", date="2020-05-01", publisher="P", authors=("A",))
        put(archive, "wrong author", date="2020-05-01", publisher="P", authors=("B",))
        put(archive, "wrong day", date="2018-05-01", publisher="P", authors=("A",))
        assert headlines(archive, Filters(since=date(2020, 1, 1), publisher="p", author="a")) == ["hit"]

    def test_order_comes_from_the_date_index_without_a_sort(self, dated: Archive) -> None:
        # Streaming depends on this: a sort step would read every row before the first.
        plan = " ".join(
            str(row[-1])
            for row in dated.conn.execute(
                "EXPLAIN QUERY PLAN SELECT a.record FROM articles a ORDER BY a.date DESC, a.pk DESC"
            )
        )
        assert "TEMP B-TREE" not in plan
        assert "articles_date" in plan

    def test_records_are_yielded_lazily(self, dated: Archive) -> None:
        records = dated.iter_records()
        assert json.loads(next(records))["headline"] == "new"

    def test_empty_archive_yields_nothing(self, archive: Archive) -> None:
        assert list(archive.iter_records()) == []


class TestSearch:
    def test_headline_match_ranks_above_summary_above_body(self, archive: Archive) -> None:
        put(archive, "in body", body="the glacier retreats " + "filler words here " * 5)
        put(archive, "in summary", summary="a glacier story", body="unrelated " * 20)
        put(archive, "glacier in headline", body="unrelated " * 20)
        assert searched(archive, "glacier") == ["glacier in headline", "in summary", "in body"]

    def test_filters_apply_to_search(self, archive: Archive) -> None:
        put(archive, "storm old", date="2001-01-01")
        put(archive, "storm new", date="2022-01-01")
        assert searched(archive, "storm", Filters(since=date(2020, 1, 1))) == ["storm new"]

    def test_no_match_yields_nothing(self, archive: Archive) -> None:
        put(archive, "something")
        assert searched(archive, "absent") == []

    @pytest.mark.parametrize("query", ['"unbalanced', "AND OR", "NOT", "foo:bar", "x AND"], ids=repr)
    def test_invalid_fts_syntax_is_searched_as_plain_words(self, archive: Archive, query: str) -> None:
        put(archive, "unbalanced and or not foo bar x")
        expression, rewritten = archive.fts_expression(query)
        assert rewritten
        assert searched(archive, query) == ["unbalanced and or not foo bar x"]

    @pytest.mark.parametrize("query", ["(", '"', "-", "*"], ids=repr)
    def test_punctuation_alone_matches_nothing_without_error(self, archive: Archive, query: str) -> None:
        put(archive, "anything")
        assert searched(archive, query) == []

    @pytest.mark.parametrize("query", ["glacier", "glac*", '"sea level"', "headline:glacier", "a OR b"], ids=repr)
    def test_valid_fts_syntax_is_kept(self, archive: Archive, query: str) -> None:
        assert archive.fts_expression(query) == (query, None)

    def test_invalid_expression_given_directly_is_a_store_error(self, archive: Archive) -> None:
        with pytest.raises(StoreError):
            list(archive.search('"unbalanced'))

    def test_snippet_marks_the_match(self, archive: Archive) -> None:
        put(archive, "h", body="before the avalanche after")
        ((_, snippet),) = archive.search("avalanche", snippets=True, marks=("<", ">"))
        assert snippet is not None and "<avalanche>" in snippet

    def test_diacritics_are_folded(self, archive: Archive) -> None:
        put(archive, "Café society")
        assert searched(archive, "cafe") == ["Café society"]


class TestStats:
    def test_counts_and_totals(self, archive: Archive) -> None:
        put(archive, "a", body="one two three", publisher="P", date="2019-01-01")
        put(archive, "b", body="four five", publisher="P", date="2020-01-01", fmt="html")
        put(archive, "c", body="six", date="2020-02-02")
        put(archive, "d", body="seven")
        stats = archive.stats()
        assert (stats.records, stats.words) == (4, 7)
        assert stats.by_publisher == [("P", 2), (None, 2)] or stats.by_publisher == [(None, 2), ("P", 2)]
        assert dict(stats.by_year) == {"2020": 2, "2019": 1, None: 1}
        assert stats.by_format == [("text", 3), ("html", 1)]
        assert stats.size_bytes > 0

    def test_empty_archive_is_all_zero(self, archive: Archive) -> None:
        stats = archive.stats()
        assert (stats.records, stats.words, stats.by_publisher) == (0, 0, [])


class TestReparse:
    def test_unchanged_when_the_parser_gives_the_same_record(self, archive: Archive) -> None:
        from newsarchive.parse import parse

        data = b"Plain headline\n\nPlain body.\n"
        article = replace(parse(data, "p.txt"), ingested_at="2024-02-02T00:00:00+00:00")
        archive.put(row_for(article, data))
        outcomes = list(reparse(archive))
        assert [o.status for o in outcomes] == ["unchanged"]

    def test_rewrites_a_stale_record_keeping_path_and_ingested_at(self, archive: Archive) -> None:
        from newsarchive.parse import parse

        data = b"Fresh headline\n\nFresh body.\n"
        stale = replace(parse(data, "dir/p.txt"), headline="Stale", ingested_at="2024-02-02T00:00:00+00:00")
        archive.put(row_for(stale, data))
        (outcome,) = reparse(archive)
        assert (outcome.id, outcome.path, outcome.status) == (stale.id, "dir/p.txt", "changed")
        record = archive.get(stale.id)
        assert record.headline == "Fresh headline"
        assert record.ingested_at == "2024-02-02T00:00:00+00:00"
        assert record.source.path == "dir/p.txt"

    def test_a_failing_record_keeps_its_old_version(self, archive: Archive, monkeypatch: pytest.MonkeyPatch) -> None:
        import newsarchive.parse
        from newsarchive.errors import ParseError

        stored = put(archive, "Kept as is")

        def broken(data: bytes, path: str = "-") -> Article:
            raise ParseError(path, "parser exploded")

        monkeypatch.setattr(newsarchive.parse, "parse", broken)
        (outcome,) = reparse(archive)
        assert (outcome.status, outcome.reason) == ("failed", "parser exploded")
        assert archive.get(stored).headline == "Kept as is"

    def test_batches_cover_every_record(self, archive: Archive) -> None:
        from newsarchive.parse import parse

        for n in range(7):
            data = f"Headline {n}\n\nBody {n}.\n".encode()
            archive.put(row_for(replace(parse(data, f"{n}.txt"), headline="old"), data))
        outcomes = list(reparse(archive, batch_size=3))
        assert len(outcomes) == 7 and {o.status for o in outcomes} == {"changed"}
        assert sorted(headlines(archive)) == [f"Headline {n}" for n in range(7)]
