"""Who said what: reported speech, unnamed sources and speakers, one rule at a time, on sentences
written for these tests."""


def labels(x):
    return {e.key: e.label for e in x.entities}


def reported(x):
    return [q for q in x.quotes if not q.direct]


def quoted(x):
    return [q for q in x.quotes if q.direct]


def statement(x, start_of_text):
    found = [q for q in reported(x) if q.text.startswith(start_of_text)]
    assert len(found) == 1, [(q.text, q.rule) for q in reported(x)]
    return found[0]


def entity(x, key):
    return next(e for e in x.entities if e.key == key)


# ---------------------------------------------------------------- reported speech


def test_reported_clause_with_that(extract_text):
    text = "Finance Minister Maria Lopez said on Monday that interest rates would fall next year."
    x = extract_text(text, published="2024-03-06")
    s = statement(x, "that interest rates")
    assert (s.direct, s.rule, s.cue.text, s.verb) == (False, "reported-clause", "said", "say")
    assert labels(x)[s.speaker] == "Maria Lopez"
    assert text[s.start:s.end] == s.text == "that interest rates would fall next year"
    assert text[s.cue.start:s.cue.end] == "said" and text[s.source.start:s.source.end] == s.source.text
    assert s.date.value == "2024-03-04"


def test_reported_clause_after_the_content(extract_text):
    x = extract_text("The factory will close in June, the company's owner Peter Vance told reporters.")
    s = statement(x, "The factory will close")
    assert labels(x)[s.speaker] == "Peter Vance" and s.cue.text == "told"


def test_a_finding_of_a_report_is_reported_speech_of_a_document(extract_text):
    x = extract_text("A government report found that hospital waiting times had doubled since 2019.")
    s = statement(x, "that hospital waiting times")
    assert entity(x, s.speaker).type == "CreativeWork"
    assert labels(x)[s.speaker] == "government report"


def test_according_to_before_and_after(extract_text):
    x = extract_text("According to the Health Ministry, 40 people were taken to hospital. "
                     "The bridge will reopen in May, according to city engineer Tom Reid.")
    first = statement(x, "40 people")
    assert (first.rule, first.hedge, first.cue.text) == ("reported-according-to", "according to", "According to")
    assert labels(x)[first.speaker] == "Health Ministry"
    second = statement(x, "The bridge will reopen")
    assert labels(x)[second.speaker] == "Tom Reid"


def test_a_promise_with_a_to_clause(extract_text):
    x = extract_text("Mayor Ana Gil vowed to rebuild every school damaged by the flood.")
    s = statement(x, "to rebuild every school")
    assert (s.rule, labels(x)[s.speaker]) == ("reported-infinitive", "Ana Gil")


def test_what_was_not_said_is_no_statement(extract_text):
    x = extract_text("Senator Bill Ford did not say that taxes would rise. If Ford says that taxes will rise, "
                     "markets will fall. I said that the plan was flawed.")
    assert not reported(x), [(q.text, q.rule) for q in reported(x)]


def test_words_inside_a_quotation_are_not_the_reporters(extract_text):
    x = extract_text("“My lawyer said that the case was over, and I believed him,” Jane Roe said.")
    assert not [q for q in reported(x) if q.text.startswith("that the case")]


def test_a_direct_quotation_is_not_reported_twice(extract_text):
    x = extract_text("Coach Ben Ivers said “we played the best football of the season tonight”.")
    assert [q.rule for q in x.quotes] == ["quote-verb"]


def test_claims_are_hedged(extract_text):
    x = extract_text("Opposition leader Rosa Vidal claimed that the election had been rigged.")
    assert statement(x, "that the election").hedge == "alleged"


# ---------------------------------------------------------------- unnamed sources


def test_a_spokesman_for_an_organisation_is_a_person_holding_that_role(extract_text):
    x = extract_text("A spokesman for Acme Corp said the plant would stay open.")
    s = statement(x, "the plant would stay open")
    src = entity(x, s.speaker)
    assert (src.type, src.label) == ("Person", "spokesman for Acme Corp")
    assert [(m.text, m.kind) for m in src.mentions] == [("A spokesman for Acme Corp", "description")]
    assert (src.key, "memberOf", "Organization/acme", "spokesman") in {
        (r.subject, r.predicate, r.object, r.role) for r in x.relations}


def test_officials_are_a_group_and_the_union_an_organisation(extract_text):
    x = extract_text("Officials warned that the roads would be icy. The union said that its members would strike.")
    assert entity(x, statement(x, "that the roads").speaker).type == "Group"
    union = entity(x, statement(x, "that its members").speaker)
    assert (union.type, union.label) == ("Organization", "union")


def test_the_source_is_the_source_named_before_another_source_is_not(extract_text):
    x = extract_text("A source said the talks had stalled. The source added that a deal was still possible. "
                     "Another source said the talks would resume on Friday.")
    a = statement(x, "the talks had stalled").speaker
    b = statement(x, "that a deal was still possible").speaker
    c = statement(x, "the talks would resume").speaker
    assert a == b and c != a and entity(x, c).type == "Person"


