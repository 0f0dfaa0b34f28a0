"""Author strings as HTML pages write them → separate, clean credits; and `authors`, the
page's author cascade (JSON-LD, meta, byline elements, labels; rules on it).

`people_from_text` turns one byline string (`"By A and B"`, `"Von A und B, dpa"`,
`"A, Senior Reporter"`) into `(name, role)` pairs. Rules, applied in order:
1. Text after a line break, `|` or ` - ` that is not part of a name (dates, "Updated …",
   "Published …", bios) is cut off; a leading `By`/`Von`/`Par`… word is stripped as a whole
   word only (`Abby Smith` keeps its name).
2. The rest is split on `,`, `;`, `&`, `and`/`und`/`et`/… into pieces.
3. A piece that is a news agency (`dpa`, `AP`, `Reuters`, `AFP`, …) is kept with role
   `"agency"`; an agency code with a desk suffix (`dpa/lno`) keeps the agency.
4. A piece that follows a name and reads like a job title (`Senior Reporter`,
   `BBC diplomatic correspondent`) becomes that name's role, never a name.
5. Pieces that are dates, times, URLs, e-mail addresses, handles, counts, labels (`Posted
   by`, `Eingestellt von`, `责任编辑：`) or too long to be a name are dropped, as is a
   lower-case phrase after a name (`…, des Volksbegehrens`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from lxml import etree

from ..model import Person
from ..normalize import SLUG_TRANSLITERATION, ascii_fold, clean_text, split_authors, strip_by
from .body import text_of
from .common import norm_key as _norm
from .html_page import Page, element_words, in_article, in_excluded_area
from .lexicon import AGENCIES as LEXICON_AGENCIES
from .lexicon import (
    BYLINE_LABELS,
    BYLINE_PREFIXES,
    CASED_BYLINE_PREFIXES,
    DATE_LABELS,
    MONTH_NAMES,
    PUBLISHED_LABELS,
    ROLE_SUFFIXES,
    ROLE_WORDS,
    UPDATED_LABELS,
    alternation,
)
from .meta import AUTHOR_KEYS

_author_link_candidates: Callable[[Element, str, str], list[Element]] | None
try:  # the links and paragraphs `author_link_refs` may act on, screened in C (`_scan.c`)
    from ._scan import author_link_candidates as _author_link_candidates
except ImportError:  # pragma: no cover - the package was installed without its extension
    _author_link_candidates = None

if TYPE_CHECKING:
    from lxml.etree import _Element as Element

__all__ = [
    "AGENCIES", "GLUED_BY_RE", "author_link_refs", "authors", "is_agency", "is_role", "people_from_text",
    "sole_author_link", "tidy_name",
]  # fmt: skip

# Agencies as compared (lower case), from `lexicon.AGENCIES`.
AGENCIES = frozenset(a.lower() for a in LEXICON_AGENCIES)
_AGENCY_CODE_RE = re.compile(r"^([A-Za-z][A-Za-z.\- ]{0,30}?)\s*/\s*[a-z]{1,5}$")

_ROLE_RE = re.compile(rf"\b{alternation(ROLE_WORDS)}s?\b", re.IGNORECASE)
# Where a byline string stops being names: dates, update notes, bios, locations after a dash.
_CUT_RE = re.compile(
    rf"\s*(?:\n|\||•|·|\s[-–—]\s|\b{alternation(PUBLISHED_LABELS + UPDATED_LABELS)}\b"
    rf"|\b{alternation(DATE_LABELS)}\s*:"
    r"|\bam\s+\d|\bon\s+(?:\w+day|\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"|\bfollow\b|\bfolgen\b|\bsuivre\b|\bseguir\b|\bemail\b|\bcontact\b|\bkontakt\b"
    r"|\bread more\b|\bmore by\b|\bmore from\b|\bview all\b"
    r"|\bfor\s+(?:the|cnn|bbc)\b|\bin\s+[A-Z][a-z]+,\s*[A-Z]"
    # `Euronews with Agencies`, `Jane Doe with AFP`: the wires that contributed, not a name.
    rf"|\swith\s+(?:agencies|wires|{alternation(LEXICON_AGENCIES)})\b).*$",
    re.IGNORECASE | re.DOTALL,
)
_JUNK_RE = re.compile(
    r"https?:|www\.|\.com\b|@|\d{1,2}:\d{2}|\b(?:19|20)\d{2}\b|^\d|\b\d+\s*(?:min|minutes?|comments?)\b",
    re.IGNORECASE,
)
# Any month name of `lexicon.MONTH_NAMES` (English, German, French, Spanish…).
_MONTHS = alternation(MONTH_NAMES)
# A month name followed by a day: a date, while `April Glaser` and `June Park` are names.
_MONTH_RE = re.compile(rf"^{_MONTHS}\.?\s+\d", re.IGNORECASE)
_TRAILING_DATE_RE = re.compile(rf"\s+{_MONTHS}\.?\s+\d{{1,2}}\b.*$|\s+\d{{1,2}}\.?\s+{_MONTHS}\b.*$", re.IGNORECASE)
# `By` glued to the name (`ByTravis Haney`), as pages render `<span>By</span>Name`.
GLUED_BY_RE = re.compile(
    rf"^(?:{'|'.join(w.title() for w in BYLINE_PREFIXES if w not in CASED_BYLINE_PREFIXES)})(?=[A-ZÀ-Þ][a-zà-ÿ])"
    r"|^(?:[Bb][Yy])(?=[Bb][Yy]\s)"
)
# `Di`/`Da` are surname particles too (`Di Maio`): only their lower-case spelling is a label.
_PLAIN_PREFIXES = [w for w in BYLINE_PREFIXES if w not in CASED_BYLINE_PREFIXES]
_LABEL_PREFIX_RE = re.compile(
    rf"^(?:{alternation(BYLINE_LABELS)}|{alternation(_PLAIN_PREFIXES)})(?:\s*:\s*|\s+)"
    rf"|^(?-i:{alternation(CASED_BYLINE_PREFIXES)})(?:\s*:\s*|\s+)"
    r"|^[\u3000-\u9fff\uac00-\ud7af]{1,6}\s*[：:]\s*",  # CJK labels: 责任编辑：, 著者：, 記者：
    re.IGNORECASE,
)
_ARTICLE_WORDS = frozenset(("des", "der", "die", "das", "dem", "den", "the", "a", "an", "of", "el", "la", "le", "les"))
# A handle after the name, with or without a space (`Jane Doe @jdoe`, dumps: `Jane Doe@jdoe`).
_HANDLE_RE = re.compile(r"(?<=\S)\s*@\w+\s*$")
# Short all-capital codes after a slash are desks and agencies (`TNN`, `IANS`), not people.
_CODE_RE = re.compile(r"^[A-Z]{2,5}$")
_WORD_LABEL_RE = re.compile(
    r"^(?:author|authors|autor|autorin|autoren|writer|written|posted|by|von|text|words|foto|photo|"
    r"fotos|bild|credit|share|teilen|menu|home|staff|admin|unknown|anonymous|none|null|redaktion:?|"
    r"about|agencies|agency|por|par|eingestellt von|publiziert am|posted|wordpressadmin|administrator)$",
    re.IGNORECASE,
)
# A person's name rarely runs past this many words; longer strings are bios or sentences.
MAX_NAME_WORDS = 6
MAX_NAME_CHARS = 60


def is_agency(name: str) -> bool:
    """True for a news agency credit (`dpa`, `AP`, `Reuters`, `dpa/lno`)."""
    text = name.strip().lower()
    if text in AGENCIES:
        return True
    code = _AGENCY_CODE_RE.match(name.strip())
    return code is not None and code.group(1).strip().lower() in AGENCIES


def is_role(text: str) -> bool:
    """True when `text` reads like a job title rather than a name."""
    return bool(_ROLE_RE.search(text))


def tidy_name(text: str) -> str:
    """Trim punctuation, a stray `By`, labels, and surrounding quotes from a single name;
    a name the page printed twice in a row (`Ann LeeAnn Lee`) is kept once."""
    name = GLUED_BY_RE.sub("", strip_by(clean_text(text)))
    name = _LABEL_PREFIX_RE.sub("", name)
    name = _HANDLE_RE.sub("", name)  # `Williams Perdomo @wperdomod`: the handle is not the name
    name = name.strip(" \t.,;:-–—|/\"'“”„()[]")
    half = len(name) // 2
    if len(name) % 2 == 0 and half > 2 and name[:half] == name[half:]:
        name = name[:half]
    return name


def _leading_role(name: str) -> tuple[str, str | None]:
    """`Rechtsanwalt Sebastian Meier` → (`Sebastian Meier`, `Rechtsanwalt`): job-title words
    printed before a name of at least two capitalised words are its role."""
    words = name.split()
    count = 0
    while count < len(words) - 2 and _ROLE_RE.fullmatch(words[count]):
        count += 1
    rest = words[count:]
    if not count or not all(w[:1].isupper() for w in rest) or any(_ROLE_RE.fullmatch(w) for w in rest):
        return name, None
    return " ".join(rest), " ".join(words[:count])


# `André KleinRedakteur`: a role word glued to the name's last letter (`<span>` pairs
# rendered without a space); `배윤경 기자`: an East Asian role suffix.
_GLUED_ROLE_RE = re.compile(
    rf"^(?P<name>.+?[a-zà-ÿ])(?P<role>{alternation(w.capitalize() for w in ROLE_WORDS)}(?:s|in)?)$"
)
_ROLE_SUFFIX_RE = re.compile(rf"^(?P<name>.+?)\s*(?P<role>{alternation(ROLE_SUFFIXES)})$")
# `capital von Jemima Kelly`: a lower-case label before a byline prefix and the name.
_LOWER_LABEL_RE = re.compile(rf"^[a-zà-ÿ][\w-]*\s+(?:{alternation(_PLAIN_PREFIXES)})\s+(?=[A-ZÀ-Þ])")


def _trailing_role(name: str) -> tuple[str, str | None]:
    """`André KleinRedakteur` → (`André Klein`, `Redakteur`); `배윤경 기자` → (`배윤경`, `기자`)."""
    match = _GLUED_ROLE_RE.match(name) or _ROLE_SUFFIX_RE.match(name)
    if match and match.group("name").strip():
        return match.group("name").strip(), match.group("role")
    return name, None


def _looks_like_name(name: str) -> bool:
    if not name or len(name) > MAX_NAME_CHARS or len(name.split()) > MAX_NAME_WORDS:
        return False
    words = name.split()
    if len(words) > 1 and words[0] in _ARTICLE_WORDS:
        return False  # `des Volksbegehrens`, `the team`: a phrase, not a name
    if _JUNK_RE.search(name) or _MONTH_RE.match(name) or _WORD_LABEL_RE.match(name):
        return False
    return any(ch.isalpha() for ch in name)


def people_from_text(raw: str) -> list[tuple[str, str | None]]:
    """Split one byline string into `(name, role)` credits (see the module rules)."""
    lines = [strip_by(clean_text(line)) for line in raw.replace("\u200b", "").split("\n")]
    lines = [line for line in lines if line and not _WORD_LABEL_RE.match(line)]
    if not lines:
        return []
    # Names stand on the first line; later lines are roles, places or dates, unless the
    # first line ends in a joiner (`A and` / `A,`).
    text = lines[0]
    rest = lines[1:]
    while rest and re.search(r"(?:,|&|\band|\bund|\bet)$", text, re.IGNORECASE):
        text = f"{text} {rest.pop(0)}"
    line_role = rest[0] if rest and len(rest[0]) <= 80 and is_role(rest[0]) else None
    text = _LABEL_PREFIX_RE.sub("", GLUED_BY_RE.sub("", strip_by(text)))
    text = _TRAILING_DATE_RE.sub("", _CUT_RE.sub("", text))
    text = strip_by(text)
    if not text:
        return []
    pieces = [p for chunk in re.split(r"\s+/\s+", text) for p in split_authors(chunk)]
    if len(pieces) == 2 and "," in text and all(len(p.split()) == 1 and p[:1].isupper() for p in pieces):
        pieces = [f"{pieces[1]} {pieces[0]}"]  # `Gillman, Steve`: surname first
    people: list[tuple[str, str | None]] = []
    for piece in pieces:
        name = tidy_name(_LOWER_LABEL_RE.sub("", piece))
        if not name:
            continue
        name, suffix_role = _trailing_role(name)
        if suffix_role and _looks_like_name(name):
            people.append((name, suffix_role))
            continue
        if is_agency(name) or (people and _CODE_RE.match(name)):
            people.append((name, "agency"))
            continue
        if people and is_role(name) and people[-1][1] is None and people[-1][1] != "agency":
            people[-1] = (people[-1][0], name)
            continue
        if people and name[:1].islower() and " " in name:
            continue  # `Harald Bauer, des Volksbegehrens`: a phrase after the name, not a person
        if _looks_like_name(name):
            name, title = _leading_role(name)
            people.append((name, title))
    if line_role:
        people = [(name, role or line_role) for name, role in people]
    return people


# A name in a line of names has at most this many words.
MAX_CREDIT_LINE_WORDS = 4
# A role element longer than this is a biography, not a job title.
MAX_ROLE_CHARS = 80
# A byline element longer than this is a teaser or a paragraph, not a credit (unless it
# opens with `By`, when only its start is read).
MAX_BYLINE_CHARS = 200
_STARTS_WITH_BY_RE = re.compile(r"^\s*(?:by|von|par|por)\b", re.IGNORECASE)
_ROLE_CLASS_WORDS = frozenset(("title", "role", "job", "position", "jobtitle", "description"))
# ... of which these name the role even in an author class (`c-author__position`).
_JOB_CLASS_WORDS = frozenset(("role", "job", "position", "jobtitle"))
# `By Name` printed next to the headline without any byline markup.
_HEADER_BY_RE = re.compile(r"(?:^|\s|\W)((?:By|Von|Par|Por)\s*[A-ZÀ-Þ][\w.'’-]+(?:\s+[A-ZÀ-Þ][\w.'’-]+){1,3})")
_BYLINE_SKIP_WORDS = frozenset(("date", "time", "published", "updated", "timestamp", "dateline", "follow", "social",
                                "twitter", "email", "mail", "bio", "image", "avatar", "photo", "share", "icon",
                                "label", "meta", "datetime", "reading", "readtime", "comments"))  # fmt: skip
# Parts of a byline element that never hold the name.
_BYLINE_SKIP_TAGS = frozenset(("time", "script", "style", "img", "svg", "button", "figure", "picture"))
# A byline-looking element that is itself a comment form or a comment's author, a teaser's
# credit or a breadcrumb trail (`Breadcrumbs_breadbar ContentMetaInfo_author`).
_BYLINE_SELF_EXCLUDE = frozenset(("comment", "comments", "form", "reply", "input", "avatar", "image", "img",
                                  "teaser", "teasers", "breadcrumb", "breadcrumbs"))  # fmt: skip

# ---------------------------------------------------------------------------------------
# The author cascade over the page `html` collected
# ---------------------------------------------------------------------------------------


def _mentions(page: Page, people: list[tuple[str, str | None]]) -> bool:
    """True when any of `people` is named in the text around the headline."""
    if page._visible is None:
        page._visible = " ".join(page.header_texts[:2]).lower()
    return any(name.lower() in page._visible for name, _ in people)


def _people_from(raw: str) -> list[tuple[str, str | None]]:
    if raw.lower().startswith(("http://", "https://", "www.")) or "facebook.com" in raw.lower():
        return []
    return people_from_text(raw)


def site_keys(page: Page, publisher: str | None) -> set[str]:
    """Normalised names of the site itself (publisher, `og:site_name`, JSON-LD publisher)."""
    names = (publisher, page.meta.first(("og:site_name",)), page.jsonld and page.jsonld.publisher,
             page.jsonld and page.jsonld.site_name)  # fmt: skip
    return {_norm(n) for n in names if n}


def section_keys(page: Page) -> set[str]:
    """Normalised names of the page's categories (`rel="category tag"` links): a credit that
    names one is a CMS account called after a section (`Nachrichten`), not a person."""
    return {_norm(n) for n in page.categories if n}


def is_weak_credit(people: list[Person], sites: set[str]) -> bool:
    """True when no credit names a person: none at all, or only the site itself (agencies count
    as credits)."""
    for person in people:
        name = person.name
        if person.role == "agency" or is_agency(name):
            return False
        if _norm(name) not in sites:
            return False
    return True


# What parts a date from the names on a dated credit line (`25.10.2022 - Reiner Nagel`).
_DATE_NAME_SEPARATORS = " -–—|/·•,"


def _undated(text: str) -> str:
    """The rest of a line that opens or closes with a date written out (`25.10.2022 - Reiner
    Nagel`, `Reiner Nagel | 3. Mai 2024`), else "" (a line with other digits credits nobody)."""
    from .html_dates import find_text_date

    found = find_text_date(text)
    if not found or not (text.startswith(found[0]) or text.endswith(found[0])):
        return ""
    rest = text.replace(found[0], " ", 1).strip(_DATE_NAME_SEPARATORS)
    return "" if any(c.isdigit() for c in rest) else rest


def credit_line(text: str, sites: set[str]) -> list[tuple[str, str | None]]:
    """The people a line credits when it holds nothing but names, as print-style pages set the
    author above or below the text: `Mohloai Mpesi`, `A Sebusi/B Phakela` (full names of two to
    four capitalised words), or `Wochenblatt / Última Hora` (the site, then its source); a date
    opening or closing the line goes (`25.10.2022 - Reiner Nagel`: the dateline a byline shares).
    Lines with other digits, sentence punctuation, lower-case or all-capital words or role words
    credit nobody."""
    text = text.strip()
    if any(c.isdigit() for c in text):
        text = _undated(text)
    if not text or text[-1] in ".!?:;,\"”»":
        return []
    pieces = [p.strip() for p in text.split("/") if p.strip()]
    rest = [p for p in pieces if _norm(p) not in sites]
    names_site = len(rest) < len(pieces)
    people: list[tuple[str, str | None]] = []
    for piece in rest:
        words = piece.split()
        if not (1 if names_site else 2) <= len(words) <= MAX_CREDIT_LINE_WORDS:
            return []
        if not all(w[:1].isupper() for w in words) or piece.isupper() or is_role(piece):
            return []
        found = people_from_text(piece)
        if len(found) != 1 or found[0][0] != piece:
            return []
        people.append((piece, "agency" if is_agency(piece) else found[0][1]))
    return people


def authors(page: Page, publisher: str | None) -> list[Person]:
    """Credited people, in page order.

    Rules, first source that yields a name wins (all names from that source are kept):
    1. JSON-LD `author` (persons; `jobTitle` as role; names joined by `and`/`,` are split).
    2. Meta author tags in `AUTHOR_KEYS` order (URLs such as profile links are ignored).
    3. `itemprop="author"` elements (their `itemprop="name"` child when present), then
       `rel="author"` links, then elements whose class names a byline or author — outside
       comments, sidebars, teasers and related boxes — with a child whose class names a
       title/role giving the role, then a `By Name` line next to the headline.
       The visible byline also wins over rules 1–2 when none of their names appears in
       the page's text (metadata that credits a parent company or a stale name).
    4. Organisations: JSON-LD `author` organisations and author tags naming the site itself.
    When these credit no person (`is_weak_credit`), `parse_html` then reads a line of names set
    above or below the text (`credit_line`) as the credit.
    """
    sites = site_keys(page, publisher)
    persons: list[tuple[str, str | None]] = []
    organizations: list[tuple[str, str | None]] = []
    if page.jsonld:
        for person in page.jsonld.authors:
            names = _people_from(person.name)
            if person.is_organization or _norm(person.name) in sites:
                organizations.extend(names)
            else:
                persons.extend((n, person.role or r) for n, r in names)
    meta_people: list[tuple[str, str | None]] = []
    for raw in page.meta.all(AUTHOR_KEYS):
        named = _people_from(raw)
        if named and all(_norm(n) in sites for n, _ in named):
            organizations.extend(named)  # the site credited as author: a last resort
            continue
        if named:
            meta_people = named
            break
    dom_people = _dom_authors(page)
    found = persons or meta_people
    if found and dom_people and not {_norm(n) for n, _ in found} & {_norm(n) for n, _ in dom_people}:
        if not _mentions(page, found):
            found = dom_people  # metadata names nobody near the headline: trust the visible byline
    found = found or dom_people or organizations
    people: list[Person] = []
    seen: set[str] = set()
    for name, role in found:
        key = _norm(name)
        if key and key not in seen:
            seen.add(key)
            people.append(Person(name=name, role=role))
    return people


def _dom_authors(page: Page) -> list[tuple[str, str | None]]:
    found: list[tuple[str, str | None]] = []
    first_group: Element | None = None
    for element in page.itemprops.get("author", []) + page.itemprops.get("creator", []):
        if in_excluded_area(element, allow_aside=True):
            continue
        # Only the first credit block: later itemprop=author elements are teasers' bylines.
        group = _byline_group(element)
        if first_group is None:
            first_group = group
        elif group is not first_group:
            continue
        names = [e for e in element.iter() if isinstance(e.tag, str) and "name" in (e.get("itemprop") or "").split()]
        value = element.get("content") if element.tag == "meta" else None
        raw = value or (text_of(names[0]) if names else text_of(element))
        found.extend(_people_from(raw))
    if found:
        return found
    for raw in page.rel_authors:
        found.extend(_people_from(raw))
    if found:
        return found
    for element in page.byline_elements:
        if (
            element.tag in _BYLINE_SKIP_TAGS  # a control (`<button>Ver biografía</button>`), never the name
            or in_excluded_area(element, allow_aside=True)
            or element_words(element) & _BYLINE_SELF_EXCLUDE
        ):
            continue
        role_nodes = [
            child for child in element.iter()
            if child is not element and isinstance(child.tag, str)
            and element_words(child) & _ROLE_CLASS_WORDS and not element_words(child) & {"name"}
            and (not element_words(child) & {"author"} or element_words(child) & _JOB_CLASS_WORDS)
        ]  # fmt: skip
        role = text_of(role_nodes[0]) if role_nodes else None
        if role and len(role) > MAX_ROLE_CHARS:
            role = None
        text_value = _byline_text(element, set(role_nodes))
        if len(text_value) > MAX_BYLINE_CHARS:
            if not _STARTS_WITH_BY_RE.match(text_value):
                continue
            text_value = text_value[:MAX_BYLINE_CHARS]  # `By A, B and C` then share buttons
        people = _people_from(text_value)
        if people:
            if role:
                people = [(name, person_role or role) for name, person_role in people]
            return people
    for text_value in page.header_texts[:2]:
        match = _HEADER_BY_RE.search(text_value)
        if match:
            people = people_from_text(match.group(1))
            if people:
                return people
    return _labelled_authors(page)


def _labelled_authors(page: Page) -> list[tuple[str, str | None]]:
    """The name in the element right after a label element (`<h4>Autor</h4><p>A B</p>`,
    `<span>by</span><h3>A B</h3>`), outside comments, sidebars and teasers."""
    for label in page.author_labels:
        name_element = label.getnext()
        if name_element is None or label.tail and label.tail.strip():
            continue
        if in_excluded_area(label, allow_aside=True):
            continue
        text_value = text_of(name_element)
        if not text_value or len(text_value) > MAX_ROLE_CHARS:
            continue
        people = _people_from(text_value)
        if people:
            return people
    header = page.header_root
    for link in page.author_links:
        if header is None or header not in link.iterancestors() or in_excluded_area(link, allow_aside=True):
            continue
        names = [e for e in link.iter() if isinstance(e.tag, str) and "name" in (e.get("itemprop") or "").split()]
        people = _people_from(text_of(names[0]) if names else text_of(link))
        if people:
            return people
    return []


def _byline_group(element: Element) -> Element:
    """The block a credit stands in: its nearest ancestor that is not inline markup."""
    for ancestor in element.iterancestors():
        if ancestor.tag not in ("a", "span", "b", "strong", "em", "i", "small", "li", "address"):
            return ancestor
    return element


def _byline_text(element: Element, skip: set[Element]) -> str:
    """A byline element's text without its role, date, avatar and follow-me parts; line
    breaks between blocks are kept so a name on its own line stays separate."""
    parts: list[str] = []
    stack: list[tuple[Element, bool]] = [(element, False)]
    while stack:
        node, leaving = stack.pop()
        if leaving:
            if node.tag in ("br", "p", "div", "li") and parts:
                parts.append("\n")
            if node is not element and node.tail:
                parts.append(" ".join(node.tail.split("\n")))
            continue
        if not isinstance(node.tag, str):
            if node.tail:
                parts.append(" ".join(node.tail.split("\n")))
            continue
        if node is not element and (
            node in skip or node.tag in _BYLINE_SKIP_TAGS or element_words(node) & _BYLINE_SKIP_WORDS
        ):
            if node.tail:
                parts.append(" ".join(node.tail.split("\n")))
            continue
        if node.text:
            parts.append(" ".join(node.text.split("\n")))
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node))
    return "".join(parts)


# A full name as an author link prints it: two to four words.
_LINK_NAME_WORDS = (2, 4)


def _slug_names(href: str, name: str) -> bool:
    """True when the link's last path segment spells the name or part of it (`/author/martin`
    for `Martin Junker`, `/autoren/kim-ott-123` for `Kim Ott`), accents folded or transliterated."""
    segments = [part for part in href.split("?")[0].split("#")[0].split("/") if part]
    if not segments:
        return False
    slug = "".join(ch for ch in _norm(segments[-1]) if not ch.isdigit())
    if len(slug) < 3:
        return False
    forms = {_norm(ascii_fold(name)), _norm(ascii_fold(name.lower().translate(SLUG_TRANSLITERATION)))}
    return any(slug in form or form in slug for form in forms)


def sole_author_link(page: Page) -> list[tuple[str, str | None]]:
    """The person every link into an author folder names (`/author/jane`), when those links
    lead to one page only and one of them reads as just a full name that the link's path
    spells (`<h3><a href="/author/jane">Jane Doe</a></h3>` in an author box under the text):
    links to several authors are teasers' credits, and a path that does not spell the name
    is an account's menu (`Edit Profile`). Wherever the box stands in the article (`<article>`,
    `<main>` or a class naming it), even in its footer or sidebar, it credits the page's author
    (otherwise only the headline's block is read, `_labelled_authors`); links outside the
    article are teasers' credits beside it."""
    paths: set[str] = set()
    names: list[str] = []
    low, high = _LINK_NAME_WORDS
    for link in page.author_links:
        if not in_article(link):
            continue  # a teaser's credit beside the article
        href = (link.get("href") or "").strip()
        paths.add(href.rstrip("/").lower())
        text = text_of(link)
        words = text.split()
        if low <= len(words) <= high and all(w[:1].isupper() for w in words) and _slug_names(href, text):
            if people_from_text(text) == [(text, None)]:
                names.append(text)
    if len(paths) != 1 or not names or len({_norm(n) for n in names}) != 1:
        return []
    return [(names[0], None)]


# How far up from a link its author's note (`<p>Jane Doe is a reporter… <a>@jane</a></p>`) is looked for.
_NOTE_LEVELS = 3
# A link's raw text longer than this many times the longest name is not read (no name).
_RAW_SPAN = 8


def author_link_refs(root: Element, names: list[str]) -> list[tuple[str, str]]:
    """`(text, href)` of the links the article prints for its credited authors: a link whose
    text is a credited full name (the byline's `By <a href="/by/jane-doe">Jane Doe</a>`, or a
    handle spelling it, `@janedoe`) and the links of a paragraph that opens with one (the
    author's note under the text, `Jane Doe is a reporter… <a>@janedoe</a>`). Both are the
    article's own links to its author, which the body reading leaves out with the byline and
    the note; links in share bars, comments, teasers and footers (`in_excluded_area`) are not.
    Only a link's own text and a paragraph's first words are read (most links are neither)."""
    full = [name for name in names if len(name.split()) >= 2]
    if not full:
        return []
    wanted = {_norm(name) for name in full}
    longest = 2 * max(len(name) for name in full)
    initials = {name[0].lower() for name in full}
    opening: set[Element] = set()  # the paragraphs so far that open with a name (author's notes)
    refs: list[tuple[str, str]] = []
    elements: Iterable[Element]
    if _author_link_candidates is None:
        elements = root.iter("a", "p")
    else:  # only those that may open with a name or sit in such a paragraph (`_scan.c`)
        link_firsts = "".join(sorted(i for i in initials if len(i) == 1 and i.isascii()))
        elements = _author_link_candidates(root, link_firsts, "".join({n[0] for n in full if n[0].isascii()}))
    for link in elements:  # in document order: a paragraph before its links
        if link.tag == "p":
            if _opens_with(link, full):
                opening.add(link)
            continue
        href = link.get("href")
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        raw = link.text if not len(link) else etree.tostring(link, method="text", encoding=str, with_tail=False)
        raw = " ".join(raw.split()) if raw and len(raw) <= _RAW_SPAN * longest else ""
        own = bool(raw) and raw.lstrip("@")[:1].lower() in initials and len(raw) <= longest and _norm(raw) in wanted
        if not own and opening:  # on most pages no paragraph opens with a name: no link is a note's
            block = link.getparent()
            for _ in range(_NOTE_LEVELS - 1):
                if block is None or block.tag == "p":
                    break
                block = block.getparent()
            own = block in opening
        if own and not in_excluded_area(link):
            refs.append((clean_text(raw) if raw else text_of(link), href.strip()))
    return refs


def _opens_with(block: Element, names: list[str]) -> bool:
    """True when the block's first piece of text starts with one of the names as a whole."""
    first = str(block.text or "").strip() or next((str(t).strip() for t in block.itertext() if t.strip()), "")
    return any(first.startswith(name) and first[len(name) : len(name) + 1] in ("", " ", ",") for name in names)
