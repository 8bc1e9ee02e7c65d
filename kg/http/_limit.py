"""The front of ``kg serve``: a thin streaming layer before the Oxigraph server.

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

How it stays cheap (every request pays for the front, and the front shares the machine's cores
with the engine): asyncio protocols, on uvloop where it is installed, with httptools (llhttp, in C)
reading HTTP on both sides; no framework, no coroutine or task per request. A request is passed on as
the client sent it, less the hop-by-hop headers (a query is only searched for the prefixes it
declares); an answer is looked at once, by the result counter's C-speed tests (none at all for an
answer too short to hold more results than the limit); connections to Oxigraph are kept open and
reused; the timeout is one clock for all requests under way, not a timer each; a client that reads
slower than Oxigraph writes stops the reading of Oxigraph's answer (backpressure) instead of piling it up.
"""
from __future__ import annotations

import asyncio
import re
import threading
from collections import deque
from http import HTTPStatus
from urllib.parse import quote_plus, unquote_plus, urlsplit

import httptools

from kg.graph.namespaces import PREFIXES

__all__ = ["LimitingProxy", "NotValid", "TRUNCATED_HEADER", "cutter", "with_prefixes"]

TRUNCATED_HEADER = "KG-Results-Truncated"
_CANCELLED = b"The SPARQL operation has been cancelled"  # what Oxigraph writes when its timeout fires mid-answer
_HOLD = 64 * 1024  # bytes held before an answer without a limit is sent on (so a timeout before it is a clean 503)
_MAX_BODY = 64 * 1024 * 1024  # the largest request body taken (a query, a form)
_POOL = 64  # connections to Oxigraph at most; requests beyond wait for one to be free
_IDLE_S = 75.0  # a client connection idle this long (at least half of it) is closed
_HOP_BY_HOP = {b"connection", b"keep-alive", b"proxy-authenticate", b"proxy-authorization", b"proxy-connection",
               b"te", b"trailer", b"transfer-encoding", b"upgrade", b"host", b"content-length", b"accept-encoding",
               b"content-encoding", b"expect"}
_DECLARED = re.compile(r"^\s*PREFIX\s+([A-Za-z][\w.-]*)?:", re.IGNORECASE | re.MULTILINE)
_DECLARED_BYTES = re.compile(rb"^\s*PREFIX\s+([A-Za-z][\w.-]*)?:", re.IGNORECASE | re.MULTILINE)
_POSITION = re.compile(rb"error at (\d+):")
_REASON = {s.value: s.phrase.encode("latin-1") for s in HTTPStatus}


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
        if self.cut_at < 0 and self.pos == 0 and (len(buf) <= self.need or buf.count(b"\n") < self.need):
            return False  # fewer line ends than results kept: nothing to count yet (C-speed tests)
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
        self.opens, self.counted = 0, 0  # "{" in buf[:counted]

    def over(self, buf: bytearray) -> bool:
        if self.started_more:
            return True
        if self.pos == 0:
            if len(buf) <= 2 * self.limit:
                return False  # each result takes a "{" and a "}" at least: cannot be over yet
            self.opens += buf.count(b"{", self.counted)
            self.counted = len(buf)
            if self.opens <= self.limit + 3:
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
        if self.pos == 0:  # never scanned: as many "}" as "{", the last closing the document, is enough, else scan it
            # (an answer cut short leaves its outermost object open, whatever else it holds)
            self.opens += buf.count(b"{", self.counted)
            self.counted = len(buf)
            if buf[-16:].rstrip().endswith(b"}") and self.opens == buf.count(b"}"):
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
        if self.cut_at < 0 and self.pos == 0 and (len(buf) < 9 * self.limit or buf.count(b"</result>") < self.limit):
            return False  # fewer results than kept: nothing to count yet (C-speed tests)
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
    block = _block(frozenset(m.group(1) or "" for m in _DECLARED.finditer(query)))
    return (block.decode("utf-8") + query, 1) if block else (query, 0)


_BLOCKS: dict[frozenset[str], bytes] = {}


