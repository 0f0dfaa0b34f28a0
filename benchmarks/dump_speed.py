"""Speed of `newsarchive.parse` on the corpus's whole-page text dumps, per core, against
baselines run in the same process.

    .venv/bin/python benchmarks/dump_speed.py [--corpus DIR] [--kinds html2text,w3m,traf-md]
        [--limit N] [--runs R] [--baseline CHECKOUT] [--no-stages] [--no-linearity] [--profile]

Every dump under ../shared/corpus/dumps/ (the files `accuracy_dumps.py` scores) is read into
memory, then parsed R times (default 5), interleaved with two baselines over the same bytes:
- **floor**: decoding each dump and touching every line once (what any line-based reading pays);
- **plain reading**: `parse()` with the page-dump reading switched off, so every dump is read as
  a clean article file (first line headline, then paragraphs), the reading every text file pays.
Times are CPU seconds of this process (`time.process_time`), so another job on the machine
does not count; "dumps/s per core" is dumps divided by the median run's CPU time. Ratios are
taken within each run, then their median printed.

`--baseline CHECKOUT` adds `parse()` imported from another checkout, timed in a child process
between the runs of this one, so before and after are measured under the same load; the ratio
of their CPU times is taken within each run. CHECKOUT is a folder holding `src/newsarchive`
(for example `git worktree add /tmp/before <commit>`) or a git revision of this repository
(`--baseline main`, `--baseline HEAD~3`), whose `src` is then unpacked into a temporary folder.

Then, unless `--no-stages`, the **per-stage** CPU time of `parse()` (median of R runs, ms per
dump), stage by stage as differences of nested calls: decoding; cutting the dump into scored
units (`dump_region.units_of`); the region and headline (the rest of `dump.read_dump`); the
record (the rest of `text.parse_text`: header zone, body through the plain reading); and the
rest of `parse()` (sniffing, finishing the record, the documentation check of `shape`).

Then, unless `--no-linearity`, single-line dumps of 1 MB and 10 MB: one bare line, and one
line standing amid a page's menu (so that the page-dump reading, not the plain one, reads
it). For each: CPU seconds (median of 3) and the Python function calls `parse()` makes
(cProfile's count): both should grow about tenfold (`tests/test_dump_linear_work.py` pins
the call count).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from scoring import CORPUS

from newsarchive.errors import ParseError

KINDS = ("html2text", "w3m", "traf-md")
HERE = Path(__file__).resolve().parent


def corpus_dumps(corpus: Path, kinds: tuple[str, ...] = KINDS, limit: int = 0) -> Iterator[tuple[str, bytes]]:
    """`(dumps-relative path, bytes)` of every dump of the given kinds, sorted; `limit` per folder."""
    top = corpus / "dumps"
    for folder in sorted(p for p in top.glob("*/*") if p.is_dir() and p.name in kinds):
        files = sorted(p for p in folder.iterdir() if p.is_file() and p.name != "truth.jsonl")
        for path in files[:limit] if limit else files:
            yield str(path.relative_to(top)), path.read_bytes()


def _cpu(run: Callable[[], None]) -> float:
    started = time.process_time()
    run()
    return time.process_time() - started


def _each(function: Callable[[bytes], object], items: list[bytes]) -> Callable[[], None]:
    def run() -> None:
        for data in items:
            try:
                function(data)
            except ParseError:
                pass

    return run


def _plain_parse(data: bytes) -> object:
    """`parse()` with the page-dump reading switched off (the plain reading of every file)."""
    from newsarchive.parse import dump, parse

    read_dump = dump.read_dump
    dump.read_dump = lambda text: None  # type: ignore[assignment]
    try:
        return parse(data, "-")
    finally:
        dump.read_dump = read_dump


def _floor(data: bytes) -> None:
    from newsarchive.parse.encoding import decode_text

    for line in decode_text(data)[0].split("\n"):
        line.strip()


def speed(dumps: list[bytes], runs: int, args: argparse.Namespace | None = None) -> None:
    """Dumps/s per core of `parse()`, the plain reading and the floor; with `args.baseline`,
    of another checkout's `parse()` too."""
    from newsarchive.parse import parse

    baseline = args.baseline if args is not None else None

    n = len(dumps)
    rows: dict[str, list[float]] = {"parse()": [], "plain reading": [], "floor": []}
    if baseline:
        rows[f"parse() of {baseline}"] = []
    plain_ratio: list[float] = []
    floor_ratio: list[float] = []
    baseline_ratio: list[float] = []
    for _ in range(runs):
        floor = _cpu(_each(_floor, dumps))
        plain = _cpu(_each(_plain_parse, dumps))
        full = _cpu(_each(parse, dumps))
        rows["floor"].append(floor)
        rows["plain reading"].append(plain)
        rows["parse()"].append(full)
        plain_ratio.append(full / plain)
        floor_ratio.append(full / floor)
        if baseline and args is not None:
            before = _baseline_cpu(args)
            rows[f"parse() of {baseline}"].append(before)
            baseline_ratio.append(before / full)
    print(f"{n} dumps, mean {sum(map(len, dumps)) / n / 1024:.1f} KiB, {runs} runs, CPU time of one process\n")
    print("| reading | dumps/s per core (median) | ms per dump |")
    print("|---|---:|---:|")
    for name, times in rows.items():
        median = statistics.median(times)
        print(f"| {name} | {n / median:,.0f} | {median / n * 1000:.3f} |")
    print(
        f"\nparse() costs {statistics.median(plain_ratio):.2f}x the plain reading and "
        f"{statistics.median(floor_ratio):.1f}x the floor (median of the per-run ratios)"
    )
    if baseline_ratio:
        ratio = statistics.median(baseline_ratio)
        print(f"parse() is {ratio:.2f}x as fast as {baseline} (median of the per-run ratios)")


