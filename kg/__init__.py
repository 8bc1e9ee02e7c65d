"""kg: news articles to a knowledge graph (RDF, SPARQL, NetworkX, HTML viewer), offline.

>>> import kg
>>> kg.__version__
'0.1.0'

Nothing heavy happens at import: models and stores load on first use.
"""
from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["KnowledgeGraph", "build", "extract_records", "open", "remove", "__version__"]


def __getattr__(name: str) -> Any:
    if name in ("KnowledgeGraph", "build", "extract_records", "remove"):
        from kg import api

        return getattr(api, name)
    if name == "open":
        from kg.api import open_graph

        return open_graph
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
