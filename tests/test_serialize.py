"""serialize: one JSON shape for every record, lossless both ways, valid against the schema."""

from __future__ import annotations

import json
from typing import Any

import pytest

from newsarchive.model import Article, Caption, Link, Person, Section, Source
from newsarchive.serialize import RECORD_KEYS, dumps, from_dict, record_id, schema, sha256_hex, to_dict

from .conftest import assert_valid_record


def _article() -> Article:
    data = "Nicolás\n".encode()
    digest = sha256_hex(data)
    return Article(
        id=record_id(digest),
        source=Source(path="a.txt", sha256=digest, format="text", encoding="utf-8", bytes=len(data)),
        headline="Nicolás",
        date="2019-03-25T14:03:00+00:00",
        byline=(Person(name="Jane Doe", role="Reporter", section=1),),
        sections=(Section(paragraphs=("One.",)), Section(heading="Two", level=3, paragraphs=("Two.",))),
        links=(Link(text="x", href="https://example.com/", section=0, kind="related"),),
        captions=(Caption(text="A cat", credit="Reuters", src=None, section=1),),
        tags=("cats",),
        body="One.\n\nTwo.",
        word_count=2,
        warnings=("No summary.",),
    )


def test_round_trip_is_lossless() -> None:
    article = _article()
    assert from_dict(json.loads(dumps(to_dict(article)))) == article


def test_record_has_exactly_the_spec_keys_in_order() -> None:
    assert tuple(to_dict(_article())) == RECORD_KEYS


def test_record_validates_against_shipped_schema() -> None:
    assert_valid_record(to_dict(_article()))


def test_schema_rejects_unknown_keys() -> None:
    import jsonschema
    import pytest

    record = to_dict(_article())
    record["extra"] = 1
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(record, schema())


def test_non_ascii_written_as_itself() -> None:
    assert '"Nicolás"' in dumps(to_dict(_article()))


def test_a_record_with_an_ascii_body_is_written_as_the_standard_writer_writes_it() -> None:
    """`dumps` writes a record whose body is ASCII with the quicker ASCII writer: a character
    past ASCII anywhere else (DEL, a line separator, a lone surrogate, an emoji) must still
    come out as itself, and escapes as the standard writer spells them."""
    bodies = ["Plain.", 'A "quote", a \\ and a\nline.', "Control \x01 and \x1f.", "DEL \x7f.", "\\u00e9 as text"]
    for body in bodies:
        for other in [*COMPACT_TEXTS, "\ud800", "\x7f", "£5", "\\u00e9 as text"]:
            record = to_dict(_article())
            record["body"] = body
            record["headline"] = other
            record["sections"][0]["paragraphs"] = [body, other]
            assert dumps(record) == json.dumps(record, ensure_ascii=False, separators=(",", ":")), (body, other)


def test_id_is_first_16_hex_of_sha256() -> None:
    digest = sha256_hex(b"abc")
    assert digest == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert record_id(digest) == "ba7816bf8f01cfea"


COMPACT_TEXTS = [
    "Plain text.",
    'She said "yes", then left.\n\nA second paragraph\twith a tab.',
    "Control \x01 and \x1f characters, a \x7f and a \u2028 line separator.",
    "A path C:\\Users\\news and a slash /.",
    "Non-ASCII: Nicolás, 外国专家, 🙂.",
    "\x00",  # the check's own placeholder, as a real paragraph
    'x"\x00',
]


def _variants(text: str) -> list[str]:
    """Other JSON spellings of the record `text` holds, each parsing to the same record."""
    record = json.loads(text)
    return [
        json.dumps(record, ensure_ascii=False),  # spaces after separators
        json.dumps(record, ensure_ascii=True, separators=(",", ":")),  # \\u escapes
        text.replace("/", "\\/"),
        text.replace("\\u001f", "\\u001F"),
        text.replace('"level":2', '"level":-0') if '"level":0' in text else text.replace('"level":2', '"level":2.0'),
        text.replace('"headline":', '"headline":"first","headline":', 1),  # a duplicate key
        text.replace('"paragraphs":[', '"paragraphs":[ ', 1),
        text[:-1] + " }",
        text.replace('"section":1}', '"section":1,"section":1}', 1),
    ]


