"""One node per real-world entity in a document.

Mentions are grouped by a key made of the entity class and a normalised
label. Rules, in order:

1. gazetteer: countries (any short or official name: UK, the U.K., United
   Kingdom), major organisations and news agencies (UN, U.N., United Nations;
   AP, Associated Press) and places inside a country (the West Bank) get the
   gazetteer's canonical label; a place inside a country is never the
   country (Gaza City, the West Bank are not Palestine); an acronym the
   article spells out means what the article says, whatever the gazetteer
   says ("Aam Aadmi Party (AAP)");
2. persons: a one-word name equal to the last word of a full name in the
   same document is that person (Merkel -> Angela Merkel);
3. acronyms: "Name (ABBR)" in the text, or an all-capital word equal to the
   initials of an organisation named in the document; the first word of one
   longer organisation name ("Nordvik" for "Nordvik ASA"), or its
   institution head ("the Service" for "Rural Fire Service");
4. otherwise case, a leading "the" and a possessive are ignored
   (PARIS / Paris, the Foreign Office / Foreign Office).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from kg.extract.context import Ctx, RawMention
from kg.extract.lexicon import GENERIC_INSTITUTION_WORDS, GROUP_HEADS, INSTITUTION_HEADS
from kg.extract.link import (city_countries, clean_surface, country, demonym_country, is_city, organization, place,
                             regional_demonym, subdivision_countries, user_entry)
from kg.types import Entity, Mention

__all__ = ["entity_key", "entities_of", "resolve_mentions"]

_STOP = {"of", "the", "and", "for", "in", "on", "de", "&"}


def _initials(label: str) -> str:
    """'Advanced Micro Devices Inc.' -> 'AMD': a company suffix is no part of the initials."""
    label = _CORPORATE.sub("", label) or label
    return "".join(w[0] for w in re.split(r"[\s\-]+", label) if w and w.lower() not in _STOP).upper()


def _long_form(words: str, acronym: str) -> str:
    """The name an acronym in brackets stands for: the shortest run of words before it whose initials
    spell it, so that "the Federal Police and Security Intelligence Service (SIS)" gives "Security
    Intelligence Service"; all the words when no run spells it.

    >>> _long_form("Australian Federal Police and Australian Security Intelligence Organisation", "ASIO")
    'Australian Security Intelligence Organisation'
    >>> _long_form("Agence France-Presse", "AFP"), _long_form("Department of Defense", "DoD")
    ('Agence France-Presse', 'Department of Defense')
    """
    letters = re.sub(r"[^A-Za-z]", "", acronym).upper()
    ws = words.split()
    for k in range(1, len(ws) + 1):
        if ws[-k].lower() not in _STOP and _initials(" ".join(ws[-k:])) == letters:
            return " ".join(ws[-k:])
    return words


def _norm(text: str) -> str:
    return " ".join(clean_surface(text).replace("’", "'").split()).lower()


_GENERIC = GENERIC_INSTITUTION_WORDS | GROUP_HEADS | INSTITUTION_HEADS | {"the"}
_CORPORATE = re.compile(r"[\s,]+(inc|corp|corporation|co|ltd|limited|plc|llc|sa|ag|nv|gmbh|se|asa|ab)\.?$",
                        re.IGNORECASE)


def entity_key(etype: str, label: str, doc_id: str) -> str:
    """The key (and so the IRI) of an entity: class and normalised label, the same in every document,
    so entities merge across documents by name. Company suffixes are dropped ("Acme Corp." = "Acme").
    A person known only by one name is scoped to its document: a surname links only inside it; so is
    an organisation named only by its kind ("the Government", "Federal Police"), a different body in
    every article.

    >>> entity_key("Organization", "Acme Corp.", "d1"), entity_key("Organization", "the Government", "d1")
    ('Organization/acme', 'Organization/government@d1')
    """
    norm = _norm(label)
    if etype == "Organization":
        norm = _CORPORATE.sub("", norm) or norm
        if all(w in _GENERIC for w in norm.split()):
            return f"Organization/{norm}@{doc_id}"
    if etype == "Person" and len(norm.split()) == 1:
        return f"Person/{norm}@{doc_id}"
    return f"{etype}/{norm}"


def _letters(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower().replace("organization", "organisation"))


def _means_another(long: str, acronym: str) -> bool:
    """Whether an acronym the article spells out as ``long`` ("Aam Aadmi Party (AAP)", or an
    organisation named in it with those initials) means another body than the gazetteer's entry for the
    acronym (Australian Associated Press); a spelling of the same name ("Organisation for Economic Cooperation and
    Development") does not.

    >>> _means_another("Aam Aadmi Party", "AAP")
    True
    >>> _means_another("Organisation for Economic Cooperation and Development", "OECD")
    False
    """
    from rapidfuzz import fuzz

    link = organization(acronym)
    if link is None or country(acronym) is not None or organization(long) == link:
        return False
    return fuzz.ratio(_letters(long), _letters(link.label)) < 90


def _class_for(m: RawMention, text: str) -> tuple[str, str | None, str | None, str | None]:
    """(type, canonical label or None, wikidata, country code)."""
    user = user_entry(text)
    if user is not None and m.label != "GROUP":
        return user.type, user.label, user.wikidata, user.code
    if m.label == "GROUP":
        return "Organization", None, None, None
    if m.label == "PERSON":
        region = place(text)
        if region is not None:  # "England" (a team, taken for a person): the place
            return "Place", region.label, region.wikidata, None
        link = country(text)
        if link is not None and clean_surface(text).lower() == link.label.lower():
            return "Country", link.label, link.wikidata, link.code  # "unity of Mali": a country, not a person
        if " " not in text and is_city(text, exact=True):
            return "City", None, None, None
        return "Person", None, None, None
    if m.label in ("GPE", "LOC", "FAC", "ORG", "CITY"):
        link = country(text) if m.label != "ORG" or len(clean_surface(text)) <= 5 else None
        if link is not None and m.label == "FAC" and clean_surface(text).lower() != link.label.lower():
            link = None  # a facility named after a place is not the place: "Gaza International Airport"
        if link is not None and not (m.label == "ORG" and organization(text)):
            return "Country", link.label, link.wikidata, link.code
        region = place(text) if m.label != "ORG" else None
        if region is not None:  # "the West Bank": a place inside a country, with its Wikidata id
            return "Place", region.label, region.wikidata, None
    if m.label == "ORG" or m.label == "GPE" and organization(text):
        org = organization(text)
        if org is not None:
            return "Organization", org.label, org.wikidata, None
        return "Organization", None, None, None
    if m.label == "EVENT":
        return "NamedEvent", None, None, None
    if m.kind == "dateline" or m.label == "CITY" or is_city(text):
        return "City", None, None, None
    return "Place", None, None, None


def resolve_mentions(ctx: Ctx) -> None:
    """Give every named mention in ``ctx`` an entity key."""
    info: dict[str, dict[str, object]] = {}
    text_of = {id(m): clean_surface(m.text) for m in ctx.mentions}
    # acronyms defined in the text: "Agence France-Presse (AFP)"
    acronym_of: dict[str, str] = {}
    for m in re.finditer(r"\b([A-Z][\w.’'&-]*(?:\s+(?:of|the|and|for|[A-Z][\w.’'&-]*))+)\s+\(([A-Z][A-Za-z.]{1,9})\)",
                         ctx.document.text):
        acronym_of[m.group(2)] = _long_form(clean_surface(m.group(1)), m.group(2))
    if ctx.document.source and ctx.document.source_abbrev:
        acronym_of[ctx.document.source_abbrev] = ctx.document.source

    full_names: dict[str, list[str]] = defaultdict(list)
    first_names: dict[str, set[str]] = defaultdict(set)  # "Helen" -> {"Helen Marsh"}
    # "van Gogh", "de la Rua": a surname that starts with a particle written in lower case
    by_tail: dict[str, set[str]] = defaultdict(set)
    for m in ctx.mentions:
        if m.label == "PERSON" and len(text_of[id(m)].split()) >= 2:
            words = text_of[id(m)].split()
            full_names[words[-1]].append(text_of[id(m)])
            first_names[words[0]].add(text_of[id(m)])
            for k in range(1, len(words) - 1):
                if words[k].islower():
                    by_tail[" ".join(words[k:])].add(text_of[id(m)])
    # "Nordvik" for "Nordvik ASA": the first word of a longer organisation name; "the Service" for
    # "Rural Fire Service": its head word, capitalised
    org_first_word: dict[str, set[str]] = defaultdict(set)
    org_head_word: dict[str, set[str]] = defaultdict(set)
    for m in ctx.mentions:
        words = text_of[id(m)].split()
        if m.label != "ORG" or len(words) < 2:
            continue
        if words[0][:1].isupper() and words[0].lower() not in _STOP and words[-1].lower() not in _NAMED_AFTER_HEADS:
            org_first_word[words[0]].add(text_of[id(m)])
        if words[-1].lower() in INSTITUTION_HEADS:
            org_head_word[words[-1]].add(text_of[id(m)])
    regions = _regions(ctx, text_of)
    org_initials = {
        _initials(text_of[id(m)]): text_of[id(m)]
        for m in ctx.mentions
        if m.label == "ORG" and len(text_of[id(m)].split()) >= 2
    }

    for m in ctx.mentions:
        text = text_of[id(m)]
        if m.kind == "source" and text in acronym_of:
            text = acronym_of[text]
        if m.kind == "demonym" and regional_demonym(text):
            etype, canonical, wikidata, code = "Place", regional_demonym(text), None, None  # "Scottish" -> Scotland
        elif m.kind == "demonym":
            link = demonym_country(text)
            etype, canonical, wikidata, code = ("Country", link.label, link.wikidata, link.code) if link else \
                ("Place", None, None, None)
        elif len(text.split()) == 1 and text in full_names and m.label in ("ORG", "GPE", "PERSON"):
            etype, canonical, wikidata, code = "Person", None, None, None  # a surname the NER mislabelled
        elif len(text.split()) == 1 and len(org_first_word.get(text, ())) == 1 and m.label in ("ORG", "GPE", "PERSON") \
                and country(text) is None and not (m.label == "GPE" and is_city(text, exact=True)):
            # "Japan" beside "Japan Airlines", "Sydney" beside "Sydney Water": still the country, the city
            etype, canonical, wikidata, code = "Organization", None, None, None
            text = next(iter(org_first_word[text]))
        elif len(text.split()) == 1 and len(org_head_word.get(text, ())) == 1 and m.label == "ORG":
            etype, canonical, wikidata, code = "Organization", None, None, None
            text = next(iter(org_head_word[text]))
        elif len(text.split()) == 1 and m.label in ("GPE", "LOC", "ORG") and len(first_names.get(text, ())) == 1 \
                and not (country(text) or is_city(text) or subdivision_countries(text) or organization(text)):
            # "I worked with Helen for years" after "Helen Marsh": her first name, not a place the model saw
            etype, canonical, wikidata, code = "Person", None, None, None
            text = next(iter(first_names[text]))
        elif text in regions and m.label in ("GPE", "LOC", "ORG", "CITY"):
            region = place(text)  # "England" beside "Britain": a region, with its Wikidata id where known
            etype, canonical, wikidata, code = "Place", region and region.label, region and region.wikidata, None
        elif m.label in ("ORG", "GPE", "PERSON") and (long := acronym_of.get(text) or (
                org_initials.get(text) if text.isupper() else None)) and _means_another(long, text):
            # spelled out in this article: "Aam Aadmi Party (AAP)" is not the gazetteer's AAP
            linked = organization(long)
            etype, canonical, wikidata, code = ("Organization", linked.label if linked else None,
                                                linked.wikidata if linked else None, None)
        else:
            etype, canonical, wikidata, code = _class_for(m, text)
        label = canonical or text
        knighted = m.seg >= 0 and m.tok_start > 0 and ctx.tokens(m.seg)[m.tok_start - 1].lower_ in ("sir", "dame")
        if etype == "Person" and len(text.split()) == 1 and knighted and len(first_names.get(text, ())) == 1:
            label = next(iter(first_names[text]))  # "Sir Allan" after "Sir Allan Kemakeza": a knight's first name
        elif etype == "Person" and len(text.split()) == 1 and len(set(full_names.get(text, []))) == 1:
            label = full_names[text][0]
        elif etype == "Person" and len(text.split()) == 1 and text not in full_names \
                and len(first_names.get(text, ())) == 1 and len(next(iter(first_names[text])).split()) == 2:
            label = next(iter(first_names[text]))  # "Sarah" after "Sarah Payne" (no one else is called Sarah)
        elif etype == "Person" and len(by_tail.get(text, ())) == 1:
            label = next(iter(by_tail[text]))
        elif etype == "Organization" and canonical is None:
            if text in acronym_of:
                label = acronym_of[text]
            elif text.isupper() and text in org_initials:
                label = org_initials[text]
            linked = organization(label)
            if linked is not None:
                label, wikidata = linked.label, linked.wikidata
        if etype in ("City", "Place") and label.isupper() and len(label) > 3:
            label = label.title()
        key = entity_key(etype, label, ctx.document.id)
        m.key = key
        entry = info.setdefault(key, {"type": etype, "labels": Counter(), "wikidata": wikidata, "code": code,
                                      "nationality": m.nationality})
        entry["labels"][label] += 1  # type: ignore[index]
    _unify_surfaces(ctx, info)
    ctx.entity_info = info


_LOCATIVE = frozenset({"in", "to", "from", "across", "throughout", "around", "near", "into", "within", "on"})


def _locative(ctx: Ctx, m: RawMention) -> bool:
    """Whether a mention names where something is: "in X", "flights to X", "on X roads"."""
    if m.seg < 0:
        return False
    span = ctx.tokens(m.seg)[m.tok_start:m.tok_end]
    head = next((t for t in span if not (span[0].i <= t.head.i < span[-1].i + 1) or t.head.i == t.i), span[-1])
    if head.dep_ in ("compound", "poss"):
        head = head.head
    return head.dep_ == "pobj" and head.head.lower_ in _LOCATIVE


def _regions(ctx: Ctx, text_of: dict[int, str]) -> set[str]:
    """Names the document uses for a state or province of a country it names, and for no city of those
    countries: "Victoria" beside "Australia" is the state (GeoNames' Victoria is in Canada). A name the
    model tagged as an organisation counts only where the text uses it as a place ("in X", "to X"): a
    state's sports team keeps the state's name ("the match against X")."""
    named = {link.code for m in ctx.mentions if m.label in ("GPE", "LOC") and (link := country(text_of[id(m)]))}
    named |= {link.code for si in range(len(ctx.segments)) for ent in ctx.ents(si)  # "Israeli", "Australian"
              if ent.label_ == "NORP" and (link := demonym_country(ent.text))}
    # a state named elsewhere in the document names its country ("Queensland" names Australia)
    named |= {next(iter(subs)) for m in ctx.mentions if m.label in ("GPE", "LOC")
              and len(subs := subdivision_countries(text_of[id(m)])) == 1 and not city_countries(text_of[id(m)])}
    named.discard(None)
    found: set[str] = set()
    for m in ctx.mentions:
        text = text_of[id(m)]
        if m.label not in ("GPE", "LOC", "ORG") or text in found or country(text) is not None:
            continue
        subs = subdivision_countries(text)
        if subs & named and not city_countries(text) & (named | subs) and (m.label != "ORG" or _locative(ctx, m)):
            found.add(text)
    return found


_TYPE_PRIORITY = {"Country": 0, "Organization": 1, "Person": 2, "City": 3, "Place": 4, "NamedEvent": 5}


#: bodies named after what they look into, fund or reward: "the HIH Royal Commission" is not HIH, nor is the
#: "Ford Foundation" Ford, so "HIH" alone is no short form of it
_NAMED_AFTER_HEADS = frozenset("commission inquiry committee tribunal foundation prize award fund trophy".split())


def _unify_surfaces(ctx: Ctx, info: dict[str, dict[str, object]]) -> None:
    """One surface form, one entity: when the NER labels the same name differently in one
    document (a club name as a place here, an organisation there), one class wins
    (by a fixed priority: country, organisation, person, city, place; then by frequency); persons' surnames keep their own rule."""
    by_surface: dict[str, Counter[str]] = defaultdict(Counter)
    for m in ctx.mentions:
        if m.key and m.kind in ("name",):
            by_surface[_norm(m.text)][m.key] += 1
    for surface, keys in by_surface.items():
        if len(keys) < 2:
            continue
        best = sorted(keys, key=lambda k: (_TYPE_PRIORITY.get(str(info[k]["type"]), 9), -keys[k], k))[0]
        for m in ctx.mentions:
            if m.key in keys and m.key != best and _norm(m.text) == surface and m.kind == "name":
                m.key = best
    used = {m.key for m in ctx.mentions}
    for key in [k for k in info if k not in used]:
        del info[key]


def entities_of(ctx: Ctx) -> tuple[Entity, ...]:
    """Entity records, with every mention (names, pronouns, descriptions) in document order."""
    info = ctx.entity_info
    by_key: dict[str, list[RawMention]] = defaultdict(list)
    for m in ctx.mentions:
        if m.key is not None:
            by_key[m.key].append(m)
    entities = []
    for key, mentions in by_key.items():
        entry = info.get(key)
        if entry is None:
            continue
        labels: Counter[str] = entry["labels"]  # type: ignore[assignment]
        label = sorted(labels, key=lambda s: (-len(s.split()), -labels[s], s))[0]
        surfaces = sorted({m.text for m in mentions if m.kind in ("name", "surname", "dateline", "source")} - {label})
        recs = tuple(
            Mention(m.start, m.end, m.text, _sentence(ctx, m), m.kind)
            for m in sorted(mentions, key=lambda m: (m.start, m.end))
        )
        entities.append(Entity(key=key, label=label, type=str(entry["type"]), mentions=recs,
                               aliases=tuple(surfaces), wikidata=entry["wikidata"],  # type: ignore[arg-type]
                               country_code=entry["code"], nationality=entry["nationality"]))  # type: ignore[arg-type]
    entities.sort(key=lambda e: e.key)
    return tuple(entities)


def _sentence(ctx: Ctx, m: RawMention) -> int:
    if m.seg < 0:
        return -1
    return ctx.sentence_of(m.seg, ctx.segments[m.seg].doc[m.tok_start])
