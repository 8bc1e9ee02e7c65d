"""Bad input, crashes, hostile strings, injection, timeouts and concurrent builds."""
from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import kg
from conftest import EXAMPLES, ROOT, SEED

ARTICLES = ROOT / "tests" / "data" / "articles"


def cli(*args, **kw):
    return subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=600, **kw)


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_cli_summary_and_exit_codes(tmp_path):
    src = tmp_path / "in"
    write(src / "good.txt", SEED.read_bytes())
    write(src / "empty.txt", b"   \n\t")
    r = cli("build", src, "--out", tmp_path / "out", "--no-viewer")
    assert r.returncode == 0, r.stderr
    assert "skipped" in r.stderr and "empty.txt" in r.stderr
    assert "Processed 1, skipped 1, failed 0." in r.stdout
    r = cli("build", src, "--out", tmp_path / "out2", "--no-viewer", "--strict")
    assert r.returncode == 2 and "empty.txt" in r.stderr and not (tmp_path / "out2" / "store").exists()
    write(src / "page.txt", b"<!DOCTYPE html><html><body><p>Hi</p></body></html>")  # a page saved as .txt
    r = cli("build", src, "--out", tmp_path / "out3", "--no-viewer")
    assert r.returncode == 0, r.stderr
    assert "page.txt: has no article text" in r.stderr and "Processed 1, skipped 2, failed 0." in r.stdout
    write(src / "zeros.txt", b"\x00" * 100)
    r = cli("build", src, "--out", tmp_path / "out4", "--no-viewer")
    assert r.returncode == 6
    assert "zeros.txt: is a binary file" in r.stderr
    assert (tmp_path / "out4" / "store").exists()


@pytest.mark.parametrize("name, data, needle", [
    ("pdf.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    ("zeros.txt", b"\x00" * 100, "binary"),
    ("html.txt", b"  <html><head><title>x</title></head></html>", "HTML"),
])
def test_refused_files_name_the_reason(tmp_path, name, data, needle):
    from kg.errors import InputError
    from kg.read import read_document

    with pytest.raises(InputError) as e:
        read_document(write(tmp_path / name, data))
    assert name in str(e.value) and needle in str(e.value)


def test_size_limit_can_be_raised(tmp_path):
    from kg.errors import InputError
    from kg.read import read_document

    p = write(tmp_path / "big.txt", ("Word after word in a long file. " * 40_000).encode())
    with pytest.raises(InputError, match="--max-file-mb"):
        read_document(p, max_bytes=2**20)
    assert read_document(p, max_bytes=2 * 2**20).body.end > 2**20 * 0.9


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-16"])
def test_non_utf8_is_detected_and_decoded(tmp_path, encoding):
    from kg.read import read_document

    text = "Café owners in Zürich said prices rose sharply again on Monday. Ökonomen stimmten zu, à bientôt."
    if encoding != "latin-1":
        text = text.replace("rose sharply", "rose “sharply” —")
    d = read_document(write(tmp_path / "a.txt", text.encode(encoding)))
    assert "Zürich" in d.text and "Café" in d.text


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_offsets(tmp_path, nlp, newline):
    from kg.extract import extract
    from kg.read import read_document

    text = SEED.read_text(encoding="utf-8").replace("\n", newline)
    d = read_document(write(tmp_path / "a.txt", text.encode("utf-8")))
    assert d.text == text and d.headline is not None and d.dateline is not None
    x = next(extract([d], nlp))
    assert x.quotes and x.entities
    for e in x.entities:
        for m in e.mentions:
            assert text[m.start:m.end] == m.text
    for q in x.quotes:
        assert text[q.start:q.end] == q.text
    for s in x.sentences:
        assert text[s.start:s.end] == s.text


def test_very_long_sentence_and_odd_punctuation(tmp_path, nlp):
    from kg.extract import extract
    from kg.read import read_document

    words = " ".join(["and the committee of Springfield said"] * 3000)
    text = (f"« Bonjour » — said Jean Martin ‒ “yes” ‘no’ „ja“ 「はい」 ― {words}\u2028, no full stop "
            "'quoted' \"straight\" – end")
    assert len(text) > 20_000
    d = read_document(write(tmp_path / "long.txt", text.encode("utf-8")))
    x = next(extract([d], nlp))
    for e in x.entities:
        for m in e.mentions:
            assert text[m.start:m.end] == m.text
    for q in x.quotes:
        assert text[q.start:q.end] == q.text


def test_sigkill_mid_add_leaves_previous_store(tmp_path, seed_out):
    import shutil

    out = tmp_path / "out"
    shutil.copytree(seed_out, out)
    before = sorted(kg.open(out).sparql("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }").values(),
                    key=repr)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(40):
        (corpus / f"a{i}.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(corpus), "--out", str(out), "--add"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    # wait until the build is writing (its staging folder exists), then kill it
    for _ in range(600):
        if list(out.glob(".kg-build-*")) or proc.poll() is not None:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    after = sorted(kg.open(out).sparql("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }").values(), key=repr)
    assert after == before
    # the next build cleans up what the killed one left
    kg.build([EXAMPLES], out, viewer=False)
    assert not list(out.glob(".kg-build-*"))


def test_two_builds_at_once_one_fails_clearly(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(20):
        (corpus / f"a{i}.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    first = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(corpus), "--out", str(out), "-q"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for _ in range(600):
        if list(out.glob(".kg-build-*")) or first.poll() is not None:
            break
        time.sleep(0.05)
    second = cli("build", corpus, "--out", out, "-q")
    _, first_err = first.communicate(timeout=600)
    assert first.returncode == 0, first_err
    assert second.returncode == 4 and "another kg build" in second.stderr
    assert kg.open(out).summary is None and len(kg.open(out)) > 0


def test_no_injection_through_bound_values(seed_graph):
    hostile = 'x" } ; DROP ALL ; #'
    res = seed_graph.sparql("SELECT ?n WHERE { ?n rdfs:label ?label }", bindings={"label": hostile})
    assert res.rows == []
    res = seed_graph.sparql("SELECT ?n WHERE { ?n rdfs:label ?label }", bindings={"label": "Joe Biden"})
    assert len(res.rows) == 1
    assert len(seed_graph) > 500


def test_hostile_label_in_text_stays_a_literal(tmp_path):
    text = ('Deal talks stall\nPARIS (AFP) - Acme "x" } ; DROP ALL ; # Corp and the firm <script>alert(1)</script> '
            'Société Générale\\n said on Monday that Jean Dupont met \u202eevil\u202c people 🚀 in Paris.')
    src = write(tmp_path / "in" / "hostile.txt", text.encode("utf-8"))
    g = kg.build([src], tmp_path / "out", viewer=True)
    assert len(g) > 20
    page = (tmp_path / "out" / "viewer.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page


def test_query_timeout_stops_a_long_query(seed_out):
    q = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")
    start = time.monotonic()
    r = cli("query", q, "--store", seed_out, "--timeout", "1")
    assert r.returncode == 2 and "timeout" in r.stderr.lower() and len(r.stderr.strip().splitlines()) == 1
    assert time.monotonic() - start < 60
