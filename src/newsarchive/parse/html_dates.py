"""Dates written out in page text, in the languages of saved news pages.

`normalize.find_date` reads ISO and English spellings; pages also write `31. Oktober 2023`,
`5 mars 2021`, `3 de mayo de 2022`, `05.02.2020` or `2020年3月25日`. `find_text_date`
recognises these and hands an ISO value to `normalize.parse_date`, so the date policy (no
invented time zone, plausibility window) stays in one place.

Every script's decimal digits (`२५ मार्च २०१९`, `٠٥/٠٣/٢٠٢٤`, `２０２４年３月`) are read as ASCII
ones first (`normalize.ascii_digits`). Rules, first that matches in the text wins:
1. ISO dates (`2019-03-25`, with an optional time).
2. Day, month name, year in any of `MONTH_NAMES`' languages (`25. März 2019`, `25 March 2019`,
   `25 de marzo de 2019`, `25 मार्च 2019`), or month name, day, year (`March 25, 2019`).
3. Numeric day.month.year (`25.03.2019`, `25/03/2019`): day first, as in every language of
   the corpus except US English, which writes month names on news pages.
A date may touch the letters around it (`Provence6. November 2022Lavendel`: element texts
joined without a space); only digits next to it rule it out.

`page_zone` and `local_day` give the local day of a UTC-only timestamp (rules below).
`dates` is the page's date cascade (metadata, `<time>`, URL, printed dates; rules on it) and
`local_date` its local-day correction.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..normalize import ascii_digits, clean_text, find_date, is_ambiguous_numeric_date, parse_date
from .body import text_of
from .html_page import PUBLISHED_LABEL_RE, UPDATE_LABEL_RE, Page, in_excluded_area
from .lexicon import MONTH_NAMES
from .meta import DATE_KEYS, MODIFIED_KEYS, URL_KEYS

__all__ = ["MONTH_NAMES", "dates", "find_text_date", "local_date", "local_day", "page_zone"]

# Any word stands where the month goes; MONTH_NAMES decides (a 200-way alternation in the
# pattern would be tried at every position of every text, several times slower). Devanagari
# words hold vowel signs, which are not letters to `\w`, and `मई` (May) has two characters.
_WORD = r"(?:[^\W\d_]{3,12}|[\u0900-\u0963\u0971-\u097f]{2,12})"
# The day opens each pattern below as `\d(?<!…\d)\d?`: `(?<!…)\d{1,2}` as a pattern that starts
# with a digit, so the regex engine skips every other position in C.
_DAY_MONTH_YEAR_RE = re.compile(
    rf"(\d(?<!\d\d)\d?)(?:\.|st|nd|rd|th|er)?\s*(?:de\s+)?({_WORD})\.?,?\s*(?:de\s+)?((?:19|20)\d{{2}})(?!\d)"
)
_MONTH_DAY_YEAR_RE = re.compile(rf"\b({_WORD})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{{2}})(?!\d)")
# What follows the month in `_MONTH_DAY_YEAR_RE`: a text without it holds no such date. It is
# searched first because the full pattern tries a word at every word boundary.
_DAY_YEAR_RE = re.compile(r"\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2}(?!\d)")
_NUMERIC_RE = re.compile(r"(\d(?<![\d.]\d)\d?)\s?[./]\s?(\d{1,2})\s?[./]\s?((?:19|20)\d{2})(?!\d)")
_FOUR_DIGITS_RE = re.compile(r"\d{4}")
_ISO_RE = re.compile(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?")
# A post's timestamp with a two-digit year and a clock time (`26/10/13, 03:48 pm`).
_SHORT_YEAR_STAMP_RE = re.compile(
    r"(\d(?<![\d./]\d)\d?)([./])(\d{1,2})\2(\d{2})(?![\d./]),?\s+(?:um\s+|at\s+|à\s+)?\d{1,2}:\d{2}(?!\d)"
)


def _iso(year: int, month: int, day: int) -> str | None:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return parse_date(f"{year:04d}-{month:02d}-{day:02d}")


def find_text_date(text: str) -> tuple[str, str] | None:
    """The first date written in `text`, as `(as_written, iso_day)`, or None."""
    if not text or not _FOUR_DIGITS_RE.search(text):
        return None  # every spelling read here and by `find_date` writes a four-digit year
    printed, text = text, ascii_digits(text)  # same length: spans in `text` are spans in `printed`
    best: tuple[int, str, str] | None = None
    match = _ISO_RE.search(text)
    if match:
        iso = parse_date(match.group(0))
        if iso:
            best = (match.start(), printed[match.start() : match.end()], iso)
    for pattern, order in ((_DAY_MONTH_YEAR_RE, "dmy"), (_MONTH_DAY_YEAR_RE, "mdy")):
        if order == "mdy" and _DAY_YEAR_RE.search(text) is None:
            continue  # no day and year after any word: no month-first date
        for match in pattern.finditer(text):
            if best and match.start() >= best[0]:
                break
            if order == "dmy":
                day, month, year = match.group(1), match.group(2), match.group(3)
            else:
                month, day, year = match.group(1), match.group(2), match.group(3)
            number = MONTH_NAMES.get(month.lower())
            iso = _iso(int(year), number, int(day)) if number else None
            if iso:
                best = (match.start(), printed[match.start() : match.end()], iso)
                break
    match = _NUMERIC_RE.search(text)
    if match and not (best and match.start() >= best[0]):
        iso = _iso(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        if iso:
            best = (match.start(), printed[match.start() : match.end()], iso)
    if best:
        return best[1], best[2]
    found = find_date(text)
    if found and printed is not text:
        start = text.find(found[0])
        return printed[start : start + len(found[0])], found[1]
    return found


def find_stamp_date(text: str) -> tuple[str, str] | None:
    """The first timestamp with a two-digit year (`26/10/13, 03:48 pm`, forum posts) whose
    order is certain, as `(as_written, iso_day)`: day first when the first number cannot be
    a month, month first when the second cannot; `03/09/15 8:00` could be either and is not
    read. Years `00`-`69` are 2000-2069, the rest 1970-1999."""
    for match in _SHORT_YEAR_STAMP_RE.finditer(text):
        first, second, year = int(match.group(1)), int(match.group(3)), int(match.group(4))
        if first > 12 >= second:
            day, month = first, second
        elif second > 12 >= first:
            day, month = second, first
        else:
            continue
        iso = _iso(year + (2000 if year < 70 else 1900), month, day)
        if iso:
            return match.group(0)[: match.end(4) - match.start()], iso
    return None


# --- the local day of a UTC instant -------------------------------------------------------
#
# Many sites store the publication time in UTC only (`2022-05-04T02:41:00Z`), while readers
# and annotators date an article by the local day it appeared (`3 May` in La Paz). The zone
# is taken only from what the page says about itself, and only where it names one clock:
# 1. the region of its language tag (`es-BO`), unless that region spans several zones
#    (`en-US`, `pt-BR`: then no zone at all);
# 2. else the country-code domain of its URL (`.bo`, `.de`), with the same exception;
# 3. else a language written in one zone (`de`, `ja`, `fi`); `en`, `es`, `fr`, `pt` … are not.
# The zone only picks the day: the record never gains an offset the page did not state.

# Countries on one clock (or nearly so for news), by ISO 3166 code.
COUNTRY_ZONES: dict[str, str] = {
    "de": "Europe/Berlin", "at": "Europe/Vienna", "ch": "Europe/Zurich", "li": "Europe/Vaduz",
    "lu": "Europe/Luxembourg", "fr": "Europe/Paris", "be": "Europe/Brussels", "nl": "Europe/Amsterdam",
    "it": "Europe/Rome", "es": "Europe/Madrid", "dk": "Europe/Copenhagen", "se": "Europe/Stockholm",
    "no": "Europe/Oslo", "fi": "Europe/Helsinki", "pl": "Europe/Warsaw", "cz": "Europe/Prague",
    "sk": "Europe/Bratislava", "hu": "Europe/Budapest", "si": "Europe/Ljubljana", "hr": "Europe/Zagreb",
    "rs": "Europe/Belgrade", "gr": "Europe/Athens", "bg": "Europe/Sofia", "ro": "Europe/Bucharest",
    "ee": "Europe/Tallinn", "lv": "Europe/Riga", "lt": "Europe/Vilnius", "ie": "Europe/Dublin",
    "gb": "Europe/London", "uk": "Europe/London", "pt": "Europe/Lisbon", "tr": "Europe/Istanbul",
    "il": "Asia/Jerusalem", "jp": "Asia/Tokyo", "kr": "Asia/Seoul", "cn": "Asia/Shanghai",
    "tw": "Asia/Taipei", "hk": "Asia/Hong_Kong", "sg": "Asia/Singapore", "in": "Asia/Kolkata",
    "bo": "America/La_Paz", "co": "America/Bogota", "pe": "America/Lima", "ve": "America/Caracas",
    "ec": "America/Guayaquil", "cl": "America/Santiago", "ar": "America/Argentina/Buenos_Aires",
    "uy": "America/Montevideo", "py": "America/Asuncion", "cu": "America/Havana", "za": "Africa/Johannesburg",
}  # fmt: skip
# Countries spanning several zones: their region tag or domain names no single clock.
MULTI_ZONE_COUNTRIES = frozenset(("us", "ca", "au", "br", "mx", "ru", "id", "kz", "nz"))
# Country-code domains sold as generic names; `.co` counts as Colombia only on Spanish pages.
GENERIC_DOMAINS = frozenset(("io", "tv", "me", "fm", "ly", "ai", "cc", "ws", "to", "gg", "la", "nu", "tk", "am"))
# Languages written (for news) in one zone.
LANGUAGE_ZONES: dict[str, str] = {
    "de": "Europe/Berlin", "it": "Europe/Rome", "nl": "Europe/Amsterdam", "da": "Europe/Copenhagen",
    "sv": "Europe/Stockholm", "nb": "Europe/Oslo", "nn": "Europe/Oslo", "no": "Europe/Oslo",
    "fi": "Europe/Helsinki", "pl": "Europe/Warsaw", "cs": "Europe/Prague", "sk": "Europe/Bratislava",
    "hu": "Europe/Budapest", "sl": "Europe/Ljubljana", "hr": "Europe/Zagreb", "el": "Europe/Athens",
    "bg": "Europe/Sofia", "ro": "Europe/Bucharest", "et": "Europe/Tallinn", "lv": "Europe/Riga",
    "lt": "Europe/Vilnius", "tr": "Europe/Istanbul", "he": "Asia/Jerusalem", "ja": "Asia/Tokyo",
    "ko": "Asia/Seoul", "ca": "Europe/Madrid",
}  # fmt: skip


def page_zone(language: str | None, host: str | None) -> str | None:
    """The IANA zone a page's own language tag or domain implies (rules above), or None."""
    parts = (language or "").replace("_", "-").split("-")
    primary = parts[0].lower()
    region = next((p.lower() for p in parts[1:] if len(p) == 2 and p.isalpha()), None)
    if region:
        return None if region in MULTI_ZONE_COUNTRIES else COUNTRY_ZONES.get(region)
    suffix = (host or "").rstrip(".").rpartition(".")[2].lower()
    if suffix in MULTI_ZONE_COUNTRIES:
        return None
    if suffix in COUNTRY_ZONES and suffix not in GENERIC_DOMAINS and (suffix != "co" or primary == "es"):
        return COUNTRY_ZONES[suffix]
    return LANGUAGE_ZONES.get(primary)