def _block(declared: frozenset[str]) -> bytes:
    """The line of kg's prefixes that a query declaring ``declared`` lacks, or b"" (made once per set)."""
    block = _BLOCKS.get(declared)
    if block is None:
        missing = [f"PREFIX {k}: <{v}>" for k, v in PREFIXES.items() if k not in declared]
        block = (" ".join(missing) + "\n").encode("utf-8") if missing else b""
        if len(_BLOCKS) < 256:
            _BLOCKS[declared] = block
    return block


_ALL_PREFIXES = _block(frozenset())
# a header name as sent: 0 passed on, 1 hop-by-hop, 2 Host, 3 Content-Type, 4 Content-Length, 5 Transfer-Encoding
_KINDS: dict[bytes, int] = {}
_KIND = {b"host": 2, b"content-type": 3, b"content-length": 4, b"transfer-encoding": 5}


def _kind(name: bytes) -> int:
    low = name.lower()
    kind = _KIND.get(low) or (1 if low in _HOP_BY_HOP else 0)
    if len(_KINDS) < 512:  # the names clients send are few: remembered as sent, not lowered each time
        _KINDS[name] = kind
    return kind
# the counters for the media types as Oxigraph writes them (others go through cutter())
_COUNTERS = {b"application/sparql-results+json": _Json, b"application/sparql-results+xml": _Xml,
             b"text/tab-separated-values; charset=utf-8": lambda limit: _Lines(limit, 1),
             b"text/csv; charset=utf-8": lambda limit: _Lines(limit, 1, quoted=True),
             b"application/n-triples": lambda limit: _Lines(limit, 0)}


def _declare_in_form(form: bytes) -> tuple[bytes, str | None, int]:
    """A query string or form body with kg's prefixes added to its ``query`` value(s), the rest left as
    sent; (form, the query as the user wrote it or None, lines added)."""
    original, shift, parts = None, 0, form.split(b"&")
    for i, part in enumerate(parts):
        name, eq, value = part.partition(b"=")
        if not eq or unquote_plus(name.decode("latin-1")) != "query":
            continue
        text = unquote_plus(value.decode("latin-1"), encoding="utf-8", errors="replace")
        block = _block(frozenset(m.group(1) or "" for m in _DECLARED.finditer(text)))
        if original is None:
            original, shift = text, 1 if block else 0
        if block:
            parts[i] = name + b"=" + quote_plus(block).encode("ascii") + value
    return (b"&".join(parts) if original is not None else form), original, shift


def _parse_error(query: str, message: bytes, shift: int) -> str:
    """Oxigraph's parse error for ``query``, with lines counted as the user wrote them and an unknown
    prefix named."""
    from kg.query.sparql import syntax_message

    text = message.decode("utf-8", "replace")
    if shift:
        text = _POSITION.sub(lambda m: b"error at %d:" % (int(m.group(1)) - shift), message).decode("utf-8", "replace")
    return syntax_message(query, text) + "\n"


def _message(status: int, text: str) -> tuple[int, list[bytes], bytes]:
    return status, [b"Content-Type: text/plain; charset=utf-8"], f"kg serve: {text}\n".encode("utf-8")


