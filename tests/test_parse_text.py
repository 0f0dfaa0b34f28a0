"""The text parser turns every kind of text dump into a Draft with the right fields.

Each test pins one behaviour of `parse_text` (or of `parse` for byte-level clean-up):
headlines, datelines, captions and credits, bold leads, related and inline links,
headings, bylines, front matter, `Key: value` headers, boilerplate, paragraphs, markup.
Fixtures are small invented articles written inline.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsarchive.model import Caption, Link, Person
from newsarchive.parse import parse
from newsarchive.parse.common import Draft
from newsarchive.parse.text import parse_text, read_front_matter, split_caption, split_cjk_credit

BODY = "The council approved the plan on Tuesday after a long debate."
MORE = "Residents will be consulted again before any work starts next year."


def paragraphs(draft: Draft) -> list[str]:
    return [p for s in draft.sections for p in s.paragraphs]


def headings(draft: Draft) -> list[tuple[str | None, int]]:
    return [(s.heading, s.level) for s in draft.sections]


def body(draft: Draft) -> str:
    return "\n\n".join(paragraphs(draft))


# -- headline -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        ("## Bridge reopens after repairs\n\n" + BODY, "Bridge reopens after repairs"),
        ("# Bridge reopens after repairs\n\n" + BODY, "Bridge reopens after repairs"),
        ("Bridge reopens after repairs\n\n" + BODY, "Bridge reopens after repairs"),
        ("Bridge reopens after repairs\n" + BODY, "Bridge reopens after repairs"),
        ("Bridge reopens after repairs\n=====\n\n" + BODY, "Bridge reopens after repairs"),
        ("\n\n  ## **Bridge** reopens after repairs  \n\n" + BODY, "Bridge reopens after repairs"),
    ],
    ids=["markdown-h2", "markdown-h1", "plain-first-line", "first-line-without-blank", "setext", "markup-stripped"],
)
def test_headline_is_read_from_first_heading_or_line(text: str, headline: str) -> None:
    draft = parse_text(text)
    assert draft.headline == headline
    assert paragraphs(draft) == [BODY]


def test_overlong_first_line_is_body_not_headline() -> None:
    long_line = "word " * 100
    draft = parse_text(long_line + "\n\n" + BODY)
    assert draft.headline is None
    assert paragraphs(draft)[0] == long_line.strip()


# -- datelines ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "publisher", "date", "date_raw"),
    [
        ("BBC News, 25 March 2019", "BBC News", "2019-03-25", "25 March 2019"),
        ("March 25, 2019", None, "2019-03-25", "March 25, 2019"),
        ("25/03/2019", None, "2019-03-25", "25/03/2019"),
        ("2019-03-25T14:03:00+01:00", None, "2019-03-25T14:03:00+01:00", "2019-03-25T14:03:00+01:00"),
        ("2019-03-25 14:03", None, "2019-03-25T14:03:00", "2019-03-25 14:03"),
        ("Published: 25 March 2019", None, "2019-03-25", "25 March 2019"),
        ("The Daily Example | 4 July 2021", "The Daily Example", "2021-07-04", "4 July 2021"),
        ("25 March 2019 - Harbour Times", "Harbour Times", "2019-03-25", "25 March 2019"),
    ],
    ids=["publisher-comma-date", "month-day-year", "numeric-day-first", "iso-offset", "iso-naive-time",
         "published-label", "publisher-pipe", "date-then-publisher"],
)  # fmt: skip
def test_dateline_gives_publisher_and_date(line: str, publisher: str | None, date: str, date_raw: str) -> None:
    draft = parse_text(f"## Headline here\n\n{line}\n\n{BODY}")
    assert (draft.publisher, draft.date, draft.date_raw) == (publisher, date, date_raw)
    assert paragraphs(draft) == [BODY]


def test_updated_line_sets_date_modified() -> None:
    draft = parse_text(f"## Headline here\n\n25 March 2019\n\nUpdated: 26 March 2019\n\n{BODY}")
    assert (draft.date, draft.date_modified) == ("2019-03-25", "2019-03-26")


def test_ambiguous_numeric_date_is_read_day_first_with_warning() -> None:
    draft = parse_text(f"## Headline here\n\n03/04/2019\n\n{BODY}")
    assert draft.date == "2019-04-03"
    assert any("day/month" in w for w in draft.warnings)


def test_unambiguous_numeric_date_has_no_warning() -> None:
    draft = parse_text(f"## Headline here\n\n25/03/2019\n\n{BODY}")
    assert draft.warnings == []


def test_sentence_mentioning_a_date_is_not_a_dateline() -> None:
    sentence = "The minister resigned on 25 March 2019 after weeks of pressure from her party."
    draft = parse_text(f"## Headline here\n\n{sentence}")
    assert draft.date is None
    assert paragraphs(draft) == [sentence]


def test_dateline_after_body_starts_is_a_paragraph() -> None:
    draft = parse_text(f"## Headline here\n\n{BODY}\n\nBBC News, 25 March 2019")
    assert draft.date is None


# -- captions -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "text", "credit"),
    [
        ("ReutersA Russian aircraft was pictured on Sunday", "A Russian aircraft was pictured on Sunday", "Reuters"),
        ("Getty Images Russia's president and his ally", "Russia's president and his ally", "Getty Images"),
        ("EPA-EFEThe minister arrives at the summit", "The minister arrives at the summit", "EPA-EFE"),
        ("AFP/Getty ImagesPolice stand guard outside", "Police stand guard outside", "AFP/Getty Images"),
        ("PA Media Officers at the scene on Friday", "Officers at the scene on Friday", "PA Media"),
        ("Jane Doe/Getty Images Voters queue early", "Voters queue early", "Jane Doe/Getty Images"),
        ("SOPA Images/LightRocket via Getty Images Crowds gathered", "Crowds gathered",
         "SOPA Images/LightRocket via Getty Images"),
        ("AP Photo/Jane Doe Protesters march in the rain", "Protesters march in the rain", "AP Photo/Jane Doe"),
        ("XinhuaRescue teams search the rubble", "Rescue teams search the rubble", "Xinhua"),
        ("Image copyright Alamy Image caption The old pier in 1950", "The old pier in 1950", "Alamy"),
        ("Image caption The old pier in 1950", "The old pier in 1950", None),
        ("Crowds gather in the square (Photo: Anadolu Agency)", "Crowds gather in the square", "Anadolu Agency"),
        ("Crowds gather in the square Photo: Shutterstock", "Crowds gather in the square", "Shutterstock"),
        ("Crowds gather in the square (Bloomberg)", "Crowds gather in the square", "Bloomberg"),
    ],
    ids=["glued-reuters", "spaced-getty", "glued-epa-efe", "glued-agency-slash-getty", "spaced-pa-media",
         "photographer-slash-getty", "via-getty", "ap-photo-name", "glued-xinhua", "image-copyright",
         "image-caption", "photo-label-in-parens", "photo-label", "agency-in-parens"],
)  # fmt: skip
def test_caption_shapes_split_credit(line: str, text: str, credit: str | None) -> None:
    assert split_caption(line) == (text, credit)


@pytest.mark.parametrize(
    "line",
    [
        "Reuters reported that the talks had failed.",
        "BBC News spoke to analysts about the deal on Monday",
        "Getty Images has been sued. The company said it would fight the claim",
        "APPLE SHARES FELL SHARPLY",
        "Reuters",
        "BBC1, Five Live and this website",
    ],
    ids=["agency-verb", "organisation-name", "multi-sentence", "all-caps-word", "credit-alone", "channel-list"],
)
def test_sentences_about_agencies_are_not_captions(line: str) -> None:
    assert split_caption(line) is None


def test_captions_stay_out_of_body_with_their_section() -> None:
    text = (
        "## Headline here\n\nReutersA crowd outside the town hall\n\n**" + BODY + "**\n\n"
        "Next steps\n\nGetty Images Workers repair the road\n\n" + MORE
    )
    draft = parse_text(text)
    assert draft.captions == [
        Caption(text="A crowd outside the town hall", credit="Reuters", section=0),
        Caption(text="Workers repair the road", credit="Getty Images", section=1),
    ]
    assert "Reuters" not in body(draft) and "Getty" not in body(draft)


def test_spaced_credit_paragraph_ending_with_period_mid_section_is_body() -> None:
    line = "Reuters News Agency said the vote would go ahead."
    draft = parse_text(f"## Headline here\n\n{BODY}\n\n{line}")
    assert draft.captions == []
    assert paragraphs(draft) == [BODY, line]


def test_image_copyright_line_credits_the_image_caption_line() -> None:
    draft = parse_text(f"## H\n\n{BODY}\n\nImage copyright Jane Doe\n\nImage caption The harbour at dawn\n\n{MORE}")
    assert draft.captions == [Caption(text="The harbour at dawn", credit="Jane Doe", section=0)]
    assert paragraphs(draft) == [BODY, MORE]


def test_lone_credit_line_is_dropped_and_credits_the_next_caption() -> None:
    draft = parse_text(f"## Headline here\n\n{BODY}\n\nReuters\n\nThe harbour at dawn\n\n{MORE}")
    assert draft.captions == [Caption(text="The harbour at dawn", credit="Reuters", section=0)]
    assert paragraphs(draft) == [BODY, MORE]


FIGURE = '<figure>\n<img src="https://img.example/a.jpg" alt="">\n<figcaption>{}</figcaption>\n</figure>'


@pytest.mark.parametrize(
    ("caption", "text", "credit"),
    [
        ("碼頭今早重開。李大文攝", "碼頭今早重開。", "李大文攝"),
        ("議員在會議上發言。資料圖片", "議員在會議上發言。", "資料圖片"),
        ("醫院外的情況。醫管局提供", "醫院外的情況。", "醫管局提供"),
        ("市民排隊。照片由讀者提供", "市民排隊。", "照片由讀者提供"),
        ("示威者在街上。 EYEPRESS圖片", "示威者在街上。", "EYEPRESS圖片"),
        ("碼頭今早重開，市民排隊入場。", "碼頭今早重開，市民排隊入場。", None),
        ("李大文攝", "李大文攝", None),
        ("The pier at dawn. Jane Doe/Getty Images", "The pier at dawn.", "Jane Doe/Getty Images"),
        ("He said the pier. Was it", "He said the pier. Was it", None),
    ],
    ids=["photographer", "file-photo", "provided-by", "photo-provided-by", "agency-picture", "no-credit",
         "credit-only-kept", "english-trailing-credit", "english-no-credit"],
)  # fmt: skip
def test_figure_caption_splits_trailing_chinese_credit(caption: str, text: str, credit: str | None) -> None:
    draft = parse_text("# 標題\n\n" + FIGURE.format(caption) + "\n\n正文第一段。")
    assert draft.captions == [Caption(text=text, credit=credit, src="https://img.example/a.jpg", section=0)]
    assert paragraphs(draft) == ["正文第一段。"]


def test_split_cjk_credit_needs_a_sentence_end_before_the_credit() -> None:
    assert split_cjk_credit("市民在現場拍攝") == ("市民在現場拍攝", None)


def test_figure_without_caption_uses_alt_or_nothing() -> None:
    with_alt = parse_text('# T\n\n<figure><img src="a.png" alt="公園平面圖"></figure>\n\n正文。')
    without = parse_text('# T\n\n<figure><img src="a.png" alt=""></figure>\n\n正文。')
    assert with_alt.captions == [Caption(text="公園平面圖", src="a.png", section=0)]
    assert without.captions == []


def test_markdown_image_takes_following_italic_caption() -> None:
    draft = parse_text(f"# T\n\n![x](https://img.example/b.jpg)\n*The pier at dawn (Photo: Jane Doe)*\n\n{BODY}")
    assert draft.captions == [
        Caption(text="The pier at dawn", credit="Jane Doe", src="https://img.example/b.jpg", section=0)
    ]
    assert paragraphs(draft) == [BODY]


def test_markdown_image_alt_is_caption_when_no_caption_line() -> None:
    draft = parse_text(f"# T\n\n{BODY}\n\n![The old pier in winter](pier.jpg)\n\n{MORE}")
    assert draft.captions == [Caption(text="The old pier in winter", src="pier.jpg", section=0)]
    assert paragraphs(draft) == [BODY, MORE]


# -- lead, links ----------------------------------------------------------------------------


def test_bold_lead_is_summary_and_first_paragraph() -> None:
    draft = parse_text(f"## Headline here\n\n**{BODY}**\n\n{MORE}")
    assert draft.summary == BODY
    assert paragraphs(draft) == [BODY, MORE]


def test_front_matter_description_is_summary_when_no_bold_lead() -> None:
    draft = parse_text(f"---\ntitle: T\ndescription: 'A short standfirst.'\n---\n\n{BODY}")
    assert draft.summary == "A short standfirst."


def test_related_link_list_becomes_links_with_section() -> None:
    text = f"## H\n\n{BODY}\n\n- [First story](#)\n- [Second story](https://example.com/2)\n\nMore\n\n{MORE}"
    draft = parse_text(text)
    assert draft.links == [
        Link(text="First story", href="#", section=0, kind="related"),
        Link(text="Second story", href="https://example.com/2", section=0, kind="related"),
    ]
    assert paragraphs(draft) == [BODY, MORE]


def test_inline_link_keeps_text_in_paragraph() -> None:
    draft = parse_text("## H\n\nThe [city council](https://example.com/council) voted (again) on Tuesday.")
    assert paragraphs(draft) == ["The city council voted (again) on Tuesday."]
    assert draft.links == [Link(text="city council", href="https://example.com/council", section=0)]


def test_link_href_with_parentheses_is_kept_whole() -> None:
    draft = parse_text("## H\n\nSee [the pier](https://en.example.org/wiki/Pier_(Harbour)) for more.")
    assert draft.links[0].href == "https://en.example.org/wiki/Pier_(Harbour)"
    assert paragraphs(draft) == ["See the pier for more."]


@pytest.mark.parametrize(
    "line",
    ["相關報道： [碼頭重開](https://example.com/a)", "[相關報道：碼頭重開](https://example.com/a)"],
    ids=["label-then-link", "label-inside-link"],
)
def test_related_reports_line_becomes_related_link(line: str) -> None:
    draft = parse_text(f"# T\n\n正文第一段。\n\n{line}\n\n正文第二段。")
    assert draft.links == [Link(text="碼頭重開", href="https://example.com/a", section=0, kind="related")]
    assert paragraphs(draft) == ["正文第一段。", "正文第二段。"]


def test_list_items_without_links_are_paragraphs() -> None:
    draft = parse_text(f"## H\n\n{BODY}\n\n- first point made\n- second point made")
    assert paragraphs(draft) == [BODY, "first point made", "second point made"]
    assert draft.links == []


# -- headings -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("A message to Washington", ("A message to Washington", 2)),
        ("What's the background?", ("What's the background?", 2)),
        ("### Traders welcome the crowds", ("Traders welcome the crowds", 3)),
        ("#### Small print", ("Small print", 4)),
        ("**Why now?**", ("Why now?", 2)),
    ],
    ids=["plain-short-line", "question", "h3", "h4", "bold-short-line"],
)
def test_heading_lines_open_sections(line: str, heading: tuple[str, int]) -> None:
    draft = parse_text(f"## Headline here\n\n{BODY}\n\n{line}\n\n{MORE}")
    assert headings(draft) == [(None, 2), heading]
    assert paragraphs(draft) == [BODY, MORE]


@pytest.mark.parametrize(
    "line",
    [
        "It was over.",
        "Rainbow!",
        "The goal secured qualification for",
        "Arsenal, Chelsea, Liverpool",
        "lower case line here",
        "12,000",
    ],
    ids=["terminal-period", "exclamation", "dangling-word", "comma-list", "lower-case", "number"],
)
def test_short_lines_that_are_not_headings_stay_paragraphs(line: str) -> None:
    draft = parse_text(f"## Headline here\n\n{BODY}\n\n{line}\n\n{MORE}")
    assert headings(draft) == [(None, 2)]
    assert paragraphs(draft) == [BODY, line, MORE]


def test_short_line_not_followed_by_body_is_a_paragraph() -> None:
    draft = parse_text(f"## Headline here\n\n{BODY}\n\nEwood Park\n\nTuesday night")
    assert headings(draft) == [(None, 2)]
    assert paragraphs(draft) == [BODY, "Ewood Park", "Tuesday night"]


def test_rules_are_dropped() -> None:
    draft = parse_text(f"## H\n\n{BODY}\n\n---\n\n{MORE}\n\n* * *\n\nThe end of the story came quickly.")
    assert paragraphs(draft) == [BODY, MORE, "The end of the story came quickly."]


# -- bylines ------------------------------------------------------------------------------


def test_byline_with_role_line_is_tied_to_its_section() -> None:
    text = f"## H\n\n{BODY}\n\nAnalysis\n\nBy Jane Doe\n\nDefence correspondent\n\nA wider view\n\n{MORE}"
    draft = parse_text(text)
    assert draft.byline == [Person(name="Jane Doe", role="Defence correspondent", section=1)]
    assert headings(draft) == [(None, 2), ("Analysis", 2), ("A wider view", 2)]
    assert paragraphs(draft) == [BODY, MORE]


def test_byline_before_body_has_no_section() -> None:
    draft = parse_text(f"## H\n\nBy Jane Doe and John Roe\n\n{BODY}")
    assert draft.byline == [Person(name="Jane Doe"), Person(name="John Roe")]
    assert paragraphs(draft) == [BODY]


def test_byline_role_after_comma_is_split_off() -> None:
    draft = parse_text(f"## H\n\nBy Jane Doe, BBC economics editor\n\n{BODY}")
    assert draft.byline == [Person(name="Jane Doe", role="BBC economics editor")]


def test_author_label_line_is_a_byline() -> None:
    draft = parse_text(f"## H\n\nAuthor: Jane Doe\n\n{BODY}")
    assert draft.byline == [Person(name="Jane Doe")]


@pytest.mark.parametrize(
    "line",
    ["By the way, nobody asked.", "By Monday, the road had reopened to traffic."],
    ids=["lower-case-after-by", "sentence-starting-by"],
)
def test_sentences_starting_with_by_are_not_bylines(line: str) -> None:
    draft = parse_text(f"## H\n\n{BODY}\n\n{line}")
    assert draft.byline == []
    assert paragraphs(draft)[-1] == line


# -- front matter and header lines ---------------------------------------------------------


def test_front_matter_fields_fill_the_draft() -> None:
    text = (
        "---\n"
        'title: "Pier \\"reopens\\""\n'
        "date: 2021-07-04\n"
        "last_updated: '2021-07-05 08:15:00'\n"
        "authors: [Jane Doe, 'John Roe']\n"
        'tags:\n  - pier\n  - "harbour, city"\n'
        "categories: City  # a comment\n"
        "language: en\n"
        "url: https://archive.example/1\n"
        "original_url: https://news.example/1\n"
        "---\n\n" + BODY
    )
    draft = parse_text(text)
    assert draft.headline == 'Pier "reopens"'
    assert (draft.date, draft.date_raw, draft.date_modified) == ("2021-07-04", "2021-07-04", "2021-07-05T08:15:00")
    assert draft.byline == [Person(name="Jane Doe"), Person(name="John Roe")]
    assert draft.tags == ["pier", "harbour, city", "City"]
    assert (draft.language, draft.url, draft.format) == ("en", "https://news.example/1", "markdown")
    assert paragraphs(draft) == [BODY]


def test_front_matter_chinese_author_role_is_split_from_name() -> None:
    draft = parse_text('---\ntitle: 標題\nauthor: "記者吳婉英"\n---\n\n正文。')
    assert draft.byline == [Person(name="吳婉英", role="記者")]


def test_front_matter_author_without_role_prefix_is_kept_whole() -> None:
    draft = parse_text("---\ntitle: 標題\nauthor: 眾新聞記者\n---\n\n正文。")
    assert draft.byline == [Person(name="眾新聞記者")]


def test_front_matter_title_repeated_as_heading_is_not_a_section() -> None:
    draft = parse_text(f"---\ntitle: Pier reopens\n---\n\n# Pier reopens\n\n{BODY}")
    assert draft.headline == "Pier reopens"
    assert headings(draft) == [(None, 2)]


def test_read_front_matter_handles_block_scalars_and_nested_maps() -> None:
    meta = read_front_matter("summary: >\n  Two lines\n  of text\nimage:\n  src: a.png\ntitle: ~\n")
    assert meta == {"summary": "Two lines of text", "image": [], "title": ""}


def test_leading_rule_without_keys_is_not_front_matter() -> None:
    draft = parse_text(f"---\nJust a line of text here\n---\n\n{BODY}")
    assert draft.headline == "Just a line of text here"
    assert paragraphs(draft) == [BODY]


def test_key_value_header_lines_fill_the_draft() -> None:
    text = (
        "Title: Library opens late - Example Gazette\n\nURL Source: https://gazette.example/lib\n\n"
        "Published Time: 2020-11-02T09:00:00Z\n\nAuthor: Ana Ruiz\n\nMarkdown Content:\n"
        f"# Library opens late\n\n{BODY}"
    )
    draft = parse_text(text)
    assert draft.headline == "Library opens late"
    assert (draft.url, draft.date) == ("https://gazette.example/lib", "2020-11-02T09:00:00+00:00")
    assert draft.byline == [Person(name="Ana Ruiz")]
    assert headings(draft) == [(None, 2)]
    assert draft.format == "markdown"


def test_metadata_title_site_suffix_is_stripped() -> None:
    draft = parse_text(f"Title: Library opens late | Harbour News\nURL Source: https://h.example/\n\n{BODY}")
    assert draft.headline == "Library opens late"


def test_language_is_never_guessed_without_metadata() -> None:
    assert parse_text(f"## H\n\n{BODY}").language is None


# -- format, boilerplate, paragraphs, markup -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"Headline\n\n{BODY}", "text"),
        (f"## Headline\n\n{BODY}", "markdown"),
        (f"Headline\n\n**{BODY}**", "markdown"),
        ("Headline\n\nSee [this](https://example.com).", "markdown"),
        (f"---\ntitle: T\n---\n\n{BODY}", "markdown"),
    ],
    ids=["plain", "heading", "bold", "link", "front-matter"],
)
def test_format_is_markdown_only_with_markdown_markers(text: str, expected: str) -> None:
    assert parse_text(text).format == expected


def test_subscription_and_bio_after_rule_are_dropped() -> None:
    text = (
        "# 標題\n\n正文第一段。\n\n---\n\n請加入成為眾新聞的月費訂戶，長期支持我們的工作。\n\n"
        "月費訂戶 [網址](https://example.com/subscribe)\n\n---\n\n"
        "![博客 | 陳大文](a.png)\n\n**博客 | 陳大文**\n\n作者簡介。"
    )
    draft = parse_text(text)
    assert paragraphs(draft) == ["正文第一段。"]
    assert draft.links == [] and draft.captions == []


def test_content_after_rule_without_boilerplate_is_kept() -> None:
    draft = parse_text(f"## H\n\n{BODY}\n\n---\n\nWhat's next?\n\n{MORE}")
    assert paragraphs(draft) == [BODY, MORE]


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        ("One sentence ends.\nAnother one ends.", ["One sentence ends.", "Another one ends."]),
        ("A sentence that was hard\nwrapped by the exporter.", ["A sentence that was hard wrapped by the exporter."]),
        ("First line with a break  \nsecond line after it", ["First line with a break", "second line after it"]),
        ("第一段。\n第二段。", ["第一段。", "第二段。"]),
    ],
    ids=["sentence-lines", "hard-wrapped", "markdown-hard-break", "cjk-lines"],
)  # fmt: skip
def test_single_newline_paragraphs(block: str, expected: list[str]) -> None:
    draft = parse_text(f"## Headline\n\n{block}")
    assert paragraphs(draft) == expected


@pytest.mark.parametrize(
    ("raw", "plain"),
    [
        ("Some **bold** and *italic* and _emphasis_ text.", "Some bold and italic and emphasis text."),
        ("Escaped \\*stars\\* and snake_case_name stay.", "Escaped *stars* and snake_case_name stay."),
        ("Tags <b>go</b> away &amp; entities decode.", "Tags go away & entities decode."),
        ("Code `x = 1` and ~~struck~~ text.", "Code x = 1 and struck text."),
        ('An <a href="https://e.example">html link</a> here.', "An html link here."),
        ("Before <!-- editor's note --> after.", "Before after."),
        ("Unclosed **bold and *star stay.", "Unclosed **bold and *star stay."),
        ("The play \\<The Palace\\> opens \\& runs.", "The play <The Palace> opens & runs."),
    ],
    ids=[
        "emphasis",
        "escapes",
        "html-and-entities",
        "code-and-strike",
        "html-link",
        "comment",
        "unclosed-markup",
        "escaped-angle-bracket",
    ],
)
def test_inline_markup_is_stripped_from_paragraphs(raw: str, plain: str) -> None:
    """Markup goes, its text stays; any ASCII punctuation a backslash escapes is that character
    (CommonMark): an escaped `\\<Title>` is text, not a tag."""
    assert paragraphs(parse_text(f"## H\n\n{raw}")) == [plain]


def test_blockquote_becomes_paragraph_without_marker() -> None:
    draft = parse_text(f"## H\n\n{BODY}\n\n> **Quoted words from the minister.**")
    assert paragraphs(draft) == [BODY, "Quoted words from the minister."]


def test_shortcode_embeds_are_dropped() -> None:
    draft = parse_text(f'## H\n\n{{{{< video src="https://v.example/1" >}}}}\n\n{BODY}')
    assert paragraphs(draft) == [BODY]


def test_crlf_input_parses_like_lf() -> None:
    text = f"## Headline\n\nBBC News, 25 March 2019\n\n**{BODY}**\n\n- [Story](#)\n\n{MORE}\n"
    assert parse_text(text.replace("\n", "\r\n")) == parse_text(text)


def test_nul_characters_are_removed_with_warning() -> None:
    record = parse(f"Headline\n\n{BODY[:10]}\x00{BODY[10:]}\n".encode(), "nul.txt")
    assert record.body == BODY
    assert any("NUL" in w for w in record.warnings)


def test_items_before_a_body_that_never_comes_have_no_section() -> None:
    draft = parse_text("## Headline\n\n- [Only a link](#)")
    assert draft.links == [Link(text="Only a link", href="#", section=None, kind="related")]
    assert draft.sections == []


MARKUP_ALPHABET = "ab XY.?*_[]()!<>#-=\n`~\\&:,|/攝。ReutersBy 2019"


@settings(max_examples=300, deadline=None, database=None)
@given(st.text(alphabet=MARKUP_ALPHABET, max_size=300) | st.text(max_size=200))
def test_any_text_gives_a_draft_whose_section_indexes_are_valid(text: str) -> None:
    draft = parse_text(text)
    count = len(draft.sections)
    indexes = [x.section for x in (*draft.links, *draft.captions, *draft.byline)]
    assert all(i is None or 0 <= i < count for i in indexes)
    assert all(s.paragraphs or s.heading for s in draft.sections)
    assert all(p and p == p.strip() for p in paragraphs(draft))


def test_a_heading_printing_the_front_matter_title_in_other_words_is_no_section() -> None:
    """The page's `#` title over the text, longer or shorter than the front matter's, is the title again."""
    text = (
        "---\ntitle: Harbour ferry to resume - The Gazette\n---\n"
        "# Harbour ferry to resume next month\n\n"
        "The harbour ferry will start running again next month, the council said.\n"
    )
    draft = parse_text(text)
    assert draft.headline == "Harbour ferry to resume"
    assert [s.heading for s in draft.sections] == [None]


ARTICLE = [
    "The harbour ferry will start running again next month, the council said on Tuesday after a "
    "year in which the old boat was repaired and its landing stage rebuilt.",
    "Tickets will cost the same as before, and the first crossing will leave the north quay at "
    "seven in the morning, with a boat every half hour until the evening.",
    "The council said the new landing stage would also serve the fishing boats that moor beside "
    "it, which had used a temporary pontoon since the storm.",
]


@pytest.mark.parametrize(
    "title_line", ["## Harbour ferry to resume next month | The Gazette", "Harbour ferry to resume next month"]
)
def test_what_an_export_kept_above_the_title_printed_again_is_no_body(title_line: str) -> None:
    """The article starts at its title: a kicker, video label or consent dialog printed above it is no article."""
    above = (
        "[Video starten, abbrechen mit Escape](javascript:void(0))\n\n"
        "We and our partners store cookies and other identifiers on your device to show you ads.\n\n"
    )
    text = "---\ntitle: Harbour ferry to resume next month\n---\n" + above + title_line + "\n\n" + "\n\n".join(ARTICLE)
    draft = parse_text(text + "\n")
    assert paragraphs(draft) == ARTICLE
    assert [s.heading for s in draft.sections] == [None]
    short = "---\ntitle: Harbour ferry to resume next month\n---\n" + "\n\n".join(ARTICLE[:2])
    kept = parse_text(short + "\n\n" + title_line + "\n\n" + ARTICLE[2] + "\n")
    assert paragraphs(kept) == ARTICLE  # more text above the heading than under it: the article


@pytest.mark.parametrize(
    "opening", ["12 Comments", "Kommentieren0", "Sie müssen angemeldet sein um kommentieren zu können"]
)
def test_a_comment_section_closing_a_reader_mode_body_is_cut(opening: str) -> None:
    """A reader-mode export keeps the comment section under the article: its body's last quarter
    from a short line naming the comments (no sentence) is no article; a sentence of the article
    using the word stays."""
    article = [
        "The harbour ferry will start running again next month, the council said on Tuesday, ending a pause "
        "that began when the old boat failed its safety inspection two years ago.",
        "A new vessel has been leased for three years, and the council expects it to carry about four hundred "
        "passengers a day during the summer season.",
        "Residents of the island had asked for the service to return since it stopped, and the mayor said the "
        "town would pay for the first year of the lease from its reserves.",
        "The ferry company did not reply to a request for comments.",
    ]
    comment = "Great news for the island, finally!"
    draft = parse_text("---\ntitle: Harbour ferry\n---\n" + "\n\n".join([*article, opening, "Mary", comment]) + "\n")
    assert [p for s in draft.sections for p in s.paragraphs] == article


@pytest.mark.parametrize(
    "line", ["[Jane Doe](https://news.example/profiles/47)", "Jane Doe / Harbour Gazette", "**Jane Doe and John Roe**"]
)
def test_the_header_authors_printed_again_above_the_text_are_no_body(line: str) -> None:
    """A reader-mode export keeps the page's byline line over its standfirst: a short line above
    the first paragraph of running text printing the front matter's authors (with at most three
    other words) is the byline printed again; a sentence naming the author stays."""
    first = "The harbour ferry will start running again next month, the council said."
    second = "A new vessel has been leased for three years and will carry four hundred passengers."
    head = "---\ntitle: Harbour ferry\nauthor: Jane Doe; John Roe\n---\n"
    standfirst = "## The ferry is back, and the island is glad of it\n\n"
    draft = parse_text(f"{head}{line}\n\n{standfirst}{first}\n\n{second}\n")
    assert [p for s in draft.sections for p in s.paragraphs] == [first, second]
    said = "Jane Doe, who rode the old ferry for years, said it was missed."
    kept = parse_text(f"{head}{said}\n\n{standfirst}{first}\n\n{second}\n")
    assert said in [p for s in kept.sections for p in s.paragraphs]


@pytest.mark.parametrize(
    "label", ["Tags: harbour, ferry, council, island", "Continue reading below", "Share this story"]
)
def test_label_lines_in_a_reader_mode_body_are_not_body_text(label: str) -> None:
    """A reader-mode export keeps label lines (tags, a reading prompt, a share button) that the
    HTML reading drops as labels (`common.LABEL_LINE_RE`): they are no article text there either."""
    first = "The harbour ferry will start running again next month, the council said."
    second = "A new vessel has been leased for three years and will carry four hundred passengers."
    draft = parse_text(f"---\ntitle: Harbour ferry\n---\n{first}\n\n{label}\n\n{second}\n")
    assert [p for s in draft.sections for p in s.paragraphs] == [first, second]


@pytest.mark.parametrize(
    "promotion",
    [
        "Sign up for our Email Newsletters here.",
        "skip past newsletter promotion",
        "When you visit our website, we store cookies on your browser to collect information.",
    ],
)
def test_newsletter_promotions_and_cookie_notices_are_not_body_text(promotion: str) -> None:
    """Reader-mode exports keep newsletter boxes and cookie notices between paragraphs: no article text."""
    first = "The harbour ferry will start running again next month, the council said."
    second = "A new vessel has been leased for three years and will carry four hundred passengers."
    draft = parse_text(f"---\ntitle: Harbour ferry\n---\n{first}\n\n{promotion}\n\n{second}\n")
    assert [p for s in draft.sections for p in s.paragraphs] == [first, second]


def test_a_link_tail_left_by_link_text_broken_over_blank_lines_is_not_body_text() -> None:
    """`[3\n\n\tGallery title](https://…)`: the link's text ran over a blank line, so its tail is markup debris."""
    first = "The harbour ferry will start running again next month, the council said."
    debris = "[*3*\n\t\t\n\t\tHarbour gallery 2023](https://gazette.example.net/gallery-2023.html)"
    draft = parse_text(f"---\ntitle: Harbour ferry\n---\n{first}\n\n{debris}\n")
    assert not any("gallery-2023" in p or "Harbour gallery" in p for s in draft.sections for p in s.paragraphs)


