"""Web archives: the corpus pages ingested from a WARC against the same pages as files.

What it does, in one run:

1. Builds a WARC (gzipped record by record) of every HTML page of the corpus, each sent as a
   crawler stores it: a `request` record, then a 200 `response` with the page chunked and
   gzip-encoded and no charset in its Content-Type, captured at the page's URL from
   `truth.jsonl` where there is one. Non-article records stand around them: warcinfo,
   metadata, a redirect, a 404, an image and robots.txt.
2. Writes the same pages as files, and ingests both (`newsarchive ingest`, default jobs),
   each into a fresh archive: wall time, records/s and peak memory of each.
3. Checks that every page became one record from the WARC with the same fields as from its
   file (all but `source`, `url` where the page names none, `ingested_at`), and lists any
   page that did not (an index page skip, say) with its reason.
4. Ingests the WARC again: every page must be "unchanged".
5. `--scale`: peak memory of ingesting uncompressed WARCs of distinct pages at 100 MB and
   at 1 GB (pages repeated with a marker so each has its own bytes): flat means the reader
   and the pipeline stream.

Run: `.venv/bin/python benchmarks/warc.py [--corpus DIR] [--limit N] [--scale]`.
`--libraries FILE` times warcio against FastWARC reading one WARC (payloads decoded, hashed).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from html_speed import SOURCES, corpus_pages
from perfutil import add_corpus_option, cli_command, machine, mb, run_measured
from scoring import CORPUS

CHUNK = 8192  # HTTP chunk size in the built WARC
RUNS = 3  # alternating runs of each ingest; medians are reported
COMPARED = ("id", "headline", "summary", "publisher", "date", "date_raw", "date_modified", "byline", "sections",
            "links", "captions", "tags", "language", "body", "word_count")  # fmt: skip


def truth_urls(corpus: Path) -> dict[str, str]:
    """`source/file` → the page's URL, where the corpus's truth gives one."""
    urls: dict[str, str] = {}
    for source in SOURCES:
        truth = corpus / source / "truth.jsonl"
        if not truth.exists():
            continue
        for line in truth.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            item = json.loads(line)
            if item.get("url") and item.get("file"):
                urls[f"{source}/{item['file']}"] = str(item["url"]).strip().replace(" ", "%20")
    return urls


def chunked(data: bytes) -> bytes:
    out = io.BytesIO()
    for i in range(0, len(data), CHUNK):
        piece = data[i : i + CHUNK]
        out.write(b"%x\r\n" % len(piece) + piece + b"\r\n")
    out.write(b"0\r\n\r\n")
    return out.getvalue()


class WarcBuilder:
    """Writes records with warcio's writer (the library newsarchive reads them with)."""

    def __init__(self, handle: Any, *, gzipped: bool) -> None:
        from warcio.warcwriter import WARCWriter

        self.writer = WARCWriter(handle, gzip=gzipped)
        self.writer.write_record(self.writer.create_warcinfo_record("bench.warc", {"software": "benchmarks/warc.py"}))

    def record(self, uri: str, rec_type: str, payload: bytes, status: str = "200 OK",
               headers: list[tuple[str, str]] | None = None) -> None:  # fmt: skip
        from warcio.statusandheaders import StatusAndHeaders

        http = None
        if rec_type == "response":
            http = StatusAndHeaders(status, headers or [], protocol="HTTP/1.1")
        elif rec_type == "request":
            http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example")], is_http_request=True)
        record = self.writer.create_warc_record(
            uri, rec_type, payload=io.BytesIO(payload), http_headers=http, length=None
        )
        self.writer.write_record(record)
        record.raw_stream.close()

    def page(self, uri: str, html: bytes, *, encoded: bool) -> None:
        self.record(uri, "request", b"")
        if encoded:
            headers = [("Content-Type", "text/html"), ("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")]
            self.record(uri, "response", chunked(gzip.compress(html, 6)), headers=headers)
        else:
            self.record(uri, "response", html, headers=[("Content-Type", "text/html")])

    def noise(self, n: int) -> None:
        """Non-article records a crawl holds around its pages."""
        base = f"https://noise.example/{n}"
        self.record(base + "/old", "response", b"", status="301 Moved Permanently", headers=[("Location", base)])
        self.record(base + "/gone", "response", b"<html>404</html>", status="404 Not Found",
                    headers=[("Content-Type", "text/html")])  # fmt: skip
        self.record(base + "/logo.png", "response", b"\x89PNG\r\n\x1a\n" + bytes(2000),
                    headers=[("Content-Type", "image/png")])  # fmt: skip
        self.record(base + "/robots.txt", "response", b"User-agent: *\nDisallow:\n",
                    headers=[("Content-Type", "text/plain")])  # fmt: skip
        self.record(base, "metadata", b"outlinks: 3\r\n")