# ---------------------------------------------------------------- the connections to Oxigraph
class _Upstream(asyncio.Protocol):
    """One kept-alive connection to Oxigraph, reading the answer to one exchange at a time."""

    def __init__(self, pool: _Pool) -> None:
        self.pool = pool
        self.transport: asyncio.Transport | None = None
        self.ex: _Exchange | None = None
        self.parser = httptools.HttpResponseParser(self)  # llhttp goes on to the next answer by itself
        self.headers: list[tuple[bytes, bytes]] = []
        self.uses = 0
        self.got = self.head = self.complete = self.until_eof = self.lost = self.paused = self.reusable = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def start(self, ex: _Exchange) -> None:
        self.ex = ex
        ex.conn = self
        self.headers = []
        self.got = self.head = self.complete = self.until_eof = self.reusable = False
        self.uses += 1
        self.transport.write(ex.request)  # type: ignore[union-attr]

    def pause(self) -> None:
        if not self.paused and self.transport is not None:
            self.paused = True
            self.transport.pause_reading()

    def resume(self) -> None:
        if self.paused and self.transport is not None:
            self.paused = False
            self.transport.resume_reading()

    # httptools callbacks
    def on_header(self, name: bytes, value: bytes) -> None:
        self.headers.append((name, value))

    def on_headers_complete(self) -> None:
        ex = self.ex
        if ex is not None:
            self.head = True
            self.until_eof = ex.up_head(self.parser.get_status_code(), self.headers)
            if ex.method == b"HEAD":  # no body follows, whatever the headers say: done, and the connection too
                self.complete = True

    def on_body(self, body: bytes) -> None:
        if self.ex is not None and not self.complete:
            self.ex.up_body(body)

    def on_message_complete(self) -> None:
        self.complete = True
        self.reusable = self.parser.should_keep_alive()  # asked here: llhttp forgets it once the message is done

    # asyncio callbacks
    def data_received(self, data: bytes) -> None:
        ex = self.ex
        if ex is None:  # bytes nobody asked for: the connection is of no further use
            self.pool.discard(self)
            return
        self.got = True
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserError as e:
            if self.ex is ex:
                self.pool.discard(self)
                ex.up_failed(f"its answer is not valid HTTP ({e})")
            return
        if self.complete and self.ex is ex:
            self.ex = ex.conn = None
            if self.reusable and ex.method != b"HEAD":
                self.pool.release(self)
            else:
                self.pool.discard(self)
            ex.up_end()

    def connection_lost(self, exc: Exception | None) -> None:
        self.lost = True
        self.pool.closed(self)
        ex, self.ex = self.ex, None
        if ex is None:
            return
        ex.conn = None
        if self.head and self.until_eof:  # an answer delimited by the end of the connection (HTTP/1.0)
            ex.up_end()
        else:
            ex.up_failed(str(exc) if exc else "it closed the connection", retry=self.uses > 1 and not self.got)


class _Pool:
    """Connections to Oxigraph, kept open between exchanges; at most ``size`` at once."""

    def __init__(self, loop: asyncio.AbstractEventLoop, host: str, port: int, size: int = _POOL) -> None:
        self.loop, self.host, self.port, self.size = loop, host, port, size
        self.idle: list[_Upstream] = []
        self.waiting: deque[_Exchange] = deque()
        self.count = 0  # open or opening

    def acquire(self, ex: _Exchange) -> None:
        idle = self.idle
        while idle:
            conn = idle.pop()  # the most recently used: Oxigraph closes the long-idle ones
            if not conn.lost:
                conn.start(ex)
                return
        if self.count < self.size:
            self.count += 1
            self.loop.create_task(self._open(ex))
        else:
            self.waiting.append(ex)

    async def _open(self, ex: _Exchange) -> None:
        try:
            _, conn = await self.loop.create_connection(lambda: _Upstream(self), self.host, self.port)
        except OSError as e:
            self.count -= 1
            if not ex.done:
                ex.up_failed(e.strerror or str(e))
            self._serve_waiting()
            return
        if ex.done:
            self.release(conn)
        else:
            conn.start(ex)

    def release(self, conn: _Upstream) -> None:
        if conn.paused:
            conn.resume()
        waiting = self.waiting
        while waiting:
            ex = waiting.popleft()
            if not ex.done:
                conn.start(ex)
                return
        self.idle.append(conn)

    def discard(self, conn: _Upstream) -> None:
        """Close a connection whose answer is not read to the end (Oxigraph stops on its next write)."""
        if conn.ex is not None:
            conn.ex.conn = None
            conn.ex = None
        if conn.transport is not None:
            conn.transport.abort()

    def closed(self, conn: _Upstream) -> None:
        self.count -= 1
        try:
            self.idle.remove(conn)
        except ValueError:
            pass
        self._serve_waiting()

    def _serve_waiting(self) -> None:
        while self.waiting and self.count < self.size:
            ex = self.waiting.popleft()
            if not ex.done:
                self.count += 1
                self.loop.create_task(self._open(ex))

    def close(self) -> None:
        for conn in self.idle:
            if conn.transport is not None:
                conn.transport.abort()
        self.idle.clear()


