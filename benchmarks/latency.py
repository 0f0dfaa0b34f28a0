"""Cold wall time of the reading commands (`show`, `search`, `list`) on a large archive.

Each command runs as a user runs it: the installed `newsarchive` in a fresh process, stdout
piped to /dev/null, so every figure includes interpreter start-up and imports. Runs are
interleaved (one of each command per round) so that load from other processes spreads
evenly, and the median over the rounds is printed, with the start-up of a bare interpreter
(`python -c pass`), measured in the same rounds, as the baseline.

Bytecode caching is on, as on a user's machine: PYTHONDONTWRITEBYTECODE is removed from
the commands' environment (with it set, an editable install compiles every module it
imports on every start), and one warm-up round writes the caches before timing starts.
The target is each reading command within START_UP_BUDGET_MS of the bare interpreter.

The archive is built first with `newsarchive ingest` from N text articles made from
../shared/corpus/bbc-text (see perfutil.write_editions), unless --archive names one.

Run:
    .venv/bin/python benchmarks/latency.py --count 20000 --rounds 15
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

from perfutil import add_corpus_option, cli_command, machine, median, time_command, use_corpus, write_editions

TARGETS_MS = {"show": 150, "search": 250}
# What a reading command may add to the bare interpreter's start-up (`show`, `list --limit
# 20`, `search` with a limit): imports, opening the archive, the query and the output.
START_UP_BUDGET_MS = 60
BUDGETED = ("show ID", "show PREFIX (6 chars)", "list --limit 20", "search Eddington --limit 20")


def build_archive(archive: Path, count: int, tmp: Path) -> None:
    corpus = tmp / "editions"
    write_editions(corpus, count)
    env = {**os.environ, "NEWSARCHIVE_DB": str(archive)}
    done = subprocess.run(cli_command("ingest", str(corpus)), capture_output=True, env=env)
    if done.returncode != 0:
        raise SystemExit(f"building the archive failed:\n{done.stderr.decode()[-2000:]}")


def commands(archive: Path) -> dict[str, list[str]]:
    """The measured commands, keyed by their label; ids and paths come from the archive."""
    conn = sqlite3.connect(f"file:{archive}?mode=ro", uri=True)
    article_id, path = conn.execute("SELECT id, path FROM articles ORDER BY pk LIMIT 1 OFFSET 7").fetchone()
    conn.close()
    return {
        "baseline: python -c pass": [sys.executable, "-c", "pass"],
        "newsarchive --version": cli_command("--version"),
        "show ID": cli_command("show", article_id),
        "show PREFIX (6 chars)": cli_command("show", article_id[:6]),
        "show PATH": cli_command("show", path),
        'search "fuel prices" (all hits)': cli_command("search", "fuel prices"),
        "search Eddington --limit 20": cli_command("search", "Eddington", "--limit", "20"),
        "search government --limit 20": cli_command("search", "government", "--limit", "20"),
        "search government (all hits)": cli_command("search", "government"),
        "list --limit 20": cli_command("list", "--limit", "20"),
    }


def _output_size(command: list[str], env: dict[str, str]) -> tuple[int, int]:
    """Lines and bytes the command writes to stdout."""
    out = subprocess.run(command, capture_output=True, env=env, check=True).stdout
    return out.count(b"\n"), len(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=20_000, help="articles in the archive built (default 20000)")
    parser.add_argument("--rounds", type=int, default=15, help="runs of each command (default 15)")
    parser.add_argument("--archive", type=Path, help="measure this archive instead of building one")
    add_corpus_option(parser)
    args = parser.parse_args()
    use_corpus(args.corpus)
    with tempfile.TemporaryDirectory(prefix="newsarchive-latency-") as tmp:
        archive = args.archive
        if archive is None:
            archive = Path(tmp) / "archive.db"
            build_archive(archive, args.count, Path(tmp))
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["NEWSARCHIVE_DB"] = str(archive)
        measured = commands(archive)
        times: dict[str, list[float]] = {label: [] for label in measured}
        for command in measured.values():  # warm the page cache once, as a user's second run
            time_command(command, env=env)
        for _ in range(args.rounds):
            for label, command in measured.items():
                times[label].append(time_command(command, env=env))
        records = sqlite3.connect(archive).execute("SELECT count(*) FROM articles").fetchone()[0]
        output = {label: _output_size(command, env) for label, command in measured.items()}
    baseline = median(times["baseline: python -c pass"])
    print(f"machine: {machine()}")
    print(f"archive: {records:,} records; median of {args.rounds} cold runs each, stdout piped\n")
    print("| command | wall ms | over bare interpreter | output | target |")
    print("|---|---:|---:|---:|---:|")
    verdicts = []
    for label, values in times.items():
        ms = median(values) * 1e3
        verb = label.split()[0]
        target = f"≤ {TARGETS_MS[verb]} ms" if verb in TARGETS_MS else ""
        if label in BUDGETED:
            target = (target + ", " if target else "") + f"≤ +{START_UP_BUDGET_MS} ms"
            verdicts.append(ms - baseline * 1e3 <= START_UP_BUDGET_MS)
        extra = "" if label.startswith("baseline") else f"+{ms - baseline * 1e3:.0f} ms"
        lines, size = output[label]
        shown = f"{lines:,} lines, {size / 1e6:.1f} MB" if size >= 1e5 else f"{lines:,} lines, {size / 1e3:.0f} KB"
        print(f"| `{label}` | {ms:.0f} | {extra} | {shown} | {target} |")
    met = sum(verdicts)
    print(f"\nstart-up budget (+{START_UP_BUDGET_MS} ms over `python -c pass`): met by {met} of {len(verdicts)}"
          " budgeted commands")


if __name__ == "__main__":
    main()
