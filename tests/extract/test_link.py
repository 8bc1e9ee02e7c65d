import pytest

from kg.extract.link import country, demonym_country, is_city, organization


@pytest.mark.parametrize("surface, label", [
    ("US", "United States"), ("the U.S.", "United States"), ("US’s", "United States"),
    ("UK", "United Kingdom"), ("the UK", "United Kingdom"), ("Britain", "United Kingdom"),
    ("Russia", "Russia"), ("South Korea", "South Korea"),
])
def test_country_short_forms(surface, label):
    assert country(surface).label == label


@pytest.mark.parametrize("surface", ["Paris", "Chinese", "Texas", "Washington"])
def test_not_countries(surface):
    assert country(surface) is None


def test_demonyms_and_organisations():
    assert demonym_country("Russian").label == "Russia"
    assert organization("the U.N.").label == "United Nations"
    assert organization("NATO").wikidata == "Q7184"
    assert organization("Acme Widgets") is None
    assert is_city("Kabul") and not is_city("Nowhereville")


@pytest.mark.parametrize("surface", ["Kandahar", "Jalalabad", "Cordoba", "Córdoba", "Honiara", "Bogota"])
def test_cities_without_diacritics_and_small_capitals(surface):
    assert is_city(surface)


def test_a_name_taken_for_a_person_must_match_exactly():
    assert is_city("Bush") and not is_city("Bush", exact=True)  # Būsh, Egypt
    assert is_city("Kabul", exact=True) and is_city("Honiara", exact=True)


def test_a_one_word_person_named_like_a_small_capital_is_a_city(extract_text):
    x = extract_text("Honiara was quiet on Sunday after the riots.")
    assert {e.label: e.type for e in x.entities}.get("Honiara") != "Person"


def test_every_un_member_has_a_wikidata_id():
    import logging

    import country_converter as coco
    import pandas as pd

    from kg.extract.link import country

    logging.getLogger("country_converter").setLevel(logging.ERROR)
    data = coco.CountryConverter().data
    members = [str(r.name_short) for r in data.itertuples() if not pd.isna(r.UNmember) and pd.isna(r.obsolete)]
    assert len(members) >= 190
    missing = [name for name in members if (country(name) is None or country(name).wikidata is None)]
    assert missing == []
