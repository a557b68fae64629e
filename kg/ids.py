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

Ids in URLs (a document's ``vn/qd/2021/1373-qd-ttg``, an indicator's, an area's) are read
with the parsers at the end of this module, which raise ValueError for anything that cannot
be one: an id that comes from a request never reaches an IRI unchecked.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass

from pyoxigraph import NamedNode

from ingest.number import DocumentNumber
from ingest.keys import ascii_slug

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
    """A document's IRI from its id; ValueError if `path` cannot be an id."""
    return DocumentId.parse(path).iri


# --- ids read from requests ------------------------------------------------------------------

# An id is slugs joined by "/". A slug is what _slug makes: lower-case ASCII letters and
# digits, words joined by single hyphens, none at either end.
SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
ID_PATTERN = rf"^{SLUG}(?:/{SLUG})*$"
ID_RE = re.compile(ID_PATTERN)
SLUG_RE = re.compile(f"^{SLUG}$")
# The longest ids we make are about 160 characters (a titled programme's 100-character slug
# under its jurisdiction and type, an expression's /vie, a reference's /ref/{slug}).
MAX_ID_LENGTH = 400
MAX_IRI_LENGTH = 2000


def id_or_iri_pattern(segment: str, parts: bool = True) -> str:
    """The pattern (for an OpenAPI description) of an id, or of our IRI for it, under
    ``{BASE}{segment}/``: the values the parsers below turn into our IRIs. (They take any
    other http(s) IRI too, which then names nothing we hold.)

    >>> print(id_or_iri_pattern("indicator", parts=False))
    ^(https://vnpolicy\\.example\\.org/indicator/)?[a-z0-9]+(?:-[a-z0-9]+)*$
    """
    base = BASE.replace(".", "\\.")
    ids = f"{SLUG}(?:/{SLUG})*" if parts else SLUG
    return f"^({base}{segment}/)?{ids}$"


def _shown(text: str, limit: int = 80) -> str:
    """`text` for an error message: quoted, control characters escaped, cut at `limit`."""
    return repr(text[:limit]) + ("…" if len(text) > limit else "")


def _slugs(text: str, what: str, example: str, parts: bool = True) -> str:
    """`text` without surrounding slashes, if it is slugs joined by "/" (one slug unless
    `parts`); else ValueError."""
    if len(text) > MAX_ID_LENGTH:
        raise ValueError(f"not {what}: {_shown(text)} has {len(text)} characters; ids have at most {MAX_ID_LENGTH}")
    path = text.strip("/")
    if not (ID_RE if parts else SLUG_RE).match(path):
        shape = "in parts joined by '/' " if parts else ""
        raise ValueError(f"not {what}: {_shown(text)}; an id is lower-case letters, digits and hyphens, "
                         f"{shape}(e.g. {example})")
    return path


@dataclass(frozen=True)
class DocumentId:
    """A document's id: the path of its IRI after ``{BASE}doc/``.

    >>> str(DocumentId.parse("/vn/qd/2021/1373-qd-ttg/"))
    'vn/qd/2021/1373-qd-ttg'
    >>> DocumentId.parse("vn-ha-noi/kh/52-kh-ubnd").iri.value
    'https://vnpolicy.example.org/doc/vn-ha-noi/kh/52-kh-ubnd'
    >>> DocumentId.parse("vn/qd/2021/1373 qd")
    Traceback (most recent call last):
    ...
    ValueError: not a document id: 'vn/qd/2021/1373 qd'; an id is lower-case letters, digits and hyphens, in parts joined by '/' (e.g. vn/qd/2021/1373-qd-ttg)
    """
    path: str

    @classmethod
    def parse(cls, text: str) -> DocumentId:
        return cls(_slugs(text, "a document id", "vn/qd/2021/1373-qd-ttg"))

    def __str__(self) -> str:
        return self.path

    @property
    def iri(self) -> NamedNode:
        return NamedNode(f"{BASE}doc/{self.path}")


def parse_iri(text: str) -> NamedNode:
    """An absolute http(s) IRI; ValueError for anything else (spaces, ``<``, control characters ...).

    >>> parse_iri("https://vnpolicy.example.org/area/vn-dak-lak").value
    'https://vnpolicy.example.org/area/vn-dak-lak'
    """
    if len(text) > MAX_IRI_LENGTH or not text.startswith(("http://", "https://")):
        raise ValueError(f"not an http(s) IRI: {_shown(text)}")
    try:
        return NamedNode(text)
    except ValueError:
        raise ValueError(f"not an IRI: {_shown(text)}") from None


def indicator_from_id(text: str) -> NamedNode:
    """An indicator's IRI from its id (``literacy-rate-15-60``, its notation in
    ontology/indicators.ttl) or from the IRI itself; ValueError if it is neither."""
    if text.startswith(("http://", "https://")):
        return parse_iri(text)
    return indicator_iri(_slugs(text, "an indicator id", "literacy-rate-15-60", parts=False))


def area_from_id(text: str) -> NamedNode:
    """An area's IRI from its id (``vn-dak-lak``, ``vn-ha-noi/thanh-tri``) or from the IRI
    itself; ValueError if it is neither."""
    if text.startswith(("http://", "https://")):
        return parse_iri(text)
    return area_iri(_slugs(text, "an area id", "vn-dak-lak"))


def organisation_from_path(text: str) -> NamedNode:
    """An organisation's IRI from its id (``vn-ha-noi/thanh-tri/phong-giao-duc-va-dao-tao``,
    the path of its IRI after ``{BASE}org/``); ValueError if `text` cannot be one.

    >>> organisation_from_path("vn-dak-lak/uy-ban-nhan-dan").value
    'https://vnpolicy.example.org/org/vn-dak-lak/uy-ban-nhan-dan'
    """
    return NamedNode(f"{BASE}org/" + _slugs(text, "an organisation id", "vn-ha-noi/thanh-tri/phong-giao-duc-va-dao-tao"))
