"""RDF: vocabulary, IRIs, the mapping from Extractions to quads, the store.

Never imports spaCy.
"""
from kg.graph.iris import Iris
from kg.graph.mapping import EntityLayer, to_quads
from kg.graph.namespaces import DEFAULT_BASE, PREFIXES

__all__ = ["DEFAULT_BASE", "EntityLayer", "Iris", "PREFIXES", "to_quads"]
