"""Conventions of more dump tools (pandoc, inscriptis, markdownify, lynx without its link list,
w3m at other widths) that the unit reading recognises from content, never from a tool's name.

Each fixture is a few lines written here in the way such a tool prints a page.
"""

from __future__ import annotations

import textwrap

import pytest

from newsarchive.parse import parse, sniff_format
from newsarchive.parse.dump import page_units, recased
from newsarchive.parse.dump_refs import (
    bracketed_addresses,
    capital_headings,
    raw_html,
    reference_links,
    setext_headings,
    unwrap_markdown,
)
from newsarchive.parse.dump_region import Unit, units_of

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


MENU = "\n".join(f"* [{item}](/{item.lower()})" for item in ("Home", "News", "Sport", "Culture", "Weather", "Contact"))
BODY = "\n\n".join(PARAGRAPHS)


def test_setext_title_is_read_as_a_heading() -> None:
    """markdownify underlines a title with `===`: the dump's unit is a level-1 heading, the marks no unit."""
    page = f"{MENU}\n\nNews\n----\n\n{TITLES[0]}\n{'=' * len(TITLES[0])}\n\n{BODY}\n\n{MENU}\n"
    read = page_units(page)
    assert read is not None
    units = read[0]
    assert [(unit.raw, unit.heading) for unit in units if unit.heading] == [("News", 2), (TITLES[0], 1)]
    assert not any(set(unit.raw) <= set("=-") for unit in units)
    assert parse(page.encode(), "page.md").headline == TITLES[0]


def test_setext_headings_rewrites_underlined_titles_and_leaves_rules_and_empty_items() -> None:
    """Only a title opening its paragraph takes an underline; a rule after a blank line stays a rule."""
    text = "Title\n=====\n\nText.\n\nPart two\n--------\n\n-----\n\nA line\n- \n---\n"
    assert setext_headings(text) == "# Title\n\nText.\n\n## Part two\n\n-----\n\nA line\n- \n---\n"


def test_raw_html_blocks_lose_their_tags_and_keep_their_text() -> None:
    """pandoc's gfm keeps a page's `<div>`s, attributes over several lines: only the text between tags is read."""
    blocks = "".join(f'<div class="box-{n}"\ndata-testid="teaser-{n}">\n\n' for n in range(10))
    figure = '<figure>\n<img src="a.jpg"\nalt="Hall" />\n<figcaption>The hall</figcaption>\n</figure>'
    text = f"{MENU}\n\n{blocks}# {TITLES[0]}\n\n{figure}\n\n{BODY}\n"
    cleaned = raw_html(text)
    assert "<" not in cleaned and "data-testid" not in cleaned
    assert f"# {TITLES[0]}" in cleaned and "The hall" in cleaned and PARAGRAPHS[0] in cleaned
    read = page_units(text)
    assert read is not None
    assert not any("data-testid" in unit.raw or "<" in unit.raw for unit in read[0])
    assert parse(text.encode(), "page.md").headline == TITLES[0]


# pandoc's gfm prints a page's `<div>`s as raw HTML, attributes over lines.
DIV_BLOCKS = "".join(f'<div class="box-{n}"\ndata-testid="teaser-{n}">\n\n' for n in range(10))


def test_a_raw_figcaption_becomes_the_alt_text_of_a_lone_image() -> None:
    """A `<figcaption>` is a caption: it is kept as the image's alt text, the form dumps read captions in."""
    figure = (
        '<figure>\n<img\nsrc="https://a.example/hall.jpg"\nalt="Hall" />\n'
        '<figcaption aria-hidden="true"><span class="caption">Builders at work on the\n'
        'beams of the main hall.</span> <span class="credit">Photo by Jo Doe</span></figcaption>\n</figure>'
    )
    text = f"{DIV_BLOCKS}# {TITLES[0]}\n\n{PARAGRAPHS[0]}\n\n{figure}\n\n{PARAGRAPHS[1]}\n\n{PARAGRAPHS[2]}\n"
    cleaned = raw_html(text)
    caption = "Builders at work on the beams of the main hall. Photo by Jo Doe"
    assert f"\n\n![{caption}](https://a.example/hall.jpg)\n\n" in cleaned
    article = parse(text.encode(), "page.md")
    assert [c.text for c in article.captions if c.text.startswith("Builders at work")]
    assert "Builders at work" not in article.body
    assert "x.jpg" not in raw_html(f'{DIV_BLOCKS}<figure>\n<img src="x.jpg" />\n</figure>\n')


