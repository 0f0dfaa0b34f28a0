"""Whole-page dumps: where the article's body ends and what inside it is not article text.

Each test is a small invented page, written the way html2text or w3m print one, that checks
one rule of `dump_region` or of the body reading in `dump`.
"""

from __future__ import annotations

from newsarchive.parse import parse

NAV = "Skip to content\n\nThe Harbour Gazette\n\n  • News\n  • Sport\n  • Culture\n  • Opinion\n  • Video\n\n"
FOOT = "\n\n  • About us\n  • Contact\n  • Privacy\n  • Jobs\n  • Archive\n"
HEADLINE = "Harbour ferry service to resume after two-year pause"
ARTICLE = [
    "The harbour ferry will start running again next month, the city council said on Tuesday, "
    "ending a pause that began when the old boat failed its safety inspection.",
    "A new vessel has been leased for three years, and the council expects it to carry about four "
    "hundred passengers a day during the summer season.",
    "Residents of the island had asked for the service to return since it stopped, and the mayor "
    "said the town would pay for the first year of the lease from its reserves.",
]

# An article long enough that the region the reading picks first is its opening.
LONG_ARTICLE = [
    *ARTICLE,
    "The old boat had carried passengers across the bay for thirty years, and many of the "
    "islanders had grown up with its slow crossings and its loud horn in the morning.",
    "When it failed the inspection two years ago, the council first hoped to repair it, but "
    "the engineers said that the hull was too weak to be saved at any reasonable cost.",
]


def page(*paragraphs: str) -> str:
    return NAV + f"# {HEADLINE}\n\n" + "\n\n".join(paragraphs) + FOOT


def test_a_promotion_speaking_to_the_reader_after_the_article_is_not_body() -> None:
    """A newsletter or donation box closing the region addresses the reader (you, your, we,
    our) while the reported article does not: it is cut off with the short lines around it."""
    promo = (
        "Did you enjoy this article? Then support our work with a donation, or sign up for our "
        "newsletter and we will send you the best stories of your town every morning."
    )
    article = parse(page(*ARTICLE, "Share", promo).encode(), "page.md")
    assert article.body == "\n\n".join(ARTICLE)


def test_an_article_that_speaks_to_its_reader_throughout_keeps_its_last_paragraph() -> None:
    """Service journalism addresses its reader in every paragraph: its closing paragraph is
    no more addressing than the rest and stays."""
    advice = [
        "If you plan to take the ferry this summer, you should buy your ticket online, because "
        "your place on the boat is only guaranteed with a booking.",
        "You can bring your bicycle on board, and your dog may travel with you if you keep it on "
        "a lead during the whole crossing.",
        "When you arrive early, you will find your way to the pier easily, and you can wait in "
        "the new hall with your luggage.",
    ]
    article = parse(page(*advice).encode(), "page.md")
    assert article.body == "\n\n".join(advice)


def test_a_quoted_speaker_saying_we_at_the_end_of_the_article_is_body() -> None:
    """A speaker's `we` inside quotation marks addresses no reader: a closing quote stays."""
    quote = '"We have waited for this boat for two years, and we will use it every day," said a resident of the island.'
    article = parse(page(*ARTICLE, quote).encode(), "page.md")
    assert article.body == "\n\n".join([*ARTICLE, quote])


def test_a_quote_running_over_paragraphs_at_the_end_of_the_article_is_body() -> None:
    """A paragraph opening with a quotation mark is speech even when the quote closes in a
    later paragraph: its `you` and `your` address no reader."""
    quote = "\u201cNow you have to keep your eyes on the timetable every day, and you plan your week around the boat."
    article = parse(page(*ARTICLE, quote).encode(), "page.md")
    assert article.body == "\n\n".join([*ARTICLE, quote])


def test_promotions_followed_by_a_short_footer_paragraph_are_still_cut_off() -> None:
    """The addressing prose need not be the region's very last unit: a footer sentence after
    a newsletter box is cut off with it when the box outweighs it."""
    promo = (
        "Stay up to date with our newsletter: we send you the news of your town every morning, "
        "and you can unsubscribe from our list at any time with one click."
    )
    footer = "The Gazette is published by Harbour Media Ltd. in the old town."
    article = parse(page(*ARTICLE, promo, footer).encode(), "page.md")
    assert article.body == "\n\n".join(ARTICLE)


