"""What a user does with the viewer, done in headless Chromium with real mouse events (``cdp.Page``):
at archive scale a click on a node and its "show neighbours" (or a double click) adds the neighbours the
first view left out; dragging over the timeline strip keeps what happened in that range and "all dates"
brings the first view back. Every wait is on a condition in the page."""
from __future__ import annotations

import json
from datetime import date

import pytest

from viewer_data import CHROMIUM, archive_page, page_data, small_store  # noqa: F401 (fixtures)

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="LOUD SKIP: Chromium is not installed (apt-get install chromium); viewer untested in a browser"
)
SHOWN = "window.kgNetwork.body.data.nodes.getIds().map(Number).sort(function (a, b) { return a - b; })"
PANEL_OPEN = "document.getElementById('kg-panel').style.display === 'block'"


def first_view(data: dict) -> set[int]:
    return {i for i, n in enumerate(data["nodes"]) if n.get("f")}


def neighbours(data: dict, i: int, node_ok=lambda n: True, edge_ok=lambda e: True) -> set[int]:
    """Nodes linked to ``i`` by an edge of the entity view (not a statement's: those come with the statements
    switch) that ``edge_ok`` keeps, and that ``node_ok`` keeps."""
    out = set()
    for e in data["edges"]:
        if i in (e["f"], e["t"]) and e["k"] not in ("said", "stated") and edge_ok(e):
            out.add(e["t"] if e["f"] == i else e["f"])
    return {o for o in out if data["nodes"][o]["k"] != "statement" and node_ok(data["nodes"][o])} - {i}


def hits(page, i: int) -> bool:
    """Whether a click where node ``i`` is drawn lands on it (not on another node over it)."""
    x, y = page.node_at(i)
    return page.js(f"window.kgNetwork.getNodeAt({{x: {x} - document.getElementById('kg-graph').getBoundingClientRect().left,"
                   f" y: {y} - document.getElementById('kg-graph').getBoundingClientRect().top}})") == i


def clickable(page, data: dict, shown: set[int]) -> int:
    """A first-view node with neighbours left out, drawn where a click hits it (not under another)."""
    candidates = sorted((i for i in shown if neighbours(data, i) - shown), key=lambda i: -data["nodes"][i]["s"])
    for i in candidates:
        if hits(page, i):
            return i
    raise AssertionError("no node of the first view with hidden neighbours can be clicked")


@pytest.mark.parametrize("how", ["button", "double click"])
def test_show_neighbours_at_archive_scale(archive_page, how):
    from cdp import Page

    data = page_data(archive_page)
    shown = first_view(data)
    entities = [i for i, n in enumerate(data["nodes"]) if n["k"] == "entity"]
    assert len(entities) > 300 and len(shown.intersection(entities)) <= 300
    with Page(archive_page) as p:
        assert set(p.js(SHOWN)) == shown
        i = clickable(p, data, shown)
        new = neighbours(data, i) - shown
        x, y = p.node_at(i)
        if how == "button":
            p.click(x, y)
            p.wait(PANEL_OPEN + " && !!document.getElementById('kg-more')")
            assert p.js("document.querySelector('#kg-panel h3').textContent") == data["nodes"][i]["l"]
            assert p.js("document.getElementById('kg-more').textContent") == \
                f"show {len(new)} hidden neighbour" + ("s" if len(new) > 1 else "")
            p.click(*p.centre_of("#kg-more"))
        else:
            p.click(x, y, count=2)
        p.wait(f"window.kgNetwork.body.data.nodes.length === {len(shown | new)}")
        assert set(p.js(SHOWN)) == shown | new
        # the node's links to them are drawn, the panel no longer offers more, nothing went wrong
        drawn = set(p.js("window.kgNetwork.body.data.edges.get().map(function (e) { return [e.from, e.to].join(' '); })"))
        for o in new:
            assert f"{i} {o}" in drawn or f"{o} {i}" in drawn
        p.wait(PANEL_OPEN + " && !document.getElementById('kg-more')")
        # and they are where the user is looking: inside the graph's box
        box = p.js("(function () { var b = document.getElementById('kg-graph').getBoundingClientRect();"
                   " return [b.left, b.top, b.right, b.bottom]; })()")
        for o in new | {i}:
            ox, oy = p.node_at(o)
            assert box[0] <= ox <= box[2] and box[1] <= oy <= box[3], (data["nodes"][o]["l"], ox, oy, box)
        assert p.status()["errors"] == "0"


