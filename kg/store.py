"""The graph store: an embedded Oxigraph store on disk (default ``data/store``), or a remote
SPARQL 1.1 server (Query, Update and Graph Store protocols) when the location is a URL:
``open_store("data/store")``, ``open_store("http://127.0.0.1:7878")``, or a server by its
endpoints, ``open_store(None, query_url="http://127.0.0.1:8000/sparql")`` (a query endpoint
alone is a read-only store). The rest of the code does not know which.

Writes go through ``replace_source``: one SPARQL update that drops the graphs earlier
ingests of the same path (or the same content) made and inserts the new graph, so a
re-ingest never leaves a half-written graph. pyoxigraph applies one update atomically, and
so does an Oxigraph server for one update request.

The default graph is the union of all named graphs, as a set. Oxigraph's own union mode
(``use_default_graph_as_union``) is a bag: a triple that several files state (a cited
directive's number, its type) came back once per file, so counts, DESCRIBE and every
client's ``len()`` disagreed with the data. Instead, every write keeps the store's real
default graph equal to the set union of the named graphs, in the same update as the
named graph it changes: a triple enters the default graph with the first graph that states
it and leaves it with the last. Queries then run on the default graph as SPARQL defines it,
so ``FROM``/``FROM NAMED`` and the protocol's dataset parameters work as written. The cost is
a second copy of each distinct triple; the dataset a user exports or counts (``dump``,
``quads``, ``len``) is the named graphs only, the default graph being derived from them.

The store's reads are internal named queries (``kg/queries/internal``: documents-held,
source-graphs, written-at, ...). SPARQL is written here only for its writes (one update made
of the quads written), the repair of a store written before the default graph was kept as the
union, and the ``ASK {}`` a server is first probed with.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
import urllib.error
import urllib.request
from pathlib import Path

import pyoxigraph
from pyoxigraph import DefaultGraph, NamedNode, Quad

from kg import named_queries
from kg.vocab import PROV

DEFAULT_STORE = Path("data/store")
_WRITTEN_AT = NamedNode(str(PROV.generatedAtTime))  # a graph's record of when it was written
KEPT_ANSWERS = 256   # answers GraphStore.kept holds (documents' JSON), the least recently asked let go


class StoreError(Exception):
    pass


class GraphStore:
    def __init__(self, path: str | Path | None = DEFAULT_STORE, create: bool = True):
        """The store in folder `path` (None: in memory). With ``create=False`` (read commands)
        a folder that holds no store is an error, never a new empty store."""
        self.path = Path(path) if path else None
        self._lock = threading.Lock()
        self.generation = 0  # how many writes this process has made: caches of the store key on it
        self._cache: dict[str, tuple[int, object]] = {}
        self._kept: OrderedDict[tuple, object] = OrderedDict()
        self._kept_generation = 0
        self._kept_lock = threading.Lock()  # not the writers' lock: a read never waits for a write
        if self.path is not None and not create:
            _check_store_folder(self.path)
        try:
            if self.path is None:
                self.store = pyoxigraph.Store()
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self.store = pyoxigraph.Store(str(self.path))
        except OSError as err:
            raise StoreError(f"{self.path}: cannot open the store ({err}); is another process "
                             f"(a running `kg serve`?) using it?") from err
        self._union_default_graph_if_missing()

    # --- writing -----------------------------------------------------------------------

    def replace_source(self, source_path: str, graph: NamedNode, quads: list[Quad]) -> list[str]:
        """Put `quads` in `graph`, replacing what earlier ingests of `source_path` wrote.
        Returns the IRIs of the graphs dropped."""
        with self._lock:
            old = self._graphs_of_source(source_path) | ({graph.value} if self.has_graph(graph) else set())
            self._update(_replacement(sorted(old), graph, quads))
            return sorted(old)

    def holds_graph(self, graph: NamedNode, triples: set[bytes]) -> bool:
        """Whether `graph` holds exactly `triples` (N-Triples lines without their closing " ."),
        besides the record of when it was written: a file read again as it was, by the same
        rules, whose graph need not be written again. Read from the graph's N-Triples, which
        pyoxigraph writes as it writes a term (the form the lines were made in)."""
        if not self.has_graph(graph):
            return False
        written = f"{graph} {_WRITTEN_AT} ".encode()
        held = self.store.dump(format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=graph).split(b"\n")
        return {line[:-2] for line in held if line and not line.startswith(written)} == triples

    def replace_graph(self, graph: NamedNode, quads: list[Quad]) -> None:
        with self._lock:
            self._update(_replacement([graph.value], graph, quads))

    def accepts_bulk_load(self) -> bool:
        """True for a store with nothing in it yet: it can be filled by the bulk loader."""
        return next(iter(self.store.named_graphs()), None) is None

    def bulk_load_nquads(self, nquads: bytes) -> None:
        """Add N-Quads (named graphs' quads and, as triples, the default graph's: the caller
        keeps the default graph the union) with Oxigraph's bulk loader: for filling a fresh
        store, where nothing is replaced."""
        with self._lock:
            # lenient: the N-Quads are our own serialisation of terms already checked when made
            self.store.bulk_load(input=nquads, format=pyoxigraph.RdfFormat.N_QUADS, lenient=True)
            self.generation += 1

    def _update(self, update: str) -> None:
        self.store.update(update)
        self.generation += 1

    def _union_default_graph_if_missing(self) -> None:
        """A store written before the default graph was kept as the union gets it now."""
        if self.store.query("ASK { GRAPH ?g { ?s ?p ?o } }") and not self.store.query("ASK { ?s ?p ?o }"):
            self._update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")

    def flush(self) -> None:
        if self.path is not None:
            self.store.flush()

    # --- reading -----------------------------------------------------------------------

    def has_graph(self, graph: NamedNode) -> bool:
        return self.store.contains_named_graph(graph)

    def named_graphs(self) -> list[NamedNode]:
        return list(self.store.named_graphs())

    def dump(self, fmt: pyoxigraph.RdfFormat) -> bytes:
        """Every quad of every named graph, serialised (N-Quads, TriG, JSON-LD); the default
        graph is derived from them and left out."""
        return pyoxigraph.serialize(self._named_quads(), format=fmt)

    def _named_quads(self):
        return (quad for quad in self.store if not isinstance(quad.graph_name, DefaultGraph))

    def __len__(self) -> int:
        """The number of quads in the named graphs (what was written)."""
        return len(self.store) - self.default_graph_size()

    def default_graph_size(self) -> int:
        """The number of distinct triples of all named graphs together."""
        return int(self.select(named_queries.internal("distinct-triples").text)[0]["n"])

    def _graphs_of_source(self, source_path: str) -> set[str]:
        rows = self.select(named_queries.internal("source-graphs").bind(path=pyoxigraph.Literal(source_path)))
        return {row["g"] for row in rows}

    def cached(self, key: str, compute):
        """What `compute()` answers, kept until this store's next write: one value per key
        (a few fixed keys: the documents list, the home page's holdings), so bounded. The
        caller treats the value as read-only."""
        found = self._cache.get(key)
        if found is not None and found[0] == self.generation:
            return found[1]
        generation = self.generation
        value = compute()
        self._cache[key] = (generation, value)
        return value

    def kept(self, key: tuple, compute, keep=lambda value: True):
        """What `compute()` answers for `key` (say a document's JSON), the last KEPT_ANSWERS
        answers that `keep` accepts (the caller leaves out big ones) kept until this store's
        next write: a document asked again costs no query. The caller treats the value as
        read-only."""
        with self._kept_lock:
            if self._kept_generation != self.generation:
                self._kept.clear()
                self._kept_generation = self.generation
            if key in self._kept:
                self._kept.move_to_end(key)
                return self._kept[key]
        generation = self.generation
        value = compute()
        if keep(value):
            with self._kept_lock:
                if generation == self.generation == self._kept_generation:
                    self._kept[key] = value
                    while len(self._kept) > KEPT_ANSWERS:
                        self._kept.popitem(last=False)
        return value

    def query(self, sparql: str):
        """Run a SPARQL query; its default graph is the union of all named graphs (a set)."""
        return self.store.query(sparql)

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
        return {str(q) for q in pyoxigraph.parse(self.dump(pyoxigraph.RdfFormat.N_QUADS),
                                                 format=pyoxigraph.RdfFormat.N_QUADS)}

    def written_at(self, graph: NamedNode) -> str | None:
        """When `graph` was written to the store (its ``prov:generatedAtTime``), or None."""
        rows = self.select(named_queries.internal("written-at").bind(graph=graph))
        return rows[0]["t"] if rows else None

    def count_documents(self) -> int:
        rows = self.select(named_queries.internal("documents-held").text)
        return int(rows[0]["n"])


def _check_store_folder(path: Path) -> None:
    """Raise StoreError unless `path` is an Oxigraph store folder (its RocksDB database's
    CURRENT file names the live manifest; a folder without one is not a store)."""
    if not path.exists():
        raise StoreError(f"{path}: no such store (nothing there; check the path, or make the store with `kg ingest`)")
    if not path.is_dir():
        raise StoreError(f"{path}: not a store (a file, not a store folder)")
    if not (path / "CURRENT").is_file():
        raise StoreError(f"{path}: not a store (the folder holds no Oxigraph store)")


def _replacement(old: list[str], graph: NamedNode, quads: list[Quad]) -> str:
    """One update that drops the graphs `old` and puts `quads` in `graph`, keeping the default
    graph the set union of the named graphs: a triple of a dropped graph leaves the default
    graph unless another graph still states it; the new graph's triples enter it."""
    operations = []
    if old:
        listed = " ".join(f"<{g}>" for g in old)
        operations.append(
            f"DELETE {{ ?s ?p ?o }} WHERE {{ VALUES ?old {{ {listed} }} GRAPH ?old {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other NOT IN ({', '.join(f'<{g}>' for g in old)})) }} }}")
        operations += [f"DROP SILENT GRAPH <{g}>" for g in old]
    body = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
    operations.append(f"INSERT DATA {{ GRAPH <{graph.value}> {{\n{body}\n}} }}")
    operations.append(f"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph.value}> {{ ?s ?p ?o }} }}")
    return " ;\n".join(operations)


class RemoteStore(GraphStore):
    """A SPARQL 1.1 server, by its endpoints: ``query_url`` (SPARQL Query), ``update_url``
    (SPARQL Update), ``store_url`` (Graph Store protocol). Given the server's ``url``, the
    endpoints not named follow Oxigraph server's layout: ``{url}/query``, ``{url}/update``,
    ``{url}/store``. Only the query endpoint is needed to open and read the store: without an
    update endpoint it is read-only (a write raises StoreError), without a graph-store
    endpoint ``dump`` reads the named graphs with SPARQL queries, one per graph."""

    def __init__(self, url: str | None = None, query_url: str | None = None, update_url: str | None = None,
                 store_url: str | None = None, timeout: float = 120):
        if not (url or query_url):
            raise ValueError("a SPARQL server is named by its URL or by its query endpoint's URL")
        self.path = None
        self.url = url.rstrip("/") if url else None
        self.query_url = query_url or f"{self.url}/query"
        self.update_url = update_url or (f"{self.url}/update" if self.url else None)
        self.store_url = store_url or (f"{self.url}/store" if self.url else None)
        self.timeout = timeout
        self._lock = threading.Lock()
        self.generation = 0
        try:
            self._request(self.query_url, b"ASK {}", "application/sparql-query", "application/sparql-results+json")
        except (StoreError, SyntaxError) as err:
            raise StoreError(f"{self.url or self.query_url}: the SPARQL server does not answer ({err})") from err

    def kept(self, key: tuple, compute, keep=lambda value: True):
        """Nothing kept: other clients may write to the server without this process knowing."""
        return compute()

    def cached(self, key: str, compute):
        """Nothing kept: other clients may write to the server without this process knowing."""
        return compute()

    def accepts_bulk_load(self) -> bool:
        return False  # a server is written through its update endpoint, file by file

    def holds_graph(self, graph: NamedNode, triples: set[bytes]) -> bool:
        return False  # (a server's graph is written again: reading it back costs what writing does)

    @property
    def read_only(self) -> bool:
        return self.update_url is None

    def _request(self, url: str, body: bytes | None, content_type: str | None, accept: str) -> bytes:
        request = urllib.request.Request(url, data=body, method="POST" if body is not None else "GET")
        if content_type:
            request.add_header("Content-Type", content_type)
        request.add_header("Accept", accept)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.read()
        except urllib.error.HTTPError as err:
            message = err.read().decode("utf-8", "replace")[:500]
            if err.code == 400:
                raise SyntaxError(f"{url}: {message}") from err
            raise StoreError(f"{url}: HTTP {err.code}: {message}") from err
        except (urllib.error.URLError, OSError) as err:
            raise StoreError(f"{url}: {err}") from err

    def _update(self, update: str) -> None:
        if self.update_url is None:
            raise StoreError(f"{self.query_url}: read-only (no SPARQL Update endpoint is set)")
        self._request(self.update_url, update.encode("utf-8"), "application/sparql-update", "*/*")

    def query(self, sparql: str):
        url = self.query_url
        kind = _query_form(sparql)
        if kind in ("CONSTRUCT", "DESCRIBE"):
            data = self._request(url, sparql.encode("utf-8"), "application/sparql-query", "application/n-triples")
            return RemoteTriples(data)
        data = self._request(url, sparql.encode("utf-8"), "application/sparql-query", "application/sparql-results+json")
        return pyoxigraph.parse_query_results(data, format=pyoxigraph.QueryResultsFormat.JSON)

    def has_graph(self, graph: NamedNode) -> bool:
        return bool(self.query(named_queries.internal("graph-exists").bind(graph=graph)))

    def named_graphs(self) -> list[NamedNode]:
        return [NamedNode(row["g"]) for row in self.select(named_queries.internal("named-graphs").text)]

    def dump(self, fmt: pyoxigraph.RdfFormat) -> bytes:
        """The named graphs (the default graph is derived from them and left out): from the
        graph-store endpoint, or without one by SPARQL queries, one per graph."""
        if self.store_url is None:
            return self._named_graphs_by_query(fmt)
        nquads = self._request(self.store_url, None, None, "application/n-quads")
        named = (quad for quad in pyoxigraph.parse(nquads, format=pyoxigraph.RdfFormat.N_QUADS)
                 if not isinstance(quad.graph_name, DefaultGraph))
        return pyoxigraph.serialize(named, format=fmt)

    def _named_graphs_by_query(self, fmt: pyoxigraph.RdfFormat) -> bytes:
        """The named graphs by SPARQL, one SELECT per graph: no answer is larger than a graph
        (servers limit the size of an answer; this project's /sparql does). A blank node is
        known only within its answer, so each graph's get labels of their own."""
        def quads():
            for graph in self.named_graphs():
                blank: dict[str, pyoxigraph.BlankNode] = {}
                for row in self.query(named_queries.internal("graph-triples").bind(graph=graph)):
                    s, o = (blank.setdefault(term.value, pyoxigraph.BlankNode())
                            if isinstance(term, pyoxigraph.BlankNode) else term for term in (row["s"], row["o"]))
                    yield Quad(s, row["p"], o, graph)

        try:
            return pyoxigraph.serialize(quads(), format=fmt)
        except SyntaxError as err:  # not a SPARQL answer
            raise StoreError(f"{self.query_url}: {err}") from err

    def flush(self) -> None:
        pass

    def __len__(self) -> int:
        rows = self.select(named_queries.internal("named-graph-quads").text)
        return int(rows[0]["n"])


class RemoteTriples:
    """CONSTRUCT/DESCRIBE results from a server, with the embedded results' interface."""

    def __init__(self, ntriples: bytes):
        self.ntriples = ntriples

    def __iter__(self):
        return iter(pyoxigraph.parse(self.ntriples, format=pyoxigraph.RdfFormat.N_TRIPLES))

    def serialize(self, format: pyoxigraph.RdfFormat) -> bytes:  # noqa: A002 (the embedded API's name)
        scratch = pyoxigraph.Store()
        scratch.load(self.ntriples, format=pyoxigraph.RdfFormat.N_TRIPLES)
        return scratch.dump(format=format, from_graph=pyoxigraph.DefaultGraph())


def _query_form(sparql: str) -> str:
    body = re.sub(r"(?m)^\s*(?:#.*|PREFIX\s+\S*\s*<[^>]*>|BASE\s+<[^>]*>)\s*$", "", sparql)
    match = re.search(r"(?i)\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", body)
    return match.group(1).upper() if match else "SELECT"


def open_store(location: str | Path | None = DEFAULT_STORE, create: bool = True, query_url: str | None = None,
               update_url: str | None = None, store_url: str | None = None) -> GraphStore:
    """The store at `location`: a URL opens a remote SPARQL server, anything else an
    embedded store on disk (None: in memory; ``create=False``: an error unless the folder
    holds a store). `query_url`, `update_url`, `store_url` name a server's endpoints, with
    a server URL as `location` (overriding its defaults) or with None. The settings
    ``VNPKG_STORE``, ``VNPKG_QUERY_URL``, ``VNPKG_UPDATE_URL``, ``VNPKG_STORE_URL`` name
    them for ``kg serve``."""
    remote = isinstance(location, str) and location.startswith(("http://", "https://"))
    if remote or query_url or update_url or store_url:
        if location is not None and not remote:
            raise ValueError(f"{location} is a folder, not a SPARQL server; endpoint URLs go with a server")
        return RemoteStore(location if remote else None, query_url=query_url, update_url=update_url,
                           store_url=store_url)
    return GraphStore(location, create=create)
