"""The front of ``kg serve``: a thin streaming layer (aiohttp) before the Oxigraph server.

Oxigraph's server has a query timeout but no cap on the number of results; its timeout
covers evaluation, not the sending of the answer; and when the timeout fires after it has
started an answer it has already sent ``200 OK``: the answer ends with the text "The SPARQL
operation has been cancelled" in place of the rest. So ``kg serve`` puts a small layer in
front of it. Every request goes to Oxigraph (the SPARQL Protocol, content negotiation, status
codes are Oxigraph's) and every answer is relayed as it comes, chunk by chunk, never held
whole:

* ``--timeout`` covers the whole exchange, from the request to the last byte of the answer. A
  query stopped before its answer has started is answered ``503`` with a message that says so;
  an answer still being sent at the timeout is ended with that message and without the end of
  the chunked body, so that every HTTP client reports an incomplete answer instead of taking a
  cut one for whole.
* with ``--limit N``, the first N results (SELECT rows, CONSTRUCT/DESCRIBE triples) are counted
  as they arrive, in the format Oxigraph chose; once a result N+1 starts, the answer is closed
  after result N (a JSON or XML answer stays a valid document), marked with the header
  ``KG-Results-Truncated: N``, and the rest is not read. What is held meanwhile is at most those N
  results, whatever the size of the answer. A result that does not parse in its own format while
  being counted is ``502``.
* the prefixes ``kg query`` declares (``kg:``, ``schema:`` …) are declared for queries sent to
  ``/query`` too, unless the query declares them; an undeclared prefix gets a message naming it.
* the service description (``GET /query`` without a query) gives kg's address, not Oxigraph's
  private one.
"""
from __future__ import annotations

import asyncio
import re
import threading
from urllib.parse import parse_qsl, urlencode

from aiohttp import ClientError, ClientSession, ClientTimeout, TCPConnector, web

from kg.graph.namespaces import PREFIXES

__all__ = ["LimitingProxy", "TRUNCATED_HEADER", "cutter"]

TRUNCATED_HEADER = "KG-Results-Truncated"
_CANCELLED = b"The SPARQL operation has been cancelled"  # what Oxigraph writes when its timeout fires mid-answer
_HOLD = 64 * 1024  # bytes held before an answer without a limit is sent on (so a timeout before it is a clean 503)
_HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
               "transfer-encoding", "upgrade", "host", "content-length", "accept-encoding", "content-encoding",
               "expect"}
_DECLARED = re.compile(r"^\s*PREFIX\s+([A-Za-z][\w.-]*)?:", re.IGNORECASE | re.MULTILINE)
_POSITION = re.compile(rb"error at (\d+):")


class NotValid(ValueError):
    """An answer that does not parse in its own format."""


# ---------------------------------------------------------------- counting results as they arrive
class _Lines:
    """One result per line (TSV after its header line, N-Triples, N-Quads); CSV: line ends outside quotes."""

    _QUOTE_OR_LINE = re.compile(rb'["\n]')

    def __init__(self, limit: int, header: int, quoted: bool = False) -> None:
        self.limit, self.need, self.quoted = limit, header + limit, quoted
        self.pos, self.seen, self.in_quotes, self.cut_at = 0, 0, False, -1

    def over(self, buf: bytearray) -> bool:
        if self.cut_at < 0 and self.pos == 0 and buf.count(b"\n") < self.need:
            return False  # fewer line ends than results kept: nothing to count yet (a C-speed test)
        if self.cut_at < 0:
            if self.quoted:
                for m in self._QUOTE_OR_LINE.finditer(buf, self.pos):
                    if m.group() == b'"':
                        self.in_quotes = not self.in_quotes
                    elif not self.in_quotes:
                        self.seen += 1
                        if self.seen == self.need:
                            self.cut_at = m.end()
                            break
                else:
                    self.pos = len(buf)
                    return False
            else:
                while self.seen < self.need:
                    i = buf.find(b"\n", self.pos)
                    if i < 0:
                        self.pos = len(buf)
                        return False
                    self.seen, self.pos = self.seen + 1, i + 1
                self.cut_at = self.pos
        return bool(bytes(buf[self.cut_at:]).strip())  # a result after the limit has started

    def cut(self, buf: bytearray) -> bytes:
        return bytes(buf[:self.cut_at])

    def check_end(self, buf: bytearray) -> None:
        pass


