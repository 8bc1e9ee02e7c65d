"""kg serve answers like the in-process store; kg push fills a real Oxigraph server."""
from __future__ import annotations

import subprocess
import sys
import time

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


def _serve(store, *args):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--store", str(store), "--port", str(port),
                             *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/query"
    try:
        wait_up(url, proc)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@pytest.fixture
def served(seed_out):
    yield from _serve(seed_out)


@pytest.fixture
def served_limited(seed_out):
    yield from _serve(seed_out, "--limit", "3")


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
    assert (cmd.host, cmd.port) == ("127.0.0.1", 7878)
    assert "serve-read-only" in cmd.argv
    assert cmd.url == "http://127.0.0.1:7878/query"
    assert cmd.argv[cmd.argv.index("--bind") + 1] == cmd.upstream != "127.0.0.1:7878"  # behind kg's front
    assert server_command(seed_out, limit=10).limit == 10


LABELS = "SELECT ?e ?l WHERE { ?e rdfs:label ?l } ORDER BY ?l"
GRAPH = "CONSTRUCT { ?e rdfs:label ?l } WHERE { ?e rdfs:label ?l }"


@pytest.mark.parametrize("accept", ["application/sparql-results+json", "application/sparql-results+xml",
                                    "text/csv", "text/tab-separated-values"])
