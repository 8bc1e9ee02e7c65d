"""Extraction -> quads: one named graph per document, plus the entity layer graph.

Everything a document states (its text, sentences, mentions, roles, events,
quotes) is in the document's named graph. What an entity *is* (class, label,
other names, Wikidata id) is stated once, in the entity layer graph
(``Iris.entity_graph``), merged over all documents: a query over the union of
graphs then sees one label and one class per entity however many documents
mention it.

Two layers (as Wikidata's truthy and full statements): a direct triple for
easy queries (``person org:memberOf org``, ``entity kg:participatedIn event``,
``speaker kg:said quote``) and a qualified node (org:Membership, the event,
the quote, kg:Participation) carrying provenance (``prov:wasDerivedFrom`` a
nif:Sentence whose offsets reproduce its text), hedge, date and confidence.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import Iterator

from pyoxigraph import Literal, NamedNode, Quad, Store

from kg.graph.iris import Iris
from kg.graph.listing import order_quads
from kg.graph.namespaces import ITSRDF, KG, NIF, ORG, OWL, PROV, RDF, RDFS, SCHEMA, SKOS, WD, XSD
from kg.types import Entity, Event, Extraction, Relation, TimeValue

__all__ = ["CLASS_OF", "EntityLayer", "to_quads"]

#: kg entity types -> schema.org classes
CLASS_OF = {
    "Person": SCHEMA.Person,
    "Organization": SCHEMA.Organization,
    "Country": SCHEMA.Country,
    "City": SCHEMA.City,
    "Place": SCHEMA.Place,
    "NamedEvent": KG.NamedEvent,  # a named event ("September 11"); extracted events are schema:Event nodes
    "Thing": SCHEMA.Thing,
    "Group": KG.Group,  # unnamed sources: "officials", "analysts"
    "CreativeWork": SCHEMA.CreativeWork,  # documents that say something: "the report", "the ruling"
}
_DATATYPE = {"date": XSD.date, "gYear": XSD.gYear, "gYearMonth": XSD.gYearMonth, "gMonthDay": XSD.gMonthDay,
             "duration": XSD.duration}
_ROLE_PROPERTY = {
    "agent": KG.agent, "participant": KG.participant, "partner": KG.partner, "theme": KG.theme,
    "source": KG.source,
}


@lru_cache(maxsize=1 << 14)  # offsets and counts repeat across sentences, mentions and documents
def _int(n: int) -> Literal:
    return Literal(str(n), datatype=XSD.integer)


def _relation(r: Relation, doc_id: str, iris: Iris, q, sent_iri: dict[int, NamedNode]) -> Iterator[Quad]:  # type: ignore[no-untyped-def]
    """A relation: the direct triple (only when the text states it as fact) and its qualified node.

    Roles are org:Membership nodes (org:member, org:organization, org:role); every other relation is a
    kg:RelationStatement (rdf:subject, rdf:predicate, rdf:object). Both carry the sentence
    (prov:wasDerivedFrom), the rule, the confidence, and the hedge, modality, negation and date the
    sentence gives."""
    subj, obj = iris.entity(r.subject), iris.entity(r.object)
    if r.predicate == "memberOf":
        pred = ORG.memberOf
        node = iris.membership(doc_id, r.subject, r.role, r.object) if r.asserted and r.rule in ("role", "source-role", "") \
            else iris.membership(doc_id, r.subject, r.role, r.object, r.rule, r.sentence)
        yield q(node, RDF.type, ORG.Membership)
        yield q(node, ORG.member, subj)
        yield q(node, ORG.organization, obj)
        if r.role:
            role = iris.role(r.role)
            yield q(node, ORG.role, role)
            yield q(role, KG.labelInDocument, Literal(r.role))
    else:
        pred = KG[r.predicate]
        node = iris.statement(doc_id, r.subject, r.predicate, r.object, r.sentence)
        yield q(node, RDF.type, KG.RelationStatement)
        yield q(node, RDF.subject, subj)
        yield q(node, RDF.predicate, pred)
        yield q(node, RDF.object, obj)
        if r.role:
            yield q(node, KG.labelInDocument, Literal(r.role))
    if r.asserted:
        yield q(subj, pred, obj)
    yield q(node, PROV.wasDerivedFrom, sent_iri[r.sentence])
    yield q(node, KG.confidence, Literal(str(r.confidence), datatype=XSD.decimal))
    if r.rule:
        yield q(node, KG.rule, Literal(r.rule))
    if r.hedge:
        yield q(node, KG.hedge, Literal(r.hedge))
    yield q(node, KG.modality, Literal(r.modality))
    if r.negated:
        yield q(node, KG.negated, Literal("true", datatype=XSD.boolean))
    if r.date is not None:
        yield q(node, KG.date, _time(r.date))
    if r.verb:
        yield q(node, KG.verb, Literal(r.verb))
    if r.preposition:
        yield q(node, KG.preposition, Literal(r.preposition))


def _time(tv: TimeValue) -> Literal:
    return Literal(tv.value, datatype=_DATATYPE[tv.datatype])


def _url(url: str) -> NamedNode | Literal:
    """A page's address as an IRI; one Oxigraph refuses as an IRI (a space in it) stays an xsd:anyURI literal."""
    try:
        return NamedNode(url)
    except ValueError:
        return Literal(url, datatype=XSD.anyURI)


