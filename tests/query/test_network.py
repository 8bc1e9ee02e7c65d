"""The NetworkX projection: nodes, edges and their provenance."""
from __future__ import annotations

from pyoxigraph import Literal, NamedNode, Quad, Store

from kg.graph.namespaces import ITSRDF, NIF, ORG, PROV, RDF, RDFS, SCHEMA, XSD
from kg.query.network import to_networkx


def test_every_edge_sentence_is_the_document_text_at_its_offsets(seed_graph):
    g = seed_graph.to_networkx()
    texts = {r["d"]: r["t"] for r in seed_graph.sparql("SELECT ?d ?t WHERE { ?d nif:isString ?t }").values()}
    assert g.number_of_edges() > 10
    for _, _, e in g.edges(data=True):
        assert texts[e["document"]][e["begin"]:e["end"]] == e["sentence"]


def test_mention_counts_match_the_store(seed_graph):
    g = seed_graph.to_networkx()
    counted = {r["n"]: int(r["c"]) for r in seed_graph.sparql(
        "SELECT ?n (COUNT(?m) AS ?c) WHERE { ?m itsrdf:taIdentRef ?n } GROUP BY ?n").values()}
    assert any(d["mentions"] > 1 for _, d in g.nodes(data=True))
    for n, d in g.nodes(data=True):
        assert d["mentions"] == counted.get(n, 0)


def _sentence(doc: NamedNode, text: str, begin: int, g: NamedNode) -> tuple[NamedNode, list[Quad]]:
    s = NamedNode(f"{doc.value}#char={begin},{begin + len(text)}")
    return s, [Quad(s, RDF.type, NIF.Sentence, g), Quad(s, NIF.anchorOf, Literal(text), g),
               Quad(s, NIF.beginIndex, Literal(str(begin), datatype=XSD.integer), g),
               Quad(s, NIF.endIndex, Literal(str(begin + len(text)), datatype=XSD.integer), g),
               Quad(s, NIF.referenceContext, doc, g)]


def test_a_statement_in_two_sentences_gives_one_edge_from_the_earlier():
    g, doc = NamedNode("http://x/graph/d"), NamedNode("http://x/doc/d")
    ann, acme, m = NamedNode("http://x/e/ann"), NamedNode("http://x/e/acme"), NamedNode("http://x/m/1")
    late, late_q = _sentence(doc, "Ann works for Acme again.", 40, g)
    early, early_q = _sentence(doc, "Ann works for Acme.", 0, g)
    store = Store()
    store.extend(late_q + early_q + [
        Quad(ann, RDF.type, SCHEMA.Person, g), Quad(ann, RDFS.label, Literal("Ann"), g),
        Quad(acme, RDF.type, SCHEMA.Organization, g), Quad(acme, RDFS.label, Literal("Acme"), g),
        Quad(m, ORG.member, ann, g), Quad(m, ORG.organization, acme, g),
        Quad(m, PROV.wasDerivedFrom, late, g), Quad(m, PROV.wasDerivedFrom, early, g),
        Quad(NamedNode(f"{doc.value}#char=0,3"), ITSRDF.taIdentRef, ann, g),
    ])
    nxg = to_networkx(store)
    assert nxg.nodes[ann.value] == {"label": "Ann", "type": "Person", "mentions": 1, "aliases": "", "wikidata": ""}
    edges = list(nxg.edges(data=True))
    assert len(edges) == 1
    a, b, e = edges[0]
    assert (a, b, e["predicate"], e["sentence"], e["begin"]) == (ann.value, acme.value, "memberOf",
                                                                 "Ann works for Acme.", 0)


def test_sentences_read_in_chunks_give_the_same_graph(seed_graph, monkeypatch):
    import networkx as nx

    from kg.query import network

    whole = seed_graph.to_networkx()
    assert len({e["sentence"] for *_, e in whole.edges(data=True)}) > 3
    monkeypatch.setattr(network, "_VALUES_CHUNK", 2)  # many VALUES blocks of two sentences each
    chunked = seed_graph.to_networkx()
    assert nx.utils.graphs_equal(whole, chunked)  # nodes, edges and their attributes


def _awkward_graph():
    import networkx as nx

    g = nx.MultiDiGraph()
    g.add_node('http://x/a?b=1&c="2"', label="Smith & Sons <Ltd>", type="Organization", mentions=3, aliases="")
    g.add_node("http://x/ünïcode", label='said "no"\tthen\nleft', type="Person", mentions=0, aliases="A|B")
    g.add_node("http://x/bare\r\n\t")  # no data at all; white space an attribute keeps
    g.add_edge('http://x/a?b=1&c="2"', "http://x/ünïcode", predicate="relatedTo", statement="http://x/s/1",
               sentence="A > B & C", begin=0, end=9)
    g.add_edge('http://x/a?b=1&c="2"', "http://x/ünïcode", predicate="memberOf", role="chair", begin=10, end=20)
    g.add_edge("http://x/bare\r\n\t", "http://x/bare\r\n\t")  # an edge without data
    return g


def test_graphml_is_written_as_networkx_writes_it(tmp_path, seed_graph):
    import networkx as nx

    from kg.query.network import write_graphml, xml_safe

    for name, g in [("seed", xml_safe(seed_graph.to_networkx())), ("awkward", _awkward_graph()),
                    ("empty", nx.MultiDiGraph())]:
        ours, theirs = tmp_path / f"{name}-ours.graphml", tmp_path / f"{name}-nx.graphml"
        write_graphml(g, ours)
        nx.readwrite.graphml.write_graphml_xml(g, theirs)  # the ElementTree writer (not lxml's)
        assert ours.read_bytes() == theirs.read_bytes(), name
        back = nx.read_graphml(ours)
        assert sorted(back.nodes(data=True)) == sorted((n, d) for n, d in g.nodes(data=True)), name
    assert seed_graph.to_networkx().number_of_edges() > 10


def test_graphs_the_projection_never_makes_are_left_to_networkx(tmp_path):
    import networkx as nx

    from kg.query.network import write_graphml

    g = _awkward_graph()
    g.add_node("http://x/w", weight=0.5)  # a float: not a value of the projection
    g.graph["name"] = "mine"
    write_graphml(g, tmp_path / "ours.graphml")
    nx.write_graphml(g, tmp_path / "nx.graphml")  # whichever writer networkx picks
    assert (tmp_path / "ours.graphml").read_bytes() == (tmp_path / "nx.graphml").read_bytes()
    assert nx.read_graphml(tmp_path / "ours.graphml").nodes["http://x/w"]["weight"] == 0.5
