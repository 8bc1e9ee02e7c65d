"""Rule-based coreference inside one document segment.

No coreference model can be downloaded, so a few documented rules resolve
pronouns and definite descriptions to an entity already mentioned:

* he/him/his/she/her: the most recent single person (not a plural name: "the Beatles", "Englishmen") of that gender (:func:`kg.extract.speech.gender_of_person`;
  a person of unknown gender agrees with both); "he said" the most recent such person who is the
  subject of a verb of speech or of a sentence ("X says …"), not of a reported clause ("… says Y is",
  "… said Y noted"),
  searched in the twelve sentences before;
* a pronoun outside quotation marks does not refer to a name inside them;
* ``not-the-quoted-speaker``: a third-person pronoun inside quotation marks is never the one who
  speaks them (a speaker says "I"): in '"He was captured in the north," Ann Lee said', "he" is not
  Ann Lee; who speaks a quotation is the subject of a verb of speech outside quotation marks in its
  sentences, or when there is none in the sentence before or after it (a quotation running on into
  the next one with no attribution between takes that one's; one that follows another closely with
  none of its own near it is the same speaker's);
* ``reporter-says-he``: the subject pronoun of a clause reported by a verb of speech is the reporter
  when they agree ("X says he can …", "He says he can …": the same man);
* ``parallel-subject``: "He wants X, he wants Y": the second "he" is the first one, not X;
* ``unnamed-person-near``: a person the text brings in without a name ("the lawyer of a Danish driver
  who …") and refers back to with the same noun in the six sentences before ("The 40-year-old driver was
  held …") may be the one "he" means as well as the last person named: such a "he" (or "she") is left
  unresolved, unless the clause's own structure decides it (reporter, parallel subject, possessor's
  subject, "he said");
* ``speaker-not-a-possessor``: "he said" with no person reported speaking before is the last person
  named as the head of a phrase, not one named as a possessor or modifier ("engineer on X's plants.
  He says …" is not X);
* it/its: the most recent organisation, group or place that is the head of
  its noun phrase (not a modifier as in "French-led");
* they/them/their: the most recent organisation or group named as the head of its phrase (never a
  modifier: in "their Acme supervisors" the supervisors are not Acme), unless ``plural-people-between``:
  a plural subject naming people ("Ann Lee and Bo Chan", "the guides") comes between (or in the
  organisation's own sentence: "The guides said the firm had warned them. They said …"), for whom
  "they" may stand (left unresolved: a mention has one entity);
* a possessive pronoun inside a clause prefers that clause's subject
  ("UN peacekeepers ended their mission": their = the peacekeepers);
* "the department", "the union": the most recent organisation whose name
  ends in that word; "the group", "the company": the most recent
  organisation named by a proper name (not by a descriptive head);
* "the country", "the city": the most recent country or city;
* "government troops": the most recent "… government" group;
* "the Treasurer", "the Foreign Minister": the one person of the segment named with that title
  before ("Federal Treasurer Peter Costello", "the Treasurer, Peter Costello"; not "Shadow Treasurer");
  in lower case too when it is the subject of a verb of speech ("the president said").

Candidates are searched in the current and the two previous sentences of
the same segment. A resolved pronoun or description is recorded as a
mention of the entity with its own offsets.
"""
from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, Callable

from kg.extract.context import Ctx, RawMention
from kg.extract.lexicon import (GENERIC_ORG_NOUNS, GROUP_HEADS, INSTITUTION_HEADS, PERSON_NOUNS, REPORTING_VERBS,
                                ROLE_HEADS, ROLE_MODIFIERS)
from kg.extract.link import demonym_country
from kg.extract.sources import source_class
from kg.extract.speech import ATTRIBUTION_VERBS, gender_of_person, never_speaks, person_noun_gender

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["resolve_coreference"]

_MALE = {"he", "him", "his", "himself"}
_FEMALE = {"she", "her", "hers", "herself"}
_NEUTER = {"it", "its", "itself"}
_PLURAL = {"they", "them", "their", "theirs", "themselves"}
_MODIFIER_DEPS = {"compound", "amod", "npadvmod", "nmod"}
_WINDOW = 2  # previous sentences searched
_SPEAKER_WINDOW = 12  # previous sentences searched for the speaker of "he said"
_MILITARY = {"army", "military", "troops", "troop", "forces", "force", "soldiers", "soldier"}


