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
"""

from __future__ import annotations

import re

from ..normalize import find_date, parse_date

__all__ = ["MONTH_NAMES", "find_text_date"]

# Month names (and common abbreviations) → month number.
MONTH_NAMES: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan januar jänner jän janvier janv enero ene janeiro gennaio gen januari styczeń stycznia leden "
        "ledna tammikuuta",
        "february feb februar février fevrier févr fevr febrero fevereiro fev febbraio februari lutego luty únor "
        "února helmikuuta",
        "march mar märz maerz mär mrz mars marzo março maart mrt marca marzec březen března maaliskuuta",
        "april apr avril avr abril abr aprile kwietnia kwiecień duben dubna huhtikuuta",
        "may mai mayo maio maggio mag mei maja maj květen května toukokuuta",
        "june jun juni juin junio junho giugno giu czerwca czerwiec červen června kesäkuuta",
        "july jul juli juillet juil julio julho luglio lug lipca lipiec červenec července heinäkuuta",
        "august aug août aout agosto ago augustus sierpnia sierpień srpen srpna elokuuta",
        "september sep sept septembre septiembre setembro set settembre wrzesień września září syyskuuta",
        "october oct oktober okt octobre octubre outubro out ottobre ott października październik říjen října "
        "lokakuuta",
        "november nov novembre noviembre novembro listopada listopad listopadu marraskuuta",
        "december dec dezember dez décembre déc decembre diciembre dic dezembro dicembre grudnia grudzień prosinec "
        "prosince joulukuuta",
    ),
    start=1,
):
    for _name in _names.split():
        MONTH_NAMES[_name] = _number

# Any word stands where the month goes; MONTH_NAMES decides (a 200-way alternation in the
# pattern would be tried at every position of every text, several times slower).
_WORD = r"[^\W\d_]{3,12}"
_DAY_MONTH_YEAR_RE = re.compile(
    rf"\b(\d{{1,2}})(?:\.|st|nd|rd|th|er)?\s*(?:de\s+)?({_WORD})\.?,?\s*(?:de\s+)?((?:19|20)\d{{2}})\b"
)
_MONTH_DAY_YEAR_RE = re.compile(rf"\b({_WORD})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{{2}})\b")
_NUMERIC_RE = re.compile(r"\b(\d{1,2})\s?[./]\s?(\d{1,2})\s?[./]\s?((?:19|20)\d{2})\b")
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
