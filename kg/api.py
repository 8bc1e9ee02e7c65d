"""The library API the CLI and notebooks call: :func:`build`, :func:`open`,
:func:`extract_records` and :class:`KnowledgeGraph`."""
from __future__ import annotations

import os
import shutil
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from kg.errors import InputError, SkippedInput, StoreError
from kg.graph import DEFAULT_BASE, EntityLayer, Iris, to_quads
from kg.graph.namespaces import ENTITY_CLASSES, ENTITY_VALUES, KG, RDF, SCHEMA
from kg.graph.io import dump
from kg.graph.store import (STORE_DIRNAME, StoreWriter, open_store, output_lock, remove_stale_staging, replace_path,
                            staging_dir)
from kg.query.network import to_networkx, write_graphml, xml_safe
from kg.query.sparql import Result, bind_values, load_query, run_query
from kg.read import CONTAINERS, Fields, Unread, collect_inputs, read_inputs
from kg.read.files import MAX_BYTES
from kg.types import Extraction, Failure, Span

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd
    import rdflib
    from pyoxigraph import Store

    from kg.viz import View, ViewOptions

__all__ = ["BuildSummary", "KnowledgeGraph", "Progress", "build", "extract_records", "open_graph", "remove"]



def as_date(value: "date | str | None", where: str = "published") -> date | None:
    """A publication date as the API takes it: a ``date`` (a ``datetime`` gives its day), an ISO string
    "YYYY-MM-DD" (as on the command line) or None.

    >>> as_date("2024-03-05"), as_date(None)
    (datetime.date(2024, 3, 5), None)
    """
    from datetime import datetime

    from kg.read import parse_date

    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return parse_date(value, where)
    raise InputError(f"{where}: {value!r} is not a date; give a datetime.date or a string YYYY-MM-DD")


def undated_warning(undated: int, documents: int) -> str | None:
    """The one warning a build or an extraction gives when documents have no publication date."""
    if not undated:
        return None
    return (f"kg: warning: {undated} of {documents} document(s) have no publication date (no --published, sidecar "
            f"or date in the text's metadata): their relative dates ('Monday', 'yesterday', 'last month') are "
            f"left undated")


@dataclass
class BuildSummary:
    """What a build did. ``entities_by_type`` counts the graph's entities as ``kg stats`` and
    ``graph.entities()`` do (:data:`kg.graph.namespaces.ENTITY_CLASSES`: one node per entity in the
    whole graph, not one per document that names it)."""

    documents: int = 0
    sentences: int = 0
    entities_by_type: Counter[str] = field(default_factory=Counter)
    relations: int = 0  # every relation, roles included
    roles: int = 0
    events: int = 0
    quotes: int = 0
    quads: int = 0
    files: dict[str, str] = field(default_factory=dict)
    model: str = ""
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    failed: list[tuple[str, str]] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)  # with add: documents whose content hash matched
    replaced: list[str] = field(default_factory=list)  # with add: documents whose graph was replaced
    removed: list[str] = field(default_factory=list)
    undated: int = 0  # documents without a publication date: their relative dates are left empty
    kinds: Counter[str] = field(default_factory=Counter)  # documents read, by input kind (text, html, jsonl ...)
    ignored: Counter[str] = field(default_factory=Counter)  # parts of inputs that are no articles (WARC requests ...)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (where, note): read, with something to say

    def add(self, x: Extraction) -> None:
        self.documents += 1
        self.undated += x.document.published is None
        self.sentences += len(x.sentences)
        self.relations += len(x.relations)
        self.roles += sum(1 for r in x.relations if r.predicate == "memberOf" and r.role)
        self.events += len(x.events)
        self.quotes += len(x.quotes)


