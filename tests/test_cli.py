"""The `kg` command: the extraction contract, exit codes, messages naming files."""

import csv
import ctypes
import gc
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.vocab import ELI
from tests.conftest import NAM_TU_LIEM, ROOT, THANH_TRI

runner = CliRunner()
CONTRACT = {
    "source": {"path", "sha256", "chars"},
    "document": {"type", "type_label", "number", "issuer", "place", "date", "year", "title"},
    "references": {"ref", "type", "number", "issuer", "date", "title", "span"},
    "relations": {"subject", "predicate", "object", "span"},
    "targets": {"text", "indicator", "value", "value_max", "unit", "comparator", "year", "scope", "section", "span"},
    "tasks": {"heading", "text", "span"},
    "organisations": {"name", "role", "span"},
    "deadlines": {"text", "day", "month", "year", "recurrence", "actor", "recipient", "span"},
}


def test_extract_json_keeps_the_contract_keys_in_argument_order():
    result = runner.invoke(app, ["extract", str(THANH_TRI), str(NAM_TU_LIEM), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [d["source"]["path"] for d in data] == [str(THANH_TRI), str(NAM_TU_LIEM)]
    for item in data:
        assert set(CONTRACT) <= set(item)
        assert CONTRACT["source"] <= set(item["source"])
        assert CONTRACT["document"] <= set(item["document"])
        for reference in item["references"]:
            assert CONTRACT["references"] <= set(reference)
        for key in ("targets", "tasks", "organisations", "deadlines"):
            assert item[key], key
            for record in item[key]:
                assert CONTRACT[key] <= set(record), key
        for relation in item["relations"]:
            assert CONTRACT["relations"] <= set(relation)
            assert relation["predicate"] in {"implements", "based_on", "continues", "approves", "aligns_with",
                                             "cites", "amends", "repeals"}


def test_extract_with_text_gives_the_text_spans_point_into():
    result = runner.invoke(app, ["extract", str(NAM_TU_LIEM), "--json", "--with-text"])
    item = json.loads(result.stdout)[0]
    text = item["source"]["text"]
    for reference in item["references"]:
        start, end = reference["number_span"] or reference["span"]
        assert text[start:end]


def test_extract_bad_file_names_it_and_exits_1(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["extract", str(empty), str(NAM_TU_LIEM), "--json"])
    assert result.exit_code == 1
    assert f"{empty}: empty file" in result.stderr
    assert len(json.loads(result.stdout)) == 1  # the good file is still reported


def test_extract_on_several_workers_writes_what_one_writes_in_the_order_given(tmp_path):
    """`kg extract --jobs 2` reads two files at once and writes each result as it comes: the
    same bytes as one worker, in the order of the arguments, a bad file's error said in its
    turn, and the JSON the whole list would dump to (an array, indented as json.dumps)."""
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    files = [str(THANH_TRI), str(empty), str(NAM_TU_LIEM), str(THANH_TRI)]
    one, two = (runner.invoke(app, ["extract", *files, "--json", "--jobs", jobs]) for jobs in ("1", "2"))
    assert one.exit_code == two.exit_code == 1
    assert two.stdout == one.stdout and two.stderr == one.stderr == f"error: {empty}: empty file\n"
    data = json.loads(two.stdout)
    assert [d["source"]["path"] for d in data] == [str(THANH_TRI), str(NAM_TU_LIEM), str(THANH_TRI)]
    assert two.stdout == json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    nothing = runner.invoke(app, ["extract", str(empty), "--json", "--jobs", "2"])
    assert nothing.exit_code == 1 and nothing.stdout == "[]\n"
    summary = runner.invoke(app, ["extract", *files, "--jobs", "2"])
    assert [line.split(":")[0] for line in summary.stdout.splitlines() if not line.startswith(" ")] == \
        [str(THANH_TRI), str(NAM_TU_LIEM), str(THANH_TRI)]


def test_ingest_reports_and_exits_1_on_a_bad_file(tmp_path):
    bad = tmp_path / "x.doc"
    bad.write_bytes(b"old word file")
    store = tmp_path / "store"
    result = runner.invoke(app, ["ingest", str(NAM_TU_LIEM), str(bad), "--store", str(store)])
    assert result.exit_code == 1
    assert f"{bad}: unsupported file type '.doc'" in result.stderr
    assert f"ok {NAM_TU_LIEM}" in result.stdout
    assert "1 files ingested, 1 errors" in result.stdout
    per_file = re.search(r"ok .*: (\d+) references \((\d+) unresolved\)", result.stdout)
    total = re.search(r"references: (\d+) resolved, (\d+) unresolved", result.stdout)
    cited, unresolved = int(per_file[1]), int(per_file[2])
    assert cited > 0 and (int(total[1]), int(total[2])) == (cited - unresolved, unresolved)


@pytest.fixture
def unreadable_file(tmp_path):
    """A document chmod 000 beside a readable one."""
    locked, good = tmp_path / "locked.txt", tmp_path / "good.txt"
    shutil.copy(NAM_TU_LIEM, locked)
    shutil.copy(THANH_TRI, good)
    locked.chmod(0o000)
    yield locked, good
    locked.chmod(0o600)


PR_CAPBSET_DROP, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 24, 1, 2  # <linux/prctl.h>, <linux/capability.h>


def _without_file_permission_override() -> None:
    """In the child before exec: drop the capabilities that let root read any file, so the
    command meets chmod 000 as every other user does."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def run_as_reader(*args: str) -> subprocess.CompletedProcess:
    """The installed kg, unable to read a chmod 000 file even when the tests run as root."""
    drop = _without_file_permission_override if os.geteuid() == 0 else None
    return subprocess.run([str(Path(sys.executable).parent / "kg"), *args], capture_output=True, text=True,
                          cwd=ROOT, preexec_fn=drop)


def test_an_unreadable_file_is_named_and_the_others_are_still_read(unreadable_file):
    locked, good = unreadable_file
    result = run_as_reader("extract", str(locked), str(good), "--json")
    assert result.returncode == 1, result.stderr
    assert f"error: {locked}: cannot be read (Permission denied)" in result.stderr
    assert "Traceback" not in result.stderr
    assert [item["source"]["path"] for item in json.loads(result.stdout)] == [str(good)]


def test_ingest_of_an_unreadable_file_stores_the_others(unreadable_file):
    locked, good = unreadable_file
    result = run_as_reader("ingest", str(locked), str(good), "--store", str(locked.parent / "store"))
    assert result.returncode == 1, result.stderr
    assert f"error: {locked}: cannot be read (Permission denied)" in result.stderr
    assert f"ok {good}" in result.stdout and "1 files ingested, 1 errors" in result.stdout
    assert "1 documents held" in result.stdout


def test_query_formats(tmp_path):
    store = tmp_path / "store"
    assert runner.invoke(app, ["ingest", str(NAM_TU_LIEM), "--store", str(store)]).exit_code == 0
    query = tmp_path / "q.rq"
    query.write_text('SELECT DISTINCT ?d WHERE { ?d <http://data.europa.eu/eli/ontology#number> "52/KH-UBND" }')
    table = runner.invoke(app, ["query", str(query), "--store", str(store)])
    assert "52-kh-ubnd" in table.stdout and "(1 rows)" in table.stdout
    as_csv = runner.invoke(app, ["query", str(query), "--store", str(store), "--format", "csv"])
    assert as_csv.stdout.splitlines()[0] == "d"
    as_json = runner.invoke(app, ["query", "--store", str(store), "--format", "json"], input=query.read_text())
    assert json.loads(as_json.stdout)["results"]["bindings"]
    bad = runner.invoke(app, ["query", "--store", str(store)], input="SELEKT")
    assert bad.exit_code == 3 and "query failed" in bad.stderr


def test_every_subcommand_has_help():
    for command in ("extract", "ingest", "query", "serve"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0 and "Usage" in result.stdout


def test_the_installed_kg_command_runs():
    kg = Path(sys.executable).parent / "kg"
    result = subprocess.run([str(kg), "--help"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0 and "ingest" in result.stdout


def test_export_command(tmp_path):
    store = tmp_path / "store"
    assert runner.invoke(app, ["ingest", str(NAM_TU_LIEM), "--store", str(store)]).exit_code == 0
    out = tmp_path / "t.csv"
    result = runner.invoke(app, ["export", "targets.csv", "--out", str(out), "--store", str(store)])
    assert result.exit_code == 0 and out.read_bytes().startswith(b"\xef\xbb\xbf")
    with out.open(encoding="utf-8-sig", newline="") as read:
        assert next(csv.reader(read))[0] == "document"
    assert runner.invoke(app, ["export", "pdf", "--store", str(store)]).exit_code == 2
    nowhere = tmp_path / "no-such-folder" / "t.csv"
    result = runner.invoke(app, ["export", "targets.csv", "--out", str(nowhere), "--store", str(store)])
    assert result.exit_code == 2 and f"error: {nowhere}: cannot be written (No such file or directory)" in result.stderr


@pytest.fixture(autouse=True)
def let_go_of_stores():
    """CliRunner keeps a command's exit exception, whose traceback holds (in a reference
    cycle) the frame with the store the command opened: free it before the next command
    opens the store again in this process (a real `kg` process ends instead)."""
    yield
    gc.collect()


@pytest.fixture(scope="module")
def plan_store(tmp_path_factory):
    """A store with the Nam Từ Liêm plan."""
    store = tmp_path_factory.mktemp("plan") / "store"
    assert runner.invoke(app, ["ingest", str(NAM_TU_LIEM), "--store", str(store)]).exit_code == 0
    return store


def test_version():
    from importlib.metadata import version

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == f"kg (vn-policy-kg) {version('vn-policy-kg')}"


def test_read_commands_never_create_a_store(tmp_path):
    typo = tmp_path / "stor"
    for command in (["query", "--store", str(typo)], ["export", "trig", "--store", str(typo)]):
        result = runner.invoke(app, command, input="ASK {}")
        assert result.exit_code == 3, result.output
        assert f"error: {typo}: no such store" in result.stderr
        assert not typo.exists()
    folder = tmp_path / "not-a-store"
    folder.mkdir()
    result = runner.invoke(app, ["query", "--store", str(folder)], input="ASK {}")
    assert result.exit_code == 3 and f"error: {folder}: not a store" in result.stderr
    assert list(folder.iterdir()) == []


def test_a_store_another_process_has_open_is_exit_3_with_a_message(plan_store):
    """`kg serve` and `kg query` as separate processes while this one holds the store."""
    from kg.store import GraphStore

    holder = GraphStore(plan_store)
    kg = str(Path(sys.executable).parent / "kg")
    try:
        for command in (["serve", "--store", str(plan_store), "--port", "1"], ["query", "--store", str(plan_store)]):
            result = subprocess.run([kg, *command], input="ASK {}", capture_output=True, text=True, cwd=ROOT,
                                    timeout=60)
            assert result.returncode == 3, (command, result.stderr)
            assert f"error: {plan_store}: cannot open the store" in result.stderr
            assert "kg serve" in result.stderr and "Traceback" not in result.stderr
    finally:
        del holder


def test_a_missing_query_file_is_wrong_usage(tmp_path, plan_store):
    for path, problem in ((tmp_path / "missing.rq", "no such file"), (tmp_path, "is a folder, not a file")):
        result = runner.invoke(app, ["query", str(path), "--store", str(plan_store)])
        assert result.exit_code == 2 and f"error: {path}: {problem}" in result.stderr
        assert result.exception is None or isinstance(result.exception, SystemExit)
    latin1 = tmp_path / "latin1.rq"
    latin1.write_bytes("SELECT * WHERE { ?s ?p 'Hà' }".encode("latin-1"))
    result = runner.invoke(app, ["query", str(latin1), "--store", str(plan_store)])
    assert result.exit_code == 2 and f"error: {latin1}: not UTF-8 text" in result.stderr


NUMBERS = f"WHERE {{ ?d <{ELI.number}> ?n }}"
CONSTRUCT = f"CONSTRUCT {{ ?d <{ELI.number}> ?n }} {NUMBERS}"


@pytest.mark.parametrize("fmt,rdflib_format", [("table", "turtle"), ("ttl", "turtle"), ("nt", "nt"),
                                               ("xml", "xml"), ("json", "json-ld")])
def test_every_graph_format_is_honoured_for_construct(plan_store, fmt, rdflib_format):
    from rdflib import Graph, Literal, URIRef


    result = runner.invoke(app, ["query", "--store", str(plan_store), "-f", fmt], input=CONSTRUCT)
    assert result.exit_code == 0, result.output
    graph = Graph().parse(data=result.stdout, format=rdflib_format)
    select = runner.invoke(app, ["query", "--store", str(plan_store), "-f", "csv"], input=f"SELECT DISTINCT ?d ?n {NUMBERS}")
    expected = {(URIRef(d), Literal(n)) for d, n in list(csv.reader(io.StringIO(select.stdout)))[1:]}
    assert len(expected) > 1 and Literal("52/KH-UBND") in {n for _, n in expected}
    assert set(graph.subject_objects(ELI.number)) == expected
    assert len(graph) == len(expected)


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_a_format_a_graph_cannot_take_is_a_clear_error(plan_store, fmt):
    result = runner.invoke(app, ["query", "--store", str(plan_store), "-f", fmt], input=CONSTRUCT)
    assert result.exit_code == 2
    assert f"error: --format {fmt} is not for CONSTRUCT/DESCRIBE results; use one of table, ttl, nt, xml, json" \
        in result.stderr
    assert result.stdout == ""


def test_ask_honours_the_results_formats(plan_store):
    ask = f'ASK {{ ?d <{ELI.number}> "52/KH-UBND" }}'
    expected = {"table": "true\n", "csv": "true", "tsv": "true"}
    for fmt in ("table", "csv", "tsv"):
        result = runner.invoke(app, ["query", "--store", str(plan_store), "-f", fmt], input=ask)
        assert result.exit_code == 0 and result.stdout == expected[fmt], fmt
    as_json = runner.invoke(app, ["query", "--store", str(plan_store), "-f", "json"], input=ask)
    assert json.loads(as_json.stdout)["boolean"] is True
    as_xml = runner.invoke(app, ["query", "--store", str(plan_store), "-f", "xml"], input=ask)
    assert "<boolean>true</boolean>" in as_xml.stdout
    turtle = runner.invoke(app, ["query", "--store", str(plan_store), "-f", "ttl"], input=ask)
    assert turtle.exit_code == 2 and "is not for ASK results" in turtle.stderr


def test_select_in_rdf_xml_is_sparql_results_xml(plan_store):
    select = f'SELECT ?d WHERE {{ ?d <{ELI.number}> "52/KH-UBND" }}'
    result = runner.invoke(app, ["query", "--store", str(plan_store), "-f", "xml"], input=select)
    assert result.exit_code == 0 and 'xmlns="http://www.w3.org/2005/sparql-results#"' in result.stdout
    assert runner.invoke(app, ["query", "--store", str(plan_store), "-f", "nt"], input=select).exit_code == 2


def test_a_folder_and_server_endpoints_together_are_wrong_usage(plan_store):
    both = runner.invoke(app, ["query", "--store", str(plan_store), "--query-url", "http://127.0.0.1:1/sparql"],
                         input="ASK {}")
    assert both.exit_code == 2 and f"--store {plan_store} is a folder, but --query-url" in both.stderr
    from_environment = runner.invoke(app, ["export", "trig", "--store", str(plan_store)], input="ASK {}",
                                     env={"VNPKG_QUERY_URL": "http://127.0.0.1:1/sparql"})
    assert from_environment.exit_code == 2 and "VNPKG_QUERY_URL" in from_environment.stderr
    alone = runner.invoke(app, ["query", "--update-url", "http://127.0.0.1:1/update"], input="ASK {}")
    assert alone.exit_code == 2 and "--update-url needs the server's query endpoint" in alone.stderr


def test_piped_ingest_prints_a_line_per_file(tmp_path):
    bad = tmp_path / "x.doc"
    bad.write_bytes(b"old word file")
    result = runner.invoke(app, ["ingest", str(NAM_TU_LIEM), str(bad), "--store", str(tmp_path / "store")])
    assert result.exit_code == 1
    quads = re.search(rf"^ok {re.escape(str(NAM_TU_LIEM))}: .* (\d+) quads$", result.stdout, re.M)[1]
    progress = [line for line in result.stderr.splitlines() if line.startswith("[")]
    assert progress == [f"[1/2] {NAM_TU_LIEM} ... {quads} quads", f"[2/2] {bad}: unsupported file type '.doc'; "
                        "supported: .txt, .md, .docx, .pdf"]


def test_ingest_on_a_terminal_draws_the_progress_bar(tmp_path):
    import pty

    controller, terminal = pty.openpty()
    try:
        result = subprocess.run([str(Path(sys.executable).parent / "kg"), "ingest", str(NAM_TU_LIEM),
                                 "--store", str(tmp_path / "store")], stdout=subprocess.PIPE, stderr=terminal,
                                cwd=ROOT, timeout=120)
        os.close(terminal)
        drawn = b""
        while chunk := _read_available(controller):
            drawn += chunk
    finally:
        os.close(controller)
    assert result.returncode == 0
    text = drawn.decode("utf-8", "replace")
    assert "ingesting" in text and "100%" in text and "[1/1]" not in text


def _read_available(fd: int) -> bytes:
    import select

    if not select.select([fd], [], [], 0.5)[0]:
        return b""
    try:
        return os.read(fd, 65536)
    except OSError:  # the terminal's other end is closed and everything read
        return b""
