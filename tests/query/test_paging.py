"""Pages of answers: every page is exactly its slice of the whole answer, the shipped listings are
read by position (kg.graph.listing), and their answers are today's answers."""
from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from kg.query.paging import page_plan, page_rows
from kg.query.sparql import run_query

ROOT = Path(__file__).resolve().parents[2]
QUERIES = sorted((ROOT / "ontology" / "queries").glob("*.rq")) + sorted((ROOT / "examples" / "queries").glob("*.rq"))
BEFORE = ROOT / "tests" / "data" / "queries-before"  # the listings as they were before kg numbered them
LEE = ROOT / "tests" / "data" / "lee"
#: the listings that must page by position: a listing kg ships that sorts its whole answer
LISTINGS = ["entities", "events", "provenance", "quotes", "roles", "statement_dates", "most_mentioned", "office_holders",
            "statements", "events_on", "comentions", "met", "relations", "organisations_by_country"]


@pytest.fixture(scope="module")
def lee_store(tmp_path_factory):
    import kg

    out = tmp_path_factory.mktemp("lee-out")
    kg.build([LEE], out, published=date(2001, 9, 20), viewer=False)
    return kg.open(out).store


@pytest.fixture(scope="module", params=["seed", "lee"])
def store(request, seed_graph):
    return seed_graph.store if request.param == "seed" else request.getfixturevalue("lee_store")