def _days(iso: str) -> int:
    return (date.fromisoformat(iso) - date(1970, 1, 1)).days


def _expected(data: dict, shown: set[int], a: int, b: int) -> set[int]:
    return {i for i in shown if any(s[1] >= a and s[0] <= b for s in data["nodes"][i].get("dt", []))}


@pytest.mark.parametrize("release", ["on the strip", "above the strip"])
def test_timeline_drag_filters_and_all_dates_restores(archive_page, release):
    from cdp import Page

    data = page_data(archive_page)
    shown = first_view(data)
    with Page(archive_page) as p:
        left, top, width, height = p.js("(function () { var b = document.getElementById('kg-strip').getBoundingClientRect();"
                                        " return [b.left, b.top, b.width, b.height]; })()")
        y = top + height / 2
        x0, x1 = left + 0.65 * width, left + 0.8 * width
        p.drag(x0, y, x1, y if release == "on the strip" else top - 80)
        p.wait("!!document.getElementById('kg-time-clear')")
        label = p.js("document.getElementById('kg-time-label').textContent")
        a, b = (_days(s) for s in label.split(" all dates")[0].split(" – "))
        assert a < b
        want = _expected(data, shown, a, b)
        assert 0 < len(want) < len(shown)
        p.wait(f"window.kgNetwork.body.data.nodes.length === {len(want)}")
        assert set(p.js(SHOWN)) == want
        # every drawn link happened in the range too
        for j in p.js("window.kgNetwork.body.data.edges.getIds().filter(function (id) { return id[0] === 'e'; })"):
            e = data["edges"][int(j[1:])]
            assert any(s[1] >= a and s[0] <= b for s in e.get("dt", [])), e
        # clearing the range brings the first view back
        p.click(*p.centre_of("#kg-time-clear"))
        p.wait(f"window.kgNetwork.body.data.nodes.length === {len(shown)} && !document.getElementById('kg-time-clear')")
        assert set(p.js(SHOWN)) == shown
        assert p.status()["errors"] == "0"


def _overlap(spans, a: int, b: int) -> bool:
    return any(s[1] >= a and s[0] <= b for s in spans or [])


@pytest.mark.parametrize("how", ["date range", "class"])
def test_hidden_neighbours_count_what_the_button_adds_under_a_filter(archive_page, how):
    """With a filter on (a date range dragged on the timeline, a class unticked in the legend), "show N
    hidden neighbours" counts only the neighbours the filter lets through, and adds exactly those."""
    from cdp import Page

    data = page_data(archive_page)
    with Page(archive_page) as p:
        if how == "date range":
            left, top, width, height = p.js("(function () { var b = document.getElementById('kg-strip').getBoundingClientRect();"
                                            " return [b.left, b.top, b.width, b.height]; })()")
            p.drag(left + 0.3 * width, top + height / 2, left + 0.7 * width, top + height / 2)
            p.wait("!!document.getElementById('kg-time-clear')")
            label = p.js("document.getElementById('kg-time-label').textContent")
            a, b = (_days(x) for x in label.split(" all dates")[0].split(" – "))

            def node_ok(n):
                return _overlap(n.get("dt"), a, b)

            def edge_ok(e):
                return _overlap(e.get("dt"), a, b)
        else:
            p.click(*p.centre_of("#kg-legend input[data-type=City]"))
            p.wait("!document.querySelector('#kg-legend input[data-type=City]').checked")

            def node_ok(n):
                return n["t"] != "City"

            def edge_ok(e):
                return True
        shown = set(p.js(SHOWN))
        assert shown
        # a drawn node some of whose left-out neighbours the filter hides, and some it lets through
        candidates = sorted((i for i in shown if neighbours(data, i) - shown
                             and 0 < len(neighbours(data, i, node_ok, edge_ok) - shown) < len(neighbours(data, i) - shown)),
                            key=lambda i: -data["nodes"][i]["s"])
        i = next((i for i in candidates if hits(p, i)), None)
        assert i is not None, "no drawn node with neighbours both hidden by the filter and not"
        new = neighbours(data, i, node_ok, edge_ok) - shown
        p.click(*p.node_at(i))
        p.wait(PANEL_OPEN + " && !!document.getElementById('kg-more')")
        assert p.js("document.getElementById('kg-more').textContent") == \
            f"show {len(new)} hidden neighbour" + ("s" if len(new) > 1 else "")
        p.click(*p.centre_of("#kg-more"))
        p.wait(f"window.kgNetwork.body.data.nodes.length === {len(shown | new)}")
        assert set(p.js(SHOWN)) == shown | new
        p.wait(PANEL_OPEN + " && !document.getElementById('kg-more')")
        assert p.status()["errors"] == "0"


