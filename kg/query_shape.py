"""What a SPARQL request is, read from its tokens before anything runs it.

The endpoint must know whether a text is a query or an update, which query form it has,
whether it reaches outside the store (``SERVICE``, ``LOAD``) and which graphs ``FROM`` and
``FROM NAMED`` name, without handing the text to an engine that would act on it, and it must
refuse texts that would take the parser down (pyoxigraph's parser overflows its stack on
braces nested ~2,600 deep) before parsing. This module tokenises the text by the SPARQL 1.1
grammar's terminals (comments, IRIs, strings, variables, prefixed names, keywords, brackets)
and reports what it found; the engine's own parser still judges the syntax.

Keywords are the grammar's bare words: outside strings, IRIs and comments a word of letters,
digits and "_" with no colon is a keyword, a function name or a boolean, never a name the
user chose, so finding ``SERVICE`` or ``INSERT`` among the bare words is exact. A bare word
never takes in a ".": "1.SERVICE", "true.SERVICE", "?o.SERVICE" are a term, the "." that ends
a triple and the keyword, as the engine reads them. Codepoint escapes (``\\u0053``) are
accepted only inside strings and IRIs, where they cannot spell a keyword; Oxigraph does not
expand them elsewhere either.

>>> shape = QueryShape.of("PREFIX ex: <http://e/> SELECT * FROM <http://e/g> { ?s ex:service ?o }")
>>> shape.form, shape.is_update, shape.services, shape.from_graphs
('SELECT', False, [], ['http://e/g'])
>>> QueryShape.of("LOAD <http://example.org/x>").is_update
True
>>> QueryShape.of("select * { SERVICE <http://x/sparql> { ?s ?p ?o } }").services
['http://x/sparql']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_LENGTH = 1_000_000  # characters of query text
MAX_DEPTH = 128  # brackets ({, (, [) open at once; our own named queries use fewer than 10

QUERY_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")
UPDATE_KEYWORDS = frozenset(("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"))
OPENING, CLOSING = "{([", "})]"

# One token at a time, tried in this order at each position. Every alternative matches at
# least one character, and `_tokens` falls back to one character when none matches, so the
# scan advances on every step.
TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)                 # IRIREF; a lone < is an operator
  | (?P<long_string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\")
  | (?P<string>'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<variable>[?$][\w\u00B7\u0300-\u036F\u203F-\u2040]+)
  | (?P<blank>_:[\w.\-\u00B7\u0300-\u036F\u203F-\u2040]*)    # blank node label
  | (?P<prefixed>(?:[^\W\d_][\w.\-\u00B7\u0300-\u036F\u203F-\u2040]*)?:[\w.\-:%\\\u00B7\u0300-\u036F\u203F-\u2040]*)
  | (?P<number>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)                     # a keyword, function name or boolean: never a "."
  | (?P<escape>\\[uU])
""", re.VERBOSE | re.DOTALL)


class QueryRefused(ValueError):
    """The text cannot be taken: `status` is the HTTP status the endpoint answers with."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class QueryShape:
    form: str | None = None  # SELECT, CONSTRUCT, DESCRIBE or ASK; None for an update or no form found
    is_update: bool = False
    services: list[str] = field(default_factory=list)  # SERVICE endpoints (IRIs, or ?variables)
    from_graphs: list[str] = field(default_factory=list)
    from_named: list[str] = field(default_factory=list)
    depth: int = 0

    @classmethod
    def of(cls, text: str, max_length: int = MAX_LENGTH, max_depth: int = MAX_DEPTH) -> "QueryShape":
        """Read `text`; QueryRefused (413) when longer than `max_length` characters, (400) when
        brackets nest deeper than `max_depth` or a codepoint escape stands outside a string."""
        if len(text) > max_length:
            raise QueryRefused(413, f"The query is {len(text):,} characters long; the limit is {max_length:,}.")
        shape = cls()
        depth = 0
        words: list[tuple[str, str]] = []  # (kind, text) of the tokens that are not space or comments
        for kind, token in _tokens(text):
            if kind == "escape":
                raise QueryRefused(400, "A codepoint escape (\\u, \\U) is only allowed inside strings and IRIs.")
            if kind == "other" and token in OPENING:
                depth += 1
                if depth > max_depth:
                    raise QueryRefused(400, f"The query nests brackets more than {max_depth} deep.")
                shape.depth = max(shape.depth, depth)
            elif kind == "other" and token in CLOSING:
                depth = max(depth - 1, 0)
            words.append((kind, token))
        shape._read(words)
        return shape

    def _read(self, words: list[tuple[str, str]]) -> None:
        for index, (kind, token) in enumerate(words):
            if kind != "name":
                continue
            keyword = token.upper()
            following = words[index + 1:index + 3]
            if keyword in UPDATE_KEYWORDS:
                self.is_update = True
            elif keyword in QUERY_FORMS and self.form is None:
                self.form = keyword
            elif keyword == "SERVICE":
                rest = [t for t in following if not (t[0] == "name" and t[1].upper() == "SILENT")]
                self.services.append(_term(rest[0]) if rest else "")
            elif keyword == "FROM" and following:
                if following[0][0] == "name" and following[0][1].upper() == "NAMED":
                    if len(following) > 1:
                        self.from_named.append(_term(following[1]))
                else:
                    self.from_graphs.append(_term(following[0]))
        if self.is_update:
            self.form = None


def _term(token: tuple[str, str]) -> str:
    kind, text = token
    return text[1:-1] if kind == "iri" else text


def _tokens(text: str):
    """(kind, text) for each token of `text` but white space and comments; kind "other" is a
    single character no terminal starts with (punctuation, operators, a stray quote)."""
    position, end = 0, len(text)
    while position < end:
        match = TOKEN.match(text, position)
        if match is None or match.end() == position:
            yield "other", text[position]
            position += 1  # one character: the scan advances
            continue
        kind = match.lastgroup
        if kind not in ("space", "comment"):
            yield kind, match.group()
        position = match.end()
