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


def _pronoun_mentions(x, label):
    e = next((e for e in x.entities if e.label == label), None)
    return [] if e is None else [(m.text, m.start) for m in e.mentions if m.kind == "pronoun"]


def test_a_pronoun_inside_a_quotation_is_not_its_speaker(extract_text):
    # rule not-the-quoted-speaker: the speaker of a quotation says "I"; "he" in it is someone else
    text = ('Police arrested Tom Reyes on Friday. The minister, Alan Ford, says the suspect is being held. '
            '"He was caught near the border," Mr Ford said. "He is being questioned."')
    x = extract_text(text)
    inside = [text.index("He was"), text.index("He is")]
    assert not [s for _, s in _pronoun_mentions(x, "Alan Ford") if s in inside]
    # the quotation is still the speaker's
    ford = next(e.key for e in x.entities if e.label == "Alan Ford")
    assert [q.speaker for q in x.quotes if q.direct and q.text.startswith("He was")] == [ford]


def test_he_outside_the_quotation_is_still_the_speaker(extract_text):
    text = 'Alan Ford visited the port. "We will rebuild it," he said.'
    x = extract_text(text)
    assert ("he", text.index("he said")) in _pronoun_mentions(x, "Alan Ford")


def test_they_is_not_an_organisation_named_as_a_modifier(extract_text):
    # "their Acme supervisors": the supervisors, not Acme; and "they" after two people named together
    text = ("Both Lena Moss and Ravi Patel told the court of their sorrow. Asked if they had been trained "
            "by their Acme Tours supervisors, they said they had.")
    x = extract_text(text)
    assert not _pronoun_mentions(x, "Acme Tours")


def test_they_after_a_plural_subject_of_people_is_left_alone(extract_text):
    text = ("The Harbour Board hired two divers in May. The divers later said the board had warned them. "
            "They said they were not paid.")
    x = extract_text(text)
    assert not [s for _, s in _pronoun_mentions(x, "Harbour Board") if s >= text.index("They said")]


def test_he_says_he_is_the_reporter_not_a_possessor_named_before(extract_text):
    # rules reporter-says-he and speaker-not-a-possessor
    text = ("A former engineer, Omar Haddad, told the radio he had worked for years on Victor Lang's "
            "factories. He says he can provide documents.")
    x = extract_text(text)
    assert not _pronoun_mentions(x, "Victor Lang")
    assert ("he", text.index("he can")) in _pronoun_mentions(x, "Omar Haddad")


def test_he_said_after_a_name_in_apposition_to_a_subject(extract_text):
    # "The head of the Law Institute, John Lee, says …": John Lee reports, though the parse may hang
    # the name on "Institute"; "he" inside his quotation is the other man
    text = ('Tom Reyes was arrested on Monday. The head of the Law Institute, John Lee, says Mr Reyes could '
            'face a charge. "If the facts allow, he could be charged with treason," he said.')
    x = extract_text(text)
    assert ("he", text.index("he said")) in _pronoun_mentions(x, "John Lee")
    assert ("he", text.index("he could")) not in _pronoun_mentions(x, "John Lee")


def test_a_quotation_with_its_own_attribution_does_not_exclude_the_sentence_before(extract_text):
    text = ('Nick Hale says Tom Reyes told him about the camp. "He trained for weeks and lost a few of his '
            'friends," the man said.')
    x = extract_text(text)
    assert ("his", text.index("his friends")) in _pronoun_mentions(x, "Tom Reyes")


def test_he_says_goes_on_with_the_reporter_not_one_reported_speaking(extract_text):
    text = ("Mr Gibbons told the inquiry on Monday. Mr Gibbons said Mr Smith noted that the firm was short "
            "of assets. He says the directors were told.")
    x = extract_text(text)
    assert ("He", text.index("He says")) not in _pronoun_mentions(x, "Smith")


def test_a_pronoun_beside_the_same_pronoun_is_the_same_one(extract_text):
    # rule parallel-subject
    text = ('Mr Hale says Mayor Tom Reyes does not care how long it takes. "He wants Victor Lang, he wants the '
            'gang broken up," Mr Hale said.')
    x = extract_text(text)
    assert ("he", text.index("he wants the")) not in _pronoun_mentions(x, "Victor Lang")


def test_it_reported_by_a_person_is_not_that_person(extract_text):
    text = "Foreign Minister Ann Lee has told the radio it should not be dismissed."
    x = extract_text(text)
    assert not [m for m in _pronoun_mentions(x, "Ann Lee") if m[0] == "it"]


def test_he_in_quotations_that_follow_the_speakers_quotation_is_not_the_speaker(extract_text):
    text = ('Police arrested Tom Reyes in May. "He admits the plot is real," Mr Ford said. "It is no hoax." '
            '"We are grateful that he has been arrested."')
    x = extract_text(text)
    ford = [e for e in x.entities if e.label.endswith("Ford")]
    assert not [m for e in ford for m in e.mentions if m.kind == "pronoun" and m.start == text.index("he has")]


def test_he_near_an_unnamed_man_is_left_open(extract_text):  # rule unnamed-person-near
    text = ("Police questioned a man who was found near the harbour. The man was arrested on Friday. "
            "Inspector Tom Ryan said the suspect was calm. He had travelled from Perth in May.")
    x = extract_text(text)
    assert ("He", "pronoun") not in kinds(x, "Tom Ryan")
    # a man named where he is brought in is no unnamed person: "he" goes to the name as before
    x = extract_text("Police questioned a man known as Nick Bell. The man was released. Bill Hart said he left town.")
    assert ("he", "pronoun") in kinds(x, "Bill Hart") or ("he", "pronoun") in kinds(x, "Nick Bell")
    x = extract_text("Inspector Tom Ryan spoke to reporters on Friday. He had travelled from Perth in May.")
    assert ("He", "pronoun") in kinds(x, "Tom Ryan")
