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
* ``kg:membershipOrder``: roles by member's label, role's label, organisation's label, IRI;
* ``kg:statementOrder``: the agents of statements dated to the day (``xsd:date``): by
  date, the agent's label, then the participation's IRI.

Everything is read before the first quad is given (the caller may be writing the
layer into the same store) and the layer graph itself is never read.
"""
from __future__ import annotations

from typing import Callable, Iterable, Iterator

from pyoxigraph import Literal, NamedNode, Quad, Store

from kg.graph.namespaces import KG, NIF, ORG, RDF, SCHEMA, XSD

__all__ = ["ORDERS", "order_quads"]

#: the order properties, each with what it numbers
ORDERS = {
    KG.documentOrder: "news articles, by IRI",
    KG.eventOrder: "events, by IRI",
    KG.entityOrder: "entities, by class name, label and IRI",
    KG.quoteOrder: "quotes, by start offset and IRI",
    KG.membershipOrder: "roles, by member, role and organisation label and IRI",
    KG.statementOrder: "agents of statements dated to the day, by date, agent label and IRI",
}


def _int(n: int) -> Literal:
    return Literal(str(n), datatype=XSD.integer)


def order_quads(store: Store, labels: dict[NamedNode, str], classes: dict[NamedNode, str],
                layer: NamedNode) -> Iterator[Quad]:
    """The order quads (in graph ``layer``) for the document graphs of ``store``; ``labels`` and
    ``classes`` are the entity layer's canonical label and class IRI of each entity."""

    def objects(s: NamedNode, p: NamedNode) -> list:  # type: ignore[type-arg]
        return [q.object for q in store.quads_for_pattern(s, p, None, None) if q.graph_name != layer]

    def subjects(p: NamedNode, o: NamedNode) -> list[NamedNode]:
        return sorted({q.subject for q in store.quads_for_pattern(None, p, o, None)  # type: ignore[misc]
                       if q.graph_name != layer}, key=lambda n: n.value)

    def first_int(s: NamedNode, p: NamedNode) -> int:
        vals = objects(s, p)
        return int(vals[0].value) if vals else -1

    def label(node: object) -> str:
        return labels.get(node, "") if isinstance(node, NamedNode) else ""  # type: ignore[arg-type]

    def local(cls: str) -> str:
        return cls.rsplit("#", 1)[-1].rsplit("/", 1)[-1]

    def first_label(s: NamedNode, p: NamedNode) -> str:
        return min((label(o) for o in objects(s, p)), default="")

    lists: list[tuple[NamedNode, list[NamedNode]]] = [
        (KG.documentOrder, subjects(RDF.type, SCHEMA.NewsArticle)),
        (KG.eventOrder, subjects(RDF.type, SCHEMA.Event)),
        (KG.entityOrder, _ranked(classes, lambda n: (local(classes[n]), labels.get(n, ""), n.value))),
        (KG.quoteOrder, _ranked(subjects(RDF.type, KG.Quote), lambda n: (first_int(n, NIF.beginIndex), n.value))),
        (KG.membershipOrder, _ranked(subjects(RDF.type, ORG.Membership), lambda n: (
            first_label(n, ORG.member), first_label(n, ORG.role), first_label(n, ORG.organization), n.value))),
    ]
    agents: list[tuple[tuple[str, str, str], NamedNode]] = []
    for s in subjects(RDF.type, KG.Statement):
        days = [d.value for d in objects(s, KG.date) if isinstance(d, Literal) and d.datatype == XSD.date]
        if not days:
            continue
        for p in objects(s, KG.hasParticipation):
            if any(r.value == "agent" for r in objects(p, KG.role)):
                for who in objects(p, KG.entity):
                    agents.append(((min(days), label(who), p.value), p))
    agents.sort(key=lambda kv: kv[0])
    lists.append((KG.statementOrder, list(dict.fromkeys(p for _, p in agents))))
    for prop, nodes in lists:
        for i, node in enumerate(nodes):
            yield Quad(node, prop, _int(i), layer)
        yield Quad(prop, KG.orderSize, _int(len(nodes)), layer)


def _ranked(nodes: Iterable[NamedNode], key: Callable[[NamedNode], tuple]) -> list[NamedNode]:  # type: ignore[type-arg]
    return sorted(nodes, key=key)
