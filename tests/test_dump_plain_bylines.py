"""Bylines of dumps printed without link markup (pandoc's plain text, lynx without its link list,
html2text without links): the author is read from how the name is printed, with no author-page
link to lean on.

Each page is a few lines written here in the way such a tool prints one.
"""

from __future__ import annotations

from newsarchive.model import Person
from newsarchive.parse import parse
from newsarchive.parse.dump import without_outlet
from newsarchive.parse.dump_region import paragraph_units

from .test_parse_dumps import HEADLINE, MORE, PROSE

NAV = "Skip to content\n\nThe Harbour Gazette\n\n-   News\n-   Sport\n-   Culture\n-   Opinion\n-   Video\n\n"
FOOT = "\n\n-   About us\n-   Contact\n-   Privacy\n-   Jobs\n-   Archive\n"


def byline(header: str) -> list[str]:
    """The names read from a page whose header zone (under the headline) is `header`."""
    text = f"{NAV}{HEADLINE}\n\n{header}\n\n{PROSE}\n\n{MORE}{FOOT}"
    return [p.name for p in parse(text.encode(), "page.txt").byline]


def test_an_author_photo_placeholder_beside_the_name_is_no_part_of_it() -> None:
    """pandoc prints an author photo as `[alt]` or `[]` on the name's line: the name is read without it."""
    assert byline("[] Sarah Archer – Journalist Journalist\n\n5 March 2024") == ["Sarah Archer"]
    assert byline("By :\n\n[Sarah A.] Sarah A.\n\n5 March 2024") == ["Sarah A"]
    assert byline("von [Newsdesk] Newsdesk 5. März 2024, 12:01") == ["Newsdesk"]


def test_an_author_photo_alt_text_printed_bare_as_a_slug_before_the_name_is_no_part_of_it() -> None:
    """lynx without its link list prints an author photo's alt text bare (`sarcher-headshot Sarah Archer`)."""
    assert byline("sarcher-headshot Sarah Archer\n\n5 March 2024") == ["Sarah Archer"]
    assert byline("author-photo-2 Sarah Archer\n\n5 March 2024") == ["Sarah Archer"]
    assert byline("Sarah-Jane Archer\n\n5 March 2024") == ["Sarah-Jane Archer"]


def test_a_byline_glued_to_the_end_of_a_wrapped_standfirst_is_the_byline() -> None:
    """A dump that joins wrapped lines reads a `By` line under the standfirst as part of it."""
    assert byline(f"{MORE} By SARAH ARCHER and TOM REED\n\n5 March 2024") == ["SARAH ARCHER", "TOM REED"]
    assert byline(f"{MORE[:-1]} By\n\nSarah Archer\n\n5 March 2024") == ["Sarah Archer"]
    # The standfirst's text stays in the body.
    text = f"{NAV}{HEADLINE}\n\n{MORE} By SARAH ARCHER\n\n5 March 2024\n\n{PROSE} {MORE}\n\n{MORE}{FOOT}"
    assert parse(text.encode(), "page.txt").body.startswith(MORE)
    # A sentence opening with `By` that goes on past names is no byline.
    assert byline(f"{MORE} By Tuesday the boat was full\n\n5 March 2024") == []


def test_a_handle_glued_to_the_byline_name_is_no_part_of_it() -> None:
    """Dumps print the author's handle link right after the name, no space between."""
    assert byline("By Sarah Archer@sarcher Updated Mar 5, 2024, 2:15pm EDT") == ["Sarah Archer"]


def test_a_noun_label_before_a_single_word_without_a_colon_is_no_byline() -> None:
    """`Text Size` over a font-size menu is an interface label; `Text: Jane Doe` is a byline."""
    assert byline("Sarah Archer / Gazette / Mar 5, 2024, 17:07\n\nShare\n\nText Size\n\n-   Small\n\n-   Large") == [
        "Sarah Archer"
    ]


