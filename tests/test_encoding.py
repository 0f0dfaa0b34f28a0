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
    # A UTF-8 sequence cut short (no Windows-1252 reading either): replaced, and said so.
    data = "Café ".encode() * 20 + b"\xe2\x80 " + "crème".encode()
    text, used, notes = decode_text(data)
    assert used == "utf-8"
    assert "\ufffd" in text and text.endswith("crème")
    assert len(notes) == 1 and "replaced" in notes[0]


def test_unknown_declared_encoding_falls_back_with_a_warning() -> None:
    text, used, notes = decode_text(b"plain", declared="x-klingon")
    assert (text, used) == ("plain", "utf-8")
    assert "unknown" in notes[0]


def test_windows_1252_quotes_inside_utf8_text_are_converted() -> None:
    # A UTF-8 page with a paragraph pasted from a Windows-1252 editor: smart quotes and an
    # en dash as single bytes between valid multi-byte UTF-8 characters.
    data = "Café owner Nicolás said ".encode() + "“very good” – twice.".encode("cp1252")
    text, used, notes = decode_text(data)
    assert text == "Café owner Nicolás said “very good” – twice."
    assert used == "utf-8"
    assert "\ufffd" not in text
    assert notes == ["Mixed encodings: 3 Windows-1252 character(s) inside UTF-8 text converted."]


def test_converted_and_still_invalid_bytes_are_both_reported() -> None:
    data = "Zürich ".encode() * 3 + "“quoted”".encode("cp1252") + b" \xe2\x80 end"
    text, _, notes = decode_text(data)
    assert "“quoted”" in text and text.count("\ufffd") == 1
    assert [n.split(":")[0] for n in notes] == ["Mixed encodings", "Invalid UTF-8"]


def test_the_command_line_never_imports_bs4_for_clean_text() -> None:
    import subprocess
    import sys

    code = (
        "import sys\nfrom newsarchive.parse.encoding import decode_text\n"
        "decode_text('Café'.encode())\nprint('bs4' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
