"""The parser as an Apache Spark job: inputs → tasks → the same `parse()` → Parquet.

Shape: the driver lists the inputs (local paths with the same walk as `ingest`, so every
`source.path` is what the CLI records; URIs such as `s3a://` or `hdfs://` through Hadoop's
FileSystem, with the same file-name rule) into a small table of tasks. Local files are read
inside the tasks; files behind a URI are read by Spark's `binaryFile` source, so whatever
Hadoop is configured to reach works. Each task parses its documents with
`pipeline.parse_document`, the function behind `ingest` (there is no second parser), and
hands back Arrow record batches in the record's Parquet layout (`parquet.arrow_schema`),
with two extra columns: `year` (the partition) and `failure`.

Output: `DIR/year=YYYY/part-*.parquet` (undated records under Spark's null partition,
`year=__HIVE_DEFAULT_PARTITION__`), `DIR/_SUCCESS` once complete, and for every document
that failed a JSON line `{"input", "document", "reason"}` under `DIR/_failures/`. Records
are those the CLI builds for the same bytes; only `ingested_at` differs (the job's start).

pyspark is imported by this module alone (the `spark` extra), never at CLI start-up.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .errors import InputError, NewsArchiveError
from .sources import DEFAULT_MAX_BYTES, GZIP_MAGIC, _is_article_name, gunzip, iter_paths, read_source

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark.sql import DataFrame, SparkSession

YEAR = "year"  # the partition column
FAILURE = "failure"  # struct<input, document, reason>, null for a record
ORDINAL = "ordinal"  # an input's place in the listing; dropped before writing
FAILURES_FOLDER = "_failures"  # leading underscore: Spark, pyarrow and DuckDB readers skip it
# Tasks per core by default: enough that one slow task does not leave a core idle for
# long, few enough that each year's folder gets a handful of files, not hundreds.
TASKS_PER_CORE = 2
SESSION_SETTINGS = {
    # Arrow batches of a few thousand records keep a task's memory flat.
    "spark.sql.execution.arrow.maxRecordsPerBatch": "2000",
    # Few shuffle partitions: only (id, ordinal, path) pairs are ever shuffled.
    "spark.sql.shuffle.partitions": "16",
}
_URI_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


@dataclass(frozen=True, slots=True)
class JobSummary:
    """What a job did; `line()` is the summary the CLI prints."""

    output: str
    records: int
    failed: int

    def line(self) -> str:
        return f"{self.records} records written to {self.output}, {self.failed} failed"


def is_uri(path: str) -> bool:
    """True for `scheme://…` inputs, which are read through Hadoop rather than from local disk."""
    return bool(_URI_RE.match(path))


def task_schema() -> str:
    """The tasks table: an input's label, its bytes when Spark read them, or why it cannot be read,
    and its place in the listing (the CLI keeps the first of several inputs with the same bytes)."""
    return "input string, content binary, error string, ordinal long"


def output_arrow_schema() -> pa.Schema:
    """The record layout plus the `year` partition, the `failure` struct and the input's ordinal."""
    import pyarrow as pa

    from .parquet import arrow_schema

    failure = pa.struct([pa.field("input", pa.string()), pa.field("document", pa.string()),
                         pa.field("reason", pa.string())])  # fmt: skip
    extra = (pa.field(YEAR, pa.int64()), pa.field(FAILURE, failure), pa.field(ORDINAL, pa.int64()))
    return pa.schema([*arrow_schema(), *extra])


def _year(date: str | None) -> int | None:
    return int(date[:4]) if date and date[:4].isdigit() else None


def _failure(label: str, document: str, reason: str) -> dict[str, Any]:
    return {FAILURE: {"input": label, "document": document, "reason": reason}}


