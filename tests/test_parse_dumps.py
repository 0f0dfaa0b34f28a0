"""Whole-page text dumps: the article is found among menus, teasers and footers.

Fixtures under tests/fixtures/dumps/ are small invented pages written the way each dump tool
prints a page: html2text markdown, w3m text (wrapped, bullets), lynx text (numbered links and a
References list), a reader-mode markdown export with a YAML header, a browser copy (one line per
block, credits glued to captions), a German page, and a page with no article.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from newsarchive.errors import ParseError
from newsarchive.model import Article
from newsarchive.parse import dump_model, parse
from newsarchive.parse.dump import credit_search_order, read_dump
from newsarchive.parse.dump_region import find_region, units_of
from newsarchive.parse.lexicon import STOPWORDS, stopword_share
from newsarchive.parse.text import parse_text, split_caption

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "dumps"
HEADLINE = "Harbour ferry service to resume after two-year pause"
FIRST = "The harbour ferry will start running again next month"
BODY = "The council approved the plan on Tuesday after a long debate."
NAV_WORDS = ("Politics", "Subscribe", "Privacy", "Most read", "Storm warning", "cookies", "Gazette")


def parsed(name: str) -> Article:
    path = FIXTURES / name
    return parse(path.read_bytes(), name)


def assert_no_boilerplate(article: Article) -> None:
    text = article.body + " " + " ".join(s.heading or "" for s in article.sections)
    for word in NAV_WORDS:
        assert word not in text, word


# -- each dump family -----------------------------------------------------------------------


def test_html2text_dump_reads_headline_byline_date_caption_and_body_only() -> None:
    article = parsed("html2text_page.md")
    assert article.headline == HEADLINE
    assert [p.name for p in article.byline] == ["Jane Doe", "Tom Smith"]
    assert article.date == "2024-03-05" and article.date_raw == "March 5, 2024"
    assert article.body.startswith(FIRST)
    assert len(article.sections[0].paragraphs) == 3
    assert_no_boilerplate(article)


def test_html2text_dump_keeps_inline_link_text_in_paragraph_and_records_the_link() -> None:
    article = parsed("html2text_page.md")
    inline = [link for link in article.links if link.kind == "inline"]
    assert [(link.text, link.href) for link in inline] == [("400 passengers a day", "https://example.net/report.pdf")]
    assert "about 400 passengers a day during" in article.body


def test_html2text_dump_related_list_after_article_becomes_related_links_not_body() -> None:
    article = parsed("html2text_page.md")
    related = [link.text for link in article.links if link.kind == "related"]
    assert related == ["Council approves harbour budget", "East shore bus route extended"]
    assert "Council approves" not in article.body


def test_html2text_dump_caption_with_photo_credit_is_a_caption_not_body() -> None:
    article = parsed("html2text_page.md")
    assert [(c.text, c.credit) for c in article.captions] == [("The old ferry at the north pier in 2021.", "Ann Lee")]
    assert "north pier" not in article.body


def test_w3m_dump_joins_wrapped_lines_and_reads_byline_role() -> None:
    article = parsed("w3m_page.txt")
    assert article.headline == f"{HEADLINE}, council says, as new vessel is leased for three years"
    assert [(p.name, p.role) for p in article.byline] == [("Jane Doe", "Local affairs reporter")]
    assert article.date == "2024-03-05"
    assert article.sections[0].paragraphs[0].startswith(FIRST + ", the city council said on Tuesday, ending a pause")
    assert len(article.sections[0].paragraphs) == 3
    assert_no_boilerplate(article)


def test_lynx_dump_drops_reference_numbers_and_the_references_list() -> None:
    article = parsed("lynx_page.txt")
    assert article.headline == HEADLINE
    assert [p.name for p in article.byline] == ["Jane Doe"]
    assert article.date == "2024-03-05"
    assert "about four hundred passengers a day" in article.body
    assert "[11]" not in article.body and "https://" not in article.body
    assert len(article.sections[0].paragraphs) == 3
    assert_no_boilerplate(article)


def test_browser_copy_reads_glued_credit_caption_like_the_seed() -> None:
    article = parsed("browser_copy.txt")
    assert article.headline == "Venezuela crisis: Russian planes land at main airport"
    assert article.date == "2019-03-25"
    assert [(c.text, c.credit) for c in article.captions] == [
        ("A Russian aircraft was pictured at an airport near Caracas on Sunday", "Reuters")
    ]
    assert article.body.startswith("Two Russian military planes landed")
    assert "Share this" not in article.body and "Cookies" not in article.body


def test_german_dump_reads_von_byline_and_veroeffentlicht_date() -> None:
    article = parsed("german_page.txt")
    assert article.headline == "Hafenfähre fährt nach zwei Jahren Pause wieder"
    assert [p.name for p in article.byline] == ["Anna Müller"]
    assert article.date == "2024-03-05" and article.date_raw == "5. März 2024"
    assert article.body.startswith("Die Hafenfähre soll im nächsten Monat wieder fahren")
    assert "Meistgelesen" not in article.body and "Sturmwarnung" not in article.body


def test_reader_mode_markdown_keeps_every_header_field_and_the_markdown_body() -> None:
    article = parsed("reader_mode.md")
    assert article.headline == HEADLINE
    assert [p.name for p in article.byline] == ["Jane Doe", "Tom Smith"]
    assert article.date == "2024-03-05"
    assert article.url == "https://gazette.example.net/news/harbour-ferry"
    assert article.publisher == "The Harbour Gazette"
    assert article.tags == ("ferry", "harbour", "transport")
    assert article.body == (
        "The harbour ferry will start running again next month, the city council said on Tuesday.\n\n"
        "A new vessel has been leased for three years."
    )


def test_reader_mode_comment_thread_after_the_article_is_not_body_but_a_comment_count_above_it_is_no_end() -> None:
    article = parsed("reader_mode_comments.md")
    assert article.body.startswith("The harbour ferry will start running again next month")
    assert "A new vessel has been leased" in article.body
    assert article.body.endswith("once the first month of crossings has been counted.")
    assert "thoughts on" not in article.body and "bridge traffic" not in article.body


def test_reader_mode_teasers_under_a_most_read_heading_are_related_links_and_the_article_resumes() -> None:
    article = parsed("reader_mode_comments.md")
    assert "Most read" not in [s.heading for s in article.sections]
    assert "Storm warning" not in article.body
    related = [link.text for link in article.links if link.kind == "related"]
    assert related == ["Storm warning for the weekend", "New bakery opens on the quay"]
    assert "The first crossings will leave every half hour" in article.body


def test_dump_with_no_article_is_refused_with_no_article_text_found() -> None:
    with pytest.raises(ParseError, match="no_article.txt: no article text found"):
        parsed("no_article.txt")


# -- choosing the reading by content ------------------------------------------------------


def test_clean_article_file_is_not_read_as_a_dump() -> None:
    text = f"{HEADLINE}\n\n{FIRST}, the council said.\n\nResidents welcomed the decision on Tuesday evening.\n"
    assert read_dump(text) is None
    assert parse_text(text).headline == HEADLINE


def test_results_table_after_a_clean_article_is_not_read_as_a_dump() -> None:
    prose = " ".join([f"{FIRST}, the council said on Tuesday, and the residents of the shore agreed."] * 3)
    table = "\n\n".join(f"Player {n}, Team {n}" for n in range(12))
    text = f"{HEADLINE}\n\n{prose}\n\n{table}\n"
    assert read_dump(text) is None


def test_region_is_the_prose_run_between_menus() -> None:
    menu = "\n".join(f"  • Section {n}" for n in range(8))
    prose = "\n\n".join(
        f"The council said on Tuesday that the ferry will run again, and that it is the {n} time in a year."
        for n in range(4)
    )
    units = units_of(f"{menu}\n\n{prose}\n\n{menu}\n")
    start, end, _ = find_region(units)
    assert [u.raw[:3] for u in units[start:end]] == ["The"] * 4


def test_stopword_share_is_high_for_prose_in_several_languages_and_low_for_menus() -> None:
    assert stopword_share("the council said that it will run in the spring".split()) > 0.3
    assert stopword_share("der rat sagte dass die fähre im frühjahr wieder fährt".split()) > 0.3
    assert stopword_share("le conseil a dit que le bac reprendra au printemps".split()) > 0.3
    assert stopword_share("news politics business sport culture opinion".split()) == 0.0
    assert {"en", "de", "fr", "es", "it", "pt", "nl", "ru"} <= set(STOPWORDS)


# -- captions in body text ------------------------------------------------------------------


def test_body_sentence_starting_with_a_credit_word_is_not_a_caption() -> None:
    assert split_caption("Pool Safety Week begins on Monday with free lessons at every beach.") is None
    assert split_caption("Facebook Chief Executive Mark Zuckerberg testifies before Congress") is None
    draft = parse_text(f"{HEADLINE}\n\n## Summer\n\nPool Safety Week begins on Monday with free lessons.\n\n{BODY}\n")
    assert draft.captions == []
    assert "Pool Safety Week begins on Monday with free lessons." in [p for s in draft.sections for p in s.paragraphs]


def test_spaced_agency_credit_without_a_period_is_still_a_caption() -> None:
    assert split_caption("Getty Images Russia's President Vladimir Putin and his counterpart are close allies") == (
        "Russia's President Vladimir Putin and his counterpart are close allies",
        "Getty Images",
    )


# -- rules added for the dump families ------------------------------------------------------

MENU = "\n".join(f"  * [Section {n}](/section-{n}/)" for n in range(8))
PROSE = (
    "The harbour ferry will start running again next month, the city council said on Tuesday, "
    "ending a pause that began when the old boat failed its safety inspection."
)
MORE = (
    "A new vessel has been leased for three years, and the council expects it to carry about four "
    "hundred passengers a day during the summer season."
)


def test_author_page_link_names_the_author_when_no_byline_word_is_printed() -> None:
    text = f"{MENU}\n\n# {HEADLINE}\n\n[Jane Doe](https://gazette.example.net/author/jane-doe/)\n\n{PROSE}\n\n{MORE}\n\n{MENU}\n"
    article = parse(text.encode(), "page.md")
    assert [p.name for p in article.byline] == ["Jane Doe"]
    assert "Jane Doe" not in article.body


def test_a_link_into_a_people_folder_names_a_subject_not_the_author() -> None:
    text = f"{MENU}\n\n# {HEADLINE}\n\n[Jane Doe](https://gazette.example.net/people/jane-doe/)\n\n{PROSE}\n\n{MORE}\n\n{MENU}\n"
    article = parse(text.encode(), "page.md")
    assert not article.byline


def test_year_first_date_with_published_and_updated_labels_reads_the_published_day() -> None:
    dateline = "公開日：2025/01/31 11:30　更新日：2025/02/01 09:00"
    text = f"{MENU}\n\n# {HEADLINE}\n\n{dateline}\n\n{PROSE}\n\n{MORE}\n\n{MENU}\n"
    article = parse(text.encode(), "page.md")
    assert article.date == "2025-01-31"


def test_empty_markdown_heading_line_heads_the_title_printed_under_it() -> None:
    notice = "Thank you for registering. Your account is active now."
    text = f"{MENU}\n\n{notice}\n\n#\n\n{HEADLINE}\n\n{PROSE}\n\n{MORE}\n\n{MENU}\n"
    article = parse(text.encode(), "page.md")
    assert article.headline == HEADLINE
    assert "registering" not in article.body


def test_headline_model_ships_a_weight_for_every_feature() -> None:
    data = json.loads((Path(dump_model.__file__).parent / "dump_headline.json").read_text(encoding="utf-8"))
    assert tuple(data["features"]) == dump_model.FEATURE_NAMES
    assert len(data["weights"]) == len(dump_model.FEATURE_NAMES)


def test_headline_is_the_title_above_the_byline_not_a_menu_label_or_photo_credit() -> None:
    text = (
        "Skip to content\n\nThe Harbour Gazette\n\n  • News\n  • Sport\n  • Culture\n  • Opinion\n  • Video\n\n"
        f"Local news\n\n{HEADLINE}\n\nBy Jane Doe\n\n5 March 2024\n\nNoel Celis/Getty Images\n\n"
        f"{PROSE}\n\n{MORE}\n\n  • About us\n  • Contact\n  • Privacy\n  • Jobs\n  • Archive\n"
    )
    article = parse(text.encode(), "page.txt")
    assert article.headline == HEADLINE
    assert [p.name for p in article.byline] == ["Jane Doe"]


def test_region_does_not_cross_a_long_gap_into_dialog_prose_after_the_article() -> None:
    dialog = "\n\n".join(
        ["Sign in", "Register", "Close", "Forgot password?", "Cancel", "Continue", "Send"]
        + ["We have sent you an e-mail with a link to renew your password, please check the folder and try it again."]
        + ["Sign in", "Register", "Close", "Forgot password?", "Cancel", "Continue", "Send"]
    )
    text = (
        f"  • News\n  • Sport\n  • Culture\n  • Opinion\n  • Video\n\n# {HEADLINE}\n\n{PROSE}\n\n{MORE}\n\n{dialog}\n"
    )
    article = parse(text.encode(), "page.md")
    assert article.body == f"{PROSE}\n\n{MORE}"


NAV = "Skip to content\n\nThe Harbour Gazette\n\n  • News\n  • Sport\n  • Culture\n  • Opinion\n  • Video\n\n"
FOOT = "\n\n  • About us\n  • Contact\n  • Privacy\n  • Jobs\n  • Archive\n"


def test_a_line_that_is_only_a_name_next_to_the_dateline_is_the_byline() -> None:
    article = parse(f"{NAV}{HEADLINE}\n\nSarah Archer\n\n5 March 2024\n\n{PROSE}\n\n{MORE}{FOOT}".encode(), "page.txt")
    assert [p.name for p in article.byline] == ["Sarah Archer"]
    assert "Sarah Archer" not in article.body


def test_byline_roles_in_brackets_become_roles_and_names_are_kept_once() -> None:
    byline = "By Eleanor Ainge Roy (reporting) and Adrian Malloch (photography)"
    article = parse(f"{NAV}{HEADLINE}\n\n{byline}\n\n{byline}\n\n{PROSE}\n\n{MORE}{FOOT}".encode(), "page.txt")
    assert [(p.name, p.role) for p in article.byline] == [
        ("Eleanor Ainge Roy", "reporting"),
        ("Adrian Malloch", "photography"),
    ]


def test_article_printed_twice_on_the_page_is_read_once() -> None:
    article_text = f"{PROSE}\n\n{MORE}"
    text = f"{NAV}{HEADLINE}\n\nBy Jane Doe\n\n{article_text}\n\nRead more\n\n{article_text}{FOOT}"
    article = parse(text.encode(), "page.txt")
    assert article.body == article_text


def test_prose_in_a_language_without_a_stopword_list_is_found_by_its_sentences() -> None:
    words = " ".join(f"zzyx{n}" for n in range(12))
    prose = "\n\n".join(f"Qwerty{n} {words} qwerty. Asdfg {words} asdfg. Zxcvb {words} zxcvb." for n in range(3))
    article = parse(f"{NAV}Qwerty asdfg zxcvb yuiop\n\n{prose}{FOOT}".encode(), "page.txt")
    assert len(article.sections[0].paragraphs) == 3
    assert "Culture" not in article.body


def test_author_bio_after_the_article_names_the_author_when_no_byline_is_printed() -> None:
    bio = "Sarah Archer is the author of The Midcentury Kitchen and writes about design."
    article = parse(f"{NAV}{HEADLINE}\n\n{PROSE}\n\n{MORE}\n\nAbout the Author\n\n{bio}{FOOT}".encode(), "page.txt")
    assert [p.name for p in article.byline] == ["Sarah Archer"]


def test_image_alt_text_in_the_header_is_the_caption_and_a_foto_line_its_credit() -> None:
    image = "![Jona Niemiec \\(r.\\) will abziehen, Mets bedrängt ihn](https://img.example.net/a.jpg)"
    text = f"{MENU}\n\n# {HEADLINE}\n\n{image}\n\nFoto: Getty Images\n\n{PROSE}\n\n{MORE}\n\n{MENU}\n"
    article = parse(text.encode(), "page.md")
    assert [(c.text, c.credit, c.src) for c in article.captions] == [
        ("Jona Niemiec (r.) will abziehen, Mets bedrängt ihn", "Getty Images", "https://img.example.net/a.jpg")
    ]
    assert "Getty" not in article.body


def test_emphasis_around_a_linked_author_name_is_not_part_of_the_name() -> None:
    link = "[**Ariel Melgar Cabrera**](https://news.example.net/autor/ariel-melgar-cabrera)"
    article = parse(f"{MENU}\n\n# {HEADLINE}\n\n{link}\n\n{PROSE}\n\n{MORE}\n\n{MENU}\n".encode(), "page.md")
    assert [p.name for p in article.byline] == ["Ariel Melgar Cabrera"]


def test_lynx_numbered_references_become_links_and_markers_leave_the_body() -> None:
    article = parsed("lynx_page.txt")
    related = [(link.text, link.href) for link in article.links if link.kind == "related"]
    assert related == [
        ("Storm warning for the weekend", "https://gazette.example.net/news/storm/"),
        ("New mayor sworn in", "https://gazette.example.net/news/mayor/"),
    ]
    inline = [link for link in article.links if link.kind == "inline"]
    assert [link.href for link in inline] == ["https://gazette.example.net/report.pdf"]
    assert inline[0].text.startswith("four hundred passengers")
    assert "it to carry about four hundred passengers a day during the summer" in article.body
    assert "[" not in article.body and "gazette.example.net" not in article.body


def test_a_section_titled_references_without_numbered_urls_lists_no_targets() -> None:
    from newsarchive.parse.dump_refs import link_list

    text = "Body text.\n\nReferences\n\n1. Smith, J. (2020). A study of ferries.\n"
    assert link_list(text) == (text, {})
    assert link_list("[1]x [2]y\nReferences\n\n   1. https://a.example/\n  2. https://b.example/x\n") == (
        "[1]x [2]y\n",
        {"1": "https://a.example/", "2": "https://b.example/x"},
    )


def test_hindi_page_is_read_from_its_danda_sentences_not_refused() -> None:
    article = parsed("hindi_page.txt")
    assert article.headline == "नदी पर नया पुल अगले महीने खुलेगा"
    assert len(article.sections[0].paragraphs) == 3
    assert article.body.startswith("शहर की नगर परिषद ने मंगलवार को बताया")
    assert "खेल" not in article.body.split() and "संपर्क करें" not in article.body


def test_hindi_dateline_with_a_month_name_and_devanagari_digits_gives_the_date() -> None:
    article = parsed("hindi_dateline.txt")
    assert article.headline == "गांव में नया स्वास्थ्य केंद्र शुरू हुआ"
    assert (article.date, article.date_raw) == ("2024-09-04", "४ सितंबर २०२४")
    assert parsed("hindi_page.txt").date == "2024-03-12"


def test_korean_page_is_read_from_its_sentences_not_refused() -> None:
    article = parsed("korean_page.txt")
    assert article.headline == "강 위의 새 다리 다음 달 개통"
    assert article.date == "2024-03-12"
    assert len(article.sections[0].paragraphs) == 3
    assert article.body.startswith("시의회는 화요일에")
    assert "로그인" not in article.body and "연락처" not in article.body


@pytest.mark.parametrize("label", ["Share Tweet Share", "Log In", "Sign In Sign Up", "Kommentar von"])
def test_interface_label_next_to_the_headline_is_not_a_byline(label: str) -> None:
    article = parse(f"{NAV}{HEADLINE}\n\n{label}\n\n5 March 2024\n\n{PROSE}\n\n{MORE}{FOOT}".encode(), "page.txt")
    assert not article.byline
    assert article.date == "2024-03-05"


def test_capitalised_words_the_page_also_prints_in_lower_case_are_not_a_name() -> None:
    prose = f"{PROSE} Readers can download the council report and share it with friends."
    article = parse(f"{NAV}{HEADLINE}\n\nDownload Report\n\n5 March 2024\n\n{prose}\n\n{MORE}{FOOT}".encode(), "x.txt")
    assert not article.byline
    named = parse(f"{NAV}{HEADLINE}\n\nSarah Archer\n\n5 March 2024\n\n{prose}\n\n{MORE}{FOOT}".encode(), "y.txt")
    assert [p.name for p in named.byline] == ["Sarah Archer"]


def test_a_byline_line_that_also_prints_the_date_gives_both() -> None:
    page = f"{NAV}{HEADLINE}\n\nBy Sarah Archer March 5, 2024\n\n{PROSE}\n\n{MORE}{FOOT}"
    article = parse(page.encode(), "page.txt")
    assert [p.name for p in article.byline] == ["Sarah Archer"]
    assert article.date == "2024-03-05"


def test_dateline_right_above_the_article_text_is_read_when_the_headline_stands_apart() -> None:
    menu = "".join(f"  • Section {n}\n" for n in range(14))
    page = f"{NAV}{HEADLINE}\n\n{menu}\nShare this\n\n5 March 2024\n\n{PROSE}\n\n{MORE}\n\n{BODY}{FOOT}"
    article = parse(page.encode(), "page.txt")
    assert article.headline == HEADLINE
    assert article.date == "2024-03-05"


JAPANESE = (
    "市議会は火曜日、二年間運休していた港のフェリーを来月から再開すると発表した。古い船が安全検査に不合格となって以来、"
    "住民は長い回り道を強いられてきた。市によると、新しい桟橋の工事も今月中に終わる予定で、乗り場は駅に近くなる。",
    "新しい船は三年間の契約で借りられ、夏の間は一日に約四百人の乗客を運ぶ見込みだという。市の担当者は運賃を据え置く"
    "方針を示した。通勤に使う人のための定期券も用意され、朝と夕方には便が増やされる予定だと説明した。",
    "港の近くで店を営む男性は、観光客が戻ってくることを期待していると話した。再開の初日には記念の式典も予定されている。"
    "式典には市長も出席し、新しい船の名前が発表されるという。",
)


def wrap_columns(text: str, columns: int) -> str:
    """`text` broken into lines of `columns` screen columns (wide characters take two), as w3m does."""
    chunk = columns // 2
    return "\n".join(text[i : i + chunk] for i in range(0, len(text), chunk))


def test_w3m_dump_of_japanese_wrapped_by_screen_columns_is_read_not_refused() -> None:
    menu = "".join(f"  • メニュー{n}\n" for n in range(8))
    paragraphs = "\n\n".join(wrap_columns(p, 100) for p in JAPANESE)
    footer = "  • 会社概要\n  • お問い合わせ\n  • 利用規約\n"
    page = f"{menu}\n港のフェリー、来月再開へ\n\n2024年3月5日\n\n{paragraphs}\n\n{footer}"
    texts = [unit.raw for unit in units_of(page)]
    assert all(p in texts for p in JAPANESE)  # each wrapped paragraph is one unit, joined without spaces
    article = parse(page.encode(), "page.txt")
    assert JAPANESE[1] in article.body and JAPANESE[2] in article.body
    assert "会社概要" not in article.body


@pytest.mark.parametrize(
    "link",
    [
        "[Jane Doe](https://gazette.example.net/autores/jane-doe/)",
        "[Jane Doe](https://gazette.example.net/forfatter/jane-doe)",
        "[Jane Doe](https://gazette.example.net/reporters/author-Jane-Doe-4711.cms)",
        "[Jane Doe ](mailto:jane.doe@gazette.example.net)",
    ],
)
def test_links_to_author_pages_in_other_languages_and_name_mail_links_name_the_author(link: str) -> None:
    text = f"{MENU}\n\n# {HEADLINE}\n\n{link}\n\n{PROSE}\n\n{MORE}\n\n{MENU}\n"
    assert [p.name for p in parse(text.encode(), "page.md").byline] == ["Jane Doe"]


def test_a_mail_link_whose_text_is_no_name_is_no_byline() -> None:
    link = "[Contact the newsroom](mailto:desk@gazette.example.net)"
    text = f"{MENU}\n\n# {HEADLINE}\n\n{link}\n\n{PROSE}\n\n{MORE}\n\n{MENU}\n"
    assert not parse(text.encode(), "page.md").byline


LABELLED_BYLINES = ["By: Sarah Archer", "Von: Sarah Archer", "Auteur: Sarah Archer", "// By Sarah Archer"]


@pytest.mark.parametrize("line", LABELLED_BYLINES)
def test_byline_with_a_colon_a_label_or_rule_marks_before_it_names_the_person(line: str) -> None:
    article = parse(f"{NAV}{HEADLINE}\n\n{line}\n\n5 March 2024\n\n{PROSE}\n\n{MORE}{FOOT}".encode(), "page.txt")
    assert [p.name for p in article.byline] == ["Sarah Archer"]
    assert "Archer" not in article.body


def test_byline_search_covers_the_start_of_the_article_text_when_the_headline_stands_apart() -> None:
    menu = "".join(f"  • Section {n}\n" for n in range(14))
    page = f"{NAV}{HEADLINE}\n\n{menu}\nShare this\n\nBy Sarah Archer\n\n{PROSE}\n\n{MORE}\n\n{BODY}{FOOT}"
    reading = read_dump(page)
    assert reading is not None and reading.headline is not None
    byline = next(i for i, unit in enumerate(reading.units) if unit.visible == "By Sarah Archer")
    assert reading.start - reading.headline > 9  # the headline stands apart from the article's text
    assert byline in credit_search_order(reading)
    assert [p.name for p in parse(page.encode(), "page.txt").byline] == ["Sarah Archer"]


@pytest.mark.parametrize(
    "dateline",
    [
        "Sarah Archer / HARBOUR GAZETTE / Mar 5, 2024, 17:07 IST",
        "Sarah Archer,  05.03.2024 10:00 Uhr",
        "5 March 2024 - Sarah Archer",
        "Veröffentlicht am 5. März 2024 von Sarah Archer",
    ],
)
def test_a_name_printed_on_the_dateline_is_the_byline(dateline: str) -> None:
    article = parse(f"{NAV}{HEADLINE}\n\n{dateline}\n\n{PROSE}\n\n{MORE}{FOOT}".encode(), "page.txt")
    assert [p.name for p in article.byline] == ["Sarah Archer"]
    assert article.date == "2024-03-05"
    assert "Archer" not in article.body


@pytest.mark.parametrize(
    "dateline", ["Published March 5, 2024", "Updated on March 5, 2024 09:22 AM", "Politics, 5 March 2024"]
)
def test_a_dateline_without_a_name_names_no_one(dateline: str) -> None:
    article = parse(f"{NAV}{HEADLINE}\n\n{dateline}\n\n{PROSE}\n\n{MORE}{FOOT}".encode(), "page.txt")
    assert not article.byline


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("By Sarah Archer Sarah Archer", ["Sarah Archer"]),
        ("By Joe S. Joe S", ["Joe S"]),
        ("By Sarah Archer For Gazette.com", ["Sarah Archer"]),
        ("By Sarah Archer for the Gazette and Tom Smith", ["Sarah Archer", "Tom Smith"]),
    ],
)
def test_a_name_printed_twice_in_a_row_is_one_and_the_outlet_written_for_is_no_name(
    byline: str, names: list[str]
) -> None:
    article = parse(f"{NAV}{HEADLINE}\n\n{byline}\n\n5 March 2024\n\n{PROSE}\n\n{MORE}{FOOT}".encode(), "page.txt")
    assert [p.name for p in article.byline] == names


def test_names_joined_by_and_on_a_line_of_their_own_are_the_byline() -> None:
    text = f"{NAV}{HEADLINE}\n\nJulia Carrie Wong and Sam Levin\n\n5 March 2024\n\n{PROSE}\n\n{MORE}{FOOT}"
    article = parse(text.encode(), "page.txt")
    assert [p.name for p in article.byline] == ["Julia Carrie Wong", "Sam Levin"]


def test_a_line_joining_labels_the_page_prints_in_lower_case_is_no_byline() -> None:
    labels = "Share Story and Follow Gazette"
    text = f"{NAV}{HEADLINE}\n\n{labels}\n\n5 March 2024\n\n{PROSE} Share the story.\n\n{MORE}{FOOT}"
    article = parse(text.encode(), "page.txt")
    assert article.byline == ()


def test_headline_printed_above_teasers_keeps_the_byline_and_dateline_printed_under_it() -> None:
    teasers = "\n".join(f"  • Teaser story number {n} about the harbour" for n in range(14))
    dateline = "Sarah Archer / Harbour Wire / Updated: 5 March 2024"
    text = f"{NAV}{HEADLINE}\n\n{dateline}\n\nShare\n\n{teasers}\n\n{PROSE}\n\n{MORE}{FOOT}"
    article = parse(text.encode(), "page.txt")
    assert article.headline == HEADLINE
    assert [p.name for p in article.byline] == ["Sarah Archer"]
    assert article.date_modified == "2024-03-05"


def test_wrapped_dump_whose_closing_link_list_runs_past_the_wrap_column_is_still_read_as_wrapped() -> None:
    paragraphs = [PROSE, MORE, BODY + " " + PROSE]
    wrapped = "\n\n".join(textwrap.fill(p, width=77, initial_indent="   ", subsequent_indent="   ") for p in paragraphs)
    references = "\n".join(
        f"  {n}. https://gazette.example.net/{'section/' * 6}story-{n}?utm_source=newsletter&utm_medium=email"
        for n in range(1, 30)
    )
    text = f"{NAV}{HEADLINE}\n\n{wrapped}\n\nReferences\n\n{references}\n"
    article = parse(text.encode(), "page.txt")
    assert article.body.split("\n\n") == paragraphs


def test_byline_printed_under_the_share_bar_below_the_headline_is_read() -> None:
    share = "\n".join(f"  • Share on network {n}" for n in range(9))
    teasers = "\n".join(f"  • Teaser story number {n} about the harbour" for n in range(9))
    text = f"{NAV}{HEADLINE}\n\nLocal news\n\n{share}\n\nBy\nJane Doe\n\n{teasers}\n\n{PROSE}\n\n{MORE}{FOOT}"
    article = parse(text.encode(), "page.txt")
    assert [p.name for p in article.byline] == ["Jane Doe"]


def test_image_alt_text_followed_by_the_same_caption_with_a_credit_is_one_caption_not_body() -> None:
    alt = "Smoke rises over the harbour after the fire."
    text = f"{NAV}{HEADLINE}\n\n{PROSE}\n\n{alt}\n\n{alt} © Jane Roe/Reuters\n\n{MORE}{FOOT}"
    article = parse(text.encode(), "page.txt")
    assert article.body == f"{PROSE}\n\n{MORE}"
    assert [(c.text, c.credit) for c in article.captions] == [(alt, "© Jane Roe/Reuters")]


def test_a_sentence_repeated_with_more_words_after_it_that_are_no_credit_stays_in_the_body() -> None:
    lead = "Dallas Robinson writes about the harbour."
    longer = f"{lead} She has covered the city council for ten years and lives by the old ferry pier."
    text = f"{NAV}{HEADLINE}\n\n{PROSE}\n\n{lead}\n\n{longer}\n\n{MORE}{FOOT}"
    article = parse(text.encode(), "page.txt")
    assert longer in article.body
    assert article.captions == ()


def test_links_without_text_are_share_buttons_not_body_even_when_their_targets_hold_spaces() -> None:
    share = "[ ](whatsapp://send?text=Harbour ferry service to resume+https://gazette.example.net/ferry)"
    mail = "[](mailto:?subject=Read this: Harbour ferry&body=Dear reader, read this)"
    text = f"{MENU}\n\n# {HEADLINE}\n\n{PROSE}\n\n{share}\n\n{mail}\n\n{MORE}\n\n{MENU}\n"
    article = parse(text.encode(), "page.md")
    assert article.body == f"{PROSE}\n\n{MORE}"


def test_an_email_address_beside_the_byline_name_is_no_part_of_it() -> None:
    byline = "By Grace Archer | garcher@gazette.example.net"
    article = parse(f"{NAV}{HEADLINE}\n\n{byline}\n\n5 March 2024\n\n{PROSE}\n\n{MORE}{FOOT}".encode(), "page.txt")
    assert [p.name for p in article.byline] == ["Grace Archer"]


def test_a_name_glued_to_the_date_after_a_bullet_mark_on_the_dateline_is_the_byline() -> None:
    dateline = "●Sarah ArcherMarch 5, 2024"
    article = parse(f"{NAV}{HEADLINE}\n\n{dateline}\n\n{PROSE}\n\n{MORE}{FOOT}".encode(), "page.txt")
    assert [p.name for p in article.byline] == ["Sarah Archer"]
    assert article.date == "2024-03-05"


def test_a_name_with_its_job_title_after_it_on_one_line_is_the_byline_with_its_role() -> None:
    article = parse(
        f"{NAV}{HEADLINE}\n\nSarah Archer Deputy Editor\n\n5 March 2024\n\n{PROSE}\n\n{MORE}{FOOT}".encode(), "page.txt"
    )
    assert [(p.name, p.role) for p in article.byline] == [("Sarah Archer", "Deputy Editor")]


def test_a_name_line_next_to_the_dateline_under_a_share_bar_below_the_standfirst_is_the_byline() -> None:
    share = "\n\n".join(("Share", "Tweet", "Pin", "Mail", "Print") * 2)
    standfirst = f"{PROSE} {MORE}"
    text = f"{NAV}{HEADLINE}\n\n{standfirst}\n\n{share}\n\nSarah Archer\n\n5 March 2024\n\n{PROSE}\n\n{MORE}{FOOT}"
    article = parse(text.encode(), "page.txt")
    assert [p.name for p in article.byline] == ["Sarah Archer"]


def test_a_name_after_an_author_photo_placeholder_and_before_the_time_since_publication_is_the_byline() -> None:
    line = "[archer-headshot] Sarah Archer • 8h"
    article = parse(f"{NAV}{HEADLINE}\n\n{line}\n\n5 March 2024\n\n{PROSE}\n\n{MORE}{FOOT}".encode(), "page.txt")
    assert [p.name for p in article.byline] == ["Sarah Archer"]


def test_a_label_printed_after_the_byline_name_is_no_part_of_it() -> None:
    for byline in ("By Sarah Archer Image", "By Sarah ArcherTwitter"):
        article = parse(f"{NAV}{HEADLINE}\n\n{byline}\n\n5 March 2024\n\n{PROSE}\n\n{MORE}{FOOT}".encode(), "page.txt")
        assert [p.name for p in article.byline] == ["Sarah Archer"], byline


def lynx_page(body: str, targets: dict[int, str]) -> bytes:
    """A lynx-style page: menu links numbered [1]-[6], then `body`, then the References list."""
    menu = "\n".join(f"     * [{n}]Section {n}" for n in range(1, 7))
    listed = {**{n: f"https://gazette.example.net/section-{n}/" for n in range(1, 7)}, **targets}
    references = "\n".join(f"  {n}. {href}" for n, href in sorted(listed.items()))
    return f"{menu}\n\n{HEADLINE}\n\n{body}\n\nReferences\n\n{references}\n".encode()


def test_a_numbered_link_name_line_next_to_the_dateline_is_the_byline() -> None:
    body = f"   [20]Sarah Archer and [21]Tom Reed\n\n   5 March 2024\n\n   {PROSE}\n\n   {MORE}"
    targets = {20: "https://gazette.example.net/people/sarah", 21: "https://gazette.example.net/people/tom"}
    article = parse(lynx_page(body, targets), "page.txt")
    assert [p.name for p in article.byline] == ["Sarah Archer", "Tom Reed"]


def test_a_numbered_link_to_an_author_page_names_the_author() -> None:
    share = "\n\n".join(f"   [{n}]Share on network {n}" for n in range(30, 40))
    body = f"   {PROSE} {MORE}\n\n   {BODY} {MORE}\n\n{share}\n\n   [20]Sarah Archer\n\n   {MORE}"
    article = parse(lynx_page(body, {20: "https://gazette.example.net/author/sarah-archer/"}), "page.txt")
    assert [p.name for p in article.byline] == ["Sarah Archer"]


def test_a_separator_printed_between_the_paragraphs_does_not_end_the_article() -> None:
    share = "\n\n".join(("Share", "Tweet", "Pin", "Mail"))
    ad = "Advertisement"
    text = f"{NAV}{HEADLINE}\n\n{PROSE} {MORE}\n\n{ad}\n\n{share}\n\n{ad}\n\n{BODY}\n\n{ad}\n\n{BODY} {PROSE}{FOOT}"
    article = parse(text.encode(), "page.txt")
    assert article.body.startswith(f"{PROSE} {MORE}") and article.body.endswith(f"{BODY}\n\n{BODY} {PROSE}")
    assert ad not in article.body


def test_a_line_printed_again_and_again_among_boilerplate_is_no_separator() -> None:
    ads = "\n\n".join(("Share", "[banner]", "Tweet", "[banner]", "Pin", "[banner]", "Mail"))
    text = f"{NAV}{HEADLINE}\n\n{PROSE} {MORE}\n\n{ads}\n\n{BODY} {PROSE}{FOOT}"
    article = parse(text.encode(), "page.txt")
    assert article.body == f"{PROSE} {MORE}"


def test_a_wrapped_line_closing_a_sentence_short_of_the_wrap_column_ends_its_paragraph() -> None:
    # Wrapped at 79 columns; the standfirst's last line closes a sentence 12 columns short of
    # the column, and the byline printed right under it would have fit on it.
    paragraph = textwrap.fill(f"{PROSE} {MORE} {BODY}", width=79, initial_indent="   ", subsequent_indent="   ")
    standfirst = (
        "   The harbour ferry returns next month after a pause of two years, the city\n"
        "   council said on Tuesday, and a new boat has been leased for the summer.\n"
    )
    assert 79 - 14 <= len(standfirst.split("\n")[1]) < 79 - len(" By")
    text = f"{NAV}{HEADLINE}\n\n{standfirst}   By Sarah Archer\n   5 March 2024\n\n{paragraph}\n\n{paragraph}{FOOT}"
    article = parse(text.encode(), "page.txt")
    assert [p.name for p in article.byline] == ["Sarah Archer"]
    assert "Sarah Archer" not in article.body


def test_a_share_bar_of_capitalised_words_before_the_byline_is_not_taken_as_a_name() -> None:
    """A share bar (`Teilen Twittern Senden`) looks like a name line: interface words refuse it."""
    text = f"{NAV}{HEADLINE}\n\nTeilen Twittern Senden\nVon: Anna Müller\n\n5 March 2024\n\n{PROSE}\n\n{MORE}{FOOT}"
    article = parse(text.encode(), "page.txt")
    assert [p.name for p in article.byline] == ["Anna Müller"]


def test_an_author_photo_placeholder_after_a_byline_label_is_not_taken_as_a_name() -> None:
    """`author image` is the alt text of an author photo: its label leaves `image`, no name."""
    text = f"{NAV}{HEADLINE}\n\nauthor image\n\n5 March 2024\n\n{PROSE}\n\n{MORE}{FOOT}"
    article = parse(text.encode(), "page.txt")
    assert [p.name for p in article.byline] == []


def test_a_byline_in_the_article_text_drops_the_outlet_and_a_glued_profile_label() -> None:
    """The body reading's `By …` lines get the dump's name cleaning (outlet, glued `Twitter`)."""
    for byline, name in (("By Jane Doe For Dailymail.Com", "Jane Doe"), ("By Jane DoeTwitter", "Jane Doe")):
        text = f"{NAV}{HEADLINE}\n\n{PROSE}\n\n{byline}\n\n5 March 2024\n\n{MORE}\n\n{PROSE}{FOOT}"
        article = parse(text.encode(), "page.txt")
        assert [p.name for p in article.byline] == [name], byline


def test_an_author_photo_alt_text_before_the_name_leaves_only_the_name() -> None:
    """`Photo of Jane Doe` / `Profilbild von …`: the alt text's opening words are no part of the name."""
    for alt, name in (("Photo of Jane Doe", "Jane Doe"), ("Profilbild von Anna Müller", "Anna Müller")):
        line = f"[{alt}](https://example.com/author/someone)"
        text = f"{NAV}# {HEADLINE}\n\n{line}\n\n5 March 2024\n\n{PROSE}\n\n{MORE}{FOOT}"
        article = parse(text.encode(), "page.txt")
        assert [p.name for p in article.byline] == [name], alt