class _Json:
    """SPARQL JSON results: the objects of the ``bindings`` array."""

    _TOKEN = re.compile(rb'["\[\]{}]')
    _STRING_END = re.compile(rb'(?:[^"\\]|\\.)*"', re.DOTALL)

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.pos, self.stack, self.last_string = 0, [], b""
        self.bindings_depth, self.count, self.cut_at, self.closing = -1, 0, -1, b""
        self.started_more = False

    def over(self, buf: bytearray) -> bool:
        if self.started_more:
            return True
        if self.pos == 0 and buf.count(b"{") <= self.limit + 3:
            return False  # each result opens a "{", and the document 3 more: cannot be over yet (a C-speed test)
        return self._scan(buf)

    def _scan(self, buf: bytearray) -> bool:
        view = buf  # scanned in place, from where the last chunk's scan stopped
        while True:
            m = self._TOKEN.search(view, self.pos)
            if m is None:
                self.pos = len(view)
                return False
            c = m.group()
            if c == b'"':
                end = self._STRING_END.match(view, m.end())
                if end is None:  # the string goes on in the next chunk
                    self.pos = m.start()
                    return False
                self.last_string = view[m.end():end.end() - 1]
                self.pos = end.end()
                continue
            self.pos = m.end()
            if c in b"[{":
                if c == b"[" and self.last_string == b"bindings" and self.bindings_depth < 0:
                    self.bindings_depth = len(self.stack) + 1
                elif c == b"{" and len(self.stack) == self.bindings_depth and self.count >= self.limit:
                    self.started_more = True
                    return True
                self.stack.append(c)
            else:
                if not self.stack or (self.stack[-1] == b"[") != (c == b"]"):
                    raise NotValid(f"unbalanced {c.decode()} at byte {m.start()}")
                self.stack.pop()
                if len(self.stack) == self.bindings_depth and c == b"}":
                    self.count += 1
                    if self.count == self.limit:
                        self.cut_at = self.pos
                        self.closing = b"".join(b"]" if o == b"[" else b"}" for o in reversed(self.stack))

    def cut(self, buf: bytearray) -> bytes:
        return bytes(buf[:self.cut_at]) + self.closing

    def check_end(self, buf: bytearray) -> None:
        if self.pos == 0:  # never scanned: balanced brackets closing the document are enough, else scan it
            if buf.rstrip().endswith(b"}") and buf.count(b"{") == buf.count(b"}") and buf.count(b"[") == buf.count(b"]"):
                return
            self.limit = 1 << 62
            self._scan(buf)
        if self.stack:
            raise NotValid("the document ends inside an object or array")


class _Xml:
    """SPARQL XML results: the ``<result>`` elements."""

    _START = re.compile(rb"<result[\s>]")

    def __init__(self, limit: int) -> None:
        self.limit, self.pos, self.count, self.cut_at = limit, 0, 0, -1

    def over(self, buf: bytearray) -> bool:
        if self.cut_at < 0 and self.pos == 0 and buf.count(b"</result>") < self.limit:
            return False  # fewer results than kept: nothing to count yet (a C-speed test)
        if self.cut_at < 0:
            while self.count < self.limit:
                i = buf.find(b"</result>", self.pos)
                if i < 0:
                    self.pos = max(0, len(buf) - len(b"</result>"))
                    return False
                self.count, self.pos = self.count + 1, i + len(b"</result>")
            self.cut_at = self.pos
        return self._START.search(bytes(buf[self.cut_at:])) is not None

    def cut(self, buf: bytearray) -> bytes:
        return bytes(buf[:self.cut_at]) + b"</results></sparql>"

    def check_end(self, buf: bytearray) -> None:
        if b"</sparql>" not in buf[-64:]:
            raise NotValid("the document does not end with </sparql>")


class _Rdf:
    """Other RDF syntaxes (Turtle, TriG, RDF/XML …): the triples pyoxigraph reads from what has arrived;
    read again each time what has arrived has doubled, so reading stays linear in the answer."""

    def __init__(self, limit: int, media: str) -> None:
        import pyoxigraph as ox

        self.ox, self.fmt, self.limit = ox, ox.RdfFormat.from_media_type(media), limit
        self.next_parse = 4096
        self.quads: list = []  # type: ignore[type-arg]

    def _parse(self, data: bytes, complete: bool) -> list:  # type: ignore[type-arg]
        out = []
        try:
            for q in self.ox.parse(data, self.fmt):
                out.append(q)
                if len(out) > self.limit:
                    break
        except SyntaxError as e:
            if complete:
                raise NotValid(str(e)) from None
        return out

    def over(self, buf: bytearray) -> bool:
        if len(buf) < self.next_parse:
            return False
        self.next_parse = 2 * len(buf)
        self.quads = self._parse(bytes(buf), complete=False)
        return len(self.quads) > self.limit

    def cut(self, buf: bytearray) -> bytes:
        kept = self.quads[:self.limit]
        if not self.fmt.supports_datasets:
            kept = [self.ox.Triple(q.subject, q.predicate, q.object) for q in kept]
        return self.ox.serialize(kept, format=self.fmt) or b""

    def check_end(self, buf: bytearray) -> None:
        self.quads = self._parse(bytes(buf), complete=True)

    def over_at_end(self) -> bool:
        return len(self.quads) > self.limit


