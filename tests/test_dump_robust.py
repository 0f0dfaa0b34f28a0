"""Readings of whole-page dumps that rest on conventions every site and dump tool shares, so they
hold on sites and tools the reading never saw.

Each page is a few lines written here in the way such a tool prints one.
"""

from __future__ import annotations

from newsarchive.parse import parse

from .test_parse_dumps import HEADLINE, MORE, PROSE

MENU_MD = "\n".join(f"-   [{name}](/{name.lower()}/)" for name in ("News", "Sport", "Culture", "Opinion", "Video"))
FOOT_MD = "-   [About us](/about/)\n-   [Contact](/contact/)\n-   [Privacy](/privacy/)\n-   [Jobs](/jobs/)"


def _page(header: str, body: str = f"{PROSE}\n\n{MORE}") -> str:
    return f"{MENU_MD}\n\n# {HEADLINE}\n\n{header}\n\n{body}\n\n{FOOT_MD}\n"


def test_a_name_printed_as_one_link_beside_the_dateline_is_the_byline() -> None:
    """A markdown dump prints the author as the link to the author's page, whatever the site
    calls that folder (`/u/`, `/people/`): beside the dateline, a link addressed by its text's
    words is the byline."""
    for link in ("[Sarah Archer](https://gazette.example.net/u/archersarah)", "- [Sarah Archer](/people/sarah-archer)"):
        article = parse(_page(f"{link}\n\nMarch 5, 2024").encode(), "page.md")
        assert [p.name for p in article.byline] == ["Sarah Archer"]
    # Co-authors printed one link per line above the dateline.
    two = "[Sarah Archer](/u/sarah-archer)\n\n[Tom Reed](/u/tom-reed)\n\nMarch 5, 2024"
    assert [p.name for p in parse(_page(two).encode(), "page.md").byline] == ["Sarah Archer", "Tom Reed"]


def test_a_linked_label_beside_the_dateline_is_no_byline() -> None:
    """A link that is no name (a section, a button), or a name linking to a page not named after
    it, beside the dateline names nobody."""
    for link in ("[Share This](/share)", "[World news](/world/)", "[Sarah Archer](https://example.org/menu)"):
        article = parse(_page(f"{link}\n\nMarch 5, 2024").encode(), "page.md")
        assert [p.name for p in article.byline] == []


def test_a_name_under_the_authors_photo_after_the_article_is_the_byline() -> None:
    """An author box after the article prints the author's photo, its alt text or file name
    spelling the name, over the name: the byline when nothing above credits the article."""
    for photo in ("[Archer_S]", "-   ![](//img.example.net/journalists/archer-sarah.png)"):
        text = f"{MENU_MD}\n\n# {HEADLINE}\n\n{PROSE}\n\n{MORE}\n\n{photo}\n\nSarah Archer\n\n{FOOT_MD}\n"
        assert [p.name for p in parse(text.encode(), "page.md").byline] == ["Sarah Archer"]


def test_a_name_after_the_article_without_its_photo_is_no_byline() -> None:
    """A name line after the article beside someone else's picture (a teaser's) credits nobody."""
    text = f"{MENU_MD}\n\n# {HEADLINE}\n\n{PROSE}\n\n{MORE}\n\n[harbour-view]\n\nSarah Archer\n\n{FOOT_MD}\n"
    assert [p.name for p in parse(text.encode(), "page.md").byline] == []


def test_text_glued_after_an_image_in_one_paragraph_is_its_caption() -> None:
    """A converter prints a figure's image and its caption as one paragraph; the article's own
    paragraphs open with words, so the text after the image is a caption, not body text."""
    figure = "![](https://img.example.net/ferry.jpg) The new ferry at the harbour wall on Monday. Photo: Tom Reed"
    text = f"{MENU_MD}\n\n# {HEADLINE}\n\n{PROSE}\n\n{figure}\n\n{MORE}\n\n{FOOT_MD}\n"
    article = parse(text.encode(), "page.md")
    assert "harbour wall" not in article.body
    assert any("harbour wall" in c.text for c in article.captions)
    assert article.body.startswith(PROSE) and MORE in article.body



