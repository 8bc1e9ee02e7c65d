"""Batching of texts for spaCy: by document count and by words; long bodies parsed in parts."""
from __future__ import annotations

from datetime import date

from conftest import ROOT
from kg.extract import pipeline
from kg.extract.pipeline import _text_batches


def test_batches_keep_order_and_respect_both_limits():
    texts = [("w " * n, i) for i, n in enumerate([5, 5, 5, 30, 2, 2, 2, 2, 2, 9])]
    batches = list(_text_batches(texts, max_docs=3, max_words=10))
    assert [c for b in batches for _, c in b] == list(range(10))
    for b in batches:
        assert len(b) <= 3
        words = sum(len(t.split()) for t, _ in b)
        assert words <= 10 or len(b) == 1  # only a single text longer than the budget goes alone
    assert [len(b) for b in batches] == [2, 1, 1, 3, 2, 1]


def test_word_budget_does_not_change_the_extraction(nlp, monkeypatch):
    from kg.read import collect_paths, read_document

    docs = [read_document(p, date(2024, 1, 1)) for p in collect_paths([ROOT / "tests" / "data" / "merge"])]
    assert len(docs) >= 3
    whole = list(pipeline.extract(docs, nlp, batch_size=64))
    monkeypatch.setattr(pipeline, "BATCH_WORDS", 1)  # every text (headline, body) alone in its batch
    seen: list[int] = []
    real = pipeline._text_batches

    def recorded(items, max_docs, max_words):
        for b in real(items, max_docs, max_words):
            seen.append(len(b))
            yield b

    monkeypatch.setattr(pipeline, "_text_batches", recorded)
    small = list(pipeline.extract(docs, nlp, batch_size=64))
    assert max(seen) == 1 and len(seen) >= len(docs)
    assert small == whole


def test_parts_cover_the_body_and_end_at_paragraphs_then_sentences_then_spaces():
    text = "Intro.\n\n" + "One two three. Four five six.\n\n" * 5 + "x" * 50
    start, end = 8, len(text)
    parts = pipeline._parts(text, start, end, 40)
    assert parts[0][0] == start and parts[-1][1] == end
    assert all(a[1] == b[0] for a, b in zip(parts, parts[1:]))  # contiguous, nothing lost
    assert all(e - s <= 40 for s, e in parts)
    assert all(text[e - 2:e] == "\n\n" for _, e in parts[:5])  # paragraph breaks while there are any
    no_break = "a" * 95 + ". " + "b" * 30
    assert pipeline._parts(no_break, 0, len(no_break), 100) == [(0, 97), (97, 127)]  # after the sentence
    solid = "z" * 250
    assert pipeline._parts(solid, 0, 250, 100) == [(0, 100), (100, 200), (200, 250)]
    assert pipeline._parts(text, 0, 20, 40) == [(0, 20)]


def test_a_long_body_is_parsed_in_parts_with_the_same_extraction(nlp, monkeypatch):
    from conftest import SEED
    from kg.read import read_document

    assert pipeline.MAX_SEGMENT_CHARS < nlp.max_length  # spaCy refuses longer texts
    d = read_document(SEED, date(2021, 8, 11))
    whole = next(pipeline.extract([d], nlp))
    monkeypatch.setattr(pipeline, "MAX_SEGMENT_CHARS", 1200)
    assert sum(1 for name, _, _ in pipeline._segments(d) if name == "body") >= 2
    parts = next(pipeline.extract([d], nlp))
    assert sorted((e.type, e.label) for e in parts.entities) == sorted((e.type, e.label) for e in whole.entities)
    assert (len(parts.quotes), len(parts.events), len(parts.relations)) == (
        len(whole.quotes), len(whole.events), len(whole.relations))
    assert all(d.text[m.start:m.end] == m.text for e in parts.entities for m in e.mentions)


def test_in_order_keeps_order_and_at_most_in_flight_tasks_waiting():
    submitted: list[int] = []
    read: list[int] = []

    def tasks():
        for i in range(10):
            submitted.append(i)
            yield i

    def result(i):
        read.append(i)
        assert len(submitted) - len(read) < 3  # never more than in_flight submitted and unread
        return [i * 10, i * 10 + 1]

    out = list(pipeline.in_order(tasks(), 3, result))
    assert out == [v for i in range(10) for v in (i * 10, i * 10 + 1)]
    assert read == list(range(10))
