"""What the viewer shows, read from a store: the entity-centred view of the graph.

* **Nodes** are entities. An event with three or more parties (entities taking part, its
  place, where it started from) is a small node of its own, linked to its parties.
* **Edges** are relations: every direct triple (truthy layer) between two entities, whatever
  its predicate (``org:memberOf``, and any ``kg:`` relation), labelled with the predicate's
  ``rdfs:label`` from ``ontology/kg.ttl`` (else its local name, in words); a membership shows its
  role. An event with exactly two parties is an edge between them, labelled with its type.
  Each edge carries its evidence: sentence, document, date, hedge, confidence and the rule
  that made it (``kg:rule`` on the statement node, where the extraction records one).
* **Statements and quotes are folded into their speaker**: a count on the node and the list
  (date, hedge, sentence, rule) in the side panel. They are also kept as nodes of their own
  (``kind`` "statement"), shown only when the page's switch asks for them; so are the relations
  that only say a speaker named an entity (``kg:statedAbout``): edges of ``kind`` "stated".
* **Co-mentions**: pairs of entities named in the same sentence, with the number of sentences
  (GDELT GKG style), for the page's co-occurrence layer.
* **Timeline**: every dated event, statement and quote (its own date, else its article's
  publication date), with the nodes and edges it involves.

Everything is read with a few SPARQL queries whose joins run inside Oxigraph.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterable

from kg.graph.namespaces import KG, ORG, RDFS
from kg.query.sparql import iter_values

if TYPE_CHECKING:
    import networkx as nx
    from pyoxigraph import Store

__all__ = ["View", "from_store", "predicate_label"]

#: events of these types are statements: folded into their speaker
STATEMENT_TYPES = {"Statement"}
#: relations that belong to the statements layer ("X made a statement naming Y"): edges of kind "stated",
#: drawn only with the statements, never a link that puts an entity in the first view
STATEMENT_PREDICATES = {KG["statedAbout"].value}
#: evidence kept per edge and statements listed per speaker (the rest are counted)
_MAX_EVIDENCE = 8
_MAX_SAID = 40
_VALUES_CHUNK = 2000


@dataclass
class View:
    """The entity-centred view: ``graph`` (nodes with ``label``, ``type``, ``kind``, ``mentions``,
    ``said``, ``docs``, ``dates``; edges with ``kind``, ``label``, ``predicate``, ``evidence``,
    ``dates``), panel ``details`` per node, ``comention`` pairs ``(a, b, sentences)`` and the
    ``timeline`` items ``{"start", "end", "label", "type", "nodes", "edges"}``."""

    graph: "nx.MultiDiGraph"
    details: dict[str, dict[str, Any]] = field(default_factory=dict)
    comention: list[tuple[str, str, int]] = field(default_factory=list)
    timeline: list[dict[str, Any]] = field(default_factory=list)


@lru_cache(maxsize=1)
def _ontology_labels() -> dict[str, str]:
    """rdfs:label of every term of ``ontology/kg.ttl``."""
    from pyoxigraph import RdfFormat, parse

    from kg.resources import ontology_path

    out: dict[str, str] = {}
    with open(ontology_path("kg.ttl"), "rb") as f:
        for t in parse(f, format=RdfFormat.TURTLE):
            if t.predicate == RDFS.label and t.subject.value not in out:
                out[t.subject.value] = t.object.value
    return out


def predicate_label(iri: str) -> str:
    """How an edge of predicate ``iri`` is labelled: its rdfs:label in ``ontology/kg.ttl``, else its
    local name in words.

    >>> predicate_label("http://www.w3.org/ns/org#memberOf")
    'member of'
    >>> predicate_label("http://example.org/x#headquarteredIn")
    'headquartered in'
    """
    label = _ontology_labels().get(iri)
    if label:
        return label
    local = re.split(r"[#/]", iri)[-1]
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", local).replace("_", " ").lower()


def _local(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


def _rows(store: "Store", text: str) -> Iterable[dict[str, str | None]]:
    return iter_values(store, text, "viewer")


_ENTITIES = """SELECT ?e ?class ?label WHERE { ?e a ?class ; rdfs:label ?label .
  FILTER EXISTS { ?e kg:typeInDocument ?t } }"""
_MENTIONS = "SELECT ?e (COUNT(DISTINCT ?m) AS ?c) WHERE { ?m itsrdf:taIdentRef ?e } GROUP BY ?e"
_ALIASES = "SELECT DISTINCT ?e ?alias WHERE { ?e skos:altLabel ?alias }"
_SAME_AS = "SELECT ?e ?item WHERE { ?e owl:sameAs ?item }"
_DOCS = """SELECT ?g ?doc ?title ?date WHERE { GRAPH ?g { ?doc a schema:NewsArticle }
  OPTIONAL { ?doc schema:headline ?title } OPTIONAL { ?doc schema:datePublished ?date } }"""
_MENTIONED_IN = "SELECT DISTINCT ?e ?doc WHERE { ?doc schema:mentions ?e }"
#: direct triples from an entity, in its document's graph (the object is checked to be an entity)
_TRUTHY = """SELECT DISTINCT ?g ?a ?p ?b WHERE { GRAPH ?g { ?a kg:typeInDocument ?t . ?a ?p ?b }
  FILTER(isIRI(?b) && ?p NOT IN (kg:typeInDocument, kg:participatedIn, kg:said, rdf:type)) }"""
#: qualified statement nodes that are neither events, participations nor quotes: their IRI values
_STATEMENT_LINKS = """SELECT DISTINCT ?st ?x ?v WHERE { ?st prov:wasDerivedFrom ?s . ?st ?x ?v . FILTER(isIRI(?v))
  FILTER NOT EXISTS { ?st kg:trigger ?tr } FILTER NOT EXISTS { ?st a kg:Participation }
  FILTER NOT EXISTS { ?st a kg:Quote } }"""
_STATEMENT_INFO = """SELECT ?st ?s ?rule ?conf ?hedge ?date ?mod ?verb ?prep WHERE { ?st prov:wasDerivedFrom ?s .
  FILTER NOT EXISTS { ?st kg:trigger ?tr } FILTER NOT EXISTS { ?st a kg:Participation }
  FILTER NOT EXISTS { ?st a kg:Quote }
  OPTIONAL { ?st kg:rule ?rule } OPTIONAL { ?st kg:confidence ?conf } OPTIONAL { ?st kg:hedge ?hedge }
  OPTIONAL { ?st kg:date ?date } OPTIONAL { ?st kg:modality ?mod } OPTIONAL { ?st kg:verb ?verb }
  OPTIONAL { ?st kg:preposition ?prep } }"""
_EVENTS = """SELECT ?ev ?class ?label ?s ?doc ?date ?hedge ?mod ?neg ?rule ?conf WHERE {
  ?ev kg:trigger ?t ; rdfs:label ?label ; a ?class ; prov:wasDerivedFrom ?s ; kg:inDocument ?doc .
  FILTER(STRSTARTS(STR(?class), STR(kg:)))
  OPTIONAL { ?ev kg:date ?date } OPTIONAL { ?ev kg:hedge ?hedge } OPTIONAL { ?ev kg:modality ?mod }
  OPTIONAL { ?ev kg:negated ?neg } OPTIONAL { ?ev kg:rule ?rule } OPTIONAL { ?ev kg:confidence ?conf } }"""
_PARTIES = """SELECT ?ev ?role ?e WHERE {
  { ?ev kg:hasParticipation ?p . ?p kg:role ?role ; kg:entity ?e }
  UNION { ?ev kg:trigger ?t ; schema:location ?e BIND("place" AS ?role) }
  UNION { ?ev kg:trigger ?t ; kg:origin ?e BIND("origin" AS ?role) } }"""
_QUOTES = """SELECT ?q ?text ?speaker ?doc ?s ?date ?hedge ?verb ?rule WHERE { ?q a kg:Quote ; kg:text ?text ;
  nif:referenceContext ?doc ; prov:wasDerivedFrom ?s .
  OPTIONAL { ?q kg:speaker ?speaker } OPTIONAL { ?q kg:date ?date } OPTIONAL { ?q kg:hedge ?hedge }
  OPTIONAL { ?q kg:reportingVerb ?verb } OPTIONAL { ?q kg:rule ?rule } }"""
_SENTENCES = """SELECT ?s ?text ?b ?doc WHERE { VALUES ?s { %s } ?s nif:anchorOf ?text ; nif:beginIndex ?b ;
  nif:referenceContext ?doc }"""
_SENTENCE_MENTIONS = """SELECT ?s ?e ?mb ?me WHERE { ?m nif:sentence ?s ; itsrdf:taIdentRef ?e ;
  nif:beginIndex ?mb ; nif:endIndex ?me }"""


def _day_span(value: str | None) -> tuple[str, str] | None:
    """An xsd:date / gYearMonth / gYear value as (first day, last day), ISO strings.

    >>> _day_span("2020"), _day_span("2021-02"), _day_span("2021-08-11")
    (('2020-01-01', '2020-12-31'), ('2021-02-01', '2021-02-28'), ('2021-08-11', '2021-08-11'))
    """
    import calendar

    if not value:
        return None
    m = re.fullmatch(r"(-?\d{4})(?:-(\d\d)(?:-(\d\d))?)?", value.strip())
    if not m:
        return None
    y, mo, d = m.group(1), m.group(2), m.group(3)
    if d:
        return (f"{y}-{mo}-{d}",) * 2  # type: ignore[return-value]
    if mo:
        last = calendar.monthrange(int(y), int(mo))[1]
        return f"{y}-{mo}-01", f"{y}-{mo}-{last:02d}"
    return f"{y}-01-01", f"{y}-12-31"


class _Sentences:
    """Sentence IRI -> (text, begin offset, document), read in chunks for the IRIs asked for."""

    def __init__(self, store: "Store") -> None:
        self.store = store
        self.known: dict[str, tuple[str, int, str]] = {}

    def load(self, iris: Iterable[str]) -> None:
        todo = sorted({s for s in iris if s and s not in self.known})
        for i in range(0, len(todo), _VALUES_CHUNK):
            block = " ".join(f"<{s}>" for s in todo[i:i + _VALUES_CHUNK])
            for r in _rows(self.store, _SENTENCES % block):
                self.known[str(r["s"])] = (r["text"] or "", int(str(r["b"])), r["doc"] or "")

    def __getitem__(self, s: str) -> tuple[str, int, str]:
        return self.known.get(s, ("", 0, ""))


def _evidence(sent: tuple[str, int, str], docs: dict[str, tuple[str, str]], **extra: Any) -> dict[str, Any]:
    text, _, doc = sent
    title, published = docs.get(doc, ("", ""))
    ev = {"sentence": text, "doc": doc, "title": title, "published": published}
    ev.update({k: v for k, v in extra.items() if v not in (None, "")})
    return ev


def from_store(store: "Store") -> View:
    """The entity-centred view of everything in ``store``.

    >>> import pyoxigraph
    >>> from_store(pyoxigraph.Store()).graph.number_of_nodes()
    0
    """
    import networkx as nx

    g = nx.MultiDiGraph()
    details: dict[str, dict[str, Any]] = {}
    onto = _ontology_labels()

    # documents: title and publication date
    docs: dict[str, tuple[str, str]] = {}
    doc_of_graph: dict[str, str] = {}
    for r in _rows(store, _DOCS):
        docs[str(r["doc"])] = (r["title"] or "", r["date"] or "")
        doc_of_graph[str(r["g"])] = str(r["doc"])

    # entities
    classes: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, str] = {}
    for r in _rows(store, _ENTITIES):
        e = str(r["e"])
        classes[e].add(_local(str(r["class"])))
        labels.setdefault(e, str(r["label"]))
    mentions = {str(r["e"]): int(str(r["c"])) for r in _rows(store, _MENTIONS)}
    aliases: dict[str, list[str]] = defaultdict(list)
    for r in _rows(store, _ALIASES):
        aliases[str(r["e"])].append(str(r["alias"]))
    same: dict[str, str] = {}
    for r in _rows(store, _SAME_AS):
        same[str(r["e"])] = min(same.get(str(r["e"]), str(r["item"])), str(r["item"]))
    mentioned_in: dict[str, list[str]] = defaultdict(list)
    for r in _rows(store, _MENTIONED_IN):
        mentioned_in[str(r["e"])].append(str(r["doc"]))
    for e in sorted(labels):
        kind = sorted(classes[e] - {"Thing"} or classes[e])[0]
        e_docs = sorted(mentioned_in.get(e, []))
        g.add_node(e, label=labels[e], type=kind, kind="entity", mentions=mentions.get(e, 0),
                   aliases=sorted(aliases.get(e, [])), wikidata=same.get(e, ""), said=0, docs=e_docs,
                   dates=sorted({(docs[d][1],) * 2 for d in e_docs if docs.get(d, ("", ""))[1]}))

    sentences = _Sentences(store)

    # relations: direct triples between two entities, with their qualified statement nodes
    truthy: dict[tuple[str, str, str], list[str]] = defaultdict(list)  # (a, p, b) -> document graphs
    for r in _rows(store, _TRUTHY):
        a, p, b = str(r["a"]), str(r["p"]), str(r["b"])
        if b in g and a in g and a != b:
            truthy[(a, p, b)].append(str(r["g"]))
    links: dict[str, set[str]] = defaultdict(set)
    for r in _rows(store, _STATEMENT_LINKS):
        links[str(r["st"])].add(str(r["v"]))
    info: dict[str, dict[str, Any]] = {}
    for r in _rows(store, _STATEMENT_INFO):
        st = str(r["st"])
        if st in links:
            d = info.setdefault(st, {"sentences": set()})
            d["sentences"].add(str(r["s"]))
            for k in ("rule", "conf", "hedge", "date", "mod", "verb", "prep"):
                if r[k] is not None:
                    d[k] = r[k]
    by_pair: dict[tuple[str, str], list[str]] = defaultdict(list)
    for st, vals in links.items():
        ents = sorted(v for v in vals if v in g)
        for i, a in enumerate(ents):
            for b in ents[i + 1:]:
                by_pair[(a, b)].append(st)
    predicates = {p for _, p, _ in truthy}
    chosen: dict[tuple[str, str, str], list[str]] = {}
    for a, p, b in truthy:
        cands = by_pair.get((min(a, b), max(a, b)), [])
        # a statement naming this predicate, else (org:Membership for memberOf) one naming none
        exact = [st for st in cands if p in links[st]]
        if not exact:
            exact = [st for st in cands if not (links[st] & predicates)
                     and (p != ORG.memberOf.value or ORG.Membership.value in links[st])]
        chosen[(a, p, b)] = sorted(exact)
    sentences.load(s for sts in chosen.values() for st in sts for s in info.get(st, {}).get("sentences", ()))
    role_labels = {str(r["r"]): str(r["l"]) for r in _rows(
        store, "SELECT ?r ?l WHERE { ?m org:role ?r . ?r rdfs:label ?l }")}
    for (a, p, b), sts in sorted(chosen.items()):
        evidence = []
        role = verb = ""
        for st in sts:
            d = info.get(st, {})
            role = role or next((role_labels[v] for v in links[st] if v in role_labels), "")
            verb = verb or " ".join(x for x in (d.get("verb"), d.get("prep")) if x)
            for s in sorted(d.get("sentences", ())):
                evidence.append(_evidence(sentences[s], docs, rule=d.get("rule"), confidence=d.get("conf"),
                                          hedge=d.get("hedge"), date=d.get("date"), modality=d.get("mod")))
        if not evidence:  # a direct triple with no statement node: its documents are its evidence
            evidence = [_evidence(("", 0, doc_of_graph.get(gr, gr)), docs) for gr in truthy[(a, p, b)]]
        evidence.sort(key=lambda e: (e.get("published", ""), e["doc"], e["sentence"]))
        # a membership shows its role; the open relation its verb (and preposition)
        label = role if (p == ORG.memberOf.value and role) else verb if (_local(p) == "relatedTo" and verb) \
            else predicate_label(p)
        g.add_edge(a, b, kind="stated" if p in STATEMENT_PREDICATES else "relation", predicate=p, label=label,
                   role=role, count=len(evidence), evidence=evidence[:_MAX_EVIDENCE], dates=_dates_of(evidence))

    told = {(frozenset((a, b)), ev["sentence"]) for a, b, d in g.edges(data=True) if d["kind"] == "relation"
            for ev in d["evidence"]}
    # events: two parties -> an edge (unless a relation of the same sentence links them already: the
    # relations project events onto their parties), three or more -> a node, statements -> their speaker
    events: dict[str, dict[str, Any]] = {}
    for r in _rows(store, _EVENTS):
        ev = str(r["ev"])
        d = events.setdefault(ev, {"label": r["label"], "type": _local(str(r["class"])), "sentences": set(),
                                   "doc": r["doc"], "parties": []})
        d["sentences"].add(str(r["s"]))
        for k in ("date", "hedge", "mod", "neg", "rule", "conf"):
            if r[k] is not None:
                d[k] = r[k]
    for r in _rows(store, _PARTIES):
        ev, e = str(r["ev"]), str(r["e"])
        if ev in events and e in g and (e, r["role"]) not in events[ev]["parties"]:
            events[ev]["parties"].append((e, str(r["role"])))
    quotes: dict[str, dict[str, Any]] = {}
    for r in _rows(store, _QUOTES):
        q = str(r["q"])
        d = quotes.setdefault(q, {"text": r["text"], "speaker": r["speaker"], "doc": r["doc"], "sentences": set()})
        d["sentences"].add(str(r["s"]))
        for k in ("date", "hedge", "verb", "rule"):
            if r[k] is not None:
                d[k] = r[k]
    sentences.load(s for d in list(events.values()) + list(quotes.values()) for s in d["sentences"])
    for d in list(events.values()) + list(quotes.values()):
        d["sentence"] = min((sentences[s] for s in d["sentences"]), key=lambda t: (t[2], t[1]))

    timeline: list[dict[str, Any]] = []
    said: dict[str, list[dict[str, Any]]] = defaultdict(list)
    took_part: dict[str, list[dict[str, Any]]] = defaultdict(list)
    type_label = {t: onto.get(KG[t].value, t.lower()) for t in {d["type"] for d in events.values()}}
    for ev, d in sorted(events.items()):
        parties = d["parties"]
        when = d.get("date") or docs.get(d["doc"], ("", ""))[1]
        span = _day_span(when)
        negated = str(d.get("neg", "")).lower() == "true"
        item = _evidence(d["sentence"], docs, rule=d.get("rule"), confidence=d.get("conf"), hedge=d.get("hedge"),
                         date=d.get("date"), modality=d.get("mod"), negated=negated or None)
        ents = list(dict.fromkeys(e for e, _ in parties))
        if d["type"] in STATEMENT_TYPES:
            speakers = [e for e, role in parties if role == "agent"] or ents[:1]
            node = ev
            g.add_node(node, label=d["label"], type="Statement", kind="statement", mentions=0, aliases=[],
                       wikidata="", said=0, docs=[d["doc"]], dates=[span] if span else [])
            for e in speakers:
                said[e].append({**item, "what": d["label"], "kind": "statement", "sentences": d["sentences"]})
                g.add_edge(e, node, kind="said", label="said", predicate="said", evidence=[item],
                           dates=[span] if span else [])
            for e, role in parties:
                if e not in speakers:
                    g.add_edge(node, e, kind="role", label=role, predicate=role, evidence=[item],
                               dates=[span] if span else [])
            tl_nodes, tl_edges = speakers + [node], []
        else:
            for e, role in parties:
                took_part[e].append({**item, "type": type_label[d["type"]], "label": d["label"], "role": role})
            tl_nodes, tl_edges = ents, []
            if negated:
                pass  # a denied event is listed in its parties' panels, never drawn as a link
            elif len(ents) == 2 and (frozenset(ents), d["sentence"][0]) in told:
                pass
            elif len(ents) == 2:
                agents = [e for e, role in parties if role == "agent"]
                a = agents[0] if agents else ents[0]
                b = ents[1] if a == ents[0] else ents[0]
                mod = d.get("mod")
                label = type_label[d["type"]] + (f" ({mod})" if mod and mod != "asserted" else "")
                key = g.add_edge(a, b, kind="event", predicate=KG[d["type"]].value, label=label, event=d["label"],
                                 count=1, evidence=[item], dates=[span] if span else [])
                tl_edges = [(a, b, key)]
            elif len(ents) >= 3:
                g.add_node(ev, label=d["label"], type="Event", kind="event", mentions=0, aliases=[], wikidata="",
                           said=0, docs=[d["doc"]], dates=[span] if span else [],
                           event_type=type_label[d["type"]])
                details[ev] = {"events": [{**item, "type": type_label[d["type"]], "label": d["label"],
                                           "role": ", ".join(f"{g.nodes[e]['label']} ({r})" for e, r in parties)}]}
                for e, role in parties:
                    g.add_edge(e, ev, kind="role", label=role, predicate=role, evidence=[item],
                               dates=[span] if span else [])
                tl_nodes = ents + [ev]
        if span:
            timeline.append({"start": span[0], "end": span[1], "label": d["label"],
                             "type": type_label[d["type"]], "dated": bool(d.get("date")),
                             "nodes": tl_nodes, "edges": tl_edges})
    for q, d in sorted(quotes.items()):
        speaker = d["speaker"]
        span = _day_span(d.get("date") or docs.get(d["doc"], ("", ""))[1])
        item = _evidence(d["sentence"], docs, rule=d.get("rule"), hedge=d.get("hedge"), date=d.get("date"),
                         quote=d["text"], verb=d.get("verb"))
        g.add_node(q, label="“" + _short(d["text"]) + "”", type="Quote", kind="statement", mentions=0, aliases=[],
                   wikidata="", said=0, docs=[d["doc"]], dates=[span] if span else [])
        if speaker in g:
            said[speaker].append({**item, "what": "quote", "kind": "quote", "sentences": d["sentences"]})
            g.add_edge(speaker, q, kind="said", label="said", predicate="said", evidence=[item],
                       dates=[span] if span else [])
        if span:
            timeline.append({"start": span[0], "end": span[1], "label": "“" + _short(d["text"], 60) + "”",
                             "type": "quote", "dated": bool(d.get("date")),
                             "nodes": [speaker, q] if speaker in g else [q], "edges": []})

    # a speaker's statements: one item per quote, and per sentence with no quote (a quote and the statement
    # event of its sentence are one act)
    for e, items in said.items():
        merged: dict[tuple[str, str, str], dict[str, Any]] = {}
        quoted: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        for it in items:
            if it["kind"] == "quote":
                row = {f: v for f, v in it.items() if f != "sentences"}
                merged[(it["doc"], it["sentence"], it["quote"])] = row
                quoted[(it["doc"], it["sentence"])].append(row)
        for it in items:
            if it["kind"] != "quote":
                same = quoted.get((it["doc"], it["sentence"]))
                if same:
                    for row in same:
                        for f in ("date", "hedge", "rule", "modality"):
                            if f in it and f not in row:
                                row[f] = it[f]
                else:
                    merged[(it["doc"], it["sentence"], "")] = {f: v for f, v in it.items() if f != "sentences"}
        listed = sorted(merged.values(), key=lambda it: (it.get("date") or it.get("published") or "", it["doc"]))
        g.nodes[e]["said"] = len(listed)
        details.setdefault(e, {})["said"] = listed[:_MAX_SAID]
    for e, items in took_part.items():
        details.setdefault(e, {})["events"] = sorted(
            items, key=lambda it: (it.get("date") or it.get("published") or "", it["label"]))[:_MAX_SAID]
    for d in timeline:  # what happened then: the nodes and edges of each dated item carry its days
        for n in d["nodes"]:
            if (d["start"], d["end"]) not in g.nodes[n]["dates"]:
                g.nodes[n]["dates"].append((d["start"], d["end"]))
        d["edges"] = [[a, b, g.edges[a, b, k]["label"]] for a, b, k in d["edges"]]

    comention = _comentions(store, g)
    for e, info_ in _sources(store, g, docs).items():
        details.setdefault(e, {})["sentences"] = info_
    return View(graph=g, details=details, comention=comention,
                timeline=sorted(timeline, key=lambda t: (t["start"], t["label"])))


def _dates_of(evidence: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """The days (first, last) an edge's evidence is dated: its own date, else its article's."""
    return sorted({span for ev in evidence if (span := _day_span(ev.get("date") or ev.get("published")))})


def _short(text: str, n: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


_MAX_SOURCES = 12


def _comentions(store: "Store", g: "nx.MultiDiGraph") -> list[tuple[str, str, int]]:
    """Entity pairs named in the same sentence, with the number of such sentences."""
    per_sentence: dict[str, set[str]] = defaultdict(set)
    for r in _rows(store, "SELECT DISTINCT ?s ?e WHERE { ?m nif:sentence ?s ; itsrdf:taIdentRef ?e }"):
        if str(r["e"]) in g:
            per_sentence[str(r["s"])].add(str(r["e"]))
    pairs: Counter[tuple[str, str]] = Counter()
    for ents in per_sentence.values():
        ordered = sorted(ents)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1:]:
                pairs[(a, b)] += 1
    return [(a, b, n) for (a, b), n in sorted(pairs.items())]


def _sources(store: "Store", g: "nx.MultiDiGraph", docs: dict[str, tuple[str, str]]) -> dict[str, list[dict]]:
    """Per entity, the first sentences that mention it, with the mention's offsets in the sentence."""
    by_entity: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for r in _rows(store, _SENTENCE_MENTIONS):
        e = str(r["e"])
        if e in g:
            by_entity[e].append((str(r["s"]), int(str(r["mb"])), int(str(r["me"]))))
    sentences = _Sentences(store)
    keep: dict[str, list[tuple[str, int, int]]] = {}
    for e, ms in by_entity.items():
        seen, kept = set(), []
        for s, mb, me in sorted(ms, key=lambda m: (m[0].split("#")[0], m[1])):
            if s not in seen:
                seen.add(s)
                kept.append((s, mb, me))
            if len(kept) >= _MAX_SOURCES:
                break
        keep[e] = kept
    sentences.load(s for kept in keep.values() for s, _, _ in kept)
    out: dict[str, list[dict]] = {}
    for e, kept in keep.items():
        rows = []
        for s, mb, me in kept:
            text, begin, doc = sentences[s]
            title, published = docs.get(doc, ("", ""))
            rows.append({"text": text, "from": mb - begin, "to": me - begin, "doc": doc, "title": title,
                         "date": published})
        rows.sort(key=lambda r: (r["date"], r["doc"], r["from"]))
        out[e] = rows
    return out


