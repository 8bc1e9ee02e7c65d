"""Cross-document merging on a real corpus: ../shared/corpus/lee (300 articles) plus the example article.

    python benchmarks/merge.py [OUT]

Builds them in one run, checks that no gazetteer entry has two nodes, and prints a sample of 30 entities
named in several documents (label, class, documents, names seen) for checking by hand; the result of
that check is recorded in benchmarks/RESULTS.md.
"""
from __future__ import annotations

import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import LEE, ROOT  # noqa: E402


def main() -> None:
    import kg

    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp()) / "merge"
    t = time.perf_counter()
    g = kg.build([LEE, ROOT / "examples"], out, viewer=False)
    print(f"built {g.summary.documents} documents in {time.perf_counter() - t:.0f} s into {out}")
    qids = Counter(r["w"] for r in g.sparql("SELECT DISTINCT ?e ?w WHERE { ?e owl:sameAs ?w }").values())
    dupes = [w for w, n in qids.items() if n > 1]
    print(f"gazetteer entries with more than one node: {len(dupes)} {dupes[:5]}")
    rows = g.sparql("""SELECT ?e ?label ?type (COUNT(DISTINCT ?d) AS ?docs)
        (GROUP_CONCAT(DISTINCT ?name; separator=" | ") AS ?names) WHERE {
          GRAPH ?d { ?e kg:labelInDocument ?name } ?e rdfs:label ?label ; a ?c .
          FILTER(STRSTARTS(STR(?c), STR(schema:))) BIND(STRAFTER(STR(?c), STR(schema:)) AS ?type)
        } GROUP BY ?e ?label ?type HAVING (COUNT(DISTINCT ?d) > 1)""").values()
    print(f"entities named in more than one document: {len(rows)}")
    rows.sort(key=lambda r: (r["label"], r["type"], r["e"]))  # the answer's order is not fixed: sample from a sorted list
    random.seed(7)
    for r in sorted(random.sample(rows, min(30, len(rows))), key=lambda r: r["label"]):
        print(f"  {r['label']} ({r['type']}): {r['docs']} documents; names: {r['names']}")
    print("stats:", g.stats(5))


if __name__ == "__main__":
    main()
