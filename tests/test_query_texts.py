"""No SPARQL text inline in Python (issue 11): every query the code runs is a named query,
``kg/queries/*.rq`` or ``kg/queries/internal/*.rq``, read and bound by kg.named_queries.

The scan reads each module's syntax tree, so it sees the strings the code really builds:
every string or bytes literal (adjacent literals joined, an f-string's placeholders read as a term)
in which a form keyword (SELECT, ASK, CONSTRUCT, DESCRIBE, INSERT, DELETE, in any case) is
followed by what a query goes on with (a variable, ``*``, ``{``, ``<``, ``(``, DISTINCT,
REDUCED, WHERE, DATA). Docstrings and other bare string statements, and help texts (the
``help``, ``description``, ``summary`` and ``examples`` arguments that document a command or a
route), are not code that runs a query and are left out.
"""

from __future__ import annotations

import ast
import re
import textwrap
from pathlib import Path

from kg import named_queries

ROOT = Path(__file__).resolve().parents[1]
SCANNED = ("kg/*.py", "api/**/*.py")
MODULES_ALLOWED = {
    "kg/named_queries.py": "reads the .rq files and binds their parameters",
    "kg/query_shape.py": "reads a client's query by its tokens; its doctests are queries",
}
# Deliberate exceptions, by module and function, each with its reason. The test fails when
# one is no longer there, so the list cannot outlive what it excuses.
EXCEPTIONS = {
    "kg/store.py:GraphStore._union_default_graph_if_missing":
        "opening a store written before the default graph was kept as the union of the named "
        "graphs: two ASKs and one update that repair it once; the store's own upkeep, naming no "
        "term of our vocabulary and taking no parameter",
    "kg/store.py:_replacement":
        "the only writer: one update made of the quads being written (INSERT DATA) and the graphs "
        "being dropped; an update built from data, not a query",
    "kg/store.py:RemoteStore.__init__":
        "the liveness probe `ASK {}` sent to a server before anything else: protocol plumbing",
}
HELP_ARGUMENTS = {"help", "description", "summary", "examples"}
QUERY_TEXT = re.compile(r"\b(?:SELECT|ASK|CONSTRUCT|DESCRIBE|INSERT|DELETE)\b\s*"
                        r"(?:DISTINCT\b|REDUCED\b|WHERE\b|DATA\b|[?$*{<(])", re.IGNORECASE)
PLACEHOLDER = "?term"  # an f-string's {value}, as the query reads it


class _Scan(ast.NodeVisitor):
    """The query texts of one module: (qualified name of the function or class, text)."""

    def __init__(self):
        self.scope: list[str] = []
        self.found: list[tuple[str, str]] = []
        self.skipped: set[int] = set()   # ids of string nodes that are documentation

    def _scoped(self, node):
        self.scope.append(node.name)
        self.generic_visit(node)
        self.scope.pop()

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = _scoped

    def visit_Expr(self, node: ast.Expr):
        if isinstance(node.value, (ast.Constant, ast.JoinedStr)):
            self.skipped.add(id(node.value))   # a docstring or another bare string statement
        self.generic_visit(node)

    def visit_keyword(self, node: ast.keyword):
        if node.arg in HELP_ARGUMENTS:
            self.skipped.update(id(child) for child in ast.walk(node.value))
        self.generic_visit(node)

    def visit_JoinedStr(self, node: ast.JoinedStr):
        if id(node) not in self.skipped:
            text = "".join(part.value if isinstance(part, ast.Constant) else PLACEHOLDER for part in node.values)
            self._check(text)
        # the parts are not strings of their own

    def visit_Constant(self, node: ast.Constant):
        if isinstance(node.value, (str, bytes)) and id(node) not in self.skipped:   # b"ASK {}" is sent too
            self._check(node.value if isinstance(node.value, str) else node.value.decode("latin-1"))

    def _check(self, text: str):
        if QUERY_TEXT.search(text):
            self.found.append((".".join(self.scope) or "<module>", text))