def test_a_nationality_is_never_a_speaker(extract_text):
    x = extract_text("Englishmen often say that the weather is the best topic of conversation.")
    assert all(q.speaker is None for q in x.quotes)
    assert not [e for e in x.entities if e.type in ("Group", "Person")]


def test_a_source_that_says_nothing_is_no_node(extract_text):
    x = extract_text("The company continued to grow. Analysts gathered in the hall.")
    assert not [e for e in x.entities if "@" in e.key], [e.key for e in x.entities]


def test_a_name_in_apposition_is_the_speaker_not_the_title(extract_text):
    x = extract_text("The charity's director, Irene Holt, said the money had run out.")
    assert labels(x)[statement(x, "the money had run out").speaker] == "Irene Holt"


# ---------------------------------------------------------------- descriptions and pronouns


def test_a_description_of_the_one_person_named_before(extract_text):
    x = extract_text("Donald Marsh spoke at a rally in Ohio on Monday. The New York businessman said that he "
                     "would cut taxes.")
    s = statement(x, "that he would cut taxes")
    assert labels(x)[s.speaker] == "Donald Marsh"
    assert ("The New York businessman", "description") in [(m.text, m.kind) for m in entity(x, s.speaker).mentions]


def test_a_lowercase_title_of_a_person_named_with_it(extract_text):
    x = extract_text("President Anna Berg opened the museum on Saturday. Her husband Karl Berg was there too. "
                     "“This museum tells our story,” the president said.")
    assert [labels(x)[q.speaker] for q in quoted(x)] == ["Anna Berg"]


def test_she_said_is_the_woman_not_the_nearest_man(extract_text):
    x = extract_text("Carla Sanchez, 34, works at a bakery. She met John Perez at the rally. "
                     "“We need better wages,” she said.")
    assert [labels(x)[q.speaker] for q in quoted(x)] == ["Carla Sanchez"]


def test_he_said_reaches_back_past_two_sentences(extract_text):
    x = extract_text("Mr. Tom Alder runs the farm. The harvest was late. Rain fell for weeks. The barns are full. "
                     "Prices fell. “It was the worst year I remember,” he said.")
    assert [labels(x)[q.speaker] for q in quoted(x)] == ["Tom Alder"]


# ---------------------------------------------------------------- direct quotations: rules and spans


def test_a_name_between_the_quotation_and_the_verb(extract_text):
    x = extract_text("Police spoke to reporters. “We will find who did this,” Tulsa police Chief Chuck Jordan said "
                     "Monday.")
    q = quoted(x)[0]
    assert labels(x)[q.speaker] == "Chuck Jordan"
    assert q.rule in ("quote-verb", "quote-adjacent-name") and q.cue.text == "said"


def test_every_quote_names_its_rule_and_spans_reproduce_the_text(extract_text):
    text = ("“The bridge is safe,” engineer Tom Reid said. “Nobody asked us,” a resident complained. "
            "Reid added that repairs would end in May. A banner with “welcome home to the soldiers” hung there.")
    x = extract_text(text)
    rules = {q.rule for q in x.quotes}
    assert "" not in rules and {"quote-verb", "reported-clause", "quote-unattributed"} <= rules
    for q in x.quotes:
        assert text[q.start:q.end] == q.text
        for span in (q.cue, q.source):
            if span is not None:
                assert text[span.start:span.end] == span.text


# ---------------------------------------------------------------- later rules


def test_an_attribution_that_interrupts_its_content(extract_text):
    x = extract_text("Jim Clarke runs a pottery firm. Lenox was a juggernaut, Mr. Clarke said, until it went "
                     "bankrupt in 1999.")
    s = statement(x, "Lenox was a juggernaut")
    assert s.rule in ("reported-parenthetical", "reported-clause") and s.text.endswith("bankrupt in 1999")
    assert labels(x)[s.speaker] == "Jim Clarke"


def test_object_of_a_verb_of_saying_and_a_call_for(extract_text):
    x = extract_text("Senator Ann Vole called for an inquiry into the deal. The minister denied the allegations "
                     "of fraud.")
    call = statement(x, "an inquiry into the deal")
    assert (call.rule, call.cue.text, labels(x)[call.speaker]) == ("reported-call-for", "called for", "Ann Vole")
    denial = statement(x, "the allegations of fraud")
    assert denial.rule == "reported-object" and entity(x, denial.speaker).type == "Person"


def test_it_and_they_are_the_unnamed_source_just_named(extract_text):
    x = extract_text("The report was published by the city on Monday and found that rents had doubled. "
                     "It added that the tax had risen. Officials met on Tuesday. Protesters gathered outside. "
                     "They said that the roads were closed.")
    report = statement(x, "that rents had doubled").speaker
    assert statement(x, "that the tax had risen").speaker == report
    # "they" after two groups, the last of which said nothing: not given to anyone
    assert statement(x, "that the roads were closed").speaker is None


