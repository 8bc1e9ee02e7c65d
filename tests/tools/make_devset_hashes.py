"""Write tests/data/devset-names.sha1: the SHA-1 of every multi-word name the public dev sets annotate
(../shared/devsets/*/gold.jsonl: entities, relation arguments, attribution sources), lower-cased with
single spaces (names of two capitalised words or more), leaving out the names kg's general gazetteers
know (countries, cities, states and provinces, ontology/gazetteer/organizations.tsv and places.tsv),
which kg may name. tests/test_generality.py checks that no such
name appears in kg/; the hashes let it run without ../shared and without copying the names.

Run from the project root: .venv/bin/python tests/tools/make_devset_hashes.py [../shared/devsets]
"""
import hashlib
import json
import sys
from pathlib import Path

from kg.extract.link import country, is_city, organization, place, subdivision_countries

ROOT = Path(__file__).resolve().parents[2]


def names(devsets: Path):
    for gold in sorted(devsets.glob("*/gold.jsonl")):
        for line in gold.read_text(encoding="utf-8").splitlines():
            d = json.loads(line)
            for e in d.get("entities", ()):
                yield e["text"]
            for r in d.get("relations", ()):
                yield r["head"]["text"]
                yield r["tail"]["text"]
            for a in d.get("attributions", ()):
                if a.get("source"):
                    yield a["source"]["text"]


def main() -> None:
    devsets = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "devsets"
    out = set()
    for name in names(devsets):
        norm = " ".join(name.lower().split())
        if sum(1 for w in name.split() if w[:1].isupper() and any(c.isalpha() for c in w)) < 2:
            continue  # a name has two capitalised words at least ("the union", "a spokesman" are no names)
        if country(name) or is_city(name, exact=True) or organization(name) or place(name) \
                or subdivision_countries(name):
            continue
        out.add(hashlib.sha1(norm.encode("utf-8")).hexdigest())
    (ROOT / "tests" / "data" / "devset-names.sha1").write_text("".join(f"{h}\n" for h in sorted(out)))
    print(f"{len(out)} names")


if __name__ == "__main__":
    main()
