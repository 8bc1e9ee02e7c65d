"""Who said what, on articles written for kg (tests/data/speech): every expected statement, direct or
reported, is found with its speaker and the speaker's class; no other speaker is given for it; the
unnamed sources are nodes of their own; the built graph satisfies the SHACL shapes."""
from __future__ import annotations

import json
import re
import pytest

from conftest import ROOT

ARTICLES = ROOT / "tests" / "data" / "speech"
NAMES = sorted(p.stem for p in ARTICLES.glob("*.txt"))


def norm(s) -> str:
    return re.sub(r"\s+", " ", str(s).strip().strip("\"'“”‘’.,")).lower().replace("’", "'")


def expected(name: str) -> dict:
    return json.loads((ARTICLES / f"{name}.expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    import kg

    out = tmp_path_factory.mktemp("speech")
    graph = kg.build([ARTICLES / f"{name}.txt" for name in NAMES], out, viewer=False)  # dates from the sidecars
    return out, graph


def test_there_are_articles():
    assert len(NAMES) >= 3


@pytest.mark.parametrize("name", NAMES)
def test_statements_and_speakers(built, name):
    quotes = built[1].quotes()
    quotes = quotes[quotes["document"].str.contains(name)]
    for want in expected(name)["statements"]:
        hits = quotes[quotes["quote"].map(lambda q: norm(want["text"]) in norm(q))]
        assert len(hits), want
        assert set(hits["direct"]) == {want["direct"]}, (want, hits)
        assert set(hits["speaker"]) == {want["speaker"]}, (want, set(hits["speaker"]))  # never another speaker
        assert set(hits["speaker_class"]) == {want["class"]}, (want, set(hits["speaker_class"]))
        assert all(hits["rule"].str.len() > 0) and all(hits["cue"].notna())
        if "hedge" in want:
            assert set(hits["hedge"]) == {want["hedge"]}


@pytest.mark.parametrize("name", NAMES)
def test_memberships_and_no_nationality_speaks(built, name):
    graph = built[1]
    roles = {tuple(r) for r in graph.query("roles").itertuples(index=False)}
    for person, role, org in expected(name)["memberships"]:
        assert (person, role, org) in roles, roles
    speakers = set(graph.quotes()["speaker"].dropna())
    labels = set(graph.entities()["label"])
    for word in expected(name)["never_speakers"]:
        assert word not in speakers and word not in labels


def test_quotes_query_shows_both_kinds_with_document_and_date(built):
    rows = built[1].sparql(str(ROOT / "ontology/queries/quotes.rq")).values()
    kinds = {r["kind"] for r in rows}
    assert kinds == {"quoted", "reported"}
    assert all(r["document"] for r in rows)
    assert any(r["date"] for r in rows if r["kind"] == "reported")


def test_shacl_shapes_hold_for_statements_and_unnamed_sources(built):
    import pyshacl
    import rdflib

    out = built[0]
    ds = rdflib.Dataset()
    ds.parse(out / "graph.trig", format="trig")
    data = rdflib.Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        data.add((s, p, o))
    kg_ns = rdflib.Namespace("http://example.org/kg/ontology#")
    assert (None, kg_ns.direct, rdflib.Literal(False)) in data
    assert (None, rdflib.RDF.type, kg_ns.Group) in data
    shapes = rdflib.Graph().parse(ROOT / "ontology" / "shapes.ttl")
    conforms, _, report = pyshacl.validate(data, shacl_graph=shapes)
    assert conforms, report


def test_jsonl_records_carry_direct_cue_source_and_rule():
    from kg.api import extract_records

    record = next(extract_records([ARTICLES / "strike-2024-02-11.txt"]))
    text = (ARTICLES / "strike-2024-02-11.txt").read_text(encoding="utf-8")
    kinds = {q["direct"] for q in record["quotes"]}
    assert kinds == {True, False}
    for q in record["quotes"]:
        assert q["rule"] and text[q["start"]:q["end"]] == q["text"]
        for span in (q["cue"], q["source"]):
            if span is not None:
                assert text[span["start"]:span["end"]] == span["text"]
    student = next(q for q in record["quotes"] if q["text"].startswith("she had walked"))
    assert (student["direct"], student["speaker_label"], student["speaker_type"], student["cue"]["text"]) == (
        False, "student", "Person", "said")
