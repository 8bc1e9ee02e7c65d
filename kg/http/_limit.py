"""The front of ``kg serve``: a thin forwarding layer before the Oxigraph server.

Oxigraph's server has a query timeout but no cap on the number of results, and
when its timeout fires after it has started an answer it has already sent
``200 OK``: the answer ends with the text "The SPARQL operation has been
cancelled" in place of the rest (a broken JSON or XML document, a CSV row). So
``kg serve`` puts a small forwarding layer in front of it. Every request goes to
Oxigraph unchanged (the SPARQL Protocol, content negotiation, status codes and
error messages are Oxigraph's), and a successful ``/query`` answer is checked
and cut:

* an answer the timeout broke off becomes ``503`` with a message that says so;
* with ``--limit N``, an answer with more than N results (SELECT rows,
  CONSTRUCT/DESCRIBE triples) is cut to its first N, in the format Oxigraph
  chose, and marked with the header ``KG-Results-Truncated: N``; an answer
  that does not parse in its own format while being cut becomes ``502``.
"""
from __future__ import annotations

import csv
import io
import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import islice
from xml.etree import ElementTree

import httpx

__all__ = ["LimitingProxy", "truncate"]

_SRX = "http://www.w3.org/2005/sparql-results#"
_HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
               "transfer-encoding", "upgrade", "host", "content-length", "accept-encoding", "content-encoding",
               "expect"}
TRUNCATED_HEADER = "KG-Results-Truncated"
_CANCELLED = b"The SPARQL operation has been cancelled"  # what Oxigraph writes when its timeout fires mid-answer


def truncate(body: bytes, content_type: str, limit: int) -> tuple[bytes, bool]:
    """Keep the first ``limit`` results of a SPARQL answer in its own format; (body, whether cut).

    >>> truncate(b"?x\\n<http://a>\\n<http://b>\\n", "text/tab-separated-values", 1)
    (b'?x\\n<http://a>\\n', True)
    """
    media = content_type.split(";")[0].strip().lower()
    if limit <= 0:
        return body, False
    if media == "application/sparql-results+json":
        data = json.loads(body)
        rows = data.get("results", {}).get("bindings")
        if rows is None or len(rows) <= limit:
            return body, False
        data["results"]["bindings"] = rows[:limit]
        return json.dumps(data, ensure_ascii=False).encode("utf-8"), True
    if media == "application/sparql-results+xml":
        ElementTree.register_namespace("", _SRX)
        root = ElementTree.fromstring(body)
        results = root.find(f"{{{_SRX}}}results")
        if results is None or len(results) <= limit:
            return body, False
        for extra in list(results)[limit:]:
            results.remove(extra)
        return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True), True
    if media == "text/csv":  # values may hold quoted line breaks: parse, do not split lines
        rows = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
        if len(rows) - 1 <= limit:
            return body, False
        out = io.StringIO()
        csv.writer(out, lineterminator="\r\n").writerows(rows[: limit + 1])
        return out.getvalue().encode("utf-8"), True
    if media in ("text/tab-separated-values", "application/n-triples", "application/n-quads"):
        # one result per line (line breaks inside terms are escaped in these formats)
        lines = body.splitlines(keepends=True)
        head = 1 if media == "text/tab-separated-values" else 0
        if len(lines) - head <= limit:
            return body, False
        return b"".join(lines[: head + limit]), True
    return _truncate_rdf(body, media, limit)


def _truncate_rdf(body: bytes, media: str, limit: int) -> tuple[bytes, bool]:
    import pyoxigraph as ox

    fmt = ox.RdfFormat.from_media_type(media)
    if fmt is None:
        return body, False  # not a result format (an HTML page, a boolean): as it is
    quads = list(islice(ox.parse(body, fmt), limit + 1))
    if len(quads) <= limit:
        return body, False
    kept = quads[:limit]
    if not fmt.supports_datasets:
        kept = [ox.Triple(q.subject, q.predicate, q.object) for q in kept]  # type: ignore[misc]
    return ox.serialize(kept, format=fmt), True


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: "LimitingProxy"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass  # Oxigraph has no access log either; keep the terminal quiet

    def _body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            parts = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass  # trailers
                    return b"".join(parts)
                parts.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _forward(self) -> None:
        body = self._body()
        headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
        try:
            r = self.server.client.request(self.command, self.server.upstream + self.path, content=body,
                                           headers=headers)
        except httpx.HTTPError as e:
            self._fail(502, f"the SPARQL engine did not answer: {e}")
            return
        content = r.content
        out_headers = {k: v for k, v in r.headers.items() if k.lower() not in _HOP_BY_HOP}
        if r.status_code == 200 and self.path.split("?")[0] == "/query":
            if content.rstrip().endswith(_CANCELLED):
                self._fail(503, f"the query stopped at the {self.server.timeout_s:g} s timeout before its answer "
                                f"was complete; narrow it (LIMIT, more specific patterns) or start kg serve with a "
                                f"larger --timeout")
                return
            try:
                content, cut = truncate(content, r.headers.get("content-type", ""), self.server.limit)
            except (ValueError, ElementTree.ParseError, csv.Error, SyntaxError) as e:
                self._fail(502, f"the SPARQL engine's answer is not valid {r.headers.get('content-type', '')} "
                                f"({e}); try the query again")
                return
            if cut:
                out_headers[TRUNCATED_HEADER] = str(self.server.limit)
        self._reply(r.status_code, content, out_headers)

    def _fail(self, status: int, message: str) -> None:
        self._reply(status, f"kg serve: {message}\n".encode(), {"Content-Type": "text/plain; charset=utf-8"})

    def _reply(self, status: int, content: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(content)

    do_GET = do_POST = do_HEAD = do_PUT = do_DELETE = do_OPTIONS = do_PATCH = _forward


class LimitingProxy(ThreadingHTTPServer):
    """Listen on ``(host, port)`` and forward to ``upstream`` (``http://127.0.0.1:PORT``), checking answers and
    capping them at ``limit`` results (0: no cap)."""

    daemon_threads = True

    def __init__(self, host: str, port: int, upstream: str, limit: int, timeout_s: float) -> None:
        if ":" in host:
            import socket

            self.address_family = socket.AF_INET6
        super().__init__((host, port), _Handler)
        self.upstream = upstream.rstrip("/")
        self.limit = limit
        self.timeout_s = timeout_s
        self.client = httpx.Client(timeout=timeout_s + 30, limits=httpx.Limits(max_connections=64))

    def server_close(self) -> None:
        super().server_close()
        client = getattr(self, "client", None)  # absent when binding failed in __init__
        if client is not None:
            client.close()
