"""One pathological input cannot hang or end a batch: a parse that runs past `--timeout` is
stopped and reported as failed, in-process and in worker processes; a worker that crashes
or never returns to Python is replaced and costs only the input it was on; the alarm used
for the limit is never left armed or installed afterwards.

The limits here are short (0.3 s, and `LIMIT` for the CLI runs), far above the
milliseconds a good input takes, but not above the parser's first-use imports on a busy machine
(measured up to 0.8 s): the parser is warmed up before each test, so only the pathological
input can reach the limit. CLI runs get the longer `LIMIT`: on a machine running a dozen
other jobs a process can wait half a second for a core before a good input is done."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

import newsarchive.parse
from newsarchive.model import Article
from newsarchive.pipeline import parse_inputs

from .conftest import invoke, jsonl

REAL_PARSE = newsarchive.parse.parse
LIMIT = "1.5"  # seconds, for the runs through the CLI


@pytest.fixture(autouse=True)
def warm_parser() -> None:
    """Load the code the good inputs use (workers are forked, so they inherit it)."""
    REAL_PARSE(b"Headline\n\nParagraph number 1 of the batch.\n", "warm.txt")


def batch(tmp_path: Path, count: int = 12, bad_at: int = 5) -> tuple[Path, Path]:
    """`count` small articles in one folder; the one at `bad_at` is named `m_bad.txt`."""
    folder = tmp_path / "in"
    folder.mkdir()
    bad = folder / "m_bad.txt"
    for i in range(count):
        path = bad if i == bad_at else folder / f"m_{i:02d}.txt"
        path.write_bytes(f"Headline {i}\n\nParagraph number {i} of the batch.\n".encode())
    return folder, bad


def patch_parse(monkeypatch: pytest.MonkeyPatch, on_bad: Callable[[], None]) -> None:
    """Make the parser run `on_bad` for m_bad.txt (workers are forked, so they inherit this)."""

    def parse(data: bytes, path: str = "-") -> Article:
        if path.endswith("m_bad.txt"):
            on_bad()
        return REAL_PARSE(data, path)

    monkeypatch.setattr(newsarchive.parse, "parse", parse)


def sleep_long() -> None:
    time.sleep(60)


def sleep_swallowing_exceptions() -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            time.sleep(0.05)
        except Exception:  # a careless parser must not be able to cancel the limit
            pass


def sleep_deaf_to_alarms() -> None:
    # Stands in for code stuck in C: the alarm can never reach Python, so only a kill helps.
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
    time.sleep(60)


def crash() -> None:
    import faulthandler

    faulthandler.disable()  # pytest enables it; its report would only add noise here
    os.kill(os.getpid(), signal.SIGSEGV)


def run(runner: CliRunner, db: Path, folder: Path, jobs: str, *extra: str) -> tuple[list[dict[str, str]], str, float]:
    started = time.monotonic()
    result = invoke(runner, "--archive", str(db), "ingest", str(folder), "-j", jobs, *extra, expect=3)
    return jsonl(result.stdout), result.stderr, time.monotonic() - started


def assert_only_bad_failed(outcomes: list[dict[str, str]], bad: Path, reason: str, count: int = 12) -> None:
    statuses = {o["path"]: o for o in outcomes}
    assert len(statuses) == count
    assert statuses[str(bad)]["status"] == "failed"
    assert reason in statuses[str(bad)]["reason"]
    assert sum(o["status"] == "added" for o in outcomes) == count - 1


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_slow_parse_is_stopped_at_the_time_limit(
    runner: CliRunner, tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    folder, bad = batch(tmp_path)
    patch_parse(monkeypatch, sleep_long)
    outcomes, stderr, took = run(runner, db_path, folder, jobs, "--timeout", LIMIT)
    assert_only_bad_failed(outcomes, bad, f"gave up after {LIMIT} s (see --timeout)")
    assert f"failed: {bad}: gave up after {LIMIT} s (see --timeout)" in stderr.splitlines()
    assert took < 20


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_parser_catching_exception_cannot_cancel_the_limit(
    runner: CliRunner, tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    folder, bad = batch(tmp_path)
    patch_parse(monkeypatch, sleep_swallowing_exceptions)
    outcomes, _, took = run(runner, db_path, folder, jobs, "--timeout", LIMIT)
    assert_only_bad_failed(outcomes, bad, f"gave up after {LIMIT} s")
    assert took < 20


def test_worker_that_ignores_the_alarm_is_killed_and_replaced(
    runner: CliRunner, tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, bad = batch(tmp_path, count=30, bad_at=3)
    patch_parse(monkeypatch, sleep_deaf_to_alarms)
    outcomes, _, took = run(runner, db_path, folder, "2", "--timeout", LIMIT)
    assert_only_bad_failed(outcomes, bad, f"gave up after {LIMIT} s", count=30)
    assert took < 20


def test_crashing_worker_costs_only_its_input(
    runner: CliRunner, tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The crash is mid-chunk: inputs before and after it in the same chunk are redone.
    folder, bad = batch(tmp_path, count=30, bad_at=4)
    patch_parse(monkeypatch, crash)
    outcomes, stderr, took = run(runner, db_path, folder, "2")
    assert_only_bad_failed(outcomes, bad, "the parsing process was killed by SIGSEGV", count=30)
    assert "Traceback" not in stderr
    assert took < 20


def test_outcomes_keep_input_order_across_a_crash(
    runner: CliRunner, tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, bad = batch(tmp_path, count=30, bad_at=4)
    patch_parse(monkeypatch, crash)
    # Every input is already stored but the bad one, so each outcome is reported as it settles.
    for path in sorted(folder.iterdir()):
        if path != bad:
            invoke(runner, "--archive", str(db_path), "ingest", str(path), "-j", "1")
    outcomes, _, _ = run(runner, db_path, folder, "2")
    assert [o["path"] for o in outcomes] == sorted(str(p) for p in folder.iterdir())


def test_time_limit_leaves_no_alarm_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder, bad = batch(tmp_path, count=3, bad_at=1)
    patch_parse(monkeypatch, sleep_long)
    handler_before = signal.getsignal(signal.SIGALRM)
    paths = [str(p) for p in sorted(folder.iterdir())]
    results = list(parse_inputs(paths, timeout=0.3))
    assert [isinstance(r, Article) for r in results] == [True, True, False]  # m_bad sorts last
    assert signal.getsignal(signal.SIGALRM) is handler_before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    time.sleep(0.5)  # a stray alarm would fire (and fail the test) here


def test_parse_command_applies_the_time_limit(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, bad = batch(tmp_path, count=3, bad_at=1)
    patch_parse(monkeypatch, sleep_long)
    result = invoke(runner, "parse", str(folder), "--timeout", "0.3", expect=3)
    assert len(jsonl(result.stdout)) == 2
    assert result.stderr.splitlines() == [f"failed: {bad}: gave up after 0.3 s (see --timeout)"]
