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
Conditional or modal clauses ("should it seize …") are marked hypothetical,
negated ones negated; "reportedly", "according to" and reported speech set
the hedge.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Iterator

from kg.extract.args import Arg, Args, noun_phrase, subject_of
from kg.extract.context import Ctx
from kg.extract.lexicon import EVENT_NOUNS, EVENT_VERBS, HEDGES, REPORTING_VERBS, VALUE_LABELS
from kg.extract.time import normalise
from kg.types import Event, Participant, Span, TimeValue

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["find_events", "speaker_of", "date_of", "hedge_of"]

_MODALS = {"should", "would", "could", "might", "may", "must"}
_CONDITIONAL_MARKS = {"if", "unless", "whether"}
_PLACE_TYPES = {"Country", "City", "Place"}
_SPEAKER_TYPES = {"Person", "Organization", "Country"}  # places do not speak: a "speaking place" is a NER error


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
    modality: str | None = None
    negated: bool = False

    def add(self, role: str, arg: Arg, hedge: str | None = None) -> None:
        if any(p.start == arg.start and p.end == arg.end for p in self.participants):
            return
        if arg.entity is not None and any(p.entity == arg.entity and p.role == role for p in self.participants):
            return
        self.participants.append(Participant(role, arg.entity, arg.text, arg.start, arg.end, hedge))

    def freeze(self) -> Event:
        return Event(self.key, self.type, self.label, self.trigger, self.sentence, self.start, self.end,
                     tuple(self.participants), self.place, self.origin, self.date, self.duration, self.hedge,
                     self.modality, self.negated)


def _etype(ctx: Ctx, key: str | None) -> str:
    return str(ctx.entity_info.get(key or "", {}).get("type", ""))


def date_of(ctx: Ctx, si: int, tok: "Token", published: date | None) -> tuple[TimeValue | None, TimeValue | None]:
    """(date, duration) of DATE expressions attached to a trigger."""
    cands: list[Token] = []
    for c in tok.children:
        if c.ent_type_ == "DATE":
            cands.append(c)
        elif c.dep_ == "prep" and c.lower_ in ("on", "in", "since", "during", "by", "within", "over"):
            cands.extend(p for p in c.children if p.dep_ == "pobj" and p.ent_type_ == "DATE")
    if tok.pos_ == "NOUN":
        cands.extend(t for t in tok.subtree if t.ent_type_ == "DATE" and t.i < tok.i)
    when = dur = None
    doc = tok.doc
    for c in cands:
        ent = next((e for e in doc.ents if e.start <= c.i < e.end), None)
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


def hedge_of(ctx: Ctx, si: int, tok: "Token") -> str | None:
    """How a statement is hedged: a hedge word on ``tok`` ("reportedly"), "according to" in its sentence,
    or the reporting verb above it ("said"); None when none is found."""
    for c in tok.children:
        if c.lower_ in HEDGES:
            return c.lower_
    if next(_according_to_tokens(ctx, si, tok), None) is not None:
        return "according to"
    for c in tok.ancestors:
        if c.pos_ == "VERB" and c.lemma_.lower() in REPORTING_VERBS:
            return c.lemma_.lower()
    return None


def _modality(tok: "Token") -> tuple[str | None, bool]:
    node = tok
    negated = any(c.dep_ == "neg" for c in tok.children)
    for _ in range(3):
        aux = [c for c in node.children if c.dep_ in ("aux", "auxpass") and c.lower_ in _MODALS]
        mark = [c for c in node.children if c.dep_ == "mark" and c.lower_ in _CONDITIONAL_MARKS]
        if aux or mark:
            return "hypothetical", negated
        if node.dep_ not in ("xcomp", "conj") or node.head.i == node.i:
            break
        node = node.head
    return None, negated


def _unrealised(verb: "Token") -> bool:
    """A verb of speech that reports no act of speaking: an infinitive ("the opportunity to respond",
    "yet to confirm") or a bare participle ("As predicted, X replaces Y")."""
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return True
    deps = {c.dep_ for c in verb.children}
    return verb.tag_ == "VBN" and verb.dep_ == "advcl" and not {"aux", "auxpass", "nsubj", "nsubjpass"} & deps