def test_a_teaser_line_closing_like_a_sentence_opens_teasers_whose_linked_questions_stay_related() -> None:
    """`You may also like...` then linked titles, one ending in `?`: teasers, not body text."""
    first = "The harbour ferry will start running again next month, the council said on Tuesday."
    teasers = (
        "You may also like...\n\n[Who will run the new ferry?](https://gazette.example.net/who)\n\n"
        "[Storm warning for the weekend](https://gazette.example.net/storm)"
    )
    draft = parse_text(f"---\ntitle: Harbour ferry\n---\n{first}\n\n{teasers}\n")
    assert [p for s in draft.sections for p in s.paragraphs] == [first]
    assert [link.text for link in draft.links if link.kind == "related"] == [
        "Who will run the new ferry?",
        "Storm warning for the weekend",
    ]


@pytest.mark.parametrize("line", ["MORE : Storm warning for the weekend", "SEE MORE: New bakery opens on the quay"])
def test_a_teaser_title_after_a_more_label_is_not_body_text(line: str) -> None:
    """`MORE : Title` between paragraphs is a teaser whose link the export dropped."""
    first = "The harbour ferry will start running again next month, the council said on Tuesday."
    second = "A new vessel has been leased for three years and will carry four hundred passengers."
    draft = parse_text(f"---\ntitle: Harbour ferry\n---\n{first}\n\n{line}\n\n{second}\n")
    assert [p for s in draft.sections for p in (s.heading, *s.paragraphs) if p] == [first, second]