def to_quads(x: Extraction, iris: Iris) -> Iterator[Quad]:
    """All quads of one document's extraction, in its named graph."""
    d = x.document
    g = iris.graph(d.id)
    doc = iris.document(d.id)

    def q(s: NamedNode, p: NamedNode, o: NamedNode | Literal) -> Quad:
        return Quad(s, p, o, g)

    # the document and its text
    yield q(doc, RDF.type, SCHEMA.NewsArticle)
    yield q(doc, RDF.type, NIF.Context)
    yield q(doc, NIF.isString, Literal(d.text))
    yield q(doc, NIF.beginIndex, _int(0))
    yield q(doc, NIF.endIndex, _int(len(d.text)))
    yield q(doc, SCHEMA.identifier, Literal(d.id))
    if d.digest:
        yield q(doc, KG.contentHash, Literal(d.digest))
    if d.title:
        yield q(doc, SCHEMA.headline, Literal(d.title))
    if d.published:
        yield q(doc, SCHEMA.datePublished, Literal(d.published.isoformat(), datatype=XSD.date))
    if d.url:
        yield q(doc, SCHEMA.url, _url(d.url))
    if d.author:
        yield q(doc, SCHEMA.author, Literal(d.author))
    for text, code in x.attributes:
        yield q(doc, KG.nationalityMentioned, Literal(code))

    sent_iri = {}
    for s in x.sentences:
        node = iris.span(d.id, s.start, s.end)
        sent_iri[s.index] = node
        yield q(node, RDF.type, NIF.Sentence)
        yield q(node, NIF.referenceContext, doc)
        yield q(node, NIF.beginIndex, _int(s.start))
        yield q(node, NIF.endIndex, _int(s.end))
        yield q(node, NIF.anchorOf, Literal(s.text))
        yield q(node, KG.segment, Literal(s.segment))

    for e in x.entities:
        yield from _entity(e, x, iris, q, doc, sent_iri)

    for r in x.relations:
        yield from _relation(r, d.id, iris, q, sent_iri)

    for ev in x.events:
        yield from _event(ev, x, iris, q, doc, sent_iri)

    starts = [s.start for s in x.sentences]  # sentences are in text order and do not overlap
    ends = [s.end for s in x.sentences]
    for qt in x.quotes:
        node = iris.quote(qt.key)
        yield q(node, RDF.type, KG.Quote)
        yield q(node, KG.text, Literal(qt.text))
        yield q(node, NIF.referenceContext, doc)
        yield q(node, NIF.beginIndex, _int(qt.start))
        yield q(node, NIF.endIndex, _int(qt.end))
        yield q(node, NIF.anchorOf, Literal(qt.text))
        yield q(node, PROV.wasDerivedFrom, sent_iri[qt.sentence])
        # and the sentences that name its speaker ('"…," she said.' after it): those overlapping its evidence
        for s in x.sentences[bisect_right(ends, qt.sentence_start):bisect_left(starts, qt.sentence_end)]:
            if s.index != qt.sentence:
                yield q(node, PROV.wasDerivedFrom, sent_iri[s.index])
        yield q(node, KG.direct, Literal("true" if qt.direct else "false", datatype=XSD.boolean))
        if qt.rule:
            yield q(node, KG.rule, Literal(qt.rule))
        for prop, span in ((KG.cue, qt.cue), (KG.sourceText, qt.source)):
            if span is not None:  # the words of attribution, the words naming the speaker: NIF strings
                sn = iris.span(d.id, span.start, span.end)
                yield q(node, prop, sn)
                yield q(sn, RDF.type, NIF.String)
                yield q(sn, NIF.referenceContext, doc)
                yield q(sn, NIF.beginIndex, _int(span.start))
                yield q(sn, NIF.endIndex, _int(span.end))
                yield q(sn, NIF.anchorOf, Literal(span.text))
        if qt.speaker:
            speaker = iris.entity(qt.speaker)
            yield q(node, KG.speaker, speaker)
            yield q(speaker, KG.said, node)
        if qt.verb:
            yield q(node, KG.reportingVerb, Literal(qt.verb))
        if qt.date:
            yield q(node, KG.date, _time(qt.date))
        if qt.hedge:
            yield q(node, KG.hedge, Literal(qt.hedge))