def test_a_date_label_glued_to_the_name_is_no_part_of_it() -> None:
    """`Jane DoePublished`: a dump glues the dateline's label to the name printed before it."""
    text = f"{NAV}{HEADLINE}\n\nBy Jane DoePublished\n\n5 March 2024\n\n{PROSE}\n\n{MORE}{FOOT}"
    article = parse(text.encode(), "page.txt")
    assert [p.name for p in article.byline] == ["Jane Doe"]


def test_an_e_mail_link_label_is_not_taken_as_a_name() -> None:
    """`E-mail Maggie` is a contact link's label, not the author's name."""
    text = f"{NAV}{HEADLINE}\n\nBy E-mail Maggie\n\n5 March 2024\n\n{PROSE}\n\n{MORE}{FOOT}"
    article = parse(text.encode(), "page.txt")
    assert [p.name for p in article.byline] == []


def test_a_byline_prefix_glued_to_the_name_and_an_outlet_logo_after_it_leave_only_the_name() -> None:
    """`ByJane Doe KTRK logo`: text browsers glue `By` to a linked name; the outlet logo's alt text follows."""
    text = f"{NAV}{HEADLINE}\n\nByJane Doe KTRK logo\n\n5 March 2024\n\n{PROSE}\n\n{MORE}{FOOT}"
    article = parse(text.encode(), "page.txt")
    assert [p.name for p in article.byline] == ["Jane Doe"]


