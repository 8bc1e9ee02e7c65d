"""Reported speech: what a source is said to have said, found or believed, in the reporter's words.

Each statement is a :class:`~kg.types.Quote` with ``direct`` false: its text is the content (the
that-clause, the complement, the sentence around "according to X"), its cue the words of
attribution, its source the words naming who speaks and its speaker the entity they resolve to
(names, pronouns and descriptions by :mod:`kg.extract.coref`, unnamed sources by
:mod:`kg.extract.sources`). The rules, by the name each statement carries in ``Quote.rule``:

* ``reported-clause``: a verb of saying, finding or believing (:data:`kg.extract.speech.ATTRIBUTION_VERBS`
  less verbs that only introduce quotations, which report a clause only after "that": "X joked that …";
  "pointed out that …") with a content clause: "X said (that) …", "… , X said",
  "the study found that …", "X told reporters that …", "X warned that …"; a subjectless participle
  ("…, adding that …") has the subject of the verb above it; an attribution that interrupts its
  content ("Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt") has the whole sentence;
* ``reported-parenthetical``: the same when the parse makes the attribution a side remark of the
  clause it interrupts;
* ``reported-according-to``: "according to X, …" and "…, according to X": the rest of the sentence;
* ``reported-infinitive``: a verb of promising, refusing, warning or asking with a to-clause: "X vowed
  to …", "X refused to …", "X urged Y to …", "the FBI warned officials to boost security", "X declined
  to comment";
* ``reported-object``: a verb of saying whose object is what was said (:data:`OBJECT_VERBS`): "X denied
  the allegations", "X announced a recall of 2,000 cars", "the report cited rising costs", "X admitted
  using the loophole", "X condemned what she called …", "the plan was endorsed by X"; the object goes on
  with the prepositions the parse hung on the verb after it (:func:`_object_tail`); a finding
  ("a study found 31 incidents", "the poll shows Clinton ahead") only of a document, body or group; a
  noun of what is said given or shown (:data:`SPEECH_OBJECTS`: "X expressed concern about the dam", "X
  offered condolences to …");
* ``reported-naming``: what X calls, describes, sees or admires something as ("called the bill a
  surrender", "sees the tax as a burden");
* ``reported-topic``: what a verb of speaking was about (:data:`TOPIC_VERBS`: "X spoke about …", "X
  railed against …");
* ``reported-call-for``: "X called for an inquiry", "X called for reducing the tax", "X called on
  Congress to act";
* ``reported-headline``: a headline that is a name, a colon and words ("Sanders: Clinton needs to …");
* ``reported-attitude``: the that-clause of an adjective of a state of mind ("X is confident that …",
  "X were frustrated that …"; :data:`ATTITUDE_WORDS`);
* ``reported-noun``: the that-clause of a noun of saying or believing is what its possessor said
  ("Trump's claim that there have been thousands of shootings", "her warning that …").

Precision comes first; a statement is left out when

* its verb is negated ("did not say that"), conditional ("if he says that"), an infinitive ("to
  say that") or inside quotation marks (the words of someone quoted);
* its source is "I", "we" or "you", or names no one ("it is said that");
* no speaker and no words naming one are found;
* its content is shorter than three words (an object one word, a to-clause two), or a direct
  quotation found already covers 80 % of it (the quotation is the record of those words; a content
  that only partly quotes, a mixed quotation, is one statement with its quoted part), or it crosses a
  quotation's marks (:func:`_quotation_conflict`); a content the parse ran across a paragraph break is
  cut to the cue's paragraph.

A direct quotation with no speaker of its own inside the content of a statement is that speaker's
(``quote-in-statement``, :func:`mixed_quotations`).

The hedge is a hedge word on the verb ("reportedly said"), "according to" for that rule, and
"alleged" for verbs of claiming (claim, allege), by which the reporter keeps a distance.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from kg.extract.args import Arg, Args
from kg.extract.context import Ctx
from kg.extract.events import according_to_source, date_of, speaker_of
from kg.extract.lexicon import HEDGES, REPORTING_VERBS
from kg.extract.quotemarks import QUOTE_MARKS
from kg.extract.quotes import headline_speaker, noun_phrase_with_det, source_span
from kg.extract.speech import (ATTITUDE_WORDS, BELIEF_VERBS, COGNITION_VERBS, INFINITIVE_VERBS, OBJECT_VERBS,
                               QUOTING_VERBS, finds_out, never_speaks, speech_lemma)
from kg.types import Quote, Span

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["find_reported", "mixed_quotations", "CLAIM_NOUNS", "CLAUSE_VERBS", "INFINITIVE_VERBS", "OBJECT_VERBS"]

#: verbs whose content clause is reported speech or a reported finding or belief
CLAUSE_VERBS = REPORTING_VERBS | BELIEF_VERBS | COGNITION_VERBS
#: verbs whose object is a finding only when a document or a body finds it ("a study found 31 incidents";
#: not "he found the keys")
_FINDING_VERBS = frozenset({"find", "show"})
_FIRST_PERSON = frozenset({"i", "we", "you", "me", "us"})
_CONDITIONAL = frozenset({"if", "unless", "whether", "when", "once"})
#: verbs after which a to-infinitive is an act that happens ("continues to insist that …", "seemed to think …")
_GOING_ON = frozenset({"continue", "keep", "begin", "start", "seem", "appear"})
_CLAIM_VERBS = frozenset({"claim", "allege"})
#: verbs whose "of" phrase after the object is what the object is charged with ("accused X of lying")
_ACCUSING = frozenset({"accuse", "blame", "suspect", "convict"})
#: verbs whose "for" phrase after the object is what it is praised or blamed for ("criticized X for …")
_JUDGING = frozenset(
    "praise criticize criticise blame slam chastise rebuke condemn mock applaud laud hail commend lambaste assail "
    "berate castigate fault".split())
#: verbs that name what something is in someone's words ("called the bill a surrender")
_NAMING_VERBS = frozenset({"call", "label", "dub", "brand", "term", "see", "view", "regard", "admire"})
#: rules whose content is a noun phrase, complete in one word ("endorsed Clinton"); a clause needs three
_OBJECT_RULES = frozenset({"reported-object", "reported-naming", "reported-call-for"})
#: verbs of saying with a literal sense too, whose short object is most often that sense
_LITERAL_TOO = frozenset({"find", "show", "claim"})
_EDGE = " \t\n,;:.—–-"
#: a statement whose content is at least this share one direct quotation is that quotation's record; below
#: it, a content partly quoted and partly paraphrased is a mixed quotation, a statement of its own
_QUOTED_SHARE = 0.8


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    while start < end and text[start] in _EDGE:
        start += 1
    return start, end


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(s <= pos < e for s, e in spans)


def _unrealised(verb: "Token") -> bool:
    """A verb of speech that reports no act: negated, conditional, an infinitive, a bare participle."""
    kids = list(verb.children)
    if any(c.dep_ == "neg" for c in kids):
        return True
    if any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL for c in kids):
        return True
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in kids) and not (
            verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _GOING_ON):
        return True  # "to say that"; not "continues to insist that", "kept saying"
    deps = {c.dep_ for c in kids}
    return verb.tag_ == "VBN" and verb.dep_ in ("advcl", "amod", "acl") and not {"aux", "auxpass", "nsubj"} & deps


def _first_person(verb: "Token") -> bool:
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return bool(subj) and subj[0].lower_ in _FIRST_PERSON


def _no_source(source: Span | None, speaker: Arg | None) -> bool:
    """Whether the words naming the speaker name none kg records: "I", "we", "you" (the writer or the
    reader), or an unresolved "it", "this", "that", "there"."""
    if source is None:
        return False
    words = source.text.lower()
    return words in _FIRST_PERSON or (speaker is None and words in ("it", "this", "that", "there"))


def _hedge(verb: "Token") -> str | None:
    word = next((c.lower_ for c in verb.children if c.lower_ in HEDGES), None)
    if word is None and speech_lemma(verb) in _CLAIM_VERBS:
        return "alleged"
    return word


def _paragraph_part(text: str, start: int, end: int, cue: int) -> tuple[int, int]:
    """A content the parse ran across a paragraph break (the sentence splitter joined two paragraphs) cut
    to its paragraph on the side of the cue: the first paragraph after a cue before it, the last one
    before a cue after it, the cue's own paragraph around it."""
    if "\n" not in text[start:end]:
        return start, end
    if cue <= start:
        end = text.index("\n", start)
    elif cue >= end:
        start = text.rindex("\n", start, end) + 1
    else:
        start = max(start, text.rfind("\n", start, cue) + 1)
        nl = text.find("\n", cue, end)
        end = end if nl < 0 else nl
    return _trim(text, start, end)