# ---------------------------------------------------------------- one request and its answer
_DESCRIPTION, _PARSE_ERROR, _COUNT, _HOLDING, _HEAD = range(5)
_TEXT = b"Content-Type: text/plain; charset=utf-8"
_KEEP_BACK = len(_CANCELLED)


def _cancelled(buf: bytearray) -> bool:
    """Does the answer end with the message Oxigraph writes when its timeout fires (only its end is looked at)?"""
    return buf[-(_KEEP_BACK + 64):].rstrip().endswith(_CANCELLED)


class _Exchange:
    """A request on its way to Oxigraph and its answer on its way back to the client."""

    __slots__ = ("front", "client", "method", "path", "request", "query", "shift", "keep", "http11", "host",
                 "conn", "done", "retried", "mode", "status", "out", "buf", "counter", "streaming", "deadline")

    def __init__(self, front: _Front, client: _Client, method: bytes, path: bytes, request: bytes,
                 query: str | bytes | None, shift: int, keep: bool, http11: bool, host: bytes) -> None:
        self.front = front
        self.client = client
        self.method = method
        self.path = path
        self.request = request
        self.query = query
        self.shift = shift
        self.keep = keep
        self.http11 = http11
        self.host = host
        self.conn: _Upstream | None = None
        self.done = self.retried = self.streaming = False
        self.mode = _HOLDING
        self.status = 0
        self.buf = bytearray()
        front.watch(self)

    # from the connection to Oxigraph
    def up_head(self, status: int, headers: list[tuple[bytes, bytes]]) -> bool:
        """Note the status and headers; True if the answer's end is the end of the connection."""
        self.status = status
        out, ctype, framed = [], b"", False
        head_only = self.method == b"HEAD"
        for name, value in headers:
            kind = _KINDS.get(name)
            if kind is None:
                kind = _kind(name)
            if kind:
                if kind == 3:
                    ctype = value
                elif kind >= 4:
                    framed = True
                    if head_only and kind == 4:  # HEAD: the length a GET would have
                        out.append(name + b": " + value)
                    continue
                elif kind != 0:
                    continue
            out.append(name + b": " + value)
        self.out = out
        front = self.front
        if head_only:
            self.mode = _HEAD
        elif self.path == b"/query":
            if status == 200:
                if self.query is None:
                    self.mode = _DESCRIPTION
                elif front.limit > 0:
                    make = _COUNTERS.get(ctype)
                    counter = make(front.limit) if make is not None else cutter(ctype.decode("latin-1"), front.limit)
                    if counter is not None:
                        self.mode, self.counter = _COUNT, counter
            elif status == 400 and self.query is not None:
                self.mode = _PARSE_ERROR
        return not framed and status >= 200 and status != 204 and status != 304

    def up_body(self, chunk: bytes) -> None:
        if self.done:
            return
        buf = self.buf
        buf += chunk
        mode = self.mode
        if mode == _COUNT:
            try:
                if self.counter.over(buf):
                    self._cut()
            except NotValid as e:
                self._not_valid(e)
        elif mode == _HOLDING:
            if not self.streaming:
                if len(buf) < _HOLD:
                    return
                self._start_stream()
            if len(buf) > 2 * _KEEP_BACK:  # keep back what could be the start of Oxigraph's cancel message
                self._chunk(bytes(buf[:-_KEEP_BACK]))
                del buf[:-_KEEP_BACK]

    def up_end(self) -> None:
        if self.done:
            return
        buf, mode = self.buf, self.mode
        if self.streaming:
            if _cancelled(buf):
                self._abort(self.front.timeout_text)
                return
            if buf:
                self._chunk(bytes(buf))
            self._end_stream()
        elif mode == _HEAD:
            self._send(self.status, self.out, None)
        elif mode == _DESCRIPTION:
            public = b"http://" + (self.host or self.client.local)
            self._send(200, self.out, bytes(buf).replace(self.front.upstream_url, public))
        elif mode == _PARSE_ERROR:
            query = self.query if isinstance(self.query, str) else (self.query or b"").decode("utf-8", "replace")
            self._send(400, [_TEXT], _parse_error(query, bytes(buf), self.shift).encode("utf-8"))
        elif self.status == 200 and self.path == b"/query" and _cancelled(buf):
            self._send(*_message(503, self.front.timeout_text))
        elif mode == _COUNT:
            counter = self.counter
            try:
                counter.check_end(buf)
            except NotValid as e:
                self._not_valid(e)
                return
            if isinstance(counter, _Rdf) and counter.over_at_end():
                self._cut()
            else:
                self._send(self.status, self.out, buf)
        else:
            self._send(self.status, self.out, buf)

    def up_failed(self, why: str, retry: bool = False) -> None:
        if self.done:
            return
        if retry and not self.retried and self.status == 0 and (self.method == b"GET" or self.path == b"/query"):
            self.retried = True  # a kept-alive connection Oxigraph had closed meanwhile: once more on another
            self.front.pool.acquire(self)
        elif self.streaming:
            self._abort(f"the SPARQL engine stopped answering: {why}")
        else:
            self._send(*_message(502, f"the SPARQL engine did not answer: {why}"))

    # from the clock and the client
    def on_timeout(self) -> None:
        if self.done:
            return
        if self.streaming:
            self._abort(self.front.timeout_text)
        else:
            self._send(*_message(503, self.front.timeout_text))

    def cancel(self) -> None:
        """The client has gone: stop, and stop Oxigraph's work on it."""
        if not self.done:
            self.done = True
            self.buf = self.counter = None
            if self.conn is not None:
                self.front.pool.discard(self.conn)

    # to the client
    def _finish(self, keep: bool) -> None:
        self.done = True
        self.buf = self.counter = None  # the clock holds on to a finished exchange until its next tick: not to this
        if self.conn is not None:  # the answer was not read to its end: that connection cannot serve another
            self.front.pool.discard(self.conn)
        self.client.finished(keep)

    def _head(self, status: int, headers: list[bytes], framing: bytes | None, keep: bool) -> bytes:
        lines = [b"HTTP/1.1 %d %s" % (status, _REASON.get(status, b"Unknown")), *headers]
        if framing is not None:
            lines.append(framing)
        if not keep:
            lines.append(b"Connection: close")
        elif not self.http11:
            lines.append(b"Connection: keep-alive")
        lines.append(b"\r\n")
        return b"\r\n".join(lines)

    def _send(self, status: int, headers: list[bytes], body: bytes | bytearray | None) -> None:
        """A whole answer (``body`` None: the head of an answer to HEAD)."""
        keep = self.keep
        if body is not None:
            framing: bytes | None = b"Content-Length: %d" % len(body)
        else:
            framing = None if any(h[:15].lower() == b"content-length:" for h in headers) else b"Content-Length: 0"
            body = b""
        self.client.write_two(self._head(status, headers, framing, keep), body)
        self._finish(keep)

    def _cut(self) -> None:
        self._send(self.status, [*self.out, b"%s: %d" % (TRUNCATED_HEADER.encode(), self.front.limit)],
                   self.counter.cut(self.buf))

    def _not_valid(self, e: NotValid) -> None:
        ctype = next((h.split(b":", 1)[1].strip().decode("latin-1") for h in self.out
                      if h.lower().startswith(b"content-type:")), "")
        self._send(*_message(502, f"the SPARQL engine's answer is not valid {ctype} ({e}); try the query again"))

    def _start_stream(self) -> None:
        self.streaming = True
        if not self.http11:  # no chunked encoding: the end of the connection ends the answer
            self.keep = False
        framing = b"Transfer-Encoding: chunked" if self.http11 else None
        self.client.write(self._head(self.status, self.out, framing, self.keep))

    def _chunk(self, data: bytes) -> None:
        client = self.client
        client.write(b"%x\r\n%s\r\n" % (len(data), data) if self.http11 else data)
        if client.write_paused and self.conn is not None:  # a client still reading an earlier answer
            self.conn.pause()

    def _end_stream(self) -> None:
        if self.http11:
            self.client.write(b"0\r\n\r\n")
        self._finish(self.keep)

    def _abort(self, why: str) -> None:
        """End an answer already under way so that no client takes it for complete: the reason as the
        last bytes, then the connection closed before the chunked body's end."""
        self._chunk(f"\n\nkg serve: {why}\n".encode("utf-8"))
        self._finish(False)


