"""Pure helpers shared by the parsers: dates, whitespace, author names, word counts.

Date policy (every parser goes through `parse_date`):
1. ISO 8601 strings go through `dateutil.parser.isoparse`; anything else through
   `dateutil.parser.parse` with day-first reading for numeric dates (`25/03/2019`),
   which also reads `03/25/2019` correctly because 25 cannot be a month.
2. A value without a time of day becomes a plain day (`2019-03-25`); one with a time keeps
   it, and keeps the offset only when the source wrote one. No time zone is ever invented.
3. A value that cannot be read, or falls outside `MIN_YEAR`..`MAX_YEAR`, becomes None,
   never an exception.

dateutil is imported inside the functions that need it so that `import newsarchive.cli`
stays fast for commands that never parse.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from datetime import datetime

# Dates before the web news era are allowed (archives digitise old papers), but a year
# outside this window is almost always a misread number, not a date.
MIN_YEAR = 1800
MAX_YEAR = 2100

_ISO_RE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$")
_TIME_RE = re.compile(r"\d{1,2}:\d{2}")
_NUMERIC_DATE_RE = re.compile(r"^\s*(\d{1,2})[/.](\d{1,2})[/.](\d{2,4})\b")

MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
# Date spellings that `find_date` recognises inside a longer line, most specific first.
DATE_PATTERNS = (
    # 2019-03-25, 2019-03-25T14:03:00+00:00
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?",
    # 25 March 2019 (14:03 GMT)?
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTHS})\.?,?\s+\d{{4}}(?:,?\s+(?:at\s+)?\d{{1,2}}[:.]\d{{2}}(?:\s*[ap]\.?m\.?)?(?:\s+(?:GMT|UTC|BST|CET|CEST|EST|EDT|PST|PDT))?)?",
    # March 25, 2019 (2:03 pm)?
    rf"(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}(?:,?\s+(?:at\s+)?\d{{1,2}}[:.]\d{{2}}(?:\s*[ap]\.?m\.?)?(?:\s+(?:GMT|UTC|BST|CET|CEST|EST|EDT|PST|PDT))?)?",
    # 25/03/2019, 25.03.2019
    r"\d{1,2}[/.]\d{1,2}[/.]\d{4}",
    # 2019年3月25日
    r"\d{4}年\d{1,2}月\d{1,2}日",
)
_FIND_DATE_RE = re.compile("|".join(f"(?:{p})" for p in DATE_PATTERNS), re.IGNORECASE)
_CJK_DATE_RE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


def parse_date(raw: str | None) -> str | None:
    """Read a date as written and return it in ISO 8601, or None when it cannot be read.

    Args:
        raw: the date as the source writes it (`"25 March 2019"`, `"2019-03-25T14:03Z"`).

    Returns:
        `"YYYY-MM-DD"` for a day, `"YYYY-MM-DDTHH:MM:SS[+HH:MM]"` with a time; None otherwise.
    """
    if not raw:
        return None
    text = clean_text(raw)
    if not text or len(text) > 100:
        return None
    cjk = _CJK_DATE_RE.search(text)
    if cjk:
        text = f"{cjk.group(1)}-{int(cjk.group(2)):02d}-{int(cjk.group(3)):02d}"
    from dateutil import parser as dateparser

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # dateutil warns on unknown tz names; we drop them
            if _ISO_RE.match(text):
                value = dateparser.isoparse(text.replace(" ", "T", 1))
            else:
                value = dateparser.parse(text, dayfirst=bool(_NUMERIC_DATE_RE.match(text)))
    except (ValueError, OverflowError, TypeError):
        return None
    return format_datetime(value, has_time=bool(_TIME_RE.search(text)))


def format_datetime(value: datetime, *, has_time: bool) -> str | None:
    """ISO 8601 text for `value`: a day alone unless `has_time`; None outside the window."""
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        return None
    if not has_time:
        return value.date().isoformat()
    return value.isoformat(timespec="seconds")


def find_date(line: str) -> tuple[str, str] | None:
    """The first readable date inside `line`, as `(as_written, iso)`, or None."""
    for match in _FIND_DATE_RE.finditer(line):
        iso = parse_date(match.group(0))
        if iso:
            return match.group(0).strip(), iso
    return None


def is_ambiguous_numeric_date(raw: str) -> bool:
    """True for `03/04/2019`-style dates where day and month could be swapped."""
    m = _NUMERIC_DATE_RE.match(raw)
    if m is None:
        return False
    return int(m.group(1)) <= 12 and int(m.group(2)) <= 12 and m.group(1) != m.group(2)


_SPACE_RE = re.compile(r"\s+")


def clean_text(text: str) -> str:
    """Collapse runs of whitespace (including NBSP and newlines) to one space and strip."""
    return _SPACE_RE.sub(" ", text).strip()


def nfc(text: str) -> str:
    """Unicode NFC, so the same name typed two ways compares equal."""
    return unicodedata.normalize("NFC", text)


# Byline prefixes in the languages of the corpus; matched only as a whole word at the start,
# so "Abby Smith" or "Bygrave" keep their names.
_BY_PREFIX_RE = re.compile(
    r"^\s*(?:by|von|par|por|door|di|da|av|af|przez|autor(?:in)?:?|written by|words by|text:?)\s+",
    re.IGNORECASE,
)
_AUTHOR_SPLIT_RE = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b|\bi\b|\bog\b|\boch\b|\bin\b|\bmit\b|\|)\s*", re.IGNORECASE)


def strip_by(text: str) -> str:
    """Remove a leading `By`/`Von`/`Par`… word from a byline, never part of a name."""
    return _BY_PREFIX_RE.sub("", text, count=1).strip()


def split_authors(raw: str) -> list[str]:
    """Split a byline string into names: `"By A, B and C"` → `["A", "B", "C"]`.

    Empty pieces are dropped; order and spelling are kept.
    """
    text = strip_by(clean_text(raw))
    names = []
    for piece in _AUTHOR_SPLIT_RE.split(text):
        name = strip_by(piece).strip(" .-–—:")
        if name:
            names.append(name)
    return names


def _is_cjk(ch: str) -> bool:
    return "\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af" or "\uf900" <= ch <= "\ufaff"


def word_count(text: str) -> int:
    """Words in `text`: whitespace-separated tokens, each CJK character counting as one.

    CJK scripts do not separate words with spaces, so each ideograph or kana counts as a
    word (the usual convention for Chinese and Japanese word counts).
    """
    tokens = text.split()
    # Ingest counts every body: scanning per character in Python cost more than parsing.
    if not _CJK_RE.search(text):
        return len(tokens)
    count = 0
    for token in tokens:
        cjk = len(_CJK_RE.findall(token))
        count += cjk if cjk else 1
    return count


_CJK_RE = re.compile("[\u3040-\u9fff\uac00-\ud7af\uf900-\ufaff]")  # the ranges `_is_cjk` accepts
