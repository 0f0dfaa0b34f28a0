"""Dump conventions of text browsers the reading recognises from content (`parse/dump_refs.py`).

Each fixture under tests/fixtures/dumps/ is a small invented page printed the way lynx, elinks
or wrapped html2text print one; each test names the convention it checks.
"""

from __future__ import annotations

from pathlib import Path

from newsarchive.model import Article
from newsarchive.parse import parse
from newsarchive.parse.dump_refs import link_list, unwrap_markdown

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "dumps"


def parsed(name: str) -> Article:
    path = FIXTURES / name
    return parse(path.read_bytes(), name)


def test_closing_link_list_is_cut_even_where_a_mailto_target_runs_over_lines() -> None:
    """A `mailto:` target with line breaks must not end the list: links after it keep their targets."""
    article = parsed("lynx_mailto_list.txt")
    assert article.headline == "Library reopens its doors after a year of repairs"
    assert [link.href for link in article.links if link.kind == "inline"] == [
        "https://courier.example.org/files/library-works.pdf"
    ]
    assert "mailto" not in article.body and "example.org" not in article.body
    assert article.body.startswith("The town library opened again on Monday")


def test_link_list_spans_visible_and_hidden_labels_under_one_heading() -> None:
    """lynx prints `Visible links:` and `Hidden links:` under one `References`: all of it is the list."""
    text = (
        "   [1]Home [2]News\n\nReferences\n\n   Visible links:\n   1. https://a.example/\n"
        "   2. mailto:?body=two\nlines\n\n   Hidden links:\n   3. https://a.example/people/ann\n"
    )
    body, targets = link_list(text)
    assert body == "   [1]Home [2]News\n\n"
    assert targets == {"1": "https://a.example/", "2": "mailto:?body=two", "3": "https://a.example/people/ann"}


def test_a_numbered_url_list_without_markers_before_it_stays_in_the_text() -> None:
    """An article's own `References` section of URLs is text when nothing above points at it."""
    text = "Sources for this story.\n\nReferences\n\n1. https://a.example/study\n2. https://b.example/data\n"
    assert link_list(text) == (text, {})


# -- hard-wrapped markdown -------------------------------------------------------------------


def test_wrapped_markdown_link_broken_inside_its_url_is_read_whole() -> None:
    """html2text wraps at 78 columns, breaking a link's target after a hyphen: rejoined, the link is kept."""
    article = parsed("html2text_wrapped.md")
    assert article.headline == "Library reopens its doors after a year of repairs to the roof and heating"
    assert [p.name for p in article.byline] == ["Ann Lee"]
    inline = [(link.text, link.href) for link in article.links if link.kind == "inline"]
    assert inline == [
        (
            "full report on the works",
            "https://courier.example.org/files/library-works-and-heating-report-2024-final.pdf",
        )
    ]
    assert "librarian said, and the full report on the works is now on the town's website" in article.body
    assert len(article.sections[0].paragraphs) == 5


WRAPPED = (
    "[a](/a) [b](/b) [c](/c) [d](/d) [e](/e)\n\n"
    + "\n\n".join(
        "The harbour ferry will start running again next month, the city council said\n"
        "on Tuesday, ending a pause that began when the old boat failed its safety\n"
        "inspection."
        for _ in range(6)
    )
    + "\n\n"
)


def test_unwrap_joins_lines_broken_at_the_measured_column() -> None:
    """Each wrapped paragraph becomes one line, as unwrapped html2text prints it."""
    unwrapped = unwrap_markdown(WRAPPED)
    paragraph = (
        "The harbour ferry will start running again next month, the city council said on Tuesday, "
        "ending a pause that began when the old boat failed its safety inspection."
    )
    assert unwrapped.split("\n\n")[1:7] == [paragraph] * 6


def test_unwrap_joins_a_hyphen_break_without_a_space_and_keeps_code_and_hard_breaks() -> None:
    """A word broken after its hyphen is one word again; code lines and `  ` line breaks stay lines."""
    text = (
        WRAPPED + "Officials said the boat was bought after a long and well-publicised computer-\n"
        "aided tender, and it will carry bicycles too.\n\n"
        "    first line of code that is long enough to come near the wrapping column\n"
        "    second line of code\n\n"
        "A line ending in a hard break that is long enough to come near the column  \n"
        "and the next line.\n"
    )
    unwrapped = unwrap_markdown(text)
    assert "well-publicised computer-aided tender, and it will carry bicycles too." in unwrapped
    assert "wrapping column\n    second line of code" in unwrapped
    assert "near the column  \nand the next line." in unwrapped


def test_unwrap_continues_a_sentence_whose_next_line_starts_like_a_list_item() -> None:
    """After a broken line of prose, `- jedoch …` goes on with the sentence (a list follows a blank line)."""
    text = WRAPPED + (
        "Die FDP von Parteichef Christian Lindner ist derzeit im Netz in aller Munde\n"
        "- jedoch eher weniger in positivem Kontext.\n\n"
        "  * a list item that is long enough to come near the wrapping column of the page\n"
        "  * the next list item\n"
    )
    unwrapped = unwrap_markdown(text)
    assert "in aller Munde - jedoch eher weniger" in unwrapped
    assert "column of the page\n  * the next list item" in unwrapped


def test_markdown_with_only_a_few_line_breaks_inside_links_is_not_unwrapped() -> None:
    """An unwrapped page may break a few lines inside a link's text: that is no wrapping column."""
    paragraphs = [
        f"A paragraph that html2text printed on one line because it was asked not to wrap, number {n} of them, "
        "and so on."
        for n in range(8)
    ]
    shares = [
        "[Share this story with a friend who would like to read it on the web, or print it for them, "
        f"or send it by post {n}\nnow](/share)"
        for n in range(3)
    ]
    text = "[a](/a) [b](/b) [c](/c) [d](/d) [e](/e)\n\n" + "\n\n".join(paragraphs + shares) + "\n"
    assert unwrap_markdown(text) == text


# -- text-browser marks around a heading ------------------------------------------------------


def test_headline_printed_as_a_numbered_link_loses_its_marker() -> None:
    """A heading that is a link prints `[10]` before it in lynx: the marker is no part of the headline."""
    article = parsed("lynx_linked_headline.txt")
    assert article.headline == (
        "Library reopens its doors after a year of repairs to its roof, its heating and the reading room on the "
        "first floor"
    )
    assert [p.name for p in article.byline] == ["Ann Lee"]
    assert article.date == "2024-04-12"
    assert len(article.sections[0].paragraphs) == 5
    assert "Most read" not in article.body


def test_headline_printed_as_a_list_item_loses_its_marks() -> None:
    """html2text prints a heading inside a list item as `* # Title`: the marks are no part of the headline."""
    from newsarchive.parse.dump import headline_raw
    from newsarchive.parse.dump_region import Unit

    assert headline_raw(Unit("* # Bridge reopens after repairs", bullet=True)) == "Bridge reopens after repairs"
    assert headline_raw(Unit("Bridge reopens [bridge-photo.jpg?w=300] after repairs")).split() == (
        "Bridge reopens after repairs".split()
    )
