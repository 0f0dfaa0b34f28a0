"""serialize: one JSON shape for every record, lossless both ways, valid against the schema."""

from __future__ import annotations

import json

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
