"""A synthetic corpus graph in the shape kg writes: the example article's extraction, cloned into
many documents whose entities partly overlap (as in a real archive). Used by the store, serve and
viewer benchmarks."""
from __future__ import annotations

import dataclasses
import sys
from datetime import date
from pathlib import Path
from typing import Iterator

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT  # noqa: E402


def seed_extraction():
    from kg.extract import extract, load_model
    from kg.read import read_document

    doc = read_document(ROOT / "examples" / "afghanistan-2021-08-11.txt", date(2021, 8, 11))
    return next(extract([doc], load_model()))


def clones(n_docs: int, shared: int = 300) -> Iterator:
    """n_docs Extractions; entity keys take one of ``shared`` variants so entities recur across documents."""
    x = seed_extraction()

    def key(k: str, i: int) -> str:
        return f"{k} {i % shared}" if k else k

    for i in range(n_docs):
        v = i
        doc = dataclasses.replace(x.document, id=f"synthetic-{i:06d}")
        ents = tuple(dataclasses.replace(e, key=key(e.key, v), label=f"{e.label} {v % shared}") for e in x.entities)
        rels = tuple(dataclasses.replace(r, subject=key(r.subject, v), object=key(r.object, v)) for r in x.relations)
        evs = tuple(dataclasses.replace(
            e, key=f"{doc.id}/{e.key.rsplit('/', 1)[-1]}",
            participants=tuple(dataclasses.replace(p, entity=key(p.entity, v) if p.entity else None)
                               for p in e.participants),
            place=key(e.place, v) if e.place else None, origin=key(e.origin, v) if e.origin else None)
            for e in x.events)
        qs = tuple(dataclasses.replace(q, key=f"{doc.id}/{q.key.rsplit('/', 1)[-1]}",
                                       speaker=key(q.speaker, v) if q.speaker else None) for q in x.quotes)
        yield dataclasses.replace(x, document=doc, entities=ents, relations=rels, events=evs, quotes=qs)


def quads(n_docs: int) -> Iterator:
    from kg.graph import Iris, to_quads

    iris = Iris()
    for x in clones(n_docs):
        yield from to_quads(x, iris)


def docs_for(triples: int) -> int:
    per_doc = sum(1 for _ in quads(1))
    return max(1, triples // per_doc)
