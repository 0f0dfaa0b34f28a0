"""`import`: records back in from `export` output or Parquet, without reparsing.

Accepted inputs, told apart by content: JSON Lines and JSON arrays as `export` writes them
(gzipped or not), and Parquet files as `export --format parquet` and the `spark` job write
them; a folder is searched (sorted) for `.jsonl`, `.ndjson`, `.json` and `.parquet` files,
leaving out names starting with `_` or `.` (Spark's `_SUCCESS`, `_failures/`, `.crc` files).

Invariants: a record is stored exactly as it comes, same id, same JSON text as the archive
it was exported from stored (keys in the record's order, compact); it is checked first
(every record key present, id the start of `source.sha256`) and a record that fails the
check is reported with its file and line (or row) and never stored. A record whose id is
stored already is left as it is, so importing twice is a no-op. Raw sources come along when
the export carries them (`raw_source`), so the archive can `reparse` those records later.

Bulk path: JSON Lines files are cut into slices of about `SLICE_BYTES` at line ends, and
Parquet files into their row groups; worker processes (`pool.Pool`, fed and drained by a
thread of this process) turn each slice into finished rows while this process writes the
previous ones, each slice's as soon as it comes, into transactions of `BATCH_SIZE` rows
(`Archive.importing`) and without search-index rows: those are left pending, listed in
the same transaction, for `Archive.index_pending` (the CLI's `search` and `index`).

Reading: a line (or array element) that is exactly what `export` writes is read in one pass
by msgspec into the record's types and stored as it was read (`_exact_row`); any other goes
the checked way (`_line_row`: `serialize.read_compact`, else the line parsed whole), which
says why a record cannot be imported.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import functools
import gc
import json
import operator
import os
import re
import types
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

import msgspec

from .errors import InputError, StoreError
from .migrations import site_of
from .model import Article
from .parquet import BATCH_ROWS, PARQUET_MAGIC, RAW_SOURCE, iter_parquet
from .serialize import RECORD_KEYS, dumps, is_compact_form, read_compact, record_id, sha256_hex
from .sources import GZIP_MAGIC, gunzip
from .store import NULL_TEXT, Archive, Imported, ImportRow, cjk_columns, compress_source

ImportOutcomeStatus = Literal["added", "unchanged", "failed"]

# Records per write transaction: records arrive ready, so large batches amortise each
# commit (and FTS5 is not involved: the index is built afterwards, see `Archive.index_pending`).
BATCH_SIZE = 5000
# Exports can be far larger than an article; they are read whole only when they are a JSON
# array or gzipped (plain JSON Lines and Parquet are read a slice at a time), so no size cap.
EXPORT_MAX_BYTES = 1 << 62
IMPORT_SUFFIXES = (".jsonl", ".ndjson", ".json", ".parquet")
# Bytes of JSON Lines per worker task: about 2,000 text records, so a task's rows are a few
# MB to pass back while each message carries enough work to be worth sending.
SLICE_BYTES = 8 << 20
# The first slices of a file are smaller (this, then twice as large each time up to
# `SLICE_BYTES`): the writing process waits for the first one before it writes anything.
FIRST_SLICE_BYTES = 1 << 20
# Slices read and waiting for the writer: with `ahead_chunks` out at the workers, enough to
# cover a commit, few enough to keep what is in memory to some tens of MB.
READS_AHEAD = 2
# Inputs smaller than this keep the archive's indexes while they write (`_defers_indexes`):
# a few hundred records, whose index inserts cost less than dropping and building the indexes.
DEFER_INDEXES_MIN_BYTES = 4 << 20
HEAD_BYTES = 64 << 10  # read to tell a JSON Lines file from a JSON array or something else
_KEYS = frozenset(RECORD_KEYS)
_ID_RE = re.compile(r"[0-9a-f]{16}")
# The record's text fields copied into their own columns, in the order `_finish` reads them.
_TEXT_KEYS = ("headline", "summary", "publisher", "date", "ingested_at", "url")
NOT_AN_EXPORT = "not an export (JSON Lines, a JSON array or Parquet)"


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    """What happened to one record (or to a whole file that could not be read)."""

    where: str  # FILE:LINE for JSON Lines, FILE#N (1-based) for arrays and Parquet, FILE alone
    status: ImportOutcomeStatus
    id: str | None = None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Slice:
    """One task of an import: lines `start`-`end` (bytes) of a JSON Lines file, row groups
    `start`-`end` (exclusive) of a Parquet file, a whole JSON array, or a file that cannot be
    imported (`reason`). `first` numbers the first row of a Parquet slice (a slice of lines
    is numbered from 1 by its reader, and the writing process adds the lines before it, so
    listing a file's slices needs no pass over it); `data` holds the lines themselves when
    they were decompressed (or read) by the process listing the slices."""

    path: str
    kind: Literal["lines", "parquet", "array", "failed"]
    start: int = 0
    end: int = 0
    first: int = 1
    data: bytes | None = None
    reason: str | None = None


# One record of a slice: its line (JSON Lines) or position (arrays, Parquet), 1-based, or 0
# for the file as a whole; and its row, or why it cannot be imported. Plain tuples, as they
# cross from the worker processes by pickle (a named tuple costs more to send).
Read = tuple[int, ImportRow | str]
# What a slice gives: the slice itself (without its bytes), its records, and the lines it
# holds (0 for other kinds; -1 when not known: its worker died). A slice of lines numbers
# its records from 1 (see `Slice`).
SliceRead = tuple["Slice", list[Read], int]


def iter_import_files(inputs: Iterable[str]) -> Iterator[str | InputError]:
    """Expand inputs into the files to import: named files as given, folders searched (sorted)."""
    for given in inputs:
        if not os.path.isdir(given):
            if not os.path.exists(given):
                yield InputError(given, "no such file or directory")
            else:
                yield given
            continue
        for folder, subfolders, files in os.walk(given):
            subfolders[:] = sorted(d for d in subfolders if not d.startswith(("_", ".")))
            for name in sorted(files):
                bare = name[:-3] if name.lower().endswith(".gz") else name
                if not name.startswith(("_", ".")) and bare.lower().endswith(IMPORT_SUFFIXES):
                    yield os.path.join(folder, name)


def _error(path: str, exc: OSError) -> InputError:
    return InputError(path, (exc.strerror or str(exc)).lower())


def slices(path: str, *, slice_bytes: int = SLICE_BYTES, keep: bool = False) -> Iterator[Slice]:
    """The tasks of one export file (one `failed` slice when it cannot be read or is no export).

    Listing a plain JSON Lines file reads only the line end after each cut, unless `keep`:
    then it reads the slices and keeps their bytes (when this process reads the slices
    itself), so they are not read again.
    """
    try:
        with open(path, "rb") as handle:
            head = handle.read(HEAD_BYTES)
            size = os.fstat(handle.fileno()).st_size
        if head.startswith(PARQUET_MAGIC):
            yield from _parquet_slices(path)
            return
        data: bytes | None = None
        if head.startswith(GZIP_MAGIC):
            data = gunzip(Path(path).read_bytes(), path, EXPORT_MAX_BYTES)
            head, size = data[:HEAD_BYTES], len(data)
        start = head.removeprefix(b"\xef\xbb\xbf").lstrip()[:1]  # past a byte-order mark
        if start == b"[":
            yield Slice(path, "array", data=data)
        elif start != b"{":
            yield Slice(path, "failed", reason=NOT_AN_EXPORT)
        else:
            yield from _line_slices(path, data, size, slice_bytes, keep)
    except OSError as exc:
        yield Slice(path, "failed", reason=_error(path, exc).reason)
    except InputError as exc:
        yield Slice(path, "failed", reason=exc.reason)


def _array(path: str, data: bytes | None) -> list[Read]:
    try:
        if data is None:
            data = Path(path).read_bytes()
        exact = _exact_array(data.removeprefix(b"\xef\xbb\xbf"))  # past a byte-order mark
        if exact is not None:
            return exact
        text = _decode(data, path)
        array = json.loads(text)
    except OSError as exc:
        return [(0, _error(path, exc).reason)]
    except InputError as exc:
        return [(0, exc.reason)]
    except json.JSONDecodeError as exc:
        return [(0, f"not a valid JSON array ({exc})")]
    suspect = _SURROGATE_ESCAPE in text or _SURROGATE_ESCAPE_UPPER in text
    return [
        (number, ((suspect and _unpaired_surrogate(item)) or _row(item)) if isinstance(item, dict)
         else "not a JSON object")
        for number, item in enumerate(array, start=1)
    ]  # fmt: skip


def _exact_array(data: bytes) -> list[Read] | None:
    """The rows of a JSON array of records, each element read as `_exact_row` reads a line
    (and any other element parsed alone and checked as `_array` checks it); None when the
    array is not one msgspec reads, or an element is not JSON (`_array` then reads it whole
    and says why)."""
    try:
        items = _decode_elements(data)
    except msgspec.DecodeError:
        return None
    read: list[Read] = []
    for number, item in enumerate(items, start=1):
        raw = bytes(item)
        row: ImportRow | str | None = _exact_row(raw)
        if row is None:
            try:
                text = raw.decode("utf-8")
                value = json.loads(text)
            except (UnicodeDecodeError, json.JSONDecodeError):
                return None
            if not isinstance(value, dict):
                row = "not a JSON object"
            else:
                suspect = _SURROGATE_ESCAPE in text or _SURROGATE_ESCAPE_UPPER in text
                row = (suspect and _unpaired_surrogate(value)) or _row(value)
        read.append((number, row))
    return read


def _line_slices(path: str, data: bytes | None, size: int, slice_bytes: int, keep: bool) -> Iterator[Slice]:
    """Slices of whole lines, each about `slice_bytes` (the first ones smaller, see `FIRST_SLICE_BYTES`)."""
    start = 0
    step = min(slice_bytes, FIRST_SLICE_BYTES)
    handle = open(path, "rb") if data is None else None
    try:
        while start < size:
            end = min(size, start + step)
            step = min(slice_bytes, 2 * step)
            if data is not None:
                cut = data.find(b"\n", end - 1) if end < size else -1
                end = size if cut < 0 else cut + 1
                chunk = data[start:end]
            elif keep:
                assert handle is not None
                handle.seek(start)
                chunk = handle.read(end - start)
                if end < size:
                    chunk += handle.readline()
                end = start + len(chunk)
            else:  # the reader reads the slice: here only the rest of the line cut at `end`
                assert handle is not None
                if end < size:
                    handle.seek(end - 1)
                    end += len(handle.readline()) - 1
                chunk = None
            yield Slice(path, "lines", start, end, data=chunk)
            start = end
    finally:
        if handle is not None:
            handle.close()


def _parquet_slices(path: str) -> Iterator[Slice]:
    from .parquet import _pyarrow

    _pyarrow()
    import pyarrow.parquet as pq

    try:
        with pq.ParquetFile(path) as parquet:
            sizes = [parquet.metadata.row_group(n).num_rows for n in range(parquet.num_row_groups)]
    except (OSError, ValueError) as exc:  # pyarrow's errors derive from these
        yield Slice(path, "failed", reason=f"cannot read Parquet ({exc})")
        return
    first = 1
    for group, rows in enumerate(sizes):
        yield Slice(path, "parquet", group, group + 1, first)
        first += rows


def read_slice(task: Slice) -> SliceRead:
    """The rows (or reasons) of every record in one slice: the work a worker process does."""
    read, lines = _read(task)
    return (task if task.data is None else replace(task, data=None)), read, lines


def _read(task: Slice) -> tuple[list[Read], int]:
    if task.kind == "failed":
        return [(0, task.reason or "cannot be imported")], 0
    if task.kind == "array":
        return _array(task.path, task.data), 0
    if task.kind == "parquet":
        try:
            return _parquet_read(task), 0
        except (OSError, ValueError) as exc:  # pyarrow's errors derive from these
            return [(0, f"cannot read Parquet ({exc})")], 0
    data = task.data
    if data is None:
        try:
            data = _read_range(task)
        except OSError as exc:
            return [(0, (exc.strerror or str(exc)).lower())], -1
    if task.start == 0 and data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    # Cut into lines as bytes; a line in the archive's own form is read as it stands
    # (`_exact_row`), any other decoded and read as `_line_row` does, so only a line that
    # is not UTF-8 fails for that.
    read: list[Read] = []
    number = 1
    start = 0
    while start < len(data):
        end = data.find(b"\n", start)  # memchr, where `split` tests each byte in a loop
        if end < 0:
            end = len(data)
        raw = data[start:end]
        exact = _exact_row(raw)
        if exact is not None:
            read.append((number, exact))
            number += 1
            start = end + 1
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            read.append((number, f"not UTF-8 text ({exc.reason} at byte {exc.start})"))
        else:
            if line and not line.isspace():
                read.append((number, _line_row(line, raw)))
        number += 1
        start = end + 1
    return read, number - 1


def _parquet_read(task: Slice) -> list[Read]:
    """The rows of a slice of a Parquet file (its row groups `start`-`end`).

    A file with a column for every record key (as `export` and `spark` write them) is read
    column by column, a batch at a time in this thread (the other cores run the other
    readers and the writer), each row's record built in `RECORD_KEYS` order straight from
    the columns; any other file goes through `iter_parquet` and the checks of `_row`. A
    batch whose columns' types hold only what `_ExactRecord` types (`_arrow_fits`) is read
    by `_exact_batch`, without a dict or a type check a row; any other row by row.
    """
    import pyarrow.parquet as pq

    groups = range(task.start, task.end)
    with pq.ParquetFile(task.path) as parquet:
        names = parquet.schema_arrow.names
        if not _KEYS.issubset(names):
            items = iter_parquet(Path(task.path), row_groups=groups)
            return [(number, _row(item)) for number, item in enumerate(items, start=task.first)]
        wanted = [*RECORD_KEYS, RAW_SOURCE] if RAW_SOURCE in names else list(RECORD_KEYS)
        read: list[Read] = []
        number = task.first
        for batch in parquet.iter_batches(batch_size=BATCH_ROWS, row_groups=groups, columns=wanted,
                                          use_threads=False):  # fmt: skip
            exact = all(_arrow_fits(batch.column(name), _EXACT_TYPES[name]) for name in RECORD_KEYS)
            columns = [batch.column(name).to_pylist() for name in RECORD_KEYS]
            raws = batch.column(RAW_SOURCE).to_pylist() if RAW_SOURCE in names else None
            if exact:
                read.extend(_exact_batch(columns, raws, number))
            else:
                for offset, values in enumerate(zip(*columns, strict=True)):
                    record = dict(zip(RECORD_KEYS, values, strict=True))
                    raw = b"" if raws is None else _raw_bytes(raws[offset])
                    row = raw if isinstance(raw, str) else _finish(record, _exact_text(record), record["body"], raw)
                    read.append((number + offset, row))
            number += batch.num_rows
        return read


def _arrow_fits(array: Any, kind: Any) -> bool:
    """True when every value of the Arrow array `array`, as `to_pylist` gives it, is one that
    `msgspec.convert` accepts as `kind` (a type of `_ExactRecord`, see `_strict`): checked on
    the array's type and null counts (and a `Literal`'s values), not value by value. False
    whenever that cannot be told so (the batch is then checked row by row, as any other)."""
    import pyarrow as pa

    nullable = False
    if get_origin(kind) in (Union, types.UnionType):
        options = [arg for arg in get_args(kind) if arg is not type(None)]
        if len(options) != 1:
            return False
        kind, nullable = options[0], True
    if not nullable and array.null_count:
        return False
    kind_of = array.type
    if kind is str:
        return bool(pa.types.is_string(kind_of) or pa.types.is_large_string(kind_of))
    if kind is int:
        return bool(pa.types.is_integer(kind_of))
    if get_origin(kind) is Literal:
        # In Python (a few short values a record): pyarrow.compute costs a worker tens of ms to load.
        return bool(pa.types.is_string(kind_of)) and set(array.to_pylist()) <= {None, *get_args(kind)}
    if get_origin(kind) is tuple:
        item, rest = get_args(kind)
        # `values`: every item of the lists and maybe more (those of a slice's other rows, or
        # under a null list), so a check of them holds for the lists' items; `flatten` would
        # load pyarrow.compute (tens of ms in each worker).
        return rest is Ellipsis and (pa.types.is_list(kind_of) or pa.types.is_large_list(kind_of)) and _arrow_fits(
            array.values, item
        )
    fields = getattr(kind, "__struct_fields__", None)
    if fields is None or not pa.types.is_struct(kind_of):
        return False
    names = [kind_of.field(n).name for n in range(kind_of.num_fields)]
    if sorted(names) != sorted(fields):
        return False
    hints = _struct_hints(kind)
    for name, child in zip(names, array.flatten(), strict=True):
        # A child is null wherever its struct is; a required field may be null only there.
        wanted = hints[name]
        if child.null_count > array.null_count and not _nullable(wanted):
            return False
        if not _arrow_fits(child, wanted if _nullable(wanted) else wanted | None):
            return False
    return True


@functools.cache
def _struct_hints(kind: Any) -> dict[str, Any]:
    return get_type_hints(kind)


def _nullable(kind: Any) -> bool:
    return get_origin(kind) in (Union, types.UnionType) and type(None) in get_args(kind)


def _exact_batch(columns: list[list[Any]], raws: list[Any] | None, number: int) -> Iterator[Read]:
    """The rows of a Parquet batch whose every value `_arrow_fits` its type (`_finish`'s rows,
    built without a dict or a check a row): each record's JSON written by msgspec from a
    `_ExactRecord` holding the row's values as they are, as `_exact_text` writes the dict of
    them; a record `_finish` would refuse goes through it, for its reason."""
    for offset, values in enumerate(zip(*columns, strict=True)):
        record: Any = _ExactRecord(*values)
        raw = b"" if raws is None else _raw_bytes(raws[offset])
        source = record.source
        article_id = record.id
        sha = source["sha256"]
        if isinstance(raw, str):
            yield number + offset, raw
            continue
        if not _ID_RE.fullmatch(article_id) or record_id(sha) != article_id or (raw and sha256_hex(raw) != sha):
            whole = dict(zip(RECORD_KEYS, values, strict=True))
            yield number + offset, _finish(whole, None, record.body, raw)
            continue
        seen = record.ingested_at
        columns_of = _columns(
            article_id, source, record.headline, record.summary, record.publisher, record.date, record.word_count,
            seen, bytearray(_encode_exact(record)), record.body, record.url,
        )  # fmt: skip
        yield number + offset, (article_id, columns_of, compress_source(raw) if raw else b"", _place(source, seen))


def _read_range(task: Slice) -> bytes:
    with open(task.path, "rb") as handle:
        handle.seek(task.start)
        return handle.read(task.end - task.start)


def _count_range(task: Slice) -> int:
    """The lines of a slice whose reader died (counted here, to number the slices after it)."""
    try:
        data = task.data if task.data is not None else _read_range(task)
    except OSError:
        return 0
    return _count_lines(data) + (not data.endswith(b"\n") and bool(data))


def _count_lines(data: bytes) -> int:
    """The line ends in `data` (as `data.count(b"\n")`, by memchr rather than a byte-by-byte loop)."""
    count = 0
    at = data.find(b"\n")
    while at >= 0:
        count += 1
        at = data.find(b"\n", at + 1)
    return count


def _decode(data: bytes, path: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc


def record_row(record: dict[str, Any], text: str | None = None) -> Imported | str:
    """The store row for an exported record, or why it cannot be imported (a one-line reason).

    `text` is the record's JSON as read: it is stored as it is when it is exactly the
    archive's own form of the record (compact, keys in `RECORD_KEYS` order, as `export`
    writes it), which `serialize.is_compact_form` checks byte for byte; otherwise the
    record is stored in that form.
    """
    row = _row(record, text)
    return row if isinstance(row, str) else Imported(*row)


def _row(record: dict[str, Any], text: str | None = None) -> ImportRow | str:
    """`record_row`, as a plain tuple (see `Read`)."""
    raw = _raw_bytes(record.get(RAW_SOURCE))
    if isinstance(raw, str):
        return raw
    in_order = tuple(record) == RECORD_KEYS
    if not in_order:
        missing = _KEYS.difference(record)
        if missing:
            return f"not a newsarchive record (missing {', '.join(sorted(missing))})"
        extra = set(record).difference(_KEYS, (RAW_SOURCE,))
        if extra:
            return f"not a newsarchive record (unknown keys {', '.join(sorted(extra))})"
    # Keys in the record's own order (a Parquet writer may have ordered them otherwise).
    ordered = record if in_order else {key: record[key] for key in RECORD_KEYS}
    stored = text if text is not None and in_order and is_compact_form(text, record) else None
    return _finish(ordered, stored, ordered.get("body"), raw)


def _line_row(line: str, raw: bytes | None = None) -> ImportRow | str:
    """The row of one JSON Lines line (`raw`: its UTF-8 bytes), or why it cannot be imported.

    A line that is the archive's own form of its record (as `export` writes every line) is
    read by `read_compact`, which decodes little more than its short fields, and stored as
    it is: as its bytes when given, which cross to the writing process and into SQLite
    without being encoded again (`Archive.importing` reads them as text). Any other line
    is read whole, checked, and its record stored in that form.
    """
    compact = read_compact(line)  # None for a line with any `\\u` escape but a control character's
    if compact is not None and tuple(compact[0]) == RECORD_KEYS:
        # A bytearray: bytes would cost sqlite3 the adapter lookup `NULL_TEXT` avoids.
        return _finish(compact[0], line if raw is None else bytearray(raw), compact[1], b"")
    suspect = _SURROGATE_ESCAPE in line or _SURROGATE_ESCAPE_UPPER in line
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        return f"not valid JSON ({exc})"
    if not isinstance(item, dict):
        return "not a JSON object"
    return (suspect and _unpaired_surrogate(item)) or _row(item, line)


def _strict(kind: Any) -> Any:
    """The type `kind` with each model dataclass in it (`Source`, `Section`...) replaced by a
    msgspec Struct of the same fields in the same order (the order `to_dict` writes them),
    every field required and no other key allowed."""
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        if kind not in _STRUCTS:
            hints = get_type_hints(kind)
            fields = [(field.name, _strict(hints[field.name])) for field in dataclasses.fields(kind)]
            _STRUCTS[kind] = msgspec.defstruct(f"_Exact{kind.__name__}", fields, forbid_unknown_fields=True)
        return _STRUCTS[kind]
    origin, args = get_origin(kind), get_args(kind)
    if origin is None or origin is Literal:
        return kind
    if origin is Union or origin is types.UnionType:
        return functools.reduce(operator.or_, map(_strict, args))
    return origin[tuple(arg if arg is Ellipsis else _strict(arg) for arg in args)]


_STRUCTS: dict[Any, Any] = {}
# The record as msgspec reads and writes it: the keys of `RECORD_KEYS` in order, each typed
# as `Article` types it, nothing missing and no other key, at any depth.
_ARTICLE_TYPES = get_type_hints(Article)
_ExactRecord = msgspec.defstruct(
    "_ExactRecord", [(key, _strict(_ARTICLE_TYPES[key])) for key in RECORD_KEYS], forbid_unknown_fields=True
)
_EXACT_TYPES = {key: _strict(_ARTICLE_TYPES[key]) for key in RECORD_KEYS}
_decode_exact = msgspec.json.Decoder(_ExactRecord).decode
_decode_elements = msgspec.json.Decoder(list[msgspec.Raw]).decode  # each element's JSON as it stands
_encode_exact = msgspec.json.Encoder().encode


def _exact_text(record: dict[str, Any]) -> bytearray | None:
    """`dumps(record)` as UTF-8 for a record read from Parquet, written by msgspec when the
    record holds only what `_ExactRecord` types (strings, integers, nulls, lists and objects
    of the model's keys: nothing msgspec writes otherwise than `dumps`, such as a float or a
    date); None otherwise. The record itself is written, in its own key order."""
    try:
        msgspec.convert(record, _ExactRecord)
    except msgspec.ValidationError:
        return None
    return bytearray(_encode_exact(record))


def _exact_row(raw: bytes) -> ImportRow | None:
    """The row of a JSON Lines line (its bytes) that is exactly what `export` writes for its
    record, read by msgspec in one pass; None for any other line (or record `_finish` would
    refuse), which `_line_row` then reads and reports.

    msgspec reads the line into the record's types (checking them, the UTF-8, the JSON and
    every key as it goes) and writes it back: a line equal to what it writes is msgspec's
    own compact form of the record, which is byte for byte `serialize.dumps`'s, since both
    write keys in the same order, integers alike and strings with the same escapes (only
    `"`, the backslash and control characters; `\\n` and the like where JSON has them,
    else a lowercase `\\u00XX`; everything else as itself; tested against `dumps` for every
    character class). A line with a float, a surrogate escape, a space, another order, a
    duplicate or missing key, or a value of another type is never equal to it.
    """
    try:
        record: Any = _decode_exact(raw)
    except msgspec.DecodeError:
        return None
    if _encode_exact(record) != raw:
        return None
    source = record.source
    article_id = record.id
    if not _ID_RE.fullmatch(article_id) or record_id(source.sha256) != article_id:
        return None
    headline, summary, publisher, date = record.headline, record.summary, record.publisher, record.date
    seen, url = record.ingested_at, record.url
    seen_text = NULL_TEXT if seen is None else seen
    columns = (
        article_id, source.sha256, source.path, NULL_TEXT if headline is None else headline,
        NULL_TEXT if summary is None else summary, NULL_TEXT if publisher is None else publisher,
        NULL_TEXT if date is None else date, source.format, record.word_count, seen_text,
        bytearray(raw),  # bytes would cost sqlite3 the adapter lookup `NULL_TEXT` avoids
        *(NULL_TEXT if value is None else value for value in cjk_columns(headline, summary, record.body)),
        NULL_TEXT if url is None else url, site_of(url) or NULL_TEXT,
    )  # fmt: skip
    path = source.path
    member = source.member
    if path == "-":
        place = None
    elif member is None:
        place = (path, NULL_TEXT, -1, NULL_TEXT, NULL_TEXT, NULL_TEXT, seen_text)
    else:
        record_of = member.record_id
        place = (path, NULL_TEXT, member.offset, member.uri, member.captured_at,
                 NULL_TEXT if record_of is None else record_of, seen_text)  # fmt: skip
    return article_id, columns, b"", place


_SURROGATE_ESCAPE = "\\ud"
_SURROGATE_ESCAPE_UPPER = "\\uD"


def _unpaired_surrogate(item: dict[str, Any]) -> str | None:
    """Why a record decoded from JSON cannot be stored: a string holding half a UTF-16 pair.

    JSON may escape one half of a surrogate pair alone (`"\\ud800"`); Python decodes it to a
    code point no UTF-8 text holds, which SQLite would refuse for the whole batch. Only
    records whose JSON holds such an escape are checked (`_SURROGATE_ESCAPE`, found by a
    substring search in C for the rest).
    """
    try:
        json.dumps(item, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        return f"not valid Unicode text (an unpaired surrogate \\u{ord(exc.object[exc.start]):04x})"
    return None


def _finish(record: dict[str, Any], stored: str | bytearray | None, body: object, raw: bytes) -> ImportRow | str:
    """The row of a record whose keys are `RECORD_KEYS` in order, once its id is checked.

    `stored` is the record's JSON text (or its UTF-8 bytes) when it is known to be
    `dumps(record)` already (it is written here otherwise); `body` is the record's body
    (`record` may hold a placeholder).
    """
    source = record["source"]
    article_id = record["id"]
    if not isinstance(source, dict) or not isinstance(source.get("sha256"), str):
        return "source.sha256 is missing"
    if not isinstance(article_id, str) or not _ID_RE.fullmatch(article_id):
        return f"id {article_id!r} is not 16 lowercase hex characters"
    if record_id(source["sha256"]) != article_id:
        return f"id {article_id} is not the start of source.sha256"
    if raw and sha256_hex(raw) != source["sha256"]:
        return "raw_source does not hash to source.sha256"
    if type(body) is not str:  # the search index and `list` read it as the article's text
        return "body is not a string"
    try:
        texts = [record[key] for key in _TEXT_KEYS]
        for n, value in enumerate(texts):
            if value is not None and type(value) is not str:
                return f"{_TEXT_KEYS[n]} is not a string"
        headline, summary, publisher, date, ingested_at, url = texts
        columns = _columns(
            article_id, source, headline, summary, publisher, date, record["word_count"], ingested_at,
            dumps(record) if stored is None else stored, str(body), url,
        )  # fmt: skip
        return article_id, columns, compress_source(raw) if raw else b"", _place(source, ingested_at)
    except (KeyError, TypeError, ValueError) as exc:
        return f"not a newsarchive record ({type(exc).__name__}: {exc})"


def _columns(
    article_id: str,
    source: dict[str, Any],
    headline: str | None,
    summary: str | None,
    publisher: str | None,
    date: str | None,
    word_count: object,
    ingested_at: str | None,
    stored: str | bytearray,
    body: str,
    url: str | None,
) -> tuple[object, ...]:
    """The `articles` columns an import writes for a checked record, in the table's order
    (`NULL_TEXT` for a missing text): one home for the row's layout, whichever reading built it."""
    cjk = cjk_columns(headline, summary, body)
    return (
        article_id, source["sha256"], str(source["path"]), _text(headline), _text(summary), _text(publisher),
        _text(date), str(source["format"]), int(word_count), _text(ingested_at), stored,  # type: ignore[call-overload]
        *(_text(value) for value in cjk), _text(url), site_of(url) or NULL_TEXT,
    )  # fmt: skip