class KnowledgeGraph:
    """A built graph: its store on disk, queried with SPARQL or as NetworkX.

    Get one from :func:`build` or :func:`open_graph` (``kg.open``).

    >>> len(kg_graph) > 500
    True
    """

    def __init__(self, store_dir: str | Path, summary: BuildSummary | None = None) -> None:
        self.path = Path(store_dir)
        self.summary = summary
        self._store: "Store | None" = None

    @property
    def store(self) -> "Store":
        if self._store is None:
            self._store = open_store(self.path)
        return self._store

    def close(self) -> None:
        self._store = None

    def rdflib(self, read_only: bool = True) -> "rdflib.Dataset":
        """The graph as an ``rdflib.Dataset`` over this same Oxigraph store, through oxrdflib (nothing is
        copied): rdflib code and libraries built on rdflib (pyshacl, owlrl ...) work on it directly.
        Its default graph is the union of all named graphs (``ds.triples`` and SPARQL without GRAPH
        see every document and the entity layer); a document's own graph is ``ds.get_graph(iri)``;
        ``ds.query`` runs on Oxigraph's engine.

        Read-only by default. With ``read_only=False`` the store is opened for writing (no other
        process may have it open) and what rdflib adds or removes changes the store itself; the
        exports (graph.trig, graph.graphml, viewer.html) are not rewritten.

        >>> ds = kg_graph.rdflib()
        >>> len(ds) == len(kg_graph)
        True
        """
        import rdflib

        from kg.graph.rdflib_store import KGOxigraphStore

        store = self.store if read_only else open_store(self.path, read_only=False)
        return rdflib.Dataset(store=KGOxigraphStore(store=store), default_union=True)

    def __len__(self) -> int:
        return len(self.store)

    def sparql(self, query: str, bindings: dict[str, object] | None = None, *, limit: int | None = None,
               offset: int = 0) -> Result:
        """Run SPARQL text, a .rq file, or the name of a query kg ships ("roles"; see ``kg query --help``).

        ``bindings`` gives variables values safely (a VALUES clause of escaped terms), e.g.
        ``sparql("SELECT ?n WHERE { ?n rdfs:label ?l }", bindings={"l": name})``.
        ``limit`` and ``offset`` give one page of the answer: exactly those rows of the whole answer
        (``result.more`` says whether more follow); the listings kg ships read their pages without
        sorting the whole store.
        Returns a :class:`~kg.query.Result`: iterate it for rows as dicts, ``.df()`` for a DataFrame.

        >>> page = kg_graph.sparql("entities", limit=2)
        >>> len(page), page.more, list(page)[0]["label"] == kg_graph.sparql("entities").values()[0]["label"]
        (2, True, True)
        """
        text, source = load_query(_query_file(query))
        return run_query(self.store, bind_values(text, bindings or {}), source, limit, offset)

    def query(self, query: str, bindings: dict[str, object] | None = None, *, limit: int | None = None,
              offset: int = 0) -> "pd.DataFrame":
        """Run SPARQL text, a .rq file or a query id; SELECT rows as a pandas DataFrame of strings
        (``bindings``, ``limit`` and ``offset`` as for :meth:`sparql`).

        ``kg_graph`` below is ``kg.build(["examples/"], out)``:

        >>> kg_graph.query("roles").columns.tolist()
        ['person', 'role', 'organization']
        >>> len(kg_graph.query("SELECT ?l WHERE { ?p a schema:Person ; rdfs:label ?l }")) > 0
        True
        >>> len(kg_graph.query("entities", limit=3))
        3
        """
        return self.sparql(query, bindings, limit=limit, offset=offset).df()

    def entities(self) -> "pd.DataFrame":
        """Entities with label, type and number of mentions, most mentioned first.

        >>> kg_graph.entities().columns.tolist()
        ['entity', 'label', 'type', 'mentions']
        """
        df = self.query(_ENTITIES)
        df["mentions"] = df["mentions"].astype(int)
        return df.sort_values(["mentions", "label"], ascending=[False, True], ignore_index=True)

    def documents(self) -> "pd.DataFrame":
        """The documents of the graph, one row each: ``id`` (what :func:`remove` and ``kg remove`` take),
        ``published``, ``title``, ``url`` (empty strings where the article gave none), by id.

        >>> docs = kg_graph.documents()
        >>> docs.columns.tolist(), len(docs), docs["published"].str.len().tolist()
        (['id', 'published', 'title', 'url'], 1, [10])
        """
        df = self.query(_DOCUMENTS)
        return df.fillna("").sort_values("id", ignore_index=True)

    def quotes(self) -> "pd.DataFrame":
        """Direct quotations and reported statements, one row each: speaker, the speaker's class
        (Person, Organization, Group, CreativeWork …), text, ``direct`` (True for the words in
        quotation marks, False for reported speech), cue ("said", "according to"), reporting verb,
        date, hedge, the rule that found it, document and offsets.

        >>> q = kg_graph.quotes()
        >>> {"speaker", "speaker_class", "direct", "cue"} <= set(q.columns) and len(q) > 0
        True
        >>> q["direct"].dtype.name
        'bool'
        """
        df = self.query(_QUOTES)
        for col in ("start", "end"):
            df[col] = df[col].astype(int)
        df["direct"] = df["direct"].map(lambda v: str(v).lower() == "true").astype(bool)
        return df

    def events(self) -> "pd.DataFrame":
        """Events, one row per participant: type, label, participant, role, place, date, hedge, modality
        (asserted, planned, offered, threatened, alleged, demanded, attempted, hypothetical), negated, the
        rule that made it, sentence. Every event is listed, whatever its modality: keep
        ``modality == "asserted" and not negated`` for what happened.

        >>> sorted(set(kg_graph.events()["type"]))[:3]
        ['Agree', 'Attack', 'Meet']
        """
        return self.query(_EVENTS)

    def relations(self, stated_only: bool = False) -> "pd.DataFrame":
        """Relations between entities, one row per relation and sentence: subject, relation (the
        predicate in words; "member of: <role>" for roles, "related to: <verb> <preposition>" for the open
        relation), object, sentence, the rule that found it, modality, negated, date, document and the
        sentence's offset (the shipped query ``relations``). ``stated_only``: only what the sentence
        states as fact (asserted, not negated), which is what the direct triples hold.

        >>> r = kg_graph.relations()
        >>> {"subject", "relation", "object", "sentence", "rule"} <= set(r.columns) and len(r) > 0
        True
        """
        df = self.query("relations")
        df["negated"] = df["negated"].map(lambda v: str(v).lower() == "true").astype(bool)
        df["begin"] = df["begin"].astype(int)
        if stated_only:
            df = df[(df["modality"] == "asserted") & ~df["negated"]].reset_index(drop=True)
        return df

    def show(self, height: int = 600, *, query: str | None = None, max_nodes: int | None = None, top: int = 300,
             statements: bool = False, isolates: bool = False, comention: bool = False,
             colour: str = "type") -> Any:
        """Display the interactive viewer inline in Jupyter or VS Code; the options are those of
        :meth:`write_viewer` (and of ``kg view``)."""
        import html as _html

        from IPython.display import HTML

        from kg.viz import render_html

        view, note, options = self._view(query, max_nodes, top, statements, isolates, comention, colour)
        page = render_html(view, title=f"kg — {self.path}", note=note, options=options)
        # in a <div>: IPython warns about a bare <iframe> ("Consider using IPython.display.IFrame"),
        # which would need the page in a file
        return HTML(f'<div><iframe srcdoc="{_html.escape(page, quote=True)}" width="100%" height="{height}" '
                    f'style="border:1px solid #ddd"></iframe></div>')

    def to_networkx(self) -> "nx.MultiDiGraph":
        """Entities and events as nodes; relations as edges with their source sentence.

        >>> g = kg_graph.to_networkx()
        >>> g.number_of_nodes() > 10 and g.number_of_edges() > 10
        True
        """
        return to_networkx(self.store)

    def stats(self, top: int = 10) -> dict[str, Any]:
        """Documents, entities by type, statements by type, most mentioned entities, merges by rule, and how
        many entities are linked to another (``linked``: by a typed relation or a shared event;
        ``linked_open``: also by the open relation).

        >>> kg_graph.stats()["documents"]
        1
        """
        def count(q: str) -> list[dict[str, str | None]]:
            return self.sparql(q).values()

        entities = entity_counts(self.store)
        statements = count("""SELECT ?type (COUNT(DISTINCT ?s) AS ?n) WHERE {
            { ?s a org:Membership BIND("Membership" AS ?type) } UNION { ?s a kg:Quote BIND("Quote" AS ?type) }
            UNION { ?s a kg:RelationStatement BIND("Relation" AS ?type) }
            UNION { ?s a schema:Event ; a ?c FILTER(STRSTARTS(STR(?c), STR(kg:)))
                    BIND(CONCAT("Event/", STRAFTER(STR(?c), STR(kg:))) AS ?type) } } GROUP BY ?type ORDER BY ?type""")
        mentioned = count(f"""SELECT ?label ?type (COUNT(DISTINCT ?m) AS ?n) WHERE {{ ?m itsrdf:taIdentRef ?e .
            ?e rdfs:label ?label ; a ?class . {ENTITY_VALUES} }}
            GROUP BY ?label ?type ORDER BY DESC(?n) ?label LIMIT {int(top)}""")
        merges = count("""SELECT ?rule (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x kg:mergeRule ?rule }
            GROUP BY ?rule ORDER BY ?rule""")
        docs = count("SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a schema:NewsArticle }")
        linked = count(_LINKED % (ENTITY_VALUES, _TYPED_PREDICATES, _TYPED_PREDICATES, _ENTITY_IRIS))
        linked_open = count(_LINKED % (ENTITY_VALUES, *(_TYPED_PREDICATES + ", kg:relatedTo",) * 2, _ENTITY_IRIS))
        return {
            "documents": int(docs[0]["n"] or 0),
            "entities": entities,
            "statements": {r["type"]: int(r["n"] or 0) for r in statements},
            "top_entities": [(r["label"], r["type"], int(r["n"] or 0)) for r in mentioned],
            "merges": {r["rule"]: int(r["n"] or 0) for r in merges},
            # entities linked to another by a typed relation or a shared event; and with the open relation
            "linked": int(linked[0]["n"] or 0),
            "linked_open": int(linked_open[0]["n"] or 0),
        }

    def export(self, fmt: str, output: str | Path, *, graph: "nx.MultiDiGraph | None" = None) -> Path:
        """Write the graph as trig, nquads, turtle, jsonld or graphml. For graphml, ``graph``
        is a projection of this store already made with :meth:`to_networkx` (else it is made here).
        (JSON Lines records come from the articles, not the store: :func:`extract_records`.)"""
        out = Path(output)
        tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
        if fmt == "graphml":
            write_graphml(xml_safe(graph if graph is not None else self.to_networkx()), tmp)
        elif fmt == "jsonl":
            raise InputError("jsonl comes from the articles, not the store: use kg extract PATH... --format jsonl")
        else:
            dump(self.store, fmt, tmp)
        os.replace(tmp, out)
        return out

    def _view(self, query: str | None, max_nodes: int | None, top: int, statements: bool, isolates: bool,
              comention: bool, colour: str) -> "tuple[View, str, ViewOptions]":
        from kg.viz import ViewOptions, from_store, restrict

        options = ViewOptions(top=top, statements=statements, isolates=isolates, comention=comention, colour=colour)
        if max_nodes is not None and max_nodes < 1:
            raise InputError(f"max_nodes must be at least 1 (got {max_nodes})")
        keep = None
        if query is not None:
            res = self.sparql(query)
            if res.kind != "graph":
                raise InputError(f"{query}: the viewer needs a CONSTRUCT or DESCRIBE query")
            keep = {t.value for row in res.rows for triple in row for t in (triple.subject, triple.object)}
        view, note = restrict(from_store(self.store), keep, max_nodes)
        return view, note, options

    def write_viewer(self, path: str | Path, title: str = "kg", query: str | None = None,
                     max_nodes: int | None = None, *, top: int = 300, statements: bool = False,
                     isolates: bool = False, comention: bool = False, colour: str = "type") -> Path:
        """Write the HTML viewer of the graph (or of the nodes a CONSTRUCT ``query`` returns) to ``path``.

        ``max_nodes``: write at most that many entities and events into the page (the most important);
        ``top``: nodes in the first view, the most important entities and the events among them (the rest
        are one click or a search away); ``statements``:
        statements and quotes as nodes (else folded into their speaker); ``isolates``: show entities
        with no link; ``comention``: the co-occurrence layer on; ``colour``: "type" or "community".
        """
        from kg.viz import write_html

        view, note, options = self._view(query, max_nodes, top, statements, isolates, comention, colour)
        return write_html(view, path, title, note=note, options=options)


