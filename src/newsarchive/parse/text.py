"""Text and markdown dumps → Draft (placeholder: first line headline, then paragraphs)."""

from __future__ import annotations

from ..model import Section
from ..normalize import clean_text
from .common import Draft


def parse_text(text: str) -> Draft:
    """Parse a decoded text dump."""
    blocks = [clean_text(b) for b in text.replace("\r\n", "\n").split("\n\n")]
    blocks = [b for b in blocks if b]
    draft = Draft()
    if blocks:
        draft.headline = blocks[0]
        draft.sections.append(Section(paragraphs=tuple(blocks[1:])))
    return draft
