"""graph.rdflib(): rdflib's API over the built Oxigraph store, without a copy."""
from __future__ import annotations

import shutil

import pytest
import rdflib

import kg

ROOT_SHAPES = __import__("pathlib").Path(__file__).resolve().parents[2] / "ontology" / "shapes.ttl"


def test_rdflib_dataset_is_the_store(seed_graph):
    ds = seed_graph.rdflib()
    assert isinstance(ds, rdflib.Dataset) and len(ds) == len(seed_graph) > 500
    docs = list(ds.subjects(rdflib.RDF.type, rdflib.URIRef("http://schema.org/NewsArticle")))
    assert len(docs) == 1
    graphs = {g.identifier for g in ds.graphs()}
    doc_graph = next(g for g in graphs if "/graph/" in str(g) and not str(g).endswith("/entities"))
    assert len(ds.get_graph(doc_graph)) > 100
    n = ds.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert int(next(iter(n))[0]) == len(seed_graph)
    values = set(ds.objects(None, rdflib.URIRef("http://example.org/kg/ontology#modality")))
    assert rdflib.Literal("asserted") in values  # a plain string compares equal to one rdflib writes
    labels = ds.query("SELECT ?l WHERE { ?p a schema:Person ; rdfs:label ?l }",
                      initNs={"schema": rdflib.URIRef("http://schema.org/"), "rdfs": rdflib.URIRef(str(rdflib.RDFS))})
    assert all(row[0].datatype is None for row in labels) and len(labels) > 0
    people = ds.query("SELECT DISTINCT ?p WHERE { ?p a schema:Person }",  # the default graph: the union
                      initNs={"schema": rdflib.URIRef("http://schema.org/")})
    assert len(people) == len(seed_graph.query("SELECT DISTINCT ?p WHERE { ?p a schema:Person }")) > 0


def test_pyshacl_validates_the_store_through_rdflib(seed_out, tmp_path):
    pyshacl = pytest.importorskip("pyshacl")
    shapes = rdflib.Graph().parse(ROOT_SHAPES)
    shutil.copytree(seed_out / "store", tmp_path / "store")
    graph = kg.open(tmp_path)
    assert pyshacl.validate(graph.rdflib(), shacl_graph=shapes)[0]
    with pytest.raises(Exception):  # read-only by default
        graph.rdflib().add((rdflib.URIRef("http://x/p"), rdflib.RDF.type, rdflib.URIRef("http://x/C"),
                            rdflib.URIRef("http://x/g")))
    graph.close()
    ds = kg.open(tmp_path).rdflib(read_only=False)
    bad = ds.graph(rdflib.URIRef("http://example.org/kg/graph/test"))
    bad.add((rdflib.URIRef("http://x/p"), rdflib.RDF.type, rdflib.URIRef("http://schema.org/Person")))  # no label
    assert not pyshacl.validate(ds, shacl_graph=shapes)[0]
    del bad, ds
    assert len(kg.open(tmp_path)) == len(kg.open(seed_out)) + 1  # written into the store itself