def entity_counts(store: "Store") -> dict[str, int]:
    """The graph's entities by class name (:data:`kg.graph.namespaces.ENTITY_CLASSES`), counted once each
    whatever the number of documents naming them: the figures of the build summary, ``kg stats`` and
    ``len(graph.entities())``."""
    rows = run_query(store, f"""SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE {{ ?e a ?class ; rdfs:label ?l .
        {ENTITY_VALUES} }} GROUP BY ?type ORDER BY ?type""").values()
    return {str(r["type"]): int(r["n"] or 0) for r in rows if int(r["n"] or 0)}


def _typed_predicates() -> str:
    from kg.extract.relations import PREDICATES

    return ", ".join(["org:memberOf"] + [f"kg:{p}" for p in PREDICATES if p not in ("relatedTo", "memberOf")])


_TYPED_PREDICATES = _typed_predicates()
_ENTITY_IRIS = ", ".join(f"<{iri.value}>" for iri in ENTITY_CLASSES.values())
#: entities (as kg stats counts them) linked to another entity (of the same classes: not to an unnamed source
#: such as "officials"): a direct triple of one of the predicates filled in, either way, or a shared event
#: (two parties, or a party and the event's place)
_LINKED = """SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {
  ?e a ?class ; rdfs:label ?l .
  %s
  { ?e ?p ?x FILTER(?p IN (%s)) }
  UNION { ?x ?p ?e FILTER(?p IN (%s)) }
  UNION { ?e kg:participatedIn ?ev . ?x kg:participatedIn ?ev }
  UNION { ?e kg:participatedIn ?ev . ?ev schema:location ?x }
  UNION { ?ev schema:location ?e . ?x kg:participatedIn ?ev }
  FILTER(?x != ?e)
  ?x a ?xclass . FILTER(?xclass IN (%s))
}"""