def _text(value: str | None) -> str | int:
    """A text column's value: `NULL_TEXT` stands for NULL (see store.py)."""
    return NULL_TEXT if value is None else value


def _place(source: dict[str, Any], seen_at: str | None) -> tuple[object, ...] | None:
    """Where an exported record was ingested from, remembered as a location of the import
    (the `locations` values after the id, see `Imported.place`; `NULL_TEXT` for NULL)."""
    path = str(source.get("path", "-"))
    if path == "-":
        return None
    seen = NULL_TEXT if seen_at is None else seen_at
    member = source.get("member")
    if isinstance(member, dict):
        return (path, NULL_TEXT, int(member.get("offset", -1)), *(NULL_TEXT if value is None else value for value in (
            member.get("uri"), member.get("captured_at"), member.get("record_id"))), seen)  # fmt: skip
    return (path, NULL_TEXT, -1, NULL_TEXT, NULL_TEXT, NULL_TEXT, seen)


def _raw_bytes(value: object) -> bytes | str:
    """`raw_source` as bytes: Parquet holds them as binary, JSON as base64 text."""
    if value is None:
        return b""
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        try:
            return base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            return "raw_source is not valid base64"
    return "raw_source is neither base64 text nor bytes"


def _lost(task: Slice, reason: str) -> SliceRead:
    """The result of a slice whose worker died: its reason alone (see `_numbered`)."""
    return replace(task, data=None), [(0, reason)], -1


