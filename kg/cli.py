"""The ``kg`` command.

Exit codes: 0 success; 1 some input could not be used (each problem printed with its file);
2 wrong usage; 3 the store could not be opened or the query failed.
"""

from __future__ import annotations

import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="vn-policy-kg: Vietnamese policy documents and the plans that implement them.")

DEFAULT_STORE = "data/store"
StoreOption = Annotated[Optional[str], typer.Option("--store", show_default=DEFAULT_STORE, help="Folder of the embedded Oxigraph store, or the URL of a SPARQL 1.1 server laid out as Oxigraph's ({url}/query, /update, /store; e.g. http://127.0.0.1:7878).")]
QueryUrlOption = Annotated[Optional[str], typer.Option("--query-url", envvar="VNPKG_QUERY_URL", help="A SPARQL server's query endpoint (instead of --store, or replacing {url}/query); enough for query and export.")]
UpdateUrlOption = Annotated[Optional[str], typer.Option("--update-url", envvar="VNPKG_UPDATE_URL", help="Its SPARQL Update endpoint (ingest writes there); none: the server is read-only.")]
GraphStoreUrlOption = Annotated[Optional[str], typer.Option("--store-url", envvar="VNPKG_STORE_URL", help="Its Graph Store protocol endpoint (export reads the dataset there); none: export reads the named graphs with a SPARQL query.")]
TimeoutOption = Annotated[Optional[float], typer.Option("--timeout", help="Seconds to read and extract one file; a file that takes longer is stopped and reported as an error (default: VNPKG_FILE_TIMEOUT, else 60).")]


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"kg (vn-policy-kg) {version('vn-policy-kg')}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """vn-policy-kg: Vietnamese policy documents and the plans that implement them."""


def _open_store(store: Optional[str], query_url: Optional[str], update_url: Optional[str],
                store_url: Optional[str], create: bool):
    """The store the options name (exit 2 for options that contradict each other, 3 when it
    cannot be opened). Read commands pass ``create=False``: a missing store is an error."""
    from kg.store import StoreError, open_store

    server = store is not None and store.startswith(("http://", "https://"))
    endpoints = [f"--{name}" for name, url in (("query-url", query_url), ("update-url", update_url),
                                                ("store-url", store_url)) if url]
    if endpoints and store is not None and not server:
        _err(f"error: --store {store} is a folder, but {', '.join(endpoints)} (given here, or by VNPKG_QUERY_URL, "
             f"VNPKG_UPDATE_URL, VNPKG_STORE_URL) name a SPARQL server's endpoints: give a folder or a server")
        raise typer.Exit(2)
    if endpoints and not (query_url or server):
        _err(f"error: {', '.join(endpoints)} needs the server's query endpoint: --query-url, or its URL as --store")
        raise typer.Exit(2)
    location = store if store is not None else (None if query_url else DEFAULT_STORE)
    try:
        return open_store(location, create=create, query_url=query_url, update_url=update_url, store_url=store_url)
    except StoreError as err:
        _err(f"error: {err}")
        raise typer.Exit(3) from err


def _machine_cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _quads_written(item) -> str:
    """A file's quads, and whether the store held them as built already (nothing written)."""
    return f"{item.quads} quads" + (", held already as built: not written again" if item.unchanged else "")


def _extraction_pool(timeout: float | None, jobs: int = 1, then: str | None = None):
    """The worker processes that read and extract files; a bad limit setting is wrong usage."""
    from ingest.extraction_pool import ExtractionPool
    from ingest.limits import LimitSettingError

    try:
        return ExtractionPool(workers=jobs, timeout=timeout, then=then)
    except LimitSettingError as err:
        _err(f"error: {err}")
        raise typer.Exit(2) from err


