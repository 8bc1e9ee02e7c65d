"""The NetworkX projection of the graph.

Nodes are entities (label, type, aliases, mention count) and events (label,
event type); edges are relations between them, each with its predicate and
the sentence it came from (document, offsets, text): roles (memberOf, with the role), participation in
events, event places and origins, and the relations kg.extract.relations finds that the sentence states
as fact (predicate "locatedIn", "relatedTo" …, with ``statement``, the IRI of its kg:RelationStatement).
"""
from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from pyoxigraph import Store

from kg.graph.namespaces import ENTITY_CLASSES, SCHEMA
from kg.query.sparql import iter_values, run_query

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["node_details", "restrict", "to_networkx", "write_graphml", "xml_safe"]

#: entities (named events among them), extracted events (schema:Event) and entities of no known class
_CLASSES = sorted({iri.value for iri in ENTITY_CLASSES.values()} | {SCHEMA.Event.value, SCHEMA.Thing.value})


_NODES = """
SELECT ?n ?class ?label WHERE {
  VALUES ?class { %s }
  ?n a ?class ; rdfs:label ?label .
}
""" % " ".join(f"<{c}>" for c in _CLASSES)
_MENTION_COUNTS = "SELECT ?n (COUNT(DISTINCT ?m) AS ?c) WHERE { ?m itsrdf:taIdentRef ?n } GROUP BY ?n"
_ALIASES = "SELECT DISTINCT ?n ?alias WHERE { ?n skos:altLabel ?alias }"
_SAME_AS = "SELECT ?n ?item WHERE { ?n owl:sameAs ?item }"
#: the sentences named in the VALUES block, read by index lookups rather than a scan of all sentences
_SENTENCES = """
SELECT ?s ?text ?b ?e ?doc WHERE { VALUES ?s { %s } ?s nif:anchorOf ?text ; nif:beginIndex ?b ; nif:endIndex ?e ;
  nif:referenceContext ?doc }
"""
_VALUES_CHUNK = 2000  # sentences per query: keeps the query text small on an archive
_HEADLINES = "SELECT ?doc ?title WHERE { ?doc schema:headline ?title }"
#: one query per kind of edge: (statement, from, to, role, sentence)
_EDGES = {
    "relation": """SELECT ?st ?a ?b ?role ?s WHERE { ?st a kg:RelationStatement ; rdf:subject ?a ; rdf:object ?b ;
                   rdf:predicate ?p ; prov:wasDerivedFrom ?s ; kg:modality "asserted" FILTER NOT EXISTS { ?st kg:negated true }
                   BIND(STRAFTER(STR(?p), "#") AS ?role) }""",
    "memberOf": """SELECT ?st ?a ?b ?role ?s WHERE { ?st org:member ?a ; org:organization ?b ; prov:wasDerivedFrom ?s .
                   OPTIONAL { ?st org:role ?r . ?r rdfs:label ?role } }""",
    "participatedIn": """SELECT ?st ?a ?b ?role ?s WHERE { ?b kg:hasParticipation ?st ; prov:wasDerivedFrom ?s .
                         ?st kg:entity ?a ; kg:role ?role }""",
    "location": "SELECT ?st ?a ?b ?s WHERE { ?a schema:location ?b ; prov:wasDerivedFrom ?s . BIND(?a AS ?st) }",
    "origin": "SELECT ?st ?a ?b ?s WHERE { ?a kg:origin ?b ; prov:wasDerivedFrom ?s . BIND(?a AS ?st) }",
}


