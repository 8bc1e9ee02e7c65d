"""Modality of a clause: did the text say it happened, or only that it was planned, offered,
threatened, alleged, demanded, attempted or imagined, and is it denied?

One function does the work, :func:`modality_of`; give it the trigger of an event or the predicate of
a relation (a spaCy verb, noun or adjective token) and it reads the clause's structure:

* the trigger's own words: modal auxiliaries ("will travel", "would acquire", "could seize"), a
  headline's infinitive ("X to buy Y"), a
  conditional ("if they attack", "should it seize power", with the auxiliary before its subject),
  a negation ("did not attack", "never met", "no deal"), a modifier of an event noun ("planned
  talks", "the alleged attack", "a possible merger") and adverbs ("allegedly", "perhaps");
* the word governing it, climbing through infinitives, gerunds and conjoined verbs: "plans to meet",
  "is expected to close", "is to meet" (planned), "willing to meet", "offered to mediate" (offered),
  "threatened to attack" (threatened), "accused of waging war", "charged with murder" (alleged),
  "urged X to withdraw", "called for talks", "pressure on X to release them" (demanded), "tried to seize" (attempted), "refused to
  meet", "denied attacking", "ruled out talks" (negated), "travel to Rome to meet Y" (a
  purpose: planned), "talks proposed for next week" (planned).

A clause under a verb of speech keeps its own modality ("said it would acquire" is planned, "said it
acquired" asserted) and gets that verb as its hedge. A past-tense adverbial clause does not inherit
the future of the clause it hangs on ("would acquire X, its biggest deal since it bought Y": the
purchase of Y happened).

The answer is a :class:`Modality`; ``kind`` is one of :data:`KINDS`. Negation is kept apart from the
kind ("did not plan to attack" is planned and negated), so ``asserted and not negated`` is what
happened. Nothing here knows about kg's records: the module takes spaCy tokens and returns a small
frozen record, for events and relations alike.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.extract.lexicon import HEDGES, REPORTING_VERBS
from kg.extract.speech import speech_lemma

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["KINDS", "Modality", "modality_of", "hedge_of", "pressed_to"]

#: Every kind :func:`modality_of` returns. "asserted" is what the text states as fact (past or present).
KINDS = ("asserted", "planned", "offered", "threatened", "alleged", "demanded", "attempted", "hypothetical")


@dataclass(frozen=True, slots=True)
class Modality:
    """The modality of one clause.

    ``kind``: one of :data:`KINDS`; ``negated``: the clause is denied ("did not", "refused to",
    "no deal"); ``hedge``: how it is attributed ("reportedly", "according to", or the lemma of the
    verb of speech above it, "say"), None when the text states it in its own voice; ``cue``: the word
    that decided ``kind`` or ``negated`` (for explanations), None for a plain assertion.
    """

    kind: str = "asserted"
    negated: bool = False
    hedge: str | None = None
    cue: str | None = None

    @property
    def happened(self) -> bool:
        """True for an asserted, non-negated clause: what a "what happened" query should show."""
        return self.kind == "asserted" and not self.negated


_FUTURE_AUX = {"will": "planned", "'ll": "planned", "shall": "planned", "wo": "planned",
               "would": "planned", "'d": "planned", "could": "hypothetical", "might": "hypothetical",
               "may": "hypothetical", "can": "hypothetical", "ca": "hypothetical", "should": "hypothetical",
               "must": "hypothetical", "ought": "hypothetical"}
_CONDITIONAL_MARKS = {"if", "unless", "whether", "lest"}
#: Verbs and adjectives whose infinitive ("plans to meet") or gerund ("threatened attacking") says what
#: became of the event.
_GOVERNORS = {
    # planned or expected
    "plan": "planned", "intend": "planned", "expect": "planned", "schedule": "planned", "set": "planned",
    "due": "planned", "aim": "planned", "hope": "hypothetical", "want": "planned", "wish": "planned",
    "decide": "planned", "agree": "planned", "vow": "planned", "pledge": "planned", "promise": "planned",
    "prepare": "planned", "propose": "planned", "go": "planned", "be": "planned", "mean": "planned",
    "suppose": "planned", "apply": "attempted",
    "seek": "attempted", "likely": "hypothetical", "unlikely": "hypothetical", "place": "hypothetical",
    "need": "hypothetical", "have": "hypothetical",
    # offered or threatened
    "offer": "offered", "willing": "offered", "ready": "offered", "prepared": "offered", "eager": "offered",
    "volunteer": "offered", "threaten": "threatened",
    # demanded
    "urge": "demanded", "ask": "demanded", "call": "demanded", "demand": "demanded", "order": "demanded",
    "tell": "demanded", "press": "demanded", "pressure": "demanded", "invite": "demanded", "encourage": "demanded",
    "force": "demanded", "push": "demanded",
    # attempted
    "try": "attempted", "attempt": "attempted", "struggle": "attempted",
    # a power or a permission, not the act: "allowing the agency to detain people"
    "allow": "hypothetical", "permit": "hypothetical", "enable": "hypothetical", "empower": "hypothetical",
    "authorise": "hypothetical", "authorize": "hypothetical", "let": "hypothetical",
}
#: Governors that deny the event below them ("refused to meet", "denied attacking").
_DENYING = {"refuse", "fail", "decline", "deny", "reject", "avoid", "prevent", "cancel", "postpone", "abandon",
            "halt", "stop", "avert", "suspend", "scrap", "unable"}
#: A noun event as the object of these verbs: "planned talks", "proposed a meeting", "threatened an attack".
_OBJECT_GOVERNORS = {
    "plan": "planned", "propose": "planned", "schedule": "planned", "expect": "planned", "prepare": "planned",
    "announce": "asserted", "seek": "demanded", "want": "demanded", "demand": "demanded", "urge": "demanded",
    "request": "demanded", "offer": "offered", "threaten": "threatened", "fear": "hypothetical",
    "consider": "hypothetical", "discuss": "hypothetical", "allege": "alleged", "claim": "alleged",
}
#: (governor lemma, preposition) -> kind, for "accused of waging war", "charged with murder", "call for talks".
_PREP_GOVERNORS = {
    ("accuse", "of"): "alleged", ("charge", "with"): "alleged", ("suspect", "of"): "alleged",
    ("indict", "for"): "alleged", ("indict", "on"): "alleged", ("blame", "for"): "alleged",
    ("arrest", "for"): "alleged", ("arrest", "on"): "alleged", ("allegation", "of"): "alleged",
    ("accusation", "of"): "alleged", ("charge", "of"): "alleged", ("suspicion", "of"): "alleged",
    ("call", "for"): "demanded", ("push", "for"): "demanded", ("press", "for"): "demanded",
    ("ask", "for"): "demanded", ("appeal", "for"): "demanded", ("demand", "for"): "demanded",
    ("plan", "for"): "planned", ("plan", "to"): "planned", ("prepare", "for"): "planned",
    ("proposal", "for"): "planned", ("plan", "of"): "planned", ("threat", "of"): "threatened",
    ("threaten", "with"): "threatened", ("offer", "of"): "offered", ("hope", "for"): "hypothetical",
    ("hope", "of"): "hypothetical", ("prospect", "of"): "hypothetical", ("possibility", "of"): "hypothetical",
    ("risk", "of"): "hypothetical", ("fear", "of"): "hypothetical", ("talk", "of"): "hypothetical",
    ("refrain", "from"): "negated", ("ban", "from"): "negated",
}
#: Modifiers of an event noun: "the planned talks", "an alleged attack", "a failed coup".
_NOUN_MODIFIERS = {
    "planned": "planned", "proposed": "planned", "upcoming": "planned", "future": "planned",
    "scheduled": "planned", "expected": "planned", "prospective": "planned", "forthcoming": "planned",
    "imminent": "planned", "possible": "hypothetical", "potential": "hypothetical", "likely": "hypothetical",
    "hypothetical": "hypothetical", "threatened": "threatened", "alleged": "alleged", "suspected": "alleged",
    "purported": "alleged", "attempted": "attempted", "failed": "attempted", "would-be": "attempted",
}
#: Linking verbs: "the attacks may be a preview of what is to come" says nothing of whether the attacks happened.
_LINKING = frozenset("be seem appear remain become look sound prove".split())
#: Verbs of accusing: a gerund under them is what is alleged, whatever preposition the parser hangs it on.
_ACCUSING = frozenset("accuse suspect blame charge convict indict".split())
#: Prepositions that make a noun an argument of the verb ("agreed to take part in talks"); others ("after a
#: meeting", "extremists behind a wave of bombings") leave the noun's modality its own.
_ARGUMENT_PREPS = frozenset("in into on to for at with of".split())
_ADVERBS = {"allegedly": "alleged", "purportedly": "alleged", "supposedly": "alleged", "perhaps": "hypothetical",
            "maybe": "hypothetical", "possibly": "hypothetical", "potentially": "hypothetical"}
_NEGATIVE_DETS = {"no"}


#: Nouns of pressing someone to act: "pressure on X to arrest them", "a call on X to resign".
_PRESSING = frozenset("pressure call calls appeal demand demands onus".split())


def pressed_to(verb: "Token") -> "Token | None":
    """X of "... pressure on X to V" right before the infinitive of ``verb``, whatever the parser hung it on."""
    to = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    if to is None or to.i < 3:
        return None
    before = verb.doc[to.i - 1]  # the last word of X
    prep = next((a for a in before.ancestors if a.dep_ == "prep"), None)
    if prep is None or prep.lower_ not in ("on", "upon") or prep.head.lemma_.lower() not in _PRESSING:
        return None
    pobj = [c for c in prep.children if c.dep_ == "pobj"]
    return pobj[0] if pobj and pobj[0].i <= before.i else None


_ACCORDING_TO = re.compile(r"\baccording\s+to\b", re.IGNORECASE)


def _according_to_sentences(doc: "Doc") -> list[tuple[int, int]]:
    """(start, end) token indices of the sentences of ``doc`` that hold "according to" (found once per
    document and kept in its ``user_data``: the rules ask for every clause they read)."""
    found = doc.user_data.get("kg.according_to")
    if found is None:
        found = []
        whole = not doc.has_annotation("SENT_START")
        for m in _ACCORDING_TO.finditer(doc.text):
            span = doc.char_span(m.start(), m.start() + len("according"))
            if span is not None:
                sent = doc[:] if whole else span[0].sent
                found.append((sent.start, sent.end))
        doc.user_data["kg.according_to"] = found
    return found


def hedge_of(tok: "Token", according_to: bool | None = None) -> str | None:
    """How the clause of ``tok`` is attributed: a hedge word on it ("reportedly"), "according to" in its
    sentence, or the lemma of the verb of speech above it ("say"); None when none is found. A caller that
    knows whether the sentence has "according to" passes it as ``according_to`` (else it is looked for)."""
    for c in tok.children:
        if c.lower_ in HEDGES:
            return c.lower_
    if according_to is None:
        according_to = any(start <= tok.i < end for start, end in _according_to_sentences(tok.doc))
    if according_to:
        return "according to"
    for c in tok.ancestors:
        if c.pos_ == "VERB" and c.lemma_.lower() in REPORTING_VERBS:
            return c.lemma_.lower()
    return None


def modality_of(tok: "Token") -> Modality:
    """The :class:`Modality` of the clause whose predicate is ``tok`` (a verb, an event noun or an
    adjective), with :func:`hedge_of` ``tok`` as its hedge.

    In "The chancellor will travel to Rome next week to meet the pope", "travel" is planned (cue "will")
    and so is "meet" (cue "to": a purpose); in "should it seize power", "seize" is hypothetical.
    """
    kind, negated, cue = _walk(tok)
    hedge = hedge_of(tok)
    if kind == "asserted" and hedge in ("allegedly", "purportedly", "supposedly"):
        kind, cue = "alleged", hedge
    return Modality(kind, negated, hedge, cue)


def _own(node: "Token") -> tuple[str | None, bool, str | None]:
    """What the words on ``node`` itself say: (kind or None, negated, cue)."""
    negated = False
    neg_cue = None
    kind = cue = None
    subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    for c in node.children:
        low = c.lower_
        if c.dep_ == "neg" or (c.dep_ == "det" and low in _NEGATIVE_DETS) or low in ("never", "n't", "not"):
            negated, neg_cue = True, low
        elif c.dep_ in ("aux", "auxpass") and low in _FUTURE_AUX and kind is None:
            if subj is not None and c.i < subj.i and low in ("should", "had", "were"):
                kind, cue = "hypothetical", low  # "should it seize power"
            elif low in ("would", "'d", "could", "might") and any(a.lower_ == "have" and a.dep_ == "aux"
                                                                    for a in node.children):
                kind, cue = "hypothetical", low  # "would have attacked"
            else:
                kind, cue = _FUTURE_AUX[low], low
        elif c.ent_type_ == "DATE" and c.dep_ in ("npadvmod", "tmod") and _future_date(c) and kind is None:
            kind, cue = "planned", low  # "the summit opens next week"
        elif c.dep_ == "aux" and low == "to" and node.dep_ == "ROOT" and subj is not None and kind is None:
            kind, cue = "planned", low  # a headline's "X to buy Y": what X will do
        elif c.dep_ == "mark" and low in _CONDITIONAL_MARKS:
            kind, cue = "hypothetical", low
        elif c.dep_ == "advmod" and low in _ADVERBS and kind is None:
            kind, cue = _ADVERBS[low], low
        elif c.dep_ in ("amod", "compound") and low in _NOUN_MODIFIERS and node.pos_ in ("NOUN", "PROPN"):
            kind, cue = _NOUN_MODIFIERS[low], low
        elif c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in _OBJECT_GOVERNORS \
                and _OBJECT_GOVERNORS[c.lemma_.lower()] != "asserted":
            kind, cue = _OBJECT_GOVERNORS[c.lemma_.lower()], c.lower_  # "talks proposed for next week"
    if kind is not None and kind == "planned" and _conditional_above(node):
        kind = "hypothetical"  # "would attack if …"
    return kind, negated, (cue or neg_cue)


def _future_date(tok: "Token") -> bool:
    words = [t.lower_ for t in tok.subtree]
    return words[:1] in (["next"], ["tomorrow"], ["coming"]) or words[:2] == ["later", "this"]


def _conditional_above(node: "Token") -> bool:
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _CONDITIONAL_MARKS for m in c.children)
               for c in node.children)


def _denied_below(head: "Token") -> tuple[str, bool, str]:
    """What a verb that stops, refuses or calls off an event makes of it: the verb's own kind, and the event
    denied unless the verb itself is ("did not call off the trip": the trip went ahead)."""
    kind, negated, _ = _walk(head)
    return kind, not negated, head.lower_


def _has_to(node: "Token") -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)


def _walk(tok: "Token") -> tuple[str, bool, str | None]:
    node = tok
    negated = False
    neg_cue: str | None = None
    for _ in range(8):
        kind, neg, cue = _own(node)
        if neg:
            negated, neg_cue = True, neg_cue or cue
        if kind is not None:
            return kind, negated, cue
        if _has_to(node) and pressed_to(node) is not None:
            return "demanded", negated, "pressure"  # "put pressure on X to release them": what X is pressed to do
        head = node.head
        if head.i == node.i:
            break
        dep = node.dep_
        hlemma = speech_lemma(head)  # "hoping" is "hope", not the lemmatizer's "hop"
        if dep == "xcomp" or (dep in ("ccomp", "advcl") and _has_to(node) and head.pos_ in ("VERB", "AUX", "ADJ")
                              and (hlemma in _GOVERNORS or hlemma in _DENYING)):
            if hlemma in _DENYING:
                return _denied_below(head)  # "will refuse to meet": planned, and negated
            if hlemma == "be" and not _has_to(node):
                node = head
                continue
            if hlemma in _GOVERNORS and not (hlemma in ("have", "go") and not _has_to(node)) \
                    and not (hlemma == "go" and head.tag_ != "VBG"):
                gneg = _walk(head)[1]  # "did not plan to attack": planned, and negated
                return _GOVERNORS[hlemma], negated or gneg, head.lower_
            node = head  # "began to withdraw", "continued attacking": the governor's modality
            continue
        if dep in ("acl", "relcl") and _has_to(node) and head.pos_ == "NOUN":
            # "new ways to attack X", "the right to detain": what could be done, not what was
            k = _GOVERNORS.get(hlemma, "hypothetical")  # "a plan to attack": planned
            return k, negated, head.lower_
        if dep == "advcl":
            if _has_to(node):
                return "planned", negated, "to"  # a purpose: "travel to Rome to meet X"
            marks = {c.lower_ for c in node.children if c.dep_ == "mark"} | {
                c.lower_ for c in node.children if c.dep_ == "advmod" and c.lower_ in ("when", "whenever")}
            if node.tag_ in ("VBZ", "VBP") and head.tag_ in ("VBZ", "VBP") and marks & {"when", "whenever"}:
                return "hypothetical", negated, "when"  # "when X kills civilians, people have the right to …": habitual
            if any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children) and not (
                    node.tag_ in ("VBZ", "VBP") and marks & {"once", "until", "when", "before", "after"}):
                break  # "since it bought Y", "as it continues": a clause of its own; "once the deal closes" is not
            node = head
            continue
        if dep == "conj":
            if any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children):
                break
            node = head
            continue
        if dep in ("pcomp", "pobj") and head.dep_ in ("prep", "agent"):
            gov = head.head
            key = (gov.lemma_.lower(), head.lower_)
            if node.tag_ == "VBG" and gov.lemma_.lower() in _ACCUSING:
                return "alleged", negated, gov.lower_  # "accused Israel of escalating violence by killing …"
            if key in _PREP_GOVERNORS:
                k = _PREP_GOVERNORS[key]
                return ("asserted", True, gov.lower_) if k == "negated" else (k, negated, gov.lower_)
            if node.pos_ == "NOUN" and (head.lower_ == "of" and gov.pos_ == "NOUN" or gov.pos_ == "VERB"
                                        and head.lower_ in _ARGUMENT_PREPS):
                node = gov  # "threatened to launch a wave of attacks", "agreed to take part in talks"
                continue
            if node.tag_ == "VBG" and gov.pos_ == "VERB" and head.lower_ in ("by", "of", "for", "in"):
                node = gov  # "accused Israel of escalating violence by killing three people"
                continue
            break
        if dep in ("dobj", "nsubjpass", "attr") and node.pos_ in ("NOUN", "PROPN"):
            if hlemma in _DENYING or (hlemma == "rule" and any(c.dep_ == "prt" and c.lower_ == "out"
                                                                for c in head.children)):
                # "rejected a deal", "ruled out talks"; "decided to stop the attacks": the stopping is
                # only decided, so the attacks are planned not to happen, not stated never to have been
                return _denied_below(head)
            if hlemma in _OBJECT_GOVERNORS and _OBJECT_GOVERNORS[hlemma] != "asserted":
                return _OBJECT_GOVERNORS[hlemma], negated, head.lower_
            if hlemma == "call" and any(c.dep_ == "prt" and c.lower_ == "off" for c in head.children):
                return _denied_below(head)  # "called off the talks"; "did not call off the trip": it went ahead
            node = head  # "could sign a deal": the verb's modality
            continue
        if dep == "nsubj" and node.pos_ == "NOUN" and hlemma not in _LINKING:
            node = head  # "the talks will take place next week": the verb's own words
            continue
        if dep == "ccomp" and hlemma in _DENYING:
            return "asserted", True, head.lower_  # "denied that it attacked"
        if dep == "ccomp" and hlemma in ("allege", "accuse"):
            return "alleged", negated, head.lower_
        break
    return "asserted", negated, neg_cue
