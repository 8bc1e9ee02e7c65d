"""Store benchmark: 1 million triples in the shape kg writes.

    python benchmarks/store.py [TRIPLES]     (default 1,000,000)

Prints load time and peak RSS of kg's store path (the extraction records, pickled as a parallel
build's writer receives them, mapped to quads, written with kg.graph.store.StoreWriter, then the
entity layer computed from the document graphs) against a raw pyoxigraph bulk load of the same
quads from an N-Quads file (each in its own process), then the median latency of every
query in ontology/queries/ against the loaded store. Leaves the store in output/bench-store for
benchmarks/serve.py.
"""
from __future__ import annotations

import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, machine, run_measured  # noqa: E402

HERE = Path(__file__).resolve().parent
STORE = ROOT / "output" / "bench-store"
NQ = ROOT / "output" / "bench-quads.nq"
RECORDS = ROOT / "output" / "bench-records.pickle"


def load_kg() -> None:
    """kg's store path as a build's writer runs it: records in, quads mapped, store written, entity layer."""
    import pickle

    from pyoxigraph import Store

    from kg.graph import EntityLayer, Iris, to_quads
    from kg.graph.store import StoreWriter

    shutil.rmtree(STORE, ignore_errors=True)
    iris = Iris()
    store = Store(str(STORE))
    with RECORDS.open("rb") as f, StoreWriter(store) as writer:
        while True:
            try:
                x = pickle.load(f)
            except EOFError:
                break
            writer.add(to_quads(x, iris))
        writer.flush()
        writer.add_chunked(EntityLayer(store, iris).quads())


def load_raw() -> None:
    from pyoxigraph import RdfFormat, Store

    target = ROOT / "output" / "bench-raw-store"
    shutil.rmtree(target, ignore_errors=True)
    Store(str(target)).bulk_load(path=str(NQ), format=RdfFormat.N_QUADS)


def main() -> None:
    triples = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    if len(sys.argv) > 2:  # internal: run one loader in this process
        load_kg() if sys.argv[2] == "kg" else load_raw()
        return
    import pickle

    from synthetic import clones, docs_for, quads
    from pyoxigraph import RdfFormat, serialize

    n_docs = docs_for(triples)
    print(f"machine: {machine()}")
    NQ.parent.mkdir(exist_ok=True)
    with NQ.open("wb") as f:
        serialize(quads(n_docs), f, RdfFormat.N_QUADS)
    with RECORDS.open("wb") as f:  # the Extractions, as a parallel build's writer receives them
        for x in clones(n_docs):
            pickle.dump(x, f, protocol=pickle.HIGHEST_PROTOCOL)
    kg_wall, kg_rss, _ = run_measured([sys.executable, __file__, str(triples), "kg"])
    raw_wall, raw_rss, _ = run_measured([sys.executable, __file__, str(triples), "raw"])
    from pyoxigraph import Store

    store = Store.read_only(str(STORE))
    n = len(store)
    print(f"synthetic graph: {n_docs} documents, {n:,} quads")
    print("\n| loader | wall s | peak RSS MiB |\n|---|---|---|")
    print(f"| kg (records -> quads -> store + entity layer) | {kg_wall:.1f} | {kg_rss:.0f} |")
    print(f"| raw pyoxigraph bulk_load (N-Quads file) | {raw_wall:.1f} | {raw_rss:.0f} |")
    print(f"| ratio | {kg_wall / raw_wall:.2f} | {kg_rss / raw_rss:.2f} |")
    from kg.query.sparql import run_query

    print("\n| query | rows | median ms (7 runs) |\n|---|---|---|")
    for rq in sorted((ROOT / "ontology" / "queries").glob("*.rq")):
        text = rq.read_text(encoding="utf-8")
        times, rows = [], 0
        for _ in range(7):
            t = time.perf_counter()
            res = run_query(store, text)
            rows = len(res.rows) if res.kind != "ask" else 1
            times.append((time.perf_counter() - t) * 1000)
        print(f"| {rq.stem} | {rows} | {statistics.median(times):.1f} |", flush=True)
    shutil.rmtree(ROOT / "output" / "bench-raw-store", ignore_errors=True)
    NQ.unlink(missing_ok=True)
    RECORDS.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
