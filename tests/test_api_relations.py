"""Relations in the graph: statement nodes and direct triples, the library's relations() and stats,
the JSON lines of kg extract, the NetworkX edges and the SHACL shapes of relations and memberships — on a small graph built from the
relations articles and the first-run articles (tests/data/)."""
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from kg.extract.relations import PREDICATES, RULES

DATA = Path(__file__).resolve().parent / "data"
ROOT = Path(__file__).resolve().parents[1]
ARTICLES = sorted((DATA / "relations").glob("*.txt")) + sorted((DATA / "first-run").glob("*.txt"))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    import kg

    out = tmp_path_factory.mktemp("rel") / "out"
    graph = kg.build(ARTICLES, out, published=date(2024, 5, 26))
    return out, graph


@pytest.fixture(scope="module")
def extractions(nlp):
    from kg.extract import extract
    from kg.read import read_document

    return list(extract([read_document(p, date(2024, 5, 26)) for p in ARTICLES], nlp))


def test_relations_frame(built):
    _, g = built
    df = g.relations()
    assert {"subject", "relation", "object", "sentence", "rule", "modality", "negated", "date", "document"} \
        <= set(df.columns)
    assert set(df["rule"]) <= set(RULES) and len(df) > 10
    stated = g.relations(stated_only=True)
    assert 0 < len(stated) < len(df)
    assert (stated["modality"] == "asserted").all() and not stated["negated"].any()
    # every row's sentence names both ends (a label or another name of each)
    assert any(r.relation == "headquartered in" and r.object in r.sentence for r in df.itertuples())


def test_direct_triple_only_for_what_is_stated(built):
    _, g = built
    rows = g.sparql("""SELECT ?st ?mod ?neg (EXISTS { ?s ?p ?o } AS ?direct) WHERE {
        ?st a kg:RelationStatement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:modality ?mod ;
            kg:rule ?rule ; prov:wasDerivedFrom/nif:anchorOf ?text
        OPTIONAL { ?st kg:negated ?n } BIND(COALESCE(?n, false) AS ?neg) }""").values()
    assert rows
    kinds = {(r["mod"] == "asserted" and r["neg"] == "false", r["direct"] == "true") for r in rows}
    assert (False, False) in kinds and (True, True) in kinds  # both kinds occur here
    # a planned relation may still be stated by another sentence; a statement that is stated is never
    # without its triple
    assert (True, False) not in kinds


def test_stats_counts_linked_entities_as_the_extractions_say(built, extractions):
    _, g = built
    st = g.stats()
    classes = {"Person", "Organization", "Country", "City", "Place", "NamedEvent"}
    typed = {p for p in PREDICATES if p != "relatedTo"}
    linked = set()
    iri = {}
    from kg.graph import Iris

    iris = Iris()
    for x in extractions:
        for e in x.entities:
            iri[e.key] = iris.entity(e.key).value
        for r in x.relations:
            if r.asserted and r.predicate in typed and r.subject != r.object:
                linked |= {iri[r.subject], iri[r.object]}
        for ev in x.events:
            parties = {iri[p.entity] for p in ev.participants if p.entity}
            places = {iri[ev.place]} if ev.place else set()
            if len(parties) >= 2:
                linked |= parties
            if parties and places - parties:
                linked |= parties | places
    types = {iri[e.key]: e.type for x in extractions for e in x.entities}
    expected = {e for e in linked if types.get(e) in classes}
    assert st["linked"] == len(expected)
    assert st["linked"] <= st["linked_open"] <= sum(st["entities"].values())


def test_cli_stats_prints_entities_linked(built):
    out, g = built
    res = subprocess.run([sys.executable, "-m", "kg.cli", "stats", "--store", str(out)], capture_output=True,
                         text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    total = sum(g.stats()["entities"].values())
    assert f"entities linked: {g.stats()['linked']} of {total}" in res.stdout


def test_extract_jsonl_carries_the_evidence(tmp_path):
    res = subprocess.run([sys.executable, "-m", "kg.cli", "extract", str(DATA / "relations"), "--format", "jsonl",
                          "--published", "2024-05-26"], capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr
    rels = [r for line in res.stdout.splitlines() for r in json.loads(line)["relations"]]
    assert rels
    for r in rels:
        assert {"subject", "predicate", "object", "start", "end", "rule", "negated", "hedge", "date",
                "modality"} <= set(r)
        assert r["rule"] in RULES
    assert any(r["modality"] == "planned" for r in rels)


def test_networkx_edges_carry_predicate_and_statement(built):
    _, g = built
    nx_graph = g.to_networkx()
    edges = [d for _, _, d in nx_graph.edges(data=True) if d.get("statement")]
    assert edges and all(d["predicate"] in PREDICATES and d["sentence"] for d in edges)
    stated = {(r["s"], r["p"], r["o"]) for r in g.sparql(
        "SELECT ?s ?p ?o WHERE { ?st a kg:RelationStatement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;"
        " kg:modality 'asserted' FILTER NOT EXISTS { ?st kg:negated true } }").values()}
    got = {(a, "http://example.org/kg/ontology#" + d["predicate"], b) for a, b, d in nx_graph.edges(data=True)
           if d.get("statement")}
    assert got == stated


def test_shapes_hold(built):
    import pyshacl
    import rdflib

    out, _ = built
    data = rdflib.Dataset()
    data.parse(out / "graph.trig", format="trig")
    shapes = rdflib.Graph().parse(ROOT / "ontology" / "shapes.ttl")
    merged = rdflib.Graph()
    for quad in data.quads():
        merged.add(quad[:3])
    assert merged.query("ASK { ?s a <http://example.org/kg/ontology#RelationStatement> }").askAnswer
    _, results, report = pyshacl.validate(merged, shacl_graph=shapes)
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    kg = rdflib.Namespace("http://example.org/kg/ontology#")
    org = rdflib.Namespace("http://www.w3.org/ns/org#")
    focus = set(results.objects(None, sh.focusNode))
    statements = set(merged.subjects(rdflib.RDF.type, kg.RelationStatement))
    statements |= set(merged.subjects(rdflib.RDF.type, org.Membership))
    assert statements and not focus & statements, report
