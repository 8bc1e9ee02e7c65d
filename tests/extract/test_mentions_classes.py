"""Entity classes the relations stand on (issue 16, part 4), on sentences written for these tests.

Each rule has a sentence where it applies and one where it must not."""
from __future__ import annotations

from pathlib import Path

import pytest

FIRST_RUN = Path(__file__).resolve().parent.parent / "data" / "first-run"


def types(x) -> dict[str, str]:
    """Surface form of every named mention -> the class of its entity."""
    return {m.text: e.type for e in x.entities for m in e.mentions if m.kind in ("name", "demonym", "dateline")}


def roles(x) -> set[tuple[str, str, str]]:
    labels = {e.key: e.label for e in x.entities}
    return {(labels[r.subject], r.role, labels[r.object]) for r in x.relations if r.predicate == "memberOf"}


# a nationality before an office names the country, whatever the model made of the name after it


def test_nationality_before_office_names_the_country(extract_text):
    x = extract_text("BERLIN (AP) - German Chancellor Olaf Scholz met French President Emmanuel Macron in Berlin "
                     "on Tuesday to discuss military aid for Ukraine, a government spokesman said.")
    assert types(x).get("German") == "Country"
    assert ("Olaf Scholz", "chancellor", "Germany") in roles(x)
    assert ("Emmanuel Macron", "president", "France") in roles(x)


def test_nationality_before_an_occupation_is_no_role(extract_text):
    x = extract_text("French striker Antoine Moreau scored twice on Saturday.")
    assert "French" not in types(x)
    assert not roles(x)


# "founder and chief executive": one role per title


def test_coordinated_titles_are_two_roles(extract_text):
    x = extract_text("Brightwave Software makes security tools. Brightwave founder and chief executive Tom Hargreaves "
                     "will join the board, the company said.")
    assert ("Tom Hargreaves", "founder", "Brightwave Software") in roles(x)
    assert ("Tom Hargreaves", "chief executive", "Brightwave Software") in roles(x)


def test_two_people_with_their_titles_are_not_coordinated_titles(extract_text):
    x = extract_text("Prime Minister Anna Berg and Finance Minister Lars Holm of Norway met bankers.")
    found = roles(x)
    assert not any(person == "Anna Berg" and role == "finance minister" for person, role, _ in found)


# a weapon, a product or a river is not an organisation


def test_model_of_a_weapon_is_no_entity(extract_text):
    x = extract_text("Macron said France would send additional Caesar howitzers to Kyiv by the end of March. "
                     "The army also fired Patriot missiles.")
    assert "Caesar" not in types(x)
    assert "Patriot" not in types(x)
    assert types(x).get("France") == "Country"


def test_maker_named_elsewhere_stays_an_organisation(extract_text):
    x = extract_text("Rheinmetall said on Monday it had won the order. Rheinmetall howitzers will be delivered in May.")
    assert types(x).get("Rheinmetall") == "Organization"


def test_river_after_along_is_a_place(extract_text):
    x = extract_text("Tourist boats sailed down the Seine on Sunday as the floods receded.")
    assert types(x).get("Seine") == "Place"


def test_institution_after_across_is_not_a_river(extract_text):
    x = extract_text("Officials across the Treasury were told on Monday that the Bank would raise rates.")
    assert types(x).get("Treasury", "Organization") == "Organization"


# the first-run articles (tests/data/first-run, written by a first-time user)


@pytest.fixture(scope="module")
def first_run(nlp):
    from datetime import date

    from kg.extract import extract
    from kg.read import read_document

    docs = [read_document(p, date(2024, 3, 5)) for p in sorted(FIRST_RUN.glob("*.txt"))]
    return {x.document.id: x for x in extract(docs, nlp)}


def test_first_run_merkel_macron_classes(first_run):
    x = first_run["merkel-macron"]
    t = types(x)
    assert t["German"] == "Country"
    assert t["Olaf Scholz"] == "Person" and t["Emmanuel Macron"] == "Person" and t["Dmytro Kuleba"] == "Person"
    assert "Caesar" not in t
    assert t["Kyiv"] == "City" and t["Odesa"] == "City" and t["Berlin"] == "City"
    assert ("Olaf Scholz", "chancellor", "Germany") in roles(x)


def test_first_run_acme_brightwave_classes(first_run):
    x = first_run["acme-buys-brightwave"]
    t = types(x)
    assert t["Acme Corp"] == "Organization" and t["Brightwave Software"] == "Organization"
    assert t["Brightwave"] == "Organization"  # "Brightwave founder …", "Brightwave, which is based in …"
    assert t["Maria Delgado"] == "Person" and t["Tom Hargreaves"] == "Person"
    assert t["Manchester"] == "City" and t["England"] == "Country"
    assert ("Tom Hargreaves", "founder", "Brightwave Software") in roles(x)
    assert ("Tom Hargreaves", "chief executive", "Brightwave Software") in roles(x)
    assert ("Maria Delgado", "chief executive", "Acme Corp") in roles(x)
