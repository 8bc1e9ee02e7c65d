"""Serialising the store: TriG, N-Quads, Turtle (union of graphs), JSON-LD."""
from __future__ import annotations

from pathlib import Path
from typing import IO

from pyoxigraph import RdfFormat, Store

from kg.errors import InputError
from kg.graph.namespaces import PREFIXES

__all__ = ["RDF_FORMATS", "dump"]

RDF_FORMATS = {
    "trig": RdfFormat.TRIG,
    "nquads": RdfFormat.N_QUADS,
    "turtle": RdfFormat.TURTLE,
    "jsonld": RdfFormat.JSON_LD,
}


def dump(store: Store, fmt: str, output: str | Path | IO[bytes]) -> None:
    """Write the whole store in ``fmt``; Turtle gets the union of all document graphs."""
    if fmt not in RDF_FORMATS:
        raise InputError(f"unknown RDF format {fmt!r}; choose one of {', '.join(RDF_FORMATS)}")
    out = str(output) if isinstance(output, Path) else output
    if fmt == "turtle":
        triples = store.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
        from pyoxigraph import serialize

        serialize(triples, out, RdfFormat.TURTLE, prefixes=PREFIXES)
        return
    if fmt == "jsonld":
        store.dump(out, RdfFormat.JSON_LD)
        return
    store.dump(out, RDF_FORMATS[fmt], prefixes=PREFIXES if fmt == "trig" else None)
