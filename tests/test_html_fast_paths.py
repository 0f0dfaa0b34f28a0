"""The HTML metadata pass's fast paths give what the regexes they stand for give.

`read_page` settles most short texts and links with set look-ups and runs the
case-insensitive regexes only where a look-up cannot decide; each fast path is checked
against its regex on hand-written texts, tricky ones included.
"""

from __future__ import annotations

from newsarchive.parse.html_page import _AUTHOR_LABEL_RE, _AUTHOR_PATH_RE, is_author_label, is_author_path

LABELS = (
    "By", "by", "BY", " By ", "By:", "By :", "By ::", "By.", "\tAutor:\n", "Autor :  ", "AUTOREN", "Written by",
    "Written  by", "written BY:", "Text", "Texte :", "Von", "von:", "Par", "Door", "av", "Di", "da:", ":", "",
    "  ", "Byline", "Home", "Jane Doe", "By Jane Doe", "Veröffentlicht von", "VERÖFFENTLICHT VON:",
    "écrit par", "Écrit par :", "Publié par", "\u017fcritto da", "By\xa0", "\xa0By:", "By\x1c", "\x1fAutor",
    "Author\u2003:", "Aut\u00f6r", "about the author", "About The Author:",
)  # fmt: skip

HREFS = (
    "/author/jane-doe", "/Author/Jane", "/AUTOREN/kim-ott-123", "https://example.com/autor/kim", "/author/",
    "/author", "/author//x", "/author/?page=2", "/author/#top", "/authors/x", "/team/jane", "/news/author-box",
    "/x?next=/staff/jane", "/\u017ftaff/jane", "/Profil/ärger", "/profile/", "/redakteure/Ä", "//author/a",
    "author/jane", "/columnist/a", "/COLUMNISTS/b", "/blog/2024/05/story", "", "/", "https://example.com/",
    "/journalisten/x", "/writers-room/x", "/STAFF/%C3%A4",
)  # fmt: skip


def test_author_label_fast_path_agrees_with_the_label_regex() -> None:
    matched = [text for text in LABELS if _AUTHOR_LABEL_RE.match(text)]
    assert matched and len(matched) < len(LABELS), "the texts hold labels and non-labels"
    for text in LABELS:
        assert is_author_label(text) == bool(_AUTHOR_LABEL_RE.match(text)), repr(text)


def test_author_path_fast_path_agrees_with_the_path_regex() -> None:
    matched = [href for href in HREFS if _AUTHOR_PATH_RE.search(href)]
    assert matched and len(matched) < len(HREFS), "the links hold author folders and others"
    for href in HREFS:
        assert is_author_path(href) == bool(_AUTHOR_PATH_RE.search(href)), repr(href)
