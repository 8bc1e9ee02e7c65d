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
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from pyoxigraph import (BlankNode, Literal, NamedNode, QueryBoolean, QueryResultsFormat, QuerySolutions,
                        QueryTriples, RdfFormat, Store, serialize)

from kg.errors import InputError, QueryError
from kg.graph.namespaces import PREFIXES

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Result", "bind_values", "iter_values", "load_query", "query_variables", "run_query", "run_query_file",
           "RESULT_FORMATS", "TABLE_WIDTH"]

RESULT_FORMATS = ("table", "csv", "tsv", "json")
_DECLARED = re.compile(r"^\s*PREFIX\s+([A-Za-z][\w.-]*)?:", re.IGNORECASE | re.MULTILINE)
_POSITION = re.compile(r"error at (\d+):(\d+)")
#: the table format's widest cell, in characters (``kg query --width``)
TABLE_WIDTH = 80


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
    """What a query returned: rows (SELECT), a boolean (ASK) or triples (CONSTRUCT/DESCRIBE).

    Iterating gives the rows as dicts of plain strings (``for row in result: row["label"]``),
    ``len()`` their number, ``bool()`` the answer of an ASK; :meth:`df` (or :meth:`to_pandas`)
    makes a pandas DataFrame. ``more`` says, for a page (``limit``), whether rows follow it.
    """

    kind: str  # "select" | "ask" | "graph"
    variables: list[str]
    rows: list[list[object]]  # pyoxigraph terms or None
    boolean: bool | None = None
    raw: object = None
    more: bool = False  # a page: rows follow it
    offset: int = 0  # a page: the number of rows before it

    def values(self) -> list[dict[str, str | None]]:
        """Rows as dicts of plain strings (IRIs and literal values)."""
        return list(self)

    def __iter__(self) -> Iterator[dict[str, str | None]]:  # type: ignore[override]
        if self.kind == "graph":
            for (t,) in self.rows:
                yield {"subject": t.subject.value, "predicate": t.predicate.value, "object": t.object.value}
            return
        for row in self.rows:
            yield {v: (None if t is None else t.value) for v, t in zip(self.variables, row)}

    def __len__(self) -> int:
        return len(self.rows)

    def __bool__(self) -> bool:
        return bool(self.boolean) if self.kind == "ask" else bool(self.rows)

    def df(self) -> "pd.DataFrame":
        """A pandas DataFrame of strings: one column per variable (ASK: a ``boolean`` column; CONSTRUCT:
        ``subject``, ``predicate``, ``object``)."""
        import pandas as pd

        if self.kind == "ask":
            return pd.DataFrame({"boolean": [self.boolean]})
        columns = ["subject", "predicate", "object"] if self.kind == "graph" else self.variables
        return pd.DataFrame(list(self), columns=columns)

    to_pandas = df

    def serialize(self, fmt: str = "table", width: int = TABLE_WIDTH) -> str:
        """The result as text: a table (cells over ``width`` characters cut and marked, 0: never cut),
        CSV, TSV or SPARQL JSON; a CONSTRUCT's triples as Turtle."""
        if self.kind == "graph":
            data = serialize(self.rows_as_triples(), format=RdfFormat.TURTLE, prefixes=PREFIXES)
            return data.decode("utf-8") if data else ""
        if fmt == "table":
            return _table(self, width)
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


