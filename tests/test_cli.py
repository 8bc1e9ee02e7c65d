"""The command line: exit codes, one-line errors, and the jsonl contract."""
import json
import subprocess
import sys

from conftest import ROOT, SEED


def kg(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=600)


def test_query_file_json(seed_out):
    r = kg("query", ROOT / "ontology/queries/roles.rq", "--store", seed_out / "store", "--format", "json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["head"]["vars"] == ["person", "role", "organization"]


def test_roles_table_is_readable(seed_out):
    r = kg("query", ROOT / "ontology/queries/roles.rq", "--store", seed_out)
    assert "Ned Price" in r.stdout and "spokesman" in r.stdout and "State Department" in r.stdout


def test_bad_query_exit_2_one_line(seed_out):
    r = kg("query", "SELECT ?x WHERE { ?x }", "--store", seed_out / "store")
    assert r.returncode == 2
    assert len(r.stderr.strip().splitlines()) == 1 and "line 1" in r.stderr


def test_missing_store_and_path(tmp_path):
    r = kg("query", "SELECT * WHERE { ?s ?p ?o }", "--store", tmp_path / "nothing")
    assert r.returncode == 4 and "no kg store" in r.stderr
    r = kg("build", tmp_path / "missing.txt", "--out", tmp_path / "out")
    assert r.returncode == 2 and "missing.txt" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out" / "store").exists()



def test_usage_errors_are_a_message_and_exit_2_not_a_traceback(tmp_path):
    for args in (("stats", tmp_path), ("build", "--bogus", "x")):
        r = kg(*args)
        assert r.returncode == 2, r.stderr
        assert "Traceback" not in r.stderr and "Error:" in r.stderr, r.stderr

def test_bad_published_date(tmp_path):
    r = kg("build", SEED, "--published", "11/08/2021", "--out", tmp_path / "out")
    assert r.returncode == 2 and "--published" in r.stderr


def test_bad_dask_address(tmp_path):
    r = kg("build", SEED, "--dask", "localhost", "--out", tmp_path / "out")
    assert r.returncode == 2 and "--dask 'localhost'" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


#: runs kg build with a Ctrl-C (a real SIGINT) arriving while the second document is written
_INTERRUPTED_BUILD = """
import os, signal, sys
import kg.api
real, calls = kg.api.to_quads, []

def to_quads(x, iris):
    calls.append(x)
    if len(calls) == 2:
        os.kill(os.getpid(), signal.SIGINT)
    return real(x, iris)

kg.api.to_quads = to_quads
sys.argv = ["kg", "build", *sys.argv[1:]]
from kg.cli import main
main()
"""


def test_ctrl_c_exits_130_and_leaves_the_output_as_it_was(tmp_path):
    out = tmp_path / "out"
    assert kg("build", ROOT / "tests" / "data" / "merge", "--out", out, "--no-viewer").returncode == 0
    before = (out / "graph.trig").read_bytes()
    r = subprocess.run([sys.executable, "-c", _INTERRUPTED_BUILD, ROOT / "tests" / "data" / "articles", "--out", out,
                        "--no-viewer", "--quiet"], capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert r.returncode == 130, r.stderr
    assert r.stderr.strip() == "kg: error: interrupted; nothing in the output folder was changed"
    assert (out / "graph.trig").read_bytes() == before


def test_python_dash_m_kg_is_the_same_command_line(seed_out):
    r = subprocess.run([sys.executable, "-m", "kg", "stats", "--store", seed_out / "store"], capture_output=True,
                       text=True, cwd=ROOT, timeout=600)
    assert r.returncode == 0, r.stderr
    assert r.stdout == kg("stats", "--store", seed_out / "store").stdout and "documents: 1" in r.stdout


def test_missing_model(tmp_path):
    r = kg("extract", SEED, "--model", "no_such_model_xyz")
    assert r.returncode == 3 and "pip install" in r.stderr


def test_extract_jsonl_contract():
    r = kg("extract", SEED, "--format", "jsonl", "--published", "2021-08-11")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.strip().splitlines()
    assert len(lines) == 1
    doc = json.loads(lines[0])
    text = SEED.read_text(encoding="utf-8")
    assert doc["doc"] == SEED.stem and doc["published"] == "2021-08-11"
    for key in ("entities", "relations", "events", "quotes"):
        assert isinstance(doc[key], list) and doc[key]
    for e in doc["entities"]:
        assert {"id", "label", "type", "mentions"} <= set(e)
        for m in e["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
    for q in doc["quotes"]:
        assert text[q["start"]:q["end"]] == q["text"] and "speaker" in q
    for r_ in doc["relations"]:
        assert {"subject", "predicate", "object", "start", "end"} <= set(r_)
    for ev in doc["events"]:
        assert {"id", "type", "label", "participants", "place", "date", "start", "end"} <= set(ev)


def test_export_formats(seed_out, tmp_path):
    import rdflib

    for fmt, parse_as in (("turtle", "turtle"), ("nquads", "nquads"), ("jsonld", "json-ld")):
        out = tmp_path / f"g.{fmt}"
        r = kg("export", "--format", fmt, "--store", seed_out / "store", "--out", out)
        assert r.returncode == 0, r.stderr
        g = rdflib.Dataset() if fmt != "turtle" else rdflib.Graph()
        g.parse(out, format=parse_as)
        assert len(g) > 100
    r = kg("export", "--format", "graphml", "--store", seed_out / "store", "--out", tmp_path / "g.graphml")
    assert r.returncode == 0
    import networkx as nx

    assert nx.read_graphml(tmp_path / "g.graphml").number_of_nodes() > 10


def test_query_bind_values_safely(seed_out):
    q = "SELECT ?e WHERE { ?e rdfs:label ?l }"
    r = kg("query", q, "--store", str(seed_out), "--format", "json", "--bind", "l=Joe Biden")
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)["results"]["bindings"]
    assert len(rows) == 1 and rows[0]["e"]["value"].endswith("joe-biden")
    iri = rows[0]["e"]["value"]
    r = kg("query", "SELECT ?l WHERE { ?e rdfs:label ?l }", "--store", str(seed_out), "--format", "csv",
           "--bind", f"e=<{iri}>")
    assert r.stdout.split() == ["l", "Joe", "Biden"]
    r = kg("query", q, "--store", str(seed_out), "--format", "json", "--bind", 'l=x" } ; DROP ALL ; #')
    assert r.returncode == 0 and json.loads(r.stdout)["results"]["bindings"] == []
    r = kg("query", q, "--store", str(seed_out), "--bind", "no-equals-sign")
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1


def test_progress_bar_names_the_closing_steps(monkeypatch, capsys):
    import sys

    from kg.api import Progress
    from kg.cli import _progress_reporter

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    with _progress_reporter(2, quiet=False) as report:
        report(Progress(1, 2, 100, "a"))
        report(Progress(2, 2, 200, "b"))
        report(Progress(2, 2, 200, "", stage="writing graph.graphml"))
    err = capsys.readouterr().err
    assert "2/2" in err and "writing graph.graphml" in err


def test_one_warning_when_documents_have_no_publication_date(tmp_path):
    first_run = ROOT / "tests" / "data" / "first-run"
    r = kg("extract", first_run)
    assert r.returncode == 0, r.stderr
    warnings = [line for line in r.stderr.splitlines() if "no publication date" in line]
    assert len(warnings) == 1 and "2 of 2" in warnings[0]
    r = kg("extract", first_run, "--published", "2024-03-05")
    assert "no publication date" not in r.stderr
    r = kg("build", first_run, "--out", tmp_path / "out", "--no-viewer")
    assert r.returncode == 0, r.stderr
    assert len([line for line in r.stderr.splitlines() if "no publication date" in line]) == 1


def test_the_command_leaves_its_objects_to_the_exit_not_to_the_collector():
    """What a command held is freed with the process: the collector does not walk it again on the way out."""
    probe = ("import atexit, gc, sys\n"
             "atexit.register(lambda: print('frozen', gc.get_freeze_count() > 0))\n"
             "sys.argv = ['kg', 'stats', '--help']\n"
             "from kg.cli import main\n"
             "main()\n")
    r = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0 and "frozen True" in r.stdout, r.stderr


def test_a_parsing_command_freezes_the_loaded_model_and_a_library_user_is_left_alone(tmp_path):
    library = ("import gc\nfrom kg.extract import load_model\nload_model()\nprint('frozen', gc.get_freeze_count())\n")
    r = subprocess.run([sys.executable, "-c", library], capture_output=True, text=True, cwd=ROOT)
    assert r.stdout.split() == ["frozen", "0"], r.stderr
    command = ("import atexit, gc, sys\n"
               "import kg.extract.nlp as nlp\n"
               "seen = {}\n"
               "load = nlp.load_model.__wrapped__\n"
               "def counted(model=None):\n"
               "    m = load(model); seen['frozen'] = gc.get_freeze_count(); return m\n"
               "nlp.load_model = counted\n"
               "import kg.extract\n"
               "kg.extract.load_model = counted\n"
               "atexit.register(lambda: print('frozen', seen.get('frozen', 0) > 100000, gc.get_threshold()[0]))\n"
               f"sys.argv = ['kg', 'extract', {str(ROOT / 'tests' / 'data' / 'merge')!r}]\n"
               "from kg.cli import main\n"
               "main()\n")
    r = subprocess.run([sys.executable, "-c", command], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0 and "frozen True 50000" in r.stdout, r.stderr[-2000:]
