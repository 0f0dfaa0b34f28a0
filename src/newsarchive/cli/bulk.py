"""Commands for archives beyond one machine: import (exports back in) and spark (the parser on Spark).

Also the writers behind `export --format parquet` and `export --with-source`, which the
export command calls. pyarrow and pyspark are imported only inside these commands.
"""

from __future__ import annotations

import base64
import os
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import click

from . import ExitStatus, Settings, cli, pass_settings, stderr_is_tty
from .output import write_atomically, write_rows

if TYPE_CHECKING:
    from ..store import Archive


def _fail_line(where: str, reason: str | None) -> None:
    click.echo(" ".join(f"failed: {where}: {reason}".split()), err=True)


def with_sources(rows: Iterator[tuple[str, bytes]]) -> Iterator[tuple[str, str | None]]:
    """Export rows whose JSON carries the raw source too, as base64 text under `raw_source`."""
    from ..parquet import RAW_SOURCE

    for record, raw in rows:
        encoded = base64.b64encode(raw).decode("ascii") if raw else None
        value = "null" if encoded is None else f'"{encoded}"'
        # The stored record is a compact JSON object: add one key before its closing brace.
        yield f'{record[:-1]},"{RAW_SOURCE}":{value}}}', None


def write_export(
    out: TextIO | None,
    output: Path | None,
    rows: Iterator[tuple[str, bytes]],
    fmt: str,
    with_source: bool,
    *,
    fields: tuple[str, ...] | None = None,
) -> int:
    """Write export rows `(record JSON, raw bytes)` as `fmt` to `output` (atomically) or `out`."""
    if fmt == "parquet":
        from ..parquet import write_parquet

        if output is None or str(output) == "-":
            raise click.UsageError("--format parquet writes a file: give it with -o FILE")

        def parquet_rows() -> Iterator[tuple[str, bytes | None]]:
            for record, raw in rows:
                yield record, raw or None

        return _atomically(output, lambda temp: write_parquet(temp, parquet_rows(), with_source=with_source))
    text_rows = with_sources(rows) if with_source else ((record, None) for record, _ in rows)
    if output is None or str(output) == "-":
        assert out is not None
        count = write_rows(out, text_rows, fmt, fields=fields)
        out.flush()
        return count
    return write_atomically(output, lambda handle: write_rows(handle, text_rows, fmt, fields=fields))


def _atomically(path: Path, write: Callable[[Path], int]) -> int:
    """Run `write(temp path)` on a file beside `path`, then move it over `path` (as `write_atomically`)."""
    directory = path.parent if str(path.parent) else Path(".")
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    os.close(fd)
    try:
        count = write(Path(temp))
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return count


@cli.command(name="import")
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), default=None,
    help="Processes reading the exports while this one writes (default: 2 on 3 CPUs or more, else this one reads).",
)  # fmt: skip
@click.option(
    "--index", "build_index", is_flag=True, help="Build the search index for the records now, not at the next search."
)
@pass_settings
def import_command(settings: Settings, inputs: tuple[str, ...], jobs: int | None, build_index: bool) -> None:
    """Load records from exports into the archive, without parsing anything again.

    INPUTS are `export` output (JSON Lines or a JSON array, gzipped or not),
    Parquet files from `export --format parquet`, or folders holding them, such
    as the output folder of `newsarchive spark`. Ids and records are kept exactly;
    a record already stored is left unchanged, so importing twice is a no-op.
    Sources come along from exports made with --with-source, so `reparse` works
    on them. A summary goes to stderr; exit status 3 when any record failed.

    The records go in without their search-index entries, which is most of what a
    record costs to store: the next `search` adds them first (once, with a note), or
    `newsarchive index` (or --index here) does it now. Until then every other
    command sees the records as usual.

    \b
    Examples:
        newsarchive import backup.jsonl
        newsarchive --archive laptop.db import spark-out/
        newsarchive import records.parquet old.json.gz --index
    """
    from ..importer import default_readers, import_files, iter_import_files
    from ..pipeline import default_jobs

    counts: Counter[str] = Counter()
    with settings.open_archive(create=True) as archive:
        workers = jobs or default_readers(default_jobs())
        for outcome in import_files(archive, iter_import_files(inputs), jobs=workers):
            counts[outcome.status] += 1
            if outcome.status == "failed":
                _fail_line(outcome.where, outcome.reason)
        total = sum(counts.values())
        click.echo(
            f"{total} record{'s' if total != 1 else ''}: {counts['added']} added, {counts['unchanged']} unchanged,"
            f" {counts['failed']} failed",
            err=True,
        )
        if build_index:
            _index(archive)
        elif pending := archive.unindexed():
            click.echo(f"note: {pending:,} records wait for the search index; the next search adds them"
                       " (or `newsarchive index` now)", err=True)  # fmt: skip
    if counts["failed"]:
        sys.exit(ExitStatus.PARTIAL)