# ---------------------------------------------------------------- the clients' connections
class _Client(asyncio.Protocol):
    """One client connection: its requests, read with httptools, answered one after the other."""

    def __init__(self, front: _Front) -> None:
        self.front = front
        self.transport: asyncio.Transport | None = None
        self.parser = httptools.HttpRequestParser(self)
        self.queue: deque[tuple] = deque()  # type: ignore[type-arg]  # requests read, not yet answered
        self.ex: _Exchange | None = None
        self.closing = self.reading_paused = self.write_paused = self.too_big = self.expect = self.eof = False
        self.url, self.headers, self.body, self.size = b"", [], [], 0  # type: ignore[var-annotated]
        self.local = b""
        self.last = 0.0  # -1.0: idle at the last sweep

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]
        self.front.clients.add(self)
        sock = transport.get_extra_info("sockname")
        if sock:
            host = f"[{sock[0]}]" if ":" in sock[0] else sock[0]
            self.local = f"{host}:{sock[1]}".encode("ascii")

    def connection_lost(self, exc: Exception | None) -> None:
        self.closing = True
        self.front.clients.discard(self)
        self.queue.clear()
        if self.ex is not None:
            self.ex.cancel()
            self.ex = None

    def data_received(self, data: bytes) -> None:
        self.last = 0.0  # not idle (see _Front._sweep)
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserUpgrade:
            self._refuse(400, "protocol upgrades are not supported")
            return
        except httptools.HttpParserError as e:
            self._refuse(400, f"not a valid HTTP request ({e})")
            return
        if self.ex is None and self.queue:
            self._next()

    def eof_received(self) -> bool:
        """The client has sent all it will send (a half-close): answer what it asked, then close."""
        self.eof = True
        return self.ex is not None or bool(self.queue)

    def pause_writing(self) -> None:  # the client reads slower than Oxigraph writes: stop reading Oxigraph
        self.write_paused = True
        if self.ex is not None and self.ex.conn is not None:
            self.ex.conn.pause()

    def resume_writing(self) -> None:
        self.write_paused = False
        if self.ex is not None and self.ex.conn is not None:
            self.ex.conn.resume()

    # httptools callbacks
    def on_message_begin(self) -> None:
        self.url, self.headers, self.body, self.size, self.too_big, self.expect = b"", [], [], 0, False, False

    def on_url(self, url: bytes) -> None:
        self.url += url

    def on_header(self, name: bytes, value: bytes) -> None:
        self.headers.append((name, value))
        if len(name) == 6 and name.lower() == b"expect" and value.lower() == b"100-continue":
            self.expect = True

    def on_headers_complete(self) -> None:
        if self.expect and self.transport is not None:  # a client waiting for leave to send the body
            self.transport.write(b"HTTP/1.1 100 Continue\r\n\r\n")

    def on_body(self, body: bytes) -> None:
        self.size += len(body)
        if self.size > _MAX_BODY:
            self.too_big = True
            self.body = []
        else:
            self.body.append(body)

    def on_message_complete(self) -> None:
        p, body = self.parser, self.body
        request = (p.get_method(), self.url, self.headers, body[0] if len(body) == 1 else b"".join(body),
                   p.should_keep_alive(), p.get_http_version() == "1.1", self.too_big)
        if self.ex is None and not self.queue and not self.closing:
            self.front.begin(self, *request)
            return
        self.queue.append(request)
        if len(self.queue) > 16 and not self.reading_paused and self.transport is not None:
            self.reading_paused = True  # a client sending request after request without reading the answers
            self.transport.pause_reading()

    # answering
    def _next(self) -> None:
        queue, begin = self.queue, self.front.begin
        while self.ex is None and queue and not self.closing:
            begin(self, *queue.popleft())
        if self.reading_paused and len(queue) <= 4 and not self.closing and self.transport is not None:
            self.reading_paused = False
            self.transport.resume_reading()

    def write(self, data: bytes) -> None:
        if not self.closing:
            self.transport.write(data)  # type: ignore[union-attr]

    def write_two(self, head: bytes, body: bytes | bytearray) -> None:
        if not self.closing:
            self.transport.writelines((head, body))  # type: ignore[union-attr]  # one system call, no copy

    def finished(self, keep: bool) -> None:
        self.ex = None
        if not keep:
            self.close()
        elif self.queue:
            self._next()
        elif self.eof:
            self.close()

    def close(self) -> None:
        if not self.closing:
            self.closing = True
            if self.transport is not None:
                self.transport.close()  # after what is written has gone

    def _refuse(self, status: int, text: str) -> None:
        if self.ex is None:
            _, headers, body = _message(status, text)
            self.write(b"HTTP/1.1 %d %s\r\n%s\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s"
                       % (status, _REASON[status], headers[0], len(body), body))
        self.close()


