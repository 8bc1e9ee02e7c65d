"""Property test: random hostile texts build into valid RDF in every export format, and offsets hold."""
from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kg

HOSTILE = ['"', "'", "<", ">", "\\", "\n", "\r", "\t", "\x0b", "\x1b", "\u202e", "\u200f", "🚀", "}", "{", "#", ";",
           "“", "”", "‘", "’", "«", "»", "—", "&", "%", "^^", "@en", "_:b0", "<http://x/>", "DROP ALL"]
WORDS = ["The", "minister", "said", "Paris", "Acme Corp", "Jean Dupont", "on Monday", "in", "talks", "with",
         "France", "United Nations", "agreed", "a deal", "."]
texts = st.lists(st.one_of(st.sampled_from(HOSTILE), st.sampled_from(WORDS),
                           st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                                   max_size=12)), min_size=3, max_size=40).map(" ".join)
FORMATS = {"trig": "trig", "nquads": "nquads", "jsonld": "json-ld", "turtle": "turtle"}


def named_graphs(ds):
    return {g.identifier: g for g in ds.graphs() if len(g)}


def store_dataset(graph):
    import rdflib
    from pyoxigraph import RdfFormat, serialize

    data = serialize(graph.store.quads_for_pattern(None, None, None, None), format=RdfFormat.N_QUADS)
    ds = rdflib.Dataset()
    ds.parse(data=data.decode("utf-8"), format="nquads")
    return ds


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=texts)
def test_hostile_text_round_trips(body):
    import rdflib
    from rdflib.compare import isomorphic

    text = "Headline " + body.replace("\x00", "") + "\nPARIS (AFP) - " + body + " said Jean Dupont."
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in" / "doc.txt"
        src.parent.mkdir()
        src.write_bytes(text.encode("utf-8"))
        g = kg.build([src], Path(tmp) / "out", viewer=False)
        expected = store_dataset(g)
        for fmt, parser in FORMATS.items():
            out = g.export(fmt, Path(tmp) / f"g.{fmt}")
            if fmt == "turtle":
                got = rdflib.Graph().parse(out, format=parser)
                union = rdflib.Graph()
                for s, p, o, _ in expected.quads((None, None, None, None)):
                    union.add((s, p, o))
                assert isomorphic(got, union), fmt
            else:
                got = rdflib.Dataset()
                got.parse(out, format=parser)
                want, have = named_graphs(expected), named_graphs(got)
                assert want.keys() == have.keys(), fmt
                for name in want:
                    assert isomorphic(want[name], have[name]), (fmt, name)
        built = rdflib.Dataset()  # the TriG the build wrote as the store filled
        built.parse(Path(tmp) / "out" / "graph.trig", format="trig")
        assert named_graphs(built).keys() == named_graphs(expected).keys()
        for name, graph in named_graphs(expected).items():
            assert isomorphic(graph, named_graphs(built)[name]), name
        import networkx as nx

        nx.read_graphml(Path(tmp) / "out" / "graph.graphml")  # raises on XML that is not well-formed
        rows = g.sparql("""SELECT ?text ?b ?e ?a WHERE { ?d nif:isString ?text . ?x nif:referenceContext ?d ;
                           nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?a }""").values()
        for r in rows:
            assert r["text"][int(r["b"]):int(r["e"])] == r["a"]
        g.close()