_ENTITIES = f"""SELECT ?entity ?label ?type (COUNT(DISTINCT ?m) AS ?mentions) WHERE {{
  ?entity rdfs:label ?label ; a ?class .
  {ENTITY_VALUES}
  OPTIONAL {{ ?m itsrdf:taIdentRef ?entity }}
}} GROUP BY ?entity ?label ?type"""

_DOCUMENTS = """SELECT ?id ?published ?title ?url WHERE { ?d a schema:NewsArticle ; schema:identifier ?id .
  OPTIONAL { ?d schema:datePublished ?published } OPTIONAL { ?d schema:headline ?title } OPTIONAL { ?d schema:url ?url }
}"""

_QUOTES = """SELECT ?speaker ?speaker_class ?quote ?direct ?cue ?verb ?date ?hedge ?rule ?document ?start ?end WHERE {
  ?q a kg:Quote ; kg:text ?quote ; nif:referenceContext ?document ; nif:beginIndex ?start ; nif:endIndex ?end ;
     kg:direct ?direct .
  OPTIONAL { ?q kg:speaker ?s . ?s rdfs:label ?speaker .
             OPTIONAL { ?s a ?c . VALUES (?c ?speaker_class) { (schema:Person "Person")
               (schema:Organization "Organization") (schema:Country "Country") (schema:City "City")
               (schema:Place "Place") (kg:Group "Group") (schema:CreativeWork "CreativeWork") } } }
  OPTIONAL { ?q kg:cue/nif:anchorOf ?cue }
  OPTIONAL { ?q kg:date ?date }
  OPTIONAL { ?q kg:reportingVerb ?verb }
  OPTIONAL { ?q kg:hedge ?hedge }
  OPTIONAL { ?q kg:rule ?rule }
} ORDER BY ?document ?start"""