def test_a_signed_quotation_and_a_subject_inherited_by_a_verb_of_speech(extract_text):
    x = extract_text("“Trump must stop portraying Latinos as gangsters.” ― Carla Sanchez\n\n"
                     "Protesters marching through the streets chanted \"What curfew?\" and kept going.")
    by_text = {q.text[:10]: q for q in quoted(x)}
    assert (labels(x)[by_text["Trump must"].speaker], by_text["Trump must"].rule) == ("Carla Sanchez",
                                                                                       "quote-dash-name")
    assert entity(x, by_text["What curfe"].speaker).type == "Group"


def test_the_second_half_of_a_split_quotation(extract_text):
    x = extract_text('Barack Obama spoke at length. He praised the staff. He thanked the donors. "My hope," he '
                     'said, "is that maybe as ex-president I can have a little more influence."')
    assert {labels(x).get(q.speaker) for q in quoted(x)} == {"Barack Obama"}


def test_a_second_subject_inside_the_quotation_is_not_the_speaker(extract_text):
    x = extract_text("“Hillary Clinton’s campaign is in panic mode. Full panic mode,” said Leslie Wimes, a "
                     "South Florida-based president of the caucus.")
    q = quoted(x)[0]
    assert (labels(x)[q.speaker], q.source.text) == ("Leslie Wimes", "Leslie Wimes")


def test_a_people_is_never_a_speaker_nor_he(extract_text):
    x = extract_text("Vaughan was out for 64. The Englishmen says he was disappointed in the appeal by the "
                     "Indians. George Harrison was ill. After the Beatles broke up he found solo success. He "
                     "famously declared in 1989 that the band would reform.")
    names = labels(x)
    assert not [q for q in x.quotes if names.get(q.speaker) in ("Englishmen", "Beatles")]
    assert names[statement(x, "that the band would reform").speaker] == "George Harrison"


def test_the_claim_of_someone_and_the_quotation_inside_it(extract_text):
    x = extract_text("Fact-checkers looked at Donald Trump’s claim that there have been “thousands of "
                     "shootings” in Chicago this year alone.")
    claim = statement(x, "that there have been")
    assert (claim.rule, claim.cue.text, labels(x)[claim.speaker]) == ("reported-noun", "claim", "Donald Trump")
    inner = quoted(x)[0]
    assert (inner.text, inner.rule, inner.speaker) == ("thousands of shootings", "quote-in-statement", claim.speaker)


def test_a_sentence_with_a_quotation_is_not_extended_past_the_attribution(extract_text):
    x = extract_text('"We have now taken half of the airport," said Gul Lali, a commander, adding that the '
                     'fighting would go on.')
    assert not [q for q in reported(x) if "airport" in q.text]


def test_warnings_to_act_and_findings_of_documents_only(extract_text):
    x = extract_text("The FBI warned state officials to boost their election security. A 2014 study by the "
                     "Law Center found 31 incidents of voter fraud. Mr. Tom Hale found the keys on the table.")
    assert statement(x, "state officials to boost").rule == "reported-infinitive"
    study = statement(x, "31 incidents")
    assert (study.rule, entity(x, study.speaker).type) == ("reported-object", "CreativeWork")
    assert not [q for q in reported(x) if "keys" in q.text]  # a person finding keys reports nothing


def test_a_spokeswoman_for_the_unnamed_company_named_before(extract_text):
    x = extract_text('The company said it was disappointed. "We have made a fair offer," a spokeswoman for the '
                     'company said.')
    company = statement(x, "it was disappointed").speaker
    spokeswoman = quoted(x)[0].speaker
    assert (spokeswoman, "memberOf", company, "spokeswoman") in {
        (r.subject, r.predicate, r.object, r.role) for r in x.relations}


def test_first_names_read_lazily_agree_with_the_package():
    import gender_guesser.detector as gd

    from kg.extract.speech import _detector

    full = gd.Detector(case_sensitive=False)
    names = "Carla Barack Hillary Kim Jordan Leslie Jean Maria Owen Dana Robin Ashley Zyxw".split()
    assert [_detector().get_gender(n) for n in names] == [full.get_gender(n) for n in names]


# ---------------------------------------------------------------- stances, intentions, naming (second round)


def test_a_stance_taken_on_an_object_is_a_statement(extract_text):
    x = extract_text("Senator Ann Vole praised the new budget plan. The governor, Tom Reid, endorsed the mayor "
                     "of the city. Rebels defended the town for a week.")
    praise = statement(x, "the new budget plan")
    assert (praise.rule, praise.cue.text, labels(x)[praise.speaker]) == ("reported-object", "praised", "Ann Vole")
    assert labels(x)[statement(x, "the mayor of the city").speaker] == "Tom Reid"
    assert not [q for q in reported(x) if "town" in q.text]  # defending a town is no statement


def test_what_the_object_is_called_or_described_as(extract_text):
    x = extract_text("Senator Ann Vole called the tax plan a disaster for families. Mayor Tom Reid described the "
                     "deal as a betrayal of workers. The minister accused the company of hiding losses. "
                     "Mayor Tom Reid called a meeting on Friday.")
    called = statement(x, "the tax plan")
    assert (called.rule, called.text) == ("reported-naming", "the tax plan a disaster for families")
    described = statement(x, "the deal")
    assert (described.rule, described.text) == ("reported-naming", "the deal as a betrayal of workers")
    assert statement(x, "the company").text == "the company of hiding losses"
    assert not [q for q in reported(x) if "meeting" in q.text]  # calling a meeting names nothing


