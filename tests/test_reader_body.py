"""Reader-mode markdown (a front-matter header, then the body a reader-mode export kept): what of
the body is the article's, each rule with a small hand-written export."""

from __future__ import annotations

import pytest

from newsarchive.parse.text import parse_text

HEAD = "---\ntitle: Harbour ferry to resume next month\nauthor: Jane Doe\n---\n\n"
ARTICLE = [
    "The harbour ferry will resume its crossings next month after a two-year pause, the council said on Monday.",
    "Repairs to the pier cost more than planned, and the council had to find the money in its reserves.",
    "Residents on the island side have waited for the service since the storm damaged the landing stage.",
    "The first crossing is planned for the morning of the fifth, weather permitting, officials said.",
]


def body_text(text: str) -> list[str]:
    draft = parse_text(text)
    return [p for s in draft.sections for p in (s.heading, *s.paragraphs) if p]


@pytest.mark.parametrize(
    "promotion",
    [
        "[GET THE GAZETTE APP BY CLICKING HERE](https://example.com/apps)",
        "## [Watch: the island's landing stage after the storm](https://example.com/video/1)",
        "[Council approves new bus timetable for the coast road](https://example.com/news/2)",
    ],
)
def test_a_lone_link_between_the_articles_paragraphs_is_not_body_text(promotion: str) -> None:
    """A reader-mode export keeps the promotion or related story's title a page set between
    its paragraphs, a line that is one link and no sentence."""
    paragraphs = [*ARTICLE[:2], promotion, *ARTICLE[2:]]
    body = body_text(HEAD + "\n\n".join(paragraphs) + "\n")
    assert body == ARTICLE


def test_a_linked_sentence_between_the_articles_paragraphs_is_body_text() -> None:
    """A quotation linked to share it (`… continuum.Click To Tweet`) is a sentence: it stays."""
    quote = "[Every harbour town exists in the tides of its ferries.Click To Tweet](https://example.com/share)"
    body = body_text(HEAD + "\n\n".join([*ARTICLE[:2], quote, *ARTICLE[2:]]) + "\n")
    assert "Every harbour town exists in the tides of its ferries.Click To Tweet" in body
    assert body[:2] == ARTICLE[:2] and body[-2:] == ARTICLE[2:]


def test_the_heading_over_a_reader_mode_comment_section_is_cut_with_it() -> None:
    """The line naming the comments opens a section: its heading is the comment section's title."""
    tail = ["### Tell us what you think", "comments", "Mary", "Great news for the island, at last."]
    body = body_text(HEAD + "\n\n".join([*ARTICLE, *ARTICLE, *tail]) + "\n")
    assert body == [*ARTICLE, *ARTICLE]


@pytest.mark.parametrize("line", ["segunda-feira, 22 de janeiro de 2018 às 0:13", "Montag, 22. Januar 2018, 06:00 Uhr"])
def test_a_date_line_in_the_pages_language_above_the_text_is_not_body_text(line: str) -> None:
    """The date line a reader-mode export keeps over the text names its month in the page's language."""
    body = body_text(HEAD + "\n\n".join([line, *ARTICLE]) + "\n")
    assert body == ARTICLE


def test_a_second_level_heading_printing_the_title_over_the_text_is_no_section_heading() -> None:
    """A reader-mode export prints the title over the text as a `##` heading too, with a kicker
    glued on (`Harbour crossings Harbour service to …`): the headline, not a section heading."""
    text = "---\ntitle: 'Ferry: Harbour service to resume next month'\n---\n\n"
    body = body_text(text + "## Harbour crossings Harbour service to resume next month\n\n" + "\n\n".join(ARTICLE))
    assert body == ARTICLE
