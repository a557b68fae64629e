"""The graph store: an embedded Oxigraph store on disk (default ``data/store``).

Writes go through ``replace_source``: one SPARQL update that drops the graphs earlier
ingests of the same path (or the same content) made and inserts the new graph, so a
re-ingest never leaves a half-written graph. pyoxigraph applies one update atomically.
Queries see the union of all named graphs.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pyoxigraph
from pyoxigraph import NamedNode, Quad

from kg.vocab import VNP

DEFAULT_STORE = Path("data/store")


class StoreError(Exception):
    pass


class GraphStore:
    def __init__(self, path: str | Path | None = DEFAULT_STORE):
        self.path = Path(path) if path else None
        self._lock = threading.Lock()
        try:
            if self.path is None:
                self.store = pyoxigraph.Store()
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self.store = pyoxigraph.Store(str(self.path))
        except OSError as err:
            raise StoreError(f"{self.path}: cannot open the store ({err}); is another process "
                             f"(a running `kg serve`?) using it?") from err

    # --- writing -----------------------------------------------------------------------

    def replace_source(self, source_path: str, graph: NamedNode, quads: list[Quad]) -> list[str]:
        """Put `quads` in `graph`, replacing what earlier ingests of `source_path` wrote.
        Returns the IRIs of the graphs dropped."""
        with self._lock:
            old = self._graphs_of_source(source_path) | ({graph.value} if self.has_graph(graph) else set())
            update = "".join(f"DROP SILENT GRAPH <{g}> ;\n" for g in sorted(old))
            update += _insert_data(graph, quads)
            self.store.update(update)
            return sorted(old)

    def replace_graph(self, graph: NamedNode, quads: list[Quad]) -> None:
        with self._lock:
            self.store.update(f"DROP SILENT GRAPH <{graph.value}> ;\n" + _insert_data(graph, quads))

    def flush(self) -> None:
        if self.path is not None:
            self.store.flush()

    # --- reading -----------------------------------------------------------------------

    def has_graph(self, graph: NamedNode) -> bool:
        return self.store.contains_named_graph(graph)

    def _graphs_of_source(self, source_path: str) -> set[str]:
        results = self.store.query(
            "SELECT ?g WHERE { GRAPH ?g { ?g <%s> ?path } FILTER(?path = %s) }"
            % (VNP.sourcePath, pyoxigraph.Literal(source_path)))
        return {row["g"].value for row in results}

    def query(self, sparql: str):
        """Run a SPARQL query over the union of all graphs."""
        return self.store.query(sparql, use_default_graph_as_union=True)

    def select(self, sparql: str) -> list[dict]:
        """A SELECT as a list of {variable: python value} rows (IRIs and literals as str)."""
        results = self.query(sparql)
        variables = [v.value for v in results.variables]
        rows = []
        for solution in results:
            row = {}
            for name in variables:
                term = solution[name]
                row[name] = None if term is None else term.value
            rows.append(row)
        return rows

    def quads(self) -> set[str]:
        """Every quad, as N-Quads lines (for comparing stores in tests)."""
        return {str(q) for q in self.store.quads_for_pattern(None, None, None, None)}

    def count_documents(self) -> int:
        rows = self.select(f"SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE {{ ?d <{VNP.held}> true }}")
        return int(rows[0]["n"])


def _insert_data(graph: NamedNode, quads: list[Quad]) -> str:
    body = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
    return f"INSERT DATA {{ GRAPH <{graph.value}> {{\n{body}\n}} }}"
