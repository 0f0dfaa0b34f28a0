"""Ingest and reparse: inputs → parsed records → archive, with per-input outcomes.

Shape: the writing process expands the inputs into paths, worker processes read, gunzip,
hash and parse each one (`--jobs`), and the writing process stores their encoded rows in
large transactions. An input whose bytes are already stored is not parsed again.

Invariants: one input's failure, whatever it is, becomes that input's `failed` outcome with
a one-line reason and never ends the batch; an `added`/`updated` outcome is reported only
after its transaction has committed; a per-input time limit stops a pathological page.
Workers are plain processes the writing process watches: one that dies (a crash in C code,
the OOM killer) or ignores the time limit fails only the input it was on, and is replaced.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from types import FrameType
from typing import Any, BinaryIO, Generic, Literal, TypeVar

from .errors import InputError, NewsArchiveError, ParseError
from .model import Article
from .sources import DEFAULT_MAX_BYTES, display_path, read_source
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
# How long past the time limit a worker may run before it is killed. The alarm inside the
# worker normally ends a slow parse on time; this catches code that never returns to Python
# (a loop in C), and reading, which the alarm does not cover.
KILL_GRACE = 2.0
POLL_SECONDS = 0.5  # how often the writing process checks on workers while it waits
# Inputs parsed ahead of the oldest unfinished one: bounds memory held for in-order output.
AHEAD_CHUNKS = 16
# Parsed records that may wait for the writing thread (about 10 KB each for a text article):
# enough to cover an ordinary commit at full speed. Kept small because it does fill, in
# the seconds-long index merges of a large archive, and must not look like growth.
FEED_BUFFER = 512
# Inputs per message for ingest: a text article parses in well under a millisecond, so
# larger chunks than CHUNKSIZE cut the per-message cost; the feeder thread keeps the
# progress bar moving regardless.
INGEST_CHUNKSIZE = 32
STOP_WAIT_SECONDS = 10.0  # longest a stopped ingest waits for its feeder thread to end


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

    def __reduce__(self) -> tuple[type[_Done], tuple[object, ...]]:
        # Plain constructor arguments: the slots dataclass default pickles slowly (see Row).
        return _Done, (self.path, self.row, self.id, self.reason)


class _TimeLimit(BaseException):
    """Raised by the alarm handler when one input takes too long.

    A BaseException, so a parser's own `except Exception` cannot swallow it.
    """


@dataclass
class _WorkerConfig:
    known: frozenset[str] = frozenset()
    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = DEFAULT_TIMEOUT
    ingested_at: str | None = None


_config = _WorkerConfig()


def _load_parsers() -> None:
    """Import the format parsers now, so their first-use imports never count against a time limit."""
    from .parse import html, text  # noqa: F401


def _init_worker(config: _WorkerConfig) -> None:
    global _config
    _config = config
    _load_parsers()
    # Ctrl-C is handled by the writing process, which stops the pool after its batch.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


_alarm_armed = False  # a late alarm after the limit is lifted must not raise anywhere


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    if _alarm_armed:
        raise _TimeLimit


def _work(task: _Task) -> _Done:
    """Read, hash and parse one input (in a worker or in-process); never raises."""
    from .serialize import record_id, sha256_hex

    # The label stored and printed: file names that are not UTF-8 cannot go into JSON or SQLite.
    label = display_path(task.path)
    try:
        data = read_source(task.path, max_bytes=_config.max_bytes).data if task.data is None else task.data
    except InputError as exc:
        return _Done(label, reason=exc.reason)
    except Exception as exc:  # one bad input must never end the batch
        return _Done(label, reason=f"unexpected {type(exc).__name__} while reading: {exc}")
    article_id = record_id(sha256_hex(data))
    if article_id in _config.known:
        return _Done(label, id=article_id)
    result = _parse_guarded(data, label)
    if isinstance(result, str):
        return _Done(label, reason=result)
    result = _note_bad_name(result, label, task.path)
    try:
        return _Done(label, row=row_for(result, data, ingested_at=_config.ingested_at))
    except Exception as exc:
        return _Done(label, reason=f"unexpected {type(exc).__name__} encoding the record: {exc}")


def _note_bad_name(article: Article, label: str, path: str) -> Article:
    """Warn in the record when its path label differs from the file name (not UTF-8)."""
    if label == path:
        return article
    note = "The file name is not valid UTF-8; source.path shows U+FFFD for the bytes that are not."
    return replace(article, warnings=(*article.warnings, note))


def _lost_task(task: _Task, reason: str) -> _Done:
    """The outcome of a task whose worker died or was stopped while on it."""
    return _Done(display_path(task.path), reason=reason)


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
        global _alarm_armed
        if self.active:
            self.previous = signal.signal(signal.SIGALRM, _on_alarm)
            _alarm_armed = True
            signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def __exit__(self, *exc: object) -> None:
        global _alarm_armed
        if self.active:
            _alarm_armed = False
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)


T = TypeVar("T")
R = TypeVar("R")


@dataclass
class _Slot(Generic[T]):
    """One worker process, its pipe, and the chunk `(first index, items, attempt)` it holds."""

    index: int
    process: Any  # multiprocessing.Process of whichever start method
    conn: Any  # multiprocessing.connection.Connection
    chunk: tuple[int, list[T], int] | None = None


def _worker_main(
    conn: Any,
    index: int,
    clocks: Any,
    positions: Any,
    config: _WorkerConfig,
    func: Callable[[Any], Any],
    lost: Callable[[Any, str], Any],
    parent: int,
) -> None:
    """A worker's loop: receive a chunk, run `func` on each item, send the results back.

    Before each item it records the item's position and start time in shared memory, so the
    writing process can tell which input was running if this process dies or overruns.
    """
    _init_worker(config)
    while True:
        while not conn.poll(POLL_SECONDS):
            if os.getppid() != parent:
                return  # the writing process is gone (killed): nobody wants our results
        try:
            chunk = conn.recv()
        except (EOFError, OSError):
            return
        if chunk is None:
            return
        results = []
        for position, item in enumerate(chunk):
            positions[index] = position
            clocks[index] = time.monotonic()
            try:
                results.append(func(item))
            except Exception as exc:  # func guards itself; this is the last line of defence
                results.append(lost(item, f"unexpected {type(exc).__name__}: {exc}"))
        clocks[index] = 0.0
        positions[index] = len(chunk)
        try:
            conn.send(results)
        except (EOFError, OSError):
            return
        except Exception as exc:  # a result that cannot be pickled
            conn.send([lost(item, f"result could not be passed back ({exc})") for item in chunk])


def _death_reason(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        return f"the parsing process was killed by {name}"
    return f"the parsing process exited unexpectedly (status {exitcode})"


def _parallel_map(
    func: Callable[[T], R],
    items: Iterable[T],
    *,
    jobs: int,
    config: _WorkerConfig,
    lost: Callable[[T, str], R],
    stop: Callable[[], bool] | None = None,
    chunksize: int = CHUNKSIZE,
) -> Iterator[R]:
    """`map(func, items)` over `jobs` worker processes, results in input order.

    A worker that dies, or runs past `config.timeout` plus `KILL_GRACE` on one item (and is
    killed), costs only that item: its result is `lost(item, reason)`, the rest of its chunk
    is run again, and a fresh worker takes its place. `func` and `lost` must be module-level
    functions. When `stop()` turns true, no more items start, running work is abandoned,
    and the results already finished are yielded before returning.
    """
    import itertools
    from multiprocessing.connection import wait

    context = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
    # Per worker: when its current item started (0.0 when idle) and its place in the chunk.
    clocks = context.RawArray("d", jobs)
    positions = context.RawArray("i", jobs)
    parent = os.getpid()

    def start(index: int) -> _Slot[T]:
        mine, theirs = context.Pipe()
        process = context.Process(
            target=_worker_main,
            args=(theirs, index, clocks, positions, config, func, lost, parent),
            daemon=True,
        )
        process.start()
        theirs.close()
        return _Slot(index, process, mine)

    limit = config.timeout + KILL_GRACE if config.timeout > 0 else None
    slots = [start(i) for i in range(jobs)]
    source = iter(items)
    retry: deque[tuple[int, list[T], int]] = deque()
    finished: dict[int, R] = {}
    next_in = next_out = 0
    exhausted = False

    def fail(slot: _Slot[T], reason: str) -> None:
        """Settle the chunk of a worker that died or was killed, and replace the worker."""
        assert slot.chunk is not None
        first, chunk, attempt = slot.chunk
        position = positions[slot.index]
        if 0 <= position < len(chunk):
            finished[first + position] = lost(chunk[position], reason)
            if position:
                retry.append((first, chunk[:position], 0))
            if position + 1 < len(chunk):
                retry.append((first + position + 1, chunk[position + 1 :], 0))
        elif attempt < 1:
            retry.append((first, chunk, attempt + 1))  # died between items: try once more
        else:
            for offset, item in enumerate(chunk):
                finished[first + offset] = lost(item, reason)
        slot.process.join(1)
        slot.conn.close()
        slots[slot.index] = start(slot.index)

    try:
        while True:
            # Yield first: that frees room in the look-ahead window for the dispatch below.
            while next_out in finished:
                yield finished.pop(next_out)
                next_out += 1
            stopping = stop is not None and stop()
            for slot in slots:
                if slot.chunk is not None or stopping:
                    continue
                if retry:
                    slot.chunk = retry.popleft()
                elif not exhausted and next_in - next_out < AHEAD_CHUNKS * chunksize * jobs:
                    # Chunks start at CHUNKSIZE and grow towards `chunksize` as inputs go out:
                    # small batches stay balanced across workers, large ones pay less per message.
                    size = max(1, min(chunksize, max(CHUNKSIZE, next_in // (4 * jobs))))
                    batch = list(itertools.islice(source, size))
                    if not batch:
                        exhausted = True
                        continue
                    slot.chunk = (next_in, batch, 0)
                    next_in += len(batch)
                else:
                    continue
                clocks[slot.index] = 0.0
                positions[slot.index] = -1
                slot.conn.send(slot.chunk[1])
            busy = [slot for slot in slots if slot.chunk is not None]
            if stopping or not busy:
                break
            wait([slot.conn for slot in busy] + [slot.process.sentinel for slot in busy], POLL_SECONDS)
            for slot in busy:
                assert slot.chunk is not None
                if slot.conn.poll():
                    try:
                        results = slot.conn.recv()
                    except (EOFError, OSError):
                        results = None
                    if results is not None:
                        first = slot.chunk[0]
                        for offset, result in enumerate(results):
                            finished[first + offset] = result
                        slot.chunk = None
                        continue
                if not slot.process.is_alive():
                    fail(slot, _death_reason(slot.process.exitcode))
                elif limit is not None and clocks[slot.index] and time.monotonic() - clocks[slot.index] > limit:
                    slot.process.kill()
                    fail(slot, f"gave up after {config.timeout:g} s (see --timeout)")
        for index in sorted(finished):  # after a stop: whatever finished still counts
            yield finished[index]
    finally:
        for slot in slots:
            if slot.process.is_alive():
                slot.process.kill()
        for slot in slots:
            slot.process.join()
            slot.conn.close()


_END = object()


def _in_background(
    make: Callable[[Callable[[], bool]], Iterator[R]], stop: Callable[[], bool] | None, buffered: int
) -> Iterator[R]:
    """Run the iterator `make(stop)` builds in a thread; yield its items here, in order.

    Used so the workers are fed and drained while this thread writes: a batch's commit
    holds the writing thread for a tenth of a second or more, long enough for every worker
    to finish its chunk and sit idle, and SQLite releases the GIL while it works. At most
    `buffered` finished items wait here. Closing this iterator stops the other one (through
    the `stop` it is given) and waits for it to end, so its workers are gone on return;
    an exception in the thread is raised here.
    """
    import queue
    import warnings

    items: queue.Queue[Any] = queue.Queue(buffered)
    closing = threading.Event()

    def halted() -> bool:
        return closing.is_set() or (stop is not None and stop())

    def offer(item: Any) -> bool:
        while not closing.is_set():
            try:
                items.put(item, timeout=POLL_SECONDS)
                return True
            except queue.Full:
                continue
        return False

    def run() -> None:
        with warnings.catch_warnings():
            # Python 3.12+ warns that fork() in a threaded process may deadlock the child
            # on a lock another thread held. Workers only parse, never touch a lock this
            # process's other threads take (SQLite, stdout), and end with os._exit.
            warnings.filterwarnings("ignore", message=r".*multi-threaded.*fork", category=DeprecationWarning)
            source = make(halted)
            try:
                for item in source:
                    if not offer(item):
                        break
            except BaseException as exc:  # handed to the consuming thread, raised there
                offer(_Raised(exc))
            finally:
                close = getattr(source, "close", None)
                if close is not None:
                    close()  # in this thread, which runs it: stops its workers
                offer(_END)

    thread = threading.Thread(target=run, name="newsarchive-feeder", daemon=True)
    thread.start()
    try:
        while (item := items.get()) is not _END:
            if isinstance(item, _Raised):
                raise item.exc
            yield item
    finally:
        closing.set()
        # The thread notices within POLL_SECONDS; only a read of a terminal's stdin could
        # hold it longer, and then it is left to end with the process (it is a daemon).
        thread.join(STOP_WAIT_SECONDS)


@dataclass(frozen=True, slots=True)
class _Raised:
    exc: BaseException


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
    stop: Callable[[], bool] | None = None,
) -> Generator[Outcome, None, None]:
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
        stop: polled between inputs; once it returns true no new input starts, what is
            parsed already is committed, and the iterator ends (the CLI's Ctrl-C).
    """
    config = _WorkerConfig(frozenset(archive.known_ids()), max_bytes, timeout, now())
    early: list[Outcome] = []

    def tasks() -> Iterator[_Task]:
        for item in paths:
            if stop is not None and stop():
                return
            if isinstance(item, InputError):
                early.append(Outcome(display_path(item.source), "failed", reason=item.reason))
            elif item == "-":
                try:
                    data = read_source("-", max_bytes=max_bytes, stdin=stdin).data
                except InputError as exc:
                    early.append(Outcome("-", "failed", reason=exc.reason))
                    continue
                yield _Task("-", data)
            else:
                yield _Task(item)

    results: Iterator[_Done]
    if jobs > 1:
        results = _in_background(
            lambda halted: _parallel_map(
                _work, tasks(), jobs=jobs, config=config, lost=_lost_task, stop=halted, chunksize=INGEST_CHUNKSIZE
            ),
            stop,
            FEED_BUFFER,
        )
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
        close = getattr(results, "close", None)
        if close is not None:
            close()  # stops the workers now, not when the generator is collected


