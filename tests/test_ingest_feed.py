"""The ingest hot path: rows cross process boundaries intact, records carry the batch's
ingest time, the feeder thread keeps order, passes errors on and stops its source when the
consumer stops, and a parallel ingest of many files stores each once, in input order."""

from __future__ import annotations

import pickle
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from newsarchive.model import Article, Section, Source
from newsarchive.pipeline import _Done, ingest
from newsarchive.pool import in_background as _in_background
from newsarchive.serialize import record_id, sha256_hex
from newsarchive.sources import iter_paths
from newsarchive.store import Archive, Row, row_for


def article(text: str) -> tuple[Article, bytes]:
    data = text.encode()
    digest = sha256_hex(data)
    made = Article(
        id=record_id(digest),
        source=Source(path="a.txt", sha256=digest, format="text", encoding="utf-8", bytes=len(data)),
        headline="Héadline",
        sections=(Section(paragraphs=(text,)),),
        body=text,
        word_count=len(text.split()),
    )
    return made, data


def test_rows_and_results_survive_pickling_unchanged() -> None:
    made, data = article("zebra crossing")
    row = row_for(made, data, ingested_at="2024-05-01T10:00:00+00:00")
    done = _Done("a.txt", row=row)
    assert pickle.loads(pickle.dumps(done, protocol=pickle.HIGHEST_PROTOCOL)) == done
    assert pickle.loads(pickle.dumps(_Done("b.txt", reason="empty"))) == _Done("b.txt", reason="empty")


def test_row_for_stamps_the_given_ingest_time_in_column_and_json() -> None:
    made, data = article("okapi forest")
    row = row_for(made, data, ingested_at="2024-05-01T10:00:00+00:00")
    assert row.ingested_at == "2024-05-01T10:00:00+00:00"
    assert '"ingested_at":"2024-05-01T10:00:00+00:00"' in row.record
    assert row_for(made, data).ingested_at is None


def _counting(n: int, log: list[str], fail_at: int | None = None) -> Callable[[Callable[[], bool]], Iterator[int]]:
    def make(stop: Callable[[], bool]) -> Iterator[int]:
        try:
            for i in range(n):
                if stop():
                    log.append("stopped")
                    return
                if i == fail_at:
                    raise ValueError("boom")
                yield i
        finally:
            log.append(f"closed in {threading.current_thread().name}")

    return make


def test_feeder_yields_every_item_in_order() -> None:
    log: list[str] = []
    assert list(_in_background(_counting(5000, log), None, 16)) == list(range(5000))
    assert log == ["closed in newsarchive-feeder"]


def test_feeder_raises_the_sources_error_in_the_consumer() -> None:
    log: list[str] = []
    seen = []
    with pytest.raises(ValueError, match="boom"):
        for item in _in_background(_counting(100, log, fail_at=7), None, 4):
            seen.append(item)
    assert seen == list(range(7))


def test_closing_the_feeder_stops_and_closes_its_source() -> None:
    log: list[str] = []
    feed = _in_background(_counting(10**9, log), None, 4)
    assert next(feed) == 0
    started = time.monotonic()
    feed.close()  # type: ignore[attr-defined]
    assert time.monotonic() - started < 5
    assert log[-1] == "closed in newsarchive-feeder"


def test_the_callers_stop_reaches_the_source() -> None:
    log: list[str] = []
    flag = threading.Event()
    got = []
    for item in _in_background(_counting(10**9, log), flag.is_set, 4):
        got.append(item)
        if item == 50:
            flag.set()
    assert got[:51] == list(range(51))
    assert "stopped" in log


def test_parallel_ingest_stores_each_file_once_in_input_order(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(300):
        (folder / f"{i:04d}.txt").write_text(f"Story {i}\n\nParagraph number {i} of the feed test.\n")
    with Archive.open(tmp_path / "a.db") as archive:
        outcomes = list(ingest(archive, iter_paths([str(folder)]), jobs=2))
        assert [Path(o.path).name for o in outcomes] == [f"{i:04d}.txt" for i in range(300)]
        assert {o.status for o in outcomes} == {"added"}
        assert archive.count() == 300
        again = list(ingest(archive, iter_paths([str(folder)]), jobs=2))
    assert {o.status for o in again} == {"unchanged"}


SIZES = [3 << 20, 10, 9 << 20, 0, 1 << 20]  # bytes each worker result holds, by item


def _sized(item: int) -> bytes:
    return bytes([item]) * SIZES[item]


def _never_lost(item: int, reason: str) -> bytes:
    raise AssertionError(f"item {item} lost: {reason}")


def _no_setup(_: object) -> None:
    pass


def test_worker_results_of_several_megabytes_come_back_whole_and_each_its_own() -> None:
    """The pool reads each worker's message straight into one buffer it keeps and unpickles
    it from there: results larger and smaller than the buffer must come back whole, in
    order, and none may change when the buffer is read into again."""
    from newsarchive.pool import Pool

    pool: Pool[int, bytes] = Pool(_sized, _never_lost, jobs=2, initializer=_no_setup, init_arg=None)
    results = list(pool.map(iter(range(len(SIZES))), chunksize=1, ahead_chunks=1))
    assert [len(r) for r in results] == SIZES
    assert all(r == bytes([n]) * SIZES[n] for n, r in enumerate(results))


def test_worker_results_are_pickled_without_the_memo_and_cycles_still_pass() -> None:
    """Workers pickle their results in fast mode (no memo: most of the pickling's cost on
    import's slices); what comes back equals what was sent, and a result holding a cycle,
    which fast mode refuses, is pickled the usual way rather than lost."""
    import pickle

    from newsarchive.pool import pickled

    rows = [(n, ("id", "text", None, 0, bytearray(b"x" * 100)), b"", ("path", 0, -1)) for n in range(50)]
    fast = pickled(rows)
    assert pickle.loads(fast) == rows
    assert len(fast) > len(pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL))  # repeats written again: no memo
    looped: list[object] = [1]
    looped.append(looped)
    back = pickle.loads(pickled([looped]))
    assert back[0][1] is back[0]


def test_rows_pickle_by_value_not_by_field_walk() -> None:
    # Guards the fast path: a Row reduces to its constructor and plain values.
    made, data = article("tapir")
    reduced = row_for(made, data).__reduce__()
    assert reduced[0] is Row and len(reduced[1]) == len(Row.__slots__)


def test_a_file_larger_than_its_reported_size_is_read_whole_and_still_capped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Reads ask for the size fstat reports; a file that grew since (or a special file
    # reporting 0) must still be read to its end, and the cap must still hold.
    import os

    from newsarchive.errors import InputError
    from newsarchive.sources import read_source

    path = tmp_path / "growing.txt"
    path.write_bytes(b"x" * 5000)
    real_fstat = os.fstat

    def shrunk(fd: int) -> os.stat_result:
        values = list(real_fstat(fd))
        values[6] = 10  # st_size
        return os.stat_result(values)

    monkeypatch.setattr(os, "fstat", shrunk)
    assert read_source(str(path)).data == b"x" * 5000
    with pytest.raises(InputError, match="limit"):
        read_source(str(path), max_bytes=4000)