def _etype(ctx: Ctx, m: RawMention) -> str:
    return str(ctx.entity_info.get(m.key or "", {}).get("type", ""))


def _label_words(ctx: Ctx, m: RawMention) -> list[str]:
    return m.text.replace("’", "'").lower().split()


def _candidates(ctx: Ctx, si: int, tok: "Token", window: int = _WINDOW) -> list[RawMention]:
    """Resolved mentions before ``tok`` in the window, most recent first."""
    sent_starts = ctx.sentence_starts(si)
    cur = bisect.bisect_right(sent_starts, tok.i) - 1
    window_start = sent_starts[max(0, cur - window)]
    found = [
        m for m in ctx.mentions
        if m.seg == si and m.key and window_start <= m.tok_start and m.tok_end <= tok.i
        and m.kind not in ("pronoun",)
    ]
    return sorted(found, key=lambda m: -m.tok_start)


def _pick(cands: list[RawMention], ok: Callable[[RawMention], bool], prefer_heads: bool = True) -> RawMention | None:
    good = [m for m in cands if ok(m)]
    if prefer_heads:
        heads = [m for m in good if m.head_dep not in _MODIFIER_DEPS]
        if heads:
            return heads[0]
    return good[0] if good else None


def _clause_subject(tok: "Token") -> "Token | None":
    """The subject of the clause a possessive pronoun sits in."""
    node = tok.head
    while node is not None:
        subj = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj and subj[0].i < tok.i:
            return subj[0]
        if node.dep_ in ("ROOT",) or node.head.i == node.i:
            return None
        if node.pos_ in ("VERB", "AUX") and node.dep_ not in ("xcomp", "conj", "acl", "advcl"):
            return None
        node = node.head
    return None


