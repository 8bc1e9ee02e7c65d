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

__all__ = ["to_networkx"]

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
SELECT ?s ?o ?predicate ?role ?sentence ?text ?begin ?end ?doc WHERE {
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
                   begin=int(row["begin"]), end=int(row["end"]), document=row["doc"])
    return g
