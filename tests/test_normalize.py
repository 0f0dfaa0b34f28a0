"""The shared helpers read dates without inventing time zones, and split author strings.

`parse_date` returns ISO 8601 (a day, or a time with the offset only when the source gave
one) or None, never an exception; `find_date` finds a date inside a line; `split_authors`
turns a byline string into names; `clean_text` and `word_count` normalise text.
"""

from __future__ import annotations

import pytest

from newsarchive.normalize import (
    clean_text,
    find_date,
    is_ambiguous_numeric_date,
    parse_date,
    split_authors,
    strip_by,
    word_count,
)


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2019-03-25", "2019-03-25"),
        ("2019-03-25T14:03:00+00:00", "2019-03-25T14:03:00+00:00"),
        ("2019-03-25T14:03Z", "2019-03-25T14:03:00+00:00"),
        ("2019-03-25T14:03:00.250-0500", "2019-03-25T14:03:00-05:00"),
        ("2019-03-25 01:56:15", "2019-03-25T01:56:15"),
        ("25 March 2019", "2019-03-25"),
        ("25th March, 2019", "2019-03-25"),
        ("March 25, 2019", "2019-03-25"),
        ("Sept. 3 2019", "2019-09-03"),
        ("25/03/2019", "2019-03-25"),
        ("25.03.2019", "2019-03-25"),
        ("03/25/2019", "2019-03-25"),
        ("03/04/2019", "2019-04-03"),
        ("2019年3月25日", "2019-03-25"),
        ("Monday 25 March 2019", "2019-03-25"),
        ("25 March 2019 14:03 GMT", "2019-03-25T14:03:00+00:00"),
        ("March 25, 2019 2:03 pm", "2019-03-25T14:03:00"),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_parse_date_reads_common_spellings(raw: str, iso: str) -> None:
    assert parse_date(raw) == iso


@pytest.mark.parametrize(
    "raw",
    ["2019-03-25T14:03:00", "25 March 2019 14:03", "2019-03-25 14:03"],
    ids=["iso-naive", "named-month-time", "space-separated"],
)
def test_parse_date_never_invents_a_time_zone(raw: str) -> None:
    iso = parse_date(raw)
    assert iso is not None and iso.endswith("14:03:00")


@pytest.mark.parametrize(
    "raw",
    [None, "", "yesterday", "31/02/2019", "2019-02-30", "1700-01-01", "2150-01-01", "x" * 200],
    ids=["none", "empty", "words", "no-such-day-numeric", "no-such-day-iso", "too-old", "too-far", "too-long"],
)
def test_parse_date_returns_none_for_unreadable_values(raw: str | None) -> None:
    assert parse_date(raw) is None


def test_find_date_returns_text_as_written_and_iso() -> None:
    assert find_date("BBC News, 25 March 2019") == ("25 March 2019", "2019-03-25")
    assert find_date("Posted 2021-07-04T19:30:00+08:00 by staff") == (
        "2021-07-04T19:30:00+08:00",
        "2021-07-04T19:30:00+08:00",
    )


def test_find_date_returns_none_without_a_date() -> None:
    assert find_date("Room 101, 3 people") is None


@pytest.mark.parametrize(
    ("raw", "ambiguous"),
    [("03/04/2019", True), ("25/03/2019", False), ("03/25/2019", False), ("04/04/2019", False),
     ("4/04/2019", False), ("2019-03-04", False)],
    ids=["both-could-be-month", "day-over-12", "second-over-12", "same-number", "same-value", "iso"],
)  # fmt: skip
def test_is_ambiguous_numeric_date(raw: str, ambiguous: bool) -> None:
    assert is_ambiguous_numeric_date(raw) is ambiguous


@pytest.mark.parametrize(
    ("raw", "names"),
    [
        ("By Jane Doe", ["Jane Doe"]),
        ("By Jane Doe, John Roe and Ann Poe", ["Jane Doe", "John Roe", "Ann Poe"]),
        ("Benjamin Fischer und Marcus Theurer", ["Benjamin Fischer", "Marcus Theurer"]),
        ("Jane Doe & John Roe", ["Jane Doe", "John Roe"]),
        ("Abby Smith", ["Abby Smith"]),
        ("記者吳婉英", ["記者吳婉英"]),
        ("  ", []),
    ],
    ids=["by-prefix", "comma-and", "german-und", "ampersand", "name-starting-with-by-letters", "cjk", "blank"],
)
def test_split_authors(raw: str, names: list[str]) -> None:
    assert split_authors(raw) == names


def test_strip_by_keeps_names_that_start_with_by() -> None:
    assert strip_by("Bygrave Smith") == "Bygrave Smith"
    assert strip_by("by Bygrave Smith") == "Bygrave Smith"


def test_clean_text_collapses_all_whitespace() -> None:
    assert clean_text("  a\u00a0 b\n\tc\u3000d  ") == "a b c d"


def test_word_count_counts_each_cjk_character() -> None:
    assert word_count("Two words") == 2
    assert word_count("香港 news") == 3


@pytest.mark.parametrize(
    ("printed", "ascii"),
    [
        ("४ सितम्बर २०२४", "4 सितम्बर 2024"),  # Devanagari (Hindi, Marathi, Nepali)
        ("٠٥/٠٣/٢٠٢٤", "05/03/2024"),  # Arabic-Indic
        ("۲۰۲۴-۰۳-۰۵", "2024-03-05"),  # Extended Arabic-Indic (Persian, Urdu)
        ("২০২৪", "2024"),  # Bengali
        ("๒๐๒๔", "2024"),  # Thai
        ("２０２４年３月５日", "2024年3月5日"),  # fullwidth (Japanese, Chinese)
        ("Ⅻ ½ ² 2024", "Ⅻ ½ ² 2024"),  # numerals that are not decimal digits stay as printed
    ],
    ids=["devanagari", "arabic-indic", "persian", "bengali", "thai", "fullwidth", "not-decimal"],
)
def test_ascii_digits_reads_every_scripts_decimal_digits(printed: str, ascii: str) -> None:
    from newsarchive.normalize import ascii_digits

    assert ascii_digits(printed) == ascii
    assert len(ascii_digits(printed)) == len(printed)  # one for one: spans carry over


def test_printed_dates_with_arabic_persian_and_fullwidth_digits_are_read() -> None:
    from newsarchive.parse.html_dates import find_text_date

    assert find_text_date("نشر في ٠٥/٠٣/٢٠٢٤") == ("٠٥/٠٣/٢٠٢٤", "2024-03-05")
    assert find_text_date("به‌روز ۲۰۲۴-۰۳-۰۵") == ("۲۰۲۴-۰۳-۰۵", "2024-03-05")
    assert find_text_date("更新 ２０２４年３月５日") == ("２０２４年３月５日", "2024-03-05")
