"""The store writer: chunks into the store, the TriG export streamed alongside."""
from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Store, parse

import kg
from conftest import EXAMPLES, ROOT
from kg.graph.store import StoreWriter, open_store


def _trig_quads(path) -> set[Quad]:
    return set(parse(path=str(path), format=RdfFormat.TRIG))


def test_fresh_build_trig_holds_exactly_the_store(seed_out):
    store = open_store(seed_out / "store")
    assert _trig_quads(seed_out / "graph.trig") == set(store)


def test_trig_after_add_holds_exactly_the_store(tmp_path):
    out = tmp_path / "out"
    kg.build([ROOT / "tests" / "data" / "merge"], out, viewer=False)
    kg.build([EXAMPLES], out, viewer=False, add=True)
    assert _trig_quads(out / "graph.trig") == set(open_store(out / "store"))


def _doc(n: int, size: int) -> list[Quad]:
    g, s = NamedNode(f"http://x/graph/{n}"), NamedNode(f"http://x/doc/{n}")
    return [Quad(s, NamedNode(f"http://x/p{k % 7}"), Literal(str(k)), g) for k in range(size)]


def test_chunks_end_with_a_graph_and_repeats_are_written_once(tmp_path, monkeypatch):
    monkeypatch.setattr(StoreWriter, "CHUNK", 10)
    trig = tmp_path / "g.trig"
    with StoreWriter(Store(), trig) as w:
        for n in range(5):
            w.add(_doc(n, 8) + _doc(n, 8)[:3])  # three repeated quads in each document
    text = trig.read_text(encoding="utf-8")
    assert text.count("<http://x/graph/") == 5  # no graph split over two chunks
    written = list(parse(path=str(trig), format=RdfFormat.TRIG))  # a list: a repeat would show twice
    assert len(written) == len(w.store) == 40 and set(written) == set(w.store)


def test_a_failure_inside_writes_nothing_more(tmp_path):
    trig = tmp_path / "g.trig"
    with pytest.raises(RuntimeError):
        with StoreWriter(Store(), trig) as w:
            w.add(_doc(0, 5))
            raise RuntimeError("stop")
    assert len(w.store) == 0 and trig.read_bytes() == b""