def test_a_photo_caption_and_credit_printed_after_the_byline_name_are_no_part_of_it() -> None:
    """`von Jane Doe Hafen: Foto: © X`: a word with a colon after the name starts the photo's caption."""
    text = f"{NAV}{HEADLINE}\n\nvon Anna Müller Hafen: Foto: © Gazette\n\n5 March 2024\n\n{PROSE}\n\n{MORE}{FOOT}"
    article = parse(text.encode(), "page.txt")
    assert [p.name for p in article.byline] == ["Anna Müller"]


@pytest.mark.parametrize("line", ["Written on Mar 5 by", "05.03.2024 18:27 von"])
def test_a_line_ending_in_a_byline_word_names_the_author_on_the_next_line(line: str) -> None:
    """`Written on Mar 5 by` / `Jane Doe`: the name follows the byline word, past an author photo's placeholder."""
    box = f"{line}\n\n[archer-photo]\n\nSarah Archer\n\nFollow"
    text = f"{NAV}{HEADLINE}\n\n5 March 2024\n\n{PROSE}\n\n{MORE}\n\n{BODY}{FOOT}\n\n{box}\n"
    article = parse(text.encode(), "page.txt")
    assert [p.name for p in article.byline] == ["Sarah Archer"]


def test_a_line_ending_in_a_byline_word_followed_by_no_name_names_no_one() -> None:
    """The line after the byline word must read as a name: `Read More Stories` is none."""
    box = "Written on Mar 5 by\n\nRead More Stories\n\nFollow"
    text = f"{NAV}{HEADLINE}\n\n5 March 2024\n\n{PROSE}\n\n{MORE}\n\n{BODY}{FOOT}\n\n{box}\n"
    article = parse(text.encode(), "page.txt")
    assert [p.name for p in article.byline] == []