_EVENTS = """SELECT ?event ?type ?label ?participant ?role ?place ?date ?hedge ?modality ?negated ?rule ?sentence WHERE {
  ?event a schema:Event ; a ?class ; rdfs:label ?label ; prov:wasDerivedFrom/nif:anchorOf ?sentence ;
         kg:modality ?modality .
  OPTIONAL { ?event kg:negated ?neg } BIND(COALESCE(?neg, false) AS ?negated)
  OPTIONAL { ?event kg:rule ?rule }
  FILTER(STRSTARTS(STR(?class), STR(kg:)))
  BIND(STRAFTER(STR(?class), STR(kg:)) AS ?type)
  OPTIONAL { ?event kg:hasParticipation ?p . ?p kg:role ?role ; kg:text ?ptext .
             OPTIONAL { ?p kg:entity/rdfs:label ?plabel } BIND(COALESCE(?plabel, ?ptext) AS ?participant) }
  OPTIONAL { ?event schema:location/rdfs:label ?place }
  OPTIONAL { ?event kg:date ?date }
  OPTIONAL { ?event kg:hedge ?hedge }
} ORDER BY ?event ?role"""


def _query_file(query: str) -> str:
    """A bare name ("roles") names a query kg ships, ``ontology/queries/roles.rq``, wherever kg runs;
    a name kg does not ship that is a file in the current folder is that file."""
    import re

    if re.fullmatch(r"[A-Za-z_][\w-]*", query):
        from kg.resources import ontology_path, query_names

        if query in query_names():
            return str(ontology_path("queries", f"{query}.rq"))
        if Path(query).is_file():
            return query
        raise InputError(f"{query}: kg ships no query of this name (it has: {', '.join(query_names())}); "
                         f"give one of them, a .rq file or SPARQL text")
    return query


def _extractions(paths: Iterable[str | Path], published: date | str | None, model: str | None, batch_size: int = 32,
                 fields: Fields = Fields(), on_unread: Callable[[Unread], None] | None = None,
                 ) -> Iterator[Extraction | Failure]:
    from kg.extract import extract, load_model

    published = as_date(published)
    inputs = collect_inputs(paths)
    nlp = load_model(model)
    seen: set[str] = set()

    def documents() -> Iterator[Any]:
        for d in read_inputs(inputs, published, fields=fields):
            if isinstance(d, Unread):
                if on_unread is None and d.status != "ignored":
                    raise (SkippedInput if d.status == "skipped" else InputError)(d.reason)
                if on_unread is not None:
                    on_unread(d)
            elif d.id in seen:
                if on_unread is not None:
                    on_unread(Unread(d.path, f"{d.path}: has the id {d.id!r} of a document read before; read once",
                                     "skipped"))
            else:
                seen.add(d.id)
                yield d

    yield from extract(documents(), nlp, batch_size=batch_size, failures=True)


