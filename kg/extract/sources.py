"""Sources of statements that are not named entities, and descriptions of named ones.

The subject of a verb of attribution ("… said", "… found", "… reads"; inherited through participles
and conjoined verbs: "protesters marching through the streets chanted"), the agent of a passive one
("was announced by …") and the object of "according to" name who or what a statement comes from.
When no name, pronoun or description already resolved there (:mod:`kg.extract.coref`), this stage
reads the noun phrase:

* ``description-person``: a definite description for a person ("the Texas oilman", "the
  34-year-old mother of three") is the one person named in the three sentences before (outside
  quotation marks), of the description's gender when it has one;
* ``unnamed-source``: otherwise a phrase whose head noun names a kind of speaker becomes a node of
  its own in the document, with the phrase (less its article) as label: a person ("a spokesman for
  Disney", "one student", "a source": Person), several people ("officials", "analysts",
  "protesters": ``Group``), a body ("the union", "the newspaper": Organization) or a document
  ("the report", "the ruling", "the letter": ``CreativeWork``). "The source" after "a source" is the
  same node; an indefinite phrase ("a source", "another source") is a new one each time. A person
  linked by "for", "at", "of", "with", a possessive or a name before it ("a spokesman for X", "X's
  lawyer", "a Pentagon official") holds the role of its head noun in that organisation (an
  ``org:Membership``), also in an unnamed organisation named before ("a spokeswoman for the company"
  after "the company said"); a group keeps the organisation in its label only ("officials at X").

A pronoun subject no entity resolved ("it said", "they said") is the last unnamed source of its kind
(a document or body for "it", a group for "they") in its sentence or the one before, when no other
subject of its number comes between them.

A part or a number of people with words that say of whom or which ("many of the mayor's
supporters", "those close to the minister", "people familiar with the talks", "a number of lawmakers")
is a group of its own (``restricted-group``); alone ("some", "many", "those who believe …") it names no one.

A nationality or group of people by origin ("Englishmen", "Mexicans") is never a source, nor is a
word for people in general ("people", "everyone"), a phrase with a name in apposition ("its director,
Ann Lee," is Ann Lee) or bodies named before ("the companies said").
"""
from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Iterator

from kg.extract.args import subject_of
from kg.extract.context import Ctx, RawMention
from kg.extract.link import demonym_country
from kg.extract.speech import (ATTITUDE_WORDS, SOURCE_VERBS, gender_of_person, is_people_word, person_noun_gender,
                               speech_lemma)
from kg.types import Event, Quote, Relation

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["drop_silent_sources", "find_sources", "source_class", "speech_subjects"]

#: head nouns (lemmas) of a single person who speaks
_PERSON_SOURCES = frozenset(
    """
    spokesman spokeswoman spokesperson official aide adviser advisor source lawyer attorney analyst expert
    economist historian professor scientist researcher witness resident friend neighbor neighbour narrator
    announcer mother father son daughter wife husband brother sister doctor nurse teacher student
    strategist consultant insider staffer operative employee worker officer agent investigator prosecutor
    judge lawmaker senator congressman congresswoman representative critic supporter voter observer
    commentator columnist reporter correspondent editor author writer pollster manager director executive
    chairman chairwoman president secretary governor mayor minister ambassador diplomat leader chief
    candidate nominee member businessman businesswoman man woman person owner founder activist organizer
    organiser protester demonstrator veteran survivor victim relative parent spokesmen official
    delegate advocate general lady
    """.split()
)
#: head nouns (lemmas) of a body that speaks as one
_ORG_SOURCES = frozenset(
    """
    union newspaper paper magazine network channel station website site committee campaign company firm
    agency department ministry court government administration council commission board panel office
    organization organisation group party team bank fund institute foundation association coalition
    police embassy army military authority journal family city state county country nation
    """.split()
)
#: head nouns (lemmas) of a document or record that says something
_WORK_SOURCES = frozenset(
    """
    report ruling letter article book study poll survey ad advertisement statement memo memorandum document
    analysis editorial filing lawsuit complaint opinion decision review piece post tweet video email
    release finding record audit transcript column indictment affidavit order verdict summary data
    chart estimate projection forecast assessment investigation inquiry paper website page note message
    brief motion bill law clip spot slide story datum data statistic database average research submission
    account footage
    """.split()
)
#: words for people in general, never a source of their own
_EVERYONE = frozenset("people everyone everybody someone somebody anyone anybody nobody one other others".split())
_RELATIVES = frozenset({"who", "which", "that"})
_INDEFINITE = frozenset({"a", "an", "one", "another", "some", "several", "many", "two", "three", "few"})
_LINK_PREPS = frozenset({"for", "at", "of", "with", "from", "in", "to"})
_LINKED_TYPES = frozenset({"Organization"})