def _read_in_worker(task: Slice) -> SliceRead:
    """`read_slice` as a worker runs it: named here, so a worker started by `forkserver`
    (a replacement, see pool.py) finds it by reference."""
    return read_slice(task)


def _reader_setup(_: object) -> None:
    """A reading worker (forked with this module loaded) runs without the cyclic garbage
    collector: it makes thousands of small dicts, lists and tuples a slice, none in a cycle
    (each is freed by its count), and the collector's passes over them cost a few percent
    of its reading. It lives only as long as the import, so it also keeps the memory it
    frees (`pool.keep_freed_memory`): reading the 20,000-record JSON Lines export, its
    readers' page faults went from 42,000 to 21,000-24,000 (Parquet: 47,000 to 37,000)."""
    from .pool import keep_freed_memory

    gc.disable()
    keep_freed_memory()


# Reading processes at most: past two, the single writing process is the limit.
MAX_READERS = 2


def default_readers(cpus: int) -> int:
    """Reading processes by default on `cpus` CPUs: one core is left to the writing process,
    and below two spare cores the reading stays in it (`jobs=1`). Readers pay only where a
    core is free for them: on two cores, two readers and the writer contend, and in five runs of
    `benchmarks/import_speed.py` one process imported JSON Lines 1.01-1.49x as fast as two
    readers did, and Parquet 0.89-1.66x."""
    return min(cpus - 1, MAX_READERS) if cpus > 2 else 1


