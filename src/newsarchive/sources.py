"""The input boundary: paths, directories, `-` (stdin) and gzip → documents.

A document (`Document`) is bytes to parse, the label they are known by and their provenance:
a plain file gives one, a web archive (see `warc.py`) one per captured page. `iter_documents`
is the one call that turns any input into its documents; the ingest pipeline uses the pieces
below directly so that worker processes, not the writing process, read plain files.

Invariants: nothing here parses or stores; every failure to read one input is an
`InputError` naming that input, so a batch can report it and carry on. Directory walks are
sorted (deterministic), skip hidden entries, follow directory symlinks at most once each
(a loop is reported, not followed), report FIFOs, sockets and devices instead of opening them,
and take only article-like file names; a file named on the command line is always read,
whatever its name. Walks use an explicit stack, so no directory depth can exhaust recursion.
"""

from __future__ import annotations

import os
import stat
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO

from .errors import InputError
from .model import Member

# Default cap on one input's size after decompression: far above any real article page
# (the largest page in our corpus is under 2 MB) and low enough that a gzip bomb cannot
# exhaust memory.
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
GZIP_MAGIC = b"\x1f\x8b"
READ_CHUNK = 1 << 16
# File name endings a directory walk takes (files named directly are always read).
ARTICLE_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".shtml")
WEB_ARCHIVE_SUFFIXES = (".warc", ".arc")  # each also gzipped (.warc.gz, .arc.gz)
SNIFF_BYTES = 512  # enough of a file's start to tell a web archive, gzipped or not


@dataclass(frozen=True, slots=True)
class Document:
    """One input document: its bytes, the label it is known by, and where it came from.

    `label` is the path as given (`-` for stdin; for a web-archive member, the archive's
    path); `data` the bytes to parse (a file's, decompressed, or a member's HTTP payload);
    `member` is None for a plain file.
    """

    label: str
    data: bytes
    member: Member | None = None


@dataclass(frozen=True, slots=True)
class Skipped:
    """A record (or file) that is not an article, with the short reason it is counted under."""

    label: str
    reason: str
    offset: int | None = None
    uri: str | None = None


@dataclass(frozen=True, slots=True)
class FileRef:
    """A file that exists, as `show`/`rm` see it: its absolute path and the id of its bytes
    (None for a web archive, which holds many records, or a file that cannot be read)."""

    real_path: str
    id: str | None


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One input's bytes (decompressed) and the path label it was given as."""

    path: str
    data: bytes


def _is_article_name(name: str) -> bool:
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    return lower.endswith(ARTICLE_SUFFIXES + WEB_ARCHIVE_SUFFIXES) or "." not in lower


NOT_ARTICLE_FILE = "not an article file"  # the reason a walk gives for a name it does not take


