"""Dates of whole-page dumps printed with the element texts around them glued on.

Each page is a few lines written here in the way a text browser or converter prints one.
"""

from __future__ import annotations

from newsarchive.parse import parse

from .test_dump_plain_bylines import FOOT, NAV
from .test_parse_dumps import HEADLINE, MORE, PROSE


def read(header: str) -> tuple[str | None, list[str]]:
    """The date and the names read from a page whose header zone (above the headline) is `header`."""
    text = f"{NAV}{header}\n\n{HEADLINE}\n\n{PROSE}\n\n{MORE}{FOOT}"
    article = parse(text.encode(), "page.txt")
    return (article.date[:10] if article.date else None), [p.name for p in article.byline]


def test_a_year_glued_to_the_next_date_or_time_is_read() -> None:
    """Dumps join a post's published and updated dates, or a date and its time, without a space."""
    assert read("3. April 20223. April 2022  by sarah") == ("2022-04-03", ["sarah"])
    assert read("April 25, 20232:26 PM") == ("2023-04-25", [])
    assert read("2 minute readApril 25, 20232:26 PM") == ("2023-04-25", [])
    # A longer number is no year.
    assert read("Issue 202231. Mai") == (None, [])

