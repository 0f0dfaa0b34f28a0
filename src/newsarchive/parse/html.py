"""HTML pages → Draft (placeholder: title and paragraphs)."""

from __future__ import annotations

from ..model import Section
from ..normalize import clean_text
from .common import Draft


def parse_html(data: bytes) -> tuple[Draft, str]:
    """Parse an HTML page; returns the draft and the encoding used."""
    import lxml.html

    from .encoding import decode_text

    text, encoding, notes = decode_text(data)
    tree = lxml.html.document_fromstring(text)
    draft = Draft(format="html", warnings=notes)
    title = tree.findtext(".//title")
    draft.headline = clean_text(title) if title else None
    paragraphs = tuple(t for t in (clean_text(p.text_content()) for p in tree.iter("p")) if t)
    draft.sections.append(Section(paragraphs=paragraphs))
    return draft, encoding