@app.command()
def extract(
    # readable=False: an unreadable file is read()'s to report (exit 1, the others still read), not click's (exit 2)
    files: Annotated[list[Path], typer.Argument(help="Documents to read (.txt .md .docx .pdf).", readable=False)],
    as_json: Annotated[bool, typer.Option("--json", help="Print the extraction contract as JSON.")] = False,
    with_text: Annotated[bool, typer.Option("--with-text", help="Include the normalised text (source.text).")] = False,
    timeout: TimeoutOption = None,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, help="Files read and extracted at once, each in its own worker process (default: the machine's cores); the output keeps the order of FILES.")] = None,
) -> None:
    """Extract identity, references and relations from FILES (nothing is stored)."""
    failed, written = False, 0
    # each file's result is written as it comes, in the order of FILES (the JSON array's
    # opening first, its items indented as json.dumps(results, indent=2) would): nothing is
    # kept, so memory stays flat over any number of files
    with _extraction_pool(timeout, jobs or _machine_cores()) as pool:
        for _path, extracted in pool.extract_each(files):
            if not extracted.ok:
                _err(f"error: {extracted.error}")
                failed = True
                continue
            result = extracted.extraction.to_json(with_text=extracted.source.text if with_text else None)
            if as_json:
                item = json.dumps(result, ensure_ascii=False, indent=2).replace("\n", "\n  ")
                typer.echo(("[\n  " if not written else ",\n  ") + item, nl=False)
            else:
                _echo_summary(result)
            written += 1
    if as_json:
        typer.echo("\n]" if written else "[]")
    if failed:
        raise typer.Exit(1)


def _echo_summary(result: dict) -> None:
    """A file's extraction in a few lines: its identity, its counts, its relations other than citing."""
    doc = result["document"]
    typer.echo(f"{result['source']['path']}: {doc['type_label'] or '?'} {doc['number'] or '(no number)'}"
               f" | {doc['issuer'] or '?'} | {doc['date'] or '?'} | {len(result['references'])} references,"
               f" {len(result['relations'])} relations")
    for rel in result["relations"]:
        if rel["predicate"] != "cites":
            typer.echo(f"    {rel['subject']} {rel['predicate']} {rel['object']}")


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to ingest.", readable=False)],
    store: StoreOption = None,
    query_url: QueryUrlOption = None,
    update_url: UpdateUrlOption = None,
    store_url: GraphStoreUrlOption = None,
    timeout: TimeoutOption = None,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, help="Files read, extracted and built at once, each in its own worker process (default: the machine's cores); one process writes the store.")] = None,
) -> None:
    """Ingest PATHS into the store: one named graph per file, replaced on re-ingest."""
    from kg.ingestion import BUILD_STEP, Ingested, ingest_files
    from kg.store import RemoteStore, StoreError

    graph_store = _open_store(store, query_url, update_url, store_url, create=True)
    store = store or query_url or DEFAULT_STORE
    if isinstance(graph_store, RemoteStore) and graph_store.read_only:
        _err(f"error: {store}: read-only, no SPARQL Update endpoint to ingest into (--update-url, VNPKG_UPDATE_URL)")
        raise typer.Exit(3)
    pool = _extraction_pool(timeout, jobs or _machine_cores(), then=BUILD_STEP)
    from kg.ingestion import expand

    files, _ = expand(paths)
    try:
        with pool:
            if sys.stderr.isatty():
                with typer.progressbar(length=len(files), label="ingesting", file=sys.stderr) as bar:
                    report = ingest_files(graph_store, paths, progress=lambda _path: bar.update(1), pool=pool)
            else:  # a log or a pipe: a plain line as each file ends
                finished = 0

                def tell(path: Path, outcome) -> None:
                    nonlocal finished
                    finished += 1
                    _err(f"[{finished}/{len(files)}] " + (f"{path} ... {_quads_written(outcome)}"
                                                          if isinstance(outcome, Ingested) else outcome))

                report = ingest_files(graph_store, paths, done=tell, pool=pool)
    except StoreError as err:  # the store refused a write (a server's update endpoint said no)
        _err(f"error: {err}")
        raise typer.Exit(3) from err
    for item in report.ingested:
        typer.echo(f"ok {item.path}: {item.references} references ({item.unresolved} unresolved), "
                   f"{_quads_written(item)}")
    for error in report.errors:
        _err(f"error: {error}")
    documents = graph_store.count_documents()
    references = sum(item.references for item in report.ingested)
    unresolved = sum(item.unresolved for item in report.ingested)
    typer.echo(f"{len(report.ingested)} files ingested, {len(report.errors)} errors; "
               f"references: {references - unresolved} resolved, {unresolved} unresolved; "
               f"store {store}: {documents} documents held, {len(graph_store)} quads")
    if not report.ok:
        raise typer.Exit(1)


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    tsv = "tsv"
    xml = "xml"
    ttl = "ttl"
    nt = "nt"


