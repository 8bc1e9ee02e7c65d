"""Events: n-ary records with a type from the taxonomy in ``ontology/kg.ttl``.

Triggers are verb and noun lemmas (``EVENT_VERBS``, ``EVENT_NOUNS``,
``REPORTING_VERBS`` for statements). Arguments come from the parse:

* agent: the subject (inherited through "to"-clauses and participles), or
  the possessor of an event noun ("their withdrawal"), or the subject of a
  relative clause on it ("a deal they struck with Y");
* partner: "with" / "between"; theme: the direct object (or "against");
* source / origin: "from" a party / a place; place: "in" / "at" a place;
* date: a DATE expression attached to the trigger, normalised;
  duration: "in six days".

A verb whose object is an event noun adds its subject to that event
("attended talks", "participating in the talks") instead of making a new
one, and "the talks" refers back to the last event of the same word.

Every event carries its modality (:mod:`kg.extract.modality`: asserted,
planned, offered, threatened, alleged, demanded, attempted, hypothetical) and
whether it is negated; "reportedly", "according to" and reported speech set
the hedge. Every event names the rule that made it (:data:`RULES`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Iterator

from kg.extract.args import Arg, Args, noun_phrase, subject_of
from kg.extract.context import Ctx
from kg.extract.lexicon import (EVENT_NOUNS, EVENT_VERBS, GROUP_HEADS, HEDGES, PERSON_NOUNS, REPORTING_VERBS,
                                ROLE_HEADS, VALUE_LABELS)
from kg.extract.link import demonym_country
from kg.extract.modality import hedge_of as clause_hedge, modality_of
from kg.extract.speech import finds_out, never_speaks
from kg.extract.time import ahead, normalise
from kg.types import Event, Participant, Span, TimeValue

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["RULES", "find_events", "speaker_of", "date_of", "hedge_of"]

#: The rules that make events, by the stable name each event carries (``Event.rule``; ``kg:rule`` in
#: the graph, "rule" in ``kg extract`` JSON lines).
RULES = {
    "event-verb": "a trigger verb of the taxonomy and its arguments from the parse ('rebels captured the town')",
    "event-noun": "an event noun and its arguments ('the talks in Rome', 'their withdrawal'); a verb whose "
                  "object or subject it is adds its own ('held talks with X')",
    "statement-verb": "a verb of speech and its speaker ('the ministry said')",
    "statement-according-to": "'according to X' in a sentence",
}

#: Modalities of what has not happened yet: a weekday they carry is the coming one.
_AHEAD_KINDS = frozenset({"planned", "offered", "threatened", "demanded"})
_PLACE_TYPES = {"Country", "City", "Place"}
# places do not speak: a "speaking place" is a NER error; unnamed groups and documents do (kg.extract.sources)
_SPEAKER_TYPES = {"Person", "Organization", "Country", "Group", "CreativeWork"}


@dataclass
class _Builder:
    key: str
    type: str
    label: str
    trigger: Span
    sentence: int
    start: int
    end: int
    lemma: str
    participants: list[Participant] = field(default_factory=list)
    place: str | None = None
    origin: str | None = None
    date: TimeValue | None = None
    duration: TimeValue | None = None
    hedge: str | None = None
    modality: str = "asserted"
    negated: bool = False
    rule: str = ""

    def add(self, role: str, arg: Arg, hedge: str | None = None) -> None:
        if any(p.start == arg.start and p.end == arg.end for p in self.participants):
            return
        if arg.entity is not None and any(p.entity == arg.entity and p.role == role for p in self.participants):
            return
        self.participants.append(Participant(role, arg.entity, arg.text, arg.start, arg.end, hedge))

    def freeze(self) -> Event:
        return Event(self.key, self.type, self.label, self.trigger, self.sentence, self.start, self.end,
                     tuple(self.participants), self.place, self.origin, self.date, self.duration, self.hedge,
                     self.modality, self.negated, self.rule)

    def set_modality(self, tok: "Token") -> None:
        m = modality_of(tok)
        self.modality, self.negated = m.kind, m.negated


def _etype(ctx: Ctx, key: str | None) -> str:
    return str(ctx.entity_info.get(key or "", {}).get("type", ""))


_WEEKDAY_WORDS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())


def _dated(tok: "Token") -> bool:
    """A DATE token, or a TIME one naming a day ("Friday night", "Thursday morning")."""
    if tok.ent_type_ == "DATE":
        return True
    if tok.ent_type_ == "EVENT":
        return _month_day(tok) is not None
    if tok.ent_type_ != "TIME":
        return False
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    return ent is not None and any(t.lower_ in _WEEKDAY_WORDS for t in ent) or _day_of(tok) is not None


_MONTH_WORDS = frozenset("""jan jan. january feb feb. february mar mar. march apr apr. april may jun jun. june jul jul.
    july aug aug. august sep sep. sept sept. september oct oct. october nov nov. november dec dec. december""".split())


def _month_day(tok: "Token") -> "tuple[Token, Token] | None":
    """First and last token of a month and its day that the NER took into the name of an event ("the May 2
    Harbour bombing", "the March 3 riots"; rule ``day-in-event-name``), or None."""
    if tok.lower_ not in _MONTH_WORDS or tok.pos_ != "PROPN":
        return None
    day = next((c for c in tok.children if c.dep_ == "nummod" and c.text.isdigit() and 1 <= int(c.text) <= 31), None)
    if day is None:
        return None
    return (tok, day) if tok.i < day.i else (day, tok)


def _day_of(tok: "Token") -> "Token | None":
    """The weekday before a time of day the parser split off: "Friday" of "on Friday night"."""
    return next((c for c in tok.children if c.dep_ == "compound" and c.ent_type_ == "DATE"
                 and c.lower_ in _WEEKDAY_WORDS), None)


def _dates_on(tok: "Token") -> list["Token"]:
    """DATE tokens attached to ``tok``: a child ("met Monday") or the object of a preposition ("on Monday")."""
    out = [c for c in tok.children if _dated(c) and c.dep_ != "prep"]
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in _DATE_PREPS:
            out.extend(_prep_dates(c))
    return out


_DATE_PREPS = ("on", "in", "since", "during", "by", "within", "over")
#: Parts of a day named by "of" and its date: "on the night of March 3", "on the morning of Friday, May 5".
_PARTS_OF_DAY = frozenset("night morning afternoon evening".split())


def _prep_dates(prep: "Token") -> list["Token"]:
    """The DATE objects of a preposition: "on Monday", and the day of a part of it ("on the night of March 3":
    rule ``part-of-day``)."""
    out = []
    for p in (c for c in prep.children if c.dep_ == "pobj"):
        if _dated(p):
            out.append(p)
        elif p.lemma_.lower() in _PARTS_OF_DAY:
            out.extend(o for of in p.children if of.dep_ == "prep" and of.lower_ == "of"
                       for o in of.children if o.dep_ == "pobj" and _dated(o))
    return out


def _clause_start(verb: "Token") -> int:
    """Index of the first token of a clause's subject (or of the verb when it has none)."""
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    return min(subj[0].left_edge.i, verb.i) if subj else verb.i


def date_of(ctx: Ctx, si: int, tok: "Token", published: date | None) -> tuple[TimeValue | None, TimeValue | None]:
    """(date, duration) of DATE expressions attached to a trigger."""
    cands: list[Token] = []
    for c in tok.children:
        if _dated(c):
            cands.append(c)
        elif c.dep_ == "prep" and c.lower_ in _DATE_PREPS:
            cands.extend(_prep_dates(c))
    if tok.pos_ == "NOUN":
        cands.extend(t for t in tok.subtree if _dated(t) and t.i < tok.i)
        cands.extend(_second_date_of_object(tok))
    else:
        cands.extend(_subject_final_dates(tok))
    for c in tok.children:  # "said when asked Thursday", "said as dawn broke Saturday": at the same time
        if c.dep_ == "advcl" and any(m.dep_ in ("mark", "advmod") and m.lower_ in _SAME_TIME for m in c.children):
            cands.extend(_dates_on(c))
    if tok.lemma_.lower() in REPORTING_VERBS:
        cands.extend(_document_dates(tok))
    if not cands and tok.pos_ in ("VERB", "NOUN"):
        cands.extend(_dates_on_arguments(tok))
    if not cands and _bare_participle(tok) and tok.head.pos_ == "VERB":
        # "exploded Friday, killing dozens", "filed a brief on Monday arguing …": the clause's own day
        cands.extend(d for d in _dates_on(tok.head) if d.i < tok.i)
    doc = tok.doc
    if tok.lemma_.lower() in REPORTING_VERBS:
        # "X said on Monday it would acquire Y": the parser hangs "on Monday" on "acquire"; it dates the saying
        for comp in (c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i):
            cands.extend(d for d in _dates_on(comp) if tok.i < d.i < _clause_start(comp))
    elif tok.dep_ == "ccomp" and tok.head.i < tok.i and tok.head.lemma_.lower() in REPORTING_VERBS:
        cands = [d for d in cands if not tok.head.i < d.i < _clause_start(tok)]
    when = dur = None
    for c in cands:
        if c.ent_type_ == "TIME" and _day_of(c) is not None:
            c = _day_of(c)
        named = _month_day(c) if c.ent_type_ == "EVENT" else None
        ent = doc[named[0].i:named[1].i + 1] if named else next((e for e in ctx.ents(si) if e.start <= c.i < e.end), None)
        if ent is None:
            continue
        start, end = ctx.char_span(si, ent[0], ent[-1])
        tv = normalise(ent.text, start, end, published)
        if tv is None:
            continue
        if tv.datatype == "duration":
            dur = dur or tv
        else:
            when = when or tv
    return when, dur


#: Marks of a clause that happens at the time of the one it hangs on ("said when asked Thursday").
_SAME_TIME = frozenset({"when", "as", "while"})
#: What a statement is made in: "said in a letter published Wednesday", "says in an editorial on Thursday".
_DOCUMENT_NOUNS = frozenset("""letter editorial statement interview speech address article column report communique
    communiqué message broadcast note memo commentary briefing""".split())
#: Participles that date the document they follow: "a letter dated Monday", "an editorial published Friday".
_DATING_PARTICIPLES = frozenset("date publish release issue write send read broadcast air deliver".split())


def _bare_participle(tok: "Token") -> bool:
    """A participle clause with no subject or mark of its own ("…, killing dozens"): it shares the time of
    the clause it hangs on."""
    return tok.tag_ == "VBG" and tok.dep_ == "advcl" and not any(
        c.dep_ in ("mark", "nsubj", "nsubjpass") for c in tok.children)


#: Object nouns a date hung on belongs to the noun's own time, not the verb's ("the meeting of June 3").
_TIMED_NOUNS = frozenset("""edition issue session meeting day week night morning evening afternoon weekend
    copy version letter report statement remark remarks comment comments speech address interview testimony
    ceremony service debate hearing election vote trip rally funeral match game race show broadcast""".split())


#: Named places: a date the parser hung on one is the event's ("the raids in X on May 2").
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def _dates_on_arguments(verb: "Token") -> list["Token"]:
    """A date the parser hung on a plain noun or a named place of the clause of a verb or event noun (rule
    ``date-on-argument``): "was stabbed in the arm on Friday night", "shelled targets in X on Friday", "the
    raids in X on May 2". Two nouns deep, through prepositions (and objects that name a place); not through an
    event noun ("denounced the shelling of the port on Friday": Friday is the shelling's), a noun with a time of
    its own ("the letter of June 3", "her speech on Monday"), another name, or another clause."""
    out: list[Token] = []
    # an object only when it names a place: the day hung on a plain object may be the object's own ("called her
    # speech on Monday a turning point")
    frontier = [c for c in verb.children if c.dep_ in ("dobj", "attr") and c.ent_type_ in _PLACE_LABELS] \
        if verb.pos_ == "VERB" else []
    frontier += [p for c in verb.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
    for _depth in range(2):
        nxt = []
        for noun in frontier:
            if (noun.pos_ != "NOUN" and noun.ent_type_ not in _PLACE_LABELS) or _dated(noun) \
                    or noun.lemma_.lower() in EVENT_NOUNS \
                    or noun.lemma_.lower() in _TIMED_NOUNS or noun.lemma_.lower() in _DOCUMENT_NOUNS:
                continue
            for c in noun.children:
                if c.dep_ == "npadvmod" and _dated(c):
                    out.append(c)
                elif c.dep_ == "prep" and c.lower_ == "on":
                    out.extend(_prep_dates(c))
                elif c.dep_ == "prep":
                    nxt.extend(p for p in c.children if p.dep_ == "pobj")
        frontier = nxt
    return out


def _second_date_of_object(noun: "Token") -> list["Token"]:
    """The date right after an event noun that is the object of a verb dated by another date of its own
    (rule ``second-date-of-object``): "X Tuesday denounced the raids in Y Monday": the parser hangs
    both days on "denounced"; Tuesday dates the denouncing, Monday the raids."""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.pos_ != "VERB":
        return []
    days = [c for c in verb.children if c.dep_ == "npadvmod" and _dated(c)]
    if len(days) != 2 or days[0].i > verb.i or days[1].left_edge.i != noun.right_edge.i + 1:
        return []
    return [days[1]]


def _subject_final_dates(verb: "Token") -> list["Token"]:
    """A date the parser hung on the subject, right before the verb (wire style: "Poland, Hungary and the
    Czech Republic Friday formally joined NATO", "Iran Saturday condemned …")."""
    out: list[Token] = []
    for subj in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i):
        for d in (c for c in subj.children if c.dep_ in ("appos", "npadvmod") and c.ent_type_ == "DATE"):
            between = verb.doc[d.right_edge.i + 1:verb.i]
            if all(t.pos_ in ("ADV", "AUX", "PART") for t in between):
                out.append(d)
    return out


def _document_dates(verb: "Token") -> list["Token"]:
    """Dates of the document a statement is made in: "said in a letter published Wednesday", "said in the
    letter, dated Monday", "says in an editorial on Thursday, Jan. 6"."""
    out: list[Token] = []
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "in"):
        for doc_noun in (p for p in prep.children if p.dep_ == "pobj" and p.lemma_.lower() in _DOCUMENT_NOUNS):
            for c in doc_noun.children:
                if _dated(c) and c.dep_ in ("npadvmod", "nmod", "compound", "poss"):
                    out.append(c)
                elif c.dep_ == "prep" and c.lower_ == "on":
                    out.extend(p for p in c.children if p.dep_ == "pobj" and _dated(p))
                elif c.dep_ == "acl" and c.lemma_.lower() in _DATING_PARTICIPLES:
                    out.extend(_dates_on(c))
    return out


