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
  is less precise), the id of their document, IRI;
* ``kg:relationOrder``: relation statements and roles by the id of their document, the sentence's
  start, the subject's label, the relation as relations.rq names it, the object's label, IRI.

Listings of distinct rows number one item per row, so that a page of twenty rows reads twenty items
however often the archive repeats a row:

* ``kg:roleOrder``: of the roles sharing one member, role and organisation label, the first in
  ``kg:membershipOrder``;
* ``kg:statementDateOrder``: of the agents of statements dated to the day sharing one date, agent
  label, modality and negation, the first in ``kg:statementOrder``.

Listings of pairs number pair nodes the layer writes (``kg:EntityPair``, ``kg:firstEntity`` and
``kg:secondEntity``):

* ``kg:comentionOrder``: entities mentioned in one sentence (the first's IRI before the second's), by the number of sentences (most
  first, ``kg:sentenceCount``; ``kg:documentCount`` in how many documents), the labels, the IRIs;
* ``kg:metOrder``: the parties of a meeting (``kg:Meet``, ``kg:pairEvent``), the first's label before
  the second's, by the meeting's first date (as text; undated first), the labels, the meeting's IRI;
* ``kg:headquartersOrder``: an organisation and a country its headquarters (``kg:headquarteredIn``) are
  in (``kg:locatedIn``, zero or more steps), by the country's label, the organisation's, the IRIs.

Each entity also carries what listings count: ``kg:mentionCount`` (its mentions) and
``kg:documentCount`` (the documents mentioning it).

