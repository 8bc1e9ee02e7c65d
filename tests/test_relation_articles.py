"""Articles written for the relations tests (tests/data/relations/) and the first-run articles
(tests/data/first-run/): the relations a careful reader gets from them, and none stated that is wrong."""
import json
from datetime import date
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"
EXPECTED = json.loads((DATA / "relations" / "expected.json").read_text(encoding="utf-8"))


def _facts(x):
    """{(subject names, predicate, object names, stated)}: names are every mention text of the entity."""
    names = {e.key: {m.text for m in e.mentions} | {e.label} for e in x.entities}
    return [(names[r.subject], r.predicate, names[r.object], r.asserted) for r in x.relations]


@pytest.fixture(scope="module")
def extracted(nlp):
    from kg.extract import extract
    from kg.read import read_document

    paths = sorted((DATA / "relations").glob("*.txt")) + sorted((DATA / "first-run").glob("*.txt"))
    published = date.fromisoformat(EXPECTED["published"])
    return {x.document.id: _facts(x) for x in extract([read_document(p, published) for p in paths], nlp)}


def _has(facts, s, p, o, stated):
    return any(s in a and p == q and o in b and (stated is None or st == stated) for a, q, b, st in facts)


@pytest.mark.parametrize("doc,s,p,o", EXPECTED["stated"])
def test_stated_relations_are_found(extracted, doc, s, p, o):
    assert _has(extracted[doc], s, p, o, True), [f for f in extracted[doc] if f[3]]


@pytest.mark.parametrize("doc,s,p,o", EXPECTED["not_stated"])
def test_planned_relations_are_kept_but_not_stated(extracted, doc, s, p, o):
    assert _has(extracted[doc], s, p, o, False) and not _has(extracted[doc], s, p, o, True)


@pytest.mark.parametrize("doc,s,p,o", EXPECTED["must_not"])
def test_wrong_relations_are_not_stated(extracted, doc, s, p, o):
    assert not _has(extracted[doc], s, p, o, True)


def test_first_run_articles(extracted):
    acme, berlin = extracted["acme-buys-brightwave"], extracted["merkel-macron"]
    assert _has(acme, "Manchester", "locatedIn", "England", True)
    assert _has(acme, "Brightwave Software", "ownedBy", "Acme Corp", False)  # "would acquire": a plan
    assert not _has(acme, "Brightwave Software", "ownedBy", "Acme Corp", True)
    assert _has(acme, "Northstar Analytics", "ownedBy", "Acme Corp", True)  # "since it bought": it did
    assert _has(acme, "Maria Delgado", "leaderOf", "Acme Corp", True)
    # "Brightwave founder and chief executive Tom Hargreaves"; "Brightwave, which is based in Manchester, England"
    assert _has(acme, "Tom Hargreaves", "founderOf", "Brightwave", True)
    assert _has(acme, "Tom Hargreaves", "leaderOf", "Brightwave", True)
    assert _has(acme, "Brightwave", "headquarteredIn", "Manchester", True)
    assert _has(acme, "Brightwave", "headquarteredIn", "United Kingdom", True)  # "British cybersecurity firm"
    assert _has(acme, "Tom Hargreaves", "memberOf", "Acme", False)  # "will join Acme's board": planned
    assert _has(berlin, "Olaf Scholz", "metWith", "Emmanuel Macron", True)
    assert _has(berlin, "Olaf Scholz", "metWith", "Joe Biden", False)  # "will travel … to meet": planned
    assert not _has(berlin, "Olaf Scholz", "metWith", "Joe Biden", True)
    assert _has(berlin, "Emmanuel Macron", "leaderOf", "France", True)
    assert _has(berlin, "Olaf Scholz", "memberOf", "Germany", True)  # "German Chancellor Olaf Scholz"
    assert _has(berlin, "Olaf Scholz", "citizenOf", "Germany", True)
    assert _has(berlin, "Russia", "attacked", "Odesa", True)
    assert not _has(berlin, "Russia", "attacked", "Kyiv", True)
