"""The one home of the word lists every parser shares.

Agencies, photo libraries, role words, byline prefixes and labels, month names and teaser
phrases are spelled here once and imported by the text and HTML parsers (and by
`normalize`), so that a credit, a job title or a month is recognised the same way
everywhere. Lists are plain tuples of words or phrases; `alternation` turns one into a regex
group (longest first, so `PA Media` wins over `PA`).

`STOPWORDS` (per language, the most frequent function words: articles, pronouns, prepositions,
conjunctions, auxiliaries) and `CJK_FUNCTION_CHARS` (Chinese and Japanese particles) are the
evidence jusText-style readings use to tell running prose from menus, link lists and footers:
prose is dense in them in every language, navigation is not. `ALL_STOPWORDS` is their union,
for text whose language is unknown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = [
    "AGENCIES",
    "AUTHOR_PATHS",
    "CLOSING_MARKS",
    "BYLINE_LABELS",
    "BYLINE_PREFIXES",
    "CAPTION_CREDITS",
    "CASED_BYLINE_PREFIXES",
    "COMMENT_HEADINGS",
    "COMMENT_WORDS",
    "ENGLISH_MONTHS",
    "MONTH_NAMES",
    "NAME_JOINERS",
    "NAME_TRAILING_LABELS",
    "PLACE_PREPOSITIONS",
    "PHOTO_LIBRARIES",
    "PHOTO_LABELS",
    "ROLE_SUFFIXES",
    "ROLE_WORDS",
    "SENTENCE_END_MARKS",
    "SENTENCE_SUBJECT_CREDITS",
    "TEASER_PHRASES",
    "TITLE_CASE_MINOR_WORDS",
    "ALL_STOPWORDS",
    "CJK_FUNCTION_CHARS",
    "DATE_LABELS",
    "PUBLISHED_LABELS",
    "READER_ADDRESS_CAPITALISED",
    "READER_ADDRESS_WORDS",
    "READING_TIME_AFTER",
    "READING_TIME_LABELS",
    "STOPWORDS",
    "UPDATED_LABELS",
    "alternation",
    "consent_notice",
    "stopword_share",
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

# Words that label a photo credit (`(Photo: X)`, `[사진 = X]`, `（X撮影）`, `（X提供）`): a bracket
# at the end of a short unit holding one is the credit of a caption.
PHOTO_LABELS = (
    "Photo", "Photos", "Picture", "Image", "Credit", "Photograph", "Foto", "Fotos", "Bild", "Crédit", "Crédito",
    "Imagen", "사진", "写真", "撮影", "提供", "攝", "圖片", "照片",
)  # fmt: skip

# Labels opening a credit element's own text (`Photo: X`, `Photo by X`, `Quelle: X`): no part
# of the credited name. The photo labels in Latin script and the words that label any credit.
CREDIT_ELEMENT_LABELS = tuple(
    dict.fromkeys(
        [w.lower() for w in PHOTO_LABELS if w[0] < "\u3000"]
        + ["copyright", "credits", "photographs", "quelle", "source"]
    )
)

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

# Job titles written right after a name in Korean, Japanese and Chinese bylines
# (`배윤경 기자`, `山田太郎記者`): the role, never part of the name.
ROLE_SUFFIXES = ("기자", "특파원", "논설위원", "선임기자", "記者", "特派員", "編集委員", "論説委員", "通訊員", "通讯员")

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
    "écrit par", "scritto da", "pubblicato da", "about the author", "auteur", "auteure", "autore", "autora",
)  # fmt: skip

# Marks that end a sentence (Latin, CJK full-width, Devanagari danda, Arabic and Urdu question
# and full stop), and the closing quotes and brackets that may follow one (`“Yes.”`, `。」`).
SENTENCE_END_MARKS = ".!?…。！？।॥؟۔"
CLOSING_MARKS = "'\"’”»)]」』）"


# Folders of the pages a site keeps per author (`/author/jane-doe`, `/autores/…`, `/forfatter/…`):
# a link into one names an author. Not `/people/`: sites keep the people they write about there
# (a celebrity's page), so its links name subjects as often as writers.
AUTHOR_PATHS = (
    "author", "authors", "autor", "autoren", "autorin", "autores", "auteur", "auteurs", "autore", "autori",
    "forfatter", "forfattere", "byline", "profile", "profil", "staff", "journalist", "journalists", "journalisten",
    "redakteur", "redakteure", "contributor", "contributors", "writer", "writers", "columnist", "columnists", "team",
)  # fmt: skip

# Labels a page prints right after an author's name (the author photo's alt text, a link to the
# author's profile on a network), in text dumps glued to the name: no part of it.
NAME_TRAILING_LABELS = (
    "Image", "Photo", "Foto", "Bild", "Avatar", "Twitter", "Facebook", "Instagram", "LinkedIn", "Email", "E-Mail",
)  # fmt: skip

# Words of interface labels printed where a byline stands (an author photo's placeholder,
# `author image`, `Author Bilder`; a share bar, `Teilen Twittern Senden`): a line holding one is
# no person's name. Lower case, compared case-insensitively.
NOT_NAME_WORDS = frozenset((
    "image", "images", "avatar", "photo", "foto", "bild", "bilder", "picture", "profilbild", "thumbnail",
    "share", "teilen", "twittern", "tweet", "senden", "e-mail", "email", "partager", "compartir", "condividi",
    "drucken", "print", "logo",
))  # fmt: skip

# How an author photo's alt text opens before the name (`Photo of Jane Doe`, `Profilbild von
# Anna Müller`, `Bilde av Per Hansen`): text dumps print it where the byline stands.
AUTHOR_PHOTO_PREFIXES = (
    "photo of", "image of", "picture of", "portrait of", "avatar of", "headshot of", "foto von", "bild von",
    "profilbild von", "porträt von", "bilde av", "bild av", "foto av", "bilde af", "photo de", "portrait de",
    "foto de", "imagen de", "foto di", "immagine di", "foto van",
)  # fmt: skip

# Labels of the link to an author's other articles, printed before the name in an author box
# (`More by Jane Doe`, `Alle Artikel von Anna Müller`, `Más artículos de Juan Pérez`).
AUTHOR_ARCHIVE_LABELS = (
    "more by", "more from", "more articles by", "more stories by", "more stories from", "all articles by",
    "all stories by", "see all articles by", "read more from", "mehr von", "alles von", "alle artikel von",
    "weitere artikel von", "mehr artikel von", "más artículos de", "más noticias de", "plus d'articles de",
    "tous les articles de", "altri articoli di", "mais artigos de", "meer van", "meer artikelen van",
)  # fmt: skip

# Words a cookie-consent notice prints beside `cookies` (`we store cookies on your browser`,
# `setzen wir Cookies … Zustimmung`): a paragraph holding both is the notice, not the article.
CONSENT_WORDS = (
    "website", "browser", "tracking", "consent", "privacy", "personalised", "personalized", "opt-out",
    "datenschutz", "zustimmung", "einwilligung", "personalisierte", "consentement", "confidentialité",
    "consentimiento", "privacidad", "consenso",
)  # fmt: skip
_CONSENT_RE = re.compile(rf"\b{alternation(CONSENT_WORDS)}\b")


def consent_notice(text: str) -> bool:
    """True when `text` names `cookies` beside a consent word (`CONSENT_WORDS`): a cookie-consent
    notice, never an article's text."""
    folded = text.casefold()
    return "cookies" in folded and _CONSENT_RE.search(folded) is not None


