"""kg serve's front against scripted engines: what the real Oxigraph server is never made to do on cue
(close a kept-alive connection, stream without end, meet a client that stops reading)."""
from __future__ import annotations

import asyncio
import socket
import threading
from contextlib import contextmanager

import httpx
import pytest

from kg.http._limit import LimitingProxy, _new_loop

LOOPS = {"default": _new_loop, "asyncio": asyncio.new_event_loop}  # uvloop where installed, and asyncio's own


class Engine:
    """A scripted HTTP server on a loopback port: ``answer(connection, request, head, body, sock)`` answers one
    request (or returns False to close the connection without answering)."""

    def __init__(self, answer) -> None:  # type: ignore[no-untyped-def]
        self.answer = answer
        self.connections = 0
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._serve, args=(conn, self.connections - 1), daemon=True).start()

    def _serve(self, conn: socket.socket, index: int) -> None:
        f = conn.makefile("rb")
        n = 0
        try:
            while True:
                head = []
                while (line := f.readline()) not in (b"\r\n", b""):
                    head.append(line)
                if not head:
                    return
                length = next((int(x.split(b":")[1]) for x in head if x.lower().startswith(b"content-length:")), 0)
                body = f.read(length)
                if self.answer(index, n, b"".join(head), body, conn) is False:
                    return
                n += 1
        except OSError:
            return
        finally:
            conn.close()

    def close(self) -> None:
        self.sock.close()


def ok(body: bytes = b'{"head":{"vars":[]},"results":{"bindings":[]}}') -> bytes:
    return (b"HTTP/1.1 200 OK\r\ncontent-type: application/sparql-results+json\r\ncontent-length: %d\r\n\r\n%s"
            % (len(body), body))


@contextmanager
def front(upstream: str, limit: int = 10, timeout_s: float = 60, loop: str = "default"):  # type: ignore[no-untyped-def]
    proxy = LimitingProxy("127.0.0.1", 0, upstream, limit, timeout_s, loop_factory=LOOPS[loop])
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{proxy.server_address[1]}/query"
    finally:
        proxy.shutdown()
        proxy.server_close()


@pytest.mark.parametrize("loop", LOOPS)
def test_connections_to_the_engine_are_kept_and_reused(loop):
    engine = Engine(lambda c, n, head, body, sock: sock.sendall(ok()))
    try:
        with front(engine.url, loop=loop) as url, httpx.Client() as client:
            for _ in range(5):
                r = client.post(url, content="ASK {}", headers={"Content-Type": "application/sparql-query"})
                assert r.status_code == 200
        assert engine.connections == 1
    finally:
        engine.close()


@pytest.mark.parametrize("loop", LOOPS)
def test_a_kept_connection_the_engine_dropped_is_tried_again_on_a_new_one(loop):
    # each connection answers its first request and closes on its second without a word, as a server
    # does whose idle timeout ends a kept-alive connection just as a request comes
    engine = Engine(lambda c, n, head, body, sock: False if n else sock.sendall(ok()))
    try:
        with front(engine.url, loop=loop) as url:
            for _ in range(3):
                r = httpx.get(url, params={"query": "ASK {}"})
                assert r.status_code == 200, r.text
        assert engine.connections == 3
    finally:
        engine.close()


def test_an_engine_that_does_not_answer_is_a_502_that_says_so():
    engine = Engine(lambda c, n, head, body, sock: False)
    try:
        with front(engine.url) as url:
            r = httpx.get(url, params={"query": "ASK {}"})
            assert r.status_code == 502 and "did not answer" in r.text
    finally:
        engine.close()


def _endless(sent: list[int], stopped: threading.Event, cap: int = 256 << 20):  # type: ignore[no-untyped-def]
    """An engine answer that streams rows until its client stops taking them (or ``cap`` bytes); ``sent``
    gets the bytes sent, ``stopped`` is set when it stops: a write refused, or blocked for 5 s, or the cap."""
    row = b"<http://example.org/a>\t<http://example.org/b>\n" * 400

    def answer(c, n, head, body, sock):  # type: ignore[no-untyped-def]
        sock.sendall(b"HTTP/1.1 200 OK\r\ncontent-type: text/tab-separated-values; charset=utf-8\r\n"
                     b"transfer-encoding: chunked\r\n\r\n%x\r\n?a\t?b\n\r\n" % 6)
        sock.settimeout(5)
        try:
            while sent[0] < cap:
                sock.sendall(b"%x\r\n%s\r\n" % (len(row), row))
                sent[0] += len(row)
        except OSError:  # refused (the front closed the connection) or blocked (the front stopped reading)
            pass
        stopped.set()
        return False

    return answer


