"""Pronouns and definite descriptions, on texts written for these tests."""


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
