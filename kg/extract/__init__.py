"""Extraction: spaCy parsing plus rules about news language.

Never imports rdflib: the output is plain records from :mod:`kg.types`.
"""
from kg.extract.nlp import load_model, resolve_model_name
from kg.extract.pipeline import extract, extract_one

__all__ = ["extract", "extract_one", "load_model", "resolve_model_name"]
