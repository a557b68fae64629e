"""kg/query_shape.py: what a SPARQL text is, read from its tokens; bounded before parsing."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.query_shape import QueryRefused, QueryShape


@pytest.mark.parametrize("text, form, update, services", [
    ("SELECT * WHERE { ?s ?p ?o }", "SELECT", False, []),
    ("ask {}", "ASK", False, []),
    ("PREFIX insert: <http://e/> CONSTRUCT { ?s insert:x ?o } WHERE { ?s ?p ?o }", "CONSTRUCT", False, []),
    ("DESCRIBE <http://e/load>", "DESCRIBE", False, []),
    ('SELECT * WHERE { ?s ?p "INSERT DATA { <a> <b> <c> }" }', "SELECT", False, []),
    ("SELECT * WHERE { ?s ?p ?o } # SERVICE <http://x/>", "SELECT", False, []),
    ("SELECT ?service WHERE { ?service ?p ?o }", "SELECT", False, []),
    ("INSERT DATA { <a> <b> <c> }", None, True, []),
    ("PREFIX : <http://e/>\nload <http://e/x>", None, True, []),
    ("WITH <g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", None, True, []),
    ("CLEAR ALL", None, True, []),
    ("SELECT * { SERVICE <http://x/sparql> { ?s ?p ?o } }", "SELECT", False, ["http://x/sparql"]),
    ("SELECT * { sErViCe SILENT <http://x/> { } }", "SELECT", False, ["http://x/"]),
    ("SELECT * { BIND(<http://x/> AS ?e) SERVICE ?e { } }", "SELECT", False, ["?e"]),
    # a term, the "." that ends a triple, then the keyword: as the engine reads them
    ("SELECT * { ?s ?p 1.SERVICE <http://x/> { } }", "SELECT", False, ["http://x/"]),
    ("SELECT * { ?s ?p 1.5e3.SERVICE <http://x/> { } }", "SELECT", False, ["http://x/"]),
    ("SELECT * { ?s ?p .5.SERVICE <http://x/> { } }", "SELECT", False, ["http://x/"]),
    ("SELECT * { ?s ?p true.SERVICE <http://x/> { } }", "SELECT", False, ["http://x/"]),
    ("SELECT * { ?s ?p ?o.SERVICE <http://x/> { } }", "SELECT", False, ["http://x/"]),
    ('SELECT * { ?s ?p "o".SERVICE <http://x/> { } }', "SELECT", False, ["http://x/"]),
    ("SELECT * { ?s ?p ?o FILTER(true)SERVICE <http://x/> { } }", "SELECT", False, ["http://x/"]),
    ("PREFIX a.service: <http://e/> SELECT * { ?s a.service:x ?o }", "SELECT", False, []),
])
def test_forms_updates_and_services(text, form, update, services):
    shape = QueryShape.of(text)
    assert (shape.form, shape.is_update, shape.services) == (form, update, services)


def test_from_and_from_named():
    shape = QueryShape.of("SELECT * FROM <http://g/1> FROM NAMED <http://g/2> FROM <http://g/3> { }")
    assert shape.from_graphs == ["http://g/1", "http://g/3"] and shape.from_named == ["http://g/2"]


def test_limits_before_parsing():
    with pytest.raises(QueryRefused) as deep:
        QueryShape.of("SELECT * WHERE " + "{" * 2600 + "}" * 2600)
    assert deep.value.status == 400
    assert QueryShape.of("SELECT * WHERE " + "{" * 100 + "}" * 100).depth == 100
    with pytest.raises(QueryRefused) as long:
        QueryShape.of("ASK {}" + " " * 2000, max_length=1000)
    assert long.value.status == 413
    with pytest.raises(QueryRefused):  # \u0053ERVICE would spell SERVICE if expanded
        QueryShape.of("SELECT * { \\u0053ERVICE <http://x/> { } }")
    assert QueryShape.of('SELECT * { ?s ?p "\\u0053" }').form == "SELECT"  # inside a string it is fine


@settings(max_examples=300, deadline=2000)
@given(st.text(alphabet=st.sampled_from(list("{}()[]<>\"'#\\u:?$ \n\tSERVICEselect*.;,0123456789aé")), max_size=400))
def test_any_text_is_read_or_refused(text):
    """Random and hostile text: the scan finishes, and refuses only with QueryRefused."""
    try:
        shape = QueryShape.of(text, max_depth=32)
    except QueryRefused as refused:
        assert refused.status in (400, 413)
        return
    assert shape.depth <= 32


@settings(max_examples=200, deadline=2000)
@given(case=st.lists(st.booleans(), min_size=7, max_size=7),
       before=st.sampled_from(["", " ", "\n", "# c\n", "\t"]), silent=st.booleans())
def test_a_service_oxigraph_would_run_is_always_seen(case, before, silent):
    keyword = "".join(c.upper() if up else c.lower() for c, up in zip("service", case))
    text = f"SELECT * WHERE {{{before}{keyword}{' SILENT' if silent else ''} <http://127.0.0.1:9/> {{ ?s ?p ?o }} }}"
    assert QueryShape.of(text).services == ["http://127.0.0.1:9/"]


@pytest.mark.parametrize("module", ["kg.query_shape", "kg.result_formats"])
def test_doctests(module):
    import doctest
    import importlib

    failed, attempted = doctest.testmod(importlib.import_module(module))
    assert attempted > 0 and failed == 0
