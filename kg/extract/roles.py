"""Roles from titles and appositions: person / role / organisation-or-country.

Patterns (spaCy tokens, not phrases of any one article):

* title before the name: "<ORG|GPE>['s] <role words> <PERSON>"
  ("Pentagon spokesman John Kirby", "French President Emmanuel Macron",
  "France's foreign minister Jean Dupont"); titles joined by "and" are one role each
  ("X founder and chief executive Y": founder of X and chief executive of X);
* apposition before the name: "<ORG|GPE>'s <role words> [for/on …], <PERSON>,"
  ("the US’s special envoy for the conflict in X, Jane Roe");
* apposition after the name: "<PERSON>, [the|a] <role words> of|for|at <ORG|GPE>"
  or "<PERSON>, <ORG|GPE>'s <role words>".

Role words are a head from ``ROLE_HEADS`` with modifiers from
``ROLE_MODIFIERS`` ("special envoy", "chief executive"). The organisation must
be an organisation or country entity, or a city or region for a local office ("mayor of Leeds");
a role with no organisation is not kept.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.context import Ctx, RawMention
from kg.extract.lexicon import OFFICE_HEADS, ROLE_HEADS
from kg.extract.link import regional_demonym
from kg.extract.mentions import is_role_word, role_phrases_ending_at, role_words_ending_at
from kg.types import Relation

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["find_roles"]

_ORG_TYPES = ("Organization", "Country", "City", "Place")
# a city or region can only hold a local office: "mayor of Leeds", "Texas Governor X"; a region also
# has ministers ("Scottish First Minister X")
_PLACE_TYPES = ("City", "Place")
_LOCAL_OFFICES = frozenset({"mayor", "governor", "premier", "sheriff", "councillor", "councilor"})
_REGIONAL_OFFICES = _LOCAL_OFFICES | {"minister", "secretary", "president"}
_POSSESSIVE = ("'s", "’s", "'", "’")


def _org_mention(ctx: Ctx, si: int, tok: "Token") -> RawMention | None:
    m = ctx.mention_at(si, tok.i)
    if m is None or m.key is None or (m.kind == "pronoun" and tok.lower_ != "its"):
        return None  # "Its director general, X": "its" names the organisation coreference found
    if str(ctx.entity_info.get(m.key, {}).get("type")) not in _ORG_TYPES:
        return None
    return m


def _org_before(ctx: Ctx, si: int, doc: "Doc", i: int) -> RawMention | None:
    """An organisation mention ending at token i (optionally followed by 's)."""
    if i >= 0 and doc[i].text in _POSSESSIVE:
        i -= 1
    if i < 0:
        return None
    return _org_mention(ctx, si, doc[i])


def _named_in(ctx: Ctx, si: int, noun: "Token") -> RawMention | None:
    """The organisation ``noun`` names, or the one named in front of it: "the Hamas movement"."""
    found = _org_mention(ctx, si, noun)
    if found is None and ctx.mention_at(si, noun.i) is None:
        for c in noun.lefts:
            if c.dep_ in ("compound", "nmod", "amod"):
                found = found or _org_mention(ctx, si, c)
    return found


def _org_after(ctx: Ctx, si: int, head: "Token") -> RawMention | None:
    for prep in head.rights:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "for", "at", "with"):
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    return _named_in(ctx, si, pobj)
    # the parser may attach "of Y" a token to the right: fall back to the surface
    nxt = head.i + 1
    doc = head.doc
    if nxt + 1 < len(doc) and doc[nxt].lower_ in ("of", "for", "at"):
        k = nxt + 1
        while k < len(doc) and doc[k].lower_ == "the":
            k += 1
        if k < len(doc):
            return _org_mention(ctx, si, doc[k])
    return None


def _ministry_of(ctx: Ctx, words: list["Token"]) -> RawMention | None:
    """"Interior Minister X" works in the "Interior Ministry" named in the same document, "Royal Commissioner
    X" in the "Royal Commission"."""
    body = {"minister": "ministry", "commissioner": "commission"}.get(words[-1].lower_)
    if body is None or len(words) < 2:
        return None
    field_ = " ".join(w.lower_ for w in words[:-1])
    wanted = {f"{field_} {body}", f"{body} of {field_}", f"{body} of the {field_}"}
    for m in ctx.mentions:
        if m.key and m.label == "ORG" and " ".join(m.text.lower().split()) in wanted:
            return m
    return None


def _label(words: list["Token"]) -> str:
    return " ".join(w.lower_ for w in words).replace(" - ", "-")


