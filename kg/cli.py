"""The ``kg`` command.

Exit codes: 0 success; 1 some input could not be used (each problem printed with its file);
2 wrong usage; 3 the store could not be opened or the query failed.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="vn-policy-kg: Vietnamese policy documents and the plans that implement them.")

StoreOption = Annotated[str, typer.Option("--store", help="Folder of the embedded Oxigraph store, or the URL of a SPARQL 1.1 server (e.g. http://127.0.0.1:7878 for an Oxigraph server).")]
TimeoutOption = Annotated[Optional[float], typer.Option("--timeout", help="Seconds to read and extract one file; a file that takes longer is stopped and reported as an error (default: VNPKG_FILE_TIMEOUT, else 60).")]


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _extraction_pool(timeout: float | None):
    """The worker processes that read and extract files; a bad limit setting is wrong usage."""
    from ingest.extraction_pool import ExtractionPool
    from ingest.limits import LimitSettingError

    try:
        return ExtractionPool(timeout=timeout)
    except LimitSettingError as err:
        _err(f"error: {err}")
        raise typer.Exit(2) from err


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(help="Documents to read (.txt .md .docx .pdf).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the extraction contract as JSON.")] = False,
    with_text: Annotated[bool, typer.Option("--with-text", help="Include the normalised text (source.text).")] = False,
    timeout: TimeoutOption = None,
) -> None:
    """Extract identity, references and relations from FILES (nothing is stored)."""
    results, failed = [], False
    with _extraction_pool(timeout) as pool:
        for path in files:
            extracted = pool.extract(path)
            if not extracted.ok:
                _err(f"error: {extracted.error}")
                failed = True
                continue
            results.append(extracted.extraction.to_json(with_text=extracted.source.text if with_text else None))
    if as_json:
        typer.echo(json.dumps(results, ensure_ascii=False, indent=2))
    else:
        for result in results:
            doc = result["document"]
            typer.echo(f"{result['source']['path']}: {doc['type_label'] or '?'} {doc['number'] or '(no number)'}"
                       f" | {doc['issuer'] or '?'} | {doc['date'] or '?'} | {len(result['references'])} references,"
                       f" {len(result['relations'])} relations")
            for rel in result["relations"]:
                if rel["predicate"] != "cites":
                    typer.echo(f"    {rel['subject']} {rel['predicate']} {rel['object']}")
    if failed:
        raise typer.Exit(1)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to ingest.")],
    store: StoreOption = "data/store",
    timeout: TimeoutOption = None,
) -> None:
    """Ingest PATHS into the store: one named graph per file, replaced on re-ingest."""
    from kg.ingestion import ingest_files
    from kg.store import StoreError, open_store

    pool = _extraction_pool(timeout)
    try:
        graph_store = open_store(store)
    except StoreError as err:
        _err(f"error: {err}")
        raise typer.Exit(3) from err
    from kg.ingestion import expand

    files, _ = expand(paths)
    with typer.progressbar(length=len(files), label="ingesting", file=sys.stderr) as bar:
        with pool:
            report = ingest_files(graph_store, paths, progress=lambda _path: bar.update(1), pool=pool)
    for item in report.ingested:
        typer.echo(f"ok {item.path}: {item.references} references ({item.unresolved} unresolved), "
                   f"{item.quads} quads")
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


@app.command()
def query(
    file: Annotated[Optional[Path], typer.Argument(help="File with a SPARQL query; stdin if absent.")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
    store: StoreOption = "data/store",
) -> None:
    """Run a SPARQL query over the store and print the results."""
    from pyoxigraph import QueryBoolean, QueryResultsFormat, QuerySolutions, RdfFormat

    from kg.store import StoreError, open_store

    sparql = file.read_text("utf-8") if file else sys.stdin.read()
    if not sparql.strip():
        _err("error: empty query")
        raise typer.Exit(2)
    try:
        results = open_store(store).query(sparql)
    except StoreError as err:
        _err(f"error: {err}")
        raise typer.Exit(3) from err
    except (SyntaxError, ValueError, OSError) as err:
        _err(f"error: query failed: {err}")
        raise typer.Exit(3) from err
    if isinstance(results, QueryBoolean):
        typer.echo("true" if bool(results) else "false")
        return
    if not isinstance(results, QuerySolutions):
        typer.echo(results.serialize(format=RdfFormat.TURTLE).decode("utf-8"))
        return
    if fmt is Format.table:
        variables = [v.value for v in results.variables]
        rows = [[_cell(solution[v]) for v in variables] for solution in results]
        widths = [max([len(v)] + [len(r[i]) for r in rows]) for i, v in enumerate(variables)]
        typer.echo("  ".join(v.ljust(w) for v, w in zip(variables, widths)))
        typer.echo("  ".join("-" * w for w in widths))
        for row in rows:
            typer.echo("  ".join(c.ljust(w) for c, w in zip(row, widths)))
        typer.echo(f"({len(rows)} rows)")
        return
    formats = {Format.json: QueryResultsFormat.JSON, Format.csv: QueryResultsFormat.CSV,
               Format.tsv: QueryResultsFormat.TSV, Format.xml: QueryResultsFormat.XML}
    sys.stdout.write(results.serialize(format=formats[fmt]).decode("utf-8"))


def _cell(term) -> str:
    return "" if term is None else term.value


@app.command()
def export(
    name: Annotated[str, typer.Argument(help="trig, nquads, jsonld, targets.csv, deadlines.ics, graphml or gexf.")],
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="File to write; stdout if absent.")] = None,
    store: StoreOption = "data/store",
) -> None:
    """Export the graph (TriG, N-Quads, JSON-LD), targets (CSV), deadlines (iCalendar) or
    the document network (GraphML, GEXF)."""
    from kg.export import FORMATS, export as run_export
    from kg.store import StoreError, open_store

    if name not in FORMATS:
        _err(f"error: unknown export {name!r}; known: {', '.join(FORMATS)}")
        raise typer.Exit(2)
    try:
        data = run_export(open_store(store), name)
    except StoreError as err:
        _err(f"error: {err}")
        raise typer.Exit(3) from err
    if out:
        out.write_bytes(data)
        typer.echo(f"wrote {out} ({len(data):,} bytes)", err=True)
    else:
        sys.stdout.buffer.write(data)


@app.command()
def serve(
    store: StoreOption = "data/store",
    host: Annotated[str, typer.Option(help="Address to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
) -> None:
    """Serve the API and web pages over the store (the store is opened by the app)."""
    import os

    import uvicorn

    os.environ["VNPKG_STORE"] = str(store)
    # the app is named by string: kg/ knows nothing of the web layer
    uvicorn.run("api.app:app_from_environment", factory=True, host=host, port=port, log_level="info")


if __name__ == "__main__":
    app()
