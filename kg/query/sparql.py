"""SPARQL over the store: query files, automatic prefixes, result formats.

Queries run with the union of all document graphs as the default graph, so
a plain ``SELECT … WHERE { ?s ?p ?o }`` sees every document; ``GRAPH ?g``
still names one document's graph.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from pyoxigraph import (BlankNode, Literal, NamedNode, QueryBoolean, QueryResultsFormat, QuerySolutions,
                        QueryTriples, RdfFormat, Store, serialize)

from kg.errors import InputError, QueryError
from kg.graph.namespaces import PREFIXES

__all__ = ["Result", "bind_values", "iter_values", "load_query", "run_query", "run_query_file", "RESULT_FORMATS"]

RESULT_FORMATS = ("table", "csv", "tsv", "json")
_DECLARED = re.compile(r"^\s*PREFIX\s+([A-Za-z][\w.-]*)?:", re.IGNORECASE | re.MULTILINE)
_POSITION = re.compile(r"error at (\d+):(\d+)")


def load_query(query_or_file: str) -> tuple[str, str]:
    """(query text, where it came from): a path to a .rq file, or the query itself."""
    p = Path(query_or_file)
    looks_like_path = query_or_file.endswith((".rq", ".sparql")) or (
        "\n" not in query_or_file and "{" not in query_or_file
    )
    if looks_like_path:
        if not p.is_file():
            raise InputError(f"{query_or_file}: no such query file; give a .rq file or the SPARQL text itself")
        return p.read_text(encoding="utf-8"), str(p)
    return query_or_file, "query"


def _with_prefixes(text: str) -> tuple[str, int]:
    declared = {m.group(1) or "" for m in _DECLARED.finditer(text)}
    missing = [f"PREFIX {k}: <{v}>" for k, v in PREFIXES.items() if k not in declared]
    if not missing:
        return text, 0
    return " ".join(missing) + "\n" + text, 1


@dataclass
class Result:
    """What a query returned: rows (SELECT), a boolean (ASK) or triples (CONSTRUCT/DESCRIBE)."""

    kind: str  # "select" | "ask" | "graph"
    variables: list[str]
    rows: list[list[object]]  # pyoxigraph terms or None
    boolean: bool | None = None
    raw: object = None

    def values(self) -> list[dict[str, str | None]]:
        """Rows as dicts of plain strings (IRIs and literal values)."""
        return [{v: (None if t is None else t.value) for v, t in zip(self.variables, row)} for row in self.rows]

    def serialize(self, fmt: str = "table") -> str:
        if self.kind == "graph":
            data = serialize(self.rows_as_triples(), format=RdfFormat.TURTLE, prefixes=PREFIXES)
            return data.decode("utf-8") if data else ""
        if fmt == "table":
            return _table(self)
        if fmt not in RESULT_FORMATS:
            raise InputError(f"unknown result format {fmt!r}; choose one of {', '.join(RESULT_FORMATS)}")
        if self.kind == "ask":
            if fmt == "json":
                return '{"head":{},"boolean":%s}' % ("true" if self.boolean else "false")
            return "true" if self.boolean else "false"
        if fmt == "csv":
            buf = io.StringIO()
            w = csv.writer(buf, lineterminator="\n")
            w.writerow(self.variables)
            for row in self.rows:
                w.writerow(["" if t is None else t.value for t in row])
            return buf.getvalue()
        fmt_obj = {"json": QueryResultsFormat.JSON, "tsv": QueryResultsFormat.TSV}[fmt]
        return _serialize_solutions(self, fmt_obj)

    def rows_as_triples(self) -> list[object]:
        return [r[0] for r in self.rows]


def _serialize_solutions(result: Result, fmt: QueryResultsFormat) -> str:
    import json

    if fmt == QueryResultsFormat.JSON:
        bindings = []
        for row in result.rows:
            b: dict[str, dict[str, str]] = {}
            for v, t in zip(result.variables, row):
                if t is None:
                    continue
                if isinstance(t, NamedNode):
                    b[v] = {"type": "uri", "value": t.value}
                elif isinstance(t, BlankNode):
                    b[v] = {"type": "bnode", "value": t.value}
                elif isinstance(t, Literal):
                    d: dict[str, str] = {"type": "literal", "value": t.value}
                    if t.language:
                        d["xml:lang"] = t.language
                    elif t.datatype and t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
                        d["datatype"] = t.datatype.value
                    b[v] = d
            bindings.append(b)
        return json.dumps({"head": {"vars": result.variables}, "results": {"bindings": bindings}}, ensure_ascii=False)
    lines = ["\t".join("?" + v for v in result.variables)]
    for row in result.rows:
        lines.append("\t".join("" if t is None else str(t) for t in row))
    return "\n".join(lines) + "\n"


def _short(t: object) -> str:
    if t is None:
        return ""
    if isinstance(t, NamedNode):
        for k, v in PREFIXES.items():
            if t.value.startswith(v):
                return f"{k}:{t.value[len(v):]}"
        return t.value
    return str(getattr(t, "value", t))


def _table(result: Result) -> str:
    if result.kind == "ask":
        return "yes" if result.boolean else "no"
    header = result.variables
    body = [[_short(t) for t in row] for row in result.rows]
    widths = [max([len(h)] + [len(r[i]) for r in body]) for i, h in enumerate(header)]
    widths = [min(w, 80) for w in widths]

    def line(cells: list[str]) -> str:
        return " | ".join(c[:80].ljust(w) for c, w in zip(cells, widths)).rstrip()

    out = [line(header), "-+-".join("-" * w for w in widths)]
    out += [line(r) for r in body]
    out.append(f"({len(body)} row{'s' if len(body) != 1 else ''})")
    return "\n".join(out)


def bind_values(text: str, bindings: dict[str, object]) -> str:
    r"""Append a VALUES clause binding variables to values, written as escaped RDF terms.

    Strings become literals, pyoxigraph terms stay as they are: a value can never
    change the query's structure (no string concatenation of user input).

    >>> print(bind_values("SELECT ?n WHERE { ?n rdfs:label ?l }", {"l": 'x" } ; DROP ALL ; #'}))
    SELECT ?n WHERE { ?n rdfs:label ?l }
    VALUES (?l) { ("x\" } ; DROP ALL ; #") }
    """
    if not bindings:
        return text
    names = list(bindings)
    for n in names:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", n):
            raise InputError(f"{n!r} is not a SPARQL variable name")
    terms = [v if isinstance(v, (NamedNode, Literal)) else Literal(str(v)) for v in bindings.values()]
    return f"{text}\nVALUES ({' '.join('?' + n for n in names)}) {{ ({' '.join(str(t) for t in terms)}) }}"


def _child(path: str, text: str, source: str, fmt: str, conn) -> None:  # type: ignore[no-untyped-def]
    try:
        store = Store.read_only(path)
        conn.send(("ok", run_query(store, text, source).serialize(fmt)))
    except Exception as e:  # noqa: BLE001 - sent to the parent as a message
        conn.send(("error", str(e) if isinstance(e, QueryError) else f"{source}: query failed ({e})"))


def run_query_file(store_path: str, text: str, source: str, fmt: str, timeout: float) -> str:
    """Run a query in a child process and serialise its result; stop it after ``timeout`` seconds."""
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(store_path, text, source, fmt, child), daemon=True)
    proc.start()
    child.close()
    if not parent.poll(timeout):
        proc.kill()
        proc.join()
        raise QueryError(f"{source}: query stopped after the {timeout:g} s timeout; narrow it (LIMIT, more "
                         f"specific patterns) or raise --timeout")
    status, payload = parent.recv()
    proc.join()
    if status == "error":
        raise QueryError(payload.split(": ", 1)[-1] if payload.startswith("KG400: ") else payload)
    return str(payload)


def iter_values(store: Store, text: str, source: str = "query") -> Iterator[dict[str, str | None]]:
    """The rows of a SELECT query as dicts of plain strings, one at a time (nothing is held: for
    queries whose answer is large and only partly kept)."""
    res = _evaluate(store, text, source)
    if not isinstance(res, QuerySolutions):
        raise QueryError(f"{source}: not a SELECT query")
    variables = [v.value for v in res.variables]
    for sol in res:
        yield {v: (None if (t := sol[v]) is None else t.value) for v in variables}


def run_query(store: Store, text: str, source: str = "query") -> Result:
    """Run SPARQL text (standard prefixes added when not declared) over the union of graphs."""
    res = _evaluate(store, text, source)
    if isinstance(res, QueryBoolean):
        return Result("ask", [], [], boolean=bool(res))
    if isinstance(res, QueryTriples):
        return Result("graph", [], [[t] for t in res])
    assert isinstance(res, QuerySolutions)
    variables = [v.value for v in res.variables]
    rows = [[sol[v] for v in variables] for sol in res]
    return Result("select", variables, rows, raw=None)


def _evaluate(store: Store, text: str, source: str) -> object:
    full, shift = _with_prefixes(text)
    try:
        res = store.query(full, use_default_graph_as_union=True)
    except SyntaxError as e:
        msg = str(e)
        m = _POSITION.search(msg)
        if m:
            line, col = int(m.group(1)) - shift, int(m.group(2))
            msg = _POSITION.sub(f"line {line}, column {col}", msg)
        raise QueryError(f"{source}: SPARQL syntax error at {msg.removeprefix('error at ')}") from None
    except OSError as e:
        raise QueryError(f"{source}: query failed ({e})") from None
    return res
