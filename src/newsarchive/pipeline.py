"""Ingest and reparse: inputs → documents → parsed records → archive, with per-input outcomes.

Shape: the writing process expands the inputs into paths; plain files go to worker processes
(`pool.Pool`, `--jobs`), which read, gunzip, hash and parse each one; a web archive is read
record by record in the writing process's feeder thread (`warc.iter_warc`, streaming) and
each captured page goes to the workers as a document. The writing process stores the
workers' encoded rows in large transactions. An input whose bytes are already stored is not
parsed again, but its place (path, or archive and offset) is remembered.

Invariants: one input's failure, whatever it is, becomes that input's `failed` outcome with
a one-line reason and never ends the batch; an `added`/`updated`/`unchanged` outcome is
reported only after its transaction has committed; a per-input time limit stops a
pathological page; what is not an article (a file the walk does not take, a web-archive
record that is no HTML page, an index page) is `skipped` with its reason, and counted.
Workers may crash or hang: see `pool.py` for what that costs (only the input it was on).
"""

from __future__ import annotations

import gc
import logging
import os
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from types import FrameType
from typing import BinaryIO, Literal

from .errors import InputError, NewsArchiveError, NotAnArticle, ParseError
from .model import Article, Member
from .pool import AHEAD_CHUNKS, CHUNKSIZE, Pool, in_background
from .sources import DEFAULT_MAX_BYTES, Document, Skipped, display_path, read_source, web_archive_kind
from .store import Archive, Place, Row, place_for, row_for

log = logging.getLogger(__name__)
logging.getLogger("newsarchive").addHandler(logging.NullHandler())  # a library logs nowhere by default

Status = Literal["added", "unchanged", "updated", "failed", "skipped"]

