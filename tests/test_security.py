"""Security: SQL text never carries a value (values are bound parameters; only constants and
SQL fragments built from constants are spliced in), so hostile search queries and filters
cannot inject SQL; parsing a page never fetches anything or reads a local file (no external
entities, images, stylesheets or scripts); records keep input paths exactly as given; and
the tool writes nothing but the archive file (and `-o` targets)."""

from __future__ import annotations

import ast
import json
import os
import socket
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newsarchive.errors import ParseError
from newsarchive.parse import parse
from newsarchive.serialize import to_dict

from .conftest import invoke, jsonl

SRC = Path(__file__).resolve().parent.parent / "src" / "newsarchive"
SQL_SINKS = {"execute", "executemany", "executescript"}
SQL_MODULES = {"store.py", "migrations.py"}  # STYLE.md: SQL lives in these two files only


# -- 1. SQL is built from constants only ----------------------------------------------------


class SqlTextChecker:
    """Decides whether an expression can only ever produce text fixed in the source.

    Safe: string/number literals; module-level names bound to safe values; locals whose every
    binding in the function is safe (assignments, `+=`, `.append()`/`.extend()` of safe values,
    loop variables over safe iterables, tuple items returned by a module function); parameters
    whose every call site in the module passes a safe argument; and f-strings, `+`, `%`,
    `.join()`, `.format()`, `str()`, conditional expressions and comprehensions of safe parts.
    Anything else (an attribute, a subscript, an unknown call) may carry a value: unsafe.
    """

    def __init__(self, tree: ast.Module) -> None:
        self.tree = tree
        self.parents: dict[ast.AST, ast.AST] = {}
        for node in ast.walk(tree):
            for child in ast.iter_child_nodes(node):
                self.parents[child] = node
        self.functions: dict[str, list[ast.FunctionDef | ast.AsyncFunctionDef]] = {}
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.functions.setdefault(node.name, []).append(node)
        self.in_progress: set[tuple[int, str]] = set()

    def scope_of(self, node: ast.AST) -> ast.AST:
        while node in self.parents:
            node = self.parents[node]
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.Module)):
                return node
        return self.tree

    def safe(self, node: ast.AST | None, scope: ast.AST) -> bool:
        if node is None:
            return True
        if isinstance(node, _Scoped):
            return self.safe(node.node, node.scope)
        if isinstance(node, ast.Constant):
            return isinstance(node.value, (str, int, float, bool, type(None)))
        if isinstance(node, ast.JoinedStr):
            return all(self.safe(v, scope) for v in node.values)
        if isinstance(node, ast.FormattedValue):
            return self.safe(node.value, scope)
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
            return self.safe(node.left, scope) and self.safe(node.right, scope)
        if isinstance(node, ast.IfExp):
            return self.safe(node.body, scope) and self.safe(node.orelse, scope)
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            return all(self.safe(e, scope) for e in node.elts)
        if isinstance(node, (ast.GeneratorExp, ast.ListComp, ast.SetComp)):
            return all(self.safe(g.iter, scope) for g in node.generators) and self.safe(node.elt, node)
        if isinstance(node, ast.Call):
            return self.safe_call(node, scope)
        if isinstance(node, ast.Name):
            return self.safe_name(node.id, node, scope)
        return False

    def safe_call(self, node: ast.Call, scope: ast.AST) -> bool:
        func = node.func
        args = [*node.args, *(k.value for k in node.keywords)]
        if isinstance(func, ast.Attribute) and func.attr in ("join", "format"):
            return self.safe(func.value, scope) and all(self.safe(a, scope) for a in args)
        if isinstance(func, ast.Name) and func.id in ("str", "int", "float", "len", "repr"):
            return all(self.safe(a, scope) for a in args)
        return False

    def safe_name(self, name: str, at: ast.AST, scope: ast.AST) -> bool:
        # A comprehension variable: safe when what it iterates over is.
        node: ast.AST | None = at
        while node is not None and node is not scope:
            if isinstance(node, (ast.GeneratorExp, ast.ListComp, ast.SetComp)):
                for gen in node.generators:
                    if name in {n.id for n in ast.walk(gen.target) if isinstance(n, ast.Name)}:
                        return self.safe(gen.iter, self.scope_of(node))
            node = self.parents.get(node)
        key = (id(scope), name)
        if key in self.in_progress:
            return True  # a binding that refers to itself (`sql += …`): the other bindings decide
        self.in_progress.add(key)
        try:
            return self.safe_binding(name, scope)
        finally:
            self.in_progress.discard(key)

    def safe_binding(self, name: str, scope: ast.AST) -> bool:
        if isinstance(scope, ast.Lambda):
            return False
        if isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef)):
            params = [*scope.args.posonlyargs, *scope.args.args, *scope.args.kwonlyargs]
            if name in {a.arg for a in params}:
                return self.safe_parameter(scope, name)
        bindings = list(self.bindings(name, scope))
        if not bindings:
            if isinstance(scope, ast.Module):
                return False
            return self.safe_name(name, scope, self.scope_of(scope))  # a closure variable
        return all(self.safe(value, scope) for value in bindings)

    def bindings(self, name: str, scope: ast.AST) -> Iterator[ast.AST | None]:
        """Every expression `name` can take in `scope` (None: bound by something unsafe)."""
        for node in self.walk_scope(scope):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    yield from self.assigned(name, target, node.value, scope)
            elif isinstance(node, (ast.AnnAssign, ast.AugAssign)) and node.value is not None:
                if isinstance(node.target, ast.Name) and node.target.id == name:
                    yield node.value
            elif isinstance(node, (ast.For, ast.AsyncFor)):
                if name in {n.id for n in ast.walk(node.target) if isinstance(n, ast.Name)}:
                    yield node.iter  # every item of a safe iterable is safe
            elif isinstance(node, ast.NamedExpr) and node.target.id == name:
                yield node.value
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                receiver = node.func.value
                if isinstance(receiver, ast.Name) and receiver.id == name:
                    if node.func.attr in ("append", "extend", "insert"):
                        yield from node.args[-1:]
            elif isinstance(node, (ast.With, ast.AsyncWith)):
                for item in node.items:
                    if item.optional_vars is not None and name in {
                        n.id for n in ast.walk(item.optional_vars) if isinstance(n, ast.Name)
                    }:
                        yield ast.Attribute()  # unsafe
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                if name in {(a.asname or a.name).split(".")[0] for a in node.names}:
                    yield ast.Attribute()

    def assigned(self, name: str, target: ast.AST, value: ast.AST, scope: ast.AST) -> Iterator[ast.AST | None]:
        if isinstance(target, ast.Name):
            if target.id == name:
                yield value
        elif isinstance(target, (ast.Tuple, ast.List)):
            for index, element in enumerate(target.elts):
                if not any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(element)):
                    continue
                if isinstance(value, (ast.Tuple, ast.List)) and len(value.elts) == len(target.elts):
                    yield from self.assigned(name, element, value.elts[index], scope)
                elif isinstance(value, ast.Call) and isinstance(element, ast.Name):
                    yield from self.returned_item(value, index)
                else:
                    yield ast.Attribute()
        elif isinstance(target, (ast.Attribute, ast.Subscript, ast.Starred)):
            return

    def returned_item(self, call: ast.Call, index: int) -> Iterator[ast.AST | None]:
        """Item `index` of what the called module function returns, at each `return`."""
        func = call.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
        definitions = self.functions.get(name or "", [])
        if not definitions:
            yield ast.Attribute()
            return
        for definition in definitions:
            for node in self.walk_scope(definition):
                if isinstance(node, ast.Return):
                    value = node.value
                    if isinstance(value, ast.Tuple) and index < len(value.elts):
                        yield _Scoped(value.elts[index], definition)
                    else:
                        yield ast.Attribute()

    def safe_parameter(self, function: ast.FunctionDef | ast.AsyncFunctionDef, name: str) -> bool:
        params = [a.arg for a in (*function.args.posonlyargs, *function.args.args)]
        position = params.index(name) if name in params else None
        if position is not None and params and params[0] in ("self", "cls"):
            position -= 1
        calls = [
            node
            for node in ast.walk(self.tree)
            if isinstance(node, ast.Call)
            and (
                (isinstance(node.func, ast.Name) and node.func.id == function.name)
                or (isinstance(node.func, ast.Attribute) and node.func.attr == function.name)
            )
        ]
        if not calls:
            return False  # SQL text from outside the module: cannot be vouched for
        for call in calls:
            argument = next((k.value for k in call.keywords if k.arg == name), None)
            if argument is None and position is not None and 0 <= position < len(call.args):
                argument = call.args[position]
            if argument is None or not self.safe(argument, self.scope_of(call)):
                return False
        return True

    def walk_scope(self, scope: ast.AST) -> Iterator[ast.AST]:
        """Nodes of `scope` itself, not of functions or classes nested in it."""
        stack = list(ast.iter_child_nodes(scope))
        while stack:
            node = stack.pop()
            yield node
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
                stack.extend(ast.iter_child_nodes(node))


