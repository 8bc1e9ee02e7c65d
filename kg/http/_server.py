"""``kg serve``: the Oxigraph SPARQL server (from the ``oxigraph`` PyPI package) over a built store.

kg does not write its own HTTP server: Oxigraph's implements the SPARQL 1.1
Protocol (GET and POST, ``query`` parameter and ``application/sparql-query``
bodies, content negotiation for JSON/XML/CSV/TSV results and Turtle/N-Triples
graphs, 400 with the parser's message for a malformed query). kg starts it
read-only, with the union of document graphs as default graph and a timeout.
Oxigraph listens on a private loopback port behind
:class:`kg.http._limit.LimitingProxy`, which forwards every request, turns an
answer Oxigraph's timeout broke off after ``200 OK`` into an error, and (with
``limit`` > 0) cuts answers to their first ``limit`` results.
"""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError, KGError
from kg.graph.store import STORE_DIRNAME, missing_store

__all__ = ["ServerCommand", "free_port", "oxigraph_binary", "run_server", "server_command"]


def oxigraph_binary() -> str:
    """Path of the ``oxigraph`` command installed with kg."""
    here = Path(sys.executable).parent / "oxigraph"
    if here.exists():
        return str(here)
    found = shutil.which("oxigraph")
    if found is None:
        raise KGError("the oxigraph server is not installed; install it with: pip install oxigraph")
    return found


@dataclass(frozen=True)
class ServerCommand:
    argv: list[str]  # the Oxigraph server
    url: str  # the query URL users call
    host: str  # where users connect
    port: int
    limit: int = 0  # results per answer, 0 for no limit
    timeout_s: int = 30
    upstream: str = ""  # host:port where Oxigraph itself listens, behind kg's front


def server_command(store: str | Path, host: str = "127.0.0.1", port: int = 7878, timeout_s: int = 30,
                   writable: bool = False, limit: int = 0) -> ServerCommand:
    """The command line that serves ``store`` and the query URL it will answer on."""
    p = Path(store)
    if (p / STORE_DIRNAME / "CURRENT").exists():
        p = p / STORE_DIRNAME
    if not (p / "CURRENT").exists():
        raise missing_store(p)
    if not 0 < port < 65536:
        raise InputError(f"--port {port}: not a TCP port")
    if timeout_s <= 0:
        raise InputError(f"--timeout {timeout_s}: must be a positive number of seconds")
    if limit < 0:
        raise InputError(f"--limit {limit}: must be 0 (no limit) or a positive number of results")
    mode = "serve" if writable else "serve-read-only"
    bind = f"127.0.0.1:{free_port()}"  # private: users reach it through kg's front (see run_server)
    argv = [oxigraph_binary(), mode, "--location", str(p), "--bind", bind, "--union-default-graph",
            "--timeout-s", str(timeout_s)]
    shown = f"[{host}]" if ":" in host else host
    return ServerCommand(argv, f"http://{shown}:{port}/query", host, port, limit, timeout_s, bind)


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def _wait_listening(proc: subprocess.Popen[str], address: str) -> None:
    """Return once the Oxigraph server accepts connections on ``address``; fail if it exits first."""
    host, _, port = address.rpartition(":")
    for _ in range(600):  # bounded: about a minute
        if proc.poll() is not None:
            raise KGError(f"the oxigraph server exited with code {proc.returncode} before listening on {address}")
        try:
            with socket.create_connection((host, int(port)), timeout=0.1):
                return
        except OSError:
            time.sleep(0.1)
    raise KGError(f"the oxigraph server did not start listening on {address}")


def _relay_log(proc: "subprocess.Popen[str]") -> None:
    """Pass Oxigraph's messages on to kg's stderr, except the address it listens on: that is the private
    one behind kg's front, and users call the one kg serve prints."""
    assert proc.stderr is not None
    for line in proc.stderr:
        if not line.startswith("Listening for requests at"):
            sys.stderr.write(line)
            sys.stderr.flush()


def run_server(cmd: ServerCommand) -> int:
    """Run the server in the foreground until it exits or is interrupted; returns its exit code.

    SIGTERM is handled like Ctrl-C, so the Oxigraph child never outlives ``kg serve``."""
    import signal

    def _stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _stop)
    proc = subprocess.Popen(cmd.argv, stderr=subprocess.PIPE, text=True, errors="replace")
    threading.Thread(target=_relay_log, args=(proc,), daemon=True).start()
    try:
        from kg.http._limit import LimitingProxy

        _wait_listening(proc, cmd.upstream)
        try:
            proxy = LimitingProxy(cmd.host, cmd.port, f"http://{cmd.upstream}", cmd.limit, cmd.timeout_s)
        except OSError as e:
            raise InputError(f"{cmd.host}:{cmd.port}: cannot listen there ({e.strerror})") from None
        threading.Thread(target=proxy.serve_forever, daemon=True).start()
        try:
            return proc.wait()
        finally:
            proxy.shutdown()
            proxy.server_close()
    except KeyboardInterrupt:
        return 0
    finally:
        if proc.poll() is None:
            proc.terminate()
            proc.wait(timeout=10)
