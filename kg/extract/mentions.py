"""Entity mentions: named entities, group noun phrases, surnames, dateline and source.

Values (dates, numbers, money …) and nationality adjectives (NORP) are never
mentions of entities; a leading "the" and a trailing possessive are left out
of the mention's span so that "the US’s" is a mention "US".
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.extract.context import Ctx, RawMention
from kg.extract.lexicon import (FACILITY_HEADS, GROUP_HEADS, HONORIFICS, INSTITUTION_HEADS, MEMBER_NOUNS, OFFICE_HEADS, PERSON_NOUNS,
                                PLACE_NOUNS, PORTFOLIO_TITLES, ROLE_HEADS, ROLE_MODIFIERS, SOLAR_BODIES, STORM_WORDS,
                                TERRAIN_NOUNS, VALUE_LABELS, WEAPON_NOUNS, SPORTS_WORDS, CLUB_WORDS,
                                CONTEST_VERBS, CLUB_MEMBER_NOUNS, WIN_NOUNS, COMPANY_HEADS,
                                ORG_KIND_NOUNS, COMPETITION_HEADS, TIME_ZONES)
from kg.extract.link import (country, demonym_country, first_level_subdivisions, is_city, organization, place,
                             regional_demonym, subdivision_countries)
from kg.extract.speech import first_name_gender

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["find_mentions", "is_role_word", "portfolio_ending_at", "role_phrases_ending_at", "role_words_ending_at",
           "ENTITY_LABELS"]

#: spaCy labels that become entity nodes.
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT"})
# kg's own labels: GROUP ("French troops") and CITY ("the town of X")
_MODIFIER_DEPS = frozenset({"compound", "amod", "npadvmod", "nmod", "poss"})


def portfolio_ending_at(doc: "Doc", i: int) -> list["Token"]:
    """The portfolio of an office of state named after its title, ending at token i: "of State" in
    "Secretary of State X", "of State for Defence" in "Secretary of State for Defence X"; [] if none."""
    k = i
    while k >= 1 and i - k < 6 and doc[k].ent_type_ != "PERSON" and (
            (doc[k].is_alpha and doc[k].text[:1].isupper()) or doc[k].lower_ in ("for", "and", "the", "of")):
        if doc[k].lower_ == "of" and doc[k - 1].lower_ in PORTFOLIO_TITLES and k < i:
            return list(doc[k:i + 1])
        k -= 1
    return []


_TITLE_PREFIXES = frozenset({"co", "vice", "deputy"})  # "co-founder": the tokenizer splits the hyphen


def is_role_word(tok: "Token") -> bool:
    low = tok.lower_
    return low in ROLE_HEADS or low in ROLE_MODIFIERS or tok.lemma_.lower() in ROLE_HEADS


def role_words_ending_at(doc: "Doc", i: int) -> tuple[int, list["Token"]]:
    """Role words ending at token i, scanning left; returns (first index, tokens)."""
    words: list[Token] = []
    portfolio = portfolio_ending_at(doc, i)
    i -= len(portfolio)
    j = i
    while j >= 0 and doc[j].ent_type_ not in ("PERSON",):
        if is_role_word(doc[j]):
            words.insert(0, doc[j])
            j -= 1
        elif doc[j].text == "-" and j > 0 and words and (doc[j - 1].lower_ in _TITLE_PREFIXES
                                                          or doc[j - 1].lower_ in ROLE_HEADS):
            # "co-founder", "vice-president", "Secretary-General": the parser splits the hyphen
            words[:0] = [doc[j - 1], doc[j]]
            j -= 2
        else:
            break
    if not any(w.lower_ in ROLE_HEADS or w.lemma_.lower() in ROLE_HEADS for w in words):
        return i + 1 + len(portfolio), []
    if portfolio:
        return j + 1, words + portfolio
    while words and words[-1].lower_ not in ROLE_HEADS and words[-1].lemma_.lower() not in ROLE_HEADS:
        words.pop()
    return j + 1, words


def role_phrases_ending_at(doc: "Doc", i: int) -> tuple[int, list[list["Token"]]]:
    """Coordinated titles ending at token i, scanning left: "founder and chief executive" gives
    (index of "founder", [[founder], [chief, executive]]); a single title gives one phrase, none [].
    Each phrase is what :func:`role_words_ending_at` finds; "and" or "&" joins them."""
    first, words = role_words_ending_at(doc, i)
    if not words:
        return first, []
    phrases = [words]
    while first >= 2 and doc[first - 1].lower_ in ("and", "&") and doc[first - 2].ent_type_ != "PERSON":
        f, w = role_words_ending_at(doc, first - 2)
        if not w or w[-1].i != first - 2:
            break
        phrases.insert(0, w)
        first = f
    return first, phrases


def _run_on(toks: list["Token"]) -> list["Token"]:
    """A name the model cut short: 'Novak' of 'Novak Djokovic', whose last word modifies the untagged
    proper noun right after it."""
    toks = list(toks)
    while toks and toks[-1].dep_ == "compound" and toks[-1].i + 1 < len(toks[-1].doc):
        doc, nxt = toks[-1].doc, toks[-1].doc[toks[-1].i + 1]
        after = doc[nxt.i + 1] if nxt.i + 1 < len(doc) else None
        if toks[-1].head.i != nxt.i or nxt.tag_ != "NNP" or not nxt.text[:1].isupper() or nxt.ent_type_ \
                or nxt.lower_ in ROLE_HEADS or nxt.lower_ in ROLE_MODIFIERS or nxt.lower_ == "member" \
                or (after is not None and (after.ent_type_ == "PERSON" or after.lower_ in ROLE_HEADS)):
            break  # not "New York Mayor" of "New York Mayor Rudolph Giuliani": a title
        toks.append(nxt)
    return toks


def _trim(span: "list[Token]") -> list["Token"]:
    toks = list(span)
    while toks and (toks[0].lower_ in ("the", "a", "an", "whose", "which", "its", "their") or toks[0].is_punct
                    or toks[0].is_space):
        toks = toks[1:]
    bracket = next((i for i, t in enumerate(toks) if t.text in ("(", "[")), None)
    if bracket:  # "World Health Organization (WHO": the model ran the name into its abbreviation
        toks = toks[:bracket]
    while toks and (toks[-1].tag_ == "POS" or toks[-1].text in ("'s", "’s", "'", "’") or toks[-1].is_punct
                    or toks[-1].is_space):
        toks = toks[:-1]
    k = len(toks)
    while k > 1 and (toks[k - 1].like_num or toks[k - 1].text in ("-", "–")):
        k -= 1
    if k < len(toks) and k >= 1 and _SCORE_AFTER.match(toks[0].doc[toks[k].i:toks[-1].i + 1].text):
        toks = toks[:k]  # "the Kettleby Rovers 4-0": the model ran the name into the score
    return toks


_SCORE_AFTER = re.compile(r"^\d{1,3}\s*[-–]\s*\d{1,3}$")


def _before_title(ent: "Span") -> bool:
    """A nationality before an office of state and a name: "German Chancellor X" (the name may be
    tagged anything, or nothing: the model has called "Olaf Scholz" an organisation there)."""
    doc = ent.doc
    i = ent.end
    while i < len(doc) and doc[i].lower_ in ROLE_MODIFIERS:
        i += 1
    if not (i < len(doc) and doc[i].lower_ in OFFICE_HEADS and i + 1 < len(doc)):
        return False
    name = doc[i + 1]
    return name.ent_type_ == "PERSON" or (
        name.tag_ == "NNP" and name.text[:1].isupper() and name.ent_type_ not in VALUE_LABELS
        and name.lower_ not in ROLE_HEADS and name.lower_ not in ROLE_MODIFIERS
        and country(name.text) is None and demonym_country(name.text) is None)


def _before_person(ent: "Span") -> bool:
    """A nationality before a named person, directly or through a few words that say what they are:
    "Australian actress X", "Dutch engineers X and Y", "fellow Australian X", "Americans X and Y"."""
    if demonym_country(ent.text) is None:
        return False
    doc = ent.doc
    i = ent.end
    while i < len(doc) and i - ent.end < 3 and doc[i].tag_ in ("NN", "NNS", "JJ") and doc[i].text.islower():
        i += 1
    return i < len(doc) and doc[i].ent_type_ == "PERSON" and doc[i].ent_iob_ == "B"


def _before_place_noun(ent: "Span") -> bool:
    """A nationality before a noun of settlement or territory: "the Kenyan city of X", "the Norwegian
    capital, Oslo", "the Indonesian province of X" (the place is in the country)."""
    if demonym_country(ent.text) is None:
        return False
    doc = ent.doc
    i = ent.end
    while i < len(doc) and i - ent.end < 3 and doc[i].tag_ in ("JJ", "NN", "VBN", "HYPH") and doc[i].text.islower() \
            and doc[i].lemma_.lower() not in PLACE_NOUNS:
        i += 1
    return i < len(doc) and doc[i].pos_ == "NOUN" and doc[i].lemma_.lower() in PLACE_NOUNS


