"""SPARQL over HTTP: serve a built store (Oxigraph server), push graphs to any Graph Store endpoint."""
from kg.http._push import PushSummary, graph_store_url, push
from kg.http._server import ServerCommand, free_port, run_server, server_command

__all__ = ["PushSummary", "ServerCommand", "free_port", "graph_store_url", "push", "run_server", "server_command"]