_REPORTED = [
    "The harbour ferry will start running again next month, the council said on Tuesday evening.",
    "A new vessel has been leased for three years and will carry four hundred passengers a day.",
    "Officials said the timetable would match the one used before the old boat was withdrawn.",
    "Traders on the quay welcomed the decision, saying the summer season depended on the link.",
    "The crossing takes twenty minutes and tickets will cost the same as they did last year.",
    "Repairs to the landing stage on the island side are due to be finished by the end of May.",
]


def test_a_tail_speaking_to_its_reader_under_reported_news_is_not_body_text() -> None:
    """Reader-mode exports keep a tip line and `Follow us` box under the article: they address the reader."""
    tail = [
        "Have a story? Get in touch with our news team by emailing us, or send your videos and pictures here.",
        "Follow us on social media for the latest news updates, and sign up for our daily alerts.",
    ]
    text = "\n\n".join([*_REPORTED, *tail])
    draft = parse_text(f"---\ntitle: Harbour ferry\n---\n{text}\n")
    assert [p for s in draft.sections for p in s.paragraphs] == _REPORTED


def test_an_article_speaking_to_its_reader_for_more_than_a_quarter_keeps_its_end() -> None:
    """A guide addressing its reader over more than a quarter of its prose is the article, not a box under it."""
    advice = [
        "Now that you know your stage, you can focus on the work that matters to your business today.",
        "Once you have built your list, your next step is to make your first offer to the people you serve.",
        "When you do this, you can count on steady growth and you will feel more confident in your plans.",
    ]
    text = "\n\n".join([*_REPORTED[:4], *advice])
    draft = parse_text(f"---\ntitle: Harbour ferry\n---\n{text}\n")
    assert [p for s in draft.sections for p in s.paragraphs] == [*_REPORTED[:4], *advice]