def test_a_notice_printed_twice_within_the_body_is_not_body_text() -> None:
    """A unit printed twice inside the article's run (a video player's notice before each
    clip) is a widget's: neither copy is body text, and the paragraphs around it stay."""
    notice = "To view this video please enable JavaScript and upgrade to a browser that plays it"
    text = page(ARTICLE[0], notice, ARTICLE[1], notice, ARTICLE[2])
    article = parse(text.encode(), "page.md")
    assert article.body == "\n\n".join(ARTICLE)


def test_a_caption_with_its_credit_printed_twice_within_the_body_stays_one_caption() -> None:
    """A photo caption printed twice in the body (under the picture and in a gallery) is a
    caption once, not dropped with the widgets' repeated lines."""
    caption = "The new ferry at the harbour pier on Monday (Photo: Jane Roe/Reuters)"
    text = page(ARTICLE[0], caption, ARTICLE[1], caption, ARTICLE[2])
    article = parse(text.encode(), "page.md")
    assert [c.text for c in article.captions] == ["The new ferry at the harbour pier on Monday"]
    assert article.body == "\n\n".join(ARTICLE)


def test_a_headline_read_below_most_of_the_article_keeps_the_article_above_it() -> None:
    """When as much of the region's prose stands above the line read as the headline as
    below it, that line is a crosshead of a long article: the text above it stays body."""
    from newsarchive.parse.dump import _inside_article
    from newsarchive.parse.dump_region import units_of

    later = (
        "The ferry company said on Wednesday that the timetable for the winter would be printed "
        "in the town hall next week."
    )
    units = units_of("\n\n".join([*ARTICLE, "Crosshead", later, "Menu", "Home"]))
    assert [u.quality > 0 for u in units] == [True, True, True, False, True, False, False]
    assert _inside_article(units, 0, 3, 5)  # three paragraphs above, one below
    assert not _inside_article(units, 0, 1, 5)  # one paragraph above, three below


def test_a_german_box_in_the_formal_address_after_the_article_is_not_body() -> None:
    """German addresses its reader with a capitalised `Sie`/`Ihnen` inside a sentence (at a
    sentence's start `Sie` may be `she`): a newsletter box in that form is cut off."""
    artikel = [
        "Die Fähre zum Hafen fährt ab dem nächsten Monat wieder, teilte der Stadtrat am Dienstag "
        "mit, nachdem das alte Boot die Sicherheitsprüfung nicht bestanden hatte.",
        "Sie soll im Sommer etwa vierhundert Fahrgäste am Tag befördern, und die Stadt zahlt das "
        "erste Jahr der Miete aus ihren Rücklagen.",
    ]
    box = (
        "Starten Sie mit den wichtigsten Themen aus der Stadt in den Tag, und erhalten Sie am "
        "Sonntag die besten Geschichten der Woche direkt in Ihr Postfach."
    )
    article = parse(page(*artikel, box).encode(), "page.md")
    assert article.body == "\n\n".join(artikel)


# A box of short teaser titles inside an article.
RELATED_BOX = ["Related", "Ferry timetable", "Harbour works delayed again", "Island school reopens", "More", "Video"]


def test_the_article_resumes_after_a_related_links_box_inside_it() -> None:
    """A box of short teaser titles inside the article makes a gap the region would not
    cross; three long paragraphs right after it say the article goes on."""
    before = LONG_ARTICLE
    later = [
        "The ferry company said on Wednesday that the timetable would be printed in the town hall.",
        "Fishermen in the harbour welcomed the news, and said the old boat had been a danger.",
        "The council will hold a meeting on the price of the tickets in May, after the first month.",
    ]
    article = parse(page(*before, *RELATED_BOX, *later).encode(), "page.md")
    assert article.body.startswith(ARTICLE[0])
    assert article.body.endswith(later[-1])


def test_the_article_resumes_after_a_box_when_a_short_line_breaks_its_long_paragraphs() -> None:
    """A paragraph a link's address broke in two leaves a short line of prose between the long
    paragraphs after a box inside the article: three long paragraphs among the first four units,
    all of them content, still say the article goes on."""
    later = [
        "The ferry company said on Wednesday that the timetable would be printed in the town hall.",
        "Fishermen in the harbour welcomed the news, and said the old boat had been a danger.",
        "the Gazette wrote, “it was about time, and long overdue.”",
        "The council will hold a meeting on the price of the tickets in May, after the first month.",
    ]
    article = parse(page(*LONG_ARTICLE, *RELATED_BOX, *later).encode(), "page.md")
    assert article.body.startswith(ARTICLE[0])
    assert article.body.endswith(later[-1])


