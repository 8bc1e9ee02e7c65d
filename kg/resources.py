"""Where kg finds its shipped data (ontology, gazetteers, queries).

In a checkout (``pip install -e .``) that is the ``ontology/`` folder beside the package; an installed
wheel carries the same folder inside the package as ``kg/ontology`` (see ``setup.py``).
``$KG_ONTOLOGY_DIR`` overrides both.
"""
from __future__ import annotations

import os
from pathlib import Path

from kg.errors import KGError

__all__ = ["ontology_path", "query_names"]

_HERE = Path(__file__).resolve().parent


def _root() -> Path:
    if os.environ.get("KG_ONTOLOGY_DIR"):
        return Path(os.environ["KG_ONTOLOGY_DIR"])
    installed = _HERE / "ontology"
    return installed if installed.is_dir() else _HERE.parent / "ontology"


def ontology_path(*parts: str) -> Path:
    """Path inside kg's ``ontology/`` folder (in the package, the checkout, or ``$KG_ONTOLOGY_DIR``)."""
    path = _root().joinpath(*parts)
    if not path.exists():
        raise KGError(f"{path}: kg's ontology data is missing; reinstall kg (pip install -e . in its checkout)")
    return path


def query_names() -> list[str]:
    """The names of the queries kg ships (``ontology/queries/NAME.rq``), which ``kg query NAME`` runs.

    >>> {"entities", "roles", "statements"} <= set(query_names())
    True
    """
    folder = _root() / "queries"
    return sorted(p.stem for p in folder.glob("*.rq")) if folder.is_dir() else []