def _quotation_conflict(text: str, start: int, end: int, source: Span | None, quotes: tuple[Quote, ...]) -> bool:
    """Whether a content overlapping direct quotations is not a statement of its own: a quotation records
    (almost) all its words, or the parse let the content cross a quotation's marks (it begins inside one
    and runs past its end, runs on after a quoted sentence, or takes in the words naming its own source or a
    quotation and its verb). A content partly quoted and partly paraphrased (a mixed quotation: 'X said
    the plan was “a disaster” for farmers') is a statement."""
    inside = [q for q in quotes if q.start < end and start < q.end]
    if not inside:
        return False
    for q in inside:
        if min(end, q.end) - max(start, q.start) >= _QUOTED_SHARE * (end - start):
            return True  # a direct quotation records these words
        if q.start < start < q.end < end - 2:
            return True  # begins inside a quotation and runs past its end
        if start <= q.start and q.end < end - 2 and text[q.end - 1:q.end] in ".?!":
            return True  # a quoted sentence ends inside the content, which goes on
        if q.cue is not None and q.end <= q.cue.start < end:
            return True  # the content takes in a quotation and the verb after it ('"…," X said')
    return source is not None and start <= source.start < end


class _Statements:
    """Collects one segment's statements, skipping those a direct quotation already records."""

    def __init__(self, ctx: Ctx, si: int, quotes: tuple[Quote, ...], published: date | None) -> None:
        self.ctx, self.si, self.published = ctx, si, published
        self.quotes = quotes
        self.out: dict[str, Quote] = {}

    def add(self, rule: str, cue_first: "Token", cue_last: "Token", start: int, end: int,
            speaker: Arg | None, source: Span | None, verb: "Token | None", hedge: str | None, n: int = 0,
            verb_label: str = "according to") -> None:
        ctx, text = self.ctx, self.ctx.document.text
        c_start, c_end = ctx.char_span(self.si, cue_first, cue_last)
        start, end = _paragraph_part(text, *_trim(text, start, end), c_start)
        # "X endorsed Y", "X denied the charges"; not "troops found weapons", "she claimed the set"
        shortest = 1 if rule in _OBJECT_RULES and (verb is None or speech_lemma(verb) not in _LITERAL_TOO) else \
            2 if rule == "reported-infinitive" else 3  # "declined to comment", "vowed to resign"
        if len(text[start:end].split()) < shortest or (speaker is None and source is None):
            return
        if _quotation_conflict(text, start, end, source if rule != "reported-parenthetical" else None, self.quotes):
            return
        sent_idx = ctx.sentence_of(self.si, cue_first)
        if sent_idx < 0:
            return
        sent = ctx.sentences[sent_idx]
        key = f"{ctx.document.id}/s{start}-{c_start}" + (f"-{n}" if n else "")  # n: the n-th of joint sources
        when = date_of(ctx, self.si, verb, self.published)[0] if verb is not None else None
        self.out[key] = Quote(
            key=key, text=text[start:end], start=start, end=end, sentence=sent_idx,
            sentence_start=min(sent.start, start), sentence_end=max(sent.end, end),
            speaker=speaker.entity if speaker is not None else None,
            verb=speech_lemma(verb) if verb is not None else verb_label,
            date=when, hedge=hedge, direct=False, cue=Span(c_start, c_end, text[c_start:c_end]),
            source=source if source is not None else (Span(speaker.start, speaker.end, speaker.text)
                                                      if speaker is not None else None),
            rule=rule)