def parse_batches(
    batches: Iterator[pa.RecordBatch], *, ingested_at: str, timeout: float, max_bytes: int
) -> Iterator[pa.RecordBatch]:
    """The task body: task rows in, one output row (a record or a failure) per document out."""
    import pyarrow as pa

    from .pipeline import parse_document
    from .serialize import to_dict

    schema = output_arrow_schema()
    for batch in batches:
        rows: list[dict[str, Any]] = []
        for task in batch.to_pylist():
            label, content, error, ordinal = task["input"], task["content"], task["error"], task[ORDINAL]

            if error is not None:
                rows.append(_failure(label, label, error))
                continue
            try:
                if content is None:
                    data = read_source(label, max_bytes=max_bytes).data
                else:
                    if len(content) > max_bytes:
                        raise InputError(label, f"input is over the {max_bytes:,}-byte limit")
                    data = gunzip(content, label, max_bytes) if content.startswith(GZIP_MAGIC) else content
            except InputError as exc:
                rows.append(_failure(label, label, exc.reason))
                continue
            result = parse_document(data, label, timeout=timeout)
            if isinstance(result, str):
                rows.append(_failure(label, label, result))
                continue
            record = to_dict(result)
            record["ingested_at"] = ingested_at
            record[YEAR] = _year(result.date)
            record[ORDINAL] = ordinal
            rows.append(record)
        yield pa.RecordBatch.from_pylist(rows, schema=schema)


def list_local(inputs: list[str]) -> Iterator[tuple[str, str | None]]:
    """`(path, error)` for local inputs, walked exactly as `ingest` walks them."""
    for item in iter_paths(inputs):
        if isinstance(item, InputError):
            yield item.source, item.reason
        elif isinstance(item, str):
            yield item, None
        # a Skipped file (not an article file by its name) is left out, as ingest counts it


def _empty_reason(name: str) -> str:
    """What parsing an empty input says (the same words as `ingest`)."""
    from .pipeline import parse_document

    result = parse_document(b"", name)
    assert isinstance(result, str)
    return result


def list_uris(spark: SparkSession, uris: list[str]) -> Iterator[tuple[str, str | None]]:
    """`(uri, error)` for each file under the URIs, through Hadoop's FileSystem (sorted, hidden names left out)."""
    jvm: Any = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    for uri in uris:
        path = jvm.org.apache.hadoop.fs.Path(uri)
        try:
            fs = path.getFileSystem(conf)
            if not fs.exists(path):
                yield uri, "no such file or directory"
                continue
            status = fs.getFileStatus(path)
            if not status.isDirectory():
                yield uri, _empty_reason(uri) if status.getLen() == 0 else None
                continue
            found: list[tuple[str, str | None]] = []
            files = fs.listFiles(path, True)
            while files.hasNext():
                child = files.next()
                name = child.getPath().toString()
                relative = name[len(fs.makeQualified(path).toString()) :]
                parts = [part for part in relative.split("/") if part]
                if any(part.startswith((".", "_")) for part in parts) or not _is_article_name(parts[-1]):
                    continue
                # Spark's file sources skip empty files without a word; report them here.
                found.append((name, _empty_reason(name) if child.getLen() == 0 else None))
            yield from sorted(found)
        except Exception as exc:  # a Py4J error from Hadoop: report the input, not a traceback
            yield uri, f"cannot list ({str(exc).splitlines()[0] if str(exc) else type(exc).__name__})"


