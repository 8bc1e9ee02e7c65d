"""The indexed attribute ruler and lemmatizer tables, matrix products through numpy and the entity
recognizer's vectorised greedy loop give the same matches, lemmas, entities and annotations as spaCy's own."""
from __future__ import annotations

import pytest

from pathlib import Path

from kg.extract.speedups import (GreedyEntities, _IndexedMatch, index_attribute_ruler, index_lemma_tables,
                                 numpy_matrix_products, one_blas_thread, vectorised_entities)

EXAMPLE = Path(__file__).resolve().parents[2] / "examples"

TEXTS = [
    "Y'all gon na see it, he said. I ai n't done. There is a cat and there were dogs.",
    "Let 's go, c'm on!  Got ta run.\n\nNothin' was left; the U.S. envoy's aide didn't know.",
    "The minister, who had been told, wasn't there: she'd gone to Paris on 3 May 2021.",
    "",
    "Why?",
]


def _annotations(doc):
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_,
             t.is_sent_start) for t in doc]


def test_the_model_gives_the_same_annotations_with_the_index(nlp):
    import spacy

    from kg.extract import resolve_model_name

    plain = spacy.load(resolve_model_name())
    index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert isinstance(index["noun"], frozenset) and len(index["noun"]) > 10_000
    assert isinstance(plain.get_pipe("lemmatizer").lookups.get_table("lemma_index")["noun"], list)
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler.match, _IndexedMatch) and ruler.match.indexed > 100
    original = plain.get_pipe("attribute_ruler")
    assert not isinstance(original.match, _IndexedMatch)
    for text in TEXTS:
        parsed = plain(text, disable=["attribute_ruler", "lemmatizer", "ner"])
        assert set(ruler.match(parsed)) == set(original.match(parsed))
        assert _annotations(nlp(text)) == _annotations(plain(text))


def _ruler_pipeline(patterns):
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add_patterns(patterns)
    return nlp


#: one rule of each kind the index handles, and some it leaves to a Matcher
PATTERNS = [
    {"patterns": [[{"LOWER": "bank"}]], "attrs": {"TAG": "NN"}},
    {"patterns": [[{"ORTH": {"IN": ["Paris", "Rome"]}}]], "attrs": {"TAG": "NNP", "POS": "PROPN"}},
    {"patterns": [[{"IS_PUNCT": True}]], "attrs": {"TAG": "PUNCT"}},
    {"patterns": [[{"IS_PUNCT": True, "ORTH": {"NOT_IN": [",", "."]}}]], "attrs": {"TAG": "OTHERPUNCT"}},
    {"patterns": [[{"LOWER": "new"}, {"LOWER": {"REGEX": "^y"}}]], "attrs": {"LEMMA": "new-y"}, "index": 1},
    {"patterns": [[{"LOWER": {"REGEX": "^[rs]"}}, {"LOWER": "bank"}]], "attrs": {"LEMMA": "x-bank"}},  # anchor: 2nd
    {"patterns": [[{"LOWER": {"REGEX": "ing$"}}]], "attrs": {"LEMMA": "ing-word"}},  # no equality: Matcher
    {"patterns": [[{"LOWER": "very", "OP": "+"}, {"LOWER": "big"}]], "attrs": {"LEMMA": "big!"}, "index": -1},
    {"patterns": [[{"LOWER": "the"}, {}, {"LOWER": "bank"}]], "attrs": {"LEMMA": "the-x-bank"}},
    {"patterns": [[{"LOWER": "bank"}]], "attrs": {"TAG": "VB"}},  # a later rule wins on the same token
]


@pytest.mark.parametrize(
    "text",
    [
        "The bank in Paris, New York and Rome is very very big; a big bank!",
        "new year, new yacht; singing new songs by the river bank?",
        "bank",
        "bank songs are all new",
        "bank robbers",
        "",
    ],
)
def test_every_kind_of_rule_matches_and_annotates_as_spacy_does(text):
    plain = _ruler_pipeline(PATTERNS)
    indexed = _ruler_pipeline(PATTERNS)
    assert index_attribute_ruler(indexed) is True
    assert index_attribute_ruler(indexed) is False  # once is enough
    index = indexed.get_pipe("attribute_ruler").match
    assert index.indexed == 7 and len(index.rest) == 3
    doc = plain.make_doc(text)
    assert sorted(set(index(doc))) == sorted(set(plain.get_pipe("attribute_ruler").match(doc)))
    assert [(t.tag_, t.pos_, t.lemma_) for t in indexed(text)] == [(t.tag_, t.pos_, t.lemma_) for t in plain(text)]