def _joint_sources(args: Args, verb: "Token") -> list[tuple[Arg, Span]]:
    """'Mr. Grassley and Mr. Leahy said …', 'X, Y and Z all suggested …': each of the speakers a
    coordinated subject names (a statement of each); empty unless the subject names two or more."""
    subj = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subj or not any(c.dep_ == "conj" for c in subj[0].children):
        return []
    ctx = args.ctx
    found: dict[str, Arg] = {}
    for a in args.entities(subj[0]):
        if a.entity and str(ctx.entity_info.get(a.entity, {}).get("type")) in ("Person", "Organization", "Country") \
                and not never_speaks(ctx, a.entity):
            found.setdefault(a.entity, a)
    if len(found) < 2:
        return []
    return [(a, Span(a.start, a.end, a.text)) for a in found.values()]


def _object_content(ctx: Ctx, si: int, args: Args, verb: "Token", found: _Statements) -> None:
    """'X denied the allegations', 'X announced a recall of 2,000 cars' (``reported-object``); 'X called
    for an inquiry', 'X called on Congress to act' (``reported-call-for``): the object is the content."""
    if _unrealised(verb) or _first_person(verb):
        return
    clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if clause is not None:  # "condemned what he called a breach": a clause of "what" is the object
        if speech_lemma(verb) not in CLAUSE_VERBS and clause.i > verb.i \
                and clause.left_edge.lower_ in ("what", "whatever"):
            start, end = _clause_span(ctx, si, clause)
            _add_object(ctx, si, args, verb, "reported-object", verb, start, end, found)
        return
    if speech_lemma(verb) == "call" and not any(c.dep_ == "oprd" for c in verb.children):
        prep = [c for c in verb.children if c.dep_ in ("prep", "prt") and c.lower_ in ("for", "on") and c.i > verb.i
                and not any(t.dep_ in ("prt", "prep") for t in verb.doc[verb.i + 1:c.i])]  # not "called in to X on …"
        if not prep:  # "called for the files to be released", parsed as a clause that "for" opens
            prep = [c for c in verb.children if c.dep_ == "advcl" and c.i > verb.i
                    and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children)]
            if prep:
                mark = next(m for m in prep[0].children if m.dep_ == "mark")
                start, end = _clause_span(ctx, si, prep[0])
                start = ctx.char_span(si, mark, mark)[1] + 1
                _add_object(ctx, si, args, verb, "reported-call-for", mark, start, end, found)
            return
        pobj = [c for c in prep[0].children if c.dep_ in ("pobj", "pcomp")]  # "called for reducing the tax"
        if not pobj:
            return
        toks = sorted([*pobj[0].subtree, *(t for c in verb.children if c.dep_ == "xcomp" for t in c.subtree)],
                      key=lambda t: t.i)
        rule, cue_last = "reported-call-for", prep[0]
    else:
        objs = [c for c in verb.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")]
        if not objs and any(c.dep_ == "agent" for c in verb.children) and speech_lemma(verb) not in (
                _NAMING_VERBS | _FINDING_VERBS | {"back"}):  # "the plan was endorsed by X"; not what X calls it, nor
            # "the raid was backed by X" (paid for)
            subj = [c for c in verb.children if c.dep_ == "nsubjpass" and c.pos_ in ("NOUN", "PROPN")]
            if subj:
                toks = list(subj[0].subtree)
                start, end = ctx.char_span(si, toks[0], toks[-1])
                _add_object(ctx, si, args, verb, "reported-object", verb, start, end, found)
            return
        if not objs and speech_lemma(verb) not in _NAMING_VERBS:  # "admitted using the loophole"
            objs = [c for c in verb.children if c.dep_ in ("xcomp", "dobj") and c.tag_ == "VBG" and c.i > verb.i
                    and not any(a.dep_ in ("aux", "nsubj") for a in c.children)]
        if not objs:
            return
        toks = list(objs[0].subtree)
        rule, cue_last = "reported-object", verb
        for c in verb.children:  # what the object is called or taken for: "described the plan as a disaster",
            # "accused X of lying", "called the bill a surrender"
            if c.i > objs[0].i and (c.dep_ == "oprd" or (c.dep_ == "prep" and (
                    c.lower_ == "as" or (c.lower_ == "of" and speech_lemma(verb) in _ACCUSING)
                    or (c.lower_ == "for" and speech_lemma(verb) in _JUDGING)))):
                toks += list(c.subtree)
                rule = "reported-naming" if c.dep_ == "oprd" or c.lower_ == "as" else rule
        if any(c.dep_ == "prep" and c.lower_ == "as" for c in objs[0].children):  # "see the tax as a burden"
            rule = "reported-naming"
        if rule != "reported-naming" and speech_lemma(verb) in _NAMING_VERBS:
            return  # "called a meeting", "branded the cattle": naming nothing
        toks += _object_tail(verb, max(toks, key=lambda t: t.i).i)
        toks.sort(key=lambda t: t.i)
    start, end = ctx.char_span(si, toks[0], toks[-1])
    _add_object(ctx, si, args, verb, rule, cue_last, start, end, found)


def _add_object(ctx: Ctx, si: int, args: Args, verb: "Token", rule: str, cue_last: "Token", start: int, end: int,
                found: _Statements) -> None:
    speaker = speaker_of(args, verb)
    source = source_span(ctx, si, verb)
    if _no_source(source, speaker):
        return
    if speech_lemma(verb) in _FINDING_VERBS and (speaker is None or str(
            ctx.entity_info.get(speaker.entity or "", {}).get("type")) not in ("CreativeWork", "Organization", "Group")):
        return
    joint = _joint_sources(args, verb) if speaker is None else []  # "Acme and Zenith support the plan"
    for n, (who, words) in enumerate(joint or [(speaker, source)]):
        found.add(rule, verb, cue_last, start, end, who, words, verb, _hedge(verb), n)


#: prepositions of time, whose phrase after an object says when, not what was said
_WHEN_PREPS = frozenset({"during", "after", "before", "since", "until", "till", "amid", "following", "ahead"})
#: nouns of the occasion or the medium of a statement ("at a meeting", "in an interview", "in a videotape")
_OCCASIONS = frozenset(
    """
    meeting interview speech statement conference briefing rally hearing session debate videotape video
    broadcast release letter email tweet post message address remarks appearance event summit visit
    """.split())


def _object_tail(verb: "Token", last: int) -> list["Token"]:
    """The phrases the parse hung on the verb that go on the object ending at token ``last``: 'unveiled a
    list of endorsements from 40 retired judges', 'echoed remarks by the mayor that …' (each
    preposition right after the object, up to a comma, a time ('on Tuesday', 'during the debate'), the
    occasion or medium of the statement ('at a meeting', 'in an interview') or a phrase already taken)."""
    def circumstance(p: "Token") -> bool:  # "on Tuesday", "during the debate", "at a meeting"
        return p.dep_ == "prep" and (p.lower_ in _WHEN_PREPS or any(
            o.ent_type_ in ("DATE", "TIME") or o.lemma_.lower() in _OCCASIONS for o in p.children if o.dep_ == "pobj"))

    tail: list["Token"] = []
    for c in verb.rights:
        if c.i <= last:
            continue
        if c.i != last + 1 or c.dep_ != "prep" or circumstance(c):
            break
        sub = list(c.subtree)
        cut = next((k for k, t in enumerate(sub) if t.i > c.i and circumstance(t)), None)
        tail += sub[:cut]
        if cut is not None:
            break
        last = sub[-1].i
    return tail


#: verbs of speaking, with the prepositions after which comes what was spoken about ("spoke about the need
#: for reform", "complained about the noise", "railed against the tax code", "asked him about his returns";
#: after a particle also "against": "spoke out against the war")
TOPIC_VERBS: dict[str, tuple[str, ...]] = {
    "speak": ("about", "of", "on"), "talk": ("about", "of"), "complain": ("about", "of"),
    "boast": ("about", "of"), "brag": ("about", "of"), "rail": ("against",), "ask": ("about",),
    "testify": ("about", "on"), "comment": ("on", "about"), "joke": ("about",), "lecture": ("about", "on"),
    "write": ("about", "of"), "agree": ("with", "on"), "disagree": ("with", "on", "about"), "weigh": ("in",),
}
#: nouns of what is said or felt that a verb of giving or showing makes a statement of ("offered condolences",
#: "expressed concern about the policy", "voiced support for the plan", "gave an assessment")
SPEECH_OBJECTS = frozenset(
    """
    advice apology assessment insight explanation condolence condolences praise criticism support
    warning prediction opinion view suggestion retort rebuttal defense defence assurance assurances guarantee
    endorsement comment comments remark remarks account concern concerns misgiving misgivings outrage
    reservation reservations doubt doubts opposition frustration anger regret sympathy hope hopes confidence
    skepticism scepticism dismay fear fears disappointment gratitude thanks objection objections
    """.split())
_GIVING_VERBS = frozenset({"offer", "express", "voice", "give", "provide", "raise"})
#: what "raise" makes a statement of ("raised concerns about …"; not "raised hopes", "raised the alarm")
_RAISED = frozenset({"concern", "concerns", "doubt", "doubts", "objection", "objections", "question", "questions"})


def _topic(ctx: Ctx, si: int, args: Args, verb: "Token", lemma: str, found: _Statements) -> None:
    """'X spoke about the need for reform', 'X railed against the tax code' (``reported-topic``): what a
    verb of speaking was about is the content."""
    if _unrealised(verb) or _first_person(verb) or any(c.dep_ in ("ccomp", "dobj") and c.pos_ != "PRON"
                                                          for c in verb.children):
        return
    preps = TOPIC_VERBS[lemma]
    prep = next((c for c in verb.rights if c.dep_ == "prep" and c.lower_ in preps), None)
    if prep is None:  # "spoke out against …": the particle stands between
        prt = next((c for c in verb.rights if c.dep_ == "prt"), None)
        prep = next((c for c in (prt.rights if prt is not None else ()) if c.dep_ == "prep"
                     and c.lower_ in (*preps, "against")), None)  # "spoke out against …", not "spoke against a wall"
    pobj = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")] if prep is not None else []
    if not pobj:
        return
    start, end = _clause_span(ctx, si, pobj[0])
    _add_object(ctx, si, args, verb, "reported-topic", prep, start, end, found)


def _speech_object(ctx: Ctx, si: int, args: Args, verb: "Token", found: _Statements) -> None:
    """'X offered condolences to the families', 'X expressed concern about the policy', 'X voiced support
    for the plan' (``reported-object``): a noun of what is said or felt, given or shown, is a statement;
    its content is what it is about (its that-clause or its "about", "over", "for", "with" phrase) or
    else the noun's own phrase when it says more than the noun ("offered some pointed advice"; not "expressed
    regret"). Not with "no", "few" ("offered no comment"); "raise" only concerns, doubts, objections and
    questions (not "raised hopes")."""
    if _unrealised(verb) or _first_person(verb):
        return
    raising = verb.lemma_.lower() == "raise"
    obj = next((c for c in verb.children if c.dep_ == "dobj" and (c.lower_ in _RAISED if raising else
                                                                   c.lemma_.lower() in SPEECH_OBJECTS)), None)
    if obj is None or any(c.lower_ in ("no", "any", "few", "little") for c in obj.lefts):
        return
    about = [c for c in obj.children if c.dep_ in ("acl", "ccomp") and any(
        m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
    if not about:
        prep = next((c for c in obj.rights if c.dep_ == "prep" and c.lower_ in ("about", "over", "for", "with", "at",
                                                                                 "on", "of", "to", "regarding")), None)
        about = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")] if prep is not None and prep.lower_ not in (
            "to",) else []
    if not about and verb.lemma_.lower() in ("express", "voice", "raise"):  # "expressed concern that …"
        about = [c for c in verb.children if c.dep_ == "ccomp" and c.i > obj.i]
    if about:
        start, end = _clause_span(ctx, si, about[0])
    else:
        toks = sorted([*obj.subtree, *_object_tail(verb, max(obj.subtree, key=lambda t: t.i).i)], key=lambda t: t.i)
        if len([t for t in toks if not t.is_punct]) < 3:
            return  # "expressed regret", "gave his support": a stance with nothing said of what
        start, end = ctx.char_span(si, toks[0], toks[-1])
    _add_object(ctx, si, args, verb, "reported-object", obj, start, end, found)


#: verbs that report words with a particle ("pointed out that …", "spelled out that …")
_POINTING_VERBS = {"point": "out", "spell": "out"}


def _that_clause(ctx: Ctx, si: int, args: Args, verb: "Token", lemma: str, found: _Statements) -> None:
    """'X joked that …', 'X boasted that …', 'X pointed out that …' (``reported-clause``): a verb that
    mostly introduces quoted words, or a verb of speech only with its particle, reports a clause that
    "that" opens."""
    if lemma in _POINTING_VERBS and not any(c.dep_ == "prt" and c.lower_ == _POINTING_VERBS[lemma]
                                            for c in verb.children):
        return
    clauses = [c for c in verb.children if c.dep_ == "ccomp"
               and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
    if not clauses or lemma in CLAUSE_VERBS or _unrealised(verb) or _first_person(verb):
        return
    speaker = speaker_of(args, verb)
    source = source_span(ctx, si, verb)
    if _no_source(source, speaker):
        return
    cue_last = max((c for c in verb.children if c.dep_ == "prt"), key=lambda t: t.i, default=verb)
    start, end = _clause_span(ctx, si, clauses[0])
    found.add("reported-clause", verb, cue_last, start, end, speaker, source, verb, _hedge(verb))


def _parenthetical(ctx: Ctx, si: int, args: Args, verb: "Token", found: _Statements) -> None:
    """'Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt' parsed as a side remark
    (``reported-parenthetical``): the clause the attribution interrupts, from its first to its last word."""
    if _unrealised(verb) or _first_person(verb):
        return
    toks = sorted(verb.head.subtree, key=lambda t: t.i)
    if any(t.text in QUOTE_MARKS for t in toks):
        return  # a quotation records these words
    speaker = speaker_of(args, verb)
    source = source_span(ctx, si, verb)
    if _no_source(source, speaker):
        return
    start, end = ctx.char_span(si, toks[0], toks[-1])
    found.add("reported-parenthetical", verb, verb, start, end, speaker, source, verb, _hedge(verb))


def _resumed_end(ctx: Ctx, si: int, verb: "Token") -> int:
    """Where the content ends when the attribution interrupts it ('Lenox was a juggernaut, Mr. Clarke
    said, until it went bankrupt'): the end of the sentence when a comma after the verb and its own
    words is followed by more of the sentence that is not another verb of speech ('…, adding that');
    otherwise 0."""
    toks = ctx.tokens(si)
    _, end = ctx.sentence_bounds(si, verb.i)
    i = verb.i + 1
    while i < end and toks[i].text != "," and toks[i].text not in ".!?;:" and i - verb.i <= 8:
        i += 1
    if i >= end - 1 or toks[i].text != "," or any(t.text in QUOTE_MARKS for t in toks[ctx.sentence_bounds(si, verb.i)[0]:end]):
        return 0  # no comma after the attribution, or a quotation in the sentence: it records those words
    nxt = toks[i + 1]
    if nxt.lemma_.lower() in CLAUSE_VERBS or nxt.lower_ in ("and", "but", "who", "which") or nxt.is_punct \
            or any(t.text in QUOTE_MARKS for t in toks[i + 1:end]):
        return 0
    last = toks[end - 1]
    return ctx.char_span(si, last, last)[1]


def _clause_span(ctx: Ctx, si: int, clause: "Token") -> tuple[int, int]:
    toks = list(clause.subtree)
    return ctx.char_span(si, toks[0], toks[-1])


#: every verb some rule of this module reads (a verb outside it is passed over at once)
_ANY_SPEECH_VERB = (CLAUSE_VERBS | INFINITIVE_VERBS | OBJECT_VERBS | _NAMING_VERBS | QUOTING_VERBS
                    | frozenset(_POINTING_VERBS) | frozenset(TOPIC_VERBS) | _GIVING_VERBS)


def find_reported(ctx: Ctx, role_person: dict[tuple[int, int], str], published: date | None,
                  quotes: tuple[Quote, ...]) -> tuple[Quote, ...]:
    """Reported statements of every segment, in text order (``direct`` false)."""
    result: list[Quote] = []
    for si, seg in enumerate(ctx.segments):
        args = Args(ctx, si, role_person)
        quoted = ctx.quotations(si)
        found = _Statements(ctx, si, quotes, published)
        for tok in ctx.tokens(si):
            if tok.lower_ in ATTITUDE_WORDS:
                _attitude(ctx, si, args, quoted, tok, found)
            if tok.pos_ != "VERB" or _inside(quoted, tok.idx):
                continue
            lemma = speech_lemma(tok)
            if lemma not in _ANY_SPEECH_VERB or finds_out(tok):
                continue  # ("confirmed the whereabouts of X": found out, not said)
            if lemma in OBJECT_VERBS or lemma in _NAMING_VERBS or (
                    lemma in REPORTING_VERBS and any(c.dep_ == "agent" for c in tok.children)):  # "was reported by X"
                _object_content(ctx, si, args, tok, found)
            if lemma in QUOTING_VERBS or lemma in _POINTING_VERBS:
                _that_clause(ctx, si, args, tok, lemma, found)
            if lemma in TOPIC_VERBS:
                _topic(ctx, si, args, tok, lemma, found)
            if lemma in _GIVING_VERBS:
                _speech_object(ctx, si, args, tok, found)
            if lemma not in CLAUSE_VERBS and lemma not in INFINITIVE_VERBS:
                continue
            clauses = [c for c in tok.children if c.dep_ == "ccomp"] if lemma in CLAUSE_VERBS else []
            if not clauses and lemma in CLAUSE_VERBS and tok.dep_ == "parataxis" and tok.head.pos_ in ("VERB", "AUX") \
                    and any(c.dep_ == "nsubj" for c in tok.children):
                _parenthetical(ctx, si, args, tok, found)
                continue
            comps = [c for c in tok.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")
                     and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)] \
                if lemma in INFINITIVE_VERBS and not clauses else []
            if not comps and lemma in INFINITIVE_VERBS and not clauses:  # "voted 9-2 to close …" parsed as a purpose
                comps = [c for c in tok.rights if c.dep_ == "advcl" and c.pos_ == "VERB" and c.left_edge.lower_ == "to"
                         and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                         and not any(a.dep_ == "nsubj" for a in c.children)][:1]
            if not (clauses or comps) or _unrealised(tok) or _first_person(tok):
                continue
            speaker = speaker_of(args, tok)
            source = source_span(ctx, si, tok)
            if _no_source(source, speaker):
                continue
            sources = [(speaker, source)] if speaker is not None else _joint_sources(args, tok) or [(None, source)]
            for n, (speaker, source) in enumerate(sources):
                for clause in clauses:
                    start, end = _clause_span(ctx, si, clause)
                    if clause.i < tok.i:
                        end = max(end, _resumed_end(ctx, si, tok))
                    found.add("reported-clause", tok, tok, start, end, speaker, source, tok, _hedge(tok), n)
                if comps:
                    start, end = _clause_span(ctx, si, comps[0])
                    more = [c for c in tok.rights if c.dep_ == "conj" and c.tag_ == "VB" and c.i > comps[0].i]
                    if more:  # "agreed to cut fees and open more branches": the bare verb goes on with it
                        end = max(end, _clause_span(ctx, si, more[-1])[1])
                    obj = [c for c in tok.children if c.dep_ == "dobj" and c.i < comps[0].i]
                    if obj:  # "urged Congress to act": who is urged belongs to the content
                        start = ctx.char_span(si, min(obj[0].subtree, key=lambda t: t.i), obj[0])[0]
                    found.add("reported-infinitive", tok, tok, start, end, speaker, source, tok, _hedge(tok), n)
        _noun_content(ctx, si, args, quoted, found)
        _headline_colon(ctx, si, found)
        _according_to(ctx, si, args, quoted, found)
        result.extend(found.out.values())
    return tuple(sorted(result, key=lambda q: (q.start, q.key)))


#: nouns of saying or believing whose that-clause is what the possessor said ("Trump's claim that …")
CLAIM_NOUNS = frozenset(
    "claim statement assertion argument warning suggestion belief view promise pledge announcement allegation "
    "accusation insistence contention prediction admission denial assurance remark comment charge emphasis "
    "acknowledgment acknowledgement conclusion finding recognition concern message report suspicion fear hope "
    "complaint bet".split())


#: nouns of intending or proposing whose to-clause is what the possessor intends or proposes ("Clinton's
#: plan to raise taxes", "his refusal to testify")
INTENT_NOUNS = frozenset(
    "plan proposal promise pledge vow threat offer demand call refusal decision intention determination "
    "eagerness reluctance commitment desire willingness readiness intent goal aim".split())
#: nouns of saying or judging, with the prepositions after which comes what the possessor spoke of or
#: judged ("his remarks about women", "her criticism of the bank", "their support for the bill")
TOPIC_NOUNS: dict[str, tuple[str, ...]] = {
    "claim": ("about",), "comment": ("about", "on"), "remark": ("about", "on"), "criticism": ("of",),
    "support": ("for",), "praise": ("for",), "opposition": ("to",), "view": ("on", "of", "about"),
    "position": ("on",), "estimate": ("of",), "warning": ("about", "of"), "concern": ("about", "over"),
    "statement": ("on", "about"), "accusation": ("of", "against"), "endorsement": ("of",), "attack": ("on",),
    "call": ("for",), "demand": ("for",), "denial": ("of",), "defense": ("of",), "defence": ("of",),
    "theory": ("of", "about", "on"), "idea": ("about", "on", "for"), "rhetoric": ("about", "on"),
    "message": ("of", "about", "on"), "record": ("on",), "commitment": ("to",), "adulation": ("of",),
    "obsession": ("with",), "assessment": ("of",), "opinion": ("of", "on", "about"), "complaint": ("about",),
    "stance": ("on",), "verdict": ("on",), "rejection": ("of",)}


def _noun_content(ctx: Ctx, si: int, args: Args, quoted: list[tuple[int, int]], found: _Statements) -> None:
    """'Trump's claim that there have been thousands of shootings' (``reported-noun``): the that-clause of
    a noun of saying is what its possessor said; the to-clause of a noun of intending what the possessor
    intends ('Clinton's plan to raise taxes'); the object of a noun of saying or judging what the
    possessor spoke of ('his remarks about women', 'her support for the bill')."""
    for tok in ctx.tokens(si):
        lemma = tok.lemma_.lower()
        if tok.pos_ != "NOUN" or _inside(quoted, tok.idx) or not (
                lemma in CLAIM_NOUNS or lemma in INTENT_NOUNS or lemma in TOPIC_NOUNS):
            continue
        owner = [c for c in tok.children if c.dep_ == "poss"]
        if not owner or owner[0].lower_ in ("my", "our", "your"):
            continue
        clauses = [c for c in tok.children if c.dep_ in ("acl", "ccomp") and c.pos_ in ("VERB", "AUX")
                   and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)] \
            if lemma in CLAIM_NOUNS else []
        if not clauses and lemma in CLAIM_NOUNS and tok.dep_ == "nsubj" and tok.head.lemma_ == "be":
            # "his view is that …": the clause the noun is said to be
            clauses = [c for c in tok.head.children if c.dep_ == "ccomp" and c.i > tok.head.i
                       and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
        if not clauses and lemma in INTENT_NOUNS:  # "Clinton's plan to raise taxes"
            clauses = [c for c in tok.children if c.dep_ == "acl" and c.pos_ in ("VERB", "AUX")
                       and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
        cue_last = tok
        if not clauses and lemma in TOPIC_NOUNS:  # "his remarks about women", "her support for the bill"
            prep = next((c for c in tok.rights if c.dep_ == "prep" and c.lower_ in TOPIC_NOUNS[lemma]), None)
            pobj = [c for c in prep.children if c.dep_ == "pobj"] if prep is not None else []
            if pobj:
                clauses, cue_last = pobj[:1], prep
        if not clauses:
            continue
        ents = [a for a in args.entities(owner[0]) if a.entity is not None]
        speaker = ents[0] if len(ents) == 1 and not never_speaks(ctx, ents[0].entity) else None
        if speaker is None:
            continue
        start, end = _clause_span(ctx, si, clauses[0])
        found.add("reported-noun", tok, cue_last, start, end, speaker, None, tok, _hedge(tok))


def _attitude(ctx: Ctx, si: int, args: Args, quoted: list[tuple[int, int]], tok: "Token", found: _Statements) -> None:
    """'The minister is confident that the deal will hold', 'Residents were frustrated that …'
    (``reported-attitude``): the clause of an adjective of a state of mind is what its subject believes,
    fears or hopes; not after "so" or "such" ("so tired that she slept": a consequence), nor of "it"; a
    pronoun is its subject only in what someone says of himself ("X says he is confident that …")."""
    if tok.pos_ not in ("ADJ", "VERB") or _inside(quoted, tok.idx) or (
            tok.pos_ == "VERB" and speech_lemma(tok) in CLAUSE_VERBS):  # "worried that …": the verb's own rule
        return
    clauses = [c for c in tok.children if c.dep_ == "ccomp"
               and (any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
                    or any(n.dep_ in ("nsubj", "nsubjpass") for n in c.children))]
    if not clauses or any(c.lower_ in ("so", "such", "too") for c in tok.children):
        return
    holder = tok.head if tok.dep_ == "acomp" else tok
    if _unrealised(holder) or _first_person(holder):
        return
    subj = [c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subj or subj[0].lower_ in ("it", "this", "that", "there", "what"):
        return
    if subj[0].dep_ == "nsubjpass":  # "Residents were frustrated": a state, not a passive act
        ents = [a for a in args.entities(subj[0]) if not never_speaks(ctx, a.entity)]
        speaker = ents[0] if len(ents) == 1 else None
    else:
        speaker = speaker_of(args, holder)
    if subj[0].pos_ == "PRON":  # "X says he is confident …": "he" only as the one saying so
        outer = speaker_of(args, holder.head) if speech_lemma(holder.head) in CLAUSE_VERBS else None
        if speaker is None or outer is None or outer.entity != speaker.entity:
            return
    first, last = noun_phrase_with_det(subj[0])
    s_start, s_end = ctx.char_span(si, first, last)
    m = ctx.mention_at(si, subj[0].i)
    source = Span(m.start, m.end, m.text) if m is not None and m.key else \
        Span(s_start, s_end, ctx.document.text[s_start:s_end])
    if _no_source(source, speaker):
        return
    start, end = _clause_span(ctx, si, clauses[0])
    found.add("reported-attitude", tok, tok, start, end, speaker, source, tok, _hedge(holder))


def _headline_colon(ctx: Ctx, si: int, found: _Statements) -> None:
    """'Sanders: Clinton needs to …' (``reported-headline``): a headline that is a name, a colon and words
    gives those words as what the one named said."""
    toks = ctx.tokens(si)
    headed = headline_speaker(ctx, si, len(toks), name_only=True)
    if headed is None:
        return
    speaker, colon = headed
    rest = [t for t in toks[colon.i + 1:] if not t.is_space]
    if not rest:
        return
    start, end = ctx.char_span(si, rest[0], rest[-1])
    found.add("reported-headline", colon, colon, start, end, speaker, Span(speaker.start, speaker.end, speaker.text),
              None, None, verb_label="say")


def _according_to(ctx: Ctx, si: int, args: Args, quoted: list[tuple[int, int]], found: _Statements) -> None:
    """'According to X, …' and '…, according to X': the sentence on the other side of the phrase."""
    toks = ctx.tokens(si)
    for tok in toks:
        if tok.lower_ != "according" or tok.i + 1 >= len(toks) or toks[tok.i + 1].lower_ != "to" \
                or _inside(quoted, tok.idx):
            continue
        to = toks[tok.i + 1]
        pobj = [c for c in to.children if c.dep_ == "pobj"]
        if not pobj:
            continue
        ents = [a for a in args.entities(according_to_source(args, tok, pobj[0])) if a.entity is not None]
        speaker = ents[0] if len(ents) == 1 else None
        if speaker is not None and str(ctx.entity_info.get(speaker.entity or "", {}).get("type")) in (
                "City", "Place"):
            speaker = None
        source = source_span(ctx, si, tok)
        if source is not None and source.text.lower() in _FIRST_PERSON:
            continue
        first_i, end_i = ctx.sentence_bounds(si, tok.i)
        phrase_last = max(max(pobj[0].subtree, key=lambda t: t.i).i, to.i)
        before = (toks[first_i], toks[tok.i - 1]) if tok.i > first_i else None
        after = (toks[phrase_last + 1], toks[end_i - 1]) if phrase_last + 1 < end_i else None
        sides = [s for s in (before, after) if s is not None]
        if not sides:
            continue
        spans = [ctx.char_span(si, a, b) for a, b in sides]
        start, end = max(spans, key=lambda se: se[1] - se[0])
        found.add("reported-according-to", tok, to, start, end, speaker, source, None, "according to")


def mixed_quotations(quotes: tuple[Quote, ...]) -> tuple[Quote, ...]:
    """A direct quotation with no speaker named inside the content of a reported statement that has
    one (a mixed quotation: 'Trump's claim that there have been “thousands of shootings”') is that
    speaker's words (``quote-in-statement``): it takes the statement's speaker, cue, source, verb, date
    and hedge. ``quotes`` in text order, direct and reported."""
    statements = [q for q in quotes if not q.direct and q.speaker is not None]
    out = []
    for q in quotes:
        if q.direct and q.speaker is None and q.source is None:
            outer = [s for s in statements if s.start <= q.start and q.end <= s.end]
            if outer:
                s = min(outer, key=lambda s: s.end - s.start)
                q = replace(q, speaker=s.speaker, cue=s.cue, source=s.source, verb=s.verb, date=s.date,
                            hedge=s.hedge, rule="quote-in-statement",
                            sentence_start=min(q.sentence_start, s.sentence_start),
                            sentence_end=max(q.sentence_end, s.sentence_end))
        out.append(q)
    return tuple(out)
