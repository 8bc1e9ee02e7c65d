"""A self-contained HTML viewer (vis-network, as shipped in pyvis) of the entity-centred view.

The page is written for reading at first sight, from one article to an archive:

* it fills the window (fit on load and on resize, no page scrollbars); nodes are sized by
  mentions, statements and links, coloured by class with a legend (or by community, computed
  here with networkx's Louvain method); labels are drawn only where they are at least 12 px on
  screen and cover no more important label, so the most important read at once and the rest
  appear on zoom;
* entities are the nodes, relations and two-party events labelled edges, events with more
  parties small nodes; statements and quotes are folded into their speaker (a count on the node,
  the list in the side panel; a switch shows them as nodes, with the "stated about" edges from a
  speaker to what they named); entities with no link are hidden,
  counted, and shown by a switch; search finds every node, shown or not;
* past ``top`` nodes the first view holds the most important entities (mentions, statements and
  links), the n-ary events among them (at most a fifth of ``top``) and the links among them; "show neighbours" (button in the panel, or double click)
  adds a node's neighbours; only what is shown is handed to vis-network, so the first draw of a
  10,000-node page stays fast and the page grows linearly with the graph;
* a timeline strip under the graph holds the dated events, statements and quotes (their own
  date, else their article's); dragging over it keeps what happened in that range;
* a co-occurrence layer (entities named in the same sentence, weighted by the number of such
  sentences) is drawn dashed and grey, off by default;
* the side panel shows what a clicked node or edge is and where it comes from: source sentences
  with the mention highlighted, the speaker's statements with date and hedge, events, and for
  every fact its sentence, article, date, hedge, confidence and the rule that made it.

Resources are in-line: the page works from a file:// URL with no network. The layout is
computed in Python (physics is off; a switch turns it on).

The page reports its state in ``#kg-status`` (``data-drawn``, ``data-nodes``, ``data-edges``,
``data-inside``: every drawn node lies inside the canvas after the first fit, ``data-overflow``:
the document is larger than the window, ``data-labels`` / ``data-minlabel``: how many node labels
are drawn and the smallest on-screen size among them, ``data-overlaps``: pairs of drawn labels (of
nodes and edges, as vis-network drew them) that cover each other, ``data-quieted``: labels left to
the zoom because they would have covered a more important one, ``data-hidden``: isolated entities hidden,
``data-focused``, ``data-errors``, ``data-drawms``), which the browser tests read. In the URL,
``#search=LABEL`` runs a search on load; ``#selftest=NODES`` covers the page green when it drew
exactly that many nodes with every node inside the canvas, a legible label, no overflow and no
JavaScript error, red otherwise (for browsers tested by a screenshot); other switches can be set
with ``#statements=1``, ``#isolates=1``, ``#comention=1``, ``#colour=community``, ``#from=DATE&to=DATE``.
"""
from __future__ import annotations

import html
import json
import math
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from kg.viz.model import View

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["STYLE", "ViewOptions", "layout", "render_html", "write_html"]

#: colour and vis-network shape per node type
STYLE: dict[str, tuple[str, str]] = {
    "Person": ("#e15759", "dot"),
    "Organization": ("#4e79a7", "square"),
    "Country": ("#59a14f", "triangle"),
    "City": ("#8cd17d", "triangleDown"),
    "Place": ("#b6992d", "diamond"),
    "Group": ("#ff9da7", "dot"),
    "CreativeWork": ("#9c755f", "square"),
    "Event": ("#f28e2b", "star"),
    "NamedEvent": ("#edc948", "star"),  # an entity: "September 11"
    "Statement": ("#b07aa1", "box"),
    "Quote": ("#b07aa1", "box"),
    "Thing": ("#9d9d9d", "dot"),
}
#: community colours, largest community first; the rest grey
PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
           "#9c755f", "#17becf", "#bcbd22", "#8c564b"]
#: nodes laid out by the force-directed spring layout per component; networkx switches to a much slower
#: sparse implementation from 500 nodes on, so a larger component lays out its most connected 499 nodes
#: and places the rest around them (writing time then grows linearly with the graph)
_BACKBONE = 499
#: canvas units between neighbouring nodes: with label sizes 14-40 this makes the first fit draw the
#: labels of the largest nodes at 12 px or more
_SPACING = 95.0
#: co-mention pairs kept in the page: the strongest, at most this many per node
_COMENTION_PER_NODE = 3


@dataclass(frozen=True)
class ViewOptions:
    """What the first view shows (the same options as ``kg view``).

    ``top``: nodes in the first view (the most important entities and the events among them; the rest
    one click away);
    ``statements``: statements and quotes as nodes of their own (else folded into their speaker);
    ``isolates``: entities with no link shown; ``comention``: the co-occurrence layer on;
    ``colour``: "type" or "community"."""

    top: int = 300
    statements: bool = False
    isolates: bool = False
    comention: bool = False
    colour: str = "type"

    def __post_init__(self) -> None:
        from kg.errors import KGError

        if self.top < 1:
            raise KGError(f"top must be at least 1 (got {self.top})")
        if self.colour not in ("type", "community"):
            raise KGError(f"colour must be 'type' or 'community' (got {self.colour!r})")


def _spring(g: "nx.Graph", seed: int) -> dict[Any, tuple[float, float]]:
    """A component's positions, about ``_SPACING`` apart and wider than tall; its most connected
    ``_BACKBONE`` nodes by the spring layout, the others around their placed neighbour."""
    import networkx as nx
    import numpy as np

    n = g.number_of_nodes()
    if n == 1:
        return {next(iter(g)): (0.0, 0.0)}
    if n == 2:
        a, b = sorted(g, key=str)
        return {a: (-_SPACING, 0.0), b: (_SPACING, 0.0)}
    backbone = g if n <= _BACKBONE else g.subgraph(sorted(g, key=lambda v: (-g.degree(v), str(v)))[:_BACKBONE])
    m = backbone.number_of_nodes()
    pos0 = nx.spring_layout(backbone, seed=seed, k=1.0 / math.sqrt(m), iterations=50)
    # scale so that the mean distance between linked nodes is about 2 x _SPACING
    dists = [math.dist(pos0[a], pos0[b]) for a, b in backbone.edges() if a != b] or [1.0]
    f = 2 * _SPACING / max(1e-9, sum(dists) / len(dists))
    keys = list(pos0)
    xy = np.array([pos0[v] for v in keys], dtype=float) * f
    xy -= xy.mean(axis=0)
    # turn the component's long axis horizontal: windows are wider than tall
    _, vecs = np.linalg.eigh(np.cov(xy.T))
    xy = xy @ vecs[:, ::-1]
    out = {v: (float(x), float(y)) for v, (x, y) in zip(keys, xy)}
    _around(g, out, set(out))
    return out


def _rings(g: "nx.Graph") -> dict[Any, tuple[float, float]]:
    """A large component outside the first view: its most connected node, the others around it."""
    hub = max(g, key=lambda v: (g.degree(v), str(v)))
    out = {hub: (0.0, 0.0)}
    _around(g, out, {hub})
    return out


