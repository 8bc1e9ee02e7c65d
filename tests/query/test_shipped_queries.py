"""The queries kg ships (ontology/queries/, run by name from any folder) and the example's own
competency questions (examples/queries/)."""
import json
import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

GENERAL = ROOT / "ontology" / "queries"
EXAMPLE = ROOT / "examples" / "queries"


def kg(*args, cwd):
    return subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=600)


def rows(graph, name, **bindings):
    return graph.sparql(name, bindings=bindings).values()


def test_example_questions_live_with_the_example(gold):
    """kg's own queries name nothing of the example article; its questions are in examples/queries/."""
    names = {label.lower() for e in gold["entities"] for label in e["labels"] if len(label) > 4}
    names -= {"united states", "united nations", "united kingdom", "european union", "agreement"}
    for rq in GENERAL.glob("*.rq"):
        text = rq.read_text(encoding="utf-8").lower()
        assert not [n for n in names if n in text], rq.name
    ids = {q["id"] for q in gold["questions"]} - {"provenance"}
    here = {p.stem for p in EXAMPLE.glob("*.rq")} | {p.stem for p in GENERAL.glob("*.rq")}
    assert ids <= here
    assert (EXAMPLE / "participants.rq").exists() and not (GENERAL / "participants.rq").exists()


def test_every_shipped_query_asks_its_question_and_runs(seed_graph):
    from kg.resources import query_names

    names = query_names()
    assert {"met", "statements", "organisations_by_country", "office_holders", "events_on", "most_mentioned",
            "comentions"} <= set(names)
    for name in names:
        first = (GENERAL / f"{name}.rq").read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# ") and first.rstrip().endswith(("?", ")")), name
        seed_graph.sparql(name)  # runs (raises on a malformed query)


def test_who_met_whom(seed_graph):
    got = rows(seed_graph, "met")
    assert got and all(r["party"] < r["other"] for r in got)
    meets = seed_graph.sparql("""SELECT ?a ?b WHERE { ?e a kg:Meet ; kg:participant/rdfs:label ?a, ?b
                                 FILTER(?a < ?b) FILTER NOT EXISTS { ?e kg:modality "hypothetical" } }""").values()
    assert {(r["party"], r["other"]) for r in got} == {(r["a"], r["b"]) for r in meets}
    assert all(r["document"] and r["sentence"] for r in got)


def test_statements_by_one_speaker_with_document_and_date(seed_graph):
    every = rows(seed_graph, "statements")
    speakers = {r["speaker"] for r in every}
    assert len(speakers) > 1
    one = sorted(speakers)[0]
    got = rows(seed_graph, "statements", speaker=one)
    assert got and {r["speaker"] for r in got} == {one}
    assert len(got) == sum(r["speaker"] == one for r in every)
    assert all(r["document"] and r["published"] == "2021-08-11" and r["sentence"] for r in got)
    assert any(r["date"] for r in every)


def test_events_on_a_day_a_month_a_year(seed_graph):
    every = rows(seed_graph, "events_on")
    days = {r["day"] for r in every if r["day"] != "-"}
    assert days
    day = sorted(days)[0]
    got = rows(seed_graph, "events_on", day=day)
    assert got and {r["day"] for r in got} == {day}
    assert len(got) == sum(r["day"] == day for r in every)
    month = rows(seed_graph, "events_on", month=day[:7])
    assert len(month) == sum(r["month"] == day[:7] for r in every) >= len(got)
    year = rows(seed_graph, "events_on", year=day[:4])
    assert len(year) == sum(r["year"] == day[:4] for r in every) >= len(month)
    # an event dated only by its year is no answer for a day of that year
    assert not [r for r in got if r["month"] == "-"]


def test_office_holders_carry_their_document(seed_graph):
    got = rows(seed_graph, "office_holders")
    roles = {(r["person"], r["role"], r["organization"]) for r in rows(seed_graph, "roles")}
    assert {(r["person"], r["role"], r["organization"]) for r in got} == roles
    assert all(r["document"] and r["sentence"] for r in got)


def test_most_mentioned_and_comentions(seed_graph):
    got = rows(seed_graph, "most_mentioned")
    counts = [int(r["mentions"]) for r in got]
    assert counts == sorted(counts, reverse=True) and counts[0] > 1
    entities = {r["label"]: int(r["mentions"]) for r in rows(seed_graph, "entities")}
    assert all(entities[r["label"]] == int(r["mentions"]) for r in got)
    pairs = rows(seed_graph, "comentions")
    assert pairs and all(r["label"] != r["other"] for r in pairs)
    n = [int(r["sentences"]) for r in pairs]
    assert n == sorted(n, reverse=True)
    top = pairs[0]
    same = seed_graph.sparql("""SELECT DISTINCT ?s WHERE {
        ?m1 itsrdf:taIdentRef/rdfs:label ?a ; nif:sentence ?s . ?m2 itsrdf:taIdentRef/rdfs:label ?b ; nif:sentence ?s }""",
                             bindings={"a": top["label"], "b": top["other"]}).values()
    assert len(same) == int(top["sentences"])


