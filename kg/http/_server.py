"""``kg serve``: the Oxigraph SPARQL server (from the ``oxigraph`` PyPI package) over a built store.

kg does not write its own HTTP server: Oxigraph's implements the SPARQL 1.1
Protocol (GET and POST, ``query`` parameter and ``application/sparql-query``
bodies, content negotiation for JSON/XML/CSV/TSV results and Turtle/N-Triples
graphs, 400 with the parser's message for a malformed query). kg starts it
read-only, with the union of document graphs as default graph and a timeout.
"""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError, KGError, StoreError
from kg.graph.store import STORE_DIRNAME

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
    argv: list[str]
    url: str


def server_command(store: str | Path, host: str = "127.0.0.1", port: int = 7878, timeout_s: int = 30,
                   writable: bool = False) -> ServerCommand:
    """The command line that serves ``store`` and the query URL it will answer on."""
    p = Path(store)
    if (p / STORE_DIRNAME / "CURRENT").exists():
        p = p / STORE_DIRNAME
    if not (p / "CURRENT").exists():
        raise StoreError(f"{p}: no kg store here; build one with: kg build ARTICLES --out {p.parent}")
    if not 0 < port < 65536:
        raise InputError(f"--port {port}: not a TCP port")
    if timeout_s <= 0:
        raise InputError(f"--timeout {timeout_s}: must be a positive number of seconds")
    mode = "serve" if writable else "serve-read-only"
    argv = [oxigraph_binary(), mode, "--location", str(p), "--bind", f"{host}:{port}", "--union-default-graph",
            "--timeout-s", str(timeout_s)]
    shown = f"[{host}]" if ":" in host else host
    return ServerCommand(argv, f"http://{shown}:{port}/query")


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def run_server(cmd: ServerCommand) -> int:
    """Run the server in the foreground until it exits or is interrupted; returns its exit code."""
    proc = subprocess.Popen(cmd.argv)
    try:
        return proc.wait()
    except KeyboardInterrupt:
        proc.terminate()
        proc.wait(timeout=10)
        return 0