def to_networkx(store: Store) -> "nx.MultiDiGraph":
    """Entities and events as nodes, relations as edges with provenance.

    Built from a handful of SPARQL queries whose joins run inside Oxigraph, so only
    the terms that end up in the graph are read back (linear in the size of the graph),
    and only the sentences that some edge comes from are kept. A statement found in
    several sentences gives one edge, from its earliest sentence.

    >>> import pyoxigraph, kg.query.network as n
    >>> n.to_networkx(pyoxigraph.Store()).number_of_nodes()
    0
    """
    import networkx as nx

    g = nx.MultiDiGraph()
    kinds: dict[str, set[str]] = {}
    labels: dict[str, str] = {}
    for r in iter_values(store, _NODES):
        n, cls, label = str(r["n"]), str(r["class"]), str(r["label"])
        kinds.setdefault(n, set()).add(cls.rsplit("#", 1)[-1].rsplit("/", 1)[-1])
        labels.setdefault(n, label)
    mentions = {str(r["n"]): int(str(r["c"])) for r in iter_values(store, _MENTION_COUNTS)}
    aliases: dict[str, list[str]] = {}
    for r in iter_values(store, _ALIASES):
        aliases.setdefault(str(r["n"]), []).append(str(r["alias"]))
    same: dict[str, str] = {}
    for r in iter_values(store, _SAME_AS):
        n, item = str(r["n"]), str(r["item"])
        same[n] = min(same.get(n, item), item)
    for node in sorted(kinds):
        kind = sorted(kinds[node] - {"Thing"} or kinds[node])[0]
        g.add_node(node, label=labels[node], type=kind, mentions=mentions.get(node, 0),
                   aliases="|".join(sorted(aliases.get(node, []))), wikidata=same.get(node, ""))

    # (statement, from, to) -> role and the sentences it was found in, per kind of edge
    found: dict[str, dict[tuple[str, str, str], tuple[str, list[str]]]] = {}
    for predicate, query in _EDGES.items():
        edges = found[predicate] = {}
        for r in iter_values(store, query):
            a, b = str(r["a"]), str(r["b"])
            if a in g and b in g:
                role, sents = edges.setdefault((str(r["st"]), a, b), (r.get("role") or "", []))
                sents.append(str(r["s"]))
    needed = {s for edges in found.values() for _, sents in edges.values() for s in sents}
    sentences: dict[str, tuple[int, int, str, str]] = {}
    ordered = sorted(needed)
    for i in range(0, len(ordered), _VALUES_CHUNK):
        block = " ".join(f"<{s}>" for s in ordered[i:i + _VALUES_CHUNK])
        sentences.update((str(r["s"]), (int(str(r["b"])), int(str(r["e"])), r["text"] or "", r["doc"] or ""))
                         for r in iter_values(store, _SENTENCES % block))
    titles = {str(r["doc"]): r["title"] or "" for r in iter_values(store, _HEADLINES)}
    for predicate, edges in found.items():
        for (st, a, b), (role, sents) in sorted(edges.items()):
            known = [sentences[s] for s in sents if s in sentences]
            if not known:
                continue
            begin, end, text, doc = min(known)
            if predicate == "relation":  # a typed or open relation: its predicate, and its statement node
                g.add_edge(a, b, predicate=role, role="", statement=st, sentence=text, begin=begin, end=end,
                           document=doc, title=titles.get(doc, ""))
                continue
            g.add_edge(a, b, predicate=predicate, role=role, sentence=text, begin=begin, end=end, document=doc,
                       title=titles.get(doc, ""))
    return g


#: characters XML 1.0 cannot hold: C0 controls other than tab, newline and carriage return; surrogates
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(g: "nx.MultiDiGraph") -> "nx.MultiDiGraph":
    """Replace, in place, every character XML cannot hold in string attributes by U+FFFD, so that the
    graph can be written as GraphML (an article may carry stray control characters).

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph(); g.add_node("a", label="x\x0by")
    >>> xml_safe(g).nodes["a"]["label"]
    'x\ufffdy'
    """
    for *_, data in list(g.nodes(data=True)) + list(g.edges(data=True)):
        for k, v in data.items():
            if isinstance(v, str) and _NOT_XML.search(v):
                data[k] = _NOT_XML.sub("\ufffd", v)
    return g


_MENTIONS = """
SELECT ?n ?doc ?title ?date ?text ?sb ?mb ?me WHERE {
  ?m itsrdf:taIdentRef ?n ; nif:beginIndex ?mb ; nif:endIndex ?me ; nif:sentence ?s .
  ?s nif:anchorOf ?text ; nif:beginIndex ?sb ; nif:referenceContext ?doc .
  OPTIONAL { ?doc schema:headline ?title }
  OPTIONAL { ?doc schema:datePublished ?date }
} ORDER BY ?n ?doc ?mb
"""
_SAID = """
SELECT ?n ?text ?date WHERE { ?q kg:speaker ?n ; kg:text ?text ; nif:beginIndex ?b . OPTIONAL { ?q kg:date ?date } }
ORDER BY ?n ?b
"""
_TOOK_PART = """
SELECT ?n ?event ?type ?label ?role ?date WHERE {
  ?event kg:hasParticipation ?p ; rdfs:label ?label ; a ?class . ?p kg:entity ?n ; kg:role ?role .
  FILTER(STRSTARTS(STR(?class), STR(kg:))) BIND(STRAFTER(STR(?class), STR(kg:)) AS ?type)
  OPTIONAL { ?event kg:date ?date }
}
"""
_MAX_SENTENCES = 12


def node_details(store: Store) -> dict[str, dict[str, object]]:
    """Per node: source sentences (mention offsets within the sentence), quotes, events, documents."""
    out: dict[str, dict[str, object]] = {}

    def entry(n: str) -> dict[str, object]:
        return out.setdefault(n, {"sentences": [], "quotes": [], "events": [], "docs": []})

    for r in run_query(store, _MENTIONS).values():
        e = entry(r["n"])
        docs: list[str] = e["docs"]  # type: ignore[assignment]
        if r["doc"] not in docs:
            docs.append(r["doc"])
        sents: list[dict[str, object]] = e["sentences"]  # type: ignore[assignment]
        if len(sents) < _MAX_SENTENCES:
            sb = int(r["sb"])
            sents.append({"doc": r["doc"], "title": r["title"], "date": r["date"], "text": r["text"],
                          "from": int(r["mb"]) - sb, "to": int(r["me"]) - sb})
    for r in run_query(store, _SAID).values():
        entry(r["n"])["quotes"].append({"text": r["text"], "date": r["date"]})  # type: ignore[attr-defined]
    for r in run_query(store, _TOOK_PART).values():
        entry(r["n"])["events"].append({"type": r["type"], "label": r["label"], "role": r["role"],  # type: ignore[attr-defined]
                                        "date": r["date"]})
    return out


