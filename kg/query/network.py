"""The NetworkX projection of the graph.

Nodes are entities (label, type, aliases, mention count) and events (label,
event type); edges are relations between them, each with its predicate and
the sentence it came from (document, offsets, text).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from pyoxigraph import Store

from kg.query.sparql import run_query

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["node_details", "restrict", "to_networkx"]

_NODES = """
SELECT ?n ?label ?type (COUNT(DISTINCT ?m) AS ?mentions) (GROUP_CONCAT(DISTINCT ?alt; separator="|") AS ?aliases)
       (SAMPLE(?same) AS ?wikidata)
WHERE {
  ?n rdfs:label ?label ; a ?cls .
  FILTER(?cls IN (schema:Person, schema:Organization, schema:Country, schema:City, schema:Place, schema:Event, schema:Thing))
  BIND(STRAFTER(STR(?cls), "http://schema.org/") AS ?type)
  OPTIONAL { ?m itsrdf:taIdentRef ?n }
  OPTIONAL { ?n skos:altLabel ?alt }
  OPTIONAL { ?n owl:sameAs ?same }
} GROUP BY ?n ?label ?type
"""

_EDGES = """
SELECT ?s ?o ?predicate ?role ?sentence ?text ?begin ?end ?doc ?title WHERE {
  {
    ?st a org:Membership ; org:member ?s ; org:organization ?o ; prov:wasDerivedFrom ?sentence .
    OPTIONAL { ?st org:role/rdfs:label ?role }
    BIND("memberOf" AS ?predicate)
  } UNION {
    ?o a schema:Event ; kg:hasParticipation ?p ; prov:wasDerivedFrom ?sentence .
    ?p kg:entity ?s ; kg:role ?role .
    BIND("participatedIn" AS ?predicate)
  } UNION {
    ?s a schema:Event ; schema:location ?o ; prov:wasDerivedFrom ?sentence .
    BIND("location" AS ?predicate)
  } UNION {
    ?s a schema:Event ; kg:origin ?o ; prov:wasDerivedFrom ?sentence .
    BIND("origin" AS ?predicate)
  }
  ?sentence nif:anchorOf ?text ; nif:beginIndex ?begin ; nif:endIndex ?end ; nif:referenceContext ?doc .
  OPTIONAL { ?doc schema:headline ?title }
}
"""


def to_networkx(store: Store) -> "nx.MultiDiGraph":
    """Entities and events as nodes, relations as edges with provenance.

    >>> import pyoxigraph, kg.query.network as n
    >>> n.to_networkx(pyoxigraph.Store()).number_of_nodes()
    0
    """
    import networkx as nx

    g = nx.MultiDiGraph()
    for row in run_query(store, _NODES).values():
        node = row["n"]
        if node in g:  # an entity typed twice keeps its first type
            continue
        g.add_node(node, label=row["label"], type=row["type"], mentions=int(row["mentions"] or 0),
                   aliases=row["aliases"] or "", wikidata=row["wikidata"] or "")
    for row in run_query(store, _EDGES).values():
        s, o = row["s"], row["o"]
        if s not in g or o not in g:
            continue
        g.add_edge(s, o, predicate=row["predicate"], role=row["role"] or "", sentence=row["text"],
                   begin=int(row["begin"]), end=int(row["end"]), document=row["doc"], title=row["title"] or "")
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