def import_files(
    archive: Archive, paths: Iterable[str | InputError], *, batch_size: int = BATCH_SIZE, jobs: int = 1,
    slice_bytes: int = SLICE_BYTES,
) -> Iterator[ImportOutcome]:  # fmt: skip
    """Store every record in the export files `paths`, yielding an outcome per record.

    Outcomes of stored records come only after their transaction has committed. A file
    that cannot be read as an export is one `failed` outcome; the other files go on. With
    `jobs` > 1 and more than one slice's worth of input, that many worker processes read
    the slices while this process writes. The records stored are left out of the search
    index until `Archive.index_pending` adds them (`Archive.unindexed` counts them).
    """
    listed = list(paths)
    workers = jobs > 1 and _total_size(listed) > slice_bytes
    tasks = (task for path in listed for task in _tasks(path, slice_bytes, keep=not workers))
    reads: Iterator[SliceRead]
    if workers:
        from .pool import Pool, in_background

        _preload_parquet(listed)

        # Workers start here, in the calling thread, before the feeder thread exists (see pool.py).
        pool: Pool[Slice, SliceRead] = Pool(_read_in_worker, _lost, jobs=jobs, initializer=_reader_setup, init_arg=None)
        # One slice per message, and few ahead: each is thousands of records already. A
        # thread feeds and drains the workers (and unpickles their rows) while this one
        # writes (SQLite releases the GIL while it works), so they do not sit idle through
        # each commit.
        reads = in_background(
            lambda halted: pool.map(tasks, stop=halted, chunksize=1, ahead_chunks=2), None, READS_AHEAD
        )
    else:
        reads = map(read_slice, tasks)
    with archive.bulk_import(), _collector_off():
        defer = _defers_indexes(archive, listed)
        if not defer:  # what an interrupted import left, built before anything else (else at the end)
            archive.build_deferred_indexes()
        try:
            yield from _write(archive, _numbered(reads), batch_size, defer_indexes=defer)
        except BaseException:  # closed early, interrupted or failed: what was committed keeps its indexes
            _stop(reads)
            if defer:
                try:
                    archive.build_deferred_indexes()
                except StoreError:
                    pass  # still listed: the next import or index build builds them; the first error is the one
            raise
        _stop(reads)
        if defer:
            archive.build_deferred_indexes()


