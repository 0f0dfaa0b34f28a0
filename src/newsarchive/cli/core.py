"""Commands that bring articles in and show them: ingest, parse, show, schema."""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
from collections.abc import Sequence
from types import FrameType
from typing import TextIO

import click

from ..errors import InputError
from ..sources import ARTICLE_SUFFIXES, DEFAULT_MAX_BYTES, WEB_ARCHIVE_SUFFIXES, display_path, iter_paths
from . import ExitStatus, Settings, cli, pass_settings, stderr_is_tty, stdin_bytes, stdout, timeout_option

# readable=False: an unreadable file named here fails alone, as its input, not the whole command.
input_paths = click.argument("inputs", nargs=-1, required=True, type=click.Path(allow_dash=True, readable=False))
max_bytes_option = click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Skip inputs larger than this once decompressed.",
)


def _fail_line(path: str, reason: str | None, bar: _Progress | None = None) -> None:
    # One line per failure, whatever the reason's text holds (parser messages can span lines).
    line = " ".join(f"failed: {path}: {reason}".split())
    if bar is not None:
        bar.write(line)
    else:
        click.echo(line, err=True)


class _StopOnInterrupt:
    """Ctrl-C during ingest: the first asks it to stop after the current batch (committing what
    is parsed); a second stops at once (uncommitted work is dropped, committed work stays)."""

    def __init__(self) -> None:
        self.requested = False
        self.previous: object = None

    def __enter__(self) -> _StopOnInterrupt:
        if threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGINT, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)  # type: ignore[arg-type]

    def __call__(self) -> bool:
        return self.requested

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True
        try:  # os.write, not click.echo: a signal handler must not re-enter a buffered stream
            os.write(2, b"Stopping after the current batch (Ctrl-C again to stop now)\n")
        except OSError:
            pass


@cli.command()
@input_paths
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="Worker processes (default: one per CPU).")
@max_bytes_option
@timeout_option
@click.option("-v", "--verbose", is_flag=True, help="Print every input's result on a terminal too, skipped included.")
@pass_settings
def ingest(
    settings: Settings, inputs: tuple[str, ...], jobs: int | None, max_bytes: int, timeout: float, verbose: bool
) -> None:
    """Parse article files and web archives and store them in the archive.

    INPUTS are files, directories (searched recursively for files ending
    {suffixes}, or with no extension, and web archives ending {archives}, each gzipped
    or not) or - for standard input. Each input (each page of a web archive) ends added,
    unchanged (same bytes stored already; this path is remembered too), updated (same
    path, new bytes), failed (with the reason on stderr) or skipped (not an article:
    other files in a directory, a web archive's requests, redirects, images, index
    pages…; counted in the summary, listed with -v). When stdout is not a terminal, each result is
    printed there as a JSON line. Exit status 3 when any input failed.

    \b
    Examples:
        newsarchive ingest seeds/
        newsarchive ingest crawl.warc.gz
        curl -s https://example.com/story | newsarchive ingest -
        newsarchive ingest archive/ -j 4 2>errors.log
    """
    from ..pipeline import IngestInterrupted, Outcome, Report, default_jobs
    from ..pipeline import ingest as run_ingest
    from ..sources import Skipped

    report = Report()
    out = stdout()
    piped = not out.isatty()
    bar: _Progress | None = None

    def emit(outcome: Outcome) -> None:
        report.add(outcome)
        where = _where(outcome)
        if outcome.status == "failed":
            _fail_line(where, outcome.reason, bar)
        if piped:
            if outcome.status != "skipped" or verbose:
                record: dict[str, object] = {"path": outcome.path, "status": outcome.status, "id": outcome.id,
                                             "reason": outcome.reason}  # fmt: skip
                if outcome.offset is not None:
                    record.update(offset=outcome.offset, uri=outcome.uri)
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                out.flush()  # a reader (or a kill) sees each result as soon as it is settled
        elif (verbose or bar is None) and outcome.status != "failed" and (outcome.status != "skipped" or verbose):
            line = f"{outcome.status:<9} {outcome.id or '-':<16}  {where}"
            if outcome.status == "skipped":
                line += f": {outcome.reason}"
            _above(bar, line, out)

    with _StopOnInterrupt() as stop:
        paths: list[str | InputError | Skipped] = []
        for path in iter_paths(inputs):
            if stop():
                break
            paths.append(path)
        if not any(isinstance(p, str) for p in paths):
            # Nothing to parse (only skipped or missing files): report, and create no archive.
            for item in paths:
                if isinstance(item, Skipped):
                    emit(Outcome(item.label, "skipped", reason=item.reason))
                elif isinstance(item, InputError):
                    emit(Outcome(item.source, "failed", reason=item.reason))
        else:
            with settings.open_archive(create=True) as archive:
                inputs_count = sum(isinstance(p, str) for p in paths)
                if stderr_is_tty() and (inputs_count > 1 or _has_web_archive(paths)):
                    bar = _Progress(paths)
                outcomes = run_ingest(
                    archive,
                    paths,
                    stdin=stdin_bytes(),
                    jobs=jobs or _default_jobs(default_jobs(), inputs_count, _has_web_archive(paths)),
                    max_bytes=max_bytes,
                    timeout=timeout,
                    stop=stop,
                    on_result=bar.advance if bar is not None else None,
                )
                try:
                    for outcome in outcomes:
                        emit(outcome)
                except IngestInterrupted as interrupted:
                    for outcome in interrupted.outcomes:
                        emit(outcome)
                    report.interrupted = True
                except KeyboardInterrupt:
                    outcomes.close()  # stops the workers; parsed but uncommitted inputs are dropped
                    report.interrupted = True
                finally:
                    if bar is not None:
                        bar.close()
        report.interrupted = report.interrupted or stop()
    click.echo(report.summary(), err=True)
    if report.interrupted:
        sys.exit(130)  # the shell's status for SIGINT
    if report.failed:
        sys.exit(ExitStatus.PARTIAL)


