"""Commands that read and maintain the archive: list, search, export, stats, rm, reparse.

Reading commands never create an archive: on a missing file they print nothing (`stats`
prints zeros) and exit 0, the same as on an empty archive. Records go to stdout as they
come off the database cursor (see output.py); counts and messages go to stderr.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

import click

from ..errors import NewsArchiveError
from . import ExitStatus, Settings, cli, pass_settings, stderr_is_tty, stdout, timeout_option
from .output import (
    FORMATS,
    MATCH_MARKS,
    Row,
    parse_fields,
    stats_dict,
    stats_table,
    use_color,
    write_rows,
)

if TYPE_CHECKING:
    from ..store import Archive, Filters

F = TypeVar("F", bound=Callable[..., Any])

# Day-first reading for numeric dates (`01/02/2020` is 1 February), as normalize.parse_date does.
_NUMERIC_DATE_RE = re.compile(r"^\s*\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\s*$")
_ISO_DAY_RE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})")
_YEAR_RE = re.compile(r"(?<!\d)\d{4}(?!\d)")  # a date the user can mean names its year


class DayParam(click.ParamType[date, Any]):
    """A calendar day in any spelling dateutil reads (`2019-03-25`, `25 March 2019`, `March 2019`).

    Missing parts are filled towards the start of the period for `--since` and towards its
    end for `--until`, so `--since 2019 --until 2019` covers the whole year.
    """

    name = "date"

    def __init__(self, *, end: bool = False) -> None:
        self.end = end

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        text = str(value)
        iso = _ISO_DAY_RE.match(text)
        if not iso and not _YEAR_RE.search(text) and not _NUMERIC_DATE_RE.match(text):
            # dateutil reads `19` as the 19th of this month: a guess, not a date the user gave.
            self.fail(f"{text!r} is not a date I can read (give a year: 2019, March 2019, 2019-03-25)", param, ctx)
        try:
            if iso:
                return date.fromisoformat(iso.group(1))
            from dateutil import parser as dateparser

            year = datetime.now().year
            default = datetime(year, 12, 31) if self.end else datetime(year, 1, 1)
            return dateparser.parse(text, default=default, dayfirst=bool(_NUMERIC_DATE_RE.match(text))).date()
        except (ValueError, OverflowError):
            self.fail(f"{text!r} is not a date I can read (try 2019-03-25)", param, ctx)


def _remember_site(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    ctx.meta["newsarchive.site"] = value


def filter_options(command: F) -> F:
    """--since/--until/--publisher/--author/--site/--limit, shared by list, search and export."""
    for option in reversed((
        click.option("--since", type=DayParam(), help="Only records dated on or after this day."),
        click.option("--until", type=DayParam(end=True), help="Only records dated on or before this day."),
        click.option("--publisher", help="Only this publisher (case-insensitive, exact)."),
        click.option("--author", help="Only records with this name in the byline (case-insensitive)."),
        click.option(
            "--site",
            metavar="DOMAIN",
            expose_value=False,  # read by `_filters` from the context: one option, no new parameter per command
            callback=_remember_site,
            help="Only records whose url is on this site or its subdomains (bbc.co.uk takes www.bbc.co.uk).",
        ),
        click.option("-n", "--limit", type=click.IntRange(min=0), help="At most this many records."),
    )):  # fmt: skip
        command = option(command)
    return command


def output_options(command: F) -> F:
    """--format and --fields, shared by list and search."""
    command = click.option(
        "--fields",
        callback=parse_fields,
        metavar="A,B,…",
        help="Only these record keys, in this order (e.g. id,date,headline).",
    )(command)
    return click.option(
        "-f",
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        help="Output format [default: table on a terminal, jsonl when piped].",
    )(command)


def _filters(since: date | None, until: date | None, publisher: str | None, author: str | None) -> Filters:
    from ..store import Filters

    if since and until and since > until:
        raise click.BadParameter(f"--since {since} is after --until {until}", param_hint="--since/--until")
    site = click.get_current_context().meta.get("newsarchive.site")
    return Filters(since=since, until=until, publisher=publisher, author=author, site=site)


def _open_existing(settings: Settings) -> Archive | None:
    """The archive, or None when its file does not exist (reading never creates one)."""
    if not settings.archive_path.exists():
        return None
    return settings.open_archive()


@contextmanager
def _reading(settings: Settings) -> Iterator[Archive | None]:
    """`_open_existing`, closed on the way out.

    A missing or empty archive is not an error for a reading command, but it is rarely what
    the user meant (another folder, a mistyped --archive): say on stderr which file it was.
    """
    archive = _open_existing(settings)
    if archive is None:
        click.echo(f"note: no archive at {settings.archive_path} (nothing ingested there yet)", err=True)
        yield None
        return
    with archive:
        if archive.is_empty():
            click.echo(f"note: the archive {settings.archive_path} holds no records", err=True)
        yield archive


def _render(out: TextIO, rows: Iterator[Row], fmt: str | None, fields: tuple[str, ...] | None) -> None:
    chosen = fmt or ("table" if out.isatty() else "jsonl")
    write_rows(out, rows, chosen, fields=fields, color=use_color(out))
    out.flush()


@cli.command(name="list")
@filter_options
@output_options
@pass_settings
def list_command(
    settings: Settings,
    since: date | None,
    until: date | None,
    publisher: str | None,
    author: str | None,
    limit: int | None,
    fmt: str | None,
    fields: tuple[str, ...] | None,
) -> None:
    """List records, newest first (undated records last).

    A table (id, date, publisher, headline) on a terminal; one full record per line (JSON
    Lines) when piped. --format json writes one JSON array, csv a flat table with one
    column per key (byline names and tags joined with "; ", counts for sections, links and
    captions). DATE is any spelling such as 2019-03-25, "25 March 2019" or "March 2019".

    \b
    Examples:
        newsarchive list --since 2019-03-01 --until "31 March 2019"
        newsarchive list --publisher "bbc news" --author "Jane Doe" --limit 10
        newsarchive list --fields id,date,headline --format csv > headlines.csv
        newsarchive list | jq -r '[.date, .headline] | @tsv'
    """
    filters = _filters(since, until, publisher, author)
    with _reading(settings) as archive:
        records = archive.iter_records(filters, limit=limit) if archive else iter(())
        _render(stdout(), ((record, None) for record in records), fmt, fields)


@cli.command()
@click.argument("query")
@filter_options
@output_options
@pass_settings
def search(
    settings: Settings,
    query: str,
    since: date | None,
    until: date | None,
    publisher: str | None,
    author: str | None,
    limit: int | None,
    fmt: str | None,
    fields: tuple[str, ...] | None,
) -> None:
    """Full-text search over headline, summary and body, best match first.

    Ranked by bm25, a match in the headline counting more than one in the summary, and
    that more than one in the body. QUERY uses SQLite FTS5 syntax (`brexit AND vote`,
    `"sea level"`, `climat*`, `headline:budget`); a query that is not valid FTS5 syntax
    is searched as plain words instead, with a note on stderr saying why (a column
    filter may name headline, summary or body). An empty QUERY is a usage error. Takes the same filters
    and formats as list; the table view adds a snippet of the text around the match.
    No match prints nothing and exits 0.

    \b
    Examples:
        newsarchive search "interest rates" --since 2020-01-01
        newsarchive search 'headline:election NOT poll' --limit 5
        newsarchive search putin | jq -r .headline
    """
    filters = _filters(since, until, publisher, author)
    out = stdout()
    chosen = fmt or ("table" if out.isatty() else "jsonl")
    if not query.strip():
        raise click.BadParameter("the query is empty; give a word to search for", param_hint="QUERY")
    with _reading(settings) as archive:
        if archive is None:
            write_rows(out, iter(()), chosen, fields=fields)
            return
        _index_imported(archive, settings.archive_path)
        expression, reason = archive.fts_expression(query)
        if reason:
            click.echo(f"note: searching {query!r} as plain words: {reason}", err=True)
        color = use_color(out)
        # Piped, each record carries its score and snippet (matches between [ and ]).
        table = chosen == "table"
        snippets = table or fields is None or "snippet" in fields
        marks = MATCH_MARKS if table else ("[", "]")
        hits = archive.search_scored(expression, filters, limit=limit, snippets=snippets, marks=marks)
        write_rows(out, hits, chosen, fields=fields, color=color)
        out.flush()


def _index_imported(archive: Archive, path: Path) -> None:
    """Add records `import` left out of the search index before searching (a search without
    them would silently miss them); on a read-only archive, stop with what to do instead."""
    pending = archive.unindexed()
    if not pending:
        return
    from ..errors import StoreError

    if archive.read_only:
        raise StoreError(
            f"{path}: {pending:,} imported records are not in the search index yet and the archive is read-only;"
            " run `newsarchive index` on it once with write access"
        )
    click.echo(f"note: adding {pending:,} imported records to the search index first (once)", err=True)
    for _ in archive.index_pending():
        pass


@cli.command()
@filter_options
@click.option(
    "-f", "--format", "fmt", type=click.Choice(("jsonl", "json", "csv", "parquet")), default="jsonl",
    show_default=True,
    help="JSON Lines (one record per line), one JSON array, flat CSV as in list, or Parquet (needs -o FILE and"
    " pyarrow).",
)  # fmt: skip
@click.option(
    "--fields", callback=parse_fields, metavar="A,B,…",
    help="Only these record keys or columns, in this order (e.g. id,date,source.path).",
)  # fmt: skip
@click.option(
    "--with-source", is_flag=True,
    help="Carry each record's raw source (raw_source: base64 in JSON), so an import can reparse.",
)  # fmt: skip
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, allow_dash=True, path_type=Path),
    help="Write to this file (replaced only once complete) instead of stdout.",
)
@pass_settings
def export(
    settings: Settings,
    since: date | None,
    until: date | None,
    publisher: str | None,
    author: str | None,
    limit: int | None,
    fmt: str,
    fields: tuple[str, ...] | None,
    with_source: bool,
    output: Path | None,
) -> None:
    """Write every record (or those the filters keep), newest first, as JSON or Parquet.

    With -o FILE the records go to a temporary file next to FILE that replaces FILE only
    once complete, so FILE is never left half-written; a FILE ending .gz is gzipped.

    \b
    Examples:
        newsarchive export -o backup.jsonl
        newsarchive export --format json --publisher "BBC News" > bbc.json
        newsarchive export | jq -c 'select(.word_count > 1000) | {id, headline}'
        newsarchive export --format parquet -o records.parquet
        newsarchive export --with-source -o backup.jsonl.gz
        newsarchive export --format csv --fields id,date,headline,source.path > records.csv
    """
    from .bulk import write_export

    filters = _filters(since, until, publisher, author)
    with _reading(settings) as archive:
        rows = archive.iter_export(filters, limit=limit, with_source=with_source) if archive else iter(())
        to_stdout = output is None or str(output) == "-"
        try:
            if fields and (fmt == "parquet" or with_source):
                raise click.UsageError("--fields works with --format jsonl, json or csv, without --with-source")
            count = write_export(stdout() if to_stdout else None, output, rows, fmt, with_source, fields=fields)
        except BrokenPipeError:
            raise  # the reader went away: ArchiveGroup ends quietly
        except OSError as exc:
            raise click.ClickException(
                f"{output}: cannot write the export ({exc.strerror or exc}); nothing written"
            ) from exc
        if to_stdout:
            return
    click.echo(f"exported {count} record{'s' if count != 1 else ''} to {output}", err=True)


@cli.command()
@click.option(
    "-f", "--format", "fmt", type=click.Choice(("table", "json")),
    help="Output format [default: table on a terminal, json when piped].",
)  # fmt: skip
@click.option(
    "--top", type=click.IntRange(min=0), default=20, show_default=True,
    help="Show the N largest groups of each count, the rest summed as \"(others)\"; 0 shows all.",
)  # fmt: skip
@pass_settings
def stats(settings: Settings, fmt: str | None, top: int) -> None:
    """Count records by publisher, by year and by source format, with totals.

    Totals are records, words (sum of word_count) and the archive file's size (in
    bytes in JSON, as KB/MB/GB in the table). Records without a publisher or date are
    counted under "(none)".

    \b
    Examples:
        newsarchive stats
        newsarchive stats --top 5
        newsarchive stats --format json --top 0 | jq '.by_year'
    """
    from ..store import ArchiveStats

    with _reading(settings) as archive:
        result = archive.stats() if archive else ArchiveStats()
    out = stdout()
    if (fmt or ("table" if out.isatty() else "json")) == "json":
        out.write(json.dumps(stats_dict(result, top=top), ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(stats_table(result, top=top))


@cli.command()
@click.argument("refs", nargs=-1, required=True, metavar="ID|PATH|URL...")
@pass_settings
def rm(settings: Settings, refs: tuple[str, ...]) -> None:
    """Remove records, or paths, with their stored source and search index entries.

    An ID (a full id, or a unique prefix of 6 or more characters) or URL removes the
    record with every path it was ingested from. A PATH removes only that path: the
    record goes once no other path (or web-archive capture) holds it. A web archive's
    path removes its captures. If any REF names nothing (or an ambiguous prefix), nothing
    is removed and the exit status is 1.

    \b
    Examples:
        newsarchive rm 2af4f8 seeds/old-story.txt
        newsarchive list --publisher "Old Site" | jq -r .id | xargs -r newsarchive rm
    """
    from ..sources import identify_file

    archive = _open_existing(settings)
    if archive is None:
        raise click.ClickException(f"{settings.archive_path}: no archive here, nothing removed")
    with archive:
        ids: dict[str, None] = {}
        places: dict[int, None] = {}
        problems: list[str] = []
        for ref in refs:
            try:
                found = archive.match(ref, file=identify_file(ref))
            except NewsArchiveError as exc:
                problems.append(str(exc))
                continue
            if found.locations:
                places.update(dict.fromkeys(found.locations))
            elif len(found.ids) == 1 or "://" in ref:
                ids.update(dict.fromkeys(found.ids))
            else:
                problems.append(f"{ref}: names {len(found.ids)} records; give their ids")
        if problems:
            for problem in problems:
                click.echo(f"Error: {problem}", err=True)
            raise click.ClickException("nothing removed")
        with archive.transaction():
            gone = archive.remove_locations(list(places))
            archive.remove(list(ids))
    for removed in dict.fromkeys([*gone, *ids]):
        click.echo(f"removed {removed}", err=True)
    if places and not gone:
        plural = "s" if len(places) != 1 else ""
        click.echo(f"forgot {len(places)} path{plural}; the records stay (held elsewhere)", err=True)


# Records each reparse worker should have before another is started: starting a worker
# costs about as much as parsing a few hundred text records.
RECORDS_PER_WORKER = 200


@cli.command()
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: by archive size, up to one per CPU).",
)
@timeout_option
@pass_settings
def reparse(settings: Settings, jobs: int | None, timeout: float) -> None:
    """Rebuild every record from its stored source with the current parser.

    Run it after upgrading newsarchive. Ids, source paths and ingestion times stay the
    same; records are rewritten in batches, each in one transaction. A record whose
    source no longer parses keeps its stored version and is reported on stderr (exit
    status 3). When stdout is not a terminal, each record's result is printed there as a
    JSON line.

    \b
    Examples:
        newsarchive reparse
        newsarchive reparse -j 4 | jq -r 'select(.status == "changed") | .id'
    """
    from ..pipeline import default_jobs
    from ..pipeline import reparse as run_reparse

    counts = {"changed": 0, "unchanged": 0, "failed": 0}
    sourceless = 0
    archive = _open_existing(settings)
    if archive is None:
        click.echo(f"note: no archive at {settings.archive_path} (nothing ingested there yet)", err=True)
    if archive is not None and archive.read_only:
        archive.close()
        raise click.ClickException(f"{settings.archive_path}: the archive is read-only; nothing reparsed")
    if archive is not None:
        out = stdout()
        piped = not out.isatty()
        with archive:
            total = archive.count()
            bar = None
            if stderr_is_tty() and total > 1:
                bar = click.progressbar(length=total, label="reparsing", file=sys.stderr)
            try:
                jobs = jobs or min(default_jobs(), max(1, total // RECORDS_PER_WORKER))
                for outcome in run_reparse(archive, jobs=jobs, timeout=timeout):
                    counts[outcome.status] += 1
                    if outcome.status == "failed":
                        click.echo(f"failed: {outcome.id} {outcome.path}: {outcome.reason}", err=True)
                    if piped:
                        line = {"id": outcome.id, "path": outcome.path, "status": outcome.status,
                                "reason": outcome.reason}  # fmt: skip
                        out.write(json.dumps(line, ensure_ascii=False) + "\n")
                    if bar is not None:
                        bar.update(1)
            finally:
                if bar is not None:
                    bar.render_finish()
            sourceless = archive.count_without_source()
    if sourceless:
        click.echo(
            f"note: left {sourceless:,} record{'s' if sourceless != 1 else ''} as stored: no source to reparse"
            " (imported from an export made without --with-source)",
            err=True,
        )
    total = sum(counts.values())
    parts = ", ".join(f"{n} {status}" for status, n in counts.items())
    click.echo(f"{total} record{'s' if total != 1 else ''}: {parts}", err=True)
    if counts["failed"]:
        sys.exit(ExitStatus.PARTIAL)