def cutter(content_type: str, limit: int):  # type: ignore[no-untyped-def]
    """The counter for answers of this media type, or None for what is not a list of results.

    >>> c = cutter("text/tab-separated-values", 1)
    >>> buf = bytearray(b"?x\\n<http://a>\\n<http://b>\\n")
    >>> c.over(buf), c.cut(buf)
    (True, b'?x\\n<http://a>\\n')
    """
    media = content_type.split(";")[0].strip().lower()
    if media == "application/sparql-results+json":
        return _Json(limit)
    if media == "application/sparql-results+xml":
        return _Xml(limit)
    if media == "text/csv":
        return _Lines(limit, 1, quoted=True)
    if media == "text/tab-separated-values":
        return _Lines(limit, 1)
    if media in ("application/n-triples", "application/n-quads"):
        return _Lines(limit, 0)
    try:
        import pyoxigraph as ox

        if ox.RdfFormat.from_media_type(media) is not None:
            return _Rdf(limit, media)
    except ValueError:
        pass
    return None


# ---------------------------------------------------------------- the query text: kg's prefixes
def with_prefixes(query: str) -> tuple[str, int]:
    """``query`` with kg's prefixes declared where it does not declare them; (text, lines added)."""
    declared = {m.group(1) or "" for m in _DECLARED.finditer(query)}
    missing = [f"PREFIX {k}: <{v}>" for k, v in PREFIXES.items() if k not in declared]
    return (" ".join(missing) + "\n" + query, 1) if missing else (query, 0)


class _Front:
    def __init__(self, upstream: str, limit: int, timeout_s: float) -> None:
        self.upstream = upstream.rstrip("/")
        self.limit = limit
        self.timeout_s = timeout_s
        self.session: ClientSession | None = None

    async def start(self) -> None:
        self.session = ClientSession(connector=TCPConnector(limit=64, force_close=False),
                                     timeout=ClientTimeout(total=None), auto_decompress=False,
                                     skip_auto_headers=("User-Agent", "Accept-Encoding", "Content-Type"))

    async def close(self) -> None:
        if self.session is not None:
            await self.session.close()

    def _message(self, status: int, text: str) -> web.Response:
        return web.Response(status=status, text=f"kg serve: {text}\n", content_type="text/plain", charset="utf-8")

    def _timeout_text(self) -> str:
        return (f"the query stopped at the {self.timeout_s:g} s timeout before its answer was complete; narrow it "
                f"(LIMIT, more specific patterns) or start kg serve with a larger --timeout")

    async def handle(self, request: web.Request) -> web.StreamResponse:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout_s
        body = await request.read()
        headers = {k: v for k, v in request.headers.items() if k.lower() not in _HOP_BY_HOP}
        url = self.upstream + request.path_qs
        query, shift = None, 0
        if request.path == "/query":
            url, body, query, shift = self._declare_prefixes(request, url, body)
        state: dict[str, web.StreamResponse] = {}
        assert self.session is not None
        try:
            async with asyncio.timeout_at(deadline):
                async with self.session.request(request.method, url, data=body or None, headers=headers,
                                                allow_redirects=False) as up:
                    return await self._relay(request, up, query, shift, state)
        except TimeoutError:
            resp = state.get("streaming")
            if resp is None:
                return self._message(503, self._timeout_text())
            return await self._abort(request, resp)
        except ClientError as e:
            if "streaming" in state:
                return await self._abort(request, state["streaming"], f"the SPARQL engine stopped answering: {e}")
            return self._message(502, f"the SPARQL engine did not answer: {e}")

    def _declare_prefixes(self, request: web.Request, url: str, body: bytes) -> tuple[str, bytes, str | None, int]:
        ctype = request.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if request.method == "GET" and "query" in request.query:
            text, shift = with_prefixes(request.query["query"])
            params = [(k, text if k == "query" else v) for k, v in request.query.items()]
            return f"{self.upstream}{request.path}?{urlencode(params)}", body, request.query["query"], shift
        if request.method == "POST" and ctype == "application/sparql-query":
            original = body.decode("utf-8", "replace")
            text, shift = with_prefixes(original)
            return url, text.encode("utf-8"), original, shift
        if request.method == "POST" and ctype == "application/x-www-form-urlencoded":
            params = parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)
            original = next((v for k, v in params if k == "query"), None)
            if original is not None:
                text, shift = with_prefixes(original)
                params = [(k, text if k == "query" else v) for k, v in params]
                return url, urlencode(params).encode("ascii"), original, shift
        return url, body, None, 0

    async def _relay(self, request: web.Request, up, query: str | None, shift: int,  # type: ignore[no-untyped-def]
                     state: dict[str, web.StreamResponse]) -> web.StreamResponse:
        out = {k: v for k, v in up.headers.items() if k.lower() not in _HOP_BY_HOP}
        if request.path == "/query" and query is None and up.status == 200:  # the service description
            data = await up.read()
            public = f"{request.scheme}://{request.host}"
            return web.Response(status=200, body=data.replace(self.upstream.encode(), public.encode()), headers=out)
        if request.path == "/query" and query is not None and up.status == 400:
            return web.Response(status=400, text=_parse_error(query, await up.read(), shift),
                                content_type="text/plain", charset="utf-8")
        counter = cutter(up.headers.get("Content-Type", ""), self.limit) \
            if self.limit > 0 and request.path == "/query" and up.status == 200 else None
        buf = bytearray()
        resp: web.StreamResponse | None = None
        try:
            async for chunk in up.content.iter_any():
                if resp is not None:  # streaming: keep back what could be the start of Oxigraph's cancel message
                    buf += chunk
                    if len(buf) > 2 * len(_CANCELLED):
                        await resp.write(bytes(buf[:-len(_CANCELLED)]))
                        del buf[:-len(_CANCELLED)]
                    continue
                buf += chunk
                if counter is not None:
                    if counter.over(buf):
                        out[TRUNCATED_HEADER] = str(self.limit)
                        return web.Response(status=up.status, body=counter.cut(buf), headers=out)
                elif len(buf) >= _HOLD:  # a long answer without a limit: send it on as it comes
                    resp = state["streaming"] = web.StreamResponse(status=up.status, headers=out)
                    await resp.prepare(request)
            if resp is not None:
                if buf.rstrip().endswith(_CANCELLED):
                    return await self._abort(request, resp)
                await resp.write(bytes(buf))
                await resp.write_eof()
                return resp
            if up.status == 200 and request.path == "/query" and buf.rstrip().endswith(_CANCELLED):
                return self._message(503, self._timeout_text())
            if counter is not None:
                counter.check_end(buf)
                if isinstance(counter, _Rdf) and counter.over_at_end():
                    out[TRUNCATED_HEADER] = str(self.limit)
                    return web.Response(status=up.status, body=counter.cut(buf), headers=out)
            return web.Response(status=up.status, body=bytes(buf), headers=out)
        except NotValid as e:
            return self._message(502, f"the SPARQL engine's answer is not valid {up.headers.get('Content-Type', '')} "
                                      f"({e}); try the query again")

    async def _abort(self, request: web.Request, resp: web.StreamResponse, why: str | None = None) -> web.StreamResponse:
        """End an answer already under way so that no client takes it for complete: the reason as the
        last bytes, then the connection closed before the chunked body's end."""
        try:
            await resp.write(f"\n\nkg serve: {why or self._timeout_text()}\n".encode())
        except ConnectionError:
            pass
        if request.transport is not None:
            request.transport.close()
        return resp


