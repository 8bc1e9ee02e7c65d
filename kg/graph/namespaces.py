"""Namespaces as objects: ``SCHEMA.Person`` is a :class:`pyoxigraph.NamedNode`."""
from __future__ import annotations

from pyoxigraph import NamedNode

__all__ = ["Namespace", "KG", "SCHEMA", "ORG", "PROV", "NIF", "SKOS", "RDF", "RDFS", "XSD", "OWL", "WD", "ITSRDF",
           "PREFIXES", "DEFAULT_BASE", "ENTITY_CLASSES", "ENTITY_VALUES"]


class Namespace(str):
    """A namespace IRI; attribute or item access gives a NamedNode in it."""

    def __getattr__(self, name: str) -> NamedNode:
        if name.startswith("__"):
            raise AttributeError(name)
        node = NamedNode(str(self) + name)
        setattr(self, name, node)  # made once: the next access finds it without calling __getattr__
        return node

    def __getitem__(self, name: str) -> NamedNode:  # type: ignore[override]
        return NamedNode(str(self) + name)


KG = Namespace("http://example.org/kg/ontology#")
SCHEMA = Namespace("http://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")
WD = Namespace("http://www.wikidata.org/entity/")

#: Default base for instance IRIs (documents, entities, events); change with --base-iri.
DEFAULT_BASE = "http://example.org/kg/"

#: What kg calls an entity, in every place that counts or lists entities (the build summary, ``kg stats``,
#: ``graph.entities()``, the shipped queries ``entities``, ``most_mentioned`` and ``comentions``): a node of
#: the entity layer with one of these classes. A named event ("September 11", "the Olympics") is an
#: entity of class kg:NamedEvent; an event kg reads from a sentence (schema:Event with a kg: type such as
#: kg:Meet) is not an entity, nor are unnamed sources (kg:Group "officials", schema:CreativeWork "the report").
ENTITY_CLASSES: dict[str, NamedNode] = {
    "Person": SCHEMA.Person, "Organization": SCHEMA.Organization, "Country": SCHEMA.Country, "City": SCHEMA.City,
    "Place": SCHEMA.Place, "NamedEvent": KG.NamedEvent,
}
#: :data:`ENTITY_CLASSES` as a SPARQL VALUES block binding ``?class`` and its name ``?type``
ENTITY_VALUES = ("VALUES (?class ?type) { "
                 + " ".join(f'(<{iri.value}> "{name}")' for name, iri in ENTITY_CLASSES.items()) + " }")

PREFIXES: dict[str, str] = {
    "kg": str(KG), "schema": str(SCHEMA), "org": str(ORG), "prov": str(PROV), "nif": str(NIF),
    "itsrdf": str(ITSRDF), "skos": str(SKOS), "rdf": str(RDF), "rdfs": str(RDFS), "xsd": str(XSD),
    "owl": str(OWL), "wd": str(WD),
}
