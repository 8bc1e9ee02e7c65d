"""Pronouns and definite descriptions, on texts written for these tests."""
import pytest


def quoted(x):
    """The direct quotations of an extraction (reported statements aside)."""
    return [q for q in x.quotes if q.direct]


def kinds(x, label):
    e = next(e for e in x.entities if e.label == label)
    return [(m.text, m.kind) for m in e.mentions if m.kind in ("pronoun", "description")]


def test_he_resolves_to_last_person(extract_text):
    x = extract_text("Finance Minister Maria Lopez met bankers. “Rates will fall,” she said.")
    assert ("she", "pronoun") in kinds(x, "Maria Lopez")


def test_the_ministry_and_the_group(extract_text):
    x = extract_text("Hezbollah fired rockets on Sunday, the Defense Ministry said. "
                     "The ministry said the group had fired 20 rockets.")
    assert ("The ministry", "description") in kinds(x, "Defense Ministry")
    assert ("the group", "description") in kinds(x, "Hezbollah")


def test_the_group_does_not_pick_an_institution(extract_text):
    x = extract_text("The European Commission fined Google on Monday. The group will appeal.")
    assert not any(t == "The group" for t, _ in kinds(x, "European Commission"))


def test_reflexive_binds_to_non_entity_subject(extract_text):
    x = extract_text("Canada’s farmers must protect themselves, officials said.")
    for e in x.entities:
        assert ("themselves", "pronoun") not in [(m.text, m.kind) for m in e.mentions]


def test_a_description_carrying_a_name_does_not_point_back(extract_text):
    # the small model tags no entity in "the Jemaah Islamiah network"
    x = extract_text("Reuters reported the raid on Monday. The report named Karim Haddad, head of the Jemaah "
                     "Islamiah network, as its planner.")
    assert "description" not in [kind for _, kind in kinds(x, "Reuters")]
    assert not x.relations  # not "head of Reuters"


@pytest.mark.parametrize("first", ["The Treasurer, Peter Costa,", "Federal Treasurer Peter Costa"])
def test_a_title_stands_for_the_one_person_named_with_it(extract_text, first):
    x = extract_text(f"{first} says the budget is sound. Shadow Treasurer Bob Mullen says "
                     "the Treasurer is left with no options.")
    assert ("the Treasurer", "description") in kinds(x, "Peter Costa")  # not the Shadow Treasurer
    assert not {"Treasurer", "Shadow Treasurer"} & {e.label for e in x.entities}


@pytest.mark.parametrize("second", [
    "The Minister, Karen Ruiz, has urged the Government to act.",  # the title introduces the name after it
    "The Water Resources Minister has urged the Government to act.",  # an office the rules cannot read
])
def test_a_title_that_is_not_the_same_office(extract_text, second):
    x = extract_text(f"The Defence Minister, Rob Hale, says it is too early. {second}")
    assert not [t for t, _ in kinds(x, "Rob Hale") if "Minister" in t]


def speakers(x):
    labels = {e.key: e.label for e in x.entities}
    return [labels.get(q.speaker) for q in quoted(x)]


def test_he_said_after_a_quote_is_not_a_name_inside_it(extract_text):
    x = extract_text("Prime Minister Anna Berg visited the flood zone on Monday. Opposition leader Tom Reyes "
                     "criticised the visit. \u201cWe heard Anna Berg promise help a week ago,\u201d he said.")
    assert speakers(x) == ["Tom Reyes"]


def test_he_said_is_the_last_person_reported_speaking(extract_text):
    x = extract_text("Coach Mark Hill says veteran striker Paul Dane is fit to play on Saturday. "
                     "\u201cHe trained well all week and looks sharp,\u201d he said.")
    assert speakers(x) == ["Mark Hill"]


def test_it_says_after_an_organisation_reported_speaking_is_that_organisation(extract_text):
    x = extract_text("The Federal Police said its inquiry began after a complaint from the Treasury Office. "
                     "It did not say how much money was involved.")
    assert ("It", "pronoun") in kinds(x, "Federal Police")
