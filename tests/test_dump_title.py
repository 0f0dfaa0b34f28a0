"""How the line the whole-page headline ranker picks becomes the headline: the case of a title a
converter printed in capitals, read from what else the page prints.

Each fixture is a few lines written here in the way a dump tool prints a page.
"""

from __future__ import annotations

import textwrap

from newsarchive.parse import parse
from newsarchive.parse.dump import _shared_line, link_texts, linked_title, recased, shared_part
from newsarchive.parse.dump_refs import link_list
from newsarchive.parse.dump_region import Unit

PARAGRAPHS = [
    "Voters in the county approved the library's return on Sunday, after the building had stood "
    "empty for a year while builders repaired its roof, its heating and its old reading room.",
    "The works cost less than the council had feared, because the beams over the main hall were "
    "found sound and the money set aside in the spring was enough to finish the job early.",
    "Readers will find longer hours on Saturdays and a corner for children when the doors open "
    "again next month, the librarian said, thanking the volunteers who moved the books twice.",
]
TITLE = "Voters Back the Library's Return After a Year of Repairs"
ENCODED = "Voters%20Back%20the%20Library%E2%80%99s%20Return%20After%20a%20Year%20of%20Repairs"


def _units(*texts: str) -> list[Unit]:
    return [Unit(raw=text, visible=text) for text in texts]


def test_a_headline_in_capitals_takes_the_case_a_share_link_prints_it_in() -> None:
    """A share link's parameter (`?text=`) carries the page's title in its own case, percent-encoded."""
    share = f"* [Tweet](https://twitter.com/intent/tweet?text={ENCODED}&url=https%3A%2F%2Fnews.example%2Fa)"
    mail = f"* [Mail](mailto:?subject={ENCODED.replace('%20', '+')}&body=https://news.example/a)"
    units = _units("VOTERS BACK THE LIBRARY’S RETURN AFTER A YEAR OF REPAIRS", share, mail, *PARAGRAPHS)
    title = "Voters Back the Library’s Return After a Year of Repairs"
    assert linked_title("VOTERS BACK THE LIBRARY’S RETURN AFTER A YEAR OF REPAIRS", link_texts(units)) == title
    assert recased("VOTERS BACK THE LIBRARY’S RETURN AFTER A YEAR OF REPAIRS", units) == title
    # Without the share links, the words take the case the prose prints them in.
    assert recased("VOTERS BACK THE LIBRARY’S RETURN AFTER A YEAR OF REPAIRS", _units(*PARAGRAPHS)) != title


def test_a_share_link_in_the_closing_link_list_gives_the_case_too() -> None:
    """lynx and elinks print link targets in a closing list (`references`), not in the text."""
    references = {"12": f"https://www.facebook.com/sharer.php?u=https://news.example/a&t={ENCODED}"}
    units = _units("VOTERS BACK THE LIBRARY’S RETURN AFTER A YEAR OF REPAIRS", "[12]Share", *PARAGRAPHS)
    assert recased("VOTERS BACK THE LIBRARY’S RETURN AFTER A YEAR OF REPAIRS", units, references) == (
        "Voters Back the Library’s Return After a Year of Repairs"
    )


def test_a_share_link_outranks_a_longer_line_printing_the_title_in_other_case() -> None:
    """A teaser or quotation printing the words inside a longer line is another title's; the share
    links point at the article itself."""
    share = f"* [Tweet](https://twitter.com/intent/tweet?text={ENCODED}&url=https%3A%2F%2Fnews.example%2Fa)"
    teaser = "Read more: Voters back the library’s return after a year of repairs, says the mayor"
    units = _units(share, teaser, *PARAGRAPHS)
    assert recased("VOTERS BACK THE LIBRARY’S RETURN AFTER A YEAR OF REPAIRS", units) == (
        "Voters Back the Library’s Return After a Year of Repairs"
    )


def test_a_link_passing_on_no_address_carries_no_share_text() -> None:
    """A search or a bug list names itself in a parameter (`?title=Resolved bugs`): no share link."""
    units = _units("* [Bugs](https://bugs.example/list?title=Resolved%20bugs%20this%20week&id=12)")
    assert link_texts(units) == []
    shared = _units("* [Mail](mailto:?subject=Resolved%20bugs%20this%20week&body=https%3A%2F%2Fnews.example%2Fa)")
    assert link_texts(shared)[0] == "Resolved bugs this week"


def test_a_parameter_holding_only_part_of_the_title_or_in_capitals_gives_no_case() -> None:
    """The whole title, word for word, in other case than capitals: a slug's words or a shorter
    text are no printing of it."""
    units = _units(
        "* [Tweet](https://twitter.com/intent/tweet?text=Voters%20Back%20the%20Library&url=https://news.example/a)",
        "* [Mail](mailto:?subject=VOTERS%20BACK%20THE%20LIBRARY%20RETURN&body=https://news.example/a)",
    )
    assert linked_title("VOTERS BACK THE LIBRARY RETURN", link_texts(units)) is None