def test_a_by_line_under_a_line_printing_only_a_name_is_the_credit() -> None:
    """A name alone under the headline may be a photo's subject; the `By` line after it is the byline."""
    text = f"{NAV}{HEADLINE}\n\nTom Reed\n\nBy Sarah Archer\n\n5 March 2024\n\n{PROSE}\n\n{MORE}{FOOT}"
    article = parse(text.encode(), "page.txt")
    assert [p.name for p in article.byline] == ["Sarah Archer"]


def test_bylines_under_teasers_after_a_credited_article_are_not_its_authors() -> None:
    """Teasers inside the article's region print their own `By` lines: the article keeps its credit."""
    teasers = "\n\n".join(
        f"The {place} pier reopens\n\nThe {place} pier has been repaired and opens to walkers again on Monday.\n\n"
        f"By Tom {place.title()}"
        for place in ("north", "south", "west")
    )
    text = f"{NAV}{HEADLINE}\n\nBy Sarah Archer\n\n5 March 2024\n\n{PROSE}\n\n{MORE}\n\n{teasers}{FOOT}"
    article = parse(text.encode(), "page.txt")
    assert [p.name for p in article.byline] == ["Sarah Archer"]


def test_name_lines_next_to_a_dateline_around_the_start_of_the_text_are_co_authors() -> None:
    """Co-authors printed one per line above the dateline, past the header zone, are all the byline."""
    teasers = "\n".join(f"  • Teaser story number {n} about the harbour" for n in range(20))
    head = f"{NAV}{HEADLINE}\n\n{teasers}\n\nSarah Archer\n\nTom Reed\n\n5 March 2024"
    article = parse(f"{head}\n\n{PROSE} {MORE}\n\n{BODY}\n\n{MORE}{FOOT}".encode(), "page.txt")
    assert [p.name for p in article.byline] == ["Sarah Archer", "Tom Reed"]