def _around(g: "nx.Graph", out: dict[Any, tuple[float, float]], frontier: set[Any]) -> None:
    """Place every node of ``g`` reachable from ``frontier`` on rings around its placed neighbour."""
    todo = sorted(frontier, key=str)
    while todo:
        nxt = []
        for p in todo:
            kids = sorted((c for c in g.neighbors(p) if c not in out), key=str)
            px, py = out[p]
            for i, c in enumerate(kids):
                a = 2 * math.pi * i / max(1, min(len(kids), 16)) + 0.3 * (i // 16)
                r = _SPACING * (1.2 + 0.8 * (i // 16))
                out[c] = (px + r * math.cos(a), py + r * math.sin(a))
                nxt.append(c)
        todo = nxt


def _declutter(pos: dict[Any, tuple[float, float]], boxes: dict[Any, tuple[float, float]],
               rounds: int = 80) -> None:
    """Move nodes apart, in place, until their boxes (half width, half height: the node and its
    label) no longer overlap, or ``rounds`` passes are done (each overlapping pair pushed apart along
    the axis where they overlap least; candidate pairs from a k-d tree)."""
    import numpy as np
    from scipy.spatial import cKDTree

    keys = [v for v in pos if v in boxes]
    if len(keys) < 2:
        return
    xy = np.array([pos[v] for v in keys], dtype=float)
    half = np.array([boxes[v] for v in keys], dtype=float)
    reach = 2 * float(np.hypot(half[:, 0], half[:, 1]).max())
    for _ in range(rounds):
        pairs = cKDTree(xy).query_pairs(reach, output_type="ndarray")
        if len(pairs) == 0:
            break
        i, j = pairs[:, 0], pairs[:, 1]
        d = xy[i] - xy[j]
        over = half[i] + half[j] - np.abs(d)
        hit = (over[:, 0] > 0) & (over[:, 1] > 0)
        if not hit.any():
            break
        i, j, d, over = i[hit], j[hit], d[hit], over[hit]
        along_x = over[:, 0] < over[:, 1]
        sign = np.where(d >= 0, 1.0, -1.0)
        push = np.zeros_like(d)
        push[along_x, 0] = over[along_x, 0] * sign[along_x, 0]
        push[~along_x, 1] = over[~along_x, 1] * sign[~along_x, 1]
        move = np.zeros_like(xy)
        np.add.at(move, i, 0.5 * push)
        np.add.at(move, j, -0.5 * push)
        count = np.bincount(np.concatenate([i, j]), minlength=len(keys))[:, None]
        xy += move / np.maximum(1, count) * 1.05
    for v, (x, y) in zip(keys, xy):
        pos[v] = (float(x), float(y))


def _pack(parts: list[dict[Any, tuple[float, float]]], aspect: float = 1.7,
          x0: float = 0.0, y0: float = 0.0) -> dict[Any, tuple[float, float]]:
    """Shelf-pack laid-out components (largest first) into a block about ``aspect`` times wider
    than tall, from (x0, y0)."""
    boxes = []
    for pos in parts:
        xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
        boxes.append((pos, min(xs), min(ys), max(xs) - min(xs) + 2 * _SPACING, max(ys) - min(ys) + 2 * _SPACING))
    area = sum(w * h for *_, w, h in boxes)
    width = max([math.sqrt(area * aspect)] + [w for *_, w, _ in boxes])
    out: dict[Any, tuple[float, float]] = {}
    x, y, row = x0, y0, 0.0
    for pos, mx, my, w, h in boxes:
        if x > x0 and x + w > x0 + width:
            x, y, row = x0, y + row, 0.0
        for v, (px, py) in pos.items():
            out[v] = (x + px - mx + _SPACING, y + py - my + _SPACING)
        x += w
        row = max(row, h)
    return out


def _widen(pos: dict[Any, tuple[float, float]], aspect: float, most: float = 2.5) -> None:
    """Stretch the positions horizontally, in place, towards a block ``aspect`` times wider than tall
    (at most ``most`` times): the window is wider than tall, and so are labels."""
    if len(pos) < 3:
        return
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    w, h = max(xs) - min(xs), max(ys) - min(ys)
    if w <= 0 or h <= 0 or w / h >= aspect:
        return
    f = min(most, aspect * h / w)
    for v, (x, y) in pos.items():
        pos[v] = (x * f, y)


def _simple(g: "nx.Graph") -> "nx.Graph":
    """``g`` as a simple undirected graph with no self-loops and no attributes (quick: networkx's
    to_undirected copies every attribute)."""
    import networkx as nx

    simple = nx.Graph()
    simple.add_nodes_from(g)
    simple.add_edges_from((a, b) for a, b in g.edges() if a != b)
    return simple


def layout(g: "nx.Graph", first: set[Any] | None = None, seed: int = 7,
           boxes: Callable[[dict[Any, tuple[float, float]]], dict[Any, tuple[float, float]]] | None = None
           ) -> dict[Any, tuple[float, float]]:
    """Node positions: the ``first`` nodes (all, if not given) laid out component by component
    (spring layout, long axis horizontal), packed into a block of a window's shape and moved apart
    where their ``boxes`` (a function of the block's positions giving each node's half width and half
    height with its label, sized for the zoom that fits the block in a window) overlap; every other node
    around a placed neighbour; what is left (isolated nodes, components with no placed node) packed
    below the block."""
    import networkx as nx

    simple = _simple(g)
    if simple.number_of_nodes() == 0:
        return {}
    first = set(simple) if first is None else first & set(simple)
    shown = simple.subgraph(first)
    comps = sorted(nx.connected_components(shown), key=lambda c: (-len(c), min(map(str, c))))
    out = _pack([_spring(shown.subgraph(c), seed) for c in comps]) if comps else {}
    _widen(out, _SCREEN[0] / _SCREEN[1])
    if boxes is not None and out and len(out) <= 2 * _BACKBONE:  # nothing in the first view: nothing to move
        for _ in range(2):  # moving nodes apart (mostly up and down: labels are wide) makes the block taller
            _declutter(out, boxes(out))
            _widen(out, _SCREEN[0] / _SCREEN[1])
    _around(simple, out, set(out))
    rest = [c for c in nx.connected_components(simple) if not (c & out.keys())]
    if rest:
        bottom = max((y for _, y in out.values()), default=0.0) + 2 * _SPACING
        rest.sort(key=lambda c: (-len(c), min(map(str, c))))
        out.update(_pack([_spring(simple.subgraph(c), seed) if len(c) <= 50 else _rings(simple.subgraph(c))
                          for c in rest], aspect=3.0, y0=bottom))
    return out


def _communities(g: "nx.Graph") -> dict[Any, int]:
    """Louvain communities of the linked nodes, numbered by size (largest 0); -1 for a node alone."""
    import networkx as nx

    simple = _simple(g)
    simple.remove_nodes_from([v for v in list(simple) if simple.degree(v) == 0])
    if simple.number_of_edges() == 0:
        return {}
    comms = nx.community.louvain_communities(simple, seed=7)
    comms = sorted((c for c in comms if len(c) > 1), key=lambda c: (-len(c), min(map(str, c))))
    return {v: i for i, c in enumerate(comms) for v in c}


#: the graph's part of a 1400 x 900 window (bar, legend and timeline strip left out): the first view is
#: sized for it, and scales with the window
_SCREEN = (1400.0, 700.0)
#: on-screen label sizes (px) at the first fit: the ``_LABELLED`` most important nodes from largest to
#: smallest, then the other first-view nodes (drawn from a zoom of about 1.3), revealed nodes, edges
_LABEL_PX = (22.0, 14.5)
_LABELLED = 40
_SMALL_PX = 10.0
_REVEALED_PX = 14.5
_EDGE_PX = (14.5, 10.0)  # edges between labelled nodes, other edges
#: node radius on screen (px) at the first fit: least to most important
_NODE_PX = (4.0, 15.0)


def _fit_scale(pos: dict[Any, tuple[float, float]], margin: float = 0.0) -> float:
    """The zoom at which the positions (plus ``margin`` canvas units around) fit ``_SCREEN``, at most 1.5."""
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    w, h = max(xs) - min(xs) + 2 * margin, max(ys) - min(ys) + 2 * margin
    return min(1.5, _SCREEN[0] / max(w, 1.0), _SCREEN[1] / max(h, 1.0))


def _first_sizes(g: "nx.Graph", first: list[Any], score: dict[Any, int], scale: float
                 ) -> dict[Any, tuple[float, float, bool]]:
    """(label size, node radius, labelled) in canvas units of each first-view node (most important first):
    at ``scale`` the labels of the most important nodes are ``_LABEL_PX`` on screen, as many of them
    (at most ``_LABELLED``) as take about a third of the window; the others are drawn on zoom."""
    logs = {v: math.log(2 + score.get(v, 0)) for v in first}
    lo, hi = (min(logs.values()), max(logs.values())) if logs else (0.0, 0.0)
    out = {}
    room, k = _SCREEN[0] * _SCREEN[1] / 3, 0
    for v in first:
        d = g.nodes[v]
        if k >= _LABELLED or d.get("kind") == "event":
            continue
        px = _LABEL_PX[0] - (_LABEL_PX[0] - _LABEL_PX[1]) * k / max(1, min(_LABELLED, len(first)) - 1)
        room -= 0.6 * px * min(40, len(str(d.get("label", v)))) * 1.2 * px * (2 if d.get("said") else 1)
        if room < 0 and k > 0:
            break
        k += 1
    r = 0
    for v in first:
        t = 0.5 if hi == lo else (logs[v] - lo) / (hi - lo)
        if g.nodes[v].get("kind") == "event":
            out[v] = (_REVEALED_PX / scale, _NODE_PX[0] / scale, True)
            continue
        px = _LABEL_PX[0] - (_LABEL_PX[0] - _LABEL_PX[1]) * r / max(1, k - 1) if r < k else _SMALL_PX
        out[v] = (px / scale, (_NODE_PX[0] + t * (_NODE_PX[1] - _NODE_PX[0])) / scale, r < k)
        r += 1
    return out


def _boxes(g: "nx.Graph", sizes: dict[Any, tuple[float, float, bool]]) -> dict[Any, tuple[float, float]]:
    """Half width and half height of each node with its label (if drawn at the first fit), canvas units."""
    out = {}
    for v, (font, radius, labelled) in sizes.items():
        if not labelled:
            out[v] = (radius + 2, radius + 2)
            continue
        d = g.nodes[v]
        lines = [str(d.get("label", v))[:40]] + (["00 statements"] if d.get("said") else [])
        width = 0.6 * font * max(len(x) for x in lines)
        out[v] = (max(width / 2, radius) + 3, radius + 1.2 * font * len(lines) + 3)
    return out


def _days(value: str) -> int:
    """Days since 1970-01-01 of an ISO date (the page compares days)."""
    return (date.fromisoformat(value) - date(1970, 1, 1)).days


def _as_view(g: "nx.MultiDiGraph | View", details: dict[str, Any] | None) -> View:
    if isinstance(g, View):
        return g
    # a plain projection (for example graph.to_networkx(), or one of the user's): entities and events as nodes
    for _, d in g.nodes(data=True):
        d.setdefault("kind", "event" if d.get("type") == "Event" else "entity")
        if isinstance(d.get("aliases"), str):
            d["aliases"] = [a for a in d["aliases"].split("|") if a]
    for *_, d in g.edges(data=True):
        d.setdefault("kind", "relation")
        d.setdefault("label", d.get("role") or d.get("predicate", ""))
        if "evidence" not in d and d.get("sentence"):
            d["evidence"] = [{"sentence": d["sentence"], "doc": d.get("document", ""), "title": d.get("title", "")}]
    return View(graph=g, details=details or {})


#: at most this share of the first view's ``top`` nodes are n-ary events (small nodes); the rest are entities
_EVENT_SHARE = 0.2


def _first_view(linked: "nx.Graph", ranked: list[Any], score: dict[Any, int], top: int, events: list[Any]) -> set[Any]:
    """The first view: at most ``top`` nodes, the most important entities of ``ranked`` and the n-ary events
    linking two or more of them (the most important, at most ``_EVENT_SHARE`` of ``top``).

    >>> import networkx as nx
    >>> g = nx.Graph([("a", "ev1"), ("b", "ev1"), ("a", "ev2"), ("c", "ev2"), ("a", "b")])
    >>> sorted(_first_view(g, ["a", "b", "c"], {"a": 3, "b": 2, "c": 1}, 5, ["ev1", "ev2"]))
    ['a', 'b', 'c', 'ev1']
    """
    def among(kept: set[Any]) -> list[Any]:
        hits = [(sum(1 for w in linked[v] if w in kept), v) for v in events]
        return [v for n, v in sorted(((n, v) for n, v in hits if n >= 2), key=lambda t: (-t[0], -score.get(t[1], 0),
                                                                                         str(t[1])))]
    cap = int(top * _EVENT_SHARE)
    k = top - min(cap, len(among(set(ranked[:top]))))
    kept = set(ranked[:k])
    return kept | set(among(kept)[: min(cap, top - len(kept))])


def _data(view: View, options: ViewOptions) -> dict[str, Any]:
    """The page's data: nodes and edges by index, panel details, co-mentions, timeline."""
    import networkx as nx

    g = view.graph
    ids = list(g.nodes)
    index = {n: i for i, n in enumerate(ids)}
    linking = [(a, b) for a, b, d in g.edges(data=True)
               if d.get("kind") not in ("said", "stated") and g.nodes[a].get("kind") != "statement"
               and g.nodes[b].get("kind") != "statement" and a != b]
    linked = nx.Graph()
    linked.add_nodes_from(v for v in g if g.nodes[v].get("kind") != "statement")
    linked.add_edges_from(linking)
    score = {v: int(g.nodes[v].get("mentions") or 0) + int(g.nodes[v].get("said") or 0) + 2 * linked.degree(v)
             for v in linked}
    entities = [v for v in linked if g.nodes[v].get("kind") == "entity"]
    isolates = {v for v in entities if linked.degree(v) == 0}
    ranked = sorted((v for v in entities if v not in isolates), key=lambda v: (-score[v], str(v)))
    first = _first_view(linked, ranked, score, options.top, [v for v in linked if g.nodes[v].get("kind") == "event"])
    order = sorted(first, key=lambda v: (-score.get(v, 0), str(v)))

    def boxes(pos: dict[Any, tuple[float, float]]) -> dict[Any, tuple[float, float]]:
        return _boxes(g, _first_sizes(g, order, score, _fit_scale(pos, 40.0)))

    pos = layout(g, first, boxes=boxes)
    scale = _fit_scale({v: pos[v] for v in first} or pos or {None: (0.0, 0.0)}, 40.0)
    sizes = _first_sizes(g, order, score, scale)
    comm = _communities(linked)
    docs: dict[str, int] = {}
    doc_titles: list[list[str]] = []

    def doc_index(doc: str, title: str = "") -> int:
        if doc not in docs:
            docs[doc] = len(doc_titles)
            doc_titles.append([doc, title])
        elif title and not doc_titles[docs[doc]][1]:
            doc_titles[docs[doc]][1] = title
        return docs[doc]

    for v in view.details.values():
        for s in v.get("sentences", []):
            doc_index(s.get("doc", ""), s.get("title", ""))

    def spans(dates: Any) -> list[list[int]]:
        out = []
        for d in dates or []:
            a, b = (d, d) if isinstance(d, str) else d
            try:
                out.append([_days(a), _days(b)])
            except ValueError:
                continue
        return out

    nodes = []
    for v in ids:
        d = g.nodes[v]
        kind = d.get("kind", "entity")
        x, y = pos.get(v, (0.0, 0.0))
        font, radius, _ = sizes.get(v, ((_SMALL_PX if v in isolates else _REVEALED_PX) / scale, _NODE_PX[0] / scale,
                                        False))
        row: dict[str, Any] = {"id": v, "l": str(d.get("label", v)), "t": d.get("type", "Thing"), "k": kind,
                               "s": score.get(v, 0), "x": round(x, 1), "y": round(y, 1),
                               "fs": round(font, 1), "sz": round(radius, 1)}
        if v in first:
            row["f"] = 1
        if v in isolates:
            row["i"] = 1
        if v in comm:
            row["c"] = comm[v]
        if d.get("said"):
            row["n"] = int(d["said"])
        if d.get("aliases"):
            row["a"] = list(d["aliases"])
        if d.get("wikidata"):
            row["w"] = d["wikidata"]
        if d.get("docs"):
            row["d"] = [doc_index(x) for x in d["docs"]]
        if d.get("dates"):
            row["dt"] = spans(d["dates"])
        if d.get("mentions"):
            row["m"] = int(d["mentions"])
        nodes.append(row)
    edges = []
    parallel: dict[frozenset, int] = {}  # edges drawn so far between each pair: the next one curves
    for a, b, d in g.edges(data=True):
        both = sizes.get(a, (0, 0, False))[2] and sizes.get(b, (0, 0, False))[2] and d.get("kind") not in ("role", "said", "stated")
        row = {"f": index[a], "t": index[b], "l": str(d.get("label", "")), "k": d.get("kind", "relation"),
               "p": d.get("predicate", ""), "fs": round(_EDGE_PX[0 if both else 1] / scale, 1)}
        if d.get("count", 1) != 1:
            row["n"] = d["count"]
        if d.get("evidence"):
            row["ev"] = [{k: v for k, v in e.items() if v not in (None, "")} for e in d["evidence"]]
            for e in row["ev"]:
                if "doc" in e:
                    e["doc"] = doc_index(e["doc"], e.pop("title", ""))
        if d.get("dates"):
            row["dt"] = spans(d["dates"])
        if d.get("event"):
            row["e"] = d["event"]
        nth = parallel.get(frozenset((a, b)), 0)
        parallel[frozenset((a, b))] = nth + 1
        if nth:  # 1, -1, 2, -2 ...: curved one side, then the other, further out
            row["r"] = ((nth + 1) // 2) * (1 if nth % 2 else -1) * (1 if str(a) < str(b) else -1)
        edges.append(row)
    co = [(index[a], index[b], w) for a, b, w in view.comention if a in index and b in index]
    limit = _COMENTION_PER_NODE * len(ids)
    co_total = len(co)
    if len(co) > limit:
        co = sorted(co, key=lambda t: (-t[2], t[0], t[1]))[:limit]
    details = {}
    for v, d in view.details.items():
        if v not in index:
            continue
        out = {}
        for key, items in d.items():
            if not isinstance(items, list):
                continue
            rows = []
            for it in items:
                it = {k: x for k, x in it.items() if x not in (None, "")}
                if "doc" in it:
                    it["doc"] = doc_index(it["doc"], it.pop("title", ""))
                rows.append(it)
            out[key] = rows
        details[index[v]] = out
    timeline = []
    for t in view.timeline:
        try:
            timeline.append({"a": _days(t["start"]), "b": _days(t["end"]), "l": t["label"], "y": t.get("type", ""),
                             "o": 1 if t.get("dated") else 0,
                             "n": [index[n] for n in t.get("nodes", []) if n in index]})
        except ValueError:
            continue
    return {"nodes": nodes, "edges": edges, "co": co, "coTotal": co_total, "details": details,
            "docs": doc_titles, "timeline": timeline, "isolates": len(isolates), "scale": round(scale, 5),
            "options": {"top": options.top, "statements": options.statements, "isolates": options.isolates,
                        "comention": options.comention, "colour": options.colour},
            "style": STYLE, "palette": PALETTE}


def _vis_resources() -> tuple[str, str]:
    """vis-network's script and style sheet as shipped in pyvis (in-line: no network needed)."""
    import pyvis

    lib = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"
    return (lib / "vis-network.min.js").read_text(encoding="utf-8"), (lib / "vis-network.css").read_text(encoding="utf-8")


def render_html(g: "nx.MultiDiGraph | View", title: str = "kg", details: dict[str, Any] | None = None,
                note: str = "", options: ViewOptions | None = None) -> str:
    """The viewer page as an HTML string.

    ``g`` is a :class:`~kg.viz.model.View` (from :func:`kg.viz.model.from_store`) or a plain NetworkX
    projection (nodes with ``label``, ``type``, ``mentions``; edges with ``predicate``), with
    ``details`` mapping a node id to panel data (``sentences``, ``said``, ``events``); ``note`` is
    shown at the top (for example when nodes were left out); ``options`` set the first view.
    """
    options = options or ViewOptions()
    view = _as_view(g, details)
    data = json.dumps(_data(view, options), ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    js, css = _vis_resources()
    head = html.escape(title)
    return (_PAGE.replace("%TITLE%", head).replace("%NOTE%", html.escape(note))
            .replace("%VISCSS%", css).replace("%CSS%", _CSS)
            .replace("%ERRORHOOK%", _ERROR_HOOK)
            .replace("%VISJS%", js.replace("</script", "<\\/script"))
            .replace("%DATA%", data).replace("%JS%", _JS))


def write_html(g: "nx.MultiDiGraph | View", path: str | Path, title: str = "kg", details: dict[str, Any] | None = None,
               note: str = "", options: ViewOptions | None = None) -> Path:
    """Write the viewer for ``g`` to ``path`` (written to a temporary name, then renamed)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_text(render_html(g, title, details, note, options), encoding="utf-8")
    os.replace(tmp, path)
    return path


#: first script of the page: records uncaught errors and console.error calls in window.__kgErrors
_ERROR_HOOK = """<script>window.__kgErrors = [];
window.addEventListener("error", function (e) { window.__kgErrors.push(String(e.message)); });
(function () { var orig = console.error; console.error = function () {
  window.__kgErrors.push(Array.prototype.join.call(arguments, " ")); orig.apply(console, arguments); }; })();
</script>"""

_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>%TITLE%</title>
%ERRORHOOK%
<style>%VISCSS%</style>
<style>%CSS%</style>
</head><body>
<div id="kg-app">
<div id="kg-bar">
  <b id="kg-title">%TITLE%</b><span id="kg-count"></span><span id="kg-note">%NOTE%</span>
  <span id="kg-search-box"><input id="kg-search" list="kg-names" placeholder="find any entity by name or alias" size="26"><button id="kg-go">find</button><datalist id="kg-names"></datalist></span>
  <label title="statements and quotes as nodes of their own"><input type="checkbox" id="kg-statements"> statements</label>
  <label title="entities with no link to another"><input type="checkbox" id="kg-isolates"> <span id="kg-isolates-label">unlinked</span></label>
  <label title="entities named in the same sentence"><input type="checkbox" id="kg-comention"> co-occurrence</label>
  <label>colour <select id="kg-colour"><option value="type">by class</option><option value="community">by community</option></select></label>
  <label>relation <select id="kg-predicate"><option value="">all</option></select></label>
  <label>article <select id="kg-doc"><option value="">all</option></select></label>
  <label title="let the nodes move"><input type="checkbox" id="kg-physics"> physics</label>
  <button id="kg-fit" title="fit the graph to the window">fit</button>
</div>
<div id="kg-legend"></div>
<div id="kg-main"><div id="kg-graph"></div><div id="kg-panel"></div></div>
<div id="kg-time"><canvas id="kg-strip"></canvas><div id="kg-time-label"></div></div>
</div>
<div id="kg-status" hidden data-drawn="0" data-errors="0"></div>
<script>%VISJS%</script>
<script type="application/json" id="kg-data">%DATA%</script>
<script>%JS%</script>
</body></html>
"""

_CSS = """
html,body{margin:0;height:100%;overflow:hidden;font:13px/1.35 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222}
#kg-app{display:flex;flex-direction:column;height:100vh;width:100vw}
#kg-bar{display:flex;flex-wrap:wrap;gap:4px 12px;align-items:center;padding:5px 10px;border-bottom:1px solid #ddd;background:#fff}
#kg-bar label{white-space:nowrap} #kg-bar select{max-width:170px}
#kg-count{color:#555} #kg-note{color:#a33}
#kg-legend{display:flex;flex-wrap:wrap;gap:2px 12px;align-items:center;padding:3px 10px;border-bottom:1px solid #eee;font-size:12px;color:#333}
#kg-legend label{white-space:nowrap;cursor:pointer}
#kg-legend .sw{display:inline-block;width:11px;height:11px;vertical-align:-1px;margin-right:3px;border-radius:2px}
#kg-legend .ln{display:inline-block;width:22px;height:0;vertical-align:3px;margin-right:3px;border-top:2px solid #888}
#kg-main{position:relative;flex:1 1 auto;min-height:120px}
#kg-graph{position:absolute;inset:0}
#kg-panel{position:absolute;right:0;top:0;bottom:0;width:360px;max-width:45%;overflow:auto;background:#fafafa;
  border-left:1px solid #ccc;padding:8px 12px;box-sizing:border-box;display:none;z-index:10}
#kg-panel h3{margin:4px 24px 4px 0} #kg-panel h4{margin:10px 0 4px} #kg-panel mark{background:#ffe08a}
#kg-panel ul{padding-left:18px;margin:4px 0} #kg-panel li{margin-bottom:6px}
#kg-panel .meta{color:#666;font-size:12px} #kg-panel .rule{color:#476;font-size:12px}
#kg-panel .q{font-style:italic} #kg-close{position:absolute;right:8px;top:6px}
#kg-time{position:relative;flex:0 0 64px;border-top:1px solid #ddd;background:#fcfcfc}
#kg-time.empty{flex-basis:22px}
#kg-strip{position:absolute;left:0;top:0;width:100%;height:100%;cursor:crosshair;touch-action:none}
#kg-time-label{position:absolute;left:10px;top:2px;font-size:12px;color:#555;pointer-events:auto}
#kg-time-label button{font-size:11px;margin-left:6px}
"""

_JS = r"""
(function () {
  "use strict";
  var status = document.getElementById("kg-status");
  function report() { status.dataset.errors = window.__kgErrors.length; }
  report();
  window.addEventListener("error", report);
  var D = JSON.parse(document.getElementById("kg-data").textContent);
  var N = D.nodes, E = D.edges, STYLE = D.style, PALETTE = D.palette;
  function esc(s) { return String(s).replace(/[&<>"]/g, function (c) { return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}[c]; }); }
  var hash = {};
  window.location.hash.replace(/^#/, "").split("&").forEach(function (kv) {
    var i = kv.indexOf("="); if (i > 0) { hash[kv.slice(0, i)] = decodeURIComponent(kv.slice(i + 1)); }
  });
  var state = {
    statements: hash.statements ? hash.statements === "1" : D.options.statements,
    isolates: hash.isolates ? hash.isolates === "1" : D.options.isolates,
    comention: hash.comention ? hash.comention === "1" : D.options.comention,
    colour: hash.colour || D.options.colour,
    hiddenTypes: {}, predicate: "", doc: "", range: null, extra: {}
  };
  // adjacency (index -> [edge index]) for neighbours and statements
  var adj = N.map(function () { return []; });
  E.forEach(function (e, i) { adj[e.f].push(i); adj[e.t].push(i); });
  var coAdj = N.map(function () { return []; });
  D.co.forEach(function (c, i) { coAdj[c[0]].push(i); coAdj[c[1]].push(i); });
  var maxScore = 1; N.forEach(function (n) { if (n.s > maxScore) { maxScore = n.s; } });

  function inRange(spans) {
    if (!state.range) { return true; }
    if (!spans) { return false; }
    for (var i = 0; i < spans.length; i++) { if (spans[i][1] >= state.range[0] && spans[i][0] <= state.range[1]) { return true; } }
    return false;
  }
  // the filters (classes, article, date range): a node they hide is not shown, whatever else asks for it
  function passes(i) {
    var n = N[i];
    if (state.hiddenTypes[n.t]) { return false; }
    if (state.doc !== "" && !(n.d && n.d.indexOf(+state.doc) >= 0)) { return false; }
    return inRange(n.dt);
  }
  function nodeShown(i) {
    if (!passes(i)) { return false; }
    var n = N[i];
    if (state.extra[i]) { return true; }
    if (n.k === "statement") {
      if (!state.statements) { return false; }
      // a statement is shown with a shown speaker
      return adj[i].some(function (j) { var e = E[j]; return e.k === "said" && e.t === i && nodeBase(e.f); });
    }
    return nodeBase(i);
  }
  function nodeBase(i) { var n = N[i]; return !!(n.f || (state.isolates && n.i) || state.extra[i]); }
  function edgeShown(e) {
    if (e.k === "stated" && !state.statements) { return false; }  // the statements layer
    if (state.predicate !== "" && e.k !== "said" && e.k !== "role" && e.p !== state.predicate && e.l !== state.predicate) { return false; }
    return inRange(e.dt) || !state.range;
  }
  function colourOf(n) {
    if (state.colour === "community" && (n.k === "entity" || n.k === "event")) {
      return n.c === undefined ? "#c8c8c8" : (n.c < PALETTE.length ? PALETTE[n.c] : "#c8c8c8");
    }
    return (STYLE[n.t] || STYLE.Thing)[0];
  }
  function visNode(i) {
    var n = N[i]; var st = STYLE[n.t] || STYLE.Thing;
    var label = n.l.length > 40 ? n.l.slice(0, 39) + "…" : n.l;
    if (n.n) { label += "\n" + n.n + (n.n === 1 ? " statement" : " statements"); }
    var o = {id: i, label: label, x: n.x, y: n.y, shape: st[1], color: colourOf(n), size: n.sz * K,
             font: {size: n.fs * K}, title: n.l + " (" + n.t + ")"};
    if (n.k === "statement") { o.shape = "box"; o.color = {background: "#f3e8f0", border: "#b07aa1"}; o.widthConstraint = {maximum: 16 * n.fs}; }
    return o;
  }
  function visEdge(j) {
    var e = E[j];
    var o = {id: "e" + j, from: e.f, to: e.t, label: e.l, arrows: e.k === "role" ? "" : "to", font: {size: e.fs * K}};
    if (e.k === "said" || e.k === "role" || e.k === "stated") { o.color = {color: "#c9b3c4"}; o.font = {size: e.fs * K * 0.85, color: "#999"}; }
    if (e.n && e.n > 1) { o.width = Math.min(6, 1 + Math.log(e.n)); o.title = e.n + " sentences"; }
    if (e.r) { o.smooth = {enabled: true, type: e.r > 0 ? "curvedCW" : "curvedCCW", roundness: 0.25 * Math.abs(e.r)}; }
    return o;
  }
  function coEdge(k) {
    var c = D.co[k];
    return {id: "c" + k, from: c[0], to: c[1], dashes: [4, 4], color: {color: "#b8b8b8", opacity: 0.8}, arrows: "",
            width: Math.min(6, 0.5 + Math.log(1 + c[2])), title: "co-occurrence: " + c[2] + (c[2] === 1 ? " sentence" : " sentences"),
            smooth: false, kgCo: true};
  }

  var container = document.getElementById("kg-graph");
  var nodes = new vis.DataSet([]), edges = new vis.DataSet([]);
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, {
    autoResize: true, physics: {enabled: false, stabilization: false, barnesHut: {springLength: 120}},
    layout: {improvedLayout: false},
    interaction: {hover: true, tooltipDelay: 150, hideEdgesOnDrag: N.length > 2000, multiselect: false},
    nodes: {borderWidth: 1, font: {size: 14, face: "system-ui, sans-serif", strokeWidth: 3, strokeColor: "#ffffff",
                                   background: "rgba(255,255,255,0.75)"},
            scaling: {label: {enabled: false, maxVisible: 30, drawThreshold: 13}}},
    edges: {smooth: false, color: {color: "#9aa4ad", highlight: "#333", hover: "#555"}, width: 1.2,
            arrows: {to: {enabled: true, scaleFactor: 0.45}},
            font: {size: 17, color: "#555", strokeWidth: 3, strokeColor: "#ffffff", align: "horizontal"},
            scaling: {label: {enabled: false, maxVisible: 24, drawThreshold: 13}}, selectionWidth: 1.5}
  });
  window.kgNetwork = network;

  function sync() {
    var want = {}, add = [], remove = [];
    for (var i = 0; i < N.length; i++) { if (nodeShown(i)) { want[i] = true; } }
    nodes.getIds().forEach(function (id) { if (!want[id]) { remove.push(id); } });
    remove.length && nodes.remove(remove);
    for (var k in want) { if (!nodes.get(+k)) { add.push(visNode(+k)); } }
    // the most important last: drawn on top, their labels over the lesser nodes
    add.length && nodes.add(add.sort(function (a, b) { return N[a.id].s - N[b.id].s; }));
    var wantE = {}, addE = [], remE = [];
    E.forEach(function (e, j) { if (want[e.f] && want[e.t] && e.f !== e.t && edgeShown(e)) { wantE["e" + j] = j; } });
    if (state.comention) { D.co.forEach(function (c, k) { if (want[c[0]] && want[c[1]]) { wantE["c" + k] = k; } }); }
    edges.getIds().forEach(function (id) { if (!(id in wantE)) { remE.push(id); } });
    remE.length && edges.remove(remE);
    for (var id in wantE) { if (!edges.get(id)) { addE.push(id.charAt(0) === "c" ? coEdge(wantE[id]) : visEdge(wantE[id])); } }
    addE.length && edges.add(addE);
    var shownEnt = 0, ent = 0;
    N.forEach(function (n, i) { if (n.k === "entity") { ent++; if (want[i]) { shownEnt++; } } });
    document.getElementById("kg-count").textContent = shownEnt + " of " + ent + " entities shown, " + edges.length + " links";
    status.dataset.nodes = nodes.length; status.dataset.edges = edges.length;
    if (ready) { unclutter(); }
  }
  function recolour() { nodes.update(nodes.getIds().map(function (i) { var o = visNode(i); return {id: i, color: o.color}; })); legend(); }

  // legend: classes (click to hide), edge kinds, co-occurrence
  function legend() {
    var types = {}; N.forEach(function (n) { if (n.k !== "statement" || state.statements) { types[n.t] = true; } });
    var h = "";
    if (state.colour === "community") {
      var k = 0; N.forEach(function (n) { if (n.c !== undefined && n.c + 1 > k) { k = n.c + 1; } });
      h += "<span>colour = community (" + k + "; grey: alone or small)</span>";
      for (var c = 0; c < Math.min(k, PALETTE.length); c++) { h += '<span class="sw" style="background:' + PALETTE[c] + '"></span>'; }
    }
    Object.keys(types).forEach(function (t) { if (!STYLE[t]) { STYLE[t] = STYLE.Thing; } });
    Object.keys(STYLE).forEach(function (t) {
      if (!types[t]) { return; }
      h += '<label><input type="checkbox" data-type="' + t + '"' + (state.hiddenTypes[t] ? "" : " checked") + '> ' +
        (state.colour === "type" ? '<span class="sw" style="background:' + STYLE[t][0] + '"></span>' : "") + t + "</label>";
    });
    h += '<span><span class="ln"></span>relation / event (labelled)</span>';
    if (state.statements) { h += '<span><span class="ln" style="border-top-color:#c9b3c4"></span>said / stated about (statements)</span>'; }
    if (state.comention) { h += '<span><span class="ln" style="border-top:2px dashed #b8b8b8"></span>co-occurrence (same sentence)' +
      (D.coTotal > D.co.length ? " — strongest " + D.co.length + " of " + D.coTotal : "") + "</span>"; }
    if (D.isolates && !state.isolates) { h += '<span style="color:#666">' + D.isolates + " unlinked entities hidden (switch “unlinked”; search finds them)</span>"; }
    var el = document.getElementById("kg-legend"); el.innerHTML = h;
    el.querySelectorAll("input[data-type]").forEach(function (box) {
      box.onchange = function () { state.hiddenTypes[box.dataset.type] = !box.checked; sync(); };
    });
  }

  // side panel
  var panel = document.getElementById("kg-panel");
  function docTitle(i) { var d = D.docs[i]; return d ? (d[1] || d[0].replace(/^.*\//, "")) : ""; }
  function fact(it) {
    var m = [];
    if (it.date) { m.push(esc(it.date)); } else if (it.published) { m.push("published " + esc(it.published)); }
    if (it.doc !== undefined) { var t = docTitle(it.doc); m.push(esc(t.length > 70 ? t.slice(0, 69) + "…" : t)); }
    if (it.hedge) { m.push("hedge: " + esc(it.hedge)); }
    if (it.modality && it.modality !== "asserted") { m.push(esc(it.modality)); }
    if (it.negated) { m.push("negated"); }
    if (it.confidence) { m.push("confidence " + esc(it.confidence)); }
    var h = m.length ? '<div class="meta">' + m.join(" · ") + "</div>" : "";
    if (it.rule) { h += '<div class="rule">rule: ' + esc(it.rule) + "</div>"; }
    return h;
  }
  function sentenceWith(text, part) {
    if (!part) { return esc(text); }
    var i = text.indexOf(part);
    return i < 0 ? esc(text) : esc(text.slice(0, i)) + "<mark>" + esc(part) + "</mark>" + esc(text.slice(i + part.length));
  }
  function open(h) {
    panel.innerHTML = '<button id="kg-close" title="close">×</button>' + h; panel.style.display = "block";
    document.getElementById("kg-close").onclick = function () { panel.style.display = "none"; };
  }
  // the neighbours "show neighbours" would add: not drawn, linked by an edge the filters keep, and not
  // hidden by a filter themselves (so the count on the button is what the button does)
  function hiddenNeighbours(i) {
    var out = {};
    adj[i].forEach(function (j) {
      var e = E[j], o = e.f === i ? e.t : e.f;
      if (o !== i && !nodes.get(o) && N[o].k !== "statement" && e.k !== "said" && edgeShown(e) && passes(o)) { out[o] = true; }
    });
    if (state.comention) { coAdj[i].forEach(function (k) { var c = D.co[k]; var o = c[0] === i ? c[1] : c[0]; if (!nodes.get(o) && passes(o)) { out[o] = true; } }); }
    return Object.keys(out).map(Number);
  }
  // the neighbours are placed on a ring around the node, inside the part of the graph in view
  function showNeighbours(i) {
    var add = hiddenNeighbours(i), scale = network.getScale();
    var at = nodes.get(i) ? network.getPositions([i])[i] : {x: N[i].x, y: N[i].y};
    var lo = network.DOMtoCanvas({x: 30, y: 30}), hi = network.DOMtoCanvas({x: container.clientWidth - 30, y: container.clientHeight - 30});
    var r = (70 + 4 * add.length) / scale;
    add.forEach(function (o, k) {
      var a = 2 * Math.PI * k / add.length + 0.4;
      N[o].x = Math.max(lo.x, Math.min(hi.x, at.x + r * Math.cos(a)));
      N[o].y = Math.max(lo.y, Math.min(hi.y, at.y + r * Math.sin(a)));
      state.extra[o] = true;
    });
    state.extra[i] = true; sync(); showNode(i);
  }
  function showNode(i) {
    var n = N[i], d = D.details[i] || {};
    var h = "<h3>" + esc(n.l) + "</h3><div>" + esc(n.t) + (n.m ? " · " + n.m + " mentions" : "") + (n.n ? " · " + n.n + " statements" : "") + "</div>";
    if (n.a && n.a.length) { h += "<div>also: " + esc(n.a.join(", ")) + "</div>"; }
    if (n.w) { h += '<div><a href="' + esc(n.w) + '" target="_blank" rel="noopener">Wikidata</a></div>'; }
    var hid = hiddenNeighbours(i).length;
    if (hid) { h += '<p><button id="kg-more">show ' + hid + " hidden neighbour" + (hid > 1 ? "s" : "") + "</button></p>"; }
    var links = adj[i].filter(function (j) { return E[j].k === "relation" || E[j].k === "event"; });
    if (links.length) {
      h += "<h4>Links</h4><ul>" + links.map(function (j) {
        var e = E[j]; var ev = (e.ev || [])[0] || {};
        return "<li><b>" + esc(N[e.f].l) + "</b> " + esc(e.l) + " <b>" + esc(N[e.t].l) + "</b>" + fact(ev) + "</li>";
      }).join("") + "</ul>";
    }
    if (d.said && d.said.length) {
      h += "<h4>Statements (" + (n.n || d.said.length) + ")</h4><ul>" + d.said.map(function (s) {
        return '<li>' + sentenceWith(s.sentence, s.quote) + fact(s) + "</li>";
      }).join("") + "</ul>";
    }
    if (d.events && d.events.length) {
      h += "<h4>Events</h4><ul>" + d.events.map(function (e) {
        return "<li><b>" + esc(e.type) + "</b>: " + esc(e.label) + (e.role ? " (" + esc(e.role) + ")" : "") +
          '<div class="q">' + esc(e.sentence || "") + "</div>" + fact(e) + "</li>";
      }).join("") + "</ul>";
    }
    if (d.sentences && d.sentences.length) {
      h += "<h4>Sources</h4><ul>" + d.sentences.map(function (s) {
        var t = s.text;
        return "<li>" + esc(t.slice(0, s.from)) + "<mark>" + esc(t.slice(s.from, s.to)) + "</mark>" + esc(t.slice(s.to)) +
          '<div class="meta">' + esc(docTitle(s.doc)) + (s.date ? " · " + esc(s.date) : "") + "</div></li>";
      }).join("") + "</ul>";
    }
    open(h);
    var more = document.getElementById("kg-more");
    if (more) { more.onclick = function () { showNeighbours(i); }; }
  }
  function showEdge(id) {
    if (String(id).charAt(0) === "c") {
      var c = D.co[+String(id).slice(1)];
      return open("<h3>co-occurrence</h3><div><b>" + esc(N[c[0]].l) + "</b> and <b>" + esc(N[c[1]].l) + "</b> are named in " +
        c[2] + " sentence" + (c[2] > 1 ? "s" : "") + " together.</div>");
    }
    var e = E[+String(id).slice(1)];
    var h = "<h3>" + esc(e.l) + "</h3><div><b>" + esc(N[e.f].l) + "</b> → <b>" + esc(N[e.t].l) + "</b></div>";
    if (e.e) { h += "<div>event: " + esc(e.e) + "</div>"; }
    if (e.p && e.k === "relation") { h += '<div class="meta">' + esc(e.p) + "</div>"; }
    h += "<h4>Evidence" + (e.n > 1 ? " (" + e.n + " sentences)" : "") + "</h4><ul>" + (e.ev || []).map(function (ev) {
      return "<li>" + sentenceWith(ev.sentence || "", ev.quote) + fact(ev) + "</li>";
    }).join("") + "</ul>";
    open(h);
  }
  network.on("click", function (p) {
    if (p.nodes.length) { showNode(p.nodes[0]); }
    else if (p.edges.length) { showEdge(p.edges[0]); }
  });
  network.on("doubleClick", function (p) { if (p.nodes.length) { showNeighbours(p.nodes[0]); } });

  // search over every node, shown or not
  var names = [], focused = false;
  N.forEach(function (n, i) { if (n.k !== "statement") { names.push([n.l.toLowerCase(), i]); (n.a || []).forEach(function (a) { names.push([String(a).toLowerCase(), i]); }); } });
  var dl = document.getElementById("kg-names");
  dl.innerHTML = N.filter(function (n) { return n.k === "entity"; }).sort(function (a, b) { return b.s - a.s; }).slice(0, 2000)
    .map(function (n) { return '<option value="' + esc(n.l) + '">'; }).join("");
  function search(q) {
    q = String(q).trim().toLowerCase(); if (!q) { return; }
    var hit = null, best = -1;
    names.forEach(function (p) { if (p[0] === q && N[p[1]].s > best) { hit = p[1]; best = N[p[1]].s; } });
    if (hit === null) { names.forEach(function (p) { if (p[0].indexOf(q) >= 0 && N[p[1]].s > best) { hit = p[1]; best = N[p[1]].s; } }); }
    if (hit === null) { status.dataset.focused = ""; return; }
    if (!nodes.get(hit)) {  // found but not drawn: shown, with the filters that hid it lifted
      state.extra[hit] = true; state.hiddenTypes[N[hit].t] = false;
      if (!passes(hit)) { state.doc = ""; document.getElementById("kg-doc").value = ""; setRange(null); }
      sync(); legend();
    }
    network.selectNodes([hit]); network.focus(hit, {scale: Math.max(network.getScale(), 1.0), animation: false}); showNode(hit);
    focused = true;
    status.dataset.focused = N[hit].l;
  }
  var box = document.getElementById("kg-search");
  box.onkeydown = function (ev) { if (ev.key === "Enter") { search(box.value); } };
  document.getElementById("kg-go").onclick = function () { search(box.value); };

  // switches and filters
  function bind(id, key, after) {
    var el = document.getElementById(id); el.checked = state[key];
    el.onchange = function () { state[key] = el.checked; sync(); legend(); if (after) { after(); } };
  }
  bind("kg-statements", "statements");
  bind("kg-isolates", "isolates", function () { fit(); });
  bind("kg-comention", "comention");
  document.getElementById("kg-isolates-label").textContent = "unlinked (" + D.isolates + ")";
  var colour = document.getElementById("kg-colour"); colour.value = state.colour;
  colour.onchange = function () { state.colour = colour.value; recolour(); };
  var preds = {}; E.forEach(function (e) { if (e.k === "relation" || e.k === "event") { preds[e.l] = true; } });
  document.getElementById("kg-predicate").innerHTML += Object.keys(preds).sort().map(function (p) { return '<option value="' + esc(p) + '">' + esc(p) + "</option>"; }).join("");
  document.getElementById("kg-predicate").onchange = function (ev) { state.predicate = ev.target.value; sync(); };
  document.getElementById("kg-doc").innerHTML += D.docs.map(function (d, i) { return [docTitle(i), i]; })
    .sort(function (a, b) { return a[0] < b[0] ? -1 : 1; }).slice(0, 5000)
    .map(function (p) { return '<option value="' + p[1] + '">' + esc(p[0].slice(0, 80)) + "</option>"; }).join("");
  document.getElementById("kg-doc").onchange = function (ev) { state.doc = ev.target.value; sync(); };
  document.getElementById("kg-physics").onchange = function (ev) { network.setOptions({physics: {enabled: ev.target.checked}}); };
  document.getElementById("kg-fit").onclick = function () { fit(); };

  // fit: every shown node with the labels drawn at that zoom inside the window, not magnified past 1.5
  // (vis-network's own fit leaves labels out); the label sizes follow the page's scaling options
  // fit: every shown node, with the labels drawn at that zoom, inside the window; sizes are then set so
  // that labels and nodes are on screen the size they were laid out for (the most important labels
  // 14-22 px) whatever the window's size (vis-network's own fit leaves labels out)
  var K = 1, measuring = false, holding = false;
  function fit() {
    var ids = nodes.getIds(); if (!ids.length) { return; }
    var pos = network.getPositions(ids);
    var items = ids.map(function (id) {
      var n = N[id], px = n.fs * D.scale, r = n.sz * D.scale, lines = n.n ? 2 : 1;
      var chars = Math.min(n.k === "statement" ? 16 : 40, n.l.length), labelled = px >= 12;
      return {x: pos[id].x, y: pos[id].y, r: r, w: labelled ? 0.6 * px * Math.max(chars, n.n ? 13 : 0) : 0, h: labelled ? 1.2 * px * lines : 0};
    });
    var W = container.clientWidth, H = container.clientHeight, scale = D.scale, centre = {x: 0, y: 0};
    for (var pass = 0; pass < 8; pass++) {
      var x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
      items.forEach(function (it) {
        var hw = Math.max(it.r, it.w / 2) / scale;
        x0 = Math.min(x0, it.x - hw); x1 = Math.max(x1, it.x + hw);
        y0 = Math.min(y0, it.y - it.r / scale); y1 = Math.max(y1, it.y + (it.r + it.h + 4) / scale);
      });
      var s = Math.min(1.5 * D.scale, 0.97 * W / Math.max(1e-9, x1 - x0), 0.97 * H / Math.max(1e-9, y1 - y0));
      centre = {x: (x0 + x1) / 2, y: (y0 + y1) / 2};
      if (Math.abs(s - scale) < 1e-4 * scale) { break; }
      scale = 0.5 * (scale + s);
    }
    scale = Math.min(scale, s);
    K = D.scale / scale;
    nodes.update(ids.map(function (id) { return {id: id, size: N[id].sz * K, font: {size: N[id].fs * K}}; }));
    edges.update(edges.get().filter(function (e) { return !e.kgCo; }).map(function (e) {
      var x = E[+String(e.id).slice(1)]; return {id: e.id, font: {size: x.fs * K}};
    }));
    network.moveTo({position: centre, scale: scale, animation: false});
    status.dataset.scale = scale.toFixed(3);
    unclutter();
  }
  // labels that would cover another are drawn on zoom only: every node and edge label gets its size back,
  // the page is drawn, and the labels vis-network drew are kept from the most important node down (node
  // labels first, then the edges' between the most important nodes) while they cover no label kept before
  function boxOf(m) { var z = m.size; return {l: z.left, t: z.top, r: z.left + z.width, b: z.top + z.height}; }
  function covers(a, b, pad) { return a.l < b.r - pad && b.l < a.r - pad && a.t < b.b - pad && b.t < a.b - pad; }
  function drawnLabels() {
    var out = [];
    nodes.getIds().forEach(function (id) {
      var b = network.body.nodes[id];
      if (b && b.labelModule && b.labelModule.visible() && b.options.label) { out.push({kind: "n", id: id, box: boxOf(b.labelModule), rank: N[id].s}); }
    });
    edges.getIds().forEach(function (id) {
      var b = network.body.edges[id];
      if (b && b.labelModule && b.labelModule.visible() && b.options.label) {
        var rank = (N[b.fromId] ? N[b.fromId].s : 0) + (N[b.toId] ? N[b.toId].s : 0);
        out.push({kind: "e", id: id, box: boxOf(b.labelModule), rank: rank});
      }
    });
    return out;
  }
  function unclutter() {
    var scale = network.getScale();
    measuring = true; network.redraw(); measuring = false;  // a draw to measure: not reported
    var kept = [], quiet = {n: [], e: []};
    drawnLabels().sort(function (a, b) { return (a.kind === b.kind ? 0 : a.kind === "n" ? -1 : 1) || b.rank - a.rank; })
      .forEach(function (x) {
        var pad = 1 / scale;  // labels that only touch do not cover each other
        if (kept.some(function (k) { return covers(k, x.box, pad); })) { quiet[x.kind].push(x.id); } else { kept.push(x.box); }
      });
    var small = 10 / scale;  // under vis-network's draw threshold at this zoom: drawn from a zoom of about 1.3
    if (quiet.n.length) { nodes.update(quiet.n.map(function (id) { return {id: id, font: {size: small}}; })); }
    if (quiet.e.length) { edges.update(quiet.e.map(function (id) { return {id: id, font: {size: small}}; })); }
    status.dataset.quieted = quiet.n.length + quiet.e.length;
    network.redraw();
  }
  // overlapping labels as drawn (the self-report's count: 0 when unclutter did its work)
  function overlaps() {
    var ls = drawnLabels(), n = 0, pad = 1 / network.getScale();
    for (var a = 0; a < ls.length; a++) { for (var b = a + 1; b < ls.length; b++) { if (covers(ls[a].box, ls[b].box, pad)) { n++; } } }
    return n;
  }
  // refit whenever the graph's box changes size (window resized, bar wrapping onto more lines)
  var resizeTimer = null, lastSize = "";
  function onResize() {
    var size = container.clientWidth + "x" + container.clientHeight;
    if (size === lastSize) { return; }
    lastSize = size; clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () { network.setSize("100%", "100%"); network.redraw(); fit(); strip(); }, 30);
  }
  window.addEventListener("resize", onResize);
  if (window.ResizeObserver) { new ResizeObserver(onResize).observe(container); }

  // timeline strip: dated events, statements and quotes; drag to keep a range
  var T = D.timeline, canvas = document.getElementById("kg-strip"), tlabel = document.getElementById("kg-time-label");
  var t0 = Infinity, t1 = -Infinity;
  T.forEach(function (t) { if (t.a < t0) { t0 = t.a; } if (t.b > t1) { t1 = t.b; } });
  if (!T.length) { document.getElementById("kg-time").className = "empty"; }
  function day(d) { return new Date(d * 86400000).toISOString().slice(0, 10); }
  var drag = null;
  function xOf(d, w) { return 30 + (d - t0) / Math.max(1, t1 - t0 + 1) * (w - 60); }
  function dOf(x, w) { return Math.round(t0 + (x - 30) / Math.max(1, w - 60) * (t1 - t0 + 1)); }
  function strip() {
    var w = canvas.clientWidth, h = canvas.clientHeight, r = window.devicePixelRatio || 1;
    canvas.width = w * r; canvas.height = h * r;
    var c = canvas.getContext("2d"); c.setTransform(r, 0, 0, r, 0, 0); c.clearRect(0, 0, w, h);
    c.font = "11px system-ui, sans-serif"; c.fillStyle = "#666";
    if (!T.length) { c.fillText("timeline: no dated events, statements or articles in this graph", 10, 15); return; }
    var bins = Math.max(1, Math.min(Math.floor((w - 60) / 3), t1 - t0 + 1)), counts = new Array(bins).fill(0), max = 1;
    T.forEach(function (t) { var b = Math.min(bins - 1, Math.floor((t.a - t0) / Math.max(1, t1 - t0 + 1) * bins)); counts[b]++; if (counts[b] > max) { max = counts[b]; } });
    var bw = (w - 60) / bins, base = h - 16;
    if (state.range) { c.fillStyle = "#dbe9f7"; var x0 = xOf(state.range[0], w), x1 = xOf(state.range[1] + 1, w); c.fillRect(x0, 0, Math.max(2, x1 - x0), base); }
    // ticks: years, months or days, as the span allows
    var span = t1 - t0 + 1, step = span > 3 * 366 ? "y" : span > 62 ? "m" : "d";
    c.strokeStyle = "#ddd"; c.fillStyle = "#666"; var lastX = -1e9;
    for (var d = t0; d <= t1; d++) {
      var iso = day(d), tick = step === "y" ? iso.slice(5) === "01-01" : step === "m" ? iso.slice(8) === "01" : true;
      if (!tick && d !== t0) { continue; }
      var x = xOf(d, w), text = step === "y" ? iso.slice(0, 4) : step === "m" ? iso.slice(0, 7) : iso;
      c.beginPath(); c.moveTo(x, base); c.lineTo(x, base + 3); c.stroke();
      if (x - lastX > c.measureText(text).width + 12 && x + c.measureText(text).width < w) { c.fillText(text, x, h - 3); lastX = x; }
      if (step === "y" && d + 360 <= t1) { d += 360; } else if (step === "m" && d + 27 <= t1) { d += 27; }
    }
    c.fillStyle = "#f28e2b";
    counts.forEach(function (n, b) { if (n) { var bh = 3 + (base - 20) * n / max; c.fillRect(30 + b * bw, base - bh, Math.max(2, bw - 1), bh); } });
  }
  function setRange(a, b) {
    state.range = a === null ? null : [Math.min(a, b), Math.max(a, b)];
    tlabel.innerHTML = state.range ? day(state.range[0]) + " – " + day(state.range[1]) + ' <button id="kg-time-clear">all dates</button>'
      : (T.length ? T.length + " dated items · drag to keep a date range" : "");
    var clr = document.getElementById("kg-time-clear"); if (clr) { clr.onclick = function () { setRange(null); }; }
    sync(); strip();
  }
  // the pointer is captured while dragging, so a drag that ends off the strip (over the graph, past its
  // end) still sets the range; the date is clamped to the strip's span
  function dAt(ev) {
    var w = canvas.clientWidth, x = ev.clientX - canvas.getBoundingClientRect().left;
    return Math.max(t0, Math.min(t1, dOf(Math.max(30, Math.min(w - 30, x)), w)));
  }
  canvas.onpointerdown = function (ev) {
    if (!T.length || ev.button !== 0) { return; }
    drag = dAt(ev); if (canvas.setPointerCapture) { canvas.setPointerCapture(ev.pointerId); }
  };
  canvas.onpointermove = function (ev) { if (drag !== null && ev.buttons) { var b = dAt(ev); state.range = [Math.min(drag, b), Math.max(drag, b)]; strip(); } };
  canvas.onpointerup = function (ev) { if (drag === null) { return; } var a = drag; drag = null; setRange(a, dAt(ev)); };
  canvas.onpointercancel = function () { if (drag !== null) { drag = null; setRange(null); } };
  window.kgSetRange = function (a, b) { setRange(a === null ? null : Math.round(Date.parse(a) / 86400000), Math.round(Date.parse(b) / 86400000)); };

  // first draw (fit once more when it is done: the labels' sizes are known then), then the self-report
  var stage = 0;  // 0: before the first draw, 1: refit asked, 2: refit drawn, 3: reported
  network.on("afterDrawing", function () {
    report();
    if (measuring || holding) { return; }  // draws while measuring labels or refitting are not reported
    if (stage === 0) { stage = 1; status.dataset.drawms = Math.round(performance.now()); setTimeout(function () { holding = true; if (!focused) { fit(); } holding = false; stage = 2; network.redraw(); }, 0); return; }
    if (stage !== 2) { status.dataset.nodes = nodes.length; status.dataset.edges = edges.length; return; }
    stage = 3;
    var rect = container.getBoundingClientRect(), inside = true, labels = 0, minLabel = 0, scale = network.getScale();
    var pos = network.getPositions(), outside = [];
    Object.keys(pos).forEach(function (id) {
      var p = network.canvasToDOM(pos[id]);
      if (!(p.x >= 0 && p.y >= 0 && p.x <= rect.width && p.y <= rect.height)) { inside = false; outside.push(N[id].l + "@" + Math.round(p.x) + "," + Math.round(p.y) + "/" + Math.round(rect.width) + "x" + Math.round(rect.height)); }
      var body = network.body.nodes[id];
      if (body && body.labelModule && body.labelModule.visible()) {
        var px = body.labelModule.fontOptions.size * scale;
        labels++; if (!minLabel || px < minLabel) { minLabel = px; }
      }
    });
    var doc = document.documentElement;
    status.dataset.inside = inside ? "1" : "0";
    status.dataset.outside = outside.slice(0, 5).join("|");
    status.dataset.overflow = (doc.scrollWidth > window.innerWidth || doc.scrollHeight > window.innerHeight) ? "1" : "0";
    status.dataset.labels = labels; status.dataset.minlabel = minLabel.toFixed(1);
    status.dataset.overlaps = overlaps();
    status.dataset.hidden = state.isolates ? 0 : D.isolates;
    status.dataset.nodes = nodes.length; status.dataset.edges = edges.length;
    status.dataset.drawn = "1";
    selftest();
  });
  function selftest() {
    var m = /^(\d+)$/.exec(hash.selftest || "");
    if (!m) { return; }
    var ok = status.dataset.drawn === "1" && window.__kgErrors.length === 0 && status.dataset.nodes === m[1] &&
      status.dataset.inside === "1" && status.dataset.overflow === "0" && +status.dataset.labels > 0;
    var cover = document.createElement("div");
    cover.id = "kg-selftest";
    cover.style.cssText = "position:fixed;left:0;top:0;width:100vw;height:100vh;z-index:99;background:" + (ok ? "#00ff00" : "#ff0000");
    document.body.appendChild(cover);
  }

  var ready = false;
  sync(); legend();
  if (hash.from && hash.to) { window.kgSetRange(hash.from, hash.to); } else { setRange(null); }
  fit();
  strip();
  ready = true;
  if (hash.search) { box.value = hash.search; search(hash.search); }
  report();
})();
"""
