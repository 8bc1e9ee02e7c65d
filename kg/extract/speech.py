"""What the attribution rules share (quotes, reported speech, sources, coreference of speakers):
the verbs that attribute words, findings or beliefs to a source, and the gender of persons and of
nouns for people, so that "she said" is the woman named before and "the businessman" a man.

A word for a people ("Englishmen", "Mexicans") is never a speaker (:func:`never_speaks`).

A person's gender is read from an honorific before one of its names ("Mr.", "Ms.") or else from
its first name (the offline first-name list of the ``gender-guesser`` package, loaded once, only
when a gendered pronoun or noun has to choose); unknown when neither says.
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from kg.extract.lexicon import REPORTING_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extract.context import Ctx

__all__ = ["ATTRIBUTION_VERBS", "QUOTING_VERBS", "BELIEF_VERBS", "INFINITIVE_VERBS", "OBJECT_VERBS",
           "COGNITION_VERBS", "ATTITUDE_WORDS", "speech_lemma",
           "SOURCE_VERBS", "gender_of_person", "is_people_word",
           "finds_out", "never_speaks", "person_noun_gender"]

#: verbs that report words or a finding with a content clause ("X said that …", "the study found …")
BELIEF_VERBS = frozenset(
    """
    find show conclude believe think estimate contend concede complain observe testify recall recount
    indicate signal hint argue write suggest acknowledge insist claim predict warn fear hope expect
    """.split()
)
#: verbs that introduce quoted words but rarely a content clause ("she asked", "protesters chanted")
QUOTING_VERBS = frozenset(
    "ask chant yell shout scream sing joke boast demand scold quip remark retort mutter whisper read exclaim "
    "laugh continue proclaim".split()
)
#: verbs whose to-clause is what the source promised, refused, urged, wants or intends ("X vowed to …",
#: "X urged Y to …", "X wants to …", "X plans to …", "X agreed to …")
INFINITIVE_VERBS = frozenset(
    "promise vow pledge threaten refuse urge warn tell ask encourage want plan intend seek aim decide agree "
    "decline offer propose demand hope vote".split())
#: verbs of saying or of taking a stand whose object is what was said or the stand taken ("denied the
#: allegations", "announced a recall", "praised the plan", "endorsed Clinton", "mentioned the deal")
OBJECT_VERBS = frozenset(
    """
    announce deny confirm cite criticize criticise condemn question acknowledge reveal predict propose demand
    reject dispute claim note find show mention describe praise endorse oppose discuss accuse blame
    dismiss applaud tout support favor favour reiterate echo unveil highlight stress emphasize emphasise denounce decry
    lament recommend request concede admit promise pledge urge slam mock ridicule chastise rebuke
    laud hail commend reference advocate champion detail outline downplay lambaste assail berate castigate
    deride disparage rate back
    """.split())
#: verbs of knowing, feeling, agreeing and asking whose content clause is what the source knows, feels,
#: agrees on or asks ("X knows that …", "X worries that …", "X agreed that …", "X asked whether …");
#: only with a clause, never as the verb of a quotation
COGNITION_VERBS = frozenset(
    "know understand learn feel worry doubt realize realise recognize recognise assume agree wonder ask question "
    "remember notice discover reckon imagine suspect rule demand".split())
#: adjectives (and participles) of a state of mind whose that-clause is what the one in it believes, fears
#: or hopes ("X is confident that …", "X were frustrated that …")
ATTITUDE_WORDS = frozenset(
    """
    afraid convinced confident sure certain worried concerned hopeful optimistic pessimistic frustrated angry
    upset aware adamant skeptical sceptical doubtful fearful disappointed pleased glad happy proud furious
    unhappy satisfied alarmed outraged troubled insistent persuaded
    """.split())
#: lemmas the tagger gives some forms of a verb of speech or belief, by the form ("hoped" is read "hop")
_LEMMA_FIXES = {("hop", "hoped"): "hope", ("hop", "hoping"): "hope", ("hop", "hopes"): "hope",
                ("rat", "rated"): "rate", ("rat", "rates"): "rate", ("rat", "rating"): "rate"}
_MISREAD = frozenset(lemma for lemma, _ in _LEMMA_FIXES)


def speech_lemma(tok: "Token") -> str:
    """The lemma of ``tok`` in lower case, mended where the lemmatizer mistakes a verb of speech or
    belief for another word ("hoped": "hope", not "hop")."""
    lemma = tok.lemma_.lower()
    return _LEMMA_FIXES.get((lemma, tok.lower_), lemma) if lemma in _MISREAD else lemma


#: every verb whose subject is the source of an attribution
ATTRIBUTION_VERBS = REPORTING_VERBS | BELIEF_VERBS | QUOTING_VERBS
#: every verb whose subject is the source of a statement kg reports (also "X endorsed Y", "X wants to …")
SOURCE_VERBS = ATTRIBUTION_VERBS | COGNITION_VERBS | INFINITIVE_VERBS | OBJECT_VERBS | frozenset(
    """
    call label dub brand term see view regard admire point speak talk complain boast brag rail testify comment joke
    lecture write disagree weigh offer express voice give provide raise
    """.split())

_HONORIFIC_GENDER = {"mr": "male", "mr.": "male", "mrs": "female", "mrs.": "female", "ms": "female",
                     "ms.": "female", "miss": "female", "sir": "male", "lady": "female", "madam": "female"}
_MALE_NOUNS = frozenset(
    """
    man men businessman father son husband brother boy king spokesman chairman congressman sportsman
    nephew uncle grandfather gentleman actor prince
    """.split()
)
_FEMALE_NOUNS = frozenset(
    """
    woman women businesswoman mother daughter wife sister girl queen spokeswoman chairwoman congresswoman
    niece aunt grandmother lady actress princess
    """.split()
)


def person_noun_gender(word: str) -> str | None:
    """"male", "female" or None for a noun for a person ("businessman", "mother", "lawyer")."""
    low = word.lower()
    return "male" if low in _MALE_NOUNS else "female" if low in _FEMALE_NOUNS else None


@lru_cache(maxsize=1)
def _detector():  # type: ignore[no-untyped-def]
    """gender-guesser's detector, reading only the lines of the names asked for: the package parses all
    48,000 lines of its list when built (0.4 s per process); here they are only indexed by name, and each
    name's lines go through the package's own parser and rules when first asked for."""
    import os

    import gender_guesser.detector as gd

    class _Lazy(gd.Detector):  # type: ignore[misc]
        def __init__(self) -> None:
            self.case_sensitive = False
            self.names: dict[str, dict[str, str]] = {}
            self._lines: dict[str, list[str]] = {}
            with open(os.path.join(os.path.dirname(gd.__file__), "data", "nam_dict.txt"), encoding="utf-8") as f:
                for line in f:
                    if line[:1] not in "#=":
                        self._lines.setdefault(line[3:29].rstrip().lower(), []).append(line)

        def get_gender(self, name: str, country: str | None = None) -> str:
            for line in self._lines.pop(name.lower(), ()):
                self._eat_name_line(line.strip())
            return str(super().get_gender(name, country))

    return _Lazy()


def first_name_gender(name: str) -> str | None:
    """"male" or "female" for a first name the list knows as mostly one ("Carla", "Barack"), else None."""
    if not name[:1].isalpha() or "." in name or len(name) < 2:
        return None
    g = _detector().get_gender(name)
    return "male" if g in ("male", "mostly_male") else "female" if g in ("female", "mostly_female") else None


def gender_of_person(ctx: "Ctx", key: str) -> str | None:
    """The gender of the person ``key`` from an honorific before one of its mentions, else from the
    first word of its longest name; None when neither tells (cached in ``ctx.entity_info``)."""
    info = ctx.entity_info.get(key)
    if info is None:
        return None
    if "gender" in info:
        return info["gender"]  # type: ignore[return-value]
    gender: str | None = None
    for m in ctx.mentions:
        if m.key == key and m.seg >= 0 and m.tok_start > 0 and m.kind in ("name", "surname"):
            before = ctx.tokens(m.seg)[m.tok_start - 1].lower_
            gender = _HONORIFIC_GENDER.get(before) or _HONORIFIC_GENDER.get(m.text.split()[0].lower())
            if gender:
                break
    if gender is None:
        labels = info.get("labels") or {}
        names = sorted(labels, key=lambda s: -len(s.split()))  # type: ignore[arg-type]
        if names and len(names[0].split()) >= 2:
            gender = first_name_gender(names[0].split()[0])
    info["gender"] = gender
    return gender


#: how words for a people end ("Mexicans", "Chinese", "Afghan", "Israeli", "Englishmen"); a country's
#: name that ends so ("Japan", "Philippines") is told apart by the list of country names
_DEMONYM_ENDINGS = ("s", "ese", "ish", "ch", "an", "i", "ic", "man", "men", "woman", "women")


def is_people_word(word: str) -> bool:
    """Whether ``word`` names a people or a nationality rather than someone: "Mexicans", "Englishmen",
    "Frenchman" (a demonym, or one with "-man"/"-men")."""
    from kg.extract.link import _countries, demonym_country

    w = word.strip()
    if not w or " " in w:
        return False
    if w.isupper() or w.lower() in _countries()[0] or not w.lower().endswith(_DEMONYM_ENDINGS):
        return False  # a country's own name ("Norway insisted", "Peru announced …") or an acronym speaks
    if demonym_country(w) is not None:
        return True
    for suffix in ("men", "man", "women", "woman"):
        if w.endswith(suffix) and len(w) > len(suffix) + 2 and demonym_country(w[:-len(suffix)]) is not None:
            return True
    return False


def never_speaks(ctx: "Ctx", key: str | None) -> bool:
    """Whether the entity ``key`` is only ever named by a word for a people ("The Englishmen says …"):
    a nationality or group noun is never a speaker."""
    labels = ctx.entity_info.get(key or "", {}).get("labels") or {}
    return bool(labels) and all(is_people_word(str(label)) for label in labels)  # type: ignore[union-attr]


#: Objects of "confirm", "establish" … that make the verb one of finding out, not of saying ("confirmed the
#: whereabouts of X", "established the identity of the victims").
_FOUND_OUT = frozenset("whereabouts location identity identities presence position cause existence".split())
_FINDING_OUT = frozenset("confirm verify establish determine".split())


def finds_out(verb: "Token") -> bool:
    """Whether ``verb`` is "confirmed (verified, established) the whereabouts (identity, location, cause …) of
    X": finding something out, not saying it ("reported her presence", "noted its existence" are said)."""
    return verb.lemma_.lower() in _FINDING_OUT and any(
        c.dep_ == "dobj" and (c.lower_ in _FOUND_OUT or c.lemma_.lower() in _FOUND_OUT) for c in verb.children)
