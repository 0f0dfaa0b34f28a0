"""Rendering stored records on stdout: JSON Lines, a JSON array, CSV, or a table.

Every renderer takes rows as they come off a database cursor, `(record JSON, snippet)` or,
from `search`, `(record JSON, snippet, score)`, and writes each one before asking for the
next, so output starts at once and memory stays flat however many records there are. JSON
output is the stored record text itself (keys and values exactly as `newsarchive show`
prints them); only `--fields` makes us decode it.

CSV and the table are flat: byline names, tags and warnings are joined with "; ",
sections, links and captions become counts, and `source` spreads over `source.path`,
`source.sha256`… columns. The JSON formats never change a record's shape, except that
`search` adds its `score` and `snippet` after the record's own keys. `--fields` takes the
record's keys or the flat column names (`source.format`), in any case.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import click

if TYPE_CHECKING:
    from ..store import ArchiveStats

FORMATS = ("table", "jsonl", "json", "csv")
TABLE_COLUMNS = ("id", "date", "publisher", "headline")
SOURCE_KEYS = ("path", "sha256", "format", "encoding", "bytes")
JOINED = ("byline", "tags", "warnings")  # lists shown as their items joined
COUNTED = ("sections", "links", "captions")  # lists shown as how many they hold
JOIN = "; "

# Table column widths in terminal cells for fields whose values have a known size; the
# other columns share what is left of the terminal's width.
FIXED_WIDTHS = {
    "schema_version": 3, "id": 8, "score": 7, "date": 10, "date_modified": 10, "word_count": 6,
    "language": 8, "publisher": 18, "source.format": 8, "source.encoding": 12,
    "source.bytes": 8, "source.sha256": 64,
}  # fmt: skip
DAY_COLUMNS = ("date", "date_modified")  # the table shows only their day
MIN_FLEX_WIDTH = 12
MIN_CELL_WIDTH = 4  # narrowest a column gets on a tiny terminal
GAP = "  "
ELLIPSIS = "…"

Row = tuple[str, str | None] | tuple[str, str | None, float]  # (record JSON, snippet, [score])
SEARCH_EXTRAS = ("score", "snippet")  # what `search` adds to each record
SHORT_ID = 8  # the table shows ids this long: unique in practice, and `show` takes any 6+
NO_RECORDS = "no records"

_ANSI_RE = re.compile(r"\x1b\[[0-9;]*m")
_SPACE_RE = re.compile(r"\s+")
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
BOLD, NORMAL = "\x1b[1m", "\x1b[22m"
# What the store puts around a search match in a snippet; the table turns them into bold
# on a terminal and brackets elsewhere. Control characters, so no article text has them.
MATCH_MARKS = ("\x02", "\x03")


def field_names(extras: Sequence[str] = ()) -> list[str]:
    """Every name `--fields` takes: record keys, flat `source.*` columns, then `extras`."""
    from ..serialize import RECORD_KEYS

    return [*RECORD_KEYS, *(f"source.{k}" for k in SOURCE_KEYS), *extras]


def parse_fields(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[str, ...] | None:
    """Click callback for `--fields a,b,c`: field names in the order given (usage error if unknown).

    Names are the record's keys or the CSV/table column names (`source.format`), in any case;
    `search` also takes `score` and `snippet`.
    """
    if value is None:
        return None
    extras = SEARCH_EXTRAS if ctx.command.name == "search" else ()
    known = {name.lower(): name for name in field_names(extras)}
    given = [f.strip() for f in value.split(",") if f.strip()]
    unknown = [f for f in given if f.lower() not in known]
    if unknown or not given:
        raise click.BadParameter(
            f"unknown field {', '.join(map(repr, unknown)) or '(none given)'};"
            f" choose from {', '.join(field_names(extras))}",
            ctx=ctx,
            param=param,
        )
    return tuple(dict.fromkeys(known[f.lower()] for f in given))


def use_color(out: TextIO) -> bool:
    """Styling only on a terminal, and never when NO_COLOR is set (no-color.org)."""
    return out.isatty() and not os.environ.get("NO_COLOR")


def terminal_text(text: str, *, keep: str = "") -> str:
    """`text` on one line with control characters removed, so that a record can never
    move the cursor or restyle the terminal (except the characters in `keep`)."""
    text = _SPACE_RE.sub(" ", text).strip()
    return _CONTROL_RE.sub(lambda m: m.group(0) if m.group(0) in keep else "", text)


def write_rows(
    out: TextIO,
    rows: Iterable[Row],
    fmt: str,
    *,
    fields: Sequence[str] | None = None,
    color: bool = False,
    width: int | None = None,
) -> int:
    """Write `rows` to `out` in `fmt` (one of FORMATS); returns how many were written.

    An empty result writes nothing in `jsonl`, `[]` in `json` and the header line in `csv`,
    so that each output is still a valid document of its kind; the table (for a person at a
    terminal) writes its header and "no records".
    """
    if fmt == "jsonl":
        return _write_jsonl(out, rows, fields)
    if fmt == "json":
        return _write_json(out, rows, fields)
    if fmt == "csv":
        return _write_csv(out, rows, fields)
    if fmt == "table":
        if width is None:
            import shutil

            width = shutil.get_terminal_size().columns
        return _write_table(out, rows, fields, color=color, width=width)
    raise ValueError(f"unknown format {fmt!r}")


def _extras(row: Row) -> dict[str, Any]:
    """What `search` adds to a record: its score and snippet (nothing for other rows)."""
    if len(row) < 3:
        return {}
    return {"score": row[2], "snippet": row[1]}


def _record_text(row: Row, fields: Sequence[str] | None) -> str:
    record = row[0]
    extras = _extras(row)
    if fields is None:
        if not extras:
            return record
        # The stored text as it is, with the extras spliced in before its closing brace.
        return record[:-1] + "," + json.dumps(extras, ensure_ascii=False, separators=(",", ":"))[1:]
    from ..serialize import dumps

    data = json.loads(record)
    data.update(extras)
    return dumps({key: field_value(data, key) for key in fields})


def field_value(data: dict[str, Any], key: str) -> Any:
    """The value of a `--fields` name: a record key, or a flat `source.*` column."""
    if key.startswith("source.") and key not in data:
        return (data.get("source") or {}).get(key.removeprefix("source."))
    return data.get(key)


def _write_jsonl(out: TextIO, rows: Iterable[Row], fields: Sequence[str] | None) -> int:
    count = 0
    for row in rows:
        out.write(_record_text(row, fields) + "\n")
        count += 1
    return count


def _write_json(out: TextIO, rows: Iterable[Row], fields: Sequence[str] | None) -> int:
    # Written piece by piece rather than json.dump(list(...)) so memory stays flat.
    count = 0
    out.write("[")
    for row in rows:
        out.write(",\n" if count else "\n")
        out.write(_record_text(row, fields))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


def flat_columns(fields: Sequence[str] | None, extras: Sequence[str] = ()) -> list[str]:
    """CSV/table column names for `fields` (all record keys, then `extras`, when None); `source` spreads out."""
    from ..serialize import RECORD_KEYS

    columns: list[str] = []
    for key in fields or (*RECORD_KEYS, *extras):
        columns.extend(f"source.{k}" for k in SOURCE_KEYS) if key == "source" else columns.append(key)
    return columns


def flat_value(record: dict[str, Any], column: str) -> str:
    """One record value as CSV/table text (see the module docstring for how lists flatten)."""
    if column.startswith("source."):
        value = (record.get("source") or {}).get(column.removeprefix("source."))
    else:
        value = record.get(column)
    if value is None:
        return ""
    if column == "byline":
        return JOIN.join(str(person.get("name", "")) for person in value)
    if column in COUNTED:
        return str(len(value))
    if isinstance(value, list):
        return JOIN.join(str(item) for item in value)
    return str(value)


def _write_csv(out: TextIO, rows: Iterable[Row], fields: Sequence[str] | None) -> int:
    rows = iter(rows)
    first = next(rows, None)
    columns = flat_columns(fields, SEARCH_EXTRAS if first is not None and len(first) > 2 else ())
    import csv

    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    count = 0
    for row in itertools.chain([first] if first is not None else [], rows):
        data = json.loads(row[0])
        data.update(_extras(row))
        writer.writerow([flat_value(data, column) for column in columns])
        count += 1
    return count


def _write_table(out: TextIO, rows: Iterable[Row], fields: Sequence[str] | None, *, color: bool, width: int) -> int:
    columns = [c for c in flat_columns(fields or TABLE_COLUMNS) if c != "snippet"]
    widths = column_widths(columns, width)
    header = _line([c.upper() for c in columns], widths)
    out.write((BOLD + header + "\x1b[0m" if color else header) + "\n")
    count = 0
    for row in rows:
        data = json.loads(row[0])
        data.update(_extras(row))
        cells = []
        for column in columns:
            text = flat_value(data, column)
            if column in DAY_COLUMNS:
                text = text[:10]
            elif column == "id":
                text = text[:SHORT_ID]
            cells.append(text)
        out.write(_line(cells, widths) + "\n")
        snippet = row[1]
        if snippet is not None and (fields is None or "snippet" in fields):
            indent = " " * 4
            start, end = (BOLD, NORMAL) if color else ("[", "]")
            text = around_match(terminal_text(snippet, keep="".join(MATCH_MARKS)), max(width - len(indent), 1))
            text = text.replace(MATCH_MARKS[0], start).replace(MATCH_MARKS[1], end)
            out.write(indent + fit(text, max(width - len(indent), 1)) + "\n")
        count += 1
    if not count:
        out.write(NO_RECORDS + "\n")
    return count


# Cells of context a snippet keeps before its first match when it must be cut to fit.
CONTEXT_BEFORE_MATCH = 12


def around_match(text: str, width: int) -> str:
    """`text` (with MATCH_MARKS) cut on the left when its first match would not fit in `width`
    cells, so the match shows (long CJK runs make single words wider than a line)."""
    start = text.find(MATCH_MARKS[0])
    end = text.find(MATCH_MARKS[1], start)
    if start < 0 or end < 0 or text_width(text[: end + 1]) <= width - 1:
        return text
    cut = start
    used = 0
    while cut > 0 and used + cell_width(text[cut - 1]) <= CONTEXT_BEFORE_MATCH:
        cut -= 1
        used += cell_width(text[cut])
    return ELLIPSIS + text[cut:].lstrip(ELLIPSIS)


def column_widths(columns: Sequence[str], width: int) -> list[int]:
    """Terminal cells for each table column: fixed sizes first (never narrower than the
    column's name, so headers are not cut), the rest shared out."""
    fixed = [max(FIXED_WIDTHS[c], len(c)) if c in FIXED_WIDTHS else None for c in columns]
    spare = width - sum(w or 0 for w in fixed) - len(GAP) * (len(columns) - 1)
    flexible = sum(1 for w in fixed if w is None)
    share = max(MIN_FLEX_WIDTH, spare // flexible) if flexible else 0
    widths = [w if w is not None else share for w in fixed]
    # On a narrow terminal, take a cell at a time from the widest column until it fits.
    overflow = sum(widths) + len(GAP) * (len(columns) - 1) - width
    while overflow > 0 and widths and max(widths) > MIN_CELL_WIDTH:
        widths[widths.index(max(widths))] -= 1
        overflow -= 1
    return widths


def _line(cells: Sequence[str], widths: Sequence[int]) -> str:
    last = len(cells) - 1
    parts = [fit(terminal_text(cell), w, pad=i < last) for i, (cell, w) in enumerate(zip(cells, widths, strict=True))]
    return GAP.join(parts)


def cell_width(char: str) -> int:
    """Terminal cells one character takes: 2 for wide East Asian forms, 0 for combining marks."""
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def text_width(text: str) -> int:
    """Terminal cells `text` takes, not counting ANSI styling."""
    return sum(cell_width(ch) for ch in _ANSI_RE.sub("", text))


def fit(text: str, width: int, *, pad: bool = False) -> str:
    """`text` cut to `width` terminal cells (ending in … when cut), padded when `pad`."""
    used = text_width(text)
    if used > width:
        kept: list[str] = []
        used = 0
        pos = 0
        while pos < len(text):
            escape = _ANSI_RE.match(text, pos)
            if escape:
                kept.append(escape.group(0))
                pos = escape.end()
                continue
            cells = cell_width(text[pos])
            if used + cells > width - 1:
                break
            kept.append(text[pos])
            used += cells
            pos += 1
        kept.append(ELLIPSIS)
        used += 1
        text = "".join(kept)
        if "\x1b[" in text:
            text += NORMAL
    return text + " " * (width - used) if pad else text


def write_atomically(path: Path, write: Callable[[TextIO], int]) -> int:
    """Call `write` on a temporary file beside `path`, then move it over `path`.

    The data is flushed to disk before the rename, so a crash leaves either the old file
    or the complete new one. Returns what `write` returns.
    """
    directory = path.parent if str(path.parent) else Path(".")
    import gzip
    import io
    import tempfile

    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with open(fd, "wb") as raw:
            if path.name.lower().endswith(".gz"):  # `-o x.jsonl.gz`: compressed as its name says
                with gzip.GzipFile(filename=path.name[:-3], mode="wb", fileobj=raw, mtime=0) as packed:
                    with io.TextIOWrapper(packed, encoding="utf-8", newline="") as text:
                        result = write(text)
            else:
                plain = io.TextIOWrapper(raw, encoding="utf-8", newline="")
                result = write(plain)
                plain.flush()
                plain.detach()  # leaves `raw` open, for the fsync below
            raw.flush()
            os.fsync(raw.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)  # mkstemp makes 0600; give the file a normal mode
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return result


NONE_KEY = "(none)"  # where records lacking the grouped field are counted
OTHERS_KEY = "(others)"  # the groups past `--top`, summed


def human_size(size: int) -> str:
    """A byte count as people read it: 812 bytes, 13.4 KB, 249.3 MB, 1.2 GB (powers of 1000)."""
    if size < 1000:
        return f"{size} bytes"
    value = float(size)
    for unit in ("KB", "MB", "GB", "TB"):
        value /= 1000
        if value < 1000 or unit == "TB":
            break
    return f"{value:.1f} {unit}"


def stats_dict(result: ArchiveStats, *, top: int = 0) -> dict[str, Any]:
    """`stats` as a JSON-ready dict; missing keys are counted under NONE_KEY, and past the
    `top` largest groups of each count (0: no limit) the rest are summed under OTHERS_KEY."""

    def counts(pairs: list[tuple[str | None, int]]) -> dict[str, int]:
        named = {NONE_KEY if key is None else key: n for key, n in pairs}
        if not top or len(named) <= top:
            return named
        ranked = sorted(named.items(), key=lambda item: -item[1])
        kept = dict(ranked[:top])
        kept[OTHERS_KEY] = sum(n for _, n in ranked[top:])
        return kept

    return {
        "records": result.records,
        "words": result.words,
        "size_bytes": result.size_bytes,
        "by_publisher": counts(result.by_publisher),
        "by_year": counts(result.by_year),
        "by_format": counts(result.by_format),
    }


def stats_table(result: ArchiveStats, *, top: int = 0) -> str:
    """`stats` as aligned text for a terminal (sizes in KB/MB/GB)."""
    data = stats_dict(result, top=top)
    lines = [f"{'records':<12}{data['records']:>12,}", f"{'words':<12}{data['words']:>12,}",
             f"{'size':<12}{human_size(data['size_bytes']):>12}"]  # fmt: skip
    for title, key in (("publisher", "by_publisher"), ("year", "by_year"), ("format", "by_format")):
        if not data[key]:
            continue
        width = max(len(title), *(len(k) for k in data[key]))
        lines += ["", f"{title:<{width}}  {'records':>8}"]
        lines += [f"{k:<{width}}  {n:>8,}" for k, n in data[key].items()]
    return "\n".join(lines) + "\n"