def _lexicon_lemma(head: "Token") -> tuple[str, bool]:
    """(lemma, plural) of a source's head noun; a capitalised common noun the tagger took for a name
    at the start of a sentence ("Protesters chanted") is read as the noun it is."""
    if head.pos_ != "PROPN":
        lemma = head.lemma_.lower()
        return lemma, head.tag_ in ("NNS", "NNPS") and head.lower_ != lemma
    low = head.lower_
    for cand in (low, low[:-3] + "y" if low.endswith("ies") else "", low[:-2] if low.endswith("es") else "",
                 low[:-1] if low.endswith("s") else ""):
        if cand and (cand in _PERSON_SOURCES or cand in _ORG_SOURCES or cand in _WORK_SOURCES):
            return cand, cand != low
    return low, False


def source_class(head: "Token") -> str | None:
    """The class of an unnamed source headed by ``head``: Person, Group, Organization, CreativeWork
    or None when the noun names no kind of speaker."""
    lemma, plural = _lexicon_lemma(head)
    if lemma in _EVERYONE or head.lower_ in _EVERYONE:
        return None
    if lemma in _PERSON_SOURCES:
        return "Group" if plural else "Person"
    if lemma in _ORG_SOURCES:
        return "Group" if plural else "Organization"
    if lemma in _WORK_SOURCES:
        return "CreativeWork"
    return None


#: endings of nouns for someone who does something ("questioner", "commissioner", "journalist", "physician")
_AGENT_ENDINGS = ("er", "or", "ist", "ian")
#: nouns with those endings that name no one
_NOT_AGENTS = frozenset(
    """
    number matter order answer power computer border center centre letter paper water other error factor
    sector chapter quarter register manner minor major member corner dinner summer winter weather
    """.split())


def _kind_of_speaker(head: "Token") -> str | None:
    """The class of the subject of a verb of attribution whose head noun is not in the lexicon: someone
    by the ending of an agent noun ("one questioner": Person, "several journalists": Group), a share of
    those counted ("twelve percent": Group); None otherwise."""
    if head.pos_ != "NOUN" or head.lower_ in _EVERYONE:
        return None
    lemma = head.lemma_.lower()
    if lemma in ("percent", "%", "majority", "minority", "half", "third", "quarter"):
        return "Group"
    if lemma.endswith(_AGENT_ENDINGS) and len(lemma) > 5 and lemma not in _NOT_AGENTS:
        return "Group" if head.tag_ == "NNS" else "Person"
    return None