def _stop(reads: Iterator[SliceRead]) -> None:
    """Stop the readers (their pool and feeding thread), if they are not done already."""
    close = getattr(reads, "close", None)
    if close is not None:
        close()


def _defers_indexes(archive: Archive, paths: list[str | InputError]) -> bool:
    """Whether an import of `paths` leaves the archive's secondary indexes off while it writes
    and builds them once at its end (`Archive.importing`): when its input is at least
    `DEFER_INDEXES_MIN_BYTES` and at least as large as the archive.

    Each row inserted costs a B-tree insert per index (about a third of the writing
    process's SQL for a text record); building an index afterwards reads the whole table
    once and sorts it, about half of that per row of the table. So it pays when the rows
    the import brings are at least as many as those stored, which sizes stand for (the
    input's bytes against the archive's pages); a compressed input counts less than it
    holds, which only makes the choice more careful.
    """
    size = _total_size(paths)
    return size >= DEFER_INDEXES_MIN_BYTES and size >= archive.size_bytes()


@contextmanager
def _collector_off() -> Iterator[None]:
    """The cyclic garbage collector off while an import writes, as it was again afterwards.

    The writing process unpickles thousands of row tuples a slice, none in a cycle (each is
    freed by its count), and the collector's passes over them, triggered by those very
    allocations, took about 2.8 µs a record of the writing process (timed with
    `gc.callbacks` over the 20,000-record import). The caller's code between outcomes runs
    without it too; what it leaves in cycles is collected once the import ends.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _preload_parquet(paths: list[str | InputError]) -> None:
    """Import pyarrow here when a file is named as Parquet, before the workers are forked:
    they inherit it, where each would spend about 0.16 s of CPU importing it (this process
    imports it anyway, to list the row groups)."""
    if any(isinstance(path, str) and path.lower().endswith(".parquet") for path in paths):
        try:
            import pyarrow.parquet  # noqa: F401
        except ImportError:
            pass  # the reading says what to install


def _numbered(reads: Iterable[SliceRead]) -> Iterator[list[tuple[str, ImportRow | str]]]:
    """Each slice's records as `(where, row or reason)`, `where` its FILE:LINE, FILE#N or FILE."""
    before = 0  # lines of the file before the slice
    for task, read, lines in reads:
        path = task.path
        if task.kind == "lines":
            mark = ":"
            if task.start == 0:
                before = 0
            base = before
            before += lines if lines >= 0 else _count_range(task)
        else:
            mark, base = "#", 0
        if lines < 0:  # the slice's worker died: one failure naming where the slice starts
            unit, first = ("line", base + 1) if task.kind == "lines" else ("row", task.first)
            read = [(0, f"records from {unit} {first} on were not read ({read[0][1]})")]
        yield [(f"{path}{mark}{base + number}" if number else path, row) for number, row in read]


