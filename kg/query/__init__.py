"""Asking the graph: SPARQL (files, prefixes, formats) and the NetworkX projection."""
from kg.query.network import to_networkx
from kg.query.sparql import RESULT_FORMATS, Result, load_query, run_query

__all__ = ["RESULT_FORMATS", "Result", "load_query", "run_query", "to_networkx"]
