"""What every format parser shares: the mutable `Draft` it fills, `finish`, which turns a
draft into the frozen `Article` (id, source, body and word count are derived here, once),
`strip_site_suffix`, the one site-name stripper for titles of every format, and
`split_credit`, the one photo-credit splitter for caption text of every format."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from ..model import Article, Caption, Format, Link, Person, Section, Source
from ..normalize import clean_text, word_count
from ..serialize import record_id, sha256_hex
from .lexicon import AGENCIES, CAPTION_CREDITS, CREDIT_ELEMENT_LABELS, PHOTO_LABELS, alternation


@dataclass(kw_only=True)
class Draft:
    """The fields a format parser found; everything optional, filled in any order."""

    format: Format = "text"
    headline: str | None = None
    summary: str | None = None
    publisher: str | None = None
    date: str | None = None
    date_raw: str | None = None
    date_modified: str | None = None
    byline: list[Person] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    language: str | None = None
    url: str | None = None
    warnings: list[str] = field(default_factory=list)


def move_items(draft: Draft, section_of: Callable[[int], int], keep: Callable[[Link], bool] | None = None) -> None:
    """Point the draft's links and captions at the sections they stand in after some were cut:
    each section index becomes `section_of(index)`, and a link `keep` refuses (an inline link
    of a cut paragraph) goes. The one home of that bookkeeping for every rule that cuts body."""
    draft.links = [
        link if link.section is None else replace(link, section=section_of(link.section))
        for link in draft.links
        if keep is None or keep(link)
    ]
    draft.captions = [
        caption if caption.section is None else replace(caption, section=section_of(caption.section))
        for caption in draft.captions
    ]


def body_text(sections: list[Section] | tuple[Section, ...]) -> str:
    """All section paragraphs as plain text joined by blank lines (SPEC.md's `body`)."""
    return "\n\n".join(p for s in sections for p in s.paragraphs)


def finish(draft: Draft, *, data: bytes, path: str, encoding: str) -> Article:
    """Freeze a draft into an Article for the source `data` read from `path`."""
    digest = sha256_hex(data)
    body = body_text(draft.sections)
    notes = list(dict.fromkeys(draft.warnings))  # keep order, drop repeats
    if draft.headline is None:
        notes.append("No headline found.")
    if draft.date is None:
        notes.append("No publication date found.")
    return Article(
        id=record_id(digest),
        source=Source(path=path, sha256=digest, format=draft.format, encoding=encoding, bytes=len(data)),
        headline=draft.headline,
        summary=draft.summary,
        publisher=draft.publisher,
        date=draft.date,
        date_raw=draft.date_raw,
        date_modified=draft.date_modified,
        byline=tuple(draft.byline),
        sections=tuple(s for s in draft.sections if s.paragraphs or s.heading),
        links=tuple(draft.links),
        captions=tuple(draft.captions),
        tags=tuple(dict.fromkeys(draft.tags)),
        language=draft.language,
        url=draft.url,
        body=body,
        word_count=word_count(body),
        warnings=tuple(notes),
    )


# -- titles ------------------------------------------------------------------------------

# Separators between a headline and a site name in `<title>`/og:title or a metadata title.
TITLE_SEPARATORS_RE = re.compile(
    r"\s+(?:[|•·»«~/]|::|--|[-–—])\s+|\s*[|｜：]\s*|(?<=\S)_(?=\S)|(?<=[^\x00-\x7f]):(?=\S)"
)
# Title segments blog software adds between the site and the post (`Site » Blog Archive » Post`).
_ARCHIVE_SEGMENTS = frozenset(("blogarchive", "blogarchiv", "archive", "archiv"))  # as `norm_key` keys
# A trailing segment this short (in words) may be a site name even when no source names it.
MAX_SITE_WORDS = 4
# Words or a domain ending that make a trailing title segment a news site's name
# (`- Example Gazette`, `- example.com`) when the page names no site.
_SITE_WORDS_RE = re.compile(
    r"\b(?:news|times|post|gazette|journal|herald|tribune|guardian|telegraph|chronicle|daily|weekly|"
    r"bbc|cnn|reuters|online|press|mail|express|observer|independent)\b|\.(?:com|org|net|co\.uk|[a-z]{2})$",
    re.IGNORECASE,
)
_NON_WORD_RE = re.compile(r"\W+")
# The ASCII characters `\W` matches (all but letters, digits and `_`).
_NON_WORD_BYTES = bytes(c for c in range(128) if not (chr(c).isalnum() or chr(c) == "_"))


def strip_non_word(text: str) -> str:
    r"""`text` without the characters `\W` matches; an ASCII text (about half of those keyed)
    goes through one `bytes.translate`, several times faster than the regex.

    Any other text drops its ASCII non-word characters the same way, as UTF-8 (whose
    multi-byte sequences hold no ASCII byte), and the regex then meets only the few non-ASCII
    ones left (quotes, dashes): about half the regex's time alone on a paragraph, where it
    stopped at every space and comma."""
    if text.isascii():
        return text.encode("ascii").translate(None, _NON_WORD_BYTES).decode("ascii")
    ascii_stripped = text.encode("utf-8", "surrogatepass").translate(None, _NON_WORD_BYTES)
    return _NON_WORD_RE.sub("", ascii_stripped.decode("utf-8", "surrogatepass"))


def norm_key(text: str) -> str:
    """Lower case without punctuation or spaces: the key titles and names are compared by."""
    return strip_non_word(text.lower())


def strip_site_suffix(title: str, site_names: list[str], h1s: Sequence[str] = ()) -> str:
    """Remove `| Site`, `- Site`, `• Site`, `— Site`, `-- Site` (and `Site | ` prefixes) from a title.

    Rules, first that applies:
    1. The title equals one of the page's h1s (normalised): keep it whole.
    2. An h1 is one of the separator-delimited segments (or a run of them): return it.
    3. Segments at either end that match a known site name (og:site_name, JSON-LD
       publisher, the URL's host labels) or blog software's `Blog Archive` are removed,
       repeatedly; then short `|` section segments left before the site's
       (`Title | Politics | Site`), as in rule 4.
    4. With `|` or `_` as separator and no name known, short last segments (≤
       `MAX_SITE_WORDS` words, shorter than the rest) are taken as site and section names.
    5. With no site name known at all, a last segment of at most `MAX_SITE_WORDS` + 1 words
       that reads like a news site (`Gazette`, `Times`, `example.com`) is removed.
    """
    title = clean_text(title)
    keys = {norm_key(h) for h in h1s if h}
    if norm_key(title) in keys:
        return title
    parts = TITLE_SEPARATORS_RE.split(title)
    separators = TITLE_SEPARATORS_RE.findall(title)
    if len(parts) < 2:
        return title
    for start in range(len(parts)):
        for end in range(len(parts), start, -1):
            if (start, end) == (0, len(parts)):
                continue
            candidate = _join(parts, separators, start, end)
            if norm_key(candidate) in keys and len(candidate) > 3:
                return candidate
    sites = {norm_key(s) for s in site_names if norm_key(s)}

    def is_site(segment: str) -> bool:
        key = norm_key(segment)
        if not key or key in _ARCHIVE_SEGMENTS:
            return True
        short = len(segment.split()) <= MAX_SITE_WORDS
        return any(
            key == s
            or (len(s) >= 4 and (s in key or key in s) and len(key) <= len(s) + 12)
            or (short and len(s) >= 2 and key.startswith(s))
            for s in sites
        )

    start, end = 0, len(parts)
    while end - start > 1 and is_site(parts[end - 1]):
        end -= 1
    while end - start > 1 and is_site(parts[start]):
        start += 1
    if (start, end) != (0, len(parts)):
        while end - start > 1 and separators[end - 2].strip() in ("|", "_", "｜"):
            tail, head = parts[end - 1], _join(parts, separators, start, end - 1)
            if len(tail.split()) > MAX_SITE_WORDS or len(head) <= len(tail):
                break
            end -= 1
        return _join(parts, separators, start, end)
    end = len(parts)
    while end > 1 and separators[end - 2].strip() in ("|", "_", "｜"):
        tail, head = parts[end - 1], _join(parts, separators, 0, end - 1)
        if len(tail.split()) > MAX_SITE_WORDS or len(head) <= len(tail):
            break
        end -= 1
    if end == len(parts) and not sites:
        tail = parts[-1]
        looks_named = tail[:1].isupper() or "." in tail
        if len(tail.split()) <= MAX_SITE_WORDS + 1 and _SITE_WORDS_RE.search(tail) and looks_named:
            end -= 1
    return _join(parts, separators, 0, end)


def _join(parts: list[str], separators: list[str], start: int, end: int) -> str:
    out = parts[start]
    for i in range(start + 1, end):
        out += separators[i - 1] + parts[i]
    return clean_text(out)


# -- caption credits -----------------------------------------------------------------------

# A figure or caption block with more text than this wraps article text, not a caption.
MAX_CAPTION_CHARS = 1500
# A paragraph ending in a photo credit is a caption up to this long; a longer one is prose (the
# dump and reader-mode readings).
MAX_CREDITED_CHARS = 600
# Caption credits written into the caption text, tried in order.
_CREDIT_PATTERNS = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^\s*image (?:copyright|source)\s*:?\s*(?P<credit>.+?)\s*image caption\s*:?\s*(?P<text>.*)$",
        r"^\s*image caption\s*:?\s*(?P<text>.*?)\s*image (?:copyright|source)\s*:?\s*(?P<credit>.+)$",
        r"^(?P<text>.*?)\s*[(\[]\s*(?:photo|foto|bild|image|picture|credit|source|quelle|photograph|"
        r"pictures|fotos|photos|illustration)s?\s*:\s*(?P<credit>[^)\]]+)[)\]]\s*\.?$",
        r"^(?P<text>.*?)[\s|–—-]*\b(?:photo|foto|bild|image|picture|credit|photograph|quelle|source|"
        r"fotos|photos|picture credit|image credit|illustration)s?\s*:\s*(?P<credit>[^:]{2,80})$",
        r"^(?P<text>.*?)\s*(?:©|\(c\)|copyright)\s*(?P<credit>[^©]{2,120})$",
        rf"^(?P<text>.+?[.!?\"”)])\s+(?P<credit>(?:[A-Z][\w'.-]+\s){{0,3}}[A-Z][\w'.-]+\s*/\s*"
        rf"{alternation(CAPTION_CREDITS)}(?:\s+via\s+[\w ]+)?)\s*$",
        rf"^(?P<text>.+?[.!?\"”)])\s+(?P<credit>{alternation(AGENCIES)}\s*/\s*[\w .'-]{{2,40}})\s*$",
        rf"^(?P<text>.+?[.!?\"”)])\s+(?P<credit>{alternation(CAPTION_CREDITS)})\s*$",
        rf"^(?P<text>.+?[.!?\"”)])\s+(?P<credit>(?:[A-Z][\w'.-]+\s){{0,3}}[A-Z][\w'.-]+\s+via\s+"
        rf"{alternation(CAPTION_CREDITS)})\s*$",
    )
)
# What a pattern cannot match without, looked for first (the same answers, faster): a mark (a
# label's colon, a slash, a copyright sign or word, `image caption`, `via`) for every pattern but
# the bare trailing credit (`… in Kyiv. Reuters`), a colon or a slash for some, and for that one a
# credit's name closing the text. The names are matched reversed at the reversed text's start
# (one anchored try, not one a position).
_CREDIT_MARK_RE = re.compile(r"[:/©]|\(c\)|copyright|image|\svia\s", re.IGNORECASE)
_CREDIT_NEEDS = ("", "", ":", ":", "", "/", "/", None, "")  # None: the bare trailing credit
_CREDIT_END_REVERSED_RE = re.compile(alternation(credit[::-1] for credit in CAPTION_CREDITS), re.IGNORECASE)
# The label opening a credit element's text: `Photo: X`, `Photo by X`, `Quelle: X`, `© X`; not
# the first word of a credit's own name (`picture alliance`, `Image Source`).
CREDIT_LABEL_RE = re.compile(
    rf"^(?!(?:{alternation(CAPTION_CREDITS)})\b)(?:image\s+)?(?:{alternation(CREDIT_ELEMENT_LABELS)}\b|©)"
    r"(?:\s+by\b)?\s*:?\s*",
    re.IGNORECASE,
)
CAPTION_LABEL_RE = re.compile(r"^\s*(?:image caption|image copyright|media caption|caption)\s*:?\s*", re.IGNORECASE)


