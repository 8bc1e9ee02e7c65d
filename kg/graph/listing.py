"""Listing order: where each listed item stands in the order kg's listings show it.

A listing ("every event", "every entity by class and name") sorted by SPARQL must
produce and sort every row before its first one: on an archive of millions of quads
that is seconds for a page of twenty. So the entity layer, recomputed after every
change to the store, also numbers the items of each listing in that listing's order
(``?event kg:eventOrder 0``, ``1``, ``2`` …, consecutive from 0, and
``kg:eventOrder kg:orderSize N``). A listing query that sorts by such a number first
(``?event kg:eventOrder ?order … ORDER BY ?order …``) answers exactly as before, and
its first page is read by asking for the items numbered 0 to k (a ``VALUES`` block:
one index lookup each) instead of sorting all of them (see :mod:`kg.query.paging`).

The orders, each a total order that matches the ``ORDER BY`` of the shipped listing
that uses it (values compared as SPARQL compares them: strings by code point,
integers as numbers, IRIs as their strings):

* ``kg:documentOrder``: news articles by IRI (provenance: document, then offset);
* ``kg:eventOrder``: events by IRI;
* ``kg:entityOrder``: entities by class name (``Person``), canonical label, IRI;
* ``kg:quoteOrder``: quotes by start offset, then IRI;
* ``kg:mentionOrder``: entities by number of mentions (most first), label, IRI;
* ``kg:membershipOrder``: roles by member's label, role's label, organisation's label, the id of
  the document stating it, IRI;
* ``kg:statementOrder``: the agents of statements dated to the day (``xsd:date``): by
  date, the agent's label, then the participation's IRI;
* ``kg:speakerOrder``: the agents of statements: by the agent's label, the document's publication
  date and id, the sentence's start, then the participation's IRI;
* ``kg:dateOrder``: dated events by the day, month and year of their date (``-`` where the date
  is less precise), the id of their document, IRI.

Everything is read before the first quad is given (the caller may be writing the
layer into the same store) and the layer graph itself is never read.
"""
from __future__ import annotations

from typing import Iterator

from pyoxigraph import Literal, NamedNode, Quad, Store

from kg.graph.namespaces import ITSRDF, KG, NIF, ORG, PROV, SCHEMA, XSD

__all__ = ["ORDERS", "order_quads"]

#: the order properties, each with what it numbers
ORDERS = {
    KG.documentOrder: "news articles, by IRI",
    KG.eventOrder: "events, by IRI",
    KG.entityOrder: "entities, by class name, label and IRI",
    KG.quoteOrder: "quotes, by start offset and IRI",
    KG.mentionOrder: "entities, by number of mentions (most first), label and IRI",
    KG.membershipOrder: "roles, by member, role and organisation label, document id and IRI",
    KG.statementOrder: "agents of statements dated to the day, by date, agent label and IRI",
    KG.speakerOrder: "agents of statements, by agent label, publication date, document id, offset and IRI",
    KG.dateOrder: "dated events, by day, month, year, document id and IRI",
}


def _int(n: int) -> Literal:
    return Literal(str(n), datatype=XSD.integer)