# Records per write transaction: large enough that commit cost vanishes, small enough that
# a kill loses little work and a concurrent writer waits well under a second.
BATCH_SIZE = 500
# Longest a parsed record waits before its batch commits, so slow inputs still land steadily.
BATCH_SECONDS = 2.0
DEFAULT_TIMEOUT = 30.0  # seconds one input may take to parse; real pages take milliseconds
# Parsed records that may wait for the writing thread (about 10 KB each for a text article):
# enough to cover an ordinary commit at full speed. Kept small because it does fill, in
# the seconds-long index merges of a large archive, and must not look like growth.
FEED_BUFFER = 512
# Inputs per message for ingest: a text article parses in well under a millisecond, so
# larger chunks than CHUNKSIZE cut the per-message cost; the feeder thread keeps the
# progress bar moving regardless.
INGEST_CHUNKSIZE = 32
# Chunks each worker may have out or waiting when inputs carry their bytes (web-archive pages,
# 8 a chunk): about 4 x 8 x 150 KB = 5 MB per worker for news pages.
DOCUMENT_AHEAD_CHUNKS = 4


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one input (for a web-archive member: its record `offset` and `uri`)."""

    path: str
    status: Status
    id: str | None = None
    reason: str | None = None
    offset: int | None = None
    uri: str | None = None


@dataclass
class Report:
    """Counts of outcomes for a batch; `summary()` is the line the CLI prints."""

    counts: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)
    interrupted: bool = False

    def add(self, outcome: Outcome) -> None:
        self.counts[outcome.status] += 1
        if outcome.status == "skipped":
            self.skipped[outcome.reason or "skipped"] += 1

    @property
    def failed(self) -> int:
        return self.counts["failed"]

    def summary(self) -> str:
        """`12 inputs: 5 added, 0 updated, 4 unchanged, 0 failed (3 skipped: 2 request, 1 not an article file)`."""
        parts = ", ".join(f"{self.counts[s]} {s}" for s in ("added", "updated", "unchanged", "failed"))
        total = sum(self.counts.values())
        skipped = ""
        if self.skipped:
            reasons = ", ".join(f"{n} {reason}" for reason, n in self.skipped.most_common())
            skipped = f" ({self.counts['skipped']} skipped: {reasons})"
        tail = " (interrupted)" if self.interrupted else ""
        return f"{total} input{'s' if total != 1 else ''}: {parts}{skipped}{tail}"


@dataclass(frozen=True, slots=True)
class _Task:
    path: str
    data: bytes | None = None  # stdin and web-archive members are read by the writing process
    member: Member | None = None
    real_path: str | None = None  # for a member: its archive's absolute path, found once

    def __reduce__(self) -> tuple[type[_Task], tuple[object, ...]]:
        return _Task, (self.path, self.data, self.member, self.real_path)


@dataclass(frozen=True, slots=True)
class _Done:
    path: str
    row: Row | None = None
    id: str | None = None  # set alone when the bytes are stored already
    reason: str | None = None
    place: Place | None = None  # where the input was read from, for an input already stored
    skipped: bool = False  # `reason` says why this is not an article
    offset: int | None = None
    uri: str | None = None

    def __reduce__(self) -> tuple[type[_Done], tuple[object, ...]]:
        # Plain constructor arguments: the slots dataclass default pickles slowly (see Row).
        return _Done, (self.path, self.row, self.id, self.reason, self.place, self.skipped, self.offset, self.uri)


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
    # What exists now (modules, the archive's known ids) lives as long as the worker: keep
    # the cyclic collector from walking it again on every full collection (~3% of parsing).
    gc.freeze()


_alarm_armed = False  # a late alarm after the limit is lifted must not raise anywhere


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    if _alarm_armed:
        raise _TimeLimit


def _work(task: _Task) -> _Done:
    """Read, hash and parse one input (in a worker or in-process); never raises."""
    from .serialize import record_id, sha256_hex

    # The label stored and printed: file names that are not UTF-8 cannot go into JSON or SQLite.
    label = display_path(task.path)
    member = task.member
    where = {"offset": member.offset, "uri": member.uri} if member is not None else {}
    try:
        data = read_source(task.path, max_bytes=_config.max_bytes).data if task.data is None else task.data
    except InputError as exc:
        return _Done(label, reason=exc.reason)
    except Exception as exc:  # one bad input must never end the batch
        return _Done(label, reason=f"unexpected {type(exc).__name__} while reading: {exc}")
    place = place_for(task.path, member, real_path=task.real_path)
    article_id = record_id(sha256_hex(data))
    if article_id in _config.known:
        return _Done(label, id=article_id, place=place, **where)  # type: ignore[arg-type]
    result = _parse_guarded(data, label, member)
    if isinstance(result, _Skip):
        return _Done(label, reason=result.reason, skipped=True, **where)  # type: ignore[arg-type]
    if isinstance(result, str):
        return _Done(label, reason=result, **where)  # type: ignore[arg-type]
    result = _note_bad_name(result, label, task.path)
    try:
        row = row_for(result, data, ingested_at=_config.ingested_at, place=place)
        return _Done(label, row=row, **where)  # type: ignore[arg-type]
    except Exception as exc:
        return _Done(label, reason=f"unexpected {type(exc).__name__} encoding the record: {exc}", **where)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class _Skip:
    """A parse that found the input is not an article, and why."""

    reason: str


def _note_bad_name(article: Article, label: str, path: str) -> Article:
    """Warn in the record when its path label differs from the file name (not UTF-8)."""
    if label == path:
        return article
    note = "The file name is not valid UTF-8; source.path shows U+FFFD for the bytes that are not."
    return replace(article, warnings=(*article.warnings, note))


def _lost_task(task: _Task, reason: str) -> _Done:
    """The outcome of a task whose worker died or was stopped while on it."""
    member = task.member
    if member is None:
        return _Done(display_path(task.path), reason=reason)
    return _Done(display_path(task.path), reason=reason, offset=member.offset, uri=member.uri)


def _parse_guarded(data: bytes, path: str, member: Member | None = None) -> Article | str | _Skip:
    """Parse under the time limit; any failure comes back as a one-line reason."""
    from .parse import parse

    try:
        with _time_limit(_config.timeout):
            return parse(data, path) if member is None else parse(data, path, member=member)
    except _TimeLimit:
        return f"gave up after {_config.timeout:g} s (see --timeout)"
    except NotAnArticle as exc:
        return _Skip(exc.reason)
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
    paths: Iterable[str | InputError | Skipped],
    *,
    stdin: BinaryIO | None = None,
    jobs: int = 1,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = DEFAULT_TIMEOUT,
    batch_size: int = BATCH_SIZE,
    now: Callable[[], str] = utc_now,
    stop: Callable[[], bool] | None = None,
    on_result: Callable[[str, int | None], None] | None = None,
) -> Generator[Outcome, None, None]:
    """Parse and store every input, yielding one `Outcome` per input as it is settled.

    A web archive gives one outcome per record (a page, or a skipped or broken record).

    Args:
        archive: where records go.
        paths: file paths or `-`, as `sources.iter_paths` expands them (errors and skipped
            files pass through as `failed` and `skipped` outcomes).
        stdin: the binary stream `-` reads.
        jobs: worker processes; 1 parses in this process.
        max_bytes: cap on one input's (or web-archive record's) size after decompression.
        timeout: seconds one input may take to parse (0 = no limit).
        batch_size: records per write transaction.
        now: clock for `ingested_at`.
        stop: polled between inputs; once it returns true no new input starts, what is
            parsed already is committed, and the iterator ends (the CLI's Ctrl-C).
        on_result: called in this thread with `(path, offset)` as each input's result
            arrives, before it is committed (`offset` is a web-archive record's, else None):
            what a progress bar follows.
    """
    config = _WorkerConfig(frozenset(archive.known_ids()), max_bytes, timeout, now())
    early: list[Outcome] = []
    paths = paths_seen = list(paths)

    def tasks() -> Iterator[_Task]:
        for item in paths:
            if stop is not None and stop():
                return
            if isinstance(item, InputError):
                early.append(Outcome(display_path(item.source), "failed", reason=item.reason))
            elif isinstance(item, Skipped):
                early.append(Outcome(display_path(item.label), "skipped", reason=item.reason))
            elif item == "-":
                from .sources import iter_documents

                yield from _member_tasks(iter_documents("-", max_bytes=max_bytes, stdin=stdin), None, early, stop)
            elif _may_be_web_archive(item) and web_archive_kind(item) is not None:
                from .warc import iter_warc

                label = display_path(item)
                members = iter_warc(item, label=label, max_bytes=max_bytes)
                yield from _member_tasks(members, os.path.realpath(item), early, stop)
            else:
                yield _Task(item)

    pool: Pool[_Task, _Done] | None = None
    results: Iterator[_Done]
    if jobs > 1:
        # Workers start here, in the calling thread, before the feeder thread exists (see pool.py).
        pool = Pool(_work, _lost_task, jobs=jobs, initializer=_init_worker, init_arg=config, timeout=timeout)
        started_pool = pool
        # Pages read from a web archive travel with their bytes: smaller chunks and a shorter
        # look-ahead keep what is in flight to a few MB, whatever the crawl's size.
        carries_bytes = any(isinstance(p, str) and (p == "-" or _may_be_web_archive(p)) for p in paths_seen)
        chunksize = CHUNKSIZE if carries_bytes else INGEST_CHUNKSIZE
        ahead = DOCUMENT_AHEAD_CHUNKS if carries_bytes else AHEAD_CHUNKS
        results = in_background(
            lambda halted: started_pool.map(tasks(), stop=halted, chunksize=chunksize, ahead_chunks=ahead),
            stop,
            FEED_BUFFER,
        )
    else:
        _init_local(config)
        results = map(_work, tasks())

    def settled(outcomes: Iterable[Outcome]) -> Iterator[Outcome]:
        for outcome in outcomes:
            if on_result is not None:
                on_result(outcome.path, outcome.offset)
            yield outcome

    batch: list[_Done] = []
    started = time.monotonic()
    try:
        for done in results:
            yield from settled(_drain(early))
            if done.row is None and (
                done.reason is not None or done.place is None or archive.holds(done.id or "", done.place)
            ):
                # Nothing to write (a failure, a skip, or bytes already stored from this very
                # place, as on a re-ingest): settled now, in input order with its neighbours.
                if on_result is not None:
                    on_result(done.path, done.offset)
                yield _outcome_of(done)
                continue
            if on_result is not None:
                on_result(done.path, done.offset)
            batch.append(done)
            if len(batch) >= batch_size or time.monotonic() - started > BATCH_SECONDS:
                yield from _commit(archive, batch, config.ingested_at)
                batch = []
                started = time.monotonic()
        yield from _commit(archive, batch, config.ingested_at)
        yield from settled(_drain(early))
    except KeyboardInterrupt:
        # Ctrl-C: what was parsed already still lands, then the caller hears of the stop.
        raise IngestInterrupted(list(_commit(archive, batch, config.ingested_at))) from None
    finally:
        close = getattr(results, "close", None)
        if close is not None:
            close()  # stops the workers now, not when the generator is collected
        if pool is not None:
            pool.close()


def _outcome_of(done: _Done) -> Outcome:
    """The outcome of a result that needs no write: failed, skipped, or unchanged from stdin."""
    if done.reason is not None:
        status: Status = "skipped" if done.skipped else "failed"
        return Outcome(done.path, status, reason=done.reason, offset=done.offset, uri=done.uri)
    return Outcome(done.path, "unchanged", id=done.id, offset=done.offset, uri=done.uri)


def _member_tasks(
    items: Iterator[Document | Skipped | InputError],
    real_path: str | None,
    early: list[Outcome],
    stop: Callable[[], bool] | None,
) -> Iterator[_Task]:
    """Tasks for documents read here (a web archive's pages, or stdin); skipped and broken
    records become outcomes at once."""
    for item in items:
        if isinstance(item, Document):
            yield _Task(item.label, item.data, item.member, real_path)
        elif isinstance(item, Skipped):
            early.append(Outcome(item.label, "skipped", reason=item.reason, offset=item.offset, uri=item.uri))
        else:
            early.append(Outcome(display_path(item.source), "failed", reason=item.reason))
        if stop is not None and stop():
            return


def _may_be_web_archive(path: str) -> bool:
    """False for names that say "article file" (.txt, .html…): only other files are sniffed.

    Sniffing opens the file, which costs about as much as parsing a small text article;
    web archives are named .warc/.arc (gzipped or not) or have names of their own.
    """
    from .sources import ARTICLE_SUFFIXES

    lower = path.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    return not lower.endswith(ARTICLE_SUFFIXES)


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


def _commit(archive: Archive, batch: list[_Done], seen_at: str | None) -> Iterator[Outcome]:
    """Store `batch` in one transaction; outcomes come back only once it has committed."""
    if not batch:
        return
    try:
        outcomes = _put_all(archive, batch, seen_at)
    except Exception as exc:
        if _archive_wide(exc):
            # The archive itself refused (locked past the busy timeout, disk full, damaged).
            outcomes = [
                Outcome(d.path, "failed", reason=str(exc), offset=d.offset, uri=d.uri) for d in batch
            ]
        else:
            # One row the database will not take must not cost the others: one at a time.
            outcomes = []
            for done in batch:
                try:
                    outcomes.extend(_put_all(archive, [done], seen_at))
                except Exception as one:
                    outcomes.append(
                        Outcome(done.path, "failed", reason=f"could not be stored ({one})", offset=done.offset,
                                uri=done.uri)
                    )  # fmt: skip
    yield from outcomes


def _put_all(archive: Archive, batch: list[_Done], seen_at: str | None) -> list[Outcome]:
    rows = [d.row for d in batch if d.row is not None]
    seen = [(d.id, d.place) for d in batch if d.row is None and d.id is not None and d.place is not None]
    with archive.transaction():
        # One put_many, not a put per row: no savepoint per row, one index write per batch.
        statuses = iter(archive.put_many(rows))
        moved = iter(archive.remember(seen, seen_at))
    outcomes = []
    for done in batch:
        if done.row is not None:
            status: Status = next(statuses)
            article_id = done.row.id
        else:
            status = "updated" if next(moved) else "unchanged"
            article_id = done.id or ""
        outcomes.append(Outcome(done.path, status, id=article_id, offset=done.offset, uri=done.uri))
    return outcomes


def _archive_wide(exc: Exception) -> bool:
    """True when a failed write is the archive's fault rather than one row's."""
    import sqlite3

    if not isinstance(exc, NewsArchiveError):
        return False
    row_errors = (sqlite3.IntegrityError, sqlite3.InterfaceError, sqlite3.DataError, sqlite3.ProgrammingError)
    return not isinstance(exc.__cause__, row_errors)


def parse_inputs(
    paths: Iterable[str | InputError | Skipped],
    *,
    stdin: BinaryIO | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = DEFAULT_TIMEOUT,
) -> Iterator[Article | Outcome]:
    """Parse inputs without storing: yields each `Article`, or a failed or skipped `Outcome`.

    A web archive gives one item per record, as in `ingest`.
    """
    from .sources import iter_documents

    _init_local(_WorkerConfig(max_bytes=max_bytes, timeout=timeout))
    for item in paths:
        if isinstance(item, InputError):
            yield Outcome(display_path(item.source), "failed", reason=item.reason)
            continue
        if isinstance(item, Skipped):
            yield Outcome(display_path(item.label), "skipped", reason=item.reason)
            continue
        for doc in iter_documents(item, max_bytes=max_bytes, stdin=stdin):
            if isinstance(doc, InputError):
                yield Outcome(display_path(doc.source), "failed", reason=doc.reason)
                continue
            if isinstance(doc, Skipped):
                yield Outcome(doc.label, "skipped", reason=doc.reason, offset=doc.offset, uri=doc.uri)
                continue
            where = (doc.member.offset, doc.member.uri) if doc.member else (None, None)
            result = _parse_guarded(doc.data, doc.label, doc.member)
            if isinstance(result, _Skip):
                yield Outcome(doc.label, "skipped", reason=result.reason, offset=where[0], uri=where[1])
            elif isinstance(result, str):
                yield Outcome(doc.label, "failed", reason=result, offset=where[0], uri=where[1])
            else:
                yield _note_bad_name(result, doc.label, doc.label if item == "-" else item)


def parse_document(
    data: bytes, path: str, *, timeout: float = DEFAULT_TIMEOUT, member: Member | None = None
) -> Article | Skipped | str:
    """Parse one input's bytes exactly as ingest does: the record, a `Skipped`, or a one-line reason.

    For callers that read the bytes themselves (the Spark job): the same path label,
    time limit and failure reasons as `ingest` and `parse`; never raises. `member` is a
    web-archive document's (`Document.member`); a page that is not an article (an index
    page, documentation) comes back as a `Skipped` with the reason ingest counts it under.
    """
    _init_local(_WorkerConfig(timeout=timeout))
    label = display_path(path)
    result = _parse_guarded(data, label, member)
    if isinstance(result, _Skip):
        where = {"offset": member.offset, "uri": member.uri} if member is not None else {}
        return Skipped(label, result.reason, **where)  # type: ignore[arg-type]
    return result if isinstance(result, str) else _note_bad_name(result, label, path)


ReparseStatus = Literal["changed", "unchanged", "failed"]


@dataclass(frozen=True, slots=True)
class ReparseOutcome:
    """What reparsing did to one stored record."""

    id: str
    path: str
    status: ReparseStatus
    reason: str | None = None


SourceItem = tuple[str, str, str | None, bytes, Member | None]


def _reparse_work(item: SourceItem) -> tuple[str, str, Article | str]:
    """Parse one stored source again (in a worker or in-process); keeps path and ingested_at."""
    article_id, path, ingested_at, data, member = item
    result = _parse_guarded(data, path, member)
    if isinstance(result, _Skip):
        return article_id, path, f"{result.reason} (kept as stored; `rm {article_id[:8]}` removes it)"
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
        pool = Pool(_reparse_work, _reparse_lost, jobs=jobs, initializer=_init_worker, init_arg=config, timeout=timeout)
        results = pool.map(archive.iter_sources(), chunksize=CHUNKSIZE)
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


def _reparse_lost(item: SourceItem, reason: str) -> tuple[str, str, Article | str]:
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