@pytest.mark.parametrize("loop", LOOPS)
def test_a_client_that_goes_away_ends_the_engines_answer(loop):
    sent, stopped = [0], threading.Event()
    engine = Engine(_endless(sent, stopped))
    try:
        with front(engine.url, limit=0, loop=loop) as url:
            with httpx.stream("GET", url, params={"query": "SELECT * {}"}, timeout=60) as r:
                got = 0
                for chunk in r.iter_raw():
                    got += len(chunk)
                    if got > 1 << 20:  # well under way
                        break
            assert stopped.wait(60)
            assert sent[0] < 128 << 20  # it stopped long before the cap
    finally:
        engine.close()


@pytest.mark.parametrize("loop", LOOPS)
def test_a_client_that_stops_reading_holds_the_engine_back(loop):
    """The front reads the engine's answer no faster than the client takes it: what waits in between is
    socket buffers, not the front's memory."""
    sent, stopped = [0], threading.Event()
    engine = Engine(_endless(sent, stopped))
    try:
        with front(engine.url, limit=0, loop=loop) as url:
            port = int(url.split(":")[2].split("/")[0])
            with socket.create_connection(("127.0.0.1", port)) as client:
                client.sendall(b"GET /query?query=SELECT HTTP/1.1\r\nHost: x\r\n\r\n")
                assert client.recv(100).startswith(b"HTTP/1.1 200")  # the answer has started; read no more
                assert stopped.wait(120)
                assert sent[0] < 64 << 20, sent[0]  # blocked well before the cap
    finally:
        engine.close()


@pytest.mark.parametrize("loop", LOOPS)
def test_requests_sent_together_are_answered_in_order_and_100_continue_is_given(loop):
    def answer(c, n, head, body, sock):  # type: ignore[no-untyped-def]
        sock.sendall(ok(b'{"n":"%d","body":"%s"}' % (n, body)))

    engine = Engine(answer)
    try:
        with front(engine.url, loop=loop) as url:
            port = int(url.split(":")[2].split("/")[0])
            with socket.create_connection(("127.0.0.1", port)) as client:
                client.settimeout(60)
                client.sendall(b"POST /store HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n")
                assert client.recv(100) == b"HTTP/1.1 100 Continue\r\n\r\n"
                client.sendall(b"ab")
                f = client.makefile("rb")
                assert f.readline().startswith(b"HTTP/1.1 200")
                length = 0
                while (line := f.readline()) != b"\r\n":
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":")[1])
                assert f.read(length) == b'{"n":"0","body":"ab"}'  # the body, sent after 100 Continue, went on
                client.sendall(b"".join(b"GET /store?%d HTTP/1.1\r\nHost: x\r\n\r\n" % i for i in range(3))
                               + b"GET /store HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                rest = f.read()  # to the end: the last request asked the front to close
            bodies = [part.split(b"\r\n\r\n", 1)[1] for part in rest.split(b"HTTP/1.1 200 OK")[1:]]
            assert [b[:8] for b in bodies] == [b'{"n":"%d"' % i for i in range(1, 5)]
    finally:
        engine.close()


@pytest.mark.parametrize("loop", LOOPS)
def test_a_client_that_half_closes_after_its_request_gets_the_answer(loop):
    engine = Engine(lambda c, n, head, body, sock: sock.sendall(ok()))
    try:
        with front(engine.url, loop=loop) as url:
            port = int(url.split(":")[2].split("/")[0])
            with socket.create_connection(("127.0.0.1", port)) as client:
                client.settimeout(60)
                client.sendall(b"GET /query?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n\r\n")
                client.shutdown(socket.SHUT_WR)
                answer = client.makefile("rb").read()  # to the end: the front closes once it has answered
            assert answer.startswith(b"HTTP/1.1 200") and answer.endswith(ok()[-20:])
    finally:
        engine.close()
