"""Bylines of whole-page dumps printed without a `By` or any markup, as dump tools that print no
link targets (lynx, pandoc's plain text, inscriptis) show them.

Each page is a few lines written here in the way such a tool prints one.
"""

from __future__ import annotations

from newsarchive.parse import parse

MENU = "-   ニュース\n-   社会\n-   経済\n-   スポーツ\n-   文化"
HEADLINE_JA = "港のフェリー運航、二年ぶりに再開へ　市議会が計画を承認"
PROSE_JA = (
    "市議会は火曜日、二年前に安全検査に不合格となって運休していた港のフェリーについて、来月から運航を"
    "再開する計画を承認した。新しい船は三年間の契約で借り受け、夏の間は一日に約四百人を運ぶ見込みだという。"
)
MORE_JA = (
    "市の担当者によると、運賃は以前と同じに据え置かれ、朝夕の便は通勤客のために増やされる。住民からは"
    "再開を歓迎する声が上がっている一方、運航の安全を確かめるよう求める意見も寄せられた。"
)
FOOT = "-   会社概要\n-   お問い合わせ\n-   プライバシー"


def _page(header: str) -> str:
    return f"{MENU}\n\n{HEADLINE_JA}\n\n{header}\n\n{PROSE_JA}\n\n{MORE_JA}\n\n{FOOT}\n"


def test_a_japanese_name_printed_bare_beside_the_dateline_is_the_byline() -> None:
    """A Japanese page prints its reporter's name alone beside the dateline (the author's photo
    between, its date in numbers): no `By` and no capitals mark it, its place does."""
    cases = {
        "2025/1/21 20:50\n\n[山田 花子の写真]\n\n山田 花子": "山田 花子",
        "山田花子\n\n2019.03.26 更新": "山田花子",
    }
    for header, name in cases.items():
        article = parse(_page(header).encode(), "page.txt")
        assert [p.name for p in article.byline] == [name]


def test_a_section_label_beside_the_dateline_is_no_byline() -> None:
    """A section's name beside the dateline is as short as a name, but the menu lists it."""
    article = parse(_page("2025/1/21 20:50\n\n社会").encode(), "page.txt")
    assert [p.name for p in article.byline] == []


def test_a_short_line_beside_a_date_under_the_article_or_inside_a_line_is_no_byline() -> None:
    """Under the article a line as short as a name beside a date is a reader's comment, and a
    date printed inside a line (a source's, `原文(投稿日：2019/02/16)`) dates no byline."""
    comment = f"{MENU}\n\n{HEADLINE_JA}\n\n{PROSE_JA}\n\n{MORE_JA}\n\n2014/01/03 23:17\n\n楓葉很美\n\n{FOOT}\n"
    assert [p.name for p in parse(comment.encode(), "page.txt").byline] == []
    article = parse(_page("山田花子\n\n原文(投稿日：2019/02/16)へ").encode(), "page.txt")
    assert [p.name for p in article.byline] == []


LEAD = (
    "The harbour ferry will start running again next month, the city council said on Tuesday, ending a pause "
    "that began when the old boat failed its safety inspection. A new vessel has been leased for three years, "
    "and the council expects it to carry about four hundred passengers a day during the summer season, when "
    "tourists crowd the old town and the bridges are closed to traffic for the festival week."
)
QUOTE = (
    "We waited two years for this boat, and the people on the islands waited longest of all, the union said in "
    "a statement read at the harbour. Fares will stay as they were, and the morning and evening crossings will "
    "run more often for commuters, according to the council's transport office, which expects the first "
    "crossings to be full."
)


def test_a_name_with_a_title_after_the_articles_first_paragraph_is_no_byline() -> None:
    """A name with a job title printed after a paragraph of the article's running text is a
    quoted speaker's line or a photo's caption; the byline is the name beside the dateline."""
    page = (
        "-   News\n-   Sport\n-   Culture\n\nSarah Archer\n\nMarch 5, 2024\n\n"
        "Harbour ferry service to resume after two-year pause\n\n"
        f"{LEAD}\n\nTom Reed – President\n\n{QUOTE}\n\n-   About us\n-   Contact\n"
    )
    assert [p.name for p in parse(page.encode(), "page.txt").byline] == ["Sarah Archer"]