def speaker_of(args: Args, verb: "Token") -> Arg | None:
    """The speaker of a reporting verb; a subjectless participle ("…, saying")
    takes the subject of the reporting verb above it."""
    subj = [c for c in verb.children if c.dep_ == "nsubj"]
    if any(c.dep_ == "nsubjpass" for c in verb.children):
        # "Hicks was told …": the one told is no speaker; "… was announced by the ministry" names one
        subj = [o for a in verb.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"]
        if not subj:
            return None
    if not subj:
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
        return None
    found = [a for a in args.entities(subj[0]) if _etype(args.ctx, a.entity) in _SPEAKER_TYPES]
    return found[0] if len(found) == 1 else None


def _according_to_tokens(ctx: Ctx, si: int, tok: "Token") -> Iterator["Token"]:
    """Each "according" followed by "to" in the sentence holding ``tok``."""
    if not ctx.sentence_has_word(si, tok.i, "according"):
        return  # the common case, without a pass over the tokens
    for t in ctx.sentence_tokens(si, tok.i):
        if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
            yield t


def according_to(args: Args, tok: "Token") -> tuple["Token", Arg] | None:
    """The "according to <speaker>" phrase of the sentence holding ``tok``, if it names one speaker."""
    for t in _according_to_tokens(args.ctx, args.si, tok):
        pobj = [c for c in t.doc[t.i + 1].children if c.dep_ == "pobj"]
        if pobj:
            found = [a for a in args.entities(pobj[0]) if _etype(args.ctx, a.entity) in _SPEAKER_TYPES]
            if len(found) == 1:
                return t, found[0]
    return None


def _verb_type(tok: "Token") -> str | None:
    lemma = tok.lemma_.lower()
    etype = EVENT_VERBS.get(lemma)
    if etype is None:
        return None
    kids = {c.dep_: c for c in tok.children}
    prts = {c.lower_ for c in tok.children if c.dep_ == "prt"}
    preps = {c.lower_ for c in tok.children if c.dep_ == "prep"}
    dobj = kids.get("dobj")
    if lemma == "take":
        if dobj is not None and dobj.lemma_ == "part":
            return "Meet"  # "take part in the talks"
        return "Seize" if "over" in prts or (dobj is not None and dobj.lemma_ == "control") else None
    if lemma == "pull":
        return "Withdraw" if ("out" in prts or "from" in preps) else None
    if lemma == "strike":
        return "Agree" if (tok.dep_ == "relcl" and EVENT_NOUNS.get(tok.head.lemma_.lower()) == "Agree") or (
            dobj is not None and EVENT_NOUNS.get(dobj.lemma_.lower()) == "Agree") else "Attack"
    if lemma == "sign":  # "signed a deal", "signed for the club"; not "signed the bill"
        if dobj is None:
            return "Join"
        agreed = EVENT_NOUNS.get(dobj.lemma_.lower()) == "Agree" or dobj.lemma_.lower() in ("contract", "understanding")
        return "Agree" if agreed else None
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
    last_by_lemma: dict[str, _Builder] = {}

    def sentence_bounds(si: int, tok: "Token") -> tuple[int, int, int]:
        idx = ctx.sentence_of(si, tok)
        s = ctx.sentences[idx]
        return idx, s.start, s.end

    for si, seg in enumerate(ctx.segments):
        args = Args(ctx, si, role_person)
        # 1. event nouns
        for tok in ctx.tokens(si):
            if tok.pos_ != "NOUN" or tok.lemma_.lower() not in EVENT_NOUNS:
                continue
            m = ctx.mention_at(si, tok.i)
            if m is not None and m.label != "GROUP":
                continue
            lemma = tok.lemma_.lower()
            dets = [c.lower_ for c in tok.lefts if c.dep_ == "det"]
            prev = last_by_lemma.get(lemma)
            if prev is not None and dets[:1] == ["the"] and not [c for c in tok.lefts if c.dep_ in ("amod", "compound", "nummod")]:
                by_token[(si, tok.i)] = prev
                continue
            first, last = noun_phrase(tok)
            start, end = ctx.char_span(si, first, last)
            idx, s_start, s_end = sentence_bounds(si, tok)
            b = _Builder(f"{doc_id}/e{start}", EVENT_NOUNS[lemma], ctx.document.text[start:end],
                         Span(start, end, ctx.document.text[start:end]), idx, s_start, s_end, lemma)
            b.hedge = hedge_of(ctx, si, tok)
            _noun_arguments(ctx, si, args, tok, b)
            b.date, b.duration = date_of(ctx, si, tok, published)
            by_token[(si, tok.i)] = b
            last_by_lemma[lemma] = b
            builders[b.key] = b
        # 2. event verbs
        for tok in ctx.tokens(si):
            if tok.pos_ != "VERB":
                continue
            etype = _verb_type(tok)
            if etype is None:
                continue
            _verb_event(ctx, si, args, tok, etype, by_token, builders, published)
        # 3. statements
        for tok in ctx.tokens(si):
            if tok.pos_ == "VERB" and tok.lemma_.lower() in REPORTING_VERBS and not _unrealised(tok):
                spk = speaker_of(args, tok)
                if spk is None:
                    continue
                idx, s_start, s_end = sentence_bounds(si, tok)
                start, end = ctx.char_span(si, tok, tok)
                b = _Builder(f"{doc_id}/e{start}", "Statement", f"{_label_of(ctx, spk)} {tok.lemma_.lower()}",
                             Span(start, end, tok.text), idx, s_start, s_end, tok.lemma_.lower())
                b.add("agent", spk)
                b.date, _ = date_of(ctx, si, tok, published)
                b.hedge = next((c.lower_ for c in tok.children if c.lower_ in HEDGES), None)
                b.modality, b.negated = _modality(tok)
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
            b.hedge = "according to"
            builders[b.key] = b
    events = [b.freeze() for b in builders.values() if b.participants or b.place or b.date]
    return tuple(sorted(events, key=lambda e: (e.trigger.start, e.key)))


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
            if pobj.ent_type_ == "DATE":
                continue
            found = args.expand(pobj)
            if word in ("with", "between", "among"):
                for a in found:
                    if a.entity is not None:
                        b.add("partner", a)
            elif word == "by" and prep.dep_ == "agent":
                for a in found:
                    b.add("agent", a)
            elif word == "from":
                for a in found:
                    if _etype(ctx, a.entity) in _PLACE_TYPES:
                        b.origin = b.origin or a.entity
                    else:
                        b.add("source", a)
            elif word in ("in", "at") and pobj.ent_type_ != "DATE":
                for a in found:
                    if _etype(ctx, a.entity) in _PLACE_TYPES:
                        b.place = b.place or a.entity
            elif word in ("against", "on") and b.type in ("Attack", "Protest"):
                for a in found:
                    b.add("theme", a)


def _noun_arguments(ctx: Ctx, si: int, args: Args, tok: "Token", b: _Builder) -> None:
    for c in tok.lefts:
        if c.dep_ == "poss":
            for a in args.entities(c):
                b.add("agent", a)
        elif c.dep_ in ("compound", "amod", "npadvmod") and args.entity(c) is not None:
            m = ctx.mention_at(si, c.i)
            if m is not None and m.label != "GROUP":
                b.add("participant", args.phrase(c))
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
                published: date | None) -> None:
    kids = list(tok.children)
    passive = any(c.dep_ == "nsubjpass" for c in kids)
    subj = subject_of(tok)
    agents = [] if subj is None or passive else args.expand(subj)
    agents = [a for a in agents if a.entity is not None]
    hedge = hedge_of(ctx, si, tok)
    if tok.lemma_.lower() == "agree" and any(c.dep_ == "xcomp" for c in kids):
        return  # "agreed to acquire X": the event is the acquisition
    # a verb whose object (or passive or eventive subject) is an event noun joins that event
    targets = [c for c in kids if c.dep_ in ("dobj", "nsubjpass", "nsubj") and (si, c.i) in by_token]
    if passive:
        agents = [a for p in kids if p.dep_ == "agent" for o in p.children if o.dep_ == "pobj"
                  for a in args.expand(o) if a.entity is not None]
    for prep in (c for c in kids if c.dep_ == "prep" and c.lower_ in ("in", "to", "on")):
        targets += [p for p in prep.children if p.dep_ == "pobj" and (si, p.i) in by_token]
    if tok.dep_ == "relcl" and (si, tok.head.i) in by_token:
        targets.append(tok.head)  # "a deal they struck with Y": the verb is part of the noun's event
    if targets:
        ev = by_token[(si, targets[0].i)]
        if EVENT_VERBS.get(tok.lemma_.lower()) == ev.type or tok.dep_ == "relcl":
            role = "agent"
        else:
            role = "participant"
        for a in agents:
            if a.entity is not None and not (ev.type == "Disaster" and targets[0].dep_ == "nsubj"):
                ev.add(role, a, hedge)
        _prep_args(ctx, args, tok, ev, by_token, si)
        for o in (c for c in kids if c.dep_ == "dobj" and c is not targets[0]):
            for a in args.expand(o):
                if _etype(ctx, a.entity) in _PLACE_TYPES:  # "the quake hit eastern X"
                    ev.place = ev.place or a.entity
                elif a.entity is not None:
                    ev.add("theme", a, hedge)
        if ev.date is None:
            ev.date, _ = date_of(ctx, si, tok, published)
        return
    idx = ctx.sentence_of(si, tok)
    sent = ctx.sentences[idx]
    start, end = ctx.char_span(si, tok, tok)
    b = _Builder(f"{ctx.document.id}/e{start}", etype, tok.lemma_.lower(), Span(start, end, tok.text), idx,
                 sent.start, sent.end, tok.lemma_.lower())
    for a in agents:
        b.add("agent", a)
    objs = [c for c in kids if c.dep_ in ("dobj", "nsubjpass")]
    for o in objs:
        for a in args.expand(o):
            b.add("theme", a)
    _prep_args(ctx, args, tok, b, by_token, si)
    for o in objs:  # "captured X from Y", "won the runoff in Z": the parser often hangs these on the object
        _prep_args(ctx, args, o, b, by_token, si, only=("from", "in", "at"))
    if not b.participants:
        return
    b.date, b.duration = date_of(ctx, si, tok, published)
    b.hedge = hedge
    b.modality, b.negated = _modality(tok)
    agent_label = next((_label_of(ctx, Arg(p.entity, p.text, p.start, p.end)) for p in b.participants
                        if p.role == "agent"), "")
    theme = next((p.text for p in b.participants if p.role == "theme"), "")
    b.label = " ".join(x for x in (agent_label, tok.lemma_.lower(), theme) if x)
    builders[b.key] = b
