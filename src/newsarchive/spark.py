"""The parser as an Apache Spark job: inputs → tasks → the same `parse()` → Parquet.

Shape: the driver lists the inputs (local paths with the same walk as `ingest`, so every
`source.path` is what the CLI records; URIs such as `s3a://` or `hdfs://` through Hadoop's
FileSystem, with the same file-name rule) into a small table of tasks. Local files are read
inside the tasks; a web archive larger than one range (`SPLIT_BYTES` at most) and not
gzipped whole is split into byte ranges, one task each, which `warc.iter_warc` reads from
the first record boundary in the range (so the ranges read every record once). That holds
for web archives behind a URI too, when pyarrow's file systems open it (`file:`, `s3a:`
as S3, `hdfs:` with libhdfs, `gs:`...): the driver sniffs each file over one range for a web
archive, and each task opens the file, seeks to its range and reads on from the first
record that starts in it. Other files behind a URI are read by Spark's `binaryFile` source,
whole, so whatever Hadoop is configured to reach works.
Each task parses its documents with `pipeline.parse_document`, the function behind
`ingest` (there is no second parser), and hands back Arrow record batches in the record's
Parquet layout (`parquet.arrow_schema`), with extra columns: `year` (the partition),
`failure`, and the input's ordinal and record offset (which pick the first of repeated ids).

Output: `DIR/year=YYYY/part-*.parquet` (undated records under Spark's null partition,
`year=__HIVE_DEFAULT_PARTITION__`), `DIR/_SUCCESS` once complete, and for every document
that failed a JSON line `{"input", "document", "reason"}` under `DIR/_failures/` (and for
every one skipped as no article, as `ingest` skips them, the same under `DIR/_skipped/`). Records
are those the CLI builds for the same bytes; only `ingested_at` differs (the job's start).

pyspark is imported by this module alone (the `spark` extra), never at CLI start-up.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from .errors import InputError, NewsArchiveError
from .sources import (
    DEFAULT_MAX_BYTES,
    GZIP_MAGIC,
    SNIFF_BYTES,
    Document,
    Skipped,
    _is_article_name,
    gunzip,
    iter_paths,
    read_source,
    web_archive_kind,
)

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark.sql import DataFrame, SparkSession
    from pyspark.sql.types import StructType

YEAR = "year"  # the partition column
FAILURE = "failure"  # struct<input, document, reason>, null for a record
ORDINAL = "ordinal"  # an input's place in the listing; dropped before writing
POSITION = "position"  # a web-archive record's offset in its file (0 for a plain file); dropped too
# Leading underscore: Spark, pyarrow and DuckDB readers of DIR skip these folders.
FAILURES_FOLDER = "_failures"
SKIPPED_FOLDER = "_skipped"
# Bytes of a local web archive per task: large enough that finding the first record boundary
# in each range costs nothing next to parsing it, small enough that one big WARC keeps every
# core busy (about a minute of HTML parsing per range on one core).
SPLIT_BYTES = 64 << 20
MIN_SPLIT_BYTES = 1 << 20  # below this, finding each range's first record costs more than it saves
# Read-ahead on a web archive behind a URI: each read of an object store is a request, and
# the reader asks for a few KB at a time.
URI_BUFFER_BYTES = 4 << 20
# Hadoop's names for schemes pyarrow knows by another (the S3A and S3N connectors are S3).
ARROW_SCHEMES = {"s3a": "s3", "s3n": "s3"}
# Tasks per core by default: enough that one slow task does not leave a core idle for
# long, few enough that each year's folder gets a handful of files, not hundreds.
TASKS_PER_CORE = 2
# Records per Arrow batch a task hands back: a few MB of records, so a task's memory stays
# flat however many pages its byte range of a web archive holds.
OUTPUT_BATCH_ROWS = 500
SESSION_SETTINGS = {
    # Arrow batches of a few thousand records keep a task's memory flat.
    "spark.sql.execution.arrow.maxRecordsPerBatch": "2000",
    # Few shuffle partitions: only (id, ordinal, path) pairs are ever shuffled.
    "spark.sql.shuffle.partitions": "16",
    # No web UI: a batch job nobody watches in a browser, and its server is part of start-up.
    "spark.ui.enabled": "false",
}
# For a session this process starts on its own machine (local[N]), where the driver's JVM is
# also the executor and spends its time starting up and moving Arrow batches, not in long
# hot loops: the client compiler alone (C2's compile threads compete with the Python
# workers for the cores) and the serial collector (one thread, for a heap of about 1 GB).
LOCAL_DRIVER_JAVA_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
# A local session's JVM maps Spark's classes from a class-data archive (AppCDS) made by the
# first local run and kept in the user's cache: loading and verifying some ten thousand
# classes from the jars is most of the session start-up and of the first job's extra time.
# NEWSARCHIVE_SPARK_CDS=0 turns it off; a folder there puts the archive in that folder.
CDS_ENV = "NEWSARCHIVE_SPARK_CDS"
CDS_WAIT_SECONDS = 300.0  # longest wait for the JVM to write the archive as it exits
LOCAL_SETTINGS = {
    # Python workers forked from a daemon that has imported the parser (see spark_daemon.py).
    "spark.python.daemon.module": "newsarchive.spark_daemon",
}
_URI_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
# The archive the JVM of this process's local session writes as it exits, and its final name.
_pending_archive: tuple[Path, Path] | None = None


@dataclass(frozen=True, slots=True)
class JobSummary:
    """What a job did; `line()` is the summary the CLI prints."""

    output: str
    records: int
    failed: int
    skipped: int = 0

    def line(self) -> str:
        """One line; failures and skips are named in their folders, so the line says where."""
        folder = self.output.rstrip("/")
        failed = f" (listed in {folder}/{FAILURES_FOLDER}/)" if self.failed else ""
        skipped = f", {self.skipped} skipped (no article; listed in {folder}/{SKIPPED_FOLDER}/)" if self.skipped else ""
        return f"{self.records} records written to {self.output}, {self.failed} failed{failed}{skipped}"


def is_uri(path: str) -> bool:
    """True for `scheme://…` inputs, which are read through Hadoop rather than from local disk."""
    return bool(_URI_RE.match(path))


def task_schema() -> str:
    """The tasks table: an input's label, its bytes when Spark read them, why it cannot be read
    (`error`) or is no article (`skip`), its place in the listing (the CLI keeps the first of
    several inputs with the same bytes), for a web archive the byte range to read, and
    whether the input is a URI that the task opens through pyarrow (`remote`)."""
    return "input string, content binary, error string, skip string, ordinal long, start long, end long, remote boolean"


def task_struct() -> StructType:
    """`task_schema` as PySpark's type."""
    from pyspark.sql.types import StructType

    return StructType.fromJson({"type": "struct", "fields": [
        {"name": name, "type": kind, "nullable": True, "metadata": {}}
        for name, kind in (field.split(" ") for field in task_schema().split(", "))
    ]})  # fmt: skip