@dataclass(frozen=True)
class Progress:
    """What a progress callback is told: after each document, then once as each closing step
    (entity layer, exports, viewer) starts, with ``stage`` saying which."""

    done: int
    total: int | None  # None while the number of documents is unknown (dumps, archives and feeds are streamed)
    words: int  # words so far
    document: str
    stage: str = "extracting"


def build(paths: Iterable[str | Path], out: str | Path = "output", *, published: date | str | None = None,
          base_iri: str = DEFAULT_BASE, model: str | None = None, viewer: bool = True, processes: int = 1,
          batch_size: int = 32, dask: str | None = None, strict: bool = False, max_bytes: int = MAX_BYTES,
          add: bool = False, progress: Callable[[Progress], None] | None = None,
          fields: Fields = Fields()) -> KnowledgeGraph:
    """Read articles, extract, and write the store, graph.trig, graph.graphml and viewer.html into ``out``.

    Documents stream through in batches (``processes`` spaCy processes, or a Dask
    cluster with ``dask="local"`` or ``"tcp://host:port"``); nothing holds the whole
    corpus. Everything is written to a staging folder first and renamed into place at
    the end: a failure leaves what ``out`` held before untouched.

    Every input kind of :mod:`kg.read` is read (``.txt``, saved pages, dumps with ``fields``
    naming their columns, WARC files, feeds), one document at a time. An input, row or record
    that cannot be read (binary, broken, too large, undecodable, a dump row that is not JSON)
    or that the extraction rules raise an error on is recorded in ``summary.failed``; one with
    no article text, or with the id of a document read before in this build, in
    ``summary.skipped``; the others are built. ``summary.kinds`` counts the documents read
    per input kind, ``summary.ignored`` the WARC records that are no pages, ``summary.notes``
    what was read with a caveat (a feed's summary, a date that is not one).
    With ``strict=True`` any skipped or failed input stops the build before anything is written.

    With ``add=True`` the documents are added to the graph already in ``out``: an unchanged
    document (same content hash) changes nothing, a changed one replaces its named graph,
    and the entity layer is recomputed.

    ``published`` (a ``date`` or "YYYY-MM-DD") is every document's publication date, over any found.
    A build that fails leaves no lock file and no folder of its own making behind.
    """
    from kg.extract import extract, load_model, resolve_model_name

    out = Path(out)
    published = as_date(published)
    inputs = collect_inputs(paths)  # fail on missing paths and a malformed --dask before writing anything
    total = None if any(i.kind in CONTAINERS for i in inputs) else len(inputs)
    if dask:
        from kg.extract.distributed import check_address

        check_address(dask)
    model_name = resolve_model_name(model)
    iris = Iris(base_iri)
    summary = BuildSummary(model=model_name)

    known: dict[str, str] = {}  # with add: document IRI -> content hash already in the store

    seen: dict[str, str] = {}  # document IRI -> where it was read, to refuse a second document with its id

    def unread(u: Unread) -> None:
        if u.status == "ignored":
            summary.ignored[u.reason] += 1
            return
        (summary.skipped if u.status == "skipped" else summary.failed).append((u.where, u.reason))
        if strict:
            raise InputError(f"{u.reason} (--strict: nothing was written)")

    def documents() -> Iterator[Any]:
        for d in read_inputs(inputs, published, max_bytes, fields):
            if isinstance(d, Unread):
                unread(d)
                continue
            iri = iris.document(d.id).value
            if iri in seen:
                unread(Unread(d.path, f"{d.path}: has the id {d.id!r} of {seen[iri]} (the same id column value or "
                                      f"URL); read once", "skipped"))
                continue
            seen[iri] = d.path
            summary.kinds[d.kind] += 1
            if d.note:
                summary.notes.append((d.path, d.note))
            if add and known.get(iri) == d.digest:
                summary.unchanged.append(d.id)  # same content: nothing to do
                continue
            yield d

    if dask:
        from kg.extract.distributed import dask_extract

        extractions: Iterable[Extraction | Failure] = dask_extract(documents(), dask, model, batch_size=batch_size)
    elif processes > 1:
        from kg.extract.pipeline import extract_parallel

        extractions = extract_parallel(documents(), model, processes, batch_size=batch_size)
    else:
        extractions = extract(documents(), load_model(model), batch_size=batch_size, failures=True)

    words = 0

    def write(writer: StoreWriter) -> None:
        nonlocal words
        store = writer.store
        if add:
            known.update((q.subject.value, q.object.value)
                         for q in store.quads_for_pattern(None, KG.contentHash, None, None))
        for i, x in enumerate(extractions, 1):
            if isinstance(x, Failure):  # the rules failed on this document: report it, keep the others
                summary.failed.append((x.document.path, x.reason))
                if strict:
                    raise InputError(f"{x.reason} (--strict: nothing was written)")
            else:
                summary.add(x)
                words += len(x.document.text.split())
            if progress is not None:
                progress(Progress(i + len(summary.unchanged), total, words, x.document.id))
            if isinstance(x, Failure):
                continue
            if add and store.contains_named_graph(iris.graph(x.document.id)):
                writer.flush()
                store.remove_graph(iris.graph(x.document.id))  # a changed document replaces its graph
                summary.replaced.append(x.document.id)
            writer.add(to_quads(x, iris))
        if summary.documents == 0 and not summary.unchanged:
            reasons = "; ".join(r for _, r in summary.failed + summary.skipped)
            reasons = reasons or "; ".join(f"{n} {r}" for r, n in summary.ignored.items())
            raise InputError(f"no article could be read, nothing was written: {reasons}")

    def on_stage(stage: str) -> None:
        if progress is not None:
            done = summary.documents + len(summary.unchanged)
            progress(Progress(done, total, words, "", stage=stage))

    _commit(out, iris, write, viewer, summary, base_on_existing=add, on_stage=on_stage)
    return KnowledgeGraph(out / STORE_DIRNAME, summary)


