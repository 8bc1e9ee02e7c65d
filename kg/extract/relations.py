"""Relations between two entities of one sentence, each with its evidence.

Every rule reads spaCy's parse (or the order of the words, for lines with little syntax) and never a
phrase of one article; each has a stable name, listed in :data:`RULES`, that the relation carries
(``Relation.rule``, ``kg:rule`` in the graph). The predicates are the relation vocabulary of
``ontology/kg.ttl`` (:data:`PREDICATES`): typed where the words say what the link is, and the open
relation ``relatedTo`` (with its verb and preposition) for any other verb linking two entities in
one clause, so that no evidenced link is dropped for want of a name.

What a relation's clause says of it comes from :func:`kg.extract.modality.modality_of`: "did not meet"
is negated, "plans to buy" planned; only an asserted, not negated relation becomes a direct triple in
the graph (:attr:`kg.types.Relation.asserted`); the others are kept as statements.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date
from typing import TYPE_CHECKING, Iterable, Iterator

from kg.extract.context import Ctx, RawMention
from kg.extract.events import date_of
from kg.extract.lexicon import OFFICE_HEADS, PLACE_NOUNS, REPORTING_VERBS, ROLE_HEADS, ROLE_MODIFIERS
from kg.extract.link import city_countries, country, demonym_country
from kg.extract.modality import modality_of
from kg.extract.speech import gender_of_person
from kg.types import Event, Quote, Relation, TimeValue

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["PREDICATES", "RULES", "find_relations"]

#: The relation vocabulary (local names in ``ontology/kg.ttl``) with (subject, object) entity classes.
PREDICATES: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
_ACTOR = frozenset({"Person", "Organization", "Country"})
_PLACE = frozenset({"Country", "City", "Place"})
_AREA = frozenset({"City", "Place"})
_ORGS = frozenset({"Organization"})
_PEOPLE = frozenset({"Person"})
_ANY = frozenset({"Person", "Organization", "Country", "City", "Place"})
PREDICATES.update({
    "locatedIn": (_PLACE, _PLACE), "near": (_AREA, _PLACE),
    "capitalOf": (frozenset({"City"}), frozenset({"Country", "Place"})),
    "headquarteredIn": (_ORGS, _PLACE), "residesIn": (_PEOPLE, _PLACE), "bornIn": (_PEOPLE, _PLACE),
    "citizenOf": (_PEOPLE, frozenset({"Country"})), "memberOf": (_PEOPLE, _ORGS | {"Country"}),
    "leaderOf": (_PEOPLE, _ORGS | _PLACE), "founderOf": (_PEOPLE | _ORGS, _ORGS),
    "partOf": (_ORGS, _ORGS | {"Country"}), "subsidiaryOf": (_ORGS, _ORGS), "ownedBy": (_ORGS, _ACTOR),
    "spouseOf": (_PEOPLE, _PEOPLE), "relativeOf": (_PEOPLE, _PEOPLE),
    "killed": (_ACTOR, _PEOPLE), "attacked": (_ACTOR, _ANY), "defeated": (_ACTOR, _ACTOR),
    "opposes": (_ACTOR, _ACTOR), "metWith": (_ACTOR, _ACTOR), "agreedWith": (_ACTOR, _ACTOR),
    "negotiatedWith": (_ACTOR, _ACTOR), "criticized": (_ACTOR, _ACTOR), "supports": (_ACTOR, _ACTOR),
    "visited": (_ACTOR, _PLACE), "statedAbout": (_ACTOR, _ANY), "replaced": (_ACTOR, _ACTOR),
    "heldIn": (frozenset({"NamedEvent"}), _PLACE), "participantIn": (_ACTOR, frozenset({"NamedEvent"})),
    "relatedTo": (_ANY, _ANY),
})

#: Rule name -> what it reads. Every relation carries one of these names.
RULES: dict[str, str] = {
    "place-comma-place": "a place named after another and a comma ('Armonk, N.Y.', 'Manchester, England')",
    "place-in-place": "a place with 'in' another ('Kerala state in southern India', 'X, an island nation in Y', "
                      "'the Royal Theatre, in Leeds'), or a noun of settlement between them ('the Kenyan city of X', "
                      "'the West Bank towns of X and Y')",
    "place-near-place": "a place with 'near' or a point of the compass and 'of' another ('Ashford, south-west of "
                        "Canterbury', 'a village near X')",
    "capital": "'capital' between a city and a country ('Nairobi, the capital of Kenya', "
               "'Peru's capital Lima', 'X is the capital of Y')",
    "based-in": "'based' or 'headquartered' ('the Paris-based agency', 'X, which is based in Y')",
    "org-of-place": "an organisation followed by 'of' or 'in' a place ('Xerox Corp. of Stamford'), a place "
                    "modifying an organisation ('the Sydney company X', 'Brazil's Petrobras'), or an organisation "
                    "named after its country or a place the article names ('the U.S. Congress', 'Radio New Zealand', "
                    "'the Sydney Weather Bureau')",
    "person-of-place": "a person followed by 'of' or 'from' a place ('John Smith of Boston', 'X, 34, of Y')",
    "person-of-org": "a person followed by 'of' or 'from' an organisation ('Senator X of the Budget Committee')",
    "native": "'native', 'home', 'hometown', 'birthplace' ('X, a native of Y', 'Chicago native X', 'his home in Y', "
              "'X's Ohio home', 'his native Y')",
    "nationality": "a nationality adjective or a country before a person's title ('Australian Prime Minister "
                   "X', 'the French striker X') or an organisation's ('the British cybersecurity firm X'), or a "
                   "country in brackets after a name ('X (Australia)')",
    "title": "an organisation and an occupation before a name ('retired Premier League goalkeeper X'); an "
             "organisation's owner ('Blue Tongue Helicopters owner, X', 'X, the owner of Y': ownedBy)",
    "possessive": "a place or organisation in the possessive before a person, organisation or place "
                  "('Australia's X', 'Manchester United's X', 'Rome's Piazza Navona', 'Australia's biggest pay "
                  "television operator, X', 'the company's X'); a person's own organisation ('X and his Fatah "
                  "movement')",
    "part-of": "'a unit / subsidiary / division / part of' ('X, a unit of Y'); the members of a team named after "
               "its country or club ('the United States team of X and Y')",
    "apposition": "a person's apposition or predicate noun naming where they work or come from ('X, an "
                  "economist with Y', 'X is a major in Y', 'X, a Republican from Y', 'X, a Dutch businessman')",
    "kin": "a family word between two people ('his son X', 'X's wife Y', 'Y, the widow of X')",
    "role": "a title or an apposition naming a person's office in an organisation or country (kg.extract.roles); "
            "heads of state, government or organisation also lead it (leaderOf), founders found it (founderOf); "
            "titles in a list after one organisation; a government named after its leader ('the Howard Government')",
    "source-role": "an unnamed source's office ('a spokesman for X') (kg.extract.sources)",
    "verb": "subject, verb and object (or verb and preposition) naming a typed link ('X beat Y', 'X was born "
            "in Y', 'X founded Y', 'X lives in Y')",
    "verb-open": "any other verb linking two entities of one clause (relatedTo, with the verb and preposition)",
    "noun": "a noun of conflict between two parties ('one country's war against X', 'sanctions on X', "
            "'X's match against Y', 'X v Y'), or of the one who killed ('Y's assassin, X', 'X, the killer of Y')",
    "named-event": "a named event and where it is held ('the Sydney Olympics', 'the Commonwealth Games in Manchester') or "
                   "who takes part ('Australia's Davis Cup campaign', 'Wimbledon semi-finalist X', 'X won the Hopman "
                   "Cup', 'X swam at the Commonwealth Games')",
    "results": "a results line ('X 2 Y 1'): the side with more goals or points defeated the other",
    "statement": "a speaker and each entity named in what they said (kg's quotes and reported speech): "
                 "statedAbout",
    "event": "an event projected onto its parties: an attack's agent and target, a win's winner and loser, "
             "a meeting's participants pairwise, an agreement's parties, a condemnation, an acquisition",
}

_CONFIDENCE = {"place-comma-place": 0.85, "place-in-place": 0.75, "place-near-place": 0.75, "person-of-org": 0.6,
               "capital": 0.9, "based-in": 0.9,
               "org-of-place": 0.6, "person-of-place": 0.65, "native": 0.8, "nationality": 0.8,
               "possessive": 0.6, "part-of": 0.8, "apposition": 0.7, "kin": 0.8, "role": 0.8, "verb": 0.75, "verb-open": 0.5,
               "noun": 0.65, "named-event": 0.7, "results": 0.85, "title": 0.7, "event": 0.7,
               "statement": 0.7}

# --- words ------------------------------------------------------------------------------------------
#: verb lemma (and preposition, "" for a direct object) -> (predicate, inverse): the object is the
#: subject of the relation when ``inverse``
_VERBS: dict[tuple[str, str], tuple[str, bool]] = {}
for _lemma in ("kill", "murder", "assassinate", "slay", "execute", "behead", "strangle", "stab"):
    _VERBS[(_lemma, "")] = ("killed", False)
for _lemma in ("attack", "bomb", "invade", "raid", "shell", "strike", "shoot", "ambush", "assault", "target"):
    _VERBS[(_lemma, "")] = ("attacked", False)
for _lemma in ("beat", "defeat", "overcome", "rout", "thrash", "edge", "oust", "upset", "eliminate", "outplay"):
    _VERBS[(_lemma, "")] = ("defeated", False)
_VERBS[("lose", "to")] = ("defeated", True)
_VERBS[("fall", "to")] = ("defeated", True)
_VERBS[("win", "against")] = ("defeated", False)
_VERBS[("win", "over")] = ("defeated", False)
for _lemma in ("oppose", "fight", "sue", "sanction", "challenge", "face", "play"):
    _VERBS[(_lemma, "")] = ("opposes", False)
_VERBS[("fight", "against")] = ("opposes", False)
_VERBS[("fight", "alongside")] = ("supports", False)  # allies
_VERBS[("play", "against")] = ("opposes", False)
_VERBS[("draw", "with")] = ("opposes", False)
_VERBS[("take", "on")] = ("opposes", False)  # "Australia will take on France"
_VERBS[("tie", "with")] = ("opposes", False)
_VERBS[("meet", "")] = ("metWith", False)
_VERBS[("meet", "with")] = ("metWith", False)
_VERBS[("talk", "with")] = ("metWith", False)
for _prep in ("to", "with"):  # "X talked to Y", "X spoke with Y"
    _VERBS[("talk", _prep)] = ("metWith", False)
    _VERBS[("speak", _prep)] = ("metWith", False)
for _lemma in ("brief", "interview", "visit", "host"):  # a person or a body, not a place ("received" X: admitted, too)
    _VERBS[(_lemma, "")] = ("metWith", False)
for _lemma in ("succeed", "replace"):  # "X succeeded Y", "Y will be replaced by X"
    _VERBS[(_lemma, "")] = ("replaced", False)
_VERBS[("take", "from")] = ("replaced", False)  # "X took over from Y"
_VERBS[("agree", "with")] = ("agreedWith", False)
_VERBS[("sign", "with")] = ("agreedWith", False)
_VERBS[("negotiate", "with")] = ("negotiatedWith", False)
for _lemma in ("criticize", "criticise", "condemn", "denounce", "slam", "blast", "accuse", "blame", "rebuke"):
    _VERBS[(_lemma, "")] = ("criticized", False)
for _lemma in ("support", "back", "endorse", "defend", "praise", "help", "aid", "assist"):
    _VERBS[(_lemma, "")] = ("supports", False)
_VERBS[("marry", "")] = ("spouseOf", False)
_VERBS[("marry", "to")] = ("spouseOf", False)
for _lemma in ("found", "establish", "create", "form", "launch", "co-found", "cofound"):
    _VERBS[(_lemma, "")] = ("founderOf", False)
for _lemma in ("head", "lead", "run", "chair", "command", "manage", "direct", "rule", "govern", "coach",
               "captain", "skipper", "operate"):
    _VERBS[(_lemma, "")] = ("leaderOf", False)
for _lemma in ("join", "represent"):
    _VERBS[(_lemma, "")] = ("memberOf", False)
for _prep in ("for", "at", "with"):
    _VERBS[("work", _prep)] = ("memberOf", False)
_VERBS[("play", "for")] = ("memberOf", False)
for _prep in ("at", "in"):
    _VERBS[("teach", _prep)] = ("memberOf", False)
    _VERBS[("lecture", _prep)] = ("memberOf", False)
_VERBS[("employ", "")] = ("memberOf", True)  # "X employs Y", "Y is employed by X"
_VERBS[("serve", "in")] = ("memberOf", False)
_VERBS[("serve", "on")] = ("memberOf", False)
for _lemma in ("buy", "acquire", "purchase", "own", "control"):
    _VERBS[(_lemma, "")] = ("ownedBy", True)
_VERBS[("take", "over")] = ("ownedBy", True)
for _prep in ("in", "at"):
    _VERBS[("live", _prep)] = ("residesIn", False)
    _VERBS[("reside", _prep)] = ("residesIn", False)
    _VERBS[("settle", _prep)] = ("residesIn", False)
    _VERBS[("bear", _prep)] = ("bornIn", False)
    _VERBS[("base", _prep)] = ("headquarteredIn", False)
    _VERBS[("headquarter", _prep)] = ("headquarteredIn", False)
_VERBS[("grow", "up")] = ("residesIn", False)
_VERBS[("hail", "from")] = ("residesIn", False)
_VERBS[("come", "from")] = ("residesIn", False)

#: nouns for the one who killed: "Kennedy's assassin, X", "X, the killer of Y"
_KILLER_NOUNS = frozenset({"assassin", "killer", "murderer", "slayer", "gunman"})
#: verbs of travel and the prepositions that name where one went
_TRAVEL_VERBS = {"visit": (), "tour": ("in",), "arrive": ("in", "at"), "travel": ("to",), "fly": ("to", "into"),
                 "go": ("to",), "return": ("to", "from"), "head": ("to", "for"), "come": ("to",), "land": ("in", "at"),
                 "stop": ("in",), "call": ("to",), "enter": ("into",), "reach": (), "flee": ("to", "into"), "sail": ("to", "into"),
                 "move": ("to",), "cross": ("into",), "evacuate": ("to",)}
for _lemma in ("raft", "paddle", "canoe", "kayak", "hike", "trek", "walk", "drive", "ride"):  # "rafting down the X"
    _TRAVEL_VERBS[_lemma] = ("down", "up", "along", "across", "through", "to", "into")
#: verbs that link no two parties by themselves (copula, light verbs, speech about someone)
_NO_OPEN = frozenset({"be", "have", "do", "say", "add", "tell", "become", "seem", "appear", "include", "get",
                      "make", "let", "see", "know", "think", "believe", "expect", "want", "need"})
_KIN = {"wife": "spouseOf", "husband": "spouseOf", "spouse": "spouseOf", "widow": "spouseOf",
        "widower": "spouseOf", "fiancee": "spouseOf", "fiance": "spouseOf", "partner": None}
_RELATIVES = frozenset("""son daughter father mother brother sister uncle aunt nephew niece cousin grandson
    granddaughter grandfather grandmother stepson stepdaughter stepfather stepmother child children sons
    daughters brothers sisters parents parent""".split())
_PART_NOUNS = {"unit": "subsidiaryOf", "subsidiary": "subsidiaryOf", "division": "partOf", "arm": "partOf",
               "branch": "partOf", "wing": "partOf", "affiliate": "subsidiaryOf", "part": "partOf",
               "member": "partOf", "faction": "partOf", "department": "partOf", "offshoot": "partOf"}
_CONFLICT_NOUNS = frozenset("""war campaign fight struggle battle match game clash final semifinal semi-final
    quarterfinal quarter-final tie fixture sanction sanctions embargo lawsuit suit case rivalry conflict
    boycott offensive dispute test series encounter derby rubber bout showdown""".split())
#: titles of those who lead what they hold ("captain" is left out: a rank as often as a team's leader)
_LEADER_WORDS = frozenset("""president premier chancellor king queen emperor monarch sultan emir leader chairman
    chairwoman chairperson chair ceo head chief mayor governor commander coach director-general
    secretary-general""".split())
#: of those, the titles that lead a country itself ("Dutch commander X", "Kenyan governor X", "rebel leader X"
#: hold office in the country, not over it)
_HEAD_OF_STATE_WORDS = frozenset("""president premier chancellor king queen emperor monarch sultan emir""".split())
_LEADER_TITLES = frozenset({"prime minister", "chief executive", "chief executive officer", "managing director",
                            "director general", "secretary general", "first minister", "party leader"})
_GOVERNMENT_WORDS = frozenset("""ministry department army navy police parliament embassy government council
    agency forces court senate congress cabinet administration office commission service military
    consulate legislature assembly bureau troops soldiers marines""".split())
#: last words of companies' names: "X Inc. in New York" is based there
_COMPANY_ENDS = frozenset("""inc inc. corp corp. co co. ltd ltd. plc llc ag sa nv bv gmbh group bank holdings
    corporation company partners associates""".split())
_ARMED = frozenset("forces troops soldiers marines army military navy police militia".split())
_ORG_NOUNS = frozenset("""company firm bank group club team side newspaper paper airline carrier university
    hospital council police agency broadcaster network maker manufacturer producer retailer insurer
    lender operator developer startup start-up charity party union""".split())
_SCORE = re.compile(r"^\d{1,3}$")
_PERSONAL = frozenset({"he", "she", "him", "her", "his"})


class _Found:
    """The relations found in one document, one per (subject, predicate, object, sentence)."""

    def __init__(self, ctx: Ctx, published: date | None) -> None:
        self.ctx = ctx
        self.published = published
        self.items: dict[tuple[str, str, str, int], Relation] = {}
        self._heads: dict[tuple[str, ...], list[tuple[int, "Token", str, RawMention]]] = {}

    def mention_heads(self, kinds: tuple[str, ...] = ("name", "surname", "demonym")
                      ) -> list[tuple[int, "Token", str, RawMention]]:
        """:func:`_mention_heads`, found once per document (every rule walks them; the mentions do not change
        while the relations are read)."""
        found = self._heads.get(kinds)
        if found is None:
            found = self._heads[kinds] = list(_mention_heads(self.ctx, kinds))
        return found

    def type_of(self, key: str) -> str:
        return str(self.ctx.entity_info.get(key, {}).get("type", ""))

    def fits(self, subject: str, predicate: str, obj: str, verb: str | None = None) -> bool:
        subj_types, obj_types = PREDICATES[predicate]
        if predicate in ("defeated", "opposes") and self.type_of(subject) == self.type_of(obj) in _AREA:
            return subject != obj  # two sides named after their towns or counties ("Leicestershire beat Somerset")
        if predicate == "metWith" and verb in ("visit", "enter", "reach") and self.type_of(obj) not in _PEOPLE | _ORGS:
            return False  # "X visited Peru": a place (kg:visited), not a meeting
        if predicate == "killed" and verb is not None:
            obj_types = obj_types | _AREA  # one assassinates a person, whatever the tagger took the name for
        return subject != obj and self.type_of(subject) in subj_types and self.type_of(obj) in obj_types

    def add(self, si: int, anchor: "Token", subject: str, predicate: str, obj: str, rule: str, *,
            clause: "Token | None" = None, verb: str | None = None, preposition: str | None = None,
            role: str | None = None, modality: tuple[str, bool, str | None] | None = None,
            when: TimeValue | None = None) -> bool:
        """Keep one relation if its classes fit its predicate; ``clause``: the word whose clause it is
        (its modality, hedge and date are read there)."""
        if not self.fits(subject, predicate, obj, verb):
            return False
        sent = self.ctx.sentence_of(si, anchor)
        if sent < 0:
            return False
        s = self.ctx.sentences[sent]
        kind, negated, hedge = "asserted", False, None
        if modality is not None:
            kind, negated, hedge = modality
        elif clause is not None:
            m = modality_of(clause)
            kind, negated, hedge = m.kind, m.negated, m.hedge
            when = date_of(self.ctx, si, clause, self.published)[0]
        key = (subject, predicate, obj, sent)
        old = self.items.get(key)
        if old is not None and (old.asserted or not (kind == "asserted" and not negated)):
            return True
        self.items[key] = Relation(subject, predicate, obj, sent, s.start, s.end, role=role, hedge=hedge,
                                   confidence=_CONFIDENCE.get(rule, 0.6), rule=rule, modality=kind,
                                   negated=negated, date=when, verb=verb, preposition=preposition)
        return True

    def linked(self, a: str, b: str, sent: int) -> bool:
        return any(k[3] == sent and {k[0], k[2]} == {a, b} and k[1] != "relatedTo" for k in self.items)


# --- entities of tokens -----------------------------------------------------------------------------
def _key(ctx: Ctx, si: int, tok: "Token") -> str | None:
    """The entity a token names: a name, a description coreference resolved, or "he"/"she"."""
    m = ctx.mention_at(si, tok.i)
    if m is None or m.key is None:
        return None
    if m.kind == "pronoun" and tok.lower_ not in _PERSONAL:
        return None
    return m.key


def _entity(ctx: Ctx, si: int, tok: "Token") -> str | None:
    """The entity a noun phrase headed by ``tok`` names: the token's own, a relative pronoun's antecedent
    ("X, who …"), or a name in apposition ("the company, X,")."""
    key = _key(ctx, si, tok)
    m = ctx.mention_at(si, tok.i)
    if key is not None and m is not None and m.tok_start >= 2 and tok.doc[m.tok_start - 1].text == "(" \
            and m.tok_end < len(tok.doc) and tok.doc[m.tok_end].text == ")":
        # "X ( Netherlands ) beat Y": a name in brackets glosses the one before it, which the parser may skip
        outer = ctx.mention_at(si, m.tok_start - 2)
        return outer.key if outer is not None and outer.tok_end == m.tok_start - 1 else None
    if key is not None:
        return key
    if tok.lower_ in ("who", "which", "that", "whose") and tok.head.dep_ == "relcl":
        return _key(ctx, si, tok.head.head)
    if tok.lower_ == "whose" and tok.head.head.dep_ == "relcl":  # "X, whose son Y died"
        return _key(ctx, si, tok.head.head.head)
    for c in tok.children:
        if c.dep_ == "appos" and not (c.i > 0 and tok.doc[c.i - 1].text == "("):  # not "X ( Netherlands )"
            k = _key(ctx, si, c)
            if k is not None:
                return k
    if tok.dep_ == "appos" and tok.pos_ == "NOUN":  # "X, a Hong Kong firm,": the firm is X
        k = _key(ctx, si, tok.head)
        if k is not None:
            return k
    if tok.lower_ in _BODIES:  # "joined Acme's board", "the board of X", "the US team": the organisation
        for c in tok.children:
            if c.dep_ in ("poss", "compound") or (c.dep_ == "prep" and c.lower_ == "of"):
                k = _key(ctx, si, c) if c.dep_ != "prep" else next(
                    (_key(ctx, si, p) for p in c.children if p.dep_ == "pobj" and _key(ctx, si, p)), None)
                if k is not None and str(ctx.entity_info.get(k, {}).get("type")) in ("Organization", "Country"):
                    return k
    return None


#: parts of an organisation that stand for it as what one joins, leads or sits on
_BODIES = frozenset("board squad team staff cabinet management ranks payroll".split())


def _with_conj(tok: "Token") -> list["Token"]:
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj":
            out.extend(_with_conj(c))
    return out


def _country_of_demonym(ctx: Ctx, tok: "Token") -> str | None:
    """The country entity of the article that the nationality word(s) ending at ``tok`` name ("South African",
    "Australian"), or None."""
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end and e.label_ == "NORP"), None)
    text = ent.text if ent is not None else tok.text
    link = demonym_country(text)
    if link is None or not link.code:
        return None
    return next(iter(ctx.countries_with_code(link.code)), None)


def _mention_heads(ctx: Ctx, kinds: tuple[str, ...] = ("name", "surname", "demonym")
                   ) -> Iterator[tuple[int, "Token", str, RawMention]]:
    """(segment, head token, entity key, raw mention) of every name mention (or mention of ``kinds``), in order."""
    for m in ctx.mentions:
        if m.seg < 0 or m.key is None or m.kind not in kinds:
            continue
        toks, heads = ctx.tokens(m.seg), ctx.heads(m.seg)
        head = toks[m.tok_end - 1]
        for i in range(m.tok_start, m.tok_end):
            if not m.tok_start <= heads[i] < m.tok_end or heads[i] == i:
                head = toks[i]
                break
        yield m.seg, head, m.key, m


# --- rules ------------------------------------------------------------------------------------------
def _comma_places(f: _Found) -> None:
    """place-comma-place: 'Armonk, N.Y.'; not a list ('Lima, Quito and Bogota')."""
    ctx = f.ctx
    for si, head, key, m in f.mention_heads():
        if f.type_of(key) not in _AREA:
            continue
        doc = ctx.segments[si].doc
        k = m.tok_end
        if k + 1 >= len(doc) or doc[k].text != ",":
            continue
        other = ctx.mention_at(si, k + 1)
        if other is None or other.key is None or other.kind != "name" or other.tok_start != k + 1:
            continue
        after = doc[other.tok_end] if other.tok_end < len(doc) else None
        if after is not None and (after.lower_ in ("and", "or") or (after.text == "," and other.tok_end + 1 < len(doc)
                                  and ctx.mention_at(si, other.tok_end + 1) is not None
                                  and ctx.mention_at(si, other.tok_end + 1).label == other.label)):
            continue  # a list of places
        if any(t.dep_ == "conj" for t in doc[other.tok_start:other.tok_end]):
            continue
        if f.type_of(other.key) not in ("Country", "Place") and not (
                f.type_of(other.key) == "City" and f.type_of(key) == "Place"):  # "Wembley Stadium, London"
            continue
        code = ctx.entity_info.get(other.key, {}).get("code")
        if code and f.type_of(key) == "City":
            homes = city_countries(m.text)
            if homes and code not in homes:
                continue  # a city the gazetteer places in another country: a list, not an address
        f.add(si, head, key, "locatedIn", other.key, "place-comma-place")


_COMPASS = frozenset("north south east west northern southern eastern western central north-east north-west "
                     "south-east south-west northeast northwest southeast southwest northeastern northwestern "
                     "southeastern southwestern part parts outskirts heart".split())


def _pobj_entities(ctx: Ctx, si: int, prep: "Token") -> list[tuple[str, "Token"]]:
    """Entities named by the object of a preposition, through 'the south of X' and coordination."""
    out = []
    for pobj in prep.children:
        if pobj.dep_ != "pobj":
            continue
        for t in _with_conj(pobj):
            k = _entity(ctx, si, t)
            if k is None and t.lower_ in _COMPASS:
                for p2 in t.children:
                    if p2.dep_ == "prep" and p2.lower_ == "of":
                        out.extend(_pobj_entities(ctx, si, p2))
            elif k is not None:
                out.append((k, t))
    return out


def _places_in(f: _Found) -> None:
    """place-in-place: 'Kerala state in southern India', 'a village in X'."""
    ctx = f.ctx
    for si, head, key, m in f.mention_heads():
        if f.type_of(key) not in _PLACE:
            continue
        holders = [head]
        if head.dep_ == "compound" and head.head.lemma_.lower() in PLACE_NOUNS:
            holders.append(head.head)
        holders += [c for c in head.children if c.dep_ == "appos" and c.pos_ == "NOUN"]  # "X, an island in Y"
        found: list[str] = []
        for h in holders:
            for prep in h.children:
                if prep.dep_ == "prep" and prep.lower_ == "in":
                    found.extend(other for other, _ in _pobj_entities(ctx, si, prep))
        doc = ctx.segments[si].doc
        k = m.tok_end
        if k < len(doc) and doc[k].text == ",":
            k += 1  # "the Royal Theatre, in Leeds"
        if k < len(doc) and doc[k].lower_ == "in":  # the parser may hang "in Y" on the verb
            k += 1
            while k < len(doc) and (doc[k].lower_ in ("the", "of", "a") or doc[k].lower_ in _COMPASS):
                k += 1
            other = ctx.mention_at(si, k)
            if other is not None and other.key and other.tok_start == k:
                found.append(other.key)
        for other in found:
            t = f.type_of(other)
            kt = f.type_of(key)
            if other != key and ((t == "Country" and kt in _AREA) or (t in _AREA and kt in _AREA
                                                                      and not (t == "City" and kt == "City"))
                                 or (kt == "Country" and t == "Place")):  # "X, an island nation in the Pacific"
                f.add(si, head, key, "locatedIn", other, "place-in-place")


#: nouns of settlement or territory between a place and one inside it ("capital" is the capital rule's)
_SETTLEMENT_NOUNS = (PLACE_NOUNS - {"capital"}) | {"suburb", "township", "municipality", "shire", "territory",
                                                   "settlement", "borough"}


def _place_nouns(f: _Found) -> None:
    """place-in-place: a country, nationality or place before a noun of settlement or territory, and the
    place that noun is 'of' ('the Kenyan city of X', 'the West Bank towns of X and Y', 'the Australian state
    of X'). ('capital' is the capital rule's.)"""
    ctx = f.ctx
    for si, seg in enumerate(ctx.segments):
        for tok in ctx.tokens(si):
            if tok.pos_ != "NOUN" or tok.lemma_.lower() not in _SETTLEMENT_NOUNS:
                continue
            holders = []
            for c in tok.children:
                if c.dep_ not in ("compound", "amod", "nmod", "poss"):
                    continue
                k = _key(ctx, si, c)
                if k is None and c.ent_type_ == "NORP":
                    k = _country_of_demonym(ctx, c)
                if k is not None and f.type_of(k) in _PLACE:
                    holders.append(k)
            if not holders:
                continue
            for prep in tok.children:
                if prep.dep_ != "prep" or prep.lower_ != "of":
                    continue
                for member, mtok in _pobj_entities(ctx, si, prep):
                    mt = f.type_of(member)
                    for holder in holders:
                        ht = f.type_of(holder)
                        if member != holder and mt in _AREA and (ht != "City" or mt == "Place"):
                            f.add(si, mtok, member, "locatedIn", holder, "place-in-place")


def _near(f: _Found) -> None:
    """place-near-place: 'Ashford, south-west of Canterbury', 'a village north of X', 'X, near Y'."""
    ctx = f.ctx
    for si, head, key, m in f.mention_heads():
        if f.type_of(key) not in _AREA:
            continue
        doc = ctx.segments[si].doc
        k = m.tok_end
        if k < len(doc) and doc[k].text == ",":
            k += 1
        if k + 2 < len(doc) and doc[k].like_num and doc[k + 1].lower_ in _DISTANCE_UNITS:
            k += 2  # "X, 33 miles south of Y"
        if k + 2 < len(doc) and doc[k].lower_ in _COMPASS_POINTS and doc[k + 1].lower_ == "of":
            k += 2
        elif k + 1 < len(doc) and doc[k].lower_ == "near":
            k += 1
        else:
            continue
        while k < len(doc) and doc[k].lower_ == "the":
            k += 1
        other = ctx.mention_at(si, k)
        if other is not None and other.key and other.key != key and other.tok_start == k and f.type_of(other.key) in _PLACE:
            f.add(si, head, key, "near", other.key, "place-near-place")


_DISTANCE_UNITS = frozenset("miles mile km kilometres kilometers kilometre kilometer metres meters".split())
_COMPASS_POINTS = frozenset("""north south east west north-east north-west south-east south-west northeast northwest
    southeast southwest""".split())


def _capitals(f: _Found) -> None:
    """capital: 'Nairobi, the capital of Kenya', 'the Kenyan capital, Nairobi', 'Peru's capital Lima',
    'Nairobi is the capital of Kenya'."""
    ctx = f.ctx
    for si, seg in enumerate(ctx.segments):
        for tok in ctx.tokens(si):
            if tok.lower_ not in ("capital", "capitals") or tok.pos_ != "NOUN":
                continue
            countries: list[str] = []
            for c in tok.children:
                if c.dep_ == "poss" or (c.dep_ in ("compound", "amod", "nmod") and _key(ctx, si, c)):
                    k = _key(ctx, si, c)
                    if k:
                        countries.append(k)
                elif c.dep_ == "prep" and c.lower_ == "of":
                    countries.extend(k for k, _ in _pobj_entities(ctx, si, c))
                elif c.dep_ == "amod" and demonym_country(c.text) is not None:
                    countries.extend(ctx.countries_with_code(demonym_country(c.text).code))  # type: ignore[union-attr]
            cities: list[str] = []
            if tok.dep_ == "appos":
                cities.append(_key(ctx, si, tok.head) or "")
            for c in tok.children:
                if c.dep_ == "appos":
                    cities.append(_key(ctx, si, c) or "")
            if tok.dep_ == "compound":
                cities.append(_key(ctx, si, tok.head) or "")
            if tok.dep_ == "attr" and tok.head.lemma_ == "be":
                cities.extend(_key(ctx, si, s) or "" for s in tok.head.children if s.dep_ == "nsubj")
            for city in filter(None, cities):
                for country in countries:
                    f.add(si, tok, city, "capitalOf", country, "capital")
                    if f.type_of(city) == "City":
                        f.add(si, tok, city, "locatedIn", country, "capital")


def _based(f: _Found) -> None:
    """based-in: 'the Paris-based agency', 'the Stamford, Conn.-based company', 'X, which is based in Y',
    'X is headquartered in Y', 'X, based in Y,'."""
    ctx = f.ctx
    for si in range(len(ctx.segments)):
        doc = ctx.segments[si].doc
        for tok in ctx.tokens(si):
            if tok.lower_ not in ("based", "headquartered", "headquarters"):
                continue
            orgs: list[str] = []
            places: list[str] = []
            hyphen = tok.i >= 2 and doc[tok.i - 1].text in ("-", "–")
            before = ctx.mention_at(si, tok.i - 1) if tok.i >= 1 and not hyphen else None
            bare = before is not None and before.key is not None and before.tok_end == tok.i \
                and f.type_of(before.key) in _PLACE and not any(c.dep_ == "prep" for c in tok.children)
            if hyphen or bare:  # "Paris-based", "a Massachusetts based company"
                m = ctx.mention_at(si, tok.i - 2) if hyphen else before
                if m is not None and m.key:
                    places.append(m.key)
                    n = ctx.mention_at(si, m.tok_start - 2) if m.tok_start >= 2 and doc[m.tok_start - 1].text == "," \
                        else None
                    if n is not None and n.key and f.type_of(n.key) in _AREA:
                        places.append(n.key)  # "the Stamford, Conn.-based company": the city is where it is
                noun = tok.head if tok.head.i > tok.i else None
                while noun is not None and noun.dep_ == "compound" and noun.head.i > noun.i:
                    noun = noun.head
                if noun is not None:
                    k = _entity(ctx, si, noun)
                    if k is None:
                        k = next((_key(ctx, si, c) for c in noun.children if c.dep_ == "compound"
                                  and c.i > tok.i and _key(ctx, si, c)), None)
                    if k is None and noun.dep_ == "appos":
                        k = _key(ctx, si, noun.head)
                    if k is not None:
                        orgs.append(k)
            else:
                for prep in tok.children:
                    if prep.dep_ == "prep" and prep.lower_ in ("in", "at"):
                        places.extend(k for k, _ in _pobj_entities(ctx, si, prep))
                if tok.dep_ in ("acl", "amod") or (tok.dep_ == "appos" and tok.lower_ == "based"):
                    k = _entity(ctx, si, tok.head)
                    if k:
                        orgs.append(k)
                for c in tok.children:
                    if c.dep_ in ("nsubjpass", "nsubj"):
                        orgs.extend(filter(None, (_entity(ctx, si, t) for t in _with_conj(c))))
                if tok.dep_ == "relcl":
                    k = _key(ctx, si, tok.head)
                    if k:
                        orgs.append(k)
            for org in orgs:
                for place in places:
                    f.add(si, tok, org, "headquarteredIn", place, "based-in", clause=tok if tok.pos_ == "VERB" else None)


def _of_place(f: _Found) -> None:
    """org-of-place and person-of-place: 'Xerox Corp. of Stamford', 'the embassy in Nairobi', 'John Smith of
    Boston', 'X, 34, of Y', 'X from Y'; nationality from 'X (Australia)'."""
    ctx = f.ctx
    for si, head, key, m in f.mention_heads():
        t = f.type_of(key)
        if t not in ("Organization", "Person"):
            continue
        doc = ctx.segments[si].doc
        k = m.tok_end
        if t == "Person" and k + 3 < len(doc) and doc[k].text == "," and doc[k + 1].like_num and doc[k + 2].text == ",":
            k += 3  # "X, 34, of Y"
        elif t == "Person" and k + 2 < len(doc) and doc[k].text == "," and doc[k + 1].lower_ == "from":
            k += 1  # "X, from the Y Alliance, says"
        if k + 1 >= len(doc):
            continue
        word = doc[k].lower_
        if word == "(":  # "X (Australia)": a player's country, a club's
            other = ctx.mention_at(si, k + 1)
            if other is not None and other.key and other.tok_start == k + 1 and other.tok_end < len(doc) \
                    and doc[other.tok_end].text == ")" and f.type_of(other.key) == "Country":
                f.add(si, head, key, "citizenOf" if t == "Person" else "headquarteredIn", other.key, "nationality")
            continue
        if word not in ("of", "from", "in", "at"):
            continue
        other = ctx.mention_at(si, k + 1)
        if other is None or other.key is None or other.tok_start != k + 1:
            j = k + 1
            if j < len(doc) and doc[j].lower_ == "the":
                other = ctx.mention_at(si, j + 1)
            if other is None or other.key is None:
                continue
        ot = f.type_of(other.key)
        if ot == "Organization" and t == "Person" and word in ("of", "from", "at"):
            f.add(si, head, key, "memberOf", other.key, "person-of-org")  # "Senator X of the Budget Committee"
            continue
        if ot not in _PLACE:
            continue
        prep = doc[k]
        attached = prep.head.i in range(m.tok_start, m.tok_end) or prep.head == head
        if t == "Organization":
            body = doc[m.tok_end - 1].lower_
            if word == "of" or (word == "in" and attached and ot != "Country"
                                and (body in _GOVERNMENT_WORDS or body in _ORG_NOUNS or body in _COMPANY_ENDS)):
                f.add(si, head, key, "headquarteredIn", other.key, "org-of-place")
        elif word in ("of", "from") and (attached or m.tok_end != k or ot != "Country"):
            # "faced by X from Y": the parser may hang "from" on the verb; right after a name it is where X
            # comes from, unless a country ("deported X from Y")
            f.add(si, head, key, "citizenOf" if ot == "Country" else "residesIn", other.key, "person-of-place")