def find_roles(ctx: Ctx) -> tuple[tuple[Relation, ...], dict[tuple[int, int], str]]:
    """Role relations, and a map from a role noun token to the person it names
    (so "the envoy …, Jane Roe, attended" makes Jane Roe the one who attended)."""
    found: dict[tuple[str, str, str], Relation] = {}
    role_person: dict[tuple[int, int], str] = {}
    for m in ctx.mentions:
        if m.seg < 0 or m.key is None or m.kind in ("pronoun", "description"):
            continue
        if str(ctx.entity_info.get(m.key, {}).get("type")) != "Person":
            continue
        doc = ctx.segments[m.seg].doc
        sent_idx = ctx.sentence_of(m.seg, doc[m.tok_start])
        if sent_idx < 0:
            continue
        sent = ctx.sentences[sent_idx]
        results: list[tuple[list[Token], RawMention]] = []
        # 1. title before the name
        # ("founder and chief executive X": each title is a role at the same organisation)
        first, phrases = role_phrases_ending_at(doc, m.tok_start - 1)
        words = phrases[-1] if phrases else []
        if words:
            org = (_org_before(ctx, m.seg, doc, first - 1) or _org_after(ctx, m.seg, words[-1])
                   or _ministry_of(ctx, words))
            if org is not None:
                results.extend((phrase, org) for phrase in phrases)
        # 2. apposition before the name: "..., <PERSON>"
        if not words and m.tok_start >= 2 and doc[m.tok_start - 1].text == ",":
            j = m.tok_start - 2
            sent_start = ctx.sentence_bounds(m.seg, m.tok_start)[0]
            while j >= sent_start:
                t = doc[j]
                between = ctx.mention_at(m.seg, j)
                other = between if between is not None and between.key != m.key else None
                other_person = other is not None and str(ctx.entity_info.get(str(other.key), {}).get("type")) == "Person"
                if other is not None and not other_person and other.tok_start < j:
                    j = other.tok_start  # "Head of the Food and Grocery Council, X": past the name's "and"
                    continue
                if t.pos_ in ("VERB", "AUX") or t.text in (",", ";", ":") or t.lower_ in ("and", "or") or other_person:
                    break  # ("Acme chairman A, B and C": the title is A's)
                if t.lower_ in ROLE_HEADS or t.lemma_.lower() in ROLE_HEADS:
                    f, w = role_words_ending_at(doc, j)
                    org = _org_before(ctx, m.seg, doc, f - 1) or _org_after(ctx, m.seg, t)
                    if w and org is not None:
                        results.append((w, org))
                        role_person[(m.seg, t.i)] = m.key
                    break
                j -= 1
        # 3. apposition after the name: "<PERSON>, the chief executive of Y" / "<PERSON>, Y's minister"
        k = m.tok_end
        if k < len(doc) and doc[k].text == ",":
            k += 1
            while k < len(doc) and doc[k].lower_ in ("the", "a", "an"):
                k += 1
            org_first = None
            if k < len(doc) and _org_mention(ctx, m.seg, doc[k]) is not None:
                org_first = _org_mention(ctx, m.seg, doc[k])
                k = org_first.tok_end
                if k < len(doc) and doc[k].text in _POSSESSIVE:
                    k += 1
            end = k
            while end < len(doc) and is_role_word(doc[end]) and doc[end].ent_type_ != "PERSON":
                end += 1
            if end > k:
                _, w = role_words_ending_at(doc, end - 1)
                if w:
                    org = org_first or _org_after(ctx, m.seg, w[-1])
                    if org is not None and org.key != m.key:
                        results.append((w, org))
        for words, org in results:
            label = _label(words)
            org_type = str(ctx.entity_info.get(str(org.key), {}).get("type"))
            offices = _LOCAL_OFFICES if org_type == "City" else _REGIONAL_OFFICES
            if org.key == m.key or (org_type in _PLACE_TYPES and words[-1].lower_ not in offices) \
                    or (org.kind == "demonym" and org_type == "Place" and regional_demonym(org.text) is None) \
                    or (org.kind == "demonym" and words[-1].lower_ not in OFFICE_HEADS):
                # ("French striker X": a nationality before an occupation is the person's, not an office)
                continue  # "CFMEU Victorian secretary X": an adjective kg could not place holds no office
            rel = Relation(subject=m.key, predicate="memberOf", object=str(org.key), sentence=sent_idx,
                           start=sent.start, end=sent.end, role=label, rule="role")
            found.setdefault((m.key, label, str(org.key)), rel)
    return tuple(found.values()), role_person
