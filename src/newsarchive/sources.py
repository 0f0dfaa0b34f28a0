"""The input boundary: paths, directories, `-` (stdin) and gzip → `RawDocument`s.

Invariants: nothing here parses or stores; every failure to read one input is an
`InputError` naming that input, so a batch can report it and carry on. Directory walks are
sorted (deterministic), skip hidden entries, follow directory symlinks at most once each
(a loop is reported, not followed), and take only article-like file names; a file named on
the command line is always read, whatever its name.
"""

from __future__ import annotations

import os
import stat
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO

from .errors import InputError

# Default cap on one input's size after decompression: far above any real article page
# (the largest page in our corpus is under 2 MB) and low enough that a gzip bomb cannot
# exhaust memory.
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
GZIP_MAGIC = b"\x1f\x8b"
READ_CHUNK = 1 << 16
# File name endings a directory walk takes (files named directly are always read).
ARTICLE_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".shtml")


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One input's bytes (decompressed) and the path label it was given as."""

    path: str
    data: bytes


def _is_article_name(name: str) -> bool:
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    return lower.endswith(ARTICLE_SUFFIXES) or "." not in lower


def iter_paths(inputs: Sequence[str]) -> Iterator[str | InputError]:
    """Expand inputs into file paths (as given, joined below directories), in order.

    Yields an `InputError` in place of a path that is missing or a symlink loop.
    """
    for given in inputs:
        if given == "-":
            yield given
            continue
        try:
            mode = os.stat(given).st_mode
        except OSError as exc:
            yield InputError(given, _os_reason(exc))
            continue
        if stat.S_ISDIR(mode):
            yield from _walk(given)
        else:
            yield given


def _walk(top: str) -> Iterator[str | InputError]:
    seen: set[tuple[int, int]] = set()

    def visit(directory: str) -> Iterator[str | InputError]:
        try:
            info = os.stat(directory)
        except OSError as exc:
            yield InputError(directory, _os_reason(exc))
            return
        key = (info.st_dev, info.st_ino)
        if key in seen:
            yield InputError(directory, "directory symlink loop, not followed")
            return
        seen.add(key)
        try:
            with os.scandir(directory) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            yield InputError(directory, _os_reason(exc))
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = os.path.join(directory, entry.name)
            try:
                is_dir = entry.is_dir(follow_symlinks=True)
            except OSError:
                is_dir = False
            if is_dir:
                yield from visit(path)
            elif _is_article_name(entry.name):
                yield path

    yield from visit(top)


def _os_reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


def read_source(path: str, *, max_bytes: int = DEFAULT_MAX_BYTES, stdin: BinaryIO | None = None) -> RawDocument:
    """Read one input (a file path, or `-` with `stdin`), gunzipping it when it is gzip.

    Raises:
        InputError: the input is missing, unreadable, over `max_bytes`, or a broken gzip.
    """
    try:
        if path == "-":
            if stdin is None:
                raise InputError(path, "no standard input available")
            data = _read_capped(stdin, path, max_bytes)
        else:
            with open(path, "rb") as handle:
                size = os.fstat(handle.fileno()).st_size
                if size > max_bytes:
                    raise InputError(
                        path, f"file is {size:,} bytes, over the {max_bytes:,}-byte limit (see --max-bytes)"
                    )
                data = _read_capped(handle, path, max_bytes)
    except OSError as exc:
        raise InputError(path, _os_reason(exc)) from exc
    if data.startswith(GZIP_MAGIC):
        data = gunzip(data, path, max_bytes)
    return RawDocument(path=path, data=data)


def _read_capped(handle: BinaryIO, path: str, max_bytes: int) -> bytes:
    data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(path, f"input is over the {max_bytes:,}-byte limit (see --max-bytes)")
    return data


def gunzip(data: bytes, path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Decompress gzip `data` (all members), never producing more than `max_bytes`.

    Raises:
        InputError: the stream is truncated or corrupt, or inflates past `max_bytes`.
    """
    out: list[bytes] = []
    total = 0
    rest = data
    while rest:
        inflater = zlib.decompressobj(wbits=31)
        pending = rest
        try:
            # Inflate in bounded steps, so a bomb is stopped after max_bytes + one chunk.
            while not inflater.eof:
                chunk = inflater.decompress(pending, READ_CHUNK)
                pending = inflater.unconsumed_tail
                total += len(chunk)
                if total > max_bytes:
                    raise InputError(path, f"decompresses to over the {max_bytes:,}-byte limit (see --max-bytes)")
                out.append(chunk)
                if not chunk and not pending:
                    break
        except zlib.error as exc:
            raise InputError(path, f"corrupt gzip data ({exc})") from exc
        if not inflater.eof:
            raise InputError(path, "truncated gzip data (the file ends mid-stream)")
        rest = inflater.unused_data.lstrip(b"\x00")
        if rest and not rest.startswith(GZIP_MAGIC):
            break  # trailing garbage after the last member, as gzip(1) tolerates
    return b"".join(out)