def test_comments_after_a_gap_do_not_open_with_long_paragraphs_in_a_row_and_stay_out() -> None:
    """Only a run of long paragraphs carries the region over a gap: a single long comment
    after the sign-in lines stays out of the body."""
    gap = ["Comments", "Sign in", "Register", "Sort by", "Newest", "Oldest"]
    comment = (
        "I have taken this ferry for twenty years and I think the council should have acted much "
        "sooner, because the old boat was already failing when my children were small."
    )
    article = parse(page(*ARTICLE, *gap, comment, "Reply", "Report").encode(), "page.md")
    assert article.body == "\n\n".join(ARTICLE)


def test_alt_text_then_the_caption_with_a_more_button_is_one_caption() -> None:
    """Two neighbouring units opening alike and sharing most words (an image's alt text, then
    its caption with a `Vis mer` button) are one caption, not two body paragraphs."""
    alt = "KNIV: Denne kniven ble brukt til de ulovlige inngrepene. Foto: Politiet"
    text = page(ARTICLE[0], alt, f"{alt} Vis mer", ARTICLE[1], ARTICLE[2])
    article = parse(text.encode(), "page.md")
    assert article.body == "\n\n".join(ARTICLE)
    assert [c.text for c in article.captions] == [alt]


def test_entries_of_a_list_sharing_words_stay_body() -> None:
    """Entries of a list share many words but not their opening: they are no caption pair."""
    entries = [
        "Ryan Hollman: dealing in methamphetamine, possession of heroin, held in jail in lieu of bond.",
        "Victor Burton: dealing in methamphetamine, possession of heroin, held in jail in lieu of bond.",
    ]
    article = parse(page(*ARTICLE, *entries).encode(), "page.md")
    assert article.body == "\n\n".join([*ARTICLE, *entries])


def test_the_article_resumes_after_a_box_printed_with_empty_units_and_linked_paragraphs() -> None:
    """Units showing nothing (an image, a link without text) do not lengthen the gap, and a
    long paragraph holding a link still counts as the article resuming."""
    before = LONG_ARTICLE
    titles = ["Editor's picks", "Ferry timetable", "Harbour works delayed", "Island school reopens", "More", "Video"]
    box: list[str] = []
    for title in titles:
        box += ["[](https://example.net/a)", title]
    later = [
        "The ferry company said on Wednesday that the [winter timetable](https://example.net/t) would be "
        "printed in the town hall next week.",
        "Fishermen in the harbour welcomed the news, and said the old boat had been a danger.",
        "The council will hold a meeting on the price of the tickets in May, after the first month.",
    ]
    article = parse(page(*before, *box, *later).encode(), "page.md")
    assert article.body.endswith(later[-1])


def test_a_list_introduced_with_a_colon_after_the_article_stays_body() -> None:
    """A line ending in a colon announces the list after it: its entries without links are
    the article's own (facts, dates), though a gap of short lines would end the region."""
    entries = [
        "• The first boat leaves the island at six in the morning",
        "• The last crossing from the town is at ten at night",
        "• Children under twelve travel free of charge",
        "• Bicycles are carried on every crossing",
        "• Season tickets are sold at the harbour office",
        "• Dogs travel on the open deck only",
    ]
    text = page(*ARTICLE, "Here is what passengers need to know:", *entries)
    article = parse(text.encode(), "page.md")
    assert article.body.endswith(entries[-1].removeprefix("• "))


def test_a_row_of_tags_after_a_colon_is_no_list_of_the_article() -> None:
    """Entries of a list hold a few words: a row of one- or two-word tags after `Topics:`
    is page furniture and stays out of the body."""
    tags = ["• Ferries", "• Island life", "• Council", "• Transport", "• Harbour", "• Summer"]
    article = parse(page(*ARTICLE, "Topics:", *tags).encode(), "page.md")
    assert article.body == "\n\n".join(ARTICLE)


