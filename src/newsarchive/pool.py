"""A process pool for parsing: `map` over worker processes that may crash, hang or be killed.

Contract (what `Pool.map` guarantees, and tests pin):
- Results come back in input order, one per item, whatever happens to the workers.
- A worker that dies (a crash in C code, the OOM killer, `kill -9`) costs only the item it was
  running: that item's result is `lost(item, reason)`, the rest of its chunk runs again, and
  a fresh worker takes its place. A worker that dies between items costs nothing (its chunk
  is retried once).
- A worker still on one item `timeout + KILL_GRACE` seconds after it started it (code that
  never returns to Python, where the in-worker alarm cannot reach) is killed and handled as
  above, with a "gave up after" reason.
- `stop()` turning true (the CLI's first Ctrl-C): no new item starts, the running ones are
  abandoned, and the results already finished still come back. Workers ignore SIGINT; the
  process that owns the pool decides what Ctrl-C means. Closing the iterator (or `close()`)
  kills and reaps every worker before it returns; a worker whose parent is gone exits.
- Start methods: workers are forked only while the calling process has a single thread
  (fork is fast, and the children inherit the parser already imported). The ingest pipeline
  builds its pool in the main thread before its feeder thread starts; a worker needed after
  that (a replacement) starts through `forkserver`, never by forking a process that runs
  other threads, since a child forked then can inherit a lock another thread held and hang.

Why not a library pool: `concurrent.futures.ProcessPoolExecutor` breaks the whole pool when
one worker dies, and has no per-task time limit. pebble's `ProcessPool` has both, but it
sends one task per message and runs one task per future: at ingest's rates (thousands of
small inputs a second) the per-task cost is the ingest's, and its timeout counts from when a
task is scheduled rather than when it starts. This pool sends chunks (`chunksize`) and
times each item from its own start, shared with the parent through a small shared array.
"""

from __future__ import annotations

import io
import itertools
import multiprocessing
import os
import pickle
import signal
import struct
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