def local_frame(session: SparkSession, rows: list[tuple[Any, ...]], schema: StructType, slices: int) -> DataFrame:
    """A DataFrame of `rows` (made on the driver) in `slices` partitions, which the JVM reads
    from their pickled form itself.

    `createDataFrame` on the same rows re-pickles them in a Python stage of its own: a
    Python worker forked and set up per partition in the job that first reads them, for rows
    that only need unpickling. `rows` hold only values whose internal form is themselves
    (strings, bytes, integers, booleans, None, and structs of them as tuples). These are
    PySpark 4's own internals (what `createDataFrame` calls after its Python stage); a PySpark
    without them gets `createDataFrame`.
    """
    pickled = session.sparkContext.parallelize(rows, slices)  # batches of rows, each a pickled list
    try:
        return _unpickled_by_jvm(session, pickled, schema)
    except (ImportError, AttributeError):  # a PySpark without these internals: its public way
        return session.createDataFrame(pickled, schema)


def _unpickled_by_jvm(session: SparkSession, pickled: Any, schema: StructType) -> DataFrame:
    """The DataFrame of the pickled batches `pickled` (an RDD), unpickled by the JVM."""
    from pyspark.sql.classic.dataframe import DataFrame as ClassicFrame

    jvm: Any = session.sparkContext._jvm
    objects = jvm.SerDeUtil.toJavaArray(jvm.SerDeUtil.pythonToJava(pickled._jrdd, True))
    frame = session._jsparkSession.applySchemaToPythonRDD(objects.rdd(), schema.json())
    return ClassicFrame(frame, session)