def test_a_pattern_index_outside_the_match_raises_spacys_error():
    import spacy

    from kg.extract.speedups import _DirectAnnotations

    errors = []
    for indexed in (False, True):
        nlp = spacy.blank("en")
        nlp.add_pipe("attribute_ruler").add([[{"LOWER": "bank"}]], {"TAG": "NN"}, index=3)
        if indexed:
            index_attribute_ruler(nlp)
            assert isinstance(nlp.get_pipe("attribute_ruler").set_annotations, _DirectAnnotations)
        with pytest.raises(ValueError) as e:
            nlp("the bank")
        errors.append(str(e.value))
    assert errors[0] == errors[1] and "E1001" in errors[0]


def test_a_pipeline_without_a_ruler_or_lemmatizer_is_left_alone():
    import spacy

    assert index_attribute_ruler(spacy.blank("en")) is False
    assert index_lemma_tables(spacy.blank("en")) is False


#: words whose suffix rules make forms both in and out of the word lists, and exceptions
LEMMA_TEXT = ("The housings were flying; she wrote, he has written and is writing better, bigger, the best. "
              "Geese, mice and crises: the analyses were debated by the leaves' owners, who were hoping.")


def test_lemmas_with_word_sets_are_the_lemmas_with_word_lists():
    import spacy

    nlp = spacy.blank("en")
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "rule"})
    # the rule lemmatizer needs tables and parts of speech: take both from the installed model
    from kg.extract import resolve_model_name

    model = spacy.load(resolve_model_name())
    lemmatizer.lookups = model.get_pipe("lemmatizer").lookups
    docs = list(model.pipe([LEMMA_TEXT] * 2, disable=["lemmatizer"]))
    before = [t.lemma_ for t in lemmatizer(docs[0])]
    assert index_lemma_tables(nlp) is True and index_lemma_tables(nlp) is False
    lemmatizer.cache.clear()
    after = [t.lemma_ for t in lemmatizer(docs[1])]
    assert after == before and {"write", "mouse", "crisis", "leaf", "debate"} <= set(after)


def test_patterns_added_after_indexing_are_indexed_too():
    nlp = _ruler_pipeline(PATTERNS[:2])
    index_attribute_ruler(nlp)
    assert [t.tag_ for t in nlp("bank Paris")] == ["NN", "NNP"]
    nlp.get_pipe("attribute_ruler").add([[{"LOWER": "paris"}]], {"TAG": "CITY"})
    assert [t.tag_ for t in nlp("bank Paris")] == ["NN", "CITY"]


def _blis(model) -> set:
    return {getattr(node.ops, "use_blis", None) for node in model.walk()}


def test_the_models_multiply_matrices_with_numpy(nlp):
    import spacy

    from kg.extract import resolve_model_name

    plain = spacy.load(resolve_model_name())
    for name in ("tok2vec", "tagger", "parser", "ner"):
        assert _blis(nlp.get_pipe(name).model) == {False}, name
        assert _blis(plain.get_pipe(name).model) == {True}, name
    assert numpy_matrix_products(nlp) is False  # nothing left to change


def test_other_backends_are_left_alone():
    import spacy
    from thinc.api import NumpyOps

    from kg.extract import resolve_model_name

    class Accelerated(NumpyOps):  # stands for a backend of its own, such as Apple's
        name = "accelerated"

    nlp = spacy.load(resolve_model_name())
    mine = Accelerated()
    tagger = nlp.get_pipe("tagger").model
    for node in tagger.walk():
        node.ops = mine
    assert numpy_matrix_products(nlp) is True
    assert all(node.ops is mine for node in tagger.walk())
    assert _blis(nlp.get_pipe("parser").model) == {False}