def test_a_line_that_is_only_a_news_agency_next_to_the_dateline_is_the_credit() -> None:
    """`The Associated Press` alone beside the dateline credits the agency (role `agency`)."""
    text = f"{NAV}{HEADLINE}\n\n{PROSE}\n\nThe Associated Press\n\nPublished 5 March 2024\n\n{MORE}\n\n{BODY}{FOOT}"
    article = parse(text.encode(), "page.txt")
    assert [(p.name, p.role) for p in article.byline] == [("The Associated Press", "agency")]


def test_a_first_name_that_is_a_function_word_of_a_language_the_page_is_not_in_is_a_name() -> None:
    """`Jen` is a Czech function word, but an English page never prints it in lower case: `Jen Mills` is a name."""
    text = f"{NAV}{HEADLINE}\n\nJen Mills\n\n5 March 2024\n\n{PROSE}\n\n{MORE}{FOOT}"
    article = parse(text.encode(), "page.txt")
    assert [p.name for p in article.byline] == ["Jen Mills"]


def test_a_line_with_a_possessive_is_a_label_not_a_name() -> None:
    """`Today’s Paper` next to the dateline is a link label: a possessive makes no name."""
    text = f"{NAV}{HEADLINE}\n\nToday’s Paper\n\n5 March 2024\n\n{PROSE}\n\n{MORE}{FOOT}"
    article = parse(text.encode(), "page.txt")
    assert [p.name for p in article.byline] == []


