"""HTTP benchmark: 8 concurrent clients x 200 queries against `kg serve`.

    python benchmarks/serve.py [STORE]      (default: output/bench-store from benchmarks/store.py)

The queries cycle through ontology/queries/. Prints p50 / p99 latency and the error count.
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, kg_cmd, machine  # noqa: E402

CLIENTS, PER_CLIENT = 8, 200


def main() -> None:
    from kg.http import free_port

    store = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "output" / "bench-store"
    port = free_port()
    url = f"http://127.0.0.1:{port}/query"
    server = subprocess.Popen(kg_cmd("serve", "--store", str(store), "--port", str(port)),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    files = sorted((ROOT / "ontology" / "queries").glob("*.rq"))
    queries = [p.read_text(encoding="utf-8") for p in files]
    try:
        for _ in range(300):
            try:
                httpx.get(url, params={"query": "ASK {}"}, timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)

        def client(k: int) -> tuple[list[float], int, list[tuple[str, float]]]:
            lat, errors, named = [], 0, []
            with httpx.Client(timeout=120) as c:
                for i in range(PER_CLIENT):
                    j = (k + i) % len(queries)
                    t = time.perf_counter()
                    r = c.post(url, content=queries[j], headers={"Content-Type": "application/sparql-query",
                                                                 "Accept": "application/sparql-results+json"})
                    lat.append((time.perf_counter() - t) * 1000)
                    named.append((files[j].stem, lat[-1]))
                    errors += r.status_code != 200
            return lat, errors, named

        start = time.perf_counter()
        with ThreadPoolExecutor(CLIENTS) as pool:
            results = list(pool.map(client, range(CLIENTS)))
        wall = time.perf_counter() - start
    finally:
        server.terminate()
        server.wait(timeout=20)
    lat = sorted(x for r in results for x in r[0])
    errors = sum(r[1] for r in results)
    p99 = lat[int(len(lat) * 0.99) - 1]
    print(f"machine: {machine()}\nstore: {store}")
    print(f"{CLIENTS} clients x {PER_CLIENT} queries = {len(lat)} requests in {wall:.1f} s "
          f"({len(lat) / wall:.0f} req/s): p50 {statistics.median(lat):.1f} ms, p99 {p99:.1f} ms, errors {errors}")
    by_query: dict[str, list[float]] = {}
    for r in results:
        for name, ms in r[2]:
            by_query.setdefault(name, []).append(ms)
    print("\n| query | requests | p50 ms | max ms |\n|---|---|---|---|")
    for name, xs in sorted(by_query.items()):
        print(f"| {name} | {len(xs)} | {statistics.median(xs):.1f} | {max(xs):.1f} |")


if __name__ == "__main__":
    main()