def _windows(n: int) -> list[tuple[int, int]]:
    """(limit, offset) pairs: the first page, pages across the middle, the last, past the end, empty."""
    return [(1, 0), (3, 0), (20, 0), (5, 2), (7, max(n - 3, 0)), (4, n), (10, n + 5), (0, 0), (n + 1, 0),
            (2, n // 2), (17, n // 3)]


def _same_parts(rows: list[list[object]], text: str) -> list[list[object]]:
    """GROUP_CONCAT joins its values in the order they reach it, which SPARQL leaves to the engine's plan
    (and a page's plan is not the whole answer's): compare such lists as sets of their parts."""
    if "GROUP_CONCAT" not in text:
        return rows
    return [[("; ".join(sorted(t.value.split("; "))) if t is not None and "; " in t.value else t) for t in row]
            for row in rows]


@pytest.mark.parametrize("rq", QUERIES, ids=lambda p: p.stem)
def test_every_page_is_its_slice_of_the_whole_answer(store, rq):
    text = rq.read_text(encoding="utf-8")
    whole = run_query(store, text)
    if whole.kind == "ask":
        return
    n = len(whole.rows)
    for limit, offset in _windows(n):
        page = run_query(store, text, limit=limit, offset=offset)
        assert page.variables == whole.variables
        assert _same_parts(page.rows, text) == _same_parts(whole.rows[offset:offset + limit], text), \
            (rq.stem, limit, offset)
        assert page.more == (offset + limit < n), (rq.stem, limit, offset)
    assert run_query(store, text, offset=max(n - 1, 0)).rows == whole.rows[max(n - 1, 0):]


@pytest.mark.parametrize("name", LISTINGS)
def test_the_listings_page_by_position(store, name):
    text = (ROOT / "ontology" / "queries" / f"{name}.rq").read_text(encoding="utf-8")
    assert page_plan(text) is not None, f"{name}.rq no longer sorts first by a kg:…Order position"
    ran: list[str] = []

    def run(q: str):
        ran.append(q)
        r = run_query(store, q)
        return r.variables, r.rows

    assert page_rows(store, text, 5, 0, run) is not None
    assert ran and all("VALUES ?order {" in q for q in ran)


def test_positions_number_every_item_from_zero(lee_store):
    from kg.graph.listing import ORDERS

    for prop in ORDERS:
        r = run_query(lee_store, f"SELECT ?x ?n WHERE {{ ?x <{prop.value}> ?n }}")
        numbers = sorted(int(row[1].value) for row in r.rows)
        size = run_query(lee_store, f"SELECT ?n WHERE {{ <{prop.value}> kg:orderSize ?n }}").values()
        assert numbers == list(range(len(numbers))) and [int(s["n"]) for s in size] == [len(numbers)], prop
        assert len({row[0] for row in r.rows}) == len(numbers)  # one position per item
        assert len(numbers) > 0 or prop.value.endswith("metOrder"), prop  # the 25 Lee articles: no meeting


def _groups(rows: list[list[object]], keys: list[int]) -> list[tuple[tuple[str, ...], Counter]]:
    """Rows grouped by their sort key, groups in answer order (the order of rows within a group, where
    the key ties, is left to the engine)."""
    out: list[tuple[tuple[str, ...], Counter]] = []
    for row in rows:
        k = tuple("" if row[i] is None else str(row[i]) for i in keys)
        if not out or out[-1][0] != k:
            out.append((k, Counter()))
        out[-1][1][tuple(map(str, row))] += 1
    return out


#: each listing's sort keys before kg numbered them (quotes sorted by ?begin, which they now also show)
SORTED_BY = {"entities": ["type", "label"], "events": ["event", "participant"], "provenance": ["document", "begin"],
             "quotes": ["begin"], "roles": ["person", "role"], "statement_dates": ["date", "speaker"],
             "most_mentioned": ["mentions", "label"], "office_holders": ["person", "role", "organization", "document"],
             "statements": ["speaker", "published", "document", "begin"],
             "events_on": ["day", "month", "year", "document"], "comentions": ["sentences", "label", "other"],
             "met": ["date", "party", "other"], "relations": ["document", "begin", "subject", "relation", "object"],
             "organisations_by_country": ["country", "organization"]}


@pytest.mark.parametrize("name", LISTINGS)
def test_the_listings_answer_as_before(store, name, seed_graph):
    before = (BEFORE / f"{name}.rq").read_text(encoding="utf-8")
    now = (ROOT / "ontology" / "queries" / f"{name}.rq").read_text(encoding="utf-8")
    if name == "quotes":  # show the key both sort by
        before, now = (t.replace("?published WHERE", "?published ?begin WHERE", 1) for t in (before, now))
    if name == "statements":
        before, now = (t.replace("?sentence WHERE", "?sentence ?begin WHERE", 1) for t in (before, now))
    old, new = run_query(store, before), run_query(store, now)
    assert old.variables == new.variables
    assert len(old.rows) > 0 or (name == "met" and store is not seed_graph.store)  # the 25 Lee articles: no meeting
    keys = [old.variables.index(v) for v in SORTED_BY[name]]
    assert _groups(_same_parts(new.rows, now), keys) == _groups(_same_parts(old.rows, before), keys)


def test_a_query_without_order_streams_its_page(store):
    text = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    assert page_plan(text) is None
    page = run_query(store, text, limit=5, offset=3)
    assert page.rows == run_query(store, text).rows[3:8] and page.more


def test_construct_pages_and_ask_ignores_paging(seed_graph):
    q = "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s rdfs:label ?l }"
    whole = seed_graph.sparql(q)
    assert seed_graph.sparql(q, limit=2, offset=1).rows == whole.rows[1:3]
    assert seed_graph.sparql("ASK { ?s ?p ?o }", limit=0).boolean is True


def test_bad_page_bounds_are_refused(seed_graph):
    from kg.errors import InputError

    with pytest.raises(InputError, match="limit and offset"):
        seed_graph.sparql("entities", limit=-1)


def test_a_store_without_positions_is_answered_whole_and_cut(tmp_path, seed_graph):
    """A store built before kg numbered its listings: the same page, read the slow way."""
    from pyoxigraph import Store

    from kg.graph.namespaces import KG

    copy = Store()
    copy.extend(q for q in seed_graph.store if q.predicate != KG.orderSize)
    text = (ROOT / "ontology" / "queries" / "events.rq").read_text(encoding="utf-8")
    assert page_rows(copy, text, 3, 0, lambda q: ([], [])) is None
    assert run_query(copy, text, limit=3, offset=1).rows == run_query(seed_graph.store, text).rows[1:4]


def test_kg_query_pages_on_the_command_line(seed_out, seed_graph):
    import csv
    import io
    import subprocess
    import sys

    def run(*args):
        r = subprocess.run([sys.executable, "-m", "kg.cli", "query", "entities", "--store", str(seed_out), *args],
                           capture_output=True, text=True, timeout=300)
        assert r.returncode == 0, r.stderr
        return r.stdout

    whole = list(csv.reader(io.StringIO(run("--format", "csv"))))
    page = list(csv.reader(io.StringIO(run("--format", "csv", "--limit", "3", "--offset", "2"))))
    assert page[0] == whole[0] and page[1:] == whole[3:6]
    table = run("--limit", "3", "--offset", "2")
    assert table.rstrip().endswith("(rows 3-5; more with --offset 5)")


def test_result_conveniences(seed_graph):
    res = seed_graph.sparql("roles")
    rows = list(res)
    assert rows and all(set(r) == {"person", "role", "organization"} for r in rows) and len(res) == len(rows)
    df = res.df()
    assert df.columns.tolist() == res.variables and df.to_dict("records") == rows
    assert res.to_pandas().equals(df)
    assert bool(seed_graph.sparql("ASK { ?s a schema:Person }")) and not seed_graph.sparql("ASK { ?s a kg:Nothing }")
    name = rows[0]["person"]
    only = seed_graph.query("SELECT ?role WHERE { ?p rdfs:label ?n . ?m org:member ?p ; org:role/rdfs:label ?role }",
                            bindings={"n": name})
    assert set(only["role"]) == {r["role"] for r in rows if r["person"] == name}


def test_an_unknown_prefix_is_named_with_the_known_ones(seed_graph):
    from kg.errors import QueryError

    with pytest.raises(QueryError, match=r"unknown prefix foo: in line 2, column \d+ \(known: kg, schema, .*\)"):
        seed_graph.sparql("SELECT ?x WHERE {\n  ?x a foo:Person }")


@pytest.mark.parametrize(("name", "order"), [("roles", "roleOrder"), ("comentions", "comentionOrder"),
                                              ("met", "metOrder"), ("organisations_by_country", "headquartersOrder")])
def test_distinct_and_pair_listings_number_one_item_per_row(store, name, order):
    """A page of twenty distinct rows or pairs reads twenty items, however often the archive repeats a row."""
    text = (ROOT / "ontology" / "queries" / f"{name}.rq").read_text(encoding="utf-8")
    if name == "met":  # the asserted meetings only: pairs of the others are numbered too
        text = text.replace('?meeting kg:modality "asserted" .', "").replace(
            "FILTER NOT EXISTS { ?meeting kg:negated true }", "")
    size = run_query(store, f"SELECT ?n WHERE {{ kg:{order} kg:orderSize ?n }}").values()
    text = text.replace("?party ?other ?place ?date ?document ?sentence WHERE", "?meeting ?a ?b WHERE", 1)
    rows = run_query(store, text.replace("?country ?organization ?place WHERE", "?o ?c WHERE", 1)).rows
    assert [int(s["n"]) for s in size] == [len(rows)]


def test_entities_carry_their_counts(store):
    """kg:mentionCount and kg:documentCount, written by the entity layer, are what counting gives."""
    counted = run_query(store, "SELECT ?e (COUNT(DISTINCT ?m) AS ?n) (COUNT(DISTINCT ?d) AS ?docs) WHERE { "
                               "?m itsrdf:taIdentRef ?e ; nif:referenceContext ?d } GROUP BY ?e").rows
    carried = run_query(store, "SELECT ?e ?n ?docs WHERE { ?e kg:mentionCount ?n ; kg:documentCount ?docs "
                               "FILTER(?n > 0) }").rows
    assert counted and sorted(map(tuple, counted)) == sorted(map(tuple, carried))
