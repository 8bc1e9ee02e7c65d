from kg.graph.iris import Iris


def test_iris_are_stable_and_configurable():
    a, b = Iris(), Iris()
    assert a.entity("Person/joe biden") == b.entity("Person/joe biden")
    assert a.entity("Person/joe biden").value.endswith("/entity/person/joe-biden")
    assert Iris("https://news.example/kg").document("x y").value == "https://news.example/kg/doc/x-y"
    assert a.span("d", 3, 9).value.endswith("doc/d#char=3,9")


def test_iris_for_text_without_latin_letters_are_valid_and_distinct():
    from pyoxigraph import NamedNode

    a, b = Iris().entity("Person/习近平"), Iris().entity("Person/😀")
    assert a != b
    assert isinstance(a, NamedNode) and " " not in a.value