def output_arrow_schema() -> pa.Schema:
    """The record layout plus the `year` partition, the `failure` struct and the input's ordinal."""
    import pyarrow as pa

    from .parquet import arrow_schema

    failure = pa.struct([pa.field("input", pa.string()), pa.field("document", pa.string()),
                         pa.field("reason", pa.string()), pa.field("skipped", pa.bool_())])  # fmt: skip
    extra = (pa.field(YEAR, pa.int64()), pa.field(FAILURE, failure), pa.field(ORDINAL, pa.int64()),
             pa.field(POSITION, pa.int64()))  # fmt: skip
    return pa.schema([*arrow_schema(), *extra])


def _year(date: str | None) -> int | None:
    return int(date[:4]) if date and date[:4].isdigit() else None


def _failure(label: str, document: str, reason: str, *, skipped: bool = False) -> dict[str, Any]:
    return {FAILURE: {"input": label, "document": document, "reason": reason, "skipped": skipped}}


def _documents(
    label: str, content: bytes | None, start: int | None, end: int | None, max_bytes: int, *, remote: bool = False
) -> Iterator[Document | Skipped | InputError]:
    """The documents of one task: a byte range of a web archive (behind a URI when `remote`),
    a local file, or bytes Spark read."""
    from .warc import iter_warc, sniff_web_archive

    if start is not None:
        if not remote:
            yield from iter_warc(label, label=label, start=start, end=end, max_bytes=max_bytes)
            return
        try:
            handle = open_uri(label)
        except (OSError, ValueError, NotImplementedError) as exc:  # pyarrow's errors derive from these
            yield InputError(label, f"cannot open ({str(exc).splitlines()[0] if str(exc) else type(exc).__name__})")
            return
        with handle:
            yield from iter_warc(handle, label=label, start=start, end=end, max_bytes=max_bytes)
        return
    if content is None:
        try:
            yield Document(label, read_source(label, max_bytes=max_bytes).data)
        except InputError as exc:
            yield exc
        return
    if sniff_web_archive(content[:512]) is not None:
        import io

        yield from iter_warc(io.BytesIO(content), label=label, max_bytes=max_bytes)
        return
    try:
        if len(content) > max_bytes:
            raise InputError(label, f"input is over the {max_bytes:,}-byte limit (see --max-bytes)")
        yield Document(label, gunzip(content, label, max_bytes) if content.startswith(GZIP_MAGIC) else content)
    except InputError as exc:
        yield exc


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
            label, error, skip = task["input"], task["error"], task["skip"]
            if error is not None or skip is not None:
                rows.append(_failure(label, label, error or skip, skipped=error is None))
                continue
            documents = _documents(label, task["content"], task["start"], task["end"], max_bytes,
                                   remote=bool(task.get("remote")))  # fmt: skip
            for item in documents:
                if isinstance(item, InputError):
                    rows.append(_failure(label, item.source, item.reason))
                    continue
                if isinstance(item, Skipped):
                    where = item.uri or (f"{label}@{item.offset}" if item.offset is not None else label)
                    rows.append(_failure(label, where, item.reason, skipped=True))
                    continue
                member = item.member
                document = member.uri if member is not None else label
                result = parse_document(item.data, item.label, timeout=timeout, member=member)
                if isinstance(result, Skipped):
                    rows.append(_failure(label, document, result.reason, skipped=True))
                    continue
                if isinstance(result, str):
                    rows.append(_failure(label, document, result))
                    continue
                record = to_dict(result)
                record["ingested_at"] = ingested_at
                record[YEAR] = _year(result.date)
                record[ORDINAL] = task[ORDINAL]
                record[POSITION] = member.offset if member is not None else 0
                rows.append(record)
                if len(rows) >= OUTPUT_BATCH_ROWS:  # a WARC range holds thousands of pages
                    yield pa.RecordBatch.from_pylist(rows, schema=schema)
                    rows = []
        yield pa.RecordBatch.from_pylist(rows, schema=schema)


Task = tuple[str, str | None, str | None, int | None, int | None]  # (input, error, skip, start, end)


