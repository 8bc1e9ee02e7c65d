"""Draw a random sample of kg's events for a careful reader to grade against their sentences.

    python benchmarks/event_sample.py                       # 50 events of the 300 Lee articles, seed 18
    python benchmarks/event_sample.py --n 25 --seed 7 DIR   # another sample, another corpus
    python benchmarks/event_sample.py --grades FILE         # add the reader's grades and print the tally

Runs ``kg extract`` on the corpus (no publication date for Lee: it has none), draws ``--n`` events
uniformly with ``random.Random(seed)`` and prints one Markdown block per event: the sentence, then
type, modality (and negation), every role with its entity (or text), place, origin, date and the rule
that made it. The reader grades each event against its sentence: ``right`` (type, every role, place,
date and modality right), ``partly`` (the event is there but something is missing or wrong) or
``wrong`` (no such event in the sentence, or what is stated is false: a plan stated as fact, the
attacker as target). ``--grades`` takes a file of lines ``N right|partly|wrong [note]`` and appends
them and the tally to the blocks.
"""
from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import LEE, ROOT  # noqa: E402


def events_of(corpus: Path) -> list[dict]:
    kg = ROOT / ".venv" / "bin" / "kg"
    run = subprocess.run([str(kg), "extract", str(corpus), "--format", "jsonl"], capture_output=True, text=True)
    if run.returncode not in (0, 6):
        raise SystemExit(f"kg extract failed: {run.stderr[-500:]}")
    out = []
    for line in run.stdout.splitlines():
        doc = json.loads(line)
        text = (corpus / f"{doc['doc']}.txt").read_text(encoding="utf-8")
        labels = {e["id"]: e["label"] for e in doc["entities"]}
        for ev in doc["events"]:
            out.append({"doc": doc["doc"], "sentence": " ".join(text[ev["start"]:ev["end"]].split()),
                        "labels": labels, **ev})
    return out


def block(i: int, ev: dict) -> str:
    labels = ev["labels"]
    roles = "; ".join(f"{p['role']}={labels.get(p['entity'], repr(p['text']))}" for p in ev["participants"])
    extra = ", ".join(f"{k}={labels.get(ev[k], ev[k])}" for k in ("place", "origin", "date") if ev.get(k))
    neg = " negated" if ev["negated"] else ""
    return (f"{i}. [{ev['doc']}] **{ev['type']}** \"{ev['label']}\" {ev['modality']}{neg} ({ev.get('rule')}): {roles}"
            f"{'; ' + extra if extra else ''}\n   > {ev['sentence']}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", nargs="?", default=str(LEE))
    ap.add_argument("--n", type=int, default=50)
    ap.add_argument("--seed", type=int, default=18)
    ap.add_argument("--grades", help="file of 'N right|partly|wrong [note]' lines")
    args = ap.parse_args()
    evs = events_of(Path(args.corpus))
    sample = random.Random(args.seed).sample(evs, min(args.n, len(evs)))
    grades: dict[int, str] = {}
    if args.grades:
        for line in Path(args.grades).read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                n, rest = line.split(maxsplit=1)
                grades[int(n)] = rest
    print(f"# {len(sample)} of {len(evs)} events, seed {args.seed}, corpus {Path(args.corpus).name}\n")
    for i, ev in enumerate(sample, 1):
        print(block(i, ev))
        if i in grades:
            print(f"   - grade: {grades[i]}")
        print()
    if grades:
        tally = {k: sum(g.split()[0] == k for g in grades.values()) for k in ("right", "partly", "wrong")}
        n = len(grades)
        print(f"graded {n}: right {tally['right']} ({tally['right'] / n:.0%}), partly {tally['partly']}, "
              f"wrong {tally['wrong']} ({tally['wrong'] / n:.0%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
