"""Ingest and reparse: inputs → parsed records → archive, with per-input outcomes.

Shape: the writing process expands the inputs into paths, worker processes read, gunzip,
hash and parse each one (`--jobs`), and the writing process stores their encoded rows in
large transactions. An input whose bytes are already stored is not parsed again.

Invariants: one input's failure, whatever it is, becomes that input's `failed` outcome with
a one-line reason and never ends the batch; an `added`/`updated` outcome is reported only
after its transaction has committed; a per-input time limit stops a pathological page.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from types import FrameType
from typing import BinaryIO, Literal

from .errors import InputError, NewsArchiveError, ParseError
from .model import Article
from .sources import DEFAULT_MAX_BYTES, read_source
from .store import Archive, Row, row_for

log = logging.getLogger(__name__)

Status = Literal["added", "unchanged", "updated", "failed"]

# Records per write transaction: large enough that commit cost vanishes, small enough that
# a kill loses little work and a concurrent writer waits well under a second.
BATCH_SIZE = 500
# Longest a parsed record waits before its batch commits, so slow inputs still land steadily.
BATCH_SECONDS = 2.0
DEFAULT_TIMEOUT = 30.0  # seconds one input may take to parse; real pages take milliseconds
CHUNKSIZE = 8  # inputs per message to a worker: amortises IPC without starving the bar


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one input."""

    path: str
    status: Status
    id: str | None = None
    reason: str | None = None


@dataclass
class Report:
    """Counts of outcomes for a batch; `summary()` is the line the CLI prints."""

    counts: Counter[str] = field(default_factory=Counter)
    interrupted: bool = False

    def add(self, outcome: Outcome) -> None:
        self.counts[outcome.status] += 1

    @property
    def failed(self) -> int:
        return self.counts["failed"]

    def summary(self) -> str:
        parts = ", ".join(f"{self.counts[s]} {s}" for s in ("added", "updated", "unchanged", "failed"))
        total = sum(self.counts.values())
        tail = " (interrupted)" if self.interrupted else ""
        return f"{total} input{'s' if total != 1 else ''}: {parts}{tail}"


@dataclass(frozen=True, slots=True)
class _Task:
    path: str
    data: bytes | None = None  # stdin is read by the writing process


@dataclass(frozen=True, slots=True)
class _Done:
    path: str
    row: Row | None = None
    id: str | None = None  # set alone when the bytes are stored already
    reason: str | None = None


class _TimeLimit(Exception):
    """Raised by the alarm handler when one input takes too long."""


@dataclass
class _WorkerConfig:
    known: frozenset[str] = frozenset()
    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = DEFAULT_TIMEOUT
    ingested_at: str | None = None


_config = _WorkerConfig()


def _init_worker(config: _WorkerConfig) -> None:
    global _config
    _config = config
    # Ctrl-C is handled by the writing process, which stops the pool after its batch.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    raise _TimeLimit


def _work(task: _Task) -> _Done:
    """Read, hash and parse one input (in a worker or in-process)."""
    from .serialize import record_id, sha256_hex

    try:
        data = read_source(task.path, max_bytes=_config.max_bytes).data if task.data is None else task.data
    except InputError as exc:
        return _Done(task.path, reason=exc.reason)
    article_id = record_id(sha256_hex(data))
    if article_id in _config.known:
        return _Done(task.path, id=article_id)
    result = _parse_guarded(data, task.path)
    if isinstance(result, str):
        return _Done(task.path, reason=result)
    return _Done(task.path, row=row_for(replace(result, ingested_at=_config.ingested_at), data))


def _parse_guarded(data: bytes, path: str) -> Article | str:
    """Parse under the time limit; any failure comes back as a one-line reason."""
    from .parse import parse

    try:
        with _time_limit(_config.timeout):
            return parse(data, path)
    except _TimeLimit:
        return f"gave up after {_config.timeout:g} s (see --timeout)"
    except ParseError as exc:
        return exc.reason
    except RecursionError:
        return "document is nested too deeply to parse"
    except MemoryError:
        return "out of memory while parsing"
    except Exception as exc:  # one bad input must never end the batch
        log.debug("unexpected error parsing %s", path, exc_info=True)
        return f"unexpected {type(exc).__name__}: {exc}"


