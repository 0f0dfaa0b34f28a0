"""Pure helpers shared by the parsers: dates, whitespace, author names, word counts.

Date policy (every parser goes through `parse_date`):
0. The common spellings (ISO 8601, `25 March 2019`, `March 25, 2019`, `25/03/2019`) are
   read by small regexes (`_fast_date`), giving the same results as the dateutil rules
   below at a fraction of the cost.
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
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone

from .cjk import CJK_CLASS
from .parse.lexicon import (
    BYLINE_LABELS,
    BYLINE_PREFIXES,
    CASED_BYLINE_PREFIXES,
    ENGLISH_MONTHS,
    NAME_JOINERS,
    PLACE_PREPOSITIONS,
    alternation,
)

# Dates before the web news era are allowed (archives digitise old papers), but a year
# outside this window is almost always a misread number, not a date.
MIN_YEAR = 1800
MAX_YEAR = 2100

_ISO_RE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$")
_TIME_RE = re.compile(r"\d{1,2}:\d{2}")
_NUMERIC_DATE_RE = re.compile(r"^\s*(\d{1,2})[/.](\d{1,2})[/.](\d{2,4})\b")

MONTHS = "|".join(ENGLISH_MONTHS)
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


def _after_first_digit(pattern: str) -> str:
    """A `DATE_PATTERNS` entry less the first digit it matches (`\\d{4}` → `\\d{3}`, `\\d{1,2}` → `\\d?`,
    which backtracks in the same order)."""
    if pattern.startswith(r"\d{4}"):
        return r"\d{3}" + pattern[5:]
    if pattern.startswith(r"\d{1,2}"):
        return r"\d?" + pattern[7:]
    raise ValueError(pattern)


# `find_date` searches the patterns as one alternation, leftmost match first, split in two:
# those opening with a digit share that digit, so the regex engine skips every position that
# is not a digit in C; the month-first one (no digit, no month can start a match where a
# digit does) runs only on a line where its day and year follow some whitespace.
_DIGIT_DATE_RE = re.compile(
    r"\d(?:" + "|".join(f"(?:{_after_first_digit(p)})" for p in DATE_PATTERNS if p.startswith("\\d")) + ")",
    re.IGNORECASE,
)
_MONTH_DATE_RE = re.compile("|".join(f"(?:{p})" for p in DATE_PATTERNS if not p.startswith("\\d")), re.IGNORECASE)
_MONTH_DATE_TAIL_RE = re.compile(r"\s\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}", re.IGNORECASE)
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
    fast = _fast_date(text)
    if fast is not None:
        return fast or None
    from dateutil import parser as dateparser

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # dateutil warns on unknown tz names; we drop them
            if _ISO_RE.match(text):
                value = dateparser.isoparse(text.replace(" ", "T", 1))
            else:
                value = dateparser.parse(text, dayfirst=bool(_NUMERIC_DATE_RE.match(text)))
    except (ValueError, ArithmeticError, TypeError):  # dateutil: decimal.InvalidOperation on huge numbers
        return None
    return format_datetime(value, has_time=bool(_TIME_RE.search(text)))


_MONTH_NUMBERS = {
    name: number
    for number, names in enumerate(
        (
            "january jan", "february feb", "march mar", "april apr", "may", "june jun", "july jul",
            "august aug", "september sep sept", "october oct", "november nov", "december dec",
        ),
        start=1,
    )
    for name in names.split()
}  # fmt: skip
_ISO_PARTS_RE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$"
)
_DAY_MONTH_YEAR_RE = re.compile(rf"^(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTHS})\.?,?\s+(\d{{4}})$", re.IGNORECASE)
_MONTH_DAY_YEAR_RE = re.compile(rf"^({MONTHS})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})$", re.IGNORECASE)
_NUMERIC_DAY_RE = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")


def _fast_date(text: str) -> str | None:
    """The common spellings read without dateutil (it costs ~100 µs a call).

    Returns the ISO text, `""` for a recognised shape that is not a real date, or None
    when the shape is not one of: ISO 8601 (with optional time and offset), `25 March
    2019`, `March 25, 2019`, `25/03/2019` (day first unless the second number exceeds 12,
    as dateutil's `dayfirst` reads it).
    """
    try:
        iso = _ISO_PARTS_RE.match(text)
        if iso:
            year, month, day, hour, minute, second, offset = iso.groups()
            if hour is None:
                return format_datetime(datetime(int(year), int(month), int(day)), has_time=False) or ""
            tz = None
            if offset == "Z":
                tz = timezone.utc
            elif offset:
                sign = -1 if offset[0] == "-" else 1
                digits = offset[1:].replace(":", "")
                tz = timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
            value = datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0), tzinfo=tz)
            return format_datetime(value, has_time=True) or ""
        named = _DAY_MONTH_YEAR_RE.match(text)
        if named:
            day_text, month_name, year_text = named.groups()
        else:
            named = _MONTH_DAY_YEAR_RE.match(text)
            if named:
                month_name, day_text, year_text = named.groups()
        if named:
            value = datetime.combine(
                date(int(year_text), _MONTH_NUMBERS[month_name.lower()], int(day_text)), datetime.min.time()
            )
            return format_datetime(value, has_time=False) or ""
        numeric = _NUMERIC_DAY_RE.match(text)
        if numeric:
            first, second, year_number = (int(n) for n in numeric.groups())
            day_number, month_number = (second, first) if second > 12 >= first else (first, second)
            return format_datetime(datetime(year_number, month_number, day_number), has_time=False) or ""
    except (ValueError, OverflowError):
        return ""
    return None


def format_datetime(value: datetime, *, has_time: bool) -> str | None:
    """ISO 8601 text for `value`: a day alone unless `has_time`; None outside the window."""
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        return None
    if not has_time:
        return value.date().isoformat()
    return value.isoformat(timespec="seconds")


def find_date(line: str) -> tuple[str, str] | None:
    """The first readable date inside `line`, as `(as_written, iso)`, or None."""
    for match in _date_matches(line):
        iso = parse_date(match.group(0))
        if iso:
            return match.group(0).strip(), iso
    return None


def _date_matches(line: str) -> Iterator[re.Match[str]]:
    """What the alternation of `DATE_PATTERNS` finds in `line` (`finditer`: leftmost first,
    each search going on where the last match ended), from its digit and month-first halves.
    Each half's next match is kept until the search passes it (a later search finds it again)."""
    searches = [_DIGIT_DATE_RE]
    if _MONTH_DATE_TAIL_RE.search(line) is not None:
        searches.append(_MONTH_DATE_RE)
    found = [pattern.search(line) for pattern in searches]
    while True:
        ahead = [match for match in found if match is not None]
        if not ahead:
            return
        match = min(ahead, key=lambda m: m.start())  # never a tie: a digit starts no month name
        yield match
        position = match.end()
        found = [
            pattern.search(line, position) if current is not None and current.start() < position else current
            for pattern, current in zip(searches, found, strict=True)
        ]


def is_ambiguous_numeric_date(raw: str) -> bool:
    """True for `03/04/2019`-style dates where day and month could be swapped."""
    m = _NUMERIC_DATE_RE.match(raw)
    if m is None:
        return False
    first, second = int(m.group(1)), int(m.group(2))
    return first <= 12 and second <= 12 and first != second


# Invisible format characters pages put inside words: soft hyphens (`Paläs\xadti\xadnenser`),
# zero-width spaces and joiners, word joiners and stray byte-order marks. Readers never see
# them, and they would split words for search and comparison.
_INVISIBLE_RE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def clean_text(text: str) -> str:
    """Drop invisible format characters (`_INVISIBLE_RE`), collapse runs of whitespace
    (including NBSP and newlines) to one space and strip."""
    # One substring test per character finds them several times faster than a regex search.
    if not text.isascii() and (
        "\u00ad" in text or "\u200b" in text or "\u200c" in text or "\u200d" in text
        or "\u2060" in text or "\ufeff" in text
    ):  # fmt: skip
        text = _INVISIBLE_RE.sub("", text)
    # str.split() splits on exactly the characters `\s` matches, several times faster.
    return " ".join(text.split())


class _DigitTable(dict[int, int]):
    """`str.translate` table mapping every Unicode decimal digit (Devanagari `२`, Arabic-Indic
    `٢`, Persian `۲`, Bengali `২`, Thai `๒`, fullwidth `２`…) to its ASCII digit and every other
    character to itself, filled in as characters are met: no script list to keep up to date,
    and after a character's first look-up its cost is the plain dict's."""

    def __missing__(self, code: int) -> int:
        value = unicodedata.decimal(chr(code), None)
        self[code] = mapped = code if value is None else 0x30 + value
        return mapped


_DIGITS = _DigitTable()


def ascii_digits(text: str) -> str:
    """`text` with every script's decimal digits as ASCII ones (one character for one, so
    offsets carry over): the date patterns spell years as `(?:19|20)\\d{2}`, and pages print
    `२०२४` (Hindi), `٢٠٢٤` (Arabic), `۲۰۲۴` (Persian, Urdu) or `２０２４` (Japanese, Chinese)."""
    return text.translate(_DIGITS) if not text.isascii() else text


# What a slug or a domain writes for letters outside ASCII (`ä` → `ae` or `a`, `ß` → `ss`).
SLUG_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "ø": "oe", "å": "aa"})