# ---------------------------------------------------------------- the front
class _Front:
    def __init__(self, loop: asyncio.AbstractEventLoop, upstream: str, limit: int, timeout_s: float) -> None:
        parts = urlsplit(upstream)
        self.loop, self.limit, self.timeout_s = loop, limit, timeout_s
        self.upstream_host = parts.netloc.encode("ascii")
        self.upstream_url = f"{parts.scheme}://{parts.netloc}".encode("ascii")
        self.pool = _Pool(loop, parts.hostname or "127.0.0.1", parts.port or 80)
        self.clients: set[_Client] = set()
        self.timeout_text = (f"the query stopped at the {timeout_s:g} s timeout before its answer was complete; narrow "
                             f"it (LIMIT, more specific patterns) or start kg serve with a larger --timeout")
        self._sweeper = loop.call_later(_IDLE_S / 2, self._sweep)
        # the timeout: exchanges under way, in the order they started, so of their deadlines (one timeout for
        # all), looked at by a clock that ticks while there are some (a timer per request costs more)
        self.pending: list[_Exchange] = []
        self.tick_s = min(0.1, timeout_s / 4)
        self._ticking = False

    def watch(self, ex: _Exchange) -> None:
        ex.deadline = self.loop.time() + self.timeout_s
        self.pending.append(ex)
        if not self._ticking:
            self._ticking = True
            self.loop.call_later(self.tick_s, self._tick)

    def _tick(self) -> None:
        now, pending = self.loop.time(), self.pending
        self.pending = []
        for i, ex in enumerate(pending):
            if ex.deadline > now:  # this one and all after it have time left
                self.pending = [ex for ex in pending[i:] if not ex.done] + self.pending
                break
            if not ex.done:
                ex.on_timeout()
        if self.pending:
            self.loop.call_later(self.tick_s, self._tick)
        else:
            self._ticking = False

    def begin(self, client: _Client, method: bytes, url: bytes, headers: list[tuple[bytes, bytes]], body: bytes,
              keep: bool, http11: bool, too_big: bool) -> None:
        """Pass a request on to Oxigraph, kg's prefixes declared in a query."""
        if too_big:
            client.ex = ex = _Exchange(self, client, method, b"", b"", None, 0, False, http11, b"")
            ex._send(*_message(413, f"the request body is over {_MAX_BODY >> 20} MiB"))
            return
        path, question, qs = url.partition(b"?")
        host = ctype = b""
        lines = []
        for name, value in headers:
            kind = _KINDS.get(name)
            if kind is None:
                kind = _kind(name)
            if kind:
                if kind == 2:
                    host = value
                elif kind == 3:
                    ctype = value
                    lines.append(b"%s: %s\r\n" % (name, value))
                continue
            lines.append(b"%s: %s\r\n" % (name, value))
        query: str | bytes | None = None
        shift = 0
        if path == b"/query":
            if method == b"POST":
                media = ctype if ctype == b"application/sparql-query" else ctype.split(b";", 1)[0].strip().lower()
                if media == b"application/sparql-query":
                    query = body
                    block = _ALL_PREFIXES if b"prefix" not in body.lower() else \
                        _block(frozenset([m.group(1).decode("ascii") if m.group(1) else ""
                                          for m in _DECLARED_BYTES.finditer(body)]))
                    if block:
                        body, shift = block + body, 1
                elif media == b"application/x-www-form-urlencoded":
                    body, query, shift = _declare_in_form(body)
            elif method == b"GET" and qs:
                qs, query, shift = _declare_in_form(qs)
        if body or method == b"POST" or method == b"PUT" or method == b"PATCH":
            lines.append(b"Content-Length: %d\r\n" % len(body))
        request = b"%s %s%s%s HTTP/1.1\r\nHost: %s\r\n%s\r\n%s" % (
            method, path, question, qs, self.upstream_host, b"".join(lines), body)
        client.ex = ex = _Exchange(self, client, method, path, request, query, shift, keep, http11, host)
        self.pool.acquire(ex)

    def _sweep(self) -> None:
        """Close client connections idle for long (a client that went away without closing): those with no
        request under way now and at the last sweep."""
        for client in list(self.clients):
            if client.ex is None and not client.queue:
                if client.last < 0:
                    client.close()
                client.last = -1.0
            else:
                client.last = 0.0
        self._sweeper = self.loop.call_later(_IDLE_S / 2, self._sweep)

    def close(self) -> None:
        self._sweeper.cancel()
        for client in list(self.clients):
            if client.ex is not None:
                client.ex.cancel()
            if client.transport is not None:
                client.transport.abort()
        self.pool.close()


