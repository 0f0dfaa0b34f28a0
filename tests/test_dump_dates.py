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



def test_a_date_followed_by_the_time_since_its_update_is_read() -> None:
    """`April 25, 2023 2:26 PM Last Updated 9 min ago`: the relative time is the update's, the date the article's."""
    assert read("April 25, 2023 2:26 PM Last Updated 9 min ago") == ("2023-04-25", [])
    # The time since publication first: no date of the article on that line.
    assert read("3 hours ago · April 25, 2023") == (None, [])
    assert read("April 25, 2023 · 3 hours ago") == (None, [])


def test_an_author_label_among_a_datelines_pieces_names_the_author() -> None:
    """WordPress prints `Veröffentlicht: 05.01.2020 | Autor: jdoe | Abgelegt unter: …` over a post."""
    assert read("Veröffentlicht: 05.01.2020 | Autor: sarcher | Abgelegt unter: Fotografie") == (
        "2020-01-05",
        ["sarcher"],
    )
    # The dump dropped the bar before the next label: the label still ends the name.
    assert read("Veröffentlicht: 05.01.2020 | Autor: sarcher Abgelegt unter: Fotografie") == (
        "2020-01-05",
        ["sarcher"],
    )