# Words joining names in a byline (`A and B`, `A und B`, `A et B`, `A y B`, `A e B`); all lower
# case and matched case-sensitively, so the initial in `Mary Y. Smith` never splits a name.
NAME_JOINERS = ("and", "und", "et", "y", "e", "i", "og", "och", "és", "ja")

# Prepositions that put a place after a byline's names (`Jane Doe in London`, `aus Berlin`,
# `à Paris`, `em Lisboa`): lower case, matched case-sensitively.
PLACE_PREPOSITIONS = ("in", "aus", "from", "à", "em", "reporting from")

# Labels printed before a date that say the article was published (`Published on`,
# `Erschienen am`, `Publié le`); matched case-insensitively as whole words.
PUBLISHED_LABELS = (
    "published", "first published", "posted", "erschienen", "veröffentlicht", "publiziert", "erstellt",
    "eingestellt am", "publicado", "publié", "pubblicato",
)  # fmt: skip
# Labels printed before a date that say the article was changed since (`Updated`, `Aktualisiert`).
UPDATED_LABELS = (
    "updated", "last updated", "update", "modified", "last modified", "edited", "aktualisiert", "zuletzt",
    "geändert", "actualizado", "mis à jour", "modifié", "aggiornato", "bijgewerkt",
)  # fmt: skip
# Labels that name a date without saying which (`Date:`, `Datum:`, `Stand:`): weaker evidence,
# read as a publication label only where a label is expected or a colon follows.
DATE_LABELS = ("date", "dated", "datum", "stand")
# Labels of an article's reading time (`Lesezeit: 5 Min.`, `Reading time: 4 min`), printed before
# the minutes; English and Spanish/French/Italian also print it after them (`2 minute read`).
READING_TIME_LABELS = (
    "reading time", "read time", "lesezeit", "lesedauer", "temps de lecture", "tiempo de lectura",
    "tempo di lettura", "tempo de leitura", "leestijd", "lukuaika", "lästid", "lesetid", "læsetid",
)  # fmt: skip
READING_TIME_AFTER = ("read", "de lecture", "de lectura", "di lettura", "de leitura")

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
# Hindi (Devanagari), both spellings of the nasal (`सितंबर`/`सितम्बर`) and of फ़ (with and without nukta).
for _number, _names in enumerate(
    (
        "जनवरी",
        "फ़रवरी फरवरी \u095eरवरी",
        "मार्च",
        "अप्रैल अप्रेल",
        "मई",
        "जून",
        "जुलाई",
        "अगस्त",
        "सितंबर सितम्बर",
        "अक्टूबर अक्तूबर",
        "नवंबर नवम्बर",
        "दिसंबर दिसम्बर",
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
    r"most (?:read|popular|viewed)(?: in [^.!?:]{1,40})?", r"lesen sie auch", r"mehr zum thema",
    r"das könnte sie auch interessieren",
    r"weitere artikel", r"auch interessant", r"à lire aussi", r"lire aussi", r"sur le même sujet",
    r"te puede interesar", r"lee también", r"leggi anche", r"popular (?:now|stories)", r"don't miss",
    r"top stories", r"latest (?:news|stories)", r"você (?:também )?pode gostar", r"veja também", r"leia também",
    r"(?:notícias|posts|artigos) relacionad[oa]s", r"(?:también )?te puede interesar",
    r"(?:noticias|artículos) relacionad[oa]s", r"vous aimerez aussi", r"à lire également",
    r"ti potrebbe interessare", r"articoli correlati", r"mehr (?:von|aus|zum|zu)\b.{0,60}", r"weitere themen",
    r"le puede interesar", r"(?:lesen|sehen) sie (?:auch|mehr)", r"相關報道", r"相關新聞", r"相關文章", r"延伸閱讀",
    # Finnish, Swedish, Norwegian, Danish and Dutch for "read also / more / next":
    r"lue (?:myös|lisää|seuraavaksi)", r"läs (?:också|även|mer|nästa)", r"les (?:også|mer|neste)",
    r"læs (?:også|mere|næste)", r"lees (?:ook|meer)",
)  # fmt: skip

# Labels printed with a colon before a teaser's title inside the text (`MORE : Title`,
# `SEE MORE: Title`, `Read more: Title`): the few of `TEASER_PHRASES` short enough to stand as a
# label (the whole list before a colon took sentences of the text for teasers).
TEASER_LABELS = ("more", "see more", "watch more", "read more", "read also", "also read")

# Headings that open a reader comment thread (WordPress `Leave a Reply`, `12 thoughts on “…”`,
# `Comments (3)`), as regex fragments matched case-insensitively against a whole heading.
COMMENT_HEADINGS = (
    r"leave a (?:reply|comment)", r"post a comment", r"add a comment", r"write a comment",
    r"\d+ (?:thoughts?|responses?|comments?|replies) (?:on|to) .{1,200}", r"\d* ?(?:comments?|replies)(?: \(\d+\))?",
    r"join the (?:discussion|conversation)", r"kommentare?(?: \(\d+\))?", r"\d+ kommentare?", r"commentaires?",
    r"comentarios?", r"commenti", r"reacties",
)  # fmt: skip

# Words naming the comments under an article (`0 Comments`, `Kommentieren`, `コメントを書く`), matched
# case-insensitively at a word's start: a short line holding one after the article opens its
# comment section.
COMMENT_WORDS = (
    "comments", "commentaires", "comentarios", "comentários", "commenti", "kommentare", "kommentar",
    "kommentieren", "kommentera", "kommentoi", "reacties", "reageer", "コメント", "댓글", "评论", "評論",
)  # fmt: skip

# -- stopwords ----------------------------------------------------------------------------

STOPWORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": "the a an and or but of to in on at by for with from as is are was were be been being has have had "
        "do does did will would can could should may might must that this these those it its he she they we you "
        "i his her their our your my him them us who whom which what when where why how not no than then there "
        "here about into over after before also just only so if up out more most some any all one",
        "de": "der die das den dem des ein eine einen einem einer eines und oder aber nicht auch auf aus bei mit "
        "nach von vor zu zum zur im in an am ist sind war waren wird werden wurde wurden hat haben hatte sein "
        "ich du er sie es wir ihr man sich dass wie als wenn noch nur schon so um über unter durch für gegen "
        "kein keine mehr sehr bis doch dann da hier was wer",
        "fr": "le la les un une des du de d l et ou mais ne pas plus que qui quoi dont où en dans sur sous par pour "
        "avec sans au aux ce cet cette ces il elle ils elles on nous vous je se sa son ses leur leurs est sont "
        "était été être a ont avait fait comme si aussi très tout tous y",
        "es": "el la los las un una unos unas y o pero no que de del al en con por para sin sobre entre es son "
        "fue era ser está están ha han había se su sus lo le les me mi nos como más muy también ya cuando donde "
        "este esta estos estas ese esa porque",
        "it": "il lo la i gli le un uno una e o ma non che di del della dei delle al alla in nel nella con per tra "
        "fra su sul sulla è sono era erano stato essere ha hanno aveva si suo sua suoi loro come più anche "
        "quando dove questo questa quello quella perché già",
        "pt": "o a os as um uma uns umas e ou mas não que de do da dos das em no na nos nas com por para sem sobre "
        "entre é são foi era ser está estão tem têm se seu sua seus suas lhe como mais muito também já quando "
        "onde este esta isso aquele porque ao à",
        "nl": "de het een en of maar niet dat die dit deze van in op aan met voor door bij naar uit over om te is "
        "zijn was waren wordt worden werd heeft hebben had ik je hij zij ze wij we u er ook als dan nog al wel "
        "meer zo hun haar",
        "sv": "och att det som en ett i på av för med till är var har hade inte den de han hon vi ni jag man om men "
        "så från eller när också kan ska skulle sig sin sitt sina efter vid under",
        "da": "og at det som en et i på af for med til er var har havde ikke den de han hun vi jeg man om men så fra "
        "eller når også kan skal sig sin sit sine efter ved under",
        "no": "og at det som en et ei i på av for med til er var har hadde ikke den de han hun vi jeg man om men så "
        "fra eller når også kan skal seg sin sitt sine etter ved under",
        "pl": "i w z na do się nie że to jest są był była było być o a ale od po przez dla jak jego jej ich co który "
        "która które tak już tylko także oraz czy przy za pod nad",
        "cs": "a v ve z na do se je jsou byl byla bylo být o k ke s ale od po pro jak jeho její jejich co který která "
        "které tak už jen také nebo že při za pod nad to",
        "ru": "и в во на не что с со как а то это он она они мы вы я по к у из за от для о об но же бы был была были "
        "быть его ее их так уже только еще или при до после также который которая которые",
        "tr": "ve bir bu da de ile için olarak olan gibi daha çok en ama ancak ne o şu her kadar sonra önce değil "
        "var yok ise mi mı",
        "fi": "ja on ei se että oli ovat olla hän he me te minä sinä kun kuin mutta tai myös jo vain niin joka jotka "
        "sekä mukaan",
        "hu": "a az egy és hogy nem is de meg van volt lesz ez azt ami aki mint már csak még vagy ha el be ki",
        "ro": "și în la de pe cu o un a al ale cu că nu se este sunt era fost din pentru care mai ca dar sau",
        "id": "dan yang di ke dari ini itu dengan untuk pada adalah tidak akan dalam juga oleh karena atau sudah",
        "vi": "và của là có được trong cho không các những một với này đã để khi từ theo về như đến cũng thì ra "
        "tại sau bị hơn vào nên đó lại mà trên người",
        "ko": "그 이 및 등 수 것 더 또 그리고 하지만 있다 했다 있는 없는 위해 대한 통해 이번 지난",
    }.items()
}  # fmt: skip

