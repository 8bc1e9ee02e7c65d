"""What a first-time user trips over (issue 22): cut table cells, the documents' list, hints that name the
folder asked for, bindings of no variable, PDFs, the export formats, --version / -h, kg remove --store,
kg view --open without a browser, dates given as strings, and what a failed build leaves behind."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT

_QUOTE = "SELECT ?t WHERE { ?d a schema:NewsArticle ; nif:isString ?t }"


def kg(*args, env=None):
    return subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, timeout=600, env=env)


# item 4: a table never cuts a value silently

def test_table_marks_every_cut_and_says_how_to_see_the_whole_value(seed_out):
    from pyoxigraph import Literal

    from kg.query.sparql import Result

    long = "x" * 100
    table = Result("select", ["a", "b"], [[Literal(long), Literal("short")]]).serialize("table")
    row = table.splitlines()[2]
    assert long[:79] + "…" in row and long not in row
    assert "1 cell cut at 80 characters" in table and "--format csv" in table and "--width" in table
    assert "cut" not in Result("select", ["a"], [[Literal("short")]]).serialize("table")
    whole = kg("query", _QUOTE, "--store", seed_out, "--width", "0")
    text = (ROOT / "examples" / "afghanistan-2021-08-11.txt").read_text(encoding="utf-8")
    assert whole.returncode == 0 and text.splitlines()[-1].strip() in whole.stdout and "…" not in whole.stdout
    cut = kg("query", _QUOTE, "--store", seed_out)
    assert "…" in cut.stdout and "--width 0" in cut.stdout


# item 6: the documents, listed

def test_stats_lists_the_documents_kg_remove_takes(seed_out, seed_graph):
    docs = seed_graph.documents()
    assert docs.columns.tolist() == ["id", "published", "title", "url"]
    assert docs["id"].tolist() == ["afghanistan-2021-08-11"]
    r = kg("stats", "--store", seed_out, "--documents")
    assert r.returncode == 0 and "  afghanistan-2021-08-11  2021-08-11  " in r.stdout
    listed = json.loads(kg("stats", "--store", seed_out, "--documents", "--json").stdout)["document_list"]
    assert listed[0]["id"] == "afghanistan-2021-08-11"


# item 7: a missing store's hint builds where the user asked

def test_missing_store_hint_names_the_folder_asked_for(tmp_path):
    import kg as kg_

    from kg.errors import StoreError

    r = kg("query", "entities", "--store", tmp_path / "nowhere")
    assert r.returncode == 4 and f"--out {tmp_path / 'nowhere'}" in r.stderr
    with pytest.raises(StoreError, match=f"--out {tmp_path / 'nowhere'}$"):
        kg_.open(tmp_path / "nowhere")
    with pytest.raises(StoreError, match=f"--out {tmp_path / 'out'}$"):  # a store folder: its output folder
        kg_.open(tmp_path / "out" / "store")


# item 9: a binding of no variable is refused

def test_bind_of_a_variable_the_query_does_not_have_is_refused(seed_out, seed_graph):
    from kg.errors import InputError

    r = kg("query", "statements", "--store", seed_out, "--bind", "q=Nobody")
    assert r.returncode == 2 and "no variable ?q" in r.stderr and "?speaker" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    with pytest.raises(InputError, match=r"no variable \?nobody.*\?l"):
        seed_graph.sparql("SELECT ?e WHERE { ?e rdfs:label ?l }", bindings={"nobody": "x"})
    assert len(seed_graph.sparql("SELECT ?e WHERE { ?e rdfs:label ?l }", bindings={"l": "Joe Biden"})) == 1


# item 10: a PDF is recognised by its header, binary or not

def test_a_real_pdf_saved_as_txt_gets_the_pdf_message(tmp_path):
    from kg.errors import InputError
    from kg.read import read_document

    pdf = tmp_path / "report.txt"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 5 /Filter /FlateDecode >>\nstream\n"
                    b"x\x9c\x00\x01\x02\x03\nendstream\nendobj\n")
    with pytest.raises(InputError, match="PDF saved as .txt.*pdftotext"):
        read_document(pdf)


def test_extract_and_build_treat_a_bad_sidecar_date_alike(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for name in ("a", "b"):
        (src / f"{name}.txt").write_text("Talks\n\nThe minister met the mayor in Paris.\n", encoding="utf-8")
    (src / "a.json").write_text('{"published": "yesterday"}', encoding="utf-8")
    ex = kg("extract", src)
    assert ex.returncode == 6 and len(ex.stdout.splitlines()) == 1 and "a.json" in ex.stderr
    b = kg("build", src, "--out", tmp_path / "out", "--no-viewer")
    assert b.returncode == 6 and "a.json" in b.stderr


# item 11: export offers only what works

def test_export_help_offers_only_formats_it_writes():
    import re

    from kg.cli import ExportFormat

    assert [f.value for f in ExportFormat] == ["turtle", "trig", "nquads", "jsonld", "graphml"]
    r = kg("export", "--help")
    assert r.returncode == 0 and "graphml" in r.stdout and not re.search(r"\bjsonl\b", r.stdout)
    assert "kg extract" in r.stdout


# item 13: --version, -h, flags without <bool>, kg remove --store, kg view --open without a browser

def test_version_short_help_and_flags_without_type_noise():
    from kg import __version__

    v = kg("--version")
    assert v.returncode == 0 and v.stdout.strip() == f"kg {__version__}"
    for args in (("-h",), ("build", "-h"), ("view", "-h"), ("remove", "-h")):
        r = kg(*args)
        assert r.returncode == 0 and "Usage" in r.stdout, args
        assert "<bool>" not in r.stdout, args
    assert "--store" in kg("remove", "-h").stdout


def test_remove_takes_store_like_every_command(tmp_path):
    import kg as kg_

    out = tmp_path / "out"
    kg_.build([ROOT / "tests" / "data" / "first-run"], out, viewer=False, published="2024-03-05")
    assert len(kg_.open(out).documents()) == 2
    r = kg("remove", "merkel-macron", "--store", out / "store")
    assert r.returncode == 0, r.stderr
    assert kg_.open(out).documents()["id"].tolist() == ["acme-buys-brightwave"]
    r = kg("remove", "no-such-doc", "--out", out)  # the old name still works
    assert r.returncode == 2 and "kg stats --documents" in r.stderr
    r = kg("remove", "merkel-macron", "--store", tmp_path / "nowhere" / "store")
    assert r.returncode == 4 and f"--out {tmp_path / 'nowhere'}" in r.stderr and not (tmp_path / "nowhere").exists()


def test_view_open_without_a_browser_says_where_the_page_is(seed_out, tmp_path):
    env = {**os.environ, "BROWSER": "false"}  # a browser command that cannot open anything
    page = tmp_path / "v.html"
    r = kg("view", "--store", seed_out, "--out", page, "--open", env=env)
    assert r.returncode == 0 and page.exists()
    assert "no browser could be opened" in r.stderr and str(page.resolve()) in r.stderr
    ok = kg("view", "--store", seed_out, "--out", page, "--open", env={**os.environ, "BROWSER": "true"})
    assert ok.returncode == 0 and "no browser" not in ok.stderr


# item 14: dates as strings; a failed build leaves nothing of its own behind

def test_build_takes_a_date_string_and_a_failed_build_leaves_no_lock(tmp_path):
    import kg as kg_

    from kg.errors import InputError

    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Talks\n\nThe minister met the mayor in Paris on Monday.\n", encoding="utf-8")
    g = kg_.build([src], tmp_path / "out", published="2024-03-06")
    assert g.documents()["published"].tolist() == ["2024-03-06"]
    assert (tmp_path / "out" / "viewer.html").exists()  # one place and no link: still a page to open
    recs = list(kg_.extract_records([src], published="2024-03-06"))
    assert recs[0]["published"] == "2024-03-06"
    with pytest.raises(InputError, match="published"):
        kg_.build([src], tmp_path / "bad", published="March 5")
    assert not (tmp_path / "bad").exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "blank.txt").write_text("  \n", encoding="utf-8")
    with pytest.raises(InputError, match="nothing was written"):
        kg_.build([empty], tmp_path / "never", viewer=False)
    assert not (tmp_path / "never").exists()  # no folder, no .kg.lock
    kept = tmp_path / "kept"
    kept.mkdir()
    with pytest.raises(InputError):
        kg_.build([empty], kept, viewer=False)
    assert kept.exists() and list(kept.iterdir()) == []  # the user's folder stays, without a lock in it



# item 3: one definition of an entity; named events are entities of their own class

def test_build_summary_stats_and_entities_count_the_same_entities(tmp_path):
    import kg as kg_
    from collections import Counter

    src = tmp_path / "in"
    src.mkdir()
    for name, text in (("one", "Hurricane Katrina hit New Orleans. President George Bush met the mayor of New "
                               "Orleans on Monday, the Associated Press reported."),
                       ("two", "George Bush visited New Orleans after Hurricane Katrina, AP said. The mayor met "
                               "George Bush in Washington.")):
        (src / f"{name}.txt").write_text(f"Storm\n\n{text}\n", encoding="utf-8")
    g = kg_.build([src], tmp_path / "out", viewer=False, published="2024-03-06")
    stats = g.stats()["entities"]
    listed = g.entities()
    assert dict(g.summary.entities_by_type) == stats == dict(Counter(listed["type"]))
    assert sum(stats.values()) == len(listed) == len(set(listed["entity"]))  # each entity once, not once per document
    assert stats["NamedEvent"] == 1 and "Event" not in stats
    katrina = listed[listed["type"] == "NamedEvent"]
    assert katrina["label"].tolist() == ["Hurricane Katrina"] and katrina["mentions"].tolist() == [2]
    # a named event is an entity, not one of the events read from sentences
    assert "Hurricane Katrina" not in set(g.events()["label"])
    assert len(g.sparql("SELECT ?e WHERE { ?e a kg:NamedEvent ; rdfs:label 'Hurricane Katrina' }")) == 1
    assert not g.sparql("ASK { ?e a schema:Event ; rdfs:label 'Hurricane Katrina' }")
    names = {r["label"] for r in g.sparql("entities")}
    assert "Hurricane Katrina" in names and len(names) == len(listed)
    r = kg("build", src, "--out", tmp_path / "cli", "--no-viewer")
    assert f": {sum(stats.values())} entities (" in r.stdout, r.stdout


def test_named_event_is_in_the_vocabulary():
    import rdflib

    g = rdflib.Graph().parse(ROOT / "ontology" / "kg.ttl")
    kg_ns = rdflib.Namespace("http://example.org/kg/ontology#")
    assert (kg_ns.NamedEvent, rdflib.RDF.type, rdflib.OWL.Class) in g
    assert "named event" in str(g.value(kg_ns.NamedEvent, rdflib.RDFS.label))


def test_a_pdf_saved_as_a_page_is_named_a_pdf(tmp_path):
    from kg.errors import InputError
    from kg.read.html import article_of_html

    data = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\nstream\nx\x9c\x00\x01\nendstream\n"
    with pytest.raises(InputError, match="is a PDF.*pdftotext"):
        article_of_html(data, where="report.html", kind="html", max_bytes=2**20)
