"""The `newsarchive` command: option parsing, output, and exit statuses.

This package is the only code that touches argv, stdout, stderr or exit codes. Each command
parses its options, makes one or two calls into the library, and renders the result.
Library errors become `Error: …` on stderr with exit 1 in one place (`ArchiveGroup.invoke`).
"""

from __future__ import annotations

import importlib
import io
import os
import sys
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO

import click

from .. import __version__
from ..errors import NewsArchiveError

if TYPE_CHECKING:
    from ..store import Archive

DEFAULT_ARCHIVE = Path("data") / "newsarchive.db"


class ExitStatus(IntEnum):
    """Exit statuses (SPEC.md)."""

    OK = 0
    ERROR = 1  # a ClickException: unknown id, unreadable archive…
    USAGE = 2  # click's own status for bad options
    PARTIAL = 3  # a batch finished but some inputs failed


def archive_path_value(value: str | os.PathLike[str]) -> Path:
    """An `--archive`/`NEWSARCHIVE_DB` value as a path, with `~` expanded (`~/news.db`)."""
    return Path(os.path.expanduser(os.fspath(value)))


def _archive_after_command(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    """`--archive` given after the command name (`list --archive x.db`) wins over the group's."""
    if value is not None:
        settings = ctx.find_object(Settings)
        if settings is not None:
            settings.archive_path = archive_path_value(value)


ARCHIVE_HELP = "The archive file (env NEWSARCHIVE_DB)."


class ArchiveGroup(click.Group):
    """A group that maps library errors to one `Error:` line and exit 1, ends quietly (exit 0)
    on a closed pipe, accepts its global options after a command's name too, and lists each
    command with its whole first sentence."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMAND_MODULES, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        # Each command's module is imported only when that command runs (or help lists
        # them all), so `show` never pays for the imports of `ingest` or `export`.
        if cmd_name not in self.commands:
            modules = [COMMAND_MODULES[cmd_name]] if cmd_name in COMMAND_MODULES else list(dict.fromkeys(
                COMMAND_MODULES.values()))  # fmt: skip
            for module in modules:
                importlib.import_module(f"{__name__}.{module}")
        return self.commands.get(cmd_name)

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        # Global options work on either side of the command name (SPEC.md): every command,
        # including ones other modules register later, gets its own --archive.
        if not any(isinstance(p, click.Option) and "--archive" in p.opts for p in cmd.params):
            cmd.params.append(
                click.Option(
                    ["--archive"],
                    type=click.Path(dir_okay=False),
                    expose_value=False,
                    is_eager=True,
                    callback=_archive_after_command,
                    help=ARCHIVE_HELP,
                )
            )
        super().add_command(cmd, name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # click cuts each command's summary to fit one line ("…newest first,..."); give the
        # whole first sentence and let the formatter wrap it instead.
        rows = []
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is None or cmd.hidden:
                continue
            rows.append((name, cmd.get_short_help_str(limit=1_000)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NewsArchiveError as exc:
            raise click.ClickException(str(exc)) from exc
        except BrokenPipeError:
            # The reader went away (`| head -1`): not an error (SPEC.md), so stop quietly
            # with status 0. stdout points at /dev/null so the interpreter's final flush of
            # what is still buffered cannot fail again on the way out.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            raise SystemExit(ExitStatus.OK) from None
        except Exception as exc:
            # SQLite finds damage only when it reads the damaged page, which may be in any
            # query; name the file instead of showing a traceback. (sqlite3 is loaded by then.)
            sqlite3 = sys.modules.get("sqlite3")
            if sqlite3 is None or not isinstance(exc, sqlite3.DatabaseError):
                raise
            where = ctx.obj.archive_path if isinstance(ctx.obj, Settings) else "archive"
            if "locked" in str(exc) or "busy" in str(exc):
                raise click.ClickException(
                    f"{where}: the archive is busy (another process kept it locked); try again"
                ) from exc
            raise click.ClickException(
                f"{where}: the archive is damaged or unreadable ({exc}); nothing was changed."
                " Restore it from a backup, or try `sqlite3 FILE .recover`."
            ) from exc


class Settings:
    """Options of the top-level group, passed to every command.

    (A plain class: `dataclasses` would cost every command's start-up its import.)
    """

    def __init__(self, archive_path: Path) -> None:
        self.archive_path = archive_path

    def __repr__(self) -> str:
        return f"Settings(archive_path={self.archive_path!r})"

    def open_archive(self, *, create: bool = False) -> Archive:
        """Open the archive; reading commands pass `create=False` so they never make one.

        `create=True` is for commands that write: the archive must be writable (one error up
        front, not one per input), and a new archive gets at most its `data/` folder made
        (the default's), never a chain of folders from a mistyped path.
        """
        from ..errors import StoreError
        from ..store import Archive, is_writable

        path = self.archive_path
        if create:
            if path.exists():
                if not is_writable(path):
                    raise StoreError(f"{path}: the archive is read-only (no write access to it or its folder);"
                                     " nothing written")  # fmt: skip
            else:
                folder = path.parent
                if not folder.is_dir():
                    if path == DEFAULT_ARCHIVE and folder.parent.is_dir():
                        try:
                            folder.mkdir()
                        except OSError as exc:
                            raise StoreError(f"{path}: cannot create the folder {folder} ({exc.strerror})") from exc
                    else:
                        raise StoreError(f"{path}: the folder {folder} does not exist; create it first")
                elif not os.access(folder, os.W_OK):
                    raise StoreError(f"{path}: cannot create an archive in {folder} (no write access)")
                archive = Archive.open(path, create=True)
                click.echo(f"new archive: {path}", err=True)
                return archive
        return Archive.open(path, create=create)


pass_settings = click.make_pass_decorator(Settings)

timeout_option = click.option(
    "--timeout",
    type=click.FloatRange(min=0),
    default=30.0,
    show_default=True,
    help="Seconds one input may take to parse (0 for no limit).",
)


def stdout() -> TextIO:
    """The stream data goes to, always writing UTF-8 (SPEC.md: non-ASCII text as itself)."""
    stream = sys.stdout
    if isinstance(stream, io.TextIOWrapper) and stream.encoding.lower().replace("-", "") != "utf8":
        stream.reconfigure(encoding="utf-8")
    return stream


def stdin_bytes() -> BinaryIO:
    """Standard input as bytes, for `-` inputs."""
    return sys.stdin.buffer


def stderr_is_tty() -> bool:
    """True when messages go to a terminal (progress bars only then)."""
    return sys.stderr.isatty()


@click.group(cls=ArchiveGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsarchive")
@click.option(
    "--archive",
    "archive_path",
    type=click.Path(dir_okay=False),
    envvar="NEWSARCHIVE_DB",
    default=str(DEFAULT_ARCHIVE),
    show_default=True,
    help=ARCHIVE_HELP + " Accepted after the command name too.",
)
@click.pass_context
def cli(ctx: click.Context, archive_path: str) -> None:
    """Turn news article files into structured records and keep them in a local archive.

    \b
    Examples:
        newsarchive ingest seeds/
        newsarchive show 2af4f8
        newsarchive list | jq -r .headline
    """
    ctx.obj = Settings(archive_path_value(archive_path))


# Where each command is defined; its module registers it on `cli` when imported (see
# ArchiveGroup.get_command). A command missing here is still found, after every module
# listed is imported; tests/test_cli_help.py checks the table is complete.
COMMAND_MODULES = {
    "ingest": "core",
    "parse": "core",
    "schema": "core",
    "show": "show",
    "list": "query",
    "search": "query",
    "export": "query",
    "stats": "query",
    "rm": "query",
    "reparse": "query",
    "import": "bulk",
    "index": "bulk",
    "spark": "bulk",
}