def test_a_name_marked_rel_author_is_read_whole_where_the_converter_broke_it() -> None:
    """`rel="author"` marks a name: its text is put on one line, so a byline wrapped inside the name reads whole."""
    byline = (
        '<div class="byline">\n\nBy <span\nclass="by-author"><a href="https://a.example/staff/jd"\n'
        'rel="author"><span style="white-space: nowrap">Jane\nDoe</span></a></span>\n\n</div>'
    )
    schema = '<span class="meta" itemprop="author" itemscope=""\nitemtype="https://schema.org/Person"></span>'
    text = f"{DIV_BLOCKS}# {TITLES[0]}\n\n{byline}\n\n{schema}\n\n" + "\n\n".join(PARAGRAPHS) + "\n"
    cleaned = raw_html(text)
    assert "By Jane Doe\n" in cleaned and "schema.org" not in cleaned
    assert [person.name for person in parse(text.encode(), "page.md").byline] == ["Jane Doe"]


def test_a_link_into_an_author_folder_is_read_whole_where_the_converter_broke_it() -> None:
    """A link into an author folder names the author: its text on one line, a name wrapped in the tag reads whole."""
    byline = (
        '<div class="byline">\n\nBy <a href="https://a.example/author/jane-doe/"\n'
        'class="c-link lrv-u-color-black lrv-u-color-brand-primary:hover lrv-u-text-decoration-underline:hover">Jane\n'
        "Doe</a>\n\n</div>"
    )
    text = f"{DIV_BLOCKS}# {TITLES[0]}\n\n{byline}\n\n" + "\n\n".join(PARAGRAPHS) + "\n"
    assert "By Jane Doe\n" in raw_html(text)
    assert [person.name for person in parse(text.encode(), "page.md").byline] == ["Jane Doe"]


def test_a_datetime_attribute_gives_the_date_a_page_prints_unreadably() -> None:
    """`<time datetime>` (pandoc: `<span datetime>`) holds the date: it stands in for a printed date not read."""
    stamp = '<span class="post-date"\ndatetime="2019-04-09T11:07:00+02:00">11:07 09.04.19</span>'
    text = f"{DIV_BLOCKS}{MENU}\n\n# {TITLES[0]}\n\n{stamp}\n\n" + "\n\n".join(PARAGRAPHS) + "\n"
    assert "\n2019-04-09T11:07:00+02:00\n" in raw_html(text)
    assert parse(text.encode(), "page.md").date == "2019-04-09T11:07:00+02:00"
    printed = f'{DIV_BLOCKS}<span class="d" datetime="2019-04-09T11:07:00+02:00">April\n9, 2019</span>\n'
    assert raw_html(printed).endswith("\nApril 9, 2019\n")


def test_a_few_tags_quoted_in_an_article_stay() -> None:
    """An article that shows a tag or two as text is not raw HTML markdown."""
    text = 'How to embed it\n\n<iframe src="x"></iframe>\n\nPaste the line above into the page.\n'
    assert raw_html(text) == text


def test_markdown_opening_with_a_raw_html_block_is_read_as_text() -> None:
    """pandoc's gfm opens with the page's first `<div>`: markdown lines and no `<p>` make it markdown, not HTML."""
    blocks = "".join(f'<div class="box-{n}"\ndata-testid="teaser-{n}">\n\n' for n in range(10))
    page = f"{blocks}{MENU}\n\n# {TITLES[0]}\n\n{BODY}\n\n</div>\n"
    assert sniff_format(page.encode()) == "text"
    article = parse(page.encode(), "page.md")
    assert article.headline == TITLES[0]
    assert article.body.startswith(PARAGRAPHS[0])


def test_markdown_whose_first_4kb_are_tags_alone_is_read_as_text() -> None:
    """A head of tag lines alone decides nothing: the whole text, its markdown lines outnumbering `<br />`s, does."""
    classes = " ".join(f"md:mr-{n} lg:mt-{n} sm:top-{n}" for n in range(12))
    bar = "".join(f'<div id="bar-{n}"\nclass="{classes}">\n\n' for n in range(16))
    page = f"{bar}<span>Edition<br />\nUK</span>\n\n{MENU}\n\n# {TITLES[0]}\n\n{BODY}\n\n</div>\n"
    assert len(bar) > 4096
    assert sniff_format(page.encode()) == "text"
    assert parse(page.encode(), "page.md").headline == TITLES[0]
    fragment = f"{bar}<h1>{TITLES[0]}</h1>\n" + "".join(f"<p>{p}</p>\n" for p in PARAGRAPHS) + "<p>[a](b)</p>\n"
    assert sniff_format(fragment.encode()) == "html"


def test_an_html_fragment_with_paragraph_tags_stays_html() -> None:
    """A saved fragment writes its paragraphs as `<p>`: it is HTML even with a `](` or a `- ` line in it."""
    fragment = '<div class="story">\n<h1>Title</h1>\n- a dash line\n<p>Text with [a](b) in it.</p>\n</div>\n'
    assert sniff_format(fragment.encode()) == "html"
    assert sniff_format(b'<div class="story">\n<h1>Title</h1>\n<ul><li>One</li></ul>\n</div>\n') == "html"


