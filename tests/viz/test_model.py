"""The entity-centred view read from a store built from hand-made Extractions."""
from __future__ import annotations

import pytest

from kg.viz.model import View, from_store, predicate_label, restrict

from viewer_data import archive, article, small_store, store_of  # noqa: F401 (small_store is a fixture)

E = "http://example.org/kg/entity/"


def labels(view: View) -> dict[str, str]:
    return {n: d["label"] for n, d in view.graph.nodes(data=True)}


def edges(view: View, kind: str) -> set[tuple[str, str, str]]:
    lab = labels(view)
    return {(lab[a], d["label"], lab[b]) for a, b, d in view.graph.edges(data=True) if d["kind"] == kind}


@pytest.fixture(scope="module")
def view(small_store) -> View:
    return from_store(small_store)


def test_relations_of_any_predicate_are_labelled_edges(view):
    rel = edges(view, "relation")
    # the role (org:memberOf) shows its role; other kg: predicates their ontology label or their local name in words
    assert ("Jane Roe", "chief executive", "Acme Corp") in rel
    assert ("John Doe", "works with", "Globex") in rel
    headquartered = predicate_label("http://example.org/kg/ontology#headquarteredIn")
    assert ("Acme Corp", headquartered, "Springfield") in rel
    # the open relation shows its verb and preposition
    assert ("John Doe", "sign with", "Globex") in rel
    assert ("Acme Corp", predicate_label("http://example.org/kg/ontology#metWith"), "Jane Roe") in rel
    assert len(rel) == 5


def test_each_relation_carries_its_sentence_and_rule(view):
    by_label = {d["label"]: d for *_, d in view.graph.edges(data=True) if d["kind"] == "relation"}
    works = by_label["works with"]["evidence"][0]
    assert works["sentence"].startswith("Doe reportedly said the deal with Globex")
    assert works["rule"] == "test-rule-worksWith" and works["confidence"] == "0.7"
    assert works["published"] == "2024-03-04"
    role = by_label["chief executive"]["evidence"][0]
    assert role["sentence"].startswith("Acme Corp, based in Springfield") and "rule" not in role


def test_two_party_events_are_edges_and_larger_ones_nodes(view):
    # with no relation between the parties, an event of two parties is an edge labelled with its type
    ev = edges(from_store(store_of([article()], extra=None)), "event")
    assert ("John Doe", "agree", "Globex") in ev
    # the Join is told by the role of its sentence ("named Jane Roe its chief executive")
    assert not any({a, b} == {"Acme Corp", "Jane Roe"} for a, _, b in ev)
    # a relation of the same sentence tells it already (the extraction projects events onto relations):
    # one link, not two
    ev = edges(view, "event")
    assert not any({a, b} == {"Acme Corp", "Jane Roe"} or {a, b} == {"John Doe", "Globex"} for a, _, b in ev)
    # the denied meeting is no link
    assert not any("Initech" in (a, b) for a, _, b in ev)
    meetings = [n for n, d in view.graph.nodes(data=True) if d["kind"] == "event"]
    assert [view.graph.nodes[n]["label"] for n in meetings] == ["Roe met Doe and Major"]
    parties = {labels(view)[a] for a, b, d in view.graph.edges(data=True) if b == meetings[0]}
    assert parties == {"Jane Roe", "John Doe", "Mary Major", "Springfield"}


def test_statements_are_folded_into_their_speaker(view):
    roe = E + "person/jane-roe"
    assert view.graph.nodes[roe]["said"] == 1  # the quote and the statement event of its sentence are one act
    said = view.details[roe]["said"]
    assert said[0]["quote"] == "We will grow," and said[0]["sentence"] == "\"We will grow,\" Roe said."
    # statements stay in the view as nodes of their own (shown by the page's switch), linked to the speaker
    kinds = {d["kind"] for a, b, d in view.graph.edges(roe, data=True)}
    assert "said" in kinds
    denied = [e for e in view.details[E + "organization/initech"]["events"] if e.get("negated")]
    assert denied and denied[0]["label"] == "Initech meet Globex"


def test_stated_about_belongs_to_the_statements_layer(view):
    """'X made a statement naming Y' (kg:statedAbout) is an edge of kind "stated", not a relation: the page
    draws it only with the statements."""
    assert ("Jane Roe", "stated about", "Initech") in edges(view, "stated")
    assert not any(p == "stated about" for _, p, _ in edges(view, "relation"))


def test_hedge_and_dates_reach_the_panel_and_the_timeline(view):
    doe = view.details[E + "person/john-doe"]["events"]
    deal = next(e for e in doe if e["label"] == "deal with Globex")
    assert deal["hedge"] == "reportedly" and deal["date"] == "2020"
    items = {t["label"]: t for t in view.timeline}
    assert (items["deal with Globex"]["start"], items["deal with Globex"]["end"]) == ("2020-01-01", "2020-12-31")
    assert items["Jane Roe named"]["start"] == "2024-03-03"  # its own date (Monday)
    assert items["Roe met Doe and Major"]["start"] == "2024-03-04"  # undated: its article's
    # what happened in 2020 is findable from the nodes and edges
    assert ("2020-01-01", "2020-12-31") in view.graph.nodes[E + "organization/globex"]["dates"]


def test_comentions_count_sentences(view):
    co = {frozenset((a.rsplit("/", 1)[1], b.rsplit("/", 1)[1])): n for a, b, n in view.comention}
    assert co[frozenset(("acme", "springfield"))] == 1
    assert co[frozenset(("jane-roe", "john-doe"))] == 1
    assert co[frozenset(("jane-roe", "springfield"))] == 2  # "... Springfield, named Jane Roe", "Roe met ... in Springfield"
    assert frozenset(("acme", "lonely-town")) not in co


def test_an_entity_with_no_link_is_in_the_view(view):
    lonely = E + "city/lonely-town"
    assert lonely in view.graph and view.graph.degree(lonely) == 0
    assert view.details[lonely]["sentences"][0]["text"] == "Lonely Town is far away."


def test_restrict_keeps_statements_with_their_speaker(view):
    small, note = restrict(view, keep={E + "person/jane-roe", E + "organization/acme"})
    assert {d["label"] for n, d in small.graph.nodes(data=True) if d["kind"] == "entity"} == {"Jane Roe", "Acme Corp"}
    assert any(d["kind"] == "statement" for _, d in small.graph.nodes(data=True))
    assert note.startswith("showing 2 of")
    top, note = restrict(view, max_nodes=3)
    assert sum(1 for _, d in top.graph.nodes(data=True) if d["kind"] != "statement") == 3
    assert "3 most important" in note


def test_archive_entities_recur_across_documents():
    view = from_store(store_of(archive(60)))
    mentions_in = [len(d["docs"]) for _, d in view.graph.nodes(data=True) if d["kind"] == "entity"]
    assert max(mentions_in) > 5
    assert len({d["label"] for *_, d in view.graph.edges(data=True) if d["kind"] == "relation"}) >= 3