def test_the_compact_form_check_agrees_with_writing_the_record_again() -> None:
    from newsarchive.serialize import is_compact_form

    for paragraph in COMPACT_TEXTS:
        record = to_dict(_article())
        record["sections"][0]["paragraphs"] = [paragraph, paragraph + " More."]
        record["body"] = paragraph + "\n\n" + paragraph
        record["headline"] = paragraph
        text = dumps(record)
        assert is_compact_form(text, json.loads(text)), paragraph
        for variant in _variants(text):
            same = dumps(json.loads(variant)) == variant
            assert is_compact_form(variant, json.loads(variant)) is same, (paragraph, variant)
        for other in (text.replace(" More.", " Mare.", 1), text.replace("No summary", "No summery", 1)):
            assert not is_compact_form(other, record)  # the text of another record


def _cut(record: dict[str, Any]) -> dict[str, Any]:
    """`record` as `read_compact` returns it: paragraph lists emptied, the body a placeholder."""
    cut = json.loads(json.dumps(record))
    for section in cut["sections"]:
        section["paragraphs"] = []
    cut["body"] = "\x00"
    return cut


def test_reading_a_compact_line_agrees_with_parsing_it_whole() -> None:
    from newsarchive.serialize import read_compact

    for paragraph in COMPACT_TEXTS:
        record = to_dict(_article())
        record["sections"][0]["paragraphs"] = [paragraph, paragraph + " More."]
        record["sections"].append({"heading": "Two", "level": 2, "paragraphs": []})
        record["body"] = paragraph + "\n\n" + paragraph
        record["headline"] = paragraph
        text = dumps(record)
        read = read_compact(text)
        # Read without the full parse when no escape is one `dumps` might not write and the
        # placeholder is absent; every other text is left to the full reading.
        if "\\" not in paragraph and "\x00" not in paragraph:
            assert read is not None, paragraph
        if read is not None:
            assert read == (_cut(record), record["body"])
        for variant in _variants(text):
            read = read_compact(variant)
            if read is not None:  # only ever for a text that is exactly the record's compact form
                assert dumps(json.loads(variant)) == variant, variant
                assert read == (_cut(json.loads(variant)), json.loads(variant)["body"])


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (lambda t: t.replace("More.", "More.\t", 1), "a raw tab inside a paragraph"),
        (lambda t: t.replace('."', '.\x01"', 1), "a raw control character"),
        (lambda t: t[: t.index('"body":') + 20], "cut short inside the body"),
        (lambda t: t.replace('"paragraphs":[', '"paragraphs":[1,', 1), "a number among the paragraphs"),
        (lambda t: t.replace('"paragraphs":[', '"paragraphs":{"a":', 1), "an object for paragraphs"),
        (lambda t: t.replace('"body":', '"links":[],"body":', 1), "a duplicate key"),
        (lambda t: t.replace('"body":"', '"body":"\\u00e9', 1), "a \\u escape dumps would not write"),
        (lambda t: t.replace(',"word_count":', ',"x":{"a":1,"body":"\\u0001"},"word_count":', 1),
         "a nested body after the record's own"),
        (lambda t: t.replace(',"body":"First', ',"body":"\\u0000","x":{"a":1,"body":"First', 1)
         .replace(',"word_count":', '},"word_count":', 1),
         "a nested body after the record's own, and the placeholder as the record's body"),
        (lambda t: t.replace('"word_count":', '"word_count": ', 1), "a space"),
    ],
)
def test_lines_the_compact_reading_cannot_vouch_for_are_left_to_the_full_reading(change: Any, why: str) -> None:
    from newsarchive.serialize import read_compact

    record = to_dict(_article())
    record["sections"][0]["paragraphs"] = ["First. More.", 'He said "no".']
    record["body"] = 'First. More.\n\nHe said "no".'
    text = change(dumps(record))
    assert read_compact(text) is None, why


# Paragraphs whose JSON `read_compact` compares with the body's as text instead of reading
# them: quotes and escapes at their edges, the texts its list search looks for, a blank line
# inside one, control characters, text past ASCII.
JOINED_PARAGRAPHS = [
    ["One.", "Two."],
    ['"Quoted"', '"', 'a","b', 'ends "]}', '"]}"]}'],
    ["A\nB", "tab\tand \x01 and \x1f", "", "Nicolás 外国 🙂", "x\\"],
    ["Held\n\ntogether", "apart"],
    ["\\", "\\\\", 'x\\"'],
    ["\x00", "after the placeholder"],
]