class IngestInterrupted(KeyboardInterrupt):
    """Ctrl-C stopped an ingest; `outcomes` are the inputs committed on the way out."""

    def __init__(self, outcomes: list[Outcome]) -> None:
        super().__init__()
        self.outcomes = outcomes


def _init_local(config: _WorkerConfig) -> None:
    global _config
    _config = config
    _load_parsers()


def _drain(early: list[Outcome]) -> Iterator[Outcome]:
    while early:
        yield early.pop(0)


def _commit(archive: Archive, batch: list[_Done]) -> Iterator[Outcome]:
    """Store `batch` in one transaction; outcomes come back only once it has committed."""
    if not batch:
        return
    try:
        outcomes = _put_all(archive, batch)
    except Exception as exc:
        if _archive_wide(exc):
            # The archive itself refused (locked past the busy timeout, disk full, damaged).
            outcomes = [Outcome(d.path, "failed", reason=str(exc)) for d in batch]
        else:
            # One row the database will not take must not cost the others: one at a time.
            outcomes = []
            for done in batch:
                try:
                    outcomes.extend(_put_all(archive, [done]))
                except Exception as one:
                    outcomes.append(Outcome(done.path, "failed", reason=f"could not be stored ({one})"))
    yield from outcomes


def _put_all(archive: Archive, batch: list[_Done]) -> list[Outcome]:
    rows: list[Row] = []
    for done in batch:
        assert done.row is not None
        rows.append(done.row)
    # One put_many, not a put per row: no savepoint per row, one index write per batch.
    statuses = archive.put_many(rows)
    return [Outcome(d.path, s, id=r.id) for d, r, s in zip(batch, rows, statuses, strict=True)]