def _baseline_cpu(args: argparse.Namespace) -> float:
    """CPU seconds of `parse()` over the same dumps, imported from `args.baseline` in a child."""
    command = [sys.executable, __file__, "--child", "--corpus", str(args.corpus), "--kinds", args.kinds]
    command += ["--limit", str(args.limit)]
    env = {**os.environ, "PYTHONPATH": str(Path(args.baseline_dir).resolve() / "src")}
    done = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    return float(done.stdout.strip().splitlines()[-1])


def checkout_of(revision: str) -> str:
    """A temporary folder holding `src/` of `revision` of this repository (`git archive`)."""
    import io
    import tarfile
    import tempfile

    folder = tempfile.mkdtemp(prefix="dump-speed-baseline-")
    data = subprocess.run(
        ["git", "-C", str(HERE.parent), "archive", "--format=tar", revision, "src"], check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        archive.extractall(folder, filter="data")
    return folder


def child(args: argparse.Namespace) -> None:
    """In the baseline's child: print the CPU seconds of one warm pass of `parse()`."""
    from newsarchive.parse import parse

    dumps = [data for _, data in corpus_dumps(args.corpus, tuple(args.kinds.split(",")), args.limit)]
    _each(parse, dumps)()  # imports, compiled patterns and caches are ready before timing starts
    print(_cpu(_each(parse, dumps)))


def stages(dumps: list[bytes], runs: int) -> None:
    from newsarchive.parse import parse
    from newsarchive.parse.dump import read_dump
    from newsarchive.parse.dump_region import units_of
    from newsarchive.parse.encoding import decode_text
    from newsarchive.parse.text import parse_text

    texts = [decode_text(data)[0] for data in dumps]
    measured: dict[str, list[float]] = {"decode": [], "units": [], "read_dump": [], "parse_text": [], "parse": []}
    for _ in range(runs):
        measured["decode"].append(_cpu(_each(decode_text, dumps)))
        measured["units"].append(_cpu(_each(units_of, texts)))  # type: ignore[arg-type]
        measured["read_dump"].append(_cpu(_each(read_dump, texts)))  # type: ignore[arg-type]
        measured["parse_text"].append(_cpu(_each(parse_text, texts)))  # type: ignore[arg-type]
        measured["parse"].append(_cpu(_each(parse, dumps)))
    m = {name: statistics.median(times) for name, times in measured.items()}
    rows = (
        ("decode (`encoding.decode_text`)", m["decode"]),
        ("units, measured and scored (`dump_region.units_of`)", m["units"]),
        ("region and headline (rest of `dump.read_dump`)", m["read_dump"] - m["units"]),
        ("record: header zone, body (rest of `text.parse_text`)", m["parse_text"] - m["read_dump"]),
        ("sniffing, finishing, documentation check (rest of `parse`)", m["parse"] - m["parse_text"] - m["decode"]),
    )
    n = len(dumps)
    print(f"\nper stage, CPU ms per dump (median of {runs} runs, as differences of nested calls)\n")
    print("| stage | ms per dump | share |")
    print("|---|---:|---:|")
    for name, seconds in rows:
        print(f"| {name} | {seconds / n * 1000:.3f} | {seconds / m['parse']:.0%} |")
    print(f"| **parse()** | **{m['parse'] / n * 1000:.3f}** | |")


def single_line_dumps(megabytes: int) -> dict[str, bytes]:
    """A bare single line of `megabytes` MB, and the same line amid a page's menu of links
    (made as `tests/test_dump_linear_work.py` makes them, which counts their work)."""
    sys.path.insert(0, str(HERE.parent))
    from tests.test_dump_linear_work import page_with_line, single_line

    size = megabytes * 1_000_000
    return {"bare line": single_line(size).encode(), "line amid a menu": page_with_line(size).encode()}


def calls(data: bytes) -> int:
    """Python function calls (builtins included) that `parse()` makes on `data`."""
    from newsarchive.parse import parse

    profile = cProfile.Profile()
    try:
        profile.runcall(parse, data, "-")
    except ParseError:
        pass
    return pstats.Stats(profile).total_calls  # type: ignore[attr-defined, no-any-return]


def linearity() -> None:
    from newsarchive.parse import parse

    print("\nsingle-line dumps: CPU seconds of parse() (median of 3) and Python calls\n")
    print("| dump | 1 MB s | 10 MB s | time ratio | 1 MB calls | 10 MB calls | calls ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    small, large = single_line_dumps(1), single_line_dumps(10)
    for name in small:
        seconds = []
        for data in (small[name], large[name]):
            seconds.append(statistics.median(_cpu(_each(parse, [data])) for _ in range(3)))
        counts = [calls(small[name]), calls(large[name])]
        print(
            f"| {name} | {seconds[0]:.3f} | {seconds[1]:.3f} | {seconds[1] / seconds[0]:.1f} "
            f"| {counts[0]:,} | {counts[1]:,} | {counts[1] / counts[0]:.1f} |"
        )
    print("\nlinear: both ratios about 10")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="corpus folder (default ../shared/corpus)")
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--limit", type=int, default=0, help="at most N dumps per source and kind")
    parser.add_argument("--runs", type=int, default=5, help="runs, interleaved with the baselines (median)")
    parser.add_argument("--no-stages", action="store_true", help="skip the per-stage figures")
    parser.add_argument("--no-linearity", action="store_true", help="skip the 1 MB / 10 MB single-line dumps")
    parser.add_argument("--profile", action="store_true", help="also print the top functions by own time")
    parser.add_argument("--baseline", help="also time parse() from this checkout (a folder, e.g. a git worktree "
                        "of an older commit, or a git revision such as main), in the same run")  # fmt: skip
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return 0
    if not (args.corpus / "dumps").is_dir():
        print(f"dumps not found under {args.corpus}: nothing to measure (this benchmark needs ../shared/corpus)")
        return 0
    sys.path.insert(0, str(HERE))
    from perfutil import machine

    from newsarchive.parse import parse

    args.baseline_dir = args.baseline
    if args.baseline and not Path(args.baseline).is_dir():
        args.baseline_dir = checkout_of(args.baseline)
    dumps = [data for _, data in corpus_dumps(args.corpus, tuple(args.kinds.split(",")), args.limit)]
    for data in dumps:  # imports, compiled patterns and caches are ready before timing starts
        _each(parse, [data])()
    print(f"machine: {machine()}")
    speed(dumps, args.runs, args)
    if not args.no_stages:
        stages(dumps, args.runs)
    if not args.no_linearity:
        linearity()
    if args.profile:
        profile = cProfile.Profile(time.process_time)
        profile.runcall(_each(parse, dumps))
        print()
        pstats.Stats(profile).sort_stats("tottime").print_stats(30)
    if args.baseline_dir != args.baseline:
        shutil.rmtree(args.baseline_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