def order_quads(store: Store, labels: dict[NamedNode, str], classes: dict[NamedNode, str],
                layer: NamedNode) -> Iterator[Quad]:
    """The order quads (in graph ``layer``) for the document graphs of ``store``; ``labels`` and
    ``classes`` are the entity layer's canonical label and class IRI of each entity."""

    def rows(select: str, where: str) -> list[list]:  # type: ignore[type-arg]
        """Solutions of a pattern over the document graphs (each item is stated in its document's graph)."""
        res = store.query(f"SELECT {select} WHERE {{ GRAPH ?g {{ {where} }} FILTER(?g != <{layer.value}>) }}",
                          prefixes=_PREFIXES)
        return [list(sol) for sol in res]  # type: ignore[union-attr]

    def label(node: object) -> str:
        return labels.get(node, "") if isinstance(node, NamedNode) else ""  # type: ignore[arg-type]

    def local(cls: str) -> str:
        return cls.rsplit("#", 1)[-1].rsplit("/", 1)[-1]

    def by_iri(where: str) -> list[NamedNode]:
        return sorted({r[0] for r in rows("?x", where)}, key=lambda n: n.value)

    def text(term: object) -> str:
        return "" if term is None else term.value  # type: ignore[attr-defined]

    quotes = {q: int(b.value) for q, b in rows("?q ?b", "?q a kg:Quote ; nif:beginIndex ?b")}
    members = rows("?m ?p ?o ?r ?id", "?m a org:Membership ; org:member ?p ; org:organization ?o "
                   "OPTIONAL { ?m org:role ?r } OPTIONAL { ?m prov:wasDerivedFrom/nif:referenceContext/schema:identifier ?id }")
    agents = {(d.value, label(who), p.value): p for p, d, who in rows(
        "?p ?d ?who", "?s kg:date ?d ; a kg:Statement ; kg:hasParticipation ?p . ?p kg:entity ?who ; kg:role ?r "
        "FILTER(?r = \"agent\" && DATATYPE(?d) = xsd:date)")}  # this order of patterns: a plan 10x faster
    speakers = {(label(who), text(pub), text(doc), int(b.value), p.value): p for p, who, pub, doc, b in rows(
        "?p ?who ?pub ?id ?b", "?s a kg:Statement ; kg:hasParticipation ?p ; prov:wasDerivedFrom ?x . "
        "?p kg:entity ?who ; kg:role ?r FILTER(?r = \"agent\") ?x nif:beginIndex ?b ; nif:referenceContext ?doc . "
        "?doc schema:identifier ?id OPTIONAL { ?doc schema:datePublished ?pub }")}
    dated = {}
    for e, d, doc in rows("?e ?d ?id", "?e a schema:Event ; kg:date ?d ; prov:wasDerivedFrom/nif:referenceContext/"
                          "schema:identifier ?id"):
        v = d.value
        key = (v[:10] if len(v) >= 10 else "-", v[:7] if len(v) >= 7 else "-", v[:4], doc.value, e.value)
        dated[e] = min(key, dated.get(e, key))
    res = store.query(f"SELECT ?e (COUNT(DISTINCT ?m) AS ?n) WHERE {{ GRAPH ?g {{ ?m itsrdf:taIdentRef ?e }} "
                      f"FILTER(?g != <{layer.value}>) }} GROUP BY ?e", prefixes=_PREFIXES)
    mentions = {sol["e"]: int(sol["n"].value) for sol in res}  # type: ignore[union-attr, index]
    lists: list[tuple[NamedNode, list[NamedNode]]] = [
        (KG.documentOrder, by_iri("?x a schema:NewsArticle")),
        (KG.eventOrder, by_iri("?x a schema:Event")),
        (KG.entityOrder, sorted(classes, key=lambda n: (local(classes[n]), labels.get(n, ""), n.value))),
        (KG.mentionOrder, sorted(classes, key=lambda n: (-mentions.get(n, 0), labels.get(n, ""), n.value))),
        (KG.quoteOrder, sorted(quotes, key=lambda n: (quotes[n], n.value))),
        (KG.membershipOrder, list(dict.fromkeys(m for _, m in sorted(
            ((label(p), label(r), label(o), text(i), m.value), m) for m, p, o, r, i in members)))),
        # a participation with two dates would be numbered at its first: the listing keeps its rows together
        (KG.statementOrder, list(dict.fromkeys(p for _, p in sorted(agents.items())))),
        (KG.speakerOrder, list(dict.fromkeys(p for _, p in sorted(speakers.items())))),
        (KG.dateOrder, sorted(dated, key=lambda e: dated[e])),
    ]
    for prop, nodes in lists:
        for i, node in enumerate(nodes):
            yield Quad(node, prop, _int(i), layer)
        yield Quad(prop, KG.orderSize, _int(len(nodes)), layer)


_PREFIXES = {"kg": str(KG), "nif": str(NIF), "org": str(ORG), "schema": str(SCHEMA), "xsd": str(XSD), "prov": str(PROV),
             "itsrdf": str(ITSRDF)}
