"""Photo captions whose credit stands in brackets at their end (`dump.bracket_credited_caption`):
text dumps print them as paragraphs of their own, and the reading moves them out of the body."""

from __future__ import annotations

from pathlib import Path

from newsarchive.parse import parse
from newsarchive.parse.dump import bracket_credited_caption
from newsarchive.parse.dump_region import units_of

W3M_PAGE = Path(__file__).resolve().parent / "fixtures" / "dumps" / "w3m_page.txt"
CAPTION = "The new ferry moored at the east shore pier on Monday. (AP Photo/Jane Roe, File)"


def only_unit_caption(text: str) -> tuple[str, str] | None:
    units = units_of(text)
    assert len(units) == 1
    return bracket_credited_caption(units[0])


def test_agency_photo_credit_in_parentheses_makes_a_caption() -> None:
    assert only_unit_caption(CAPTION) == (
        "The new ferry moored at the east shore pier on Monday.",
        "AP Photo/Jane Roe, File",
    )


def test_photo_by_credit_naming_a_photo_library_makes_a_caption() -> None:
    found = only_unit_caption("Fans wait outside the stadium before the final. (Photo by Jane Roe/Getty Images)")
    assert found == ("Fans wait outside the stadium before the final.", "Photo by Jane Roe/Getty Images")


def test_korean_and_japanese_bracketed_credits_make_captions() -> None:
    korean = only_unit_caption("시민들이 광장에서 풍선을 흔들며 후보를 연호하고 있다. [사진 = 김민수 기자]")
    assert korean == ("시민들이 광장에서 풍선을 흔들며 후보를 연호하고 있다.", "사진 = 김민수 기자")
    japanese = only_unit_caption("新型の無線機を使って通話試験を行う技官（警視庁提供）")
    assert japanese == ("新型の無線機を使って通話試験を行う技官", "警視庁提供")


def test_prose_ending_in_a_bracket_without_a_credit_stays_prose() -> None:
    assert only_unit_caption("Records are kept in an electronic health file for every patient (eHF)") is None
    assert only_unit_caption("The minister spoke at a press conference in the capital on Monday. (Reuters)") is None


def test_a_long_paragraph_ending_in_a_credit_is_not_a_caption() -> None:
    text = (
        "The council voted on Tuesday. The ferry returns next month. Residents welcomed it. "
        "Critics asked for more crossings. (Photo: Jane Roe)"
    )
    assert only_unit_caption(text) is None


def test_whole_page_dump_moves_a_bracket_credited_caption_out_of_the_body() -> None:
    page = W3M_PAGE.read_text(encoding="utf-8").replace(
        "\nA new vessel has been leased", f"\n{CAPTION}\n\nA new vessel has been leased", 1
    )
    article = parse(page.encode("utf-8"), "ferry.txt")
    assert "moored at the east shore" not in article.body
    assert "A new vessel has been leased" in article.body
    assert [(c.text, c.credit) for c in article.captions] == [
        ("The new ferry moored at the east shore pier on Monday.", "AP Photo/Jane Roe, File")
    ]