def _archive_wide(exc: Exception) -> bool:
    """True when a failed write is the archive's fault rather than one row's."""
    import sqlite3

    if not isinstance(exc, NewsArchiveError):
        return False
    row_errors = (sqlite3.IntegrityError, sqlite3.InterfaceError, sqlite3.DataError, sqlite3.ProgrammingError)
    return not isinstance(exc.__cause__, row_errors)


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
            yield Outcome(display_path(item.source), "failed", reason=item.reason)
            continue
        label = display_path(item)
        try:
            data = read_source(item, max_bytes=max_bytes, stdin=stdin).data
        except InputError as exc:
            yield Outcome(label, "failed", reason=exc.reason)
            continue
        result = _parse_guarded(data, label)
        if isinstance(result, str):
            yield Outcome(label, "failed", reason=result)
        else:
            yield _note_bad_name(result, label, item)


def parse_document(data: bytes, path: str, *, timeout: float = DEFAULT_TIMEOUT) -> Article | str:
    """Parse one input's bytes exactly as ingest does: the record, or a one-line reason.

    For callers that read the bytes themselves (the Spark job): the same path label,
    time limit and failure reasons as `ingest` and `parse`; never raises.
    """
    _init_local(_WorkerConfig(timeout=timeout))
    label = display_path(path)
    result = _parse_guarded(data, label)
    return result if isinstance(result, str) else _note_bad_name(result, label, path)


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
    config = _WorkerConfig(timeout=timeout)
    # Sources are read lazily in this thread, as the workers need them, and each record is
    # rewritten by the batch.
    results: Iterator[tuple[str, str, Article | str]]
    if jobs > 1:
        results = _parallel_map(
            _reparse_work, archive.iter_sources(), jobs=jobs, config=config, lost=_reparse_lost
        )
    else:
        _init_local(config)
        results = map(_reparse_work, archive.iter_sources())
    try:
        batch: list[tuple[str, Article]] = []
        for article_id, path, result in results:
            if isinstance(result, str):
                yield ReparseOutcome(article_id, path, "failed", reason=result)
                continue
            batch.append((path, result))
            if len(batch) >= batch_size:
                yield from _replace_batch(archive, batch)
                batch = []
        yield from _replace_batch(archive, batch)
    finally:
        close = getattr(results, "close", None)
        if close is not None:
            close()


def _reparse_lost(item: tuple[str, str, str | None, bytes], reason: str) -> tuple[str, str, Article | str]:
    """The outcome of a record whose worker died or overran while on it."""
    return item[0], item[1], reason


def _replace_batch(archive: Archive, batch: list[tuple[str, Article]]) -> Iterator[ReparseOutcome]:
    if not batch:
        return
    statuses: list[ReparseStatus] = []
    with archive.transaction():
        for _, article in batch:
            statuses.append("changed" if archive.replace_record(article) else "unchanged")
    for (path, article), status in zip(batch, statuses, strict=True):
        yield ReparseOutcome(article.id, path, status)