def _natives(f: _Found) -> None:
    """native: 'X, a native of Y', 'Y native X', 'X, a Y native'."""
    ctx = f.ctx
    for si in range(len(ctx.segments)):
        for tok in ctx.tokens(si):
            if tok.lower_ not in ("native", "natives"):
                continue
            places = [k for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                      for k, _ in _pobj_entities(ctx, si, c)]
            places += [k for c in tok.children if c.dep_ in ("compound", "nmod", "amod") and (k := _key(ctx, si, c))]
            people: list[str] = []
            if tok.dep_ in ("appos", "attr"):
                people.append(_key(ctx, si, tok.head) or "")
                if tok.head.lemma_ == "be":  # "the senator's wife, X, is a native of Y"
                    people.extend(_entity(ctx, si, s) or "" for s in tok.head.children if s.dep_ == "nsubj")
            if tok.dep_ == "compound":
                people.append(_key(ctx, si, tok.head) or "")
            people += [_key(ctx, si, c) or "" for c in tok.children if c.dep_ == "appos"]
            for p in filter(None, people):
                for place in places:
                    f.add(si, tok, p, "bornIn", place, "native")


#: abbreviated titles before a name ("Ohio Gov. X", "Sen. X")
_TITLE_ABBREVIATIONS = frozenset("gov. gov sen. sen rep. rep lt. gen. col. sgt. capt. adm. pres. amb. atty. supt.".split())
#: sportsmen named after the side they play for ("Queensland pace bowler X", "England batsman X")
_PLAYER_WORDS = frozenset("""bowler batsman batter player striker midfielder defender goalkeeper keeper
    wicketkeeper wicket-keeper forward winger captain coach spinner quick paceman""".split())