def test_a_name_after_an_img_marker_under_the_headline_is_the_byline() -> None:
    """`[IMG] Jane Doe • 8h`: links and elinks mark an author photo so; the marker is no link text."""
    text = f"{NAV}{HEADLINE}\n\n[IMG] Sarah Archer • 8h\n\nShare  Tweet  Share\n\n{PROSE} {MORE}\n\n{BODY}{FOOT}"
    article = parse(text.encode(), "page.txt")
    assert [p.name for p in article.byline] == ["Sarah Archer"]


def test_a_byline_under_a_teaser_title_after_the_article_is_not_the_article_s() -> None:
    """`1. Teaser title` / `By Jane Doe` after the article: the list item's credit, not the article's."""
    teasers = "Most Popular\n\n1. The north pier reopens to walkers on Monday\n\nBy Tom North"
    text = f"{NAV}{HEADLINE}\n\n{PROSE} {MORE}\n\n{BODY} {PROSE}\n\n{teasers}{FOOT}"
    article = parse(text.encode(), "page.txt")
    assert [p.name for p in article.byline] == []


def test_a_name_glued_to_a_publication_label_with_a_relative_time_is_the_byline() -> None:
    """`Jane DoePublished 4 months ago`: the glued label and the time since publication are no part of the name."""
    text = f"{NAV}{HEADLINE}\n\nSarah ArcherPublished 4 months ago\n\n{PROSE}\n\n{MORE}\n\n{BODY}{FOOT}"
    article = parse(text.encode(), "page.txt")
    assert [p.name for p in article.byline] == ["Sarah Archer"]