def test_name_lines_one_under_the_other_in_the_header_are_co_authors() -> None:
    """Co-authors printed one per line over the dateline: every name line of the run credits."""
    assert byline("Sarah Archer\n\nTom Reed Holm\n\nPublished 5 March 2024") == ["Sarah Archer", "Tom Reed Holm"]


def test_a_byline_and_its_dateline_opening_a_long_unit_credit_the_name() -> None:
    """The lines under the headline joined with the lead after them: `By Name Published …` opens it."""
    long_unit = f"By Sarah Archer Published in Metro March 5, 2024 2:24 pm {PROSE} {MORE}"
    text = f"{NAV}{HEADLINE}\n\n{long_unit}\n\n{MORE}\n\n{PROSE}{FOOT}"
    assert [p.name for p in parse(text.encode(), "page.txt").byline] == ["Sarah Archer"]


def test_a_name_line_is_measured_without_its_photo_placeholder_and_the_time_after_it() -> None:
    """The placeholder and `• 8h …` are left out of the name, so they do not count in its length either."""
    line = "[a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d] Sarah Archer • 8h Share Tweet Share"
    assert byline(f"{line}\n\n5 March 2024") == ["Sarah Archer"]


def test_a_byline_between_a_headline_printed_apart_and_the_article_text_is_the_byline() -> None:
    """A headline printed in a top bar, over teasers: the article's own byline stands over its text, past the search."""
    teasers = "\n\n".join(f"-   Teaser story number {n} about the town" for n in range(1, 21))
    share = "\n\n".join(("Share", "Tweet", "Email", "Print", "Save", "Comments"))
    article = f"{PROSE}\n\n{MORE}\n\n{MORE} {PROSE}"
    text = f"{NAV}{HEADLINE}\n\n5 March 2024\n\n{teasers}\n\nWritten by\n\nSarah Archer\n\n{share}\n\n{article}{FOOT}"
    article = parse(text.encode(), "page.txt")
    assert article.headline == HEADLINE
    assert [p.name for p in article.byline] == ["Sarah Archer"]


def test_a_name_line_beside_a_dateline_among_the_short_lines_opening_the_text_is_the_byline() -> None:
    """The article's own header: the short lines from the start of its text to its first long paragraph."""
    teasers = "\n\n".join(f"-   Teaser story number {n} about the town" for n in range(1, 21))
    caption = "The old ferry at its berth in the harbour on Monday morning, before the council voted on its future."
    opening = f"{caption}\n\nShare\n\nPrint\n\nSarah Archer\n\n5 March 2024"
    text = f"{NAV}{HEADLINE}\n\n{teasers}\n\n{opening}\n\n{PROSE} {MORE}\n\n{MORE} {PROSE}{FOOT}"
    assert [p.name for p in parse(text.encode(), "page.txt").byline] == ["Sarah Archer"]


def test_the_wires_a_byline_names_after_with_are_no_part_of_the_name() -> None:
    """`By Euronews with Agencies`, `By Jane Doe with AFP`: the agencies that contributed are no name."""
    assert byline("By Sarah Archer with Agencies\n\n5 March 2024") == ["Sarah Archer"]
    assert byline("By Sarah Archer with AFP\n\n5 March 2024") == ["Sarah Archer"]


def test_a_byline_naming_the_newsroom_in_lower_case_words_is_no_name() -> None:
    """`Von unserer Redaktion`, `by our correspondent`: a phrase opening in lower case stands for the newsroom."""
    assert byline("Von unserer Redaktion\n\n5. März 2024") == []
    assert byline("by our correspondent\n\n5 March 2024") == []
    # Particles may open a name.
    assert byline("Von van der Berg Jansen\n\n5. März 2024") == ["van der Berg Jansen"]
    # The agency line beside the dateline then credits the page.
    assert byline("dpa\n\n5. März 2024 - 15:26 Uhr") == ["dpa"]


