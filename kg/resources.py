"""Where kg finds its shipped data (ontology, gazetteers, queries)."""
from __future__ import annotations

import os
from pathlib import Path

from kg.errors import KGError

__all__ = ["ontology_path"]


def ontology_path(*parts: str) -> Path:
    """Path inside the ``ontology/`` folder of the kg checkout (or ``$KG_ONTOLOGY_DIR``)."""
    root = Path(os.environ.get("KG_ONTOLOGY_DIR") or Path(__file__).resolve().parent.parent / "ontology")
    path = root.joinpath(*parts)
    if not path.exists():
        raise KGError(f"{path}: kg's ontology data is missing; install kg from its checkout (pip install -e .)")
    return path
