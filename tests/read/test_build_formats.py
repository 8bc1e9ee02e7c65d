"""Building graphs from pages, dumps, archives and feeds the tests write: entities, headline, date,
URL and offsets in the store; the build summary; --strict; the command line."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from formats_samples import ARTICLES, feed, page, write_csv, write_jsonl, write_warc

import kg
from kg.errors import InputError

ROWS = [{k: a[k] for k in ("id", "title", "text", "date", "url", "source")} for a in ARTICLES]


def cli(*args):
    return subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=600)


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    src = tmp_path_factory.mktemp("mixed")
    (src / "storm.html").write_text(page(ARTICLES[0]), encoding="utf-8")
    (src / "index.html").write_text(page(ARTICLES[0], article=False), encoding="utf-8")
    write_jsonl(src / "dump.jsonl", [dict(r, id=f"j-{r['id']}") for r in ROWS], bad_line="{not json")
    write_csv(src / "dump.csv", [{"headline": a["title"], "body": a["text"], "published": a["date"]} for a in ARTICLES])
    write_warc(src / "crawl.warc.gz", [(a["url"], page(a)) for a in ARTICLES])
    (src / "wire.rss").write_text(feed([dict(ARTICLES[0], url="https://wire.example.net/1")], full=False),
                                  encoding="utf-8")
    return src


@pytest.fixture(scope="module")
def built(mixed, tmp_path_factory):
    return kg.build([mixed], tmp_path_factory.mktemp("out"), viewer=False)


def test_summary_counts_kinds_and_names_what_was_not_read(built, mixed):
    s = built.summary
    # the saved page and the WARC record of the same URL are one document, read once
    assert dict(s.kinds) == {"warc": 2, "csv": 2, "jsonl": 2, "feed": 1}
    assert s.documents == 7
    skipped = {w.rsplit("/", 1)[-1]: r for w, r in s.skipped}
    assert set(skipped) == {"index.html", "storm.html"}
    assert "no article text" in skipped["index.html"] and "read once" in skipped["storm.html"]
    assert [w for w, _ in s.failed] == [f"{mixed / 'dump.jsonl'} line 2"]
    assert [w.rsplit("/", 1)[-1] for w, _ in s.notes] == ["wire.rss entry 1"]
    assert dict(s.ignored) == {f"{mixed / 'crawl.warc.gz'}: request records (not pages)": 2,
                               f"{mixed / 'crawl.warc.gz'}: non-HTML responses (image/png)": 1,
                               f"{mixed / 'crawl.warc.gz'}: responses with status 301": 1}


def test_documents_carry_headline_date_and_url(built):
    rows = built.sparql("""SELECT ?id ?headline ?date ?url WHERE { ?d a schema:NewsArticle ; schema:identifier ?id ;
        schema:headline ?headline . OPTIONAL { ?d schema:datePublished ?date } OPTIONAL { ?d schema:url ?url } }
        ORDER BY ?id""").values()
    by_id = {r["id"]: r for r in rows}
    assert by_id["j-wx-101"]["headline"] == ARTICLES[0]["title"] and by_id["j-wx-101"]["date"] == "2022-09-26"
    warc = [r for r in rows if r["url"] == ARTICLES[1]["url"]]
    assert len(warc) == 2 and {r["headline"] for r in warc} == {ARTICLES[1]["title"]}  # WARC and JSONL rows
    assert {r["date"] for r in warc} == {"2022-10-05"}
    assert all(r["headline"] in (ARTICLES[0]["title"], ARTICLES[1]["title"]) for r in rows)


def test_entities_and_offsets_refer_to_the_document_text(built):
    people = set(built.query("SELECT ?l WHERE { ?p a schema:Person ; rdfs:label ?l }")["l"])
    assert {"Ron DeSantis", "Olaf Scholz", "Emmanuel Macron"} <= people
    rows = built.sparql("""SELECT ?text ?b ?e ?anchor WHERE { ?m itsrdf:taIdentRef ?x ; nif:referenceContext ?d ;
        nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?anchor . ?d nif:isString ?text }""").values()
    assert len(rows) > 20
    for r in rows:
        assert r["text"][int(r["b"]):int(r["e"])] == r["anchor"]


def test_strict_stops_at_the_first_bad_input_and_writes_nothing(mixed, tmp_path):
    with pytest.raises(InputError, match="--strict: nothing was written"):
        kg.build([mixed], tmp_path / "out", strict=True, viewer=False)
    assert not (tmp_path / "out" / "store").exists()


def test_build_streams_documents_from_a_dump(tmp_path):
    """A row appended while the first document is being built is built too: the dump is read as the
    pipeline asks for documents, not beforehand."""
    rows = [dict(ROWS[i % 2], id=f"r{i}") for i in range(5)]
    p = write_jsonl(tmp_path / "s.jsonl", rows[:4])
    appended = []

    def progress(pr):
        if not appended:
            with open(p, "a", encoding="utf-8") as f:
                f.write(json.dumps(rows[4]) + "\n")
            appended.append(pr.done)

    g = kg.build([p], tmp_path / "out", viewer=False, batch_size=1, progress=progress)
    assert appended == [1] and g.summary.documents == 5 and g.summary.kinds["jsonl"] == 5


def test_cli_field_options_and_extract(tmp_path):
    rows = [{"copy": a["text"], "hed": a["title"], "when": a["date"], "key": a["id"]} for a in ARTICLES]
    p = write_csv(tmp_path / "odd.csv", rows)
    r = cli("build", p, "--out", tmp_path / "out", "--no-viewer")
    assert r.returncode == 2 and "its columns are: copy, hed, when, key" in r.stderr
    r = cli("build", p, "--out", tmp_path / "out", "--no-viewer", "--text-field", "copy", "--title-field", "hed",
            "--date-field", "when", "--id-field", "key")
    assert r.returncode == 0, r.stderr
    assert "Processed 2, skipped 0, failed 0." in r.stdout and "Read: 2 csv document(s)." in r.stdout
    r = cli("extract", write_jsonl(tmp_path / "n.jsonl", ROWS, bad_line="[1, 2]"))
    assert r.returncode == 6 and "n.jsonl line 2: is a JSON list" in r.stderr
    recs = [json.loads(line) for line in r.stdout.splitlines()]
    assert [(x["doc"], x["url"], x["headline"]) for x in recs] == [(a["id"], a["url"], a["title"]) for a in ARTICLES]