def test_an_author_photo_printed_as_a_markdown_image_on_the_name_line_is_no_markup() -> None:
    """html2text without links prints an author photo as `![alt](src)` before the name: still a name line."""
    photo = "![sarcher-headshot](https://img.example.org/sarcher.jpg?w=80&h=80)"
    assert byline(f"{photo} Sarah Archer\n\n5 March 2024") == ["Sarah Archer"]
    assert byline("![](//img.example.org/6eef5bc5) Sarah Archer •  8h\n\n5 March 2024") == ["Sarah Archer"]
    # A name that is a link's text is still a button or a label, not a printed byline.
    assert byline("[Sarah Archer](https://example.org/menu)\n\n5 March 2024") == []


def test_a_footnote_mark_glued_to_a_listed_name_is_no_part_of_it() -> None:
    """Journals print affiliation marks after each author: `Jane Doe¹,` or, as a plain digit, `Jane Doe1,`."""
    assert byline("By\n\n-   Sarah Archer⁰,\n-   Tom Reed¹ &\n-   Ann Lee") == ["Sarah Archer", "Tom Reed", "Ann Lee"]
    assert byline("By\n\n-   Sarah Archer1,\n-   Tom Reed2") == ["Sarah Archer", "Tom Reed"]


def test_a_name_line_with_its_job_title_on_the_next_line_credits_like_a_byline() -> None:
    """An author box prints the job title under the name (`Jane Doe` / `Senior reporter`), no dateline beside it."""

    def boxed(box: str) -> list[str]:
        text = f"{NAV}{HEADLINE}\n\n5 March 2024\n\n{PROSE} {MORE}\n\n[]\n\n{box}\n\n{MORE} {PROSE}{FOOT}"
        return [p.name for p in parse(text.encode(), "page.txt").byline]

    assert boxed("Sarah Archer\n\nSenior reporter") == ["Sarah Archer"]
    # A name over a line that is no job title, or over another name, credits no one there.
    assert boxed("Sarah Archer\n\nMore stories") == []
    assert boxed("Sarah Archer\n\nTom Reed") == []


def test_the_site_name_printed_after_the_byline_name_is_no_part_of_it() -> None:
    """The words closing a byline's name that the page prints as a line of its own (its site bar) name the outlet."""
    assert byline("Veröffentlicht am 05.03.2024 von Sarah Archer The Harbour Gazette") == ["Sarah Archer"]
    assert byline("By Sarah Archer The Harbour Gazette\n\n5 March 2024") == ["Sarah Archer"]
    # Words the page prints nowhere else stay: a three-word name is a name.
    assert byline("By Sarah Jane Archer\n\n5 March 2024") == ["Sarah Jane Archer"]
    # What the cut would leave must read as a name: an author box's label over its name line stays whole.
    units = paragraph_units([("Alles von Sarah Archer", 0), ("Sarah Archer", 0), ("Gazette", 0)])
    people = [Person(name="Alles von Sarah Archer"), Person(name="Tom Reed Gazette")]
    assert [p.name for p in without_outlet(people, units)] == ["Alles von Sarah Archer", "Tom Reed"]


def test_a_name_printed_in_bold_above_the_dateline_or_the_text_is_the_byline() -> None:
    """Markdown dumps print a byline in bold (`**Sarah Archer**`, `**Sarah Archer** Reporter`): a
    bold name is read as a name line right above the dateline or the article's first paragraph;
    elsewhere emphasis makes a label."""
    assert byline("**Sarah Archer**\n\n5 March 2024") == ["Sarah Archer"]
    assert byline("**Sarah Archer** Deputy News Editor\n\n5 March 2024") == ["Sarah Archer"]
    assert byline("5 March 2024\n\n**Sarah Archer**") == ["Sarah Archer"]
    assert byline("**Sarah Archer**\n\nShare\n\nPrint\n\n5 March 2024") == []