_HOME_NOUNS = {"home": "residesIn", "hometown": "residesIn", "residence": "residesIn", "birthplace": "bornIn",
               "native": "bornIn"}


def _homes(f: _Found) -> None:
    """native: someone's home, hometown or birthplace ('his home in Larchmont', 'X's Ohio home', 'their
    hometown of Grants', 'Beaumont, Texas, X's hometown', 'his native Ohio')."""
    ctx = f.ctx
    for si in range(len(ctx.segments)):
        for tok in ctx.tokens(si):
            pred = _HOME_NOUNS.get(tok.lower_)
            if pred is None:
                continue
            if tok.lower_ == "native" and tok.dep_ == "amod":  # "his native Ohio"
                place = _key(ctx, si, tok.head)
                owners = [k for c in tok.head.children if c.dep_ == "poss" and (k := _key(ctx, si, c))]
                for o in owners:
                    if place:
                        f.add(si, tok, o, pred, place, "native")
                continue
            if tok.pos_ != "NOUN":
                continue
            owners = [k for c in tok.children if c.dep_ == "poss" and (k := _entity(ctx, si, c))]
            places = [k for c in tok.children if c.dep_ in ("compound", "nmod") and (k := _key(ctx, si, c))]
            places += [k for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "of")
                       for k, _ in _pobj_entities(ctx, si, c)]
            places += [k for c in tok.children if c.dep_ == "appos" and (k := _key(ctx, si, c))]
            if tok.dep_ == "appos":
                places.append(_key(ctx, si, tok.head) or "")
            for o in owners:
                for place in filter(None, places):
                    if f.type_of(place) in _PLACE:
                        f.add(si, tok, o, pred, place, "native")