def test_what_a_source_wants_or_plans_to_do(extract_text):
    x = extract_text("Senator Ann Vole wants to triple the size of the program. The union plans to strike in "
                     "May. Mayor Tom Reid wanted a new stadium.")
    wants = statement(x, "to triple the size")
    assert (wants.rule, wants.cue.text, labels(x)[wants.speaker]) == ("reported-infinitive", "wants", "Ann Vole")
    assert entity(x, statement(x, "to strike in May").speaker).type == "Organization"
    assert not [q for q in reported(x) if "stadium" in q.text]  # wanting a thing is not a statement


def test_who_said_is_a_mention_of_the_one_it_stands_for(extract_text):
    text = "Reporters spoke to Carla Mendez, who said that the water had been cut off for a week."
    x = extract_text(text)
    s = statement(x, "that the water")
    assert labels(x)[s.speaker] == "Carla Mendez"
    who = text.index("who")
    assert any(m.start == who and m.end == who + 3 for m in entity(x, s.speaker).mentions)


def test_sources_named_by_an_agent_noun_a_party_or_a_share(extract_text):
    x = extract_text("One questioner claimed that the base would close. Many Democrats say that the bill is "
                     "unfair. Twelve percent indicated that they were not sure. The economy showed that "
                     "growth had slowed.")
    assert entity(x, statement(x, "that the base").speaker).type == "Person"
    democrats = statement(x, "that the bill")
    assert (entity(x, democrats.speaker).type, labels(x)[democrats.speaker]) == ("Group", "Democrats")
    assert entity(x, statement(x, "that they were not sure").speaker).type == "Group"
    assert [q.speaker for q in reported(x) if "growth" in q.text] in ([], [None])  # an economy says nothing


def test_a_transcript_names_its_speakers_before_a_colon(extract_text):
    text = ('Fox host Chris Wallace spoke to Mike Pence on Sunday.\n\n"WALLACE: Will the senator be at the debate '
            'tomorrow?\n\n"PENCE: The senator will not be attending the debate tomorrow night.\n\n"Q: Why not?"\n')
    x = extract_text(text)
    by_text = {q.text[:8]: q for q in quoted(x)}
    pence = by_text["The sena"]
    assert (labels(x)[pence.speaker], pence.rule, pence.source.text) == ("Mike Pence", "quote-transcript", "PENCE")
    assert pence.text == "The senator will not be attending the debate tomorrow night."  # without the label
    assert any(m.text == "PENCE" for m in entity(x, pence.speaker).mentions)
    assert by_text["Will the"].rule == "quote-transcript"
    assert [q.rule for q in quoted(x) if q.text.startswith("Q:")] != ["quote-transcript"]  # "Q" names no one


def test_signatures_after_a_dash_written_against_the_mark_or_after_a_hard_space(extract_text):
    x = extract_text("Readers wrote to us.\n\n”He represents our greatest shame as a nation.” ― Sonya Herridge\n"
                     "“He is ignorant of our culture and our lives.”― Pamela Padilla\n"
                     "“We can build a wall around him, maybe.” ―\u00a0Steve Quinlan.\n")
    speakers = {q.text[:8]: labels(x).get(q.speaker) for q in quoted(x)}
    assert speakers == {"He repre": "Sonya Herridge", "He is ig": "Pamela Padilla", "We can b": "Steve Quinlan"}


def test_what_a_source_knows_worries_agrees_or_asks(extract_text):
    x = extract_text("Senator Ann Vole knows that the vote will be close. Mayor Tom Reid worries that the bridge "
                     "is unsafe. The committee asked whether the funds had been spent. I know that it is late.")
    knows = statement(x, "that the vote will be close")
    assert (knows.rule, knows.cue.text, labels(x)[knows.speaker]) == ("reported-clause", "knows", "Ann Vole")
    assert labels(x)[statement(x, "that the bridge is unsafe").speaker] == "Tom Reid"
    assert entity(x, statement(x, "whether the funds").speaker).type == "Organization"
    assert not [q for q in reported(x) if "late" in q.text]  # the writer's own knowledge is no attribution


def test_support_and_what_someone_is_praised_or_blamed_for(extract_text):
    x = extract_text("Senator Ann Vole supports the new trade agreement. Mayor Tom Reid criticized the police "
                     "chief for his handling of the protest.")
    assert labels(x)[statement(x, "the new trade agreement").speaker] == "Ann Vole"
    assert statement(x, "the police chief").text == "the police chief for his handling of the protest"


def test_a_straight_opening_mark_closed_by_a_curly_one():
    from kg.extract.quotemarks import quote_spans

    t = 'her "work-related” emails and her “personal messages.” Later, "We will see," he said.'
    assert [t[s:e] for s, e in quote_spans(t)] == ["work-related", "personal messages.", "We will see,"]
    nested = '"He told me “no” twice," she said.'
    assert [nested[s:e] for s, e in quote_spans(nested)] == ["He told me “no” twice,"]


