"""Extraction throughput, memory and scaling of `kg build` against bare spaCy.

    python benchmarks/throughput.py [FOLDER]      (default: ../shared/corpus/lee)

Prints: words/s of a bare nlp.pipe (timed around the call, model already loaded), of bare spaCy
as a program of its own (interpreter start, model load, reading the files, nlp.pipe: measured the
way kg build is) and of `kg build --no-viewer` end to end, for 1 and 2 processes; peak RSS of kg build on the corpus once and repeated 10x; throughput (also as a fraction
of the bare one-process figure: fixed costs such as start-up and model load weigh less on a larger
corpus) and store size at 1x, 3x, 10x the corpus; kg on 2 processes at 3x the corpus.
"""
from __future__ import annotations

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
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else LEE
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    words = sum(len(t.split()) for t in texts)
    print(f"machine: {machine()}")
    print(f"corpus: {folder} — {len(texts)} documents, {words:,} words")
    with tempfile.TemporaryDirectory() as tmp:
        tmpd = Path(tmp)
        print("\n| processes | bare nlp.pipe words/s | kg build words/s | ratio | bare program words/s | ratio |")
        print("|---|---|---|---|---|---|")
        bare_by_n: dict[int, float] = {}
        for n in (1, 2):
            bare = bare_by_n[n] = bare_spacy(texts, n)
            program = words / bare_program(folder, n)
            wall, _, _ = run_measured(kg_cmd("build", str(folder), "--out", str(tmpd / f"p{n}"), "--no-viewer",
                                             "--quiet", "--processes", str(n), "--batch-size", "64"))
            ours = words / wall
            print(f"| {n} | {bare:,.0f} | {ours:,.0f} | {ours / bare:.2f} | {program:,.0f} | {ours / program:.2f} |",
                  flush=True)
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
