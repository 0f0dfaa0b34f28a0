"""How often the corpus mixes UTF-8 with Windows-1252 bytes, and what detwingle recovers.

    .venv/bin/python benchmarks/mixed_encodings.py [--corpus DIR]

For every file of the shared corpus (`../shared/corpus` unless --corpus says otherwise;
gzipped files are read unpacked) that is not valid UTF-8 but holds valid multi-byte UTF-8
sequences, `parse.encoding.decode_text` runs twice in the same process: with
BeautifulSoup's `UnicodeDammit.detwingle` repair (as shipped) and without it (stray bytes
become U+FFFD). It prints how many files take that path, the U+FFFD characters each way,
and the time the repair adds to such a file. No encoding is declared to `decode_text` here,
as for text files; HTML pages that declare one are decoded by that declaration first.
"""

from __future__ import annotations

import argparse
import gzip
import time
from pathlib import Path
from unittest import mock

from perfutil import add_corpus_option, median, use_corpus
from scoring import CORPUS

from newsarchive.parse import encoding


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_corpus_option(parser)
    args = parser.parse_args()
    use_corpus(args.corpus)
    corpus: Path = args.corpus or CORPUS
    if not corpus.is_dir():
        print(f"corpus not found at {corpus}: nothing to measure (give --corpus DIR, default ../shared/corpus)")
        return
    files = sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix.lower() not in (".jsonl", ".json"))
    scanned = mixed = repaired = 0
    fffd_without = fffd_with = 0
    extra: list[float] = []
    for path in files:
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            try:
                data = gzip.decompress(data)
            except OSError:
                continue
        scanned += 1
        try:
            data.decode("utf-8")
            continue
        except UnicodeDecodeError:
            pass
        if not encoding._UTF8_MULTIBYTE_RE.search(data):
            continue  # no UTF-8 in it at all: a single-byte file, decoded as Windows-1252
        mixed += 1
        started = time.perf_counter()
        text_with, _, notes = encoding.decode_text(data)
        spent_with = time.perf_counter() - started
        with mock.patch.object(encoding, "detwingle", lambda raw: raw):
            started = time.perf_counter()
            text_without, _, _ = encoding.decode_text(data)
            spent_without = time.perf_counter() - started
        fffd_with += text_with.count("\ufffd")
        fffd_without += text_without.count("\ufffd")
        repaired += any(n.startswith("Mixed encodings") for n in notes)
        extra.append(spent_with - spent_without)
    print(f"files scanned: {scanned:,} under {corpus}")
    print(f"not valid UTF-8 but holding UTF-8 sequences: {mixed}")
    print(f"repaired by detwingle: {repaired}")
    print(f"U+FFFD in their text: {fffd_without:,} without the repair, {fffd_with:,} with it")
    if extra:
        print(f"time the repair adds per such file: median {median(extra) * 1e3:.2f} ms (first includes importing bs4)")


if __name__ == "__main__":
    main()
