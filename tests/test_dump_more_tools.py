"""Conventions of more dump tools (pandoc, inscriptis, markdownify, lynx without its link list,
w3m at other widths) that the unit reading recognises from content, never from a tool's name.

Each fixture is a few lines written here in the way such a tool prints a page.
"""

from __future__ import annotations

import textwrap

from newsarchive.parse.dump_region import units_of

PARAGRAPHS = [
    "The town council voted on Tuesday to reopen the old library after a year of repairs to its "
    "roof, its heating and the reading room that had been closed since the storm last winter.",
    "Builders found that the beams above the main hall were sound, which kept the cost of the "
    "works well below what the council had set aside for them in the spring budget.",
    "The library will open again on the first Monday of next month, with longer hours on "
    "Saturdays and a new corner for children who come in after school with their parents.",
]
# Headings and teaser titles longer than the column: pandoc leaves them unwrapped.
TITLES = [
    "Library reopens its doors after a year of repairs to the roof, the heating and the hall",
    "Council keeps the cost of the library works well below the budget it had set aside",
    "Longer opening hours on Saturdays and a corner for children are part of the new plan",
    "Readers queue outside the old building on the morning it opens again after the storm",
    "What the repairs to the reading room mean for the town's oldest collection of papers",
    "The storm last winter closed the reading room and damaged the beams of the main hall",
]


def pandoc_plain_page() -> str:
    """A page as `pandoc -t plain` prints it: prose wrapped at 72 columns, headings not."""
    menu = "\n".join(f"-   {item}" for item in ("Home", "News", "Sport", "Culture", "Weather", "Contact"))
    article = "\n\n".join(textwrap.fill(p, 72) for p in PARAGRAPHS)
    teasers = "\n\n".join(TITLES[1:])
    return f"{menu}\n\n{TITLES[0]}\n\n{article}\n\nMore stories\n\n{teasers}\n\n{menu}\n"


def test_wrap_column_is_measured_on_lines_a_paragraph_goes_on_after() -> None:
    """Unwrapped headings longer than the column must not set it: each wrapped paragraph is one unit."""
    raws = [unit.raw for unit in units_of(pandoc_plain_page())]
    for paragraph in PARAGRAPHS:
        assert paragraph in raws
    assert TITLES[0] in raws


def test_rows_that_go_on_line_after_line_unbroken_are_not_read_as_wrapped() -> None:
    """Lines of different lengths, none broken for its next word, keep a unit each (no wrap column)."""
    teams = ["Riverside", "Old Town Rovers", "Hill", "North Harbour Athletic", "Mill Lane", "Eastfield United"]
    rows = [f"Club {team} played {20 + n} games this season and won {n} of them" for n, team in enumerate(teams)]
    page = "\n\n".join(["Home", "News", "Sport", *TITLES, *PARAGRAPHS, "\n".join(rows), "Contact", "Weather"])
    raws = [unit.raw for unit in units_of(page)]
    assert all(row in raws for row in rows)
    assert all(paragraph in raws for paragraph in PARAGRAPHS)