def _nationality_and_name(ent: "Span") -> bool:
    """A nationality and a person's name tagged as one name: "American Ed Moses" (not "American Red Cross":
    the word after the nationality must be a known first name)."""
    return (len(ent) >= 3 and ent.label_ in ("ORG", "PERSON", "NORP") and ent[0].text[:1].isupper()
            and demonym_country(ent[0].text) is not None and country(ent[0].text) is None
            and all(t.is_title and t.is_alpha for t in ent[1:]) and first_name_gender(ent[1].text) is not None)


def _nationality_and_title_words(ent: "Span") -> bool:
    """A name tagged as one entity that is a nationality followed by the first words of a title:
    "British Defence" in "British Defence Secretary X"."""
    return (ent.label_ in ("ORG", "NORP") and len(ent) >= 2 and all(t.lower_ in ROLE_MODIFIERS for t in ent[1:])
            and demonym_country(ent[0].text) is not None and _before_title(ent))


def _is_bare_title(ent: "Span") -> bool:
    """A name that is only a title: "the Treasurer", "Foreign Minister"."""
    toks = _trim(list(ent))
    return (ent.label_ in ("PERSON", "ORG") and bool(toks) and toks[-1].lower_ in ROLE_HEADS
            and all(t.lower_ in ROLE_MODIFIERS for t in toks[:-1]))


_STANCE_PREFIX = re.compile(r"(?:anti|pro|non)\s*[-\u2010\u2011]", re.IGNORECASE)


def _strip_title(toks: list["Token"]) -> list["Token"]:
    """'Striker Diaz' -> 'Diaz': titles in front of a name are not part of it, unless the name is
    a building's or an institution's ('Queen Elizabeth Hospital')."""
    if toks and toks[-1].lower_ in FACILITY_HEADS:
        return toks
    i = 0
    while i < len(toks) - 1 and toks[i].lower_ in ROLE_MODIFIERS:
        i += 1
    rest = toks[i + 1:]
    if i < len(toks) - 1 and toks[i].lower_ in ROLE_HEADS and all(t.pos_ == "PROPN" for t in rest) \
            and not all(t.lower_ in ROLE_MODIFIERS or t.lower_ in ROLE_HEADS for t in rest):
        return rest  # not "Sergeant First" (of "Sergeant First Class X"): title words only
    return toks


_PLACE_PREPS = frozenset({"in", "near", "around", "outside", "above", "beyond", "towards", "toward", "across"})
_COMPASS = frozenset({"north", "south", "east", "west", "north-east", "north-west", "south-east", "south-west",
                      "northeast", "northwest", "southeast", "southwest"})


def _beside_person_noun(tok: "Token") -> bool:
    """Whether ``tok`` and a noun for one person stand in apposition: "a bystander, X" or "X, a farmer"."""
    if tok.dep_ == "appos" and tok.head.tag_ == "NN" and tok.head.lemma_.lower() in PERSON_NOUNS:
        return True
    return any(c.dep_ == "appos" and c.tag_ == "NN" and c.lemma_.lower() in PERSON_NOUNS for c in tok.children)


def _coordinated_with_person(tok: "Token") -> bool:
    """Whether ``tok`` is coordinated with a person's name: "X and Y", "X, Y, Z"."""
    if tok.dep_ == "conj" and tok.head.ent_type_ == "PERSON":
        return True
    return any(c.dep_ == "conj" and c.ent_type_ == "PERSON" for c in tok.children)


