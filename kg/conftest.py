"""pytest setup for the docstring examples in kg/: ``kg_graph`` is the example folder, built once."""
from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def _doctest_graph(tmp_path_factory):
    import kg

    examples = Path(__file__).resolve().parent.parent / "examples"
    return kg.build([examples], tmp_path_factory.mktemp("doctest-out"), viewer=False)


@pytest.fixture(autouse=True)
def _doctest_names(doctest_namespace, request):
    if request.node.__class__.__name__ == "DoctestItem":
        doctest_namespace["kg_graph"] = request.getfixturevalue("_doctest_graph")
