"""Reading cost of the input formats, and memory on a large dump.

    python benchmarks/reading.py [FOLDER] [--times 1,10,100] [--build-times 1,10] [--no-build]

The same articles (default: the 300 of ../shared/corpus/lee) are written as a folder of .txt files,
a JSON Lines dump, a CSV dump, a gzipped WARC of HTML pages (one response record each, with the
request records a crawler writes) and an RSS feed with the full text. Prints:

- reading alone (kg.read, no model): documents/s for each form, in this process;
- `kg build --no-viewer` end to end on each form (a fresh process each): documents/s, and the
  extra cost of each form against the .txt folder as a fraction of the .txt build;
- peak RSS of reading a JSONL dump of the articles repeated 1x, 10x, 100x (a fresh process each:
  a streamed dump keeps it flat), and of `kg build` on the dump at --build-times (default 1x, 10x).
"""
from __future__ import annotations

import io
import json
import sys
import tempfile
import time
from html import escape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import LEE, kg_cmd, machine  # noqa: E402


def run_measured(argv: list[str]) -> tuple[float, float, float]:
    """Run a command; (wall seconds, CPU seconds (user + system), peak RSS MiB) of the child. On a shared
    machine the CPU time is the steadier figure: other people's work stretches the wall time."""
    import os
    import subprocess

    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{argv} failed: {(proc.stderr.read() if proc.stderr else '')[-500:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024

_READ_ALL = """
import sys
from pathlib import Path
from kg.read import collect_inputs, read_inputs
n = sum(1 for d in read_inputs(collect_inputs([Path(sys.argv[1])])) if hasattr(d, "text"))
print(n)
"""


def page(doc_id: str, text: str) -> str:
    paras = "".join(f"<p>{escape(p)}</p>" for p in text.split("\n") if p.strip())
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body><nav><a href='/'>Home</a></nav>"
            f"<article>{paras}</article><footer>Example Media</footer></body></html>")


def write_forms(texts: dict[str, str], root: Path) -> dict[str, Path]:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    txt = root / "txt"
    txt.mkdir()
    for doc_id, text in texts.items():
        (txt / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    jsonl = root / "articles.jsonl"
    with open(jsonl, "w", encoding="utf-8") as f:
        for doc_id, text in texts.items():
            f.write(json.dumps({"id": doc_id, "text": text}) + "\n")
    import csv

    csv_path = root / "articles.csv"
    with open(csv_path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "text"])
        w.writerows(texts.items())
    warc = root / "crawl.warc.gz"
    with open(warc, "wb") as f:
        writer = WARCWriter(f, gzip=True)
        for doc_id, text in texts.items():
            url = f"https://news.example.com/{doc_id}"
            req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example.com")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=req))
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", http_headers=headers,
                                                          payload=io.BytesIO(page(doc_id, text).encode("utf-8"))))
    feed = root / "feed.rss"
    items = "".join(f"<item><link>https://news.example.com/{k}</link><description>-</description>"
                    f"<content:encoded><![CDATA[{''.join(f'<p>{escape(p)}</p>' for p in v.split(chr(10)) if p)}]]>"
                    f"</content:encoded></item>" for k, v in texts.items())
    feed.write_text('<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
                    f"<channel><title>Example</title>{items}</channel></rss>", encoding="utf-8")
    return {"txt": txt, "jsonl": jsonl, "csv": csv_path, "warc": warc, "feed": feed}


def repeat_dump(texts: dict[str, str], path: Path, times: int) -> int:
    with open(path, "w", encoding="utf-8") as f:
        for k in range(times):
            for doc_id, text in texts.items():
                f.write(json.dumps({"id": f"{doc_id}-r{k}", "text": text}) + "\n")
    return path.stat().st_size


def main() -> None:
    args = sys.argv[1:]

    def option(name: str, default: str) -> str:
        if name in args:
            i = args.index(name)
            value = args[i + 1]
            del args[i:i + 2]
            return value
        return default

    times = [int(x) for x in option("--times", "1,10,100").split(",")]
    build_times = [int(x) for x in option("--build-times", "1,10").split(",")]
    build = "--no-build" not in args
    args = [a for a in args if a != "--no-build"]
    folder = Path(args[0]) if args else LEE
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}
    print(f"machine: {machine()}")
    print(f"corpus: {folder} — {len(texts)} documents, {sum(len(t.split()) for t in texts.values()):,} words")
    from kg.read import collect_inputs, read_inputs

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        forms = write_forms(texts, root)
        print("\nreading alone (kg.read, no model), best of 3, CPU seconds of this process:")
        for name, path in forms.items():
            best = float("inf")
            for _ in range(3):
                start = time.process_time()
                n = sum(1 for d in read_inputs(collect_inputs([path])) if hasattr(d, "text"))
                best = min(best, time.process_time() - start)
            print(f"  {name:6} {n:5d} docs  {best:6.2f} s  {n / best:9,.0f} docs/s  {best / n * 1000:6.2f} ms/doc")
        if build:
            print("\nkg build --no-viewer (fresh process each; extra cost against the .txt build in CPU time):")
            base = None
            for name, path in forms.items():
                wall, cpu, rss = run_measured(kg_cmd("build", str(path), "--out", str(root / f"out-{name}"),
                                                     "--no-viewer", "--quiet"))
                base = cpu if base is None else base
                extra = "" if name == "txt" else f"  extra: {(cpu - base) / base:+.1%}"
                print(f"  {name:6} wall {wall:6.1f} s  CPU {cpu:6.1f} s  {len(texts) / cpu:5.1f} docs per CPU s  "
                      f"peak RSS {rss:5.0f} MiB{extra}")
        print("\npeak RSS reading a JSONL dump of the articles repeated (fresh process each):")
        for k in times:
            size = repeat_dump(texts, root / f"x{k}.jsonl", k)
            wall, cpu, rss = run_measured([sys.executable, "-c", _READ_ALL, str(root / f"x{k}.jsonl")])
            print(f"  {k:4d}x  {len(texts) * k:7,d} docs  {size / 2**20:7.1f} MiB  CPU {cpu:6.1f} s  "
                  f"peak RSS {rss:5.0f} MiB")
            (root / f"x{k}.jsonl").unlink()
        if build:
            print("\npeak RSS of kg build --no-viewer on the JSONL dump repeated:")
            for k in build_times:
                size = repeat_dump(texts, root / f"b{k}.jsonl", k)
                wall, cpu, rss = run_measured(kg_cmd("build", str(root / f"b{k}.jsonl"), "--out",
                                                     str(root / f"out-b{k}"), "--no-viewer", "--quiet"))
                print(f"  {k:4d}x  {len(texts) * k:7,d} docs  {size / 2**20:6.1f} MiB  wall {wall:7.1f} s  "
                      f"CPU {cpu:7.1f} s  peak RSS {rss:5.0f} MiB")


if __name__ == "__main__":
    main()
