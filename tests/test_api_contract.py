"""The API against its own OpenAPI description, with schemathesis: every check (no server
error, status codes, content types, response schemas and headers as documented, valid data
accepted and invalid data rejected, unsupported methods answered 405 with the right Allow,
auth not ignored ...), for positive and negative data and its coverage phase, over every
operation but those in EXCLUDED, on a store of the five sample plans and two real documents.

Bounded and repeatable: at most MAX_EXAMPLES generated cases per operation, a fixed seed, no
example database; the whole module takes well under a minute on one core.

The app is made when this module is imported (schemathesis reads its OpenAPI description
then); its store is put in by the fixture below, before the first case runs.
"""

from __future__ import annotations

import pytest
import schemathesis

from api.app import create_app
from tests.conftest import NAM_TU_LIEM, PLANS, REAL, THANH_TRI

EXCLUDED: list[str] = []  # every operation is tested
MAX_EXAMPLES = 25
SEED = 20261109
TOKEN = "contract-test-token"

CONFIG = schemathesis.Config.from_dict({
    "seed": SEED,
    "generation": {"mode": "all", "max-examples": MAX_EXAMPLES, "database": "none"},
    "phases": {"stateful": {"enabled": False}},
    # A query is a string to the schema but must be SPARQL: most strings schemathesis makes are
    # not, and are rightly refused with 400. Every other check holds for /sparql as for the rest.
    "operations": [{"include-path": "/sparql", "checks": {"positive_data_acceptance": {
        "expected-statuses": [200, 400, 406, 413, 503]}}}],
})



@schemathesis.serializer("application/sparql-query")
def sparql_query_body(context, value):
    """A SPARQL query sent as the body (POST /sparql): the text, UTF-8."""
    return {"data": value if isinstance(value, bytes) else str(value).encode("utf-8")}


app = create_app(None, admin_token=TOKEN)  # store and uploads folder: set by the fixture
schema = schemathesis.openapi.from_asgi("/openapi.json", app, config=CONFIG)
for path in EXCLUDED:
    schema = schema.exclude(path=path)


@pytest.fixture(scope="module", autouse=True)
def small_store(tmp_path_factory):
    from kg.ingestion import ingest_files
    from kg.store import GraphStore

    folder = tmp_path_factory.mktemp("contract")
    store = GraphStore(folder / "store")
    documents = [NAM_TU_LIEM, THANH_TRI, PLANS / "phuyen-dong-hoa-ubnd-2022-kh-qd1373.txt",
                 REAL / "57-nq-tw--04a1d4cd.md", REAL / "552-kh-ubnd--19206835.md"]
    assert ingest_files(store, documents).ok
    app.state.store, app.state.uploads = store, folder / "uploads"
    yield store
    app.state.store = None


def test_the_description_has_every_operation_and_no_empty_schema():
    described = app.openapi()
    operations = [(method.upper(), path) for path, item in described["paths"].items() for method in item]
    assert ("GET", "/documents/{doc_id}") in operations and ("POST", "/documents") in operations
    assert len(operations) >= 30  # one per named query among them
    for method, path in operations:
        if path in EXCLUDED:
            continue
        for status, response in described["paths"][path][method.lower()]["responses"].items():
            for media, content in response.get("content", {}).items():
                assert content.get("schema"), (method, path, status, media)


@schema.parametrize()
def test_api_conforms_to_its_description(case):
    case.call_and_validate()