def _joined_record(paragraphs: list[str], split: int) -> dict[str, Any]:
    """A record whose sections hold `paragraphs` (cut at `split`, an empty section between)
    and whose body is them joined by blank lines, as SPEC.md has it."""
    record = to_dict(_article())
    record["sections"] = [
        {"heading": None, "level": 2, "paragraphs": paragraphs[:split]},
        {"heading": "Empty", "level": 2, "paragraphs": []},
        {"heading": "Rest", "level": 3, "paragraphs": paragraphs[split:]},
    ]
    record["body"] = "\n\n".join(paragraphs)
    return record


def test_paragraphs_compared_with_the_body_read_as_the_whole_parse_does() -> None:
    """The paragraphs are vouched for by comparing their JSON with the body's, without reading
    them: whatever `read_compact` answers must be what parsing the line whole gives, and a
    line it refuses must be one it cannot vouch for (an escaped backslash, a `"]}` in a paragraph)."""
    from newsarchive.serialize import _joined_paragraphs, read_compact

    for paragraphs in JOINED_PARAGRAPHS:
        for split in range(len(paragraphs) + 1):
            record = _joined_record(paragraphs, split)
            text = dumps(record)
            read = read_compact(text)
            if not any("\\" in p or '"]}' in p for p in paragraphs):
                # Read without the full parse, the paragraphs compared with the body.
                assert read is not None, (paragraphs, split)
                at = text.rindex(',"body":') + len(',"body":')
                assert _joined_paragraphs(text, at, text.index(',"word_count":')) is not None
            if read is not None:
                assert read == (_cut(record), record["body"]), (paragraphs, split)
            for variant in _variants(text):
                read = read_compact(variant)
                if read is not None:
                    assert dumps(json.loads(variant)) == variant, variant
                    assert read == (_cut(json.loads(variant)), json.loads(variant)["body"])


_FIRST = '"paragraphs":["One."'
_BOTH = '"paragraphs":["One.","Two."]'


@pytest.mark.parametrize(
    ("old", "new", "why"),
    [
        (_FIRST, '"paragraphs":["One\\/."', "an escape dumps would not write, in a paragraph only"),
        (_FIRST, '"paragraphs":["One.\\u00e9"', "a \\u escape in a paragraph only"),
        (_FIRST, '"paragraphs":["One.\\ud800"', "a lone surrogate in a paragraph only"),
        (_FIRST, '"paragraphs":["One.\t"', "a raw tab in a paragraph only"),
        (_BOTH, '"paragraphs":["One.",2,"Two."]', "a number among the paragraphs"),
        (_BOTH, '"paragraphs":["One.", "Two."]', "a space between paragraphs"),
        (_BOTH, '"paragraphs":["One.\\n\\nTwo."]', "the paragraphs split otherwise"),
        (_BOTH, '"paragraphs":["One."],"x":["Two."]', "a list that is no section's last key"),
        ('"body":"One.\\n\\nTwo."', '"body":"One.\\u000a\\u000aTwo."', "the body's blank line spelled otherwise"),
        ("One.", "One\\/.", "an escape dumps would not write, in the body and its paragraph"),
        ("One.", "One\\u00e9", "a \\u escape, in the body and its paragraph"),
        ("One.", "One\\ud83d\\ude00", "a surrogate pair, in the body and its paragraph"),
        ("One.", "One.\t", "a raw tab, in the body and its paragraph"),
    ],
)
def test_paragraphs_that_are_not_the_body_spelled_alike_go_the_full_way(old: str, new: str, why: str) -> None:
    """A line whose paragraphs differ from the body's JSON (a wrong type, another escape, a raw
    control character, another split), or whose body and paragraphs alike hold what `dumps`
    would not write, is never vouched for by comparing the paragraphs with the body."""
    from newsarchive.serialize import read_compact

    text = dumps(_joined_record(["One.", "Two."], 2))
    changed = text.replace(old, new)
    assert changed != text, why
    read = read_compact(changed)
    assert read is None or dumps(json.loads(changed)) == changed, why
