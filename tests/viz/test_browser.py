"""The viewer in a real browser (Debian's headless Chromium), from a file:// URL with no network."""
from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from conftest import ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="LOUD SKIP: Chromium is not installed (apt-get install chromium); viewer untested in a browser"
)
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars"]


def chromium(*args: str) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True,
                              text=True, timeout=180)


def status(page: Path, fragment: str = "") -> dict[str, str]:
    r = chromium("--virtual-time-budget=10000", "--dump-dom", page.resolve().as_uri() + fragment)
    m = re.search(r'<div id="kg-status"([^>]*)>', r.stdout)
    assert m, r.stderr[-2000:]
    return dict(re.findall(r'data-([a-z]+)="([^"]*)"', m.group(1)))


def test_page_draws_every_node_and_edge_and_search_focuses(seed_out, seed_graph):
    page = seed_out / "viewer.html"
    st = status(page, "#search=Ned%20Price")
    g = seed_graph.to_networkx()
    assert st["drawn"] == "1"
    assert st["errors"] == "0"
    assert int(st["nodes"]) == g.number_of_nodes()
    assert int(st["edges"]) == g.number_of_edges()
    assert st["focused"] == "Ned Price"


def test_search_by_alias(seed_out):
    assert status(seed_out / "viewer.html", "#search=Biden")["focused"] == "Joe Biden"


def test_screenshot_for_people(seed_out):
    shot = ROOT / "output" / "viewer-screenshot.png"
    shot.parent.mkdir(exist_ok=True)
    chromium("--window-size=1400,900", "--virtual-time-budget=10000", f"--screenshot={shot}",
             (seed_out / "viewer.html").resolve().as_uri() + "#search=Ned%20Price")
    assert shot.exists() and shot.stat().st_size > 10_000


def test_large_graph_draws(tmp_path):
    import networkx as nx

    from kg.viz import write_html

    g = nx.MultiDiGraph()
    base = nx.barabasi_albert_graph(2000, 1, seed=3)
    for n in base:
        g.add_node(f"n{n}", label=f"node {n}", type=["Person", "Organization", "Country"][n % 3], mentions=1)
    for a, b in base.edges:
        g.add_edge(f"n{a}", f"n{b}", predicate="related", sentence="s", document="d")
    page = write_html(g, tmp_path / "big.html")
    st = status(page)
    assert st["drawn"] == "1" and st["errors"] == "0"
    assert (int(st["nodes"]), int(st["edges"])) == (2000, 1999)
