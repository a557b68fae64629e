"""The corpus in the store: counts, identity of cited documents, the Hà Nội cascade, atomic
and idempotent writes."""

import pytest
from pyoxigraph import NamedNode

from kg import ids, named_queries
from kg.ingestion import ingest_files
from kg.lineage import lineage
from kg.store import GraphStore
from kg.vocab import PROV
from tests.conftest import NAM_TU_LIEM, PLANS, THANH_TRI

PREFIX = """PREFIX vnp: <https://vnpolicy.example.org/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
KH52 = "https://vnpolicy.example.org/doc/vn-ha-noi/kh/52-kh-ubnd"
KH1057 = "https://vnpolicy.example.org/doc/vn-ha-noi/kh/2024/1057-kh-sgddt"
NQ23 = "https://vnpolicy.example.org/doc/vn-ha-noi/nq/2023/23-nq-tu"
KL49 = "https://vnpolicy.example.org/doc/vn/kl/2019/49-kl-tw"
CT11 = "https://vnpolicy.example.org/doc/vn/ct/2007/11-ct-tw"
QD1373 = "https://vnpolicy.example.org/doc/vn/qd/2021/1373-qd-ttg"
DE_AN = "https://vnpolicy.example.org/doc/vn/da/xay-dung-xa-hoi-hoc-tap-giai-doan-2021-2030"


def held_document(store, path) -> str:
    rows = store.select(PREFIX + f"""SELECT ?d WHERE {{ ?d vnp:extractedFrom ?s . ?s vnp:sourcePath ?p
                                   FILTER(STRENDS(?p, "{path.name}")) }}""")
    assert len(rows) == 1, rows
    return rows[0]["d"]


def test_all_85_documents_are_held(corpus_store):
    assert corpus_store.count_documents() == 85


def test_nam_tu_liem_lineage_through_sparql(corpus_store):
    plan = held_document(corpus_store, NAM_TU_LIEM)
    query = named_queries.get("lineage-up").bind(doc=NamedNode(plan))
    edges = {(r["from"], r["relation"], r["to"]) for r in corpus_store.select(query)}
    implements = "https://vnpolicy.example.org/ontology#implements"
    assert (plan, implements, KH52) in edges
    assert (plan, implements, KH1057) in edges
    assert (KH1057, implements, KH52) in edges
    assert (KH52, implements, NQ23) in edges
    # 49-KL/TW and 1373/QĐ-TTg are named in the plan's purpose and objectives, not its preamble:
    # the plan cites them, the verb stays on the citation (vnp:statedByVerb), no implements edge
    assert not {(plan, implements, KL49), (plan, implements, QD1373)} & edges
    assert corpus_store.select(PREFIX + f"SELECT * {{ <{KL49}> vnp:continues <{CT11}> . <{QD1373}> vnp:approves <{DE_AN}> . "
                                        f"<{plan}> eli:cites <{KL49}>, <{QD1373}> }}")


def test_nam_tu_liem_lineage_object(corpus_store):
    result = lineage(corpus_store, held_document(corpus_store, NAM_TU_LIEM))
    edges = {(e.source, e.relation, e.target) for e in result.edges}
    assert {(KH1057, "implements", KH52), (KH52, "implements", NQ23)} <= edges
    assert {KH52, KH1057, NQ23} <= set(result.ancestors)


def test_both_hanoi_district_plans_meet_at_one_52_node(corpus_store):
    for plan_file in (NAM_TU_LIEM, THANH_TRI):
        plan = held_document(corpus_store, plan_file)
        rows = corpus_store.select(PREFIX + f"SELECT ?o WHERE {{ <{plan}> vnp:implements ?o }}")
        assert KH52 in {r["o"] for r in rows}
    nodes = corpus_store.select(PREFIX + 'SELECT DISTINCT ?d WHERE { ?d eli:number "52/KH-UBND" }')
    assert [r["d"] for r in nodes] == [KH52]


def test_a_programme_is_one_node_under_its_approving_decision(corpus_store):
    below = lineage(corpus_store, QD1373).descendants
    assert DE_AN in below
    assert held_document(corpus_store, PLANS / "phuyen-dong-hoa-ubnd-2022-kh-qd1373.txt") in below


def test_circular_cited_with_and_without_year_is_one_node(tmp_path):
    one = tmp_path / "a.txt"
    one.write_text("KẾ HOẠCH\nThực hiện\n\nCăn cứ Thông tư số 44/TT-BGDĐT ngày 12/12/2014 của Bộ Giáo dục và Đào tạo;\n",
                   encoding="utf-8")
    two = tmp_path / "b.txt"
    two.write_text("KẾ HOẠCH\nKhác\n\nCăn cứ Thông tư số 44/2014/TT-BGDĐT của Bộ Giáo dục và Đào tạo;\n",
                   encoding="utf-8")
    store = GraphStore(tmp_path / "store")
    assert ingest_files(store, [one, two]).ok
    rows = store.select(PREFIX + "SELECT DISTINCT ?d WHERE { ?x eli:based_on ?d }")
    assert [r["d"] for r in rows] == ["https://vnpolicy.example.org/doc/vn/tt/2014/44-tt-bgddt"]


@pytest.mark.parametrize("name,data", [
    ("empty.txt", b""),
    ("binary.txt", b"\x00\x01\x02\x03" * 64),
    ("image.png", b"\x89PNG\r\n\x1a\n"),
    ("latin1.txt", "Kế hoạch".encode("utf-8") + b"\xff\xfe junk"),
    ("scan.pdf", b"%PDF-1.4\n%%EOF\n"),
])
def test_bad_input_leaves_the_store_unchanged(tmp_path, name, data):
    store = GraphStore(tmp_path / "store")
    assert ingest_files(store, [NAM_TU_LIEM]).ok
    before = store.quads()
    bad = tmp_path / name
    bad.write_bytes(data)
    report = ingest_files(store, [bad])
    assert not report.ok and str(bad) in report.errors[0]
    assert store.quads() == before


def test_missing_file_is_reported(tmp_path):
    store = GraphStore(tmp_path / "store")
    report = ingest_files(store, [tmp_path / "nope.txt"])
    assert report.errors == [f"{tmp_path / 'nope.txt'}: no such file"]


def test_one_bad_file_in_a_batch_the_good_ones_are_ingested(tmp_path):
    store = GraphStore(tmp_path / "store")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    report = ingest_files(store, [NAM_TU_LIEM, bad, THANH_TRI])
    assert [i.path for i in report.ingested] == [str(NAM_TU_LIEM), str(THANH_TRI)]
    assert len(report.errors) == 1 and str(bad) in report.errors[0]
    graphs = {g.value for g in store.named_graphs()}
    assert len(graphs) == 3  # two sources and the curated graph, nothing of the bad file


def test_reingest_replaces_the_graph_and_changes_nothing(tmp_path):
    store = GraphStore(tmp_path / "store")
    ingest_files(store, [NAM_TU_LIEM])
    first = store.quads()
    ingest_files(store, [NAM_TU_LIEM])
    assert store.quads() == first


def test_a_file_read_again_as_it_was_writes_nothing_and_a_graph_that_differs_is_written_again(tmp_path):
    """Re-ingesting a file whose graph the store holds as built writes nothing (the store is not
    updated at all); a held graph that differs from what the file builds now (here one triple
    taken out of it, as rules that changed would differ) is replaced, and the store is as a
    first ingest left it."""
    store = GraphStore(tmp_path / "store")
    assert [i.unchanged for i in ingest_files(store, [NAM_TU_LIEM, THANH_TRI]).ingested] == [False, False]
    first, generation = store.quads(), store.generation
    report = ingest_files(store, [THANH_TRI, NAM_TU_LIEM])
    assert report.ok and [i.unchanged for i in report.ingested] == [True, True]
    assert store.generation == generation and store.quads() == first
    graph = report.ingested[1].graph
    store.store.update(f"DELETE {{ GRAPH <{graph}> {{ ?d <http://data.europa.eu/eli/ontology#number> ?n }} }} "
                       f"WHERE {{ GRAPH <{graph}> {{ ?d <http://data.europa.eu/eli/ontology#number> ?n }} }}")
    assert store.quads() != first
    report = ingest_files(store, [THANH_TRI, NAM_TU_LIEM])
    assert [i.unchanged for i in report.ingested] == [True, False]
    assert store.quads() == first


def test_a_changed_file_replaces_its_old_graph(tmp_path):
    store = GraphStore(tmp_path / "store")
    copy = tmp_path / "plan.txt"
    copy.write_text(NAM_TU_LIEM.read_text("utf-8"), "utf-8")
    ingest_files(store, [copy])
    copy.write_text(NAM_TU_LIEM.read_text("utf-8").replace("1057/KH-SGDĐT", "1058/KH-SGDĐT"), "utf-8")
    ingest_files(store, [copy])
    sources = store.select(PREFIX + "SELECT ?g WHERE { GRAPH ?g { ?g a vnp:SourceFile } }")
    assert len(sources) == 1
    numbers = {r["n"] for r in store.select(  # what the source graphs say, not the curated authority data
        PREFIX + f"SELECT ?n WHERE {{ GRAPH ?g {{ ?d eli:number ?n }} FILTER(?g != {ids.CURATED_GRAPH}) }}")}
    assert "1058/KH-SGDĐT" in numbers and "1057/KH-SGDĐT" not in numbers


def test_unresolved_reference_is_kept_apart(tmp_path):
    text = "KẾ HOẠCH\nVề việc X\n\nThực hiện Kế hoạch số 98/KH-UBND ngày 20/5/2022;\n"
    path = tmp_path / "plan.txt"
    path.write_text(text, "utf-8")
    store = GraphStore(tmp_path / "store")
    ingest_files(store, [path])
    rows = store.select(PREFIX + "SELECT ?d ?raw WHERE { ?d a vnp:UnresolvedReference ; vnp:rawReference ?raw }")
    assert [r["raw"] for r in rows] == ["98/KH-UBND"]
    assert "/ref/" in rows[0]["d"]


def test_document_ids_round_trip():
    iri = ids.document_iri("vn", "QĐ", 2021, "1373/QĐ-TTg")
    assert ids.document_from_path(ids.document_path(iri.value)) == iri


def test_authority_facts_are_stated_by_their_sources():
    """Every curated document's quote is in the corpus text its dcterms:source names, and
    the quote states the number, the date and the title given."""
    from rdflib import Graph, URIRef

    from ingest.read import read
    from tests.conftest import CORPUS

    eli = "http://data.europa.eu/eli/ontology#"
    graph = Graph().parse(CORPUS.parent.parent / "ontology" / "authority" / "documents.ttl")
    quotes = list(graph.subject_objects(URIRef("https://vnpolicy.example.org/ontology#sourceQuote")))
    assert len(quotes) >= 16
    for document, quote in quotes:
        source = str(graph.value(document, URIRef("http://purl.org/dc/terms/source"))).split("/corpus/", 1)[1]
        text = " ".join(read(CORPUS / source).text.split())
        assert str(quote) in text, document
        number = graph.value(document, URIRef(eli + "number"))
        if number is not None:
            assert str(number).replace("/2014", "") in str(quote)
        label = str(graph.value(document, URIRef("http://www.w3.org/2000/01/rdf-schema#label")))
        if "“" in label:  # a programme: its title
            assert label[label.index("“"):] in str(quote)
        date = graph.value(document, URIRef(eli + "date_document"))
        if date is not None:
            year, month, day = str(date).split("-")
            spoken = str(quote).replace("/0", "/").replace(" 0", " ")
            assert f"{int(day)}/{int(month)}/{year}" in spoken or \
                f"{int(day)} tháng {int(month)} năm {year}" in spoken, document


def test_the_default_graph_is_a_set_union_of_the_named_graphs(corpus_store):
    """A triple several files state (a cited directive's number) comes back once; the default
    graph holds exactly the distinct triples of the named graphs."""
    count = corpus_store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"]
    distinct = corpus_store.select("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }")[0]["n"]
    in_graphs = corpus_store.select(
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }")[0]["n"]
    assert count == distinct == in_graphs
    numbers = corpus_store.select(PREFIX + f"SELECT ?n WHERE {{ <{QD1373}> eli:number ?n }}")
    stated_by = corpus_store.select(PREFIX + f"SELECT ?g WHERE {{ GRAPH ?g {{ <{QD1373}> eli:number ?n }} }}")
    assert len(numbers) == 1 and len(stated_by) > 1


def test_a_triple_leaves_the_default_graph_with_the_last_graph_that_states_it(tmp_path):
    from pyoxigraph import Literal, Quad

    store = GraphStore(tmp_path / "store")
    shared = (NamedNode(KH52), NamedNode("http://data.europa.eu/eli/ontology#number"), Literal("52/KH-UBND"))
    own = (NamedNode(KH1057), NamedNode("http://data.europa.eu/eli/ontology#number"), Literal("1057/KH-SGDĐT"))
    one, two = NamedNode(ids.BASE + "graph/one"), NamedNode(ids.BASE + "graph/two")
    from kg.vocab import VNP

    def source(graph, path):  # what makes a graph the graph of a file
        return Quad(graph, NamedNode(str(VNP.sourcePath)), Literal(path), graph)

    store.replace_source("one.txt", one, [source(one, "one.txt"), Quad(*shared, one), Quad(*own, one)])
    store.replace_source("two.txt", two, [source(two, "two.txt"), Quad(*shared, two)])
    assert store.default_graph_size() == 4 and len(store) == 5
    store.replace_source("one.txt", NamedNode(ids.BASE + "graph/one-changed"), [])
    assert [r["n"] for r in store.select(PREFIX + "SELECT ?n WHERE { ?d eli:number ?n }")] == ["52/KH-UBND"]
    store.replace_source("two.txt", NamedNode(ids.BASE + "graph/two-changed"), [])
    assert store.default_graph_size() == 0 and len(store) == 0


def test_a_store_written_with_an_empty_default_graph_gets_the_union_when_opened(tmp_path):
    import pyoxigraph

    raw = pyoxigraph.Store(str(tmp_path / "store"))
    graph = NamedNode(ids.BASE + "graph/old")
    for name in ("a", "b"):
        raw.add(pyoxigraph.Quad(NamedNode(ids.BASE + name), NamedNode(ids.BASE + "p"), pyoxigraph.Literal("x"),
                                NamedNode(ids.BASE + "graph/" + name)))
    raw.add(pyoxigraph.Quad(NamedNode(ids.BASE + "a"), NamedNode(ids.BASE + "p"), pyoxigraph.Literal("x"), graph))
    del raw
    store = GraphStore(tmp_path / "store")
    assert store.default_graph_size() == 2 and len(store) == 3


def test_parallel_bulk_ingest_writes_what_file_by_file_replacing_writes(tmp_path):
    """Two workers building graphs, written with the bulk loader into a fresh store, give the
    same quads and the same default graph (the union) as writing file by file into a store
    that already held them; a file named twice and a bad file change nothing of that."""
    from ingest.extraction_pool import ExtractionPool
    from kg.ingestion import BUILD_STEP

    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01" * 64)
    files = sorted(PLANS.iterdir()) + [bad, NAM_TU_LIEM]
    bulk = GraphStore(tmp_path / "bulk")
    with ExtractionPool(workers=2, then=BUILD_STEP) as pool:
        report = ingest_files(bulk, files, pool=pool)
    assert [e.split(":")[0] for e in report.errors] == [str(bad)]
    assert [i.path for i in report.ingested] == [str(p) for p in files if p != bad]  # in the order given
    one_by_one = GraphStore(tmp_path / "one-by-one")
    assert ingest_files(one_by_one, [NAM_TU_LIEM]).ok  # not fresh: every file replaces
    assert not one_by_one.accepts_bulk_load()
    assert ingest_files(one_by_one, sorted(PLANS.iterdir())).ok
    timed = [{q for q in store.quads() if str(PROV.generatedAtTime) in q} for store in (bulk, one_by_one)]
    graphs = {str(g) for g in bulk.named_graphs() if g != ids.CURATED_GRAPH}
    for times in timed:  # each file's graph records when it was written, once (the times differ)
        assert sorted(q.split()[0] for q in times) == sorted(graphs)
    assert bulk.quads() - timed[0] == one_by_one.quads() - timed[1]
    assert bulk.default_graph_size() == one_by_one.default_graph_size()
    assert len(bulk.store) == len(one_by_one.store)


def test_bulk_batches_load_in_the_background_the_same_quads_and_a_failed_load_is_raised(tmp_path, monkeypatch):
    """With a batch a file, each file's batch loads while the next file is written: the store
    ends as with one batch; a load that fails stops the ingest with its error, not lost in the
    loader's thread."""
    import kg.ingestion

    files = sorted(PLANS.iterdir())
    whole = GraphStore(tmp_path / "whole")
    assert ingest_files(whole, files).ok
    monkeypatch.setattr(kg.ingestion, "BULK_BATCH", 1)
    batched = GraphStore(tmp_path / "batched")
    loads = []
    load = batched.bulk_load_nquads
    monkeypatch.setattr(batched, "bulk_load_nquads", lambda nquads: (loads.append(len(nquads)), load(nquads)))
    assert ingest_files(batched, files).ok
    assert len(loads) == len(files)
    untimed = [{q for q in s.quads() if str(PROV.generatedAtTime) not in q} for s in (whole, batched)]
    assert untimed[0] == untimed[1] and whole.default_graph_size() == batched.default_graph_size()

    failing = GraphStore(tmp_path / "failing")
    load_first = failing.bulk_load_nquads

    def full_disk(nquads):
        if loads:
            raise OSError("No space left on device")
        loads.append(len(nquads))
        load_first(nquads)
    loads.clear()
    monkeypatch.setattr(failing, "bulk_load_nquads", full_disk)
    with pytest.raises(OSError, match="No space left"):
        ingest_files(failing, files)


def test_a_files_default_graph_copies_are_its_lines_without_the_graph_name():
    """A file's N-Quads are written from its triples' terms: the same bytes as pyoxigraph's
    serialiser, whatever a literal holds."""
    import pyoxigraph
    from types import SimpleNamespace
    from kg.ingestion import _with_default_copies

    graph, s, p = NamedNode(ids.BASE + "graph/g"), NamedNode(ids.BASE + "s"), NamedNode(ids.BASE + "p")
    objects = [pyoxigraph.Literal(f"ends like a quad: {graph} .\nand goes on"),   # a line break in a literal
               pyoxigraph.Literal('a "quote", a \\ backslash,\r a tab\t and Việt Nam', language="vi"),
               pyoxigraph.Literal("12", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
               graph]
    triples = [(s, p, o) for o in objects]
    written = _with_default_copies(SimpleNamespace(graph=graph, triples=triples))
    quads = [pyoxigraph.Quad(*triple, graph) for triple in triples]
    assert written == (pyoxigraph.serialize(quads, format=pyoxigraph.RdfFormat.N_QUADS)
                       + pyoxigraph.serialize([pyoxigraph.Triple(*t) for t in triples], format=pyoxigraph.RdfFormat.N_TRIPLES))
