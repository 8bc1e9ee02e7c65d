"""Graphs for the viewer tests, built from hand-made Extractions (no spaCy): a small article with
roles, typed relations of other predicates, events of two and of more parties, statements and
quotes, dates; and a generated archive of many such documents."""
from __future__ import annotations

import random
import re
import shutil
import subprocess
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad, Store

from kg.graph import Iris, to_quads
from kg.graph.mapping import EntityLayer
from kg.graph.namespaces import KG, PROV, RDF, XSD
from kg.types import (Document, Entity, Event, Extraction, Mention, Participant, Quote, Relation, Sentence, Span,
                      TimeValue)

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars"]
#: Chromium's window is this much taller than the page's viewport in headless mode
_CHROME_PX = 143


def chromium(*args: str, timeout: int = 240) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True,
                              text=True, timeout=timeout)


def status(page: Path, fragment: str = "", size: tuple[int, int] = (1400, 900)) -> dict[str, str]:
    """The page's self-report (``#kg-status``) in headless Chromium with a viewport of ``size``."""
    r = chromium(f"--window-size={size[0]},{size[1] + _CHROME_PX}", "--virtual-time-budget=20000", "--dump-dom",
                 page.resolve().as_uri() + fragment)
    m = re.search(r'<div id="kg-status"([^>]*)>', r.stdout)
    assert m, r.stderr[-2000:]
    return dict(re.findall(r'data-([a-z]+)="([^"]*)"', m.group(1)))