def test_reference_links_are_written_inline_and_their_definitions_cut() -> None:
    """`[text][1]` with `[1]: url` below is a link: its target is read, the definition is no text."""
    text = (
        "Read [the report][1] and [More][].\n\n  * [![Map][2]][1]\n\n"
        "   [1]: https://a.example/r\n   [2]: /map.png\n[more]: /m\n"
    )
    assert reference_links(text) == (
        "Read [the report](https://a.example/r) and [More](/m).\n\n  * [![Map](/map.png)](https://a.example/r)\n\n"
    )
    undefined = "An [undefined][9] label and [brackets] stay.\n"
    assert reference_links(undefined) == undefined


def test_a_menu_of_reference_links_is_read_as_links() -> None:
    """A menu written `* [News][1]` is navigation: its items count as links, as inline ones do."""
    items = ("Home", "News", "Sport", "Culture", "Weather", "Contact")
    menu = "\n".join(f"  * [{item}][{n}]" for n, item in enumerate(items, 1))
    definitions = "\n".join(f"   [{n}]: https://a.example/{item.lower()}" for n, item in enumerate(items, 1))
    page = f"{menu}\n\n# {TITLES[0]}\n\n{BODY}\n\n{menu}\n\n{definitions}\n"
    read = page_units(page)
    assert read is not None
    units = read[0]
    assert all(unit.link_chars == unit.chars for unit in units if unit.bullet)
    assert not any("]:" in unit.raw for unit in units)


def test_wrap_column_is_found_among_short_lines_printed_one_after_another() -> None:
    """w3m prints menus and teasers line after line: the wrapped lines near the column still set it."""
    teasers = [f"Teaser number {n}: the council meets again on Tuesday{'.' * n}" for n in range(8)]
    titles = [f"Title {n} of another story on this page, one line of its own" for n in range(12)]
    article = "\n\n".join(textwrap.fill(p + " " + p, 80) for p in PARAGRAPHS[:2])
    page = "\n\n".join(["\n".join(teasers), *titles, article, "Contact", "Weather"])
    raws = [unit.raw for unit in units_of(page)]
    assert PARAGRAPHS[0] + " " + PARAGRAPHS[0] in raws
    assert all(teaser in raws for teaser in teasers)


def test_a_byline_and_date_wrapped_inside_raw_tags_read_whole() -> None:
    """pandoc wraps raw HTML at its column, tags counted: a line tags filled is joined to the next before they go."""
    byline = (
        '<div class="byline">\n\n<span class="byline__name">By '
        '<a href="https://a.example/staff/jane-doe" target="_blank">Jane\n'
        "Doe</a></span>\n\n</div>"
    )
    stamp = '<span class="stamp stamp--published" data-kind="published">Published on April\n9, 2019</span>'
    menu = '-   <span class="item"\n    id="menu-item-1">[Home](/)</span>\n-   <span class="item">[News](/news)</span>'
    article = "\n\n".join(textwrap.fill(p, 72) for p in PARAGRAPHS * 4)
    text = f"{DIV_BLOCKS}{menu}\n\n# {TITLES[0]}\n\n{byline}\n\n{stamp}\n\n{article}\n"
    cleaned = raw_html(text)
    assert "By Jane Doe\n" in cleaned and "Published on April 9, 2019\n" in cleaned
    assert "[Home](/)\n-   [News](/news)" in cleaned  # a list item is never joined to the line before it
    assert textwrap.fill(PARAGRAPHS[0], 72) in cleaned  # lines holding no tag are left to unwrap_markdown
    # A tag running over lines: what of it a line holds counts as tag, not text.
    split_tag = (
        '<span class="byline__preamble">By\n</span><a href="/staff/john-roe/"\n'
        'class="byline__link link link--author button button--small button--plain">John\nRoe</a></span>'
    )
    assert "\nBy John Roe\n" in raw_html(f"{DIV_BLOCKS}{split_tag}\n\n{article}\n")  # (one paragraph: one line)
    article_read = parse(text.encode(), "page.md")
    assert [person.name for person in article_read.byline] == ["Jane Doe"]
    assert article_read.date == "2019-04-09"


def test_markdown_unwrapping_measures_its_column_on_lines_a_paragraph_goes_on_after() -> None:
    """Unwrapped titles longer than the column must not set the markdown unwrapping's column either."""
    links = " ".join(f"[{item}](/{item.lower()})" for item in ("Home", "News", "Sport", "Culture", "Weather"))
    article = "\n\n".join(textwrap.fill(p, 72) for p in PARAGRAPHS * 2)
    text = "\n\n".join([links, *TITLES, article, *TITLES]) + "\n"
    unwrapped = unwrap_markdown(text).split("\n\n")
    assert all(paragraph in unwrapped for paragraph in PARAGRAPHS)


