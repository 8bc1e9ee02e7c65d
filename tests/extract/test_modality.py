"""The modality of a clause (kg.extract.modality) on hand-built sentences: each row names the trigger
word and what the clause says of it."""
import pytest

from kg.extract.modality import KINDS, Modality, modality_of

CASES = [
    # (sentence, trigger, kind, negated)
    ("Scholz met Macron in Berlin on Tuesday.", "met", "asserted", False),
    ("Scholz is meeting Macron in Berlin.", "meeting", "asserted", False),
    ("Scholz will travel to Washington next week to meet U.S. President Joe Biden, the spokesman added.",
     "travel", "planned", False),
    ("Scholz will travel to Washington next week to meet U.S. President Joe Biden, the spokesman added.",
     "meet", "planned", False),
    ("Acme Corp said on Monday it would acquire Brightwave Software for $2.1 billion.", "acquire", "planned", False),
    ("Acme Corp said on Monday it would acquire Brightwave Software, its biggest deal since it bought "
     "Northstar Analytics in 2019.", "bought", "asserted", False),
    ("The deal is expected to close in the first quarter of next year.", "close", "planned", False),
    ("The company plans to buy a rival next year.", "buy", "planned", False),
    ("Harbour Bank to buy Lakeside Credit as rates bite", "buy", "planned", False),  # a headline's infinitive
    ("Harbour Bank bought Lakeside Credit as rates bit", "bought", "asserted", False),
    ("The minister is to meet union leaders on Friday.", "meet", "planned", False),
    ("The rebels are going to attack the town.", "attack", "planned", False),
    ("The president said he was willing to meet the rebel leaders.", "meet", "offered", False),
    ("The government offered to negotiate with the strikers.", "negotiate", "offered", False),
    ("The rebels threatened to attack the capital.", "attack", "threatened", False),
    ("He was accused of waging war against the state.", "waging", "alleged", False),
    ("He was charged with murder after the attack.", "murder", "alleged", False),
    ("The soldiers allegedly attacked the village.", "attacked", "alleged", False),
    ("The US has vowed to isolate the group should it seize power by force.", "seize", "hypothetical", False),
    ("If the army attacks the city, thousands will flee.", "attacks", "hypothetical", False),
    ("The rebels could seize the capital within weeks.", "seize", "hypothetical", False),
    ("The rebels would have captured the town without the air strikes.", "captured", "hypothetical", False),
    ("The United Nations urged both sides to withdraw their troops.", "withdraw", "demanded", False),
    ("The opposition called for talks with the government.", "talks", "demanded", False),
    ("The rebels tried to seize the airport.", "seize", "attempted", False),
    ("The army did not attack the village.", "attack", "asserted", True),
    ("The rebels refused to meet the envoy.", "meet", "asserted", True),
    ("The ministry denied attacking the convoy.", "attacking", "asserted", True),
    ("The government ruled out talks with the rebels.", "talks", "asserted", True),
    ("The movement has decided to stop suicide bombings against the city.", "bombings", "planned", True),
    ("The rebels will refuse to meet the envoy.", "meet", "planned", True),
    ("The army stopped its attacks on the city in May.", "attacks", "asserted", True),
    ("There was no agreement between the two sides.", "agreement", "asserted", True),
    ("Talks are proposed for next week.", "Talks", "planned", False),
    ("The planned talks were postponed.", "talks", "planned", False),
    ("The two leaders agreed to set up a joint fund for air defence.", "set", "planned", False),
    ("Russia launched a wave of drone attacks on Odesa, killing at least four people.", "killing", "asserted", False),
    ("The army began to withdraw from the town.", "withdraw", "asserted", False),
    ("The rebels were able to capture the airport.", "capture", "asserted", False),
    ("Troops continued attacking the town.", "attacking", "asserted", False),
    ("Police said the gunmen attacked the bus on Monday.", "attacked", "asserted", False),
    ("The meeting came a day after Russia launched drone attacks.", "meeting", "asserted", False),
    ("The police arrested him for the attack.", "attack", "alleged", False),
    ("The talks will resume next week.", "talks", "planned", False),
    ("Warne says Australia is well placed to win.", "win", "hypothetical", False),
    ("The September 11 attacks may be a preview of what is to come.", "attacks", "asserted", False),
    ("Match referee Jackie Hendriks will announce his verdict before play begins.", "verdict", "planned", False),
    ("Sharon piled pressure on Arafat to arrest the extremists behind a wave of suicide bombings last week.",
     "bombings", "asserted", False),
    ("Tom Hargreaves will join Acme's board once the deal closes.", "closes", "planned", False),
    # what someone is pressed to do is demanded of them, not planned
    ("Sharon sent in tanks to pile pressure on Arafat to arrest and sentence the extremists.", "arrest", "demanded",
     False),
    ("Sharon sent in tanks to pile pressure on Arafat to arrest and sentence the extremists.", "sentence",
     "demanded", False),
    ("Sharon sent in tanks to arrest the extremists.", "arrest", "planned", False),  # a purpose, no pressure
    # the lemmatizer makes "hoping" "hop": the hope is read from the word itself
    ("The striker says she is hoping to win her third title.", "win", "hypothetical", False),
    ("The two families were supposed to attend the ceremony tomorrow.", "attend", "planned", False),
    # a cancelling verb denies the event below it, unless it is itself denied
    ("The club called off the tour.", "tour", "asserted", True),
    ("The guide did not call off the trip.", "trip", "asserted", False),
    ("The army did not stop its attacks on the city.", "attacks", "asserted", False),
    ("The rebels did not refuse to meet the envoy.", "meet", "asserted", False),
    # a present "when" clause under a present main clause says what happens whenever, not what happened
    ("When the army kills civilians, the people have the right to defend themselves.", "kills", "hypothetical", False),
    ("When the army killed civilians, the people fled.", "killed", "asserted", False),
    ("He had applied to join the navy in 1999.", "join", "attempted", False),
]


def _token(doc, word):
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize("sentence,trigger,kind,negated", CASES)
def test_modality_of_clause(nlp, sentence, trigger, kind, negated):
    m = modality_of(_token(nlp(sentence), trigger))
    assert (m.kind, m.negated) == (kind, negated), m
    assert m.kind in KINDS
    assert m.happened == (kind == "asserted" and not negated)


def test_cue_names_the_deciding_word(nlp):
    assert modality_of(_token(nlp("The rebels threatened to attack the capital."), "attack")).cue == "threatened"
    assert modality_of(_token(nlp("The army met the rebels."), "met")).cue is None


def test_hedge_is_the_verb_of_speech_or_hedge_word(nlp):
    doc = nlp("Officials said the rebels attacked the town, according to the agency.")
    assert modality_of(_token(doc, "attacked")).hedge == "according to"
    assert modality_of(_token(nlp("Officials said the rebels attacked the town."), "attacked")).hedge == "say"
    assert modality_of(_token(nlp("The rebels reportedly attacked the town."), "attacked")).hedge == "reportedly"
    assert modality_of(_token(nlp("The rebels attacked the town."), "attacked")) == Modality()