def speech_subjects(ctx: Ctx, si: int) -> Iterator[tuple["Token", "Token"]]:
    """(verb or 'according', head token of who speaks) of every attribution in segment ``si``: the
    subject of a verb of attribution, the agent of a passive one, the object of "according to", the subject
    of an adjective of a state of mind with a clause ("… are confident that …")."""
    toks = ctx.tokens(si)
    for tok in toks:
        if tok.pos_ == "VERB" and speech_lemma(tok) in SOURCE_VERBS:
            subj = [c for c in tok.children if c.dep_ == "nsubj"]
            if not subj:
                subj = [o for a in tok.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"]
            if not subj and not any(c.dep_ == "nsubjpass" for c in tok.children):
                inherited = subject_of(tok)  # "Protesters marching through the streets chanted …"
                subj = [inherited] if inherited is not None else []
            if subj:
                yield tok, subj[0]
        elif tok.lower_ in ATTITUDE_WORDS and any(c.dep_ == "ccomp" for c in tok.children):
            # "Residents were frustrated that …", "Many analysts are confident that …"
            holder = tok.head if tok.dep_ == "acomp" else tok
            subj = [c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj:
                yield holder, subj[0]
        elif tok.lower_ == "according" and tok.i + 1 < len(toks) and toks[tok.i + 1].lower_ == "to":
            pobj = [c for c in toks[tok.i + 1].children if c.dep_ == "pobj"]
            if pobj:
                yield tok, pobj[0]


def _phrase(head: "Token") -> tuple["Token", "Token"]:
    """First and last token of the source phrase headed by ``head``: its modifiers and a prepositional
    phrase after it ("a spokesman for the union"), not a relative clause or an apposition."""
    doc = head.doc
    lefts = [t for t in head.lefts if t.dep_ not in ("punct", "cc", "prep")]
    first = min((t.left_edge for t in lefts), key=lambda t: t.i) if lefts else head
    last = head
    for r in head.rights:
        if r.dep_ == "prep" and r.lower_ in _LINK_PREPS and r.i == last.i + 1:
            last = max(r.subtree, key=lambda t: t.i)
        elif r.dep_ in ("compound", "nummod", "amod") and r.i == last.i + 1:
            last = r
        else:
            break
    while last.i > head.i and (last.is_punct or last.dep_ == "cc"):
        last = doc[last.i - 1]
    return first, last


def _label(words: list["Token"]) -> str:
    """The phrase without its article or quantifier: "a spokesman for X" -> "spokesman for X"."""
    while words and (words[0].lower_ in _INDEFINITE | {"the", "this", "that", "these", "those"} or words[0].is_punct):
        words = words[1:]
    return "".join(t.text_with_ws for t in words).strip()


def _linked(ctx: Ctx, si: int, head: "Token", first: "Token", last: "Token") -> list[str]:
    """Entity keys of the organisations or countries a source phrase ties its head to."""
    found: list[str] = []
    for t in head.doc[first.i:last.i + 1]:
        m = ctx.mention_at(si, t.i)
        if m is None or not m.key or str(ctx.entity_info.get(m.key, {}).get("type")) not in _LINKED_TYPES:
            continue
        attach = t
        while attach.i != head.i and attach.head.i != attach.i and attach.dep_ in ("compound", "pobj", "poss", "prep",
                                                                                   "amod", "case", "det", "nmod"):
            attach = attach.head
        if attach.i == head.i and m.key not in found:
            found.append(m.key)
    return found


def _recent_person(ctx: Ctx, si: int, head: "Token", gender: str | None) -> RawMention | None:
    """The one person named in the three sentences before ``head`` (names outside quotation marks,
    of ``gender`` when known), or None when there is none or more than one."""
    starts = ctx.sentence_starts(si)
    k = max(0, sum(1 for s in starts if s <= head.i) - 4)
    window = starts[k]
    quoted = ctx.quotations(si)
    off = ctx.segments[si].offset
    found: dict[str, RawMention] = {}
    for m in ctx.mentions:
        if m.seg != si or not m.key or m.kind not in ("name", "surname") or not (window <= m.tok_start < head.i):
            continue
        if str(ctx.entity_info.get(m.key, {}).get("type")) != "Person":
            continue
        if any(s <= m.start - off < e for s, e in quoted):
            continue
        if gender is not None and gender_of_person(ctx, m.key) not in (None, gender):
            continue
        found.setdefault(m.key, m)
    return next(iter(found.values())) if len(found) == 1 else None


#: pronouns that may stand for an unnamed source, and the classes they agree with
_PRONOUN_CLASSES = {"it": ("CreativeWork", "Organization"), "they": ("Group",), "he": ("Person",),
                    "she": ("Person",)}


def _someone(ctx: Ctx, si: int, t: "Token") -> bool:
    """Whether token ``t`` names a person: a person's name, a pronoun for one, a noun for someone."""
    m = ctx.mention_at(si, t.i)
    if m is not None and m.key:
        return str(ctx.entity_info.get(m.key, {}).get("type")) == "Person"
    return t.lower_ in ("he", "she", "i", "we") or (t.pos_ == "NOUN" and source_class(t) == "Person")


def _pronoun_source(ctx: Ctx, si: int, pron: "Token") -> None:
    """'The letter … . It added …', 'Officials … . They said …', 'A senior official … . He told …': a
    pronoun no entity resolved is the last unnamed source of its kind (of its gender for "he" and "she":
    not "a spokeswoman" for "he") in its sentence or the one before, when no other subject that "it"
    or "they" (or, for "he" and "she", no other person) may stand for comes between them."""
    starts = ctx.sentence_starts(si)
    window = starts[max(0, sum(1 for s in starts if s <= pron.i) - 2)]
    classes = _PRONOUN_CLASSES[pron.lower_]
    found = [m for m in ctx.mentions if m.seg == si and m.label == "SOURCE" and m.key
             and window <= m.tok_start < pron.i and ctx.entity_info.get(m.key, {}).get("type") in classes]
    if pron.lower_ in ("he", "she"):
        gender = "male" if pron.lower_ == "he" else "female"
        found = [m for m in found if person_noun_gender(ctx.tokens(si)[m.tok_end - 1].lower_) in (None, gender)
                 and person_noun_gender(ctx.tokens(si)[m.tok_start].lower_) in (None, gender)]
    if found:
        target = max(found, key=lambda m: m.tok_start)
        toks = ctx.tokens(si)
        between = [t for t in toks[target.tok_end:pron.i] if t.dep_ in ("nsubj", "nsubjpass")]
        if pron.lower_ in ("he", "she"):
            if any(_someone(ctx, si, t) for t in between):
                return  # another person between them: "he" may be that one
        elif any(t.tag_ in (("NNS", "NNPS") if pron.lower_ == "they" else ("NN", "NNP")) for t in between):
            return  # another subject of that number between them: "it" or "they" may be that one
        start, end = ctx.char_span(si, pron, pron)
        ctx.add_mention(RawMention(si, pron.i, pron.i + 1, start, end, pron.text, target.label, "pronoun",
                                   key=target.key, head_dep=pron.dep_))


def _of_a_body(ctx: Ctx, si: int, head: "Token") -> bool:
    """Rule ``role-in-a-body``: whether a description for a person ties its head to a body by a modifier:
    an organisation's name ("the Acme official") or a common noun ("the centre manager", "the party
    spokesman"). Such a description names someone who holds a role there, not the last person named
    (who may be the leader of that body, or someone who dealt with it): it becomes an unnamed source."""
    for c in head.lefts:
        if c.dep_ not in ("compound", "nmod", "poss"):
            continue
        m = ctx.mention_at(si, c.i)
        if m is not None and m.key and str(ctx.entity_info.get(m.key, {}).get("type")) == "Organization":
            return True
        if c.pos_ == "NOUN" and c.dep_ == "compound":
            return True
    return False


def _same_source(ctx: Ctx, key: str, words: list["Token"], head: "Token") -> bool:
    """Whether "the …" (``words``, headed by ``head``) may be the unnamed source ``key`` named before with
    the same head noun: every word it adds to its head is one of that source's words ("the Acme official"
    after "an official from Acme"; not after "a Zenith official"); a country's name stands for its
    nationality ("the Israel official" after "a senior Israeli official")."""
    labels: Counter[str] = ctx.entity_info.get(key, {}).get("labels") or Counter()  # type: ignore[assignment]
    known = {w.strip(".,'’").removesuffix("'s").removesuffix("’s") for label in labels
             for w in label.lower().replace("-", " ").split()}
    extra = [t for t in words if t.i != head.i and t.dep_ not in ("det", "punct") and not t.is_stop]
    if all(t.lower_ in known for t in extra):
        return True

    def country(word: str) -> str | None:  # "Israel" and "Israeli" name one country
        link = demonym_country(word) if word[:1].isalpha() else None
        return link.label if link is not None else None

    countries = {country(w) for w in known} - {None}
    return all(t.lower_ in known or country(t.text) in countries for t in extra)


def _link_unnamed(ctx: Ctx, si: int, head: "Token", own: str, last_of_head: dict[str, str]) -> list[str]:
    """'a spokeswoman for the company' after 'The company said …': "the company" is that unnamed
    organisation, recorded as its mention; returns its key, for the spokeswoman's membership. ``own``
    is the key of the phrase's own source."""
    linked: list[str] = []
    for prep in head.rights:
        if prep.dep_ != "prep" or prep.lower_ not in ("for", "at", "of", "with"):
            continue
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            key = last_of_head.get(pobj.lemma_.lower())
            dets = [c.lower_ for c in pobj.lefts if c.dep_ == "det"]
            inside = ctx.mention_at(si, pobj.i)
            if key is None or dets != ["the"] or (inside is not None and inside.key != own) \
                    or ctx.entity_info.get(key, {}).get("type") != "Organization":
                continue
            first = next(c for c in pobj.lefts if c.dep_ == "det")
            start, end = ctx.char_span(si, first, pobj)
            ctx.add_mention(RawMention(si, first.i, pobj.i + 1, start, end, ctx.document.text[start:end], "SOURCE",
                                       "description", key=key, head_dep=pobj.dep_))
            linked.append(key)
    return linked


#: words for a part or a number of people, a source only with words that say of whom ("many of the
#: mayor's supporters", "those close to the minister", "a number of lawmakers"), and words for people in
#: general, a source only so restricted ("people familiar with the talks", "people who attended")
_QUANTIFIERS = frozenset("some many most several few all both those others number handful dozens hundreds".split())
_RESTRICTED_PEOPLE = frozenset({"people"})
#: prepositions after such a word that say whose part it is or which people ("of", "in the party", "at the
#: bank", "close to the minister")
_RESTRICTING_PREPS = frozenset({"of", "in", "at", "within", "inside", "among", "from", "on", "to", "with"})


def _restricted_group(ctx: Ctx, si: int, head: "Token", verb: "Token") -> bool:
    """Rule ``restricted-group``: a subject that names a part or a number of people by words that say of
    whom or which ('many of the mayor's supporters say', 'those close to the minister say', 'people
    familiar with the talks said', 'a number of lawmakers argued') is a group of its own in the document
    (``Group``, the phrase as label); alone ('some say', 'many believe', 'people think', 'those who
    believe …') it names no one. ``verb`` is the verb of attribution. Returns whether ``head``
    is such a word (and records the group when it is restricted)."""
    low = head.lower_
    if not ((low in _QUANTIFIERS and head.pos_ in ("PRON", "DET", "ADJ", "NOUN"))
            or (head.lemma_.lower() in _RESTRICTED_PEOPLE and head.pos_ == "NOUN")) or ctx.covered(si, head.i):
        return False
    last = None
    for c in head.rights:
        if c.dep_ == "prep" and c.lower_ in _RESTRICTING_PREPS:
            pobj = [o for o in c.children if o.dep_ == "pobj"]
            if c.lower_ == "of" and not (pobj and (pobj[0].tag_ in ("NNS", "NNPS", "WP")
                                                   or pobj[0].lower_ in ("them", "us"))):
                break  # "most of the money": a part of no people
            last = max(c.subtree, key=lambda t: t.i)
        elif c.dep_ in ("amod", "acl", "relcl") and c.i > head.i and verb not in c.subtree:
            # "those close to the minister", "people who attended"; not "those who believe …" of "believe" itself
            last = max(c.subtree, key=lambda t: t.i)
        else:
            continue
        break
    if last is None or last.i - head.i > 12:
        return True
    first = min((t.left_edge for t in head.lefts if t.dep_ in ("det", "amod", "advmod", "nummod")),
                key=lambda t: t.i, default=head)
    start, end = ctx.char_span(si, first, last)
    label = ctx.document.text[start:end]
    key = f"Group/{label.lower()}@{ctx.document.id}/{start}"
    info = ctx.entity_info.setdefault(key, {"type": "Group", "labels": Counter(), "wikidata": None,
                                            "code": None, "nationality": None, "source": True})
    info["labels"][label] += 1  # type: ignore[index]
    ctx.add_mention(RawMention(si, first.i, last.i + 1, start, end, label, "SOURCE", "description",
                               key=key, head_dep=head.dep_))
    return True


def find_sources(ctx: Ctx) -> tuple[Relation, ...]:
    """Add a mention (and, for an unnamed source, an entity) for each source phrase of an attribution
    that no earlier stage resolved; return the memberships of unnamed sources."""
    relations: list[Relation] = []
    doc_id = ctx.document.id
    last_of_head: dict[str, str] = {}  # head lemma -> key of the last unnamed source with it
    for si in range(len(ctx.segments)):
        relatives: list[tuple["Token", "Token"]] = []
        for verb, head in speech_subjects(ctx, si):
            if head.tag_ in ("WP", "WDT") and head.lower_ in _RELATIVES and head.head.dep_ == "relcl" \
                    and not ctx.covered(si, head.i):
                relatives.append((head, head.head.head))  # "Ann Lee, who said …": the noun "who" stands for
                head = head.head.head
            if head.pos_ == "PRON" and head.lower_ in _PRONOUN_CLASSES and not ctx.covered(si, head.i):
                _pronoun_source(ctx, si, head)
                continue
            if _restricted_group(ctx, si, head, verb):
                continue
            # "Democrats say": the members of a party or a faith, not a people, speak as a group
            party = head.ent_type_ == "NORP" and head.tag_ in ("NNS", "NNPS") and not is_people_word(head.text)
            if ctx.covered(si, head.i) or head.pos_ not in ("NOUN", "PROPN") or head.ent_type_ == "DATE" \
                    or (head.ent_type_ == "NORP" and not party):
                continue
            if is_people_word(head.text):
                continue  # "Englishmen": a nationality is not a source of its own
            if head.pos_ == "PROPN" and not party and (head.ent_type_ or source_class(head) is None):
                continue  # a name the NER left out is a source only when its head noun names a kind of speaker
            if any(c.dep_ == "appos" and ctx.mention_at(si, c.i) is not None for c in head.children):
                continue  # "Amnesty's director, Irungu Houghton, said": the name in apposition speaks
            if head.tag_ == "NNS" and head.lemma_.lower() in _ORG_SOURCES and any(
                    c.dep_ == "det" and c.lower_ in ("the", "both") for c in head.children):
                continue  # "the companies said": the bodies named before, not a new group
            first, last = _phrase(head)
            if any(ctx.covered(si, i) for i in range(first.i, head.i)) and not any(
                    c.dep_ in ("poss", "compound") for c in head.lefts):
                continue
            words = list(head.doc[first.i:last.i + 1])
            det = next((c.lower_ for c in head.lefts if c.dep_ in ("det", "nummod", "amod") and c.i == first.i), "")
            start, end = ctx.char_span(si, first, last)
            text = ctx.document.text[start:end]
            if det == "the" and head.tag_ == "NN":
                person = _recent_person(ctx, si, head, person_noun_gender(head.lower_)) \
                    if head.lemma_.lower() in _PERSON_SOURCES and not [c for c in head.rights if c.dep_ == "prep"] \
                    and not _of_a_body(ctx, si, head) else None
                if person is not None:
                    ctx.add_mention(RawMention(si, first.i, last.i + 1, start, end, text, person.label,
                                               "description", key=person.key, head_dep=head.dep_))
                    continue
            cls = source_class(head) or ("Group" if party else _kind_of_speaker(head))
            if cls is None:
                continue
            label = _label(words)
            if not label:
                continue
            lemma = _lexicon_lemma(head)[0]
            key = None
            if det == "the" and lemma in last_of_head and not any(c.dep_ == "prep" for c in head.rights) \
                    and _same_source(ctx, last_of_head[lemma], words, head):
                key = last_of_head[lemma]  # "the source" after "a source"
            if key is None:
                local = f"{doc_id}/{start}" if det in _INDEFINITE else doc_id
                key = f"{cls}/{label.lower()}@{local}"
            info = ctx.entity_info.setdefault(key, {"type": cls, "labels": Counter(), "wikidata": None,
                                                    "code": None, "nationality": None, "source": True})
            info["labels"][label] += 1  # type: ignore[index]
            ctx.add_mention(RawMention(si, first.i, last.i + 1, start, end, text, "SOURCE", "description",
                                       key=key, head_dep=head.dep_))
            last_of_head[lemma] = key
            if cls == "Person":  # an org:Membership has one person as member
                sent = ctx.sentences[ctx.sentence_of(si, head)]
                for org in _linked(ctx, si, head, first, last) + _link_unnamed(ctx, si, head, key, last_of_head):
                    relations.append(Relation(key, "memberOf", org, sent.index, sent.start, sent.end,
                                              role=lemma, confidence=0.7, rule="source-role"))
        for pron, noun in relatives:  # the relative pronoun is a mention of what it stands for
            m = ctx.mention_at(si, noun.i)
            if m is not None and m.key and not ctx.covered(si, pron.i):
                start, end = ctx.char_span(si, pron, pron)
                ctx.add_mention(RawMention(si, pron.i, pron.i + 1, start, end, pron.text, m.label, "pronoun",
                                           key=m.key, head_dep=pron.dep_))
    return tuple(relations)


def drop_silent_sources(ctx: Ctx, relations: tuple[Relation, ...], quotes: tuple[Quote, ...],
                        events: tuple[Event, ...]) -> tuple[Relation, ...]:
    """Remove the unnamed sources no quote, statement or event has as speaker or participant ("the
    company continued to grow": the company said nothing), and return the memberships of those kept."""
    used = {q.speaker for q in quotes} | {p.entity for e in events for p in e.participants}
    silent = {k for k, v in ctx.entity_info.items() if v.get("source") and k not in used}
    if silent:
        ctx.mentions = [m for m in ctx.mentions if m.key not in silent]
        ctx.reindex_mentions()
        for key in silent:
            del ctx.entity_info[key]
    return tuple(r for r in relations if r.subject not in silent)
