"""The `show` command, in a module of its own: it is the command people run most often
one at a time, so it imports nothing it does not need (see ArchiveGroup.get_command)."""

from __future__ import annotations

import json
import os

import click

from . import Settings, cli, pass_settings, stdout


@cli.command()
@click.argument("refs", nargs=-1, required=True, metavar="ID|PATH|URL...")
@pass_settings
def show(settings: Settings, refs: tuple[str, ...]) -> None:
    """Print records as pretty JSON, one after another in the order given.

    ID may be any unique prefix of 6 or more characters; PATH a file (found by its bytes,
    wherever it is now) or a path once ingested (`./x`, `x` and its absolute path are the
    same path); URL a record's url or the URI a web archive captured it at. If any of them
    names no record (or several), nothing is printed and the exit status is 1.

    \b
    Examples:
        newsarchive show 2af4f8
        newsarchive show 2af4f8 9c1e07 | jq -r .headline
        newsarchive show seeds/000_9215014d73318523.txt | jq .byline
        newsarchive show https://www.bbc.co.uk/news/world-47690440
    """
    from ..errors import NewsArchiveError

    records: list[str] = []
    problems: list[str] = []
    with settings.open_archive() as archive:
        for ref in refs:
            file = None
            if os.path.isfile(ref):  # a file on disk is found by its bytes (sources: imported only then)
                from ..sources import identify_file

                file = identify_file(ref)
            try:
                records.append(archive.get_json(ref, file=file))
            except NewsArchiveError as exc:
                problems.append(str(exc))
    if problems:
        for problem in problems[:-1]:
            click.echo(f"Error: {problem}", err=True)
        raise click.ClickException(problems[-1])
    out = stdout()
    for record in records:
        out.write(json.dumps(json.loads(record), ensure_ascii=False, indent=2) + "\n")