def test_a_date_with_share_addresses_printed_after_it_is_the_dateline() -> None:
    """A serialiser printing links by their targets glues the share buttons' addresses to the
    date: left out, the line is a dateline, and the name beside it the byline."""
    share = " ".join(
        f"https://{site}/share?u=https%3A%2F%2Fgazette.example.net%2F2024%2F03%2Fharbour-ferry-service-to-resume"
        for site in ("www.facebook.com", "twitter.com", "www.linkedin.com")
    )
    header = f"[Sarah Archer](/u/sarah-archer)\n\nMarch 5, 2024 {share}"
    article = parse(_page(header).encode(), "page.md")
    assert article.date is not None and article.date.startswith("2024-03-05")
    assert [p.name for p in article.byline] == ["Sarah Archer"]


def test_a_label_glued_in_capitals_to_a_byline_in_capitals_is_no_part_of_the_name() -> None:
    """A page setting its byline in capitals sets the network label beside it so too."""
    header = "[BY SARAH ARCHER](/authors/sarah-archer/)TWITTER\n\nMarch 5, 2024"
    assert [p.name for p in parse(_page(header).encode(), "page.md").byline] == ["SARAH ARCHER"]


def test_teaser_cards_with_their_titles_as_headings_after_a_teaser_heading_are_not_body() -> None:
    """Under `More from …`, each card prints its title as a heading, the title again as its
    link, then a one-line summary: cards, not sections of the article, down to the last one."""
    cards = "\n\n".join(
        f"## {title}\n[{title}](https://gazette.example.net/{n})\n\n{summary}"
        for n, (title, summary) in enumerate(
            (
                ("Council votes on the new budget", "The vote follows a debate that ran late into the night."),
                ("Schools reopen after the storm", "Pupils returned on Monday after a week at home."),
            )
        )
    )
    text = f"---\ntitle: {HEADLINE}\n---\n\n{PROSE}\n\n{MORE}\n\n## More from the Gazette\n\n{cards}\n"
    body = parse(text.encode(), "page.md").body
    assert PROSE in body and MORE in body
    assert "Schools reopen" not in body and "debate that ran late" not in body and "Pupils returned" not in body


def test_the_prose_after_a_list_the_article_introduces_stays_body_though_a_longer_run_follows() -> None:
    """After a list introduced with a colon, the article's prose resumes: it stays body up to
    its first gap, though a run of more prose stands further down the page (teasers with
    summaries after the gap)."""
    from .test_dump_body import LONG_ARTICLE, page

    entries = [f"• Boat {n} leaves the island pier at {n + 5} in the morning" for n in range(7)]
    resumed = "The council will review the timetable after the first summer, the mayor said on Tuesday."
    labels = ["Share", "Tweet", "Email", "Print", "Comments", "Most read", "Latest"]
    teasers = [
        "The school on the hill will open a second building next year, after the council approved the plans.",
        "A storm closed the coastal road for two days, and the repairs are expected to take the whole month.",
    ]
    text = page(*LONG_ARTICLE, "Here is what passengers need to know:", *entries, resumed, *labels, *teasers)
    body = parse(text.encode(), "page.md").body
    assert body.endswith(resumed)


def test_the_article_resumes_after_a_box_inside_it_though_a_longer_run_follows() -> None:
    """Three long paragraphs after a box inside the article say it goes on, up to its next gap,
    though more prose stands further down the page (teasers with summaries past the footer)."""
    from .test_dump_body import LONG_ARTICLE, RELATED_BOX, page

    later = [
        "The ferry company said on Wednesday that the timetable would be printed in the town hall.",
        "Fishermen in the harbour welcomed the news, and said the old boat had been a danger.",
        "The council will hold a meeting on the price of the tickets in May, after the first month.",
    ]
    labels = [f"Section {n}" for n in range(14)]
    teasers = [
        "The school on the hill will open a second building next year, after the council approved the plans.",
        "A storm closed the coastal road for two days, and the repairs are expected to take the whole month.",
        "The library will stay open until nine in the evening during the exams, the librarians said on Monday.",
        "Two new doctors have joined the practice in the square, and the waiting list is shorter than last year.",
    ]
    body = parse(page(*LONG_ARTICLE, *RELATED_BOX, *later, *labels, *teasers).encode(), "page.md").body
    assert body.endswith(later[-1])


