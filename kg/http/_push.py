"""``kg push``: upload every document's named graph to a SPARQL 1.1 Graph Store Protocol endpoint.

Each named graph is sent as N-Triples to ``GRAPH_STORE?graph=IRI``: PUT
replaces the graph on the server (``--replace``), POST adds to it. Large graphs
go in batches (the first PUT, the rest POST). Transient failures (connection
errors, 408, 429, 5xx) are retried with exponential back-off.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable

from pyoxigraph import RdfFormat, Store, serialize

from kg.errors import KGError

__all__ = ["PushSummary", "graph_store_url", "push"]

_RETRY_STATUS = {408, 425, 429, 500, 502, 503, 504}


class PushError(KGError):
    code = "KG500"
    exit_code = 5


@dataclass
class PushSummary:
    graph_store: str
    graphs: int = 0
    triples: int = 0
    requests: int = 0
    retries: int = 0
    per_graph: dict[str, int] = field(default_factory=dict)


def graph_store_url(endpoint: str) -> str:
    """Guess the Graph Store endpoint from a query endpoint (Oxigraph ``/query`` -> ``/store``,
    Fuseki ``/ds/sparql`` or ``/ds/query`` -> ``/ds/data``)."""
    base = endpoint.rstrip("/")
    path = base.split("://", 1)[-1].partition("/")[2]
    if path == "query":  # Oxigraph: /query, /update, /store
        return base[: -len("query")] + "store"
    if path.count("/") == 1 and path.endswith(("/query", "/sparql")):  # Fuseki: /DATASET/query
        return base.rsplit("/", 1)[0] + "/data"
    raise PushError(f"{endpoint}: cannot tell this server's Graph Store endpoint; give it with --graph-store URL")


def _send(client, method: str, url: str, graph: str, body: bytes, summary: PushSummary, retries: int,
          backoff: float) -> None:  # type: ignore[no-untyped-def]
    import httpx

    for attempt in range(retries + 1):
        summary.requests += 1
        try:
            r = client.request(method, url, params={"graph": graph}, content=body,
                               headers={"Content-Type": "application/n-triples"})
        except httpx.TransportError as e:
            err = f"{type(e).__name__}: {e}"
        else:
            if r.status_code < 300:
                return
            if r.status_code not in _RETRY_STATUS:
                raise PushError(f"{url}: the server refused graph {graph} with HTTP {r.status_code}: "
                                f"{r.text.strip()[:200]}")
            err = f"HTTP {r.status_code}"
        if attempt == retries:
            raise PushError(f"{url}: graph {graph} failed after {retries + 1} attempts ({err}); is the server up?")
        summary.retries += 1
        time.sleep(backoff * (2 ** attempt))


def push(store: Store, graph_store: str, *, replace: bool = False, batch_size: int = 50_000, retries: int = 4,
         backoff: float = 0.5, timeout: float = 60.0,
         progress: Callable[[str], None] | None = None) -> PushSummary:
    """Upload every named graph of ``store``; returns what went where."""
    import httpx

    summary = PushSummary(graph_store)
    with httpx.Client(timeout=timeout) as client:
        for g in sorted(store.named_graphs(), key=lambda n: n.value):
            triples = [q.triple for q in store.quads_for_pattern(None, None, None, g)]
            for i in range(0, max(len(triples), 1), batch_size):
                chunk = triples[i:i + batch_size]
                body = serialize(chunk, format=RdfFormat.N_TRIPLES) or b""
                method = "PUT" if (replace and i == 0) else "POST"
                _send(client, method, graph_store, g.value, body, summary, retries, backoff)
            summary.graphs += 1
            summary.triples += len(triples)
            summary.per_graph[g.value] = len(triples)
            if progress:
                progress(f"{g.value}: {len(triples)} triples")
    return summary