def remove(doc_ids: Iterable[str], out: str | Path = "output", *, base_iri: str = DEFAULT_BASE,
           viewer: bool = True) -> KnowledgeGraph:
    """Remove documents (by id: the file stem, or a path to the file; :meth:`KnowledgeGraph.documents`
    lists the ids) from a built graph, with every entity no other document mentions; transactional
    like :func:`build`. ``out`` is the output folder or its store folder."""
    out = Path(out)
    if (out / "CURRENT").exists() or (out.name == STORE_DIRNAME and not (out / STORE_DIRNAME).exists()):
        out = out.parent  # the store folder itself
    iris = Iris(base_iri)
    ids = [Path(d).stem if d.endswith(".txt") else d for d in doc_ids]
    summary = BuildSummary()

    def drop(writer: StoreWriter) -> None:
        store = writer.store
        for doc_id in ids:
            g = iris.graph(doc_id)
            if not store.contains_named_graph(g):
                raise InputError(f"{doc_id}: no such document in {out / STORE_DIRNAME}; "
                                 f"kg stats --documents --store {out} lists the documents' ids")
            store.remove_graph(g)
            summary.removed.append(doc_id)

    _commit(out, iris, drop, viewer, summary, base_on_existing=True)
    return KnowledgeGraph(out / STORE_DIRNAME, summary)


def _commit(out: Path, iris: Iris, mutate: Callable[[StoreWriter], None], viewer: bool, summary: BuildSummary,
            base_on_existing: bool, on_stage: Callable[[str], None] = lambda stage: None) -> None:
    """Apply ``mutate`` to a staged copy of the store (a fresh one, or a checkpoint of the existing
    one), recompute the entity layer, write the exports, then rename everything into place.

    A fresh store's TriG export is written as the store fills; after a change to an existing
    store it is dumped from the store."""
    from pyoxigraph import Store

    with output_lock(out):
        remove_stale_staging(out)
        stage = staging_dir(out)
        try:
            staged_path = stage / STORE_DIRNAME
            live = out / STORE_DIRNAME
            if base_on_existing:
                if not (live / "CURRENT").exists():
                    raise StoreError(f"{live}: no store to add to or remove from; build one with: kg build "
                                     f"ARTICLES --out {out}")
                src = open_store(live, read_only=False)
                src.backup(str(staged_path))  # a checkpoint: hard links, cheap; the live store is untouched
                del src
            store = Store(str(staged_path))
            # a fresh build also keeps the graph in memory while it is small: what follows reads it faster
            with StoreWriter(store, trig=None if base_on_existing else stage / "graph.trig",
                             mirror=None if base_on_existing else Store()) as writer:
                mutate(writer)
                writer.flush()
                on_stage("computing the entity layer")
                if store.contains_named_graph(iris.entity_graph()):
                    store.remove_graph(iris.entity_graph())
                # the layer reads the document graphs before its first quad
                writer.add_chunked(EntityLayer(writer.reader, iris).quads())
            in_memory = writer.mirror  # None unless a fresh build that stayed within the mirror's limit
            summary.quads = len(writer.reader)
            summary.entities_by_type = Counter(entity_counts(writer.reader))  # the whole graph's, as kg stats counts
            del store, writer
            staged = KnowledgeGraph(staged_path)
            if in_memory is not None:
                staged._store = in_memory  # the exports read the same quads from memory
            del in_memory
            if base_on_existing:
                on_stage("writing graph.trig")
                staged.export("trig", stage / "graph.trig")
            on_stage("writing graph.graphml")
            staged.export("graphml", stage / "graph.graphml")
            if viewer:
                on_stage("writing viewer.html")
                n_docs = sum(1 for _ in staged.store.quads_for_pattern(None, RDF.type, SCHEMA.NewsArticle, None))
                staged.write_viewer(stage / "viewer.html", title=f"kg — {n_docs} document(s)")
            staged.close()
            names = [STORE_DIRNAME, "graph.trig", "graph.graphml"] + (["viewer.html"] if viewer else [])
            for name in names:
                replace_path(stage / name, out / name)
                summary.files[name] = str(out / name)
        finally:
            shutil.rmtree(stage, ignore_errors=True)