def test_an_inch_mark_opens_no_quotation():
    from kg.extract.quotemarks import quote_spans

    t = 'He is 6\'3" tall and weighs 236 pounds. "He is fit," his doctor said. "Very fit."'
    assert [t[s:e] for s, e in quote_spans(t)] == ["He is fit,", "Very fit."]


def test_each_of_joint_speakers_makes_the_statement(extract_text):
    x = extract_text("Senator Chuck Grassley met Senator Patrick Leahy on Monday. Mr. Grassley and Mr. Leahy say "
                     "other changes are needed. Artillery then blasted the town.")
    speakers = {labels(x)[q.speaker] for q in reported(x) if q.text == "other changes are needed"}
    assert speakers == {"Chuck Grassley", "Patrick Leahy"}
    assert len({q.key for q in reported(x)}) == len(reported(x))
    assert not [q for q in reported(x) if "town" in q.text]  # shelling is no statement


def test_a_country_speaks_a_people_does_not(extract_text):
    from kg.extract.speech import is_people_word

    assert [w for w in ("Russia", "Japan", "Philippines", "Britain", "US", "Israel") if is_people_word(w)] == []
    assert all(is_people_word(w) for w in ("Mexicans", "Englishmen", "Chinese", "Iraqis", "Frenchman"))
    x = extract_text("Japan branded the test an outrage on Friday. Russia insisted that Pyongyang stop its "
                     "escapades.")
    assert labels(x)[statement(x, "that Pyongyang").speaker] == "Russia"


def test_what_a_possessor_plans_or_speaks_of(extract_text):
    x = extract_text("Senator Ann Vole's plan to cut taxes for families was welcomed. Mayor Tom Reid's remarks "
                     "about the city police force drew criticism. Mayor Tom Reid's house was sold to a bank.")
    plan = statement(x, "to cut taxes")
    assert (plan.rule, plan.cue.text, labels(x)[plan.speaker]) == ("reported-noun", "plan", "Ann Vole")
    remarks = statement(x, "the city police force")
    assert (remarks.cue.text, labels(x)[remarks.speaker]) == ("remarks about", "Tom Reid")
    assert not [q for q in reported(x) if "bank" in q.text]  # a house is no statement


def test_a_headline_that_names_its_speaker_before_a_colon(extract_text):
    x = extract_text("Sanders: Clinton needs to get away from all of this personality stuff\n\n"
                     "Senator Bernie Sanders spoke in Ohio on Sunday.\n")
    s = statement(x, "Clinton needs to get away")
    assert (s.rule, s.cue.text, s.verb, labels(x)[s.speaker]) == ("reported-headline", ":", "say", "Bernie Sanders")
    y = extract_text("Ann Vole Attacks Bank Chief: “You Should Be Criminally Investigated”\n\n"
                     "Senator Ann Vole spoke on Tuesday.\n")
    q = quoted(y)[0]  # (the model reads a title-case headline's name long: "Ann Vole Attacks Bank")
    assert q.rule == "quote-headline" and q.source.text.startswith("Ann Vole") and q.speaker is not None
    z = extract_text("Markets: shares fell sharply on Monday in Tokyo and Seoul\n\nShares fell on Monday.\n")
    assert not [s for s in reported(z) if s.rule == "reported-headline"]  # a rubric is no speaker


def test_a_short_object_is_a_whole_statement_but_a_short_finding_is_not(extract_text):
    x = extract_text("Senator Ann Vole endorsed Clinton on Friday. The ministry denied the allegations. "
                     "Army troops found weapons in the village. Mayor Tom Reid said yes.")
    assert labels(x)[statement(x, "Clinton").speaker] == "Ann Vole"
    assert statement(x, "the allegations").rule == "reported-object"
    assert not [q for q in reported(x) if q.text in ("weapons", "yes")]  # a find is no finding


def test_an_official_of_a_body_is_not_its_leader(extract_text):
    # rule role-in-a-body: "the Nova official" is an unnamed official of Nova, not the leader named before
    x = extract_text("An official from Mayor Ellen Park's Nova party said on Monday that talks had ended. "
                     "The Nova official, who asked not to be named, said the party would not vote.")
    s = statement(x, "the party would not vote")
    assert s.speaker is not None and labels(x)[s.speaker] != "Ellen Park"
    assert entity(x, s.speaker).type == "Person"
    # ... and it is the official named before with the same words
    assert statement(x, "that talks had ended").speaker == s.speaker


def test_the_official_of_another_body_is_another_source(extract_text):
    x = extract_text("A Nova official said that talks had ended. The Zenith official said the vote would go ahead.")
    assert statement(x, "that talks had ended").speaker != statement(x, "the vote would go ahead").speaker


def test_a_description_with_a_common_noun_modifier_is_not_the_last_person_named(extract_text):
    x = extract_text("Dr Sam Ortiz says he asked to leave. He says the centre manager promised that he would "
                     "ask the board.")
    for e in x.entities:
        if e.label == "Sam Ortiz":
            assert "the centre manager" not in [m.text for m in e.mentions]


