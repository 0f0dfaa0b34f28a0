"""import: a line in the archive's own form read in one pass by msgspec (`_exact_row`).

The one-pass reading must give exactly the row the checked reading gives (`_line_row`), and
must leave every other line to it: whatever `_exact_row` vouches for is `dumps` of its record.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from newsarchive.importer import _encode_exact, _exact_row, _line_row
from newsarchive.model import Article, Caption, Link, Member, Person, Section, Source
from newsarchive.serialize import dumps, record_id, sha256_hex, to_dict


def _record(
    text: str = "One.",
    *,
    member: bool = False,
    path: str = "a.txt",
    record_of: str | None = "<urn:uuid:1>",
    **changes: Any,
) -> dict[str, Any]:
    data = f"{text}\n{member}\n{path}".encode("utf-8", "surrogatepass")
    digest = sha256_hex(data)
    paragraphs = (text, "Two.")
    article = Article(
        id=record_id(digest),
        source=Source(
            path=path, sha256=digest, format="html" if member else "text", encoding="utf-8", bytes=len(data),
            member=Member(kind="warc", record_id=record_of, offset=123, uri="https://www.example.com/a",
                          captured_at="2020-01-02T03:04:05Z", status=200, content_type="text/html")
            if member else None,
        ),  # fmt: skip
        headline=text,
        summary=None,
        date="2019-03-25T14:03:00+00:00",
        byline=(Person(name="Jane Doe", role="Reporter", section=1),),
        sections=(Section(paragraphs=paragraphs), Section(heading="Two", level=3, paragraphs=())),
        links=(Link(text="x", href="https://example.com/", section=0, kind="related"),),
        captions=(Caption(text="A cat", credit="Reuters", src=None, section=1),),
        tags=("cats",),
        url="https://www.example.com/a" if member else None,
        body="\n\n".join(paragraphs),
        word_count=2,
        ingested_at="2020-01-02T03:04:05+00:00",
        warnings=("No summary.",),
    )
    record = to_dict(article)
    record.update(changes)
    return record


def _both(text: str) -> tuple[object, object]:
    """(`_exact_row`'s answer, the checked reading's row) for one line, the stored JSON of
    each as text (the checked reading hands some on as text, some as their UTF-8 bytes)."""
    raw = text.encode("utf-8", "surrogatepass")
    return _as_text(_exact_row(raw)), _as_text(_line_row(text, raw))


def _as_text(row: object) -> object:
    if not isinstance(row, tuple):
        return row
    article_id, columns, source, place = row
    stored = columns[10]
    stored = stored.decode() if isinstance(stored, bytearray) else stored
    return article_id, (*columns[:10], stored, *columns[11:]), source, place


TEXTS = [
    "Plain text.",
    'She said "yes", then left.\n\nA second paragraph\twith a tab.',
    "".join(map(chr, range(0x20))) + "\x7f\x80\x85\xa0\xad\xff",  # every control character, DEL, C1, NBSP
    "\u2028 \u2029 \ufeff \ufffe \uffff",
    "A path C:\\Users\\news and a slash /.",
    "Non-ASCII: Nicolás, 外国专家合作, 🙂, \U0010ffff.",
    "\x00",
]


def test_msgspec_writes_every_string_and_integer_as_dumps_does() -> None:
    """The one-pass reading vouches for a line only because msgspec writes what `dumps` writes:
    every character class (controls, DEL, C1, separators, non-characters, astral) and integers
    at the 64-bit bounds."""
    every_bmp = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000)
    for value in [every_bmp, *TEXTS, 0, -1, 2**63 - 1, -(2**63), 2**64 - 1, None, True, ["a", 1, None]]:
        assert _encode_exact(value) == dumps({"v": value})[5:-1].encode(), repr(value)[:40]


def test_a_line_in_the_archive_form_gives_the_row_of_the_checked_reading() -> None:
    """Every column, the location and the stored text are those `_line_row` gives."""
    for text in TEXTS:
        for member in (False, True):
            for path, record_of in (("a.txt", "<urn:uuid:1>"), ("-", "<urn:uuid:1>"), ("b.warc", None)):
                line = dumps(_record(text, member=member, path=path, record_of=record_of))
                exact, checked = _both(line)
                assert exact is not None, (text, member, path)
                assert exact == checked, (text, member, path)


def test_a_record_with_cjk_text_gets_its_search_columns() -> None:
    """The CJK columns are filled from the headline and the body as the checked reading fills them."""
    exact, checked = _both(dumps(_record("中美合作共赢")))
    assert exact == checked
    assert isinstance(exact, tuple) and "中美" in exact[1][11]


OTHER_SPELLINGS = [
    (lambda t: t.replace('"level":3', '"level":3.0'), "a float"),
    (lambda t: t.replace('"level":3', '"level":-0'), "minus zero"),
    (lambda t: t.replace('"word_count":2', '"word_count":true'), "a boolean for an integer"),
    (lambda t: t.replace('"headline":"', '"headline": "'), "a space"),
    (lambda t: t.replace('"tags":["cats"]', '"tags":["cats"],"tags":["cats"]'), "a duplicate key"),
    (lambda t: t.replace(',"member":null', ""), "a missing key (schema version 1)"),
    (lambda t: t[:-1] + ',"raw_source":"T25lLg=="}', "an extra key"),
    (lambda t: t.replace("One.", "One\\/."), "an escape dumps does not write"),
    (lambda t: t.replace("One.", "One\\u00e9"), "a \\u escape dumps does not write"),
    (lambda t: t.replace("One.", "One\\ud83d\\ude00"), "a surrogate pair"),
    (lambda t: t.replace("One.", "One\\ud800"), "half a surrogate pair"),
    (lambda t: t.replace("\\n\\n", "\\u000a\\u000a"), "a control character spelled otherwise"),
    (lambda t: t.replace("One.", "One.\t"), "a raw tab"),
    (lambda t: t + "\r", "a carriage return at the end"),
    (lambda t: t + " ", "a space at the end"),
    (lambda t: "\ufeff" + t, "a byte-order mark"),
    (lambda t: t.replace('"kind":"related"', '"kind":"other"'), "a link kind the model does not know"),
    (lambda t: t.replace('"id":"', '"id":"0', 1), "an id too long"),
    (lambda t: t.replace(t[t.index('"id":"') + 6 : t.index('"id":"') + 22], "0" * 16, 1), "an id not of its sha256"),
    (lambda t: t.replace('"headline":"One."', '"headline":1'), "an integer headline"),
]


def test_any_other_spelling_is_left_to_the_checked_reading() -> None:
    """A line that is not exactly `dumps` of its record, or whose record the checked reading
    would refuse or store otherwise, is never read in one pass."""
    lines = [dumps(_record(member=True)), dumps(_record(member=False))]
    for change, why in OTHER_SPELLINGS:
        changed = [change(line) for line in lines if change(line) != line]
        assert changed, why
        for text in changed:
            assert _exact_row(text.encode("utf-8", "surrogatepass")) is None, why


def test_a_line_not_utf8_is_left_to_the_checked_reading() -> None:
    """Bytes that are not UTF-8 (a lone byte, an encoded surrogate) are never read in one pass."""
    line = dumps(_record()).encode()
    for bad in (b"\xff", b"\xed\xa0\x80", b"\xc0\xaf"):
        assert _exact_row(line.replace(b"One.", b"One." + bad, 1)) is None, bad


@settings(max_examples=200, deadline=None)
@given(st.text(), st.text(max_size=20), st.integers(min_value=-(2**70), max_value=2**70))
def test_the_one_pass_reading_agrees_with_the_checked_reading_on_any_text(text: str, other: str, count: int) -> None:
    """Whatever strings and integers a record holds, `_exact_row` gives the checked reading's
    row for its `dumps` line, and vouches for another spelling of it only when that is `dumps`."""
    record = _record(text, headline=other, word_count=count)
    line = dumps(record)
    exact, checked = _both(line)
    if exact is not None:
        assert exact == checked
    else:  # text `_finish` refuses (half a surrogate pair) or an integer past 64 bits
        assert isinstance(checked, str) or not -(2**63) <= count < 2**64
    spaced = json.dumps(record, ensure_ascii=False, indent=None)
    ascii_only = json.dumps(record, ensure_ascii=True, separators=(",", ":"))
    for variant in (spaced, ascii_only):
        try:
            raw = variant.encode("utf-8")
        except UnicodeEncodeError:
            continue
        if _exact_row(raw) is not None:
            assert variant == line


def test_a_parquet_record_is_written_by_msgspec_only_when_that_is_dumps() -> None:
    """A record read from Parquet is written by msgspec when it holds only the model's keys
    and types, in whatever key order it has: the same text as `dumps`. Anything msgspec would
    write otherwise (a float, a date, bytes) or a key the model lacks is left to `dumps`."""
    import datetime

    from newsarchive.importer import _exact_text

    for text in TEXTS:
        for member in (False, True):
            record = _record(text, member=member)
            try:
                expected = dumps(record).encode()
            except UnicodeEncodeError:  # half a surrogate pair: never stored (see `_finish`)
                continue
            assert _exact_text(record) == expected, text
    record = _record()
    record["source"] = dict(reversed(list(record["source"].items())))  # another key order, kept
    assert _exact_text(record) == dumps(record).encode()
    for change, why in [
        (lambda r: r.update(word_count=2.0), "a float"),
        (lambda r: r["sections"][0].update(level=True), "a boolean"),
        (lambda r: r.update(date=datetime.date(2020, 1, 2)), "a date"),
        (lambda r: r.update(headline=b"bytes"), "bytes"),
        (lambda r: r["source"].update(extra=1.5), "a key the model lacks, in a nested object"),
        (lambda r: r["source"].pop("member"), "a key missing (schema version 1)"),
        (lambda r: r["links"][0].update(kind="other"), "a value the model does not know"),
    ]:
        record = _record()
        change(record)
        assert _exact_text(record) is None, why


def test_a_json_array_gives_the_rows_of_reading_it_whole(monkeypatch: Any) -> None:
    """Each element of an array is read as a line is (`_exact_row`, else parsed alone and
    checked): the rows, failures included, are those of parsing the array whole, and an array
    that is not JSON is still read whole to say why."""
    from newsarchive import importer

    exact = dumps(_record("One."))
    spaced = json.dumps(_record("Two."), ensure_ascii=True)
    half = json.dumps(_record("half \ud800 a pair"))
    wrong = json.dumps({**_record("Three."), "id": "0" * 16})
    cases = [
        "[\n" + ",\n".join([exact, spaced, "[1]", wrong, exact]) + "\n]\n",
        "[" + ",".join([exact, half]) + "]",  # msgspec refuses half a pair: read whole
        "[" + exact + "]",
        "[]",
        "[" + exact + ",]",  # not JSON
        "[" + exact + ', {"a": NaN}]',  # JSON to Python's reader only
    ]
    for text in cases:
        data = text.encode()
        fast = [(n, _as_text(row)) for n, row in importer._array("x.json", data)]
        monkeypatch.setattr(importer, "_exact_array", lambda _: None)
        whole = [(n, _as_text(row)) for n, row in importer._array("x.json", data)]
        monkeypatch.undo()
        assert fast == whole, text[:40]
    assert importer._exact_array(cases[0].encode()) is not None


def test_a_json_array_after_a_byte_order_mark_is_read_in_one_pass() -> None:
    """A byte-order mark before an array (which the whole reading skips) does not send it the slow way."""
    from newsarchive import importer

    data = ("\ufeff[" + dumps(_record()) + "]").encode()
    read = importer._array("x.json", data)
    assert len(read) == 1 and isinstance(read[0][1], tuple) and isinstance(read[0][1][1][10], bytearray)
