"""Named SPARQL queries kept in ``kg/queries/*.rq``. Each file starts with comment lines:
its name, what it answers and its parameters (``# Parameters: ?doc (IRI) ...``).

Parameters are bound with a VALUES clause built from typed terms, never by pasting text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pyoxigraph import Literal, NamedNode

QUERIES = Path(__file__).resolve().parent / "queries"


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    parameters: tuple[str, ...]
    text: str

    def bind(self, **values: NamedNode | Literal) -> str:
        """The query with each parameter bound by a VALUES clause."""
        missing = set(self.parameters) - set(values)
        if missing:
            raise ValueError(f"query {self.name} needs {', '.join(sorted(missing))}")
        clauses = " ".join(f"VALUES ?{name} {{ {values[name]} }}" for name in self.parameters)
        # VALUES go inside the outermost WHERE so every part of the query sees them
        match = re.search(r"WHERE\s*\{", self.text)
        return self.text[:match.end()] + f"\n  {clauses}\n" + self.text[match.end():]


@cache
def named_queries() -> dict[str, NamedQuery]:
    found = {}
    for path in sorted(QUERIES.glob("*.rq")):
        text = path.read_text("utf-8")
        header = [line[1:].strip() for line in text.splitlines() if line.startswith("#")]
        description = " ".join(line for line in header if not line.lower().startswith("parameters"))
        parameter_line = next((line for line in header if line.lower().startswith("parameters")), "")
        parameters = tuple(re.findall(r"\?(\w+)", parameter_line))
        found[path.stem] = NamedQuery(path.stem, description, parameters, text)
    return found


def get(name: str) -> NamedQuery:
    try:
        return named_queries()[name]
    except KeyError:
        raise KeyError(f"no named query {name!r}; known: {', '.join(named_queries())}") from None