def test_a_paragraph_opening_word_left_on_its_own_line_is_joined_to_its_sentence() -> None:
    """A converter keeping the source's line break after a paragraph's first word (`The` / `town
    council voted…`) prints one paragraph, not a one-word line and the rest."""
    opened = [
        f"{first}\n{textwrap.fill(rest, 72)}"
        for first, rest in (paragraph.split(" ", 1) for paragraph in PARAGRAPHS)
    ]
    dateline = "LONDON,\n" + textwrap.fill("March 3 - " + PARAGRAPHS[0], 72)
    page = "\n\n".join([*TITLES, *opened, dateline, "[12]\nlibrary reading room photographed from the gallery above"])
    raws = [unit.raw for unit in units_of(page)]
    assert all(paragraph in raws for paragraph in PARAGRAPHS)
    assert "LONDON, March 3 - " + PARAGRAPHS[0] in raws
    assert "[12]" in raws  # a link marker is no word of a sentence


def test_wrap_column_is_found_when_a_tenth_of_the_continued_lines_run_past_it() -> None:
    """Link texts printed whole line after line (past pandoc's 72 columns) must not hide the column
    the prose wraps at: each wrapped paragraph is one unit."""
    labels = "\n".join(title + " and what the council said about it" for title in TITLES[:3])
    article = "\n\n".join(textwrap.fill(p, 72) for p in PARAGRAPHS * 4)
    raws = [unit.raw for unit in units_of(f"{labels}\n\n{article}\n")]
    assert all(paragraph in raws for paragraph in PARAGRAPHS)


def test_raw_links_stay_links_once_the_tags_are_out() -> None:
    """A raw `<a href>` is written `[text](href)`: a teaser list of raw links keeps its link density, out of body."""
    teasers = "".join(f'<a href="/story/{n}"\nclass="teaser-link">{title}</a>' for n, title in enumerate(TITLES[1:]))
    box = f'<div class="more">\n\n{teasers}<a href="/more"\nclass="icon"></a>\n\n</div>'
    text = f"{DIV_BLOCKS}{MENU}\n\n# {TITLES[0]}\n\n" + "\n\n".join(PARAGRAPHS) + f"\n\n{box}\n\n{MENU}\n"
    cleaned = raw_html(text)
    assert f"[{TITLES[1]}](/story/0)[{TITLES[2]}](/story/1)" in cleaned
    assert "(/more)" not in cleaned
    article = parse(text.encode(), "page.md")
    assert article.body.startswith(PARAGRAPHS[0])
    assert all(title not in article.body for title in TITLES[1:])


def test_a_byline_of_author_links_wrapped_between_them_reads_every_name() -> None:
    """A paragraph holding author links is one line (soft breaks): taking the tags out left each name on its own."""
    byline = "\n".join(
        [
            'Von <a href="/autoren/jane-doe/"',
            'class="font-semibold hover:underline" rel="author">Jane Doe</a>,',
            '<a href="/autoren/john-roe/"',
            'class="font-semibold hover:underline" rel="author">John Roe</a>',
            'und <a href="/autoren/ann-poe/"',
            'class="font-semibold hover:underline" rel="author">Ann Poe</a>',
        ]
    )
    text = f"{DIV_BLOCKS}{MENU}\n\n# {TITLES[0]}\n\n{byline}\n\n" + "\n\n".join(PARAGRAPHS) + f"\n\n{MENU}\n"
    assert "\nVon Jane Doe, John Roe und Ann Poe\n" in raw_html(text)
    assert [person.name for person in parse(text.encode(), "page.md").byline] == ["Jane Doe", "John Roe", "Ann Poe"]
    item = '-   <a href="/author/jane-doe/" rel="author">Jane Doe</a>'
    listed = f"{DIV_BLOCKS}{DIV_BLOCKS}{item}\n-   Published: 22:04\n"
    assert "-   Jane Doe\n-   Published: 22:04" in raw_html(listed)


def page_head_markdown(extra_keys: str = "") -> str:
    """A whole page as a converter writes it with the page's `<meta>` tags as front matter."""
    head = (
        "---\n"
        "canonical: https://news.example/2024/library-reopens\n"
        "meta-viewport: width=device-width,initial-scale=1\n"
        f"meta-og:title: {TITLES[0]}\n"
        'meta-article:published_time: "2024-03-05T09:30:00+01:00"\n'
        "meta-article:author: https://www.social.example/jane.doe\n"
        "meta-author: Jane Doe\n"
        f"{extra_keys}"
        f"title: {TITLES[0]} | Town News\n"
        "---\n\n"
    )
    teasers = "\n".join(f"* [{title}](/story-{n})" for n, title in enumerate(TITLES[1:]))
    return f"{head}{MENU}\n\nLocal\n\n# {TITLES[0]}\n\n{BODY}\n\n## More stories\n\n{teasers}\n\n{MENU}\n"


