"""The `newsarchive` command: option parsing, output, and exit statuses.

This package is the only code that touches argv, stdout, stderr or exit codes. Each command
parses its options, makes one or two calls into the library, and renders the result.
Library errors become `Error: …` on stderr with exit 1 in one place (`ArchiveGroup.invoke`).
"""

from __future__ import annotations

import io
import os
import sys
from dataclasses import dataclass
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


class ArchiveGroup(click.Group):
    """A group that maps library errors to one `Error:` line and exit 1, and ends quietly on a closed pipe."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NewsArchiveError as exc:
            raise click.ClickException(str(exc)) from exc
        except BrokenPipeError:
            # The reader went away (`| head`): stop quietly, as Unix tools do.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            raise SystemExit(ExitStatus.ERROR) from None
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


@dataclass
class Settings:
    """Options of the top-level group, passed to every command."""

    archive_path: Path

    def open_archive(self, *, create: bool = False) -> Archive:
        """Open the archive; reading commands pass `create=False` so they never make one."""
        from ..store import Archive

        return Archive.open(self.archive_path, create=create)


pass_settings = click.make_pass_decorator(Settings)


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
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="NEWSARCHIVE_DB",
    default=DEFAULT_ARCHIVE,
    show_default=True,
    help="The archive file (env NEWSARCHIVE_DB).",
)
@click.pass_context
def cli(ctx: click.Context, archive_path: Path) -> None:
    """Turn news article files into structured records and keep them in a local archive.

    \b
    Examples:
        newsarchive ingest seeds/
        newsarchive show 2af4f8
        newsarchive list | jq -r .headline
    """
    ctx.obj = Settings(archive_path)


from . import bulk, core, query  # noqa: E402,F401  (registers the commands on `cli`)