def test_a_list_of_links_after_a_colon_is_not_carried_into_the_body() -> None:
    """Only entries without links continue the article: related stories after `Read more:`
    are links and stay out of the body."""
    titles = [
        "Harbour works delayed again this spring",
        "Island school reopens after the floods",
        "New bus timetable for the north of the island",
        "Council to vote on the parking fees",
    ]
    links = [f"• [{title}](https://example.net/{n})" for n, title in enumerate(titles)]
    article = parse(page(*ARTICLE, "Read more on the island:", *links).encode(), "page.md")
    assert article.body == "\n\n".join(ARTICLE)


# A consent dialog printed at length after the page's footer: every paragraph speaks to its reader.
CONSENT = [
    "When you visit our website, we store cookies on your browser to collect information. The "
    "information collected might relate to you, your preferences or your device, and is mostly "
    "used to make the site work as you expect it to.",
    "These cookies allow us to count visits and traffic sources so we can measure and improve the "
    "performance of our site. They help us to know which pages are the most and least popular and "
    "see how visitors move around the site.",
    "These cookies may be set through our site by our advertising partners. They may be used by "
    "those companies to build a profile of your interests and show you relevant adverts on other "
    "sites, based on uniquely identifying your browser and your device.",
    "If you do not allow these cookies, you will experience less targeted advertising, and some "
    "of our services may not work as you expect them to when you come back to our pages.",
    "You can change your choices at any time by returning to this dialog, and you can read more "
    "about how we use your information in our privacy policy and in our cookie policy.",
]
CONSENT_BUTTONS = ["Allow All", "Manage Consent Preferences", "Reject All", "Confirm My Choices"]


def test_a_consent_dialog_longer_than_the_article_under_the_footer_is_not_the_article() -> None:
    """A cookie dialog speaking to its reader outweighs a short article it follows after a gap:
    the run of prose under the headline that does not speak to its reader is the article."""
    footer = "Share|About us|Contact|Advertise|Privacy|Terms|Jobs|Archive|Help|Sitemap|RSS|Cookies".split("|")
    article = parse(page(*ARTICLE, *footer, *CONSENT, *CONSENT_BUTTONS).encode(), "page.md")
    assert article.body == "\n\n".join(ARTICLE)


def test_an_article_speaking_to_its_reader_under_a_short_standfirst_stays_the_article() -> None:
    """A run of prose above the addressing one counts only when it could be an article
    (`MIN_ARTICLE_CHARS`): a one-sentence standfirst over a long share bar does not replace
    service journalism that speaks to its reader."""
    standfirst = "The harbour ferry is running again, and the town has put together what its passengers need to know."
    bar = "Share|Facebook|Twitter|Email|Print|Copy link|Related|Timetable|Tickets|Map|Video|Photos|Podcast".split("|")
    advice = [paragraph.replace("cookies", "tickets") for paragraph in CONSENT]
    article = parse(page(standfirst, *bar, *advice).encode(), "page.md")
    assert article.body.endswith(advice[-1])


def test_a_menu_between_a_headline_above_the_region_and_the_article_is_not_body() -> None:
    """A dump printing no link targets (w3m, `lynx -nolist`) shows a menu as a list of short
    items: a run of them under a headline printed above the article's region is no body text,
    though nothing marks its items as links."""
    menu = "Most read|Timetable|Harbour works|Schools|Weather|Tides|Parking|Events|Jobs|Shop|Puzzles|Podcasts|Letters"

    text = NAV + f"# {HEADLINE}\n\nBy Jane Roe\n\n" + "\n".join(f"  • {item}" for item in menu.split("|"))
    article = parse((text + "\n\n" + "\n\n".join(LONG_ARTICLE) + FOOT).encode(), "page.txt")
    assert article.body == "\n\n".join(LONG_ARTICLE)


def test_a_consent_dialog_above_the_menus_and_the_article_is_not_body() -> None:
    """A cookie dialog printed above a menu without links is joined to the article below it by
    the region: the run after the menu, longer and not speaking to its reader, is the article."""
    menu = "\n".join(f"  • {item}" for item in "News|Sport|Culture|Opinion|Video|Weather|Jobs|Shop".split("|"))
    dialog = "\n\n".join(["How would you like to read the Harbour Gazette?", *CONSENT[:2], *CONSENT_BUTTONS])
    text = f"{dialog}\n\n{menu}\n\n# {HEADLINE}\n\n" + "\n\n".join(LONG_ARTICLE) + FOOT
    article = parse(text.encode(), "page.txt")
    assert article.body == "\n\n".join(LONG_ARTICLE)