def test_an_article_gets_the_same_annotations_with_numpy_products(nlp):
    import spacy

    from kg.extract import resolve_model_name

    plain = spacy.load(resolve_model_name())
    text = next(EXAMPLE.rglob("*.txt")).read_text(encoding="utf-8")
    with one_blas_thread():
        ours = _annotations(nlp(text))
    assert len(ours) > 300
    assert ours == _annotations(plain(text))


def test_blas_runs_on_one_thread_while_kg_parses():
    import numpy  # noqa: F401  (loads its BLAS)
    from threadpoolctl import threadpool_info

    def blas_threads() -> list[int]:
        return [lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"]

    before = blas_threads()
    assert before
    with one_blas_thread():
        assert blas_threads() == [1] * len(before)
    assert blas_threads() == before


def _entities(doc):
    return [(e.start, e.end, e.label_) for e in doc.ents], [(t.ent_iob_, t.ent_type_) for t in doc]


#: sentences that put entities where BiluoPushDown's rules bite: at the last token, right after a
#: sentence start, before white space tokens, side by side, one word long, several words long
EDGES = [
    "Paris", "Jane Doe", "He met Jane Doe", "Microsoft.\nApple", "Ann Lee\n\nBob Ray met in Rome on Monday.",
    "The Red Cross and the United Nations said Ford, GM and Toyota would meet in New York City on 4 July 2023.",
    "  Acme Corp  ", "\n", "IBM IBM IBM", "Tom Hargreaves of Brightwave. Acme Corp said so.",
]


def test_the_entity_recognizer_runs_its_greedy_loop_vectorised(nlp):
    import spacy

    from kg.extract import resolve_model_name

    ner = nlp.get_pipe("ner")
    assert isinstance(ner, GreedyEntities)
    assert "PERSON" in ner.labels  # the wrapped component's own attributes
    plain = spacy.load(resolve_model_name())
    paragraphs = [p for p in next(EXAMPLE.rglob("*.txt")).read_text(encoding="utf-8").split("\n") if p.strip()]
    texts = TEXTS + EDGES + paragraphs + ["Acme Corp hired Jane Doe in Oslo on Monday for $5 million."]
    with one_blas_thread():
        ours = [_entities(d) for d in nlp.pipe(texts, batch_size=4)]  # batches and sub-batches of several lengths
        one = _entities(nlp(texts[-1]))
    theirs = [_entities(d) for d in plain.pipe(texts, batch_size=4)]
    assert sum(len(e) for e, _ in theirs) > 20
    assert ours == theirs
    assert one == theirs[-1]


def test_documents_with_entities_already_set_go_through_the_beam_of_one(nlp):
    """A preset entity constrains the moves in ways the vectorised loop does not check: spaCy's beam of
    one keeps it, as spaCy's greedy loop does."""
    import spacy
    from spacy.tokens import Span

    from kg.extract import resolve_model_name

    plain = spacy.load(resolve_model_name())
    text = "Acme Corp hired Jane Doe in Oslo on Monday."

    def preset(pipeline):
        doc = pipeline.make_doc(text)
        for name, proc in pipeline.pipeline:
            if name == "ner":
                doc.set_ents([Span(doc, 0, 2, label="PERSON")], default="unmodified")  # deliberately odd
            doc = proc(doc)
        return _entities(doc)

    with one_blas_thread():
        ours = preset(nlp)
    assert ours == preset(plain)
    assert ours[0][0] == (0, 2, "PERSON")


def test_a_model_of_another_shape_is_decoded_by_spacy(nlp):
    ner = nlp.get_pipe("ner")
    other = GreedyEntities(ner.component)
    other._known = False  # as for a transition system that is not spaCy's BiluoPushDown
    doc = nlp.make_doc("Acme Corp hired Jane Doe in Oslo.")
    for name, proc in nlp.pipeline:
        doc = (other if name == "ner" else proc)(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [(e.text, e.label_) for e in nlp(doc.text).ents]


def test_an_entity_recognizer_with_a_wider_beam_is_left_alone():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("beam_ner", config={"beam_width": 4})
    nlp.add_pipe("ner", name="greedy")
    nlp.initialize()
    assert vectorised_entities(nlp) is True
    assert type(nlp.get_pipe("beam_ner")).__name__ == "EntityRecognizer"
    assert isinstance(nlp.get_pipe("greedy"), GreedyEntities)
    assert vectorised_entities(nlp) is False  # already done


def test_the_entry_point_index_gives_what_importlib_gives(monkeypatch):
    import importlib.metadata as md

    import catalogue
    import spacy

    from kg.extract.speedups import _EntryPointsByGroup, indexed_entry_points

    found = md.entry_points()
    index = _EntryPointsByGroup(found)
    groups = set(found) if isinstance(found, dict) else {ep.group for ep in found}
    assert {"console_scripts", "spacy_models"} <= groups
    for group in groups:
        assert list(index.select(group=group)) == list(found.select(group=group)), group
    assert list(index.select(group="no such group")) == []
    monkeypatch.setattr(catalogue, "AVAILABLE_ENTRY_POINTS", found)
    before = {name: sorted(getattr(spacy.registry, name).get_all()) for name in ("factories", "architectures", "misc")}
    assert indexed_entry_points() is True and indexed_entry_points() is False  # done once
    assert isinstance(catalogue.AVAILABLE_ENTRY_POINTS, _EntryPointsByGroup)
    assert {name: sorted(getattr(spacy.registry, name).get_all()) for name in before} == before


def test_the_tokenizer_loaded_with_its_special_cases_set_once_is_spacys():
    import spacy
    from spacy.lang.en import English

    from kg.extract import resolve_model_name
    from kg.extract.speedups import special_cases_set_once

    defaults = English.Defaults.tokenizer_exceptions
    name = resolve_model_name()
    ours = special_cases_set_once(lambda: spacy.load(name))
    assert English.Defaults.tokenizer_exceptions is defaults and len(defaults) > 1000  # put back
    assert ours.tokenizer.to_bytes() == spacy.load(name).tokenizer.to_bytes()
    assert [t.text for t in ours("We don't know, said the U.S. envoy :)")][1:3] == ["do", "n't"]
    # a pipeline that brings no special cases of its own gets spaCy's defaults, as from spaCy
    bare = special_cases_set_once(lambda: spacy.load(name, exclude=["tokenizer"]))
    assert bare.tokenizer.rules == spacy.load(name, exclude=["tokenizer"]).tokenizer.rules
    assert len(bare.tokenizer.rules) > 1000


def test_the_keyed_lemmatizer_gives_spacys_lemmas_asking_once_per_key(nlp, monkeypatch):
    from kg.extract.speedups import KeyedLemmatizer

    keyed = nlp.get_pipe("lemmatizer")
    assert isinstance(keyed, KeyedLemmatizer) and keyed.mode == "rule"
    asked = []
    lemmatize = keyed.component.lemmatize
    monkeypatch.setattr(keyed.component, "lemmatize", lambda token: asked.append(token.text) or lemmatize(token))
    monkeypatch.setattr(keyed, "_lemmas", {})
    text = "The ministers were meeting. The ministers met again; they had been meeting for days."
    ours = keyed(nlp(text, disable=["lemmatizer", "ner"]))
    assert asked.count("ministers") == 1 and asked.count("The") == 1  # each (word, tag, morphology) once
    assert "were" not in asked  # its lemma came from the attribute ruler: kept, never asked
    theirs = keyed.component(nlp(text, disable=["lemmatizer", "ner"]))
    assert [t.lemma_ for t in ours] == [t.lemma_ for t in theirs]
    assert [t.lemma_ for t in ours][:4] == ["the", "minister", "be", "meet"]
    monkeypatch.setattr(keyed.component, "overwrite", True)
    asked.clear()
    overwritten = keyed(nlp(text, disable=["lemmatizer", "ner"]))
    assert "were" in asked and [t.lemma_ for t in overwritten] == \
        [t.lemma_ for t in keyed.component(nlp(text, disable=["lemmatizer", "ner"]))]