def test_a_front_matter_key_may_hold_a_colon() -> None:
    """YAML reads `og:title: X` as the key `og:title`: such keys were skipped as no key at all."""
    from newsarchive.parse.text import read_front_matter

    assert read_front_matter("meta-og:title: A title\nurl: https://a.example/x") == {
        "meta-og:title": "A title",
        "url": "https://a.example/x",
    }


def test_a_front_matter_copying_the_page_head_gives_the_meta_fields_and_a_whole_page_reading() -> None:
    """A front matter of `<meta>` tags (a `viewport`, OpenGraph keys) heads the whole page, not an article export."""
    record = parse(page_head_markdown().encode(), "page.md")
    assert record.headline == TITLES[0]
    assert record.date is not None and record.date.startswith("2024-03-05")
    assert [person.name for person in record.byline] == ["Jane Doe"]  # the profile link names nobody
    text = "\n".join(paragraph for section in record.sections for paragraph in section.paragraphs)
    assert all(paragraph in text for paragraph in PARAGRAPHS)
    assert "Contact" not in text and TITLES[1] not in text  # the menu and the teasers stay out


@pytest.mark.parametrize(
    "head",
    [
        "canonical: https://news.example/2024/library-reopens\n",
        "base: https://news.example/\n",
        "meta-description: The library reopens after two years.\n",
        "",
    ],
)
def test_a_front_matter_of_a_page_title_alone_or_beside_a_head_only_key_heads_a_whole_page(head: str) -> None:
    """A page without OpenGraph tags still copies head-only entries into the front matter (its
    `<link rel="canonical">`, `<base>` or a `meta-` named tag) beside `title`, or the title alone:
    the text under it, when it reads as a whole page, is read as a dump (its byline found where it
    prints it, its menus left out), not as an export's body."""
    menu = "\n\n".join(("Home", "News", "Sport", "Culture", "Weather", "Contact"))  # a menu printed without links
    page = (
        f"---\n{head}title: {TITLES[0]} | Town News\n---\n\n{menu}\n\n# {TITLES[0]}\n\n"
        f"By [Jane Doe](/author/jane-doe)\n\n{BODY}\n\n{menu}\n"
    )
    record = parse(page.encode(), "page.md")
    assert [person.name for person in record.byline] == ["Jane Doe"]
    text = "\n".join(paragraph for section in record.sections for paragraph in section.paragraphs)
    assert all(paragraph in text for paragraph in PARAGRAPHS)
    assert "Contact" not in text and "Weather" not in text  # the menus stay out


def test_an_article_export_front_matter_still_reads_its_body_whole() -> None:
    """Without page-only keys (`viewport`, `canonical`, `base`, `og:`, `twitter:`, a `meta-` tag) a front matter is an
    export's: its body is the article."""
    head = f"---\ntitle: {TITLES[0]}\ndate: 2024-03-05\nauthor: Jane Doe\n---\n\n"
    page = f"{head}{BODY}\n\nContact us: desk@news.example\n"
    record = parse(page.encode(), "page.md")
    text = "\n".join(paragraph for section in record.sections for paragraph in section.paragraphs)
    assert "Contact us" in text
    titled = parse(f"---\ntitle: {TITLES[0]}\n---\n\n{BODY}\n\nContact us: desk@news.example\n".encode(), "page.md")
    assert "Contact us" in "\n".join(p for section in titled.sections for p in section.paragraphs)  # no page around it


def _units(*texts: str) -> list[Unit]:
    return [Unit(raw=text, visible=text) for text in texts]


def test_a_headline_in_capitals_takes_the_case_of_another_printing_of_it() -> None:
    """A converter setting headings in capitals lost the title's case; a share line printing it whole still has it."""
    units = _units("NASA SENDS A PROBE TO EUROPA", "Share this story: NASA sends a probe to Europa [https://x.example/a]")
    assert recased("NASA SENDS A PROBE TO EUROPA", units) == "NASA sends a probe to Europa"


def test_a_headline_in_capitals_takes_each_word_as_the_page_prints_it() -> None:
    """Words take their case from the page's prose: lower case when printed so, a name as printed, unseen ones lower."""
    units = _units(
        "The council said on Monday that the Old Mill would reopen, and the works go on.",
        "Read more at [https://news.example/Says-May] or @May_Press.",
    )
    assert recased("COUNCIL SAYS OLD MILL WORKS: REOPENING IN MAY", units) == (
        "Council says Old Mill works: Reopening in may"
    )


