"""Store benchmark: 1 million triples in the shape kg writes.

    python benchmarks/store.py [TRIPLES] [--no-raw] [--reuse] [--out DIR] [--queries a,b]    (default 1,000,000)

Prints load time and peak RSS of kg's store path (the extraction records, pickled as a parallel
build's writer receives them, mapped to quads, written with kg.graph.store.StoreWriter, then the
entity layer computed from the document graphs) against a raw pyoxigraph bulk load of the same
quads from an N-Quads file (each in its own process), then, for every query in ontology/queries/
against the loaded store, the median latency of its first page (``limit=20``, as ``kg query FILE
--limit 20`` reads it) and of its whole answer. Leaves the store in output/bench-store (or --out) for
benchmarks/serve.py. ``--no-raw`` skips the raw loader (at 10M quads it needs about 9 GiB);
``--reuse`` measures the queries on the store already there, without loading; ``--queries`` only
those named; ``--first-only`` only their first pages.
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
if "--out" in sys.argv:
    STORE = Path(sys.argv[sys.argv.index("--out") + 1]).resolve()
NQ = STORE.with_name(STORE.name + "-quads.nq")  # beside the store: runs into other folders do not collide
RECORDS = STORE.with_name(STORE.name + "-records.pickle")



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


def _median_ms(f, runs: int) -> tuple[float, object, int]:  # type: ignore[no-untyped-def]
    """(median ms, last result, runs made): a call over 2 s is not repeated (the whole answers of the
    heaviest listings take minutes on a large store)."""
    times, out = [], None
    for _ in range(runs):
        t = time.perf_counter()
        out = f()
        times.append((time.perf_counter() - t) * 1000)
        if times[-1] > 2000:
            break
    return statistics.median(times), out, len(times)


def measure_queries(store_path: Path, page: int = 20) -> None:
    from pyoxigraph import Store

    from kg.query.paging import page_plan
    from kg.query.sparql import run_query

    store = Store.read_only(str(store_path))
    print(f"\nstore: {store_path}, {len(store):,} quads")
    print(f"\n| query | first page ({page} rows) ms, median of 7 runs | paged by | rows | whole answer ms, median "
          "of 3 runs |\n|---|---|---|---|---|")
    only = sys.argv[sys.argv.index("--queries") + 1].split(",") if "--queries" in sys.argv else None
    for rq in sorted((ROOT / "ontology" / "queries").glob("*.rq")):
        if only is not None and rq.stem not in only:
            continue
        text = rq.read_text(encoding="utf-8")
        first, _, n1 = _median_ms(lambda: run_query(store, text, limit=page), 7)
        if "--first-only" in sys.argv:  # the whole answers of a 10M-quad store's listings take minutes each
            print(f"| {rq.stem} | {first:,.1f}{'' if n1 > 1 else ' (1 run)'} | {'position' if page_plan(text) else 'stream/cut'} "
                  f"| | |", flush=True)
            continue
        whole, res, n2 = _median_ms(lambda: run_query(store, text), 3)
        rows = len(res.rows) if res.kind != "ask" else 1  # type: ignore[attr-defined]
        how = "position" if page_plan(text) else "stream/cut"
        once = lambda n: "" if n > 1 else " (1 run)"  # noqa: E731
        print(f"| {rq.stem} | {first:,.1f}{once(n1)} | {how} | {rows:,} | {whole:,.0f}{once(n2)} |", flush=True)


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    for opt in ("--out", "--queries"):
        if opt in sys.argv:
            args.remove(sys.argv[sys.argv.index(opt) + 1])
    triples = int(args[0]) if args else 1_000_000
    if len(args) > 1:  # internal: run one loader in this process
        load_kg() if args[1] == "kg" else load_raw()
        return
    print(f"machine: {machine()}")
    if "--reuse" in sys.argv:
        measure_queries(STORE)
        return
    import pickle

    from synthetic import clones, docs_for, quads
    from pyoxigraph import RdfFormat, serialize

    n_docs = docs_for(triples)
    raw = "--no-raw" not in sys.argv
    NQ.parent.mkdir(exist_ok=True)
    if raw:
        with NQ.open("wb") as f:
            serialize(quads(n_docs), f, RdfFormat.N_QUADS)
    with RECORDS.open("wb") as f:  # the Extractions, as a parallel build's writer receives them
        for x in clones(n_docs):
            pickle.dump(x, f, protocol=pickle.HIGHEST_PROTOCOL)
    out = ["--out", str(STORE)]
    kg_wall, kg_rss, _ = run_measured([sys.executable, __file__, str(triples), "kg", *out])
    print(f"synthetic graph: {n_docs} documents")
    print("\n| loader | wall s | peak RSS MiB |\n|---|---|---|")
    print(f"| kg (records -> quads -> store + entity layer) | {kg_wall:.1f} | {kg_rss:.0f} |")
    if raw:
        raw_wall, raw_rss, _ = run_measured([sys.executable, __file__, str(triples), "raw"])
        print(f"| raw pyoxigraph bulk_load (N-Quads file) | {raw_wall:.1f} | {raw_rss:.0f} |")
        print(f"| ratio | {kg_wall / raw_wall:.2f} | {kg_rss / raw_rss:.2f} |")
    shutil.rmtree(ROOT / "output" / "bench-raw-store", ignore_errors=True)
    NQ.unlink(missing_ok=True)
    RECORDS.unlink(missing_ok=True)
    measure_queries(STORE)


if __name__ == "__main__":
    main()
