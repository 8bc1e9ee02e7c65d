"""A self-contained HTML viewer (pyvis / vis-network) of the graph.

* resources in-line: the page works from a file:// URL with no network
  (pyvis's CDN links for Bootstrap, which the page does not need, are removed);
* the layout is computed in Python and physics is off (a toggle turns it on);
  past 499 nodes a spring layout of the most connected nodes is extended
  outwards, so writing a 10,000-node page stays fast;
* nodes are coloured and shaped by type with a legend, sized by mention count;
  edges show their predicate and sentence on hover;
* a side panel shows what a clicked node or edge is and where it comes from
  (source sentences with the mention highlighted, quotes, events); a search
  box, filters by type / predicate / document and an N-hop neighbourhood mode.

The page reports its state in ``#kg-status`` (``data-drawn``, ``data-nodes``,
``data-edges``, ``data-focused``, ``data-errors``), which the browser tests read;
``#search=LABEL`` in the URL runs a search on load; ``#selftest=NODES,EDGES``
covers the page green when it drew exactly that many nodes and edges without
a JavaScript error, red otherwise (for browsers tested by screenshot).
"""
from __future__ import annotations

import html
import json
import math
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["render_html", "write_html", "STYLE", "layout"]

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
#: nodes laid out by the force-directed spring layout; networkx switches to a much slower sparse
#: implementation from 500 nodes on, so larger graphs lay out their most connected 499 nodes and
#: place the rest around them (writing time then grows linearly with the graph)
_BACKBONE = 499
_STRAIGHT_EDGES = 2000


