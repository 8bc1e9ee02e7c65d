"""RDF: vocabulary, IRIs, the mapping from Extractions to quads, the store.

Never imports spaCy.
"""
from kg.graph.iris import Iris
from kg.graph.mapping import to_quads
from kg.graph.namespaces import DEFAULT_BASE, PREFIXES

__all__ = ["DEFAULT_BASE", "Iris", "PREFIXES", "to_quads"]