def test_he_is_the_unnamed_person_just_named(extract_text):
    # "he" no named person can be: the unnamed source of the sentence before
    x = extract_text("A senior union official said the strike would go on. He told reporters that the union "
                     "had voted on Monday.")
    assert statement(x, "that the union had voted").speaker == statement(x, "the strike would go on").speaker
    # not a spokeswoman for "he"
    y = extract_text("A union spokeswoman said the strike would go on. He told reporters that the union "
                     "had voted on Monday.")
    assert statement(y, "that the union had voted").speaker is None


def test_a_participle_before_a_noun_is_said_by_no_one(extract_text):
    x = extract_text("The study says 85 per cent acknowledged chronic symptoms.")
    study = [e.key for e in x.entities if e.label == "study"]
    for ev in x.events:
        if ev.type == "Statement" and "acknowledge" in ev.label:
            assert not any(p.entity in study for p in ev.participants)


def test_two_single_marks_typed_for_a_double_one():
    from kg.extract.quotemarks import quote_spans

    t = "''We will go,'' she said. ''It's late.'' He left, and Bob's car too."
    assert [t[s:e] for s, e in quote_spans(t)] == ["We will go,", "It's late."]


def test_documents_and_bodies_that_say_things(extract_text):
    x = extract_text("The clip shows that the senator voted twice. Federal data show that rents rose. "
                     "Authorities said the man had fled. Another slide says that exports grew.")
    for start, cls in (("that the senator", "CreativeWork"), ("that rents rose", "CreativeWork"),
                       ("the man had fled", "Group"), ("that exports grew", "CreativeWork")):
        s = statement(x, start)
        assert s.speaker is not None and entity(x, s.speaker).type == cls, start


def test_a_name_after_a_quotation_in_the_next_paragraph_is_not_its_speaker(extract_text):
    x = extract_text('"When I went there, everyone got pushed along," Ann Lee said. "So, when you\'re in that spot, '
                     'I think you see people doing well because there\'s so much work that you can\'t afford to '
                     'have old notions that, \'I need someone from this school\' or \'I need someone who reminds '
                     'me of me.\'"\n\nData from the 2014 American Community Survey show that women held 41 percent '
                     'of the jobs.')
    q = [q for q in quoted(x) if q.text.startswith("So, when")][0]
    assert labels(x).get(q.speaker) == "Ann Lee"


def test_the_official_named_by_its_country_is_the_one_named_by_its_nationality(extract_text):
    x = extract_text("A senior French defence official said the ships had sailed. Later the France official said "
                     "the ships would return.")
    assert statement(x, "the ships had sailed").speaker == statement(x, "the ships would return").speaker


def test_the_hyphenated_words_of_an_unnamed_source_named_again(extract_text):
    x = extract_text("A Paris-based French news agency said the talks had failed. The Paris-based news agency "
                     "said later that the ministers had left.")
    assert statement(x, "the talks had failed").speaker == statement(x, "that the ministers had left").speaker


def test_a_mixed_quotation_is_a_statement_with_its_quoted_part(extract_text):
    x = extract_text("Mayor Ellen Voss said the new tax was “a burden on every family” in the city.")
    s = statement(x, "the new tax was")
    assert labels(x)[s.speaker] == "Ellen Voss" and s.text.endswith("in the city")
    inner = quoted(x)[0]
    assert (inner.text, inner.speaker) == ("a burden on every family", s.speaker)


def test_a_content_that_is_nearly_all_one_quotation_is_that_quotation(extract_text):
    x = extract_text("Mayor Ellen Voss said “the new tax is a burden on every family in the city and it must go”.")
    assert not reported(x)
    assert labels(x)[quoted(x)[0].speaker] == "Ellen Voss"


def test_a_content_that_crosses_the_marks_of_a_quotation_is_no_statement(extract_text):
    x = extract_text("“The plan will fail,” said Tom Hale, a farmer from the valley.")
    assert not [q for q in reported(x) if "Tom Hale" in q.text]


def test_a_content_run_across_a_paragraph_break_is_cut_at_it(extract_text):
    x = extract_text("The minister said that the bridge would reopen in May\n\nThe council met again on Friday.")
    s = statement(x, "that the bridge")
    assert s.text == "that the bridge would reopen in May"


def test_that_clauses_of_joking_pointing_out_ruling_suspecting_and_demanding(extract_text):
    x = extract_text("Senator Anna Brill joked that the budget was older than her dog. "
                     "Governor Paul Okafor pointed out that the roads were built in 1950. "
                     "The supreme court ruled that the new law was unconstitutional. "
                     "Investigator Lena Marsh suspects the fire was started deliberately. "
                     "Mayor Tom Reyes demanded that the company repair the bridge.")
    names = labels(x)
    assert names[statement(x, "that the budget").speaker] == "Anna Brill"
    pointed = statement(x, "that the roads")
    assert names[pointed.speaker] == "Paul Okafor" and pointed.cue.text == "pointed out"
    assert statement(x, "that the new law").cue.text == "ruled"
    assert names[statement(x, "the fire was started").speaker] == "Lena Marsh"
    assert names[statement(x, "that the company repair").speaker] == "Tom Reyes"