def test_organisations_by_country_on_a_hand_made_graph(tmp_path):
    """kg:headquarteredIn to a city located in a country, or to the country itself; what a document
    graph states, and the entity layer computed from it (which pairs organisations with countries)."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    from pyoxigraph import RdfFormat, Store

    import kg as kg_
    from kg.graph import EntityLayer, Iris
    from kg.graph.store import STORE_DIRNAME

    store = Store(str(tmp_path / STORE_DIRNAME))
    entities = [("bw", "Organization", "Brightwave"), ("acme", "Organization", "Acme"),
                ("other", "Organization", "Elsewhere Ltd"), ("manchester", "City", "Manchester"),
                ("england", "Place", "England"), ("uk", "Country", "United Kingdom"), ("paris", "City", "Paris"),
                ("fr", "Country", "France")]
    described = " ".join(f'e:{k} kg:typeInDocument schema:{c} ; kg:labelInDocument "{label}" .' for k, c, label in entities)
    store.load(f"""
        @prefix kg: <http://example.org/kg/ontology#> . @prefix schema: <http://schema.org/> .
        @prefix e: <http://example.org/kg/entity/> .
        <http://example.org/kg/graph/t> {{
        {described}
        e:bw kg:headquarteredIn e:manchester . e:acme kg:headquarteredIn e:uk . e:other kg:headquarteredIn e:paris .
        e:manchester kg:locatedIn e:england . e:england kg:locatedIn e:uk . e:paris kg:locatedIn e:fr . }}
    """.encode(), format=RdfFormat.TRIG)
    store.extend(list(EntityLayer(store, Iris()).quads()))
    store.flush()
    del store
    g = kg_.open(tmp_path)
    got = {(r["organization"], r["place"]) for r in rows(g, "organisations_by_country", country="United Kingdom")}
    assert got == {("Brightwave", "Manchester"), ("Acme", "United Kingdom")}
    assert {r["country"] for r in rows(g, "organisations_by_country")} == {"United Kingdom", "France"}


def test_bare_names_and_build_hints_work_from_any_folder(seed_out, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    r = kg("query", "roles", "--store", seed_out, "--format", "json", cwd=elsewhere)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["head"]["vars"] == ["person", "role", "organization"]
    r = kg("query", "no_such_query", "--store", seed_out, cwd=elsewhere)
    assert r.returncode == 2 and "roles" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    r = kg("query", "--help", cwd=elsewhere)
    assert "statements" in r.stdout and "most_mentioned" in r.stdout
    # the hints a build prints run as printed from another folder
    out = tmp_path / "my out"
    b = kg("build", ROOT / "examples/afghanistan-2021-08-11.txt", "--out", out, "--no-viewer", cwd=tmp_path)
    assert b.returncode == 0, b.stderr
    hints = [line.strip() for line in b.stdout.split("Next:")[1].splitlines() if line.strip().startswith("kg ")]
    queries = [h for h in hints if h.startswith("kg query")]
    assert len(queries) >= 2
    import shlex

    for hint in queries:
        r = kg(*shlex.split(hint)[1:], cwd=elsewhere)
        assert r.returncode == 0 and "(0 rows)" not in r.stdout, (hint, r.stderr)


def test_a_wheel_carries_the_queries(tmp_path):
    """pip install of a built wheel (not the checkout): kg query NAME still finds its query."""
    w = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", tmp_path / "dist", ROOT],
                       capture_output=True, text=True, timeout=600)
    assert w.returncode == 0, w.stderr
    wheel = next((tmp_path / "dist").glob("kg-*.whl"))
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    assert "kg/ontology/queries/roles.rq" in names and "kg/ontology/gazetteer/countries.tsv" in names
    assert "kg/ontology/kg.ttl" in names
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", target, wheel],
                   check=True, timeout=600)
    code = ("import kg.resources as r, kg.api as a; print(r.ontology_path('queries', 'roles.rq')); "
            "print(a._query_file('roles'))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
                       env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"}, timeout=600)
    assert r.returncode == 0, r.stderr
    assert all(Path(line).is_relative_to(target) for line in r.stdout.split()), r.stdout
    assert re.search(r"kg/ontology/queries/roles\.rq$", r.stdout.split()[1])


def _readme_commands(section: str) -> list[list[str]]:
    """The `.venv/bin/kg ...` commands of a README section, as argument lists (comments dropped)."""
    import shlex

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    body = text.split(f"## {section}\n", 1)[1].split("\n## ", 1)[0]
    cmds = []
    for block in re.findall(r"```sh\n(.*?)```", body, re.S):
        for line in block.replace("\\\n", " ").splitlines():
            if line.startswith(".venv/bin/kg "):
                cmds.append(shlex.split(line, comments=True)[1:])
    return cmds


def test_querying_kg_section_runs_as_printed(seed_out, tmp_path):
    """Every command of the README's 'Querying kg' runs as printed (from a folder whose output/ is the
    example's graph) and answers with rows; the organisations' one on a graph that has kg:headquarteredIn."""
    cmds = _readme_commands("Querying kg")
    assert len(cmds) >= 6
    demo = tmp_path / "demo"
    (demo).mkdir()
    (demo / "output").symlink_to(seed_out, target_is_directory=True)
    hand = tmp_path / "hand"
    test_organisations_by_country_on_a_hand_made_graph(hand / "output")
    for args in cmds:
        where = hand if "organisations_by_country" in args else demo
        r = kg(*args, "--format", "json", cwd=where)
        assert r.returncode == 0, (args, r.stderr)
        assert json.loads(r.stdout)["results"]["bindings"], args