def _index(archive: Archive) -> int:
    """Index every record waiting for the search index; say how many on stderr."""
    pending = archive.unindexed()
    if pending:
        for _ in archive.index_pending():
            pass
        click.echo(f"search index: {pending:,} record{'s' if pending != 1 else ''} added", err=True)
    return pending


@cli.command()
@pass_settings
def index(settings: Settings) -> None:
    """Add the records `import` stored to the search index, now rather than at the next search.

    `import` leaves its records out of the search index, which it writes most
    cheaply in one pass afterwards; `search` does this pass itself when it
    finds records waiting, so this command is only needed to choose when it
    happens (before copying the archive somewhere read-only, say). Nothing to
    do is not an error.

    \b
    Examples:
        newsarchive import records/ && newsarchive index
    """
    with settings.open_archive() as archive:
        if not _index(archive):
            click.echo("search index: up to date", err=True)


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "-o", "--output", required=True, metavar="DIR",
    help="Folder (local path or URI) the Parquet output goes to; must not exist yet.",
)  # fmt: skip
@click.option(
    "--master", default="local[*]", show_default=True,
    help="Spark master URL (spark://HOST:PORT, yarn, local[N]); ignored under spark-submit.",
)  # fmt: skip
@click.option(
    "--partitions", type=click.IntRange(min=1),
    help="Spark tasks to split the inputs into [default: Spark's default parallelism, at least 2 per core].",
)  # fmt: skip
@click.option(
    "--timeout", type=click.FloatRange(min=0), default=30.0, show_default=True,
    help="Seconds one document may take to parse (0 for no limit).",
)  # fmt: skip
def spark(inputs: tuple[str, ...], output: str, master: str, partitions: int | None, timeout: float) -> None:
    """Parse inputs with Apache Spark and write the records as Parquet.

    INPUTS are files, folders and web archives, as local paths or any URI Spark
    reads (s3a://, hdfs://, file://). Every document goes through the same parser
    as ingest; each record becomes one Parquet row, its keys as columns, in
    folders by publication year (year=2019/, year=__HIVE_DEFAULT_PARTITION__/ for
    undated records), with _SUCCESS when complete. Documents that fail go to
    DIR/_failures/ (JSON Lines: input, document, reason); exit status 3 when any
    failed. Needs `pip install 'newsarchive[spark]'` and Java 17+.

    \b
    Examples:
        newsarchive spark articles/ --output out/
        newsarchive spark s3a://bucket/crawl/ --output s3a://bucket/records/ --master spark://head:7077
        newsarchive import out/
    """
    from ..spark import run_job

    summary = run_job(list(inputs), output, master=master, partitions=partitions, timeout=timeout,
                      progress=stderr_is_tty())  # fmt: skip
    click.echo(summary.line(), err=True)
    if summary.failed:
        sys.exit(ExitStatus.PARTIAL)