def test_a_dump_with_its_headline_in_capitals_and_a_share_bar_prints_the_title_as_shared() -> None:
    """End to end: a converter printing headings in capitals and links as `text [address]`."""
    menu = "\n".join(f" * {item} [/{item.lower()}/]" for item in ("Home", "News", "Sport", "Culture", "Weather"))
    share = " * Tweet [https://twitter.com/intent/tweet?text=" + ENCODED.replace("%E2%80%99", "%27") + "&url=https://a.example/a]"
    article = "\n\n".join(textwrap.fill(p, 80) for p in PARAGRAPHS)
    page = f"{menu}\n\n\n{TITLE.upper()}\n\n{share}\n\n{article}\n\n{menu}\n"
    assert parse(page.encode(), "page.txt").headline == TITLE


SHARED = "Drusen fordern Teilhabe statt Schutzgarantien"


def test_a_kicker_printed_before_the_title_is_left_out_when_the_share_links_carry_the_title_alone() -> None:
    """`Kicker - Title` on one line: the share link's subject tells where the title starts."""
    texts = link_texts(_units(f"* [E-Mail](mailto:?subject={SHARED}&body=https://news.example/a)"))
    assert texts[0] == SHARED
    assert shared_part(f"Minderheit in Syrien - {SHARED}", texts) == SHARED
    assert shared_part(f"Meinung {SHARED}", texts) == SHARED  # a section label glued before it
    assert shared_part(f"Minderheit in Syrien - {SHARED}", []) == f"Minderheit in Syrien - {SHARED}"


def test_a_site_name_after_a_separator_is_left_out_but_a_shortened_share_text_cuts_nothing() -> None:
    """After the title only a separator and a name may follow (`Title - Site`); a share text the
    line goes on after without one is shortened (a tweet's), and a text of two words is a tag."""
    texts = [SHARED]
    assert shared_part(f"{SHARED} - Example Gazette", texts) == SHARED
    assert shared_part(f"{SHARED} von neuer Regierung", texts) == f"{SHARED} von neuer Regierung"
    assert shared_part("Axios Future", ["future"]) == "Axios Future"
    assert shared_part("Neue Schule in Leipzig", ["Schule in"]) == "Neue Schule in Leipzig"


def test_a_closing_link_list_keeps_a_share_link_printed_with_its_spaces() -> None:
    """lynx prints a `mailto:` target as the page wrote it, spaces and all: the address stays
    the first word (a link's target), the whole line is kept for the title it carries."""
    page = (
        "Minderheit in Syrien - Drusen fordern Teilhabe statt Schutzgarantien\n\n"
        "[1]E-Mail and [2]Home\n\nReferences\n\n"
        f"   1. mailto:?subject={SHARED}&body=https://news.example/a\n"
        "   2. https://news.example/\n"
    )
    _, references = link_list(page)
    assert references["1"] == "mailto:?subject=Drusen"
    assert SHARED in link_texts([], references)


def test_a_whole_page_dump_prints_the_title_its_share_links_carry() -> None:
    """End to end: an html2text page whose heading glues a kicker before the title."""
    menu = "\n".join(f"  * [{item}](/{item.lower()}/)" for item in ("Home", "News", "Sport", "Culture", "Weather"))
    share = f"  * [E-Mail](mailto:?subject={TITLE}&body=https://news.example/a)"
    article = "\n\n".join(PARAGRAPHS)
    page = f"{menu}\n\n# Town Hall - {TITLE}\n\n{share}\n\n{article}\n\n{menu}\n"
    assert parse(page.encode(), "page.md").headline == TITLE


def test_the_pick_yields_to_the_nearest_line_printing_the_share_links_title() -> None:
    """A label the model picked (`Essay`) yields to the line printing what the share links carry,
    but not to a teaser (a list item or a link), a line under the region, or a description."""
    units = _units("Essay", TITLE, *PARAGRAPHS, f"{TITLE}.")
    assert _shared_line(units, 0, len(units), [TITLE]) == 1
    assert _shared_line(units, 0, 1, [TITLE]) == 0  # the title stands under the region's end
    assert _shared_line(units, 1, len(units), [TITLE]) == 1
    teaser = [Unit(raw=f"* {TITLE}", visible=TITLE, bullet=True)]
    assert _shared_line([*_units("Essay"), *teaser], 0, 2, [TITLE]) == 0
    assert _shared_line(_units("Essay", f"{TITLE}."), 0, 2, [f"{TITLE}."]) == 0
    assert _shared_line(units, 0, len(units), ["Voters Back"]) == 0  # two words: a tag, not a title
    kicker = _units("Essay", f"Town Hall - {TITLE}", *PARAGRAPHS)
    assert _shared_line(kicker, 0, len(kicker), [TITLE]) == 1  # printed after a kicker
