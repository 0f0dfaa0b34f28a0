"""The Parquet layout of records: one row per record, the record's keys as its columns.

The columns, their order and their nesting come from the shipped JSON Schema (schema.json),
so the layout follows the record wherever it changes: objects become structs, arrays become
lists, integers are int64 and strings UTF-8; every column is nullable, as Spark writes
them. `export --format parquet`, `import` and the `spark` job (which turns this schema
into Spark's types) all use it, so there is one layout. An export made with its sources
adds one binary column, `raw_source`, after the record's keys.

pyarrow is imported here and nowhere else in the core: it is the optional `parquet` extra,
so a missing install is a `NewsArchiveError` saying what to install, not an ImportError.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import NewsArchiveError
from .serialize import RECORD_KEYS, schema

if TYPE_CHECKING:
    import pyarrow as pa

RAW_SOURCE = "raw_source"  # the extra column (and JSON key) of an export carrying its sources
PARQUET_MAGIC = b"PAR1"  # first and last four bytes of every Parquet file
# Rows per record batch written or read: a few MB of text articles, so memory stays flat
# while each batch is large enough for Parquet's column encodings to pay off.
BATCH_ROWS = 2000
MISSING_PYARROW = "Parquet needs pyarrow: pip install 'newsarchive[parquet]'"


def _pyarrow() -> Any:
    try:
        import pyarrow
    except ImportError as exc:
        raise NewsArchiveError(MISSING_PYARROW) from exc
    return pyarrow


def _arrow_type(spec: dict[str, Any]) -> pa.DataType:
    """The Arrow type for one JSON Schema node (`type` lists with null, `const`, `enum`, objects, arrays)."""
    pa = _pyarrow()
    for key in ("anyOf", "oneOf"):
        if key in spec:
            options = [option for option in spec[key] if option.get("type") != "null"]
            if len(options) == 1:
                return _arrow_type(options[0])
            raise ValueError(f"no Parquet type for a union of {len(options)} kinds: {spec}")
    kinds = spec.get("type")
    if kinds is None and "const" in spec:
        kinds = "integer" if isinstance(spec["const"], int) else "string"
    if kinds is None and "enum" in spec:
        kinds = "string"
    if isinstance(kinds, list):
        kinds = [kind for kind in kinds if kind != "null"]
        if len(kinds) != 1:
            raise ValueError(f"no Parquet type for a union of {kinds}: {spec}")
        kinds = kinds[0]
    if kinds == "string":
        return pa.string()
    if kinds == "integer":
        return pa.int64()
    if kinds == "boolean":
        return pa.bool_()
    if kinds == "number":
        return pa.float64()
    if kinds == "array":
        return pa.list_(_arrow_type(spec["items"]))
    if kinds == "object":
        return pa.struct([pa.field(name, _arrow_type(sub)) for name, sub in spec["properties"].items()])
    raise ValueError(f"no Parquet type for {spec}")


def arrow_schema(*, with_source: bool = False) -> pa.Schema:
    """The Arrow schema of a record row (plus `raw_source` when `with_source`)."""
    pa = _pyarrow()
    properties = schema()["properties"]
    fields = [pa.field(key, _arrow_type(properties[key])) for key in RECORD_KEYS]
    if with_source:
        fields.append(pa.field(RAW_SOURCE, pa.binary()))
    return pa.schema(fields)


def write_parquet(path: Path, rows: Iterable[tuple[str, bytes | None]], *, with_source: bool = False) -> int:
    """Write `(record JSON, raw source or None)` rows to a Parquet file at `path`; returns the count.

    Raises:
        NewsArchiveError: pyarrow is not installed.
    """
    pa = _pyarrow()
    import pyarrow.parquet as pq

    target = arrow_schema(with_source=with_source)
    count = 0
    with pq.ParquetWriter(str(path), target, compression="snappy") as writer:
        batch: list[dict[str, Any]] = []
        for record, raw in rows:
            data = json.loads(record)
            if with_source:
                data[RAW_SOURCE] = raw or None
            batch.append(data)
            if len(batch) >= BATCH_ROWS:
                writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=target))
                count += len(batch)
                batch = []
        if batch or not count:
            writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=target))
            count += len(batch)
    return count


def iter_parquet(path: Path, *, row_groups: Iterable[int] | None = None) -> Iterator[dict[str, Any]]:
    """Every row of a Parquet file (or of its `row_groups`) as a dict of the record's keys (and
    `raw_source` if present).

    Columns that are not record keys (a partition column such as `year`) are left out.

    Raises:
        NewsArchiveError: pyarrow is not installed.
        OSError, pyarrow.ArrowException: the file cannot be read as Parquet.
    """
    _pyarrow()
    import pyarrow.parquet as pq

    with pq.ParquetFile(str(path)) as parquet:
        wanted = [name for name in parquet.schema_arrow.names if name in RECORD_KEYS or name == RAW_SOURCE]
        groups = None if row_groups is None else list(row_groups)
        for batch in parquet.iter_batches(batch_size=BATCH_ROWS, row_groups=groups, columns=wanted):
            # Column by column, then zipped: a quarter faster than `to_pylist` on nested rows.
            names = batch.schema.names
            columns = [column.to_pylist() for column in batch.columns]
            for values in zip(*columns, strict=True):
                yield dict(zip(names, values, strict=True))
