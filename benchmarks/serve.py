"""HTTP benchmark: kg serve against the bare Oxigraph server it wraps, on the same store, in one run.

    python benchmarks/serve.py [STORE] [--clients 8] [--per-client 200] [--rounds 10] [--big-rows 1000000]

STORE defaults to output/lee (``kg build ../shared/corpus/lee --out output/lee``). Both servers are
started read-only on the store, side by side; 8 concurrent clients send 200 small queries each
(cycling through a count, a LIMIT 50 listing and a label filter, as an application would), JSON
answers. The load is sent in ``--rounds`` rounds that alternate between the two servers (A B, B A,
A B …, each round a share of every client's queries), so that other work on a shared machine falls on
both alike; ``--rounds 1`` measures one server after the other, as the first runs did. Prints
requests per second (requests over the seconds of that server's rounds), p50 and p99 latency and
errors for each, and their ratios,
and the CPU time per request of the engine (the Oxigraph process), of kg's front (the kg serve
process) and of the benchmark's own clients (read from /proc and the clients' process): on a machine
other work shares, they say more than the wall-clock figures.

Then the memory of kg's front while a large answer passes through it: a query of ``--big-rows`` rows
(TSV) read to the end through ``kg serve --limit 0`` and, with the default limit of 10,000, cut;
the peak RSS of the ``kg serve`` process (Python front; the Oxigraph child is a process of its own)
is read from /proc while the answer streams.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, kg_cmd, machine  # noqa: E402

QUERIES = [
    "SELECT (COUNT(*) AS ?n) WHERE { ?e a <http://schema.org/Person> }",
    "SELECT ?e ?l WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?l } LIMIT 50",
    'SELECT ?e WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?l FILTER(CONTAINS(?l, "Sydney")) }',
]


def _wait(url: str, proc: subprocess.Popen) -> None:  # type: ignore[type-arg]
    from kg.http._server import _wait_listening

    _wait_listening(proc, url.split("/")[2])  # type: ignore[arg-type]


CLIENT_CPU_MS = 0.0  # CPU the benchmark's own clients spent per request in the last load
HEADERS = {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"}


class _Clients:
    """``n`` HTTP clients of one server, each keeping its connection, made and warmed before any timing
    (so that making clients, which costs CPU, is in no round)."""

    def __init__(self, url: str, n: int) -> None:
        self.url, self.n = url, n
        self.sessions = [httpx.Client(timeout=120) for _ in range(n)]
        self.sent = [0] * n
        self.pool = ThreadPoolExecutor(n)
        for c in self.sessions:  # each opens its connection; the store's caches warm
            for q in QUERIES:
                c.post(url, content=q, headers=HEADERS).raise_for_status()

    def load(self, per_client: int) -> tuple[float, list[float], int]:
        """(seconds, latencies ms, errors) of ``per_client`` queries from every client at once."""
        def client(k: int) -> tuple[list[float], int]:
            lat, errors, c, first = [], 0, self.sessions[k], self.sent[k]
            for i in range(first, first + per_client):  # the cycle of queries goes on from the last round
                t = time.perf_counter()
                r = c.post(self.url, content=QUERIES[(k + i) % len(QUERIES)], headers=HEADERS)
                lat.append((time.perf_counter() - t) * 1000)
                errors += r.status_code != 200
            self.sent[k] += per_client
            return lat, errors

        start, cpu = time.perf_counter(), time.process_time()
        results = list(self.pool.map(client, range(self.n)))
        wall = time.perf_counter() - start
        global CLIENT_CPU_MS
        CLIENT_CPU_MS = (time.process_time() - cpu) * 1000 / (self.n * per_client)
        return wall, sorted(x for r in results for x in r[0]), sum(r[1] for r in results)

    def close(self) -> None:
        self.pool.shutdown()
        for c in self.sessions:
            c.close()


def _cpu_s(pid: int) -> float:
    """User + system CPU seconds a process has used so far."""
    import os

    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _rss_mib(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _big_answer(store: Path, limit: int, rows: int) -> tuple[float, float, int, float]:
    """(peak RSS MiB of the kg serve process, its RSS before, rows received, seconds) for one large answer."""
    from kg.http import free_port

    port = free_port()
    url = f"http://127.0.0.1:{port}/query"
    proc = subprocess.Popen(kg_cmd("serve", "--store", str(store), "--port", str(port), "--limit", str(limit),
                                   "--timeout", "600"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait(url, proc)
        before = _rss_mib(proc.pid)
        peak = [before]
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                peak[0] = max(peak[0], _rss_mib(proc.pid))
                time.sleep(0.05)

        threading.Thread(target=sample, daemon=True).start()
        q = f"SELECT ?s ?p ?o WHERE {{ ?s ?p ?o . ?a ?b ?c }} LIMIT {rows}"
        t = time.perf_counter()
        n = 0
        with httpx.stream("GET", url, params={"query": q}, headers={"Accept": "text/tab-separated-values"},
                          timeout=600) as r:
            for line in r.iter_lines():
                n += 1
        wall = time.perf_counter() - t
        done.set()
        return peak[0], before, n - 1, wall
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def main() -> None:
    from kg.http import free_port
    from kg.http._server import oxigraph_binary

    ap = argparse.ArgumentParser()
    ap.add_argument("store", nargs="?", default=str(ROOT / "output" / "lee"))
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--per-client", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=10, help="alternating rounds of load (1: one server, then the other)")
    ap.add_argument("--big-rows", type=int, default=1_000_000)
    args = ap.parse_args()
    store = Path(args.store)
    location = store / "store" if (store / "store" / "CURRENT").exists() else store
    print(f"machine: {machine()}\nstore: {store}")
    names = ("oxigraph", "kg serve")
    servers, urls, loads = {}, {}, {}
    try:
        for name in names:
            port = free_port()
            urls[name] = f"http://127.0.0.1:{port}/query"
            argv = ([oxigraph_binary(), "serve-read-only", "--location", str(location), "--bind",
                     f"127.0.0.1:{port}", "--union-default-graph", "--timeout-s", "30"] if name == "oxigraph"
                    else kg_cmd("serve", "--store", str(store), "--port", str(port)))
            servers[name] = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _wait(urls[name], servers[name])
            loads[name] = _Clients(urls[name], args.clients)
        walls = {n: 0.0 for n in names}
        lats: dict[str, list[float]] = {n: [] for n in names}
        errs = {n: 0 for n in names}
        cpus: dict[str, dict[int, float]] = {}
        client_ms = {n: 0.0 for n in names}
        rounds = max(1, args.rounds)
        for r in range(rounds):
            share = args.per_client // rounds + (1 if r < args.per_client % rounds else 0)
            for name in (names if r % 2 == 0 else names[::-1]):
                pid = servers[name].pid
                engine = ([pid] + _children(pid))[-1]  # kg serve: its Oxigraph child
                cpu0 = {p: _cpu_s(p) for p in {pid, engine}}
                wall, lat, errors = loads[name].load(share)
                spent = cpus.setdefault(name, {"engine": 0.0, "front": 0.0})
                spent["engine"] += _cpu_s(engine) - cpu0[engine]
                if engine != pid:
                    spent["front"] += _cpu_s(pid) - cpu0[pid]
                walls[name] += wall
                lats[name] += lat
                errs[name] += errors
                client_ms[name] += CLIENT_CPU_MS * len(lat)
    finally:
        for clients in loads.values():
            clients.close()
        for server in servers.values():
            server.terminate()
            server.wait(timeout=20)
    figures = {}
    for name in names:
        lat = sorted(lats[name])
        p99 = lat[int(len(lat) * 0.99) - 1]
        n = len(lat)
        figures[name] = (n / walls[name], statistics.median(lat), p99, errs[name],
                         cpus[name]["engine"] * 1000 / n, cpus[name]["front"] * 1000 / n, client_ms[name] / n)
    print(f"\n{args.clients} clients x {args.per_client} queries each (a count, a LIMIT 50 listing, a label filter), "
          f"in {rounds} alternating round{'s' if rounds > 1 else ''}")
    print("\n| server | requests/s | p50 ms | p99 ms | errors | CPU ms/request: engine | front | clients |"
          "\n|---|---|---|---|---|---|---|---|")
    for name, (rps, p50, p99, errors, eng, front, cl) in figures.items():
        print(f"| {name} | {rps:.0f} | {p50:.1f} | {p99:.1f} | {errors} | {eng:.2f} | {front:.2f} | {cl:.2f} |")
    (ox_rps, ox_p50, ox_p99, *_), (kg_rps, kg_p50, kg_p99, *_) = figures["oxigraph"], figures["kg serve"]
    print(f"| kg serve ÷ oxigraph | {kg_rps / ox_rps:.2f} | {kg_p50 / ox_p50:.2f} | {kg_p99 / ox_p99:.2f} | | | | |")
    if args.big_rows:
        print(f"\n| kg serve, one answer of {args.big_rows:,} rows (TSV) | rows received | s | RSS before MiB "
              "| peak RSS MiB |\n|---|---|---|---|---|")
        for limit in (0, 10_000):
            peak, before, n, wall = _big_answer(store, limit, args.big_rows)
            print(f"| --limit {limit} | {n:,} | {wall:.1f} | {before:.0f} | {peak:.0f} |", flush=True)


if __name__ == "__main__":
    main()