def _nationalities(f: _Found) -> None:
    """nationality: a country's demonym or name before a person's title ('Australian Prime Minister X',
    'the French striker X', 'German Chancellor X')."""
    ctx = f.ctx
    for si, head, key, m in f.mention_heads():
        kind = f.type_of(key)
        if kind not in ("Person", "Organization") or m.kind != "name":
            continue
        doc = ctx.segments[si].doc
        j = m.tok_start - 1
        words = 0
        while j >= 0 and words < 4 and (doc[j].lower_ in ROLE_HEADS or doc[j].lower_ in ROLE_MODIFIERS
                                         or doc[j].lower_ in _TITLE_ABBREVIATIONS
                                         or (doc[j].pos_ == "NOUN" and doc[j].text.islower())):
            j -= 1
            words += 1
        if j < 0:
            continue
        other = ctx.mention_at(si, j)
        if words == 0 and not (other is not None and other.kind == "demonym" and kind == "Person"):
            continue  # ("fellow Australian X": the nationality right before the name)
        if other is not None and other.key and kind == "Person" and f.type_of(other.key) == "Organization" \
                and other.kind == "name" and other.tok_end == j + 1 and _occupation(doc[m.tok_start - 1]) \
                and doc[m.tok_start - 1].lower_ not in ROLE_HEADS:
            # "retired Premier League goalkeeper X" (titles of ROLE_HEADS are kg.extract.roles')
            f.add(si, head, key, "memberOf", other.key, "title", role=doc[m.tok_start - 1].lower_)
            continue
        country = None
        if other is not None and other.key and f.type_of(other.key) in _AREA and kind == "Person" \
                and other.kind == "name" and other.tok_end == j + 1 and doc[j + 1].tag_ != "POS":
            title = [t.lower_ for t in doc[j + 1:m.tok_start]]
            if not any(w in ("former", "ex", "ex-") or w in _PLAYER_WORDS for w in title) \
                    and (j == 0 or doc[j - 1].lower_ not in ("former", "ex", "ex-")):
                # "Atlanta businessman X", "Ohio Gov. X" live there; "former Kandahar governor X" no longer
                # holds anything there, "Queensland pace bowler X" plays for it
                f.add(si, head, key, "residesIn", other.key, "nationality")
            continue
        if other is not None and other.key and f.type_of(other.key) == "Country":
            country = other.key
        elif doc[j].ent_type_ == "NORP":
            country = _country_of_demonym(ctx, doc[j])
        if country is None or (other is not None and other.kind == "name" and doc[j + 1].tag_ != "POS"
                               and doc[m.tok_start - 1].lower_ not in OFFICE_HEADS):
            # "Germany's X" and nationality adjectives are the person's country; a country named
            # before an occupation ("Brazil coach X") is the team's
            if country is None or not (other is not None and other.kind == "demonym"):
                continue
        if kind == "Person":
            f.add(si, head, key, "citizenOf", country, "nationality")
            title = doc[m.tok_start - 1]
            if title.tag_ in ("NNS", "NNPS") or title.lower_ in ("pair", "duo", "trio", "couple"):
                # "Dutch engineers X and Y", "Americans X and Y", "the Swiss pair X and Y": each one's
                for c in _with_conj(head)[1:]:
                    k2 = _key(ctx, si, c)
                    m2 = ctx.mention_at(si, c.i)
                    if m2 is None or m2.tok_start == 0 or doc[m2.tok_start - 1].text not in (",", "and"):
                        break  # "… and Americans Y": a nationality of Y's own
                    if k2 and f.type_of(k2) == "Person":
                        f.add(si, c, k2, "citizenOf", country, "nationality")
        elif (other is None or other.kind == "demonym" or doc[j].ent_type_ == "NORP") and not _based_before(doc, m):
            f.add(si, head, key, "headquarteredIn", country, "nationality")  # "British cybersecurity firm X"


def _based_before(doc: "Doc", m: RawMention) -> bool:
    """Whether the words before an organisation's name say where it is based ("the Kenya-based Somali news
    agency X"): a stated base wins over a nationality or a place in its name."""
    return any(t.lower_ in ("based", "headquartered") for t in doc[max(0, m.tok_start - 6):m.tok_start])


def _possessives(f: _Found) -> None:
    """possessive: 'Australia's X' (citizenOf), 'Manchester United's X' (memberOf), 'Brazil's Petrobras'
    (headquarteredIn), 'Brazil's Defence Ministry' (partOf)."""
    ctx = f.ctx
    for si, head, key, m in f.mention_heads(("name", "surname", "demonym", "description")):
        if head.dep_ != "poss" or (m.kind == "description" and f.type_of(key) != "Organization"):
            continue
        owned = head.head
        other = _key(ctx, si, owned)
        if other is None and owned.pos_ == "NOUN":
            # "Australia's biggest pay television operator, X", "the league's leading goalkicker, X": the noun
            # says what X is there (not "Israel's arch-enemy, X" or "America's most wanted man, X")
            named = [c for c in owned.children if c.dep_ == "appos" and c.i > owned.i]
            other = _key(ctx, si, named[0]) if len(named) == 1 else None
            if other is None:
                continue
            ot = f.type_of(other)
            low = owned.lower_
            fits = (ot == "Person" and _occupation(owned) and low not in ("man", "woman", "men", "women")) or (
                ot == "Organization" and (low in _ORG_NOUNS or low.endswith(("er", "or")) and low not in _NOT_WORK))
            if not fits:
                continue
            owned = named[0]
        elif other is None or other == key or ctx.mention_at(si, owned.i).kind != "name":  # type: ignore[union-attr]
            continue
        if other == key or (m.kind == "description" and f.type_of(other) != "Person"):
            continue  # "the company's chief executive, X"; "the bureau's X" (the description resolved)
        t, ot = f.type_of(key), f.type_of(other)
        doc = ctx.segments[si].doc
        first = m.tok_start
        if first > 0 and doc[first - 1].text[:1].isupper() and doc[first - 1].is_alpha \
                and (doc[first - 1].pos_ == "PROPN" or not doc[first - 1].is_sent_start):
            continue  # "Harbour Energy's X": the country's name is the end of a longer name
        if ot == "Person" and t == "Country":
            f.add(si, owned, other, "citizenOf", key, "possessive")
        elif ot == "Person" and t == "Organization":
            f.add(si, owned, other, "memberOf", key, "possessive")
        elif ot in _AREA and t in _PLACE and not (ot == "City" and t == "City"):
            f.add(si, owned, other, "locatedIn", key, "possessive")  # "Rome's Piazza Navona"
        elif ot == "Organization" and t in _PLACE:
            if owned.lower_ in _GOVERNMENT_WORDS and t == "Country":
                f.add(si, owned, other, "partOf", key, "possessive")
            if owned.lower_ not in _ARMED:
                f.add(si, owned, other, "headquarteredIn", key, "possessive")
        elif ot == "Organization" and t == "Organization" and owned.lower_ in _GOVERNMENT_WORDS:
            f.add(si, owned, other, "partOf", key, "possessive")