def test_a_headline_in_capitals_takes_title_case_when_the_page_titles_are_in_it() -> None:
    """An English page whose teaser titles are in title case writes its own title so: words printed
    only in lower case are capitalised, the minor words of its titles kept lower."""
    units = _units(
        "How the Council Found the Money for Its Library",
        "The Oldest Papers in the Town Archive Go on Show",
        "The council said on Monday that the library would reopen and that the works go on.",
    )
    assert recased("LIBRARY REOPENS AFTER A YEAR OF WORKS ON THE ROOF", units) == (
        "Library Reopens After a Year of Works on the Roof"
    )
    sentence_case = _units(*(unit.visible for unit in units[2:]), "How the council found the money for its library")
    assert recased("LIBRARY REOPENS AFTER A YEAR OF WORKS ON THE ROOF", sentence_case) == (
        "Library reopens after a year of works on the roof"
    )


def test_title_case_is_not_read_from_a_page_in_another_language() -> None:
    """German capitalises its nouns, so its titles look like title case; title case is an English style."""
    units = _units(
        "Die Bürger im Zweiten Weltkrieg und Danach",
        "Neue Bücher für die Bibliothek der Stadt",
        "Der Rat hat am Montag gesagt, dass die Bibliothek wieder öffnet und die Arbeiten weitergehen.",
    )
    assert recased("BIBLIOTHEK ÖFFNET NACH EINEM JAHR", units) == "Bibliothek öffnet nach einem jahr"


def test_a_possessive_in_capitals_takes_the_case_of_its_stem() -> None:
    """`TRUMP'S` is printed nowhere else, but `Trump` is: the possessive is a name's."""
    units = _units("The Fed said Trump had asked for lower rates, and the bank raised them.")
    assert recased("FED LIFTS RATES IN TRUMP'S FIRST YEAR", units) == "Fed lifts rates in Trump's first year"


def test_a_word_printed_nowhere_else_is_capitalised_where_the_page_capitalises_what_follows_its_neighbour() -> None:
    """A German page capitalises the noun after an article: an unseen word after `im` is taken for one."""
    units = _units(
        "Der Rat hat im Sommer beschlossen, im Herbst die Arbeiten zu beenden und im Winter zu öffnen.",
        "Die Bibliothek liegt im Zentrum der Stadt.",
    )
    assert recased("ALLE ANGEBOTE IM ÜBERBLICK", units) == "Alle angebote im Überblick"
    english = _units("The works go on in the summer, in the autumn and in the winter, as in May.")
    assert recased("LIBRARY WORKS GO ON IN SILENCE", english) == "Library works go on in silence"


def test_a_title_with_letters_of_no_case_is_left_as_printed() -> None:
    """Japanese has no capitals: a product name in capitals in a Japanese title is not a heading style."""
    title = "NETWAVE MNG6200 デバイスにおける脆弱性"
    assert recased(title, _units("netwave mng6200 について")) == title
    assert recased("EU AND US", _units("the eu and the us")) == "EU AND US"  # too few letters to tell


def test_a_dump_whose_headings_are_in_capitals_gives_the_headline_in_the_page_case() -> None:
    """The whole-page reading re-cases the headline it picks when the dump prints it in capitals."""
    menu = "\n".join(f" * {item}" for item in ("Home", "News", "Sport", "Culture", "Weather", "Contact"))
    article = "\n\n".join(textwrap.fill(p, 80) for p in PARAGRAPHS)
    teasers = "\n\n".join(textwrap.fill(t, 80) for t in TITLES[2:])
    page = f"{menu}\n\n\n{TITLES[0].upper()}\n\n{article}\n\n\nMORE STORIES\n\n{teasers}\n\n{menu}\n"
    record = parse(page.encode(), "page.txt")
    assert record.headline == "Library reopens its doors after a year of repairs to the roof, the heating and the hall"


def test_links_printed_as_text_then_bracketed_address_are_read_as_links() -> None:
    """A serialiser printing `Sport [/sport/]` marks a link; unread, a menu counted no link characters."""
    menu = " * Home [/]\n * News [/news/]\n * Sport [/sport/]\n * Weather [/weather/]\n"
    prose = "The council said so. Read the full report [https://town.example/report] today.\n"
    image = "[https://img.example/library.jpg]\n"
    assert bracketed_addresses(menu + prose + image) == (
        " * [Home](/)\n * [News](/news/)\n * [Sport](/sport/)\n * [Weather](/weather/)\n"
        "The council said so. Read [the full report](https://town.example/report) today.\n"
        "![](https://img.example/library.jpg)\n"
    )


