"""Where the time of one `kg build` goes, phase by phase, in one process.

    python benchmarks/phases.py [FOLDER]      (default: ../shared/corpus/lee)

Runs the stages of a one-process build one after the other on the same documents and prints the
wall time of each: model load, ``nlp.pipe`` with kg's speed-ups (same segments, same batch size),
kg's rules on the parsed documents, mapping to quads, store writes with the TriG export and the
in-memory copy alongside, entity layer, GraphML export (both read from the copy, as kg build does).
For comparison (not in the total), the same ``nlp.pipe`` with the model as spaCy loads it, without
kg's speed-ups (``kg.extract.speedups``).
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import LEE, machine  # noqa: E402


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else LEE
    rows: list[tuple[str, float]] = []

    def timed(name: str, start: float) -> float:
        now = time.perf_counter()
        rows.append((name, now - start))
        return now

    t = time.perf_counter()
    from pyoxigraph import Store

    from kg.api import KnowledgeGraph
    from kg.extract import load_model
    from kg.extract.pipeline import _segments, extract_one
    from kg.extract.speedups import one_blas_thread
    from kg.graph.iris import Iris
    from kg.graph.mapping import EntityLayer, to_quads
    from kg.graph.store import StoreWriter
    from kg.read import collect_paths, read_document
    t = timed("imports", t)
    nlp = load_model()
    t = timed("model load", t)
    docs = [read_document(p, None) for p in collect_paths([folder])]
    words = sum(len(d.text.split()) for d in docs)
    t = timed("read", t)
    items = [(d.text[s:e], (i, name, s)) for i, d in enumerate(docs) for name, s, e in _segments(d)]
    parsed: list[list[tuple[str, int, object]]] = [[] for _ in docs]
    with one_blas_thread():  # as kg build parses
        for doc, (i, name, s) in nlp.pipe(items, as_tuples=True, batch_size=64):
            parsed[i].append((name, s, doc))
    t = timed("spaCy nlp.pipe", t)
    import spacy

    from kg.extract import resolve_model_name

    plain = spacy.load(resolve_model_name())
    start = time.perf_counter()
    for _ in plain.pipe([text for text, _ in items], batch_size=64):
        pass
    as_it_comes = time.perf_counter() - start
    del plain
    t = time.perf_counter()
    extractions = [extract_one(d, p) for d, p in zip(docs, parsed)]  # type: ignore[arg-type]
    t = timed("kg rules (extract_one)", t)
    iris = Iris("https://example.org/kg/")
    quads = [list(to_quads(x, iris)) for x in extractions]
    n_quads = sum(map(len, quads))
    t = timed("mapping to quads", t)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(str(Path(tmp) / "store"))
        with StoreWriter(store, trig=Path(tmp) / "graph.trig", mirror=Store()) as writer:  # as kg build writes
            for doc_quads in quads:
                writer.add(doc_quads)
            writer.flush()
            t = timed("store writes, TriG and in-memory copy", t)
            writer.add_chunked(EntityLayer(writer.reader, iris).quads())
        t = timed("entity layer", t)
        in_memory = writer.mirror
        del store, writer
        kg = KnowledgeGraph(Path(tmp) / "store")
        if in_memory is not None:
            kg._store = in_memory  # as kg build reads its exports
        kg.export("graphml", Path(tmp) / "graph.graphml")
        t = timed("GraphML export", t)
        kg.close()
    total = sum(s for _, s in rows)
    print(f"machine: {machine()}")
    print(f"corpus: {folder} — {len(docs)} documents, {words:,} words, {n_quads:,} quads before the entity layer")
    print("\n| phase | seconds | share |")
    print("|---|---|---|")
    for name, s in rows:
        print(f"| {name} | {s:.2f} | {100 * s / total:.0f} % |")
    print(f"| total | {total:.2f} | |")
    print(f"\nFor comparison: nlp.pipe with the model as spaCy loads it (no kg speed-ups): {as_it_comes:.2f} s")


if __name__ == "__main__":
    main()
