"""The cheap screens in front of the photo-credit and copyright patterns give the answers the
patterns alone give (they exist for speed only)."""

from __future__ import annotations

import pytest

from newsarchive.normalize import clean_text
from newsarchive.parse import common, dump

TEXTS = [
    "A man waves from the harbour. Reuters",
    "A man waves from the harbour. Getty Images",
    "A man waves from the harbour. GETTY IMAGES ",
    "A man waves from the harbour.",
    "Smoke rises over the city (Photo: Jane Doe / AFP)",
    "Smoke rises over the city Foto: Privat",
    "Smoke rises over the city © Jane Doe",
    "Smoke rises over the city (C) imago/Jane Doe",
    "Smoke rises over the city. Jane Doe/AFP",
    "Smoke rises over the city. REUTERS/Jane Doe",
    "Smoke rises over the city. Jane Doe via Getty Images",
    "Image copyright Jane Doe Image caption Smoke rises over the city",
    "IMAGE CAPTION Smoke rises over the city IMAGE SOURCE Agency",
    "The minister said the plan would cost 12 million euros, and critics disagreed.",
    "He spoke to AP. Afterwards he left",
]


def _all_patterns(text: str) -> tuple[str, str | None]:
    """`split_credit` trying every pattern, as it did before its screen."""
    text = clean_text(text)
    for pattern in common._CREDIT_PATTERNS:
        match = pattern.match(text)
        if match:
            credit = clean_text(match.group("credit")).strip(" .;,|()[]")
            rest = clean_text(match.group("text")).rstrip(" |–—-")
            if credit:
                return common.CAPTION_LABEL_RE.sub("", rest).strip(), credit
    return common.CAPTION_LABEL_RE.sub("", text).strip(), None


@pytest.mark.parametrize("text", TEXTS)
def test_split_credit_screen_gives_what_every_pattern_gives(text: str) -> None:
    assert common.split_credit(text) == _all_patterns(text)


def test_split_credit_screen_still_finds_bare_and_marked_credits() -> None:
    assert common.split_credit("A man waves from the harbour. Reuters") == ("A man waves from the harbour.", "Reuters")
    assert common.split_credit("Smoke rises over the city Foto: Privat")[1] == "Privat"
    assert common.split_credit("The minister said the plan would cost a lot.")[1] is None


@pytest.mark.parametrize(
    "text",
    [
        "© 2019 Gazette Media",
        "Copyright: Agency, 2025",
        "COPYRIGHT AGENCY",
        "(c) 2019 Gazette",
        "(C)2020 Gazette",
        "All Rights Reserved.",
        "all rights reserved",
        "copyrighted material was discussed",
        "He said (c) was the answer",
        "An article paragraph with no notice at all.",
    ],
)
def test_copyright_screen_gives_what_the_pattern_gives(text: str) -> None:
    assert dump._copyright_notice(text) is (dump._COPYRIGHT_RE.search(text) is not None)