def query_texts(path: Path, name: str) -> list[tuple[str, str]]:
    """(``{name}:{function}``, text) for each query text in the module at `path`."""
    scan = _Scan()
    scan.visit(ast.parse(path.read_text("utf-8"), filename=str(path)))
    return [(f"{name}:{scope}", text) for scope, text in scan.found]


def scanned_modules() -> dict[str, Path]:
    return {path.relative_to(ROOT).as_posix(): path
            for pattern in SCANNED for path in sorted(ROOT.glob(pattern))}


def test_no_query_text_outside_the_named_queries():
    modules = scanned_modules()
    found: dict[str, str] = {}
    for name, path in modules.items():
        if name in MODULES_ALLOWED:
            continue
        for location, text in query_texts(path, name):
            found.setdefault(location, text)
    inline = {location: textwrap.shorten(text, 120) for location, text in found.items() if location not in EXCEPTIONS}
    assert not inline, ("SPARQL written in Python; put it in kg/queries/internal/<name>.rq and read it "
                        f"with named_queries.internal(name).bind(...): {inline}")
    assert set(EXCEPTIONS) <= set(found), f"exceptions with nothing left to excuse: {set(EXCEPTIONS) - set(found)}"


def test_the_scan_reads_the_modules_that_ran_queries_and_knows_a_query_when_it_sees_one():
    modules = scanned_modules()
    assert {"kg/commitments.py", "kg/export.py", "kg/search.py", "kg/store.py", "api/sparql.py",
            "api/routes/iris.py", "kg/catalogue.py", *MODULES_ALLOWED} <= set(modules)
    assert len(modules) > 40
    # the queries these modules once wrote inline, now named
    moved = {"document-targets", "document-tasks", "document-assignments", "document-deadlines",
             "indicators-with-targets", "document-levels", "preferred-labels", "deadlines",
             "deadlines-of-organisation", "deadline-party-names", "deadline-party-names-of-organisation",
             "organisations-with-deadlines", "targets-with-sources", "document-search-values",
             "document-type-names", "documents-held", "source-graphs", "written-at", "graph-exists",
             "graph-triples", "named-graphs", "named-graph-quads", "distinct-triples",
             "document-description", "plans-implementing", "document-relations-out", "document-relations-in",
             "document-sources", "document-sources-text", "node-labels"}
    internal = named_queries.internal_queries()
    assert moved <= set(internal)
    every = [*named_queries.named_queries().values(), *internal.values()]
    assert len(every) >= 60
    for query in every:   # the pattern recognises each real query (comment lines left out)
        assert QUERY_TEXT.search(query.without_header), query.name
        assert len(query.description) > 40, query.name


PLANTED = '''
"""A module that says SELECT ?x WHERE { ?x ?p ?o } in its docstring: documentation."""
import typer

HELP = typer.Option(help="Runs SELECT * WHERE { ?s ?p ?o } for you.")


def plain(store):
    return store.select("SELECT ?x WHERE { ?x a <http://e/C> }")


def formatted(store, kind):
    return store.select(f"SELECT ?x WHERE {{ ?x a {kind} }}")


def described(store, node):
    return store.query(f"DESCRIBE {node}")


def joined(store):
    return store.select("PREFIX e: <http://e/> "
                        "select distinct ?x where { ?x e:p ?y }")


def percent(store, graph):
    return store.query("ASK { GRAPH <%s> { ?s ?p ?o } }" % graph)


class Writer:
    def write(self, store, body):
        """Puts the body in: not an INSERT DATA { } of its own."""
        store.update("INSERT DATA { %s }" % body)


def probe(request):
    return request(b"ASK {}")


def words():
    return ["SELECT", "ASK", "CONSTRUCT/DESCRIBE", "a form (SELECT) by Accept", "DELETE"]
'''


def test_a_planted_inline_query_is_caught(tmp_path):
    module = tmp_path / "planted.py"
    module.write_text(PLANTED, "utf-8")
    found = {location for location, _ in query_texts(module, "planted.py")}
    assert found == {"planted.py:plain", "planted.py:formatted", "planted.py:described", "planted.py:joined",
                     "planted.py:percent", "planted.py:Writer.write", "planted.py:probe"}
