"""Entity mentions: named entities, group noun phrases, surnames, dateline and source.

Values (dates, numbers, money …) and nationality adjectives (NORP) are never
mentions of entities; a leading "the" and a trailing possessive are left out
of the mention's span so that "the US’s" is a mention "US".
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.context import Ctx, RawMention
from kg.extract.lexicon import GROUP_HEADS, ROLE_HEADS, ROLE_MODIFIERS, VALUE_LABELS
from kg.extract.link import country, demonym_country, organization

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["find_mentions", "ENTITY_LABELS"]

#: spaCy labels that become entity nodes.
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "npadvmod", "nmod", "poss"})


def _trim(span: "list[Token]") -> list["Token"]:
    toks = list(span)
    while toks and (toks[0].lower_ in ("the", "a", "an") or toks[0].is_punct or toks[0].is_space):
        toks = toks[1:]
    while toks and (toks[-1].tag_ == "POS" or toks[-1].text in ("'s", "’s", "'", "’") or toks[-1].is_punct
                    or toks[-1].is_space):
        toks = toks[:-1]
    return toks


def _before_title(ent: "Span") -> bool:
    doc = ent.doc
    i = ent.end
    while i < len(doc) and doc[i].lower_ in ROLE_MODIFIERS:
        i += 1
    return i < len(doc) and doc[i].lower_ in ROLE_HEADS and i + 1 < len(doc) and doc[i + 1].ent_type_ == "PERSON"


def _label_fix(ent: "Span") -> str:
    """A two- or three-word proper name right after a title is a person ("Chancellor Olaf Scholz"),
    whatever the NER said."""
    if ent.label_ in ("ORG", "GPE", "NORP") and 2 <= len(ent) <= 3 and all(t.pos_ == "PROPN" for t in ent):
        prev = ent.doc[ent.start - 1] if ent.start > 0 else None
        if prev is not None and (prev.lower_ in ROLE_HEADS) and country(ent.text) is None \
                and organization(ent.text) is None:
            return "PERSON"
    return ent.label_


def _add(ctx: Ctx, si: int, toks: list["Token"], label: str, kind: str, nationality: str | None = None) -> None:
    if not toks:
        return
    start, end = ctx.char_span(si, toks[0], toks[-1])
    text = ctx.document.text[start:end]
    if "\n" in text or not any(c.isalpha() for c in text):
        return
    head = max(toks, key=lambda t: t.head not in toks)  # a token whose head is outside the span
    ctx.add_mention(
        RawMention(si, toks[0].i, toks[-1].i + 1, start, end, text, label, kind, head_dep=head.dep_,
                   nationality=nationality)
    )


def _group_phrase(tok: "Token", ctx: Ctx, si: int) -> tuple[list["Token"], str | None] | None:
    """'French troops', 'UN-backed peacekeeping forces', 'the Malian government' -> (tokens, nationality)."""
    if tok.lemma_.lower() not in GROUP_HEADS and tok.lower_ not in GROUP_HEADS:
        return None
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    mods = [c for c in tok.lefts if c.dep_ in _MODIFIER_DEPS and c.pos_ != "PRON"]
    if not mods:
        return None
    nationality = None
    for m in mods:
        for t in m.subtree:
            if t.ent_type_ in ("GPE", "NORP"):
                link = demonym_country(t.text)
                if link is not None:
                    nationality = link.code
                    break
        if nationality:
            break
    if nationality is None:
        return None
    first = min(t.i for m in mods for t in m.subtree)
    toks = [t for t in tok.doc[first : tok.i + 1]]
    return _trim(toks), nationality


def find_mentions(ctx: Ctx) -> None:
    """Add the document's entity mentions to ``ctx`` (unresolved: ``key`` is None)."""
    doc = ctx.document
    for si, seg in enumerate(ctx.segments):
        for ent in seg.doc.ents:
            if ent.label_ == "NORP" and _before_title(ent):
                # "German Chancellor X": the nationality names the country the role is in
                _add(ctx, si, list(ent), "GPE", "demonym")
                continue
            if ent.label_ in VALUE_LABELS or ent.label_ not in ENTITY_LABELS:
                continue
            _add(ctx, si, _trim(list(ent)), _label_fix(ent), "name")
        for tok in seg.doc:
            if ctx.covered(si, tok.i):
                continue
            found = _group_phrase(tok, ctx, si)
            if found and found[0] and not any(ctx.covered(si, t.i) and ctx.mention_at(si, t.i).label != "GPE"
                                              for t in found[0]):
                _add_group(ctx, si, found[0], found[1])
    _add_surnames(ctx)
    if doc.place_span is not None:
        ctx.add_mention(RawMention(-1, 0, 0, doc.place_span.start, doc.place_span.end, doc.place_span.text,
                                   "GPE", "dateline"))
    if doc.source_span is not None:
        ctx.add_mention(RawMention(-1, 0, 0, doc.source_span.start, doc.source_span.end, doc.source_span.text,
                                   "ORG", "source"))


def _add_group(ctx: Ctx, si: int, toks: list["Token"], nationality: str | None) -> None:
    # a group phrase contains a place name ("French troops"): it is a mention of its own, and the
    # place name inside stays a mention of the place
    start, end = ctx.char_span(si, toks[0], toks[-1])
    m = RawMention(si, toks[0].i, toks[-1].i + 1, start, end, ctx.document.text[start:end], "GROUP", "name",
                   head_dep=toks[-1].dep_, nationality=nationality)
    idx = len(ctx.mentions)
    ctx.mentions.append(m)
    ctx._by_token[(si, toks[-1].i)] = idx  # the head token refers to the group


def _add_surnames(ctx: Ctx) -> None:
    """A capitalised word equal to the surname of a person named in full is a mention of that person."""
    surnames: set[str] = set()
    for m in ctx.mentions:
        if m.label == "PERSON" and m.tok_end - m.tok_start >= 2:
            surnames.add(m.text.split()[-1])
    if not surnames:
        return
    for si, seg in enumerate(ctx.segments):
        for tok in seg.doc:
            if tok.text in surnames and not ctx.covered(si, tok.i) and tok.text[:1].isupper():
                _add(ctx, si, [tok], "PERSON", "surname")