FORMAT_HELP = ("Output format. Solutions (SELECT) and booleans (ASK): table, json, csv, tsv, xml (SPARQL results); "
               "graphs (CONSTRUCT, DESCRIBE): table or ttl (Turtle), nt (N-Triples), xml (RDF/XML), json (JSON-LD).")


def _read_query(file: Path) -> str:
    """The query in `file` (exit 2, naming the file, when there is none to read)."""
    try:
        return file.read_text("utf-8")
    except FileNotFoundError:
        problem = "no such file"
    except IsADirectoryError:
        problem = "is a folder, not a file"
    except UnicodeDecodeError as err:
        problem = f"not UTF-8 text (byte 0x{err.object[err.start]:02x} at offset {err.start})"
    except OSError as err:
        problem = f"cannot be read ({err.strerror})"
    _err(f"error: {file}: {problem}")
    raise typer.Exit(2)


@app.command()
def query(
    file: Annotated[Optional[Path], typer.Argument(help="File with a SPARQL query; stdin if absent.", readable=False)] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help=FORMAT_HELP)] = Format.table,
    store: StoreOption = None,
    query_url: QueryUrlOption = None,
    update_url: UpdateUrlOption = None,
    store_url: GraphStoreUrlOption = None,
) -> None:
    """Run a SPARQL query over the store and print the results (the store must exist)."""
    from pyoxigraph import QueryBoolean, QueryResultsFormat, QuerySolutions, RdfFormat

    from kg.store import StoreError

    sparql = _read_query(file) if file else sys.stdin.read()
    if not sparql.strip():
        _err("error: empty query")
        raise typer.Exit(2)
    graph_store = _open_store(store, query_url, update_url, store_url, create=False)
    try:
        results = graph_store.query(sparql)
    except StoreError as err:
        _err(f"error: {err}")
        raise typer.Exit(3) from err
    except (SyntaxError, ValueError, OSError) as err:
        _err(f"error: query failed: {err}")
        raise typer.Exit(3) from err
    answers = {Format.json: QueryResultsFormat.JSON, Format.csv: QueryResultsFormat.CSV,
               Format.tsv: QueryResultsFormat.TSV, Format.xml: QueryResultsFormat.XML}
    graphs = {Format.table: RdfFormat.TURTLE, Format.ttl: RdfFormat.TURTLE, Format.nt: RdfFormat.N_TRIPLES,
              Format.xml: RdfFormat.RDF_XML, Format.json: RdfFormat.JSON_LD}
    if isinstance(results, (QuerySolutions, QueryBoolean)):
        kind, allowed = ("SELECT" if isinstance(results, QuerySolutions) else "ASK"), [Format.table, *answers]
    else:
        kind, allowed = "CONSTRUCT/DESCRIBE", list(graphs)
    if fmt not in allowed:
        _err(f"error: --format {fmt.value} is not for {kind} results; use one of "
             f"{', '.join(f.value for f in allowed)}")
        raise typer.Exit(2)
    if isinstance(results, QueryBoolean) and fmt is Format.table:
        typer.echo("true" if bool(results) else "false")
    elif isinstance(results, QuerySolutions) and fmt is Format.table:
        _print_table(results)
    elif kind == "CONSTRUCT/DESCRIBE":
        sys.stdout.write(results.serialize(format=graphs[fmt]).decode("utf-8"))
    else:
        sys.stdout.write(results.serialize(format=answers[fmt]).decode("utf-8"))