def test_a_few_bracketed_addresses_or_markdown_links_leave_the_text_alone() -> None:
    """Below five such addresses, or where markdown links are as many, a bracketed address is the text's own."""
    few = "See the archive [https://a.example/x] and the index [/index/].\n"
    assert bracketed_addresses(few) == few
    markdown = "".join(f"[{n}](/{n}) [/{n}/]\n" for n in ("a", "b", "c", "d", "e"))
    assert bracketed_addresses(markdown) == markdown


def test_a_dump_printing_links_after_their_text_counts_them_as_link_characters() -> None:
    """Read as links, the menu's items are all link text and their addresses are not visible text."""
    menu = "\n".join(f" * {item} [/{item.lower()}/]" for item in ("Home", "News", "Sport", "Culture", "Weather"))
    article = "\n\n".join(textwrap.fill(p, 80) for p in PARAGRAPHS)
    read = page_units(f"{menu}\n\n{TITLES[0]}\n\n{article}\n\n{menu}\n")
    assert read is not None
    items = [unit for unit in read[0] if unit.visible == "Weather"]
    assert len(items) == 2 and all(unit.link_chars == unit.chars for unit in items)
    assert not any("[/" in unit.visible for unit in read[0])


def test_a_page_head_title_loses_the_site_name_its_page_does_not_print() -> None:
    """`<title>` carries the site's name (`Title - Riverside Hall`); the h1 the dump prints tells where it ends."""
    head = f"---\nmeta-viewport: width=device-width\ntitle: {TITLES[0]} - Riverside Hall\n---\n\n"
    teasers = "\n".join(f"* [{title}](/story-{n})" for n, title in enumerate(TITLES[1:]))
    page = f"{head}{MENU}\n\n# {TITLES[0]}\n\n{BODY}\n\n## More stories\n\n{teasers}\n\n{MENU}\n"
    assert parse(page.encode(), "page.md").headline == TITLES[0]


def test_share_buttons_and_inline_images_printed_as_bracketed_addresses_are_links() -> None:
    """`[?subject=…]`, `[mailto:…]` and `[data:image/…]` are addresses too: left as text they were body words."""
    lines = [
        "Per E-Mail teilen E-Mail [?subject=Title&body=x]",
        "Write to us [mailto:desk@news.example]",
        "A couple outside their house. [data:image/gif;base64,R0lGOD]",
        "Top [#top]",
        "Home [/]",
        "Note [Update: none]",
    ]
    assert bracketed_addresses("\n".join(lines)).split("\n") == [
        "Per [E-Mail teilen E-Mail](?subject=Title&body=x)",
        "[Write to us](mailto:desk@news.example)",
        "A couple outside their house. ![](data:image/gif;base64,R0lGOD)",
        "[Top](#top)",
        "[Home](/)",
        "Note [Update: none]",
    ]


def test_a_markdown_author_link_wrapped_inside_its_text_reads_the_whole_name() -> None:
    """pandoc writes a plain author link as markdown and wraps inside its text (`[Jane` / `Doe](…/authors/jdoe)`)."""
    byline = 'By <span class="c-byline__item">[Jane\nDoe](https://example.org/authors/jane-doe)<span\nclass="c-byline__twitter">'
    text = f"{DIV_BLOCKS}{DIV_BLOCKS}{MENU}\n\n# {TITLES[0]}\n\n{byline}\n\n{BODY}\n\n{MENU}\n"
    assert "\nBy [Jane Doe](https://example.org/authors/jane-doe)\n" in raw_html(text)
    assert [person.name for person in parse(text.encode(), "page.md").byline] == ["Jane Doe"]
    # A link elsewhere keeps its line breaks: only author links are read so.
    other = "[Jane\nDoe](https://example.org/news/jane-doe)"
    assert "[Jane\nDoe]" in raw_html(f"{DIV_BLOCKS}{DIV_BLOCKS}{other}\n")


def test_web_addresses_printed_bare_make_a_unit_of_links_not_prose() -> None:
    """A share bar or footer printing its targets as text (`https://…`, `www.…`) is links, not
    prose; a paragraph citing an address keeps its text."""
    bar = "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fnews.example%2Fferry www.news.example/rss"
    cited = f"{PARAGRAPHS[1]} The plans are at www.town.example/library for anyone to read."
    units = units_of(f"{bar}\n\n{PARAGRAPHS[0]}\n\n{cited}\n")
    assert units[0].link_density > 0.95 and units[0].quality < 0  # (the space between them is no link)
    assert units[1].link_chars == units[2].link_chars == 0 and units[2].quality > 0


