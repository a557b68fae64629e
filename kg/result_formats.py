"""The media types SPARQL results are served in, and choosing one for a request.

Three kinds of result: solutions (SELECT), a boolean (ASK: JSON or XML only, as the CSV and
TSV results formats define no boolean) and graphs (CONSTRUCT, DESCRIBE). A client
names what it wants by ``Accept`` (with q-values, ranges like ``text/*`` and ``*/*``), or by
a ``format=``/``output=`` parameter, which clients such as SPARQLWrapper send as a short
name ("json", "xml", "turtle", "n3", "json-ld" ...) or as a media type. A short name means
the natural type of the result's kind: "json" is SPARQL JSON results for a SELECT and
JSON-LD for a CONSTRUCT; "xml" is SPARQL XML results or RDF/XML.

>>> negotiate("text/csv;q=0.5, application/sparql-results+xml", SOLUTIONS).media
'application/sparql-results+xml'
>>> negotiate("", GRAPH).media
'text/turtle'
>>> negotiate("image/png", SOLUTIONS) is None
True
>>> named("json", GRAPH).media, named("xml", SOLUTIONS).media
('application/ld+json', 'application/sparql-results+xml')
"""

from __future__ import annotations

from dataclasses import dataclass

from pyoxigraph import QueryResultsFormat, RdfFormat

from kg.vocab import FORMATS as FORMAT_IRIS

SOLUTIONS, BOOLEAN, GRAPH = "solutions", "boolean", "graph"


@dataclass(frozen=True)
class ResultFormat:
    media: str
    serialisation: object  # a pyoxigraph QueryResultsFormat or RdfFormat
    extension: str  # of a download
    names: tuple[str, ...] = ()  # what format=/output= may call it
    iri: object = None  # the W3C's URI of the format (for the service description)


# In the order of preference when the client leaves the choice to us
FORMATS = {
    SOLUTIONS: (
        ResultFormat("application/sparql-results+json", QueryResultsFormat.JSON, "json", ("json", "srj"), FORMAT_IRIS.SPARQL_Results_JSON),
        ResultFormat("application/sparql-results+xml", QueryResultsFormat.XML, "xml", ("xml", "srx"), FORMAT_IRIS.SPARQL_Results_XML),
        ResultFormat("text/csv", QueryResultsFormat.CSV, "csv", ("csv",), FORMAT_IRIS.SPARQL_Results_CSV),
        ResultFormat("text/tab-separated-values", QueryResultsFormat.TSV, "tsv", ("tsv",), FORMAT_IRIS.SPARQL_Results_TSV),
        ResultFormat("application/json", QueryResultsFormat.JSON, "json"),
        ResultFormat("application/xml", QueryResultsFormat.XML, "xml"),
        ResultFormat("text/xml", QueryResultsFormat.XML, "xml"),
    ),
    BOOLEAN: (
        ResultFormat("application/sparql-results+json", QueryResultsFormat.JSON, "json", ("json", "srj"),
                     FORMAT_IRIS.SPARQL_Results_JSON),
        ResultFormat("application/sparql-results+xml", QueryResultsFormat.XML, "xml", ("xml", "srx"),
                     FORMAT_IRIS.SPARQL_Results_XML),
        ResultFormat("application/json", QueryResultsFormat.JSON, "json"),
        ResultFormat("application/xml", QueryResultsFormat.XML, "xml"),
        ResultFormat("text/xml", QueryResultsFormat.XML, "xml"),
    ),
    GRAPH: (
        ResultFormat("text/turtle", RdfFormat.TURTLE, "ttl", ("turtle", "ttl"), FORMAT_IRIS.Turtle),
        ResultFormat("application/n-triples", RdfFormat.N_TRIPLES, "nt", ("nt", "ntriples", "n-triples"), FORMAT_IRIS["N-Triples"]),
        ResultFormat("application/rdf+xml", RdfFormat.RDF_XML, "rdf", ("rdf", "xml", "rdfxml", "rdf+xml"), FORMAT_IRIS.RDF_XML),
        ResultFormat("application/ld+json", RdfFormat.JSON_LD, "jsonld", ("json-ld", "jsonld", "json"), FORMAT_IRIS["JSON-LD"]),
        ResultFormat("text/n3", RdfFormat.N3, "n3", ("n3",), FORMAT_IRIS.N3),
        ResultFormat("text/rdf+n3", RdfFormat.N3, "n3"),
        ResultFormat("application/x-turtle", RdfFormat.TURTLE, "ttl"),
        ResultFormat("text/plain", RdfFormat.N_TRIPLES, "nt"),
    ),
}
ALL_NAMES = sorted({name for formats in FORMATS.values() for f in formats for name in f.names})


