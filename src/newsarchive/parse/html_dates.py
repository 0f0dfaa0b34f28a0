"""Dates written out in page text, in the languages of saved news pages.

`normalize.find_date` reads ISO and English spellings; pages also write `31. Oktober 2023`,
`5 mars 2021`, `3 de mayo de 2022`, `05.02.2020` or `2020年3月25日`. `find_text_date`
recognises these and hands an ISO value to `normalize.parse_date`, so the date policy (no
invented time zone, plausibility window) stays in one place.

Rules, first that matches in the text wins:
1. ISO dates (`2019-03-25`, with an optional time).
2. Day, month name, year in any of `MONTH_NAMES`' languages (`25. März 2019`, `25 March 2019`,
   `25 de marzo de 2019`), or month name, day, year (`March 25, 2019`).
3. Numeric day.month.year (`25.03.2019`, `25/03/2019`): day first, as in every language of
   the corpus except US English, which writes month names on news pages.
A date may touch the letters around it (`Provence6. November 2022Lavendel`: element texts
joined without a space); only digits next to it rule it out.

`page_zone` and `local_day` give the local day of a UTC-only timestamp (rules below).
"""

from __future__ import annotations

import re

from ..normalize import find_date, parse_date
from .lexicon import MONTH_NAMES

__all__ = ["MONTH_NAMES", "find_text_date", "local_day", "page_zone"]

# Any word stands where the month goes; MONTH_NAMES decides (a 200-way alternation in the
# pattern would be tried at every position of every text, several times slower).
_WORD = r"[^\W\d_]{3,12}"
_DAY_MONTH_YEAR_RE = re.compile(
    rf"(?<!\d)(\d{{1,2}})(?:\.|st|nd|rd|th|er)?\s*(?:de\s+)?({_WORD})\.?,?\s*(?:de\s+)?((?:19|20)\d{{2}})(?!\d)"
)
_MONTH_DAY_YEAR_RE = re.compile(rf"\b({_WORD})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{{2}})(?!\d)")
_NUMERIC_RE = re.compile(r"(?<![\d.])(\d{1,2})\s?[./]\s?(\d{1,2})\s?[./]\s?((?:19|20)\d{2})(?!\d)")
_ISO_RE = re.compile(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?")


def _iso(year: int, month: int, day: int) -> str | None:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return parse_date(f"{year:04d}-{month:02d}-{day:02d}")


def find_text_date(text: str) -> tuple[str, str] | None:
    """The first date written in `text`, as `(as_written, iso_day)`, or None."""
    if not text:
        return None
    best: tuple[int, str, str] | None = None
    match = _ISO_RE.search(text)
    if match:
        iso = parse_date(match.group(0))
        if iso:
            best = (match.start(), match.group(0), iso)
    for pattern, order in ((_DAY_MONTH_YEAR_RE, "dmy"), (_MONTH_DAY_YEAR_RE, "mdy")):
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
                best = (match.start(), match.group(0), iso)
                break
    match = _NUMERIC_RE.search(text)
    if match and not (best and match.start() >= best[0]):
        iso = _iso(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        if iso:
            best = (match.start(), match.group(0), iso)
    if best:
        return best[1], best[2]
    found = find_date(text)
    return found


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


def local_day(instant: str, zone: str) -> str | None:
    """The calendar day (`YYYY-MM-DD`) in `zone` of an ISO instant that states its offset;
    None when the instant is unreadable or the zone is unknown to this system."""
    from datetime import datetime
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        value = datetime.fromisoformat(instant)
        tz = ZoneInfo(zone)
    except (ValueError, ZoneInfoNotFoundError):
        return None
    if value.tzinfo is None:
        return None
    return value.astimezone(tz).date().isoformat()
