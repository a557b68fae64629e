"""Targets, organisations, deadlines and tasks against the hand-checked golden commitments
(tests/golden/COMMITMENTS.md). Prints precision and recall per document; the floors over all
documents are in tests/test_golden_scores.py."""

import pytest

from ingest.extract import extract
from ingest.read import read
from tests.golden_compare import ROOT, commitment_files, commitment_scores, load

FILES = commitment_files()
IDS = [path.parent.name for path in FILES]


@pytest.fixture(scope="module")
def scores():
    result = {}
    for path in FILES:
        golden = load(path)
        actual = extract(read(ROOT / golden["source"])).to_json()
        result[path.parent.name] = commitment_scores(golden, actual)
    return result


def test_print_precision_and_recall_per_document(scores, capsys):
    """Shown in the test run's output (not captured)."""
    with capsys.disabled():
        print("\nprecision / recall per golden document:")
        for name, score in scores.items():
            print(f"  {name[:36]:36} " + "  ".join(f"{kind} P={p:.2f} R={r:.2f}"
                                                   for kind, (p, r, _) in score.items()))
    assert set(scores) == set(IDS)


def test_golden_commitments_cover_plans_and_real_documents():
    sources = [load(path)["source"] for path in FILES]
    assert sum("/plans/" in s for s in sources) == 5
    assert sum("/real/" in s for s in sources) >= 8


def test_nam_tu_liem_and_thanh_tri_literacy_targets_share_one_indicator():
    """ "Duy trì 99,5% trở lên người trong độ tuổi 15-60 biết chữ" (Nam Từ Liêm) and "Duy trì
    100% người trong độ tuổi 15-60 biết chữ" (Thanh Trì) are one indicator."""
    from tests.conftest import NAM_TU_LIEM, THANH_TRI

    def literacy(path):
        return {(t.year, t.value, t.comparator) for t in extract(read(path)).targets
                if t.indicator == "literacy-rate-15-60"}
    assert (2025, 99.5, "at_least") in literacy(NAM_TU_LIEM)
    assert (2025, 100.0, "maintain") in literacy(THANH_TRI)


def test_indicator_rules_and_scheme_name_the_same_concepts():
    import json
    from pathlib import Path

    from rdflib import Graph
    from rdflib.namespace import SKOS

    root = Path(__file__).resolve().parent.parent
    rules = json.loads((root / "ingest/patterns/indicators.json").read_text("utf-8"))["rules"]
    scheme = Graph().parse(root / "ontology/indicators.ttl")
    concepts = {str(n) for n in scheme.objects(None, SKOS.notation)}
    assert {rule["concept"] for rule in rules} == concepts
    for concept in scheme.subjects(SKOS.notation, None):
        languages = {label.language for label in scheme.objects(concept, SKOS.prefLabel)}
        assert languages == {"vi", "en"}, concept