def list_local(inputs: list[str], split_bytes: int | None = None, *, tasks: int = 1) -> list[Task]:
    """Tasks for local inputs, walked exactly as `ingest` walks them; web archives in byte ranges.

    Ranges are `split_bytes` long; by default `split_size` of the archives' bytes.
    """
    items, archives = _walk_local(inputs)
    if split_bytes is None:
        split_bytes = split_size(sum(_size(items[n][0]) for n in archives), tasks)
    return _split_local(items, archives, split_bytes)


def split_size(archive_bytes: int, tasks: int) -> int:
    """Bytes per range: `SPLIT_BYTES`, or shorter (down to `MIN_SPLIT_BYTES`) when the web
    archives would otherwise give fewer than `tasks` ranges, so that one archive alone still
    keeps every core busy."""
    return max(MIN_SPLIT_BYTES, min(SPLIT_BYTES, -(-archive_bytes // max(1, tasks))))


def _walk_local(inputs: list[str]) -> tuple[list[Task], list[int]]:
    """The local inputs' tasks, unsplit, and the positions among them of web archives."""
    items: list[Task] = []
    archives: list[int] = []
    for item in iter_paths(inputs):
        if isinstance(item, InputError):
            items.append((item.source, item.reason, None, None, None))
        elif isinstance(item, Skipped):
            items.append((item.label, None, item.reason, None, None))
        elif item == "-":
            items.append((item, "standard input cannot be read by Spark tasks; give a file", None, None, None))
        else:
            if web_archive_kind(item) is not None:
                archives.append(len(items))
            items.append((item, None, None, None, None))
    return items, archives


def _split_local(items: list[Task], archives: list[int], split_bytes: int) -> list[Task]:
    split: list[Task] = []
    chosen = set(archives)
    for n, task in enumerate(items):
        if n in chosen:
            split.extend((task[0], None, None, start, end) for start, end in _ranges(task[0], split_bytes))
        else:
            split.append(task)
    return split


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _ranges(path: str, split_bytes: int) -> list[tuple[int, int | None]]:
    """Byte ranges tiling a web archive, or the whole file when it is small or gzipped whole."""
    from .warc import _gzip_layout

    try:
        size = os.path.getsize(path)
        with open(path, "rb") as handle:
            whole = handle.read(2) == GZIP_MAGIC and _gzip_layout(handle) == "whole"
    except OSError:
        return [(0, None)]  # reading it reports why
    return [(0, None)] if whole else _cuts(size, split_bytes)


def _cuts(size: int, split_bytes: int) -> list[tuple[int, int | None]]:
    """Ranges of `split_bytes` tiling `size` bytes, the last open-ended; one for a small file."""
    if size <= split_bytes:
        return [(0, None)]
    cuts = list(range(0, size, split_bytes))
    return [(start, end) for start, end in zip(cuts, [*cuts[1:], None], strict=True)]


def open_uri(uri: str) -> BinaryIO:
    """A seekable, buffered reader of the file at `uri`, through pyarrow's file systems.

    Hadoop's spellings are taken (`file:/x`, `s3a://bucket/key`). pyarrow finds credentials
    the usual way of each store (for S3: the AWS environment variables, profile or role).

    Raises:
        OSError, ValueError or NotImplementedError (pyarrow's errors): it cannot be opened.
    """
    from pyarrow import fs

    scheme, rest = uri.split(":", 1)
    filesystem, path = fs.FileSystem.from_uri(f"{ARROW_SCHEMES.get(scheme.lower(), scheme)}:{rest}")
    raw: Any = filesystem.open_input_file(path)
    return io.BufferedReader(raw, URI_BUFFER_BYTES)


def _uri_layout(uri: str) -> str | None:
    """How a file behind a URI can be read in ranges: `"plain"` or `"members"` (gzipped record
    by record) for a web archive pyarrow opens, else None (not one, gzipped whole, or not
    reachable from here: Spark reads it whole)."""
    from .warc import _gzip_layout, sniff_web_archive

    try:
        with open_uri(uri) as handle:
            head = handle.read(SNIFF_BYTES)
            if sniff_web_archive(head) is None:
                return None
            layout = _gzip_layout(handle) if head.startswith(GZIP_MAGIC) else "plain"
    except (OSError, ValueError, NotImplementedError, ImportError):
        return None
    return None if layout == "whole" else layout


def _empty_reason(name: str) -> str:
    """What parsing an empty input says (the same words as `ingest`)."""
    from .pipeline import parse_document

    result = parse_document(b"", name)
    assert isinstance(result, str)
    return result


def list_uris(spark: SparkSession, uris: list[str]) -> Iterator[tuple[str, str | None, int]]:
    """`(uri, error, size)` for each file under the URIs, through Hadoop's FileSystem (sorted,
    hidden names left out). A file is named as Spark's file sources name it (`file:/x`)."""
    jvm: Any = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    for uri in uris:
        path = jvm.org.apache.hadoop.fs.Path(uri)
        try:
            fs = path.getFileSystem(conf)
            if not fs.exists(path):
                yield uri, "no such file or directory", 0
                continue
            status = fs.getFileStatus(path)
            if not status.isDirectory():
                name = status.getPath().toString()
                yield name, _empty_reason(name) if status.getLen() == 0 else None, int(status.getLen())
                continue
            found: list[tuple[str, str | None, int]] = []
            files = fs.listFiles(path, True)
            while files.hasNext():
                child = files.next()
                name = child.getPath().toString()
                relative = name[len(fs.makeQualified(path).toString()) :]
                parts = [part for part in relative.split("/") if part]
                if any(part.startswith((".", "_")) for part in parts) or not _is_article_name(parts[-1]):
                    continue
                # Spark's file sources skip empty files without a word; report them here.
                found.append((name, _empty_reason(name) if child.getLen() == 0 else None, int(child.getLen())))
            yield from sorted(found)
        except Exception as exc:  # a Py4J error from Hadoop: report the input, not a traceback
            yield uri, f"cannot list ({str(exc).splitlines()[0] if str(exc) else type(exc).__name__})", 0


def class_archive_options(folder: Path | None, key: str) -> tuple[str, tuple[Path, Path] | None]:
    """JVM options for the class-data archive `key` in `folder`, and the (temporary, final)
    names when this JVM is to write it (no archive yet); no options without a folder.

    The archive is read when it exists (a JVM that finds it unusable, say made by another
    build, runs without it); otherwise this JVM writes it as it exits, under a name of its own,
    which `end_session` moves into place. `-Xlog:disable` keeps the JVM's notes on classes it
    leaves out of the archive off the output.
    """
    if folder is None:
        return "", None
    final = folder / f"{key}.jsa"
    if final.is_file():
        return f"-XX:SharedArchiveFile={final} -Xlog:disable", None
    temporary = folder / f"{key}.{os.getpid()}.tmp"
    return f"-XX:ArchiveClassesAtExit={temporary} -Xlog:disable", (temporary, final)


def _class_archive() -> tuple[str, tuple[Path, Path] | None]:
    """`class_archive_options` for this machine: the cache folder (see CDS_ENV), and a key
    naming the PySpark version and the `java` binary Spark starts (an archive is only
    good for the JVM build that made it)."""
    setting = os.environ.get(CDS_ENV)
    if setting == "0":
        return "", None
    java_home = os.environ.get("JAVA_HOME")
    java = os.path.join(java_home, "bin", "java") if java_home else shutil.which("java")
    try:
        import pyspark

        real = os.path.realpath(java or "")
        stamp = f"{real}:{os.stat(real).st_mtime_ns}"
        cache = Path(setting) if setting else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
        cache = cache if setting else cache / "newsarchive"
        cache.mkdir(parents=True, exist_ok=True)
    except (OSError, RuntimeError):  # no java found (Spark says so itself), no home, no room
        return "", None
    key = f"spark-{pyspark.__version__}-{hashlib.sha256(stamp.encode()).hexdigest()[:12]}"
    return class_archive_options(cache, key)


def keep_archive(temporary: Path, final: Path) -> bool:
    """Move the archive a JVM wrote at `temporary` to `final` (atomically; a concurrent run
    that wrote its own replaces it with an equal one). False when there is none to move."""
    try:
        if temporary.stat().st_size == 0:
            temporary.unlink()
            return False
        os.replace(temporary, final)
        return True
    except OSError:
        return False


def end_session(session: SparkSession) -> None:
    """Stop `session`; when its JVM is writing the class-data archive, end the JVM now (it
    exits once its input closes, as when this process exits), wait for the archive and keep it."""
    global _pending_archive
    session.stop()
    pending, _pending_archive = _pending_archive, None
    if pending is None:
        return
    from pyspark import SparkContext

    gateway: Any = SparkContext._gateway
    process = getattr(gateway, "proc", None)
    if process is None or process.stdin is None:
        return
    try:
        gateway.shutdown()
    except Exception:  # a Py4J error: the gateway is gone already, which is what is wanted
        pass
    SparkContext._gateway = None
    SparkContext._jvm = None
    process.stdin.close()
    try:
        process.wait(timeout=CDS_WAIT_SECONDS)
    except Exception:  # still writing: leave it, and the file, to a later run
        return
    keep_archive(*pending)


def start_session(master: str = "local[*]", *, app: str = "newsarchive", progress: bool = False) -> SparkSession:
    """A new SparkSession on `master` (under spark-submit, on the master it was given).

    Raises:
        NewsArchiveError: PySpark is not installed.
    """
    global _pending_archive
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise NewsArchiveError(f"the spark command needs PySpark: pip install 'newsarchive[spark]' ({exc})") from exc

    builder = SparkSession.builder.appName(app)
    if "PYSPARK_GATEWAY_PORT" not in os.environ:  # spark-submit sets the master itself
        builder = builder.master(master)
        if master.startswith("local"):
            if "PYSPARK_PYTHON" not in os.environ:
                # Local tasks must run this interpreter, which has newsarchive installed (Spark's
                # default is whatever `python3` is first on PATH). PySpark reads this variable,
                # not the `spark.pyspark.python` setting, when it starts outside spark-submit.
                os.environ["PYSPARK_PYTHON"] = sys.executable
            options, pending = _class_archive()
            from pyspark import SparkContext

            if SparkContext._gateway is None:  # a new JVM: it takes the archive options
                _pending_archive = pending
            else:
                options = ""
            builder = builder.config("spark.driver.extraJavaOptions", f"{LOCAL_DRIVER_JAVA_OPTIONS} {options}".strip())
            for key, value in LOCAL_SETTINGS.items():
                builder = builder.config(key, value)
    for key, value in SESSION_SETTINGS.items():
        builder = builder.config(key, value)
    builder = builder.config("spark.ui.showConsoleProgress", "true" if progress else "false")
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


# A Task, True when Spark reads the file (whole), and True when it is behind a URI.
Listed = tuple[str, str | None, str | None, int | None, int | None, bool, bool]


def plan(session: SparkSession, inputs: list[str], split_bytes: int | None = None, *, tasks: int = 1) -> list[Listed]:
    """Every input's tasks, in listing order: local paths as `list_local` lists them, then the
    files under the URIs, each web archive pyarrow opens split in ranges as a local one
    (`split_size` over all the web archives' bytes when `split_bytes` is None); the other
    files behind URIs are marked for Spark to read, whole."""
    items, archives = _walk_local([path for path in inputs if not is_uri(path)])
    uris = [path for path in inputs if is_uri(path)]
    remote = list(list_uris(session, uris)) if uris else []
    # Only a file over one range is worth sniffing (a request to the store each).
    floor = split_bytes if split_bytes is not None else MIN_SPLIT_BYTES
    splittable = {name for name, error, size in remote if error is None and size > floor and _uri_layout(name)}
    if split_bytes is None:
        archive_bytes = sum(_size(items[n][0]) for n in archives)
        archive_bytes += sum(size for name, _, size in remote if name in splittable)
        split_bytes = split_size(archive_bytes, tasks)
    listed: list[Listed] = [(*task, False, False) for task in _split_local(items, archives, split_bytes)]
    for name, error, size in remote:
        if name in splittable:
            listed.extend((name, None, None, start, end, False, True) for start, end in _cuts(size, split_bytes))
        else:
            listed.append((name, error, None, None, None, True, True))
    return listed


def _first_of_each_id(session: SparkSession, records: DataFrame) -> tuple[DataFrame, int]:
    """One row per id, as `ingest` keeps one record per source bytes: the first input's; and
    how many rows that leaves out.

    Only (id, ordinal, position, path) tuples are shuffled, and only those of repeated ids
    come back to the driver (one job, which also computes and caches `records`' parent); they
    go back out as a broadcast table, so the records themselves never cross the network.
    """
    from pyspark.sql import functions as F

    first = F.min(F.struct(ORDINAL, POSITION, "source.path")).alias("first")
    repeated = records.groupBy("id").agg(first, F.count("*").alias("copies")).where("copies > 1")
    rows = repeated.collect()
    columns = records.drop(ORDINAL, POSITION).columns
    if not rows:
        return records.select(*columns), 0
    table = local_frame(session, [(row[0], tuple(row[1]), row[2]) for row in rows], repeated.schema, 1)
    joined = records.join(F.broadcast(table), "id", "left")
    keep = F.col("first").isNull() | (
        (F.col("first")[ORDINAL] == F.col(ORDINAL))
        & (F.col("first")[POSITION] == F.col(POSITION))
        & (F.col("first.path") == F.col("source.path"))
    )
    return joined.where(keep).select(*columns), sum(int(row["copies"]) - 1 for row in rows)


def _local_output_exists(output: str, master: str) -> bool:
    """True when `output` is a local path that exists, told without a session: only for a
    local master outside spark-submit and without a Hadoop configuration, where a path without
    a scheme is on this machine (elsewhere it may name a cluster's file system instead)."""
    local = master.startswith("local") and not {"PYSPARK_GATEWAY_PORT", "HADOOP_CONF_DIR"} & os.environ.keys()
    return local and not is_uri(output) and os.path.lexists(output)


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
    split_bytes: int | None = None,
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
        split_bytes: bytes of a local web archive per task (default: see `list_local`).
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
    if owned and _local_output_exists(output, master):  # say so before a session costs seconds
        raise NewsArchiveError(f"{output}: exists already; give --output a new folder")
    session = spark if spark is not None else start_session(master, progress=progress)
    try:
        if _exists(session, output):
            raise NewsArchiveError(f"{output}: exists already; give --output a new folder")
        context = session.sparkContext
        count = partitions or context.defaultParallelism * TASKS_PER_CORE
        listed = plan(session, inputs, split_bytes, tasks=count)
        # Local files and ranges of web archives are read by the tasks; Spark reads the
        # other files behind URIs (see `binaryFile` below).
        local_tasks = [
            (path, None, error, skip, n, start, end, remote)
            for n, (path, error, skip, start, end, by_spark, remote) in enumerate(listed)
            if error or not by_spark
        ]
        tasks = local_frame(session, local_tasks, task_struct(), max(1, min(count, len(local_tasks))))
        readable = [label for label, error, _, _, _, by_spark, _ in listed if by_spark and error is None]
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
                    F.lit(None).cast("string").alias("skip"),
                    F.lit(len(listed)).cast("long").alias(ORDINAL),
                    F.lit(None).cast("long").alias("start"),
                    F.lit(None).cast("long").alias("end"),
                    F.lit(False).alias("remote"),
                )
            )
        stamp = utc_now()

        def task(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
            return parse_batches(batches, ingested_at=stamp, timeout=timeout, max_bytes=max_bytes)

        results = tasks.mapInArrow(task, from_arrow_schema(output_arrow_schema()))
        # Parsed once: the jobs below (repeated ids, the write, the tally) read the cached rows.
        results = results.persist(StorageLevel.MEMORY_AND_DISK)
        try:
            records, repeats = _first_of_each_id(session, results.where(F.col(FAILURE).isNull()).drop(FAILURE))
            records.write.partitionBy(YEAR).parquet(output)
            kind = F.when(F.col(FAILURE).isNull(), "record").when(F.col(f"{FAILURE}.skipped"), SKIPPED_FOLDER)
            tally = {row["kind"]: int(row["count"])
                     for row in results.groupBy(kind.otherwise(FAILURES_FOLDER).alias("kind")).count().collect()}
            for skipped, folder in ((False, FAILURES_FOLDER), (True, SKIPPED_FOLDER)):
                if tally.get(folder):
                    rows = results.where(F.col(FAILURE).isNotNull() & (F.col(f"{FAILURE}.skipped") == skipped))
                    rows = rows.select(*(f"{FAILURE}.{name}" for name in ("input", "document", "reason")))
                    rows.coalesce(1).write.json(output.rstrip("/") + "/" + folder)
        finally:
            results.unpersist()
        return JobSummary(output=output, records=tally.get("record", 0) - repeats,
                          failed=tally.get(FAILURES_FOLDER, 0), skipped=tally.get(SKIPPED_FOLDER, 0))  # fmt: skip
    finally:
        if owned:
            end_session(session)
