"""A synthetic corpus graph in the shape kg writes today: the extractions of real articles (the example
article and the 25 Lee articles of tests/data/lee, as ``kg build`` reads them with the code measured: its
relations, events, quotes with ``kg:direct`` and cues, roles, headquarters, ...), cloned into many
documents whose entities partly overlap (as in a real archive). Used by the store and serve benchmarks."""
from __future__ import annotations

import dataclasses
import sys
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Iterator

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT  # noqa: E402

LEE = ROOT / "tests" / "data" / "lee"


@lru_cache(maxsize=1)
def base_extractions() -> tuple:  # type: ignore[type-arg]
    """The extractions every clone copies: the example article, then the Lee sample (published 2001-09-20)."""
    from kg.extract import extract, load_model
    from kg.read import read_document

    docs = [read_document(ROOT / "examples" / "afghanistan-2021-08-11.txt", date(2021, 8, 11))]
    docs += [read_document(p, date(2001, 9, 20)) for p in sorted(LEE.glob("*.txt"))]
    return tuple(extract(docs, load_model()))


def seed_extraction():
    return base_extractions()[0]


def clones(n_docs: int, shared: int = 300) -> Iterator:
    """n_docs Extractions, document i a copy of base extraction i mod their number; entity keys take one of
    ``shared`` variants so entities recur across documents."""
    bases = base_extractions()

    def key(k: str, i: int) -> str:
        return f"{k} {i % shared}" if k else k

    for i in range(n_docs):
        x, v = bases[i % len(bases)], i
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
    n = len(base_extractions())
    per_doc = sum(1 for _ in quads(n)) / n
    return max(1, int(triples // per_doc))
