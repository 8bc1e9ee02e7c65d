"""The NetworkX projection of the graph.

Nodes are entities (label, type, aliases, mention count) and events (label,
event type); edges are relations between them, each with its predicate and
the sentence it came from (document, offsets, text).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from pyoxigraph import NamedNode, Store

from kg.graph.namespaces import ITSRDF, KG, NIF, ORG, OWL, PROV, RDF, RDFS, SCHEMA, SKOS
from kg.query.sparql import run_query

Term = object  # a pyoxigraph term (NamedNode, Literal, BlankNode)

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["node_details", "restrict", "to_networkx"]

_CLASSES = {"Person", "Organization", "Country", "City", "Place", "Event", "Thing"}


def _objects(store: Store, predicate: NamedNode) -> dict[str, list[Term]]:
    """subject IRI -> distinct objects of ``predicate``, over all graphs."""
    out: dict[str, list[Term]] = {}
    for q in store.quads_for_pattern(None, predicate, None, None):
        vals = out.setdefault(q.subject.value, [])
        if q.object not in vals:
            vals.append(q.object)
    return out


def _first(index: dict[str, list[Term]], key: str) -> str | None:
    vals = index.get(key)
    return vals[0].value if vals else None


def to_networkx(store: Store) -> "nx.MultiDiGraph":
    """Entities and events as nodes, relations as edges with provenance.

    Built by scanning the store's indexes per predicate and joining in Python:
    linear in the size of the graph.

    >>> import pyoxigraph, kg.query.network as n
    >>> n.to_networkx(pyoxigraph.Store()).number_of_nodes()
    0
    """
    import networkx as nx

    g = nx.MultiDiGraph()
    types = _objects(store, RDF.type)
    labels = _objects(store, RDFS.label)
    alt = _objects(store, SKOS.altLabel)
    same = _objects(store, OWL.sameAs)
    mentions: dict[str, set[str]] = {}
    for q in store.quads_for_pattern(None, ITSRDF.taIdentRef, None, None):
        mentions.setdefault(q.object.value, set()).add(q.subject.value)
    for node in sorted(types):
        classes = [t.value[len(str(SCHEMA)):] for t in types[node] if t.value.startswith(str(SCHEMA))]
        kind = next((c for c in classes if c in _CLASSES), None)
        if kind is None or node not in labels:
            continue
        g.add_node(node, label=labels[node][0].value, type=kind, mentions=len(mentions.get(node, ())),
                   aliases="|".join(sorted(a.value for a in alt.get(node, []))), wikidata=_first(same, node) or "")

    anchor, begin, end, context = (_objects(store, p) for p in (NIF.anchorOf, NIF.beginIndex, NIF.endIndex,
                                                                NIF.referenceContext))
    headline = _objects(store, SCHEMA.headline)
    derived = _objects(store, PROV.wasDerivedFrom)

    def edge(s: str, o: str, predicate: str, role: str, stmt: str) -> None:
        if s not in g or o not in g:
            return
        sent = _first(derived, stmt)
        if sent is None:
            return
        doc = _first(context, sent) or ""
        g.add_edge(s, o, predicate=predicate, role=role, sentence=_first(anchor, sent) or "",
                   begin=int(_first(begin, sent) or 0), end=int(_first(end, sent) or 0), document=doc,
                   title=_first(headline, doc) or "")

    member, organization, role_of = (_objects(store, p) for p in (ORG.member, ORG.organization, ORG.role))
    for m in sorted(member):
        role = _first(role_of, m)
        role_label = _first(labels, role) if role else None
        for person in member[m]:
            for org_ in organization.get(m, []):
                edge(person.value, org_.value, "memberOf", role_label or "", m)
    parts, ent, prole = (_objects(store, p) for p in (KG.hasParticipation, KG.entity, KG.role))
    for ev in sorted(parts):
        for p in parts[ev]:
            for e in ent.get(p.value, []):
                edge(e.value, ev, "participatedIn", _first(prole, p.value) or "", ev)
    for predicate, name in ((SCHEMA.location, "location"), (KG.origin, "origin")):
        for ev, places in sorted(_objects(store, predicate).items()):
            for place in places:
                edge(ev, place.value, name, "", ev)
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