def test_a_bio_opening_with_a_function_word_names_no_author() -> None:
    """`Your Gazette is the voice of…` after the article opens like a bio but names no person."""
    bio = "Your Gazette is the voice of your communities, launched for our readers and their views."
    text = f"{NAV}{HEADLINE}\n\n{PROSE} {MORE}\n\n{BODY} {PROSE}\n\n{bio}{FOOT}"
    article = parse(text.encode(), "page.txt")
    assert [p.name for p in article.byline] == []


@pytest.mark.parametrize("label", ["More by", "Alle Artikel von", "Más artículos de"])
def test_an_author_box_link_to_more_articles_names_the_author(label: str) -> None:
    """`More by Jane Doe` after the article links to the author's archive: it names the author."""
    text = f"{NAV}{HEADLINE}\n\n{PROSE} {MORE}\n\n{BODY} {PROSE}\n\n{label} Sarah Archer{FOOT}"
    article = parse(text.encode(), "page.txt")
    assert [p.name for p in article.byline] == ["Sarah Archer"]


def test_an_archive_link_to_a_section_names_no_author() -> None:
    """`More from The Gazette` names the site, not a person: the rest must read as a name."""
    text = f"{NAV}{HEADLINE}\n\n{PROSE} {MORE}\n\n{BODY} {PROSE}\n\nMore from The Gazette{FOOT}"
    article = parse(text.encode(), "page.txt")
    assert [p.name for p in article.byline] == []


