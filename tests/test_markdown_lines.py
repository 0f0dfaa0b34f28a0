"""The markdown line shapes every text reading shares (`parse/markdown_lines.py`)."""

from __future__ import annotations

from newsarchive.parse.markdown_lines import (
    DUMP_BULLET_MARK_RE,
    DUMP_BULLET_RE,
    FENCE_RE,
    HEADING_MARK_RE,
    HEADING_RE,
    LIST_ITEM_RE,
    LIST_MARK_RE,
)


def test_a_heading_takes_up_to_three_spaces_and_drops_closing_hashes() -> None:
    match = HEADING_RE.match("   ## Council approves budget ##")
    assert match is not None and match.group(1) == "##" and match.group(2) == "Council approves budget"
    assert HEADING_RE.match("    # indented code") is None
    assert HEADING_RE.match("#hashtag") is None
    assert HEADING_RE.match("####### seven") is None


def test_a_heading_mark_opens_a_block_of_several_lines() -> None:
    assert HEADING_MARK_RE.match("# Title\nfirst line of text")
    assert HEADING_RE.match("# Title\nfirst line of text") is None


def test_list_items_take_markdown_marks_and_numbers() -> None:
    for line in ("- one", "* one", "+ one", "• one", "12. one", "3) one", "   - one"):
        match = LIST_ITEM_RE.match(line)
        assert match is not None and match.group(1) == "one", line
    assert LIST_ITEM_RE.match("    - four spaces") is None
    assert LIST_ITEM_RE.match("1999 was a year") is None
    assert LIST_MARK_RE.match("- one\n- two") and LIST_ITEM_RE.match("- one\n- two") is None


def test_a_fence_is_three_backticks_or_tildes_under_four_spaces() -> None:
    assert FENCE_RE.match("```python") and FENCE_RE.match("  ~~~~")
    assert FENCE_RE.match("    ```") is None and FENCE_RE.match("``") is None


def test_dump_bullets_take_text_browser_glyphs_at_any_indentation() -> None:
    for line in ("  • Sport", "\t□ Sport", "     o Sport", "☆ Sport", "10. Sport", "- Sport"):
        assert DUMP_BULLET_RE.match(line), line
    assert DUMP_BULLET_RE.match("- ") is None  # a mark with nothing after it
    assert DUMP_BULLET_RE.match("only words") is None and DUMP_BULLET_RE.match("o'clock news") is None
    assert DUMP_BULLET_MARK_RE.sub("", "  • Sport", count=1) == "Sport"
