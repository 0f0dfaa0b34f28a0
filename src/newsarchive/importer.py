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
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .errors import InputError
from .migrations import site_of
from .parquet import PARQUET_MAGIC, RAW_SOURCE, iter_parquet
from .serialize import RECORD_KEYS, dumps, record_id, sha256_hex
from .sources import GZIP_MAGIC, gunzip
from .store import Archive, Place, Row, cjk_columns, compress_source

ImportOutcomeStatus = Literal["added", "unchanged", "failed"]

# Records per write transaction: the archive's own ingest batch size is tuned for parsing
# workers; here records arrive ready, so larger batches amortise each commit further.
BATCH_SIZE = 5000
# Exports can be far larger than an article; they are read whole only when they are a JSON
# array (JSON Lines and Parquet stream), so no size cap applies to them.
EXPORT_MAX_BYTES = 1 << 62
IMPORT_SUFFIXES = (".jsonl", ".ndjson", ".json", ".parquet")
_KEYS = frozenset(RECORD_KEYS)
_ID_RE = re.compile(r"[0-9a-f]{16}")


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    """What happened to one record (or to a whole file that could not be read)."""

    where: str  # FILE:LINE for JSON Lines, FILE#N (1-based) for arrays and Parquet, FILE alone
    status: ImportOutcomeStatus
    id: str | None = None
    reason: str | None = None


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


def _records_in(path: str) -> Iterator[tuple[str, dict[str, Any] | str]]:
    """`(where, record dict or why it is not one)` for every record in one export file.

    Raises:
        InputError: the file cannot be read, or is not an export at all.
    """
    try:
        with open(path, "rb") as handle:
            head = handle.read(4)
    except OSError as exc:
        raise InputError(path, (exc.strerror or str(exc)).lower()) from exc
    if head == PARQUET_MAGIC:
        yield from _parquet_records(path)
        return
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(path, (exc.strerror or str(exc)).lower()) from exc
    if data.startswith(GZIP_MAGIC):
        data = gunzip(data, path, EXPORT_MAX_BYTES)
    text = _decode(data, path)
    if text.lstrip().startswith("["):
        try:
            array = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(path, f"not a valid JSON array ({exc})") from exc
        for number, item in enumerate(array, start=1):
            yield f"{path}#{number}", item if isinstance(item, dict) else "not a JSON object"
        return
    if not text.lstrip().startswith("{"):
        raise InputError(path, "not an export (JSON Lines, a JSON array or Parquet)")
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            yield f"{path}:{number}", f"not valid JSON ({exc})"
            continue
        yield f"{path}:{number}", item if isinstance(item, dict) else "not a JSON object"


def _decode(data: bytes, path: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc


def _parquet_records(path: str) -> Iterator[tuple[str, dict[str, Any] | str]]:
    try:
        for number, item in enumerate(iter_parquet(Path(path)), start=1):
            yield f"{path}#{number}", item
    except (OSError, ValueError) as exc:  # pyarrow's errors derive from these
        raise InputError(path, f"cannot read Parquet ({exc})") from exc


def row_from_record(record: dict[str, Any]) -> Row | str:
    """The store row for an exported record, or why it cannot be imported (a one-line reason)."""
    raw = _raw_bytes(record.get(RAW_SOURCE))
    if isinstance(raw, str):
        return raw
    missing = _KEYS.difference(record)
    if missing:
        return f"not a newsarchive record (missing {', '.join(sorted(missing))})"
    extra = set(record).difference(_KEYS, (RAW_SOURCE,))
    if extra:
        return f"not a newsarchive record (unknown keys {', '.join(sorted(extra))})"
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
    # Keys in the record's own order (a Parquet writer may have ordered them otherwise).
    ordered = {key: record[key] for key in RECORD_KEYS}
    try:
        return Row(
            id=article_id,
            sha256=source["sha256"],
            path=str(source["path"]),
            headline=ordered["headline"],
            summary=ordered["summary"],
            publisher=ordered["publisher"],
            date=ordered["date"],
            format=str(source["format"]),
            word_count=int(ordered["word_count"]),
            ingested_at=ordered["ingested_at"],
            record=dumps(ordered),
            raw=compress_source(raw) if raw else b"",
            body=str(ordered["body"]),
            cjk=cjk_columns(ordered["headline"], ordered["summary"], str(ordered["body"])),
            url=ordered["url"],
            site=site_of(ordered["url"]),
            place=_place(source),
        )
    except (KeyError, TypeError, ValueError) as exc:
        return f"not a newsarchive record ({type(exc).__name__}: {exc})"


def _place(source: dict[str, Any]) -> Place | None:
    """Where an exported record was ingested from, remembered as a location of the import."""
    path = str(source.get("path", "-"))
    if path == "-":
        return None
    member = source.get("member")
    if isinstance(member, dict):
        return Place(path, None, int(member.get("offset", -1)), member.get("uri"), member.get("captured_at"),
                     member.get("record_id"))  # fmt: skip
    return Place(path)


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


def import_files(
    archive: Archive, paths: Iterable[str | InputError], *, batch_size: int = BATCH_SIZE
) -> Iterator[ImportOutcome]:
    """Store every record in the export files `paths`, yielding an outcome per record.

    Outcomes of stored records come only after their transaction has committed. A file
    that cannot be read as an export is one `failed` outcome; the other files go on.
    """
    pending: list[tuple[str, Row]] = []
    for path in paths:
        if isinstance(path, InputError):
            yield ImportOutcome(path.source, "failed", reason=path.reason)
            continue
        try:
            for where, item in _records_in(path):
                row = item if isinstance(item, str) else row_from_record(item)
                if isinstance(row, str):
                    yield ImportOutcome(where, "failed", reason=row)
                    continue
                pending.append((where, row))
                if len(pending) >= batch_size:
                    yield from _store(archive, pending)
                    pending = []
        except InputError as exc:
            yield ImportOutcome(path, "failed", reason=exc.reason)
    yield from _store(archive, pending)


def _store(archive: Archive, pending: list[tuple[str, Row]]) -> Iterator[ImportOutcome]:
    if not pending:
        return
    statuses = archive.put_records(row for _, row in pending)
    for (where, row), status in zip(pending, statuses, strict=True):
        yield ImportOutcome(where, status, id=row.id)