def local_day(instant: str, zone: str, *, midnight_only: bool = False) -> str | None:
    """The calendar day (`YYYY-MM-DD`) in `zone` of an ISO instant that states its offset;
    None when the instant is unreadable or the zone is unknown to this system (or, with
    `midnight_only`, when the instant is not 00:00:00 there)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        value = datetime.fromisoformat(instant)
        tz = ZoneInfo(zone)
    except (ValueError, ZoneInfoNotFoundError):
        return None
    if value.tzinfo is None:
        return None
    local = value.astimezone(tz)
    if midnight_only and (local.hour, local.minute, local.second) != (0, 0, 0):
        return None
    return local.date().isoformat()


_YEAR_RE = re.compile(r"(?:19|20)\d{2}")
_URL_DATE_RE = re.compile(
    r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|[-_.]|$)|"
    r"[/_-]((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)"
)
_TIME_IN_TEXT_RE = re.compile(r"\b\d{1,2}:\d{2}\b")
_ISO_START_RE = re.compile(r"^\d{4}-\d{2}-\d{2}")
# A printed date preceded (within this many characters) by an update label is the update.
UPDATE_LABEL_CHARS = 40
# A date-classed element with more text than this is a block of text (a post classed
# `post-entry`), not a date line: a date opening it dates that text, not the page.
DATE_LINE_CHARS = 200
# How far after the headline the last-resort date search reads (dates sit by the headline).
NEAR_H1_CHARS = 1500
# ... and, failing that, how much of the page's text it reads from the top.
FIRST_DATE_CHARS = 5000

# ---------------------------------------------------------------------------------------
# The date cascade over the page `html` collected
# ---------------------------------------------------------------------------------------


def dates(page: Page, url: str | None) -> tuple[str | None, str | None, str | None]:
    """`(date, date_raw, date_modified)`.

    Publication date, first source with a readable value:
    1. JSON-LD `datePublished`, then `dateCreated`.
    2. Meta tags in `DATE_KEYS` order (`article:published_time`, parsely, sailthru, Dublin Core …).
    3. `itemprop="datePublished"` elements (`datetime`/`content` attribute, else their text).
    4. `<time>` elements marked as publication (`pubdate`, class `published`/`date`, text
       opening with a label such as `Published`/`Publié le`), then any `<time datetime>` not
       marked as an update (by class or an `Updated` label). A `<time>` inside comments,
       teasers, sidebars or a footer dates another text and is never read.
    5. A date in the URL (`/2019/03/25/`, `-20190325-`).
    6. Dates written in words or digits (`html_dates.find_text_date`, many languages) in
       `<time>` text, in elements whose class names a date (`date`, `published`, `dateline`,
       `meta`; only elements of up to `DATE_LINE_CHARS`, a line) outside comments and teasers,
       then in the text around the h1 and in bylines, then in such elements inside an
       `<aside>`; a text without such a date may hold a post's timestamp with a two-digit
       year whose order is certain (`find_stamp_date`: `26/10/13, 03:48 pm`).
    7. A date printed after a label (`Published on`, `Erschienen am`) anywhere in the page,
       else the first date printed just after the headline, else near the top of the page.
    Values without a written year are ignored (no parser may supply the current year). When
    several sources give the same moment in different offsets, the one whose day matches the
    date printed by the headline is kept.
    The date printed in the headline block wins over a metadata date more than a day earlier
    (pages re-dated in print keep a stale `datePublished`), or a day apart when the metadata
    states no offset; an ambiguous `03/04/2019` never does, nor does any printed date when
    the URL's date confirms the metadata day, and one preceded by an update label
    (`Updated`, `Aktualisiert`) becomes the modification date instead.
    A machine value with a day but a time in no standard form (`2017-03-13|19h18`) gives its day.
    Modification date: JSON-LD `dateModified`, meta `MODIFIED_KEYS`, `itemprop="dateModified"`,
    `<time>` marked as an update. A modification date earlier than the publication is dropped.
    """
    raw_candidates: list[str] = []
    if page.jsonld:
        raw_candidates += [d for d in (page.jsonld.date_published, page.jsonld.date_created) if d]
    raw_candidates += page.meta.all(DATE_KEYS)
    for element in page.itemprops.get("datepublished", []) + page.itemprops.get("datecreated", []):
        value = (element.get("datetime") or element.get("content") or element.get("value")
                 or element.get("title") or text_of(element))  # fmt: skip
        if value:
            raw_candidates.append(value)
    raw_candidates += [v for v, _, published in page.times if published and v]
    raw_candidates += [t for v, t, published in page.times if published and not v and t]
    raw_candidates += [v for v, _, published in page.times if not published and v]
    date = date_raw = None
    printed = _printed_date(page)
    for raw in raw_candidates:
        iso = _read_date(raw)
        if iso and date is None:
            date, date_raw = iso, clean_text(raw)
            if not printed or iso[:10] == printed[1]:
                break
        elif iso and printed and iso[:10] == printed[1] and _same_instant(iso, date):
            # The same moment written in the offset the page prints its date in.
            date, date_raw = iso, clean_text(raw)
            break
    url_date = _url_date(page, url)
    if date is None and url_date:
        date_raw, date = url_date
    if date is None:
        texts = [t for _, t, _ in page.times if t]
        asides: list[str] = []
        for element in page.date_elements:
            if not in_excluded_area(element, 6, allow_aside=True):
                attribute = element.get("datetime") or element.get("content") or element.get("title")
                text_value = text_of(element)
                if len(text_value) > DATE_LINE_CHARS:
                    text_value = ""  # a container (a forum post, an entry): its dates date its text
                values = [v for v in (attribute, text_value) if v]
                (asides if in_excluded_area(element, 6) else texts).extend(values)
        texts.extend(page.header_texts)
        texts.extend(text_of(e)[:300] for e in page.byline_elements[:4] if not in_excluded_area(e, 6))
        texts.extend(asides)
        for text_value in texts:
            found = find_text_date(text_value) or find_stamp_date(text_value)
            if found:
                date_raw, date = found
                break
    if date is None:
        found = _page_text_date(page)
        if found:
            date_raw, date = found
    printed_modified = None
    ambiguous = "/" in (printed[0] if printed else "") and is_ambiguous_numeric_date(printed[0] if printed else "")
    confirmed = url_date is not None and date is not None and url_date[1] == date[:10]
    if date and printed and _overrides(printed[1], date) and not ambiguous and not confirmed:
        if printed[2]:
            printed_modified = printed[1]
        else:
            date_raw, date = printed[0], printed[1]
    modified = None
    modified_candidates: list[str] = [printed_modified] if printed_modified else []
    if page.jsonld and page.jsonld.date_modified:
        modified_candidates.append(page.jsonld.date_modified)
    modified_candidates += page.meta.all(MODIFIED_KEYS)
    for element in page.itemprops.get("datemodified", []):
        value = element.get("datetime") or element.get("content") or text_of(element)
        if value:
            modified_candidates.append(value)
    modified_candidates += page.modified_times
    for raw in modified_candidates:
        iso = _read_date(raw)
        if iso:
            modified = iso
            break
    if modified and date and modified[:10] < date[:10]:
        modified = None
    return date, date_raw, modified


def local_date(
    page: Page, date: str | None, date_raw: str | None, language: str | None, url: str | None
) -> tuple[str, str, str] | None:
    """`(day, date_raw, warning)` when `date` is a UTC-only timestamp whose day differs in the
    zone the page implies (`html_dates.page_zone`) and the page prints that local day by its
    headline: the printed day, as readers date the article (it becomes `date_raw`); or when the
    timestamp is exactly local midnight there (a bare local day stored in UTC). Otherwise
    the UTC day stays. A timestamp at exactly 00:00:00 UTC is a bare day stored as midnight
    and keeps its day. No offset is added; the warning keeps the UTC
    timestamp."""
    if not date or not date.endswith("+00:00") or len(date) < 19 or date[11:19] == "00:00:00":
        return None
    zone = page_zone(language, urlsplit(url).hostname if url else None)
    day = local_day(date, zone) if zone else None
    if not day or day == date[:10]:
        return None
    printed = _printed_date(page)
    if printed and printed[1] == day:
        return day, printed[0], f"The date is the day in {zone} (the page's region) of the UTC time {date}."
    if zone and local_day(date, zone, midnight_only=True):
        # Local midnight written in UTC (`2022-11-06T23:00:00Z` in Berlin): a bare local day.
        return day, date_raw or date, f"The date is the day in {zone} (local midnight) of the UTC time {date}."
    return None  # otherwise only the day the page itself prints moves the date


def _url_date(page: Page, url: str | None) -> tuple[str, str] | None:
    """`(as_written, iso_day)` of a date in the canonical URL, og:url or the page URL."""
    for source in (page.canonical, page.meta.first(URL_KEYS), url):
        match = _URL_DATE_RE.search(source or "")
        if match:
            groups = [g for g in match.groups() if g]
            try:
                date = f"{int(groups[0]):04d}-{int(groups[1]):02d}-{int(groups[2]):02d}"
            except (ValueError, IndexError):
                continue
            if parse_date(date):
                return match.group(0).strip("/-_."), date
    return None


def _same_instant(first: str, second: str | None) -> bool:
    """True when two ISO timestamps with offsets name the same moment."""
    from datetime import datetime

    try:
        a, b = datetime.fromisoformat(first), datetime.fromisoformat(second or "")
    except ValueError:
        return False
    return a.tzinfo is not None and b.tzinfo is not None and a == b


def _overrides(printed: str, date: str) -> bool:
    """Whether the printed day replaces the metadata `date`: when it is more than a day later
    (a stale `datePublished`; an earlier printed date is more likely a quoted one), or a day
    apart and the metadata time carries no offset (a one-day gap under a stated offset is the
    time zone, and the timestamp says more)."""
    from datetime import date as day

    try:
        gap = (day.fromisoformat(printed) - day.fromisoformat(date[:10])).days
    except ValueError:
        return False
    has_offset = len(date) > 19 or date.endswith("Z")
    return gap > 1 or (abs(gap) == 1 and not has_offset)


def _printed_date(page: Page) -> tuple[str, str, bool] | None:
    """The date printed in the headline block: `(as_written, iso_day, is_update)`;
    `is_update` when a label such as `Updated`/`Aktualisiert` stands just before it."""
    for text_value in page.header_texts[:2]:
        found = find_text_date(text_value)
        if found:
            index = text_value.find(found[0])
            before = text_value[max(0, index - UPDATE_LABEL_CHARS) : index]
            return found[0], found[1], bool(UPDATE_LABEL_RE.search(before))
    return None


def _page_text_date(page: Page) -> tuple[str, str] | None:
    """Last resort: a date the page prints after a publication label (`Published on`,
    `Erschienen am`, `Stand:`), else the first date printed within `NEAR_H1_CHARS` after the
    headline, else one printed just above it (a date after the headline is the article's; the
    one before it more often closes the previous teaser)."""
    body = page.root.find("body") if page.root is not None else None
    if body is None:
        return None
    text = text_of(body)
    for match in PUBLISHED_LABEL_RE.finditer(text):
        found = find_text_date(text[match.end() : match.end() + 40])
        if found:
            return found
    start = text.find(page.h1s[0]) if page.h1s else -1
    if start >= 0:
        found = find_text_date(text[start : start + NEAR_H1_CHARS]) or find_text_date(text[max(0, start - 200) : start])
        if found:
            return found
    return find_text_date(text[:FIRST_DATE_CHARS])


def _read_date(raw: str) -> str | None:
    """ISO date of a machine-written value (`2019-03-25T…`) or of a date written in words;
    None when no year is written (a parser would otherwise supply the current one)."""
    text = clean_text(raw)
    if not _YEAR_RE.search(text):
        return None
    if _ISO_START_RE.match(text):
        # A day followed by a time in no standard form (`2017-03-13|19h18`) still gives the day.
        return parse_date(text) or parse_date(text[:10])
    found = find_text_date(text)
    if found:
        # With a time, the whole value read once (dateutil costs ~100 µs a call), else the day found.
        return (parse_date(text) if _TIME_IN_TEXT_RE.search(text) else None) or found[1]
    return None
