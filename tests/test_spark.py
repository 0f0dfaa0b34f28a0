"""The Spark job (local[2]) writes the records the CLI builds for the same inputs, as Parquet
partitioned by year, with `_SUCCESS` and every failure under `_failures/`; pyarrow and DuckDB
read it back, and `import` brings it home. One SparkSession serves the whole module."""

from __future__ import annotations

import gzip
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from .conftest import invoke, jsonl

if shutil.which("java") is None:  # .ci/run installs a JRE
    pytest.fail("the Spark tests need Java 17+ on PATH", pytrace=False)

HTML = """<!doctype html><html lang="en"><head><title>Harbour reopens - Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2019-03-25T10:00:00+00:00"></head>
<body><article><h1>Harbour reopens</h1><p class="byline">By Ann Smith</p>
<p>The harbour reopened on Monday after a week of repairs to the sea wall.</p>
<p>Fishing boats returned by noon, and the ferry resumes tomorrow.</p></article></body></html>
"""
FRONT = "---\ntitle: Council votes\ndate: 2020-01-02\nauthor: Jane Doe\n---\nThe council voted on the budget.\n"


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Articles of every kind in nested folders, one empty file and one copy of another's bytes."""
    folder = tmp_path_factory.mktemp("inputs")
    (folder / "nested").mkdir()
    (folder / "plain.txt").write_text("Plain headline\n\nA paragraph of plain text.\n", encoding="utf-8")
    (folder / "nested" / "copy.txt").write_text("Plain headline\n\nA paragraph of plain text.\n", encoding="utf-8")
    (folder / "front.md").write_text(FRONT, encoding="utf-8")
    (folder / "nested" / "page.html").write_text(HTML, encoding="utf-8")
    (folder / "accents.txt").write_text("Élection à Zürich\n\nLes électeurs ont voté.\n", encoding="utf-8")
    (folder / "packed.txt.gz").write_bytes(gzip.compress(b"Packed headline\n\nCompressed body.\n"))
    (folder / "empty.txt").write_bytes(b"")
    return folder


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    from newsarchive.spark import start_session

    session = start_session("local[2]", app="newsarchive-tests")
    try:
        yield session
    finally:
        session.stop()