CHUNKSIZE = 8  # items per message to a worker: amortises IPC without starving progress
# How long past the time limit a worker may run before it is killed. The alarm inside the
# worker normally ends a slow parse on time; this catches code that never returns to Python
# (a loop in C), and reading, which the alarm does not cover.
KILL_GRACE = 2.0
POLL_SECONDS = 0.5  # how often the owning process checks on workers while it waits
# Items handed out ahead of the oldest unfinished one: bounds memory held for in-order output.
AHEAD_CHUNKS = 16
STOP_WAIT_SECONDS = 10.0  # longest `in_background` waits for its thread to end


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
    initializer: Callable[[Any], None],
    init_arg: Any,
    func: Callable[[Any], Any],
    lost: Callable[[Any, str], Any],
    parent: int,
) -> None:
    """A worker's loop: receive a chunk, run `func` on each item, send the results back.

    Before each item it records the item's position and start time in shared memory, so the
    owning process can tell which item was running if this process dies or overruns.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the owning process's to handle
    initializer(init_arg)
    while True:
        while not conn.poll(POLL_SECONDS):
            if os.getppid() != parent:
                return  # the owning process is gone (killed): nobody wants our results
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
            message = pickled(results)
        except Exception as exc:  # a result that cannot be pickled
            message = pickle.dumps([lost(item, f"result could not be passed back ({exc})") for item in chunk])
        try:
            conn.send_bytes(message)
        except (EOFError, OSError):
            return


# glibc's `mallopt` parameters (malloc.h) and the values a worker sets (`keep_freed_memory`).
M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
WORKER_MMAP_THRESHOLD = 32 << 20  # glibc's largest on 64-bit systems
WORKER_TRIM_THRESHOLD = 1 << 30


def keep_freed_memory() -> bool:
    """In a worker process, have glibc's malloc keep what is freed for the next allocation
    rather than give it back to the system; False where that cannot be set (another C
    library, or none found).

    A worker builds a slice's results (megabytes of rows) and their pickle, sends them and
    frees them all, slice after slice. By default glibc serves blocks of 128 KB and more
    with their own `mmap` and unmaps them when freed, and returns the top of the heap past
    128 KB: every slice then faulted its memory in again from the kernel, page by page
    (about two faults a record on `import`'s JSON Lines slices, half of its readers' page
    faults). A worker lives only as long as the job, so holding its peak is cheap. Only ever
    called in a worker: the owning process's allocator is its host's to set.
    """
    import ctypes
    import ctypes.util
    import platform

    if platform.libc_ver()[0] != "glibc":
        return False
    try:
        mallopt = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mapped = mallopt(M_MMAP_THRESHOLD, WORKER_MMAP_THRESHOLD)
    return bool(mapped) and bool(mallopt(M_TRIM_THRESHOLD, WORKER_TRIM_THRESHOLD))


def pickled(results: list[Any]) -> bytes | memoryview:
    """`results` pickled (protocol 5) for the pipe, without the pickler's memo where it can.

    The memo records every object written, so that an object met twice is written once and
    a cycle ends: a dict entry for each string, tuple and buffer of every row. On `import`'s
    slices (1,600 rows of about 25 objects each) keeping it was four fifths of the pickling,
    8.1 against 1.6 µs a record. Workers' results are values (rows of strings, numbers,
    bytes and tuples, nothing shared by identity that the other side relies on), so an
    object met twice may come back as two equal copies. Fast mode refuses a cycle (pickle
    raises ValueError once nesting is deep enough to look for one, RecursionError at worst);
    such results are pickled the usual way.
    """
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True
    try:
        pickler.dump(results)
    except (ValueError, RecursionError):
        return pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL)
    return buffer.getbuffer()


def death_reason(exitcode: int | None) -> str:
    """A one-line reason for a worker that ended with `exitcode`."""
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        return f"the parsing process was killed by {name}"
    return f"the parsing process exited unexpectedly (status {exitcode})"


# Modules a forkserver imports once, so each worker it starts has the parser loaded already.
FORKSERVER_PRELOAD = ["newsarchive.pipeline", "newsarchive.parse.html", "newsarchive.parse.text"]


_feeders = 0  # `in_background` threads running now: no fork while there is one


def _context() -> Any:
    """fork while no feeder thread runs (Linux), else forkserver (or the platform's default).

    Threads other code started (a JVM gateway, say) are not ours to stop; they take no lock
    a worker needs, as parsing uses none, so fork stays safe while only they run.
    """
    if sys.platform == "linux":
        if not _feeders and threading.current_thread() is threading.main_thread():
            return multiprocessing.get_context("fork")
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(FORKSERVER_PRELOAD)
        return context
    return multiprocessing.get_context()


class Pool(Generic[T, R]):
    """`jobs` worker processes running `func`, started when the pool is made (see the module doc).

    Args:
        func: module-level function run on each item; it should guard itself and return a
            result for bad input rather than raise.
        lost: module-level `(item, reason) -> result` for an item whose worker died or overran.
        jobs: worker processes.
        initializer: module-level function each worker runs once, with `init_arg`.
        init_arg: picklable configuration for `initializer`.
        timeout: seconds one item may take before its worker is killed (plus `KILL_GRACE`);
            0 for no limit.
    """

    def __init__(
        self,
        func: Callable[[T], R],
        lost: Callable[[T, str], R],
        *,
        jobs: int,
        initializer: Callable[[Any], None],
        init_arg: Any,
        timeout: float = 0.0,
    ) -> None:
        self.func = func
        self.lost = lost
        self.initializer = initializer
        self.init_arg = init_arg
        self.timeout = timeout
        context = _context()
        # Per worker: when its current item started (0.0 when idle) and its place in the chunk.
        self.clocks = context.RawArray("d", jobs)
        self.positions = context.RawArray("i", jobs)
        self.parent = os.getpid()
        self._buffer = bytearray()  # see `_receive`
        self.slots: list[_Slot[T]] = []
        try:
            for index in range(jobs):
                self.slots.append(self._start(index))
        except BaseException:
            self.close()
            raise

    def _receive(self, conn: Any) -> Any:
        """The next results a worker sent (`send_bytes` of their pickle), read into one buffer
        kept for the pool's life.

        `Connection.recv` reads a message in pieces, each into a new bytes object of the
        whole message's size, joins them, and unpickles a copy: several copies and fresh
        pages for every message, which on `import`'s slices of several MB a message cost the
        writing process a tenth of its time. Here a message is read straight into the buffer
        (`os.readv`), in the framing `Connection.send_bytes` writes, and unpickled from it.
        """
        if not hasattr(os, "readv"):  # Windows: its pipes are no file descriptors
            return pickle.loads(conn.recv_bytes())
        fd = conn.fileno()
        (size,) = struct.unpack("!i", self._read(fd, 4))
        if size == -1:  # a message of 2 GiB or more: its size follows on 8 bytes
            (size,) = struct.unpack("!Q", self._read(fd, 8))
        return pickle.loads(self._read(fd, size))

    def _read(self, fd: int, size: int) -> memoryview:
        if len(self._buffer) < size:
            self._buffer = bytearray(size)
        view = memoryview(self._buffer)[:size]
        done = 0
        while done < size:
            got = os.readv(fd, [view[done:]])
            if not got:
                raise EOFError("the worker's connection closed mid-message")
            done += got
        return view

    def _start(self, index: int) -> _Slot[T]:
        import warnings

        context = _context()
        mine, theirs = multiprocessing.Pipe()
        process = context.Process(
            target=_worker_main,
            args=(theirs, index, self.clocks, self.positions, self.initializer, self.init_arg,
                  self.func, self.lost, self.parent),
            daemon=True,
        )  # fmt: skip
        with warnings.catch_warnings():
            # Python 3.12+ warns on fork() whenever any other thread exists; ours never do
            # then (see `_context`), and other code's take no lock a parsing worker needs.
            warnings.filterwarnings("ignore", message=r".*multi-threaded.*fork", category=DeprecationWarning)
            process.start()
        theirs.close()
        return _Slot(index, process, mine)

    def close(self) -> None:
        """Kill and reap every worker (idempotent)."""
        for slot in self.slots:
            if slot.process.is_alive():
                slot.process.kill()
        for slot in self.slots:
            slot.process.join()
            slot.conn.close()
        self.slots = []

    def map(
        self,
        items: Iterable[T],
        *,
        stop: Callable[[], bool] | None = None,
        chunksize: int = CHUNKSIZE,
        ahead_chunks: int = AHEAD_CHUNKS,
    ) -> Iterator[R]:
        """`map(func, items)` over the workers, results in input order; closes the pool at the end.

        Chunks start at `CHUNKSIZE` items and grow towards `chunksize` as items go out, so a
        small batch stays balanced across workers and a large one pays less per message. At
        most `ahead_chunks * chunksize` items per worker are out or waiting to be yielded:
        what bounds memory when items carry their bytes (web-archive pages).
        """
        from multiprocessing.connection import wait

        jobs = len(self.slots)
        limit = self.timeout + KILL_GRACE if self.timeout > 0 else None
        slots = self.slots
        clocks, positions, lost = self.clocks, self.positions, self.lost
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
            slots[slot.index] = self._start(slot.index)

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
                    elif not exhausted and next_in - next_out < ahead_chunks * chunksize * jobs:
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
                            results = self._receive(slot.conn)
                        except (EOFError, OSError):
                            results = None
                        if results is not None:
                            first = slot.chunk[0]
                            for offset, result in enumerate(results):
                                finished[first + offset] = result
                            slot.chunk = None
                            continue
                    if not slot.process.is_alive():
                        fail(slot, death_reason(slot.process.exitcode))
                    elif limit is not None and clocks[slot.index] and time.monotonic() - clocks[slot.index] > limit:
                        slot.process.kill()
                        fail(slot, f"gave up after {self.timeout:g} s (see --timeout)")
            for index in sorted(finished):  # after a stop: whatever finished still counts
                yield finished[index]
        finally:
            self.close()


_END = object()


@dataclass(frozen=True, slots=True)
class _Raised:
    exc: BaseException


def in_background(
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

    global _feeders
    thread = threading.Thread(target=run, name="newsarchive-feeder", daemon=True)
    _feeders += 1  # before start: from here on, workers start through forkserver
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
        if not thread.is_alive():
            _feeders -= 1