def hedge_of(ctx: Ctx, si: int, tok: "Token") -> str | None:
    """How a statement is hedged (:func:`kg.extract.modality.hedge_of`), with "according to" looked up
    through the context's word index of the sentence."""
    return clause_hedge(tok, next(_according_to_tokens(ctx, si, tok), None) is not None)


def _unrealised(verb: "Token") -> bool:
    """A verb of speech that reports no act of speaking: an infinitive ("the opportunity to respond",
    "yet to confirm") or a bare participle ("As predicted, X replaces Y")."""
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return True
    deps = {c.dep_ for c in verb.children}
    return verb.tag_ == "VBN" and verb.dep_ == "advcl" and not {"aux", "auxpass", "nsubj", "nsubjpass"} & deps


def speaker_of(args: Args, verb: "Token") -> Arg | None:
    """The speaker of a reporting verb; a subjectless participle ("…, saying")
    takes the subject of the reporting verb above it. None unless exactly one entity speaks."""
    found = speakers_of(args, verb)
    return found[0] if len(found) == 1 else None


def speakers_of(args: Args, verb: "Token") -> list[Arg]:
    """The speakers of a reporting verb, as :func:`speaker_of` finds them, each of them when its subject
    names several ("the FBI and Kenyan police said"); a participle's agent ("the decision, announced
    Wednesday by X") speaks."""
    # a parse may give a verb two subjects ('"… panic mode," said Ann Lee'): the one naming an entity speaks
    # ('"If it …," said Ann Lee'): a name before a pronoun the parse took from inside the quotation
    subj = sorted((c for c in verb.children if c.dep_ == "nsubj"),
                  key=lambda c: (args.entity(c) is None, c.pos_ == "PRON"))
    if not subj and verb.dep_ == "acl" and verb.tag_ == "VBN":
        subj = [o for a in verb.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"]
    if any(c.dep_ == "nsubjpass" for c in verb.children) or (
            any(c.dep_ == "auxpass" for c in verb.children) and not any(c.dep_ == "nsubj" for c in verb.children)):
        # "Hicks was told …", "applied for a permit but was told by officials …": the one told is no speaker;
        # "… was announced by the ministry" names one
        subj = [o for a in verb.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"]
        if not subj:
            return []
    if not subj and verb.dep_ != "amod":  # "X says 85 per cent acknowledged symptoms": X acknowledged nothing
        for anc in verb.ancestors:
            if anc.pos_ == "VERB" and anc.lemma_.lower() in REPORTING_VERBS:
                s = [c for c in anc.children if c.dep_ == "nsubj"]
                if s:
                    subj = s
                    break
    if not subj:
        s2 = subject_of(verb)
        subj = [s2] if s2 is not None else []
    if not subj:
        return []
    return [a for a in args.entities(subj[0]) if _etype(args.ctx, a.entity) in _SPEAKER_TYPES
            and not never_speaks(args.ctx, a.entity)]


def _according_to_tokens(ctx: Ctx, si: int, tok: "Token") -> Iterator["Token"]:
    """Each "according" followed by "to" in the sentence holding ``tok``."""
    if not ctx.sentence_has_word(si, tok.i, "according"):
        return  # the common case, without a pass over the tokens
    for t in ctx.sentence_tokens(si, tok.i):
        if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
            yield t


def according_to_source(args: Args, according: "Token", pobj: "Token") -> "Token":
    """Who "according to" names: its object, or the one a document is by ("according to a statement by X",
    the parser hanging "by X" on the document or on "according")."""
    by = [o for p in (*pobj.children, *according.children) if p.dep_ == "prep" and p.lower_ in ("by", "from")
          for o in p.children if o.dep_ == "pobj" and args.entity(o) is not None]
    return by[0] if by else pobj


def according_to(args: Args, tok: "Token") -> tuple["Token", Arg] | None:
    """The "according to <speaker>" phrase of the sentence holding ``tok``, if it names one speaker ("a
    statement by X": X)."""
    for t in _according_to_tokens(args.ctx, args.si, tok):
        pobj = [c for c in t.doc[t.i + 1].children if c.dep_ == "pobj"]
        if pobj:
            found = [a for a in args.entities(according_to_source(args, t, pobj[0]))
                     if _etype(args.ctx, a.entity) in _SPEAKER_TYPES]
            if len(found) == 1:
                return t, found[0]
    return None


#: What can be won: "won the election", "won gold"; not "won praise", "win over", "win political accomplishments".
_CONTESTS = frozenset("""
    election elections runoff run-off race seat seats vote votes poll ballot referendum primary nomination majority match game
    final semi-final title championship championships cup trophy medal medals gold silver bronze tournament series
    battle war case appeal award prize contest round set stage leg event premiership pennant slam open bout fight
    grand-final flag plate gong trophy award prize crown
    """.split())
#: What is captured or taken without force: "captured the imagination", "took the lead".
_ABSTRACT_TAKEN = frozenset("""imagination attention mood heart hearts spirit essence moment image images footage
    lead place time care note advantage step steps action charge responsibility credit""".split())
#: What a court overturns or upholds.
_RULINGS = frozenset("""ruling decision conviction sentence ban law verdict judgment judgement order appeal
    finding acquittal""".split())
#: What is withdrawn when troops or a party leave: anything else ("withdrew the claim") is no withdrawal.
_WITHDRAWN = frozenset("troops troop forces force soldiers army military personnel staff diplomats ambassador "
                       "embassy units unit team".split())
#: Nouns for people one meets ("met the leaders"), besides names.
_PEOPLE_WORDS = ROLE_HEADS | PERSON_NOUNS | GROUP_HEADS | frozenset(
    "leaders officials delegation delegations representatives ministers counterpart counterparts envoy envoys "
    "people members families residents victims relatives press reporters journalists".split())
#: What one resigns or quits: "quit his job", "resigned the post", "quit the party".
_POSTS = frozenset("job post position office role seat party government cabinet board club team company "
                   "presidency leadership chairmanship ministry portfolio captaincy".split())
#: What one joins: an organisation named or a body of people ("joined the board", "joined the army").
_BODIES = frozenset("""team club board party company firm army force forces government cabinet alliance coalition
    union organisation organization side squad staff navy police military ministry bank group league
    council committee commission panel opposition""".split())
#: What is signed into force: "signed the bill", not "signed autographs".
_SIGNED = frozenset("bill law decree order legislation measure resolution act amendment executive paper papers "
                    "document documents protocol instrument instruments".split())
#: What is issued or published as a statement: "issued a warning", not "issued passports".
_ANNOUNCED = frozenset("""statement report warning caution communique communiqué decree order list guideline
    guidelines advisory alert appeal call plan resolution findings finding results figures forecast
    ultimatum declaration memo letter""".split())
#: verbs of saying that also name a deed ("responded to the requests", "reacted angrily", "maintains a lead",
#: "wrote down the figures"): a statement only with what was said (a clause or a quotation) or a document
#: ("wrote a letter to the mayor")
_SAYING_ONLY_WITH_CONTENT = frozenset("respond reply answer react add maintain write".split())  # "X and Y added 72" (runs)
#: verbs that plan an event noun: "protesters planned a demonstration on Saturday" (the event is planned)
_PLANNING_VERBS = frozenset("plan schedule organise organize call propose".split())
#: verbs of taking part in an event noun: "X attended a rally Thursday" (X takes part; not who holds it)
_ATTENDING_VERBS = frozenset("attend join address participate take".split())
#: Verbs that carry an event noun: their subject does what the noun names ("launched attacks", "held talks").
_SUPPORT_VERBS = frozenset("""launch carry conduct stage mount hold wage reach clinch seal unleash begin start
    resume continue complete finalise finalize make sign strike step intensify escalate end conclude""".split()) \
    | _PLANNING_VERBS | _ATTENDING_VERBS
#: Nouns that count or group an event noun: "a wave of attacks", "a round of talks".
_QUANTITY_NOUNS = frozenset("wave series spate string round number campaign barrage flurry volley couple set".split())
#: Modifiers that make "operation" a use of force.
_FORCE_MODIFIERS = frozenset("military army naval air ground police security combat offensive counter-terrorism "
                             "counterterrorism counter-insurgency counterinsurgency rescue".split())
#: Modifiers of "strike" that make it a labour strike, not an attack.
_LABOUR_STRIKE = frozenset("general national hunger industrial labour labor workers union teachers nurses "
                           "pilots rail transport week-long day-long 24-hour 48-hour".split())


def _member_of(tok: "Token") -> "Token | None":
    """The X of "became members of X" (the noun after "of"), or None."""
    for attr in (c for c in tok.children if c.dep_ == "attr" and c.lemma_.lower() == "member"):
        for prep in (c for c in attr.children if c.dep_ == "prep" and c.lower_ == "of"):
            return next((p for p in prep.children if p.dep_ == "pobj"), None)
    return None


#: what explodes in an attack ("a bomb exploded"; not "a gas cylinder exploded")
_EXPLOSIVES = frozenset("""bomb device explosive explosives grenade mine landmine shell rocket missile mortar
    charge ied belt vest""".split())


def _verb_type(tok: "Token") -> str | None:
    lemma = tok.lemma_.lower()
    if lemma == "become" and _member_of(tok) is not None:
        return "Join"  # "Poland became a member of NATO"
    etype = EVENT_VERBS.get(lemma)
    if etype is None:
        return None
    kids = {c.dep_: c for c in tok.children}
    prts = {c.lower_ for c in tok.children if c.dep_ == "prt"}
    preps = {c.lower_ for c in tok.children if c.dep_ == "prep"}
    dobj = kids.get("dobj")
    dlemma = dobj.lemma_.lower() if dobj is not None else ""
    passive = "nsubjpass" in kids
    if lemma == "rule":  # "ruled out further assistance", "ruled the country": no court ruling
        return None if prts or dobj is not None else etype
    if lemma in ("overturn", "uphold"):
        target = dobj if dobj is not None else kids.get("nsubjpass")
        return etype if target is not None and target.lemma_.lower() in _RULINGS else None
    if lemma == "win":  # "won praise", "win over the voters": not a contest
        if prts or (dobj is not None and dlemma not in _CONTESTS and dobj.ent_type_ not in ("EVENT", "ORG")):
            return None
        return etype
    if lemma == "withdraw":  # "withdrew their claim": no withdrawal of forces
        return etype if dobj is None or dlemma in _WITHDRAWN or dobj.ent_type_ in ("ORG", "NORP", "GPE") else None
    if lemma == "strike" and passive:
        return None  # "I'm struck by the unpredictability": a feeling, not an attack
    if lemma in ("explode", "detonate") and dobj is None and not passive:
        subj = kids.get("nsubj")  # "a bomb exploded" is an attack; "a fireworks cache exploded" an accident
        if subj is not None and subj.tag_ in ("WDT", "WP") and tok.dep_ == "relcl":
            subj = tok.head  # "the grenade that exploded"
        if subj is None or (not subj.ent_type_ and subj.lemma_.lower() not in _EXPLOSIVES):
            return None
    if lemma in ("attend", "participate", "conclude", "convene"):
        return "join-noun"  # only adds its subject to an event noun ("attended the talks")
    if lemma == "negotiate" and "with" not in preps:
        return None  # "negotiating a settlement": no meeting named
    if lemma == "march" and "into" in preps:
        return None  # troops marching into a town
    if lemma == "charge":  # "charged him with murder", "was charged over the attacks"; not "charged $5"
        # "charged him with murder"; "was charged in two indictments with fraud": "with" on the indictments
        accused = any(c.dep_ == "prep" and c.lower_ in ("with", "over") for c in tok.children) or any(
            p.dep_ == "prep" and p.lower_ == "with" for c in tok.children for p in c.children) or any(
            w.dep_ == "prep" and w.lower_ == "with" for c in tok.children if c.dep_ == "prep" and c.lower_ == "in"
            for o in c.children if o.dep_ == "pobj" for w in o.children)
        return etype if accused and (passive or dobj is not None) else None
    if lemma == "sanction" and dobj is None and not passive:
        return None
    if lemma == "die" and tok.tag_ == "VBG" and tok.dep_ == "amod":
        return None
    if lemma == "take":
        if dobj is not None and dobj.lemma_ == "part":
            return "Meet"  # "take part in the talks"
        return "Seize" if "over" in prts or (dobj is not None and dobj.lemma_ == "control") else None
    if etype == "Seize" and dobj is not None and (dlemma in _CONTESTS or dobj.lower_ in _CONTESTS
                                                  or dlemma in _ABSTRACT_TAKEN):
        return "Win" if dlemma in _CONTESTS or dobj.lower_ in _CONTESTS else None  # "captured the trophy"
    if lemma == "pull":
        return "Withdraw" if ("out" in prts or "from" in preps) else None
    if lemma == "strike":
        return "Agree" if (tok.dep_ == "relcl" and EVENT_NOUNS.get(tok.head.lemma_.lower()) == "Agree") or (
            dobj is not None and EVENT_NOUNS.get(dobj.lemma_.lower()) == "Agree") else "Attack"
    if lemma == "sign":  # "signed a deal", "signed for the club", "signed the bill into law"
        if dobj is None:
            return "Join"
        agreed = EVENT_NOUNS.get(dobj.lemma_.lower()) == "Agree" or dobj.lemma_.lower() in ("contract", "understanding")
        return "Agree" if agreed else ("Sign" if dlemma in _SIGNED else None)
    if etype == "Announce":  # "issued a warning", "published its report"; not "issued passports"
        return etype if dlemma in _ANNOUNCED else None
    if lemma in ("go", "head") and not preps & {"to", "into", "for"}:
        return None  # "went on", "heads the party"
    if lemma == "agree" and "ccomp" in kids and not preps & {"with", "on", "to"}:
        subj = kids.get("nsubj")
        if subj is None or (subj.tag_ != "NNS" and not any(c.dep_ == "conj" for c in subj.children)):
            return None  # "most, including X, agree they cannot imagine …": an opinion, not an agreement
    if lemma == "meet" and dobj is not None and not dobj.ent_type_ and dobj.pos_ == "NOUN" \
            and dlemma not in _PEOPLE_WORDS:
        return None  # "failed to meet a radio check", "met the deadline"
    if lemma in ("quit", "resign") and dobj is not None and dlemma not in _POSTS and dobj.ent_type_ != "ORG":
        return None  # "the area they had quit": no resignation
    if lemma == "nominate" and "for" in preps:
        return None  # "nominated for an Oscar": an award, not an office
    if lemma == "join" and dobj is not None and not dobj.ent_type_ and dlemma not in _BODIES:
        return None  # "joined the throng", "joined the search", "joined calls for"
    if lemma == "lash" and "out" not in prts:
        return None  # "lashed out at X": a condemnation; "lashed the boat"
    if lemma == "accuse" and dobj is None:  # "was accused of": the charge, said elsewhere
        return None
    if lemma == "shoot" and dobj is None and not passive:
        return None  # "the film was shot", "shooting for the title"
    subj = kids.get("nsubj")
    if subj is not None and EVENT_NOUNS.get(subj.lemma_.lower()) == "Disaster" and lemma in ("hit", "strike", "devastate"):
        return "Disaster"  # "an earthquake hit X"
    if lemma in ("hit", "devastate"):
        return None
    return etype


def find_events(ctx: Ctx, role_person: dict[tuple[int, int], str], published: date | None) -> tuple[Event, ...]:
    doc_id = ctx.document.id
    builders: dict[str, _Builder] = {}
    by_token: dict[tuple[int, int], _Builder] = {}
    by_verb: dict[tuple[int, int], _Builder] = {}
    last_by_lemma: dict[str, _Builder] = {}

    def sentence_bounds(si: int, tok: "Token") -> tuple[int, int, int]:
        idx = ctx.sentence_of(si, tok)
        s = ctx.sentences[idx]
        return idx, s.start, s.end

    for si, seg in enumerate(ctx.segments):
        args = Args(ctx, si, role_person)
        refs: list[tuple[Token, _Builder]] = []  # "the meeting" with nothing of its own
        # 1. event nouns
        for tok in ctx.tokens(si):
            if tok.pos_ != "NOUN" or tok.lemma_.lower() not in EVENT_NOUNS:
                continue
            m = ctx.mention_at(si, tok.i)
            if m is not None and m.label != "GROUP":
                continue
            lemma = tok.lemma_.lower()
            etype = _noun_type(tok)
            if etype is None or _apposed_description(tok):
                continue
            dets = [c.lower_ for c in tok.lefts if c.dep_ == "det"]
            prev = last_by_lemma.get(lemma)
            bare = dets[:1] == ["the"] and not [c for c in tok.lefts if c.dep_ in ("amod", "compound", "nummod", "nmod")]
            if bare and any(c.dep_ == "prep" and c.lower_ == "on" and any(_dated(p) for p in c.children)
                            for c in tok.children):
                bare = False  # "the bombings on May 3": dated by its own words, an event of its own
            if prev is not None and bare:
                by_token[(si, tok.i)] = prev
                continue
            first, last = noun_phrase(tok)
            start, end = ctx.char_span(si, first, last)
            idx, s_start, s_end = sentence_bounds(si, tok)
            b = _Builder(f"{doc_id}/e{start}", etype, ctx.document.text[start:end],
                         Span(start, end, ctx.document.text[start:end]), idx, s_start, s_end, lemma)
            b.hedge = hedge_of(ctx, si, tok)
            b.rule = "event-noun"
            b.set_modality(tok)
            _noun_arguments(ctx, si, args, tok, b)
            b.date, b.duration = date_of(ctx, si, tok, published)
            by_token[(si, tok.i)] = b
            last_by_lemma[lemma] = b
            builders[b.key] = b
            if prev is None and bare:
                refs.append((tok, b))
        # 2. event verbs, and verbs that carry an event noun ("launched attacks")
        for tok in ctx.tokens(si):
            if tok.pos_ != "VERB":
                continue
            _date_the_occurrence(ctx, si, tok, by_token, published)
            etype = _verb_type(tok)
            if etype is None:
                if tok.lemma_.lower() in _SUPPORT_VERBS:
                    carried = _support_verb(ctx, si, args, tok, by_token, published)
                    if carried is not None:
                        by_verb[(si, tok.i)] = carried
                continue
            b = _verb_event(ctx, si, args, tok, etype, by_token, builders, published)
            if b is not None:
                by_verb[(si, tok.i)] = b
        _refer_back(refs, si, by_token, by_verb, builders)
        _relative_dates(ctx, si, by_token, by_verb)
        # 3. statements
        for tok in ctx.tokens(si):
            if tok.pos_ == "VERB" and tok.lemma_.lower() in REPORTING_VERBS and not _unrealised(tok):
                if tok.lemma_.lower() in _SAYING_ONLY_WITH_CONTENT and not any(
                        c.dep_ in ("ccomp", "parataxis") or c.is_quote
                        or (c.dep_ == "dobj" and c.lemma_.lower() in _DOCUMENT_NOUNS) for c in tok.children):
                    continue  # "responding favourably to requests": an answer in deeds, not words
                if finds_out(tok):
                    continue  # "confirmed the whereabouts of X": found out, not said
                speakers = speakers_of(args, tok)
                if not speakers:
                    continue
                spk = speakers[0]
                idx, s_start, s_end = sentence_bounds(si, tok)
                start, end = ctx.char_span(si, tok, tok)
                who = " and ".join(_label_of(ctx, one) for one in speakers[:2]) + (" and others" if len(speakers) > 2 else "")
                b = _Builder(f"{doc_id}/e{start}", "Statement", f"{who} {tok.lemma_.lower()}",
                             Span(start, end, tok.text), idx, s_start, s_end, tok.lemma_.lower())
                for one in speakers:  # "the FBI and Kenyan police said": both
                    b.add("agent", one)
                b.date, _ = date_of(ctx, si, tok, published)
                b.place = _where_said(ctx, args, tok)
                b.hedge = next((c.lower_ for c in tok.children if c.lower_ in HEDGES), None)
                b.rule = "statement-verb"
                b.set_modality(tok)
                builders[b.key] = b
        seen_acc: set[int] = set()
        for first in ctx.sentence_starts(si):
            acc = according_to(args, ctx.tokens(si)[first])
            if acc is None or acc[0].i in seen_acc:
                continue
            seen_acc.add(acc[0].i)
            t, spk = acc
            idx, s_start, s_end = sentence_bounds(si, t)
            start, end = ctx.char_span(si, t, t.doc[t.i + 1])
            b = _Builder(f"{doc_id}/e{start}", "Statement", f"{_label_of(ctx, spk)} statement",
                         Span(start, end, ctx.document.text[start:end]), idx, s_start, s_end, "according to")
            b.add("agent", spk)
            b.date = _date_of_phrase(ctx, si, t, published)  # "according to a statement today by X"
            b.hedge = "according to"
            b.rule = "statement-according-to"
            builders[b.key] = b
    for b in builders.values():
        if b.date is not None and b.modality in _AHEAD_KINDS:
            b.date = ahead(b.date, published)  # "will travel on Thursday": the coming Thursday
    events = [b.freeze() for b in builders.values() if b.participants or b.place or b.date]
    return tuple(sorted(events, key=lambda e: (e.trigger.start, e.key)))


#: Verbs that say when an event noun (their subject) happened: "the blast occurred Friday".
_OCCUR_VERBS = frozenset("occur happen erupt unfold".split())
#: Verbs telling what an attack or a disaster did, on the day it happened: "the bombings killed 40 on May 3".
_TOLL_VERBS = frozenset("kill injure wound destroy damage level topple".split())


def _date_the_occurrence(ctx: Ctx, si: int, tok: "Token", by_token: dict[tuple[int, int], _Builder],
                         published: date | None) -> None:
    """An event noun that is the subject of a verb of occurrence ("the blast occurred Friday", "the bombs went
    off on May 3", "the meeting took place Monday"), or an attack or disaster that is the subject of a verb
    of its toll ("bombings … on May 3 killed 40 people"), has the date of that verb."""
    lemma = tok.lemma_.lower()
    occurs = lemma in _OCCUR_VERBS or (lemma == "take" and any(c.dep_ == "dobj" and c.lower_ == "place"
                                                               for c in tok.children))
    toll = lemma in _TOLL_VERBS
    if not (occurs or toll):
        return
    for subj in (c for c in tok.children if c.dep_ == "nsubj"):
        ev = by_token.get((si, subj.i))
        if ev is None or ev.date is not None or (toll and ev.type not in ("Attack", "Disaster")):
            continue
        ev.date, _ = date_of(ctx, si, tok, published)


def _label_of(ctx: Ctx, arg: Arg) -> str:
    info = ctx.entity_info.get(arg.entity or "", {})
    labels = info.get("labels")
    if labels:
        return sorted(labels, key=lambda s: (-len(s.split()), s))[0]  # type: ignore[arg-type]
    return arg.text


def _prep_args(ctx: Ctx, args: Args, tok: "Token", b: _Builder, by_token: dict[tuple[int, int], _Builder] | None,
               si: int, only: tuple[str, ...] | None = None) -> None:
    for prep in tok.children:
        if prep.dep_ not in ("prep", "agent") or (only is not None and prep.lower_ not in only):
            continue
        word = prep.lower_
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            if pobj.ent_type_ in ("DATE", "TIME"):
                continue  # "attacked on Friday night", "on the night of March 3": when, not whom
            found = args.expand(pobj)
            if word in ("with", "between", "among"):
                for a in found:
                    if a.entity is not None:
                        b.add("partner", a)
            elif word == "by" and (prep.dep_ == "agent" or tok.pos_ == "NOUN"):
                for a in found:  # "was captured by X", "the attack by X"
                    if a.entity is not None:
                        b.add("agent", a)
            elif word in ("to", "into") and b.type == "Travel":
                for a in found:  # "travel to X": where they go
                    if _etype(ctx, a.entity) in _PLACE_TYPES:
                        b.place = b.place or a.entity
            elif word == "from":
                if _distance_from(prep):
                    continue  # "exploded four blocks from X", "46 miles from X": near X, not from X
                for a in found:
                    if _etype(ctx, a.entity) in _PLACE_TYPES:
                        b.origin = b.origin or a.entity
                    else:
                        b.add("source", a)
            elif word in ("in", "at", "across", "throughout", "inside") and pobj.ent_type_ != "DATE":
                for a in found:
                    if _etype(ctx, a.entity) in _PLACE_TYPES:
                        b.place = b.place or a.entity
                if b.place is None and not any(a.entity for a in found):
                    b.place = _place_within(ctx, args, pobj)  # "killed in a house on the edge of X"
            elif word in ("outside", "near") and b.place is None and not any(a.entity for a in found):
                b.place = _place_within(ctx, args, pobj)  # "exploded outside the embassy in X" (not "near X")
            elif word in ("against", "on") and b.type in ("Attack", "Protest"):
                for a in found:
                    b.add("theme", a)


def _distance_from(prep: "Token") -> bool:
    """Whether "from" measures a distance ("four blocks from X", "50 metres from X"): a measure noun
    hangs on it or stands right before it."""
    if any(c.dep_ == "npadvmod" for c in prep.children):
        return True
    before = prep.doc[prep.i - 1] if prep.i > 0 else None
    return before is not None and before.dep_ == "npadvmod" and before.pos_ == "NOUN" \
        and any(c.dep_ == "nummod" or c.like_num for c in before.children)


def _place_within(ctx: Ctx, args: Args, noun: "Token", depth: int = 2) -> str | None:
    """The named place a common noun of place lies in: 'a house in X', 'a market on the edge of X', 'the
    north of X', 'a blast at a mosque in X' (two prepositions deep; not 'near': not in it)."""
    if depth == 0 or noun.pos_ != "NOUN":
        return None
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("in", "at", "of", "on", "inside")):
        for pobj in (c for c in prep.children if c.dep_ == "pobj" and c.ent_type_ != "DATE"):
            for a in args.expand(pobj):
                if a.entity is not None:
                    return a.entity if _etype(ctx, a.entity) in _PLACE_TYPES else None
            found = _place_within(ctx, args, pobj, depth - 1)
            if found is not None:
                return found
    return None


#: what one speaks at, where the place of the speaking follows ("at a news conference in X")
_SPEAKING_OCCASIONS = frozenset("""conference briefing meeting rally speech interview address summit session
    ceremony event gathering visit""".split())


def _date_of_phrase(ctx: Ctx, si: int, according: "Token", published: date | None) -> TimeValue | None:
    """The date inside an "according to" phrase ("according to a statement today by X")."""
    pobj = [c for c in according.doc[according.i + 1].children if c.dep_ == "pobj"]
    for noun in pobj + [according]:  # the parser may hang "today" on "according"
        for c in noun.children:
            if c.ent_type_ == "DATE" or c.lower_ in ("today", "yesterday", "tonight"):
                return date_of(ctx, si, noun, published)[0]
    return None


def _where_said(ctx: Ctx, args: Args, verb: "Token") -> str | None:
    """The place a verb of saying was said in: 'said in X', 'told reporters in X', 'said at a news conference
    in X'."""
    preps = [c for c in verb.children if c.dep_ == "prep"]
    preps += [p for o in verb.children if o.dep_ == "dobj" for p in o.children if p.dep_ == "prep"]
    for prep in preps:
        if prep.lower_ not in ("in", "at"):
            continue
        for pobj in (c for c in prep.children if c.dep_ == "pobj" and c.ent_type_ != "DATE"):
            inner = [pobj]
            if pobj.lemma_.lower() in _SPEAKING_OCCASIONS:
                inner = [x for p in pobj.children if p.dep_ == "prep" and p.lower_ in ("in", "at")
                         for x in p.children if x.dep_ == "pobj"]
            for x in inner:
                for a in args.expand(x):
                    if a.entity is not None and _etype(ctx, a.entity) in _PLACE_TYPES:
                        return a.entity
    return None


#: Nouns for the one thought to have done an event: "X, the main suspect in the bombing".
_SUSPECT_NOUNS = frozenset("suspect suspects mastermind masterminds".split())


def _suspect_of(args: Args, tok: "Token") -> Arg | None:
    """Rule ``suspect-in``: the one named as "the suspect in" (or "the mastermind of") an event noun, in
    apposition ("X, the main suspect in the bombing") or as the subject of "is" ("X is the prime suspect in
    the bombing"): the event's agent, hedged "suspected"; the event itself is stated as having happened."""
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ not in ("in", "of", "behind"):
        return None
    noun = prep.head
    if noun.lemma_.lower() not in _SUSPECT_NOUNS and noun.lower_ not in _SUSPECT_NOUNS:
        return None
    if noun.dep_ == "appos":
        named = noun.head
    elif noun.dep_ == "attr" and noun.head.lemma_ == "be":
        named = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
    else:
        return None
    if named is None or args.entity(named) is None:
        return None
    return args.phrase(named)


def _stance_before(tok: "Token") -> str | None:
    """"anti" or "pro" when ``tok`` is the name after "anti-" or "pro-" ("anti-Israeli"), else None."""
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text in ("-", "\u2010", "\u2011") and doc[tok.i - 2].lower_ in ("anti", "pro"):
        return doc[tok.i - 2].lower_
    return None


def _noun_arguments(ctx: Ctx, si: int, args: Args, tok: "Token", b: _Builder) -> None:
    for c in tok.lefts:
        if c.dep_ == "poss":
            for a in args.entities(c):
                b.add("agent", a)
        elif c.dep_ in ("compound", "amod", "npadvmod") and args.entity(c) is not None:
            m = ctx.mention_at(si, c.i)
            if m is not None and m.label != "GROUP":
                a = args.phrase(c)
                if _etype(ctx, a.entity) in _PLACE_TYPES - {"Country"}:
                    b.place = b.place or a.entity  # "the Petersberg talks", "the Kabul attack": where
                else:
                    b.add("participant", a)
        elif c.dep_ == "amod" and c.ent_type_ == "NORP" and b.type == "Attack":
            nation = demonym_country(c.text)  # "the heaviest Israeli air raids": the country that attacks,
            countries = ctx.countries_with_code(nation.code if nation else None)  # when the article names it
            stance = _stance_before(c)  # "anti-Western attacks": the West is attacked, not attacking
            if len(countries) == 1 and stance in (None, "anti"):
                start, end = ctx.char_span(si, c, c)
                b.add("agent" if stance is None else "theme", Arg(countries[0], c.text, start, end))
    suspect = _suspect_of(args, tok)
    if suspect is not None:
        b.add("agent", suspect, "suspected")
    _prep_args(ctx, args, tok, b, None, si)
    # "the acquisition of X", "the capture of X": what is acted on; "the withdrawal of X": who withdraws
    of_role = {"Withdraw": "agent", "Meet": "participant"}.get(b.type, "theme")
    for prep in (c for c in tok.rights if c.dep_ == "prep" and c.lower_ == "of"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj" and c.ent_type_ not in VALUE_LABELS):
            for a in args.expand(pobj):
                if a.entity is not None:
                    b.add(of_role, a)
    for rel in (c for c in tok.children if c.dep_ == "relcl"):
        subj = [c for c in rel.children if c.dep_ == "nsubj"]
        if subj:
            for a in args.entities(subj[0]):
                b.add("agent", a)


def _verb_event(ctx: Ctx, si: int, args: Args, tok: "Token", etype: str,
                by_token: dict[tuple[int, int], _Builder], builders: dict[str, _Builder],
                published: date | None) -> _Builder | None:
    """The event of a trigger verb (made, or the event noun it joins); None when it makes none."""
    kids = list(tok.children)
    lemma = tok.lemma_.lower()
    passive = any(c.dep_ == "nsubjpass" for c in kids)
    subj = subject_of(tok)
    agents = [] if subj is None or passive else clause_subject(args, tok, subj)
    agents = [a for a in agents if a.entity is not None]
    hedge = hedge_of(ctx, si, tok)
    if lemma == "agree" and any(c.dep_ == "xcomp" for c in kids):
        return None  # "agreed to acquire X": the event is the acquisition
    # a verb whose object (or passive or eventive subject) is an event noun joins that event
    targets = [c for c in kids if c.dep_ in ("dobj", "nsubjpass", "nsubj") and (si, c.i) in by_token]
    if passive:
        agents = [a for p in kids if p.dep_ == "agent" for o in p.children if o.dep_ == "pobj"
                  for a in args.expand(o) if a.entity is not None]
    for prep in (c for c in kids if c.dep_ == "prep" and c.lower_ in ("in", "to", "on")):
        targets += [p for p in prep.children if p.dep_ == "pobj" and (si, p.i) in by_token]
    if tok.dep_ == "relcl" and (si, tok.head.i) in by_token:
        targets.append(tok.head)  # "a deal they struck with Y": the verb is part of the noun's event
    targets = [t for t in targets if by_token[(si, t.i)].type == etype or etype == "join-noun"
               or (tok.dep_ == "relcl" and t.i == tok.head.i)]  # "condemned the bombings": an event of its own
    if targets:
        ev = by_token[(si, targets[0].i)]
        role = "agent"
        for a in agents:
            if a.entity is not None and not (ev.type == "Disaster" and targets[0].dep_ == "nsubj"):
                ev.add(role, a, hedge)
        _prep_args(ctx, args, tok, ev, by_token, si)
        for o in (c for c in kids if c.dep_ == "dobj" and c.i != targets[0].i):
            for a in args.expand(o):
                if _etype(ctx, a.entity) in _PLACE_TYPES:  # "the quake hit eastern X"
                    ev.place = ev.place or a.entity
                elif a.entity is not None:
                    ev.add("partner" if ev.type in _TWO_SIDED else "theme", a, hedge)
        if ev.date is None:
            ev.date, _ = date_of(ctx, si, tok, published)
        return ev
    if etype == "join-noun":
        return None  # "attended the funeral": no event noun to join
    idx = ctx.sentence_of(si, tok)
    sent = ctx.sentences[idx]
    start, end = ctx.char_span(si, tok, tok)
    b = _Builder(f"{ctx.document.id}/e{start}", etype, lemma, Span(start, end, tok.text), idx,
                 sent.start, sent.end, lemma)
    if etype in ("Resign", "Appoint"):  # people resign and are appointed; "the area Israel had quit" is no resignation
        agents = [a for a in agents if _etype(ctx, a.entity) in ("Person", "Organization")] if etype == "Appoint" \
            else [a for a in agents if _etype(ctx, a.entity) == "Person"]
    # "X died": X is who died; "X escaped injured", "X was found wounded": a participle with no object of its
    # own says what X underwent
    undergoer = etype in ("Die", "Injure") and (lemma in ("die",) or (
        tok.tag_ == "VBN" and tok.dep_ in ("advcl", "acomp", "oprd", "xcomp", "conj")
        and not any(c.dep_ in ("dobj", "agent") for c in kids)))
    for a in agents:
        b.add("theme" if undergoer else "agent", a)
    objs = [c for c in kids if c.dep_ in ("dobj", "nsubjpass") and not _apposed_description(c)]
    if not objs and tok.dep_ == "acl" and tok.tag_ == "VBN" and (si, tok.head.i) not in by_token \
            and tok.head.pos_ in ("NOUN", "PROPN"):
        objs.append(tok.head)  # "the sprint won by X", "the town captured by rebels": what is acted on
    if not objs and etype in _TAKES_OBJECT:
        objs.extend(_shared_object(tok))
    joined = _member_of(tok) if lemma == "become" else None
    if joined is not None:
        objs.append(joined)
    for o in objs:
        for a in args.expand(o):
            kind = _etype(ctx, a.entity)
            if lemma == "leave" and kind in _PLACE_TYPES:
                b.origin = b.origin or a.entity  # "left Peru"
            elif etype in ("Travel", "Meet") and kind in _PLACE_TYPES:
                b.place = b.place or a.entity  # "visited Paris"
            elif etype in _TWO_SIDED and o.dep_ == "dobj":
                if a.entity is not None:
                    b.add("partner", a)  # "Scholz met Macron": the other party
            else:
                b.add("theme", a)
    _prep_args(ctx, args, tok, b, by_token, si)
    for o in objs:  # "captured X from Y", "won the runoff in Z": the parser often hangs these on the object
        _prep_args(ctx, args, o, b, by_token, si, only=("from", "in", "at"))
    if b.place is None:
        first = tok
        while first.dep_ == "conj" and first.tag_ == "VBG" and first.head.tag_ == "VBG":
            first = first.head  # "killing two and wounding five"
        if _bare_participle(first) and first.head.pos_ == "VERB":
            b.place = _place_of_clause(ctx, args, first.head)
    if not any(p.entity for p in b.participants) and not (b.place and etype in _PLACE_ENOUGH):
        return None  # no entity takes part: nothing an analyst could query or check
    if etype == "Travel" and not (b.place or b.origin or any(p.role == "partner" for p in b.participants)):
        return None  # "left early", "returned to power": no journey named
    if etype == "Withdraw" and not (b.origin or any(p.role == "theme" for p in b.participants)
                                    or any(p.role == "source" and p.entity for p in b.participants)):
        return None  # "withdrew from the limelight": nothing left or taken away
    b.date, b.duration = date_of(ctx, si, tok, published)
    b.hedge = hedge
    b.rule = "event-verb"
    b.set_modality(tok)
    agent_label = next((_label_of(ctx, Arg(p.entity, p.text, p.start, p.end)) for p in b.participants
                        if p.role == "agent"), "")
    other = next((p.text for p in b.participants if p.role in ("theme", "partner")), "")
    b.label = " ".join(x for x in (agent_label, "join" if joined is not None else lemma, other) if x)
    builders[b.key] = b
    return b


#: Events whose verb needs an object: "detain and charge X" shares X.
_TAKES_OBJECT = frozenset({"Arrest", "Attack", "Charge", "Rule", "Seize", "Condemn", "Sanction", "Acquire"})


def _shared_object(verb: "Token") -> list["Token"]:
    """The object of the verb conjoined right after ``verb`` ("to detain and charge the suspects": the
    suspects are detained too; rule ``shared-object``), when that verb has no subject of its own."""
    doc = verb.doc
    if verb.i + 2 >= len(doc) or doc[verb.i + 1].dep_ != "cc" or doc[verb.i + 1].lower_ not in ("and", "or"):
        return []
    nxt = doc[verb.i + 2]
    if nxt.dep_ != "conj" or nxt.head.i != verb.i or nxt.pos_ != "VERB" \
            or any(c.dep_ in ("nsubj", "nsubjpass") for c in nxt.children):
        return []
    return [c for c in nxt.children if c.dep_ == "dobj"]


def _place_of_clause(ctx: Ctx, args: Args, verb: "Token") -> str | None:
    """The named place of the clause a bare participle hangs on (rule ``place-of-clause``): "gunmen fired on a
    bus at X on Monday, wounding six": the wounding is at X. The verb's or its object's "in"/"at"."""
    for node in (verb, *[c for c in verb.children if c.dep_ == "dobj"]):
        for prep in (c for c in node.children if c.dep_ == "prep" and c.lower_ in ("in", "at")):
            for pobj in (c for c in prep.children if c.dep_ == "pobj" and not _dated(c)):
                for a in args.expand(pobj):
                    if _etype(ctx, a.entity) in _PLACE_TYPES:
                        return a.entity
    return None


#: Events that say something with a place alone ("an earthquake hit X", "fighting in X").
_PLACE_ENOUGH = frozenset({"Disaster", "Attack", "Protest", "Elect", "Die", "Injure"})
#: Events with two sides: the object or "with" names the other party (kg:partner).
_TWO_SIDED = frozenset({"Meet", "Agree"})
#: Pronouns an organisation, a country or a person may be referred to by, with the entity types they fit.
_PRONOUN_TYPES = {"it": {"Organization", "Country", "City", "Place"}, "its": {"Organization", "Country", "City", "Place"},
                  "he": {"Person"}, "she": {"Person"}, "they": {"Organization", "Country"}}
_TEMPORAL_MARKS = frozenset("since after before when while because as until once".split())


#: Nouns of armed people and machines: "Front gunmen", "Ruritanian bombers" act for the organisation or country named
#: before them.
_ARMED_NOUNS = frozenset("""gunman bomber militant fighter guerrilla sniper commando attacker assailant warplane jet
    helicopter gunship troop soldier force""".split())


def _armed_owner(args: Args, subj: "Token") -> Arg | None:
    """The organisation or country in "Front gunmen", "Ruritania's B-9 bombers" (a subject that is no entity of its
    own), as the one who acts; None otherwise."""
    if subj.pos_ != "NOUN" or subj.lemma_.lower() not in _ARMED_NOUNS or args.entity(subj) is not None:
        return None
    owners = [c for c in subj.subtree if c.i < subj.i and c.dep_ in ("compound", "nmod", "poss")
              and args.entity(c) is not None
              and _etype(args.ctx, args.entity(c)) in ("Organization", "Country")]
    return args.phrase(owners[0]) if owners else None


def clause_subject(args: Args, verb: "Token", subj: "Token") -> list[Arg]:
    """The argument(s) of a subject, with a pronoun subject of a subordinate clause resolved by the clause
    it hangs on rather than by recency: in a conditional ("vowed to isolate the group should it seize
    power", "will punish X if it attacks") it is the object of the main clause; in a clause of time or
    cause ("its biggest deal since it bought Y") the subject of the main clause. Other subjects are
    :meth:`Args.expand`'s."""
    owner = _armed_owner(args, subj) if subj.head.i == verb.i else None  # not through "trying to", "helped"
    if owner is not None:
        return [owner]
    fits = _PRONOUN_TYPES.get(subj.lower_)
    if fits is None or subj.head.i != verb.i or verb.dep_ not in ("advcl", "ccomp") or verb.head.i == verb.i:
        return args.expand(subj)
    marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
    inverted = any(c.dep_ == "aux" and c.lower_ in ("should", "had", "were") and c.i < subj.i for c in verb.children)
    main = verb.head
    if inverted or marks & {"if", "unless"}:
        clauses = [main, *[c for c in main.children if c.dep_ == "xcomp"]]
        dobjs = [c for n in clauses for c in n.children if c.dep_ == "dobj" and c.i < verb.i]
        if dobjs:
            return [a for a in args.expand(max(dobjs, key=lambda t: t.i)) if _etype(args.ctx, a.entity) in fits]
        return args.expand(subj)
    if verb.dep_ == "advcl" and marks & _TEMPORAL_MARKS:
        main_subj = subject_of(main)
        if main_subj is not None and main_subj.i != subj.i:
            found = [a for a in args.expand(main_subj) if _etype(args.ctx, a.entity) in fits]
            if found:
                return found
    return args.expand(subj)


def _noun_type(tok: "Token") -> str | None:
    """The event type of an event noun in the sense the sentence uses it, or None."""
    lemma = tok.lemma_.lower()
    etype = EVENT_NOUNS.get(lemma)
    mods = {c.lower_ for c in tok.children if c.dep_ in ("amod", "compound", "poss", "nmod")}
    if lemma == "operation" and not mods & _FORCE_MODIFIERS:
        return None  # "business operations", "the operation on his knee"
    if lemma == "strike":
        on_strike = tok.head.lower_ == "on" and tok.dep_ == "pobj"
        called = tok.dep_ == "dobj" and tok.head.lemma_.lower() == "call"
        if on_strike or called or mods & _LABOUR_STRIKE:
            return "Protest"  # "went on strike", "a general strike", "the union called a strike"
    if lemma in ("sanction", "sanctions") and tok.tag_ != "NNS":
        return None  # "the sanction of the court": an approval
    if lemma == "death" and (tok.dep_ == "compound" or tok.tag_ == "NNS" and not [
            c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "in")]):
        return None  # "the death toll", "a drop in deaths from heart disease": counts, not an event
    return etype


def _apposed_description(tok: "Token") -> bool:
    """An event noun that describes another event in apposition ("would acquire X, its biggest deal since
    …"): no event of its own."""
    if tok.dep_ == "appos":
        return True
    edge = tok.left_edge
    return tok.dep_ in ("dobj", "npadvmod", "attr") and edge.i > 0 and tok.doc[edge.i - 1].lower_ == "," \
        and any(c.dep_ == "dobj" and c.i < tok.i for c in tok.head.children)


def _carried(tok: "Token") -> list["Token"]:
    """The nouns a support verb carries: its object ("held talks"), or what its subject takes part in ("took
    part in the talks", "participated in a rally"); "take" carries nothing else."""
    lemma = tok.lemma_.lower()
    if lemma in ("take", "participate"):
        if lemma == "take" and not any(c.dep_ == "dobj" and c.lower_ == "part" for c in tok.children):
            return []
        return [o for p in tok.children if p.dep_ == "prep" and p.lower_ == "in" for o in p.children if o.dep_ == "pobj"]
    return [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]


def _support_verb(ctx: Ctx, si: int, args: Args, tok: "Token", by_token: dict[tuple[int, int], _Builder],
                  published: date | None) -> _Builder | None:
    """A verb that carries an event noun ("launched a wave of attacks", "held talks with Y"): its subject
    is the event's agent, its prepositions add partner, theme and place."""
    for o in _carried(tok):
        if o.lemma_.lower() in _QUANTITY_NOUNS:
            of = [p for c in o.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
            o = of[0] if of else o
        ev = by_token.get((si, o.i))
        if ev is None:
            continue
        passive = o.dep_ == "nsubjpass"
        subj = subject_of(tok)
        if passive:
            agents = [a for p in tok.children if p.dep_ == "agent" for x in p.children if x.dep_ == "pobj"
                      for a in args.expand(x)]
        else:
            agents = clause_subject(args, tok, subj) if subj is not None else []
        role = "participant" if tok.lemma_.lower() in _ATTENDING_VERBS else "agent"
        for a in agents:
            if a.entity is not None and _etype(ctx, a.entity) not in _PLACE_TYPES - {"Country"}:
                ev.add(role, a, hedge_of(ctx, si, tok))
        _prep_args(ctx, args, tok, ev, by_token, si)
        if ev.date is None:
            ev.date, _ = date_of(ctx, si, tok, published)
        if tok.lemma_.lower() in _PLANNING_VERBS and not any(c.dep_ == "prt" for c in tok.children):
            # ("called off the talks" is no plan: the noun keeps the modality it has, denied)
            m = modality_of(tok)  # "planned a demonstration on Saturday": a plan, unless the planning is denied
            ev.modality, ev.negated = ("planned" if m.kind == "asserted" else m.kind), m.negated
        return ev
    return None


def _refer_back(refs: list[tuple["Token", _Builder]], si: int, by_token: dict[tuple[int, int], _Builder],
                by_verb: dict[tuple[int, int], _Builder], builders: dict[str, _Builder]) -> None:
    """"The meeting" with nothing of its own after "X met Y": the meeting told before, not a new one."""
    for tok, b in refs:
        if b.participants or b.date:
            continue
        earlier = [e for e in by_verb.values() if e.type == b.type and e.trigger.start < b.trigger.start
                   and e.modality == "asserted" and not e.negated and e.rule == "event-verb"]
        if earlier:
            told = max(earlier, key=lambda e: e.trigger.start)
            told.place = told.place or b.place
            for key, ev in list(by_token.items()):
                if ev is b:
                    by_token[key] = told
            builders.pop(b.key, None)


_RELATIVE_UNITS = {"day": 1, "days": 1, "week": 7, "weeks": 7}


def _relative_dates(ctx: Ctx, si: int, by_token: dict[tuple[int, int], _Builder],
                    by_verb: dict[tuple[int, int], _Builder]) -> None:
    """"The meeting came a day after the rebels launched attacks": the attacks' date is the meeting's less a day
    (also "two days before", "a week after"), when the meeting has a day-level date."""
    from datetime import timedelta

    for (vsi, vi), ev in sorted(by_verb.items(), key=lambda kv: kv[0]):
        if vsi != si or ev.date is not None:
            continue
        verb = ctx.tokens(si)[vi]
        if verb.dep_ != "advcl":
            continue
        head_ev = by_verb.get((si, verb.head.i))
        if verb.tag_ == "VBG" and not any(c.dep_ in ("mark", "nsubj") for c in verb.children) \
                and head_ev is not None and head_ev.date is not None:
            ev.date = head_ev.date  # "launched attacks on X, killing four": the same day
            continue
        mark = next((c.lower_ for c in verb.children if c.dep_ == "mark" and c.lower_ in ("after", "before")), None)
        span = next((c for c in verb.children if c.dep_ == "npadvmod" and c.ent_type_ == "DATE"), None)
        if mark is None or span is None:
            continue
        words = [t.lower_ for t in span.subtree]
        n = _count(words[0]) if len(words) == 2 else None
        unit = _RELATIVE_UNITS.get(words[-1])
        if n is None or unit is None:
            continue
        main = verb.head
        ref = by_verb.get((si, main.i)) or next(
            (by_token[(si, c.i)] for c in main.children if c.dep_ in ("nsubj", "nsubjpass") and (si, c.i) in by_token),
            None)
        if ref is None or ref.date is None or ref.date.datatype != "date":
            continue
        delta = timedelta(days=n * unit)
        day = date.fromisoformat(ref.date.value) + (-delta if mark == "after" else delta)
        first = min(span.subtree, key=lambda t: t.i)
        start, end = ctx.char_span(si, first, next(c for c in verb.children if c.dep_ == "mark"))
        ev.date = TimeValue(ctx.document.text[start:end], start, end, day.isoformat(), "date")  # "a day after"


def _count(word: str) -> int | None:
    return {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}.get(word) \
        if not word.isdigit() else int(word)