def _print_table(results) -> None:
    variables = [v.value for v in results.variables]
    rows = [[_cell(solution[v]) for v in variables] for solution in results]
    widths = [max([len(v)] + [len(r[i]) for r in rows]) for i, v in enumerate(variables)]
    typer.echo("  ".join(v.ljust(w) for v, w in zip(variables, widths)))
    typer.echo("  ".join("-" * w for w in widths))
    for row in rows:
        typer.echo("  ".join(c.ljust(w) for c, w in zip(row, widths)))
    typer.echo(f"({len(rows)} rows)")


def _cell(term) -> str:
    return "" if term is None else term.value


@app.command()
def export(
    name: Annotated[str, typer.Argument(help="trig, nquads, jsonld, targets.csv, deadlines.ics, graphml or gexf.")],
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="File to write; stdout if absent.")] = None,
    store: StoreOption = None,
    query_url: QueryUrlOption = None,
    update_url: UpdateUrlOption = None,
    store_url: GraphStoreUrlOption = None,
) -> None:
    """Export the graph (TriG, N-Quads, JSON-LD), targets (CSV), deadlines (iCalendar) or
    the document network (GraphML, GEXF). The store must exist."""
    from kg.export import FORMATS, export as run_export
    from kg.store import StoreError

    if name not in FORMATS:
        _err(f"error: unknown export {name!r}; known: {', '.join(FORMATS)}")
        raise typer.Exit(2)
    graph_store = _open_store(store, query_url, update_url, store_url, create=False)
    try:
        data = run_export(graph_store, name)
    except StoreError as err:
        _err(f"error: {err}")
        raise typer.Exit(3) from err
    if out:
        try:
            out.write_bytes(data)
        except OSError as err:  # no such folder, no permission, a folder named as the file
            _err(f"error: {out}: cannot be written ({err.strerror})")
            raise typer.Exit(2) from err
        typer.echo(f"wrote {out} ({len(data):,} bytes)", err=True)
    else:
        sys.stdout.buffer.write(data)


@app.command()
def serve(
    store: StoreOption = None,
    host: Annotated[str, typer.Option(help="Address to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
    query_url: QueryUrlOption = None,
    update_url: UpdateUrlOption = None,
    store_url: GraphStoreUrlOption = None,
) -> None:
    """Serve the API and web pages over the store (which must exist; the app opens it)."""
    import os

    import uvicorn

    _fewer_malloc_arenas()  # before any thread: the store's own start some
    # opened here and let go at once, so that a locked or missing store is a message and
    # exit 3, not a traceback from the app's factory (which opens it again)
    _open_store(store, query_url, update_url, store_url, create=False)
    for variable, value in (("VNPKG_STORE", store), ("VNPKG_QUERY_URL", query_url),
                            ("VNPKG_UPDATE_URL", update_url), ("VNPKG_STORE_URL", store_url)):
        if value is not None:
            os.environ[variable] = value
        else:
            os.environ.pop(variable, None)
    # the app is named by string: kg/ knows nothing of the web layer
    uvicorn.run("api.app:app_from_environment", factory=True, host=host, port=port, log_level="info")


M_ARENA_MAX = -8     # glibc's mallopt parameter (malloc.h)
SERVER_ARENAS = 2


def _fewer_malloc_arenas() -> None:
    """Cap glibc's malloc arenas before the server's threads start. By default each thread
    that meets a locked arena gets its own, up to 8 per core, and each keeps what it once
    held: after 32 clients the 10k store's server held ~610 MB, with 2 arenas ~480 MB, at the
    same speed (the store's queries allocate in Rust through the same malloc). The same as
    MALLOC_ARENA_MAX=2; nothing is done on another C library."""
    import ctypes
    import ctypes.util
    import platform

    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc" or "MALLOC_ARENA_MAX" in os.environ:
        return
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    libc.mallopt(M_ARENA_MAX, SERVER_ARENAS)


if __name__ == "__main__":
    app()
