"""Speed of `newsarchive.parse` on every HTML page of ../shared/corpus, against trafilatura
and resiliparse on the same pages in the same run.

    .venv/bin/python benchmarks/html_speed.py [--tools newsarchive,trafilatura,resiliparse]
        [--sources aeb,fundus,...] [--limit N] [--runs R] [--cpu C] [--no-breakdown]
        [--profile] [--scaling] [--baseline CHECKOUT]

Each tool runs in its own child process pinned to one core (`--cpu`, default the last one),
which reads the pages into memory and then imports the tool and extracts every page:
- **pages/s (start-up included)**: pages divided by the child's CPU time (user + system,
  from `getrusage`) less the time it spent reading files: interpreter start, imports,
  first-use set-up and every page, newsarchive's bytecode written beforehand as an installed
  copy has it (`compile_bytecode`). CPU time, not wall time, because the machine is shared;
  the wall-clock rate is printed beside it. With `--runs R` every tool runs R times, the
  tools interleaved, and the median run counts. Ratios are taken within one run.
- **per-page ms**: p50, p99 and max of each page's CPU time (`time.process_time`).
- tools: newsarchive `parse(data)` (every field: headline, dates, byline, body, links,
  captions, JSON-ready record); trafilatura `extract(data, with_metadata=True)` (main text
  plus its metadata); resiliparse `extract_plain_text(HTMLTree, main_content=True)` after
  its own encoding detection (main text only, no metadata).

Then, in this process, the **per-stage breakdown** of `parse()`: the CPU time of each stage
(decode, tree build, the one metadata pass, meta tags, JSON-LD, headline, dates, byline,
body, finishing the record, serialisation to JSON), each stage's own time excluding the
stages it calls. `--profile` adds the functions with the most own time (cProfile).

`--baseline CHECKOUT` adds a run of `parse()` imported from another checkout (for example
`git worktree add /tmp/before <commit>`), so before and after are timed in the same run.

`--scaling` adds the worst-case check: generated pages 20,000 elements deep at 1 MB and at
10 MB, parsed in this process; the 10 MB page should cost about ten times the 1 MB one.
"""

from __future__ import annotations

import argparse
import compileall
import cProfile
import functools
import importlib
import importlib.util
import json
import os
import pstats
import resource
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from scoring import CORPUS

SOURCES = ("aeb", "newspaper3k", "newspaper4k", "htmldate", "trafilatura", "readability", "postlight", "fundus")
TOOLS = ("newsarchive", "trafilatura", "resiliparse")
HERE = Path(__file__).resolve().parent


def corpus_pages(
    limit: int = 0, sources: tuple[str, ...] = SOURCES, corpus: Path = CORPUS
) -> Iterator[tuple[str, bytes]]:
    """`(source/html/file, bytes)` for every HTML input page of the given sources, sorted."""
    for source in sources:
        folder = corpus / source / "html"
        if not folder.is_dir():
            continue
        files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in (".html", ".htm"))
        for path in files[: limit or None]:
            yield str(path.relative_to(corpus)), path.read_bytes()


# --- the tools, as each child runs them ----------------------------------------------------

# The module each other tool needs: a tool that is not installed is left out of the run.
MODULES = {"trafilatura": "trafilatura", "resiliparse": "resiliparse"}


def _newsarchive() -> Callable[[bytes], object]:
    from newsarchive.errors import ParseError
    from newsarchive.parse import parse
    from newsarchive.serialize import dumps, to_dict

    def run(data: bytes) -> object:
        try:
            return dumps(to_dict(parse(data, "page.html")))
        except ParseError:
            return None

    return run


def _trafilatura() -> Callable[[bytes], object]:
    import logging

    import trafilatura

    logging.disable(logging.CRITICAL)
    return functools.partial(trafilatura.extract, with_metadata=True)


def _resiliparse() -> Callable[[bytes], object]:
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.encoding import detect_encoding
    from resiliparse.parse.html import HTMLTree

    def run(data: bytes) -> object:
        tree = HTMLTree.parse_from_bytes(data, detect_encoding(data))
        return extract_plain_text(tree, main_content=True)

    return run


SETUP: dict[str, Callable[[], Callable[[bytes], object]]] = {
    "newsarchive": _newsarchive, "trafilatura": _trafilatura, "resiliparse": _resiliparse,
}  # fmt: skip


