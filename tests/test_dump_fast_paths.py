"""The page-dump reading's fast paths give what their plain definitions give.

Each fast path (a lookup answered on demand, a pass shared by several stages) is checked
against the straightforward code it stands for, on small hand-written pages.
"""

from __future__ import annotations

from newsarchive.parse.dump import LowerCaseWords, lower_case_words
from newsarchive.parse.dump_region import units_of

PAGE = """* [Home](/)
* [News](/news)

# Jane Doe wins the harbour race

Jane Doe crossed the line first on Sunday, and the crowd on the pier cheered for doe-eyed
rowers, o'clock starters and well-known faces alike. The mayor's race is held every year.

Straße und café: die Ruderer sind müde, aber glücklich über das Rennen am Hafen heute.

Share Tweet
"""


def test_lower_case_word_lookup_agrees_with_the_collected_set() -> None:
    units = units_of(PAGE)
    collected = lower_case_words(units)
    lookup = LowerCaseWords(units)
    asked = {"jane", "doe", "crossed", "the", "eyed", "clock", "mayor", "well", "race", "straße", "café"}
    asked |= {"müde", "rennen", "share", "tweet", "news", "x", "harbour", "known", "rowers", "ruderer"}
    assert asked & collected, "the page prints some of the asked words in lower case"
    assert asked - collected, "and some not"
    for word in asked | collected:
        assert (word in lookup) == (word in collected), word
