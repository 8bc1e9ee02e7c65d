"""Building: outputs, stable IRIs (isomorphic re-runs), atomic failure."""
from datetime import date

import pytest

import kg
from conftest import EXAMPLES


def test_outputs_written(seed_out):
    for name in ("store", "graph.trig", "graph.graphml", "viewer.html"):
        assert (seed_out / name).exists()
    assert not [p for p in seed_out.iterdir() if p.name.startswith(".kg-build-")]


def test_rebuild_is_isomorphic(seed_out, tmp_path):
    import rdflib
    from rdflib.compare import isomorphic

    kg.build([EXAMPLES], tmp_path, published=date(2021, 8, 11), viewer=False)
    a, b = rdflib.Dataset(), rdflib.Dataset()
    a.parse(seed_out / "graph.trig", format="trig")
    b.parse(tmp_path / "graph.trig", format="trig")
    graphs_a = {g.identifier: g for g in a.graphs() if len(g)}
    graphs_b = {g.identifier: g for g in b.graphs() if len(g)}
    assert graphs_a.keys() == graphs_b.keys() and graphs_a
    for name, g in graphs_a.items():
        assert isomorphic(g, graphs_b[name])


def test_failed_build_leaves_previous_output(seed_out, tmp_path):
    import shutil

    from kg.errors import InputError

    out = tmp_path / "out"
    shutil.copytree(seed_out, out)
    before = (out / "graph.trig").read_bytes()
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x00binary")
    with pytest.raises(InputError, match="bad.txt"):
        kg.build([EXAMPLES, bad], out, strict=True)
    assert (out / "graph.trig").read_bytes() == before
    with pytest.raises(InputError, match="no article could be read"):
        kg.build([bad], out)
    assert (out / "graph.trig").read_bytes() == before
    assert not [p for p in out.iterdir() if p.name.startswith(".kg-build-")]


def test_bad_file_is_reported_and_the_rest_is_built(tmp_path):
    bad = tmp_path / "in" / "bad.txt"
    bad.parent.mkdir()
    bad.write_bytes(b"\x00\x00binary")
    (tmp_path / "in" / "empty.txt").write_text("  \n", encoding="utf-8")
    import shutil

    shutil.copy(EXAMPLES / "afghanistan-2021-08-11.txt", tmp_path / "in")
    g = kg.build([tmp_path / "in"], tmp_path / "out", viewer=False)
    assert g.summary.documents == 1
    assert [p for p, _ in g.summary.failed] == [str(bad)]
    assert [p.endswith("empty.txt") for p, _ in g.summary.skipped] == [True]


def test_networkx_projection(seed_graph):
    g = seed_graph.to_networkx()
    labels = {d["label"]: n for n, d in g.nodes(data=True)}
    assert "Ned Price" in labels and "State Department" in labels
    edges = g.get_edge_data(labels["Ned Price"], labels["State Department"])
    assert edges and any(e["predicate"] == "memberOf" and "spokesman" in e["sentence"] for e in edges.values())
    assert all(d["type"] != "Date" for _, d in g.nodes(data=True))


def test_graphml_and_viewer_share_one_projection(tmp_path, monkeypatch):
    import networkx as nx

    import kg.api

    calls = []
    real = kg.api.to_networkx

    def counted(store):
        calls.append(1)
        return real(store)

    monkeypatch.setattr(kg.api, "to_networkx", counted)
    out = tmp_path / "out"
    g = kg.build([EXAMPLES], out, viewer=True)
    assert len(calls) == 1  # it takes seconds on an archive: made once, used for both files
    written = nx.read_graphml(out / "graph.graphml")
    assert written.number_of_nodes() == g.to_networkx().number_of_nodes() > 10
    assert all(n in (out / "viewer.html").read_text(encoding="utf-8") for n in list(written.nodes)[:5])