def dialog_page(article: list[str], dialog: list[str]) -> str:
    """A page printing `article` under its headline, teasers and a footer of links, then a cookie
    dialog of the paragraphs `dialog` with its buttons (as a consent manager's box after the footer)."""
    teasers = [f"[Harbour story number {n} of the week](https://news.example/story-{n})" for n in range(14)]
    footer = "\n".join(f"  • [{item}](/{item.lower()})" for item in "About|Contact|Privacy|Terms|Jobs|Help".split("|"))
    return (
        NAV
        + f"# {HEADLINE}\n\n"
        + "\n\n".join(article)
        + "\n\n## Most read\n\n"
        + "\n\n".join(teasers)
        + f"\n\n{footer}\n\n## Your privacy choices\n\n"
        + "\n\n".join(dialog)
        + "\n\n"
        + "\n\n".join(CONSENT_BUTTONS)
        + "\n"
    )


def test_a_consent_dialog_that_is_the_pages_best_region_gives_way_to_the_article_above() -> None:
    """A cookie dialog printed at length after the footer, parted from a short article by
    teasers and links, is the page's best run: the run above it that does not speak to its
    reader is the article, and the headline is looked for there."""
    article = parse(dialog_page(ARTICLE, [*CONSENT, *CONSENT[1:3]]).encode(), "page.md")
    assert article.headline == HEADLINE
    assert article.body == "\n\n".join(ARTICLE)


def test_a_consent_dialog_outweighing_a_review_that_speaks_to_its_reader_gives_way_to_it() -> None:
    """A cookie dialog after the footer that outweighs a review speaking to its reader too (so
    the two do not differ in how much they address the reader) is still no article: with its
    consent notices read as no content, the review above outweighs what is left of it."""
    review = [
        "If you want a book that makes you feel good about the harbour, this is it. The hundred-page "
        "volume comes with a map of the old ferry routes and a record of the ship horns.",
        "As I write this review, listening to the horns again and turning the pages, the idea makes "
        "good sense, and you will want to take your friends on the ferry across the bay yourself.",
        "There are some fine photos in the book, but a few blurred images spoil the look, and some "
        "design touches get in your way on the longer pages, as you will see.",
    ]
    dialog = [
        "This website uses cookies to improve your experience while you navigate through the website. "
        "The cookies that are needed are stored on your browser, as they are essential for the site.",
        "We also use third-party cookies that help us understand how you use this website. These "
        "cookies will be stored in your browser only with your consent, and you may opt out of them.",
        "Necessary cookies are absolutely essential for the website to function properly, and they "
        "ensure basic functions and the security of the website without storing personal data.",
        "Any cookies that may not be needed for the website to function and collect your personal "
        "data for tracking and adverts are non-necessary cookies that need your consent first.",
    ]
    article = parse(dialog_page(review, dialog).encode(), "page.md")
    assert article.headline == HEADLINE
    assert article.body == "\n\n".join(review)


def test_a_teaser_title_read_as_headline_below_the_article_keeps_the_article() -> None:
    """Cards of teasers under the article (title, summary, date, link) may hold more prose than
    the article, but their titles and links split it: when the headline read is a card's title,
    the heavier run above it is the article's, whose opening stays in the body."""
    from newsarchive.parse.dump import _inside_article
    from newsarchive.parse.dump_region import units_of

    summaries = [
        f"Card {n}: the council met again this week to talk about the harbour, its ferry and the new "
        f"timetable for the summer." for n in range(9)
    ]
    cards = [
        f"HARBOUR STORY {n} OF THE WEEK\n\n{text}\n\n12.06.2025\n\n[Read more](/story-{n})"
        for n, text in enumerate(summaries)
    ]
    units = units_of(NAV + f"# {HEADLINE}\n\n" + "\n\n".join(LONG_ARTICLE) + "\n\n" + "\n\n".join(cards) + FOOT)
    start = next(i for i, unit in enumerate(units) if unit.raw == LONG_ARTICLE[0])
    title = next(i for i, unit in enumerate(units) if unit.raw.startswith("HARBOUR STORY 0"))
    end = next(i for i, unit in enumerate(units) if unit.raw.startswith("[Read more](/story-8)")) + 1
    above = sum(unit.chars for unit in units[start:title] if unit.quality > 0)
    assert above < sum(unit.chars for unit in units[title + 1 : end] if unit.quality > 0)  # more prose below
    assert _inside_article(units, start, title, end)
