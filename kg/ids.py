"""IRIs of documents, programmes, organisations, areas, types and source graphs.

Documents: ``{BASE}doc/{jurisdiction}/{type}/{year}/{number-and-issuer}``, e.g.
``doc/vn/qd/2021/1373-qd-ttg``, ``doc/vn-ha-noi/nq/2023/23-nq-tu``. Slugs are ASCII.
The year is the document's (from its date or from "44/2014/TT-..."); when no text gives it
the segment is left out (``doc/vn-ha-noi/kh/52-kh-ubnd``): numbers restart every year, so a
yearless number is never merged with a dated one by guess.

>>> document_iri("vn", "TT", 2014, "44/TT-BGDĐT") == document_iri("vn", "TT", None, "44/2014/TT-BGDĐT")
True
>>> document_iri("vn", "QĐ", 2021, "1373/QĐ-TTg").value
'https://vnpolicy.example.org/doc/vn/qd/2021/1373-qd-ttg'
"""

from __future__ import annotations

import hashlib
import os

from pyoxigraph import NamedNode

from ingest.number import DocumentNumber
from ingest.resolve import ascii_slug

BASE = os.environ.get("VNPKG_BASE", "https://vnpolicy.example.org/")


def _slug(text: str, limit: int = 100) -> str:
    slug = ascii_slug(text)
    if len(slug) > limit:
        digest = hashlib.sha1(slug.encode()).hexdigest()[:8]
        slug = slug[:limit].rstrip("-") + "-" + digest
    return slug or "x"


def type_slug(type_code: str | None) -> str:
    return _slug(type_code) if type_code else "vb"


def document_iri(jurisdiction: str, type_code: str | None, year: int | None, number: str) -> NamedNode:
    parsed = DocumentNumber.parse(number)
    year = year or parsed.year
    plain = parsed.without_year()
    running = str(int(plain.number))
    slug = _slug(f"{running}-{'-'.join(plain.codes)}")
    type_part = type_slug(parsed.type_code or type_code)
    year_part = f"/{year}" if year else ""
    return NamedNode(f"{BASE}doc/{jurisdiction}/{type_part}{year_part}/{slug}")


def titled_document_iri(jurisdiction: str | None, type_code: str | None, title: str,
                        year: int | None = None) -> NamedNode:
    """A programme or law known by its title (and year, when the text gives one)."""
    year_part = f"/{year}" if year else ""
    return NamedNode(f"{BASE}doc/{jurisdiction or 'vn'}/{type_slug(type_code)}{year_part}/{_slug(title)}")


def unresolved_iri(citing: NamedNode, ref: str) -> NamedNode:
    """A reference whose jurisdiction is not stated: kept under the document that cites it."""
    return NamedNode(f"{citing.value}/ref/{_slug(ref)}")


def draft_iri(jurisdiction: str | None, type_code: str | None, year: int | None,
              issuer: str | None, place: str | None, date: str | None, title: str | None,
              sha256: str) -> NamedNode:
    """A document without a number ("Số: /KH-GDĐT"): stable from issuer, place, date and title.
    Without a date or a title those do not tell two documents apart, so the content hash
    is part of the key too."""
    if not any((issuer, place, date, title)):
        return NamedNode(f"{BASE}doc/unknown/{sha256[:16]}")
    key = "|".join(x or "" for x in (issuer, place, date, title))
    if not (date and title):
        key += "|" + sha256
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
    year_part = f"/{year}" if year else ""
    return NamedNode(f"{BASE}doc/{jurisdiction or 'unknown'}/{type_slug(type_code)}{year_part}/draft-{digest}")


def source_graph_iri(sha256: str) -> NamedNode:
    return NamedNode(f"{BASE}graph/source/{sha256}")


def organisation_iri(jurisdiction: str | None, name: str) -> NamedNode:
    return NamedNode(f"{BASE}org/{jurisdiction or 'unknown'}/{_slug(name, 80)}")


def indicator_iri(concept: str) -> NamedNode:
    return NamedNode(f"{BASE}indicator/{concept}")


def area_iri(jurisdiction: str) -> NamedNode:
    return NamedNode(f"{BASE}area/{jurisdiction}")


def type_iri(type_code: str) -> NamedNode:
    return NamedNode(f"{BASE}type/{type_slug(type_code)}")


CURATED_GRAPH = NamedNode(f"{BASE}graph/curated")


def document_path(iri: str) -> str:
    """The part of a document IRI after ``doc/``: the id used in API paths."""
    prefix = f"{BASE}doc/"
    if not iri.startswith(prefix):
        raise ValueError(f"not a document IRI: {iri}")
    return iri[len(prefix):]


def document_id(iri: str) -> str | None:
    """The id of a document's page (/documents/{id}), or None for a node that is no document."""
    try:
        return document_path(iri)
    except ValueError:
        return None


def organisation_id(iri: str) -> str:
    """``vn-ha-noi/thanh-tri/phong-giao-duc-va-dao-tao`` for an organisation IRI."""
    return iri.removeprefix(f"{BASE}org/")


def organisation_from_id(value: str) -> str:
    """An organisation IRI from its id or from the IRI itself."""
    return value if value.startswith(("http://", "https://")) else f"{BASE}org/" + value.strip("/")


def document_from_path(path: str) -> NamedNode:
    return NamedNode(f"{BASE}doc/{path.strip('/')}")