class _Scoped(ast.expr):
    """An expression to judge in another function's scope (a returned tuple item)."""

    def __init__(self, node: ast.AST, scope: ast.AST) -> None:
        super().__init__()
        self.node, self.scope = node, scope


def sql_calls(path: Path) -> Iterator[tuple[SqlTextChecker, ast.Call]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    checker = SqlTextChecker(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in SQL_SINKS:
            yield checker, node


def unsafe_sql(path: Path) -> list[str]:
    problems = []
    for checker, call in sql_calls(path):
        text = call.args[0] if call.args else None
        if text is None or not checker.safe(text, checker.scope_of(call)):
            problems.append(f"{path.name}:{call.lineno}: {ast.unparse(call)[:100]}")
    return problems


def test_sql_text_is_built_from_constants_only() -> None:
    problems = [p for path in sorted(SRC.rglob("*.py")) for p in unsafe_sql(path)]
    assert problems == [], "SQL text that may carry a value (bind it with ? instead):\n" + "\n".join(problems)


def test_sql_lives_only_in_the_store_and_migrations() -> None:
    elsewhere = [
        f"{path.relative_to(SRC)}:{call.lineno}"
        for path in sorted(SRC.rglob("*.py"))
        if path.name not in SQL_MODULES
        for _, call in sql_calls(path)
    ]
    assert elsewhere == []


def test_the_sql_checker_catches_values_in_sql_text(tmp_path: Path) -> None:
    # The checker itself must flag the usual ways a value ends up in SQL text.
    sample = tmp_path / "sample.py"
    sample.write_text(
        "TABLE = 'articles'\n"
        "def ok(conn, ident):\n"
        "    conn.execute(f'SELECT * FROM {TABLE} WHERE id = ?', (ident,))\n"
        "    clauses = ['a = ?']\n"
        "    clauses.append('b = ?')\n"
        "    conn.execute('SELECT 1 WHERE ' + ' AND '.join(clauses))\n"
        "def bad_fstring(conn, ident):\n"
        "    conn.execute(f\"SELECT * FROM articles WHERE id = '{ident}'\")\n"
        "def bad_concat(conn, ident):\n"
        "    conn.execute('SELECT * FROM articles WHERE id = ' + ident)\n"
        "def bad_format(conn, ident):\n"
        "    conn.execute('SELECT * FROM articles WHERE id = {}'.format(ident))\n"
        "def bad_percent(conn, ident):\n"
        "    conn.execute('SELECT * FROM articles WHERE id = %s' % ident)\n"
        "def bad_indirect(conn, ident):\n"
        "    sql = 'SELECT * FROM articles WHERE id = ' + ident\n"
        "    conn.execute(sql)\n"
        "def bad_append(conn, ident):\n"
        "    clauses = []\n"
        "    clauses.append(f'id = {ident}')\n"
        "    conn.execute('SELECT 1 WHERE ' + ' AND '.join(clauses))\n"
        "def bad_attribute(self):\n"
        "    self.conn.execute(self.query)\n"
    )
    flagged = {int(p.split(":")[1]) for p in unsafe_sql(sample)}
    assert flagged == {8, 10, 12, 14, 17, 21, 23}


# -- 2. hostile queries and filters ---------------------------------------------------------

HOSTILE = [
    "'; DROP TABLE articles; --",
    '" OR 1=1 --',
    "x' UNION SELECT record FROM articles --",
    "headline:*",
    "NEAR(a b",
    ")",
    "*",
    '"',
    "^",
    "a AND",
    "rowid:1",
    "articles_fts MATCH 'x'",
    "\x00",
    "\u202e\ufffd",
]


@pytest.fixture
def stored(runner: CliRunner, tmp_path: Path, db_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(5):
        (folder / f"{i}.txt").write_text(f"Election headline {i}\n\nThe election count went on for days {i}.\n")
    invoke(runner, "--archive", str(db_path), "ingest", str(folder), "-j", "1")
    return db_path


def table_state(db: Path) -> tuple[Any, ...]:
    conn = sqlite3.connect(db)
    try:
        return (
            conn.execute("SELECT count(*) FROM articles").fetchone(),
            conn.execute("SELECT name FROM sqlite_master ORDER BY name").fetchall(),
            conn.execute("PRAGMA integrity_check").fetchone(),
        )
    finally:
        conn.close()


@pytest.mark.parametrize("query", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_search_query_cannot_inject_sql(runner: CliRunner, stored: Path, query: str) -> None:
    before = table_state(stored)
    result = runner.invoke(cli_main(), ["--archive", str(stored), "search", query, "--format", "jsonl"])
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    if result.exit_code == 1:  # refused with a message (perhaps after a note), never a traceback
        assert result.stderr.splitlines()[-1].startswith("Error:")
        assert "Traceback" not in result.stderr
    for record in jsonl(result.stdout):  # whatever matched is a record, not smuggled-out SQL
        assert set(record) >= {"id", "headline", "body"}
    assert table_state(stored) == before


@pytest.mark.parametrize("option", ["--publisher", "--author"])
@pytest.mark.parametrize("value", ["x' OR '1'='1", "%", "_", "' OR 1=1 --"])
def test_hostile_filter_values_match_nothing(runner: CliRunner, stored: Path, option: str, value: str) -> None:
    before = table_state(stored)
    result = invoke(runner, "--archive", str(stored), "list", option, value, "--format", "jsonl")
    assert jsonl(result.stdout) == []
    assert table_state(stored) == before


def cli_main() -> Any:
    from newsarchive.cli import cli

    return cli


# -- 3. parsing never fetches or reads anything ---------------------------------------------


@pytest.fixture
def listener() -> Iterator[tuple[int, list[bytes]]]:
    """A local TCP server recording every connection made to it (it should get none)."""
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.2)
    received: list[bytes] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(0.5)
                try:
                    received.append(conn.recv(1024) or b"(connected)")
                except OSError:
                    received.append(b"(connected)")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1], received
    stop.set()
    thread.join()
    server.close()


@pytest.fixture
def no_python_sockets(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Record (and refuse) any outgoing connection made through Python's socket module."""
    attempts: list[Any] = []

    def refuse(self: socket.socket, address: Any, *args: Any) -> None:
        attempts.append(address)
        raise OSError("network access from a parser")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    return attempts


def hostile_page(port: int, secret_file: Path) -> bytes:
    url = f"http://127.0.0.1:{port}"
    return f"""<?xml version="1.0"?>
<?xml-stylesheet type="text/xsl" href="{url}/style.xsl"?>
<!DOCTYPE html [
  <!ENTITY local SYSTEM "file://{secret_file}">
  <!ENTITY remote SYSTEM "{url}/entity">
  <!ENTITY % param SYSTEM "{url}/param.dtd">
  %param;
]>
<html xmlns:xi="http://www.w3.org/2001/XInclude"><head>
<title>Entity &local; test &remote;</title>
<base href="{url}/">
<link rel="stylesheet" href="{url}/style.css">
<script src="{url}/script.js"></script>
<meta http-equiv="refresh" content="0; url={url}/refresh">
</head><body>
<p>Before &local; after.</p>
<img src="{url}/image.png" srcset="{url}/big.png 2x">
<iframe src="{url}/frame"></iframe>
<xi:include href="file://{secret_file}" parse="text"/>
<object data="{url}/object"></object>
<svg><image href="{url}/svg.png"/></svg>
<p>An ordinary paragraph of the article text.</p>
</body></html>""".encode()


def test_html_parsing_fetches_nothing_and_resolves_no_entities(
    tmp_path: Path, listener: tuple[int, list[bytes]], no_python_sockets: list[Any]
) -> None:
    port, received = listener
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    try:
        record = json.dumps(to_dict(parse(hostile_page(port, secret), "page.html")), ensure_ascii=False)
    except ParseError:
        record = ""
    assert "TOP-SECRET-CONTENT" not in record
    assert no_python_sockets == []
    assert received == []


def test_markdown_images_and_links_are_not_fetched(
    tmp_path: Path, listener: tuple[int, list[bytes]], no_python_sockets: list[Any]
) -> None:
    port, received = listener
    text = f"Headline\n\n![photo](http://127.0.0.1:{port}/a.png)\n\n- [link](http://127.0.0.1:{port}/b)\n\nBody.\n"
    parse(text.encode(), "story.md")
    assert no_python_sockets == []
    assert received == []


def test_ingest_in_a_subprocess_fetches_nothing(tmp_path: Path, listener: tuple[int, list[bytes]]) -> None:
    port, received = listener
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    page = tmp_path / "page.html"
    page.write_bytes(hostile_page(port, secret))
    db = tmp_path / "a.db"
    subprocess.run(
        [sys.executable, "-m", "newsarchive", "--archive", str(db), "ingest", str(page), "-j", "1"],
        capture_output=True, timeout=60, cwd=tmp_path,
    )  # fmt: skip
    assert received == []
    if db.exists():
        conn = sqlite3.connect(db)
        stored = "".join(r for (r,) in conn.execute("SELECT record FROM articles"))
        conn.close()
        assert "TOP-SECRET-CONTENT" not in stored


# -- 4. paths as given; nothing written elsewhere -------------------------------------------


def test_paths_in_records_are_as_given(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in" / "sub").mkdir(parents=True)
    for name in ("a.txt", "sub/b.txt", "c.txt", "d.txt"):
        (tmp_path / "in" / name).write_text(f"Headline {name}\n\nBody of {name}.\n")
    given = ["./in/../in/a.txt", "in//c.txt", str(tmp_path / "in" / "d.txt"), "in/sub/"]
    result = invoke(runner, "--archive", "a.db", "ingest", *given, "-j", "1")
    paths = [o["path"] for o in jsonl(result.stdout)]
    assert paths == ["./in/../in/a.txt", "in//c.txt", str(tmp_path / "in" / "d.txt"), "in/sub/b.txt"]
    for path in paths:
        record = json.loads(invoke(runner, "--archive", "a.db", "show", path).stdout)
        assert record["source"]["path"] == path


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Every file and folder under `root`: (size, mtime in ns), folders as (-1, 0)."""
    found: dict[str, tuple[int, int]] = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs:
            found[os.path.relpath(os.path.join(folder, name), root)] = (-1, 0)
        for name in files:
            info = os.stat(os.path.join(folder, name))
            found[os.path.relpath(os.path.join(folder, name), root)] = (info.st_size, info.st_mtime_ns)
    return found


def test_nothing_is_written_but_the_archive_and_output_file(tmp_path: Path) -> None:
    work, home, tmp = tmp_path / "work", tmp_path / "home", tmp_path / "tmp"
    inputs = tmp_path / "inputs"
    for folder in (work, home, tmp, inputs):
        folder.mkdir()
    for i in range(6):
        (inputs / f"{i}.txt").write_text(f"Headline {i}\n\nParagraph {i} of the story.\n")
    (inputs / "bad.txt").write_bytes(b"")
    (inputs / "story.html.gz").write_bytes(
        __import__("gzip").compress(b"<html><head><title>Zipped</title></head><body><p>Zipped body.</p></body></html>")
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSARCHIVE", "XDG_", "PYTHON"))}
    env.update(HOME=str(home), TMPDIR=str(tmp), TMP=str(tmp), TEMP=str(tmp), PYTHONDONTWRITEBYTECODE="1")
    before = snapshot(tmp_path)

    def run(*args: str, ok: tuple[int, ...] = (0,)) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run(
            [sys.executable, "-m", "newsarchive", *args], capture_output=True, text=True, cwd=work, env=env, timeout=60
        )
        assert proc.returncode in ok, (args, proc.stderr)
        return proc

    run("ingest", str(inputs), "-j", "2", ok=(3,))
    first = jsonl(run("list").stdout)[0]["id"]
    run("show", first)
    run("search", "paragraph")
    run("stats")
    run("parse", str(inputs / "1.txt"))
    run("export", "-o", "out.jsonl")
    run("reparse")
    run("rm", first)
    after = snapshot(tmp_path)
    created = sorted(set(after) - set(before))
    assert created == ["work/data", "work/data/newsarchive.db", "work/out.jsonl"]
    changed = sorted(p for p in before if before[p] != after.get(p) and before[p][0] != -1)
    assert changed == []  # inputs untouched, nothing else modified