def test_a_quoting_verb_without_that_reports_no_clause(extract_text):
    x = extract_text("Coach Ben Alder joked about the weather before the match.")
    assert not reported(x)


def test_hoped_is_a_verb_of_hoping(extract_text):
    x = extract_text("Coach Ben Alder hoped the rain would stop before the final. He hopes to win the cup.")
    names = labels(x)
    assert names[statement(x, "the rain would stop").speaker] == "Ben Alder"
    assert statement(x, "to win the cup").rule == "reported-infinitive"


def test_a_part_of_people_restricted_by_whom_is_a_group_source(extract_text):
    x = extract_text("Many of the mayor's supporters believe the stadium will never be built. "
                     "People familiar with the talks said the deal could collapse. "
                     "Some say the river is rising.")
    names = labels(x)
    s = statement(x, "the stadium will never")
    assert names[s.speaker] == "Many of the mayor's supporters" and entity(x, s.speaker).type == "Group"
    assert names[statement(x, "the deal could collapse").speaker] == "People familiar with the talks"
    assert statement(x, "the river is rising").speaker is None


def test_those_who_believe_is_no_group_of_its_own(extract_text):
    x = extract_text("Those who believe the tax will fall are wrong, the minister said.")
    assert not [e for e in x.entities if e.label.lower().startswith("those")]


def test_an_object_goes_on_with_the_phrases_the_parse_hung_on_the_verb(extract_text):
    x = extract_text("Senator Anna Brill unveiled a list of endorsements from 40 retired judges on Tuesday.")
    s = statement(x, "a list of endorsements")
    assert s.text == "a list of endorsements from 40 retired judges"


def test_an_object_stops_at_the_occasion_of_the_statement(extract_text):
    x = extract_text("The cabinet endorsed a series of new safety measures at a meeting in the capital.")
    assert statement(x, "a series of").text == "a series of new safety measures"


def test_a_gerund_is_the_object_of_a_verb_of_saying(extract_text):
    x = extract_text("Governor Paul Okafor admitted using the loophole for years.")
    s = statement(x, "using the loophole")
    assert (s.rule, labels(x)[s.speaker]) == ("reported-object", "Paul Okafor")


def test_a_bare_verb_after_a_to_clause_goes_on_with_it(extract_text):
    x = extract_text("The two banks agreed to cut their fees and open more branches in the north.")
    s = statement(x, "to cut their fees")
    assert s.text.endswith("open more branches in the north")


def test_stances_of_lauding_backing_outlining_and_rating(extract_text):
    x = extract_text("Mayor Tom Reyes lauded the firefighters for their courage. Senator Anna Brill backed the "
                     "new stadium. The minister outlined plans to raise the fences. The watchdog rated the claim "
                     "as false. The union voted to reject the wage freeze.")
    assert statement(x, "the firefighters").text == "the firefighters for their courage"
    assert labels(x)[statement(x, "the new stadium").speaker] == "Anna Brill"
    assert statement(x, "plans to raise").cue.text == "outlined"
    rated = statement(x, "the claim")
    assert (rated.rule, rated.verb) == ("reported-naming", "rate")
    assert statement(x, "to reject the wage freeze").rule == "reported-infinitive"


def test_the_clause_of_a_state_of_mind_is_what_its_subject_believes(extract_text):
    x = extract_text("Finance Minister Maria Lopez is confident that the economy will grow. "
                     "Residents were frustrated that the council ignored them. "
                     "The runner was so tired that she slept for a day.")
    s = statement(x, "that the economy will grow")
    assert (s.rule, s.cue.text, labels(x)[s.speaker]) == ("reported-attitude", "confident", "Maria Lopez")
    assert labels(x)[statement(x, "that the council").speaker] == "Residents"
    assert not [q for q in reported(x) if "slept" in q.text]


def test_a_pronoun_in_a_state_of_mind_only_of_the_one_saying_so(extract_text):
    x = extract_text("Coach Ben Alder says he is pleased the team won. "
                     "Mayor Tom Reyes spoke first, but he is sure the bridge will open.")
    assert labels(x)[statement(x, "the team won").speaker] == "Ben Alder"
    assert not [q for q in reported(x) if q.rule == "reported-attitude" and "bridge" in q.text]


def test_calls_for_a_gerund_or_a_clause(extract_text):
    x = extract_text("Senator Anna Brill called for reducing the fuel tax. "
                     "Governor Paul Okafor is calling for the files to be released.")
    names = labels(x)
    s = statement(x, "reducing the fuel tax")
    assert (s.rule, names[s.speaker]) == ("reported-call-for", "Anna Brill")
    assert names[statement(x, "the files to be released").speaker] == "Paul Okafor"