# Paragraphs with few function words (as a language no stopword list covers well reads): each
# scores as near prose, not full prose.
TERSE = [
    "Council approves ferry budget Tuesday. The vessel is leased for three years, carrying roughly "
    "four hundred passengers daily during summer season.",
    "Island residents demanded the service return since stoppage. The mayor promised town reserves "
    "covering the first lease year, council minutes show.",
    "Old boat carried passengers across the bay thirty years. Islanders remember slow crossings, the "
    "loud morning horn, cramped benches in winter.",
    "Engineers declared the hull beyond repair two years ago. Replacement costs exceeded council "
    "estimates by half, officials said on Monday.",
]
TERSE_LATER = [
    "Timetable printing begins Wednesday near the town hall. Local fishermen welcomed the news, "
    "calling the old boat dangerous during storms.",
    "Harbour repairs finish before launch. Contractors replaced the wooden pier, widening the "
    "boarding ramp, council engineers confirmed Friday.",
    "Regional transport officials praised the plan. Neighbouring islands expect similar services "
    "within five years, the budget documents show it.",
]


def test_an_article_in_terse_prose_resumes_after_a_box_inside_it() -> None:
    """Where the article's own paragraphs score as near prose (few function words), prose of the
    same level after a box inside it says the article goes on."""
    from .test_dump_body import RELATED_BOX, page

    body = parse(page(*TERSE, *RELATED_BOX, *TERSE_LATER).encode(), "page.md").body
    assert body.startswith(TERSE[0]) and body.endswith(TERSE_LATER[-1])


def test_a_rights_line_in_the_body_is_no_body_text_and_a_credited_caption_a_caption() -> None:
    """An article's own paragraphs carry no copyright notice: a rights line closing a syndicated
    article is dropped, a caption with its `© X` credit is a caption."""
    from .test_dump_body import LONG_ARTICLE, page

    caption = "Passengers wait for the first crossing on the pier. © Tom Reed / Gazette"
    rights = "© 2024 Gazette Media Ltd. All rights reserved."
    article = parse(page(*LONG_ARTICLE[:3], caption, *LONG_ARTICLE[3:], rights).encode(), "page.md")
    assert "©" not in article.body and "rights reserved" not in article.body
    assert article.body.endswith(LONG_ARTICLE[-1])
    assert any(c.text.startswith("Passengers wait") and c.credit == "Tom Reed / Gazette" for c in article.captions)


def test_a_paragraph_ending_in_a_photo_credit_is_a_caption() -> None:
    """The article's paragraphs end on their sentence; a photo's caption ends on its credit, in
    any of the shapes a page prints it (`Foto: X`, `Photo by X /AFP via Getty Images`, `X/Getty
    Images`), and a dump without image markup prints it as a paragraph of its own."""
    from .test_dump_body import LONG_ARTICLE, page

    captions = [
        "Passengers wait for the first crossing on the pier. Foto: Privat",
        "The new ferry in the harbour on Monday. Photo by Tom Reed /AFP via Getty Images",
        "The mayor at the harbour office. Sarah Archer/Getty Images",
    ]
    article = parse(page(*LONG_ARTICLE[:2], *captions, *LONG_ARTICLE[2:]).encode(), "page.md")
    assert article.body == "\n\n".join(LONG_ARTICLE)
    credits = ["Privat", "Photo by Tom Reed /AFP via Getty Images", "Sarah Archer/Getty Images"]
    assert [c.credit for c in article.captions] == credits