def ingest(archive: Path, *inputs: str) -> tuple[Any, list[dict[str, Any]]]:
    """Run `newsarchive ingest` measured; its per-input results come from a second, piped run's view."""
    env = {**os.environ, "NEWSARCHIVE_DB": str(archive)}
    measured = run_measured(cli_command("ingest", *inputs), env=env)
    if measured.returncode not in (0, 3):
        raise SystemExit(f"ingest failed ({measured.returncode}): {measured.stderr[-500:]}")
    return measured, []


def records(archive: Path) -> list[dict[str, Any]]:
    import sqlite3

    with sqlite3.connect(archive) as conn:
        return [json.loads(r) for (r,) in conn.execute("SELECT record FROM articles")]


def outcomes(archive: Path, *inputs: str) -> list[dict[str, Any]]:
    import subprocess

    env = {**os.environ, "NEWSARCHIVE_DB": str(archive)}
    done = subprocess.run(cli_command("ingest", "-v", *inputs), env=env, capture_output=True, text=True)
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


def compare(pages: list[tuple[str, bytes]], tmp: Path) -> None:
    urls = truth_urls(CORPUS_DIR)
    files_dir = tmp / "files"
    warc_path = tmp / "corpus.warc.gz"
    uri_of: dict[str, str] = {}
    with open(warc_path, "wb") as handle:
        builder = WarcBuilder(handle, gzipped=True)
        for n, (name, html) in enumerate(pages):
            target = files_dir / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(html)
            key = name.split("/", 1)[0] + "/" + name.split("/", 1)[1]
            uri = urls.get(key) or f"https://corpus.example/{name}"
            uri_of[name] = uri
            builder.page(uri, html, encoded=True)
            if n % 20 == 0:
                builder.noise(n)
    size = warc_path.stat().st_size
    print(f"{len(pages)} pages; WARC {mb(size)} (gzip per record, chunked + gzip-encoded payloads, no charset)")

    # Alternate the two, each into a fresh archive, and take medians: the machine is shared.
    runs: dict[str, list[Any]] = {"files": [], "WARC": []}
    for run in range(RUNS):
        for label, source in (("files", files_dir), ("WARC", warc_path)):
            db = tmp / f"{label}-{run}.db"
            runs[label].append(ingest(db, str(source))[0])
    from_files = {r["id"]: r for r in records(tmp / "files-0.db")}
    from_warc = {r["id"]: r for r in records(tmp / "WARC-0.db")}
    n_files, n_warc = len(from_files), len(from_warc)
    print(f"\nmedians of {RUNS} alternating runs (default jobs):")
    print(f"{'ingest':<8} {'records':>8} {'seconds':>8} {'records/s':>10} {'CPU ms/record':>14} {'peak memory':>12}"
          f" {'other load':>11}")  # fmt: skip
    rates = {}
    for label, n in (("files", n_files), ("WARC", n_warc)):
        seconds = statistics.median(m.seconds for m in runs[label])
        cpu = statistics.median(m.cpu for m in runs[label])
        peak = statistics.median(m.peak_rss for m in runs[label])
        others = statistics.median(m.others for m in runs[label])
        rates[label] = (n / seconds, n / cpu)
        print(f"{label:<8} {n:>8} {seconds:>8.1f} {n / seconds:>10.1f} {1000 * cpu / n:>14.1f} {mb(peak):>12}"
              f" {others:>9.1f} c")  # fmt: skip
    print(f"WARC/files rate: {rates['WARC'][0] / rates['files'][0]:.2f}x by wall time,"
          f" {rates['WARC'][1] / rates['files'][1]:.2f}x by CPU time (target >= 0.9x)")  # fmt: skip

    missing = [i for i in from_files if i not in from_warc]
    differing = []
    for article_id, record in from_warc.items():
        expected = from_files.get(article_id)
        if expected is None:
            continue
        keys = [k for k in COMPARED if record[k] != expected[k]]
        if expected["url"] is not None and record["url"] != expected["url"]:
            keys.append("url")
        if keys:
            differing.append((article_id, keys))
    print(f"pages stored from files: {n_files}; from the WARC: {n_warc}; missing from the WARC: {len(missing)};"
          f" with differing fields: {len(differing)}")  # fmt: skip
    if missing:
        reasons = {o.get("id"): o for o in outcomes(tmp / "probe.db", str(warc_path))}
        by_id = {hashlib.sha256(html).hexdigest()[:16]: name for name, html in pages}
        for article_id in missing[:20]:
            print(f"  missing {article_id} {by_id.get(article_id, '?')}: {reasons.get(article_id, {}).get('reason')}")
        skipped = [o for o in outcomes(tmp / "probe2.db", str(warc_path)) if o["status"] == "skipped"]
        index = [o for o in skipped if "index page" in (o.get("reason") or "")]
        for o in index[:20]:
            print(f"  skipped as an index page: {o.get('uri')}")
    for article_id, keys in differing[:20]:
        print(f"  differs {article_id}: {', '.join(keys)}")

    env = {**os.environ, "NEWSARCHIVE_DB": str(tmp / "WARC-0.db")}
    again = run_measured(cli_command("ingest", str(warc_path)), env=env)
    summary = again.stderr.strip().splitlines()[-1] if again.stderr.strip() else ""
    print(f"re-ingest of the WARC: {summary} ({again.seconds:.1f} s)")
    files_summary = runs["files"][0].stderr.strip().splitlines()[-1] if runs["files"][0].stderr.strip() else ""
    print(f"  (ingest of the files: {files_summary}; a page that fails from its file fails from the WARC too)")


