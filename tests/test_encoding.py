"""encoding: every byte sequence decodes, with the encoding used named and replacements reported."""

from __future__ import annotations

import codecs

import pytest

from newsarchive.parse.encoding import decode_text

TEXT = "Café crème — «déjà vu» at Nicolás's"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        pytest.param(TEXT.encode("utf-8"), "utf-8", id="utf-8"),
        pytest.param(codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8", id="utf-8-bom"),
        pytest.param(codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le", id="utf-16-le-bom"),
        pytest.param(codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be", id="utf-16-be-bom"),
        pytest.param(TEXT.encode("utf-16-le"), "utf-16-le", id="utf-16-le-no-bom"),
        pytest.param(TEXT.encode("cp1252"), "cp1252", id="windows-1252"),
    ],
)
def test_decodes_without_mojibake(data: bytes, encoding: str) -> None:
    text, used, notes = decode_text(data)
    assert (text, used, notes) == (TEXT, encoding, [])


def test_declared_latin1_is_read_as_windows_1252() -> None:
    text, used, _ = decode_text("“quoted” £5".encode("cp1252"), declared="iso-8859-1")
    assert (text, used) == ("“quoted” £5", "cp1252")


def test_stray_bad_bytes_in_utf8_are_replaced_with_a_warning() -> None:
    data = "Café ".encode() * 20 + b"\xff\xfe" + "crème".encode()
    text, used, notes = decode_text(data)
    assert used == "utf-8"
    assert "\ufffd" in text and text.endswith("crème")
    assert len(notes) == 1 and "replaced" in notes[0]


def test_unknown_declared_encoding_falls_back_with_a_warning() -> None:
    text, used, notes = decode_text(b"plain", declared="x-klingon")
    assert (text, used) == ("plain", "utf-8")
    assert "unknown" in notes[0]