def _place_complement(tok: "Token") -> bool:
    """Whether ``tok`` is the object of a preposition of place: "in X", "near X", "north of X", or a conjunct
    of one ("around Tamworth, Gunnedah and X")."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    prep = tok.head
    if tok.dep_ != "pobj" or prep is tok:
        return False
    if prep.lower_ in _PLACE_PREPS:
        return True
    return prep.lower_ == "of" and prep.head.lower_ in _COMPASS


def _addressed(toks: list["Token"]) -> bool:
    """A form of address and one to three proper names: "Ms Goodin", "Dr Hollingworth" are people,
    whatever the model tagged them (unless the gazetteer knows the words as an organisation)."""
    return (2 <= len(toks) <= 4 and toks[0].lower_ in HONORIFICS and all(t.pos_ == "PROPN" for t in toks[1:])
            and organization(" ".join(t.text for t in toks)) is None)


def _modifies(ent: "Span", nouns: frozenset[str]) -> bool:
    """Whether the name modifies one of ``nouns`` (common, lower case) right after it: "the X caves"."""
    doc = ent.doc
    if ent.end >= len(doc):
        return False
    noun = doc[ent.end]
    return (noun.lemma_.lower() in nouns or noun.lower_ in nouns) and noun.pos_ == "NOUN" \
        and noun.text.islower() and ent.root.head.i == ent.end


_ALONG = frozenset({"along", "down", "alongside"})  # not "across the Treasury"
_RIVER_PARTS = frozenset({"bank", "banks", "mouth", "shores", "estuary", "source", "delta"})


def _along_the(ent: "Span") -> bool:
    """A one-word name after "down the", "along the", "the banks of the": a river ("the Seine"), a
    place, whatever the model tagged it."""
    doc = ent.doc
    k = ent.start
    if ent[0].lower_ == "the":
        k += 1
    if len(ent) != k - ent.start + 1 or not ent[-1].text.istitle() or k < 2 or doc[k - 1].lower_ != "the":
        return False
    before = doc[k - 2]
    return before.lower_ in _ALONG or (before.lower_ == "of" and k >= 3 and doc[k - 3].lower_ in _RIVER_PARTS)


_LEGAL_SUFFIXES = frozenset("corp corp. inc inc. ltd ltd. plc llc llp gmbh ag".split())


def _after_kind_of_org(ent: "Span") -> bool:
    """Whether the name comes right after a common noun for a kind of organisation: "the firm X"."""
    k = ent.start
    if ent[0].lower_ == "the":
        k += 1
    if k == 0:
        return False
    noun = ent.doc[k - 1]
    return noun.lower_ in ORG_KIND_NOUNS and noun.pos_ == "NOUN" and noun.text.islower()


def _country_itself(toks: list["Token"]) -> bool:
    """Whether the words are a country's own name ("Estonia", "Ruritania"), not a name with a country
    in it ("Ruritania Airways", "the Ruritanians")."""
    text = " ".join(t.text for t in toks)
    link = country(text) if toks and all(t.text[:1].isupper() for t in toks) else None
    return link is not None and organization(text) is None and text.lower() == link.label.lower()


def _surname_alone(ent: "Span", toks: list["Token"]) -> bool:
    """Whether the last word of the name stands alone elsewhere in the text, as a surname does ("Marsh
    said"), not as part of the same name again."""
    doc = ent.doc
    last = toks[-1].text
    for t in doc:
        if t.text == last and not (ent.start <= t.i < ent.end) and t.i > 0 \
                and not doc[t.i - 1].text[:1].isupper() and t.ent_type_ != "ORG" \
                and not (t.i + 1 < len(doc) and doc[t.i + 1].text[:1].isupper() and doc[t.i + 1].is_alpha):
            return True
    return False


def _first_name(word: str) -> bool:
    from kg.extract.speech import first_name_gender

    return first_name_gender(word) is not None


def _person_shaped(toks: list["Token"]) -> bool:
    """A name of two or three words written as a person's: a known first name ("Anna", "Davidson"), then
    capitalised words, none a word of an organisation's or a place's name, not a place the gazetteer knows."""
    from kg.extract.speech import first_name_gender

    if not 2 <= len(toks) <= 3 or not all(t.is_alpha and t.text.istitle() for t in toks) or len(toks[-1]) < 3 \
            or len(toks[0]) < 3:
        return False
    text = " ".join(t.text for t in toks)
    low = {t.lower_ for t in toks}
    if low & (COMPANY_HEADS | INSTITUTION_HEADS | CLUB_WORDS | GROUP_HEADS | ORG_KIND_NOUNS | ROLE_HEADS
              | {"league", "cup", "news", "times", "post", "press", "journal", "radio", "television", "tv"}):
        return False
    if toks[-1].tag_ == "NNPS" or any(demonym_country(t.text) or country(t.text) for t in toks):
        return False
    if organization(text) or is_city(text) or subdivision_countries(text) or is_city(toks[0].text, exact=True):
        return False
    return first_name_gender(toks[0].text) is not None


def _label_fix(ent: "Span", toks: list["Token"], stripped: bool) -> str:
    """Fix NER labels from the words around a name: a proper name right after a title is a person
    ("Chancellor Olaf Scholz"); a name right before a title and a person is an organisation
    ("Benfica president Rui Costa"); a name the title was stripped from is a person ("Striker Diaz");
    a name that starts with "Storm", "Hurricane" or "Typhoon" is an event; the Moon or a planet is a
    place; a "person" named like a building is a facility ("John F Kennedy Airport"); a one-word "person"
    after a preposition of place is a place ("fires near Gunnedah", "north of Grafton"), and so is
    a "person" that names a piece of land ("the X caves", "the X region"); a one-word "person" where
    people work is an organisation ("analysts at Bernstein"); a "person" whose workers,
    administrators or shareholders follow is an organisation ("X workers"); a short "organisation"
    coordinated with a person is a person ("Matthew Hayden and Justin Langer")."""
    doc = ent.doc
    lead = 1 if toks and toks[0].lower_ in ("tropical", "super") else 0
    if len(toks) >= lead + 2 and toks[lead].lower_ in STORM_WORDS and toks[lead].text[:1].isupper() \
            and toks[-1].text[:1].isupper():
        return "EVENT"  # "Storm Isha", "Hurricane Katrina", "Tropical Storm X": a named storm
    if ent.label_ in ("ORG", "PERSON", "GPE", "LOC", "FAC") and len(toks) >= 2 and toks[-1].lower_ in COMPETITION_HEADS \
            and toks[-1].text[:1].isupper() and not any(t.lower_ in COMPANY_HEADS for t in toks) \
            and not (ent.label_ == "PERSON" and _first_name(toks[0].text)):  # not "Geoff Masters"
        return "EVENT"  # "the Harbour Cup", "the Ruritanian Masters": a competition, not an organisation
    if ent.label_ in ("PERSON", "GPE") and len(toks) == 1 and toks[0].text in SOLAR_BODIES:
        return "LOC"  # "the Moon's south pole", "Mars": a place, not a person
    if ent.label_ in ("PERSON", "GPE", "LOC") and len(toks) >= 2 and toks[-1].text[:1].isupper() and (
            toks[-1].lower_ in _LEGAL_SUFFIXES or (ent.label_ == "PERSON" and toks[-1].lower_ in COMPANY_HEADS)):
        return "ORG"  # "Kestrel Airlines", "Acme Corp": a company, not a person
    if ent.label_ in ("PERSON", "GPE", "LOC") and _after_kind_of_org(ent) and country(ent.text) is None:
        return "ORG"  # "mineral water firm X", "the news weekly X", "Belgian club X"
    if ent.label_ == "ORG" and _country_itself(toks):
        return "GPE"  # "Ruritania" tagged an organisation (a national side, a government): the country
    if ent.label_ == "ORG" and _person_shaped(toks) and (_surname_alone(ent, toks) or _country_in_brackets(
            list(doc), toks[-1].i + 1)):
        return "PERSON"  # "dissident Anna Marsh": a first name and a surname, no word of an organisation
    if ent.label_ in ("ORG", "PERSON") and _along_the(ent) and organization(ent.text) is None \
            and ent[-1].lower_ not in INSTITUTION_HEADS:
        return "LOC"  # "down the Seine", "the banks of the Tigris": a river
    if ent.label_ == "PERSON" and len(ent) >= 2 and ent[-1].lower_ in FACILITY_HEADS and ent[-1].text[:1].isupper():
        return "FAC"  # "John F Kennedy Airport"
    if ent.label_ == "PERSON" and len(ent) == 1 and _place_complement(ent.root):
        return "GPE"
    if ent.label_ == "PERSON" and len(ent) == 1 and ent.root.dep_ == "pobj" and ent.root.head.lower_ == "at" \
            and ent.root.head.head.tag_ == "NNS" and ent.root.head.head.pos_ == "NOUN":
        return "ORG"  # "analysts at Bernstein": where people work, not a person
    if ent.label_ == "PERSON" and _modifies(ent, TERRAIN_NOUNS):
        return "LOC"  # "the X caves", "the X region"
    if ent.label_ == "PERSON" and _modifies(ent, MEMBER_NOUNS):
        return "ORG"  # "X workers", "the X administrators"
    if ent.label_ in ("ORG", "GPE") and _beside_person_noun(ent.root) and country(ent.text) is None \
            and organization(ent.text) is None:
        return "PERSON"  # "One bystander, Marius duPlessis, said"
    if ent.label_ == "ORG" and 2 <= len(ent) <= 3 and all(t.pos_ == "PROPN" and t.text.istitle() for t in ent) \
            and _coordinated_with_person(ent.root) and organization(ent.text) is None \
            and not any(country(t.text) or demonym_country(t.text) for t in ent):
        return "PERSON"  # "Matthew Hayden and Justin Langer"
    if stripped and toks and ent.label_ != "PERSON" and len(toks) <= 3:
        return "PERSON"
    after = ent.end
    while after < len(doc) and doc[after].lower_ in ROLE_MODIFIERS:
        after += 1
    if (ent.label_ in ("PERSON", "GPE") and after < len(doc)
            and doc[after].lower_ in ROLE_HEADS and (ent.label_ == "PERSON" or doc[after].lower_ not in OFFICE_HEADS)
            and after + 1 < len(doc) and doc[after + 1].ent_type_ == "PERSON"
            and country(ent.text) is None):
        return "ORG"
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
    if "\n" in text or "\r" in text or not any(c.isalpha() for c in text):
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
            if t.ent_type_ in ("GPE", "NORP") or (t.text[:1].isupper() and t.pos_ in ("ADJ", "PROPN")):
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


def _names_weapon(ent: "Span") -> bool:
    """Whether a name only says which model a weapon is: "Caesar howitzers", "Patriot air defence missiles"."""
    doc = ent.doc
    head = ent.root.head
    if ent.root.dep_ not in ("compound", "nmod", "amod") or head.i < ent.end or head.i - ent.end > 3:
        return False
    between = doc[ent.end:head.i]
    return (head.lower_ in WEAPON_NOUNS and head.text.islower()
            and all(t.text.islower() or t.text == "-" for t in between))


def _weapon_names(ctx: Ctx) -> set[str]:
    """Names the document uses only for models of weapons (and not as known organisations or places)."""
    weapon: set[str] = set()
    other: set[str] = set()
    for si in range(len(ctx.segments)):
        for ent in ctx.ents(si):
            if ent.label_ in ("ORG", "PERSON", "GPE", "NORP", "PRODUCT") and _names_weapon(ent):
                weapon.add(ent.text)
            else:
                other.add(ent.text)
    return {w for w in weapon - other if organization(w) is None and country(w) is None}


def _given_names_before(doc: "Doc", a: int, b: int) -> int:
    """Where a name tagged from token ``a`` to ``b`` really starts: one or two capitalised proper nouns
    before it that the model left untagged, that modify the name and follow a title ("President
    Alejandro | Toledo", "Senator Mary Jo | Carter"), are first names of a person, and the name starts
    with them (the title-and-name rule of :func:`_label_fix` then calls it a person, whatever the
    model made of the surname: a city, a state)."""
    k = a
    while k > 0 and a - k < 2:
        t = doc[k - 1]
        if not (t.pos_ == "PROPN" and t.text.istitle() and t.is_alpha and t.dep_ == "compound"
                and a <= t.head.i < b and not t.ent_type_ and not is_role_word(t) and t.lower_ not in HONORIFICS):
            break
        k -= 1
    if k == a or k == 0 or doc[k - 1].lower_ not in ROLE_HEADS or doc[k - 1].ent_type_:
        return a
    return k


def _split_ents(doc: "Doc", ents: "list[Span] | None" = None) -> list["Span"]:
    """The model's entities, cut where it ran two names or a name and figures together: a number before
    the name ("64 Anna Marsh" in a table), figures after a person's name ("J. Marsh 56", "Marsh 79th"),
    a name on each side of a spaced dash ("Ruritania - Anna Marsh"), two people joined by "and" ("Anna
    Marsh and Carl Berg"); and widened over a first name the model left out between a title and the
    name ("President Anna Marsh" where only "Marsh" was tagged: :func:`_given_names_before`)."""
    from spacy.tokens import Span

    out: list[Span] = []
    for ent in doc.ents if ents is None else ents:
        a, b = ent.start, ent.end
        a = _given_names_before(doc, a, b)
        while a < b - 1 and doc[a].text.replace(",", "").replace(".", "").isdigit():  # not "5th Special Forces"
            a += 1
        if ent.label_ == "PERSON":
            while b > a + 1 and (any(c.isdigit() for c in doc[b - 1].text) or doc[b - 1].text in ("-", "–", "/")):
                b -= 1
        parts = [(a, b, ent.label_)]
        dash = next((k for k in range(a + 1, b - 1) if doc[k].text in ("-", "–") and doc[k].whitespace_
                     and doc[k - 1].whitespace_), None)
        if dash is not None:
            left = doc[a:dash]
            parts = [(a, dash, "GPE" if country(left.text) else ent.label_)]
            if b - dash > 2 or ent.label_ == "PERSON":  # not "RURITANIA - Gilts": a capital at a sentence's start
                parts.append((dash + 1, b, ent.label_))
        elif ent.label_ in ("PERSON", "ORG"):
            k = next((k for k in range(a + 2, b - 2) if doc[k].lower_ == "and"), None)
            if k is not None and _person_shaped(list(doc[a:k])) and _person_shaped(list(doc[k + 1:b])):
                parts = [(a, k, "PERSON"), (k + 1, b, "PERSON")]
        out.extend(Span(doc, x, y, label=lab) for x, y, lab in parts if y > x)
    return out


def find_mentions(ctx: Ctx) -> None:
    """Add the document's entity mentions to ``ctx`` (unresolved: ``key`` is None)."""
    doc = ctx.document
    land: set[str] = set()  # names a "person" tag was taken from because they name land ("the X caves")
    body_words = {t.text for si, seg in enumerate(ctx.segments) if seg.name == "body" for t in ctx.tokens(si)}
    weapons = _weapon_names(ctx)
    for si, seg in enumerate(ctx.segments):
        for ent in _split_ents(seg.doc, ctx.ents(si)):
            if ent.text in weapons:
                continue  # "Caesar howitzers": the model of a weapon, not an organisation
            if len(ent) == 1 and ent.text.lower() in TIME_ZONES and ent.start > 0 and seg.doc[ent.start - 1].like_num:
                continue  # "0930 GMT": a time
            if seg.name == "headline" and len(ent) == 1 and ent.text not in body_words and body_words \
                    and not (country(ent.text) or organization(ent.text) or demonym_country(ent.text)):
                continue  # "Chipmaker agrees …": a headline capitalises every word; the body never names it
            if len(ent) == 1 and ent.label_ in ("GPE", "ORG", "PERSON", "LOC") and not ent.text.isupper() \
                    and demonym_country(ent.text) is not None and country(ent.text) is None and place(ent.text) is None:
                continue  # "the Americans were beaten", "the Kiwi batsman": a people or a nationality, not a name
            if _nationality_and_name(ent):
                # "American Ed Moses won": the model ran the nationality into the name
                _add(ctx, si, [ent[0]], "GPE", "demonym")
                _add(ctx, si, list(ent)[1:], "PERSON", "name")
                continue
            if ent.label_ == "NORP" and (_before_title(ent) or _before_person(ent) or _before_place_noun(ent)):
                # "German Chancellor X": the nationality names the country the role is in
                _add(ctx, si, list(ent), "GPE", "demonym")
                continue
            if ent.label_ in VALUE_LABELS or ent.label_ not in ENTITY_LABELS:
                continue
            if _STANCE_PREFIX.match(ent.text):
                continue  # "anti-government", "pro-Kremlin": an attitude towards a name, not the name
            if not any(c.isupper() for c in ent.text):
                continue  # "senate", "grey skies": the model tagged words written as common nouns
            if all(t.lower_ in ROLE_MODIFIERS for t in ent) and ent.end < len(seg.doc) \
                    and seg.doc[ent.end].lower_ in ROLE_HEADS:
                continue  # "Interior" in "Interior Minister X" is part of the title
            if ent.label_ == "ORG" and ent.end < len(seg.doc) and seg.doc[ent.end].ent_type_ == "PERSON" \
                    and portfolio_ending_at(seg.doc, ent.end - 1):
                continue  # "State" in "Secretary of State X": the portfolio is part of the title
            if _is_bare_title(ent):
                continue  # "the Treasurer": a title standing for a person (coreference), not a name
            if _nationality_and_title_words(ent):
                # "British Defence" in "British Defence Secretary X": a nationality, then the title
                _add(ctx, si, [ent[0]], "GPE", "demonym")
                continue
            trimmed = _run_on(_trim(list(ent)))
            addressed = _addressed(trimmed)
            if addressed:
                trimmed = trimmed[1:]  # "Ms Goodin": the name is "Goodin" (the model leaves out "Mr" itself)
            toks = _strip_title(trimmed)
            label = "PERSON" if addressed else _label_fix(ent, toks, stripped=len(toks) < len(trimmed))
            if ent.label_ == "PERSON" and label == "LOC":
                land.add(" ".join(ent.text.split()))
            _add(ctx, si, toks, label, "name")
        for tok in ctx.tokens(si):
            if ctx.covered(si, tok.i):
                continue
            found = _group_phrase(tok, ctx, si)
            if found and found[0] and not any(ctx.covered(si, t.i) and ctx.mention_at(si, t.i).label != "GPE"
                                              for t in found[0]):
                _add_group(ctx, si, found[0], found[1])
    for m in ctx.mentions:  # the same name elsewhere in the article is the same place
        if m.label == "PERSON" and " ".join(m.text.split()) in land:
            m.label = "LOC"
    _add_named_places(ctx)
    _add_employers(ctx)
    _persons_named_after_organisations(ctx)
    _datelines(ctx)
    _persons_by_majority(ctx)
    _sports_clubs(ctx)
    _add_repeated_names(ctx)
    _persons_by_age(ctx)
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


def _add_named_places(ctx: Ctx) -> None:
    """"the town of X", "the province of X": X is a place, whatever the NER said, and so is every
    mention of the same name in the article that the model took for an organisation's or a person's."""
    places: dict[str, str] = {}
    for si, seg in enumerate(ctx.segments):
        for tok in ctx.tokens(si):
            if tok.lower_ != "of" or tok.i == 0 or tok.i + 1 >= len(seg.doc):
                continue
            noun, name = seg.doc[tok.i - 1], seg.doc[tok.i + 1]
            if noun.lemma_.lower() in PLACE_NOUNS and name.pos_ == "PROPN" and name.text[:1].isupper():
                label = "CITY" if noun.lemma_.lower() in ("town", "city", "village", "capital", "port") else "LOC"
                existing = ctx.mention_at(si, name.i)
                if existing is None:
                    end = name.i + 1
                    while end < len(seg.doc) and seg.doc[end].pos_ == "PROPN":
                        end += 1
                    _add(ctx, si, list(seg.doc[name.i:end]), label, "name")
                elif existing.label in ("PERSON", "ORG") and existing.tok_start == name.i \
                        and organization(existing.text) is None and not existing.text.isupper() \
                        and (existing.label == "PERSON" or noun.lemma_.lower() != "state") \
                        and not any(w.lower() in INSTITUTION_HEADS | COMPANY_HEADS for w in existing.text.split()):
                    existing.label = label
                    places[" ".join(existing.text.split())] = label
    for m in ctx.mentions:
        if m.kind == "name" and m.label in ("PERSON", "ORG") and " ".join(m.text.split()) in places:
            m.label = places[" ".join(m.text.split())]


# Titles held in a company, party, club or agency, which a name before them can only employ
_EMPLOYEE_TITLES = frozenset("""executive ceo cfo coo founder co-founder chairman chairwoman chairperson spokesman
    spokeswoman spokesperson director manager coach analyst economist correspondent editor president""".split())


def _add_employers(ctx: Ctx) -> None:
    """A proper name the model left untagged, right before a title and a person's name, names where the
    title is held: "Activision president Rob Kostich", "Qantas chief executive Geoff Dixon"."""
    written_as_names: set[str] | None = None  # read from the document only when a title is found
    for m in [m for m in ctx.mentions if m.seg >= 0 and m.label == "PERSON" and m.kind == "name"]:
        doc = ctx.tokens(m.seg)
        first, phrases = role_phrases_ending_at(doc, m.tok_start - 1)  # "chief executive", "co-founder"
        words = phrases[-1] if phrases else []  # "founder and chief executive": the last title is next to the name
        if not words or words[-1].i != m.tok_start - 1 or words[-1].lower_ not in _EMPLOYEE_TITLES:
            continue  # not "Police Minister X", "Rear Admiral X", "Lord Mayor X": part of the title
        if written_as_names is None:
            written_as_names = _capitalised_inside_sentences(ctx)
            # and the first words of organisations' names ("Brightwave" of "Brightwave Software")
            written_as_names |= {m.text.split()[0] for m in ctx.mentions if m.label == "ORG" and m.kind == "name"}
        j = k = first - 1
        while k >= 0 and doc[k].text[:1].isupper() and (doc[k].pos_ == "PROPN" or doc[k].text in written_as_names) \
                and not ctx.covered(m.seg, k) and doc[k].ent_type_ not in VALUE_LABELS:
            k -= 1  # the tagger may call an unknown name at the start of a sentence a noun or an adjective
        name = doc[k + 1:j + 1]
        text = " ".join(t.text for t in name)
        if name and country(text) is None and demonym_country(text) is None:
            _add(ctx, m.seg, list(name), "ORG", "name")


def _persons_named_after_organisations(ctx: Ctx) -> None:
    """A "person" whose first word the article uses as an organisation's name is an organisation: "Activision
    Blizzard" where "Activision president X" is said."""
    orgs = {m.text for m in ctx.mentions if m.seg >= 0 and m.label == "ORG" and m.kind == "name"}
    for m in ctx.mentions:
        if m.label == "PERSON" and m.kind == "name" and " " in m.text and m.text.split()[0] in orgs:
            m.label = "ORG"


def _org_words(text: str) -> bool:
    """Whether a name has a word of an organisation's name in it ("Holdings", "Bank", "United", "firm")."""
    return any(w.lower().strip(".,") in COMPANY_HEADS | INSTITUTION_HEADS | CLUB_WORDS | ORG_KIND_NOUNS | GROUP_HEADS
               for w in text.split())


def _persons_by_majority(ctx: Ctx) -> None:
    """A name the model tags a person's more often than an organisation's in the article is a person's
    everywhere in it; and a name of two or three words tagged an organisation whose first or last word
    the article uses alone, at least twice, as a person's ("Anna Marsh" beside "Marsh said", "Marsh was
    held") is that person's. Not a name with a word of an organisation's in it, nor one the gazetteer knows."""
    votes: dict[str, list[int]] = {}
    for m in ctx.mentions:
        if m.seg >= 0 and m.kind == "name" and m.label in ("PERSON", "ORG"):
            v = votes.setdefault(" ".join(m.text.split()), [0, 0])
            v[m.label == "ORG"] += 1
    alone = {s for s, (p, o) in votes.items() if " " not in s and p >= 2 and o == 0}
    # names the article itself shows to be organisations: "X daily said", "X chief executive Y", "X, the
    # first foreign company to …"
    org_words = ORG_KIND_NOUNS | CLUB_MEMBER_NOUNS | MEMBER_NOUNS | _EMPLOYEE_TITLES | {"ceo", "chief"}
    org_evidence: set[str] = set()
    for m in ctx.mentions:
        if m.seg < 0 or m.kind != "name":
            continue
        toks = ctx.tokens(m.seg)
        after = [t.lower_ for t in toks[m.tok_end:m.tok_end + 6]]
        before = toks[m.tok_start - 1] if m.tok_start > 0 else None
        if before is not None and before.lower_ in ORG_KIND_NOUNS and before.text.islower():
            org_evidence.add(" ".join(m.text.split()))  # "the retailer X"
        elif after and (after[0] in org_words or (after[0] == "," and any(w in ORG_KIND_NOUNS for w in after[1:])
                                                 and after[1] in ("the", "a", "an"))):
            org_evidence.add(" ".join(m.text.split()))
    for m in ctx.mentions:
        if m.seg < 0 or m.kind != "name" or m.label != "ORG":
            continue
        text = " ".join(m.text.split())
        if _org_words(text) or organization(text) is not None or country(text) is not None or text.isupper():
            continue
        if text in org_evidence:
            continue
        p, o = votes.get(text, (0, 0))
        words = text.split()
        if p > o or (2 <= len(words) <= 3 and all(w[:1].isupper() and w.isalpha() for w in words)
                     and (words[0] in alone or words[-1] in alone)):
            m.label = "PERSON"


def _persons_by_age(ctx: Ctx) -> None:
    """A name followed by an age ("Djokovic, 37, had surgery") is a person's, wherever the article uses it."""
    aged: set[str] = set()
    for m in ctx.mentions:
        if m.seg < 0 or m.label == "PERSON" or m.kind != "name":
            continue
        doc = ctx.tokens(m.seg)
        k = m.tok_end
        if k + 2 < len(doc) and doc[k].text == "," and doc[k + 2].text == "," and doc[k + 1].like_num \
                and doc[k + 1].text.isdigit() and 1 <= int(doc[k + 1].text) <= 120:
            aged.add(m.text)
    if not aged:
        return
    for m in ctx.mentions:
        if m.kind == "name" and m.label in ("ORG", "GPE", "LOC", "PERSON") and (
                m.text in aged or m.text.split()[-1] in aged):
            m.label = "PERSON"


def _capitalised_inside_sentences(ctx: Ctx) -> set[str]:
    """Words the article writes with a capital inside a body sentence (not first, not after punctuation):
    names, whatever the tagger made of them."""
    words: set[str] = set()
    for si, seg in enumerate(ctx.segments):
        if seg.name == "body":
            toks = ctx.tokens(si)
            words.update(t.text for t in toks if t.i > 0 and t.text[:1].isupper() and t.is_alpha
                         and not t.is_sent_start and not toks[t.i - 1].is_punct)
    return words


def _add_repeated_names(ctx: Ctx) -> None:
    """A proper name the NER found once is the same name where it missed it elsewhere in the document."""
    names: dict[tuple[str, ...], str] = {}
    for m in ctx.mentions:
        if m.seg >= 0 and m.label in ("PERSON", "ORG", "GPE", "LOC", "CITY") and len(m.text) >= 4:
            toks = tuple(m.text.split())
            if all(t[:1].isupper() for t in toks):
                names.setdefault(toks, m.label)
    if not names:
        return
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for key in sorted(names, key=len, reverse=True):  # longest first
        by_first.setdefault(key[0], []).append(key)
    for si in range(len(ctx.segments)):
        doc = ctx.tokens(si)
        i = 0
        while i < len(doc):
            for key in by_first.get(doc[i].text, ()):
                n = len(key)
                if i + n <= len(doc) and tuple(t.text for t in doc[i:i + n]) == key \
                        and not any(ctx.covered(si, j) for j in range(i, i + n)) \
                        and all(t.pos_ == "PROPN" for t in doc[i:i + n]):
                    _add(ctx, si, doc[i:i + n], names[key], "name")
                    i += n - 1
                    break
            i += 1


def _add_surnames(ctx: Ctx) -> None:
    """A capitalised word equal to the surname of a person named in full is a mention of that person."""
    surnames: set[str] = set()
    for m in ctx.mentions:
        if m.label == "PERSON" and m.tok_end - m.tok_start >= 2:
            surnames.add(m.text.split()[-1])
    if not surnames:
        return
    for si, seg in enumerate(ctx.segments):
        for tok in ctx.tokens(si):
            if tok.text in surnames and not ctx.covered(si, tok.i) and tok.text[:1].isupper():
                _add(ctx, si, [tok], "PERSON", "surname")


# Sports clubs named after their towns ("Ramsgate 2 Dunmore 1", "Ramsgate beat Dunmore"):
# organisations, not places, in a report of a contest. Countries stay countries (a national team is
# named by its country, and kg keeps one node for it).

_SCORE = re.compile(r"^\d{1,3}(?:-\d{1,3})?$")  # "2", "429-7"; not "1996-08-31", not "2,555"
_STAT = re.compile(r"^(?:\d{1,3}|\.\d{3}|\d/\d|-)$")  # standings columns: "75", ".560", "1/2", "-"
_FIXTURE_WORDS = frozenset({"v", "vs", "vs.", "v.", "at", "versus"})
_NAME_LINKS = frozenset({"of", "de", "&", "-", "'", "’"})
_INITIAL = re.compile(r"^[A-Z]\.$")


def _is_sports(ctx: Ctx) -> bool:
    """Whether the article reports sport: two different sports words ("match", "innings", "league" …)."""
    seen = {t.lower_ for si in range(len(ctx.segments)) for t in ctx.tokens(si) if t.lower_ in SPORTS_WORDS}
    return len(seen) >= 2


def _is_score(t: "Token") -> bool:
    """A score: the whole of a word of the text ("2", "429-7"; not "8-1-30-2", a bowler's figures, which
    the tokenizer splits)."""
    doc = t.doc  # (tokens, not doc.text: a Doc rebuilds its text on every call)
    k = t.i
    parts = [t.text]
    while not doc[k].whitespace_ and k + 1 < len(doc) and not doc[k + 1].is_space and not doc[k + 1].text[:1].isspace():
        k += 1
        parts.append(doc[k].text)
    return _SCORE.match("".join(parts)) is not None


def _name_word(t: "Token") -> bool:
    """A capitalised word that may be part of a club's name (not "v", "AT", nor a month in "May 18")."""
    return (t.text[:1].isupper() and any(c.isalpha() for c in t.text) and t.lower_ not in _FIXTURE_WORDS
            and t.ent_type_ not in VALUE_LABELS)


def _name_runs(toks: list["Token"]) -> list[tuple[int, int]]:
    """[start, end) indexes into ``toks`` of runs of capitalised words ("Kettleby Rovers", "Port of
    Harwich", "NEW DUNMORE"); "v" and "AT" end a run."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if _name_word(t):
            j = i + 1
            while j < len(toks) and (_name_word(toks[j]) or (
                    toks[j].lower_ in _NAME_LINKS and j + 1 < len(toks) and _name_word(toks[j + 1]))):
                j += 1
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


def _person_form(ctx: Ctx, si: int, toks: list["Token"], surnames: set[str]) -> bool:
    """Whether a name in a results line is written as a person's: an initial ("C. Lewis"), a name the
    model tagged a person's throughout and with no club word in it, or the surname of a person the article
    names in full."""
    if any(_INITIAL.match(t.text) for t in toks):
        return True
    if any(t.lower_ in CLUB_WORDS for t in toks):
        return False
    after = toks[-1].doc[toks[-1].i + 1] if toks[-1].i + 1 < len(toks[-1].doc) else None
    if after is not None and after.ent_type_ == "PERSON" and after.ent_iob_ == "I":
        return False  # the model ran a "person" into the score: "Kettleby Rovers 1"
    text = " ".join(t.text for t in toks)
    if len(toks) >= 2:
        return all(t.ent_type_ == "PERSON" for t in toks) and not is_city(text) and not subdivision_countries(text)
    return text in surnames


def _results_line_teams(ctx: Ctx, si: int, line: list["Token"], surnames: set[str]) -> list[list["Token"]]:
    """The teams named in one line of results, fixtures or standings, written as such lines are: a name
    and its score ("Ramsgate 2 Dunmore 1", "At Leeds : Harwich 310 , Ashford 204-6"), a name and a row of
    figures ("Kettleby 5 4 0 1 11 3 12"), "X v Y", "X AT Y". A line of prose (more words than figures outside
    brackets) has none."""
    depth = [0] * len(line)
    d = 0
    for k, t in enumerate(line):
        if t.text in ("(", "["):
            d += 1
        depth[k] = d
        if t.text in (")", "]"):
            d = max(0, d - 1)
    scores = sum(1 for k, t in enumerate(line) if depth[k] == 0 and _is_score(t))
    words = sum(1 for k, t in enumerate(line) if depth[k] == 0 and t.is_alpha and t.lower_ not in _FIXTURE_WORDS
                and (t.text.islower() or t.is_stop))
    runs = [(a, b) for a, b in _name_runs(line) if depth[a] == 0]
    # "X v Y", "X AT Y": the team after "at" is at home, and the name is where they play
    fixture = [a for a, b in zip(runs, runs[1:]) if b[0] == a[1] + 1 and line[a[1]].lower_ in _FIXTURE_WORDS]
    fixture += [b for a, b in zip(runs, runs[1:]) if b[0] == a[1] + 1 and line[a[1]].lower_ in _FIXTURE_WORDS
                and line[a[1]].lower_ != "at"]
    capitals = all(t.text.isupper() for t in line if t.is_alpha)
    teams = []
    for a, b in runs:
        after = line[b] if b < len(line) else None
        if (a, b) in fixture:
            ok = words == 0
        elif capitals:
            # a line in capitals is a headline unless it is a row of standings: "DUNMORE 81 62 .566 -"
            ok = a == 0 and b + 3 <= len(line) and all(_STAT.match(t.text) for t in line[b:])
        else:
            before = line[a - 1] if a > 0 else None
            # after the start, a colon, a comma, or the other side's score ("Ramsgate 2 Dunmore 1"; not the
            # total of a golfer's line, "283 Tom Hallworth 70 71 72 70")
            starts_slot = before is None or before.text in (":", ",", ";") or (
                _is_score(before) and a >= 2 and (_name_word(line[a - 2]) or line[a - 2].text == ")"))
            ok = words <= scores and starts_slot and after is not None and _is_score(after)
        toks = line[a:b]
        if ok and not _person_form(ctx, si, toks, surnames):
            teams.append(toks)
    return teams


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CALENDAR = frozenset("""january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday""".split())


def _place_word(t: "Token") -> bool:
    return (t.text[:1].isupper() and any(c.isalpha() for c in t.text) and t.lower_ not in _CALENDAR
            and t.ent_type_ not in ("TIME", "CARDINAL", "MONEY", "PERCENT"))


def _dateline_shaped(line: list["Token"]) -> int:
    """The number of tokens of place names at the start of a line that is only places and a date
    ("DUNMORE 2001-05-04", "HARWICH , England 2001-05-04"), else 0."""
    k = 0
    while k < len(line) and (_place_word(line[k]) or (line[k].text in (",", ".") and k > 0)):
        k += 1
    if k and line[k - 1].text == ",":
        k -= 1
    rest = line[k:]
    if not rest:
        return 0
    date = rest[0].doc[rest[0].i:rest[-1].i + 1].text
    return k if _ISO_DATE.match(date) else 0


def _mark_dateline(ctx: Ctx, si: int, line: list["Token"], k: int) -> None:
    """The names on a dateline that the reader did not take for one are where the story was filed: places,
    never a club, whatever the article says of a club of the same name."""
    place = ctx.document.place_span
    if place is not None and ctx.char_span(si, line[0], line[0])[0] <= place.start < ctx.char_span(
            si, line[k - 1], line[k - 1])[1]:
        return  # the reader found it
    first = 0
    for j in range(k + 1):
        if j == k or line[j].text == ",":
            name = line[first:j]
            if name:
                m = ctx.mention_at(si, name[0].i)
                if m is None or m.tok_start < name[0].i or m.tok_end > name[-1].i + 1:
                    if m is not None:
                        ctx.mentions.remove(m)
                        ctx.reindex_mentions()
                    _add(ctx, si, name, "GPE", "dateline")
                elif m.kind == "name":
                    m.kind = "dateline"
                    m.label = "GPE" if m.label in ("ORG", "PERSON") else m.label
            first = j + 1


def _datelines(ctx: Ctx) -> None:
    """A line of places and a date among the first three of the body ("LISBON 2003-02-11") is a
    dateline the reader did not take for one: its names are places (the model tags capitals as it likes)."""
    text = ctx.document.text
    for si, seg in enumerate(ctx.segments):
        if seg.name != "body":
            continue
        toks = [t for t in ctx.tokens(si)[:60] if not t.is_space]
        line: list[Token] = []
        n_lines = 0
        for k, t in enumerate(toks):
            line.append(t)
            nxt = toks[k + 1] if k + 1 < len(toks) else None
            if nxt is None or "\n" in text[seg.offset + t.idx + len(t.text):seg.offset + nxt.idx]:
                k = _dateline_shaped(line)
                if k:
                    _mark_dateline(ctx, si, line, k)
                line = []
                n_lines += 1
                if n_lines >= 3:
                    return


def _sports_clubs(ctx: Ctx) -> None:
    """In a sports report, names of results lines, fixtures and standings are clubs (organisations): their
    mentions anywhere in the article become organisations, and names the model missed there are added.
    A country's name is left alone (a national team: kg keeps the country's node)."""
    if not _is_sports(ctx):
        return
    surnames = {m.text.split()[-1] for m in ctx.mentions if m.label == "PERSON" and len(m.text.split()) >= 2}
    found: list[tuple[int, list[Token]]] = []
    text = ctx.document.text
    for si, seg in enumerate(ctx.segments):
        toks = [t for t in ctx.tokens(si) if not t.is_space]
        line: list[Token] = []
        n_lines = 0
        for k, t in enumerate(toks):
            line.append(t)
            nxt = toks[k + 1] if k + 1 < len(toks) else None
            if nxt is None or "\n" in text[seg.offset + t.idx + len(t.text):seg.offset + nxt.idx]:
                if not (n_lines < 3 and seg.name == "body" and _dateline_shaped(line)):  # no club
                    found.extend((si, team) for team in _results_line_teams(ctx, si, line, surnames))
                line = []
                n_lines += 1
    clubs = set()
    for si, team in found:
        name = " ".join(t.text for t in team)
        if _nation(name):
            continue
        clubs.add(name.lower())
        covering = {id(m) for t in team if (m := ctx.mention_at(si, t.i)) is not None}
        if covering:
            same = [m for m in ctx.mentions if id(m) in covering and m.tok_start == team[0].i
                    and m.tok_end == team[-1].i + 1]
            if same:
                continue
            ctx.mentions[:] = [m for m in ctx.mentions if id(m) not in covering]
            ctx.reindex_mentions()
        _add(ctx, si, team, "ORG", "name")
    for m in ctx.mentions:
        if m.seg >= 0 and m.kind == "name" and m.label in ("GPE", "LOC", "CITY", "FAC", "ORG", "PERSON") \
                and _contest_party(ctx, m) and not _nation(m.text):
            clubs.add(" ".join(m.text.split()).lower())
    for si in range(len(ctx.segments)):  # a side the model did not tag ("Ramsgate beat …", "the Harriers")
        for t in ctx.tokens(si):
            if t.tag_ not in ("NNP", "NNPS") or not t.text.istitle() or ctx.covered(si, t.i) \
                    or t.ent_type_ in VALUE_LABELS or t.ent_type_ == "PERSON" or t.dep_ == "compound" \
                    or t.is_sent_start and t.tag_ == "NNP" and t.head.lemma_.lower() not in CONTEST_VERBS:
                continue
            first = t.i
            while first > 0 and ctx.tokens(si)[first - 1].dep_ == "compound" \
                    and ctx.tokens(si)[first - 1].head.i == t.i and ctx.tokens(si)[first - 1].text.istitle() \
                    and not ctx.covered(si, first - 1):
                first -= 1
            span = ctx.tokens(si)[first:t.i + 1]
            name = " ".join(x.text for x in span)
            start, end = ctx.char_span(si, span[0], span[-1])
            probe = RawMention(si, first, t.i + 1, start, end, name, "ORG")
            if not _nation(name) and regional_demonym(name) is None and name not in surnames \
                    and not _country_in_brackets(ctx.tokens(si), t.i + 1) and _contest_party(ctx, probe):
                _add(ctx, si, span, "ORG", "name")
                clubs.add(name.lower())
    if not clubs:
        return
    for m in ctx.mentions:
        if m.seg >= 0 and m.kind == "name" and " ".join(m.text.split()).lower() in clubs:
            m.label = "ORG"


def _country_in_brackets(toks: list["Token"], i: int) -> bool:
    """Whether a country in brackets follows at token i: "X ( Latvia ) beat …" is an athlete."""
    return i + 2 < len(toks) and toks[i].text == "(" and _nation(toks[i + 1].text) and toks[i + 2].text == ")"


@lru_cache(maxsize=1)
def _home_nations() -> frozenset[str]:
    """Nations inside a state that ISO 3166-2 lists as its countries, and, in a state made mostly of
    such nations, its other first-level parts: they play sport as countries (lower case)."""
    from collections import Counter

    first = first_level_subdivisions()
    parts, nations = Counter(iso2 for _, iso2, _, _ in first), Counter(iso2 for _, iso2, _, kind in first
                                                                       if kind == "Country")
    return frozenset(name.split("[")[0].strip().lower() for name, iso2, _, kind in first
                     if kind == "Country" or 2 * nations[iso2] > parts[iso2])


def _nation(name: str) -> bool:
    """A country, a nationality or a nation that plays as one: a national side, never a club."""
    return (country(name) is not None or demonym_country(name) is not None
            or " ".join(name.split()).lower() in _home_nations())


_CLUB_PREPS = frozenset({"against", "over"})
_FOR_VERBS = frozenset({"homer", "score", "play", "sign", "pitch", "bat", "bowl", "appear", "start", "debut"})


def _contest_party(ctx: Ctx, m: RawMention) -> bool:
    """Whether a name in a sports report is a side in the contest by the words around it: the subject or
    object of a verb of contest ("X beat Y", "Y drew with X", "lost to X"), the one played against or won
    over ("the match against X", "a 3-1 victory over X"), a club's people ("X striker Y", "the X fans"), the
    side one plays or scores for ("homered for X"), a plural nickname ("the Harriers"). Not a person's name
    of two words or more."""
    toks = ctx.tokens(m.seg)
    span = toks[m.tok_start:m.tok_end]
    if len(span) > 1 and (m.label == "PERSON" or _person_shaped(span)):
        return False  # "dismissing Shane Bond": a player
    head = next((t for t in span if not (m.tok_start <= t.head.i < m.tok_end) or t.head.i == t.i), span[-1])
    gov = head.head
    if head.dep_ in ("nsubj", "nsubjpass", "dobj", "npadvmod") and gov.pos_ in ("VERB", "AUX") \
            and gov.lemma_.lower() in CONTEST_VERBS:  # "X beat Y 2-1": the parser may take Y for an adverb
        return m.label != "PERSON" or head.dep_ in ("dobj", "npadvmod")
    if head.dep_ == "pobj" and gov.lower_ in ("to", "with") and gov.head.lemma_.lower() in ("lose", "draw", "fall"):
        return True
    if head.dep_ == "pobj" and gov.lower_ in _CLUB_PREPS and (gov.lower_ == "against" or gov.head.lower_ in WIN_NOUNS):
        return True
    if head.dep_ == "pobj" and gov.lower_ == "for" and gov.head.lemma_.lower() in _FOR_VERBS:
        return True
    nxt = toks[m.tok_end] if m.tok_end < len(toks) else None
    if nxt is not None and nxt.text in ("'s", "’s") and m.tok_end + 1 < len(toks):
        nxt = toks[m.tok_end + 1]
    if nxt is not None and nxt.lower_ in CLUB_MEMBER_NOUNS and nxt.pos_ == "NOUN":
        return True  # "X striker", "X 's manager", "the X fans"
    if len(span) <= 2 and span[-1].tag_ == "NNPS" and span[-1].text.endswith("s") and m.tok_start > 0 \
            and toks[m.tok_start - 1].lower_ == "the" and not subdivision_countries(m.text):
        return True  # "the Harriers", "the Red Kites": a club's nickname
    return False