def restrict(g: "nx.MultiDiGraph", keep: set[str] | None = None, max_nodes: int | None = None) -> tuple["nx.MultiDiGraph", str]:
    """The subgraph on ``keep`` (if given), cut to the ``max_nodes`` most connected nodes; and a note
    saying what was left out ("" when nothing was)."""
    total = g.number_of_nodes()
    if keep is not None:
        g = g.subgraph([n for n in g if n in keep]).copy()
    note = ""
    if max_nodes is not None and g.number_of_nodes() > max_nodes:
        ranked = sorted(g.nodes, key=lambda n: (-g.degree(n), str(n)))[:max_nodes]
        shown_of = g.number_of_nodes()
        g = g.subgraph(ranked).copy()
        note = f"showing the {max_nodes} most connected of {shown_of} nodes"
    elif keep is not None:
        note = f"showing {g.number_of_nodes()} of {total} nodes (query result)"
    return g, note


_GRAPHML_OPEN = ("<?xml version='1.0' encoding='utf-8'?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
                 "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml."
                 "graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">")
#: the GraphML types of the values a projection holds, as networkx names them
_GRAPHML_TYPES = {str: "string", int: "long"}
_ATTRIBUTE_ESCAPES = {'"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#09;"}


def write_graphml(g: "nx.MultiDiGraph", path: "str | Path") -> None:
    """Write ``g`` (a projection :func:`to_networkx` made, passed through :func:`xml_safe`) as GraphML:
    the file networkx's ElementTree writer (``write_graphml_xml``) writes, with the same keys, elements,
    escapes and indentation, streamed element by element as text (neither networkx's ElementTree of
    every node, edge and value nor a copy of the file is held) in a third of the time of networkx's
    lxml writer. A graph holding anything else (graph attributes, values that are neither text nor
    integers) is written by networkx.

    >>> import networkx as nx, tempfile, pathlib
    >>> g = nx.MultiDiGraph(); g.add_node("a", label="A & B"); g.add_edge("a", "b", begin=3)
    0
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.graphml"; write_graphml(g, p)
    >>> back = nx.read_graphml(p); back.nodes["a"]["label"], back.edges["a", "b"]["begin"]
    ('A & B', 3)
    """
    import networkx as nx
    from xml.sax.saxutils import escape

    def items() -> "Iterator[tuple[dict, str]]":  # type: ignore[type-arg]
        yield from ((data, "node") for _, data in g.nodes(data=True))
        yield from ((data, "edge") for *_, data in g.edges(data=True))

    if (g.graph or not (g.is_directed() and g.is_multigraph())
            or any(type(v) not in _GRAPHML_TYPES for data, _ in items() for v in data.values())):
        nx.write_graphml(g, path)
        return
    keys: dict[tuple[str, str, str], str] = {}  # (name, type, scope) -> id, numbered as networkx numbers them
    for data, scope in items():
        for name, value in data.items():
            keys.setdefault((str(name), _GRAPHML_TYPES[type(value)], scope), f"d{len(keys)}")

    def attr(text: object) -> str:
        return escape(str(text), _ATTRIBUTE_ESCAPES)

    def element(opening: str, data: dict, scope: str) -> str:  # type: ignore[type-arg]
        if not data:
            return f"{opening} />\n    "
        out = [opening, ">"]
        for name, value in data.items():
            text = escape(str(value))
            key = keys[(str(name), _GRAPHML_TYPES[type(value)], scope)]
            out.append(f'\n      <data key="{key}">{text}</data>' if text else f'\n      <data key="{key}" />')
        out.append(f"\n    </{scope}>\n    ")
        return "".join(out)

    elements = itertools.chain(
        (element(f'<node id="{attr(n)}"', data, "node") for n, data in g.nodes(data=True)),
        (element(f'<edge source="{attr(u)}" target="{attr(v)}" id="{attr(k)}"', data, "edge")
         for u, v, k, data in g.edges(keys=True, data=True)))
    with Path(path).open("w", encoding="utf-8", newline="") as f:  # "\n" as it is, on every system
        f.write(_GRAPHML_OPEN + "\n  ")
        f.writelines(f'<key id="{k}" for="{scope}" attr.name="{attr(name)}" attr.type="{t}" />\n  '
                     for (name, t, scope), k in reversed(keys.items()))
        last = next(elements, None)
        if last is None:
            f.write('<graph edgedefault="directed" />\n</graphml>\n')
            return
        f.write('<graph edgedefault="directed">\n    ')
        for following in elements:
            f.write(last)
            last = following
        f.write(last[:-2] + "</graph>\n</graphml>\n")  # the last element closes the graph: one level less
