"""Sentence ends are read from one list (`lexicon.SENTENCE_END_MARKS`) by the text reading and
the documentation check alike."""

from __future__ import annotations

import pytest

from newsarchive.parse import shape, text


@pytest.mark.parametrize(
    "line",
    [
        "The council met on Monday.",
        "“We will keep the ferry running,” she said.”",
        "政府宣布加强社会保障体系建设。",
        "सरकार ने नई योजना की घोषणा की।",
        "هل ستستمر الخدمة؟",
        "Il a dit « Nous continuerons.»",
    ],
)
def test_a_line_ending_in_any_script_s_sentence_mark_ends_a_sentence(line: str) -> None:
    assert text._ends_sentence(line)
    assert shape._SENTENCE_END_RE.search(line + "  \n")


@pytest.mark.parametrize("line", ["Ferry service resumes", "Weather: sunny, 24°C", "सरकार की नई योजना"])
def test_a_line_without_a_sentence_mark_does_not(line: str) -> None:
    assert not text._ends_sentence(line)
    assert not shape._SENTENCE_END_RE.search(line)