def per_process_peaks(command: list[str], env: dict[str, str]) -> tuple[float, list[int]]:
    """Wall seconds, and each process's own peak RSS (the command's first, then its children's)."""
    import subprocess

    from perfutil import SAMPLE_SECONDS, _descendants, _peak_rss

    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    peaks: dict[int, int] = {}
    while proc.poll() is None:
        for pid in (proc.pid, *_descendants(proc.pid)):
            rss = _peak_rss(pid)
            if rss is not None and rss > peaks.get(pid, 0):
                peaks[pid] = rss
        time.sleep(SAMPLE_SECONDS)
    seconds = time.perf_counter() - started
    return seconds, [peaks.get(proc.pid, 0), *(v for pid, v in sorted(peaks.items()) if pid != proc.pid)]


def scale(pages: list[tuple[str, bytes]], tmp: Path, sizes_mb: list[int]) -> None:
    """Peak memory ingesting uncompressed WARCs of distinct pages at each size."""
    header = f"{'WARC size':>10} {'pages':>7} {'seconds':>8} {'records/s':>10} {'peak memory':>12}"
    print(f"\n{header}   (the sum of each process's own peak)")
    for size_mb in sizes_mb:
        path = tmp / f"scale-{size_mb}.warc"
        count = 0
        with open(path, "wb") as handle:
            builder = WarcBuilder(handle, gzipped=False)
            edition = 0
            while handle.tell() < size_mb * 1_000_000:
                for name, html in pages:
                    marker = f"<!-- edition {edition} -->".encode()
                    builder.page(f"https://corpus.example/{edition}/{name}", html + marker, encoded=False)
                    count += 1
                    if handle.tell() >= size_mb * 1_000_000:
                        break
                edition += 1
        db = tmp / f"scale-{size_mb}.db"
        seconds, peaks = per_process_peaks(cli_command("ingest", str(path)), {**os.environ, "NEWSARCHIVE_DB": str(db)})
        own = ", ".join(mb(v) for v in peaks[1:])
        print(f"{mb(path.stat().st_size):>10} {count:>7} {seconds:>8.1f} {count / seconds:>10.1f}"
              f" {mb(sum(peaks)):>12}   writing process {mb(peaks[0])}; workers {own}")  # fmt: skip
        path.unlink()
        for extra in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
            if extra.exists():
                extra.unlink()


