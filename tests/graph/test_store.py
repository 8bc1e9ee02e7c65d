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


def test_the_mirror_holds_what_the_store_holds_until_the_limit(monkeypatch):
    monkeypatch.setattr(StoreWriter, "CHUNK", 10)
    monkeypatch.setattr(StoreWriter, "MIRROR_LIMIT", 30)
    with StoreWriter(Store(), mirror=Store()) as w:
        for n in range(3):
            w.add(_doc(n, 10))
            w.flush()
            assert w.reader is w.mirror and set(w.mirror) == set(w.store)
        w.add(_doc(3, 10))  # the fourth document's chunk would pass the limit
    assert w.mirror is None and w.reader is w.store and len(w.store) == 40


def _build_files(out):
    return {name: (out / name).read_bytes() for name in ("graph.trig", "graph.graphml")}


def test_a_build_read_from_its_mirror_is_the_build_read_from_disk(tmp_path, monkeypatch):
    """A fresh build computes its entity layer and GraphML from an in-memory copy while it is small
    enough; a larger one from the store on disk: the same graph, files and figures either way."""
    writers = []
    init = StoreWriter.__init__

    def recorded(self, *args, **kwargs):
        init(self, *args, **kwargs)
        writers.append(self)

    monkeypatch.setattr(StoreWriter, "__init__", recorded)
    small = kg.build([ROOT / "tests" / "data" / "merge"], tmp_path / "memory", viewer=False)
    monkeypatch.setattr(StoreWriter, "MIRROR_LIMIT", 0)
    large = kg.build([ROOT / "tests" / "data" / "merge"], tmp_path / "disk", viewer=False)
    assert writers[0].mirror is not None and writers[1].mirror is None  # read from memory, then from disk
    assert _build_files(tmp_path / "memory") == _build_files(tmp_path / "disk")
    assert set(open_store(tmp_path / "memory" / "store")) == set(open_store(tmp_path / "disk" / "store"))
    assert (small.summary.quads, small.summary.entities_by_type) == (large.summary.quads, large.summary.entities_by_type)
    assert small.summary.quads > 100