def test_a_most_read_heading_naming_its_section_opens_teasers() -> None:
    """`Most read in Football` announces the section's teasers as `Most read` does: not body text."""
    first = "The harbour ferry will start running again next month, the council said on Tuesday."
    teasers = (
        "## Most read in Football\n\n"
        "[Storm warning for the weekend](https://gazette.example.net/storm)\n\n"
        "STORM WARNING Gales expected on the quay by Saturday"
    )
    draft = parse_text(f"---\ntitle: Harbour ferry\n---\n{first}\n\n{teasers}\n")
    assert [p for s in draft.sections for p in (s.heading, *s.paragraphs) if p] == [first]


def test_a_speaker_line_opened_by_a_dash_closing_the_article_is_speech_not_address() -> None:
    """`– We will…` is a speaker's line in dash-quoting languages: its `we` addresses no reader, so it stays."""
    quote = "– We will run the ferry every hour, and we hope our passengers come back to us, said the mayor."
    text = "\n\n".join([*_REPORTED, quote])
    draft = parse_text(f"---\ntitle: Harbour ferry\n---\n{text}\n")
    assert [p for s in draft.sections for p in s.paragraphs] == [*_REPORTED, quote]


_ADDRESSING = [
    "Have a story? Get in touch with our news team by emailing us, or send your videos and pictures here.",
    "Follow us on social media for the latest news updates, and sign up for our daily alerts.",
    "Now that you know your stage, you can focus on the work that matters to your business today.",
    "Support our journalism: your gift keeps our reporters on the quay and in the council chamber.",
]