def _write(
    archive: Archive, pieces: Iterator[list[tuple[str, ImportRow | str]]], batch_size: int, *,
    defer_indexes: bool = False,
) -> Iterator[ImportOutcome]:  # fmt: skip
    """Store the rows of `pieces` in transactions of `batch_size` rows, an outcome per record.

    A transaction opens at the first row after the last commit, and each piece's rows are
    written as soon as the piece comes (while the readers read the next ones), not when a
    whole batch has been read; outcomes come in the order read, each stored record's only
    once its transaction has committed, and nothing is yielded while one is open. With
    `defer_indexes` the first transaction drops the secondary indexes (`Archive.importing`);
    the caller builds them again.
    """
    rest: list[tuple[str, ImportRow | str]] = []  # what is left of the current piece, from `at` on
    at = 0
    while True:
        while at == len(rest) or isinstance(rest[at][1], str):  # failures before the next row: at once
            if at < len(rest):
                where, reason = rest[at]
                at += 1
                yield ImportOutcome(where, "failed", reason=str(reason))
                continue
            piece = next(pieces, None)
            if piece is None:
                return
            rest, at = piece, 0
        outcomes: list[ImportOutcome] = []
        stored = 0
        with archive.importing(defer_indexes=defer_indexes) as put:
            defer_indexes = False  # the first transaction drops them; they stay off until built
            while True:
                start = at
                rows: list[ImportRow] = []
                while at < len(rest) and stored + len(rows) < batch_size:
                    row = rest[at][1]
                    if not isinstance(row, str):
                        rows.append(row)
                    at += 1
                statuses = iter(put(rows))
                outcomes.extend(
                    ImportOutcome(where, "failed", reason=row) if isinstance(row, str)
                    else ImportOutcome(where, next(statuses), id=row[0])
                    for where, row in rest[start:at]
                )  # fmt: skip
                stored += len(rows)
                if stored >= batch_size:
                    break
                piece = next(pieces, None)
                if piece is None:
                    break
                rest, at = piece, 0
        yield from outcomes


def _tasks(path: str | InputError, slice_bytes: int, *, keep: bool) -> Iterator[Slice]:
    if isinstance(path, InputError):
        yield Slice(path.source, "failed", reason=path.reason)
    else:
        yield from slices(path, slice_bytes=slice_bytes, keep=keep)


def _total_size(paths: list[str | InputError]) -> int:
    total = 0
    for path in paths:
        if isinstance(path, str):
            try:
                total += os.path.getsize(path)
            except OSError:
                pass  # reading it reports why
    return total