def _new_loop() -> asyncio.AbstractEventLoop:
    """uvloop's event loop where it is installed (several times cheaper per request), else asyncio's."""
    try:
        import uvloop
    except ImportError:
        return asyncio.new_event_loop()
    return uvloop.new_event_loop()  # type: ignore[no-any-return]


class LimitingProxy:
    """Listen on ``(host, port)`` and relay to ``upstream`` (``http://127.0.0.1:PORT``), streaming answers,
    capping them at ``limit`` results (0: no cap) and ending them at ``timeout_s``.

    Runs its own event loop in :meth:`serve_forever` (in a thread of its own, as kg serve does);
    :meth:`shutdown` stops it. ``server_address`` is where it listens."""

    def __init__(self, host: str, port: int, upstream: str, limit: int, timeout_s: float,
                 loop_factory=_new_loop) -> None:  # type: ignore[no-untyped-def]
        import socket

        self.upstream, self.limit, self.timeout_s, self.loop_factory = upstream, limit, timeout_s, loop_factory
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
        self._started = threading.Event()
        self._done = threading.Event()

    def serve_forever(self) -> None:
        loop = self.loop_factory()
        try:
            loop.run_until_complete(self._serve())
        finally:
            loop.close()
            self._done.set()

    async def _serve(self) -> None:
        loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        front = _Front(loop, self.upstream, self.limit, self.timeout_s)
        server = await loop.create_server(lambda: _Client(front), sock=self._sock, backlog=512)
        self._loop = loop
        self._started.set()
        try:
            await self._stop.wait()
        finally:
            server.close()
            front.close()
            await asyncio.sleep(0)  # let the aborted transports report their end

    def shutdown(self) -> None:
        if self._started.wait(timeout=10) and self._loop is not None and self._stop is not None:
            try:
                self._loop.call_soon_threadsafe(self._stop.set)
            except RuntimeError:  # the loop has already ended
                return
            self._done.wait(timeout=10)

    def server_close(self) -> None:
        self._sock.close()