@pytest.fixture(scope="module")
def output(spark: Any, inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    """The job's output folder for `inputs`, and its summary."""
    from newsarchive.spark import run_job

    folder = tmp_path_factory.mktemp("job") / "out"
    summary = run_job([str(inputs)], str(folder), spark=spark)
    return folder, summary


def parquet_rows(folder: Path) -> list[dict[str, Any]]:
    import pyarrow as pa
    import pyarrow.dataset as ds

    # The year's type given, since a folder of undated records alone leaves nothing to infer it from.
    partitioning = ds.partitioning(pa.schema([("year", pa.int64())]), flavor="hive")
    return list(ds.dataset(str(folder), format="parquet", partitioning=partitioning).to_table().to_pylist())


def cli_records(runner: CliRunner, inputs: Path, db: Path) -> dict[str, dict[str, Any]]:
    invoke(runner, "--archive", str(db), "ingest", str(inputs), expect=3)  # the empty file fails
    return {r["id"]: r for r in jsonl(invoke(runner, "--archive", str(db), "export").stdout)}


def without(record: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k not in keys}


def test_spark_records_equal_the_cli_records_but_the_ingest_time(
    output: tuple[Path, Any], inputs: Path, runner: CliRunner, tmp_path: Path
) -> None:
    folder, summary = output
    expected = cli_records(runner, inputs, tmp_path / "cli.db")
    rows = parquet_rows(folder)
    assert len(rows) == len(expected) == summary.records == 5  # the copy is one record, as in the CLI
    for row in rows:
        assert without(row, "ingested_at", "year") == without(expected[row["id"]], "ingested_at")
        assert row["ingested_at"] is not None


def test_output_is_partitioned_by_year_and_marked_complete(output: tuple[Path, Any]) -> None:
    folder, _ = output
    assert (folder / "_SUCCESS").exists()
    years = sorted(p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith("_"))
    assert years == ["year=2019", "year=2020", "year=__HIVE_DEFAULT_PARTITION__"]
    dated = {row["headline"]: row["year"] for row in parquet_rows(folder) if row["date"]}
    assert dated == {"Harbour reopens": 2019, "Council votes": 2020}


def test_failures_name_the_input_document_and_reason(output: tuple[Path, Any], inputs: Path) -> None:
    folder, summary = output
    parts = (folder / "_failures").glob("part-*.json")
    lines = [json.loads(line) for part in parts for line in part.read_text(encoding="utf-8").splitlines()]
    empty = str(inputs / "empty.txt")
    assert lines == [{"input": empty, "document": empty, "reason": "file is empty"}]
    assert summary.failed == 1


def test_duckdb_reads_the_output_with_its_structs_and_lists(output: tuple[Path, Any]) -> None:
    import duckdb

    folder, _ = output
    relation = f"read_parquet('{folder}/**/*.parquet', hive_partitioning = true)"
    per_year = duckdb.sql(f"SELECT year, count(*) FROM {relation} GROUP BY year ORDER BY year").fetchall()
    assert per_year == [(2019, 1), (2020, 1), (None, 3)]
    authors = duckdb.sql(f"SELECT unnest(byline).name AS name FROM {relation} ORDER BY name").fetchall()
    assert authors == [("Ann Smith",), ("Jane Doe",)]
    hits = duckdb.sql(f"SELECT headline FROM {relation} WHERE body LIKE '%sea wall%'").fetchall()
    assert hits == [("Harbour reopens",)]


def test_import_of_the_output_reproduces_the_cli_archive(
    output: tuple[Path, Any], inputs: Path, runner: CliRunner, tmp_path: Path
) -> None:
    folder, _ = output
    expected = cli_records(runner, inputs, tmp_path / "cli.db")
    db = tmp_path / "imported.db"
    result = invoke(runner, "--archive", str(db), "import", str(folder))
    assert "5 added, 0 unchanged, 0 failed" in result.stderr
    imported = {r["id"]: r for r in jsonl(invoke(runner, "--archive", str(db), "export").stdout)}
    assert imported.keys() == expected.keys()
    for record_id, record in imported.items():
        assert without(record, "ingested_at") == without(expected[record_id], "ingested_at")


def test_cli_reads_uris_through_hadoop_and_exits_3_on_a_failure(
    spark: Any, output: tuple[Path, Any], inputs: Path, runner: CliRunner, tmp_path: Path
) -> None:
    target = tmp_path / "uri-out"
    result = invoke(runner, "spark", inputs.as_uri(), "--output", str(target), expect=3)
    assert "5 records written" in result.stderr and "1 failed" in result.stderr
    by_uri = {row["id"]: row for row in parquet_rows(target)}
    local = {row["id"]: row for row in parquet_rows(output[0])}
    assert by_uri.keys() == local.keys()
    accents = next(row for row in by_uri.values() if row["headline"] == "Élection à Zürich")
    assert accents["source"]["path"].startswith("file:") and accents["source"]["path"].endswith("/accents.txt")
    for record_id, row in by_uri.items():
        assert without(row, "source", "ingested_at") == without(local[record_id], "source", "ingested_at")


def test_an_existing_local_output_folder_is_refused_before_spark_starts(
    runner: CliRunner, inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Re-running a job into the same folder is a common slip; telling it costs no JVM start."""
    from pyspark.sql import SparkSession

    import newsarchive.spark as spark_module

    def no_session(*args: object, **kwargs: object) -> None:
        raise AssertionError("a session was started")

    monkeypatch.setattr(SparkSession, "getActiveSession", staticmethod(lambda: None))
    monkeypatch.setattr(spark_module, "start_session", no_session)
    monkeypatch.delenv("PYSPARK_GATEWAY_PORT", raising=False)
    monkeypatch.delenv("HADOOP_CONF_DIR", raising=False)
    target = tmp_path / "out"
    target.mkdir()
    result = invoke(runner, "spark", str(inputs), "--output", str(target), "--master", "local[1]", expect=1)
    assert f"{target}: exists already; give --output a new folder" in result.stderr


def test_job_summary_says_where_failures_and_skips_are_listed() -> None:
    """A job does not print each failure as ingest does (there may be millions); its summary
    line names the folders that list them, so a user with exit status 3 knows where to look."""
    from newsarchive.spark import JobSummary

    line = JobSummary(output="out/", records=5, failed=1, skipped=2).line()
    assert line == (
        "5 records written to out/, 1 failed (listed in out/_failures/), "
        "2 skipped (no article; listed in out/_skipped/)"
    )
    assert JobSummary(output="s3a://b/r", records=3, failed=0).line() == "3 records written to s3a://b/r, 0 failed"


def test_cli_refuses_an_existing_output_folder(spark: Any, output: tuple[Path, Any], inputs: Path) -> None:
    result = invoke(CliRunner(), "spark", str(inputs), "--output", str(output[0]), expect=1)
    assert "exists already" in result.stderr


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A per-record gzipped WARC: eight article pages (one twice), a request and a 404."""
    from .warcs import Rec, article, build

    pages = [Rec(payload=article(n), uri=f"https://news.example/2024/{n}") for n in range(8)]
    pages.insert(4, Rec(rec_type="request", uri="https://news.example/2024/3"))
    pages.insert(6, Rec(payload=article(2), uri="https://news.example/2024/2-again"))
    pages.append(Rec(status="404 Not Found", uri="https://news.example/missing"))
    path = tmp_path_factory.mktemp("crawl") / "crawl.warc.gz"
    path.write_bytes(build(pages, gzipped=True))
    return path


def test_a_big_web_archive_is_split_into_byte_ranges_that_tile_it(crawl: Path) -> None:
    from newsarchive.spark import list_local

    size = crawl.stat().st_size
    tasks = list(list_local([str(crawl)], split_bytes=size // 3))
    ranges = [(start, end) for _, _, _, start, end in tasks]
    assert len(ranges) >= 3
    assert ranges[0][0] == 0 and ranges[-1][1] is None
    assert all(end == following for (_, end), (following, _) in zip(ranges, ranges[1:], strict=False))


def test_web_archive_records_split_over_tasks_equal_the_cli_records(
    spark: Any, crawl: Path, runner: CliRunner, tmp_path: Path
) -> None:
    from newsarchive.spark import run_job

    output = tmp_path / "out"
    summary = run_job([str(crawl)], str(output), spark=spark, split_bytes=crawl.stat().st_size // 3)
    invoke(runner, "--archive", str(tmp_path / "cli.db"), "ingest", str(crawl))
    expected = {r["id"]: r for r in jsonl(invoke(runner, "--archive", str(tmp_path / "cli.db"), "export").stdout)}
    rows = parquet_rows(output)
    assert len(rows) == len(expected) == summary.records == 8  # the repeated page once, as in the CLI
    for row in rows:
        assert without(row, "ingested_at", "year") == without(expected[row["id"]], "ingested_at")
    assert {row["source"]["member"]["uri"] for row in rows} == {f"https://news.example/2024/{n}" for n in range(8)}
    skipped = [json.loads(line) for part in (output / "_skipped").glob("part-*.json")
               for line in part.read_text(encoding="utf-8").splitlines()]  # fmt: skip
    # The warcinfo record has no URI: its place in the file names it.
    assert sorted(line["document"] for line in skipped) == [f"{crawl}@0", "https://news.example/2024/3",
                                                            "https://news.example/missing"]  # fmt: skip
    assert summary.failed == 0 and summary.skipped == 3


def test_a_web_archive_behind_a_uri_is_split_into_byte_ranges_like_a_local_one(spark: Any, crawl: Path) -> None:
    from newsarchive.spark import plan

    size = crawl.stat().st_size
    listed = plan(spark, [crawl.as_uri()], split_bytes=size // 3)
    assert {label for label, *_ in listed} == {f"file:{crawl}"}  # named as Spark's file sources name it
    ranges = [(start, end) for _, error, _, start, end, by_spark, remote in listed if remote and not by_spark]
    assert len(ranges) == len(listed) >= 3
    assert ranges[0][0] == 0 and ranges[-1][1] is None
    assert all(end == following for (_, end), (following, _) in zip(ranges, ranges[1:], strict=False))
    # Small enough for one range: read whole by Spark, as any other file behind a URI.
    assert [entry[3:] for entry in plan(spark, [crawl.as_uri()], split_bytes=size)] == [(None, None, True, True)]


def test_web_archive_ranges_behind_a_uri_give_the_records_of_the_local_file(
    spark: Any, crawl: Path, tmp_path: Path
) -> None:
    from newsarchive.spark import run_job

    size = crawl.stat().st_size
    by_path, by_uri = tmp_path / "path", tmp_path / "uri"
    run_job([str(crawl)], str(by_path), spark=spark, split_bytes=size // 3)
    summary = run_job([crawl.as_uri()], str(by_uri), spark=spark, split_bytes=size // 3)
    local = {row["id"]: row for row in parquet_rows(by_path)}
    remote = {row["id"]: row for row in parquet_rows(by_uri)}
    assert remote.keys() == local.keys() and summary.records == 8 and summary.skipped == 3
    for record_id, row in remote.items():
        assert row["source"]["path"] == f"file:{crawl}"
        assert row["source"]["member"] == local[record_id]["source"]["member"]  # same offsets, same pages
        assert without(row, "source", "ingested_at") == without(local[record_id], "source", "ingested_at")


def test_a_task_opens_a_range_of_a_uri_it_cannot_reach_as_one_failure(tmp_path: Path) -> None:
    import pyarrow as pa

    from newsarchive import spark as job

    missing = (tmp_path / "gone.warc.gz").as_uri()
    task = {"input": missing, "content": None, "error": None, "skip": None, "ordinal": 0, "start": 0, "end": None,
            "remote": True}
    batches = job.parse_batches(iter([pa.RecordBatch.from_pylist([task])]), ingested_at="2026-01-01T00:00:00+00:00",
                                timeout=30, max_bytes=1 << 20)  # fmt: skip
    failures = [row["failure"] for batch in batches for row in batch.to_pylist()]
    assert len(failures) == 1 and failures[0]["input"] == missing and failures[0]["reason"].startswith("cannot open")


def test_a_task_hands_back_a_web_archive_range_in_bounded_batches(
    crawl: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pyarrow as pa

    from newsarchive import spark as job

    monkeypatch.setattr(job, "OUTPUT_BATCH_ROWS", 3)
    task = {"input": str(crawl), "content": None, "error": None, "skip": None, "ordinal": 0, "start": 0, "end": None}
    tasks = iter([pa.RecordBatch.from_pylist([task])])
    batches = list(job.parse_batches(tasks, ingested_at="2026-01-01T00:00:00+00:00", timeout=30, max_bytes=1 << 20))
    assert max(batch.num_rows for batch in batches) <= 3 + 3  # records flushed every 3; failures ride along
    records = [row for batch in batches for row in batch.to_pylist() if row["failure"] is None]
    assert len(records) == 9  # every page, the repeated one too: only the job keeps the first of an id


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="reads the daemon's command line in /proc")
def test_local_python_workers_are_forked_from_the_daemon_that_imports_the_parser(spark: Any) -> None:
    import pyarrow as pa

    def parent(batches: Iterator[Any]) -> Iterator[Any]:
        import os

        for _ in batches:
            with open(f"/proc/{os.getppid()}/cmdline", "rb") as handle:
                command = handle.read().replace(b"\0", b" ").decode()
            yield pa.RecordBatch.from_pylist([{"command": command}])

    rows = spark.range(1, numPartitions=1).mapInArrow(parent, "command string").collect()
    assert "-m newsarchive.spark_daemon" in rows[0]["command"]
    from newsarchive import spark_daemon  # what that daemon runs first

    assert "newsarchive.parse.html" in vars(spark_daemon)["FORKSERVER_PRELOAD"]
    assert spark.conf.get("spark.ui.enabled") == "false"


def test_the_task_table_reaches_the_jvm_without_a_python_stage(spark: Any) -> None:
    """The rows are unpickled by the JVM: no Python worker is set up per partition to re-pickle them."""
    from newsarchive import spark as job

    rows = [("a.html", None, None, None, 0, None, None, False), ("b.warc", None, None, None, 1, 0, 1 << 20, True)]
    frame = job.local_frame(spark, rows, job.task_struct(), 2)
    assert [tuple(row) for row in frame.collect()] == rows
    assert frame.rdd.getNumPartitions() == 2
    lineage = frame._jdf.queryExecution().toRdd().toDebugString()
    assert "PythonRDD[" not in lineage  # an RDD of a Python function, not the file it was read from
    made = spark.createDataFrame(spark.sparkContext.parallelize(rows, 2), job.task_schema())
    assert "PythonRDD[" in made._jdf.queryExecution().toRdd().toDebugString()  # what the check tells apart


def test_the_task_table_falls_back_to_create_dataframe_without_pyspark_internals(
    spark: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A PySpark without the internals `local_frame` reads the rows through gets the same table
    by its public `createDataFrame`."""
    from newsarchive import spark as job

    def missing(*args: object) -> None:
        raise ImportError("no pyspark.sql.classic")

    monkeypatch.setattr(job, "_unpickled_by_jvm", missing)
    rows = [("a.html", None, None, None, 0, None, None, False), ("b.warc", None, None, None, 1, 0, 1 << 20, True)]
    frame = job.local_frame(spark, rows, job.task_struct(), 2)
    assert [tuple(row) for row in frame.collect()] == rows
    assert "PythonRDD[" in frame._jdf.queryExecution().toRdd().toDebugString()  # the public way's stage


def test_a_local_jvm_writes_the_class_archive_once_then_reads_it(tmp_path: Path) -> None:
    from newsarchive.spark import class_archive_options, keep_archive

    assert class_archive_options(None, "spark-x") == ("", None)
    options, pending = class_archive_options(tmp_path, "spark-x")
    assert pending is not None
    temporary, final = pending
    assert f"-XX:ArchiveClassesAtExit={temporary}" in options and temporary.parent == tmp_path
    assert final == tmp_path / "spark-x.jsa" and temporary != final
    temporary.write_bytes(b"")  # a JVM killed before it wrote anything
    assert not keep_archive(temporary, final) and not temporary.exists() and not final.exists()
    temporary.write_bytes(b"classes")
    assert keep_archive(temporary, final) and final.read_bytes() == b"classes" and not temporary.exists()
    options, pending = class_archive_options(tmp_path, "spark-x")
    assert options == f"-XX:SharedArchiveFile={final} -Xlog:disable" and pending is None


def test_the_class_archive_is_off_when_the_setting_says_0(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from newsarchive import spark as job

    monkeypatch.setenv(job.CDS_ENV, "0")
    assert job._class_archive() == ("", None)
    monkeypatch.setenv(job.CDS_ENV, str(tmp_path / "cache"))
    options, pending = job._class_archive()
    assert pending is not None and pending[1].parent == tmp_path / "cache" and pending[1].name.startswith("spark-")
    assert "-XX:ArchiveClassesAtExit=" in options