def start_session(master: str = "local[*]", *, app: str = "newsarchive", progress: bool = False) -> SparkSession:
    """A new SparkSession on `master` (under spark-submit, on the master it was given).

    Raises:
        NewsArchiveError: PySpark is not installed.
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise NewsArchiveError(f"the spark command needs PySpark: pip install 'newsarchive[spark]' ({exc})") from exc

    builder = SparkSession.builder.appName(app)
    if "PYSPARK_GATEWAY_PORT" not in os.environ:  # spark-submit sets the master itself
        builder = builder.master(master)
        if master.startswith("local") and "PYSPARK_PYTHON" not in os.environ:
            # Local tasks must run this interpreter, which has newsarchive installed (Spark's
            # default is whatever `python3` is first on PATH). PySpark reads this variable,
            # not the `spark.pyspark.python` setting, when it starts outside spark-submit.
            os.environ["PYSPARK_PYTHON"] = sys.executable
    for key, value in SESSION_SETTINGS.items():
        builder = builder.config(key, value)
    builder = builder.config("spark.ui.showConsoleProgress", "true" if progress else "false")
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


def _first_of_each_id(records: DataFrame) -> DataFrame:
    """One row per id, as `ingest` keeps one record per source bytes: the first input's.

    Only (id, ordinal, path) pairs are shuffled; the repeated ids are broadcast to the
    tasks holding the records, so the records themselves never cross the network.
    """
    from pyspark.sql import functions as F

    first = F.min(F.struct(ORDINAL, "source.path")).alias("first")
    repeated = records.groupBy("id").agg(first, F.count("*").alias("copies")).where("copies > 1")
    joined = records.join(F.broadcast(repeated), "id", "left")
    keep = F.col("first").isNull() | (
        (F.col("first")[ORDINAL] == F.col(ORDINAL)) & (F.col("first.path") == F.col("source.path"))
    )
    return joined.where(keep).drop("first", "copies", ORDINAL).select(*records.drop(ORDINAL).columns)


def _exists(spark: SparkSession, uri: str) -> bool:
    jvm: Any = spark.sparkContext._jvm
    path = jvm.org.apache.hadoop.fs.Path(uri)
    return bool(path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()).exists(path))


def run_job(
    inputs: list[str],
    output: str,
    *,
    master: str = "local[*]",
    partitions: int | None = None,
    timeout: float = 30.0,
    max_bytes: int = DEFAULT_MAX_BYTES,
    spark: SparkSession | None = None,
    progress: bool = False,
) -> JobSummary:
    """Parse `inputs` on Spark and write the records as Parquet under `output`.

    Args:
        inputs: local paths (files or folders) and URIs Spark reads.
        output: the folder to create (local path or URI); it must not exist.
        master: Spark master URL, used when no session is running yet.
        partitions: tasks for the inputs (default: TASKS_PER_CORE per core).
        timeout: seconds one document may take to parse (0 = no limit).
        max_bytes: cap on one document's size after decompression.
        spark: a session to use (tests share one); otherwise one is found or made.
        progress: show Spark's console progress bar.

    Raises:
        NewsArchiveError: the output exists already, or nothing could be listed.
    """
    try:
        from pyspark.sql import functions as F
        from pyspark.sql.pandas.types import from_arrow_schema
        from pyspark.storagelevel import StorageLevel
    except ImportError as exc:
        raise NewsArchiveError(f"the spark command needs PySpark: pip install 'newsarchive[spark]' ({exc})") from exc

    from .pipeline import utc_now

    if spark is None:
        from pyspark.sql import SparkSession

        spark = SparkSession.getActiveSession()
    owned = spark is None
    session = spark if spark is not None else start_session(master, progress=progress)
    try:
        if _exists(session, output):
            raise NewsArchiveError(f"{output}: exists already; give --output a new folder")
        local = [path for path in inputs if not is_uri(path)]
        uris = [path for path in inputs if is_uri(path)]
        context = session.sparkContext
        count = partitions or context.defaultParallelism * TASKS_PER_CORE
        listed = [(path, error, False) for path, error in list_local(local)]
        listed += [(path, error, True) for path, error in (list_uris(session, uris) if uris else [])]
        # Local files are read by the tasks; Spark reads the others (see `binaryFile` below).
        local_tasks = [(path, None, error, n) for n, (path, error, remote) in enumerate(listed) if error or not remote]
        tasks: DataFrame = session.createDataFrame(
            context.parallelize(local_tasks, max(1, min(count, len(local_tasks)))), task_schema()
        )
        readable = [uri for uri, error, remote in listed if remote and error is None]
        if readable:
            if partitions:
                session.conf.set("spark.sql.files.minPartitionNum", str(partitions))
            read = session.read.format("binaryFile").load(readable)
            # Spark names the files in its own spelling (file:/x for file:///x), so their
            # order among themselves is their name's, after every local input.
            tasks = tasks.unionByName(
                read.select(
                    F.col("path").alias("input"),
                    F.col("content"),
                    F.lit(None).cast("string").alias("error"),
                    F.lit(len(listed)).cast("long").alias(ORDINAL),
                )
            )
        stamp = utc_now()

        def task(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
            return parse_batches(batches, ingested_at=stamp, timeout=timeout, max_bytes=max_bytes)

        results = tasks.mapInArrow(task, from_arrow_schema(output_arrow_schema()))
        results = results.persist(StorageLevel.MEMORY_AND_DISK)
        try:
            records = _first_of_each_id(results.where(F.col(FAILURE).isNull()).drop(FAILURE))
            records.write.partitionBy(YEAR).parquet(output)
            failures = results.where(F.col(FAILURE).isNotNull()).select(f"{FAILURE}.*")
            failed = failures.count()
            if failed:
                failures.coalesce(1).write.json(output.rstrip("/") + "/" + FAILURES_FOLDER)
            written = records.count()
        finally:
            results.unpersist()
        return JobSummary(output=output, records=written, failed=failed)
    finally:
        if owned:
            session.stop()
