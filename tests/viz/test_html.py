import re


def test_viewer_is_self_contained_and_static(seed_out, seed_graph):
    page = (seed_out / "viewer.html").read_text(encoding="utf-8")
    assert not re.search(r"<(script|link)[^>]+(src|href)=\"https?://", page), "page must not load from the network"
    assert "vis.Network" in page or "new vis.Network" in page
    assert '"physics": {"enabled": false' in page.replace("'", '"') or '"enabled": false' in page
    g = seed_graph.to_networkx()
    for _, d in g.nodes(data=True):
        assert d["label"] in page