def _entity(e: Entity, x: Extraction, iris: Iris, q, doc: NamedNode, sent_iri: dict) -> Iterator[Quad]:  # type: ignore[no-untyped-def]
    node = iris.entity(e.key)
    # what this document says about the entity; the entity layer graph merges it across documents
    yield q(node, KG.typeInDocument, CLASS_OF.get(e.type, SCHEMA.Thing))
    yield q(node, KG.labelInDocument, Literal(e.label))
    for alias in e.aliases:
        yield q(node, KG.aliasInDocument, Literal(alias))
    if e.wikidata:
        yield q(node, KG.wikidataInDocument, Literal(e.wikidata))
    if e.country_code:
        yield q(node, KG.countryCodeInDocument, Literal(e.country_code))
    if e.nationality:
        yield q(node, KG.nationalityInDocument, Literal(e.nationality))
    yield q(doc, SCHEMA.mentions, node)
    d = x.document
    for m in e.mentions:
        mn = iris.span(d.id, m.start, m.end)
        yield q(mn, RDF.type, NIF.Phrase)
        yield q(mn, NIF.referenceContext, doc)
        yield q(mn, NIF.beginIndex, _int(m.start))
        yield q(mn, NIF.endIndex, _int(m.end))
        yield q(mn, NIF.anchorOf, Literal(m.text))
        yield q(mn, ITSRDF.taIdentRef, node)
        yield q(mn, KG.mentionKind, Literal(m.kind))
        if m.sentence >= 0:
            yield q(mn, NIF.sentence, sent_iri[m.sentence])
        if m.kind == "dateline":
            yield q(doc, SCHEMA.locationCreated, node)
        elif m.kind == "source":
            yield q(doc, SCHEMA.publisher, node)
    if x.document.source and e.label == x.document.source and e.type == "Organization":
        yield q(doc, SCHEMA.publisher, node)


def _event(ev: Event, x: Extraction, iris: Iris, q, doc: NamedNode, sent_iri: dict) -> Iterator[Quad]:  # type: ignore[no-untyped-def]
    node = iris.event(ev.key)
    yield q(node, RDF.type, SCHEMA.Event)
    yield q(node, RDF.type, KG[ev.type])
    yield q(node, RDFS.label, Literal(ev.label))
    yield q(node, KG.trigger, Literal(ev.trigger.text))
    yield q(node, PROV.wasDerivedFrom, sent_iri[ev.sentence])
    yield q(node, KG.inDocument, doc)
    if ev.place:
        yield q(node, SCHEMA.location, iris.entity(ev.place))
    if ev.origin:
        yield q(node, KG.origin, iris.entity(ev.origin))
    if ev.date:
        yield q(node, KG.date, _time(ev.date))
    if ev.duration:
        yield q(node, KG.duration, _time(ev.duration))
    if ev.hedge:
        yield q(node, KG.hedge, Literal(ev.hedge))
    yield q(node, KG.modality, Literal(ev.modality))
    if ev.rule:
        yield q(node, KG.rule, Literal(ev.rule))
    if ev.negated:
        yield q(node, KG.negated, Literal("true", datatype=XSD.boolean))
    for p in ev.participants:
        pn = iris.participation(ev.key, p.role, p.start, p.end)
        yield q(node, KG.hasParticipation, pn)
        yield q(pn, RDF.type, KG.Participation)
        yield q(pn, KG.role, Literal(p.role))
        yield q(pn, KG.text, Literal(p.text))
        yield q(pn, PROV.wasDerivedFrom, sent_iri[ev.sentence])
        if p.hedge:
            yield q(pn, KG.hedge, Literal(p.hedge))
        if p.entity:
            ent = iris.entity(p.entity)
            yield q(pn, KG.entity, ent)
            yield q(node, _ROLE_PROPERTY.get(p.role, KG.participant), ent)
            if p.role != "participant":
                yield q(node, KG.participant, ent)
            yield q(ent, KG.participatedIn, node)
        else:
            yield q(node, KG[p.role + "Text"], Literal(p.text))


