"""Direct quotations and their speakers.

Quotation marks are paired in the text of each segment (:mod:`kg.extract.quotemarks`). The quote is
the text between the marks, without a trailing comma.

The speaker is found from the reporting verb that governs the quotation
(an ancestor of its words in the parse: "“…,” he said", "X said … “…”"), or
else a reporting verb in the sentence that holds the closing mark; a
subjectless participle ("…, saying “…”") takes the subject of the reporting
verb above it; "according to X" names X. Pronoun subjects are resolved by
coreference. The quote's date is the date attached to that verb.

With no verb of speech of its own, a quotation that is a sentence of its own takes the speaker the
sentence before reports ("X says … . “…”"); one that runs straight into the next quotation takes
that one's speaker; one that opens the sentence right after another speaker's quotation and its
attribution continues it. The quote's evidence (``sentence_start``/``sentence_end``) reaches the
sentence that names the speaker.

A single quoted word, and a title or name in quotation marks that no verb of speech governs and
nobody is said to speak ("“Moulin Rouge”", "“A Beautiful Mind”"), are not quotes.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from kg.extract.args import Arg, Args
from kg.extract.context import Ctx
from kg.extract.events import according_to, date_of, hedge_of, speaker_of
from kg.extract.lexicon import REPORTING_VERBS
from kg.extract.quotemarks import QUOTE_MARKS
from kg.types import Quote

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["find_quotes"]

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
            if anc.pos_ == "VERB" and anc.lemma_.lower() in REPORTING_VERBS:
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


def _reported_before(ctx: Ctx, si: int, args: Args, first: "Token") -> "tuple[Token, Arg, int] | None":
    """For a quotation that is a sentence of its own, with no verb of speech: the speaker the sentence
    before reports ('Mr Rehman says … . "Bin Laden is gone."'), with that verb and where that sentence
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
            if verb is None:
                after = inside[-1].i + 1
                close_tok = doc[after] if after < len(doc) else inside[-1]
                verbs = [t for t in ctx.sentence_tokens(si, close_tok.i)
                         if t.pos_ == "VERB" and t.lemma_.lower() in REPORTING_VERBS and not (q_start <= t.idx < q_end)
                         and "\n" not in doc.text[min(t.idx, q_end):max(t.idx, q_start)]]  # not across a paragraph
                verb = min(verbs, key=lambda t: abs(t.idx - q_end)) if verbs else None
            speaker = speaker_of(args, verb) if verb is not None else None
            before = None  # the sentence before, when it names the speaker
            if verb is None:
                found = _reported_before(ctx, si, args, inside[0])
                if found is not None:
                    verb, speaker, before = found
            if verb is None and _is_title(text[start:end]):
                titles.add(key)
            when = date_of(ctx, si, verb, published)[0] if verb is not None else None
            hedge = None
            if speaker is None:
                acc = according_to(args, inside[-1])
                if acc is not None:
                    speaker, hedge = acc[1], "according to"
            elif verb is not None:
                hedge = hedge_of(ctx, si, verb)
                if hedge not in ("reportedly", "allegedly"):
                    hedge = None
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
                date=when, hedge=hedge,
            ))
        result += [q for q in _continued(_run_on(quotes, text), text) if q.speaker is not None or q.key not in titles]
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


def _speaker_of_other(q: Quote, other: Quote, start: int, end: int) -> Quote:
    """``q`` with the speaker, verb, date and hedge of ``other``, its evidence widened to [start, end)."""
    return replace(q, speaker=other.speaker, verb=other.verb, date=other.date, hedge=other.hedge,
                   sentence_start=min(start, q.sentence_start), sentence_end=max(end, q.sentence_end))


def _continued(quotes: list[Quote], text: str) -> list[Quote]:
    """A quotation with no speaker that opens the sentence right after another speaker's quotation
    and its attribution ('"…," Mr Giuliani said. "This place has to …"') continues it: same speaker,
    verb and date, and its evidence reaches back to the sentence that names them. One segment's
    quotations, in order."""
    out = list(quotes)
    for i in range(1, len(out)):
        q, prev = out[i], out[i - 1]
        if q.speaker is None and prev.speaker is not None and prev.sentence_end <= q.start \
                and all(c.isspace() or c in QUOTE_MARKS for c in text[prev.sentence_end:q.start]):
            out[i] = _speaker_of_other(q, prev, prev.sentence_start, q.sentence_end)
    return out


def _run_on(quotes: list[Quote], text: str) -> list[Quote]:
    """A quotation with no speaker that runs straight into the next one ('"… to rest. "We had …," she
    said') is the same speaker's: it takes that speaker, verb and date, and its evidence reaches to
    the sentence that names them. One segment's quotations, in order."""
    out = list(quotes)
    for i in range(len(out) - 2, -1, -1):
        q, nxt = out[i], out[i + 1]
        between = text[q.end:nxt.start]
        if q.speaker is None and nxt.speaker is not None and all(c.isspace() or c in QUOTE_MARKS or c in ".,"
                                                                for c in between):
            out[i] = _speaker_of_other(q, nxt, q.sentence_start, nxt.sentence_end)
    return out