def libraries(path: Path) -> None:
    """warcio against FastWARC on one WARC: every response's payload de-chunked, decoded, hashed."""
    import zlib

    def with_warcio() -> int:
        from warcio.archiveiterator import ArchiveIterator

        n = 0
        with open(path, "rb") as handle:
            for record in ArchiveIterator(handle):
                if record.rec_type == "response":
                    hashlib.sha256(record.content_stream().read())
                    n += 1
        return n

    def with_fastwarc() -> int:
        from fastwarc.warc import ArchiveIterator, WarcRecordType

        n = 0
        with open(path, "rb") as handle:
            # auto_decode="all" stops after the first record on chunked + gzip payloads
            # (FastWARC 2.0.1), so transfer decoding is FastWARC's and gzip is zlib's.
            for record in ArchiveIterator(handle, record_types=WarcRecordType.response, auto_decode="transfer"):
                data = record.reader.read()
                if (record.http_headers.get("Content-Encoding") or "").lower() == "gzip":
                    data = zlib.decompress(data, 47)
                hashlib.sha256(data)
                n += 1
        return n

    print(f"\nreading {path.name} ({mb(path.stat().st_size)}), median of 3:")
    for name, read in (("warcio", with_warcio), ("FastWARC", with_fastwarc)):
        times = []
        for _ in range(3):
            started = time.perf_counter()
            n = read()
            times.append(time.perf_counter() - started)
        times.sort()
        print(f"  {name:<9} {n} responses in {times[1]:.2f} s ({n / times[1]:.0f} records/s)")


CORPUS_DIR = CORPUS


def main() -> None:
    global CORPUS_DIR, RUNS
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_corpus_option(parser)
    parser.add_argument("--limit", type=int, default=0, help="pages per source (default: all)")
    parser.add_argument("--scale", action="store_true", help="also measure memory at 100 MB and 1 GB of WARC")
    parser.add_argument("--scale-mb", default="100,1000", help="WARC sizes for --scale, in MB")
    parser.add_argument("--libraries", type=Path, help="time warcio and FastWARC reading this WARC")
    parser.add_argument("--runs", type=int, default=RUNS, help="alternating runs of each ingest (medians)")
    args = parser.parse_args()
    CORPUS_DIR = args.corpus
    RUNS = args.runs
    print(machine())
    if args.libraries:
        libraries(args.libraries)
        return
    if not args.corpus.is_dir():
        print(f"corpus not found at {args.corpus}: nothing to measure (give --corpus DIR, default ../shared/corpus)")
        return
    pages = list(corpus_pages(args.limit, SOURCES, args.corpus))
    with tempfile.TemporaryDirectory(prefix="newsarchive-warc-") as folder:
        tmp = Path(folder)
        compare(pages, tmp)
        if args.scale:
            scale(pages, tmp, [int(s) for s in args.scale_mb.split(",")])
    sys.stdout.flush()


if __name__ == "__main__":
    main()
