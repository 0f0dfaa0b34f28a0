"""Text judged by its shape: documentation (README, manifest) is not an article; each sign counts."""

from __future__ import annotations

from newsarchive.parse import parse
from newsarchive.parse.shape import document_reason, document_score

STORY = "\n\n".join(
    f"Paragraph {n} says the council met on Tuesday and approved the budget for the coming year." for n in range(5)
)
TABLE = "| a | b |\n| --- | --- |\n| 1 | 2 |\n| 3 | 4 |\n"
LISTS = "- one item\n- another item\n- a third item\n"


UNDATED = parse(b"Headline\n\nA paragraph of text.\n", "x.txt")  # an article with no date or byline


def judged(text: str) -> int:
    return document_score(text, UNDATED)


def test_an_article_scores_low() -> None:
    text = f"Council approves budget\n\n{STORY}\n"
    assert document_reason(text, parse(text.encode(), "x.txt")) is None


def test_tables_and_code_fences_count_towards_documentation() -> None:
    plain = f"# Notes\n\nSome words here.\n\n{LISTS}"
    assert judged(f"{plain}\n{TABLE}") == judged(plain) + 2
    assert judged(f"{plain}\n```\ncode\n```\n") == judged(plain) + 2


def test_running_prose_counts_towards_an_article() -> None:
    listing = f"# Notes\n\n{LISTS}"
    assert judged(f"# Notes\n\n{STORY}\n\n{LISTS}") < judged(listing)


def test_front_matter_and_a_byline_say_article() -> None:
    body = f"# Notes\n\n{TABLE}\n{LISTS}"
    assert judged(f"---\ntitle: Notes\n---\n{body}") == judged(body) - 3


def test_a_first_line_that_is_a_sentence_and_a_contact_line_count() -> None:
    head = "Notes\n\n" + LISTS
    sentence = "This file lists every document in the collection and where each came.\n\n" + LISTS
    assert judged(sentence) == judged(head) + 1
    assert judged(head + "\nhttps://data.example/page\n") == judged(head) + 1


def test_the_early_stop_gives_the_verdict_of_the_full_score() -> None:
    from newsarchive.parse.shape import DOCUMENT_SCORE

    linked = "- [Home](https://example.org/)\n- [News](https://example.org/news)\n"
    sentence = "This file lists every document in the collection and where each came.\n\n"
    parts = [sentence, LISTS, TABLE, "```\ncode\n```\n", STORY + "\n\n", linked, "https://data.example/page\n"]
    signed = parse(b"Headline\n\nBy Jane Doe\n\nA paragraph of text that says something.\n", "x.txt")
    dated = parse(b"Headline\n\n25 March 2019\n\nA paragraph of text that says something.\n", "x.txt")
    assert signed.byline and dated.date
    verdicts = set()
    for mask in range(1 << len(parts)):
        text = "".join(part for bit, part in enumerate(parts) if mask >> bit & 1)
        if not text.strip():
            continue
        for article in (UNDATED, signed, dated):
            full = document_score(text, article) >= DOCUMENT_SCORE
            assert (document_reason(text, article) is not None) == full, text
            verdicts.add(full)
    assert verdicts == {True, False}  # both verdicts were reached
