"""The shared word lists (`parse.lexicon`) and the one home of byline splitting, site-suffix
stripping, language tags and caption credits: each rule with a small hand-written case."""

from __future__ import annotations

import pytest

from newsarchive.normalize import normalize_language, split_authors, strip_by
from newsarchive.parse import lexicon
from newsarchive.parse.body import split_credit
from newsarchive.parse.common import strip_site_suffix
from newsarchive.parse.html_byline import is_agency, is_role, people_from_text
from newsarchive.parse.text import split_caption


def names(raw: str) -> list[str]:
    return [name for name, _ in people_from_text(raw)]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("By Mary Y. Smith", ["Mary Y. Smith"]),
        ("By Jane Doe in London", ["Jane Doe"]),
        ("Kim In-ho", ["Kim In-ho"]),
        ("Di Maio", ["Di Maio"]),
        ("By Luigi Di Maio", ["Luigi Di Maio"]),
        ("di Mario Rossi", ["Mario Rossi"]),
    ],
    ids=["middle-initial-y", "place-after-name", "hyphenated-given-name", "di-surname", "di-inside", "italian-di"],
)
def test_byline_defects_stay_fixed(raw: str, expected: list[str]) -> None:
    assert names(raw) == expected
    assert split_authors(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Von Anna Schmidt und Peter Müller", ["Anna Schmidt", "Peter Müller"]),
        ("Par Jean Dupont et Marie Curie", ["Jean Dupont", "Marie Curie"]),
        ("Por Ana García y Pedro Ruiz", ["Ana García", "Pedro Ruiz"]),
        ("Di Mario Rossi e Luigi Bianchi", ["Mario Rossi", "Luigi Bianchi"]),
        ("By Jane Doe, John Roe and Ann Poe", ["Jane Doe", "John Roe", "Ann Poe"]),
        ("Av Ola Nordmann og Kari Nordmann", ["Ola Nordmann", "Kari Nordmann"]),
    ],
    ids=["german", "french", "spanish", "italian", "english-list", "norwegian"],
)
def test_multi_author_lines_split_on_each_languages_joiner(raw: str, expected: list[str]) -> None:
    assert names(raw) == expected


def test_follow_and_contact_buttons_are_never_names() -> None:
    assert names("By Jane Doe Follow") == ["Jane Doe"]
    assert names("Jane Doe\nContact") == ["Jane Doe"]
    assert names("Anna Schmidt Kontakt") == ["Anna Schmidt"]


def test_agencies_and_roles_are_never_people() -> None:
    assert people_from_text("Von Anna Schmidt, dpa") == [("Anna Schmidt", None), ("dpa", "agency")]
    assert people_from_text("Anna Schmidt, Redakteurin") == [("Anna Schmidt", "Redakteurin")]
    assert all(is_agency(agency) for agency in lexicon.AGENCIES)
    assert is_agency("dpa/lno")
    assert is_role("Senior Correspondent") and not is_role("Jane Doe")


def test_strip_by_removes_only_whole_prefix_words() -> None:
    assert strip_by("By Jane Doe") == "Jane Doe"
    assert strip_by("Bygrave Smith") == "Bygrave Smith"
    assert strip_by("Door Jan de Vries") == "Jan de Vries"
    assert strip_by("Da Silva") == "Da Silva"


def test_every_agency_is_split_off_a_caption_as_its_credit() -> None:
    for agency in ("Reuters", "AFP", "Keystone", "Anadolu Agency", "Getty Images"):
        assert split_credit(f"A man waves at the crowd. Jane Doe/{agency}") == (
            "A man waves at the crowd.",
            f"Jane Doe/{agency}",
        )


@pytest.mark.parametrize(
    "sentence",
    [
        "Pool Safety Week begins on Monday with free lessons for children",
        "Facebook Chief Executive Mark Zuckerberg testifies before Congress",
    ],
    ids=["pool", "facebook"],
)
def test_a_sentence_opening_with_a_platform_or_pool_is_not_a_caption(sentence: str) -> None:
    assert split_caption(sentence) is None


def test_pool_after_a_slash_is_still_a_credit() -> None:
    assert split_caption("Reuters/Pool A crowd gathers outside parliament") == (
        "A crowd gathers outside parliament",
        "Reuters/Pool",
    )