def layout(g: "nx.Graph", seed: int = 7) -> dict[Any, tuple[float, float]]:
    """Node positions: a spring layout of the ``_BACKBONE`` most connected nodes (all of them in
    a small graph), then every other node placed around its placed neighbour, breadth first;
    components with no backbone node are packed on a grid."""
    import networkx as nx

    simple = nx.Graph(g.to_undirected()) if g.is_directed() else nx.Graph(g)
    n = simple.number_of_nodes()
    if n == 0:
        return {}
    scale = 120 * math.sqrt(n)
    if n <= _BACKBONE:
        backbone = simple
    else:
        by_degree = sorted(simple.nodes, key=lambda v: (-simple.degree(v), str(v)))
        backbone = simple.subgraph(by_degree[:_BACKBONE])
    k = 1.5 / math.sqrt(backbone.number_of_nodes())
    pos0 = nx.spring_layout(backbone, seed=seed, k=k, iterations=100)
    out = {v: (float(x) * scale, float(y) * scale) for v, (x, y) in pos0.items()}
    step = scale / math.sqrt(n) * 2.5
    frontier = list(out)
    while frontier:
        nxt = []
        for p in frontier:
            kids = [c for c in simple.neighbors(p) if c not in out]
            px, py = out[p]
            for i, c in enumerate(sorted(kids, key=str)):
                a = 2 * math.pi * i / max(1, len(kids))
                r = step * (1 + i // 24)
                out[c] = (px + r * math.cos(a), py + r * math.sin(a))
                nxt.append(c)
        frontier = nxt
    rest = [c for c in nx.connected_components(simple) if not (c & out.keys())]
    cols = max(1, int(math.sqrt(len(rest))))
    x0 = max((x for x, _ in out.values()), default=0.0) + 4 * step
    for i, comp in enumerate(sorted(rest, key=lambda c: (-len(c), sorted(map(str, c))[0]))):
        cx, cy = x0 + (i % cols) * 6 * step, (i // cols) * 6 * step
        members = sorted(comp, key=str)
        for j, v in enumerate(members):
            a = 2 * math.pi * j / len(members)
            out[v] = (cx + 2 * step * math.cos(a), cy + 2 * step * math.sin(a))
    return out


def _legend(types: set[str]) -> str:
    items = "".join(
        f'<label class="kg-type"><input type="checkbox" checked data-type="{t}"> '
        f'<span style="display:inline-block;width:11px;height:11px;background:{STYLE[t][0]}"></span> {t}</label>'
        for t in STYLE if t in types
    )
    return f'<div id="kg-legend">{items}</div>'


_CSS = """
body{margin:0;font:13px sans-serif}
#kg-bar{display:flex;flex-wrap:wrap;gap:10px;align-items:center;padding:6px 10px;border-bottom:1px solid #ddd}
#kg-legend{display:inline-flex;gap:10px}
#kg-panel{position:fixed;right:0;top:0;width:340px;height:100vh;overflow:auto;background:#fafafa;
  border-left:1px solid #ccc;padding:10px;box-sizing:border-box;display:none;z-index:10}
#kg-panel h3{margin:4px 0} #kg-panel mark{background:#ffe08a} #kg-panel li{margin-bottom:6px}
#kg-note{color:#a33}
"""

#: first script of the page: records uncaught errors and console.error calls in window.__kgErrors
_ERROR_HOOK = """<script>window.__kgErrors = [];
window.addEventListener("error", function (e) { window.__kgErrors.push(String(e.message)); });
(function () { var orig = console.error; console.error = function () {
  window.__kgErrors.push(Array.prototype.join.call(arguments, " ")); orig.apply(console, arguments); }; })();
</script>"""

_JS = r"""
(function () {
  var status = document.getElementById("kg-status");
  function report() { status.dataset.errors = window.__kgErrors.length; }
  report();
  window.addEventListener("error", report);
  var info = JSON.parse(document.getElementById("kg-data").textContent);
  function esc(s) { return String(s).replace(/[&<>"]/g, function (c) { return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}[c]; }); }
  function start() {
    if (typeof network === "undefined" || !network) { return setTimeout(start, 20); }
    var panel = document.getElementById("kg-panel");
    var hidden = {types: {}, predicate: "", doc: ""};
    var hood = null;
    function visibleCounts() {
      // what vis-network draws: its visible node and edge indices
      status.dataset.nodes = network.body.nodeIndices.length;
      status.dataset.edges = network.body.edgeIndices.length;
    }
    network.on("afterDrawing", function () {
      visibleCounts(); report();
      if (status.dataset.drawn !== "1") { status.dataset.drawms = Math.round(performance.now()); }
      status.dataset.drawn = "1";
    });
    network.redraw();
    function showNode(id) {
      var d = info.nodes[id] || {}; var n = nodes.get(id);
      var h = "<h3>" + esc(n.label) + "</h3><div>" + esc(n.kgType) + "</div>";
      if (d.aliases && d.aliases.length) { h += "<div>also: " + esc(d.aliases.join(", ")) + "</div>"; }
      if (d.wikidata) { h += '<div><a href="' + esc(d.wikidata) + '" target="_blank">Wikidata</a></div>'; }
      if (d.sentences && d.sentences.length) {
        h += "<h4>Sources</h4><ul>" + d.sentences.map(function (s) {
          var t = s.text; var a = esc(t.slice(0, s.from)), b = esc(t.slice(s.from, s.to)), c = esc(t.slice(s.to));
          return "<li><b>" + esc(s.title || s.doc) + "</b> " + esc(s.date || "") + "<br>" + a + "<mark>" + b + "</mark>" + c + "</li>";
        }).join("") + "</ul>";
      }
      if (d.quotes && d.quotes.length) {
        h += "<h4>Quotes</h4><ul>" + d.quotes.map(function (q) { return "<li>“" + esc(q.text) + "” " + esc(q.date || "") + "</li>"; }).join("") + "</ul>";
      }
      if (d.events && d.events.length) {
        h += "<h4>Events</h4><ul>" + d.events.map(function (e) { return "<li>" + esc(e.type) + ": " + esc(e.label) + " (" + esc(e.role) + ")" + (e.date ? " " + esc(e.date) : "") + "</li>"; }).join("") + "</ul>";
      }
      panel.innerHTML = '<button id="kg-close">×</button>' + h; panel.style.display = "block";
      document.getElementById("kg-close").onclick = function () { panel.style.display = "none"; };
    }
    function showEdge(id) {
      var e = edges.get(id);
      panel.innerHTML = '<button id="kg-close">×</button><h3>' + esc(e.kgPredicate) + (e.kgRole ? " (" + esc(e.kgRole) + ")" : "") +
        "</h3><div>" + esc(nodes.get(e.from).label) + " → " + esc(nodes.get(e.to).label) + "</div><p>" + esc(e.kgSentence) +
        "</p><div>" + esc(e.kgDocTitle || e.kgDoc) + "</div>";
      panel.style.display = "block";
      document.getElementById("kg-close").onclick = function () { panel.style.display = "none"; };
    }
    network.on("click", function (p) {
      if (p.nodes.length) { showNode(p.nodes[0]); if (hood !== null) { applyFilters(); } }
      else if (p.edges.length) { showEdge(p.edges[0]); }
    });
    function within(id, hops) {
      var seen = {}; seen[id] = true; var frontier = [id];
      for (var i = 0; i < hops; i++) {
        var next = [];
        frontier.forEach(function (v) { network.getConnectedNodes(v).forEach(function (w) { if (!seen[w]) { seen[w] = true; next.push(w); } }); });
        frontier = next;
      }
      return seen;
    }
    function applyFilters() {
      var sel = network.getSelectedNodes();
      var keep = (hood !== null && sel.length) ? within(sel[0], hood) : null;
      nodes.update(nodes.get().map(function (n) {
        var d = info.nodes[n.id] || {};
        var h = !!hidden.types[n.kgType] || (keep !== null && !keep[n.id]) ||
                (hidden.doc && (d.docs || []).indexOf(hidden.doc) < 0);
        return {id: n.id, hidden: h};
      }));
      edges.update(edges.get().map(function (e) {
        return {id: e.id, hidden: !!(hidden.predicate && e.kgPredicate !== hidden.predicate) || !!(hidden.doc && e.kgDoc !== hidden.doc)};
      }));
      visibleCounts();
    }
    document.querySelectorAll("#kg-legend input").forEach(function (box) {
      box.onchange = function () { hidden.types[box.dataset.type] = !box.checked; applyFilters(); };
    });
    document.getElementById("kg-predicate").onchange = function (ev) { hidden.predicate = ev.target.value; applyFilters(); };
    document.getElementById("kg-doc").onchange = function (ev) { hidden.doc = ev.target.value; applyFilters(); };
    document.getElementById("kg-hops").onchange = function (ev) { var v = parseInt(ev.target.value, 10); hood = v > 0 ? v : null; applyFilters(); };
    document.getElementById("kg-physics").onchange = function (ev) { network.setOptions({physics: {enabled: ev.target.checked}}); };
    function search(q) {
      q = String(q).trim().toLowerCase(); if (!q) { return; }
      var hit = null;
      nodes.forEach(function (n) {
        var d = info.nodes[n.id] || {};
        var names = [n.label].concat(d.aliases || []).map(function (s) { return String(s).toLowerCase(); });
        if (hit === null && names.indexOf(q) >= 0) { hit = n.id; }
      });
      if (hit === null) { nodes.forEach(function (n) { if (hit === null && String(n.label).toLowerCase().indexOf(q) >= 0) { hit = n.id; } }); }
      if (hit === null) { status.dataset.focused = ""; return; }
      network.selectNodes([hit]); network.focus(hit, {scale: 1.2}); showNode(hit);
      status.dataset.focused = nodes.get(hit).label;
    }
    var box = document.getElementById("kg-search");
    box.onkeydown = function (ev) { if (ev.key === "Enter") { search(box.value); } };
    document.getElementById("kg-go").onclick = function () { search(box.value); };
    var m = /#search=([^&]*)/.exec(window.location.hash);
    if (m) { var q = decodeURIComponent(m[1]); box.value = q; search(q); }
    // #selftest=NODES,EDGES (browsers without a DOM dump, e.g. headless Firefox, are tested by a
    // screenshot): a full-page green cover when the page drew exactly that many nodes and edges without
    // an error, red otherwise
    var t = /selftest=(\d+),(\d+)/.exec(window.location.hash);
    if (t) {
      var cover = document.createElement("div");
      cover.id = "kg-selftest";
      cover.style.cssText = "position:fixed;left:0;top:0;width:100vw;height:100vh;z-index:99;background:#ff0000";
      document.body.appendChild(cover);
      var check = function () {
        var ok = status.dataset.drawn === "1" && window.__kgErrors.length === 0 &&
          status.dataset.nodes === t[1] && status.dataset.edges === t[2];
        cover.style.background = ok ? "#00ff00" : "#ff0000";
      };
      network.on("afterDrawing", check);
      check();
    }
  }
  start();
})();
"""


def _panel_data(g: "nx.MultiDiGraph", details: dict[str, Any] | None) -> dict[str, Any]:
    details = details or {}
    nodes = {}
    for n, d in g.nodes(data=True):
        extra = details.get(n, {})
        nodes[n] = {"aliases": [a for a in (d.get("aliases") or "").split("|") if a],
                    "wikidata": d.get("wikidata") or "", **extra}
    return {"nodes": nodes}


def _options(items: list[str], label: str, elem_id: str) -> str:
    opts = "".join(f'<option value="{html.escape(i)}">{html.escape(i.rsplit("/", 1)[-1])}</option>' for i in items)
    return f'<label>{label} <select id="{elem_id}"><option value="">all</option>{opts}</select></label>'


def render_html(g: "nx.MultiDiGraph", title: str = "kg", details: dict[str, Any] | None = None,
                note: str = "") -> str:
    """The viewer page for a projection as an HTML string.

    ``details`` maps a node id to panel data (``sentences``, ``quotes``, ``events``, ``docs``);
    ``note`` is shown at the top (for example when nodes were left out).
    """
    from pyvis.network import Network

    net = Network(height="85vh", width="100%", directed=True, cdn_resources="in_line", heading="")
    pos = layout(g)
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
    predicates: set[str] = set()
    docs: set[str] = set()
    for i, (s, o, data) in enumerate(g.edges(data=True)):
        pred = data.get("predicate", "")
        predicates.add(pred)
        docs.add(data.get("document", ""))
        net.edges.append({"id": f"e{i}", "from": s, "to": o, "arrows": "to",
                          "title": f"{pred}{' (' + data['role'] + ')' if data.get('role') else ''}: {data.get('sentence', '')}",
                          "kgPredicate": pred, "kgRole": data.get("role", ""), "kgSentence": data.get("sentence", ""),
                          "kgDoc": data.get("document", ""), "kgDocTitle": data.get("title", "")})
    for d in (details or {}).values():
        docs.update(d.get("docs", []))
    net.toggle_physics(False)
    # pyvis's default "dynamic" curved edges add a hidden support node per edge; straight edges past
    # _STRAIGHT_EDGES keep the first draw of a 10,000-node page fast
    big = g.number_of_edges() > _STRAIGHT_EDGES
    net.options.edges.smooth = {"enabled": not big, "type": "continuous"}
    net.options.interaction.hideEdgesOnDrag = big
    page = net.generate_html()
    page = _CDN.sub("", page)
    page = re.sub(r"<center>\s*<h1>\s*</h1>\s*</center>", "", page)
    data_json = json.dumps(_panel_data(g, details), ensure_ascii=False).replace("</", "<\\/")
    bar = (
        f'<div id="kg-bar"><b>{html.escape(title)}</b><span>{g.number_of_nodes()} nodes, '
        f'{g.number_of_edges()} edges</span>'
        + (f'<span id="kg-note">{html.escape(note)}</span>' if note else "")
        + _legend({d.get("type", "Thing") for _, d in g.nodes(data=True)})
        + '<input id="kg-search" placeholder="find a node by name or alias" size="28"><button id="kg-go">find</button>'
        + _options(sorted(p for p in predicates if p), "predicate", "kg-predicate")
        + _options(sorted(d for d in docs if d), "document", "kg-doc")
        + '<label>neighbourhood <select id="kg-hops"><option value="0">all</option><option>1</option>'
          '<option>2</option><option>3</option></select> hops of the selected node</label>'
        + '<label><input type="checkbox" id="kg-physics"> physics</label></div>'
        + '<div id="kg-status" hidden data-drawn="0" data-errors="0"></div><div id="kg-panel"></div>'
    )
    page = page.replace("<head>", "<head>\n" + _ERROR_HOOK, 1)
    page = page.replace("</head>", f"<style>{_CSS}</style>\n</head>", 1)
    page = page.replace("<body>", "<body>\n" + bar, 1)
    tail = (f'<script type="application/json" id="kg-data">{data_json}</script>\n'
            f"<script>{_JS}</script>\n</body>")
    return page.replace("</body>", tail, 1)


def write_html(g: "nx.MultiDiGraph", path: str | Path, title: str = "kg", details: dict[str, Any] | None = None,
               note: str = "") -> Path:
    """Write the viewer for ``g`` to ``path`` (written to a temporary name, then renamed)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_text(render_html(g, title, details, note), encoding="utf-8")
    os.replace(tmp, path)
    return path