def screenshot_colour(page: Path, fragment: str, tmp: Path, size: tuple[int, int] = (1400, 900)) -> tuple[int, ...]:
    """The colour at the centre of a screenshot of the page (in an iframe of ``size``)."""
    from matplotlib.image import imread

    wrap = tmp / "wrap.html"
    wrap.write_text(f"<html><body style='margin:0;overflow:hidden'><iframe src='{page.resolve().as_uri()}{fragment}' "
                    f"width={size[0]} height={size[1]} style='border:0;display:block'></iframe></body></html>")
    shot = tmp / "shot.png"
    shot.unlink(missing_ok=True)
    r = chromium(f"--window-size={size[0]},{size[1]}", "--virtual-time-budget=20000", f"--screenshot={shot}",
                 wrap.resolve().as_uri())
    assert shot.exists(), r.stderr[-2000:]
    px = imread(str(shot))
    h, w = px.shape[:2]
    return tuple(int(round(float(c) * 255)) for c in px[h // 2, w // 2][:3])


def page_data(page: Path) -> dict:
    """The JSON data a written page carries."""
    import json

    text = page.read_text(encoding="utf-8")
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', text, re.S)
    assert m
    return json.loads(m.group(1).replace("<\\/", "</"))


# --- a hand-made article ---------------------------------------------------------------------------------------

_TEXT = ("Acme Corp, based in Springfield, named Jane Roe its chief executive on Monday. "
         "Roe met John Doe and Mary Major in Springfield. "
         "\"We will grow,\" Roe said. "
         "Doe reportedly said the deal with Globex was signed in 2020. "
         "Initech did not meet Globex. "
         "Lonely Town is far away.")


def _spans(text: str, word: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = text.index(word, i + 1)
    return i, i + len(word)


def article(doc_id: str = "acme-2024-03-04", published: date = date(2024, 3, 4), names: dict[str, str] | None = None,
            text: str = _TEXT) -> Extraction:
    """One document: roles, a typed relation, events with two and with three parties, a negated event,
    a statement event and its quote, a dated event, an entity with no link. ``names`` renames entities
    (key -> label) to make many documents whose entities overlap."""
    names = names or {}
    sents = []
    start = 0
    for part in re.findall(r"[^.]*\.(?: |$)", text):
        end = start + len(part.rstrip())
        sents.append(Sentence(len(sents), start, end, text[start:end], "body"))
        start += len(part)

    def sent_of(pos: int) -> Sentence:
        return next(s for s in sents if s.start <= pos < s.end)

    def ent(key: str, label: str, typ: str, words: list[str]) -> Entity:
        ms = []
        for w in words:
            for m in re.finditer(re.escape(w), text):
                ms.append(Mention(m.start(), m.end(), w, sent_of(m.start()).index))
        return Entity(key=key, label=names.get(key, label), type=typ, mentions=tuple(ms))

    ents = (
        ent("organization/acme", "Acme Corp", "Organization", ["Acme Corp"]),
        ent("city/springfield", "Springfield", "City", ["Springfield"]),
        ent("person/jane-roe", "Jane Roe", "Person", ["Jane Roe", "Roe"]),
        ent("person/john-doe", "John Doe", "Person", ["John Doe", "Doe"]),
        ent("person/mary-major", "Mary Major", "Person", ["Mary Major"]),
        ent("organization/globex", "Globex", "Organization", ["Globex"]),
        ent("organization/initech", "Initech", "Organization", ["Initech"]),
        ent("city/lonely-town", "Lonely Town", "City", ["Lonely Town"]),
    )
    ents = tuple(e for e in ents if e.mentions)
    s0, s1, s2, s3, s4 = sents[:5]
    doc = Document(id=doc_id, path=f"{doc_id}.txt", text=text, body=Span(0, len(text), text), published=published,
                   title=f"Acme news {doc_id}")
    rel = Relation("person/jane-roe", "memberOf", "organization/acme", 0, s0.start, s0.end, role="chief executive")

    def trig(word: str, s: Sentence) -> Span:
        a, b = _spans(text, word)
        return Span(a, b, word)

    def part(role: str, key: str | None, word: str) -> Participant:
        a, b = _spans(text, word)
        return Participant(role, key, word, a, b)

    mon = TimeValue("Monday", *_spans(text, "Monday"), (published - timedelta(days=1)).isoformat(), "date")
    y2020 = TimeValue("2020", *_spans(text, "2020"), "2020", "gYear")
    events = (
        Event(f"{doc_id}/e1", "Join", "Jane Roe named", trig("named", s0), 0, s0.start, s0.end,
              participants=(part("agent", "organization/acme", "Acme Corp"), part("theme", "person/jane-roe", "Jane Roe")),
              date=mon),
        Event(f"{doc_id}/e2", "Meet", "Roe met Doe and Major", trig("met", s1), 1, s1.start, s1.end,
              participants=(part("agent", "person/jane-roe", "Roe"), part("partner", "person/john-doe", "John Doe"),
                            part("partner", "person/mary-major", "Mary Major")), place="city/springfield"),
        Event(f"{doc_id}/e3", "Statement", "Jane Roe say", trig("said", s2), 2, s2.start, s2.end,
              participants=(part("agent", "person/jane-roe", "Roe"),)),
        Event(f"{doc_id}/e4", "Agree", "deal with Globex", trig("deal", s3), 3, s3.start, s3.end,
              participants=(part("agent", "person/john-doe", "Doe"), part("partner", "organization/globex", "Globex")),
              date=y2020, hedge="reportedly"),
        Event(f"{doc_id}/e5", "Meet", "Initech meet Globex", trig("meet", s4), 4, s4.start, s4.end,
              participants=(part("agent", "organization/initech", "Initech"),
                            part("partner", "organization/globex", "Globex")), negated=True),
    )
    qa, qb = _spans(text, "We will grow,")
    quotes = (Quote(f"{doc_id}/q1", "We will grow,", qa, qb, 2, s2.start, s2.end, "person/jane-roe", verb="say"),)
    return Extraction(document=doc, sentences=tuple(sents), entities=ents, relations=(rel,), events=events,
                      quotes=quotes)


def typed_relations(x: Extraction, iris: Iris) -> list[Quad]:
    """Relations of predicates other than memberOf, written as the relations issue describes them: the
    direct triple in the document's graph and a qualified statement node (subject, predicate, object,
    sentence, rule, confidence)."""
    g = iris.graph(x.document.id)
    out = []
    for i, (s, p, o, sent) in enumerate([("organization/acme", "headquarteredIn", "city/springfield", 0),
                                         ("person/john-doe", "worksWith", "organization/globex", 3),
                                         ("person/john-doe", "relatedTo", "organization/globex", 3),
                                         ("organization/acme", "metWith", "person/jane-roe", 0),
                                         ("person/jane-roe", "statedAbout", "organization/initech", 2)]):
        keys = {e.key.rsplit("-", 1)[0] if e.key.rsplit("-", 1)[-1].isdigit() else e.key: e.key for e in x.entities}
        if s not in keys or o not in keys:
            continue
        sub, obj, pred = iris.entity(keys[s]), iris.entity(keys[o]), KG[p]
        st = NamedNode(f"{iris.document(x.document.id).value}#relation-{i}")
        sentence = x.sentences[sent]
        out += [Quad(sub, pred, obj, g), Quad(st, RDF.type, KG.RelationStatement, g),
                Quad(st, RDF.subject, sub, g), Quad(st, RDF.predicate, pred, g), Quad(st, RDF.object, obj, g),
                Quad(st, PROV.wasDerivedFrom, iris.span(x.document.id, sentence.start, sentence.end), g),
                Quad(st, KG.rule, Literal(f"test-rule-{p}"), g),
                Quad(st, KG.confidence, Literal("0.7", datatype=XSD.decimal), g)]
        if p == "relatedTo":  # the open relation carries its verb and preposition
            out += [Quad(st, KG.verb, Literal("sign"), g), Quad(st, KG.preposition, Literal("with"), g)]
    return out


def store_of(extractions, extra=typed_relations) -> Store:
    """An in-memory store holding the extractions (with ``extra`` quads per document) and the entity layer."""
    iris = Iris()
    store = Store()
    for x in extractions:
        store.extend(list(to_quads(x, iris)) + (extra(x, iris) if extra else []))
    store.extend(list(EntityLayer(store, iris).quads()))
    return store


def archive(n_docs: int, seed: int = 3) -> list[Extraction]:
    """``n_docs`` generated documents over a pool of names, so that entities recur across documents
    (as in an archive), published over two years."""
    rnd = random.Random(seed)
    pool = 2 * n_docs // 5 + 10
    keys = ["organization/acme", "city/springfield", "person/jane-roe", "person/john-doe", "person/mary-major",
            "organization/globex", "organization/initech", "city/lonely-town"]
    out = []
    for i in range(n_docs):
        names = {}
        suffix = {}
        for k in keys:
            n = int(rnd.paretovariate(1.1)) % pool
            suffix[k] = n
            names[k] = f"{k.split('/')[1].replace('-', ' ').title()} {n}"
        x = article(f"gen-{i:05d}", date(2022, 1, 1) + timedelta(days=rnd.randrange(730)), names)
        # distinct entity keys per name, so the pool decides what recurs
        import dataclasses

        def key(k: str) -> str:
            return f"{k}-{suffix[k]}" if k in suffix else k

        x = dataclasses.replace(
            x, entities=tuple(dataclasses.replace(e, key=key(e.key)) for e in x.entities),
            relations=tuple(dataclasses.replace(r, subject=key(r.subject), object=key(r.object)) for r in x.relations),
            events=tuple(dataclasses.replace(
                e, participants=tuple(dataclasses.replace(p, entity=key(p.entity) if p.entity else None)
                                      for p in e.participants),
                place=key(e.place) if e.place else None) for e in x.events),
            quotes=tuple(dataclasses.replace(q, speaker=key(q.speaker) if q.speaker else None) for q in x.quotes))
        out.append(x)
    return out


@pytest.fixture(scope="session")
def small_store() -> Store:
    return store_of([article()])


@pytest.fixture(scope="session")
def archive_page(tmp_path_factory) -> Path:
    """The viewer of 3,000 generated documents."""
    from kg.viz import from_store, write_html

    store = store_of(archive(3000))
    return write_html(from_store(store), tmp_path_factory.mktemp("archive") / "viewer.html", title="archive")
