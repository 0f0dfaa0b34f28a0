"""Markdown line shapes: one home for the patterns every text reading recognises a line by,
the text reading (`text`), the page-dump units (`dump_region`, `dump`) and the documentation
check (`shape`).

- **Heading** (ATX): up to three spaces, one to six `#`, a space or tab (CommonMark);
  `HEADING_RE` also takes the title apart from closing `#`s, `HEADING_MARK_RE` only opens one
  (it matches a block of several lines too).
- **List item**: up to three spaces, `-`, `*`, `+`, `•` or `1.`/`1)`, spaces or tabs;
  `LIST_ITEM_RE` takes the item's text, `LIST_MARK_RE` only the mark.
- **Fence**: up to three spaces, three or more backticks or tildes (four spaces make an
  indented line of code, not a fence).
- **Setext heading**: a line of `=` (level 1) or `-` (level 2) under the title's line
  (CommonMark); `SETEXT_H1_RE` matches the `=` underline alone, `SETEXT_UNDERLINE_RE` an
  underline of three marks at least (so that an empty `-` list item is not read as one) after
  a line break.
- **Dump bullet**: what text browsers print before a list item, at any indentation (w3m and
  lynx indent nested lists): the markdown marks, the glyphs `□ ☆ ◦ ▪ ● ○ ·`, and w3m's `o`.
"""

from __future__ import annotations

import re

__all__ = [
    "DUMP_BULLET_MARK_RE",
    "DUMP_BULLET_RE",
    "FENCE_RE",
    "HEADING_MARK_RE",
    "HEADING_RE",
    "LIST_ITEM_RE",
    "without_bullet_marks",
    "LIST_MARK_RE",
    "SETEXT_H1_RE",
    "SETEXT_UNDERLINE_RE",
]

_HEADING_MARK = r"^ {0,3}(#{1,6})[ \t]"
HEADING_MARK_RE = re.compile(_HEADING_MARK)
HEADING_RE = re.compile(_HEADING_MARK + r"[ \t]*(.*?)(?:[ \t]+#+)?[ \t]*$")
_LIST_MARK = r"^ {0,3}(?:[-*+•]|\d{1,3}[.)])[ \t]+"
LIST_MARK_RE = re.compile(_LIST_MARK)
LIST_ITEM_RE = re.compile(_LIST_MARK + r"(.*)$")
SETEXT_H1_RE = re.compile(r"^ {0,3}=+[ \t]*$")
SETEXT_UNDERLINE_RE = re.compile(r"\n {0,3}(?:={3,}|-{3,})[ \t]*(?=\n|$)")
FENCE_RE = re.compile(r"^ {0,3}(```+|~~~+)")
_DUMP_BULLET_MARK = r"^[ \t]*(?:[-*+•□☆◦▪●○·]|o(?=\s)|\d{1,3}[.)])[ \t]+"
DUMP_BULLET_MARK_RE = re.compile(_DUMP_BULLET_MARK)
DUMP_BULLET_MARKS_RE = re.compile(_DUMP_BULLET_MARK, re.MULTILINE)  # at the start of every line of a text
DUMP_BULLET_RE = re.compile(_DUMP_BULLET_MARK + r"\S")  # a mark with text after it
# The marks after a line break: a pattern opening with a literal character is searched for in
# C, one opening with `^` in multi-line mode is tried at every position (`without_bullet_marks`).
_DUMP_BULLET_MARKS_AFTER_BREAK_RE = re.compile("\n" + _DUMP_BULLET_MARK.removeprefix("^"))


def without_bullet_marks(text: str) -> str:
    """`text` without the list mark opening any of its lines: `DUMP_BULLET_MARKS_RE.sub("", text)`,
    the marks found after line breaks (a line break put before the text)."""
    return _DUMP_BULLET_MARKS_AFTER_BREAK_RE.sub("\n", "\n" + text)[1:]