# The walk's lists of extensions have one home (sources); the help shows them.
ingest.help = (
    (ingest.help or "")
    .replace("{suffixes}", ", ".join(ARTICLE_SUFFIXES))
    .replace("{archives}", ", ".join(WEB_ARCHIVE_SUFFIXES))
)


def _where(outcome: object) -> str:
    """How an outcome's input is named in messages: its path, plus `@offset uri` for a web-archive page."""
    path = str(getattr(outcome, "path", ""))
    offset = getattr(outcome, "offset", None)
    if offset is None:
        return path
    uri = getattr(outcome, "uri", None)
    return f"{path} @{offset}" + (f" {uri}" if uri else "")


def _default_jobs(cpus: int, inputs: int, web_archive: bool) -> int:
    """Workers for an ingest: one per CPU for a web archive (many pages in one input); else
    one per four inputs up to one per CPU (starting a worker costs about four parses)."""
    return cpus if web_archive else min(cpus, max(1, inputs // 4))


def _has_web_archive(paths: Sequence[object]) -> bool:
    """True when a named input looks like a web archive by its name (the bar then counts bytes)."""
    return any(isinstance(p, str) and p.lower().removesuffix(".gz").endswith((".warc", ".arc")) for p in paths)


class _Progress:
    """The ingest progress bar on stderr: bytes of input read, advanced as each result arrives.

    Counting bytes rather than inputs keeps it honest for a web archive (one file, thousands
    of records) as well as for many small files. Messages go above the bar, never glued to it.
    tqdm is imported only here, so commands that show no bar never pay for it.
    """

    def __init__(self, paths: Sequence[object]) -> None:
        import shutil

        from tqdm import tqdm

        self.sizes: dict[str, int] = {}
        for path in paths:
            if isinstance(path, str) and path != "-":
                try:
                    self.sizes[display_path(path)] = os.stat(path).st_size
                except OSError:
                    self.sizes[display_path(path)] = 0
        self.read: dict[str, int] = {}
        size = shutil.get_terminal_size((80, 24))
        self.bar = tqdm(
            total=sum(self.sizes.values()) or None, unit="B", unit_scale=True, unit_divisor=1024,
            desc="ingesting", file=sys.stderr, leave=False, mininterval=0.2,
            # COLUMNS/LINES, else the terminal's size, else 80x24: a terminal that reports no
            # size (a bare pty) would otherwise get a bar of no width on no row, drawn as nothing.
            ncols=size.columns, nrows=max(size.lines, 2),
        )  # fmt: skip

    def advance(self, path: str, offset: int | None) -> None:
        """One input's result arrived: count the bytes up to it (a whole file, or up to a record)."""
        size = self.sizes.get(path, 0)
        done = size if offset is None else min(offset, size)
        before = self.read.get(path, 0)
        if done > before:
            self.read[path] = done
            self.bar.update(done - before)

    def write(self, line: str) -> None:
        self.bar.write(line, file=sys.stderr)

    def close(self) -> None:
        self.bar.close()


def _above(bar: _Progress | None, line: str, out: TextIO) -> None:
    """Print a result line on stdout, above the bar when there is one."""
    if bar is None:
        out.write(line + "\n")
    else:
        bar.bar.clear()
        out.write(line + "\n")
        out.flush()
        bar.bar.refresh()


@cli.command(name="parse")
@input_paths
@max_bytes_option
@timeout_option
def parse_command(inputs: tuple[str, ...], max_bytes: int, timeout: float) -> None:
    """Parse article files without storing them; records as JSON Lines on stdout.

    Accepts the same inputs as ingest. Exit status 3 when any input failed.

    \b
    Examples:
        newsarchive parse story.html | jq .headline
        zcat story.txt.gz | newsarchive parse - | jq '.captions[].credit'
    """
    from ..model import Article
    from ..pipeline import parse_inputs
    from ..serialize import dumps, to_dict

    out = stdout()
    failed = 0
    for result in parse_inputs(iter_paths(inputs), stdin=stdin_bytes(), max_bytes=max_bytes, timeout=timeout):
        if isinstance(result, Article):
            out.write(dumps(to_dict(result)) + "\n")
        elif result.status == "skipped":
            continue  # not an article (a web archive's requests, an index page): nothing to print
        else:
            failed += 1
            _fail_line(result.path, result.reason)
    if failed:
        sys.exit(ExitStatus.PARTIAL)


@cli.command()
def schema() -> None:
    """Print the JSON Schema (draft 2020-12) of a record.

    \b
    Examples:
        newsarchive schema > record.schema.json
        newsarchive schema | jq '.properties | keys'
    """
    from ..serialize import schema_text

    stdout().write(schema_text())
