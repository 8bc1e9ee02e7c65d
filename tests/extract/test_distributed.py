"""The same build on a Dask LocalCluster (2 workers), on an existing scheduler and with 2 spaCy
processes is isomorphic to the single-process build; what happens when a worker, the cluster or
the rules on one article fail."""
from pathlib import Path

import pytest

import kg
from conftest import ROOT

ARTICLES = ROOT / "tests" / "data" / "articles"


def graphs(path: Path):
    import rdflib

    ds = rdflib.Dataset()
    ds.parse(path, format="trig")
    return {g.identifier: g for g in ds.graphs() if len(g)}


@pytest.fixture(scope="module")
def single(tmp_path_factory):
    out = tmp_path_factory.mktemp("single")
    kg.build([ARTICLES], out, viewer=False)
    return graphs(out / "graph.trig")


def assert_isomorphic(a, b):
    from rdflib.compare import isomorphic

    assert a.keys() == b.keys() and len(a) >= 8
    for name in a:
        assert isomorphic(a[name], b[name]), name


def test_dask_local_cluster_is_isomorphic(single, tmp_path):
    kg.build([ARTICLES], tmp_path, viewer=False, dask="local", batch_size=3)
    assert_isomorphic(single, graphs(tmp_path / "graph.trig"))


def test_two_processes_are_isomorphic(single, tmp_path):
    kg.build([ARTICLES], tmp_path, viewer=False, processes=2, batch_size=2)
    assert_isomorphic(single, graphs(tmp_path / "graph.trig"))


def test_progress_lines_when_not_a_terminal(tmp_path):
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(ARTICLES), "--out", str(tmp_path), "--no-viewer"],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    lines = [l for l in r.stderr.splitlines() if l.startswith("kg: ") and "documents" in l]
    assert lines and lines[-1].startswith(f"kg: {len(list(ARTICLES.glob('*.txt')))}/")
    assert "words/s" in lines[-1]
    closing = r.stderr[r.stderr.index(lines[-1]):]  # after the last document, each closing step is named
    assert "kg: computing the entity layer" in closing and "kg: writing graph.graphml" in closing
    r = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(ARTICLES), "--out", str(tmp_path), "--no-viewer",
                        "--quiet"], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0 and r.stderr == "" and r.stdout == ""


def test_dask_workers_use_the_user_gazetteer(tmp_path):
    from kg.extract.link import load_gazetteer, set_user_entries

    gaz = tmp_path / "mine.tsv"
    gaz.write_text("label\taliases\twikidata\ttype\nAcme Corporation\tAcme Corp.|Acme Corp|Acme\tQ999999\tOrganization\n",
                   encoding="utf-8")
    load_gazetteer(gaz)
    try:
        g = kg.build([ROOT / "tests" / "data" / "merge"], tmp_path / "out", viewer=False, dask="local", batch_size=1)
    finally:
        set_user_entries({})
    rows = g.sparql("SELECT ?l ?w WHERE { ?e rdfs:label ?l ; owl:sameAs ?w }").values()
    assert {"l": "Acme Corporation", "w": "http://www.wikidata.org/entity/Q999999"} in rows


def test_an_existing_scheduler_is_used_and_the_result_isomorphic(single, tmp_path):
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        assert cluster.scheduler_address.startswith("tcp://")
        kg.build([ARTICLES], tmp_path, viewer=False, dask=cluster.scheduler_address, batch_size=3)
    assert_isomorphic(single, graphs(tmp_path / "graph.trig"))


@pytest.mark.parametrize("address", ["foo", "tcp://127.0.0.1", "scheduler:8786"])
def test_a_malformed_address_is_refused_before_anything_is_written(address, tmp_path):
    from kg.errors import InputError

    with pytest.raises(InputError, match="not a scheduler address"):
        kg.build([ARTICLES], tmp_path / "o", viewer=False, dask=address)
    assert not (tmp_path / "o").exists()