def _reporting_subject(tok: "Token") -> "Token | None":
    """For a pronoun subject of a clause reported by a verb of speech, that verb's subject."""
    if tok.dep_ not in ("nsubj", "nsubjpass"):
        return None
    clause = tok.head
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in REPORTING_VERBS:
        return None
    if any(c.dep_ in ("aux", "auxpass") and c.i < tok.i for c in clause.children):
        return None  # "vowed to isolate the group should it seize power": a conditional, not what was said
    subj = [c for c in clause.head.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN", "PRON")]
    return subj[0] if subj else None


def _parallel_subject(ctx: Ctx, si: int, tok: "Token") -> RawMention | None:
    """Rule ``parallel-subject``: a subject pronoun of a clause set beside another whose subject is the
    same pronoun on the same side of the quotation marks, already resolved, is the same one ("He wants
    X, he wants Y ripped up": not X)."""
    if tok.dep_ not in ("nsubj", "nsubjpass"):
        return None
    verb = tok.head
    beside = [c for c in verb.children if c.dep_ in ("ccomp", "conj", "parataxis") and c.i < tok.i]
    if verb.dep_ in ("conj", "parataxis") and verb.head.i < tok.i:
        beside.append(verb.head)
    quoted = ctx.quotations(si)
    side = _quotation_at(quoted, tok.idx)
    for other in beside:
        for subj in other.children:
            if subj.dep_ in ("nsubj", "nsubjpass") and subj.lower_ == tok.lower_ and subj.i < tok.i \
                    and _quotation_at(quoted, subj.idx) == side:  # not '"He …," he said'
                m = ctx.mention_at(si, subj.i)
                if m is not None and m.key:
                    return m
    return None


def _same_pronoun_class(a: str, b: str) -> bool:
    return any(a in group and b in group for group in (_MALE, _FEMALE, _NEUTER, _PLURAL))


def _reports(ctx: Ctx, m: RawMention) -> bool:
    """Whether mention ``m`` is the subject of a verb of speech ("Colin Powell says …") or of its
    sentence's main verb ("Gailani summed up …"), not of a clause reported inside ("… says Donald is")."""
    head = ctx.tokens(m.seg)[m.tok_end - 1] if m.seg >= 0 else None
    if head is not None and head.dep_ == "appos":
        head = head.head  # "A delegate, Sayed Gailani, summed up …"
        while head.dep_ in ("pobj", "prep") and head.head.i != head.i:
            head = head.head  # "The head of the Law Institute, Ann Lee, says" (the name hung on "Institute")
    if head is None or head.dep_ != "nsubj":
        return False
    verb = head.head
    if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in REPORTING_VERBS:
        return False  # "X said Y noted …": Y speaks inside X's report; "He says …" after it goes on with X
    return verb.dep_ == "ROOT" or verb.lemma_.lower() in REPORTING_VERBS


def _is_person(ctx: Ctx, m: RawMention) -> bool:
    return _etype(ctx, m) == "Person"


def _is_group_like(ctx: Ctx, m: RawMention) -> bool:
    return _etype(ctx, m) in ("Organization",)


def _is_neuter(ctx: Ctx, m: RawMention) -> bool:
    return _etype(ctx, m) in ("Organization", "Country", "City", "Place")


def _proper_org(ctx: Ctx, m: RawMention) -> bool:
    words = _label_words(ctx, m)
    return _etype(ctx, m) == "Organization" and m.label != "GROUP" and bool(words) and words[-1] not in INSTITUTION_HEADS


def _add_coref(ctx: Ctx, si: int, first: "Token", last: "Token", target: RawMention, kind: str) -> None:
    start, end = ctx.char_span(si, first, last)
    ctx.add_mention(RawMention(si, first.i, last.i + 1, start, end, ctx.document.text[start:end],
                               target.label, kind, key=target.key, head_dep=last.dep_))


def _outside_quotes(ctx: Ctx, si: int, tok: "Token", cands: list[RawMention],
                    quoted: list[tuple[int, int]] | None) -> list[RawMention]:
    """For a pronoun outside quotation marks, the candidates outside them too: in '"We heard the Prime
    Minister …," he said', "he" is not the Prime Minister."""
    if not quoted or _quotation_at(quoted, tok.idx) >= 0:
        return cands
    offset = ctx.segments[si].offset
    return [m for m in cands if _quotation_at(quoted, m.start - offset) < 0]


def _people_between(ctx: Ctx, si: int, m: RawMention, tok: "Token") -> bool:
    """Rule ``plural-people-between``: whether a plural subject naming people ("Ann Lee and Bo Chan",
    "the guides") stands between the sentence of mention ``m`` and the pronoun ``tok`` (outside quotation
    marks, as the candidates of a pronoun outside them are)."""
    toks = ctx.tokens(si)
    quoted = ctx.quotations(si)
    first = ctx.sentence_bounds(si, m.tok_start)[0]  # "The divers said the board had warned them. They …"
    for t in toks[first:tok.i]:
        if m.tok_start <= t.i < m.tok_end:
            continue
        if t.dep_ not in ("nsubj", "nsubjpass") or _quotation_at(quoted, t.idx) >= 0:
            continue
        conj = [c for c in t.children if c.dep_ == "conj"]
        if conj and all(_person_at(ctx, si, x) for x in (t, *conj)):
            return True  # "Ann Lee and Bo Chan told …"
        if t.pos_ == "NOUN" and t.tag_ == "NNS" and ctx.mention_at(si, t.i) is None and (
                source_class(t) == "Group" or t.head.lemma_.lower() in ATTRIBUTION_VERBS):
            return True  # "the officials …", "the divers said": several people or bodies a common noun names
    return False


_UNNAMED_WINDOW = 6  # sentences before a pronoun in which "the man" must come back
#: Verbs that name the person a noun brings in: "a driver known as Red", "a driver identified as Jo Lee".
_NAMING_VERBS = frozenset("know name call identify".split())


def _unnamed_person_before(ctx: Ctx, si: int, tok: "Token", gender: str) -> bool:
    """Rule ``unnamed-person-near``: whether the text brings in one person it describes but does not name
    ("the lawyer of a Danish driver who …") and refers back to that person with the same noun in the
    sentences before the pronoun ("The 40-year-old driver was held …"), of the pronoun's gender or of none:
    "he" may then mean that person rather than the last one named, and a wrong referent is worse than none.
    A person named where brought in ("a driver known as Red", "a driver, Ole Berg,") does not count."""
    toks = ctx.tokens(si)
    starts = ctx.sentence_starts(si)
    cur = bisect.bisect_right(starts, tok.i) - 1
    recent = starts[max(0, cur - _UNNAMED_WINDOW)]
    brought_in: dict[str, int] = {}
    for t in toks[:tok.i]:
        lemma = t.lemma_.lower()
        if t.pos_ != "NOUN" or t.tag_ != "NN" or lemma not in PERSON_NOUNS \
                or person_noun_gender(lemma) not in (None, gender) \
                or ctx.mention_at(si, t.i) is not None:
            continue
        dets = {c.lower_ for c in t.children if c.dep_ == "det"}
        if dets & {"a", "an"} and t.dep_ != "attr" and lemma not in brought_in and not any(
                c.dep_ == "appos" or (c.dep_ in ("acl", "relcl") and c.lemma_.lower() in _NAMING_VERBS)
                for c in t.children):
            brought_in[lemma] = t.i
        elif "the" in dets and t.i >= recent and brought_in.get(lemma, t.i) < t.i:
            return True
    return False


def _person_at(ctx: Ctx, si: int, t: "Token") -> bool:
    m = ctx.mention_at(si, t.i)
    return m is not None and _is_person(ctx, m)


def _quotation_at(quoted: list[tuple[int, int]] | None, pos: int) -> int:
    """Index of the quotation holding segment offset ``pos``, or -1."""
    for k, (start, end) in enumerate(quoted or ()):
        if start <= pos < end:
            return k
    return -1


def _quote_speakers(ctx: Ctx, si: int, k: int, quoted: list[tuple[int, int]]) -> set[str]:
    """Entity keys of who speaks quotation ``k`` (rule ``not-the-quoted-speaker``): subjects of verbs of
    speech outside quotation marks in the sentences the quotation spans (with the quotations it runs on
    into), or, when there are none, in the sentence before and after them."""
    text = ctx.segment_text(si)
    last = k
    while last + 1 < len(quoted) and not text[quoted[last][1]:quoted[last + 1][0]].strip(" \t\n\"“”‘’'"):
        last += 1  # a paragraph quoted on: no attribution between one quotation and the next
    toks = ctx.tokens(si)
    starts = ctx.sentence_starts(si)
    first_tok = ctx.tokens_between(si, quoted[k][0], quoted[k][1])
    last_tok = ctx.tokens_between(si, quoted[last][0], quoted[last][1])
    if not first_tok or not last_tok:
        return set()
    lo = bisect.bisect_right(starts, first_tok[0].i) - 1
    hi = bisect.bisect_right(starts, last_tok[-1].i)

    def subjects(begin: int, end: int) -> "list[Token]":
        return [c for t in toks[begin:end] if t.pos_ == "VERB" and t.lemma_.lower() in ATTRIBUTION_VERBS
                and _quotation_at(quoted, t.idx) < 0 for c in t.children if c.dep_ == "nsubj"]

    found = subjects(starts[lo], starts[hi] if hi < len(starts) else len(toks))
    if not found:  # no attribution beside the quotation: who speaks is named just before or after it
        found = subjects(starts[max(0, lo - 1)], starts[min(len(starts), hi + 1)] if hi + 1 < len(starts)
                         else len(toks))
    if not found and k > 0 and len(text[quoted[k - 1][1]:quoted[k][0]]) < 80:
        return _quote_speakers(ctx, si, k - 1, quoted)  # '"…," X said. "…" "…"': X's quotations go on
    keys: set[str] = set()
    for subj in found:
        m = ctx.mention_at(si, subj.i)
        if m is None and subj.pos_ == "PRON" and subj.lower_ in _MALE | _FEMALE | _NEUTER | _PLURAL \
                and _quotation_at(quoted, subj.idx) < 0:
            m = _resolve_pronoun(ctx, si, subj, quoted)  # '"…," he said': not resolved yet
        if m is not None and m.key:
            keys.add(m.key)
    return keys


def _resolve_pronoun(ctx: Ctx, si: int, tok: "Token", quoted: list[tuple[int, int]] | None = None,
                     speakers_of: dict[tuple[int, int], set[str]] | None = None) -> RawMention | None:
    low = tok.lower_
    cands = _outside_quotes(ctx, si, tok, _candidates(ctx, si, tok), quoted)
    k = _quotation_at(quoted, tok.idx)
    reported = _reporting_subject(tok) if k < 0 else None  # '"He was caught," X said': not X
    speakers: set[str] = set()
    if k >= 0 and quoted:
        cached = speakers_of.get((si, k)) if speakers_of is not None else None
        if cached is None:  # the same for every pronoun of the quotation: found once
            cached = _quote_speakers(ctx, si, k, quoted)
            if speakers_of is not None:
                speakers_of[(si, k)] = cached
        speakers = cached
        cands = [m for m in cands if m.key not in speakers]
    if low.endswith(("self", "selves")) or tok.dep_ == "poss":
        # reflexives and possessives bind to the subject of their clause when it has one
        subj = _clause_subject(tok)
        if subj is not None and (ctx.mention_at(si, subj.i) is None or not ctx.mention_at(si, subj.i).key):
            return None
    if low in _MALE | _FEMALE:
        gender = "male" if low in _MALE else "female"

        def person(m: RawMention) -> bool:  # one person of the pronoun's gender, or of no known gender
            head = ctx.tokens(m.seg)[m.tok_end - 1]
            return _is_person(ctx, m) and head.tag_ not in ("NNPS", "NNS") and not never_speaks(ctx, m.key) \
                and gender_of_person(ctx, m.key or "") in (None, gender)

        if tok.dep_ == "poss":
            subj = _clause_subject(tok)
            if subj is not None:
                sm = ctx.mention_at(si, subj.i)
                if sm is not None and sm.key and person(sm):
                    return sm
        twin = _parallel_subject(ctx, si, tok)
        if twin is not None and person(twin):
            return twin
        if reported is not None:
            # rule ``reporter-says-he``: "X says he can …", "He says he can …": the one who reports, when
            # gender agrees
            rm = ctx.mention_at(si, reported.i)
            if reported.pos_ == "PRON" and not _same_pronoun_class(reported.lower_, low):
                rm = None
            if rm is not None and rm.key and person(rm):
                return rm
        if tok.dep_ == "nsubj" and tok.head.lemma_.lower() in ATTRIBUTION_VERBS:
            # '"…," he said' after 'X says …': the last person of that gender reported speaking or
            # acting, looked for further back than other pronouns: a speaker is often named paragraphs
            # before their words go on
            far = [m for m in _outside_quotes(ctx, si, tok, _candidates(ctx, si, tok, _SPEAKER_WINDOW), quoted)
                   if m.key not in speakers]
            for pool in (cands, far):
                speaker = _pick(pool, lambda m: person(m) and _reports(ctx, m), prefer_heads=False)
                if speaker is not None:
                    return speaker
            def named_as_head(pool: list[RawMention]) -> list[RawMention]:
                return [m for m in pool if m.head_dep not in _MODIFIER_DEPS | {"poss"}]

            return _pick(named_as_head(cands), person, prefer_heads=False) \
                or _pick(named_as_head(far), person, prefer_heads=False)
        found = _pick(cands, person, prefer_heads=False)
        if found is not None and _unnamed_person_before(ctx, si, tok, gender):
            return None  # rule ``unnamed-person-near``: "the man" may be meant as well as the one named
        return found
    if (low in _NEUTER or low in _PLURAL) and tok.dep_ not in ("nsubj", "nsubjpass", "poss"):
        return None  # an object "it" / "them" refers to things as often as to entities: left alone
    if reported is not None:
        # "The rebels said they had withdrawn": the pronoun is the reporter when number agrees
        rm = ctx.mention_at(si, reported.i)
        agrees = (low in _PLURAL and reported.tag_ in ("NNS", "NNPS")) or (
            low in _MALE | _FEMALE | _NEUTER and reported.tag_ in ("NN", "NNP")) or (
            reported.pos_ == "PRON" and _same_pronoun_class(reported.lower_, low))
        if agrees and low in _NEUTER and rm is not None and rm.key and _is_person(ctx, rm):
            return None  # "X has told the radio it should not be dismissed": a thing X speaks of, not X
        if agrees:
            return rm if rm is not None and rm.key else None
    if low in _NEUTER:
        if tok.dep_ == "nsubj" and tok.head.lemma_ in ("be", "seem", "appear", "rain", "take"):
            return None  # pleonastic "it is ..."
        ok: Callable[[RawMention], bool] = lambda m: _is_neuter(ctx, m)  # noqa: E731
    elif low in _PLURAL:
        cands = [m for m in cands if m.head_dep not in _MODIFIER_DEPS]
        ok = lambda m: _is_group_like(ctx, m) and not _people_between(ctx, si, m, tok)  # noqa: E731
    else:
        return None
    if tok.dep_ == "poss":
        subj = _clause_subject(tok)
        if subj is not None:
            sm = ctx.mention_at(si, subj.i)
            if sm is not None and sm.key and ok(sm):
                return sm
    if tok.dep_ == "nsubj" and tok.head.lemma_.lower() in REPORTING_VERBS:
        # "X said its inquiry began after a complaint from Y. It did not say …": the last one reported
        # speaking or acting, as for "he said"
        speaker = _pick(cands, lambda m: ok(m) and _reports(ctx, m), prefer_heads=False)
        if speaker is not None:
            return speaker
    return _pick(cands, ok)


# last words of names of institutions that are not businesses ("the company" cannot mean them)
_NOT_A_BUSINESS = INSTITUTION_HEADS - {"company", "corporation", "bank", "group", "club", "team"}


def _names_kind(ctx: Ctx, m: RawMention, heads: frozenset[str]) -> bool:
    """Whether a name of the mention's entity ends in one of ``heads`` ("Unite union" for "Unite")."""
    labels: dict[str, int] = ctx.entity_info.get(m.key or "", {}).get("labels") or {}  # type: ignore[assignment]
    names = [m.text, *labels]
    return bool({name.lower().split()[-1] for name in names if name.strip()} & heads)


def _resolve_description(ctx: Ctx, si: int, tok: "Token") -> tuple["Token", RawMention] | None:
    """'the ministry', 'the militant group', 'the country', 'government troops'."""
    if tok.pos_ != "NOUN" or tok.tag_ not in ("NN", "NNS"):
        return None
    dets = [c for c in tok.lefts if c.dep_ == "det"]
    lemma = tok.lemma_.lower()
    cands = _candidates(ctx, si, tok)
    if not dets:
        # "government troops": troops of the government named before
        comp = [c for c in tok.lefts if c.dep_ == "compound" and c.lemma_.lower() == "government"]
        if comp and lemma in GROUP_HEADS:
            target = _pick(cands, lambda m: m.label == "GROUP" and _label_words(ctx, m)[-1] == "government",
                           prefer_heads=False)
            return (comp[0], target) if target else None
        return None
    if dets[0].lower_ != "the" or tok.tag_ == "NNS" and lemma not in GROUP_HEADS:
        return None  # "the companies": a plural description names several entities
    first = dets[0]
    if any(ctx.covered(si, i) for i in range(first.i + 1, tok.i)):
        return None  # "the Hamas movement": the phrase names its entity, it does not point back to one
    names = {t.lower_ for t in tok.doc[first.i + 1:tok.i] if t.pos_ == "PROPN"}
    if names:  # a name the NER missed: only an entity of that name may be meant
        target = _pick(cands, lambda m: names <= set(_label_words(ctx, m)), prefer_heads=False)
        return (first, target) if target else None
    if lemma in _MILITARY:
        # "the army" after "Malian troops": the armed forces named before
        target = _pick(cands, lambda m: m.label == "GROUP" and _label_words(ctx, m)[-1] in _MILITARY,
                       prefer_heads=False)
    elif lemma in ("country", "nation"):
        target = _pick(cands, lambda m: _etype(ctx, m) == "Country")
    elif lemma == "city":
        target = _pick(cands, lambda m: _etype(ctx, m) == "City")
    elif lemma in ("company", "firm"):
        # a business: not "the Unite union", "the Interior Ministry", "the High Court"
        target = _pick(cands, lambda m: _proper_org(ctx, m) and not _names_kind(ctx, m, _NOT_A_BUSINESS),
                       prefer_heads=False)
    elif lemma in GENERIC_ORG_NOUNS:
        target = _pick(cands, lambda m: _proper_org(ctx, m), prefer_heads=False)
    elif lemma == "government":
        target = _pick(cands, lambda m: m.label == "GROUP" and _label_words(ctx, m)[-1] == "government",
                       prefer_heads=False)
    elif lemma in INSTITUTION_HEADS:
        target = _pick(cands, lambda m: _etype(ctx, m) == "Organization" and m.label != "GROUP"
                       and _label_words(ctx, m)[-1] == lemma, prefer_heads=False)
    else:
        return None
    return (first, target) if target else None


def _title_before(toks: "list[Token]", end: int) -> str:
    """The title whose last word is token ``end`` ("foreign minister"), or ""."""
    if end < 0 or toks[end].lower_ not in ROLE_HEADS:
        return ""
    start = end
    while start > 0 and toks[start - 1].lower_ in ROLE_MODIFIERS:
        start -= 1
    return " ".join(t.lower_ for t in toks[start:end + 1])


#: Title words that make another office: "the Treasurer" is not the Shadow Treasurer.
_OTHER_OFFICE = frozenset("shadow deputy vice assistant associate acting interim former".split())


def _same_office(held: str, said: str) -> bool:
    """Whether the title a person was named with (``held``: "federal treasurer") is the office a
    description names (``said``: "treasurer")."""
    if not held or not said:
        return False
    if held == said:
        return True
    extra = held[:-len(said)].split() if held.endswith(" " + said) else None
    return extra is not None and not _OTHER_OFFICE & set(extra)


def _resolve_title(ctx: Ctx, si: int, tok: "Token") -> tuple["Token", RawMention] | None:
    """'the Treasurer' after 'Treasurer Peter Costello' or 'the Treasurer, Peter Costello'."""
    speaks = tok.dep_ == "nsubj" and tok.head.lemma_.lower() in ATTRIBUTION_VERBS  # "the president said"
    if tok.lower_ not in ROLE_HEADS or tok.dep_ == "compound" or not (tok.text[:1].isupper() or speaks):
        return None
    dets = [c for c in tok.lefts if c.dep_ == "det"]
    if not dets or dets[0].lower_ != "the":
        return None
    toks = ctx.tokens(si)
    title = _title_before(toks, tok.i)
    extra = toks[dets[0].i + 1:tok.i + 1 - len(title.split())]
    if any(demonym_country(t.text) is None for t in extra):
        return None  # words that are neither title words nor a nationality ("the Shadow Foreign Affairs Minister")
    if tok.i + 2 < len(toks) and toks[tok.i + 1].text == "," and ctx.mention_at(si, tok.i + 2) is not None:
        return None  # "the Defence Minister, Robert Hill": the title introduces the name after it
    holders: dict[str, RawMention] = {}
    for m in ctx.mentions:
        if m.seg != si or m.kind != "name" or not m.key or m.tok_start >= tok.i or not _is_person(ctx, m):
            continue
        before = m.tok_start - 1
        if before >= 1 and toks[before].text == ",":
            before -= 1  # "the Treasurer, Peter Costello"
        if _same_office(_title_before(toks, before), title):
            holders.setdefault(m.key, m)
    if len(holders) != 1:
        return None  # nobody, or several people, named with that title
    return dets[0], next(iter(holders.values()))


def resolve_coreference(ctx: Ctx) -> None:
    """Add pronoun and description mentions (with their entity key) to ``ctx``."""
    speakers_of: dict[tuple[int, int], set[str]] = {}  # who speaks each quotation, found once
    for si, seg in enumerate(ctx.segments):
        quoted = ctx.quotations(si)
        for tok in ctx.tokens(si):
            if ctx.covered(si, tok.i):
                continue
            if tok.pos_ == "PRON":
                target = _resolve_pronoun(ctx, si, tok, quoted, speakers_of)
                if target is not None:
                    _add_coref(ctx, si, tok, tok, target, "pronoun")
                continue
            found = _resolve_description(ctx, si, tok) or _resolve_title(ctx, si, tok)
            if found is not None:
                first, target = found
                _add_coref(ctx, si, first, tok, target, "description")