class UnknownFormat(ValueError):
    pass


class NotAcceptable(ValueError):
    pass


def choose(kind: str, accept: str, format_name: str | None = None) -> ResultFormat:
    """The format of a result of `kind`: the one `format_name` (format=, output=) names, else
    the one Accept prefers; UnknownFormat for a name no format has, NotAcceptable when Accept
    takes none of this kind's types."""
    if format_name:
        return named(format_name, kind)
    chosen = negotiate(accept, kind)
    if chosen is None:
        offered = ", ".join(f.media for f in FORMATS[kind])
        raise NotAcceptable(f"None of the types in Accept ({accept}) can carry this result; offered: {offered}.")
    return chosen


def named(name: str, kind: str) -> ResultFormat:
    """The format a ``format=`` value names for a result of `kind`. A name of another kind
    only ("csv" for a CONSTRUCT or an ASK, "turtle" for a SELECT) gives this kind's default;
    UnknownFormat for anything else."""
    wanted = name.strip().lower()
    for fmt in FORMATS[kind]:
        if wanted in fmt.names or wanted == fmt.media:
            return fmt
    if any(wanted in f.names or wanted == f.media for formats in FORMATS.values() for f in formats):
        return FORMATS[kind][0]
    raise UnknownFormat(f"Unknown format {name!r}; use one of {', '.join(ALL_NAMES)} or a media type.")


def check_name(name: str) -> None:
    """UnknownFormat unless `name` is a format of some kind of result."""
    named(name, SOLUTIONS)


def negotiate(accept: str, kind: str) -> ResultFormat | None:
    """The format of `kind` the Accept header prefers (highest q; among equals the more
    specific range, then the client's order, then ours), None when it accepts none."""
    offered = FORMATS[kind]
    ranges = _ranges(accept)
    if not ranges:
        return offered[0]
    best, best_key = None, None
    for rank, fmt in enumerate(offered):
        match = _match(fmt.media, ranges)
        if match is None or match[0] <= 0:
            continue
        quality, specificity, order = match
        key = (quality, specificity, -order, -rank)
        if best_key is None or key > best_key:
            best, best_key = fmt, key
    return best


def _ranges(accept: str) -> list[tuple[str, float, int]]:
    """(media range, q, position) of each entry of an Accept header; malformed entries skipped."""
    ranges = []
    for position, part in enumerate(accept.split(",")):
        pieces = [p.strip() for p in part.split(";")]
        media = pieces[0].lower()
        if "/" not in media:
            continue
        quality = 1.0
        for parameter in pieces[1:]:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    quality = 0.0
        ranges.append((media, quality, position))
    return ranges


def _match(media: str, ranges) -> tuple[float, int, int] | None:
    """(q, specificity, position) of the most specific range that covers `media`."""
    kind = media.split("/")[0]
    found = None
    for pattern, quality, position in ranges:
        if pattern == media:
            specificity = 2
        elif pattern == f"{kind}/*":
            specificity = 1
        elif pattern == "*/*":
            specificity = 0
        else:
            continue
        if found is None or specificity > found[1]:
            found = (quality, specificity, position)
    return found