def _table(result: Result, width: int = TABLE_WIDTH) -> str:
    r"""The rows as a text table. A cell longer than ``width`` (0: no limit) is cut, and the cut is
    marked with '…' and said under the table.

    >>> r = Result("select", ["q"], [[Literal("x" * 12)]])
    >>> print(_table(r, 10))
    q
    ----------
    xxxxxxxxx…
    (1 row; 1 cell cut at 10 characters, marked …: --format csv or --width 0 shows whole values)
    """
    if result.kind == "ask":
        return "yes" if result.boolean else "no"
    header = result.variables
    body = [[_short(t) for t in row] for row in result.rows]
    cut = 0
    if width > 0:
        for row in body:
            for i, cell in enumerate(row):
                if len(cell) > width:
                    row[i] = cell[:max(width - 1, 0)] + "…"
                    cut += 1
    widths = [max([len(h)] + [len(r[i]) for r in body]) for i, h in enumerate(header)]

    def line(cells: list[str]) -> str:
        return " | ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()

    out = [line(header), "-+-".join("-" * w for w in widths)]
    out += [line(r) for r in body]
    n = len(body)
    note = (f"; {cut} cell{'s' if cut != 1 else ''} cut at {width} characters, marked …: --format csv or "
            f"--width 0 shows whole values") if cut else ""
    if result.more or result.offset:
        first = f"rows {result.offset + 1}-{result.offset + n}" if n else f"no rows after row {result.offset}"
        follow = f"; more with --offset {result.offset + n}" if result.more else ""
        out.append(f"({first}{follow}{note})")
    else:
        out.append(f"({n} row{'s' if n != 1 else ''}{note})")
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
    known = query_variables(text)
    unknown = [n for n in names if n not in known]
    if unknown:
        raise InputError(f"the query has no variable ?{unknown[0]} to bind; its variables: "
                         f"{', '.join('?' + v for v in known) or 'none'}")
    terms = [v if isinstance(v, (NamedNode, Literal)) else Literal(str(v)) for v in bindings.values()]
    return f"{text}\nVALUES ({' '.join('?' + n for n in names)}) {{ ({' '.join(str(t) for t in terms)}) }}"


def query_variables(text: str) -> list[str]:
    """The variables a query names (outside IRIs, strings and comments), in order of first use.

    >>> query_variables("SELECT ?a WHERE { ?a <http://x/?b> $c . FILTER(?a != '?d') } # ?e")
    ['a', 'c']
    """
    return list(dict.fromkeys(re.findall(r"[?$]([A-Za-z_][A-Za-z0-9_]*)", _strip_iris(text))))


def _child(path: str, text: str, source: str, fmt: str, conn, limit: int | None = None,
           offset: int = 0, width: int = TABLE_WIDTH) -> None:  # type: ignore[no-untyped-def]
    try:
        store = Store.read_only(path)
        conn.send(("ok", run_query(store, text, source, limit, offset).serialize(fmt, width)))
    except Exception as e:  # noqa: BLE001 - sent to the parent as a message
        conn.send(("error", str(e) if isinstance(e, QueryError) else f"{source}: query failed ({e})"))


def run_query_file(store_path: str, text: str, source: str, fmt: str, timeout: float, limit: int | None = None,
                   offset: int = 0, width: int = TABLE_WIDTH) -> str:
    """Run a query (or the page ``limit``/``offset`` of its answer) in a child process and serialise
    its result (a table's cells cut at ``width``); stop it after ``timeout`` seconds."""
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(store_path, text, source, fmt, child, limit, offset, width), daemon=True)
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


def run_query(store: Store, text: str, source: str = "query", limit: int | None = None,
              offset: int = 0) -> Result:
    """Run SPARQL text (standard prefixes added when not declared) over the union of graphs.

    With ``limit`` and/or ``offset``: that page of the answer (rows, or triples), exactly the
    slice of the whole answer; ``Result.more`` says whether rows follow it. How a page is read
    without computing the whole answer when the query allows: :mod:`kg.query.paging`."""
    if limit is not None and limit < 0 or offset < 0:
        raise InputError(f"{source}: limit and offset must be 0 or more (got {limit}, {offset})")
    if limit is not None or offset:
        return _page(store, text, source, limit, offset)
    res = _evaluate(store, text, source)
    if isinstance(res, QueryBoolean):
        return Result("ask", [], [], boolean=bool(res))
    if isinstance(res, QueryTriples):
        return Result("graph", [], [[t] for t in res])
    assert isinstance(res, QuerySolutions)
    variables = [v.value for v in res.variables]
    rows = [[sol[v] for v in variables] for sol in res]
    return Result("select", variables, rows, raw=None)