class EntityLayer:
    """The entity layer graph, computed from what the document graphs say.

    For each entity IRI: its class, its canonical label (the label most documents use;
    ties: longest, then alphabetical), every other name as skos:altLabel, owl:sameAs
    its Wikidata item, and how it was merged (``kg:mergeRule``: "gazetteer" when a
    gazetteer id links it, "label" when several documents name it). Entities of one class
    whose labels match closely (rapidfuzz token-sort ratio >= ``FUZZY``, same last word)
    are linked with ``kg:possiblySameAs`` and a ``kg:Merge`` record (rule, score), not
    merged: the link is explainable and reversible. Two nodes with the same label were kept
    apart on purpose (names scoped to their document, such as "the Federal Government") and
    are not linked. Because it is derived from the
    document graphs, adding or removing a document and recomputing the layer gives the
    same graph as a fresh build.
    """

    FUZZY = 92

    def __init__(self, store: Store, iris: Iris) -> None:
        self.store = store
        self.iris = iris

    def _by_subject(self, predicate: NamedNode) -> dict[NamedNode, dict[str, int]]:
        """subject -> {value: number of document graphs stating it}."""
        out: dict[NamedNode, dict[str, int]] = {}
        for q in self.store.quads_for_pattern(None, predicate, None, None):
            if q.graph_name == self.iris.entity_graph():
                continue
            d = out.setdefault(q.subject, {})  # type: ignore[arg-type]
            d[q.object.value] = d.get(q.object.value, 0) + 1
        return out

    def quads(self) -> Iterator[Quad]:
        g = self.iris.entity_graph()
        types = self._by_subject(KG.typeInDocument)
        labels = self._by_subject(KG.labelInDocument)
        aliases = self._by_subject(KG.aliasInDocument)
        wikidata = self._by_subject(KG.wikidataInDocument)
        codes = self._by_subject(KG.countryCodeInDocument)
        nationality = self._by_subject(KG.nationalityInDocument)
        canonical: dict[NamedNode, str] = {}
        classes: dict[NamedNode, str] = {}
        for node in sorted(labels, key=lambda n: n.value):
            counts = labels[node]
            label = sorted(counts, key=lambda s: (-counts[s], -len(s), s))[0]
            canonical[node] = label
            if node not in types:  # a role concept
                yield Quad(node, RDF.type, ORG.Role, g)
                yield Quad(node, RDF.type, SKOS.Concept, g)
                yield Quad(node, RDFS.label, Literal(label), g)
                continue
            cls = classes[node] = sorted(types[node], key=lambda c: (-types[node][c], c))[0]
            yield Quad(node, RDF.type, NamedNode(cls), g)
            yield Quad(node, RDFS.label, Literal(label), g)
            for alias in sorted((set(counts) | set(aliases.get(node, {}))) - {label}):
                yield Quad(node, SKOS.altLabel, Literal(alias), g)
            for qid in sorted(wikidata.get(node, {})):
                yield Quad(node, OWL.sameAs, WD[qid], g)
                yield Quad(node, KG.mergeRule, Literal("gazetteer"), g)
            if sum(counts.values()) > 1:
                yield Quad(node, KG.mergeRule, Literal("label"), g)
            for code in sorted(codes.get(node, {})):
                yield Quad(node, KG.countryCode, Literal(code), g)
            for code in sorted(nationality.get(node, {})):
                yield Quad(node, KG.nationality, Literal(code), g)
        yield from self._fuzzy(canonical, types, g)
        yield from order_quads(self.store, canonical, classes, self.iris)  # what listings page by (kg.graph.listing)

    def _fuzzy(self, canonical: dict[NamedNode, str], types: dict[NamedNode, dict[str, int]],
               g: NamedNode) -> Iterator[Quad]:
        from rapidfuzz import fuzz

        by_key: dict[tuple[str, str], list[NamedNode]] = {}
        for node, label in canonical.items():
            if node in types and len(label.split()) >= 2:
                cls = sorted(types[node])[0]
                by_key.setdefault((cls, label.split()[-1].lower()), []).append(node)
        for nodes in by_key.values():
            nodes.sort(key=lambda n: n.value)
            for i, a in enumerate(nodes):
                for b in nodes[i + 1:]:
                    if canonical[a].lower() == canonical[b].lower():
                        continue  # one name, two nodes: kept apart on purpose (scoped to their documents)
                    score = fuzz.token_sort_ratio(canonical[a], canonical[b])
                    if score >= self.FUZZY:
                        yield Quad(a, KG.possiblySameAs, b, g)
                        yield Quad(b, KG.possiblySameAs, a, g)
                        m = self.iris.merge(a.value, b.value)
                        yield Quad(m, RDF.type, KG.Merge, g)
                        yield Quad(m, KG.mergeRule, Literal("fuzzy"), g)
                        yield Quad(m, KG.score, Literal(str(score / 100), datatype=XSD.decimal), g)
                        yield Quad(m, KG.entity, a, g)
                        yield Quad(m, KG.entity, b, g)