@pytest.mark.parametrize(
    ("title", "sites", "expected"),
    [
        ("Storm hits coast - Example Gazette", [], "Storm hits coast"),
        ("Storm hits coast - example.com", [], "Storm hits coast"),
        ("Storm hits coast | Example", ["example"], "Storm hits coast"),
        ("Storm hits coast - Another Day", [], "Storm hits coast - Another Day"),
    ],
    ids=["site-words", "domain", "named-site", "no-site-kept"],
)
def test_one_site_suffix_stripper_for_every_format(title: str, sites: list[str], expected: str) -> None:
    assert strip_site_suffix(title, sites) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("en_us", "en-US"), ("DE", "de"), ("zh-hant-tw", "zh-Hant-TW"), ("de, en", "de"), ("english", None)],
)
def test_normalize_language_gives_bcp47(raw: str, expected: str | None) -> None:
    assert normalize_language(raw) == expected


def test_teaser_phrases_cover_several_languages() -> None:
    from newsarchive.parse.body import TEASER_HEADING_RE

    for heading in ("Related articles", "Lesen Sie auch", "Lire aussi", "Leia também", "延伸閱讀"):
        assert TEASER_HEADING_RE.match(heading), heading
    assert not TEASER_HEADING_RE.match("The related question of taxes")


def test_a_role_glued_to_the_name_becomes_its_role() -> None:
    assert people_from_text("André KleinRedakteur") == [("André Klein", "Redakteur")]
    assert people_from_text("Tom Hostetter") == [("Tom Hostetter", None)]


def test_an_east_asian_role_suffix_is_the_role() -> None:
    assert people_from_text("배윤경 기자") == [("배윤경", "기자")]
    assert people_from_text("山田太郎記者") == [("山田太郎", "記者")]


def test_a_lower_case_label_before_von_is_not_part_of_the_name() -> None:
    assert names("capital von Jemima Kelly") == ["Jemima Kelly"]
    assert names("Ursula von der Leyen") == ["Ursula von der Leyen"]


@pytest.mark.parametrize("label", lexicon.PUBLISHED_LABELS + lexicon.UPDATED_LABELS)
def test_every_date_label_ends_a_byline_and_marks_a_dateline(label: str) -> None:
    from newsarchive.parse.body import DATELINE_RE

    assert names(f"By Jane Doe {label} 3 March 2024") == ["Jane Doe"]
    assert DATELINE_RE.match(f"{label.capitalize()} 3 March 2024")


def test_a_generic_date_label_marks_a_dateline_only_before_a_colon() -> None:
    from newsarchive.parse.body import DATELINE_RE

    assert DATELINE_RE.match("Stand: 03.03.2024")
    assert not DATELINE_RE.match("Stand 2 of the report opened in 2024")


def test_an_update_label_in_any_language_never_dates_the_publication() -> None:
    from newsarchive.parse import parse

    for label in ("Aktualisiert", "Mis à jour", "Bijgewerkt"):
        page = (
            "<html><head><title>Council approves the new budget</title></head><body><article>"
            "<h1>Council approves the new budget</h1>"
            '<time datetime="2024-03-01T10:00:00Z">Published 1 March 2024</time> '
            f'<time datetime="2024-03-05T10:00:00Z">{label} 5 March 2024</time>'
            "<p>The council approved the budget on Friday after a long debate about schools and roads.</p>"
            "<p>Members of the opposition said the plan left too little for the libraries of the town.</p>"
            "</article></body></html>"
        )
        record = parse(page.encode(), "page.html")
        assert str(record.date).startswith("2024-03-01"), label


@pytest.mark.parametrize(
    ("credit", "expected"),
    [
        ("Photo: Jane Doe", "Jane Doe"),
        ("Imagen: Jane Doe", "Jane Doe"),
        ("Quelle: Jane Doe", "Jane Doe"),
        ("picture alliance / dpa", "picture alliance / dpa"),
        ("Image Source / Getty", "Image Source / Getty"),
    ],
)
def test_credit_element_label_is_cut_unless_it_opens_the_credits_name(credit: str, expected: str) -> None:
    """A credit element's label is no part of the name; a label word that opens a known credit's
    name (`picture alliance`) is that name."""
    from newsarchive.parse.common import CREDIT_LABEL_RE

    assert CREDIT_LABEL_RE.sub("", credit) == expected
