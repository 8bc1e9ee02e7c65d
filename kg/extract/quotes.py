"""Direct quotations and their speakers.

Quotation marks are paired in the text of each segment (:mod:`kg.extract.quotemarks`). The quote is
the text between the marks, without a trailing comma. Each quote names the rule that found its
speaker (``Quote.rule``):

* ``quote-verb``: the verb of speech that governs the quotation in the parse (an ancestor of its
  words: "“…,” he said", "X said … “…”", "she asked", "protesters chanted"); a subjectless
  participle ("…, saying “…”") takes the subject of the verb of speech above it;
* ``quote-naming-verb``: the subject of a naming verb the quotation completes ('X called the bill
  "a surrender"', 'X describes the market as "shot to pieces"');
* ``quote-sentence-verb``: else a verb of speech in the sentence that holds the closing mark, not
  across a paragraph;
* ``quote-sentence-before``: a quotation that is a sentence of its own, with no verb of speech, takes
  the speaker the sentence before reports ("X says … . “…”");
* ``quote-adjacent-name``: a name between the closing mark and a verb of speech, or right after the
  verb, when the parse did not make it the verb's subject ('"…," Tulsa police Chief Ann Lee said',
  '"…," Ann Lee, a lawyer, told me', '"…," said Ann Lee');
* ``quote-according-to``: "according to X" in the sentence names X;
* ``quote-transcript``: the speaker a transcript names before a colon ('"PENCE: …"');
* ``quote-headline``: the person or body a headline names first, before a colon ahead of the quotation
  ('Senator Hammers Bank Chief: "You Should Be Investigated"');
* ``quote-dash-name``: a name signed after a dash behind the closing mark ('“…” ― Carla Sanchez');
* ``quote-run-on``: a quotation with no speaker named that runs straight into the next quotation takes
  that one's speaker;
* ``quote-continued``: one that opens the sentence right after another speaker's quotation and its
  attribution continues it;
* ``quote-split``: one right after another quotation's attribution in the same sentence goes on with
  those words ('"My hope," he said, "is that …"');
* ``quote-unattributed``: none of these: a quotation with no speaker.

Pronoun subjects are resolved by coreference (:mod:`kg.extract.coref`), unnamed sources ("a
spokesman", "the report") by :mod:`kg.extract.sources`. The quote's cue is the verb of speech (or
"according to"), its source the words naming the speaker, its date the date attached to the verb.
The quote's evidence (``sentence_start``/``sentence_end``) reaches the sentence that names the
speaker.

A single quoted word, and a title or name in quotation marks that no verb of speech governs and
nobody is said to speak ("“Moulin Rouge”", "“A Beautiful Mind”"), are not quotes.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from kg.extract.args import Arg, Args
from kg.extract.context import Ctx, RawMention
from kg.extract.events import according_to, date_of, hedge_of, speaker_of
from kg.extract.lexicon import REPORTING_VERBS
from kg.extract.quotemarks import QUOTE_MARKS
from kg.extract.speech import BELIEF_VERBS, QUOTING_VERBS
from kg.types import Quote, Span

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["find_quotes", "headline_speaker", "source_span"]

#: verbs of speech looked for in the sentence of a quotation none governs ("continue" and "read" only
#: when they govern it: "the economy continued to grow" is no one speaking)
_SENTENCE_VERBS = REPORTING_VERBS | (QUOTING_VERBS - {"continue", "read", "laugh"})
#: verbs of speech, finding or quoting that govern a quotation in the parse ("he concluded: “…”")
_GOVERNING_VERBS = REPORTING_VERBS | QUOTING_VERBS | BELIEF_VERBS

def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


# verbs that name what something is in someone's words: 'X called the bill "a surrender"',
# 'she described the plan as "a disaster"'
_NAMING_VERBS = frozenset({"call", "describe", "label", "dub", "brand", "term"})


def _governing_verb(tokens: list["Token"]) -> "Token | None":
    for tok in tokens:
        for anc in tok.ancestors:
            if anc in tokens:
                continue
            if anc.pos_ == "VERB" and anc.lemma_.lower() in _GOVERNING_VERBS:
                return anc
    for tok in tokens:  # the quotation is what the subject of a naming verb calls something
        head = tok.head
        if head in tokens:
            continue
        if tok.dep_ == "oprd" and head.lemma_.lower() in _NAMING_VERBS:
            return head
        if tok.dep_ == "pobj" and head.lower_ == "as" and head.head.lemma_.lower() in _NAMING_VERBS:
            return head.head
    return None


_SPEAKER_TYPES = frozenset({"Person", "Organization", "Country", "Group", "CreativeWork"})


def _adjacent_name(ctx: Ctx, si: int, last: "Token") -> "tuple[Token, Arg] | None":
    """The speaker named between a closing quotation mark and a verb of speech, or right after the
    verb ('"…," Tulsa police Chief Ann Lee said Monday', '"…," Ann Lee, a lawyer, told me', '"…,"
    said Ann Lee'), read from the words when the parse did not make the name the verb's subject.
    ``last`` is the quotation's last token; returns (verb, speaker)."""
    toks = ctx.tokens(si)
    _, end = ctx.sentence_bounds(si, last.i)
    i = last.i + 1
    while i < end and (toks[i].is_punct and toks[i].text not in ("(", ")")):
        i += 1  # the closing mark and a comma
    window = toks[i:min(end, i + 25)]
    verb_at = next((k for k, t in enumerate(window) if t.pos_ == "VERB" and not ctx.covered(si, t.i)), None)
    if verb_at is None or window[verb_at].lemma_.lower() not in _SENTENCE_VERBS | BELIEF_VERBS:
        return None  # no verb, or another verb first (a verb inside a name is a tagging slip: 'Tulsa')
    verb = window[verb_at]
    if "\n" in ctx.segment_text(si)[last.idx:verb.idx]:
        return None  # a new paragraph after the quotation: its first sentence attributes something else

    def speaker_at(k: int) -> Arg | None:
        m = ctx.mention_at(si, window[k].i)
        if m is None or not m.key or str(ctx.entity_info.get(m.key, {}).get("type")) not in _SPEAKER_TYPES:
            return None
        return Arg(m.key, m.text, m.start, m.end)

    before = window[:verb_at]
    if any(t.text in QUOTE_MARKS for t in before):
        return None
    if before:
        comma = next((k for k, t in enumerate(before) if t.text == ","), None)
        if comma is not None and before[-1].text != ",":
            return None  # '"…," X, who …, said': the name is not next to the verb and no apposition closes
        span = range(comma - 1, -1, -1) if comma is not None else range(len(before) - 1, -1, -1)
        for k in span:
            found = speaker_at(k)
            if found is not None:
                return verb, found
        return None
    for k in range(verb_at + 1, min(len(window), verb_at + 6)):  # '"…," said Ann Lee'
        if window[k].text in (",", ".") or window[k].text in QUOTE_MARKS:
            break
        found = speaker_at(k)
        if found is not None:
            return verb, found
    return None


_DASHES = ("―", "—", "–", "--", "-")


def _dash_name(ctx: Ctx, si: int, last: "Token") -> "Arg | None":
    """The speaker signed after a dash right behind the closing mark ('“…” ― Carla Sanchez', '"…" --
    Ann Lee, a nurse'), as in collections of readers' or voters' words."""
    toks = ctx.tokens(si)
    i = last.i + 1
    while i < len(toks) and (toks[i].is_space or toks[i].text in QUOTE_MARKS | {",", "."}):
        i += 1
    if i >= len(toks) or toks[i].text.lstrip("".join(QUOTE_MARKS)) not in _DASHES:
        return None  # a dash, also written against the closing mark ('”―')
    i += 1
    while i < len(toks) and (toks[i].text in _DASHES or toks[i].is_space):
        i += 1
    m = ctx.mention_at(si, i) if i < len(toks) else None
    if m is None or not m.key or m.tok_start != i or str(ctx.entity_info.get(m.key, {}).get("type")) not in _SPEAKER_TYPES:
        return None
    return Arg(m.key, m.text, m.start, m.end)


def _transcript_label(ctx: Ctx, si: int, inside: list["Token"]) -> "tuple[Arg, Token] | None":
    """The speaker a transcript names before a colon at the start of the quotation ('"WALLACE: Let's
    start …"', '"Ann Lee: We …"'): a person named there, or a surname in capitals of the one person of
    the document with that surname; returns (speaker, colon)."""
    colon = next((k for k, t in enumerate(inside[:5]) if t.text == ":"), None)
    if not colon:
        return None
    label = inside[:colon]
    if not all(t.is_alpha and t.text[:1].isupper() for t in label):
        return None
    m = ctx.mention_at(si, label[0].i)
    if m is not None and m.key and m.tok_end <= inside[colon].i:
        if str(ctx.entity_info.get(m.key, {}).get("type")) != "Person":
            return None
        return Arg(m.key, m.text, m.start, m.end), inside[colon]
    if m is not None or not all(t.is_upper and len(t) > 1 for t in label):
        return None
    surname = label[-1].text.lower()
    persons = [k for k, v in ctx.entity_info.items() if v.get("type") == "Person" and any(
        str(name).split()[-1].lower() == surname for name in (v.get("labels") or {}))]
    if len(persons) != 1:
        return None
    start, end = ctx.char_span(si, label[0], label[-1])
    ctx.add_mention(RawMention(si, label[0].i, label[-1].i + 1, start, end, ctx.document.text[start:end], "PERSON",
                               "surname", key=persons[0], head_dep=label[-1].dep_))
    return Arg(persons[0], ctx.document.text[start:end], start, end), inside[colon]


def headline_speaker(ctx: Ctx, si: int, at: int, name_only: bool = False) -> "tuple[Arg, Token] | None":
    """The speaker a headline names before a colon ahead of token ``at`` ('Sanders: Clinton needs to …',
    'Senator Hammers Bank Chief: "You Should …"'): a person or body named first in the headline, the
    whole of what comes before the colon when ``name_only``; returns (speaker, colon)."""
    if ctx.segments[si].name != "headline":
        return None
    toks = ctx.tokens(si)
    first = next((t for t in toks if not t.is_space and t.text not in QUOTE_MARKS), None)
    colon = next((t for t in toks[:at] if t.text == ":"), None)
    if first is None or colon is None or colon.i - first.i > 12:
        return None
    m = ctx.mention_at(si, first.i)
    if m is None or not m.key or m.tok_start != first.i or (name_only and m.tok_end != colon.i):
        return None
    if str(ctx.entity_info.get(m.key, {}).get("type")) not in ("Person", "Organization", "Group", "CreativeWork"):
        return None
    return Arg(m.key, m.text, m.start, m.end), colon


def _reported_before(ctx: Ctx, si: int, args: Args, first: "Token") -> "tuple[Token, Arg, int] | None":
    """For a quotation that is a sentence of its own, with no verb of speech: the speaker the sentence
    before reports ('Mr Rehman says … . "The war is over."'), with that verb and where that sentence
    starts in the document; None when that sentence reports no one, or quotes someone itself."""
    toks = ctx.tokens(si)
    start, _ = ctx.sentence_bounds(si, first.i)
    if any(not t.is_punct and not t.is_space for t in toks[start:first.i]) or start == 0:
        return None  # words before the quotation in its sentence, or no sentence before
    prev_start, _ = ctx.sentence_bounds(si, start - 1)
    prev = toks[prev_start:start]
    if any(t.text in QUOTE_MARKS for t in prev):
        return None
    for verb in prev:
        if verb.dep_ == "ROOT" and verb.pos_ == "VERB" and verb.lemma_.lower() in REPORTING_VERBS:
            speaker = speaker_of(args, verb)
            idx = ctx.sentence_of(si, verb)
            if speaker is not None and idx >= 0:
                return verb, speaker, ctx.sentences[idx].start
    return None


def source_span(ctx: Ctx, si: int, verb: "Token") -> Span | None:
    """The words naming who speaks through ``verb``: its subject's phrase ("she", "a spokesman for the
    union"), the agent of a passive ("by the ministry"), the object of "according to"; None when the
    verb has none of its own ("…, saying")."""
    if verb.lower_ == "according" and verb.i + 1 < len(verb.doc):
        heads = [c for c in verb.doc[verb.i + 1].children if c.dep_ == "pobj"]
    else:
        heads = [c for c in verb.children if c.dep_ == "nsubj"] or [
            o for a in verb.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"]
    quoted = ctx.quotations(si)
    heads = [h for h in heads if not any(s <= h.idx < e for s, e in quoted)]  # not a word of the quotation
    if not heads:
        return None
    head = min(heads, key=lambda h: ctx.mention_at(si, h.i) is None)
    m = ctx.mention_at(si, head.i)
    if m is not None and m.key:
        return Span(m.start, m.end, m.text)
    first, last = noun_phrase_with_det(head)
    start, end = ctx.char_span(si, first, last)
    return Span(start, end, ctx.document.text[start:end])


def noun_phrase_with_det(head: "Token") -> tuple["Token", "Token"]:
    """First and last token of the noun phrase headed by ``head``, with its article and modifiers,
    without clauses or appositions after it."""
    lefts = [t for t in head.lefts if t.dep_ not in ("punct", "cc")]
    first = min((t.left_edge for t in lefts), key=lambda t: t.i) if lefts else head
    last = head
    for r in head.rights:
        if r.dep_ == "prep" and r.i == last.i + 1:
            last = max(r.subtree, key=lambda t: t.i)
        else:
            break
    while last.i > head.i and last.is_punct:
        last = head.doc[last.i - 1]
    return first, last


def find_quotes(ctx: Ctx, role_person: dict[tuple[int, int], str], published: date | None) -> tuple[Quote, ...]:
    text = ctx.document.text
    result: list[Quote] = []
    for si, seg in enumerate(ctx.segments):
        quotes: list[Quote] = []
        titles: set[str] = set()  # keys of quotations no verb of speech governs that read as titles
        args = Args(ctx, si, role_person)
        doc = seg.doc
        for q_start, q_end in ctx.quotations(si):
            start, end = _trim(text, seg.offset + q_start, seg.offset + q_end)
            key = f"{ctx.document.id}/q{start}"
            if end - start < 2 or len(text[start:end].split()) < 2:
                continue  # a single quoted word is a scare quote or a title
            inside = ctx.tokens_between(si, q_start, q_end)
            if not inside:
                continue
            verb = _governing_verb(inside)
            rule = "quote-unattributed"
            if verb is not None:
                rule = "quote-naming-verb" if verb.lemma_.lower() in _NAMING_VERBS else "quote-verb"
            else:
                after = inside[-1].i + 1
                close_tok = doc[after] if after < len(doc) else inside[-1]
                seg_text = ctx.segment_text(si)  # (not doc.text: a Doc rebuilds its text on every call)
                verbs = [t for t in ctx.sentence_tokens(si, close_tok.i)
                         if t.pos_ == "VERB" and t.lemma_.lower() in _SENTENCE_VERBS and not (q_start <= t.idx < q_end)
                         and "\n" not in seg_text[min(t.idx, q_end):max(t.idx, q_start)]]  # not across a paragraph
                verb = min(verbs, key=lambda t: abs(t.idx - q_end)) if verbs else None
                if verb is not None:
                    rule = "quote-sentence-verb"
            speaker = speaker_of(args, verb) if verb is not None else None
            source = source_span(ctx, si, verb) if verb is not None else None
            before = None  # the sentence before, when it names the speaker
            if verb is None:
                found = _reported_before(ctx, si, args, inside[0])
                if found is not None:
                    verb, speaker, before = found
                    rule = "quote-sentence-before"
                    source = Span(speaker.start, speaker.end, speaker.text)
            if verb is None and _is_title(text[start:end]):
                titles.add(key)
            when = date_of(ctx, si, verb, published)[0] if verb is not None else None
            hedge = None
            cue_tok = verb
            if speaker is None:
                acc = according_to(args, inside[-1])
                if acc is not None:
                    cue_tok, speaker, hedge = acc[0], acc[1], "according to"
                    rule = "quote-according-to"
                    source = Span(speaker.start, speaker.end, speaker.text)
            elif verb is not None:
                hedge = hedge_of(ctx, si, verb)
                if hedge not in ("reportedly", "allegedly"):
                    hedge = None
            if speaker is None and (source is None or verb is None or verb.i < inside[-1].i):
                adjacent = _adjacent_name(ctx, si, inside[-1])
                if adjacent is not None:
                    verb, speaker = adjacent
                    cue_tok, rule, hedge = verb, "quote-adjacent-name", None
                    source = Span(speaker.start, speaker.end, speaker.text)
                    when = date_of(ctx, si, verb, published)[0]
            if source is None and speaker is not None:  # '…, saying': the words that name the speaker above
                source = Span(speaker.start, speaker.end, speaker.text)
            if speaker is None and source is None:
                headed = headline_speaker(ctx, si, inside[0].i)
                if headed is not None:
                    speaker, cue_tok = headed
                    rule, hedge, verb = "quote-headline", None, None
                    source = Span(speaker.start, speaker.end, speaker.text)
            if speaker is None and source is None:
                labelled = _transcript_label(ctx, si, inside)
                if labelled is not None:
                    speaker, cue_tok = labelled
                    rule, hedge, verb = "quote-transcript", None, None
                    source = Span(speaker.start, speaker.end, speaker.text)
                    start, end = _trim(text, ctx.char_span(si, cue_tok, cue_tok)[1], end)
            # a signature after a dash names the speaker, whatever verb the parse hung the quotation on
            signed = _dash_name(ctx, si, inside[-1])
            if signed is not None:
                before, verb, hedge, when = None, None, None, None
                speaker, rule, cue_tok = signed, "quote-dash-name", None
                source = Span(signed.start, signed.end, signed.text)
            if speaker is None and source is None:
                rule, cue_tok = "quote-unattributed", None
            cue = None
            if cue_tok is not None:
                c_start, c_end = ctx.char_span(si, cue_tok, cue_tok.doc[cue_tok.i + 1] if hedge == "according to"
                                               else cue_tok)
                cue = Span(c_start, c_end, text[c_start:c_end])
            sent_idx = ctx.sentence_of(si, inside[0])
            sent = ctx.sentences[sent_idx]
            s_start = min(sent.start, start) if before is None else before
            close_idx = ctx.sentence_of(si, inside[-1])
            s_end = max(ctx.sentences[close_idx].end, end)
            said_idx = ctx.sentence_of(si, verb) if verb is not None and speaker is not None else -1
            if said_idx >= 0 and before is None:  # the evidence holds the verb of speech
                s_start = min(s_start, ctx.sentences[said_idx].start)
                s_end = max(s_end, ctx.sentences[said_idx].end)
            quotes.append(Quote(
                key=key, text=text[start:end], start=start, end=end,
                sentence=sent_idx, sentence_start=s_start, sentence_end=s_end,
                speaker=speaker.entity if speaker else None,
                verb=verb.lemma_.lower() if verb is not None and speaker is not None and hedge != "according to"
                else ("according to" if hedge == "according to" else None),
                date=when, hedge=hedge, direct=True, cue=cue, source=source, rule=rule,
            ))
        result += [q for q in _run_on(_continued(quotes, text), text) if q.speaker is not None or q.key not in titles]
    return tuple(result)


#: words a title may hold in lower case ("A Beautiful Mind", "Lord of the Rings")
_TITLE_SMALL_WORDS = frozenset("a an the of and or in on at to for by with from de la le du".split())


def _is_title(quoted: str) -> bool:
    """Whether words in quotation marks are a title or a name rather than someone's words: a few
    words, each capitalised except small words, no sentence punctuation ("Moulin Rouge", "A Beautiful
    Mind", "Loya Jirga")."""
    words = quoted.split()
    return (1 <= len(words) <= 6 and words[0][:1].isupper() and not any(c in quoted for c in ",.;:!?")
            and all(w[:1].isupper() or w.lower() in _TITLE_SMALL_WORDS for w in words))


def _speaker_of_other(q: Quote, other: Quote, start: int, end: int, rule: str) -> Quote:
    """``q`` with the speaker, verb, date, hedge, cue and source of ``other``, its evidence widened to
    [start, end), found by ``rule``."""
    return replace(q, speaker=other.speaker, verb=other.verb, date=other.date, hedge=other.hedge, cue=other.cue,
                   source=other.source, rule=rule,
                   sentence_start=min(start, q.sentence_start), sentence_end=max(end, q.sentence_end))


def _continued(quotes: list[Quote], text: str) -> list[Quote]:
    """A quotation with no speaker that opens the sentence right after another speaker's quotation
    and its attribution ('"…," Mr Giuliani said. "This place has to …"') continues it: same speaker,
    verb and date, and its evidence reaches back to the sentence that names them. One segment's
    quotations, in order."""
    out = list(quotes)
    for i in range(1, len(out)):
        q, prev = out[i], out[i - 1]
        if q.speaker is None and q.source is None and prev.speaker is not None and prev.cue is not None \
                and prev.end <= prev.cue.start and prev.cue.end <= q.start and q.start - prev.end < 120 \
                and text[prev.cue.end:q.start].strip().rstrip("".join(QUOTE_MARKS)).rstrip().endswith(",") \
                and "." not in text[prev.cue.end:q.start]:
            # '"My hope," he said, "is that …"': the quotation its attribution interrupts goes on
            out[i] = _speaker_of_other(q, prev, prev.sentence_start, q.sentence_end, "quote-split")
            continue
        if q.speaker is None and q.source is None and prev.speaker is not None and prev.sentence_end <= q.start \
                and all(c.isspace() or c in QUOTE_MARKS for c in text[prev.sentence_end:q.start]):
            out[i] = _speaker_of_other(q, prev, prev.sentence_start, q.sentence_end, "quote-continued")
    return out


def _run_on(quotes: list[Quote], text: str) -> list[Quote]:
    """A quotation with no speaker that runs straight into the next one ('"… to rest. "We had …," she
    said') is the same speaker's: it takes that speaker, verb and date, and its evidence reaches to
    the sentence that names them. One segment's quotations, in order."""
    out = list(quotes)
    for i in range(len(out) - 2, -1, -1):
        q, nxt = out[i], out[i + 1]
        between = text[q.end:nxt.start]
        if q.speaker is None and q.source is None and nxt.speaker is not None and all(
                c.isspace() or c in QUOTE_MARKS or c in ".," for c in between):
            out[i] = _speaker_of_other(q, nxt, q.sentence_start, nxt.sentence_end, "quote-run-on")
    return out


