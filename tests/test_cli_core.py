"""CLI ingest/show/parse/schema: data on stdout, one-line errors on stderr, documented exit statuses."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from .conftest import SEED, assert_valid_record, invoke, jsonl

PLAIN = b"A plain headline\n\nFirst paragraph of the story.\n\nSecond paragraph here.\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_ingest_seeds_then_show_by_path_and_prefix(runner: CliRunner, tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SEED, seeds)
    result = invoke(runner, "ingest", str(seeds))
    (outcome,) = jsonl(result.stdout)
    assert outcome["status"] == "added"
    assert "1 added" in result.stderr
    by_path = json.loads(invoke(runner, "show", str(seeds / SEED.name)).stdout)
    by_prefix = json.loads(invoke(runner, "show", outcome["id"][:6]).stdout)
    assert by_path == by_prefix
    assert by_path["id"] == outcome["id"]
    assert_valid_record(by_path)
    assert by_path["ingested_at"] is not None


def test_show_prints_pretty_utf8_json(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "Nicolás Maduro speaks\n\nA paragraph.\n".encode())
    invoke(runner, "ingest", str(path))
    out = invoke(runner, "show", str(path)).stdout
    assert out.startswith("{\n  ")
    assert "Nicolás" in out


def test_ingest_twice_reports_unchanged(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", PLAIN)
    invoke(runner, "ingest", str(path))
    (outcome,) = jsonl(invoke(runner, "ingest", str(path)).stdout)
    assert outcome["status"] == "unchanged"


def test_ingest_same_path_new_bytes_reports_updated(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", PLAIN)
    (first,) = jsonl(invoke(runner, "ingest", str(path)).stdout)
    path.write_bytes(PLAIN + b"\nA late correction.\n")
    (second,) = jsonl(invoke(runner, "ingest", str(path)).stdout)
    assert second["status"] == "updated" and second["id"] != first["id"]
    assert json.loads(invoke(runner, "show", str(path)).stdout)["id"] == second["id"]
    invoke(runner, "show", first["id"], expect=1)


def test_one_bad_file_fails_alone_with_exit_3(runner: CliRunner, tmp_path: Path) -> None:
    write(tmp_path, "d/good.txt", PLAIN)
    write(tmp_path, "d/empty.txt", b"")
    write(tmp_path, "d/junk.txt", bytes(range(256)) * 4)
    result = invoke(runner, "ingest", str(tmp_path / "d"), expect=3)
    statuses = {Path(o["path"]).name: o["status"] for o in jsonl(result.stdout)}
    assert statuses == {"good.txt": "added", "empty.txt": "failed", "junk.txt": "failed"}
    errors = [line for line in result.stderr.splitlines() if line.startswith("failed:")]
    assert len(errors) == 2
    assert any("empty.txt" in e and "empty" in e.split(":")[-1] for e in errors)
    assert any("junk.txt" in e and "binary" in e for e in errors)


def test_ingest_reads_stdin_and_gzip(runner: CliRunner, tmp_path: Path) -> None:
    gz = write(tmp_path, "b.txt.gz", gzip.compress(b"Gzipped headline\n\nBody text.\n"))
    result = invoke(runner, "ingest", "-", str(gz), input=PLAIN)
    outcomes = jsonl(result.stdout)
    assert [(o["path"], o["status"]) for o in outcomes] == [("-", "added"), (str(gz), "added")]
    record = json.loads(invoke(runner, "show", str(gz)).stdout)
    assert record["headline"] == "Gzipped headline"
    assert record["source"]["bytes"] == len(b"Gzipped headline\n\nBody text.\n")


def test_missing_input_fails_with_exit_3(runner: CliRunner, tmp_path: Path) -> None:
    result = invoke(runner, "ingest", str(tmp_path / "nope.txt"), expect=3)
    assert "nope.txt" in result.stderr


def test_show_unknown_id_is_one_line_exit_1(runner: CliRunner, tmp_path: Path) -> None:
    invoke(runner, "ingest", str(write(tmp_path, "a.txt", PLAIN)))
    result = invoke(runner, "show", "abcdef123456", expect=1)
    assert result.stdout == ""
    assert result.stderr.strip().count("\n") == 0
    assert "abcdef123456" in result.stderr


def test_show_without_archive_is_exit_1_and_creates_nothing(runner: CliRunner, isolated_archive: Path) -> None:
    result = invoke(runner, "show", "abcdef", expect=1)
    assert "no archive" in result.stderr
    assert not isolated_archive.exists()


def test_archive_option_and_env_var_choose_the_file(runner: CliRunner, tmp_path: Path, isolated_archive: Path) -> None:
    path = write(tmp_path, "a.txt", PLAIN)
    chosen = tmp_path / "chosen.db"
    invoke(runner, "--archive", str(chosen), "ingest", str(path))
    assert chosen.exists() and not isolated_archive.exists()
    invoke(runner, "ingest", str(path))
    assert isolated_archive.exists()


def test_default_archive_is_data_folder_under_cwd(tmp_path: Path, monkeypatch: object) -> None:
    import pytest

    mp = monkeypatch
    assert isinstance(mp, pytest.MonkeyPatch)
    mp.delenv("NEWSARCHIVE_DB")
    mp.chdir(tmp_path)
    write(tmp_path, "a.txt", PLAIN)
    invoke(CliRunner(), "ingest", "a.txt")
    assert (tmp_path / "data" / "newsarchive.db").exists()


def test_non_sqlite_archive_is_refused_untouched(runner: CliRunner, tmp_path: Path) -> None:
    notes = write(tmp_path, "notes.db", b"not a database at all")
    result = invoke(runner, "--archive", str(notes), "ingest", str(write(tmp_path, "a.txt", PLAIN)), expect=1)
    assert "not a newsarchive archive" in result.stderr
    assert notes.read_bytes() == b"not a database at all"


def test_parse_prints_json_lines_without_storing(runner: CliRunner, tmp_path: Path, isolated_archive: Path) -> None:
    a = write(tmp_path, "a.txt", PLAIN)
    b = write(tmp_path, "b.txt", b"Other headline\n\nOther body.\n")
    records = jsonl(invoke(runner, "parse", str(a), str(b)).stdout)
    assert [r["headline"] for r in records] == ["A plain headline", "Other headline"]
    for record in records:
        assert_valid_record(record)
        assert record["ingested_at"] is None
    assert not isolated_archive.exists()


def test_parse_stdin_records_dash_as_path(runner: CliRunner) -> None:
    (record,) = jsonl(invoke(runner, "parse", "-", input=PLAIN).stdout)
    assert record["source"]["path"] == "-"


def test_parse_failure_is_exit_3_with_good_records_printed(runner: CliRunner, tmp_path: Path) -> None:
    good = write(tmp_path, "a.txt", PLAIN)
    bad = write(tmp_path, "b.txt", b"   \n")
    result = invoke(runner, "parse", str(good), str(bad), expect=3)
    assert len(jsonl(result.stdout)) == 1
    assert f"failed: {bad}: file is empty" in result.stderr


def test_same_bytes_same_id_in_parse_and_ingest(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", PLAIN)
    (parsed,) = jsonl(invoke(runner, "parse", str(path)).stdout)
    (ingested,) = jsonl(invoke(runner, "ingest", str(path)).stdout)
    assert parsed["id"] == ingested["id"]
    assert parsed["source"]["sha256"].startswith(parsed["id"])


def test_schema_prints_the_json_schema(runner: CliRunner) -> None:
    schema = json.loads(invoke(runner, "schema").stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["properties"]["schema_version"] == {"const": 2}


def test_usage_error_is_exit_2(runner: CliRunner) -> None:
    invoke(runner, "ingest", expect=2)
    invoke(runner, "show", expect=2)
    invoke(runner, "no-such-command", expect=2)


def test_version(runner: CliRunner) -> None:
    assert "newsarchive" in invoke(runner, "--version").stdout
