"""Write whole-page text dumps of the corpus's HTML pages with dump tools the corpus lacks.

    .venv/bin/python benchmarks/make_dumps.py --out DIR [--tools lynx,links,elinks,html2text-wrapped]
                                              [--corpus DIR] [--sources aeb,fundus,...] [--limit N]
    .venv/bin/python benchmarks/make_dumps.py --out DIR \
        --tools pandoc-plain,pandoc-gfm,inscriptis,markdownify,lynx-nolist,w3m-wide,html2text-nolinks,html2text-reflinks
    .venv/bin/python benchmarks/make_dumps.py --out DIR --tools markitdown,html-to-markdown,html-to-text
    .venv/bin/python benchmarks/accuracy_dumps.py --dumps DIR --kinds lynx,links,elinks,html2text-wrapped

`../shared/corpus/dumps/` was written by three tools (html2text, w3m, trafilatura's markdown),
and the text reading was developed on them. Users keep dumps from others. This script writes
the same pages, with the same truth, through tools nobody tuned on, so that
`accuracy_dumps.py --dumps DIR` measures how the reading carries over to a new tool:

- `lynx`: `lynx -dump` at 80 columns, with numbered links (`[12]text`) and the
  "References" list at the end (Debian package `lynx`);
- `links`: `links -dump` at 80 columns, tables drawn as boxes, no link list (Debian `links`);
- `elinks`: `elinks -dump` at 80 columns, numbered links and a link list (Debian `elinks`);
- `html2text-wrapped`: html2text's markdown at its default 78-column wrap (the corpus's copy
  does not wrap).

More tools, for `--out /tmp/more-dumps` and the like (`--tools` names them; the default stays the
four above):

- `pandoc-plain`: `pandoc -f html -t plain`, plain text wrapped at 72 columns, `---` rules,
  tables drawn with dashes (Debian `pandoc`);
- `pandoc-gfm`: `pandoc -f html -t gfm`, GitHub markdown, the page's `<div>`s kept as raw HTML;
- `inscriptis`: inscriptis's text, laid out as a browser would (indented lists, table cells
  side by side; PyPI `inscriptis`);
- `markdownify`: markdownify's markdown, setext `===` headings, `*` bullets (PyPI `markdownify`);
- `lynx-nolist`: `lynx -dump -nolist`, no link numbers nor link list;
- `w3m-wide`: `w3m -dump -cols 200`, lines wrapped at 200 columns (Debian `w3m`);
- `html2text-nolinks`: html2text without links (`ignore_links`), unwrapped;
- `html2text-reflinks`: html2text with reference links (`[text][1]`, `[1]: url` defined below).

Three more, for `--out /work/new-dumps` and the like:

- `markitdown`: Microsoft's MarkItDown on the page as an `.html` file (its HTML converter drops
  scripts and styles and writes markdownify's markdown with `#` headings; PyPI `markitdown`);
- `html-to-markdown`: the `html-to-markdown` package's `convert` (a Rust converter, `#`
  headings, `-` bullets; PyPI `html-to-markdown`);
- `html-to-text`: the npm package `html-to-text`'s `convert` with its defaults: 80-column wrap,
  headings in capitals, links printed as `text [url]` after their text (`npm install -g
  html-to-text`; run by `node`, which finds it under `npm root -g`).

The pages are those `corpus/dumps/` dumped (its `w3m` lists), so figures compare kind to kind.
Pages are decoded as UTF-8 (Windows-1252 when that fails) and handed to each tool as UTF-8, as
the corpus's dumps were. A tool that is not installed is skipped with a note. DIR takes the
layout of `corpus/dumps/`: `DIR/<source>/<tool>/<page>.txt` and a `truth.jsonl` whose rows are
the page's truth with `file` pointing at the dump. Nothing is written inside the project.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from scoring import CORPUS, read_truth

SOURCES = ("aeb", "fundus", "htmldate", "postlight", "readability", "trafilatura")
WIDTH = 80

# Each tool: the program it needs, and the command reading UTF-8 HTML from stdin.
COMMANDS: dict[str, tuple[str, list[str]]] = {
    "lynx": (
        "lynx",
        ["lynx", "-dump", "-stdin", "-force_html", "-assume_charset=utf-8", "-display_charset=utf-8",
         f"-width={WIDTH}"],
    ),
    "links": (
        "links",
        ["links", "-dump", "-width", str(WIDTH), "-html-assume-codepage", "utf-8", "-html-hard-assume", "1",
         "-codepage", "utf-8"],
    ),
    "elinks": (
        "elinks",
        ["elinks", "-dump", "-dump-width", str(WIDTH), "-dump-charset", "utf-8", "-no-home",
         "-eval", "set document.codepage.assume = \"utf-8\"", "-eval", "set document.codepage.force_assumed = 1"],
    ),
    "pandoc-plain": ("pandoc", ["pandoc", "-f", "html", "-t", "plain"]),
    "pandoc-gfm": ("pandoc", ["pandoc", "-f", "html", "-t", "gfm"]),
    "lynx-nolist": (
        "lynx",
        ["lynx", "-dump", "-nolist", "-stdin", "-force_html", "-assume_charset=utf-8", "-display_charset=utf-8",
         f"-width={WIDTH}"],
    ),
    "w3m-wide": ("w3m", ["w3m", "-dump", "-T", "text/html", "-cols", "200", "-I", "UTF-8", "-O", "UTF-8"]),
    "html-to-text": (
        "node",
        ["node", "-e", "const {convert} = require('html-to-text'); let page = '';"
         " process.stdin.setEncoding('utf8').on('data', (part) => { page += part; })"
         ".on('end', () => process.stdout.write(convert(page)));"],
    ),
}  # fmt: skip

# Node packages a command needs, looked for where `npm install -g` puts them.
NODE_MODULES = {"html-to-text": "html-to-text"}


def decoded(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def html2text_wrapped(html: str) -> str:
    import html2text

    converter = html2text.HTML2Text()  # default body_width: 78 columns
    return str(converter.handle(html))


def html2text_nolinks(html: str) -> str:
    import html2text

    converter = html2text.HTML2Text()
    converter.ignore_links = True
    converter.body_width = 0
    return str(converter.handle(html))


def inscriptis_text(html: str) -> str:
    import inscriptis

    return str(inscriptis.get_text(html))


def markdownify_text(html: str) -> str:
    import markdownify

    return str(markdownify.markdownify(html))


def html2text_reflinks(html: str) -> str:
    import html2text

    converter = html2text.HTML2Text()
    converter.inline_links = False  # `[text][1]`, with `[1]: url` definitions after the paragraph
    converter.body_width = 0
    return str(converter.handle(html))


@functools.cache
def _markitdown() -> object:
    from markitdown import MarkItDown

    return MarkItDown()


def markitdown_text(html: str) -> str:
    import io

    from markitdown import MarkItDown, StreamInfo

    converter = _markitdown()
    assert isinstance(converter, MarkItDown)
    info = StreamInfo(extension=".html", mimetype="text/html", charset="utf-8")
    return str(converter.convert_stream(io.BytesIO(html.encode("utf-8")), stream_info=info).markdown)


def html_to_markdown_text(html: str) -> str:
    import html_to_markdown

    return str(html_to_markdown.convert(html).content)


# Tools that are Python packages: the module to import, and the function writing the dump.
PYTHON_TOOLS: dict[str, tuple[str, Callable[[str], str]]] = {
    "html2text-wrapped": ("html2text", html2text_wrapped),
    "html2text-nolinks": ("html2text", html2text_nolinks),
    "html2text-reflinks": ("html2text", html2text_reflinks),
    "inscriptis": ("inscriptis", inscriptis_text),
    "markdownify": ("markdownify", markdownify_text),
    "markitdown": ("markitdown", markitdown_text),
    "html-to-markdown": ("html_to_markdown", html_to_markdown_text),
}


def _node_env(module: str) -> dict[str, str] | None:
    """The environment in which `node` finds `module` (installed with `npm install -g`), or None."""
    env = dict(os.environ)
    if shutil.which("npm") is not None and "NODE_PATH" not in env:
        done = subprocess.run(["npm", "root", "-g"], capture_output=True, text=True, timeout=60, check=False)
        env["NODE_PATH"] = done.stdout.strip()
    check = ["node", "-e", f"require('{module}')"]
    found = subprocess.run(check, env=env, capture_output=True, timeout=60, check=False)
    return env if found.returncode == 0 else None


def dumper(tool: str) -> Callable[[str], str] | None:
    """The function writing `tool`'s dump of a page, or None when the tool is missing."""
    if tool in PYTHON_TOOLS:
        module, write = PYTHON_TOOLS[tool]
        try:
            __import__(module)
        except ImportError:
            return None
        return write
    program, command = COMMANDS[tool]
    if shutil.which(program) is None:
        return None
    env: dict[str, str] | None = None
    if tool in NODE_MODULES:
        env = _node_env(NODE_MODULES[tool])
        if env is None:
            return None
    if tool == "links":  # links reads a file or URL, not stdin

        def run_links(html: str) -> str:
            import tempfile

            with tempfile.NamedTemporaryFile("w", suffix=".html", encoding="utf-8") as handle:
                handle.write(html)
                handle.flush()
                done = subprocess.run([*command, handle.name], capture_output=True, timeout=60, check=False)
            return done.stdout.decode("utf-8", errors="replace")

        return run_links

    def run(html: str) -> str:
        done = subprocess.run(
            command, input=html.encode("utf-8"), capture_output=True, timeout=60, check=False, env=env
        )
        return done.stdout.decode("utf-8", errors="replace")

    return run


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    options.add_argument("--out", type=Path, required=True, help="folder for the dumps (outside the project)")
    options.add_argument("--corpus", type=Path, default=CORPUS)
    options.add_argument("--tools", default="lynx,links,elinks,html2text-wrapped")
    options.add_argument("--sources", default=",".join(SOURCES))
    options.add_argument("--limit", type=int, default=0, help="at most N pages per source")
    args = options.parse_args(argv)
    for tool in [t for t in args.tools.split(",") if t]:
        if tool not in COMMANDS and tool not in PYTHON_TOOLS:
            print(f"unknown tool {tool!r}", file=sys.stderr)
            return 2
        write = dumper(tool)
        if write is None:
            print(f"{tool}: not installed, skipped")
            continue
        total = 0
        for source in [s for s in args.sources.split(",") if s]:
            listed = args.corpus / "dumps" / source / "w3m"  # the pages the corpus dumped
            if not (listed / "truth.jsonl").is_file() or not (args.corpus / source / "truth.jsonl").is_file():
                continue
            by_stem = {
                row["file"].replace("/", "_").rsplit(".", 1)[0]: row["file"] for row in read_truth(args.corpus / source)
            }
            folder = args.out / source / tool
            folder.mkdir(parents=True, exist_ok=True)
            rows = []
            for row in read_truth(listed):
                if args.limit and len(rows) >= args.limit:
                    break
                stem = row["file"].rsplit(".", 1)[0]
                page = args.corpus / source / by_stem.get(stem, "")
                if stem not in by_stem or not page.is_file():
                    continue
                dump_name = stem + ".txt"
                (folder / dump_name).write_text(write(decoded(page.read_bytes())), encoding="utf-8")
                rows.append({**row, "file": dump_name})
            with (folder / "truth.jsonl").open("w", encoding="utf-8") as handle:
                for row in rows:
                    handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            total += len(rows)
        print(f"{tool}: {total} dumps under {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
