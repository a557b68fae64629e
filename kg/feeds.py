"""Change feeds as Atom 1.0 (RFC 4287): the documents added to the store, and the new
documents resting on a directive (its cascade), latest first, each dated by when its source
file's graph was written (``prov:generatedAtTime``, recorded by ``kg.ingestion``).

An entry's id is the document's IRI (stable: a re-ingest that changes the document moves its
``updated``, never its id); its link is the document's page. The XML is written by
ElementTree (escaping every text), after dropping the characters XML 1.0 cannot carry.
Knows nothing of the web: the caller gives the URLs and the titles.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Callable

from pyoxigraph import NamedNode

from kg import ids, named_queries
from kg.store import GraphStore

ATOM = "http://www.w3.org/2005/Atom"
ENTRIES = 50              # the latest entries a feed carries
EPOCH = "1970-01-01T00:00:00Z"  # a feed's updated time while the store has recorded no write

# characters XML 1.0 cannot carry (C0 controls but tab, newline, return; surrogates; U+FFFE, U+FFFF)
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass
class FeedEntry:
    iri: str                  # the document: the entry's id
    id: str | None            # its page id (/documents/{id})
    title: str
    summary: str | None
    updated: str              # xsd:dateTime in UTC, when its graph was written


@dataclass
class Feed:
    id: str
    updated: str
    entries: list[FeedEntry] = field(default_factory=list)


def _entries(rows: list[dict]) -> list[FeedEntry]:
    entries = []
    for r in rows:
        label = r["label"] or r["number"] or ids.document_id(r["document"]) or r["document"]
        summary = "; ".join(x for x in (r["title"], r["date"]) if x) or None
        entries.append(FeedEntry(r["document"], ids.document_id(r["document"]), label, summary, r["added"]))
    return entries


def _updated(store: GraphStore, entries: list[FeedEntry]) -> str:
    if entries:
        return max(e.updated for e in entries)
    rows = store.select(named_queries.internal("latest-write").text)
    return (rows[0]["latest"] if rows else None) or EPOCH


def documents_added(store: GraphStore, limit: int = ENTRIES) -> Feed:
    """The documents held, the latest written first (named query ``documents-added``): read
    once and kept until the store's next write (it groups every held document)."""
    def compute() -> Feed:
        rows = store.select(named_queries.get("documents-added").text + f"\nLIMIT {int(limit)}")
        entries = _entries(rows)
        return Feed(f"{ids.BASE}feed/documents", _updated(store, entries), entries)
    return store.cached(f"feed-documents-{int(limit)}", compute)


def cascade_added(store: GraphStore, directive: str, limit: int = ENTRIES) -> Feed:
    """The documents held that rest on `directive` at any depth, the latest written first
    (named query ``cascade-added``)."""
    query = named_queries.get("cascade-added").bind(doc=NamedNode(directive))
    entries = _entries(store.select(query + f"\nLIMIT {int(limit)}"))
    path = ids.document_id(directive) or directive
    return Feed(f"{ids.BASE}feed/cascade/{path}", _updated(store, entries), entries)


def _text(text: str) -> str:
    return NOT_XML.sub("", text)


def _atom_time(value: str) -> str:
    """An xsd:dateTime as RFC 3339 (Atom's date construct): a zone is required."""
    return value if re.search(r"(Z|[+-]\d\d:\d\d)$", value) else value + "Z"


def atom(feed: Feed, title: str, self_url: str, alternate_url: str, page_url: Callable[[FeedEntry], str],
         language: str = "vi") -> bytes:
    """The feed as an Atom document (UTF-8 bytes)."""
    root = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": language})

    def child(parent, tag: str, text: str | None = None, **attributes) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: _text(v) for k, v in attributes.items()})
        if text is not None:
            element.text = _text(text)
        return element

    child(root, "id", feed.id)
    child(root, "title", title)
    child(root, "updated", _atom_time(feed.updated))
    child(root, "link", rel="self", type="application/atom+xml", href=self_url)
    child(root, "link", rel="alternate", type="text/html", href=alternate_url)
    author = child(root, "author")
    child(author, "name", "vn-policy-kg")
    child(root, "generator", "vn-policy-kg")
    for entry in feed.entries:
        item = child(root, "entry")
        child(item, "id", entry.iri)
        child(item, "title", entry.title)
        child(item, "updated", _atom_time(entry.updated))
        child(item, "link", rel="alternate", type="text/html", href=page_url(entry))
        if entry.summary:
            child(item, "summary", entry.summary)
    ET.register_namespace("", ATOM)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