def test_share_buttons_printed_as_their_addresses_alone_are_no_body_text() -> None:
    """html-to-text prints an icon link without text by its target, one list item each
    (`https://www.facebook.com/sharer/…`, `whatsapp://send?text=…`): a unit that is one address and
    nothing else is a button, not the article's text."""
    menu = "\n".join(f" * {item} [/{item.lower()}/]" for item in ("Home", "News", "Sport", "Culture", "Weather"))
    bar = (
        " * \n   https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fnews.example%2Flibrary-reopens\n\n"
        " * \n   whatsapp://send?text=The%20library%20reopens%20-%20https%3A%2F%2Fnews.example%2Flibrary-reopens\n"
    )
    article = [textwrap.fill(p, 80) for p in PARAGRAPHS]
    page = f"{menu}\n\n{TITLES[0].upper()}\n\n{article[0]}\n\n{bar}\n{article[1]}\n\n" + "\n\n".join(article[2:])
    record = parse(f"{page}\n\n{menu}\n".encode(), "page.txt")
    assert "sharer" not in record.body and "whatsapp" not in record.body
    assert all(paragraph in record.body for paragraph in PARAGRAPHS)


def test_alt_text_and_caption_joined_into_one_paragraph_are_a_caption() -> None:
    """html-to-text prints an image's alt text, its `[address]`, then the caption with its credit;
    the long address joins the three lines into one paragraph, which prints one text twice."""
    menu = "\n".join(f" * {item} [/{item.lower()}/]" for item in ("Home", "News", "Sport", "Culture", "Weather"))
    alt = "Smoke rises over the old harbour warehouses."
    figure = f"{alt}\n[https://img.example/2024/05/smoke-over-the-harbour-warehouses-1200x800.jpeg]\n{alt} © Jane Roe"
    article = "\n\n".join(textwrap.fill(p, 80) for p in PARAGRAPHS)
    page = f"{menu}\n\n{TITLES[0].upper()}\n\n{figure}\n\n{article}\n\n{menu}\n"
    record = parse(page.encode(), "page.txt")
    assert [(caption.text, caption.credit) for caption in record.captions] == [(alt, "© Jane Roe")]
    assert alt not in record.body


def _serialised(title: str, subtitle: str) -> str:
    """A page as a plain-text serialiser prints it: links as `text [address]`, headings in capitals."""
    menu = "\n".join(f" * {item} [/{item.lower()}/]" for item in ("Home", "News", "Sport", "Culture", "Weather"))
    article = "\n\n".join(textwrap.fill(p, 80) for p in PARAGRAPHS)
    teasers = "\n\n".join(f"{t} [https://news.example/{n}]" for n, t in enumerate(TITLES[2:]))
    return f"{menu}\n\n\n{title}\n\n{subtitle}\n\n{article}\n\n\nMORE STORIES\n\n{teasers}\n\n{menu}\n"


def test_paragraphs_in_capitals_are_headings_where_a_text_prints_them_so() -> None:
    """A serialiser sets headings in capitals with no `#`: a paragraph in capitals (wrapped lines joined) is one."""
    text = (
        "Home\n\nLIBRARY REOPENS AFTER A YEAR\nOF REPAIRS\n\n\nThe council voted on Tuesday.\n\nIt opens in May.\n\n"
        "More news\n"
    )
    assert capital_headings(text) == (
        "Home\n\n# LIBRARY REOPENS AFTER A YEAR OF REPAIRS\n\n\nThe council voted on Tuesday.\n\nIt opens in May.\n\n"
        "More news\n"
    )
    marked = "# Library\n\nNEWS IN BRIEF TODAY\n\nThe council voted on Tuesday.\n"
    assert capital_headings(marked) == marked  # a text marking headings with `#` marks them all
    shouting = "THE COUNCIL VOTED ON TUESDAY\n\nTHE LIBRARY OPENS IN MAY\n\nSee you there soon.\n"
    assert capital_headings(shouting) == shouting  # a text in capitals has no heading style


def test_capitals_are_read_as_headings_only_where_links_are_printed_with_bracketed_addresses() -> None:
    """A text browser prints a site's own capitals (a kicker) and marks no other heading: they stay plain lines."""
    served = page_units(_serialised(TITLES[0].upper(), "WHAT THE COUNCIL DECIDED"))
    assert served is not None
    headings = [u.visible for u in served[0] if u.heading]
    assert headings == [TITLES[0].upper(), "WHAT THE COUNCIL DECIDED", "MORE STORIES"]
    browser = page_units(_serialised(TITLES[0].upper(), "WHAT THE COUNCIL DECIDED").replace(" [", " ("))
    assert browser is not None
    assert not any(u.heading for u in browser[0])


def test_a_headline_in_capitals_naming_people_by_their_work_is_no_byline() -> None:
    """In capitals every word looks like a name: a long title naming trades is no name with its job title."""
    title = "COUNCIL CATERING TO POLITICIANS, DOCTORS, LAWYERS BUSTED IN TOWN"
    record = parse(_serialised(title, "PAID UP TO $600 AN HOUR").encode(), "page.txt")
    assert record.headline is not None
    assert record.headline.casefold() == title.casefold()