def iter_paths(inputs: Sequence[str]) -> Iterator[str | InputError | Skipped]:
    """Expand inputs into file paths (as given, joined below directories), in order.

    Yields an `InputError` in place of a path that is missing or a symlink loop, and a
    `Skipped` for a file a directory walk does not take (its name is no article's or web
    archive's: `photo.png`, `data.jsonl`), so it can be counted and listed.
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


def _walk(top: str) -> Iterator[str | InputError | Skipped]:
    """Walk `top` depth-first in sorted order; an explicit stack, so any depth is fine."""
    seen: set[tuple[int, int]] = set()
    stack: list[Iterator[tuple[str, bool]]] = [iter([(top, True)])]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        path, is_dir = entry
        if not is_dir:
            yield path
            continue
        listing = _list_directory(path, seen)
        if isinstance(listing, InputError):
            yield listing
            continue
        # Special files (FIFOs, sockets, devices) are reported here: opening a FIFO would
        # block the whole batch until something writes to it.
        yield from (item for item in listing if isinstance(item, (InputError, Skipped)))
        stack.append(iter([item for item in listing if isinstance(item, tuple)]))


def _list_directory(
    directory: str, seen: set[tuple[int, int]]
) -> list[tuple[str, bool] | InputError | Skipped] | InputError:
    """The `(path, is_dir)` entries a walk takes from `directory`, sorted, or why it cannot."""
    try:
        info = os.stat(directory)
    except OSError as exc:
        return InputError(directory, _os_reason(exc))
    key = (info.st_dev, info.st_ino)
    if key in seen:
        return InputError(directory, "directory symlink loop, not followed")
    seen.add(key)
    try:
        with os.scandir(directory) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        return InputError(directory, _os_reason(exc))
    listing: list[tuple[str, bool] | InputError | Skipped] = []
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = os.path.join(directory, entry.name)
        try:
            if entry.is_dir(follow_symlinks=True):
                listing.append((path, True))
                continue
            special = not entry.is_file(follow_symlinks=True) and _exists(path)
        except OSError:
            special = False  # reading it will say what is wrong
        if not _is_article_name(entry.name):
            listing.append(Skipped(display_path(path), NOT_ARTICLE_FILE))
            continue
        if special:
            listing.append(InputError(path, "not a regular file (FIFO, socket or device), skipped"))
        else:
            listing.append((path, False))
    return listing


def _exists(path: str) -> bool:
    try:
        os.stat(path)
    except OSError:
        return False  # a dangling symlink: the read reports it
    return True


def display_path(path: str) -> str:
    """`path` as valid Unicode: bytes of a file name that are not UTF-8 become U+FFFD.

    POSIX file names are bytes; Python keeps undecodable ones as lone surrogates, which
    neither UTF-8 output nor SQLite can hold. Valid names come back unchanged.
    """
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", "replace")
    return path


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
                data = _read_capped(handle, path, max_bytes, expected=size)
    except OSError as exc:
        raise InputError(path, _os_reason(exc)) from exc
    if data.startswith(GZIP_MAGIC):
        data = gunzip(data, path, max_bytes)
    return RawDocument(path=path, data=data)


def _read_capped(handle: BinaryIO, path: str, max_bytes: int, expected: int | None = None) -> bytes:
    # Ask for the size fstat gave (plus one, to see a file still growing) rather than the
    # cap: read(n) allocates n bytes up front, and 50 MB per 2 KB article cost more than
    # the read itself. A file that grew is read on, up to the cap.
    data = handle.read(max_bytes + 1 if expected is None else min(expected, max_bytes) + 1)
    if expected is not None and len(data) > expected:
        data += handle.read(max_bytes + 1 - len(data))
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


def web_archive_kind(path: str) -> str | None:
    """`"warc"`/`"arc"` when the file at `path` is a web archive (by its content), else None.

    Unreadable files give None: reading them as plain files reports why.
    """
    from .warc import sniff_web_archive

    try:
        with open(path, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return None
    return sniff_web_archive(head)


def iter_documents(
    path: str, *, max_bytes: int = DEFAULT_MAX_BYTES, stdin: BinaryIO | None = None
) -> Iterator[Document | Skipped | InputError]:
    """The documents one input (a file path, or `-` with `stdin`) gives, in order.

    A plain file (gunzipped when gzip) is one `Document`; a WARC or ARC file gives one per
    captured HTML page, a `Skipped` per other record and an `InputError` per broken one
    (see `warc.iter_warc`, which also reads byte ranges of a web archive). Recognised by
    content, whatever the file is called. Never raises for bad input.
    """
    if path == "-":
        from .warc import iter_warc

        if stdin is not None and _sniff_bytes(_peek(stdin)):
            yield from iter_warc(stdin, label="-", max_bytes=max_bytes)  # streamed, never read whole
            return
        try:
            raw = read_source(path, max_bytes=max_bytes, stdin=stdin)
        except InputError as exc:
            yield exc
            return
        if _sniff_bytes(raw.data):  # a stream that cannot peek: a web archive within the cap
            import io

            yield from iter_warc(io.BytesIO(raw.data), label="-", max_bytes=max_bytes)
            return
        yield Document("-", raw.data)
        return
    if web_archive_kind(path) is not None:
        from .warc import iter_warc

        yield from iter_warc(path, label=display_path(path), max_bytes=max_bytes)
        return
    try:
        raw = read_source(path, max_bytes=max_bytes)
    except InputError as exc:
        yield InputError(display_path(path), exc.reason)
        return
    yield Document(display_path(path), raw.data)


def _peek(stream: BinaryIO) -> bytes:
    """The first bytes waiting in `stream`, left unread (b"" when it cannot peek)."""
    peek = getattr(stream, "peek", None)
    if peek is None:
        return b""
    try:
        return bytes(peek(SNIFF_BYTES))[:SNIFF_BYTES]
    except (OSError, ValueError):
        return b""


def _sniff_bytes(data: bytes) -> bool:
    from .warc import sniff_web_archive

    return sniff_web_archive(data[:SNIFF_BYTES]) is not None


def identify_file(path: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> FileRef | None:
    """The `FileRef` of an existing file at `path` (for `show PATH`/`rm PATH`), else None.

    The id is that of the file's bytes (gunzipped), as ingest would give it; a web archive,
    or a file that cannot be read, gets none.
    """
    if path == "-" or not os.path.isfile(path):
        return None
    real_path = display_path(os.path.realpath(path))
    if web_archive_kind(path) is not None:
        return FileRef(real_path, None)
    from .serialize import record_id, sha256_hex

    try:
        data = read_source(path, max_bytes=max_bytes).data
    except InputError:
        return FileRef(real_path, None)
    return FileRef(real_path, record_id(sha256_hex(data)))