def _own_organisations(f: _Found) -> None:
    """possessive: a person's own organisation by 'his' or 'her' ('Arafat and his Fatah movement', 'X said
    her Labor party would win'): the person belongs to it (the pronoun read as kin reads it)."""
    ctx = f.ctx
    for si, head, key, m in f.mention_heads():
        if f.type_of(key) != "Organization" or m.kind != "name":
            continue
        noun = head if any(c.dep_ == "poss" for c in head.children) else head.head if head.dep_ == "compound" else head
        for c in noun.children:
            if c.dep_ == "poss" and c.lower_ in ("his", "her"):
                person = _possessor(f, si, c)
                if person is not None:
                    f.add(si, c, person, "memberOf", key, "possessive")


def _compound_places(f: _Found) -> None:
    """org-of-place: a place modifying an organisation's name or noun ('the French Foreign Ministry', 'a
    Sydney company, X')."""
    ctx = f.ctx
    for si, head, key, m in f.mention_heads():
        if f.type_of(key) not in _PLACE or head.dep_ not in ("compound", "nmod", "amod"):
            continue
        noun = head.head
        other = _entity(ctx, si, noun)
        if other is None or other == key or f.type_of(other) != "Organization":
            continue
        if noun.lower_ in _GOVERNMENT_WORDS and f.type_of(key) == "Country":
            f.add(si, noun, other, "partOf", key, "org-of-place")  # a country's ministry: part of its state
            if noun.lower_ not in _ARMED:  # soldiers are part of a state's forces, not based anywhere
                f.add(si, noun, other, "headquarteredIn", key, "org-of-place")
        elif noun.lower_ in _ORG_NOUNS or noun.lower_ in _GOVERNMENT_WORDS or _key(ctx, si, noun) == other:
            f.add(si, noun, other, "headquarteredIn", key, "org-of-place")


def _national_names(f: _Found) -> None:
    """org-of-place: an organisation's name that starts with a country's name or nationality and ends with an
    organisation word ('the U.S. Congress', 'the Brazilian Defence Ministry', 'the British Broadcasting
    Corporation'): based in that country (and part of its state for a ministry, army or parliament), when the
    article names the country."""
    ctx = f.ctx
    for si, head, key, m in f.mention_heads():
        if f.type_of(key) != "Organization" or m.kind != "name" or m.tok_end - m.tok_start < 2:
            continue
        doc = ctx.segments[si].doc
        first, last = doc[m.tok_start], doc[m.tok_end - 1]
        words = last.lower_
        if words not in _GOVERNMENT_WORDS and words not in _ORG_NOUNS and words not in ("corporation", "corp", "corp."):
            continue
        link = country(first.text) or demonym_country(first.text)
        code = m.nationality or (link.code if link is not None else None)
        if not code:
            continue  # ("South African police": the group's nationality, read when the mention was made)
        nation = next(iter(ctx.countries_with_code(code)), None)
        inside = doc[m.tok_start + 1:m.tok_end - 1]
        if nation is None or nation == key or any(t.text in ("-", "–") or t.lower_ in ("and", "or") for t in inside):
            continue  # "US-backed forces", "US and Afghan forces": not the country's own
        if words in _GOVERNMENT_WORDS:
            f.add(si, head, key, "partOf", nation, "org-of-place")
        if words not in _ARMED:  # soldiers are part of a state's forces, not based anywhere
            f.add(si, head, key, "headquarteredIn", nation, "org-of-place")


def _place_surfaces(f: _Found, types: frozenset[str]) -> dict[tuple[str, ...], str]:
    """The lower-case words of every name the article gives a place of ``types`` -> that place."""
    surfaces: dict[tuple[str, ...], str] = {}
    for m in f.ctx.mentions:
        if m.key and m.kind == "name" and f.type_of(m.key) in types:
            surfaces.setdefault(tuple(m.text.lower().split()), m.key)
    return surfaces


#: what a state or region has besides ministries and councils ("Queensland Rural Fire Service")
_PLACE_BODIES = frozenset("service services cabinet authority authorities commission tribunal".split())


def _named_after_places(f: _Found) -> None:
    """org-of-place: an organisation named after a place the article names, anywhere in its name ('the
    Sydney Weather Bureau', 'Radio New Zealand', 'the Reserve Bank of India', 'Queensland Cabinet'): based
    there (and part of a country's state for a ministry, army or parliament; only part of it for armed
    forces)."""
    ctx = f.ctx
    surfaces = _place_surfaces(f, _PLACE)
    for k, info in ctx.entity_info.items():
        if info.get("type") in _PLACE:
            for label in info.get("labels") or ():  # type: ignore[union-attr]
                surfaces.setdefault(tuple(str(label).lower().split()), k)
    if not surfaces:
        return
    longest = max(len(s) for s in surfaces)
    surfaces_words = {w for s in surfaces for w in s}
    for si, head, key, m in f.mention_heads():
        if f.type_of(key) != "Organization" or m.kind != "name" or m.tok_end - m.tok_start < 2:
            continue
        doc = ctx.segments[si].doc
        words = [t.lower_ for t in doc[m.tok_start:m.tok_end]]
        if any(w in ("and", "&", "-", "–", "or", "'s", "’s", "for", ",") for w in words) or not doc[m.tok_start].is_title \
                or not doc[m.tok_end - 1].is_alpha or words[-1] in ROLE_HEADS:
            continue  # "US-backed forces", "X and Y Bank", "Institute for Z", "US B-1", "US Magistrate"
        places = {surfaces[tuple(words[i:j])] for i in range(len(words))
                  for j in range(i + 1, min(len(words), i + longest) + 1)
                  if tuple(words[i:j]) in surfaces and j - i < len(words)}
        if _based_before(doc, m):
            continue
        nation = demonym_country(doc[m.tok_start].text)  # "the Australian Stock Exchange"
        if nation is not None and nation.code:
            places.update(ctx.countries_with_code(nation.code))
        last = words[-1]
        for place in places:
            if place == key or (f.type_of(place) == "Place" and last not in _GOVERNMENT_WORDS
                                and last not in _ORG_NOUNS and last not in _PLACE_BODIES):
                continue  # "Pacific Solution", "Antarctic Survey": a region's name is not where a body sits
            if all(w in _COMPASS or w in surfaces_words for w in words):
                continue  # "Western Australia": a place the tagger took for an organisation
            if last in _GOVERNMENT_WORDS and f.type_of(place) == "Country":
                f.add(si, head, key, "partOf", place, "org-of-place")
            if last not in _ARMED:
                f.add(si, head, key, "headquarteredIn", place, "org-of-place")


#: who a named contest has: "Wimbledon semi-finalist X", "the Hopman Cup winner X"
_CONTEST_ROLES = frozenset("""winner winners champion champions finalist finalists semi-finalist semi-finalists
    semifinalist quarter-finalist quarterfinalist medallist medalist medallists runner-up""".split())
#: what a side brings to a named contest: "Australia's Davis Cup campaign"
_CAMPAIGN_NOUNS = frozenset("campaign campaigns team squad bid title hopes defence defense challenge".split())
_WIN_VERBS = frozenset("win retain claim clinch lift".split())
#: verbs of taking part, whose "at" or "in" a named contest is (not "said at the summit")
_COMPETE_VERBS = frozenset("""compete play race swim run ride sail fight serve participate feature appear
    finish score continue return""".split())


def _named_events(f: _Found) -> None:
    """named-event: where a named event is held (a place in its name: 'the Sydney Olympics', 'the Australian
    Championships'; or 'in' after it: 'the Commonwealth Games in Manchester') and who takes part in it."""
    ctx = f.ctx
    surfaces = _place_surfaces(f, frozenset({"Country", "City"}))
    for si, head, key, m in f.mention_heads():
        if f.type_of(key) != "NamedEvent":
            continue
        doc = ctx.segments[si].doc
        words = [t.lower_ for t in doc[m.tok_start:m.tok_end]]
        if not any(w in ("'s", "’s", "to", "and", "-") for w in words):
            for i in range(len(words)):
                for j in range(i + 1, len(words)):
                    place = surfaces.get(tuple(words[i:j]))
                    if place is not None:
                        f.add(si, head, key, "heldIn", place, "named-event")
            nation = demonym_country(doc[m.tok_start].text)
            if nation is not None and nation.code:
                for place in ctx.countries_with_code(nation.code):
                    f.add(si, head, key, "heldIn", place, "named-event")
        k = m.tok_end
        if k + 1 < len(doc) and doc[k].lower_ == "in":
            other = ctx.mention_at(si, k + 1)
            if other is not None and other.key and other.tok_start == k + 1 and f.type_of(other.key) in _PLACE:
                f.add(si, head, key, "heldIn", other.key, "named-event")
        # who takes part
        j = m.tok_end
        while j < len(doc) and doc[j].text.islower() and (doc[j].lower_ in _CONTEST_ROLES or doc[j].text == "-"
                                                          or doc[j].lower_ in ("semi", "quarter", "gold", "silver",
                                                                               "bronze", "singles", "doubles")):
            j += 1
        if j > m.tok_end and doc[j - 1].lower_ in _CONTEST_ROLES:
            if j < len(doc) and doc[j].lower_ in ("sir", "dame", "lord", "lady", "mr", "mrs", "ms", "dr"):
                j += 1
            other = ctx.mention_at(si, j)
            if other is not None and other.key and other.tok_start == j:
                f.add(si, doc[j], other.key, "participantIn", key, "named-event")  # "Wimbledon semi-finalist X"
        noun = head.head if head.dep_ in ("compound", "nmod") else None
        if noun is not None and noun.lower_ in _CAMPAIGN_NOUNS:
            for c in noun.children:
                owner = _entity(ctx, si, c) if c.dep_ == "poss" else None
                if owner is not None:
                    f.add(si, noun, owner, "participantIn", key, "named-event")  # "Australia's Davis Cup campaign"
        target = noun if noun is not None and (noun.lower_ in ("title", "titles", "crown", "trophy", "medal")
                                               or noun.dep_ == "pobj") else head  # "at the X swimming"
        verb = None
        if target.dep_ == "dobj" and target.head.lemma_.lower() in _WIN_VERBS:
            verb = target.head  # "X won the Hopman Cup", "to win her second Hopman Cup title"
        elif target.dep_ == "pobj" and target.head.lower_ in ("at", "in") \
                and target.head.head.lemma_.lower() in _COMPETE_VERBS | _WIN_VERBS:
            verb = target.head.head  # "X swam at the Commonwealth Games"
        if verb is not None:
            for s in _subjects(ctx, si, verb)[0]:
                f.add(si, verb, s, "participantIn", key, "named-event", clause=verb)