class _time_limit:
    """Raise `_TimeLimit` in the main thread after `seconds` (no-op elsewhere)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.active = (
            seconds > 0
            and hasattr(signal, "setitimer")
            and threading.current_thread() is threading.main_thread()
        )

    def __enter__(self) -> None:
        if self.active:
            self.previous = signal.signal(signal.SIGALRM, _on_alarm)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def __exit__(self, *exc: object) -> None:
        if self.active:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)


def default_jobs() -> int:
    """Worker processes by default: the CPUs this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def utc_now() -> str:
    """The current UTC time in ISO 8601, to the second."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def ingest(
    archive: Archive,
    paths: Iterable[str | InputError],
    *,
    stdin: BinaryIO | None = None,
    jobs: int = 1,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = DEFAULT_TIMEOUT,
    batch_size: int = BATCH_SIZE,
    now: Callable[[], str] = utc_now,
) -> Iterator[Outcome]:
    """Parse and store every input, yielding one `Outcome` per input as it is settled.

    Args:
        archive: where records go.
        paths: file paths or `-`, as `sources.iter_paths` expands them (errors pass through).
        stdin: the binary stream `-` reads.
        jobs: worker processes; 1 parses in this process.
        max_bytes: cap on one input's size after decompression.
        timeout: seconds one input may take to parse (0 = no limit).
        batch_size: records per write transaction.
        now: clock for `ingested_at`.
    """
    config = _WorkerConfig(frozenset(archive.known_ids()), max_bytes, timeout, now())
    early: list[Outcome] = []

    def tasks() -> Iterator[_Task]:
        for item in paths:
            if isinstance(item, InputError):
                early.append(Outcome(item.source, "failed", reason=item.reason))
            elif item == "-":
                try:
                    data = read_source("-", max_bytes=max_bytes, stdin=stdin).data
                except InputError as exc:
                    early.append(Outcome("-", "failed", reason=exc.reason))
                    continue
                yield _Task("-", data)
            else:
                yield _Task(item)

    pool = None
    if jobs > 1:
        context = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
        pool = context.Pool(jobs, initializer=_init_worker, initargs=(config,))
        results: Iterator[_Done] = pool.imap(_work, tasks(), chunksize=CHUNKSIZE)
    else:
        _init_local(config)
        results = map(_work, tasks())

    batch: list[_Done] = []
    started = time.monotonic()
    try:
        for done in results:
            yield from _drain(early)
            if done.reason is not None:
                yield Outcome(done.path, "failed", reason=done.reason)
            elif done.row is None:
                yield Outcome(done.path, "unchanged", id=done.id)
            else:
                batch.append(done)
                if len(batch) >= batch_size or time.monotonic() - started > BATCH_SECONDS:
                    yield from _commit(archive, batch)
                    batch = []
                    started = time.monotonic()
        yield from _commit(archive, batch)
        yield from _drain(early)
    except KeyboardInterrupt:
        # Ctrl-C: what was parsed already still lands, then the caller hears of the stop.
        raise IngestInterrupted(list(_commit(archive, batch))) from None
    finally:
        if pool is not None:
            pool.terminate()


class IngestInterrupted(KeyboardInterrupt):
    """Ctrl-C stopped an ingest; `outcomes` are the inputs committed on the way out."""

    def __init__(self, outcomes: list[Outcome]) -> None:
        super().__init__()
        self.outcomes = outcomes


def _init_local(config: _WorkerConfig) -> None:
    global _config
    _config = config


def _drain(early: list[Outcome]) -> Iterator[Outcome]:
    while early:
        yield early.pop(0)


def _commit(archive: Archive, batch: list[_Done]) -> Iterator[Outcome]:
    if not batch:
        return
    outcomes = []
    try:
        with archive.transaction():
            for done in batch:
                assert done.row is not None
                outcomes.append(Outcome(done.path, archive.put(done.row), id=done.row.id))
    except NewsArchiveError as exc:
        outcomes = [Outcome(d.path, "failed", reason=str(exc)) for d in batch]
    yield from outcomes


def parse_inputs(
    paths: Iterable[str | InputError],
    *,
    stdin: BinaryIO | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = DEFAULT_TIMEOUT,
) -> Iterator[Article | Outcome]:
    """Parse inputs without storing: yields each `Article`, or a failed `Outcome`."""
    _init_local(_WorkerConfig(max_bytes=max_bytes, timeout=timeout))
    for item in paths:
        if isinstance(item, InputError):
            yield Outcome(item.source, "failed", reason=item.reason)
            continue
        try:
            data = read_source(item, max_bytes=max_bytes, stdin=stdin).data
        except InputError as exc:
            yield Outcome(item, "failed", reason=exc.reason)
            continue
        result = _parse_guarded(data, item)
        yield Outcome(item, "failed", reason=result) if isinstance(result, str) else result


ReparseStatus = Literal["changed", "unchanged", "failed"]


@dataclass(frozen=True, slots=True)
class ReparseOutcome:
    """What reparsing did to one stored record."""

    id: str
    path: str
    status: ReparseStatus
    reason: str | None = None


def _reparse_work(item: tuple[str, str, str | None, bytes]) -> tuple[str, str, Article | str]:
    """Parse one stored source again (in a worker or in-process); keeps path and ingested_at."""
    article_id, path, ingested_at, data = item
    result = _parse_guarded(data, path)
    if isinstance(result, str):
        return article_id, path, result
    if result.id != article_id:  # cannot happen while ids hash the bytes; never store a mismatch
        return article_id, path, f"parser gave id {result.id}, expected {article_id}"
    return article_id, path, replace(result, ingested_at=ingested_at)


def reparse(
    archive: Archive,
    *,
    jobs: int = 1,
    timeout: float = DEFAULT_TIMEOUT,
    batch_size: int = BATCH_SIZE,
) -> Iterator[ReparseOutcome]:
    """Rebuild every stored record from its raw source bytes with the current parser.

    Each record keeps its id (same bytes), `source.path` and `ingested_at`. Records are
    rewritten `batch_size` per transaction, and a `changed`/`unchanged` outcome is yielded
    only once its transaction has committed. A record whose source no longer parses keeps
    its stored version and comes back `failed` with the reason.

    Args:
        archive: the archive to rebuild in place.
        jobs: worker processes; 1 parses in this process.
        timeout: seconds one record may take to parse (0 = no limit).
        batch_size: records per write transaction.
    """
    import itertools

    config = _WorkerConfig(timeout=timeout)
    pool = None
    if jobs > 1:
        context = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
        pool = context.Pool(jobs, initializer=_init_worker, initargs=(config,))
    else:
        _init_local(config)
    # Sources are read a batch at a time in this thread (the connection is not shared
    # with the pool's feeder thread), parsed, then written in one transaction.
    sources = archive.iter_sources()
    try:
        while chunk := list(itertools.islice(sources, batch_size)):
            results: Iterable[tuple[str, str, Article | str]]
            if pool is not None:
                results = pool.imap(_reparse_work, chunk, chunksize=CHUNKSIZE)
            else:
                results = map(_reparse_work, chunk)
            batch: list[tuple[str, Article]] = []
            for article_id, path, result in results:
                if isinstance(result, str):
                    yield ReparseOutcome(article_id, path, "failed", reason=result)
                else:
                    batch.append((path, result))
            yield from _replace_batch(archive, batch)
    finally:
        if pool is not None:
            pool.terminate()


def _replace_batch(archive: Archive, batch: list[tuple[str, Article]]) -> Iterator[ReparseOutcome]:
    if not batch:
        return
    statuses: list[ReparseStatus] = []
    with archive.transaction():
        for _, article in batch:
            statuses.append("changed" if archive.replace_record(article) else "unchanged")
    for (path, article), status in zip(batch, statuses, strict=True):
        yield ReparseOutcome(article.id, path, status)
