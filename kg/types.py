"""Frozen records passed between the pipeline stages.

`read` produces :class:`Document`; `extract` produces :class:`Extraction`
(entities with their mentions, relations, events, quotes, time values);
`graph` turns an Extraction into quads. Nothing here knows about spaCy or
rdflib, so every stage can be tested with hand-built records.

All offsets are character offsets into ``Document.text``, the file's text
exactly as read: ``document.text[start:end] == text`` holds for every span.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

__all__ = [
    "Document",
    "Entity",
    "EntityType",
    "Event",
    "Extraction",
    "Failure",
    "Mention",
    "Participant",
    "Quote",
    "Relation",
    "Sentence",
    "Span",
    "TimeValue",
]

#: Entity classes kg knows; each maps to a schema.org class in ``kg.graph``.
EntityType = str  # "Person" | "Organization" | "Country" | "City" | "Place" | "NamedEvent" | "Thing" | "Group" | "CreativeWork"
#: "Group" (people spoken of together: "officials", "analysts") and "CreativeWork" (a document that
#: says something: "the report", "the ruling") are the classes of unnamed sources of statements.
ENTITY_TYPES = ("Person", "Organization", "Country", "City", "Place", "NamedEvent", "Thing", "Group", "CreativeWork")


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the document text: ``text == document.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Document:
    """One article as read from disk, with its news structure separated.

    ``headline``, ``dateline`` and ``body`` are spans of ``text``; the NLP
    stage runs on headline and body separately so nothing spans them.
    """

    id: str  # file stem, dump id, or from the URL (kg.read.article); unique within a build
    path: str
    text: str
    body: Span
    headline: Span | None = None
    dateline: Span | None = None
    title: str | None = None
    published: date | None = None
    source: str | None = None  # news agency or outlet, e.g. "Reuters"
    source_abbrev: str | None = None  # e.g. "AA" from "(AA)"
    place: str | None = None  # place of writing from the dateline
    place_span: Span | None = None
    source_span: Span | None = None
    language: str = "en"
    digest: str = ""  # hash of the text and metadata as read: an unchanged document has the same digest
    url: str | None = None  # the page's address (canonical link, WARC target URI, dump or feed field)
    author: str | None = None
    kind: str = "text"  # the input it came from: text, html, jsonl, json, csv, tsv, parquet, warc, feed
    note: str | None = None  # something the build summary should say about how it was read


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    segment: str  # "headline" | "body"


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str
    sentence: int  # index into Extraction.sentences, -1 for the dateline
    kind: str = "name"  # name | surname | acronym | pronoun | description | dateline | source


@dataclass(frozen=True, slots=True)
class Entity:
    key: str  # stable key within a build: "<type>/<normalised label>"
    label: str
    type: EntityType
    mentions: tuple[Mention, ...]
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None  # "Q30"
    country_code: str | None = None  # ISO 3166-1 alpha-3 for countries
    nationality: str | None = None  # alpha-3 of a nationality modifier ("Malian government")


@dataclass(frozen=True, slots=True)
class TimeValue:
    """A date or duration normalised against the publication date."""

    text: str
    start: int
    end: int
    value: str  # "2021-08-11", "2020", "P6D"
    datatype: str  # "date" | "gYear" | "gYearMonth" | "gMonthDay" (no publication date) | "duration"


@dataclass(frozen=True, slots=True)
class Relation:
    """A binary fact between two entities, with its evidence.

    ``subject``/``object`` are entity keys; ``predicate`` a local name of the relation vocabulary in
    ``ontology/kg.ttl`` ("locatedIn", "headquarteredIn", "killed", "relatedTo" …; "memberOf" for roles,
    whose ``role`` names the office). ``start``/``end`` are the offsets of the sentence it comes from.
    ``modality`` and ``negated`` say what the text says of it (as for events: only an asserted,
    not negated relation is stated as fact); ``hedge`` how it is attributed ("reportedly", "say");
    ``date`` the date the sentence gives it; ``rule`` the name of the rule that found it
    (:data:`kg.extract.relations.RULES`); ``verb`` and ``preposition`` the words of an open relation
    ("relatedTo": "arrive" "in").
    """

    subject: str
    predicate: str  # "memberOf" for roles
    object: str
    sentence: int
    start: int  # the sentence's offsets
    end: int
    role: str | None = None
    hedge: str | None = None
    confidence: float = 0.8
    rule: str = ""
    modality: str = "asserted"
    negated: bool = False
    date: TimeValue | None = None
    verb: str | None = None
    preposition: str | None = None

    @property
    def asserted(self) -> bool:
        """Whether the text states it as fact: asserted and not negated."""
        return self.modality == "asserted" and not self.negated


@dataclass(frozen=True, slots=True)
class Participant:
    role: str  # agent | participant | partner | theme | source | attendee
    entity: str | None  # entity key, when the argument is an entity
    text: str  # surface text of the argument
    start: int
    end: int
    hedge: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    key: str
    type: str  # taxonomy term in ontology/kg.ttl: Statement, Meet, Agree, Seize, Attack, Withdraw, ...
    label: str
    trigger: Span
    sentence: int
    start: int  # sentence offsets
    end: int
    participants: tuple[Participant, ...] = ()
    place: str | None = None  # entity key
    origin: str | None = None  # entity key of the place left ("withdraw from")
    date: TimeValue | None = None
    duration: TimeValue | None = None
    hedge: str | None = None
    #: what the text says of it (kg.extract.modality.KINDS): "asserted" (it happened or is happening),
    #: "planned", "offered", "threatened", "alleged", "demanded", "attempted" or "hypothetical"
    modality: str = "asserted"
    negated: bool = False  # the clause denies it ("did not attack", "refused to meet", "no deal")
    rule: str = ""  # name of the extraction rule that made it (kg.extract.events.RULES)


@dataclass(frozen=True, slots=True)
class Quote:
    """Something attributed to a speaker: a direct quotation (``direct``: the words in quotation marks)
    or reported speech (``direct`` false: the content of "X said that …", "according to X, …").
    ``text``/``start``/``end`` are the quoted words or the reported content; ``cue`` the words that
    attribute it ("said", "according to"); ``source`` the words naming the speaker in the text ("she",
    "a spokesman for the union"), whether or not they resolve to an entity; ``rule`` the name of the
    rule that found it (documented in :mod:`kg.extract.quotes` and :mod:`kg.extract.reported`)."""

    key: str
    text: str
    start: int
    end: int
    sentence: int
    sentence_start: int
    sentence_end: int
    speaker: str | None  # entity key
    verb: str | None = None
    date: TimeValue | None = None
    hedge: str | None = None
    direct: bool = True
    cue: Span | None = None
    source: Span | None = None
    rule: str = ""


@dataclass(frozen=True, slots=True)
class Extraction:
    document: Document
    sentences: tuple[Sentence, ...]
    entities: tuple[Entity, ...]
    relations: tuple[Relation, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    times: tuple[TimeValue, ...] = ()
    attributes: tuple[tuple[str, str], ...] = field(default=())  # (NORP text, country alpha-3)


@dataclass(frozen=True, slots=True)
class Failure:
    """A document the extraction rules raised an error on. ``reason`` names the file and the error;
    a build reports it and leaves the document out, so one odd article does not stop a long run."""

    document: Document
    reason: str