@pytest.mark.parametrize("tail", [0, 1, 2, 3, 4])
@pytest.mark.parametrize("reported", [2, 4, 6])
def test_the_addressing_screen_never_refuses_a_cut_the_tail_rule_would_make(reported: int, tail: int) -> None:
    """`_may_end_addressing` skips measuring units only where `dump_region.trim_tail` would cut
    nothing within a quarter of the prose: the screen is a shortcut, never a second rule."""
    from newsarchive.parse.dump_region import paragraph_units, trim_tail
    from newsarchive.parse.text import MAX_TAIL_SHARE, _may_end_addressing

    for addressing in (_ADDRESSING[:tail], _ADDRESSING[len(_ADDRESSING) - tail :]):
        paragraphs = [*_REPORTED[:reported], *addressing]
        units = paragraph_units([(text, 0) for text in paragraphs])
        cut = trim_tail(units, 0, len(units))
        prose = [unit.chars if unit.quality > 0 else 0 for unit in units]
        cuts = 0 < cut < len(units) and sum(prose[cut:]) * MAX_TAIL_SHARE <= sum(prose)
        if cuts:
            assert _may_end_addressing(paragraphs), (reported, addressing)


def test_the_addressing_screen_passes_a_tip_box_under_reported_news_and_refuses_plain_news() -> None:
    """The screen lets the tail rule read a body closing with a tip box, and spares plain reported news."""
    from newsarchive.parse.text import _may_end_addressing

    assert _may_end_addressing([*_REPORTED, *_ADDRESSING[:2]])
    assert not _may_end_addressing(_REPORTED)