def test_serve_limits_rows_in_every_format(served_limited, seed_graph, accept):
    import pyoxigraph as ox

    q = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> " + LABELS
    r = httpx.get(served_limited, params={"query": q}, headers={"Accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(accept)
    assert r.headers["KG-Results-Truncated"] == "3"
    if accept == "text/csv":  # plain values, lossy: read it as CSV
        import csv
        import io

        rows = list(csv.reader(io.StringIO(r.text, newline="")))[1:]
        expected = [[x["e"], x["l"]] for x in seed_graph.sparql(LABELS).values()][:3]
    else:
        fmt = ox.QueryResultsFormat.from_media_type(accept)
        rows = [[str(s[v]) for v in ("e", "l")] for s in ox.parse_query_results(r.content, fmt)]
        expected = [[f"<{x['e']}>", f'"{x["l"]}"'] for x in seed_graph.sparql(LABELS).values()][:3]
    assert len(rows) == 3 and rows == expected


@pytest.mark.parametrize("accept", ["text/turtle", "application/n-triples"])
def test_serve_limits_triples(served_limited, accept):
    import pyoxigraph as ox

    q = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> " + GRAPH
    r = httpx.get(served_limited, params={"query": q}, headers={"Accept": accept})
    assert r.status_code == 200 and r.headers["KG-Results-Truncated"] == "3"
    assert len(list(ox.parse(r.content, ox.RdfFormat.from_media_type(accept)))) == 3


def test_serve_limit_leaves_short_answers_and_errors_alone(served_limited):
    r = httpx.get(served_limited, params={"query": "SELECT (1 AS ?one) WHERE {}"},
                  headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200 and "KG-Results-Truncated" not in r.headers
    assert r.json()["results"]["bindings"] == [{"one": {"type": "literal", "value": "1",
                                                        "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}]
    r = httpx.post(served_limited, content="SELECT ?x WHERE { ?x }", headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 400 and r.text
    r = httpx.post(served_limited.replace("/query", "/update"), content="DROP ALL",
                   headers={"Content-Type": "application/sparql-update"})
    assert r.status_code >= 400


# every triple against every triple against every triple, none kept: far more work than a second holds,
# and no answer rows piling up meanwhile
_ENDLESS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i FILTER(STRLEN(CONCAT(STR(?c), STR(?f), STR(?i))) < 0) }"


@pytest.mark.parametrize("accept", ["application/sparql-results+json", "text/csv"])
def test_a_query_the_timeout_stops_is_an_error_not_a_broken_answer(seed_out, accept):
    # Oxigraph has sent 200 and the head of the answer when its timeout fires, then writes a message
    # in place of the rows: kg's front turns that into a 503 that says what happened
    for url in _serve(seed_out, "--timeout", "1", "--limit", "0"):
        r = httpx.get(url, params={"query": _ENDLESS}, headers={"Accept": accept}, timeout=120)
        assert r.status_code == 503, r.text[:200]
        assert "timeout" in r.text and "--timeout" in r.text


def test_an_answer_that_does_not_parse_is_a_502():
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from kg.http._limit import LimitingProxy

    class Broken(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - stdlib name
            body = b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":'
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    upstream = ThreadingHTTPServer(("127.0.0.1", 0), Broken)
    proxy = LimitingProxy("127.0.0.1", 0, f"http://127.0.0.1:{upstream.server_address[1]}", 10, 5)
    for server in (upstream, proxy):
        threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        r = httpx.get(f"http://127.0.0.1:{proxy.server_address[1]}/query", params={"query": "SELECT ?x {}"})
        assert r.status_code == 502 and "not valid" in r.text
    finally:
        for server in (proxy, upstream):
            server.shutdown()
            server.server_close()


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


def test_serve_prints_the_address_to_call_and_not_oxigraphs_private_one(seed_out):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--store", str(seed_out), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_up(f"http://127.0.0.1:{port}/query", proc)
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=20)
    assert f"http://127.0.0.1:{port}/query" in err
    assert "Listening for requests" not in err, err


def test_serve_on_an_address_it_cannot_bind_is_a_one_line_error(seed_out):
    r = subprocess.run([sys.executable, "-m", "kg.cli", "serve", "--store", str(seed_out), "--host", "256.1.1.1"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and "cannot listen there" in r.stderr
    assert "Traceback" not in r.stderr


# every quad against every quad against every quad: rows come at once and never stop
_HUGE = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def test_a_huge_answer_is_cut_while_it_streams(served_limited):
    # the answer would be billions of rows: the front cuts it after 3, as a whole JSON document
    r = httpx.get(served_limited, params={"query": _HUGE}, headers={"Accept": "application/sparql-results+json"},
                  timeout=300)
    assert r.status_code == 200 and r.headers["KG-Results-Truncated"] == "3"
    assert len(r.json()["results"]["bindings"]) == 3


def test_an_answer_still_streaming_at_the_timeout_ends_as_an_error(seed_out):
    """No result limit, so rows flow to the client; at the timeout the answer is ended without the
    end of its chunked body (every client sees an incomplete answer) and with the reason."""
    for url in _serve(seed_out, "--timeout", "2", "--limit", "0"):
        tail, received = b"", 0
        with pytest.raises(httpx.RemoteProtocolError):
            with httpx.stream("GET", url, params={"query": _HUGE}, headers={"Accept": "text/tab-separated-values"},
                              timeout=300) as r:
                assert r.status_code == 200
                for chunk in r.iter_raw():
                    received += len(chunk)
                    tail = (tail + chunk)[-400:]
        assert received > 64 * 1024  # it was streaming, not held
        assert b"kg serve: the query stopped at the 2 s timeout" in tail


def test_serve_declares_kgs_prefixes_and_names_an_unknown_one(served, seed_graph):
    q = "SELECT ?l WHERE { ?p a schema:Person ; rdfs:label ?l } ORDER BY ?l"
    for r in (httpx.get(served, params={"query": q}, headers={"Accept": "application/sparql-results+json"}),
              httpx.post(served, data={"query": q}, headers={"Accept": "application/sparql-results+json"}),
              httpx.post(served, content=q, headers={"Content-Type": "application/sparql-query",
                                                     "Accept": "application/sparql-results+json"})):
        assert r.status_code == 200, r.text
        assert [b["l"]["value"] for b in r.json()["results"]["bindings"]] == [x["l"] for x in seed_graph.sparql(q)]
    r = httpx.get(served, params={"query": "SELECT ?x WHERE {\n  ?x a foo:Person }"})
    assert r.status_code == 400
    assert r.text.startswith("unknown prefix foo: in line 2") and "known: kg, schema" in r.text, r.text
    r = httpx.get(served, params={"query": "SELECT ?x WHERE {\n  ?x }"})  # positions as the user wrote them
    assert r.status_code == 400 and "line 2" in r.text, r.text


def test_the_service_description_gives_kgs_address(served):
    port = served.split(":")[2].split("/")[0]
    for url in (served,):
        r = httpx.get(url, headers={"Accept": "application/n-triples"})
        assert r.status_code == 200
        assert f"<http://127.0.0.1:{port}/query>" in r.text and "sparql-service-description#endpoint" in r.text
        endpoints = [line for line in r.text.splitlines() if "#endpoint>" in line]
        assert endpoints and all(f"127.0.0.1:{port}/" in line for line in endpoints), endpoints


@pytest.mark.parametrize("chunk", [1, 7, 4096])
def test_the_result_counter_cuts_at_the_nth_result_whatever_the_chunks(chunk):
    """Values holding brackets, quotes and line breaks; answers arriving in chunks of any size."""
    import json

    from kg.http._limit import NotValid, cutter

    def run(media, body, limit):
        c, buf = cutter(media, limit), bytearray()
        for i in range(0, len(body), chunk):
            buf += body[i:i + chunk]
            if c.over(buf):
                return "cut", c.cut(buf)
        c.check_end(buf)
        return "whole", bytes(buf)

    rows = [{"x": {"type": "literal", "value": 'a}{"[\n' + str(i)}} for i in range(5)]
    doc = json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": rows}}).encode()
    for limit in (1, 3, 4, 5, 6):
        kind, body = run("application/sparql-results+json", doc, limit)
        assert kind == ("cut" if limit < 5 else "whole")
        assert json.loads(body)["results"]["bindings"] == rows[:limit]
    with pytest.raises(NotValid):
        run("application/sparql-results+json", doc[:-9], 10)
    csv = b'x\r\n"a\r\n""b"\r\nc\r\nd\r\n'
    assert run("text/csv", csv, 2) == ("cut", b'x\r\n"a\r\n""b"\r\nc\r\n')
    assert run("text/csv", csv, 3) == ("whole", csv)
    xml = (b'<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#"><head><variable name="x"/>'
           b"</head><results>" + b"".join(b'<result><binding name="x"><literal>%d</literal></binding></result>' % i
                                          for i in range(4)) + b"</results></sparql>")
    kind, body = run("application/sparql-results+xml", xml, 2)
    assert kind == "cut" and body.count(b"<result>") == 2 and body.endswith(b"</results></sparql>")