def test_an_unreachable_scheduler_or_a_failed_task_leaves_the_graph_as_it_was(tmp_path, monkeypatch):
    import socket

    from distributed import LocalCluster

    from kg.errors import WorkerError
    from kg.extract import distributed

    out = tmp_path / "out"
    kg.build([ROOT / "tests" / "data" / "merge"], out, viewer=False)
    before = (out / "graph.trig").read_bytes()

    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setattr(distributed, "CONNECT_TIMEOUT", "2s")
    with pytest.raises(WorkerError, match="cannot reach the Dask scheduler"):
        kg.build([ARTICLES], out, viewer=False, dask=f"tcp://127.0.0.1:{port}")
    assert (out / "graph.trig").read_bytes() == before

    def boom(*args):
        raise RuntimeError("worker lost")

    # an in-process cluster runs the module's function as patched here
    monkeypatch.setattr(distributed, "_extract_batch", boom)
    with LocalCluster(n_workers=1, processes=False, dashboard_address=None) as cluster:
        with pytest.raises(WorkerError, match="a Dask task failed .RuntimeError: worker lost"):
            kg.build([ARTICLES], out, viewer=False, dask=cluster.scheduler_address)
    assert (out / "graph.trig").read_bytes() == before


def _die(batch):
    import os

    os._exit(9)  # as the kernel's out-of-memory killer would end it: no exception, no clean-up


@pytest.mark.timeout(300)  # without the fix this hung for ever: fail instead
def test_a_worker_that_dies_stops_the_build_instead_of_hanging_it(tmp_path, monkeypatch):
    from kg.errors import WorkerError
    from kg.extract import pipeline

    out = tmp_path / "out"
    kg.build([ROOT / "tests" / "data" / "merge"], out, viewer=False)
    before = (out / "graph.trig").read_bytes()
    monkeypatch.setattr(pipeline, "_work", _die)  # the forked workers inherit the patch
    with pytest.raises(WorkerError, match="a worker process died"):
        kg.build([ARTICLES], out, viewer=False, processes=2)
    assert (out / "graph.trig").read_bytes() == before


def _fails_on_one(real):
    def extract_one(document, parsed):
        if document.id == "acme-visit":
            raise ValueError("a rule tripped")
        return real(document, parsed)

    return extract_one


@pytest.mark.parametrize("processes", [1, 2])
def test_an_article_the_rules_fail_on_is_reported_and_the_others_built(processes, tmp_path, monkeypatch):
    from kg.errors import InputError
    from kg.extract import pipeline

    merge = ROOT / "tests" / "data" / "merge"
    assert (merge / "acme-visit.txt").exists()
    monkeypatch.setattr(pipeline, "extract_one", _fails_on_one(pipeline.extract_one))  # forked workers too
    seen = []
    g = kg.build([merge], tmp_path / "out", viewer=False, processes=processes,
                 progress=lambda p: seen.append(p.document) if p.document else None)
    assert g.summary.documents == len(list(merge.glob("*.txt"))) - 1
    assert sorted(seen) == sorted(p.stem for p in merge.glob("*.txt"))  # the progress counts it too
    (path, reason), = g.summary.failed
    assert path.endswith("acme-visit.txt") and "ValueError: a rule tripped" in reason and "left out" in reason
    docs = {r["d"] for r in g.sparql("SELECT DISTINCT ?d WHERE { ?s nif:referenceContext ?d }").values()}
    assert len(docs) == g.summary.documents and not any("acme-visit" in d for d in docs)
    with pytest.raises(InputError, match="--strict"):
        kg.build([merge], tmp_path / "strict", viewer=False, processes=processes, strict=True)
    assert not (tmp_path / "strict" / "graph.trig").exists()


def test_kg_extract_names_an_article_the_rules_fail_on_and_prints_the_others(monkeypatch):
    from kg.api import extract_records
    from kg.errors import InputError
    from kg.extract import pipeline

    merge = ROOT / "tests" / "data" / "merge"
    monkeypatch.setattr(pipeline, "extract_one", _fails_on_one(pipeline.extract_one))
    failed = []
    records = list(extract_records([merge], on_failure=failed.append))
    assert sorted(r["doc"] for r in records) == sorted(p.stem for p in merge.glob("*.txt") if p.stem != "acme-visit")
    assert [f.document.id for f in failed] == ["acme-visit"]
    with pytest.raises(InputError, match="acme-visit.txt: the extraction rules failed"):
        list(extract_records([merge]))