def restrict(view: View, keep: set[str] | None = None, max_nodes: int | None = None) -> tuple[View, str]:
    """The view on the nodes of ``keep`` (if given: for example the nodes a CONSTRUCT query returns),
    cut to the ``max_nodes`` most important entities and events (mentions, statements, links); the
    statements of a kept speaker and the events of kept parties stay with them. Returns the view and a
    note saying what was left out ("" when nothing was).

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", kind="entity", mentions=3); g.add_node("b", kind="entity", mentions=1)
    >>> v, note = restrict(View(graph=g), max_nodes=1)
    >>> list(v.graph), note
    (['a'], 'showing the 1 most important of 2 entities and events')
    """
    g = view.graph
    main = [v for v in g if g.nodes[v].get("kind") != "statement"]
    total = len(main)
    if keep is not None:
        main = [v for v in main if v in keep]
    note = ""
    if max_nodes is not None and len(main) > max_nodes:
        sub = g.subgraph(main)
        shown_of = len(main)

        def score(v: str) -> int:
            d = g.nodes[v]
            return int(d.get("mentions") or 0) + int(d.get("said") or 0) + 2 * sub.degree(v)

        main = sorted(main, key=lambda v: (-score(v), str(v)))[:max_nodes]
        note = f"showing the {max_nodes} most important of {shown_of} entities and events"
    elif keep is not None:
        note = f"showing {len(main)} of {total} entities and events (query result)"
    if not note:
        return view, ""
    kept = set(main)
    kept |= {s for a, s, d in g.edges(data=True) if a in kept and d.get("kind") == "said"}
    sub = g.subgraph(kept).copy()
    comention = [(a, b, n) for a, b, n in view.comention if a in kept and b in kept]
    timeline = []
    for t in view.timeline:
        nodes = [n for n in t["nodes"] if n in kept]
        if nodes:
            timeline.append({**t, "nodes": nodes, "edges": [e for e in t["edges"] if e[0] in kept and e[1] in kept]})
    details = {n: d for n, d in view.details.items() if n in kept}
    return View(graph=sub, details=details, comention=comention, timeline=timeline), note