def _parse_error(query: str, message: bytes, shift: int) -> str:
    """Oxigraph's parse error for ``query``, with lines counted as the user wrote them and an unknown
    prefix named."""
    from kg.query.sparql import syntax_message

    text = message.decode("utf-8", "replace")
    if shift:
        text = _POSITION.sub(lambda m: b"error at %d:" % (int(m.group(1)) - shift), message).decode("utf-8", "replace")
    return syntax_message(query, text) + "\n"


class LimitingProxy:
    """Listen on ``(host, port)`` and relay to ``upstream`` (``http://127.0.0.1:PORT``), streaming answers,
    capping them at ``limit`` results (0: no cap) and ending them at ``timeout_s``.

    Runs its own event loop in :meth:`serve_forever` (in a thread of its own, as kg serve does);
    :meth:`shutdown` stops it. ``server_address`` is where it listens."""

    def __init__(self, host: str, port: int, upstream: str, limit: int, timeout_s: float) -> None:
        import socket

        self.front = _Front(upstream, limit, timeout_s)
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self._sock = socket.socket(family, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            self._sock.bind((host, port))
            self._sock.listen(512)
        except OSError:
            self._sock.close()
            raise
        self.server_address = self._sock.getsockname()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._done = threading.Event()

    def serve_forever(self) -> None:
        asyncio.run(self._serve())

    async def _serve(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        await self.front.start()
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/{tail:.*}", self.front.handle)
        runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await runner.setup()
        site = web.SockSite(runner, self._sock)
        await site.start()
        try:
            await self._stop.wait()
        finally:
            await runner.cleanup()
            await self.front.close()
            self._done.set()

    def shutdown(self) -> None:
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
            self._done.wait(timeout=10)

    def server_close(self) -> None:
        self._sock.close()