def test_a_reader_mode_paragraph_ending_in_a_bracketed_photo_credit_is_a_caption() -> None:
    """Reader-mode exports print a photo's caption as a paragraph; its bracketed credit marks it, as in page dumps."""
    caption = "A worker loads timber onto the ferry at the north quay. (AP Photo/Jane Doe, File)"
    note = "The ferry will run on Sundays too. (Text goes on under the photo.)"
    body = [ARTICLE[0], caption, ARTICLE[1], note, ARTICLE[2]]
    draft = parse_text("---\ntitle: Harbour ferry to resume next month\n---\n" + "\n\n".join(body) + "\n")
    assert paragraphs(draft) == [ARTICLE[0], ARTICLE[1], note, ARTICLE[2]]
    assert [(c.text, c.credit) for c in draft.captions] == [
        ("A worker loads timber onto the ferry at the north quay.", "AP Photo/Jane Doe, File")
    ]
    # Without front matter (plain text, not an export) the paragraph stays text.
    assert caption in paragraphs(parse_text("Harbour ferry\n\n" + "\n\n".join(body) + "\n"))


def test_a_date_line_above_the_first_paragraph_of_a_reader_mode_body_is_no_text() -> None:
    """A reader-mode export keeps the page's dateline over the text (`Stand: 05.03.2024, 06:00 Uhr`): no body."""
    front = "---\ntitle: Harbour ferry to resume next month\n---\n"
    draft = parse_text(front + "Harbour\n\nStand: 05.03.2024, 06:00 Uhr\n\n" + "\n\n".join(ARTICLE) + "\n")
    assert paragraphs(draft) == ["Harbour", *ARTICLE]
    assert draft.date == "2024-03-05"
    # Once the article's text has begun, a date line is the article's (a timeline, a list of events).
    timeline = [ARTICLE[0], "5 March 2024", ARTICLE[1]]
    assert paragraphs(parse_text(front + "\n\n".join(timeline) + "\n")) == timeline