def ascii_fold(text: str) -> str:
    """`text` with its accents dropped and every other letter outside ASCII left out."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def nfc(text: str) -> str:
    """Unicode NFC, so the same name typed two ways compares equal."""
    return unicodedata.normalize("NFC", text)


# A byline prefix (`By`, `Von`, `Par`… from `lexicon.BYLINE_PREFIXES`) or label (`Written by`,
# `Autor:`) matched only as a whole word at the start, so "Abby Smith" or "Bygrave" keep their
# names. `Di`/`Da` are also surname particles: stripped in lower case, or when two capitalised
# words follow (`Di Maio` stays, `di Luigi Rossi` → `Luigi Rossi`).
_PLAIN_PREFIXES = [w for w in BYLINE_PREFIXES if w not in CASED_BYLINE_PREFIXES]
_BY_PREFIX_RE = re.compile(
    rf"^\s*(?:(?i:{alternation(_PLAIN_PREFIXES)}|{alternation(BYLINE_LABELS)}\s*:?)\s+"
    rf"|{alternation(CASED_BYLINE_PREFIXES)}\s+"
    rf"|(?i:{alternation(CASED_BYLINE_PREFIXES)})\s+(?=[A-ZÀ-Þ][\w'’.-]*\s+[A-ZÀ-Þ]))"
)
# Joiners between names are lower-case words (`und`, `et`, `y`, `e`), matched case-sensitively
# (plus `And`/`AND`), so initials (`Mary Y. Smith`) and name parts (`Kim In-ho`) never split.
_AUTHOR_SPLIT_RE = re.compile(rf"\s*(?:,|;|&|\||(?<![\w-])(?:{alternation(NAME_JOINERS)}|And|AND)(?![\w-]))\s*")


_LANGUAGE_RE = re.compile(r"^([a-zA-Z]{2,3})(?:[-_]([a-zA-Z]{4}))?(?:[-_]([a-zA-Z]{2}|\d{3}))?\b")


def normalize_language(raw: str | None) -> str | None:
    """BCP 47 form of a language tag: `en_us` → `en-US`, `DE` → `de`, `zh-hant-tw` →
    `zh-Hant-TW`; the first of a list (`de, en`); None if unreadable."""
    if not raw:
        return None
    match = _LANGUAGE_RE.match(raw.strip().split(",")[0].strip())
    if not match:
        return None
    language, script, region = match.groups()
    out = language.lower()
    if script:
        out += "-" + script.title()
    if region:
        out += "-" + region.upper()
    return out


# `Jane Doe in London`: a place after the names, written with a lower-case preposition and one
# or two capitalised words at the end; not a name (Slovene `in` = "and" is given up for this).
_TRAILING_PLACE_RE = re.compile(
    rf"(?<=\S)\s+{alternation(PLACE_PREPOSITIONS)}\s+[A-ZÀ-Þ][\w'’.-]+(?:\s+[A-ZÀ-Þ][\w'’.-]+)?\s*$"
)


def strip_place(text: str) -> str:
    """Remove a trailing place from a byline: `Jane Doe in London` → `Jane Doe`."""
    return _TRAILING_PLACE_RE.sub("", text)


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
        name = strip_place(strip_by(piece)).strip(" .-–—:")
        if name:
            names.append(name)
    return names


def word_count(text: str) -> int:
    """Words in `text`: whitespace-separated tokens, each CJK character counting as one.

    CJK scripts do not separate words with spaces, so each ideograph or kana counts as a
    word (the usual convention for Chinese and Japanese word counts).
    """
    tokens = text.split()
    # Ingest counts every body: scanning per character in Python cost more than parsing.
    if text.isascii() or not _CJK_RE.search(text):
        return len(tokens)
    count = 0
    for token in tokens:
        cjk = len(_CJK_RE.findall(token))
        count += cjk if cjk else 1
    return count


_CJK_RE = re.compile(f"[{CJK_CLASS}]")