# Short lines that are labels, not content, whatever element or reader-mode paragraph holds them
# (`body`'s walk and `text`'s reader-mode body).
LABEL_LINE_RE = re.compile(
    r"^(?:advertisement|anzeige|werbung|publicité|publicidad|pubblicità|sponsored|ad|"
    r"continue reading(?: below| the main story)?|story continues below(?: advertisement)?|"
    r"read more|read more:|mehr zum thema|lesen sie auch|see also|related|related articles?|"
    r"share|share this(?: article| story)?|teilen|tweet|e-?mail|print|drucken|close|schließen|"
    r"image|video|photo|foto|getty images|skip advertisement|supported by|"
    r"click here|listen|listen to this article|advertisement - scroll to continue|caption|image caption|"
    r"(?:photo|foto|image|bild|credit|picture|photograph)s?\s*:\s*[^.!?]{1,60}|"
    r"like this (?:story|article)\?.{0,60}|also on \S+\.\w+\b.{0,200}|share (?:this|on|via)\b.{0,40}|permalink|"
    r"(?:tags|schlagwörter|stichworte|themen|etiquetas|mots-clés)\s*:?\s+[^.!?]{0,300}|"
    r"never miss\b.{0,150}|(?:sign up|subscribe)\b.{0,80}\bnewsletters?\b.{0,80})[\s.:!]*$",
    re.IGNORECASE,
)

