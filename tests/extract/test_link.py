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