def test_a_date_line_printed_again_inside_the_body_is_no_body_text() -> None:
    """A page prints its date again inside the article (a share bar's timestamp, `05.03.2024,
    15:23`): no article text. A quoted post's signature closing a quote stays."""
    from .test_dump_body import LONG_ARTICLE, page

    signature = "— Sarah Archer (@sarcher) March 4, 2024"
    opening = f"{LONG_ARTICLE[0]} {LONG_ARTICLE[1]}"  # a long paragraph opens the body proper
    for stamp in ("March 5, 2024 | 8:16am | Updated March 5, 2024 | 9:32pm", "05.03.2024, 15:23"):
        text = page(opening, LONG_ARTICLE[2], stamp, LONG_ARTICLE[3], signature, LONG_ARTICLE[4])
        article = parse(text.encode(), "page.md")
        assert stamp not in article.body and signature in article.body
        assert article.date is not None and article.date.startswith("2024-03-05")


def test_a_caption_ending_in_its_credit_under_the_headline_is_a_caption() -> None:
    """Above the article's first long paragraph (the header zone), a paragraph ending in a photo
    credit is the lead picture's caption, not a standfirst."""
    from .test_dump_body import LONG_ARTICLE, page

    caption = "Passengers wait for the first crossing on the pier on Monday morning. Photo by Tom Reed/Getty Images"
    opening = f"{LONG_ARTICLE[0]} {LONG_ARTICLE[1]}"
    article = parse(page(caption, opening, *LONG_ARTICLE[2:]).encode(), "page.md")
    assert article.body.startswith(opening) and "Passengers wait" not in article.body
    assert [c.credit for c in article.captions] == ["Photo by Tom Reed/Getty Images"]


def test_a_newsletter_box_inside_the_article_is_no_body_text() -> None:
    """A short paragraph naming a newsletter inside the article (a sign-up box between its
    paragraphs) is a promotion, never the article's text."""
    from .test_dump_body import LONG_ARTICLE, page

    promo = "By signing up you consent to receive the above newsletter from Gazette Media."
    opening = f"{LONG_ARTICLE[0]} {LONG_ARTICLE[1]}"
    article = parse(page(opening, LONG_ARTICLE[2], promo, *LONG_ARTICLE[3:]).encode(), "page.md")
    assert "newsletter" not in article.body and article.body.endswith(LONG_ARTICLE[-1])


def test_a_reader_mode_paragraph_ending_in_a_photo_credit_is_a_caption() -> None:
    """A reader-mode export keeps a picture's caption as a paragraph; ending on its credit, it
    is a caption, and a copyright line alone is no text."""
    caption = "Passengers wait for the first crossing on the pier. Credit: Tom Reed/AFP/Getty"
    text = f"---\ntitle: {HEADLINE}\n---\n\n{PROSE}\n\n{caption}\n\n{MORE}\n\nCopyright: Gazette Media, 2024\n"
    article = parse(text.encode(), "page.md")
    assert article.body == f"{PROSE}\n\n{MORE}"
    assert [(c.text, c.credit) for c in article.captions] == [
        ("Passengers wait for the first crossing on the pier.", "Tom Reed/AFP/Getty")
    ]


def test_a_long_footer_opening_with_its_rights_notice_is_no_body_text() -> None:
    """A footer's rights notice opens with its sign however long its terms run."""
    from .test_dump_body import LONG_ARTICLE, page

    terms = " ".join(["This service is provided on the standard terms and conditions of Gazette Media."] * 6)
    footer = f"©Gazette Media Limited, registered office 1 Harbour Street. {terms}"
    article = parse(page(*LONG_ARTICLE, footer).encode(), "page.md")
    assert "Gazette Media" not in article.body and article.body.endswith(LONG_ARTICLE[-1])


def test_a_bold_name_right_above_a_short_opening_paragraph_is_the_byline() -> None:
    """A name printed in bold right above the article's text is its byline, though the text
    opens on a paragraph shorter than the one the body proper starts at."""
    from .test_dump_body import LONG_ARTICLE, page

    long = f"{LONG_ARTICLE[1]} {LONG_ARTICLE[2]}"
    text = page("In [Local News](/local/), [News](/news/)", "May 14, 2025", "**Sarah Archer**", LONG_ARTICLE[0], long)
    assert [p.name for p in parse(text.encode(), "page.md").byline] == ["Sarah Archer"]
