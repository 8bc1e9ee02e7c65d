"""Packaging beyond pyproject.toml: the top-level ontology/ folder (vocabulary, SHACL shapes,
gazetteers, the shipped queries) is installed inside the package as kg/ontology, so that a wheel
carries it and `kg query roles` works wherever kg is installed (kg.resources finds either place)."""
from setuptools import find_packages, setup

ONTOLOGY = ["kg.ontology", "kg.ontology.gazetteer", "kg.ontology.queries"]

setup(
    packages=find_packages(include=["kg", "kg.*"]) + ONTOLOGY,
    package_dir={"kg.ontology": "ontology"},
    package_data={"kg.ontology": ["*.ttl"], "kg.ontology.gazetteer": ["*.tsv"], "kg.ontology.queries": ["*.rq"]},
)
