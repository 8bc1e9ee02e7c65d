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
