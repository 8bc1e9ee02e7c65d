"""rdflib's API over kg's Oxigraph store (oxrdflib), with strings as rdflib writes them.

oxrdflib hands every plain string back as a literal typed ``xsd:string``; RDF 1.1 says the two
are the same term, but rdflib 7 compares ``Literal("x")`` and ``Literal("x", datatype=XSD.string)``
as different (RDFLib/rdflib#2123), so ``sh:in ("asserted" ...)`` in a SHACL shape, or a
comparison with a literal written in Python, would never match. :class:`KGOxigraphStore` gives
them back without the datatype, as rdflib's own parsers do.
"""
from __future__ import annotations

from typing import Any, Iterator

from oxrdflib import OxigraphStore
from rdflib import Literal
from rdflib.namespace import XSD

__all__ = ["KGOxigraphStore"]


def _simple(term: Any) -> Any:
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term


class KGOxigraphStore(OxigraphStore):
    """oxrdflib's store, with plain strings as simple literals in triples and SELECT results."""

    def triples(self, triple_pattern: Any, context: Any = None) -> Iterator[Any]:
        for (s, p, o), contexts in super().triples(triple_pattern, context):
            yield (s, p, _simple(o)), contexts

    def query(self, *args: Any, **kwargs: Any) -> Any:
        result = super().query(*args, **kwargs)
        if result.type == "SELECT":
            rows = result.bindings  # oxrdflib's rows, read through once
            result.bindings = ({v: _simple(x) for v, x in row.items()} for row in rows)
        return result