def _owners(f: _Found) -> None:
    """title: an organisation's owner before a name ('Blue Tongue Helicopters owner, Helen Gillies') or
    after it ('Helen Gillies, the owner of Blue Tongue Helicopters'): owned by that person."""
    ctx = f.ctx
    for si, head, key, m in f.mention_heads():
        if f.type_of(key) != "Organization" or m.kind != "name":
            continue
        doc = ctx.segments[si].doc
        k = m.tok_end
        if k + 1 < len(doc) and doc[k].lower_ in ("owner", "owners", "co-owner", "proprietor"):
            k += 1
            if doc[k].text == ",":
                k += 1
            other = ctx.mention_at(si, k)
            if other is not None and other.key and other.tok_start == k and f.type_of(other.key) == "Person":
                f.add(si, doc[k], key, "ownedBy", other.key, "title")
        if m.tok_start >= 3 and doc[m.tok_start - 1].lower_ == "of" and doc[m.tok_start - 2].lower_ in (
                "owner", "co-owner", "proprietor"):
            noun = doc[m.tok_start - 2]
            person = _key(ctx, si, noun.head) if noun.dep_ == "appos" else None
            if person is not None and f.type_of(person) == "Person":
                f.add(si, noun, key, "ownedBy", person, "title")


def _governments_named_after_leaders(f: _Found) -> None:
    """role: a government named after the one who leads it ('the Howard Government', 'the Blair
    administration'), when one person of the article has that surname."""
    ctx = f.ctx
    surnames: dict[str, set[str]] = {}
    for k, info in ctx.entity_info.items():
        if info.get("type") == "Person":
            for label in info.get("labels") or ():  # type: ignore[union-attr]
                surnames.setdefault(str(label).split()[-1].lower(), set()).add(k)
    for si, head, key, m in f.mention_heads():
        if f.type_of(key) != "Organization" or m.kind != "name" or m.tok_end - m.tok_start != 2:
            continue
        doc = ctx.segments[si].doc
        first, last = doc[m.tok_start], doc[m.tok_end - 1]
        people = surnames.get(first.lower_, set())
        if last.lower_ in ("government", "administration", "cabinet", "ministry") and len(people) == 1:
            f.add(si, head, next(iter(people)), "leaderOf", key, "role")


def _teams(f: _Found) -> None:
    """part-of: the members of a team, squad or delegation named after its country or organisation ('the United
    States team of X and Y', 'Ajax's squad of X, Y and Z'): memberOf, with the noun as role."""
    ctx = f.ctx
    for si in range(len(ctx.segments)):
        for tok in ctx.tokens(si):
            if tok.lower_ not in ("team", "squad", "delegation", "crew", "side") or tok.pos_ != "NOUN":
                continue
            owners = [k for c in tok.children if c.dep_ in ("compound", "poss", "nmod") and (k := _key(ctx, si, c))
                      and f.type_of(k) in ("Country", "Organization")]
            members = [k for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                       for k, _ in _pobj_entities(ctx, si, c) if f.type_of(k) == "Person"]
            for p in members:
                for o in owners:
                    f.add(si, tok, p, "memberOf", o, "part-of", role=tok.lower_)


def _parts(f: _Found) -> None:
    """part-of: 'X, a unit of Y', 'X is part of Y', 'X, a subsidiary of Y'."""
    ctx = f.ctx
    for si in range(len(ctx.segments)):
        for tok in ctx.tokens(si):
            pred = _PART_NOUNS.get(tok.lower_)
            if pred is None or tok.pos_ != "NOUN":
                continue
            wholes = [k for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                      for k, _ in _pobj_entities(ctx, si, c)]
            wholes += [k for c in tok.children if c.dep_ == "poss" and (k := _key(ctx, si, c))]
            partsof: list[str] = []
            if tok.dep_ == "appos":
                partsof.append(_key(ctx, si, tok.head) or "")
            if tok.dep_ == "attr" and tok.head.lemma_ == "be":
                partsof.extend(_entity(ctx, si, s) or "" for s in tok.head.children if s.dep_ == "nsubj")
            partsof += [_key(ctx, si, c) or "" for c in tok.children if c.dep_ == "appos"]
            for part in filter(None, partsof):
                for whole in wholes:
                    f.add(si, tok, part, pred, whole, "part-of", clause=tok.head if tok.dep_ == "attr" else None)


def _possessor(f: _Found, si: int, poss: "Token") -> str | None:
    """The person a possessive names: a name, 'whose' ('X, whose son Y'), or 'his'/'her' that coreference
    left open, read as the person the phrase is coordinated with ('X and his wife Y') or the person subject
    of its clause ('X, who lost his son Y')."""
    k = _entity(f.ctx, si, poss)
    if k is not None or poss.lower_ not in ("his", "her"):
        return k
    noun = poss.head
    gender = "male" if poss.lower_ == "his" else "female"
    if noun.dep_ == "conj":
        k = _entity(f.ctx, si, noun.head)
        return k if k is not None and f.type_of(k) == "Person" and gender_of_person(f.ctx, k) in (None, gender) \
            else None
    verb = noun
    for _ in range(4):  # "X, who lost his son Y"; "X said his wife Y had left": past a clause Y heads
        while verb.head.i != verb.i and (verb.i == noun.i or verb.pos_ not in ("VERB", "AUX")):
            verb = verb.head
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if len(subjects) != 1 or subjects[0].i == noun.i:  # (tokens are compared by index: spaCy makes new ones)
            if verb.head.i == verb.i or verb.dep_ not in ("ccomp", "xcomp", "advcl", "conj"):
                return None
            verb = verb.head
            continue
        subject = subjects[0]
        if subject.pos_ == "PRON" and subject.lower_ in ("he", "she") and (subject.lower_ == "he") != (gender == "male"):
            return None  # "He met her brother": not his
        k = _entity(f.ctx, si, subject)
        if k is None or f.type_of(k) != "Person" or gender_of_person(f.ctx, k) not in (None, gender):
            return None
        return k
    return None


def _kin(f: _Found) -> None:
    """kin: 'his son X', 'X's wife Y', 'Y, the widow of X', 'X and his wife Y'."""
    ctx = f.ctx
    for si in range(len(ctx.segments)):
        for tok in ctx.tokens(si):
            low = tok.lower_
            if tok.pos_ != "NOUN" or (low not in _KIN and low not in _RELATIVES):
                continue
            pred = _KIN.get(low) if low in _KIN else "relativeOf"
            if pred is None:
                continue
            owners = [k for c in tok.children if c.dep_ == "poss" and (k := _possessor(f, si, c))]
            owners += [k for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                       for k, _ in _pobj_entities(ctx, si, c)]
            kin: list[str] = []
            if tok.dep_ in ("appos", "compound"):
                kin.append(_key(ctx, si, tok.head) or "")
            kin += [_key(ctx, si, c) or "" for c in tok.children if c.dep_ in ("appos", "npadvmod")]
            if tok.dep_ == "attr" and tok.head.lemma_ == "be":
                kin.extend(_key(ctx, si, s) or "" for s in tok.head.children if s.dep_ == "nsubj")
            for a in filter(None, kin):
                for b in owners:
                    if a != b:
                        f.add(si, tok, a, pred, b, "kin", role=low)


def _killers(f: _Found) -> None:
    """noun: 'Kennedy's assassin, X', 'X, the killer of Y', 'X, assassin of Y', 'Y assassin X'; 'X was
    convicted of (suspected of, charged with) the murder of Y' (with the modality of that verb)."""
    ctx = f.ctx
    for si in range(len(ctx.segments)):
        for tok in ctx.tokens(si):
            if tok.lower_ in _KILLING_NOUNS and tok.pos_ == "NOUN":
                _accused_of_killing(f, si, tok)
                continue
            if tok.lower_ not in _KILLER_NOUNS or tok.pos_ != "NOUN":
                continue
            victims = [k for c in tok.children if c.dep_ in ("poss", "compound") and (k := _key(ctx, si, c))]
            victims += [k for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                        for k, _ in _pobj_entities(ctx, si, c)]
            killers = [k for c in tok.children if c.dep_ == "appos" and (k := _key(ctx, si, c))]
            doc = tok.doc
            if not killers and tok.i + 2 < len(doc) and doc[tok.i + 1].text == ",":  # the parser may miss the apposition
                nxt = ctx.mention_at(si, tok.i + 2)
                if nxt is not None and nxt.key and nxt.tok_start == tok.i + 2:
                    killers.append(nxt.key)
            if tok.dep_ in ("appos", "compound"):
                killers.append(_key(ctx, si, tok.head) or "")
            if tok.dep_ == "attr" and tok.head.lemma_ == "be":
                killers.extend(_entity(ctx, si, s) or "" for s in tok.head.children if s.dep_ == "nsubj")
            for a in filter(None, killers):
                for b in victims:
                    f.add(si, tok, a, "killed", b, "noun", verb=tok.lower_, clause=tok.head if tok.dep_ == "attr" else None)


_KILLING_NOUNS = frozenset({"assassination", "murder", "killing", "slaying"})
#: verbs that put a killing on someone, and what they say of it: "convicted of" (a court found it), "suspected
#: of" (alleged), "acquitted of" (denied)
_BLAME_VERBS = {"convict": "asserted", "jail": "asserted", "sentence": "asserted", "imprison": "asserted",
                "execute": "asserted", "confess": "asserted", "admit": "asserted", "suspect": "alleged",
                "accuse": "alleged", "charge": "alleged", "arrest": "alleged", "try": "alleged", "indict": "alleged",
                "plead": "alleged", "deny": "denied", "acquit": "denied"}


def _accused_of_killing(f: _Found, si: int, noun: "Token") -> None:
    """'X was convicted of Y's killing', 'X, suspected of the assassination of Y', 'X denied the murder of Y',
    'the assassination of Y by X'."""
    ctx = f.ctx
    first = noun
    while first.dep_ == "conj" and first.head.i != first.i:  # "the abduction and murder of Y"
        first = first.head
    victims = [k for n in {noun, first} for c in n.children if c.dep_ == "poss" and (k := _key(ctx, si, c))]
    victims += [k for n in {noun, first} for c in n.children if c.dep_ == "prep" and c.lower_ == "of"
                for k, _ in _pobj_entities(ctx, si, c)]
    if not victims:
        return
    killers = [k for c in noun.children if c.dep_ == "prep" and c.lower_ == "by" for k, _ in _pobj_entities(ctx, si, c)]
    clause = noun
    prep = first.head if first.dep_ == "pobj" else None
    verb = prep.head if prep is not None and prep.lower_ in ("of", "for", "with", "in") else \
        first.head if first.dep_ == "dobj" else None
    if verb is not None and verb.pos_ == "NOUN" and verb.dep_ == "pobj" and verb.head.head.lemma_.lower() in _BLAME_VERBS:
        verb = verb.head.head  # "sentenced to life imprisonment for the murder of Y"
    modality = None
    if not killers and verb is not None and verb.lemma_.lower() in _BLAME_VERBS:
        subjects, _ = _subjects(ctx, si, verb)
        killers = subjects
        m = modality_of(verb)
        said = _BLAME_VERBS[verb.lemma_.lower()]  # what the verb says of the killing
        kind = m.kind if m.kind != "asserted" else ("alleged" if said == "alleged" else "asserted")
        modality = (kind, m.negated or said == "denied", m.hedge)
    for a in killers:
        for b in victims:
            f.add(si, noun, a, "killed", b, "noun", verb=noun.lower_, clause=None if modality else clause,
                  modality=modality)


#: nouns for what people are to each other or to a cause, not where they work: "a critic of X", "a fan of Y"
_NOT_WORK = frozenset("""critic critics supporter supporters opponent opponents fan fans follower admirer customer
    customers passenger passengers viewer reader voter user owner partner rival rivals prisoner survivor victim
    victims friend friends ally allies enemy enemies target son daughter wife husband father mother brother sister
    native resident citizen home graduate student alumnus veteran hostage""".split())
_WORK_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "man", "woman", "eer", "ee")


def _occupation(noun: "Token") -> bool:
    low = noun.lower_
    if low in _NOT_WORK or noun.pos_ not in ("NOUN", "PROPN"):
        return False
    return low in ROLE_HEADS or noun.lemma_.lower() in ROLE_HEADS or low.endswith(_WORK_SUFFIXES) \
        or low in ("major", "official", "officials", "staff", "head", "member")