ALL_STOPWORDS: frozenset[str] = frozenset().union(*STOPWORDS.values())

# Words an English title in title case leaves in lower case (articles, short conjunctions and
# prepositions), for a word whose case the page's own titles do not show.
TITLE_CASE_MINOR_WORDS = frozenset("a an the and but or nor of to in on at by as for vs via per".split())

# Words by which a page speaks to its reader (you, your; we, our as the publisher): a promotion,
# a newsletter or donation box, a cookie notice is dense in them, reported news is not. Forms
# shared with a common word of another listed language (`us`, `ihr`, `sie`, `u`, `du`, `nos`)
# are left out.
READER_ADDRESS_WORDS: frozenset[str] = frozenset(
    "you your yours yourself yourselves we our ours "  # English
    "ihnen euch dich dir dein deine deinen deinem deiner wir uns unser unsere unseren unserem unserer "  # German
    "vous votre vos nous notre tu toi ton ta tes "  # French
    "usted ustedes tus nosotros nosotras nuestro nuestra nuestros nuestras "  # Spanish
    "voi vostro vostra vostri vostre noi nostro nostra nostri nostre "  # Italian
    "você vocês nós nosso nossa nossos nossas "  # Portuguese
    "jij jouw jullie uw wij onze "  # Dutch
    "dig deg ditt dina dine dere jer oss vår vårt våra våre vores".split()  # Swedish, Norwegian, Danish
)
# The formal German address, told from `sie` (she, they) and `ihr` (her) by its capital inside a sentence.
READER_ADDRESS_CAPITALISED = ("Sie", "Ihnen", "Ihr", "Ihre", "Ihren", "Ihrem", "Ihrer", "Ihres")

# Chinese and Japanese particles and function characters: prose holds many, menus few.
CJK_FUNCTION_CHARS = frozenset(
    "的了是在和有也就都而及與与这這那他她們们我你之其為为以於于被把將将"  # Chinese
    "をはがにのでとももへやからまでした"  # Japanese
)


def stopword_share(words: list[str]) -> float:
    """Share of `words` (already lower-cased) that are function words in any listed language."""
    if not words:
        return 0.0
    hits = 0
    for word in words:
        if word in ALL_STOPWORDS:
            hits += 1
    return hits / len(words)