Everything is read before the first quad is given (the caller may be writing the
layer into the same store) and the layer graph itself is never read.
"""
from __future__ import annotations

from typing import Iterator

from pyoxigraph import Literal, NamedNode, Quad, Store

from kg.graph.iris import Iris
from kg.graph.namespaces import ENTITY_CLASSES, ITSRDF, KG, NIF, ORG, PROV, RDF, RDFS, SCHEMA, XSD

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
    KG.relationOrder: "relations and roles, by document id, sentence start, subject, relation, object and IRI",
    KG.roleOrder: "distinct member, role and organisation labels, the first role of each",
    KG.statementDateOrder: "distinct date, agent label, modality and negation of statements, the first agent of each",
    KG.comentionOrder: "pairs of entities mentioned in one sentence, by sentences (most first), labels and IRIs",
    KG.metOrder: "pairs of parties to a meeting, by date, labels and the meeting's IRI",
    KG.headquartersOrder: "organisations and the countries of their headquarters, by country, organisation and IRIs",
}

#: the entity classes the entity listings show (most_mentioned, comentions)
_ENTITY_CLASSES = frozenset(c.value for c in ENTITY_CLASSES.values())


def _int(n: int) -> Literal:
    return Literal(str(n), datatype=XSD.integer)


def order_quads(store: Store, labels: dict[NamedNode, str], classes: dict[NamedNode, str],
                iris: Iris) -> Iterator[Quad]:
    """The order quads (in the entity layer's graph) for the document graphs of ``store``; ``labels``
    and ``classes`` are the entity layer's canonical label and class IRI of each entity."""
    layer = iris.entity_graph()

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
    # (every membership has its sentence: binding it first gives a plan ten times faster than an OPTIONAL path)
    members = rows("?m ?p ?o ?r ?id", "?m a org:Membership ; org:member ?p ; org:organization ?o ; prov:wasDerivedFrom ?sn "
                   "OPTIONAL { ?m org:role ?r } OPTIONAL { ?sn nif:referenceContext/schema:identifier ?id }")
    agents = {(d.value, label(who), p.value): (p, s) for p, d, who, s in rows(
        "?p ?d ?who ?s", "?s kg:date ?d ; a kg:Statement ; kg:hasParticipation ?p . ?p kg:entity ?who ; kg:role ?r "
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
    # mentions: entity -> sentence -> document, one row per mention
    mentioned = rows("?m ?e ?s ?doc ?sdoc", "?m itsrdf:taIdentRef ?e . OPTIONAL { ?m nif:referenceContext ?doc } "
                     "OPTIONAL { ?m nif:sentence ?s OPTIONAL { ?s nif:referenceContext ?sdoc } }")
    sentence_doc: dict[object, object] = {}
    mention_sets: dict[NamedNode, set[object]] = {}
    doc_sets: dict[NamedNode, set[object]] = {}
    in_sentence: dict[object, set[NamedNode]] = {}
    for m, e, s, doc, sdoc in mentioned:
        mention_sets.setdefault(e, set()).add(m)
        if sdoc is not None:
            sentence_doc[s] = sdoc
        if doc is not None:
            doc_sets.setdefault(e, set()).add(doc)
        if s is not None and classes.get(e) in _ENTITY_CLASSES:
            in_sentence.setdefault(s, set()).add(e)
    mentions = {e: len(ms) for e, ms in mention_sets.items()}
    del mentioned, mention_sets
    modality: dict[object, tuple[str, ...]] = {}
    for s, mod in rows("?s ?mod", "?s a kg:Statement ; kg:modality ?mod"):
        modality[s] = tuple(sorted(modality.get(s, ()) + (mod.value,)))
    negated = {r[0] for r in rows("?s", "?s a kg:Statement ; kg:negated true")}
    relations: dict[NamedNode, tuple] = {}  # type: ignore[type-arg]
    # labels of subjects and objects that are no entity (unnamed sources) are stated in their document
    named = "OPTIONAL { ?s rdfs:label ?sl } OPTIONAL { ?o rdfs:label ?ol }"
    for st, sub, p, o, verb, prep, b, doc, sl, ol in rows(
            "?st ?s ?p ?o ?verb ?prep ?b ?id ?sl ?ol", "?st a kg:RelationStatement ; rdf:subject ?s ; rdf:predicate ?p ; "
            "rdf:object ?o ; prov:wasDerivedFrom ?sn . ?sn nif:beginIndex ?b ; nif:referenceContext/schema:identifier ?id "
            f"OPTIONAL {{ ?st kg:verb ?verb }} OPTIONAL {{ ?st kg:preposition ?prep }} {named}"):
        name = _relation_name(text(p))
        if verb is not None:
            name = f"{name}: {verb.value}" + (f" {prep.value}" if prep is not None else "")
        key = (text(doc), int(b.value), label(sub) or text(sl), name, label(o) or text(ol), st.value)
        relations[st] = min(key, relations.get(st, key))
    for st, sub, o, r, b, doc, sl, ol in rows(
            "?st ?s ?o ?r ?b ?id ?sl ?ol", "?st a org:Membership ; org:member ?s ; org:organization ?o ; "
            "prov:wasDerivedFrom ?sn . ?sn nif:beginIndex ?b ; nif:referenceContext/schema:identifier ?id "
            f"OPTIONAL {{ ?st org:role ?r }} {named}"):
        name = f"member of: {label(r)}" if r is not None and r in labels else "member of"
        key = (text(doc), int(b.value), label(sub) or text(sl), name, label(o) or text(ol), st.value)
        relations[st] = min(key, relations.get(st, key))
    headquarters = rows("?o ?p", "?o kg:headquarteredIn ?p")
    located: dict[object, set[object]] = {}
    for a, b in rows("?a ?b", "?a kg:locatedIn ?b"):
        located.setdefault(a, set()).add(b)
    meetings = rows("?ev ?a ?b ?d", "?ev a kg:Meet ; kg:participant ?a, ?b OPTIONAL { ?ev kg:date ?d }")
    lists: list[tuple[NamedNode, list[NamedNode]]] = [
        (KG.documentOrder, by_iri("?x a schema:NewsArticle")),
        (KG.eventOrder, by_iri("?x a schema:Event")),
        (KG.entityOrder, sorted(classes, key=lambda n: (local(classes[n]), labels.get(n, ""), n.value))),
        (KG.mentionOrder, sorted(classes, key=lambda n: (-mentions.get(n, 0), labels.get(n, ""), n.value))),
        (KG.quoteOrder, sorted(quotes, key=lambda n: (quotes[n], n.value))),
        (KG.membershipOrder, list(dict.fromkeys(m for _, m in sorted(
            ((label(p), label(r), label(o), text(i), m.value), m) for m, p, o, r, i in members)))),
        # a participation with two dates would be numbered at its first: the listing keeps its rows together
        (KG.statementOrder, list(dict.fromkeys(p for _, (p, _) in sorted(agents.items())))),
        (KG.speakerOrder, list(dict.fromkeys(p for _, p in sorted(speakers.items())))),
        (KG.dateOrder, sorted(dated, key=lambda e: dated[e])),
        (KG.relationOrder, sorted(relations, key=lambda st: relations[st])),
        # one item per distinct row: the first of its rows not numbered yet (a role with two role labels, or
        # an agent of a statement with two dates, is numbered at its first row only)
        (KG.roleOrder, _firsts((key[:3], m) for key, m in sorted(
            ((label(p), label(r), label(o), text(i), m.value), m) for m, p, o, r, i in members
            if r is not None and p in labels and o in labels and r in labels))),
        (KG.statementDateOrder, _firsts(((d, who, modality.get(s, ()), s in negated), p)
                                        for (d, who, _), (p, s) in sorted(agents.items()))),
    ]
    for prop, nodes in lists:
        for i, node in enumerate(nodes):
            yield Quad(node, prop, _int(i), layer)
        yield Quad(prop, KG.orderSize, _int(len(nodes)), layer)
    for e in classes:  # what the entity listings count
        yield Quad(e, KG.mentionCount, _int(mentions.get(e, 0)), layer)
        yield Quad(e, KG.documentCount, _int(len(doc_sets.get(e, ()))), layer)
    yield from _comentions(in_sentence, sentence_doc, labels, iris)
    yield from _meetings(meetings, labels, iris)
    yield from _headquarters(headquarters, located, labels, classes, iris)


def _headquarters(headquarters: list[list], located: dict[object, set[object]], labels: dict[NamedNode, str],  # type: ignore[type-arg]
                  classes: dict[NamedNode, str], iris: Iris) -> Iterator[Quad]:
    """Each organisation with a country its headquarters are in (organisations_by_country.rq's rows)."""
    org, country = SCHEMA.Organization.value, SCHEMA.Country.value
    pairs: set[tuple[NamedNode, NamedNode]] = set()
    for o, p in headquarters:
        if classes.get(o) != org or o not in labels or p not in labels:
            continue
        seen, todo = {p}, [p]
        while todo:  # kg:locatedIn*: the place itself and everything it is in
            for c in located.get(todo.pop(), ()):
                if c not in seen:
                    seen.add(c)
                    todo.append(c)
        pairs.update((o, c) for c in seen if classes.get(c) == country and c in labels)  # type: ignore[misc]
    keyed = [((labels[c], labels[o], c.value, o.value), (o, c), {}) for o, c in pairs]
    return _pairs(iris, "headquarters", KG.headquartersOrder, keyed)


def _relation_name(predicate: str) -> str:
    """A relation's name as relations.rq writes it: ``headquarteredIn`` -> "headquartered in"."""
    import re

    return re.sub(r"([a-z])([A-Z])", r"\1 \2", predicate.partition("#")[2]).lower()


def _firsts(keyed) -> list[NamedNode]:  # type: ignore[no-untyped-def]
    """Of (key, item) pairs in order, the first item of each key not taken by an earlier key."""
    out: dict[NamedNode, None] = {}
    keys: dict[object, list[NamedNode]] = {}
    for key, item in keyed:
        keys.setdefault(key, []).append(item)
    for items in keys.values():  # keys in order of their first item (dicts keep insertion order)
        free = next((i for i in items if i not in out), None)
        if free is not None:
            out[free] = None
    return list(out)


def _pairs(iris: Iris, kind: str, prop: NamedNode, keyed: list[tuple[tuple, tuple[NamedNode, ...], dict]]  # type: ignore[type-arg]
           ) -> Iterator[Quad]:
    """Pair nodes (``kg:EntityPair``) numbered by ``prop`` in the order of their keys; each of ``keyed`` is
    (key, (first, second, *rest), {property: value})."""
    layer = iris.entity_graph()
    keyed.sort(key=lambda k: k[0])
    for i, (_, (a, b, *rest), values) in enumerate(keyed):
        node = iris.pair(kind, a.value, b.value, *(r.value for r in rest))
        yield Quad(node, RDF.type, KG.EntityPair, layer)
        yield Quad(node, KG.firstEntity, a, layer)
        yield Quad(node, KG.secondEntity, b, layer)
        for p, v in values.items():
            yield Quad(node, p, v, layer)
        yield Quad(node, prop, _int(i), layer)
    yield Quad(prop, KG.orderSize, _int(len(keyed)), layer)


def _comentions(in_sentence: dict[object, set[NamedNode]], docs: dict[object, object], labels: dict[NamedNode, str],
                iris: Iris) -> Iterator[Quad]:
    """The pairs of entities mentioned in one sentence, with how many sentences and documents."""
    sentences: dict[tuple[NamedNode, NamedNode], int] = {}
    in_docs: dict[tuple[NamedNode, NamedNode], set[object]] = {}
    for s, ents in in_sentence.items():
        doc = docs.get(s)
        if doc is None or len(ents) < 2:
            continue
        ordered = sorted(ents, key=lambda n: n.value)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1:]:
                sentences[(a, b)] = sentences.get((a, b), 0) + 1
                in_docs.setdefault((a, b), set()).add(doc)
    keyed = [((-n, labels.get(a, ""), labels.get(b, ""), a.value, b.value), (a, b),
              {KG.sentenceCount: _int(n), KG.documentCount: _int(len(in_docs[(a, b)]))})
             for (a, b), n in sentences.items() if a in labels and b in labels]
    return _pairs(iris, "comention", KG.comentionOrder, keyed)


def _meetings(found: list[list], labels: dict[NamedNode, str], iris: Iris) -> Iterator[Quad]:  # type: ignore[type-arg]
    """The pairs of parties to each meeting (the first's label before the second's, as met.rq pairs them)."""
    dates: dict[tuple[NamedNode, NamedNode, NamedNode], str] = {}
    for ev, a, b, d in found:
        if a in labels and b in labels and labels[a] < labels[b]:
            k = (ev, a, b)
            text = "" if d is None else d.value  # undated first, as ORDER BY puts an unbound ?date first
            dates[k] = min(text, dates.get(k, text))
    keyed = [((dates[k], labels[k[1]], labels[k[2]], k[0].value, k[1].value, k[2].value), (k[1], k[2], k[0]),
              {KG.pairEvent: k[0]}) for k in dates]
    return _pairs(iris, "met", KG.metOrder, keyed)


_PREFIXES = {"rdf": str(RDF), "rdfs": str(RDFS), "kg": str(KG), "nif": str(NIF), "org": str(ORG), "schema": str(SCHEMA), "xsd": str(XSD), "prov": str(PROV),
             "itsrdf": str(ITSRDF)}