def child(tool: str, args: argparse.Namespace) -> None:
    """Run one tool over the pages; print a JSON line with its timings."""
    read_start = time.process_time()
    pages = [data for _, data in _pages(args)]
    read_cpu = time.process_time() - read_start
    wall_start = time.perf_counter()
    run = SETUP[tool]()
    per_page: list[float] = []
    failures = 0
    clock = time.process_time
    for data in pages:
        started = clock()
        try:
            result = run(data)
        except Exception:  # noqa: BLE001 - a third-party failure is a failed page, not a crash
            result = None
        per_page.append(clock() - started)
        failures += result is None
    wall = time.perf_counter() - wall_start
    print(json.dumps({"read_cpu": read_cpu, "wall_after_read": wall, "per_page": per_page, "failures": failures}))


BASELINE = "newsarchive (baseline)"


def run_child(tool: str, args: argparse.Namespace) -> dict[str, Any]:
    """Spawn the child for `tool` pinned to one core; its timings plus its total CPU time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    env = dict(os.environ)
    if tool == BASELINE:  # the same benchmark, importing newsarchive from another checkout
        env["PYTHONPATH"] = str(args.baseline / "src")
        tool = "newsarchive"
    command = [sys.executable, str(Path(__file__).resolve()), "--child", tool, "--limit", str(args.limit),
               "--sources", args.sources, "--corpus", str(args.corpus)]  # fmt: skip
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=True, env=env,
                          preexec_fn=lambda: os.sched_setaffinity(0, {args.cpu}))  # fmt: skip
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    result["cpu"] = cpu - result["read_cpu"]
    result["wall"] = wall
    return result


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def compile_bytecode(args: argparse.Namespace) -> None:
    """Write the bytecode of the newsarchive checkout(s) timed, as an installed copy has it.

    pip compiles an installed package's modules (trafilatura's and resiliparse's carry their
    `__pycache__`), but an editable checkout is compiled by whoever imports it first, and not
    at all when `PYTHONDONTWRITEBYTECODE` is set: every child would then compile newsarchive's
    sources again (start-up and first page 0.20 s of CPU instead of 0.14 s, 1% of the run).
    `compileall` writes the cache whatever that variable says; the children only read it."""
    spec = importlib.util.find_spec("newsarchive")
    folders = [Path(spec.origin).parent] if spec is not None and spec.origin else []
    if args.baseline:
        folders.append(args.baseline / "src" / "newsarchive")
    for folder in folders:
        compileall.compile_dir(folder, quiet=1)


def compare(args: argparse.Namespace) -> None:
    tools = [t for t in args.tools.split(",") if t]
    for tool in [t for t in tools if t in MODULES and importlib.util.find_spec(MODULES[t]) is None]:
        print(f"{tool}: not installed, left out (pip install {tool})")
        tools.remove(tool)
    if args.baseline:
        tools.insert(1, BASELINE)
    if "newsarchive" in tools:
        compile_bytecode(args)
    runs: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for n in range(args.runs):
        order = tools if n % 2 == 0 else tools[::-1]
        for tool in order:
            runs[tool].append(run_child(tool, args))
    pages = len(runs[tools[0]][0]["per_page"])
    rates: dict[str, float] = {}
    print(f"{pages} HTML pages from {args.sources}; one core (cpu {args.cpu}); median of {args.runs} run(s)\n")
    print("| tool | pages/s (CPU, start-up incl.) | pages/s (wall) | p50 ms | p99 ms | max ms | failed |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for tool in tools:
        chosen = sorted(runs[tool], key=lambda r: r["cpu"])[len(runs[tool]) // 2]
        rates[tool] = pages / chosen["cpu"]
        times = [t * 1000 for t in chosen["per_page"]]
        print(f"| {tool} | {rates[tool]:.1f} | {pages / chosen['wall_after_read']:.1f} | "
              f"{percentile(times, 0.5):.1f} | {percentile(times, 0.99):.1f} | {max(times):.1f} | "
              f"{chosen['failures']} |")  # fmt: skip
    if "newsarchive" in rates:
        print()
        for tool in tools:
            if tool != "newsarchive":
                same_run = [r_n["cpu"] / r_t["cpu"] for r_n, r_t in zip(runs["newsarchive"], runs[tool], strict=True)]
                ratios = ", ".join(f"{1 / r:.2f}×" for r in same_run)
                print(f"newsarchive / {tool}: {rates['newsarchive'] / rates[tool]:.2f}× (each run: {ratios})")
    slow = [(t, label) for t, label in zip(runs["newsarchive"][0]["per_page"], _labels(args), strict=False)]
    if "newsarchive" in runs:
        print("\nslowest newsarchive pages (CPU ms, first run):")
        for seconds, label in sorted(slow, reverse=True)[:5]:
            print(f"  {seconds * 1000:7.1f}  {label}")


def _pages(args: argparse.Namespace) -> Iterator[tuple[str, bytes]]:
    return corpus_pages(args.limit, tuple(args.sources.split(",")), args.corpus)


def _labels(args: argparse.Namespace) -> list[str]:
    return [label for label, _ in _pages(args)]


# --- per-stage breakdown ---------------------------------------------------------------------

# (module, function, stage). Each stage's time is its own, less the stages it calls.
STAGES = (
    ("newsarchive.parse.html", "decode_html", "decode"),
    ("newsarchive.parse.html", "_parse_tree", "tree build (lxml)"),
    ("newsarchive.parse.html_page", "read_page", "metadata pass (one walk)"),
    ("newsarchive.parse.html_page", "collect_meta", "meta tags"),
    ("newsarchive.parse.html_page", "extract_jsonld", "JSON-LD"),
    ("newsarchive.parse.html_headline", "headline", "headline"),
    ("newsarchive.parse.html_dates", "dates", "dates"),
    ("newsarchive.parse.html_dates", "local_date", "dates"),
    ("newsarchive.parse.html_byline", "authors", "byline"),
    ("newsarchive.parse.body", "extract_body", "body: the rest"),
    ("newsarchive.parse.body", "clean_tree", "body: cleaning"),
    ("newsarchive.parse.body", "score_candidates", "body: scoring"),
    ("newsarchive.parse.body", "choose_content", "body: content choice (selectors, checks)"),
    ("newsarchive.parse.body", "_better_supported", "body: prose fallback"),
    ("newsarchive.parse.body", "_with_parts", "body: article parts"),
    ("newsarchive.parse.body", "_Walker.walk", "body: the walk"),
    ("newsarchive.parse.body", "_Walker.figure", "body: the walk"),
    ("newsarchive.parse.body", "_Walker.result", "body: tail trimming, result"),
    ("newsarchive.parse.common", "finish", "finish (record)"),
    ("newsarchive.serialize", "to_dict", "serialisation"),
    ("newsarchive.serialize", "dumps", "serialisation"),
)


def _instrument(spent: dict[str, float]) -> Callable[[], None]:
    """Wrap every stage function so its own CPU time lands in `spent`; returns an undo."""
    clock = time.process_time
    stack: list[float] = []  # time spent in wrapped callees of each open frame
    undo: list[tuple[object, str, object]] = []

    def wrap(fn: Callable[..., Any], stage: str) -> Callable[..., Any]:
        @functools.wraps(fn)
        def timed(*args: Any, **kwargs: Any) -> Any:
            stack.append(0.0)
            started = clock()
            try:
                return fn(*args, **kwargs)
            finally:
                elapsed = clock() - started
                inner = stack.pop()
                spent[stage] += elapsed - inner
                if stack:
                    stack[-1] += elapsed

        return timed

    for module_name, dotted, stage in STAGES:
        module: Any = importlib.import_module(module_name)
        *owners, name = dotted.split(".")
        for owner in owners:  # a method: `Class.method`
            module = getattr(module, owner, None)
        original = getattr(module, name, None)
        if original is None:
            print(f"(stage {stage}: {module_name}.{dotted} not found, not timed)")
            continue
        undo.append((module, name, original))
        setattr(module, name, wrap(original, stage))
        # a module that imported the function by name calls its own reference
        for other in list(sys.modules.values()):
            if other is not module and getattr(other, "__name__", "").startswith("newsarchive") \
                    and getattr(other, name, None) is original:  # fmt: skip
                undo.append((other, name, original))
                setattr(other, name, getattr(module, name))

    def restore() -> None:
        for target, name, original in reversed(undo):
            setattr(target, name, original)

    return restore


def breakdown(args: argparse.Namespace) -> None:
    import newsarchive.parse.body  # noqa: F401 - so its functions can be wrapped
    import newsarchive.parse.html  # noqa: F401
    from newsarchive.errors import ParseError
    from newsarchive.parse import parse
    from newsarchive.serialize import dumps, to_dict

    pages = [data for _, data in _pages(args)]
    for data in pages[:20]:  # warm the imports and caches
        try:
            parse(data)
        except ParseError:
            pass
    spent: dict[str, float] = defaultdict(float)
    restore = _instrument(spent)
    from newsarchive import serialize

    started = time.process_time()
    for data in pages:
        try:
            serialize.dumps(serialize.to_dict(parse(data, "page.html")))
        except ParseError:
            pass
    total = time.process_time() - started
    restore()
    spent["other (sniffing, the rest of parse_html)"] = total - sum(spent.values())
    print(f"\nper-stage CPU time of parse() + JSON, {len(pages)} pages, in this process (not pinned)\n")
    print("| stage | ms per page | share |")
    print("|---|---:|---:|")
    for stage, seconds in spent.items():
        print(f"| {stage} | {seconds / len(pages) * 1000:.2f} | {seconds / total:.0%} |")
    print(f"| **all** | **{total / len(pages) * 1000:.2f}** | |")
    if args.profile:
        profile = cProfile.Profile(time.process_time)
        profile.enable()
        for data in pages:
            try:
                dumps(to_dict(parse(data)))
            except ParseError:
                pass
        profile.disable()
        print()
        pstats.Stats(profile).sort_stats("tottime").print_stats(30)


# --- deep and huge pages ---------------------------------------------------------------------


def scaling() -> None:
    """CPU time of 1 MB and 10 MB pages 20,000 levels deep, made as the linear-work test
    (tests/test_html_linear_work.py) makes them, which counts their work instead."""
    sys.path.insert(0, str(HERE.parent))
    from tests.test_html_linear_work import deep_page

    from newsarchive.parse import parse

    print("\ndeep pages (20,000 levels), CPU seconds of parse(), median of 3\n")
    print("| page | content blocks | seconds | per MB |")
    print("|---|---:|---:|---:|")
    costs = {}
    for megabytes in (1, 10):
        data, blocks = deep_page(megabytes * 1_000_000)
        times = []
        for _ in range(3):
            started = time.process_time()
            parse(data)
            times.append(time.process_time() - started)
        costs[megabytes] = statistics.median(times)
        print(f"| {megabytes} MB | {blocks:,} | {costs[megabytes]:.3f} | {costs[megabytes] / megabytes:.3f} |")
    print(f"\n10 MB / 1 MB: {costs[10] / costs[1]:.1f}× (linear: about 10×; the content grows 12.6×, "
          "the nesting stays)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="corpus folder (default ../shared/corpus)")
    parser.add_argument("--tools", default=",".join(TOOLS))
    parser.add_argument("--sources", default=",".join(SOURCES))
    parser.add_argument("--limit", type=int, default=0, help="at most N pages per source")
    parser.add_argument("--runs", type=int, default=1, help="runs of each tool, interleaved (median)")
    parser.add_argument("--cpu", type=int, default=max(os.sched_getaffinity(0)), help="the core to pin to")
    parser.add_argument("--no-breakdown", action="store_true", help="skip the per-stage breakdown")
    parser.add_argument("--profile", action="store_true", help="also print the top functions by own time")
    parser.add_argument("--scaling", action="store_true", help="also compare 1 MB and 10 MB deep pages")
    parser.add_argument("--baseline", type=Path, help="also time newsarchive from this checkout (e.g. a git worktree "
                        "of an older commit), in the same run")  # fmt: skip
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args)
        return
    if not args.corpus.is_dir():
        print(f"corpus not found at {args.corpus}: nothing to measure (this benchmark needs ../shared/corpus)")
        return
    sys.path.insert(0, str(HERE))
    from perfutil import machine

    print(f"machine: {machine()}")
    if args.tools:
        compare(args)
    if not args.no_breakdown:
        breakdown(args)
    if args.scaling:
        scaling()


if __name__ == "__main__":
    main()