def _appositions(f: _Found) -> None:
    """apposition: a person's apposition or predicate noun naming where they work or live: 'X, an
    economist with Y', 'X, a columnist for Y', 'X is a major in Y' (memberOf, with the noun as role),
    'X, a Republican from Y' (residesIn), 'X, a Dutch businessman' (citizenOf)."""
    ctx = f.ctx
    for si, head, key, m in f.mention_heads():
        if f.type_of(key) != "Person":
            continue
        nouns = [c for c in head.children if c.dep_ == "appos" and (c.pos_ == "NOUN" or (
            c.pos_ == "PROPN" and ctx.mention_at(si, c.i) is None))]  # "X, a Republican from Y"
        if head.dep_ == "appos" and head.head.pos_ == "NOUN" and _key(ctx, si, head.head) is None \
                and ctx.mention_at(si, head.head.i + 1) is None:
            nouns.append(head.head)  # "a Dutch businessman, X" (not "Dutch commander Y and Americans X")
        if head.dep_ == "nsubj" and head.head.lemma_ == "be":
            nouns += [c for c in head.head.children if c.dep_ == "attr" and c.pos_ == "NOUN"]
        for rc in head.children:  # "X, who is a major in Y"
            if rc.dep_ == "relcl" and rc.lemma_ == "be":
                nouns += [c for c in rc.children if c.dep_ == "attr" and c.pos_ == "NOUN"]
        nouns = [t for n in nouns for t in _with_conj(n) if t.pos_ in ("NOUN", "PROPN")]  # "director of X and a member of Y"
        for noun in nouns:
            clause = noun.head if noun.dep_ == "attr" else None
            for c in noun.children:
                k = _key(ctx, si, c) if c.dep_ in ("compound", "amod", "nmod") else None
                if k is None and c.dep_ in ("amod", "compound") and c.ent_type_ == "NORP":
                    k = _country_of_demonym(ctx, c)  # "his South African counterpart, X"
                if k is not None and k != key:
                    t = f.type_of(k)
                    if t == "Country" and noun.lower_ not in _NOT_WORK:
                        f.add(si, noun, key, "citizenOf", k, "apposition", clause=clause)
                    elif t in _AREA and noun.lower_ not in _NOT_WORK:
                        f.add(si, noun, key, "residesIn", k, "apposition", clause=clause)
                    elif t == "Organization" and _occupation(noun):
                        f.add(si, noun, key, "memberOf", k, "apposition", role=noun.lemma_.lower(), clause=clause)
                if c.dep_ != "prep":
                    continue
                word = c.lower_
                ents = _pobj_entities(ctx, si, c)
                if not ents and word == "of":  # "a professor of political science at Y": one level down
                    ents = [(k, t) for p in c.children if p.dep_ == "pobj" and ctx.mention_at(si, p.i) is None
                            for p2 in p.children if p2.dep_ == "prep" and p2.lower_ in ("at", "with", "for")
                            for k, t in _pobj_entities(ctx, si, p2)]
                    word = "at" if ents else word
                for k, _ in ents:
                    t = f.type_of(k)
                    if word == "from" and t in _PLACE:
                        f.add(si, noun, key, "citizenOf" if t == "Country" else "residesIn", k, "apposition",
                              clause=clause)
                    elif word in ("for", "at", "with", "of", "in") and t == "Organization" and _occupation(noun):
                        f.add(si, noun, key, "memberOf", k, "apposition", role=noun.lemma_.lower(), clause=clause)


def _through_places(f: _Found) -> None:
    """What lies in a place also lies in the place that holds it, in the same sentence: 'X of Miami, Fla.'
    lives in Florida too (the rule of the first relation)."""
    within: dict[tuple[str, int], list[str]] = {}
    for (a, p, b, sent) in list(f.items):
        if p == "locatedIn":
            within.setdefault((a, sent), []).append(b)
    if not within:
        return
    for (a, p, b, sent), r in list(f.items.items()):
        if p in ("residesIn", "bornIn", "headquarteredIn", "locatedIn") and r.asserted:
            for outer in within.get((b, sent), ()):
                key = (a, p, outer, sent)
                if key not in f.items and f.fits(a, p, outer):
                    f.items[key] = Relation(a, p, outer, sent, r.start, r.end, role=r.role, hedge=r.hedge,
                                            confidence=round(r.confidence * 0.9, 2), rule=r.rule,
                                            modality=r.modality, negated=r.negated, date=r.date)