def open_graph(path: str | Path = "output") -> KnowledgeGraph:
    """Open a built graph: an output folder (holding ``store/``) or the store folder itself."""
    p = Path(path)
    if (p / STORE_DIRNAME / "CURRENT").exists():
        p = p / STORE_DIRNAME
    kg_ = KnowledgeGraph(p)
    _ = kg_.store  # raise now if it cannot be opened
    return kg_


def extract_records(paths: Iterable[str | Path], *, published: date | str | None = None, model: str | None = None,
                    base_iri: str = DEFAULT_BASE, fields: Fields = Fields(),
                    on_failure: Callable[[Failure], None] | None = None,
                    on_unread: Callable[[Unread], None] | None = None) -> Iterator[dict[str, Any]]:
    """One JSON-ready dict per document (the ``kg extract --format jsonl`` contract), from any
    input kind :func:`build` reads.

    A document the extraction rules fail on is passed to ``on_failure`` and left out; without
    ``on_failure`` it raises :class:`~kg.errors.InputError`. An input (or row, record, entry)
    that gives no document is passed to ``on_unread``; without it, one skipped or failed raises."""
    iris = Iris(base_iri)
    for x in _extractions(paths, published, model, fields=fields, on_unread=on_unread):
        if isinstance(x, Failure):
            if on_failure is None:
                raise InputError(x.reason)
            on_failure(x)
            continue
        yield record_of(x, iris)


def _span(span: "Span | None") -> dict[str, Any] | None:
    return None if span is None else {"text": span.text, "start": span.start, "end": span.end}


def record_of(x: Extraction, iris: Iris) -> dict[str, Any]:
    labels = {e.key: e.label for e in x.entities}
    types = {e.key: e.type for e in x.entities}

    def ent(key: str | None) -> str | None:
        return None if key is None else iris.entity(key).value

    return {
        "doc": x.document.id,
        "published": x.document.published.isoformat() if x.document.published else None,
        "url": x.document.url,
        "title": x.document.title,
        "headline": x.document.headline.text if x.document.headline else None,
        "dateline": x.document.dateline.text if x.document.dateline else None,
        "entities": [
            {"id": ent(e.key), "label": e.label, "type": e.type, "aliases": list(e.aliases),
             "mentions": [{"start": m.start, "end": m.end, "text": m.text, "kind": m.kind} for m in e.mentions]}
            for e in x.entities
        ],
        "relations": [
            {"subject": ent(r.subject), "predicate": r.predicate, "object": ent(r.object), "role": r.role,
             "subject_label": labels.get(r.subject), "object_label": labels.get(r.object),
             "start": r.start, "end": r.end, "rule": r.rule, "confidence": r.confidence, "negated": r.negated,
             "modality": r.modality, "hedge": r.hedge, "date": r.date.value if r.date else None,
             "verb": r.verb, "preposition": r.preposition}
            for r in x.relations
        ],
        "events": [
            {"id": iris.event(ev.key).value, "type": ev.type, "label": ev.label,
             "participants": [{"role": p.role, "entity": ent(p.entity), "text": p.text, "hedge": p.hedge}
                              for p in ev.participants],
             "place": ent(ev.place), "origin": ent(ev.origin), "date": ev.date.value if ev.date else None,
             "duration": ev.duration.value if ev.duration else None, "hedge": ev.hedge, "modality": ev.modality,
             "negated": ev.negated, "rule": ev.rule, "start": ev.start, "end": ev.end}
            for ev in x.events
        ],
        "quotes": [
            {"text": q.text, "start": q.start, "end": q.end, "direct": q.direct, "speaker": ent(q.speaker),
             "speaker_label": labels.get(q.speaker or ""), "speaker_type": types.get(q.speaker or ""),
             "verb": q.verb, "cue": _span(q.cue), "source": _span(q.source), "rule": q.rule,
             "date": q.date.value if q.date else None, "hedge": q.hedge, "sentence_start": q.sentence_start,
             "sentence_end": q.sentence_end}
            for q in x.quotes
        ],
    }
