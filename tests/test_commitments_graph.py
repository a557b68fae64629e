"""The commitments in the store: evidence that quotes the source exactly, the named queries
over targets and deadlines."""

from kg import ids, named_queries
from kg.vocab import SPARQL_PREFIXES
from tests.test_store import NAM_TU_LIEM, THANH_TRI, held_document


def test_every_fact_has_evidence_quoting_its_source_at_its_offsets(corpus_store):
    rows = corpus_store.select(SPARQL_PREFIXES + """
        PREFIX oa: <http://www.w3.org/ns/oa#>
        SELECT ?fact ?kind ?text ?exact ?start ?end WHERE {
          VALUES ?kind { vnp:Target vnp:Task vnp:Assignment vnp:Deadline vnp:Objective vnp:FundingSource }
          ?fact a ?kind ; vnp:evidence/oa:hasTarget ?spot .
          ?spot oa:hasSource ?source ; oa:hasSelector ?q, ?p .
          ?q a oa:TextQuoteSelector ; oa:exact ?exact .
          ?p a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
          ?source vnp:text ?text .
        }""")
    kinds = {row["kind"].rsplit("#", 1)[1] for row in rows}
    assert {"Target", "Task", "Assignment", "Deadline"} <= kinds
    for row in rows:
        assert row["text"][int(row["start"]):int(row["end"])] == row["exact"], row["fact"]
    facts = corpus_store.select(SPARQL_PREFIXES + """
        SELECT (COUNT(DISTINCT ?fact) AS ?n) WHERE {
          VALUES ?kind { vnp:Target vnp:Task vnp:Assignment vnp:Deadline vnp:Objective vnp:FundingSource }
          ?fact a ?kind }""")
    assert len({row["fact"] for row in rows}) == int(facts[0]["n"]) > 1000


def test_literacy_indicator_across_plans_and_years(corpus_store):
    query = named_queries.get("targets-by-indicator").bind(indicator=ids.indicator_iri("literacy-rate-15-60"))
    rows = corpus_store.select(query)
    plans = {held_document(corpus_store, NAM_TU_LIEM), held_document(corpus_store, THANH_TRI)}
    found = {(r["plan"], r["year"], r["value"]) for r in rows}
    ntl, tt = held_document(corpus_store, NAM_TU_LIEM), held_document(corpus_store, THANH_TRI)
    assert (ntl, "2025", "99.5") in found and (ntl, "2030", "99.6") in found
    assert (tt, "2025", "100") in found
    assert {r["plan"] for r in rows} >= plans


def test_nam_tu_liem_yearly_report_on_15_november(corpus_store):
    rows = corpus_store.select(named_queries.get("reporting-deadlines").text)
    plan = held_document(corpus_store, NAM_TU_LIEM)
    yearly = [r for r in rows if r["document"] == plan and r["day"] == "15" and r["month"] == "11"]
    assert len(yearly) == 1
    report = yearly[0]
    assert report["recurrence"].endswith("#yearly")
    assert "trường" in report["actor"].lower()
    assert "giáo dục và đào tạo" in report["recipient"].lower()


def test_one_organisation_s_deadline_queries_are_those_of_every_deadline_narrowed():
    """deadlines and deadline-party-names have an "-of-organisation" twin
    (kg.commitments.all_deadlines with an organisation): the same text but one FILTER line."""
    def body(query):
        return [line for line in query.text.splitlines() if not line.startswith("#")]
    for name in ("deadlines", "deadline-party-names"):
        every, narrowed = named_queries.internal(name), named_queries.internal(f"{name}-of-organisation")
        added = [line for line in body(narrowed) if line not in body(every)]
        assert len(added) == 1 and added[0].strip().startswith("FILTER EXISTS") and "?organisation" in added[0]
        assert [line for line in body(narrowed) if line not in added] == body(every)
        assert every.parameters == () and narrowed.parameters == ("organisation",)
