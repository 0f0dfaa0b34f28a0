"""Parquet batches read by their column types (`importer._arrow_fits`, `_exact_batch`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsarchive import importer
from newsarchive.importer import Slice, _parquet_read
from newsarchive.parquet import RAW_SOURCE, arrow_schema, write_parquet
from newsarchive.serialize import RECORD_KEYS, dumps

from .test_import_exact import TEXTS, _as_text, _record

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")


def _rows(path: Path, monkeypatch: pytest.MonkeyPatch, *, by_types: bool) -> list[tuple[int, object]]:
    """`_parquet_read` of the file's first row group, by its column types or row by row."""
    with monkeypatch.context() as patch:
        if not by_types:
            patch.setattr(importer, "_arrow_fits", lambda array, kind: False)
        return [(number, _as_text(row)) for number, row in _parquet_read(Slice(str(path), "parquet", 0, 1, 1))]


def _fits(path: Path) -> bool:
    batch = next(pq.ParquetFile(path).iter_batches(columns=list(RECORD_KEYS)))
    return all(importer._arrow_fits(batch.column(key), importer._EXACT_TYPES[key]) for key in RECORD_KEYS)


def _records() -> list[dict[str, Any]]:
    records = []
    for text in TEXTS:
        for member in (False, True):
            record = _record(text, member=member, record_of=None if len(text) % 2 else "<urn:uuid:1>")
            try:
                dumps(record).encode()
            except UnicodeEncodeError:  # half a surrogate pair: no Parquet string holds it
                continue
            records.append(record)
    records.append(_record("Wrong id.", id="0" * 16))
    records.append(_record("Not hex.", id="XYZ"))
    records.append(_record("No path.", path="-"))
    return records


def test_a_batch_of_the_models_types_gives_the_rows_of_the_row_by_row_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading a batch whose column types are the record's gives every row (stored JSON,
    columns, location) and every refusal (with its reason) that checking each row gives."""
    path = tmp_path / "export.parquet"
    write_parquet(path, ((dumps(record), None) for record in _records()))
    assert _fits(path)
    fast = _rows(path, monkeypatch, by_types=True)
    assert fast == _rows(path, monkeypatch, by_types=False)
    assert any(isinstance(row, str) and "is not the start of source.sha256" in row for _, row in fast)
    assert any(isinstance(row, str) and "16 lowercase hex" in row for _, row in fast)
    assert sum(not isinstance(row, str) for _, row in fast) == len(fast) - 2


def test_a_batch_with_sources_checks_each_hash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With a `raw_source` column, a source that hashes to its record's sha256 comes along
    compressed, and one that does not is refused, as row by row."""
    record = _record("One.")
    data = b"One.\nFalse\na.txt"  # the bytes `_record` hashes
    path = tmp_path / "sources.parquet"
    rows = [(dumps(record), data), (dumps(record), b"other bytes"), (dumps(record), None)]
    write_parquet(path, rows, with_source=True)
    fast = _rows(path, monkeypatch, by_types=True)
    assert fast == _rows(path, monkeypatch, by_types=False)
    assert fast[1][1] == "raw_source does not hash to source.sha256"
    assert not isinstance(fast[0][1], str) and fast[0][1][2]


def _table_file(path: Path, records: list[dict[str, Any]], schema: Any) -> Path:
    pq.write_table(pa.Table.from_pylist(records, schema=schema), path)
    return path


def _with_type(key: str, kind: Any) -> Any:
    schema = arrow_schema()
    return schema.set(schema.get_field_index(key), pa.field(key, kind))


@pytest.mark.parametrize(
    ("why", "change", "schema"),
    [
        ("a float column", lambda r: r.update(word_count=2.0), _with_type("word_count", pa.float64())),
        ("a number as text", lambda r: r.update(word_count="2"), _with_type("word_count", pa.string())),
        ("a link kind the model does not know", lambda r: r["links"][0].update(kind="other"), None),
        ("a null body", lambda r: r.update(body=None), None),
        ("a null name in a byline", lambda r: r["byline"][0].update(name=None), None),
        ("a null list of tags", lambda r: r.update(tags=None), None),
        ("schema version 1 (no member)", lambda r: r["source"].pop("member"),
         _with_type("source", pa.struct([field for field in arrow_schema().field("source").type
                                         if field.name != "member"]))),
        ("a null captured_at in a member", lambda r: r["source"]["member"].update(captured_at=None), None),
    ],
)  # fmt: skip
def test_a_batch_with_a_value_outside_the_models_types_is_read_row_by_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, why: str, change: Any, schema: Any
) -> None:
    """A column whose type or nulls the record's types do not allow (or a value outside a
    literal's) sends the batch the checked way, so what msgspec would write otherwise than
    `dumps` is written by `dumps`, and a refusal keeps its reason."""
    records = [_record("Fine.", member=True), _record("Changed.", member=True)]
    for record in records if schema is not None else records[1:]:  # a column's type: every row
        change(record)
    path = _table_file(tmp_path / "other.parquet", records, schema or arrow_schema())
    assert not _fits(path), why
    assert _rows(path, monkeypatch, by_types=True) == _rows(path, monkeypatch, by_types=False)


def test_nested_fields_in_another_order_are_kept_in_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file whose nested objects list their fields in another order (another writer's) is
    read by its types, and each record's JSON keeps that order, as row by row."""
    source = arrow_schema().field("source").type
    reordered = pa.struct(list(reversed(list(source))))
    records = [_record("One.", member=True), _record("Two.")]
    path = _table_file(tmp_path / "order.parquet", records, _with_type("source", reordered))
    assert _fits(path)
    fast = _rows(path, monkeypatch, by_types=True)
    assert fast == _rows(path, monkeypatch, by_types=False)
    stored = fast[0][1][1][10]  # type: ignore[index]
    assert list(json.loads(stored)["source"]) == list(reversed(list(records[0]["source"])))


def test_a_required_field_of_a_null_struct_may_be_null(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`source.member` null (a plain file's record) leaves its required fields null with it:
    the batch is still read by its types."""
    path = _table_file(tmp_path / "plain.parquet", [_record("One."), _record("Two.", member=True)], arrow_schema())
    assert _fits(path)
    assert _rows(path, monkeypatch, by_types=True) == _rows(path, monkeypatch, by_types=False)


def test_raw_source_key_is_not_a_record_key() -> None:
    """The extra column is read beside the record's keys, never as one of them."""
    assert RAW_SOURCE not in RECORD_KEYS


def test_pyarrow_is_imported_before_the_readers_fork_only_for_parquet() -> None:
    """The writing process imports pyarrow before forking the readers when a file is named
    as Parquet (they inherit it rather than each importing it), and not for JSON Lines."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from newsarchive.importer import _preload_parquet\n"
        "_preload_parquet(['a.jsonl', 'b.json.gz'])\n"
        "assert 'pyarrow' not in sys.modules\n"
        "_preload_parquet(['a.jsonl', 'part-0.PARQUET'])\n"
        "assert 'pyarrow.parquet' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)
