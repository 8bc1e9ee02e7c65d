"""The written page: self-contained, holding every node for search, the first view chosen in Python."""
from __future__ import annotations

import re

import pytest

from kg.errors import KGError
from kg.viz import ViewOptions, from_store, render_html, write_html
from viewer_data import archive, article, page_data, small_store, store_of  # noqa: F401 (small_store is a fixture)


def test_viewer_is_self_contained_and_static(seed_out, seed_graph):
    page = (seed_out / "viewer.html").read_text(encoding="utf-8")
    assert not re.search(r"<(script|link)[^>]+(src|href)=[\"']?https?://", page), "page must not load from the network"
    assert "new vis.Network" in page and "physics: {enabled: false" in page
    labels = {n["l"] for n in page_data(seed_out / "viewer.html")["nodes"]}
    for _, d in seed_graph.to_networkx().nodes(data=True):
        if d["type"] != "Event":  # events are edges, small nodes or statements of their speaker
            assert d["label"] in labels


def test_first_view_and_what_is_one_click_away(small_store, tmp_path):
    data = page_data(write_html(from_store(small_store), tmp_path / "v.html"))
    by_label = {n["l"]: n for n in data["nodes"]}
    assert by_label["Lonely Town"].get("i") == 1 and not by_label["Lonely Town"].get("f")
    # Lonely Town, and Initech: its links are a denied meeting and a statement naming it (statements layer)
    assert data["isolates"] == 2
    assert any(e["k"] == "stated" and data["nodes"][e["t"]]["l"] == "Initech" for e in data["edges"])
    assert by_label["Jane Roe"].get("f") == 1 and by_label["Jane Roe"]["n"] == 1  # 1 statement, folded
    assert all(not n.get("f") for n in data["nodes"] if n["k"] == "statement")
    assert by_label["Roe met Doe and Major"]["k"] == "event" and by_label["Roe met Doe and Major"].get("f") == 1
    # every fact's rule reaches the page
    ev = [e for e in data["edges"] if e["l"] == "works with"][0]["ev"][0]
    assert ev["rule"] == "test-rule-worksWith"
    assert data["co"] and data["timeline"]
    # two relations between one pair: the second is drawn curved, so their labels do not cover each other
    doe_globex = [e for e in data["edges"] if {data["nodes"][e["f"]]["l"], data["nodes"][e["t"]]["l"]} == {"John Doe", "Globex"}]
    assert len(doe_globex) == 2 and sum(1 for e in doe_globex if e.get("r")) == 1


def test_top_keeps_the_most_important(tmp_path):
    view = from_store(store_of(archive(200)))
    data = page_data(write_html(view, tmp_path / "v.html", options=ViewOptions(top=10)))
    first = [n for n in data["nodes"] if n.get("f") and n["k"] == "entity"]
    events = [n for n in data["nodes"] if n.get("f") and n["k"] == "event"]
    assert len(first) + len(events) == 10 and len(first) >= 8  # events take at most a fifth of the view
    linked = [n for n in data["nodes"] if n["k"] == "entity" and not n.get("i")]
    assert min(n["s"] for n in first) >= max(n["s"] for n in linked if not n.get("f"))


@pytest.mark.parametrize("top", [10, 40])
def test_top_bounds_the_first_view_events_included(tmp_path, top):
    """--top bounds what the first view draws: entities and the n-ary events among them (small nodes),
    however many events an archive holds; two-party events stay edges."""
    view = from_store(store_of(archive(200)))
    data = page_data(write_html(view, tmp_path / "v.html", options=ViewOptions(top=top)))
    first = [n for n in data["nodes"] if n.get("f")]
    events = [n for n in first if n["k"] == "event"]
    assert len(first) <= top
    assert events and len(events) < len(first) - len(events)  # events are shown, entities are most of the view
    # without the bound, the events linking two or more of the top entities would push the view past top
    ids = {i for i, n in enumerate(data["nodes"]) if n.get("f") and n["k"] == "entity"}
    linking = {i for i, n in enumerate(data["nodes"]) if n["k"] == "event"
               and sum(1 for e in data["edges"] if i in (e["f"], e["t"]) and ({e["f"], e["t"]} - {i}) <= ids) >= 2}
    assert len(ids) + len(linking) > top
    assert all(data["nodes"][e["f"]]["k"] != "event" and data["nodes"][e["t"]]["k"] != "event"
               for e in data["edges"] if e["k"] == "event")


def test_labels_of_the_first_view_are_sized_for_the_window(tmp_path):
    data = page_data(write_html(from_store(store_of(archive(200))), tmp_path / "v.html"))
    px = sorted((n["fs"] * data["scale"] for n in data["nodes"] if n.get("f") and n["k"] == "entity"), reverse=True)
    assert px[0] >= 20 and px[min(9, len(px) - 1)] >= 12


def test_page_grows_linearly(tmp_path):
    sizes = {}
    for n in (100, 400):
        sizes[n] = len(render_html(from_store(store_of(archive(n))))) - len(render_html(from_store(store_of([]))))
    assert sizes[400] / sizes[100] < 4 * 1.3


def test_options_are_checked():
    with pytest.raises(KGError, match="top"):
        ViewOptions(top=0)
    with pytest.raises(KGError, match="colour"):
        ViewOptions(colour="rainbow")


def test_kg_view_options(seed_out, tmp_path):
    from typer.testing import CliRunner

    from kg.cli import app

    out = tmp_path / "v.html"
    r = CliRunner().invoke(app, ["view", "--store", str(seed_out), "--out", str(out), "--top", "5", "--statements",
                                 "--isolates", "--comention", "--colour", "community", "--max-nodes", "15"])
    assert r.exit_code == 0, r.output
    data = page_data(out)
    assert data["options"] == {"top": 5, "statements": True, "isolates": True, "comention": True, "colour": "community"}
    assert sum(1 for n in data["nodes"] if n["k"] != "statement") == 15
    assert sum(1 for n in data["nodes"] if n.get("f")) == 5  # entities and the events among them
    assert sum(1 for n in data["nodes"] if n.get("f") and n["k"] == "entity") >= 4
    r = CliRunner().invoke(app, ["view", "--store", str(seed_out), "--out", str(out), "--top", "0"])
    assert isinstance(r.exception, KGError) and "--top must be at least 1" in str(r.exception)


def test_show_takes_the_viewer_options(seed_graph):
    pytest.importorskip("IPython")
    page = seed_graph.show(top=3, isolates=True).data
    assert "<iframe" in page and "&quot;top&quot;:3" in page and "&quot;isolates&quot;:true" in page


def test_a_memberships_rule_reaches_the_side_panel(tmp_path):
    """#22 item 2: the rule recorded on a membership (kg:rule on the org:Membership node) is shown with its
    evidence, as for every other fact."""
    from pyoxigraph import Literal, Quad

    from kg.graph.namespaces import KG, ORG, RDF

    store = store_of([article()])
    members = [q.subject for q in store.quads_for_pattern(None, RDF.type, ORG.Membership, None)]
    assert members
    store.extend([Quad(m, KG.rule, Literal("role"), q.graph_name)
                  for m in members for q in store.quads_for_pattern(m, RDF.type, ORG.Membership, None)])
    data = page_data(write_html(from_store(store), tmp_path / "v.html"))
    chief = [e for e in data["edges"] if e["l"] == "chief executive"]
    assert chief and all(ev.get("rule") == "role" for e in chief for ev in e["ev"])
