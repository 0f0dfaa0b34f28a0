"""The one home of the word lists every parser shares.

Agencies, photo libraries, role words, byline prefixes and labels, month names and teaser
phrases are spelled here once and imported by the text and HTML parsers (and by
`normalize`), so that a credit, a job title or a month is recognised the same way
everywhere. Lists are plain tuples of words or phrases; `alternation` turns one into a regex
group (longest first, so `PA Media` wins over `PA`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = [
    "AGENCIES",
    "BYLINE_LABELS",
    "BYLINE_PREFIXES",
    "CAPTION_CREDITS",
    "CASED_BYLINE_PREFIXES",
    "ENGLISH_MONTHS",
    "MONTH_NAMES",
    "NAME_JOINERS",
    "PLACE_PREPOSITIONS",
    "PHOTO_LIBRARIES",
    "ROLE_WORDS",
    "SENTENCE_SUBJECT_CREDITS",
    "TEASER_PHRASES",
    "alternation",
]


def alternation(words: Iterable[str]) -> str:
    """A non-capturing regex group matching any of `words` literally, longest first."""
    return "(?:" + "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)) + ")"


# News agencies and wire services: a byline or caption credit naming one is an organisation,
# never a person (`dpa`, `AP`, `dpa/lno`).
AGENCIES = (
    "dpa", "DPA", "AP", "AFP", "Reuters", "REUTERS", "Thomson Reuters", "APA", "SDA", "SID", "KNA", "epd", "EFE",
    "ANSA", "Associated Press", "The Associated Press", "Agence France-Presse", "Agence France Presse",
    "Bloomberg", "PA", "PA Media", "PA Wire", "Press Association", "UPI", "Xinhua", "XINHUA", "Xinhua News Agency",
    "Kyodo", "Yonhap", "TASS", "Sputnik", "Interfax", "dts", "AA", "Anadolu", "Anadolu Agency", "ANP", "Belga",
    "CTK", "PAP", "TT", "NTB", "Ritzau", "Keystone-SDA", "Keystone", "KEYSTONE", "DAPD", "DDP", "EPA", "EPA-EFE",
    "Europa Press", "Lusa", "AP Photo", "CNN Wire", "Canadian Press", "The Canadian Press", "AAP", "IANS", "PTI",
    "ANI", "Newsdesk", "Reuters TV",
)  # fmt: skip

# Photo libraries and picture desks that credit images (never people, never authors).
PHOTO_LIBRARIES = (
    "Getty Images", "Getty", "Alamy", "Shutterstock", "Rex Features", "REX", "SOPA Images", "NurPhoto",
    "LightRocket", "Science Photo Library", "Universal Images Group", "Barcroft Media", "Corbis", "iStock",
    "WireImage", "FilmMagic", "Eyevine", "ABACA", "Zuma Press", "ZUMA Press", "Wikimedia Commons",
    "Image Source", "Hulton Archive", "Mirrorpix", "Camera Press", "imago images", "Imago", "picture alliance",
    "Sipa", "SIPA", "BBC", "BBC Sport",
)  # fmt: skip

# Credits that are also common sentence subjects (`Pool Safety Week begins…`, `Facebook Chief
# Executive…`): they count as a caption credit only glued to another credit (`Pool/Reuters`)
# or in a labelled credit (`Photo: Handout`), never in front of a sentence.
SENTENCE_SUBJECT_CREDITS = ("Pool", "Handout", "Twitter", "Facebook", "Instagram", "YouTube", "NASA")

# Every name a photo caption may be credited to, as `Name` or `Person/Name`.
CAPTION_CREDITS = AGENCIES + PHOTO_LIBRARIES

# Words that make a byline piece a job title rather than a name (`Senior Reporter`,
# `BBC diplomatic correspondent`, `Rechtsanwalt`); matched as whole words, plural `s` allowed.
ROLE_WORDS = (
    "correspondent", "reporter", "editor", "writer", "columnist", "journalist", "contributor",
    "producer", "analyst", "author", "staff", "photographer", "critic", "chief", "director",
    "redakteur", "redakteurin", "korrespondent", "korrespondentin", "autor", "autorin",
    "journaliste", "rédacteur", "rédactrice", "envoyé", "envoyée", "presenter", "host", "anchor",
    "intern", "fellow", "professor", "commentator", "specialist", "researcher", "illustrator",
    "illustration", "contributing", "senior", "bureau", "desk", "sprecher", "sprecherin", "leiter", "leiterin",
    "vorsitzender", "vorsitzende", "präsident", "präsidentin", "geschäftsführer", "geschäftsführerin",
    "spokesperson", "spokesman", "spokeswoman", "president", "founder", "ceo", "manager",
    "rechtsanwalt", "rechtsanwältin", "fachanwalt", "fachanwältin", "anwalt", "anwältin", "attorney", "lawyer",
    "lecturer", "economist", "periodista", "redactor", "redactora", "corresponsal", "giornalista", "redattore",
    "corrispondente", "jornalista", "redaktør", "journalist", "redaktör", "verslaggever", "dziennikarz",
)  # fmt: skip

# Words that open a byline in front of the names (`By`, `Von`, `Par`, `Por`, `Door`, `Av`,
# `Af`, `Przez`, `Di`, `Da`); stripped only as a whole word.
BYLINE_PREFIXES = ("by", "von", "par", "por", "door", "av", "af", "przez", "di", "da")
# Prefixes that are also surname particles (`Di Maio`, `Da Silva`): stripped only when written
# in lower case, or when at least two capitalised words follow (`Di Luigi Rossi` is rare).
CASED_BYLINE_PREFIXES = ("di", "da")

# Labels written before a byline's names, with or without a colon (`Autor:`, `Written by`).
BYLINE_LABELS = (
    "author", "authors", "autor", "autorin", "autoren", "written by", "words by", "reporting by", "text", "texte",
    "texto", "words", "edited by", "posted by", "eingestellt von", "geschrieben von", "verfasst von",
    "publiziert von", "veröffentlicht von", "ein beitrag von", "publicado por", "escrito por", "publié par",
    "écrit par", "scritto da", "pubblicato da", "about the author",
)  # fmt: skip

# Words joining names in a byline (`A and B`, `A und B`, `A et B`, `A y B`, `A e B`); all lower
# case and matched case-sensitively, so the initial in `Mary Y. Smith` never splits a name.
NAME_JOINERS = ("and", "und", "et", "y", "e", "i", "og", "och", "és", "ja")

# Prepositions that put a place after a byline's names (`Jane Doe in London`, `aus Berlin`,
# `à Paris`, `em Lisboa`): lower case, matched case-sensitively.
PLACE_PREPOSITIONS = ("in", "aus", "from", "à", "em", "reporting from")

# Month names and abbreviations → month number, in the languages of the pages we read.
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

# English month names and abbreviations (the spellings `normalize.find_date` reads in text).
ENGLISH_MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
)  # fmt: skip

# Headings and labels that announce teasers or related links rather than article text, as
# regex fragments (matched case-insensitively against a whole heading or a line's label).
TEASER_PHRASES = (
    r"you (?:may|might) (?:also )?(?:like|enjoy|be interested in)",
    r"related(?: articles| stories| posts| content| coverage| news| links)?",
    r"more (?:from|on|stories|news|like this)\b.*", r"more on this story", r"read (?:more|next|also)",
    r"recommended(?: for you| stories| articles)?", r"also read", r"see also", r"trending(?: now)?",
    r"most (?:read|popular|viewed)", r"lesen sie auch", r"mehr zum thema", r"das könnte sie auch interessieren",
    r"weitere artikel", r"auch interessant", r"à lire aussi", r"lire aussi", r"sur le même sujet",
    r"te puede interesar", r"lee también", r"leggi anche", r"popular (?:now|stories)", r"don't miss",
    r"top stories", r"latest (?:news|stories)", r"você (?:também )?pode gostar", r"veja também", r"leia também",
    r"(?:notícias|posts|artigos) relacionad[oa]s", r"(?:también )?te puede interesar",
    r"(?:noticias|artículos) relacionad[oa]s", r"vous aimerez aussi", r"à lire également",
    r"ti potrebbe interessare", r"articoli correlati", r"mehr (?:von|aus|zum|zu)\b.{0,60}", r"weitere themen",
    r"le puede interesar", r"(?:lesen|sehen) sie (?:auch|mehr)", r"相關報道", r"相關新聞", r"相關文章", r"延伸閱讀",
)  # fmt: skip
