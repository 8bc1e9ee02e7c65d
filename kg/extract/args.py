"""Arguments of a predicate: which entities a subject, object or prepositional
object stands for (names, pronouns, role nouns in apposition, coordinated
lists and "X including A, B and C")."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.extract.context import Ctx
from kg.extract.lexicon import PLACE_NOUNS, REPORTING_VERBS
from kg.extract.modality import pressed_to

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["Arg", "Args", "subject_of", "noun_phrase"]

_LIST_PREPS = ("including", "include", "like", "such")
#: "ministers from X and Y", "the leaders of X and Y": people standing for the entities named
_MEMBER_PREPS = ("from", "of")
_PEOPLE_NOUNS = frozenset("minister ministers leader leaders official officials delegation delegations envoy envoys "
                          "representative representatives diplomat diplomats negotiator negotiators head heads "
                          "president presidents party parties".split())


@dataclass(frozen=True, slots=True)
class Arg:
    entity: str | None
    text: str
    start: int
    end: int


class Args:
    """Resolves tokens of one segment to entity arguments."""

    def __init__(self, ctx: Ctx, si: int, role_person: dict[tuple[int, int], str]) -> None:
        self.ctx = ctx
        self.si = si
        self.role_person = role_person

    def entity(self, tok: "Token") -> str | None:
        key = self.role_person.get((self.si, tok.i))
        if key:
            return key
        m = self.ctx.mention_at(self.si, tok.i)
        if m is not None and m.kind not in ("name", "surname", "acronym") and _in_clause_of(tok, m.tok_start, m.tok_end):
            return None
        return None if m is None else m.key

    def phrase(self, tok: "Token") -> Arg:
        first, last = noun_phrase(tok)
        start, end = self.ctx.char_span(self.si, first, last)
        m = self.ctx.mention_at(self.si, tok.i)
        if m is not None and m.key and m.kind in ("name", "surname", "description", "pronoun"):
            start, end = m.start, m.end
        return Arg(self.entity(tok), self.ctx.document.text[start:end], start, end)

    def expand(self, tok: "Token") -> list[Arg]:
        """The token's argument(s): its conjuncts, or the list after "including". A relative pronoun
        stands for the noun its clause describes ("Hicks, who was captured"), "all of X" for X; a bare
        number ("won 6-4") is no argument."""
        tok = _standing_for(tok)
        heads = [tok, *[c for c in tok.conjuncts if c.i > tok.i]]
        out: list[Arg] = []
        for h in heads:
            if h.like_num and all(c.like_num or c.is_punct for c in h.subtree):
                continue  # a number or a score ("6-4"), not a participant
            named = _named_by_of(self, h)
            if named is not None:  # "the port city of X" is X, whatever the description was resolved to
                out.append(self.phrase(named))
                continue
            named = [c for c in h.children if c.dep_ == "appos" and c.pos_ == "PROPN" and self.entity(c) is not None]
            if named and h.pos_ == "NOUN":  # "the largest radical group, Hamas,": the name, whatever the group was taken for
                out.append(self.phrase(named[0]))
                continue
            if self.entity(h) is None:
                appos = [c for c in h.children if c.dep_ == "appos" and self.entity(c) is not None]
                if appos:  # "shipping group Nordvik"
                    out.append(self.phrase(appos[0]))
                    continue
                listed = [p for p in h.rights if p.dep_ == "prep" and (
                    p.lower_ in _LIST_PREPS or (p.lower_ in _MEMBER_PREPS and h.lower_ in _PEOPLE_NOUNS))]
                if listed:
                    pobjs = [c for c in listed[0].children if c.dep_ == "pobj"]
                    if pobjs and (listed[0].lower_ in _LIST_PREPS or self.entity(pobjs[0]) is not None):
                        out.extend(self.expand(pobjs[0]))
                        continue
            out.append(self.phrase(h))
        return out

    def entities(self, tok: "Token") -> list[Arg]:
        return [a for a in self.expand(tok) if a.entity is not None]


def _in_clause_of(tok: "Token", first: int, end: int) -> bool:
    """A token in a clause inside a long description ("a manager of a firm that ran a tour that ended with six
    hikers missing": "hikers" is no manager): a verb of the mention's span lies between the token
    and the mention's head (rule ``clause-in-description``)."""
    node = tok
    for _ in range(12):
        head = node.head
        if head.i == node.i or not first <= head.i < end:
            return False
        if head.pos_ in ("VERB", "AUX"):
            return True
        node = head
    return False


def _named_by_of(args: "Args", tok: "Token") -> "Token | None":
    """The name after "of" in "the (Ukrainian port) city of X", "the town of X": the place it names."""
    if tok.lemma_.lower() not in PLACE_NOUNS:
        return None
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            pobj = [c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "PROPN"]
            if pobj and args.entity(pobj[0]) is not None:
                return pobj[0]
    return None


_ACCUSING = frozenset("accuse suspect blame charge convict indict".split())
_RELATIVE = frozenset({"who", "whom", "which", "that"})
_QUANTIFIERS = frozenset({"all", "some", "many", "most", "both", "each", "several", "none", "any", "few"})


def _standing_for(tok: "Token") -> "Token":
    """The noun a relative pronoun or a quantifier stands for: "Hicks, who …" -> Hicks, "all of the
    places" -> places; other tokens stand for themselves."""
    if tok.lower_ in _RELATIVE and tok.tag_ in ("WP", "WDT") and tok.head.dep_ == "relcl":
        return tok.head.head
    if tok.lower_ in _QUANTIFIERS:
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                pobj = [c for c in prep.children if c.dep_ == "pobj"]
                if pobj:
                    return pobj[0]
    return tok


def noun_phrase(tok: "Token") -> tuple["Token", "Token"]:
    """First and last token of the noun phrase headed by ``tok``, without a
    leading determiner or possessive pronoun and without trailing clauses."""
    lefts = [t for t in tok.lefts if t.dep_ not in ("punct", "cc", "prep", "case")]
    first = tok
    if lefts:
        first = min((t.left_edge for t in lefts), key=lambda t: t.i)
    doc = tok.doc
    while first.i < tok.i and (first.dep_ in ("det", "poss") and first.lower_ in ("the", "a", "an", "its", "their",
                                                                                  "his", "her", "this", "that")
                               or first.is_punct or first.is_space):
        first = doc[first.i + 1]
    return first, tok


def _after_relative_clause(conj: "Token") -> bool:
    """Whether a verb conjoined to another comes right after a relative clause inside that verb's clause ("X
    expressed concern about a man who was arrested in India and has confessed to …"): it may go on the relative
    clause (the man confessed) as well as the main verb, which is all the parser could attach it to."""
    head = conj.head
    cc = next((c for c in head.children if c.dep_ == "cc" and c.i < conj.i), None)
    if cc is None:
        return False
    for t in head.subtree:
        # "who": a person, who may well go on to act or speak; "that", "which": a thing, which does not speak
        relative = {"who"} if conj.lemma_.lower() in REPORTING_VERBS else {"who", "that", "which"}
        if t.dep_ == "relcl" and t.i < cc.i and t.head.i != head.i and any(
                c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in relative for c in t.children):
            last = max(x.i for x in t.subtree)
            if last + 1 == cc.i or (last + 2 == cc.i and conj.doc[last + 1].text == ","):
                return True
    return False


def subject_of(verb: "Token") -> "Token | None":
    """The subject of a verb, inherited through xcomp, advcl, conj and
    participial clauses when the verb has none of its own; a gerund after a
    preposition on a verb ("X spoke after meeting Y") has that verb's subject. None (rule
    ``conj-after-relative``) for a verb conjoined right after a relative clause, which it may continue."""
    node = verb
    for _ in range(6):
        subj = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
        if subj:
            return subj[0]
        pressed = pressed_to(node)
        if pressed is not None:
            return pressed
        if node.dep_ in ("xcomp", "conj", "advcl", "acl", "relcl") and node.head.i != node.i:
            if node.dep_ == "relcl":
                return node.head
            if node.dep_ == "acl":
                # "his decision to pull": the possessor decides
                poss = [c for c in node.head.children if c.dep_ == "poss"]
                return poss[0] if poss else None
            if node.dep_ == "conj" and _after_relative_clause(node):
                return None  # rule ``conj-after-relative``: whose verb it is, the parse cannot tell
            node = node.head
            continue
        if node.dep_ == "pcomp" and node.tag_ == "VBG" and node.head.dep_ == "prep" \
                and node.head.head.pos_ in ("VERB", "AUX"):
            if node.head.lower_ == "of" or node.head.head.lemma_.lower() in _ACCUSING:
                # "accused Israel of killing", "accused X of Y by killing": the one accused kills
                dobj = [c for c in node.head.head.children if c.dep_ == "dobj"]
                if dobj:
                    return dobj[0]
            node = node.head.head
            continue
        return None
    return None
