"""Golden files pin whole records: each tests/golden/<case>.txt|.md|.html parses to <case>.json.

Regenerate with `pytest tests/test_golden.py --update-golden` and review the diff like code.
`source.path` is the case's file name, so the files are the same on every machine.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsarchive.parse import parse
from newsarchive.serialize import to_dict

from .conftest import assert_valid_record

GOLDEN = Path(__file__).resolve().parent / "golden"
CASES = sorted(p for pattern in ("*.txt", "*.md", "*.html") for p in GOLDEN.glob(pattern))


def record_for(page: Path) -> dict[str, Any]:
    record = to_dict(parse(page.read_bytes(), page.name))
    record["source"]["path"] = page.name
    return record


def test_golden_cases_exist() -> None:
    assert any(case.name == "seed.txt" for case in CASES)


@pytest.mark.parametrize("page", CASES, ids=lambda p: p.name)
def test_golden_record_matches(page: Path, update_golden: bool) -> None:
    actual = record_for(page)
    assert_valid_record(actual)
    expected_path = page.with_suffix(".json")
    if update_golden:
        text = json.dumps(actual, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
        expected_path.write_text(text, encoding="utf-8")
    assert expected_path.exists(), f"no golden file {expected_path.name}; run pytest --update-golden"
    assert actual == json.loads(expected_path.read_text(encoding="utf-8"))