def test_a_link_box_after_the_last_paragraph_of_a_reader_mode_body_is_no_text() -> None:
    """Entries after the article's last prose, one of them mostly link text, are a teaser box the export kept."""
    front = "---\ntitle: Harbour ferry to resume next month\n---\n"
    box = [
        "More from the harbour",
        "[Fishing boats get a new pontoon](https://example.org/news/pontoon) and more",
        "Read next",
    ]
    draft = parse_text(front + "\n\n".join([*ARTICLE, *box]) + "\n")
    assert paragraphs(draft) == ARTICLE
    # A link printing an address is the article's contact line, not a teaser.
    contact = "[www.example.org/ferry](https://www.example.org/ferry)"
    assert paragraphs(parse_text(front + "\n\n".join([*ARTICLE, contact]) + "\n"))[-1] == "www.example.org/ferry"
    # A paragraph mostly of link text inside the text, prose after it: the article's.
    linked = "[Fishing boats will get a new pontoon beside the landing stage](https://example.org/p), it said."
    inside = [ARTICLE[0], linked, ARTICLE[1], ARTICLE[2]]
    assert paragraphs(parse_text(front + "\n\n".join(inside) + "\n"))[1].startswith("Fishing boats will get")
    assert paragraphs(parse_text(front + "\n\n".join([*ARTICLE, linked]) + "\n")) == ARTICLE  # last: a box


def test_a_box_of_teaser_links_between_reader_mode_paragraphs_is_no_text() -> None:
    """Two paragraphs or more of link text in a run of short lines and headings are a box of teasers, no article."""
    front = "---\ntitle: Harbour ferry to resume next month\n---\n"
    box = [
        "## Harbour news",
        "[Fishing boats get a new pontoon](https://example.org/news/pontoon)",
        "[Council sets the budget for the quay](https://example.org/news/budget)",
        "[The old ferry goes to a museum](https://example.org/news/museum)",
    ]
    draft = parse_text(front + "\n\n".join([ARTICLE[0], *box, ARTICLE[1], ARTICLE[2]]) + "\n")
    assert paragraphs(draft) == ARTICLE
    assert [s.heading for s in draft.sections] == [None]
    # One linked paragraph among the article's is the article's own.
    one = [ARTICLE[0], "[Fishing boats will get a pontoon beside the stage](https://example.org/p), it said."]
    one += ARTICLE[1:]
    assert len(paragraphs(parse_text(front + "\n\n".join(one) + "\n"))) == 4