def _page(store: Store, text: str, source: str, limit: int | None, offset: int) -> Result:
    from kg.query.paging import page_rows

    def run(q: str) -> tuple[list[str], list[list[object]]]:
        r = run_query(store, q, source)
        return r.variables, r.rows

    stop = None if limit is None else offset + limit + 1  # one row more: does the page have a next one?
    if limit is not None:
        paged = page_rows(store, text, limit + 1, offset, run)
        if paged is not None:
            variables, rows = paged
            return Result("select", variables, rows[:limit], more=len(rows) > limit, offset=offset)
    res = _evaluate(store, text, source)  # streamed: evaluation stops at the page's end when it can
    if isinstance(res, QueryBoolean):
        return Result("ask", [], [], boolean=bool(res))
    if isinstance(res, QueryTriples):
        rows = [[t] for t in islice(res, offset, stop)]
        kind, variables = "graph", []
    else:
        assert isinstance(res, QuerySolutions)
        variables = [v.value for v in res.variables]
        rows = [[sol[v] for v in variables] for sol in islice(res, offset, stop)]
        kind = "select"
    more = limit is not None and len(rows) > limit
    return Result(kind, variables, rows[:limit] if limit is not None else rows, more=more, offset=offset)


def _evaluate(store: Store, text: str, source: str) -> object:
    full, shift = _with_prefixes(text)
    try:
        res = store.query(full, use_default_graph_as_union=True)
    except SyntaxError as e:
        raise QueryError(f"{source}: {syntax_message(text, str(e), shift)}") from None
    except OSError as e:
        raise QueryError(f"{source}: query failed ({e})") from None
    return res


def syntax_message(text: str, message: str, shift: int = 0) -> str:
    """A readable message for the parser's ``message`` about ``text`` (to which ``shift`` lines of
    prefixes were added before it was parsed): positions as "line L, column C", and an undeclared
    prefix named, with the known ones, instead of the characters a name may hold.

    >>> syntax_message("SELECT ?s WHERE { ?s a foo:Person }", "error at 1:34: expected one of Prefix not found, ['%']")
    'unknown prefix foo: in line 1, column 34 (known: kg, schema, org, prov, nif, itsrdf, skos, rdf, rdfs, xsd, owl, wd); declare it: PREFIX foo: <IRI>'
    """
    m = _POSITION.search(message)
    line = col = 0
    if m:
        line, col = int(m.group(1)) - shift, int(m.group(2))
    if "Prefix not found" in message:
        declared = [d or "" for d in (x.group(1) for x in _DECLARED.finditer(text))]
        known = list(dict.fromkeys([*PREFIXES, *declared]))
        lines = text.split("\n")
        before = lines[line - 1][:max(col - 1, 0)] if 0 < line <= len(lines) else ""
        name = re.search(r"([A-Za-z][\w.-]*)?:[^\s:]*$", before)
        used = {u for u in re.findall(r"(?<![\w<?$\"'/#.-])([A-Za-z][\w-]*):(?!//)", _strip_iris(text))}
        unknown = [name.group(1) or ""] if name else sorted(used - set(known))
        if unknown:
            where = f" in line {line}, column {col}" if m else ""
            return (f"unknown prefix {unknown[0]}:{where} (known: {', '.join(k for k in known if k)}); declare it: "
                    f"PREFIX {unknown[0]}: <IRI>")
    if m:
        return "SPARQL syntax error at " + _POSITION.sub(f"line {line}, column {col}", message).removeprefix("error at ")
    return f"SPARQL syntax error: {message}"


def _strip_iris(text: str) -> str:
    return re.sub(r"<[^<>\s]*>|\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'|#[^\n]*", " ", text)