def split_credit(text: str) -> tuple[str, str | None]:
    """Split a photo credit off caption text: `("A man waves", "Reuters")`.

    Recognises BBC labels (`Image copyright X Image caption …`), `(Photo: X / Reuters)`,
    `Foto: X`, `Bild: X`, `Credit: X`, `© X`, a trailing `Name / AFP`, `REUTERS/Name` and a
    bare trailing agency. Text without a credit comes back unchanged with None.
    """
    text = clean_text(text)
    if len(text) > MAX_CAPTION_CHARS:
        return text, None
    marked = _CREDIT_MARK_RE.search(text) is not None
    for pattern, needs in zip(_CREDIT_PATTERNS, _CREDIT_NEEDS, strict=True):
        if needs is None:
            if not _CREDIT_END_REVERSED_RE.match(text.rstrip()[::-1]):
                continue
        elif not marked or needs not in text:
            continue
        match = pattern.match(text)
        if match:
            credit = clean_text(match.group("credit")).strip(" .;,|()[]")
            rest = clean_text(match.group("text")).rstrip(" |–—-")
            if credit:
                return CAPTION_LABEL_RE.sub("", rest).strip(), credit
    return CAPTION_LABEL_RE.sub("", text).strip(), None


# A caption's credit in a bracket closing the text: `(AP Photo/Jane Doe, File)`, `(Photo by Jane
# Doe/Getty Images)`, `[사진 = 김혜진 기자]`, `（警視庁提供）`; the bracket holds a photo label
# (`lexicon.PHOTO_LABELS`, as a word in Latin script) or a known credit beside a slash.
_BRACKET_CREDIT_RE = re.compile(r"^(?P<text>.+?)\s*[(\[（【](?P<credit>[^()\[\]（）【】]{2,60})[)\]）】]$")
_LATIN_PHOTO_LABELS = alternation(w for w in PHOTO_LABELS if w[0] < "\u3000")
_CJK_PHOTO_LABELS = alternation(w for w in PHOTO_LABELS if w[0] >= "\u3000")
_PHOTO_LABEL_RE = re.compile(
    rf"\b(?i:{_LATIN_PHOTO_LABELS})\b|{_CJK_PHOTO_LABELS}"
    rf"|{alternation(CAPTION_CREDITS)}\s*/|/\s*{alternation(CAPTION_CREDITS)}\b"
)
# A bracket of this many words ending in a full stop is a sentence, not a credit.
MIN_SENTENCE_WORDS = 4


def _bracket_sentence(inner: str) -> bool:
    """True when a bracket holds a sentence of its own (`(Tekst gaat verder onder de foto.)`, a
    note to the reader that names the photo), not a credit: several words and a full stop."""
    return inner.rstrip()[-1:] in ".!?" and len(inner.split()) >= MIN_SENTENCE_WORDS


def split_bracket_credit(text: str) -> tuple[str, str] | None:
    """`(text, credit)` when `text` closes with a bracketed photo credit (`… [사진 = X]`,
    `…（X撮影）`, `… (AP Photo/X)`), else None: the bracket must hold a photo label or a known
    credit beside a slash, and no sentence of its own."""
    if text[-1:] not in ")]）】":
        return None
    match = _BRACKET_CREDIT_RE.match(text)
    if match is None or not _PHOTO_LABEL_RE.search(match.group("credit")) or _bracket_sentence(match.group("credit")):
        return None
    return match.group("text").strip(), match.group("credit").strip(" =:")
