"""How much of a corpus is a graph: entities linked to another entity, and the relations that link them.

    python benchmarks/linked.py [STORE]

Builds ../shared/corpus/lee (300 articles) into a temporary folder unless a built store is given, then
prints what `kg stats` says ("entities linked: N of M": by a typed relation or a shared event; and with
the open relation too), the relations by predicate and by rule, and how many of them the sentences state
as fact. The figures are recorded in benchmarks/RESULTS.md.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import LEE  # noqa: E402


def main() -> None:
    import kg

    if len(sys.argv) > 1:
        g = kg.open(sys.argv[1])
    else:
        out = Path(tempfile.mkdtemp()) / "lee"
        t = time.perf_counter()
        g = kg.build([LEE], out, viewer=False)
        print(f"built {g.summary.documents} documents in {time.perf_counter() - t:.0f} s into {out}")
    st = g.stats()
    total = sum(st["entities"].values())
    print(f"entities: {total} ({', '.join(f'{k} {v}' for k, v in st['entities'].items())})")
    print(f"linked by a typed relation or a shared event: {st['linked']} ({st['linked'] / total:.1%})")
    print(f"linked with the open relation too:            {st['linked_open']} ({st['linked_open'] / total:.1%})")
    rel = g.relations()
    stated = rel[(rel["modality"] == "asserted") & ~rel["negated"]]
    print(f"relations: {len(rel)} (stated as fact {len(stated)})")
    name = rel["relation"].str.split(":").str[0]
    print("by relation: " + ", ".join(f"{k} {v}" for k, v in name.value_counts().items()))
    print("by rule:     " + ", ".join(f"{k} {v}" for k, v in rel["rule"].value_counts().items()))


if __name__ == "__main__":
    main()
