"""kg serve answers like the in-process store; kg push fills a real Oxigraph server."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from conftest import ROOT
from kg.http import free_port, graph_store_url, server_command

QUERIES = sorted((ROOT / "ontology" / "queries").glob("*.rq"))


def wait_up(url: str, proc: subprocess.Popen) -> None:
    """Poll until the server answers (bounded: 200 tries), or fail with its output."""
    for _ in range(200):
        if proc.poll() is not None:
            raise AssertionError(f"server exited: {proc.stderr.read() if proc.stderr else ''}")
        try:
            httpx.get(url, params={"query": "ASK {}"}, timeout=1.0)
            return
        except httpx.TransportError:
            time.sleep(0.05)
    raise AssertionError("server did not come up")


@pytest.fixture
def served(seed_out):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--store", str(seed_out), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/query"
    try:
        wait_up(url, proc)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def _canon(rows):
    return sorted(tuple(sorted((k, v) for k, v in r.items() if v is not None)) for r in rows)


@pytest.mark.parametrize("rq", QUERIES, ids=[q.stem for q in QUERIES])
def test_serve_answers_like_in_process(served, seed_graph, rq):
    from SPARQLWrapper import JSON, SPARQLWrapper

    text = rq.read_text(encoding="utf-8")
    sw = SPARQLWrapper(served)
    sw.setQuery(text)
    sw.setReturnFormat(JSON)
    remote = sw.query().convert()
    local = seed_graph.sparql(str(rq))
    if local.kind == "ask":
        assert remote["boolean"] == local.boolean
        return
    remote_rows = [{k: v["value"] for k, v in b.items()} for b in remote["results"]["bindings"]]
    assert _canon(remote_rows) == _canon(local.values())


def test_serve_is_read_only_and_reports_bad_queries(served):
    r = httpx.post(served.replace("/query", "/update"), content="DROP ALL",
                   headers={"Content-Type": "application/sparql-update"})
    assert r.status_code >= 400
    r = httpx.get(served, params={"query": "SELECT ?x WHERE { ?x }"})
    assert r.status_code == 400


def test_serve_binds_loopback_by_default(seed_out):
    cmd = server_command(seed_out)
    assert "127.0.0.1:7878" in cmd.argv and "serve-read-only" in cmd.argv


def test_graph_store_url_guess():
    assert graph_store_url("http://localhost:7878/query") == "http://localhost:7878/store"
    assert graph_store_url("http://h:3030/news/sparql") == "http://h:3030/news/data"


def test_push_to_real_oxigraph(seed_out, seed_graph, tmp_path):
    from kg.http._server import oxigraph_binary

    port = free_port()
    proc = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(tmp_path / "remote"),
                             "--bind", f"127.0.0.1:{port}"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    endpoint = f"http://127.0.0.1:{port}/query"
    try:
        wait_up(endpoint, proc)
        for _ in range(2):  # pushing twice with --replace leaves the same graph
            r = subprocess.run([sys.executable, "-m", "kg.cli", "push", "--endpoint", endpoint, "--store", str(seed_out),
                                "--replace"], capture_output=True, text=True, timeout=300)
            assert r.returncode == 0, r.stderr
        count = httpx.get(endpoint, params={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"},
                          headers={"Accept": "application/sparql-results+json"}).json()
        assert int(count["results"]["bindings"][0]["n"]["value"]) == len(seed_graph)
        rq = (ROOT / "ontology/queries/roles.rq").read_text()
        roles = httpx.get(endpoint, params={"query": rq, "union-default-graph": ""},
                          headers={"Accept": "application/sparql-results+json"}).json()
        people = {b["person"]["value"] for b in roles["results"]["bindings"]}
        assert people == {r["person"] for r in seed_graph.sparql("roles").values()}
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_push_fails_clearly_when_server_is_down(seed_out):
    port = free_port()
    r = subprocess.run([sys.executable, "-m", "kg.cli", "push", "--endpoint", f"http://127.0.0.1:{port}/query",
                        "--store", str(seed_out), "--retries", "1"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 5 and "attempts" in r.stderr and len(r.stderr.strip().splitlines()) == 1