def test_names_with_job_titles_under_the_standfirst_are_the_byline_with_their_roles() -> None:
    """`Jane Doe – Journalist` lines, author photos between, credit like a byline even with no dateline beside."""
    credits = "Sarah Archer – Reporter\n\n[portrait]\n\nTom Reed – Senior Editor"
    text = f"{NAV}{HEADLINE}\n\n{PROSE}\n\n{credits}\n\n{MORE}\n\n{BODY}{FOOT}"
    article = parse(text.encode(), "page.txt")
    assert [(p.name, p.role) for p in article.byline] == [("Sarah Archer", "Reporter"), ("Tom Reed", "Senior Editor")]


def test_a_long_line_opening_with_a_name_glued_to_a_publication_label_gives_the_byline_and_date() -> None:
    """`Jane DoePublished Jul 17, 2024|Updated … Share this article via …`: links prints it all on one line."""
    share = " ".join(f"Share this article via network{n}" for n in range(4))
    line = f"Sarah ArcherPublished Mar 5, 2024, 11:21am|Updated Mar 5, 2024, 6:39pm {share}"
    text = f"{NAV}{HEADLINE}\n\n{line}\n\n{PROSE}\n\n{MORE}\n\n{BODY}{FOOT}"
    article = parse(text.encode(), "page.txt")
    assert [p.name for p in article.byline] == ["Sarah Archer"]
    assert article.date == "2024-03-05"


def test_korean_names_with_their_job_title_on_lines_of_their_own_are_the_byline() -> None:
    """`배윤경 기자` lines (an e-mail under each) above the article credit its reporters when nothing else does."""
    reporters = "배윤경 기자\n\nbykj@example.co.kr\n\n이상현 기자\n\nlee@example.co.kr"
    text = f"{NAV}{reporters}\n\n{NAV}{HEADLINE}\n\n{PROSE}\n\n{MORE}\n\n{BODY}{FOOT}"
    article = parse(text.encode(), "page.txt")
    assert [(p.name, p.role) for p in article.byline] == [("배윤경", "기자"), ("이상현", "기자")]


def test_an_author_label_alone_takes_the_name_after_the_author_photo_and_is_never_a_name_itself() -> None:
    """`About The Author` / `[IMG]` / `Sarah Archer`: the photo stands between the label and the name."""
    box = "About The Author\n\n[IMG]\n\nSarah Archer\n\nRelated Posts"
    text = f"{NAV}{HEADLINE}\n\n{PROSE} {MORE}\n\n{BODY} {PROSE}\n\n{box}{FOOT}"
    article = parse(text.encode(), "page.txt")
    assert [p.name for p in article.byline] == ["Sarah Archer"]


def test_a_menu_entry_that_is_a_byline_label_does_not_make_the_next_entry_a_name() -> None:
    """`* Texte` / `* Bücher` is a menu: a label word as a list item labels no name."""
    menu = "   * Über mich\n   * Texte\n   * Bücher\n   * Archiv\n\n"
    text = f"{NAV}{menu}{HEADLINE}\n\n5 March 2024\n\n{PROSE} {MORE}\n\n{BODY} {PROSE}{FOOT}"
    article = parse(text.encode(), "page.txt")
    assert [p.name for p in article.byline] == []


def test_a_lone_by_over_a_list_of_names_credits_every_name_in_it() -> None:
    """`By` / `• Jane Doe^1,` / `• …` / `• John Roe`: an author list, footnote marks and joiners left out."""
    authors = "By\n\n  • Sarah Archer^1,\n  • Tom Reed &\n  • …\n  • Anna Berg\n\nShow authors"
    text = f"{NAV}{HEADLINE}\n\n{PROSE}\n\n{authors}\n\n{MORE}\n\n{BODY}{FOOT}"
    article = parse(text.encode(), "page.txt")
    assert [p.name for p in article.byline] == ["Sarah Archer", "Tom Reed", "Anna Berg"]


def test_a_dateline_naming_the_author_after_by_outranks_a_name_printed_alone() -> None:
    """`5 March 2024 · by Sarah Archer · in Harbour`, then a photo credit line: the `by` names the author."""
    head = "5 March 2024 · by Sarah Archer · in Harbour\n\nFerry at the pier (Photo by Tom Reed)\n\nTom Reed"
    text = f"{NAV}{HEADLINE}\n\n{head}\n\n{PROSE} {MORE}\n\n{BODY}{FOOT}"
    article = parse(text.encode(), "page.txt")
    assert [p.name for p in article.byline] == ["Sarah Archer"]


def test_a_name_line_just_above_the_headline_is_the_byline_when_none_is_printed_under_it() -> None:
    """A page may print the author's name between the kicker and the title; with no byline under
    the headline, that name line is the byline (`NAME_ABOVE_HEADLINE_UNITS`)."""
    text = f"{NAV}Local news\n\nSarah Archer\n\n{HEADLINE}\n\n{PROSE}\n\n{MORE}{FOOT}"
    article = parse(text.encode(), "page.txt")
    assert article.headline == HEADLINE
    assert [p.name for p in article.byline] == ["Sarah Archer"]


def test_a_name_line_far_above_the_headline_is_no_byline() -> None:
    """Only a few units just above the title are its header; a name further up is a menu's or a logo's."""
    menu = "\n".join(f"  • {word}" for word in ("Weather", "Travel", "Science", "Business"))
    text = f"{NAV}Sarah Archer\n\n{menu}\n\n{HEADLINE}\n\n{PROSE}\n\n{MORE}{FOOT}"
    article = parse(text.encode(), "page.txt")
    assert article.headline == HEADLINE
    assert not article.byline
