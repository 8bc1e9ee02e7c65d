"""One graph across documents: merging, incremental --add, remove, stats, user gazetteer."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import rdflib

import kg
from conftest import ROOT

MERGE = ROOT / "tests" / "data" / "merge"


def graphs(out: Path):
    import rdflib

    ds = rdflib.Dataset()
    ds.parse(out / "graph.trig", format="trig")
    return {g.identifier: g for g in ds.graphs() if len(g)}


def _without_positions(g):
    import rdflib

    out = rdflib.Graph()
    out += ((s, p, o) for s, p, o in g if not str(p).endswith("Order") and not str(p).endswith("#orderSize"))
    return out


def same(a, b, skip=()):
    from rdflib.compare import isomorphic

    keys = {k for k in a if str(k) not in skip}
    assert keys == {k for k in b if str(k) not in skip}
    return all(isomorphic(a[k], b[k]) for k in keys)


@pytest.fixture
def corpus(tmp_path):
    src = tmp_path / "in"
    shutil.copytree(MERGE, src)
    return src


def labels_of(g, cls):
    return sorted(r["l"] for r in g.sparql(f"SELECT ?l WHERE {{ ?e a schema:{cls} ; rdfs:label ?l }}").values())


def test_entities_merge_across_documents(corpus, tmp_path):
    g = kg.build([corpus], tmp_path / "out", viewer=False)
    people = labels_of(g, "Person")
    assert people.count("Laura Chen") == 1
    assert "John Smith" in people and "Robert Smith" in people  # same surname, two people
    assert labels_of(g, "Organization").count("United Nations") == 1
    acme = [l for l in labels_of(g, "Organization") if l.startswith("Acme")]
    assert len(acme) == 1
    assert labels_of(g, "Country").count("Germany") == 1
    # the surname-only "Smith" of one article links inside it only, never to another article's Smith
    rows = g.sparql("""SELECT DISTINCT ?e WHERE { ?m itsrdf:taIdentRef ?e ; nif:anchorOf "Smith" }""").values()
    assert len(rows) == 2
    st = g.stats()
    assert st["documents"] == 3 and st["merges"].get("label", 0) >= 3 and st["merges"].get("gazetteer", 0) >= 1


def test_add_unchanged_changes_nothing_and_edit_replaces_one_graph(corpus, tmp_path):
    out = tmp_path / "out"
    kg.build([corpus], out, viewer=False)
    before = graphs(out)
    g = kg.build([corpus], out, viewer=False, add=True)
    assert sorted(g.summary.unchanged) == sorted(p.stem for p in corpus.glob("*.txt"))
    assert same(before, graphs(out))
    edited = corpus / "germany-minister.txt"
    edited.write_text(edited.read_text(encoding="utf-8").replace("Wednesday", "Thursday"), encoding="utf-8")
    g = kg.build([corpus], out, viewer=False, add=True)
    assert g.summary.replaced == ["germany-minister"]
    after = graphs(out)
    changed = {str(k) for k in after if k not in before or not same({k: before[k]}, {k: after[k]})}
    # the entity layer is recomputed: its listing positions follow the edited document's new event IRIs,
    # the rest of it is the same
    assert changed == {"http://example.org/kg/graph/germany-minister", "http://example.org/kg/graph/entities"}
    layer = rdflib.URIRef("http://example.org/kg/graph/entities")
    assert same({layer: _without_positions(before[layer])}, {layer: _without_positions(after[layer])})
    # and the result is what a fresh build of the edited folder gives
    kg.build([corpus], tmp_path / "fresh", viewer=False)
    assert same(after, graphs(tmp_path / "fresh"))


def test_remove_equals_fresh_build_without_the_document(corpus, tmp_path):
    out = tmp_path / "out"
    kg.build([corpus], out, viewer=False)
    g = kg.remove(["acme-un"], out, viewer=False)
    assert g.summary.removed == ["acme-un"]
    (corpus / "acme-un.txt").unlink()
    kg.build([corpus], tmp_path / "fresh", viewer=False)
    assert same(graphs(out), graphs(tmp_path / "fresh"))
    from kg.errors import InputError

    with pytest.raises(InputError, match="no such document"):
        kg.remove(["nope"], out, viewer=False)


def test_add_to_missing_store_is_a_clear_error(corpus, tmp_path):
    from kg.errors import StoreError

    with pytest.raises(StoreError, match="build one with: kg build ARTICLES --out"):
        kg.build([corpus], tmp_path / "none", add=True)


def test_user_gazetteer(tmp_path):
    import subprocess
    import sys

    gaz = tmp_path / "mine.tsv"
    gaz.write_text("label\taliases\twikidata\ttype\nAcme Corporation\tAcme Corp.|Acme Corp|Acme\tQ999999\tOrganization\n",
                   encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(MERGE), "--out", str(tmp_path / "out"),
                        "--gazetteer", str(gaz), "--no-viewer", "-q"], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    g = kg.open(tmp_path / "out")
    rows = g.sparql("SELECT ?l ?w WHERE { ?e rdfs:label ?l ; owl:sameAs ?w }").values()
    assert {"l": "Acme Corporation", "w": "http://www.wikidata.org/entity/Q999999"} in rows
    bad = tmp_path / "bad.tsv"
    bad.write_text("label\taliases\twikidata\nX\t\tnot-a-qid\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(MERGE), "--out", str(tmp_path / "o2"),
                        "--gazetteer", str(bad)], capture_output=True, text=True, timeout=600)
    assert r.returncode == 2 and "bad.tsv: line 2" in r.stderr


def test_entity_layer_flags_near_names_but_not_document_scoped_twins():
    from pyoxigraph import Literal, NamedNode, Quad, Store

    from kg.graph.iris import Iris
    from kg.graph.mapping import EntityLayer
    from kg.graph.namespaces import KG, SCHEMA

    iris = Iris("http://example.org/kg/")
    store = Store()
    named = {"p1": ("Person", "John Smith", "d1"), "p2": ("Person", "Jon Smith", "d2"),
             "g1": ("Organization", "Federal Government", "d1"), "g2": ("Organization", "Federal Government", "d2")}
    for key, (cls, label, doc) in named.items():
        node, g = iris.entity(key), iris.graph(doc)
        store.add(Quad(node, KG.typeInDocument, NamedNode(str(SCHEMA[cls].value)), g))
        store.add(Quad(node, KG.labelInDocument, Literal(label), g))
    layer = list(EntityLayer(store, iris).quads())
    flagged = {(q.subject.value, q.object.value) for q in layer if q.predicate == KG.possiblySameAs}
    assert flagged == {(iris.entity("p1").value, iris.entity("p2").value),
                       (iris.entity("p2").value, iris.entity("p1").value)}
