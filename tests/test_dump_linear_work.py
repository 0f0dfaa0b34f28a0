"""The text parser's work on a single-line dump grows linearly with its size.

Work is counted, never timed: the Python function calls `parse` makes (cProfile's count,
builtins included), and the units the page-dump reading cuts the text into. A step that
loops over the words or sentences of a line in Python, or rescans the line once per
match, shows up as a ratio far above the growth of the dump (10×); a single line is one
unit however long it is.
"""

from __future__ import annotations

import cProfile
import pstats

from newsarchive.parse import parse
from newsarchive.parse.dump_region import units_of

SENTENCE = "Menu item Home News Sport the council said that it will run again. "
MENU = "".join(f"* [{name}](/{name.lower()})\n" for name in ("Home", "News", "Sport", "Weather", "Contact")) + "\n"


# Sizes of the small and the large line, in characters (the benchmark times 1 and 10 MB).
SMALL, LARGE = 400_000, 4_000_000


def single_line(size: int) -> str:
    """One line of about `size` characters of prose."""
    return SENTENCE * (size // len(SENTENCE))


def page_with_line(size: int) -> str:
    """A page dump: a menu of links, a heading, one line of `size` characters, the menu again."""
    return f"{MENU}# Council\n\n{single_line(size)}\n\n{MENU}"


def calls(data: bytes) -> int:
    """Python function calls `parse` makes on `data`; the record must hold the line's text."""
    profile = cProfile.Profile()
    article = profile.runcall(parse, data, "dump.txt")
    assert "the council said that it will run again" in article.body
    return pstats.Stats(profile).total_calls  # type: ignore[attr-defined, no-any-return]


def test_a_line_ten_times_longer_costs_at_most_ten_times_the_work() -> None:
    small, large = calls(single_line(SMALL).encode()), calls(single_line(LARGE).encode())
    assert large <= small * 11


def test_a_line_amid_a_menu_ten_times_longer_costs_at_most_ten_times_the_work() -> None:
    small, large = calls(page_with_line(SMALL).encode()), calls(page_with_line(LARGE).encode())
    assert large <= small * 11
    article = parse(page_with_line(SMALL).encode(), "dump.txt")
    assert article.headline == "Council" and "Weather" not in article.body  # read as a page dump


def test_a_single_line_is_one_unit_however_long() -> None:
    for size in (SMALL, LARGE):
        units = units_of(page_with_line(size))
        assert sum(1 for unit in units if unit.chars > 1000) == 1
        assert len(units) == 5 + 1 + 1 + 5  # menu items, heading, the line, menu items
