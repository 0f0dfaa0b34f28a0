"""Bytes to text for text-like inputs, recording which encoding was used and why.

Order of rules:
1. A byte-order mark wins (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE).
2. UTF-16 without a BOM is recognised by its NUL pattern (ASCII text with every other byte 0).
3. Strict UTF-8.
4. Mostly-UTF-8 (valid multi-byte sequences outnumber the invalid bytes): first the
   Windows-1252 characters pasted into the UTF-8 text (smart quotes, dashes, no-break
   spaces — a page assembled from a UTF-8 template and Windows-1252 copy) are converted by
   BeautifulSoup's `UnicodeDammit.detwingle`, with a warning saying how many; what is still
   invalid becomes U+FFFD, with a warning saying how many bytes were replaced. bs4 is
   imported only here, for inputs that need it, never on the hot path or at CLI start-up.
5. Otherwise Windows-1252 (a superset of Latin-1's printable range, and what
   "ISO-8859-1" means on the web), falling back to Latin-1 for bytes 1252 leaves undefined.
"""

from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_UTF8_MULTIBYTE_RE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")
# How much of a sample must be NULs in alternate positions to call it BOM-less UTF-16.
UTF16_NUL_SHARE = 0.3
SAMPLE_BYTES = 4096


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """The encoding a leading BOM announces and the BOM's length, or None."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return None


def bomless_utf16(data: bytes) -> str | None:
    """`utf-16-le`/`utf-16-be` when `data` looks like BOM-less UTF-16 text, else None."""
    sample = data[:SAMPLE_BYTES]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) / 2
    if odd_nuls > UTF16_NUL_SHARE * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > UTF16_NUL_SHARE * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def decode_text(data: bytes, declared: str | None = None) -> tuple[str, str, list[str]]:
    """Decode `data`, returning `(text, encoding_name, warnings)`.

    Args:
        data: the raw bytes (already gunzipped).
        declared: an encoding the document itself declares (HTML `<meta charset>`), tried
            after a BOM and before the guesses.
    """
    notes: list[str] = []
    bom = bom_encoding(data)
    if bom:
        name, skip = bom
        return data[skip:].decode(name, errors="replace"), name, notes
    utf16 = bomless_utf16(data)
    if utf16:
        return data.decode(utf16, errors="replace"), utf16, notes
    if declared:
        try:
            codec = codecs.lookup(declared).name
        except LookupError:
            notes.append(f"Declared encoding {declared!r} is unknown; guessed instead.")
        else:
            if codec in ("latin-1", "iso8859-1", "ascii"):
                codec = "cp1252"  # browsers read both labels as windows-1252
            try:
                return data.decode(codec), codec, notes
            except UnicodeDecodeError:
                if codec != "utf-8":
                    return data.decode(codec, errors="replace"), codec, notes
    try:
        return data.decode("utf-8"), "utf-8", notes
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    bad = _invalid_sequences(data, text)
    good = len(_UTF8_MULTIBYTE_RE.findall(data))
    if good:
        repaired = detwingle(data)
        if repaired != data:
            repaired_text = repaired.decode("utf-8", errors="replace")
            still_bad = _invalid_sequences(repaired, repaired_text)
            # Wholly valid once the stray Windows-1252 characters are converted: a UTF-8 text
            # (it has valid multi-byte sequences) with pasted-in 1252 copy, however much.
            if not still_bad or good > still_bad:
                notes.append(
                    f"Mixed encodings: {bad - still_bad} Windows-1252 character(s) inside UTF-8 text converted."
                )
                if still_bad:
                    notes.append(f"Invalid UTF-8: {still_bad} byte sequence(s) replaced with U+FFFD.")
                return repaired_text, "utf-8", notes
    if good > bad:
        notes.append(f"Invalid UTF-8: {bad} byte sequence(s) replaced with U+FFFD.")
        return text, "utf-8", notes
    try:
        return data.decode("cp1252"), "cp1252", notes
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1", notes


def _invalid_sequences(data: bytes, decoded: str) -> int:
    """How many U+FFFD decoding `data` as UTF-8 with replacement added (`decoded`)."""
    return decoded.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")


def detwingle(data: bytes) -> bytes:
    """`data` with Windows-1252 characters embedded in UTF-8 re-encoded as UTF-8.

    BeautifulSoup's `UnicodeDammit.detwingle` does this well-tested job (it walks the UTF-8
    sequences and converts the stray single bytes between them); imported here only, since
    few inputs need it and bs4 takes a while to import.
    """
    from bs4.dammit import UnicodeDammit

    return UnicodeDammit.detwingle(data)
