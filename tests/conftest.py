"""Shared fixtures: the spaCy model (loaded once) and the example article's graph (built once)."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEED = EXAMPLES / "afghanistan-2021-08-11.txt"
GOLD = ROOT / "tests" / "data" / "seed-afghanistan.json"


@pytest.fixture(scope="session")
def nlp():
    from kg.extract import load_model

    return load_model()


@pytest.fixture(scope="session")
def gold() -> dict:
    return json.loads(GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_out(tmp_path_factory) -> Path:
    """The example folder built once into a temporary output folder."""
    import kg

    out = tmp_path_factory.mktemp("seed-out")
    kg.build([EXAMPLES], out, published=date(2021, 8, 11))
    return out


@pytest.fixture(scope="session")
def seed_graph(seed_out):
    import kg

    return kg.open(seed_out)


@pytest.fixture(scope="session")
def seed_extraction(nlp):
    from kg.extract import extract
    from kg.read import read_document

    return next(extract([read_document(SEED, date(2021, 8, 11))], nlp))


@pytest.fixture
def extract_text(nlp, tmp_path):
    """Extract one article given as text (and optional sidecar metadata)."""
    from kg.extract import extract
    from kg.read import read_document

    def run(text: str, published: str | None = "2024-03-06", name: str = "article"):
        path = tmp_path / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        pub = date.fromisoformat(published) if published else None
        return next(extract([read_document(path, pub)], nlp))

    return run