def test_a_verb_of_saying_after_continue_is_said(extract_text):
    x = extract_text("Mayor Tom Reyes continues to insist that the bridge is safe. Mr. Reyes wants to say that "
                     "the road is safe.")
    assert labels(x)[statement(x, "that the bridge is safe").speaker] == "Tom Reyes"
    assert not [q for q in reported(x) if q.cue.text == "say"]


def test_what_a_verb_of_speaking_was_about(extract_text):
    x = extract_text("Senator Anna Brill spoke about the need for new schools. Governor Paul Okafor railed "
                     "against the tax code. The singer spoke against a wall of noise.")
    s = statement(x, "the need for new schools")
    assert (s.rule, labels(x)[s.speaker]) == ("reported-topic", "Anna Brill")
    assert statement(x, "the tax code").cue.text == "railed against"
    assert not [q for q in reported(x) if "wall" in q.text]


def test_a_noun_of_what_is_said_given_or_shown(extract_text):
    x = extract_text("Senator Anna Brill expressed concern about the new dam. Governor Paul Okafor offered no "
                     "comment on the vote. Mayor Tom Reyes expressed regret. The fans raised hopes of a win.")
    s = statement(x, "the new dam")
    assert (s.rule, labels(x)[s.speaker], s.cue.text) == ("reported-object", "Anna Brill", "expressed concern")
    assert [q.text for q in reported(x)] == ["the new dam"]


def test_what_a_source_sees_an_object_as(extract_text):
    x = extract_text("Critics of the plan see the new tax as a burden on farmers. Ann Lee saw the film twice.")
    assert statement(x, "the new tax as").rule == "reported-naming"
    assert not [q for q in reported(x) if "film" in q.text]


def test_more_nouns_of_saying_and_intending_and_a_view_that_is_a_clause(extract_text):
    x = extract_text("Judge Ann Lee's conclusion that the law was void surprised many. Mayor Tom Reyes's "
                     "determination to build the bridge is well known. Senator Anna Brill's view is that "
                     "the tax is unfair. Governor Paul Okafor's bid to win a third term failed.")
    names = labels(x)
    assert statement(x, "that the law was void").cue.text == "conclusion"
    assert names[statement(x, "to build the bridge").speaker] == "Tom Reyes"
    assert names[statement(x, "that the tax is unfair").speaker] == "Anna Brill"
    assert not [q for q in reported(x) if "third term" in q.text]


def test_a_passive_verb_of_saying_with_its_agent(extract_text):
    x = extract_text("The new stadium plan was endorsed by Mayor Tom Reyes.")
    s = statement(x, "The new stadium plan")
    assert (s.rule, labels(x)[s.speaker]) == ("reported-object", "Tom Reyes")


def test_each_of_joint_sources_of_a_stance(extract_text):
    x = extract_text("Norway and Chile unveiled a proposal for a joint fishing agency.")
    names = {labels(x)[q.speaker] for q in reported(x) if q.text.startswith("a proposal")}
    assert names == {"Norway", "Chile"}


def test_a_family_a_city_and_advocates_speak_as_bodies(extract_text):
    x = extract_text("The miner's family called on the company to publish the report. The city is "
                     "demanding that the builder repair the road. Tenant advocates criticized the "
                     "new rules.")
    assert entity(x, statement(x, "the company to publish").speaker).type == "Organization"
    assert statement(x, "that the builder repair").speaker is not None
    assert entity(x, statement(x, "the new rules").speaker).type == "Group"


def test_called_in_somewhere_on_the_way_is_no_call(extract_text):
    x = extract_text("The two envoys called in to Jakarta on their way back from a summit.")
    assert not reported(x)


def test_a_clause_of_what_is_the_object_of_a_stance(extract_text):
    x = extract_text("Senator Anna Brill condemned what she called a reckless plan. Mayor Tom Reyes admires "
                     "the new coach as a strong leader.")
    names = labels(x)
    assert names[statement(x, "what she called").speaker] == "Anna Brill"
    assert statement(x, "the new coach as").rule == "reported-naming"


def test_short_refusals_a_vote_parsed_as_a_purpose_and_a_passive_report(extract_text):
    x = extract_text("Governor Paul Okafor declined to comment. The city council voted 9-2 on Monday to close "
                     "the old bridge. The leak was first reported by the Daily Ledger.")
    assert labels(x)[statement(x, "to comment").speaker] == "Paul Okafor"
    assert statement(x, "to close the old bridge").rule == "reported-infinitive"
    s = statement(x, "The leak")
    assert (s.rule, s.cue.text) == ("reported-object", "reported")


def test_what_a_source_seems_to_think(extract_text):
    x = extract_text("Senator Anna Brill seemed to think that the vote was rigged.")
    assert labels(x)[statement(x, "that the vote was rigged").speaker] == "Anna Brill"


def test_confirming_a_whereabouts_is_finding_out_not_saying(extract_text):
    x = extract_text("Police say they have confirmed the whereabouts of the missing climber.")
    assert not [q for q in reported(x) if q.cue.text == "confirmed"]
    x = extract_text("The Pentagon confirmed the report on Monday.")
    assert [q.text for q in reported(x) if q.cue.text == "confirmed"] == ["the report"]
