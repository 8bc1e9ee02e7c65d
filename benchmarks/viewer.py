"""Viewer benchmark: time to write the page, its size, and the time to its first draw in headless
Chromium (from navigation start to the first frame vis-network draws, as the page reports it in
``#kg-status``), for 100, 1,000 and 10,000 nodes (synthetic scale-free graphs, one edge per node).
The first view holds the 300 most important nodes (``--top``'s default); every node is in the page.

    python benchmarks/viewer.py
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine  # noqa: E402

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1400,1043"]  # a 1400 x 900 viewport


def graph(n: int):
    import networkx as nx

    g = nx.MultiDiGraph()
    base = nx.barabasi_albert_graph(n, 1, seed=1)
    types = ["Person", "Organization", "Country", "City", "Event"]
    for v in base:
        g.add_node(f"n{v}", label=f"entity {v}", type=types[v % 5], mentions=1 + v % 4, aliases="")
    for a, b in base.edges:
        g.add_edge(f"n{a}", f"n{b}", predicate="participatedIn", role="agent", sentence=f"sentence {a}",
                   document="doc", title="t")
    return g


def main() -> None:
    from kg.viz import write_html

    chromium = shutil.which("chromium")
    print(f"machine: {machine()}\n\n| nodes | edges | write s | page MiB | nodes drawn | first draw s (Chromium, "
          "from navigation start) |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for n in (100, 1_000, 10_000):
            g = graph(n)
            t = time.perf_counter()
            page = write_html(g, Path(tmp) / f"v{n}.html")
            write_s = time.perf_counter() - t
            draw = "n/a (no chromium)"
            if chromium:
                with tempfile.TemporaryDirectory() as prof:
                    r = subprocess.run([chromium, *FLAGS, f"--user-data-dir={prof}", "--virtual-time-budget=60000",
                                        "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=600)
                m = re.search(r'data-drawms="(\d+)"', r.stdout)
                drawn = re.search(r'data-nodes="(\d+)"', r.stdout)
                draw = f"{int(m.group(1)) / 1000:.2f}" if m else "did not draw"
            print(f"| {n:,} | {g.number_of_edges():,} | {write_s:.2f} | {page.stat().st_size / 2**20:.1f} | "
                  f"{drawn.group(1) if drawn else '?'} | {draw} |", flush=True)


if __name__ == "__main__":
    main()