def test_statements_switch_draws_what_a_speaker_stated_about(small_store, tmp_path):
    """Edges that only say a speaker named an entity (kg:statedAbout) are drawn with the statements, not before."""
    from cdp import Page

    from kg.viz import from_store, write_html

    page = write_html(from_store(small_store), tmp_path / "v.html")
    kinds = json.dumps([e["k"] for e in page_data(page)["edges"]])
    stated = (f"(function (k) {{ return window.kgNetwork.body.data.edges.getIds().filter(function (id) {{"
              f" return id[0] === 'e' && k[+id.slice(1)] === 'stated'; }}).length; }})({kinds})")
    with Page(page, "#isolates=1") as p:  # Initech, named in Roe's statement, has no other link: shown by the switch
        assert p.js("window.kgNetwork.body.data.nodes.get().some(function (n) { return n.label === 'Initech'; })")
        assert p.js(stated) == 0
        p.click(*p.centre_of("#kg-statements"))
        p.wait("document.getElementById('kg-statements').checked")
        assert p.js(stated) > 0
        assert p.status()["errors"] == "0"


INSIDE = ("(function () { var n = window.kgNetwork, b = document.getElementById('kg-graph').getBoundingClientRect(),"
          " p = n.getPositions(), out = []; Object.keys(p).forEach(function (id) { var d = n.canvasToDOM(p[id]);"
          " if (!(d.x >= 0 && d.y >= 0 && d.x <= b.width && d.y <= b.height)) { out.push(id); } }); return out; })()")


def test_the_first_view_is_fitted_again_when_the_window_changes_size(archive_page):
    """Fit on resize: after the window shrinks, every drawn node is inside the graph's box again, the page
    has no scrollbars and the labels drawn are still legible."""
    from cdp import Page

    with Page(archive_page, size=(1400, 900)) as p:
        assert p.js(INSIDE) == []
        before = p.status()["scale"]
        p.call("Emulation.setDeviceMetricsOverride", width=820, height=620, deviceScaleFactor=1, mobile=False)
        p.wait(f"document.getElementById('kg-status').dataset.scale !== '{before}'")
        # without a refit, the nodes at the right and the bottom of the 1400 x 900 view lie outside the smaller box
        assert p.js(INSIDE) == []
        assert p.js("document.documentElement.scrollWidth <= window.innerWidth && "
                    "document.documentElement.scrollHeight <= window.innerHeight")
        assert p.js("(function () { var n = window.kgNetwork, s = n.getScale(), small = 0;"
                    " n.body.data.nodes.getIds().forEach(function (id) { var m = n.body.nodes[id].labelModule;"
                    " if (m.visible() && m.fontOptions.size * s < 12) { small++; } }); return small; })()") == 0
        assert p.status()["errors"] == "0"
