"""Commands that bring articles in and show them: ingest, parse, show, schema."""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
from types import FrameType

import click

from ..errors import InputError
from ..sources import ARTICLE_SUFFIXES, DEFAULT_MAX_BYTES, iter_paths
from . import ExitStatus, Settings, cli, pass_settings, stderr_is_tty, stdin_bytes, stdout

input_paths = click.argument("inputs", nargs=-1, required=True, type=click.Path(allow_dash=True))
max_bytes_option = click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Skip inputs larger than this once decompressed.",
)
timeout_option = click.option(
    "--timeout",
    type=click.FloatRange(min=0),
    default=30.0,
    show_default=True,
    help="Seconds one input may take to parse (0 for no limit).",
)


def _fail_line(path: str, reason: str | None) -> None:
    # One line per failure, whatever the reason's text holds (parser messages can span lines).
    click.echo(" ".join(f"failed: {path}: {reason}".split()), err=True)


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
@click.option("-v", "--verbose", is_flag=True, help="Print every input's result on a terminal too.")
@pass_settings
def ingest(
    settings: Settings, inputs: tuple[str, ...], jobs: int | None, max_bytes: int, timeout: float, verbose: bool
) -> None:
    """Parse article files and store them in the archive.

    INPUTS are files, directories (searched recursively for files ending
    {suffixes}, or with no extension, each gzipped or not) or - for standard input. Each input ends
    added, unchanged (same bytes stored already), updated (same path, new bytes) or
    failed (with the reason on stderr). When stdout is not a terminal, each result is
    printed there as a JSON line. Exit status 3 when any input failed.

    \b
    Examples:
        newsarchive ingest seeds/
        curl -s https://example.com/story | newsarchive ingest -
        newsarchive ingest archive/ -j 4 2>errors.log
    """
    from ..pipeline import IngestInterrupted, Outcome, Report, default_jobs
    from ..pipeline import ingest as run_ingest

    report = Report()
    out = stdout()
    piped = not out.isatty()
    with _StopOnInterrupt() as stop, settings.open_archive(create=True) as archive:
        paths: list[str | InputError] = []
        for path in iter_paths(inputs):
            if stop():
                break
            paths.append(path)
        outcomes = run_ingest(
            archive,
            paths,
            stdin=stdin_bytes(),
            jobs=jobs or min(default_jobs(), max(1, len(paths) // 4)),
            max_bytes=max_bytes,
            timeout=timeout,
            stop=stop,
        )
        bar = None
        if stderr_is_tty() and len(paths) > 1:
            bar = click.progressbar(length=len(paths), label="ingesting", file=sys.stderr)

        def emit(outcome: Outcome) -> None:
            report.add(outcome)
            if outcome.status == "failed":
                _fail_line(outcome.path, outcome.reason)
            if piped:
                record = {"path": outcome.path, "status": outcome.status, "id": outcome.id, "reason": outcome.reason}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                out.flush()  # a reader (or a kill) sees each result as soon as it is settled
            elif verbose or bar is None:
                out.write(f"{outcome.status:<9} {outcome.id or '-':<16}  {outcome.path}\n")
            if bar is not None:
                bar.update(1)

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
                bar.render_finish()
        report.interrupted = report.interrupted or stop()
    click.echo(report.summary(), err=True)
    if report.interrupted:
        sys.exit(130)  # the shell's status for SIGINT
    if report.failed:
        sys.exit(ExitStatus.PARTIAL)


# The walk's list of extensions has one home (sources.ARTICLE_SUFFIXES); the help shows it.
ingest.help = (ingest.help or "").replace("{suffixes}", ", ".join(ARTICLE_SUFFIXES))


@cli.command()
@click.argument("ref", metavar="ID|PATH")
@pass_settings
def show(settings: Settings, ref: str) -> None:
    """Print one record as pretty JSON.

    ID may be any unique prefix of 6 or more characters; PATH is the file the record
    was ingested from.

    \b
    Examples:
        newsarchive show 2af4f8
        newsarchive show seeds/000_9215014d73318523.txt | jq .byline
    """
    with settings.open_archive() as archive:
        record = json.loads(archive.get_json(ref))
    stdout().write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")


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
