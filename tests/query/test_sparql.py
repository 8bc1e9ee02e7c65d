import pytest

from kg.errors import QueryError
from kg.query.sparql import run_query


def test_prefixes_are_predeclared(seed_graph):
    res = seed_graph.sparql("SELECT ?l WHERE { ?p a schema:Person ; rdfs:label ?l } ORDER BY ?l")
    assert [r["l"] for r in res.values()] == ["Joe Biden", "Ned Price", "Zalmay Khalilzad"]


def test_syntax_error_names_line_and_column(seed_graph):
    with pytest.raises(QueryError) as e:
        run_query(seed_graph.store, "SELECT ?x WHERE {\n  ?x ?y \n}")
    assert "line 3" in str(e.value)
    assert "\n" not in str(e.value)


def test_result_formats(seed_graph):
    res = seed_graph.sparql("SELECT ?l WHERE { ?p a schema:Person ; rdfs:label ?l } ORDER BY ?l")
    assert res.serialize("csv").splitlines()[:2] == ["l", "Joe Biden"]
    assert '"value": "Joe Biden"' in res.serialize("json").replace('":"', '": "')
    assert "(3 rows)" in res.serialize("table")
    ask = seed_graph.sparql("ASK { ?p a schema:Person }")
    assert ask.serialize("json") == '{"head":{},"boolean":true}'


def test_dataframe(seed_graph):
    df = seed_graph.query("SELECT ?l WHERE { ?p a schema:Country ; rdfs:label ?l }")
    assert "United States" in set(df["l"])


def test_iter_values_streams_the_rows_run_query_returns(seed_graph):
    from kg.query.sparql import iter_values

    q = "SELECT ?e ?l WHERE { ?e rdfs:label ?l } ORDER BY ?e ?l"
    rows = list(iter_values(seed_graph.store, q))
    assert rows == run_query(seed_graph.store, q).values() and len(rows) > 10
    with pytest.raises(QueryError, match="not a SELECT"):
        next(iter_values(seed_graph.store, "ASK { ?s ?p ?o }"))
