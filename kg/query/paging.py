"""Pages of a query's answer: rows ``offset`` to ``offset + limit`` of exactly the answer the whole
query gives, without computing all of it when the query allows.

* A query without ``ORDER BY`` streams: the page is cut from Oxigraph's answer as it comes, and
  evaluation stops at the page's last row.
* A listing sorted first by one of the positions of :mod:`kg.graph.listing`
  (``?event kg:eventOrder ?order … ORDER BY ?order …``) is read window by window: the items at
  positions ``0 … k`` are found by a ``VALUES`` block (one index lookup each), the query's pattern
  is evaluated for them (:func:`window_query`), their rows are sorted by its own ``ORDER BY``, and windows
  follow until the page is full. Rows of one item share its position, so the rows of a window are
  exactly the full answer's rows for those items, in the same order (``ORDER BY`` is expected to
  be total; the shipped listings' are). ``DISTINCT`` is kept across windows. (An aggregate whose
  value depends on the order rows reach it, ``GROUP_CONCAT``, may list its parts in another order
  than in the whole answer: SPARQL leaves that order to the engine's plan.)
* Any other query (another ``ORDER BY``, ``GROUP BY`` without a position, its own ``LIMIT``) is
  answered whole and cut: correct, as slow as the whole query.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from itertools import islice

from pyoxigraph import Store

from kg.graph.namespaces import KG

__all__ = ["PagePlan", "page_plan", "page_rows", "window_query"]

_COMMENT = re.compile(r"(?:^|(?<=\s))#[^\n]*", re.MULTILINE)  # a comment (a "#" inside an IRI follows no space)
_ORDER_BY = re.compile(r"\bORDER\s+BY\s+(?:ASC\s*\(\s*)?\?(\w+)", re.IGNORECASE)
_LIMIT = re.compile(r"\b(?:LIMIT|OFFSET)\s+\d+", re.IGNORECASE)
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_DISTINCT = re.compile(r"\bSELECT\s+(?:DISTINCT|REDUCED)\b", re.IGNORECASE)


@dataclass(frozen=True)
class PagePlan:
    variable: str  # the position variable ORDER BY sorts by first
    order: str  # the order property's IRI (kg:eventOrder …)
    distinct: bool
    subject: str | None = None  # the variable of the numbered items, when the pattern names it first


def page_plan(text: str) -> PagePlan | None:
    """How ``text`` can be paged by position, or None when it can only be answered whole and cut.

    >>> page_plan("SELECT ?e WHERE { ?e kg:eventOrder ?o } ORDER BY ?o").order.endswith("eventOrder")
    True
    >>> page_plan("SELECT ?e WHERE { ?e rdfs:label ?o } ORDER BY ?o") is None
    True
    """
    code = _COMMENT.sub("", text)
    m = _ORDER_BY.search(code)
    if m is None or _LIMIT.search(code) or _where_group(text) is None:
        return None
    var = m.group(1)
    bound = re.search(r"(?:\?(\w+)\s+)?(?:\bkg:|<" + re.escape(str(KG)) + r")(\w+Order)>?\s+\?" + var + r"\b", code)
    if bound is None:
        return None
    return PagePlan(var, str(KG) + bound.group(2), bool(_DISTINCT.search(code)), bound.group(1))


_SKIP = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*|[{}]')


def _where_group(text: str) -> tuple[int, int] | None:
    """(start, end) of the inside of the query's outer ``WHERE { … }`` (strings, IRIs and comments
    skipped), or None."""
    code = _COMMENT.sub(lambda c: " " * len(c.group(0)), text)
    m = _WHERE.search(code)
    if m is None:
        return None
    depth = 1
    for t in _SKIP.finditer(text, m.end()):
        if t.group() == "{":
            depth += 1
        elif t.group() == "}":
            depth -= 1
            if depth == 0:
                return m.end(), t.start()
    return None


def window_query(text: str, plan: PagePlan, start: int, end: int) -> str:
    """``text`` restricted to the items at positions ``start`` to ``end - 1``.

    The items are found first (a ``VALUES`` block of positions, one index lookup each) and the
    query's own pattern is evaluated for each of them (``LATERAL``, an Oxigraph extension), so
    that the engine's planner cannot start from a pattern that matches the whole store; where the
    query does not name its items' variable first, the ``VALUES`` block is put at the start of
    the pattern instead.
    """
    window = f"VALUES ?{plan.variable} {{ {' '.join(str(i) for i in range(start, end))} }}"
    group = _where_group(text)
    assert group is not None
    a, b = group
    if plan.subject is None:
        return f"{text[:a]} {window} {text[a:]}"
    items = f"{{ SELECT ?{plan.subject} ?{plan.variable} WHERE {{ {window} ?{plan.subject} <{plan.order}> ?{plan.variable} }} }}"
    return f"{text[:a]} {items} LATERAL {{ {text[a:b]}\n}} {text[b:]}"


def page_rows(store: Store, text: str, limit: int, offset: int, run) -> tuple[list[str], list[list[object]]] | None:  # type: ignore[no-untyped-def]
    """(variables, rows) of the page, read window by window; None when ``text`` has no plan (or the
    store no positions for it: a store built before kg numbered its listings).

    ``run(text)`` evaluates a query to (variables, rows)."""
    plan = page_plan(text)
    if plan is None:
        return None
    from pyoxigraph import NamedNode

    size_quads = list(islice(store.quads_for_pattern(NamedNode(plan.order), KG.orderSize, None, None), 1))
    if not size_quads:
        return None
    size = int(size_quads[0].object.value)
    want = offset + limit
    rows: list[list[object]] = []
    seen: set[tuple[object, ...]] = set()
    start, width = 0, 1  # one item first: how many rows an item gives sizes the next window
    variables: list[str] = []
    while True:
        end = min(size, start + width)
        variables, got = run(window_query(text, plan, start, end))
        for row in got:
            if plan.distinct:
                key = tuple(row)
                if key in seen:
                    continue
                seen.add(key)
            rows.append(row)
        start = end
        if len(rows) >= want or start >= size:
            return variables, rows[offset:want]
        # the next window: enough items for the rows still wanted at the rate seen so far, a quarter more
        width = width * 4 if not rows else max(1, math.ceil((want - len(rows)) * start / len(rows) * 1.25))
