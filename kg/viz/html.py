"""A self-contained HTML viewer (pyvis / vis-network) of the NetworkX projection.

* resources in-line: the page works from a file:// URL with no network
  (pyvis's CDN links for Bootstrap, which the page does not need, are removed);
* the layout is computed in Python and physics is off, so the page is still
  from the first frame;
* nodes are coloured and shaped by type, sized by mention count, with a legend;
  hovering shows aliases and, for edges, the predicate and source sentence.
"""
from __future__ import annotations

import html
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["render_html", "write_html", "STYLE"]

#: colour and vis-network shape per node type
STYLE: dict[str, tuple[str, str]] = {
    "Person": ("#e15759", "dot"),
    "Organization": ("#4e79a7", "square"),
    "Country": ("#59a14f", "triangle"),
    "City": ("#8cd17d", "triangleDown"),
    "Place": ("#b6992d", "diamond"),
    "Event": ("#f28e2b", "star"),
    "Thing": ("#9d9d9d", "dot"),
}
_CDN = re.compile(r"<(?:link|script)[^>]*https?://[^>]*>\s*(?:</script>)?", re.IGNORECASE)


def _layout(g: "nx.MultiDiGraph") -> dict[str, tuple[float, float]]:
    import networkx as nx

    if g.number_of_nodes() == 0:
        return {}
    simple = nx.Graph(g.to_undirected())
    k = 1.5 / max(1, simple.number_of_nodes()) ** 0.5
    pos = nx.spring_layout(simple, seed=7, k=k, iterations=50 if len(simple) > 2000 else 100)
    scale = 120 * max(1, simple.number_of_nodes()) ** 0.5
    return {n: (float(x) * scale, float(y) * scale) for n, (x, y) in pos.items()}


def _legend(types: set[str]) -> str:
    items = "".join(
        f'<span style="margin-right:14px"><span style="display:inline-block;width:11px;height:11px;'
        f'background:{STYLE[t][0]};margin-right:4px"></span>{t}</span>'
        for t in STYLE if t in types
    )
    return f'<div id="kg-legend" style="font:13px sans-serif;padding:6px 10px">{items}</div>'


def render_html(g: "nx.MultiDiGraph", title: str = "kg") -> str:
    """The viewer page for a projection as an HTML string."""
    from pyvis.network import Network

    net = Network(height="90vh", width="100%", directed=True, cdn_resources="in_line", heading="")
    pos = _layout(g)
    # fill pyvis's lists directly: add_node/add_edge search lists and are quadratic
    for n, data in g.nodes(data=True):
        color, shape = STYLE.get(data.get("type", "Thing"), STYLE["Thing"])
        x, y = pos.get(n, (0.0, 0.0))
        tip = f"{data.get('label', n)} ({data.get('type', '')})"
        if data.get("aliases"):
            tip += "\nalso: " + data["aliases"].replace("|", ", ")
        node = {"id": n, "label": data.get("label", n), "title": tip, "color": color, "shape": shape,
                "x": x, "y": y, "size": 10 + min(30, 3 * int(data.get("mentions", 0) or 0)),
                "kgType": data.get("type", "Thing")}
        net.nodes.append(node)
        net.node_ids.append(n)
        net.node_map[n] = node
    for s, o, data in g.edges(data=True):
        label = data.get("role") or data.get("predicate", "")
        net.edges.append({"from": s, "to": o, "label": label, "arrows": "to",
                          "title": f"{data.get('predicate', '')}: {data.get('sentence', '')}"})
    net.toggle_physics(False)
    page = net.generate_html()
    page = _CDN.sub("", page)
    page = page.replace("<center>\n<h1></h1>\n</center>", "")
    header = (f'<div style="font:15px sans-serif;padding:6px 10px"><b>{html.escape(title)}</b> — '
              f'{g.number_of_nodes()} nodes, {g.number_of_edges()} edges</div>' + _legend(
                  {d.get("type", "Thing") for _, d in g.nodes(data=True)}))
    return page.replace("<body>", "<body>\n" + header, 1)


def write_html(g: "nx.MultiDiGraph", path: str | Path, title: str = "kg") -> Path:
    """Write the viewer for ``g`` to ``path`` (written to a temporary name, then renamed)."""
    import os

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_text(render_html(g, title), encoding="utf-8")
    os.replace(tmp, path)
    return path
