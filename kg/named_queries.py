"""Named SPARQL queries kept in ``kg/queries/*.rq`` (offered to users: the API's
/queries and the SPARQL page's examples) and ``kg/queries/internal/*.rq`` (the pages' own
reads, not offered). Each file starts with comment lines: its name, what it answers and its
parameters (``# Parameters: ?doc (IRI) ...``).

Parameters are bound with a VALUES clause built from typed terms, never by pasting text; a
parameter may be given several terms (``VALUES ?d { <a> <b> }``), for a query asked about
many nodes at once. A parameter the query tests with ``FILTER(?x IN (?relation))`` is bound
there instead, as the list of its terms (``IN (<a>, <b>)``): a test of each row, which a store
answers faster than a join when the rows come from elsewhere (the relations of an edge).
A parameter written ``$doc`` in the query (SPARQL's other spelling of a variable, so the file
still runs as it is) is put in place as its one term: Oxigraph plans a pattern around a
constant, where a VALUES row joined to a pattern with an OPTIONAL and a FILTER NOT EXISTS
can be planned as a scan of the whole store (a document's relations: 5 ms against 5 s).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pyoxigraph import Literal, NamedNode

QUERIES = Path(__file__).resolve().parent / "queries"
INTERNAL = QUERIES / "internal"


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    parameters: tuple[str, ...]
    text: str

    @property
    def without_header(self) -> str:
        """The query text without its header's comment lines: what a user's editor shows."""
        return "".join(line for line in self.text.splitlines(keepends=True) if not line.startswith("#"))

    def bind(self, **values: NamedNode | Literal | Sequence[NamedNode | Literal]) -> str:
        """The query with each parameter bound by a VALUES clause (one term, or several)."""
        missing = set(self.parameters) - set(values)
        if missing:
            raise ValueError(f"query {self.name} needs {', '.join(sorted(missing))}")

        def terms(value) -> list[str]:
            if isinstance(value, (NamedNode, Literal)):
                return [str(value)]
            if not all(isinstance(term, (NamedNode, Literal)) for term in value):
                raise TypeError(f"query {self.name}: parameters are bound to terms, not text")
            return [str(term) for term in value]
        text = self.text
        in_place = [name for name in self.parameters if re.search(rf"\${name}\b", text)]
        for name in in_place:   # one term, put where the query names it: ?s <p> $doc
            term = terms(values[name])
            if len(term) != 1:
                raise ValueError(f"query {self.name}: ${name} takes one term, not {len(term)}")
            text = re.sub(rf"\${name}\b", lambda _: term[0], text)
        listed = [name for name in self.parameters if f"IN (?{name})" in text]
        for name in listed:     # a list to test against, not rows to join: FILTER(?x IN (<a>, <b>))
            text = text.replace(f"IN (?{name})", f"IN ({', '.join(terms(values[name]))})")
        clauses = " ".join(f"VALUES ?{name} {{ {' '.join(terms(values[name]))} }}"
                           for name in self.parameters if name not in listed and name not in in_place)
        # VALUES go inside the outermost WHERE so every part of the query sees them
        match = re.search(r"WHERE\s*\{", text)
        return text[:match.end()] + f"\n  {clauses}\n" + text[match.end():]


def _load(folder: Path) -> dict[str, NamedQuery]:
    found = {}
    for path in sorted(folder.glob("*.rq")):
        text = path.read_text("utf-8")
        header = [line[1:].strip() for line in text.splitlines() if line.startswith("#")]
        description = " ".join(line for line in header if not line.lower().startswith("parameters"))
        parameter_line = next((line for line in header if line.lower().startswith("parameters")), "")
        parameters = tuple(re.findall(r"[?$](\w+)", parameter_line))
        found[path.stem] = NamedQuery(path.stem, description, parameters, text)
    return found


@cache
def named_queries() -> dict[str, NamedQuery]:
    """The queries offered to users."""
    return _load(QUERIES)


@cache
def internal_queries() -> dict[str, NamedQuery]:
    """The pages' own queries."""
    return _load(INTERNAL)


def internal(name: str) -> NamedQuery:
    return internal_queries()[name]


def get(name: str) -> NamedQuery:
    try:
        return named_queries()[name]
    except KeyError:
        raise KeyError(f"no named query {name!r}; known: {', '.join(named_queries())}") from None


CHUNK = 1000  # terms in one VALUES block: a page about n nodes asks ceil(n / CHUNK) queries


def bind_chunks(query: NamedQuery, parameter: str, terms: Sequence[NamedNode | Literal],
                **values: NamedNode | Literal | Sequence[NamedNode | Literal]) -> list[str]:
    """The query bound to `terms` for `parameter`, CHUNK terms at a time (the other
    parameters bound to `values` in every one); no query for no terms."""
    return [query.bind(**{parameter: terms[start:start + CHUNK]}, **values)
            for start in range(0, len(terms), CHUNK)]