def _subjects(ctx: Ctx, si: int, verb: "Token") -> tuple[list[str], bool]:
    """The entities that are the subject of ``verb`` (through coordination, relative clauses, conjoined
    and controlled verbs), and whether the verb is passive."""
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    node = verb
    while not subj and node.dep_ in ("conj", "xcomp", "advcl", "pcomp") and node.head.i != node.i:
        parent = node.head
        if node.dep_ == "pcomp":  # "acted alone in killing X", "the man convicted of murdering X"
            parent = parent.head
            if parent.pos_ not in ("VERB", "AUX"):
                break
            subj = [c for c in parent.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not subj and parent.dep_ in ("acl", "relcl"):
                subj = [parent.head]
        elif node.dep_ == "xcomp":
            objs = [c for c in parent.children if c.dep_ == "dobj"]
            subj = objs or [c for c in parent.children if c.dep_ in ("nsubj", "nsubjpass")]
        elif node.dep_ == "conj":
            subj = [c for c in parent.children if c.dep_ in ("nsubj", "nsubjpass")]
            passive = passive or any(c.dep_ == "nsubjpass" for c in parent.children)
        else:
            break
        node = parent
    if not subj and verb.dep_ in ("acl", "relcl"):
        subj = [verb.head]
    if not subj:  # "Huegill beat Klim": the small model may take a surname before the verb for an adverb or auxiliary
        subj = [c for c in verb.children if c.dep_ in ("advmod", "npadvmod", "dep", "aux") and c.i < verb.i
                and (m := ctx.mention_at(si, c.i)) is not None and m.kind in ("name", "surname")]
    keys = []
    for s in subj:
        for t in _with_conj(s):
            k = _entity(ctx, si, t)
            if k:
                keys.append(k)
    return keys, passive


def _verbs(f: _Found) -> None:
    """verb and verb-open: subject-verb-object and subject-verb-preposition-object between two entities."""
    ctx = f.ctx
    for si in range(len(ctx.segments)):
        for verb in ctx.tokens(si):
            if verb.pos_ != "VERB":
                continue
            lemma = verb.lemma_.lower()
            if lemma in _NO_OPEN and lemma not in ("have",):
                continue
            subjects, passive = _subjects(ctx, si, verb)
            if not subjects:
                continue
            objects: list[tuple[str, str, "Token"]] = []  # (entity, preposition, token)
            if verb.dep_ == "relcl" and any(c.dep_ == "advmod" and c.lower_ == "where" for c in verb.children):
                k = _key(ctx, si, verb.head)  # "Y, where X was born": X was born in Y
                if k:
                    objects.append((k, "in", verb.head))
            for c in verb.children:
                if c.dep_ in ("dobj", "dative", "attr", "oprd") and not passive:
                    for t in _with_conj(c):
                        k = _entity(ctx, si, t)
                        if k:
                            objects.append((k, "", t))
                        else:  # "held talks with X", "won the match against Y": one level down
                            for p2 in t.children:
                                if p2.dep_ == "prep":
                                    objects.extend((k2, f"~{p2.lower_}", t2) for k2, t2 in _pobj_entities(ctx, si, p2))
                elif c.dep_ == "prep" or (c.dep_ == "prt" and c.lower_ in ("over", "up", "on")):
                    prep = c.lower_
                    ents = _pobj_entities(ctx, si, c) if c.dep_ == "prep" else [
                        (k, t) for d in verb.children if d.dep_ == "dobj" for t in _with_conj(d)
                        if (k := _entity(ctx, si, t))]
                    objects.extend((k, prep, t) for k, t in ents)
                elif c.dep_ == "agent" and passive:
                    ents = _pobj_entities(ctx, si, c)
                    objects.extend((k, "by", t) for k, t in ents)
            for k, prep, tok in objects:
                for s in subjects:
                    if s == k:
                        continue
                    if passive and prep == "by":
                        a, b, p = k, s, ""  # "X was killed by Y": Y killed X
                    else:
                        a, b, p = s, k, prep
                    typed = None if p.startswith("~") else _VERBS.get((lemma, p))
                    if lemma == "shoot" and any(c.lower_ in ("fatally", "dead") for c in verb.children):
                        typed = ("killed", False)  # "was fatally shot by", "shot dead"
                    if typed is not None:
                        pred, inverse = typed
                        x, y = (b, a) if inverse else (a, b)
                        if pred == "opposes" and lemma in ("play", "face", "meet") and not _sporting(f, x, y):
                            pred = ""
                        if pred and f.add(si, verb, x, pred, y, "verb", clause=verb, verb=lemma,
                                          preposition=p or None):
                            if pred == "leaderOf":
                                f.add(si, verb, x, "memberOf", y, "verb", clause=verb, verb=lemma)
                            continue
                    if lemma in REPORTING_VERBS or lemma in _NO_OPEN:
                        continue
                    f.add(si, verb, a, "relatedTo", b, "verb-open", clause=verb, verb=lemma,
                          preposition=p.lstrip("~") or None)


def _sporting(f: _Found, a: str, b: str) -> bool:
    """Two sides of a contest: both organisations, both countries or both people."""
    return f.type_of(a) == f.type_of(b)


def _nouns(f: _Found) -> None:
    """noun: a conflict noun between two parties ('one country's war against X', 'US sanctions on X', 'X's match
    against Y', 'the war between X and Y'); 'X v Y'."""
    ctx = f.ctx
    for si in range(len(ctx.segments)):
        doc = ctx.segments[si].doc
        for tok in ctx.tokens(si):
            if tok.lower_ in ("v", "v.", "vs", "vs.", "versus") and 0 < tok.i < len(doc) - 1:
                a, b = ctx.mention_at(si, tok.i - 1), ctx.mention_at(si, tok.i + 1)
                if a is not None and b is not None and a.key and b.key and b.tok_start == tok.i + 1:
                    f.add(si, tok, a.key, "opposes", b.key, "noun")
                continue
            if tok.pos_ not in ("NOUN", "PROPN") or tok.lower_ not in _CONFLICT_NOUNS:
                continue
            sides = [k for c in tok.children if c.dep_ in ("poss", "compound", "nmod") and (k := _key(ctx, si, c))]
            others: list[str] = []
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ in ("against", "on", "with", "between", "versus"):
                    ents = [k for k, _ in _pobj_entities(ctx, si, c)]
                    if c.lower_ == "between" and len(ents) >= 2:
                        sides.append(ents[0])
                        ents = ents[1:]
                    others.extend(ents)
            for a in sides:
                for b in others:
                    if a != b:
                        f.add(si, tok, a, "opposes", b, "noun", clause=tok)
            venues = [k for c in tok.children if c.dep_ == "prep" and c.lower_ == "at"
                      for k, _ in _pobj_entities(ctx, si, c) if f.type_of(k) in _PLACE]
            for a in sides + others:  # "their match against Y at Z": both sides played at Z
                for v in venues:
                    if a != v:
                        f.add(si, tok, a, "relatedTo", v, "noun", clause=tok, verb="play", preposition="at")


def _results(f: _Found) -> None:
    """results: a results line 'X 2 Y 1' (or 'X 2-1 Y' is left to the verbs): the side with more won."""
    ctx = f.ctx
    for si in range(len(ctx.segments)):
        doc = ctx.segments[si].doc
        toks = ctx.tokens(si)
        i = 0
        while i < len(toks):
            a = ctx.mention_at(si, i)
            if a is None or a.key is None or a.tok_start != i:
                i += 1
                continue
            j = a.tok_end
            if j + 2 < len(doc) and _SCORE.match(doc[j].text):
                b = ctx.mention_at(si, j + 1)
                if b is not None and b.key and b.tok_start == j + 1 and b.tok_end < len(doc) \
                        and _SCORE.match(doc[b.tok_end].text) and b.key != a.key:
                    x, y = int(doc[j].text), int(doc[b.tok_end].text)
                    if x != y:
                        win, lose = (a.key, b.key) if x > y else (b.key, a.key)
                        f.add(si, doc[j], win, "defeated", lose, "results")
                    else:
                        f.add(si, doc[j], a.key, "opposes", b.key, "results")
                    i = b.tok_end + 1
                    continue
            i = a.tok_end
    _score_lines(f)


_SCORE_TOKEN = re.compile(r"^\d{1,4}(?:-\d{1,3})?$")


def _lines(ctx: Ctx, si: int) -> Iterator[tuple[int, int]]:
    """Token ranges [start, end) of segment ``si`` between line breaks and sentence ends: a results table is
    one result a line, whatever the parser made of its sentences."""
    toks = ctx.tokens(si)
    ends = {s - 1 for s in ctx.sentence_starts(si)} | {len(toks) - 1}  # the last token of each sentence
    start = 0
    for tok in toks:
        i = tok.i
        if i in ends or "\n" in tok.whitespace_ or (tok.is_space and "\n" in tok.text):
            end = i if tok.is_space else i + 1
            if end > start:
                yield start, end
            start = i + 1
    if start < len(toks):
        yield start, len(toks)


def _score_lines(f: _Found) -> None:
    """results: a line of scores with two sides, 'Venue : X 259 and 207 ( … ) , Y 114' or 'X 22 points , Y 4':
    the two sides played each other (opposes), at the place the line starts with."""
    ctx = f.ctx
    for si in range(len(ctx.segments)):
        toks = ctx.tokens(si)
        for start, end in _lines(ctx, si):
            sides: list[tuple[str, "Token"]] = []
            depth = 0
            for tok in toks[start:end]:
                depth += tok.text == "("
                depth -= tok.text == ")"
                m = ctx.mention_at(si, tok.i)
                if depth or m is None or m.key is None or m.tok_start != tok.i or m.tok_end >= end:
                    continue
                if _SCORE_TOKEN.match(toks[m.tok_end].text) and (tok.i == start or toks[tok.i - 1].text in (",", ":", ";")):
                    if all(k != m.key for k, _ in sides):
                        sides.append((m.key, tok))
            if len(sides) != 2 or f.type_of(sides[0][0]) == "Person" or f.type_of(sides[1][0]) == "Person":
                continue
            (a, ta), (b, tb) = sides
            f.add(si, ta, a, "opposes", b, "results")
            first = ctx.mention_at(si, start)
            if first is not None and first.key and first.tok_end < end and toks[first.tok_end].text in (":", "(") \
                    and first.key not in (a, b) and f.type_of(first.key) in _PLACE:
                for k, t in sides:
                    f.add(si, t, k, "relatedTo", first.key, "results", verb="play", preposition="at")


#: event type -> (predicate, roles of the subject, roles of the object)
_EVENT_PAIRS = {"Attack": ("attacked", ("agent",), ("theme",)), "Die": ("killed", ("agent",), ("theme",)),
                "Win": ("defeated", ("agent",), ("theme",)),
                "Condemn": ("criticized", ("agent",), ("theme",)), "Sanction": ("opposes", ("agent",), ("theme",)),
                "Agree": ("agreedWith", ("agent", "participant"), ("partner",)),
                "Meet": ("metWith", ("agent", "participant"), ("partner", "participant", "attendee")),
                "Acquire": ("ownedBy", ("theme",), ("agent",))}


def _statements(f: _Found, quotes: Iterable[Quote]) -> None:
    """statement: a speaker and the entities named in what they said ('X said Y had attacked Z': X made a
    statement about Y and about Z), from kg's quotes and reported speech; dated as the statement."""
    ctx = f.ctx
    by_sentence = {}
    for m in ctx.mentions:
        if m.seg >= 0 and m.key and m.kind in ("name", "surname"):
            by_sentence.setdefault(m.start, m)
    starts = sorted(by_sentence)
    for q in quotes:
        if not q.speaker or f.type_of(q.speaker) not in _ACTOR:
            continue
        s = ctx.sentences[q.sentence]
        lo = bisect_left(starts, q.start)
        for pos in starts[lo:]:
            if pos >= q.end:
                break
            m = by_sentence[pos]
            if m.end > q.end or m.key == q.speaker or not f.fits(q.speaker, "statedAbout", m.key):
                continue
            key = (q.speaker, "statedAbout", m.key, q.sentence)
            if key not in f.items:
                f.items[key] = Relation(q.speaker, "statedAbout", m.key, q.sentence, s.start, s.end, hedge=q.hedge,
                                        confidence=_CONFIDENCE["statement"], rule="statement", date=q.date,
                                        verb=q.verb)


def _visits(f: _Found) -> None:
    """verb: travel verbs with a place ('X arrived in Y', 'X visited Y', 'X flew to Y'): X visited Y."""
    ctx = f.ctx
    for si in range(len(ctx.segments)):
        for verb in ctx.tokens(si):
            lemma = verb.lemma_.lower()
            if verb.pos_ != "VERB" or lemma not in _TRAVEL_VERBS:
                continue
            subjects, passive = _subjects(ctx, si, verb)
            if passive or not subjects:
                continue
            places = [k for c in verb.children if c.dep_ == "dobj" and lemma in ("visit", "tour", "enter", "reach")
                      for t in _with_conj(c) if (k := _entity(ctx, si, t))]
            places += [k for c in verb.children if c.dep_ == "prep" and c.lower_ in _TRAVEL_VERBS[lemma]
                       for k, _ in _pobj_entities(ctx, si, c)]
            if any(c.dep_ == "prt" and c.lower_ in _TRAVEL_VERBS[lemma] for c in verb.children):
                places += [k for c in verb.children if c.dep_ == "dobj"  # "rafting down the X": a particle
                           for t in _with_conj(c) if (k := _entity(ctx, si, t))]
            for a in subjects:
                for b in places:
                    if f.type_of(b) in _PLACE:
                        f.add(si, verb, a, "visited", b, "verb", clause=verb, verb=lemma)


def _events(f: _Found, events: Iterable[Event]) -> None:
    """event: kg's events projected onto their parties."""
    ctx = f.ctx
    spans = [(seg.offset, seg.offset + len(ctx.segment_text(si)), si) for si, seg in enumerate(ctx.segments)]
    for ev in events:
        spec = _EVENT_PAIRS.get(ev.type)
        if spec is None:
            continue
        pred, left, right = spec
        if ev.type == "Die" and ev.rule != "event-noun":
            continue  # a killing verb is read by the verb rule, which follows the clause's own subject
        si = next((s for a, b, s in spans if a <= ev.trigger.start < b), None)
        if si is None:
            continue
        anchor = next(iter(ctx.tokens_between(si, ev.trigger.start - ctx.segments[si].offset,
                                                ev.trigger.end - ctx.segments[si].offset)), None)
        if anchor is None:
            continue
        lefts = [p.entity for p in ev.participants if p.role in left and p.entity]
        rights = [p.entity for p in ev.participants if p.role in right and p.entity]
        for a in lefts:
            for b in rights:
                if a != b and not (pred == "metWith" and f.linked(a, b, ctx.sentence_of(si, anchor))):
                    f.add(si, anchor, a, pred, b, "event", modality=(ev.modality, ev.negated, ev.hedge),
                          when=ev.date, verb=anchor.lemma_.lower() if pred == "killed" else None)


def _from_roles(f: _Found, roles: Iterable[Relation]) -> list[Relation]:
    """leaderOf and founderOf from the titles of roles ('Prime Minister X' leads the country)."""
    out = []
    for r in roles:
        title = (r.role or "").lower()
        words = title.replace("-", " ").split()
        if not words or "deputy" in words or "vice" in words or "former" in words or "assistant" in words:
            continue
        pred = None
        if words[-1] in ("founder", "co-founder", "cofounder") or title.endswith("co-founder"):
            pred = "founderOf"
        elif words[-1] in _LEADER_WORDS or title in _LEADER_WORDS \
                or any(" ".join(words).endswith(t) for t in _LEADER_TITLES):
            national = f.type_of(r.object) == "Country"
            if not (words[-1] == "chief" and len(words) > 1) and not (
                    national and not (words[-1] in _HEAD_OF_STATE_WORDS or words == ["leader"]
                                      or title.endswith(("prime minister", "first minister")))):
                pred = "leaderOf"
        if pred and f.fits(r.subject, pred, r.object):
            out.append(Relation(r.subject, pred, r.object, r.sentence, r.start, r.end, role=r.role, hedge=r.hedge,
                                confidence=r.confidence, rule="role"))
    return out


def _shared_titles(f: _Found, roles: tuple[Relation, ...]) -> tuple[Relation, ...]:
    """role: titles in a list after one organisation ('X chairman A and finance director B', 'X president A,
    vice-president B and director C'): each title is held in the organisation the first one names."""
    ctx = f.ctx
    by_subject: dict[tuple[str, int], list[Relation]] = {}
    for r in roles:
        if r.predicate == "memberOf" and f.type_of(r.object) == "Organization":
            by_subject.setdefault((r.subject, r.sentence), []).append(r)
    out: list[Relation] = []
    for si, head, key, m in f.mention_heads():
        if f.type_of(key) != "Person" or m.kind != "name":
            continue
        sent = ctx.sentence_of(si, head)
        firsts = by_subject.get((key, sent))
        if not firsts:
            continue
        doc = ctx.segments[si].doc
        i = m.tok_end
        while i < len(doc) and doc[i].text in (",", "and"):  # ", vice-president B and director C"
            j = i
            while j < len(doc) and doc[j].text in (",", "and"):
                j += 1
            k = j
            while k < len(doc) and (doc[k].lower_ in ROLE_HEADS or doc[k].lower_ in ROLE_MODIFIERS or doc[k].text == "-"
                                    or (doc[k].pos_ in ("NOUN", "ADJ") and doc[k].text.islower())):
                k += 1
            other = ctx.mention_at(si, k)
            if k == j or other is None or other.tok_start != k or other.kind != "name" or other.key is None \
                    or f.type_of(other.key) != "Person" or not _occupation(doc[k - 1]):
                break  # not a title of B's own right before B ("and his wife B", "and Acme director B")
            title = doc[j:k].text.lower().replace(" - ", "-")
            for r in firsts:
                if other.key != key and not any(x.subject == other.key and x.object == r.object for x in roles + tuple(out)):
                    out.append(Relation(other.key, "memberOf", r.object, r.sentence, r.start, r.end, role=title,
                                        hedge=r.hedge, confidence=r.confidence, rule="role"))
            i = other.tok_end
    return tuple(out)


def find_relations(ctx: Ctx, roles: tuple[Relation, ...], events: tuple[Event, ...],
                   published: date | None, quotes: tuple[Quote, ...] = ()) -> tuple[Relation, ...]:
    """The relations of one document, besides the roles already found (``roles``, which this extends
    with leaderOf and founderOf): every rule of :data:`RULES`, one relation per (subject, predicate,
    object, sentence); an open relation only between entities no typed relation of that sentence links.
    ``quotes``: kg's quotes and reported speech, whose speakers are linked to the entities they name."""
    f = _Found(ctx, published)
    for rule in (_comma_places, _places_in, _place_nouns, _near, _capitals, _based, _of_place, _natives, _homes, _nationalities,
                 _possessives, _own_organisations, _compound_places, _national_names, _named_after_places, _named_events, _governments_named_after_leaders, _owners, _teams, _parts, _kin, _appositions, _killers, _results, _nouns, _visits,
                 _verbs):
        rule(f)
    _events(f, events)
    _statements(f, quotes)
    _through_places(f)
    shared = _shared_titles(f, roles)
    roles = roles + shared
    typed_pairs = {(frozenset((r.subject, r.object)), r.sentence) for r in roles}
    typed_pairs |= {(frozenset((k[0], k[2])), k[3]) for k in f.items if k[1] != "relatedTo"}
    role_keys = {(r.subject, r.object, r.sentence) for r in roles if r.predicate == "memberOf"}
    found = [r for k, r in f.items.items()
             if not (k[1] == "relatedTo" and (frozenset((k[0], k[2])), k[3]) in typed_pairs)
             and not (k[1] == "memberOf" and (k[0], k[2], k[3]) in role_keys)]
    found += shared
    found += [r for r in _from_roles(f, roles) if (r.subject, r.predicate, r.object, r.sentence) not in f.items]
    found.sort(key=lambda r: (r.start, r.subject, r.predicate, r.object))
    return tuple(found)

