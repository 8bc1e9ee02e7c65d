"""Extraction throughput, memory and scaling of `kg build` against bare spaCy.

    python benchmarks/throughput.py [FOLDER]      (default: ../shared/corpus/lee)
    python benchmarks/throughput.py --rounds 5 --no-scaling     (the first table only, five rounds)

Prints: words/s of a bare nlp.pipe (timed around the call, model already loaded), of bare spaCy
as a program of its own (interpreter start, model load, reading the files, nlp.pipe: measured the
way kg build is) and of `kg build --no-viewer` end to end, for 1 and 2 processes; peak RSS of kg build on the corpus once and repeated 10x; throughput (also as a fraction
of the bare one-process figure: fixed costs such as start-up and model load weigh less on a larger
corpus) and store size at 1x, 3x, 10x the corpus; kg on 2 processes at 3x the corpus.

The first table alternates the three measures ``--rounds`` times (default 3), each bare run with a freshly
loaded model, and prints every round and then the median of each column: on a shared machine the speed can
change by a third from one minute to the next, so one bare run and one kg run minutes apart say little.
"""
from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import LEE, dir_size_mib, kg_cmd, machine, replicate, run_measured  # noqa: E402


def bare_spacy(texts: list[str], n_process: int) -> float:
    import spacy

    from kg.extract import resolve_model_name

    nlp = spacy.load(resolve_model_name())  # spaCy as it comes, without kg's indexed attribute ruler
    words = sum(len(t.split()) for t in texts)
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64, n_process=n_process):
        pass
    return words / (time.perf_counter() - start)


#: bare spaCy as a program of its own: start, import, load the model, read the files, nlp.pipe
_BARE_PROGRAM = """
import sys
from pathlib import Path
import spacy
from kg.extract.nlp import resolve_model_name
nlp = spacy.load(resolve_model_name())
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
for _ in nlp.pipe(texts, batch_size=64, n_process=int(sys.argv[2])):
    pass
"""


def bare_program(folder: Path, n_process: int) -> float:
    """Wall seconds of bare spaCy end to end in a fresh process (what kg build is measured as)."""
    wall, _, _ = run_measured([sys.executable, "-c", _BARE_PROGRAM, str(folder), str(n_process)])
    return wall


def main() -> None:
    import argparse
    import statistics

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", nargs="?", type=Path, default=LEE)
    ap.add_argument("--rounds", type=int, default=3, help="rounds of the first table (default 3)")
    ap.add_argument("--no-scaling", action="store_true", help="only the first table (no 3x and 10x builds)")
    args = ap.parse_args()
    folder = args.folder
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    words = sum(len(t.split()) for t in texts)
    print(f"machine: {machine()}")
    print(f"corpus: {folder} — {len(texts)} documents, {words:,} words")
    with tempfile.TemporaryDirectory() as tmp:
        tmpd = Path(tmp)
        print("\n| processes | round | bare nlp.pipe words/s | kg build words/s | ratio | bare program words/s | ratio |")
        print("|---|---|---|---|---|---|---|")
        bare_by_n: dict[int, float] = {}
        for n in (1, 2):
            rows = []
            for r in range(1, args.rounds + 1):
                bare = bare_spacy(texts, n)
                program = words / bare_program(folder, n)
                out = tmpd / f"p{n}-{r}"
                wall, _, _ = run_measured(kg_cmd("build", str(folder), "--out", str(out), "--no-viewer",
                                                 "--quiet", "--processes", str(n), "--batch-size", "64"))
                shutil.rmtree(out, ignore_errors=True)
                ours = words / wall
                rows.append((bare, ours, ours / bare, program, ours / program))
                print(f"| {n} | {r} | {bare:,.0f} | {ours:,.0f} | {ours / bare:.2f} | {program:,.0f} | "
                      f"{ours / program:.2f} |", flush=True)
            med = [statistics.median(col) for col in zip(*rows)]
            bare_by_n[n] = med[0]
            print(f"| {n} | median | {med[0]:,.0f} | {med[1]:,.0f} | {med[2]:.2f} | {med[3]:,.0f} | {med[4]:.2f} |",
                  flush=True)
        if args.no_scaling:
            return
        print("\n| corpus | documents | words | wall s | words/s | ÷ bare 1 process | peak RSS MiB | store MiB |")
        print("|---|---|---|---|---|---|---|---|")
        one_proc: dict[int, float] = {}  # words/s of kg on 1 process, by corpus size
        for times in (1, 3, 10):
            src = tmpd / f"x{times}"
            w = replicate(folder, src, times)
            out = tmpd / f"out{times}"
            wall, rss, _ = run_measured(kg_cmd("build", str(src), "--out", str(out), "--no-viewer", "--quiet",
                                               "--batch-size", "64"))
            one_proc[times] = w / wall
            print(f"| {times}x | {len(texts) * times} | {w:,} | {wall:.1f} | {w / wall:,.0f} | "
                  f"{w / wall / bare_by_n[1]:.2f} | {rss:.0f} | "
                  f"{dir_size_mib(out / 'store'):.1f} |", flush=True)
        w = replicate(folder, tmpd / "x3", 3)  # the same files again
        wall, _, _ = run_measured(kg_cmd("build", str(tmpd / "x3"), "--out", str(tmpd / "j2x3"), "--no-viewer",
                                         "--quiet", "--processes", "2", "--batch-size", "64"))
        print("\n| corpus | processes | words/s | ÷ kg 1 process | ÷ bare 2 processes |\n|---|---|---|---|---|")
        print(f"| 3x | 2 | {w / wall:,.0f} | {w / wall / one_proc[3]:.2f} | {w / wall / bare_by_n[2]:.2f} |")


if __name__ == "__main__":
    main()
